//! Tables written column by column, read through the whole parse, with exact
//! cells. The numbers are invented; their sums were worked out by hand.

use crate::parse::report::parse_report;
use crate::parse::table_three::{COLS, GRID, KEYS, ROWS};

/// The numbers of rows `r0..r1`, column by column, one a line.
fn down(grid: &[[i64; 7]], r0: usize, r1: usize, cols: std::ops::Range<usize>) -> Vec<String> {
    cols.flat_map(|c| (r0..r1).map(move |r| grid[r][c].to_string()))
        .collect()
}

/// A report whose section 三 is `body` (one piece a line, a blank line between,
/// as pdfminer writes), with a section 四 read as usual.
fn report(body: &[String]) -> String {
    report_spilled(body, &[])
}

/// The same, with `spill` printed under the heading of 四, before its table.
fn report_spilled(body: &[String], spill: &[String]) -> String {
    let mut lines: Vec<String> = vec![
        "某县人民政府2021年政府信息公开工作年度报告".into(),
        "一、总体情况".into(),
        "本县依法公开政府信息。".into(),
        "二、主动公开政府信息情况".into(),
        "三、收到和处理政府信息公开申请情况".into(),
    ];
    lines.extend(body.iter().cloned());
    lines.push("四、政府信息公开行政复议、行政诉讼情况".into());
    lines.extend(spill.iter().cloned());
    for l in ["行政复议", "行政诉讼"] {
        lines.push(l.into());
    }
    lines.push("1 0 0 0 1 0 0 0 0 0 0 0 0 0 0".into());
    lines.push("五、存在的主要问题及改进情况".into());
    lines.push("无。".into());
    lines.join("\n\n") + "\n"
}

/// The header and the first two rows, as pdfminer prints them: 自然人 and the
/// two rows' labels, their numbers, the other applicant columns' headers and
/// numbers, then 总计 and its two.
fn head(grid: &[[i64; 7]]) -> Vec<String> {
    let mut b: Vec<String> = vec![
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）".into(),
        "申请人情况".into(),
        "自然人".into(),
        ROWS[0].into(),
        ROWS[1].into(),
    ];
    b.extend(down(grid, 0, 2, 0..1));
    for h in [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ] {
        b.push(h.into());
    }
    b.extend(down(grid, 0, 2, 1..6));
    b.push("总计".into());
    b.extend(down(grid, 0, 2, 6..7));
    b
}

/// The labels of rows `r0..r1`, with the group labels among them.
fn labels(r0: usize, r1: usize) -> Vec<String> {
    let mut b = Vec::new();
    for (r, l) in ROWS.iter().enumerate().take(r1).skip(r0) {
        match r {
            4 => b.push("（三）不予公开".to_string()),
            12 => b.push("（四）无法提供".to_string()),
            15 => b.push("（五）不予处理".to_string()),
            20 => b.push("（六）其他处理".to_string()),
            _ => {}
        }
        b.push(l.to_string());
    }
    b
}

/// Section 三's cells as read: `Some(value)` or `None` (missing or not a number).
fn cells(text: &str) -> Vec<Vec<Option<i64>>> {
    let r = parse_report("t", text.as_bytes());
    let keyed = r.keyed_cells();
    KEYS.iter()
        .map(|row| {
            COLS.iter()
                .map(|col| {
                    let key = format!("3/{row}/{col}");
                    keyed
                        .iter()
                        .find(|(k, _)| *k == key)
                        .and_then(|(_, s)| *s)
                        .and_then(|s| s.value)
                        .and_then(|v| (v.scale == 0).then_some(v.mantissa))
                })
                .collect()
        })
        .collect()
}

fn whole(grid: &[[i64; 7]]) -> Vec<Vec<Option<i64>>> {
    grid.iter()
        .map(|r| r.iter().map(|&v| Some(v)).collect())
        .collect()
}

fn none() -> Vec<Vec<Option<i64>>> {
    vec![vec![None; 7]; 25]
}

#[test]
fn a_table_in_two_bands_of_columns_is_read_down_them() {
    let mut b = head(&GRID);
    b.extend(labels(2, 25));
    b.extend(down(&GRID, 2, 25, 0..7));
    assert_eq!(cells(&report(&b)), whole(&GRID));
}

#[test]
fn a_band_cut_by_a_page_with_its_header_again_is_read() {
    // Rows 予以公开 … 5.属于三类内部事务信息 on one page, the rest on the next
    // under the header printed again.
    let mut b = head(&GRID);
    b.extend(labels(2, 9));
    b.extend(down(&GRID, 2, 9, 0..7));
    b.push("— 3 —".into());
    for h in [
        "自然人",
        "申请人情况",
        "商业企业",
        "科研机构",
        "社会公益组织",
    ] {
        b.push(h.into());
    }
    for h in ["法律服务机构", "其他", "总计"] {
        b.push(h.into());
    }
    b.extend(labels(9, 25));
    b.extend(down(&GRID, 9, 25, 0..7));
    assert_eq!(cells(&report(&b)), whole(&GRID));
}

#[test]
fn a_strip_of_columns_cut_above_the_totals_is_read() {
    // The first two columns print their last two rows apart (a box of their own).
    let mut b = head(&GRID);
    b.extend(labels(2, 25));
    b.extend(down(&GRID, 2, 23, 0..2));
    b.extend(down(&GRID, 23, 25, 0..2));
    b.extend(down(&GRID, 2, 25, 2..7));
    assert_eq!(cells(&report(&b)), whole(&GRID));
}

#[test]
fn a_number_lost_leaves_the_table_missing() {
    let mut b = head(&GRID);
    b.extend(labels(2, 25));
    let mut nums = down(&GRID, 2, 25, 0..7);
    nums.remove(30);
    b.extend(nums);
    let read = cells(&report(&b));
    // Nothing past the first band is placed, and nothing is wrong.
    for (r, row) in read.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            assert!(
                v.is_none() || *v == Some(GRID[r][c]),
                "row {r} col {c}: {v:?}"
            );
        }
    }
    assert!(read[2..].iter().all(|row| row.iter().all(Option::is_none)));
}

#[test]
fn rows_printed_out_of_the_templates_order_are_not_read_down_the_columns() {
    // 予以公开 printed after 部分公开: the labels do not settle the rows' order.
    let mut b = head(&GRID);
    let mut l = labels(2, 25);
    l.swap(0, 1);
    b.extend(l);
    b.extend(down(&GRID, 2, 25, 0..7));
    assert_eq!(cells(&report(&b))[2..], none()[2..]);
}

#[test]
fn numbers_no_reading_balances_stay_missing() {
    // One number changed: no way of laying the numbers holds every identity.
    let mut g = GRID;
    g[5][0] = 7;
    let mut b = head(&g);
    b.extend(labels(2, 25));
    b.extend(down(&g, 2, 25, 0..7));
    assert_eq!(cells(&report(&b))[2..], none()[2..]);
}

#[test]
fn a_table_of_zeros_but_its_totals_is_missing_when_the_readings_differ() {
    // Every applicant column but the first is zero, and the first equals the
    // total: a column laid as another still balances. Each reading that holds
    // must give the same table, or nothing is taken.
    let mut g = [[0i64; 7]; 25];
    for (r, row) in GRID.iter().enumerate() {
        g[r][0] = row[6];
        g[r][6] = row[6];
    }
    let mut b = head(&g);
    b.extend(labels(2, 25));
    b.extend(down(&g, 2, 25, 0..7));
    let read = cells(&report(&b));
    for (r, row) in read.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            assert!(v.is_none() || *v == Some(g[r][c]), "row {r} col {c}: {v:?}");
        }
    }
}

#[test]
fn columns_printed_under_the_next_heading_complete_the_table() {
    // The last five columns' numbers stand under the heading of 四 (printed
    // higher on the next page), before its table.
    let mut b = head(&GRID);
    b.extend(labels(2, 25));
    b.extend(down(&GRID, 2, 25, 0..2));
    let spill = down(&GRID, 2, 25, 2..7);
    let text = report_spilled(&b, &spill);
    assert_eq!(cells(&text), whole(&GRID));
    // Section 四 is read as before.
    let r = parse_report("t", text.as_bytes());
    let review: Vec<Option<i64>> = ["upheld", "corrected", "other", "pending", "total"]
        .iter()
        .map(|c| {
            let key = format!("4/review/{c}");
            r.keyed_cells()
                .iter()
                .find(|(k, _)| *k == key)
                .and_then(|(_, s)| *s)
                .and_then(|s| s.value)
                .map(|v| v.mantissa)
        })
        .collect();
    assert_eq!(review, vec![Some(1), Some(0), Some(0), Some(0), Some(1)]);
    // One number more under the heading than the table lacks: nothing is taken.
    let mut more = spill.clone();
    more.push("0".into());
    let read = cells(&report_spilled(&b, &more));
    assert_eq!(read[2..], none()[2..]);
}

#[test]
fn section_twos_boxes_among_the_columns_are_left_out() {
    // Section 二's captions, headers and numbers printed between the first
    // column's numbers and the other columns' headers (boxes placed by where they
    // stand on the page).
    let two: Vec<String> = [
        "第二十条第（一）项",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "0",
        "55",
        "第二十条第（八）项",
        "本年收费金额（单位：万元）",
        "3103.5066",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut b = head(&GRID);
    let at = b.iter().position(|x| x == "商业企业").expect("header");
    b.splice(at..at, two.iter().cloned());
    b.extend(labels(2, 25));
    b.extend(down(&GRID, 2, 25, 0..7));
    assert_eq!(cells(&report(&b)), whole(&GRID));
    // The same numbers with no label of section 二 before them: they cannot be
    // told from the table's, and the table is not read down its columns.
    let mut b = head(&GRID);
    let at = b.iter().position(|x| x == "商业企业").expect("header");
    b.splice(at..at, ["0".to_string(), "55".to_string()]);
    b.extend(labels(2, 25));
    b.extend(down(&GRID, 2, 25, 0..7));
    assert_eq!(cells(&report(&b))[2..], none()[2..]);
}

#[test]
fn a_stand_in_row_printed_for_its_three_rows_is_read_in_their_place() {
    // A 2021 table that prints the 2019 `（六）其他处理` once, with numbers, where
    // the three rows it stands for would be: 23 rows down each column.
    let other = [1, 0, 0, 0, 0, 0, 1];
    let mut grid: Vec<[i64; 7]> = GRID[..20].to_vec();
    grid.push(other);
    grid.extend_from_slice(&GRID[23..]);
    let mut b = head(&GRID);
    b.extend(labels(2, 20));
    b.push("（六）其他处理".into());
    b.extend(labels(23, 25));
    b.extend(down(&grid, 2, 23, 0..7));
    let r = parse_report("t", report(&b).as_bytes());
    let keyed = r.keyed_cells();
    let value = |key: String| {
        keyed
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, s)| *s)
            .and_then(|s| s.value)
            .map(|v| v.mantissa)
    };
    for (g, row) in grid.iter().enumerate() {
        let key = match g {
            0..20 => KEYS[g],
            20 => "other",
            _ => KEYS[g + 2],
        };
        let read: Vec<Option<i64>> = COLS.iter().map(|c| value(format!("3/{key}/{c}"))).collect();
        let want: Vec<Option<i64>> = row.iter().map(|&v| Some(v)).collect();
        assert_eq!(read, want, "{key}");
    }
    for key in ["other_no_correction", "other_unpaid_fee", "other_misc"] {
        assert_eq!(value(format!("3/{key}/total")), None, "{key}");
    }
}
