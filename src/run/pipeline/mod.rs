//! Running the whole job: find the files, parse them in parallel, write the results
//! in input order. Workers claim blocks of inputs in order and parse them on all
//! cores; the worker that finishes the block due next writes it (and any ready
//! after it), so finished blocks go out in order. A worker may run only a few
//! blocks ahead of what is written, so memory stays bounded by those blocks, not
//! the archive, and the output is byte-identical whatever the number of threads. Cross-year checks run at the end over small per-report
//! summaries.

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

use crate::grammar::Grammars;
use crate::out::csv::Rendered;
use crate::out::sink::{Format, Renderer, Sink, Tables};
use crate::parse::input::{parse_input_with, Format as InputFormat};
use crate::parse::report::{Report, Status};
use crate::run::cache::{self, Cache, CacheWriter, Entry, Key, OldRows, Stamp};
use crate::run::crossyear::Carries;
use crate::run::discover::{discover, Input};
use crate::run::scheduler::{deliver, poisoned, Flow, Ordered, Spare, Turn};

/// Files larger than this are reported, not read (50 MiB).
pub const DEFAULT_MAX_BYTES: u64 = 50 * 1024 * 1024;
/// Blocks per worker that may be parsed ahead of the blocks written: this, not the
/// archive, bounds memory (a block's rows are a few hundred KB).
const AHEAD_PER_WORKER: usize = 4;

/// What to run: [`Options::new`] gives the defaults of `zfxxgk extract`.
#[derive(Debug, Clone)]
pub struct Options {
    /// The files and folders to read (folders are walked; `-` is standard input).
    pub inputs: Vec<PathBuf>,
    /// The output folder, created if need be (`-`: standard output, JSON Lines only).
    pub out_dir: PathBuf,
    /// Files larger than this many bytes are reported `unreadable`, not read
    /// (`--max-bytes`; default [`DEFAULT_MAX_BYTES`]).
    pub max_bytes: u64,
    /// Text a spreadsheet would run as a formula gets a leading apostrophe
    /// (`--excel`, CSV only).
    pub excel: bool,
    /// CSV files, or JSON Lines (`out_dir` `-`: standard output).
    pub format: Format,
    /// Parse only the files whose bytes changed since the last run into `out_dir`
    /// (CSV only; the index is kept in [`crate::run::CACHE_FILE`]).
    pub incremental: bool,
    /// Worker threads (`-j`); `None`: rayon's default (`RAYON_NUM_THREADS`, else
    /// one per core).
    pub threads: Option<usize>,
    /// The tables written (`--tables`; CSV and Parquet).
    pub tables: Tables,
    /// The templates to read with (`--grammar`; the compiled-in ones by default).
    pub grammars: Grammars,
}

impl Options {
    /// Read `inputs` into CSV files in `out_dir`, every table, on every core, with
    /// the default size limit, not incremental.
    pub fn new(inputs: Vec<PathBuf>, out_dir: PathBuf) -> Options {
        Options {
            inputs,
            out_dir,
            max_bytes: DEFAULT_MAX_BYTES,
            excel: false,
            format: Format::Csv,
            incremental: false,
            threads: None,
            tables: Tables::ALL,
            grammars: Grammars::builtin().clone(),
        }
    }
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Files in the run: every row of reports.csv.
    pub files: usize,
    /// Files by status, indexed by [`Status::code`]: ok, partial, not_report,
    /// unreadable.
    pub by_status: [usize; 4],
    /// Files by format: txt, html, pdf.
    pub by_format: [usize; 3],
    /// Cells read (every state but `missing`), over all reports.
    pub cells: usize,
    /// Checks that failed (checks.csv rows with `ok` false), cross-year ones
    /// included.
    pub checks_failed: usize,
    /// Cross-year checks that failed (checks.csv `cross_year_carry`).
    pub cross_year_failed: usize,
    /// Whether the run was `--incremental`.
    pub incremental: bool,
    /// With `--incremental` and a previous index: files whose rows were kept from
    /// the previous run, and files added, changed and removed since.
    pub unchanged: usize,
    /// See [`Summary::unchanged`].
    pub added: usize,
    /// See [`Summary::unchanged`].
    pub changed: usize,
    /// See [`Summary::unchanged`].
    pub removed: usize,
    /// With `--incremental`: why the previous index was not used (a full run).
    pub full_run: Option<String>,
    /// Bytes of all the files (those kept from the previous run included).
    pub bytes: u64,
    /// Files and bytes read in this run (an `--incremental` run skips the others).
    pub files_read: usize,
    /// See [`Summary::files_read`].
    pub bytes_read: u64,
    /// Files in the folders walked that are not a format zfxxgk reads, by
    /// extension, most frequent first.
    pub skipped: Vec<(String, usize)>,
    /// Files reached more than once (through links or overlapping PATHs), read once.
    pub duplicates: usize,
    /// Wall-clock seconds the run took.
    pub seconds: f64,
}

/// Reads one input file into a report with the compiled-in templates; never fails.
pub fn process(input: &Input, max_bytes: u64) -> (Report, u64) {
    process_with(Grammars::builtin(), input, max_bytes)
}

/// Reads one input file into a report with the templates of `g`; never fails.
pub fn process_with(g: &Grammars, input: &Input, max_bytes: u64) -> (Report, u64) {
    let (report, n) = match load(input, max_bytes) {
        Ok((bytes, _)) => (
            parse_input_with(g, &input.report_id, &input.path, &bytes),
            bytes.len() as u64,
        ),
        Err(r) => (*r, 0),
    };
    (noted(report, input), n)
}

/// The report with the input's note (it was reached more than once) first among
/// its diagnostics.
fn noted(mut report: Report, input: &Input) -> Report {
    if let Some(note) = &input.note {
        report
            .diags
            .insert(0, crate::model::diag::Diag::note(0, note.clone()));
    }
    report
}

/// The row of a file that is the same page as `best`, which is read instead.
fn duplicate(input: &Input, best: &str) -> Report {
    let mut r = Report::unreadable(
        &input.report_id,
        format!(
            "Not read: the same page as {best} in this folder, which was read instead (so the report is counted once); delete this file or move it away if it is a different report."
        ),
    );
    r.status = Status::NotReport;
    r.format = InputFormat::of_path(&input.path).unwrap_or_default();
    r
}

/// Standard input (`-`), read to its end or one byte past the limit.
fn read_stdin(max_bytes: u64) -> Result<(Vec<u8>, Stamp), String> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(std::io::stdin().lock(), max_bytes.saturating_add(1)),
        &mut bytes,
    )
    .map_err(|e| format!("Standard input could not be read ({}).", e.kind()))?;
    if bytes.len() as u64 > max_bytes {
        return Err(format!(
            "Standard input holds more than {max_bytes} bytes: it is unlikely to be one report; split it or raise --max-bytes."
        ));
    }
    Ok((bytes, Stamp::default()))
}

/// Why a path named like a report file cannot be read as one, from its stat: a
/// folder, or not a regular file.
fn not_a_file(meta: &std::fs::Metadata) -> Option<String> {
    if meta.is_dir() {
        return Some(
            "This is a folder whose name ends like a report file (.txt, .html, .pdf), not a report file: rename it or leave it out."
                .to_string(),
        );
    }
    if !meta.is_file() {
        // Opening a named pipe for reading would wait for a writer (see
        // open_nonblocking): the whole run would hang.
        return Some(
            "This is not a regular file (a named pipe, socket or device) although its name ends like a report file: leave it out."
                .to_string(),
        );
    }
    None
}

/// Opens a file for reading without waiting for a writer should it be a named pipe
/// (`O_NONBLOCK`, which does not change how a regular file reads), nor making a
/// terminal the controlling one (`O_NOCTTY`).
fn open_nonblocking(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    o.open(path)
}

/// The bytes of one input and its stamp, or the report that says why they cannot
/// be had.
fn load(input: &Input, max_bytes: u64) -> Result<(Vec<u8>, Stamp), Box<Report>> {
    let unreadable = |msg: String| Box::new(Report::unreadable(&input.report_id, msg));
    if let Some(msg) = &input.walk_error {
        return Err(unreadable(msg.clone()));
    }
    if let Some(best) = &input.duplicate_of {
        return Err(Box::new(duplicate(input, best)));
    }
    if input.path.as_os_str() == "-" {
        return read_stdin(max_bytes).map_err(unreadable);
    }
    let could_not = |what: &str, e: std::io::Error| {
        unreadable(format!(
            "The file could not be {what} ({}): check that it still exists and is readable.",
            e.kind()
        ))
    };
    // Opened first and then asked for its size and kind (fstat), not the other way
    // round: one walk of the path instead of two (the path lookups of a stat were 7%
    // of a parse-only run's CPU in perf). Opened without waiting, so that a named pipe
    // does not hang the run before it is told apart below.
    let file = match open_nonblocking(&input.path) {
        Ok(f) => f,
        // Why it could not be opened, as a stat tells it (a socket, a folder).
        Err(e) => {
            return Err(match std::fs::metadata(&input.path) {
                Ok(meta) => not_a_file(&meta)
                    .map(unreadable)
                    .unwrap_or_else(|| could_not("opened", e)),
                Err(e) => could_not("opened", e),
            })
        }
    };
    let meta = file.metadata().map_err(|e| could_not("opened", e))?;
    if let Some(msg) = not_a_file(&meta) {
        return Err(unreadable(msg));
    }
    if meta.len() > max_bytes {
        return Err(unreadable(format!(
            "The file is {} bytes, over the limit of {max_bytes}: it is unlikely to be one report; split it or raise --max-bytes.",
            meta.len()
        )));
    }
    // Read with the size already known (std::fs::read would ask for it again), and
    // no further than one byte past the limit should the file have grown since.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::io::Read::read_to_end(
        &mut std::io::Read::take(&file, max_bytes.saturating_add(1)),
        &mut bytes,
    )
    .map_err(|e| could_not("read", e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(unreadable(format!(
            "The file grew past the limit of {max_bytes} bytes while it was read: split it or raise --max-bytes."
        )));
    }
    Ok((bytes, Stamp::of(&meta)))
}

/// One report as the writer needs it: where its rows are (in its block's buffers,
/// or in the previous run's files) and its cache entry. The report itself (its
/// text, its cells) is dropped on the worker that parsed it.
struct Done {
    /// Copy the rows of this entry of the previous run instead; `entry` then holds
    /// only the report id and stamp, the rest is read from the previous cache.
    reuse: Option<usize>,
    index: usize,
    entry: Entry,
    /// Bytes read from the file in this run (`None`: not opened).
    read: Option<u64>,
    /// What kind of file it was (for the summary).
    format: InputFormat,
}

/// Consecutive reports, parsed and rendered by one worker.
struct Block {
    /// The rows of the block's parsed reports, in order; each report's share is its
    /// entry's `spans`.
    rendered: Rendered,
    done: Vec<Done>,
}

fn work_block<'a>(
    range: std::ops::Range<usize>,
    inputs: &crate::run::discover::Inputs,
    opts: &Options,
    renderer: Renderer,
    pair: &(dyn Fn(usize) -> Option<(usize, &'a Key)> + Sync),
    rendered: Rendered,
) -> crate::Result<Block> {
    let mut block = Block {
        rendered,
        done: Vec::with_capacity(range.len()),
    };
    for k in range {
        let d = work(
            k,
            &inputs.get(k),
            opts,
            renderer,
            pair(k),
            &mut block.rendered,
        )?;
        block.done.push(d);
    }
    renderer.finish_block(&mut block.rendered)?;
    Ok(block)
}

fn work(
    index: usize,
    input: &Input,
    opts: &Options,
    renderer: Renderer,
    old: Option<(usize, &Key)>,
    out: &mut Rendered,
) -> crate::Result<Done> {
    // Unchanged since the last run: same size and time, or else the same bytes,
    // and the same note (rows carry it).
    let note = cache::note_hash(input.note.as_deref());
    let old = old.filter(|(_, e)| e.note == note);
    if let Some((oi, e)) = old {
        if unchanged(input, e) {
            return Ok(reused(index, oi, e.stamp, input, None));
        }
    }
    let (report, bytes, stamp, hash, read) = match load(input, opts.max_bytes) {
        Ok((bytes, stamp)) => {
            let h = if opts.incremental {
                cache::hash(&bytes)
            } else {
                [0; 16]
            };
            let n = bytes.len() as u64;
            if let Some((oi, e)) = old {
                if h == e.hash && e.stamp != Stamp::default() {
                    return Ok(reused(index, oi, stamp, input, Some(n)));
                }
            }
            let report = parse_input_with(&opts.grammars, &input.report_id, &input.path, &bytes);
            // A PDF that pdftotext could not read may read once it is installed:
            // never kept by a later --incremental run.
            let (stamp, h) = match (report.format, report.status) {
                (InputFormat::Pdf, Status::Unreadable) => (Stamp::default(), [0; 16]),
                _ => (stamp, h),
            };
            (report, n, stamp, h, Some(n))
        }
        // Its rows are the id, the message and the note: the message's hash
        // tells whether they changed.
        Err(r) => {
            let h = match (&input.walk_error, opts.incremental) {
                (Some(m), true) => cache::hash(m.as_bytes()),
                _ => [0; 16],
            };
            (*r, 0, Stamp::default(), h, None)
        }
    };
    let report = noted(report, input);
    let before = out.files.each_ref().map(Vec::len);
    renderer.render_into(&report, out)?;
    let mut spans = [0u64; 7];
    for (k, span) in spans.iter_mut().enumerate() {
        *span = (out.files[k].len() - before[k]) as u64;
    }
    let entry = Entry {
        report_id: input.report_id.clone(),
        stamp,
        hash,
        note,
        status: report.status.code(),
        cells: report.cells_read() as u32,
        checks_failed: report.checks_failed() as u32,
        bytes,
        carry: crate::run::crossyear::summarize(index as u32, &report),
        spans,
    };
    Ok(Done {
        reuse: None,
        index,
        entry,
        read,
        format: report.format,
    })
}

/// Whether an input is as the previous run saw it (its note aside), without reading
/// it: a file with the same stamp, or an input not to be read (a walk error, a
/// format zfxxgk does not read) with the same message.
fn unchanged(input: &Input, e: &Key) -> bool {
    // A duplicate's row is rebuilt (it depends on the files beside it, not its bytes).
    if input.duplicate_of.is_some() {
        return false;
    }
    match &input.walk_error {
        Some(m) => e.stamp == Stamp::default() && e.hash == cache::hash(m.as_bytes()),
        None => {
            std::fs::metadata(&input.path).is_ok_and(|m| m.is_file() && Stamp::of(&m) == e.stamp)
        }
    }
}

/// A report kept from the previous run, at its new position.
fn reused(index: usize, oi: usize, stamp: Stamp, input: &Input, read: Option<u64>) -> Done {
    Done {
        reuse: Some(oi),
        index,
        entry: Entry {
            report_id: input.report_id.clone(),
            stamp,
            ..Entry::default()
        },
        read,
        format: InputFormat::of_path(std::path::Path::new(&input.report_id)).unwrap_or_default(),
    }
}

fn add(summary: &mut Summary, t: &cache::Totals) {
    summary.bytes += t.bytes;
    summary.cells += t.cells;
    summary.checks_failed += t.checks_failed;
    for (a, b) in summary.by_status.iter_mut().zip(t.by_status) {
        *a += b;
    }
}

/// Where a run is, for a progress display.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Files done.
    pub done: usize,
    /// Files in the run.
    pub total: usize,
    /// The files by format (txt, html, pdf), as their names say (standard input
    /// counts as text here).
    pub formats: [usize; 3],
}

/// Runs the extraction; `progress` is called with the files done, the total and
/// the files by format, once when the inputs are found and after each block is
/// written.
///
/// Each of rayon's workers claims the next block of inputs, reads, parses and
/// renders its reports, and hands the block over (`deliver`); blocks are written
/// in input order by whichever worker holds the next one due. No worker waits for
/// the others at a chunk boundary; a worker only waits when it is too far ahead of
/// what is written (`Flow`), so memory does not grow with the archive.
pub fn run(opts: &Options, progress: &(dyn Fn(Progress) + Sync)) -> crate::Result<Summary> {
    match opts.threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map_err(|e| crate::Error::Internal(format!("could not start {n} threads: {e}")))?
            .install(|| run_here(opts, progress)),
        None => run_here(opts, progress),
    }
}

/// [`run`] on the current rayon pool.
fn run_here(opts: &Options, progress: &(dyn Fn(Progress) + Sync)) -> crate::Result<Summary> {
    let start = Instant::now();
    if opts.incremental && opts.format != Format::Csv {
        return Err(crate::Error::Usage(
            "--incremental keeps the rows of the CSV files from one run to the next, so it works with --format csv only: leave out --incremental (every run then reads every file)".into(),
        ));
    }
    if opts.incremental && !opts.tables.all() {
        return Err(crate::Error::Usage(
            "--incremental keeps every table of the last run; leave --tables out, or run without --incremental".into(),
        ));
    }
    let inputs = discover(&opts.inputs)?;
    if let Some(msg) = inputs.nothing_to_read(&opts.inputs) {
        return Err(crate::Error::NothingToRead(msg));
    }
    // The total is known before the first chunk is parsed: show it at once.
    let total = inputs.len();
    let mut formats = [0usize; 3];
    for k in 0..total {
        let f = InputFormat::of_path(std::path::Path::new(inputs.id(k)));
        formats[f.unwrap_or_default() as usize] += 1;
    }
    let progress = |done: usize| {
        progress(Progress {
            done,
            total,
            formats,
        })
    };
    progress(0);
    let incremental = opts.incremental;
    let cache_path = opts.out_dir.join(cache::FILE);
    let fingerprint =
        cache::fingerprint(crate::out::csv::OUTPUT_REVISION, opts.excel, &opts.grammars);
    let loaded = match incremental {
        true => Cache::load(&cache_path, &fingerprint, &inputs).and_then(|(c, p)| {
            match c.outputs_intact(&opts.out_dir, crate::out::csv::FILES) {
                true => Ok((c, p)),
                false => Err(cache::Stale::OutputsChanged),
            }
        }),
        false => Err(cache::Stale::Missing),
    };
    let mut first = Summary {
        files: total,
        incremental,
        skipped: inputs.skipped().to_vec(),
        duplicates: inputs.duplicates(),
        ..Summary::default()
    };
    let (old, paired) = match loaded {
        Ok((c, p)) => {
            let kept = p.iter().flatten().count();
            first.added = total - kept;
            first.removed = c.entries.len() - kept;
            (Some(c), p)
        }
        Err(why) => {
            if incremental {
                first.full_run = Some(why.to_string());
            }
            (None, Vec::new())
        }
    };
    let pair = |k: usize| -> Option<(usize, &Key)> {
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
                pair(k).is_some_and(|(_, e)| {
                    e.note == cache::note_hash(i.note.as_deref()) && unchanged(&i, e)
                })
            });
        if same {
            let mut summary = first;
            add(&mut summary, &c.totals);
            summary.by_format = formats;
            summary.cross_year_failed = c.cross_year_failed as usize;
            progress(total);
            summary.unchanged = total;
            summary.seconds = start.elapsed().as_secs_f64();
            return Ok(summary);
        }
    }

    let old_rows = match &old {
        Some(c) => Some(OldRows::open(&opts.out_dir, c, crate::out::csv::FILES)?),
        None => None,
    };
    let sink = Sink::create(&opts.out_dir, opts.format, opts.excel, opts.tables)?;
    let renderer = sink.renderer(opts.tables);
    // The new cache is streamed beside the outputs and completed after them.
    let cache_tmp = opts.out_dir.join(format!("{}.partial", cache::FILE));
    let cache_out = match incremental {
        true => Some(CacheWriter::create(&cache_tmp, &fingerprint)?),
        false => None,
    };
    let workers = rayon::current_num_threads().max(1);
    // Reports a worker claims, parses and renders at a time: their rows go into
    // one set of buffers, so that writing takes few, large writes.
    let block_size = opts.format.block_size();
    let blocks = total.div_ceil(block_size);
    let flow = Flow::new(workers * AHEAD_PER_WORKER);
    let ordered_cell = std::sync::Mutex::new(Ordered::default());
    let writer_cell = std::sync::Mutex::new(Turn::new(Writer {
        sink,
        old_rows,
        summary: first,
        cache_out,
        carries: Carries::with_capacity(total),
    }));
    let (list, pair, flow) = (&inputs, &pair, &flow);
    let (ordered, writer) = (&ordered_cell, &writer_cell);
    let spare = &Spare::default();
    let write = &|w: &mut Writer, block: Block| {
        let emptied = write_block(
            block,
            &mut w.sink,
            w.old_rows.as_mut(),
            &mut w.summary,
            w.cache_out.as_mut(),
            &mut w.carries,
        )?;
        let bytes = emptied.capacity();
        spare.give(emptied, bytes);
        Ok(())
    };
    rayon::scope(|rs| {
        for _ in 0..workers {
            rs.spawn(move |_| {
                while let Some(b) = flow.claim(blocks) {
                    let range = b * block_size..((b + 1) * block_size).min(total);
                    let block = work_block(range, list, opts, renderer, pair, spare.take());
                    deliver(b, block, ordered, writer, flow, write, &|written| {
                        progress((written * block_size).min(total))
                    });
                }
            });
        }
    });
    let Turn {
        state:
            Writer {
                sink,
                mut summary,
                cache_out,
                carries,
                ..
            },
        next,
        failed,
    } = writer_cell.into_inner().map_err(|_| poisoned())?;
    if let Some(e) = failed {
        return Err(e);
    }
    if old.is_some() {
        summary.changed = total - summary.added - summary.unchanged;
    }
    if next != blocks {
        return Err(crate::Error::Internal(format!(
            "only {next} of {blocks} blocks of reports were written"
        )));
    }
    let mut sink = sink;
    // Pair by pair, a batch at a time: an archive of one organ over seven years
    // has six checks per report, and their rows need not all be held at once.
    // Rendered on every core, sixteen batches at a time, appended in order.
    let pairs = crate::run::crossyear::pairs(&carries);
    for group in pairs.chunks(16 * 1024) {
        let rendered: Vec<crate::Result<(crate::out::sink::CrossRows, usize)>> = group
            .par_chunks(1024)
            .map(|batch| {
                let cross: Vec<_> = batch
                    .iter()
                    .flat_map(|&(l, e)| {
                        crate::run::crossyear::compare(
                            &carries.get(l as usize),
                            &carries.get(e as usize),
                        )
                    })
                    .collect();
                let failed = cross.iter().filter(|c| c.ok == Some(false)).count();
                Ok((
                    renderer.cross_year(&cross, &|i| {
                        if (i as usize) < inputs.len() {
                            inputs.id(i as usize)
                        } else {
                            ""
                        }
                    })?,
                    failed,
                ))
            })
            .collect();
        for r in rendered {
            let (bytes, failed) = r?;
            summary.cross_year_failed += failed;
            sink.append_cross_year(bytes)?;
        }
    }
    // The footers are written last, when the Parquet writer holds the metadata of
    // every column chunk of the run and builds the footer from it: what no output
    // needs any more is let go first.
    drop(pairs);
    drop(carries);
    drop(inputs);
    let headers = sink.header_lengths();
    sink.finish()?;
    if incremental {
        // Written after the outputs are in place, with their final stamps: a run
        // killed in between leaves a cache that no longer matches, so a full run.
        let mut outputs = [Stamp::default(); 7];
        for (i, name) in crate::out::csv::FILES.iter().enumerate() {
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

/// Appends one block's reports in order: parsed reports from the block's buffers
/// (consecutive ones in one write), kept ones copied from the previous run's files
/// (consecutive ones in one copy per file).
fn write_block(
    block: Block,
    sink: &mut Sink,
    mut old_rows: Option<&mut OldRows>,
    summary: &mut Summary,
    mut cache_out: Option<&mut CacheWriter>,
    carries: &mut Carries,
) -> crate::Result<Rendered> {
    // Bytes of the block's buffers written so far, and the end of the rows not yet
    // written.
    let Block { rendered, mut done } = block;
    let mut from = [0usize; 7];
    let mut to = [0usize; 7];
    let flush = |sink: &mut Sink, from: &mut [usize; 7], to: &[usize; 7]| {
        if from == to {
            return Ok(());
        }
        let parts: [&[u8]; 7] = std::array::from_fn(|k| &rendered.files[k][from[k]..to[k]]);
        *from = *to;
        sink.append_parts(parts)
    };
    let mut record =
        |entry: Entry, kept: bool, read: Option<u64>, format: InputFormat| -> crate::Result<()> {
            summary.unchanged += usize::from(kept);
            summary.by_format[format as usize] += 1;
            if let Some(n) = read {
                summary.files_read += 1;
                summary.bytes_read += n;
            }
            let mut t = cache::Totals::default();
            t.add(&entry);
            add(summary, &t);
            if let Some(w) = cache_out.as_deref_mut() {
                w.push(&entry)?;
            }
            // Of each report only the small cross-year summary is kept.
            if let Some(c) = entry.carry {
                carries.push(c);
            }
            Ok(())
        };
    let mut kept = Vec::new();
    let mut i = 0;
    while i < done.len() {
        match (done[i].reuse, old_rows.as_deref_mut()) {
            (Some(oi), Some(rows)) => {
                // The kept reports that follow each other in the old files too.
                let mut j = i + 1;
                while j < done.len() && done[j].reuse == Some(oi + (j - i)) {
                    j += 1;
                }
                flush(sink, &mut from, &to)?;
                rows.copy_run(
                    oi,
                    j - i,
                    &mut |k, r, n, path| sink.copy_rows(k, r, n, path),
                    &mut kept,
                )?;
                for (d, mut old) in done[i..j].iter_mut().zip(kept.drain(..)) {
                    // The old entry at the report's new place, with its new stamp.
                    old.report_id = std::mem::take(&mut d.entry.report_id);
                    old.stamp = d.entry.stamp;
                    if let Some(c) = &mut old.carry {
                        c.index = d.index as u32;
                    }
                    record(old, true, d.read, d.format)?;
                }
                i = j;
            }
            _ => {
                let entry = std::mem::take(&mut done[i].entry);
                for (k, end) in to.iter_mut().enumerate() {
                    *end += entry.spans[k] as usize;
                }
                record(entry, false, done[i].read, done[i].format)?;
                i += 1;
            }
        }
    }
    flush(sink, &mut from, &to)?;
    let mut rendered = rendered;
    sink.append_encoded(&mut rendered)?;
    // Emptied, for another block to fill (see `Spare`).
    rendered.files.iter_mut().for_each(Vec::clear);
    Ok(rendered)
}

/// The outputs and what is gathered while writing them, held by whichever worker
/// writes.
struct Writer {
    sink: Sink,
    old_rows: Option<OldRows>,
    summary: Summary,
    cache_out: Option<CacheWriter>,
    carries: Carries,
}

#[cfg(test)]
mod tests;
