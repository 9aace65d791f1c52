//! A whole run over many files: find them, parse them in parallel, keep the output
//! in input order, check across years, and reuse an earlier run's rows
//! (`--incremental`).

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
