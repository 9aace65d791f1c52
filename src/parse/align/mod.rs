//! The token stream of a section aligned to the template: labels are anchors, the
//! numbers after them fill their rows.
//!
//! The template knows how many columns each row has. So a row label followed by
//! exactly that many numbers fills the row, whether the numbers stand on its line,
//! on the next line(s), or in a block of number rows after a block of labels in the
//! same order. Column headers only name columns (numbers are read in the
//! template's column order); a line of headers printed again, or invented by a
//! converter (`| 类别 | 数据1 | … |`), is passed over. Where the count of numbers
//! does not fit the labels before them, nothing is guessed: the rows stay missing
//! and a warning names the line.

use crate::grammar::normalize::{fold, strip_enumerator};
use crate::grammar::{Symbol, Template};
use crate::model::diag::Diag;
use crate::model::tables::ShortRow;
use crate::model::value::{trim, CellValue};
use crate::parse::lines::LineIndex;
use crate::parse::scan::Hits;
use crate::parse::template::{clip, scan, Axis, LabelRead, Slot, State, Tables};
use crate::parse::tokens::{tokenize, LineKind, TokKind, TokLine, Token};

mod block;
mod cut;
mod frame;
pub(crate) use frame::drop_frame_cells;
pub(crate) mod joins;
mod near;
mod placed;
mod split;
mod unlabelled;
mod wrapped;

pub(crate) use placed::{row_in_place, Waiting};

/// A row whose label was read and which waits for its numbers.
struct Queued {
    table: usize,
    row: usize,
    text: String,
    line: u32,
    /// The last line of the label (a wrapped label's continuation).
    last_line: u32,
}

/// Rows filled from one run of numbers of which some had no label.
struct Tentative {
    table: usize,
    /// Every row the run filled, with the line of its first number.
    filled: Vec<(usize, u32)>,
    /// The rows without a label, with the line of their first number.
    unlabelled: Vec<(usize, u32)>,
    /// The last labelled row before them.
    after: usize,
    /// Text that named no label stood among the labels of the run (a label
    /// misread or damaged): the run's rows may be shifted by it.
    doubtful: bool,
}

/// How the numbers after a block of row labels run.
enum Order {
    /// Along the rows, as the text reads.
    Along,
    /// Down the columns: what an extractor that reads a ruled table column by
    /// column prints.
    Down,
    /// Down the columns, as the lines show: a line per column, each holding a
    /// number of every row.
    DownByLines,
    /// Either: the rows stay missing.
    Unknown,
}

/// Whether a number is printed with a leading zero (`00`, `-012`): digits of
/// cells run together, not one count.
fn run_together(raw: &str) -> bool {
    let b = raw.trim().trim_start_matches(['+', '-']).as_bytes();
    b.len() > 1 && b[0] == b'0' && b[1].is_ascii_digit()
}

/// A value token with its line.
#[derive(Clone)]
struct Val<'a> {
    tok: Token<'a>,
    line: u32,
}

struct Aligner<'r, 'a> {
    text: &'a str,
    tpl: &'r Template,
    section: u8,
    out: &'r mut Tables,
    diags: &'r mut Vec<Diag>,
    current: usize,
    /// Whether a row label was seen (then `总计` names the total row, not a column).
    rows_zone: bool,
    queue: Vec<Queued>,
    group: Vec<Val<'a>>,
    /// Runs of numbers that filled rows without a label, to confirm at the end.
    tentative: Vec<Tentative>,
    /// A line where a damaged number stood among a row's numbers: its other
    /// numbers are set aside.
    damaged: Option<u32>,
    /// Rows set aside for a damaged number: empty cells after their label met
    /// again (a wrapped label's next line, `| 继续办理 |  |  |`) are the grid.
    set_aside: Vec<(usize, usize)>,
    /// Inside a grid whose rules part its rows (`+---+---+`): the line of the
    /// first number since the last rule.
    ruled_row: Option<Option<u32>>,
    /// Lines of a ruled row after the line of its numbers: their empty cells are
    /// the grid of its wrapped label, not cells.
    ruled_rest: Vec<u32>,
    /// Cells of `group` that held two numbers parted by a line break
    /// (`2<br>146`), read as two cells: the rows they fill must show it.
    broken_cells: Vec<(&'a str, u32)>,
    /// Lines of text set aside as naming no label, since the last run of numbers.
    unknown: Vec<u32>,
    /// Text among them holds a digit (`２，l５４`): a number a converter or OCR
    /// damaged, which may be the numbers of a label waiting.
    unknown_digits: bool,
    /// The table whose caption was read last (section 二: the item being read).
    captioned: Option<usize>,
    /// The last text that named nothing, with its line, while no label followed.
    unnamed: Option<(&'a str, u32)>,
    /// The last row whose label was read: (table, row).
    last_row: Option<(usize, usize)>,
    /// Rows of numbers after a text that names nothing, placed once the next
    /// label shows where they stand ([`placed`]).
    placed: Vec<placed::Placed<'a>>,
    /// The rows read by their place: (table, row).
    placed_rows: Vec<(usize, usize)>,
    /// Text follows the section (a later section, the signature): the text was not
    /// cut short in it.
    more_follows: bool,
    /// The text ends with a line break: its last line was written whole, not cut
    /// off in the middle (a download cut short stops at any byte).
    ends_whole: bool,
    /// The token before the one being read, when it was text, with its line: a
    /// `总计` after a column's word on its line closes a header, it is no row label.
    prev_text: Option<(&'a str, u32)>,
    /// The content line before the one being read, when it held one text token and
    /// nothing else: a converter that writes every cell on a line of its own puts a
    /// column's word (`数据6`) alone on the line before `总计`.
    lone_text: Option<(&'a str, u32)>,
    /// Lines in a block of row labels that start like a row label (`2.`, `（三）`)
    /// but name none (OCR garbled it): with the index in the queue they stand
    /// before, their line and their text.
    unread: Vec<(usize, u32, &'a str)>,
    /// A markdown table rule (`|---|`) follows the line being read: it closes a
    /// header row. (Dashes between the rows of other layouts close nothing.)
    rule_follows: bool,
    /// Queued labels (table, row, line) that are the end of the label of the row
    /// read last, printed after its numbers: they wait for no numbers.
    rests: Vec<(usize, usize, u32)>,
    /// Section 四: the rows named together on the last header line that named two or
    /// more (`未经复议直接起诉 复议后起诉` over 行政诉讼's columns), in its order.
    four_header: Vec<(usize, usize, u32)>,
    /// Lines that a markdown table rule follows: the header rows of their tables.
    ruled_heads: Vec<u32>,
    /// The line of the last text read as a column's word, while no number and no
    /// row's label followed it (a header printed again on a new page among the rows,
    /// one word a line).
    col_word: Option<u32>,
    /// The last label among section 三's rows named a column (a table printed
    /// with rows and columns swapped: `| 法律服务机构 | 5 | …`): a bare `其他`
    /// after it is that column too, not the row `3.其他`.
    col_row: bool,
    /// `col_word` when the first number of `group` was read.
    group_col: Option<u32>,
    /// Labels of rows already filled that waited for numbers until their table
    /// ended (table, row, line), in their order: labels a converter printed after
    /// the numbers.
    late_labels: Vec<(usize, usize, u32)>,
    /// The last label scan of a slice of the text, by where the slice lies: see
    /// [`Aligner::scan_text`].
    scanned: std::cell::RefCell<Option<((usize, usize), Hits<'r, 'a>)>>,
    /// Rows a block of labels filled while a text that names nothing stood in it,
    /// until the next numbers show whether the block had a row more.
    block: Option<block::Block>,
    /// Rows whose numbers a tail of their label parted over two lines (table,
    /// row, line of the tail, whether the numbers before it stood a box a line,
    /// whether a piece of the label stands there: not so for a row whose numbers
    /// go on on the line after its label's, see [`Self::parted_by_height`]):
    /// kept only where the sums down their columns say so.
    split: Vec<(usize, usize, u32, bool, bool)>,
    /// The widths of the region's content lines, in columns (a CJK character
    /// two), widest first.
    widths: Vec<usize>,
    /// Row labels whose head stands before the row's numbers and whose tail on
    /// the next line alone (a narrow label column of an HTML table as a text
    /// browser wraps it): the tail token's offset, the row, and the whole label.
    /// See [`wrapped`].
    tail_labels: Vec<(usize, usize, usize, String)>,
    /// A table tool's frame: the index the last line opened with (`Some(None)`
    /// after a line of column numbers), see [`frame`].
    frame_index: Option<Option<u32>>,
    /// How many columns the frame's column numbers named.
    frame_columns: u32,
    /// Whether the frame's column numbers stand after an empty cell, the index
    /// column's place: its rows open with their index.
    frame_indexed: bool,
    /// The display column where the first of a frame's column numbers stands on
    /// its line (text printed by a table tool, spaces between its cells).
    frame_first_col: Option<usize>,
    /// Lines since the last one that opened with a frame's index.
    frame_gap: u8,
    /// The first column of the frame's next block, when its column numbers ended
    /// in `\` (pandas prints a frame too wide for its lines in blocks).
    frame_next: Option<u32>,
}

/// Whether `raw` opens with a whole number and a space before more text.
fn opens_with_number(raw: &str) -> bool {
    let t = raw.trim_start();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    digits > 0 && t[digits..].starts_with([' ', '\t', '\u{3000}'])
}

/// `2<br>146`: two counts in one cell parted by an HTML line break, as two number
/// tokens (their raw text and offsets those of the two counts); `None` for
/// anything else.
fn broken_pair<'a>(tok: &Token<'a>) -> Option<[Token<'a>; 2]> {
    let raw = tok.raw;
    // Asked of every text among a row's numbers: one byte search first.
    let at = memchr::memchr(b'<', raw.as_bytes())?;
    let len = ["<br>", "<br/>", "<br />"]
        .iter()
        .find(|b| raw[at..].starts_with(**b))?
        .len();
    let count = |s: &'a str| -> Option<&'a str> {
        let t = s.trim();
        (!t.is_empty()
            && t.len() <= 9
            && t.bytes().all(|b| b.is_ascii_digit())
            && (t == "0" || !t.starts_with('0')))
        .then_some(t)
    };
    let a = count(&raw[..at])?;
    let b = count(&raw[at + len..])?;
    let piece = |t: &'a str| {
        let off = t.as_ptr() as usize - raw.as_ptr() as usize;
        Token {
            raw: t,
            offset: tok.offset + off,
            kind: TokKind::Value(crate::model::value::parse_cell(t)),
            remark: None,
        }
    };
    Some([piece(a), piece(b)])
}

/// Text that starts with a sub-row's enumerator, `2.` or `3、`, and goes on with
/// text. (A group's `（三）` is left out: PDF text cuts a group's title that spans
/// its rows into pieces, `（三）不予` / `公开`, which continue nothing and name no row.)
fn starts_enumerated(raw: &str) -> bool {
    let t = raw.trim_start();
    // ASCII or full-width digits (`２.`).
    let digits: usize = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .map(char::len_utf8)
        .sum();
    let count = t[..digits].chars().count();
    (1..=2).contains(&count)
        && t[digits..]
            .strip_prefix(['.', '．', '、'])
            .is_some_and(|rest| rest.trim().chars().count() >= 2)
}

/// Whether text opens a row or a group of rows: a sub-row's enumerator
/// ([`starts_enumerated`]), a group's (`（一）`, `(三)`) or a top row's (`四、`)
/// before its words. Such
/// text is never the next line of a wrapped label, even when its words name
/// nothing (`（一）予以公幵`, OCR's 幵 for 开).
pub(crate) fn opens_row(raw: &str) -> bool {
    // Markdown's marks before it (`**（七）总计`, `> 2.重复申请`) hide nothing.
    let raw = raw.trim_start_matches(|c: char| c.is_whitespace() || "*_#>|".contains(c));
    if starts_enumerated(raw) {
        return true;
    }
    // A top row's `四、` before a piece of its words (`四、结`: a grid's cell
    // that wraps 四、结转下年度继续办理 over four lines).
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let rest = raw.trim_start_matches(numeral);
    let numerals = (raw.len() - rest.len()) / '一'.len_utf8();
    if (1..=2).contains(&numerals)
        && rest
            .strip_prefix('、')
            .is_some_and(|r| r.trim().chars().count() >= 1)
    {
        return true;
    }
    let mut c = raw.chars();
    matches!(c.next(), Some('（' | '('))
        && c.next().is_some_and(numeral)
        && matches!(c.next(), Some('）' | ')'))
        && c.as_str().trim().chars().count() >= 2
}

#[cfg(test)]
mod enumerated_tests {
    use super::{opens_row, starts_enumerated};

    #[test]
    fn a_groups_enumerator_then_text() {
        assert!(opens_row("（一）予以公幵"));
        assert!(opens_row("(三) 不予公开"));
        assert!(opens_row("2. 童复甲请"));
        assert!(opens_row("**（七）总计"));
        assert!(opens_row("> 2.重复申请"));
        // A wrapped label's next line in parentheses opens nothing.
        assert!(!opens_row("（区分处理的，只计这一情形，不计其他情形）"));
        assert!(!opens_row("（一）"));
        assert!(!opens_row("公开"));
        // A top row's enumerator before a piece of its words (a grid cell's
        // first line): a row; the enumerator alone, or a heading's numeral run
        // on, is none.
        assert!(opens_row("四、结"));
        assert!(opens_row("四、结转下年度继续办理"));
        assert!(!opens_row("四、"));
        assert!(!opens_row("四十五、"));
    }

    #[test]
    fn a_sub_rows_enumerator_then_text() {
        assert!(starts_enumerated("2. 童复甲请"));
        assert!(starts_enumerated("２.重夏申请"));
        assert!(starts_enumerated(" 12、其他"));
        assert!(!starts_enumerated("（三）不予"));
        assert!(!starts_enumerated("2."));
        assert!(!starts_enumerated("2.5"));
        assert!(!starts_enumerated("123.属于"));
        assert!(!starts_enumerated("公开"));
    }
}

/// Whether a value's text is one digit from 1 to 9 (spaces around it, and markup
/// after it, passed over): what [`Aligner::cut_enumerator`] asks of every value.
fn lone_digit(raw: &str) -> bool {
    // A first byte that is printed ASCII needs no trimming to be told (the
    // Unicode `trim_start` was a call a value, callgrind on issue 13's tree).
    let t = match raw.as_bytes().first() {
        Some(b'1'..=b'9') => raw,
        Some(&b) if b < 0x80 && !matches!(b, b' ' | b'\t'..=b'\r') => return false,
        _ => raw.trim_start(),
    };
    if t.len() > 12 || !matches!(t.as_bytes().first(), Some(b'1'..=b'9')) {
        return false;
    }
    // One digit alone is its own digit: nothing to trim or strip.
    t.len() == 1 || crate::parse::template::strip_trailing_markup(t.trim_end()).len() == 1
}

#[cfg(test)]
#[test]
fn lone_digit_reads_as_the_trims() {
    let slow = |raw: &str| {
        let t = raw.trim_start();
        t.len() <= 12
            && matches!(t.as_bytes().first(), Some(b'1'..=b'9'))
            && crate::parse::template::strip_trailing_markup(t.trim_end()).len() == 1
    };
    for raw in [
        "",
        "3",
        "0",
        "13",
        " 3",
        "\u{a0}3",
        "\u{3000}3 ",
        "3&nbsp;",
        "3 **",
        "3<br>",
        "a",
        "-3",
        "3.5",
        "9\t",
        "\t",
        "12345678901234",
        "  7",
        "３",
    ] {
        assert_eq!(lone_digit(raw), slow(raw), "{raw:?}");
    }
}

/// Whether text holds an ASCII or a full-width digit.
fn has_digit(raw: &str) -> bool {
    raw.bytes().any(|b| b.is_ascii_digit()) || raw.chars().any(|c| ('０'..='９').contains(&c))
}

/// `总计` or `合计` and nothing else.
fn is_total_word(raw: &str) -> bool {
    matches!(trim(raw), "总计" | "合计")
}

/// Reads the table(s) of one section from `text[start..end]` by aligning its
/// tokens to the template.
#[allow(clippy::too_many_arguments)]
pub fn read_stream(
    text: &str,
    start: usize,
    end: usize,
    section: u8,
    tpl: &Template,
    li: &LineIndex,
    out: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    let mut lines = tokenize(text, start, end, li);
    let mut a = Aligner {
        text,
        tpl,
        section,
        out,
        diags,
        current: tpl.section_tables(section).next().map_or(0, |(i, _)| i),
        rows_zone: false,
        queue: Vec::new(),
        group: Vec::new(),
        tentative: Vec::new(),
        damaged: None,
        set_aside: Vec::new(),
        ruled_row: None,
        ruled_rest: Vec::new(),
        broken_cells: Vec::new(),
        unknown: Vec::new(),
        unknown_digits: false,
        captioned: None,
        unnamed: None,
        last_row: None,
        placed: Vec::new(),
        placed_rows: Vec::new(),
        more_follows: text.get(end..).is_some_and(|t| !t.trim().is_empty()),
        ends_whole: text.ends_with('\n'),
        prev_text: None,
        lone_text: None,
        unread: Vec::new(),
        rule_follows: false,
        rests: Vec::new(),
        four_header: Vec::new(),
        ruled_heads: Vec::new(),
        col_word: None,
        col_row: false,
        group_col: None,
        late_labels: Vec::new(),
        scanned: Default::default(),
        block: None,
        split: Vec::new(),
        widths: Vec::new(),
        tail_labels: Vec::new(),
        frame_index: None,
        frame_columns: 0,
        frame_indexed: false,
        frame_first_col: None,
        frame_gap: 0,
        frame_next: None,
    };
    a.join_wrapped_labels(&mut lines);
    a.widths = lines
        .lines
        .iter()
        .filter(|l| l.kind == LineKind::Content)
        .map(|l| split::columns(l.raw.trim_end()))
        .collect();
    a.widths.sort_unstable_by(|x, y| y.cmp(x));
    for (i, l) in lines.lines.iter().enumerate() {
        a.rule_follows = lines
            .lines
            .get(i + 1)
            .is_some_and(|n| n.kind == LineKind::Rule && n.raw.contains('|'));
        if a.rule_follows {
            a.ruled_heads.push(l.line);
        }
        let mut toks = lines.of(l);
        if l.kind == LineKind::Content && !toks.is_empty() {
            // (The line after is looked for only under a line that opens with 0.)
            let next = (frame::opens_with_zero(toks) || a.frame_next.is_some())
                .then(|| {
                    lines.lines[i + 1..]
                        .iter()
                        .map(|n| lines.of(n))
                        .find(|t| !t.is_empty())
                })
                .flatten();
            toks = a.without_frame(l.line, toks, next);
        }
        a.line(l, toks);
    }
    a.cut_row();
    a.flush();
    a.resolve_placed(None);
    a.drop_queue();
    a.confirm_tentative();
    a.confirm_split_rows();
}

impl<'r, 'a> Aligner<'r, 'a> {
    /// Whether `raw` resembles a row label of the section (`予以公幵`, 予以公开
    /// misread) more than any other.
    fn resembles_a_row(&self, raw: &str) -> bool {
        self.tpl
            .section_tables(self.section)
            .any(|(ti, t)| (0..t.rows.len()).any(|r| placed::resembles_row(raw, self.tpl, ti, r)))
    }

    /// Whether `raw`, an enumerator and a few characters (`（四）无`, `二、上年结`),
    /// is the head of a group or row label of the section that opens with an
    /// enumerator, the rest of it wrapped away (`（四）无法提供`,
    /// `二、上年结转政府信息公开申请数量`): its enumerator and at least one
    /// character after it begin that label.
    fn heads_a_label(&self, raw: &str) -> bool {
        let head = fold(raw.trim_start_matches(|c: char| c.is_whitespace() || "*_#>|".contains(c)));
        if head.chars().count() < 3 {
            return false;
        }
        self.tpl.section_tables(self.section).any(|(_, t)| {
            t.groups.iter().chain(&t.rows).any(|l| {
                let label = fold(&l.label);
                let words = strip_enumerator(&label).len();
                words < label.len() && head.len() > label.len() - words && label.starts_with(&head)
            })
        })
    }

    fn line(&mut self, l: &TokLine<'a>, toks: &[Token<'a>]) {
        match l.kind {
            LineKind::Page => {
                self.diags.push(Diag::note(
                    l.line,
                    crate::parse::template::page_words(l.raw),
                ));
                return;
            }
            LineKind::Rule => {
                self.close_ruled_row(l);
                self.out.structure.push((l.line, l.line));
                self.col_word = None;
                self.ruled_row = l.raw.trim_start().starts_with('+').then_some(None);
                return;
            }
            LineKind::Content => {}
        }
        // A line of nothing but the marks a converter pads cells with (`_`, `*`)
        // gives no token: a note names it, as nothing in a table goes without a
        // word. Heading marks alone (`##`) are those of the next section's heading,
        // which ends the region after them; separators alone (`,,,`: the empty
        // fields of a comma-separated row) hold no text.
        if toks.is_empty() {
            let pad = |c: char| crate::model::value::is_cell_space(c) || c == '|' || c == ',';
            if l.raw.chars().any(|c| !pad(c) && c != '#') {
                self.diags.push(Diag::note(
                    l.line,
                    format!("markup `{}` holds no value; passed over", clip(l.raw)),
                ));
            }
        }
        if self.is_header_line(l, toks) {
            self.flush();
            self.header_line(l, toks);
            return;
        }
        let lone_before = self.lone_text.take();
        self.lone_text = match toks {
            [t] if t.kind == TokKind::Text => Some((t.raw, l.line)),
            _ => None,
        };
        let mut prev: Option<&'a str> = None;
        for (i, tok) in toks.iter().enumerate() {
            // Markup a rewrite left between cells (`&nbsp;_`, `<br>`) stands for
            // nothing: it neither ends a row nor parts a number a wrap cut.
            if tok.kind == TokKind::Text && crate::parse::template::markup_only(tok.raw) {
                self.diags.push(Diag::note(
                    l.line,
                    format!(
                        "text `{}` in a table matches no label of the template; set aside",
                        clip(tok.raw)
                    ),
                ));
                continue;
            }
            // A token alone on its line may follow a header word alone on the line
            // before (one line between at most: a blank one): a converter that
            // writes every cell on a line of its own.
            // Only a bare total word: the one that names a row and a column alike
            // where a header of invented words (`数据1` … `数据6`) stands before it.
            if i == 0 && toks.len() == 1 && is_total_word(tok.raw) {
                prev = lone_before
                    .filter(|&(_, at)| (at + 1..=at + 2).contains(&l.line))
                    .map(|(p, _)| p);
            }
            // Text longer than a wrapped word's last characters ends a header of
            // column words (it is read again below, and may be one more of them).
            if tok.kind == TokKind::Text && trim(tok.raw).chars().nth(2).is_some() {
                self.col_word = None;
            }
            self.prev_text = prev.map(|p| (p, l.line));
            // An empty cell between two words of a header (a converter's grid with
            // more columns than the table) does not part them.
            if tok.kind != TokKind::Value(CellValue::Blank) {
                prev = (tok.kind == TokKind::Text).then_some(tok.raw);
            }
            if tok.kind == TokKind::Text && self.damaged != Some(l.line) {
                if let Some(v) = self.spilled_number(tok) {
                    self.diags.push(Diag::note(
                        l.line,
                        format!(
                            "`{}` is read as the number {}: the rest is a piece of the row label that the converter cut apart",
                            clip(tok.raw),
                            v.raw
                        ),
                    ));
                    self.group.push(Val {
                        tok: v,
                        line: l.line,
                    });
                    continue;
                }
            }
            if tok.kind == TokKind::Text && self.damaged != Some(l.line) && !self.queue.is_empty() {
                if let Some(pair) = broken_pair(tok) {
                    self.broken_cells.push((tok.raw, l.line));
                    for t in pair {
                        self.group.push(Val {
                            tok: t,
                            line: l.line,
                        });
                    }
                    continue;
                }
            }
            match tok.kind {
                TokKind::Value(_) if self.damaged == Some(l.line) => {
                    self.diags.push(Diag::note(
                        l.line,
                        format!("value `{}` is set aside with its row", tok.raw),
                    ));
                }
                TokKind::Value(_) if self.cut_enumerator(tok, &toks[i + 1..]) => {
                    self.diags.push(Diag::note(
                        l.line,
                        format!(
                            "`{}` is the enumerator of the row label after it, which the converter's grid cut off: no value",
                            clip(tok.raw)
                        ),
                    ));
                }
                TokKind::Value(v) => {
                    match self.ruled_row.as_mut() {
                        Some(first @ None) if v != CellValue::Blank => *first = Some(l.line),
                        Some(Some(first))
                            if *first < l.line && self.ruled_rest.last() != Some(&l.line) =>
                        {
                            self.ruled_rest.push(l.line);
                        }
                        _ => {}
                    }
                    if self.group.is_empty() {
                        // A column's word on a line above the numbers.
                        self.group_col = self.col_word.filter(|&c| c < l.line);
                    }
                    if v != CellValue::Blank {
                        self.col_word = None;
                    }
                    self.group.push(Val {
                        tok: tok.clone(),
                        line: l.line,
                    })
                }
                TokKind::Text
                    if crate::parse::tokens::ambiguous_grouping(tok.raw)
                        || !self.queue.is_empty()
                            && (crate::parse::template::damaged_number(tok.raw)
                                && !self.label_after_whole_rows(tok.raw, i == 0, l.line)
                                || self.sandwiched(l.line, &toks[i + 1..]))
                            && !self.names_something(tok.raw)
                            && self.near_row_label(tok.raw).is_none() =>
                {
                    if self.queue.is_empty() {
                        // `1,285,000` between commas, with no row waiting: the
                        // numbers of this line are not placed.
                        self.diags.push(Diag::warning(
                            l.line,
                            format!(
                                "`{}` may be one number with thousands separators or several cells: the numbers of this line are set aside",
                                clip(tok.raw)
                            ),
                        ));
                    }
                    // `1��`: a number a converter damaged, among a row's numbers:
                    // which number is in which column is not certain.
                    self.row_damaged(tok.raw, l.line, false);
                }
                TokKind::Text if self.label_tail_among_numbers(tok.raw) => {
                    let raw = trim(tok.raw);
                    self.note_split(l.line);
                    if let Some(q) = self.queue.last_mut() {
                        q.text.push_str(raw);
                        q.last_line = l.line;
                    }
                    self.diags.push(Diag::note(
                        l.line,
                        format!(
                            "read `{}` among the row's numbers as the rest of its label (OCR orders a wrapped label's lines and the numbers beside them by height)",
                            clip(raw)
                        ),
                    ));
                }
                TokKind::Text => {
                    let (label, glued) = self.split_glued_number(tok);
                    // Text that names nothing (a wrapped label's last characters
                    // printed among its numbers) does not end a row still short of
                    // numbers.
                    // Nor does one that starts with a sub-row's enumerator: it is a
                    // row of its own whose label was misread.
                    if glued.is_some()
                        || self.names_something(label.raw)
                        || !self.short_of_numbers()
                        || self.cut_row_label(label.raw).is_some()
                        || starts_enumerated(label.raw)
                    {
                        self.flush();
                    }
                    self.text(label.raw, l.line);
                    if let Some(tail) = self.numbers_after_label(label.raw) {
                        if !self.queue.is_empty() {
                            self.row_damaged(tail, l.line, true);
                        }
                    }
                    if let Some(v) = glued {
                        self.group.push(Val {
                            tok: v,
                            line: l.line,
                        });
                    }
                }
            }
        }
    }

    /// At the end of a section: one row whose numbers stop short right after its
    /// label keeps the numbers it has, from its first column on, when the text
    /// was cut off in that row (nothing follows the section, and its last line
    /// has no line break: a download cut short stops at any byte); the rest are
    /// missing.
    fn cut_row(&mut self) {
        let [q] = &self.queue[..] else {
            return;
        };
        let n = self.tpl.tables[q.table].cols.len();
        let starts_after = self
            .group
            .first()
            .is_some_and(|v| v.line <= q.last_line + 1);
        if self.group.is_empty() || self.group.len() >= n || !starts_after {
            return;
        }
        let q = Queued {
            table: q.table,
            row: q.row,
            text: q.text.clone(),
            line: q.line,
            last_line: q.last_line,
        };
        let vals = std::mem::take(&mut self.group);
        self.queue.clear();
        if self.more_follows || self.ends_whole {
            // Not a text cut short: a cell was lost or damaged somewhere in the
            // row, and which column each number is in is not known.
            let why = if self.more_follows {
                "text follows the section"
            } else {
                "the text ends with its line whole (not cut off in the row)"
            };
            self.diags.push(Diag::warning(
                q.line,
                format!(
                    "row {} has {} of {n} cells and {why}: which column each is in is not certain, so the row is reported missing",
                    self.tpl.tables[q.table].rows[q.row].key,
                    vals.len()
                ),
            ));
            for v in &vals {
                self.diags
                    .push(Diag::note(v.line, "number set aside with its row"));
            }
            self.out.uncertain.push(q.line);
            return;
        }
        self.diags.push(Diag::warning(
            q.line,
            format!(
                "row {} has {} of {n} cells where the section ends; the rest are reported missing",
                self.tpl.tables[q.table].rows[q.row].key,
                vals.len()
            ),
        ));
        self.fill(&q, &vals);
    }

    /// Whether a text names a label, caption or header of this section.
    /// `4` | `.保护第三方合法权益` (pymupdf4llm, markitdown: a grid column cut
    /// between a sub-row's enumerator and the rest of its label): a single digit
    /// whose next cell on the line starts with the enumerator's dot and names a
    /// label.
    fn cut_enumerator(&self, tok: &Token<'a>, after: &[Token<'a>]) -> bool {
        if !lone_digit(tok.raw) {
            return false;
        }
        let Some(next) = after
            .iter()
            .find(|t| t.kind != TokKind::Value(CellValue::Blank))
        else {
            return false;
        };
        let rest = next.raw.trim_start();
        next.kind == TokKind::Text
            && rest
                .strip_prefix(['.', '．'])
                .and_then(|r| r.chars().next())
                .is_some_and(|c| !c.is_ascii())
            && self.names_something(next.raw)
    }

    fn names_something(&self, raw: &'a str) -> bool {
        self.scan_text(raw).iter().next().is_some()
    }

    /// The labels in `raw`, a slice of the report's text. A label alone on its line
    /// was scanned three times in a row (is the line a header? does the text name
    /// something? which label is it?), each a look-up in the per-thread memory of
    /// scans (callgrind, issue 13's tree: 84,000 scans for 116,000 lines). The last
    /// scan is kept, keyed by the slice's place and length: the text does not
    /// change while it is read, so the same place is the same characters.
    fn scan_text(&self, raw: &'a str) -> Hits<'r, 'a> {
        let key = (raw.as_ptr() as usize, raw.len());
        if let Some((k, hits)) = &*self.scanned.borrow() {
            if *k == key {
                return hits.clone();
            }
        }
        let m = self.tpl.matcher(self.section);
        let hits = scan(raw, &m.patterns, &m.automaton);
        *self.scanned.borrow_mut() = Some((key, hits.clone()));
        hits
    }

    /// Whether rows wait and the numbers read since their labels are fewer than
    /// they need. In section 四 before any of its numbers, that is all fifteen: its
    /// official form prints the row words (`行政复议`, `未经复议直接起诉`, `复议后起诉`)
    /// as column headers above one run of fifteen numbers, so a row's count of
    /// numbers does not end the run (text between the numbers that names nothing,
    /// a converter's cell markup, is passed over).
    /// Whether text on `line` stands between numbers of a row still short of them,
    /// on that one line (`31 天 无 无`: OCR's `天` for the mark `无`): whether it stood
    /// for a cell, so that the numbers after it move one column on, is not known.
    /// (A wrapped label's last characters stand after the numbers on their line,
    /// or on a line of their own.)
    fn sandwiched(&self, line: u32, after: &[Token<'a>]) -> bool {
        let number = |k: &TokKind| matches!(k, TokKind::Value(v) if *v != CellValue::Blank);
        // (Empty cells of a grid wider than the table, before a label's pieces,
        // are no numbers of the row.)
        self.short_of_numbers()
            && self
                .group
                .iter()
                .rev()
                .take_while(|v| v.line == line)
                .any(|v| number(&v.tok.kind))
            && after.iter().any(|t| number(&t.kind))
    }

    /// `3.补正后申请`, 0, 1, 0, 0, `内容仍不明确`, 0, 0, 1: one row waits, some of
    /// its numbers are read, and the text is the rest of its label (the label read
    /// so far and the text together start the template's label, and are longer than
    /// the label read so far). An OCR engine that returns boxes by height prints a
    /// label's second line after the numbers that stand between its two lines.
    fn label_tail_among_numbers(&self, raw: &str) -> bool {
        let [q] = &self.queue[..] else {
            return false;
        };
        let raw = trim(raw);
        if !self.short_of_numbers() || raw.chars().nth(1).is_none() || has_digit(raw) {
            return false;
        }
        let label = fold(&self.tpl.tables[q.table].rows[q.row].label);
        let read = fold(&q.text);
        let tail = fold(raw);
        let joined = format!("{}{}", strip_enumerator(&read), tail);
        let label = strip_enumerator(&label);
        // Or the text ends the label and the label read so far ends with the rest
        // of it: a side heading's character printed before the label's first
        // line (`本  2.其他法律行政法 30 0 31` / `规禁止公开 1 0 0 0`, the 本 of 本年度
        // 办理结果 standing down the page beside it).
        let head = label
            .strip_suffix(tail.as_str())
            .filter(|h| h.chars().nth(1).is_some());
        label.starts_with(&joined) || head.is_some_and(|h| read.ends_with(h))
    }

    /// `2蓉他法健行政法夫` opening a line after the waiting rows got every number
    /// they need on the lines before: a label OCR garbled that starts with its
    /// enumerator's digit (two Han characters or more), not a number of those
    /// rows damaged.
    fn label_after_whole_rows(&self, raw: &str, opens_line: bool, line: u32) -> bool {
        let need: usize = self
            .queue
            .iter()
            .map(|q| self.tpl.tables[q.table].cols.len())
            .sum();
        let han = |c: &char| ('\u{4e00}'..='\u{9fff}').contains(c);
        opens_line
            && need > 0
            && self.group.len() == need
            && self.group.last().is_some_and(|v| v.line < line)
            && raw.chars().filter(han).nth(1).is_some()
    }

    fn short_of_numbers(&self) -> bool {
        let need: usize = if self.four_unread().is_some() {
            self.four_unread().map_or(0, |(_, n)| n)
        } else {
            self.queue
                .iter()
                .map(|q| self.tpl.tables[q.table].cols.len())
                .sum()
        };
        !self.group.is_empty() && self.group.len() < need
    }

    /// In section 四 while rows wait and its table holds nothing yet: the table and
    /// its count of cells.
    fn four_unread(&self) -> Option<(usize, usize)> {
        if self.section != 4 || self.queue.is_empty() {
            return None;
        }
        let (ti, t) = self.tpl.section_tables(4).next()?;
        let empty = self.out.tables[ti].slots.iter().all(Option::is_none);
        let ours = self.queue.iter().all(|q| q.table == ti);
        (empty && ours).then_some((ti, t.n_cells()))
    }

    /// A line of column headers: no values, and either two or more pipe cells or
    /// two or more labels of rows or columns (`| 项目 | 本年新收件数 | … |`,
    /// `未经复议直接起诉 复议后起诉`). Its row words are no rows.
    fn is_header_line(&self, l: &TokLine, toks: &[Token<'a>]) -> bool {
        // A damaged number (`1950理`, a converter's spill) is no header either.
        if toks.iter().any(|t| {
            t.kind != TokKind::Text
                || crate::parse::template::damaged_number(t.raw)
                || cut::number_then_spill(t.raw).is_some()
        }) {
            return false;
        }
        if l.piped && toks.len() >= 2 {
            return !self.group_then_row(toks) && !self.pieces_then_row(toks);
        }
        // The rows and columns named, each once: a row's label holding two of its
        // words names one row, not two.
        let mut labels: Vec<Symbol> = Vec::new();
        for t in toks {
            let hits = self.scan_text(t.raw);
            for h in hits.iter() {
                let syms = &h.pattern.symbols;
                // Section 三's `其他处理` names its group and the 2019 row it
                // stands for: before a row's words on one line (`（六）其他处理
                // 1.申请人无正当理由逾期不补正…`), a row's label, not two.
                let group =
                    self.section == 3 && syms.iter().any(|s| matches!(s, Symbol::Group { .. }));
                let named = syms
                    .iter()
                    .find(|s| matches!(s, Symbol::Row { .. } | Symbol::Col { .. }));
                if let Some(&s) = named.filter(|_| !group) {
                    if !labels.contains(&s) {
                        labels.push(s);
                    }
                }
            }
        }
        labels.len() >= 2
    }

    /// Cells of a row's label alone, its group's words then the row's own
    /// (`（五）不予处理,1.信访举报投诉类申请,` in section 三, the numbers wrapped
    /// onto the next line): a row, not a header, though every cell is text. A
    /// header names columns, or rows side by side (section 四's `未经复议直接起诉 |
    /// 复议后起诉`, a table with rows and columns swapped); this names one row, last.
    fn group_then_row(&self, toks: &[Token<'a>]) -> bool {
        if self.section != 3 {
            return false;
        }
        let Some((last, before)) = toks.split_last() else {
            return false;
        };
        let names = |t: &Token<'a>, f: &dyn Fn(&Symbol) -> bool| {
            self.scan_text(t.raw)
                .iter()
                .any(|h| h.pattern.symbols.iter().any(f))
        };
        let row_only = |s: &Symbol| matches!(s, Symbol::Row { .. });
        let not_row = |s: &Symbol| !matches!(s, Symbol::Row { .. });
        let group = |s: &Symbol| matches!(s, Symbol::Group { .. });
        let col = |s: &Symbol| matches!(s, Symbol::Col { .. });
        // A group's words may name a row too (`其他处理`: the 2019 template's
        // single row, which 2021-template reports print as the group).
        names(last, &row_only)
            && !names(last, &not_row)
            && before.iter().all(|t| names(t, &group) && !names(t, &col))
    }

    /// Cells of pieces of a wrapped label that name nothing (`果`, the last
    /// character of a group's words wrapped in a narrow column), then a row's
    /// label (`果,3.危及“三安全一稳`): a row, not a header.
    fn pieces_then_row(&self, toks: &[Token<'a>]) -> bool {
        let Some((last, before)) = toks.split_last() else {
            return false;
        };
        let syms = |t: &Token<'a>| -> Vec<Symbol> {
            self.scan_text(t.raw)
                .iter()
                .flat_map(|h| h.pattern.symbols.iter().copied())
                .collect()
        };
        let last = syms(last);
        last.iter().any(|s| matches!(s, Symbol::Row { .. }))
            && !last.iter().any(|s| matches!(s, Symbol::Col { .. }))
            && before
                .iter()
                .all(|t| trim(t.raw).chars().count() <= 4 && syms(t).is_empty())
    }

    /// Whether `raw` may be the next piece of the waiting label `q`: the label
    /// is not whole yet, and with `raw` it is not much longer than the row's
    /// label in the template. A label read whole (`行政事业性收费`, its amount glued
    /// on) takes no line after it, nor do lines beyond its length (a section
    /// heading misread, then the next section's header, pieces one a line).
    fn label_goes_on(&self, q: &Queued, raw: &str) -> bool {
        let want = &self.tpl.tables[q.table].rows[q.row].label;
        let (read, want) = (fold(&q.text), fold(want));
        let (read, want) = (strip_enumerator(&read), strip_enumerator(&want));
        let whole = !want.is_empty() && read.contains(want);
        // Characters, not bytes: a wrapped label's pieces may be of any script.
        let room = want.chars().count() + 12;
        !whole && read.chars().count() + trim(raw).chars().count() <= room
    }

    fn header_line(&mut self, l: &TokLine, toks: &[Token]) {
        let m = self.tpl.matcher(self.section);
        let mut rows = Vec::new();
        for t in toks {
            let hits = scan(t.raw, &m.patterns, &m.automaton);
            for h in hits.iter() {
                self.diags.extend(h.likeness_note(l.line));
                for s in &h.pattern.symbols {
                    match *s {
                        Symbol::Caption { table } => self.caption(table),
                        Symbol::Col { table, col } if self.in_current(table) => {
                            self.col_label(table, col, h.text, l.line);
                        }
                        _ => {}
                    }
                }
                if let Some(&Symbol::Row { table, row }) = h
                    .pattern
                    .symbols
                    .iter()
                    .find(|s| matches!(s, Symbol::Row { .. }))
                {
                    rows.push((table, row, l.line));
                }
            }
        }
        if self.section == 4 && rows.len() >= 2 {
            self.four_header = rows;
        }
        self.out.structure.push((l.line, l.line));
    }

    /// Section 四 set as two tables (行政复议's row, then 行政诉讼's two rows side by
    /// side under a header naming them): numbers that no label waits for, as many as
    /// the rows of the last header line that named two or more of them need, fill
    /// those rows in the header's order when none of them holds a number yet, every
    /// one has its sum along it, and each sum holds. True when they did.
    fn under_four_header(&mut self, vals: &[Val]) -> bool {
        let rows = std::mem::take(&mut self.four_header);
        if self.section != 4 || rows.is_empty() {
            return false;
        }
        let mut seen: Vec<(usize, usize)> = Vec::new();
        for &(t, r, _) in &rows {
            if seen.contains(&(t, r))
                || self.out.tables[t].rows_seen[r]
                || rows.iter().any(|&(t2, _, _)| t2 != t)
            {
                return false;
            }
            seen.push((t, r));
        }
        let queue: Vec<Queued> = rows
            .iter()
            .map(|&(table, row, line)| Queued {
                table,
                row,
                text: self.tpl.tables[table].rows[row].label.clone(),
                line,
                last_line: line,
            })
            .collect();
        let need: usize = queue
            .iter()
            .map(|q| self.tpl.tables[q.table].cols.len())
            .sum();
        if vals.len() != need || !self.rows_confirm(&queue, vals) {
            return false;
        }
        if let Some(v) = vals.first() {
            self.diags.push(Diag::note(
                v.line,
                format!(
                    "the {} numbers are read as the rows named by the header on line {}, in its order; the sum along each holds",
                    vals.len(),
                    rows[0].2
                ),
            ));
        }
        let mut at = 0;
        for q in &queue {
            let n = self.tpl.tables[q.table].cols.len();
            self.fill_quiet(q, &vals[at..at + n], false);
            at += n;
        }
        true
    }

    fn in_current(&self, table: usize) -> bool {
        self.section != 2 || table == self.current
    }

    /// `（一）予以公开,"1,288",21,0,0,50,3,"1,3`: what follows a row's label in one
    /// text cell when it is two numbers or more the line's cells could not be
    /// told apart in (a quoted field a wrap cut, a converter's stray mark). The
    /// row's numbers stand there: the row may take none from another line.
    fn numbers_after_label(&self, raw: &'a str) -> Option<&'a str> {
        // Most labels hold no ASCII digit after their first characters: told
        // before the scan.
        raw.bytes().skip(6).filter(u8::is_ascii_digit).nth(1)?;
        // Only digits, ASCII marks and spaces after the label's last word: a
        // remark or a label's rest in Han characters is no run of numbers.
        let end = raw
            .char_indices()
            .rfind(|&(_, c)| !(c.is_ascii() || c.is_whitespace() || c == '，'))
            .map(|(k, c)| k + c.len_utf8())?;
        let tail = &raw[end..];
        // A decimal point parts no number (`4068.208`).
        let runs = tail
            .as_bytes()
            .split(|b| !(b.is_ascii_digit() || *b == b'.'))
            .filter(|r| r.iter().any(u8::is_ascii_digit))
            .count();
        if runs < 2 {
            return None;
        }
        let hits = self.scan_text(raw);
        let row = hits.iter().any(|h| {
            h.pattern
                .symbols
                .iter()
                .any(|s| matches!(s, Symbol::Row { .. }))
        });
        if !row {
            return None;
        }
        Some(tail)
    }

    /// Sets the row waiting aside because `raw` on `line` stands where its numbers
    /// are but is no number (`1��`, or numbers the line's cells could not be told
    /// apart in): which number is in which column is not certain, so the row, the
    /// numbers read for it and the rest of the line's values are reported missing.
    /// `after_label`: `raw` is what follows the row's label in one cell.
    fn row_damaged(&mut self, raw: &str, line: u32, after_label: bool) {
        self.damaged = Some(line);
        self.out.uncertain.push(line);
        for v in std::mem::take(&mut self.group) {
            // Their lines are as uncertain: another reading that placed
            // them is not kept unless an identity confirms it.
            if self.out.uncertain.last() != Some(&v.line) {
                self.out.uncertain.push(v.line);
            }
            self.diags.push(Diag::note(
                v.line,
                format!("value `{}` is set aside with its row", v.tok.raw),
            ));
        }
        self.unread.clear();
        for q in std::mem::take(&mut self.queue) {
            self.set_aside.push((q.table, q.row));
            let key = &self.tpl.tables[q.table].rows[q.row].key;
            let message = if after_label {
                format!(
                    "`{}` after the label of row {} holds its numbers, but they cannot be told apart into cells: the row is reported missing",
                    clip(raw),
                    key
                )
            } else {
                format!(
                    "`{}` stands among the numbers of row {} but is no number: which number is in which column is not certain, so the row is reported missing",
                    clip(raw),
                    key
                )
            };
            self.diags.push(Diag::warning(line, message));
        }
    }

    /// `行政许可9487`: a number glued to the end of a row label is that row's number.
    fn split_glued_number(&self, tok: &Token<'a>) -> (Token<'a>, Option<Token<'a>>) {
        // `行政许可0注1`: the digits before a footnote's mark are the number, not
        // the mark's own.
        let raw = crate::model::value::footnote_split(tok.raw)
            .filter(|(num, _)| tok.raw.starts_with(num))
            .map_or(tok.raw, |(num, _)| num);
        let digits = raw.bytes().rev().take_while(u8::is_ascii_digit).count();
        let cut = raw.len() - digits;
        let prev = raw[..cut].chars().next_back();
        // `行政许可517，645`: the digits after a thousands separator are no number;
        // nor after a space (`B8 283`, a thin space between an OCR-misread
        // group and its last: the text is a number damaged, not a label).
        if digits == 0
            || cut == 0
            || prev.is_none_or(|c| c.is_ascii() || c.is_whitespace())
            || prev == Some('，')
        {
            return (tok.clone(), None);
        }
        let m = self.tpl.matcher(self.section);
        let hits = scan(&raw[..cut], &m.patterns, &m.automaton);
        // Only a row of one column: glued digits of a wider row hold several
        // cells, which only the glued reader may split.
        let tpl = self.tpl;
        let row_last = hits.iter().last().is_some_and(|h| {
            h.pattern.symbols.iter().any(
                |s| matches!(*s, Symbol::Row { table, .. } if tpl.tables[table].cols.len() == 1),
            )
        });
        if !row_last {
            return (tok.clone(), None);
        }
        let label = Token {
            raw: &raw[..cut],
            offset: tok.offset,
            kind: TokKind::Text,
            remark: None,
        };
        let num = &raw[cut..];
        let number = Token {
            raw: num,
            offset: tok.offset + cut,
            kind: TokKind::Value(crate::model::value::parse_cell(num)),
            remark: None,
        };
        (label, Some(number))
    }

    fn text(&mut self, raw: &'a str, line: u32) {
        // A label's tail moved before the numbers its head stands with.
        if !self.tail_labels.is_empty() {
            let at = raw.as_ptr() as usize - self.text.as_ptr() as usize;
            if let Some(k) = self.tail_labels.iter().position(|t| t.0 == at) {
                let (_, table, row, label) = self.tail_labels.swap_remove(k);
                self.out.structure.push((line, line + 1));
                self.row_label(table, row, &label, line);
                return;
            }
        }
        let hits = self.scan_text(raw);
        self.unnamed = None;
        if hits.iter().next().is_none() {
            // The last character or two of a wrapped column word (`织`, `构`) keep a
            // header going; other text ends it.
            let piece = raw.trim().chars().count() <= 2;
            self.col_word = self
                .col_word
                .filter(|&c| piece && c <= line && line <= c + 2)
                .map(|_| line);
            // A label cut short, or one a character or two off: the row it names.
            let named = self
                .cut_row_label(raw)
                .map(|(table, row)| {
                    let how = if raw.trim_end().ends_with('\u{fffd}') {
                        "the converter cut it at a broken character"
                    } else {
                        "the rest of it is cut off"
                    };
                    (table, row, how)
                })
                .or_else(|| {
                    self.near_row_label(raw).map(|(table, row)| {
                        (table, row, "it differs in a character or two (a misread?)")
                    })
                });
            if let Some((table, row, how)) = named {
                self.diags.push(Diag::note(
                    line,
                    format!(
                        "`{}` is read as the row label `{}`: {how}",
                        clip(raw),
                        self.tpl.tables[table].rows[row].label
                    ),
                ));
                self.out.structure.push((line, line));
                self.row_label(table, row, raw, line);
                return;
            }
            // A group's enumerator that names nothing (`（一）予以公幵`, misread)
            // after numbers: a row of its own begins there, so the numbers before
            // it are placed now, and none after it goes to the rows before it.
            if !self.group.is_empty()
                && !self.queue.is_empty()
                && !starts_enumerated(raw)
                && (opens_row(raw) && self.resembles_a_row(raw) || self.heads_a_label(raw))
            {
                self.flush();
            }
            // The next line of a wrapped label, before its numbers; but one that
            // starts with an enumerator is a row of its own, unread, wherever it
            // stands among labels waiting for their numbers (a group's enumerator,
            // `（一）予以公幵`, when its words resemble a row's).
            if !self.queue.is_empty()
                && (starts_enumerated(raw) || opens_row(raw) && self.resembles_a_row(raw))
            {
                self.unknown.push(line);
                self.unread.push((self.queue.len(), line, raw));
                self.diags.push(Diag::note(
                    line,
                    format!(
                        "`{}` starts like a row label but names none of the template (a misread?): the rows around it are placed by counting their numbers",
                        clip(raw)
                    ),
                ));
                return;
            }
            // (Text with a digit continues no label: a number damaged. Nor does
            // text after such a number on the label's line, `["行政处罚", ２７７６]`
            // unread: the row had numbers, and the text is the next row's label,
            // misread.)
            if self
                .queue
                .last()
                .is_some_and(|q| line <= q.last_line + 1 && self.label_goes_on(q, raw))
                && !has_digit(raw)
                && !self.unknown_digits
            {
                self.note_split(line);
                if let Some(q) = self.queue.last_mut() {
                    q.text.push_str(raw.trim());
                    q.last_line = line;
                }
                // It names nothing either: a label misread in a block of labels
                // (`（六）其他外理`) looks the same, and rows filled without a
                // label after it must then be told apart by the identities.
                self.unknown.push(line);
                self.diags.push(Diag::note(
                    line,
                    format!(
                        "read `{}` as the continuation of the row label above",
                        clip(raw)
                    ),
                ));
                return;
            }
            // Text that names nothing after some of the waiting row's numbers,
            // on a line of its own: the numbers after it may not follow them in
            // their columns' order (OCR joins boxes by height beside a label
            // wrapped over several lines).
            if !has_digit(raw) {
                self.note_split(line);
            }
            self.unknown.push(line);
            self.unknown_digits |= has_digit(raw);
            self.diags.push(Diag::note(
                line,
                format!(
                    "text `{}` in a table matches no label of the template; set aside",
                    clip(raw)
                ),
            ));
            if self.queue.is_empty() {
                self.unnamed = Some((raw, line));
            }
            return;
        }
        // A number that opens a text naming a caption or a header (`84
        // 第二十条第（八）顶 信息内容`: one-space text joined into one token) while
        // rows wait for their numbers may be theirs: numbers after it are not
        // certainly theirs.
        if !self.queue.is_empty() && self.group.is_empty() && opens_with_number(raw) {
            self.unknown_digits = true;
        }
        let mut structural = false;
        for h in hits.iter() {
            self.diags.extend(h.likeness_note(line));
            let syms = &h.pattern.symbols;
            let both = syms.iter().any(|s| matches!(s, Symbol::Row { .. }))
                && syms.iter().any(|s| matches!(s, Symbol::Col { .. }))
                && !crate::parse::template::enumerated(h.text);
            // A bare word of a row and a column (`其他`, `总计`) two lines or less
            // after a column's word, with no number between, is the header's too.
            let after_col_word = self.col_word.is_some_and(|c| c < line && line <= c + 2);
            let prefer_row = (self.rows_zone || self.section != 3)
                && !(both
                    && (self.after_header_word(line)
                        || self.rule_follows
                        || after_col_word
                        || self.col_row));
            let sym = crate::grammar::choose_symbol(syms, prefer_row);
            match sym {
                Some(Symbol::Col { .. }) => self.col_word = Some(line),
                Some(_) => self.col_word = None,
                None => {}
            }
            match sym {
                Some(Symbol::Caption { table }) => {
                    self.caption(table);
                    structural = true;
                }
                Some(Symbol::Header { .. }) | Some(Symbol::Group { .. }) | None => {
                    if matches!(sym, Some(Symbol::Group { .. })) {
                        self.rows_zone = true;
                    }
                    structural = true;
                }
                Some(Symbol::Col { table, col }) => {
                    if self.rows_zone && self.section == 3 {
                        self.col_row = true;
                        self.diags.push(Diag::note(
                            line,
                            format!(
                                "`{}` names a column but stands among the rows; set aside",
                                clip(h.text)
                            ),
                        ));
                    } else {
                        let (table, col) = self.resolve(syms, table, col, false);
                        self.col_label(table, col, h.text, line);
                        structural = true;
                    }
                }
                Some(Symbol::Row { table, row }) => {
                    self.col_row = false;
                    let (table, row) = self.resolve(syms, table, row, true);
                    if self.rest_of_last_label(table, row, raw) {
                        self.rests.push((table, row, line));
                    }
                    self.row_label(table, row, h.text, line);
                    structural = true;
                }
            }
        }
        if structural {
            self.out.structure.push((line, line));
        }
    }

    /// Whether `raw` is the end of the label of the row read last, which holds its
    /// numbers, when that label was printed without it (`2.其他法律行政法规`, its
    /// numbers, then `禁止公开`): a label wrapped around its numbers, not the row
    /// printed again.
    fn rest_of_last_label(&self, table: usize, row: usize, raw: &str) -> bool {
        if self.last_row != Some((table, row))
            || !self.out.tables[table].rows_seen[row]
            || !self.queue.is_empty()
        {
            return false;
        }
        let piece = fold(raw.trim());
        let label = fold(&self.tpl.tables[table].rows[row].label);
        if piece.chars().count() < 2 || piece == label || !label.ends_with(&piece) {
            return false;
        }
        // The label as printed, before its numbers, lacks this end.
        self.out
            .labels
            .iter()
            .rev()
            .find(|l| l.table == table && l.axis == Axis::Row && l.index == row)
            .is_some_and(|l| !fold(&l.text).contains(&piece))
    }

    /// Whether the token before the one on `line` is text on that line that names
    /// no row and no group of the section (a column label, a header a converter
    /// invented: `| 数据6 | 总计 |`).
    fn after_header_word(&self, line: u32) -> bool {
        let Some((prev, _)) = self.prev_text.filter(|&(_, l)| l == line) else {
            return false;
        };
        let m = self.tpl.matcher(self.section);
        !scan(prev, &m.patterns, &m.automaton).iter().any(|h| {
            h.pattern
                .symbols
                .iter()
                .any(|s| matches!(s, Symbol::Row { .. } | Symbol::Group { .. }))
        })
    }

    /// The row or column of the current table (section 二 items share words).
    fn resolve(&self, syms: &[Symbol], table: usize, index: usize, row: bool) -> (usize, usize) {
        for s in syms {
            match *s {
                Symbol::Row { table: t, row: r } if row && t == self.current => return (t, r),
                Symbol::Col { table: t, col: c } if !row && t == self.current => return (t, c),
                _ => {}
            }
        }
        (table, index)
    }

    fn caption(&mut self, table: usize) {
        self.flush();
        self.resolve_placed(None);
        self.drop_queue();
        self.current = table;
        self.captioned = Some(table);
        self.out.tables[table].seen = true;
    }

    fn col_label(&mut self, table: usize, col: usize, text: &str, line: u32) {
        let tr = &mut self.out.tables[table];
        tr.seen = true;
        // A unit in a header is in parentheses: a header without one (most) is
        // not folded for nothing, as in the per-layout reader (the fold was
        // two thirds of this function's instructions on issue 13's tree).
        let paren = text.contains(crate::grammar::normalize::OPENING);
        if let Some(u) = paren
            .then(|| crate::model::value::Unit::in_header(&crate::grammar::normalize::fold(text)))
            .flatten()
        {
            tr.col_units[col] = Some(u);
        }
        let already = self
            .out
            .labels
            .iter()
            .any(|l| l.table == table && l.axis == Axis::Col && l.index == col);
        if !already {
            self.out.labels.push(LabelRead {
                table,
                axis: Axis::Col,
                index: col,
                text: wrapped::one_line(text),
                line,
            });
        }
    }

    fn row_label(&mut self, table: usize, row: usize, text: &str, line: u32) {
        // Damaged numbers before this label are no numbers of it or of those before.
        self.unknown_digits = false;
        self.four_header.clear();
        self.col_word = None;
        self.resolve_placed(Some((table, row)));
        self.unplace(table, row, line);
        self.block = None;
        self.last_row = Some((table, row));
        self.rows_zone = true;
        if self.section == 2 && table != self.current {
            let item = &self.tpl.tables[table].item;
            self.diags.push(Diag::note(
                line,
                format!(
                    "row `{}` belongs to item {item}; read it there although its caption was not seen",
                    clip(text)
                ),
            ));
            self.current = table;
        }
        // The same label again before its numbers (a markdown heading above its
        // table, a wrapped label printing its keyword twice): one row. Labels
        // read between the two (a header's `总计` cut onto a line of its own) wait
        // for no numbers either.
        if let Some(i) = self
            .queue
            .iter()
            .position(|q| (q.table, q.row) == (table, row))
        {
            // After numbers beside its first printing, the label's next line
            // named the row again (`1. 申请人无正当理由逾期不 0 0` / `补正, 行政机关
            // 不再处理其政府信息公开申请 9 0 0 0 9`): one row whose numbers a
            // piece of its label parts, in an order that is not certain.
            if i + 1 == self.queue.len() {
                self.note_split(line);
            }
            for q in self.queue.drain(i..).collect::<Vec<_>>() {
                self.set_aside(&q);
            }
        }
        // A row that stands for rows of another template (`（六）其他处理`) printed
        // as the title of those rows: a title, not a row.
        if let Some(q) = self.queue.last() {
            let alias = &self.tpl.tables[q.table].rows[q.row];
            if q.table == table && alias.replaces.contains(&row) {
                if let Some(q) = self.queue.pop() {
                    self.set_aside(&q);
                }
            }
        }
        // A label joined over a wrap ends on a later line.
        let last_line = line + trim(text).matches('\n').count() as u32;
        self.queue.push(Queued {
            table,
            row,
            text: wrapped::one_line(text),
            line,
            last_line,
        });
    }

    /// A queued label that got no numbers of its own.
    fn set_aside(&mut self, q: &Queued) {
        self.diags.push(Diag::note(
            q.line,
            format!(
                "row label `{}` has no numbers of its own here; read as a title",
                clip(&q.text)
            ),
        ));
    }

    /// At the rule under a grid's ruled row whose numbers stand on its first
    /// line (`| （七） | 75 件 | … |` / `| 总计 |  |  | … |` / `+---+`): a row label
    /// read on a later line of it is a piece of the row's label, and takes no
    /// numbers of the ruled row after the rule; nor do the empty cells beside it.
    fn close_ruled_row(&mut self, rule: &TokLine<'a>) {
        let Some(Some(first)) = self.ruled_row else {
            return;
        };
        if !rule.raw.trim_start().starts_with('+') {
            return;
        }
        // Only when every label waiting is such a piece (labels waiting from
        // above the ruled row keep their order with the unread ones).
        if self.queue.is_empty() || self.queue.iter().any(|q| q.line <= first) {
            return;
        }
        let late = std::mem::take(&mut self.queue);
        self.unread.clear();
        self.group
            .retain(|v| !(v.line > first && v.tok.kind == TokKind::Value(CellValue::Blank)));
        for q in late {
            let key = &self.tpl.tables[q.table].rows[q.row].key;
            self.diags.push(Diag::warning(
                q.line,
                format!(
                    "row {key} (`{}`) is named on a later line of a ruled row whose numbers stand on its first line (line {first}), beside a piece of label that names no row: which row those numbers are is not certain, so row {key} is reported missing",
                    clip(&q.text)
                ),
            ));
        }
    }

    /// Rows still waiting when the table ends.
    fn drop_queue(&mut self) {
        self.unread.clear();
        for q in std::mem::take(&mut self.queue) {
            let key = &self.tpl.tables[q.table].rows[q.row].key;
            if self.out.tables[q.table].rows_seen[q.row] {
                self.set_aside(&q);
                self.late_labels.push((q.table, q.row, q.line));
            } else {
                self.diags.push(Diag::warning(
                    q.line,
                    format!(
                        "row {key} (`{}`) is followed by no numbers; its cells are reported missing",
                        clip(&q.text)
                    ),
                ));
            }
        }
    }

    /// The numbers read since the last label go to the rows waiting for them.
    fn flush(&mut self) {
        if self.group.is_empty() {
            return;
        }
        let mut vals = std::mem::take(&mut self.group);
        self.flush_vals(&mut vals);
        // The list goes back, emptied, for the next row's numbers: taken for
        // good, it was allocated and grown again row after row (a third of the
        // stream reader's allocations on issue 13's tree, callgrind).
        vals.clear();
        if self.group.is_empty() {
            self.group = vals;
        }
    }

    /// [`Aligner::flush`] of the numbers `vals`, taken from the group.
    fn flush_vals(&mut self, vals: &mut Vec<Val<'a>>) {
        let group_col = self.group_col.take();
        let mut queue = std::mem::take(&mut self.queue);
        let mut unread = std::mem::take(&mut self.unread);
        // The end of a label printed after its row's numbers takes none of these.
        let rests = std::mem::take(&mut self.rests);
        if !rests.is_empty() {
            let gone: Vec<usize> = (0..queue.len())
                .filter(|&i| rests.contains(&(queue[i].table, queue[i].row, queue[i].line)))
                .collect();
            let (rest, others): (Vec<Queued>, Vec<Queued>) = queue
                .into_iter()
                .partition(|q| rests.contains(&(q.table, q.row, q.line)));
            for q in &rest {
                self.set_aside(q);
            }
            queue = others;
            // Unread labels stand before the queued label of their index.
            for u in &mut unread {
                u.0 -= gone.iter().filter(|&&i| i < u.0).count();
            }
        }
        if !queue.is_empty() {
            self.block = None;
        }
        // Text naming no label since the numbers before these.
        let unknown = std::mem::take(&mut self.unknown);
        let unknown_digits = std::mem::take(&mut self.unknown_digits);
        let tpl = self.tpl;
        let ncols = |q: &Queued| tpl.tables[q.table].cols.len();
        let need: usize = queue.iter().map(ncols).sum();
        // The rows whose labels were not read need numbers as well, if they have any.
        let unread_need = queue.last().map_or(0, ncols) * unread.len();
        let is_blank = |v: &Val| v.tok.kind == TokKind::Value(CellValue::Blank);
        // Empty grid cells beyond what the rows need: padding.
        while vals.len() > need + unread_need && vals.first().is_some_and(is_blank) {
            vals.remove(0);
        }
        while vals.len() > need + unread_need && vals.last().is_some_and(is_blank) {
            vals.pop();
        }
        // Only empty cells, after text that names nothing below the labels (a
        // caption misread, `第二十条第(八)顶 |` / `|||`): that text's grid, not the
        // rows' cells. Nothing tells an empty cell's row; the rows wait on.
        if let Some(last) = queue.last() {
            let past_unknown = vals
                .first()
                .is_some_and(|v| unknown.iter().any(|&u| u > last.last_line && u <= v.line));
            if past_unknown && !vals.is_empty() && vals.iter().all(is_blank) {
                // The rows wait on, and so does the text between: empty cells
                // after a header that follows it are no more theirs.
                self.queue = queue;
                self.unread = unread;
                self.unknown = unknown;
                return;
            }
        }
        if !unread.is_empty() {
            match self.without_unread_rows(&queue, &unread, std::mem::take(vals), need) {
                Some(kept) => *vals = kept,
                None => return,
            }
        }
        // Section 四 before any of its numbers: its row words are printed as the
        // headers of its official form. Two or more of them before any number are
        // headers, not labels each followed by its numbers: only a run of all
        // fifteen numbers is read (in the template's order); any other count is not
        // placed. Empty cells there are the header's grid.
        let four_empty = self.section == 4
            && self
                .tpl
                .section_tables(4)
                .next()
                .is_some_and(|(ti, _)| self.out.tables[ti].slots.iter().all(Option::is_none));
        let headers_four = four_empty && queue.len() >= 2;
        if !queue.is_empty() && vals.len() > need {
            if let Some(kept) = self.drop_grid_blanks(&queue, vals, need) {
                *vals = kept;
            }
        }
        // Only empty cells in a markdown table's header row (a converter that made
        // a row's label cell the head of a table of its own, its numbers the body).
        let head_row = vals.iter().all(|v| self.ruled_heads.contains(&v.line));
        // Or after the label of a row set aside, met again on its wrapped line;
        // or on a later line of a ruled row that printed its numbers above.
        let aside = !queue.is_empty()
            && queue
                .iter()
                .all(|q| self.set_aside.contains(&(q.table, q.row)))
            || vals.iter().all(|v| self.ruled_rest.contains(&v.line));
        if vals.iter().all(is_blank)
            && need > 0
            && (vals.len() != need || four_empty || head_row || aside)
        {
            // Only empty cells: the layout's grid, not values.
            self.queue = queue;
            return;
        }
        // `2<br>146` read as two cells: two numbers of a cell a converter wrote on
        // two lines (pymupdf4llm's merged header `总计<br>其他` over them), or one
        // number wrapped in its cell. Only the rows' identities, holding with them
        // as two, tell.
        let broken = std::mem::take(&mut self.broken_cells);
        // (The identities are asked only when such a cell was read.)
        let shown = || vals.len() == need && self.rows_confirm(&queue, vals);
        if !broken.is_empty() && !shown() {
            let mut lines: Vec<u32> = vals.iter().map(|v| v.line).collect();
            lines.dedup();
            self.out.uncertain.extend(lines.iter().copied());
            self.out.uncertain.extend(queue.iter().map(|q| q.line));
            for q in &queue {
                self.diags.push(Diag::warning(
                    broken[0].1,
                    format!(
                        "`{}` stands among the numbers of row {} and holds two numbers on two lines, or one number wrapped: the row's identities do not show which, so the row is reported missing",
                        clip(broken[0].0),
                        self.tpl.tables[q.table].rows[q.row].key
                    ),
                ));
            }
            return;
        }
        if !queue.is_empty() && vals.len() > need {
            if let Some(merged) = self.join_spaced_numbers(&queue, vals, need) {
                *vals = merged;
            } else if let Some(kept) = self.drop_spaced_page_number(&queue, vals, need) {
                *vals = kept;
            }
        }
        let whole_four = self
            .tpl
            .section_tables(4)
            .next()
            .filter(|(ti, t)| {
                // Fifteen empty cells are a header's grid, not section 四's values.
                self.section == 4
                    && vals.len() == t.n_cells()
                    && !vals.iter().all(is_blank)
                    && self.out.tables[*ti].slots.iter().all(Option::is_none)
                    && queue.iter().all(|q| q.table == *ti)
            })
            .map(|(ti, _)| ti);
        let in_order = queue.iter().enumerate().all(|(r, q)| q.row == r)
            && queue
                .first()
                .is_some_and(|q| queue.len() == tpl.tables[q.table].rows.len());
        if headers_four && whole_four.is_none() {
            let mut lines: Vec<u32> = vals.iter().map(|v| v.line).collect();
            lines.dedup();
            self.out.uncertain.extend(lines.iter().copied());
            let n = self
                .tpl
                .section_tables(4)
                .next()
                .map_or(0, |(_, t)| t.n_cells());
            for (i, l) in lines.iter().enumerate() {
                let msg = if i == 0 {
                    format!(
                        "{} numbers follow the headers of section 四, which has {n} cells: which number belongs where is not certain, so section 四 is reported missing",
                        vals.len()
                    )
                } else {
                    "numbers set aside with the line above".to_string()
                };
                self.diags.push(Diag::warning(*l, msg));
            }
            return;
        }
        if queue.len() >= 2 && !headers_four && self.set_aside_column_major(&queue, vals) {
            return;
        }
        if !queue.is_empty() && vals.len() == need && (!headers_four || in_order) && !unknown_digits
        {
            if self.spaced_groups_fail(&queue, vals) {
                return;
            }
            let down;
            let vals: &[Val] = match self.order(&queue, vals) {
                Order::Along => vals,
                o @ (Order::Down | Order::DownByLines) => {
                    let (nrows, nc) = (queue.len(), ncols(&queue[0]));
                    down = (0..vals.len())
                        .map(|i| vals[(i % nc) * nrows + i / nc].clone())
                        .collect::<Vec<_>>();
                    let why = if matches!(o, Order::Down) {
                        "read along the rows, a signed number would stand in a column that holds no sign"
                    } else {
                        "each line holds one number of every row, a line per column"
                    };
                    self.diags.push(Diag::note(
                        vals[0].line,
                        format!(
                            "the numbers after the {nrows} row labels are read down the columns: {why}",
                        ),
                    ));
                    &down
                }
                Order::Unknown => {
                    self.order_not_certain(&queue, vals);
                    return;
                }
            };
            let mut at = 0;
            for q in &queue {
                let n = ncols(q);
                self.fill(q, &vals[at..at + n]);
                at += n;
            }
            self.note_block(&queue, vals, &unknown);
            return;
        }
        if let Some(ti) = whole_four {
            // Section 四: its fifteen numbers in template order, under a header of
            // any shape.
            let rows = self.tpl.tables[ti].rows.len();
            let n = self.tpl.tables[ti].cols.len();
            self.diags.push(Diag::note(
                vals[0].line,
                format!(
                    "the {} numbers of section 四 are read in the template's order",
                    vals.len()
                ),
            ));
            for r in 0..rows {
                let q = Queued {
                    table: ti,
                    row: r,
                    text: self.tpl.tables[ti].rows[r].label.clone(),
                    line: vals[r * n].line,
                    last_line: vals[r * n].line,
                };
                self.fill_quiet(&q, &vals[r * n..(r + 1) * n], false);
            }
            return;
        }
        if let Some(rows) = self.unlabelled_rows_after(&queue, vals.len()) {
            // More numbers than the labels need, by whole rows: the rows that follow
            // in the template, whose labels the converter lost or moved. Kept only if
            // the identities confirm them at the end.
            let table = queue.last().map_or(0, |q| q.table);
            let to = vals.first().map_or(0, |v| v.line);
            let mut g = Tentative {
                table,
                filled: Vec::new(),
                unlabelled: Vec::new(),
                after: queue.last().map_or(0, |q| q.row),
                doubtful: unknown.iter().any(|&l| l <= to),
            };
            let mut at = 0;
            for q in &queue {
                let n = ncols(q);
                if self.fill_quiet(q, &vals[at..at + n], true) {
                    g.filled.push((q.row, vals[at].line));
                }
                at += n;
            }
            for r in rows {
                let n = tpl.tables[table].cols.len();
                let q = Queued {
                    table,
                    row: r,
                    text: tpl.tables[table].rows[r].label.clone(),
                    line: vals[at].line,
                    last_line: vals[at].line,
                };
                if self.fill_quiet(&q, &vals[at..at + n], false) {
                    g.filled.push((r, vals[at].line));
                }
                g.unlabelled.push((r, vals[at].line));
                at += n;
            }
            self.tentative.push(g);
            return;
        }
        if let Some(last) = queue.last() {
            // The numbers of the last label on its own line: labels before it that
            // got none were titles (unless text with digits, a number damaged,
            // came with them: it may hold the numbers of a label before). Numbers
            // printed before that label (a label read by likeness does not part
            // them from it) are not its own.
            let after_last = last.line <= vals[0].line && vals[0].line <= last.last_line + 1;
            // Numbers on as many lines as there are labels, a line each (a block of
            // labels, then a line of numbers for each, cells lost): not the last
            // label's alone.
            let mut lines: Vec<u32> = vals.iter().map(|v| v.line).collect();
            lines.dedup();
            let a_line_each = queue.len() >= 2 && lines.len() == queue.len();
            // Labels each on a line of its own, one line after another (a block),
            // rows not read before (not a wrapped label's tail printed again),
            // then numbers on lines of their own: the block's numbers follow, the
            // first label's first and a line of them lost, as much as titles
            // before the last label's numbers; only numbers on the last label's
            // line say whose. (A label far above, its numbers lost, before a
            // label and its numbers is no block.)
            let own_lines = queue.len() >= 2
                && vals[0].line > last.last_line
                && queue.windows(2).all(|w| w[1].line == w[0].last_line + 1)
                && queue[..queue.len() - 1]
                    .iter()
                    .all(|q| !self.out.tables[q.table].rows_seen[q.row]);
            // Text that names nothing between the numbers (`２` / `-","-` / `-`:
            // the lines of a record whose cells stack rows, its commas and
            // quotes left): they may be any rows' cells, not the last label's.
            let interleaved = vals
                .first()
                .zip(vals.last())
                .is_some_and(|(a, z)| unknown.iter().any(|&u| a.line < u && u < z.line));
            if vals.len() == ncols(last)
                && after_last
                && !unknown_digits
                && !a_line_each
                && !own_lines
                && !interleaved
            {
                for q in &queue[..queue.len() - 1] {
                    self.set_aside(q);
                }
                self.fill(last, vals);
                return;
            }
        }
        if queue.is_empty() && self.block_overflows(vals) {
            return;
        }
        if queue.is_empty() {
            if let Some((raw, line)) = self.unnamed.take() {
                match self.place_after_unknown(raw, line, std::mem::take(vals)) {
                    Some(back) => *vals = back,
                    None => return,
                }
            }
        }
        if queue.is_empty() && self.under_four_header(vals) {
            return;
        }
        if queue.is_empty() {
            if let Some(c) = group_col.filter(|_| vals.iter().any(|v| !is_blank(v))) {
                // Numbers right after a column's word among the rows (pdfminer
                // prints a ruled table down its columns, each column's word over
                // its numbers): no reading may place them in a row.
                let mut lines: Vec<u32> = vals.iter().map(|v| v.line).collect();
                lines.dedup();
                self.out.uncertain.extend(lines.iter().copied());
                self.diags.push(Diag::warning(
                    lines[0],
                    format!(
                        "numbers follow the column word on line {c} with no row label between: the table may be printed column by column, so they are set aside"
                    ),
                ));
            }
            self.outside_any_row(vals);
            return;
        }
        if let [q] = queue.as_slice() {
            if self.join_split_number(q, vals, need) {
                return;
            }
        }
        let mut lines: Vec<u32> = vals.iter().map(|v| v.line).collect();
        lines.dedup();
        let keys = self.queue_keys(&queue);
        self.out.uncertain.extend(lines.iter().copied());
        self.out.uncertain.extend(queue.iter().map(|q| q.line));
        if let [q] = queue.as_slice() {
            self.keep_short(q, vals, need);
        }
        for (i, l) in lines.iter().enumerate() {
            let msg = if i == 0 {
                format!(
                    "{} numbers follow the row label(s) {}, which need {need}: which number belongs where is not certain, so those rows are reported missing",
                    vals.len(),
                    keys.join(", ")
                )
            } else {
                "numbers set aside with the line above".to_string()
            };
            self.diags.push(Diag::warning(*l, msg));
        }
    }

    /// A block of row labels with lines among them that start like labels but name
    /// none (`unread`): when there is one more row of numbers for each, each row
    /// starting on a line of its own, those rows stand where the unread labels
    /// stand in the block, and their numbers are set aside; the numbers for the
    /// read rows are returned. With any other count
    /// nothing is placed and the rows are reported missing (None): even just the
    /// numbers the read labels need may be short of a row that a converter lost
    /// (a row of `--` taken for a table rule), not a title misread.
    fn without_unread_rows(
        &mut self,
        queue: &[Queued],
        unread: &[(usize, u32, &'a str)],
        vals: Vec<Val<'a>>,
        need: usize,
    ) -> Option<Vec<Val<'a>>> {
        let ncols = queue
            .last()
            .map_or(0, |q| self.tpl.tables[q.table].cols.len());
        let one_table = queue
            .iter()
            .all(|q| Some(q.table) == queue.last().map(|l| l.table));
        // Rows in turn, each from a line of its own on (a line that holds the end
        // of one row and the start of the next may be a table written column by
        // column, which this count cannot tell).
        let by_rows = |vals: &[Val]| {
            (1..vals.len() / ncols.max(1)).all(|k| vals[k * ncols - 1].line != vals[k * ncols].line)
        };
        // A square block (as many rows, the unread ones too, as columns, each a
        // line) reads down the columns as well as along the rows: a table
        // written column by column, whose rows differ when read so, is not
        // counted.
        let rows = queue.len() + unread.len();
        let square = rows == ncols
            && vals.len() == rows * ncols
            && (0..vals.len()).any(|i| {
                let j = (i % ncols) * rows + i / ncols;
                trim(vals[i].tok.raw) != trim(vals[j].tok.raw)
            });
        if one_table
            && ncols > 0
            && vals.len() == need + ncols * unread.len()
            && by_rows(&vals)
            && !square
        {
            let mut kept = Vec::with_capacity(need);
            let mut at = 0;
            for i in 0..=queue.len() {
                for &(_, line, raw) in unread.iter().filter(|u| u.0 == i) {
                    let row = &vals[at..at + ncols];
                    at += ncols;
                    for v in row {
                        if v.tok.kind != TokKind::Value(CellValue::Blank) {
                            self.out.stray.push(v.line);
                        }
                    }
                    // The row's other lines are named too, so that none of its
                    // numbers is dropped without a word.
                    let mut last = row[0].line;
                    for v in &row[1..] {
                        if v.line != last {
                            last = v.line;
                            self.diags.push(Diag::note(
                                v.line,
                                format!("set aside with the numbers of line {}", row[0].line),
                            ));
                        }
                    }
                    self.diags.push(Diag::warning(
                        row[0].line,
                        format!(
                            "these numbers stand where the unread row label `{}` (line {line}) stands among the labels: their row is not known, so they are set aside",
                            clip(raw)
                        ),
                    ));
                }
                if i < queue.len() {
                    kept.extend_from_slice(&vals[at..at + ncols]);
                    at += ncols;
                }
            }
            return Some(kept);
        }
        let mut lines: Vec<u32> = vals.iter().map(|v| v.line).collect();
        lines.dedup();
        self.out.uncertain.extend(lines.iter().copied());
        self.out.uncertain.extend(queue.iter().map(|q| q.line));
        let keys = self.queue_keys(queue);
        for (i, l) in lines.iter().enumerate() {
            let msg = if i == 0 {
                format!(
                    "{} numbers follow the row label(s) {} and {} line(s) that start like a row label but name none: which number belongs where is not certain, so those rows are reported missing",
                    vals.len(),
                    keys.join(", "),
                    unread.len()
                )
            } else {
                "numbers set aside with the line above".to_string()
            };
            self.diags.push(Diag::warning(*l, msg));
        }
        None
    }

    /// A block of labels, then their numbers: read row by row unless the lines
    /// say otherwise. A line that holds the end of one row and the start of the
    /// next is the table written column by column (every row's first number, then
    /// every row's second …) as well as by rows: which number is in which row is
    /// not certain, so the rows are set aside with a warning. True when they were.
    /// (Numbers one per line are read row by row, pdftotext without `-layout`
    /// writes a block of labels, then each row's numbers one per line; but
    /// pdfminer writes them down the columns, so where the two orders give
    /// different rows [`Self::order`] decides.)
    fn set_aside_column_major(&mut self, queue: &[Queued], vals: &[Val]) -> bool {
        let widths: Vec<usize> = queue
            .iter()
            .map(|q| self.tpl.tables[q.table].cols.len())
            .collect();
        let mut bounds = Vec::new();
        let mut at = 0;
        for w in &widths {
            at += w;
            bounds.push(at);
        }
        // All on one line (a crawler's one-line body): rows in the order of their
        // labels, as the text reads.
        let one_line = vals.first().map(|v| v.line) == vals.last().map(|v| v.line);
        let crossing = !one_line
            && bounds
                .iter()
                .any(|&b| b > 0 && b < vals.len() && vals[b].line == vals[b - 1].line);
        // A line per column is read down them, unless a sign or a row identity
        // refutes that reading (then it is set aside here as before).
        let by_lines = crossing
            && self.lines_are_columns(queue, vals)
            && !matches!(self.order(queue, vals), Order::Unknown);
        if !crossing || by_lines {
            return false;
        }
        let mut lines: Vec<u32> = vals.iter().map(|v| v.line).collect();
        lines.dedup();
        self.out.uncertain.extend(lines.iter().copied());
        let first = lines.first().copied().unwrap_or(0);
        let why = "a line holds numbers of two of them";
        self.diags.push(Diag::warning(
            first,
            format!(
                "{} numbers follow a block of {} row labels ({} …) and {why}: the table may be written column by column, so which number is in which row is not certain and the rows are reported missing",
                vals.len(),
                queue.len(),
                clip(&queue[0].text)
            ),
        ));
        for l in lines.iter().skip(1) {
            self.diags
                .push(Diag::note(*l, "numbers set aside with the block above"));
        }
        true
    }

    /// Whether the numbers after a block of row labels of one table stand a line
    /// per column: as many lines as the table has columns, each holding exactly
    /// one number of every row (`21  0` / `+19  0` / `40  0` under 行政许可 and
    /// 其他对外管理服务事项). Read along the rows, every row but the first would
    /// start inside a line, which no converter writing rows prints; an extractor
    /// that reads a ruled table column by column (pdfminer's boxes) does.
    fn lines_are_columns(&self, queue: &[Queued], vals: &[Val]) -> bool {
        let Some(first) = queue.first() else {
            return false;
        };
        let ncols = self.tpl.tables[first.table].cols.len();
        let nrows = queue.len();
        nrows >= 2
            && ncols >= 2
            && nrows != ncols
            && queue.iter().all(|q| q.table == first.table)
            && vals.len() == nrows * ncols
            && (1..vals.len()).all(|b| (vals[b - 1].line < vals[b].line) == (b % nrows == 0))
            && vals.iter().all(|v| !run_together(v.tok.raw))
    }

    /// A block of two or more row labels followed by their numbers in lines that
    /// fit both orders (one a line, a line a row when there are as many rows as
    /// columns, a column wrapped): an extractor that reads a ruled table column by
    /// column (pdfminer) prints it so, and the lines do not tell whether the
    /// numbers run along the rows or down the columns. When the two readings
    /// differ: the one that puts no signed number (`+3`, `-2`) in a column without
    /// signs, if only one does; along the rows when the table's row identities hold
    /// so and fail the other way; otherwise unknown.
    fn order(&self, queue: &[Queued], vals: &[Val]) -> Order {
        // Section 四 is printed as one row of fifteen cells (行政复议, then the two
        // groups of 行政诉讼): read down its columns or along its row, its numbers
        // come in the same order, the template's.
        if self.section == 4 {
            return Order::Along;
        }
        let Some(first) = queue.first() else {
            return Order::Along;
        };
        let table = first.table;
        let ncols = self.tpl.tables[table].cols.len();
        let nrows = queue.len();
        if nrows < 2 || ncols < 2 || queue.iter().any(|q| q.table != table) {
            return Order::Along;
        }
        if vals.len() != nrows * ncols {
            return Order::Along;
        }
        // Numbers printed before a later row's label: the labels are no block
        // over their columns, so reading down is not the text's; and the first
        // row held too few numbers before the next label (else it would not have
        // waited), so reading along is not either (a grid row that lost a cell
        // to OCR: `| 规章 | 433 | 716 |` / `| 规范性文 | 1593 | 0 |`).
        if queue[1..].iter().any(|q| vals[0].line < q.line) {
            return Order::Unknown;
        }
        // Read along the rows, each row's first number starts a line; read down
        // the columns, each column's does too: then the line breaks say nothing
        // of the order. So it is with one number a line, with a square block of
        // a row a line (a group of seven rows of section 三 printed down its
        // columns), and with a column's numbers wrapped (`21  0` / `19` / `0` /
        // `40  0`: two rows of three, or three columns of two).
        let starts_lines = |step: usize| {
            (step..vals.len())
                .step_by(step)
                .all(|b| vals[b - 1].line < vals[b].line)
        };
        // All on one line (a crawler's line, a page's cells each holding a
        // column's numbers parted by `<br>`): the breaks say nothing either.
        let one_line = vals.first().map(|v| v.line) == vals.last().map(|v| v.line);
        let by_lines = self.lines_are_columns(queue, vals);
        if !one_line && !by_lines && (!starts_lines(ncols) || !starts_lines(nrows)) {
            return Order::Along;
        }
        let raw = |v: &Val| -> Option<i128> {
            match v.tok.kind {
                TokKind::Value(CellValue::Number(d, _)) => Some(d.fixed()),
                TokKind::Value(CellValue::Blank) => Some(0),
                _ => None,
            }
        };
        let along: Vec<Option<i128>> = vals.iter().map(raw).collect();
        let down: Vec<Option<i128>> = (0..nrows * ncols)
            .map(|i| along[(i % ncols) * nrows + i / ncols])
            .collect();
        // The same cells either way: compared as printed, not as values (`Z`, an
        // OCR look-alike, and `-` are no value both, but not the same cell).
        if (0..nrows * ncols)
            .all(|i| vals[i].tok.raw.trim() == vals[(i % ncols) * nrows + i / ncols].tok.raw.trim())
        {
            return Order::Along;
        }

        // A number printed with its sign (`+3`, `-2`) stands only in a column of
        // changes (本年增/减): a reading that puts one in a column of counts is
        // not the text's.
        let cols = &self.tpl.tables[table].cols;
        let signs_fit = |order: &dyn Fn(usize) -> usize| {
            (0..vals.len()).all(|i| {
                let v = &vals[order(i)];
                let number = matches!(v.tok.kind, TokKind::Value(CellValue::Number(..)));
                let signed = v
                    .tok
                    .raw
                    .trim_start()
                    .strip_prefix(['+', '-', '＋', '－'])
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
                !(number && signed) || cols[i % ncols].signed
            })
        };
        let along_fits = signs_fit(&|i| i);
        let down_fits = signs_fit(&|i| (i % ncols) * nrows + i / ncols);
        // The row identities of this table, on the queued rows.
        let holds = |cells: &[Option<i128>]| -> Option<bool> {
            let mut any = false;
            for check in self.tpl.checks.iter() {
                if check.table != table || check.per != crate::grammar::Per::Row {
                    continue;
                }
                for (i, q) in queue.iter().enumerate() {
                    if !check.over.contains(&q.row) {
                        continue;
                    }
                    let sum = |cols: &[usize]| -> Option<i128> {
                        cols.iter()
                            .map(|&c| cells.get(i * ncols + c).copied().flatten())
                            .sum()
                    };
                    any = true;
                    if sum(&check.lhs)? != sum(&check.rhs)? {
                        return Some(false);
                    }
                }
            }
            any.then_some(true)
        };
        // A line per column: down them, unless a sign or a row identity refutes it.
        if by_lines {
            return if down_fits && holds(&down) != Some(false) {
                Order::DownByLines
            } else {
                Order::Unknown
            };
        }
        if along_fits != down_fits {
            return if along_fits {
                Order::Along
            } else {
                Order::Down
            };
        }
        if holds(&along) == Some(true) && holds(&down) == Some(false) {
            Order::Along
        } else {
            Order::Unknown
        }
    }

    /// The queued rows as `key (line N)`, for a warning.
    fn queue_keys(&self, queue: &[Queued]) -> Vec<String> {
        queue
            .iter()
            .map(|q| {
                format!(
                    "{} (line {})",
                    self.tpl.tables[q.table].rows[q.row].key, q.line
                )
            })
            .collect()
    }

    /// The rows of `queue` stay missing: the order of their numbers is not known.
    fn order_not_certain(&mut self, queue: &[Queued], vals: &[Val]) {
        let keys = self.queue_keys(queue);
        self.out.uncertain.extend(queue.iter().map(|q| q.line));
        for (i, v) in vals.iter().enumerate() {
            self.out.uncertain.push(v.line);
            let msg = if i == 0 {
                format!(
                    "{} numbers one a line follow the row labels {} together: whether they run along the rows or down the columns is not certain, so those rows are reported missing",
                    vals.len(),
                    keys.join(", ")
                )
            } else {
                "number set aside with the numbers above".to_string()
            };
            self.diags.push(Diag::warning(v.line, msg));
        }
    }

    /// Row `row` of `table`, filled, is taken back: reported missing, each of its
    /// numbers with a note and its line marked uncertain (no other reading places
    /// them unconfirmed), its label no longer read. The caller says why.
    fn take_row_back(&mut self, table: usize, row: usize) {
        let n = self.tpl.tables[table].cols.len();
        let tr = &mut self.out.tables[table];
        tr.rows_seen[row] = false;
        for s in &mut tr.slots[row * n..(row + 1) * n] {
            if let Some(s) = s.take() {
                self.out.uncertain.push(s.line);
                self.diags
                    .push(Diag::note(s.line, "number set aside with its row"));
            }
        }
        self.out
            .labels
            .retain(|l| !(l.table == table && l.axis == Axis::Row && l.index == row));
    }

    fn fill(&mut self, q: &Queued, vals: &[Val]) {
        self.fill_quiet(q, vals, true);
    }

    /// A row one number over its cells where two numbers stand closer together
    /// than any other two (`2` and `6` on lines of their own, the other numbers
    /// blank lines apart: Word printed 26 in two runs, and a crawler put a line
    /// break between them): those two are one number when, joined, the row's
    /// identities hold (some through the row with every cell known, all of them);
    /// read so, `recovered`, with a warning. False, and nothing read, otherwise.
    fn join_split_number(&mut self, q: &Queued, vals: &[Val<'a>], need: usize) -> bool {
        if need < 2 || vals.len() != need + 1 {
            return false;
        }
        let plain = |v: &Val| {
            matches!(v.tok.kind, TokKind::Value(CellValue::Number(_, None)))
                && v.tok.remark.is_none()
                && v.tok.raw.bytes().all(|b| b.is_ascii_digit())
        };
        if !vals.iter().all(plain) {
            return false;
        }
        // How far apart each two neighbours stand: lines between them, then, on
        // one line, the characters between them (`21   3   2   0   0  0   2 6`, a
        // number Word printed in two runs and a crawler parted by one space).
        let gaps: Vec<(u32, usize)> = vals
            .windows(2)
            .map(|w| {
                let lines = w[1].line.saturating_sub(w[0].line);
                let chars = if lines == 0 {
                    self.text
                        .get(w[0].tok.offset + w[0].tok.raw.len()..w[1].tok.offset)
                        .map_or(usize::MAX, |t| t.chars().count())
                } else {
                    0
                };
                (lines, chars)
            })
            .collect();
        let Some(&min) = gaps.iter().min() else {
            return false;
        };
        let mut at = gaps
            .iter()
            .enumerate()
            .filter(|(_, &g)| g == min)
            .map(|(i, _)| i);
        let closest = match (at.next(), at.next()) {
            (Some(k), None) => Some(k),
            _ => None,
        };
        // The two closest together; where no two are (a cell a line), every two
        // neighbours, of which the row's identities must confirm exactly one.
        // (Not in a layout that aligns its cells: numbers a row prints on one
        // line two spaces apart or more, `1  0  0   0`, and one too many after
        // them, a table tool's index of the next row, are no number in two
        // pieces; a crawler's single spaces, or a cell a line, may be.)
        let aligned = gaps.iter().any(|&(lines, chars)| lines == 0 && chars >= 2);
        let tried: Vec<usize> = match closest {
            Some(k) => vec![k],
            None if !aligned => (0..vals.len() - 1).collect(),
            None => Vec::new(),
        };
        let mut found: Option<(usize, Vec<Val<'a>>, String)> = None;
        for k in tried {
            let Some((cells, joined)) = self.joined_at(vals, k, need) else {
                continue;
            };
            let slots: Vec<Slot> = cells
                .iter()
                .map(|v| Slot {
                    state: State::Number,
                    value: match v.tok.kind {
                        TokKind::Value(CellValue::Number(d, _)) => Some(d),
                        _ => None,
                    },
                    unit: None,
                    raw: (v.tok.offset, v.tok.offset + v.tok.raw.len()),
                    line: v.line,
                })
                .collect();
            if !crate::parse::gaps::row_confirmed(self.tpl, q.table, q.row, &slots, self.out) {
                continue;
            }
            if found.is_some() {
                return false;
            }
            found = Some((k, cells, joined));
        }
        let Some((k, cells, joined)) = found else {
            return false;
        };
        if !self.fill_quiet(q, &cells, true) {
            return false;
        }
        let nc = self.tpl.tables[q.table].cols.len();
        if let Some(s) = self.out.tables[q.table].slots[q.row * nc + k].as_mut() {
            s.state = State::Recovered;
        }
        let (a, b) = (&vals[k], &vals[k + 1]);
        let why = if closest.is_some() {
            "closer together than any other two, are read as one number"
        } else {
            "the only two neighbours whose joining the row's identities allow, are read as one number"
        };
        self.diags.push(Diag::warning(
            a.line,
            format!(
                "row {} has {} numbers for {need} cells; `{}` and `{}`, {why}, {joined}, which the row's identities confirm (a number printed in two pieces?)",
                self.tpl.tables[q.table].rows[q.row].key,
                vals.len(),
                a.tok.raw,
                b.tok.raw
            ),
        ));
        // The second piece's own line, where it stands alone, says where it went.
        if b.line != a.line {
            self.diags.push(Diag::note(
                b.line,
                format!(
                    "`{}` read with `{}` on line {} as one number, {joined}",
                    b.tok.raw, a.tok.raw, a.line
                ),
            ));
        }
        true
    }

    /// The row's numbers with `vals[k]` and `vals[k + 1]` read as one (only
    /// whitespace between them, the first no zero-led piece), and the number so
    /// read.
    fn joined_at(&self, vals: &[Val<'a>], k: usize, need: usize) -> Option<(Vec<Val<'a>>, String)> {
        let (a, b) = (&vals[k], &vals[k + 1]);
        let (from, to) = (a.tok.offset, b.tok.offset + b.tok.raw.len());
        let between = self.text.get(a.tok.offset + a.tok.raw.len()..b.tok.offset);
        if !between.is_some_and(|t| t.trim().is_empty()) || a.tok.raw.starts_with('0') {
            return None;
        }
        let joined = format!("{}{}", a.tok.raw, b.tok.raw);
        let CellValue::Number(d, None) = crate::model::value::parse_cell(&joined) else {
            return None;
        };
        let raw = self.text.get(from..to)?;
        let mut cells: Vec<Val<'a>> = Vec::with_capacity(need);
        cells.extend(vals[..k].iter().cloned());
        cells.push(Val {
            tok: Token {
                raw,
                offset: from,
                kind: TokKind::Value(CellValue::Number(d, None)),
                remark: None,
            },
            line: a.line,
        });
        cells.extend(vals[k + 2..].iter().cloned());
        Some((cells, joined))
    }

    /// A row one or two numbers short of its cells, every one a plain number:
    /// kept for the identities to place (`parse::gaps`).
    fn keep_short(&mut self, q: &Queued, vals: &[Val], need: usize) {
        if vals.is_empty() || vals.len() >= need || need - vals.len() > 2 {
            return;
        }
        let mut nums = Vec::with_capacity(vals.len());
        for v in vals {
            let TokKind::Value(CellValue::Number(d, u)) = v.tok.kind else {
                return;
            };
            if v.tok.remark.is_some() {
                return;
            }
            nums.push(Slot {
                state: State::Number,
                value: Some(d),
                unit: u,
                raw: (v.tok.offset, v.tok.offset + v.tok.raw.len()),
                line: v.line,
            });
        }
        self.out.tables[q.table].short.push(ShortRow {
            row: q.row,
            nums,
            first: 0,
        });
    }

    /// Fills row `q` from `vals`; false when the row was already read.
    fn fill_quiet(&mut self, q: &Queued, vals: &[Val], label: bool) -> bool {
        let ncols = self.tpl.tables[q.table].cols.len();
        let tr = &mut self.out.tables[q.table];
        if tr.rows_seen[q.row] {
            self.diags.push(Diag::warning(
                q.line,
                format!(
                    "row `{}` is printed twice; the first one is kept",
                    clip(&q.text)
                ),
            ));
            for v in vals {
                if v.tok.kind != TokKind::Value(CellValue::Blank) {
                    self.out.stray.push(v.line);
                }
                self.diags.push(Diag::note(
                    v.line,
                    format!(
                        "value `{}` belongs to a row printed twice; set aside",
                        v.tok.raw
                    ),
                ));
            }
            return false;
        }
        tr.seen = true;
        tr.rows_seen[q.row] = true;
        for (c, v) in vals.iter().enumerate().take(ncols) {
            let raw = (v.tok.offset, v.tok.offset + v.tok.raw.len());
            let (state, value, unit) = match v.tok.kind {
                TokKind::Value(CellValue::Number(d, u)) => (State::Number, Some(d), u),
                TokKind::Value(CellValue::Blank) => (State::Blank, None, None),
                // `1O5`: digits OCR printed as letters, unresolved in their column.
                TokKind::Value(CellValue::Na) if crate::model::value::unknown_cell(v.tok.raw) => {
                    (State::Unresolved, None, None)
                }
                _ => (State::Na, None, None),
            };
            tr.slots[q.row * ncols + c] = Some(Slot {
                state,
                value,
                unit,
                raw,
                line: v.line,
            });
            if let Some(r) = v.tok.remark {
                self.diags.push(Diag::note(
                    v.line,
                    format!(
                        "remark `{}` printed beside the number {}; the number is kept",
                        clip(r),
                        v.tok.raw
                    ),
                ));
            }
        }
        if label {
            self.parted_by_height(q, vals);
            self.out.labels.push(LabelRead {
                table: q.table,
                axis: Axis::Row,
                index: q.row,
                text: q.text.clone(),
                line: q.line,
            });
        }
        true
    }
}

#[cfg(test)]
mod tests;
