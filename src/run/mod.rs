//! A whole run over many files: find them, parse them in parallel, keep the output
//! in input order, check across years, and reuse an earlier run's rows
//! (`--incremental`).

pub mod cache;
pub mod crossyear;
pub mod discover;
pub mod pipeline;
pub mod scheduler;
