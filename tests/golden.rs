//! samples/dongxin-2020.txt end to end through the real binary, against golden
//! files in tests/golden/dongxin-2020/ that were checked by hand against the sample
//! (every value, unit, state, raw text and line; see tests/golden/README.md).

use crate::util::{read_csv, root, zfxxgk};

fn run() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let sample = root().join("samples/dongxin-2020.txt");
    let out = zfxxgk(
        dir.path(),
        &[
            "extract",
            sample.to_str().expect("utf-8 path"),
            "-o",
            "out",
            "--quiet",
        ],
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

#[test]
fn dongxin_outputs_match_golden_files() {
    let dir = run();
    for name in [
        "reports.csv",
        "cells.csv",
        "labels.csv",
        "sections.csv",
        "checks.csv",
        "wide.csv",
    ] {
        let got = std::fs::read_to_string(dir.path().join("out").join(name)).expect("output");
        let want = std::fs::read_to_string(root().join("tests/golden/dongxin-2020").join(name))
            .expect("golden file");
        assert_eq!(got, want, "{name} differs from the golden file");
    }
}

#[test]
fn dongxin_values() {
    let dir = run();
    let out = dir.path().join("out");
    let reports = read_csv(&out.join("reports.csv"));
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    assert_eq!(r["status"], "ok");
    assert_eq!(r["template"], "2019");
    assert_eq!(r["year"], "2020");
    assert_eq!(r["organ"], "东新街道");
    assert_eq!(r["issuer"], "杭州市下城区人民政府东新街道办事处");
    assert_eq!(r["report_date"], "2020-12-31");
    assert_eq!(r["encoding"], "utf-8");
    assert_eq!(r["layout"], "tab-cells");
    assert_eq!(r["cells"], "198");
    assert_eq!(r["checks_failed"], "0");

    let cells = read_csv(&out.join("cells.csv"));
    assert_eq!(cells.len(), 198);
    let count = |s: &str| cells.iter().filter(|c| c["section"] == s).count();
    assert_eq!((count("2"), count("3"), count("4")), (22, 23 * 7, 15));
    let find = |item: &str, row: &str, col: &str| {
        cells
            .iter()
            .find(|c| c["item"] == item && c["row"] == row && c["col"] == col)
            .unwrap_or_else(|| panic!("{item} {row} {col}"))
    };
    let p = find("20.9", "procurement", "projects");
    assert_eq!(
        (&*p["value"], &*p["unit"], &*p["raw"], &*p["line"]),
        ("29", "项", "29项", "81")
    );
    let a = find("20.9", "procurement", "amount");
    assert_eq!(
        (&*a["value"], &*a["unit"], &*a["raw"], &*a["line"]),
        ("37551661.7", "元", "37551661.7元", "82")
    );
    let n = find("", "new", "natural_person");
    assert_eq!(
        (&*n["value"], &*n["raw"], &*n["line"]),
        ("2", "\u{a0}2", "104")
    );
    let t = find("", "results_total", "total");
    assert_eq!(
        (&*t["value"], &*t["raw"], &*t["line"]),
        ("2", "\u{a0}2", "335")
    );
    let last = find("", "carried_out", "total");
    assert_eq!((&*last["value"], &*last["line"]), ("0", "344"));
    let s4 = find("", "suit_after_review", "total");
    assert_eq!(
        (&*s4["value"], &*s4["raw"], &*s4["line"]),
        ("0", "0", "389")
    );
    assert!(cells.iter().all(|c| c["state"] == "number"));

    let checks = read_csv(&out.join("checks.csv"));
    // 7 balance + 23 row totals + 7 result totals + 3 section-4 totals.
    assert_eq!(checks.len(), 40);
    assert!(checks.iter().all(|c| c["ok"] == "true"), "{checks:?}");

    let sections = read_csv(&out.join("sections.csv"));
    let nums: Vec<&str> = sections.iter().map(|s| s["section"].as_str()).collect();
    assert_eq!(nums, vec!["1", "5", "6"]);
    assert_eq!(sections[2]["text"], "2020年，无收取信息处理费情况。");
}
