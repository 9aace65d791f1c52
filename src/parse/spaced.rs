//! Two cells side by side that may be one number printed in groups of digits
//! (`53 398`): where the report prints other numbers so, and a cell was lost or
//! moved in the row, the row's count of cells fits the wrong reading.

use crate::grammar::{Per, Template};
use crate::model::diag::Diag;
use crate::model::tables::{Axis, State, Tables};
use crate::parse::align::joins::{is_group_space, last_group};

/// The fewest lines of numbers read, each one number but one line two, for a
/// text to be taken as printing its cells one a line.
const LONE_LINES: usize = 10;

/// Whether `raw` is a number's head group: one to three digits, not `0`-led.
fn head_group(raw: &str) -> bool {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let n = raw.chars().count();
    (1..=3).contains(&n) && raw.chars().all(digit) && !raw.starts_with(['0', '０'])
}

/// The raw text of the first number read whole that is printed in groups parted
/// by a space (`1 593`, `１ ５９３`), with that space and its line: the report's
/// sign that it groups digits so.
fn grouped_number<'t>(text: &'t str, tables: &Tables) -> Option<(&'t str, &'t str, u32)> {
    tables
        .tables
        .iter()
        .flat_map(|t| t.slots.iter().flatten())
        .find_map(|s| {
            // Most numbers are short and hold no space: told by their length first.
            if s.state != State::Number || s.raw.1 - s.raw.0 < 5 {
                return None;
            }
            let raw = text.get(s.raw.0..s.raw.1)?.trim();
            let (head, tail) =
                raw.split_once(|c: char| is_group_space(c.encode_utf8(&mut [0; 4])))?;
            let space = &raw[head.len()..raw.len() - tail.len()];
            // Every group after the head: three digits (the last one may carry a
            // decimal part or a unit).
            let mut groups = tail.split(|c: char| is_group_space(c.encode_utf8(&mut [0; 4])));
            let last = groups.next_back()?;
            (head_group(head)
                && groups.all(|g| g.chars().count() == 3 && last_group(g))
                && last_group(last))
            .then_some((raw, space, s.line))
        })
}

/// Two numbers read as two cells, a single space apart on one line, the first one
/// to three digits, the second a group of three (`53 398`), in a report that prints
/// another number in such groups: 53398 with a cell lost or moved elsewhere, or 53
/// and 398, the text does not tell. (Without such a number, the pair counts
/// only where the line parts its cells by wider spaces, or is the one line of
/// a text of one cell a line that holds two numbers.) Unless the rows of both cells hold an identity
/// as read, every row of their tables that holds none is `unresolved`, with a
/// warning.
pub(crate) fn set_aside_spaced_pairs(
    text: &str,
    tpl: &Template,
    tables: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    let sign = grouped_number(text, tables);
    let bytes = text.as_bytes();
    // Without a number printed in groups, only a single space may part a pair,
    // a digit or an emphasis mark before it: told by two bytes before anything
    // else is asked (most numbers have neither).
    let after_single_space = |at: usize| {
        at >= 2
            && bytes[at - 1] == b' '
            && (bytes[at - 2].is_ascii_digit() || matches!(bytes[at - 2], b'*' | b'_'))
    };
    if sign.is_none()
        && !tables
            .tables
            .iter()
            .flat_map(|t| t.slots.iter().flatten())
            .any(|s| s.state == State::Number && after_single_space(s.raw.0))
    {
        return;
    }
    // Every number read, in the order printed: (start, end, line, table, slot).
    let mut numbers: Vec<(usize, usize, u32, usize, usize)> = Vec::new();
    for (ti, read) in tables.tables.iter().enumerate() {
        for (k, s) in read.slots.iter().enumerate() {
            if let Some(s) = s.as_ref().filter(|s| s.state == State::Number) {
                numbers.push((s.raw.0, s.raw.1, s.line, ti, k));
            }
        }
    }
    numbers.sort_unstable();
    // A text that prints its cells one a line (docx2txt, a crawler's one cell
    // a line) has one line at most with two numbers read: the pair's own.
    let lone_pair = {
        let mut lines: Vec<u32> = numbers.iter().map(|x| x.2).collect();
        lines.sort_unstable();
        let all = lines.len();
        lines.dedup();
        all == lines.len() + 1 && lines.len() >= LONE_LINES
    };
    let raw = |a: usize, b: usize| text.get(a..b).unwrap_or("").trim();
    let holds = |tables: &Tables, ti: usize, r: usize| row_holds(tpl, tables, ti, r);
    // The pairs in doubt (one of their rows holds no identity as read), once for
    // each table they touch: a table may hold several (`0 433 716` and `1 593 0`
    // in two rows of one table).
    #[allow(clippy::type_complexity)]
    let mut doubtful: Vec<(usize, (usize, Option<usize>, (usize, usize)))> = Vec::new();
    for (j, &b) in numbers.iter().enumerate() {
        if sign.is_none() && !after_single_space(b.0) {
            continue;
        }
        if !last_group(raw(b.0, b.1)) {
            continue;
        }
        // The space the report groups digits with: that of a number it prints
        // in groups, or a single space on a line that parts its cells by wider
        // runs of spaces (`规范性文件   2 842   13`).
        let space = sign.map_or(" ", |(_, space, _)| space);
        // The head group before it: a number read (parted by the space the
        // report groups digits with: a report that groups them with a no-break
        // space and parts cells with a plain one tells the two apart; emphasis
        // marks around a group, `_89_ 396.15`, stand outside the numbers read),
        // or digits no reading kept (`其他对外管理服务 2 436 35` / `事项 0`: two
        // readings disagreed on the 2, and both read 436 and 35 after it).
        let a = j.checked_sub(1).map(|i| (i, numbers[i])).filter(|&(_, a)| {
            a.2 == b.2
                && text.get(a.1..b.0).map(|gap| gap.trim_matches(['*', '_'])) == Some(space)
                && head_group(raw(a.0, a.1))
        });
        let Some(head) = a.map(|(_, a)| (a.0, a.1)).or_else(|| {
            // Not a group of a number read whole (`1 540 123`).
            unread_head(text, b.0, space)
                .filter(|h| !numbers.iter().any(|x| x.0 <= h.0 && h.1 <= x.1))
        }) else {
            continue;
        };
        if sign.is_none() && !wide_beside(text, head.0, b.1) && !(lone_pair && a.is_some()) {
            continue;
        }
        let row = |t: usize, k: usize| k / tpl.tables[t].cols.len().max(1);
        let a_holds = a.is_none_or(|(_, a)| holds(tables, a.3, row(a.3, a.4)));
        if a_holds && holds(tables, b.3, row(b.3, b.4)) {
            continue;
        }
        let pair = (j, a.map(|(i, _)| i), head);
        for t in a.map(|(_, a)| a.3).into_iter().chain([b.3]) {
            if !doubtful.iter().any(|&(d, p)| d == t && p.0 == j) {
                doubtful.push((t, pair));
            }
        }
    }
    // A head group read as a number, the report's group space after it, and a
    // last group no reading took for a number: misread (`89 396.l5`) or with a
    // mark cut after it (`3 103.5066【注`). The head read alone is no cell.
    if let Some((_, space, _)) = sign {
        let mut heads: Vec<(usize, usize, u32)> = Vec::new();
        for a in &numbers {
            if !head_group(raw(a.0, a.1)) {
                continue;
            }
            let Some(tail) = text.get(a.1..).and_then(|t| t.strip_prefix(space)) else {
                continue;
            };
            let at = a.1 + space.len();
            if numbers.iter().any(|b| b.0 == at) {
                continue;
            }
            let word = tail
                .split(|c: char| c.is_whitespace() || c == '|')
                .next()
                .unwrap_or("");
            let lead: Vec<char> = word.chars().take(4).collect();
            let groupish = |c: &char| {
                c.is_ascii_digit() || matches!(c, 'O' | 'o' | '〇' | 'l' | 'I' | 'S' | 'B' | 'Z')
            };
            let three = lead.len() >= 3
                && lead[..3].iter().all(groupish)
                && lead[..3].iter().filter(|c| c.is_ascii_digit()).count() >= 2
                && lead.get(3).is_none_or(|c| !c.is_ascii_digit());
            let row = a.4 / tpl.tables[a.3].cols.len().max(1);
            if three && !holds(tables, a.3, row) {
                heads.push((a.3, row, a.2));
            }
        }
        for (ti, r, line) in heads {
            let n = tpl.tables[ti].cols.len();
            if unresolve_numbers(tables, ti, r, n) {
                diags.push(Diag::warning(
                    line,
                    format!(
                        "row {}: a number stands a group space from three digits no reading took for a number (misread, or a mark cut after them), as this report prints numbers in groups: one number in groups, so the row is unresolved",
                        tpl.tables[ti].rows[r].key
                    ),
                ));
            }
        }
    }
    for (ti, (j, ai, head)) in doubtful {
        let (a, b) = (ai.map(|i| numbers[i]), numbers[j]);
        let n = tpl.tables[ti].cols.len();
        if n == 0 {
            continue;
        }
        // A cell lost or moved shifts every row read in one block with the pair
        // (labels printed before all the numbers: a table printed column by
        // column): then each row of the table that holds no identity as read is
        // set aside; else the rows of the pair.
        let pair_rows: Vec<(usize, usize)> = a
            .map(|a| (a.3, a.4 / n))
            .into_iter()
            .chain([(b.3, b.4 / n)])
            .collect();
        let block = in_block(tables, ti, n);
        let rows: Vec<usize> = (0..tpl.tables[ti].rows.len())
            .filter(|&r| {
                (block || pair_rows.contains(&(ti, r)))
                    && tables.tables[ti].slots[r * n..(r + 1) * n]
                        .iter()
                        .flatten()
                        .any(|s| s.state == State::Number)
                    && !holds(tables, ti, r)
            })
            .collect();
        // Rows an earlier pair of a block set aside are unresolved already.
        if rows.is_empty() {
            continue;
        }
        let keys: Vec<&str> = rows
            .iter()
            .map(|&r| tpl.tables[ti].rows[r].key.as_str())
            .collect();
        let why = match sign {
            Some((sign, _, sign_line)) => {
                format!("as this report prints `{sign}` (line {sign_line})")
            }
            None if wide_beside(text, head.0, b.1) => {
                "as the line parts its cells by wider spaces".to_string()
            }
            None => {
                "as the text prints one cell a line and this line alone two numbers".to_string()
            }
        };
        diags.push(Diag::warning(
            b.2,
            format!(
                "`{} {}` may be one number printed in groups of digits, {why}, with a cell lost or moved elsewhere, or two cells: {} {} {} unresolved",
                raw(head.0, head.1),
                raw(b.0, b.1),
                if keys.len() == 1 { "row" } else { "rows" },
                keys.join(", "),
                if keys.len() == 1 { "is" } else { "are" }
            ),
        ));
        for r in rows {
            for s in tables.tables[ti].slots[r * n..(r + 1) * n]
                .iter_mut()
                .flatten()
            {
                s.state = State::Unresolved;
                s.value = None;
            }
        }
    }
}

/// Whether the text from byte `from` to byte `to` (a pair of numbers a single
/// space apart) stands a run of two spaces or more from the word before it or
/// the word after it on its line: a layout that aligns its cells with spaces,
/// where a single space parts no two cells.
fn wide_beside(text: &str, from: usize, to: usize) -> bool {
    let space = |c: &char| *c == ' ' || *c == '\u{3000}';
    let before = text.get(..from).unwrap_or("");
    let line_before = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let after = text.get(to..).unwrap_or("");
    let line_after = after.split('\n').next().unwrap_or("");
    let wide_before =
        line_before.chars().rev().take_while(space).count() >= 2 && !line_before.trim().is_empty();
    let wide_after =
        line_after.chars().take_while(space).count() >= 2 && !line_after.trim().is_empty();
    wide_before || wide_after
}

/// The digits of a head group (one to three, not `0`-led) that end right before
/// `space` and byte `at` of `text` (emphasis marks allowed around them), with
/// nothing before them but a space, a line's start or a letter of a label: their
/// span, whether or not a reading kept them as a number.
fn unread_head(text: &str, at: usize, space: &str) -> Option<(usize, usize)> {
    let before = text.get(..at)?.trim_end_matches(['*', '_']);
    let before = before.strip_suffix(space)?.trim_end_matches(['*', '_']);
    let digits = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_digit() || ('０'..='９').contains(&c))
        .last()
        .map(|(k, _)| k)?;
    let head = &before[digits..];
    let lead = before[..digits].chars().next_back();
    let parted = lead.is_none_or(|c| {
        !(c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || matches!(c, '.' | ',' | '-' | '+' | '．'))
    });
    (parted && head_group(head)).then_some((digits, before.len()))
}

/// A number read whole with a thin or figure space (U+2009, U+202F, U+2007) right
/// after it and a digit or a look-alike of one after that (`96\u{2009}25l`), or
/// right before it with one before that (`S3\u{2009}398`): those spaces part the
/// groups of one number, never two cells, so the number is a group of one whose
/// other groups were misread. Its row (no identity holding as read) is
/// `unresolved`, with a warning.
pub(crate) fn set_aside_cut_groups(
    text: &str,
    tpl: &Template,
    tables: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    let thin = |c: char| matches!(c, '\u{2009}' | '\u{202f}' | '\u{2007}');
    let digitish = |c: char| c.is_ascii_alphanumeric() || ('０'..='９').contains(&c);
    let bytes = text.as_bytes();
    let cut = |a: usize, b: usize| {
        // Most numbers have no thin space beside them: its lead byte after the
        // number, or its last byte before it, tells (U+2007, U+2009, U+202F are
        // E2 80 87, 89, AF).
        if bytes.get(b) != Some(&0xe2) && !(a >= 1 && matches!(bytes[a - 1], 0x87 | 0x89 | 0xaf)) {
            return false;
        }
        let after = text.get(b..).unwrap_or("");
        let before = text.get(..a).unwrap_or("");
        let mut next = after.chars();
        let mut prev = before.chars().rev();
        next.next().is_some_and(thin) && next.next().is_some_and(digitish)
            || prev.next().is_some_and(thin) && prev.next().is_some_and(digitish)
    };
    for ti in 0..tables.tables.len() {
        let n = tpl.tables[ti].cols.len();
        if n == 0 {
            continue;
        }
        for r in 0..tables.tables[ti].slots.len() / n {
            let row = &tables.tables[ti].slots[r * n..(r + 1) * n];
            let Some(line) = row
                .iter()
                .flatten()
                .find(|s| s.state == State::Number && cut(s.raw.0, s.raw.1))
                .map(|s| s.line)
            else {
                continue;
            };
            if row_holds(tpl, tables, ti, r) {
                continue;
            }
            unresolve_numbers(tables, ti, r, n);
            diags.push(Diag::warning(
                line,
                format!(
                    "row {}: a number stands a thin space from a digit or a misread one, a group of a number printed in groups whose other groups were not read, so the row is unresolved",
                    tpl.tables[ti].rows[r].key
                ),
            ));
        }
    }
}

/// The numbers read in row `r` of table `ti` (of `n` columns) made `unresolved`;
/// whether there was one.
fn unresolve_numbers(tables: &mut Tables, ti: usize, r: usize, n: usize) -> bool {
    let mut any = false;
    for s in tables.tables[ti].slots[r * n..(r + 1) * n]
        .iter_mut()
        .flatten()
        .filter(|s| s.state == State::Number)
    {
        s.state = State::Unresolved;
        s.value = None;
        any = true;
    }
    any
}

/// Whether a row identity of table `ti` over row `r` holds on the values read.
fn row_holds(tpl: &Template, tables: &Tables, ti: usize, r: usize) -> bool {
    let n = tpl.tables[ti].cols.len();
    let value = |c: usize| {
        tables.tables[ti].slots[r * n + c]
            .as_ref()
            .filter(|s| s.state.has_value())
            .and_then(|s| s.value)
            .map(|v| v.fixed())
    };
    let sum = |cols: &[usize]| cols.iter().map(|&c| value(c)).sum::<Option<i128>>();
    tpl.checks.iter().any(|c| {
        c.table == ti
            && c.per == Per::Row
            && c.over.contains(&r)
            && sum(&c.lhs).is_some_and(|l| sum(&c.rhs) == Some(l))
    })
}

/// Whether table `ti`'s rows were printed as a block: some row's label stands
/// before the first number of a row above it (or a row read has no label).
fn in_block(tables: &Tables, ti: usize, n: usize) -> bool {
    let read = &tables.tables[ti];
    let label = |r: usize| {
        tables
            .labels
            .iter()
            .find(|l| l.table == ti && l.axis == Axis::Row && l.index == r)
            .map(|l| l.line)
    };
    let first_cell = |r: usize| {
        read.slots[r * n..(r + 1) * n]
            .iter()
            .flatten()
            .map(|s| s.line)
            .min()
    };
    let rows: Vec<(usize, u32)> = (0..read.slots.len() / n)
        .filter_map(|r| first_cell(r).map(|l| (r, l)))
        .collect();
    rows.iter().any(|&(r, first)| {
        label(r).is_none()
            || rows
                .iter()
                .any(|&(r2, _)| r2 > r && label(r2).is_some_and(|l2| l2 < first))
    })
}

#[cfg(test)]
mod tests {
    use super::{head_group, wide_beside};

    #[test]
    fn a_pair_beside_a_wide_gap_stands_in_a_layout_of_aligned_cells() {
        let at = |t: &str, pair: &str| {
            let from = t.find(pair).expect("pair");
            wide_beside(t, from, from + pair.len())
        };
        assert!(at(
            "规范性文件                2 842             13\n",
            "2 842"
        ));
        assert!(at("规范性文件   2 842\n", "2 842"));
        assert!(!at("规章 0 433 716 规范性文件 1 593 0\n", "433 716"));
        // Indentation is no gap between cells.
        assert!(!at("   2 842\n", "2 842"));
    }

    #[test]
    fn a_head_group_is_one_to_three_digits_not_led_by_zero() {
        let heads: Vec<bool> = ["5", "53", "１５９", "0", "053", "5398", "5a", ""]
            .iter()
            .map(|r| head_group(r))
            .collect();
        assert_eq!(heads, [true, true, true, false, false, false, false, false]);
    }
}
