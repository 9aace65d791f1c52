//! Stand-in rows: a row of one template printed in a report of the other in place
//! of the rows it stands for (the 2019 `（六）其他处理` in a 2021 table, declared
//! with `replaces` in the grammar).

use crate::grammar::Template;
use crate::model::diag::Diag;
use crate::parse::template::{Axis, Tables};

pub use crate::model::tables::row_reported;

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
            // The stand-in with numbers while a row it stands for has numbers too
            // (`| 三、本年度办理结果 | （六）其他处理 | 1.申请人… | 67 | …`, a merged cell
            // repeated by docling, the leaf's label not read): its numbers are
            // those of a row whose label was not read, never the sum it stands
            // for. They are set aside.
            let replaced_read = row.replaces.iter().any(|&r| {
                read.slots[r * n..(r + 1) * n]
                    .iter()
                    .flatten()
                    .any(|s| s.state.has_value())
            });
            let first = read.slots[a * n..(a + 1) * n]
                .iter()
                .flatten()
                .map(|s| s.line)
                .next();
            if let (true, Some(line)) = (replaced_read, first) {
                for s in &mut read.slots[a * n..(a + 1) * n] {
                    if let Some(s) = s.take() {
                        diags.push(Diag::note(s.line, "number set aside with its row"));
                    }
                }
                diags.push(Diag::warning(
                    line,
                    format!(
                        "row `{}` has numbers, and so do rows it stands for in the {} template: they are the numbers of a row whose label was not read, so they are set aside",
                        row.label, tpl.id
                    ),
                ));
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
