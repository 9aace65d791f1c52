//! TeX tables: rows whose cells `&` parts and `\\` ends.
//!
//! Formula-aware OCR (and the language models that learnt from its output) writes
//! a scanned table as a `tabular` or `array` environment, often in math mode
//! (`$$ … $$`, `\[ … \]`, numbers as `$12$`), with rules as `\hline` on lines of
//! their own or after a row's `\\`, several rows on one line or the whole table on
//! one; pandoc writes `longtable`, ConTeXt `\startxcell`. Each row becomes one line
//! with its cells between `|`, which the table reader reads as a pipe row; the
//! markup around and inside cells is taken out, keeping only what prints.

use crate::parse::input::html::Page;
use crate::parse::lines::LineIndex;

/// Whether the text may be TeX: rows parted by `&` and ended by `\\`, inline math
/// (`\( 12 \)`, `$12$`), or lines that start with a control word (`\startxcell`,
/// `\midrule`).
pub(crate) fn has_tex(text: &str) -> bool {
    let b = text.as_bytes();
    // A number in math mode (`$12$`) needs no backslash.
    let dollar = memchr::memchr(b'$', b).is_some()
        && b.windows(2).any(|w| w[0] == b'$' && w[1].is_ascii_digit());
    // The other kinds of TeX need a backslash; most texts hold none, and the count
    // of lines below decoded every line of them (1.5% of a run on issue 13's tree).
    if memchr::memchr(b'\\', b).is_none() {
        return dollar;
    }
    let rows = memchr::memmem::find(b, b"\\\\").is_some() && memchr::memchr(b'&', b).is_some();
    // Numbers in inline math inside a markdown table (`| \( 12 \) |`, as
    // Mathpix writes them).
    let inline =
        memchr::memmem::find(b, b"\\(").is_some() && memchr::memmem::find(b, b"\\)").is_some();
    rows || inline
        || dollar
        || text
            .lines()
            .filter(|l| {
                let mut c = l.trim_start().chars();
                c.next() == Some('\\') && c.next().is_some_and(|c| c.is_ascii_alphabetic())
            })
            .nth(9)
            .is_some()
}

/// How many lines a row may run over before its `\\` (a long label wrapped by the
/// converter); a row that is not ended by then is not read as a row.
const ROW_LINES: usize = 8;

/// The lines with a row's end that a hard wrap cut in two (`… & 0 \` / `\ \hline`)
/// put back together: the backslash that opens the next line moves to the end of
/// the line before, which then ends its row as it was written.
fn mended_breaks(lines: Vec<(usize, &str)>) -> Vec<(usize, std::borrow::Cow<'_, str>)> {
    let odd_end = |l: &str| (l.len() - l.trim_end_matches('\\').len()) % 2 == 1;
    let mut out: Vec<(usize, std::borrow::Cow<'_, str>)> = Vec::with_capacity(lines.len());
    for (k, &(off, line)) in lines.iter().enumerate() {
        let mut l: std::borrow::Cow<'_, str> = line.into();
        let opens_half = |l: &str| l.starts_with('\\') && !l.starts_with("\\\\");
        if k > 0 && odd_end(lines[k - 1].1) && opens_half(line) {
            l = line[1..].to_string().into();
        }
        if odd_end(line) && lines.get(k + 1).is_some_and(|(_, n)| opens_half(n)) {
            l = format!("{l}\\").into();
        }
        out.push((off, l));
    }
    out
}

/// The text with TeX table markup read as cells: a row whose cells are parted by
/// `&` runs until `\\` (on the same line, after more rows on that line, or up to
/// [`ROW_LINES`] lines on) and becomes one line with its cells between `|`; in
/// every line, a control word is markup: of a word that prints its argument
/// (`\multicolumn{3}{l}{一、本年新收…}`, `\text{规章}`) only the last `{…}` is
/// kept, as text, and nothing of a word that only lays out (`\hline`,
/// `\cline{2-3}`, `\begin{tabular}{|c|c|}`). A line that was nothing but markup is
/// left out. `None` when nothing was changed.
pub(crate) fn tex_rows(text: &str) -> Option<Page> {
    let li = LineIndex::new(text);
    let lines = mended_breaks(li.lines(text, 0, text.len()).collect());
    let lines: Vec<(usize, &str)> = lines.iter().map(|(o, l)| (*o, l.as_ref())).collect();
    let mut page = Page::rewritten();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    // The row that a line opened and a later line's `\\` will end: its cells.
    let mut open: Option<Vec<String>> = None;
    // The line that opened it, for its origin.
    let mut open_line = 0u32;
    for (i, &(off, line)) in lines.iter().enumerate() {
        let here = li.line_of(off);
        let pieces = row_pieces(line);
        let last = pieces.len() - 1;
        for (k, piece) in pieces.into_iter().enumerate() {
            let ends_row = k < last;
            if let Some(cells) = open.as_mut() {
                add_cells(cells, piece);
                if ends_row {
                    let cells = open.take().unwrap_or_default();
                    write_row(&mut out, &mut page.origins, open_line, &cells);
                    changed = true;
                }
                continue;
            }
            let parted = split_cells(piece).len() > 1;
            if parted && (ends_row || row_ends_within(&lines[i + 1..])) {
                let mut cells = vec![String::new()];
                add_cells(&mut cells, piece);
                if ends_row {
                    write_row(&mut out, &mut page.origins, here, &cells);
                    changed = true;
                } else {
                    open = Some(cells);
                    open_line = here;
                }
                continue;
            }
            let s = strip_tex(piece);
            changed |= s != piece || ends_row;
            // A line of markup alone (`\hline`, `\end{tabular}`, `$$`) is left out;
            // a line that was empty stays.
            if s.trim().is_empty() && !piece.trim().is_empty() {
                continue;
            }
            if k > 0 && s.trim().is_empty() {
                continue;
            }
            page.origins.push((out.len() as u32, here));
            out.push_str(&s);
            out.push('\n');
        }
    }
    if let Some(cells) = open {
        write_row(&mut out, &mut page.origins, open_line, &cells);
    }
    if !changed {
        return None;
    }
    page.text = out;
    Some(page)
}

/// Writes one row as `|a|b|c|` on a line of its own, from source line `line`.
fn write_row(out: &mut String, origins: &mut Vec<(u32, u32)>, line: u32, cells: &[String]) {
    origins.push((out.len() as u32, line));
    out.push('|');
    for c in cells {
        out.push_str(c.trim());
        out.push('|');
    }
    out.push('\n');
}

/// Adds a piece of a row to its cells: the piece's first cell continues the row's
/// last (a cell wrapped over lines), each `&` opens a new one.
fn add_cells(cells: &mut Vec<String>, piece: &str) {
    for (k, part) in split_cells(piece).into_iter().enumerate() {
        if k > 0 {
            cells.push(String::new());
        }
        if let Some(c) = cells.last_mut() {
            c.push_str(&strip_tex(part));
        }
    }
}

/// Whether a `\\` ends a row on one of the next lines, before a line that opens a
/// row of its own (cells parted by `&` and ended there).
fn row_ends_within(next: &[(usize, &str)]) -> bool {
    next.iter()
        .take(ROW_LINES - 1)
        .any(|&(_, l)| row_pieces(l).len() > 1)
}

/// A line cut at every row end (`\\` or `\tabularnewline` outside braces, with
/// the spacing argument `\\[2pt]` that may follow it): the pieces before each end
/// each finish a row, the last piece does not.
fn row_pieces(line: &str) -> Vec<&str> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let (mut from, mut depth, mut i) = (0, 0usize, 0);
    while i < b.len() {
        match b[i] {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b'\\' if depth == 0 => {
                let end = if b.get(i + 1) == Some(&b'\\') {
                    Some(i + 2)
                } else if b[i + 1..].starts_with(b"tabularnewline") {
                    Some(i + 1 + "tabularnewline".len())
                } else {
                    None
                };
                if let Some(mut end) = end {
                    out.push(&line[from..i]);
                    if b.get(end) == Some(&b'[') {
                        end = b[end..]
                            .iter()
                            .position(|&c| c == b']')
                            .map_or(end, |p| end + p + 1);
                    }
                    from = end;
                    i = end;
                    continue;
                }
                // A control symbol (`\&`, `\%`, `\{`) is passed over whole.
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(&line[from..]);
    out
}

/// A piece of a row cut at every `&` that is not `\&` and stands outside braces.
fn split_cells(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut depth = 0usize;
    let b = line.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b'&' if depth == 0 && (i == 0 || b[i - 1] != b'\\') => {
                out.push(&line[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    out.push(&line[from..]);
    out
}

/// Control words that only lay a table out: their arguments print nothing.
const LAYOUT_WORDS: &[&str] = &[
    "begin",
    "end",
    "label",
    "cline",
    "cmidrule",
    "hhline",
    "hline",
    "toprule",
    "midrule",
    "bottomrule",
    "vspace",
    "hspace",
    "setlength",
    "rule",
    "arraystretch",
    "renewcommand",
    "includegraphics",
    "ref",
    "cite",
    "color",
    "rowcolor",
    "cellcolor",
    "columncolor",
    "arrayrulecolor",
    "centering",
];

/// A piece of TeX with its markup taken out (see [`tex_rows`]): math shifts (`$`,
/// `\[`, `\]`, `\(`, `\)`) and bare braces go; a thin space (`\,`, `\;`, `\:`,
/// `\ `) is a space, as printed (`1\,288` is `1 288`); an escaped character
/// (`\%`, `\&`, `\_`, `\#`, `\$`) is that character; a line break inside a cell
/// (`\makecell{本年\\新收}`) joins its pieces.
fn strip_tex(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' if b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => {
                let name_end = (i + 1..b.len())
                    .find(|&k| !b[k].is_ascii_alphabetic())
                    .unwrap_or(b.len());
                let name = &s[i + 1..name_end];
                let mut k = name_end;
                let mut last: Option<(usize, usize)> = None;
                // Its arguments: `[…]`, `(…)` and `{…}` groups, with no space
                // before them.
                while let Some(&open) = b.get(k) {
                    let close = match open {
                        b'{' => b'}',
                        b'[' => b']',
                        b'(' if name == "cmidrule" => b')',
                        _ => break,
                    };
                    let Some(end) = group_end(b, k, open, close) else {
                        break;
                    };
                    if open == b'{' {
                        last = Some((k + 1, end));
                    }
                    k = end + 1;
                }
                if let Some((a, z)) = last {
                    if !LAYOUT_WORDS.contains(&name) {
                        out.push_str(&strip_tex(&s[a..z]));
                    }
                }
                i = k;
            }
            b'\\' => {
                match b.get(i + 1) {
                    Some(b',' | b';' | b':' | b' ') => out.push(' '),
                    Some(&c @ (b'&' | b'%' | b'_' | b'#' | b'$' | b'{' | b'}')) => {
                        out.push(char::from(c))
                    }
                    // `\[`, `\]`, `\(`, `\)`, `\!`, and `\\` inside a cell.
                    _ => {}
                }
                i += 2;
            }
            b'$' | b'{' | b'}' => i += 1,
            _ => {
                let ch = s[i..].chars().next().map_or(1, char::len_utf8);
                out.push_str(&s[i..i + ch]);
                i += ch;
            }
        }
    }
    out
}

/// The index of the bracket that closes the one at `at`.
fn group_end(b: &[u8], at: usize, open: u8, close: u8) -> Option<usize> {
    let mut depth = 0usize;
    for (k, &c) in b.iter().enumerate().skip(at) {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(k);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_end_a_wrap_cut_is_put_back() {
        let got = mended_breaks(vec![
            (0, "a & 0 \\"),
            (9, "\\ \\hline b & 1 \\\\"),
            (30, "\\hline"),
        ]);
        let got: Vec<&str> = got.iter().map(|(_, l)| l.as_ref()).collect();
        assert_eq!(got, ["a & 0 \\\\", " \\hline b & 1 \\\\", "\\hline"]);
    }

    #[test]
    fn tex_rows_are_cells() {
        let text = "\\subsection{三、收到}\\label{ux4e09}\n\\begin{longtable}[]{@{}lll@{}}\n\\multicolumn{2}{l}{二、上年结转} & 11 & 1 &\n3 \\\\\n\\startxcell 行政复议 \\stopxcell\n";
        let page = tex_rows(text).expect("changed");
        assert_eq!(page.text, "三、收到\n|二、上年结转|11|1|3|\n 行政复议 \n");
        assert_eq!(page.source_line_at(page.text.find("|二").expect("row")), 3);
        assert_eq!(
            page.source_line_at(page.text.find("行政").expect("cell")),
            5
        );
        assert!(tex_rows("no markup & here\n").is_none());
    }

    /// A formula OCR's table: math mode, rules after each row's `\\`, several rows
    /// on one line, numbers in `$…$`, labels in `\text{}`.
    #[test]
    fn rows_end_wherever_their_double_backslash_stands() {
        let text = "二、主动公开\n$$ \\begin{tabular}{|c|c|c|} \\hline \\text{规章} & $3$ & $0$ \\\\ \\hline \\mathrm{规范性文件} & 12 & \\\\ \\hline \\end{tabular} $$\n\\[\n\\begin{array}{|c|c|}\n行政许可 & 1\\,288 \\\\ \\cline{2-2}\n\\multirow{2}{*}{\\makecell{行政\\\\处罚}} & 7 \\\\[2pt]\n\\end{array}\n\\]\n";
        let page = tex_rows(text).expect("changed");
        assert_eq!(
            page.text,
            "二、主动公开\n|规章|3|0|\n|规范性文件|12||\n|行政许可|1 288|\n|行政处罚|7|\n"
        );
        let at = |s: &str| page.source_line_at(page.text.find(s).expect("row"));
        assert_eq!(
            (at("|规章"), at("|规范"), at("|行政许"), at("|行政处")),
            (2, 2, 5, 6)
        );
    }

    /// A `\\` that ends no row of cells (a line break in the narrative) leaves its
    /// text as text; a row opened by `&` but not ended within eight lines is not a row.
    #[test]
    fn no_row_without_cells_and_an_end() {
        let page = tex_rows("第一段\\\\\n第二段\n").expect("changed");
        assert_eq!(page.text, "第一段\n第二段\n");
        let mut text = String::from("甲 & 1\n");
        for _ in 0..8 {
            text.push_str("说明\n");
        }
        text.push_str("乙 \\\\\n");
        let page = tex_rows(&text).expect("changed");
        assert!(page.text.starts_with("甲 & 1\n说明\n"), "{:?}", page.text);
    }

    /// Numbers in inline math inside markdown cells are read as printed.
    #[test]
    fn inline_math_in_cells_is_taken_out() {
        let text = "| 规章 | \\( 3 \\) | $0$ | \\(1,288\\) |\n";
        assert!(has_tex(text));
        let page = tex_rows(text).expect("changed");
        assert_eq!(page.text, "| 规章 |  3  | 0 | 1,288 |\n");
        assert!(has_tex("| 规章 | $0$ | $12$ |\n"));
        assert!(!has_tex("| 规章 | 0 | 12 |\n"));
    }
}
