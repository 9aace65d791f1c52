//! The outcome of one arithmetic identity of a report.

use crate::model::value::Decimal;

/// One evaluated identity. Its name and scope are looked up in the template it
/// ran on ([`CheckResult::name`], [`CheckResult::scope`]), and the cells of each
/// side are recomputed on demand ([`CheckResult::sides`]): a report runs about 45
/// checks, and four allocations each were a third of a parse's mallocs.
///
/// Serialised without the indices into the template; a [`crate::Report`] serialises
/// each of its checks with its `check` name and `scope` added.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CheckResult {
    /// The value the identity expects, in the table's unit (checks.csv `expected`);
    /// `None` when a cell it needs has no value.
    pub expected: Option<Decimal>,
    /// The value printed (checks.csv `actual`); `None` when not printed as a number.
    pub actual: Option<Decimal>,
    /// `None` when not assessable.
    pub ok: Option<bool>,
    /// The table it ran on: an index into the template's tables and
    /// [`crate::model::Tables::tables`].
    pub table: usize,
    /// Which of the template's checks, and which of its columns or rows.
    #[serde(skip)]
    pub(crate) rule: usize,
    #[serde(skip)]
    pub(crate) over: usize,
}

/// One evaluated cross-year check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossCheck {
    /// The later report (year Y) and the earlier one (Y−1), as run positions.
    pub index: u32,
    pub prev_index: u32,
    pub col: &'static str,
    /// `carried_out` of Y−1.
    pub expected: Option<i64>,
    /// `carried_in` of Y.
    pub actual: Option<i64>,
    pub ok: Option<bool>,
}
