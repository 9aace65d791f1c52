//! Splitting glued digits (`一、本年新收…200 000121`) into cells with the report's
//! own identities.
//!
//! A crawler that drops cell separators leaves runs of digits; only the template's
//! arithmetic can say where one cell ends. For each run the splits into the cells it
//! must fill are listed (a number never starts with a 0 unless it is 0; a sign
//! starts a number; a unit ends one; a space left by a no-break space is a cell
//! boundary). A search then keeps the combinations of splits that satisfy every
//! identity. A run whose split is the same in all of them is `recovered`; any other
//! stays `unresolved` with its raw digits kept. Nothing is guessed: when the
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

use crate::grammar::{Per, Template};
use crate::model::diag::Diag;
use crate::model::value::{Decimal, Unit};
use crate::parse::template::{GluedRun, Slot, State, Tables};

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
        resolve_table(text, tpl, t, &of_table, tables, diags);
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

fn resolve_table(
    text: &str,
    tpl: &Template,
    table: usize,
    runs: &[&GluedRun],
    tables: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    // Each run's text, and whether it is too long to search.
    let mut texts = Texts::new(text, runs);
    let mut blocked = vec![false; runs.len()];
    for (ri, r) in runs.iter().enumerate() {
        if texts.too_many(ri, r.slots.len()) {
            diags.push(Diag::warning(
                r.line,
                format!(
                    "digits `{}` allow too many splits to search; kept as unresolved",
                    &text[r.raw.0..r.raw.1]
                ),
            ));
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
    let mut outcome: Option<(Vec<Option<Pick>>, Vec<usize>)> = None;
    let mut active = vec![false; all_eqs.len()];
    'sizes: for size in (0..=nchecks).rev() {
        let mut agreed: Option<Vec<Option<Pick>>> = None;
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
                    .iter()
                    .zip(&found)
                    .enumerate()
                    .map(|(ri, (x, y))| match (x, y) {
                        (Some(x), Some(y)) if search.split(ri, *x) == search.split(ri, *y) => {
                            Some(*x)
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
    let (choice, dropped) = outcome.unwrap_or_else(|| (vec![None; runs.len()], Vec::new()));
    let mut recovered_any = false;
    for (ri, r) in runs.iter().enumerate() {
        match choice.get(ri).copied().flatten() {
            Some(pick) => {
                recovered_any = true;
                for (k, &slot) in r.slots.iter().enumerate() {
                    let (v, unit, raw) = search.split(ri, pick)[k];
                    tables.tables[table].slots[slot] = Some(Slot {
                        state: State::Recovered,
                        value: Some(v),
                        unit,
                        raw,
                        line: r.line,
                    });
                }
            }
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

/// Which split of a run: the listing it is in (one per set of local equations)
/// and its index there.
type Pick = (usize, usize);

/// The search over one table's runs, with each run's listings kept per set of
/// local equations (the subsets of identities tried share most of them).
struct Search<'a, 'r> {
    runs: &'r [&'r GluedRun],
    texts: Texts<'a>,
    blocked: Vec<bool>,
    local: Vec<Vec<LocalEq>>,
    cross: Vec<(usize, CrossEq)>,
    /// Per run: (which of its local equations were applied, as bits, or
    /// `u64::MAX` when it has more than 64; the splits that satisfy them).
    cache: Vec<Vec<(u64, Vec<Split>)>>,
    steps: usize,
}

impl Search<'_, '_> {
    fn split(&self, run: usize, (listing, i): Pick) -> &Split {
        &self.cache[run][listing].1[i]
    }

    /// The splits of run `ri` that satisfy its local equations among `active`.
    fn listing(&mut self, ri: usize, active: &[bool]) -> usize {
        let local = &self.local[ri];
        let key = if local.len() > 64 {
            u64::MAX
        } else {
            local
                .iter()
                .enumerate()
                .filter(|(_, l)| active[l.eq])
                .fold(0u64, |k, (j, _)| k | 1 << j)
        };
        if key != u64::MAX {
            if let Some(i) = self.cache[ri].iter().position(|(k, _)| *k == key) {
                return i;
            }
        }
        let eqs: Vec<&LocalEq> = local.iter().filter(|l| active[l.eq]).collect();
        let splits = self.texts.list(ri, self.runs[ri].slots.len(), &eqs);
        self.cache[ri].push((key, splits));
        self.cache[ri].len() - 1
    }

    /// Depth-first search over the runs' splits with the equations in `active`.
    /// Returns `None` when the step limit is hit, `Some(None)` when no combination
    /// satisfies them, else, per run, the split all solutions share (or `None`
    /// where they differ).
    fn run(&mut self, active: &[bool]) -> Option<Option<Vec<Option<Pick>>>> {
        let nruns = self.runs.len();
        let mut lists: Vec<usize> = Vec::with_capacity(nruns);
        for ri in 0..nruns {
            if self.blocked[ri] {
                return Some(None);
            }
            let l = self.listing(ri, active);
            if self.cache[ri][l].1.is_empty() {
                return Some(None);
            }
            lists.push(l);
        }
        let cands: Vec<&[Split]> = (0..nruns)
            .map(|ri| self.cache[ri][lists[ri]].1.as_slice())
            .collect();
        let cross: Vec<&CrossEq> = self
            .cross
            .iter()
            .filter(|(ei, _)| active[*ei])
            .map(|(_, c)| c)
            .collect();
        // Per run, the equations it feeds (`touch`: run, equation, and the range
        // of the equation's terms in that run) and those checked once it is
        // chosen (`at_depth`: run, equation), both by run (a counting sort); per
        // candidate of a run, what it adds to each equation it feeds.
        let mut touch_at = vec![0usize; nruns + 1];
        let mut depth_at = vec![0usize; nruns + 1];
        for c in &cross {
            for (r, _, _) in groups(&c.terms) {
                touch_at[r + 1] += 1;
            }
            depth_at[c.last + 1] += 1;
        }
        for r in 0..nruns {
            touch_at[r + 1] += touch_at[r];
            depth_at[r + 1] += depth_at[r];
        }
        let mut touch = vec![(0usize, 0usize, 0usize, 0usize); touch_at[nruns]];
        let mut at_depth = vec![(0usize, 0usize); depth_at[nruns]];
        let mut fill = touch_at.clone();
        let mut fill_depth = depth_at.clone();
        for (ci, c) in cross.iter().enumerate() {
            for (r, lo, hi) in groups(&c.terms) {
                touch[fill[r]] = (r, ci, lo, hi);
                fill[r] += 1;
            }
            at_depth[fill_depth[c.last]] = (c.last, ci);
            fill_depth[c.last] += 1;
        }
        let mut adds_at = Vec::with_capacity(nruns + 1);
        let mut adds: Vec<i128> = Vec::new();
        for (r, cs) in cands.iter().enumerate() {
            adds_at.push(adds.len());
            for split in cs.iter() {
                for &(_, ci, lo, hi) in &touch[touch_at[r]..touch_at[r + 1]] {
                    adds.push(
                        cross[ci].terms[lo..hi]
                            .iter()
                            .map(|&(_, cell, coef)| times(coef, scaled(split[cell].0)))
                            .sum(),
                    );
                }
            }
        }
        adds_at.push(adds.len());
        let mut dfs = Dfs {
            cands: &cands,
            touch: &touch,
            touch_at: &touch_at,
            at_depth: &at_depth,
            depth_at: &depth_at,
            adds: &adds,
            adds_at: &adds_at,
            partial: cross.iter().map(|c| c.konst).collect(),
            chosen: vec![0; nruns],
            agreed: None,
            steps: &mut self.steps,
        };
        if !dfs.go(0) {
            return None;
        }
        Some(dfs.agreed.map(|a| {
            a.into_iter()
                .zip(&lists)
                .map(|(x, &l)| x.map(|i| (l, i)))
                .collect()
        }))
    }
}

/// The terms of an equation (sorted by run) grouped by run: (run, lo, hi).
fn groups(t: &[(usize, usize, i64)]) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let mut lo = 0;
    std::iter::from_fn(move || {
        let r = t.get(lo)?.0;
        let hi = lo + t[lo..].iter().take_while(|x| x.0 == r).count();
        let g = (r, lo, hi);
        lo = hi;
        Some(g)
    })
}

/// The search proper: each equation across runs is checked once the last run it
/// depends on is chosen, on sums kept per equation as runs are chosen.
struct Dfs<'a> {
    cands: &'a [&'a [Split]],
    touch: &'a [(usize, usize, usize, usize)],
    touch_at: &'a [usize],
    at_depth: &'a [(usize, usize)],
    depth_at: &'a [usize],
    adds: &'a [i128],
    adds_at: &'a [usize],
    /// Per equation: its known part plus what the runs chosen so far add.
    partial: Vec<i128>,
    chosen: Vec<usize>,
    agreed: Option<Vec<Option<usize>>>,
    steps: &'a mut usize,
}

impl Dfs<'_> {
    /// False when the step limit is hit.
    fn go(&mut self, depth: usize) -> bool {
        if depth == self.cands.len() {
            let sol = self.chosen.iter().map(|&c| Some(c));
            self.agreed = Some(match self.agreed.take() {
                None => sol.collect(),
                Some(a) => a
                    .iter()
                    .zip(sol)
                    .map(|(x, y)| if *x == y { *x } else { None })
                    .collect(),
            });
            return true;
        }
        let touch = &self.touch[self.touch_at[depth]..self.touch_at[depth + 1]];
        let checks = &self.at_depth[self.depth_at[depth]..self.depth_at[depth + 1]];
        for ci in 0..self.cands[depth].len() {
            *self.steps += 1;
            if *self.steps > MAX_STEPS {
                return false;
            }
            self.chosen[depth] = ci;
            let from = self.adds_at[depth] + ci * touch.len();
            let adds = &self.adds[from..from + touch.len()];
            for (&(_, e, _, _), &a) in touch.iter().zip(adds) {
                self.partial[e] += a;
            }
            let ok = checks.iter().all(|&(_, e)| self.partial[e] == 0);
            let mut done = false;
            if ok {
                if !self.go(depth + 1) {
                    return false;
                }
                // Once every run disagrees somewhere, more solutions change nothing.
                done = self
                    .agreed
                    .as_ref()
                    .is_some_and(|a| a.iter().all(Option::is_none));
            }
            for (&(_, e, _, _), &a) in touch.iter().zip(adds) {
                self.partial[e] -= a;
            }
            if done {
                return true;
            }
        }
        true
    }
}

/// Values as integers scaled by 10^6, so decimals add exactly.
fn scaled(v: Decimal) -> i128 {
    let s = v.scale.min(6) as usize;
    v.mantissa as i128 * POW10[6 - s]
}

/// `coef · v`, without a multiplication for the usual ±1 and 0.
fn times(coef: i64, v: i128) -> i128 {
    match coef {
        0 => 0,
        1 => v,
        -1 => -v,
        c => c as i128 * v,
    }
}

/// A number that may start at some offset of a run.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Byte offsets in the text.
    start: usize,
    end: usize,
    value: Decimal,
    unit: Option<Unit>,
}

/// The numbers that may start at one offset: `pieces[lo..hi]`, by end, and how
/// many ends were tried there (those that do not parse included).
#[derive(Debug, Clone, Copy)]
struct Starts {
    lo: usize,
    hi: usize,
    tried: usize,
}

/// What is known at one offset of a run.
#[derive(Debug, Clone, Copy)]
struct Offset {
    /// The ASCII digits from the run's start to here.
    digits: usize,
    /// Whether a `-` is before here in the run.
    minus: bool,
    /// The numbers that may start here, once read.
    starts: Option<Starts>,
    /// The numbers that end here: `by_end[lo..hi]`, once their chunk is indexed.
    ends: (usize, usize),
}

/// Where a run is in [`Texts`].
#[derive(Debug, Clone, Copy)]
struct RunAt {
    /// Its bytes in the text.
    start: usize,
    end: usize,
    /// Its chunks: `chunks[lo..hi]`.
    lo: usize,
    hi: usize,
    /// Its offsets: `offsets[off..]`, one per byte and one past its end (none
    /// for a run longer than [`LONG_RUN`]).
    off: usize,
}

/// The runs of a table cut into chunks, with the numbers that may start at each
/// offset read once, on first need; shared buffers for all the runs.
struct Texts<'a> {
    text: &'a str,
    runs: Vec<RunAt>,
    /// Stretches between spaces, cut again before a sign and after a unit, as
    /// byte ranges of the text; never empty.
    chunks: Vec<(usize, usize)>,
    /// Whether the numbers ending in each chunk were indexed in `by_end`.
    indexed: Vec<bool>,
    offsets: Vec<Offset>,
    pieces: Vec<Piece>,
    /// Indices into `pieces`, grouped by where they end.
    by_end: Vec<usize>,
    /// Buffers: for indexing a chunk, and a listing's partial sums and cells.
    scratch: Vec<usize>,
    partial: Vec<i128>,
    cur: Vec<usize>,
    /// For a run longer than [`LONG_RUN`], every split (listed when its steps
    /// are counted).
    whole: Vec<Option<Vec<Split>>>,
}

impl<'a> Texts<'a> {
    fn new(text: &'a str, runs: &[&GluedRun]) -> Texts<'a> {
        let bytes: usize = runs
            .iter()
            .map(|r| r.raw.1 - r.raw.0 + 1)
            .filter(|&n| n <= LONG_RUN + 1)
            .sum();
        let mut t = Texts {
            text,
            runs: Vec::with_capacity(runs.len()),
            chunks: Vec::with_capacity(runs.len() * 2),
            indexed: Vec::new(),
            offsets: Vec::with_capacity(bytes),
            pieces: Vec::with_capacity(8 * bytes),
            by_end: Vec::with_capacity(8 * bytes),
            scratch: Vec::new(),
            partial: Vec::new(),
            cur: Vec::new(),
            whole: vec![None; runs.len()],
        };
        for r in runs {
            let (start, end) = r.raw;
            let lo = t.chunks.len();
            let off = t.offsets.len();
            if end - start > LONG_RUN {
                t.runs.push(RunAt {
                    start,
                    end,
                    lo,
                    hi: lo,
                    off,
                });
                continue;
            }
            chunks(&text[start..end], start, &mut t.chunks);
            let b = &text.as_bytes()[start..end];
            t.offsets.resize(
                off + b.len() + 1,
                Offset {
                    digits: 0,
                    minus: false,
                    starts: None,
                    ends: (0, 0),
                },
            );
            for (i, &c) in b.iter().enumerate() {
                let prev = t.offsets[off + i];
                let o = &mut t.offsets[off + i + 1];
                o.digits = prev.digits + usize::from(c.is_ascii_digit());
                o.minus = prev.minus || c == b'-';
            }
            t.runs.push(RunAt {
                start,
                end,
                lo,
                hi: t.chunks.len(),
                off,
            });
        }
        t.indexed = vec![false; t.chunks.len()];
        t
    }

    fn at(&self, r: usize, pos: usize) -> Offset {
        let run = self.runs[r];
        self.offsets[run.off + pos - run.start]
    }

    /// The numbers that may start at `pos` of run `r`, inside the chunk ending at
    /// `end`.
    fn starts(&mut self, r: usize, pos: usize, end: usize) -> Starts {
        let run = self.runs[r];
        let slot = run.off + pos - run.start;
        if let Some(s) = self.offsets[slot].starts {
            return s;
        }
        let text = self.text;
        let rest = &text[pos..end];
        let b = rest.as_bytes();
        let sign = usize::from(b.first().is_some_and(|&c| c == b'-' || c == b'+'));
        // The number runs over digits and at most one point. A unit after it must
        // end the number (one way to cut); without one it may end after any digit
        // that no point follows directly.
        let mut j = sign;
        let mut seen_point = false;
        let mut unit_end: Option<Option<usize>> = None;
        while j < b.len() {
            if b[j].is_ascii_digit() {
                j += 1;
            } else if b[j] == b'.' && !seen_point && j > sign {
                seen_point = true;
                j += 1;
            } else {
                let ul = if rest[j..].starts_with("万元") {
                    "万元".len()
                } else {
                    rest[j..].chars().next().map_or(1, char::len_utf8)
                };
                // As a cut: only right after a digit, and not at a second point.
                let after_digit = j > sign && b[j - 1].is_ascii_digit() && b[j] != b'.';
                unit_end = Some(after_digit.then_some(j + ul));
                break;
            }
        }
        let lo = self.pieces.len();
        let tried = if sign == 0 && unit_end.is_none() && !seen_point {
            // Plain digits to the end of the chunk, the usual case: every end is
            // tried; a 0 is a number of its own, and the value is read along
            // (what `piece` reads, without its searching).
            let mut v = 0i64;
            for e in 1..=b.len() {
                if b[0] == b'0' && e > 1 {
                    break;
                }
                let value = if e <= 18 {
                    v = v * 10 + i64::from(b[e - 1] - b'0');
                    Decimal::int(v)
                } else if e == 19 {
                    match piece(&rest[..e]) {
                        Some((value, _)) => value,
                        None => break,
                    }
                } else {
                    // 20 digits and more overflow an i64.
                    break;
                };
                self.pieces.push(Piece {
                    start: pos,
                    end: pos + e,
                    value,
                    unit: None,
                });
            }
            b.len()
        } else {
            let mut tried = 0;
            let mut try_end = |e: usize| {
                tried += 1;
                if let Some((value, unit)) = piece(&rest[..e]) {
                    self.pieces.push(Piece {
                        start: pos,
                        end: pos + e,
                        value,
                        unit,
                    });
                }
            };
            match unit_end {
                Some(only) => only.into_iter().for_each(&mut try_end),
                None => (sign + 1..=b.len())
                    .filter(|&e| b[e - 1].is_ascii_digit() && b.get(e) != Some(&b'.'))
                    .for_each(&mut try_end),
            }
            tried
        };
        let s = Starts {
            lo,
            hi: self.pieces.len(),
            tried,
        };
        self.offsets[slot].starts = Some(s);
        s
    }

    /// Whether listing every split of run `r` into `k` cells, piece by piece
    /// without pruning, takes more than [`MAX_SPLITS`] steps (a piece tried, a
    /// split found).
    fn too_many(&mut self, r: usize, k: usize) -> bool {
        let run = self.runs[r];
        let len = run.end - run.start;
        if len > LONG_RUN {
            let all = whole_listing(&self.text[run.start..run.end], k, run.start);
            let refused = all.is_none();
            self.whole[r] = all;
            return refused;
        }
        if len <= COUNT_FREE_LEN {
            return false;
        }
        let mut memo = vec![None; len * k];
        let mut total = 0usize;
        let start = self.chunks.get(run.lo).map_or(0, |c| c.0);
        self.count(r, run.lo, start, 0, k, &mut memo, &mut total)
            .is_none()
    }

    /// Steps of the unpruned listing of run `r` from chunk `ci`, offset `pos`,
    /// with `c` cells cut; `total` is what the whole listing has counted so far
    /// (memoised parts count again, as the listing would walk them again). `None`
    /// past the limit.
    #[allow(clippy::too_many_arguments)]
    fn count(
        &mut self,
        r: usize,
        mut ci: usize,
        mut pos: usize,
        c: usize,
        k: usize,
        memo: &mut [Option<usize>],
        total: &mut usize,
    ) -> Option<usize> {
        let run = self.runs[r];
        loop {
            if ci == run.hi {
                let v = usize::from(c == k);
                *total += v;
                return (*total <= MAX_SPLITS).then_some(v);
            }
            if pos < self.chunks[ci].1 {
                break;
            }
            ci += 1;
            if ci < run.hi {
                pos = self.chunks[ci].0;
            }
        }
        // Every later chunk needs at least one cell.
        if c + 1 + (run.hi - ci - 1) > k {
            return Some(0);
        }
        let key = (pos - run.start) * k + c;
        if let Some(v) = memo[key] {
            *total = total.saturating_add(v);
            return (*total <= MAX_SPLITS).then_some(v);
        }
        let s = self.starts(r, pos, self.chunks[ci].1);
        *total += s.tried;
        if *total > MAX_SPLITS {
            return None;
        }
        let mut sum = s.tried;
        for i in s.lo..s.hi {
            let end = self.pieces[i].end;
            sum = sum.saturating_add(self.count(r, ci, end, c + 1, k, memo, total)?);
        }
        memo[key] = Some(sum);
        Some(sum)
    }

    /// The splits of run `r` into `k` cells that satisfy `eqs`, in the order of
    /// listing them all from the left (by the end of the first cell, then of the
    /// second, …). They are cut from the right: a total printed after its parts
    /// is then cut first, and the parts must add up to it.
    fn list(&mut self, r: usize, k: usize, eqs: &[&LocalEq]) -> Vec<Split> {
        let run = self.runs[r];
        if run.end - run.start > LONG_RUN {
            let Some(all) = &self.whole[r] else {
                return Vec::new();
            };
            return all
                .iter()
                .filter(|s| {
                    eqs.iter().all(|eq| {
                        let sum: i128 = s
                            .iter()
                            .enumerate()
                            .map(|(c, x)| times(eq.cells[c].0, scaled(x.0)))
                            .sum();
                        sum + eq.konst == 0
                    })
                })
                .cloned()
                .collect();
        }
        if let Some(zeros) = self.zeros(r, k) {
            // Each 0 is a cell of its own (`00` is not a number), so the one split
            // is all zeros, and an equation holds on it when its known part is 0.
            return if eqs.iter().all(|eq| eq.konst == 0) {
                vec![zeros]
            } else {
                Vec::new()
            };
        }
        let ne = eqs.len();
        // Per number of cells cut so far, each equation's partial sum (its known
        // cells included).
        let mut partial = std::mem::take(&mut self.partial);
        partial.clear();
        partial.resize((k + 1) * ne, 0);
        for (e, eq) in eqs.iter().enumerate() {
            partial[e] = eq.konst;
        }
        let mut cur = std::mem::take(&mut self.cur);
        cur.clear();
        let mut w = Walk {
            r,
            k,
            eqs,
            partial,
            cur,
            out: Vec::new(),
        };
        let run = self.runs[r];
        if run.hi == run.lo {
            if k == 0 {
                w.out.push(Vec::new());
            }
        } else {
            let end = self.chunks[run.hi - 1].1;
            self.walk(run.hi - 1, end, &mut w);
        }
        self.partial = w.partial;
        self.cur = w.cur;
        let mut out = w.out;
        out.sort_by(|a, b| a.iter().map(|c| c.2).cmp(b.iter().map(|c| c.2)));
        out
    }

    /// For a run of exactly `k` zeros (and spaces), its one split.
    fn zeros(&self, r: usize, k: usize) -> Option<Split> {
        let run = self.runs[r];
        let raw = &self.text[run.start..run.end];
        let mut out = Vec::with_capacity(k);
        for (i, c) in raw.char_indices() {
            if c == '0' {
                let at = run.start + i;
                out.push((Decimal::int(0), None, (at, at + 1)));
            } else if !c.is_whitespace() {
                return None;
            }
        }
        (out.len() == k && k > 0).then_some(out)
    }

    /// Cuts the cell that ends at `pos` (in chunk `ci`), then the ones before it.
    fn walk(&mut self, mut ci: usize, mut pos: usize, w: &mut Walk) {
        let run = self.runs[w.r];
        let cut = w.cur.len();
        loop {
            if pos > self.chunks[ci].0 {
                break;
            }
            if ci == run.lo {
                if cut == w.k {
                    let pieces = &self.pieces;
                    w.out.push(
                        w.cur
                            .iter()
                            .rev()
                            .map(|&i| {
                                let p = &pieces[i];
                                (p.value, p.unit, (p.start, p.end))
                            })
                            .collect(),
                    );
                }
                return;
            }
            ci -= 1;
            pos = self.chunks[ci].1;
        }
        let earlier_chunks = ci - run.lo;
        // Every earlier chunk needs a cell, and this one.
        if cut + 1 + earlier_chunks > w.k {
            return;
        }
        let cell = w.k - cut - 1;
        // Cells left to cut after this one, all before it.
        let left = cell;
        let chunk_start = self.chunks[ci].0;
        let ne = w.eqs.len();
        let (lo, hi) = self.ending(w.r, ci, pos);
        // When the cells left are one per earlier chunk, this cell starts its
        // chunk: only the longest piece (pieces are by start, last first) can.
        let lo = if left == earlier_chunks {
            hi.saturating_sub(1).max(lo)
        } else {
            lo
        };
        for j in lo..hi {
            let i = self.by_end[j];
            let (start, value) = (self.pieces[i].start, self.pieces[i].value);
            let before = self.at(w.r, start);
            // Each cell left needs a digit of its own; starts only fall.
            if before.digits < left {
                break;
            }
            // And each chunk before (or the rest of this one) a cell.
            if usize::from(start > chunk_start) + earlier_chunks > left {
                continue;
            }
            // With no `-` before the cut, each cell left is ≥ 0 and, having at
            // most `digits - (left - 1)` digits, scaled below 10^(that + 6).
            let free = (before.digits + 1).saturating_sub(left);
            let mut ok = true;
            for (e, eq) in w.eqs.iter().enumerate() {
                let sum = w.partial[cut * ne + e] + times(eq.cells[cell].0, scaled(value));
                w.partial[(cut + 1) * ne + e] = sum;
                ok = match eq.first.cmp(&cell) {
                    std::cmp::Ordering::Equal => sum == 0,
                    std::cmp::Ordering::Greater => true,
                    std::cmp::Ordering::Less => before.minus || reachable(-sum, eq, cell, free),
                };
                if !ok {
                    break;
                }
            }
            if ok {
                w.cur.push(i);
                self.walk(ci, start, w);
                w.cur.pop();
            }
        }
    }

    /// The numbers of run `r` that end at `pos` in chunk `ci`: `by_end[lo..hi]`,
    /// the shortest first. A chunk's are found together, on first need.
    fn ending(&mut self, r: usize, ci: usize, pos: usize) -> (usize, usize) {
        if !self.indexed[ci] {
            self.indexed[ci] = true;
            let (cs, ce) = self.chunks[ci];
            let run = self.runs[r];
            // How many end at each offset of the chunk, then where each offset's
            // go, then (by start, last first) the numbers themselves.
            let mut next = std::mem::take(&mut self.scratch);
            next.clear();
            next.resize(ce - cs + 1, 0);
            for s in cs..ce {
                if self.text.is_char_boundary(s) {
                    let st = self.starts(r, s, ce);
                    for i in st.lo..st.hi {
                        next[self.pieces[i].end - cs] += 1;
                    }
                }
            }
            let mut at = self.by_end.len();
            for (p, n) in next.iter_mut().enumerate() {
                let count = *n;
                self.offsets[run.off + cs + p - run.start].ends = (at, at + count);
                *n = at;
                at += count;
            }
            self.by_end.resize(at, 0);
            for s in (cs..ce).rev() {
                if let Some(st) = self.offsets[run.off + s - run.start].starts {
                    for i in st.lo..st.hi {
                        let slot = &mut next[self.pieces[i].end - cs];
                        self.by_end[*slot] = i;
                        *slot += 1;
                    }
                }
            }
            self.scratch = next;
        }
        self.at(r, pos).ends
    }
}

/// The state of one listing.
struct Walk<'w> {
    r: usize,
    k: usize,
    eqs: &'w [&'w LocalEq],
    partial: Vec<i128>,
    /// The pieces cut so far, last cell first, as indices into
    /// [`Texts::pieces`].
    cur: Vec<usize>,
    out: Vec<Split>,
}

/// 10^i for i in 0..=38 (all that fit in an i128).
const POW10: [i128; 39] = {
    let mut t = [1i128; 39];
    let mut i = 1;
    while i < 39 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// Whether the cells of `eq` before `cell`, each in 0..10^(digits + 6), can add
/// up to `need`. True when the bound would not fit in an i128 (it then prunes
/// nothing).
fn reachable(need: i128, eq: &LocalEq, cell: usize, digits: usize) -> bool {
    // Coefficient sums within ±10^6 and a bound below 10^30 keep the products far
    // inside an i128.
    if !eq.small || digits + 6 > 30 {
        return true;
    }
    let top = POW10[digits + 6] - 1;
    let (_, pos, neg) = eq.cells[cell];
    neg as i128 * top <= need && need <= pos as i128 * top
}

/// A piece of a run read as a number, or `None` when it cannot be one cell.
fn piece(p: &str) -> Option<(Decimal, Option<Unit>)> {
    let (num, unit) = split_unit(p);
    let digits = num.trim_start_matches(['+', '-']);
    // No leading zeros: `07` is two cells, `0.5` is one.
    if digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0.") {
        return None;
    }
    if digits.ends_with('.') {
        return None;
    }
    Decimal::parse_plain(num).map(|v| (v, unit))
}

/// Chunks of `raw` (at offset `base` in the text): stretches between spaces, cut
/// again before a sign and after a unit, as byte ranges of the text.
fn chunks(raw: &str, base: usize, out: &mut Vec<(usize, usize)>) {
    let mut start: Option<usize> = None;
    let mut i = 0;
    while let Some(c) = raw[i..].chars().next() {
        let w = c.len_utf8();
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((base + s, base + i));
            }
        } else if c == '-' || c == '+' {
            if let Some(s) = start.take() {
                out.push((base + s, base + i));
            }
            start = Some(i);
        } else {
            if start.is_none() {
                start = Some(i);
            }
            let unit_len = if raw[i..].starts_with("万元") {
                "万元".len()
            } else if matches!(c, '元' | '项' | '件') {
                w
            } else {
                0
            };
            if unit_len > 0 {
                let s = start.take().unwrap_or(i);
                out.push((base + s, base + i + unit_len));
                i += unit_len;
                continue;
            }
        }
        i += w;
    }
    if let Some(s) = start {
        out.push((base + s, base + raw.len()));
    }
}

/// The listing as it was before it pruned, for runs longer than [`LONG_RUN`]:
/// every split of `raw` (at byte offset `base` in the text) into `k` numbers, piece
/// by piece from the left, or `None` when that takes more than [`MAX_SPLITS`]
/// steps.
fn whole_listing(raw: &str, k: usize, base: usize) -> Option<Vec<Split>> {
    // Chunks: stretches between spaces, cut again before a sign and after a unit.
    let mut chunks: Vec<(usize, &str)> = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < raw.len() {
        let c = raw[i..].chars().next()?;
        let w = c.len_utf8();
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                chunks.push((s, &raw[s..i]));
            }
        } else if c == '-' || c == '+' {
            if let Some(s) = start.take() {
                chunks.push((s, &raw[s..i]));
            }
            start = Some(i);
        } else {
            if start.is_none() {
                start = Some(i);
            }
            let unit_len = if raw[i..].starts_with("万元") {
                "万元".len()
            } else if matches!(c, '元' | '项' | '件') {
                w
            } else {
                0
            };
            if unit_len > 0 {
                let s = start.take().unwrap_or(i);
                chunks.push((s, &raw[s..i + unit_len]));
                i += unit_len;
                continue;
            }
        }
        i += w;
    }
    if let Some(s) = start {
        chunks.push((s, &raw[s..]));
    }
    // For each chunk, the ways to cut it into m numbers, m = 1..=digits.
    let mut out: Vec<Split> = Vec::new();
    let mut cur: Split = Vec::with_capacity(k);
    let mut budget = MAX_SPLITS;
    if !fill(&chunks, 0, k, base, &mut cur, &mut out, &mut budget) {
        return None;
    }
    Some(out)
}

fn fill(
    chunks: &[(usize, &str)],
    ci: usize,
    k: usize,
    base: usize,
    cur: &mut Split,
    out: &mut Vec<Split>,
    budget: &mut usize,
) -> bool {
    if ci == chunks.len() {
        if cur.len() == k {
            if *budget == 0 {
                return false;
            }
            *budget -= 1;
            out.push(cur.clone());
        }
        return true;
    }
    let remaining_chunks = chunks.len() - ci - 1;
    let (off, chunk) = chunks[ci];
    cut(
        chunk,
        off,
        0,
        chunks,
        ci,
        k,
        remaining_chunks,
        base,
        cur,
        out,
        budget,
    )
}

/// Cuts `chunk[from..]` into numbers, then goes on with the next chunk.
#[allow(clippy::too_many_arguments)]
fn cut(
    chunk: &str,
    off: usize,
    from: usize,
    chunks: &[(usize, &str)],
    ci: usize,
    k: usize,
    remaining_chunks: usize,
    base: usize,
    cur: &mut Split,
    out: &mut Vec<Split>,
    budget: &mut usize,
) -> bool {
    if from == chunk.len() {
        return fill(chunks, ci + 1, k, base, cur, out, budget);
    }
    // Every later chunk needs at least one cell.
    if cur.len() + 1 + remaining_chunks > k {
        return true;
    }
    let rest = &chunk[from..];
    let b = rest.as_bytes();
    let sign = usize::from(b[0] == b'-' || b[0] == b'+');
    // The number runs over digits and at most one point. A unit after it must end
    // the number (one way to cut); without one it may end after any digit that no
    // point follows directly.
    let mut j = sign;
    let mut seen_point = false;
    let mut point = usize::MAX;
    let mut unit_end: Option<Option<usize>> = None;
    while j < b.len() {
        if b[j].is_ascii_digit() {
            j += 1;
        } else if b[j] == b'.' && !seen_point && j > sign {
            seen_point = true;
            point = j;
            j += 1;
        } else {
            let ul = if rest[j..].starts_with("万元") {
                "万元".len()
            } else {
                rest[j..].chars().next().map_or(1, char::len_utf8)
            };
            // As a cut: only right after a digit, and not at a second point.
            let after_digit = j > sign && b[j - 1].is_ascii_digit() && b[j] != b'.';
            unit_end = Some(after_digit.then_some(j + ul));
            break;
        }
    }
    let (only, scan_to) = match unit_end {
        Some(end) => (end, 0),
        None => (None, b.len()),
    };
    let ends = only.into_iter().chain(
        (sign + 1..=scan_to).filter(|&e| b[e - 1].is_ascii_digit() && b.get(e) != Some(&b'.')),
    );
    for e in ends {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        // Over 19 digits and no point: past an i64, what parsing would find
        // (without reading them all, for each of a long run's ends).
        if unit_end.is_none() && e <= point && e - sign > 19 {
            continue;
        }
        let piece = &rest[..e];
        let (num, unit) = split_unit(piece);
        let digits = num.trim_start_matches(['+', '-']);
        // No leading zeros: `07` is two cells, `0.5` is one.
        if digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0.") {
            continue;
        }
        if digits.ends_with('.') {
            continue;
        }
        let Some(v) = Decimal::parse_plain(num) else {
            continue;
        };
        cur.push((v, unit, (base + off + from, base + off + from + e)));
        let ok = cut(
            chunk,
            off,
            from + e,
            chunks,
            ci,
            k,
            remaining_chunks,
            base,
            cur,
            out,
            budget,
        );
        cur.pop();
        if !ok {
            return false;
        }
    }
    true
}

fn split_unit(p: &str) -> (&str, Option<Unit>) {
    for (u, unit) in [
        ("万元", Unit::WanYuan),
        ("元", Unit::Yuan),
        ("项", Unit::Xiang),
        ("件", Unit::Jian),
    ] {
        if let Some(n) = p.strip_suffix(u) {
            return (n, Some(unit));
        }
    }
    (p, None)
}

/// All ways to split `raw` into `k` numbers (no identity applied), or `None` when
/// there are too many to list.
#[cfg(test)]
fn splits(raw: &str, k: usize) -> Option<Vec<Split>> {
    let run = GluedRun {
        table: 0,
        slots: (0..k).collect(),
        raw: (0, raw.len()),
        line: 1,
    };
    let mut t = Texts::new(raw, &[&run]);
    if t.too_many(0, k) {
        return None;
    }
    Some(t.list(0, k, &[]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(raw: &str, k: usize) -> Vec<Vec<String>> {
        splits(raw, k)
            .unwrap()
            .iter()
            .map(|s| s.iter().map(|(v, _, _)| v.to_string()).collect())
            .collect()
    }

    /// Where a number may end: after any digit no point follows, at a unit only
    /// with the unit, never at a second point or a unit right after a point.
    #[test]
    fn where_numbers_end() {
        let v: Vec<Vec<String>> = vec![];
        assert_eq!(vals("1.2.3", 2), v);
        assert_eq!(vals("1.2.3", 3), v);
        assert_eq!(vals("12.5元7", 2), vec![vec!["12.5", "7"]]);
        assert_eq!(vals("3.元4", 2), v);
        assert_eq!(vals("123", 2), vec![vec!["1", "23"], vec!["12", "3"]]);
        assert_eq!(vals("1.53", 2), vec![vec!["1.5", "3"]]);
    }

    #[test]
    fn zeros_split_one_way() {
        assert_eq!(vals("0000000", 7), vec![vec!["0"; 7]]);
    }

    #[test]
    fn spaces_are_boundaries() {
        // 23 | 0 | 0 | 0 | 0 | 0 | 23 with two padded cells.
        let v = vals("230 000023", 7);
        assert!(v.contains(
            &vec!["23", "0", "0", "0", "0", "0", "23"]
                .into_iter()
                .map(String::from)
                .collect()
        ));
        assert!(v.iter().all(|s| s.len() == 7));
    }

    #[test]
    fn signs_and_units() {
        assert_eq!(vals("2648-18538", 3).len(), 7);
        assert!(vals("2648-18538", 3).contains(&vec!["2648".into(), "-18".into(), "538".into()]));
        let v = vals("29项37551661.7元", 2);
        assert_eq!(v, vec![vec!["29".to_string(), "37551661.7".to_string()]]);
    }

    #[test]
    fn leading_zero_not_allowed() {
        assert_eq!(vals("007", 3), vec![vec!["0", "0", "7"]]);
        assert!(vals("007", 2).is_empty());
    }

    fn run_of(raw: &str, k: usize) -> GluedRun {
        GluedRun {
            table: 0,
            slots: (0..k).collect(),
            raw: (0, raw.len()),
            line: 1,
        }
    }

    /// An equation over the `k` cells of one run (and, as cell `k`, a known
    /// value), as the listing applies it.
    fn local_eq(k: usize, terms: &[(usize, i64)], known: Option<i128>) -> LocalEq {
        let eq = Equation {
            check: 0,
            terms: terms.to_vec(),
        };
        let run = run_of("", k);
        let mut owner: Vec<Option<(usize, usize)>> = (0..k).map(|c| Some((0, c))).collect();
        owner.push(None);
        let mut knowns = vec![None; k];
        knowns.push(known);
        let (mut local, cross) = classify(&[eq], &[&run], &owner, &knowns);
        assert!(cross.is_empty());
        local[0].remove(0)
    }

    /// The last cell is the sum of the others (section 三's row identity).
    fn row_total(k: usize) -> LocalEq {
        let mut terms = vec![(k - 1, 1)];
        terms.extend((0..k - 1).map(|c| (c, -1)));
        local_eq(k, &terms, None)
    }

    fn strings(splits: &[Split]) -> Vec<Vec<String>> {
        splits
            .iter()
            .map(|s| s.iter().map(|(v, _, _)| v.to_string()).collect())
            .collect()
    }

    /// The pruned listing, as the search gets it.
    fn listed(raw: &str, k: usize, eqs: &[&LocalEq]) -> Vec<Split> {
        let run = run_of(raw, k);
        Texts::new(raw, &[&run]).list(0, k, eqs)
    }

    /// Every split, listed from the left chunk by chunk without any pruning (as
    /// the listing did before it pruned), then filtered by `eqs` on whole splits.
    fn reference(raw: &str, k: usize, eqs: &[&LocalEq]) -> Vec<Split> {
        fn go(
            t: &mut Texts,
            ci: usize,
            pos: usize,
            cur: &mut Split,
            k: usize,
            out: &mut Vec<Split>,
        ) {
            if ci == t.chunks.len() {
                if cur.len() == k {
                    out.push(cur.clone());
                }
                return;
            }
            let (cs, ce) = t.chunks[ci];
            let pos = pos.max(cs);
            if pos == ce {
                return go(t, ci + 1, 0, cur, k, out);
            }
            let st = t.starts(0, pos, ce);
            for i in st.lo..st.hi {
                let p = t.pieces[i];
                cur.push((p.value, p.unit, (p.start, p.end)));
                go(t, ci, p.end, cur, k, out);
                cur.pop();
            }
        }
        let run = run_of(raw, k);
        let mut t = Texts::new(raw, &[&run]);
        let mut all = Vec::new();
        go(&mut t, 0, 0, &mut Vec::new(), k, &mut all);
        all.retain(|s| {
            eqs.iter().all(|eq| {
                let sum: i128 = s
                    .iter()
                    .enumerate()
                    .map(|(c, x)| eq.cells[c].0 as i128 * scaled(x.0))
                    .sum();
                sum + eq.konst == 0
            })
        });
        all
    }

    /// 56 + 7 + 1 + 1 + 2 + 1 = 68: of the 28 splits of the row into 7 cells, one
    /// satisfies the row identity.
    #[test]
    fn a_row_with_exactly_one_split() {
        let eq = row_total(7);
        assert_eq!(vals("567112168", 7).len(), 28);
        let got = listed("567112168", 7, &[&eq]);
        assert_eq!(
            strings(&got),
            vec![vec!["56", "7", "1", "1", "2", "1", "68"]]
        );
        assert_eq!(got, reference("567112168", 7, &[&eq]));
    }

    /// 1 + 94 + 1 + 5 + 43 + 87 = 231 and 194 + 15 + 4 + 3 + 8 + 7 = 231: the row
    /// alone cannot choose (the search must leave it unresolved, see below).
    #[test]
    fn a_row_with_two_splits() {
        let eq = row_total(7);
        let got = listed("194154387231", 7, &[&eq]);
        assert_eq!(
            strings(&got),
            vec![
                vec!["1", "94", "1", "5", "43", "87", "231"],
                vec!["194", "15", "4", "3", "8", "7", "231"],
            ]
        );
        assert_eq!(got, reference("194154387231", 7, &[&eq]));
    }

    /// Pruning must not cut the right answer where its bounds are tight: a part
    /// of one digit that is the largest a digit can be (9 + 9 = 18), and a
    /// negative cell before the cut (−5 + 13 + 4 = 12), where "each cell left is
    /// at least 0" does not hold and must not be used.
    #[test]
    fn pruning_keeps_the_right_answer() {
        let eq = row_total(3);
        assert_eq!(
            strings(&listed("9918", 3, &[&eq])),
            vec![vec!["9", "9", "18"]]
        );
        let eq = row_total(4);
        assert_eq!(vals("-513412", 4).len(), 10);
        assert_eq!(
            strings(&listed("-513412", 4, &[&eq])),
            vec![vec!["-5", "13", "4", "12"]]
        );
        // A known cell outside the run: 7 = 3 + 4 with 7 printed elsewhere.
        let eq = local_eq(
            2,
            &[(2, 1), (0, -1), (1, -1)],
            Some(scaled(Decimal::int(7))),
        );
        assert_eq!(strings(&listed("34", 2, &[&eq])), vec![vec!["3", "4"]]);
        assert!(listed("35", 2, &[&eq]).is_empty());
    }

    /// Section 四 as one run of 15 cells (pingtan-2021's, 17 digits, 25 splits):
    /// three rows of four results and their total. 1+0+2+0 = 3, 12+0+0+0 = 12,
    /// and zeros.
    #[test]
    fn three_row_totals_in_one_run() {
        let eqs: Vec<LocalEq> = (0..3)
            .map(|r| {
                let mut t = vec![(5 * r + 4, 1)];
                t.extend((0..4).map(|c| (5 * r + c, -1)));
                local_eq(15, &t, None)
            })
            .collect();
        let refs: Vec<&LocalEq> = eqs.iter().collect();
        let raw = "10203120001200000";
        assert_eq!(vals(raw, 15).len(), 25);
        let got = listed(raw, 15, &refs);
        assert_eq!(
            strings(&got),
            vec![vec![
                "1", "0", "2", "0", "3", "12", "0", "0", "0", "12", "0", "0", "0", "0", "0"
            ]]
        );
        assert_eq!(got, reference(raw, 15, &refs));
    }

    /// A small deterministic generator (xorshift), for the property below.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> usize {
            (self.next() % n) as usize
        }
    }

    /// On runs of digits, signs, points, spaces and units, with equations of every
    /// shape (coefficients −2..2, a known cell or none), the pruned listing is
    /// exactly every split filtered afterwards, in the same order.
    #[test]
    fn pruned_listing_is_the_filtered_full_listing() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let alphabet = ["0", "1", "2", "3", "5", "9", "0", "1", " ", "-", ".", "元"];
        let mut nonempty = 0;
        for _ in 0..1500 {
            let len = 3 + rng.below(10);
            let raw: String = (0..len)
                .map(|_| {
                    let i = rng.below(alphabet.len() as u64 * 3);
                    // Mostly digits.
                    alphabet[if i < alphabet.len() { i } else { i % 6 }]
                })
                .collect();
            let k = 2 + rng.below(6);
            let neqs = rng.below(3);
            let eqs: Vec<LocalEq> = (0..neqs)
                .map(|_| {
                    let mut terms: Vec<(usize, i64)> = Vec::new();
                    for c in 0..k {
                        if rng.below(3) > 0 {
                            terms.push((c, rng.below(5) as i64 - 2));
                        }
                    }
                    if terms.is_empty() {
                        terms.push((k - 1, 1));
                    }
                    let known = (rng.below(3) == 0).then(|| {
                        terms.push((k, -1));
                        scaled(Decimal::int(rng.below(30) as i64))
                    });
                    local_eq(k, &terms, known)
                })
                .collect();
            let refs: Vec<&LocalEq> = eqs.iter().collect();
            let want = reference(&raw, k, &refs);
            nonempty += usize::from(!want.is_empty());
            assert_eq!(listed(&raw, k, &refs), want, "{raw:?} into {k}");
        }
        // The runs are not all unsplittable.
        assert!(nonempty > 100, "{nonempty}");
    }

    /// The steps of the unpruned listing, counted with memoisation, are those of
    /// walking it: which runs are too long to search does not change.
    #[test]
    fn long_runs_are_refused_as_before() {
        fn walk(t: &mut Texts, ci: usize, pos: usize, c: usize, k: usize) -> usize {
            if ci == t.chunks.len() {
                return usize::from(c == k);
            }
            let (cs, ce) = t.chunks[ci];
            let pos = pos.max(cs);
            if pos == ce {
                return walk(t, ci + 1, 0, c, k);
            }
            if c + 1 + (t.chunks.len() - ci - 1) > k {
                return 0;
            }
            let st = t.starts(0, pos, ce);
            let mut n = st.tried;
            for i in st.lo..st.hi {
                let end = t.pieces[i].end;
                n += walk(t, ci, end, c + 1, k);
            }
            n
        }
        let mut rng = Rng(12345);
        for _ in 0..60 {
            let len = 18 + rng.below(10);
            let raw: String = (0..len)
                .map(|_| ["1", "2", "3", "0", "7", " "][rng.below(6)])
                .collect();
            let k = 2 + rng.below(8);
            let run = run_of(&raw, k);
            let steps = walk(&mut Texts::new(&raw, &[&run]), 0, 0, 0, k);
            assert_eq!(
                Texts::new(&raw, &[&run]).too_many(0, k),
                steps > MAX_SPLITS,
                "{raw:?} into {k}: {steps}"
            );
        }
        // 72 threes into 7 cells (the fuzzer's run) are refused; 17 digits never
        // are, whatever they split into.
        assert!(splits(&"3".repeat(72), 7).is_none());
        assert!(splits(&"3".repeat(17), 9).is_some());
    }

    /// A run of zeros has one split, all zeros, whatever spaces it holds; an
    /// equation with a known part other than 0 leaves none.
    #[test]
    fn zeros_and_spaces() {
        let eq = row_total(4);
        for raw in ["0000", "0 00 0", "00\u{a0}00"] {
            let got = listed(raw, 4, &[&eq]);
            assert_eq!(strings(&got), vec![vec!["0"; 4]]);
            assert_eq!(got, reference(raw, 4, &[&eq]));
        }
        assert!(listed("0 00 0", 3, &[]).is_empty());
        let eq = local_eq(2, &[(0, 1), (1, 1), (2, -1)], Some(scaled(Decimal::int(1))));
        assert!(listed("00", 2, &[&eq]).is_empty());
        assert_eq!(reference("00", 2, &[&eq]), Vec::<Split>::new());
    }

    /// Runs longer than LONG_RUN bytes are listed as before the pruning: 150
    /// zeros with spaces split one way; a chunk no number can start is no split
    /// (and not refused); half a million digits are refused at once.
    #[test]
    fn long_runs() {
        let zeros = "0 ".repeat(150);
        assert!(zeros.len() > LONG_RUN);
        let run = run_of(&zeros, 150);
        let mut t = Texts::new(&zeros, &[&run]);
        assert!(!t.too_many(0, 150));
        assert_eq!(strings(&t.list(0, 150, &[])), vec![vec!["0"; 150]]);
        let dots = format!("1.2.{}", "3".repeat(300));
        let run = run_of(&dots, 2);
        let mut t = Texts::new(&dots, &[&run]);
        assert!(!t.too_many(0, 2));
        assert!(t.list(0, 2, &[]).is_empty());
        let digits = "7".repeat(500_000);
        assert!(whole_listing(&digits, 7, 0).is_none());
        // 19 digits still parse, 20 do not.
        let v = whole_listing(&format!("{}1", "9".repeat(280)), 2, 0);
        assert_eq!(v.map(|s| s.len()), Some(0));
        let big = format!("{}{}", "1".repeat(240), "9223372036854775807");
        let v = whole_listing(&big, 2, 0).expect("within the limit");
        assert_eq!(v, Vec::<Split>::new());
    }

    /// Through the whole search: a row the identities cannot decide stays
    /// unresolved with its raw digits, one they decide is recovered.
    #[test]
    fn an_ambiguous_row_stays_unresolved() {
        let tpl = crate::grammar::template("2021").expect("the 2021 template");
        let (table, t) = tpl.section_tables(3).next().expect("section 三");
        let ncols = t.cols.len();
        assert_eq!(ncols, 7);
        let text = "194154387231 567112168";
        let mut tables = Tables::new(tpl);
        for (row, raw) in [(0, (0, 12)), (2, (13, 22))] {
            let slots: Vec<usize> = (row * ncols..(row + 1) * ncols).collect();
            for &s in &slots {
                tables.tables[table].slots[s] = Some(Slot {
                    state: State::Unresolved,
                    value: None,
                    unit: None,
                    raw,
                    line: 1,
                });
            }
            tables.runs.push(GluedRun {
                table,
                slots,
                raw,
                line: 1,
            });
        }
        let mut diags = Vec::new();
        resolve(text, tpl, &mut tables, &mut diags);
        let row = |r: usize| -> Vec<(State, Option<String>)> {
            (r * ncols..(r + 1) * ncols)
                .map(|s| {
                    let slot = tables.tables[table].slots[s].clone().expect("a slot");
                    (slot.state, slot.value.map(|v| v.to_string()))
                })
                .collect()
        };
        assert_eq!(row(0), vec![(State::Unresolved, None); 7]);
        let want: Vec<(State, Option<String>)> = ["56", "7", "1", "1", "2", "1", "68"]
            .iter()
            .map(|v| (State::Recovered, Some(v.to_string())))
            .collect();
        assert_eq!(row(2), want);
        assert_eq!(diags.len(), 1);
        assert!(
            diags[0]
                .message
                .starts_with("digits `194154387231` run several cells together"),
            "{}",
            diags[0].message
        );
        assert_eq!(tables.runs.len(), 2);
    }
}
