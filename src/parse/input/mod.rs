//! The input stage: a file's bytes → the text the parser reads, whatever the file is.
//!
//! Plain text goes to [`crate::parse_report`] as it is. An HTML page is read by
//! [`html`] into text (tables as TAB-separated rows, exact cells), a PDF by [`pdf`]
//! through poppler's `pdftotext -layout`; the same parser then reads that text, and
//! the lines it reports are turned back into lines of the original file where the
//! original has lines (HTML source lines; for a PDF, lines of the `pdftotext -layout`
//! text). reports.csv `format` says which reader read the file.

pub(crate) mod html;
mod inline;
mod lists;
mod merged;
pub(crate) mod pdf;
mod quoted;
mod reordered;
mod ruled;
pub(crate) mod stacked;
mod tex;

use std::path::Path;

use crate::grammar::Grammars;
use crate::model::diag::Diag;
use crate::parse::report::{parse_report_with, Report, Status};

pub use crate::model::report::Format;

impl Format {
    /// The format a file name says: `.txt`, `.html`/`.htm`/`.shtml`/`.xhtml`, `.pdf`
    /// (any case); `None` for any other name.
    pub fn of_path(p: &Path) -> Option<Format> {
        let ext = p.extension()?.to_str()?;
        let is = |e: &str| ext.eq_ignore_ascii_case(e);
        // Markdown from OCR and PDF-to-markdown tools is text to this reader.
        if is("txt") || is("md") || is("markdown") {
            Some(Format::Txt)
        } else if is("html") || is("htm") || is("shtml") || is("xhtml") {
            Some(Format::Html)
        } else if is("pdf") {
            Some(Format::Pdf)
        } else {
            None
        }
    }

    /// The format of bytes that came without a name (standard input): a PDF starts
    /// with `%PDF-` (within its first KiB), a page with a tag such as `<!DOCTYPE
    /// html>`, `<html>`, `<head>`, `<meta>`, `<body>`, `<table>` or `<p>` (after
    /// white space and a byte-order mark) and is mostly markup (at least half of its
    /// non-blank lines outside tables carry a tag); anything else is text. A
    /// converter's text that keeps a stray tag or a wrapper (`<div class="article">`
    /// above markdown or wiki text) is text.
    pub fn sniff(bytes: &[u8]) -> Format {
        let head = &bytes[..bytes.len().min(1024)];
        if memchr::memmem::find(head, b"%PDF-").is_some() {
            return Format::Pdf;
        }
        let b = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let start = b
            .iter()
            .position(|c| !c.is_ascii_whitespace())
            .unwrap_or(b.len());
        let b = &b[start..b.len().min(start + 64)];
        let lower: Vec<u8> = b.iter().map(u8::to_ascii_lowercase).collect();
        let tags: [&[u8]; 10] = [
            b"<!doctype html",
            b"<html",
            b"<head",
            b"<meta",
            b"<body",
            b"<table",
            b"<div",
            b"<p>",
            b"<p ",
            b"<!--",
        ];
        if tags.iter().any(|t| lower.starts_with(t)) && mostly_markup(bytes) {
            Format::Html
        } else {
            Format::Txt
        }
    }
}

/// Whether the lines of `bytes` outside tables are mostly markup: at least half of
/// the non-blank lines that stand outside a `<table>…</table>` carry a tag (`<p>`,
/// `</div>`, `<br/>`, `<!-- -->`). In a page, text sits in elements and its line
/// breaks mean nothing; in a converter's markdown, wiki or plain text the lines are
/// the text and a tag is the exception. Lines inside tables are not counted, so a
/// text whose tables are written in HTML (one `<tr>` a line) stays text, and those
/// tables are still laid out ([`parse_text`]).
pub(crate) fn mostly_markup(bytes: &[u8]) -> bool {
    let has_tag = |l: &[u8]| {
        memchr::memchr_iter(b'<', l).any(|i| {
            l.get(i + 1)
                .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'/' || c == b'!')
        })
    };
    let find = |l: &[u8], pat: &[u8]| l.windows(pat.len()).any(|w| w.eq_ignore_ascii_case(pat));
    let (mut tagged, mut plain) = (0usize, 0usize);
    let mut depth = 0usize;
    for line in bytes.split(|&b| b == b'\n') {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let opens = find(line, b"<table");
        let closes = find(line, b"</table");
        let in_table = depth > 0 || opens;
        if opens {
            depth += 1;
        }
        if closes {
            depth = depth.saturating_sub(1);
        }
        if in_table {
            continue;
        }
        if has_tag(line) {
            tagged += 1;
        } else {
            plain += 1;
        }
    }
    tagged >= plain
}

/// The files that are the same page as another file of the same folder: same name
/// but for the extension (`page.html`, `page.pdf`, `page.txt`). Of each such group
/// the HTML page is read (its tables give every cell exactly), else the PDF, else the
/// text; every other file of the group is returned as (its index, the index of the
/// file read instead), so that it gets its own row without being counted twice.
pub fn duplicates(ids: &[&str]) -> Vec<(usize, usize)> {
    let rank = |f: Format| match f {
        Format::Html => 0,
        Format::Pdf => 1,
        Format::Txt => 2,
    };
    fn known(id: &str) -> Option<(&str, Format)> {
        let f = Format::of_path(Path::new(id))?;
        let dot = id.rfind('.')?;
        if id[dot..].contains('/') {
            return None;
        }
        let mut stem = &id[..dot];
        // `page.html.txt`, `report.pdf.txt`: a converter's text named after its source.
        if f == Format::Txt {
            if let Some(inner) = known(stem).filter(|(_, g)| *g != Format::Txt) {
                stem = inner.0;
            }
        }
        Some((stem, f))
    }
    // Plain-text archives, the common case, have nothing to group.
    if ids
        .iter()
        .all(|id| matches!(known(id), Some((_, Format::Txt)) | None))
    {
        return Vec::new();
    }
    let mut groups: std::collections::HashMap<&str, Vec<(u8, usize)>> =
        std::collections::HashMap::new();
    for (i, id) in ids.iter().enumerate() {
        if let Some((stem, f)) = known(id) {
            groups.entry(stem).or_default().push((rank(f), i));
        }
    }
    let mut out = Vec::new();
    for (_, mut g) in groups {
        if g.len() < 2 {
            continue;
        }
        g.sort();
        let best = g[0].1;
        out.extend(g[1..].iter().map(|&(_, i)| (i, best)));
    }
    out.sort();
    out
}

/// Reads one input: `path` decides the format (standard input, `-`, is sniffed; a
/// file given by name with another extension is read as text).
pub fn parse_input(report_id: &str, path: &Path, bytes: &[u8]) -> Report {
    parse_input_with(Grammars::builtin(), report_id, path, bytes)
}

/// [`parse_input`] choosing among the templates of `g`.
pub fn parse_input_with(g: &Grammars, report_id: &str, path: &Path, bytes: &[u8]) -> Report {
    let format = if path.as_os_str() == "-" {
        Format::sniff(bytes)
    } else {
        Format::of_path(path).unwrap_or(Format::Txt)
    };
    parse_as_with(g, report_id, format, bytes)
}

/// Reads bytes of a known format.
pub fn parse_as(report_id: &str, format: Format, bytes: &[u8]) -> Report {
    parse_as_with(Grammars::builtin(), report_id, format, bytes)
}

/// [`parse_as`] choosing among the templates of `g`.
pub fn parse_as_with(g: &Grammars, report_id: &str, format: Format, bytes: &[u8]) -> Report {
    // A crawler may save a page under a `.txt` name: read what the bytes are.
    let format = match format {
        Format::Txt if Format::sniff(bytes) == Format::Html => Format::Html,
        f => f,
    };
    let mut r = match format {
        Format::Txt => parse_text(g, report_id, bytes),
        Format::Html => parse_html(g, report_id, bytes),
        Format::Pdf => pdf::parse(g, report_id, bytes),
    };
    r.format = format;
    r
}

/// The report of a text. Text from OCR and PDF-to-markdown tools often carries its
/// tables as HTML (`<table><tr><td>…`) between lines of markdown: each such table is
/// laid out on a grid by the page reader and put back in place as TAB rows, the rest
/// of the text is kept line for line, and every line read is reported as the line it
/// came from.
fn parse_text(g: &Grammars, report_id: &str, bytes: &[u8]) -> Report {
    // Most texts hold no `<` at all: one memchr pass tells.
    let tag = |name: &[u8]| {
        memchr::memchr_iter(b'<', bytes).any(|i| {
            bytes
                .get(i + 1..i + 1 + name.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(name))
        })
    };
    if !(tag(b"table") && tag(b"/table") && (tag(b"td") || tag(b"th"))) {
        return parse_plain(g, report_id, bytes);
    }
    let Ok(decoded) = crate::parse::decode::decode(bytes) else {
        return parse_plain(g, report_id, bytes);
    };
    let Some(spliced) = splice_tables(&decoded.text) else {
        return parse_plain(g, report_id, bytes);
    };
    let mut r = parse_report_with(g, report_id, spliced.text.as_bytes());
    r = with_columns_in_order(g, report_id, r);
    r.encoding = Some(decoded.encoding);
    remap_lines(&mut r, &spliced);
    r.diags.push(Diag::note(
        0,
        "tables written in HTML inside the text were laid out as tables; their cells are reported at the lines they stand on",
    ));
    for (line, note) in &spliced.notes {
        r.diags.push(Diag::note(*line, note.clone()));
    }
    r
}

/// `text` with each line that `rewrite` changes replaced, line for line, as a
/// [`html::Page`] whose origins map each line to its own; `None` when no line
/// changed (the fallback readings of [`parse_plain`] that keep every line).
fn rewrite_lines(text: &str, rewrite: impl Fn(&str) -> Option<String>) -> Option<html::Page> {
    rewrite_spans(text, |lines, i| rewrite(lines[i]).map(|s| (s, 0)))
}

/// [`rewrite_lines`] where a rewrite may take the lines after the one it is given
/// (a record a hard wrap cut over lines): `rewrite(lines, i)` gives line `i`'s
/// replacement and how many lines after it it took. Those lines are left empty,
/// so every later line keeps its place, and each keeps its own origin.
fn rewrite_spans(
    text: &str,
    mut rewrite: impl FnMut(&[&str], usize) -> Option<(String, usize)>,
) -> Option<html::Page> {
    let li = crate::parse::lines::LineIndex::new(text);
    let (offs, lines): (Vec<usize>, Vec<&str>) = li.lines(text, 0, text.len()).unzip();
    let mut page = html::Page::rewritten();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    while i < lines.len() {
        page.origins.push((out.len() as u32, li.line_of(offs[i])));
        let taken = match rewrite(&lines, i) {
            Some((s, taken)) => {
                changed = true;
                out.push_str(&s);
                taken.min(lines.len() - 1 - i)
            }
            None => {
                out.push_str(lines[i]);
                0
            }
        };
        out.push('\n');
        for &off in &offs[i + 1..=i + taken] {
            page.origins.push((out.len() as u32, li.line_of(off)));
            out.push('\n');
        }
        i += 1 + taken;
    }
    if !changed {
        return None;
    }
    page.text = out;
    Some(page)
}

/// `r` read again from its text with each table whose header names section 三's
/// columns in another order put in the template's order ([`reordered`]), when
/// the text has one: that reading replaces the first whatever it holds, since
/// the first placed those numbers in the wrong columns.
fn with_columns_in_order(g: &Grammars, report_id: &str, r: Report) -> Report {
    let Some(page) = reordered::reorder_columns(&r.text, g) else {
        return r;
    };
    let mut other = parse_report_with(g, report_id, page.text.as_bytes());
    other.encoding = r.encoding;
    remap_lines(&mut other, &page);
    for (line, note) in &page.notes {
        other.diags.push(Diag::note(*line, note.clone()));
    }
    other
}

/// The report of a text without HTML tables. When cells are missing and the text
/// draws ruled grids, it is read again with each ruled row whose cells wrap over
/// several lines joined into one line ([`ruled`]), and that reading is kept if it
/// holds more cells without failing more checks.
fn parse_plain(g: &Grammars, report_id: &str, bytes: &[u8]) -> Report {
    let r = with_columns_in_order(g, report_id, parse_report_with(g, report_id, bytes));
    if r.status == Status::Ok {
        return r;
    }
    let mut best: Option<(Report, html::Page, &str)> = None;
    let pages = [
        (
            ruled::has_grid(&r.text),
            ruled::join_ruled_rows as fn(&str) -> Option<html::Page>,
            "rows of ruled tables whose cells wrap over several lines were each read as one line; their cells are reported at the lines they stand on",
        ),
        (
            inline::has_inline_tags(&r.text),
            inline::strip_inline_tags,
            "inline HTML tags of a converter's markdown (`<u>`, `<br>` in a cell) were taken out; cells are reported at the lines they stand on",
        ),
        (
            merged::has_repeated_cells(&r.text),
            merged::collapse_repeated_cells,
            "merged cells written at every place they cover (a Word file's tables dumped row by row) were each read once; cells are reported at the lines they stand on",
        ),
        (
            quoted::has_open_quotes(&r.text),
            quoted::join_quoted_records,
            "CSV records whose quoted cells hold line breaks (a wrapped label, rows stacked in one record) were each read on their first line; cells are reported at the lines they stand on",
        ),
        (
            lists::has_lists(&r.text),
            lists::list_rows,
            "rows printed as list literals (`['规章', '0', '0', '0']`, a script's dump of a PDF's tables) were read as TAB rows; cells are reported at the lines they stand on",
        ),
        (
            tex::has_tex(&r.text),
            tex::tex_rows,
            "TeX table markup was read as cells (`&` parts them, `\\\\` ends a row, control words are markup); cells are reported at the lines they stand on",
        ),
    ];
    // The numbers a reading holds (no blank, no mark of an empty cell).
    let numbers = |r: &Report| {
        r.tables
            .tables
            .iter()
            .flat_map(|t| t.slots.iter().flatten())
            .filter(|s| s.value.is_some())
            .count()
    };
    for (k, (likely, make, note)) in pages.into_iter().enumerate() {
        let Some(page) = likely.then(|| make(&r.text)).flatten() else {
            continue;
        };
        let other = parse_report_with(g, report_id, page.text.as_bytes());
        let (to_beat, fails, had) = best.as_ref().map_or(
            (r.cells_read(), r.checks_failed(), numbers(&r)),
            |(b, _, _)| (b.cells_read(), b.checks_failed(), numbers(b)),
        );
        // Ruled rows joined (the first of `pages`) read as many cells, but
        // numbers where the first reading took a row's empty cells from the line of its label's rest
        // (`| 法规禁止公开 |   |   |`, a page break between): the joined rows are
        // the rows.
        let more = other.cells_read() > to_beat
            || k == 0 && other.cells_read() == to_beat && numbers(&other) > had;
        if more && other.checks_failed() <= fails {
            best = Some((other, page, note));
        }
    }
    let Some((mut other, page, note)) = best else {
        return r;
    };
    other.encoding = r.encoding;
    remap_lines(&mut other, &page);
    other.diags.push(Diag::note(0, note));
    for (line, note) in &page.notes {
        other.diags.push(Diag::note(*line, note.clone()));
    }
    other
}

/// The text with each outermost `<table>…</table>` replaced by its grid as TAB rows,
/// as a [`html::Page`] whose origins map every line back to the text's own lines;
/// `None` when no table could be laid out.
fn splice_tables(text: &str) -> Option<html::Page> {
    let lower = text.to_ascii_lowercase();
    let li = crate::parse::lines::LineIndex::new(text);
    let mut page = html::Page::rewritten();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut tables = 0;
    let copy_lines = |out: &mut String, origins: &mut Vec<(u32, u32)>, from: usize, to: usize| {
        let mut pos = from;
        for piece in text[from..to].split_inclusive('\n') {
            origins.push((out.len() as u32, li.line_of(pos)));
            out.push_str(piece);
            pos += piece.len();
        }
    };
    while let Some(start) = lower[at..].find("<table").map(|i| at + i) {
        // The matching end of the outermost table (tables nest).
        let mut depth = 0usize;
        let mut i = start;
        let mut end = None;
        while i < lower.len() {
            let rest = &lower[i..];
            if rest.starts_with("<table") {
                depth += 1;
                i += 6;
            } else if rest.starts_with("</table") {
                depth -= 1;
                i += 7;
                if depth == 0 {
                    end = Some(lower[i..].find('>').map_or(lower.len(), |j| i + j + 1));
                    break;
                }
            } else {
                i += rest.chars().next().map_or(1, char::len_utf8);
            }
        }
        let Some(end) = end else { break };
        copy_lines(&mut out, &mut page.origins, at, start);
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        let grid = html::read(&text.as_bytes()[start..end]);
        let first = li.line_of(start);
        // What the grid noted (rows stacked in cells), at the text's own lines.
        for (l, note) in &grid.notes {
            page.notes.push((first + l.saturating_sub(1), note.clone()));
        }
        let base = out.len() as u32;
        for &(o, l) in &grid.origins {
            page.origins.push((base + o, first + l.saturating_sub(1)));
        }
        out.push_str(&grid.text);
        if !out.ends_with('\n') {
            out.push('\n');
        }
        tables += usize::from(grid.number_tables > 0);
        // The rest of the table's last line is text again.
        at = end;
        if text[at..].starts_with('\n') {
            at += 1;
        }
    }
    if tables == 0 {
        return None;
    }
    copy_lines(&mut out, &mut page.origins, at, text.len());
    page.text = out;
    Some(page)
}

/// The report of a page.
fn parse_html(g: &Grammars, report_id: &str, bytes: &[u8]) -> Report {
    let page = html::read(bytes);
    let ocr = |n: usize| {
        format!("The tables of this page are images ({n} in the article): their numbers need OCR, or enter them by hand.")
    };
    if page.text.trim().is_empty() {
        let msg = if let Some(msg) = attached(&page) {
            msg
        } else if page.body_images > 0 {
            ocr(page.body_images)
        } else if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            "The file is empty: download the page again.".to_string()
        } else {
            "The page holds no text: it is not a report page (or its text is drawn by scripts, which are not run).".to_string()
        };
        let mut r = Report::unreadable(report_id, msg);
        r.status = Status::NotReport;
        r.encoding = Some(page.encoding);
        return r;
    }
    let mut r = with_columns_in_order(
        g,
        report_id,
        parse_report_with(g, report_id, page.text.as_bytes()),
    );
    r.encoding = Some(page.encoding);
    // A page is read by the tool itself: no converter left its tables out.
    r.diags
        .retain(|d| d.message != crate::parse::report::NO_TABLE_TEXT);
    remap_lines(&mut r, &page);
    for (line, note) in &page.notes {
        r.diags.push(Diag::note(*line, note.clone()));
    }
    if let Some((issuer, line)) = &page.info.issuer {
        if r.meta.issuer.is_none() {
            r.meta.issuer = Some(issuer.clone());
            r.diags.push(Diag::note(
                *line,
                "the issuer was taken from the page's information table (发布机构)",
            ));
        }
    }
    r.meta.published = page.info.published.map(|(d, _)| d);
    if r.status == Status::NotReport {
        // A page that only announces the report and links to it.
        if let Some(msg) = attached(&page) {
            r.message = msg;
            return r;
        }
    }
    if page.number_tables == 0 && r.status != Status::Ok {
        // Headings but no table of numbers: the tables are pictures, or missing.
        let msg = if page.body_images > 0 {
            ocr(page.body_images)
        } else {
            "The page has no table of numbers: its tables may be drawn by scripts or linked as files; read the attachment or enter the numbers by hand.".to_string()
        };
        r.diags.push(Diag::warning(0, msg.clone()));
        // What else the parser found missing follows from this: it stays in
        // diagnostics.csv.
        r.message = msg;
    }
    r
}

/// The message for a page that links to attached documents, if it does.
fn attached(page: &html::Page) -> Option<String> {
    if page.attachments.is_empty() {
        return None;
    }
    let kinds: Vec<String> = page.attachments.iter().map(|k| format!(".{k}")).collect();
    Some(format!(
        "This page holds no report text but links to attached files ({}): download the attachment and read that (PDF files are read directly).",
        kinds.join(", ")
    ))
}

/// Turns the lines of the rendered page into lines of its HTML source: a cell's
/// line is the line its text starts on in the source, any other line that of the
/// first text on it.
fn remap_lines(r: &mut Report, page: &html::Page) {
    let li = crate::parse::lines::LineIndex::new(&page.text);
    let of_line = |l: u32| -> u32 {
        if l == 0 {
            return 0;
        }
        page.source_line_at(li.start_of(l))
    };
    for t in &mut r.tables.tables {
        for s in t.slots.iter_mut().flatten() {
            s.line = page.source_line_at(s.raw.0);
        }
    }
    for l in &mut r.tables.labels {
        l.line = of_line(l.line);
    }
    for (a, b) in &mut r.tables.structure {
        (*a, *b) = (of_line(*a), of_line(*b));
    }
    for (_, a, b) in &mut r.table_regions {
        (*a, *b) = (of_line(*a), of_line(*b));
    }
    for d in &mut r.diags {
        d.line = of_line(d.line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name() {
        let f = |s: &str| Format::of_path(Path::new(s));
        assert_eq!(f("a/b.TXT"), Some(Format::Txt));
        assert_eq!(f("a/b.md"), Some(Format::Txt));
        assert_eq!(f("a/b.markdown"), Some(Format::Txt));
        assert_eq!(f("b.htm"), Some(Format::Html));
        assert_eq!(f("b.shtml"), Some(Format::Html));
        assert_eq!(f("b.xhtml"), Some(Format::Html));
        assert_eq!(f("b.Pdf"), Some(Format::Pdf));
        assert_eq!(f("b.doc"), None);
        assert_eq!(f("pdf"), None);
    }

    #[test]
    fn html_tables_inside_markdown_text() {
        let text = "2024年某镇政府信息公开工作年度报告\n\n四、政府信息公开行政复议、行政诉讼情况\n\n<table><tr><td colspan=\"5\">行政复议</td><td colspan=\"10\">行政诉讼</td></tr>\n<tr><td rowspan=\"2\">结果维持</td><td rowspan=\"2\">结果纠正</td><td rowspan=\"2\">其他结果</td><td rowspan=\"2\">尚未审结</td><td rowspan=\"2\">总计</td><td colspan=\"5\">未经复议直接起诉</td><td colspan=\"5\">复议后起诉</td></tr>\n<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>\n<tr><td>1</td><td>2</td><td>0</td><td>0</td><td>3</td><td>4</td><td>0</td><td>0</td><td>1</td><td>5</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr></table>\n\n五、存在的主要问题及改进情况\n\n正文。\n";
        let page = splice_tables(text).expect("a table");
        assert!(page.text.contains("1\t2\t0\t0\t3\t4"), "{}", page.text);
        assert!(page.text.starts_with("2024年某镇"), "{}", page.text);
        assert!(page
            .text
            .ends_with("五、存在的主要问题及改进情况\n\n正文。\n"));
        let r = parse_as("x.md", Format::Txt, text.as_bytes());
        let got: Vec<(String, Option<String>, u32)> = r
            .keyed_cells()
            .into_iter()
            .filter(|(k, _)| k.starts_with("4/review/"))
            .map(|(k, s)| {
                let s = s.expect("read");
                (k, s.value.map(|v| v.to_string()), s.line)
            })
            .collect();
        let want: Vec<(String, Option<String>, u32)> = [
            ("upheld", "1"),
            ("corrected", "2"),
            ("other", "0"),
            ("pending", "0"),
            ("total", "3"),
        ]
        .iter()
        .map(|(c, v)| (format!("4/review/{c}"), Some(v.to_string()), 8))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_page_saved_as_txt_is_read_as_a_page() {
        let page =
            "<!DOCTYPE html><html><body><p>2024年某镇政府信息公开工作年度报告</p></body></html>";
        let r = parse_as("x.txt", Format::Txt, page.as_bytes());
        assert_eq!(r.format, Format::Html);
        assert_eq!(r.meta.year, Some(2024));
    }

    #[test]
    fn same_page_twice() {
        let ids = [
            "a/page.html",
            "a/page.pdf",
            "a/page.txt",
            "b/page.txt",
            "c.d/x.txt",
            "c.d/x.pdf",
            "e/r.pdf",
            "e/r.pdf.txt",
            "e/r.txt.txt",
        ];
        assert_eq!(duplicates(&ids), vec![(1, 0), (2, 0), (4, 5), (7, 6)]);
        assert!(duplicates(&["a.txt", "b.txt"]).is_empty());
    }

    #[test]
    fn sniffing() {
        assert_eq!(Format::sniff(b"%PDF-1.4\n"), Format::Pdf);
        assert_eq!(
            Format::sniff(b"\xef\xbb\xbf\n <!DOCTYPE html>"),
            Format::Html
        );
        assert_eq!(Format::sniff(b"<HTML><body>"), Format::Html);
        assert_eq!(
            Format::sniff("2020年报告\n一、总体情况".as_bytes()),
            Format::Txt
        );
        assert_eq!(Format::sniff(b""), Format::Txt);
        assert_eq!(Format::sniff(b"<<<"), Format::Txt);
    }

    #[test]
    fn a_text_in_a_div_wrapper_is_text() {
        // pandoc's gfm, textile and mediawiki keep the page's `<div>` around the text.
        let md = "<div class=\"article\">\n\n# 某镇2024年政府信息公开工作年度报告\n\n## 四、政府信息公开行政复议、行政诉讼情况\n\n| 0 | 7 |\n\n</div>\n";
        assert!(!mostly_markup(md.as_bytes()));
        assert_eq!(Format::sniff(md.as_bytes()), Format::Txt);
        // Two lines with a tag, three without.
        assert!(!mostly_markup(b"<div>\na\nb\nc\n</div>\n"));
        // Two and two: a page.
        assert!(mostly_markup(b"<div>\na\nb\n</div>\n"));
        // A page on one line, and a pretty-printed one.
        assert_eq!(
            Format::sniff(b"<div><p>2024\xe5\xb9\xb4</p></div>"),
            Format::Html
        );
        assert_eq!(
            Format::sniff(b"<html>\n<body>\n<p>\ntext\n</p>\n</body>\n</html>\n"),
            Format::Html
        );
        // Lines inside an HTML table are not counted: a text with its tables written
        // in HTML, one row a line, is text.
        let mixed = "<!-- 转换 -->\n标题\n正文\n<table>\n<tr><td>1</td></tr>\n<tr><td>2</td></tr>\n<tr><td>3</td></tr>\n</table>\n结尾\n";
        assert!(!mostly_markup(mixed.as_bytes()));
        assert_eq!(Format::sniff(mixed.as_bytes()), Format::Txt);
        // Named `.txt`, read as text: the markdown lines stay lines.
        let r = parse_as("x.txt", Format::Txt, md.as_bytes());
        assert_eq!(r.format, Format::Txt);
        assert_eq!(r.meta.year, Some(2024));
    }
}
