//! The search over a table's runs: the combinations of splits, one per run, that
//! satisfy the identities across runs, with a budget of steps per table.

use super::listing::{Texts, POW10};
use super::{CrossEq, LocalEq, Split, MAX_STEPS};
use crate::model::value::Decimal;
use crate::parse::template::GluedRun;

/// Which split of a run: the listing it is in (one per set of local equations)
/// and its index there.
pub(super) type Pick = (usize, usize);

/// What every solution found says of a run: one split of it, and per cell
/// whether every solution cuts that cell the same (the same digits, so the same
/// value); `None` when no cell is cut the same in all of them.
pub(super) type Agreed = Option<(Pick, Vec<bool>)>;

/// A solution's candidate for a run, by index, and the cells cut alike so far.
type Alike = (usize, Vec<bool>);

/// `a` narrowed to the cells that `x` (a split of the same run) cuts as `a`'s
/// split does; `None` when none is left.
pub(super) fn narrow(a: (Pick, Vec<bool>), a_split: &Split, x: &Split) -> Agreed {
    let (pick, mut same) = a;
    for ((s, p), q) in same.iter_mut().zip(a_split).zip(x) {
        *s = *s && p == q;
    }
    same.iter().any(|&s| s).then_some((pick, same))
}

/// The search over one table's runs, with each run's listings kept per set of
/// local equations (the subsets of identities tried share most of them).
pub(super) struct Search<'a, 'r> {
    pub(super) runs: &'r [&'r GluedRun],
    pub(super) texts: Texts<'a>,
    pub(super) blocked: Vec<bool>,
    pub(super) local: Vec<Vec<LocalEq>>,
    pub(super) cross: Vec<(usize, CrossEq)>,
    /// Per run: (which of its local equations were applied, as bits, or
    /// `u64::MAX` when it has more than 64; the splits that satisfy them).
    pub(super) cache: Vec<Vec<(u64, Vec<Split>)>>,
    pub(super) steps: usize,
}

impl Search<'_, '_> {
    pub(super) fn split(&self, run: usize, (listing, i): Pick) -> &Split {
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
    /// satisfies them, else, per run, a split and the cells all solutions cut
    /// alike (or `None` where no cell is).
    pub(super) fn run(&mut self, active: &[bool]) -> Option<Option<Vec<Agreed>>> {
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
                .map(|(x, &l)| x.map(|(i, same)| ((l, i), same)))
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
    /// Per run: the first solution's split, and the cells every solution so
    /// far cuts as it does (`None` once no cell is).
    agreed: Option<Vec<Option<Alike>>>,
    steps: &'a mut usize,
}

impl Dfs<'_> {
    /// False when the step limit is hit.
    fn go(&mut self, depth: usize) -> bool {
        if depth == self.cands.len() {
            let cands = self.cands;
            self.agreed = Some(match self.agreed.take() {
                None => self
                    .chosen
                    .iter()
                    .enumerate()
                    .map(|(r, &c)| Some((c, vec![true; cands[r][c].len()])))
                    .collect(),
                Some(a) => a
                    .into_iter()
                    .zip(&self.chosen)
                    .enumerate()
                    .map(|(r, (x, &c))| match x {
                        Some((first, same)) if first != c => {
                            narrow(((0, first), same), &cands[r][first], &cands[r][c])
                                .map(|((_, first), same)| (first, same))
                        }
                        x => x,
                    })
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
pub(super) fn scaled(v: Decimal) -> i128 {
    let s = v.scale.min(6) as usize;
    v.mantissa as i128 * POW10[6 - s]
}

/// `coef · v`, without a multiplication for the usual ±1 and 0.
pub(super) fn times(coef: i64, v: i128) -> i128 {
    match coef {
        0 => 0,
        1 => v,
        -1 => -v,
        c => c as i128 * v,
    }
}
