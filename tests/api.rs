//! The library as another program uses it: a parsed report serialised to JSON
//! (values exact, the template by id, the text left out, byte ranges kept).

use crate::util::root;

#[test]
fn a_parsed_sample_serialises_with_exact_values() {
    let bytes = std::fs::read(root().join("samples/dongxin-2020.txt")).expect("sample");
    let text = String::from_utf8(bytes.clone()).expect("utf-8");
    // Line 104 of the sample is the 自然人 cell of 一、本年新收 (checked by eye: the row
    // reads 2 0 0 0 0 0 2, lines 104-110; a no-break space before the 2).
    let line104 = text.split('\n').nth(103).expect("line 104");
    assert_eq!(line104, "\t\u{a0}2");

    let r = zfxxgk::parse_report("dongxin-2020.txt", &bytes);
    let json = serde_json::to_value(&r).expect("serialise");
    assert_eq!(json["report_id"], "dongxin-2020.txt");
    assert_eq!(json["status"], "ok");
    assert_eq!(json["template"], "2019");
    assert_eq!(json["reading_template"], "2019");
    assert_eq!(json["format"], "txt");
    assert_eq!(json["encoding"], "utf-8");
    assert_eq!(json["meta"]["year"], 2020);
    assert_eq!(json["meta"]["year_source"], "title");
    assert_eq!(json["meta"]["organ"], "东新街道");
    assert_eq!(json["meta"]["issuer"], "杭州市下城区人民政府东新街道办事处");
    assert_eq!(
        json["meta"]["report_date"],
        serde_json::json!([2020, 12, 31])
    );
    // The text is left out; everything else is there.
    assert!(json.get("text").is_none());
    assert!(json.get("tables").is_some() && json.get("diags").is_some());

    // The cell 3/new/natural_person, found through the template's public keys.
    let t = zfxxgk::grammar::template("2019").expect("template");
    let (ti, table) = t
        .tables()
        .iter()
        .enumerate()
        .find(|(_, tb)| tb.section() == 3)
        .expect("section 3");
    let row = table
        .rows()
        .iter()
        .position(|l| l.key() == "new")
        .expect("row");
    let col = table
        .cols()
        .iter()
        .position(|l| l.key() == "natural_person")
        .expect("col");
    assert_eq!(
        table.cell_key(row, col).as_deref(),
        Some("3/new/natural_person")
    );
    let slot = &json["tables"]["tables"][ti]["slots"][row * table.cols().len() + col];
    assert_eq!(slot["state"], "number");
    // A value is a string of its printed digits.
    assert_eq!(slot["value"], "2");
    assert_eq!(slot["line"], 104);
    // The byte range points into the text: the cell as printed on line 104.
    let (a, b) = (
        slot["raw"][0].as_u64().expect("start") as usize,
        slot["raw"][1].as_u64().expect("end") as usize,
    );
    let line_start: usize = text.split('\n').take(103).map(|l| l.len() + 1).sum();
    assert!(
        a >= line_start && b <= line_start + line104.len(),
        "{a}..{b}"
    );
    assert_eq!(text[a..b].trim(), "2");

    // The same through the typed report: the JSON is the report.
    assert_eq!(
        r.keyed_cells()
            .into_iter()
            .find(|(k, _)| k == "3/new/natural_person")
            .and_then(|(_, s)| s.and_then(|s| s.value))
            .map(|v| v.to_string())
            .as_deref(),
        Some("2")
    );

    // Checks: by name, with exact values as strings; every one holds on this sample.
    let checks = json["checks"].as_array().expect("checks");
    assert!(!checks.is_empty());
    assert!(checks.iter().all(|c| c["ok"] == true), "{checks:?}");
    assert!(checks
        .iter()
        .all(|c| c["check"].is_string() && c.get("rule").is_none()));
    let total = checks
        .iter()
        .find(|c| c["check"] == "s3_row_total" && c["scope"] == "new")
        .expect("the row total of 一、本年新收");
    assert_eq!(
        (&total["expected"], &total["actual"]),
        (&"2".into(), &"2".into())
    );
}

/// A decimal value keeps its digits exactly, however long.
#[test]
fn a_decimal_serialises_as_its_printed_digits() {
    let v = zfxxgk::model::Decimal::parse_plain("73802895.90").expect("number");
    assert_eq!(serde_json::to_string(&v).expect("json"), "\"73802895.9\"");
    let v = zfxxgk::model::Decimal::parse_plain("-0.05").expect("number");
    assert_eq!(serde_json::to_string(&v).expect("json"), "\"-0.05\"");
    assert_eq!(
        serde_json::to_string(&zfxxgk::model::Unit::WanYuan).expect("json"),
        "\"万元\""
    );
}

/// A number printed with a footnote's mark after it (`2①`, `0※`) is read as the
/// number, its raw text keeps the mark, and a note at its line says so.
#[test]
fn a_footnote_mark_after_a_number_is_noted_not_read() {
    let text = std::fs::read_to_string(root().join("samples/dongxin-2020.txt")).expect("sample");
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    // Line 104: 自然人 of 一、本年新收 (2); line 21: 规章's 本年新制作数量 (0).
    assert_eq!(lines[103], "\t\u{a0}2");
    assert_eq!(lines[20], "\t0");
    lines[103].push('①');
    lines[20].push('※');
    let marked = lines.join("\n");
    let r = zfxxgk::parse_report("marked.txt", marked.as_bytes());
    let cells: std::collections::BTreeMap<String, Option<&zfxxgk::model::Slot>> =
        r.keyed_cells().into_iter().collect();
    let cell = |k: &str| {
        let s = cells[k].expect(k);
        (
            s.value.map(|v| v.to_string()),
            s.state.as_str(),
            &r.text[s.raw.0..s.raw.1],
            s.line,
        )
    };
    assert_eq!(
        cell("3/new/natural_person"),
        (Some("2".to_string()), "number", "\u{a0}2①", 104)
    );
    assert_eq!(
        cell("2/20.1/regulation/made"),
        (Some("0".to_string()), "number", "0※", 21)
    );
    assert_eq!(r.cells_read(), 198);
    let notes: Vec<(u32, &str)> = r
        .diags
        .iter()
        .filter(|d| d.message.contains("footnote"))
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert_eq!(
        notes,
        [
            (21, "`0※` in row regulation, column made: the number 0 with `※` after it (the mark of a footnote, or markup); the number is read without it"),
            (104, "`2①` in row new, column natural_person: the number 2 with `①` after it (the mark of a footnote, or markup); the number is read without it"),
        ]
    );
}

/// A count of section 三 or 四 of eight digits or more is digits of several
/// cells run together: `unresolved` with a warning, never a number. The text:
/// pdftotext -raw of a PDF of our own through
/// headings_renumbered+glued+md_emphasis+page_markers, whose section 四's ten
/// glued litigation cells (`9050481070002525`) were read as one count.
#[test]
fn a_count_of_eight_digits_is_unresolved() {
    let path = root().join("tests/fixtures/torture/e-2024.pdftotext-raw.salt95614.txt");
    let text = std::fs::read(path).expect("fixture");
    let r = zfxxgk::parse_report("long.txt", &text);
    let cells: std::collections::BTreeMap<String, Option<&zfxxgk::model::Slot>> =
        r.keyed_cells().into_iter().collect();
    let s = cells["4/suit_direct/upheld"].expect("the cell");
    assert_eq!(
        (s.state.as_str(), s.value, &r.text[s.raw.0..s.raw.1], s.line),
        ("unresolved", None, "9050481070002525", 140)
    );
    // Sections 三 and 四 print whole counts (section 二's money may be large).
    assert!(cells
        .iter()
        .filter(|(k, _)| k.starts_with("3/") || k.starts_with("4/"))
        .filter_map(|(_, s)| *s)
        .all(|s| s.value.is_none_or(|v| v.mantissa.abs() < 10_000_000)));
    let warned: Vec<(u32, &str)> = r
        .diags
        .iter()
        .filter(|d| d.message.contains("more than any body counts"))
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert_eq!(
        warned,
        [(140, "cell suit_direct/upheld reads 9050481070002525, more than any body counts in a year: digits of several cells run together, so it is unresolved")]
    );
}

/// A report that prints numbers in groups parted by a space (`1 593`) and moved a
/// cell (OCR's heights put `-18` above its row): `0 53 398` fits the row's three
/// columns as 0, 53, 398, but may be 0 and 53398 with a cell elsewhere. The row is
/// unresolved with a warning naming the pair and the report's own grouped number;
/// the row above it, whose groups only one joining fits, is kept.
#[test]
fn two_numbers_a_group_space_apart_leave_their_row_unresolved() {
    let path = root().join("tests/fixtures/torture/b-2020.pdftotext-layout.salt95847.txt");
    let text = std::fs::read(path).expect("fixture");
    let r = zfxxgk::parse_report("spaced.txt", &text);
    let cells: std::collections::BTreeMap<String, Option<&zfxxgk::model::Slot>> =
        r.keyed_cells().into_iter().collect();
    let got = |k: &str| {
        let s = cells[k].expect("the cell");
        (
            s.state.as_str(),
            s.value.map(|v| v.to_string()),
            &r.text[s.raw.0..s.raw.1],
        )
    };
    assert_eq!(
        got("2/20.5/other_service/change"),
        ("unresolved", None, "53")
    );
    assert_eq!(
        got("2/20.5/other_service/decisions"),
        ("unresolved", None, "398")
    );
    assert_eq!(
        got("2/20.5/licensing/decisions"),
        ("number", Some("96251".to_string()), "96 251")
    );
    let warned: Vec<(u32, &str)> = r
        .diags
        .iter()
        .filter(|d| d.message.contains("`53 398`"))
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert_eq!(
        warned,
        [(27, "`53 398` may be one number printed in groups of digits, as this report prints `1 593` (line 18), with a cell lost or moved elsewhere, or two cells: row other_service is unresolved")]
    );
}
