//! The outcome of one arithmetic identity of a report.

use crate::model::value::Decimal;

/// One evaluated identity. Its name and scope are looked up in the template it
/// ran on ([`CheckResult::name`], [`CheckResult::scope`]), and the cells of each
/// side are recomputed on demand ([`CheckResult::sides`]): a report runs about 45
/// checks, and four allocations each were a third of a parse's mallocs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckResult {
    pub expected: Option<Decimal>,
    pub actual: Option<Decimal>,
    /// `None` when not assessable.
    pub ok: Option<bool>,
    /// The table it ran on.
    pub table: usize,
    /// Which of the template's checks, and which of its columns or rows.
    pub(crate) rule: usize,
    pub(crate) over: usize,
}
