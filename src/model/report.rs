//! A report: everything read from one input file, with its status and the message
//! that says why it is not ok.

use std::sync::Arc;

use crate::grammar::Template;
use crate::model::checks::CheckResult;
use crate::model::diag::Diag;
use crate::model::meta::Meta;
use crate::model::tables::Tables;

/// What kind of file an input is (reports.csv `format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    #[default]
    Txt,
    Html,
    Pdf,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }
}

/// The status column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Ok,
    Partial,
    NotReport,
    Unreadable,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Partial => "partial",
            Status::NotReport => "not_report",
            Status::Unreadable => "unreadable",
        }
    }
}

/// A narrative section (一, 五, 六) as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Narrative {
    pub number: u8,
    pub heading: String,
    /// Byte range of the text.
    pub range: (usize, usize),
}

/// Everything read from one input file.
#[derive(Debug, Clone)]
pub struct Report {
    pub report_id: String,
    pub status: Status,
    /// The template the tables follow, when it could be told. Shared with the
    /// [`crate::grammar::Grammars`] it was read with (a template loaded at run
    /// time lives as long as the reports that use it).
    pub template: Option<Arc<Template>>,
    /// The template used to read section 四 when the report gives no clue (四 is the
    /// same in both).
    pub reading_template: Option<Arc<Template>>,
    pub meta: Meta,
    pub encoding: Option<&'static str>,
    /// What kind of file was read (reports.csv `format`).
    pub format: crate::parse::input::Format,
    pub layout: String,
    pub text: String,
    pub tables: Tables,
    pub checks: Vec<CheckResult>,
    pub narratives: Vec<Narrative>,
    pub diags: Vec<Diag>,
    pub message: String,
    /// Bit n set when the heading of section n was found.
    pub present_sections: u8,
    /// The table regions that were read: section (2, 3, 4) and the first and last
    /// 1-based lines of its body.
    pub table_regions: Vec<(u8, u32, u32)>,
}

impl Report {
    /// A file that could not be read or decoded.
    pub fn unreadable(report_id: &str, message: impl Into<String>) -> Report {
        Report {
            report_id: report_id.to_string(),
            status: Status::Unreadable,
            template: None,
            reading_template: None,
            meta: Meta::default(),
            encoding: None,
            format: crate::parse::input::Format::Txt,
            layout: String::new(),
            text: String::new(),
            tables: Tables::default(),
            checks: Vec::new(),
            narratives: Vec::new(),
            diags: Vec::new(),
            message: message.into(),
            present_sections: 0,
            table_regions: Vec::new(),
        }
    }

    /// How many table cells were read (everything but `missing`).
    pub fn cells_read(&self) -> usize {
        self.tables
            .tables
            .iter()
            .flat_map(|t| t.slots.iter())
            .filter(|s| s.is_some())
            .count()
    }

    pub fn checks_failed(&self) -> usize {
        self.checks.iter().filter(|c| c.ok == Some(false)).count()
    }

    /// The cells to report, in template order: (table, row, col, slot). Rows of
    /// optional rows that were not printed are left out; any other cell not found is
    /// `None` (missing).
    pub fn cells(&self) -> Vec<(usize, usize, usize, Option<&crate::parse::template::Slot>)> {
        let Some(t) = self.reading_template.as_deref() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (ti, table) in t.tables.iter().enumerate() {
            let Some(read) = self.tables.tables.get(ti) else {
                continue;
            };
            if self.template.is_none() && table.section != 4 {
                continue;
            }
            if !read.seen && !self.section_present(table.section) {
                continue;
            }
            for r in 0..table.rows.len() {
                if !crate::parse::template::row_reported(table, read, r) {
                    continue;
                }
                for c in 0..table.cols.len() {
                    out.push((ti, r, c, read.slots[r * table.cols.len() + c].as_ref()));
                }
            }
        }
        out
    }

    /// The lines that something was read from or said about: cells, labels, the
    /// captions and headers of the template, diagnostics. Every line of a table
    /// region that holds text is one of them (tests/props.rs checks it): nothing in
    /// a table is dropped without a word.
    pub fn accounted_lines(&self) -> std::collections::BTreeSet<u32> {
        let mut lines = std::collections::BTreeSet::new();
        for t in &self.tables.tables {
            lines.extend(t.slots.iter().flatten().map(|s| s.line));
        }
        lines.extend(self.tables.labels.iter().map(|l| l.line));
        for &(a, b) in &self.tables.structure {
            lines.extend(a..=b);
        }
        lines.extend(self.diags.iter().map(|d| d.line).filter(|&l| l > 0));
        lines
    }

    /// Whether the report has the heading of `section`.
    fn section_present(&self, section: u8) -> bool {
        self.present_sections & (1 << section) != 0
    }
}
