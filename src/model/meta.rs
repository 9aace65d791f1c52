//! What a report says of itself: title, year, organ, signing body and date.

/// What the text says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub year: Option<u16>,
    /// Where the year came from, when not from the title (reported in `message`).
    pub year_source: YearSource,
    pub organ: Option<String>,
    pub issuer: Option<String>,
    /// Offset where the signature block starts (end of section 六's text).
    pub signature_start: Option<usize>,
    pub report_date: Option<(u16, u8, u8)>,
    /// The publication date a web page's information table gives (发布日期).
    pub published: Option<(u16, u8, u8)>,
    /// Offset of the title line, when one was found.
    pub title_offset: Option<usize>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum YearSource {
    #[default]
    None,
    Title,
    Period,
    Date,
}
