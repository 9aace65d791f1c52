//! Where a run's reports go: the CSV files of the output contract ([`crate::out::csv`]),
//! the same tables as Parquet files ([`crate::out::parquet`]) or one JSON Lines file or
//! stream ([`crate::out::jsonl`]). The pipeline writes to a [`Sink`] and does not care
//! which.

use std::path::Path;

use crate::out::csv::{Outputs, Rendered};
use crate::parse::report::Report;
use crate::Error;

/// The output format (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// The seven CSV files of the output contract.
    #[default]
    Csv,
    /// One JSON object per report, in `reports.jsonl` or on standard output.
    Jsonl,
    /// One typed Parquet file per table.
    Parquet,
}

impl Format {
    /// Reports a worker parses and renders as one block. A Parquet block is one
    /// row group of every table, so it is larger: row groups of a few thousand
    /// rows would compress poorly and fill the footer.
    pub fn block_size(self) -> usize {
        match self {
            Format::Parquet => 256,
            _ => 16,
        }
    }
}

/// The tables a run writes (`--tables`), one bit per file of [`crate::out::csv::FILES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tables(u8);

impl Default for Tables {
    fn default() -> Tables {
        Tables::ALL
    }
}

impl Tables {
    /// Every table.
    pub const ALL: Tables = Tables(0x7f);
    /// The names `--tables` takes, in file order.
    pub const NAMES: [&'static str; 7] = [
        "reports",
        "cells",
        "labels",
        "sections",
        "wide",
        "checks",
        "diagnostics",
    ];

    /// Whether the table at `index` of [`Tables::NAMES`] is written.
    pub fn has(self, index: usize) -> bool {
        index < 7 && self.0 & (1 << index) != 0
    }

    /// Whether every table is written.
    pub fn all(self) -> bool {
        self == Tables::ALL
    }

    /// Reads `reports,wide,cells` (any order; `all` for every table).
    pub fn parse(list: &str) -> Result<Tables, String> {
        let mut bits = 0u8;
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            if name == "all" {
                bits = Tables::ALL.0;
                continue;
            }
            let i = Tables::NAMES
                .iter()
                .position(|n| *n == name)
                .ok_or_else(|| {
                    format!(
                        "`{name}` is not a table; the tables are {} (or all)",
                        Tables::NAMES.join(", ")
                    )
                })?;
            bits |= 1 << i;
        }
        if bits == 0 {
            return Err(format!(
                "no table named; the tables are {}",
                Tables::NAMES.join(", ")
            ));
        }
        Ok(Tables(bits))
    }
}

/// Renders one report for a sink, on any thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Renderer {
    pub format: Format,
    pub excel: bool,
    pub tables: Tables,
}

/// Cross-year check rows, rendered for the sink's format.
pub enum CrossRows {
    Csv(Vec<u8>),
    Parquet(Option<crate::out::parquet::EncodedGroup>),
}

impl Renderer {
    /// Cross-year checks as checks.csv rows (CSV only: a JSON line holds one report,
    /// and these span two).
    pub fn cross_year(
        &self,
        cross: &[crate::run::crossyear::CrossCheck],
        inputs: &crate::run::discover::Inputs,
    ) -> crate::Result<CrossRows> {
        if !self.tables.has(5) {
            return Ok(CrossRows::Csv(Vec::new()));
        }
        match self.format {
            Format::Csv => Ok(CrossRows::Csv(crate::out::csv::render_cross_year(
                cross, inputs, self.excel,
            )?)),
            Format::Parquet => Ok(CrossRows::Parquet(crate::out::parquet::render_cross_year(
                cross, inputs,
            )?)),
            Format::Jsonl => Ok(CrossRows::Csv(Vec::new())),
        }
    }

    /// Appends one report's rows to `out` (JSON Lines: to its first buffer;
    /// Parquet: to the block's columns).
    pub fn render_into(&self, r: &Report, out: &mut Rendered) -> crate::Result<()> {
        match self.format {
            Format::Csv => crate::out::csv::render_into(r, self.excel, self.tables, out),
            Format::Jsonl => crate::out::jsonl::write_report(&mut out.files[0], r)
                .map_err(|e| Error::Internal(format!("rendering JSON failed: {e}"))),
            Format::Parquet => crate::out::parquet::render_into(r, self.tables),
        }
    }

    /// Ends a block: Parquet encodes and compresses its columns here, on the
    /// worker, so that the writer only copies finished row groups.
    pub fn finish_block(&self, out: &mut Rendered) -> crate::Result<()> {
        match self.format {
            Format::Parquet => {
                crate::out::parquet::encode_block(out.parquet.get_or_insert_with(Box::default))
            }
            _ => Ok(()),
        }
    }
}

/// The output folder name that means standard output.
pub const STDOUT: &str = "-";

/// The open output of one run.
pub enum Sink {
    Csv(Outputs),
    Jsonl(crate::out::jsonl::Output),
    Parquet(crate::out::parquet::Output),
}

impl Sink {
    /// Opens the output: `dir` is a folder, or `-` for standard output (JSON Lines
    /// only: the CSV form is several files and cannot share one stream).
    pub fn create(dir: &Path, format: Format, excel: bool, tables: Tables) -> crate::Result<Sink> {
        let stdout = dir == Path::new(STDOUT);
        match format {
            Format::Csv | Format::Parquet if stdout => Err(Error::Usage(
                "-o - writes to standard output, which only --format jsonl can do: the CSV and Parquet forms are one file per table, so give a folder".to_string(),
            )),
            Format::Jsonl if !tables.all() => Err(Error::Usage(
                "--tables chooses among the CSV or Parquet files; --format jsonl writes every table of a report into its one line, so leave --tables out".to_string(),
            )),
            Format::Parquet if excel => Err(Error::Usage(
                "--excel shapes CSV for spreadsheets; Parquet files are typed and need no BOM: leave --excel out".to_string(),
            )),
            Format::Csv => Ok(Sink::Csv(Outputs::create(dir, excel, tables)?)),
            Format::Parquet => Ok(Sink::Parquet(crate::out::parquet::Output::create(dir, tables)?)),
            Format::Jsonl if stdout => Ok(Sink::Jsonl(crate::out::jsonl::Output::stdout())),
            Format::Jsonl => Ok(Sink::Jsonl(crate::out::jsonl::Output::create(dir)?)),
        }
    }

    /// What renders reports for this sink; it can be shared by worker threads.
    pub fn renderer(&self, tables: Tables) -> Renderer {
        let (format, excel) = match self {
            Sink::Csv(o) => (Format::Csv, o.excel()),
            Sink::Jsonl(_) => (Format::Jsonl, false),
            Sink::Parquet(_) => (Format::Parquet, false),
        };
        Renderer {
            format,
            excel,
            tables,
        }
    }

    /// Appends rows rendered by [`Sink::renderer`], one slice per file.
    pub fn append_parts(&mut self, parts: [&[u8]; 7]) -> crate::Result<()> {
        match self {
            Sink::Csv(o) => o.append_parts(parts),
            Sink::Jsonl(o) => o.append(parts[0]),
            Sink::Parquet(_) => Ok(()),
        }
    }

    /// Appends what [`Renderer::finish_block`] encoded (Parquet row groups).
    pub fn append_encoded(&mut self, rendered: &mut Rendered) -> crate::Result<()> {
        match (self, rendered.parquet.as_deref_mut()) {
            (Sink::Parquet(o), Some(b)) => o.append_block(b),
            _ => Ok(()),
        }
    }

    /// Copies `n` bytes of rows from `src` (the previous run's file `index`, at
    /// the rows to keep) to file `index`. CSV only: `--incremental` keeps no JSON.
    pub fn copy_rows(
        &mut self,
        index: usize,
        src: &mut std::io::BufReader<std::fs::File>,
        n: u64,
        src_path: &Path,
    ) -> crate::Result<()> {
        match self {
            Sink::Csv(o) => o.copy_rows(index, src, n, src_path),
            Sink::Jsonl(_) | Sink::Parquet(_) => Err(Error::Internal(
                "--incremental keeps rows of CSV files only".into(),
            )),
        }
    }

    /// Appends rows from [`Renderer::cross_year`] to checks.csv, after every
    /// report's own checks.
    pub fn append_cross_year(&mut self, rows: CrossRows) -> crate::Result<()> {
        match (self, rows) {
            (Sink::Csv(o), CrossRows::Csv(rows)) => o.append_to(5, &rows),
            (Sink::Parquet(o), CrossRows::Parquet(Some(g))) => o.append_group(5, g),
            _ => Ok(()),
        }
    }

    /// The header length of each CSV file (zeros for JSON Lines).
    pub fn header_lengths(&self) -> [u64; 7] {
        match self {
            Sink::Csv(o) => o.header_lengths(),
            Sink::Jsonl(_) | Sink::Parquet(_) => [0; 7],
        }
    }

    /// Flushes everything and moves the files into place.
    pub fn finish(self) -> crate::Result<()> {
        match self {
            Sink::Csv(o) => o.finish(),
            Sink::Jsonl(o) => o.finish(),
            Sink::Parquet(o) => o.finish(),
        }
    }
}

/// The paragraph printed on stderr at the end of a run: files by status, cells,
/// failed checks, time and throughput, where the output went, and where to look
/// next when something is not ok. Wrapped at 80 columns for a terminal.
pub fn summary(s: &crate::run::pipeline::Summary, dir: &Path, format: Format) -> String {
    let plural = |n: usize, one: &str, many: &str| {
        format!("{} {}", thousands(n), if n == 1 { one } else { many })
    };
    let [ok, partial, not_report, unreadable] = s.by_status;
    // A rate is of the bytes read in this run, and over a few milliseconds says
    // nothing.
    let rate = match s.bytes_read > 0 && s.seconds >= 0.01 {
        true => format!(", {}", human_rate(s.bytes_read as f64 / s.seconds)),
        false => String::new(),
    };
    let mut text = if s.incremental && s.full_run.is_none() {
        let mut t = format!(
            "zfxxgk: {} since the last run: {} added, {} changed, {} removed, {} unchanged (kept, not parsed again). ",
            plural(s.files, "file", "files"),
            thousands(s.added),
            thousands(s.changed),
            thousands(s.removed),
            thousands(s.unchanged),
        );
        if s.files_read == 0 {
            t.push_str(&format!(
                "No file needed reading ({}).",
                human_seconds(s.seconds)
            ));
        } else {
            t.push_str(&format!(
                "Read {} ({}) in {}{rate}.",
                plural(s.files_read, "file", "files"),
                human_bytes(s.bytes_read),
                human_seconds(s.seconds)
            ));
        }
        t.push_str(&format!(" Of the {}", plural(s.files, "file", "files")));
        t
    } else {
        // Which kinds of file, when not all are text.
        let kinds = match s.by_format {
            [_, 0, 0] => String::new(),
            [txt, html, pdf] => {
                let parts: Vec<String> = [(txt, "text"), (html, "HTML"), (pdf, "PDF")]
                    .iter()
                    .filter(|(n, _)| *n > 0)
                    .map(|(n, what)| format!("{} {what}", thousands(*n)))
                    .collect();
                format!(": {}", parts.join(", "))
            }
        };
        format!(
            "zfxxgk: read {} ({}{kinds}) in {}{rate}",
            plural(s.files, "file", "files"),
            human_bytes(s.bytes),
            human_seconds(s.seconds)
        )
    };
    text.push_str(&format!(
        ": {} ok, {} partial, {} not a report, {} unreadable. {} read; {}.",
        thousands(ok),
        thousands(partial),
        thousands(not_report),
        thousands(unreadable),
        plural(s.cells, "table cell", "table cells"),
        plural(s.checks_failed, "check failed", "checks failed"),
    ));
    if s.cross_year_failed > 0 {
        text.push_str(&format!(
            " {} between consecutive years of one organ (cross_year_carry).",
            plural(
                s.cross_year_failed,
                "carry check failed",
                "carry checks failed"
            )
        ));
    }
    if let Some(why) = &s.full_run {
        text.push_str(&format!(" --incremental read every file: {why}."));
    }
    let skipped: usize = s.skipped.iter().map(|(_, n)| n).sum();
    if skipped > 0 {
        let kinds: Vec<String> = s
            .skipped
            .iter()
            .take(5)
            .map(|(ext, n)| match ext.as_str() {
                "" => format!("{} without extension", thousands(*n)),
                "README" => format!("{} README", thousands(*n)),
                _ => format!("{} .{ext}", thousands(*n)),
            })
            .collect();
        let more = if s.skipped.len() > 5 { ", …" } else { "" };
        text.push_str(&format!(
            " Skipped {} in the folders, not a format zfxxgk reads ({}{more}).",
            plural(skipped, "file", "files"),
            kinds.join(", ")
        ));
    }
    if s.duplicates > 0 {
        text.push_str(&format!(
            " {} reached more than once (a link, or PATHs that overlap) {} read once; a note in {} diagnostics says so.",
            plural(s.duplicates, "file", "files"),
            if s.duplicates == 1 { "was" } else { "were" },
            if s.duplicates == 1 { "its" } else { "their" },
        ));
    }
    let stdout = dir == Path::new(STDOUT);
    let shown = dir.display();
    let (reports, checks) = match format {
        Format::Csv if s.incremental && s.full_run.is_none() && s.files_read + s.removed == 0 => {
            text.push_str(&format!(" The CSV files in {shown} are as they were."));
            ("reports.csv says", "in checks.csv")
        }
        Format::Csv => {
            text.push_str(&format!(" Wrote the CSV files into {shown}."));
            ("reports.csv says", "in checks.csv")
        }
        Format::Parquet => {
            text.push_str(&format!(" Wrote the Parquet files into {shown}."));
            ("reports.parquet says", "in checks.parquet")
        }
        Format::Jsonl if stdout => {
            text.push_str(" Wrote one JSON line per file to standard output.");
            ("its message says", "in the checks of its line")
        }
        Format::Jsonl => {
            let file = dir.join(crate::out::jsonl::FILE);
            text.push_str(&format!(" Wrote {}.", file.display()));
            ("its message says", "in the checks of its line")
        }
    };
    if partial + not_report + unreadable > 0 {
        text.push_str(&format!(
            " For each file that is not ok, {reports} what to do."
        ));
    }
    if s.checks_failed + s.cross_year_failed > 0 {
        text.push_str(&format!(" A failed check has ok = false {checks}."));
    }
    wrap(&text, 80)
}

/// `12,000`: counts of an archive are easier to read grouped.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `640 bytes`, `850 KB`, `12.3 MB`: decimal units, as in MB/s.
fn human_bytes(n: u64) -> String {
    if n < 1000 {
        format!("{n} bytes")
    } else if n < 1_000_000 {
        format!("{} KB", (n + 500) / 1000)
    } else {
        format!("{:.1} MB", n as f64 / 1e6)
    }
}

/// `2.5 MB/s`; under 0.1 MB/s, `22 KB/s`.
fn human_rate(bytes_per_second: f64) -> String {
    if bytes_per_second >= 100_000.0 {
        format!("{:.1} MB/s", bytes_per_second / 1e6)
    } else {
        format!("{:.0} KB/s", bytes_per_second / 1e3)
    }
}

/// `0.4 s`, `3 min 12 s`, `1 h 05 min`.
fn human_seconds(secs: f64) -> String {
    if secs < 60.0 {
        return format!("{secs:.1} s");
    }
    let whole = secs.round() as u64;
    if whole < 3600 {
        format!("{} min {} s", whole / 60, whole % 60)
    } else {
        format!("{} h {:02} min", whole / 3600, whole % 3600 / 60)
    }
}

/// Breaks `text` at spaces so that no line is wider than `width` terminal columns
/// (CJK characters count two); a word wider than that stands on its own line.
pub(crate) fn wrap(text: &str, width: usize) -> String {
    let cols = |w: &str| {
        w.chars()
            .map(|c| if is_wide(c) { 2 } else { 1 })
            .sum::<usize>()
    };
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = cols(word);
        if line > 0 && line + 1 + w > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += w;
    }
    out
}

/// Characters a terminal draws two columns wide: CJK ideographs, kana, hangul and
/// full-width forms (enough for paths of Chinese file names).
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::pipeline::Summary;

    #[test]
    fn summary_counts_formats_when_not_all_text() {
        let s = Summary {
            files: 3,
            by_status: [2, 0, 1, 0],
            by_format: [1, 1, 1],
            cells: 396,
            bytes: 20_400,
            seconds: 0.004,
            ..Summary::default()
        };
        let text = summary(&s, Path::new("out"), Format::Csv);
        assert!(
            text.starts_with("zfxxgk: read 3 files (20 KB: 1 text, 1 HTML, 1 PDF) in 0.0 s: 2 ok,"),
            "{text}"
        );
    }

    #[test]
    fn summary_of_a_clean_run() {
        let s = Summary {
            files: 1,
            by_status: [1, 0, 0, 0],
            cells: 198,
            bytes: 20_400,
            seconds: 0.004,
            ..Summary::default()
        };
        assert_eq!(
            summary(&s, Path::new("output"), Format::Csv),
            "zfxxgk: read 1 file (20 KB) in 0.0 s: 1 ok, 0 partial, 0 not a report, 0\n\
             unreadable. 198 table cells read; 0 checks failed. Wrote the CSV files into\n\
             output."
        );
    }

    #[test]
    // Summary gains fields as the pipeline grows; the rest stay at their default.
    #[allow(clippy::needless_update)]
    fn summary_says_where_to_look() {
        let s = Summary {
            files: 12_000,
            by_status: [11_000, 700, 250, 50],
            cells: 2_300_000,
            checks_failed: 1,
            bytes: 480_000_000,
            files_read: 12_000,
            bytes_read: 480_000_000,
            seconds: 192.4,
            ..Summary::default()
        };
        let text = summary(&s, Path::new("-"), Format::Jsonl);
        assert_eq!(
            text,
            "zfxxgk: read 12,000 files (480.0 MB) in 3 min 12 s, 2.5 MB/s: 11,000 ok, 700\n\
             partial, 250 not a report, 50 unreadable. 2,300,000 table cells read; 1 check\n\
             failed. Wrote one JSON line per file to standard output. For each file that is\n\
             not ok, its message says what to do. A failed check has ok = false in the checks\n\
             of its line."
        );
        assert!(text.lines().all(|l| l.chars().count() <= 80));
    }

    #[test]
    fn summary_names_carry_failures() {
        let s = Summary {
            files: 3,
            by_status: [3, 0, 0, 0],
            cells: 594,
            cross_year_failed: 7,
            bytes: 60_000,
            seconds: 0.004,
            ..Summary::default()
        };
        assert_eq!(
            summary(&s, Path::new("out"), Format::Csv),
            "zfxxgk: read 3 files (60 KB) in 0.0 s: 3 ok, 0 partial, 0 not a report, 0\n\
             unreadable. 594 table cells read; 0 checks failed. 7 carry checks failed between\n\
             consecutive years of one organ (cross_year_carry). Wrote the CSV files into out.\n\
             A failed check has ok = false in checks.csv."
        );
    }

    /// An incremental rerun counts what changed, and its rate is of the bytes it
    /// read (11 KB in 0.5 s), not of the 91.9 MB of all the files.
    #[test]
    fn summary_of_an_incremental_rerun() {
        let s = Summary {
            files: 5_000,
            by_status: [4_990, 5, 3, 2],
            cells: 990_000,
            incremental: true,
            added: 2,
            changed: 1,
            removed: 1,
            unchanged: 4_997,
            bytes: 91_900_000,
            files_read: 3,
            bytes_read: 11_000,
            seconds: 0.5,
            ..Summary::default()
        };
        assert_eq!(
            summary(&s, Path::new("out"), Format::Csv).replace('\n', " "),
            "zfxxgk: 5,000 files since the last run: 2 added, 1 changed, 1 removed, 4,997 \
             unchanged (kept, not parsed again). Read 3 files (11 KB) in 0.5 s, 22 KB/s. Of \
             the 5,000 files: 4,990 ok, 5 partial, 3 not a report, 2 unreadable. 990,000 \
             table cells read; 0 checks failed. Wrote the CSV files into out. For each file \
             that is not ok, reports.csv says what to do."
        );
        let nothing = Summary {
            files_read: 0,
            bytes_read: 0,
            added: 0,
            changed: 0,
            removed: 0,
            unchanged: 5_000,
            seconds: 0.04,
            ..s.clone()
        };
        let text = summary(&nothing, Path::new("out"), Format::Csv).replace('\n', " ");
        assert!(
            text.contains("5,000 unchanged (kept, not parsed again). No file needed reading (0.0 s). Of the 5,000 files: 4,990 ok,")
                && text.contains(" The CSV files in out are as they were. "),
            "{text}"
        );
        assert!(!text.contains("MB/s"), "{text}");
        let full = Summary {
            full_run: Some("the index was written by zfxxgk 0.0.1".into()),
            files_read: 5_000,
            bytes_read: 91_900_000,
            seconds: 1.0,
            ..s
        };
        let text = summary(&full, Path::new("out"), Format::Csv).replace('\n', " ");
        assert!(
            text.starts_with("zfxxgk: read 5,000 files (91.9 MB) in 1.0 s, 91.9 MB/s: 4,990 ok,"),
            "{text}"
        );
        assert!(
            text.contains(
                " --incremental read every file: the index was written by zfxxgk 0.0.1. "
            ),
            "{text}"
        );
    }

    #[test]
    fn wrapping_counts_chinese_as_two_columns() {
        let text = wrap("aaaa 东新街道 bb", 12);
        assert_eq!(text, "aaaa\n东新街道 bb");
        assert_eq!(human_seconds(3725.0), "1 h 02 min");
        assert_eq!(human_bytes(640), "640 bytes");
        assert_eq!(human_bytes(6391), "6 KB");
        assert_eq!(thousands(1_066_800), "1,066,800");
    }
}
