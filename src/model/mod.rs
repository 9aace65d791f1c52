//! What a report becomes: the [`Report`] with its [`Status`] and [`Meta`]data, its
//! [`Tables`] cell by cell ([`Slot`]), the outcome of its checks ([`CheckResult`]),
//! values with their units ([`Decimal`], [`Unit`]), and diagnostics ([`Diag`]).
//! Nothing here reads or writes files; [`crate::parse_report`] fills these types in.
//!
//! Every type is [`serde::Serialize`], so another program can take a report's data
//! without parsing the JSON Lines output:
//!
//! - a value ([`Decimal`]) is a string of its printed digits (`"37551661.7"`), exact;
//! - an enum is the name the CSV files write (`"ok"`, `"number"`, `"tab-cells"`, `"万元"`);
//! - a template is its id (`"2021"`);
//! - the report's text is left out; byte ranges (`raw`, `range`) into it are kept,
//!   so a caller that has the text can cut the printed cell out of it.
//!
//! ```
//! let text = "2020年东新街道政府信息公开工作年度报告\n一、总体情况\n……\n\
//!             二、主动公开政府信息情况\n第二十条第（一）项\n\
//!             信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n\
//!             规章\t1\t2\t3\n";
//! let report = zfxxgk::parse_report("dongxin.txt", text.as_bytes());
//! let json = serde_json::to_value(&report)?;
//! assert_eq!(json["template"], "2019");
//! assert_eq!(json["meta"]["year"], 2020);
//! let first = &json["tables"]["tables"][0]["slots"][0];
//! assert_eq!((first["state"].as_str(), first["value"].as_str()), (Some("number"), Some("1")));
//! assert!(json.get("text").is_none());
//! # Ok::<(), serde_json::Error>(())
//! ```

pub(crate) mod checks;
pub(crate) mod diag;
pub(crate) mod meta;
pub(crate) mod report;
pub(crate) mod tables;
pub(crate) mod value;

pub use checks::CheckResult;
pub use diag::{Diag, Kind, Level};
pub use meta::{Meta, YearSource};
pub use report::{Format, Narrative, Report, Status};
pub use tables::{Axis, GluedRun, LabelRead, Layout, Slot, State, TableRead, Tables};
pub use value::{Decimal, Unit};

/// `Serialize` for an enum as the name the output files write ([`Status::as_str`]…).
macro_rules! serialize_as_str {
    ($($t:ty),*) => {$(
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    )*};
}
serialize_as_str!(Status, Format, Layout, State, Axis, Unit);

/// A value is serialised as a string of its printed digits (`"37551661.7"`, `"-8"`),
/// exact whatever the reader's number type.
impl serde::Serialize for Decimal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
