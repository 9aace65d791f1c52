//! HTML pages: the fixture pages of tests/fixtures/html/ (ours, made by make_pages.py
//! from the constructed reports) against their truth files: every cell, the source
//! line of cells, the information table, encodings; pages with images for tables or
//! no table; the same page as .html and .txt in one folder; standard input.

use std::collections::BTreeMap;

use crate::util::{read_csv, root, score, zfxxgk};
use zfxxgk::model::Format;
use zfxxgk::parse_input;
use zfxxgk::Status;

fn page(name: &str) -> (zfxxgk::Report, serde_json::Value) {
    let path = root().join("tests/fixtures/html").join(name);
    let bytes = std::fs::read(&path).expect("fixture page");
    let r = parse_input(name, &path, &bytes);
    let truth_path = path.with_extension("truth.json");
    let truth = std::fs::read_to_string(truth_path)
        .map(|s| serde_json::from_str(&s).expect("truth json"))
        .unwrap_or(serde_json::Value::Null);
    (r, truth)
}

/// Every cell right, no wrong number, status ok, and the line of each cell the
/// generator counted.
fn all_right(name: &str) -> zfxxgk::Report {
    let (r, truth) = page(name);
    let s = score(&r, &truth);
    assert!(s.total >= 198, "{name}: {} truth cells", s.total);
    assert!(s.wrong_numbers.is_empty(), "{name}: {:?}", s.wrong_numbers);
    assert_eq!(s.right, s.total, "{name}: {:?}", s.misses);
    assert_eq!(r.status, Status::Ok, "{name}: {}", r.message);
    assert_eq!(r.format, Format::Html);
    assert_eq!(
        r.template.as_ref().map(|t| t.id()),
        truth["meta"]["template"].as_str()
    );
    assert_eq!(r.meta.year.map(u64::from), truth["meta"]["year"].as_u64());
    assert_eq!(r.meta.organ.as_deref(), truth["meta"]["organ"].as_str());
    assert_eq!(r.meta.issuer.as_deref(), truth["meta"]["issuer"].as_str());
    let lines: BTreeMap<String, u32> = r
        .keyed_cells()
        .into_iter()
        .filter_map(|(k, s)| Some((k, s?.line)))
        .collect();
    let want = truth["lines"].as_object().expect("lines");
    assert!(want.len() >= 198, "{name}: {} lines", want.len());
    for (key, line) in want {
        assert_eq!(
            lines.get(key).map(|&l| u64::from(l)),
            line.as_u64(),
            "{name}: source line of {key}"
        );
    }
    r
}

#[test]
fn portal_page_with_navigation_info_table_and_footer() {
    let r = all_right("portal-2021.html");
    assert_eq!(r.encoding, Some("utf-8"));
    // The information table: 发布日期 2022-01-21 (the signature says 2022-01-20).
    assert_eq!(r.meta.published, Some((2022, 1, 21)));
    assert_eq!(r.meta.report_date, Some((2022, 1, 20)));
    // Neither the navigation's link to another year nor the footer is read.
    assert!(!r.text.contains("2020年青禾街道"));
    assert!(!r.text.contains("网站标识码"));
    assert!(
        r.diags.iter().all(|d| d.level.as_str() == "note"),
        "{:?}",
        r.diags
    );
}

#[test]
fn gbk_page_in_layout_tables() {
    let r = all_right("gbk-2020.html");
    assert_eq!(r.encoding, Some("gbk"));
    assert_eq!(r.meta.published, Some((2021, 1, 5)));
    assert!(!r.text.contains("版权所有"));
}

#[test]
fn table_split_in_two_unclosed_cells_crlf() {
    let r = all_right("split-2020.html");
    assert_eq!(r.encoding, Some("utf-8"));
    assert_eq!(r.meta.published, None);
}

#[test]
fn tables_as_images_need_ocr() {
    let (r, _) = page("image-tables-2021.html");
    assert_eq!(r.status, Status::Partial);
    assert!(
        r.message.starts_with(
            "The tables of this page are images (3 in the article): their numbers need OCR"
        ),
        "{}",
        r.message
    );
    assert_eq!(r.cells_read(), 0);
}

#[test]
fn page_without_a_report() {
    let (r, _) = page("no-table.html");
    assert_eq!(r.status, Status::NotReport);
    assert_eq!(r.format, Format::Html);
}

#[test]
fn the_same_page_as_html_and_txt_is_read_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in/site");
    std::fs::create_dir_all(&input).expect("mkdir");
    let html = root().join("tests/fixtures/html/split-2020.html");
    std::fs::copy(&html, input.join("report.html")).expect("copy");
    std::fs::copy(
        root().join("samples/constructed/row-tabs-2020.txt"),
        input.join("report.txt"),
    )
    .expect("copy");
    std::fs::copy(
        root().join("samples/constructed/pipe-2021.txt"),
        input.join("other.txt"),
    )
    .expect("copy");
    let out = zfxxgk(dir.path(), &["extract", "in", "-o", "out", "--quiet"], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reports = read_csv(&dir.path().join("out/reports.csv"));
    let rows: Vec<(&str, &str, &str)> = reports
        .iter()
        .map(|r| {
            (
                r["report_id"].as_str(),
                r["status"].as_str(),
                r["format"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("site/other.txt", "ok", "txt"),
            ("site/report.html", "ok", "html"),
            ("site/report.txt", "not_report", "txt"),
        ]
    );
    assert_eq!(
        reports[2]["message"],
        "Not read: the same page as site/report.html in this folder, which was read instead (so the report is counted once); delete this file or move it away if it is a different report."
    );
    // Its cells are not in cells.csv: the report is counted once.
    let cells = read_csv(&dir.path().join("out/cells.csv"));
    assert!(cells.iter().all(|c| c["report_id"] != "site/report.txt"));
    assert_eq!(
        cells
            .iter()
            .filter(|c| c["report_id"] == "site/report.html")
            .count(),
        198
    );
}

#[test]
fn standard_input_is_sniffed() {
    use std::io::Write;
    let bytes = std::fs::read(root().join("tests/fixtures/html/gbk-2020.html")).expect("page");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_zfxxgk"))
        .current_dir(dir.path())
        .args(["extract", "-", "-o", "out", "--quiet"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&bytes)
        .expect("write");
    assert!(child.wait().expect("waits").success());
    let reports = read_csv(&dir.path().join("out/reports.csv"));
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    assert_eq!(
        (
            r["report_id"].as_str(),
            r["status"].as_str(),
            r["format"].as_str(),
            r["encoding"].as_str()
        ),
        ("-", "ok", "html", "gbk")
    );
    assert_eq!(r["published"], "2021-01-05");
}

#[test]
fn check_reads_standard_input() {
    let bytes = std::fs::read(root().join("samples/constructed/pipe-2021.txt")).expect("sample");
    let text = crate::util::check_stdin(&bytes);
    assert!(text.starts_with("-\n  status    ok\n"), "{text}");
    assert!(text.contains("\n  format    txt\n"), "{text}");
}

#[test]
fn any_bytes_as_a_page() {
    for bytes in [
        &b""[..],
        b"<table><tr><td rowspan=0>a<td colspan=99999>",
        b"<table><table><table>",
        b"\xff\xfe<\x00p\x00>\x00",
        b"<meta charset=x-unknown><p>\xb9\xe6</p>",
        "<p>一、总体情况</p><table><tr><td>规章<td>1</table>".as_bytes(),
    ] {
        let r = zfxxgk::parse_as("x.html", Format::Html, bytes);
        assert_eq!(r.format, Format::Html);
    }
}

#[test]
fn incremental_runs_follow_a_page_added_and_removed_beside_its_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    std::fs::copy(
        root().join("samples/constructed/row-tabs-2020.txt"),
        input.join("report.txt"),
    )
    .expect("copy");
    let run = || {
        let out = zfxxgk(
            dir.path(),
            &["extract", "in", "-o", "out", "--quiet", "--incremental"],
            &[],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        read_csv(&dir.path().join("out/reports.csv"))
            .into_iter()
            .map(|r| (r["report_id"].clone(), r["status"].clone()))
            .collect::<Vec<_>>()
    };
    let row = |id: &str, st: &str| (id.to_string(), st.to_string());
    assert_eq!(run(), vec![row("report.txt", "ok")]);
    std::fs::copy(
        root().join("tests/fixtures/html/split-2020.html"),
        input.join("report.html"),
    )
    .expect("copy");
    assert_eq!(
        run(),
        vec![row("report.html", "ok"), row("report.txt", "not_report")]
    );
    std::fs::remove_file(input.join("report.html")).expect("rm");
    assert_eq!(run(), vec![row("report.txt", "ok")]);
}

/// The pages another test makes for real converters (tests/fixtures/converted, made by
/// its make.py, not by this reader's fixtures): read directly, every cell is right.
#[test]
fn converted_fixture_pages_are_read_whole() {
    let dir = root().join("tests/fixtures/converted");
    let mut n = 0;
    for name in ["a-2019", "b-2020", "c-2021", "d-2023", "e-2024"] {
        let path = dir.join("pages").join(format!("{name}.html"));
        let bytes = std::fs::read(&path).expect("page");
        let r = parse_input(name, &path, &bytes);
        let truth: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{name}.truth.json"))).expect("truth"),
        )
        .expect("json");
        let s = score(&r, &truth);
        assert!(s.wrong_numbers.is_empty(), "{name}: {:?}", s.wrong_numbers);
        assert_eq!(s.right, s.total, "{name}: {:?}", s.misses);
        n += s.total;
    }
    assert_eq!(n, 996);
}

#[test]
fn issuer_from_the_information_table_when_the_signature_names_none() {
    let path = root().join("tests/fixtures/html/portal-2021.html");
    let page = std::fs::read_to_string(&path).expect("page");
    let signed = "<p style=\"text-align:right\">临江区人民政府青禾街道办事处</p>\n";
    assert!(page.contains(signed));
    let unsigned = page.replace(signed, "");
    let r = zfxxgk::parse_as("p.html", Format::Html, unsigned.as_bytes());
    assert_eq!(
        r.meta.issuer.as_deref(),
        Some("临江区人民政府青禾街道办事处")
    );
    // Line 19 of the page holds 发布机构 (counted in the page as written).
    let line19 = page.lines().nth(18).expect("line 19");
    assert!(line19.contains("发布机构"), "{line19}");
    assert!(
        r.diags.iter().any(|d| d.line == 19
            && d.message == "the issuer was taken from the page's information table (发布机构)"),
        "{:?}",
        r.diags
    );
    assert_eq!(r.meta.published, Some((2022, 1, 21)));
}

#[test]
fn page_saved_from_word() {
    let r = all_right("word-2021.html");
    assert_eq!(r.encoding, Some("gbk"));
    assert_eq!(r.format, Format::Html);
}

/// `zfxxgk check` on a page whose arithmetic fails names the lines of the page's
/// source, so the number can be found in the HTML.
#[test]
fn check_names_source_lines_of_a_failed_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page =
        std::fs::read_to_string(root().join("tests/fixtures/html/portal-2021.html")).expect("page");
    // Line 141 holds the 总计 of 一、本年新收 (189); make it 190.
    let mut lines: Vec<&str> = page.split('\n').collect();
    let edited = lines[140].replace("&nbsp;189<", "&nbsp;190<");
    assert_ne!(edited, lines[140]);
    lines[140] = &edited;
    std::fs::write(dir.path().join("p.html"), lines.join("\n")).expect("write");
    let out = zfxxgk(dir.path(), &["check", "p.html"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("  format    html\n"), "{text}");
    // The row total's check names line 141 for the total, 135 for 自然人.
    let at = text.find("s3_row_total [new]").expect("failed check shown");
    let block = &text[at..];
    assert!(block.contains("line 141"), "{block}");
    assert!(block.contains("line 135"), "{block}");
    assert!(!block.contains("column"), "{block}");
}

#[test]
fn a_page_that_links_to_the_report() {
    let html = "<html><body><h1>2021年某镇政府信息公开工作年度报告</h1><p>附件：<a href=\"/files/P0202201.PDF?v=2\">年度报告.pdf</a> <a href='b.docx'>b</a></p></body></html>";
    let r = zfxxgk::parse_as("t.html", Format::Html, html.as_bytes());
    assert_eq!(r.status, Status::NotReport);
    assert_eq!(
        r.message,
        "This page holds no report text but links to attached files (.pdf, .docx): download the attachment and read that (PDF files are read directly)."
    );
}

/// `&shy;` (a soft hyphen a page may hold inside a word or a number) and a word
/// joiner are nothing a reader sees: with one after the first digit of every
/// number (inside it, or at its end) and inside labels, the page reads as without
/// them.
#[test]
fn soft_hyphens_inside_cells_are_nothing() {
    let name = "portal-2021.html";
    let path = root().join("tests/fixtures/html").join(name);
    let html = std::fs::read_to_string(&path).expect("fixture page");
    // After the first digit of each cell that is a number: `>12<` → `>1&shy;2<`,
    // `>7<` → `>7&shy;<`.
    let mut out = String::with_capacity(html.len() * 2);
    let mut rest = html.as_str();
    let mut changed = 0;
    while let Some(i) = rest.find('>') {
        out.push_str(&rest[..=i]);
        rest = &rest[i + 1..];
        // The page pads some cells with `&nbsp;` before or after the number.
        if let Some(r) = rest.strip_prefix("&nbsp;") {
            out.push_str("&nbsp;");
            rest = r;
        }
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits >= 1 && rest[digits..].starts_with(['<', '&']) {
            out.push_str(&rest[..1]);
            out.push_str("&shy;");
            out.push_str(&rest[1..digits]);
            rest = &rest[digits..];
            changed += 1;
        }
    }
    out.push_str(rest);
    let out = out
        .replace("规章", "规&shy;章")
        .replace("总计", "总&#8288;计");
    assert!(changed >= 100, "{changed} numbers changed");
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(path.with_extension("truth.json")).expect("truth"),
    )
    .expect("truth json");
    let r = parse_input(name, &path, out.as_bytes());
    let s = score(&r, &truth);
    assert!(s.wrong_numbers.is_empty(), "{:?}", s.wrong_numbers);
    assert_eq!(s.right, s.total, "{:?}", s.misses);
}

/// A page whose section 三 table names the applicant columns in one header row,
/// 商业企业 before 自然人 and 总计 first: its numbers are read in the header's
/// order (they had been read in the template's, every 自然人 and 商业企业 cell
/// swapped, and the sums along the rows hold either way).
#[test]
fn a_table_with_its_columns_moved_is_read_in_the_headers_order() {
    let truth = crate::util::truth("tests/fixtures/corpus/pdf/huaian-2024.truth.json");
    let cells = truth["cells"].as_object().expect("cells");
    let cell = |k: String| match cells.get(&k).and_then(|v| v.as_f64()) {
        Some(v) => v.to_string(),
        None => String::new(),
    };
    let tpl = zfxxgk::grammar::template("2021").expect("template");
    let table = tpl
        .tables()
        .iter()
        .find(|t| t.section() == 3)
        .expect("section 三");
    // The columns as printed: total, business, natural person, then the rest.
    let order = [6usize, 1, 0, 2, 3, 4, 5];
    let cols = table.cols();
    let mut html = String::from(
        "<html><head><meta charset=\"utf-8\"></head><body><h1>淮安市人民政府2024年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>本年依法公开。</p><p>三、收到和处理政府信息公开申请情况</p><table><tr><td>申请人情况</td>",
    );
    for &c in &order {
        html.push_str(&format!("<td>{}</td>", cols[c].label()));
    }
    html.push_str("</tr>");
    for r in table.rows().iter().filter(|r| !r.optional()) {
        html.push_str(&format!("<tr><td>{}</td>", r.label()));
        for &c in &order {
            html.push_str(&format!(
                "<td>{}</td>",
                cell(format!("3/{}/{}", r.key(), cols[c].key()))
            ));
        }
        html.push_str("</tr>");
    }
    html.push_str("</table><p>四、政府信息公开行政复议、行政诉讼情况</p></body></html>");
    let r = zfxxgk::parse_as("moved.html", Format::Html, html.as_bytes());
    let mut three = truth.clone();
    three["cells"] = serde_json::Value::Object(
        cells
            .iter()
            .filter(|(k, _)| k.starts_with("3/"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    );
    let s = score(&r, &three);
    assert_eq!((s.right, s.total), (175, 175), "{:?}", s.misses);
    assert!(s.wrong_numbers.is_empty());
    assert!(r.diags.iter().any(|d| d
        .message
        .contains("names the applicant columns in another order than the template's")));
}
