//! Lines that number a table's columns: never values.
//!
//! A form may print a row that numbers its columns (栏次: `1 2 3 4 5 6 7`), and a
//! table tool's frame prints its column numbers over the rows (`0 1 2 3 …`); OCR
//! may lose the frame's `0`, and then neither the frame reader nor anything else
//! knows the line. Read as values, its numbers fill a row. Numbers that count up
//! by one from 0 or 1, four or more of them (or five or more with one of the
//! count left out: OCR loses a thin `1`; or five or more from 2, OCR having lost
//! both `0` and `1`), alone on their line, never make a row
//! whose total is the sum of its other cells (nor a run of such rows), so the
//! line is taken for a numbering: the rows it filled are set aside, missing,
//! with a warning.

use crate::grammar::Template;
use crate::model::diag::Diag;
use crate::parse::lines::LineIndex;
use crate::parse::template::{State, Tables};

/// The fewest numbers a numbering line counts (a row of section 二 holds three
/// at most, and `1 2 3` is a plausible row).
const MIN_COUNT: usize = 4;

/// Sets aside the rows of section `n` whose numbers came from a line that
/// numbers columns (see the module's comment).
pub(crate) fn set_aside(
    text: &str,
    n: u8,
    tpl: &Template,
    li: &LineIndex,
    out: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    for (ti, table) in tpl.section_tables(n) {
        let nc = table.cols.len();
        // The lines the table's numbers stand on that count columns, each once.
        // Asked of every number read (most lines hold one, or a row with its
        // label): the first bytes of its line tell most of them apart, without
        // a list of lines to sort (that cost 2% of a report's parse).
        let mut found: Vec<(u32, &str)> = Vec::new();
        let mut last = 0u32;
        for s in out.tables[ti].slots.iter().flatten() {
            if s.state != State::Number || s.line == last {
                continue;
            }
            last = s.line;
            let a = li.start_of(s.line);
            let Some(rest) = text.get(a..) else {
                continue;
            };
            if !may_count_columns(rest) {
                continue;
            }
            let printed = &rest[..rest.find('\n').unwrap_or(rest.len())];
            if counts_columns(printed) && !found.iter().any(|&(l, _)| l == s.line) {
                found.push((s.line, printed));
                for (l, more) in counted_on(text, li, s.line, printed) {
                    if !found.iter().any(|&(x, _)| x == l) {
                        found.push((l, more));
                    }
                }
            }
        }
        for (line, printed) in found {
            let rows: Vec<usize> = (0..table.rows.len())
                .filter(|&r| {
                    out.tables[ti].slots[r * nc..(r + 1) * nc]
                        .iter()
                        .flatten()
                        .any(|s| s.line == line)
                })
                .collect();
            for &r in &rows {
                crate::parse::referee::set_row_aside(out, ti, r, nc, line, diags);
            }
            let keys: Vec<&str> = rows.iter().map(|&r| table.rows[r].key.as_str()).collect();
            diags.push(Diag::warning(
                line,
                format!(
                    "`{}` counts up column by column: a line numbering the columns (a form's 栏次 row, a table tool's column numbers), not values; row(s) {} reported missing",
                    printed.trim(),
                    keys.join(", ")
                ),
            ));
        }
    }
}

/// Whether `line` may be a numbering, told from its first bytes: it opens
/// (after spaces, TABs and a markdown table's pipes: a table tool's frame written
/// as markdown) with `0`, `1` or `2` (or a look-alike of them) and a space or TAB
/// after it. Asked of every line a table's numbers stand on (most hold one
/// number, or a row with its label), before the count itself.
fn may_count_columns(line: &str) -> bool {
    let b = line
        .trim_start_matches([' ', '\t', '\u{3000}', '|'])
        .as_bytes();
    // `〇` (E3 80 87): OCR's reading of a frame's `0`.
    if let [0xe3, 0x80, 0x87, b' ' | b'\t' | 0xe3, ..] = b {
        return true;
    }
    matches!(
        b.first(),
        Some(b'0' | b'1' | b'2' | b'O' | b'o' | b'l' | b'I')
    ) && matches!(b.get(1), Some(b' ' | b'\t' | 0xe3))
}

/// Whether `line` is nothing but whole numbers counting up by one from 0 or 1,
/// at least [`MIN_COUNT`] of them (one left out of five or more), or from 2, five
/// or more of them with none left out (the count's `0` and `1` lost), parted by
/// spaces or TABs (OCR's look-alikes of digits read as the digits they stand
/// for).
fn counts_columns(line: &str) -> bool {
    let from_two = |line: &str| {
        count_up(line, Some(2)).is_some_and(|(count, _, skipped)| count > MIN_COUNT && !skipped)
    };
    count_up(line, None)
        .is_some_and(|(count, _, skipped)| count >= MIN_COUNT && (!skipped || count > MIN_COUNT))
        || from_two(line)
}

/// The numbers of `line` counting up by one, from 0 or 1 (`from` `None`) or
/// from `from`, one of them left out at most: (how many, the next number the
/// count would print, whether one was left out); `None` when the line holds
/// anything else.
fn count_up(line: &str, from: Option<u32>) -> Option<(usize, u32, bool)> {
    let mut next = from;
    let mut count = 0;
    // One number of the count lost (OCR drops a thin `1`), counted from five:
    // five or more numbers counting up with one left out still never make a row
    // whose last is the sum of the others.
    let mut skipped = false;
    for w in line
        .split([' ', '\t', '\u{3000}', '\r', '\n', '|'])
        .filter(|w| !w.is_empty())
    {
        // A number OCR printed with look-alikes (`B` for 8, `I1` for 11) counts
        // as the number it spells.
        let spelled = || {
            crate::parse::lookalike::spelled(w)
                .filter(|(_, unit)| unit.is_none())
                .and_then(|(v, _)| v.as_int())
                .and_then(|n| u32::try_from(n).ok())
        };
        let v = w.parse::<u32>().ok().or_else(spelled)?;
        if w.len() > 1 && w.starts_with('0') {
            return None;
        }
        match next {
            None if v <= 1 => {}
            Some(want) if v == want => {}
            Some(want) if v == want + 1 && !skipped => skipped = true,
            _ => return None,
        }
        next = Some(v + 1);
        count += 1;
    }
    Some((count, next?, skipped))
}

/// The lines after a numbering at line `line` that go on with its count (a
/// frame too wide for its lines wraps its column numbers: `0 … 6` / `7 … 13` /
/// `14`), as (line, text).
fn counted_on<'t>(text: &'t str, li: &LineIndex, line: u32, printed: &str) -> Vec<(u32, &'t str)> {
    let mut out = Vec::new();
    let Some((_, mut next, _)) = count_up(printed, None).or_else(|| count_up(printed, Some(2)))
    else {
        return out;
    };
    let mut l = line + 1;
    loop {
        let a = li.start_of(l);
        let Some(rest) = text.get(a..) else {
            break;
        };
        let here = &rest[..rest.find('\n').unwrap_or(rest.len())];
        match count_up(here, Some(next)) {
            Some((n, after, false)) if n > 0 => {
                out.push((l, here));
                next = after;
            }
            _ => break,
        }
        l += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{counted_on, counts_columns, may_count_columns};
    use crate::parse::lines::LineIndex;

    /// A numbering a frame too wide for its lines wraps goes on over the lines
    /// after it, as long as they count on.
    #[test]
    fn a_wrapped_numbering_goes_on_below() {
        let text = "o  1  2  3  4  S  6\n7  8  9  10  I1  1Z  13\n14\n0  0  0\n";
        let li = LineIndex::new(text);
        let got: Vec<u32> = counted_on(text, &li, 1, "o  1  2  3  4  S  6")
            .into_iter()
            .map(|(l, _)| l)
            .collect();
        assert_eq!(got, vec![2, 3]);
    }

    #[test]
    fn lines_that_count_columns() {
        assert!(counts_columns("  1  2  3  4  5  6  7"));
        assert!(counts_columns("0\t1\t2\t3\r\n"));
        assert!(counts_columns("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15"));
        // OCR's look-alikes spell the numbers they stand for.
        assert!(counts_columns(
            "  1  2  3  4  5  6  7  B  9  10  I1  12  13  14  15"
        ));
        assert!(!counts_columns("1 2 3 4 5 6 7 B 11"));
        // One number lost from five or more: `0 2 3 4 5 6 7`; not from four.
        assert!(counts_columns("0  2  3  4  5  6   7"));
        // A frame's column numbers, OCR's `〇` for 0, `l4` for 14, the 1 lost.
        let frame = "      〇  2  3  4  5  6  7  8  9  10  11  12  13  l4  15";
        assert!(may_count_columns(frame) && counts_columns(frame));
        assert!(!counts_columns("0 2 3 4"));
        assert!(!counts_columns("0 2 3 5 6"));
        // Too few, not from 0 or 1, a gap, text, a leading zero.
        assert!(!counts_columns("1 2 3"));
        assert!(!counts_columns("2 3 4 5"));
        // From 2 (the count's 0 and 1 lost), five or more, none left out.
        assert!(counts_columns("  2  3  4  5  6    7"));
        assert!(!counts_columns("2 3 4 6 7 8"));
        assert!(!counts_columns("3 4 5 6 7 8"));
        assert!(!counts_columns("1 2 4 5"));
        assert!(!counts_columns("规章 1 2 3 4"));
        assert!(!counts_columns("0 1 02 3"));
        // A frame written as a markdown table: its index column's head is empty.
        assert!(counts_columns(
            "|    | o | 1 | 2 | 3 | 4 | 5 | 6 | 7 | B | 9 |"
        ));
        assert!(super::may_count_columns("|    | o | 1 | 2 |"));
        assert!(!counts_columns("| 规章 | 1 | 2 | 3 | 4 |"));
        assert!(!counts_columns(""));
    }
}
