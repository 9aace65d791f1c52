//! Exit codes, as README.md and `--help` state them: 0 the run completed (also when
//! standard output is closed early); 1 with --strict when any file is not ok or any
//! check fails; 2 for usage errors (options, PATHs, -o), 3 when the run fails (an
//! output cannot be written, an internal error). Errors say what went wrong on
//! stderr and leave nothing half-written.

use std::path::Path;

use crate::util::{dongxin_folder, read_csv, root, zfxxgk};

fn code(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = zfxxgk(dir, args, &[]);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every entry under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = walk(dir)
        .into_iter()
        .map(|p| p.strip_prefix(dir).unwrap_or(&p).display().to_string())
        .collect();
    v.sort();
    v
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("read_dir").flatten() {
        out.push(e.path());
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            out.extend(walk(&e.path()));
        }
    }
    out
}

#[test]
fn zero_when_the_run_completes_whatever_the_files() {
    let dir = dongxin_folder();
    std::fs::write(dir.path().join("in/empty.txt"), b"").expect("write");
    let (c, err) = code(dir.path(), &["extract", "in", "-o", "out", "--quiet"]);
    assert_eq!(c, Some(0), "{err}");
    assert_eq!(read_csv(&dir.path().join("out/reports.csv")).len(), 2);
}

#[test]
fn strict_is_zero_when_everything_is_ok() {
    let dir = dongxin_folder();
    let (c, err) = code(
        dir.path(),
        &["extract", "in", "-o", "out", "--quiet", "--strict"],
    );
    assert_eq!(c, Some(0), "{err}");
}

#[test]
fn strict_is_one_when_a_file_is_not_ok() {
    let dir = dongxin_folder();
    std::fs::write(dir.path().join("in/empty.txt"), b"").expect("write");
    let (c, err) = code(
        dir.path(),
        &["extract", "in", "-o", "out", "--quiet", "--strict"],
    );
    assert_eq!(c, Some(1), "{err}");
    // The outputs are written all the same.
    assert_eq!(read_csv(&dir.path().join("out/reports.csv")).len(), 2);
}

#[test]
fn strict_is_one_when_a_check_fails_in_an_ok_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("in")).expect("mkdir");
    // New applications by natural persons (line 104) 2 → 3: the row total and the
    // balance of that column no longer add up; everything is still read.
    let text = std::fs::read_to_string(root().join("samples/dongxin-2020.txt")).expect("sample");
    let mut lines: Vec<&str> = text.split('\n').collect();
    assert_eq!(lines[103], "\t\u{a0}2");
    lines[103] = "\t\u{a0}3";
    std::fs::write(dir.path().join("in/off.txt"), lines.join("\n")).expect("write");
    let (c, err) = code(dir.path(), &["extract", "in", "-o", "out", "--quiet"]);
    assert_eq!(c, Some(0), "{err}");
    let r = &read_csv(&dir.path().join("out/reports.csv"))[0];
    assert_eq!(
        (r["status"].as_str(), r["checks_failed"].as_str()),
        ("ok", "2")
    );
    let (c, err) = code(
        dir.path(),
        &["extract", "in", "-o", "out", "--quiet", "--strict"],
    );
    assert_eq!(c, Some(1), "{err}");
}

#[test]
fn two_for_a_usage_error() {
    let dir = dongxin_folder();
    let (c, err) = code(dir.path(), &["extract", "in", "--no-such-flag"]);
    assert_eq!(c, Some(2));
    assert!(
        err.contains("unexpected argument '--no-such-flag'"),
        "{err}"
    );
    let (c, err) = code(dir.path(), &["extract", "in", "--max-bytes", "lots"]);
    assert_eq!(c, Some(2));
    assert!(err.contains("invalid value 'lots'"), "{err}");
    let (c, _) = code(dir.path(), &["frobnicate"]);
    assert_eq!(c, Some(2));
    // Asking for help is not an error.
    let (c, _) = code(dir.path(), &["--help"]);
    assert_eq!(c, Some(0));
}

#[test]
fn two_when_an_input_path_does_not_exist() {
    let dir = dongxin_folder();
    let (c, err) = code(dir.path(), &["extract", "nowhere", "-o", "out", "--quiet"]);
    assert_eq!(c, Some(2));
    assert!(
        err.starts_with("zfxxgk: error: nowhere: No such file or directory"),
        "{err}"
    );
    assert!(!err.contains("pattern"), "{err}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn two_when_the_output_path_is_an_existing_regular_file() {
    // (Not a read-only folder: CI runs as root, for whom nothing is read-only.)
    let dir = dongxin_folder();
    std::fs::write(dir.path().join("out"), "keep me").expect("write");
    let before = tree(dir.path());
    let (c, err) = code(dir.path(), &["extract", "in", "-o", "out", "--quiet"]);
    assert_eq!(c, Some(2));
    assert_eq!(
        err,
        "zfxxgk: error: -o out: that is an existing file, not a folder; give another -o\n"
    );
    assert_eq!(tree(dir.path()), before);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out")).expect("read"),
        "keep me"
    );
}

#[test]
fn two_when_the_output_path_is_under_a_regular_file() {
    let dir = dongxin_folder();
    std::fs::write(dir.path().join("file"), "keep me").expect("write");
    let before = tree(dir.path());
    let (c, err) = code(dir.path(), &["extract", "in", "-o", "file/out", "--quiet"]);
    assert_eq!(c, Some(2));
    assert_eq!(
        err,
        "zfxxgk: error: -o file/out: file is an existing file, so no folder can be made under it; give another -o\n"
    );
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn an_output_that_cannot_be_replaced_leaves_the_previous_outputs_whole() {
    // A previous run's outputs, then a folder where cells.csv should go: the new
    // reports.csv must not replace the old one alone, and no temporary folder may
    // be left behind.
    let dir = dongxin_folder();
    let (c, err) = code(dir.path(), &["extract", "in", "-o", "out", "--quiet"]);
    assert_eq!(c, Some(0), "{err}");
    let old_reports = std::fs::read(dir.path().join("out/reports.csv")).expect("read");
    std::fs::remove_file(dir.path().join("out/cells.csv")).expect("rm");
    std::fs::create_dir(dir.path().join("out/cells.csv")).expect("mkdir");
    std::fs::write(dir.path().join("in/empty.txt"), b"").expect("write");
    let before = tree(&dir.path().join("out"));
    let (c, err) = code(dir.path(), &["extract", "in", "-o", "out", "--quiet"]);
    assert_eq!(c, Some(2));
    assert_eq!(
        err,
        "zfxxgk: error: out/cells.csv: a folder stands where this file goes; move it away\n"
    );
    assert_eq!(tree(&dir.path().join("out")), before);
    assert_eq!(
        std::fs::read(dir.path().join("out/reports.csv")).expect("read"),
        old_reports
    );
}

#[test]
fn a_jsonl_output_that_cannot_be_replaced_leaves_no_temporary_folder() {
    let dir = dongxin_folder();
    std::fs::create_dir_all(dir.path().join("out/reports.jsonl")).expect("mkdir");
    let before = tree(&dir.path().join("out"));
    let (c, err) = code(
        dir.path(),
        &["extract", "in", "-o", "out", "--quiet", "--format", "jsonl"],
    );
    assert_eq!(c, Some(2));
    assert!(
        err.starts_with("zfxxgk: error: out/reports.jsonl: "),
        "{err}"
    );
    assert_eq!(tree(&dir.path().join("out")), before);
}

#[test]
fn the_codes_are_documented_in_help_and_readme() {
    let codes = "Exit codes:
  0  the run completed (also when standard output is closed early, as by | head)
  1  with --strict: a file is not ok or a check fails (check: a check fails)
  2  usage: bad options, a PATH that does not exist or holds nothing to read, an -o that cannot be used, a --grammar file that cannot be read or is malformed
  3  the run failed: an output could not be written, or an internal error";
    let out = zfxxgk(&root(), &["--help"], &[]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains(codes), "{help}");
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let table = "| exit code | meaning |
|---:|---|
| `0` | the run completed (also when standard output is closed early, as by `head`) |
| `1` | with `--strict`: a file is not `ok` or a check fails (`check`: a check fails, `2` when a file cannot be read) |
| `2` | usage: bad options, a PATH that does not exist or holds nothing to read, an `-o` that cannot be used, a `--grammar` file that cannot be read or is malformed |
| `3` | the run failed: an output could not be written (a full disk), or an internal error |";
    assert!(
        readme.contains(table),
        "README.md no longer states the exit codes"
    );
}

/// The library tells the kinds apart; the command maps them to 2, 3 and 0.
#[test]
fn error_kinds() {
    use zfxxgk::error::Kind;
    let io = || std::io::Error::other("x");
    assert_eq!(zfxxgk::Error::Usage("x".into()).kind(), Kind::Usage);
    assert_eq!(zfxxgk::Error::NothingToRead("x".into()).kind(), Kind::Usage);
    let input = zfxxgk::Error::Input {
        path: "p".into(),
        source: io(),
    };
    assert_eq!(input.kind(), Kind::Usage);
    assert_eq!(zfxxgk::Error::Internal("x".into()).kind(), Kind::Failed);
    let write = zfxxgk::Error::Io {
        path: "p".into(),
        source: io(),
    };
    assert_eq!(write.kind(), Kind::Failed);
    assert_eq!(zfxxgk::Error::OutputClosed.kind(), Kind::OutputClosed);
}

/// A write that fails (a full disk: /dev/full) is not a usage error: exit 3, and
/// a message that says the run did not complete.
#[cfg(target_os = "linux")]
#[test]
fn three_when_an_output_cannot_be_written() {
    let dir = dongxin_folder();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_zfxxgk"))
        .current_dir(dir.path())
        .args(["extract", "in", "--format", "jsonl", "-o", "-"])
        .stdout(full)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "zfxxgk: failed: standard output: No space left on device (os error 28)\nThe run did not complete (exit 3: not a problem with the command line); outputs of an earlier run are left as they were.\n"
    );
}

/// `zfxxgk extract … --format jsonl -o - | head`: the reader goes away after the
/// first line; zfxxgk stops quietly with 0, as rg does.
#[test]
fn zero_and_quiet_when_standard_output_is_closed_early() {
    use std::io::BufRead;
    let dir = dongxin_folder();
    let sample = std::fs::read(root().join("samples/dongxin-2020.txt")).expect("sample");
    // Far more JSON than a pipe holds (some 60 KB a report).
    for i in 0..60 {
        std::fs::write(dir.path().join(format!("in/r{i:02}.txt")), &sample).expect("write");
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_zfxxgk"))
        .current_dir(dir.path())
        .args(["extract", "in", "--format", "jsonl", "-o", "-"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let mut first = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut first)
        .expect("a line");
    assert!(
        first.starts_with("{\"report_id\":\"dongxin-2020.txt\""),
        "{first}"
    );
    // The reader is dropped here: the pipe is closed.
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
}
