//! Snapshots of what the tool writes for every sample and every corpus fixture: the
//! `check` view and the CSV rows (reports, cells, labels, checks, diagnostics, wide),
//! through the real binary. They show every change of output in review
//! (`cargo insta review`, or read the `.snap.new` files); they are not the oracle of
//! correctness — the truth files are (tests/corpus.rs, tests/samples.rs).

use std::path::{Path, PathBuf};

use crate::util::{root, zfxxgk};

/// Every `.txt` under `dir` (relative to the repository), sorted.
fn texts(dir: &str) -> Vec<String> {
    fn walk(base: &Path, rel: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(base.join(rel)) else {
            return;
        };
        for e in entries.flatten() {
            let r: PathBuf = rel.join(e.file_name());
            if e.path().is_dir() {
                walk(base, &r, out);
            } else if r.extension().is_some_and(|x| x == "txt") {
                out.push(r.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(&root(), Path::new(dir), &mut out);
    out.sort();
    out
}

/// The check view and the CSV outputs of one file, as one text.
fn outputs(rel: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = root().join(rel);
    let file = file.to_str().expect("utf-8 path");
    // Run from the repository with the relative path, so the view names the file the
    // same way in every clone.
    let check = zfxxgk(&root(), &["check", rel], &[]);
    let mut s = String::from("== zfxxgk check\n");
    s.push_str(&String::from_utf8_lossy(&check.stdout));
    let out = zfxxgk(dir.path(), &["extract", file, "-o", "out", "--quiet"], &[]);
    assert!(
        out.status.success(),
        "{rel}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    for name in [
        "reports.csv",
        "cells.csv",
        "labels.csv",
        "checks.csv",
        "diagnostics.csv",
        "wide.csv",
    ] {
        s.push_str(&format!("== {name}\n"));
        s.push_str(&std::fs::read_to_string(dir.path().join("out").join(name)).unwrap_or_default());
    }
    s
}

fn snapshot_all(dir: &str) {
    let files = texts(dir);
    assert!(!files.is_empty(), "no texts under {dir}");
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("tests/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for rel in &files {
            let name = rel.trim_end_matches(".txt").replace('/', "__");
            insta::assert_snapshot!(name, outputs(rel));
        }
    });
}

#[test]
fn samples() {
    snapshot_all("samples");
}

#[test]
fn corpus_fixtures() {
    snapshot_all("tests/fixtures/corpus");
}
