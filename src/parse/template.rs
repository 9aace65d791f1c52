//! Cells → typed tables: the cell sequence of a section matched against a template.
//!
//! Reading is label-driven, not position-driven: a cell whose text holds a row label
//! opens that row, and the value cells after it fill the row's columns in order.
//! So the same code reads every layout, survives extra rows and missing ones, and a
//! wrapped label's tail or a stray glyph is set aside with a note instead of
//! shifting every later number. Section 四 prints its 15 numbers after a header of
//! labels, so it is read by position once the header ends.

use crate::grammar::{Symbol, Template};
use crate::model::diag::Diag;
use crate::model::value::{parse_cell, CellValue, Unit};
use crate::parse::cells::{read_cells, Cell, Kind, Layout};
use crate::parse::lines::LineIndex;
use crate::parse::positional::read_positional;
pub(crate) use crate::parse::scan::{scan, Hit};
pub use crate::parse::standin::{row_reported, settle_stand_ins};

/// How a warning about a column header that matches no label starts (the report's
/// message names it).
pub const HEADER_UNMATCHED: &str = "column header wording that matches no label";

pub use crate::model::tables::{Axis, GluedRun, LabelRead, Slot, State, TableRead, Tables};

/// Where the reader stands in a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zone {
    Header,
    Rows,
}

pub(crate) struct Pending {
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
    /// Where its label ends (a wrapped label's last piece).
    last_line: u32,
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
    let (layout, mut cells) = read_cells(text, start, end, li);
    out.layouts[(section - 2) as usize] = layout;
    crate::parse::align::drop_frame_cells(&mut cells, diags);
    if layout == Some(crate::parse::cells::Layout::Glued) {
        crate::parse::wrapped::join_glued_wraps(text, section, tpl, &mut cells, diags);
    }
    if section == 4 {
        // Text after the section (section 五, the signature): the text was not cut
        // short in section 四.
        let more_follows = text.get(end..).is_some_and(|t| !t.trim().is_empty());
        read_positional(text, &cells, more_follows, tpl, out, diags);
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
        placing: Default::default(),
        prev_text: None,
        short_surplus: false,
        run_row: None,
        labels_seen: LabelsSeen::default(),
        after_col_row: false,
    };
    for i in 0..cells.len() {
        reader.cell(text, &cells, i);
    }
    // Text after the section (a later section, the signature): the text was not
    // cut short in the section's last row.
    let more_follows = text.get(end..).is_some_and(|t| !t.trim().is_empty());
    reader.finish_last_row(more_follows);
    reader.resolve_placed_runs(None);
}

/// Whether `raw`, a slice of `text`, stands on a line that a markdown table rule
/// (`|---|---|`) follows: a table's header row.
fn ruled_header(text: &str, raw: &str) -> bool {
    let at = (raw.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    let Some(rest) = text.get(at..) else {
        return false;
    };
    let Some(nl) = rest.find('\n') else {
        return false;
    };
    let next = rest[nl + 1..].split('\n').next().unwrap_or("").trim();
    next.contains('|')
        && next.contains('-')
        && next.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

pub(crate) struct Reader<'r, 'c> {
    /// The line of the text cell being read and the cells after it.
    pub(crate) lookahead: Option<(u32, &'c [Cell<'c>])>,
    pub(crate) tpl: &'r Template,
    pub(crate) section: u8,
    pub(crate) out: &'r mut Tables,
    pub(crate) diags: &'r mut Vec<Diag>,
    pub(crate) current: usize,
    pub(crate) zone: Zone,
    pub(crate) pending: Option<Pending>,
    /// Section 2: header text of the current item that matched no column label.
    pub(crate) unmatched_header: Vec<(u32, String)>,
    /// The row filled last and the line of its last number, until the next cell.
    pub(crate) last_filled: Option<(usize, usize, u32)>,
    /// Glued digits after a text that names nothing, placed by the next label
    /// ([`crate::parse::placing`]).
    pub(crate) placing: crate::parse::placing::Placing<'c>,
    /// The cell before the one being read, when it was text: a `总计` after a
    /// column's word on its line closes a header, it is no row label.
    pub(crate) prev_text: Option<&'c Cell<'c>>,
    /// The value being read follows a filled row, one cell a line, and fewer
    /// numbers than a row has stand before the next text ([`Self::short_surplus_at`]).
    pub(crate) short_surplus: bool,
    /// The row that glued digits closed last (table, row, line, index of the
    /// digits' cell), while the one or two cells after them are read: digits right
    /// after a character or two of text that no row takes (`２９顶３７５５１６６１.７元`,
    /// a unit misread as text) show that the row went on past that text, so the
    /// digits before it did not hold all its cells.
    pub(crate) run_row: Option<(usize, usize, u32, usize)>,
    /// Which labels `out.labels` holds, for [`Reader::label`]'s question.
    pub(crate) labels_seen: LabelsSeen,
    /// The last label among section 三's rows named a column (a table printed
    /// with rows and columns swapped: `| 法律服务机构 | 5 | …`): a `其他` after
    /// it is that column too, not the row `3.其他`.
    pub(crate) after_col_row: bool,
}

/// The (table, axis, index) of the labels read so far, as bits: whether a label
/// was read already was a search of the whole list for every new label (a
/// hundred labels a report, 2.6% of dongxin-2020's parse, callgrind). The list
/// only grows while a reader reads, and a label's table, axis and index never
/// change, so the labels added since the last question are taken in before each
/// one. A label past the bits' bounds is looked for in the list as before.
#[derive(Default)]
pub(crate) struct LabelsSeen {
    bits: [u64; 32],
    /// How many labels of the list the bits hold.
    scanned: usize,
}

impl LabelsSeen {
    /// The bit of a label: 64 indices per table and axis, 16 tables.
    fn slot(table: usize, axis: Axis, index: usize) -> Option<usize> {
        let k = (table * 2 + usize::from(axis == Axis::Col)) * 64 + index;
        (index < 64 && k < 32 * 64).then_some(k)
    }

    /// Whether `labels` holds a label of `table`'s `axis` at `index`.
    fn holds(&mut self, labels: &[LabelRead], table: usize, axis: Axis, index: usize) -> bool {
        let Some(k) = Self::slot(table, axis, index) else {
            return labels
                .iter()
                .any(|l| l.table == table && l.axis == axis && l.index == index);
        };
        if self.scanned > labels.len() {
            // Never while a reader reads; if the list had shrunk, start again.
            *self = LabelsSeen::default();
        }
        for l in &labels[self.scanned..] {
            if let Some(j) = Self::slot(l.table, l.axis, l.index) {
                self.bits[j / 64] |= 1 << (j % 64);
            }
        }
        self.scanned = labels.len();
        self.bits[k / 64] & (1 << (k % 64)) != 0
    }
}

impl<'c> Reader<'_, 'c> {
    pub(crate) fn cell(&mut self, text: &'c str, cells: &'c [Cell<'c>], i: usize) {
        let cell = &cells[i];
        if let Some((_, _, line, at)) = self.run_row {
            let keep = line == cell.line
                && match i.wrapping_sub(at) {
                    1 => {
                        cell.kind == Kind::Text
                            && cell.raw.trim().chars().count() <= 2
                            && !cell.raw.chars().any(|c| c.is_ascii_digit())
                    }
                    2 => matches!(cell.kind, Kind::Run | Kind::Value(_)),
                    _ => false,
                };
            if !keep {
                self.run_row = None;
            }
        }
        self.prev_text = i
            .checked_sub(1)
            .and_then(|j| cells.get(j))
            .filter(|c| c.kind == Kind::Text);
        // Glued rows under markdown headers: a header row (a table rule under
        // it) names columns, and its `总计` is no row (the glued rows after it
        // would go to （七）总计).
        let glued = self.out.layouts[usize::from(self.section - 2)] == Some(Layout::Glued);
        if glued && cell.kind == Kind::Text && ruled_header(text, cell.raw) {
            return;
        }
        match cell.kind {
            Kind::Text => {
                // A damaged number opening the line after a row's last number, that
                // line ending in a digit: a wrap cut the number (`37` / `55I 661.7元`).
                // (Markup a rewrite left, `&nbsp;_`, stands for nothing: the cell
                // after it is asked instead.)
                let filled = if markup_only(cell.raw) {
                    None
                } else {
                    self.last_filled.take()
                };
                if let Some((t, r, line)) = filled {
                    if self.pending.is_none()
                        && number_piece(cell.raw)
                        && wrapped_on(text, line, cell)
                    {
                        self.set_wrapped_row_aside(t, r, line, cell.line);
                    }
                }
                self.lookahead = Some((cell.line, &cells[i + 1..]));
                self.text_cell(cell)
            }
            Kind::Value(v) if zero_led(cell.raw) => self.zero_led_value(text, cell, v),
            Kind::Value(v) => {
                self.short_surplus = self.pending.is_none() && self.short_surplus_at(cells, i);
                self.value_cell(text, cell, v)
            }
            Kind::Run => {
                self.run_cell(text, cell);
                if let Some(r) = self.run_row.as_mut().filter(|r| r.3 == usize::MAX) {
                    r.3 = i;
                }
            }
            Kind::Page => self.diags.push(page_note(cell)),
        }
    }

    /// Whether the values from `cells[i]` on, up to the next text, are more
    /// numbers after the row just filled, fewer than a row has, in a layout of one
    /// cell a line: a number of that row split in two (`51` / `3` for 513: a page
    /// that prints one number in two runs, `<span>51</span><span>3</span>`, dumped
    /// with a separator between texts), so the row's cells are not certain. As
    /// many numbers as a row has or more are a row whose label was lost: the row
    /// before keeps its cells.
    fn short_surplus_at(&self, cells: &[Cell], i: usize) -> bool {
        let Some((t, _, _)) = self.last_filled else {
            return false;
        };
        if !matches!(
            self.out.layouts[usize::from(self.section - 2)],
            Some(Layout::NewlineCells | Layout::BlankLineCells)
        ) {
            return false;
        }
        let n = self.tpl.tables[t].cols.len();
        let mut count = 0;
        for c in &cells[i..] {
            match c.kind {
                Kind::Text => break,
                Kind::Page | Kind::Value(CellValue::Blank) => {}
                _ => count += 1,
            }
            if count >= n {
                return false;
            }
        }
        count > 0
    }

    /// Whether `cell` runs on, with nothing between, from a text cell on its line
    /// that names nothing of the section (`数据1`: a header a converter invented).
    /// After a row's first numbers such digits are not the rest of that row: text
    /// the template does not know stood between them.
    fn glued_to_unknown_text(&self, cell: &Cell) -> bool {
        let Some(prev) = self.prev_text else {
            return false;
        };
        if prev.last_line != cell.line
            || !prev.more.is_empty()
            || prev.offset + prev.raw.len() != cell.offset
        {
            return false;
        }
        let m = self.tpl.matcher(self.section);
        scan(prev.raw, &m.patterns, &m.automaton).is_empty()
    }

    /// Whether a markdown table rule (`|---|`) follows the text cell being read:
    /// it closes a header row. (Dashes between the rows of other layouts, w3m's,
    /// close nothing.)
    fn rule_follows(&self) -> bool {
        let piped = self.out.layouts[usize::from(self.section - 2)] == Some(Layout::Pipe);
        piped
            && self.lookahead.is_some_and(|(_, rest)| {
                rest.first().is_some_and(|c| {
                    c.kind == Kind::Text
                        && c.raw.len() >= 3
                        && c.raw.bytes().all(|b| b == b'-' || b == b':')
                })
            })
    }

    /// Whether the text cell before the one on `line` stands on that line and
    /// names no row and no group of the section (a column label, a header a
    /// converter invented: `| 数据6 | 总计 |`).
    fn after_header_word(&self, line: u32) -> bool {
        // On its line, or alone on the line before (a converter that writes every
        // cell on a line of its own, with or without a blank line between:
        // `数据6` / `总计`).
        let Some(prev) = self.prev_text.filter(|c| {
            c.last_line == line
                || (c.line == c.last_line && (c.last_line + 1..=c.last_line + 2).contains(&line))
        }) else {
            return false;
        };
        let m = self.tpl.matcher(self.section);
        !scan(&prev.text(), &m.patterns, &m.automaton)
            .iter()
            .any(|h| {
                h.pattern
                    .symbols
                    .iter()
                    .any(|s| matches!(s, Symbol::Row { .. } | Symbol::Group { .. }))
            })
    }

    /// Row `r` of table `t`, whose last number stood at the end of `line`, with
    /// what may be the rest of that number on `next`: missing, with a warning.
    fn set_wrapped_row_aside(&mut self, t: usize, r: usize, line: u32, next: u32) {
        let n = self.tpl.tables[t].cols.len();
        set_slots_aside(
            &mut self.out.tables[t].slots[r * n..(r + 1) * n],
            self.diags,
        );
        self.diags.push(Diag::warning(
            line,
            format!(
                "row {} ends its line with a number, and the next line (line {next}) opens with what may be the rest of it (a wrapped line?): which are its cells is not certain, so they are reported missing",
                self.tpl.tables[t].rows[r].key
            ),
        ));
        self.out.uncertain.push(line);
    }

    fn text_cell(&mut self, cell: &Cell) {
        if cell.last_line > cell.line {
            self.out.structure.push((cell.line + 1, cell.last_line));
        }
        let m = self.tpl.matcher(self.section);
        let joined = cell.text();
        let mut hits = scan(&joined, &m.patterns, &m.automaton);
        // Labels read by likeness are for glued text, which only this reader reads;
        // in any other layout the stream reading takes them (and the referee
        // weighs the two readings on what each reads exactly).
        let glued = self.out.layouts[usize::from(self.section - 2)] == Some(Layout::Glued);
        if !glued {
            hits.retain(|h| h.likeness.is_none());
        }
        if hits.is_empty()
            && self.zone == Zone::Header
            && self.column_label_tail(&joined, cell.line)
        {
            return;
        }
        if hits.is_empty() && damaged_number(&joined) && self.set_row_aside(&joined, cell.line) {
            return;
        }
        if hits.is_empty()
            && self
                .pending
                .as_ref()
                .is_some_and(|p| self.ended_before(p, cell.line))
        {
            // A row printed on one line, short of cells, and text on a later line
            // (the next table's header): the row ended at its line, short; the
            // text is not among its numbers.
            self.finish_row();
        }
        if hits.is_empty() {
            match &mut self.pending {
                // A wrapped label: its next line before the row's numbers, on the
                // line after the label or the one after that (a line of the row's
                // numbers may stand between); text further down, past a header or
                // a rule, continues nothing.
                Some(p)
                    if p.filled == 0
                        && cell.line <= p.last_line + 2
                        && !crate::parse::align::opens_row(&joined)
                        && !label_complete(self.tpl, &self.out.labels, p.table, p.row)
                        && !joined
                            .chars()
                            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) =>
                {
                    p.last_line = p.last_line.max(cell.last_line);
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
                // Text that names nothing among a row's numbers (`| 2 | 0 | 注 | 0 |`):
                // whether it stands for a cell, so that the numbers after it move
                // one column on, is not known.
                Some(p)
                    if p.filled > 0 && !p.duplicate && {
                        let n = self.tpl.tables[p.table].cols.len();
                        p.filled < n
                    } =>
                {
                    self.set_row_aside(&joined, cell.line);
                }
                _ => {
                    // A label still waiting for its numbers, with text that names
                    // nothing and continues nothing now between them: which
                    // numbers that follow are its own is not known.
                    if self
                        .pending
                        .as_ref()
                        .is_some_and(|p| p.filled == 0 && !p.duplicate)
                    {
                        self.give_up_waiting(cell.line);
                    }
                    if self.pending.is_none() {
                        self.placing.unknown = Some((joined.to_string(), cell.line));
                    }
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
        self.placing.unknown = None;
        for hit in hits.iter() {
            self.diags.extend(hit.likeness_note(cell.line));
            self.hit(hit, cell.line);
        }
        if let Some(p) = self.pending.as_mut().filter(|p| p.line == cell.line) {
            p.last_line = p.last_line.max(cell.last_line);
        }
        if let Some(tail) = numbers_after_words(&joined) {
            self.numbers_in_label_cell(tail, cell.line);
        } else if self.out.layouts[usize::from(self.section - 2)] == Some(Layout::Glued) {
            if let Some(tail) = digits_after_words(&joined) {
                self.digits_in_glued_label(tail, cell.line);
            }
        }
        self.unknown_tail(cell, m);
    }

    /// A row's label in glued text whose cell holds digits after it that were
    /// not read as a run (`申请数量200000（注）2`: digits with a footnote's mark
    /// between them, [`crate::parse::cells`]): the row's numbers are those, not
    /// the next ones read, so the row just opened on this line is reported
    /// missing, with a warning.
    fn digits_in_glued_label(&mut self, tail: &str, line: u32) {
        self.pending_row_missing(line, true, |key| {
            format!(
                "row {key}'s label is glued to digits that are not read as its cells (`{}`): its numbers are not known, so the row is reported missing",
                clip(tail)
            )
        });
    }

    /// The row opened on `line` and not yet given a number, reported missing with
    /// the warning `why` gives for its key (when `when`): its cells are then no
    /// one's (`duplicate`).
    fn pending_row_missing(&mut self, line: u32, when: bool, why: impl FnOnce(&str) -> String) {
        let Some(p) = self
            .pending
            .as_mut()
            .filter(|p| when && p.line == line && p.filled == 0 && !p.duplicate)
        else {
            return;
        };
        let key = &self.tpl.tables[p.table].rows[p.row].key;
        self.diags.push(Diag::warning(line, why(key)));
        p.duplicate = true;
    }

    /// A row's label cell of a grid (pipes or TABs) that holds numbers after the
    /// label (`1.属于国家秘密 0 0 0 0 0 0注②`, then `& 0 & & …`): the converter
    /// ran cells into the label's, and the cells after it are not where the
    /// grid puts them (its empty ones may be the numbers there). The row just
    /// opened on this line is reported missing, with a warning.
    fn numbers_in_label_cell(&mut self, tail: &str, line: u32) {
        let grid = matches!(
            self.out.layouts[usize::from(self.section - 2)],
            Some(Layout::Pipe | Layout::RowPerLine)
        );
        self.pending_row_missing(line, grid, |key| {
            format!(
                "the label cell of row {key} holds numbers after the label (`{}`): cells were run into it, so which of the row's cells is in which column is not certain, and the row is reported missing",
                clip(tail.trim())
            )
        });
    }

    /// A cell over several lines (pipe text whose lines without a `|` join the
    /// cell above) whose last line names nothing and continues no label of it
    /// (`规章` / `行政规范性文件` / `第二十条第(五)顶`, a caption misread): the
    /// cells after it are that text's, not the last row named's, which then waits
    /// for its numbers past text that names nothing and is reported missing.
    fn unknown_tail(&mut self, cell: &Cell, m: &crate::grammar::SectionMatcher) {
        // Glued text's cells run over lines as printed; its labels are read by
        // likeness here, not by the stream reader.
        if self.out.layouts[usize::from(self.section - 2)] == Some(Layout::Glued) {
            return;
        }
        let Some(tail) = cell.more.last().map(|t| t.trim()) else {
            return;
        };
        let Some(p) = self
            .pending
            .as_ref()
            .filter(|p| p.filled == 0 && !p.duplicate)
        else {
            return;
        };
        let label = &self.tpl.tables[p.table].rows[p.row].label;
        if tail.chars().filter(|c| !c.is_whitespace()).count() < 2
            || crate::grammar::normalize::fold(label)
                .contains(&crate::grammar::normalize::fold(tail))
            || !scan(tail, &m.patterns, &m.automaton).is_empty()
        {
            return;
        }
        self.give_up_waiting(cell.last_line);
    }

    /// The open row, still waiting for its numbers, is past text on `line` that
    /// names nothing: which numbers after it are its own is not known, so it is
    /// closed, its cells missing, with a note.
    fn give_up_waiting(&mut self, line: u32) {
        if let Some(p) = self.pending.take() {
            self.diags.push(Diag::note(
                p.line,
                format!(
                    "row {} waits for its numbers past text that names nothing (line {line}); its cells are reported missing",
                    self.tpl.tables[p.table].rows[p.row].key,
                ),
            ));
        }
    }

    /// Whether open row `p` has numbers, all on its label's line, and `line` is a
    /// later one: a row printed on one line has ended there.
    fn ended_before(&self, p: &Pending, line: u32) -> bool {
        if p.filled == 0 || p.duplicate || line <= p.line {
            return false;
        }
        let n = self.tpl.tables[p.table].cols.len();
        self.out.tables[p.table].slots[p.row * n..(p.row + 1) * n]
            .iter()
            .flatten()
            .all(|s| s.line == p.line)
    }

    /// `1��`, `0益`, `021`: a number a converter damaged, among a row's numbers.
    /// Which number is in which column is then not certain: the open row is
    /// missing. False when no row is open.
    fn set_row_aside(&mut self, raw: &str, line: u32) -> bool {
        let Some(p) = self.pending.as_mut().filter(|p| !p.duplicate) else {
            return false;
        };
        let t = &self.tpl.tables[p.table];
        let n = t.cols.len();
        set_slots_aside(
            &mut self.out.tables[p.table].slots[p.row * n..(p.row + 1) * n],
            self.diags,
        );
        self.diags.push(Diag::warning(
            line,
            format!(
                "`{}` stands among the numbers of row {} but is no number: which number is in which column is not certain, so the row is reported missing",
                clip(raw),
                t.rows[p.row].key
            ),
        ));
        p.duplicate = true;
        true
    }

    /// `021`: digits with a leading zero, cells run together ([`zero_led`]).
    /// Outside any row it is set aside as any value there is (and a row filled
    /// on its line has more numbers than columns).
    fn zero_led_value(&mut self, text: &str, cell: &Cell, v: CellValue) {
        if self.pending.as_ref().is_some_and(|p| !p.duplicate) {
            self.last_filled = None;
            self.set_row_aside(cell.raw, cell.line);
        } else {
            self.value_cell(text, cell, v);
        }
    }

    fn hit(&mut self, hit: &Hit, line: u32) {
        let syms = &hit.pattern.symbols;
        // The "总计" of section 三 is a column in the header and （七） among rows;
        // after a column's word on its line (`| 数据6 | 总计 |`, a header printed
        // again among the rows) it is a column.
        let both = syms.iter().any(|s| matches!(s, Symbol::Row { .. }))
            && syms.iter().any(|s| matches!(s, Symbol::Col { .. }))
            && !enumerated(hit.text);
        let prefer_row = self.zone == Zone::Rows
            && !(both
                && (self.after_col_row || self.after_header_word(line) || self.rule_follows()));
        let sym = crate::grammar::choose_symbol(syms, prefer_row);
        let Some(sym) = sym else { return };
        match sym {
            Symbol::Caption { table } => {
                self.finish_row();
                self.resolve_placed_runs(None);
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
                    self.after_col_row = true;
                    // A column word among rows (e.g. a stray 其他): not a label here.
                    self.diags.push(Diag::note(
                        line,
                        format!(
                            "`{}` names a column but stands among the rows; set aside",
                            clip(hit.text)
                        ),
                    ));
                    // Between a row's label and its first number, a column's word
                    // says the numbers after it may be that column's (a table
                    // printed with rows and columns swapped): the row is missing.
                    if let Some(p) = self
                        .pending
                        .as_mut()
                        .filter(|p| p.filled == 0 && !p.duplicate)
                    {
                        let (table, row) = (p.table, p.row);
                        p.duplicate = true;
                        let t = &self.tpl.tables[table];
                        let n = t.cols.len();
                        set_slots_aside(
                            &mut self.out.tables[table].slots[row * n..(row + 1) * n],
                            self.diags,
                        );
                        self.diags.push(Diag::warning(
                            line,
                            format!(
                                "`{}` names a column and stands between the label of row {} and its numbers: the numbers after it may be that column's (rows and columns swapped), so the row is reported missing",
                                clip(hit.text),
                                t.rows[row].key
                            ),
                        ));
                    }
                    return;
                }
                self.finish_row();
                // Section 2: the column of the current item with the same key.
                let col = self.resolve_col(syms);
                if let Some((table, col)) = col {
                    let tr = &mut self.out.tables[table];
                    tr.seen = true;
                    // A unit in a header is in parentheses: most headers have none,
                    // and are not folded for nothing.
                    let paren = hit.text.contains(crate::grammar::normalize::OPENING);
                    if let Some(u) = paren
                        .then(|| Unit::in_header(&crate::grammar::normalize::fold(hit.text)))
                        .flatten()
                    {
                        tr.col_units[col] = Some(u);
                    }
                    self.label(table, Axis::Col, col, hit.text, line);
                }
            }
            Symbol::Row { .. } => {
                self.after_col_row = false;
                let Some((table, row)) = self.resolve_row(syms) else {
                    return;
                };
                self.resolve_placed_runs(Some((table, row)));
                self.placing.last_row = Some((table, row));
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
                self.unplace(table, row, line);
                let ncols = self.tpl.tables[table].cols.len();
                let tr = &mut self.out.tables[table];
                tr.seen = true;
                // A row whose first printing brought no cell (a heading that repeats
                // its label: `### 一、本年新收…` over the table that prints the row)
                // takes its cells from this one.
                let bare = tr.rows_seen[row]
                    && tr.slots[row * ncols..(row + 1) * ncols]
                        .iter()
                        .all(Option::is_none)
                    && !tr.short.iter().any(|s| s.row == row);
                let duplicate = tr.rows_seen[row] && !bare;
                if bare {
                    self.diags.push(Diag::note(
                        line,
                        format!(
                            "row `{}` is printed again, and its first printing had no cells: the cells after this one are read as its",
                            hit.text
                        ),
                    ));
                    // The label is the one printed with the cells.
                    if let Some(l) = self
                        .out
                        .labels
                        .iter_mut()
                        .find(|l| l.table == table && l.axis == Axis::Row && l.index == row)
                    {
                        // The first printing stays accounted for as structure.
                        self.out.structure.push((l.line, l.line));
                        l.text = hit.text.to_string();
                        l.line = line;
                    }
                } else if duplicate {
                    self.diags.push(Diag::warning(
                        line,
                        format!("row `{}` is printed twice; the first one is kept", hit.text),
                    ));
                } else {
                    tr.rows_seen[row] = true;
                    self.label(table, Axis::Row, row, hit.text, line);
                }
                self.pending = Some(Pending {
                    table,
                    row,
                    filled: 0,
                    skip: self.padding_after(ncols),
                    duplicate,
                    line,
                    last_line: line,
                });
            }
        }
    }

    /// A header cell that completes a column label printed in two pieces on two
    /// rendered rows (`商业` … `企业`, `科研` … `机构`): appended to that label.
    fn column_label_tail(&mut self, text: &str, line: u32) -> bool {
        // Asked of every header cell that names no label: the official wordings
        // are folded once, with the template (folding them here for each column
        // label read was 2.6% of huaian-2024's parse, callgrind), and the cell is
        // folded only when a column label read ends with the character its text
        // folds to last (folding every such cell was 1%).
        let (tpl, section) = (self.tpl, self.section);
        let Some(last) = text
            .chars()
            .rev()
            .find_map(crate::grammar::normalize::fold_char)
        else {
            return false;
        };
        if !self.out.labels.iter().any(|l| {
            l.axis == Axis::Col
                && tpl.tables[l.table].section == section
                && tpl.tables[l.table].cols[l.index].folded.ends_with(last)
        }) {
            return false;
        }
        let tail = crate::grammar::normalize::fold(text);
        let found = self.out.labels.iter_mut().find(|l| {
            l.axis == Axis::Col && tpl.tables[l.table].section == section && {
                let official = &tpl.tables[l.table].cols[l.index].folded;
                // Most labels do not end with the tail: the printed one is then not
                // folded.
                official.ends_with(tail.as_str()) && {
                    let printed = crate::grammar::normalize::fold(&l.text);
                    printed.len() < official.len() && format!("{printed}{tail}") == *official
                }
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
        let already = self.labels_seen.holds(&self.out.labels, table, axis, index);
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
            if v != CellValue::Blank && self.run_row_went_on(cell) {
                return;
            }
            if v != CellValue::Blank {
                // More numbers on a row's line than the row has columns (`3 001`
                // printed for 3001): which of them are its cells is not certain.
                if let Some((t, r, line)) = self.last_filled.take() {
                    let layout = self.out.layouts[usize::from(self.section - 2)];
                    let n = self.tpl.tables[t].cols.len();
                    let blank_tail = self.out.tables[t].slots[r * n..(r + 1) * n]
                        .last()
                        .and_then(Option::as_ref)
                        .is_some_and(|s| s.state == State::Blank);
                    let cut = blank_tail && cut_after_blanks(text, line, cell);
                    let split = (self.short_surplus && line != cell.line)
                        || cut
                        || wrapped_on(text, line, cell)
                        || layout == Some(Layout::Pipe) && pipe_row_open(text, line, cell)
                        || layout == Some(Layout::RowPerLine) && tab_row_open(text, line, cell);
                    if line == cell.line || split {
                        let n = self.tpl.tables[t].cols.len();
                        set_slots_aside(
                            &mut self.out.tables[t].slots[r * n..(r + 1) * n],
                            self.diags,
                        );
                        let key = &self.tpl.tables[t].rows[r].key;
                        self.diags.push(Diag::warning(
                            line,
                            if cut {
                                format!(
                                    "row {key} ends in empty cells, and numbers open line {} after it with no label: a row cut in two (by a page break or the converter), whose empty cells may be where those numbers stand, so its cells are reported missing",
                                    cell.line
                                )
                            } else if split {
                                format!(
                                    "row {key} is followed by more numbers (line {}) before the next label, fewer than a row has: a number of the row may be printed in two pieces, so which are its cells is not certain and they are reported missing",
                                    cell.line
                                )
                            } else {
                                format!(
                                    "row {key} has more numbers on its line than columns: which are its cells is not certain, so they are reported missing"
                                )
                            },
                        ));
                    }
                }
                self.out.stray.push(cell.line);
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
        let tabs = self.out.layouts[usize::from(self.section - 2)] == Some(Layout::TabCells);
        if v == CellValue::Blank && tabs && !p.duplicate && p.filled >= 2 {
            // TAB cells: a row whose cells stood a line each, one after another,
            // then an empty line, then an empty cell: the row ended there, and
            // the empty cell opens the next one (a merged side column's place,
            // `\t` alone). Taken as the row's, it would stand where a number
            // the row lost (OCR drops a lone `0`) was printed.
            let row = &self.out.tables[p.table].slots[p.row * ncols..p.row * ncols + p.filled];
            let lines: Option<Vec<u32>> = row.iter().map(|s| s.as_ref().map(|s| s.line)).collect();
            let apart = lines.is_some_and(|l| {
                l.windows(2).all(|w| w[1] == w[0] + 1)
                    && l.last().is_some_and(|&x| cell.line > x + 1)
            });
            if apart {
                self.finish_row();
                return;
            }
        }
        let blank_lines =
            self.out.layouts[usize::from(self.section - 2)] == Some(Layout::BlankLineCells);
        if v == CellValue::Blank
            && blank_lines
            && !p.duplicate
            && p.filled >= 2
            && label_follows(text, cell.offset)
        {
            // Cells parted by blank lines: empty cells from the run of blank
            // lines right before a row's label are the merged side columns' places
            // of that row (a Word table whose label columns merge down the rows),
            // as every whole row of such a table shows by the same run after its
            // last number. Taken as this row's, they would stand where a number
            // the row lost was printed: the row is short, for the identities.
            self.finish_row();
            return;
        }
        if !p.duplicate {
            let idx = p.row * ncols + p.filled;
            self.out.tables[p.table].slots[idx] = Some(slot_of(text, cell, v));
        } else if v != CellValue::Blank {
            self.out.stray.push(cell.line);
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

    fn run_cell(&mut self, text: &'c str, cell: &'c Cell<'c>) {
        if self.pending.is_none() && self.run_row_went_on(cell) {
            return;
        }
        if self.pending.is_none() && self.place_run(text, cell) {
            return;
        }
        if self.pending.as_ref().is_some_and(|p| p.filled > 0) && self.glued_to_unknown_text(cell) {
            self.out.stray.push(cell.line);
            self.diags.push(Diag::note(
                cell.line,
                format!(
                    "digits `{}` run on from text that names nothing (a column header a converter invented, `数据1`), not from the row being read; set aside",
                    clip(cell.raw)
                ),
            ));
            return;
        }
        let Some(p) = &mut self.pending else {
            self.out.stray.push(cell.line);
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
                p.filled > 0,
                self.out,
                self.diags,
            );
            self.run_row = Some((p.table, p.row, cell.line, usize::MAX));
        } else {
            self.out.stray.push(cell.line);
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

    /// Digits or a value on the line of a row that glued digits closed, that no
    /// row takes: the row went on past them, and where its cells are is not
    /// known. Its cells are reported missing (its glued digits are not split),
    /// the cell set aside, with a warning. False when no such row is open.
    fn run_row_went_on(&mut self, cell: &Cell) -> bool {
        let Some((t, r, line, _)) = self.run_row.take() else {
            return false;
        };
        let n = self.tpl.tables[t].cols.len();
        let row = r * n..(r + 1) * n;
        self.out
            .runs
            .retain(|g| !(g.table == t && g.slots.iter().any(|s| row.contains(s))));
        for s in &mut self.out.tables[t].slots[row] {
            *s = None;
        }
        self.out.stray.push(cell.line);
        self.diags.push(Diag::warning(
            line,
            format!(
                "row {} goes on past its glued digits: `{}` on its line is read by no row, so where its cells begin and end is not known; reported missing",
                self.tpl.tables[t].rows[r].key,
                clip(cell.raw)
            ),
        ));
        true
    }

    /// Closes the section's last row. One short of cells when text follows the
    /// section was not cut off by the end of the text: a cell was lost or damaged
    /// somewhere in it (digits of several cells run together, read as one number),
    /// and which column each number is in is not known, so the row is missing.
    fn finish_last_row(&mut self, more_follows: bool) {
        let short = self
            .pending
            .as_ref()
            .filter(|p| !p.duplicate && more_follows)
            .map(|p| (p.table, p.row, p.filled, p.line));
        if let Some((table, row, filled, line)) = short {
            let n = self.tpl.tables[table].cols.len();
            if filled > 0 && filled < n {
                self.set_short_row_aside(table, row, filled, line, " and text follows the section: which column each is in is not certain, so the row is reported missing");
                self.pending = None;
            }
        }
        // Nothing follows: the text was cut off in this row, after its printed
        // cells, which are its first columns.
        self.close_row(!more_follows);
    }

    /// Row `row` of `table`, `filled` of its cells read from its first column on,
    /// set aside whole: kept for the identities to place (`parse::gaps`), its
    /// cells taken out, its line marked uncertain, and a warning saying `why`.
    fn set_short_row_aside(
        &mut self,
        table: usize,
        row: usize,
        filled: usize,
        line: u32,
        why: &str,
    ) {
        let t = &self.tpl.tables[table];
        let n = t.cols.len();
        // Kept for the identities to place before the cells go aside.
        self.keep_short(table, row, filled);
        set_slots_aside(
            &mut self.out.tables[table].slots[row * n..(row + 1) * n],
            self.diags,
        );
        self.diags.push(Diag::warning(
            line,
            format!("row {} has {filled} of {n} cells{why}", t.rows[row].key),
        ));
        self.out.uncertain.push(line);
    }

    /// A row one or two numbers short, each a plain number in the row's first
    /// `filled` cells: kept for the identities to place (`parse::gaps`), should
    /// its cells be set aside.
    fn keep_short(&mut self, table: usize, row: usize, filled: usize) {
        let n = self.tpl.tables[table].cols.len();
        if n - filled > 2 {
            return;
        }
        let cells = &self.out.tables[table].slots[row * n..(row + 1) * n];
        let nums: Option<Vec<Slot>> = cells[..filled]
            .iter()
            .map(|s| s.clone().filter(|s| s.state == State::Number))
            .collect();
        if let Some(nums) = nums {
            self.out.tables[table]
                .short
                .push(crate::model::tables::ShortRow {
                    row,
                    nums,
                    first: 0,
                });
        }
    }

    /// Closes the open row; cells it did not get stay missing. A row of section
    /// 三 or 四 short of cells is set aside whole: a cell lost in the middle (OCR
    /// missing a lone `0`, a converter an empty cell's mark) shifts every number
    /// after it one column left, and nothing on the line tells that from empty
    /// cells at its end (the identities may still place it: `parse::gaps`).
    pub(crate) fn finish_row(&mut self) {
        self.close_row(false);
    }

    /// [`Self::finish_row`]; `cut_off` when the text ends in the row, which then
    /// keeps the cells it has, from its first column.
    fn close_row(&mut self, cut_off: bool) {
        if let Some(p) = self.pending.take() {
            let t = &self.tpl.tables[p.table];
            let n = t.cols.len();
            if p.filled > 0
                && p.filled < n
                && !p.duplicate
                && !cut_off
                && matches!(t.section, 3 | 4)
            {
                self.set_short_row_aside(p.table, p.row, p.filled, p.line, ": a cell lost before the last would put every number after it in the wrong column, so the row is reported missing unless the report's identities place its numbers");
            } else if p.filled > 0 && p.filled < n && !p.duplicate {
                self.keep_short(p.table, p.row, p.filled);
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

/// `55I 661.7元`, `551 661.7元`, `1��`: text that opens like a number and is no
/// row's enumerator (`2.其他…`) nor a sentence (`2020年，…`): at most a unit's
/// two Han characters.
fn number_piece(raw: &str) -> bool {
    // A space written as a reference, a line break as a tag, or emphasis marks
    // before it stand for nothing (`<br> 551 661.7元`, `&nbsp; _551_ 661.7元`: the
    // rest of `37 551 661.7元` after a wrap).
    let t = strip_leading_markup(raw);
    let digit_first = t
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    // Asked of the label after every filled row: one that opens with no digit is
    // told without the scans below (they were 1.7% of a parse, callgrind).
    let enumerator = || {
        let rest = t.trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
        rest.starts_with(['.', '．', '、'])
            && rest[rest.chars().next().map_or(0, char::len_utf8)..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_ascii_digit())
    };
    let han = || {
        t.chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .count()
    };
    // `,I19`: the rest of `3,119` (OCR's I for 1) after a wrap cut it at the
    // group separator.
    let rest_of_grouped = || {
        t.strip_prefix([',', '，']).is_some_and(|r| {
            r.starts_with(|c: char| c.is_ascii_digit()) || crate::model::value::ocr_misread(r)
        })
    };
    damaged_number(raw) || digit_first && !enumerator() && han() <= 2 || rest_of_grouped()
}

/// For `cell` on the line after `line`: the text before it on its line, and
/// the line before (without its line break); `None` when `cell` is not on the
/// next line.
fn around_break<'t>(text: &'t str, line: u32, cell: &Cell) -> Option<(&'t str, &'t str)> {
    if cell.line != line + 1 {
        return None;
    }
    let before = text.get(..cell.offset)?;
    let nl = before.rfind('\n')?;
    let prev = before[..nl].trim_end_matches('\r');
    Some((
        &before[nl + 1..],
        &prev[prev.rfind('\n').map_or(0, |i| i + 1)..],
    ))
}

/// What follows the last Han character of `cell` (a footnote's mark's `注`
/// passed over) when it holds a digit (`200000（注）2` of
/// `申请数量200000（注）2`); `None` otherwise.
fn digits_after_words(cell: &str) -> Option<&str> {
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let mut end = None;
    for (k, c) in cell.char_indices() {
        if han(c) && c != '注' {
            end = Some(k + c.len_utf8());
        }
    }
    let tail = &cell[end?..];
    tail.bytes().any(|b| b.is_ascii_digit()).then_some(tail)
}

/// The numbers at the end of a cell of words, each parted from what is before
/// it by spaces (`1.属于国家秘密 0 0 0 0 0 0注②`: ` 0 0 0 0 0 0注②`); `None` when it
/// ends in none, or holds nothing else.
fn numbers_after_words(cell: &str) -> Option<&str> {
    let space = crate::model::value::is_cell_space;
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut at = cell.trim_end_matches(space).len();
    let mut numbers = 0;
    loop {
        let head = cell[..at].trim_end_matches(space);
        let start = head.rfind(space).map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
        let piece = &head[start..];
        if piece.is_empty()
            || start == 0
            || !crate::parse::input::stacked::is_number(piece)
            || !piece.chars().any(digit)
        {
            break;
        }
        numbers += 1;
        at = start;
    }
    let words = cell[..at].trim_end_matches(space);
    (numbers > 0 && words.chars().any(|c| c.is_alphabetic() && !c.is_ascii()))
        .then(|| &cell[words.len()..])
}

/// Whether `cell` opens its line (nothing but cell spaces, pipes or markup
/// before it), a line after `line` with only blank lines or page markers
/// between: after a row whose last cells are empty, the rest of a row a page
/// break or the converter cut in two (`| 规章 | 0 |  |  |` / `—12—` /
/// `| 0注② | 0 |  |  |`), its numbers in the label's column. The empty cells
/// may be where they stand.
/// Whether the line at `offset` (the line an empty cell of blank lines stands
/// before) opens with text that is no number, no mark of an empty cell and no
/// page marker: a row's label, or the next heading.
fn label_follows(text: &str, offset: usize) -> bool {
    let Some(rest) = text.get(offset..) else {
        return false;
    };
    let line = rest.split('\n').next().unwrap_or("").trim();
    let first = line.split_whitespace().next().unwrap_or("");
    !first.is_empty()
        && parse_cell(first) == CellValue::Text
        && !crate::parse::pages::is_page_marker(line)
}

fn cut_after_blanks(text: &str, line: u32, cell: &Cell) -> bool {
    if cell.line <= line {
        return false;
    }
    let Some(before) = text.get(..cell.offset) else {
        return false;
    };
    let Some(nl) = before.rfind('\n') else {
        return false;
    };
    let head = &before[nl + 1..];
    if !markup_only(head.trim_matches(|c: char| c == '|' || crate::model::value::is_cell_space(c)))
    {
        return false;
    }
    // The lines between, back to the row's line.
    let mut rest = &before[..nl];
    for _ in line + 1..cell.line {
        let Some(i) = rest.rfind('\n') else {
            return false;
        };
        let l = rest[i + 1..].trim_end_matches('\r');
        if !(l.trim().is_empty() || crate::parse::pages::is_page_marker(l.trim())) {
            return false;
        }
        rest = &rest[..i];
    }
    true
}

/// Whether `cell`, on the line after `line`, follows a pipe row left open: the
/// line before it opens with `|` and does not close with one, or `cell` opens
/// its line with no `|` before it (a markdown row is closed on its line and the
/// next opens with `|`; one cut by a hard wrap goes on with its cells on the
/// next line, a row with more cells than the template's).
fn pipe_row_open(text: &str, line: u32, cell: &Cell) -> bool {
    let Some((head, prev)) = around_break(text, line, cell) else {
        return false;
    };
    let prev = prev.trim();
    prev.starts_with('|') && (!prev.ends_with('|') || head.trim().is_empty())
}

/// Whether `cell`, opening the line after `line`, follows a TAB row whose line
/// ends with a TAB: a hard wrap cut the row after a separator, and it goes on
/// with more cells than the template's (a table printed with rows and columns
/// swapped: its total column's 23 cells after `总计`).
fn tab_row_open(text: &str, line: u32, cell: &Cell) -> bool {
    around_break(text, line, cell)
        .is_some_and(|(head, prev)| prev.ends_with('\t') && head.trim().is_empty())
}

/// Whether `cell`, the first thing on its line, follows a line (`line`, the one a
/// row's last number was read from) that ends in a digit with no separator after
/// it: a wrap that cut a number in two (`| 29项 | 37` / `551 661.7元`).
pub(crate) fn wrapped_on(text: &str, line: u32, cell: &Cell) -> bool {
    let Some((head, prev)) = around_break(text, line, cell) else {
        return false;
    };
    // Markup a rewrite left before it (`&nbsp;_ 645`, `<br> 068.208`) is nothing.
    let opens_line = markup_only(head);
    // So is markup after the last digit (`37 &nbsp;`).
    opens_line
        && strip_trailing_markup(prev)
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// `s` without the spaces, character-reference spaces, break tags and emphasis
/// marks at its end.
pub(crate) fn strip_trailing_markup(s: &str) -> &str {
    use crate::model::value::{BREAK_TAGS, SPACE_REFS};
    let mut t = s;
    loop {
        let before = t.len();
        // Asked of every short number the stream reader reads (`3`): a last byte
        // that is printed ASCII other than a mark has nothing to trim, and only a
        // text that ends with `;` or `>` can end with a reference or a tag. The
        // char searches below ran on each call (callgrind, issue 13's tree).
        t = match t.as_bytes().last() {
            Some(&b)
                if b < 0x80 && !matches!(b, b' ' | b'\t'..=b'\r' | b'*' | b'_' | b'~' | b'`') =>
            {
                t
            }
            _ => t.trim_end_matches(|c: char| c.is_whitespace() || "*_~`".contains(c)),
        };
        if !matches!(t.as_bytes().last(), Some(b';' | b'>')) {
            return t;
        }
        for m in SPACE_REFS.iter().chain(BREAK_TAGS) {
            t = t.strip_suffix(m).unwrap_or(t);
        }
        if t.len() == before {
            return t;
        }
    }
}

/// Whether the label read for row `row` of `table` is already the whole of the
/// template's wording (`总计` for `（七）总计`): a whole label continues on no
/// next line (a header's `总计` read as the row, then the next row's misread label,
/// `上年结砖…`, would be taken for its rest).
fn label_complete(tpl: &Template, labels: &[LabelRead], table: usize, row: usize) -> bool {
    use crate::grammar::normalize::{fold, strip_enumerator};
    let Some(want) = tpl.tables.get(table).and_then(|t| t.rows.get(row)) else {
        return false;
    };
    labels
        .iter()
        .find(|l| l.table == table && l.axis == Axis::Row && l.index == row)
        .is_some_and(|l| {
            // A rule read with it (`总计 --- ---`) is no part of it.
            let read = l
                .text
                .trim_end_matches(|c: char| c.is_whitespace() || "-—–|:：".contains(c));
            // The whole label among more text (a line of HTML holding the row
            // and its cells) is complete too: nothing after it continues it.
            let (read, want) = (fold(read), fold(&want.label));
            let (read, want) = (strip_enumerator(&read), strip_enumerator(&want));
            read == want || read.len() > want.len() && read.contains(want)
        })
}

/// `s` without the spaces written as character references (`&nbsp;`, `&#12288;`)
/// and line-break tags before it.
pub(crate) fn strip_space_markup(s: &str) -> &str {
    use crate::model::value::{BREAK_TAGS, SPACE_REFS};
    let mut t = s;
    loop {
        let before = t.len();
        // Every reference opens with `&` and every tag with `<`: a text that opens
        // with neither is compared with none of them (twelve comparisons for every
        // label were 3% of dongxin-2020's parse, callgrind).
        if t.starts_with(['&', '<']) {
            for m in SPACE_REFS.iter().chain(BREAK_TAGS) {
                t = t.strip_prefix(m).unwrap_or(t);
            }
        }
        t = t.trim_start();
        if t.len() == before {
            return t;
        }
    }
}

/// `s` without the spaces, character-reference spaces, break tags, emphasis marks
/// and pipes at its start.
fn strip_leading_markup(s: &str) -> &str {
    // Asked of every text cell after a filled row: nothing to strip, told
    // without the loop.
    if opens_plain(s) {
        return s;
    }
    let mut t = s.trim_start();
    loop {
        let next = strip_space_markup(
            t.trim_start_matches(|c: char| c.is_whitespace() || "*_|~`".contains(c)),
        );
        if next.len() == t.len() {
            return t;
        }
        t = next;
    }
}

/// Whether `s` opens with a Han character (lead byte E4 to E9) or a printed ASCII
/// byte that is neither a space nor markup, as nearly every cell does: then no
/// markup stands before its text.
fn opens_plain(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(0xe4..=0xe9) => true,
        Some(&b) => {
            b < 0x80
                && !matches!(
                    b,
                    b' ' | b'\t'..=b'\r' | b'*' | b'_' | b'|' | b'~' | b'`' | b'&' | b'<'
                )
        }
        None => false,
    }
}

/// Whether `s` holds nothing but spaces and the markup a rewrite leaves around
/// cells: `<br>`, `&nbsp;`, emphasis marks and pipes.
pub(crate) fn markup_only(s: &str) -> bool {
    // Asked of every text cell, nearly all of which open with a Han character
    // (lead byte E4 to E9, never a space) or a printed ASCII byte that is neither
    // a space nor markup: such a text is not empty and nothing is stripped from
    // it, so the answer is no without the loop below.
    if opens_plain(s) {
        return false;
    }
    match s.as_bytes().first() {
        // A character of several bytes (`（`, U+00A0, U+3000): neither markup nor,
        // unless it is whitespace, anything `trim` removes, so such a first
        // character that is no whitespace answers no as well (`（一）予以公开`).
        Some(&b) if b >= 0xc0 && s.chars().next().is_some_and(|c| !c.is_whitespace()) => {
            return false
        }
        _ => {}
    }
    strip_leading_markup(s).trim_end().is_empty()
}

/// Empties `slots` (a row's), each number taken out with a note.
fn set_slots_aside(slots: &mut [Option<Slot>], diags: &mut Vec<Diag>) {
    for s in slots {
        if let Some(s) = s.take() {
            diags.push(Diag::note(s.line, "number set aside with its row"));
        }
    }
}

/// Whether a label holds an enumerator or a piece of one (`（七）总计`, `七）总计`,
/// `3.其他`): a row's label, never a column header's.
pub(crate) fn enumerated(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_ascii_digit() || "（()）、.．一二三四五六七八九十".contains(c))
}

/// `021`, `000`: two or more digits and nothing else, the first a zero. No table
/// prints a count so: it is digits of several cells run together (then spaced by
/// a converter, `110 021 000`), never one number, unless it is a group of
/// thousands after a number (`3 001`), which only the stream reader joins.
pub(crate) fn zero_led(raw: &str) -> bool {
    // Asked of every value cell: an empty one (a blank) or one that opens with a
    // printed ASCII byte other than `0` (nearly all) is told without `trim`,
    // which decoded both ends (3% of the per-layout reader's instructions on
    // issue 13's tree, callgrind).
    match raw.as_bytes().first() {
        None => return false,
        Some(&b) if b != b'0' && b < 0x80 && !matches!(b, b' ' | b'\t'..=b'\r') => return false,
        _ => {}
    }
    // The answer is yes only for two ASCII digits or more, which the text holds
    // then too: `0`, ` 0` and `\u{a0}0` (U+00A0 is kept in a cell's text) are told
    // without `trim` (which decoded both ends of every such cell: 3% of
    // dongxin-2020's parse, callgrind).
    if raw.bytes().filter(u8::is_ascii_digit).nth(1).is_none() {
        return false;
    }
    let t = raw.trim();
    t.len() >= 2 && t.starts_with('0') && t.bytes().all(|b| b.is_ascii_digit())
}

/// `1��`, `0益`: text that starts with a number and goes on with something that is
/// neither a digit nor an enumerator's mark (`1.`, `3、`), or digits with a leading
/// zero (`021 000`): a number a converter damaged.
pub(crate) fn damaged_number(text: &str) -> bool {
    // Asked of every label: one that opens with a Han character or a printed
    // ASCII byte other than a digit has no digits first, and is told without
    // `trim_start` and the searches below.
    let first = text.as_bytes().first().copied().unwrap_or(0);
    // `N/` / `A`: a word for an empty cell that a wrap cut in two stands for one
    // cell, read as none (the cells after it would move up by one).
    if first.is_ascii_alphabetic() || matches!(first, b'/' | b'#') {
        return crate::model::value::na_word_piece(text);
    }
    // `&#12288;*2`: a space written as a character reference, or a line break as a
    // tag, before it stands for nothing.
    if matches!(first, b'&' | b'<') {
        let rest = strip_space_markup(text);
        return rest.len() < text.len() && damaged_number(rest);
    }
    // `*0*_`, `_2`: a number in emphasis marks a rewrite left unbalanced (the
    // balanced ones are read through as the number).
    let markup = |b: u8| matches!(b, b'*' | b'_' | b'~' | b'`');
    if markup(first) {
        // Spaces written as character references among the marks (`**&nbsp;8`)
        // are spaces too.
        let t = text.trim();
        let b = t.as_bytes();
        let mut i = 0;
        let mut digit = false;
        while i < b.len() {
            if b[i] == b'&' {
                if let Some(r) = crate::model::value::SPACE_REFS
                    .iter()
                    .find(|r| t[i..].starts_with(**r))
                {
                    i += r.len();
                    continue;
                }
                return false;
            }
            if !(b[i].is_ascii_digit() || markup(b[i]) || b[i] == b' ') {
                // `**Z**`, `*l2*`: OCR's look-alikes of digits in the marks.
                let inner = t.trim_matches(|c: char| c == ' ' || c.is_ascii() && markup(c as u8));
                return crate::model::value::ocr_misread(inner);
            }
            digit |= b[i].is_ascii_digit();
            i += 1;
        }
        return digit;
    }
    // `，068.208`, `.5`: a number a wrap cut at its thousands separator or its
    // decimal point; what stood before the cut is no number of its own.
    if matches!(first, b',' | b'.' | 0xef) {
        if let Some(rest) = text.strip_prefix([',', '.', '，']) {
            return rest.starts_with(|c: char| c.is_ascii_digit())
                || crate::model::value::ocr_misread(rest);
        }
    }
    let no_digit_first = (0xe4..=0xe9).contains(&first)
        || (first < 0x80 && !first.is_ascii_digit() && !matches!(first, b' ' | b'\t'..=b'\r'));
    if no_digit_first {
        return false;
    }
    // A text that opens with a digit (most asked here) has nothing to trim.
    let t = if first.is_ascii_digit() {
        text
    } else {
        text.trim_start()
    };
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    // `021`, `00（六）`: digits of several cells run together (no count is printed
    // with a leading zero).
    let zero_led = digits >= 2 && t.starts_with('0');
    // `3 001` in one cell: a number with its thousands spaced, or numbers of
    // several cells; not text either way.
    // Asked once the digits are counted, and by a loop over the bytes: `contains`
    // made a memchr call for every cell (0.4% of a run on issue 13's tree).
    let spaced = || {
        let mut space = false;
        t.bytes().all(|b| {
            space |= b == b' ';
            b.is_ascii_digit() || b == b' '
        }) && space
            && !t.trim_end().ends_with(' ')
    };
    digits > 0
        && (zero_led
            || spaced()
            || !t[digits..].is_empty()
                && !t[digits..]
                    .starts_with(['.', '、', '．', ')', '）', ',', '，', ' ', '年', '月', '日']))
}

/// Whether the digits at `text[start..end]` may go on across a line break: digits
/// (or a sign) stand right on the other side of it, and the two lines are not
/// both nothing but numbers (rows printed one per line). A hard wrap in glued
/// text cuts a run anywhere, so neither part holds a whole number of cells.
pub(crate) fn run_continues(text: &str, start: usize, end: usize) -> bool {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let numbers_only = |line: &str| {
        let t = line.trim();
        !t.is_empty()
            && t.chars().all(|c| {
                digit(c) || matches!(c, '-' | '+' | '.' | ' ' | '－' | '＋' | '．' | '\u{3000}')
            })
    };
    let line_start = text
        .get(..start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line_end = text
        .get(end..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| end + i);
    let this = text.get(line_start..line_end).unwrap_or("");
    // A number, not an enumerator (`2.其他…`, `3、`).
    let starts_with_number = |t: &str| {
        let t = t.trim_start_matches([' ', '\t', '\u{3000}']);
        let t = t.strip_prefix(['-', '+', '－', '＋']).unwrap_or(t);
        let rest = t.trim_start_matches(digit);
        if rest.len() == t.len() {
            return false;
        }
        let mut cs = rest.chars();
        !(matches!(cs.next(), Some('.' | '、' | '．')) && cs.next().is_some_and(|c| !digit(c)))
    };
    let ends_with_digit = |t: &str| {
        t.trim_end_matches([' ', '\t', '\r', '\u{3000}'])
            .chars()
            .next_back()
            .is_some_and(digit)
    };
    // Nothing after the run on its line but a sign the wrap cut from its number.
    let run_ends_line = text.get(end..line_end).is_some_and(|t| {
        t.trim_end_matches([' ', '\t', '\r', '\u{3000}'])
            .trim_start_matches([' ', '\t'])
            .trim_end_matches(['-', '+', '－', '＋'])
            .is_empty()
    });
    let run_starts_line = text
        .get(line_start..start)
        .is_some_and(|t| t.trim().is_empty());
    let next = (line_end < text.len())
        .then(|| {
            let rest = &text[line_end + 1..];
            &rest[..rest.find('\n').unwrap_or(rest.len())]
        })
        .filter(|n| run_ends_line && starts_with_number(n));
    let prev = (line_start > 0)
        .then(|| {
            let head = &text[..line_start - 1];
            &head[head.rfind('\n').map_or(0, |i| i + 1)..]
        })
        .filter(|p| run_starts_line && ends_with_digit(p));
    let joined = |other: &str| !(numbers_only(this) && numbers_only(other));
    next.is_some_and(joined) || prev.is_some_and(joined)
}

/// A run of glued digits filling `slots`: one value, or a split to find later. A
/// run that may go on across a line break ([`run_continues`]) is neither: its
/// cells stay unresolved, with the digits kept.
pub(crate) fn add_run(
    text: &str,
    cell: &Cell,
    table: usize,
    slots: Vec<usize>,
    counted: bool,
    out: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    let raw = (cell.offset, cell.offset + cell.raw.len());
    if run_continues(text, raw.0, raw.1) {
        diags.push(Diag::warning(
            cell.line,
            format!(
                "digits `{}` run on across a line break (a wrapped line?): where their cells begin and end is not known; kept as unresolved",
                clip(cell.raw)
            ),
        ));
        unresolved(out, table, &slots, raw, cell.line);
        return;
    }
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
    unresolved(out, table, &slots, raw, cell.line);
    // Digits that open their line, their row's label on a line above: one cell a
    // line as much as glued text (`29顶`, OCR's 顶 for 项, on the line after the
    // label and before the amount). How many cells they fill is then a count too.
    let opens_line = text
        .get(..raw.0)
        .map(|t| &t[t.rfind('\n').map_or(0, |i| i + 1)..])
        .is_some_and(|t| t.trim().is_empty());
    out.runs.push(GluedRun {
        table,
        slots,
        raw,
        line: cell.line,
        counted: counted || opens_line,
    });
}

/// `slots` of `table` hold the digits at `raw` (line `line`), not yet split.
fn unresolved(out: &mut Tables, table: usize, slots: &[usize], raw: (usize, usize), line: u32) {
    for &s in slots {
        out.tables[table].slots[s] = Some(Slot {
            state: State::Unresolved,
            value: None,
            unit: None,
            raw,
            line,
        });
    }
}

use crate::model::value::unknown_cell;

pub(crate) fn slot_of(_text: &str, cell: &Cell, v: CellValue) -> Slot {
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
        // `1O5`: digits an OCR engine printed as letters; which they were is a
        // guess, so the cell is unresolved, in its column (as is a script's
        // `NaN` for a cell it did not find).
        CellValue::Na if unknown_cell(cell.raw) => Slot {
            state: State::Unresolved,
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

pub(crate) fn page_note(cell: &Cell) -> Diag {
    Diag::note(cell.line, page_words(cell.raw))
}

/// The note on a page's furniture inside a table: a page number, or a line
/// printed at the head of several pages.
pub(crate) fn page_words(raw: &str) -> String {
    if crate::parse::pages::is_page_marker(raw) {
        format!("page number `{raw}` inside the table; set aside")
    } else {
        format!(
            "page header `{}` (a line printed on several pages) inside the table; set aside",
            clip(raw)
        )
    }
}

pub(crate) fn clip(s: &str) -> String {
    let t = crate::model::value::trim(s);
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
    use super::{
        damaged_number, markup_only, run_continues, strip_space_markup, zero_led, HEADER_UNMATCHED,
    };

    #[test]
    fn numbers_after_a_label_in_its_cell_are_told() {
        assert_eq!(
            super::numbers_after_words("1.属于国家秘密 0 0 0 0 0 0注②"),
            Some(" 0 0 0 0 0 0注②")
        );
        assert_eq!(super::numbers_after_words("行政许可 12 "), Some(" 12 "));
        for t in [
            "1.属于国家秘密",
            "0 0 0",
            "行政许可12",
            "（四）无法提供 1.本机关不掌握",
        ] {
            assert_eq!(super::numbers_after_words(t), None, "{t}");
        }
    }

    #[test]
    fn look_alikes_in_markup_are_damaged_numbers() {
        assert!(super::damaged_number("&nbsp;&nbsp;**Z**"));
        assert!(super::damaged_number("*l2*"));
        assert!(!super::damaged_number("**其他**"));
        assert!(!super::damaged_number("**总计**"));
    }

    /// A word for an empty cell that a wrap cut in two: each piece stands where a
    /// cell was lost. Whole words, OCR's look-alikes and labels are no such piece.
    #[test]
    fn pieces_of_a_cut_na_word_are_damaged_numbers() {
        for piece in ["N/", "A", "/A", "#N/", "nu", "ll", "Na"] {
            assert!(super::damaged_number(piece), "{piece}");
        }
        for whole in ["N/A", "null", "NaN", "l2", "O", "S", "其他", "Page"] {
            assert!(!super::damaged_number(whole), "{whole}");
        }
    }

    #[test]
    fn numbers_in_markup_are_damaged_numbers() {
        for t in [
            "&#12288;*2",
            "*0*_",
            "_2",
            "**&nbsp;8",
            "&nbsp;&nbsp;**&nbsp;8",
            "__1&#160;2",
        ] {
            assert!(damaged_number(t), "{t}");
        }
        for t in [
            "**规章**",
            "&nbsp;",
            "**&nbsp;",
            "*&amp;8",
            "&nbsp;行政许可",
        ] {
            assert!(!damaged_number(t), "{t}");
        }
    }

    #[test]
    fn a_number_cut_at_its_separator_is_damaged() {
        // What a wrap left on the next line of `4，068.208` or `3.5`.
        for t in ["，068.208", ",068", ".5", "，〇68.208"] {
            assert!(damaged_number(t), "{t}");
        }
        for t in ["，", ",其他", "。", ".", "，共计"] {
            assert!(!damaged_number(t), "{t}");
        }
    }

    #[test]
    fn the_rest_of_a_number_after_a_break_tag_is_a_number_piece() {
        assert!(super::number_piece("<br> 551 661.7元"));
        assert!(super::number_piece("&nbsp;551"));
        // Emphasis marks a rewrite put around the piece (salted draw 19339).
        assert!(super::number_piece("&nbsp; _551_ 661.7元"));
        assert!(super::number_piece("**551 661.7元**"));
        assert!(!super::number_piece("**2.其他法律行政法规禁止公开**"));
        assert!(!super::number_piece("<br> 2.其他法律行政法规禁止公开"));
    }

    #[test]
    fn the_rest_of_a_grouped_number_is_a_number_piece() {
        for t in [",119", ",I19", "，362", "12", "1,362"] {
            assert!(super::number_piece(t), "{t}");
        }
        for t in [",", ",其他", "行政许可", "1.属于国家秘密", ",,,"] {
            assert!(!super::number_piece(t), "{t}");
        }
    }

    /// `markup_only` and `zero_led` as they were before their first-byte and
    /// digit-count shortcuts: the shortcuts must change no answer.
    fn markup_only_slow(s: &str) -> bool {
        let mut t = s.trim();
        loop {
            let next = strip_space_markup(
                t.trim_start_matches(|c: char| c.is_whitespace() || "*_|~`".contains(c)),
            );
            if next.len() == t.len() {
                return t.is_empty();
            }
            t = next;
        }
    }

    fn zero_led_slow(raw: &str) -> bool {
        let t = raw.trim();
        t.len() >= 2 && t.starts_with('0') && t.bytes().all(|b| b.is_ascii_digit())
    }

    /// The bits answer as the search of the whole list did, labels added between
    /// questions, inside and past the bits' bounds.
    #[test]
    fn labels_seen_answers_as_the_search() {
        use super::{Axis, LabelRead, LabelsSeen};
        let mut seen = LabelsSeen::default();
        let mut labels: Vec<LabelRead> = Vec::new();
        let mut seed = 7u64;
        for _ in 0..5000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let table = (seed >> 59) as usize % 20;
            let axis = if (seed >> 40) & 1 == 0 {
                Axis::Row
            } else {
                Axis::Col
            };
            let index = (seed >> 33) as usize % 70;
            let slow = labels
                .iter()
                .any(|l| l.table == table && l.axis == axis && l.index == index);
            assert_eq!(seen.holds(&labels, table, axis, index), slow);
            if (seed >> 20) % 3 == 0 {
                labels.push(LabelRead {
                    table,
                    axis,
                    index,
                    text: String::new(),
                    line: 0,
                });
            }
        }
    }

    /// `strip_trailing_markup` before its last-byte shortcuts.
    fn strip_trailing_markup_slow(s: &str) -> &str {
        use crate::model::value::{BREAK_TAGS, SPACE_REFS};
        let mut t = s;
        loop {
            let before = t.len();
            t = t.trim_end_matches(|c: char| c.is_whitespace() || "*_~`".contains(c));
            for m in SPACE_REFS.iter().chain(BREAK_TAGS) {
                t = t.strip_suffix(m).unwrap_or(t);
            }
            if t.len() == before {
                return t;
            }
        }
    }

    #[test]
    fn shortcuts_change_no_answer() {
        // `strip_space_markup` compares only a text that opens like one of them.
        use crate::model::value::{BREAK_TAGS, SPACE_REFS};
        assert!(SPACE_REFS.iter().all(|m| m.starts_with('&')));
        assert!(BREAK_TAGS.iter().all(|m| m.starts_with('<')));
        // `strip_trailing_markup` strips only a text that ends like one of them.
        assert!(SPACE_REFS.iter().all(|m| m.ends_with(';')));
        assert!(BREAK_TAGS.iter().all(|m| m.ends_with('>')));
        let pieces = [
            "", " ", "\t", "\u{a0}", "\u{3000}", "\u{2003}", "\u{b}", "0", "00", "1", "规", "*",
            "_", "|", "~", "`", "&nbsp;", "<br>", "&", "<", "a", "-", "\u{85}", ";", ">", "（",
            "\u{feff}", "\u{200b}", "\u{2028}", "é", "&#12288;", "<br />", "\r", "\n",
        ];
        let mut seed = 11u64;
        for _ in 0..20000 {
            let mut t = String::new();
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let n = (seed >> 60) as usize % 5;
            for _ in 0..n {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            assert_eq!(markup_only(&t), markup_only_slow(&t), "{t:?}");
            assert_eq!(zero_led(&t), zero_led_slow(&t), "{t:?}");
            assert_eq!(
                super::strip_trailing_markup(&t),
                strip_trailing_markup_slow(&t),
                "{t:?}"
            );
        }
    }

    /// `(text, the run)`: whether the run may go on across a line break.
    #[test]
    fn runs_cut_by_a_wrap() {
        let at = |text: &str, run: &str| {
            let s = text.find(run).expect("run");
            run_continues(text, s, s + run.len())
        };
        // A wrap between `35` and `-15`, or inside a run, with text around.
        assert!(at("行政事业性收费35\n-15第二十条", "35"));
        assert!(at("行政事业性收费35-\n15第二十条", "35"));
        assert!(at("收费35\n-15第二十条", "-15"));
        assert!(at("处理决定数量行政许可39644\n2278其他", "39644"));
        assert!(at("行政许可３９６\n４４２２７８其他", "３９６"));
        // Rows printed one per line, an enumerator on the next line, text after.
        assert!(!at("1000001\n0000000\n", "1000001"));
        assert!(!at(
            "1.属于国家秘密0000000\n2.其他法律行政法规禁止公开0000000\n",
            "0000000"
        ));
        assert!(!at(
            "（七）总计950000095\n四、结转下年度继续办理0000000",
            "950000095"
        ));
        assert!(!at("规章007规范性文件\n7777166", "007"));
    }

    #[test]
    fn private_header_wording_is_reported_not_guessed_silently() {
        let text = "2020年测试街道政府信息公开工作年度报告\n一、总体情况\n略。\n二、主动公开政府信息情况\n\t第二十条第（八）项\n\n\t信息内容\n\t收费项目数\n\t本年增/减\n\n\t行政事业性收费\n\t3\n\t1\n\n三、收到和处理政府信息公开申请情况\n";
        let r = crate::parse_report("hdr.txt", text.as_bytes());
        let warning = r
            .diags
            .iter()
            .find(|d| d.message.starts_with(HEADER_UNMATCHED))
            .expect("a warning about the header");
        assert_eq!(warning.line, 11);
        assert!(
            warning.message.contains("`收费项目数` (line 8)"),
            "{}",
            warning.message
        );
        assert_eq!(r.status, crate::Status::Partial);
        let cells: std::collections::BTreeMap<String, String> = r
            .keyed_cells()
            .into_iter()
            .filter_map(|(k, s)| Some((k, s?.value?.to_string())))
            .collect();
        assert_eq!(cells["2/20.8/fees/prev_year"], "3");
        assert_eq!(cells["2/20.8/fees/change"], "1");
    }
}
