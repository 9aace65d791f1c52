//! zfxxgk reads China's government information-disclosure annual reports
//! (政府信息公开工作年度报告) from plain text and writes their tables as checked CSV.
//!
//! The data flows through one module per stage:
//!
//! 1. [`discover`]: paths → input files, sorted.
//! 2. [`decode`]: bytes → text (UTF-8, GB18030, UTF-16; the encoding recorded).
//! 3. [`sections`]: text → the six sections 一…六 by their headings; [`meta`] reads
//!    the title, year, organ and signature.
//! 4. [`cells`]: a table region → cells with line numbers, whatever the layout.
//! 5. [`template`]: cells → typed tables, by matching labels against the official
//!    templates in `grammars/*.toml` ([`grammar`]); [`glued`] splits digits that a
//!    converter ran together, using the report's own identities.
//! 6. [`checks`]: tables → the arithmetic identities.
//! 7. [`write`](mod@write): reports → CSV, streamed in input order, or [`jsonl`]: reports →
//!    JSON Lines, whichever [`output`] was asked for; [`pipeline`] runs it all in
//!    parallel. [`view`] renders one report for a person (`zfxxgk check`).
//!
//! ```
//! let text = "2020年东新街道政府信息公开工作年度报告\n一、总体情况\n……\n";
//! let report = zfxxgk::parse_report("dongxin.txt", text.as_bytes());
//! assert_eq!(report.meta.year, Some(2020));
//! assert_eq!(report.meta.organ.as_deref(), Some("东新街道"));
//! ```

pub mod cache;
pub mod cells;
pub mod checks;
pub mod codebook;
pub mod crossyear;
pub mod decode;
pub mod diag;
pub mod discover;
pub mod error;
pub mod glued;
pub mod grammar;
pub mod jsonl;
pub mod lines;
pub mod meta;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod report;
pub mod sections;
pub mod template;
pub mod value;
pub mod view;
pub mod write;

pub use error::{Error, Result};
pub use report::{parse_report, Report, Status};
