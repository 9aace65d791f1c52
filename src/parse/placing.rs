//! Glued digits whose row label was misread past likeness (`2.重夏申请0000000`,
//! `行政强刺1262629`): the template reader's counterpart of the stream reader's
//! placed rows (`align/placed.rs`). Digits that follow a text naming nothing, with
//! no row open, wait for the next row label; when the template leaves exactly one
//! row unread between the row read before the text and that label, and the text
//! resembles the row's label (about its length, at least half of its characters in
//! order), the digits are that row's, split later by the identities like any glued
//! run, with a warning naming the line. Otherwise they are set aside as before.

use crate::model::diag::Diag;
use crate::parse::cells::Cell;
use crate::parse::template::{add_run, clip, Axis, LabelRead, Reader};

/// What the template reader keeps to place misread rows.
#[derive(Default)]
pub(crate) struct Placing<'c> {
    /// The last text that named nothing while no row was open, and its line.
    pub(crate) unknown: Option<(String, u32)>,
    /// The last row whose label was read: (table, row).
    pub(crate) last_row: Option<(usize, usize)>,
    /// Digits waiting for the next label.
    waiting: Vec<Waiting<'c>>,
    /// The rows read by their place: (table, row).
    placed: Vec<(usize, usize)>,
}

struct Waiting<'c> {
    /// The report text the cell is in.
    text: &'c str,
    table: usize,
    after: Option<usize>,
    label: String,
    line: u32,
    cell: &'c Cell<'c>,
}

impl<'c> Reader<'_, 'c> {
    /// Digits with no row open, right after a text that names nothing: kept to be
    /// placed by the next label. False when there is no such text.
    pub(crate) fn place_run(&mut self, text: &'c str, cell: &'c Cell<'c>) -> bool {
        let Some((label, line)) = self.placing.unknown.take() else {
            return false;
        };
        let table = self.current;
        if self
            .tpl
            .tables
            .get(table)
            .is_none_or(|t| t.section != self.section)
        {
            return false;
        }
        let after = self
            .placing
            .last_row
            .and_then(|(t, r)| (t == table).then_some(r));
        self.placing.waiting.push(Waiting {
            text,
            table,
            after,
            label,
            line,
            cell,
        });
        true
    }

    /// Places the waiting digits now that the next row label read is `next`
    /// (`None`: the table ended).
    pub(crate) fn resolve_placed_runs(&mut self, next: Option<(usize, usize)>) {
        let waiting = std::mem::take(&mut self.placing.waiting);
        // Rows placed by this call: still counted as unread for the waiting digits
        // after them that wait with them.
        let mut now: Vec<(usize, usize)> = Vec::new();
        let texts: Vec<crate::parse::align::Waiting> = waiting
            .iter()
            .map(|w| (w.table, w.after, w.label.as_str()))
            .collect();
        for (i, w) in waiting.iter().enumerate() {
            let t = &self.tpl.tables[w.table];
            let Some((row, k, nth)) =
                crate::parse::align::row_in_place(self.tpl, self.out, &now, &texts, i, next)
            else {
                self.diags.push(Diag::note(
                    w.cell.line,
                    format!("digits `{}` stand outside any row; set aside", w.cell.raw),
                ));
                continue;
            };
            let key = t.rows[row].key.clone();
            let n = t.cols.len();
            let msg = if k == 1 {
                format!(
                    "`{}` names no label, but stands with the digits of one row where the template leaves only row {key} unread, and shares most of its characters: read as {key} (a misread label?)",
                    clip(&w.label)
                )
            } else {
                format!(
                    "`{}` names no label, but is the {} of {k} texts that each stand with one row's digits where the template leaves {k} rows unread, and shares most of the characters of the {} of them: read as {key} (a misread label?)",
                    clip(&w.label),
                    ordinal(nth),
                    ordinal(nth)
                )
            };
            self.diags.push(Diag::warning(w.line, msg));
            now.push((w.table, row));
            self.placing.placed.push((w.table, row));
            let tr = &mut self.out.tables[w.table];
            tr.seen = true;
            tr.rows_seen[row] = true;
            add_run(
                w.text,
                w.cell,
                w.table,
                (row * n..(row + 1) * n).collect(),
                false,
                self.out,
                self.diags,
            );
            self.out.labels.push(LabelRead {
                table: w.table,
                axis: Axis::Row,
                index: row,
                text: w.label.trim().to_string(),
                line: w.line,
            });
        }
    }

    /// The label of a row read by its place is printed after all (the rows are not
    /// in the template's order): the place was wrong, so that row is reported
    /// missing and its label read as new.
    pub(crate) fn unplace(&mut self, table: usize, row: usize, line: u32) {
        let Some(i) = self.placing.placed.iter().position(|&p| p == (table, row)) else {
            return;
        };
        self.placing.placed.remove(i);
        let n = self.tpl.tables[table].cols.len();
        let range = row * n..(row + 1) * n;
        let tr = &mut self.out.tables[table];
        tr.rows_seen[row] = false;
        for s in &mut tr.slots[range.clone()] {
            if let Some(s) = s.take() {
                self.diags
                    .push(Diag::note(s.line, "number set aside with its row"));
            }
        }
        self.out
            .runs
            .retain(|r| !(r.table == table && r.slots.iter().any(|s| range.contains(s))));
        self.out
            .labels
            .retain(|l| !(l.table == table && l.axis == Axis::Row && l.index == row));
        self.diags.push(Diag::warning(
            line,
            format!(
                "row {} is printed here, after digits were read as its own by their place: the rows are not in the template's order, so those digits are set aside",
                self.tpl.tables[table].rows[row].key
            ),
        ));
    }
}

/// `first`, `second`, … for position `i` (0-based) in a diagnostic.
fn ordinal(i: usize) -> String {
    match i {
        0 => "first".into(),
        1 => "second".into(),
        2 => "third".into(),
        _ => format!("{}th", i + 1),
    }
}

#[cfg(test)]
mod tests {
    /// (value, state) of each cell of `keys`, and the warnings that place rows.
    fn read(text: &str, keys: &[&str]) -> (Vec<(Option<String>, &'static str)>, usize) {
        let r = crate::parse_report("t.txt", text.as_bytes());
        let cells = r.keyed_cells();
        let got = keys
            .iter()
            .map(|k| {
                let s = cells.iter().find(|(c, _)| c == k).and_then(|(_, s)| *s);
                (
                    s.and_then(|s| s.value).map(|v| v.to_string()),
                    s.map_or("missing", |s| s.state.as_str()),
                )
            })
            .collect();
        let placed = r
            .diags
            .iter()
            .filter(|d| d.message.contains("names no label"))
            .count();
        (got, placed)
    }

    fn n(v: &str, state: &'static str) -> (Option<String>, &'static str) {
        (Some(v.to_string()), state)
    }

    /// samples/constructed/glued-2021.txt (its truth file gives these values) with
    /// two short labels misread: 重复申请 → 童夏申请, 行政强制 → 行政强刺.
    #[test]
    fn glued_digits_of_a_misread_row_are_placed() {
        let text = include_str!("../../samples/constructed/glued-2021.txt")
            .replace("重复申请", "童夏申请")
            .replace("行政强制", "行政强刺");
        let keys = [
            "3/rejected_repeat/natural_person",
            "3/rejected_repeat/business",
            "3/rejected_repeat/total",
            "2/20.6/coercion/decisions",
        ];
        let (got, placed) = read(&text, &keys);
        assert_eq!(
            got,
            vec![
                n("2", "recovered"),
                n("0", "recovered"),
                n("2", "recovered"),
                n("37", "number"),
            ]
        );
        assert_eq!(placed, 2);
    }

    /// The same sample with two labels one after the other misread (重复申请 →
    /// 童夏申请, 公开出版物 → 公幵出板物): both rows placed, in order.
    #[test]
    fn glued_digits_of_two_misread_rows_in_a_row_are_placed_in_order() {
        let text = include_str!("../../samples/constructed/glued-2021.txt")
            .replace("重复申请", "童夏申请")
            .replace("公开出版物", "公幵出板物");
        let keys = [
            "3/rejected_repeat/natural_person",
            "3/rejected_repeat/total",
            "3/rejected_publication/natural_person",
            "3/rejected_publication/total",
        ];
        let (got, placed) = read(&text, &keys);
        assert_eq!(
            got,
            vec![
                n("2", "recovered"),
                n("2", "recovered"),
                n("1", "recovered"),
                n("1", "recovered"),
            ]
        );
        assert_eq!(placed, 2);
    }

    /// samples/dongxin-2020.txt (tests/golden/dongxin-2020/cells.csv: zeros) with
    /// 重复申请 misread twice over: read again as a stream, the row is placed.
    #[test]
    fn a_misread_row_of_tab_cells_is_placed() {
        let text = include_str!("../../samples/dongxin-2020.txt").replace("重复申请", "童夏申请");
        let keys = [
            "3/rejected_repeat/natural_person",
            "3/rejected_repeat/business",
            "3/rejected_repeat/total",
        ];
        let (got, placed) = read(&text, &keys);
        assert_eq!(
            got,
            vec![n("0", "number"), n("0", "number"), n("0", "number")]
        );
        assert_eq!(placed, 1);
    }

    /// A misread label where the template leaves two rows unread (the row before
    /// it is misread too) is not placed: its numbers stay out.
    #[test]
    fn no_place_when_two_rows_are_open() {
        let text = include_str!("../../samples/constructed/glued-2021.txt")
            .replace("信访举报投诉类申请", "信仿举报投泝类申请")
            .replace("重复申请", "童夏申请");
        let (got, placed) = read(&text, &["3/rejected_repeat/natural_person"]);
        assert_eq!(got, vec![(None, "missing")]);
        assert_eq!(placed, 0);
    }
}
