//! The stream reader on small sections, with exact cells.

use super::read_stream;
use crate::grammar::template;
use crate::model::diag::Diag;
use crate::parse::lines::LineIndex;
use crate::parse::template::Tables;

/// Reads `text` as section `section` of template `id`; the numbers of row `row`
/// (of the section-二 item `item`, or of the section's table), as text (`None`:
/// missing, `-`: no number), and the diagnostics.
fn row(
    id: &str,
    section: u8,
    item: &str,
    text: &str,
    row: &str,
) -> (Vec<Option<String>>, Vec<Diag>) {
    let tpl = template(id).expect("template");
    let li = LineIndex::new(text);
    let mut out = Tables::new(tpl);
    let mut diags = Vec::new();
    read_stream(text, 0, text.len(), section, tpl, &li, &mut out, &mut diags);
    let (ti, t) = tpl
        .section_tables(section)
        .find(|(_, t)| section != 2 || t.item == item)
        .expect("table");
    let r = t.rows.iter().position(|x| x.key == row).expect("row");
    let n = t.cols.len();
    let cells = out.tables[ti].slots[r * n..(r + 1) * n]
        .iter()
        .map(|s| {
            s.as_ref()
                .map(|s| s.value.map_or("-".to_string(), |v| v.to_string()))
        })
        .collect();
    (cells, diags)
}

fn some(v: &[&str]) -> Vec<Option<String>> {
    v.iter().map(|s| Some(s.to_string())).collect()
}

#[test]
fn a_row_label_cut_by_a_wrap_is_joined() {
    // `第三方` runs over the line break; the row's numbers over two lines.
    let text = "（三）不予公开\n4.保护第三\n方合法权益 1 0 0\n0 0 0 1\n5.属于三类内部事务信息 0 0 0 0 0 0 0\n";
    let (cells, diags) = row("2021", 3, "", text, "withheld_third_party");
    assert_eq!(cells, some(&["1", "0", "0", "0", "0", "0", "1"]));
    let note = diags
        .iter()
        .find(|d| d.message.contains("wrapped over two lines"))
        .expect("a note on the join");
    assert_eq!(note.line, 2);
    let (cells, _) = row("2021", 3, "", text, "withheld_internal");
    assert_eq!(cells, some(&["0"; 7]));
}

#[test]
fn a_column_word_cut_by_a_wrap_is_no_row() {
    // `其` / `他` under the header is the column 其他 (and a row's word): the
    // numbers after it are not given to the row 3.其他.
    let text = "申请人情况\n自然人\n其\n他\n3 0 0 0 0 0 3\n";
    let (cells, diags) = row("2021", 3, "", text, "other_misc");
    assert_eq!(cells, vec![None; 7]);
    assert!(!diags.iter().any(|d| d.message.contains("wrapped")));
}

#[test]
fn a_bare_other_after_column_words_among_the_rows_is_no_row() {
    // Rows and columns swapped: the applicant types head the rows. `其他` after
    // them is the applicant column, not the row 3.其他, and its numbers are
    // not that row's.
    let text = "（六）其他处理\n| 法律服务机构 | 5 | 0 | 3 | 2 | 0 | 0 | 1 | 0 | 0 |\n| 其他 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n";
    let (cells, _) = row("2021", 3, "", text, "other_misc");
    assert_eq!(cells, vec![None; 7]);
    // Enumerated, it is the row.
    let text = "（六）其他处理\n| 法律服务机构 | 5 | 0 |\n3.其他 1 0 0 0 0 0 1\n";
    let (cells, _) = row("2021", 3, "", text, "other_misc");
    assert_eq!(cells, some(&["1", "0", "0", "0", "0", "0", "1"]));
}

#[test]
fn labels_cut_at_a_broken_character_and_their_spill() {
    // html2text: columns sized in bytes cut the labels, whose rest spills into the
    // number cells after the numbers.
    let text = "第二十条第（五）项\n|行政许\u{fffd}|0______|-25____|87_____|\n|其他对\u{fffd}|1950理|-5务\u{fffd}|3\u{fffd}\u{fffd}____|\n";
    let (cells, _) = row("2019", 2, "20.5", text, "licensing");
    assert_eq!(cells, some(&["0", "-25", "87"]));
    let (cells, diags) = row("2019", 2, "20.5", text, "other_service");
    assert_eq!(cells, some(&["1950", "-5", "3"]));
    assert!(diags
        .iter()
        .any(|d| d.line == 3 && d.message.starts_with("`1950理` is read as the number 1950")));
}

#[test]
fn a_spill_that_could_be_part_of_the_number_is_not_read() {
    // `万` is no character of the label: `3万` may be 30000, so the row's numbers
    // cannot be placed.
    let text = "第二十条第（五）项\n|行政许\u{fffd}|3万|-25|87|\n";
    let (cells, _) = row("2019", 2, "20.5", text, "licensing");
    assert_eq!(cells, vec![None; 3]);
    // Too short a piece of a label (`行政` starts four rows) names no row, but
    // for the one row of the item just captioned that starts so.
    let text = "第二十条第（五）项\n|行政\u{fffd}|0|-25|87|\n";
    let (cells, _) = row("2019", 2, "20.5", text, "licensing");
    assert_eq!(cells, some(&["0", "-25", "87"]));
    let text = "第二十条第（六）项\n|行政\u{fffd}|0|-25|87|\n";
    let (cells, _) = row("2019", 2, "20.6", text, "penalty");
    assert_eq!(cells, vec![None; 3]);
    let text = "|行政\u{fffd}|0|-25|87|\n";
    let (cells, _) = row("2019", 2, "20.5", text, "licensing");
    assert_eq!(cells, vec![None; 3]);
}

#[test]
fn the_tail_of_a_wrapped_markdown_rule_is_no_value() {
    let text = "### 行政复议\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n|\n|----------|----------|----------|----------|-----\n-|\n| 27 | 10 | 9 | 15 | 61 |\n";
    let (cells, _) = row("2021", 4, "", text, "review");
    assert_eq!(cells, some(&["27", "10", "9", "15", "61"]));
}

#[test]
fn a_label_cut_between_two_characters() {
    // No broken character is left: five characters of the label name its row,
    // and the spill after the numbers is of that label.
    let text = "|（五）不予处理|3.要求提供公开出版物|0|0|0|0|0|0|0|\n|4.无正当理由大|1\u{fffd}\u{fffd}|0复|0\u{fffd}\u{fffd}|0|0|0|1|\n|4.无正当|1|0|0|0|0|0|1|\n";
    let (cells, _) = row("2019", 3, "", text, "rejected_excessive");
    assert_eq!(cells, some(&["1", "0", "0", "0", "0", "0", "1"]));
    // Four characters and no broken one: not read as a label.
    let text = "|3.要求提供公开出版物|0|0|0|0|0|0|0|\n|4.无正当|1|0|0|0|0|0|1|\n";
    let (cells, _) = row("2019", 3, "", text, "rejected_excessive");
    assert_eq!(cells, vec![None; 7]);
}

#[test]
fn a_table_written_column_by_column() {
    // The labels of 20.1, then each column's numbers (issued, repealed, in force),
    // one line per column: 规章 printed 1 0 11, 行政规范性文件 8 26 66. Read along
    // the rows, 行政规范性文件 would start inside a line: the lines are columns.
    let text = "规章\n行政规范性文件\n1  8\n0  26\n11  66\n";
    for (r, want) in [
        ("regulation", ["1", "0", "11"]),
        ("normative_doc", ["8", "26", "66"]),
    ] {
        let (cells, diags) = row("2021", 2, "20.1", text, r);
        assert_eq!(cells, some(&want), "{r}");
        assert!(diags
            .iter()
            .any(|d| d.line == 3 && d.message.contains("a line per column")));
    }
    // The same with a sign that read down would stand in a column of counts
    // (20.5's change is its second column): the lines are set aside.
    let text = "行政许可\n其他对外管理服务事项\n21  +3\n19  0\n40  0\n";
    let (cells, diags) = row("2019", 2, "20.5", text, "licensing");
    assert_eq!(cells, vec![None, None, None]);
    assert!(diags
        .iter()
        .any(|d| d.line == 3 && d.message.contains("column by column")));
    // As many lines as rows, each a row: read along them.
    let text = "行政许可\n其他对外管理服务事项\n21  +19  40\n0  0  0\n";
    let (cells, _) = row("2019", 2, "20.5", text, "licensing");
    assert_eq!(cells, some(&["21", "19", "40"]));
    // One number per line: pdftotext without `-layout` writes the rows so, and
    // pdfminer the columns; the two readings differ and 20.1 has no identity to
    // choose, so the rows are not placed.
    let text = "规章\n行政规范性文件\n1\n0\n11\n8\n26\n66\n";
    let (cells, _) = row("2021", 2, "20.1", text, "regulation");
    assert_eq!(cells, vec![None, None, None]);
    // The same labels with a row of numbers per line are read row by row.
    let text = "规章\n行政规范性文件\n1  0  11\n8  26  66\n";
    let (cells, _) = row("2021", 2, "20.1", text, "normative_doc");
    assert_eq!(cells, some(&["8", "26", "66"]));
}

#[test]
fn numbers_one_a_line_after_a_block_of_labels_are_not_placed() {
    // pdfminer reads a ruled table column by column: both row labels, the column
    // headers, then the numbers down each column (0, 3 | 0, 1 | 0, 27). Along the
    // rows they would read 0 3 0 | 1 0 27: the order is not known, and item 20.1
    // has no identity to tell.
    let text =
        "规章\n行政规范性文件\n本年制发件数\n本年废止件数\n现行有效件数\n0\n3\n0\n1\n0\n27\n";
    for r in ["regulation", "normative_doc"] {
        let (cells, diags) = row("2021", 2, "20.1", text, r);
        assert_eq!(cells, vec![None, None, None], "{r}");
        let warn = diags
            .iter()
            .find(|d| d.message.contains("whether they run along the rows"))
            .expect("a warning");
        assert_eq!(warn.line, 6);
    }
    // The same numbers in either order: nothing to tell apart, read.
    let text = "规章\n行政规范性文件\n本年制发件数\n本年废止件数\n现行有效件数\n0\n0\n0\n0\n0\n0\n";
    let (cells, _) = row("2021", 2, "20.1", text, "normative_doc");
    assert_eq!(cells, some(&["0", "0", "0"]));
}

#[test]
fn numbers_one_a_line_after_labels_are_placed_when_the_row_sums_choose() {
    // Section 三, two rows one number a line: along the rows each row's total holds
    // (1+0+0+0+0+0 = 1, 2+0+0+0+0+1 = 3); down the columns the second row would
    // read 0 0 0 2 0 0 | 3, and 2 is not 3.
    let mut text =
        String::from("（一）予以公开\n（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n");
    for v in [1, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 1, 3] {
        text.push_str(&format!("{v}\n"));
    }
    let (cells, _) = row("2021", 3, "", &text, "disclosed");
    assert_eq!(cells, some(&["1", "0", "0", "0", "0", "0", "1"]));
    let (cells, _) = row("2021", 3, "", &text, "partly_disclosed");
    assert_eq!(cells, some(&["2", "0", "0", "0", "0", "1", "3"]));
}

#[test]
fn empty_cells_of_a_grid_wider_than_the_table_are_no_cells() {
    // markitdown sets a PDF's words in columns by where they stand: the rows hold
    // empty cells of its grid between their numbers, and two numbers in one cell.
    let text =
        "一、本年新收政府信息公开申请数量\n|     | 163 | 8   |     | 7   | 2   | 2   | 4 186 |\n";
    let (cells, diags) = row("2021", 3, "", text, "new");
    assert_eq!(cells, some(&["163", "8", "7", "2", "2", "4", "186"]));
    assert!(!diags.iter().any(|d| d.message.contains("joined")));
    // Without the empty cells the row's total is not the sum of its parts: which
    // empty cell is a blank one is not known.
    let text =
        "一、本年新收政府信息公开申请数量\n|     | 163 | 8   |     | 7   | 2   | 2   | 4 185 |\n";
    let (cells, _) = row("2021", 3, "", text, "new");
    assert!(cells.iter().all(|c| c.as_deref() != Some("185")));
    assert!(!cells.contains(&Some("-".to_string())));
}

#[test]
fn empty_cells_of_a_grid_twice_the_table_are_no_cells_in_a_row_without_sums() {
    let text = "第二十条第（一）项\n|  |  | 规章 |  |  | 0 |  |  | 0 |  |  | 738 |\n|  |  | 规范性文件 |  |  | 0 |  |  | 2842 |  |  | 13 |\n";
    let (cells, _) = row("2019", 2, "20.1", text, "regulation");
    assert_eq!(cells, some(&["0", "0", "738"]));
    let (cells, _) = row("2019", 2, "20.1", text, "normative_doc");
    assert_eq!(cells, some(&["0", "2842", "13"]));
    // pymupdf4llm's grid: the empty cell beside the label is the label's, one
    // empty cell between each two numbers.
    let text = "|信息内容||本年新制作数|量|本年新公开|数量|对外公开总数量|\n|规章||0||0||738|\n|规范性文件||0||2842||13|\n";
    let (cells, _) = row("2019", 2, "20.1", text, "regulation");
    assert_eq!(cells, some(&["0", "0", "738"]));
    let (cells, _) = row("2019", 2, "20.1", text, "normative_doc");
    assert_eq!(cells, some(&["0", "2842", "13"]));
    // Two empty cells side by side: one may be a blank cell of the table.
    let text = "| 规章 | 5 |  |  | 12 | 3 |\n";
    let (cells, _) = row("2019", 2, "20.1", text, "regulation");
    assert_eq!(cells, vec![None; 3]);
    // One empty cell more than the row's columns: it may be a blank cell of the
    // table, so the row is not read.
    let text = "第二十条第（一）项\n| 规章 | 5 |  | 12 | 3 |\n";
    let (cells, _) = row("2019", 2, "20.1", text, "regulation");
    assert_eq!(cells, vec![None; 3]);
}

#[test]
fn a_header_printed_again_in_a_wide_grid_gives_no_row_its_words() {
    // `总计` and `其他` name rows too; between column words, across the grid's
    // empty cells, they are the header's.
    let text = "（六）其他处理 7 0 0 0 0 0 7\n| 项之和 |  | 自然人 |  |  | 总计 |\n|  |  | 商业企业 | 科研机构 |  | 其他 |  |\n（七）总计 9 0 0 0 0 0 9\n";
    let (cells, _) = row("2019", 3, "", text, "results_total");
    assert_eq!(cells, some(&["9", "0", "0", "0", "0", "0", "9"]));
}

#[test]
fn the_end_of_a_label_printed_after_its_numbers_takes_no_numbers() {
    let text = "2.其他法律行政法规\n|  |  | 4 | 0 | 0 | 1 | 0 | 1 | 6 |\n禁止公开\n3.危及“三安全一稳\n|  |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n定”\n";
    let (cells, _) = row("2021", 3, "", text, "withheld_law");
    assert_eq!(cells, some(&["4", "0", "0", "1", "0", "1", "6"]));
    let (cells, diags) = row("2021", 3, "", text, "withheld_security");
    assert_eq!(cells, some(&["1", "0", "0", "0", "0", "0", "1"]));
    assert!(diags
        .iter()
        .any(|d| d.line == 3 && d.message.contains("has no numbers of its own")));
}

#[test]
fn section_four_as_two_tables_reads_the_rows_its_second_header_names() {
    // 行政复议's row, then 行政诉讼's two rows side by side under a header that
    // names them on one line.
    let head = "行政复议\n结果维持 结果纠正 其他结果 尚未审结 总计\n12 0 54 6 72\n行政诉讼\n未经复议直接起诉 复议后起诉\n结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计\n";
    let text = format!("{head}9 0 50 48 107 0 0 0 25 25\n");
    let (cells, diags) = row("2021", 4, "", &text, "suit_direct");
    assert_eq!(cells, some(&["9", "0", "50", "48", "107"]));
    assert!(diags
        .iter()
        .any(|d| d.line == 7 && d.message.contains("named by the header on line 5")));
    let (cells, _) = row("2021", 4, "", &text, "suit_after_review");
    assert_eq!(cells, some(&["0", "0", "0", "25", "25"]));
    let (cells, _) = row("2021", 4, "", &text, "review");
    assert_eq!(cells, some(&["12", "0", "54", "6", "72"]));
    // A sum that fails: which number is where is not shown.
    let text = format!("{head}9 0 50 48 106 0 0 0 25 25\n");
    let (cells, _) = row("2021", 4, "", &text, "suit_after_review");
    assert_eq!(cells, vec![None; 5]);
}

#[test]
fn a_label_heading_a_markdown_table_of_its_own_waits_for_the_numbers_below() {
    // markitdown: the label's line is the table's header row (empty cells), its
    // numbers the body.
    let text = "| 三、本 | 2.其他法律行 |  |  |  |  |  |  |  |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n| 年度办 | 政法规禁止公 | 1 | 1 | 0 | 0 | 0 | 0 | 2 |\n| 理结果 | 开 |  |  |  |  |  |  |  |\n";
    let (cells, _) = row("2021", 3, "", text, "withheld_law");
    assert_eq!(cells, some(&["1", "1", "0", "0", "0", "0", "2"]));
    // Without a rule under it, a row of empty cells is a blank row.
    let text = "| 2.其他法律行政法规禁止公开 |  |  |  |  |  |  |  |\n| 3.危及“三安全一稳定” | 1 | 1 | 0 | 0 | 0 | 0 | 2 |\n";
    let (cells, _) = row("2021", 3, "", text, "withheld_law");
    assert_eq!(cells, some(&["-"; 7]));
}

#[test]
fn a_header_printed_again_one_word_a_line_gives_no_row_its_words() {
    // pdftotext's default mode: section 三's header printed again on a new page
    // among the rows, one word a line, wrapped words cut; `其他` and `总计` name rows
    // too.
    let text = "5.属于三类内部事务信息\n\n4\n\n0\n\n0\n\n0\n\n0\n\n0\n\n4\n\n法人或其他组织\n自然人\n\n社会公益组\n织\n\n法律服务机\n构\n\n其他\n\n总计\n\n6.属于四类过程性信息\n\n2\n\n0\n\n0\n\n0\n\n0\n\n1\n\n3\n";
    let (cells, _) = row("2021", 3, "", text, "withheld_process");
    assert_eq!(cells, some(&["2", "0", "0", "0", "0", "1", "3"]));
    let (cells, _) = row("2021", 3, "", text, "other_misc");
    assert_eq!(cells, vec![None; 7]);
}

#[test]
fn numbers_under_a_column_word_among_the_rows_are_set_aside() {
    // pdfminer: a ruled table down its columns, each column's word over its numbers.
    let text = "自然人\n\n一、本年新收政府信息公开申请数量\n\n二、上年结转政府信息公开申请数量\n\n163\n\n7\n\n商业企业\n\n8\n\n3\n";
    let tpl = crate::grammar::template("2021").expect("template");
    let li = LineIndex::new(text);
    let mut out = Tables::new(tpl);
    let mut diags = Vec::new();
    read_stream(text, 0, text.len(), 3, tpl, &li, &mut out, &mut diags);
    assert!(out.uncertain.contains(&13) && out.uncertain.contains(&15));
    assert!(diags
        .iter()
        .any(|d| d.line == 13 && d.message.contains("column word on line 11")));
}

/// OCR boxes one a line, ordered by height: a label's second line comes after the
/// numbers that stand between its two lines. The numbers on both sides are the
/// row's; a piece that is no tail of the waiting label starts nothing of it.
#[test]
fn a_labels_tail_among_its_numbers_continues_it() {
    let text = "3.补正后申请\n0\n1\n0\n0\n内容仍不明确\n0\n0\n1\n";
    let (cells, diags) = row("2021", 3, "", text, "unavailable_unclear");
    assert_eq!(cells, some(&["0", "1", "0", "0", "0", "0", "1"]));
    assert!(
        diags
            .iter()
            .any(|d| d.line == 6 && d.message.contains("as the rest of its label")),
        "{diags:?}"
    );
    // Not the label's rest: the row is short and missing.
    let text = "3.补正后申请\n0\n1\n0\n0\n重复申请内容\n0\n0\n1\n";
    let (cells, _) = row("2021", 3, "", text, "unavailable_unclear");
    assert_eq!(cells, vec![None; 7]);
}

#[test]
fn a_spaced_page_number_run_into_a_row_is_set_aside() {
    // Crawler text on one line: the page's number `- 4 -` after the row's numbers.
    let text = "（四）无法提供 1.本机关不掌握相关政府信息 31 0 0 0 0 0 31 - 4 - 2.没有现成信息需要另行制作 1 0 0 0 0 0 1\n";
    let (cells, diags) = row("2021", 3, "", text, "unavailable_not_held");
    assert_eq!(cells, some(&["31", "0", "0", "0", "0", "0", "31"]));
    assert!(diags
        .iter()
        .any(|d| d.message == "page number `- 4 -` among the numbers of a row; set aside"));
    let (cells, _) = row("2021", 3, "", text, "unavailable_needs_making");
    assert_eq!(cells, some(&["1", "0", "0", "0", "0", "0", "1"]));
    // Where the row does not sum without them, the three are not a page number.
    let text = "1.本机关不掌握相关政府信息 31 0 0 0 0 0 30 - 4 -\n";
    let (cells, _) = row("2021", 3, "", text, "unavailable_not_held");
    assert_eq!(cells, vec![None; 7]);
    // A single line of section 二: `9487 - 3 -`, no identity through the row.
    let text = "行政许可 9487 - 3 - 第二十条第（六）项 信息内容 本年处理决定数量 行政处罚 2776\n";
    let (cells, _) = row("2021", 2, "20.5", text, "licensing");
    assert_eq!(cells, some(&["9487"]));
}

#[test]
fn a_misread_group_label_after_numbers_parts_them_from_the_next_row() {
    // `一、本年新收…` lost its numbers in a quoted field a wrap cut; the misread
    // `（一）予以公幵` stands between the next row's numbers and its own.
    let text = "一、本年新收政府信息公开申请\n数量,\"3,001\",53,——,——,61,4,\"\n3,119\",,,,,,,\n二、上年结转政府信息公开申请\n数量,34,——,——,——,——,——,34,,,,\n（一）予以公幵,\"1,288\",21,——,\n——,50,3,\"1,362\",,,,,,,\n（二）部分公开（区分处理的，只计这一情形，不计其他情形）,447,7,——,——,——,——,454\n";
    let (cells, _) = row("2021", 3, "", text, "new");
    assert_eq!(cells, vec![None; 7]);
    let (cells, _) = row("2021", 3, "", text, "carried_in");
    assert_eq!(cells, some(&["34", "-", "-", "-", "-", "-", "34"]));
}

#[test]
fn a_misread_group_label_before_numbers_is_a_row_of_its_own() {
    // 上年结转 waits for its numbers; `（一）予以公幵` (OCR's 幵) names nothing but
    // opens a row, and the numbers after it are that row's.
    let text = "二、上年结转政府信息公开申请数量\n三、本年度办理结果\n（一）予以公幵,50,--,--,--,--,--,\n50\n（二）部分公开（区分处理的，只计这一情形，不计其他情形）,9,--,--,--,--,--,9\n";
    let (cells, _) = row("2021", 3, "", text, "carried_in");
    assert_eq!(cells, vec![None; 7]);
}

#[test]
fn a_line_of_empty_comma_fields_holds_no_text() {
    let text = "（一）予以公开,5,0,0,0,0,0,5\n,,,,\n";
    let (cells, diags) = row("2021", 3, "", text, "disclosed");
    assert_eq!(cells, some(&["5", "0", "0", "0", "0", "0", "5"]));
    assert!(!diags.iter().any(|d| d.line == 2), "{diags:?}");
}

#[test]
fn two_numbers_of_a_cell_on_two_lines_are_read_where_the_row_sums_hold() {
    // pymupdf4llm: the merged header `总计<br>其他` over a cell holding the row's
    // last two numbers, one a line.
    let text = "|一、本年新收政府信息公开申请数量|118|1|2|11|12|2<br>146|\n";
    let (cells, diags) = row("2021", 3, "", text, "new");
    assert_eq!(cells, some(&["118", "1", "2", "11", "12", "2", "146"]));
    assert!(!diags
        .iter()
        .any(|d| d.level == crate::model::diag::Level::Warning));
    // 118 + 1 + 2 + 11 + 12 + 2 is not 147: two numbers, or one wrapped (2147)?
    let text = "|一、本年新收政府信息公开申请数量|118|1|2|11|12|2<br>147|\n";
    let (cells, diags) = row("2021", 3, "", text, "new");
    assert_eq!(cells, vec![None; 7]);
    assert!(diags.iter().any(|d| d.line == 1
        && d.message.contains("`2<br>147`")
        && d.message.contains("holds two numbers on two lines")));
    // A row with no sum along it (section 二): not read.
    let text = "第二十条第（一）项\n| 规章 | 5 | 2<br>2007 |\n";
    let (cells, _) = row("2019", 2, "20.1", text, "regulation");
    assert_eq!(cells, vec![None; 3]);
}

#[test]
fn an_enumerator_a_grid_cut_from_its_label_is_no_value() {
    // pymupdf4llm: `4` in a column of its own before `.保护第三方合法权益`.
    let text = "|（三）不予公开|3|.危及“三安全一稳定”|0|0|0|0|0|0|0|\n||4|.保护第三方合法权益|2|0|0|0|0|0|2|\n||5|.属于三类内部事务信息|4|0|0|0|0|0|4|\n";
    let (cells, diags) = row("2021", 3, "", text, "withheld_third_party");
    assert_eq!(cells, some(&["2", "0", "0", "0", "0", "0", "2"]));
    assert!(diags
        .iter()
        .any(|d| d.line == 2 && d.message.starts_with("`4` is the enumerator")));
    let (cells, _) = row("2021", 3, "", text, "withheld_internal");
    assert_eq!(cells, some(&["4", "0", "0", "0", "0", "0", "4"]));
    // The row before takes no enumerator as its eighth number.
    let (cells, _) = row("2021", 3, "", text, "withheld_security");
    assert_eq!(cells, some(&["0"; 7]));
}

#[test]
fn a_garbled_label_opening_with_its_digit_after_a_whole_row_is_no_damaged_number() {
    // Tesseract's `2蓉他法健行政法夫` for 2.其他法律行政法规禁止公开, on the line after
    // 1.属于国家秘密 and its seven numbers: that row is whole, not damaged.
    let text = "1.属于国家秘密      22        0        1         2        4        1        30\n2蓉他法健行政法夫    0      0      0      0      0      0      0\n3.危及“三安全一稳定”     5        0        0        0        0        0        5\n";
    let (cells, _) = row("2019", 3, "", text, "withheld_state_secret");
    assert_eq!(cells, some(&["22", "0", "1", "2", "4", "1", "30"]));
    let (cells, _) = row("2019", 3, "", text, "withheld_security");
    assert_eq!(cells, some(&["5", "0", "0", "0", "0", "0", "5"]));
    // A number damaged among a row's numbers still sets the row aside.
    let text = "1.属于国家秘密      22        0        1         2        4        1\n30益\n";
    let (cells, _) = row("2019", 3, "", text, "withheld_state_secret");
    assert_eq!(cells, vec![None; 7]);
}

#[test]
fn a_signed_number_tells_a_block_read_down_its_columns() {
    // pdfminer's order: 行政许可 and 其他对外管理服务事项, then the numbers down
    // the columns (上一年项目数量, 本年增/减, 处理决定数量). Read along the rows, +3
    // would be a count of decisions and -2 a count of last year's items.
    let text = "行政许可\n其他对外管理服务事项\n45\n12\n+3\n-2\n1268\n530\n";
    let (cells, diags) = row("2019", 2, "20.5", text, "licensing");
    assert_eq!(cells, some(&["45", "3", "1268"]));
    let (cells, _) = row("2019", 2, "20.5", text, "other_service");
    assert_eq!(cells, some(&["12", "-2", "530"]));
    assert!(diags
        .iter()
        .any(|d| d.line == 3 && d.message.contains("read down the columns")));
    // Without a sign, the order is not known.
    let text = "行政许可\n其他对外管理服务事项\n45\n12\n3\n2\n1268\n530\n";
    let (cells, _) = row("2019", 2, "20.5", text, "licensing");
    assert_eq!(cells, vec![None; 3]);
    // Read along the rows, the signs fit; down the columns, they would not.
    let text = "行政许可\n其他对外管理服务事项\n45\n+3\n1268\n12\n-2\n530\n";
    let (cells, _) = row("2019", 2, "20.5", text, "other_service");
    assert_eq!(cells, some(&["12", "-2", "530"]));
}

#[test]
fn a_row_index_before_the_next_label_is_joined_to_no_number() {
    // A table tool's frame written with its row index first (`df.to_csv()`): the
    // index 3 of the next row followed 规章's numbers. `0,738` was joined as one
    // number (738) and 3 taken as the third cell.
    // (Indices that count up line by line are a frame's, passed over: see
    // src/parse/align/frame.rs. These do not.)
    let text = "1,信息内容,本年新制作数量,本年新公开数量,对外公开总数量\n7,规章,0,0,738\n3,规范性文件,0,2842,13\n";
    let (cells, _) = row("2019", 2, "20.1", text, "regulation");
    assert_eq!(cells, vec![None; 3]);
    // No leading zero: 12,738 could be one number, but the row has no identity
    // to show it, and 3 opens the next row's line.
    let text = "1,信息内容,本年新制作数量,本年新公开数量,对外公开总数量\n7,规章,5,12,738\n3,规范性文件,0,2842,13\n";
    let (cells, _) = row("2019", 2, "20.1", text, "regulation");
    assert_eq!(cells, vec![None; 3]);
    // Thousands spaced on a row's own line are still joined.
    let text = "规章 1 266 0 0\n规范性文件 1622 0 0\n";
    let (cells, _) = row("2019", 2, "20.1", text, "regulation");
    assert_eq!(cells, some(&["1266", "0", "0"]));
}

#[test]
fn a_table_tools_frame_gives_no_index_and_no_column_number_as_a_value() {
    // `print(df)` and `df.to_csv()` of a table camelot or tabula returned.
    let printed = "            0        1      2       3\n0  第二十条第（一）项\n1       信息内容  本年新制作数量  本年新公开数量  对外公开总数量\n2         规章        0        0      738\n3      规范性文件        0     2842       13\n\n           0        1      2       3\n0   第二十条第（五）项\n1        信息内容  上一年项目数量  本年增/减  处理决定数量\n2        行政许可        0    -25      87\n";
    let csv = ",0,1,2,3\n0,第二十条第（一）项\n1,信息内容,本年新制作数量,本年新公开数量,对外公开总数量\n2,规章,0,0,738\n3,规范性文件,0,2842,13\n\n,0,1,2,3\n0,第二十条第（五）项\n1,信息内容,上一年项目数量,本年增/减,处理决定数量\n2,行政许可,0,-25,87\n";
    for text in [printed, csv] {
        let (cells, _) = row("2019", 2, "20.1", text, "regulation");
        assert_eq!(cells, some(&["0", "0", "738"]));
        let (cells, _) = row("2019", 2, "20.1", text, "normative_doc");
        assert_eq!(cells, some(&["0", "2842", "13"]));
        let (cells, diags) = row("2019", 2, "20.5", text, "licensing");
        assert_eq!(cells, some(&["0", "-25", "87"]));
        assert!(diags.iter().any(|d| d.line == 7
            && d.message == "a table tool's column numbers (`0 1 2 …`) over the rows: no values"));
    }
    // Written as CSV, the index is a field of its own and is passed over.
    let (_, diags) = row("2019", 2, "20.1", csv, "regulation");
    assert!(diags
        .iter()
        .any(|d| d.line == 4
            && d.message == "`2` opens the line as a table tool's row index: no value"));
    // A number that opens a line is an index only when the line before opened
    // with the number one less: 5 after 2 is a value (规章 then has four).
    let text = "2,规章,0,0,738\n5,规范性文件,0,2842,13\n";
    let (cells, _) = row("2019", 2, "20.1", text, "regulation");
    assert_eq!(cells, vec![None; 3]);
    let text = "2,规章,0,0,738\n3,规范性文件,0,2842,13\n";
    let (cells, _) = row("2019", 2, "20.1", text, "regulation");
    assert_eq!(cells, some(&["0", "0", "738"]));
}

#[test]
fn a_frames_row_without_a_label_gives_no_index_as_a_value() {
    // Section 四's one row in a frame: its index and fifteen numbers, sixteen in
    // all under fifteen column numbers. The index is told by that count alone.
    let nums: Vec<String> = (1..=15).map(|k| (k % 4).to_string()).collect();
    let want: Vec<&str> = nums.iter().map(String::as_str).collect();
    let printed = format!(
        "   {}\n0  {}\n",
        (0..15)
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join("  "),
        nums.join("  ")
    );
    let csv = format!(
        ",{}\n0,{}\n",
        (0..15).map(|c| c.to_string()).collect::<Vec<_>>().join(","),
        nums.join(",")
    );
    for text in [&printed, &csv] {
        let (cells, diags) = row("2021", 4, "", text, "review");
        let (rest, _) = row("2021", 4, "", text, "suit_direct");
        let (last, _) = row("2021", 4, "", text, "suit_after_review");
        let got: Vec<Option<String>> = cells.into_iter().chain(rest).chain(last).collect();
        assert_eq!(got, some(&want), "{text}");
        assert!(diags
            .iter()
            .any(|d| d.line == 2 && d.message.starts_with("`0` opens the line")));
    }
    // Without the column numbers, sixteen numbers are no frame's row: not read.
    let (cells, _) = row("2021", 4, "", &format!("0,{}\n", nums.join(",")), "review");
    assert_eq!(cells, vec![None; 5]);
}

#[test]
fn a_label_with_numbers_it_cannot_part_takes_no_later_row() {
    // CSV rows whose quoted thousands a wrap cut: `"1,362` has no closing quote,
    // so the line is no line of fields and stays one text. Its label must not take
    // the next row's numbers (部分公开's, whose label is misread and names nothing).
    let text = "（一）予以公开,\"1,288\",21,0,0,50,3,\"1,362\n（二）部分公幵（区分外理的\n447,7,0,0,0,0,454\n";
    let (cells, diags) = row("2021", 3, "", text, "disclosed");
    assert_eq!(cells, vec![None; 7]);
    assert!(diags.iter().any(|d| d.line == 1
        && d.message
            .starts_with("`,\"1,288\",21,0,0,50,3,\"1,362` after the label of row disclosed")));
    // A decimal amount glued to its label (`4068.208`) is one number: no line
    // of it is uncertain (that would set aside the layout reading's number).
    let text = "第二十条第（八）项\n信息内容 本年收费金额（单位：万元）\n行政事业性收费4068.208\n";
    let tpl = template("2021").expect("template");
    let li = LineIndex::new(text);
    let mut out = Tables::new(tpl);
    let mut diags = Vec::new();
    read_stream(text, 0, text.len(), 2, tpl, &li, &mut out, &mut diags);
    assert_eq!(out.uncertain, Vec::<u32>::new());
}

#[test]
fn the_per_layout_reader_takes_no_frame_column_numbers_for_values() {
    // OCR's look-alikes in a frame's column numbers (`l`, `Z`, `B`, `1I`), over
    // section 四's row with its index: the column numbers are no values, and
    // neither is the index.
    let printed = "   0  l  Z  3  4  5  6  7  B  9  10  1I  12  13  14\n0  1  1  0  0  2  1  0  0  0  1  2  0  0  0  2\n";
    // `df.to_markdown()`: the index column has no header, a rule under the
    // column numbers.
    let markdown = "|    | 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 |\n|---:|:---|:---|:---|:---|:---|:---|:---|:---|:---|:---|:---|:---|:---|:---|:---|\n|  0 | 1 | 1 | 0 | 0 | 2 | 1 | 0 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 2 |\n";
    // The column numbers wrapped at some width: the next line counts on.
    let wrapped = "   o  l  Z  3  4  5  6  7  B  9  10\n1I  12  13  14\n0  1  1  0  0  2  1  0  0  0  1  2  0  0  0  2\n";
    // The row under them wrapped too: its last number on a line of its own.
    let both = "   〇  1  Z  3  4  5  6  7  B  9  I0  11  1Z  I3\n14\n0  1  1  0  0  2  1  0  0  0  1  2  0  0  0\n2\n";
    for (text, row_line) in [(printed, 2), (markdown, 3), (wrapped, 3), (both, 3)] {
        let tpl = template("2021").expect("template");
        let li = LineIndex::new(text);
        let mut out = Tables::new(tpl);
        let mut diags = Vec::new();
        crate::parse::template::read_section(
            text,
            0,
            text.len(),
            4,
            tpl,
            &li,
            &mut out,
            &mut diags,
        );
        let (ti, _) = tpl.section_tables(4).next().expect("table");
        let got: Vec<String> = out.tables[ti]
            .slots
            .iter()
            .map(|s| {
                s.as_ref()
                    .and_then(|s| s.value)
                    .map_or("-".into(), |v| v.to_string())
            })
            .collect();
        assert_eq!(
            got,
            ["1", "1", "0", "0", "2", "1", "0", "0", "0", "1", "2", "0", "0", "0", "2"],
            "{text}"
        );
        assert!(diags
            .iter()
            .any(|d| d.line == 1 && d.message.starts_with("a table tool's column numbers")));
        assert!(diags
            .iter()
            .any(|d| d.line == row_line && d.message.starts_with("`0` opens the line")));
    }
}

#[test]
fn a_frames_row_a_wrap_cut_keeps_the_count_of_indices() {
    // `df.to_csv()` wrapped at some width: the rest of 规章's row on a line of its
    // own. The index 1 of the next row still counts on from 0: no value.
    let text = ",0,1,2,3\n0,规\n章,0,0,738\n1,规范性文件,0,2842,13\n";
    let (cells, diags) = row("2019", 2, "20.1", text, "normative_doc");
    assert_eq!(cells, some(&["0", "2842", "13"]));
    assert!(diags
        .iter()
        .any(|d| d.line == 4 && d.message.starts_with("`1` opens the line")));
    // A narrow wrap puts a row over several lines: three lines of its rest
    // keep the count going (a CSV frame of `不适用` cells wraps so)…
    let text = ",0,1,2,3\n0,规章,0,0\n,738\n-\n-\n1,规范性文件,0,2842,13\n";
    let (_, diags) = row("2019", 2, "20.1", text, "normative_doc");
    assert!(diags
        .iter()
        .any(|d| d.line == 6 && d.message.starts_with("`1` opens the line")));
    // …five lines without an index between them end it.
    let text = ",0,1,2,3\n0,规章,0,0\n,738\n-\n-\n-\n-\n1,规范性文件,0,2842,13\n";
    let (_, diags) = row("2019", 2, "20.1", text, "normative_doc");
    assert!(!diags
        .iter()
        .any(|d| d.line == 8 && d.message.starts_with("`1` opens the line")));
}

#[test]
fn a_frame_printed_in_blocks_gives_no_index_as_a_value() {
    // `print(df)` of a frame too wide for its lines: pandas prints the columns
    // that fit, a `\` after their numbers, then the rest in a block below with
    // the row indices again. Neither block's indices or column numbers are
    // values; the rows, their numbers parted over two blocks, are not placed.
    let text = "              0  1  \\\n0          规章  0\n1  行政规范性文件  0\n\n      2    3\n0     0  738\n1  2842   13\n";
    let tpl = template("2019").expect("template");
    let li = LineIndex::new(text);
    let mut out = Tables::new(tpl);
    let mut diags = Vec::new();
    crate::parse::template::read_section(text, 0, text.len(), 2, tpl, &li, &mut out, &mut diags);
    let notes = |diags: &[Diag]| -> Vec<u32> {
        diags
            .iter()
            .filter(|d| d.message.starts_with("a table tool's column numbers"))
            .map(|d| d.line)
            .collect()
    };
    assert_eq!(notes(&diags), [1, 5]);
    let (ti, _) = tpl
        .section_tables(2)
        .find(|(_, t)| t.item == "20.1")
        .expect("table");
    let held: Vec<String> = out.tables[ti]
        .slots
        .iter()
        .flatten()
        .filter_map(|s| s.value.map(|v| v.to_string()))
        .collect();
    assert!(held.iter().all(|v| v != "1" && v != "2"), "{held:?}");
    for r in ["regulation", "normative_doc"] {
        let (cells, diags) = row("2019", 2, "20.1", text, r);
        assert!(
            cells.iter().all(|c| c.as_deref() != Some("1")),
            "{r}: {cells:?}"
        );
        assert_eq!(notes(&diags), [1, 5]);
    }
}

/// samples/constructed/newline-2021.txt with the numbers of rows rejected_complaint
/// and rejected_repeat swapped (the sums down the columns still hold) and the
/// labels of rejected_repeat and rejected_publication misread: the two rows
/// after complaint are placed in order, 1 … 1 then 0 … 0.
#[test]
fn misread_labels_one_after_another_take_their_rows_in_order() {
    let text = include_str!("../../../samples/constructed/newline-2021.txt");
    let was = "1.信访举报投诉类申请\n1\n0\n0\n0\n0\n0\n1\n2.重复申请\n0\n0\n0\n0\n0\n0\n0\n";
    let now = "1.信访举报投诉类申请\n0\n0\n0\n0\n0\n0\n0\n2.童夏申请\n1\n0\n0\n0\n0\n0\n1\n";
    assert!(text.contains(was));
    let text = text
        .replace(was, now)
        .replace("3.要求提供公开出版物", "3.要求提供公幵出板物");
    let r = crate::parse_report("t.txt", text.as_bytes());
    let cells = r.keyed_cells();
    let get = |k: &str| {
        cells
            .iter()
            .find(|(c, _)| c == k)
            .and_then(|(_, s)| s.and_then(|s| s.value))
            .map(|v| v.to_string())
    };
    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        [
            "3/rejected_complaint/total",
            "3/rejected_repeat/natural_person",
            "3/rejected_repeat/total",
            "3/rejected_publication/natural_person",
            "3/rejected_publication/total",
        ]
        .map(get),
        [s("0"), s("1"), s("1"), s("0"), s("0")]
    );
    let placed = r
        .diags
        .iter()
        .filter(|d| d.message.contains("is one of 2 texts"))
        .count();
    assert_eq!(placed, 2);
}

/// Three row labels, then all their numbers on one line, written down the columns
/// (a stack of rows read as one row): along the rows, the middle row would read
/// all zeros and its identity hold, though its 自然人 and 总计 are 2. On one line
/// the breaks tell neither order, and the identities refute the one along the
/// rows: the rows are missing.
#[test]
fn numbers_on_one_line_after_a_block_of_labels_are_read_in_no_order_the_sums_refute() {
    let text = "1.属于国家秘密\n2.其他法律行政法规禁止公开\n3.危及“三安全一稳定”\n0 2 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 2 0\n";
    let (cells, _) = row("2021", 3, "", text, "withheld_law");
    assert_eq!(cells, vec![None; 7]);
}

/// A number Word printed in two runs, which a crawler parted by one space on a
/// line whose cells stand two spaces or more apart (`2 6`): one number where the
/// row's identities hold with it; two pairs as close, or a sum that fails, leave
/// the row missing.
#[test]
fn a_number_in_two_pieces_on_one_line_is_joined_by_the_identities() {
    let line = |nums: &str| format!("二、上年结转政府信息公开申请数量  {nums}\n");
    let (cells, diags) = row(
        "2021",
        3,
        "",
        &line("21   3   2   0   0  0   2 6"),
        "carried_in",
    );
    assert_eq!(cells, some(&["21", "3", "2", "0", "0", "0", "26"]));
    assert!(
        diags
            .iter()
            .any(|d| d.line == 1 && d.message.contains("read as one number, 26")),
        "{diags:?}"
    );
    for nums in [
        "21   3   2   0   0  0   2 5",
        "2 1   3   2   0   0  0   2 6",
    ] {
        let (cells, _) = row("2021", 3, "", &line(nums), "carried_in");
        assert_eq!(cells, vec![None; 7], "{nums}");
    }
    // A cell a line: no two closer; of every two neighbours only `2` `6` joined
    // keeps the row's sum (21 + 3 + 2 = 26), so they are read as one.
    let lines = "二、上年结转政府信息公开申请数量\n21\n3\n2\n0\n0\n0\n2\n6\n";
    let (cells, diags) = row("2021", 3, "", lines, "carried_in");
    assert_eq!(cells, some(&["21", "3", "2", "0", "0", "0", "26"]));
    assert!(
        diags
            .iter()
            .any(|d| d.line == 8 && d.message.contains("the only two neighbours")),
        "{diags:?}"
    );
    // The second piece's line says where it went.
    assert!(
        diags
            .iter()
            .any(|d| d.line == 9 && d.message == "`6` read with `2` on line 8 as one number, 26"),
        "{diags:?}"
    );
    // `1 1 0 0 0 0 0 2`: 11 with 0 … 2, or 1 with 10 … and 2, hold neither; none.
    let ones = "二、上年结转政府信息公开申请数量\n1\n1\n0\n0\n0\n0\n0\n2\n";
    let (cells, _) = row("2021", 3, "", ones, "carried_in");
    assert_eq!(cells, vec![None; 7]);
}

/// A narrow label column as a text browser wraps an HTML table: the label's head
/// and the row's numbers on one line, the rest of the label alone on the next,
/// both starting in the same column. Read as the row the two pieces name; a
/// tail in another column, one that opens a row of its own, or a head that
/// names a row itself, are not joined.
#[test]
fn a_label_wrapped_below_its_numbers_is_one_label() {
    let text = "        2.其他法                  3     0     0     1   0  0  4\n        律行政法规禁止公开\n";
    let (cells, diags) = row("2021", 3, "", text, "withheld_law");
    assert_eq!(cells, some(&["3", "0", "0", "1", "0", "0", "4"]));
    assert!(
        diags
            .iter()
            .any(|d| d.line == 1 && d.message.contains("`2.其他法律行政法规禁止公开`")),
        "{diags:?}"
    );
    for other in [
        "        2.其他法                  3     0     0     1   0  0  4\n      律行政法规禁止公开\n",
        "        2.其他法                  3     0     0     1   0  0  4\n        3.危及“三安全一稳定”\n",
        "        2.其他法 3 0 0 1 0 0 4\n        律行政法规禁止公开\n",
    ] {
        let (cells, _) = row("2021", 3, "", other, "withheld_law");
        assert_ne!(cells, some(&["3", "0", "0", "1", "0", "0", "4"]), "{other}");
    }
}

#[test]
fn numbers_after_a_short_label_line_are_parted_by_height() {
    // The label's line had room for the next number: no wrap cut the row, and
    // which columns its 0 is in is not known (0 and 95 both fit natural_person).
    let text = "（六）其他处理 0 0 0 0 0 0 0\n（七）总计  0\n95 0 0 0 0 95\n四、结转下年度继续办理 0 0 0 0 0 0 0\n";
    let (cells, diags) = row("2021", 3, "", text, "results_total");
    assert_eq!(cells, vec![None; 7]);
    let warning = diags
        .iter()
        .find(|d| d.message.contains("numbers go on on this line"))
        .expect("a warning on the parted row");
    assert_eq!(warning.line, 3);
    // A wrap as narrow as the text's lines keeps the order printed.
    let text = "（七）总计 95 0 0\n0 0 0 95\n";
    let (cells, _) = row("2021", 3, "", text, "results_total");
    assert_eq!(cells, some(&["95", "0", "0", "0", "0", "0", "95"]));
}

#[test]
fn a_square_block_with_an_unread_label_is_not_counted() {
    // Seven labels (one misread), then seven lines of seven numbers: read along
    // the rows or down the columns alike, and the unread row's numbers are no
    // identity's. Written column by column, a row a line gives 2.重复申请 the
    // first column's numbers.
    let text = "（五）不予处理\n2.重复申请\n3.要求提供公开出版物\n4.无正当理由大量反复申请\n5.要求行政机关确认或重新出具已获取信息\n（六）其她外理\n（七）总计\n四、结转下年度继续办理\n0 0 0 0 0 2 0\n0 0 0 0 0 0 0\n0 0 0 0 0 0 0\n0 0 0 0 0 0 0\n0 0 0 0 0 0 0\n0 0 0 0 0 0 0\n0 0 0 0 0 2 0\n";
    let (cells, _) = row("2021", 3, "", text, "rejected_repeat");
    assert_eq!(cells, vec![None; 7]);
}

#[test]
fn a_frames_two_column_numbers_after_an_empty_cell_are_no_values() {
    // `df.to_csv()` of a frame of two columns under a label: `,0,1` names the
    // columns, `0` opens its row as the index.
    let text = "第二十条第（一）项\n信息内容,本年制发件数,本年废止件数,现行有效件数\n行政规范性文件\n,0,1\n0,暂天,暂无\n";
    let (cells, diags) = row("2021", 2, "20.1", text, "normative_doc");
    assert_eq!(cells, vec![None; 3]);
    assert!(diags
        .iter()
        .any(|d| d.line == 4 && d.message.contains("column numbers")));
}

#[test]
fn a_comma_row_of_a_group_and_a_row_label_is_a_row() {
    // A table tool's CSV (`df.to_csv()`): the group's and the row's words in two
    // cells, the numbers wrapped onto the next line. Read as a header line, the
    // row was lost and its numbers went to the label waiting above it.
    let text = "申请内容仍不明确\n（五）不予处理,1.信访举报投诉类申请,\n3,1,0,0,0,0,4\n2.重复申请,3,0,0,0,0,0,3\n";
    let (cells, diags) = row("2021", 3, "", text, "unavailable_unclear");
    assert_eq!(cells, vec![None; 7]);
    assert!(diags
        .iter()
        .any(|d| d.line == 3 && d.message.contains("which need 14")));
    let (cells, _) = row("2021", 3, "", text, "rejected_complaint");
    assert_eq!(cells, vec![None; 7]);
    // Alone, the row takes its numbers.
    let alone = "（五）不予处理,1.信访举报投诉类申请,\n3,1,0,0,0,0,4\n2.重复申请,3,0,0,0,0,0,3\n";
    let (cells, _) = row("2021", 3, "", alone, "rejected_complaint");
    assert_eq!(cells, some(&["3", "1", "0", "0", "0", "0", "4"]));
}

#[test]
fn other_handling_and_its_first_row_on_one_line_are_a_row_label() {
    // `其他处理` names the group and the 2019 template's single row: on one line
    // with the first row of the group it was counted a second label, and the
    // line taken for a header; the block of labels then lacked that row.
    let text = "4.无正当理由大量反复申请\n5.要求行政机关确认或重新出具已获取信息\n（六）其他处理  1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\n2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\n3.其他\n2  0  0  0  0  0  2\n0  0  0  0  0  0  0\n3  0  0  0  0  0  3\n1  0  0  0  0  1  2\n2  1  0  0  0  0  3\n";
    let (cells, _) = row("2021", 3, "", text, "other_no_correction");
    assert_eq!(cells, some(&["3", "0", "0", "0", "0", "0", "3"]));
    let (cells, _) = row("2021", 3, "", text, "other_misc");
    assert_eq!(cells, some(&["2", "1", "0", "0", "0", "0", "3"]));
}

#[test]
fn a_label_read_whole_takes_no_line_after_it_as_its_continuation() {
    // A section heading misread past likeness, then the next section's header
    // words one a line: none of them continues `行政事业性收费`, read whole.
    let text = "第二十条第（八）项\n信息内容 本年收费金额（单位：万元）\n行政事业性收费\n三、收到和外埋政府信怠公幵甲请情况\n甲请人情况\n自然人\n";
    let (_, diags) = row("2021", 2, "20.8", text, "fees");
    let set_aside: Vec<u32> = diags
        .iter()
        .filter(|d| d.message.contains("matches no label of the template"))
        .map(|d| d.line)
        .collect();
    assert_eq!(set_aside, [4, 5, 6]);
    assert!(!diags.iter().any(|d| d.message.contains("continuation")));
}
