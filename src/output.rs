//! Where a run's reports go: the CSV files of the output contract ([`crate::write`])
//! or one JSON Lines file or stream ([`crate::jsonl`]). The pipeline writes to a
//! [`Sink`] and does not care which.

use std::path::Path;

use crate::report::Report;
use crate::write::Outputs;
use crate::Error;

/// The output format (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// The seven CSV files of the output contract.
    #[default]
    Csv,
    /// One JSON object per report, in `reports.jsonl` or on standard output.
    Jsonl,
}

/// The output folder name that means standard output.
pub const STDOUT: &str = "-";

/// The open output of one run.
pub enum Sink {
    Csv(Outputs),
    Jsonl(crate::jsonl::Output),
}

impl Sink {
    /// Opens the output: `dir` is a folder, or `-` for standard output (JSON Lines
    /// only: the CSV form is several files and cannot share one stream).
    pub fn create(dir: &Path, format: Format, excel: bool) -> crate::Result<Sink> {
        let stdout = dir == Path::new(STDOUT);
        match format {
            Format::Csv if stdout => Err(Error::Usage(
                "-o - writes to standard output, which only --format jsonl can do: the CSV form is seven files, so give a folder".to_string(),
            )),
            Format::Csv => Ok(Sink::Csv(Outputs::create(dir, excel)?)),
            Format::Jsonl if stdout => Ok(Sink::Jsonl(crate::jsonl::Output::stdout())),
            Format::Jsonl => Ok(Sink::Jsonl(crate::jsonl::Output::create(dir)?)),
        }
    }

    /// Writes one report.
    pub fn write(&mut self, r: &Report) -> crate::Result<()> {
        match self {
            Sink::Csv(o) => o.write(r),
            Sink::Jsonl(o) => o.write(r),
        }
    }

    /// Flushes everything and moves the files into place.
    pub fn finish(self) -> crate::Result<()> {
        match self {
            Sink::Csv(o) => o.finish(),
            Sink::Jsonl(o) => o.finish(),
        }
    }
}
