//! zfxxgk reads China's government information-disclosure annual reports
//! (政府信息公开工作年度报告) from plain text and writes their tables as checked CSV.
//!
//! The data flows through one folder per stage:
//!
//! 1. [`run::discover`]: paths → input files, sorted.
//! 2. [`parse`]: bytes → [`Report`]: [`parse::input`] (an HTML page or a PDF → text,
//!    tables as TAB rows, lines traced back to the original), [`parse::decode`] (UTF-8, GB18030,
//!    UTF-16; the encoding recorded), [`parse::sections`] (the six sections 一…六 by
//!    their headings) and [`parse::meta`] (title, year, organ, signature),
//!    [`parse::cells`] (a table region → cells with line numbers, whatever the
//!    layout), [`parse::template`] (cells → typed tables, by the labels of the
//!    official templates in `grammars/*.toml`, loaded by [`grammar`]: the
//!    compiled-in ones or, with [`grammar::Grammars::with_files`] and
//!    [`parse::report::parse_report_with`], template files read at run time); where that
//!    leaves cells missing, [`parse::tokens`] and [`parse::align`] read the section
//!    as a stream of labels and numbers, and [`parse::referee`] keeps the better
//!    reading ([`parse::anchors`] finds a table whose heading is missing),
//!    [`parse::glued`] (digits a converter ran together, split by the report's own
//!    identities), [`parse::checks`] (the arithmetic identities).
//! 3. [`model`]: what a report is made of: values, units, diagnostics.
//! 4. [`out`]: reports → the CSV files, streamed in input order, or JSON Lines;
//!    [`run::pipeline`] runs it all in parallel.
//! 5. [`present`]: one report rendered for a person (`zfxxgk check`), the codebook.
//!
//! ```
//! let text = "2020年东新街道政府信息公开工作年度报告\n一、总体情况\n……\n";
//! let report = zfxxgk::parse_report("dongxin.txt", text.as_bytes());
//! assert_eq!(report.meta.year, Some(2020));
//! assert_eq!(report.meta.organ.as_deref(), Some("东新街道"));
//! ```

pub mod error;
pub mod grammar;
pub mod model;
pub mod out;
pub mod parse;
pub mod present;
pub mod run;

pub use error::{Error, Result};
pub use parse::report::{parse_report, parse_report_with, Report, Status};
