//! Ruled grids whose cells run over several lines: each row between two rules
//! joined into one line.
//!
//! Converters that draw a table as a grid (reStructuredText's `+----+----+`, the
//! box drawing of w3m and lynx at a narrow width) wrap a long cell inside its
//! column, so one row of the table stands on several lines: `| 一、  | 118 |`,
//! `| 本年  |     |`, `| 新收  |     |`. Between two rule lines, every line has its
//! cell borders at the same places; the pieces of one column, top to bottom, are
//! one cell. Where cells on the left span several rows (section 三's groups), the
//! rule between those rows starts after them, beside their text
//! (`│        │（六）├──────┼───┤`): it ends the row as well, and the text of
//! the spanning cells that stands on the row's own lines is joined into the row
//! as cells of its own. A row is joined only when that is certain: every line of the block
//! has the same number of borders, and no column holds numbers on two of its lines
//! (two numbers one above the other may be two rows of a grid that rules only its
//! header, and joining them would make a new number).

use std::borrow::Cow;

use crate::model::value::{parse_cell, CellValue};
use crate::parse::input::html::Page;
use crate::parse::lines::LineIndex;

fn is_border(c: char) -> bool {
    matches!(c, '|' | '│' | '┃' | '║')
}

/// `+-----+----+`, `├───┼───┤`, `╞═══╪═══╡`: a grid's rule between rows (a
/// markdown `|---|` rule, which only closes a header, is no such rule).
fn is_grid_rule(t: &str) -> bool {
    let drawing = |c: char| ('\u{2500}'..='\u{257f}').contains(&c);
    let junction = t.contains('+') || t.chars().any(drawing);
    // Runs between junctions (a line of empty cells, `│   │   │`, is no rule).
    let dashes = t.chars().filter(|&c| is_horizontal(c)).count();
    junction
        && dashes >= 3
        && t.chars()
            .all(|c| matches!(c, '+' | '-' | '=' | ':' | '|' | ' ') || drawing(c) || is_border(c))
}

/// Whether a line ends a ruled row: a grid rule, or a rule that starts after the
/// cells of rows it does not end (`│        │（六）├──────┼───┤`: the cells to its
/// left span several rows, and their text runs on beside the rule).
fn is_row_boundary(t: &str) -> bool {
    if is_grid_rule(t) {
        return true;
    }
    if !t.starts_with(is_border) {
        return false;
    }
    // The first junction after the spanning cells: a rule must run from it to the
    // end of the line.
    let junction = |c: char| c == '+' || (('\u{2500}'..='\u{257f}').contains(&c) && !is_border(c));
    t.char_indices()
        .find(|&(_, c)| junction(c))
        .is_some_and(|(at, _)| is_grid_rule(&t[at..]))
}

/// Whether the text may hold a ruled grid (a quick look before the line pass).
pub(crate) fn has_grid(text: &str) -> bool {
    // `+--`, `─┼`, `├─`: each opens with `+` or with 0xE2, the first byte of every
    // box-drawing character. Their places are found in one memchr pass: a search
    // for each whole mark (memmem) stopped at the continuation bytes 0x94, 0x80 that
    // Chinese text is full of.
    const MARKS: [&[u8]; 3] = [b"+--", "─┼".as_bytes(), "├─".as_bytes()];
    let b = text.as_bytes();
    memchr::memchr2_iter(b'+', 0xE2, b).any(|i| MARKS.iter().any(|m| b[i..].starts_with(m)))
}

/// The text with every ruled row of several lines joined into one line (its cells
/// between `|`), as a [`Page`] whose origins map each line and each joined cell to
/// the line it came from; `None` when no row was joined. Grid lines a hard wrap cut
/// ([`unwrap_grids`]) are put together first.
pub(crate) fn join_ruled_rows(text: &str) -> Option<Page> {
    let li = LineIndex::new(text);
    let printed: Vec<(usize, &str)> = li.lines(text, 0, text.len()).collect();
    let lines = unwrap_grids(&printed);
    let mut page = Page::rewritten();
    let mut out = String::with_capacity(text.len());
    let mut joined = lines.iter().filter(|l| l.pieces.len() > 1).count();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        line.write(&mut out, &mut page, &li);
        i += 1;
        if !is_row_boundary(line.text.trim()) {
            continue;
        }
        // The row lines up to the next rule (one that starts after row-spanning
        // cells ends the row as well).
        // Lines of no cells between two of the row's lines (a page's marker and
        // header where a page break cut the row) stand aside: they are written
        // after the joined row.
        let row_line = |l: &str| starts_with_border(l) && !is_row_boundary(l.trim());
        let mut j = i;
        let mut aside: Vec<usize> = Vec::new();
        loop {
            if j < lines.len() && row_line(&lines[j].text) {
                j += 1;
                continue;
            }
            let mut k = j;
            while k < lines.len()
                && k - j < MOST_ASIDE
                && !starts_with_border(&lines[k].text)
                && !is_row_boundary(lines[k].text.trim())
            {
                k += 1;
            }
            if j > i && k > j && k < lines.len() && row_line(&lines[k].text) {
                aside.extend(j..k);
                j = k;
                continue;
            }
            break;
        }
        let closed = j < lines.len() && is_row_boundary(lines[j].text.trim());
        let own: Vec<usize> = (i..j).filter(|k| !aside.contains(k)).collect();
        if own.len() >= 2 && closed {
            let block: Vec<&Logical> = own.iter().map(|&k| &lines[k]).collect();
            if let Some(cells) = join_block(&block) {
                let first = &block[0].text;
                let indent = &first[..first.len() - first.trim_start().len()];
                page.origins
                    .push((out.len() as u32, li.line_of(block[0].source_of(0))));
                out.push_str(indent);
                for (k, (cell, at)) in cells.iter().enumerate() {
                    out.push('|');
                    let (b, pos) = at.unwrap_or((0, 0));
                    page.origins
                        .push((out.len() as u32, li.line_of(block[b].source_of(pos))));
                    out.push_str(cell);
                    if k + 1 == cells.len() {
                        out.push('|');
                    }
                }
                out.push('\n');
                for &k in &aside {
                    lines[k].write(&mut out, &mut page, &li);
                }
                joined += 1;
                i = j;
            }
        }
    }
    if joined == 0 {
        return None;
    }
    if !text.ends_with('\n') {
        out.pop();
    }
    page.text = out;
    Some(page)
}

/// The most lines of no cells (a page's marker, header, blank lines) that may
/// stand between two lines of one ruled row.
const MOST_ASIDE: usize = 4;

fn starts_with_border(line: &str) -> bool {
    line.trim_start().starts_with(is_border)
}

/// One printed line of a grid, which a hard wrap may have cut over several lines
/// of the text (most are one piece): its text, and where each piece starts in it
/// and in the source.
struct Logical<'a> {
    text: Cow<'a, str>,
    /// (byte position in `text`, source offset), ascending, the first at 0.
    pieces: Vec<(usize, usize)>,
}

impl<'a> Logical<'a> {
    fn one(off: usize, line: &'a str) -> Logical<'a> {
        Logical {
            text: Cow::Borrowed(line),
            pieces: vec![(0, off)],
        }
    }

    fn append(&mut self, off: usize, piece: &str) {
        self.pieces.push((self.text.len(), off));
        self.text.to_mut().push_str(piece);
    }

    /// The source offset of byte `pos` of the text (a piece is copied whole).
    fn source_of(&self, pos: usize) -> usize {
        let i = self.pieces.partition_point(|&(p, _)| p <= pos).max(1);
        let (p, src) = self.pieces[i - 1];
        src + (pos - p)
    }

    /// The line written out, each piece at the line it came from.
    fn write(&self, out: &mut String, page: &mut Page, li: &LineIndex) {
        for &(pos, src) in &self.pieces {
            page.origins
                .push(((out.len() + pos) as u32, li.line_of(src)));
        }
        out.push_str(&self.text);
        out.push('\n');
    }
}

/// A character of a rule's run between junctions.
fn is_horizontal(c: char) -> bool {
    matches!(
        c,
        '-' | '=' | '─' | '━' | '═' | '┄' | '┅' | '┈' | '┉' | '╌' | '╍'
    )
}

/// A junction of a rule: where a column's border meets it (`+`, `┬`, `┼`, `┤`…).
fn is_junction(c: char) -> bool {
    c == '+' || (('\u{2500}'..='\u{257f}').contains(&c) && !is_horizontal(c) && !is_border(c))
}

/// A rule's last character when nothing of it was cut off: a right corner or end
/// (`┐ ┤ ┘`…, or `+`, which also opens an ASCII rule).
fn closes_rule(t: &str) -> bool {
    t.trim_end()
        .ends_with(|c: char| c == '+' || "┐┤┘╡╕╛╗╣╝┓┫┛╢╖╜┥┨┦┧┩┪╮╯".contains(c))
}

/// Whether `next` is the rest of a rule a hard wrap cut after `rule`: rule
/// characters only, and either the rule had not reached its end or `next` opens
/// inside a run (`─`, `-`), where no rule starts.
fn continues_rule(rule: &str, next: &str) -> bool {
    let t = next.trim_end();
    !t.is_empty()
        && t.chars().all(|c| is_horizontal(c) || is_junction(c))
        && (!closes_rule(rule) || t.starts_with(is_horizontal))
}

fn borders(line: &str) -> usize {
    line.chars().filter(|&c| is_border(c)).count()
}

/// The lines of `printed` with every grid line a hard wrap cut put back together.
/// A rule is continued by lines of rule characters up to its last corner. A row's
/// line is continued only in a grid whose rule was itself cut (rows are no wider
/// than their rule), by the lines that bring its borders up to the rule's
/// junctions, not one more; a row that cannot be so completed is left as printed.
fn unwrap_grids<'a>(printed: &[(usize, &'a str)]) -> Vec<Logical<'a>> {
    let mut out = Vec::with_capacity(printed.len());
    // The grid at hand: its rule's junctions (a row's borders), and whether the
    // rule was cut.
    let mut grid: Option<(usize, bool)> = None;
    let mut i = 0;
    while i < printed.len() {
        let (off, line) = printed[i];
        let mut logical = Logical::one(off, line);
        i += 1;
        let t = line.trim();
        if is_row_boundary(t) {
            while i < printed.len() && continues_rule(&logical.text, printed[i].1) {
                logical.append(printed[i].0, printed[i].1.trim_end());
                i += 1;
            }
            let whole = logical.text.trim();
            if is_grid_rule(whole) {
                grid = closes_rule(whole).then(|| {
                    let junctions = whole.chars().filter(|&c| is_junction(c)).count();
                    (junctions, logical.pieces.len() > 1)
                });
            }
        } else if let Some((b, cut)) = grid.filter(|_| t.starts_with(is_border)) {
            // Under a rule that was not cut, a row's line goes on only on lines
            // that open inside a cell, no border first (a row wider than its
            // rule: a unit set after the numbers).
            let mut n = borders(line);
            let mut k = i;
            let mut row = Logical::one(off, line);
            while n < b && k < printed.len() {
                let next = printed[k].1;
                if next.trim().is_empty()
                    || is_row_boundary(next.trim())
                    || !cut && next.trim_start().starts_with(is_border)
                {
                    break;
                }
                n += borders(next);
                row.append(printed[k].0, next);
                k += 1;
            }
            if n == b && k > i {
                logical = row;
                i = k;
            }
        }
        out.push(logical);
    }
    out
}

/// A joined cell: its text, and where its first piece stands (line of the block,
/// byte in that line).
type Joined = (String, Option<(usize, usize)>);

/// The cells of one ruled row printed on `block`'s lines: each column's pieces
/// joined top to bottom, with where its first piece stands (the line in `block`,
/// the byte in that line); `None` when the lines do not share their borders or a
/// column holds two numbers.
fn join_block(block: &[&Logical]) -> Option<Vec<Joined>> {
    // Each cell's text trimmed, with the byte where it starts in the line. The
    // outer borders are no cell's when the line has both.
    let split = |l: &'_ str| -> Vec<(String, usize)> {
        let t = l.trim_end();
        let start = t.len() - t.trim_start().len();
        let mut parts: Vec<(usize, usize)> = Vec::new();
        let mut from = start;
        for (k, c) in t[start..].char_indices() {
            if is_border(c) {
                parts.push((from, start + k));
                from = start + k + c.len_utf8();
            }
        }
        parts.push((from, t.len()));
        let body = &t[start..];
        if body.starts_with(is_border) && body.ends_with(is_border) && parts.len() >= 2 {
            parts.pop();
            parts.remove(0);
        }
        parts
            .into_iter()
            .map(|(a, b)| {
                let part = &t[a..b];
                let lead = part.len() - part.trim_start().len();
                (part.trim().to_string(), a + lead)
            })
            .collect()
    };
    let rows: Vec<Vec<(String, usize)>> = block.iter().map(|l| split(&l.text)).collect();
    let width = rows[0].len();
    if width < 2 || rows.iter().any(|r| r.len() != width) {
        return None;
    }
    let mut cells = Vec::with_capacity(width);
    for c in 0..width {
        let mut cell = String::new();
        let mut first = None;
        let mut numbers = 0;
        for (k, r) in rows.iter().enumerate() {
            let (p, at) = (&r[c].0, r[c].1);
            if p.is_empty() {
                continue;
            }
            if matches!(parse_cell(p), CellValue::Number(..)) {
                numbers += 1;
            }
            let ascii_word = |ch: Option<char>| ch.is_some_and(|ch| ch.is_ascii_alphanumeric());
            if ascii_word(cell.chars().next_back()) && ascii_word(p.chars().next()) {
                cell.push(' ');
            }
            cell.push_str(p);
            first.get_or_insert((k, at));
        }
        if numbers > 1 {
            return None;
        }
        cells.push((cell, first));
    }
    Some(cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page break inside a ruled row: its marker and header stand aside, after
    /// the joined row.
    #[test]
    fn a_row_a_page_break_cut_is_joined_around_the_page_lines() {
        let text = "+------+-----+\n| 四、结转下年 | 103 |\n- 10/23 -\n2024 年度报告\n| 度继续办理 |     |\n+------+-----+\n";
        let page = join_ruled_rows(text).expect("joined");
        assert_eq!(
            page.text,
            "+------+-----+\n|四、结转下年度继续办理|103|\n- 10/23 -\n2024 年度报告\n+------+-----+\n"
        );
        let line_at = |s: &str| page.source_line_at(page.text.find(s).expect(s));
        assert_eq!(line_at("103"), 2);
        assert_eq!(line_at("- 10/23 -"), 3);
        assert_eq!(line_at("2024 年度报告"), 4);
        // Lines of no cells before the row's first line are no part of it; more
        // than four between its lines end it unjoined.
        let text = "+------+-----+\n| 四、结转下年 | 103 |\na\nb\nc\nd\ne\n| 度继续办理 |     |\n+------+-----+\n";
        assert!(join_ruled_rows(text).is_none());
    }

    #[test]
    fn a_ruled_row_of_wrapped_cells_is_one_line() {
        let text = "表\n+------+-----+-----+\n| 一、 | 118 | 1   |\n| 本年 |     |     |\n| 新收 |     |     |\n+------+-----+-----+\n| 二、 | 11  | 2   |\n+------+-----+-----+\n";
        let page = join_ruled_rows(text).expect("joined");
        assert_eq!(
            page.text,
            "表\n+------+-----+-----+\n|一、本年新收|118|1|\n+------+-----+-----+\n| 二、 | 11  | 2   |\n+------+-----+-----+\n"
        );
        // The joined line comes from line 3; the line after it from line 6.
        let line_at = |s: &str| page.source_line_at(page.text.find(s).expect(s));
        assert_eq!(line_at("|一、本年"), 3);
        assert_eq!(line_at("118"), 3);
        assert_eq!(line_at("+------+-----+-----+\n| 二"), 6);
        assert_eq!(line_at("| 二、"), 7);
    }

    #[test]
    fn box_drawing_and_a_number_below_a_label_line() {
        let text = "├──────┼───┤\n│（二）部分公开（区分│   │\n│处理的）│28 │\n├──────┼───┤\n";
        let page = join_ruled_rows(text).expect("joined");
        assert_eq!(
            page.text,
            "├──────┼───┤\n|（二）部分公开（区分处理的）|28|\n├──────┼───┤\n"
        );
        assert_eq!(page.source_line_at(page.text.find("28").expect("28")), 3);
    }

    #[test]
    fn rules_that_start_after_row_spanning_cells_end_rows() {
        // The cells on the left span both rows: the rule between the rows starts
        // after them, beside a piece of their text (`（六）`).
        let text = "├────┬──────┼───┼───┤\n│    │1.甲乙│   │   │\n│    │丙丁  │5  │6  │\n│    │戊    │   │   │\n│（六├──────┼───┼───┤\n│）其│2.子丑│   │   │\n│他  │寅卯  │7  │8  │\n│    ├──────┼───┼───┤\n";
        let page = join_ruled_rows(text).expect("joined");
        assert_eq!(
            page.text,
            "├────┬──────┼───┼───┤\n||1.甲乙丙丁戊|5|6|\n│（六├──────┼───┼───┤\n|）其他|2.子丑寅卯|7|8|\n│    ├──────┼───┼───┤\n"
        );
        // Each number at the line it stands on.
        let line_at = |s: &str| page.source_line_at(page.text.find(s).expect(s));
        assert_eq!(line_at("5|"), 3);
        assert_eq!(line_at("7|"), 7);
        assert_eq!(line_at("│（六"), 5);
        // ASCII grids draw the same (`|    | 六 +------+`).
        let text = "+----+------+---+\n|    | 1.甲 |   |\n|    | 乙   | 5 |\n| 六 +------+---+\n|    | 2.丙 | 7 |\n|    | 丁   |   |\n+----+------+---+\n";
        let page = join_ruled_rows(text).expect("joined");
        assert_eq!(
            page.text,
            "+----+------+---+\n||1.甲乙|5|\n| 六 +------+---+\n||2.丙丁|7|\n+----+------+---+\n"
        );
        // A line of empty cells is no rule.
        assert!(!is_row_boundary("│   │   │   │"));
        assert!(!is_row_boundary("|   |   |   |"));
        // Text after the junction is no rule: `│甲├─┤乙│` is a row's line.
        assert!(!is_row_boundary("│甲├──┤乙│"));
        assert!(!is_row_boundary("甲├──────┤"));
        assert!(is_row_boundary("│ 甲 │ 乙 ├──────┤"));
    }

    /// A grid hard-wrapped at a width narrower than its rule: rules and row lines
    /// are put back together, each cell at the line it stands on.
    #[test]
    fn grid_lines_a_hard_wrap_cut_are_put_together() {
        let text = "┌──────┬───┬─\n──┐\n│ 1.信 │   │\n │\n│ 访   │ 5 │\n6 │\n├──────┼───┼─\n──┤\n│ 2.重 │ 7 │\n8 │\n└──────┴───┴─\n──┘\n";
        let page = join_ruled_rows(text).expect("joined");
        assert_eq!(
            page.text,
            "┌──────┬───┬───┐\n|1.信访|5|6|\n├──────┼───┼───┤\n│ 2.重 │ 7 │8 │\n└──────┴───┴───┘\n"
        );
        let line_at = |s: &str| page.source_line_at(page.text.find(s).expect(s));
        assert_eq!(line_at("5|"), 5);
        assert_eq!(line_at("6|"), 6);
        assert_eq!(line_at("8 │"), 10);
        assert_eq!(line_at("──┤"), 8);
        // ASCII: a rule cut after a junction continues with its run.
        let text = "+----+---+\n---+\n| a  | 1 |\n 2 |\n+----+---+\n---+\n";
        let page = join_ruled_rows(text).expect("joined");
        assert_eq!(
            page.text,
            "+----+---+---+\n| a  | 1 | 2 |\n+----+---+---+\n"
        );
        // A grid whose rule was not cut: a short row line stays as printed when
        // the next opens with a border.
        let text = "+----+---+---+\n| a  | 1 |\n| 2 |\n+----+---+---+\n";
        assert!(join_ruled_rows(text).is_none());
        // Under a rule that was not cut, a row wider than its rule (a unit set
        // after its numbers) goes on on the lines that open inside a cell.
        let text = "┌────┬───┬───┐\n│ 甲 │ 1 件 │ 9\n件 │\n│ 乙 │   │   │\n└────┴───┴───┘\n";
        let page = join_ruled_rows(text).expect("joined");
        assert_eq!(
            page.text,
            "┌────┬───┬───┐\n|甲乙|1 件|9件|\n└────┴───┴───┘\n"
        );
        assert_eq!(page.source_line_at(page.text.find("9件").expect("9")), 2);
        // A row that cannot be completed (a border too many) stays as printed.
        let text = "+----+---+--\n-+\n| a  | 1 |\n| 2 | 3 |\n+----+---+---+\n";
        let page = join_ruled_rows(text).expect("the rule joined");
        assert_eq!(
            page.text,
            "+----+---+---+\n| a  | 1 |\n| 2 | 3 |\n+----+---+---+\n"
        );
    }

    #[test]
    fn never_joins_two_numbers_of_one_column() {
        // Two rows under one rule each, or a number wrapped: not certain.
        let text = "+----+----+\n| a  | 12 |\n| b  | 34 |\n+----+----+\n";
        assert!(join_ruled_rows(text).is_none());
        // Lines that do not share their borders.
        let text = "+----+----+\n| a  | 1  |\n| b  |\n+----+----+\n";
        assert!(join_ruled_rows(text).is_none());
        // A markdown table: its rule only closes the header.
        let text = "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n";
        assert!(join_ruled_rows(text).is_none());
    }
}
