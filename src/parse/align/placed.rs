//! Rows whose label was misread past likeness (`童夏申请` for `重复申请`, `觇章` for
//! `规章`): a short label is never read by likeness, but its place may say which
//! row it is. A text that names nothing, followed by exactly one row's numbers,
//! stands between the rows read before and after it; when the template leaves
//! exactly one row unread there, and the text has about that row's length and
//! shares at least half of its characters in order, the numbers are that row's,
//! with a warning naming the line. In section 三 they are kept only when the sums
//! down their columns hold (as rows whose label was lost); anywhere, never when
//! the place leaves more than one row, or none.

use super::{Aligner, Tentative, Val};
use crate::grammar::normalize::{fold, strip_enumerator};
use crate::grammar::Template;
use crate::model::diag::Diag;
use crate::model::value::CellValue;
use crate::parse::template::{clip, Axis};
use crate::parse::tokens::TokKind;

/// One row's numbers after a text that names nothing, waiting for the next label.
pub(super) struct Placed<'a> {
    table: usize,
    /// The row read last in that table before the text.
    after: Option<usize>,
    raw: &'a str,
    line: u32,
    vals: Vec<Val<'a>>,
}

impl<'a> Aligner<'_, 'a> {
    /// Numbers right after the text `raw` (line `line`) that names nothing, with
    /// no label waiting: kept to be placed when the next label is read if they are
    /// one row of the current table; otherwise given back.
    pub(super) fn place_after_unknown(
        &mut self,
        raw: &'a str,
        line: u32,
        vals: Vec<Val<'a>>,
    ) -> Option<Vec<Val<'a>>> {
        let table = self.current;
        let t = self.tpl.tables.get(table)?;
        // The group holds only what was read since the text (a text flushes it):
        // numbers after it, with at most empty cells, rules or page markers between.
        let starts_after = vals.first().is_some_and(|v| v.line >= line);
        if t.section != self.section || vals.len() != t.cols.len() || !starts_after {
            return Some(vals);
        }
        let after = self.last_row.and_then(|(tt, r)| (tt == table).then_some(r));
        self.placed.push(Placed {
            table,
            after,
            raw,
            line,
            vals,
        });
        None
    }

    /// Places the numbers kept by [`Self::place_after_unknown`], now that the next
    /// row label read is `next` (`None`: the table ended).
    pub(super) fn resolve_placed(&mut self, next: Option<(usize, usize)>) {
        let placed = std::mem::take(&mut self.placed);
        // Rows placed by this call: still unread for the numbers that wait with
        // them.
        let mut now: Vec<(usize, usize)> = Vec::new();
        let texts: Vec<Waiting> = placed.iter().map(|p| (p.table, p.after, p.raw)).collect();
        for (i, p) in placed.iter().enumerate() {
            let t = &self.tpl.tables[p.table];
            let Some((row, k, _)) = row_in_place(self.tpl, self.out, &now, &texts, i, next) else {
                self.outside_any_row(&p.vals);
                continue;
            };
            now.push((p.table, row));
            let key = &t.rows[row].key;
            let between = match (p.after, next.filter(|n| n.0 == p.table)) {
                (Some(a), Some((_, b))) => {
                    format!("between rows {} and {}", t.rows[a].key, t.rows[b].key)
                }
                (Some(a), None) => format!("after row {}", t.rows[a].key),
                (None, Some((_, b))) => format!("before row {}", t.rows[b].key),
                (None, None) => "in its table".to_string(),
            };
            self.diags.push(Diag::warning(
                p.line,
                if k > 1 {
                    format!(
                        "`{}` names no label, but is one of {k} texts each with one row's numbers {between}, where the template leaves {k} rows unread, and shares most of the characters of the one in its place: read as {key} (a misread label?)",
                        clip(p.raw)
                    )
                } else {
                    format!(
                        "`{}` names no label, but stands with one row's numbers {between}, where the template leaves only row {key} unread, and shares most of its characters: read as {key} (a misread label?)",
                        clip(p.raw)
                    )
                },
            ));
            let q = super::Queued {
                table: p.table,
                row,
                text: p.raw.trim().to_string(),
                line: p.line,
                last_line: p.line,
            };
            self.fill(&q, &p.vals);
            self.placed_rows.push((p.table, row));
            if self.section == 3 {
                self.tentative.push(Tentative {
                    table: p.table,
                    filled: vec![(row, p.vals[0].line)],
                    unlabelled: vec![(row, p.vals[0].line)],
                    after: p.after.unwrap_or(row),
                    // A misread label stood here.
                    doubtful: true,
                });
            }
        }
    }

    /// The label of a row read by its place is printed after all (the rows are not
    /// in the template's order): the place was wrong, so that row is reported
    /// missing and its label read as new.
    pub(super) fn unplace(&mut self, table: usize, row: usize, line: u32) {
        let Some(i) = self.placed_rows.iter().position(|&p| p == (table, row)) else {
            return;
        };
        self.placed_rows.remove(i);
        let n = self.tpl.tables[table].cols.len();
        let tr = &mut self.out.tables[table];
        tr.rows_seen[row] = false;
        for s in &mut tr.slots[row * n..(row + 1) * n] {
            if let Some(s) = s.take() {
                self.diags
                    .push(Diag::note(s.line, "number set aside with its row"));
            }
        }
        self.out
            .labels
            .retain(|l| !(l.table == table && l.axis == Axis::Row && l.index == row));
        self.tentative
            .retain(|g| !(g.table == table && g.unlabelled.iter().any(|&(r, _)| r == row)));
        self.diags.push(Diag::warning(
            line,
            format!(
                "row {} is printed here, after numbers were read as its own by their place: the rows are not in the template's order, so those numbers are set aside",
                self.tpl.tables[table].rows[row].key
            ),
        ));
    }

    /// Numbers that belong to no row: each line set aside with a note.
    pub(super) fn outside_any_row(&mut self, vals: &[Val]) {
        let mut lines: Vec<u32> = vals.iter().map(|v| v.line).collect();
        lines.dedup();
        self.out.stray.extend(
            vals.iter()
                .filter(|v| v.tok.kind != TokKind::Value(CellValue::Blank))
                .map(|v| v.line),
        );
        for l in lines {
            let raws: Vec<&str> = vals
                .iter()
                .filter(|v| v.line == l)
                .map(|v| v.tok.raw)
                .collect();
            self.diags.push(Diag::note(
                l,
                format!(
                    "value `{}` stands outside any row; set aside",
                    clip(&raws.join(" "))
                ),
            ));
        }
    }
}

/// Whether a printed text may be the label `label` misread: folded and without
/// enumerators, its length within one character of the label's, and at least half
/// of the label's characters in it, in order.
pub(crate) fn resembles(raw: &str, label: &str) -> bool {
    let (text, label) = (chars_of(raw), chars_of(label));
    let common = crate::parse::sections::common_in_order(&text, &label);
    !label.is_empty() && text.len().abs_diff(label.len()) <= 1 && common * 2 >= label.len()
}

/// [`resembles`] row `row` of table `table`, and no other row of that section
/// shares more characters in order with it: `行政外罚` shares 行政 with 行政许可 but
/// more with 行政处罚 (another item's row), so it is no misread of 行政许可.
/// A text that names no label and waits, with one row's numbers after it, to be
/// placed: its table, the row read last in that table before it, and the text.
pub(crate) type Waiting<'a> = (usize, Option<usize>, &'a str);

/// The row the `i`-th of `waiting` stands for, now that the next row label read
/// is `next` (`None`: the table ended), and how many texts were placed with it:
/// the template leaves one row unread between the row read before the text and
/// `next`, and the text resembles it; or several texts wait after the same row
/// (misread labels one after another, `（六）其他处埋` / `（七）总汁`), as many rows
/// are unread there, and each text resembles the row in its place (a text that
/// resembles none of them, an enumerator cut from its label, does not count).
/// Rows in `now`, placed by this round, still count as unread.
pub(crate) fn row_in_place(
    tpl: &Template,
    tables: &crate::parse::template::Tables,
    now: &[(usize, usize)],
    waiting: &[Waiting],
    i: usize,
    next: Option<(usize, usize)>,
) -> Option<(usize, usize, usize)> {
    let (table, after, _) = waiting[i];
    let t = &tpl.tables[table];
    let hi = match next {
        Some((tt, r)) if tt == table => r,
        _ => t.rows.len(),
    };
    let lo = after.map_or(0, |r| r + 1);
    let seen = &tables.tables[table].rows_seen;
    let rows: Vec<usize> = (lo..hi.max(lo))
        .filter(|&r| (!seen[r] || now.contains(&(table, r))) && t.rows[r].replaces.is_empty())
        .collect();
    let resembles = |w: &Waiting, r: usize| resembles_row(w.2, tpl, w.0, r);
    let same = |w: &Waiting| w.0 == table && w.1 == after && rows.iter().any(|&r| resembles(w, r));
    if let [r] = rows[..] {
        return resembles(&waiting[i], r).then_some((r, 1, 0));
    }
    let k = waiting.iter().filter(|w| same(w)).count();
    let nth = waiting[..i].iter().filter(|w| same(w)).count();
    let in_order = waiting
        .iter()
        .filter(|w| same(w))
        .zip(&rows)
        .all(|(w, &r)| resembles(w, r));
    (k > 1 && rows.len() == k && same(&waiting[i]) && in_order).then(|| (rows[nth], k, nth))
}

pub(crate) fn resembles_row(raw: &str, tpl: &Template, table: usize, row: usize) -> bool {
    let Some(t) = tpl.tables.get(table) else {
        return false;
    };
    let Some(mine) = t.rows.get(row) else {
        return false;
    };
    if !resembles(raw, &mine.label) {
        return false;
    }
    let text = chars_of(raw);
    let score = |label: &str| crate::parse::sections::common_in_order(&text, &chars_of(label));
    let best = score(&mine.label);
    tpl.tables
        .iter()
        .enumerate()
        .filter(|(_, o)| o.section == t.section)
        .flat_map(|(ti, o)| o.rows.iter().enumerate().map(move |(ri, r)| (ti, ri, r)))
        .filter(|&(ti, ri, _)| (ti, ri) != (table, row))
        .all(|(_, _, r)| score(&r.label) <= best)
}

/// The characters of a label, folded, without its enumerator.
fn chars_of(raw: &str) -> Vec<char> {
    strip_enumerator(&fold(raw)).chars().collect()
}

#[cfg(test)]
mod tests {
    use super::{resembles, resembles_row};

    #[test]
    fn a_misread_label_resembles_no_other_row_as_much() {
        let tpl = crate::grammar::template("2021").expect("the 2021 template");
        let row_of = |key: &str| {
            tpl.tables
                .iter()
                .enumerate()
                .find_map(|(ti, t)| t.rows.iter().position(|r| r.key == key).map(|ri| (ti, ri)))
                .expect("a row")
        };
        let (lt, lr) = row_of("licensing");
        let (pt, pr) = row_of("penalty");
        // 行政外罚 is closer to 行政处罚 than to 行政许可.
        assert!(!resembles_row("行政外罚", tpl, lt, lr));
        assert!(resembles_row("行政外罚", tpl, pt, pr));
        assert!(resembles_row("行政许叮", tpl, lt, lr));
    }

    #[test]
    fn a_misread_label_resembles_its_row() {
        assert!(resembles("2.童夏申请", "2.重复申请"));
        assert!(resembles("觇章", "规章"));
        assert!(resembles("行政外罚", "行政处罚"));
        assert!(resembles("3.甚他", "3.其他"));
        // Too short, too long, too different.
        assert!(!resembles("章", "行政规范性文件"));
        assert!(!resembles("其中：依申请公开", "2.重复申请"));
        assert!(!resembles("本段为正文", "2.重复申请"));
        assert!(!resembles("童夏甲靖", "2.重复申请"));
    }
}
