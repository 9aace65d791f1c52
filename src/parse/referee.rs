//! Two readings of a table section, and the report's identities as referee.
//!
//! The per-layout reader ([`crate::parse::template::read_section`]) reads every layout it
//! recognises exactly, cell by cell. When it leaves cells of a section missing (a
//! converter it has not seen), the section is read again as a stream of labels
//! and numbers ([`crate::align`]), and the reading that holds more cells without
//! failing more of the section's identities is kept, whole: the two are never
//! mixed cell by cell, and a section's reading never touches another section.

use crate::grammar::Template;
use crate::model::diag::Diag;
use crate::parse::cells::Layout;
use crate::parse::checks::run_checks;
use crate::parse::lines::LineIndex;
use crate::parse::template::{read_section, row_reported, settle_stand_ins, Tables};

/// Reads section `n` (2, 3, 4) of `text[start..end]` into `out`, its diagnostics
/// into `diags`.
#[allow(clippy::too_many_arguments)]
pub fn read_table_section(
    text: &str,
    start: usize,
    end: usize,
    n: u8,
    tpl: &'static Template,
    li: &LineIndex,
    out: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    let (labels0, structure0) = (out.labels.len(), out.structure.len());
    let mut first = Vec::new();
    read_section(text, start, end, n, tpl, li, out, &mut first);
    settle_stand_ins(tpl, n, out, &mut first);
    let layout = out.layouts[(n - 2) as usize];
    if layout == Some(Layout::Glued) || complete(tpl, out, n) {
        diags.append(&mut first);
        return;
    }
    let mut alt = Tables::new(tpl);
    let mut second = Vec::new();
    crate::parse::align::read_stream(text, start, end, n, tpl, li, &mut alt, &mut second);
    settle_stand_ins(tpl, n, &mut alt, &mut second);
    let (a, b) = (held(tpl, out, n), held(tpl, &alt, n));
    let (fa, fb) = (failed(tpl, out, n), failed(tpl, &alt, n));
    if b > a && fb <= fa {
        for (ti, _) in tpl.section_tables(n) {
            out.tables[ti] = alt.tables[ti].clone();
        }
        out.runs
            .retain(|r| tpl.tables.get(r.table).is_some_and(|t| t.section != n));
        out.labels.truncate(labels0);
        out.labels.append(&mut alt.labels);
        out.structure.truncate(structure0);
        out.structure.append(&mut alt.structure);
        diags.append(&mut second);
    } else {
        diags.append(&mut first);
    }
}

/// Whether every reported cell of section `n` was read.
fn complete(tpl: &Template, t: &Tables, n: u8) -> bool {
    tpl.section_tables(n).all(|(ti, table)| {
        let read = &t.tables[ti];
        let nc = table.cols.len();
        (0..table.rows.len()).all(|r| {
            !row_reported(table, read, r)
                || read.slots[r * nc..(r + 1) * nc].iter().all(Option::is_some)
        })
    })
}

/// How many reported cells of section `n` hold something.
fn held(tpl: &Template, t: &Tables, n: u8) -> usize {
    tpl.section_tables(n)
        .map(|(ti, table)| {
            let read = &t.tables[ti];
            let nc = table.cols.len();
            (0..table.rows.len())
                .filter(|&r| row_reported(table, read, r))
                .map(|r| read.slots[r * nc..(r + 1) * nc].iter().flatten().count())
                .sum::<usize>()
        })
        .sum()
}

/// How many identities of section `n` fail.
fn failed(tpl: &'static Template, t: &Tables, n: u8) -> usize {
    run_checks(tpl, t)
        .iter()
        .filter(|c| c.ok == Some(false) && tpl.tables.get(c.table).is_some_and(|x| x.section == n))
        .count()
}
