//! The open Parquet files of a run: row groups appended in input order, footers
//! written when the run completes.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use ::parquet::file::writer::SerializedFileWriter;

use super::columns::{BlockData, TableData};
use super::encode::{encode_table, EncodedGroup};
use super::schema::schemas;
use super::{gathered, pq_err, FILES, GROUP_BYTES};
use crate::out::sink::Tables;
use crate::Error;

/// The open Parquet files of one run, in a temporary folder inside the output
/// folder until the run completes (as the CSV files).
pub struct Output {
    tmp: PathBuf,
    dir: PathBuf,
    files: Vec<Option<(PathBuf, SerializedFileWriter<BufWriter<File>>)>>,
    /// Per table the writer gathers ([`gathered`]), its rows not yet written.
    gathering: Vec<TableData>,
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
        self.flush_gathered()?;
        let (mut names, mut stale) = (Vec::new(), Vec::new());
        let mut open = Vec::new();
        for (name, f) in FILES.iter().zip(std::mem::take(&mut self.files)) {
            match f {
                Some(f) => {
                    names.push(name.to_string());
                    open.push(f);
                }
                None => stale.push(name.to_string()),
            }
        }
        // The writer builds a file's footer from the metadata it holds of each
        // column chunk, a second copy while it is written: the file with the most
        // chunks is closed last, when the others' metadata is freed.
        open.sort_by_key(|(_, w)| {
            w.flushed_row_groups()
                .iter()
                .map(|g| g.num_columns())
                .sum::<usize>()
        });
        for (path, w) in open {
            let buf = w.into_inner().map_err(|e| {
                Error::Internal(format!("{}: writing Parquet failed: {e}", path.display()))
            })?;
            buf.into_inner()
                .map_err(|e| Error::io(&path, e.into_error()))?;
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
