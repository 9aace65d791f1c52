//! What a report says of itself: title, year, organ, signing body and date.

/// What the text says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Meta {
    /// The year the report is on (reports.csv `year`); `None` when neither the
    /// title, a statistical period nor the signing date gives it.
    pub year: Option<u16>,
    /// Where the year came from, when not from the title (reported in `message`).
    pub year_source: YearSource,
    /// The organ the report is of, from the title (`东新街道`; reports.csv `organ`);
    /// `None` when the title does not name one.
    pub organ: Option<String>,
    /// The signing body under the report (reports.csv `issuer`); `None` when no
    /// signature was found.
    pub issuer: Option<String>,
    /// Offset where the signature block starts (end of section 六's text).
    pub signature_start: Option<usize>,
    /// The signing date as (year, month, day) (reports.csv `report_date`); `None`
    /// when not printed.
    pub report_date: Option<(u16, u8, u8)>,
    /// The publication date a web page's information table gives (发布日期).
    pub published: Option<(u16, u8, u8)>,
    /// Offset of the title line, when one was found.
    pub title_offset: Option<usize>,
}

/// Where [`Meta::year`] was read from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum YearSource {
    /// No year was found.
    #[default]
    None,
    /// The title (`2020年…工作年度报告`).
    Title,
    /// A statistical period in the text (`统计期限为2020年1月1日至12月31日`).
    Period,
    /// Inferred from the signing date (December: that year; otherwise the year
    /// before).
    Date,
}
