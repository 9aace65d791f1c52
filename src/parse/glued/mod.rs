//! Splitting glued digits (`一、本年新收…200 000121`) into cells with the report's
//! own identities.
//!
//! A crawler that drops cell separators leaves runs of digits; only the template's
//! arithmetic can say where one cell ends. For each run the splits into the cells it
//! must fill are listed (a number never starts with a 0 unless it is 0; a sign
//! starts a number; a unit ends one; a space left by a no-break space is a cell
//! boundary; a mark of an empty cell, `无`, `—`, `/`, `-`, is a cell of its own,
//! reported `na` and taken as 0 by the identities, and `——`/`--` is one mark or
//! two; a `-` in a column that cannot be negative is a mark, never a sign). A search then keeps the combinations of splits that satisfy every
//! identity. A run whose split is the same in all of them is `recovered`; where
//! they differ, the cells every one of them cuts alike (the same digits: a row's
//! total printed last, the rows of section 四 whose sums leave one split) are
//! `recovered` and the others stay `unresolved` with the run's raw digits kept.
//! A run whose full listing would be too long is listed with the pruning within
//! the same number of steps (section 四's fifteen cells glued, 26 digits: three
//! row sums leave three splits). Nothing is guessed: when the
//! report's own arithmetic fails one identity (it happens), the largest set of
//! identities that can hold is used, and a warning names the ones left out.
//!
//! The listing prunes while it cuts, so that a run of 12 digits into 7 cells does
//! not list its 462 splits to keep one. Cells are cut from the right, so a row's
//! total (printed last) is cut first and its parts must add up to it. The numbers
//! that may start or end at an offset are read once per offset. A cut whose rest
//! cannot hold the cells still to fill (a digit each, and a cell for each stretch
//! between spaces) is dropped. An identity within the run (a row's total and its
//! parts) is checked as soon as the last of its cells is cut, on partial sums kept
//! along the way; before that, a partial sum that the cells left cannot make up
//! ends the branch (with no `-` left to cut, a cell of d digits is at least 0 and
//! below 10^d). Identities across runs (a column's total) are checked by the search
//! on partial sums kept per identity. What is kept is exactly what listing every
//! split from the left and then filtering would keep, in the same order, so the
//! search and its budgets see the same candidates and the results are the same,
//! only found sooner.
//!
//! The files: this one holds the identities (the equations of a table, those
//! within one run and those across runs) and decides each run; `search.rs` finds
//! the combinations of splits that satisfy them; `listing.rs` lists the splits of
//! one run, pruned as it cuts; `pieces.rs` reads a run's chunks and a piece of one
//! as a number; `whole.rs` is the unpruned listing kept for very long runs.

mod listing;
mod pieces;
mod search;
#[cfg(test)]
mod tests;
mod whole;

use crate::grammar::{Per, Template};
use crate::model::diag::Diag;
use crate::model::value::{parse_cell, CellValue, Decimal, Unit};
use crate::parse::template::{GluedRun, Slot, State, Tables};
use listing::Texts;
use search::{narrow, scaled, Agreed, Search};

/// A run whose full listing of splits (every piece tried, pruned or not, and
/// every split found) would take more than this many steps is not searched: a long
/// run of digits (72 threes, found by the fuzzer) has few splits into 7 cells that
/// parse, but a hundred million ways to try, nearly all failing on the last piece.
/// The steps are those of the unpruned listing, so which runs are searched does
/// not depend on how well the pruning does.
const MAX_SPLITS: usize = 200_000;
/// Runs longer than this (found only in damaged text) are listed as before the
/// pruning, piece by piece from the left within [`MAX_SPLITS`] steps: the pruned
/// listing reads the numbers at every offset of a chunk, which on a chunk of a
/// million digits that no split can use would take hours, and keeps a record per
/// byte.
const LONG_RUN: usize = 256;
/// Runs of at most this many bytes cannot reach [`MAX_SPLITS`], so their steps
/// are not counted: each piece tried is a distinct set of cut offsets in 1..=n (at
/// most 2^n − 1 of them) and each split found is one of those whose largest offset
/// is the end of the last chunk (at most 2^(n−1)): 1.5 · 2^17 − 1 = 196,607.
const COUNT_FREE_LEN: usize = 17;
/// At most this many search steps per table, over all the subsets of identities
/// tried. The real glued reports need at most a few hundred; a budget of millions
/// per subset let one mutated table (whose arithmetic fails, so every subset is
/// searched) take seconds. Past the budget nothing is guessed: runs stay unresolved.
const MAX_STEPS: usize = 250_000;

/// One way to split a run: per cell, the value, its unit and its byte range.
type Split = Vec<(Decimal, Option<Unit>, (usize, usize))>;

/// Resolves every glued run of the report in place.
pub fn resolve(text: &str, tpl: &Template, tables: &mut Tables, diags: &mut Vec<Diag>) {
    let runs = std::mem::take(&mut tables.runs);
    let mut by_table: Vec<usize> = runs.iter().map(|r| r.table).collect();
    by_table.sort_unstable();
    by_table.dedup();
    for t in by_table {
        let of_table: Vec<&GluedRun> = runs.iter().filter(|r| r.table == t).collect();
        resolve_table(text, tpl, t, &of_table, false, tables, diags);
    }
    tables.runs = runs;
}

/// An identity as one equation: Σ coef·cell = 0.
#[derive(Debug, Clone)]
struct Equation {
    check: usize,
    terms: Vec<(usize, i64)>,
}

fn equations(tpl: &Template, table: usize) -> Vec<Equation> {
    let t = &tpl.tables[table];
    let ncols = t.cols.len();
    let mut out = Vec::new();
    for (ci, c) in tpl
        .checks
        .iter()
        .enumerate()
        .filter(|(_, c)| c.table == table)
    {
        for &o in &c.over {
            let cell = |a: usize| match c.per {
                Per::Col => a * ncols + o,
                Per::Row => o * ncols + a,
            };
            let mut terms: Vec<(usize, i64)> = c.lhs.iter().map(|&a| (cell(a), 1)).collect();
            terms.extend(c.rhs.iter().map(|&a| (cell(a), -1)));
            out.push(Equation { check: ci, terms });
        }
    }
    out
}

/// An equation whose cells all lie in one run (or are known), as the listing of
/// that run checks it.
#[derive(Debug, Clone)]
struct LocalEq {
    /// Index into the table's equations.
    eq: usize,
    /// Per cell of the run: its coefficient (summed when a cell appears twice),
    /// and the sums of the positive and of the negative coefficients of the cells
    /// before it.
    cells: Vec<(i64, i64, i64)>,
    /// Σ coef·value over the known cells of the equation.
    konst: i128,
    /// The first cell of the run the equation involves: the equation is
    /// checked once it is cut (cells are cut from the right).
    first: usize,
    /// Whether the coefficient sums are all within ±10^6 (else no bound is used).
    small: bool,
}

/// An equation across runs, as the search checks it.
#[derive(Debug, Clone)]
struct CrossEq {
    konst: i128,
    /// The last run it involves: checked once that run's split is chosen.
    last: usize,
    /// Its cells in runs: (run, cell of the run, coefficient), by run.
    terms: Vec<(usize, usize, i64)>,
}

/// `strict`: the table's other runs could not be read (see below), so the reading
/// of runs into cells may itself be damaged: a split is kept only when every
/// identity that can be evaluated holds and one of them runs through its cells.
fn resolve_table(
    text: &str,
    tpl: &Template,
    table: usize,
    runs: &[&GluedRun],
    strict: bool,
    tables: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    // Each run's text, and whether it is too long to search.
    let mut texts = Texts::new(text, runs);
    let cols = &tpl.tables[table].cols;
    texts.unsigned = runs
        .iter()
        .map(|r| {
            r.slots
                .iter()
                .map(|&s| cols.get(s % cols.len().max(1)).is_some_and(|c| !c.signed))
                .collect()
        })
        .collect();
    let mut blocked = vec![false; runs.len()];
    for (ri, r) in runs.iter().enumerate() {
        if texts.too_many(ri, r.slots.len()) {
            if r.raw.1 - r.raw.0 <= LONG_RUN {
                // The identities within the run may prune its listing to a few
                // splits (section 四's fifteen cells glued: three totals):
                // listed within the same number of steps of the pruned walk.
                texts.bounded[ri] = true;
                continue;
            }
            diags.push(too_many_note(text, r));
            blocked[ri] = true;
        }
    }
    // Which run owns each slot of the table.
    let n = tables.tables[table].slots.len();
    let mut owner: Vec<Option<(usize, usize)>> = vec![None; n];
    for (ri, r) in runs.iter().enumerate() {
        for (k, &s) in r.slots.iter().enumerate() {
            owner[s] = Some((ri, k));
        }
    }
    let known: Vec<Option<i128>> = tables.tables[table]
        .slots
        .iter()
        .map(|s| match s {
            Some(Slot {
                state: State::Number,
                value: Some(v),
                ..
            }) => Some(scaled(*v)),
            _ => None,
        })
        .collect();
    // Equations that can say something: every cell known or in a run, some in a run.
    let all_eqs: Vec<Equation> = equations(tpl, table)
        .into_iter()
        .filter(|e| {
            e.terms
                .iter()
                .all(|&(s, _)| known[s].is_some() || owner[s].is_some())
                && e.terms.iter().any(|&(s, _)| owner[s].is_some())
        })
        .collect();
    let mut check_ids: Vec<usize> = all_eqs.iter().map(|e| e.check).collect();
    check_ids.sort_unstable();
    check_ids.dedup();
    let (local, cross) = classify(&all_eqs, runs, &owner, &known);

    // Try all identities first; when the report's own arithmetic makes that
    // impossible, the largest subsets of identities that can hold.
    let mut search = Search {
        runs,
        texts,
        blocked,
        local,
        cross,
        cache: vec![Vec::new(); runs.len()],
        steps: 0,
    };
    let nchecks = check_ids.len();
    let mut outcome: Option<(Vec<Agreed>, Vec<usize>)> = None;
    let mut active = vec![false; all_eqs.len()];
    'sizes: for size in (0..=nchecks).rev() {
        let mut agreed: Option<Vec<Agreed>> = None;
        let mut dropped_union: Vec<usize> = Vec::new();
        let mut any = false;
        for mask in 0u32..(1u32 << nchecks) {
            if mask.count_ones() as usize != size {
                continue;
            }
            let used: Vec<usize> = (0..nchecks)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| check_ids[i])
                .collect();
            for (a, e) in active.iter_mut().zip(&all_eqs) {
                *a = used.contains(&e.check);
            }
            let Some(found) = search.run(&active) else {
                // Too many steps: say nothing rather than guess.
                outcome = Some((vec![None; runs.len()], Vec::new()));
                break 'sizes;
            };
            let Some(found) = found else { continue };
            any = true;
            for &c in &check_ids {
                if !used.contains(&c) && !dropped_union.contains(&c) {
                    dropped_union.push(c);
                }
            }
            agreed = Some(match agreed {
                None => found,
                Some(a) => a
                    .into_iter()
                    .zip(found)
                    .enumerate()
                    .map(|(ri, (x, y))| match (x, y) {
                        (Some(x), Some((py, sy))) => {
                            // Cells cut alike under both sets of identities.
                            let (px, sx) = x;
                            let sx: Vec<bool> = sx.iter().zip(&sy).map(|(a, b)| *a && *b).collect();
                            narrow((px, sx), search.split(ri, px), search.split(ri, py))
                        }
                        _ => None,
                    })
                    .collect(),
            });
        }
        if any {
            outcome = agreed.map(|a| (a, dropped_union));
            break;
        }
        if size == 0 {
            break;
        }
    }
    if outcome.is_none() {
        // Not even with no identity at all: a run too long to search, or one whose
        // digits cannot fill its cells, spoils every combination. Such a run stays
        // unresolved; the others are searched without it (and without the
        // identities through its cells), so one damaged row does not cost the table.
        let spoilt: Vec<bool> = (0..runs.len())
            .map(|ri| {
                search.blocked[ri] || search.texts.list(ri, runs[ri].slots.len(), &[]).is_empty()
            })
            .collect();
        if spoilt.iter().any(|&b| b) && spoilt.iter().any(|&b| !b) {
            let rest: Vec<&GluedRun> = runs
                .iter()
                .zip(&spoilt)
                .filter(|(_, &b)| !b)
                .map(|(r, _)| *r)
                .collect();
            for (ri, r) in runs.iter().enumerate() {
                if spoilt[ri] && search.texts.over[ri] {
                    diags.push(too_many_note(text, r));
                } else if spoilt[ri] && !search.blocked[ri] {
                    diags.push(Diag::warning(
                        r.line,
                        format!(
                            "digits `{}` cannot fill the {} cells they stand for (too few digits, or a piece that is no number); kept as unresolved",
                            &text[r.raw.0..r.raw.1],
                            r.slots.len()
                        ),
                    ));
                }
            }
            resolve_table(text, tpl, table, &rest, true, tables, diags);
            return;
        }
    }
    let (mut choice, dropped) = match outcome {
        // Beside runs that could not be read, a split that needs an identity left
        // out is no reading.
        Some((_, dropped)) if strict && !dropped.is_empty() => (vec![None; runs.len()], Vec::new()),
        Some(o) => o,
        None => (vec![None; runs.len()], Vec::new()),
    };
    // A run whose cell count was counted from the numbers before it is split only
    // when an identity used above runs through its cells: digits alone (`20` into
    // two cells is 2 | 0 whatever the sums) would read a lost number's shift as a
    // split.
    let mut unconfirmed = vec![false; runs.len()];
    let mut confirmed_by = vec![false; runs.len()];
    for (ri, r) in runs.iter().enumerate() {
        let confirmed = all_eqs.iter().any(|e| {
            !dropped.contains(&e.check) && e.terms.iter().any(|&(s, _)| r.slots.contains(&s))
        });
        confirmed_by[ri] = confirmed;
        // An identity left out that lies wholly within the run's own cells (its
        // row's total): no split of these digits makes the row sum, so they are
        // not the whole row (a wrap took some of its cells to the next line).
        let own_broken = all_eqs.iter().any(|e| {
            dropped.contains(&e.check) && e.terms.iter().all(|&(s, _)| r.slots.contains(&s))
        });
        if ((r.counted || strict) && !confirmed) || own_broken {
            if let Some(c) = choice.get_mut(ri).filter(|c| c.is_some()) {
                *c = None;
                unconfirmed[ri] = true;
            }
        }
    }
    // Numbers printed apart by a gap of two spaces or more, fewer than the cells
    // they stand for: a row of cells set apart that lost some (OCR drops a lone
    // `0`; a column-major block read across), not digits glued. A split would
    // cut numbers that were printed whole (`7  142  710  31` as 7|1|4|2|7|10|31,
    // which sums): no reading.
    let mut apart = vec![false; runs.len()];
    for (ri, r) in runs.iter().enumerate() {
        // One space parts them: digits glued in one piece (`50` of `50 0`) or a
        // cell lost beside pieces printed whole, the digits do not tell; only an
        // identity through the cells does.
        let parted = !confirmed_by[ri] && spaced_within(text, r);
        if choice.get(ri).is_some_and(Option::is_some) && (spaced_apart(text, r) || parted) {
            choice[ri] = None;
            apart[ri] = true;
        }
    }
    let mut recovered_any = false;
    for (ri, r) in runs.iter().enumerate() {
        match choice.get(ri).cloned().flatten() {
            Some((pick, same)) => {
                recovered_any = true;
                let alike = same.iter().filter(|&&s| s).count();
                if alike < same.len() {
                    // Several splits hold, but they cut these cells alike: the same
                    // digits, so those cells are certain (section 四's fifteen glued
                    // cells, where only the last row's split is open).
                    diags.push(Diag::warning(
                        r.line,
                        format!(
                            "digits `{}` run several cells together and the report's identities allow more than one split; {alike} of its {} cells are cut alike by every split and recovered, the rest kept as unresolved",
                            &text[r.raw.0..r.raw.1],
                            same.len()
                        ),
                    ));
                }
                for (k, &slot) in r.slots.iter().enumerate() {
                    if !same[k] {
                        continue;
                    }
                    let (v, unit, raw) = search.split(ri, pick)[k];
                    // A mark of an empty cell (`无`, `—`) is `na`, as where cells
                    // are printed apart.
                    let mark = text
                        .get(raw.0..raw.1)
                        .is_some_and(|t| parse_cell(t) == CellValue::Na);
                    tables.tables[table].slots[slot] = Some(Slot {
                        state: if mark { State::Na } else { State::Recovered },
                        value: (!mark).then_some(v),
                        unit,
                        raw,
                        line: r.line,
                    });
                }
            }
            None if apart[ri] && !spaced_apart(text, r) => diags.push(Diag::warning(
                r.line,
                format!(
                    "numbers `{}` stand a space apart, fewer than the {} cells of their row: digits glued in a piece or a cell lost beside pieces printed whole, which no identity through the cells tells; no split is read, kept as unresolved",
                    &text[r.raw.0..r.raw.1],
                    r.slots.len()
                ),
            )),
            None if apart[ri] => diags.push(Diag::warning(
                r.line,
                format!(
                    "numbers `{}` stand apart, fewer than the {} cells of their row: cells were lost, not glued, and no split is read; kept as unresolved",
                    &text[r.raw.0..r.raw.1],
                    r.slots.len()
                ),
            )),
            None if unconfirmed[ri] && !r.counted => diags.push(Diag::warning(
                r.line,
                format!(
                    "digits `{}` stand in a table whose other glued digits could not fill their cells, and no identity through their cells confirms a split; kept as unresolved",
                    &text[r.raw.0..r.raw.1]
                ),
            )),
            None if unconfirmed[ri] => {
                diags.push(Diag::warning(
                    r.line,
                    format!(
                        "digits `{}` were taken to fill {} cells because of the numbers before them, but a number lost before them would change that count, and no identity through those cells can confirm a split; kept as unresolved",
                        &text[r.raw.0..r.raw.1],
                        r.slots.len()
                    ),
                ));
                // A number lost before the digits would also have moved the
                // numbers of their row printed before them on the line: those
                // are no more certain than the split.
                let nc = cols.len().max(1);
                let rows: Vec<usize> = r.slots.iter().map(|&s| s / nc).collect();
                let tr = &mut tables.tables[table];
                for (i, slot) in tr.slots.iter_mut().enumerate() {
                    let beside = rows.contains(&(i / nc))
                        && !r.slots.contains(&i)
                        && slot
                            .as_ref()
                            .is_some_and(|c| c.line == r.line && c.state == State::Number);
                    if beside {
                        *slot = None;
                    }
                }
                if rows.iter().any(|&row| {
                    (row * nc..(row + 1) * nc).any(|i| !r.slots.contains(&i) && tr.slots[i].is_none())
                }) {
                    diags.push(Diag::warning(
                        r.line,
                        "the numbers of that row printed before them on the line are set aside with them: reported missing",
                    ));
                }
            }
            None if search.texts.over[ri] => diags.push(too_many_note(text, r)),
            None => diags.push(Diag::warning(
                r.line,
                format!(
                    "digits `{}` run several cells together and the report's identities allow more than one split (or none); kept as unresolved",
                    &text[r.raw.0..r.raw.1]
                ),
            )),
        }
    }
    if recovered_any && !dropped.is_empty() {
        let names: Vec<&str> = dropped
            .iter()
            .map(|&c| tpl.checks[c].name.as_str())
            .collect();
        diags.push(Diag::warning(
            runs[0].line,
            format!(
                "glued digits were split without {} (no split satisfies it: the report's own arithmetic fails it)",
                names.join(", ")
            ),
        ));
    }
}

/// The warning for a run whose splits are too many to list.
/// Whether the run's digits stand in pieces of which two at least are set apart
/// by two spaces or more (or a tab): the gap of a layout's columns, which glued
/// text does not print.
fn spaced_apart(text: &str, r: &GluedRun) -> bool {
    text.get(r.raw.0..r.raw.1)
        .is_some_and(|raw| crate::parse::cells::column_gap(raw.trim()))
}

/// Whether the run's digits stand in pieces parted by whitespace.
fn spaced_within(text: &str, r: &GluedRun) -> bool {
    text.get(r.raw.0..r.raw.1)
        .is_some_and(|raw| raw.trim().contains(char::is_whitespace))
}

fn too_many_note(text: &str, r: &GluedRun) -> Diag {
    Diag::warning(
        r.line,
        format!(
            "digits `{}` allow too many splits to search; kept as unresolved",
            &text[r.raw.0..r.raw.1]
        ),
    )
}

/// Sorts the equations into those within one run (checked while that run is
/// listed) and those across runs (checked by the search once their last run is
/// chosen).
fn classify(
    eqs: &[Equation],
    runs: &[&GluedRun],
    owner: &[Option<(usize, usize)>],
    known: &[Option<i128>],
) -> (Vec<Vec<LocalEq>>, Vec<(usize, CrossEq)>) {
    let mut local: Vec<Vec<LocalEq>> = vec![Vec::new(); runs.len()];
    let mut cross = Vec::new();
    for (ei, e) in eqs.iter().enumerate() {
        let konst: i128 = e
            .terms
            .iter()
            .filter(|&&(s, _)| owner[s].is_none())
            .map(|&(s, coef)| known[s].unwrap_or(0) * coef as i128)
            .sum();
        let last = e
            .terms
            .iter()
            .filter_map(|&(s, _)| owner[s].map(|o| o.0))
            .max()
            .unwrap_or(0);
        let within = e
            .terms
            .iter()
            .all(|&(s, _)| owner[s].is_none_or(|o| o.0 == last));
        if within {
            let k = runs[last].slots.len();
            let mut cells = vec![(0i64, 0i64, 0i64); k];
            let mut first = usize::MAX;
            for &(s, c) in &e.terms {
                if let Some((_, cell)) = owner[s] {
                    cells[cell].0 += c;
                    first = first.min(cell);
                }
            }
            for i in 1..k {
                let c = cells[i - 1].0;
                cells[i].1 = cells[i - 1].1 + c.max(0);
                cells[i].2 = cells[i - 1].2 + c.min(0);
            }
            let small = cells
                .iter()
                .all(|&(_, p, n)| p <= 1_000_000 && n >= -1_000_000);
            local[last].push(LocalEq {
                eq: ei,
                cells,
                konst,
                first,
                small,
            });
        } else {
            let mut terms: Vec<(usize, usize, i64)> = e
                .terms
                .iter()
                .filter_map(|&(s, c)| owner[s].map(|(r, cell)| (r, cell, c)))
                .collect();
            terms.sort_unstable_by_key(|t| (t.0, t.1));
            cross.push((ei, CrossEq { konst, last, terms }));
        }
    }
    (local, cross)
}
