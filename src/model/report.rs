//! A report: everything read from one input file, with its status and the message
//! that says why it is not ok.

use std::sync::Arc;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::grammar::Template;
use crate::model::checks::CheckResult;
use crate::model::diag::Diag;
use crate::model::meta::Meta;
use crate::model::tables::Tables;

/// What kind of file an input is (reports.csv `format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// Plain text (`.txt`), in any encoding zfxxgk detects.
    #[default]
    Txt,
    /// An HTML page (`.html`, `.htm`, `.shtml`): its text, tables as TAB rows.
    Html,
    /// A PDF with a text layer.
    Pdf,
}

impl Format {
    /// The name reports.csv writes: `txt`, `html`, `pdf`.
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
    /// Every cell of the template was read or accounted for and the checks ran.
    Ok,
    /// A report, but some cells are missing or unresolved, or a table was not found:
    /// [`Report::message`] says what.
    Partial,
    /// The text is not an annual report (no title or sections of one).
    NotReport,
    /// The file could not be read or decoded (or is too large, or a folder).
    Unreadable,
}

impl Status {
    /// Every status, in the order of their codes.
    pub const ALL: [Status; 4] = [
        Status::Ok,
        Status::Partial,
        Status::NotReport,
        Status::Unreadable,
    ];

    /// The status's code: its place in [`Status::ALL`], the index of a count by
    /// status (`Summary::by_status`) and the byte the `--incremental` index keeps.
    pub fn code(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::Partial => 1,
            Status::NotReport => 2,
            Status::Unreadable => 3,
        }
    }

    /// The status of a code (`None` for a byte no status has).
    pub fn from_code(code: u8) -> Option<Status> {
        Status::ALL.get(usize::from(code)).copied()
    }

    /// The name reports.csv writes: `ok`, `partial`, `not_report`, `unreadable`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Partial => "partial",
            Status::NotReport => "not_report",
            Status::Unreadable => "unreadable",
        }
    }
}

/// A narrative section (一, 五, 六) as printed (sections.csv).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Narrative {
    /// The section's number: 1, 5 or 6.
    pub number: u8,
    /// The heading as printed (`五、存在的主要问题及改进情况`).
    pub heading: String,
    /// Byte range of the section's text (after the heading) in [`Report::text`].
    pub range: (usize, usize),
}

/// Everything read from one input file.
///
/// Serialised ([`serde::Serialize`]) with every field but [`Report::text`]; the
/// templates by their id, each check with its `check` name and `scope` from the
/// reading template (see [`crate::model`]).
#[derive(Debug, Clone)]
pub struct Report {
    /// The report's id (reports.csv `report_id`): in a run, the path relative to the
    /// deepest folder common to the PATHs given, `/`-separated; otherwise the name
    /// given to [`crate::parse_report`].
    pub report_id: String,
    /// Whether the report was read whole (reports.csv `status`).
    pub status: Status,
    /// The template the tables follow (reports.csv `template`), when it could be
    /// told; `None` for a report that is not one, or gives no clue.
    /// Shared with the [`crate::grammar::Grammars`] it was read with (a template
    /// loaded at run time lives as long as the reports that use it).
    pub template: Option<Arc<Template>>,
    /// The template used to read section 四 when the report gives no clue (四 is the
    /// same in both); `None` when no table was read.
    pub reading_template: Option<Arc<Template>>,
    /// What the text says of itself: year, organ, issuer, dates.
    pub meta: Meta,
    /// The encoding the text was decoded from (reports.csv `encoding`: `utf-8`,
    /// `gb18030`, `utf-16le`, …); `None` when the bytes could not be decoded.
    pub encoding: Option<&'static str>,
    /// What kind of file was read (reports.csv `format`).
    pub format: Format,
    /// How the table regions are laid out (reports.csv `layout`: `tab-cells`,
    /// `space-aligned`, …, several joined by `+`); empty when no table was read.
    pub layout: String,
    /// The decoded text (for an HTML page or a PDF, the text it was read as, tables
    /// as TAB rows); every byte range and line number of the report points into it.
    /// Not serialised.
    pub text: String,
    /// The tables cell by cell, in the order of the reading template's tables.
    pub tables: Tables,
    /// The arithmetic identities checked (checks.csv).
    pub checks: Vec<CheckResult>,
    /// The narrative sections found (sections.csv).
    pub narratives: Vec<Narrative>,
    /// What the parser noticed and did not turn into a cell (diagnostics.csv).
    pub diags: Vec<Diag>,
    /// Why the status is not `ok`, for a person (reports.csv `message`); empty when
    /// there is nothing to say.
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
            format: Format::Txt,
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

    /// How many checks failed (a check that could not be assessed did not fail).
    pub fn checks_failed(&self) -> usize {
        self.checks.iter().filter(|c| c.ok == Some(false)).count()
    }

    /// The cells to report, in template order: (table, row, col, slot). Rows of
    /// optional rows that were not printed are left out; any other cell not found is
    /// `None` (missing).
    pub fn cells(&self) -> Vec<(usize, usize, usize, Option<&crate::model::tables::Slot>)> {
        let Some(t) = self.reading_template.as_deref() else {
            return Vec::new();
        };
        // Room for every slot at once: pushed one at a time, the list grew and
        // was copied seven or eight times a report.
        let mut out = Vec::with_capacity(self.tables.tables.iter().map(|t| t.slots.len()).sum());
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
                if !crate::model::tables::row_reported(table, read, r) {
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

    /// The lines of the table regions that hold text and that nothing was read from
    /// or said about, as (1-based line, text): empty for every report, since the
    /// reader drops nothing in a table without a diagnostic (tests/props.rs checks it
    /// on every sample and mutations of them). A line of nothing but spaces and `|`
    /// holds no text.
    pub fn unaccounted_lines(&self) -> Vec<(u32, String)> {
        let accounted = self.accounted_lines();
        let lines: Vec<&str> = self.text.split('\n').collect();
        let mut out = Vec::new();
        for &(_, first, last) in &self.table_regions {
            for n in first..=last {
                let Some(l) = (n as usize).checked_sub(1).and_then(|i| lines.get(i)) else {
                    continue;
                };
                // A line of nothing but spaces and separators (`|||`: row ends and
                // colspan padding of the pipe layout; `,,,`: empty fields of a
                // comma-separated row) holds no text to lose.
                let holds_text = l
                    .chars()
                    .any(|c| !crate::model::value::is_cell_space(c) && c != '|' && c != ',');
                if holds_text && !accounted.contains(&n) {
                    out.push((n, l.to_string()));
                }
            }
        }
        out
    }

    /// Whether the report has the heading of `section`.
    fn section_present(&self, section: u8) -> bool {
        self.present_sections & (1 << section) != 0
    }
}

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let tpl = self.reading_template.as_deref();
        let checks: Vec<NamedCheck<'_>> = self
            .checks
            .iter()
            .map(|c| NamedCheck {
                check: tpl.map_or("", |t| c.name(t)),
                scope: tpl.map_or("", |t| c.scope(t)),
                result: c,
            })
            .collect();
        let mut st = s.serialize_struct("Report", 15)?;
        st.serialize_field("report_id", &self.report_id)?;
        st.serialize_field("status", &self.status)?;
        st.serialize_field("template", &self.template.as_ref().map(|t| t.id()))?;
        st.serialize_field("reading_template", &tpl.map(|t| t.id()))?;
        st.serialize_field("meta", &self.meta)?;
        st.serialize_field("encoding", &self.encoding)?;
        st.serialize_field("format", &self.format)?;
        st.serialize_field("layout", &self.layout)?;
        st.serialize_field("tables", &self.tables)?;
        st.serialize_field("checks", &checks)?;
        st.serialize_field("narratives", &self.narratives)?;
        st.serialize_field("diags", &self.diags)?;
        st.serialize_field("message", &self.message)?;
        st.serialize_field("present_sections", &self.present_sections)?;
        st.serialize_field("table_regions", &self.table_regions)?;
        st.end()
    }
}

/// A check as a report serialises it: with its name and scope.
#[derive(serde::Serialize)]
struct NamedCheck<'a> {
    check: &'a str,
    scope: &'a str,
    #[serde(flatten)]
    result: &'a CheckResult,
}
