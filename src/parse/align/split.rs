//! Rows whose numbers stand on two lines with the rest of the row's label between
//! them (`4.保护第三方 1 0` / `合法权益 2 0 0 0 3`). An OCR engine that joins the
//! boxes at one height into a line puts a box a little higher on the label's
//! first line: each line's numbers are in their order, but which columns the
//! first line's are is not known, and the sum along the row holds whichever they
//! are. Such a row is kept only when the sums down its columns confirm it;
//! otherwise its numbers are left to `parse::gaps`, which tries every way the two
//! lines' numbers can interleave.

use super::{Aligner, Queued, Val};
use crate::model::diag::Diag;
use crate::model::tables::{ShortRow, Slot, State};
use crate::model::value::CellValue;
use crate::parse::checks::run_checks;
use crate::parse::tokens::TokKind;

impl<'a> Aligner<'_, 'a> {
    /// The waiting row's label goes on at `line`, a piece of it after numbers of
    /// the row: remembered, and marked `lone` unless those numbers stand on a
    /// line that also holds the label's head or another number (an engine's
    /// boxes joined by height). One box a line keeps the engine's order, left to
    /// right among boxes at one height, unless the numbers after the piece stand
    /// beside it ([`Self::confirm_split_rows`]).
    pub(super) fn note_split(&mut self, line: u32) {
        let Some(q) = self.queue.last() else {
            return;
        };
        let before = self.group.first().is_some_and(|v| v.line < line);
        // A number on the line of a piece of text that named nothing is joined
        // to it too (`正、行政机关不再处理其 1`: a middle piece of a label
        // wrapped over three lines, its head on a line above).
        let joined = self.group.windows(2).any(|w| w[0].line == w[1].line)
            || self
                .group
                .iter()
                .any(|v| v.line == q.last_line || self.unknown.contains(&v.line));
        if before {
            self.split.push((q.table, q.row, line, !joined, true));
        }
    }

    /// The rows whose numbers a tail of their label parted (see the module), read
    /// whole, are kept only where every sum down a column through them holds (at
    /// least one can be computed) and no identity through them fails; otherwise
    /// they are reported missing with a warning.
    pub(super) fn confirm_split_rows(&mut self) {
        if self.split.is_empty() {
            return;
        }
        let checks = run_checks(self.tpl, self.out);
        for (table, row, line, lone, piece) in std::mem::take(&mut self.split) {
            let nc = self.tpl.tables[table].cols.len();
            let tr = &self.out.tables[table];
            let cells = &tr.slots[row * nc..(row + 1) * nc];
            let whole = tr.rows_seen[row] && cells.iter().all(Option::is_some);
            // Numbers on both sides of the piece (a label wrapped around a line of
            // numbers ends after them, and leaves them in their order).
            let parted = cells.iter().flatten().any(|s| s.line < line)
                && cells.iter().flatten().any(|s| s.line >= line);
            // Numbers a box a line before the piece keep the engine's order, unless
            // the numbers after it stand beside the piece itself (`他情形) 99 0 2
            // 101`): then the engine joins boxes by height, and a lone box before
            // was one a little higher, in whichever column.
            let by_height = !lone || cells.iter().flatten().any(|s| s.line == line);
            if !whole || !parted || !by_height || self.confirms(&checks, table, row) {
                continue;
            }
            // The numbers before the piece, read first, and those after it: the
            // identities may still place them (`parse::gaps`), each line's in
            // its order.
            let first = cells.iter().flatten().filter(|s| s.line < line).count();
            let nums: Vec<Slot> = cells.iter().flatten().cloned().collect();
            let plain = nums
                .iter()
                .all(|s| s.state == State::Number && s.value.is_some())
                && nums[..first].iter().all(|s| s.line < line);
            self.take_row_back(table, row);
            if plain {
                self.out.tables[table]
                    .short
                    .push(ShortRow { row, nums, first });
            }
            let key = &self.tpl.tables[table].rows[row].key;
            self.diags.push(Diag::warning(
                line,
                if piece {
                    format!(
                        "row {key}'s numbers stand on the lines before and after this piece of its label: which columns the first line's numbers are in is not known, and the sums down the columns do not confirm the order read, so the row is reported missing unless the report's identities allow its numbers one place each"
                    )
                } else {
                    format!(
                        "row {key}'s numbers go on on this line, though its label's line had room for the first of them (an OCR engine joining boxes by height, or a wrap in the spaces or markup before it): which columns the first line's numbers are in is not known, and the sums down the columns do not confirm the order read, so the row is reported missing unless the report's identities allow its numbers one place each"
                    )
                },
            ));
        }
    }
}

/// The width of `s` in columns, as a terminal or a hard wrap counts it: a CJK
/// character two, any other at least one.
pub(super) fn columns(s: &str) -> usize {
    use unicode_width::UnicodeWidthChar;
    s.chars().map(|c| c.width().unwrap_or(1).max(1)).sum()
}

impl<'a> Aligner<'_, 'a> {
    /// The line of `text` around byte `at`, and where it starts.
    fn line_around(&self, at: usize) -> (usize, &'a str) {
        let text = self.text;
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        (start, &text[start..end])
    }

    /// A row just filled whose numbers stand on its label's line and on the
    /// line after it, that line holding nothing but the rest of them, where the
    /// label's line had room for the next number (lines of the region are as
    /// wide as the two joined by a space): a wrap that cut the row in the order
    /// printed would have left it there, so an OCR engine joining boxes by
    /// height may have put some of them on the label's line (`（七）总计  0` /
    /// `95 0 0 0 0 95`: its 0 a little higher, in whichever column). (A wrap that
    /// cut in a run of spaces or markup before the number is taken so too: its
    /// row is then missing, never read in another order.) Such a row is kept
    /// only where the sums down its columns confirm it, as a row a piece of its
    /// label parts ([`Self::confirm_split_rows`]).
    pub(super) fn parted_by_height(&mut self, q: &Queued, vals: &[Val]) {
        let nc = self.tpl.tables[q.table].cols.len();
        if vals.len() != nc {
            return;
        }
        let first = vals.iter().take_while(|v| v.line == q.last_line).count();
        if first == 0 || first == vals.len() {
            return;
        }
        let next = vals[first].line;
        if next != q.last_line + 1 || vals[first..].iter().any(|v| v.line != next) {
            return;
        }
        if vals.iter().any(|v| {
            !matches!(
                v.tok.kind,
                TokKind::Value(CellValue::Number(..) | CellValue::Na)
            )
        }) {
            return;
        }
        // The line after holds these numbers alone.
        let (start, raw) = self.line_around(vals[first].tok.offset);
        let pad = |s: &str| {
            s.chars()
                .all(|c| crate::model::value::is_cell_space(c) || c == '|')
        };
        let mut at = start;
        for v in &vals[first..] {
            if v.tok.offset < at || !pad(&self.text[at..v.tok.offset]) {
                return;
            }
            at = v.tok.offset + v.tok.raw.len();
        }
        if !pad(&self.text[at..start + raw.len()]) {
            return;
        }
        // The label's line had room for the next number: two lines of the
        // region or more are as wide as the two joined (one may be a word no
        // wrap could cut).
        let (_, label_line) = self.line_around(vals[0].tok.offset);
        let head = columns(label_line.trim_end()) + 1 + columns(vals[first].tok.raw);
        if self.widths.get(1).is_none_or(|&w| w < head) {
            return;
        }
        self.split.push((q.table, q.row, next, false, false));
    }
}
