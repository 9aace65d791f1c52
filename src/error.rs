//! The library's one error type. A report that cannot be parsed is not an error: it
//! is a row in reports.csv with a status and a message. Errors are for the run
//! itself, and come in three kinds ([`Kind`]): the command asked for something that
//! cannot be done (a PATH that does not exist or holds nothing to read, an output
//! folder that is a file), the run failed on its way (an output could not be
//! written, a worker stopped, the index changed under the run), or the reader of
//! standard output went away.
//!
//! ```
//! let dir = tempfile::tempdir()?;
//! let missing = dir.path().join("no-such-folder");
//! let options = zfxxgk::run::Options::new(vec![missing], dir.path().join("out"));
//! let Err(e) = zfxxgk::run::run(&options, &|_| {}) else {
//!     panic!("a PATH that does not exist is an error");
//! };
//! assert_eq!(e.kind(), zfxxgk::error::Kind::Usage);
//! # Ok::<(), std::io::Error>(())
//! ```

use std::path::PathBuf;

/// What can stop a run (as opposed to a single report, which never stops a run).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written during the run (an output on a full
    /// disk, say).
    // The source is printed by the error chain (`{:#}`), not here too.
    #[error("{}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A CSV record could not be written.
    #[error("writing {}", path.display())]
    Csv {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: csv::Error,
    },
    /// A template grammar file (one given with `--grammar`) cannot be read or is
    /// malformed; `name` is the file, `message` names the key.
    #[error("grammar {name}: {message}")]
    Grammar {
        /// The grammar file's name (`2021.toml`).
        name: String,
        /// What is wrong with it.
        message: String,
    },
    /// The command line asked for something impossible.
    #[error("{0}")]
    Usage(String),
    /// A PATH given to read does not exist or cannot be looked at.
    #[error("{}", path.display())]
    Input {
        /// The PATH as given.
        path: PathBuf,
        /// Why it cannot be read.
        #[source]
        source: std::io::Error,
    },
    /// The PATHs hold no file zfxxgk reads; the message names what was skipped.
    #[error("{0}")]
    NothingToRead(String),
    /// Standard output was closed by its reader (`| head`): not a failure.
    #[error("standard output was closed")]
    OutputClosed,
    /// Something that should not happen: a worker that stopped, an index that
    /// changed during the run.
    #[error("{0}")]
    Internal(String),
}

/// What kind of error it is, for a caller that must tell them apart (the command
/// turns them into exit codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The command asked for something that cannot be done; changing the command
    /// (or the files it names) fixes it.
    Usage,
    /// The run could not complete: an output could not be written, or an internal
    /// failure.
    Failed,
    /// The reader of standard output went away; nothing is wrong.
    OutputClosed,
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Which [`Kind`] of error this is.
    pub fn kind(&self) -> Kind {
        match self {
            // A grammar file is given on the command line (the compiled-in ones
            // are tested and never fail to load).
            Error::Usage(_)
            | Error::Input { .. }
            | Error::NothingToRead(_)
            | Error::Grammar { .. } => Kind::Usage,
            Error::OutputClosed => Kind::OutputClosed,
            Error::Io { .. } | Error::Csv { .. } | Error::Internal(_) => Kind::Failed,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
