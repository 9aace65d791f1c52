//! A section-二 item whose column heads pdfminer printed together, then its
//! numbers column by column:
//!
//! ```text
//! 信息内容            <- the label column, read as a column first
//! 规章
//! 行政规范性文件
//! 本年制发件数        <- then every head
//! 本年废止件数
//! 现行有效件数
//! 5                   <- then 本年制发件数's numbers top to bottom, then the next column's
//! 2
//! …
//! ```
//!
//! A run of numbers after all of an item's heads could be written row by row or
//! column by column. What tells them apart is where the item's row labels stand:
//! a converter that writes the table row by row, top to bottom, prints the heads
//! before the rows' labels (`信息内容 本年制发件数 …` / `规章 5 1 9`); one that
//! printed every row label *before* the heads read the label column as a column,
//! and a layout analyser that does so groups each column's numbers (narrow
//! pieces of text stacked close) before it groups a row's (wide gaps between
//! them), so it writes them down each column, left to right. Every such item in
//! the pdfminer dumps of tests/fixtures/pdfconv/ is written so.
//!
//! The reading is taken only where nothing else stands in the way: the item's
//! caption once in the section; its heads, each one column's, on consecutive
//! lines after it (text between, and no number but those of an item read
//! before it); then exactly as many lines of one number (or a mark for none)
//! each as the item has cells up to the next text, another item's caption
//! passed over (pdfminer may order the next caption's box among a column's
//! numbers, and that item's heads and numbers then follow); each of
//! its printed rows named once in the section, all before the heads, in the
//! template's order. A number too wide to be sure its column was grouped first
//! (more than five digits: a wide number beside a narrow gap may be grouped
//! with its row), or a signed one outside a column of changes, leaves the item
//! unread. Only items the other readings left wholly missing are filled.

use crate::grammar::{Symbol, Template};
use crate::model::diag::Diag;
use crate::model::value::{parse_cell, CellValue};
use crate::parse::lines::LineIndex;
use crate::parse::template::{Slot, State, Tables};

/// The most digits a number may have for its column to be taken as grouped
/// before its row (see the module's note).
const MAX_DIGITS: usize = 5;

/// The most lines of text between an item's caption and its first head (the
/// label column's head and row labels pdfminer may print there).
const MAX_BETWEEN: usize = 8;

/// One non-empty line of the section, trimmed, with its byte offset.
struct Line<'a> {
    off: usize,
    t: &'a str,
    /// Its cell, when the line holds one number or mark for none and nothing else.
    cell: Option<Slot>,
}

/// A line holding one number, or one mark for none (`/`, `—`), and nothing else.
fn cell_line(off: usize, line: &str, t: &str, li: &LineIndex) -> Option<Slot> {
    let at = off + (t.as_ptr() as usize - line.as_ptr() as usize);
    let (state, value, unit) = match parse_cell(t) {
        CellValue::Number(d, unit) => (State::Number, Some(d), unit),
        CellValue::Na if !crate::model::value::unknown_cell(t) => (State::Na, None, None),
        _ => return None,
    };
    Some(Slot {
        state,
        value,
        unit,
        raw: (at, at + t.len()),
        line: li.line_of(off),
    })
}

/// Fills the items of section 二 wholly missing in `out` that `text[start..end]`
/// prints heads first and then down their columns.
pub(crate) fn fill(
    text: &str,
    start: usize,
    end: usize,
    tpl: &Template,
    li: &LineIndex,
    out: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    let wanted = |out: &Tables, ti: usize| {
        let t = &tpl.tables[ti];
        t.cols.len() >= 2 && out.tables[ti].slots.iter().all(Option::is_none)
    };
    if !tpl.section_tables(2).any(|(ti, _)| wanted(out, ti)) {
        return;
    }
    let lines: Vec<Line> = li
        .lines(text, start, end)
        .filter_map(|(off, line)| {
            let t = line.trim();
            // A page's number (`— 4 —`, `P. 9`) or running header between a
            // column's numbers is no line of the table.
            let page = crate::parse::pages::is_page_marker(t) || li.is_running_header(t);
            (!t.is_empty() && !page).then(|| Line {
                off,
                t,
                cell: cell_line(off, line, t, li),
            })
        })
        .collect();
    let matcher = tpl.matcher(2);
    // What each line of text names (numbers name nothing).
    let named: Vec<Vec<Symbol>> = lines
        .iter()
        .map(|l| {
            if l.cell.is_some() {
                return Vec::new();
            }
            let hits = crate::parse::scan::scan(l.t, &matcher.patterns, &matcher.automaton);
            let mut s: Vec<Symbol> = hits
                .iter()
                .flat_map(|h| h.pattern.symbols.iter().copied())
                .collect();
            s.dedup();
            s
        })
        .collect();
    // Lines whose numbers an item read took (a later item's caption may stand
    // among them, and its heads after them).
    let mut taken = vec![false; lines.len()];
    for (ti, table) in tpl.section_tables(2) {
        if !wanted(out, ti) {
            continue;
        }
        if let Some((head, at, rows)) = read_item(ti, table, &lines, &named, &taken) {
            let nc = table.cols.len();
            let tr = &mut out.tables[ti];
            let slots: Vec<Slot> = at.iter().filter_map(|&i| lines[i].cell.clone()).collect();
            for &i in &at {
                taken[i] = true;
            }
            for (k, s) in slots.into_iter().enumerate() {
                // Down the columns: the k-th number is in row k mod m, column k div m.
                let (r, c) = (rows[k % rows.len()], k / rows.len());
                tr.slots[r * nc + c] = Some(s);
                tr.rows_seen[r] = true;
            }
            tr.seen = true;
            diags.push(Diag::note(
                li.line_of(lines[head].off),
                format!(
                    "item {}'s numbers stand after its row labels and all its column heads, one a line: read down its columns, {} number(s) a column (a converter that prints the row labels before the heads reads the table column by column, as pdfminer does)",
                    table.item,
                    rows.len()
                ),
            ));
        }
    }
}

/// Item `ti`'s cells when `lines` print it heads first and then down its
/// columns: the line of its first head, the lines of its cells in the order
/// printed, and the rows they fill, in the template's order. Lines `taken` by
/// an item read before may stand between its caption and its heads.
fn read_item(
    ti: usize,
    table: &crate::grammar::Table,
    lines: &[Line],
    named: &[Vec<Symbol>],
    taken: &[bool],
) -> Option<(usize, Vec<usize>, Vec<usize>)> {
    let nc = table.cols.len();
    let caption = |s: &Symbol| matches!(*s, Symbol::Caption { table } if table == ti);
    let mut captions = named
        .iter()
        .enumerate()
        .filter(|(_, s)| s.iter().any(caption));
    let (cap, _) = captions.next()?;
    if captions.next().is_some() {
        return None;
    }
    // The column line `i` names, when it names one column of this item and no row.
    let col_of = |i: usize| -> Option<usize> {
        let s = named.get(i)?;
        let mut cols = s.iter().filter_map(|s| match *s {
            Symbol::Col { table, col } if table == ti => Some(col),
            _ => None,
        });
        let c = cols.next()?;
        let row = s
            .iter()
            .any(|s| matches!(*s, Symbol::Row { table, .. } if table == ti));
        (cols.all(|o| o == c) && !row).then_some(c)
    };
    let mut head = cap + 1;
    let mut between = 0;
    while col_of(head) != Some(0) {
        let l = lines.get(head)?;
        if l.cell.is_some() && !taken[head] {
            return None;
        }
        if l.cell.is_none() {
            between += 1;
            if between > MAX_BETWEEN {
                return None;
            }
        }
        head += 1;
    }
    if !(0..nc).all(|c| col_of(head + c) == Some(c)) {
        return None;
    }
    // The rows printed: each named once, before the heads, in order.
    let mut seen: Vec<(usize, usize)> = Vec::new();
    for (i, s) in named.iter().enumerate() {
        for sym in s {
            if let Symbol::Row { table, row } = *sym {
                if table == ti && !seen.iter().any(|&(_, r)| r == row) {
                    seen.push((i, row));
                } else if table == ti {
                    return None;
                }
            }
        }
    }
    if seen.iter().any(|&(i, _)| i >= head) || !seen.windows(2).all(|w| w[0].1 < w[1].1) {
        return None;
    }
    let rows: Vec<usize> = seen.iter().map(|&(_, r)| r).collect();
    let required = table.required_rows();
    if !required.iter().all(|r| rows.contains(r)) {
        return None;
    }
    let m = rows.len();
    // The numbers: every line of one up to the next other text, passing over
    // another item's caption (pdfminer orders the next item's caption box
    // among a column's boxes: `0` / `1593` / `第二十条第（五）项` / `433` / …).
    let is_caption = |i: usize| named[i].iter().any(|s| matches!(s, Symbol::Caption { .. }));
    let mut at: Vec<usize> = Vec::new();
    let mut i = head + nc;
    while let Some(l) = lines.get(i) {
        if l.cell.is_some() && taken[i] {
            return None;
        } else if l.cell.is_some() {
            at.push(i);
        } else if !is_caption(i) {
            break;
        }
        i += 1;
    }
    if at.len() != m * nc {
        return None;
    }
    for (k, &i) in at.iter().enumerate() {
        let (l, s) = (&lines[i], lines[i].cell.as_ref()?);
        let col = &table.cols[k / m];
        let digits = l.t.bytes().filter(u8::is_ascii_digit).count();
        let signed = l.t.starts_with(['+', '-', '−', '－']) && s.state == State::Number;
        let fraction = s.value.is_some_and(|v| v.scale > 0);
        if digits > MAX_DIGITS || (signed && !col.signed) || (fraction && !col.is_money()) {
            return None;
        }
    }
    Some((head, at, rows))
}

#[cfg(test)]
mod tests {
    use crate::parse::report::parse_report;

    /// Section 二's cells as read from a report of `year` whose section 二 is
    /// `body`, `key → value` (a mark for none as `-`), the missing ones left out.
    fn read(year: u16, body: &str) -> Vec<(String, String)> {
        let text = format!(
            "某街道办事处{year}年政府信息公开工作年度报告\n一、总体情况\n本街道依法公开政府信息。\n二、主动公开政府信息情况\n{body}\n三、收到和处理政府信息公开申请情况\n五、存在的主要问题及改进情况\n无。\n"
        );
        let r = parse_report("t", text.as_bytes());
        r.keyed_cells()
            .into_iter()
            .filter(|(k, _)| k.starts_with("2/"))
            .filter_map(|(k, s)| {
                let s = s?;
                let v = match s.value {
                    Some(v) => v.to_string(),
                    None if s.state == crate::parse::template::State::Na => "-".into(),
                    None => return None,
                };
                Some((k, v))
            })
            .collect()
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(k, x)| (k.to_string(), x.to_string()))
            .collect()
    }

    /// The label column after the caption, then the heads, then the numbers
    /// down each column (a mark for none among them), as pdfminer prints a
    /// 2021 report's 20.1.
    #[test]
    fn labels_before_the_heads_read_down_the_columns() {
        let got = read(
            2023,
            "第二十条第（一）项\n信息内容\n规章\n行政规范性文件\n本年制发件数\n本年废止件数\n现行有效件数\n/\n2\n1957\n2007\n1916\n33\n第二十条第（五）项",
        );
        assert_eq!(
            got,
            pairs(&[
                ("2/20.1/regulation/issued", "-"),
                ("2/20.1/regulation/repealed", "1957"),
                ("2/20.1/regulation/in_force", "1916"),
                ("2/20.1/normative_doc/issued", "2"),
                ("2/20.1/normative_doc/repealed", "2007"),
                ("2/20.1/normative_doc/in_force", "33"),
            ])
        );
    }

    /// The 2019 form: every item's labels in one block before the first
    /// caption, then each item's caption, heads and numbers; a change printed
    /// with its sign lands in the column of changes.
    const BLOCK_2019: &str = "信息内容\n规章\n规范性文件\n信息内容\n行政许可\n其他对外管理服务事项\n信息内容\n行政处罚\n行政强制\n信息内容\n行政事业性收费\n";

    #[test]
    fn a_block_of_every_items_labels_before_the_captions_reads_each_item() {
        let body = format!(
            "{BLOCK_2019}第二十条第（一）项\n本年新制作数量\n本年新公开数量\n对外公开总数量\n2\n23\n2\n23\n17\n310\n第二十条第（五）项\n上一年项目数量\n本年增/减\n处理决定数量\n45\n12\n+3\n-2\n1268\n530\n第二十条第（八）项\n上一年项目数量\n本年增/减\n6\n-1"
        );
        assert_eq!(
            read(2020, &body),
            pairs(&[
                ("2/20.1/regulation/made", "2"),
                ("2/20.1/regulation/published", "2"),
                ("2/20.1/regulation/total_public", "17"),
                ("2/20.1/normative_doc/made", "23"),
                ("2/20.1/normative_doc/published", "23"),
                ("2/20.1/normative_doc/total_public", "310"),
                ("2/20.5/licensing/prev_year", "45"),
                ("2/20.5/licensing/change", "3"),
                ("2/20.5/licensing/decisions", "1268"),
                ("2/20.5/other_service/prev_year", "12"),
                ("2/20.5/other_service/change", "-2"),
                ("2/20.5/other_service/decisions", "530"),
                ("2/20.8/fees/prev_year", "6"),
                ("2/20.8/fees/change", "-1"),
            ])
        );
    }

    /// The next item's caption printed among an item's numbers (pdfminer's
    /// order of boxes): passed over, and that item's heads and numbers after.
    #[test]
    fn a_caption_among_the_numbers_is_passed_over() {
        let body = format!(
            "{BLOCK_2019}第二十条第（一）项\n本年新制作数量\n本年新公开数量\n对外公开总数量\n0\n1593\n第二十条第（五）项\n433\n0\n716\n0\n上一年项目数量\n本年增/减\n处理决定数量\n2961\n0\n第二十条第（六）项\n-6\n-18\n96251\n53398\n上一年项目数量\n本年增/减\n处理决定数量\n9\n0\n25\n9\n9967\n45\n第二十条第（八）项"
        );
        assert_eq!(
            read(2020, &body),
            pairs(&[
                ("2/20.1/regulation/made", "0"),
                ("2/20.1/regulation/published", "433"),
                ("2/20.1/regulation/total_public", "716"),
                ("2/20.1/normative_doc/made", "1593"),
                ("2/20.1/normative_doc/published", "0"),
                ("2/20.1/normative_doc/total_public", "0"),
                ("2/20.5/licensing/prev_year", "2961"),
                ("2/20.5/licensing/change", "-6"),
                ("2/20.5/licensing/decisions", "96251"),
                ("2/20.5/other_service/prev_year", "0"),
                ("2/20.5/other_service/change", "-18"),
                ("2/20.5/other_service/decisions", "53398"),
                ("2/20.6/penalty/prev_year", "9"),
                ("2/20.6/penalty/change", "25"),
                ("2/20.6/penalty/decisions", "9967"),
                ("2/20.6/coercion/prev_year", "0"),
                ("2/20.6/coercion/change", "9"),
                ("2/20.6/coercion/decisions", "45"),
            ])
        );
        // A page's number among them is no line of the table.
        let paged = body.replacen("\n433\n", "\n— 3 —\n433\n", 1);
        assert_eq!(read(2020, &paged), read(2020, &body));
        // The item before not read (a number short): the numbers before the
        // next item's heads are no one's, and that item is not read either.
        let short = body.replacen("\n716\n", "\n", 1);
        assert_eq!(
            read(2020, &short)
                .iter()
                .filter(|(k, _)| k.starts_with("2/20.1") || k.starts_with("2/20.5"))
                .count(),
            0
        );
    }

    /// What leaves an item unread: a signed number that would fall outside the
    /// column of changes (the order is then not the one assumed), a number of
    /// more than five digits, a number too many or too few, another text among
    /// the numbers, a row label after the heads.
    #[test]
    fn an_item_that_does_not_fit_the_form_is_not_read() {
        let item = |nums: &str| {
            format!(
                "{BLOCK_2019}第二十条第（五）项\n上一年项目数量\n本年增/减\n处理决定数量\n{nums}\n第二十条第（八）项"
            )
        };
        // Row by row, the signs stand second and fifth.
        assert_eq!(read(2020, &item("45\n+3\n1268\n12\n-2\n530")), pairs(&[]));
        assert_eq!(
            read(2020, &item("45\n12\n+3\n-2\n1268\n530123")),
            pairs(&[])
        );
        assert_eq!(
            read(2020, &item("45\n12\n+3\n-2\n1268\n530\n7")),
            pairs(&[])
        );
        assert_eq!(read(2020, &item("45\n12\n+3\n-2\n1268")), pairs(&[]));
        assert_eq!(
            read(2020, &item("45\n12\n+3\n第二十条\n-2\n1268\n530")),
            pairs(&[])
        );
        let after = "信息内容\n规章\n规范性文件\n第二十条第（一）项\n本年新制作数量\n本年新公开数量\n对外公开总数量\n规范性文件\n2\n23\n2\n23\n17\n310";
        assert_eq!(read(2020, after), pairs(&[]));
    }
}
