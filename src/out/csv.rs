//! Reports → CSV files (../shared/spec/output-contract.md), written in a temporary
//! folder inside the output folder and renamed into place only when the run is
//! complete, so a killed run leaves the previous outputs as they were.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::grammar::{wide_columns, wide_name, WIDE_META};
use crate::model::value::{Decimal, Unit};
use crate::out::sink::Tables;

use crate::parse::report::Report;
use crate::Error;

/// The revision of what the CSV files hold for a given input: part of the
/// `--incremental` index's fingerprint, so that rows written by an earlier revision
/// are never copied beside new ones. Bump it with any change to a column or to how
/// a value is written. 2: wide.csv's status, issuer, report_date and amounts in 万元;
/// checks.csv's `check_name`.
pub const OUTPUT_REVISION: u32 = 2;

/// The output files, in the order they are described in the contract.
pub const FILES: &[&str] = &[
    "reports.csv",
    "cells.csv",
    "labels.csv",
    "sections.csv",
    "wide.csv",
    "checks.csv",
    "diagnostics.csv",
];

/// Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is
/// made inert with a leading apostrophe; numbers stay as they are.
fn inert(excel: bool, s: &str) -> Cow<'_, str> {
    if excel
        && s.starts_with(['=', '+', '-', '@'])
        && crate::model::value::Decimal::parse_plain(s).is_none()
    {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// The columns of each file, in [`FILES`] order but for wide.csv, whose header is
/// built from the templates. This is the schema: rows are written field by field in
/// this order.
const HEADERS: [&[&str]; 6] = [
    &[
        "report_id",
        "status",
        "template",
        "year",
        "organ",
        "issuer",
        "report_date",
        "encoding",
        "layout",
        "format",
        "published",
        "cells",
        "checks_failed",
        "message",
    ],
    &[
        "report_id",
        "section",
        "item",
        "row",
        "col",
        "value",
        "unit",
        "state",
        "raw",
        "line",
    ],
    &[
        "report_id",
        "section",
        "item",
        "axis",
        "key",
        "label",
        "line",
    ],
    &["report_id", "section", "heading", "text"],
    &[
        "report_id",
        "check_name",
        "scope",
        "expected",
        "actual",
        "ok",
    ],
    &["report_id", "line", "level", "message"],
];

/// One report's rows, rendered as CSV bytes (no header), one buffer per file in
/// [`FILES`] order. Rendering is the costly part of writing, so the pipeline does
/// it on every core and leaves only the copying to the single writer.
#[derive(Debug, Default)]
pub struct Rendered {
    pub files: [Vec<u8>; 7],
    /// With `--format parquet`: the block's columns, then its row groups.
    pub parquet: Option<Box<crate::out::parquet::BlockData>>,
}

impl Rendered {
    /// Bytes of buffers held.
    pub fn capacity(&self) -> usize {
        self.files.iter().map(Vec::capacity).sum::<usize>()
            + self.parquet.as_ref().map_or(0, |b| b.capacity())
    }
}

/// One CSV record being written into a buffer (RFC 4180: fields separated by
/// commas, a field quoted when it holds a comma, a quote or a line break, quotes
/// doubled, records ended by `\n`, as the csv crate writes them; a test holds the
/// two to the same bytes). Writing a few million cells is the hottest loop of a
/// run, so fields are copied straight into the buffer: no per-field allocation,
/// and the report id, repeated on every row, is escaped once per report.
struct Rec<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Rec<'a> {
    fn new(out: &'a mut Vec<u8>) -> Rec<'a> {
        Rec { out, first: true }
    }

    #[inline]
    fn sep(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
    }

    /// A text field, quoted when it must be.
    fn text(&mut self, s: &str) -> &mut Self {
        self.sep();
        escape_into(self.out, s.as_bytes());
        self
    }

    /// A field that never needs quoting: a key of the templates (checked to be
    /// lower-case ASCII when they are loaded) or a fixed word of this crate.
    #[inline]
    fn plain(&mut self, s: &str) -> &mut Self {
        debug_assert!(!s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')));
        self.escaped(s.as_bytes())
    }

    /// A field already escaped.
    #[inline]
    fn escaped(&mut self, s: &[u8]) -> &mut Self {
        self.sep();
        self.out.extend_from_slice(s);
        self
    }

    #[inline]
    fn int(&mut self, v: u64) -> &mut Self {
        self.sep();
        // Most counts are one digit (`0` above all): no formatter for those.
        if v < 10 {
            self.out.push(b'0' + v as u8);
        } else {
            self.out
                .extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
        }
        self
    }

    #[inline]
    fn opt_int(&mut self, v: Option<u64>) -> &mut Self {
        match v {
            Some(v) => self.int(v),
            None => self.escaped(b""),
        }
    }

    #[inline]
    fn dec(&mut self, v: Option<crate::model::value::Decimal>) -> &mut Self {
        self.sep();
        if let Some(v) = v {
            match v.as_int() {
                Some(i) if i >= 0 => {
                    self.first = true;
                    self.int(i as u64);
                }
                _ => {
                    let _ = write!(self.out, "{v}");
                }
            }
        }
        self
    }

    #[inline]
    fn end(&mut self) {
        self.out.push(b'\n');
    }
}

/// Appends `s` as one CSV field.
fn escape_into(out: &mut Vec<u8>, s: &[u8]) {
    // Short fields (most of them) are cheaper to look at byte by byte than to hand
    // to memchr; long ones (narrative text) the other way round.
    let needs = if s.len() < 48 {
        s.iter().any(|&b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    } else {
        memchr::memchr3(b',', b'"', b'\n', s).is_some() || memchr::memchr(b'\r', s).is_some()
    };
    if !needs {
        out.extend_from_slice(s);
        return;
    }
    out.reserve(s.len() + 2);
    out.push(b'"');
    let mut rest = s;
    // Copy up to each quote, then double it.
    while let Some(i) = memchr::memchr(b'"', rest) {
        out.extend_from_slice(&rest[..=i]);
        out.push(b'"');
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// A CSV writer into a byte buffer (headers only: rows use [`Rec`]).
fn csv_into(buf: &mut Vec<u8>) -> csv::Writer<&mut Vec<u8>> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .buffer_capacity(4096)
        .from_writer(buf)
}

const fn ok_str(ok: Option<bool>) -> &'static str {
    match ok {
        Some(true) => "true",
        Some(false) => "false",
        None => "",
    }
}

/// A date as `YYYY-MM-DD`, or empty.
fn ymd(d: Option<(u16, u8, u8)>) -> String {
    d.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
        .unwrap_or_default()
}

/// An amount in 万元, as wide.csv writes every money column: a value printed in 元
/// is divided by 10,000 exactly (the decimal point moves four places; nothing is
/// rounded), one printed in 万元 is kept, and one whose unit is unknown (no unit in
/// the cell, the header or the template) is `None`: a number in an unknown unit
/// cannot stand beside the others.
pub(crate) fn wan_yuan(v: Decimal, unit: Option<Unit>) -> Option<Decimal> {
    let mut v = match unit? {
        Unit::WanYuan => v,
        // Values have at most 12 decimals (`Decimal::parse_plain`); 16 still prints.
        Unit::Yuan if v.scale <= 12 => Decimal {
            mantissa: v.mantissa,
            scale: v.scale + 4,
        },
        _ => return None,
    };
    // Printed without trailing zeros, as values are read: 1285000 元 is 128.5 万元.
    while v.scale > 0 && v.mantissa % 10 == 0 {
        v.mantissa /= 10;
        v.scale -= 1;
    }
    Some(v)
}

/// The wide.csv header: the report's columns, then one per canonical cell.
pub fn wide_header() -> Vec<&'static str> {
    let mut h: Vec<&str> = WIDE_META.to_vec();
    h.extend(wide_columns().iter().map(String::as_str));
    h
}

/// Appends every row of one report to `out`, one buffer per file; reports are
/// rendered a block at a time into the same buffers, so that the writer makes few,
/// large writes.
pub fn render_into(
    r: &Report,
    excel: bool,
    tables: Tables,
    out: &mut Rendered,
) -> crate::Result<()> {
    let x = excel;
    let mut id = Vec::with_capacity(r.report_id.len() + 2);
    escape_into(&mut id, inert(x, &r.report_id).as_bytes());
    let id = id.as_slice();
    let template = r.template.as_ref().map_or("", |t| t.id.as_str());
    let [reports, cells, labels, sections, wide, checks, diags] = &mut out.files;
    let date = r.report_date_iso().unwrap_or_default();
    if tables.has(0) {
        Rec::new(reports)
            .escaped(id)
            .plain(r.status.as_str())
            .plain(template)
            .opt_int(r.meta.year.map(u64::from))
            .text(&inert(x, r.meta.organ.as_deref().unwrap_or("")))
            .text(&inert(x, r.meta.issuer.as_deref().unwrap_or("")))
            .text(&date)
            .plain(r.encoding.unwrap_or(""))
            .text(&r.layout)
            .plain(r.format.as_str())
            .text(&ymd(r.meta.published))
            .int(r.cells_read() as u64)
            .int(r.checks_failed() as u64)
            .text(&inert(x, &r.message))
            .end();
    }
    let ncols = wide_columns().len();
    let mut wide_vals: Vec<Option<Decimal>> = vec![None; ncols];
    // Sized up front from the counts: growing these by doubling copied every
    // buffer about once more (7% of a run in perf).
    let row = |n: usize, rest: usize| n * (id.len() + rest);
    if tables.has(3) {
        sections.reserve(
            r.narratives
                .iter()
                .map(|n| n.range.1.saturating_sub(n.range.0) + n.heading.len() + id.len() + 16)
                .sum(),
        );
    }
    if tables.has(2) {
        labels.reserve(
            r.tables.labels.iter().map(|l| l.text.len()).sum::<usize>()
                + row(r.tables.labels.len(), 48),
        );
    }
    if tables.has(5) {
        checks.reserve(row(r.checks.len(), 64));
    }
    if tables.has(6) {
        diags.reserve(
            r.diags.iter().map(|d| d.message.len()).sum::<usize>() + row(r.diags.len(), 24),
        );
    }
    if let Some(t) = r
        .reading_template
        .as_deref()
        .filter(|_| tables.has(1) || tables.has(4))
    {
        let all = r.cells();
        let write_cells = tables.has(1);
        if write_cells {
            cells.reserve(row(all.len(), 64));
        }
        let fixed = fixed(t)
            .ok_or_else(|| Error::Internal(format!("template {} is not one of grammars/", t.id)))?;
        for (ti, ri, ci, slot) in all {
            let table = &t.tables[ti];
            let k = ri * table.cols.len() + ci;
            let f = &fixed[ti];
            let unit = r.cell_unit(ti, ci, slot);
            let value = slot.and_then(|s| s.value.filter(|_| s.state.has_value()));
            if let Some(pos) = f.wide[k] {
                wide_vals[pos] = match table.cols[ci].is_money() {
                    true => value.and_then(|v| wan_yuan(v, unit)),
                    false => value,
                };
            }
            if !write_cells {
                continue;
            }
            let raw = slot.map_or("", |s| r.text.get(s.raw.0..s.raw.1).unwrap_or(""));
            Rec::new(cells)
                .escaped(id)
                .escaped(&f.cells[k])
                .dec(value)
                .plain(unit.map_or("", Unit::as_str))
                .plain(slot.map_or("missing", |s| s.state.as_str()))
                .text(&inert(x, raw))
                .opt_int(slot.map(|s| u64::from(s.line)))
                .end();
        }
    }
    if let Some(t) = r.reading_template.as_deref().filter(|_| tables.has(2)) {
        let fixed = fixed(t)
            .ok_or_else(|| Error::Internal(format!("template {} is not one of grammars/", t.id)))?;
        let mut ls: Vec<_> = r.tables.labels.iter().collect();
        // Template order: table, then rows before columns, then index.
        ls.sort_by_key(|l| {
            (
                l.table,
                l.axis == crate::parse::template::Axis::Col,
                l.index,
            )
        });
        for l in ls {
            let f = &fixed[l.table];
            let keys = match l.axis {
                crate::parse::template::Axis::Row => &f.rows,
                crate::parse::template::Axis::Col => &f.cols,
            };
            Rec::new(labels)
                .escaped(id)
                .escaped(&keys[l.index])
                .text(&inert(x, &l.text))
                .int(u64::from(l.line))
                .end();
        }
    }
    if tables.has(3) {
        for n in &r.narratives {
            Rec::new(sections)
                .escaped(id)
                .int(u64::from(n.number))
                .text(&inert(x, &n.heading))
                .text(&inert(x, r.text.get(n.range.0..n.range.1).unwrap_or("")))
                .end();
        }
    }
    if tables.has(4) {
        let mut rec = Rec::new(wide);
        rec.escaped(id)
            .plain(r.status.as_str())
            .plain(template)
            .opt_int(r.meta.year.map(u64::from))
            .text(&inert(x, r.meta.organ.as_deref().unwrap_or("")))
            .text(&inert(x, r.meta.issuer.as_deref().unwrap_or("")))
            .text(&date);
        for v in &wide_vals {
            rec.dec(*v);
        }
        rec.end();
    }
    if tables.has(5) {
        // Checks run only with a template.
        let tpl = r.reading_template.as_deref();
        for c in &r.checks {
            let (name, scope) = tpl.map_or(("", ""), |t| (c.name(t), c.scope(t)));
            Rec::new(checks)
                .escaped(id)
                .plain(name)
                .plain(scope)
                .dec(c.expected)
                .dec(c.actual)
                .plain(ok_str(c.ok))
                .end();
        }
    }
    if tables.has(6) {
        for d in &r.diags {
            Rec::new(diags)
                .escaped(id)
                .int(u64::from(d.line))
                .plain(d.level.as_str())
                .text(&inert(x, &d.message))
                .end();
        }
    }
    Ok(())
}

/// The cross-year checks as checks.csv rows: `report_id` is the later report,
/// `scope` names the column and both reports.
pub fn render_cross_year<'a>(
    cross: &[crate::model::checks::CrossCheck],
    id_of: &dyn Fn(u32) -> &'a str,
    excel: bool,
) -> crate::Result<Vec<u8>> {
    let mut buf = Vec::new();
    let id = |i: u32| id_of(i);
    for c in cross {
        let scope = format!("{}: {} -> {}", c.col, id(c.prev_index), id(c.index));
        let dec = |v: Option<i64>| v.map(crate::model::value::Decimal::int);
        Rec::new(&mut buf)
            .text(&inert(excel, id(c.index)))
            .text(&crate::grammar::common().carry.name)
            .text(&inert(excel, &scope))
            .dec(dec(c.expected))
            .dec(dec(c.actual))
            .text(ok_str(c.ok))
            .end();
    }
    Ok(buf)
}

/// What every report of one template writes the same way, worked out once: per
/// table and cell (row-major) its wide.csv column and its `section,item,row,col`
/// fields; per table and label its `section,item,axis,key` fields. Writing these
/// few million times field by field (each looked at for quoting) was the largest
/// cost of rendering.
#[derive(Clone)]
struct FixedTable {
    wide: Vec<Option<usize>>,
    cells: Vec<Vec<u8>>,
    rows: Vec<Vec<u8>>,
    cols: Vec<Vec<u8>>,
}

/// The fixed fields of every cell, row and column of `t`: worked out once for the
/// compiled-in templates; for a template loaded at run time (`--grammar`), for
/// each report (a loaded template is not keyed by id: it may reuse one).
fn fixed(t: &crate::grammar::Template) -> Option<std::borrow::Cow<'static, [FixedTable]>> {
    use std::borrow::Cow;
    static MAPS: std::sync::OnceLock<Vec<Vec<FixedTable>>> = std::sync::OnceLock::new();
    if !crate::grammar::Grammars::is_builtin(t) {
        return Some(Cow::Owned(fixed_of(t)));
    }
    let maps = MAPS.get_or_init(|| {
        crate::grammar::templates()
            .iter()
            .map(|tp| fixed_of(tp))
            .collect()
    });
    crate::grammar::templates()
        .iter()
        .position(|tp| std::ptr::eq(&**tp, t))
        .and_then(|i| maps.get(i))
        .map(|p| Cow::Borrowed(p.as_slice()))
}

fn fixed_of(tp: &crate::grammar::Template) -> Vec<FixedTable> {
    let cols = wide_columns();
    tp.tables
        .iter()
        .map(|table| {
            let fields = |a: &str, b: &str| {
                let mut out = Vec::new();
                Rec::new(&mut out)
                    .int(u64::from(table.section))
                    .text(&table.item)
                    .text(a)
                    .text(b);
                out
            };
            let n = table.cols.len();
            FixedTable {
                wide: (0..table.rows.len() * n)
                    .map(|k| {
                        let name = wide_name(table, k / n, k % n);
                        cols.iter().position(|c| *c == name)
                    })
                    .collect(),
                cells: (0..table.rows.len() * n)
                    .map(|k| fields(&table.rows[k / n].key, &table.cols[k % n].key))
                    .collect(),
                rows: table.rows.iter().map(|r| fields("row", &r.key)).collect(),
                cols: table.cols.iter().map(|c| fields("col", &c.key)).collect(),
            }
        })
        .collect()
}

/// The open output files of one run (`None` for a table not written).
pub struct Outputs {
    tmp: PathBuf,
    dir: PathBuf,
    excel: bool,
    headers: [u64; 7],
    files: Vec<Option<(PathBuf, BufWriter<File>)>>,
    /// Moved into place (or failed before): `Drop` leaves the folder alone.
    done: bool,
}

impl Outputs {
    /// Creates the temporary folder inside `dir`, opens the file of every table in
    /// `tables` in it and writes the headers.
    pub fn create(dir: &Path, excel: bool, tables: Tables) -> crate::Result<Outputs> {
        let tmp = crate::out::staging::partial_dir(dir)?;
        let mut files = Vec::new();
        let mut headers = [0u64; 7];
        for (i, name) in FILES.iter().enumerate() {
            if !tables.has(i) {
                files.push(None);
                continue;
            }
            let path = tmp.join(name);
            let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
            let mut buf = BufWriter::with_capacity(1 << 16, file);
            if excel {
                buf.write_all(b"\xef\xbb\xbf")
                    .map_err(|e| Error::io(&path, e))?;
            }
            let mut header = Vec::new();
            {
                let mut w = csv_into(&mut header);
                let r = if i == 4 {
                    w.write_record(wide_header())
                } else {
                    w.write_record(HEADERS[if i > 4 { i - 1 } else { i }])
                };
                r.map_err(|e| csv_err(&path, e))?;
                w.flush().map_err(|e| Error::io(&path, e))?;
            }
            buf.write_all(&header).map_err(|e| Error::io(&path, e))?;
            headers[i] = header.len() as u64 + if excel { 3 } else { 0 };
            files.push(Some((path, buf)));
        }
        Ok(Outputs {
            tmp,
            dir: dir.to_path_buf(),
            excel,
            headers,
            files,
            done: false,
        })
    }

    /// Bytes before the first row of each file (BOM and header).
    pub fn header_lengths(&self) -> [u64; 7] {
        self.headers
    }

    /// Whether text is made inert for spreadsheets.
    pub fn excel(&self) -> bool {
        self.excel
    }

    /// Appends rows to each file: `parts[i]` to file `i`.
    pub fn append_parts(&mut self, parts: [&[u8]; 7]) -> crate::Result<()> {
        for (file, bytes) in self.files.iter_mut().zip(parts) {
            if let Some((path, f)) = file {
                f.write_all(bytes)
                    .map_err(|e| Error::io(path.as_path(), e))?;
            }
        }
        Ok(())
    }

    fn file(&mut self, index: usize) -> crate::Result<&mut (PathBuf, BufWriter<File>)> {
        self.files
            .get_mut(index)
            .and_then(Option::as_mut)
            .ok_or_else(|| Error::Internal(format!("{} is not written in this run", FILES[index])))
    }

    /// Copies `n` bytes from `src` to file `index`. `std::io::copy` between files
    /// (through their buffers) copies in the kernel (`copy_file_range`) where it
    /// can: a rerun that keeps most rows moves gigabytes this way.
    pub fn copy_rows(
        &mut self,
        index: usize,
        src: &mut std::io::BufReader<File>,
        n: u64,
        src_path: &Path,
    ) -> crate::Result<()> {
        use std::io::Read;
        let (path, f) = self.file(index)?;
        let copied =
            std::io::copy(&mut src.take(n), f).map_err(|e| Error::io(path.as_path(), e))?;
        if copied != n {
            return Err(Error::Internal(format!(
                "{} is shorter than the last run left it: run again without --incremental",
                src_path.display()
            )));
        }
        Ok(())
    }

    /// Appends raw rows to the file at `index` of [`FILES`] (cross-report checks);
    /// nothing when that table is not written.
    pub fn append_to(&mut self, index: usize, bytes: &[u8]) -> crate::Result<()> {
        if let Some(Some((path, f))) = self.files.get_mut(index) {
            f.write_all(bytes)
                .map_err(|e| Error::io(path.as_path(), e))?;
        }
        Ok(())
    }

    /// Flushes every file and moves them into the output folder (see
    /// `move_into_place`). On any error `Drop` removes the temporary folder.
    pub fn finish(mut self) -> crate::Result<()> {
        // Flushed, not synced: the temporary folder and the rename protect the
        // previous outputs from an interrupted run; forcing a gigabyte of CSV to disk
        // before returning would cost seconds and protect only against power loss.
        for (path, w) in self.files.iter_mut().flatten() {
            w.flush().map_err(|e| Error::io(path.as_path(), e))?;
        }
        let (mut names, mut stale) = (Vec::new(), Vec::new());
        for (name, f) in FILES.iter().zip(&self.files) {
            match f {
                Some(_) => names.push(name.to_string()),
                None => stale.push(name.to_string()),
            }
        }
        self.files.clear();
        crate::out::staging::move_into_place(&self.tmp, &self.dir, &names, &stale)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Outputs {
    /// A run that failed or was interrupted leaves no half-written folder behind.
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

fn csv_err(path: &Path, source: csv::Error) -> Error {
    Error::Csv {
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The row writer writes what the csv crate writes, for any field text.
    fn same_as_csv_crate(fields: &[&str]) {
        let mut want = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        want.write_record(fields).expect("record");
        let want = want.into_inner().expect("flush");
        let mut got = Vec::new();
        let mut rec = Rec::new(&mut got);
        for f in fields {
            rec.text(f);
        }
        rec.end();
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want),
            "{fields:?}"
        );
    }

    #[test]
    fn escaping_matches_the_csv_crate() {
        same_as_csv_crate(&[
            "a",
            "b,c",
            "say \"hi\"",
            "two\nlines",
            "cr\r",
            " 0",
            "\u{a0}2",
            "",
        ]);
        same_as_csv_crate(&[
            "规章",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ]);
        same_as_csv_crate(&["=1+2", "'x", "\"", ",", "\t"]);
    }

    #[test]
    fn numbers() {
        let mut got = Vec::new();
        Rec::new(&mut got)
            .int(0)
            .int(1234567)
            .dec(Some(crate::model::value::Decimal {
                mantissa: -8,
                scale: 0,
            }))
            .dec(Some(crate::model::value::Decimal {
                mantissa: 375516617,
                scale: 1,
            }))
            .dec(None)
            .opt_int(None)
            .end();
        assert_eq!(got, b"0,1234567,-8,37551661.7,,\n");
    }

    proptest::proptest! {
        #[test]
        fn any_text_escapes_like_the_csv_crate(a in ".*", b in "[,\"\n\r a-z\u{4e00}-\u{4e10}]*") {
            same_as_csv_crate(&[&a, &b]);
        }
    }
}
