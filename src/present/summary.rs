//! The paragraph a run ends with, for a person at a terminal: files by status and
//! format, cells, failed checks, time and throughput, where the output went and what
//! to look at next; wrapped at 80 columns, a Chinese character counting two.

use std::path::Path;

use crate::out::sink::{Format, STDOUT};
use crate::run::pipeline::Summary;

/// The paragraph printed on stderr at the end of a run: files by status, cells,
/// failed checks, time and throughput, where the output went, and where to look
/// next when something is not ok. Wrapped at 80 columns for a terminal.
pub fn summary(s: &Summary, dir: &Path, format: Format) -> String {
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
            " {} between consecutive years of one organ ({}).",
            plural(
                s.cross_year_failed,
                "carry check failed",
                "carry checks failed"
            ),
            crate::grammar::common().carry.name
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
pub(crate) fn wrap(text: &str, columns: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = width(word);
        if line > 0 && line + 1 + w > columns {
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
pub(crate) fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

#[cfg(test)]
mod tests {
    use super::*;

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
