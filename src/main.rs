//! The `zfxxgk` command: argument parsing, then the library, then an exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "zfxxgk",
    version,
    about = "Turns 政府信息公开工作年度报告 (government information-disclosure annual reports) into checked CSV",
    after_help = "Examples:
  zfxxgk extract samples/ -o output/            every report under samples/ into output/*.csv
  zfxxgk extract archive/ -o out --excel        CSV that Excel opens with the Chinese intact
  zfxxgk extract archive/ --format jsonl -o -   one JSON object per report on standard output
  zfxxgk extract archive/ --format parquet -o out --tables reports,wide
                                                typed Parquet files of two tables
  zfxxgk check samples/dongxin-2020.txt         one report's tables and failed checks, to read
  zfxxgk templates | less -S                    what every key, column, state and check means

Run `zfxxgk help <COMMAND>` for the options and examples of one command.

Exit codes:
  0  the run completed (also when standard output is closed early, as by | head)
  1  with --strict: a file is not ok or a check fails (check: a check fails)
  2  usage: bad options, a PATH that does not exist or holds nothing to read, an -o that cannot be used, a --grammar file that cannot be read or is malformed
  3  the run failed: an output could not be written, or an internal error"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract the tables of every report under PATH into CSV files (or Parquet, or JSON Lines).
    #[command(after_help = "Examples:
  zfxxgk extract samples/ -o output/
      read the bundled samples; open output/reports.csv first
  zfxxgk extract archive/2021 archive/2022 -o out --excel --strict
      two folders into one set of files for Excel; exit 1 if anything needs a look
  zfxxgk extract archive/ --format jsonl -o out
      out/reports.jsonl, one JSON object per report
  zfxxgk extract archive/ --format jsonl -o - | jq -r '.report_id + \"\\t\" + .status'
      JSON Lines on standard output, for a pipeline
  zfxxgk extract archive/ --format parquet -o out
      out/*.parquet, one typed file per table, for pandas, polars, DuckDB, R
  zfxxgk extract archive/ -o out --tables reports,wide
      only reports.csv and wide.csv (one row per report)")]
    Extract {
        /// Files or folders (walked recursively for *.txt, *.md, *.markdown, *.html,
        /// *.htm, *.shtml, *.xhtml, *.pdf), or - for standard input; without one, samples/ in the
        /// current folder. Report ids are paths relative to the deepest folder
        /// that holds every PATH.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// The output folder; `-` writes JSON Lines to standard output (with --format jsonl).
        #[arg(short, long, default_value = "output")]
        out: PathBuf,
        /// csv: the seven CSV files; parquet: the same tables as typed Parquet files;
        /// jsonl: one JSON object per report in reports.jsonl.
        #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
        format: FormatArg,
        /// The tables to write, comma-separated: reports, cells, labels, sections,
        /// wide, checks, diagnostics.
        #[arg(long, value_name = "LIST", default_value = "all", value_parser = parse_tables)]
        tables: zfxxgk::run::Tables,
        /// Files larger than this many bytes are reported, not read.
        #[arg(long, default_value_t = zfxxgk::run::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        /// Write CSV for Excel: a UTF-8 BOM, and text that starts with = + - @ made inert.
        #[arg(long)]
        excel: bool,
        /// Exit 1 when any file is not ok or any check fails.
        #[arg(long)]
        strict: bool,
        /// Parse only files whose bytes changed since the last --incremental run
        /// into the same folder; the output is the same as a full run's (CSV only).
        #[arg(long)]
        incremental: bool,
        /// No progress and no summary on stderr.
        #[arg(short, long)]
        quiet: bool,
        /// Worker threads [default: RAYON_NUM_THREADS, else one per core]. The
        /// output is the same whatever the number.
        #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        threads: Option<u16>,
        /// A template file (TOML, written as grammars/2021.toml) read with the
        /// compiled-in 2019 and 2021 templates; a file whose `id` is one of theirs
        /// replaces it. Repeatable; a malformed file is an error (exit 2).
        #[arg(long = "grammar", value_name = "FILE")]
        grammars: Vec<PathBuf>,
    },
    /// Show one report as a person reads it: what was detected, the three tables,
    /// and each failed check with the input line of every cell in it.
    ///
    /// Exits 1 when any check fails, 2 when a file cannot be read, 0 otherwise.
    #[command(after_help = "Examples:
  zfxxgk check samples/dongxin-2020.txt
      the tables as read, and why the report is ok or not
  zfxxgk check archive/2020/*.txt | less -S
      several reports, one after another

Marks: · blank; / not applicable; ~ recovered from digits run together; ? missing or unresolved.")]
    Check {
        /// Report files (text, HTML pages, PDFs), or - for standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// A template file (TOML, written as grammars/2021.toml) read with the
        /// compiled-in 2019 and 2021 templates; a file whose `id` is one of theirs
        /// replaces it. Repeatable; a malformed file is an error (exit 2).
        #[arg(long = "grammar", value_name = "FILE")]
        grammars: Vec<PathBuf>,
    },
    /// Print the codebook: what every key, column, state and check means.
    ///
    /// Every canonical key with its label in each template and its unit, the
    /// wide.csv columns, the cell states and the checks, as in docs/codebook.md.
    #[command(
        after_help = "Examples:\n  zfxxgk templates | less -S\n  zfxxgk templates --markdown > docs/codebook.md"
    )]
    Templates {
        /// Print Markdown (as in docs/codebook.md) instead of aligned text.
        #[arg(long)]
        markdown: bool,
        /// A template file (TOML, written as grammars/2021.toml) read with the
        /// compiled-in 2019 and 2021 templates; a file whose `id` is one of theirs
        /// replaces it. Repeatable; a malformed file is an error (exit 2).
        #[arg(long = "grammar", value_name = "FILE")]
        grammars: Vec<PathBuf>,
    },
}

/// `--format`; the library's `Format` stays free of clap.
#[derive(Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Csv,
    Jsonl,
    Parquet,
}

fn parse_tables(s: &str) -> Result<zfxxgk::run::Tables, String> {
    zfxxgk::run::Tables::parse(s)
}

/// A bar on stderr (files done of total, rate, time left) when a person is watching
/// it; hidden with --quiet or when stderr is piped or redirected to a file, where
/// its redraws would only be noise.
fn progress_bar(quiet: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    // The length is known once the inputs have been found: the first call sets it.
    let bar = indicatif::ProgressBar::new(0);
    let style = indicatif::ProgressStyle::with_template(
        "{spinner} [{bar:30}] {pos}/{len} files{msg}  {rate}  {eta} left  ({elapsed})",
    )
    .map(|s| {
        s.progress_chars("=> ").with_key(
            "rate",
            |st: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0} files/s", st.per_sec());
            },
        )
    });
    if let Ok(style) = style {
        bar.set_style(style);
    }
    // Chunks of files finish seconds apart: tick so the spinner and times move.
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// The bar's note of what kinds of file are read, when not all are text:
/// ` (12 HTML, 3 PDF)`.
fn formats_message([txt, html, pdf]: [usize; 3]) -> String {
    if html + pdf == 0 {
        return String::new();
    }
    let parts: Vec<String> = [(txt, "text"), (html, "HTML"), (pdf, "PDF")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    format!(" ({})", parts.join(", "))
}

/// Writes to stderr; a closed or broken stderr is not worth a panic.
fn say(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => ExitCode::from(fail(&e)),
    }
}

/// Says what stopped the run and returns its exit code (see `--help`).
fn fail(e: &anyhow::Error) -> u8 {
    use zfxxgk::error::Kind;
    match e.downcast_ref::<zfxxgk::Error>().map(zfxxgk::Error::kind) {
        // The reader of standard output went away (`| head`): as rg, quietly.
        Some(Kind::OutputClosed) => 0,
        Some(Kind::Usage) => {
            say(&format!("zfxxgk: error: {e:#}"));
            if let Some(zfxxgk::Error::Input { path, .. }) = e.downcast_ref::<zfxxgk::Error>() {
                if path.to_string_lossy().contains(['*', '?', '[']) {
                    say("(A pattern that matches no file is passed on as it is: check its spelling.)");
                }
            }
            2
        }
        _ => {
            say(&format!(
                "zfxxgk: failed: {e:#}\nThe run did not complete (exit 3: not a problem with the command line); outputs of an earlier run are left as they were."
            ));
            3
        }
    }
}

/// The PATHs to read: as given, or samples/ when it is here.
fn paths_or_samples(paths: Vec<PathBuf>) -> Result<Vec<PathBuf>, zfxxgk::Error> {
    if !paths.is_empty() {
        return Ok(paths);
    }
    let samples = PathBuf::from("samples");
    if samples.is_dir() {
        return Ok(vec![samples]);
    }
    Err(zfxxgk::Error::Usage(
        "no PATH given, and there is no samples/ folder here to read instead: name the files or folders to read, as in `zfxxgk extract archive/ -o output/`".into(),
    ))
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Extract {
            paths,
            out,
            max_bytes,
            excel,
            strict,
            quiet,
            format,
            tables,
            incremental,
            threads,
            grammars,
        } => {
            let grammars = zfxxgk::grammar::Grammars::with_files(&grammars)?;
            let paths = paths_or_samples(paths)?;
            let mut opts = zfxxgk::run::Options::new(paths, out.clone());
            opts.max_bytes = max_bytes;
            opts.excel = excel;
            opts.incremental = incremental;
            opts.threads = threads.map(usize::from);
            opts.tables = tables;
            opts.grammars = grammars;
            opts.format = match format {
                FormatArg::Csv => zfxxgk::run::Format::Csv,
                FormatArg::Jsonl => zfxxgk::run::Format::Jsonl,
                FormatArg::Parquet => zfxxgk::run::Format::Parquet,
            };
            let bar = progress_bar(quiet);
            let s = zfxxgk::run::run(&opts, &|p| {
                if p.done == 0 {
                    bar.set_message(formats_message(p.formats));
                }
                bar.set_length(p.total as u64);
                bar.set_position(p.done as u64);
            });
            // Clear the bar before anything else reaches stderr, the error included.
            bar.finish_and_clear();
            let s = s?;
            if !quiet {
                say(&zfxxgk::present::summary(&s, &out, opts.format));
            }
            let ok = s.by_status[usize::from(zfxxgk::Status::Ok.code())];
            let bad =
                s.by_status.iter().sum::<usize>() - ok + s.checks_failed + s.cross_year_failed;
            Ok(if strict && bad > 0 { 1 } else { 0 })
        }
        Command::Check { files, grammars } => {
            let grammars = zfxxgk::grammar::Grammars::with_files(&grammars)?;
            let mut code = 0;
            for (i, path) in files.iter().enumerate() {
                // The pipeline's reader: a missing file, a folder, a format zfxxgk
                // does not read or a file over the size limit becomes an unreadable
                // report with a message.
                let report =
                    zfxxgk::run::read_file_with(&grammars, path, zfxxgk::run::DEFAULT_MAX_BYTES);
                let sep = if i > 0 { "\n" } else { "" };
                let text = format!("{sep}{}", zfxxgk::present::render(&report));
                code = code.max(zfxxgk::present::exit_code(&report));
                if !write_stdout(&text)? {
                    break;
                }
            }
            Ok(code)
        }
        Command::Templates { markdown, grammars } => {
            let grammars = zfxxgk::grammar::Grammars::with_files(&grammars)?;
            let text = if markdown {
                zfxxgk::present::codebook_markdown_for(&grammars)
            } else {
                zfxxgk::present::codebook_text_for(&grammars)
            };
            write_stdout(&text)?;
            Ok(0)
        }
    }
}

/// Writes to standard output; `false` when the reader went away (`| head` closing
/// the pipe early is not a failure).
fn write_stdout(text: &str) -> anyhow::Result<bool> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e.into()),
    }
}
