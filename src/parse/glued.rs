//! Splitting glued digits (`一、本年新收…200 000121`) into cells with the report's
//! own identities.
//!
//! A crawler that drops cell separators leaves runs of digits; only the template's
//! arithmetic can say where one cell ends. For each run every split into the cells
//! it must fill is listed (a number never starts with a 0 unless it is 0; a sign
//! starts a number; a unit ends one; a space left by a no-break space is a cell
//! boundary). A search then keeps the combinations of splits that satisfy every
//! identity. A run whose split is the same in all of them is `recovered`; any other
//! stays `unresolved` with its raw digits kept. Nothing is guessed: when the
//! report's own arithmetic fails one identity (it happens), the largest set of
//! identities that can hold is used, and a warning names the ones left out.

use crate::grammar::{Per, Template};
use crate::model::diag::Diag;
use crate::model::value::{Decimal, Unit};
use crate::parse::template::{GluedRun, Slot, State, Tables};

/// At most this many splits of one run are considered, and at most this many
/// pieces tried while listing them: a long run of digits (72 threes, found by the
/// fuzzer) has few splits into 7 cells that parse, but a hundred million ways to
/// try, nearly all failing on the last piece.
const MAX_SPLITS: usize = 200_000;
/// At most this many search steps per table, over all the subsets of identities
/// tried. The real glued reports need at most a few hundred; a budget of millions
/// per subset let one mutated table (whose arithmetic fails, so every subset is
/// searched) take seconds. Past the budget nothing is guessed: runs stay unresolved.
const MAX_STEPS: usize = 250_000;

/// One way to split a run: per cell, the value, its unit and its byte range.
type Split = Vec<(Decimal, Option<Unit>, (usize, usize))>;

/// Resolves every glued run of the report in place.
pub fn resolve(text: &str, tpl: &Template, tables: &mut Tables, diags: &mut Vec<Diag>) {
    let mut by_table: Vec<usize> = tables.runs.iter().map(|r| r.table).collect();
    by_table.sort_unstable();
    by_table.dedup();
    for t in by_table {
        let runs: Vec<GluedRun> = tables
            .runs
            .iter()
            .filter(|r| r.table == t)
            .cloned()
            .collect();
        resolve_table(text, tpl, t, &runs, tables, diags);
    }
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

fn resolve_table(
    text: &str,
    tpl: &Template,
    table: usize,
    runs: &[GluedRun],
    tables: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    // Candidate splits per run.
    let mut cands: Vec<Vec<Split>> = Vec::with_capacity(runs.len());
    for r in runs {
        let raw = &text[r.raw.0..r.raw.1];
        match splits(raw, r.slots.len(), r.raw.0) {
            Some(s) => cands.push(s),
            None => {
                diags.push(Diag::warning(
                    r.line,
                    format!("digits `{raw}` allow too many splits to search; kept as unresolved"),
                ));
                cands.push(Vec::new());
            }
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

    // Try all identities first; when the report's own arithmetic makes that
    // impossible, the largest subsets of identities that can hold.
    let nchecks = check_ids.len();
    let mut steps = 0usize;
    let mut outcome: Option<(Vec<Option<usize>>, Vec<usize>)> = None;
    'sizes: for size in (0..=nchecks).rev() {
        let mut agreed: Option<Vec<Option<usize>>> = None;
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
            let eqs: Vec<&Equation> = all_eqs.iter().filter(|e| used.contains(&e.check)).collect();
            let Some(found) = search(&cands, &eqs, &owner, &known, &mut steps) else {
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
                    .map(|(x, y)| if x == y { *x } else { None })
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
            Some(ci) => {
                recovered_any = true;
                for (k, &slot) in r.slots.iter().enumerate() {
                    let (v, unit, raw) = cands[ri][ci][k];
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

/// Values as integers scaled by 10^6, so decimals add exactly.
fn scaled(v: Decimal) -> i128 {
    let s = v.scale.min(6) as u32;
    v.mantissa as i128 * 10i128.pow(6 - s)
}

/// Depth-first search over the runs' splits. Returns `None` when the step limit is
/// hit, `Some(None)` when no combination satisfies `eqs`, else, per run, the split
/// all solutions share (or `None` where they differ).
fn search(
    cands: &[Vec<Split>],
    eqs: &[&Equation],
    owner: &[Option<(usize, usize)>],
    known: &[Option<i128>],
    steps: &mut usize,
) -> Option<Option<Vec<Option<usize>>>> {
    let nruns = cands.len();
    // Each equation is checked once the last run it depends on is chosen.
    let mut at_depth: Vec<Vec<&Equation>> = vec![Vec::new(); nruns];
    let mut local: Vec<Vec<&Equation>> = vec![Vec::new(); nruns];
    for e in eqs {
        let runs: Vec<usize> = e
            .terms
            .iter()
            .filter_map(|&(s, _)| owner[s].map(|o| o.0))
            .collect();
        let last = runs.iter().copied().max().unwrap_or(0);
        if runs.iter().all(|&r| r == last) {
            local[last].push(e);
        } else {
            at_depth[last].push(e);
        }
    }
    // Filter each run's splits by the equations that involve it alone.
    let eval = |e: &Equation, pick: &dyn Fn(usize, usize) -> Option<i128>| -> bool {
        let mut sum: i128 = 0;
        for &(s, coef) in &e.terms {
            let v = match owner[s] {
                Some((r, k)) => match pick(r, k) {
                    Some(v) => v,
                    None => return true,
                },
                None => known[s].unwrap_or(0),
            };
            sum += v * coef as i128;
        }
        sum == 0
    };
    let filtered: Vec<Vec<usize>> = (0..nruns)
        .map(|r| {
            (0..cands[r].len())
                .filter(|&ci| {
                    local[r]
                        .iter()
                        .all(|e| eval(e, &|rr, k| (rr == r).then(|| scaled(cands[r][ci][k].0))))
                })
                .collect()
        })
        .collect();
    if filtered.iter().any(Vec::is_empty) {
        return Some(None);
    }
    let mut chosen = vec![0usize; nruns];
    let mut agreed: Option<Vec<Option<usize>>> = None;
    fn dfs(
        depth: usize,
        filtered: &[Vec<usize>],
        chosen: &mut Vec<usize>,
        at_depth: &[Vec<&Equation>],
        check: &dyn Fn(&Equation, &[usize]) -> bool,
        agreed: &mut Option<Vec<Option<usize>>>,
        steps: &mut usize,
    ) -> bool {
        if depth == filtered.len() {
            let sol: Vec<Option<usize>> = chosen.iter().map(|&c| Some(c)).collect();
            *agreed = Some(match agreed.take() {
                None => sol,
                Some(a) => a
                    .iter()
                    .zip(&sol)
                    .map(|(x, y)| if x == y { *x } else { None })
                    .collect(),
            });
            return true;
        }
        for &ci in &filtered[depth] {
            *steps += 1;
            if *steps > MAX_STEPS {
                return false;
            }
            chosen[depth] = ci;
            if at_depth[depth].iter().all(|e| check(e, chosen)) {
                if !dfs(depth + 1, filtered, chosen, at_depth, check, agreed, steps) {
                    return false;
                }
                // Once every run disagrees somewhere, more solutions change nothing.
                if agreed
                    .as_ref()
                    .is_some_and(|a| a.iter().all(Option::is_none))
                {
                    return true;
                }
            }
        }
        true
    }
    let check = |e: &Equation, chosen: &[usize]| -> bool {
        eval(e, &|r, k| Some(scaled(cands[r][chosen[r]][k].0)))
    };
    if !dfs(
        0,
        &filtered,
        &mut chosen,
        &at_depth,
        &check,
        &mut agreed,
        steps,
    ) {
        return None;
    }
    Some(agreed)
}

/// All ways to split `raw` (at byte offset `base` in the text) into `k` numbers, or
/// `None` when there are too many to list.
pub(crate) fn splits(raw: &str, k: usize, base: usize) -> Option<Vec<Split>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(raw: &str, k: usize) -> Vec<Vec<String>> {
        splits(raw, k, 0)
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
}
