//! The arithmetic identities of format-spec §5, judged on the tables as read.
//!
//! Parse first, check second: this stage only reports. A side with a blank, `/`,
//! missing or unresolved cell cannot be computed, so the check is not assessable
//! (`ok` empty): a blank is never read as 0 here.

use crate::grammar::{Per, Template};
use crate::model::value::Decimal;
use crate::parse::template::{Slot, Tables};

pub use crate::model::checks::CheckResult;

impl CheckResult {
    /// The check's name (checks.csv `check_name`). `tpl` is the template the check
    /// ran on (the report's `reading_template`).
    pub fn name<'t>(&self, tpl: &'t Template) -> &'t str {
        tpl.checks.get(self.rule).map_or("", |c| c.name.as_str())
    }

    /// The column (per-column checks) or row (per-row checks) it ran on.
    pub fn scope<'t>(&self, tpl: &'t Template) -> &'t str {
        let Some(c) = tpl.checks.get(self.rule) else {
            return "";
        };
        let Some(t) = tpl.tables.get(c.table) else {
            return "";
        };
        let axis = match c.per {
            Per::Col => &t.cols,
            Per::Row => &t.rows,
        };
        axis.get(self.over).map_or("", |l| l.key.as_str())
    }

    /// The slots (row-major indices into the table's cells) of the left and the
    /// right side, for `zfxxgk check`. `tpl` is the template the check ran on.
    pub fn sides(&self, tpl: &Template) -> (Vec<usize>, Vec<usize>) {
        let Some(c) = tpl.checks.get(self.rule) else {
            return (Vec::new(), Vec::new());
        };
        let Some(t) = tpl.tables.get(c.table) else {
            return (Vec::new(), Vec::new());
        };
        let at = slot_at(c.per, t.cols.len(), self.over);
        (
            c.lhs.iter().map(|&a| at(a)).collect(),
            c.rhs.iter().map(|&a| at(a)).collect(),
        )
    }
}

/// Per-column checks run down column `over`, per-row checks along row `over`:
/// the slot of term `a` on that line.
fn slot_at(per: Per, ncols: usize, over: usize) -> impl Fn(usize) -> usize {
    move |a| match per {
        Per::Col => a * ncols + over,
        Per::Row => over * ncols + a,
    }
}

/// Evaluates every identity of the template whose table was seen.
pub fn run_checks(tpl: &Template, tables: &Tables) -> Vec<CheckResult> {
    let mut out = Vec::with_capacity(tpl.checks.iter().map(|c| c.over.len()).sum());
    each_check(tpl, tables, None, |r| out.push(r));
    out
}

/// How many identities of the tables of section `n` fail: the referee asks this
/// of both readings of every section, so it evaluates that section's identities
/// alone and keeps no list (all of them, collected, were 9% of a run's
/// instructions on issue 13's tree, callgrind).
pub fn failures_in(tpl: &Template, tables: &Tables, n: u8) -> usize {
    let mut failed = 0;
    each_check(tpl, tables, Some(n), |r| {
        failed += usize::from(r.ok == Some(false));
    });
    failed
}

/// Evaluates the identities of the tables that were seen (of section `only`'s
/// tables when given), in the template's order, handing each result to `f`.
fn each_check(tpl: &Template, tables: &Tables, only: Option<u8>, mut f: impl FnMut(CheckResult)) {
    each_identity(tpl, tables, only, |i| {
        let read = &tables.tables[i.table];
        let expected = sum(&read.slots, i.lhs_slots());
        let actual = sum(&read.slots, i.rhs_slots());
        let ok = match (expected, actual) {
            (Some(e), Some(a)) => Some(e.fixed() == a.fixed()),
            _ => None,
        };
        f(CheckResult {
            expected,
            actual,
            ok,
            table: i.table,
            rule: i.rule,
            over: i.over,
        });
    });
}

/// One identity on one line of a table: rule `rule` run down column (or along
/// row) `over`, its sides as template rows (or columns).
pub(crate) struct Identity<'a> {
    pub rule: usize,
    pub table: usize,
    pub over: usize,
    lhs: &'a [usize],
    rhs: &'a [usize],
    per: Per,
    ncols: usize,
}

impl Identity<'_> {
    /// The slots (row-major indices into the table's cells) of the left side.
    pub fn lhs_slots(&self) -> impl Iterator<Item = usize> + '_ {
        let at = slot_at(self.per, self.ncols, self.over);
        self.lhs.iter().map(move |&a| at(a))
    }

    /// The slots of the right side.
    pub fn rhs_slots(&self) -> impl Iterator<Item = usize> + '_ {
        let at = slot_at(self.per, self.ncols, self.over);
        self.rhs.iter().map(move |&a| at(a))
    }
}

/// Hands `f` every identity of the tables that were seen (of section `only`'s
/// tables when given), in the template's order: each rule on each line it runs
/// over, with a printed stand-in row in place of the rows it replaces and rows
/// not reported left out.
pub(crate) fn each_identity(
    tpl: &Template,
    tables: &Tables,
    only: Option<u8>,
    mut f: impl FnMut(Identity<'_>),
) {
    for (rule, c) in tpl.checks.iter().enumerate() {
        let t = &tpl.tables[c.table];
        let read = &tables.tables[c.table];
        if !read.seen || only.is_some_and(|n| t.section != n) {
            continue;
        }
        let rhs = match c.per {
            Per::Col => replaced_terms(t, read, &c.rhs),
            Per::Row => None,
        };
        let rhs = rhs.as_deref().unwrap_or(&c.rhs);
        for &o in &c.over {
            // A row not reported (an optional row not printed) has no identity.
            if c.per == Per::Row && !crate::parse::template::row_reported(t, read, o) {
                continue;
            }
            f(Identity {
                rule,
                table: c.table,
                over: o,
                lhs: &c.lhs,
                rhs,
                per: c.per,
                ncols: t.cols.len(),
            });
        }
    }
}

/// The rows of a per-column side with the rows that a printed stand-in row
/// replaces (the 2019 `（六）其他处理` in a 2021 table) swapped for that row; `None`
/// when the table printed no stand-in row (the common case, nothing allocated).
fn replaced_terms(
    t: &crate::grammar::Table,
    read: &crate::parse::template::TableRead,
    rows: &[usize],
) -> Option<Vec<usize>> {
    let mut out: Option<Vec<usize>> = None;
    for (a, row) in t.rows.iter().enumerate() {
        if row.replaces.is_empty() || !read.rows_seen.get(a).copied().unwrap_or(false) {
            continue;
        }
        let v = out.get_or_insert_with(|| rows.to_vec());
        let before = v.len();
        v.retain(|r| {
            !row.replaces.contains(r) || crate::parse::template::row_reported(t, read, *r)
        });
        if v.len() < before && !v.contains(&a) {
            v.push(a);
        }
    }
    out
}

/// The sum of the slots, or `None` if any holds no number. (Inlined: the referee
/// sums every identity of both readings of every section.)
#[inline(always)]
pub(crate) fn sum(slots: &[Option<Slot>], idx: impl Iterator<Item = usize>) -> Option<Decimal> {
    use crate::model::value::POW10;
    // The sum is kept at the largest scale seen so far (counts: scale 0 throughout,
    // no multiplication by 10^12 and no 128-bit division at the end), exactly the
    // sum of the terms' fixed-point values brought to that scale.
    let mut total: i128 = 0;
    let mut at = 0u8;
    let mut scale = 0u8;
    for i in idx {
        let s = slots.get(i)?.as_ref()?;
        if !s.state.has_value() {
            return None;
        }
        let v = s.value?;
        // Counts, nearly every term: an integer added to a sum still at scale
        // 0 needs no power of ten (the general step below multiplies by 10^0).
        if v.scale == 0 && at == 0 {
            total += i128::from(v.mantissa);
            continue;
        }
        scale = scale.max(v.scale);
        let vs = v.scale.min(Decimal::FIXED_SCALE);
        if vs > at {
            total *= POW10[usize::from(vs - at)];
            at = vs;
        }
        total += i128::from(v.mantissa) * POW10[usize::from(at - vs)];
    }
    Some(Decimal {
        mantissa: i64::try_from(total).ok()?,
        scale,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::template::State;

    fn slot(mantissa: i64, scale: u8) -> Option<Slot> {
        Some(Slot {
            state: State::Number,
            value: Some(Decimal { mantissa, scale }),
            unit: None,
            raw: (0, 0),
            line: 1,
        })
    }

    /// Sums at the largest scale of their terms, whatever their order:
    /// 1.5 + 2 + 0.25 = 3.75; 2 + 0.25 + 1.5 the same; counts stay integers.
    #[test]
    fn sums_across_scales() {
        let slots = vec![slot(15, 1), slot(2, 0), slot(25, 2), slot(-7, 0), None];
        let d = |mantissa, scale| Some(Decimal { mantissa, scale });
        assert_eq!(sum(&slots, [0, 1, 2].into_iter()), d(375, 2));
        assert_eq!(sum(&slots, [1, 2, 0].into_iter()), d(375, 2));
        assert_eq!(sum(&slots, [1, 3].into_iter()), d(-5, 0));
        assert_eq!(sum(&slots, [3, 0].into_iter()), d(-55, 1));
        assert_eq!(sum(&slots, [0, 4].into_iter()), None);
        assert_eq!(sum(&slots, [].into_iter()), d(0, 0));
    }
}
