//! The integration tests: one binary, one module per concern.

mod util;

mod api;
mod check_cmd;
mod cli;
mod codebook;
mod converted;
mod corpus;
mod crawled;
mod excel;
mod exit_codes;
mod golden;
mod grammar_cmd;
mod help;
mod hostile;
mod html;
mod incremental;
mod inputs;
mod jsonl;
mod keyed;
mod parquet;
mod pdf;
mod pdfconv;
mod props;
mod samples;
mod snapshots;
mod summary;
mod torture;
