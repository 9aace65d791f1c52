//! Rows whose labels a converter lost or moved: filled from the numbers that
//! follow the last label, kept only when the report's identities confirm them.

use super::{Aligner, Queued};
use crate::grammar::Per;
use crate::model::diag::Diag;
use crate::parse::checks::{run_checks, CheckResult};
use crate::parse::template::Axis;

impl<'a> Aligner<'_, 'a> {
    /// For `n` numbers after the labels of `queue` in section 三, more than they
    /// need by whole rows: the rows that follow the last label in the template,
    /// none of them read yet (stand-in and optional rows passed over).
    pub(super) fn unlabelled_rows_after(&self, queue: &[Queued], n: usize) -> Option<Vec<usize>> {
        let last = queue.last()?;
        if self.section != 3 || queue.iter().any(|q| q.table != last.table) {
            return None;
        }
        let t = &self.tpl.tables[last.table];
        let w = t.cols.len();
        let need = w * queue.len();
        if n <= need || (n - need) % w != 0 {
            return None;
        }
        let k = (n - need) / w;
        let mut rows = Vec::new();
        for r in last.row + 1..t.rows.len() {
            if rows.len() == k {
                break;
            }
            let row = &t.rows[r];
            if !row.replaces.is_empty() || row.optional {
                continue;
            }
            if self.out.tables[last.table].rows_seen[r] || queue.iter().any(|q| q.row == r) {
                return None;
            }
            rows.push(r);
        }
        (rows.len() == k).then_some(rows)
    }

    /// Rows filled without their label are kept only when every sum down a column
    /// through them holds (at least one can be computed) and no identity through
    /// them fails. Otherwise the numbers were not where the labels said (a label
    /// lost in the middle of a block moves every row after it), so every row filled
    /// from that run of numbers is reported missing.
    pub(super) fn confirm_tentative(&mut self) {
        if self.tentative.is_empty() {
            return;
        }
        let checks = run_checks(self.tpl, self.out);
        for g in std::mem::take(&mut self.tentative) {
            let t = &self.tpl.tables[g.table];
            let nc = t.cols.len();
            let mut confirmed = g
                .unlabelled
                .iter()
                .all(|&(r, _)| self.confirms(&checks, g.table, r));
            // Or their labels follow the numbers, each once, in the template's order,
            // with no number of their own (pdftotext's default mode prints a
            // table's column of labels after its column of numbers), every row the
            // template puts before the run is read (no label lost before it could
            // move the run), and no identity through the run fails.
            let late = self.late_order(&g);
            let first = g.filled.iter().map(|&(r, _)| r).min().unwrap_or(0);
            let before_read = (0..first).all(|r| {
                let row = &t.rows[r];
                !row.replaces.is_empty() || row.optional || self.out.tables[g.table].rows_seen[r]
            });
            let labels_settle = before_read
                && late.is_some()
                && !self.refutes(
                    &checks,
                    g.table,
                    &g.filled.iter().map(|&(r, _)| r).collect::<Vec<_>>(),
                );
            let by_labels = labels_settle && !confirmed;
            confirmed |= labels_settle;
            // When text that named no label stood among the run's labels (a label
            // misread: its numbers would go to the next label, and every row after
            // moves by one), the identities must also tell each unlabelled row from
            // its neighbour in the run: with the two rows' numbers swapped an identity
            // through them must fail. (results_total and carried_out enter the balance of
            // section 三 alike, so it cannot say which of the two a row is.)
            for &(r, _) in &g.unlabelled {
                // (The labels printed after the numbers tell them apart.)
                if !confirmed || !g.doubtful || labels_settle {
                    break;
                }
                let Some(i) = g.filled.iter().position(|&(f, _)| f == r) else {
                    continue;
                };
                let other = if i > 0 {
                    g.filled.get(i - 1)
                } else {
                    g.filled.get(i + 1)
                };
                let Some(&(o, _)) = other else { continue };
                let slots = &self.out.tables[g.table].slots;
                let same = (0..nc).all(|c| {
                    let v = |s: &Option<crate::model::Slot>| s.as_ref().map(|s| (s.state, s.value));
                    v(&slots[r * nc + c]) == v(&slots[o * nc + c])
                });
                if same {
                    continue;
                }
                self.swap_rows(g.table, r, o);
                let alt = run_checks(self.tpl, self.out);
                self.swap_rows(g.table, r, o);
                if !self.refutes(&alt, g.table, &[r, o]) {
                    confirmed = false;
                }
            }
            let prev = &t.rows[g.after].key;
            for (i, &(r, line)) in g.unlabelled.iter().enumerate() {
                let key = &t.rows[r].key;
                // The labels said what the identities could not (which row, or
                // which of two rows a sum cannot tell apart).
                let msg = if labels_settle && (by_labels || g.doubtful) {
                    let at = late.as_ref().and_then(|l| l.get(i)).copied().unwrap_or(0);
                    format!("the numbers from this line have no label; they follow row {prev} where the template puts row {key}, whose label stands after the numbers (line {at}) in the template's order with no number of its own: read as {key}")
                } else if confirmed {
                    format!("the numbers from this line have no label; they follow row {prev} where the template puts row {key}, and the identities confirm them: read as {key}")
                } else {
                    format!("the numbers from this line have no label; they would follow row {prev} where the template puts row {key}, but the identities cannot confirm that: this row and the rows read with it are reported missing")
                };
                self.diags.push(if confirmed {
                    Diag::note(line, msg)
                } else {
                    Diag::warning(line, msg)
                });
            }
            if confirmed {
                continue;
            }
            for &(r, line) in &g.filled {
                let tr = &mut self.out.tables[g.table];
                tr.rows_seen[r] = false;
                for s in &mut tr.slots[r * nc..(r + 1) * nc] {
                    if let Some(s) = s.take() {
                        self.diags
                            .push(Diag::note(s.line, "number set aside with its row"));
                    }
                }
                self.out
                    .labels
                    .retain(|l| !(l.table == g.table && l.axis == Axis::Row && l.index == r));
                self.out.uncertain.push(line);
            }
        }
    }

    /// The lines of the labels of `g`'s unlabelled rows when they were printed
    /// after the numbers, with none of their own (waiting when the table ended),
    /// each once and in the order of the rows; None otherwise.
    fn late_order(&self, g: &super::Tentative) -> Option<Vec<u32>> {
        let rows: Vec<usize> = g.unlabelled.iter().map(|&(r, _)| r).collect();
        let first = g.unlabelled.first().map(|&(_, l)| l)?;
        let late: Vec<(usize, u32)> = self
            .late_labels
            .iter()
            .filter(|&&(t, r, line)| t == g.table && rows.contains(&r) && line > first)
            .map(|&(_, r, line)| (r, line))
            .collect();
        let order: Vec<usize> = late.iter().map(|&(r, _)| r).collect();
        (order == rows).then(|| late.iter().map(|&(_, l)| l).collect())
    }

    /// Every sum down a column through row `r` holds (at least one can be
    /// computed), and no identity through it fails.
    pub(super) fn confirms(&self, checks: &[CheckResult], table: usize, r: usize) -> bool {
        let nc = self.tpl.tables[table].cols.len();
        let through: Vec<&CheckResult> = checks
            .iter()
            .filter(|c| {
                c.table == table && {
                    let (l, rr) = c.sides(self.tpl);
                    l.iter().chain(&rr).any(|&i| i / nc == r)
                }
            })
            .collect();
        let down = |c: &&&CheckResult| {
            self.tpl
                .checks
                .iter()
                .any(|k| k.name == c.name(self.tpl) && k.per == Per::Col)
        };
        through.iter().filter(down).any(|c| c.ok.is_some())
            && through.iter().filter(down).all(|c| c.ok == Some(true))
            && !through.iter().any(|c| c.ok == Some(false))
    }

    /// Some identity through one of `rows` fails.
    fn refutes(&self, checks: &[CheckResult], table: usize, rows: &[usize]) -> bool {
        let nc = self.tpl.tables[table].cols.len();
        checks.iter().any(|c| {
            c.table == table && c.ok == Some(false) && {
                let (l, rr) = c.sides(self.tpl);
                l.iter().chain(&rr).any(|&i| rows.contains(&(i / nc)))
            }
        })
    }

    fn swap_rows(&mut self, table: usize, a: usize, b: usize) {
        let nc = self.tpl.tables[table].cols.len();
        let slots = &mut self.out.tables[table].slots;
        for c in 0..nc {
            slots.swap(a * nc + c, b * nc + c);
        }
    }
}
