//! Table rows stacked into one: a page editor, a PDF-to-markdown tool (marker,
//! MinerU) or a language-model rewrite puts the rows of a block (section 三's
//! `1.属于国家秘密` … `8.属于行政查询事项`) into one table row, each cell holding one
//! line per row (`0<br>0<br>2<br>…`). Read as one row, a cell is a run of numbers
//! that belongs to no single cell. When every cell that holds numbers holds the same
//! number of lines, all of them numbers, and the cells of words hold that many lines
//! too (a label a line; a stack without its labels is not read) or one (a heading
//! over the block, before the numbers), the row is the block: it is read as that
//! many rows. Any other shape is left as it is
//! (and its numbers are not read as a row's).

use std::borrow::Cow;

/// Whether a line of a cell is one number (`12`, `-3`, `1,204`, `4068.208`) or a
/// mark of an empty cell (`-`, `—`, `/`, `无`, `空`, `N/A`, `暂无`).
pub(crate) fn is_number(part: &str) -> bool {
    let p = part.trim();
    // A footnote's mark after the number (`40⑴`) stays with it.
    let p = crate::model::value::footnote_split(p).map_or(p, |(num, _)| num);
    if matches!(
        p,
        "-" | "--" | "—" | "－" | "－－" | "/" | "／" | "——" | "–" | "无" | "空"
    ) || crate::model::value::is_na_word(p)
    {
        return true;
    }
    let p = p.strip_prefix(['-', '+', '－', '＋']).unwrap_or(p);
    let mut digits = false;
    for c in p.chars() {
        match c {
            '0'..='9' | '０'..='９' => digits = true,
            '.' | ',' | '，' | '．' => {}
            _ => return false,
        }
    }
    digits
}

/// Whether a line of a cell is words (a label): no number, some letter.
pub(crate) fn is_words(part: &str) -> bool {
    let p = part.trim();
    !p.is_empty() && !is_number(p) && p.chars().any(char::is_alphabetic)
}

/// Whether a label opens with the number of its row (`1.`, `2、`, `（三）`, `四、`,
/// `(2)`).
fn enumerated(part: &str) -> bool {
    let p = part.trim_start();
    let p = p.strip_prefix(['（', '(']).unwrap_or(p);
    let head = p
        .find(|c: char| !(c.is_ascii_digit() || "一二三四五六七八九十".contains(c)))
        .unwrap_or(p.len());
    head > 0 && p[head..].starts_with(['.', '、', '．', '）', ')'])
}

/// A cell of labels with more lines than the block has rows: a long label wrapped
/// in its cell. When every label opens with its row's number, a line that does not
/// is the rest of the label above, joined to it; otherwise `None`.
fn rejoined(cell: &[&str], k: usize) -> Option<Vec<String>> {
    if !cell.first().is_some_and(|p| enumerated(p)) {
        return None;
    }
    let mut out: Vec<String> = Vec::with_capacity(k);
    for p in cell {
        match out.last_mut() {
            Some(last) if !enumerated(p) => last.push_str(p.trim()),
            _ => out.push(p.trim().to_string()),
        }
    }
    (out.len() == k).then_some(out)
}

/// Whether a row's cells (each its lines) look like a stack of rows that
/// [`unstack`] did not read: two cells of two lines of numbers or more, or one
/// beside a cell of two lines of words (a label's tail wrapped alone,
/// `社会公益组` / `织`, is one label, not two).
pub(crate) fn looks_stacked(cells: &[Vec<&str>]) -> bool {
    let mut numbers = 0;
    let mut words = 0;
    for c in cells {
        if c.len() < 2 {
            continue;
        }
        if c.iter().all(|p| is_number(p)) {
            numbers += 1;
        } else if c.iter().all(|p| is_words(p) && p.chars().count() >= 2) {
            words += 1;
        }
    }
    numbers >= 2 || numbers >= 1 && words >= 1
}

/// The rows of one table row whose cells are stacked, each row a list of its
/// cells; `None` for a row that is not a stack. A cell of one line (a heading
/// before the stacked cells) stands in the first row only (`None` below it, as a
/// cell a rowspan covers).
pub(crate) fn unstack<'a>(cells: &[Vec<&'a str>]) -> Option<Vec<Vec<Option<Cow<'a, str>>>>> {
    let stacked_numbers = |c: &Vec<&str>| c.len() > 1 && c.iter().all(|p| is_number(p));
    let k = cells
        .iter()
        .filter(|c| stacked_numbers(c))
        .map(Vec::len)
        .max()?;
    let stacked_numbers = |c: &Vec<&str>| c.len() == k && stacked_numbers(c);
    let first_numbers = cells.iter().position(stacked_numbers)?;
    // One cell of numbers is a stack only beside a cell of as many labels, one a
    // line, before it (a one-column table: `行政处罚<br>行政强制` | `3<br>7`).
    let one_per_label = cells[..first_numbers]
        .iter()
        .any(|c| c.len() == k && c.iter().all(|p| is_words(p) && p.chars().count() >= 2));
    if cells.iter().filter(|c| stacked_numbers(c)).count() < 2 && !one_per_label {
        return None;
    }
    // A cell of one line of words stands over a block whose rows have labels of
    // their own (`（三）不予公开` beside `1.…<br>2.…`); beside numbers alone it is
    // a row's label, and the block no stack of rows.
    let labelled = cells
        .iter()
        .any(|c| c.len() >= k && c.iter().all(|p| is_words(p)));
    // Rows without labels of their own would be placed only by counting them:
    // a stack is read only when its labels stand in it.
    if !labelled {
        return None;
    }
    let mut lines: Vec<Vec<Cow<'a, str>>> = Vec::with_capacity(cells.len());
    for (i, c) in cells.iter().enumerate() {
        let words = c.iter().all(|p| is_words(p));
        let cell: Vec<Cow<'a, str>> = match c.len() {
            0 => Vec::new(),
            1 if i < first_numbers && (c[0].trim().is_empty() || words) => {
                vec![c[0].into()]
            }
            n if n == k && (stacked_numbers(c) || words) => c.iter().map(|&p| p.into()).collect(),
            n if n > k && words && i < first_numbers => {
                rejoined(c, k)?.into_iter().map(Cow::Owned).collect()
            }
            _ => return None,
        };
        lines.push(cell);
    }
    Some(
        (0..k)
            .map(|j| {
                lines
                    .iter()
                    .map(|c| match c.len() {
                        n if n == k => Some(c[j].clone()),
                        0 | 1 if j == 0 => Some(c.first().cloned().unwrap_or_default()),
                        _ => None,
                    })
                    .collect()
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_stacked_in_one_row_is_its_rows() {
        let cells = vec![
            vec!["（三）不予公开"],
            vec!["1.属于国家秘密", "2.其他法律行政法规禁止公开"],
            vec!["0", "2"],
            vec!["—", "13"],
        ];
        assert_eq!(
            unstack(&cells),
            Some(vec![
                vec![
                    Some("（三）不予公开".into()),
                    Some("1.属于国家秘密".into()),
                    Some("0".into()),
                    Some("—".into())
                ],
                vec![
                    None,
                    Some("2.其他法律行政法规禁止公开".into()),
                    Some("2".into()),
                    Some("13".into())
                ],
            ])
        );
    }

    #[test]
    fn a_label_wrapped_in_a_stacked_cell_is_joined_when_every_label_is_numbered() {
        let cells = vec![
            vec!["1.属于国家", "秘密", "2.其他法律"],
            vec!["0", "2"],
            vec!["5", "13"],
        ];
        let rows = unstack(&cells).expect("a stack");
        assert_eq!(rows[0][0].as_deref(), Some("1.属于国家秘密"));
        assert_eq!(rows[1][0].as_deref(), Some("2.其他法律"));
        assert_eq!(rows[1][2].as_deref(), Some("13"));
        // Unnumbered labels: where one ends is not known.
        assert_eq!(
            unstack(&[
                vec!["属于国家", "秘密", "其他法律"],
                vec!["0", "2"],
                vec!["5", "13"]
            ]),
            None
        );
        // Joined, they are still more than the rows.
        assert_eq!(
            unstack(&[vec!["1.a", "2.b", "3.c"], vec!["0", "2"], vec!["5", "13"]]),
            None
        );
    }

    #[test]
    fn other_shapes_are_no_stack() {
        // One number broken over two lines in a narrow cell.
        assert_eq!(unstack(&[vec!["其他"], vec!["2", "146"], vec!["5"]]), None);
        // The cells hold different numbers of lines.
        assert_eq!(
            unstack(&[vec!["a", "b"], vec!["1", "2"], vec!["1", "2", "3"]]),
            None
        );
        // A label wrapped over two lines beside numbers stacked three high.
        assert_eq!(
            unstack(&[
                vec!["部分公开（区分处理的，", "只计这一情形）"],
                vec!["1", "2", "3"],
                vec!["1", "2", "3"]
            ]),
            None
        );
        // A row's label of one line beside numbers stacked two high; numbers
        // stacked with no labels.
        assert_eq!(
            unstack(&[vec!["（六）其他处理"], vec!["0", "2"], vec!["0", "2"]]),
            None
        );
        assert_eq!(unstack(&[vec!["0", "2"], vec!["0", "2"]]), None);
        // Words after the numbers, or a line of words among numbers.
        assert_eq!(
            unstack(&[vec!["1", "2"], vec!["1", "2"], vec!["备注"]]),
            None
        );
        assert_eq!(
            unstack(&[vec!["1", "a"], vec!["1", "2"], vec!["1", "2"]]),
            None
        );
        assert_eq!(unstack(&[vec!["1"], vec!["2"]]), None);
        assert_eq!(unstack(&[]), None);
    }
}
