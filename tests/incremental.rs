//! `--incremental` and atomic outputs: a rerun parses only what changed and writes
//! the same bytes as a full run; a killed run leaves the previous outputs intact.

use std::path::Path;

use crate::util::{root, zfxxgk};
use zfxxgk::run::{run, Options};

fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.expect("walk");
        let rel = e.path().strip_prefix(from).expect("prefix");
        let dst = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dst).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &dst).expect("copy");
        }
    }
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&root().join("samples"), &dir.path().join("in/samples"));
    copy_tree(
        &root().join("tests/fixtures/corpus"),
        &dir.path().join("in/corpus"),
    );
    dir
}

fn extract(dir: &Path, out: &str, incremental: bool) -> zfxxgk::run::Summary {
    let mut o = Options::new(vec![dir.join("in")], dir.join(out));
    o.incremental = incremental;
    run(&o, &|_| {}).expect("run")
}

fn assert_same_outputs(a: &Path, b: &Path) {
    for name in zfxxgk::run::Format::Csv.files() {
        let x = std::fs::read(a.join(name)).expect("a");
        let y = std::fs::read(b.join(name)).expect("b");
        assert!(x == y, "{name} differs from a full run");
    }
}

#[test]
fn rerun_with_nothing_changed_parses_nothing() {
    let dir = setup();
    let first = extract(dir.path(), "out", true);
    assert_eq!(first.unchanged, 0);
    let before = std::fs::read(dir.path().join("out/cells.csv")).expect("cells");
    let again = extract(dir.path(), "out", true);
    assert_eq!(again.unchanged, again.files);
    assert_eq!(again.cells, first.cells);
    assert_eq!(again.by_status, first.by_status);
    assert_eq!(
        std::fs::read(dir.path().join("out/cells.csv")).expect("cells"),
        before
    );
}

#[test]
fn added_changed_and_deleted_files() {
    let dir = setup();
    let d = dir.path();
    let first = extract(d, "out", true);
    let n = first.files;
    // Changed: a report with one number edited.
    let p = d.join("in/samples/dongxin-2020.txt");
    let text = std::fs::read_to_string(&p).expect("read");
    std::fs::write(&p, text.replacen("\t29项", "\t30项", 1)).expect("write");
    // Deleted.
    std::fs::remove_file(d.join("in/corpus/pages/001.txt")).expect("rm");
    // Added.
    std::fs::copy(
        d.join("in/corpus/pages/002.txt"),
        d.join("in/corpus/pages/002-copy.txt"),
    )
    .expect("copy");
    let again = extract(d, "out", true);
    assert_eq!(again.files, n);
    // Everything but the changed and the added file was kept.
    assert_eq!(again.unchanged, n - 2);
    extract(d, "full", false);
    assert_same_outputs(&d.join("full"), &d.join("out"));
    let cells = std::fs::read_to_string(d.join("out/cells.csv")).expect("cells");
    assert!(cells.contains("dongxin-2020.txt,2,20.9,procurement,projects,30,项,number,30项,81"));
    assert!(!cells.contains("pages/001.txt"));
    assert!(cells.contains("pages/002-copy.txt"));
}

#[test]
fn same_size_rewrite_is_seen() {
    let dir = setup();
    let d = dir.path();
    extract(d, "out", true);
    // Same length, different digit: the size alone would not tell.
    let p = d.join("in/samples/dongxin-2020.txt");
    let text = std::fs::read_to_string(&p).expect("read");
    std::fs::write(&p, text.replacen("\t29项", "\t28项", 1)).expect("write");
    let again = extract(d, "out", true);
    assert_eq!(again.unchanged, again.files - 1);
    extract(d, "full", false);
    assert_same_outputs(&d.join("full"), &d.join("out"));
}

#[test]
fn a_damaged_cache_means_a_full_run() {
    let dir = setup();
    let d = dir.path();
    extract(d, "out", true);
    std::fs::write(d.join("out").join(zfxxgk::run::CACHE_FILE), b"garbage").expect("write");
    let again = extract(d, "out", true);
    assert_eq!(again.unchanged, 0);
    extract(d, "full", false);
    assert_same_outputs(&d.join("full"), &d.join("out"));
}

#[test]
fn edited_outputs_mean_a_full_run() {
    let dir = setup();
    let d = dir.path();
    extract(d, "out", true);
    std::fs::write(d.join("out/cells.csv"), b"edited by hand\n").expect("write");
    let again = extract(d, "out", true);
    assert_eq!(again.unchanged, 0);
    extract(d, "full", false);
    assert_same_outputs(&d.join("full"), &d.join("out"));
}

#[test]
fn a_killed_run_leaves_the_previous_outputs() {
    let dir = setup();
    let d = dir.path();
    extract(d, "out", false);
    let before: Vec<Vec<u8>> = zfxxgk::run::Format::Csv
        .files()
        .iter()
        .map(|n| std::fs::read(d.join("out").join(n)).expect("read"))
        .collect();
    // A bigger input, so that the run is still going when it is killed.
    let big = d.join("big");
    std::fs::create_dir_all(&big).expect("mkdir");
    let sample = std::fs::read(root().join("samples/dongxin-2020.txt")).expect("sample");
    for i in 0..3000 {
        std::fs::write(big.join(format!("r{i:05}.txt")), &sample).expect("write");
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_zfxxgk"))
        .current_dir(d)
        .args(["extract", "big", "-o", "out", "--quiet"])
        .env("RAYON_NUM_THREADS", "1")
        .spawn()
        .expect("spawn");
    // Kill it once its temporary folder exists, i.e. mid-run.
    let started = std::time::Instant::now();
    loop {
        let partial = std::fs::read_dir(d.join("out"))
            .expect("out")
            .flatten()
            .any(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(".zfxxgk-partial-")
            });
        if partial || started.elapsed().as_secs() > 20 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    std::thread::sleep(std::time::Duration::from_millis(50));
    child.kill().expect("kill");
    let status = child.wait().expect("wait");
    assert!(
        !status.success(),
        "the run finished before it was killed; make the input bigger"
    );
    for (n, want) in zfxxgk::run::Format::Csv.files().iter().zip(&before) {
        let got = std::fs::read(d.join("out").join(n)).expect("read");
        assert!(&got == want, "{n} changed although the run was killed");
    }
    // The next run cleans up what the killed one left and completes.
    let o = zfxxgk(d, &["extract", "in", "-o", "out", "--quiet"], &[]);
    assert!(o.status.success());
    let left: Vec<String> = std::fs::read_dir(d.join("out"))
        .expect("out")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Enough files for many blocks of work (a block is 16 reports), so that blocks
/// finish out of order on 4 threads: the writer must still put them in input order,
/// and an incremental rerun must interleave kept and parsed reports inside blocks.
#[test]
fn many_blocks_out_of_order_and_incremental_match_a_one_thread_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let mut sources: Vec<std::path::PathBuf> = walkdir::WalkDir::new(root().join("samples"))
        .into_iter()
        .chain(walkdir::WalkDir::new(root().join("tests/fixtures/corpus")))
        .map(|e| e.expect("walk").into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    sources.sort();
    std::fs::create_dir_all(d.join("in")).expect("mkdir");
    for i in 0..150 {
        let src = &sources[i % sources.len()];
        std::fs::copy(src, d.join(format!("in/r{i:03}.txt"))).expect("copy");
    }
    let run_bin = |out: &str, threads: &str, incremental: bool| {
        let mut args = vec!["extract", "in", "-o", out, "--quiet"];
        if incremental {
            args.push("--incremental");
        }
        let o = zfxxgk(d, &args, &[("RAYON_NUM_THREADS", threads)]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    run_bin("one", "1", false);
    run_bin("four", "4", false);
    assert_same_outputs(&d.join("one"), &d.join("four"));
    let ids: Vec<String> = crate::util::read_csv(&d.join("one/reports.csv"))
        .into_iter()
        .map(|r| r["report_id"].clone())
        .collect();
    let want: Vec<String> = (0..150).map(|i| format!("r{i:03}.txt")).collect();
    assert_eq!(ids, want);

    run_bin("inc", "4", true);
    // Changed inside a block, at a block's first and last report, deleted, added.
    for i in [5, 16, 31, 100] {
        let p = d.join(format!("in/r{i:03}.txt"));
        let mut bytes = std::fs::read(&p).expect("read");
        bytes.extend_from_slice("\n附：本报告已更正。\n".as_bytes());
        std::fs::write(&p, bytes).expect("write");
    }
    std::fs::remove_file(d.join("in/r070.txt")).expect("rm");
    std::fs::copy(d.join("in/r001.txt"), d.join("in/r070a.txt")).expect("copy");
    run_bin("inc", "4", true);
    run_bin("full", "1", false);
    assert_same_outputs(&d.join("inc"), &d.join("full"));
}

/// Runs the binary with --incremental into `out`; the summary on one line.
fn extract_bin(dir: &Path, out: &str) -> String {
    let o = zfxxgk(dir, &["extract", "in", "-o", out, "--incremental"], &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stderr).replace('\n', " ")
}

/// The index names the version that wrote it: an index of another version (here
/// its version field rewritten, as 0.1.0 → 9.9.9 would leave it) means a full
/// run, which says why, and leaves an index the next run uses.
#[test]
fn an_index_written_by_another_version_means_a_full_run() {
    let dir = setup();
    let d = dir.path();
    extract_bin(d, "out");
    let path = d.join("out").join(zfxxgk::run::CACHE_FILE);
    let bytes = std::fs::read(&path).expect("index");
    let version = env!("CARGO_PKG_VERSION");
    let from = format!("zfxxgk {version} output ");
    let other: String = version
        .chars()
        .map(|c| if c == '.' { c } else { '9' })
        .collect();
    assert_ne!(other, version);
    let to = format!("zfxxgk {other} output ");
    let at = bytes
        .windows(from.len())
        .position(|w| w == from.as_bytes())
        .expect("the fingerprint names the version");
    let mut edited = bytes.clone();
    edited[at..at + to.len()].copy_from_slice(to.as_bytes());
    std::fs::write(&path, edited).expect("write");
    let err = extract_bin(d, "out");
    assert!(err.starts_with("zfxxgk: read "), "{err}");
    assert!(
        err.contains(&format!(
            " --incremental read every file: the index was written by zfxxgk {other}, this is {version}. "
        )),
        "{err}"
    );
    extract(d, "full", false);
    assert_same_outputs(&d.join("full"), &d.join("out"));
    let err = extract_bin(d, "out");
    assert!(err.contains(" 0 added, 0 changed, 0 removed, "), "{err}");
    // An index in an earlier layout (before v5, whose organ keys came from std's
    // hasher) is one of an earlier version.
    let mut old = std::fs::read(&path).expect("index");
    assert_eq!(&old[..16], b"ZFXXGK-CACHE-v5\n");
    old[14] = b'4';
    std::fs::write(&path, old).expect("write");
    let err = extract_bin(d, "out");
    assert!(
        err.contains(" --incremental read every file: the index was written by an earlier version of zfxxgk. "),
        "{err}"
    );
}

/// The summary of a rerun counts files added, changed, removed and unchanged, and
/// gives a rate only for bytes it read.
#[test]
fn the_summary_counts_what_changed_and_rates_only_what_was_read() {
    let dir = setup();
    let d = dir.path();
    let first = extract_bin(d, "out");
    // The files of the run, as the library counts them (one row of reports.csv each).
    let n = extract(d, "count", false).files;
    assert!(
        first.contains(
            " --incremental read every file: there is no index from an earlier --incremental run. "
        ),
        "{first}"
    );
    let again = extract_bin(d, "out");
    assert!(
        again.starts_with(&format!(
            "zfxxgk: {n} files since the last run: 0 added, 0 changed, 0 removed, {n} unchanged (kept, not parsed again). No file needed reading ("
        )),
        "{again}"
    );
    assert!(
        !again.contains("MB/s") && !again.contains("KB/s"),
        "{again}"
    );
    assert!(
        again.contains(" The CSV files in out are as they were."),
        "{again}"
    );
    // One changed (7 bytes longer), one removed, two added.
    let p = d.join("in/samples/dongxin-2020.txt");
    let text = std::fs::read_to_string(&p).expect("read");
    std::fs::write(&p, format!("{text}\n附：已更正。")).expect("write");
    std::fs::remove_file(d.join("in/corpus/pages/001.txt")).expect("rm");
    std::fs::write(d.join("in/new-a.txt"), "一").expect("write");
    std::fs::write(d.join("in/new-b.txt"), "二").expect("write");
    let third = extract_bin(d, "out");
    let size = std::fs::metadata(&p).expect("size").len() + 6;
    assert!(
        third.starts_with(&format!(
            "zfxxgk: {} files since the last run: 2 added, 1 changed, 1 removed, {} unchanged (kept, not parsed again). Read 3 files ({} KB) in ",
            n + 1,
            n - 2,
            (size + 500) / 1000
        )),
        "{third}"
    );
    extract(d, "full", false);
    assert_same_outputs(&d.join("full"), &d.join("out"));
}

#[test]
fn incremental_with_jsonl_is_refused() {
    let dir = setup();
    let o = zfxxgk(
        dir.path(),
        &[
            "extract",
            "in",
            "-o",
            "out",
            "--incremental",
            "--format",
            "jsonl",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "zfxxgk: error: --incremental keeps the rows of the CSV files from one run to the next, so it works with --format csv only: leave out --incremental (every run then reads every file)\n"
    );
    assert!(!dir.path().join("out").exists());
}

/// Inputs that are rows but not read (a file given by name in a format zfxxgk does
/// not read, a broken link) are unchanged when their message is: a rerun counts
/// them so and keeps their rows.
#[cfg(unix)]
#[test]
fn rows_of_files_not_read_are_kept_too() {
    let dir = setup();
    let d = dir.path();
    std::os::unix::fs::symlink("nowhere.txt", d.join("in/broken.txt")).expect("link");
    std::fs::write(d.join("notes.docx"), "x").expect("write");
    let run = |out: &str, incremental: bool| {
        let mut args = vec!["extract", "in", "notes.docx", "-o", out];
        if incremental {
            args.push("--incremental");
        }
        let o = zfxxgk(d, &args, &[]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stderr).replace('\n', " ")
    };
    run("out", true);
    let again = run("out", true);
    assert!(
        again.contains(" 0 added, 0 changed, 0 removed, "),
        "{again}"
    );
    assert!(again.contains("No file needed reading"), "{again}");
    run("full", false);
    assert_same_outputs(&d.join("full"), &d.join("out"));
    let rows = crate::util::read_csv(&d.join("out/reports.csv"));
    let unreadable: Vec<&str> = rows
        .iter()
        .filter(|r| r["status"] == "unreadable")
        .map(|r| r["report_id"].as_str())
        .collect();
    assert!(unreadable.contains(&"notes.docx"), "{unreadable:?}");
    assert!(unreadable.contains(&"in/broken.txt"), "{unreadable:?}");
}
