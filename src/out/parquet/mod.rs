//! Reports → Parquet files (`--format parquet`): one file per output table, with
//! the columns of the CSV files and real types, for pandas, polars, DuckDB and R.
//!
//! * Numbers of the tables (`value`, `expected`, `actual`, the cells of wide) are
//!   `DECIMAL(38, 12)`: every value the cell grammar accepts (an `i64` mantissa with
//!   at most 12 decimals, see `Decimal::parse_plain`) is held exactly, so a sum in
//!   DuckDB or polars is the sum of what was printed. The money columns of wide,
//!   in 万元 (a value printed in 元 moves the point four places), are
//!   `DECIMAL(38, 16)`.
//! * `line`, `cells`, `checks_failed` are `INT64`; `section` and `year` `INT32`;
//!   `report_date` and `published` `DATE`s; `ok` a `BOOLEAN`; everything else UTF-8 text. Text the
//!   CSV files leave empty because it is absent (an item of sections 3 and 4, a
//!   unit, the raw text of a missing cell) is null.
//! * A column chunk whose values repeat (`report_id` over a report's rows, keys,
//!   states, units, repeated numbers and labels: at most half as many distinct
//!   values as values, and a dictionary of at most 1 MiB) is a dictionary page
//!   (PLAIN) and one data page of indices (RLE_DICTIONARY); any other is PLAIN data
//!   pages of about 1 MiB. Data pages are of version 1, every page is
//!   zstd-compressed (level 1), and there are no statistics or page index.
//!
//! The stages, one module each:
//!
//! * [`schema`]: the columns of each table, their Parquet types and writer settings;
//! * [`columns`]: a block's rows held column by column until they are encoded;
//! * [`render`]: a report's rows appended to those columns, on the worker that parsed it;
//! * [`encode`]: columns → the values of each column chunk, as a dictionary and
//!   indices or PLAIN;
//! * [`pages`]: the pages of a column chunk, their headers and compression;
//! * [`output`]: the files, their row groups in input order, and their footers.
//!
//! A worker renders its block of reports and encodes the tables with many rows per
//! report (cells, labels, sections, checks) into one row group each
//! ([`encode_block`], on every core); the writer appends those finished column
//! chunks in input order. The tables with one row or a few per report (wide, over
//! four hundred columns; reports; diagnostics) are gathered by the writer into row
//! groups of [`WIDE_GROUP`] and [`SMALL_GROUP`] rows: the parquet crate holds the
//! footer entry of every column chunk (a few hundred bytes) until the file closes,
//! so a row group per block of these tables grew a run's memory with the archive.
//! Blocks are fixed ranges of
//! the sorted inputs and the writer takes them in order, so the bytes are the same
//! whatever the number of threads, and memory holds a few blocks, not the archive.
//!
//! This uses the parquet crate without arrow (`default-features = false`, zstd
//! only): the columns are few and flat, and the arrow crates would add a third to
//! the build for nothing these files need. The crate writes the file (its schema,
//! the splicing of finished column chunks into row groups, the footer); the pages
//! are written here, not by its column writer, which hashed every value into its
//! dictionary, took each text as a reference-counted `ByteArray`, and made a zstd
//! context for every column chunk: over half of what `--format parquet` cost
//! beyond the parse. The values of these columns are mostly known strings of the
//! templates, whose dictionary entry is found by the string's address, and a
//! report's id repeated over its rows, whose entry is the run.

mod columns;
mod encode;
mod output;
mod pages;
mod render;
mod schema;

pub use columns::BlockData;
pub use encode::{encode_block, EncodedGroup};
pub use output::Output;
pub use render::{render_cross_year, render_into};

/// The files written, in the order of the CSV files (`crate::out::csv::FILES`).
pub const FILES: [&str; 7] = [
    "reports.parquet",
    "cells.parquet",
    "labels.parquet",
    "sections.parquet",
    "wide.parquet",
    "checks.parquet",
    "diagnostics.parquet",
];

/// Decimals of the number columns: the most the cell grammar accepts.
pub const SCALE: u8 = 12;
/// Decimals of the money columns of wide (万元: four more than a value in 元).
pub const MONEY_SCALE: u8 = 16;
/// The index of wide among the tables.
const WIDE: usize = 4;
/// Reports per row group of wide.parquet (rounded up to whole blocks).
pub const WIDE_GROUP: usize = 4096;
/// Rows per row group of reports.parquet and diagnostics.parquet (rounded up to
/// whole blocks).
pub const SMALL_GROUP: usize = 16_384;
/// Bytes of text a gathered table holds before its row group is written, however
/// few its rows: diagnostics of a few hundred bytes each (a report whose every
/// identity fails warns once per suspect cell) made a group of 16,384 rows several
/// megabytes, held and then encoded at once (peak RSS at 200,000 such reports 113
/// MiB instead of 97).
pub const GROUP_BYTES: usize = 2 << 20;

/// Rows per row group of a table the writer gathers from several blocks (wide,
/// reports, diagnostics: tables with few rows per report, whose row groups of one
/// block would be mostly footer); `None` for a table whose row group is a block's
/// rows, encoded on the worker.
fn gathered(table: usize) -> Option<usize> {
    match table {
        WIDE => Some(WIDE_GROUP),
        0 | 6 => Some(SMALL_GROUP),
        _ => None,
    }
}

fn pq_err(e: ::parquet::errors::ParquetError) -> crate::Error {
    crate::Error::Internal(format!("writing Parquet failed: {e}"))
}
