//! Rows whose numbers stand on two lines with the rest of the row's label between
//! them (`4.保护第三方 1 0` / `合法权益 2 0 0 0 3`). An OCR engine that joins the
//! boxes at one height into a line puts a box a little higher on the label's
//! first line: each line's numbers are in their order, but which columns the
//! first line's are is not known, and the sum along the row holds whichever they
//! are. Such a row is kept only when the sums down its columns confirm it;
//! otherwise its numbers are left to `parse::gaps`, which tries every way the two
//! lines' numbers can interleave.

use super::Aligner;
use crate::model::diag::Diag;
use crate::model::tables::{ShortRow, Slot, State};
use crate::parse::checks::run_checks;

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
            self.split.push((q.table, q.row, line, !joined));
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
        for (table, row, line, lone) in std::mem::take(&mut self.split) {
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
            self.diags.push(Diag::warning(
                line,
                format!(
                    "row {}'s numbers stand on the lines before and after this piece of its label: which columns the first line's numbers are in is not known, and the sums down the columns do not confirm the order read, so the row is reported missing unless the report's identities allow its numbers one place each",
                    self.tpl.tables[table].rows[row].key
                ),
            ));
        }
    }
}
