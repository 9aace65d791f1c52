//! A PDF → text through poppler's `pdftotext -layout`, run as a child process per
//! file with a time limit and a bound on its output; the text then goes to the
//! parser like any text (`space-aligned` rows, as the layout mode keeps columns).
//! The lines reported for a PDF are lines of that text: `pdftotext -layout FILE -`
//! shows them (a form feed starts each page after the first).
//!
//! `pdftotext` is looked up on PATH; the environment variable `ZFXXGK_PDFTOTEXT`
//! names another program to run instead, and `ZFXXGK_PDF_TIMEOUT` another time limit
//! in seconds.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::grammar::Grammars;
use crate::parse::report::{parse_report_with, Report, Status};

/// How long one PDF may take, unless `ZFXXGK_PDF_TIMEOUT` says otherwise.
pub const TIME_LIMIT: Duration = Duration::from_secs(60);

fn time_limit() -> Duration {
    std::env::var("ZFXXGK_PDF_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .map_or(TIME_LIMIT, |s| Duration::from_secs_f64(s.min(86_400.0)))
}
/// The most text one PDF may give (a report is a few hundred KB).
pub const MAX_TEXT: usize = 64 << 20;

/// Why a PDF gave no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// pdftotext is not installed.
    Missing,
    Encrypted,
    CopyForbidden,
    Broken(String),
    TimedOut(Duration),
    TooLong,
    Failed(String),
}

impl PdfError {
    /// One sentence a user can act on.
    pub fn message(&self) -> String {
        match self {
            PdfError::Missing => "Reading PDF files needs pdftotext, which is not installed: install poppler-utils (Debian, Ubuntu: apt-get install poppler-utils; macOS: brew install poppler) and run again.".into(),
            PdfError::Encrypted => "The PDF is encrypted with a password: open it with the password and save an unprotected copy, then run again.".into(),
            PdfError::CopyForbidden => "The PDF forbids copying its text: save an unprotected copy (or print it to a new PDF), then run again.".into(),
            PdfError::Broken(why) => format!("The PDF is damaged and could not be read ({why}): download it again."),
            PdfError::TimedOut(limit) => format!("pdftotext took longer than {} s on this PDF and was stopped: the file may be damaged; convert it by hand (pdftotext -layout), or raise ZFXXGK_PDF_TIMEOUT.", limit.as_secs_f64()),
            PdfError::TooLong => format!("pdftotext gave more than {} MiB of text for this PDF: it is unlikely to be one report; split it.", MAX_TEXT >> 20),
            PdfError::Failed(why) => format!("pdftotext could not read the PDF ({why}): download it again or convert it by hand."),
        }
    }
}

/// The program to run.
fn program() -> std::ffi::OsString {
    std::env::var_os("ZFXXGK_PDFTOTEXT").unwrap_or_else(|| "pdftotext".into())
}

/// The text of a PDF, as `pdftotext -layout -enc UTF-8 - -` gives it (the PDF on
/// standard input).
pub fn to_text(bytes: &[u8]) -> Result<Vec<u8>, PdfError> {
    let mut child = match Command::new(program())
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(PdfError::Missing),
        Err(e) => return Err(PdfError::Failed(e.kind().to_string())),
    };
    let (Some(mut stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(PdfError::Failed("no pipes".into()));
    };
    let started = Instant::now();
    let limit = time_limit();
    std::thread::scope(|s| {
        // Fed, drained and waited on at once: a full pipe must not stall either side.
        s.spawn(move || {
            // pdftotext may stop reading early (a broken file): that is not an error here.
            let _ = stdin.write_all(bytes);
        });
        let out = s.spawn(move || {
            let mut buf = Vec::new();
            let r = stdout.take(MAX_TEXT as u64 + 1).read_to_end(&mut buf);
            r.map(|_| buf)
        });
        let err = s.spawn(move || {
            let mut buf = Vec::new();
            let _ = stderr.take(64 * 1024).read_to_end(&mut buf);
            buf
        });
        let status = loop {
            match child.try_wait() {
                Ok(Some(st)) => break Ok(st),
                Ok(None) if started.elapsed() > limit => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break Err(PdfError::TimedOut(limit));
                }
                // When the output passes the bound the reader stops and drops the
                // pipe: pdftotext then ends on a broken pipe.
                Ok(None) => std::thread::sleep(Duration::from_millis(2)),
                Err(e) => break Err(PdfError::Failed(e.kind().to_string())),
            }
        };
        let text = out.join().ok().and_then(Result::ok).unwrap_or_default();
        let err = err.join().unwrap_or_default();
        let status = status?;
        if text.len() > MAX_TEXT {
            return Err(PdfError::TooLong);
        }
        if status.success() {
            return Ok(text);
        }
        Err(classify(status.code(), &String::from_utf8_lossy(&err)))
    })
}

/// What pdftotext's exit code and messages say.
fn classify(code: Option<i32>, stderr: &str) -> PdfError {
    let lower = stderr.to_ascii_lowercase();
    if lower.contains("password") {
        return PdfError::Encrypted;
    }
    if code == Some(3) || lower.contains("permission") {
        return PdfError::CopyForbidden;
    }
    let first = stderr
        .lines()
        .map(str::trim)
        .rfind(|l| l.to_ascii_lowercase().contains("error"))
        .or_else(|| stderr.lines().map(str::trim).find(|l| !l.is_empty()))
        .unwrap_or("no message");
    let first: String = first.chars().take(120).collect();
    match code {
        Some(1) => PdfError::Broken(first),
        Some(c) => PdfError::Failed(format!("exit code {c}: {first}")),
        None => PdfError::Failed("stopped by a signal".into()),
    }
}

/// The report of a PDF.
pub fn parse(g: &Grammars, report_id: &str, bytes: &[u8]) -> Report {
    if bytes.is_empty() {
        return Report::unreadable(report_id, "The file is empty: download the report again.");
    }
    if memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_none() {
        return Report::unreadable(
            report_id,
            "The file is named .pdf but is not a PDF (no %PDF- header): download it again, or rename it to what it is.",
        );
    }
    let text = match to_text(bytes) {
        Ok(t) => t,
        Err(e) => return Report::unreadable(report_id, e.message()),
    };
    let visible = String::from_utf8_lossy(&text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .count();
    if visible == 0 {
        let mut r = Report::unreadable(
            report_id,
            "The PDF has no text layer (its pages are scanned images): its numbers need OCR, or enter them by hand.",
        );
        r.status = Status::NotReport;
        return r;
    }
    parse_report_with(g, report_id, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_from_pdftotext() {
        assert_eq!(
            classify(Some(1), "Command Line Error: Incorrect password\n"),
            PdfError::Encrypted
        );
        assert_eq!(
            classify(
                Some(3),
                "Permission Error: Copying of text from this document is not allowed.\n"
            ),
            PdfError::CopyForbidden
        );
        assert_eq!(
            classify(Some(1), "Syntax Warning: May not be a PDF file (continuing anyway)\nSyntax Error: Couldn't find trailer dictionary\n"),
            PdfError::Broken("Syntax Error: Couldn't find trailer dictionary".into())
        );
        assert!(PdfError::Missing.message().contains("poppler-utils"));
    }

    #[test]
    fn not_a_pdf() {
        let r = parse(Grammars::builtin(), "x.pdf", b"hello");
        assert_eq!(r.status, Status::Unreadable);
        assert!(r.message.contains("%PDF-"));
    }
}
