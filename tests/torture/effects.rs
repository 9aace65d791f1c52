//! Synthetic converter effects: each a small pure function of (text, random source)
//! that re-renders a report text the way some converter would damage it.
//!
//! The rule every effect keeps: each number of a table cell stays in the text exactly
//! once, in the same order and in the same row, so the truth of the original text is
//! still the truth of the result. Effects may move, split, join, pad or reshape labels,
//! headings and separators, and may add text that is not a cell (page markers, invented
//! column headers), but never cut a number, join two numbers into one cell that was not
//! already glued, or move a number to another row.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

mod families;
mod families2;
mod families3;
mod families4;
mod families5;
mod families6;
pub use families::{
    cell_per_line, column_major, csv_cells, dash_empty, html_spans, is_dash, thousands_commas,
};
pub use families2::{
    columns_moved, docling_spans, keyed_list, md_emphasis, ocr_digits, transposed,
};
pub use families3::{column_boxes, frame, heads_first, ocr_heights, ocr_lost};
pub use families4::{csv_quoted, latex_tabular, list_literals, stacked_cells};
pub use families5::{
    footnote_marks, invisible_chars, is_invisible, na_words, page_headers, units_after,
};
pub use families6::grid_tables;
use unicode_width::UnicodeWidthChar;

/// The random source every effect draws from (seeded per input and case).
pub type Rand = ChaCha8Rng;

/// An effect: text in, text out, deterministic for a given random source.
pub type Effect = fn(&str, &mut Rand) -> String;

/// Every effect by name, in the order a combination applies them (title and headings
/// first, then the row shape, then characters, then markers, and the wrap last).
pub const EFFECTS: &[(&str, Effect)] = &[
    ("title_split", title_split),
    ("headings_renumbered", headings_renumbered),
    ("headings_misspelt", headings_misspelt),
    ("dash_empty", dash_empty),
    ("na_words", na_words),
    ("thousands_commas", thousands_commas),
    ("footnote_marks", footnote_marks),
    ("ocr_labels", ocr_labels),
    ("single_spaces", single_spaces),
    ("one_line", one_line),
    ("markdown", markdown),
    ("docling_spans", docling_spans),
    ("transposed", transposed),
    ("columns_moved", columns_moved),
    ("keyed_list", keyed_list),
    ("labels_above", labels_above),
    ("labels_block", labels_block),
    ("csv_cells", csv_cells),
    ("frame", frame),
    ("grid_tables", grid_tables),
    ("latex_tabular", latex_tabular),
    ("stacked_cells", stacked_cells),
    ("list_literals", list_literals),
    ("csv_quoted", csv_quoted),
    ("html_spans", html_spans),
    ("column_major", column_major),
    ("cell_per_line", cell_per_line),
    ("ocr_heights", ocr_heights),
    ("column_boxes", column_boxes),
    ("heads_first", heads_first),
    ("glued", glued),
    // OCR loses whole cells of the printed table; a number printed in groups
    // (`1 288`) is grouped after, so that a cell lost is never a number's head
    // group (the text would then print another number, 288, and say nothing of it).
    ("ocr_lost", ocr_lost),
    // After the row shapes, whose row model reads a cell `31 件` as two.
    ("units_after", units_after),
    ("spaces_in_numbers", spaces_in_numbers),
    ("ocr_digits", ocr_digits),
    ("md_emphasis", md_emphasis),
    ("fullwidth_digits", fullwidth_digits),
    ("invisible_chars", invisible_chars),
    ("page_markers", page_markers),
    ("page_headers", page_headers),
    ("wrap", wrap),
];

/// Effects that each decide the shape of every table row: a combination takes at
/// most one of them.
pub const ROW_SHAPES: &[&str] = &[
    "single_spaces",
    "one_line",
    "markdown",
    "labels_above",
    "labels_block",
    "glued",
    "csv_cells",
    "frame",
    "grid_tables",
    "latex_tabular",
    "stacked_cells",
    "list_literals",
    "csv_quoted",
    "html_spans",
    "column_major",
    "cell_per_line",
    "docling_spans",
    "transposed",
    "columns_moved",
    "keyed_list",
    "ocr_heights",
    "column_boxes",
    "heads_first",
];

// ---------------------------------------------------------------------------------
// The line model: which lines are table rows, and their label and cells.

/// A table row found in the text: a label (if any) and its cells, spanning source
/// lines `first..=last`.
#[derive(Debug, Clone)]
pub struct Row {
    pub first: usize,
    pub last: usize,
    pub label: Option<String>,
    pub cells: Vec<String>,
    /// The separator the row used, for effects that keep it.
    pub sep: &'static str,
}

/// A line of text that is not part of a row, or a row.
#[derive(Debug, Clone)]
pub enum Block {
    Text(usize),
    Row(Row),
}

/// A cell that holds one number: digits with an optional sign (`+19` in the 2019
/// template's change column), decimal part and unit, nothing else.
pub fn is_num(cell: &str) -> bool {
    // Invisible characters inside or around the number (the invisible_chars effect).
    let seen: String;
    let cell = if cell.contains(is_invisible) {
        seen = cell.chars().filter(|&c| !is_invisible(c)).collect();
        &seen
    } else {
        cell
    };
    let c = cell.trim_matches(|ch: char| ch.is_whitespace());
    // A footnote's mark after the number (the footnote_marks effect).
    let c = families5::without_mark(c);
    let c = c.strip_prefix(['+', '-']).unwrap_or(c);
    // A unit after the number, glued or a space apart (`31 件`: units_after).
    let c = ["万元", "项", "件", "元"]
        .iter()
        .find_map(|u| c.strip_suffix(u))
        .map_or(c, |n| n.strip_suffix(' ').unwrap_or(n));
    let (int, frac) = match c.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (c, None),
    };
    // Thousands separators (`1,285`, `1，285`: the thousands_commas effect; `1 285`
    // with a no-break, narrow no-break or thin space: spaces_in_numbers).
    let groups: Vec<&str> = int
        .split([',', '，', '\u{a0}', '\u{202f}', '\u{2009}'])
        .collect();
    let grouped = groups.len() > 1
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3);
    let int = if grouped { "0" } else { int };
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// The cells of one line: separated by tabs, pipes, two or more spaces (or an
/// ideographic space); a single space separates only the numbers at the end of a
/// cell (`行政强制 84`, `1 0 0 2`). Empty cells between pipes are kept.
pub fn split_cells(line: &str) -> Vec<String> {
    let t = line.trim_matches(|c: char| c.is_whitespace() || c == '|');
    let mut raw: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut spaces = 0;
    for ch in t.chars() {
        match ch {
            '\t' | '|' => {
                raw.push(std::mem::take(&mut cur));
                spaces = 0;
            }
            ' ' => spaces += 1,
            '\u{3000}' => spaces += 2,
            _ => {
                if spaces >= 2 {
                    raw.push(std::mem::take(&mut cur));
                } else if spaces == 1 && !cur.is_empty() {
                    cur.push(' ');
                }
                spaces = 0;
                cur.push(ch);
            }
        }
    }
    raw.push(cur);
    let mut cells = Vec::new();
    for c in raw {
        let c = c.trim_matches(|ch: char| ch.is_whitespace()).to_string();
        let toks: Vec<&str> = c.split(' ').collect();
        // Dashes (cells that do not apply) count with the numbers, but `- 3 -` is a
        // page marker.
        let marker = toks.len() == 3 && is_dash(toks[0]) && is_num(toks[1]) && is_dash(toks[2]);
        let nums = if marker {
            0
        } else {
            toks.iter()
                .rev()
                .take_while(|t| is_num(t) || is_dash(t))
                .count()
        };
        if toks.len() > 1 && nums > 0 {
            let head = toks[..toks.len() - nums].join(" ");
            if !head.is_empty() {
                cells.push(head);
            }
            cells.extend(toks[toks.len() - nums..].iter().map(|s| s.to_string()));
        } else {
            cells.push(c);
        }
    }
    cells
}

fn sep_of(line: &str) -> &'static str {
    if line.trim_start().contains('\t') {
        "\t"
    } else if line.contains('|') {
        " | "
    } else if line.trim().contains("  ") {
        "  "
    } else {
        " "
    }
}

/// The words of a page marker (`P. 8`, `Page 8`): never a row label.
fn is_marker_label(label: &str) -> bool {
    let t = label.trim().to_ascii_lowercase();
    ["p.", "p", "page", "第", "-", "—", "–"].contains(&t.as_str())
}

/// A line with nothing in it but whitespace and pipes.
pub fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c.is_whitespace() || c == '|')
}

/// The run of rows from block `*i` on, blank lines between them dropped, while
/// `takes` accepts the next row (given the rows taken so far): the rows an
/// effect rewrites as one table. `*i` is left at the first block after the run.
pub fn run_of_rows<'b>(
    bl: &'b [Block],
    lines: &[&str],
    i: &mut usize,
    takes: impl Fn(&Row, usize) -> bool,
) -> Vec<&'b Row> {
    let mut run: Vec<&Row> = Vec::new();
    while *i < bl.len() {
        match &bl[*i] {
            Block::Row(r) if takes(r, run.len()) => run.push(r),
            Block::Text(k) if is_blank(lines[*k]) => {}
            _ => break,
        }
        *i += 1;
    }
    run
}

/// The rows of a text. A row is a line whose cells after the first are numbers (or
/// empty), a line of two or more numbers, or a short label line followed by lines
/// of one number each (one cell per line, with blank or `|` lines between).
pub fn blocks(lines: &[&str]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let cells = split_cells(line);
        let nonempty = cells.iter().filter(|c| !c.is_empty()).count();
        // A dash in a cell that does not apply (the dash_empty effect) is a cell.
        let num_or_dash = |c: &str| is_num(c) || is_dash(c);
        let all_num_or_empty = |cs: &[String]| cs.iter().all(|c| c.is_empty() || num_or_dash(c));
        // The label: the cells before the first number (a side heading printed
        // down the page, `本`, joins the label it stands beside).
        let lead = cells
            .iter()
            .take_while(|c| !c.is_empty() && !num_or_dash(c))
            .count();
        if lead >= 1
            && cells.len() > lead
            && cells[lead..].iter().any(|c| num_or_dash(c))
            && all_num_or_empty(&cells[lead..])
            && !is_marker_label(&cells[0])
        {
            let sep = sep_of(line);
            out.push(Block::Row(Row {
                first: i,
                last: i,
                label: Some(cells[..lead].join(sep)),
                cells: cells[lead..].to_vec(),
                sep,
            }));
            i += 1;
            continue;
        }
        if nonempty >= 2
            && cells.iter().filter(|c| num_or_dash(c)).count() >= 2
            && cells.iter().any(|c| is_num(c))
            && all_num_or_empty(&cells)
        {
            out.push(Block::Row(Row {
                first: i,
                last: i,
                label: None,
                cells,
                sep: sep_of(line),
            }));
            i += 1;
            continue;
        }
        if cells.len() == 1
            && !cells[0].is_empty()
            && !num_or_dash(&cells[0])
            && cells[0].chars().count() <= 60
        {
            // One cell per line: collect the numbers below the label.
            let mut nums = Vec::new();
            let mut last = i;
            let mut j = i + 1;
            while j < lines.len() {
                let l = lines[j];
                if l == "\t" {
                    nums.push(String::new());
                } else if is_blank(l) {
                } else {
                    let cs = split_cells(l);
                    if cs.len() == 1 && num_or_dash(&cs[0]) {
                        nums.push(cs[0].clone());
                        last = j;
                    } else {
                        break;
                    }
                }
                j += 1;
            }
            // Empty cells after the last number stay text.
            while nums.last().is_some_and(|c| c.is_empty()) {
                nums.pop();
            }
            if !nums.is_empty() {
                out.push(Block::Row(Row {
                    first: i,
                    last,
                    label: Some(cells[0].clone()),
                    cells: nums,
                    sep: if line.starts_with('\t') { "\t" } else { "  " },
                }));
                i = last + 1;
                continue;
            }
        }
        out.push(Block::Text(i));
        i += 1;
    }
    out
}

/// Re-renders a text: rows through `row`, other lines through `text`. Each returns
/// the lines to write in place of its block.
pub(crate) fn render(
    src: &str,
    mut row: impl FnMut(&Row, &[&str]) -> Vec<String>,
    mut text: impl FnMut(&str) -> Vec<String>,
) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let mut out: Vec<String> = Vec::new();
    for b in blocks(&lines) {
        match b {
            Block::Text(i) => out.extend(text(lines[i])),
            Block::Row(r) => out.extend(row(&r, &lines)),
        }
    }
    join(out)
}

/// Each run of table rows (blank lines between them dropped) written by `write`
/// as one table, or, one run in two, as tables of two to `most` rows (a table
/// over pages); the lines of text stay as they were. The shape of the effects
/// that rewrite whole tables (`frame`, `latex_tabular`).
pub(crate) fn tables_of_runs(
    src: &str,
    rng: &mut Rand,
    most: usize,
    mut write: impl FnMut(&[&Row], &mut Rand, &mut Vec<String>),
) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let bl = blocks(&lines);
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < bl.len() {
        match &bl[i] {
            Block::Text(k) => {
                out.push(lines[*k].to_string());
                i += 1;
            }
            Block::Row(_) => {
                let run = run_of_rows(&bl, &lines, &mut i, |_, _| true);
                let whole = rng.gen_bool(0.5);
                let mut k = 0;
                while k < run.len() {
                    let size = if whole {
                        run.len()
                    } else {
                        rng.gen_range(2..=most)
                    };
                    let end = (k + size).min(run.len());
                    out.push(String::new());
                    write(&run[k..end], rng, &mut out);
                    out.push(String::new());
                    k = end;
                }
            }
        }
    }
    join(out)
}

pub(crate) fn join(lines: Vec<String>) -> String {
    let mut s = lines.join("\n");
    s.push('\n');
    s
}

fn row_line(r: &Row, sep: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if let Some(l) = &r.label {
        parts.push(l);
    }
    parts.extend(r.cells.iter().map(|c| c.as_str()));
    parts.join(sep)
}

pub(crate) fn keep(r: &Row, lines: &[&str]) -> Vec<String> {
    lines[r.first..=r.last]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

/// Tabs, pipes and runs of spaces become one space.
fn collapse(line: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for ch in line.chars() {
        if ch == '\t' || ch == '|' || ch == ' ' || ch == '\u{3000}' {
            gap = true;
        } else {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(ch);
        }
    }
    out
}

// ---------------------------------------------------------------------------------
// Row shapes.

/// pdftotext -raw: one row per line, cells separated by single spaces (an empty
/// cell leaves nothing), every other line with its separators collapsed.
pub fn single_spaces(src: &str, _: &mut Rand) -> String {
    render(
        src,
        |r, _| {
            let cells: Vec<&String> = r.cells.iter().filter(|c| !c.is_empty()).collect();
            let mut parts: Vec<&str> = r.label.iter().map(|l| l.as_str()).collect();
            parts.extend(cells.iter().map(|c| c.as_str()));
            vec![parts.join(" ")]
        },
        |l| vec![collapse(l)],
    )
}

/// A crawler's one-line body: single spaces between cells and lines joined by a
/// space.
pub fn one_line(src: &str, rng: &mut Rand) -> String {
    let s = single_spaces(src, rng);
    let words: Vec<&str> = s.lines().filter(|l| !l.is_empty()).collect();
    let mut out = words.join(" ");
    out.push('\n');
    out
}

fn heading_level(line: &str) -> Option<&'static str> {
    let t = line.trim();
    let n = t.chars().count();
    if n == 0 || n > 40 {
        return None;
    }
    let mut cs = t.chars();
    let first = cs.next()?;
    if "一二三四五六七八九十".contains(first) {
        let rest: String = cs.collect();
        let rest = rest.trim_start_matches(|c: char| "一二三四五六七八九十".contains(c));
        if rest.starts_with('、') || rest.starts_with('．') {
            return Some("## ");
        }
    }
    if (first == '（' || first == '(')
        && t.chars()
            .nth(1)
            .is_some_and(|c| "一二三四五六七八九十".contains(c))
    {
        return Some("### ");
    }
    if t.contains("年度报告") {
        return Some("# ");
    }
    None
}

/// An OCR-to-markdown tool: `#` headings, and every run of rows split into small
/// markdown tables of one to four rows under invented headers `数据1` … `数据N`.
pub fn markdown(src: &str, rng: &mut Rand) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let bl = blocks(&lines);
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < bl.len() {
        match &bl[i] {
            Block::Text(k) => {
                let l = lines[*k];
                match heading_level(l) {
                    Some(mark) => {
                        out.push(format!("{mark}{}", l.trim()));
                        out.push(String::new());
                    }
                    None => out.push(l.to_string()),
                }
                i += 1;
            }
            Block::Row(_) => {
                let run = run_of_rows(&bl, &lines, &mut i, |_, _| true);
                let mut k = 0;
                while k < run.len() {
                    let labelled = run[k].label.is_some();
                    let size = rng.gen_range(1..=4);
                    let mut end = k;
                    while end < run.len() && end - k < size && run[end].label.is_some() == labelled
                    {
                        end += 1;
                    }
                    let chunk = &run[k..end];
                    let n = chunk.iter().map(|r| r.cells.len()).max().unwrap_or(0);
                    let mut head: Vec<String> = Vec::new();
                    if labelled {
                        head.push("类别".into());
                    }
                    // At most six invented headers: section 三's seven cells get
                    // 数据1…数据6 and 总计, section 四's fifteen only 数据1…数据6
                    // (a header shorter than its rows, as OCR tools write).
                    let named = n.min(6);
                    head.extend((1..=named).map(|j| format!("数据{j}")));
                    if n == 7 {
                        head.push("总计".into());
                    }
                    out.push(String::new());
                    out.push(format!("| {} |", head.join(" | ")));
                    out.push(format!("|{}", "---|".repeat(head.len())));
                    for r in chunk {
                        out.push(format!("| {} |", row_line(r, " | ")));
                    }
                    out.push(String::new());
                    k = end;
                }
            }
        }
    }
    join(out)
}

/// A label on its own line above its row of numbers.
pub fn labels_above(src: &str, _: &mut Rand) -> String {
    render(
        src,
        |r, lines| match &r.label {
            Some(l) => vec![l.clone(), r.cells.join(r.sep)],
            None => keep(r, lines),
        },
        |l| vec![l.to_string()],
    )
}

/// A block of labels, then the block of their number rows (two to six rows at a
/// time).
pub fn labels_block(src: &str, rng: &mut Rand) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let bl = blocks(&lines);
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < bl.len() {
        match &bl[i] {
            Block::Row(r) if r.label.is_some() => {
                let size = rng.gen_range(2..=6);
                let mut run: Vec<&Row> = Vec::new();
                while i < bl.len() && run.len() < size {
                    match &bl[i] {
                        Block::Row(r) if r.label.is_some() => run.push(r),
                        Block::Text(k) if is_blank(lines[*k]) => {}
                        _ => break,
                    }
                    i += 1;
                }
                out.extend(run.iter().filter_map(|r| r.label.clone()));
                out.extend(run.iter().map(|r| r.cells.join(r.sep)));
            }
            Block::Row(r) => {
                out.extend(keep(r, &lines));
                i += 1;
            }
            Block::Text(k) => {
                out.push(lines[*k].to_string());
                i += 1;
            }
        }
    }
    join(out)
}

/// Cells glued with no separator at all (`规章000`).
pub fn glued(src: &str, _: &mut Rand) -> String {
    render(src, |r, _| vec![row_line(r, "")], |l| vec![l.to_string()])
}

// ---------------------------------------------------------------------------------
// Characters.

/// Every ASCII digit printed full-width (０-９), but those of a character reference
/// (`&#12288;`), which is markup, not text.
pub fn fullwidth_digits(src: &str, _: &mut Rand) -> String {
    let mut entity = false;
    let mut prev = '\0';
    src.chars()
        .map(|c| {
            if prev == '&' && c == '#' {
                entity = true;
            } else if entity && !c.is_ascii_alphanumeric() {
                entity = false;
            }
            prev = c;
            match c {
                '0'..='9' if !entity => {
                    char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)
                }
                _ => c,
            }
        })
        .collect()
}

/// Thousands grouped with a space (`1 234`) in number cells of four or more digits:
/// an ASCII space, or one text in two a no-break, narrow no-break or thin space.
/// Cells with a leading zero (glued runs like `000023`) are left alone.
pub fn spaces_in_numbers(src: &str, rng: &mut Rand) -> String {
    // The space between groups: an ASCII space (one text in two), or the no-break
    // (U+00A0, a web page's `&nbsp;`), narrow no-break (U+202F) or thin (U+2009)
    // space that typesetting, locale-aware number formats and language-model
    // rewrites put there.
    let space = [' ', ' ', ' ', '\u{a0}', '\u{202f}', '\u{2009}'][rng.gen_range(0..6)];
    let group = |cell: &str| -> String {
        let t = cell.trim_matches(|c: char| c.is_whitespace());
        let end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (int, rest) = t.split_at(end);
        if int.len() < 4 || int.starts_with('0') {
            return cell.to_string();
        }
        let mut out = String::new();
        for (k, ch) in int.chars().enumerate() {
            if k > 0 && (int.len() - k) % 3 == 0 {
                out.push(space);
            }
            out.push(ch);
        }
        out.push_str(rest);
        out
    };
    let lines: Vec<&str> = src.lines().collect();
    let mut out: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
    for b in blocks(&lines) {
        if let Block::Row(r) = b {
            if r.first == r.last {
                // One line: each number grouped where it stands, left to right
                // after the label (the separators and a grid's borders stay).
                let line = lines[r.first];
                let mut at = r
                    .label
                    .as_ref()
                    .and_then(|l| line.find(l.as_str()).map(|i| i + l.len()))
                    .unwrap_or(0);
                let mut new = line[..at].to_string();
                for c in &r.cells {
                    let c = c.trim();
                    if c.is_empty() {
                        continue;
                    }
                    let Some(i) = line[at..].find(c) else {
                        continue;
                    };
                    new.push_str(&line[at..at + i]);
                    new.push_str(&group(c));
                    at += i + c.len();
                }
                new.push_str(&line[at..]);
                out[r.first] = new;
            } else {
                for line in out.iter_mut().take(r.last + 1).skip(r.first + 1) {
                    let cs = split_cells(line);
                    if cs.len() == 1 && is_num(&cs[0]) {
                        *line = line.replacen(cs[0].as_str(), &group(&cs[0]), 1);
                    }
                }
            }
        }
    }
    join(out)
}

/// Characters an OCR engine confuses, each with the one it becomes.
const OCR: &[(char, char)] = &[
    ('未', '末'),
    ('己', '已'),
    ('人', '入'),
    ('日', '曰'),
    ('开', '幵'),
    ('请', '靖'),
    ('理', '埋'),
    ('务', '各'),
    ('复', '夏'),
    ('议', '仪'),
    ('申', '甲'),
    ('处', '外'),
    ('其', '甚'),
    ('他', '她'),
    ('制', '刺'),
    ('计', '汁'),
    ('结', '洁'),
    ('果', '杲'),
    ('量', '暈'),
    ('法', '沄'),
    ('正', '止'),
    ('持', '待'),
    ('审', '宙'),
    ('信', '倍'),
    ('息', '怠'),
    ('项', '顶'),
    ('转', '砖'),
    ('予', '子'),
    ('不', '木'),
    ('无', '天'),
    ('供', '洪'),
    ('重', '童'),
    ('确', '碓'),
    ('规', '觇'),
    ('章', '竟'),
    ('诉', '泝'),
];

/// OCR confusions in the words (one in ten of the characters that have a look-alike),
/// never in a number.
pub fn ocr_labels(src: &str, rng: &mut Rand) -> String {
    src.chars()
        .map(|c| match OCR.iter().find(|(a, _)| *a == c) {
            Some((_, b)) if rng.gen_ratio(1, 10) => *b,
            _ => c,
        })
        .collect()
}

// ---------------------------------------------------------------------------------
// Page markers and wraps.

/// A page marker of one of the shapes converters leave in tables, sometimes after
/// the form feed pdftotext puts at a page break.
fn marker(rng: &mut Rand) -> String {
    let n = rng.gen_range(1..=30);
    let ff = if rng.gen_ratio(1, 4) { "\u{c}" } else { "" };
    let m = match rng.gen_range(0..8) {
        0 => format!("— {n} —"),
        1 => format!("- {n} -"),
        2 => format!("-{n}-"),
        3 => format!("第 {n} 页"),
        4 => format!("第{n}页"),
        5 => format!("Page {n}"),
        6 => format!("P. {n}"),
        _ => format!("—{n}—"),
    };
    format!("{ff}{m}")
}

/// Page markers between table rows (after about one row in four, and after the
/// first row in any case).
pub fn page_markers(src: &str, rng: &mut Rand) -> String {
    let mut first = true;
    render(
        src,
        |r, lines| {
            let mut v = keep(r, lines);
            if first || rng.gen_ratio(1, 4) {
                v.push(marker(rng));
            }
            first = false;
            v
        },
        |l| vec![l.to_string()],
    )
}

/// Hard wraps at one random width (20–80 columns) for the whole text, cutting labels
/// and rows anywhere but inside a number (nor between `1` and `234` of a grouped
/// `1 234`). The space a cut falls on is dropped.
pub fn wrap(src: &str, rng: &mut Rand) -> String {
    let width = rng.gen_range(20..=80usize);
    let mut out: Vec<String> = Vec::new();
    for line in src.lines() {
        let cs: Vec<char> = line.chars().collect();
        // in_tag[k]: cs[k] follows a `<` with no `>` after it, or an `&` of a
        // character reference (`&nbsp;`, `&#12288;`) with no `;` after it.
        let mut in_tag = Vec::with_capacity(cs.len());
        let mut open = false;
        let mut entity = false;
        for &c in &cs {
            if entity && !(c.is_ascii_alphanumeric() || c == '#' || c == ';') {
                entity = false;
            }
            in_tag.push(open || entity);
            if c == '<' {
                open = true;
            } else if c == '>' {
                open = false;
            } else if c == '&' {
                entity = true;
            } else if c == ';' {
                entity = false;
            }
        }
        // May the line be cut before cs[k]?
        let cut_ok = |k: usize| -> bool {
            if k == 0 || k >= cs.len() {
                return false;
            }
            // Not inside an HTML tag (`<td>`): tools that write tables as HTML
            // do not wrap them.
            if in_tag[k] {
                return false;
            }
            let (a, b) = (cs[k - 1], cs[k]);
            // An invisible character (the invisible_chars effect) may stand inside a
            // number: no cut beside one.
            if is_invisible(a) || is_invisible(b) {
                return false;
            }
            let digitish = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
            if digitish(a) && (digitish(b) || b == '.') || a == '.' && digitish(b) {
                return false;
            }
            // A dash printed for an empty cell (`--`, `——`) is a cell: not cut in two
            // (a longer run is a table rule, which wraps as any text).
            let dash = |c: char| matches!(c, '-' | '—' | '－' | '–');
            if dash(a) && dash(b) {
                let mut run = 2;
                let mut j = k + 1;
                while j < cs.len() && dash(cs[j]) {
                    run += 1;
                    j += 1;
                }
                let mut j = k - 1;
                while j > 0 && dash(cs[j - 1]) {
                    run += 1;
                    j -= 1;
                }
                if run <= 2 {
                    return false;
                }
            }
            // A digit OCR printed as a letter (`1O5`, `l2`) is still inside its number.
            let ocr = |c: char| "OolISBZ〇".contains(c);
            if digitish(a) && ocr(b) || ocr(a) && digitish(b) {
                return false;
            }
            // `1,285`, `1，285`: a thousands separator is inside the number.
            let comma = |c: char| c == ',' || c == '，';
            // The characters on either side, invisible ones (invisible_chars)
            // passed over.
            let after = cs[k + 1..].iter().find(|c| !is_invisible(**c));
            let before = cs[..k - 1].iter().rev().find(|c| !is_invisible(**c));
            if digitish(a) && comma(b) && after.is_some_and(|c| digitish(*c))
                || comma(a) && digitish(b) && before.is_some_and(|c| digitish(*c))
            {
                return false;
            }
            // `1 234`: a space between a digit and exactly three digits.
            let grouped = |sp: usize| {
                sp > 0
                    && cs[sp] == ' '
                    && digitish(cs[sp - 1])
                    && cs[sp + 1..].iter().take_while(|c| digitish(**c)).count() == 3
            };
            !(grouped(k) || b != ' ' && a == ' ' && grouped(k - 1))
        };
        let mut start = 0;
        let mut col = 0;
        let mut last_ok: Option<usize> = None;
        let mut k = 0;
        let wd = |c: &char| c.width().unwrap_or(1).max(1);
        while k < cs.len() {
            if cut_ok(k) {
                last_ok = Some(k);
            }
            let w = wd(&cs[k]);
            if col + w > width && k > start {
                if let Some(cut) = last_ok.filter(|&c| c > start) {
                    let piece: String = cs[start..cut].iter().collect();
                    out.push(piece.trim_end_matches(' ').to_string());
                    start = if cs[cut] == ' ' { cut + 1 } else { cut };
                    k = k.max(start);
                    col = cs[start..k].iter().map(wd).sum();
                    last_ok = None;
                    continue;
                }
            }
            col += w;
            k += 1;
        }
        out.push(cs[start..].iter().collect());
    }
    join(out)
}

// ---------------------------------------------------------------------------------
// Headings and titles.

/// The section headings of the three tables: (line index, section number 2..=4,
/// the char index of `、` in the line).
fn section_headings(lines: &[&str]) -> Vec<(usize, u8, usize)> {
    let mut v = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim_start_matches(|c: char| c == '#' || c.is_whitespace());
        if t.chars().count() > 40 {
            continue;
        }
        let sec = if t.starts_with("二、") && t.contains("主动公开") {
            2
        } else if t.starts_with("三、") && (t.contains("收到和处理") || t.contains("依申请"))
        {
            3
        } else if t.starts_with("四、") && (t.contains("复议") || t.contains("诉讼")) {
            4
        } else {
            continue;
        };
        let lead = l.chars().count() - t.chars().count();
        v.push((i, sec, lead + 1));
    }
    v
}

/// The three tables numbered 一/二/三 and, when a heading 五 follows them, moved
/// after the narrative to the end of the text (an appendix).
pub fn headings_renumbered(src: &str, _: &mut Rand) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let heads = section_headings(&lines);
    let mut out: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
    for &(i, sec, at) in &heads {
        let new = ["一", "二", "三"][usize::from(sec) - 2];
        let cs: Vec<char> = out[i].chars().collect();
        out[i] = format!(
            "{}{new}{}",
            cs[..at - 1].iter().collect::<String>(),
            cs[at..].iter().collect::<String>()
        );
    }
    let start = heads
        .iter()
        .find(|h| h.1 == 2)
        .or(heads.first())
        .map(|h| h.0);
    let last = heads.iter().map(|h| h.0).max();
    if let (Some(start), Some(last)) = (start, last) {
        let five = (last + 1..lines.len()).find(|&j| {
            let t = lines[j].trim_start_matches(|c: char| c == '#' || c.is_whitespace());
            t.starts_with("五、") && t.chars().count() <= 40
        });
        if let Some(five) = five {
            let tables: Vec<String> = out.drain(start..five).collect();
            out.extend(tables);
        }
    }
    join(out)
}

/// One character of each table heading added, dropped or replaced.
pub fn headings_misspelt(src: &str, rng: &mut Rand) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let mut out: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
    for (i, _, at) in section_headings(&lines) {
        let mut cs: Vec<char> = out[i].chars().collect();
        let body: Vec<usize> = (at + 1..cs.len())
            .filter(|&k| ('\u{4e00}'..='\u{9fff}').contains(&cs[k]))
            .collect();
        if body.is_empty() {
            continue;
        }
        let k = body[rng.gen_range(0..body.len())];
        let other = "的之及与其年份部门务院".chars().collect::<Vec<_>>();
        let o = other[rng.gen_range(0..other.len())];
        match rng.gen_range(0..3) {
            0 => cs.insert(k, o),
            1 => {
                cs.remove(k);
            }
            _ => cs[k] = o,
        }
        out[i] = cs.into_iter().collect();
    }
    join(out)
}

/// The title split over lines: the organ on one line, the year spaced (`2024 年`)
/// on the next, the rest of the title below.
pub fn title_split(src: &str, _: &mut Rand) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let mut out: Vec<String> = Vec::new();
    let mut done = false;
    for (i, l) in lines.iter().enumerate() {
        if done || i > 20 || !(l.contains("报告") || l.contains("年报")) {
            out.push(l.to_string());
            continue;
        }
        let cs: Vec<char> = l.chars().collect();
        let year = (0..cs.len().saturating_sub(4)).find(|&k| {
            cs[k..k + 4].iter().all(|c| c.is_ascii_digit())
                && (k == 0 || !cs[k - 1].is_ascii_digit())
                && cs[k + 4..].iter().find(|c| **c != ' ') == Some(&'年')
        });
        let Some(y) = year else {
            out.push(l.to_string());
            continue;
        };
        let nian = y + 4 + cs[y + 4..].iter().take_while(|c| **c == ' ').count();
        let mut after = nian + 1;
        if cs.get(after) == Some(&'度') {
            after += 1;
        }
        let organ: String = cs[..y].iter().collect();
        if !organ.trim().is_empty() {
            out.push(organ.trim_end().to_string());
        }
        let digits: String = cs[y..y + 4].iter().collect();
        let suffix: String = cs[nian..after].iter().collect();
        out.push(format!("{digits} {suffix}"));
        let rest: String = cs[after..].iter().collect();
        if !rest.trim().is_empty() {
            out.push(rest);
        }
        done = true;
    }
    join(out)
}
