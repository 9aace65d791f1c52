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
//!
//! Converters cut such tables too. A header or a row of a table parted by `|`,
//! TABs or commas that a wrap cut over lines is joined again (a header over up to
//! four lines; a row where the joined lines hold exactly the header's cells, its
//! numbers last), and the lines between the rows (a page's marker or header, a
//! label's piece) leave the table open up to section 四 (`行政复议`), where a row
//! with more numbers than columns also closes it; such a line that holds a number
//! is left out. Where no header can be put together but a line names two of
//! section 三's columns or more in another order (cells parted by spaces, whose
//! header a wrap cut: joined, a header of two rows as pdftotext lays out the
//! template's would read as one in another order), the order of the columns is
//! not known, and every line with a number after it is left out up to section
//! 四: the rows are missing, never read in the template's order.

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

/// The column words of section 三 that no label of another section's tables
/// holds (`自然人`, `商业企业`, not `其他` or `总计`, which section 四's header
/// prints too, whole or as a piece of 其他结果): a line that holds one is section
/// 三's.
fn own_words<'g>(g: &'g Grammars, lists: &[Vec<&'g str>]) -> Vec<&'g str> {
    let mut others: Vec<&str> = Vec::new();
    for t in g.templates() {
        for table in t.tables.iter().filter(|tb| tb.section != 3) {
            others.extend(table.cols().iter().map(|l| l.label.as_str()));
            others.extend(table.rows().iter().map(|l| l.label.as_str()));
            others.extend(table.groups.iter().map(|l| l.label.as_str()));
            others.extend(table.header_words.iter().map(String::as_str));
        }
    }
    let mut own: Vec<&str> = lists
        .iter()
        .flatten()
        .copied()
        .filter(|w| !others.iter().any(|o| o.contains(w)))
        .collect();
    own.sort_unstable();
    own.dedup();
    own
}

/// The words section 三's header prints besides the columns' (`申请人情况`,
/// `法人或其他组织`).
fn header_words(g: &Grammars) -> Vec<&str> {
    let mut words: Vec<&str> = g
        .templates()
        .iter()
        .filter_map(|t| t.sole_table(3))
        .flat_map(|(_, table)| table.header_words.iter().map(String::as_str))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// What the search for a moved header needs of a run's grammars, worked out once
/// a thread.
struct Words {
    /// The grammars' address: which grammars these are.
    key: usize,
    /// [`own_words`] and [`header_words`].
    own: Vec<String>,
    heads: Vec<String>,
    /// A searcher per word, first words and own words.
    finders: Vec<memchr::memmem::Finder<'static>>,
    /// Per searcher: (a first word, an own word).
    kinds: Vec<(bool, bool)>,
}

impl Words {
    fn of(g: &Grammars, key: usize, lists: &[Vec<&str>], first: &[&str]) -> Words {
        let own = own_words(g, lists);
        let mut patterns: Vec<&str> = first.iter().chain(&own).copied().collect();
        patterns.sort_unstable();
        patterns.dedup();
        let kinds = patterns
            .iter()
            .map(|p| (first.contains(p), own.contains(p)))
            .collect();
        Words {
            key,
            own: own.into_iter().map(String::from).collect(),
            heads: header_words(g).into_iter().map(String::from).collect(),
            finders: patterns
                .iter()
                .map(|p| memchr::memmem::Finder::new(p.as_bytes()).into_owned())
                .collect(),
            kinds,
        }
    }
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
        // A unit set a space after its number (`50 件`) is that number's cell;
        // the spaces typesetting prints between a number's groups of digits
        // (`1 362` with a thin space) part no cells.
        let mut out: Vec<&str> = Vec::new();
        let mut prev_start = 0;
        let parts = |c: char| c.is_whitespace() && !crate::model::value::GROUP_SPACES.contains(&c);
        for piece in line.split(parts) {
            if piece.is_empty() {
                continue;
            }
            let at = piece.as_ptr() as usize - line.as_ptr() as usize;
            if crate::parse::cells::is_unit_word(piece) && out.last().is_some_and(|c| is_value(c)) {
                out.pop();
                out.push(&line[prev_start..at + piece.len()]);
                continue;
            }
            prev_start = at;
            out.push(piece);
        }
        (Sep::Space, out)
    }
}

/// A cell that holds a number or a mark of an empty cell (quotes of a CSV field
/// taken off).
fn is_value(cell: &str) -> bool {
    let c = cell.trim_matches('"').trim();
    !c.is_empty() && crate::model::value::parse_cell(c) != crate::model::value::CellValue::Text
}

/// Whether a piece of `line` between separators or spaces is a number (not a
/// mark of an empty cell: a line of dashes is a rule).
fn holds_number(line: &str) -> bool {
    line.split(|c: char| c.is_whitespace() || matches!(c, '|' | ',' | '，'))
        .any(|p| {
            matches!(
                crate::model::value::parse_cell(p.trim_matches(['*', '_', '"'])),
                crate::model::value::CellValue::Number(..)
            )
        })
}

/// Whether `cell` names `word`: its words without markdown emphasis, and
/// without the invisible characters a converter left inside them (`组\u{200b}织`,
/// a soft hyphen), are the word.
fn names(cell: &str, word: &str) -> bool {
    let mut have = bare(cell).chars().filter(|&c| {
        !matches!(
            c,
            '\u{200b}'..='\u{200f}' | '\u{00ad}' | '\u{2060}' | '\u{feff}'
        )
    });
    let mut want = word.chars();
    loop {
        match (have.next(), want.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
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
    if corner.iter().any(|c| words.iter().any(|w| names(c, w))) {
        return None;
    }
    let mut order = Vec::with_capacity(n);
    for c in named {
        let at = words.iter().position(|w| names(c, w))?;
        if order.contains(&at) {
            return None;
        }
        order.push(at);
    }
    (order.iter().enumerate().any(|(i, &at)| i != at)).then_some(order)
}

/// Whether `line` names two of a template's applicant columns or more, each as a
/// cell of its own, in another order than the template's (left to right on one
/// line is the order of the columns, whatever else the line holds).
fn out_of_order(line: &str, lists: &[Vec<&str>], own: &[String], heads: &[String]) -> bool {
    let (_, cs) = cells(line);
    if !in_another_order(&cs, lists) {
        return false;
    }
    // Section 三's words only: section 四's header, wrapped, prints `其他` and
    // `总计` in its own order.
    if !cs.iter().any(|c| own.iter().any(|w| names(c, w))) {
        return false;
    }
    // A header word among the columns' (`自然人 法人或其他组织 总计 商业企业 …`):
    // the template's two header rows flattened into one, in their order.
    let is_col = |c: &&str| lists.iter().flatten().any(|w| names(c, w));
    let first = cs.iter().position(is_col);
    let last = cs.iter().rposition(is_col);
    if let (Some(a), Some(z)) = (first, last) {
        if cs[a..z].iter().any(|c| heads.iter().any(|w| names(c, w))) {
            return false;
        }
    }
    true
}

/// Whether the cells `cs` name columns of a list in another order than its own
/// (see [`out_of_order`]).
fn in_another_order(cs: &[&str], lists: &[Vec<&str>]) -> bool {
    // The first column stands before every other, and the middle ones in their
    // order; the last (the total) may stand anywhere: a header of two rows
    // flattened prints it after the first (`自然人 总计 商业企业 …`, the template's
    // first row, without its group word when a converter dropped that cell), and a
    // total out of its place is shown by every row's sum anyway.
    lists.iter().any(|words| {
        let total = words.len().saturating_sub(1);
        let mut last: Option<usize> = None;
        cs.iter()
            .filter_map(|c| words.iter().position(|w| names(c, w)))
            .filter(|&at| at != total)
            .any(|at| {
                // Strictly before: a word printed twice is no other order.
                let back = last.is_some_and(|l| at < l);
                last = Some(at);
                back
            })
    })
}

/// Whether `line` is past section 三's table: it names section 四's columns
/// (`行政复议`, `行政诉讼`, in its heading too) or opens with the heading of
/// section 五 (`四、` opens section 三's last row, 结转下年度继续办理).
fn ends_section_three(line: &str) -> bool {
    let t = line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '#' | '*' | '|'));
    line.contains("行政复议")
        || line.contains("行政诉讼")
        || ["五、", "五.", "五．"].iter().any(|h| t.starts_with(h))
}

/// The most lines a header or a row is looked for over (a wrap may cut one line
/// into several).
const WINDOW: usize = 6;

/// A header that names section 三's columns in another order, opening at the
/// first of `lines`: on that line, or over it and the next ones where a wrap cut
/// it inside (joined as they were cut, directly; cells parted by `|`, TABs or
/// commas only). The header as one line, and how many lines after the first it
/// took.
fn header_in(lines: &[&str], lists: &[Vec<&str>], heads: &[String]) -> Option<(String, usize)> {
    let first = *lines.first()?;
    let names = |cs: &[&str]| lists.iter().any(|l| header_order(cs, l).is_some());
    let found = |joined: &str| names(&cells(joined).1);
    let (sep, cs) = cells(first);
    if names(&cs) {
        return Some((first.to_string(), 0));
    }
    // (A line of one cell, a heading or prose, opens no header of cells parted
    // by spaces.)
    if sep == Sep::Space {
        return (cs.len() >= 2)
            .then(|| spaced_header_in(lines, lists, heads))
            .flatten();
    }
    // A header holds a corner cell and a cell per column: as many separators at
    // least as the shortest list has columns. Most windows (the template's
    // header, a cell a line) hold fewer in all their lines: none is joined.
    let fewest = lists.iter().map(Vec::len).min().unwrap_or(0);
    if lines.iter().map(|l| count_sep(l, sep)).sum::<usize>() < fewest {
        return None;
    }
    let mut joined = first.to_string();
    for (k, next) in lines.iter().enumerate().skip(1) {
        if next.trim().is_empty() || !cut_inside(&joined, next, sep) {
            break;
        }
        joined.push_str(next);
        // Fewer separators than a header's cells need: not yet a header (no
        // line split before the count says one may be there).
        if count_sep(&joined, sep) < fewest {
            continue;
        }
        if found(&joined) {
            return Some((joined, k));
        }
    }
    None
}

/// A header of cells parted by spaces that a wrap cut over `lines` (the first
/// on its own names no order): the lines joined, a word the cut fell inside
/// (`社会公益` / `组织`) put back together. Lines parted by spaces may as well be
/// the rows of a header of two rows (`自然人 总计` over `商业企业 科研机构 …`, as
/// pdftotext lays out the template's, the group's word dropped), so the joined
/// header is taken only where that cannot be: the columns but the total stand in
/// another order than the template's, no line holds a number, and no word of
/// the template's header rows (`法人或其他组织`) stands among the columns.
fn spaced_header_in(
    lines: &[&str],
    lists: &[Vec<&str>],
    heads: &[String],
) -> Option<(String, usize)> {
    let is_col = |c: &str| lists.iter().flatten().any(|w| names(c, w));
    let mut joined = lines.first()?.trim_end().to_string();
    for (k, next) in lines.iter().enumerate().skip(1) {
        let next = next.trim();
        if next.is_empty() || next.contains(['\t', '|', ',']) || holds_number(next) {
            return None;
        }
        let tail = joined.rsplit(char::is_whitespace).next().unwrap_or("");
        let head = next.split(char::is_whitespace).next().unwrap_or("");
        if !is_col(tail) && !is_col(head) && is_col(&format!("{tail}{head}")) {
            joined.push_str(next);
        } else {
            joined.push_str("  ");
            joined.push_str(next);
        }
        let (_, cs) = cells(&joined);
        if !lists.iter().any(|l| header_order(&cs, l).is_some()) {
            continue;
        }
        let first = cs.iter().position(|c| is_col(c));
        let last = cs.iter().rposition(|c| is_col(c));
        let head_among = match (first, last) {
            (Some(a), Some(z)) => cs[a..z].iter().any(|c| heads.iter().any(|w| names(c, w))),
            _ => true,
        };
        return (in_another_order(&cs, lists) && !head_among).then_some((joined, k));
    }
    None
}

/// Whether a wrap may have cut a header's line between `line` and `next`, not a
/// header of two rows end at `line`: in a pipe table, a line that does not end
/// in `|` or a next line that does not open with one (a row of its own opens
/// with `|`); with TABs or commas any line (the template's first header row holds
/// the group's word, 法人或其他组织, which no header in another order may hold).
fn cut_inside(line: &str, next: &str, sep: Sep) -> bool {
    match sep {
        Sep::Pipe => !line.trim_end().ends_with('|') || !next.trim_start().starts_with('|'),
        _ => true,
    }
}

/// How many times `sep` parts cells on `line` (commas inside quotes counted too:
/// this only says when a header cannot be there yet).
fn count_sep(line: &str, sep: Sep) -> usize {
    let b = match sep {
        Sep::Pipe => b'|',
        Sep::Tab => b'\t',
        Sep::Comma => b',',
        Sep::Space => b' ',
    };
    // (memchr: asked of every line of every window, long paragraphs among them.)
    memchr::memchr_iter(b, line.as_bytes()).count()
}

/// Row `i` of a table whose cells are parted by `sep`, short of the header's
/// `width` cells, joined with the lines after it that a wrap cut it into (as
/// they were cut, directly: the wrap keeps `|`, TABs and commas): the row as one
/// line and the lines it took, only where the joined lines hold exactly `width`
/// cells and the last `numbers` of them are numbers.
fn unwrapped_row(
    lines: &[&str],
    i: usize,
    sep: Sep,
    width: usize,
    numbers: usize,
) -> Option<(String, usize)> {
    let mut joined = lines[i].to_string();
    for (k, next) in lines.iter().enumerate().skip(i + 1).take(WINDOW - 1) {
        if next.trim().is_empty() || ends_section_three(next) {
            return None;
        }
        joined.push_str(next);
        let (s, cs) = cells(&joined);
        if s != sep || cs.len() > width {
            return None;
        }
        if cs.len() == width {
            // The numbers, all of them after the label (a short row joined with
            // the next row's label and numbers would have text among them).
            let values = cs.iter().rev().take_while(|c| is_value(c)).count();
            return (values >= numbers).then(|| (joined.clone(), k - i));
        }
    }
    None
}

/// Row `i` of a table whose cells are parted by spaces, `wanting` numbers short,
/// joined with the lines after it that hold numbers only, where they hold exactly
/// those numbers: the row as one line and the lines it took.
fn unwrapped_loose_row(lines: &[&str], i: usize, wanting: usize) -> Option<(String, usize)> {
    let mut joined = lines[i].trim_end().to_string();
    let mut found = 0;
    for (k, next) in lines.iter().enumerate().skip(i + 1).take(WINDOW - 1) {
        let (sep, cs) = cells(next);
        // A unit the cut parted from the number before it (`0` / `件  0件`) is
        // that number's.
        let numbers = match cs.split_first() {
            Some((unit, rest)) if crate::parse::cells::is_unit_word(unit) => rest,
            _ => &cs[..],
        };
        if sep != Sep::Space || numbers.is_empty() || !numbers.iter().all(|c| is_value(c)) {
            return None;
        }
        found += numbers.len();
        joined.push_str("  ");
        joined.push_str(next.trim());
        if found >= wanting {
            return (found == wanting).then_some((joined, k - i));
        }
    }
    None
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
    // Worked out once a thread for the grammars of a run (for every text, they
    // were 4% of a run on issue 13's tree).
    // The searchers of the first words and of section 三's own words, built once
    // (the words worked out for each text were 4% of a run on issue 13's tree).
    thread_local! {
        static WORDS: std::cell::RefCell<Option<std::rc::Rc<Words>>> =
            const { std::cell::RefCell::new(None) };
    }
    let key = g as *const Grammars as usize;
    let words = WORDS.with(|w| {
        let mut w = w.borrow_mut();
        match w.as_ref() {
            Some(words) if words.key == key => words.clone(),
            _ => {
                let words = std::rc::Rc::new(Words::of(g, key, &lists, &first_words));
                *w = Some(words.clone());
                words
            }
        }
    });
    let (finders, kinds) = (&words.finders, &words.kinds);
    let (own, heads) = (&words.own, &words.heads);
    // Only a line that holds a first word can be such a header: those lines are
    // looked at before any line is split (the rewrite below splits every line).
    let bytes = text.as_bytes();
    // The lines (by their start) a header may open at: the line of a first word,
    // and the ones before it that a header cut by a wrap may have started on.
    let mut starts: Vec<usize> = Vec::new();
    let mut own_at: Vec<usize> = Vec::new();
    let mut first_at: Vec<usize> = Vec::new();
    // Lines of an own word beside other text: a wrap may cut the first word
    // itself (`自` / `然人`), so these open windows too. (A line of the word
    // alone, as the template's header set one cell a line, opens none: most
    // texts print their header so, and each window costs a look.)
    let mut beside_at: Vec<usize> = Vec::new();
    for (f, &(first, own)) in finders.iter().zip(kinds) {
        for at in f.find_iter(bytes) {
            if own {
                own_at.push(at);
                let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
                let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
                let around = |b: &[u8]| {
                    b.iter()
                        .any(|c| !matches!(c, b' ' | b'\t' | b'\r' | b'|' | b'*' | b'#'))
                };
                if around(&bytes[start..at]) || around(&bytes[at + f.needle().len()..end]) {
                    beside_at.push(at);
                }
            }
            if first {
                first_at.push(at);
            }
        }
    }
    for &at in first_at.iter().chain(&beside_at) {
        let mut start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        for _ in 0..WINDOW {
            starts.push(start);
            if start == 0 {
                break;
            }
            start = memchr::memrchr(b'\n', &bytes[..start - 1]).map_or(0, |i| i + 1);
        }
    }
    starts.sort_unstable();
    starts.dedup();
    let lines_from = |start: usize| {
        text[start..]
            .split('\n')
            .take(WINDOW)
            .map(|l| l.trim_end_matches('\r'))
            .collect::<Vec<_>>()
    };
    // A line that names two columns or more in another order (a piece of such a
    // header, which a wrap cut): its table is not read in the template's order.
    let line_at = |at: usize| {
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        text.get(start..end).unwrap_or("")
    };
    // Each line that holds a word only section 三 prints, looked at once, and
    // split only when it holds two column words or more.
    let moved_piece = || {
        let mut seen: Vec<usize> = Vec::new();
        own_at.iter().any(|&at| {
            let line = line_at(at);
            let start = line.as_ptr() as usize - text.as_ptr() as usize;
            if seen.contains(&start) {
                return false;
            }
            seen.push(start);
            let words = lists
                .iter()
                .flatten()
                .filter(|w| line.contains(**w))
                .count();
            words >= 2 && out_of_order(line, &lists, own, heads)
        })
    };
    if !starts
        .iter()
        .any(|&s| header_in(&lines_from(s), &lists, heads).is_some())
        && !moved_piece()
    {
        return None;
    }
    let mut notes: Vec<(u32, String)> = Vec::new();
    // The table being rewritten: its separator, header width and order.
    let mut open: Option<(Sep, usize, Vec<usize>)> = None;
    let mut read = |lines: &[&str], i: usize| -> Option<(String, usize)> {
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
            // Under a header whose order is not known (no order): every line
            // with a number is left out, up to section 四.
            if order.is_empty() {
                let most = lists.iter().map(Vec::len).max().unwrap_or(0);
                let most = if sep.loose() { 2 * most } else { most };
                let values = cs.iter().rev().take_while(|c| is_value(c)).count();
                if ends_section_three(line) || values > most {
                    open = None;
                } else if holds_number(line) {
                    return short(
                        &mut notes,
                        "numbers in columns whose order the header, cut over lines, does not say"
                            .to_string(),
                    );
                } else {
                    // The labels go too: one left waiting would take numbers
                    // further down that are not its own.
                    return Some((String::new(), 0));
                }
            }
            let values = cs.iter().rev().take_while(|c| is_value(c)).count();
            // Every table ends at section 四, and where a row holds more numbers
            // than the header has columns (a table of section 四 whose words an
            // OCR slip or a heading's damage hid).
            // (Cells parted by spaces print a number in groups, `3 119`, as two:
            // there only twice the columns' count is past the table.)
            let past = if sep.loose() { 2 * n } else { n };
            let ends = ends_section_three(line) || values > past;
            if !sep.loose() && *s == sep && !ends {
                if is_rule(cs) {
                    return None;
                }
                let whole = cs.len() > n && cs.iter().rev().take(n).all(|c| is_value(c));
                if !whole {
                    // A row a wrap cut over lines (a TAB or comma left at the end
                    // of the first, its last cells on the next): joined where that
                    // gives it the header's cells exactly.
                    if let Some((joined, taken)) = unwrapped_row(lines, i, sep, width, n) {
                        let (_, cs) = cells(&joined);
                        return Some((row(sep, &in_order(&cs, &order)), taken));
                    }
                    let what = if cs.len() > n {
                        format!("a cell without a number among its last {n}")
                    } else {
                        format!("{} cells, fewer than the header's {width}", cs.len())
                    };
                    return short(&mut notes, what);
                }
                return Some((row(sep, &in_order(cs, &order)), 0));
            }
            // A line without the table's separator inside it (a page's marker or
            // header, a label a wrap cut off its row) leaves the table open: the
            // rows after it are the table's still.
            // Such a line that holds a number is no row this reading can put in
            // order: left out, not read in the template's order.
            if !sep.loose() && !ends {
                if holds_number(line) {
                    return short(&mut notes, "its cells parted otherwise".to_string());
                }
                return None;
            }
            // A loose table's lines that end in words (a label wrapped, a group's
            // heading) are no rows; one with a number among its words is left out.
            if sep.loose() && !ends {
                if !cs.last().is_some_and(|c| is_value(c)) {
                    if holds_number(line) {
                        return short(&mut notes, "words after its numbers".to_string());
                    }
                    return None;
                }
                // A row of numbers only under its label's line (a converter set
                // the label above): its numbers in order, the label left where it is.
                let under_label = i > 0 && {
                    let (_, above) = cells(lines[i - 1]);
                    above.last().is_some_and(|c| !is_value(c)) && !holds_number(lines[i - 1])
                };
                // A row a wrap cut after some of its numbers: the lines after it
                // that hold numbers only bring it to the header's count.
                if values < n && (cs.len() > values || under_label) {
                    if let Some((joined, taken)) = unwrapped_loose_row(lines, i, n - values) {
                        let (_, cs) = cells(&joined);
                        return Some((row(*s, &in_order(&cs, &order)), taken));
                    }
                }
                if values == n && cs.len() == n && under_label {
                    return Some((row(*s, &in_order(cs, &order)), 0));
                }
                // More numbers than columns: a number in groups, or cells of
                // another table; which is which is not known.
                if values != n || cs.len() == n {
                    return short(&mut notes, format!("{values} numbers, not {n}"));
                }
                return Some((row(*s, &in_order(cs, &order)), 0));
            }
            open = None;
        }
        let window: Vec<&str> = lines[i..lines.len().min(i + WINDOW)].to_vec();
        let Some((joined, taken)) = header_in(&window, &lists, heads) else {
            if out_of_order(line, &lists, own, heads) {
                notes.push((
                    i as u32 + 1,
                    "this line names applicant columns in another order than the template's, but no one line names them all (a header cut over lines?): the order of the table's columns is not known, so its rows are not read".to_string(),
                ));
                open = Some((parsed.0, 0, Vec::new()));
                return Some((line.to_string(), 0));
            }
            return None;
        };
        let (sep, cs) = cells(&joined);
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
        let header = row(sep, &all);
        open = Some((sep, width, order));
        Some((header, taken))
    };
    // Lines of words just above the line at hand (a row's label set above its
    // numbers, or wrapped): when that row is left out, they go too, or the label
    // would take numbers further down that are not its own.
    // (A line of words right after a row that was read is the rest of that
    // row's label, printed below its numbers: it stays.)
    let mut above: Vec<usize> = Vec::new();
    let mut blanked: Vec<usize> = Vec::new();
    let mut after_row = false;
    let page = super::rewrite_spans(text, |lines, i| {
        let r = read(lines, i);
        let line = lines[i];
        match &r {
            Some((s, 0)) if s.is_empty() && holds_number(line) => {
                blanked.append(&mut above);
                after_row = false;
            }
            None if line.trim().is_empty() => {}
            None if !holds_number(line) => {
                if !after_row {
                    above.push(i);
                    if above.len() > MOST_ABOVE {
                        above.remove(0);
                    }
                }
                after_row = false;
            }
            Some((s, _)) if !s.is_empty() => {
                above.clear();
                // (A header, written with the first column's word, is no row.)
                after_row = !first_words.iter().any(|w| s.contains(w));
            }
            _ => {
                above.clear();
                after_row = false;
            }
        }
        r
    });
    page.map(|mut page| {
        // Each left out in place (spaces for its bytes: every offset after it
        // stays where it is).
        let mut starts = vec![0usize];
        starts.extend(memchr::memchr_iter(b'\n', page.text.as_bytes()).map(|k| k + 1));
        let mut bytes = std::mem::take(&mut page.text).into_bytes();
        for &k in &blanked {
            let (Some(&a), Some(&z)) = (starts.get(k), starts.get(k + 1)) else {
                continue;
            };
            bytes[a..z - 1].fill(b' ');
            notes.push((
                k as u32 + 1,
                "the words of a row that is not read (its label set above its numbers, or wrapped) are left out with it, so that they take no numbers further down".to_string(),
            ));
        }
        page.text = String::from_utf8(bytes).unwrap_or_default();
        page.notes.extend(notes);
        page
    })
}

/// The most lines of words above a row that go with it when it is left out (a
/// label wrapped over three lines).
const MOST_ABOVE: usize = 3;

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
        // Numbers grouped by thin spaces (`1 362`) are one cell each: the row is
        // short of numbers and left out, not read as seven pieces.
        let text = "申请人情况  总计  自然人  商业企业  科研机构  社会公益组织  法律服务机构  其他\n予以公开  1\u{2009}362  1\u{2009}288  21  50  3\n";
        let page = reorder_columns(text, g()).expect("changed");
        assert_eq!(page.text.lines().nth(1), Some(""));
        let (_, cs) = cells("予以公开  1\u{2009}362  21");
        assert_eq!(cs, ["予以公开", "1\u{2009}362", "21"]);
        // Commas, a quoted number among them.
        let text = "申请人情况,总计,自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他\n予以公开,\"1,290\",\"1,288\",1,0,0,1,0\n";
        let page = reorder_columns(text, g()).expect("changed");
        assert_eq!(
            page.text.lines().nth(1),
            Some("予以公开,\"1,288\",1,0,0,1,0,\"1,290\"")
        );
    }

    /// A header and rows a wrap cut over lines are joined (a pipe table's line
    /// that does not end in `|`, TAB rows short of cells); a page's header
    /// between the rows leaves the table open; section 四 closes it.
    #[test]
    fn wrapped_headers_and_rows_are_joined() {
        let text = "| 申请人情况 | 总计 | 商业\n企业 | 自然人 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |\n|---|---|---|---|---|---|---|---|\n| 予以公开 | 9 | 1 | 3 |\n0 | 0 | 5 | 0 |\n";
        let page = reorder_columns(text, g()).expect("changed");
        assert_eq!(
            page.text,
            "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n\n|---|---|---|---|---|---|---|---|\n| 予以公开 | 3 | 1 | 0 | 0 | 5 | 0 | 9 |\n\n"
        );
        // A pipe header cut at a cell's border: the next line opens with no `|`.
        let text = "| 申请人情况 | 社会公益组\n织 | 法律服务机构 | 总计 |\n自然人 | 科研机构 | 其他 |\n商业企业 |\n| 予以公开 | 0 | 5 | 9 | 3 | 0 | 0 | 1 |\n";
        let page = reorder_columns(text, g()).expect("changed");
        assert_eq!(
            page.text.lines().nth(4),
            Some("| 予以公开 | 3 | 1 | 0 | 0 | 5 | 0 | 9 |")
        );
        let text = "申请人情况\t总计\t商业企业\t自然人\t科研机构\n\t社会公益组织\t法律服务机构\t其他\n予以公开\t9\t1\t3\t0\t0\n\t5\t0\n2024 年度报告\n重复申请\t2\t0\t2\t0\t0\t0\t0\n四、行政复议\n行政复议\t1\t2\t3\t4\t5\t6\t7\n";
        let page = reorder_columns(text, g()).expect("changed");
        let lines: Vec<&str> = page.text.lines().collect();
        assert_eq!(
            lines[0],
            "申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计"
        );
        assert_eq!(lines[2], "予以公开\t3\t1\t0\t0\t5\t0\t9");
        // A line with a number that is no row (a page's header) is left out too.
        assert_eq!(lines[4], "");
        assert_eq!(lines[5], "重复申请\t2\t0\t0\t0\t0\t0\t2");
        assert_eq!(lines[7], "行政复议\t1\t2\t3\t4\t5\t6\t7");
    }

    /// Invisible characters inside a header's words hide none of them.
    #[test]
    fn invisible_characters_inside_words_are_passed_over() {
        let text = "| 申请人情况 | 总\u{200b}计 | 自然人 | 商业企业 | 科研机构 | 社会公益组\u{ad}织 | 法律服务机构 | 其他 |\n| 予以公开 | 9 | 3 | 1 | 0 | 0 | 5 | 0 |\n";
        let page = reorder_columns(text, g()).expect("changed");
        assert_eq!(
            page.text.lines().nth(1),
            Some("| 予以公开 | 3 | 1 | 0 | 0 | 5 | 0 | 9 |")
        );
        assert!(names("**组\u{200b}织**", "组织"));
        assert!(!names("组织机构", "组织"));
    }

    /// A header of cells parted by spaces that a wrap cut over lines, a word cut
    /// in two among them: joined, where the columns stand in another order than
    /// the template's; a row a wrap cut after some of its numbers is joined with
    /// the numbers below it, and a row of numbers under its label's line is put in
    /// order too.
    #[test]
    fn a_spaced_header_cut_over_lines_is_joined() {
        let text = "申请人情况  法律服务机构  社会公益\n组织  自然人  商业企业  科研机构\n其他  总计\n予以公开  5  0  3  1\n0  0  9\n一、本年新收\n1  0  0  0  0  0  1\n";
        let page = reorder_columns(text, g()).expect("changed");
        assert_eq!(
            page.text,
            "申请人情况  自然人  商业企业  科研机构  社会公益组织  法律服务机构  其他  总计\n\n\n予以公开  3  1  0  0  5  0  9\n\n一、本年新收\n0  0  0  0  1  0  1\n"
        );
        // The first word cut (`自` / `然人`); a row of numbers under its label a wrap
        // cut between a number and its unit (`1` / `件`).
        let text = "申请人情况  法律服务\n机构  科研机构  商业\n企业  其他  总计  自\n然人  社会公益组织\n一、本年新收\n5件  0件  0件  1\n件  11件\n3件  2件\n";
        let page = reorder_columns(text, g()).expect("changed");
        assert_eq!(
            page.text.lines().skip(4).take(2).collect::<Vec<_>>(),
            ["一、本年新收", "3件  0件  0件  2件  5件  1  件  11件"]
        );
        // A row left out takes the label lines above it along (spaces in their
        // place): a label left waiting would take the next row's numbers.
        let text = "申请人情况,总计,商业企业,自然人,法律服务机构,科研机构,社会公益组织,其他\n5.要求行政机关确认或重新出\n具已获取信息,1,n/a,1,n/a,n/\n信,71,3,67,1,n/a,n/a,n/a\n";
        let page = reorder_columns(text, g()).expect("changed");
        assert_eq!(
            page.text.lines().skip(1).collect::<Vec<_>>(),
            [
                " ".repeat("5.要求行政机关确认或重新出".len()).as_str(),
                "",
                "信,67,3,n/a,n/a,1,n/a,71"
            ]
        );
        // Lines with the group's word among the columns are no header a wrap cut:
        // not joined; the line naming columns out of order leaves the rows out.
        let text = "申请人情况  法律服务机构  法人或其他组织\n社会公益组织  自然人  商业企业  科研机构\n其他  总计\n予以公开  5  0  3  1  0  0  9\n";
        let page = reorder_columns(text, g()).expect("changed");
        assert_eq!(
            page.text,
            "申请人情况  法律服务机构  法人或其他组织\n社会公益组织  自然人  商业企业  科研机构\n\n\n"
        );
    }

    /// A line that names columns in another order where no header can be put
    /// together (a column lost): the lines with numbers after it are left out up
    /// to section 四, with a note. A header of two rows in the template's order, as
    /// pdftotext lays it out, and section 四's wrapped header (`其他` before `总计`
    /// again) change nothing.
    #[test]
    fn a_header_in_another_order_that_cannot_be_joined_leaves_the_rows_out() {
        let text = "申请人情况  总计  商业企业  自然人\n科研机构  社会公益组织  其他\n予以公开  9  1  3  0  0  5  0\n四、政府信息公开行政复议、行政诉讼情况\n0 0 0 0 0\n";
        let page = reorder_columns(text, g()).expect("changed");
        assert_eq!(
            page.text,
            "申请人情况  总计  商业企业  自然人\n\n\n四、政府信息公开行政复议、行政诉讼情况\n0 0 0 0 0\n"
        );
        assert_eq!(page.notes.len(), 2);
        for text in [
            "申请人情况\n        自然人                    总计\n   商业企业 科研机构 社会公益组织 法律服务机构 其他\n予以公开  3  1  0  0  5  0  9\n",
            "等于第三项加第四项之和） 自然人 总计 商业企 科研机 社会公益 法律服务 其他 业 构 组织 机构 一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119\n",
            "结果 结果 其他 尚未 总计 结果 结果 其他 尚未 总计\n维持 纠正 结果 审结 维持 纠正 结果 审结\n0 0 0 0 0 0 0 0 0 0\n",
        ] {
            assert!(reorder_columns(text, g()).is_none(), "{text}");
        }
    }

    /// The template's order, a header flattened from two rows (the group's word
    /// among the columns), a column named twice or left out, text not in cells:
    /// nothing is changed.
    #[test]
    fn other_headers_change_nothing() {
        for text in [
            "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n| 予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n",
            "申请人情况\t自然人\t法人或其他组织\t总计\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n",
        ] {
            assert!(reorder_columns(text, g()).is_none(), "{text}");
        }
        // Headers in another order that name a column twice, leave one out or
        // have no corner cell are no order to read in: their rows are left out.
        // (Where only the total is out of its place, every row's sum shows it.)
        for header in [
            "| 申请人情况 | 总计 | 商业企业 | 自然人 | 商业企业 | 社会公益组织 | 法律服务机构 | 其他 |",
            "| 申请人情况 | 总计 | 自然人 | 社会公益组织 | 商业企业 | 法律服务机构 | 其他 |",
            "| 商业企业 | 自然人 | 总计 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |",
        ] {
            let text = format!("{header}\n| 予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n");
            let page = reorder_columns(&text, g()).expect("changed");
            assert_eq!(page.text, format!("{header}\n\n"), "{header}");
        }
    }
}
