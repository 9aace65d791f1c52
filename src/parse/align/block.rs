//! A block of row labels with a text that names nothing among them (`觇章` for
//! `规章`, an OCR misread past likeness), then the rows of numbers. The labels
//! read take the first rows; but when one more row of numbers follows with no
//! label of its own, the text was a row too, and which row each run of numbers
//! belongs to is not known: every row the block filled is taken back and reported
//! missing, never shifted by one.

use super::{Aligner, Queued, Val};
use crate::model::diag::Diag;
use crate::model::value::CellValue;
use crate::parse::tokens::TokKind;

/// Rows a block of labels filled while a text naming nothing stood in the block.
pub(super) struct Block {
    /// (table, row, line of the label).
    rows: Vec<(usize, usize, u32)>,
    /// The text's line.
    unknown: u32,
    /// The last line of the numbers the rows took.
    last: u32,
}

impl<'a> Aligner<'_, 'a> {
    /// Remembers the rows `queue` just filled from `vals` when the labels stand in
    /// a block above their numbers and a text that names nothing stands in the
    /// block (on the line before its first label, or between its labels).
    pub(super) fn note_block(&mut self, queue: &[Queued], vals: &[Val], unknown: &[u32]) {
        self.block = None;
        let (Some(first), Some(last), Some(v0), Some(vn)) =
            (queue.first(), queue.last(), vals.first(), vals.last())
        else {
            return;
        };
        if v0.line <= last.last_line {
            return;
        }
        let Some(&u) = unknown
            .iter()
            .find(|&&u| u + 1 == first.line || (first.line < u && u < last.line))
        else {
            return;
        };
        self.block = Some(Block {
            rows: queue.iter().map(|q| (q.table, q.row, q.line)).collect(),
            unknown: u,
            last: vn.line,
        });
    }

    /// Numbers with no label right after the rows of a remembered block: the block
    /// had a row more than the labels read, so its rows are taken back, with the
    /// numbers. True when it did so.
    pub(super) fn block_overflows(&mut self, vals: &[Val]) -> bool {
        let Some(b) = self.block.take() else {
            return false;
        };
        let number = |v: &Val| matches!(v.tok.kind, TokKind::Value(k) if k != CellValue::Blank);
        let next = vals
            .iter()
            .find(|v| number(v))
            .is_some_and(|v| v.line <= b.last + 1);
        if !next {
            return false;
        }
        for &(table, row, line) in &b.rows {
            self.take_row_back(table, row);
            self.out.uncertain.push(line);
            self.diags.push(Diag::warning(
                line,
                format!(
                    "row {} stands in a block of labels with text that names no label (line {}), and more rows of numbers than labels follow: which row each is is not known, so the row is reported missing",
                    self.tpl.tables[table].rows[row].key, b.unknown
                ),
            ));
        }
        let mut lines: Vec<u32> = vals.iter().map(|v| v.line).collect();
        lines.dedup();
        self.out.uncertain.extend(lines.iter().copied());
        for l in lines {
            self.diags.push(Diag::note(
                l,
                "number set aside with the block of labels above",
            ));
        }
        true
    }
}
