//! What a report becomes: the report with its status and metadata, its tables cell by
//! cell, the outcome of its checks, values with their units, and diagnostics. Nothing
//! here reads or writes files; [`crate::parse`] fills these types in.

pub mod checks;
pub mod diag;
pub mod meta;
pub mod report;
pub mod tables;
pub mod value;
