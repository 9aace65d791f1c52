//! Cross-year checks over a whole run: what an organ carried into year Y
//! (`carried_in`, 二、上年结转) must equal what it carried out of year Y−1
//! (`carried_out`, 四、结转下年度继续办理), column by column. The rows, the
//! columns and their section are `[carry]` in grammars/common.toml.
//!
//! Reports are paired by organ identity: the organ named in the title (else the
//! signing body), folded (full-width, Traditional, spaces) with a trailing `办事处`
//! dropped, so `东新街道` in 2020 and in 2021 pair. Archives hold many organs of one
//! name (every city has a 城关镇), so when several reports of one name share a year,
//! only reports in the same folder are paired, and a pair that is still not unique is
//! skipped rather than guessed. Each report is kept as a small fixed-size summary,
//! so memory grows by a few dozen bytes per report, not by its text.

use crate::grammar::common::CARRY_COLUMNS;
use crate::grammar::normalize::fold;
use crate::parse::report::Report;
use crate::parse::template::State;

/// No number in the cell.
const NONE: i32 = i32::MIN;

/// What the cross-year check needs of one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carry {
    /// The report's position in the run (its order by report id).
    pub index: u32,
    pub organ: u64,
    pub folder: u64,
    pub year: u16,
    /// i32 keeps the summary small (a count of applications never nears 2^31);
    /// `i32::MIN` marks a cell with no number.
    pub carried_in: [i32; CARRY_COLUMNS],
    pub carried_out: [i32; CARRY_COLUMNS],
}

pub use crate::model::checks::CrossCheck;

/// Organ and folder keys are kept in the `--incremental` index, so their hash must
/// be the same in every build: BLAKE3, not std's hashers.
fn hash_of(s: &str) -> u64 {
    crate::run::cache::stable_u64(s.as_bytes())
}

/// The folded organ identity, or `None` when the report names no organ.
pub fn organ_key(r: &Report) -> Option<String> {
    let name = r.meta.organ.as_deref().or(r.meta.issuer.as_deref())?;
    let f = fold(name);
    let f = f.strip_suffix("办事处").unwrap_or(&f).to_string();
    (!f.is_empty()).then_some(f)
}

/// The summary of one report, when it has an organ, a year and a section 三.
pub fn summarize(index: u32, r: &Report) -> Option<Carry> {
    let key = organ_key(r)?;
    let year = r.meta.year?;
    let tpl = r.reading_template.as_deref()?;
    r.template.as_ref()?;
    let carry = &crate::grammar::common().carry;
    let (ti, table) = tpl.section_tables(carry.section).next()?;
    let read = r.tables.tables.get(ti)?;
    if !read.seen {
        return None;
    }
    let row = |key: &str| -> [i32; CARRY_COLUMNS] {
        let mut out = [NONE; CARRY_COLUMNS];
        if let Some(ri) = table.rows.iter().position(|l| l.key == key) {
            for (ci, col) in carry.columns.iter().enumerate() {
                let Some(c) = table.cols.iter().position(|l| l.key == *col) else {
                    continue;
                };
                if let Some(s) = &read.slots[ri * table.cols.len() + c] {
                    if matches!(s.state, State::Number | State::Recovered) {
                        if let Some(v) = s.value.and_then(|v| v.as_int()) {
                            out[ci] = i32::try_from(v).unwrap_or(NONE);
                        }
                    }
                }
            }
        }
        out
    };
    let folder = r.report_id.rsplit_once('/').map_or("", |(d, _)| d);
    Some(Carry {
        index,
        organ: hash_of(&key),
        folder: hash_of(folder),
        year,
        carried_in: row(&carry.carried_in),
        carried_out: row(&carry.carried_out),
    })
}

/// The summaries of a run's reports, in run order, held as columns: what pairing
/// reads (organ, folder, year, position) in arrays of their own, the carried counts
/// a byte each. Kept for every report until the end of the run, when the footers of
/// the Parquet files are also held: 36 bytes a report, where a [`Carry`] takes 80
/// (16 MB at 200,000 reports).
#[derive(Debug, Default)]
pub struct Carries {
    organ: Vec<u64>,
    folder: Vec<u64>,
    index: Vec<u32>,
    year: Vec<u16>,
    /// Carried in, then carried out, each cell `0..=254`, or [`SMALL_NONE`] for no
    /// number; a report with another value has [`SPILLED`] in its first cell and
    /// its counts in `spilled`.
    small: Vec<[u8; 2 * CARRY_COLUMNS]>,
    /// (position in the run's summaries, counts) of the reports whose counts do not
    /// fit a byte, in run order.
    spilled: Vec<(u32, [i32; 2 * CARRY_COLUMNS])>,
}

/// No number in the cell (in [`Carries`]).
const SMALL_NONE: u8 = 255;
/// The counts are in `spilled` (in the first cell of [`Carries`]' small form; a
/// count of 254 in that cell spills too).
const SPILLED: u8 = 254;

impl Carries {
    pub fn with_capacity(n: usize) -> Carries {
        Carries {
            organ: Vec::with_capacity(n),
            folder: Vec::with_capacity(n),
            index: Vec::with_capacity(n),
            year: Vec::with_capacity(n),
            small: Vec::with_capacity(n),
            spilled: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn push(&mut self, c: Carry) {
        let mut all = [NONE; 2 * CARRY_COLUMNS];
        all[..CARRY_COLUMNS].copy_from_slice(&c.carried_in);
        all[CARRY_COLUMNS..].copy_from_slice(&c.carried_out);
        let mut small = [SMALL_NONE; 2 * CARRY_COLUMNS];
        let mut fits = true;
        for (s, &v) in small.iter_mut().zip(&all) {
            if v == NONE {
                continue;
            }
            match u8::try_from(v) {
                Ok(b) if b < SPILLED => *s = b,
                _ => fits = false,
            }
        }
        if !fits {
            small[0] = SPILLED;
            let at = u32::try_from(self.len()).unwrap_or(u32::MAX);
            self.spilled.push((at, all));
        }
        self.organ.push(c.organ);
        self.folder.push(c.folder);
        self.index.push(c.index);
        self.year.push(c.year);
        self.small.push(small);
    }

    /// The summary at position `i` (its folder included).
    pub fn get(&self, i: usize) -> Carry {
        let small = &self.small[i];
        let all: [i32; 2 * CARRY_COLUMNS] = match small[0] {
            SPILLED => {
                let at = u32::try_from(i).unwrap_or(u32::MAX);
                match self.spilled.binary_search_by_key(&at, |s| s.0) {
                    Ok(k) => self.spilled[k].1,
                    Err(_) => [NONE; 2 * CARRY_COLUMNS],
                }
            }
            _ => std::array::from_fn(|k| match small[k] {
                SMALL_NONE => NONE,
                b => i32::from(b),
            }),
        };
        Carry {
            index: self.index[i],
            organ: self.organ[i],
            folder: self.folder[i],
            year: self.year[i],
            carried_in: std::array::from_fn(|k| all[k]),
            carried_out: std::array::from_fn(|k| all[CARRY_COLUMNS + k]),
        }
    }
}

impl From<Vec<Carry>> for Carries {
    fn from(v: Vec<Carry>) -> Carries {
        let mut out = Carries::with_capacity(v.len());
        v.into_iter().for_each(|c| out.push(c));
        out
    }
}

/// Pairs the reports of consecutive years: (later, earlier) as positions in
/// `carries`, in the order of the later report (`carries` is in run order).
pub fn pairs(carries: &Carries) -> Vec<(u32, u32)> {
    // Positions sorted by (organ, year), in run order within a key: four bytes a
    // report where a map of small lists took a hundred (20 MB at 200,000 reports,
    // at the end of a run, when the footers of the Parquet files are also held).
    let (organ, year, folder) = (&carries.organ, &carries.year, &carries.folder);
    let key = |p: u32| (organ[p as usize], year[p as usize]);
    let mut order: Vec<u32> = (0..carries.len())
        .filter_map(|i| u32::try_from(i).ok())
        .collect();
    order.sort_by_key(|&p| (key(p), p));
    let of = |k: (u64, u16)| -> &[u32] {
        let lo = order.partition_point(|&p| key(p) < k);
        let hi = lo + order[lo..].partition_point(|&p| key(p) == k);
        &order[lo..hi]
    };
    let mut out = Vec::new();
    for i in 0..carries.len() {
        let Ok(at) = u32::try_from(i) else { break };
        let (c_organ, c_year, c_folder) = (organ[i], year[i], folder[i]);
        let Some(prev_year) = c_year.checked_sub(1) else {
            continue;
        };
        let prevs = of((c_organ, prev_year));
        if prevs.is_empty() {
            continue;
        }
        let same_year = of((c_organ, c_year));
        let prev = if prevs.len() == 1 && same_year.len() == 1 {
            prevs[0]
        } else {
            // Several organs of this name: only a unique match in the same folder.
            let mut here = prevs
                .iter()
                .copied()
                .filter(|&p| folder[p as usize] == c_folder);
            let twins = same_year
                .iter()
                .filter(|&&p| folder[p as usize] == c_folder)
                .count();
            match (here.next(), here.next()) {
                (Some(p), None) if twins == 1 => p,
                _ => continue,
            }
        };
        out.push((at, prev));
    }
    out
}

/// The column checks of one pair, one per `carry.columns`.
pub fn compare(later: &Carry, earlier: &Carry) -> [CrossCheck; CARRY_COLUMNS] {
    let columns = &crate::grammar::common().carry.columns;
    std::array::from_fn(|i| {
        let expected =
            (earlier.carried_out[i] != NONE).then_some(i64::from(earlier.carried_out[i]));
        let actual = (later.carried_in[i] != NONE).then_some(i64::from(later.carried_in[i]));
        CrossCheck {
            index: later.index,
            prev_index: earlier.index,
            col: columns[i].as_str(),
            expected,
            actual,
            ok: match (expected, actual) {
                (Some(e), Some(a)) => Some(e == a),
                _ => None,
            },
        }
    })
}

/// Every cross-year check of a run, in the order of the later report. (A run
/// writes them pair by pair; this collects them, for tests.)
#[cfg(test)]
pub fn cross_year(carries: &[Carry]) -> Vec<CrossCheck> {
    let held = Carries::from(carries.to_vec());
    pairs(&held)
        .into_iter()
        .flat_map(|(l, e)| compare(&held.get(l as usize), &held.get(e as usize)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn carry(index: u32, organ: &str, folder: &str, year: u16, cin: i32, cout: i32) -> Carry {
        Carry {
            index,
            organ: hash_of(organ),
            folder: hash_of(folder),
            year,
            carried_in: [cin; 7],
            carried_out: [cout; 7],
        }
    }

    #[test]
    fn pairs_consecutive_years() {
        let c = vec![
            carry(0, "东新街道", "a", 2020, 0, 3),
            carry(1, "东新街道", "a", 2021, 3, 1),
            carry(2, "东新街道", "a", 2023, 2, 0),
        ];
        let x = cross_year(&c);
        assert_eq!(x.len(), 7);
        assert!(x
            .iter()
            .all(|x| (x.index, x.prev_index, x.ok) == (1, 0, Some(true))));
    }

    #[test]
    fn counts_that_do_not_fit_a_byte_are_kept_whole() {
        let mut a = carry(0, "甲", "f", 2020, 0, 3);
        a.carried_out = [253, 254, 255, 70_000, -1, NONE, 0];
        let mut b = carry(1, "甲", "f", 2021, 3, 0);
        b.carried_in = [253, 254, 255, 70_000, -1, NONE, 0];
        let c = carry(2, "乙", "g", 2021, NONE, 9);
        let held = Carries::from(vec![a.clone(), b.clone(), c.clone()]);
        assert_eq!((held.get(0), held.get(1), held.get(2)), (a, b, c));
        let x = cross_year(&[held.get(0), held.get(1)]);
        let got: Vec<(Option<i64>, Option<bool>)> = x.iter().map(|x| (x.actual, x.ok)).collect();
        assert_eq!(
            got,
            vec![
                (Some(253), Some(true)),
                (Some(254), Some(true)),
                (Some(255), Some(true)),
                (Some(70_000), Some(true)),
                (Some(-1), Some(true)),
                (None, None),
                (Some(0), Some(true)),
            ]
        );
    }

    #[test]
    fn mismatch_fails() {
        let c = vec![
            carry(0, "甲", "", 2020, 0, 3),
            carry(1, "甲", "", 2021, 2, 0),
        ];
        let x = cross_year(&c);
        assert_eq!(
            (x[0].expected, x[0].actual, x[0].ok),
            (Some(3), Some(2), Some(false))
        );
    }

    #[test]
    fn namesakes_pair_only_within_a_folder() {
        let c = vec![
            carry(0, "城关镇", "省甲/县一", 2020, 0, 5),
            carry(1, "城关镇", "省甲/县一", 2021, 5, 0),
            carry(2, "城关镇", "省乙/县二", 2020, 0, 7),
            carry(3, "城关镇", "省乙/县二", 2021, 6, 0),
        ];
        let x = cross_year(&c);
        let pairs: Vec<(u32, u32, Option<bool>)> = x
            .iter()
            .filter(|x| x.col == "total")
            .map(|x| (x.index, x.prev_index, x.ok))
            .collect();
        assert_eq!(pairs, vec![(1, 0, Some(true)), (3, 2, Some(false))]);
    }

    #[test]
    fn ambiguous_namesakes_are_skipped() {
        let c = vec![
            carry(0, "城关镇", "x", 2020, 0, 5),
            carry(1, "城关镇", "x", 2020, 0, 6),
            carry(2, "城关镇", "x", 2021, 5, 0),
        ];
        assert!(cross_year(&c).is_empty());
    }
}
