//! zfxxgk reads China's government information-disclosure annual reports
//! (政府信息公开工作年度报告) from plain text, HTML pages or PDFs and writes their
//! tables as checked CSV.
//!
//! This is the library behind the `zfxxgk` command. Its public API is small:
//!
//! - [`parse_report`] (text bytes) and [`parse_input`] / [`parse_as`] (an HTML page, a
//!   PDF or text, told by name or given) turn one file into a [`Report`];
//! - [`model`]: what a report is made of (tables cell by cell, values with their units,
//!   metadata, checks, diagnostics), all [`serde::Serialize`];
//! - [`grammar`]: the official templates ([`grammar::templates`],
//!   [`grammar::template`]) with their keys and labels;
//! - [`run`]: a whole run over files and folders into the output files
//!   ([`run::run`] with [`run::Options`]), and [`run::read_file`] for one file;
//! - [`present`]: text for people (the `zfxxgk check` view, the codebook, the
//!   end-of-run summary);
//! - [`Error`] and [`Result`] ([`error`]).
//!
//! Everything else (the reader's stages, the output writers, the cache) is private.
//!
//! Parse a report and read a cell by its key (`section/item/row/column`, see
//! docs/codebook.md):
//!
//! ```
//! let text = "2020年东新街道政府信息公开工作年度报告\n一、总体情况\n……\n\
//!             二、主动公开政府信息情况\n\
//!             第二十条第（一）项\n\
//!             信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n\
//!             规章\t0\t0\t3\n\
//!             规范性文件\t2\t1\t15\n";
//! let report = zfxxgk::parse_report("dongxin.txt", text.as_bytes());
//! assert_eq!(report.meta.year, Some(2020));
//! assert_eq!(report.meta.organ.as_deref(), Some("东新街道"));
//! assert_eq!(report.template.as_ref().map(|t| t.id()), Some("2019"));
//! let cells = report.keyed_cells();
//! let (_, slot) = cells
//!     .iter()
//!     .find(|(key, _)| key == "2/20.1/normative_doc/total_public")
//!     .expect("the cell is in the template");
//! let slot = slot.expect("the cell was read");
//! assert_eq!(slot.state, zfxxgk::model::State::Number);
//! assert_eq!(slot.value.map(|v| v.to_string()).as_deref(), Some("15"));
//! assert_eq!(slot.line, 8); // the line it was printed on
//! // The sections 三 and 四 are not in this text: the report is partial.
//! assert_eq!(report.status, zfxxgk::Status::Partial);
//! ```

#![deny(missing_docs)]

pub mod error;
pub mod grammar;
pub mod model;
pub(crate) mod out;
pub(crate) mod parse;
pub mod present;
pub mod run;

pub use error::{Error, Result};
pub use model::{Report, Status};
pub use parse::input::{parse_as, parse_input};
pub use parse::report::{parse_report, parse_report_with};
