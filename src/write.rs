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
    value: String,
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
    expected: String,
    actual: String,
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

type Csv = csv::Writer<BufWriter<File>>;

/// The open output files of one run.
pub struct Outputs {
    tmp: PathBuf,
    dir: PathBuf,
    excel: bool,
    writers: Vec<(PathBuf, Csv)>,
}

impl Outputs {
    /// Creates the temporary folder inside `dir` and opens every file in it.
    pub fn create(dir: &Path, excel: bool) -> crate::Result<Outputs> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let tmp = dir.join(format!(".zfxxgk-partial-{}", std::process::id()));
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
        }
        std::fs::create_dir(&tmp).map_err(|e| Error::io(&tmp, e))?;
        let mut writers = Vec::new();
        for name in FILES {
            let path = tmp.join(name);
            let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
            let mut buf = BufWriter::with_capacity(1 << 16, file);
            if excel {
                buf.write_all(b"\xef\xbb\xbf")
                    .map_err(|e| Error::io(&path, e))?;
            }
            let w = csv::WriterBuilder::new().has_headers(true).from_writer(buf);
            writers.push((path, w));
        }
        let mut out = Outputs {
            tmp,
            dir: dir.to_path_buf(),
            excel,
            writers,
        };
        out.wide_header()?;
        Ok(out)
    }

    fn wide_header(&mut self) -> crate::Result<()> {
        let (path, w) = &mut self.writers[4];
        let mut header: Vec<&str> = vec!["report_id", "template", "year", "organ"];
        header.extend(wide_columns().iter().map(String::as_str));
        w.write_record(&header).map_err(|e| csv_err(path, e))
    }

    /// Writes every row of one report.
    pub fn write(&mut self, r: &Report) -> crate::Result<()> {
        let x = self.excel;
        let id = inert(x, &r.report_id);
        let template = r.template.map_or("", |t| t.id.as_str());
        {
            let (path, w) = &mut self.writers[0];
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
            .map_err(|e| csv_err(path, e))?;
        }
        let tpl = r.reading_template;
        let mut wide: Vec<String> = Vec::new();
        if let Some(t) = tpl {
            let cols = wide_columns();
            wide = vec![String::new(); cols.len()];
            let (path, w) = &mut self.writers[1];
            for (ti, ri, ci, slot) in r.cells() {
                let table = &t.tables[ti];
                let (row, col) = (&table.rows[ri], &table.cols[ci]);
                let unit = slot
                    .and_then(|s| s.unit)
                    .or(r.tables.tables[ti].col_units[ci])
                    .or(col.unit)
                    .map_or("", |u| u.as_str());
                let value = slot
                    .and_then(|s| s.value.filter(|_| s.state.has_value()))
                    .map(|v| v.to_string())
                    .unwrap_or_default();
                let raw = slot.map_or("", |s| r.text.get(s.raw.0..s.raw.1).unwrap_or(""));
                if let Some(pos) = cols.iter().position(|c| *c == wide_name(table, ri, ci)) {
                    wide[pos].clone_from(&value);
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
                .map_err(|e| csv_err(path, e))?;
            }
            let (path, w) = &mut self.writers[2];
            let mut labels: Vec<_> = r.tables.labels.iter().collect();
            // Template order: table, then rows before columns, then index.
            labels.sort_by_key(|l| (l.table, l.axis == crate::template::Axis::Col, l.index));
            for l in labels {
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
                .map_err(|e| csv_err(path, e))?;
            }
        }
        {
            let (path, w) = &mut self.writers[3];
            for n in &r.narratives {
                w.serialize(SectionRow {
                    report_id: id.clone(),
                    section: n.number,
                    heading: inert(x, &n.heading),
                    text: inert(x, r.text.get(n.range.0..n.range.1).unwrap_or("")),
                })
                .map_err(|e| csv_err(path, e))?;
            }
        }
        {
            let (path, w) = &mut self.writers[4];
            let mut rec: Vec<&str> = Vec::with_capacity(4 + wide.len());
            let year = r.meta.year.map(|y| y.to_string()).unwrap_or_default();
            let organ = inert(x, r.meta.organ.as_deref().unwrap_or(""));
            rec.push(&id);
            rec.push(template);
            rec.push(&year);
            rec.push(&organ);
            if wide.is_empty() {
                rec.extend(std::iter::repeat("").take(wide_columns().len()));
            } else {
                rec.extend(wide.iter().map(String::as_str));
            }
            w.write_record(&rec).map_err(|e| csv_err(path, e))?;
        }
        {
            let (path, w) = &mut self.writers[5];
            for c in &r.checks {
                w.serialize(CheckRow {
                    report_id: id.clone(),
                    check: &c.check,
                    scope: &c.scope,
                    expected: c.expected.map(|v| v.to_string()).unwrap_or_default(),
                    actual: c.actual.map(|v| v.to_string()).unwrap_or_default(),
                    ok: match c.ok {
                        Some(true) => "true",
                        Some(false) => "false",
                        None => "",
                    },
                })
                .map_err(|e| csv_err(path, e))?;
            }
        }
        {
            let (path, w) = &mut self.writers[6];
            for d in &r.diags {
                w.serialize(DiagRow {
                    report_id: id.clone(),
                    line: d.line,
                    level: d.level.as_str(),
                    message: inert(x, &d.message),
                })
                .map_err(|e| csv_err(path, e))?;
            }
        }
        Ok(())
    }

    /// Flushes every file and moves them into the output folder.
    pub fn finish(mut self) -> crate::Result<()> {
        for (path, w) in &mut self.writers {
            w.flush().map_err(|e| Error::io(path.as_path(), e))?;
        }
        let writers = std::mem::take(&mut self.writers);
        for (path, w) in writers {
            let buf = w
                .into_inner()
                .map_err(|e| Error::io(&path, e.into_error()))?;
            let file = buf
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
        if !self.writers.is_empty() {
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
