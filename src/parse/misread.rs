//! Numbers an OCR engine may have misread as other digits (`6` for `9`, `8` for
//! `3`): the one damage the report's own identities can show but no reader can.
//!
//! A misread digit still makes a number, so the readers place it like any other,
//! and only a failing identity shows it. A report's own arithmetic fails too (its
//! printed numbers are then the truth), so a failing identity alone says nothing
//! about which number is wrong. A cell is suspect when both hold:
//! - one digit of it changed to a digit OCR confuses it with makes a failing
//!   identity through it hold;
//! - no identity through it holds (a misread number breaks every sum it is in).
//!
//! Such a cell is `unresolved`, its printed text kept, with a warning: which digit
//! was printed is not known, and a wrong number is worse than a missing one.

use crate::grammar::Template;
use crate::model::diag::Diag;
use crate::parse::checks::CheckResult;
use crate::parse::template::{State, Tables};

/// Pairs of digits OCR engines take for each other in printed tables.
const CONFUSED: &[(u8, u8)] = &[
    (0, 6),
    (0, 8),
    (0, 9),
    (1, 4),
    (1, 7),
    (2, 7),
    (3, 8),
    (5, 6),
    (5, 8),
    (6, 8),
    (6, 9),
    (8, 9),
];

/// The digits OCR may have read for `d`.
fn confused_with(d: u8) -> impl Iterator<Item = u8> {
    CONFUSED.iter().filter_map(move |&(a, b)| {
        if a == d {
            Some(b)
        } else if b == d {
            Some(a)
        } else {
            None
        }
    })
}

/// What changing one digit of `v` (a whole number, as printed in decimal) to a
/// digit OCR confuses it with adds to it: each change, by the digit's place.
fn changes(v: i64) -> impl Iterator<Item = i128> {
    let digits: Vec<u8> = v
        .unsigned_abs()
        .to_string()
        .bytes()
        .map(|b| b - b'0')
        .collect();
    let n = digits.len();
    let sign: i128 = if v < 0 { -1 } else { 1 };
    digits.into_iter().enumerate().flat_map(move |(i, d)| {
        let place = 10i128.pow((n - 1 - i) as u32);
        // A leading digit is not changed to 0 (the number would print shorter).
        confused_with(d)
            .filter(move |&e| !(i == 0 && n > 1 && e == 0))
            .map(move |e| sign * (i128::from(e) - i128::from(d)) * place)
    })
}

/// Sets every suspect cell `unresolved` with a warning; true when any was.
pub fn set_aside_misread(
    text: &str,
    tpl: &Template,
    tables: &mut Tables,
    checks: &[CheckResult],
    diags: &mut Vec<Diag>,
) -> bool {
    if !checks.iter().any(|c| c.ok == Some(false)) {
        return false;
    }
    // Whether check `c` runs through `slot` of `table`, told without listing its
    // sides (asked of every check that holds, for each cell of one that fails).
    let through = |c: &CheckResult, table: usize, slot: usize| {
        let Some(k) = tpl.checks.get(c.rule).filter(|_| c.table == table) else {
            return false;
        };
        let nc = tpl.tables[table].cols.len().max(1);
        let (line, term) = match k.per {
            crate::grammar::Per::Col => (slot % nc, slot / nc),
            crate::grammar::Per::Row => (slot / nc, slot % nc),
        };
        line == c.over && (k.lhs.contains(&term) || k.rhs.contains(&term))
    };
    let mut suspects: Vec<(usize, usize, usize)> = Vec::new();
    for (fi, f) in checks.iter().enumerate() {
        let (Some(e), Some(a), Some(false)) = (f.expected, f.actual, f.ok) else {
            continue;
        };
        // Counts only: amounts are printed with decimals and units, and a sum of
        // them is not told by one digit as surely.
        if e.scale != 0 || a.scale != 0 {
            continue;
        }
        let (e, a) = (i128::from(e.mantissa), i128::from(a.mantissa));
        let (lhs, rhs) = f.sides(tpl);
        for (slot, need) in lhs
            .iter()
            .map(|&s| (s, a - e))
            .chain(rhs.iter().map(|&s| (s, e - a)))
        {
            let Some(cell) = tables.tables[f.table]
                .slots
                .get(slot)
                .and_then(Option::as_ref)
            else {
                continue;
            };
            let Some(v) = cell
                .value
                .filter(|v| cell.state == State::Number && v.scale == 0)
            else {
                continue;
            };
            if !changes(v.mantissa).any(|d| d == need) {
                continue;
            }
            let holds_elsewhere = checks
                .iter()
                .any(|c| c.ok == Some(true) && through(c, f.table, slot));
            if !holds_elsewhere && !suspects.iter().any(|s| (s.0, s.1) == (f.table, slot)) {
                suspects.push((f.table, slot, fi));
            }
        }
    }
    for &(table, slot, fi) in &suspects {
        let t = &tpl.tables[table];
        let nc = t.cols.len().max(1);
        let Some(cell) = tables.tables[table]
            .slots
            .get_mut(slot)
            .and_then(Option::as_mut)
        else {
            continue;
        };
        cell.state = State::Unresolved;
        cell.value = None;
        let raw = text.get(cell.raw.0..cell.raw.1).unwrap_or("").trim();
        diags.push(Diag::warning(
            cell.line,
            format!(
                "`{raw}` in row {}, column {}: identity {} fails, one digit of this number read as another that OCR often takes it for (6 for 9, 8 for 3, …) would make it hold, and no identity through the cell holds: which digit was printed is not certain, so the cell is unresolved",
                t.rows.get(slot / nc).map_or("", |r| r.key.as_str()),
                t.cols.get(slot % nc).map_or("", |c| c.key.as_str()),
                checks[fi].name(tpl)
            ),
        ));
    }
    !suspects.is_empty()
}

#[cfg(test)]
mod tests {
    use super::changes;

    #[test]
    fn one_digit_changes() {
        let mut c: Vec<i128> = changes(9).collect();
        c.sort_unstable();
        assert_eq!(c, vec![-9, -3, -1]);
        let mut c: Vec<i128> = changes(36).collect();
        c.sort_unstable();
        // 3 → 8 (+50); 6 → 0, 5, 8, 9 (-6, -1, +2, +3).
        assert_eq!(c, vec![-6, -1, 2, 3, 50]);
        // A leading 6 becomes no 0; a lone 0 may become 6, 8 or 9.
        assert!(!changes(60).any(|d| d == -60));
        let mut c: Vec<i128> = changes(0).collect();
        c.sort_unstable();
        assert_eq!(c, vec![6, 8, 9]);
    }
}
