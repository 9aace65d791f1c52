//! `--format jsonl`: one JSON object per report, to a file or to standard output,
//! the same facts as the CSV files and the same bytes whatever the thread count.

use serde_json::Value;

use crate::util::{read_csv, root, zfxxgk};

fn path(rel: &str) -> String {
    root().join(rel).to_str().expect("utf-8 path").to_string()
}

fn ok(o: &std::process::Output) {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The dongxin sample's 20.9 item exactly as written: keys in template order.
const DONGXIN_20_9: &str = r#""20.9":{"procurement":{"projects":{"value":29,"state":"number","raw":"29项","line":81,"unit":"项"},"amount":{"value":37551661.7,"state":"number","raw":"37551661.7元","line":82,"unit":"元"}}}"#;

fn check_dongxin(line: &str) {
    assert!(line.contains(DONGXIN_20_9), "{line}");
    assert!(
        line.starts_with(r#"{"report_id":"dongxin-2020.txt","status":"ok","template":"2019","year":2020,"organ":"东新街道","issuer":"杭州市下城区人民政府东新街道办事处","report_date":"2020-12-31","encoding":"utf-8","layout":"tab-cells","format":"txt","published":null,"cells":198,"checks_failed":0,"message":null,"tables":{"2":{"20.1":{"regulation":{"made":{"value":0,"state":"number","raw":"0","line":21,"unit":"件"},"#),
        "{line}"
    );
    let v: Value = serde_json::from_str(line).expect("one JSON object");
    let t = &v["tables"];
    let s3 = &t["3"];
    assert_eq!(
        s3["new"]["natural_person"],
        serde_json::json!({"value": 2, "state": "number", "raw": "\u{a0}2", "line": 104, "unit": "件"})
    );
    assert_eq!(s3["carried_out"]["total"]["line"], 344);
    assert_eq!(t["4"]["suit_after_review"]["total"]["value"], 0);
    // 22 + 23 × 7 + 15 cells, as in cells.csv.
    let mut n = 0;
    for item in t["2"].as_object().expect("section 2").values() {
        n += count(item);
    }
    n += count(s3) + count(&t["4"]);
    assert_eq!(n, 198);
    let checks = v["checks"].as_array().expect("checks");
    assert_eq!(checks.len(), 40);
    assert_eq!(
        checks[0],
        serde_json::json!({"check_name": "s3_balance", "scope": "natural_person", "expected": 2, "actual": 2, "ok": true})
    );
    assert!(v["diagnostics"].is_array());
}

/// Cells of a row → col → cell object.
fn count(rows: &Value) -> usize {
    rows.as_object().map_or(0, |r| {
        r.values()
            .map(|c| c.as_object().map_or(0, |c| c.len()))
            .sum()
    })
}

#[test]
fn dongxin_as_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sample = path("samples/dongxin-2020.txt");
    let o = zfxxgk(
        dir.path(),
        &["extract", &sample, "-o", "out", "--format", "jsonl", "-q"],
        &[],
    );
    ok(&o);
    assert!(o.stdout.is_empty());
    let text = std::fs::read_to_string(dir.path().join("out/reports.jsonl")).expect("jsonl");
    assert_eq!(text.lines().count(), 1);
    assert!(text.ends_with('\n'));
    check_dongxin(text.trim_end());
    // Only reports.jsonl: no CSV files, no temporary folder left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .expect("out")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["reports.jsonl"]);
}

#[test]
fn dongxin_to_stdout_is_the_same_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sample = path("samples/dongxin-2020.txt");
    let o = zfxxgk(
        dir.path(),
        &["extract", &sample, "-o", "-", "--format", "jsonl", "-q"],
        &[],
    );
    ok(&o);
    let text = String::from_utf8(o.stdout).expect("utf-8");
    check_dongxin(text.trim_end());
    let o = zfxxgk(
        dir.path(),
        &["extract", &sample, "-o", "out", "--format", "jsonl", "-q"],
        &[],
    );
    ok(&o);
    let file = std::fs::read_to_string(dir.path().join("out/reports.jsonl")).expect("jsonl");
    assert_eq!(text, file);
    // Nothing named `-` was created.
    assert!(!dir.path().join("-").exists());
}

#[test]
fn stdout_needs_jsonl() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sample = path("samples/dongxin-2020.txt");
    let o = zfxxgk(dir.path(), &["extract", &sample, "-o", "-", "-q"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--format jsonl"), "{err}");
    assert!(!dir.path().join("-").exists());
}

#[test]
fn output_is_identical_for_1_and_4_threads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (samples, corpus) = (path("samples"), path("tests/fixtures/corpus"));
    let mut outs = Vec::new();
    for threads in ["1", "4"] {
        let o = zfxxgk(
            dir.path(),
            &[
                "extract", &samples, &corpus, "-o", "-", "--format", "jsonl", "-q",
            ],
            &[("RAYON_NUM_THREADS", threads)],
        );
        ok(&o);
        outs.push(o.stdout);
    }
    assert!(
        outs[0] == outs[1],
        "reports.jsonl differs between 1 and 4 threads"
    );
    assert!(String::from_utf8_lossy(&outs[0]).lines().count() > 10);
}

/// Every report and every cell of the samples says in JSON what it says in CSV:
/// the two writers share no code for values and units, so this holds them together.
#[test]
fn jsonl_agrees_with_the_csv_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (samples, corpus) = (path("samples"), path("tests/fixtures/corpus"));
    for args in [
        vec!["extract", &samples, &corpus, "-o", "csv", "-q"],
        vec![
            "extract", &samples, &corpus, "-o", "json", "-q", "--format", "jsonl",
        ],
    ] {
        ok(&zfxxgk(dir.path(), &args, &[]));
    }
    let text = std::fs::read_to_string(dir.path().join("json/reports.jsonl")).expect("jsonl");
    let objects: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let reports = read_csv(&dir.path().join("csv/reports.csv"));
    assert_eq!(objects.len(), reports.len());
    let s = |v: &Value| match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    // Every column of reports.csv, as its header names them, is in the JSON object.
    for (o, r) in objects.iter().zip(&reports) {
        assert_eq!(r.len(), 14);
        for (col, value) in r {
            assert_eq!(&s(&o[col.as_str()]), value, "{} {col}", r["report_id"]);
        }
    }
    let by_id = |id: &str| {
        objects
            .iter()
            .find(|o| o["report_id"] == id)
            .unwrap_or_else(|| panic!("{id} in reports.jsonl"))
    };
    let cells = read_csv(&dir.path().join("csv/cells.csv"));
    let mut states = std::collections::BTreeSet::new();
    for c in &cells {
        let t = &by_id(&c["report_id"])["tables"][&c["section"]];
        let t = if c["section"] == "2" {
            &t[&c["item"]]
        } else {
            t
        };
        let cell = &t[&c["row"]][&c["col"]];
        for col in ["value", "unit", "state", "raw", "line"] {
            assert_eq!(s(&cell[col]), c[col], "{c:?} {col}");
        }
        states.insert(c["state"].clone());
    }
    // The samples exercise every state but `unresolved` (the constructed glued
    // sample resolves).
    for st in ["number", "blank", "na", "recovered", "missing"] {
        assert!(states.contains(st), "no {st} cell in the samples");
    }
    let json_cells: usize = objects
        .iter()
        .map(|o| {
            let t = &o["tables"];
            let s2: usize = t["2"]
                .as_object()
                .map_or(0, |items| items.values().map(count).sum());
            s2 + count(&t["3"]) + count(&t["4"])
        })
        .sum();
    assert_eq!(json_cells, cells.len());
    // Cross-year checks span two reports: checks.csv has them, a report's line not.
    let checks: Vec<_> = read_csv(&dir.path().join("csv/checks.csv"))
        .into_iter()
        .filter(|c| c["check_name"] != "cross_year_carry")
        .collect();
    let json_checks: usize = objects
        .iter()
        .map(|o| o["checks"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(json_checks, checks.len());
    let diags = read_csv(&dir.path().join("csv/diagnostics.csv"));
    let json_diags: usize = objects
        .iter()
        .map(|o| o["diagnostics"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(json_diags, diags.len());
}
