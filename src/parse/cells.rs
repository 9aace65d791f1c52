//! Text → cells, whatever the layout.
//!
//! Each converter renders an HTML table differently: one cell per tab-indented line,
//! one cell per paragraph, `|`-separated rows, space-aligned columns, or everything
//! glued together. This stage detects the layout of one table region and turns it
//! into the same thing for all of them: a sequence of cells in reading order, each
//! with its raw text, its byte offset and its line. The template stage then reads
//! that sequence by label, so it never needs to know the layout.

use crate::model::value::{
    cell_space_lead, empty_mark_len, is_cell_space, parse_cell, trim_cell, CellValue,
};
pub use crate::parse::layout::detect;
use crate::parse::layout::is_han;
use crate::parse::lines::LineIndex;

pub use crate::model::tables::Layout;

/// What a cell holds, as far as this stage can tell without the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A value cell: number, blank or na.
    Value(CellValue),
    /// Text: a label, a caption, or noise.
    Text,
    /// Digits of several cells run together (glued layout); split later.
    Run,
    /// A page number a converter left inside the table (`-3-`): no part of it, but
    /// passed on so that the reader can say it set the line aside.
    Page,
}

/// One cell of a table region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell<'a> {
    /// The cell as printed, trimmed of the layout's separators.
    pub raw: &'a str,
    /// Byte offset of `raw` in the report text.
    pub offset: usize,
    pub line: u32,
    /// The line of the cell's last piece (`line` unless it wraps).
    pub last_line: u32,
    pub kind: Kind,
    /// Further pieces of the same cell on later lines (wrapped header cells).
    pub more: Vec<&'a str>,
}

impl<'a> Cell<'a> {
    fn new(raw: &'a str, offset: usize, line: u32) -> Cell<'a> {
        let kind = match parse_cell(raw) {
            CellValue::Text => Kind::Text,
            v => Kind::Value(v),
        };
        Cell {
            raw,
            offset,
            line,
            last_line: line,
            kind,
            more: Vec::new(),
        }
    }

    fn blank(offset: usize, line: u32) -> Cell<'a> {
        Cell {
            raw: "",
            offset,
            line,
            last_line: line,
            kind: Kind::Value(CellValue::Blank),
            more: Vec::new(),
        }
    }

    /// The page number on the line starting at `off`.
    fn page(off: usize, line: &'a str, li: &LineIndex) -> Cell<'a> {
        let lead = cell_space_lead(line);
        Cell {
            raw: trim_cell(line),
            offset: off + lead,
            line: li.line_of(off + lead),
            last_line: li.line_of(off + lead),
            kind: Kind::Page,
            more: Vec::new(),
        }
    }

    /// Adds the piece of the cell on a later line.
    fn push_more(&mut self, piece: &'a str, line: u32) {
        self.more.push(piece);
        self.last_line = line;
    }

    /// The whole text of the cell, pieces joined.
    pub fn text(&self) -> std::borrow::Cow<'a, str> {
        if self.more.is_empty() {
            std::borrow::Cow::Borrowed(self.raw)
        } else {
            let mut s = self.raw.to_string();
            for m in &self.more {
                s.push_str(m);
            }
            std::borrow::Cow::Owned(s)
        }
    }
}

/// A trimmed piece of `line` (which starts at byte `line_off`) as a cell.
fn piece<'a>(text: &'a str, start: usize, end: usize, li: &LineIndex) -> Option<Cell<'a>> {
    let s = text.get(start..end)?;
    let (lead, t) = trim_sep(s);
    if t.is_empty() {
        return None;
    }
    let off = start + lead;
    Some(Cell::new(t, off, li.line_of(off)))
}

/// `s` trimmed of the spaces that separate cells (space, TAB, CR, U+3000), and how
/// many bytes went at the front, byte by byte (a piece per cell). U+00A0 is not one
/// of them: it is part of the cell as printed (`\u{a0}2`), kept in `raw`, and
/// ignored by the value rule.
fn trim_sep(s: &str) -> (usize, &str) {
    let b = s.as_bytes();
    let mut a = 0;
    loop {
        match b.get(a..) {
            Some([b' ' | b'\t' | b'\r', ..]) => a += 1,
            Some([0xe3, 0x80, 0x80, ..]) => a += 3,
            _ => break,
        }
    }
    let mut e = b.len();
    while e > a {
        match &b[a..e] {
            [.., b' ' | b'\t' | b'\r'] => e -= 1,
            [.., 0xe3, 0x80, 0x80] => e -= 3,
            _ => break,
        }
    }
    (a, s.get(a..e).unwrap_or(""))
}

/// Page numbers that PDF converters leave inside tables (`-4-`, `— 4 —`, `第 3 页`,
/// `Page 9`, `3/12`: see [`crate::pages`]), and the report's title printed again
/// at the head of a page ([`LineIndex::is_running_header`]).
// `[u8]::contains` is memchr, whose set-up costs more than these few bytes.
#[allow(clippy::manual_contains)]
#[inline(always)]
pub(crate) fn is_page_number(line: &str, li: &LineIndex) -> bool {
    // Called on every line of a table: look at the first printed byte before
    // anything else, in the caller (a call for this test alone was about 48
    // instructions a line, callgrind; the rest is out of line). `#[inline]` alone
    // no longer inlined it once the digit test below was added.
    let b = line.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b' ' | b'\t' | 0x0c => i += 1,
            0xe3 if b.get(i + 1..i + 3) == Some(&[0x80, 0x80]) => i += 3,
            _ => break,
        }
    }
    match b.get(i) {
        // A line of digits (most lines of a table) is a page marker only as
        // `3/12`: told here without the call when no `/` follows soon, as
        // `page_number_from` tells it (the call was about 55 instructions a line).
        // Only in a text that prints such markers on more than one page (see
        // [`LineIndex::slash_pages`]).
        Some(d) if d.is_ascii_digit() => {
            (b[i..b.len().min(i + 16)].iter().any(|&c| c == b'/')
                && li.slash_pages()
                && page_number_from(line, i)
                && li.slash_total_ok(line))
                || li.is_running_header(line)
        }
        // A full-width digit (EF BC 90–99) opens `３/８` alike.
        Some(0xef) if matches!(b.get(i + 1..i + 3), Some([0xbc, 0x90..=0x99])) => {
            li.slash_pages() && page_number_from(line, i) && li.slash_total_ok(line)
        }
        // The report's title printed again at the head of a page.
        Some(&c) => {
            (may_start_page_number(c) && page_number_from(line, i)) || li.is_running_header(line)
        }
        None => false,
    }
}

/// [`is_page_number`] for a line whose first printed byte, at `i`, may open a
/// page marker.
// `[u8]::contains` is memchr, whose set-up costs more than these few bytes (callgrind).
#[allow(clippy::manual_contains)]
#[inline(never)]
fn page_number_from(line: &str, i: usize) -> bool {
    let b = line.as_bytes();
    match b[i..] {
        // A line of digits is a page marker only as `3/12`.
        // A few bytes: a loop costs less than memchr's set-up.
        [d, ..] if d.is_ascii_digit() && !b[i..b.len().min(i + 16)].iter().any(|&c| c == b'/') => {
            return false;
        }
        [d, ..] if d.is_ascii_digit() => {}
        // Of the characters starting E2 or EF only `—` `–` (E2 80 94/93), `－` (EF BC
        // 8D) and full-width digits (EF BC 90–99) may open one.
        [0xe2, 0x80, 0x93 | 0x94, ..] | [0xef, 0xbc, 0x8d | 0x90..=0x99, ..] => {}
        // `第` is E7 AC AC; other characters starting E7 are no page marker.
        [0xe7, 0xac, 0xac, ..] => {}
        [0xe2 | 0xef | 0xe7, ..] => return false,
        _ => {}
    }
    crate::parse::pages::is_page_marker(line)
}

/// Whether a line whose first printed byte is `b` may be a page marker: `-`, the
/// first byte of `第` (E7), of `—`/`–` (E2), of `－` (EF), `P`, `p` or a digit.
#[inline]
pub(crate) fn may_start_page_number(b: u8) -> bool {
    matches!(b, b'-' | 0xe7 | 0xe2 | 0xef | b'P' | b'p' | b'0'..=b'9')
}

/// Detects the layout of `text[start..end]` and reads its cells.
pub fn read_cells<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    li: &LineIndex,
) -> (Option<Layout>, Vec<Cell<'a>>) {
    let layout = match detect(text, start, end, li) {
        Some(l) => l,
        None => return (None, Vec::new()),
    };
    let cells = match layout {
        Layout::TabCells => tab_cells(text, start, end, li),
        Layout::BlankLineCells => paragraph_cells(text, start, end, li, true),
        Layout::NewlineCells => paragraph_cells(text, start, end, li, false),
        Layout::Pipe => pipe_cells(text, start, end, li),
        Layout::RowPerLine => row_cells(text, start, end, li),
        Layout::SpaceAligned => aligned_cells(text, start, end, li),
        Layout::Glued => glued_cells(text, start, end, li),
    };
    (Some(layout), cells)
}

/// Tab cells: a line starting with TAB is a cell (further TABs on it split more
/// cells); an untabbed line right after a cell continues it (`本年新` / `制作数量`).
fn tab_cells<'a>(text: &'a str, start: usize, end: usize, li: &LineIndex) -> Vec<Cell<'a>> {
    let mut cells: Vec<Cell<'a>> = Vec::with_capacity(li.count_in(start, end));
    let mut prev_was_cell = false;
    // Looked at once, and only when a line ends with a TAB (most texts have none).
    let mut closing: Option<bool> = None;
    for (off, line) in li.lines(text, start, end) {
        if !line.starts_with('\t') && trim_cell(line).is_empty() {
            prev_was_cell = false;
            continue;
        }
        if is_page_number(line, li) {
            cells.push(Cell::page(off, line, li));
            continue;
        }
        if let Some(body) = line.strip_prefix('\t') {
            let mut pos = off + 1;
            let body = match trim_crs(body).strip_suffix('\t') {
                Some(b)
                    if *closing
                        .get_or_insert_with(|| tab_closes_every_cell(text, start, end, li)) =>
                {
                    b
                }
                _ => body,
            };
            for part in split_byte(body, b'\t') {
                let pend = pos + part.len();
                match piece(text, pos, pend, li) {
                    Some(c) => cells.push(c),
                    None => cells.push(Cell::blank(pos, li.line_of(pos))),
                }
                pos = pend + 1;
            }
            prev_was_cell = true;
        } else {
            let t = trim_cell(line);
            let lead = cell_space_lead(line);
            // A page number between a cell and its next line does not end the cell.
            match cells.iter_mut().rev().find(|c| c.kind != Kind::Page) {
                Some(last) if prev_was_cell && matches!(last.kind, Kind::Text) => {
                    last.push_more(t, li.line_of(off));
                }
                _ => {
                    if let Some(c) = piece(text, off + lead, off + lead + t.len(), li) {
                        cells.push(c);
                    }
                    prev_was_cell = false;
                }
            }
        }
    }
    cells
}

/// `s.trim_end_matches('\r')`, a byte at a time (a searcher set up for every
/// line of a region of TAB cells cost more than the line's test).
fn trim_crs(s: &str) -> &str {
    let mut b = s.as_bytes();
    while let [rest @ .., b'\r'] = b {
        b = rest;
    }
    // Only ASCII CRs were cut: the rest ends on a character boundary.
    s.get(..b.len()).unwrap_or(s)
}

/// Whether the lines with a TAB of `text[start..end]` end with one as a rule (at least
/// three of them, three in four or more): then a TAB closes every cell, as when a
/// crawler joins a page's texts with a TAB after each (`get_text("\t")`), and the
/// empty piece after a line's last TAB is no cell. Read as a blank cell, it would
/// fill the place of a number when the row lost an empty cell of its own.
fn tab_closes_every_cell(text: &str, start: usize, end: usize, li: &LineIndex) -> bool {
    let (mut lines, mut closed) = (0usize, 0usize);
    for (_, line) in li.lines(text, start, end) {
        let body = line.trim_end_matches('\r');
        if !body.contains('\t') {
            continue;
        }
        if body.trim_matches(['\t', ' ']).is_empty() {
            continue;
        }
        lines += 1;
        closed += usize::from(body.ends_with('\t'));
    }
    lines >= 3 && closed * 4 >= lines * 3
}

/// Paragraph cells: each non-empty line is a cell. With `blank_sep`, cells are
/// separated by one blank line and each further pair of blank lines is an empty
/// cell.
fn paragraph_cells<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    li: &LineIndex,
    blank_sep: bool,
) -> Vec<Cell<'a>> {
    let mut cells: Vec<Cell<'a>> = Vec::with_capacity(li.count_in(start, end));
    let mut blank_run = 0usize;
    let mut seen = false;
    // Lines of `&nbsp;` alone not yet taken: taken before a number only.
    let mut nbsp: Vec<(usize, u32)> = Vec::new();
    for (off, line) in li.lines(text, start, end) {
        let t = trim_cell(line);
        if t.is_empty() {
            // `&nbsp;`, a cell an HTML page left empty, as a crawler writes it
            // (`get_text("\n")`): a line of its own holding U+00A0, where a line
            // break alone parts cells or rows. Before a number it is that empty
            // cell: passed over as a break, the row's numbers after it would
            // stand a column to the left (a row short of a cell is set aside
            // whole). Before a label it is not taken: the place of a merged
            // side column looks the same, and a row that lost a number would
            // take it as its last cell.
            if seen && line.contains('\u{a0}') {
                nbsp.push((off, li.line_of(off)));
                blank_run = 0;
                continue;
            }
            blank_run += 1;
            continue;
        }
        if is_page_number(line, li) {
            cells.push(Cell::page(off, line, li));
            continue;
        }
        if !nbsp.is_empty() {
            if matches!(
                parse_cell(t.split(' ').next().unwrap_or(t)),
                CellValue::Number(..) | CellValue::Na
            ) {
                cells.extend(nbsp.iter().map(|&(o, l)| Cell::blank(o, l)));
            }
            nbsp.clear();
        }
        if blank_sep && seen && blank_run >= 3 {
            for _ in 0..(blank_run - 1) / 2 {
                cells.push(Cell::blank(off, li.line_of(off) - 1));
            }
        }
        blank_run = 0;
        seen = true;
        let lead = cell_space_lead(line);
        push_piece(&mut cells, text, off + lead, off + lead + t.len(), li);
    }
    cells
}

/// Pushes `text[start..end]` as one cell, or as several when it is only numbers
/// separated by spaces (`0 0 0 0`: a PDF row of values).
// `[u8]::contains` is memchr, whose set-up costs more than a cell's few bytes.
#[allow(clippy::manual_contains)]
fn push_piece<'a>(
    cells: &mut Vec<Cell<'a>>,
    text: &'a str,
    start: usize,
    end: usize,
    li: &LineIndex,
) {
    let p = &text[start..end];
    let words = split_byte(p, b' ').filter(|w| !w.is_empty());
    let several = p.as_bytes().iter().any(|&b| b == b' ') && words.clone().nth(1).is_some();
    // Every word a number or a mark, or a unit right after a number without one
    // (`0 件 0 件`: OCR, or a unit set as a text run of its own).
    let values = several && {
        let mut bare_number = false;
        words.clone().all(|w| match parse_cell(w) {
            CellValue::Number(_, unit) => {
                bare_number = unit.is_none();
                true
            }
            CellValue::Na => {
                bare_number = false;
                true
            }
            _ => std::mem::take(&mut bare_number) && is_unit_word(w),
        })
    };
    if values {
        let mut wpos = start;
        // The number a unit may still follow: (start, end) in `text`.
        let mut open: Option<(usize, usize)> = None;
        for w in split_byte(p, b' ') {
            if !w.is_empty() {
                let (a, b) = match open.take() {
                    Some((a, _)) if is_unit_word(w) => (a, wpos + w.len()),
                    Some(n) => {
                        cells.extend(piece(text, n.0, n.1, li));
                        (wpos, wpos + w.len())
                    }
                    None => (wpos, wpos + w.len()),
                };
                if is_unit_word(w) || !matches!(parse_cell(w), CellValue::Number(_, None)) {
                    cells.extend(piece(text, a, b, li));
                } else {
                    open = Some((a, b));
                }
            }
            wpos += w.len() + 1;
        }
        if let Some((a, b)) = open {
            cells.extend(piece(text, a, b, li));
        }
    } else if let Some(cut) = label_then_number(p) {
        // `一、本年新收政府信息公开申请数量 95  空  --`: a label and the row's first
        // number one space apart, the rest two or more: two cells.
        if let Some(c) = piece(text, start, start + cut, li) {
            cells.push(c);
        }
        if let Some(c) = piece(text, start + cut + 1, end, li) {
            cells.push(c);
        }
    } else if let Some(c) = piece(text, start, end, li) {
        cells.push(c);
    }
}

/// A unit the cell grammar reads after a number (`件`, `万元`), printed alone.
pub(crate) fn is_unit_word(w: &str) -> bool {
    matches!(w, "件" | "项" | "个" | "条" | "元" | "万元" | "萬元")
}

/// Where the last space of `p` stands when `p` is text with Han characters, one
/// space, and one number (a footnote's mark after it allowed): a label and the
/// row's first number printed one space apart in space-aligned rows.
fn label_then_number(p: &str) -> Option<usize> {
    // A byte loop from the end: most pieces are a label alone, or end in Han.
    let b = p.as_bytes();
    if !b.last().is_some_and(|&x| x.is_ascii_digit() || x >= 0x80) {
        return None;
    }
    let cut = b.iter().rposition(|&x| x == b' ')?;
    let (head, last) = (p[..cut].trim_end(), &p[cut + 1..]);
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    (!last.is_empty()
        && last.as_bytes()[0].is_ascii_digit()
        && head.ends_with(|c: char| han(c) || matches!(c, '）' | ')'))
        && matches!(parse_cell(last), CellValue::Number(..)))
    .then_some(cut)
}

/// `s.split(c)` for an ASCII `c`, a byte at a time: the pieces of a table line are
/// a few bytes long, shorter than a searcher's set-up.
fn split_byte(s: &str, c: u8) -> impl Iterator<Item = &str> + Clone {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == c) {
            Some(i) => {
                rest = r.get(i + 1..);
                r.get(..i)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// Pipe cells: the text between two `|` is a cell. A stretch holding only a line
/// break is a row boundary, not a cell; one holding spaces (or nothing) on one line
/// is an empty cell. A stretch spanning lines is one cell split over lines, unless
/// it starts with a value (a row that lost its closing `|`).
fn pipe_cells<'a>(text: &'a str, start: usize, end: usize, li: &LineIndex) -> Vec<Cell<'a>> {
    let region = &text[start..end];
    let mut cells: Vec<Cell<'a>> = Vec::with_capacity(li.count_in(start, end));
    let mut pos = start;
    let n_pipes = memchr::memchr_iter(b'|', region.as_bytes()).count();
    // The last line asked whether it holds only pipes, and the answer: a row of
    // empty cells asks once per cell.
    let mut only_pipes: Option<(u32, bool)> = None;
    for (i, seg) in region.split('|').enumerate() {
        let seg_start = pos;
        pos += seg.len() + 1;
        let one_line = memchr::memchr(b'\n', seg.as_bytes()).is_none();
        let trimmed = trim_cell(seg);
        if trimmed.is_empty() {
            // The stretch before the first and after the last pipe is not a cell,
            // and a line of nothing but pipes (`||`, `|||`) is colspan padding.
            if one_line && i > 0 && i < n_pipes {
                let line = li.line_of(seg_start);
                let padding = match only_pipes {
                    Some((l, answer)) if l == line => answer,
                    _ => pipes_only_line(text, seg_start, li),
                };
                only_pipes = Some((line, padding));
                if !padding && !label_cell_of_short_row(text, seg_start) {
                    cells.push(Cell::blank(seg_start, line));
                }
            }
            continue;
        }
        // A markdown table rule's cells (`|---|:--|`), and the pieces of one that
        // a wrap cut in two (`|---|---|-` / `--|---|`, no na mark): no cells.
        if trimmed
            .bytes()
            .all(|b| matches!(b, b'-' | b':' | b' ' | b'\t' | b'\r' | b'\n'))
            && is_markdown_rule(line_at(text, seg_start))
        {
            continue;
        }
        // Most cells stand on one line: no page numbers to pick out, no pieces.
        if one_line && !is_page_number(seg, li) {
            let lead = cell_space_lead(seg);
            let from = seg_start + lead;
            // A label and a word for an empty cell in one cell (`规章 木适用`, a
            // converter that merged the row's first two cells): the word is the
            // row's first cell, or the cells after it move a column.
            let na_tail = trimmed
                .rfind(' ')
                .filter(|&k| {
                    parse_cell(&trimmed[k + 1..]) == CellValue::Na
                        && parse_cell(trimmed[..k].trim_end()) == CellValue::Text
                })
                .map(|k| k + 1);
            if let Some(k) = na_tail {
                let head = trimmed[..k].trim_end().len();
                for (a, b) in [(from, from + head), (from + k, from + trimmed.len())] {
                    if let Some(c) = piece(text, a, b, li) {
                        cells.push(c);
                    }
                }
                continue;
            }
            if let Some(c) = piece(text, from, from + trimmed.len(), li) {
                cells.push(c);
            }
            continue;
        }
        for (off, l) in li.lines(text, seg_start, seg_start + seg.len()) {
            if is_page_number(l, li) {
                cells.push(Cell::page(off, l, li));
            }
        }
        let mut parts = li
            .lines(text, seg_start, seg_start + seg.len())
            .filter(|(_, l)| !trim_cell(l).is_empty() && !is_page_number(l, li));
        let Some((first_off, first)) = parts.next() else {
            continue;
        };
        let lead = cell_space_lead(first);
        let t = trim_cell(first);
        let Some(mut cell) = piece(text, first_off + lead, first_off + lead + t.len(), li) else {
            continue;
        };
        // Paragraphs between two rows' pipes (a heading, a note between two
        // tables, blank lines apart) are cells each, with their own lines; lines
        // with no blank line between are one cell wrapped (`|` / `行政规范性` /
        // `文件` / `|`).
        let between = seg
            .split('\n')
            .next()
            .is_some_and(|f| trim_cell(f).is_empty())
            && seg
                .trim_end_matches(|c| c != '\n')
                .trim_end_matches('\n')
                .split('\n')
                .skip(1)
                .any(|l| trim_cell(l).is_empty());
        let split = between || !matches!(cell.kind, Kind::Text);
        for (off, l) in parts {
            let lead = cell_space_lead(l);
            let t = trim_cell(l);
            if split {
                if let Some(next) = piece(text, off + lead, off + lead + t.len(), li) {
                    cells.push(std::mem::replace(&mut cell, next));
                }
            } else {
                cell.push_more(t, li.line_of(off));
            }
        }
        cells.push(cell);
    }
    cells
}

/// Whether the line holding byte `at` holds only pipes and spaces.
/// `|---|:--|`, or a piece of one a wrap cut: pipes, colons and dashes, three of
/// them in a row somewhere (a wiki table's `|-` is markup of its own).
fn is_markdown_rule(line: &str) -> bool {
    let t = line.trim();
    t.contains("---")
        && t.bytes()
            .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
}

/// The line of `text` that holds byte `at`, without its line break.
fn line_at(text: &str, at: usize) -> &str {
    let from = text
        .get(..at)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let to = text
        .get(at..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| at + i);
    text.get(from..to).unwrap_or("")
}

/// Whether the empty cell at byte `at` opens its line (`|  | 1 | - | 2 |`) in a
/// markdown table whose header (the line above its `|---|` rule) has one cell
/// more than this line: the empty cell is the cell of a label printed on a row
/// above (a span), and the row lost one of its numbers. Read as a cell, it would
/// take the place of the number lost and the row's count would fit.
pub(crate) fn label_cell_of_short_row(text: &str, at: usize) -> bool {
    short_of_header(text, at).is_some()
}

/// When the cell at byte `at` opens its line in a markdown table whose header
/// (the line above its `|---|` rule) has one cell more than this line: the
/// header's first cell, trimmed (empty over a data frame's index column).
pub(crate) fn short_of_header(text: &str, at: usize) -> Option<&str> {
    let from = text
        .get(..at)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    if text.get(from..at).map(str::trim) != Some("|") {
        return None;
    }
    let cells = |l: &str| {
        let t = l.trim();
        t.strip_prefix('|')
            .and_then(|t| t.strip_suffix('|'))
            .map(|t| t.split('|').count())
    };
    let n = cells(line_at(text, at))?;
    // Up the table's rows to its rule; a table is rarely longer than this.
    let mut end = from;
    for _ in 0..80 {
        let prev_end = end.checked_sub(1)?;
        let start = text[..prev_end].rfind('\n').map_or(0, |i| i + 1);
        let l = &text[start..prev_end];
        if is_markdown_rule(l) {
            let header_end = start.checked_sub(1)?;
            let hs = text[..header_end].rfind('\n').map_or(0, |i| i + 1);
            let header = &text[hs..header_end];
            if cells(header) != Some(n + 1) {
                return None;
            }
            return header
                .trim()
                .strip_prefix('|')?
                .split('|')
                .next()
                .map(str::trim);
        }
        if !l.trim_start().starts_with('|') {
            return None;
        }
        end = start;
    }
    None
}

fn pipes_only_line(text: &str, at: usize, li: &LineIndex) -> bool {
    let start = li.start_of(li.line_of(at)).min(text.len());
    let line = text[start..].split('\n').next().unwrap_or("");
    line.chars().all(|c| c == '|' || is_cell_space(c))
}

/// Row-per-line with TABs: every TAB-separated piece of a line is a cell.
fn row_cells<'a>(text: &'a str, start: usize, end: usize, li: &LineIndex) -> Vec<Cell<'a>> {
    let mut cells: Vec<Cell<'a>> = Vec::with_capacity(li.count_in(start, end));
    let mut closing: Option<bool> = None;
    for (off, line) in li.lines(text, start, end) {
        if trim_cell(line).is_empty() {
            continue;
        }
        if is_page_number(line, li) {
            cells.push(Cell::page(off, line, li));
            continue;
        }
        let line = match line.trim_end_matches('\r').strip_suffix('\t') {
            Some(l)
                if *closing.get_or_insert_with(|| tab_closes_every_cell(text, start, end, li)) =>
            {
                l
            }
            _ => line,
        };
        let mut pos = off;
        for part in split_byte(line, b'\t') {
            let pend = pos + part.len();
            match piece(text, pos, pend, li) {
                Some(c) => cells.push(c),
                None if pos > off => cells.push(Cell::blank(pos, li.line_of(pos))),
                None => {}
            }
            pos = pend + 1;
        }
    }
    cells
}

/// Whether `s` holds the gap a layout parts its columns with: a tab, or two
/// spaces or more (glued text and one-space text print neither between cells).
pub(crate) fn column_gap(s: &str) -> bool {
    s.contains('\t') || s.contains("  ")
}

/// Space-aligned rows: pieces separated by runs of 2+ spaces; a piece made only of
/// numbers separated by single spaces is split further (`0 0 0 0`).
fn aligned_cells<'a>(text: &'a str, start: usize, end: usize, li: &LineIndex) -> Vec<Cell<'a>> {
    // A row's line holds a label and its numbers: room for four cells a line at
    // once (one a line grew the list three or four times a region, each growth a
    // copy: 1.7% of huaian-2024's parse, callgrind).
    let mut cells: Vec<Cell<'a>> = Vec::with_capacity(li.count_in(start, end) * 4);
    for (off, line) in li.lines(text, start, end) {
        if trim_cell(line).is_empty() {
            continue;
        }
        if is_page_number(line, li) {
            cells.push(Cell::page(off, line, li));
            continue;
        }
        // A byte at a time: TAB, U+3000 (E3 80 80) and spaces are the only gaps,
        // and no byte inside another character is one of theirs. Each piece is
        // pushed as it closes (no list of pieces per line).
        let b = line.as_bytes();
        let mut i = 0;
        let mut piece_start: Option<usize> = None;
        while i < b.len() {
            let (gap, w) = match b[i] {
                b'\t' => (true, 1),
                0xe3 if b.get(i + 1..i + 3) == Some(&[0x80, 0x80]) => (true, 3),
                b' ' => (b.get(i + 1) == Some(&b' ') || piece_start.is_none(), 1),
                _ => (false, 1),
            };
            if gap {
                if let Some(s) = piece_start.take() {
                    push_piece(&mut cells, text, off + s, off + i, li);
                }
            } else if piece_start.is_none() {
                piece_start = Some(i);
            }
            i += w;
        }
        if let Some(s) = piece_start {
            push_piece(&mut cells, text, off + s, off + line.len(), li);
        }
    }
    cells
}

/// Glued text: each line is cut into text stretches and runs of digits. A digit
/// followed by `.`/`、` and a Han character starts a label (`2.其他…`), and digits
/// followed by 年/月/日 belong to the text (`(指2019年事项数)`).
fn glued_cells<'a>(text: &'a str, start: usize, end: usize, li: &LineIndex) -> Vec<Cell<'a>> {
    let mut cells: Vec<Cell<'a>> = Vec::with_capacity(li.count_in(start, end));
    for (off, line) in li.lines(text, start, end) {
        if trim_cell(line).is_empty() {
            continue;
        }
        if is_page_number(line, li) {
            cells.push(Cell::page(off, line, li));
            continue;
        }
        // A header of invented column words kept over glued rows (`| 类别 | 数据1 |
        // 数据2 |`, or collapsed to spaces): its digits are no cells.
        if line.contains('|') && crate::parse::layout::header_words_only(line)
            || crate::parse::layout::spaced_header_words_only(line)
        {
            if let Some(c) = piece(text, off, off + line.len(), li) {
                cells.push(c);
            }
            continue;
        }
        let mut seg_start = 0usize;
        let mut i = 0usize;
        while i < line.len() {
            // A word of digits and their OCR look-alikes (`1I1`, `l11`) is one cell
            // whose digits are not certain: not a run of digits beside text.
            let word_start = i == 0 || line.as_bytes()[i - 1].is_ascii_whitespace();
            if word_start && line.as_bytes()[i].is_ascii_alphanumeric() {
                let w = line[i..]
                    .find(|c: char| c.is_whitespace())
                    .map_or(line.len(), |k| i + k);
                if crate::model::value::ocr_misread(&line[i..w]) {
                    if seg_start < i {
                        if let Some(c) = piece(text, off + seg_start, off + i, li) {
                            cells.push(c);
                        }
                    }
                    if let Some(c) = piece(text, off + i, off + w, li) {
                        cells.push(c);
                    }
                    i = w;
                    seg_start = i;
                    continue;
                }
            }
            if let Some(run_len) = run_at(line, i) {
                // `826【注】66`: a footnote's mark glued between digits; where the
                // marked cell begins in those before it is not known (8|26 or
                // 82|6), and those after it belong to the same row. The digits
                // and the mark are read as text, and so are the digits after
                // it (`6＊132`: read alone, 132 was split into the row's three
                // cells): no cell of theirs is placed.
                let rest = &line[i + run_len..];
                let mark_len = rest
                    .char_indices()
                    .take(6)
                    .map(|(k, c)| k + c.len_utf8())
                    .filter(|&k| {
                        // A space after the mark parts it from the digits after.
                        !rest[..k].ends_with(char::is_whitespace)
                            && crate::model::value::is_footnote_mark(&rest[..k])
                    })
                    .last();
                let digits_after = |m: usize| rest[m..].starts_with(|c: char| c.is_ascii_digit());
                if let Some(m) =
                    mark_len.filter(|&m| digits_after(m) && (run_len > 1 || glued_before(line, i)))
                {
                    // The rest of the row's digits too, a space apart or not
                    // (`2 310(注1)0 342`: 342 read alone was cut 3 | 4 | 2).
                    i += run_len + m;
                    i += line[i..]
                        .find(|c: char| {
                            !(c.is_ascii_digit()
                                || matches!(c, ' ' | '\u{a0}' | '\u{3000}' | '.' | '-' | '+'))
                        })
                        .unwrap_or(line.len() - i);
                    continue;
                }
                if glued_word_beside(line, i, i + run_len)
                    || grouped_in_doubt(&line[i..i + run_len])
                {
                    // A word a script prints for an empty cell glued to the run
                    // (`行政许可暂无20暂无`, `收费null-14`): the glued reader knows
                    // marks of one character only, so the word would be the
                    // label's tail or text after, and the run split into the cells
                    // the word holds one of (20 read as 2 and 0). The line is text:
                    // its row is missing.
                    if let Some(c) = piece(text, off + seg_start, off + line.len(), li) {
                        cells.push(c);
                    }
                    seg_start = line.len();
                    break;
                }
                if seg_start < i {
                    if let Some(c) = piece(text, off + seg_start, off + i, li) {
                        cells.push(c);
                    }
                }
                // One value or several glued: the template stage knows how many
                // cells the run must fill.
                if let Some(mut c) = piece(text, off + i, off + i + run_len, li) {
                    c.kind = Kind::Run;
                    cells.push(c);
                }
                i += run_len;
                seg_start = i;
            } else {
                i += line[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
        if seg_start < line.len() {
            if let Some(c) = piece(text, off + seg_start, off + line.len(), li) {
                cells.push(c);
            }
        }
    }
    cells
}

/// Whether a glued run holds a group separator (`,`) and is no one number grouped
/// in threes (`1,25631,945.6`: `1,256` and `31,945.6` glued, or `1` and `25631`
/// and `945.6`): the glued reader splits digits, not groups, and read it as
/// 25631 and 945.6.
fn grouped_in_doubt(run: &str) -> bool {
    if !run.contains([',', '，']) {
        return false;
    }
    let t = run.trim_end_matches(['元', '项', '件', '万', ' ']);
    let t = t.strip_prefix(['-', '+']).unwrap_or(t);
    let int = t.split('.').next().unwrap_or(t);
    let frac_ok = t
        .split_once('.')
        .is_none_or(|(_, f)| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    let mut groups = int.split([',', '，']);
    let head_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
    let rest_ok = groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    !(head_ok && rest_ok && frac_ok)
}

/// Whether the glued run `line[start..end]` has, right before it or right after
/// it, a word of several characters that scripts print for an empty cell: ASCII
/// letters (`null`, `NaN`, `N/A`, with a sign between: `null-14`) or `暂无`
/// (whose `无` alone is a mark and may open the run).
fn glued_word_beside(line: &str, start: usize, end: usize) -> bool {
    let before = line[..start].trim_end_matches(['-', '+']);
    let after = &line[end..];
    // A footnote's mark after the run with more of the row after it, glued or
    // a space apart (`规章空50†空`, `规章860（注）×`, `规章 0 342(注1) 1 964`): the
    // glued reader reads the mark as the row's end and would split the digits
    // before it, or a run after it, into the cells left.
    let marked_then_more = after.char_indices().skip(1).take(6).any(|(k, _)| {
        let more = &after[k..];
        crate::model::value::is_footnote_mark(&after[..k])
            && (more.starts_with(|c: char| !c.is_whitespace())
                || more
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)))
    });
    if marked_then_more
        || before.ends_with(|c: char| c.is_ascii_alphabetic())
        || before.ends_with('暂')
        || after.starts_with("暂无")
        || after.starts_with(|c: char| c.is_ascii_alphabetic())
    {
        return true;
    }
    // A word of two to five characters read as the mark of an empty cell
    // (`不适用`, `（空）`, `(空)`), or a one-character one the glued reader does not
    // know as a mark (`×`), right before the run or right after it.
    let word = |s: &str| {
        (s.chars().count() >= 2 || empty_mark_len(s) == 0) && parse_cell(s) == CellValue::Na
    };
    before
        .char_indices()
        .rev()
        .take(5)
        .any(|(k, _)| word(&before[k..]))
        || after
            .char_indices()
            .take(5)
            .any(|(k, c)| word(&after[..k + c.len_utf8()]))
}

/// Whether the digits at byte `i` of `line` follow a Han character or a closing
/// bracket right away (glued to a label, `规章0`).
fn glued_before(line: &str, i: usize) -> bool {
    line[..i]
        .chars()
        .next_back()
        .is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || matches!(c, '）' | ')'))
}

/// At byte `j` of `line`, a stretch of the marks glued text prints for empty cells
/// (`无无`, `—`, `--`), glued to the label or the digit before it, that digits (or
/// a sign and digits) follow, or the line's end: where it ends, how many marks it
/// has, and whether the line ends after it. `None` when text follows it (`无法提供`,
/// `本年增/减`): the marks are part of the text.
fn marks_at(line: &str, j: usize) -> Option<(usize, usize, bool)> {
    let b = line.as_bytes();
    // Most characters are no mark: told by their first byte.
    if crate::model::value::mark_len_bytes(b.get(j..)?) == 0 {
        return None;
    }
    let (mut k, mut n) = (j, 0usize);
    // Glued: right after a label (a Han character, a closing bracket or quote) or a
    // digit, not after a space (`总计 --`) or a pipe (`|---`): pieces of a
    // markdown rule a wrap cut are no marks.
    let before = line[..j].chars().next_back();
    // Or opening the line, digits right after (`——1无1---2`, a row's cells on the
    // line after its label): no label ends there, and no rule is followed by a digit.
    let opens = j == 0;
    if !opens
        && (!before.is_some_and(|c| is_han(c) || c.is_ascii_digit() || closes_label(c))
            || empty_mark_len(&line[j - before.map_or(0, char::len_utf8)..]) > 0)
    {
        return None;
    }
    while k < b.len() {
        let m = empty_mark_len(&line[k..]);
        if m == 0 {
            break;
        }
        k += m;
        n += 1;
    }
    if n == 0 {
        return None;
    }
    // Spaces may end the line after the marks, but stand between no two cells.
    let eol = line[k..]
        .trim_matches([' ', '\r', '\u{a0}', '\u{3000}'])
        .is_empty();
    let digit_next = b.get(k).is_some_and(u8::is_ascii_digit)
        || (b.get(k) == Some(&b'+') && b.get(k + 1).is_some_and(u8::is_ascii_digit));
    (eol && !opens || digit_next).then_some((k, n, eol))
}

/// A closing bracket or quote that may end a label (`3.危及“三安全一稳定”`).
pub(crate) fn closes_label(c: char) -> bool {
    matches!(c, '）' | ')' | '”' | '"' | '’' | '」' | '』' | '】' | ']')
}

/// The length of a run of glued values starting at byte `i` of `line`, if one
/// starts there.
fn run_at(line: &str, i: usize) -> Option<usize> {
    let b = line.as_bytes();
    let first = *b.get(i)?;
    let starts = first.is_ascii_digit()
        || ((first == b'-' || first == b'+') && b.get(i + 1).is_some_and(u8::is_ascii_digit))
        // Empty cells printed as marks (`规章无无无`, `其他—12—3`): two marks at
        // least when no digit follows (one mark alone at a line's end is text,
        // `本年增/`).
        || marks_at(line, i).is_some_and(|(_, n, eol)| !eol || n >= 2);
    if !starts {
        return None;
    }
    // Not in the middle of a word made of ASCII (e.g. an index number).
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.') {
        return None;
    }
    let mut j = i;
    let mut last_digit_end = i;
    while j < b.len() {
        let rest = &line[j..];
        let c = rest.chars().next()?;
        if c.is_ascii_digit() {
            // An enumerator `2.其他` or `2、其他` ends the run before it.
            let after = &rest[1..];
            let mut ac = after.chars();
            if matches!(ac.next(), Some('.' | '、' | '．')) && ac.next().is_some_and(is_han) {
                if j == i {
                    return None;
                }
                break;
            }
            j += 1;
            last_digit_end = j;
        } else if (c == '.' && j > i || c == '-' || c == '+')
            && b.get(j + 1).is_some_and(u8::is_ascii_digit)
        {
            // A decimal point inside a number, or a sign starting the next one.
            j += 1;
        } else if (c == ',' || c == '，')
            && j > i
            && b.get(j + c.len_utf8()..j + c.len_utf8() + 3)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        {
            // `9,487`: a thousands separator stays in the run (no split that cuts
            // at it, or keeps it, reads as numbers: the run is not split).
            j += c.len_utf8();
        } else if c == ' ' || c == '\u{a0}' || c == '\u{3000}' {
            j += c.len_utf8();
        } else if (c == '元' || c == '项' || c == '件') && j > i {
            j += c.len_utf8();
            last_digit_end = j;
        } else if rest.starts_with("万元") && j > i {
            j += "万元".len();
            last_digit_end = j;
        } else if let Some((end, _, _)) = marks_at(line, j) {
            j = end;
            last_digit_end = j;
        } else {
            break;
        }
    }
    // Dates and years belong to the text.
    let tail = &line[last_digit_end..];
    if tail.starts_with(['年', '月', '日', '号', '时']) {
        return None;
    }
    (last_digit_end > i).then_some(last_digit_end - i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Option<Layout>, Vec<(String, u32, Kind)>) {
        let li = LineIndex::new(text);
        let (l, cells) = read_cells(text, 0, text.len(), &li);
        (
            l,
            cells
                .into_iter()
                .map(|c| (c.text().into_owned(), c.line, c.kind))
                .collect(),
        )
    }

    fn num(v: i64) -> Kind {
        Kind::Value(CellValue::Number(
            crate::model::value::Decimal::int(v),
            None,
        ))
    }

    /// A label and a number one space apart, in space-aligned rows, are two cells;
    /// a label that ends in a number without Han before the space is not cut.
    #[test]
    fn a_label_one_space_before_its_number() {
        assert_eq!(
            label_then_number("一、本年新收政府信息公开申请数量 95"),
            Some(48)
        );
        assert_eq!(label_then_number("行政强制 84注②"), Some(12));
        assert_eq!(label_then_number("（七）总计 3"), Some(15));
        assert_eq!(label_then_number("第二十条第（五）项 12a"), None);
        assert_eq!(label_then_number("2019 年"), None);
        assert_eq!(label_then_number("规章"), None);
        assert_eq!(label_then_number("A 12"), None);
        let t = "规章            1  0  5\n一、本年新收政府信息公开申请数量 95  空  --  3\n";
        let (l, c) = read(t);
        assert_eq!(l, Some(Layout::SpaceAligned));
        let raws: Vec<&str> = c.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(
            raws,
            [
                "规章",
                "1",
                "0",
                "5",
                "一、本年新收政府信息公开申请数量",
                "95",
                "空",
                "--",
                "3"
            ]
        );
    }

    /// `0 件 0 件 …`: numbers whose unit a space parts from them (OCR, a unit set
    /// as a text run of its own) are one cell each, with their unit; a unit word
    /// after no number, or after a number that has one, leaves the line one text.
    #[test]
    fn a_unit_a_space_after_its_number_is_the_numbers() {
        let t = "维持 纠正 结果 审结 计\n0 件 3件 12 件 - 7 万元\n";
        let (l, c) = read(t);
        assert_eq!(l, Some(Layout::NewlineCells));
        let raws: Vec<(&str, Kind)> = c.iter().map(|c| (c.0.as_str(), c.2)).collect();
        let unit = |v: i64, u| {
            Kind::Value(CellValue::Number(
                crate::model::value::Decimal {
                    mantissa: v,
                    scale: 0,
                },
                Some(u),
            ))
        };
        use crate::model::value::Unit;
        assert_eq!(
            raws,
            [
                ("维持 纠正 结果 审结 计", Kind::Text),
                ("0 件", unit(0, Unit::Jian)),
                ("3件", unit(3, Unit::Jian)),
                ("12 件", unit(12, Unit::Jian)),
                ("-", Kind::Value(CellValue::Na)),
                ("7 万元", unit(7, Unit::WanYuan)),
            ]
        );
        // A unit word first, after a number with a unit, after a mark: text (the
        // last, as ever, a label and its number one space apart).
        for (text, first) in [
            ("件 0 0 0\n", "件 0 0 0"),
            ("3件 件 0\n", "3件 件"),
            ("- 件 0\n", "- 件"),
        ] {
            let (_, c) = read(text);
            assert_eq!(
                (c[0].0.as_str(), c[0].2),
                (first, Kind::Text),
                "{text}: {c:?}"
            );
        }
    }

    /// Each fact, also where it follows a stretch of text the scan passes over.
    #[test]
    fn tab_cells_with_wrapped_header() {
        let t = "\t信息内容\n\t本年新\n制作数量\n\t对外公开总数量\n\n\t规章\n\t\u{a0}2\n\t\n";
        let (l, c) = read(t);
        assert_eq!(l, Some(Layout::TabCells));
        assert_eq!(c[1], ("本年新制作数量".into(), 2, Kind::Text));
        assert_eq!(c[4], ("\u{a0}2".into(), 7, num(2)));
        assert_eq!(c[5].2, Kind::Value(CellValue::Blank));
        assert_eq!(c.len(), 6);
    }

    /// `get_text("\t")` of a page: a TAB after every cell, each row's line ending
    /// in one. The empty piece after the last TAB is no cell: in the second row,
    /// which lost an empty cell of the page, it would stand where the total is.
    #[test]
    fn a_tab_after_every_cell_closes_it() {
        let t = "\t规章\t1\t2\t3\t\n\t规范性文件\t4\t5\t\n\t行政许可\t6\t\t7\t\n";
        let (l, c) = read(t);
        assert_eq!(l, Some(Layout::RowPerLine));
        let kinds: Vec<Kind> = c.iter().map(|c| c.2).collect();
        let blank = Kind::Value(CellValue::Blank);
        assert_eq!(
            kinds,
            vec![
                Kind::Text,
                num(1),
                num(2),
                num(3),
                Kind::Text,
                num(4),
                num(5),
                Kind::Text,
                num(6),
                blank,
                num(7)
            ]
        );
        // Two lines of three without the closing TAB: a TAB at a line's end is
        // then an empty last cell, as before.
        let t = "\t规章\t1\t2\t3\n\t规范性文件\t4\t5\t\n\t行政许可\t6\t7\t8\n";
        let (_, c) = read(t);
        assert_eq!(c[7].2, blank);
        assert_eq!(c.len(), 12);
    }

    #[test]
    fn split_byte_is_split() {
        for t in [
            "",
            "\t",
            "a",
            "a\t",
            "\ta",
            "规章\t0\t\t3",
            "\t\t",
            "0 0  1 ",
        ] {
            for c in [b'\t', b' '] {
                let want: Vec<&str> = t.split(c as char).collect();
                assert_eq!(split_byte(t, c).collect::<Vec<_>>(), want, "{t:?}");
            }
        }
    }

    /// A crawler's cell a line: `&nbsp;` (U+00A0) alone on its line is the
    /// empty cell a page printed, in its place before a number; an empty line
    /// is no cell, nor is U+00A0 before the first cell or before a label.
    #[test]
    fn a_line_of_nbsp_alone_is_an_empty_cell() {
        let t = "\u{a0}\n规章\n2\n\u{a0}\n\n3\n\u{a0}\n规范性文件\n";
        let (l, c) = read(t);
        assert_eq!(l, Some(Layout::NewlineCells));
        let got: Vec<_> = c.iter().map(|c| (c.1, c.2)).collect();
        assert_eq!(
            got,
            vec![
                (2, Kind::Text),
                (3, num(2)),
                (4, Kind::Value(CellValue::Blank)),
                (6, num(3)),
                (8, Kind::Text)
            ]
        );
    }

    #[test]
    fn blank_line_cells_and_empty_cell() {
        let t = "规章\n\n1\n\n\n\n3\n";
        let (l, c) = read(t);
        assert_eq!(l, Some(Layout::BlankLineCells));
        let kinds: Vec<_> = c.iter().map(|c| c.2).collect();
        assert_eq!(
            kinds,
            vec![Kind::Text, num(1), Kind::Value(CellValue::Blank), num(3)]
        );
    }

    #[test]
    fn pipe_rows() {
        let t = "第二十条第(一)项 | |||\n规章 | 0 | | 7 |\n";
        let (l, c) = read(t);
        assert_eq!(l, Some(Layout::Pipe));
        let texts: Vec<_> = c.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(
            texts,
            vec!["第二十条第(一)项", "", "", "", "规章", "0", "", "7"]
        );
        assert_eq!(c[4].1, 2);
    }

    /// Cells trimmed of every kind of space (no-break ones too), lines of bare
    /// pipes left out, empty cells of a row kept, a page number set apart.
    #[test]
    fn pipe_cells_one_per_line_segment() {
        let t = "| 规章 |\u{a0}2\u{a0}| / |\n|||\n| 总计 | | 7 |\n| - 3 - |\n";
        let (l, c) = read(t);
        assert_eq!(l, Some(Layout::Pipe));
        let got: Vec<_> = c.iter().map(|c| (c.0.as_str(), c.1)).collect();
        assert_eq!(
            got,
            vec![
                ("规章", 1),
                ("2", 1),
                ("/", 1),
                ("总计", 3),
                ("", 3),
                ("7", 3),
                ("- 3 -", 4)
            ]
        );
        assert_eq!(c[6].2, Kind::Page);
    }

    #[test]
    fn paragraphs_between_pipe_tables_are_cells_each() {
        let t = "| 0 |\n\n(本列数据)\n\n### 申请人 (自然人)\n| 数量 |\n";
        let (_, c) = read(t);
        let got: Vec<_> = c.iter().map(|c| (c.0.as_str(), c.1)).collect();
        assert_eq!(
            got,
            vec![
                ("0", 1),
                ("(本列数据)", 3),
                ("### 申请人 (自然人)", 5),
                ("数量", 6)
            ]
        );
    }

    #[test]
    fn pipe_cell_split_over_lines() {
        let t = "0 |\n行政规范性\n文件\n|\n0 |\n";
        let (_, c) = read(t);
        let texts: Vec<_> = c.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(texts, vec!["0", "行政规范性文件", "0"]);
    }

    #[test]
    fn space_aligned_rows() {
        let t = "规章            1          0        11\n-3-\n0 0 0 0 0\n一、本年新收  3001  53\n";
        let (l, c) = read(t);
        assert_eq!(l, Some(Layout::SpaceAligned));
        // The page number is passed on as such, for the reader to set aside.
        assert_eq!(c[4].2, Kind::Page);
        let texts: Vec<_> = c.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "规章",
                "1",
                "0",
                "11",
                "-3-",
                "0",
                "0",
                "0",
                "0",
                "0",
                "一、本年新收",
                "3001",
                "53"
            ]
        );
    }

    #[test]
    fn glued_runs() {
        let t = "规章007规范性文件7777166第二十条第（五）项行政处罚2648-18538\n00000002.其他法律0000000(指2019年事项数)\n";
        let (l, c) = read(t);
        assert_eq!(l, Some(Layout::Glued));
        let texts: Vec<_> = c.iter().map(|c| (c.0.as_str(), c.2)).collect();
        assert_eq!(
            texts,
            vec![
                ("规章", Kind::Text),
                ("007", Kind::Run),
                ("规范性文件", Kind::Text),
                ("7777166", Kind::Run),
                ("第二十条第（五）项行政处罚", Kind::Text),
                ("2648-18538", Kind::Run),
                ("0000000", Kind::Run),
                ("2.其他法律", Kind::Text),
                ("0000000", Kind::Run),
                ("(指2019年事项数)", Kind::Text),
            ]
        );
    }

    /// The cells of glued text, as printed, with their kinds.
    fn glued(t: &str) -> Vec<(&str, Kind)> {
        let li = LineIndex::new(t);
        glued_cells(t, 0, t.len(), &li)
            .iter()
            .map(|c| (c.raw, c.kind))
            .collect()
    }

    /// Marks of empty cells glued to a label or to digits are part of the run;
    /// marks that text follows, one mark alone at a line's end, and dashes after a
    /// space or a pipe (pieces of a markdown rule) are not.
    #[test]
    fn glued_runs_with_marks() {
        let t = "规章无无无规范性文件7\n一、本年新收2无无无无无2\n3.危及“三安全一稳定”——\n（四）无法提供\n本年增/\n总计 --\n|---\n其他—12—3\n——1无1---2\n空1无\n--\n无法\n";
        assert_eq!(
            glued(t),
            vec![
                // Marks before the next label on the same line stay text: which
                // characters are marks and which the label's is not told.
                ("规章无无无规范性文件", Kind::Text),
                ("7", Kind::Run),
                ("一、本年新收", Kind::Text),
                ("2无无无无无2", Kind::Run),
                ("3.危及“三安全一稳定”", Kind::Text),
                ("——", Kind::Run),
                ("（四）无法提供", Kind::Text),
                ("本年增/", Kind::Text),
                ("总计 --", Kind::Text),
                ("|---", Kind::Text),
                ("其他", Kind::Text),
                ("—12—3", Kind::Run),
                // Opening a line, digits right after: a row's cells on the line
                // after its label (read as text, they were taken for its tail).
                ("——1无1---2", Kind::Run),
                ("空1无", Kind::Run),
                // Alone on a line, a mark is one cell (as before); with text
                // after it, none.
                ("--", Kind::Value(CellValue::Na)),
                ("无法", Kind::Text),
            ]
        );
    }

    /// A word for an empty cell of several characters glued to a run (the
    /// glued reader knows marks of one character), or groups that are no one
    /// number, leave the line text: its row is missing, never split wrong.
    #[test]
    fn glued_runs_beside_words_or_odd_groups_are_text() {
        let t = "行政许可暂无20暂无\n行政事业性收费null-14\n政府集中采购1,25631,945.6\n规章NaN3\n行政强制不适用945\n收费(空)-6\n规章12不适用\n规章××738\n政府集中采购9,487,120.5\n行政处罚12无\n";
        assert_eq!(
            glued(t),
            vec![
                ("行政许可暂无20暂无", Kind::Text),
                ("行政事业性收费null-14", Kind::Text),
                ("政府集中采购1,25631,945.6", Kind::Text),
                ("规章NaN3", Kind::Text),
                ("行政强制不适用945", Kind::Text),
                ("收费(空)-6", Kind::Text),
                ("规章12不适用", Kind::Text),
                ("规章××738", Kind::Text),
                // One number grouped in threes, and a one-character mark: as before.
                ("政府集中采购", Kind::Text),
                ("9,487,120.5", Kind::Run),
                ("行政处罚", Kind::Text),
                ("12无", Kind::Run),
            ]
        );
    }

    /// Digits with a footnote's mark glued between them and more digits are
    /// text, the digits after the mark too: no run of them is split into cells.
    #[test]
    fn glued_digits_around_a_mark_are_text() {
        let t = "行政规范性文件6＊132
规章826【注】66
";
        assert_eq!(
            glued(t),
            vec![
                ("行政规范性文件6＊132", Kind::Text),
                ("规章826【注】66", Kind::Text),
            ]
        );
    }

    /// A mark with a space after it is no mark glued between digits; with digits
    /// after the space, the row goes on past it: the line is text, and no run
    /// after the mark (`964`) is read alone and split into the row's cells.
    #[test]
    fn a_mark_a_space_before_more_digits_leaves_the_line_text() {
        let t = "规章 0 342(注1) 1 964\n规范性文件 2 310(注1)0 342\n";
        assert_eq!(
            glued(t),
            vec![
                ("规章 0 342(注1) 1 964", Kind::Text),
                ("规范性文件 2 310(注1)0 342", Kind::Text),
            ]
        );
    }

    /// A label and a word for an empty cell in one pipe cell are two cells.
    #[test]
    fn a_label_and_a_word_for_an_empty_cell_in_one_cell() {
        let t = "| 规章 木适用 | 433 | 716 |  |\n| 规范性文件 | 1 | 2 | 3 |\n";
        let li = LineIndex::new(t);
        let cells: Vec<String> = pipe_cells(t, 0, t.len(), &li)
            .into_iter()
            .map(|c| c.text().into_owned())
            .collect();
        assert_eq!(
            cells,
            [
                "规章",
                "木适用",
                "433",
                "716",
                "",
                "规范性文件",
                "1",
                "2",
                "3"
            ]
        );
    }

    /// An empty first cell of a row one cell short of its markdown table's
    /// header is the cell of a label printed above, not a cell of the row.
    #[test]
    fn an_empty_label_cell_of_a_row_short_of_its_header() {
        let t = "| 项目 | 数据1 | 数据2 | 数据3 |\n|---|---|---|---|\n| 规章 | 1 | 2 | 3 |\n|  | 1 | 3 |\n|  | 1 | 2 | 3 |\n";
        let blank = |row: &str| {
            let at = t.find(row).expect("row") + 1;
            label_cell_of_short_row(t, at)
        };
        assert!(blank("|  | 1 | 3 |"));
        assert!(!blank("|  | 1 | 2 | 3 |"));
        // No rule above: no header to count.
        assert!(!label_cell_of_short_row("|  | 1 | 3 |\n", 1));
    }

    #[test]
    fn row_per_line_tabs() {
        let t = "规章\t0\t\t3\n\t1.属于国家秘密\t5\n";
        let (l, c) = read(t);
        assert_eq!(l, Some(Layout::RowPerLine));
        let texts: Vec<_> = c.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(texts, vec!["规章", "0", "", "3", "1.属于国家秘密", "5"]);
    }
}
