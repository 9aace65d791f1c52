//! `--excel`: a UTF-8 BOM on every CSV file so Excel reads the Chinese text, and
//! text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) made
//! inert with an apostrophe; numbers stay numbers.

use std::path::Path;

use crate::util::{read_csv, root, zfxxgk};

/// dongxin with a title organ and a row label that start with `=`, and the
/// change of 行政许可 (line 39) printed as `-8`; and dongxin as it is, in a file
/// whose name starts with `@`.
fn run(excel: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("in")).expect("mkdir");
    let text = std::fs::read_to_string(root().join("samples/dongxin-2020.txt")).expect("sample");
    let mut lines: Vec<String> = text.split('\n').map(String::from).collect();
    assert_eq!(lines[0], "2020年东新街道政府信息公开工作年度报告");
    lines[0] = "=2020年东新街道政府信息公开工作年度报告".into();
    assert_eq!(
        (lines[36].as_str(), lines[38].as_str()),
        ("\t行政许可", "\t0")
    );
    lines[36] = "\t=行政许可".into();
    lines[38] = "\t-8".into();
    std::fs::write(dir.path().join("in/formula.txt"), lines.join("\n")).expect("write");
    std::fs::write(dir.path().join("in/@at.txt"), &text).expect("write");
    let mut args = vec!["extract", "in", "-o", "out", "--quiet"];
    if excel {
        args.push("--excel");
    }
    let out = zfxxgk(dir.path(), &args, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

fn csv_files(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(out)
        .expect("out")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    names.sort();
    names
}

/// The CSV without its BOM, parsed.
fn rows(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let bytes = std::fs::read(path).expect("read");
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    let tmp = tempfile::NamedTempFile::new().expect("tmp");
    std::fs::write(tmp.path(), body).expect("write");
    read_csv(tmp.path())
}

#[test]
fn every_csv_starts_with_a_bom_only_with_excel() {
    let dir = run(true);
    let out = dir.path().join("out");
    let names = csv_files(&out);
    assert_eq!(
        names.len(),
        zfxxgk::run::Format::Csv.files().len(),
        "{names:?}"
    );
    for n in &names {
        let bytes = std::fs::read(out.join(n)).expect("read");
        assert_eq!(&bytes[..3], b"\xef\xbb\xbf", "{n}");
        // Exactly one: the header follows.
        assert_ne!(&bytes[3..6], b"\xef\xbb\xbf", "{n}");
    }
    let plain = run(false);
    for n in csv_files(&plain.path().join("out")) {
        let bytes = std::fs::read(plain.path().join("out").join(&n)).expect("read");
        assert_ne!(&bytes[..3], b"\xef\xbb\xbf", "{n}");
    }
}

#[test]
fn text_starting_with_a_formula_sign_is_made_inert_numbers_are_not() {
    let dir = run(true);
    let out = dir.path().join("out");
    let reports = rows(&out.join("reports.csv"));
    let ids: Vec<&str> = reports.iter().map(|r| r["report_id"].as_str()).collect();
    assert_eq!(ids, vec!["'@at.txt", "formula.txt"]);
    let r = &reports[1];
    assert_eq!(r["organ"], "'=东新街道");
    let labels = rows(&out.join("labels.csv"));
    let l = labels
        .iter()
        .find(|l| l["report_id"] == "formula.txt" && l["item"] == "20.5" && l["key"] == "licensing")
        .expect("the 行政许可 label");
    assert_eq!(l["label"], "'=行政许可");
    let cells = rows(&out.join("cells.csv"));
    let c = cells
        .iter()
        .find(|c| {
            c["report_id"] == "formula.txt"
                && c["item"] == "20.5"
                && c["row"] == "licensing"
                && c["col"] == "change"
        })
        .expect("the change cell");
    assert_eq!(
        (c["value"].as_str(), c["raw"].as_str(), c["state"].as_str()),
        ("-8", "-8", "number")
    );
    let wide = rows(&out.join("wide.csv"));
    assert_eq!(wide[1]["organ"], "'=东新街道");
    assert_eq!(wide[1]["s2_20_5_licensing_change"], "-8");
}

#[test]
fn without_excel_the_text_is_as_printed() {
    let dir = run(false);
    let out = dir.path().join("out");
    let reports = read_csv(&out.join("reports.csv"));
    assert_eq!(
        (
            reports[0]["report_id"].as_str(),
            reports[1]["organ"].as_str()
        ),
        ("@at.txt", "=东新街道")
    );
    let labels = read_csv(&out.join("labels.csv"));
    assert!(labels.iter().any(|l| l["label"] == "=行政许可"));
}
