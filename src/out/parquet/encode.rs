//! A block's columns → compressed column chunks, one row group per table, on the
//! worker that rendered them.

use ::parquet::column::writer::{get_column_writer, ColumnCloseResult, ColumnWriter};
use ::parquet::data_type::{ByteArray, FixedLenByteArray};
use ::parquet::file::writer::{SerializedPageWriter, TrackedWrite};
use bytes::Bytes;

use super::columns::{BlockData, Column, TableData, BIG};
use super::render::COLUMNS;
use super::schema::{schemas, ColSpec, Kind};
use super::{gathered, pq_err, FILES};

/// Values handed to the column writer at a time: the `ByteArray`s of a block are
/// made a batch at a time, not all at once.
const BATCH: usize = 4096;

/// One row group of one table, encoded and compressed: per column, its bytes and
/// what the file writer needs to splice them in.
#[derive(Debug)]
pub struct EncodedGroup(pub(super) Vec<(Bytes, ColumnCloseResult)>);

/// Encodes and compresses the rows rendered on this thread since the last call,
/// table by table, into column chunks in `b`; the columns are emptied for the next
/// block. The rows of the tables the writer gathers (wide, reports, diagnostics:
/// see [`super::gathered`]) are only moved into `b`, as row groups of one block of
/// them would be mostly footer and page headers.
pub fn encode_block(b: &mut BlockData) -> crate::Result<()> {
    b.encoded.clear();
    COLUMNS.with(|c| {
        let mut c = c.borrow_mut();
        let mut result = Ok(());
        for i in (0..FILES.len()).filter(|&i| gathered(i).is_none()) {
            match encode_table(i, &mut c.tables[i]) {
                Ok(Some(g)) => b.encoded.push((i, g)),
                Ok(None) => {}
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        for i in (0..FILES.len()).filter(|&i| gathered(i).is_some()) {
            b.tables[i].append(&mut c.tables[i]);
        }
        // Whatever a failed block left is not carried into the next one.
        for t in &mut c.tables {
            t.clear();
        }
        result
    })
}

pub(super) fn encode_table(
    table: usize,
    data: &mut TableData,
) -> crate::Result<Option<EncodedGroup>> {
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
pub(super) fn write_column(
    w: &mut ColumnWriter<'_>,
    spec: &ColSpec,
    c: &mut Column,
    rows: usize,
) -> parquet::errors::Result<()> {
    // Text is sliced out of one buffer: a `ByteArray` is then a reference count,
    // not an allocation.
    let text = Bytes::copy_from_slice(&c.bytes);
    let mut levels: Vec<i16> = Vec::new();
    // For a column of runs: the text being repeated and the rows it has left.
    let (mut run, mut left) = (0, c.runs.first().copied().unwrap_or(0));
    // The next of the decimals that do not fit in an `i64`.
    let mut big = c.big.iter();
    let mut value = 0;
    let mut row = 0;
    while row < rows {
        let end = (row + BATCH).min(rows);
        let def = match spec.required {
            true => None,
            false => {
                levels.clear();
                levels.extend(c.def[row..end].iter().map(|&l| i16::from(l)));
                Some(levels.as_slice())
            }
        };
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
            ColumnWriter::ByteArrayColumnWriter(w) if !c.runs.is_empty() => {
                let mut vals = Vec::with_capacity(n);
                for _ in 0..n {
                    while left == 0 {
                        run += 1;
                        left = c.runs.get(run).copied().ok_or_else(|| {
                            parquet::errors::ParquetError::General(format!(
                                "column {}: fewer values than rows",
                                spec.name
                            ))
                        })?;
                    }
                    let start = if run == 0 { 0 } else { c.ends[run - 1] };
                    vals.push(ByteArray::from(text.slice(start..c.ends[run])));
                    left -= 1;
                }
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
                // This batch's decimals as 16 big-endian bytes each, in one buffer.
                let mut be = Vec::with_capacity(16 * n);
                for &d in &c.decs[vs] {
                    let v = match d {
                        BIG => big.next().copied().ok_or_else(|| {
                            parquet::errors::ParquetError::General(format!(
                                "column {}: a large decimal is missing",
                                spec.name
                            ))
                        })?,
                        _ => i128::from(d),
                    };
                    be.extend_from_slice(&v.to_be_bytes());
                }
                let be = Bytes::from(be);
                let vals: Vec<FixedLenByteArray> = (0..n)
                    .map(|k| {
                        FixedLenByteArray::from(ByteArray::from(be.slice(16 * k..16 * k + 16)))
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
