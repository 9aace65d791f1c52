//! The open Parquet files of a run: row groups appended in input order, footers
//! written when the run completes.
//!
//! The files are written here, not by the parquet crate's file writer: it held
//! the full metadata of every column chunk until the file closed (several hundred
//! bytes each, and a run writes one per column per block of reports: over 20 MiB
//! at 200,000 reports). Each chunk's place and [`ChunkMeta`] are kept instead, a
//! few dozen bytes, and the crate's metadata is built from them when the file
//! closes, one file at a time, and written by the crate's footer writer.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use ::parquet::basic::{Compression, ZstdLevel};
use ::parquet::errors::ParquetError;
use ::parquet::file::metadata::{
    ColumnChunkMetaData, FileMetaData, ParquetMetaData, ParquetMetaDataWriter, RowGroupMetaData,
};

use super::columns::{BlockData, TableData};
use super::encode::{encode_table, EncodedGroup};
use super::pages::{ChunkMeta, ZSTD_LEVEL};
use super::schema::{schemas, Schema};
use super::{gathered, FILES, GROUP_BYTES};
use crate::out::sink::Tables;
use crate::Error;

/// The magic bytes a Parquet file begins and ends with.
const MAGIC: &[u8; 4] = b"PAR1";

/// One open Parquet file: its bytes so far and what its footer will need.
struct Open {
    path: PathBuf,
    out: BufWriter<File>,
    /// Bytes written so far (the offset of the next chunk).
    at: u64,
    groups: Vec<Group>,
    /// Every column chunk written, row group after row group.
    chunks: Vec<(u64, u64, ChunkMeta)>,
}

/// A row group written: its rows, where it begins, and its chunks' uncompressed
/// bytes (the footer's `total_byte_size`).
struct Group {
    rows: u64,
    at: u64,
    bytes: u64,
}

impl Open {
    fn create(path: PathBuf) -> crate::Result<Open> {
        let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut out = BufWriter::with_capacity(1 << 16, file);
        out.write_all(MAGIC).map_err(|e| Error::io(&path, e))?;
        Ok(Open {
            path,
            out,
            at: MAGIC.len() as u64,
            groups: Vec::new(),
            chunks: Vec::new(),
        })
    }

    fn append(&mut self, group: EncodedGroup) -> crate::Result<()> {
        let start = self.at;
        let mut bytes = 0;
        for (data, meta) in group.chunks {
            self.out
                .write_all(&data)
                .map_err(|e| Error::io(&self.path, e))?;
            self.chunks.push((self.at, data.len() as u64, meta));
            self.at += data.len() as u64;
            bytes += meta.uncompressed;
        }
        self.groups.push(Group {
            rows: group.rows,
            at: start,
            bytes,
        });
        Ok(())
    }

    /// Writes the footer from the chunks' records and flushes the file.
    fn finish(mut self, schema: &Schema) -> crate::Result<()> {
        let meta = self.metadata(schema).map_err(|e| {
            Error::Internal(format!(
                "{}: writing Parquet failed: {e}",
                self.path.display()
            ))
        })?;
        ParquetMetaDataWriter::new(&mut self.out, &meta)
            .finish()
            .map_err(|e| {
                Error::Internal(format!(
                    "{}: writing Parquet failed: {e}",
                    self.path.display()
                ))
            })?;
        drop(meta);
        let path = self.path;
        self.out
            .into_inner()
            .map_err(|e| Error::io(&path, e.into_error()))?;
        Ok(())
    }

    /// The crate's metadata of the whole file, the same the crate's file writer
    /// would have built for these chunks.
    fn metadata(&self, schema: &Schema) -> Result<ParquetMetaData, ParquetError> {
        let codec = Compression::ZSTD(ZstdLevel::try_new(ZSTD_LEVEL)?);
        let width = schema.cols.len();
        if self.groups.len() > i16::MAX as usize {
            return Err(ParquetError::General(format!(
                "{} row groups; a Parquet file holds at most {}",
                self.groups.len(),
                i16::MAX
            )));
        }
        let mut row_groups = Vec::with_capacity(self.groups.len());
        for (ordinal, (g, chunks)) in self
            .groups
            .iter()
            .zip(self.chunks.chunks(width))
            .enumerate()
        {
            let mut cols = Vec::with_capacity(width);
            for (i, &(at, len, m)) in chunks.iter().enumerate() {
                cols.push(
                    ColumnChunkMetaData::builder(schema.descr.column(i))
                        .set_compression(codec)
                        .set_encodings_mask(m.encodings)
                        .set_total_compressed_size(len as i64)
                        .set_total_uncompressed_size(m.uncompressed as i64)
                        .set_num_values(m.values as i64)
                        .set_data_page_offset((at + m.data) as i64)
                        .set_dictionary_page_offset(m.dictionary.then_some(at as i64))
                        .build()?,
                );
            }
            row_groups.push(
                RowGroupMetaData::builder(schema.descr.clone())
                    .set_column_metadata(cols)
                    .set_total_byte_size(g.bytes as i64)
                    .set_num_rows(g.rows as i64)
                    .set_ordinal(ordinal as i16)
                    .set_file_offset(g.at as i64)
                    .build()?,
            );
        }
        let rows = self.groups.iter().map(|g| g.rows as i64).sum();
        let file = FileMetaData::new(
            schema.props.writer_version().as_num(),
            rows,
            Some(schema.props.created_by().to_string()),
            None,
            schema.descr.clone(),
            None,
        );
        Ok(ParquetMetaData::new(file, row_groups))
    }
}

/// The open Parquet files of one run, in a temporary folder inside the output
/// folder until the run completes (as the CSV files).
pub struct Output {
    tmp: PathBuf,
    dir: PathBuf,
    files: Vec<Option<Open>>,
    /// Per table the writer gathers ([`gathered`]), its rows not yet written.
    gathering: Vec<TableData>,
    done: bool,
}

impl Output {
    pub fn create(dir: &Path, tables: Tables) -> crate::Result<Output> {
        let tmp = crate::out::staging::partial_dir(dir)?;
        let mut files = Vec::new();
        for (i, name) in FILES.iter().enumerate() {
            files.push(match tables.has(i) {
                true => Some(Open::create(tmp.join(name))?),
                false => None,
            });
        }
        Ok(Output {
            tmp,
            dir: dir.to_path_buf(),
            files,
            gathering: vec![TableData::default(); FILES.len()],
            done: false,
        })
    }

    /// Appends the row groups a block encoded, one per table, and gathers its rows
    /// of the other tables ([`gathered`]), writing a row group when one is full.
    pub fn append_block(&mut self, b: &mut BlockData) -> crate::Result<()> {
        for (table, group) in b.encoded.drain(..) {
            self.append_group(table, group)?;
        }
        for t in 0..FILES.len() {
            let Some(group) = gathered(t) else { continue };
            let (mine, theirs) = (&mut self.gathering[t], &mut b.tables[t]);
            if mine.rows == 0 {
                // Room for one group and the block that fills it, once: grown by
                // doubling, wide's buffer of over four hundred columns was twice
                // as large.
                mine.reserve_rows(theirs, group + theirs.rows);
            }
            mine.append(theirs);
            if mine.rows >= group || mine.text_bytes() >= GROUP_BYTES {
                if let Some(g) = encode_table(t, &mut self.gathering[t])? {
                    self.append_group(t, g)?;
                }
            }
        }
        Ok(())
    }

    /// Writes the rows gathered and not yet written.
    fn flush_gathered(&mut self) -> crate::Result<()> {
        for t in 0..FILES.len() {
            if let Some(g) = encode_table(t, &mut self.gathering[t])? {
                self.append_group(t, g)?;
            }
        }
        Ok(())
    }

    /// Appends one encoded row group to the file of `table`.
    pub fn append_group(&mut self, table: usize, group: EncodedGroup) -> crate::Result<()> {
        match self.files.get_mut(table) {
            Some(Some(f)) => f.append(group),
            _ => Ok(()),
        }
    }

    /// Writes every file's footer and moves the files into the output folder.
    pub fn finish(mut self) -> crate::Result<()> {
        self.flush_gathered()?;
        let schemas = schemas()?;
        let (mut names, mut stale) = (Vec::new(), Vec::new());
        for (i, (name, f)) in FILES
            .iter()
            .zip(std::mem::take(&mut self.files))
            .enumerate()
        {
            match f {
                Some(f) => {
                    f.finish(&schemas[i])?;
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

    /// What a run keeps per column chunk until its file closes: it grows with the
    /// archive (a chunk per column per block), so it must stay a few dozen bytes.
    #[test]
    fn a_chunk_record_is_small() {
        assert_eq!(std::mem::size_of::<(u64, u64, ChunkMeta)>(), 48);
        assert_eq!(std::mem::size_of::<Group>(), 24);
    }
}
