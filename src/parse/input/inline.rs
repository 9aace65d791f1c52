//! Inline HTML tags in a converter's markdown: PDF-to-markdown tools (pymupdf4llm)
//! underline headings (`## <u>四、政府信息公开行政复议、行政诉讼情况</u>`) and mark
//! a line break inside a table cell with `<br>` (`社会公益组<br>织`). The text is
//! read again with the emphasis tags taken out and each `<br>` closed up between
//! two Chinese characters (a label wrapped in its cell) or made a space elsewhere;
//! a `<br>` between two digits is left as it is, since whether it parts two cells
//! or wraps one number is not known (the row stays unread). Character references
//! that language-model and HTML-to-markdown rewrites leave in cells (`&nbsp;`,
//! `&#12288;`) are read as the spaces they stand for. Lines are kept one for one,
//! so every cell keeps its line.

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

fn is_cjk(c: Option<char>) -> bool {
    c.is_some_and(|c| !c.is_ascii() && c.is_alphabetic())
}

/// One line with its inline tags resolved; `None` when it has none.
fn line_without_tags(line: &str) -> Option<String> {
    if !line.contains(['<', '&']) {
        return None;
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
                    let digits = before.is_some_and(|c| c.is_ascii_digit())
                        && after.is_some_and(|c| c.is_ascii_digit());
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

/// The text with inline tags resolved, line for line, as a [`Page`] whose origins
/// map each line to its own; `None` when no line changed.
pub(crate) fn strip_inline_tags(text: &str) -> Option<Page> {
    super::rewrite_lines(text, line_without_tags)
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
}
