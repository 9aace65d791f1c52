//! The third round of converter families: tables a table tool returned as frames.
//!
//! camelot and tabula give a PDF's tables to their users as pandas frames, which
//! are then written with `print(df)`, `df.to_csv()` or `df.to_markdown()`: a line of column numbers
//! over each table and each row opening with its index, counting up from 0. Neither
//! is a value of the report, and both look like one to a reader that takes numbers
//! where it finds them. The truth stays the truth: every number keeps its row.

use super::{blocks, join, tables_of_runs, Block, Rand, Row};
use rand::Rng;
use unicode_width::UnicodeWidthStr;

/// A CSV field as pandas writes it: quoted when it holds a comma or a quote.
fn field(s: &str) -> String {
    if s.contains([',', '"']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// `s` right-aligned in `w` display columns (pandas aligns cells to the right).
fn pad(s: &str, w: usize) -> String {
    let n = UnicodeWidthStr::width(s);
    format!("{}{s}", " ".repeat(w.saturating_sub(n)))
}

/// How a frame is written.
#[derive(Clone, Copy, PartialEq)]
enum Form {
    /// `print(df)`.
    Printed,
    /// `df.to_csv()`.
    Csv,
    /// `df.to_markdown()`: a pipe table whose index column has no header.
    Markdown,
}

/// One frame: its rows' cells (label first when it has one).
fn write_frame(rows: &[&Row], form: Form, out: &mut Vec<String>) {
    let cells: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| {
            r.label
                .iter()
                .map(String::as_str)
                .chain(r.cells.iter().map(String::as_str))
                .collect()
        })
        .collect();
    let width = cells.iter().map(Vec::len).max().unwrap_or(0);
    if form == Form::Markdown {
        let head: Vec<String> = (0..width).map(|c| c.to_string()).collect();
        out.push(format!("|    | {} |", head.join(" | ")));
        out.push(format!("|---:|{}", ":---|".repeat(width)));
        for (i, row) in cells.iter().enumerate() {
            let mut f: Vec<&str> = row.clone();
            f.resize(width, "");
            out.push(format!("| {i:>2} | {} |", f.join(" | ")));
        }
        return;
    }
    if form == Form::Csv {
        // `df.to_csv()`: the header is an empty index name and the column numbers.
        let head: Vec<String> = (0..width).map(|c| c.to_string()).collect();
        out.push(format!(",{}", head.join(",")));
        for (i, row) in cells.iter().enumerate() {
            let mut f: Vec<String> = row.iter().map(|c| field(c)).collect();
            f.resize(width, String::new());
            out.push(format!("{i},{}", f.join(",")));
        }
        return;
    }
    // `print(df)`: a ragged row's missing cells are NaN, every column as wide as
    // its widest cell, the index column as wide as the largest index.
    let grid: Vec<Vec<String>> = cells
        .iter()
        .map(|row| {
            let mut v: Vec<String> = row.iter().map(|c| c.to_string()).collect();
            v.resize(width, "NaN".to_string());
            v
        })
        .collect();
    let col_w: Vec<usize> = (0..width)
        .map(|c| {
            grid.iter()
                .map(|r| UnicodeWidthStr::width(r[c].as_str()))
                .chain([c.to_string().len()])
                .max()
                .unwrap_or(1)
        })
        .collect();
    let idx_w = (grid.len().saturating_sub(1)).to_string().len();
    let mut head = " ".repeat(idx_w);
    for (c, w) in col_w.iter().enumerate() {
        head.push_str("  ");
        head.push_str(&pad(&c.to_string(), *w));
    }
    out.push(head);
    for (i, r) in grid.iter().enumerate() {
        let mut line = format!("{i:<idx_w$}");
        for (c, w) in col_w.iter().enumerate() {
            line.push_str("  ");
            line.push_str(&pad(&r[c], *w));
        }
        out.push(line);
    }
}

/// Each run of table rows (blank lines between them dropped) written as one frame,
/// or as frames of two to six rows (a table over pages: camelot returns one frame
/// a page), by `print(df)`, `df.to_csv()` or `df.to_markdown()` (one text in three
/// each).
/// Text lines stay as they were: a user joins the frames to the page's text.
pub fn frame(src: &str, rng: &mut Rand) -> String {
    let form = [Form::Printed, Form::Csv, Form::Markdown][rng.gen_range(0..3)];
    tables_of_runs(src, rng, 6, |rows, _, out| write_frame(rows, form, out))
}

/// OCR losing a thin glyph: a `1` taken for a table rule, a small `0` not seen.
/// About one cell in ten that prints `0` or `1` alone is gone with the separator
/// before it (`3 0 0 1 0 0 4` → `3 0 0 0 0 4`, `| 1 |` → one cell fewer, a cell
/// alone on its line → no line). The truth stays: the cell lost must come out
/// missing, and no other cell of its row may take a number that is not its own.
pub fn ocr_lost(src: &str, rng: &mut Rand) -> String {
    const LOST: char = '\u{0}';
    let lines = super::families2::each_number(src, rng, |cell, _, rng| {
        (matches!(cell, "0" | "1") && rng.gen_ratio(1, 10)).then(|| LOST.to_string())
    });
    let blank = |s: &str| {
        s.chars()
            .all(|c| c.is_whitespace() || matches!(c, '\u{a0}' | '\u{3000}' | LOST))
    };
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for l in lines {
        if !l.contains(LOST) {
            out.push(l);
            continue;
        }
        if blank(&l) {
            // The cell was its line.
            continue;
        }
        let mut s = l;
        while let Some(at) = s.find(LOST) {
            let before = s[..at].trim_end_matches([' ', '\t', '\u{a0}', '\u{3000}']);
            let after = &s[at + LOST.len_utf8()..];
            let before = match before.strip_suffix('|') {
                // A pipe table's cell: it goes with the pipe before it.
                Some(b) if after.trim_start().starts_with('|') => b,
                _ => before,
            };
            s = format!("{before}{after}");
        }
        out.push(s);
    }
    join(out)
}

/// An OCR engine that joins the boxes standing at one height into a line, on a
/// table whose long row labels wrap inside their cells: the label's first line
/// takes the numbers whose boxes stand a little higher, its second line the
/// rest, each line's numbers in their order from left to right (`4.保护第三方 1 0`
/// / `合法权益 2 0 0 0 3` for 1 2 0 0 0 0 3). About one row in two whose label
/// has eight characters or more, and whose cells are all numbers, is parted so;
/// every other row is printed on one line, single spaces between its cells (an
/// empty cell leaves nothing), as such an engine prints it. This is the one
/// effect that changes the order of a row's numbers (each stays in its row): a
/// reader that cannot tell which columns a parted row's numbers stand in must
/// leave them missing.
pub fn ocr_heights(src: &str, rng: &mut Rand) -> String {
    super::render(
        src,
        |r, _| {
            let cells: Vec<&str> = r
                .cells
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .collect();
            let label: Vec<char> = r.label.as_deref().unwrap_or("").chars().collect();
            let parted = label.len() >= 8
                && cells.len() >= 2
                && cells.len() == r.cells.len()
                && cells.iter().all(|c| super::is_num(c))
                && rng.gen_bool(0.5);
            if !parted {
                let mut parts: Vec<&str> = r.label.iter().map(|l| l.as_str()).collect();
                parts.extend(&cells);
                return vec![parts.join(" ")];
            }
            // Which numbers stand higher: any non-empty set but not all.
            let n = cells.len();
            let higher: Vec<bool> = loop {
                let v: Vec<bool> = (0..n).map(|_| rng.gen_bool(0.4)).collect();
                if v.iter().any(|&h| h) && !v.iter().all(|&h| h) {
                    break v;
                }
            };
            let cut = rng.gen_range(4..=label.len() - 2);
            let head: String = label[..cut].iter().collect();
            let tail: String = label[cut..].iter().collect();
            let line = |piece: String, high: bool| {
                let mut parts = vec![piece];
                parts.extend(
                    cells
                        .iter()
                        .zip(&higher)
                        .filter(|(_, h)| **h == high)
                        .map(|(c, _)| c.to_string()),
                );
                parts.join(" ")
            };
            vec![line(head, true), line(tail, false)]
        },
        |l| vec![super::collapse(l)],
    )
}

/// The column headers of section 二's items as the templates print them, by the
/// caption's numeral and the count of columns (the 2019 wording of 20.1 where the
/// text has no `制发`).
fn item_headers(numeral: char, cols: usize, y2021: bool) -> Option<&'static [&'static str]> {
    Some(match (numeral, cols) {
        ('一', 3) if y2021 => &["本年制发件数", "本年废止件数", "现行有效件数"],
        ('一', 3) => &["本年新制作数量", "本年新公开数量", "对外公开总数量"],
        ('五' | '六', 3) => &["上一年项目数量", "本年增/减", "处理决定数量"],
        ('五' | '六', 1) => &["本年处理决定数量"],
        ('八', 2) => &["上一年项目数量", "本年增/减"],
        ('八', 1) => &["本年收费金额（单位：万元）"],
        ('九', 2) => &["采购项目数量", "采购总金额"],
        _ => return None,
    })
}

/// pdfminer (`pdf2txt.py`) on section 二: each column of an item's small table is
/// a text box of its own, its header and then its numbers top to bottom, one a
/// line, after the item's caption; the rows' labels, boxes of their own too,
/// come after the section's last item (`信息内容` / `规章` / …). An item whose rows
/// do not all have the count of cells its caption's template columns have is
/// left as it was; so is every other section. Each number stays in its row, and
/// the truth stays: which row a number of a two-row item is in, the box says
/// (top to bottom), but not every reader can know it.
pub fn column_boxes(src: &str, rng: &mut Rand) -> String {
    pdfminer_items(src, rng, false)
}

/// pdfminer on section 二 when it groups an item's heads before its numbers:
/// the rows' labels first (every item's in one block at the section's head, or
/// each item's after its caption, one text in two), then the item's heads one a
/// line, then its numbers down each column, one a line (tests/fixtures/pdfconv's
/// pdfminer dumps print 20.1 so), the next item's caption after the first
/// column's numbers one time in two. An empty cell prints nothing. Other items
/// and sections are left as they were.
pub fn heads_first(src: &str, rng: &mut Rand) -> String {
    pdfminer_items(src, rng, true)
}

/// Section 二's items as pdfminer prints them: column boxes, or (`heads_first`)
/// all heads and then the numbers down the columns.
fn pdfminer_items(src: &str, rng: &mut Rand, heads_first: bool) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let heads = super::section_headings(&lines);
    let Some(&(from, _, _)) = heads.iter().find(|h| h.1 == 2) else {
        return src.to_string();
    };
    let to = heads
        .iter()
        .find(|h| h.0 > from)
        .map_or(lines.len(), |h| h.0);
    let y2021 = src.contains("制发");
    let caption = |l: &str| -> Option<char> {
        let t = l.trim();
        let at = t.find("第二十条第")?;
        t[at + "第二十条第".len()..]
            .chars()
            .find(|c| "一二三四五六七八九".contains(*c))
    };
    let after_caption = heads_first && rng.gen_bool(0.5);
    let mut moved_caption: Option<usize> = None;
    let bl = blocks(&lines);
    let mut out: Vec<String> = lines[..=from].iter().map(|s| s.to_string()).collect();
    let mut labels: Vec<String> = Vec::new();
    let in_range = |b: &Block| match b {
        Block::Text(k) => *k > from && *k < to,
        Block::Row(r) => r.first > from && r.last < to,
    };
    let body: Vec<&Block> = bl.iter().filter(|b| in_range(b)).collect();
    let mut i = 0;
    while i < body.len() {
        let numeral = match body[i] {
            Block::Text(k) => caption(lines[*k]),
            Block::Row(_) => None,
        };
        let Some(numeral) = numeral else {
            match body[i] {
                Block::Text(k) => out.push(lines[*k].to_string()),
                Block::Row(r) => out.extend(lines[r.first..=r.last].iter().map(|s| s.to_string())),
            }
            i += 1;
            continue;
        };
        // The item: its caption, the lines up to the next caption.
        let mut j = i + 1;
        while j < body.len() && !matches!(body[j], Block::Text(k) if caption(lines[*k]).is_some()) {
            j += 1;
        }
        let rows: Vec<&Row> = body[i + 1..j]
            .iter()
            .filter_map(|b| match b {
                Block::Row(r) => Some(r),
                Block::Text(_) => None,
            })
            .collect();
        let n = rows.first().map_or(0, |r| r.cells.len());
        let headers = (n > 0 && rows.iter().all(|r| r.cells.len() == n && r.label.is_some()))
            .then(|| item_headers(numeral, n, y2021))
            .flatten();
        let (Block::Text(k), Some(headers)) = (body[i], headers) else {
            for b in &body[i..j] {
                match b {
                    Block::Text(k) if moved_caption == Some(*k) => {}
                    Block::Text(k) => out.push(lines[*k].to_string()),
                    Block::Row(r) => {
                        out.extend(lines[r.first..=r.last].iter().map(|s| s.to_string()))
                    }
                }
            }
            i = j;
            continue;
        };
        if moved_caption != Some(*k) {
            out.push(lines[*k].trim().to_string());
        }
        let item_labels = std::iter::once("信息内容".to_string())
            .chain(rows.iter().filter_map(|r| r.label.clone()));
        if heads_first && after_caption {
            out.extend(item_labels);
        } else {
            labels.extend(item_labels);
        }
        for (c, h) in headers.iter().enumerate() {
            out.push(h.to_string());
            if heads_first {
                continue;
            }
            for r in &rows {
                let cell = r.cells[c].trim();
                if !cell.is_empty() {
                    out.push(cell.to_string());
                }
            }
        }
        if heads_first {
            for c in 0..headers.len() {
                for r in &rows {
                    let cell = r.cells[c].trim();
                    if !cell.is_empty() {
                        out.push(cell.to_string());
                    }
                }
                // One time in two, the next item's caption box ordered after
                // the first column's numbers.
                let next = match body.get(j) {
                    Some(Block::Text(k2)) if caption(lines[*k2]).is_some() => Some(*k2),
                    _ => None,
                };
                if let (0, Some(k2), true) = (c, next, headers.len() > 1 && rng.gen_bool(0.5)) {
                    out.push(lines[k2].trim().to_string());
                    moved_caption = Some(k2);
                }
            }
        }
        i = j;
    }
    if heads_first {
        // The block of every item's labels at the section's head.
        out.splice(from + 1..from + 1, labels);
    } else {
        out.extend(labels);
    }
    out.extend(lines[to..].iter().map(|s| s.to_string()));
    join(out)
}
