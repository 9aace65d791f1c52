//! Column chunks written by this program: the pages of a chunk (a dictionary page,
//! data pages of version 1), their Thrift headers, the RLE/bit-packed hybrid of
//! definition levels and dictionary indices, and zstd with one compression context
//! per thread. [`super::output`] appends the finished chunk to its file and writes
//! the footer from its [`ChunkMeta`].
//!
//! The formats, from the Parquet specification (`Encodings.md`, `parquet.thrift`):
//!
//! * a page is its header (a Thrift `PageHeader`, compact protocol) and its body,
//!   compressed as a whole;
//! * the body of a data page of version 1: the definition levels when the column
//!   may be null (their length in four bytes, little-endian, then the levels in the
//!   hybrid encoding of bit width 1), then the values: PLAIN, or RLE_DICTIONARY (one
//!   byte of bit width, then the indices into the dictionary in the hybrid encoding);
//! * the hybrid encoding: runs, each a ULEB128 header and its values. A header with
//!   its low bit 0 is a repeated run (`count << 1`, then the value in
//!   `ceil(width / 8)` bytes, little-endian); with its low bit 1, a bit-packed run
//!   (`groups << 1 | 1`, then `groups` groups of eight values of `width` bits each,
//!   packed from the least significant bit). Only the last run may be padded.

use std::cell::RefCell;

use ::parquet::basic::{Encoding, EncodingMask};
use ::parquet::errors::ParquetError;
use bytes::Bytes;

/// The zstd level of every page (the level the files had with the parquet crate's
/// own column writer).
pub(super) const ZSTD_LEVEL: i32 = 1;

/// The bits an unsigned value up to `max` needs (0 for 0).
pub(super) fn bit_width(max: u64) -> u8 {
    (64 - max.leading_zeros()) as u8
}

fn uleb(mut v: u64, out: &mut Vec<u8>) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Values of `vals` from `i` on that equal `vals[i]`.
fn run_at(vals: &[u32], i: usize) -> usize {
    let v = vals[i];
    vals[i..].iter().take_while(|&&x| x == v).count()
}

/// Whether the eight values from `i` on are equal.
fn eight_at(vals: &[u32], i: usize) -> bool {
    vals.get(i..i + 8)
        .is_some_and(|s| s.iter().all(|&x| x == s[0]))
}

/// `vals` in the RLE/bit-packed hybrid encoding with `width` bits a value (every
/// value must fit): runs of eight equal values or more are repeated runs, the rest
/// bit-packed in groups of eight, the last group padded with zeros.
pub(super) fn hybrid(vals: &[u32], width: u8, out: &mut Vec<u8>) {
    let bytes = usize::from(width).div_ceil(8);
    let n = vals.len();
    let mut i = 0;
    while i < n {
        let run = run_at(vals, i);
        if run >= 8 {
            uleb((run as u64) << 1, out);
            out.extend_from_slice(&vals[i].to_le_bytes()[..bytes]);
            i += run;
            continue;
        }
        // Groups of eight until a run of eight equal values starts at a group's
        // edge (or the values end).
        let start = i;
        let mut groups = 0u64;
        loop {
            i = (i + 8).min(n);
            groups += 1;
            if i >= n || eight_at(vals, i) {
                break;
            }
        }
        uleb((groups << 1) | 1, out);
        pack(&vals[start..i], width, groups as usize * 8, out);
    }
}

/// `vals`, padded with zeros to `len` values, `width` bits each from the least
/// significant bit.
fn pack(vals: &[u32], width: u8, len: usize, out: &mut Vec<u8>) {
    if width == 0 {
        return;
    }
    let w = usize::from(width);
    let groups = len.div_ceil(8);
    if w <= 16 {
        // A group of eight values is `width` bytes, gathered in one integer and
        // stored whole: each store's high bytes are zeros the next group
        // overwrites, and the spare bytes after the last group are cut off.
        let start = out.len();
        out.resize(start + groups * w + 16, 0);
        for (g, at) in vals.chunks(8).zip((start..).step_by(w)) {
            if w <= 8 {
                let mut acc = 0u64;
                for (k, &v) in g.iter().enumerate() {
                    acc |= u64::from(v) << (k * w);
                }
                out[at..at + 8].copy_from_slice(&acc.to_le_bytes());
            } else {
                let mut acc = 0u128;
                for (k, &v) in g.iter().enumerate() {
                    acc |= u128::from(v) << (k * w);
                }
                out[at..at + 16].copy_from_slice(&acc.to_le_bytes());
            }
        }
        out.truncate(start + groups * w);
        return;
    }
    let (mut acc, mut bits) = (0u64, 0u8);
    let pad = len.saturating_sub(vals.len());
    for &v in vals.iter().chain(std::iter::repeat_n(&0, pad)) {
        acc |= u64::from(v) << bits;
        bits += width;
        while bits >= 8 {
            out.push(acc as u8);
            acc >>= 8;
            bits -= 8;
        }
    }
    if bits > 0 {
        out.push(acc as u8);
    }
}

/// Definition levels (1 present, 0 null) as a data page of version 1 holds them:
/// their length in four bytes, then the hybrid encoding of width 1. Levels that are
/// all the same (a column present in every row of the page, or in none) are one
/// repeated run, found eight at a time.
pub(super) fn levels(def: &[u8], scratch: &mut Vec<u32>, out: &mut Vec<u8>) {
    let at = out.len();
    out.extend_from_slice(&[0; 4]);
    let first = def.first().copied().unwrap_or(0);
    let word = [first; 8];
    let (eights, rest) = def.split_at(def.len() - def.len() % 8);
    if eights.chunks_exact(8).all(|w| w == word) && rest.iter().all(|&l| l == first) {
        if !def.is_empty() {
            uleb((def.len() as u64) << 1, out);
            out.push(first);
        }
    } else {
        scratch.clear();
        scratch.extend(def.iter().map(|&l| u32::from(l)));
        hybrid(scratch, 1, out);
    }
    let len = (out.len() - at - 4) as u32;
    out[at..at + 4].copy_from_slice(&len.to_le_bytes());
}

/// Thrift's compact protocol, as far as a page header needs it.
struct Thrift<'a> {
    out: &'a mut Vec<u8>,
    last: i16,
}

impl Thrift<'_> {
    const I32: u8 = 5;
    const STRUCT: u8 = 12;
    const FALSE: u8 = 2;

    fn field(&mut self, id: i16, ty: u8) {
        // Every field here is within fifteen of the one before it.
        self.out.push((((id - self.last) as u8) << 4) | ty);
        self.last = id;
    }

    fn i32(&mut self, id: i16, v: i32) {
        self.field(id, Self::I32);
        uleb(u64::from(((v << 1) ^ (v >> 31)) as u32), self.out);
    }

    fn stop(&mut self) {
        self.out.push(0);
    }
}

/// The pages of one column chunk, written one after another, and what its
/// metadata needs.
pub(super) struct Chunk {
    out: Vec<u8>,
    uncompressed: usize,
    values: u64,
    dictionary: bool,
    data_offset: Option<usize>,
    encodings: Vec<Encoding>,
}

/// What a thread keeps from chunk to chunk: its zstd context and a buffer for the
/// compressed body of a page.
struct Zstd {
    ctx: zstd::bulk::Compressor<'static>,
    buf: Vec<u8>,
}

thread_local! {
    static ZSTD: RefCell<Option<Zstd>> = const { RefCell::new(None) };
}

fn zstd_err(e: std::io::Error) -> ParquetError {
    ParquetError::General(format!("zstd: {e}"))
}

impl Chunk {
    pub(super) fn new() -> Chunk {
        Chunk {
            out: Vec::new(),
            uncompressed: 0,
            values: 0,
            dictionary: false,
            data_offset: None,
            encodings: Vec::new(),
        }
    }

    /// Compresses `body` and appends it with its header; `header` writes the
    /// fields after the sizes (the page's own header).
    fn page(
        &mut self,
        kind: i32,
        body: &[u8],
        header: impl FnOnce(&mut Thrift<'_>),
    ) -> Result<(), ParquetError> {
        ZSTD.with(|z| {
            let mut z = z.borrow_mut();
            if z.is_none() {
                *z = Some(Zstd {
                    ctx: zstd::bulk::Compressor::new(ZSTD_LEVEL).map_err(zstd_err)?,
                    buf: Vec::new(),
                });
            }
            let Some(z) = z.as_mut() else {
                return Err(ParquetError::General("no zstd context".into()));
            };
            z.buf.clear();
            z.buf.reserve(zstd::zstd_safe::compress_bound(body.len()));
            z.ctx
                .compress_to_buffer(body, &mut z.buf)
                .map_err(zstd_err)?;
            let size = |n: usize| {
                i32::try_from(n).map_err(|_| ParquetError::General("a page of 2 GiB".into()))
            };
            let start = self.out.len();
            let mut t = Thrift {
                out: &mut self.out,
                last: 0,
            };
            t.i32(1, kind);
            t.i32(2, size(body.len())?);
            t.i32(3, size(z.buf.len())?);
            header(&mut t);
            t.stop();
            let head = self.out.len() - start;
            self.out.extend_from_slice(&z.buf);
            self.uncompressed += head + body.len();
            Ok(())
        })
    }

    /// The dictionary page: `entries` values, PLAIN, in `body`. Comes first.
    pub(super) fn dictionary(&mut self, body: &[u8], entries: usize) -> Result<(), ParquetError> {
        self.dictionary = true;
        self.note(Encoding::PLAIN);
        self.page(2, body, |t| {
            t.field(7, Thrift::STRUCT);
            t.last = 0;
            t.i32(1, entries as i32);
            t.i32(2, Encoding::PLAIN as i32);
            t.field(3, Thrift::FALSE);
            t.stop();
        })
    }

    /// A data page of version 1 of `rows` rows (nulls included).
    pub(super) fn data(
        &mut self,
        body: &[u8],
        rows: usize,
        encoding: Encoding,
        nullable: bool,
    ) -> Result<(), ParquetError> {
        self.data_offset.get_or_insert(self.out.len());
        self.note(encoding);
        if nullable {
            self.note(Encoding::RLE);
        }
        self.values += rows as u64;
        self.page(0, body, |t| {
            t.field(5, Thrift::STRUCT);
            t.last = 0;
            t.i32(1, rows as i32);
            t.i32(2, encoding as i32);
            t.i32(3, Encoding::RLE as i32);
            t.i32(4, Encoding::RLE as i32);
            t.stop();
        })
    }

    fn note(&mut self, e: Encoding) {
        if !self.encodings.contains(&e) {
            self.encodings.push(e);
        }
    }

    /// The chunk's bytes and what the footer will need of it.
    pub(super) fn finish(self) -> (Bytes, ChunkMeta) {
        let meta = ChunkMeta {
            uncompressed: self.uncompressed as u64,
            values: self.values,
            data: self.data_offset.unwrap_or(0) as u64,
            dictionary: self.dictionary,
            encodings: EncodingMask::new_from_encodings(self.encodings.iter()),
        };
        (Bytes::from(self.out), meta)
    }
}

/// What the footer needs of a column chunk besides its place and length, kept
/// until the file closes: a few dozen bytes, where the parquet crate's record of a
/// chunk (`ColumnChunkMetaData` and the page index slots beside it) is several
/// hundred, which at 200,000 reports was over 20 MiB of a run's memory.
#[derive(Debug, Clone, Copy)]
pub(super) struct ChunkMeta {
    /// Bytes of the pages before compression (their headers included).
    pub(super) uncompressed: u64,
    /// Values, nulls included.
    pub(super) values: u64,
    /// Where the first data page begins, from the start of the chunk.
    pub(super) data: u64,
    /// Whether the chunk begins with a dictionary page.
    pub(super) dictionary: bool,
    pub(super) encodings: EncodingMask,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(vals: &[u32], width: u8) -> Vec<u8> {
        let mut out = Vec::new();
        hybrid(vals, width, &mut out);
        out
    }

    #[test]
    fn widths() {
        assert_eq!(bit_width(0), 0);
        assert_eq!(bit_width(1), 1);
        assert_eq!(bit_width(7), 3);
        assert_eq!(bit_width(8), 4);
        assert_eq!(bit_width(255), 8);
        assert_eq!(bit_width(256), 9);
    }

    #[test]
    fn long_runs_are_repeated_runs() {
        // 100 times 3 at width 2: header 200 (ULEB128: 0xC8 0x01), one byte of value.
        assert_eq!(enc(&[3; 100], 2), [0xC8, 0x01, 3]);
        // Width 9 takes two bytes of value: 258 = 0x0102.
        assert_eq!(enc(&[258; 8], 9), [16, 0x02, 0x01]);
        // Width 0 (a dictionary of one entry): no value bytes.
        assert_eq!(enc(&[0; 20], 0), [40]);
    }

    #[test]
    fn short_runs_are_bit_packed_and_padded() {
        // 0..8 at width 3: one group (header 0b11), 24 bits, least significant first:
        // 0,1,2 → 0b10_001_000 = 0x88; 3,4,5 (with 2's last bit) → 0xC6 … by hand:
        // bits 0..24 = 000 100 010 110 001 101 011 111 read from value 0 up.
        assert_eq!(enc(&[0, 1, 2, 3, 4, 5, 6, 7], 3), [3, 0x88, 0xC6, 0xFA]);
        // Three values at width 1, padded to a group: 1,0,1 → 0b101.
        assert_eq!(enc(&[1, 0, 1], 1), [3, 0b101]);
        // A group then a run: the group ends where eight equal values start.
        assert_eq!(
            enc(&[1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1], 1),
            [3, 0b0101_0101, 18, 1]
        );
    }

    #[test]
    fn wide_and_narrow_packing_agree() {
        // Thirteen values padded to sixteen, at widths packed a group at a time
        // (up to 16) and bit by bit (above), read back bit by bit.
        for width in [5u8, 16, 17, 20] {
            let vals: Vec<u32> = (0..13).map(|k| (k * 9_973) % (1 << width)).collect();
            let mut out = Vec::new();
            pack(&vals, width, 16, &mut out);
            assert_eq!(out.len(), 2 * usize::from(width));
            let bit = |b: usize| (out[b / 8] >> (b % 8)) & 1;
            for (k, &v) in vals.iter().enumerate() {
                let w = usize::from(width);
                let back = (0..w).fold(0u32, |a, j| a | (u32::from(bit(k * w + j)) << j));
                assert_eq!(back, v, "value {k} at width {width}");
            }
            assert!((vals.len() * usize::from(width)..out.len() * 8).all(|b| bit(b) == 0));
        }
    }

    #[test]
    fn levels_carry_their_length() {
        let (mut s, mut out) = (Vec::new(), Vec::new());
        levels(&[1; 10], &mut s, &mut out);
        assert_eq!(out, [2, 0, 0, 0, 20, 1]);
    }

    #[test]
    fn levels_all_alike_or_mixed() {
        let (mut s, mut out) = (Vec::new(), Vec::new());
        levels(&[0; 13], &mut s, &mut out);
        assert_eq!(out, [2, 0, 0, 0, 26, 0]);
        out.clear();
        // Mixed: the hybrid of the levels, as `hybrid` writes it.
        let mixed = [1, 1, 0, 1, 1, 1, 1, 1, 1];
        levels(&mixed, &mut s, &mut out);
        assert_eq!(out[4..], enc(&[1, 1, 0, 1, 1, 1, 1, 1, 1], 1)[..]);
        assert_eq!(out[..4], [(out.len() - 4) as u8, 0, 0, 0]);
        out.clear();
        levels(&[], &mut s, &mut out);
        assert_eq!(out, [0, 0, 0, 0]);
    }

    #[test]
    fn thrift_integers_are_zigzag() {
        let mut out = Vec::new();
        let mut t = Thrift {
            out: &mut out,
            last: 0,
        };
        t.i32(1, 0);
        t.i32(2, -1);
        t.i32(3, 300);
        t.stop();
        // 300 zigzag = 600 = 0xD8 0x04.
        assert_eq!(out, [0x15, 0, 0x15, 1, 0x15, 0xD8, 0x04, 0]);
    }
}
