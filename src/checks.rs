//! The arithmetic identities of format-spec §5, judged on the tables as read.
//!
//! Parse first, check second: this stage only reports. A side with a blank, `/`,
//! missing or unresolved cell cannot be computed, so the check is not assessable
//! (`ok` empty): a blank is never read as 0 here.

use crate::grammar::{Per, Template};
use crate::template::{Slot, Tables};
use crate::value::Decimal;

/// One evaluated identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckResult {
    pub check: String,
    /// The column (per-column checks) or row (per-row checks) it ran on.
    pub scope: String,
    pub expected: Option<Decimal>,
    pub actual: Option<Decimal>,
    /// `None` when not assessable.
    pub ok: Option<bool>,
    /// The slots involved (table, slot index), for `zfxxgk check`.
    pub table: usize,
    pub lhs: Vec<usize>,
    pub rhs: Vec<usize>,
}

/// Evaluates every identity of the template whose table was seen.
pub fn run_checks(tpl: &Template, tables: &Tables) -> Vec<CheckResult> {
    let mut out = Vec::new();
    for c in &tpl.checks {
        let t = &tpl.tables[c.table];
        let read = &tables.tables[c.table];
        if !read.seen {
            continue;
        }
        let ncols = t.cols.len();
        for &o in &c.over {
            let scope: &str = match c.per {
                Per::Col => &t.cols[o].key,
                Per::Row => &t.rows[o].key,
            };
            let per = c.per;
            let cell = move |a: usize| match per {
                Per::Col => a * ncols + o,
                Per::Row => o * ncols + a,
            };
            let lhs: Vec<usize> = c.lhs.iter().map(|&a| cell(a)).collect();
            let rhs: Vec<usize> = c.rhs.iter().map(|&a| cell(a)).collect();
            let expected = sum(&read.slots, &lhs);
            let actual = sum(&read.slots, &rhs);
            let ok = match (expected, actual) {
                (Some(e), Some(a)) => Some(scaled(e) == scaled(a)),
                _ => None,
            };
            out.push(CheckResult {
                check: c.name.clone(),
                scope: scope.to_string(),
                expected,
                actual,
                ok,
                table: c.table,
                lhs,
                rhs,
            });
        }
    }
    out
}

/// 10^0 … 10^12, so that scaling costs a multiplication, not a power.
const POW10: [i128; 13] = {
    let mut t = [1i128; 13];
    let mut i = 1;
    while i < 13 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

fn scaled(v: Decimal) -> i128 {
    v.mantissa as i128 * POW10[12 - v.scale.min(12) as usize]
}

/// The sum of the slots, or `None` if any holds no number.
fn sum(slots: &[Option<Slot>], idx: &[usize]) -> Option<Decimal> {
    let mut total: i128 = 0;
    let mut scale = 0u8;
    for &i in idx {
        let s = slots.get(i)?.as_ref()?;
        if !s.state.has_value() {
            return None;
        }
        let v = s.value?;
        scale = scale.max(v.scale);
        total += scaled(v);
    }
    let m = total / POW10[12 - scale.min(12) as usize];
    Some(Decimal {
        mantissa: i64::try_from(m).ok()?,
        scale,
    })
}
