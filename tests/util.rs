//! Shared helpers: running the real binary in a temp folder, reading CSV output,
//! comparing a report with a truth file.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use zfxxgk::model::State;
use zfxxgk::Report;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the zfxxgk binary with `args` in `dir`, with extra environment.
pub fn zfxxgk(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zfxxgk"));
    cmd.current_dir(dir).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the zfxxgk binary runs")
}

/// A CSV file as rows of column → value.
pub fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = r.headers().expect("header").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("record");
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Parses a file of the repository with the library.
pub fn parse_file(rel: &str) -> Report {
    let path = root().join(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    zfxxgk::parse_report(rel, &bytes)
}

/// How a report compares with its truth file.
#[derive(Debug, Default)]
pub struct Score {
    pub total: usize,
    pub right: usize,
    /// Cells with a value in state number/recovered that differs from the truth:
    /// the one thing that must never happen.
    pub wrong_numbers: Vec<String>,
    /// Cells read `blank` where the truth has a number: a user may take them for
    /// 0, so they are as bad as a wrong number.
    pub blank_for_number: Vec<String>,
    /// Cells not right, for messages.
    pub misses: Vec<String>,
}

/// Compares every cell listed in `truth` (corpus format) with the report. A `null`
/// truth cell must be read as blank or na (the state named in `states` when
/// given); a number must be read as that number in state number or recovered.
pub fn score(report: &Report, truth: &serde_json::Value) -> Score {
    let cells: BTreeMap<String, Option<&zfxxgk::model::Slot>> =
        report.keyed_cells().into_iter().collect();
    let states = truth.get("states").and_then(|s| s.as_object());
    let mut s = Score::default();
    let Some(obj) = truth["cells"].as_object() else {
        return s;
    };
    for (key, want) in obj {
        s.total += 1;
        let got = cells.get(key).copied().flatten();
        let ok = match (want.as_f64(), got) {
            (Some(w), Some(slot)) if slot.state.has_value() => {
                let v: f64 = slot
                    .value
                    .map(|v| v.to_string())
                    .unwrap_or_default()
                    .parse()
                    .unwrap_or(f64::NAN);
                if (v - w).abs() > 1e-9 {
                    s.wrong_numbers
                        .push(format!("{key}: want {w}, read {v} ({:?})", slot.state));
                }
                (v - w).abs() <= 1e-9
            }
            (Some(w), Some(slot)) if slot.state == State::Blank => {
                s.blank_for_number
                    .push(format!("{key}: want {w}, read blank (line {})", slot.line));
                false
            }
            (None, Some(slot)) => {
                let want_state = states.and_then(|m| m.get(key)).and_then(|v| v.as_str());
                match want_state {
                    Some("blank") => slot.state == State::Blank,
                    Some("na") => slot.state == State::Na,
                    _ => matches!(slot.state, State::Blank | State::Na),
                }
            }
            _ => false,
        };
        if ok {
            s.right += 1;
        } else {
            s.misses.push(format!(
                "{key}: want {want}, read {:?}",
                got.map(|g| (g.state, g.value.map(|v| v.to_string())))
            ));
        }
    }
    s
}

/// Loads a truth file.
pub fn truth(rel: &str) -> serde_json::Value {
    let path = root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("truth is JSON")
}

/// A temp folder with `in/dongxin-2020.txt`, beside which a test puts its inputs.
pub fn dongxin_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("in")).expect("mkdir");
    std::fs::copy(
        root().join("samples/dongxin-2020.txt"),
        dir.path().join("in/dongxin-2020.txt"),
    )
    .expect("copy");
    dir
}

/// What `zfxxgk check -` prints for `bytes` given on standard input.
pub fn check_stdin(bytes: &[u8]) -> String {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_zfxxgk"))
        .args(["check", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(bytes)
        .expect("write");
    let out = child.wait_with_output().expect("waits");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
