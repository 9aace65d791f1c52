//! The data a report becomes: values with their units, diagnostics, and (in
//! [`crate::parse`]) the report and its tables. Nothing here reads or writes files.

pub mod diag;
pub mod value;
