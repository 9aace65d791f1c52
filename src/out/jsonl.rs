//! Reports → JSON Lines (`--format jsonl`): one JSON object per report, for
//! pipelines that would rather not join seven CSV files back together.
//!
//! The object holds what reports.csv, cells.csv, checks.csv and diagnostics.csv
//! hold for the report, with the cells nested by canonical keys:
//!
//! ```text
//! {"report_id": …, "status": …, "template": …, …, "message": …,
//!  "tables": {"2": {"20.1": {"regulation": {"made": {"value": 0, "state": "number",
//!                                                     "raw": "0", "line": 21, "unit": "件"}}}},
//!             "3": {"new": {"natural_person": {…}}}, "4": {"review": {"upheld": {…}}}},
//!  "checks": [{"check_name": "s3_balance", "scope": "natural_person", "expected": 2,
//!              "actual": 2, "ok": true}, …],
//!  "diagnostics": [{"line": 0, "level": "warning", "message": …}, …]}
//! ```
//!
//! Keys come in template order and every object is built from ordered vectors, not
//! hash maps, so the bytes are the same on every run. Values are JSON numbers written
//! with exactly the digits cells.csv has (`37551661.7`, `-8`): the decimal is printed
//! as it was read, never through a binary float, so nothing is rounded on the way
//! out (a reader that parses numbers as floats may still round what it reads).
//! Whatever is absent is `null` (a blank or `/` cell has `value: null` and its own
//! `state`; it is never 0).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::value::RawValue;

use crate::parse::report::Report;
use crate::Error;

/// The file written into the output folder.
pub const FILE: &str = "reports.jsonl";

/// Writes one report as one line of JSON (the line ends with `\n`).
pub fn write_report<W: Write>(w: &mut W, r: &Report) -> io::Result<()> {
    serde_json::to_writer(&mut *w, &ReportJson::new(r))?;
    w.write_all(b"\n")
}

/// A JSON object whose keys keep the order they were pushed in (serde_json's own
/// `Map` sorts them unless a crate feature is switched on for the whole build).
struct Ordered<'a, V>(Vec<(&'a str, V)>);

impl<V> Default for Ordered<'_, V> {
    fn default() -> Self {
        Ordered(Vec::new())
    }
}

impl<'a, V: Default> Ordered<'a, V> {
    /// The value under `key`, appended when the last key is another one. Cells come
    /// in template order, so the cells of a row (and the rows of an item) are
    /// contiguous and comparing with the last key is enough.
    fn entry(&mut self, key: &'a str) -> &mut V {
        if self.0.last().map(|(k, _)| *k) != Some(key) {
            self.0.push((key, V::default()));
        }
        let last = self.0.len() - 1;
        &mut self.0[last].1
    }
}

impl<V> Ordered<'_, V> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V: Serialize> Serialize for Ordered<'_, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// One cell: the columns of cells.csv that are not keys.
#[derive(Serialize)]
struct CellJson<'a> {
    value: Option<Number>,
    state: &'static str,
    raw: Option<&'a str>,
    line: Option<u32>,
    unit: Option<&'static str>,
}

/// row → col → cell.
type Rows<'a> = Ordered<'a, Ordered<'a, CellJson<'a>>>;

/// The three sections; a section with no cell (unknown template: only 四 is read)
/// is left out.
#[derive(Serialize, Default)]
struct TablesJson<'a> {
    #[serde(rename = "2", skip_serializing_if = "Ordered::is_empty")]
    s2: Ordered<'a, Rows<'a>>,
    #[serde(rename = "3", skip_serializing_if = "Ordered::is_empty")]
    s3: Rows<'a>,
    #[serde(rename = "4", skip_serializing_if = "Ordered::is_empty")]
    s4: Rows<'a>,
}

#[derive(Serialize)]
struct CheckJson<'a> {
    check_name: &'a str,
    scope: &'a str,
    expected: Option<Number>,
    actual: Option<Number>,
    ok: Option<bool>,
}

#[derive(Serialize)]
struct DiagJson<'a> {
    line: u32,
    level: &'static str,
    message: &'a str,
}

/// The columns of reports.csv, then the report's cells, checks and diagnostics.
#[derive(Serialize)]
struct ReportJson<'a> {
    report_id: &'a str,
    status: &'static str,
    template: Option<&'a str>,
    year: Option<u16>,
    organ: Option<&'a str>,
    issuer: Option<&'a str>,
    report_date: Option<String>,
    encoding: Option<&'static str>,
    layout: Option<&'a str>,
    format: &'static str,
    published: Option<String>,
    cells: usize,
    checks_failed: usize,
    message: Option<&'a str>,
    tables: TablesJson<'a>,
    checks: Vec<CheckJson<'a>>,
    diagnostics: Vec<DiagJson<'a>>,
}

/// A decimal as a JSON number with its printed digits (`Decimal`'s `Display`:
/// `37551661.7`, `-8`, `0.05`, always valid JSON).
struct Number(crate::model::value::Decimal);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        RawValue::from_string(self.0.to_string())
            .map_err(serde::ser::Error::custom)?
            .serialize(s)
    }
}

fn non_empty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

impl<'a> ReportJson<'a> {
    fn new(r: &'a Report) -> ReportJson<'a> {
        ReportJson {
            report_id: &r.report_id,
            status: r.status.as_str(),
            template: r.template.as_ref().map(|t| t.id.as_str()),
            year: r.meta.year,
            organ: r.meta.organ.as_deref(),
            issuer: r.meta.issuer.as_deref(),
            report_date: r.report_date_iso(),
            encoding: r.encoding,
            layout: non_empty(&r.layout),
            format: r.format.as_str(),
            published: r
                .meta
                .published
                .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
            cells: r.cells_read(),
            checks_failed: r.checks_failed(),
            message: non_empty(&r.message),
            tables: tables(r),
            checks: r
                .checks
                .iter()
                .map(|c| CheckJson {
                    // Checks run only with a template.
                    check_name: r.reading_template.as_deref().map_or("", |t| c.name(t)),
                    scope: r.reading_template.as_deref().map_or("", |t| c.scope(t)),
                    expected: c.expected.map(Number),
                    actual: c.actual.map(Number),
                    ok: c.ok,
                })
                .collect(),
            diagnostics: r
                .diags
                .iter()
                .map(|d| DiagJson {
                    line: d.line,
                    level: d.level.as_str(),
                    message: &d.message,
                })
                .collect(),
        }
    }
}

/// The cells of [`Report::cells`], nested section → (item →) row → col. Value and
/// unit follow the same rules as cells.csv (a test holds the two together): the
/// unit printed in the cell, else in the column header, else the template's.
fn tables(r: &Report) -> TablesJson<'_> {
    let mut out = TablesJson::default();
    let Some(t) = r.reading_template.as_deref() else {
        return out;
    };
    for (ti, ri, ci, slot) in r.cells() {
        let table = &t.tables[ti];
        let rows = match table.section {
            2 => out.s2.entry(&table.item),
            3 => &mut out.s3,
            _ => &mut out.s4,
        };
        let unit = r.cell_unit(ti, ci, slot).map(|u| u.as_str());
        let cell = match slot {
            Some(s) => CellJson {
                value: s.value.filter(|_| s.state.has_value()).map(Number),
                state: s.state.as_str(),
                raw: Some(r.text.get(s.raw.0..s.raw.1).unwrap_or("")),
                line: Some(s.line),
                unit,
            },
            None => CellJson {
                value: None,
                state: crate::parse::template::State::Missing.as_str(),
                raw: None,
                line: None,
                unit,
            },
        };
        rows.entry(&table.rows[ri].key)
            .0
            .push((&table.cols[ci].key, cell));
    }
    out
}

/// Where the JSON lines go: a file renamed into the output folder when the run
/// completes (the same scheme as the CSV files, so an interrupted run leaves the
/// previous reports.jsonl as it was), or standard output.
pub struct Output {
    w: BufWriter<Box<dyn Write + Send>>,
    /// Temporary folder, final folder and file path; `None` for standard output.
    file: Option<(PathBuf, PathBuf, PathBuf)>,
}

impl Output {
    /// Creates `dir/.zfxxgk-partial-PID/reports.jsonl`.
    pub fn create(dir: &Path) -> crate::Result<Output> {
        let tmp = crate::out::staging::partial_dir(dir)?;
        let path = tmp.join(FILE);
        let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
        Ok(Output {
            w: BufWriter::with_capacity(1 << 16, Box::new(file)),
            file: Some((tmp, dir.to_path_buf(), path)),
        })
    }

    /// Writes to standard output: one line per report as soon as its chunk is done.
    pub fn stdout() -> Output {
        Output {
            w: BufWriter::with_capacity(1 << 16, Box::new(io::stdout())),
            file: None,
        }
    }

    fn path(&self) -> PathBuf {
        match &self.file {
            Some((_, _, p)) => p.clone(),
            None => PathBuf::from("standard output"),
        }
    }

    /// The error of a failed write: standard output closed by its reader
    /// (`| head`) is [`Error::OutputClosed`], not a failure.
    fn failed(&self, e: io::Error) -> Error {
        if self.file.is_none() && e.kind() == io::ErrorKind::BrokenPipe {
            return Error::OutputClosed;
        }
        Error::io(self.path(), e)
    }

    /// Appends bytes already rendered with [`write_report`].
    pub fn append(&mut self, bytes: &[u8]) -> crate::Result<()> {
        self.w.write_all(bytes).map_err(|e| self.failed(e))
    }

    /// Flushes, and moves the file into the output folder.
    pub fn finish(mut self) -> crate::Result<()> {
        // Flush explicitly: BufWriter's Drop swallows the error.
        self.w.flush().map_err(|e| self.failed(e))?;
        // Kept in `self.file` until moved, so that on an error `Drop` still
        // removes the temporary folder.
        let Some((tmp, dir, path)) = self.file.clone() else {
            return Ok(());
        };
        debug_assert_eq!(path, tmp.join(FILE));
        crate::out::staging::move_into_place(&tmp, &dir, &[FILE.to_string()], &[])?;
        self.file = None;
        Ok(())
    }
}

impl Drop for Output {
    /// A run that failed or was interrupted leaves no half-written folder behind.
    fn drop(&mut self) {
        if let Some((tmp, _, _)) = &self.file {
            let _ = std::fs::remove_dir_all(tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(r: &Report) -> String {
        let mut buf = Vec::new();
        write_report(&mut buf, r).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn an_unreadable_file_is_one_line_of_nulls() {
        let r = Report::unreadable("a/b.txt", "The file could not be read.");
        assert_eq!(
            line(&r),
            r#"{"report_id":"a/b.txt","status":"unreadable","template":null,"year":null,"organ":null,"issuer":null,"report_date":null,"encoding":null,"layout":null,"format":"txt","published":null,"cells":0,"checks_failed":0,"message":"The file could not be read.","tables":{},"checks":[],"diagnostics":[]}"#.to_string() + "\n"
        );
    }

    #[test]
    fn keys_keep_the_order_they_were_pushed_in() {
        let mut o: Ordered<'_, Ordered<'_, u8>> = Ordered::default();
        o.entry("z").0.push(("b", 1));
        o.entry("z").0.push(("a", 2));
        o.entry("a").0.push(("c", 3));
        assert_eq!(
            serde_json::to_string(&o).unwrap(),
            r#"{"z":{"b":1,"a":2},"a":{"c":3}}"#
        );
    }

    /// Numbers go out with the digits they were printed with: none passes through
    /// a float (0.1 + 0.2 style digits, 17 significant digits, a negative fraction).
    #[test]
    fn numbers_keep_their_digits() {
        let d = |mantissa, scale| crate::model::value::Decimal { mantissa, scale };
        for (v, want) in [
            (d(375_516_617, 1), "37551661.7"),
            (d(-8, 0), "-8"),
            (d(-5, 2), "-0.05"),
            (d(12_345_678_901_234_567, 2), "123456789012345.67"),
            (d(i64::MAX, 0), "9223372036854775807"),
        ] {
            assert_eq!(serde_json::to_string(&Number(v)).unwrap(), want);
        }
    }

    #[test]
    fn text_that_is_not_a_report_has_no_tables() {
        let r = crate::parse_report("n.txt", "关于召开会议的通知\n各科室：\n".as_bytes());
        let v: serde_json::Value = serde_json::from_str(&line(&r)).unwrap();
        assert_eq!(v["status"], "not_report");
        assert_eq!(v["tables"], serde_json::json!({}));
        assert_eq!(v["encoding"], "utf-8");
    }
}
