//! A block's rows, column by column, as a worker renders them and until they are
//! encoded: text as one buffer of bytes and the ends of its values, keys as static
//! slices, numbers as integers and scaled decimals, and the definition levels of the
//! columns that may be null.

use super::encode::EncodedGroup;
use super::schema::schemas;
use super::MONEY_SCALE;
use crate::model::value::Decimal;
use crate::Error;
/// The values of one column of one block, as rows are appended.
#[derive(Debug, Default, Clone)]
pub(super) struct Column {
    /// Whether the column is required (no definition levels), for [`Row`]: set by
    /// [`TableData::row`] on the columns rows are appended to.
    required: bool,
    /// Definition levels (1 present, 0 null), for an optional column: a byte each,
    /// widened to the writer's `i16` a batch at a time (wide holds a level for each
    /// of its four hundred columns of every report of a row group).
    pub(super) def: Vec<u8>,
    /// Text: the bytes of every value, one after another, and where each ends.
    pub(super) bytes: Vec<u8>,
    /// [`Kind::Key`] text.
    pub(super) statics: Vec<&'static [u8]>,
    pub(super) ends: Vec<usize>,
    /// For `report_id` ([`Row::id`]): how many rows in a row each text of `bytes`
    /// stands for, so that the id of a report's two hundred cells is held once.
    pub(super) runs: Vec<u32>,
    /// Integers, dates and booleans (0/1).
    pub(super) ints: Vec<i64>,
    /// Decimals, scaled to the column's scale, when they fit in an `i64` (nearly
    /// all: half the bytes of an `i128`); [`BIG`] marks one that does not, which is
    /// the next of `big`.
    pub(super) decs: Vec<i64>,
    /// The decimals that do not fit in an `i64`, in order.
    pub(super) big: Vec<i128>,
}

/// The rows of one table for one block, column by column.
#[derive(Debug, Default, Clone)]
pub struct TableData {
    pub(super) cols: Vec<Column>,
    /// Per column, whether it is required (no definition levels).
    required: Vec<bool>,
    pub(super) rows: usize,
}

impl TableData {
    /// Moves the rows of `other` after these (both of one table).
    pub(super) fn append(&mut self, other: &mut TableData) {
        if self.cols.is_empty() {
            self.cols.resize_with(other.cols.len(), Column::default);
            self.required.clone_from(&other.required);
        }
        for (a, b) in self.cols.iter_mut().zip(&mut other.cols) {
            a.def.append(&mut b.def);
            let base = a.bytes.len();
            a.bytes.append(&mut b.bytes);
            a.ends.extend(b.ends.drain(..).map(|e| e + base));
            a.runs.append(&mut b.runs);
            a.ints.append(&mut b.ints);
            a.statics.append(&mut b.statics);
            a.decs.append(&mut b.decs);
            a.big.append(&mut b.big);
        }
        self.rows += other.rows;
        other.rows = 0;
    }

    /// Makes room for `rows` rows in the columns `like` has (one table).
    /// Bytes of text held, over every column.
    pub(super) fn text_bytes(&self) -> usize {
        self.cols.iter().map(|c| c.bytes.len()).sum()
    }

    pub(super) fn reserve_rows(&mut self, like: &TableData, rows: usize) {
        if self.cols.is_empty() {
            self.cols.resize_with(like.cols.len(), Column::default);
            self.required.clone_from(&like.required);
        }
        for (c, l) in self.cols.iter_mut().zip(&like.cols) {
            if !l.def.is_empty() {
                c.def.reserve_exact(rows.saturating_sub(c.def.len()));
            }
            if !l.decs.is_empty() {
                c.decs.reserve_exact(rows.saturating_sub(c.decs.len()));
            }
        }
    }

    pub(super) fn clear(&mut self) {
        for c in &mut self.cols {
            c.def.clear();
            c.bytes.clear();
            c.ends.clear();
            c.runs.clear();
            c.ints.clear();
            c.decs.clear();
            c.big.clear();
            c.statics.clear();
        }
        self.rows = 0;
    }

    #[inline(always)]
    pub(super) fn row(&mut self, table: usize) -> Row<'_> {
        if self.required.is_empty() {
            if let Ok(s) = schemas() {
                self.required = s[table].cols.iter().map(|c| c.required).collect();
                self.cols.resize_with(self.required.len(), Column::default);
                for (c, &r) in self.cols.iter_mut().zip(&self.required) {
                    c.required = r;
                }
            }
        }
        Row {
            t: self,
            i: 0,
            failed: None,
        }
    }
}

/// One row being appended, field by field in schema order.
pub(super) struct Row<'a> {
    t: &'a mut TableData,
    i: usize,
    failed: Option<Error>,
}

impl Row<'_> {
    #[inline(always)]
    fn next(&mut self, present: bool) -> Option<&mut Column> {
        let c = self.t.cols.get_mut(self.i)?;
        self.i += 1;
        if !c.required {
            c.def.push(u8::from(present));
        }
        (present || c.required).then_some(c)
    }

    #[inline(always)]
    pub(super) fn s(&mut self, v: Option<&str>) -> &mut Self {
        if let Some(c) = self.next(v.is_some()) {
            c.bytes.extend_from_slice(v.unwrap_or("").as_bytes());
            c.ends.push(c.bytes.len());
        }
        self
    }

    /// The report id, which is the same for all the rows of a report: held once for
    /// each run of rows (see [`Column::runs`]).
    #[inline(always)]
    pub(super) fn id(&mut self, v: &str) -> &mut Self {
        if let Some(c) = self.next(true) {
            // Where the last text begins (it ends at the end of `bytes`).
            let start = match c.ends.len() {
                0 | 1 => 0,
                k => c.ends[k - 2],
            };
            match c.runs.last_mut() {
                Some(n) if *n < u32::MAX && c.bytes.get(start..) == Some(v.as_bytes()) => *n += 1,
                _ => {
                    c.bytes.extend_from_slice(v.as_bytes());
                    c.ends.push(c.bytes.len());
                    c.runs.push(1);
                }
            }
        }
        self
    }

    /// Text that is absent when empty.
    #[inline(always)]
    pub(super) fn s_opt(&mut self, v: &str) -> &mut Self {
        self.s((!v.is_empty()).then_some(v))
    }

    /// [`Kind::Key`] text.
    #[inline(always)]
    pub(super) fn k(&mut self, v: Option<&'static str>) -> &mut Self {
        if let Some(c) = self.next(v.is_some()) {
            c.statics.push(v.unwrap_or("").as_bytes());
        }
        self
    }

    /// [`Kind::Key`] text that is absent when empty.
    #[inline(always)]
    pub(super) fn k_opt(&mut self, v: &'static str) -> &mut Self {
        self.k((!v.is_empty()).then_some(v))
    }

    #[inline(always)]
    pub(super) fn int(&mut self, v: Option<i64>) -> &mut Self {
        if let Some(c) = self.next(v.is_some()) {
            c.ints.push(v.unwrap_or(0));
        }
        self
    }

    #[inline(always)]
    pub(super) fn dec(&mut self, v: Option<Decimal>, scale: u8) -> &mut Self {
        // Nearly every value, scaled, fits in an `i64`: no `i128` on the way.
        match v {
            None => {
                if let Some(c) = self.next(false) {
                    c.decs.push(0);
                }
                self
            }
            Some(v) => match scaled_small(v, scale) {
                Some(small) => {
                    if let Some(c) = self.next(true) {
                        c.decs.push(small);
                    }
                    self
                }
                None => self.dec_wide(v, scale),
            },
        }
    }

    /// [`Row::dec`] of a value that does not fit in an `i64` once scaled (or
    /// cannot be scaled).
    #[cold]
    #[inline(never)]
    fn dec_wide(&mut self, v: Decimal, scale: u8) -> &mut Self {
        let v = Some(v);
        let scaled = match v.map(|v| scaled(v, scale)) {
            Some(None) => {
                self.failed.get_or_insert_with(|| {
                    Error::Internal(format!(
                        "a value has more than {scale} decimals, which its Parquet column cannot hold exactly"
                    ))
                });
                None
            }
            Some(Some(s)) => Some(s),
            None => None,
        };
        if let Some(c) = self.next(scaled.is_some()) {
            let v = scaled.unwrap_or(0);
            match i64::try_from(v) {
                Ok(small) if small != BIG => c.decs.push(small),
                _ => {
                    c.decs.push(BIG);
                    c.big.push(v);
                }
            }
        }
        self
    }

    pub(super) fn end(&mut self) -> crate::Result<()> {
        self.t.rows += 1;
        match self.failed.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// In [`Column::decs`]: the value is the next of [`Column::big`].
pub(super) const BIG: i64 = i64::MIN;

/// `v` as an integer count of `10^-scale`; `None` when it has more decimals.
pub(super) fn scaled(v: Decimal, scale: u8) -> Option<i128> {
    let up = scale.checked_sub(v.scale)?;
    // A table, not `10i128.pow`: this runs for every number of every table.
    Some(i128::from(v.mantissa) * POW10.get(usize::from(up))?)
}

/// [`scaled`] when the result fits in an `i64` other than [`BIG`].
fn scaled_small(v: Decimal, scale: u8) -> Option<i64> {
    let up = scale.checked_sub(v.scale)?;
    let p = *POW10_I64.get(usize::from(up))?;
    v.mantissa.checked_mul(p).filter(|&x| x != BIG)
}

/// `10^k` up to the largest an `i64` holds.
const POW10_I64: [i64; 19] = {
    let mut t = [1i64; 19];
    let mut k = 1;
    while k < t.len() {
        t[k] = t[k - 1] * 10;
        k += 1;
    }
    t
};

/// `10^k` for the shifts [`scaled`] makes (at most [`MONEY_SCALE`] places).
const POW10: [i128; MONEY_SCALE as usize + 1] = {
    let mut t = [1i128; MONEY_SCALE as usize + 1];
    let mut k = 1;
    while k < t.len() {
        t[k] = t[k - 1] * 10;
        k += 1;
    }
    t
};

/// Days from 1970-01-01 to a valid date of the proleptic Gregorian calendar.
pub(super) fn days_since_epoch(y: u16, m: u8, d: u8) -> Option<i64> {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let len = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if d == 0 || d > len {
        return None;
    }
    // Years counted from March, so that the leap day ends a year.
    let (y, m, d) = (i64::from(y), i64::from(m), i64::from(d));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The columns of one block, per table, and once encoded, their column chunks.
#[derive(Debug, Default)]
pub struct BlockData {
    pub(super) tables: [TableData; 7],
    /// Per table: its encoded column chunks (empty when it has no row).
    pub(super) encoded: Vec<(usize, EncodedGroup)>,
    /// One report's row of wide while its cells are read, reused report after report.
    pub(super) wide_row: Vec<Option<Decimal>>,
}

impl BlockData {
    /// Bytes held, to decide whether the buffers are worth keeping for another block.
    pub fn capacity(&self) -> usize {
        self.tables
            .iter()
            .flat_map(|t| &t.cols)
            .map(|c| {
                c.bytes.capacity()
                    + c.def.capacity()
                    + c.runs.capacity() * 4
                    + (c.ends.capacity() + c.ints.capacity() + c.decs.capacity()) * 8
                    + c.big.capacity() * 16
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_days_from_1970() {
        assert_eq!(days_since_epoch(1970, 1, 1), Some(0));
        assert_eq!(days_since_epoch(2000, 3, 1), Some(11_017));
        // 2020-12-31: 50 years of which 13 leap (1972 … 2020), less one day.
        assert_eq!(
            days_since_epoch(2020, 12, 31),
            Some(50 * 365 + 13 - 1 + 365)
        );
        assert_eq!(days_since_epoch(2021, 2, 29), None);
        assert_eq!(days_since_epoch(2024, 2, 29), Some(19_782));
        assert_eq!(days_since_epoch(2021, 13, 1), None);
    }

    #[test]
    fn decimals_scale_up_exactly_or_not_at_all() {
        let d = |m, s| Decimal {
            mantissa: m,
            scale: s,
        };
        assert_eq!(scaled(d(4_773_500, 4), 12), Some(4_773_500 * 10i128.pow(8)));
        assert_eq!(
            scaled(d(i64::MIN, 0), 12),
            Some(i128::from(i64::MIN) * 10i128.pow(12))
        );
        assert_eq!(scaled(d(1, 13), 12), None);
        // The short way agrees with the long one, and leaves what does not fit
        // in an `i64` to it.
        assert_eq!(scaled_small(d(4_773_500, 4), 12), Some(477_350_000_000_000));
        assert_eq!(scaled_small(d(-25, 0), 16), Some(-250_000_000_000_000_000));
        assert_eq!(scaled_small(d(375_516_617, 1), 16), None);
        assert_eq!(scaled_small(d(1, 13), 12), None);
        assert_eq!(scaled_small(d(i64::MIN, 0), 0), None);
        // The largest value fits in 38 digits at the largest scale.
        assert!(scaled(d(i64::MAX, 0), MONEY_SCALE).is_some_and(|v| v < 10i128.pow(38)));
    }
}
