//! A report's tables as read: one slot per cell of the template, with its state,
//! value, unit and where it was printed; the labels as printed; runs of glued digits
//! waiting to be split.

use serde::Serialize;

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
    /// The name reports.csv writes in `layout` (`tab-cells`, `space-aligned`, …).
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
    /// A number, printed as such.
    Number,
    /// Nothing printed in the cell.
    Blank,
    /// Printed, but not a number: `/`, `-`, `—`, `无`, `N/A`, `暂无`.
    Na,
    /// A number recovered from digits a converter ran together, split by the
    /// report's own identities.
    Recovered,
    /// Something is printed there that could not be read as a value, or a split
    /// was not certain: no value is given rather than a guess.
    Unresolved,
    /// The cell was not found. A [`Slot`] never has this state (a missing cell is
    /// `None`); the output files write it.
    Missing,
}

impl State {
    /// The name cells.csv writes in `state` (`number`, `blank`, …).
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Slot {
    /// What the cell holds (cells.csv `state`).
    pub state: State,
    /// The value as printed, in the unit printed (cells.csv `value`); `None` unless
    /// the state is `number` or `recovered`.
    pub value: Option<Decimal>,
    /// The unit printed in the cell, if any.
    pub unit: Option<Unit>,
    /// Byte range of the cell as printed, in [`crate::Report::text`] (cells.csv
    /// `raw` is that text).
    pub raw: (usize, usize),
    /// The 1-based line of the text it was printed on (cells.csv `line`).
    pub line: u32,
}

/// A row or column label as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LabelRead {
    /// The table, an index into the template's tables.
    pub table: usize,
    /// Whether it labels a row or a column (labels.csv `axis`).
    pub axis: Axis,
    /// Which row or column of the template's table it is.
    pub index: usize,
    /// The label as printed (labels.csv `printed`).
    pub text: String,
    /// The 1-based line it was printed on.
    pub line: u32,
}

/// Which way a label runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    /// A row label.
    Row,
    /// A column label.
    Col,
}

impl Axis {
    /// The name labels.csv writes: `row`, `col`.
    pub fn as_str(self) -> &'static str {
        match self {
            Axis::Row => "row",
            Axis::Col => "col",
        }
    }
}

/// Digits of several cells printed with no separator (`7777166`), split by the
/// report's own identities when they allow one split only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GluedRun {
    /// The table, an index into the template's tables.
    pub table: usize,
    /// Slot indices (row-major within the table) the run must fill, in order.
    pub slots: Vec<usize>,
    /// Byte range of the digits in [`crate::Report::text`].
    pub raw: (usize, usize),
    /// The 1-based line they were printed on.
    pub line: u32,
    /// Whether how many cells the run fills was counted from numbers printed apart
    /// before it in its row or section (`… 1 1 6 20`, two cells left for `20`):
    /// a number lost before it (taken into a header) makes that count wrong, so a
    /// split is kept only when an identity through the run's cells confirms it.
    pub counted: bool,
}

/// One table of the template as read from a report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TableRead {
    /// The cells, row-major (`rows × cols` of the template's table, so cell (r, c)
    /// is at `r * cols + c`); `None` when not found (`missing`).
    pub slots: Vec<Option<Slot>>,
    /// A unit printed in a column's header (`采购总金额(万元)`).
    pub col_units: Vec<Option<Unit>>,
    /// Whether any label, caption or value of this table was seen.
    pub seen: bool,
    /// Rows seen (optional rows are reported only when seen).
    pub rows_seen: Vec<bool>,
    /// Rows printed with one or two numbers fewer than their cells, or parted by
    /// a piece of their label, set aside by the reading: their numbers as
    /// printed, in order, for the identities to place (`parse::gaps`).
    #[serde(skip)]
    pub(crate) short: Vec<ShortRow>,
}

/// A row whose numbers' columns the reading could not tell: printed with fewer
/// numbers than its cells (a number a converter or OCR lost), or parted by a piece
/// of its label (an OCR engine joining boxes by height puts some of the row's
/// numbers on the label's first line): the row, and its numbers in the order
/// printed.
#[derive(Debug, Clone)]
pub(crate) struct ShortRow {
    pub row: usize,
    pub nums: Vec<Slot>,
    /// For a row in two pieces, how many of `nums` are in the first: those and
    /// the rest each keep their columns' order, but how the two interleave is
    /// not known. A parted row comes with it set (the numbers before the piece
    /// of label); `parse::gaps` sets it for a short row over two lines. 0 for a
    /// row in one piece.
    pub first: usize,
}

/// All tables of a report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Tables {
    /// One per table of the reading template, in its order.
    pub tables: Vec<TableRead>,
    /// The row and column labels as printed (labels.csv).
    pub labels: Vec<LabelRead>,
    /// Runs of glued digits found.
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
    /// reader of a section read as a stream of labels and numbers): another reading's cells from them are
    /// not trusted either.
    pub uncertain: Vec<u32>,
    /// Lines whose numbers were set aside as standing outside any row, or as
    /// belonging to a row printed twice: a row read as `blank` beside them may have
    /// had its numbers there (a wrapped row's numbers printed on another of its
    /// lines, beside a piece of its label that reads as the row again).
    #[serde(skip)]
    pub stray: Vec<u32>,
}

impl Tables {
    /// Empty tables shaped as `t`'s.
    pub(crate) fn new(t: &Template) -> Tables {
        Tables {
            tables: t
                .tables
                .iter()
                .map(|tb| TableRead {
                    slots: vec![None; tb.n_cells()],
                    col_units: vec![None; tb.cols.len()],
                    seen: false,
                    rows_seen: vec![false; tb.rows.len()],
                    short: Vec::new(),
                })
                .collect(),
            ..Tables::default()
        }
    }
}

impl Tables {
    /// Makes `self` what [`Tables::new`] of `t` makes, keeping the memory of its
    /// lists: the stream reading of a section starts from empty tables, and new ones
    /// for every section, allocated and freed, were 1.7% of a run's instructions on
    /// issue 13's tree (callgrind). Tables of another shape are made anew.
    pub(crate) fn reset(&mut self, t: &Template) {
        let same_shape = self.tables.len() == t.tables.len()
            && self.tables.iter().zip(&t.tables).all(|(r, tb)| {
                r.slots.len() == tb.n_cells()
                    && r.col_units.len() == tb.cols.len()
                    && r.rows_seen.len() == tb.rows.len()
            });
        if !same_shape {
            *self = Tables::new(t);
            return;
        }
        // Every field named, so that a field added later is not left out here.
        let Tables {
            tables,
            labels,
            runs,
            layouts,
            structure,
            uncertain,
            stray,
        } = self;
        for r in tables.iter_mut() {
            let TableRead {
                slots,
                col_units,
                seen,
                rows_seen,
                short,
            } = r;
            slots.fill(None);
            col_units.fill(None);
            *seen = false;
            rows_seen.fill(false);
            short.clear();
        }
        labels.clear();
        runs.clear();
        *layouts = [None; 3];
        structure.clear();
        uncertain.clear();
        stray.clear();
    }
}

/// Whether row `r` of a table is reported: not an optional row that was not
/// printed, nor a row that a printed stand-in row replaces and that was not
/// printed itself.
pub fn row_reported(t: &crate::grammar::Table, read: &TableRead, r: usize) -> bool {
    let seen = |i: usize| read.rows_seen.get(i).copied().unwrap_or(false);
    let row = &t.rows[r];
    if row.optional && !seen(r) {
        return false;
    }
    let stood_in = row.replaced_by.is_some_and(seen);
    if stood_in && !seen(r) {
        let n = t.cols.len();
        return read.slots[r * n..(r + 1) * n].iter().any(Option::is_some);
    }
    true
}
