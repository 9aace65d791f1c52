//! Reports → CSV files (../shared/spec/output-contract.md), written in a temporary
//! folder inside the output folder and renamed into place only when the run is
//! complete, so a killed run leaves the previous outputs as they were.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::grammar::{wide_columns, wide_name};

use crate::report::Report;
use crate::Error;

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

#[derive(Serialize)]
struct ReportRow<'a> {
    report_id: Cow<'a, str>,
    status: &'a str,
    template: &'a str,
    year: Option<u16>,
    organ: Cow<'a, str>,
    issuer: Cow<'a, str>,
    report_date: String,
    encoding: &'a str,
    layout: &'a str,
    cells: usize,
    checks_failed: usize,
    message: Cow<'a, str>,
}

#[derive(Serialize)]
struct CellRow<'a> {
    report_id: Cow<'a, str>,
    section: u8,
    item: &'a str,
    row: &'a str,
    col: &'a str,
    value: Dec,
    unit: &'a str,
    state: &'a str,
    raw: Cow<'a, str>,
    line: Option<u32>,
}

#[derive(Serialize)]
struct LabelRow<'a> {
    report_id: Cow<'a, str>,
    section: u8,
    item: &'a str,
    axis: &'a str,
    key: &'a str,
    label: Cow<'a, str>,
    line: u32,
}

#[derive(Serialize)]
struct SectionRow<'a> {
    report_id: Cow<'a, str>,
    section: u8,
    heading: Cow<'a, str>,
    text: Cow<'a, str>,
}

#[derive(Serialize)]
struct CheckRow<'a> {
    report_id: Cow<'a, str>,
    check: &'a str,
    scope: &'a str,
    expected: Dec,
    actual: Dec,
    ok: &'a str,
}

#[derive(Serialize)]
struct DiagRow<'a> {
    report_id: Cow<'a, str>,
    line: u32,
    level: &'a str,
    message: Cow<'a, str>,
}

/// Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is
/// made inert with a leading apostrophe; numbers stay as they are.
fn inert(excel: bool, s: &str) -> Cow<'_, str> {
    if excel
        && s.starts_with(['=', '+', '-', '@'])
        && crate::value::Decimal::parse_plain(s).is_none()
    {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// The header of each file, in [`FILES`] order. The row structs above serialise to
/// exactly these names (a test keeps them in step); the wide.csv header is built
/// from the templates.
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
    &["report_id", "check", "scope", "expected", "actual", "ok"],
    &["report_id", "line", "level", "message"],
];

/// One report's rows, rendered as CSV bytes (no header), one buffer per file in
/// [`FILES`] order. Rendering is the costly part of writing, so the pipeline does
/// it on every core and leaves only the copying to the single writer.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub files: [Vec<u8>; 7],
}

/// A CSV writer into a byte buffer: no header, small own buffer.
fn csv_into(buf: &mut Vec<u8>) -> csv::Writer<&mut Vec<u8>> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .buffer_capacity(4096)
        .from_writer(buf)
}

fn mem_err(e: impl std::fmt::Display) -> Error {
    Error::Usage(format!("rendering CSV in memory failed: {e}"))
}

/// A plain decimal on the stack, serialised as a string without allocating.
struct Dec([u8; 40], usize);

impl Dec {
    fn new(v: Option<crate::value::Decimal>) -> Dec {
        use std::io::Write as _;
        let mut d = Dec([0; 40], 0);
        if let Some(v) = v {
            let mut cur = std::io::Cursor::new(&mut d.0[..]);
            if write!(cur, "{v}").is_ok() {
                d.1 = cur.position() as usize;
            }
        }
        d
    }
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0[..self.1]).unwrap_or("")
    }
}

impl Serialize for Dec {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Renders every row of one report.
pub fn render(r: &Report, excel: bool) -> crate::Result<Rendered> {
    let mut out = Rendered::default();
    let x = excel;
    let id = inert(x, &r.report_id);
    let template = r.template.map_or("", |t| t.id.as_str());
    let [reports, cells, labels, sections, wide, checks, diags] = &mut out.files;
    {
        let mut w = csv_into(reports);
        w.serialize(ReportRow {
            report_id: id.clone(),
            status: r.status.as_str(),
            template,
            year: r.meta.year,
            organ: inert(x, r.meta.organ.as_deref().unwrap_or("")),
            issuer: inert(x, r.meta.issuer.as_deref().unwrap_or("")),
            report_date: r
                .meta
                .report_date
                .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
                .unwrap_or_default(),
            encoding: r.encoding.unwrap_or(""),
            layout: &r.layout,
            cells: r.cells_read(),
            checks_failed: r.checks_failed(),
            message: inert(x, &r.message),
        })
        .map_err(mem_err)?;
        w.flush().map_err(mem_err)?;
    }
    let cols = wide_columns();
    let mut wide_vals: Vec<Dec> = Vec::new();
    if let Some(t) = r.reading_template {
        wide_vals = (0..cols.len()).map(|_| Dec::new(None)).collect();
        let mut w = csv_into(cells);
        for (ti, ri, ci, slot) in r.cells() {
            let table = &t.tables[ti];
            let (row, col) = (&table.rows[ri], &table.cols[ci]);
            let unit = slot
                .and_then(|s| s.unit)
                .or(r.tables.tables[ti].col_units[ci])
                .or(col.unit)
                .map_or("", |u| u.as_str());
            let value = Dec::new(slot.and_then(|s| s.value.filter(|_| s.state.has_value())));
            let raw = slot.map_or("", |s| r.text.get(s.raw.0..s.raw.1).unwrap_or(""));
            if let Some(pos) = wide_position(t, ti, ri, ci) {
                wide_vals[pos] =
                    Dec::new(slot.and_then(|s| s.value.filter(|_| s.state.has_value())));
            }
            w.serialize(CellRow {
                report_id: id.clone(),
                section: table.section,
                item: &table.item,
                row: &row.key,
                col: &col.key,
                value,
                unit,
                state: slot.map_or("missing", |s| s.state.as_str()),
                raw: inert(x, raw),
                line: slot.map(|s| s.line),
            })
            .map_err(mem_err)?;
        }
        w.flush().map_err(mem_err)?;
        drop(w);
        let mut w = csv_into(labels);
        let mut ls: Vec<_> = r.tables.labels.iter().collect();
        // Template order: table, then rows before columns, then index.
        ls.sort_by_key(|l| (l.table, l.axis == crate::template::Axis::Col, l.index));
        for l in ls {
            let table = &t.tables[l.table];
            let key = match l.axis {
                crate::template::Axis::Row => &table.rows[l.index].key,
                crate::template::Axis::Col => &table.cols[l.index].key,
            };
            w.serialize(LabelRow {
                report_id: id.clone(),
                section: table.section,
                item: &table.item,
                axis: l.axis.as_str(),
                key,
                label: inert(x, &l.text),
                line: l.line,
            })
            .map_err(mem_err)?;
        }
        w.flush().map_err(mem_err)?;
    }
    {
        let mut w = csv_into(sections);
        for n in &r.narratives {
            w.serialize(SectionRow {
                report_id: id.clone(),
                section: n.number,
                heading: inert(x, &n.heading),
                text: inert(x, r.text.get(n.range.0..n.range.1).unwrap_or("")),
            })
            .map_err(mem_err)?;
        }
        w.flush().map_err(mem_err)?;
    }
    {
        let mut w = csv_into(wide);
        let year = r.meta.year.map(|y| y.to_string()).unwrap_or_default();
        let organ = inert(x, r.meta.organ.as_deref().unwrap_or(""));
        w.write_field(id.as_bytes()).map_err(mem_err)?;
        w.write_field(template).map_err(mem_err)?;
        w.write_field(&year).map_err(mem_err)?;
        w.write_field(organ.as_bytes()).map_err(mem_err)?;
        for i in 0..cols.len() {
            w.write_field(wide_vals.get(i).map_or("", Dec::as_str))
                .map_err(mem_err)?;
        }
        w.write_record(None::<&[u8]>).map_err(mem_err)?;
        w.flush().map_err(mem_err)?;
    }
    {
        let mut w = csv_into(checks);
        for c in &r.checks {
            w.serialize(CheckRow {
                report_id: id.clone(),
                check: &c.check,
                scope: &c.scope,
                expected: Dec::new(c.expected),
                actual: Dec::new(c.actual),
                ok: match c.ok {
                    Some(true) => "true",
                    Some(false) => "false",
                    None => "",
                },
            })
            .map_err(mem_err)?;
        }
        w.flush().map_err(mem_err)?;
    }
    {
        let mut w = csv_into(diags);
        for d in &r.diags {
            w.serialize(DiagRow {
                report_id: id.clone(),
                line: d.line,
                level: d.level.as_str(),
                message: inert(x, &d.message),
            })
            .map_err(mem_err)?;
        }
        w.flush().map_err(mem_err)?;
    }
    Ok(out)
}

/// The cross-year checks as checks.csv rows: `report_id` is the later report,
/// `scope` names the column and both reports.
pub fn render_cross_year(
    cross: &[crate::crossyear::CrossCheck],
    inputs: &[crate::discover::Input],
    excel: bool,
) -> crate::Result<Vec<u8>> {
    let mut buf = Vec::new();
    {
        let mut w = csv_into(&mut buf);
        let id = |i: u32| inputs.get(i as usize).map_or("", |x| x.report_id.as_str());
        for c in cross {
            let scope = format!("{}: {} -> {}", c.col, id(c.prev_index), id(c.index));
            let dec = |v: Option<i64>| Dec::new(v.map(crate::value::Decimal::int));
            w.serialize(CheckRow {
                report_id: inert(excel, id(c.index)),
                check: "cross_year_carry",
                scope: &scope,
                expected: dec(c.expected),
                actual: dec(c.actual),
                ok: match c.ok {
                    Some(true) => "true",
                    Some(false) => "false",
                    None => "",
                },
            })
            .map_err(mem_err)?;
        }
        w.flush().map_err(mem_err)?;
    }
    Ok(buf)
}

/// The wide.csv position of a cell of template `t`, looked up once per template.
fn wide_position(t: &crate::grammar::Template, ti: usize, ri: usize, ci: usize) -> Option<usize> {
    /// Per template id, per table, per cell: the wide.csv column.
    type Positions = Vec<(String, Vec<Vec<Option<usize>>>)>;
    static MAPS: std::sync::OnceLock<Positions> = std::sync::OnceLock::new();
    let maps = MAPS.get_or_init(|| {
        let cols = wide_columns();
        crate::grammar::templates()
            .iter()
            .map(|tp| {
                let per_table = tp
                    .tables
                    .iter()
                    .map(|table| {
                        (0..table.rows.len() * table.cols.len())
                            .map(|k| {
                                let name =
                                    wide_name(table, k / table.cols.len(), k % table.cols.len());
                                cols.iter().position(|c| *c == name)
                            })
                            .collect()
                    })
                    .collect();
                (tp.id.clone(), per_table)
            })
            .collect()
    });
    let (_, per_table) = maps.iter().find(|(id, _)| *id == t.id)?;
    let table = &t.tables[ti];
    *per_table.get(ti)?.get(ri * table.cols.len() + ci)?
}

/// Removes the temporary folders of runs that were killed (their process is gone),
/// so they do not pile up. A folder of a run still going on is left alone.
pub fn remove_stale_partials(dir: &Path) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(".zfxxgk-partial-"))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        // Where /proc cannot tell, every other run counts as alive.
        let alive = pid == std::process::id()
            || !cfg!(target_os = "linux")
            || Path::new(&format!("/proc/{pid}")).exists();
        if !alive {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// The open output files of one run.
pub struct Outputs {
    tmp: PathBuf,
    dir: PathBuf,
    excel: bool,
    headers: [u64; 7],
    files: Vec<(PathBuf, BufWriter<File>)>,
}

impl Outputs {
    /// Creates the temporary folder inside `dir`, opens every file in it and writes
    /// the headers.
    pub fn create(dir: &Path, excel: bool) -> crate::Result<Outputs> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        remove_stale_partials(dir);
        let tmp = dir.join(format!(".zfxxgk-partial-{}", std::process::id()));
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
        }
        std::fs::create_dir(&tmp).map_err(|e| Error::io(&tmp, e))?;
        let mut files = Vec::new();
        let mut headers = [0u64; 7];
        for (i, name) in FILES.iter().enumerate() {
            let path = tmp.join(name);
            let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
            let mut buf = BufWriter::with_capacity(1 << 18, file);
            if excel {
                buf.write_all(b"\xef\xbb\xbf")
                    .map_err(|e| Error::io(&path, e))?;
            }
            let mut header = Vec::new();
            {
                let mut w = csv_into(&mut header);
                let r = if i == 4 {
                    let mut h: Vec<&str> = vec!["report_id", "template", "year", "organ"];
                    h.extend(wide_columns().iter().map(String::as_str));
                    w.write_record(&h)
                } else {
                    w.write_record(HEADERS[if i > 4 { i - 1 } else { i }])
                };
                r.map_err(|e| csv_err(&path, e))?;
                w.flush().map_err(|e| Error::io(&path, e))?;
            }
            buf.write_all(&header).map_err(|e| Error::io(&path, e))?;
            headers[i] = header.len() as u64 + if excel { 3 } else { 0 };
            files.push((path, buf));
        }
        Ok(Outputs {
            tmp,
            dir: dir.to_path_buf(),
            excel,
            headers,
            files,
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

    /// Appends one rendered report.
    pub fn append(&mut self, r: &Rendered) -> crate::Result<()> {
        for ((path, f), bytes) in self.files.iter_mut().zip(&r.files) {
            f.write_all(bytes)
                .map_err(|e| Error::io(path.as_path(), e))?;
        }
        Ok(())
    }

    /// Renders and appends one report.
    pub fn write(&mut self, r: &Report) -> crate::Result<()> {
        let rendered = render(r, self.excel)?;
        self.append(&rendered)
    }

    /// Appends raw rows to the file at `index` of [`FILES`] (cross-report checks).
    pub fn append_to(&mut self, index: usize, bytes: &[u8]) -> crate::Result<()> {
        let (path, f) = &mut self.files[index];
        f.write_all(bytes).map_err(|e| Error::io(path.as_path(), e))
    }

    /// Flushes every file and moves them into the output folder.
    pub fn finish(mut self) -> crate::Result<()> {
        let files = std::mem::take(&mut self.files);
        for (path, w) in files {
            let file = w
                .into_inner()
                .map_err(|e| Error::io(&path, e.into_error()))?;
            file.sync_all().map_err(|e| Error::io(&path, e))?;
        }
        for name in FILES {
            let from = self.tmp.join(name);
            let to = self.dir.join(name);
            std::fs::rename(&from, &to).map_err(|e| Error::io(&to, e))?;
        }
        std::fs::remove_dir(&self.tmp).map_err(|e| Error::io(&self.tmp, e))?;
        Ok(())
    }
}

impl Drop for Outputs {
    /// A run that failed or was interrupted leaves no half-written folder behind.
    fn drop(&mut self) {
        if !self.files.is_empty() {
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

    /// The fixed headers are exactly what the row structs serialise to.
    #[test]
    fn headers_match_row_structs() {
        fn header_of<T: Serialize>(row: T) -> Vec<String> {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.serialize(row).expect("serialise");
            let bytes = w.into_inner().expect("flush");
            let text = String::from_utf8(bytes).expect("utf-8");
            text.lines()
                .next()
                .expect("header")
                .split(',')
                .map(String::from)
                .collect()
        }
        let c = Cow::Borrowed("");
        let h = [
            header_of(ReportRow {
                report_id: c.clone(),
                status: "",
                template: "",
                year: None,
                organ: c.clone(),
                issuer: c.clone(),
                report_date: String::new(),
                encoding: "",
                layout: "",
                cells: 0,
                checks_failed: 0,
                message: c.clone(),
            }),
            header_of(CellRow {
                report_id: c.clone(),
                section: 0,
                item: "",
                row: "",
                col: "",
                value: Dec::new(None),
                unit: "",
                state: "",
                raw: c.clone(),
                line: None,
            }),
            header_of(LabelRow {
                report_id: c.clone(),
                section: 0,
                item: "",
                axis: "",
                key: "",
                label: c.clone(),
                line: 0,
            }),
            header_of(SectionRow {
                report_id: c.clone(),
                section: 0,
                heading: c.clone(),
                text: c.clone(),
            }),
            header_of(CheckRow {
                report_id: c.clone(),
                check: "",
                scope: "",
                expected: Dec::new(None),
                actual: Dec::new(None),
                ok: "",
            }),
            header_of(DiagRow {
                report_id: c.clone(),
                line: 0,
                level: "",
                message: c,
            }),
        ];
        for (got, want) in h.iter().zip(HEADERS) {
            assert_eq!(got, want);
        }
    }
}
