//! `--format parquet`: the files read back with the parquet crate have the types
//! the README promises and hold, value for value, what the CSV files of the same
//! run hold; the bytes are the same whatever the thread count.

use std::collections::BTreeMap;
use std::path::Path;

use ::parquet::basic::{LogicalType, Repetition, Type as Physical};
use ::parquet::file::reader::{FileReader, SerializedFileReader};
use ::parquet::record::Field;

use crate::util::{read_csv, root, zfxxgk};

fn path(rel: &str) -> String {
    root().join(rel).to_str().expect("utf-8 path").to_string()
}

fn ok(o: &std::process::Output) {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// What a column must be: its physical type, logical type and whether it may be null.
#[derive(Debug, PartialEq)]
struct ColType {
    physical: Physical,
    logical: Option<LogicalType>,
    nullable: bool,
}

fn text(nullable: bool) -> ColType {
    ColType {
        physical: Physical::BYTE_ARRAY,
        logical: Some(LogicalType::String),
        nullable,
    }
}

fn int(physical: Physical, nullable: bool) -> ColType {
    ColType {
        physical,
        logical: None,
        nullable,
    }
}

fn decimal(scale: i32) -> ColType {
    ColType {
        physical: Physical::FIXED_LEN_BYTE_ARRAY,
        logical: Some(LogicalType::decimal(scale, 38)),
        nullable: true,
    }
}

fn date() -> ColType {
    ColType {
        physical: Physical::INT32,
        logical: Some(LogicalType::Date),
        nullable: true,
    }
}

/// The schema of each file, written out by hand from the README's table.
fn expected_schema(file: &str) -> Vec<(String, ColType)> {
    use Physical::{BOOLEAN, INT32, INT64};
    let v = |cols: Vec<(&str, ColType)>| -> Vec<(String, ColType)> {
        cols.into_iter().map(|(n, t)| (n.to_string(), t)).collect()
    };
    match file {
        "reports" => v(vec![
            ("report_id", text(false)),
            ("status", text(false)),
            ("template", text(true)),
            ("year", int(INT32, true)),
            ("organ", text(true)),
            ("issuer", text(true)),
            ("report_date", date()),
            ("encoding", text(true)),
            ("layout", text(true)),
            ("format", text(false)),
            ("published", date()),
            ("cells", int(INT64, false)),
            ("checks_failed", int(INT64, false)),
            ("message", text(true)),
        ]),
        "cells" => v(vec![
            ("report_id", text(false)),
            ("section", int(INT32, false)),
            ("item", text(true)),
            ("row", text(false)),
            ("col", text(false)),
            ("value", decimal(12)),
            ("unit", text(true)),
            ("state", text(false)),
            ("raw", text(true)),
            ("line", int(INT64, true)),
        ]),
        "labels" => v(vec![
            ("report_id", text(false)),
            ("section", int(INT32, false)),
            ("item", text(true)),
            ("axis", text(false)),
            ("key", text(false)),
            ("label", text(false)),
            ("line", int(INT64, false)),
        ]),
        "sections" => v(vec![
            ("report_id", text(false)),
            ("section", int(INT32, false)),
            ("heading", text(false)),
            ("text", text(false)),
        ]),
        "checks" => v(vec![
            ("report_id", text(false)),
            ("check_name", text(false)),
            ("scope", text(false)),
            ("expected", decimal(12)),
            ("actual", decimal(12)),
            ("ok", int(BOOLEAN, true)),
        ]),
        "diagnostics" => v(vec![
            ("report_id", text(false)),
            ("line", int(INT64, false)),
            ("level", text(false)),
            ("message", text(false)),
        ]),
        _ => {
            let mut cols = v(vec![
                ("report_id", text(false)),
                ("status", text(false)),
                ("template", text(true)),
                ("year", int(INT32, true)),
                ("organ", text(true)),
                ("issuer", text(true)),
                ("report_date", date()),
            ]);
            for name in zfxxgk::grammar::wide_columns() {
                // The two amounts are in 万元, four decimals more than a value.
                let money = name.ends_with("_amount");
                cols.push((name.clone(), decimal(if money { 16 } else { 12 })));
            }
            cols
        }
    }
}

/// A civil date from days since 1970-01-01, by counting (slow, and independent of
/// the writer's arithmetic).
fn date_text(days: i32) -> String {
    let (mut y, mut left) = (1970, days);
    let leap = |y: i32| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    while left >= if leap(y) { 366 } else { 365 } {
        left -= if leap(y) { 366 } else { 365 };
        y += 1;
    }
    let months = [
        31,
        if leap(y) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut m = 0;
    while left >= months[m] {
        left -= months[m];
        m += 1;
    }
    format!("{y:04}-{:02}-{:02}", m + 1, left + 1)
}

/// A decimal's big-endian two's-complement bytes as the plain decimal CSV prints
/// (no trailing zeros after the point, no point for a whole number).
fn decimal_text(bytes: &[u8], scale: i32) -> String {
    let mut v: i128 = if bytes.first().is_some_and(|b| b & 0x80 != 0) {
        -1
    } else {
        0
    };
    for b in bytes {
        v = (v << 8) | i128::from(*b);
    }
    let neg = v < 0;
    let digits = format!("{:0>width$}", v.unsigned_abs(), width = scale as usize + 1);
    let (int, frac) = digits.split_at(digits.len() - scale as usize);
    let frac = frac.trim_end_matches('0');
    let sign = if neg { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

/// A field as the CSV file writes it.
fn csv_text(f: &Field) -> String {
    match f {
        Field::Null => String::new(),
        Field::Str(s) => s.clone(),
        Field::Int(i) => i.to_string(),
        Field::Long(i) => i.to_string(),
        Field::Bool(b) => b.to_string(),
        Field::Date(d) => date_text(*d),
        Field::Decimal(d) => decimal_text(d.data(), d.scale()),
        other => panic!("unexpected field {other:?}"),
    }
}

/// Every row of a Parquet file as column → CSV text, and its schema.
#[allow(clippy::type_complexity)]
fn read_parquet(p: &Path) -> (Vec<(String, ColType)>, Vec<BTreeMap<String, String>>) {
    let file = std::fs::File::open(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let reader = SerializedFileReader::new(file).expect("a Parquet file");
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    let cols = schema
        .columns()
        .iter()
        .map(|c| {
            let t = c.self_type();
            (
                c.name().to_string(),
                ColType {
                    physical: c.physical_type(),
                    logical: c.logical_type_ref().cloned(),
                    nullable: t.get_basic_info().repetition() == Repetition::OPTIONAL,
                },
            )
        })
        .collect();
    let rows = reader
        .get_row_iter(None)
        .expect("rows")
        .map(|row| {
            row.expect("row")
                .get_column_iter()
                .map(|(name, f)| (name.clone(), csv_text(f)))
                .collect()
        })
        .collect();
    (cols, rows)
}

fn run(dir: &Path, out: &str, extra: &[&str], env: &[(&str, &str)]) {
    let (samples, corpus) = (path("samples"), path("tests/fixtures/corpus"));
    let mut args = vec!["extract", &samples, &corpus, "-o", out, "-q"];
    args.extend(extra);
    ok(&zfxxgk(dir, &args, env));
}

/// Every file: each column's type as written out above, and every value of every
/// row the same as in the CSV file of the same run (numbers compared as printed,
/// absent text as the empty field).
#[test]
fn parquet_files_hold_what_the_csv_files_hold() {
    let dir = tempfile::tempdir().expect("temp dir");
    run(dir.path(), "csv", &[], &[]);
    run(dir.path(), "pq", &["--format", "parquet"], &[]);
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("pq"))
        .expect("pq")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "cells",
            "checks",
            "diagnostics",
            "labels",
            "reports",
            "sections",
            "wide"
        ]
        .map(|n| format!("{n}.parquet"))
    );
    for table in [
        "reports",
        "cells",
        "labels",
        "sections",
        "wide",
        "checks",
        "diagnostics",
    ] {
        let (schema, rows) = read_parquet(&dir.path().join(format!("pq/{table}.parquet")));
        let want = expected_schema(table);
        assert_eq!(schema.len(), want.len(), "{table}: columns");
        for (got, want) in schema.iter().zip(&want) {
            assert_eq!(got, want, "{table}");
        }
        let csv = read_csv(&dir.path().join(format!("csv/{table}.csv")));
        assert_eq!(rows.len(), csv.len(), "{table}: rows");
        assert!(!rows.is_empty(), "{table} has rows");
        for (i, (p, c)) in rows.iter().zip(&csv).enumerate() {
            assert_eq!(p, c, "{table} row {i}");
        }
    }
}

/// A few values read by hand from the samples, as Parquet gives them.
#[test]
fn parquet_values_from_the_samples() {
    let dir = tempfile::tempdir().expect("temp dir");
    let samples = path("samples");
    ok(&zfxxgk(
        dir.path(),
        &["extract", &samples, "-o", "pq", "-q", "--format", "parquet"],
        &[],
    ));
    let (_, wide) = read_parquet(&dir.path().join("pq/wide.parquet"));
    let wide_of = |id: &str| {
        wide.iter()
            .find(|r| r["report_id"] == id)
            .unwrap_or_else(|| panic!("{id} in wide"))
    };
    // 37551661.7元 in the sample is 3755.16617 万元; 1285000元 is 128.5 万元;
    // 477.35 under a 万元 header stays; 356.8 with no unit anywhere is left out.
    let d = wide_of("dongxin-2020.txt");
    assert_eq!(d["s2_20_9_procurement_amount"], "3755.16617");
    assert_eq!(
        (&*d["status"], &*d["year"], &*d["report_date"]),
        ("ok", "2020", "2020-12-31")
    );
    assert_eq!(
        wide_of("constructed/gbk-2020.txt")["s2_20_9_procurement_amount"],
        "128.5"
    );
    assert_eq!(
        wide_of("constructed/blank-line-2019.txt")["s2_20_9_procurement_amount"],
        "477.35"
    );
    assert_eq!(
        wide_of("constructed/pipe-cellperline-2019.txt")["s2_20_9_procurement_amount"],
        ""
    );
    // The signed changes of item 20.5 in the blank-line sample: +19 and -8.
    let b = wide_of("constructed/blank-line-2019.txt");
    assert_eq!(
        (
            &*b["s2_20_5_licensing_change"],
            &*b["s2_20_5_other_service_change"]
        ),
        ("19", "-8")
    );
    let (_, cells) = read_parquet(&dir.path().join("pq/cells.parquet"));
    let amount = cells
        .iter()
        .find(|c| c["report_id"] == "dongxin-2020.txt" && c["col"] == "amount")
        .expect("the amount cell");
    assert_eq!(
        (
            &*amount["value"],
            &*amount["unit"],
            &*amount["raw"],
            &*amount["line"],
            &*amount["item"]
        ),
        ("37551661.7", "元", "37551661.7元", "82", "20.9")
    );
}

/// More reports than one row group holds, on 1 and 3 threads: the same bytes.
#[test]
fn parquet_bytes_do_not_depend_on_threads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tree = dir.path().join("tree");
    let samples: Vec<_> = std::fs::read_dir(root().join("samples/constructed"))
        .expect("samples")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    // 40 copies of each sample: over 500 reports, three blocks of 256.
    for k in 0..40 {
        let d = tree.join(format!("d{k:02}"));
        std::fs::create_dir_all(&d).expect("mkdir");
        for s in &samples {
            std::fs::copy(s, d.join(s.file_name().expect("name"))).expect("copy");
        }
    }
    for (threads, out) in [("1", "o1"), ("3", "o3")] {
        ok(&zfxxgk(
            dir.path(),
            &["extract", "tree", "-o", out, "-q", "--format", "parquet"],
            &[("RAYON_NUM_THREADS", threads)],
        ));
    }
    for name in zfxxgk::run::Format::Parquet.files() {
        let a = std::fs::read(dir.path().join("o1").join(name)).expect("o1");
        let b = std::fs::read(dir.path().join("o3").join(name)).expect("o3");
        assert!(a == b, "{name} differs between 1 and 3 threads");
    }
    let file = std::fs::File::open(dir.path().join("o1/cells.parquet")).expect("cells");
    let reader = SerializedFileReader::new(file).expect("parquet");
    assert!(
        reader.metadata().num_row_groups() >= 3,
        "several row groups"
    );
    let rows: i64 = reader
        .metadata()
        .row_groups()
        .iter()
        .map(|g| g.num_rows())
        .sum();
    let csv_dir = dir.path().join("csv");
    ok(&zfxxgk(
        dir.path(),
        &[
            "extract",
            "tree",
            "-o",
            csv_dir.to_str().expect("utf-8"),
            "-q",
        ],
        &[],
    ));
    assert_eq!(rows as usize, read_csv(&csv_dir.join("cells.csv")).len());
}

/// `--tables` writes only the tables named, and removes the files of the others
/// that an earlier run left, so no file describes another run.
#[test]
fn tables_chooses_the_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    run(dir.path(), "out", &[], &[]);
    run(dir.path(), "out", &["--tables", "wide,reports"], &[]);
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .expect("out")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["reports.csv", "wide.csv"]);
    run(
        dir.path(),
        "pq",
        &["--format", "parquet", "--tables", "cells"],
        &[],
    );
    let names: Vec<_> = std::fs::read_dir(dir.path().join("pq"))
        .expect("pq")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["cells.parquet"]);
    // A table that does not exist is a usage error naming the tables.
    let o = zfxxgk(
        dir.path(),
        &["extract", "in", "-o", "x", "--tables", "cells,wides"],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("`wides` is not a table"), "{err}");
}

/// Parquet files cannot be appended to: `--incremental` is refused, in words, and
/// nothing is written.
#[test]
fn parquet_refuses_incremental() {
    let dir = tempfile::tempdir().expect("temp dir");
    let samples = path("samples");
    let o = zfxxgk(
        dir.path(),
        &[
            "extract",
            &samples,
            "-o",
            "out",
            "--format",
            "parquet",
            "--incremental",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--format csv only"), "{err}");
    assert!(!dir.path().join("out").exists());
}

/// A section's text of megabytes: its column chunk is several PLAIN pages, and
/// each row reads back whole, as the CSV file of the same run holds it.
#[test]
fn text_longer_than_a_page_reads_back_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tree = dir.path().join("tree");
    std::fs::create_dir_all(&tree).expect("mkdir");
    let sample = std::fs::read_to_string(root().join("samples/dongxin-2020.txt")).expect("sample");
    let heading = "五、存在的主要问题及改进情况\n";
    assert!(sample.contains(heading));
    // 30,000 numbered sentences of 21 characters and a number: about 2 MB.
    let long: String = (0..30_000)
        .map(|i| format!("本年度继续加强信息公开工作，推进制度落实{i}。\n"))
        .collect();
    let text = sample.replacen(heading, &format!("{heading}{long}"), 1);
    for k in 0..2 {
        std::fs::write(tree.join(format!("r{k}.txt")), &text).expect("write");
    }
    for (out, extra) in [("csv", None), ("pq", Some("parquet"))] {
        let mut args = vec!["extract", "tree", "-o", out, "-q"];
        if let Some(f) = extra {
            args.extend(["--format", f]);
        }
        ok(&zfxxgk(dir.path(), &args, &[]));
    }
    let (_, rows) = read_parquet(&dir.path().join("pq/sections.parquet"));
    let csv = read_csv(&dir.path().join("csv/sections.csv"));
    assert_eq!(rows, csv);
    let longest = rows.iter().map(|r| r["text"].len()).max().unwrap_or(0);
    assert!(longest > long.len(), "the long section is whole: {longest}");
    let file = std::fs::File::open(dir.path().join("pq/sections.parquet")).expect("open");
    let reader = SerializedFileReader::new(file).expect("parquet");
    let text_col = reader
        .metadata()
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .position(|c| c.name() == "text")
        .expect("text column");
    let mut pages = reader
        .get_row_group(0)
        .expect("row group")
        .get_column_page_reader(text_col)
        .expect("pages");
    let mut data_pages = 0;
    while let Some(p) = pages.get_next_page().expect("page") {
        data_pages += usize::from(p.is_data_page());
    }
    assert!(data_pages >= 2, "{data_pages} data pages");
}
