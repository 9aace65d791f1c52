//! Tables printed as list literals: a researcher's script that extracts a PDF's
//! tables (pdfplumber's `extract_tables`, camelot, a language model asked for
//! JSON) and prints them writes each row as a Python or JSON list
//! (`['（一）予以公开', '7', '0', None]`, `["规章", 0, 0, 0]`), or a whole table as
//! a list of rows on one line. The text is read again with each row of such a
//! list written as a line of TAB-separated cells (`None`, `null` and `nan` empty),
//! every row reported at the line its list stands on. A line that is not wholly
//! a list of strings, numbers and empty values stays as it is.

use super::html::Page;
use nom::branch::alt;
use nom::bytes::complete::{escaped_transform, is_not, tag};
use nom::character::complete::{char, multispace0};
use nom::combinator::{map, opt, value, verify};
use nom::multi::separated_list0;
use nom::sequence::{delimited, preceded, terminated};
use nom::IResult;

/// A list or one item of it.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Text(String),
    Empty,
    List(Vec<Item>),
}

/// A quoted string, `'…'` or `"…"`, with backslash escapes.
fn quoted(q: char) -> impl FnMut(&str) -> IResult<&str, String> {
    move |s| {
        let stop = if q == '\'' { "'\\" } else { "\"\\" };
        delimited(
            char(q),
            map(
                opt(escaped_transform(
                    is_not(stop),
                    '\\',
                    alt((
                        value("\\", tag("\\")),
                        value("'", tag("'")),
                        value("\"", tag("\"")),
                        value(" ", tag("n")),
                        value(" ", tag("t")),
                        value(" ", tag("r")),
                    )),
                )),
                Option::unwrap_or_default,
            ),
            char(q),
        )(s)
    }
}

/// A number written bare (`0`, `-3`, `4068.208`).
fn bare_number(s: &str) -> IResult<&str, String> {
    map(
        verify(
            nom::bytes::complete::take_while1(|c: char| {
                c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '.' | '-' | '+')
            }),
            |t: &str| {
                t.chars()
                    .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            },
        ),
        str::to_string,
    )(s)
}

fn item(s: &str) -> IResult<&str, Item> {
    preceded(
        multispace0,
        alt((
            map(list, Item::List),
            map(quoted('\''), Item::Text),
            map(quoted('"'), Item::Text),
            value(
                Item::Empty,
                alt((tag("None"), tag("null"), tag("nan"), tag("NaN"))),
            ),
            map(bare_number, Item::Text),
        )),
    )(s)
}

fn list(s: &str) -> IResult<&str, Vec<Item>> {
    delimited(
        char('['),
        terminated(
            separated_list0(preceded(multispace0, char(',')), item),
            preceded(multispace0, opt(char(','))),
        ),
        preceded(multispace0, char(']')),
    )(s)
}

/// The rows of a line that is one list literal (a row, or a list of rows), each
/// as TAB-separated cells; `None` for any other line.
fn rows_of(line: &str) -> Option<String> {
    let t = line.trim();
    if !t.starts_with('[') {
        return None;
    }
    // A list of rows printed a row a line opens with `[[` on its first line and
    // closes with `]]` on its last: the outer brackets stand alone there.
    let (rest, items) = list(t).ok().or_else(|| {
        t.strip_prefix('[')
            .filter(|u| u.starts_with('['))
            .and_then(|u| list(u).ok())
    })?;
    // What may follow a row: a comma, the outer list's end.
    if !rest.trim().chars().all(|c| matches!(c, ',' | ']' | ' ')) {
        return None;
    }
    let mut rows: Vec<String> = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    for it in &items {
        match it {
            Item::List(row) => {
                let mut cells = Vec::with_capacity(row.len());
                for c in row {
                    match c {
                        Item::Text(t) => cells.push(t.trim().to_string()),
                        Item::Empty => cells.push(String::new()),
                        // Deeper lists are no table.
                        Item::List(_) => return None,
                    }
                }
                rows.push(cells.join("\t"));
            }
            Item::Text(t) => cells.push(t.trim().to_string()),
            Item::Empty => cells.push(String::new()),
        }
    }
    match (rows.is_empty(), cells.is_empty()) {
        // A list of rows, or one row.
        (false, true) => Some(rows.join("\n")),
        (true, false) if cells.len() >= 2 => Some(cells.join("\t")),
        _ => None,
    }
}

/// Whether the text may hold list literals: a line that opens with `[` and holds
/// a quote.
pub(crate) fn has_lists(text: &str) -> bool {
    // Most texts hold no `[`: one memchr pass finds the few places to look at.
    let b = text.as_bytes();
    memchr::memchr_iter(b'[', b).any(|i| {
        let line_start = b[..i]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |k| k + 1);
        let opens = b[line_start..i]
            .iter()
            .all(|c| matches!(c, b' ' | b'\t' | b'['));
        let line_end = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |k| i + k);
        opens && b[i..line_end].iter().any(|&c| c == b'\'' || c == b'"')
    })
}

/// How far `line` opens brackets (closing ones count down), outside quotes.
fn depth(line: &str) -> i32 {
    let mut d = 0;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in line.chars() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '\'' | '"' => quote = Some(c),
                '[' => d += 1,
                ']' => d -= 1,
                _ => {}
            },
        }
    }
    d
}

/// The most lines one list may span when a wrap cut it.
const MOST_LINES: usize = 40;

/// The text with each list literal written as TAB rows, as a [`Page`] whose
/// origins map each line to its own; `None` when no line changed. A list a hard
/// wrap cut over lines (its brackets open at the end of a line) is joined with
/// the lines that close it, its rows written on its first line and the lines it
/// took left empty.
pub(crate) fn list_rows(text: &str) -> Option<Page> {
    super::rewrite_spans(text, |lines, i| {
        let line = lines[i];
        if let Some(rows) = rows_of(line) {
            return Some((rows, 0));
        }
        if !line.trim_start().starts_with('[') || depth(line) <= 0 {
            return None;
        }
        let mut joined = line.trim().to_string();
        let mut d = depth(line);
        let mut taken = 0;
        for next in lines[i + 1..].iter().take(MOST_LINES - 1).map(|l| l.trim()) {
            if d <= 0 {
                break;
            }
            joined.push(' ');
            joined.push_str(next);
            d += depth(next);
            taken += 1;
        }
        (d <= 0)
            .then(|| rows_of(&joined))
            .flatten()
            .map(|rows| (rows, taken))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_as_python_or_json_lists_are_tab_rows() {
        assert_eq!(
            rows_of("['（一）予以公开', '7', '0', None, '7']").as_deref(),
            Some("（一）予以公开\t7\t0\t\t7")
        );
        assert_eq!(
            rows_of("[\"行政处罚\", ２７７６]").as_deref(),
            Some("行政处罚\t２７７６")
        );
        assert_eq!(
            rows_of("  [\"规章\", 0, 0, 0],").as_deref(),
            Some("规章\t0\t0\t0")
        );
        assert_eq!(
            rows_of("[['类别', '数据1'], ['本年新收', '705'], [null, \"it's\"]]").as_deref(),
            Some("类别\t数据1\n本年新收\t705\n\tit's")
        );
        // A list of rows printed a row a line.
        assert_eq!(
            rows_of("[['类别', '数据1'],").as_deref(),
            Some("类别\t数据1")
        );
        assert_eq!(
            rows_of(" ['本年新收', '705']]").as_deref(),
            Some("本年新收\t705")
        );
        assert_eq!(rows_of(r"['a\'b', 'c\nd']").as_deref(), Some("a'b\tc d"));
    }

    #[test]
    fn other_lines_stay() {
        assert_eq!(rows_of("[1] 见附件"), None);
        assert_eq!(rows_of("['a', 'b'] 之后"), None);
        assert_eq!(rows_of("['only one']"), None);
        assert_eq!(rows_of("[[['deep']]]"), None);
        assert_eq!(rows_of("['unclosed', '1'"), None);
        assert_eq!(rows_of("规章 0 0 0"), None);
        assert!(has_lists("标题\n  ['规章', '0']\n"));
        assert!(!has_lists("见 [1] 和 \"引文\"\n[1] 附件"));
        // A list a wrap cut over lines.
        let cut = list_rows(
            "[[\"（六）其他处理\", \"—\",\n\"—\"], [\"（七）总计\",\n\"95\", \"95\"\n]]\n尾\n",
        )
        .expect("changed");
        assert_eq!(
            cut.text,
            "（六）其他处理\t—\t—\n（七）总计\t95\t95\n\n\n\n尾\n"
        );
        assert_eq!(cut.source_line_at(cut.text.find("尾").unwrap()), 5);
        let page = list_rows("标题\n['规章', '0', '0', '1']\n").expect("changed");
        assert_eq!(page.text, "标题\n规章\t0\t0\t1\n");
        assert_eq!(page.source_line_at(page.text.find("规章").unwrap()), 2);
    }
}
