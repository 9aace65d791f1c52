//! The sixth round of converter families: tables drawn with rules.
//!
//! pandoc writes a table whose cells hold long text as a grid table (`+---+`
//! rules, `|` between cells, `+===+` under a header), and `tabulate`'s `grid` and
//! `fancy_grid`, psql's unicode border style and some PDF and Word converters
//! draw the same grid with box-drawing characters (`┌─┬─┐`, `│`, `├─┼─┤`). A
//! cell wider than its column wraps onto lines of its own inside the cell, so a
//! row's label may stand on two or three lines while its numbers stand on the
//! first of them (pandoc) or the middle one (a converter that centres a cell's
//! content). The truth stays the truth: every number keeps its row and column.

use super::{tables_of_runs, Rand, Row};
use rand::Rng;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The characters a grid is drawn with.
#[derive(Clone, Copy)]
struct Rules {
    /// The horizontal rule.
    h: char,
    /// The line between cells.
    v: char,
    /// Top, middle and bottom rules: left end, crossing, right end.
    top: [char; 3],
    mid: [char; 3],
    bottom: [char; 3],
}

const ASCII: Rules = Rules {
    h: '-',
    v: '|',
    top: ['+', '+', '+'],
    mid: ['+', '+', '+'],
    bottom: ['+', '+', '+'],
};

const BOXES: Rules = Rules {
    h: '─',
    v: '│',
    top: ['┌', '┬', '┐'],
    mid: ['├', '┼', '┤'],
    bottom: ['└', '┴', '┘'],
};

/// The pieces a label wraps between: a run of ASCII letters, digits and
/// punctuation stays whole (`20.1`, `1.`), every other character is a piece.
fn pieces(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut ascii = false;
    for (i, c) in s.char_indices() {
        let a = c.is_ascii_graphic();
        if i > start && !(a && ascii) {
            out.push(&s[start..i]);
            start = i;
        }
        ascii = a;
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// `s` wrapped onto lines at most `w` display columns wide (a piece wider than
/// `w` stands alone on its line).
fn wrap_to(s: &str, w: usize) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for p in pieces(s.trim()) {
        let cur = lines.last_mut().expect("one line at least");
        if !cur.is_empty() && cur.width() + p.width() > w {
            lines.push(String::new());
        }
        let cur = lines.last_mut().expect("one line at least");
        if !(cur.is_empty() && p == " ") {
            cur.push_str(p);
        }
    }
    lines
}

/// `s` padded with spaces to `w` display columns.
fn fill(s: &str, w: usize) -> String {
    let n: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    format!("{s}{}", " ".repeat(w.saturating_sub(n)))
}

/// A rule across columns of widths `ws` (each cell's width plus its two spaces).
fn rule(ws: &[usize], ends: [char; 3], h: char) -> String {
    let mut s = String::new();
    s.push(ends[0]);
    for (i, w) in ws.iter().enumerate() {
        if i > 0 {
            s.push(ends[1]);
        }
        s.extend(std::iter::repeat_n(h, w + 2));
    }
    s.push(ends[2]);
    s
}

/// One grid of rows of the same shape (label or none, count of cells).
fn write_grid(rows: &[&Row], rules: Rules, label_w: usize, middle: bool, out: &mut Vec<String>) {
    let labelled = rows[0].label.is_some();
    // Each row's cells, as lines: the label wrapped, each number on one line.
    let table: Vec<Vec<Vec<String>>> = rows
        .iter()
        .map(|r| {
            let mut cells = Vec::new();
            if let Some(l) = &r.label {
                cells.push(wrap_to(l, label_w));
            }
            cells.extend(r.cells.iter().map(|c| vec![c.trim().to_string()]));
            cells
        })
        .collect();
    let ncols = table[0].len();
    let ws: Vec<usize> = (0..ncols)
        .map(|c| {
            table
                .iter()
                .flat_map(|r| r[c].iter().map(|l| l.width()))
                .max()
                .unwrap_or(1)
                .max(if c == 0 && labelled { label_w } else { 1 })
        })
        .collect();
    out.push(rule(&ws, rules.top, rules.h));
    for (k, row) in table.iter().enumerate() {
        let height = row.iter().map(Vec::len).max().unwrap_or(1);
        // Where a one-line cell stands among the row's lines.
        let at = if middle { (height - 1) / 2 } else { 0 };
        for line in 0..height {
            let mut s = String::new();
            s.push(rules.v);
            for (c, cell) in row.iter().enumerate() {
                let text = if cell.len() == 1 {
                    if line == at {
                        cell[0].as_str()
                    } else {
                        ""
                    }
                } else {
                    cell.get(line).map_or("", String::as_str)
                };
                s.push(' ');
                s.push_str(&fill(text, ws[c]));
                s.push(' ');
                s.push(rules.v);
            }
            out.push(s);
        }
        let ends = if k + 1 == table.len() {
            rules.bottom
        } else {
            rules.mid
        };
        out.push(rule(&ws, ends, rules.h));
    }
}

/// Each run of table rows drawn as a grid (one text in two with ASCII rules as
/// pandoc draws them, else with box-drawing characters), its rows of one shape
/// in one grid, a rule between every two rows; each label wraps at a width drawn
/// per text (three to seven Han characters), the row's numbers standing on the
/// label's first line or (one text in two) its middle one. Text lines stay.
pub fn grid_tables(src: &str, rng: &mut Rand) -> String {
    let rules = if rng.gen_bool(0.5) { ASCII } else { BOXES };
    let label_w = 2 * rng.gen_range(3..=7usize);
    let middle = rng.gen_bool(0.5);
    tables_of_runs(src, rng, 8, |rows, _, out| {
        let shape = |r: &Row| (r.label.is_some(), r.cells.len());
        let mut k = 0;
        while k < rows.len() {
            let mut end = k + 1;
            while end < rows.len() && shape(rows[end]) == shape(rows[k]) {
                end += 1;
            }
            write_grid(&rows[k..end], rules, label_w, middle, out);
            k = end;
        }
    })
}
