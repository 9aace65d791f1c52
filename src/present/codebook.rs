//! The codebook: what every key, column, state and check means, generated from the
//! loaded grammars (`grammars/*.toml`) so that it cannot drift from what the parser
//! reads. `docs/codebook.md` is [`codebook_markdown`]; `zfxxgk templates` prints
//! [`codebook_text`]. A test fails when docs/codebook.md is out of date.
//!
//! Both forms are rendered from one list of `Block`s, so they say the same thing.

use std::sync::Arc;

use crate::grammar::{common, wide_columns, wide_name, Grammars, Label, Per, Table, Template};
use crate::parse::report::Status;
use crate::parse::template::State;
use crate::present::summary::{width, wrap};

/// The command that regenerates docs/codebook.md.
pub const REGENERATE: &str = "cargo run -- templates --markdown > docs/codebook.md";

/// The codebook of the compiled-in templates as Markdown (docs/codebook.md).
pub fn codebook_markdown() -> String {
    codebook_markdown_for(Grammars::builtin())
}

/// The codebook of `grammars` as Markdown.
pub fn codebook_markdown_for(grammars: &Grammars) -> String {
    let mut out = String::new();
    for b in blocks(grammars.templates()) {
        match b {
            Block::Heading(level, text) => {
                out.push_str(&format!("{} {text}\n\n", "#".repeat(level)));
            }
            Block::Para(text) => {
                out.push_str(&text);
                out.push_str("\n\n");
            }
            Block::Table(t) => {
                out.push_str(&md_row(t.headers.iter().map(|h| h.to_string())));
                out.push_str(&md_row(t.headers.iter().map(|_| "---".to_string())));
                for row in &t.rows {
                    out.push_str(&md_row(row.iter().enumerate().map(|(i, c)| {
                        if c.is_empty() {
                            String::new()
                        } else if t.code.get(i).copied().unwrap_or(false) {
                            format!("`{c}`")
                        } else {
                            c.replace('|', "\\|")
                        }
                    })));
                }
                out.push('\n');
            }
        }
    }
    // One newline at the end of the file, not two.
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The codebook as plain text for a terminal: headings underlined, tables aligned
/// by display width (a Chinese character takes two columns).
pub fn codebook_text() -> String {
    codebook_text_for(Grammars::builtin())
}

/// The codebook of `grammars` as plain text for a terminal.
pub fn codebook_text_for(grammars: &Grammars) -> String {
    let mut out = String::new();
    for b in blocks(grammars.templates()) {
        match b {
            Block::Heading(level, text) => {
                let rule = if level <= 2 { '=' } else { '-' };
                let text = text.replace('`', "");
                out.push_str(&text);
                out.push('\n');
                out.push_str(&rule.to_string().repeat(width(&text)));
                out.push_str("\n\n");
            }
            Block::Para(text) => {
                out.push_str(&wrap(&text.replace('`', ""), 80));
                out.push_str("\n\n");
            }
            Block::Table(t) => {
                let rows: Vec<Vec<String>> = t
                    .rows
                    .iter()
                    .map(|r| r.iter().map(|c| c.replace('`', "")).collect())
                    .collect();
                let mut widths: Vec<usize> = t.headers.iter().map(|h| width(h)).collect();
                for row in &rows {
                    for (i, c) in row.iter().enumerate() {
                        widths[i] = widths[i].max(width(c));
                    }
                }
                let line = |cells: Vec<&str>| {
                    let mut s = String::new();
                    for (i, c) in cells.iter().enumerate() {
                        s.push_str(c);
                        if i + 1 < cells.len() {
                            s.push_str(&" ".repeat(widths[i] - width(c) + 2));
                        }
                    }
                    s.truncate(s.trim_end().len());
                    s.push('\n');
                    s
                };
                out.push_str(&line(t.headers.clone()));
                let rules: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
                out.push_str(&line(rules.iter().map(String::as_str).collect()));
                for row in &rows {
                    out.push_str(&line(row.iter().map(String::as_str).collect()));
                }
                out.push('\n');
            }
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn md_row(cells: impl Iterator<Item = String>) -> String {
    let cells: Vec<String> = cells.collect();
    format!("| {} |\n", cells.join(" | "))
}

/// A piece of the codebook.
enum Block<'a> {
    Heading(usize, String),
    /// Headings and paragraphs may hold `code` in backticks (dropped in the text
    /// form).
    Para(String),
    Table(TableBlock<'a>),
}

struct TableBlock<'a> {
    headers: Vec<&'a str>,
    /// Which columns hold keys (set as code in Markdown).
    code: Vec<bool>,
    rows: Vec<Vec<String>>,
}

/// One table (a section-2 item, or section 3 or 4) across the templates that have it.
struct Shared<'t> {
    section: u8,
    item: &'t str,
    /// The table in each template, `None` where the template lacks it.
    per_template: Vec<Option<&'t Table>>,
}

fn blocks(ts: &[Arc<Template>]) -> Vec<Block<'_>> {
    let ids: Vec<&str> = ts.iter().map(|t| t.id.as_str()).collect();
    let mut b = vec![
        Block::Heading(1, "Codebook".to_string()),
        Block::Para(format!(
            "What every canonical key, wide.csv column, cell state and check of zfxxgk means. \
             This file is generated from `grammars/*.toml` (the templates the parser reads): \
             do not edit it by hand; edit the grammars and run `{REGENERATE}`. \
             `zfxxgk templates` prints the same in a terminal."
        )),
        Block::Heading(2, "Templates".to_string()),
        Block::Para(
            "A report is read with the template whose labels it prints; when it prints none \
             specific to either, the year decides (the last column), and diagnostics.csv says so."
                .to_string(),
        ),
        Block::Table(TableBlock {
            headers: vec![
                "template",
                "official format",
                "years, when the labels do not tell",
            ],
            code: vec![true, false, false],
            rows: ts
                .iter()
                .map(|t| {
                    let [a, z] = t.fallback_years;
                    let years = if z >= 2100 {
                        format!("{a} on")
                    } else if a <= 2000 {
                        format!("up to {z}")
                    } else {
                        format!("{a}–{z}")
                    };
                    vec![t.id.clone(), t.title.clone(), years]
                })
                .collect(),
        }),
        Block::Heading(2, "Canonical keys".to_string()),
        Block::Para(format!(
            "cells.csv names a cell by `section`, `item` (section 2 only), `row` and `col`; \
             the labels are the official wording of each template (a report's own wording is \
             in labels.csv). A dash means the template has no such row or column. The unit is \
             the one the template fixes; a unit printed in the cell or the column header \
             overrides it. Templates: {}.",
            ids.join(", ")
        )),
    ];
    for shared in shared_tables(ts) {
        table_blocks(&shared, &ids, &mut b);
    }
    wide_blocks(ts, &mut b);
    b.push(Block::Heading(
        2,
        "Cell states (cells.csv `state`)".to_string(),
    ));
    b.push(Block::Para(
        "Blank, `na` and 0 are different facts: a blank or a `/` is never turned into 0."
            .to_string(),
    ));
    b.push(Block::Table(TableBlock {
        headers: vec!["state", "value", "meaning"],
        code: vec![true, false, false],
        rows: STATES
            .iter()
            .map(|&s| {
                let value = if s.has_value() { "the number" } else { "empty" };
                vec![
                    s.as_str().to_string(),
                    value.to_string(),
                    state_meaning(s).to_string(),
                ]
            })
            .collect(),
    }));
    b.push(Block::Heading(2, "Report ids (`report_id`)".to_string()));
    b.push(Block::Para(
        "Every output names a report by `report_id`: its path relative to the deepest \
         folder that holds every PATH given to `zfxxgk extract` (a folder PATH holds itself, \
         a file PATH its folder), with `/` between folders. One folder: paths inside it \
         (`2021/x.txt`); one file: its name; `extract p/2021 q/2021`: `p/2021/x.txt` and \
         `q/2021/x.txt`. The same command gives the same ids in every run, whether the \
         PATHs are relative or absolute. A file reached more than once (given twice, in \
         PATHs that overlap, through a link) is read once, under the id reached without a \
         link (the first in order among equals), with a note in diagnostics.csv naming the \
         other ids. Two files whose names read alike (names that are not UTF-8) are told \
         apart by `#2`, `#3` after the id."
            .to_string(),
    ));
    b.push(Block::Heading(
        2,
        "Report statuses (reports.csv `status`)".to_string(),
    ));
    b.push(Block::Table(TableBlock {
        headers: vec!["status", "meaning"],
        code: vec![true, false],
        rows: STATUSES
            .iter()
            .map(|&s| vec![s.as_str().to_string(), status_meaning(s).to_string()])
            .collect(),
    }));
    format_blocks(&mut b);
    check_blocks(ts, &mut b);
    b
}

/// What each input format is read with, and what `line` means for it.
fn format_blocks(b: &mut Vec<Block>) {
    use crate::parse::input::Format;
    b.push(Block::Heading(
        2,
        "Input formats (reports.csv `format`)".to_string(),
    ));
    b.push(Block::Para(
        "The folder walk takes `.txt`, `.html`, `.htm`, `.shtml`, `.xhtml` and `.pdf` files (any case); `-` reads standard input and tells the format from the bytes. When one folder holds files that differ only in their extension (`page.html`, `page.pdf`, `page.txt`: the same page as a crawler stores it; a text named after its source, `page.pdf.txt`, counts as `page.txt`), the HTML page is read, else the PDF; each other file gets its own row, `not_report`, whose message names the file read instead, and no cells, so the report is counted once. `line` (cells.csv, labels.csv, diagnostics.csv) is always a line of the file itself as an editor counts it, or of the text pdftotext gives for it.".to_string(),
    ));
    b.push(Block::Table(TableBlock {
        headers: vec!["format", "read with", "line is"],
        code: vec![true, false, false],
        rows: [Format::Txt, Format::Html, Format::Pdf]
            .iter()
            .map(|&f| {
                let (how, line) = format_meaning(f);
                vec![f.as_str().to_string(), how.to_string(), line.to_string()]
            })
            .collect(),
    }));
    b.push(Block::Para(
        "reports.csv `published` is the publication date (发布日期, 公开日期 or 发布时间) that a web page's information table gives, `YYYY-MM-DD`; empty for text and PDF files and for pages without one. `report_date` stays the date signed at the end of the report. When the report is signed with a date but no body, `issuer` is the page's 发布机构 (a note in diagnostics.csv says so). `encoding` of a page is the one it was decoded with: `utf-8`, `gbk` (declared GBK or GB2312), `gb18030` (declared, or undeclared and not UTF-8), or another WHATWG name a page declares.".to_string(),
    ));
}

/// [`format_blocks`]: a `match`, so that a new format does not compile until it is
/// described.
fn format_meaning(f: crate::parse::input::Format) -> (&'static str, &'static str) {
    use crate::parse::input::Format;
    match f {
        Format::Txt => ("the text as it is", "line of the file"),
        Format::Html => (
            "html5ever's tokenizer: tables on a grid (rowspan, colspan), one TAB-separated line per row; the article body only",
            "HTML source line where the cell's text starts (an empty cell: its <td>)",
        ),
        Format::Pdf => (
            "pdftotext -layout (poppler-utils), one child process per file, at most 60 s and 64 MiB of text",
            "line of the pdftotext -layout text",
        ),
    }
}

/// Every state, in the order of the contract. [`state_meaning`] is a `match`, so a
/// new state does not compile until it is described; add it here too.
const STATES: [State; 6] = [
    State::Number,
    State::Blank,
    State::Na,
    State::Recovered,
    State::Unresolved,
    State::Missing,
];

fn state_meaning(s: State) -> &'static str {
    match s {
        State::Number => "a number as printed",
        State::Blank => "the cell is printed empty",
        State::Na => "written but not a number: `/`, `-`, `—`, `无`, `N/A`, `暂无`, …",
        State::Recovered => {
            "digits the text ran together were split, and the report's own identities admit exactly that one split; or OCR printed some of a number's digits as the letters they look like (`l2`), and an identity through the cell, its other terms all numbers, holds with exactly the digits they stand for while none fails; or a number printed in two pieces (`2` `6`, closer together than any other two numbers of a row with one number too many, or the one pair of neighbours whose joining the identities allow where none stand closer) read as one where the row's identities hold with it"
        }
        State::Unresolved => {
            "digits ran together and no unique split exists, or OCR printed some of a number's digits as letters (`1O5`) and no identity confirms them, or a failing identity shows a digit OCR may have misread (6 for 9), dropped or added, or the text reads two ways the identities do not choose between (a count of eight digits or more, a `-` a wrap may have cut from its digits, two cells a space apart that may be one number printed in groups, a group of a number a thin space from a misread group, digits a space apart split as glued, `不适用` with a character misread): `diagnostics.csv` says which; enter the value by hand from `raw`"
        }
        State::Missing => "the cell was not found at all (`line` empty)",
    }
}

const STATUSES: [Status; 4] = [
    Status::Ok,
    Status::Partial,
    Status::NotReport,
    Status::Unreadable,
];

fn status_meaning(s: Status) -> &'static str {
    match s {
        Status::Ok => "all three tables were found and read",
        Status::Partial => {
            "some tables or cells are missing or unresolved: `message` says what to do"
        }
        Status::NotReport => "no annual report was found in the file",
        Status::Unreadable => {
            "the file could not be read or decoded, or it was given by name in a format zfxxgk \
             does not read (a `.docx`, an image: not opened)"
        }
    }
}

/// The tables of all templates, matched by section and item, in template order
/// (items only one template has come after the last item they follow).
fn shared_tables(ts: &[Arc<Template>]) -> Vec<Shared<'_>> {
    let mut keys: Vec<(u8, &str)> = Vec::new();
    for t in ts {
        let list: Vec<(u8, &str)> = t
            .tables
            .iter()
            .map(|tb| (tb.section, tb.item.as_str()))
            .collect();
        merge(&mut keys, &list);
    }
    keys.into_iter()
        .map(|(section, item)| Shared {
            section,
            item,
            per_template: ts
                .iter()
                .map(|t| {
                    t.tables
                        .iter()
                        .find(|tb| tb.section == section && tb.item == item)
                })
                .collect(),
        })
        .collect()
}

/// Adds the elements of `list` missing from `merged`, each just before the next
/// element of `list` that `merged` already has (at the end when none), so both
/// orders are kept: the 2021 template's three （六） rows land after 2019's `other`
/// and before `results_total`.
fn merge<T: PartialEq + Copy>(merged: &mut Vec<T>, list: &[T]) {
    for (i, x) in list.iter().enumerate() {
        if merged.contains(x) {
            continue;
        }
        let next = list[i + 1..]
            .iter()
            .find_map(|y| merged.iter().position(|m| m == y));
        match next {
            Some(p) => merged.insert(p, *x),
            None => merged.push(*x),
        }
    }
}

/// The label of `key` in each template (`—` where absent), and what they share.
struct KeyRow<'t> {
    key: &'t str,
    labels: Vec<Option<&'t Label>>,
}

fn key_rows<'t>(s: &Shared<'t>, axis: impl Fn(&'t Table) -> &'t [Label]) -> Vec<KeyRow<'t>> {
    let mut keys: Vec<&str> = Vec::new();
    for t in s.per_template.iter().flatten() {
        let list: Vec<&str> = axis(t).iter().map(|l| l.key.as_str()).collect();
        merge(&mut keys, &list);
    }
    keys.into_iter()
        .map(|key| KeyRow {
            key,
            labels: s
                .per_template
                .iter()
                .map(|t| t.and_then(|t| axis(t).iter().find(|l| l.key == key)))
                .collect(),
        })
        .collect()
}

/// The unit of a column: the same in every template that has it, or per template.
fn unit_of(ids: &[&str], labels: &[Option<&Label>]) -> String {
    let units: Vec<(&str, String)> = ids
        .iter()
        .zip(labels)
        .filter_map(|(id, l)| l.map(|l| (*id, unit_text(l))))
        .collect();
    if units.windows(2).all(|w| w[0].1 == w[1].1) {
        return units.first().map(|u| u.1.clone()).unwrap_or_default();
    }
    units
        .iter()
        .map(|(id, u)| format!("{id}: {u}"))
        .collect::<Vec<_>>()
        .join("; ")
}

fn unit_text(l: &Label) -> String {
    match l.unit {
        Some(u) => u.as_str().to_string(),
        None if l.decimal => "as printed (元 or 万元)".to_string(),
        None => "as printed".to_string(),
    }
}

/// What a row or column allows beyond a count.
fn notes(labels: &[Option<&Label>]) -> String {
    let any = |f: fn(&Label) -> bool| labels.iter().flatten().any(|l| f(l));
    let mut n = Vec::new();
    if any(|l| l.optional && l.replaces.is_empty()) {
        n.push("printed only by some provinces; absent rows are not reported missing");
    }

    if any(|l| l.signed) {
        n.push("may be negative");
    }
    if any(|l| l.decimal) {
        n.push("may have decimals");
    }
    n.join("; ")
}

fn table_title(s: &Shared<'_>) -> String {
    let heading = match s.section {
        2..=4 => common().section(s.section).heading.as_str(),
        _ => "",
    };
    if s.section == 2 {
        let caption = s
            .per_template
            .iter()
            .flatten()
            .next()
            .map_or("", |t| t.caption.as_str());
        format!(
            "Section 2, item {}: {} ({heading})",
            s.item,
            common().caption_printed.replace("{}", caption)
        )
    } else {
        format!("Section {}: {heading}", s.section)
    }
}

fn table_blocks<'a>(s: &Shared<'a>, ids: &[&'a str], b: &mut Vec<Block<'a>>) {
    b.push(Block::Heading(3, table_title(s)));
    let mut headers = vec!["row"];
    headers.extend(ids.iter().copied());
    headers.push("notes");
    let mut code = vec![true];
    code.extend(ids.iter().map(|_| false));
    code.push(false);
    let label_cells = |labels: &[Option<&Label>]| -> Vec<String> {
        labels
            .iter()
            .map(|l| l.map_or("—".to_string(), |l| l.label.clone()))
            .collect()
    };
    let rows = key_rows(s, |t| &t.rows);
    b.push(Block::Table(TableBlock {
        headers: headers.clone(),
        code: code.clone(),
        rows: rows
            .iter()
            .map(|k| {
                let mut r = vec![k.key.to_string()];
                r.extend(label_cells(&k.labels));
                let mut n = notes(&k.labels);
                for (i, l) in k.labels.iter().enumerate() {
                    let (Some(l), Some(Some(t)), Some(id)) = (l, s.per_template.get(i), ids.get(i))
                    else {
                        continue;
                    };
                    if l.replaces.is_empty() {
                        continue;
                    }
                    let keys: Vec<String> = l
                        .replaces
                        .iter()
                        .map(|&x| format!("`{}`", t.rows[x].key))
                        .collect();
                    if !n.is_empty() {
                        n.push_str("; ");
                    }
                    n.push_str(&format!(
                        "{id}: some reports print this row in place of {}; it is then read under this key, with a diagnostic, and those rows are not reported",
                        keys.join(", ")
                    ));
                }
                r.push(n);
                r
            })
            .collect(),
    }));
    headers[0] = "col";
    headers.insert(headers.len() - 1, "unit");
    code.insert(code.len() - 1, false);
    let cols = key_rows(s, |t| &t.cols);
    b.push(Block::Table(TableBlock {
        headers,
        code,
        rows: cols
            .iter()
            .map(|k| {
                let mut r = vec![k.key.to_string()];
                r.extend(label_cells(&k.labels));
                r.push(unit_of(ids, &k.labels));
                r.push(notes(&k.labels));
                r
            })
            .collect(),
    }));
}

fn wide_blocks(ts: &[Arc<Template>], b: &mut Vec<Block<'_>>) {
    b.push(Block::Heading(2, "wide.csv columns".to_string()));
    b.push(Block::Para(
        "One row per report: `report_id`, `status`, `template`, `year`, `organ`, `issuer`, \
         `report_date` (as in reports.csv: keep the rows whose status is `ok` before \
         trusting a sum), then one column per canonical cell of every template, in this \
         order, named `s2_<item>_<row>_<col>` (the item's dot as `_`), `s3_<row>_<col>` and \
         `s4_<row>_<col>`. A cell a report's template does not have, or that holds no \
         number, is empty. The column set is the same in every run, so files from \
         different years and archives stack. Every amount column is in 万元, whatever the \
         report printed: a value printed in 元 is divided by 10,000 exactly (1285000 元 is \
         128.5), and an amount printed with no unit anywhere (cell, header or template) is \
         left empty, as its unit is unknown; cells.csv keeps the printed value and its unit. \
         wide.parquet has the same columns."
            .to_string(),
    ));
    let mut rows = Vec::new();
    for name in wide_columns() {
        let mut found: Option<(&Table, usize, usize)> = None;
        let mut have: Vec<&str> = Vec::new();
        for t in ts {
            for (ti, r, c) in t.cells() {
                let table = &t.tables[ti];
                if wide_name(table, r, c) == *name {
                    found.get_or_insert((table, r, c));
                    have.push(&t.id);
                }
            }
        }
        let Some((table, r, c)) = found else {
            continue;
        };
        rows.push(vec![
            name.clone(),
            table.section.to_string(),
            table.item.clone(),
            table.rows[r].key.clone(),
            table.cols[c].key.clone(),
            if table.cols[c].is_money() {
                "万元".to_string()
            } else {
                unit_text(&table.cols[c])
            },
            have.join(", "),
        ]);
    }
    b.push(Block::Table(TableBlock {
        headers: vec![
            "column",
            "section",
            "item",
            "row",
            "col",
            "unit",
            "templates",
        ],
        code: vec![true, false, false, true, true, false, false],
        rows,
    }));
}

fn check_blocks(ts: &[Arc<Template>], b: &mut Vec<Block<'_>>) {
    b.push(Block::Heading(2, "Checks (checks.csv)".to_string()));
    b.push(Block::Para(
        "The arithmetic identities of the templates, one checks.csv row per column or row \
         they run on (`scope`); `check_name` names the identity. `expected` is the left side, `actual` the right; `ok` is \
         `true` or `false`, and empty when a side has a blank, `/`, missing or unresolved \
         cell (not assessable: a blank is never read as 0)."
            .to_string(),
    ));
    // (check, section, identity) → templates; the same name can differ by template.
    let mut rows: Vec<(String, u8, String, Vec<&str>)> = Vec::new();
    for t in ts {
        for c in &t.checks {
            let table = &t.tables[c.table];
            let identity = identity(table, c);
            match rows
                .iter_mut()
                .find(|(n, _, i, _)| *n == c.name && *i == identity)
            {
                Some(row) => row.3.push(&t.id),
                None => {
                    // Variants of one check stand together.
                    let at = rows
                        .iter()
                        .rposition(|(n, ..)| *n == c.name)
                        .map_or(rows.len(), |p| p + 1);
                    rows.insert(at, (c.name.clone(), table.section, identity, vec![&t.id]));
                }
            }
        }
    }
    // The one check that spans two reports (src/run/crossyear.rs, `[carry]` in
    // grammars/common.toml), not a template's.
    let carry = &common().carry;
    rows.push((
        carry.name.clone(),
        carry.section,
        format!(
            "`{}` of year Y = `{}` of year Y−1, per column, for the same \
             organ; scope `column: earlier report -> later report`; after every report's own \
             checks, CSV and Parquet only",
            carry.carried_in, carry.carried_out
        ),
        ts.iter().map(|t| t.id.as_str()).collect(),
    ));
    b.push(Block::Table(TableBlock {
        // The identity last: it is long, and a terminal wraps a last column best.
        headers: vec!["check_name", "section", "templates", "identity"],
        code: vec![true, false, false, false],
        rows: rows
            .into_iter()
            .map(|(n, s, i, t)| vec![n, s.to_string(), t.join(", "), i])
            .collect(),
    }));
}

/// `for each col: new + carried_in = results_total + carried_out`.
fn identity(table: &Table, c: &crate::grammar::Check) -> String {
    let (axis, over) = match c.per {
        Per::Col => (&table.rows, "for each col".to_string()),
        Per::Row if c.over.len() == table.rows.len() => (&table.cols, "for each row".to_string()),
        Per::Row => (
            &table.cols,
            format!(
                "row {}",
                c.over
                    .iter()
                    .map(|&i| table.rows[i].key.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
    };
    let side = |idx: &[usize]| {
        idx.iter()
            .map(|&i| axis[i].key.as_str())
            .collect::<Vec<_>>()
            .join(" + ")
    };
    format!("{over}: {} = {}", side(&c.lhs), side(&c.rhs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_keeps_both_orders() {
        let mut m = vec!["a", "other", "total", "out"];
        merge(&mut m, &["a", "x", "y", "total", "out", "z"]);
        assert_eq!(m, vec!["a", "other", "x", "y", "total", "out", "z"]);
    }

    #[test]
    fn every_key_and_column_is_in_the_codebook() {
        let md = codebook_markdown();
        for t in crate::grammar::templates() {
            for table in &t.tables {
                for l in table.rows.iter().chain(&table.cols) {
                    assert!(md.contains(&format!("| `{}` |", l.key)), "{}", l.key);
                    assert!(md.contains(&l.label), "{}", l.label);
                }
            }
            for c in &t.checks {
                assert!(md.contains(&format!("| `{}` |", c.name)), "{}", c.name);
            }
        }
        for col in wide_columns() {
            assert!(md.contains(&format!("| `{col}` |")), "{col}");
        }
        for s in STATES {
            assert!(md.contains(&format!("| `{}` |", s.as_str())));
        }
    }

    #[test]
    fn the_text_form_is_aligned() {
        let text = codebook_text();
        assert!(!text.contains('`'));
        // In each table, the second column starts at the same display column.
        let block: Vec<&str> = text
            .split("\n\n")
            .find(|b| b.starts_with("row ") && b.contains("regulation"))
            .expect("the 20.1 rows")
            .lines()
            .collect();
        let at = |l: &str| {
            let cut = l.find("  ").expect("two spaces") + 2;
            let rest = &l[cut..];
            width(&l[..cut]) + (rest.len() - rest.trim_start().len())
        };
        let first = at(block[0]);
        assert!(block.iter().all(|l| at(l) == first), "{block:?}");
    }

    #[test]
    fn the_20_8_amount_unit_differs_by_template() {
        let md = codebook_markdown();
        assert!(
            md.contains("| `amount` | — | 本年收费金额（单位：万元） | 万元 | may have decimals |")
        );
        // cells.csv keeps the unit as printed; wide has every amount in 万元.
        assert!(md.contains("| `amount` | 采购总金额 | — | as printed (元 or 万元) |"));
        assert!(md.contains(
            "| `s2_20_9_procurement_amount` | 2 | 20.9 | `procurement` | `amount` | 万元 | 2019 |"
        ));
        assert!(
            md.contains("| `s3_result_total` | 3 | 2019 | for each col: results_total = disclosed")
        );
        assert!(md.contains("rejected_confirmation + other |\n| `s3_result_total` | 3 | 2021 |"));
    }
}
