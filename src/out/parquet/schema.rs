//! The columns of each Parquet file, their types, and the writer settings, built once.

use std::sync::{Arc, OnceLock};

use ::parquet::basic::{Compression, LogicalType, Repetition, Type as Physical, ZstdLevel};
use ::parquet::file::properties::{EnabledStatistics, WriterProperties, WriterPropertiesPtr};
use ::parquet::schema::types::{SchemaDescriptor, Type};

use super::{FILES, MONEY_SCALE, SCALE};
use crate::grammar::{wide_columns, WIDE_META};
use crate::Error;

const PRECISION: i32 = 38;
/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
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

pub(super) struct ColSpec {
    pub(super) name: String,
    pub(super) kind: Kind,
    pub(super) required: bool,
    /// Whether a dictionary is tried: not for long free text, which does not
    /// repeat.
    pub(super) dictionary: bool,
}

fn col(name: &str, kind: Kind, required: bool) -> ColSpec {
    ColSpec {
        name: name.to_string(),
        kind,
        required,
        dictionary: true,
    }
}

/// Free text: a dictionary only for the labels, headings and messages, which
/// repeat from report to report; none for a section's text.
fn text(name: &str, required: bool) -> ColSpec {
    ColSpec {
        dictionary: name != "text",
        ..col(name, Kind::Str, required)
    }
}

/// One table's schema and writer settings, built once.
pub(super) struct Schema {
    pub(super) cols: Vec<ColSpec>,
    pub(super) descr: Arc<SchemaDescriptor>,
    pub(super) props: WriterPropertiesPtr,
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
pub(super) fn wide_money() -> &'static [bool] {
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

fn build_schema(table: usize) -> Result<Schema, ::parquet::errors::ParquetError> {
    let cols = specs(table);
    let mut fields = Vec::with_capacity(cols.len());
    let props = WriterProperties::builder()
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
    }
    let root = Arc::new(
        Type::group_type_builder("schema")
            .with_fields(fields)
            .build()?,
    );
    Ok(Schema {
        cols,
        descr: Arc::new(SchemaDescriptor::new(root)),
        props: Arc::new(props.build()),
    })
}

pub(super) fn schemas() -> crate::Result<&'static [Schema]> {
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
