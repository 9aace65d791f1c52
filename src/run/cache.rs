//! `--incremental`: what a run remembers so that the next one parses only the files
//! whose bytes changed.
//!
//! Beside the CSV files, a run writes `.zfxxgk-cache`: for every input, in report
//! order, its size, modification time and content hash (BLAKE3), the numbers the
//! summary needs, its cross-year summary, and how many bytes its rows take in each
//! CSV file. The CSV files themselves hold the rows, in the same order, so nothing
//! is stored twice. On the next run a file whose size and time are unchanged, or
//! whose bytes hash the same, keeps its rows: they are copied from the previous
//! CSV files. When every input is unchanged, no file was added or removed and the
//! CSV files are as the last run left them, nothing is rewritten at all.
//!
//! The cache is tied to the tool version, the grammars and the output options: any
//! difference, or a damaged cache, means a full run.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::model::report::Status;
use crate::run::crossyear::Carry;
use crate::Error;

/// The cache file, inside the output folder.
pub const FILE: &str = ".zfxxgk-cache";
const MAGIC: &[u8; 16] = b"ZFXXGK-CACHE-v5\n";

/// What tells, without reading a file, that its bytes did not change: its size,
/// its modification time and (on Unix) its inode and status-change time, which no
/// tool can set back after a write, as git does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stamp {
    pub size: u64,
    pub mtime_ns: i64,
    pub ctime_ns: i64,
    pub inode: u64,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i64);
        #[cfg(unix)]
        let (ctime_ns, inode) = {
            use std::os::unix::fs::MetadataExt;
            (meta.ctime() * 1_000_000_000 + meta.ctime_nsec(), meta.ino())
        };
        #[cfg(not(unix))]
        let (ctime_ns, inode) = (0, 0);
        Stamp {
            size: meta.len(),
            mtime_ns,
            ctime_ns,
            inode,
        }
    }

    fn put(&self, w: &mut impl Write) -> std::io::Result<()> {
        put_u64(w, self.size)?;
        put_u64(w, self.mtime_ns as u64)?;
        put_u64(w, self.ctime_ns as u64)?;
        put_u64(w, self.inode)
    }

    fn get<R: Read>(r: &mut Reader<R>) -> std::io::Result<Stamp> {
        Ok(Stamp {
            size: r.u64()?,
            mtime_ns: r.u64()? as i64,
            ctime_ns: r.u64()? as i64,
            inode: r.u64()?,
        })
    }
}

/// A content hash (the first 16 bytes of BLAKE3).
pub type Hash = [u8; 16];

pub fn hash(bytes: &[u8]) -> Hash {
    let mut h = [0u8; 16];
    h.copy_from_slice(&blake3::hash(bytes).as_bytes()[..16]);
    h
}

/// A 64-bit hash that is the same in every build and on every machine (the first
/// 8 bytes of BLAKE3), for what the index stores: std's hashers promise no such
/// thing across Rust releases.
pub fn stable_u64(bytes: &[u8]) -> u64 {
    let mut h = [0u8; 8];
    h.copy_from_slice(&blake3::hash(bytes).as_bytes()[..8]);
    u64::from_le_bytes(h)
}

/// What an input's note (see [`crate::run::discover::Input::note`]) adds to its rows,
/// as the index keeps it: 0 for none. Rows are kept only when it is the same.
pub fn note_hash(note: Option<&str>) -> u64 {
    note.map_or(0, |n| stable_u64(n.as_bytes()).max(1))
}

/// One input as the last run saw it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub report_id: String,
    pub stamp: Stamp,
    pub hash: Hash,
    /// The input's note, hashed ([`note_hash`]).
    pub note: u64,
    /// Index into `Summary::by_status`.
    pub status: u8,
    pub cells: u32,
    pub checks_failed: u32,
    pub bytes: u64,
    pub carry: Option<Carry>,
    /// Bytes of this report's rows in each output file, in the writer's order.
    pub spans: [u64; 7],
}

/// The whole cache as a rerun holds it: what it is valid for, the CSV files it
/// describes, and per entry only what tells whether its input changed. The rest of
/// each entry (summary numbers, cross-year summary, row spans) stays in the file and
/// is read again, in order, by [`OldRows`] for the reports that are kept: at
/// 200,000 reports holding whole entries took more memory than the run itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    pub path: PathBuf,
    pub fingerprint: String,
    /// Header length and final (size, mtime) of each CSV file as written.
    pub headers: [u64; 7],
    pub outputs: [Stamp; 7],
    /// How many cross-year checks failed in that run (the summary of a rerun
    /// that finds nothing changed says it again without recomputing them).
    pub cross_year_failed: u64,
    /// Per entry, in report order: its stamp and hash.
    pub entries: Vec<Key>,
    /// The summary numbers of all entries together, for a rerun that finds
    /// nothing changed.
    pub totals: Totals,
    /// Where the first entry starts in the file.
    entries_at: u64,
}

/// What tells whether an input changed since the last run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub stamp: Stamp,
    pub hash: Hash,
    pub note: u64,
}

/// Summary numbers summed over entries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub by_status: [usize; 4],
    pub cells: usize,
    pub checks_failed: usize,
    pub bytes: u64,
}

impl Totals {
    pub fn add(&mut self, e: &Entry) {
        self.bytes += e.bytes;
        self.cells += e.cells as usize;
        self.checks_failed += e.checks_failed as usize;
        // A byte no status has (a damaged index) counts as unreadable.
        let status = Status::from_code(e.status).unwrap_or(Status::Unreadable);
        self.by_status[usize::from(status.code())] += 1;
    }
}

/// Why a previous index was not used: a full run follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// No index in the output folder (the first `--incremental` run).
    Missing,
    /// The index could not be read back.
    Damaged,
    /// Written by another version of zfxxgk (the version it names).
    Version(String),
    /// Written by an earlier version of zfxxgk, in an earlier layout.
    Layout,
    /// Written with other grammars.
    Grammars,
    /// Written with (`true`) or without `--excel`, unlike this run.
    Excel(bool),
    /// The CSV files are not as the index says they were left.
    OutputsChanged,
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::Missing => write!(f, "there is no index from an earlier --incremental run"),
            Stale::Damaged => write!(f, "the index is damaged"),
            Stale::Version(v) => write!(
                f,
                "the index was written by zfxxgk {v}, this is {}",
                env!("CARGO_PKG_VERSION")
            ),
            Stale::Layout => write!(f, "the index was written by an earlier version of zfxxgk"),
            Stale::Grammars => write!(f, "the index was written with other grammars"),
            Stale::Excel(true) => write!(f, "the index was written with --excel"),
            Stale::Excel(false) => write!(f, "the index was written without --excel"),
            Stale::OutputsChanged => {
                write!(f, "the CSV files were changed since the index was written")
            }
        }
    }
}

/// Why an index with fingerprint `old` does not fit `new` ([`fingerprint`]).
fn mismatch(old: &str, new: &str) -> Stale {
    let field = |fp: &str, name: &str| -> String {
        let words: Vec<&str> = fp.split(' ').collect();
        words
            .iter()
            .position(|w| *w == name)
            .and_then(|k| words.get(k + 1))
            .map_or(String::new(), |w| w.to_string())
    };
    if field(old, "zfxxgk") != field(new, "zfxxgk") {
        Stale::Version(field(old, "zfxxgk"))
    } else if field(old, "output") != field(new, "output") {
        // Rows written by an earlier revision of the output files under the same
        // version number (the writer's revision, given to `fingerprint`).
        Stale::Layout
    } else if field(old, "grammars") != field(new, "grammars") {
        Stale::Grammars
    } else if field(old, "excel") != field(new, "excel") {
        Stale::Excel(field(old, "excel") == "true")
    } else {
        Stale::Damaged
    }
}

/// What the cache is valid for: the tool's version, the revision of the rows it
/// points into (`outputs`, the writer's to say), the hash of its grammars (the
/// compiled-in files and any `--grammar` files) and the output options.
pub fn fingerprint(outputs: u32, excel: bool, grammars: &crate::grammar::Grammars) -> String {
    let mut h = blake3::Hasher::new();
    for (name, src) in crate::grammar::SOURCES {
        h.update(name.as_bytes());
        h.update(src.as_bytes());
    }
    let (name, src) = crate::grammar::common::SOURCE;
    h.update(name.as_bytes());
    h.update(src.as_bytes());
    // Templates loaded with --grammar: their text, not their path.
    for src in grammars.loaded_sources() {
        h.update(b"--grammar");
        h.update(src.as_bytes());
    }
    format!(
        "zfxxgk {} output {} grammars {} excel {}",
        env!("CARGO_PKG_VERSION"),
        outputs,
        &h.finalize().to_hex()[..16],
        excel
    )
}

fn put_u64(w: &mut impl Write, v: u64) -> std::io::Result<()> {
    w.write_all(&v.to_le_bytes())
}

fn put_bytes(w: &mut impl Write, b: &[u8]) -> std::io::Result<()> {
    put_u64(w, b.len() as u64)?;
    w.write_all(b)
}

struct Reader<R: Read> {
    r: R,
}

impl<R: Read> Reader<R> {
    fn u64(&mut self) -> std::io::Result<u64> {
        let mut b = [0u8; 8];
        self.r.read_exact(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }
    fn bytes(&mut self, max: u64) -> std::io::Result<Vec<u8>> {
        let n = self.u64()?;
        if n > max {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "length out of range",
            ));
        }
        let mut v = vec![0u8; n as usize];
        self.r.read_exact(&mut v)?;
        Ok(v)
    }
    fn string(&mut self) -> std::io::Result<String> {
        String::from_utf8(self.bytes(1 << 16)?)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }
}

impl Cache {
    /// Reads the cache at `path`, and pairs each of `inputs` with its entry (both
    /// are in report-id order, so one merge pass does it while reading, and the ids
    /// themselves need not be kept). `None` when the cache is missing, damaged, or
    /// made for another fingerprint, and why: a full run follows.
    pub fn load(
        path: &Path,
        fingerprint: &str,
        inputs: &crate::run::discover::Inputs,
    ) -> Result<(Cache, Vec<Option<u32>>), Stale> {
        let f = File::open(path).map_err(|_| Stale::Missing)?;
        let mut r = Reader {
            r: BufReader::with_capacity(1 << 16, f),
        };
        let mut magic = [0u8; 16];
        r.r.read_exact(&mut magic).map_err(|_| Stale::Damaged)?;
        if &magic != MAGIC {
            // An index of an older layout is one of an older version.
            return Err(match magic.starts_with(b"ZFXXGK-CACHE-v") {
                true => Stale::Layout,
                false => Stale::Damaged,
            });
        }
        let fp = r.string().map_err(|_| Stale::Damaged)?;
        if fp != fingerprint {
            return Err(mismatch(&fp, fingerprint));
        }
        Self::load_entries(r, path, fp, inputs).ok_or(Stale::Damaged)
    }

    fn load_entries(
        mut r: Reader<BufReader<File>>,
        path: &Path,
        fp: String,
        inputs: &crate::run::discover::Inputs,
    ) -> Option<(Cache, Vec<Option<u32>>)> {
        let mut headers = [0u64; 7];
        let mut outputs = [Stamp::default(); 7];
        for i in 0..7 {
            headers[i] = r.u64().ok()?;
            outputs[i] = Stamp::get(&mut r).ok()?;
        }
        let cross_year_failed = r.u64().ok()?;
        let n = r.u64().ok()?;
        let entries_at = (MAGIC.len() + 8 + fp.len() + FIXED) as u64;
        let mut entries = Vec::with_capacity(n.min(1 << 22) as usize);
        let mut totals = Totals::default();
        let mut paired = vec![None; inputs.len()];
        let mut next = 0;
        let mut previous = String::new();
        for oi in 0..n {
            let e = get_entry(&mut r)?;
            let id = e.report_id.as_str();
            // Sorted ids are what the merge relies on; a cache that breaks it is damaged.
            if oi > 0 && id <= previous.as_str() {
                return None;
            }
            while next < inputs.len() && inputs.id(next) < id {
                next += 1;
            }
            if next < inputs.len() && inputs.id(next) == id {
                paired[next] = Some(u32::try_from(oi).ok()?);
            }
            totals.add(&e);
            entries.push(Key {
                stamp: e.stamp,
                hash: e.hash,
                note: e.note,
            });
            previous = e.report_id;
        }
        Some((
            Cache {
                path: path.to_path_buf(),
                fingerprint: fp,
                headers,
                outputs,
                cross_year_failed,
                entries,
                totals,
                entries_at,
            },
            paired,
        ))
    }

    /// Whether the files `names` in `dir` are as this cache says they were written.
    pub fn outputs_intact(&self, dir: &Path, names: &[&str]) -> bool {
        names.iter().enumerate().all(|(i, name)| {
            std::fs::metadata(dir.join(name))
                .map(|m| Stamp::of(&m) == self.outputs[i])
                .unwrap_or(false)
        })
    }
}

/// Writes a cache entry by entry, as the run goes, so that a run over hundreds of
/// thousands of files does not hold their entries: the fixed part of the header
/// (the CSV files' header lengths and stamps, and the entry count) is written as
/// zeros first and filled in by [`CacheWriter::finish`].
pub struct CacheWriter {
    path: PathBuf,
    w: BufWriter<File>,
    /// Offset of the fixed part of the header.
    fixed_at: u64,
    count: u64,
}

impl CacheWriter {
    pub fn create(path: &Path, fingerprint: &str) -> crate::Result<CacheWriter> {
        let io = |e| Error::io(path, e);
        let f = File::create(path).map_err(io)?;
        let mut w = BufWriter::with_capacity(1 << 16, f);
        w.write_all(MAGIC).map_err(io)?;
        put_bytes(&mut w, fingerprint.as_bytes()).map_err(io)?;
        let fixed_at = (MAGIC.len() + 8 + fingerprint.len()) as u64;
        w.write_all(&[0u8; FIXED]).map_err(io)?;
        Ok(CacheWriter {
            path: path.to_path_buf(),
            w,
            fixed_at,
            count: 0,
        })
    }

    pub fn push(&mut self, e: &Entry) -> crate::Result<()> {
        self.count += 1;
        put_entry(&mut self.w, e).map_err(|err| Error::io(&self.path, err))
    }

    /// Fills in the header and closes the file.
    pub fn finish(
        self,
        headers: [u64; 7],
        outputs: [Stamp; 7],
        cross_year_failed: u64,
    ) -> crate::Result<()> {
        use std::io::{Seek, SeekFrom};
        let path = self.path;
        let io = |e| Error::io(&path, e);
        let mut f = self
            .w
            .into_inner()
            .map_err(|e| Error::io(&path, e.into_error()))?;
        let mut fixed = Vec::with_capacity(FIXED);
        for i in 0..7 {
            put_u64(&mut fixed, headers[i]).map_err(io)?;
            outputs[i].put(&mut fixed).map_err(io)?;
        }
        put_u64(&mut fixed, cross_year_failed).map_err(io)?;
        put_u64(&mut fixed, self.count).map_err(io)?;
        f.seek(SeekFrom::Start(self.fixed_at)).map_err(io)?;
        f.write_all(&fixed).map_err(io)?;
        f.flush().map_err(io)
    }
}

/// Bytes of the fixed part of the header: 7 × (header length + stamp), the failed
/// cross-year checks, the count.
const FIXED: usize = 7 * (8 + 32) + 8 + 8;

fn put_entry(w: &mut impl Write, e: &Entry) -> std::io::Result<()> {
    put_bytes(w, e.report_id.as_bytes())?;
    e.stamp.put(w)?;
    w.write_all(&e.hash)?;
    put_u64(w, e.note)?;
    w.write_all(&[e.status])?;
    put_u64(w, u64::from(e.cells))?;
    put_u64(w, u64::from(e.checks_failed))?;
    put_u64(w, e.bytes)?;
    match &e.carry {
        None => w.write_all(&[0])?,
        Some(c) => {
            w.write_all(&[1])?;
            put_u64(w, u64::from(c.index))?;
            put_u64(w, c.organ)?;
            put_u64(w, c.folder)?;
            put_u64(w, u64::from(c.year))?;
            for v in c.carried_in.iter().chain(&c.carried_out) {
                put_u64(w, i64::from(*v) as u64)?;
            }
        }
    }
    for s in e.spans {
        put_u64(w, s)?;
    }
    Ok(())
}

/// Reads one entry as [`put_entry`] wrote it; `None` when it is damaged.
fn get_entry<R: Read>(r: &mut Reader<R>) -> Option<Entry> {
    let report_id = r.string().ok()?;
    let stamp = Stamp::get(r).ok()?;
    let mut hash = [0u8; 16];
    r.r.read_exact(&mut hash).ok()?;
    let note = r.u64().ok()?;
    let mut b = [0u8; 1];
    r.r.read_exact(&mut b).ok()?;
    let status = b[0];
    if status > 3 {
        return None;
    }
    let cells = u32::try_from(r.u64().ok()?).ok()?;
    let checks_failed = u32::try_from(r.u64().ok()?).ok()?;
    let bytes = r.u64().ok()?;
    r.r.read_exact(&mut b).ok()?;
    let carry = if b[0] == 1 {
        let index = u32::try_from(r.u64().ok()?).ok()?;
        let organ = r.u64().ok()?;
        let folder = r.u64().ok()?;
        let year = u16::try_from(r.u64().ok()?).ok()?;
        let mut carried_in = [0i32; crate::grammar::common::CARRY_COLUMNS];
        let mut carried_out = [0i32; crate::grammar::common::CARRY_COLUMNS];
        for v in carried_in.iter_mut().chain(carried_out.iter_mut()) {
            *v = i32::try_from(r.u64().ok()? as i64).ok()?;
        }
        Some(Carry {
            index,
            organ,
            folder,
            year,
            carried_in,
            carried_out,
        })
    } else {
        None
    };
    let mut spans = [0u64; 7];
    for s in spans.iter_mut() {
        *s = r.u64().ok()?;
    }
    Some(Entry {
        report_id,
        stamp,
        hash,
        note,
        status,
        cells,
        checks_failed,
        bytes,
        carry,
        spans,
    })
}

/// Reads the previous CSV files sequentially, copying the rows of reports that are
/// kept and skipping the rest, and the cache's entries beside them (all three are
/// in report order), so that neither rows nor entries are held.
pub struct OldRows {
    files: Vec<(PathBuf, BufReader<File>)>,
    cache_path: PathBuf,
    entries: Reader<BufReader<File>>,
    count: usize,
    /// The next old entry the readers stand at.
    cursor: usize,
}

/// Copies one file's run of old rows: (file, reader standing at the rows, bytes,
/// the file's path for messages).
pub type CopyRows<'a> =
    dyn FnMut(usize, &mut BufReader<File>, u64, &Path) -> crate::Result<()> + 'a;

impl OldRows {
    /// Opens the previous output files `names` in `dir`, past their headers, and
    /// the cache at its first entry.
    pub fn open(dir: &Path, cache: &Cache, names: &[&str]) -> crate::Result<OldRows> {
        use std::io::{Seek, SeekFrom};
        let mut files = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let path = dir.join(name);
            let f = File::open(&path).map_err(|e| Error::io(&path, e))?;
            let mut r = BufReader::with_capacity(1 << 16, f);
            r.seek(SeekFrom::Start(cache.headers[i]))
                .map_err(|e| Error::io(&path, e))?;
            files.push((path, r));
        }
        let io = |e| Error::io(&cache.path, e);
        let mut f = File::open(&cache.path).map_err(io)?;
        f.seek(SeekFrom::Start(cache.entries_at)).map_err(io)?;
        Ok(OldRows {
            files,
            cache_path: cache.path.clone(),
            entries: Reader {
                r: BufReader::with_capacity(1 << 16, f),
            },
            count: cache.entries.len(),
            cursor: 0,
        })
    }

    /// Hands the rows of old entries `index..index + count` to `copy`, one call
    /// per file with (file, reader at the rows, bytes, path), after skipping the
    /// entries before them, and appends those entries to `out`. The writer copies
    /// (in the kernel where it can); the cache knows only where the rows are.
    pub fn copy_run(
        &mut self,
        index: usize,
        count: usize,
        copy: &mut CopyRows<'_>,
        out: &mut Vec<Entry>,
    ) -> crate::Result<()> {
        if index < self.cursor || index + count > self.count {
            return Err(Error::Internal("incremental cache out of order".into()));
        }
        let damaged = || {
            Error::Internal(format!(
                "{} changed during the run: delete it and run again",
                self.cache_path.display()
            ))
        };
        while self.cursor < index {
            let e = get_entry(&mut self.entries).ok_or_else(damaged)?;
            for (k, (path, r)) in self.files.iter_mut().enumerate() {
                r.seek_relative(e.spans[k] as i64)
                    .map_err(|err| Error::io(path.as_path(), err))?;
            }
            self.cursor += 1;
        }
        let mut bytes = [0u64; 7];
        for _ in 0..count {
            let e = get_entry(&mut self.entries).ok_or_else(damaged)?;
            for (b, s) in bytes.iter_mut().zip(e.spans) {
                *b += s;
            }
            out.push(e);
            self.cursor += 1;
        }
        for (k, (path, r)) in self.files.iter_mut().enumerate() {
            copy(k, r, bytes[k], path)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seven output files, as a run writes them.
    const NAMES: [&str; 7] = [
        "a.csv", "b.csv", "c.csv", "d.csv", "e.csv", "f.csv", "g.csv",
    ];

    /// The index's hashes are BLAKE3, the same in every build: the empty input
    /// hashes to af1349b9f5f9a1a6… (BLAKE3's published test vector), so its first
    /// eight bytes read little-endian are 0xa6a1f9f5b94913af.
    #[test]
    fn stable_hashes_are_blake3() {
        assert_eq!(stable_u64(b""), 0xa6a1_f9f5_b949_13af);
        assert_eq!(note_hash(None), 0);
        assert_ne!(note_hash(Some("")), 0);
    }

    #[test]
    fn written_entry_by_entry_reads_back_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(FILE);
        let entry = |id: &str, carry: Option<Carry>| Entry {
            report_id: id.to_string(),
            stamp: Stamp {
                size: 19_000,
                mtime_ns: 1_700_000_000_123_456_789,
                ctime_ns: 1_700_000_000_000_000_001,
                inode: 42,
            },
            hash: hash(id.as_bytes()),
            note: note_hash(Some("a note")),
            status: 1,
            cells: 198,
            checks_failed: 2,
            bytes: 19_000,
            carry,
            spans: [10, 20, 30, 40, 50, 60, 70],
        };
        let carry = Carry {
            index: 1,
            organ: 7,
            folder: 9,
            year: 2021,
            carried_in: [1, 2, 3, 4, 5, 6, -1],
            carried_out: [i32::MIN; 7],
        };
        let headers = [1, 2, 3, 4, 5, 6, 7];
        let outputs = [Stamp {
            size: 5,
            mtime_ns: 6,
            ctime_ns: 7,
            inode: 8,
        }; 7];
        let entries = vec![
            entry("a/东新街道-2020.txt", None),
            entry("a/东新街道-2021.txt", Some(carry)),
        ];
        let mut w = CacheWriter::create(
            &path,
            &fingerprint(2, false, crate::grammar::Grammars::builtin()),
        )
        .expect("create");
        for e in &entries {
            w.push(e).expect("push");
        }
        w.finish(headers, outputs, 3).expect("finish");
        // Inputs: one kept, one new; the earlier entry's file is gone.
        let dir2 = tempfile::tempdir().expect("temp dir");
        for name in ["东新街道-2021.txt", "东新街道-2022.txt"] {
            std::fs::create_dir_all(dir2.path().join("a")).expect("mkdir");
            std::fs::write(dir2.path().join("a").join(name), "x").expect("write");
        }
        let inputs = crate::run::discover::discover(&[dir2.path().to_path_buf()]).expect("walk");
        let (loaded, paired) = Cache::load(
            &path,
            &fingerprint(2, false, crate::grammar::Grammars::builtin()),
            &inputs,
        )
        .expect("load");
        assert_eq!(
            (loaded.headers, loaded.outputs, loaded.cross_year_failed),
            (headers, outputs, 3)
        );
        let keys: Vec<Key> = entries
            .iter()
            .map(|e| Key {
                stamp: e.stamp,
                hash: e.hash,
                note: e.note,
            })
            .collect();
        assert_eq!(loaded.entries, keys);
        let mut totals = Totals::default();
        entries.iter().for_each(|e| totals.add(e));
        assert_eq!(loaded.totals.by_status, [0, 2, 0, 0]);
        assert_eq!((loaded.totals.cells, loaded.totals.checks_failed), (396, 4));
        assert_eq!(loaded.totals, totals);
        assert_eq!(paired, vec![Some(1), None]);
        // The entries are read back whole, in order, beside the rows: the second
        // one's rows start after the first one's (10, 20, … bytes past each header).
        let out = tempfile::tempdir().expect("temp dir");
        for (i, name) in NAMES.iter().enumerate() {
            let mut bytes = vec![b'h'; headers[i] as usize];
            bytes.extend(std::iter::repeat_n(b'a', entries[0].spans[i] as usize));
            bytes.extend(std::iter::repeat_n(b'b', entries[1].spans[i] as usize));
            std::fs::write(out.path().join(name), bytes).expect("write");
        }
        let mut rows = OldRows::open(out.path(), &loaded, &NAMES).expect("open");
        let mut copied = vec![Vec::new(); NAMES.len()];
        let mut copy = |k: usize, r: &mut BufReader<File>, n: u64, _: &Path| {
            let mut buf = vec![0; n as usize];
            std::io::Read::read_exact(r, &mut buf).expect("read");
            copied[k].extend(buf);
            Ok(())
        };
        let mut got = Vec::new();
        rows.copy_run(1, 1, &mut copy, &mut got).expect("copy");
        assert_eq!(got, vec![entries[1].clone()]);
        assert!(
            rows.copy_run(0, 1, &mut copy, &mut got).is_err(),
            "only forward"
        );
        for (i, rows) in copied.iter().enumerate() {
            assert_eq!(rows, &vec![b'b'; entries[1].spans[i] as usize]);
        }
        // Another fingerprint (another tool version, grammar or --excel): no cache.
        assert_eq!(
            Cache::load(
                &path,
                &fingerprint(2, true, crate::grammar::Grammars::builtin()),
                &inputs
            )
            .err(),
            Some(Stale::Excel(false))
        );
        // An index of the same version whose CSV rows are of an earlier revision.
        let earlier = fingerprint(2, false, crate::grammar::Grammars::builtin())
            .replace(" output 2 ", " output 1 ");
        assert_ne!(
            earlier,
            fingerprint(2, false, crate::grammar::Grammars::builtin())
        );
        assert_eq!(
            mismatch(
                &earlier,
                &fingerprint(2, false, crate::grammar::Grammars::builtin())
            ),
            Stale::Layout
        );
        let other = fingerprint(2, false, crate::grammar::Grammars::builtin())
            .replace(env!("CARGO_PKG_VERSION"), "0.0.1-old");
        assert_eq!(
            mismatch(
                &other,
                &fingerprint(2, false, crate::grammar::Grammars::builtin())
            ),
            Stale::Version("0.0.1-old".into())
        );
    }
}
