//! `zfxxgk check FILE...`: one report as a person reads it. Exit 0 when every
//! check holds, 1 when one fails, 2 when a file cannot be read.

use unicode_width::UnicodeWidthStr;

use crate::util::{root, zfxxgk};

fn check(files: &[&str]) -> (Option<i32>, String) {
    let out = zfxxgk(&root(), &[&["check"], files].concat(), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        out.status.code(),
        String::from_utf8(out.stdout).expect("utf-8"),
    )
}

/// The lines of `text` from the one equal to `first`, `n` of them.
fn block<'a>(text: &'a str, first: &str, n: usize) -> Vec<&'a str> {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == first)
        .unwrap_or_else(|| panic!("no line {first:?} in\n{text}"));
    lines[at..(at + n).min(lines.len())].to_vec()
}

#[test]
fn dongxin_is_ok_and_shown_whole() {
    let (code, out) = check(&["samples/dongxin-2020.txt"]);
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(
        block(&out, "samples/dongxin-2020.txt", 10),
        vec![
            "samples/dongxin-2020.txt",
            "  status    ok",
            "  template  2019",
            "  layout    tab-cells",
            "  encoding  utf-8",
            "  format    txt",
            "  year      2020",
            "  organ     东新街道",
            "  issuer    杭州市下城区人民政府东新街道办事处",
            "  date      2020-12-31",
        ]
    );
    assert_eq!(
        block(&out, "  第二十条第（九）项", 3),
        vec![
            "  第二十条第（九）项",
            "                  采购项目数量    采购总金额",
            "    政府集中采购            29  37551661.7元  procurement",
        ]
    );
    assert_eq!(
        block(&out, "三、收到和处理政府信息公开申请情况", 3),
        vec![
            "三、收到和处理政府信息公开申请情况",
            "                                   自然人  商业企业  科研机构  社会公益组织  法律服务机构  其他  总计",
            "    一、本年新收政府信息公开申请…       2         0         0             0             0     0     2  new",
        ]
    );
    assert_eq!(
        block(&out, "四、政府信息公开行政复议、行政诉讼情况", 5),
        vec![
            "四、政府信息公开行政复议、行政诉讼情况",
            "                               结果维持  结果纠正  其他结果  尚未审结  总计",
            "    行政复议                          0         0         0         0     0  review",
            "    行政诉讼·未经复议直接起诉         0         0         0         0     0  suit_direct",
            "    行政诉讼·复议后起诉               0         0         0         0     0  suit_after_review",
        ]
    );
    assert_eq!(
        out.lines().last(),
        Some("checks: 40 ok, 0 failed, 0 not assessable (a side has a cell that is not a number)")
    );
    // The 8 + 23 + 3 rows of the three sections (22 + 161 + 15 cells), each ending
    // in its key.
    let rows = out
        .lines()
        .filter(|l| l.starts_with("    ") && !l.trim_start().starts_with('?'))
        .filter(|l| l.split_whitespace().last().is_some_and(|k| k.is_ascii()))
        .count();
    assert_eq!(rows, 8 + 23 + 3);
}

#[test]
fn columns_line_up_by_display_width() {
    // Chinese labels are two columns wide: every row of the section 三 table ends
    // its last value in the same terminal column as the header's 总计.
    let (_, out) = check(&["samples/dongxin-2020.txt"]);
    let table = block(&out, "三、收到和处理政府信息公开申请情况", 25);
    let header_end = table[1].width();
    for row in &table[2..] {
        let without_key = row.rsplit_once("  ").map_or(*row, |(v, _)| v);
        assert_eq!(without_key.width(), header_end, "{row:?}");
    }
}

#[test]
fn pingtan_2020_shows_its_two_failed_checks_cell_by_cell() {
    let (code, out) = check(&["tests/fixtures/corpus/pingtan/pingtan-2020.txt"]);
    assert_eq!(code, Some(1), "{out}");
    assert_eq!(
        block(&out, "  status    partial: 16 cells hold text that could not be read as a value for certain (digits run together that the report's own identities cannot split, OCR look-alikes, a cell cut short): their raw text is kept, enter those values by hand.", 3),
        vec![
            "  status    partial: 16 cells hold text that could not be read as a value for certain (digits run together that the report's own identities cannot split, OCR look-alikes, a cell cut short): their raw text is kept, enter those values by hand.",
            "  template  2019",
            "  layout    glued",
        ]
    );
    // Unresolved digits are shown as `?` with their raw text under the table.
    assert_eq!(
        block(&out, "  第二十条第（一）项", 5),
        vec![
            "  第二十条第（一）项",
            "                本年新制作数量  本年新公开数量  对外公开总数量",
            "    规章                    0~              0~              7~  regulation",
            "    规范性文件               ?               ?               ?  normative_doc",
            "    ? line 10: `7777166` unresolved for normative_doc/made, normative_doc/published, normative_doc/total_public",
        ]
    );
    assert!(out.contains(
        "\nchecks: 38 ok, 2 failed, 0 not assessable (a side has a cell that is not a number)\n"
    ));
    // Both sides, and where every cell of them stands (the body is one line).
    let natural = block(&out, "  s3_result_total [natural_person]: 20 ≠ 26", 21);
    assert_eq!(
        &natural[..4],
        &[
            "  s3_result_total [natural_person]: 20 ≠ 26",
            "    left  results_total/natural_person              20~  line 10, column 5412",
            "    right disclosed/natural_person                   6~  line 10, column 5013",
            "          partly_disclosed/natural_person            6~  line 10, column 5048",
        ]
    );
    assert_eq!(
        natural[20],
        "          other/natural_person                       4~  line 10, column 5394"
    );
    let total = block(&out, "  s3_result_total [total]: 21 ≠ 27", 21);
    assert_eq!(
        &total[..2],
        &[
            "  s3_result_total [total]: 21 ≠ 27",
            "    left  results_total/total              21~  line 10, column 5423",
        ]
    );
    assert!(total[1..].iter().all(|l| l.contains("line 10, column ")));
}

#[test]
fn a_failed_check_in_a_tab_cells_report_names_each_line() {
    // dongxin with new applications by natural persons (line 104) 2 → 3.
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(root().join("samples/dongxin-2020.txt")).expect("sample");
    let mut lines: Vec<&str> = text.split('\n').collect();
    lines[103] = "\t\u{a0}3";
    let path = dir.path().join("off.txt");
    std::fs::write(&path, lines.join("\n")).expect("write");
    let (code, out) = check(&[path.to_str().expect("utf-8 path")]);
    assert_eq!(code, Some(1), "{out}");
    assert_eq!(
        block(&out, "  s3_row_total [new]: 2 ≠ 3", 8),
        vec![
            "  s3_row_total [new]: 2 ≠ 3",
            "    left  new/total           2  line 110",
            "    right new/natural_person  3  line 104",
            "          new/business        0  line 105",
            "          new/research        0  line 106",
            "          new/nonprofit       0  line 107",
            "          new/legal_service   0  line 108",
            "          new/other_org       0  line 109",
        ]
    );
}

#[test]
fn a_file_that_cannot_be_read_exits_2() {
    let (code, out) = check(&["no/such/report.txt"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        block(&out, "no/such/report.txt", 2),
        vec![
            "no/such/report.txt",
            "  status    unreadable: The file could not be opened (entity not found): check that it still exists and is readable.",
        ]
    );
    // The worst of several files decides: unreadable over a failed check.
    let (code, out) = check(&[
        "tests/fixtures/corpus/pingtan/pingtan-2020.txt",
        "no/such/report.txt",
        "samples/dongxin-2020.txt",
    ]);
    assert_eq!(code, Some(2));
    assert!(
        out.contains("\nsamples/dongxin-2020.txt\n  status    ok\n"),
        "{out}"
    );
    let (code, _) = check(&[
        "samples/dongxin-2020.txt",
        "tests/fixtures/corpus/pingtan/pingtan-2020.txt",
    ]);
    assert_eq!(code, Some(1));
}

#[test]
fn check_without_a_file_is_a_usage_error() {
    let (code, _) = check(&[]);
    assert_eq!(code, Some(2));
}

#[test]
fn check_of_a_folder_points_at_extract() {
    let (code, out) = check(&["samples"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        block(&out, "samples", 2),
        vec![
            "samples",
            "  status    unreadable: samples is a folder: check shows report files one at a time (zfxxgk check samples/*.txt); to read every report under a folder, use zfxxgk extract samples",
        ]
    );
    assert!(!out.contains("name ends in .txt"), "{out}");
}
