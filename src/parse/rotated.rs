//! Section 三 printed with its rows and columns swapped: a line per applicant type
//! (`自然人⇥705⇥36⇥…`, `| 商业企业 | 12 | 0 | … |`), its numbers the template's
//! rows in their order, the rows' labels across the top.
//!
//! A language model or a table tool that rotates the wide table writes it so. The
//! per-layout and stream readers read rows, and set such lines aside (a column's
//! word before numbers: see the stream reader's warning). Here each line that
//! opens with one column's word, and holds nothing after it but numbers and marks
//! of empty cells (on it and on the lines after it that hold nothing else, a wrap),
//! gives that column's cells, in the template's row order, when it holds exactly
//! as many as the template has rows. The reading is taken only when every column
//! is given so and every identity of the section holds on it: the order of the
//! rows is then the one the report's own arithmetic shows.

use crate::grammar::{Symbol, Template};
use crate::model::value::CellValue;
use crate::parse::lines::LineIndex;
use crate::parse::template::{Slot, State};
use crate::parse::tokens::{tokenize, LineKind, TokKind};

/// Section `n`'s table (section 三, its only one) read from lines that each give
/// one column: the table and its cells, row-major; `None` unless every column is.
pub(crate) fn read(
    text: &str,
    start: usize,
    end: usize,
    n: u8,
    tpl: &Template,
    li: &LineIndex,
) -> Option<Reading> {
    if n != 3 {
        return None;
    }
    let (ti, table) = tpl.sole_table(n)?;
    let nc = table.cols.len();
    // The rows every report of the template prints, in order; and the rows of a
    // report that prints a stand-in row in place of the rows it replaces (the 2019
    // `（六）其他处理` in a 2021 table), when the template has one.
    let rows = table.required_rows();
    let stood_in: Vec<usize> = (0..table.rows.len())
        .filter(|&r| {
            let row = &table.rows[r];
            !row.replaces.is_empty() || !row.optional && row.replaced_by.is_none()
        })
        .collect();
    // Cheap first: a rotated table has a line that opens with `自然人` and goes on
    // with cells (a report whose reading fell short for any other reason is not
    // tokenized again).
    let region = text.get(start..end)?;
    let opens = region.lines().any(|l| {
        l.trim_start_matches(['|', ' ', '\t'])
            .strip_prefix("自然人")
            .is_some_and(|rest| {
                rest.split(['\t', '|', ' '])
                    .filter(|c| !c.is_empty())
                    .nth(4)
                    .is_some()
            })
    });
    if !opens {
        return None;
    }
    let matcher = tpl.matcher(n);
    let toks = tokenize(text, start, end, li);
    let mut slots: Vec<Option<Slot>> = vec![None; table.rows.len() * nc];
    let mut given = vec![false; nc];
    // The order of rows the lines follow (all of them the same).
    let mut order_of: Option<Vec<usize>> = None;
    // The rows the table prints across its top, when a line names them (the
    // corner's words, then a row's label a cell): what each column line's numbers
    // are, whatever the template's order.
    let mut header: Option<Vec<Option<usize>>> = None;
    // Whether every column line's numbers took their rows from such a header.
    let mut named = true;
    let mut k = 0;
    while k < toks.lines.len() {
        let l = &toks.lines[k];
        k += 1;
        let line_toks = toks.of(l);
        let Some((first, rest)) = line_toks.split_first() else {
            continue;
        };
        if l.kind == LineKind::Page || first.kind != TokKind::Text {
            continue;
        }
        let Some(c) = column_of(first.raw, matcher, ti) else {
            if order_of.is_none() {
                if let Some(h) = header_rows(line_toks, matcher, ti) {
                    header = Some(h);
                }
            }
            continue;
        };
        let value = |t: &&crate::parse::tokens::Token| matches!(t.kind, TokKind::Value(v) if v != CellValue::Blank);
        if !rest.iter().all(|t| value(&t)) {
            continue;
        }
        let mut vals: Vec<(&crate::parse::tokens::Token, u32)> =
            rest.iter().map(|t| (t, l.line)).collect();
        // A wrap: lines of nothing but numbers go on with the column.
        while let Some(next) = toks.lines.get(k) {
            let nt = toks.of(next);
            if next.kind == LineKind::Page {
                k += 1;
                continue;
            }
            if nt.is_empty() || !nt.iter().all(|t| value(&t)) {
                break;
            }
            vals.extend(nt.iter().map(|t| (t, next.line)));
            k += 1;
        }
        if vals.is_empty() {
            // A column's word in a header: no column's numbers.
            continue;
        }
        let printed: Vec<usize>;
        named &= header
            .as_ref()
            .is_some_and(|h| h.len() == vals.len() && h.iter().all(Option::is_some));
        let order = match &header {
            // A header that names every row: its order is the numbers' order.
            Some(h) if h.len() == vals.len() && h.iter().all(Option::is_some) => {
                printed = h.iter().flatten().copied().collect();
                &printed
            }
            // One whose names do not all read: it must not name a row in
            // another place than the template's order puts it, nor print another
            // number of rows (a table that leaves rows out prints its numbers in
            // other places: read in the template's order, with most cells empty or
            // 0, the identities would not show it).
            Some(h) => {
                let template = if vals.len() == rows.len() {
                    &rows
                } else {
                    &stood_in
                };
                if h.len() != vals.len()
                    || h.iter()
                        .zip(template)
                        .any(|(named, r)| named.is_some_and(|n| n != *r))
                {
                    return None;
                }
                template
            }
            None if vals.len() == rows.len() => &rows,
            None if vals.len() == stood_in.len() && stood_in.len() != rows.len() => &stood_in,
            None => return None,
        };
        if order.len() != vals.len() {
            return None;
        }
        if given[c] || order_of.as_ref().is_some_and(|o| o != order) {
            return None;
        }
        order_of = Some(order.clone());
        given[c] = true;
        for (&r, (t, line)) in order.iter().zip(vals) {
            let (state, value, unit) = match t.kind {
                TokKind::Value(CellValue::Number(v, u)) => (State::Number, Some(v), u),
                // `1O5`, `〇`: digits OCR printed as letters, unresolved in their
                // place (as the other readers leave them), not a mark.
                TokKind::Value(CellValue::Na) if crate::model::value::unknown_cell(t.raw) => {
                    (State::Unresolved, None, None)
                }
                TokKind::Value(CellValue::Na) => (State::Na, None, None),
                _ => return None,
            };
            slots[r * nc + c] = Some(Slot {
                state,
                value,
                unit,
                raw: (t.offset, t.offset + t.raw.len()),
                line,
            });
        }
    }
    let order = order_of?;
    given.iter().all(|&g| g).then_some(Reading {
        table: ti,
        slots,
        rows: order,
        named,
    })
}

/// The rows a header line of a rotated table names, a cell each after the
/// corner's words (`申请人情况`), `None` for a cell that names no row or several;
/// `None` unless five cells or more name a row and no cell is a number.
fn header_rows(
    toks: &[crate::parse::tokens::Token],
    matcher: &crate::grammar::SectionMatcher,
    ti: usize,
) -> Option<Vec<Option<usize>>> {
    if toks.iter().any(|t| t.kind != TokKind::Text) {
        return None;
    }
    let row_of = |raw: &str| {
        named_once(raw.trim(), matcher, |s| match *s {
            Symbol::Row { table, row } if table == ti => Some(row),
            _ => None,
        })
    };
    let mut named: Vec<Option<usize>> = toks.iter().map(|t| row_of(t.raw)).collect();
    // The corner's words name no row.
    if named.first().is_some_and(Option::is_none) {
        named.remove(0);
    }
    (named.iter().flatten().count() >= 5).then_some(named)
}

/// A rotated section 三 read: its table, cells (row-major) and the rows printed.
pub(crate) struct Reading {
    pub table: usize,
    pub slots: Vec<Option<Slot>>,
    pub rows: Vec<usize>,
    /// Every column's numbers took their rows from a header naming each of them
    /// (the labels, not the arithmetic, settle the order).
    pub named: bool,
}

/// The column of table `ti` that `raw` names, when it names one column and no row
/// but the total (`总计` names both the total column and the row （七）总计).
fn column_of(raw: &str, matcher: &crate::grammar::SectionMatcher, ti: usize) -> Option<usize> {
    let t = raw.trim().trim_matches(['*', '_', ' ']);
    if t.is_empty() || t.chars().count() > 12 {
        return None;
    }
    named_once(t, matcher, |s| match *s {
        Symbol::Col { table, col } if table == ti => Some(col),
        _ => None,
    })
}

/// The one index `pick` takes from the symbols of the labels `text` holds;
/// `None` when it takes none, or two different ones.
fn named_once(
    text: &str,
    matcher: &crate::grammar::SectionMatcher,
    pick: impl Fn(&Symbol) -> Option<usize>,
) -> Option<usize> {
    let hits = crate::parse::scan::scan(text, &matcher.patterns, &matcher.automaton);
    let mut found = None;
    for s in hits.iter().flat_map(|h| h.pattern.symbols.iter()) {
        if let Some(i) = pick(s) {
            if found.is_some_and(|x| x != i) {
                return None;
            }
            found = Some(i);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines of `自然人` … `总计`, each with `n` numbers (the row's index, so the
    /// columns differ only in their word).
    fn rotated(n: usize) -> String {
        let words = [
            "自然人",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            "总计",
        ];
        let mut t = String::from("申请人情况\n自然人\n");
        for w in words {
            let v: Vec<String> = (0..n).map(|k| k.to_string()).collect();
            t.push_str(&format!("{w}\t{}\n", v.join("\t")));
        }
        t
    }

    #[test]
    fn each_line_is_its_column_in_the_templates_order_of_rows() {
        let tpl = crate::grammar::template("2019").expect("template");
        let text = rotated(23);
        let li = LineIndex::new(&text);
        let r = read(&text, 0, text.len(), 3, tpl, &li).expect("read");
        let nc = tpl.tables[r.table].cols.len();
        assert_eq!(r.rows.len(), 23);
        // Row k holds k in every column; the lone `自然人` of the header is no column.
        for (k, &row) in r.rows.iter().enumerate() {
            for c in 0..nc {
                let s = r.slots[row * nc + c].as_ref().expect("cell");
                assert_eq!(s.value.map(|v| v.to_string()), Some(k.to_string()));
                assert_eq!(s.line, 3 + c as u32);
            }
        }
        // A line of another count, or a column given twice: nothing is read.
        let short = rotated(22);
        let li2 = LineIndex::new(&short);
        assert!(read(&short, 0, short.len(), 3, tpl, &li2).is_none());
        let twice = format!("{text}总计\t{}\n", vec!["0"; 23].join("\t"));
        let li3 = LineIndex::new(&twice);
        assert!(read(&twice, 0, twice.len(), 3, tpl, &li3).is_none());
        // Section 二 and 四 are never read so.
        assert!(read(&text, 0, text.len(), 4, tpl, &li).is_none());
    }

    /// A header that names the rows across the top gives their order; one that
    /// names a row where the template's order does not put it, with a name that
    /// does not read, leaves the section unread.
    #[test]
    fn a_header_of_row_labels_gives_the_order() {
        let tpl = crate::grammar::template("2019").expect("template");
        let (ti, table) = tpl.sole_table(3).expect("table");
        let rows = table.required_rows();
        // The template's rows with the first two swapped.
        let mut printed = rows.clone();
        printed.swap(0, 1);
        let labels: Vec<&str> = printed
            .iter()
            .map(|&r| table.rows[r].label.as_str())
            .collect();
        let body = rotated(rows.len());
        let body = body.strip_prefix("申请人情况\n自然人\n").expect("body");
        let text = format!("申请人情况\t{}\n{body}", labels.join("\t"));
        let li = LineIndex::new(&text);
        let r = read(&text, 0, text.len(), 3, tpl, &li).expect("read");
        assert_eq!(r.table, ti);
        assert_eq!(r.rows, printed);
        let nc = table.cols.len();
        // The first numbers (0) are the second row's: the header says so.
        let first = r.slots[printed[0] * nc].as_ref().expect("cell");
        assert_eq!(first.value.map(|v| v.to_string()), Some("0".to_string()));
        assert_eq!(printed[0], rows[1]);
        // One name unread (`某某`), another in the wrong place: not read.
        let mut names = labels.clone();
        names[5] = "某某某某";
        let text = format!("申请人情况\t{}\n{body}", names.join("\t"));
        let li = LineIndex::new(&text);
        assert!(read(&text, 0, text.len(), 3, tpl, &li).is_none());
    }
}
