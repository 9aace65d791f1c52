//! Running the whole job: find the files, parse them in parallel, write the results
//! in input order. Inputs are processed in ordered chunks: each chunk is parsed and
//! rendered on all cores while the previous one is written, so memory stays bounded
//! by a few chunks, not the archive, and the output is byte-identical whatever the
//! number of threads. Cross-year checks run at the end over small per-report
//! summaries.

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

use crate::cache::{self, Cache, CacheWriter, Entry, OldRows, Stamp};
use crate::crossyear::Carry;
use crate::discover::{discover, Input};
use crate::output::{Format, Renderer, Sink};
use crate::report::{parse_report, Report};
use crate::write::Rendered;

/// Files larger than this are reported, not read (50 MiB).
pub const DEFAULT_MAX_BYTES: u64 = 50 * 1024 * 1024;
/// Reports parsed before their rows are written.
const CHUNK: usize = 64;

/// What to run.
#[derive(Debug, Clone)]
pub struct Options {
    pub inputs: Vec<PathBuf>,
    pub out_dir: PathBuf,
    pub max_bytes: u64,
    pub excel: bool,
    /// CSV files, or JSON Lines (`out_dir` `-`: standard output).
    pub format: Format,
    /// Parse only the files whose bytes changed since the last run into `out_dir`
    /// (CSV only; see [`crate::cache`]).
    pub incremental: bool,
}

impl Options {
    pub fn new(inputs: Vec<PathBuf>, out_dir: PathBuf) -> Options {
        Options {
            inputs,
            out_dir,
            max_bytes: DEFAULT_MAX_BYTES,
            excel: false,
            format: Format::Csv,
            incremental: false,
        }
    }
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub files: usize,
    /// Files by status: ok, partial, not_report, unreadable.
    pub by_status: [usize; 4],
    pub cells: usize,
    pub checks_failed: usize,
    /// Cross-year checks that failed (checks.csv `cross_year_carry`).
    pub cross_year_failed: usize,
    /// With `--incremental`: files whose rows were kept from the previous run.
    pub unchanged: usize,
    pub bytes: u64,
    pub seconds: f64,
}

/// Reads one input file into a report; never fails.
pub fn process(input: &Input, max_bytes: u64) -> (Report, u64) {
    match load(input, max_bytes) {
        Ok((bytes, _)) => (parse_report(&input.report_id, &bytes), bytes.len() as u64),
        Err(r) => (*r, 0),
    }
}

/// The bytes of one input and its stamp, or the report that says why they cannot
/// be had.
fn load(input: &Input, max_bytes: u64) -> Result<(Vec<u8>, Stamp), Box<Report>> {
    let unreadable = |msg: String| Box::new(Report::unreadable(&input.report_id, msg));
    if let Some(msg) = &input.walk_error {
        return Err(unreadable(msg.clone()));
    }
    let meta = std::fs::metadata(&input.path).map_err(|e| {
        unreadable(format!(
            "The file could not be opened ({}): check that it still exists and is readable.",
            e.kind()
        ))
    })?;
    if meta.is_dir() {
        return Err(unreadable(
            "This is a folder whose name ends in .txt, not a report file: rename it or leave it out."
                .to_string(),
        ));
    }
    if meta.len() > max_bytes {
        return Err(unreadable(format!(
            "The file is {} bytes, over the limit of {max_bytes}: it is unlikely to be one report; split it or raise --max-bytes.",
            meta.len()
        )));
    }
    let bytes = std::fs::read(&input.path).map_err(|e| {
        unreadable(format!(
            "The file could not be read ({}): check that it still exists and is readable.",
            e.kind()
        ))
    })?;
    if bytes.len() as u64 > max_bytes {
        return Err(unreadable(format!(
            "The file is {} bytes, over the limit of {max_bytes}: split it or raise --max-bytes.",
            bytes.len()
        )));
    }
    Ok((bytes, Stamp::of(&meta)))
}

/// One report as the writer needs it: its rendered rows (or where to copy them
/// from) and its cache entry. The report itself (its text, its cells) is dropped on
/// the worker that parsed it.
struct Done {
    rendered: Rendered,
    /// Copy the rows of this entry of the previous run instead.
    reuse: Option<usize>,
    entry: Entry,
}

fn work(
    index: usize,
    input: &Input,
    opts: &Options,
    renderer: Renderer,
    old: Option<(usize, &Entry)>,
) -> crate::Result<Done> {
    // Unchanged since the last run: same size and time, or else the same bytes.
    if let Some((oi, e)) = old {
        if input.walk_error.is_none() {
            if let Ok(meta) = std::fs::metadata(&input.path) {
                if meta.is_file() && Stamp::of(&meta) == e.stamp {
                    return Ok(reused(index, oi, e, e.stamp, &input.report_id));
                }
            }
        }
    }
    let (report, bytes, stamp, hash) = match load(input, opts.max_bytes) {
        Ok((bytes, stamp)) => {
            let h = if opts.incremental {
                cache::hash(&bytes)
            } else {
                [0; 16]
            };
            if let Some((oi, e)) = old {
                if h == e.hash {
                    return Ok(reused(index, oi, e, stamp, &input.report_id));
                }
            }
            let n = bytes.len() as u64;
            (parse_report(&input.report_id, &bytes), n, stamp, h)
        }
        Err(r) => (*r, 0, Stamp::default(), [0; 16]),
    };
    let rendered = renderer.render(&report)?;
    let entry = Entry {
        report_id: input.report_id.clone(),
        stamp,
        hash,
        status: report.status as u8,
        cells: report.cells_read() as u32,
        checks_failed: report.checks_failed() as u32,
        bytes,
        carry: crate::crossyear::summarize(index as u32, &report),
        spans: rendered.files.each_ref().map(|f| f.len() as u64),
    };
    Ok(Done {
        rendered,
        reuse: None,
        entry,
    })
}

/// A report kept from the previous run, at its new position.
fn reused(index: usize, oi: usize, e: &Entry, stamp: Stamp, report_id: &str) -> Done {
    let mut entry = e.clone();
    entry.report_id = report_id.to_string();
    entry.stamp = stamp;
    if let Some(c) = &mut entry.carry {
        c.index = index as u32;
    }
    Done {
        rendered: Rendered::default(),
        reuse: Some(oi),
        entry,
    }
}

fn add(summary: &mut Summary, e: &Entry) {
    summary.bytes += e.bytes;
    summary.cells += e.cells as usize;
    summary.checks_failed += e.checks_failed as usize;
    summary.by_status[usize::from(e.status.min(3))] += 1;
}

/// Runs the extraction; `progress` is called with the number of files done and the
/// total, once when the inputs are found and after each chunk.
///
/// The main thread hands ordered chunks of inputs to rayon's workers, which read,
/// parse and render each report; a writer thread appends the rendered chunks in
/// order. At most a few chunks are in flight (a bounded channel), so memory does not
/// grow with the archive; parsing the next chunk overlaps writing the last.
pub fn run(opts: &Options, progress: &(dyn Fn(usize, usize) + Sync)) -> crate::Result<Summary> {
    let start = Instant::now();
    let inputs = discover(&opts.inputs)?;
    // The total is known before the first chunk is parsed: show it at once.
    progress(0, inputs.len());
    let total = inputs.len();
    let incremental = opts.incremental && opts.format == Format::Csv;
    let cache_path = opts.out_dir.join(cache::FILE);
    let fingerprint = cache::fingerprint(opts.excel);
    let (old, paired) = match incremental {
        true => Cache::load(&cache_path, &fingerprint, &inputs)
            .filter(|(c, _)| c.outputs_intact(&opts.out_dir))
            .map_or((None, Vec::new()), |(c, p)| (Some(c), p)),
        false => (None, Vec::new()),
    };
    let pair = |k: usize| -> Option<(usize, &Entry)> {
        let old = old.as_ref()?;
        let oi = (*paired.get(k)?)? as usize;
        Some((oi, &old.entries[oi]))
    };

    // Nothing changed: the same files with the same stamps, and the outputs as the
    // last run left them. Then there is nothing to write.
    if let Some(c) = &old {
        let same = c.entries.len() == total
            && (0..total).into_par_iter().all(|k| {
                let i = inputs.get(k);
                i.walk_error.is_none()
                    && pair(k).is_some_and(|(_, e)| {
                        std::fs::metadata(&i.path)
                            .is_ok_and(|m| m.is_file() && Stamp::of(&m) == e.stamp)
                    })
            });
        if same {
            let mut summary = Summary {
                files: total,
                ..Summary::default()
            };
            for e in &c.entries {
                add(&mut summary, e);
            }
            summary.cross_year_failed = c.cross_year_failed as usize;
            progress(total, total);
            summary.unchanged = total;
            summary.seconds = start.elapsed().as_secs_f64();
            return Ok(summary);
        }
    }

    let mut old_rows = match &old {
        Some(c) => Some(OldRows::open(&opts.out_dir, c)?),
        None => None,
    };
    let mut sink = Sink::create(&opts.out_dir, opts.format, opts.excel)?;
    let renderer = sink.renderer();
    // The new cache is streamed beside the outputs and completed after them.
    let cache_tmp = opts.out_dir.join(format!("{}.partial", cache::FILE));
    let mut cache_out = match incremental {
        true => Some(CacheWriter::create(&cache_tmp, &fingerprint)?),
        false => None,
    };
    let (sink, mut summary, cache_out, carries) = std::thread::scope(|s| -> crate::Result<_> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Done>>(2);
        let writer = s.spawn(
            move || -> crate::Result<(Sink, Summary, Option<CacheWriter>, Vec<Carry>)> {
                let mut summary = Summary {
                    files: total,
                    ..Summary::default()
                };
                let mut carries = Vec::with_capacity(total);
                let mut copied = Rendered::default();
                for batch in rx {
                    for d in batch {
                        match (d.reuse, old_rows.as_mut()) {
                            (Some(oi), Some(rows)) => {
                                rows.take(oi, &mut copied.files)?;
                                sink.append(&copied)?;
                                summary.unchanged += 1;
                            }
                            _ => sink.append(&d.rendered)?,
                        }
                        add(&mut summary, &d.entry);
                        if let Some(w) = cache_out.as_mut() {
                            w.push(&d.entry)?;
                        }
                        // Of each report only the small cross-year summary is kept.
                        carries.extend(d.entry.carry);
                    }
                }
                Ok((sink, summary, cache_out, carries))
            },
        );
        let mut failed = None;
        for base in (0..total).step_by(CHUNK) {
            let end = (base + CHUNK).min(total);
            let batch: crate::Result<Vec<Done>> = (base..end)
                .into_par_iter()
                .map(|k| {
                    let i = inputs.get(k);
                    work(k, &i, opts, renderer, pair(k))
                })
                .collect();
            match batch {
                Ok(b) => {
                    // A closed channel means the writer failed: its error is returned below.
                    if tx.send(b).is_err() {
                        break;
                    }
                }
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
            progress(end, total);
        }
        drop(tx);
        let written = writer
            .join()
            .map_err(|_| crate::Error::Usage("the writer thread stopped unexpectedly".into()))?;
        if let Some(e) = failed {
            return Err(e);
        }
        written
    })?;
    let mut sink = sink;
    // Pair by pair, a batch at a time: an archive of one organ over seven years
    // has six checks per report, and their rows need not all be held at once.
    // Rendered on every core, sixteen batches at a time, appended in order.
    let pairs = crate::crossyear::pairs(&carries);
    for group in pairs.chunks(16 * 1024) {
        let rendered: Vec<crate::Result<(Vec<u8>, usize)>> = group
            .par_chunks(1024)
            .map(|batch| {
                let cross: Vec<_> = batch
                    .iter()
                    .flat_map(|&(l, e)| crate::crossyear::compare(&carries[l], &carries[e]))
                    .collect();
                let failed = cross.iter().filter(|c| c.ok == Some(false)).count();
                Ok((renderer.cross_year(&cross, &inputs)?, failed))
            })
            .collect();
        for r in rendered {
            let (bytes, failed) = r?;
            summary.cross_year_failed += failed;
            sink.append_cross_year(&bytes)?;
        }
    }
    let headers = sink.header_lengths();
    sink.finish()?;
    if incremental {
        // Written after the outputs are in place, with their final stamps: a run
        // killed in between leaves a cache that no longer matches, so a full run.
        let mut outputs = [Stamp::default(); 7];
        for (i, name) in crate::write::FILES.iter().enumerate() {
            let p = opts.out_dir.join(name);
            let m = std::fs::metadata(&p).map_err(|e| crate::Error::io(&p, e))?;
            outputs[i] = Stamp::of(&m);
        }
        if let Some(w) = cache_out {
            w.finish(headers, outputs, summary.cross_year_failed as u64)?;
            std::fs::rename(&cache_tmp, &cache_path)
                .map_err(|e| crate::Error::io(&cache_path, e))?;
        }
    }
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}
