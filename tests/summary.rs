//! What a run says on stderr: a paragraph when it ends, never a progress bar when
//! stderr is not a terminal (as here, where it is a pipe), nothing with --quiet.

use crate::util::{root, zfxxgk};

fn sample() -> String {
    let p = root().join("samples/dongxin-2020.txt");
    p.to_str().expect("utf-8 path").to_string()
}

#[test]
fn piped_stderr_gets_the_summary_and_no_bar() {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = zfxxgk(dir.path(), &["extract", &sample(), "-o", "out"], &[]);
    assert!(o.status.success());
    let err = String::from_utf8(o.stderr).expect("utf-8");
    // No cursor movements, carriage returns or spinner frames: only the paragraph.
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "{err:?}");
    assert!(err.lines().all(|l| l.chars().count() <= 80), "{err}");
    let flat = err.replace('\n', " ");
    assert!(flat.starts_with("zfxxgk: read 1 file (6 KB) in "), "{flat}");
    assert!(
        flat.contains(": 1 ok, 0 partial, 0 not a report, 0 unreadable. 198 table cells read; 0 checks failed. Wrote the CSV files into out. "),
        "{flat}"
    );
    assert!(!flat.contains("not ok"), "{flat}");
}

#[test]
fn the_summary_points_at_what_is_not_ok() {
    let dir = tempfile::tempdir().expect("temp dir");
    let notice = dir.path().join("notice.txt");
    std::fs::write(&notice, "关于召开年度工作会议的通知\n各科室：\n").expect("write");
    let o = zfxxgk(
        dir.path(),
        &[
            "extract",
            "notice.txt",
            &sample(),
            "-o",
            "-",
            "--format",
            "jsonl",
        ],
        &[],
    );
    assert!(o.status.success());
    let flat = String::from_utf8(o.stderr)
        .expect("utf-8")
        .replace('\n', " ");
    assert!(flat.contains("read 2 files"), "{flat}");
    assert!(
        flat.contains("1 ok, 0 partial, 1 not a report, 0 unreadable."),
        "{flat}"
    );
    assert!(
        flat.contains("Wrote one JSON line per file to standard output. For each file that is not ok, its message says what to do."),
        "{flat}"
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 2);
}

#[test]
fn quiet_is_silent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = zfxxgk(
        dir.path(),
        &["extract", &sample(), "-o", "out", "--quiet"],
        &[],
    );
    assert!(o.status.success());
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
