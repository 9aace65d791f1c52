//! The command line in a temp folder: every file accounted for, output independent
//! of the thread count.

use crate::util::{read_csv, root, zfxxgk};

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in");
    std::fs::create_dir_all(input.join("街道")).expect("mkdir");
    std::fs::copy(
        root().join("samples/dongxin-2020.txt"),
        input.join("街道/dongxin-2020.txt"),
    )
    .expect("copy");
    std::fs::write(
        input.join("notice.txt"),
        "关于召开年度工作会议的通知\n各科室：\n定于下周一召开会议。\n",
    )
    .expect("write");
    // Random bytes from a fixed generator: invalid UTF-8 and invalid GB18030.
    let mut x: u32 = 12345;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect();
    std::fs::write(input.join("random.txt"), bytes).expect("write");
    dir
}

#[test]
fn every_file_gets_a_row_with_a_status() {
    let dir = setup();
    let out = zfxxgk(dir.path(), &["extract", "in", "-o", "out", "--quiet"], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reports = read_csv(&dir.path().join("out/reports.csv"));
    let rows: Vec<(&str, &str)> = reports
        .iter()
        .map(|r| (r["report_id"].as_str(), r["status"].as_str()))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("notice.txt", "not_report"),
            ("random.txt", "unreadable"),
            ("街道/dongxin-2020.txt", "ok"),
        ]
    );
    for r in &reports[..2] {
        assert!(
            r["message"].ends_with('.') && r["message"].len() > 20,
            "{r:?}"
        );
    }
    // Nothing but the outputs is left in the output folder.
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .expect("out")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec![
            "cells.csv",
            "checks.csv",
            "diagnostics.csv",
            "labels.csv",
            "reports.csv",
            "sections.csv",
            "wide.csv"
        ]
    );
}

#[test]
fn output_is_identical_for_1_and_4_threads() {
    let dir = setup();
    let samples = root().join("samples");
    let samples = samples.to_str().expect("utf-8 path");
    let corpus = root().join("tests/fixtures/corpus");
    let corpus = corpus.to_str().expect("utf-8 path");
    for (threads, out) in [("1", "o1"), ("4", "o4")] {
        let o = zfxxgk(
            dir.path(),
            &["extract", samples, corpus, "in", "-o", out, "--quiet"],
            &[("RAYON_NUM_THREADS", threads)],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    for name in zfxxgk::run::Format::Csv.files() {
        let a = std::fs::read(dir.path().join("o1").join(name)).expect("o1");
        let b = std::fs::read(dir.path().join("o4").join(name)).expect("o4");
        assert!(a == b, "{name} differs between 1 and 4 threads");
        assert!(a.len() > 100, "{name} is not empty");
    }
}

#[test]
fn wide_has_the_same_columns_every_run() {
    let dir = setup();
    let o = zfxxgk(dir.path(), &["extract", "in", "-o", "out", "--quiet"], &[]);
    assert!(o.status.success());
    let text = std::fs::read_to_string(dir.path().join("out/wide.csv")).expect("wide");
    let header = text.lines().next().expect("header");
    let cols: Vec<&str> = header.split(',').collect();
    assert_eq!(
        &cols[..8],
        &[
            "report_id",
            "status",
            "template",
            "year",
            "organ",
            "issuer",
            "report_date",
            "s2_20_1_regulation_made"
        ]
    );
    assert!(cols.contains(&"s2_20_9_procurement_amount"));
    assert!(cols.contains(&"s3_new_total"));
    assert!(cols.contains(&"s4_review_upheld"));
    assert!(cols.contains(&"s3_other_no_correction_total"));
    assert_eq!(cols.len(), 7 + zfxxgk::grammar::wide_columns().len());
}

/// `-j N` / `--threads N`, as in rg and xsv: the same bytes whatever N; 0 or a
/// word is a usage error.
#[test]
fn threads_option_gives_the_same_output() {
    let dir = setup();
    let samples = root().join("samples");
    let samples = samples.to_str().expect("utf-8 path");
    for (flag, out) in [("-j1", "j1"), ("--threads=3", "j3")] {
        let o = zfxxgk(
            dir.path(),
            &["extract", samples, "in", "-o", out, "--quiet", flag],
            &[],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    for name in zfxxgk::run::Format::Csv.files() {
        let a = std::fs::read(dir.path().join("j1").join(name)).expect("j1");
        let b = std::fs::read(dir.path().join("j3").join(name)).expect("j3");
        assert!(a == b, "{name} differs between -j 1 and -j 3");
    }
    for bad in ["0", "many"] {
        let o = zfxxgk(dir.path(), &["extract", "in", "-j", bad], &[]);
        assert_eq!(o.status.code(), Some(2), "-j {bad}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains(&format!("invalid value '{bad}' for '--threads <N>'")),
            "{err}"
        );
    }
    let o = zfxxgk(dir.path(), &["extract", "--help"], &[]);
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(help.contains("-j, --threads <N>"), "{help}");
}

/// The run happens on a pool of exactly that many threads (the progress callback
/// runs on it).
#[test]
fn threads_option_sizes_the_pool() {
    let dir = setup();
    let mut o = zfxxgk::run::Options::new(vec![dir.path().join("in")], dir.path().join("out"));
    for n in [1, 3] {
        o.threads = Some(n);
        let seen = std::sync::Mutex::new(Vec::new());
        zfxxgk::run::run(&o, &|_| {
            seen.lock()
                .expect("lock")
                .push(rayon::current_num_threads())
        })
        .expect("run");
        let seen = seen.into_inner().expect("lock");
        assert!(!seen.is_empty() && seen.iter().all(|&t| t == n), "{seen:?}");
    }
}
