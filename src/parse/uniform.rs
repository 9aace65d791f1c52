//! Blocks of row labels over numbers that are all alike.
//!
//! A converter that prints a block of row labels and then their numbers (OCR a
//! box a line, pdfminer's column boxes, a crawler's text of such a page) leaves
//! the numbers' order open: down the columns or along the rows. Neither reader
//! places them then, and the rows stay missing. But where every number of the
//! block is the same (most often all `0`: many offices receive no request of a
//! kind), the order does not matter: when the numbers are exactly as many as the
//! rows' cells, each of those cells holds that number whichever way they run.
//!
//! Such a block is read only when it is certain: the labels name rows of one
//! table, each once, on lines with no digit after the label's first character;
//! between and after them stands nothing but text that names
//! nothing (a wrapped label's piece, or a label misread, whose row's numbers
//! would then be counted in and break the count); the numbers follow right after,
//! on lines that hold nothing else, all plain numbers with one value, exactly the
//! rows' cells in count, and the line after them holds no digit (a number in
//! markup, `&nbsp;2154`, may be one more of theirs); every one of those rows is
//! unread, and no cell read elsewhere came from those lines.

use crate::grammar::{Symbol, Template};
use crate::model::diag::Diag;
use crate::model::value::{parse_cell, CellValue, Decimal, Unit};
use crate::parse::lines::LineIndex;
use crate::parse::template::{Slot, State, Tables};

/// What one line of the region is to a block.
enum Line {
    /// Names exactly one row: (table, row).
    Label(usize, usize),
    /// Nothing but numbers (and the spaces between them).
    Numbers,
    /// Text that names nothing of the section.
    Unknown,
    /// Anything else (a caption, a header, a group, text that names several
    /// rows, numbers beside text).
    Other,
}

/// One number of a block: its value, unit, byte range and line.
type Num = (Decimal, Option<Unit>, (usize, usize), u32);

/// A block being gathered: its rows, then its numbers.
#[derive(Default)]
struct Block {
    rows: Vec<(usize, usize)>,
    first_label: u32,
    /// (value, unit, byte range, line) of each number, in printed order.
    nums: Vec<Num>,
    /// Whether a number other than a plain count or amount stood among them.
    spoilt: bool,
}

/// Fills the rows of section `n` that stand in a block of labels over numbers
/// that are all alike (see the module's comment).
#[allow(clippy::too_many_arguments)]
pub(crate) fn fill(
    text: &str,
    start: usize,
    end: usize,
    n: u8,
    tpl: &Template,
    li: &LineIndex,
    out: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    let unread = |out: &Tables, ti: usize, r: usize| {
        let nc = tpl.tables[ti].cols.len();
        out.tables[ti].slots[r * nc..(r + 1) * nc]
            .iter()
            .all(Option::is_none)
    };
    // Nothing to do where every row of the section that every report prints was
    // read (a stand-in row, printed by some reports only, is no reason to look:
    // the look at every line cost 3% of a report's parse).
    let any_unread = tpl
        .section_tables(n)
        .any(|(ti, t)| (0..t.rows.len()).any(|r| !t.rows[r].optional && unread(out, ti, r)));
    if !any_unread {
        return;
    }
    let matcher = tpl.matcher(n);
    let mut blocks: Vec<Block> = Vec::new();
    let mut cur = Block::default();
    let close = |cur: &mut Block, blocks: &mut Vec<Block>| {
        let b = std::mem::take(cur);
        if !b.rows.is_empty() && !b.nums.is_empty() {
            blocks.push(b);
        }
    };
    for (off, line) in li.lines(text, start, end) {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let mut words = t
            .split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty());
        let kind = if words.clone().all(plain_number) {
            Line::Numbers
        } else if words.any(|w| matches!(parse_cell(w), CellValue::Number(..))) {
            // Numbers beside a label or text: a row of its own, no block's.
            Line::Other
        } else {
            let hits = crate::parse::scan::scan(t, &matcher.patterns, &matcher.automaton);
            let mut rows: Vec<(usize, usize)> = hits
                .iter()
                .flat_map(|h| h.pattern.symbols.iter())
                .filter_map(|s| match *s {
                    Symbol::Row { table, row } if tpl.tables[table].section() == n => {
                        Some((table, row))
                    }
                    _ => None,
                })
                .collect();
            rows.sort_unstable();
            rows.dedup();
            // A column's word (`其他`, `总计`) names a row of some table too.
            let frame = hits.iter().flat_map(|h| h.pattern.symbols.iter()).any(|s| {
                matches!(
                    s,
                    Symbol::Col { .. } | Symbol::Header { .. } | Symbol::Caption { .. }
                )
            });
            // A digit after the label's first character (`行政强制 | 2<br>**`: a
            // number in markup beside it) may be a number of the row.
            let digit_after = t
                .find(|c: char| !c.is_ascii() && c.is_alphabetic())
                .is_some_and(|i| t[i..].bytes().any(|b| b.is_ascii_digit()));
            match rows.as_slice() {
                [(ti, r)] if !frame && !digit_after => Line::Label(*ti, *r),
                [] if hits.is_empty() && !t.chars().any(|c| c.is_ascii_digit()) => Line::Unknown,
                _ => Line::Other,
            }
        };
        let ln = li.line_of(off);
        match kind {
            Line::Label(ti, r) => {
                if !cur.nums.is_empty() {
                    close(&mut cur, &mut blocks);
                }
                if cur.rows.is_empty() {
                    cur.first_label = ln;
                }
                cur.rows.push((ti, r));
            }
            Line::Numbers if !cur.rows.is_empty() => {
                let base = off + (t.as_ptr() as usize - line.as_ptr() as usize);
                for w in t
                    .split(|c: char| c.is_whitespace())
                    .filter(|w| !w.is_empty())
                {
                    let at = base + (w.as_ptr() as usize - t.as_ptr() as usize);
                    match parse_cell(w) {
                        CellValue::Number(d, unit) => {
                            cur.nums.push((d, unit, (at, at + w.len()), ln))
                        }
                        _ => cur.spoilt = true,
                    }
                }
            }
            // A piece of a wrapped label, or a label misread, among the labels.
            Line::Unknown if !cur.rows.is_empty() && cur.nums.is_empty() => {}
            // Digits right after the numbers (`&nbsp;2154`, `3 / 8`, `1O5`): the
            // numbers may go on there, and then the count says nothing.
            Line::Other if !cur.nums.is_empty() && t.chars().any(|c| c.is_numeric()) => {
                cur = Block::default();
            }
            _ => {
                close(&mut cur, &mut blocks);
            }
        }
    }
    close(&mut cur, &mut blocks);
    for b in blocks {
        let (ti, _) = b.rows[0];
        let table = &tpl.tables[ti];
        let nc = table.cols.len();
        let mut rows: Vec<usize> = b.rows.iter().map(|&(_, r)| r).collect();
        rows.sort_unstable();
        rows.dedup();
        let (v, unit, _, first_line) = b.nums[0];
        let alike = b
            .nums
            .iter()
            .all(|&(d, u, _, _)| d == v && u == unit && d.mantissa >= 0);
        let fits = !b.spoilt
            && alike
            && rows.len() == b.rows.len()
            && b.rows.iter().all(|&(t, _)| t == ti)
            && b.nums.len() == rows.len() * nc
            && rows.iter().all(|&r| unread(out, ti, r));
        if !fits {
            continue;
        }
        let last_line = b.nums[b.nums.len() - 1].3;
        let used = tpl.section_tables(n).any(|(tj, _)| {
            out.tables[tj]
                .slots
                .iter()
                .flatten()
                .any(|s| (first_line..=last_line).contains(&s.line))
        });
        if used {
            continue;
        }
        let tr = &mut out.tables[ti];
        for (k, &r) in b.rows.iter().map(|(_, r)| r).enumerate() {
            for c in 0..nc {
                let (d, u, raw, line) = b.nums[k * nc + c];
                tr.slots[r * nc + c] = Some(Slot {
                    state: State::Number,
                    value: Some(d),
                    unit: u,
                    raw,
                    line,
                });
            }
            tr.rows_seen[r] = true;
        }
        tr.seen = true;
        let keys: Vec<&str> = b
            .rows
            .iter()
            .map(|&(_, r)| table.rows[r].key.as_str())
            .collect();
        diags.push(Diag::note(
            first_line,
            format!(
                "the {} numbers under the labels of {} (from line {}) are all `{v}`: whichever way they run, down the columns or along the rows, each of those rows' cells holds it",
                b.nums.len(),
                keys.join(", "),
                b.first_label
            ),
        ));
    }
}

/// A number printed plainly: ASCII digits, with a decimal point or thousands
/// commas, no leading zero (`068` is digits of cells run together), no markup.
fn plain_number(w: &str) -> bool {
    let b = w.as_bytes();
    b.first().is_some_and(u8::is_ascii_digit)
        && b.iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b','))
        && !(b.len() > 1 && b[0] == b'0' && b[1] != b'.')
        && matches!(parse_cell(w), CellValue::Number(..))
}

#[cfg(test)]
mod tests {
    use crate::parse::report::parse_report;

    /// Section 三's first rows of a 2021 report printed as a block of labels over
    /// `numbers`; the section's cells as read, `key → value`.
    fn read(numbers: &str) -> Vec<(String, String)> {
        let text = format!(
            "某街道办事处2023年政府信息公开工作年度报告\n一、总体情况\n本街道依法公开政府信息。\n三、收到和处理政府信息公开申请情况\n申请人情况\n一、本年新收政府信息公开申请数量\n二、上年结转政府信息公开申请数量\n{numbers}三、本年度办理结果\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n无。\n"
        );
        let r = parse_report("t", text.as_bytes());
        r.keyed_cells()
            .into_iter()
            .filter(|(k, _)| k.starts_with("3/"))
            .filter_map(|(k, s)| s.and_then(|s| s.value).map(|v| (k, v.to_string())))
            .collect()
    }

    #[test]
    fn a_block_of_zeros_fills_its_rows_whichever_way_it_runs() {
        let got = read(&"0  0\n".repeat(7));
        let mut want: Vec<(String, String)> = ["new", "carried_in"]
            .iter()
            .flat_map(|r| {
                crate::parse::table_three::COLS
                    .iter()
                    .map(move |c| (format!("3/{r}/{c}"), "0".to_string()))
            })
            .collect();
        want.sort();
        let mut got = got;
        got.sort();
        assert_eq!(got, want);
    }

    /// Numbers that differ, a count one short or one over, or a mark among them:
    /// which number is whose is a guess, and nothing is read.
    #[test]
    fn a_block_not_all_alike_or_not_whole_is_not_read() {
        // Down the columns or along the rows, row new holds seven zeros here
        // (only the last number differs): that row is certain; carried_in fails
        // its sum and stays missing.
        let mut one = "0  0\n".repeat(6);
        one.push_str("0  1\n");
        let mut new: Vec<(String, String)> = crate::parse::table_three::COLS
            .iter()
            .map(|c| (format!("3/new/{c}"), "0".to_string()))
            .collect();
        new.sort();
        let mut got = read(&one);
        got.sort();
        assert_eq!(got, new);
        let mut one = "0  0\n".repeat(6);
        one.push_str("1  0\n");
        assert_eq!(read(&one), Vec::new());
        assert_eq!(read(&format!("{}0\n", "0  0\n".repeat(6))), Vec::new());
        assert_eq!(read(&format!("{}0\n", "0  0\n".repeat(7))), Vec::new());
        // A mark last: along the rows or down the columns it is carried_in's
        // total, every other cell 0 either way.
        let mut got = read(&format!("{}0  -\n", "0  0\n".repeat(6)));
        got.sort();
        let mut want = new.clone();
        want.extend(
            crate::parse::table_three::COLS[..6]
                .iter()
                .map(|c| (format!("3/carried_in/{c}"), "0".to_string())),
        );
        want.sort();
        assert_eq!(got, want);
        // A number in markup after them: the block may go on there.
        assert_eq!(
            read(&format!("{}&nbsp;0\n", "0  0\n".repeat(7))),
            Vec::new()
        );
        // `00`: digits of cells run together, no plain number.
        assert_eq!(read(&format!("{}0  00\n", "0  0\n".repeat(6))), Vec::new());
        assert_eq!(read(&format!("{}0  00\n", "0  0\n".repeat(6))), Vec::new());
    }
}
