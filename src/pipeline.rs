//! Running the whole job: find the files, parse them in parallel, write the results
//! in input order. Inputs are processed in ordered chunks: each chunk is parsed on
//! all cores, then written, so memory stays bounded by the chunk, not the archive,
//! and the output is byte-identical whatever the number of threads.

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

use crate::discover::{discover, Input};
use crate::output::{Format, Sink};
use crate::report::{parse_report, Report, Status};

/// Files larger than this are reported, not read (50 MiB).
pub const DEFAULT_MAX_BYTES: u64 = 50 * 1024 * 1024;
/// Reports parsed before their rows are written.
const CHUNK: usize = 256;

/// What to run.
#[derive(Debug, Clone)]
pub struct Options {
    pub inputs: Vec<PathBuf>,
    pub out_dir: PathBuf,
    pub max_bytes: u64,
    pub excel: bool,
    /// CSV files, or JSON Lines (`out_dir` `-`: standard output).
    pub format: Format,
}

impl Options {
    pub fn new(inputs: Vec<PathBuf>, out_dir: PathBuf) -> Options {
        Options {
            inputs,
            out_dir,
            max_bytes: DEFAULT_MAX_BYTES,
            excel: false,
            format: Format::Csv,
        }
    }
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub files: usize,
    /// Files by status: ok, partial, not_report, unreadable.
    pub by_status: [usize; 4],
    pub cells: usize,
    pub checks_failed: usize,
    pub bytes: u64,
    pub seconds: f64,
}

/// Reads one input file into a report; never fails.
pub fn process(input: &Input, max_bytes: u64) -> (Report, u64) {
    if let Some(msg) = &input.walk_error {
        return (Report::unreadable(&input.report_id, msg.clone()), 0);
    }
    let meta = match std::fs::metadata(&input.path) {
        Ok(m) => m,
        Err(e) => {
            return (
                Report::unreadable(
                    &input.report_id,
                    format!("The file could not be opened ({}): check that it still exists and is readable.", e.kind()),
                ),
                0,
            )
        }
    };
    if meta.is_dir() {
        return (
            Report::unreadable(
                &input.report_id,
                "This is a folder whose name ends in .txt, not a report file: rename it or leave it out.",
            ),
            0,
        );
    }
    if meta.len() > max_bytes {
        return (
            Report::unreadable(
                &input.report_id,
                format!(
                    "The file is {} bytes, over the limit of {max_bytes}: it is unlikely to be one report; split it or raise --max-bytes.",
                    meta.len()
                ),
            ),
            0,
        );
    }
    match std::fs::read(&input.path) {
        Ok(bytes) => {
            if bytes.len() as u64 > max_bytes {
                let n = bytes.len();
                return (
                    Report::unreadable(
                        &input.report_id,
                        format!("The file is {n} bytes, over the limit of {max_bytes}: split it or raise --max-bytes."),
                    ),
                    n as u64,
                );
            }
            let n = bytes.len() as u64;
            (parse_report(&input.report_id, &bytes), n)
        }
        Err(e) => (
            Report::unreadable(
                &input.report_id,
                format!(
                    "The file could not be read ({}): check that it still exists and is readable.",
                    e.kind()
                ),
            ),
            0,
        ),
    }
}

/// Runs the extraction; `progress` is called with the number of files done and the
/// total, once when the inputs are found and after each chunk.
pub fn run(opts: &Options, progress: &(dyn Fn(usize, usize) + Sync)) -> crate::Result<Summary> {
    let start = Instant::now();
    let inputs = discover(&opts.inputs)?;
    // The total is known before the first chunk is parsed: show it at once.
    progress(0, inputs.len());
    let mut out = Sink::create(&opts.out_dir, opts.format, opts.excel)?;
    let mut summary = Summary {
        files: inputs.len(),
        ..Summary::default()
    };
    let mut done = 0;
    for chunk in inputs.chunks(CHUNK) {
        let reports: Vec<(Report, u64)> = chunk
            .par_iter()
            .map(|i| process(i, opts.max_bytes))
            .collect();
        for (r, n) in &reports {
            out.write(r)?;
            summary.bytes += n;
            summary.cells += r.cells_read();
            summary.checks_failed += r.checks_failed();
            let k = match r.status {
                Status::Ok => 0,
                Status::Partial => 1,
                Status::NotReport => 2,
                Status::Unreadable => 3,
            };
            summary.by_status[k] += 1;
        }
        done += chunk.len();
        progress(done, inputs.len());
    }
    out.finish()?;
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}
