//! Which layout a table region has, from statistics of its lines (one pass over
//! each line's bytes): the per-layout reader of [`crate::parse::cells`] cuts the
//! region into cells by it, and it is the `layout` column.

use crate::model::value::empty_mark_len;
use crate::parse::cells::{is_page_number, may_start_page_number, Layout};
use crate::parse::lines::LineIndex;

/// Picks the layout from line statistics of the region.
/// Whether `t` holds seven digits or more in a row that are not an amount (not
/// followed by a decimal point or a money unit): cells run together.
fn long_digit_run(t: &str) -> bool {
    let b = t.as_bytes();
    let mut run = 0;
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_digit() {
            run += 1;
            continue;
        }
        if run >= 7 && !(c == b'.' || t[i..].starts_with('元') || t[i..].starts_with('万')) {
            return true;
        }
        run = 0;
    }
    run >= 7
}

pub fn detect(text: &str, start: usize, end: usize, li: &LineIndex) -> Option<Layout> {
    // Cells joined by commas (a spreadsheet or CSV export): one row per line, whose
    // invented headers (`数据1`) are no glued digits.
    // A run of seven digits or more that is no amount is glued cells.
    if crate::parse::tokens::csv_region(text, start, end, li).is_some()
        && !long_digit_run(&text[start..end])
    {
        return Some(Layout::RowPerLine);
    }
    let mut nonempty = 0usize;
    let mut pipe = 0usize;
    let mut tab_lead = 0usize;
    let mut tab_mid = 0usize;
    let mut aligned = 0usize;
    let mut glued = 0usize;
    let mut digit_lines = 0usize;
    let mut tab_digit_lines = 0usize;
    // The previous line with content, while no blank line followed it.
    let mut prev: Option<&str> = None;
    let mut long_glued_line = false;
    let mut gaps_blank = 0usize;
    let mut gaps_tight = 0usize;
    let mut blank_run = 0usize;
    let mut seen = false;
    for (_, line) in li.lines(text, start, end) {
        let f = LineFacts::of(line);
        if !f.content {
            prev = None;
            blank_run += 1;
            continue;
        }
        // Only a line starting with `-` or `第` (E7 …) can be a page number.
        if may_start_page_number(f.first) && is_page_number(line, li) {
            continue;
        }
        if seen {
            if blank_run > 0 {
                gaps_blank += 1;
            } else {
                gaps_tight += 1;
            }
        }
        seen = true;
        blank_run = 0;
        nonempty += 1;
        pipe += usize::from(f.pipe);
        if f.lead_tab && !f.mid_tab {
            tab_lead += 1;
        } else if f.mid_tab {
            tab_mid += 1;
        }
        aligned += usize::from(f.space_gap);
        // `| 类别 | 数据1 | 数据2 |`: a header row of invented column words, whose
        // digits are neither numbers nor glued cells (a frame's or a spaced
        // table's rows under such headers would otherwise count as glued).
        if f.digit_after_wide
            && !f.cell_digit
            && if f.pipe {
                header_words_only(line)
            } else {
                spaced_header_words_only(line)
            }
        {
            prev = Some(line);
            continue;
        }
        digit_lines += usize::from(f.digit);
        tab_digit_lines += usize::from(f.cell_digit);
        // A line that starts with digits and goes on with Han characters, right
        // after a line that ended in one: glued text that a wrap cut there.
        let wrapped = f.first.is_ascii_digit() && prev.is_some_and(ends_wide) && {
            let t = line.trim_start();
            let d = t.bytes().take_while(u8::is_ascii_digit).count();
            let rest = t[d..].trim_start_matches(' ');
            // `0 件 0 件 …`: a row of numbers with their unit, not glued text.
            rest.chars().next().is_some_and(is_han) && !unit_then_space(rest)
        };
        prev = Some(line);
        let g = if f.digit_after_wide || wrapped {
            glued_joins(line, wrapped)
        } else {
            0
        };
        // `规章无无无`: a row whose cells are all empty, printed as marks.
        let g = g + usize::from(ends_in_glued_marks(line));
        glued += g;
        if g >= 3 {
            long_glued_line = true;
        }
    }
    if nonempty == 0 {
        return None;
    }
    Some(
        if glued >= 1 && tab_digit_lines == 0 && glued * 4 >= digit_lines * 3 {
            // Headers on TAB-indented lines or between pipes, and no number after a
            // TAB or a pipe: the rows are glued (`规章000`).
            Layout::Glued
        } else if pipe * 3 >= nonempty {
            Layout::Pipe
        } else if tab_lead * 2 >= nonempty {
            Layout::TabCells
        } else if tab_mid * 3 >= nonempty {
            Layout::RowPerLine
        } else if long_glued_line
        || glued * 4 >= nonempty.max(4)
        // Glued text that a wrap cut into short lines, with the narrative after
        // it (its heading run into the table's last line): the lines that hold
        // digits are what tells.
        || glued * 4 >= digit_lines.max(4)
        {
            Layout::Glued
        } else if aligned * 4 >= nonempty {
            Layout::SpaceAligned
        } else if gaps_blank > gaps_tight {
            Layout::BlankLineCells
        } else {
            Layout::NewlineCells
        },
    )
}

/// What layout detection needs to know of one line, read in one pass over its
/// bytes.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct LineFacts {
    /// Anything but spaces, TABs, CR and form feeds.
    content: bool,
    /// The first byte of content (0 when there is none).
    first: u8,
    pipe: bool,
    /// An ASCII digit anywhere.
    digit: bool,
    /// A digit that opens a cell: right after a `|` or a TAB, spaces between
    /// (`| 12 |`, not the `1` of an invented header `| 数据1 |`).
    cell_digit: bool,
    /// An ASCII digit right after `)` or a three-byte character that may be Han
    /// (opening with E3 to E9) or `）`: what a glued join needs, so that
    /// [`glued_joins`] runs only on lines that may have one (not on a number after
    /// U+00A0).
    digit_after_wide: bool,
    /// Starts with a TAB.
    lead_tab: bool,
    /// A TAB between two stretches of content.
    mid_tab: bool,
    /// A run of 2+ spaces (or of U+3000) between two stretches of content.
    space_gap: bool,
}

impl LineFacts {
    fn of(line: &str) -> LineFacts {
        let b = line.as_bytes();
        let mut f = LineFacts {
            lead_tab: b.first() == Some(&b'\t'),
            ..LineFacts::default()
        };
        let (mut spaces, mut gap_open, mut tab_open) = (0usize, false, false);
        // A `|` or a TAB, and nothing but spaces since.
        let mut after_sep = false;
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            match c {
                b' ' => {
                    // A run of spaces at once (space-aligned columns are runs).
                    let run = b[i..].iter().take_while(|&&x| x == b' ').count();
                    spaces += run;
                    gap_open |= f.content && spaces >= 2;
                    i += run;
                }
                // U+3000 (E3 80 80) counts as two spaces.
                0xe3 if b.get(i + 1..i + 3) == Some(&[0x80, 0x80]) => {
                    spaces += 2;
                    gap_open |= f.content;
                    i += 3;
                }
                b'\t' => {
                    spaces = 0;
                    tab_open |= f.content;
                    after_sep = true;
                    i += 1;
                }
                b'\r' | 0x0c => {
                    spaces = 0;
                    i += 1;
                }
                _ => {
                    if !f.content {
                        f.first = c;
                    }
                    f.content = true;
                    f.space_gap |= gap_open;
                    f.mid_tab |= tab_open;
                    gap_open = false;
                    tab_open = false;
                    spaces = 0;
                    f.pipe |= c == b'|';
                    f.digit |= c.is_ascii_digit();
                    f.cell_digit |= after_sep && c.is_ascii_digit();
                    after_sep = c == b'|';
                    f.digit_after_wide |= c.is_ascii_digit()
                        && i > 0
                        && (b[i - 1] == b')'
                            || i >= 3
                                && (matches!(b[i - 3], 0xe3..=0xe9)
                                    || b[i - 3..i] == [0xef, 0xbc, 0x89]));
                    // The bytes after it that change nothing (most of a line of
                    // text) are passed over in a tight loop.
                    i += 1;
                    let at = i;
                    while let Some(&x) = b.get(i) {
                        // A Han character (led by E4–E9) in one step: its two
                        // continuation bytes are plain too.
                        if (0xe4..=0xe9).contains(&x) {
                            i += 3;
                        } else if PLAIN[usize::from(x)] {
                            i += 1;
                        } else {
                            break;
                        }
                    }
                    // Content passed over parts a separator from a digit after it.
                    after_sep &= i == at;
                }
            }
        }
        f
    }
}

/// Bytes that, after a content byte, change none of [`LineFacts`]: anything but
/// spaces, TAB, CR, form feed, `|`, digits (a digit may follow a wide character)
/// and E3 (the lead byte of U+3000).
const PLAIN: [bool; 256] = {
    let mut t = [true; 256];
    let special = [b' ', b'\t', b'\r', 0x0c, b'|', 0xe3];
    let mut i = 0;
    while i < special.len() {
        t[special[i] as usize] = false;
        i += 1;
    }
    let mut d = b'0';
    while d <= b'9' {
        t[d as usize] = false;
        d += 1;
    }
    t
};

/// Where the one to three Han characters (three bytes led by E4–E9) right
/// before byte `i` of `b` start; `None` for none or more.
fn han_word_before(b: &[u8], i: usize) -> Option<usize> {
    let mut k = i;
    let mut han = 0;
    while k >= 3 && (0xe4..=0xe9).contains(&b[k - 3]) {
        k -= 3;
        han += 1;
    }
    (1..=3).contains(&han).then_some(k)
}

/// Whether every digit of a piped line ends a short word of its cell (`数据1 |`):
/// one or two digits right after one to three Han characters that open the cell,
/// with only spaces between them and the next pipe. (`| 予以公开290 |` is a label
/// with its number glued.)
pub(crate) fn header_words_only(line: &str) -> bool {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // One to three Han characters right before the run, after a pipe and
        // spaces.
        let Some(mut k) = han_word_before(b, i) else {
            return false;
        };
        while k > 0 && b[k - 1] == b' ' {
            k -= 1;
        }
        if k == 0 || b[k - 1] != b'|' {
            return false;
        }
        let at = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i - at > 2 {
            return false;
        }
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        if b.get(i) != Some(&b'|') {
            return false;
        }
    }
    true
}

/// The same for a line whose cells a converter joined with spaces or TABs
/// (`类别 数据1 数据2 … 总计`, a markdown table's invented header collapsed): every
/// digit run is one or two digits right after one to three Han characters that
/// follow the line's start, a space or a TAB, and before a space, a TAB or the
/// end; and there are two such words at least (`总计12` alone is a label with its
/// number glued).
pub(crate) fn spaced_header_words_only(line: &str) -> bool {
    let b = line.as_bytes();
    let mut words = 0;
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let Some(k) = han_word_before(b, i) else {
            return false;
        };
        if k > 0 && !matches!(b[k - 1], b' ' | b'\t') {
            return false;
        }
        let at = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i - at > 2 || !matches!(b.get(i), None | Some(b' ' | b'\t' | b'\r')) {
            return false;
        }
        words += 1;
    }
    words >= 2
}

/// Whether `line` ends in a Han character or a closing bracket.
fn ends_wide(line: &str) -> bool {
    line.trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| is_han(c) || matches!(c, '）' | ')'))
}

/// How many places in `line` have a Han character immediately followed by a digit
/// that does not start a date or an enumerator: the mark of glued cells.
/// Whether `s` opens with a unit of the cell grammar (`件`, `万元`) that ends its
/// cell: a space, a TAB or the line's end after it.
fn unit_then_space(s: &str) -> bool {
    ["万元", "件", "项", "个", "条", "元"].iter().any(|u| {
        s.strip_prefix(u)
            .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t']))
    })
}

fn glued_joins(line: &str, after_han: bool) -> usize {
    let mut n = 0;
    let mut prev_han = after_han;
    // The two characters before this one: `0注1` is a number with its footnote's
    // mark (`注1`), no cells glued.
    let (mut before, mut prev) = (' ', ' ');
    for (i, c) in line.char_indices() {
        let footnote = prev == '注' && (before.is_ascii_digit() || ('０'..='９').contains(&before));
        (before, prev) = (prev, c);
        if prev_han && c.is_ascii_digit() && !footnote {
            let rest = &line[i..];
            let digits = rest.bytes().take_while(|b| b.is_ascii_digit()).count();
            let mut after = rest[digits..].chars();
            let next = after.next();
            // `00000002.其他…`: a run of a row's cells glued to the next label's
            // enumerator (one or two digits); `1.其他` alone is an enumerator.
            let run_then_enumerator = digits > 2
                && matches!(next, Some('.' | '、' | '．'))
                && after.next().is_some_and(is_han);
            if run_then_enumerator
                || !matches!(
                    next,
                    Some('年' | '月' | '日' | '.' | '、' | '．' | '号' | '时')
                )
            {
                n += 1;
            }
        }
        prev_han = is_han(c) || matches!(c, '）' | ')');
    }
    n
}

/// Whether `line` ends in two empty-cell marks or more glued to a Han character or
/// a closing bracket or quote (`规章无无无`, `行政强制——`): a glued row whose cells are all
/// empty.
fn ends_in_glued_marks(line: &str) -> bool {
    // Asked of every line of every table region, nearly all of which end with a
    // digit or a character that is no mark: told by the last character's bytes
    // before the line is trimmed and decoded (a Unicode `trim_end` per line was 1%
    // of a parse, callgrind). A last character that opens with C2, E1, E2 or E3
    // may be a space (U+00A0, U+3000, …) and is looked at in full.
    let b = line.as_bytes();
    let end = b
        .iter()
        .rposition(|&x| !matches!(x, b' ' | b'\t'..=b'\r'))
        .map_or(0, |i| i + 1);
    let Some(lead) = b[..end].iter().rposition(|&x| x & 0xc0 != 0x80) else {
        return false;
    };
    let may_end_in_mark = match b[lead] {
        x if x < 0x80 => matches!(x, b'-' | b'/'),
        0xc2 | 0xe1 | 0xe2 | 0xe3 => true,
        _ => crate::model::value::mark_len_bytes(&b[lead..end]) > 0,
    };
    if !may_end_in_mark {
        return false;
    }
    let mut rest = line.trim_end();
    let mut n = 0;
    while let Some(c) = rest.chars().next_back() {
        let at = rest.len() - c.len_utf8();
        if empty_mark_len(&rest[at..]) == 0 {
            return n >= 2 && (is_han(c) || crate::parse::cells::closes_label(c));
        }
        n += 1;
        rest = &rest[..at];
    }
    false
}

pub(crate) fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row of numbers with their units after a header that ends in a Han
    /// character is no glued text a wrap cut (`0 件 0 件 …`); `12件行政许可` is.
    #[test]
    fn numbers_with_units_after_a_header_are_not_glued() {
        let d = |t: &str| detect(t, 0, t.len(), &LineIndex::new(t));
        let row = "维持 纠正 结果 审结 计\n0 件 0 件 0 件 0 件 0 件\n";
        assert_ne!(d(row), Some(Layout::Glued));
        assert!(unit_then_space("件 0 件"));
        assert!(unit_then_space("万元"));
        assert!(!unit_then_space("件数"));
        assert!(!unit_then_space("件行政许可"));
        assert_eq!(d("维持纠正结果\n12件行政许可3件\n"), Some(Layout::Glued));
    }

    #[test]
    fn line_facts() {
        let f = |s: &str| {
            let f = LineFacts::of(s);
            [
                f.content,
                f.pipe,
                f.digit_after_wide,
                f.lead_tab,
                f.mid_tab,
                f.space_gap,
            ]
        };
        assert_eq!(f(""), [false; 6]);
        assert_eq!(
            f(" \t\u{3000}\r"),
            [false, false, false, false, false, false]
        );
        assert_eq!(f("\t规章"), [true, false, false, true, false, false]);
        assert_eq!(f("行政许可\t29"), [true, false, false, false, true, false]);
        assert_eq!(f("行政许可  29"), [true, false, false, false, false, true]);
        // A digit after a character that may be Han counts (U+3000 opens with E3
        // too), after U+00A0 not; glued_joins looks closer.
        assert_eq!(f("\u{a0}0"), [true, false, false, false, false, false]);
        assert_eq!(f("其他\u{a0}0"), [true, false, false, false, false, false]);
        assert_eq!(
            f("行政许可\u{3000}29"),
            [true, false, true, false, false, true]
        );
        assert_eq!(f("行政许可 29"), [true, false, false, false, false, false]);
        assert_eq!(f("行政许可29"), [true, false, true, false, false, false]);
        assert_eq!(f("（七）总计29"), [true, false, true, false, false, false]);
        assert_eq!(f("(七)29"), [true, false, true, false, false, false]);
        assert_eq!(f("2019年29"), [true, false, true, false, false, false]);
        assert_eq!(f("abc29"), [true, false, false, false, false, false]);
        assert_eq!(f("规章|29|"), [true, true, false, false, false, false]);
        assert_eq!(f("规章。、 "), [true, false, false, false, false, false]);
        // A digit that opens a cell, after a pipe or a TAB and spaces.
        let cell = |s: &str| LineFacts::of(s).cell_digit;
        assert!(cell("规章|29|"));
        assert!(cell("| 规章 |  29 |"));
        assert!(cell("规章\t 0"));
        assert!(!cell("| 类别 | 数据1 | 数据2 |"));
        assert!(!cell("|---|---|"));
        assert!(!cell("| - | - |"));
        assert!(!cell("规章 29"));
        assert!(!cell("行政许可29"));
    }

    /// A markdown table's header rows (with invented `数据1` … `数据6`) over rows
    /// glued to their labels: glued, the header's digits open no cell.
    #[test]
    fn glued_rows_under_a_markdown_header_with_numbered_words() {
        let t = "### 一、本年新收政府信息公开申请数量\n| 类别 | 数据1 | 数据2 | 数据3 | 总计 |\n|---|---|---|---|---|\n本年新收政府信息公开申请数量70530050713\n\n### 二、上年结转政府信息公开申请数量\n| 类别 | 数据1 | 数据2 | 数据3 | 总计 |\n|---|---|---|---|---|\n上年结转政府信息公开申请数量360000036\n";
        assert_eq!(detected(t), Some(Layout::Glued));
        // Numbers in the cells: a pipe table.
        let t = "| 类别 | 数据1 | 数据2 |\n|---|---|---|\n| 本年新收 | 705 | 3 |\n| 上年结转 | 36 | 0 |\n";
        assert_eq!(detected(t), Some(Layout::Pipe));
    }

    fn detected(text: &str) -> Option<Layout> {
        detect(text, 0, text.len(), &LineIndex::new(text))
    }

    #[test]
    fn glued_text_cut_into_short_lines_is_still_glued() {
        // A wrap at 24 columns: the runs glued to the next enumerator
        // (`00000002.其`) and the digits that open a line after a Han character
        // tell, not the lines without digits.
        let wrapped = "于四类过程性信息\n00000007.属于行政执法案\n卷00000008.属于行政查询\n事项0000000三、本年度办\n理结果（四）无法提供1.本\n机关不掌握相关政府信息\n40000042.没有现成信息需\n要另行制作00000003.补正\n后申请内容仍不明确\n3000003（五）不予处理1.\n";
        assert_eq!(detected(wrapped), Some(Layout::Glued));
        // The heading of 五 run into the last line of 四, the narrative after it.
        let four = "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计\n000000000000000 五、存在的主要问题\n本段为正文叙述内容\n本段为正文叙述内容\n本段为正文叙述内容\n本段为正文叙述内容\n";
        assert_eq!(detected(four), Some(Layout::Glued));
        // A label on its line and its numbers on the next ones is no glued text.
        let newline = "规章\n0\n0\n738\n规范性文件\n0\n2842\n13\n";
        assert_eq!(detected(newline), Some(Layout::NewlineCells));
        let enumerated = "（三）不予公开\n1.属于国家秘密\n0 0 0 0 0 0 0\n2.其他法律行政法规禁止公开\n0 0 0 0 0 0 0\n";
        assert_ne!(detected(enumerated), Some(Layout::Glued));
    }

    /// Rows spaced into columns under markdown headers of invented column words
    /// (`| 类别 | 数据1 | 数据2 |`): the words' digits are no glued cells. Glued
    /// rows under the same headers are still glued.
    #[test]
    fn invented_header_words_are_no_glued_cells() {
        let head = "| 类别 | 数据1 | 数据2 | 数据3 |\n|---|---|---|---|\n";
        let spaced = format!("{head}\n      0    1  2  3\n0  予以公开  290  1  0\n{head}\n      0    1  2  3\n0  部分公开  99  0  0\n");
        assert_ne!(detected(&spaced), Some(Layout::Glued));
        let glued = format!("{head}予以公开29010\n{head}部分公开9900\n");
        assert_eq!(detected(&glued), Some(Layout::Glued));
        assert!(header_words_only("| 类别 | 数据1 | 数据2  |"));
        assert!(!header_words_only("| 予以公开 | 290 |"));
        assert!(!header_words_only("| 予以公开290 | 数据1 |"));
        assert!(!header_words_only("| 规章 | 公开12 |  行政许可5 |"));
        assert!(spaced_header_words_only(
            "类别 数据1 数据2 数据3 数据4 数据5 数据6 总计"
        ));
        assert!(spaced_header_words_only("类别\t数据1\t数据2"));
        // A label with its number glued, alone or among numbers, is no header.
        assert!(!spaced_header_words_only("总计12"));
        assert!(!spaced_header_words_only("予以公开 290 1 0 0 3 0 294"));
        assert!(!spaced_header_words_only("规章00 规范性文件77"));
        assert!(!spaced_header_words_only("数据1 数据123"));
    }

    /// The look at a line's last bytes gives what the whole look gives.
    #[test]
    fn glued_marks_at_a_line_end() {
        for (line, want) in [
            ("规章无无无", true),
            ("规章无无无 \r", true),
            ("规章无无无\u{3000}", true),
            ("行政强制——", true),
            ("3.危及“三安全一稳定”——\u{a0}", true),
            ("规章--", true),
            ("规章//", true),
            ("规章－－", true),
            ("规章无", false),
            ("无无", false),
            ("12无无", false),
            ("规章无无无7", false),
            ("规章 ", false),
            ("", false),
            ("   ", false),
            ("\u{3000}", false),
            ("规章无无无\u{2003}\u{85}", true),
        ] {
            assert_eq!(ends_in_glued_marks(line), want, "{line:?}");
        }
    }

    /// Headers on TAB-indented lines and rows glued to their labels (`规章000`,
    /// `规章无无无`): glued, not TAB cells; with a number after a TAB, TAB cells.
    #[test]
    fn glued_rows_under_tab_headers() {
        let glued =
            "\t信息内容\n\t本年新\n制作数量\n\t对外公开总数量\n\n规章000\n\n规范性文件无无无\n";
        assert_eq!(detected(glued), Some(Layout::Glued));
        let tabs =
            "\t信息内容\n\t本年新\n制作数量\n\t对外公开总数量\n\n\t规章\n\t0\n\t规范性文件\n\t1\n";
        assert_eq!(detected(tabs), Some(Layout::TabCells));
    }
}
