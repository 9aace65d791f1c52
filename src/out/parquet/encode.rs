//! A block's columns → compressed column chunks, one row group per table, on the
//! worker that rendered them. The pages are written here ([`super::pages`]), not by
//! the parquet crate's column writer: most columns come from small sets (keys,
//! states, units, a report's id repeated over its rows), whose dictionary is found
//! by the address of the template's string or by the run of rows, without hashing
//! the text of every value; and every page of a thread is compressed with one zstd
//! context.

use std::cell::RefCell;
use std::collections::hash_map::Entry;

use ::parquet::basic::Encoding;
use ::parquet::errors::ParquetError;
use bytes::Bytes;
use rustc_hash::FxHashMap;

use super::columns::{BlockData, Column, TableData, BIG};
use super::pages::{bit_width, hybrid, levels, Chunk, ChunkMeta};
use super::render::COLUMNS;
use super::schema::{schemas, ColSpec, Kind};
use super::{gathered, pq_err, FILES};

/// Uncompressed bytes of values after which a PLAIN data page ends (the parquet
/// crate's default page size).
const PAGE: usize = 1 << 20;

/// One row group of one table, encoded and compressed: its rows, and per column its
/// bytes and what the footer needs of them.
#[derive(Debug)]
pub struct EncodedGroup {
    pub(super) rows: u64,
    pub(super) chunks: Vec<(Bytes, ChunkMeta)>,
}

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
    SCRATCH.with(|s| {
        let s = &mut *s.borrow_mut();
        for (spec, values) in schema.cols.iter().zip(&data.cols) {
            let mut chunk = Chunk::new();
            write_column(&mut chunk, spec, values, data.rows, s).map_err(pq_err)?;
            chunks.push(chunk.finish());
        }
        Ok::<_, crate::Error>(())
    })?;
    let rows = data.rows as u64;
    data.clear();
    Ok(Some(EncodedGroup { rows, chunks }))
}

/// The distinct values of a column chunk, PLAIN-encoded one after another, and for
/// each value of the column (nulls left out) the index of its entry.
#[derive(Default)]
struct Dict {
    plain: Vec<u8>,
    /// Where each entry begins in `plain` (and one past the last).
    starts: Vec<usize>,
    idx: Vec<u32>,
}

impl Dict {
    fn clear(&mut self) {
        self.plain.clear();
        self.starts.clear();
        self.starts.push(0);
        self.idx.clear();
    }

    fn entries(&self) -> usize {
        self.starts.len() - 1
    }

    /// Adds an entry written by `plain` and returns its index.
    fn add(&mut self, plain: impl FnOnce(&mut Vec<u8>)) -> u32 {
        let i = self.entries() as u32;
        plain(&mut self.plain);
        self.starts.push(self.plain.len());
        i
    }

    fn entry(&self, i: u32) -> &[u8] {
        let i = i as usize;
        &self.plain[self.starts[i]..self.starts[i + 1]]
    }

    /// Each text of `texts` as the index of its entry, the first of equal texts
    /// adding it. A small table of the last text seen in each of 256 slots (chosen
    /// by its length and first and last bytes) comes before the map: the texts
    /// that repeat are found there with one comparison and no hashing of the whole
    /// text.
    fn texts<'a>(&mut self, texts: impl Iterator<Item = &'a [u8]>) {
        let mut recent = [u32::MAX; 256];
        let mut map: FxHashMap<&[u8], u32> = FxHashMap::default();
        for t in texts {
            let slot = &mut recent[spread(sketch(t))];
            let i = match *slot {
                i if i != u32::MAX && self.entry(i).get(4..) == Some(t) => i,
                _ => {
                    let i = match map.entry(t) {
                        Entry::Occupied(e) => *e.get(),
                        Entry::Vacant(e) => *e.insert(self.add(|out| plain_bytes(t, out))),
                    };
                    *slot = i;
                    i
                }
            };
            self.idx.push(i);
        }
    }
}

/// A few bytes of `t` and its length, mixed: where [`Dict::texts`] looks first.
fn sketch(t: &[u8]) -> u64 {
    let n = t.len();
    let (first, last) = match (t.first_chunk::<8>(), t.last_chunk::<8>()) {
        (Some(a), Some(b)) => (u64::from_le_bytes(*a), u64::from_le_bytes(*b)),
        // Shorter than eight bytes: the bytes one by one.
        _ => (t.iter().fold(0u64, |h, &b| (h << 8) | u64::from(b)), 0),
    };
    first ^ last.rotate_left(29) ^ (n as u64)
}

impl Dict {
    /// [`Dict::texts`] for numbers, with a small table of the last value seen in
    /// each of 256 slots in front of the map: a column's few values are found
    /// there without hashing.
    fn numbers(
        &mut self,
        keys: impl Iterator<Item = i128>,
        mut plain: impl FnMut(i128, &mut Vec<u8>),
    ) {
        let mut recent = [(0i128, u32::MAX); 256];
        let mut map: FxHashMap<i128, u32> = FxHashMap::default();
        for k in keys {
            let slot = &mut recent[spread((k as u64) ^ ((k >> 64) as u64))];
            let i = match *slot {
                (v, i) if v == k && i != u32::MAX => i,
                _ => {
                    let i = match map.entry(k) {
                        Entry::Occupied(e) => *e.get(),
                        Entry::Vacant(e) => *e.insert(self.add(|out| plain(k, out))),
                    };
                    *slot = (k, i);
                    i
                }
            };
            self.idx.push(i);
        }
    }
}

/// A slot of 256 for `x` (Fibonacci hashing).
fn spread(x: u64) -> usize {
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize
}

/// Buffers a thread keeps from column to column.
#[derive(Default)]
struct Scratch {
    dict: Dict,
    levels: Vec<u32>,
    body: Vec<u8>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

fn plain_bytes(v: &[u8], out: &mut Vec<u8>) {
    out.extend_from_slice(&(v.len() as u32).to_le_bytes());
    out.extend_from_slice(v);
}

fn short(name: &str, what: &str) -> ParquetError {
    ParquetError::General(format!("column {name}: {what}"))
}

/// Writes one column's pages: a dictionary and one page of indices when its values
/// repeat, PLAIN pages otherwise.
fn write_column(
    chunk: &mut Chunk,
    spec: &ColSpec,
    c: &Column,
    rows: usize,
    s: &mut Scratch,
) -> Result<(), ParquetError> {
    let def = match spec.required {
        true => None,
        false => Some(
            c.def
                .get(..rows)
                .ok_or_else(|| short(&spec.name, "too few levels"))?,
        ),
    };
    let n = def.map_or(rows, |d| d.iter().filter(|&&l| l == 1).count());
    if spec.kind == Kind::Bool {
        return write_bools(chunk, spec, c, def, n, rows, s);
    }
    let d = &mut s.dict;
    d.clear();
    match spec.kind {
        Kind::Key => {
            let vals = c
                .statics
                .get(..n)
                .ok_or_else(|| short(&spec.name, "too few values"))?;
            // The same string of a template has the same address: looked up by it
            // in a small table, and by its text only when the table holds another
            // (two templates may spell a key alike).
            let mut by_addr = [(0usize, 0usize, 0u32); 256];
            let mut by_text: FxHashMap<&[u8], u32> = FxHashMap::default();
            for &v in vals {
                let addr = v.as_ptr() as usize;
                let slot = &mut by_addr[spread(addr as u64)];
                let i = match *slot {
                    (a, len, i) if a == addr && len == v.len() => i,
                    _ => {
                        let i = match by_text.entry(v) {
                            Entry::Occupied(t) => *t.get(),
                            Entry::Vacant(t) => *t.insert(d.add(|out| plain_bytes(v, out))),
                        };
                        *slot = (addr, v.len(), i);
                        i
                    }
                };
                d.idx.push(i);
            }
        }
        Kind::Str if !c.runs.is_empty() => {
            // A report's id over its rows: an entry per run, its index repeated.
            let mut start = 0;
            for (k, &run) in c.runs.iter().enumerate() {
                let end = *c
                    .ends
                    .get(k)
                    .ok_or_else(|| short(&spec.name, "a run without text"))?;
                let text = c.bytes.get(start..end).unwrap_or_default();
                let i = d.add(|out| plain_bytes(text, out));
                d.idx.extend(std::iter::repeat_n(i, run as usize));
                start = end;
            }
            if d.idx.len() != n {
                return Err(short(&spec.name, "runs and rows disagree"));
            }
        }
        Kind::Str => {
            let ends = c
                .ends
                .get(..n)
                .ok_or_else(|| short(&spec.name, "too few values"))?;
            let texts = ends.iter().enumerate().map(|(k, &end)| {
                let start = if k == 0 { 0 } else { ends[k - 1] };
                c.bytes.get(start..end).unwrap_or_default()
            });
            if spec.dictionary {
                d.texts(texts);
            } else {
                for t in texts {
                    let i = d.add(|out| plain_bytes(t, out));
                    d.idx.push(i);
                }
            }
        }
        Kind::Int32 | Kind::Date => {
            let vals = c
                .ints
                .get(..n)
                .ok_or_else(|| short(&spec.name, "too few values"))?;
            d.numbers(vals.iter().map(|&v| i128::from(v)), |v, out| {
                out.extend_from_slice(&(v as i32).to_le_bytes())
            });
        }
        Kind::Int64 => {
            let vals = c
                .ints
                .get(..n)
                .ok_or_else(|| short(&spec.name, "too few values"))?;
            d.numbers(vals.iter().map(|&v| i128::from(v)), |v, out| {
                out.extend_from_slice(&(v as i64).to_le_bytes())
            });
        }
        Kind::Dec(_) => {
            let vals = c
                .decs
                .get(..n)
                .ok_or_else(|| short(&spec.name, "too few values"))?;
            let mut big = c.big.iter();
            let mut missing = false;
            let wide = vals.iter().map(|&v| match v {
                BIG => big.next().copied().unwrap_or_else(|| {
                    missing = true;
                    0
                }),
                _ => i128::from(v),
            });
            d.numbers(wide, |v, out| out.extend_from_slice(&v.to_be_bytes()));
            if missing {
                return Err(short(&spec.name, "a large decimal is missing"));
            }
        }
        Kind::Bool => {}
    }
    let Scratch {
        dict,
        levels: lv,
        body,
    } = s;
    // A dictionary pays when values repeat; one of nearly distinct values (a
    // report's row of reports.parquet or wide.parquet) is written PLAIN.
    if spec.dictionary && n > 0 && dict.entries() * 2 <= n && dict.plain.len() <= PAGE {
        chunk.dictionary(&dict.plain, dict.entries())?;
        body.clear();
        if let Some(def) = def {
            levels(def, lv, body);
        }
        let width = bit_width(dict.entries().saturating_sub(1) as u64);
        body.push(width);
        hybrid(&dict.idx, width, body);
        return chunk.data(body, rows, Encoding::RLE_DICTIONARY, def.is_some());
    }
    // PLAIN pages of about [`PAGE`] bytes of values each.
    let (mut row, mut value) = (0, 0);
    while row < rows {
        let (r0, v0) = (row, value);
        let mut bytes = 0;
        while row < rows && bytes < PAGE {
            if def.is_none_or(|d| d[row] == 1) {
                bytes += dict.entry(dict.idx[value]).len();
                value += 1;
            }
            row += 1;
        }
        body.clear();
        if let Some(def) = def {
            levels(&def[r0..row], lv, body);
        }
        for &i in &dict.idx[v0..value] {
            body.extend_from_slice(dict.entry(i));
        }
        chunk.data(body, row - r0, Encoding::PLAIN, def.is_some())?;
    }
    Ok(())
}

/// A column of booleans: PLAIN, a bit each from the least significant.
fn write_bools(
    chunk: &mut Chunk,
    spec: &ColSpec,
    c: &Column,
    def: Option<&[u8]>,
    n: usize,
    rows: usize,
    s: &mut Scratch,
) -> Result<(), ParquetError> {
    let vals = c
        .ints
        .get(..n)
        .ok_or_else(|| short(&spec.name, "too few values"))?;
    let Scratch {
        levels: lv, body, ..
    } = s;
    body.clear();
    if let Some(def) = def {
        levels(def, lv, body);
    }
    for eight in vals.chunks(8) {
        let byte = eight
            .iter()
            .enumerate()
            .fold(0u8, |b, (k, &v)| b | (u8::from(v != 0) << k));
        body.push(byte);
    }
    chunk.data(body, rows, Encoding::PLAIN, def.is_some())
}
