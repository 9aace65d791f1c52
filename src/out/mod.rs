//! Reports → files: the CSV tables of the output contract, the same as Parquet,
//! JSON Lines, and the sink
//! that a run writes to whichever was asked for.

pub(crate) mod csv;
pub(crate) mod jsonl;
pub(crate) mod parquet;
pub(crate) mod sink;
pub(crate) mod staging;
