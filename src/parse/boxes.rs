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

use crate::grammar::{Symbol, Template};
use crate::model::diag::Diag;
use crate::model::value::{parse_cell, CellValue};
use crate::parse::lines::LineIndex;
use crate::parse::template::{Slot, State, Tables};

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
        if let CellValue::Number(d, unit) = parse_cell(t) {
            if let Some(o) = open.as_mut() {
                let at = off + (t.as_ptr() as usize - line.as_ptr() as usize);
                o.nums.push(Slot {
                    state: State::Number,
                    value: Some(d),
                    unit,
                    raw: (at, at + t.len()),
                    line: li.line_of(off),
                });
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
        for (&r, s) in rows.iter().zip(b.nums) {
            tr.slots[r * nc + b.col] = Some(s);
            tr.rows_seen[r] = true;
        }
        tr.seen = true;
        diags.push(Diag::note(
            b.line,
            format!(
                "column {} of item {} read from a box of its own (its header, then its {nr} number(s) top to bottom, as pdfminer prints a table's columns)",
                table.cols[b.col].key, table.item
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

    /// All of an item's headers, then its numbers: which number is whose is not
    /// told by the text (row by row or column by column), so nothing is read.
    #[test]
    fn headers_before_all_the_numbers_are_not_read() {
        let got = read(
            "第二十条第（一）项\n信息内容\n规章\n行政规范性文件\n本年制发件数\n本年废止件数\n现行有效件数\n5\n2\n1957\n2007\n1916\n33",
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
}
