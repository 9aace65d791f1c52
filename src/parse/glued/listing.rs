//! Listing the splits of one run into its cells: the run's chunks and the numbers
//! that may start at each offset, read once, and the listing proper, cut from the
//! right and pruned by the identities within the run.

use super::pieces::{chunks, piece};
use super::search::{scaled, times};
use super::whole::whole_listing;
use super::{LocalEq, Split, COUNT_FREE_LEN, LONG_RUN, MAX_SPLITS};
use crate::model::value::{doubled_mark, empty_mark_len, mark_len_bytes, Decimal, Unit};
use crate::parse::template::GluedRun;

/// A number that may start at some offset of a run.
#[derive(Debug, Clone, Copy)]
pub(super) struct Piece {
    /// Byte offsets in the text.
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) value: Decimal,
    pub(super) unit: Option<Unit>,
}

/// The numbers that may start at one offset: `pieces[lo..hi]`, by end, and how
/// many ends were tried there (those that do not parse included).
#[derive(Debug, Clone, Copy)]
pub(super) struct Starts {
    pub(super) lo: usize,
    pub(super) hi: usize,
    pub(super) tried: usize,
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
pub(super) struct Texts<'a> {
    text: &'a str,
    runs: Vec<RunAt>,
    /// Stretches between spaces, cut again before a sign and after a unit, as
    /// byte ranges of the text; never empty.
    pub(super) chunks: Vec<(usize, usize)>,
    /// Whether the numbers ending in each chunk were indexed in `by_end`.
    indexed: Vec<bool>,
    offsets: Vec<Offset>,
    pub(super) pieces: Vec<Piece>,
    /// Indices into `pieces`, grouped by where they end.
    by_end: Vec<usize>,
    /// Buffers: for indexing a chunk, and a listing's partial sums and cells.
    scratch: Vec<usize>,
    partial: Vec<i128>,
    cur: Vec<usize>,
    /// For a run longer than [`LONG_RUN`], every split (listed when its steps
    /// are counted).
    whole: Vec<Option<Vec<Split>>>,
    /// Per run, per cell: whether its column cannot be negative (every column but
    /// the 2019 template's `本年增/减`). A `-` before digits there is a mark of an
    /// empty cell, never a sign.
    pub(super) unsigned: Vec<Vec<bool>>,
    /// Per run: listed within [`MAX_SPLITS`] steps of the pruned walk, because
    /// the unpruned listing would take more (see [`Texts::too_many`]).
    pub(super) bounded: Vec<bool>,
    /// Per run: a bounded listing of it ran out of steps (and listed nothing).
    pub(super) over: Vec<bool>,
}

impl<'a> Texts<'a> {
    pub(super) fn new(text: &'a str, runs: &[&GluedRun]) -> Texts<'a> {
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
            unsigned: vec![Vec::new(); runs.len()],
            bounded: vec![false; runs.len()],
            over: vec![false; runs.len()],
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
                // A mark of an empty cell (`无`) is a cell as a digit is.
                let unit = c.is_ascii_digit() || mark_len_bytes(&b[i..]) > 0;
                o.digits = prev.digits + usize::from(unit);
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
    pub(super) fn starts(&mut self, r: usize, pos: usize, end: usize) -> Starts {
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
        // A mark of an empty cell (`无`, `-`, `——`) is a cell of its own, one of
        // two characters or two of one when it is doubled; its value is taken as
        // 0 by the identities, and it is reported `na`.
        let mark = empty_mark_len(rest);
        let mut marks = 0;
        if mark > 0 {
            let doubled = doubled_mark(&rest[..mark]) && rest[mark..].starts_with(&rest[..mark]);
            for len in [mark, 2 * mark].into_iter().take(1 + usize::from(doubled)) {
                marks += 1;
                self.pieces.push(Piece {
                    start: pos,
                    end: pos + len,
                    value: Decimal::int(0),
                    unit: None,
                });
            }
        }
        let tried = marks
            + if sign == 0 && unit_end.is_none() && !seen_point {
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
    pub(super) fn too_many(&mut self, r: usize, k: usize) -> bool {
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
    pub(super) fn list(&mut self, r: usize, k: usize, eqs: &[&LocalEq]) -> Vec<Split> {
        let run = self.runs[r];
        if run.end - run.start > LONG_RUN {
            let Some(all) = &self.whole[r] else {
                return Vec::new();
            };
            let unsigned = &self.unsigned[r];
            return all
                .iter()
                .filter(|s| {
                    s.iter()
                        .zip(unsigned)
                        .all(|(x, &u)| !(u && x.0.mantissa < 0))
                })
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
            steps: 0,
            limit: if self.bounded[r] {
                MAX_SPLITS
            } else {
                usize::MAX
            },
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
        if w.steps > w.limit {
            // Out of steps: nothing is listed rather than a part of the splits.
            self.over[r] = true;
            return Vec::new();
        }
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
        if w.steps > w.limit {
            return;
        }
        let run = self.runs[w.r];
        let cut = w.cur.len();
        loop {
            if pos > self.chunks[ci].0 {
                break;
            }
            if ci == run.lo {
                if cut == w.k {
                    w.steps += 1;
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
            w.steps += 1;
            if w.steps > w.limit {
                return;
            }
            let i = self.by_end[j];
            let (start, value) = (self.pieces[i].start, self.pieces[i].value);
            if value.mantissa < 0 && self.unsigned[w.r].get(cell).copied().unwrap_or(false) {
                continue;
            }
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
    /// Pieces tried and splits found so far, and how many a bounded run may take.
    steps: usize,
    limit: usize,
}

/// 10^i for i in 0..=38 (all that fit in an i128).
pub(super) const POW10: [i128; 39] = {
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
