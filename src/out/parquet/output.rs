//! The open Parquet files of a run: row groups appended in input order, footers
//! written when the run completes.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use ::parquet::file::writer::SerializedFileWriter;

use super::columns::{BlockData, TableData};
use super::encode::{encode_table, EncodedGroup};
use super::schema::schemas;
use super::{pq_err, FILES, WIDE, WIDE_GROUP};
use crate::out::sink::Tables;
use crate::Error;

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
