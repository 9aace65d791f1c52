//! Reports → files: the CSV tables of the output contract, the same as Parquet,
//! JSON Lines, and the sink
//! that a run writes to whichever was asked for.

pub mod csv;
pub mod jsonl;
pub mod parquet;
pub mod sink;
pub mod staging;
