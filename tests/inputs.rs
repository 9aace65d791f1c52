//! Nothing lost at the edges (issue 12): every distinct input file gets its own row
//! and a unique, stable report id however the PATHs are given; a file reached twice
//! is read once and says so; a run with nothing to read says what it skipped;
//! files given by name in a format zfxxgk does not read get a row without a read.
//! All through the real binary.

use std::path::Path;

use crate::util::{read_csv, root, zfxxgk};

fn sample() -> Vec<u8> {
    std::fs::read(root().join("samples/dongxin-2020.txt")).expect("sample")
}

fn put(dir: &Path, rel: &str, bytes: &[u8]) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, bytes).expect("write");
}

/// Runs `extract ARGS -o out` in `dir`; (exit code, stderr).
fn extract(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut all = vec!["extract"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", "out"]);
    let o = zfxxgk(dir, &all, &[]);
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).replace('\n', " "),
    )
}

/// (report_id, status) of every row of out/reports.csv.
fn rows(dir: &Path) -> Vec<(String, String)> {
    read_csv(&dir.join("out/reports.csv"))
        .into_iter()
        .map(|r| (r["report_id"].clone(), r["status"].clone()))
        .collect()
}

fn ok(ids: &[&str]) -> Vec<(String, String)> {
    ids.iter()
        .map(|i| (i.to_string(), "ok".to_string()))
        .collect()
}

/// The diagnostics of one report (line 0: the whole file).
fn notes(dir: &Path, id: &str) -> Vec<String> {
    read_csv(&dir.join("out/diagnostics.csv"))
        .into_iter()
        .filter(|d| d["report_id"] == id && d["line"] == "0" && d["level"] == "note")
        .map(|d| d["message"].clone())
        .collect()
}

#[test]
fn two_files_of_one_name_in_two_folders_are_two_rows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    put(d, "a/r.txt", &sample());
    put(d, "b/r.txt", &sample());
    let (c, err) = extract(d, &["a/r.txt", "b/r.txt"]);
    assert_eq!(c, Some(0), "{err}");
    assert_eq!(rows(d), ok(&["a/r.txt", "b/r.txt"]));
    assert!(err.starts_with("zfxxgk: read 2 files "), "{err}");
    // Each report's cells under its own id: 198 each.
    let cells = read_csv(&d.join("out/cells.csv"));
    for id in ["a/r.txt", "b/r.txt"] {
        let n = cells
            .iter()
            .filter(|c| c["report_id"] == id && !c["value"].is_empty())
            .count();
        assert_eq!(n, 198, "{id}");
    }
}

#[test]
fn two_folders_of_one_name_are_told_apart_by_their_parents() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    put(d, "p/2021/x.txt", &sample());
    put(d, "q/2021/x.txt", &sample());
    put(d, "q/2021/sub/y.txt", &sample());
    let (c, err) = extract(d, &["p/2021", "q/2021"]);
    assert_eq!(c, Some(0), "{err}");
    let want = ok(&["p/2021/x.txt", "q/2021/sub/y.txt", "q/2021/x.txt"]);
    assert_eq!(rows(d), want);
    // Stable: the same ids whatever the order of the PATHs, relative or absolute,
    // and the same bytes.
    let first = std::fs::read(d.join("out/cells.csv")).expect("cells");
    let q = d.join("q/2021");
    let (c, err) = extract(d, &[q.to_str().expect("utf-8"), "./p/../p/2021"]);
    assert_eq!(c, Some(0), "{err}");
    assert_eq!(rows(d), want);
    assert_eq!(
        std::fs::read(d.join("out/cells.csv")).expect("cells"),
        first
    );
}

#[test]
fn a_single_folder_or_file_keeps_the_ids_it_always_had() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    put(d, "in/2021/x.txt", &sample());
    put(d, "in/y.txt", &sample());
    let (c, err) = extract(d, &["in"]);
    assert_eq!(c, Some(0), "{err}");
    assert_eq!(rows(d), ok(&["2021/x.txt", "y.txt"]));
    let (c, err) = extract(d, &["in/2021/x.txt"]);
    assert_eq!(c, Some(0), "{err}");
    assert_eq!(rows(d), ok(&["x.txt"]));
}

#[test]
fn the_same_file_given_twice_is_read_once_and_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    put(d, "in/r.txt", &sample());
    let abs = d.join("in/r.txt");
    let (c, err) = extract(d, &["in/r.txt", abs.to_str().expect("utf-8"), "in/./r.txt"]);
    assert_eq!(c, Some(0), "{err}");
    assert_eq!(rows(d), ok(&["r.txt"]));
    assert_eq!(
        notes(d, "r.txt"),
        vec!["This file was given more than once (the same PATH twice, or PATHs that overlap): it is read once."]
    );
    assert!(err.starts_with("zfxxgk: read 1 file "), "{err}");
    assert!(
        err.contains(" 1 file reached more than once (a link, or PATHs that overlap) was read once; a note in its diagnostics says so. "),
        "{err}"
    );
}

#[test]
fn overlapping_folders_read_each_file_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    put(d, "in/x.txt", &sample());
    put(d, "in/sub/y.txt", &sample());
    // The folder, a folder inside it, and a file inside that.
    let (c, err) = extract(d, &["in", "in/sub", "in/sub/y.txt"]);
    assert_eq!(c, Some(0), "{err}");
    assert_eq!(rows(d), ok(&["sub/y.txt", "x.txt"]));
    assert_eq!(notes(d, "sub/y.txt").len(), 1);
    assert!(notes(d, "x.txt").is_empty());
}

#[cfg(unix)]
#[test]
fn links_to_one_file_are_read_once_under_the_real_name() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    put(d, "in/r.txt", &sample());
    put(d, "in/sub/y.txt", &sample());
    // A link to a file (sorting before it), and a link to a folder.
    symlink("r.txt", d.join("in/a-link.txt")).expect("link");
    symlink("sub", d.join("in/linked")).expect("link");
    let (c, err) = extract(d, &["in"]);
    assert_eq!(c, Some(0), "{err}");
    assert_eq!(rows(d), ok(&["r.txt", "sub/y.txt"]));
    assert_eq!(
        notes(d, "r.txt"),
        vec!["This file was also reached as a-link.txt (a link, or PATHs that overlap): it is read once, under this id."]
    );
    assert_eq!(
        notes(d, "sub/y.txt"),
        vec!["This file was also reached as linked/y.txt (a link, or PATHs that overlap): it is read once, under this id."]
    );
    assert!(err.contains(" 2 files reached more than once "), "{err}");
    // A broken link and a .docx given twice are one row each too.
    symlink("nowhere.txt", d.join("in/sub/broken.txt")).expect("link");
    put(d, "notes.docx", b"x");
    let (c, err) = extract(d, &["in/sub", "in/sub", "notes.docx", "./notes.docx"]);
    assert_eq!(c, Some(0), "{err}");
    assert_eq!(
        rows(d),
        vec![
            ("in/sub/broken.txt".to_string(), "unreadable".to_string()),
            ("in/sub/y.txt".to_string(), "ok".to_string()),
            ("notes.docx".to_string(), "unreadable".to_string()),
        ]
    );
    assert_eq!(notes(d, "in/sub/broken.txt").len(), 1);
    assert_eq!(notes(d, "notes.docx").len(), 1);
    std::fs::remove_file(d.join("in/sub/broken.txt")).expect("rm");
    // A PATH that is itself a link to a folder: its files are read once each, with
    // ids relative to it, and nothing is a duplicate.
    symlink("in/sub", d.join("the-sub")).expect("link");
    let (c, err) = extract(d, &["the-sub"]);
    assert_eq!(c, Some(0), "{err}");
    assert_eq!(rows(d), ok(&["y.txt"]));
    assert!(notes(d, "y.txt").is_empty());
    assert!(!err.contains("more than once"), "{err}");
}

#[cfg(target_os = "linux")]
#[test]
fn two_names_that_read_alike_get_two_ids() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::create_dir(d.join("in")).expect("mkdir");
    // Neither is UTF-8 nor GB18030: both read as U+FFFD followed by .txt.
    for name in [&b"\xfe.txt"[..], &b"\xff.txt"[..]] {
        let p = d.join("in").join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(p, sample()).expect("write");
    }
    let (c, err) = extract(d, &["in"]);
    assert_eq!(c, Some(0), "{err}");
    assert_eq!(rows(d), ok(&["\u{fffd}.txt", "\u{fffd}.txt#2"]));
    assert_eq!(
        notes(d, "\u{fffd}.txt#2"),
        vec!["Another file's name reads as \u{fffd}.txt too (names that are not UTF-8): this one is \u{fffd}.txt#2."]
    );
}

#[test]
fn incremental_keeps_working_with_ids_of_several_folders() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    put(d, "p/2021/x.txt", &sample());
    put(d, "q/2021/x.txt", &sample());
    let run = |out: &str, more: &[&str]| {
        let mut args = vec!["extract", "p/2021", "q/2021", "-o", out];
        args.extend_from_slice(more);
        let o = zfxxgk(d, &args, &[]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stderr).replace('\n', " ")
    };
    run("out", &["--incremental"]);
    let err = run("out", &["--incremental"]);
    assert!(
        err.contains("2 files since the last run: 0 added, 0 changed, 0 removed, 2 unchanged"),
        "{err}"
    );
    put(d, "q/2021/x.txt", "附：已更正。\n".as_bytes());
    let err = run("out", &["--incremental"]);
    assert!(
        err.contains("0 added, 1 changed, 0 removed, 1 unchanged"),
        "{err}"
    );
    run("full", &[]);
    for name in zfxxgk::run::Format::Csv.files() {
        let a = std::fs::read(d.join("out").join(name)).expect("out");
        let b = std::fs::read(d.join("full").join(name)).expect("full");
        assert!(a == b, "{name} differs from a full run");
    }
    assert_eq!(
        rows(d),
        vec![
            ("p/2021/x.txt".to_string(), "ok".to_string()),
            ("q/2021/x.txt".to_string(), "not_report".to_string())
        ]
    );
}

#[test]
fn a_folder_with_nothing_to_read_is_an_error_that_says_what_was_skipped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    for name in ["docs/1.doc", "docs/2.doc", "docs/3.DOC"] {
        put(d, name, b"\xd0\xcf\x11\xe0");
    }
    std::fs::create_dir(d.join("empty")).expect("mkdir");
    let (c, err) = extract(d, &["docs"]);
    assert_eq!(c, Some(2));
    assert_eq!(
        err,
        "zfxxgk: error: found no report to read in docs: 3 .doc files skipped: not a format zfxxgk reads. zfxxgk reads web pages (*.html, *.htm), PDF files (*.pdf) and plain-text or markdown reports (*.txt, *.md); convert the reports to one of them first. "
    );
    assert!(!d.join("out").exists(), "nothing is written");
    let (c, err) = extract(d, &["empty"]);
    assert_eq!(c, Some(2));
    assert_eq!(
        err,
        "zfxxgk: error: found no report to read in empty: there are no files in it. "
    );
    // A pattern the shell passed on because it matched nothing.
    let (c, err) = extract(d, &["docs/*.txt"]);
    assert_eq!(c, Some(2));
    assert!(
        err.starts_with("zfxxgk: error: docs/*.txt: No such file or directory")
            && err.contains(
                "(A pattern that matches no file is passed on as it is: check its spelling.)"
            ),
        "{err}"
    );
}

#[test]
fn skipped_files_are_counted_in_the_summary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    put(d, "in/r.txt", &sample());
    put(d, "in/a.doc", b"x");
    put(d, "in/sub/b.doc", b"x");
    put(d, "in/scan.png", b"x");
    let (c, err) = extract(d, &["in"]);
    assert_eq!(c, Some(0), "{err}");
    assert_eq!(rows(d), ok(&["r.txt"]));
    assert!(
        err.contains(
            " Skipped 3 files in the folders, not a format zfxxgk reads (2 .doc, 1 .png). "
        ),
        "{err}"
    );
}

#[test]
fn without_a_path_outside_the_repository_a_path_is_asked_for() {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = zfxxgk(dir.path(), &["extract", "-o", "out"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        err,
        "zfxxgk: error: no PATH given, and there is no samples/ folder here to read instead: name the files or folders to read, as in `zfxxgk extract archive/ -o output/`\n"
    );
    // In the repository, samples/ is read.
    let out = dir.path().join("out");
    let o = zfxxgk(
        &root(),
        &["extract", "-o", out.to_str().expect("utf-8"), "-q"],
        &[],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(read_csv(&out.join("reports.csv")).len(), 15);
}

#[test]
fn files_given_by_name_that_are_not_reports_get_a_row_without_a_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    put(d, "r.txt", &sample());
    // A report's very text under names of other formats: were they decoded they
    // would be ok.
    put(d, "notes.docx", &sample());
    put(d, "scan.PNG", &sample());
    let (c, err) = extract(d, &["r.txt", "notes.docx", "scan.PNG"]);
    assert_eq!(c, Some(0), "{err}");
    let reports = read_csv(&d.join("out/reports.csv"));
    let got: Vec<(&str, &str, &str, &str)> = reports
        .iter()
        .map(|r| {
            (
                r["report_id"].as_str(),
                r["status"].as_str(),
                r["encoding"].as_str(),
                r["message"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("notes.docx", "unreadable", "", "This is a Word document (.docx), not a format zfxxgk reads, so it was not opened: zfxxgk reads web pages (.html), PDF files (.pdf) and plain-text reports (.txt); convert the report to one of them and give that file."),
            ("r.txt", "ok", "utf-8", ""),
            ("scan.PNG", "unreadable", "", "This is an image (.png), not a format zfxxgk reads, so it was not opened: zfxxgk reads web pages (.html), PDF files (.pdf) and plain-text reports (.txt); convert the report to one of them and give that file."),
        ]
    );
    assert!(
        err.contains(" 1 ok, 0 partial, 0 not a report, 2 unreadable. "),
        "{err}"
    );
    // Given alone, there is nothing to read.
    let (c, err) = extract(d, &["notes.docx"]);
    assert_eq!(c, Some(2));
    assert_eq!(
        err,
        "zfxxgk: error: found no report to read in notes.docx: notes.docx is a Word document. zfxxgk reads web pages (*.html, *.htm), PDF files (*.pdf) and plain-text or markdown reports (*.txt, *.md); convert the reports to one of them first. "
    );
    // check says the same.
    let o = zfxxgk(d, &["check", "notes.docx"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("unreadable: This is a Word document (.docx), not a format zfxxgk reads"),
        "{text}"
    );
}

#[test]
fn markdown_is_read_and_a_folders_readme_is_skipped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    put(d, "in/a/report.md", &sample());
    put(d, "in/a/README.md", "# 这些报告从哪里来\n".as_bytes());
    put(d, "in/b/readme.txt", b"notes\n");
    let (code, err) = extract(d, &["in", "--quiet"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(rows(d), ok(&["a/report.md"]));
    // Given by name, a README is read like any file.
    let (code, err) = extract(d, &["in/a/README.md", "--quiet"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        rows(d),
        vec![("README.md".to_string(), "not_report".to_string())]
    );
    // A folder of READMEs alone has nothing to read, and says what was skipped.
    let (code, err) = extract(d, &["in/b"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("1 README file skipped"), "{err}");
}

#[test]
fn a_page_saved_under_a_txt_name_is_read_as_a_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let page =
        std::fs::read(root().join("tests/fixtures/converted/pages/c-2021.html")).expect("page");
    put(d, "in/c-2021.txt", &page);
    let (code, err) = extract(d, &["in", "--quiet"]);
    assert_eq!(code, Some(0), "{err}");
    let r = read_csv(&d.join("out/reports.csv"));
    assert_eq!(
        (
            r[0]["status"].as_str(),
            r[0]["format"].as_str(),
            r[0]["cells"].as_str()
        ),
        // The 200 cells of its truth file (tests/fixtures/converted/c-2021.truth.json).
        ("ok", "html", "200")
    );
}
