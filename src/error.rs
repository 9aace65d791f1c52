//! The library's one error type. A report that cannot be parsed is not an error: it
//! is a row in reports.csv with a status and a message. Errors are for the run
//! itself: an unwritable output folder, a grammar file that does not load.

use std::path::PathBuf;

/// What can stop a run (as opposed to a single report, which never stops a run).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input or output file could not be read or written.
    // The source is printed by the error chain (`{:#}`), not here too.
    #[error("{}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A CSV record could not be written.
    #[error("writing {}", path.display())]
    Csv {
        path: PathBuf,
        #[source]
        source: csv::Error,
    },
    /// A template grammar in grammars/ is malformed.
    #[error("grammar {name}: {message}")]
    Grammar { name: String, message: String },
    /// The command line asked for something impossible.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
