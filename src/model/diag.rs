//! Diagnostics: everything the parser noticed but did not turn into a cell. Each
//! names a line, so a user can look at the input and see why.

use serde::Serialize;

/// How much a diagnostic matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Text inside a table region that belongs to no cell (a wrapped label's tail,
    /// a vertical header glyph): read and set aside.
    Note,
    /// Something a user should look at: a guess, a cut-short row, an unknown label.
    Warning,
}

impl Level {
    /// The name written in diagnostics.csv (`note`, `warning`).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Warning => "warning",
        }
    }
}

/// What a diagnostic is about, where code (not a person) must tell: the report's
/// status and message are decided from kinds, never from a message's wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Kind {
    /// Anything a person reads and code does not act on.
    #[default]
    Other,
    /// A column header in section 二 whose wording matches no label of the template.
    HeaderUnmatched,
    /// A cell set aside as `unresolved` because one OCR slip in its number would
    /// make a failing identity hold (one such diagnostic a cell).
    Misread,
}

/// One diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diag {
    /// 1-based input line; 0 when it concerns the whole file.
    pub line: u32,
    /// How much it matters.
    pub level: Level,
    /// What it is about, for code that acts on it.
    #[serde(skip)]
    pub kind: Kind,
    /// What was noticed, for a person.
    pub message: String,
}

impl Diag {
    /// A note: text read and set aside.
    pub fn note(line: u32, message: impl Into<String>) -> Diag {
        Diag {
            line,
            level: Level::Note,
            kind: Kind::Other,
            message: message.into(),
        }
    }

    /// A warning: something a user should look at.
    pub fn warning(line: u32, message: impl Into<String>) -> Diag {
        Diag {
            line,
            level: Level::Warning,
            kind: Kind::Other,
            message: message.into(),
        }
    }

    /// The same diagnostic, marked as being of `kind`.
    pub fn with_kind(mut self, kind: Kind) -> Diag {
        self.kind = kind;
        self
    }
}
