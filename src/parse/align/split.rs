//! Rows whose numbers stand on two lines with the rest of the row's label between
//! them (`4.保护第三方 1 0` / `合法权益 2 0 0 0 3`). An OCR engine that joins the
//! boxes at one height into a line puts a box a little higher on the label's
//! first line: each line's numbers are in their order, but which columns the
//! first line's are is not known, and the sum along the row holds whichever they
//! are. Such a row is kept only when the sums down its columns confirm it;
//! otherwise its numbers are left to `parse::gaps`, which tries every way the two
//! lines' numbers can interleave.

use super::{Aligner, Queued, Val};
use crate::grammar::Per;
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
        let split = std::mem::take(&mut self.split);
        // The rows read whole in an order not known, with the line that parts
        // their numbers.
        let doubtful: Vec<(usize, usize, u32)> = split
            .iter()
            .filter(|&&(table, row, line, lone, _)| self.order_in_doubt(table, row, line, lone))
            .map(|&(table, row, line, ..)| (table, row, line))
            .collect();
        let checks = run_checks(self.tpl, self.out);
        // Decided with every row still read: then taken back.
        // Two such rows may each break a sum down a column and mend the other's
        // (a 1 moved right in one, left in the other): the sums confirm a row
        // only if no other order of it and of another row in doubt keeps them all.
        let mut unconfirmed: Vec<(usize, usize, u32, bool)> = Vec::new();
        for &(table, row, line, _, piece) in &split {
            if !doubtful.contains(&(table, row, line))
                || unconfirmed.iter().any(|u| (u.0, u.1) == (table, row))
            {
                continue;
            }
            let confirmed = self.confirms(&checks, table, row)
                && !doubtful.iter().any(|&(t, r, l)| {
                    t == table && r != row && self.mend_each_other(table, (row, line), (r, l))
                });
            if !confirmed {
                unconfirmed.push((table, row, line, piece));
            }
        }
        for (table, row, line, piece) in unconfirmed {
            let nc = self.tpl.tables[table].cols.len();
            let cells = &self.out.tables[table].slots[row * nc..(row + 1) * nc];
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

impl Aligner<'_, '_> {
    /// The values of row `row` of `table` and how many stand before `line`, if
    /// all are numbers read with their values, those before `line` first.
    fn parted_values(&self, table: usize, row: usize, line: u32) -> Option<(Vec<i128>, usize)> {
        let nc = self.tpl.tables[table].cols.len();
        let cells = &self.out.tables[table].slots[row * nc..(row + 1) * nc];
        let mut vals = Vec::with_capacity(nc);
        let mut first = 0;
        for s in cells {
            let s = s.as_ref().filter(|s| s.state == State::Number)?;
            vals.push(s.value?.fixed());
            if s.line < line {
                if first < vals.len() - 1 {
                    return None;
                }
                first += 1;
            }
        }
        Some((vals, first))
    }

    /// Whether rows `a` and `b` of `table` (each with the line that parts its
    /// numbers) have other orders, each line's numbers kept in theirs and at
    /// least one row's values changed, under which every identity down the
    /// columns through them still holds, and each row's own identities too.
    fn mend_each_other(&self, table: usize, a: (usize, u32), b: (usize, u32)) -> bool {
        let (Some((va, fa)), Some((vb, fb))) = (
            self.parted_values(table, a.0, a.1),
            self.parted_values(table, b.0, b.1),
        ) else {
            return false;
        };
        // (Rows of section 三's width: a row of more columns, section 四's, is
        // alone in its table.)
        if va.len() > 10 || vb.len() != va.len() {
            return false;
        }
        let side = |check: &crate::grammar::Check, r: usize| -> i128 {
            i128::from(check.lhs.contains(&r)) - i128::from(check.rhs.contains(&r))
        };
        let down: Vec<(i128, i128)> = self
            .tpl
            .checks
            .iter()
            .filter(|c| c.table == table && c.per == Per::Col)
            .map(|c| (side(c, a.0), side(c, b.0)))
            .filter(|&(x, y)| x != 0 || y != 0)
            .collect();
        if down.is_empty() {
            return false;
        }
        let along = |r: usize, v: &[i128]| {
            self.tpl
                .checks
                .iter()
                .filter(|c| c.table == table && c.per == Per::Row && c.over.contains(&r))
                .all(|c| {
                    c.lhs.iter().map(|&i| v[i]).sum::<i128>()
                        == c.rhs.iter().map(|&i| v[i]).sum::<i128>()
                })
        };
        let oa: Vec<Vec<i128>> = orders(&va, fa).filter(|v| along(a.0, v)).collect();
        let ob: Vec<Vec<i128>> = orders(&vb, fb).filter(|v| along(b.0, v)).collect();
        oa.iter().any(|x| {
            ob.iter().any(|y| {
                (*x != va || *y != vb)
                    && (0..va.len()).all(|c| {
                        down.iter()
                            .all(|&(sa, sb)| sa * (x[c] - va[c]) + sb * (y[c] - vb[c]) == 0)
                    })
            })
        })
    }

    /// Whether row `row`, whose label went on at `line` after some of its
    /// numbers, was read whole with numbers on both sides of that line in an
    /// order the engine may not have kept.
    fn order_in_doubt(&self, table: usize, row: usize, line: u32, lone: bool) -> bool {
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
        whole && parted && by_height
    }
}

/// Every order of `vals` that keeps its first `first` numbers in their order and
/// the rest in theirs (the two lines of a row an OCR engine joined by height).
fn orders(vals: &[i128], first: usize) -> impl Iterator<Item = Vec<i128>> + '_ {
    let n = vals.len();
    // Each mask with `first` bits set: the columns of the first line's numbers.
    (0u32..1 << n)
        .filter(move |m| m.count_ones() as usize == first)
        .map(move |m| {
            let (mut i, mut j) = (0, first);
            (0..n)
                .map(|c| {
                    if m & (1 << c) != 0 {
                        i += 1;
                        vals[i - 1]
                    } else {
                        j += 1;
                        vals[j - 1]
                    }
                })
                .collect()
        })
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

#[cfg(test)]
mod tests {
    use super::orders;

    #[test]
    fn orders_keep_each_lines_numbers_in_their_order() {
        let got: Vec<Vec<i128>> = orders(&[7, 1, 2, 9], 2).collect();
        assert_eq!(
            got,
            [
                vec![7, 1, 2, 9],
                vec![7, 2, 1, 9],
                vec![2, 7, 1, 9],
                vec![7, 2, 9, 1],
                vec![2, 7, 9, 1],
                vec![2, 9, 7, 1],
            ]
        );
    }
}
