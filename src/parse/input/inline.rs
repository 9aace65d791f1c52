//! Inline HTML tags in a converter's markdown: PDF-to-markdown tools (pymupdf4llm)
//! underline headings (`## <u>四、政府信息公开行政复议、行政诉讼情况</u>`) and mark
//! a line break inside a table cell with `<br>` (`社会公益组<br>织`). The text is
//! read again with the emphasis tags taken out and each `<br>` closed up between
//! two Chinese characters (a label wrapped in its cell) or made a space elsewhere;
//! a `<br>` between two digits is left as it is, since whether it parts two cells
//! or wraps one number is not known (the row stays unread). Character references
//! that language-model and HTML-to-markdown rewrites leave in cells (`&nbsp;`,
//! `&#12288;`) are read as the spaces they stand for. Lines are kept one for one,
//! so every cell keeps its line, but for a table row whose cells stack the rows of
//! a block (`0<br>0<br>2`, [`super::stacked`]): it is written as those rows, each
//! reported at the row's line.

use super::html::Page;

/// Tags that only style text: taken out.
const STYLE: &[&str] = &[
    "u", "b", "i", "em", "strong", "sup", "sub", "span", "font", "mark", "ins", "s",
];

/// Whether the text may hold inline tags (a quick look before the line pass).
pub(crate) fn has_inline_tags(text: &str) -> bool {
    // Every mark opens with `<` or `&`, which most texts never hold: the places of
    // those two bytes are found in one memchr pass and only they are compared (nine
    // whole-text searches, one a mark, were 1.4% of a run's instructions on issue
    // 13's tree, callgrind, where no text holds either byte).
    const MARKS: [&[u8]; 9] = [
        b"<br",
        b"<u>",
        b"</u>",
        b"<b>",
        b"<strong>",
        b"&nbsp;",
        b"&#",
        b"&ensp;",
        b"&emsp;",
    ];
    let b = text.as_bytes();
    memchr::memchr2_iter(b'<', b'&', b).any(|i| MARKS.iter().any(|m| b[i..].starts_with(m)))
}

/// A character reference at the start of `s` that a markdown or HTML-to-text
/// writer left in a cell: its length and the character it stands for. Spaces
/// (`&nbsp;`, `&#12288;`, …) become one space; `&amp;`, `&lt;`, `&gt;`, `&quot;`
/// their character. Others (`&#45;25`, a sign the cell reader knows) stay.
fn entity_at(s: &str) -> Option<(usize, char)> {
    let end = s.bytes().take(12).position(|b| b == b';')?;
    let c = match s.get(1..end)? {
        "nbsp" | "ensp" | "emsp" | "thinsp" | "#160" | "#xa0" | "#xA0" | "#12288" | "#x3000"
        | "#8194" | "#8195" | "#32" | "#x20" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        _ => return None,
    };
    Some((end + 1, c))
}

/// The length of the tag at the start of `s` when it is a `<br>` (any case, `<br/>`,
/// `<br />`), with whether it is one.
fn tag_at(s: &str) -> Option<(usize, bool)> {
    let end = s.find('>')?;
    let inner = s.get(1..end)?;
    if inner.is_empty()
        || inner.len() > 12
        || inner.contains('<')
        || inner.starts_with(|c: char| c.is_whitespace())
    {
        return None;
    }
    let name = inner.trim_start_matches('/').trim_end_matches('/').trim();
    let name = name.split_whitespace().next().unwrap_or("");
    if name.eq_ignore_ascii_case("br") && !inner.starts_with('/') {
        return Some((end + 1, true));
    }
    // A style tag, opening or closing, without attributes beyond a short one.
    if STYLE.iter().any(|t| name.eq_ignore_ascii_case(t)) {
        return Some((end + 1, false));
    }
    None
}

/// Whether `c` is a Chinese character (a letter outside ASCII): a line break
/// between two of them is no space.
pub(super) fn is_cjk(c: Option<char>) -> bool {
    c.is_some_and(|c| !c.is_ascii() && c.is_alphabetic())
}

/// A cell's lines: its text parted at each `<br>`, each trimmed.
fn br_parts(cell: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut at, mut i) = (0, 0);
    while let Some(j) = cell[i..].find('<') {
        let k = i + j;
        match tag_at(&cell[k..]) {
            Some((len, true)) => {
                parts.push(cell[at..k].trim());
                at = k + len;
                i = at;
            }
            _ => i = k + 1,
        }
    }
    parts.push(cell[at..].trim());
    parts
}

/// A markdown table row whose cells hold the rows of a block, one a line parted by
/// `<br>` ([`super::stacked`]), written as those rows, one a line (a cell covered
/// from above left empty); `None` for any other line.
fn unstacked_row(line: &str) -> Option<String> {
    let t = line.trim();
    if !t.starts_with('|') || !t.contains("<br") && !t.contains("<BR") {
        return None;
    }
    let inner = t.strip_prefix('|')?;
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    // Each cell's lines, with the tags that only style text taken out.
    let owned: Vec<Vec<String>> = inner
        .split('|')
        .map(|cell| {
            let mut parts: Vec<String> = br_parts(cell)
                .into_iter()
                .map(|p| {
                    line_without_tags(p).map_or_else(|| p.to_string(), |s| s.trim().to_string())
                })
                .collect();
            if parts.len() == 1 && parts[0].is_empty() {
                parts.clear();
            }
            parts
        })
        .collect();
    let cells: Vec<Vec<&str>> = owned
        .iter()
        .map(|c| c.iter().map(String::as_str).collect())
        .collect();
    let rows = super::stacked::unstack(&cells)?;
    let mut out = String::with_capacity(line.len() + 8 * rows.len());
    for (j, row) in rows.iter().enumerate() {
        if j > 0 {
            out.push('\n');
        }
        out.push('|');
        for c in row {
            out.push(' ');
            out.push_str(c.as_deref().unwrap_or(""));
            out.push_str(" |");
        }
    }
    Some(out)
}

fn is_digit(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// Whether a table row's line holds rows stacked in its cells that do not read
/// as a stack (cells of unequal heights, or a wrap cut the row): two cells of
/// numbers on two lines or more, or one such cell beside a cell of two labels or
/// more (a label's tail wrapped alone, `社会公益组<br>织`, or a row number beside
/// a label, `公开<br>3.`, makes none). Read
/// with its breaks taken out, its labels close up into one text naming two rows
/// and its numbers run on in no known order; the line is left empty instead,
/// and its rows are missing.
fn failed_stack(line: &str) -> bool {
    let t = line.trim();
    let cells: Vec<&str> = if t.contains('|') {
        t.split('|').collect()
    } else if t.contains("<td") || t.contains("<TD") || t.contains("<th") || t.contains("<TH") {
        // An HTML table's row on one line (`<tr><td>行政处罚<br />行政强制</td>…`):
        // its cells are parted by their tags.
        html_cells(t)
    } else {
        return false;
    };
    let cells: Vec<Vec<&str>> = cells
        .into_iter()
        .map(|cell| {
            br_parts(cell)
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect()
        })
        .collect();
    super::stacked::looks_stacked(&cells)
}

/// The cells of an HTML table row written on one line: the text between the
/// tags that open and close `td`, `th` and `tr` (any case, with attributes).
fn html_cells(line: &str) -> Vec<&str> {
    let mut cells = Vec::new();
    let mut at = 0;
    let mut i = 0;
    while let Some(k) = line[i..].find('<').map(|k| i + k) {
        let rest = &line[k..];
        let name = rest
            .trim_start_matches('<')
            .trim_start_matches('/')
            .get(..2)
            .map(str::to_ascii_lowercase);
        let end = rest.find('>').map(|e| k + e + 1);
        match (name.as_deref(), end) {
            (Some("td" | "th" | "tr"), Some(e)) => {
                cells.push(&line[at..k]);
                at = e;
                i = e;
            }
            _ => i = k + 1,
        }
    }
    cells.push(&line[at..]);
    cells
}

/// One line with its inline tags resolved; `None` when it has none.
fn line_without_tags(line: &str) -> Option<String> {
    if !line.contains(['<', '&']) {
        return None;
    }
    if let Some(rows) = unstacked_row(line) {
        return Some(rows);
    }
    if failed_stack(line) {
        return Some(String::new());
    }
    let mut out = String::with_capacity(line.len());
    let mut changed = false;
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        if rest.starts_with('<') {
            if let Some((len, br)) = tag_at(rest) {
                changed = true;
                if br {
                    let before = out.chars().next_back();
                    let after = line[i + len..].chars().next();
                    let digits = is_digit(before) && is_digit(after);
                    if digits {
                        out.push_str(&rest[..len]);
                    } else if !(is_cjk(before) && is_cjk(after)) {
                        out.push(' ');
                    }
                }
                i += len;
                continue;
            }
        }
        if rest.starts_with('&') {
            if let Some((len, c)) = entity_at(rest) {
                changed = true;
                out.push(c);
                i += len;
                continue;
            }
        }
        let Some(c) = rest.chars().next() else { break };
        out.push(c);
        i += c.len_utf8();
    }
    changed.then_some(out)
}

/// The text with inline tags resolved, line for line (a stacked row a wrap cut
/// stands on its first line, the lines it took left empty), as a [`Page`] whose
/// origins map each line to its own; `None` when no line changed.
pub(crate) fn strip_inline_tags(text: &str) -> Option<Page> {
    // A table row of stacked cells that a hard wrap cut (`| 规章<br>规范性文件 | 1<br>8
    // | 0` / `<br>26 | 11<br>66 |`) is joined with the lines that go on with it
    // (sixteen at most) when the joined row is a clean stack; when it is a stack
    // of another shape, all its lines are left empty.
    super::rewrite_spans(text, |lines, i| {
        let t = lines[i].trim();
        // Open: it does not close with `|`, or the next line goes on with no `|`
        // before it (the wrap cut right after a pipe).
        // (A line of the row holds a pipe or a break; prose after the table none.)
        let goes_on_at = |k: usize| {
            lines.get(k).is_some_and(|n| {
                let n = n.trim();
                !n.starts_with(['|', '#']) && (n.contains('|') || n.contains("<br"))
            })
        };
        let goes_on = goes_on_at(i + 1);
        // (The first `<br>` may stand on a later line: `| 2.没有现成…另行制` /
        // `作<br>3.补正后…`.)
        if t.starts_with('|') && (!t.ends_with('|') || goes_on) {
            let mut joined = t.to_string();
            let mut taken = 0;
            // (The next line may open with `|`: the wrap cut right before a
            // cell's pipe. Only a clean stack joined is kept.)
            for next in lines[i + 1..].iter().take(16).map(|l| l.trim()) {
                if next.is_empty() {
                    break;
                }
                joined.push_str(next);
                taken += 1;
                if joined.ends_with('|') && !goes_on_at(i + taken + 1) {
                    break;
                }
            }
            if joined.ends_with('|') && joined.contains("<br") {
                if let Some(rows) = unstacked_row(&joined) {
                    return Some((rows, taken));
                }
                // A stack that does not read as one, over all its lines: each
                // line read alone would read pieces of it as rows.
                if failed_stack(&joined) {
                    return Some((String::new(), taken));
                }
            }
        }
        line_without_tags(lines[i]).map(|s| (s, 0))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_and_lines_stay() {
        let text = "## <u>四、政府信息公开行政复议、行政诉讼情况</u>\n|社会公益组<br>织|2<br>146|a<br/>b|\n正文\n";
        let page = strip_inline_tags(text).expect("changed");
        assert_eq!(
            page.text,
            "## 四、政府信息公开行政复议、行政诉讼情况\n|社会公益组织|2<br>146|a b|\n正文\n"
        );
        assert_eq!(page.origins.len(), 3);
        assert!(strip_inline_tags("no tags <here>\n").is_none());
        // A `<` that opens no tag is kept.
        assert_eq!(line_without_tags("a < b <c>"), None);
        // Spaces written as character references are spaces; a sign written so
        // is left to the cell reader.
        assert_eq!(
            line_without_tags("&#12288;&#12288;1.属于国家秘密 | 3&nbsp;| &#45;2 | a&amp;b")
                .as_deref(),
            Some("  1.属于国家秘密 | 3 | &#45;2 | a&b")
        );
        assert_eq!(line_without_tags("R&D; &nbsp"), None);
    }

    #[test]
    fn a_row_of_stacked_cells_is_written_as_its_rows() {
        let text = "| 1. 属于国家秘密<br>2. 其他法律行政法规禁止公开 | 0<br>3 | <b>1</b><br/>0 |\n| 其他 | 2<br>146 | 5 |\n";
        let page = strip_inline_tags(text).expect("changed");
        assert_eq!(
            page.text,
            "| 1. 属于国家秘密 | 0 | 1 |\n| 2. 其他法律行政法规禁止公开 | 3 | 0 |\n| 其他 | 2<br>146 | 5 |\n"
        );
        // A stack a hard wrap cut is joined, its lines left empty.
        let cut = strip_inline_tags(
            "| 规章<br>行政规范性文件 | １<br>８ | ０\n<br>２６ | １１<br>６６ |\n尾\n",
        )
        .expect("changed");
        assert_eq!(
            cut.text,
            "| 规章 | １ | ０ | １１ |\n| 行政规范性文件 | ８ | ２６ | ６６ |\n\n尾\n"
        );
        assert_eq!(cut.source_line_at(cut.text.find("尾").unwrap()), 3);
        // A wrap that cut right after a pipe: the next lines go on with no pipe
        // before them.
        let cut = strip_inline_tags("| 1.甲<br>2.乙 |\n0<br>6 | 0<br>1 | 0\n<br>32 |\n尾\n")
            .expect("changed");
        assert_eq!(
            cut.text,
            "| 1.甲 | 0 | 0 | 0 |\n| 2.乙 | 6 | 1 | 32 |\n\n\n尾\n"
        );
        // The first break on a later line than the row's first (`| 2.没有现成…另行制`
        // / `作<br>3.补正后…`): the row is joined all the same.
        let cut =
            strip_inline_tags("| 1.甲\n乙<br>2.丙 | 0<br>6 | 0\n<br>1 |\n尾\n").expect("changed");
        assert_eq!(cut.text, "| 1.甲乙 | 0 | 0 |\n| 2.丙 | 6 | 1 |\n\n\n尾\n");
        // A stack of unequal heights a wrap cut: all its lines are left empty.
        let cut = strip_inline_tags("| 1.甲<br>2.乙<br>3.丙 | 0<br>1\n<br>2 | 3<br>4 |\n尾\n")
            .expect("changed");
        assert_eq!(cut.text, "\n\n尾\n");
        // Full-width digits on both sides of a break are digits too: the break
        // stays (one number wrapped, or two numbers: the readers ask the sums).
        assert_eq!(
            line_without_tags("| 规章 | １<br>８ | ０ |").as_deref(),
            Some("| 规章 | １<br>８ | ０ |")
        );
        // A stack that does not read as one (a cell of one line among them) is
        // left empty: its labels would close up into one text naming two rows.
        assert_eq!(
            line_without_tags("| 规章<br>行政规范性文件 | １<br>８ | ０ |").as_deref(),
            Some("")
        );
        assert_eq!(
            line_without_tags("| 0<br>2 | 0 | 0<br>5").as_deref(),
            Some("")
        );
        // An HTML row on one line whose cells stack rows that do not pair: its
        // cells are parted by their tags, and the line is left empty.
        assert_eq!(
            line_without_tags(
                "<tr><td>行政处罚<br />行政强制</td><td>3985758<br />88283</td><td>7</td></tr>"
            )
            .as_deref(),
            Some("")
        );
        assert_eq!(
            html_cells("<tr><td>a<br>b</td><TD class=\"x\">1</TD></tr>"),
            ["", "", "a<br>b", "", "1", "", ""]
        );
        // pymupdf4llm's rows: a number wrapped in its cell, a row number beside a
        // wrapped label.
        assert_eq!(
            line_without_tags("|一、本年新收|118|1|2<br>146|").as_deref(),
            Some("|一、本年新收|118|1|2<br>146|")
        );
        assert_eq!(
            line_without_tags("|（三）不予<br>公开<br>3.|危及“三安全一稳<br>定”|4|0|").as_deref(),
            Some("|（三）不予公开 3.|危及“三安全一稳定”|4|0|")
        );
        // Both rows come from the text's first line.
        assert_eq!(page.origins.len(), 2);
        assert_eq!(page.source_line_at(page.text.find("2. 其他").unwrap()), 1);
    }
}
