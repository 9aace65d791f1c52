//! Diagnostics: everything the parser noticed but did not turn into a cell. Each
//! names a line, so a user can look at the input and see why.

/// How much a diagnostic matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Text inside a table region that belongs to no cell (a wrapped label's tail,
    /// a vertical header glyph): read and set aside.
    Note,
    /// Something a user should look at: a guess, a cut-short row, an unknown label.
    Warning,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Warning => "warning",
        }
    }
}

/// One diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diag {
    /// 1-based input line; 0 when it concerns the whole file.
    pub line: u32,
    pub level: Level,
    pub message: String,
}

impl Diag {
    pub fn note(line: u32, message: impl Into<String>) -> Diag {
        Diag {
            line,
            level: Level::Note,
            message: message.into(),
        }
    }
    pub fn warning(line: u32, message: impl Into<String>) -> Diag {
        Diag {
            line,
            level: Level::Warning,
            message: message.into(),
        }
    }
}
