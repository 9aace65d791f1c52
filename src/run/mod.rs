//! A whole run over many files: find them, parse them in parallel, keep the output
//! in input order, check across years, and reuse an earlier run's rows
//! (`--incremental`).
//!
//! [`run()`] does what `zfxxgk extract` does, with [`Options`]; [`read_file`] reads one
//! file as `zfxxgk check` does.
//!
//! ```
//! let dir = tempfile::tempdir()?;
//! let input = dir.path().join("in");
//! std::fs::create_dir(&input)?;
//! std::fs::copy(
//!     concat!(env!("CARGO_MANIFEST_DIR"), "/samples/dongxin-2020.txt"),
//!     input.join("dongxin-2020.txt"),
//! )?;
//! std::fs::write(input.join("notes.txt"), "not a report\n")?;
//!
//! let out = dir.path().join("out");
//! let options = zfxxgk::run::Options::new(vec![input], out.clone());
//! let summary = zfxxgk::run::run(&options, &|_progress| {})?;
//! assert_eq!(summary.files, 2);
//! // Files by status: ok, partial, not_report, unreadable.
//! assert_eq!(summary.by_status, [1, 0, 1, 0]);
//! for name in zfxxgk::run::Format::Csv.files() {
//!     assert!(out.join(name).is_file(), "{name}");
//! }
//! let reports = std::fs::read_to_string(out.join("reports.csv"))?;
//! assert_eq!(reports.lines().count(), 3); // the header and one row per file
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub(crate) mod cache;
pub(crate) mod crossyear;
pub(crate) mod discover;
pub(crate) mod pipeline;
pub(crate) mod scheduler;

pub use crate::out::sink::{Format, Tables};
pub use pipeline::{run, Options, Progress, Summary, DEFAULT_MAX_BYTES};

/// The file in the output folder where an `--incremental` run
/// ([`Options::incremental`]) keeps what it read, to know next time which inputs
/// changed. It is not part of the output contract; deleting it makes the next
/// incremental run read every file.
pub const CACHE_FILE: &str = cache::FILE;

/// Reads one file the way `zfxxgk check` does and returns its report; never fails.
///
/// The report id is the path as given. A file that cannot be read, a folder, a file
/// larger than `max_bytes` (use [`DEFAULT_MAX_BYTES`]) or one in a format zfxxgk
/// does not read becomes a report with [`crate::Status::Unreadable`] and a message
/// saying why.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("empty.txt");
/// std::fs::write(&path, "")?;
/// let report = zfxxgk::run::read_file(&path, zfxxgk::run::DEFAULT_MAX_BYTES);
/// assert_eq!(report.report_id, path.display().to_string());
/// assert_ne!(report.status, zfxxgk::Status::Ok);
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn read_file(path: &std::path::Path, max_bytes: u64) -> crate::Report {
    pipeline::process(&discover::Input::named(path), max_bytes).0
}

/// [`read_file`], choosing among the templates of `grammars` (`zfxxgk check
/// --grammar FILE`).
pub fn read_file_with(
    grammars: &crate::grammar::Grammars,
    path: &std::path::Path,
    max_bytes: u64,
) -> crate::Report {
    pipeline::process_with(grammars, &discover::Input::named(path), max_bytes).0
}
