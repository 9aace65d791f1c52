//! A table of section 三 whose header row names the applicant columns in another
//! order than the template's (`| 申请人情况 | 总计 | 自然人 | 商业企业 | … |`): a
//! language model or a spreadsheet user moved a column. The readers place a row's
//! numbers in the template's order of columns, and the row sums hold whatever the
//! order of the non-total columns, so nothing else would show it: the numbers
//! would come out in the wrong columns.
//!
//! The header settles the order only where it is one line that names every
//! column once, a cell each, after the corner's cells (which name none). A header
//! flattened from the template's two header rows (`自然人 法人或其他组织 总计
//! 商业企业 …`) holds the group's word and is no such line. The text is then read
//! again with that header and the table's rows after it written in the template's
//! order (the last cells of a row are its numbers). In a table of cells parted by
//! `|` or TABs the rows are the lines that go on with that separator; in one of
//! cells parted by commas or spaces, every line up to section 四's words whose
//! last cells are numbers (or marks of empty cells), while the lines between that
//! end in words (a wrapped label) stay as they are. A row with fewer numbers than
//! the header has columns is left out, with a note: which of its numbers is which
//! is not known.

use super::html::Page;
use crate::grammar::Grammars;

/// The column words of section 三 in the template's order, one list per
/// different list the templates have (borrowed: asked once per report).
fn column_lists(g: &Grammars) -> Vec<Vec<&str>> {
    let mut lists: Vec<Vec<&str>> = Vec::new();
    for t in g.templates() {
        let Some((_, table)) = t.sole_table(3) else {
            continue;
        };
        let words: Vec<&str> = table.cols().iter().map(|c| c.label.as_str()).collect();
        if words.len() >= 2 && !lists.contains(&words) {
            lists.push(words);
        }
    }
    lists
}

/// How a table row parts its cells.
#[derive(Clone, Copy, PartialEq)]
enum Sep {
    Pipe,
    Tab,
    Comma,
    Space,
}

impl Sep {
    /// Rows that need not hold the separator to go on (commas, spaces): the
    /// table's rows are told by their numbers.
    fn loose(self) -> bool {
        matches!(self, Sep::Comma | Sep::Space)
    }
}

/// The cells of a line: parted by `|` (the empty ones before the first and after
/// the last dropped), TABs, commas outside double quotes, or runs of spaces.
fn cells(line: &str) -> (Sep, Vec<&str>) {
    let line = line.trim_end_matches('\r');
    if line.contains('|') {
        let t = line.trim();
        let t = t.strip_prefix('|').unwrap_or(t);
        let t = t.strip_suffix('|').unwrap_or(t);
        (Sep::Pipe, t.split('|').map(str::trim).collect())
    } else if line.contains('\t') {
        (Sep::Tab, line.split('\t').map(str::trim).collect())
    } else if line.contains(',') {
        let mut out = Vec::new();
        let mut quoted = false;
        let mut from = 0;
        for (i, b) in line.bytes().enumerate() {
            match b {
                b'"' => quoted = !quoted,
                b',' if !quoted => {
                    out.push(line[from..i].trim());
                    from = i + 1;
                }
                _ => {}
            }
        }
        out.push(line[from..].trim());
        (Sep::Comma, out)
    } else {
        (
            Sep::Space,
            line.split(|c: char| c.is_whitespace())
                .filter(|c| !c.is_empty())
                .collect(),
        )
    }
}

/// A cell that holds a number or a mark of an empty cell (quotes of a CSV field
/// taken off).
fn is_value(cell: &str) -> bool {
    let c = cell.trim_matches('"').trim();
    !c.is_empty() && crate::model::value::parse_cell(c) != crate::model::value::CellValue::Text
}

/// A cell's words without markdown emphasis.
fn bare(cell: &str) -> &str {
    cell.trim_matches(['*', '_', ' '])
}

/// A markdown rule row (`|---|:---:|`).
fn is_rule(cells: &[&str]) -> bool {
    cells
        .iter()
        .all(|c| !c.is_empty() && c.trim_matches([':', ' ']).chars().all(|ch| ch == '-'))
}

/// For a header row: where each of its last `words.len()` cells stands in the
/// template's order, when they name every column once in another order than the
/// template's and the cells before them name none.
fn header_order(cells: &[&str], words: &[&str]) -> Option<Vec<usize>> {
    let n = words.len();
    if cells.len() <= n {
        return None;
    }
    let (corner, named) = cells.split_at(cells.len() - n);
    if corner.iter().any(|c| words.iter().any(|w| *w == bare(c))) {
        return None;
    }
    let mut order = Vec::with_capacity(n);
    for c in named {
        let at = words.iter().position(|w| *w == bare(c))?;
        if order.contains(&at) {
            return None;
        }
        order.push(at);
    }
    (order.iter().enumerate().any(|(i, &at)| i != at)).then_some(order)
}

/// A row's cells with its last `order.len()` (its numbers, in the header's order)
/// put in the template's order; the label cells before them stay.
fn in_order<'a>(cells: &[&'a str], order: &[usize]) -> Vec<&'a str> {
    let (labels, nums) = cells.split_at(cells.len() - order.len());
    let mut put = vec![""; order.len()];
    for (k, &at) in order.iter().enumerate() {
        put[at] = nums[k];
    }
    let mut all = labels.to_vec();
    all.extend(put);
    all
}

/// `cells` written back as a row parted by `sep`.
fn row(sep: Sep, cells: &[&str]) -> String {
    match sep {
        Sep::Pipe => format!("| {} |", cells.join(" | ")),
        Sep::Tab => cells.join("\t"),
        Sep::Comma => cells.join(","),
        Sep::Space => cells.join("  "),
    }
}

/// The text with every table whose header names section 三's columns in another
/// order written in the template's order, as a [`Page`] line for line; `None`
/// when the text has no such table.
pub(crate) fn reorder_columns(text: &str, g: &Grammars) -> Option<Page> {
    // A header that names every column names the first: most texts print
    // `自然人` only in the template's header, and most have no such row at all.
    let lists = column_lists(g);
    let first_words: Vec<&str> = lists.iter().filter_map(|l| l.first().copied()).collect();
    // Only a line that holds a first word can be such a header: those lines are
    // looked at before any line is split (the rewrite below splits every line).
    let bytes = text.as_bytes();
    let header_at = |w: &str| {
        memchr::memmem::find_iter(bytes, w.as_bytes()).any(|at| {
            let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
            let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
            let (_, cs) = cells(text.get(start..end).unwrap_or(""));
            lists.iter().any(|l| header_order(&cs, l).is_some())
        })
    };
    if !first_words.iter().any(|w| header_at(w)) {
        return None;
    }
    let mut notes: Vec<(u32, String)> = Vec::new();
    // The table being rewritten: its separator, header width and order.
    let mut open: Option<(Sep, usize, Vec<usize>)> = None;
    let page = super::rewrite_spans(text, |lines, i| {
        let line = lines[i];
        let parsed = cells(line);
        if let Some((sep, width, order)) = open.clone() {
            let n = order.len();
            let (s, cs) = &parsed;
            let short = |notes: &mut Vec<(u32, String)>, what: String| {
                notes.push((
                    i as u32 + 1,
                    format!(
                        "a row under a header that names the applicant columns in another order than the template's has {what}: which is which is not known, so the row is not read"
                    ),
                ));
                Some((String::new(), 0))
            };
            if !sep.loose() && *s == sep {
                if is_rule(cs) {
                    return None;
                }
                if cs.len() < n + 1 {
                    return short(
                        &mut notes,
                        format!("{} cells, fewer than the header's {width}", cs.len()),
                    );
                }
                return Some((row(sep, &in_order(cs, &order)), 0));
            }
            // A loose table ends at section 四; its lines that end in words (a
            // label wrapped, a group's heading) are no rows.
            if sep.loose() && !line.contains("行政复议") {
                if !cs.last().is_some_and(|c| is_value(c)) {
                    return None;
                }
                let values = cs.iter().rev().take_while(|c| is_value(c)).count();
                if values < n || cs.len() == n {
                    return short(&mut notes, format!("{values} numbers, not {n}"));
                }
                return Some((row(*s, &in_order(cs, &order)), 0));
            }
            open = None;
        }
        let (sep, cs) = parsed;
        let (words, order) = lists
            .iter()
            .find_map(|w| header_order(&cs, w).map(|o| (w, o)))?;
        let n = words.len();
        let mut all: Vec<&str> = cs[..cs.len() - n].to_vec();
        all.extend(words.iter().copied());
        let width = cs.len();
        notes.push((
            i as u32 + 1,
            format!(
                "the table's header names the applicant columns in another order than the template's ({}): its rows are read in the header's order",
                cs[cs.len() - n..].iter().map(|c| bare(c)).collect::<Vec<_>>().join("、")
            ),
        ));
        open = Some((sep, width, order));
        Some((row(sep, &all), 0))
    });
    page.map(|mut page| {
        page.notes.extend(notes);
        page
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> &'static Grammars {
        Grammars::builtin()
    }

    /// The header and every row after it put in the template's order; the
    /// label cells and the rule row stay.
    #[test]
    fn a_moved_column_is_put_back() {
        let text = "标题\n| 申请人情况 | 总计 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |\n|---|---|---|---|---|---|---|---|\n| （一）予以公开 | 9 | 3 | 1 | 0 | 0 | 5 | 0 |\n| 2.重复申请 | 2 | 2 |\n尾\n";
        let page = reorder_columns(text, g()).expect("changed");
        assert_eq!(
            page.text,
            "标题\n| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n| （一）予以公开 | 3 | 1 | 0 | 0 | 5 | 0 | 9 |\n\n尾\n"
        );
        // The header's line and the short row's line are named.
        assert_eq!(page.notes.len(), 2);
        assert_eq!((page.notes[0].0, page.notes[1].0), (2, 5));
        // TAB rows, two label cells before the numbers, emphasis on a word.
        let text = "三、本年度办理结果\t\t商业企业\t**自然人**\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n三、本年度办理结果\t（一）予以公开\t1\t3\t0\t0\t5\t0\t9\n";
        let page = reorder_columns(text, g()).expect("changed");
        assert_eq!(
            page.text.lines().nth(1),
            Some("三、本年度办理结果\t（一）予以公开\t3\t1\t0\t0\t5\t0\t9")
        );
        // Cells parted by spaces: the rows are the lines that end in numbers,
        // up to section 四; a wrapped label's line stays, a row short of numbers
        // is left out.
        let text = "申请人情况 总计 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他\n（二）部分公开（区分处理的 9 3 1 0 0 5 0\n只计这一情形）\n2.重复申请 2 2\n四、政府信息公开行政复议、行政诉讼情况\n行政复议 3 1 0 0 5\n";
        let page = reorder_columns(text, g()).expect("changed");
        assert_eq!(
            page.text,
            "申请人情况  自然人  商业企业  科研机构  社会公益组织  法律服务机构  其他  总计\n（二）部分公开（区分处理的  3  1  0  0  5  0  9\n只计这一情形）\n\n四、政府信息公开行政复议、行政诉讼情况\n行政复议 3 1 0 0 5\n"
        );
        // Commas, a quoted number among them.
        let text = "申请人情况,总计,自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他\n予以公开,\"1,290\",\"1,288\",1,0,0,1,0\n";
        let page = reorder_columns(text, g()).expect("changed");
        assert_eq!(
            page.text.lines().nth(1),
            Some("予以公开,\"1,288\",1,0,0,1,0,\"1,290\"")
        );
    }

    /// The template's order, a header flattened from two rows (the group's word
    /// among the columns), a column named twice or left out, text not in cells:
    /// nothing is changed.
    #[test]
    fn other_headers_change_nothing() {
        for text in [
            "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n| 予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n",
            "申请人情况\t自然人\t法人或其他组织\t总计\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n",
            "| 申请人情况 | 总计 | 自然人 | 商业企业 | 商业企业 | 社会公益组织 | 法律服务机构 | 其他 |\n",
            "| 申请人情况 | 总计 | 自然人 | 商业企业 | 社会公益组织 | 法律服务机构 | 其他 |\n",
            "| 总计 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |\n",
        ] {
            assert!(reorder_columns(text, g()).is_none(), "{text}");
        }
    }
}
