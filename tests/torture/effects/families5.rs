//! The fifth round of converter families: marks of footnotes printed after numbers,
//! and words for an empty cell.
//!
//! A report that explains a figure in a note marks it (`12①`, `3※`, `5注`, `7²`,
//! `0[1]`), and every converter keeps the mark beside the number, in the number's
//! cell. The truth stays the truth: the number is the cell's value, the mark is not.

use super::{blocks, families::rfind_cell, families::zeros_as, join, Block, Rand};
use rand::Rng;

/// The marks a footnote is printed with after a number, as report writers use them.
pub const MARKS: &[&str] = &[
    "①",
    "②",
    "③",
    "⑴",
    "※",
    "*",
    "＊",
    "†",
    "‡",
    "注",
    "注1",
    "注②",
    "¹",
    "²",
    "[1]",
    "［2］",
    "【注】",
    "（注）",
    "(注1)",
];

/// The number of a cell without the footnote mark after it, if it has one of
/// [`MARKS`].
pub fn without_mark(cell: &str) -> &str {
    // Every mark that ends the cell is tried: `0注②` ends in `②` too, and
    // without it (`0注`) is no number, while without `注②` it is.
    MARKS
        .iter()
        .filter_map(|m| cell.strip_suffix(m))
        .find(|c| c.ends_with(|ch: char| ch.is_ascii_digit()))
        .unwrap_or(cell)
}

/// About one table row in five gets a footnote mark after one of its numbers:
/// one mark for the whole text, or (one text in three) a mark drawn per cell.
/// Labels, separators and the other cells stay as printed.
pub fn footnote_marks(src: &str, rng: &mut Rand) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let mut out: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
    let per_cell = rng.gen_ratio(1, 3);
    let one = MARKS[rng.gen_range(0..MARKS.len())];
    for b in blocks(&lines) {
        let Block::Row(r) = b else { continue };
        if !rng.gen_ratio(1, 5) {
            continue;
        }
        let nums: Vec<usize> = (0..r.cells.len())
            .filter(|&k| {
                super::is_num(&r.cells[k])
                    && r.cells[k].trim().ends_with(|c: char| c.is_ascii_digit())
            })
            .collect();
        if nums.is_empty() {
            continue;
        }
        let pick = nums[rng.gen_range(0..nums.len())];
        let mark = if per_cell {
            MARKS[rng.gen_range(0..MARKS.len())]
        } else {
            one
        };
        // The cells from the last to `pick`, found from the end of the row's lines
        // (a cell's text may stand in its label too).
        let mut later = r.cells[pick..]
            .iter()
            .rev()
            .filter(|c| !c.trim().is_empty());
        let mut cell = later.next();
        let mut left = r.cells[pick..]
            .iter()
            .filter(|c| !c.trim().is_empty())
            .count();
        'lines: for li in (r.first..=r.last).rev() {
            let mut before = out[li].len();
            while let Some(c) = cell {
                let Some(at) = rfind_cell(&out[li], c.trim(), before) else {
                    break;
                };
                left -= 1;
                if left == 0 {
                    out[li].insert_str(at + c.trim().len(), mark);
                    break 'lines;
                }
                before = at;
                cell = later.next();
            }
        }
    }
    join(out)
}

/// Words a cell prints for nothing: a spreadsheet's or a script's (`N/A`, `#N/A`,
/// `NaN`, `None`, `null`), a writer's (`不适用`, `暂无`, `（空）`, `×`).
pub const NA_WORDS: &[&str] = &[
    "N/A",
    "n/a",
    "NA",
    "#N/A",
    "NaN",
    "nan",
    "None",
    "null",
    "NULL",
    "不适用",
    "暂无",
    "（空）",
    "(空)",
    "×",
];

/// Every cell that holds 0 printed as one of [`NA_WORDS`] (one for the text, or
/// one in four texts a word drawn per cell), as a spreadsheet export or a
/// language model's rewrite prints an empty cell. The truth of those cells is
/// then empty, as with the dash_empty effect.
pub fn na_words(src: &str, rng: &mut Rand) -> String {
    zeros_as(src, rng, NA_WORDS)
}

/// The invisible format characters web pages, word processors and PDF converters
/// leave in text: zero-width space, soft hyphen, word joiner, zero-width
/// non-joiner and joiner, a left-to-right mark, a byte-order mark.
pub const INVISIBLE: &[char] = &[
    '\u{200b}', '\u{ad}', '\u{2060}', '\u{200c}', '\u{200d}', '\u{200e}', '\u{feff}',
];

/// Whether `c` is one of [`INVISIBLE`].
pub fn is_invisible(c: char) -> bool {
    INVISIBLE.contains(&c)
}

/// Invisible characters put between the characters of the text, inside labels,
/// headings and numbers alike (`规\u{ad}章`, `37\u{200b}551661.7`), at a rate drawn
/// per text (one character in 8 to 40): one kind for the whole text, or (one text
/// in three) a kind drawn per place. A reader of the page sees the text unchanged,
/// so its truth is the truth.
pub fn invisible_chars(src: &str, rng: &mut Rand) -> String {
    let per_place = rng.gen_ratio(1, 3);
    let one = INVISIBLE[rng.gen_range(0..INVISIBLE.len())];
    let every = rng.gen_range(8..=40u32);
    let mut out = String::with_capacity(src.len() + src.len() / 4);
    for c in src.chars() {
        out.push(c);
        if c != '\n' && rng.gen_ratio(1, every) {
            out.push(if per_place {
                INVISIBLE[rng.gen_range(0..INVISIBLE.len())]
            } else {
                one
            });
        }
    }
    out
}

/// Counts printed with their unit in the wide rows of sections 三 and 四 (`31件`,
/// or a space before it, `31 件`, as an OCR engine or a converter that set the
/// unit as a run of its own prints it): on every line of six numbers or more that
/// stand as cells of their own (between spaces, TABs, pipes or commas), each gets
/// `件` after it, glued or a space apart (one way for the text, or one text in
/// three a way per cell). A table tool's column numbers (`0 1 2 3 4 5 6`) and
/// glued text are left alone: no converter gives them units.
pub fn units_after(src: &str, rng: &mut Rand) -> String {
    let mixed = rng.gen_ratio(1, 3);
    let spaced = rng.gen_ratio(1, 2);
    let mut out = String::with_capacity(src.len() + src.len() / 8);
    for (k, line) in src.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        let cells = standing_numbers(line);
        let values: Vec<u64> = cells
            .iter()
            .filter_map(|&(a, b)| line[a..b].parse().ok())
            .collect();
        let counting = values.windows(2).all(|w| w[1] == w[0] + 1);
        // A whole text on one line (one_line) is no table row.
        let long = line.chars().count() > 200;
        // A line of glued text (a crawler's, `其他处理0 0 0 00`) holds runs of
        // several cells' digits: no unit goes after a run.
        let glued = line
            .chars()
            .zip(line.chars().skip(1))
            .any(|(a, b)| a >= '\u{4e00}' && b.is_ascii_digit());
        if cells.len() < 6 || counting || glued || long {
            out.push_str(line);
            continue;
        }
        let mut at = 0;
        for &(_, b) in &cells {
            out.push_str(&line[at..b]);
            let space = if mixed { rng.gen_ratio(1, 2) } else { spaced };
            out.push_str(if space { " 件" } else { "件" });
            at = b;
        }
        out.push_str(&line[at..]);
    }
    out
}

/// The byte ranges of the whole numbers of `line` that stand as cells: digits with
/// the line's start, a space, a TAB, a pipe or a comma on each side, but no
/// digit on the comma's other side (`447,228` is one number in groups).
fn standing_numbers(line: &str) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    let bound_at = |i: Option<usize>, step: isize| {
        let Some(i) = i else { return true };
        match b.get(i) {
            None => true,
            Some(b' ' | b'\t' | b'|') => true,
            Some(b',') => {
                let next = (i as isize + step) as usize;
                !b.get(next).is_some_and(u8::is_ascii_digit)
            }
            Some(_) => false,
        }
    };
    let mut cells = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || bound_at(Some(i - 1), -1)) {
            let end = i + b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            // A decimal part or a group after a comma: no cell of its own.
            if bound_at(Some(end), 1) && !matches!(b.get(end), Some(b'.')) {
                cells.push((i, end));
            }
            i = end;
        } else {
            i += 1;
        }
    }
    cells
}

/// Page breaks inside the tables as a PDF converter prints them: the footer of
/// one page, a page of a total (`3/12`, `- 3/12 -`, `第3页 共12页`, `— 3 —`, one
/// shape for the text), then a form feed and the next page's header, the
/// report's title printed again (its first line naming a 年度报告, where it has
/// one). After the first row and about one row in four after it; the pages in
/// order.
pub fn page_headers(src: &str, rng: &mut Rand) -> String {
    let title: Option<String> = src
        .lines()
        .find(|l| l.contains("年度报告") && l.chars().count() <= 60 && !l.contains('。'))
        .map(|l| l.trim().to_string());
    let shape = rng.gen_range(0..4);
    let total = rng.gen_range(20..=40u32);
    let mut page = rng.gen_range(1..=3u32);
    let mut first = true;
    super::render(
        src,
        |r, lines| {
            let mut v = super::keep(r, lines);
            if first || rng.gen_ratio(1, 4) {
                v.push(match shape {
                    0 => format!("{page}/{total}"),
                    1 => format!("- {page}/{total} -"),
                    2 => format!("第{page}页 共{total}页"),
                    _ => format!("— {page} —"),
                });
                if let Some(t) = &title {
                    v.push(format!("\u{c}{t}"));
                }
                page = (page + 1).min(total);
            }
            first = false;
            v
        },
        |l| vec![l.to_string()],
    )
}
