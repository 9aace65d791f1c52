//! Section 二 as a layout-analysing extractor prints it (pdfminer, `pdf2txt.py`):
//! each column of a small table is one text box, its header and, under it, its
//! numbers top to bottom, and the boxes come one after another, the item's
//! caption before them and the rows' labels somewhere else (often all together,
//! before or after the section):
//!
//! ```text
//! 第二十条第（六）项
//! 本年处理决定数量
//! 87967
//! 0
//! 第二十条第（八）项
//! ```
//!
//! Neither reader places such numbers (no row label stands beside them). Here a
//! line that names a column of the item whose caption came last, right after that
//! caption or after a number (where a box ends), followed by exactly as many lines
//! of one number each as the item has rows, gives that column's cells, top to
//! bottom. A header after another header starts no box: a converter that prints
//! all of an item's headers and then its numbers (`本年新制作数量` / `本年新公开数量`
//! / … / `0` `0` `0` …) leaves which number is whose to guesswork, and is not read.
//! Only items the other readings left wholly missing are filled, never mixed with
//! them cell by cell.

use crate::grammar::{Per, Symbol, Template};
use crate::model::diag::Diag;
use crate::model::value::{parse_cell, CellValue};
use crate::parse::lines::LineIndex;
use crate::parse::template::{Slot, State, Tables};

mod heads;
pub(crate) use heads::fill as fill_heads_first;

/// What the line before was, for telling where a box may start.
#[derive(Clone, Copy, PartialEq)]
enum Prev {
    Caption,
    Number,
    Other,
}

/// A box being read: the item's table, the column, its header's line, and the
/// numbers under it so far.
struct Open {
    table: usize,
    col: usize,
    line: u32,
    nums: Vec<Slot>,
}

/// The cell of a line that holds one number alone (`t`, the line trimmed; `off`,
/// where the line starts), as a box prints each of its numbers.
fn number_line(off: usize, line: &str, t: &str, li: &LineIndex) -> Option<Slot> {
    let CellValue::Number(d, unit) = parse_cell(t) else {
        return None;
    };
    let at = off + (t.as_ptr() as usize - line.as_ptr() as usize);
    Some(Slot {
        state: State::Number,
        value: Some(d),
        unit,
        raw: (at, at + t.len()),
        line: li.line_of(off),
    })
}

/// A box's numbers written down column `col` of a table of `nc` columns, one
/// to each of `rows` in order.
fn place_column(
    tr: &mut crate::model::tables::TableRead,
    rows: &[usize],
    nc: usize,
    col: usize,
    nums: Vec<Slot>,
) {
    for (&r, s) in rows.iter().zip(nums) {
        tr.slots[r * nc + col] = Some(s);
        tr.rows_seen[r] = true;
    }
    tr.seen = true;
}

/// Fills the items of section 二 that are wholly missing in `out` from column
/// boxes in `text[start..end]`.
pub(crate) fn fill(
    text: &str,
    start: usize,
    end: usize,
    tpl: &Template,
    li: &LineIndex,
    out: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    let missing: Vec<usize> = tpl
        .section_tables(2)
        .filter(|(ti, _)| out.tables[*ti].slots.iter().all(Option::is_none))
        .map(|(ti, _)| ti)
        .collect();
    if missing.is_empty() {
        return;
    }
    let matcher = tpl.matcher(2);
    let mut current: Option<usize> = None;
    let mut prev = Prev::Other;
    let mut open: Option<Open> = None;
    let mut boxes: Vec<Open> = Vec::new();
    for (off, line) in li.lines(text, start, end) {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(slot) = number_line(off, line, t, li) {
            if let Some(o) = open.as_mut() {
                o.nums.push(slot);
            }
            prev = Prev::Number;
            continue;
        }
        // Any other line ends the box being read.
        boxes.extend(open.take());
        if t.chars().count() > 30 {
            prev = Prev::Other;
            continue;
        }
        let hits = crate::parse::scan::scan(t, &matcher.patterns, &matcher.automaton);
        // Text that names nothing of the section, nor is a header's word (a
        // caption OCR misread, `第二十条第(六)顶`): the boxes after it may be
        // another item's, so none is read until a caption is.
        if hits.is_empty()
            && !tpl
                .section_tables(2)
                .any(|(_, tb)| tb.header_words.iter().any(|w| w == t))
        {
            current = None;
            prev = Prev::Other;
            continue;
        }
        let symbols = || hits.iter().flat_map(|h| h.pattern.symbols.iter().copied());
        if let Some(table) = symbols().find_map(|s| match s {
            Symbol::Caption { table } => Some(table),
            _ => None,
        }) {
            current = Some(table);
            prev = Prev::Caption;
            continue;
        }
        let here = |s: &Symbol| match *s {
            Symbol::Col { table, col } if Some(table) == current => Some(col),
            _ => None,
        };
        let mut cols: Vec<usize> = symbols().filter_map(|s| here(&s)).collect();
        cols.sort_unstable();
        cols.dedup();
        let names_row =
            symbols().any(|s| matches!(s, Symbol::Row { table, .. } if Some(table) == current));
        if let (Some(table), [col], false, Prev::Caption | Prev::Number) =
            (current, cols.as_slice(), names_row, prev)
        {
            open = Some(Open {
                table,
                col: *col,
                line: li.line_of(off),
                nums: Vec::new(),
            });
        }
        prev = Prev::Other;
    }
    boxes.extend(open.take());
    for b in boxes {
        let table = &tpl.tables[b.table];
        // The rows every report prints, top to bottom (an optional row, printed
        // by some reports only, would make the count ambiguous).
        let rows = table.required_rows();
        let (nr, nc) = (rows.len(), table.cols.len());
        let signed = table.cols[b.col].signed;
        let fits = b.nums.len() == nr
            && missing.contains(&b.table)
            && (signed
                || b.nums
                    .iter()
                    .all(|s| s.value.is_some_and(|v| v.mantissa >= 0)));
        let tr = &mut out.tables[b.table];
        if !fits || rows.iter().any(|&r| tr.slots[r * nc + b.col].is_some()) {
            continue;
        }
        place_column(tr, &rows, nc, b.col, b.nums);
        diags.push(Diag::note(
            b.line,
            format!(
                "column {} of item {} read from a box of its own (its header, then its {nr} number(s) top to bottom, as pdfminer prints a table's columns)",
                table.cols[b.col].key, table.item
            ),
        ));
    }
}

/// Section 三's columns as a layout-analysing extractor prints them (pdfminer): a
/// column's header on a line of its own, then that column's numbers one a line,
/// top to bottom:
///
/// ```text
/// 四、结转下年度继续办理
/// 自然人
/// 960
/// 72
/// …
/// ```
///
/// A box is read only where it is certain: its header line is exactly the
/// official wording of one column (`自然人`, `总计`) and does not follow another
/// header of the table (a block of headers and then numbers leaves which number
/// is whose to guesswork, and pdfminer interleaves such boxes line by line); it
/// holds exactly as many plain counts as the template prints rows, then a line
/// that is not a number; and every identity down the table's columns holds in
/// it, so its numbers stand in the rows' order. Only columns the other readings
/// left wholly missing are filled.
#[allow(clippy::too_many_arguments)]
pub(crate) fn fill_columns(
    text: &str,
    start: usize,
    end: usize,
    n: u8,
    tpl: &Template,
    li: &LineIndex,
    out: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    let Some((ti, table)) = tpl.sole_table(n) else {
        return;
    };
    let nc = table.cols.len();
    // Asked of every report: whether a column is wholly missing is told from the
    // slots before the rows are listed.
    let wholly_missing = |out: &Tables, c: usize| {
        (0..table.rows.len())
            .filter(|&r| !table.rows[r].optional)
            .all(|r| out.tables[ti].slots[r * nc + c].is_none())
    };
    if !(0..nc).any(|c| wholly_missing(out, c)) {
        return;
    }
    let rows = table.required_rows();
    let nr = rows.len();
    // The identities down the columns, over the rows' places in a box; none
    // may name a row the box does not hold.
    let at = |r: usize| rows.iter().position(|&x| x == r);
    let idents: Option<Vec<(Vec<usize>, Vec<usize>)>> = tpl
        .checks
        .iter()
        .filter(|c| c.table == ti && c.per == Per::Col)
        .map(|c| {
            let side = |s: &[usize]| s.iter().map(|&r| at(r)).collect::<Option<Vec<_>>>();
            Some((side(&c.lhs)?, side(&c.rhs)?))
        })
        .collect();
    let Some(idents) = idents.filter(|v| !v.is_empty()) else {
        return;
    };
    let is_header = |folded: &str| {
        table.cols.iter().any(|c| c.folded == folded)
            || table
                .header_words
                .iter()
                .any(|w| folded.contains(w.as_str()))
    };
    let mut open: Option<Open> = None;
    let mut boxes: Vec<Open> = Vec::new();
    let mut after_header = false;
    for (off, line) in li.lines(text, start, end) {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(slot) = number_line(off, line, t, li) {
            if let Some(o) = open.as_mut() {
                o.nums.push(slot);
            }
            after_header = false;
            continue;
        }
        boxes.extend(open.take());
        let folded = crate::grammar::normalize::fold(t);
        let col = table.cols.iter().position(|c| c.folded == folded);
        if let (Some(col), false) = (col, after_header) {
            open = Some(Open {
                table: ti,
                col,
                line: li.line_of(off),
                nums: Vec::new(),
            });
        }
        after_header = is_header(&folded);
    }
    boxes.extend(open.take());
    for b in boxes {
        let counts: Option<Vec<i128>> = b
            .nums
            .iter()
            .map(|s| {
                s.value
                    .filter(|v| v.scale == 0 && v.mantissa >= 0 && s.unit.is_none())
                    .map(|v| i128::from(v.mantissa))
            })
            .collect();
        let Some(counts) = counts.filter(|c| c.len() == nr) else {
            continue;
        };
        let sum = |s: &[usize]| s.iter().map(|&k| counts[k]).sum::<i128>();
        if !idents.iter().all(|(l, r)| sum(l) == sum(r)) || !wholly_missing(out, b.col) {
            continue;
        }
        place_column(&mut out.tables[ti], &rows, nc, b.col, b.nums);
        diags.push(Diag::note(
            b.line,
            format!(
                "column {} read from a box of its own (its header, then its {nr} numbers top to bottom, as pdfminer prints a table's columns; the identities down the column hold in it)",
                table.cols[b.col].key
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::parse::report::parse_report;

    /// A 2021 report whose section 二 is `boxes` (its row labels printed all
    /// together after it, as pdfminer orders them); the section's cells as read,
    /// `key → value`, the missing ones left out.
    fn read(boxes: &str) -> Vec<(String, String)> {
        let text = format!(
            "某街道办事处2023年政府信息公开工作年度报告\n一、总体情况\n本街道依法公开政府信息。\n二、主动公开政府信息情况\n{boxes}\n信息内容\n行政许可\n信息内容\n行政处罚\n行政强制\n信息内容\n行政事业性收费\n三、收到和处理政府信息公开申请情况\n五、存在的主要问题及改进情况\n无。\n"
        );
        let r = parse_report("t", text.as_bytes());
        r.keyed_cells()
            .into_iter()
            .filter(|(k, _)| k.starts_with("2/"))
            .filter_map(|(k, s)| s.and_then(|s| s.value).map(|v| (k, v.to_string())))
            .collect()
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(k, x)| (k.to_string(), x.to_string()))
            .collect()
    }

    #[test]
    fn each_columns_box_gives_its_cells_top_to_bottom() {
        let got = read(
            "第二十条第（五）项\n本年处理决定数量\n76300\n第二十条第（六）项\n本年处理决定数量\n87967\n0\n第二十条第（八）项\n本年收费金额（单位：万元）\n68273",
        );
        assert_eq!(
            got,
            pairs(&[
                ("2/20.5/licensing/decisions", "76300"),
                ("2/20.6/penalty/decisions", "87967"),
                ("2/20.6/coercion/decisions", "0"),
                ("2/20.8/fees/amount", "68273"),
            ])
        );
    }

    /// 20.1's two rows (its third, 其他主动公开文件, printed by some reports only,
    /// is not counted): each box's numbers go to 规章 and 行政规范性文件.
    #[test]
    fn a_two_row_items_boxes_fill_its_rows_in_order() {
        let got =
            read("第二十条第（一）项\n本年制发件数\n5\n2\n本年废止件数\n1\n0\n现行有效件数\n9\n4");
        assert_eq!(
            got,
            pairs(&[
                ("2/20.1/regulation/issued", "5"),
                ("2/20.1/regulation/repealed", "1"),
                ("2/20.1/regulation/in_force", "9"),
                ("2/20.1/normative_doc/issued", "2"),
                ("2/20.1/normative_doc/repealed", "0"),
                ("2/20.1/normative_doc/in_force", "4"),
            ])
        );
    }

    /// All of an item's headers, then its row labels, then its numbers: which
    /// number is whose is not told by the text (row by row or column by
    /// column), so nothing is read. (With the row labels before the heads, the
    /// table was read column by column: see `heads`.)
    #[test]
    fn headers_before_all_the_numbers_are_not_read() {
        let got = read(
            "第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章\n行政规范性文件\n5\n2\n1957\n2007\n1916\n33",
        );
        assert_eq!(got, pairs(&[]));
    }

    /// A box with more numbers than the item has rows (a number of the next
    /// item's box ordered into it) is not read; the next item's is.
    #[test]
    fn a_box_with_a_number_too_many_is_not_read() {
        let got = read(
            "第二十条第（五）项\n本年处理决定数量\n76300\n12\n第二十条第（八）项\n本年收费金额（单位：万元）\n68273",
        );
        assert_eq!(got, pairs(&[("2/20.8/fees/amount", "68273")]));
    }

    /// A caption OCR misread (`顶` for `项`) names nothing: the boxes after it
    /// are not given to the item before it (20.6's column of decisions, after a
    /// number of its own, was read as 20.5's); boxes are read again after the
    /// next caption read.
    #[test]
    fn boxes_after_text_that_names_nothing_are_no_items() {
        let got = read(
            "第二十条第（五）项\n第二十条第(六)顶\n12\n本年处理决定数量\n87967\n第二十条第（八）项\n本年收费金额（单位：万元）\n68273",
        );
        assert_eq!(got, pairs(&[("2/20.8/fees/amount", "68273")]));
    }

    /// A 2019 report whose section 三 is printed as pdfminer prints a ruled table
    /// (its labels all together, then `自然人` over its column's 23 numbers, the
    /// other headers in a block over numbers, then `总计` over its column), with
    /// `natural` as 自然人's numbers; section 三's cells as read, by column.
    fn read_three(natural: &[u32], others: &[u32]) -> Vec<(String, String)> {
        let labels = "一、本年新收政府信息公开申请数量\n二、上年结转政府信息公开申请数量\n（一）予以公开\n（二）部分公开\n1.属于国家秘密\n2.其他法律行政法规禁止公开\n3.危及“三安全一稳定”\n4.保护第三方合法权益\n5.属于三类内部事务信息\n6.属于四类过程性信息\n7.属于行政执法案卷\n8.属于行政查询事项\n1.本机关不掌握相关政府信息\n2.没有现成信息需要另行制作\n3.补正后申请内容仍不明确\n1.信访举报投诉类申请\n2.重复申请\n3.要求提供公开出版物\n4.无正当理由大量反复申请\n5.要求行政机关确认或重新出具已获取信息\n（六）其他处理\n（七）总计\n四、结转下年度继续办理\n";
        let col = |v: &[u32]| v.iter().map(|x| format!("{x}\n\n")).collect::<String>();
        let text = format!(
            "某街道办事处2019年政府信息公开工作年度报告\n一、总体情况\n本街道依法公开政府信息。\n三、收到和处理政府信息公开申请情况\n{labels}自然人\n\n{}申请人情况\n法人或其他组织\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n{}总计\n\n{}四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n无。\n",
            col(natural),
            col(others),
            col(natural)
        );
        let r = parse_report("t", text.as_bytes());
        r.keyed_cells()
            .into_iter()
            .filter(|(k, _)| k.starts_with("3/"))
            .filter_map(|(k, s)| s.and_then(|s| s.value).map(|v| (k, v.to_string())))
            .collect()
    }

    /// 10 new and 2 carried in; 10 answered (5 disclosed, 1 in part, 1 withheld,
    /// 2 not held, 1 a complaint); 2 carried out.
    const NATURAL: [u32; 23] = [
        10, 2, 5, 1, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 1, 0, 0, 0, 0, 0, 10, 2,
    ];

    /// The box after the block of headers (其他 follows 法律服务机构) is not read,
    /// though it holds 23 numbers whose identities hold.
    #[test]
    fn section_three_column_boxes_under_their_own_header_are_read() {
        let mut got = read_three(&NATURAL, &[0; 23]);
        got.sort();
        // Section 三's rows of the 2019 template, top to bottom.
        let t2019 = crate::grammar::Grammars::builtin()
            .get("2019")
            .expect("2019 template");
        let (_, table) = t2019.sole_table(3).expect("section 三");
        let rows: Vec<&str> = table.rows().iter().map(|r| r.key()).collect();
        assert_eq!(rows.len(), NATURAL.len());
        let mut want: Vec<(String, String)> = ["natural_person", "total"]
            .iter()
            .flat_map(|c| {
                rows.iter()
                    .zip(NATURAL)
                    .map(move |(r, v)| (format!("3/{r}/{c}"), v.to_string()))
            })
            .collect();
        want.sort();
        assert_eq!(got, want);
    }

    /// A box whose column identities fail (a number misread, or another
    /// column's number in it) is not read; nor is one a number short.
    #[test]
    fn section_three_boxes_that_fail_or_fall_short_are_not_read() {
        let mut wrong = NATURAL;
        wrong[2] = 6;
        assert_eq!(read_three(&wrong, &[0; 23]), Vec::new());
        assert_eq!(read_three(&NATURAL[..22], &[0; 23]), Vec::new());
    }
}
