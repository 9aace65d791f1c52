//! Reports → Parquet files (`--format parquet`): one file per output table, with
//! the columns of the CSV files and real types, for pandas, polars, DuckDB and R.
//!
//! * Numbers of the tables (`value`, `expected`, `actual`, the cells of wide) are
//!   `DECIMAL(38, 12)`: every value the cell grammar accepts (an `i64` mantissa with
//!   at most 12 decimals, see `Decimal::parse_plain`) is held exactly, so a sum in
//!   DuckDB or polars is the sum of what was printed. The money columns of wide,
//!   in 万元 (a value printed in 元 moves the point four places), are
//!   `DECIMAL(38, 16)`.
//! * `line`, `cells`, `checks_failed` are `INT64`; `section` and `year` `INT32`;
//!   `report_date` and `published` `DATE`s; `ok` a `BOOLEAN`; everything else UTF-8 text. Text the
//!   CSV files leave empty because it is absent (an item of sections 3 and 4, a
//!   unit, the raw text of a missing cell) is null.
//! * Every column is dictionary-encoded where that pays (`report_id`, keys,
//!   states, units, repeated values; the parquet crate falls back to plain pages
//!   when a dictionary grows past its limit) and zstd-compressed.
//!
//! The pipeline's blocks of reports are the row groups: a worker fills a block's
//! columns, encodes and compresses them ([`encode_block`], on every core), and the
//! writer only appends the finished column chunks in input order. Blocks are fixed
//! ranges of the sorted inputs, so the bytes are the same whatever the number of
//! threads, and memory holds a few blocks, not the archive.
//!
//! This uses the parquet crate without arrow (`default-features = false`, zstd
//! only): the columns are few and flat, and the arrow crates would add a third to
//! the build for nothing these files need.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use ::parquet::basic::{Compression, LogicalType, Repetition, Type as Physical, ZstdLevel};
use ::parquet::column::writer::{get_column_writer, ColumnCloseResult, ColumnWriter};
use ::parquet::data_type::{ByteArray, FixedLenByteArray};
use ::parquet::file::properties::{EnabledStatistics, WriterProperties, WriterPropertiesPtr};
use ::parquet::file::writer::{SerializedFileWriter, SerializedPageWriter, TrackedWrite};
use ::parquet::schema::types::{ColumnPath, SchemaDescriptor, Type, TypePtr};
use bytes::Bytes;

use crate::grammar::{wide_columns, WIDE_META};
use crate::model::value::{Decimal, Unit};
use crate::out::csv::wan_yuan;
use crate::out::sink::Tables;
use crate::parse::report::Report;
use crate::Error;

/// The files written, in the order of the CSV files (`crate::out::csv::FILES`).
pub const FILES: [&str; 7] = [
    "reports.parquet",
    "cells.parquet",
    "labels.parquet",
    "sections.parquet",
    "wide.parquet",
    "checks.parquet",
    "diagnostics.parquet",
];

/// Decimals of the number columns: the most the cell grammar accepts.
pub const SCALE: u8 = 12;
/// Decimals of the money columns of wide (万元: four more than a value in 元).
pub const MONEY_SCALE: u8 = 16;
const PRECISION: i32 = 38;
/// Values handed to the column writer at a time: the `ByteArray`s of a block are
/// made a batch at a time, not all at once.
const BATCH: usize = 4096;
/// The index of wide among the tables.
const WIDE: usize = 4;
/// Reports per row group of wide.parquet.
pub const WIDE_GROUP: usize = 2048;

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Str,
    /// Text that is always a `&'static str` (a key, a state, a unit): held as
    /// static slices, which the column writer can copy without reference counts.
    Key,
    Int32,
    Int64,
    /// `DECIMAL(38, scale)`.
    Dec(u8),
    Bool,
    /// Days since 1970-01-01.
    Date,
}

struct ColSpec {
    name: String,
    kind: Kind,
    required: bool,
    /// Long free text: no dictionary (it would not repeat) and no min/max.
    free_text: bool,
}

fn col(name: &str, kind: Kind, required: bool) -> ColSpec {
    ColSpec {
        name: name.to_string(),
        kind,
        required,
        free_text: false,
    }
}

fn text(name: &str, required: bool) -> ColSpec {
    ColSpec {
        free_text: true,
        ..col(name, Kind::Str, required)
    }
}

/// One table's schema and writer settings, built once.
struct Schema {
    cols: Vec<ColSpec>,
    root: TypePtr,
    descr: Arc<SchemaDescriptor>,
    props: WriterPropertiesPtr,
}

fn specs(table: usize) -> Vec<ColSpec> {
    use Kind::*;
    let id = || col("report_id", Str, true);
    match table {
        0 => vec![
            id(),
            col("status", Key, true),
            col("template", Key, false),
            col("year", Int32, false),
            col("organ", Str, false),
            col("issuer", Str, false),
            col("report_date", Date, false),
            col("encoding", Key, false),
            col("layout", Str, false),
            col("format", Key, true),
            col("published", Date, false),
            col("cells", Int64, true),
            col("checks_failed", Int64, true),
            text("message", false),
        ],
        1 => vec![
            id(),
            col("section", Int32, true),
            col("item", Key, false),
            col("row", Key, true),
            col("col", Key, true),
            col("value", Dec(SCALE), false),
            col("unit", Key, false),
            col("state", Key, true),
            col("raw", Str, false),
            col("line", Int64, false),
        ],
        2 => vec![
            id(),
            col("section", Int32, true),
            col("item", Key, false),
            col("axis", Key, true),
            col("key", Key, true),
            text("label", true),
            col("line", Int64, true),
        ],
        3 => vec![
            id(),
            col("section", Int32, true),
            text("heading", true),
            text("text", true),
        ],
        4 => {
            let mut v = vec![
                id(),
                col("status", Key, true),
                col("template", Key, false),
                col("year", Int32, false),
                col("organ", Str, false),
                col("issuer", Str, false),
                col("report_date", Date, false),
            ];
            debug_assert_eq!(v.len(), WIDE_META.len());
            let money = wide_money();
            for (name, m) in wide_columns().iter().zip(money) {
                let scale = if *m { MONEY_SCALE } else { SCALE };
                v.push(col(name, Dec(scale), false));
            }
            v
        }
        5 => vec![
            id(),
            col("check_name", Key, true),
            col("scope", Str, true),
            col("expected", Dec(SCALE), false),
            col("actual", Dec(SCALE), false),
            col("ok", Bool, false),
        ],
        _ => vec![
            id(),
            col("line", Int64, true),
            col("level", Key, true),
            text("message", true),
        ],
    }
}

/// Per wide cell column, whether it is a money column (in 万元) in the template
/// that has it.
fn wide_money() -> &'static [bool] {
    static MONEY: OnceLock<Vec<bool>> = OnceLock::new();
    MONEY.get_or_init(|| {
        let mut money = vec![false; wide_columns().len()];
        for t in crate::grammar::templates() {
            for (ti, r, c) in t.cells() {
                let table = &t.tables[ti];
                let name = crate::grammar::wide_name(table, r, c);
                if let Some(p) = wide_columns().iter().position(|n| *n == name) {
                    money[p] |= table.cols[c].is_money();
                }
            }
        }
        money
    })
}

fn build_schema(table: usize) -> Result<Schema, parquet::errors::ParquetError> {
    let cols = specs(table);
    let mut fields = Vec::with_capacity(cols.len());
    let mut props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::try_new(1)?))
        // No min and max: comparing every value cost a tenth of the encoding, and the
        // metadata of every column chunk is held until the file closes, so at archive
        // scale statistics grew the memory of a run (4 MiB per 40,000 reports for
        // report_id alone). Row groups are small enough to read whole.
        .set_statistics_enabled(EnabledStatistics::None)
        // The page index (locations of pages, for reading by row number) is held
        // in memory for every column chunk until the file closes: at archive scale
        // that grew with the run. A row group is small enough to read whole.
        .set_offset_index_disabled(true)
        .set_created_by(format!("zfxxgk {}", env!("CARGO_PKG_VERSION")));
    for c in &cols {
        let rep = if c.required {
            Repetition::REQUIRED
        } else {
            Repetition::OPTIONAL
        };
        let b = match c.kind {
            Kind::Str | Kind::Key => Type::primitive_type_builder(&c.name, Physical::BYTE_ARRAY)
                .with_logical_type(Some(LogicalType::String)),
            Kind::Int32 => Type::primitive_type_builder(&c.name, Physical::INT32),
            Kind::Int64 => Type::primitive_type_builder(&c.name, Physical::INT64),
            Kind::Bool => Type::primitive_type_builder(&c.name, Physical::BOOLEAN),
            Kind::Date => Type::primitive_type_builder(&c.name, Physical::INT32)
                .with_logical_type(Some(LogicalType::Date)),
            Kind::Dec(scale) => {
                Type::primitive_type_builder(&c.name, Physical::FIXED_LEN_BYTE_ARRAY)
                    .with_length(16)
                    .with_logical_type(Some(LogicalType::decimal(i32::from(scale), PRECISION)))
                    .with_precision(PRECISION)
                    .with_scale(i32::from(scale))
            }
        };
        fields.push(Arc::new(b.with_repetition(rep).build()?));
        if c.free_text && c.name == "text" {
            props = props.set_column_dictionary_enabled(ColumnPath::from(c.name.as_str()), false);
        }
    }
    let root = Arc::new(
        Type::group_type_builder("schema")
            .with_fields(fields)
            .build()?,
    );
    Ok(Schema {
        cols,
        descr: Arc::new(SchemaDescriptor::new(root.clone())),
        root,
        props: Arc::new(props.build()),
    })
}

fn schemas() -> crate::Result<&'static [Schema]> {
    static SCHEMAS: OnceLock<Result<Vec<Schema>, String>> = OnceLock::new();
    SCHEMAS
        .get_or_init(|| {
            (0..FILES.len())
                .map(|t| build_schema(t).map_err(|e| e.to_string()))
                .collect()
        })
        .as_deref()
        .map_err(|e| Error::Internal(format!("the Parquet schema could not be built: {e}")))
}

fn pq_err(e: parquet::errors::ParquetError) -> Error {
    Error::Internal(format!("writing Parquet failed: {e}"))
}

/// The values of one column of one block, as rows are appended.
#[derive(Debug, Default, Clone)]
struct Column {
    /// Definition levels (1 present, 0 null), for an optional column.
    def: Vec<i16>,
    /// Text: the bytes of every value, one after another, and where each ends.
    bytes: Vec<u8>,
    /// [`Kind::Key`] text.
    statics: Vec<&'static [u8]>,
    ends: Vec<usize>,
    /// Integers, dates and booleans (0/1).
    ints: Vec<i64>,
    /// Decimals, scaled to the column's scale.
    decs: Vec<i128>,
}

/// The rows of one table for one block, column by column.
#[derive(Debug, Default, Clone)]
pub struct TableData {
    cols: Vec<Column>,
    /// Per column, whether it is required (no definition levels).
    required: Vec<bool>,
    rows: usize,
}

impl TableData {
    /// Moves the rows of `other` after these (both of one table).
    fn append(&mut self, other: &mut TableData) {
        if self.cols.is_empty() {
            self.cols.resize_with(other.cols.len(), Column::default);
            self.required.clone_from(&other.required);
        }
        for (a, b) in self.cols.iter_mut().zip(&mut other.cols) {
            a.def.append(&mut b.def);
            let base = a.bytes.len();
            a.bytes.append(&mut b.bytes);
            a.ends.extend(b.ends.drain(..).map(|e| e + base));
            a.ints.append(&mut b.ints);
            a.statics.append(&mut b.statics);
            a.decs.append(&mut b.decs);
        }
        self.rows += other.rows;
        other.rows = 0;
    }

    /// Makes room for `rows` rows in the columns `like` has (one table).
    fn reserve_rows(&mut self, like: &TableData, rows: usize) {
        if self.cols.is_empty() {
            self.cols.resize_with(like.cols.len(), Column::default);
            self.required.clone_from(&like.required);
        }
        for (c, l) in self.cols.iter_mut().zip(&like.cols) {
            if !l.def.is_empty() {
                c.def.reserve_exact(rows.saturating_sub(c.def.len()));
            }
            if !l.decs.is_empty() {
                c.decs.reserve_exact(rows.saturating_sub(c.decs.len()));
            }
        }
    }

    fn clear(&mut self) {
        for c in &mut self.cols {
            c.def.clear();
            c.bytes.clear();
            c.ends.clear();
            c.ints.clear();
            c.decs.clear();
            c.statics.clear();
        }
        self.rows = 0;
    }

    fn row(&mut self, table: usize) -> Row<'_> {
        if self.required.is_empty() {
            if let Ok(s) = schemas() {
                self.required = s[table].cols.iter().map(|c| c.required).collect();
                self.cols.resize_with(self.required.len(), Column::default);
            }
        }
        Row {
            t: self,
            i: 0,
            failed: None,
        }
    }
}

/// One row being appended, field by field in schema order.
struct Row<'a> {
    t: &'a mut TableData,
    i: usize,
    failed: Option<Error>,
}

impl Row<'_> {
    fn next(&mut self, present: bool) -> Option<&mut Column> {
        let required = *self.t.required.get(self.i)?;
        let c = self.t.cols.get_mut(self.i)?;
        self.i += 1;
        if !required {
            c.def.push(i16::from(present));
        }
        (present || required).then_some(c)
    }

    fn s(&mut self, v: Option<&str>) -> &mut Self {
        if let Some(c) = self.next(v.is_some()) {
            c.bytes.extend_from_slice(v.unwrap_or("").as_bytes());
            c.ends.push(c.bytes.len());
        }
        self
    }

    /// Text that is absent when empty.
    fn s_opt(&mut self, v: &str) -> &mut Self {
        self.s((!v.is_empty()).then_some(v))
    }

    /// [`Kind::Key`] text.
    fn k(&mut self, v: Option<&'static str>) -> &mut Self {
        if let Some(c) = self.next(v.is_some()) {
            c.statics.push(v.unwrap_or("").as_bytes());
        }
        self
    }

    /// [`Kind::Key`] text that is absent when empty.
    fn k_opt(&mut self, v: &'static str) -> &mut Self {
        self.k((!v.is_empty()).then_some(v))
    }

    fn int(&mut self, v: Option<i64>) -> &mut Self {
        if let Some(c) = self.next(v.is_some()) {
            c.ints.push(v.unwrap_or(0));
        }
        self
    }

    fn dec(&mut self, v: Option<Decimal>, scale: u8) -> &mut Self {
        let scaled = match v.map(|v| scaled(v, scale)) {
            Some(None) => {
                self.failed.get_or_insert_with(|| {
                    Error::Internal(format!(
                        "a value has more than {scale} decimals, which its Parquet column cannot hold exactly"
                    ))
                });
                None
            }
            Some(Some(s)) => Some(s),
            None => None,
        };
        if let Some(c) = self.next(scaled.is_some()) {
            c.decs.push(scaled.unwrap_or(0));
        }
        self
    }

    fn end(&mut self) -> crate::Result<()> {
        self.t.rows += 1;
        match self.failed.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// `v` as an integer count of `10^-scale`; `None` when it has more decimals.
fn scaled(v: Decimal, scale: u8) -> Option<i128> {
    let up = scale.checked_sub(v.scale)?;
    Some(i128::from(v.mantissa) * 10i128.pow(u32::from(up)))
}

/// Days from 1970-01-01 to a valid date of the proleptic Gregorian calendar.
fn days_since_epoch(y: u16, m: u8, d: u8) -> Option<i64> {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let len = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if d == 0 || d > len {
        return None;
    }
    // Years counted from March, so that the leap day ends a year.
    let (y, m, d) = (i64::from(y), i64::from(m), i64::from(d));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The columns of one block, per table, and once encoded, their column chunks.
#[derive(Debug, Default)]
pub struct BlockData {
    tables: [TableData; 7],
    /// Per table: its encoded column chunks (empty when it has no row).
    encoded: Vec<(usize, EncodedGroup)>,
}

impl BlockData {
    /// Bytes held, to decide whether the buffers are worth keeping for another block.
    pub fn capacity(&self) -> usize {
        self.tables
            .iter()
            .flat_map(|t| &t.cols)
            .map(|c| {
                c.bytes.capacity()
                    + c.def.capacity() * 2
                    + (c.ends.capacity() + c.ints.capacity()) * 8
                    + c.decs.capacity() * 16
            })
            .sum()
    }
}

/// One row group of one table, encoded and compressed: per column, its bytes and
/// what the file writer needs to splice them in.
#[derive(Debug)]
pub struct EncodedGroup(Vec<(Bytes, ColumnCloseResult)>);

thread_local! {
    /// The columns a worker fills, block after block: kept on the thread with
    /// their capacity, so that a block's columns do not grow from nothing (the
    /// reallocations were a tenth of a run).
    static COLUMNS: std::cell::RefCell<BlockData> = std::cell::RefCell::default();
}

/// Appends one report's rows to the columns of the block being rendered on this
/// thread ([`encode_block`] ends the block). The values follow the same rules as
/// the CSV files (a test reads both back and compares them).
pub fn render_into(r: &Report, tables: Tables) -> crate::Result<()> {
    COLUMNS.with(|c| render_rows(r, tables, &mut c.borrow_mut()))
}

fn render_rows(r: &Report, tables: Tables, out: &mut BlockData) -> crate::Result<()> {
    let id = Some(r.report_id.as_str());
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
            .s(id)
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
    let mut wide_vals: Vec<Option<Decimal>> = vec![None; wide_columns().len()];
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
                    .s(id)
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
                .s(id)
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
                .s(id)
                .int(Some(i64::from(n.number)))
                .s(Some(&n.heading))
                .s(Some(r.text.get(n.range.0..n.range.1).unwrap_or("")))
                .end()?;
        }
    }
    if tables.has(4) {
        let mut row = wide.row(4);
        row.s(id)
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
    if tables.has(5) {
        // Checks run only with a template.
        let tpl = reading;
        for c in &r.checks {
            let (name, scope) = tpl.map_or(("", ""), |t| (c.name(t), c.scope(t)));
            checks
                .row(5)
                .s(id)
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
                .s(id)
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
pub fn render_cross_year(
    cross: &[crate::run::crossyear::CrossCheck],
    inputs: &crate::run::discover::Inputs,
) -> crate::Result<Option<EncodedGroup>> {
    let id = |i: u32| {
        if (i as usize) < inputs.len() {
            inputs.id(i as usize)
        } else {
            ""
        }
    };
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

/// Encodes and compresses the rows rendered on this thread since the last call,
/// table by table, into column chunks in `b`; the columns are emptied for the next
/// block. Wide's rows are only moved into `b`: the writer gathers [`WIDE_GROUP`]
/// reports per row group, as one row per report and over four hundred columns make
/// row groups of one block all footer and page headers.
pub fn encode_block(b: &mut BlockData) -> crate::Result<()> {
    b.encoded.clear();
    COLUMNS.with(|c| {
        let mut c = c.borrow_mut();
        let mut result = Ok(());
        for i in (0..FILES.len()).filter(|&i| i != WIDE) {
            match encode_table(i, &mut c.tables[i]) {
                Ok(Some(g)) => b.encoded.push((i, g)),
                Ok(None) => {}
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        b.tables[WIDE].append(&mut c.tables[WIDE]);
        // Whatever a failed block left is not carried into the next one.
        for t in &mut c.tables {
            t.clear();
        }
        result
    })
}

fn encode_table(table: usize, data: &mut TableData) -> crate::Result<Option<EncodedGroup>> {
    if data.rows == 0 {
        return Ok(None);
    }
    let schema = &schemas()?[table];
    let mut chunks = Vec::with_capacity(schema.cols.len());
    for (i, (spec, values)) in schema.cols.iter().zip(&mut data.cols).enumerate() {
        let mut out = TrackedWrite::new(Vec::new());
        let close = {
            let page = SerializedPageWriter::new(&mut out);
            let mut w =
                get_column_writer(schema.descr.column(i), schema.props.clone(), Box::new(page));
            write_column(&mut w, spec, values, data.rows).map_err(pq_err)?;
            w.close().map_err(pq_err)?
        };
        let bytes = out.into_inner().map_err(pq_err)?;
        chunks.push((Bytes::from(bytes), close));
    }
    data.clear();
    Ok(Some(EncodedGroup(chunks)))
}

/// Hands one column's values to its writer, a batch of rows at a time.
fn write_column(
    w: &mut ColumnWriter<'_>,
    spec: &ColSpec,
    c: &mut Column,
    rows: usize,
) -> parquet::errors::Result<()> {
    // Text and decimals are sliced out of one buffer each: a `ByteArray` is then a
    // reference count, not an allocation.
    let text = Bytes::copy_from_slice(&c.bytes);
    let decs = match spec.kind {
        Kind::Dec(_) => Bytes::from(
            c.decs
                .iter()
                .flat_map(|d| d.to_be_bytes())
                .collect::<Vec<u8>>(),
        ),
        _ => Bytes::new(),
    };
    let mut value = 0;
    let mut row = 0;
    while row < rows {
        let end = (row + BATCH).min(rows);
        let def = (!spec.required).then(|| &c.def[row..end]);
        let n = def.map_or(end - row, |d| d.iter().filter(|&&l| l == 1).count());
        let vs = value..value + n;
        match w {
            ColumnWriter::ByteArrayColumnWriter(w) if spec.kind == Kind::Key => {
                let vals: Vec<ByteArray> = c.statics[vs]
                    .iter()
                    .map(|s| ByteArray::from(Bytes::from_static(s)))
                    .collect();
                w.write_batch(&vals, def, None)?;
            }
            ColumnWriter::ByteArrayColumnWriter(w) => {
                let vals: Vec<ByteArray> = vs
                    .map(|k| {
                        let start = if k == 0 { 0 } else { c.ends[k - 1] };
                        ByteArray::from(text.slice(start..c.ends[k]))
                    })
                    .collect();
                w.write_batch(&vals, def, None)?;
            }
            ColumnWriter::FixedLenByteArrayColumnWriter(w) => {
                let vals: Vec<FixedLenByteArray> = vs
                    .map(|k| {
                        FixedLenByteArray::from(ByteArray::from(decs.slice(16 * k..16 * k + 16)))
                    })
                    .collect();
                w.write_batch(&vals, def, None)?;
            }
            ColumnWriter::Int32ColumnWriter(w) => {
                let vals: Vec<i32> = c.ints[vs].iter().map(|&v| v as i32).collect();
                w.write_batch(&vals, def, None)?;
            }
            ColumnWriter::Int64ColumnWriter(w) => {
                w.write_batch(&c.ints[vs], def, None)?;
            }
            ColumnWriter::BoolColumnWriter(w) => {
                let vals: Vec<bool> = c.ints[vs].iter().map(|&v| v != 0).collect();
                w.write_batch(&vals, def, None)?;
            }
            _ => {
                return Err(parquet::errors::ParquetError::General(format!(
                    "column {} has no writer for its type",
                    spec.name
                )))
            }
        }
        value += n;
        row = end;
    }
    Ok(())
}

/// The open Parquet files of one run, in a temporary folder inside the output
/// folder until the run completes (as the CSV files).
pub struct Output {
    tmp: PathBuf,
    dir: PathBuf,
    files: Vec<Option<(PathBuf, SerializedFileWriter<BufWriter<File>>)>>,
    /// Rows of wide not yet written: up to [`WIDE_GROUP`].
    wide: TableData,
    done: bool,
}

impl Output {
    pub fn create(dir: &Path, tables: Tables) -> crate::Result<Output> {
        let schemas = schemas()?;
        let tmp = crate::out::staging::partial_dir(dir)?;
        let mut files = Vec::new();
        for (i, name) in FILES.iter().enumerate() {
            if !tables.has(i) {
                files.push(None);
                continue;
            }
            let path = tmp.join(name);
            let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
            let w = SerializedFileWriter::new(
                BufWriter::with_capacity(1 << 16, file),
                schemas[i].root.clone(),
                schemas[i].props.clone(),
            )
            .map_err(pq_err)?;
            files.push(Some((path, w)));
        }
        Ok(Output {
            tmp,
            dir: dir.to_path_buf(),
            files,
            wide: TableData::default(),
            done: false,
        })
    }

    /// Appends the row groups a block encoded, one per table, and its rows of wide.
    pub fn append_block(&mut self, b: &mut BlockData) -> crate::Result<()> {
        for (table, group) in b.encoded.drain(..) {
            self.append_group(table, group)?;
        }
        if self.wide.rows == 0 {
            // Room for one group and the block that fills it, once: grown by
            // doubling, the buffer of over four hundred columns was twice as large.
            self.wide
                .reserve_rows(&b.tables[WIDE], WIDE_GROUP + b.tables[WIDE].rows);
        }
        self.wide.append(&mut b.tables[WIDE]);
        if self.wide.rows >= WIDE_GROUP {
            self.flush_wide()?;
        }
        Ok(())
    }

    fn flush_wide(&mut self) -> crate::Result<()> {
        if let Some(g) = encode_table(WIDE, &mut self.wide)? {
            self.append_group(WIDE, g)?;
        }
        Ok(())
    }

    /// Appends one encoded row group to the file of `table`.
    pub fn append_group(&mut self, table: usize, group: EncodedGroup) -> crate::Result<()> {
        let Some(Some((path, w))) = self.files.get_mut(table) else {
            return Ok(());
        };
        let fail = |e: parquet::errors::ParquetError| {
            Error::Internal(format!("{}: writing Parquet failed: {e}", path.display()))
        };
        let mut rg = w.next_row_group().map_err(fail)?;
        for (bytes, close) in group.0 {
            rg.append_column(&bytes, close).map_err(fail)?;
        }
        rg.close().map_err(fail)?;
        Ok(())
    }

    /// Writes every file's footer and moves the files into the output folder.
    pub fn finish(mut self) -> crate::Result<()> {
        self.flush_wide()?;
        let (mut names, mut stale) = (Vec::new(), Vec::new());
        for (name, f) in FILES.iter().zip(std::mem::take(&mut self.files)) {
            match f {
                Some((path, w)) => {
                    let buf = w.into_inner().map_err(|e| {
                        Error::Internal(format!("{}: writing Parquet failed: {e}", path.display()))
                    })?;
                    buf.into_inner()
                        .map_err(|e| Error::io(&path, e.into_error()))?;
                    names.push(name.to_string());
                }
                None => stale.push(name.to_string()),
            }
        }
        crate::out::staging::move_into_place(&self.tmp, &self.dir, &names, &stale)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Output {
    /// A run that failed or was interrupted leaves no half-written folder behind.
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_days_from_1970() {
        assert_eq!(days_since_epoch(1970, 1, 1), Some(0));
        assert_eq!(days_since_epoch(2000, 3, 1), Some(11_017));
        // 2020-12-31: 50 years of which 13 leap (1972 … 2020), less one day.
        assert_eq!(
            days_since_epoch(2020, 12, 31),
            Some(50 * 365 + 13 - 1 + 365)
        );
        assert_eq!(days_since_epoch(2021, 2, 29), None);
        assert_eq!(days_since_epoch(2024, 2, 29), Some(19_782));
        assert_eq!(days_since_epoch(2021, 13, 1), None);
    }

    #[test]
    fn decimals_scale_up_exactly_or_not_at_all() {
        let d = |m, s| Decimal {
            mantissa: m,
            scale: s,
        };
        assert_eq!(scaled(d(4_773_500, 4), 12), Some(4_773_500 * 10i128.pow(8)));
        assert_eq!(
            scaled(d(i64::MIN, 0), 12),
            Some(i128::from(i64::MIN) * 10i128.pow(12))
        );
        assert_eq!(scaled(d(1, 13), 12), None);
        // The largest value fits in 38 digits at the largest scale.
        assert!(scaled(d(i64::MAX, 0), MONEY_SCALE).is_some_and(|v| v < 10i128.pow(38)));
    }
}
