//! PDF files: the fixtures of tests/fixtures/pdf/ (ours, made by make_pdfs.py from the
//! constructed reports) read through pdftotext; scanned, encrypted and broken PDFs;
//! pdftotext missing, hanging or flooding. Tests that need pdftotext print a note and
//! pass when it is not installed (CI installs it).

use std::os::unix::fs::PermissionsExt;

use crate::util::{read_csv, root, score, zfxxgk};
use zfxxgk::model::Format;
use zfxxgk::parse_input;
use zfxxgk::Status;

fn have_pdftotext() -> bool {
    let ok = std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok();
    if !ok {
        eprintln!(
            "note: pdftotext is not installed (apt-get install poppler-utils): PDF test skipped"
        );
    }
    ok
}

fn pdf(name: &str) -> zfxxgk::Report {
    let path = root().join("tests/fixtures/pdf").join(name);
    let bytes = std::fs::read(&path).expect("fixture");
    parse_input(name, &path, &bytes)
}

/// No wrong number; the share of cells found; each found cell's line is a line of
/// `pdftotext -layout` holding its raw text.
fn read_well(name: &str) -> (usize, usize) {
    let r = pdf(name);
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            root()
                .join("tests/fixtures/pdf")
                .join(name)
                .with_extension("truth.json"),
        )
        .expect("truth"),
    )
    .expect("json");
    assert_eq!(r.format, Format::Pdf);
    assert_eq!(
        r.template.as_ref().map(|t| t.id()),
        truth["meta"]["template"].as_str()
    );
    assert_eq!(r.meta.year.map(u64::from), truth["meta"]["year"].as_u64());
    let s = score(&r, &truth);
    assert!(s.wrong_numbers.is_empty(), "{name}: {:?}", s.wrong_numbers);
    // The text pdftotext gives, run here by the test itself.
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(root().join("tests/fixtures/pdf").join(name))
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = text.split('\n').collect();
    for (key, slot) in r.keyed_cells() {
        let Some(slot) = slot else { continue };
        let raw = &r.text[slot.raw.0..slot.raw.1];
        let line = lines.get(slot.line as usize - 1).copied().unwrap_or("");
        assert!(
            line.contains(raw),
            "{name}: {key} `{raw}` not on line {}: {line}",
            slot.line
        );
    }
    (s.right, s.total)
}

#[test]
fn constructed_reports_as_pdf() {
    if !have_pdftotext() {
        return;
    }
    let (a, at) = read_well("report-2021.pdf");
    let (b, bt) = read_well("report-2019.pdf");
    assert_eq!((at, bt), (200, 198));
    // Labels wrapped in narrow columns defeat the space-aligned reader on a few rows
    // (missing, never wrong): at least 90% of the cells are read.
    assert!((a + b) * 10 >= (at + bt) * 9, "{a}/{at}, {b}/{bt}");
}

#[test]
fn scanned_encrypted_broken() {
    if !have_pdftotext() {
        return;
    }
    let r = pdf("scanned.pdf");
    assert_eq!(r.status, Status::NotReport);
    assert_eq!(
        r.message,
        "The PDF has no text layer (its pages are scanned images): its numbers need OCR, or enter them by hand."
    );
    let r = pdf("encrypted.pdf");
    assert_eq!(r.status, Status::Unreadable);
    assert_eq!(
        r.message,
        "The PDF is encrypted with a password: open it with the password and save an unprotected copy, then run again."
    );
    let r = pdf("broken.pdf");
    assert_eq!(r.status, Status::Unreadable);
    assert!(
        r.message
            .starts_with("The PDF is damaged and could not be read ("),
        "{}",
        r.message
    );
    assert_eq!(r.format, Format::Pdf);
}

/// A folder of inputs: the fixture PDFs and a text report.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    for f in ["report-2021.pdf", "scanned.pdf"] {
        std::fs::copy(root().join("tests/fixtures/pdf").join(f), input.join(f)).expect("copy");
    }
    std::fs::copy(
        root().join("samples/constructed/pipe-2021.txt"),
        input.join("pipe.txt"),
    )
    .expect("copy");
    dir
}

fn statuses(dir: &std::path::Path) -> Vec<(String, String, String, String)> {
    read_csv(&dir.join("out/reports.csv"))
        .into_iter()
        .map(|r| {
            (
                r["report_id"].clone(),
                r["status"].clone(),
                r["format"].clone(),
                r["message"].clone(),
            )
        })
        .collect()
}

#[test]
fn without_pdftotext_each_pdf_is_unreadable_and_the_run_goes_on() {
    let dir = folder();
    let out = zfxxgk(
        dir.path(),
        &["extract", "in", "-o", "out", "--quiet"],
        &[("ZFXXGK_PDFTOTEXT", "/nonexistent/pdftotext")],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let msg = "Reading PDF files needs pdftotext, which is not installed: install poppler-utils (Debian, Ubuntu: apt-get install poppler-utils; macOS: brew install poppler) and run again.";
    assert_eq!(
        statuses(dir.path()),
        vec![
            ("pipe.txt".into(), "ok".into(), "txt".into(), String::new()),
            (
                "report-2021.pdf".into(),
                "unreadable".into(),
                "pdf".into(),
                msg.into()
            ),
            (
                "scanned.pdf".into(),
                "unreadable".into(),
                "pdf".into(),
                msg.into()
            ),
        ]
    );
}

/// A stand-in for pdftotext: a shell script.
fn fake(dir: &std::path::Path, body: &str) -> String {
    let p = dir.join("fake-pdftotext");
    std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).expect("write");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    p.to_string_lossy().into_owned()
}

#[test]
fn a_hanging_pdftotext_is_stopped() {
    let dir = folder();
    let prog = fake(dir.path(), "exec sleep 30");
    let out = zfxxgk(
        dir.path(),
        &["extract", "in", "-o", "out", "--quiet"],
        &[("ZFXXGK_PDFTOTEXT", &prog), ("ZFXXGK_PDF_TIMEOUT", "0.5")],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = statuses(dir.path());
    assert_eq!(rows[1].1, "unreadable");
    assert_eq!(
        rows[1].3,
        "pdftotext took longer than 0.5 s on this PDF and was stopped: the file may be damaged; convert it by hand (pdftotext -layout), or raise ZFXXGK_PDF_TIMEOUT."
    );
}

#[test]
fn endless_output_is_cut() {
    let dir = folder();
    let prog = fake(
        dir.path(),
        "exec yes 0123456789012345678901234567890123456789",
    );
    let out = zfxxgk(
        dir.path(),
        &["extract", "in", "-o", "out", "--quiet"],
        &[("ZFXXGK_PDFTOTEXT", &prog)],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = statuses(dir.path());
    assert_eq!(
        (rows[1].1.as_str(), rows[1].3.as_str()),
        (
            "unreadable",
            "pdftotext gave more than 64 MiB of text for this PDF: it is unlikely to be one report; split it."
        )
    );
}

#[test]
fn pdf_from_standard_input() {
    if !have_pdftotext() {
        return;
    }
    let bytes = std::fs::read(root().join("tests/fixtures/pdf/report-2019.pdf")).expect("pdf");
    let text = crate::util::check_stdin(&bytes);
    assert!(text.contains("\n  template  2019\n"), "{text}");
    assert!(text.contains("\n  format    pdf\n"), "{text}");
}

#[test]
fn an_incremental_run_reads_a_pdf_again_once_pdftotext_is_there() {
    if !have_pdftotext() {
        return;
    }
    let dir = folder();
    let run = |env: &[(&str, &str)]| {
        let out = zfxxgk(
            dir.path(),
            &["extract", "in", "-o", "out", "--quiet", "--incremental"],
            env,
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        statuses(dir.path())
            .into_iter()
            .map(|r| (r.0, r.1))
            .collect::<Vec<_>>()
    };
    let missing = run(&[("ZFXXGK_PDFTOTEXT", "/nonexistent/pdftotext")]);
    assert_eq!(
        missing[1],
        ("report-2021.pdf".to_string(), "unreadable".to_string())
    );
    let found = run(&[]);
    assert_eq!(found[1].0, "report-2021.pdf");
    assert_ne!(found[1].1, "unreadable");
    assert_eq!(
        found[2],
        ("scanned.pdf".to_string(), "not_report".to_string())
    );
}

/// The two PDF fixtures as pdftotext writes them in each of its text modes
/// (`tests/fixtures/pdf/modes/REPORT.MODE.txt`, written by `pdftotext [-layout |
/// -raw | -fixed N]` 22.12): every truth cell right, none wrong. The default mode
/// reads the table column by column and wraps `（六）其他处理` into `（六）其他` and
/// `处理`: the first half must not be taken for the row `3.其他`.
#[test]
fn every_pdftotext_mode_reads_right() {
    let dir = root().join("tests/fixtures/pdf/modes");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("modes")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 10, "{names:?}");
    for name in &names {
        let report = name.split('.').next().unwrap_or_default();
        let t = crate::util::truth(&format!("tests/fixtures/pdf/{report}.truth.json"));
        let bytes = std::fs::read(dir.join(name)).expect("text");
        let s = score(&zfxxgk::parse_report(name, &bytes), &t);
        assert!(s.wrong_numbers.is_empty(), "{name}: {:?}", s.wrong_numbers);
        let cells = if report.ends_with("2019") { 198 } else { 200 };
        // The default mode of the 2021 report: `（六）其他` names no label, so the
        // rows after it may be shifted, and the identities cannot tell
        // other_unpaid_fee from other_misc (both enter every sum alike); the label
        // `3.其他`, printed after the numbers with none of its own, every row before
        // them read, tells them apart (their 14 cells were missing before).
        assert_eq!((s.right, s.total), (cells, cells), "{name}: {:?}", s.misses);
    }
}
