//! A report's tables as read: one slot per cell of the template, with its state,
//! value, unit and where it was printed; the labels as printed; runs of glued digits
//! waiting to be split.

use crate::grammar::Template;
use crate::model::value::{Decimal, Unit};

/// How a table region is laid out (the `layout` column of reports.csv).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layout {
    /// One cell per line, each line starting with a TAB (a browser copy of the page
    /// as text; samples/dongxin-2020.txt).
    TabCells,
    /// One cell per paragraph; an empty cell is an extra pair of blank lines.
    BlankLineCells,
    /// One cell per line, no blank lines.
    NewlineCells,
    /// `| a | b |` rows, or one cell per line ending in `|`.
    Pipe,
    /// A row's cells on one line, separated by TABs.
    RowPerLine,
    /// A row's cells on one line, aligned with runs of spaces (`pdftotext -layout`).
    SpaceAligned,
    /// Cells glued together with no separator (`规章007规范性文件7777166`).
    Glued,
}

impl Layout {
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::TabCells => "tab-cells",
            Layout::BlankLineCells => "blank-line-cells",
            Layout::NewlineCells => "newline-cells",
            Layout::Pipe => "pipe",
            Layout::RowPerLine => "row-per-line",
            Layout::SpaceAligned => "space-aligned",
            Layout::Glued => "glued",
        }
    }
}

/// The state of a cell (the `state` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Number,
    Blank,
    Na,
    Recovered,
    Unresolved,
    Missing,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Number => "number",
            State::Blank => "blank",
            State::Na => "na",
            State::Recovered => "recovered",
            State::Unresolved => "unresolved",
            State::Missing => "missing",
        }
    }

    /// Whether the cell holds a usable number.
    pub fn has_value(self) -> bool {
        matches!(self, State::Number | State::Recovered)
    }
}

/// One table cell as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub state: State,
    pub value: Option<Decimal>,
    /// The unit printed in the cell, if any.
    pub unit: Option<Unit>,
    /// Byte range of the cell as printed.
    pub raw: (usize, usize),
    pub line: u32,
}

/// A row or column label as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelRead {
    pub table: usize,
    pub axis: Axis,
    pub index: usize,
    pub text: String,
    pub line: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    Row,
    Col,
}

impl Axis {
    pub fn as_str(self) -> &'static str {
        match self {
            Axis::Row => "row",
            Axis::Col => "col",
        }
    }
}

/// Digits of several cells printed with no separator, to be split by
/// [`crate::parse::glued`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GluedRun {
    pub table: usize,
    /// Slot indices (row-major within the table) the run must fill, in order.
    pub slots: Vec<usize>,
    pub raw: (usize, usize),
    pub line: u32,
}

/// One table of the template as read from a report.
#[derive(Debug, Clone, Default)]
pub struct TableRead {
    /// Row-major, `rows × cols`; `None` when not found.
    pub slots: Vec<Option<Slot>>,
    /// A unit printed in a column's header (`采购总金额(万元)`).
    pub col_units: Vec<Option<Unit>>,
    /// Whether any label, caption or value of this table was seen.
    pub seen: bool,
    /// Rows seen (optional rows are reported only when seen).
    pub rows_seen: Vec<bool>,
}

/// All tables of a report.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    pub tables: Vec<TableRead>,
    pub labels: Vec<LabelRead>,
    pub runs: Vec<GluedRun>,
    /// The layout of each section's table region, by section 2, 3, 4.
    pub layouts: [Option<Layout>; 3],
    /// Lines read as the frame of a table rather than as a cell or label, as
    /// (first, last): captions, headers and group titles of the template, a label
    /// printed again (section 四 repeats its column labels), and the further lines
    /// of a cell wrapped over several lines (its text is in the label or diagnostic
    /// of its first line). With cells, labels and diagnostics they account for
    /// every line of a table region ([`crate::Report::accounted_lines`]).
    pub structure: Vec<(u32, u32)>,
    /// Lines whose numbers a reading could not place with certainty (the stream
    /// reader of [`crate::parse::align`]): another reading's cells from them are
    /// not trusted either.
    pub uncertain: Vec<u32>,
}

impl Tables {
    pub fn new(t: &Template) -> Tables {
        Tables {
            tables: t
                .tables
                .iter()
                .map(|tb| TableRead {
                    slots: vec![None; tb.n_cells()],
                    col_units: vec![None; tb.cols.len()],
                    seen: false,
                    rows_seen: vec![false; tb.rows.len()],
                })
                .collect(),
            ..Tables::default()
        }
    }
}
