//! One report, start to finish: decode → sections → template → tables → glued
//! splits → checks, with a status and a message a user can act on. Nothing here can
//! fail: whatever the bytes, the result is a [`Report`].

use crate::grammar::normalize::fold;
use std::sync::Arc;

use crate::grammar::{common, Grammars, Template};
use crate::model::diag::Diag;
use crate::parse::checks::run_checks;
use crate::parse::decode::{decode, DecodeError, Decoded};
use crate::parse::lines::LineIndex;
use crate::parse::meta::{read_meta, Meta, YearSource};
use crate::parse::sections::{find_headings, second_report, sections, Section};
use crate::parse::template::{Slot, State, Tables};

pub use crate::model::report::{Narrative, Report, Status};

/// Parses one report from its bytes, with the compiled-in templates.
pub fn parse_report(report_id: &str, bytes: &[u8]) -> Report {
    parse_report_with(Grammars::builtin(), report_id, bytes)
}

/// Parses one report from its bytes, choosing among the templates of `grammars`.
pub fn parse_report_with(grammars: &Grammars, report_id: &str, bytes: &[u8]) -> Report {
    let (decoded, cut_in_char) = match decode_cut_short(bytes) {
        (Ok(d), cut) => (d, cut),
        (Err(e), _) => return Report::unreadable(report_id, e.message()),
    };
    // Full-width digits are read as ASCII ones; the report is put back on the
    // text as printed at the end.
    let (mut text, unfold) = crate::parse::fullwidth::fold_digits(decoded.text);
    let li = LineIndex::new(&text);
    let found = find_headings(&text, &li);
    // What makes the file as a whole not ok, found before the tables are read.
    let mut file_problems = Vec::new();
    if cut_in_char {
        file_problems.push(
            "The file ends in the middle of a character: it was cut short, so fetch the complete report.".to_string(),
        );
    }
    let second = second_report(&text, &li, &found);
    let mut headings = found.headings;
    if let Some(cut) = second {
        // Read the first report only: the second one's headings and signature must
        // not land in the first one's sections.
        file_problems.push(format!(
            "This file holds more than one report (the next one starts at line {}): only the first was read, so split the file to read the others.",
            li.line_of(cut)
        ));
        headings.retain(|h| h.start < cut);
        text.truncate(cut);
    }
    let by_content = crate::parse::anchors::add_table_sections(&text, &li, &mut headings);
    let secs = sections(&text, &headings);
    // A table found by its labels is read rather than a heading with no table.
    let find = |n: u8| {
        secs.iter()
            .filter(|s| s.heading.number == n)
            .max_by_key(|s| s.heading.text.is_empty())
    };
    let last_body = secs.last().map_or(0, |s| s.heading.body);
    let meta = read_meta(&text, headings.first().map(|h| h.start), last_body);
    let mut diags = Vec::new();
    if decoded.replaced > 0 {
        let first = text.find('\u{fffd}').map_or(0, |at| li.line_of(at));
        diags.push(Diag::warning(
            first,
            format!(
                "{} byte sequences are not UTF-8 in an otherwise UTF-8 file (a converter cut characters apart); each was read as �, and a label it falls in may not be recognised",
                decoded.replaced
            ),
        ));
    }
    for f in &by_content {
        let name = common().numeral(f.number);
        diags.push(Diag::warning(
            f.line,
            if f.moved {
                format!("the table of section {name} stands after the narrative, not under its heading: it was read from this line")
            } else {
                format!("the heading of section {name} was not found: its table was found by its labels from this line")
            },
        ));
    }
    for h in headings.iter().filter(|h| h.by_likeness) {
        diags.push(Diag::warning(
            h.line,
            format!(
                "heading `{}` read as the heading of section {} by likeness: it holds none of its words as printed, and differs from its wording in a character or two (a misprint or a misread?)",
                crate::parse::template::clip(&h.text),
                common().numeral(h.number)
            ),
        ));
    }
    let mut present = 0u8;
    for s in &secs {
        present |= 1 << s.heading.number;
    }

    let (template, reading, guessed) = choose_template(grammars, &text, find(2), find(3), &meta);
    if let Some(g) = &guessed {
        diags.push(Diag::warning(0, g.clone()));
    }
    let mut tables = Tables::default();
    let mut regions = Vec::new();
    if let Some(tpl) = reading.as_deref() {
        tables = Tables::new(tpl);
        for n in 2..=4u8 {
            if n != 4 && template.is_none() {
                continue;
            }
            if let Some(s) = find(n) {
                regions.push(region_lines(&text, &li, n, s));
                crate::parse::referee::read_table_section(
                    &text,
                    s.heading.body,
                    s.end,
                    n,
                    tpl,
                    &li,
                    &mut tables,
                    &mut diags,
                );
            }
        }
        if !text.ends_with('\n') {
            set_aside_cut_cell(&text, &mut tables, &mut diags);
        }
        if !tables.runs.is_empty() {
            crate::parse::glued::resolve(&text, tpl, &mut tables, &mut diags);
        }
        set_aside_negative_rows(tpl, &mut tables, &mut diags);
        set_aside_implausible_counts(&text, tpl, &mut tables, &mut diags);
        set_aside_cut_signs(&text, tpl, &mut tables, &mut diags);
        crate::parse::spaced::set_aside_spaced_pairs(&text, tpl, &mut tables, &mut diags);
        crate::parse::spaced::set_aside_cut_groups(&text, tpl, &mut tables, &mut diags);
        crate::parse::lookalike::recover(&text, tpl, &mut tables, &mut diags);
        note_ocr_cells(&text, tpl, &tables, &mut diags);
        note_footnote_marks(&text, tpl, &tables, &mut diags);
    }
    let checks = match reading.as_deref() {
        Some(tpl) => {
            let checks = run_checks(tpl, &tables);
            if crate::parse::misread::set_aside_misread(
                &text,
                tpl,
                &mut tables,
                &checks,
                &mut diags,
            ) {
                run_checks(tpl, &tables)
            } else {
                checks
            }
        }
        None => Vec::new(),
    };
    let narratives = secs
        .iter()
        .filter(|s| matches!(s.heading.number, 1 | 5 | 6))
        .map(|s| narrative(&text, s, &meta))
        .collect();
    let mut layouts: Vec<&str> = Vec::new();
    for l in tables.layouts.iter().flatten() {
        if !layouts.contains(&l.as_str()) {
            layouts.push(l.as_str());
        }
    }
    let mut report = Report {
        report_id: report_id.to_string(),
        status: Status::Ok,
        template,
        reading_template: reading,
        meta,
        encoding: Some(decoded.encoding),
        format: crate::parse::input::Format::Txt,
        layout: layouts.join("+"),
        text,
        tables,
        checks,
        narratives,
        diags,
        message: String::new(),
        present_sections: present,
        table_regions: regions,
    };
    if let Some(note) = year_note(&report.meta) {
        report.diags.push(Diag::warning(0, note));
    }
    let (status, problems, extra) = judge(&report, &secs, file_problems);
    report.status = status;
    if let Some(first) = problems.first() {
        report.message = first.clone();
        if problems.len() > 1 {
            report.message.push_str(&format!(
                " ({} more: see diagnostics.csv.)",
                problems.len() - 1
            ));
        }
    }
    for p in problems {
        report.diags.push(Diag::warning(0, p));
    }
    report.diags.extend(extra);
    if let Some(u) = unfold {
        u.restore(&mut report, &li);
    }
    report
}

/// The first and last line of a section's body: the heading's own line when text
/// follows the heading on it (run-in or glued headings), the next one otherwise;
/// up to the line before the next heading, or the line it starts mid-way.
fn region_lines(text: &str, li: &LineIndex, n: u8, s: &Section) -> (u8, u32, u32) {
    let (body, end) = (s.heading.body, s.end);
    let rest_of_heading_line = text[body..].split('\n').next().unwrap_or("");
    let first = li.line_of(body) + u32::from(rest_of_heading_line.trim().is_empty());
    let end_line = li.line_of(end);
    let before_end = &text[li.start_of(end_line).min(end)..end];
    let last = if before_end.trim().is_empty() {
        end_line.saturating_sub(1)
    } else {
        end_line
    };
    (n, first, last)
}

/// Decodes the bytes; when they end inside a character (a download cut short),
/// drops that incomplete character first and says so. The decoder is strict, so
/// otherwise one cut character would make the whole file undecodable, or send
/// UTF-8 to the GB18030 fallback and read it as nonsense.
fn decode_cut_short(bytes: &[u8]) -> (Result<Decoded, DecodeError>, bool) {
    let whole = decode(bytes);
    if matches!(&whole, Ok(d) if d.encoding != "gb18030") {
        return (whole, false);
    }
    if let Err(e) = std::str::from_utf8(bytes) {
        if e.error_len().is_none() && e.valid_up_to() > 0 {
            if let Ok(d) = decode(&bytes[..e.valid_up_to()]) {
                return (Ok(d), true);
            }
        }
    }
    if matches!(whole, Err(DecodeError::Undecodable)) {
        // GB18030 characters are up to four bytes long.
        for k in 1..bytes.len().min(4) {
            if let Ok(d) = decode(&bytes[..bytes.len() - k]) {
                return (Ok(d), true);
            }
        }
    }
    (whole, false)
}

/// A cell that runs to the very end of a file with no final line break may have
/// been cut in the middle (`37551661.7元` downloaded as `3755`): it is reported
/// missing, with a warning, rather than read as a smaller number.
fn set_aside_cut_cell(text: &str, tables: &mut Tables, diags: &mut Vec<Diag>) {
    let end = text.len();
    let mut line = None;
    for t in &mut tables.tables {
        for slot in &mut t.slots {
            if let Some(s) = slot.as_ref().filter(|s| s.raw.1 == end) {
                line = Some((s.line, s.raw.0));
                *slot = None;
            }
        }
    }
    tables.runs.retain(|r| r.raw.1 != end);
    if let Some((line, start)) = line {
        diags.push(Diag::warning(
            line,
            format!(
                "the file ends inside the cell `{}`: it looks cut short, so the cell is reported missing",
                text.get(start..end).unwrap_or("")
            ),
        ));
    }
}

/// Picks the template by the labels of sections 二 and 三 (format-spec §4); the
/// year only as a fallback, and then says so.
fn choose_template(
    grammars: &Grammars,
    text: &str,
    s2: Option<&Section>,
    s3: Option<&Section>,
    meta: &Meta,
) -> (Option<Arc<Template>>, Option<Arc<Template>>, Option<String>) {
    let ts = grammars.templates();
    // One searcher per marker, built with the template: `str::contains` builds
    // one per call, and this runs 30 times per report.
    let count = |hay: &str| -> Vec<usize> {
        ts.iter()
            .map(|t| {
                t.marker_finders
                    .iter()
                    .filter(|m| m.find(hay.as_bytes()).is_some())
                    .count()
            })
            .collect()
    };
    // Most reports print the markers as the template does: look in the raw text
    // first, and fold it (full-width, Traditional, spaces) only when that finds none.
    let regions: Vec<&str> = [s2, s3]
        .into_iter()
        .flatten()
        .map(|s| &text[s.heading.body..s.end])
        .collect();
    let mut scores = vec![0; ts.len()];
    for r in &regions {
        for (a, b) in scores.iter_mut().zip(count(r)) {
            *a += b;
        }
    }
    if scores.iter().all(|&s| s == 0) {
        let folded: String = regions.iter().map(|r| fold(r)).collect();
        scores = count(&folded);
    }
    let best = scores.iter().copied().max().unwrap_or(0);
    let by_year = meta.year.and_then(|y| {
        ts.iter()
            .find(|t| (t.fallback_years[0]..=t.fallback_years[1]).contains(&y))
    });
    if best > 0 {
        let winners: Vec<usize> = (0..ts.len()).filter(|&i| scores[i] == best).collect();
        let pick = &ts[winners[0]];
        let mixed = scores.iter().filter(|&&s| s > 0).count() > 1;
        let note = mixed.then(|| {
            format!(
                "labels of more than one template are printed; read as the {} template, which matches most of them",
                pick.id
            )
        });
        return (Some(pick.clone()), Some(pick.clone()), note);
    }
    if s2.is_none() && s3.is_none() {
        // Only section 四 (the same in both templates), or nothing: the template
        // cannot be told, but 四 can still be read.
        return (None, by_year.or(ts.last()).cloned(), None);
    }
    match by_year {
        Some(t) => (
            Some(t.clone()),
            Some(t.clone()),
            Some(format!(
                "no label specific to a template was found; the {} template was chosen from the year {}",
                t.id,
                meta.year.unwrap_or(0)
            )),
        ),
        None => (None, ts.last().cloned(), None),
    }
}

fn narrative(text: &str, s: &Section, meta: &Meta) -> Narrative {
    let mut end = s.end;
    if s.heading.number == 6 {
        if let Some(sig) = meta.signature_start {
            if sig >= s.heading.body && sig < end {
                end = sig;
            }
        }
    }
    let body = &text[s.heading.body..end];
    let lead = body.len() - body.trim_start_matches(['\n', '\r']).len();
    let trimmed = body[lead..].trim_end();
    Narrative {
        number: s.heading.number,
        heading: s.heading.text.clone(),
        range: (s.heading.body + lead, s.heading.body + lead + trimmed.len()),
    }
}

/// Status and the one sentence that says why it is not ok.
/// Also the diagnostics that belong with the problems but are not counted in the
/// message (one per section not read, when the message names several).
fn judge(
    r: &Report,
    secs: &[Section],
    file_problems: Vec<String>,
) -> (Status, Vec<String>, Vec<Diag>) {
    let mut extra = Vec::new();
    let has_title = r.meta.title_offset.is_some();
    let table_sections: Vec<u8> = secs
        .iter()
        .map(|s| s.heading.number)
        .filter(|n| (2..=4).contains(n))
        .collect();
    if secs.len() < 2 && table_sections.is_empty() && r.cells_read() == 0 {
        let c = common();
        let msg = if has_title {
            format!(
                "The title names an annual report but none of the sections {}, {}, {} was found: check that this is the full text of the report.",
                c.numeral(2),
                c.numeral(3),
                c.numeral(4)
            )
        } else {
            format!(
                "No annual-report headings ({} … {}) or tables were found: this file does not look like a 政府信息公开工作年度报告.",
                c.section(1).heading,
                c.section(6).heading
            )
        };
        return (Status::NotReport, vec![msg], Vec::new());
    }
    let mut problems = file_problems;
    // Sections missing entirely: after the last heading found, the file was cut
    // short; between headings, a heading is not where the template puts it.
    let missing_secs: Vec<u8> = (2..=4u8).filter(|n| !table_sections.contains(n)).collect();
    if !missing_secs.is_empty() {
        let names: Vec<&str> = missing_secs.iter().map(|&n| common().numeral(n)).collect();
        let last = secs.last().map_or(0, |s| s.heading.number);
        let cut_short = last < 6 && missing_secs.iter().all(|&n| n > last);
        if cut_short {
            problems.push(format!(
                "The text stops in section {} (no section {} follows): the file looks cut short, so fetch the complete report.",
                if last == 0 { "" } else { common().numeral(last) },
                names.join("、")
            ));
        } else {
            problems.push(format!(
                "Section {} was not found: check the headings of the report.",
                names.join("、")
            ));
            // Each section not read is also its own diagnostic (the message names
            // them together): one may be a misspelt heading, another a table
            // printed as an image.
            if names.len() > 1 {
                for name in &names {
                    extra.push(Diag::warning(
                        0,
                        format!("section {name} was not read: neither its heading nor a table with its labels was found"),
                    ));
                }
            }
        }
    }
    // Sections whose heading is there but hold no table text.
    let problems_before = problems.len();
    for n in table_sections.iter().copied() {
        let any = r
            .reading_template
            .as_ref()
            .map(|t| {
                t.section_tables(n)
                    .any(|(ti, _)| r.tables.tables.get(ti).is_some_and(|tr| tr.seen))
            })
            .unwrap_or(false);
        if !any && r.reading_template.is_some() && (n == 4 || r.template.is_some()) {
            problems.push(format!(
                "Section {} has its heading but no table text (the original may show the table as an image): enter its numbers by hand.",
                common().numeral(n)
            ));
        }
    }
    // All three: the text has no table at all. A crawler's converter may have left
    // the tables out (trafilatura without `include_tables`, jusText), which a user
    // who only sees "an image" would not think of.
    if problems.len() - problems_before == 3 {
        problems.insert(problems_before, NO_TABLE_TEXT.to_string());
    }
    if r.template.is_none() && table_sections.iter().any(|&n| n != 4) {
        problems.push(
            "The template (2019 or 2021) could not be told from the labels or the year: check that sections 二 and 三 hold the official tables.".to_string(),
        );
    }
    let cells = r.cells();
    let missing = cells.iter().filter(|c| c.3.is_none()).count();
    let unresolved = cells
        .iter()
        .filter(|c| c.3.is_some_and(|s| s.state == State::Unresolved))
        .count();
    if missing > 0 && problems.is_empty() {
        problems.push(format!(
            "{missing} of {} table cells were not found: see diagnostics.csv for the lines that did not match the template.",
            cells.len()
        ));
    }
    let headers = r
        .diags
        .iter()
        .filter(|d| d.kind == crate::model::diag::Kind::HeaderUnmatched)
        .count();
    if headers > 0 {
        problems.push(format!(
            "{headers} table header(s) in section 二 use wording that matches no label of the template: check in diagnostics.csv that their columns mean what cells.csv says."
        ));
    }
    // Said by cause: a misread suspect is a number as printed, which a user
    // checks against the original, not text to type in.
    let misread = r
        .diags
        .iter()
        .filter(|d| d.kind == crate::model::diag::Kind::Misread)
        .count()
        .min(unresolved);
    if misread > 0 {
        problems.push(format!(
            "{misread} cells hold a number that a failing identity points at (one OCR slip in it would make the sum hold): kept as raw text without a value, compare them with the original."
        ));
    }
    let rest = unresolved - misread;
    if rest > 0 {
        problems.push(format!(
            "{rest} cells hold text that could not be read as a value for certain (digits run together that the report's own identities cannot split, OCR look-alikes, a cell cut short): their raw text is kept, enter those values by hand."
        ));
    }
    if problems.is_empty() {
        return (Status::Ok, problems, extra);
    }
    (Status::Partial, problems, extra)
}

/// Where the year came from when the title did not give it: a guess is said.
fn year_note(m: &Meta) -> Option<&'static str> {
    match m.year_source {
        YearSource::Period => Some("the title gives no year; the year was read from the statistical period"),
        YearSource::Date => Some("neither the title nor a statistical period gives the year; it was inferred from the signing date (December: that year; otherwise the year before)"),
        _ => None,
    }
}

impl Report {
    /// The cells with their truth-file keys (`2/20.1/regulation/made`, `3/new/total`,
    /// `4/review/upheld`), in template order.
    pub fn keyed_cells(&self) -> Vec<(String, Option<&crate::parse::template::Slot>)> {
        let Some(t) = self.reading_template.as_deref() else {
            return Vec::new();
        };
        self.cells()
            .into_iter()
            .map(|(ti, r, c, slot)| {
                let table = &t.tables[ti];
                let (row, col) = (&table.rows[r].key, &table.cols[c].key);
                let key = if table.section == 2 {
                    format!("2/{}/{row}/{col}", table.item)
                } else {
                    format!("{}/{row}/{col}", table.section)
                };
                (key, slot)
            })
            .collect()
    }
}

impl Report {
    /// The unit of cell (`table`, `col`): the one printed in the cell, else the one
    /// printed in its column header, else the one the template fixes. Every output
    /// says a cell's unit this one way.
    pub fn cell_unit(
        &self,
        table: usize,
        col: usize,
        slot: Option<&crate::parse::template::Slot>,
    ) -> Option<crate::model::value::Unit> {
        let tpl = self.reading_template.as_deref()?;
        slot.and_then(|s| s.unit)
            .or(self
                .tables
                .tables
                .get(table)
                .and_then(|t| t.col_units.get(col).copied().flatten()))
            .or(tpl.tables.get(table)?.cols.get(col)?.unit)
    }

    /// The signing date as `YYYY-MM-DD`, when printed.
    pub fn report_date_iso(&self) -> Option<String> {
        self.meta
            .report_date
            .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
    }
}

/// A number below zero in a column that cannot be negative (every column but the
/// 2019 template's `本年增/减`) was not printed so: a dash among glued digits
/// (`规章1-11`, an empty cell printed `-`) read as a sign. Which digits belong to
/// which cell is then not known, so every number of its row is `unresolved`, with
/// a `warning` on the line.
fn set_aside_negative_rows(tpl: &Template, tables: &mut Tables, diags: &mut Vec<Diag>) {
    for (t, read) in tpl.tables.iter().zip(tables.tables.iter_mut()) {
        let n = t.cols.len();
        if n == 0 {
            continue;
        }
        for (r, row) in read.slots.chunks_mut(n).enumerate() {
            let bad = row.iter().zip(&t.cols).find_map(|(s, c)| {
                s.as_ref()
                    .filter(|s| !c.signed && s.value.is_some_and(|v| v.mantissa < 0))
                    .map(|s| (s.line, c.key.clone()))
            });
            let Some((line, col)) = bad else {
                continue;
            };
            diags.push(Diag::warning(
                line,
                format!(
                    "row {} has a number below zero in column {col}, which cannot be negative: a dash among digits run together was read as a sign, so the row's numbers are unresolved",
                    t.rows.get(r).map_or("", |x| x.key.as_str())
                ),
            ));
            for s in row.iter_mut().flatten() {
                if s.value.is_some() {
                    s.state = State::Unresolved;
                    s.value = None;
                }
            }
        }
    }
}

/// Sets single cells aside: each read cell of the tables `keep` takes for which
/// `why` gives a reason becomes `unresolved`, with a warning on its line that
/// names it (`cell row/col {why}, so it is unresolved`). The name is made only
/// for a cell set aside, not for every cell of every report.
fn set_cells_aside(
    tpl: &Template,
    tables: &mut Tables,
    diags: &mut Vec<Diag>,
    keep: impl Fn(&crate::grammar::Table) -> bool,
    mut why: impl FnMut(&crate::grammar::Label, &Slot) -> Option<String>,
) {
    for (t, read) in tpl.tables.iter().zip(tables.tables.iter_mut()) {
        let n = t.cols.len();
        if n == 0 || !keep(t) {
            continue;
        }
        for (k, slot) in read.slots.iter_mut().enumerate() {
            let Some(s) = slot.as_mut() else {
                continue;
            };
            let col = &t.cols[k % n];
            let Some(reason) = why(col, s) else {
                continue;
            };
            let row = t.rows.get(k / n).map_or("", |x| x.key.as_str());
            diags.push(Diag::warning(
                s.line,
                format!("cell {row}/{} {reason}, so it is unresolved", col.key),
            ));
            s.state = State::Unresolved;
            s.value = None;
        }
    }
}

/// Counts of sections 三 and 四 at or above this: no body receives ten million
/// applications, or reviews and suits, in a year.
const MOST_COUNT: i128 = 10_000_000;

/// A count of section 三 or 四 of eight digits or more is digits of several cells
/// run together that a reader took for one number (`9050481070002525`, section
/// 四's ten glued, under a header its glued reading did not see): `unresolved`,
/// with a warning.
fn set_aside_implausible_counts(
    text: &str,
    tpl: &Template,
    tables: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    let counts = |t: &crate::grammar::Table| matches!(t.section, 3 | 4);
    set_cells_aside(tpl, tables, diags, counts, |_, s| {
        let v = s.value?;
        let int =
            i128::from(v.mantissa).abs() / crate::model::value::POW10[usize::from(v.scale.min(12))];
        (int >= MOST_COUNT).then(|| {
            let raw = crate::parse::template::clip(text.get(s.raw.0..s.raw.1).unwrap_or(""));
            format!(
                "reads {raw}, more than any body counts in a year: digits of several cells run together"
            )
        })
    });
}

/// A `-` read as the mark of an empty cell in a column of changes (本年增/减),
/// ending its line, the next line opening with a digit (`行政事业性收费  0  -` /
/// `6 …`): a hard wrap may have cut a negative number from its digits. The cell
/// is `unresolved`, with a warning, rather than `na` where -6 may be printed.
fn set_aside_cut_signs(text: &str, tpl: &Template, tables: &mut Tables, diags: &mut Vec<Diag>) {
    let signed = |t: &crate::grammar::Table| t.cols.iter().any(|c| c.signed);
    set_cells_aside(tpl, tables, diags, signed, |col, s| {
        if s.state != State::Na || !col.signed {
            return None;
        }
        let raw = text.get(s.raw.0..s.raw.1).unwrap_or("").trim();
        let cut = matches!(raw, "-" | "－")
            && text
                .get(s.raw.1..)
                .unwrap_or("")
                .trim_start_matches([' ', '\t', '\r'])
                .strip_prefix('\n')
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        cut.then(|| {
            format!(
                "is `{raw}` at the end of its line and the next line opens with digits: a wrap may have cut a negative number from them"
            )
        })
    });
}

/// A warning on the line of each cell left `unresolved` because OCR printed some
/// of its digits as letters (`1O5`: [`crate::model::value::ocr_misread`]).
fn note_ocr_cells(text: &str, tpl: &Template, tables: &Tables, diags: &mut Vec<Diag>) {
    for (t, read) in tpl.tables.iter().zip(tables.tables.iter()) {
        let n = t.cols.len();
        for (k, s) in read.slots.iter().enumerate() {
            let Some(s) = s.as_ref().filter(|s| s.state == State::Unresolved) else {
                continue;
            };
            let raw = text.get(s.raw.0..s.raw.1).unwrap_or("");
            let absent = crate::model::value::is_absent_word(raw);
            let word = crate::model::value::misread_na_word(raw);
            if !absent && !word && !crate::model::value::ocr_misread(raw) {
                continue;
            }
            let (row, col) = (k / n.max(1), k % n.max(1));
            let why = if word {
                "looks like `不适用` with a character misread (OCR): whether the report printed that word or something else there is not known, so the cell is unresolved"
            } else if absent {
                "is a script's word for a cell it found empty or did not find (pandas pads a ragged row with NaN): whether the report printed nothing there is not known, so the cell is unresolved"
            } else {
                "looks like a number whose digits OCR printed as letters (O for 0, l for 1, S for 5, B for 8, Z for 2): which digits they were is not certain, so the cell is unresolved"
            };
            diags.push(Diag::warning(
                s.line,
                format!(
                    "`{}` in row {}, column {} {why}",
                    raw.trim(),
                    t.rows.get(row).map_or("", |x| x.key.as_str()),
                    t.cols.get(col).map_or("", |x| x.key.as_str())
                ),
            ));
        }
    }
}

/// A note for each number read with the mark of a footnote after it (`3①`,
/// `12注1`, or the `**` of markup closed after it): the number is the cell's
/// value, the mark is not (the raw text keeps it).
fn note_footnote_marks(text: &str, tpl: &Template, tables: &Tables, diags: &mut Vec<Diag>) {
    for (t, read) in tpl.tables.iter().zip(tables.tables.iter()) {
        let n = t.cols.len().max(1);
        for (k, s) in read.slots.iter().enumerate() {
            let Some(s) = s.as_ref().filter(|s| s.state == State::Number) else {
                continue;
            };
            // Most numbers end in a digit, and no mark but `注1` does (told by the
            // last byte: this runs over every number of every report).
            let digit_last = s.raw.1 > s.raw.0
                && text
                    .as_bytes()
                    .get(s.raw.1 - 1)
                    .is_some_and(u8::is_ascii_digit);
            if digit_last && s.raw.1 - s.raw.0 < 5 {
                continue;
            }
            let raw = text.get(s.raw.0..s.raw.1).unwrap_or("");
            if digit_last && !raw.contains('注') {
                continue;
            }
            let Some((num, mark)) = crate::model::value::footnote_split(raw) else {
                continue;
            };
            diags.push(Diag::note(
                s.line,
                format!(
                    "`{}` in row {}, column {}: the number {num} with `{mark}` after it (the mark of a footnote, or markup); the number is read without it",
                    raw.trim(),
                    t.rows.get(k / n).map_or("", |x| x.key.as_str()),
                    t.cols.get(k % n).map_or("", |x| x.key.as_str())
                ),
            ));
        }
    }
}

/// The message of a text with headings but no table text in any table section.
pub(crate) const NO_TABLE_TEXT: &str = "No table text under the headings of sections 二, 三 and 四: the converter that made this text may have left the tables out (as trafilatura does without include_tables, or jusText), or the original shows them as images: read the page itself (zfxxgk reads .html), or enter the numbers by hand.";
