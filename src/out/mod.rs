//! Reports → files: the CSV tables of the output contract, JSON Lines, and the sink
//! that a run writes to whichever was asked for.

pub mod csv;
pub mod jsonl;
pub mod sink;
