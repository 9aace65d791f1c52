//! Cells → typed tables: the cell sequence of a section matched against a template.
//!
//! Reading is label-driven, not position-driven: a cell whose text holds a row label
//! opens that row, and the value cells after it fill the row's columns in order.
//! So the same code reads every layout, survives extra rows and missing ones, and a
//! wrapped label's tail or a stray glyph is set aside with a note instead of
//! shifting every later number. Section 四 prints its 15 numbers after a header of
//! labels, so it is read by position once the header ends.

use crate::grammar::normalize::{is_cn_numeral, Folded};
use crate::grammar::{Pattern, Symbol, Template};
use crate::model::diag::Diag;
use crate::model::value::{parse_cell, CellValue, Decimal, Unit};
use crate::parse::cells::{read_cells, Cell, Kind, Layout};
use crate::parse::lines::LineIndex;

/// How a warning about a column header that matches no label starts (the report's
/// message names it).
pub const HEADER_UNMATCHED: &str = "column header wording that matches no label";

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

/// Whether row `r` of a table is reported: not an optional row that was not
/// printed, nor a row that a printed stand-in row replaces and that was not
/// printed itself.
pub fn row_reported(t: &crate::grammar::Table, read: &TableRead, r: usize) -> bool {
    let seen = |i: usize| read.rows_seen.get(i).copied().unwrap_or(false);
    if t.rows[r].optional && !seen(r) {
        return false;
    }
    let stood_in = t
        .rows
        .iter()
        .enumerate()
        .any(|(a, row)| seen(a) && row.replaces.contains(&r));
    if stood_in && !seen(r) {
        let n = t.cols.len();
        return read.slots[r * n..(r + 1) * n].iter().any(Option::is_some);
    }
    true
}

/// A stand-in row (`（六）其他处理` in a 2021 table) that got no numbers was printed
/// as the title of the rows it stands for: it is not a row then, and its label
/// line is part of the table's frame.
pub fn settle_stand_ins(tpl: &Template, section: u8, out: &mut Tables, diags: &mut Vec<Diag>) {
    for (ti, t) in tpl.section_tables(section) {
        let n = t.cols.len();
        for (a, row) in t.rows.iter().enumerate() {
            let read = &mut out.tables[ti];
            if row.replaces.is_empty() || !read.rows_seen[a] {
                continue;
            }
            let cells = &read.slots[a * n..(a + 1) * n];
            if let Some(line) = cells.iter().flatten().map(|s| s.line).next() {
                let keys: Vec<&str> = row
                    .replaces
                    .iter()
                    .map(|&r| t.rows[r].key.as_str())
                    .collect();
                diags.push(Diag::note(
                    line,
                    format!(
                        "the {} template's rows {} are printed as the single row `{}`: read as key {}",
                        tpl.id,
                        keys.join(", "),
                        row.label,
                        row.key
                    ),
                ));
                continue;
            }
            {
                read.rows_seen[a] = false;
                let lines: Vec<u32> = out
                    .labels
                    .iter()
                    .filter(|l| l.table == ti && l.axis == Axis::Row && l.index == a)
                    .map(|l| l.line)
                    .collect();
                out.labels
                    .retain(|l| !(l.table == ti && l.axis == Axis::Row && l.index == a));
                out.structure.extend(lines.into_iter().map(|l| (l, l)));
            }
        }
    }
}

/// A label found inside a text cell.
#[derive(Clone, Copy)]
pub(crate) struct Hit<'p, 't> {
    pub(crate) pattern: &'p Pattern,
    /// The label as printed (the part of the cell it covers).
    pub(crate) text: &'t str,
}

/// The labels found in one text cell. Most cells hold one or two, kept inline so
/// that a scan allocates nothing; glued text with more spills into a Vec.
#[derive(Default)]
pub(crate) struct Hits<'p, 't> {
    inline: [Option<Hit<'p, 't>>; 4],
    spill: Vec<Hit<'p, 't>>,
}

impl<'p, 't> Hits<'p, 't> {
    fn push(&mut self, hit: Hit<'p, 't>) {
        if self.spill.is_empty() {
            if let Some(free) = self.inline.iter_mut().find(|h| h.is_none()) {
                *free = Some(hit);
                return;
            }
            self.spill
                .extend(self.inline.iter_mut().filter_map(Option::take));
        }
        self.spill.push(hit);
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Hit<'p, 't>> {
        self.inline.iter().flatten().chain(&self.spill)
    }

    fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    fn last(&self) -> Option<&Hit<'p, 't>> {
        self.iter().last()
    }
}

/// What a scan needs besides its input, kept per thread: labels are scanned by the
/// hundred per report, and these buffers are reused rather than allocated each time.
#[derive(Default)]
struct Scratch {
    folded: Folded,
    found: Vec<(usize, usize, usize)>,
    kept: Vec<(usize, usize, usize)>,
    /// Per matcher, per cell text: what a scan found (pattern, label's byte range).
    seen: FxMap<usize, FxMap<String, Vec<Found>>>,
}

/// Finds the labels in one text cell. Most cells hold one label; glued text holds
/// several (`第二十条第（一）项信息内容本年制发件数…规章`), each printed label is
/// the stretch from the previous label to this one's end.
pub(crate) fn scan<'p, 't>(
    text: &'t str,
    patterns: &'p [Pattern],
    automaton: &aho_corasick::AhoCorasick,
) -> Hits<'p, 't> {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
    }
    SCRATCH.with(|s| {
        let s = &mut *s.borrow_mut();
        // The same labels are printed in report after report: a scan is looked up
        // by its matcher and text before it is run (a third of the label work).
        let matcher = patterns.as_ptr() as usize;
        if let Some(found) = s.seen.get(&matcher).and_then(|m| m.get(text)) {
            let mut hits = Hits::default();
            for &(p, a, b) in found {
                hits.push(Hit {
                    pattern: &patterns[p as usize],
                    text: text.get(a as usize..b as usize).unwrap_or(""),
                });
            }
            return hits;
        }
        let hits = scan_with(text, s, patterns, automaton);
        let base = text.as_ptr() as usize;
        let found: Option<Vec<_>> = hits
            .iter()
            .map(|h| {
                // Labels are slices of `text` (an empty one may not be: then the
                // scan is not remembered). Misses only, so the search is cheap.
                let a = (h.text.as_ptr() as usize).checked_sub(base)?;
                let b = a + h.text.len();
                let index = patterns.iter().position(|q| std::ptr::eq(q, h.pattern))?;
                (b <= text.len()).then_some((index as u32, a as u32, b as u32))
            })
            .collect();
        if let Some(found) = found {
            let seen = s.seen.entry(matcher).or_default();
            if seen.len() >= SEEN_MAX {
                seen.clear();
            }
            seen.insert(text.to_string(), found);
        }
        hits
    })
}

/// Distinct cell texts remembered per matcher and thread; past this the memory is
/// emptied and filled again (an archive's labels number in the hundreds).
const SEEN_MAX: usize = 4096;

/// A multiply-rotate hash eight bytes at a time (as rustc's FxHash), for the short
/// label texts of [`Scratch::seen`]: SipHash, or FNV byte by byte, cost more than
/// the lookup saves. The keys are cell texts, not chosen to collide.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
}

/// A label a scan found: its pattern and its byte range in the cell text.
type Found = (u32, u32, u32);

type FxMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

fn scan_with<'p, 't>(
    text: &'t str,
    scratch: &mut Scratch,
    patterns: &'p [Pattern],
    automaton: &aho_corasick::AhoCorasick,
) -> Hits<'p, 't> {
    let Scratch {
        folded,
        found,
        kept,
        ..
    } = scratch;
    folded.refill(text);
    found.clear();
    found.extend(
        automaton
            .find_iter(&folded.text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end())),
    );
    let mut hits = Hits::default();
    if found.is_empty() {
        return hits;
    }
    kept.clear();
    for (i, &(p, s, e)) in found.iter().enumerate() {
        if patterns[p].exact {
            let before_start = if i == 0 { 0 } else { found[i - 1].2 };
            let after_end = found.get(i + 1).map_or(folded.text.len(), |n| n.1);
            if !is_filler(&folded.text[before_start..s]) || !is_filler(&folded.text[e..after_end]) {
                continue;
            }
        }
        // Two keywords of the same label (`其他法律` … `禁止公开`) are one hit.
        if let Some(last) = kept.last_mut() {
            if patterns[last.0].symbols == patterns[p].symbols {
                last.2 = e;
                continue;
            }
        }
        kept.push((p, s, e));
    }
    let n = kept.len();
    for (i, &(p, _, e)) in kept.iter().enumerate() {
        let label = if n == 1 {
            text.trim()
        } else {
            let from = if i == 0 { 0 } else { kept[i - 1].2 };
            let to = if i + 1 == n { folded.text.len() } else { e };
            let a = folded.raw_offset(from, text.len());
            let b = folded.raw_offset(to, text.len());
            text.get(a..b).unwrap_or("").trim()
        };
        hits.push(Hit {
            pattern: &patterns[p],
            text: label,
        });
    }
    hits
}

/// Text that may stand around a word that must stand alone: enumerators and
/// punctuation (`(七)`, `3.`, `四、`).
fn is_filler(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_ascii_digit()
            || is_cn_numeral(c)
            || matches!(
                c,
                '(' | ')' | '、' | '.' | ':' | ',' | ';' | '|' | '"' | '-'
            )
    })
}

/// Where the reader stands in a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Header,
    Rows,
}

struct Pending {
    table: usize,
    row: usize,
    filled: usize,
    /// Empty cells to pass over first: a row label spanning several grid columns
    /// (`| 一、本年新收… | | | 85 |`) leaves them between label and numbers.
    skip: usize,
    /// The row was already read once: later values are set aside.
    duplicate: bool,
    /// Where its label stands.
    line: u32,
}

/// Reads the table(s) of one section (2, 3 or 4) from `text[start..end]`.
#[allow(clippy::too_many_arguments)]
pub fn read_section(
    text: &str,
    start: usize,
    end: usize,
    section: u8,
    tpl: &Template,
    li: &LineIndex,
    out: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    let (layout, cells) = read_cells(text, start, end, li);
    out.layouts[(section - 2) as usize] = layout;
    if section == 4 {
        read_positional(text, &cells, tpl, out, diags);
        return;
    }
    let mut reader = Reader {
        lookahead: None,
        tpl,
        section,
        out,
        diags,
        current: tpl.section_tables(section).next().map_or(0, |(i, _)| i),
        zone: Zone::Header,
        pending: None,
        unmatched_header: Vec::new(),
        last_filled: None,
    };
    for i in 0..cells.len() {
        reader.cell(text, &cells, i);
    }
    reader.finish_row();
}

struct Reader<'r, 'c> {
    /// The line of the text cell being read and the cells after it.
    lookahead: Option<(u32, &'c [Cell<'c>])>,
    tpl: &'r Template,
    section: u8,
    out: &'r mut Tables,
    diags: &'r mut Vec<Diag>,
    current: usize,
    zone: Zone,
    pending: Option<Pending>,
    /// Section 2: header text of the current item that matched no column label.
    unmatched_header: Vec<(u32, String)>,
    /// The row filled last and the line of its last number, until the next cell.
    last_filled: Option<(usize, usize, u32)>,
}

impl<'c> Reader<'_, 'c> {
    fn cell(&mut self, text: &str, cells: &'c [Cell<'c>], i: usize) {
        let cell = &cells[i];
        match cell.kind {
            Kind::Text => {
                self.last_filled = None;
                self.lookahead = Some((cell.line, &cells[i + 1..]));
                self.text_cell(cell)
            }
            Kind::Value(v) => self.value_cell(text, cell, v),
            Kind::Run => self.run_cell(text, cell),
            Kind::Page => self.diags.push(page_note(cell)),
        }
    }

    fn text_cell(&mut self, cell: &Cell) {
        if cell.last_line > cell.line {
            self.out.structure.push((cell.line + 1, cell.last_line));
        }
        let m = self.tpl.matcher(self.section);
        let joined = cell.text();
        let hits = scan(&joined, &m.patterns, &m.automaton);
        if hits.is_empty()
            && self.zone == Zone::Header
            && self.column_label_tail(&joined, cell.line)
        {
            return;
        }
        if hits.is_empty() {
            match &self.pending {
                // A wrapped label: its next line before the row's numbers.
                Some(p) if p.filled == 0 => {
                    let (table, row) = (p.table, p.row);
                    if let Some(l) = self
                        .out
                        .labels
                        .iter_mut()
                        .find(|l| l.table == table && l.axis == Axis::Row && l.index == row)
                    {
                        l.text.push_str(joined.trim());
                    }
                    self.diags.push(Diag::note(
                        cell.line,
                        format!(
                            "read `{}` as the continuation of the row label above",
                            joined.trim()
                        ),
                    ));
                }
                _ => {
                    if self.section == 2 && self.zone == Zone::Header {
                        self.unmatched_header.push((cell.line, clip(&joined)));
                    }
                    self.diags.push(Diag::note(
                        cell.line,
                        format!(
                            "text `{}` in a table matches no label of the template; set aside",
                            clip(&joined)
                        ),
                    ))
                }
            }
            return;
        }
        for hit in hits.iter() {
            self.hit(hit, cell.line);
        }
    }

    fn hit(&mut self, hit: &Hit, line: u32) {
        let syms = &hit.pattern.symbols;
        // The "总计" of section 三 is a column in the header and （七） among rows.
        let prefer_row = self.zone == Zone::Rows;
        let pick = |want_row: bool| -> Option<Symbol> {
            syms.iter().copied().find(|s| match s {
                Symbol::Row { .. } => want_row,
                Symbol::Col { .. } => !want_row,
                _ => false,
            })
        };
        let sym = syms
            .iter()
            .copied()
            .find(|s| matches!(s, Symbol::Caption { .. }))
            .or_else(|| {
                if prefer_row {
                    pick(true).or_else(|| pick(false))
                } else {
                    pick(false).or_else(|| pick(true))
                }
            })
            .or_else(|| syms.first().copied());
        let Some(sym) = sym else { return };
        match sym {
            Symbol::Caption { table } => {
                self.finish_row();
                self.unmatched_header.clear();
                self.current = table;
                self.zone = Zone::Header;
                self.out.tables[table].seen = true;
                self.out.structure.push((line, line));
            }
            Symbol::Header { .. } => {
                self.finish_row();
                if self.section == 2 {
                    self.zone = Zone::Header;
                }
                self.out.structure.push((line, line));
            }
            Symbol::Group { .. } => {
                self.finish_row();
                self.zone = Zone::Rows;
                self.out.structure.push((line, line));
            }
            Symbol::Col { .. } => {
                if self.zone == Zone::Rows && self.section == 3 {
                    // A column word among rows (e.g. a stray 其他): not a label here.
                    self.diags.push(Diag::note(
                        line,
                        format!(
                            "`{}` names a column but stands among the rows; set aside",
                            clip(hit.text)
                        ),
                    ));
                    return;
                }
                self.finish_row();
                // Section 2: the column of the current item with the same key.
                let col = self.resolve_col(syms);
                if let Some((table, col)) = col {
                    let tr = &mut self.out.tables[table];
                    tr.seen = true;
                    if let Some(u) = Unit::in_header(&crate::grammar::normalize::fold(hit.text)) {
                        tr.col_units[col] = Some(u);
                    }
                    self.label(table, Axis::Col, col, hit.text, line);
                }
            }
            Symbol::Row { .. } => {
                let Some((table, row)) = self.resolve_row(syms) else {
                    return;
                };
                // The same label again before any number: the next line of a wrapped
                // label (`2、申请人逾期未按收费通知要` / `求缴纳费用、…`).
                if let Some(p) = &self.pending {
                    if (p.table, p.row, p.filled) == (table, row, 0) {
                        if let Some(l) = self
                            .out
                            .labels
                            .iter_mut()
                            .find(|l| l.table == table && l.axis == Axis::Row && l.index == row)
                        {
                            l.text.push_str(hit.text);
                        }
                        self.out.structure.push((line, line));
                        return;
                    }
                }
                self.finish_row();
                if self.zone == Zone::Header {
                    self.check_header(table, line);
                }
                if self.section == 2 && table != self.current {
                    let item = &self.tpl.tables[table].item;
                    self.diags.push(Diag::note(
                        line,
                        format!("row `{}` belongs to item {item}; read it there although its caption was not seen", hit.text),
                    ));
                    self.current = table;
                }
                self.zone = Zone::Rows;
                let tr = &mut self.out.tables[table];
                tr.seen = true;
                let duplicate = tr.rows_seen[row];
                if duplicate {
                    self.diags.push(Diag::warning(
                        line,
                        format!("row `{}` is printed twice; the first one is kept", hit.text),
                    ));
                } else {
                    tr.rows_seen[row] = true;
                    self.label(table, Axis::Row, row, hit.text, line);
                }
                let ncols = self.tpl.tables[table].cols.len();
                self.pending = Some(Pending {
                    table,
                    row,
                    filled: 0,
                    skip: self.padding_after(ncols),
                    duplicate,
                    line,
                });
            }
        }
    }

    /// A header cell that completes a column label printed in two pieces on two
    /// rendered rows (`商业` … `企业`, `科研` … `机构`): appended to that label.
    fn column_label_tail(&mut self, text: &str, line: u32) -> bool {
        let tail = crate::grammar::normalize::fold(text);
        if tail.is_empty() {
            return false;
        }
        let tables: Vec<usize> = self
            .tpl
            .section_tables(self.section)
            .map(|(i, _)| i)
            .collect();
        let found = self.out.labels.iter_mut().find(|l| {
            l.axis == Axis::Col && tables.contains(&l.table) && {
                let official =
                    crate::grammar::normalize::fold(&self.tpl.tables[l.table].cols[l.index].label);
                let printed = crate::grammar::normalize::fold(&l.text);
                printed.len() < official.len() && format!("{printed}{tail}") == official
            }
        });
        match found {
            Some(l) => {
                l.text.push_str(text.trim());
                self.out.structure.push((line, line));
                true
            }
            None => false,
        }
    }

    /// When an item's first row starts: if its header printed wording that matches
    /// no column label while some column label was not seen, the numbers are read
    /// in the template's column order, and a warning says so (a user should check
    /// that the columns mean what the template says).
    fn check_header(&mut self, table: usize, line: u32) {
        if self.section != 2 || self.unmatched_header.is_empty() {
            return;
        }
        let ncols = self.tpl.tables[table].cols.len();
        let seen = self
            .out
            .labels
            .iter()
            .filter(|l| l.table == table && l.axis == Axis::Col)
            .count();
        if seen < ncols {
            let words: Vec<String> = self
                .unmatched_header
                .iter()
                .map(|(l, t)| format!("`{t}` (line {l})"))
                .collect();
            self.diags.push(Diag::warning(
                line,
                format!(
                    "{HEADER_UNMATCHED} of item {}: {}; its numbers were read in the template's column order",
                    self.tpl.tables[table].item,
                    words.join(", ")
                ),
            ).with_kind(crate::model::diag::Kind::HeaderUnmatched));
        }
        self.unmatched_header.clear();
    }

    /// How many empty cells right after the current label are padding: on one
    /// physical line, the value cells after the label are right-aligned, so any
    /// beyond the row's width that come first are empty grid columns.
    fn padding_after(&self, ncols: usize) -> usize {
        let Some(&(label_line, following)) = self.lookahead.as_ref() else {
            return 0;
        };
        let values = following
            .iter()
            .take_while(|c| c.line == label_line && c.kind != Kind::Text);
        let n = values.clone().count();
        if n <= ncols {
            return 0;
        }
        let extra = n - ncols;
        let blanks = values
            .take(extra)
            .filter(|c| c.kind == Kind::Value(CellValue::Blank))
            .count();
        if blanks == extra {
            extra
        } else {
            0
        }
    }

    fn resolve_col(&self, syms: &[Symbol]) -> Option<(usize, usize)> {
        let cols = syms.iter().filter_map(|s| match *s {
            Symbol::Col { table, col } => Some((table, col)),
            _ => None,
        });
        let mut first = None;
        for (t, c) in cols {
            if t == self.current {
                return Some((t, c));
            }
            first.get_or_insert((t, c));
        }
        // A column word of another item: only trust it in section 2 when the
        // current item has no such column and no caption was seen yet.
        first
    }

    fn resolve_row(&self, syms: &[Symbol]) -> Option<(usize, usize)> {
        let mut first = None;
        for s in syms {
            if let Symbol::Row { table, row } = *s {
                if table == self.current {
                    return Some((table, row));
                }
                first.get_or_insert((table, row));
            }
        }
        first
    }

    fn label(&mut self, table: usize, axis: Axis, index: usize, text: &str, line: u32) {
        let already = self
            .out
            .labels
            .iter()
            .any(|l| l.table == table && l.axis == axis && l.index == index);
        if already {
            // Printed again (a header repeated after a page break): the first is kept.
            self.out.structure.push((line, line));
        } else {
            self.out.labels.push(LabelRead {
                table,
                axis,
                index,
                text: text.to_string(),
                line,
            });
        }
    }

    fn value_cell(&mut self, text: &str, cell: &Cell, v: CellValue) {
        let Some(p) = &mut self.pending else {
            if v != CellValue::Blank {
                // More numbers on a row's line than the row has columns (`3 001`
                // printed for 3001): which of them are its cells is not certain.
                if let Some((t, r, line)) = self.last_filled.take() {
                    if line == cell.line {
                        let n = self.tpl.tables[t].cols.len();
                        for s in &mut self.out.tables[t].slots[r * n..(r + 1) * n] {
                            *s = None;
                        }
                        self.diags.push(Diag::warning(
                            line,
                            format!(
                                "row {} has more numbers on its line than columns: which are its cells is not certain, so they are reported missing",
                                self.tpl.tables[t].rows[r].key
                            ),
                        ));
                    }
                }
                self.diags.push(Diag::note(
                    cell.line,
                    format!("value `{}` stands outside any row; set aside", cell.raw),
                ));
            }
            return;
        };
        let ncols = self.tpl.tables[p.table].cols.len();
        if p.skip > 0 && v == CellValue::Blank {
            p.skip -= 1;
            return;
        }
        if !p.duplicate {
            let idx = p.row * ncols + p.filled;
            self.out.tables[p.table].slots[idx] = Some(slot_of(text, cell, v));
        } else if v != CellValue::Blank {
            self.diags.push(Diag::note(
                cell.line,
                format!(
                    "value `{}` belongs to a row printed twice; set aside",
                    cell.raw
                ),
            ));
        }
        p.filled += 1;
        if p.filled == ncols {
            self.last_filled = (!p.duplicate).then_some((p.table, p.row, cell.line));
            self.pending = None;
        }
    }

    fn run_cell(&mut self, text: &str, cell: &Cell) {
        let Some(p) = &mut self.pending else {
            self.diags.push(Diag::note(
                cell.line,
                format!("digits `{}` stand outside any row; set aside", cell.raw),
            ));
            return;
        };
        let ncols = self.tpl.tables[p.table].cols.len();
        let remaining = ncols - p.filled;
        if !p.duplicate {
            let base = p.row * ncols + p.filled;
            add_run(
                text,
                cell,
                p.table,
                (base..base + remaining).collect(),
                self.out,
            );
        } else {
            self.diags.push(Diag::note(
                cell.line,
                format!(
                    "digits `{}` belong to a row printed twice; set aside",
                    cell.raw
                ),
            ));
        }
        self.pending = None;
    }

    /// Closes the open row; cells it did not get stay missing.
    fn finish_row(&mut self) {
        if let Some(p) = self.pending.take() {
            let t = &self.tpl.tables[p.table];
            if p.filled > 0 && p.filled < t.cols.len() && !p.duplicate {
                self.diags.push(Diag::warning(
                    p.line,
                    format!(
                        "row {} has {} of {} cells; the rest are reported missing",
                        t.rows[p.row].key,
                        p.filled,
                        t.cols.len()
                    ),
                ));
            }
        }
    }
}

/// A run of glued digits filling `slots`: one value, or a split to find later.
fn add_run(text: &str, cell: &Cell, table: usize, slots: Vec<usize>, out: &mut Tables) {
    let raw = (cell.offset, cell.offset + cell.raw.len());
    if slots.len() == 1 {
        let v = parse_cell(cell.raw);
        let slot = match v {
            CellValue::Text => Slot {
                state: State::Unresolved,
                value: None,
                unit: None,
                raw,
                line: cell.line,
            },
            v => slot_of(text, cell, v),
        };
        out.tables[table].slots[slots[0]] = Some(slot);
        return;
    }
    for &s in &slots {
        out.tables[table].slots[s] = Some(Slot {
            state: State::Unresolved,
            value: None,
            unit: None,
            raw,
            line: cell.line,
        });
    }
    out.runs.push(GluedRun {
        table,
        slots,
        raw,
        line: cell.line,
    });
}

fn slot_of(_text: &str, cell: &Cell, v: CellValue) -> Slot {
    let raw = (cell.offset, cell.offset + cell.raw.len());
    match v {
        CellValue::Number(d, unit) => Slot {
            state: State::Number,
            value: Some(d),
            unit,
            raw,
            line: cell.line,
        },
        CellValue::Blank => Slot {
            state: State::Blank,
            value: None,
            unit: None,
            raw,
            line: cell.line,
        },
        CellValue::Na | CellValue::Text => Slot {
            state: State::Na,
            value: None,
            unit: None,
            raw,
            line: cell.line,
        },
    }
}

/// Section 四: labels anywhere in the header; the 15 values by position after it,
/// unless a row label is followed directly by its numbers (a transposed table).
fn read_positional(
    text: &str,
    cells: &[Cell],
    tpl: &Template,
    out: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    let Some((ti, table)) = tpl.section_tables(4).next() else {
        return;
    };
    let m = tpl.matcher(4);
    let is_number = |c: &Cell| {
        matches!(
            c.kind,
            Kind::Run | Kind::Value(CellValue::Number(..)) | Kind::Value(CellValue::Na)
        )
    };
    let first = cells.iter().position(is_number);
    let transposed = first.is_some_and(|f| {
        f > 0 && cells[f - 1].kind == Kind::Text && {
            let label = cells[f - 1].text();
            let hits = scan(&label, &m.patterns, &m.automaton);
            hits.last().is_some_and(|h| {
                h.pattern
                    .symbols
                    .iter()
                    .any(|s| matches!(s, Symbol::Row { .. }))
            })
        }
    });
    if transposed {
        let mut reader = Reader {
            lookahead: None,
            tpl,
            section: 4,
            out,
            diags,
            current: ti,
            zone: Zone::Rows,
            pending: None,
            unmatched_header: Vec::new(),
            last_filled: None,
        };
        for i in 0..cells.len() {
            reader.cell(text, cells, i);
        }
        reader.finish_row();
        return;
    }
    // Header labels, for labels.csv: rows in order of first appearance, columns by
    // their first five occurrences (the 行政复议 group).
    let header_end = first.unwrap_or(cells.len());
    for c in &cells[..header_end] {
        match c.kind {
            Kind::Text => {}
            Kind::Page => {
                diags.push(page_note(c));
                continue;
            }
            // Empty cells of the header's grid: nothing printed.
            _ => continue,
        }
        if c.last_line > c.line {
            out.structure.push((c.line + 1, c.last_line));
        }
        let label = c.text();
        let hits = scan(&label, &m.patterns, &m.automaton);
        if hits.is_empty() {
            diags.push(Diag::note(
                c.line,
                format!(
                    "text `{}` in a table matches no label of the template; set aside",
                    clip(&c.text())
                ),
            ));
        }
        for h in hits.iter() {
            out.tables[ti].seen = true;
            let label = h.pattern.symbols.iter().find_map(|s| match *s {
                Symbol::Row { row, .. } => Some((Axis::Row, row)),
                Symbol::Col { col, .. } => Some((Axis::Col, col)),
                _ => None,
            });
            match label {
                Some((axis, index))
                    if !out
                        .labels
                        .iter()
                        .any(|l| l.table == ti && l.axis == axis && l.index == index) =>
                {
                    out.labels.push(LabelRead {
                        table: ti,
                        axis,
                        index,
                        text: h.text.to_string(),
                        line: c.line,
                    });
                }
                // A group title, or a column label printed again (each group of
                // 四 repeats the five result columns).
                _ => out.structure.push((c.line, c.line)),
            }
        }
    }
    let Some(first) = first else { return };
    out.tables[ti].seen = true;
    // Empty cells right before the first number are the first values (blank), unless
    // a label stands between them.
    let mut startpos = first;
    while startpos > 0 && cells[startpos - 1].kind == Kind::Value(CellValue::Blank) {
        startpos -= 1;
    }
    let n = table.n_cells();
    let mut filled = 0;
    let mut i = startpos;
    while i < cells.len() && filled < n {
        let c = &cells[i];
        match c.kind {
            Kind::Text => break,
            Kind::Page => diags.push(page_note(c)),
            Kind::Value(v) => {
                out.tables[ti].slots[filled] = Some(slot_of(text, c, v));
                filled += 1;
            }
            Kind::Run => {
                add_run(text, c, ti, (filled..n).collect(), out);
                filled = n;
            }
        }
        i += 1;
    }
    // Whatever stands after the numbers is not read: each piece gets a word.
    for c in &cells[i..] {
        match c.kind {
            Kind::Page => diags.push(page_note(c)),
            Kind::Value(CellValue::Blank) => {}
            _ => {
                if c.last_line > c.line {
                    out.structure.push((c.line + 1, c.last_line));
                }
                diags.push(Diag::note(
                    c.line,
                    format!(
                        "`{}` stands after the numbers of section 四; set aside",
                        clip(&c.text())
                    ),
                ));
            }
        }
    }
    for r in 0..table.rows.len() {
        out.tables[ti].rows_seen[r] = true;
    }
    if filled < n {
        diags.push(Diag::warning(
            cells[first].line,
            format!("section 四 has {filled} of {n} numbers; the rest are reported missing"),
        ));
    }
}

fn page_note(cell: &Cell) -> Diag {
    Diag::note(
        cell.line,
        format!("page number `{}` inside the table; set aside", cell.raw),
    )
}

pub(crate) fn clip(s: &str) -> String {
    let t = s.trim();
    if t.chars().count() > 30 {
        let mut c: String = t.chars().take(30).collect();
        c.push('…');
        c
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(h: &Hits) -> Vec<(String, String)> {
        h.iter()
            .map(|h| (h.pattern.text.clone(), h.text.to_string()))
            .collect()
    }

    /// A remembered scan gives what a fresh one gives: for every label and keyword
    /// of both templates, printed plainly, with enumerators, twice in one cell and
    /// glued to a number.
    #[test]
    fn remembered_scans_match_fresh_ones() {
        let mut texts = vec![
            String::new(),
            "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章".to_string(),
        ];
        for t in crate::grammar::templates() {
            for table in &t.tables {
                for l in table.rows.iter().chain(&table.cols) {
                    texts.push(l.label.clone());
                    texts.push(format!("（七）{}", l.label));
                    texts.push(format!("{}{}", l.label, l.label));
                    texts.extend(l.keywords.iter().map(|k| format!("{k}29")));
                }
            }
        }
        for t in crate::grammar::templates() {
            for section in 2..=4 {
                let m = t.matcher(section);
                for text in &texts {
                    let mut fresh = Scratch::default();
                    let want = plain(&scan_with(text, &mut fresh, &m.patterns, &m.automaton));
                    for _ in 0..2 {
                        let got = plain(&scan(text, &m.patterns, &m.automaton));
                        assert_eq!(got, want, "{text}");
                    }
                }
            }
        }
    }
}
