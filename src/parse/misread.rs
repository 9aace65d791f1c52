//! Numbers an OCR engine may have misread as other digits (`6` for `9`, `8` for
//! `3`): the one damage the report's own identities can show but no reader can.
//!
//! A misread, dropped or added digit still makes a number, so the readers place
//! it like any other, and only a failing identity shows it. A report's own
//! arithmetic fails too (its printed numbers are then the truth), so a failing
//! identity alone says nothing about which number is wrong. A cell is suspect
//! when both hold:
//! - one slip in it (a digit changed to one OCR confuses it with, or a digit
//!   dropped or added) makes a failing identity through it hold;
//! - no identity through it holds (a misread number breaks every sum it is in),
//!   or the one that holds also runs through a second such cell, on its other
//!   side, whose own failing identity the same change repairs (the same slip in
//!   a count and in its row's total keeps the row summing).
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

/// Whether one OCR slip turns the number printed before OCR into `v` (a whole
/// number, as printed in decimal), when that number was `v + fix`: one digit
/// read as a digit OCR confuses it with, one digit dropped (`11` read `1`), or
/// one digit added (`7` read `77`). Told on the digits, without allocating: it
/// is asked for every cell of every failing identity.
fn one_slip(v: i64, fix: i128) -> bool {
    let was = i128::from(v) + fix;
    // A slip changes digits, never the sign.
    if fix == 0 || (was < 0) != (v < 0) {
        return false;
    }
    let (mut a, mut b) = ([0u8; 40], [0u8; 40]);
    let a = digits_of(v.unsigned_abs().into(), &mut a);
    let b = digits_of(was.unsigned_abs(), &mut b);
    match a.len() as isize - b.len() as isize {
        0 => {
            let mut differ = a.iter().zip(b).filter(|(x, y)| x != y);
            match (differ.next(), differ.next()) {
                (Some((&x, &y)), None) => confused_with(y).any(|e| e == x),
                _ => false,
            }
        }
        1 => dropped_one(b, a),
        -1 => dropped_one(a, b),
        _ => false,
    }
}

/// Whether `short` is `long` with one digit taken out.
fn dropped_one(short: &[u8], long: &[u8]) -> bool {
    let at = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    short[at..] == long[at + 1..]
}

/// The decimal digits of `n`, most significant first, written into `buf`.
fn digits_of(mut n: u128, buf: &mut [u8; 40]) -> &[u8] {
    let mut at = buf.len();
    // Every count fits 64 bits, whose division by ten is a multiplication; a
    // 128-bit one is a library call per digit (most of this pass's cost on issue
    // 13's tree, callgrind).
    if let Ok(mut m) = u64::try_from(n) {
        loop {
            at -= 1;
            buf[at] = (m % 10) as u8;
            m /= 10;
            if m == 0 {
                return &buf[at..];
            }
        }
    }
    loop {
        at -= 1;
        buf[at] = (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[at..];
        }
    }
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
    // Every (cell, fix) that one slip explains, with the failing identity the fix
    // repairs and the holding identities through the cell (at most two kept: a
    // pair of cells is set aside only when one holding identity joins them).
    let mut candidates: Vec<Candidate> = Vec::new();
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
        // The identity's cells, as `CheckResult::sides` lists them, without
        // building the two lists (two allocations for each failing identity).
        let Some(k) = tpl.checks.get(f.rule) else {
            continue;
        };
        let Some(nc) = tpl.tables.get(k.table).map(|t| t.cols.len()) else {
            continue;
        };
        let at = |term: usize| match k.per {
            crate::grammar::Per::Col => term * nc + f.over,
            crate::grammar::Per::Row => f.over * nc + term,
        };
        for (slot, fix) in k
            .lhs
            .iter()
            .map(|&s| (at(s), a - e))
            .chain(k.rhs.iter().map(|&s| (at(s), e - a)))
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
            if !one_slip(v.mantissa, fix) {
                continue;
            }
            let mut holding = checks
                .iter()
                .enumerate()
                .filter(|(_, c)| c.ok == Some(true) && through(c, f.table, slot))
                .map(|(i, _)| i);
            let holds = (holding.next(), holding.next());
            candidates.push(Candidate {
                table: f.table,
                slot,
                fix,
                fails: fi,
                holds,
            });
        }
    }
    let mut suspects: Vec<Suspect> = Vec::new();
    let mut add = |s: Suspect| {
        if !suspects
            .iter()
            .any(|o| (o.table, o.slot) == (s.table, s.slot))
        {
            suspects.push(s);
        }
    };
    for c in &candidates {
        // A misread number breaks every sum it is in.
        if c.holds == (None, None) {
            add(Suspect {
                table: c.table,
                slot: c.slot,
                fails: c.fails,
                partner: None,
            });
        }
    }
    // The same slip in two cells on the two sides of one identity keeps that
    // identity holding (`11` read `1` as a row's one count and as its total): the
    // pair is suspect when each repairs a failing identity of its own by the same
    // fix and that one identity is the only one holding through either.
    for (i, c) in candidates.iter().enumerate() {
        let (Some(h), None) = c.holds else { continue };
        for d in &candidates[i + 1..] {
            if (d.table, d.fix, d.holds) != (c.table, c.fix, c.holds)
                || d.slot == c.slot
                || d.fails == c.fails
                || !opposite_sides(&checks[h], tpl, c.slot, d.slot)
            {
                continue;
            }
            add(Suspect {
                table: c.table,
                slot: c.slot,
                fails: c.fails,
                partner: Some((d.slot, h)),
            });
            add(Suspect {
                table: d.table,
                slot: d.slot,
                fails: d.fails,
                partner: Some((c.slot, h)),
            });
        }
    }
    for s in &suspects {
        let t = &tpl.tables[s.table];
        let nc = t.cols.len().max(1);
        let name = |slot: usize| {
            (
                t.rows.get(slot / nc).map_or("", |r| r.key.as_str()),
                t.cols.get(slot % nc).map_or("", |c| c.key.as_str()),
            )
        };
        let Some(cell) = tables.tables[s.table]
            .slots
            .get_mut(s.slot)
            .and_then(Option::as_mut)
        else {
            continue;
        };
        cell.state = State::Unresolved;
        cell.value = None;
        let raw = text.get(cell.raw.0..cell.raw.1).unwrap_or("").trim();
        let (row, col) = name(s.slot);
        let why = match s.partner {
            None => "no identity through the cell holds".to_string(),
            Some((other, h)) => {
                let (orow, ocol) = name(other);
                format!(
                    "the one identity through it that holds, {}, would hold as well with the same slip in row {orow}, column {ocol}, which a failing identity of its own also points at",
                    checks[h].name(tpl)
                )
            }
        };
        diags.push(Diag::warning(
            cell.line,
            format!(
                "`{raw}` in row {row}, column {col}: identity {} fails, one OCR slip in this number (a digit read as one OCR takes it for, 6 for 9 or 8 for 3, or a digit dropped or added) would make it hold, and {why}: which digits were printed is not certain, so the cell is unresolved",
                checks[s.fails].name(tpl)
            ),
        ).with_kind(crate::model::diag::Kind::Misread));
    }
    !suspects.is_empty()
}

/// A cell one slip explains: `fix` added to it repairs failing identity `fails`;
/// `holds` are the first two identities through it that hold.
struct Candidate {
    table: usize,
    slot: usize,
    fix: i128,
    fails: usize,
    holds: (Option<usize>, Option<usize>),
}

/// A cell set aside, with the failing identity that points at it, and for a pair
/// the other cell and the identity that joins them.
struct Suspect {
    table: usize,
    slot: usize,
    fails: usize,
    partner: Option<(usize, usize)>,
}

/// Whether `a` and `b` stand on opposite sides of identity `c`, so that the same
/// change to both keeps it as it is.
fn opposite_sides(c: &CheckResult, tpl: &Template, a: usize, b: usize) -> bool {
    let (lhs, rhs) = c.sides(tpl);
    (lhs.contains(&a) && rhs.contains(&b)) || (rhs.contains(&a) && lhs.contains(&b))
}

#[cfg(test)]
mod tests {
    use super::one_slip;

    /// The fixes one slip can make to `v`, among -200..=200.
    fn fixes(v: i64) -> Vec<i128> {
        (-200..=200).filter(|&f| one_slip(v, f)).collect()
    }

    #[test]
    fn one_digit_misread() {
        // 9 may have been 0 (-9), 6 (-3) or 8 (-1); or 99, 19, 90, … (a digit dropped).
        let f = fixes(9);
        for want in [-9, -3, -1] {
            assert!(f.contains(&want), "{want} in {f:?}");
        }
        // 36: 3 → 8 (+50); 6 → 0, 5, 8, 9 (-6, -1, +2, +3).
        for want in [50, -6, -1, 2, 3] {
            assert!(one_slip(36, want), "{want}");
        }
        // 3 → 2 is no confusion OCR makes.
        assert!(!one_slip(36, -10));
        // 60 for 0 is a 6 added; 60 for 10 a 1 read as 6, which OCR does not do.
        assert!(one_slip(60, -60));
        assert!(!one_slip(60, -50));
        // A lone 0 may have been 6, 8 or 9, or 10, 20, … 90 (its 1 … 9 dropped).
        assert_eq!(fixes(0), vec![6, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    }

    #[test]
    fn one_digit_dropped_or_added() {
        // 1 printed for 11 (a 1 dropped) or for 10, 12, 21, …
        assert!(one_slip(1, 10));
        assert!(one_slip(1, 9)); // 10
        assert!(one_slip(1, 20)); // 21
                                  // 77 printed for 7 (a 7 added): the fix is -70.
        assert!(one_slip(77, -70));
        // 105 printed for 15 or 10 (a digit added), never for 5 (two digits).
        assert!(one_slip(105, -90));
        assert!(one_slip(105, -95));
        assert!(!one_slip(105, -100));
        // 12 is not 1 slip from 34.
        assert!(!one_slip(12, 22));
        // Negative numbers keep their sign: -1 may have been -11.
        assert!(one_slip(-1, -10));
        assert!(!one_slip(-1, 2));
        assert!(!one_slip(5, 0));
    }
}
