//! CSV records whose quoted cells hold line breaks: tools that export a PDF's
//! tables as CSV (camelot, tabula) keep a cell's lines inside its quotes, so a long
//! label wrapped in its cell (`"部分公开（区分处理的，只计这一` / `情形）",99,0,…`)
//! or a block of rows stacked in one row (`"1.属于国家秘密` / `2.其他…","0` /
//! `2",…`) spreads one record over several lines, and no line is a row. The text
//! is read again with each such record on its first line as TAB cells: a stack
//! as its rows ([`super::stacked`]), otherwise each cell's lines joined (closed
//! up between two Chinese characters, a space elsewhere). The lines the record
//! took are left empty, so every later line keeps its place.

use super::html::Page;

/// The most lines one record may span: a block of eight rows stacked in the
/// eight cells of a section 三 row spans 8 × 8 - 7 = 57.
const MOST_LINES: usize = 100;

fn quotes(s: &str) -> usize {
    s.bytes().filter(|&b| b == b'"').count()
}

/// Whether the text may hold such a record: a line with an odd number of double
/// quotes.
pub(crate) fn has_open_quotes(text: &str) -> bool {
    memchr::memchr(b'"', text.as_bytes()).is_some() && text.lines().any(|l| quotes(l) % 2 == 1)
}

/// The record's cells, each as its lines.
fn cells_of(record: &str) -> Option<Vec<String>> {
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(record.as_bytes());
    let mut it = rd.records();
    let rec = it.next()?.ok()?;
    if it.next().is_some() || rec.len() < 2 {
        return None;
    }
    Some(rec.iter().map(str::to_string).collect())
}

/// A cell's lines joined as one text.
fn joined(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    for (i, part) in cell.split('\n').map(str::trim).enumerate() {
        if i > 0
            && !(super::inline::is_cjk(out.chars().next_back())
                && super::inline::is_cjk(part.chars().next()))
        {
            out.push(' ');
        }
        out.push_str(part);
    }
    out.trim().to_string()
}

/// The record as TAB rows: its rows when it is a stack, else one row; `None`
/// for a record that stacks lines of numbers in its cells that do not pair into
/// rows (a cell with more or fewer lines, or a line that is no number: `"一、本年新收…`
/// / `0注②","2` / `0",…`). Read with each cell's lines joined, its numbers would run
/// on in no known order and fill one row; the record is not read.
fn rows_of(cells: &[String]) -> Option<String> {
    let lines: Vec<Vec<&str>> = cells.iter().map(|c| without_page_lines(c)).collect();
    if let Some(rows) = super::stacked::unstack(&lines) {
        return Some(
            rows.iter()
                .map(|r| {
                    r.iter()
                        .map(|c| c.as_deref().unwrap_or(""))
                        .collect::<Vec<_>>()
                        .join("\t")
                })
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    if super::stacked::looks_stacked(&lines) {
        return None;
    }
    Some(
        cells
            .iter()
            .map(|c| joined(c))
            .collect::<Vec<_>>()
            .join("\t"),
    )
}

/// A cell's lines but a page's: its markers (`第2页 共29页`, `- 3 -`), and in a
/// cell of numbers the lines of words beside a marker (the page's running header,
/// `2024 年政府信息公开工作年度报告`), where a page break fell inside the record.
/// Whether what is left pairs into rows is [`super::stacked::unstack`]'s to say.
fn without_page_lines(cell: &str) -> Vec<&str> {
    let parts: Vec<&str> = cell
        .split('\n')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let marker: Vec<bool> = parts
        .iter()
        .map(|p| crate::parse::pages::is_page_marker(p))
        .collect();
    if !marker.contains(&true) {
        return parts;
    }
    let beside = |k: usize| (k > 0 && marker[k - 1]) || marker.get(k + 1).copied().unwrap_or(false);
    let number = |p: &str| super::stacked::is_number(p);
    let of_numbers = parts
        .iter()
        .enumerate()
        .all(|(k, p)| marker[k] || number(p) || beside(k));
    parts
        .iter()
        .enumerate()
        .filter(|&(k, p)| !(marker[k] || of_numbers && !number(p) && beside(k)))
        .map(|(_, p)| *p)
        .collect()
}

/// The text with each CSV record that spans lines written on its first line, as
/// a [`Page`] whose origins map each line to its own; `None` when there is none.
pub(crate) fn join_quoted_records(text: &str) -> Option<Page> {
    let mut notes = Vec::new();
    let page = super::rewrite_spans(text, |lines, i| {
        let line = lines[i].trim_end_matches('\r');
        if quotes(line) % 2 == 0 {
            return None;
        }
        let mut record = line.to_string();
        let mut q = quotes(line);
        let mut taken = 0;
        for next in lines[i + 1..].iter().take(MOST_LINES - 1) {
            if q % 2 == 0 {
                break;
            }
            let next = next.trim_end_matches('\r');
            record.push('\n');
            record.push_str(next);
            q += quotes(next);
            taken += 1;
        }
        // A table's record: two cells of numbers (or marks of empty cells) at
        // least, and a digit (quotes a sentence opened and another closed make
        // no such record).
        // Or one cell of numbers stacked beside a cell of labels, each line a row
        // (`"行政处罚` / `行政强制","2776` / `84"`: section 二's items of one
        // column).
        let numbers = |cells: &Vec<String>| {
            let of_numbers = cells
                .iter()
                .filter(|c| {
                    !c.trim().is_empty()
                        && c.split('\n')
                            .filter(|p| !p.trim().is_empty())
                            .all(super::stacked::is_number)
                })
                .count();
            let stack = || {
                let lines: Vec<Vec<&str>> = cells.iter().map(|c| without_page_lines(c)).collect();
                super::stacked::unstack(&lines).is_some_and(|rows| rows.len() >= 2)
            };
            cells
                .iter()
                .any(|c| c.chars().any(|ch| matches!(ch, '0'..='9' | '０'..='９')))
                && (of_numbers >= 2 || of_numbers == 1 && stack())
        };
        let cells = (q % 2 == 0)
            .then(|| cells_of(&record))
            .flatten()
            .filter(numbers)?;
        let rows = rows_of(&cells).unwrap_or_else(|| {
            notes.push((
                i as u32 + 1,
                "a CSV record stacks lines in its quoted cells that do not pair into rows (a cell with more or fewer lines, or a line that is no number): the record is not read".to_string(),
            ));
            String::new()
        });
        Some((rows, taken))
    });
    page.map(|mut page| {
        page.notes.extend(notes);
        page
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_label_in_quotes_is_one_cell() {
        let text = "标题\n\"部分公开（区分处理的，只计这一\n情形）\",99,0,\"1\"\n尾\n";
        let page = join_quoted_records(text).expect("changed");
        assert_eq!(
            page.text,
            "标题\n部分公开（区分处理的，只计这一情形）\t99\t0\t1\n\n尾\n"
        );
        assert_eq!(page.source_line_at(page.text.find("尾").unwrap()), 4);
        assert_eq!(page.source_line_at(page.text.find("99").unwrap()), 2);
    }

    #[test]
    fn a_stack_in_quotes_is_its_rows() {
        let text = "\"1.属于国家秘密\n2.其他法律\",\"0\n2\",\"5\n13\"\n";
        let page = join_quoted_records(text).expect("changed");
        // The record's three other lines are left empty.
        assert_eq!(page.text, "1.属于国家秘密\t0\t5\n2.其他法律\t2\t13\n\n\n\n");
        // One cell of numbers beside the labels (section 二's items of one column).
        let text = "\"行政处罚\n行政强制\",\"2776②\n84\"\n";
        let page = join_quoted_records(text).expect("changed");
        assert_eq!(page.text, "行政处罚\t2776②\n行政强制\t84\n\n\n");
        // A page break inside the record: its marker and running header are no
        // rows.
        let text = "\"1.甲\n2.乙\n3.丙\",\"1\n第2页 共29页\n2024 年政府信息公开工作年度报告\n- 18 -\n31\n0\",\"1\n31\n0\"\n";
        let page = join_quoted_records(text).expect("changed");
        assert_eq!(
            page.text.lines().take(3).collect::<Vec<_>>(),
            ["1.甲\t1\t1", "2.乙\t31\t31", "3.丙\t0\t0"]
        );
        // Words beside a marker among labels stay, and the record does not pair.
        assert_eq!(
            without_page_lines("1.甲\n- 3 -\n报告\n2.乙"),
            ["1.甲", "报告", "2.乙"]
        );
    }

    #[test]
    fn a_stack_whose_lines_do_not_pair_is_not_read() {
        // A number under the label in its cell: two lines of labels' cell, but
        // one of them no label; read joined, the numbers ran on into one row.
        let text = "标题\n\"一、本年新收\n0注②\",\"2\n0\",\"0\n0\"\n尾\n";
        let page = join_quoted_records(text).expect("changed");
        assert_eq!(page.text, "标题\n\n\n\n\n尾\n");
        assert_eq!(page.notes.len(), 1);
        assert_eq!(page.notes[0].0, 2);
    }

    /// Full-width digits (an OCR engine's, or a rewrite's) are digits of the
    /// record's numbers too.
    #[test]
    fn a_record_of_full_width_digits_is_read() {
        let text = "标题\n\"（一）予以公开\",\"１２８８\",\"２１\",\"\n１３６２\"\n尾\n";
        let page = join_quoted_records(text).expect("changed");
        assert_eq!(
            page.text,
            "标题\n（一）予以公开\t１２８８\t２１\t１３６２\n\n尾\n"
        );
    }

    #[test]
    fn quotes_that_never_close_change_nothing() {
        assert!(join_quoted_records("他说\"好, 就这样\n下一行\n").is_none());
        // Quotes a sentence opens and a later one closes: no cells of numbers.
        assert!(join_quoted_records("他说\"好, 就这样\n二、主动公开\n她说\"行\", 7\n").is_none());
        assert!(!has_open_quotes("规章,0,0,0\n\"a\",\"b\"\n"));
        assert!(!has_open_quotes("规章,0,0,0\n"));
        assert!(has_open_quotes("\"部分公开\n情形\",1,2\n"));
    }
}
