//! Where a run's reports go: the CSV files of the output contract ([`crate::out::csv`]),
//! the same tables as Parquet files ([`crate::out::parquet`]) or one JSON Lines file or
//! stream ([`crate::out::jsonl`]). The pipeline writes to a [`Sink`] and does not care
//! which.

use std::path::Path;

use crate::out::csv::{Outputs, Rendered};
use crate::parse::report::Report;
use crate::Error;

/// The output format (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// The seven CSV files of the output contract.
    #[default]
    Csv,
    /// One JSON object per report, in `reports.jsonl` or on standard output.
    Jsonl,
    /// One typed Parquet file per table.
    Parquet,
}

impl Format {
    /// The files a run in this format writes into the output folder, in the order
    /// of the output contract (`reports.csv`, `cells.csv`, …; `reports.jsonl`), when
    /// every table is asked for ([`Tables::ALL`]).
    ///
    /// ```
    /// use zfxxgk::run::Format;
    /// assert_eq!(Format::Csv.files()[0], "reports.csv");
    /// assert_eq!(Format::Csv.files().len(), Format::Parquet.files().len());
    /// assert_eq!(Format::Jsonl.files(), ["reports.jsonl"]);
    /// ```
    pub fn files(self) -> &'static [&'static str] {
        match self {
            Format::Csv => crate::out::csv::FILES,
            Format::Jsonl => &[crate::out::jsonl::FILE],
            Format::Parquet => &crate::out::parquet::FILES,
        }
    }

    /// Reports a worker parses and renders as one block. A Parquet block is one
    /// row group of every table, so it is larger: row groups of a few thousand
    /// rows would compress poorly and fill the footer.
    pub fn block_size(self) -> usize {
        match self {
            Format::Parquet => 256,
            _ => 16,
        }
    }
}

/// The tables a run writes (`--tables`), one per file of [`Format::files`] (the seven
/// CSV or Parquet files).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tables(u8);

impl Default for Tables {
    fn default() -> Tables {
        Tables::ALL
    }
}

impl Tables {
    /// Every table.
    pub const ALL: Tables = Tables(0x7f);
    /// The names `--tables` takes, in file order.
    pub const NAMES: [&'static str; 7] = [
        "reports",
        "cells",
        "labels",
        "sections",
        "wide",
        "checks",
        "diagnostics",
    ];

    /// Whether the table at `index` of [`Tables::NAMES`] is written.
    pub fn has(self, index: usize) -> bool {
        index < 7 && self.0 & (1 << index) != 0
    }

    /// Whether every table is written.
    pub fn all(self) -> bool {
        self == Tables::ALL
    }

    /// Reads `reports,wide,cells` (any order; `all` for every table).
    pub fn parse(list: &str) -> Result<Tables, String> {
        let mut bits = 0u8;
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            if name == "all" {
                bits = Tables::ALL.0;
                continue;
            }
            let i = Tables::NAMES
                .iter()
                .position(|n| *n == name)
                .ok_or_else(|| {
                    format!(
                        "`{name}` is not a table; the tables are {} (or all)",
                        Tables::NAMES.join(", ")
                    )
                })?;
            bits |= 1 << i;
        }
        if bits == 0 {
            return Err(format!(
                "no table named; the tables are {}",
                Tables::NAMES.join(", ")
            ));
        }
        Ok(Tables(bits))
    }
}

/// Renders one report for a sink, on any thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Renderer {
    pub format: Format,
    pub excel: bool,
    pub tables: Tables,
}

/// Cross-year check rows, rendered for the sink's format.
pub enum CrossRows {
    Csv(Vec<u8>),
    Parquet(Option<crate::out::parquet::EncodedGroup>),
}

impl Renderer {
    /// Cross-year checks as checks.csv rows (CSV only: a JSON line holds one report,
    /// and these span two).
    pub fn cross_year<'a>(
        &self,
        cross: &[crate::model::checks::CrossCheck],
        id_of: &dyn Fn(u32) -> &'a str,
    ) -> crate::Result<CrossRows> {
        if !self.tables.has(5) {
            return Ok(CrossRows::Csv(Vec::new()));
        }
        match self.format {
            Format::Csv => Ok(CrossRows::Csv(crate::out::csv::render_cross_year(
                cross, id_of, self.excel,
            )?)),
            Format::Parquet => Ok(CrossRows::Parquet(crate::out::parquet::render_cross_year(
                cross, id_of,
            )?)),
            Format::Jsonl => Ok(CrossRows::Csv(Vec::new())),
        }
    }

    /// Appends one report's rows to `out` (JSON Lines: to its first buffer;
    /// Parquet: to the block's columns).
    pub fn render_into(&self, r: &Report, out: &mut Rendered) -> crate::Result<()> {
        match self.format {
            Format::Csv => crate::out::csv::render_into(r, self.excel, self.tables, out),
            Format::Jsonl => crate::out::jsonl::write_report(&mut out.files[0], r)
                .map_err(|e| Error::Internal(format!("rendering JSON failed: {e}"))),
            Format::Parquet => crate::out::parquet::render_into(r, self.tables),
        }
    }

    /// Ends a block: Parquet encodes and compresses its columns here, on the
    /// worker, so that the writer only copies finished row groups.
    pub fn finish_block(&self, out: &mut Rendered) -> crate::Result<()> {
        match self.format {
            Format::Parquet => {
                crate::out::parquet::encode_block(out.parquet.get_or_insert_with(Box::default))
            }
            _ => Ok(()),
        }
    }
}

/// The output folder name that means standard output.
pub const STDOUT: &str = "-";

/// The open output of one run.
pub enum Sink {
    Csv(Outputs),
    Jsonl(crate::out::jsonl::Output),
    Parquet(crate::out::parquet::Output),
}

impl Sink {
    /// Opens the output: `dir` is a folder, or `-` for standard output (JSON Lines
    /// only: the CSV form is several files and cannot share one stream).
    pub fn create(dir: &Path, format: Format, excel: bool, tables: Tables) -> crate::Result<Sink> {
        let stdout = dir == Path::new(STDOUT);
        match format {
            Format::Csv | Format::Parquet if stdout => Err(Error::Usage(
                "-o - writes to standard output, which only --format jsonl can do: the CSV and Parquet forms are one file per table, so give a folder".to_string(),
            )),
            Format::Jsonl if !tables.all() => Err(Error::Usage(
                "--tables chooses among the CSV or Parquet files; --format jsonl writes every table of a report into its one line, so leave --tables out".to_string(),
            )),
            Format::Parquet if excel => Err(Error::Usage(
                "--excel shapes CSV for spreadsheets; Parquet files are typed and need no BOM: leave --excel out".to_string(),
            )),
            Format::Csv => Ok(Sink::Csv(Outputs::create(dir, excel, tables)?)),
            Format::Parquet => Ok(Sink::Parquet(crate::out::parquet::Output::create(dir, tables)?)),
            Format::Jsonl if stdout => Ok(Sink::Jsonl(crate::out::jsonl::Output::stdout())),
            Format::Jsonl => Ok(Sink::Jsonl(crate::out::jsonl::Output::create(dir)?)),
        }
    }

    /// What renders reports for this sink; it can be shared by worker threads.
    pub fn renderer(&self, tables: Tables) -> Renderer {
        let (format, excel) = match self {
            Sink::Csv(o) => (Format::Csv, o.excel()),
            Sink::Jsonl(_) => (Format::Jsonl, false),
            Sink::Parquet(_) => (Format::Parquet, false),
        };
        Renderer {
            format,
            excel,
            tables,
        }
    }

    /// Appends rows rendered by [`Sink::renderer`], one slice per file.
    pub fn append_parts(&mut self, parts: [&[u8]; 7]) -> crate::Result<()> {
        match self {
            Sink::Csv(o) => o.append_parts(parts),
            Sink::Jsonl(o) => o.append(parts[0]),
            Sink::Parquet(_) => Ok(()),
        }
    }

    /// Appends what [`Renderer::finish_block`] encoded (Parquet row groups).
    pub fn append_encoded(&mut self, rendered: &mut Rendered) -> crate::Result<()> {
        match (self, rendered.parquet.as_deref_mut()) {
            (Sink::Parquet(o), Some(b)) => o.append_block(b),
            _ => Ok(()),
        }
    }

    /// Copies `n` bytes of rows from `src` (the previous run's file `index`, at
    /// the rows to keep) to file `index`. CSV only: `--incremental` keeps no JSON.
    pub fn copy_rows(
        &mut self,
        index: usize,
        src: &mut std::io::BufReader<std::fs::File>,
        n: u64,
        src_path: &Path,
    ) -> crate::Result<()> {
        match self {
            Sink::Csv(o) => o.copy_rows(index, src, n, src_path),
            Sink::Jsonl(_) | Sink::Parquet(_) => Err(Error::Internal(
                "--incremental keeps rows of CSV files only".into(),
            )),
        }
    }

    /// Appends rows from [`Renderer::cross_year`] to checks.csv, after every
    /// report's own checks.
    pub fn append_cross_year(&mut self, rows: CrossRows) -> crate::Result<()> {
        match (self, rows) {
            (Sink::Csv(o), CrossRows::Csv(rows)) => o.append_to(5, &rows),
            (Sink::Parquet(o), CrossRows::Parquet(Some(g))) => o.append_group(5, g),
            _ => Ok(()),
        }
    }

    /// The header length of each CSV file (zeros for JSON Lines).
    pub fn header_lengths(&self) -> [u64; 7] {
        match self {
            Sink::Csv(o) => o.header_lengths(),
            Sink::Jsonl(_) | Sink::Parquet(_) => [0; 7],
        }
    }

    /// Flushes everything and moves the files into place.
    pub fn finish(self) -> crate::Result<()> {
        match self {
            Sink::Csv(o) => o.finish(),
            Sink::Jsonl(o) => o.finish(),
            Sink::Parquet(o) => o.finish(),
        }
    }
}
