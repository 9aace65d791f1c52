//! A report's rows appended to the columns of the block its worker renders, by the
//! same rules as the CSV files (a test reads both back and compares them).

use std::sync::OnceLock;

use super::columns::{days_since_epoch, BlockData, TableData};
use super::encode::{encode_table, EncodedGroup};
use super::schema::wide_money;
use super::{MONEY_SCALE, SCALE};
use crate::grammar::wide_columns;
use crate::model::value::{Decimal, Unit};
use crate::out::csv::wan_yuan;
use crate::out::sink::Tables;
use crate::parse::report::Report;

thread_local! {
    /// The columns a worker fills, block after block: kept on the thread with
    /// their capacity, so that a block's columns do not grow from nothing (the
    /// reallocations were a tenth of a run).
    pub(super) static COLUMNS: std::cell::RefCell<BlockData> = std::cell::RefCell::default();
}

/// Appends one report's rows to the columns of the block being rendered on this
/// thread ([`encode_block`] ends the block). The values follow the same rules as
/// the CSV files (a test reads both back and compares them).
pub fn render_into(r: &Report, tables: Tables) -> crate::Result<()> {
    COLUMNS.with(|c| render_rows(r, tables, &mut c.borrow_mut()))
}

fn render_rows(r: &Report, tables: Tables, out: &mut BlockData) -> crate::Result<()> {
    let id = r.report_id.as_str();
    // Key columns hold `&'static` slices of the template's strings (no copy per
    // row): see [`crate::grammar::pinned`].
    let reading = r.reading_template.as_ref().map(crate::grammar::pinned);
    let template = r
        .template
        .as_ref()
        .map(|t| crate::grammar::pinned(t).id.as_str());
    let year = r.meta.year.map(i64::from);
    let date = r
        .meta
        .report_date
        .and_then(|(y, m, d)| days_since_epoch(y, m, d));
    let [reports, cells, labels, sections, wide, checks, diags] = &mut out.tables;
    if tables.has(0) {
        reports
            .row(0)
            .id(id)
            .k(Some(r.status.as_str()))
            .k(template)
            .int(year)
            .s(r.meta.organ.as_deref())
            .s(r.meta.issuer.as_deref())
            .int(date)
            .k(r.encoding)
            .s_opt(&r.layout)
            .k(Some(r.format.as_str()))
            .int(
                r.meta
                    .published
                    .and_then(|(y, m, d)| days_since_epoch(y, m, d)),
            )
            .int(Some(r.cells_read() as i64))
            .int(Some(r.checks_failed() as i64))
            .s_opt(&r.message)
            .end()?;
    }
    let money = wide_money();
    let mut wide_vals = std::mem::take(&mut out.wide_row);
    wide_vals.clear();
    wide_vals.resize(wide_columns().len(), None);
    if let Some(t) = reading.filter(|_| tables.has(1) || tables.has(4)) {
        let positions = wide_positions(t);
        for (ti, ri, ci, slot) in r.cells() {
            let table = &t.tables[ti];
            let c = &table.cols[ci];
            let unit = r.cell_unit(ti, ci, slot);
            let value = slot.and_then(|s| s.value.filter(|_| s.state.has_value()));
            let k = ri * table.cols.len() + ci;
            let pos = positions.get(ti).and_then(|p| p.get(k)).copied().flatten();
            if let Some(pos) = pos {
                wide_vals[pos] = match c.is_money() {
                    true => value.and_then(|v| wan_yuan(v, unit)),
                    false => value,
                };
            }
            if tables.has(1) {
                cells
                    .row(1)
                    .id(id)
                    .int(Some(i64::from(table.section)))
                    .k_opt(&table.item)
                    .k(Some(&table.rows[ri].key))
                    .k(Some(&c.key))
                    .dec(value, SCALE)
                    .k(unit.map(Unit::as_str))
                    .k(Some(slot.map_or("missing", |s| s.state.as_str())))
                    .s(slot.map(|s| r.text.get(s.raw.0..s.raw.1).unwrap_or("")))
                    .int(slot.map(|s| i64::from(s.line)))
                    .end()?;
            }
        }
    }
    if let Some(t) = reading.filter(|_| tables.has(2)) {
        let mut ls: Vec<_> = r.tables.labels.iter().collect();
        ls.sort_by_key(|l| {
            (
                l.table,
                l.axis == crate::parse::template::Axis::Col,
                l.index,
            )
        });
        for l in ls {
            let table = &t.tables[l.table];
            let (axis, key) = match l.axis {
                crate::parse::template::Axis::Row => ("row", &table.rows[l.index].key),
                crate::parse::template::Axis::Col => ("col", &table.cols[l.index].key),
            };
            labels
                .row(2)
                .id(id)
                .int(Some(i64::from(table.section)))
                .k_opt(&table.item)
                .k(Some(axis))
                .k(Some(key))
                .s(Some(&l.text))
                .int(Some(i64::from(l.line)))
                .end()?;
        }
    }
    if tables.has(3) {
        for n in &r.narratives {
            sections
                .row(3)
                .id(id)
                .int(Some(i64::from(n.number)))
                .s(Some(&n.heading))
                .s(Some(r.text.get(n.range.0..n.range.1).unwrap_or("")))
                .end()?;
        }
    }
    if tables.has(4) {
        let mut row = wide.row(4);
        row.id(id)
            .k(Some(r.status.as_str()))
            .k(template)
            .int(year)
            .s(r.meta.organ.as_deref())
            .s(r.meta.issuer.as_deref())
            .int(date);
        for (v, m) in wide_vals.iter().zip(money) {
            row.dec(*v, if *m { MONEY_SCALE } else { SCALE });
        }
        row.end()?;
    }
    out.wide_row = wide_vals;
    if tables.has(5) {
        // Checks run only with a template.
        let tpl = reading;
        for c in &r.checks {
            let (name, scope) = tpl.map_or(("", ""), |t| (c.name(t), c.scope(t)));
            checks
                .row(5)
                .id(id)
                .k(Some(name))
                .s(Some(scope))
                .dec(c.expected, SCALE)
                .dec(c.actual, SCALE)
                .int(c.ok.map(i64::from))
                .end()?;
        }
    }
    if tables.has(6) {
        for d in &r.diags {
            diags
                .row(6)
                .id(id)
                .int(Some(i64::from(d.line)))
                .k(Some(d.level.as_str()))
                .s(Some(&d.message))
                .end()?;
        }
    }
    Ok(())
}

/// Per table of a template, per cell (row-major), its wide column: worked out
/// once for the compiled-in templates; for a template loaded at run time
/// (`--grammar`), for each report.
fn wide_positions(t: &crate::grammar::Template) -> std::borrow::Cow<'static, [Vec<Option<usize>>]> {
    use std::borrow::Cow;
    static MAPS: OnceLock<Vec<Vec<Vec<Option<usize>>>>> = OnceLock::new();
    if !crate::grammar::Grammars::is_builtin(t) {
        return Cow::Owned(positions_of(t));
    }
    let maps = MAPS.get_or_init(|| {
        crate::grammar::templates()
            .iter()
            .map(|tp| positions_of(tp))
            .collect()
    });
    crate::grammar::templates()
        .iter()
        .position(|tp| std::ptr::eq(&**tp, t))
        .and_then(|i| maps.get(i))
        .map_or(Cow::Borrowed(&[]), |p| Cow::Borrowed(p.as_slice()))
}

fn positions_of(tp: &crate::grammar::Template) -> Vec<Vec<Option<usize>>> {
    tp.tables
        .iter()
        .map(|table| {
            let n = table.cols.len();
            (0..table.n_cells())
                .map(|k| {
                    let name = crate::grammar::wide_name(table, k / n, k % n);
                    wide_columns().iter().position(|c| *c == name)
                })
                .collect()
        })
        .collect()
}

/// The cross-year checks as rows of checks.parquet, encoded.
pub fn render_cross_year<'a>(
    cross: &[crate::model::checks::CrossCheck],
    id_of: &dyn Fn(u32) -> &'a str,
) -> crate::Result<Option<EncodedGroup>> {
    let id = |i: u32| id_of(i);
    let mut t = TableData::default();
    for c in cross {
        let scope = format!("{}: {} -> {}", c.col, id(c.prev_index), id(c.index));
        t.row(5)
            .s(Some(id(c.index)))
            .k(Some(crate::grammar::common().carry.name.as_str()))
            .s(Some(&scope))
            .dec(c.expected.map(Decimal::int), SCALE)
            .dec(c.actual.map(Decimal::int), SCALE)
            .int(c.ok.map(i64::from))
            .end()?;
    }
    encode_table(5, &mut t)
}
