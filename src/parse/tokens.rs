//! A table region → lines of label and number tokens, whatever separates them.
//!
//! Converters separate cells with TABs, pipes, runs of spaces, one space or a line
//! break, and wrap them in markdown (`## …`, `|---|`). This stage does not guess
//! which: every line is cut at pipes and TABs (the cells of a row), each cell at
//! spaces, and the pieces classified as numbers (or blank / na) and text. Runs of
//! text pieces in one cell join into one label token (`4.无正当理由大量反复 申请`), so
//! [`crate::parse::align`] sees a stream of labels and numbers with their byte ranges and
//! lines.

use crate::model::value::{parse_cell, CellValue};
use crate::parse::lines::LineIndex;

/// What a token holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// A label, a caption or noise: anything that is not a value.
    Text,
    /// A number, an empty pipe/TAB cell, or an na mark (`/`, `—`).
    Value(CellValue),
}

/// One token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub raw: &'a str,
    /// Byte offset of `raw` in the report text.
    pub offset: usize,
    pub kind: TokKind,
    /// A remark printed beside a number (`22（其中修订16件）`): the remark.
    pub remark: Option<&'a str>,
}

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A page marker (`- 3 -`, `第3页`): never a value.
    Page,
    /// A markdown table rule (`|---|:--|`).
    Rule,
    /// Anything else with text on it.
    Content,
}

/// One non-empty line of a region.
#[derive(Debug, Clone)]
pub struct TokLine<'a> {
    pub line: u32,
    pub kind: LineKind,
    /// Cut at `|` (a markdown or crawler table row), or at the commas of a
    /// comma-separated one.
    pub piped: bool,
    pub raw: &'a str,
    /// Its tokens: a range of [`Tokens::tokens`].
    pub toks: std::ops::Range<usize>,
}

/// The lines of a region and, in one list, their tokens in order: one list for
/// the region instead of one per line (an allocation a line was 4% of a CSV run's
/// instructions on issue 13's tree, callgrind).
#[derive(Debug, Clone, Default)]
pub struct Tokens<'a> {
    pub lines: Vec<TokLine<'a>>,
    pub tokens: Vec<Token<'a>>,
}

impl<'a> Tokens<'a> {
    /// The tokens of line `l`.
    pub fn of(&self, l: &TokLine<'a>) -> &[Token<'a>] {
        self.tokens.get(l.toks.clone()).unwrap_or(&[])
    }
}

/// The lines of `text[start..end]` as tokens; empty lines are left out.
pub fn tokenize<'a>(text: &'a str, start: usize, end: usize, li: &LineIndex) -> Tokens<'a> {
    // Room for a line and a token per line of the region at once: grown by
    // doubling, these lists of large items were copied over and over (realloc
    // and memcpy, 2% of a run on issue 13's tree, callgrind). Blank lines make the
    // guess generous; a line of many cells grows `tokens` once or twice.
    let n = li.count_in(start, end);
    let mut out = Vec::with_capacity(n);
    let csv = csv_region(text, start, end, li);
    let mut tokens = Vec::with_capacity(n);
    // The cells of a line and the pieces of a cell, in buffers kept from line to
    // line: a new list each time, and each line's tokens grown by doubling, were
    // 354,000 allocations and reallocations in a run over 500 reports of issue 13's
    // tree (callgrind), 4.8% of its instructions.
    let mut pieces: Vec<(usize, &str)> = Vec::new();
    let mut scratch: Vec<(usize, &str)> = Vec::new();
    for (off, line) in li.lines(text, start, end) {
        let body = trim_space_start(line);
        let t = trim_space_end(body);
        if t.is_empty() {
            // A line holding `&nbsp;` alone, after a line of one cell: a cell an
            // HTML page left empty, as a crawler writes a cell a line
            // (cells::paragraph_cells reads it so). After a line of several
            // cells it is no cell: a row short of its last would take it.
            let one_cell = out
                .last()
                .is_some_and(|l: &TokLine| l.kind == LineKind::Content && l.toks.len() == 1);
            if one_cell && line.contains('\u{a0}') {
                let first = tokens.len();
                tokens.push(Token {
                    raw: "",
                    offset: off,
                    kind: TokKind::Value(CellValue::Blank),
                    remark: None,
                });
                out.push(TokLine {
                    line: li.line_of(off),
                    kind: LineKind::Content,
                    piped: false,
                    raw: "",
                    toks: first..tokens.len(),
                });
            }
            continue;
        }
        let lead = line.len() - body.len();
        let ln = li.line_of(off + lead);
        // Only a line that opens with `-`, `P`, a digit or a character led by
        // E2, E7 or EF can be a page marker: one byte spares the others the test.
        // A line that opens with a digit (most lines of numbers) is a marker only
        // as `3/12`: without a `/` it is told here, as the marker test itself
        // would tell it, without the call (a byte loop: these lines are short).
        #[allow(clippy::manual_contains)]
        let may_be_page = match t.as_bytes() {
            // `3/8` only where the text prints it on several pages.
            [d, ..] if d.is_ascii_digit() => {
                li.slash_pages() && t.as_bytes().iter().any(|&c| c == b'/')
            }
            [0xef, 0xbc, 0x90..=0x99, ..] => li.slash_pages(),
            [b, ..] => crate::parse::cells::may_start_page_number(*b),
            [] => false,
        };
        if (may_be_page && crate::parse::pages::is_page_marker(t) && li.slash_total_ok(t))
            || li.is_running_header(t)
        {
            out.push(TokLine {
                line: ln,
                kind: LineKind::Page,
                piped: false,
                raw: t,
                toks: tokens.len()..tokens.len(),
            });
            continue;
        }
        // `- | - | -` right under a label without pipes or a row of values (of
        // numbers, of such marks): a row whose cells print `-` for "none", not a
        // markdown table's delimiter row, which follows a header. (Under a rule
        // or a header it stays a rule: an OCR tool's tables of headers alone
        // print such rows under their rule.)
        let marks_row = || {
            single_dash_cells(t)
                && out.last().is_some_and(|l: &TokLine| {
                    l.kind == LineKind::Content
                        && (!l.piped
                            || tokens[l.toks.clone()]
                                .iter()
                                .any(|k: &Token| matches!(k.kind, TokKind::Value(_))))
                })
        };
        if is_rule(t) && !marks_row() {
            out.push(TokLine {
                line: ln,
                kind: LineKind::Rule,
                piped: true,
                raw: t,
                toks: tokens.len()..tokens.len(),
            });
            continue;
        }
        let first = tokens.len();
        let piped = split_cells(line, &mut pieces);
        let mut cut = piped;
        if !pieces.is_empty() {
            let n = pieces.len();
            for (i, &(at, p)) in pieces.iter().enumerate() {
                if blank_piece(p) {
                    // The pieces before a leading separator and after a trailing one
                    // are no cells; an empty one between two is a blank cell.
                    if i > 0
                        && i + 1 < n
                        && (piped || tokens.len() > first)
                        && !(i == 1
                            && piped
                            && crate::parse::cells::label_cell_of_short_row(text, off + at))
                    {
                        tokens.push(Token {
                            raw: "",
                            offset: off + at,
                            kind: TokKind::Value(CellValue::Blank),
                            remark: None,
                        });
                    }
                    continue;
                }
                // A data frame's index (`|  〇 | 2 | 0 | …`, under a header whose
                // first cell is empty) on a row one cell short of its header: no
                // value, or it takes the place of the number lost. (The table's
                // lines up to its header are read only for a first cell that
                // may be an index: a few digits or their look-alikes, not every
                // row of every markdown table.)
                if i == 1
                    && piped
                    && index_like(p)
                    && crate::parse::cells::short_of_header(text, off + at)
                        .is_some_and(str::is_empty)
                {
                    continue;
                }
                cell_tokens(p, off + at, &mut tokens, &mut scratch);
            }
        } else if let Some(fields) = csv.and_then(|_| csv_fields(line, false)) {
            let grouping = csv == Some(true);
            csv_tokens(line, off, &fields, grouping, &mut tokens, &mut scratch);
            // Cut at its separators, as a pipe row is.
            cut = true;
        } else {
            cell_tokens(line, off, &mut tokens, &mut scratch);
            // `1,160.5964` on a line of no fields (a wrapped record's rest) in a
            // comma-separated text that does not say how it groups digits: one
            // number or two cells, so no value (the reader sets the line aside).
            if csv == Some(false) {
                for t in &mut tokens[first..] {
                    if matches!(t.kind, TokKind::Value(_)) && ambiguous_grouping(t.raw) {
                        t.kind = TokKind::Text;
                    }
                }
            }
        }
        out.push(TokLine {
            line: ln,
            kind: LineKind::Content,
            piped: cut,
            raw: t,
            toks: first..tokens.len(),
        });
    }
    // A line of `&nbsp;` alone is an empty cell before a number only (as in
    // cells::paragraph_cells): before a label it may be a merged side column's
    // place, which a row that lost a number would take as its last cell.
    if out.iter().any(|l| l.raw.is_empty()) {
        let mut keep = vec![true; out.len()];
        let mut next_value = false;
        for (k, l) in out.iter().enumerate().rev() {
            if l.raw.is_empty() {
                keep[k] = next_value;
                continue;
            }
            if l.kind == LineKind::Page {
                continue;
            }
            next_value = tokens
                .get(l.toks.start)
                .is_some_and(|t| l.toks.start < l.toks.end && matches!(t.kind, TokKind::Value(_)));
        }
        let mut k = 0;
        out.retain(|_| {
            k += 1;
            keep[k - 1]
        });
    }
    rule_pieces_across_lines(&out, &mut tokens);
    Tokens { lines: out, tokens }
}

/// Cuts `line` into its cells, `pieces` (each with its offset in the line): at
/// its pipes ([`pipe_at`]) when it holds one, else at its TABs. Says whether it
/// held a pipe; with neither a pipe nor a TAB, `pieces` is left empty.
/// One pass finds the TABs and looks for a pipe (the test for a pipe, the search
/// for a TAB and the cutting were three passes over every line); a line with a
/// pipe is cut again at its pipes. A loop over characters by their first bytes:
/// the separators are `\t` or `|` (ASCII) or a pipe of three bytes, and no
/// character is decoded; a Han character is one step, not three (a byte at a time
/// was 5% of the tokenizer's instructions on issue 13's tree, callgrind).
fn split_cells<'a>(line: &'a str, pieces: &mut Vec<(usize, &'a str)>) -> bool {
    let b = line.as_bytes();
    pieces.clear();
    let mut from = 0;
    let mut i = 0;
    let mut piped = false;
    while let Some(&c) = b.get(i) {
        if c == b'\t' {
            pieces.push((from, line.get(from..i).unwrap_or("")));
            from = i + 1;
            i = from;
        } else if matches!(c, b'|' | 0xe2 | 0xef) && pipe_at(b, i) > 0 {
            piped = true;
            break;
        } else {
            i += utf8_len(c);
        }
    }
    if piped {
        pieces.clear();
        from = 0;
        i = 0;
        while let Some(&c) = b.get(i) {
            let sep = pipe_at(b, i);
            if sep > 0 {
                pieces.push((from, line.get(from..i).unwrap_or("")));
                from = i + sep;
                i = from;
            } else {
                i += utf8_len(c);
            }
        }
    }
    if !pieces.is_empty() {
        pieces.push((from, line.get(from..).unwrap_or("")));
    }
    piped
}

/// `… 总计 -` / `--------- ----`: dashes that end a line before a line that opens
/// with a run of three or more (or open a line after one that ends so) are a piece
/// of a table rule a wrap cut apart, no na mark.
fn rule_pieces_across_lines(lines: &[TokLine], tokens: &mut [Token]) {
    // A text token of several pieces joined (`--------- ----------`) opens or
    // ends with the run.
    let opens = |t: &Token| t.kind == TokKind::Text && t.raw.starts_with("---");
    let ends = |t: &Token| t.kind == TokKind::Text && t.raw.ends_with("---");
    let na_dashes = |t: &Token| t.kind == TokKind::Value(CellValue::Na) && is_dashes(t.raw);
    for w in lines.windows(2) {
        let (prev, next) = (&w[0], &w[1]);
        if prev.toks.is_empty() || next.toks.is_empty() {
            continue;
        }
        let (last, first) = (prev.toks.end - 1, next.toks.start);
        let (Some(a), Some(b)) = (tokens.get(last), tokens.get(first)) else {
            continue;
        };
        if opens(b) && na_dashes(a) {
            tokens[last].kind = TokKind::Text;
        } else if ends(a) && na_dashes(b) {
            tokens[first].kind = TokKind::Text;
        }
    }
}

/// One field of a comma-separated line: its byte range in the line (inside the
/// quotes when quoted) and whether it was quoted.
#[derive(Debug, Clone, Copy)]
struct Field {
    start: usize,
    end: usize,
    quoted: bool,
}

/// A line of cells joined by commas (a spreadsheet or CSV export): its fields, or
/// None when the line is no such line. A comma between a digit and exactly three
/// digits may be a thousands separator (`1,285`), so it alone does not make a line
/// comma-separated. With `values`, nor does a comma in a sentence: some field must
/// hold a value (a number or an na mark) or be empty between two commas.
fn csv_fields(line: &str, values: bool) -> Option<Vec<Field>> {
    if !line.contains(',') {
        return None;
    }
    let b = line.as_bytes();
    let mut fields = Vec::new();
    let mut i = 0;
    loop {
        // Skip spaces before a field.
        while i < b.len() && (b[i] == b' ' || b[i] == b'\r') {
            i += 1;
        }
        // Emphasis marks a markdown rewrite put around a quoted field, or around
        // the whole line (`**（一）予以公开,"1,288",…,"1,362"**`), are no part of
        // the field's quoting.
        let marks = b[i..].iter().take_while(|&&c| emphasis(c)).count();
        if marks > 0 && b.get(i + marks) == Some(&b'"') {
            i += marks;
        }
        if i < b.len() && b[i] == b'"' {
            let start = i + 1;
            let mut j = start;
            loop {
                match b.get(j) {
                    None => return None,
                    Some(b'"') if b.get(j + 1) == Some(&b'"') => j += 2,
                    Some(b'"') => break,
                    Some(_) => j += 1,
                }
            }
            fields.push(Field {
                start,
                end: j,
                quoted: true,
            });
            i = j + 1;
            while i < b.len() && (b[i] == b' ' || emphasis(b[i])) {
                i += 1;
            }
            match b.get(i) {
                None => break,
                Some(b',') => i += 1,
                Some(_) => return None,
            }
        } else {
            let start = i;
            while i < b.len() && b[i] != b',' {
                // A quote inside an unquoted field: a quoted field cut by a line
                // break (a wrap), no line of fields.
                if b[i] == b'"' {
                    return None;
                }
                i += 1;
            }
            fields.push(Field {
                start,
                end: i,
                quoted: false,
            });
            if i >= b.len() {
                break;
            }
            i += 1;
        }
    }
    if fields.len() < 2 {
        return None;
    }
    let text = |f: &Field| line[f.start..f.end].trim_matches(is_space);
    // Digits glued to a label (`政府集中采购1,25631,945.6`: `1,256` and
    // `31,945.6` glued on): a glued row whose numbers are grouped by commas, no
    // line of fields (read so, 1 was dropped with the label and 25631 read).
    if fields
        .iter()
        .any(|f| !f.quoted && digits_glued_to_han(text(f)))
    {
        return None;
    }
    let grouping_only = fields.windows(2).all(|p| {
        let (a, z) = (&line[p[0].start..p[0].end], &line[p[1].start..p[1].end]);
        !p[0].quoted
            && !p[1].quoted
            && a.ends_with(|c: char| c.is_ascii_digit())
            && z.len() >= 3
            && z.as_bytes()[..3].iter().all(u8::is_ascii_digit)
            && !z.as_bytes().get(3).is_some_and(u8::is_ascii_digit)
    });
    let n = fields.len();
    let holds_value = fields.iter().enumerate().any(|(k, f)| {
        let t = text(f);
        if t.is_empty() {
            return k > 0 && k + 1 < n;
        }
        parse_cell(t) != CellValue::Text
    });
    ((holds_value || !values) && !grouping_only).then_some(fields)
}

/// Whether `t` is a label of two characters or more, no digit in it, with ASCII
/// digits glued on (`政府集中采购1`; not a number's footnote, `3注1`).
fn digits_glued_to_han(t: &str) -> bool {
    let head = t.trim_end_matches(|c: char| c.is_ascii_digit());
    head.len() < t.len()
        && head.ends_with(|c: char| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && head.chars().count() >= 2
        && !head.bytes().any(|b| b.is_ascii_digit())
}

/// A markdown emphasis mark (`**`, `__`).
fn emphasis(c: u8) -> bool {
    c == b'*' || c == b'_'
}

/// Whether a region is comma-separated: two or more of its lines (without pipes
/// or TABs) hold values between commas, or one holds three values or more. Then every line with commas is read as
/// fields, and the answer says how the text writes numbers of four or more
/// digits: `Some(true)` when with thousands separators inside quotes (`"1,285"`)
/// or with none (`1285`), or when its comma lines are a grid (three or more, all
/// with the same number of fields), any of which says that every comma outside
/// quotes separates two cells; `Some(false)` when the text shows neither, so that
/// `1,285` outside quotes may be one number or two cells.
pub(crate) fn csv_region(text: &str, start: usize, end: usize, li: &LineIndex) -> Option<bool> {
    let mut lines = 0;
    let mut widest = 0;
    let mut settled = false;
    // The fields of every comma line, while they are all alike: a grid.
    let mut width: Option<Option<usize>> = None;
    // Most regions hold no ASCII comma at all: one memchr pass tells.
    memchr::memchr(b',', text.as_bytes().get(start..end).unwrap_or(&[]))?;
    for (_, line) in li.lines(text, start, end) {
        if memchr::memchr(b',', line.as_bytes()).is_none() || has_pipe(line) || line.contains('\t')
        {
            continue;
        }
        // pandas' CSV of a frame (`,0,1,2` over its rows): written by a CSV writer,
        // which quotes a field that holds a comma.
        settled |= frame_header(line);
        let Some(fields) = csv_fields(line, true) else {
            continue;
        };
        lines += 1;
        width = match width {
            None => Some(Some(fields.len())),
            Some(w) => Some(w.filter(|&w| w == fields.len())),
        };
        let values = fields
            .iter()
            .filter(|f| {
                let t = line[f.start..f.end].trim_matches(is_space);
                !t.is_empty() && parse_cell(t) != CellValue::Text
            })
            .count();
        widest = widest.max(values);
        if settled {
            continue;
        }
        for f in &fields {
            let t = line[f.start..f.end].trim_matches(is_space);
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            let plain = digits >= 4 && !t.starts_with('0');
            let grouped = f.quoted && digits >= 1 && t[digits..].starts_with(',');
            if (plain && !f.quoted) || grouped {
                if let CellValue::Number(..) = parse_cell(t) {
                    settled = true;
                }
            }
        }
    }
    // Every comma line with the same number of fields, headers and rows alike (a
    // spreadsheet's export, padded to its columns): `64,178` as one number would
    // have given its line one field fewer than the others, so every comma is a
    // separator.
    let grid = lines >= 3 && width.flatten().is_some();
    (lines >= 2 || widest >= 3).then_some(settled || grid)
}

/// `,0,1,2,3`: the column numbers pandas writes over a frame printed as CSV with
/// its index (an empty first field, then 0, 1, 2, … in order, two or more).
fn frame_header(line: &str) -> bool {
    let Some(rest) = line.trim_end().strip_prefix(',') else {
        return false;
    };
    let mut n = 0usize;
    for f in rest.split(',') {
        if f.parse() != Ok(n) {
            return false;
        }
        n += 1;
    }
    n >= 2
}

/// Whether `raw` is digits in groups of three after the first (`1,285,000`): in a
/// comma-separated line whose text does not say how it writes large numbers, one
/// number or several cells.
pub(crate) fn ambiguous_grouping(raw: &str) -> bool {
    // Asked of every number the stream reader reads: one without a comma (nearly
    // all) has no groups.
    if !raw.bytes().any(|b| b == b',') {
        return false;
    }
    let mut groups = raw.split(',');
    let first = groups.next().unwrap_or("");
    let first = first.strip_prefix(['+', '-']).unwrap_or(first);
    let mut rest = groups.peekable();
    rest.peek().is_some()
        && (1..=3).contains(&first.len())
        && !first.starts_with('0')
        && first.bytes().all(|b| b.is_ascii_digit())
        && rest.all(|g| {
            let int = g.split('.').next().unwrap_or("");
            int.len() == 3 && int.bytes().all(|b| b.is_ascii_digit())
        })
}

/// The tokens of a comma-separated line. Empty fields before the first and after
/// the last filled one are padding; one between two is a blank cell. Unquoted
/// fields that may be one number with thousands separators (`1,285,000`) are one
/// text token when `grouping` does not settle them, so the row is set aside.
fn csv_tokens<'a>(
    line: &'a str,
    off: usize,
    fields: &[Field],
    grouping: bool,
    out: &mut Vec<Token<'a>>,
    scratch: &mut Vec<(usize, &'a str)>,
) {
    let text = |f: &Field| line[f.start..f.end].trim_matches(is_space);
    // A field of nothing but emphasis marks (`*`, the half of `**` a wrap left at
    // a record's end) fills no cell: the empty fields before it are padding too.
    let filled = |f: &Field| {
        let t = text(f);
        !t.is_empty() && !t.bytes().all(emphasis)
    };
    let first = fields.iter().position(filled);
    let last = fields.iter().rposition(filled);
    let (Some(first), Some(last)) = (first, last) else {
        return;
    };
    let small = |f: &Field| {
        let t = text(f);
        let t = t.strip_prefix(['+', '-']).unwrap_or(t);
        // A group's first digits never start with 0 (`0,111` is two cells).
        !f.quoted
            && (1..=3).contains(&t.len())
            && !t.starts_with('0')
            && t.bytes().all(|b| b.is_ascii_digit())
    };
    let group = |f: &Field| {
        let t = text(f);
        let int = t.split('.').next().unwrap_or("");
        !f.quoted
            && int.len() == 3
            && t.len() == f.end - f.start
            && int.bytes().all(|b| b.is_ascii_digit())
            && parse_cell(t) != CellValue::Text
    };
    // Whether the line's sums settle its commas, asked once and only of a line
    // with a field that may be a thousands group.
    let mut settled: Option<bool> = None;
    let mut k = first;
    while k <= last {
        let f = &fields[k];
        let t = text(f);
        if t.is_empty() {
            out.push(Token {
                raw: "",
                offset: off + f.start,
                kind: TokKind::Value(CellValue::Blank),
                remark: None,
            });
            k += 1;
            continue;
        }
        if !grouping
            && small(f)
            && k < last
            && group(&fields[k + 1])
            && !*settled.get_or_insert_with(|| sums_settle(line, &fields[first..=last]))
        {
            let mut z = k + 1;
            while z < last && group(&fields[z + 1]) {
                z += 1;
            }
            let (a, b) = (f.start, fields[z].end);
            out.push(Token {
                raw: &line[a..b],
                offset: off + a,
                kind: TokKind::Text,
                remark: None,
            });
            k = z + 1;
            continue;
        }
        let lead =
            line[f.start..f.end].len() - line[f.start..f.end].trim_start_matches(is_space).len();
        cell_tokens(t, off + f.start + lead, out, scratch);
        k += 1;
    }
}

/// Whether the fields of a comma line, every comma read as a separator, are
/// all counts that part into runs of three or more, each ending in the sum of
/// the others (`12,0,54,6,72,9,0,50,48,107,…`: section 四's groups; a section 三
/// row and its total): the report's own sums say that `48,107` is two cells,
/// not the number 48107. Read as a group, the run would end in a number that
/// no longer sums its others.
fn sums_settle(line: &str, fields: &[Field]) -> bool {
    let mut vals: Vec<u64> = Vec::with_capacity(fields.len());
    // The row's label, in the fields before its numbers, takes no part.
    let text = |f: &Field| line[f.start..f.end].trim_matches(is_space);
    let label = fields
        .iter()
        .take_while(|f| !text(f).is_empty() && parse_cell(text(f)) == CellValue::Text)
        .count();
    for f in &fields[label..] {
        let t = text(f);
        if f.quoted || t.is_empty() || t.len() > 12 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        vals.push(t.parse().unwrap_or(u64::MAX));
    }
    // ends[i]: the first i values part so.
    let n = vals.len();
    let mut ends = vec![false; n + 1];
    ends[0] = true;
    for i in 0..n {
        if !ends[i] {
            continue;
        }
        let mut sum: u64 = 0;
        for j in i..n {
            if j >= i + 2 && sum == vals[j] {
                ends[j + 1] = true;
            }
            sum = sum.saturating_add(vals[j]);
        }
    }
    ends[n]
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

/// The length of the [`is_space`] character at byte `i` of `s`, 0 when the
/// character there is none (or `i` is no character's start). Decodes only a
/// character whose first byte may open a space: an ASCII byte tells by itself,
/// and of the others only U+0085 and U+00A0 (C2), U+1680 (E1), U+2000–U+205F
/// (E2), U+3000 (E3) and U+FEFF (EF) are spaces; a Han character (E4–E9) is
/// passed over without decoding (decoding every character of a line in
/// `trim_matches` and `char_indices` was about 7% of a run on issue 13's tree,
/// callgrind).
fn space_at(s: &str, i: usize) -> usize {
    match s.as_bytes().get(i) {
        Some(b' ' | b'\t'..=b'\r') => 1,
        Some(0xc2 | 0xe1 | 0xe2 | 0xe3 | 0xef) => s
            .get(i..)
            .and_then(|r| r.chars().next())
            .filter(|&c| is_space(c))
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}

/// Whether the space of `n` bytes at byte `i` of `s` is one typesetting prints
/// between a number's groups of digits (thin, narrow no-break or figure space),
/// a digit before it and a group of three after (`53 398`): no cell ends there,
/// and the number is read whole (`parse_cell` takes the groups together).
fn group_space_at(s: &str, i: usize, n: usize) -> bool {
    let b = s.as_bytes();
    let thin = s
        .get(i..i + n)
        .is_some_and(|c| c.starts_with(crate::model::value::GROUP_SPACES));
    thin && i > 0
        && b[i - 1].is_ascii_digit()
        && b.get(i + n..i + n + 3)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && !b.get(i + n + 3).is_some_and(u8::is_ascii_digit)
}

/// The length in bytes of the UTF-8 character whose first byte is `b`.
fn utf8_len(b: u8) -> usize {
    match b {
        0..=0x7f => 1,
        0x80..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// `s.trim_start_matches(is_space)`, by [`space_at`].
fn trim_space_start(s: &str) -> &str {
    let mut i = 0;
    loop {
        let n = space_at(s, i);
        if n == 0 {
            return s.get(i..).unwrap_or("");
        }
        i += n;
    }
}

/// `s.trim_end_matches(is_space)`: the last character is decoded only when its
/// first byte may open a space.
fn trim_space_end(s: &str) -> &str {
    let b = s.as_bytes();
    let mut end = b.len();
    while end > 0 {
        // The first byte of the last character: back over continuation bytes.
        let mut i = end - 1;
        while i > 0 && (0x80..0xc0).contains(&b[i]) {
            i -= 1;
        }
        if space_at(s, i) != end - i {
            break;
        }
        end = i;
    }
    s.get(..end).unwrap_or("")
}

/// A cell border: `|`, and the vertical bars of box drawing (`│`, `┃`) and of
/// full-width text (`｜`).
#[cfg(test)]
fn is_pipe(c: char) -> bool {
    matches!(c, '|' | '│' | '┃' | '｜' | '║')
}

/// The length of the pipe ([`is_pipe`]) at byte `i` of `b`, 0 when there is none:
/// `|`, `│` (E2 94 82), `┃` (E2 94 83), `║` (E2 95 91), `｜` (EF BD 9C).
fn pipe_at(b: &[u8], i: usize) -> usize {
    match b.get(i..).unwrap_or(&[]) {
        [b'|', ..] => 1,
        [0xe2, 0x94, 0x82 | 0x83, ..] | [0xe2, 0x95, 0x91, ..] | [0xef, 0xbd, 0x9c, ..] => 3,
        _ => 0,
    }
}

/// Whether `line` holds a pipe ([`is_pipe`]), a byte at a time: only `|` and the
/// first bytes E2 and EF are looked at further. (A plain loop: the lines of a
/// table are short, and memchr's set-up for three bytes cost more than it saved.)
fn has_pipe(line: &str) -> bool {
    let b = line.as_bytes();
    let mut i = 0;
    // A character at a time: a Han character is one step, not three.
    while let Some(&c) = b.get(i) {
        if matches!(c, b'|' | 0xe2 | 0xef) && pipe_at(b, i) > 0 {
            return true;
        }
        i += utf8_len(c);
    }
    false
}

/// Whether a piece between separators holds no cell: nothing but spaces and the
/// marks `#` `_` a converter pads cells with, as `trim_matches(is_space)`, then
/// `trim_matches(['#', '_'])`, then `trim()` leave it empty. A character that
/// none of them removes (neither [`is_space`], which includes what `trim` removes,
/// nor `#` `_`) keeps the piece whatever surrounds it, so only a piece made of
/// nothing else needs the trims themselves; most are told by their first byte.
fn blank_piece(p: &str) -> bool {
    // The piece before a row's leading TAB or pipe.
    if p.is_empty() {
        return true;
    }
    let b = p.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let n = space_at(p, i);
        if n > 0 {
            i += n;
        } else if c == b'#' || c == b'_' {
            i += 1;
        } else {
            return false;
        }
    }
    p.trim_matches(is_space)
        .trim_matches(['#', '_'])
        .trim()
        .is_empty()
}

/// `s` without the ASCII bytes of `set` at its start and its end: ASCII bytes are
/// whole characters, so this is `s.trim_matches(&set[..])` on chars without
/// decoding any. (`set` is searched by a loop: `[u8]::contains` is memchr, whose
/// set-up costs more than a set of two bytes.)
fn trim_ascii_set<'s>(s: &'s str, set: &[u8]) -> &'s str {
    let keep = |c: &u8| !set.iter().any(|x| x == c);
    let b = s.as_bytes();
    let a = b.iter().position(keep).unwrap_or(b.len());
    let z = b.iter().rposition(keep).map_or(a, |z| z + 1);
    s.get(a..z.max(a)).unwrap_or("")
}

/// `s.trim_start_matches(&set[..])` for ASCII `set`, as [`trim_ascii_set`].
fn trim_ascii_start<'s>(s: &'s str, set: &[u8]) -> &'s str {
    let b = s.as_bytes();
    let a = b
        .iter()
        .position(|c| !set.iter().any(|x| x == c))
        .unwrap_or(b.len());
    s.get(a..).unwrap_or("")
}

/// `|---|:---:|`, `---`, `===`, `├──┼──┤`: table rules and thematic breaks; and a
/// wiki table's lines that hold no cell: `{|` (with its attributes) opens it, `|-`
/// parts its rows, `|}` closes it.
fn is_rule(t: &str) -> bool {
    if t.starts_with("{|") || t == "|}" || t == "|-" || t.starts_with("|- ") {
        return true;
    }
    // Every character of a rule is one of those below: a line that opens with
    // any other (a label, a number) is told by its first byte, before the
    // searches and splits below run over it.
    let opens_rule = |b: &u8| b"|-_:=+ \t,".contains(b) || matches!(b, 0xe2 | 0xef);
    if !t.as_bytes().first().is_some_and(opens_rule) {
        return false;
    }
    let drawing = |c: char| ('\u{2500}'..='\u{257f}').contains(&c);
    // `-\t-\t-` or `- -- -`: cells that print `-` for "not applicable", one mark a
    // cell, not a rule (a rule has no gaps between short dashes without a `|` or `+`).
    let marks = !t.contains(['|', '｜', '+'])
        && t.split([' ', '\t']).filter(|p| !p.is_empty()).count() >= 2
        && t.split([' ', '\t'])
            .filter(|p| !p.is_empty())
            .all(|p| p.len() <= 2 && p.bytes().all(|b| b == b'-'));
    !marks
        && t.len() >= 3
        && t.contains(|c: char| c == '-' || c == '_' || drawing(c))
        && t.chars().all(|c| {
            matches!(
                c,
                '|' | '-' | '_' | ':' | '=' | '+' | ' ' | '\t' | '｜' | ','
            ) || drawing(c)
        })
}

/// `- | - | -`, `| - | - |`: two cells or more between pipes, each a single `-`.
fn single_dash_cells(t: &str) -> bool {
    let inner = t.trim_matches(|c: char| c == '|' || c == ' ' || c == '\t');
    let mut cells = inner.split('|').map(|c| c.trim_matches([' ', '\t']));
    let mut n = 0;
    cells.all(|c| {
        n += 1;
        c == "-"
    }) && n >= 2
}

/// Whether a cell may be a table tool's row index: one to three digits or OCR's
/// look-alikes of them (`0`, `12`, `〇`, `l`).
fn index_like(cell: &str) -> bool {
    let t = cell.trim();
    let n = t.chars().count();
    (1..=3).contains(&n)
        && t.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, 'O' | 'o' | '〇' | 'l' | 'I' | 'S' | 'B' | 'Z')
        })
}

/// The tokens of one cell (or of a whole line without pipes or TABs), pushed onto
/// `out`: pieces between spaces, classified, with runs of text pieces joined.
/// `pieces` is a buffer the caller keeps from cell to cell.
fn cell_tokens<'a>(
    cell: &'a str,
    off: usize,
    out: &mut Vec<Token<'a>>,
    pieces: &mut Vec<(usize, &'a str)>,
) {
    let first_new = out.len();
    pieces.clear();
    let mut start = None;
    let mut i = 0;
    while let Some(&b) = cell.as_bytes().get(i) {
        let n = space_at(cell, i);
        if n > 0 && !group_space_at(cell, i, n) {
            if let Some(s) = start.take() {
                pieces.push((s, cell.get(s..i).unwrap_or("")));
            }
            i += n;
        } else {
            start.get_or_insert(i);
            i += utf8_len(b);
            // A run of Han characters (lead bytes E4 to E9, never a space) is
            // passed over three bytes at a time without asking `space_at` of each.
            let bytes = cell.as_bytes();
            while matches!(bytes.get(i), Some(0xe4..=0xe9)) {
                i += 3;
            }
        }
    }
    if let Some(s) = start {
        pieces.push((s, cell.get(s..).unwrap_or("")));
    }
    // Markdown heading marks and emphasis are no part of a cell.
    for (k, &(at, p)) in pieces.iter().enumerate() {
        // Markdown marks, and the `_` a converter pads table cells with (html2text).
        let (q, at) = match (p.as_bytes().first(), p.as_bytes().last()) {
            // No mark at either end (nearly every piece): the piece itself.
            (Some(a), Some(z)) if !matches!(a, b'#' | b'*' | b'_') && !matches!(z, b'*' | b'_') => {
                (p, at)
            }
            _ => {
                let unheaded = trim_ascii_start(p, b"#");
                let lead = p.len() - trim_ascii_start(unheaded, b"*_").len();
                (trim_ascii_set(unheaded, b"*_"), at + lead)
            }
        };
        if q.is_empty() {
            continue;
        }
        let mut tok = classify(q, off + at);
        // `-- ----------`: dashes beside a run of three or more are a piece of a
        // table rule (one a wrap cut apart), no na mark.
        if tok.kind == TokKind::Value(CellValue::Na) && is_dashes(q) {
            let rule_beside =
                |p: Option<&(usize, &str)>| p.is_some_and(|(_, p)| p.len() >= 3 && is_dashes(p));
            if rule_beside(k.checked_sub(1).and_then(|j| pieces.get(j)))
                || rule_beside(pieces.get(k + 1))
            {
                tok.kind = TokKind::Text;
            }
        }
        // `1.` `3、` `(2)` before a label are its enumerator; so is a small number
        // that opens a cell and is followed by text (`1 属于国家秘密`).
        if tok.kind != TokKind::Text && tok.remark.is_none() {
            let first_in_cell = out.len() == first_new;
            let small = q.len() <= 2 && q.bytes().all(|b| b.is_ascii_digit());
            // The next piece is classified only for a small number that opens
            // its cell: the two tests above cost less than its `parse_cell`.
            let next_is_text = || {
                pieces[k + 1..]
                    .iter()
                    .map(|(_, p)| trim_ascii_set(trim_ascii_start(p, b"#"), b"*_"))
                    .find(|p| !p.is_empty())
                    .is_some_and(|p| {
                        parse_cell(p) == CellValue::Text
                            && !starts_number(p)
                            // `9 件`: the number's unit, no label.
                            && !crate::parse::cells::is_unit_word(p)
                    })
            };
            if first_in_cell && small && next_is_text() {
                tok.kind = TokKind::Text;
            }
        }
        let in_cell = out.len() > first_new;
        // `3 件`, `477.35 万元`: a unit a space after its number (OCR, and a
        // converter that set the unit as a text run of its own) is the number's.
        if in_cell && tok.kind == TokKind::Text && crate::parse::cells::is_unit_word(q) {
            if let Some(prev) = out.last_mut() {
                let a = prev.offset - off;
                let joined = cell.get(a..at + q.len()).unwrap_or(prev.raw);
                if let (TokKind::Value(CellValue::Number(_, None)), None) = (prev.kind, prev.remark)
                {
                    if let v @ CellValue::Number(_, Some(_)) = parse_cell(joined) {
                        prev.raw = joined;
                        prev.kind = TokKind::Value(v);
                        continue;
                    }
                }
            }
        }
        match out.last_mut() {
            // A piece that opens with an enumerator (`3、其他`, `（七）总计`) opens a
            // label of its own: not joined to the text before it (the tail of a
            // wrapped label, in text whose lines a crawler joined).
            Some(prev)
                if in_cell
                    && prev.kind == TokKind::Text
                    && tok.kind == TokKind::Text
                    && !opens_enumerated(q) =>
            {
                // Join: the label runs from the first piece to the end of this one.
                let a = prev.offset - off;
                let b = at + q.len();
                prev.raw = cell.get(a..b).unwrap_or(prev.raw);
            }
            _ => out.push(tok),
        }
    }
}

/// Whether `p` opens with an enumerator and goes on with text: one or two digits
/// or a Chinese numeral and `、` `.` `．`, or one in brackets (`（七）`, `(2)`).
fn opens_enumerated(p: &str) -> bool {
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let bracketed = p.starts_with(['（', '(']);
    let body = p.trim_start_matches(['（', '(']);
    let rest = body.trim_start_matches(numeral);
    let count = body[..body.len() - rest.len()].chars().count();
    if !(1..=2).contains(&count) || bracketed && p.chars().nth(1).is_none_or(|c| !numeral(c)) {
        return false;
    }
    let closes = if bracketed {
        ['）', ')', ')']
    } else {
        ['、', '.', '．']
    };
    let Some(rest) = rest.strip_prefix(closes) else {
        return false;
    };
    rest.chars()
        .next()
        .is_some_and(|c| !c.is_ascii_digit() && !c.is_whitespace() && !('０'..='９').contains(&c))
}

fn is_dashes(p: &str) -> bool {
    !p.is_empty() && p.bytes().all(|b| b == b'-')
}

fn starts_number(p: &str) -> bool {
    p.as_bytes().first().is_some_and(u8::is_ascii_digit)
}

/// One piece: a value, a number with a remark beside it, or text.
fn classify(p: &str, offset: usize) -> Token<'_> {
    let v = parse_cell(p);
    if v != CellValue::Text {
        return Token {
            raw: p,
            offset,
            kind: TokKind::Value(v),
            remark: None,
        };
    }
    // `22（其中修订16件）`, `-3（减少）`: the number, and the remark in brackets after it.
    let sign = usize::from(p.starts_with('-'));
    let digits = p[sign..]
        .bytes()
        .take_while(|b| b.is_ascii_digit() || matches!(b, b',' | b'.'))
        .count();
    if digits > 0 {
        let (num, rest) = p.split_at(sign + digits);
        let bracketed = (rest.starts_with('（') && rest.ends_with('）'))
            || (rest.starts_with('(') && rest.ends_with(')'));
        if bracketed {
            if let v @ CellValue::Number(..) = parse_cell(num) {
                return Token {
                    raw: num,
                    offset,
                    kind: TokKind::Value(v),
                    remark: Some(rest),
                };
            }
        }
    }
    Token {
        raw: p,
        offset,
        kind: TokKind::Text,
        remark: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(String, bool)> {
        let li = LineIndex::new(s);
        tokenize(s, 0, s.len(), &li)
            .tokens
            .into_iter()
            .map(|t| (t.raw.to_string(), t.kind == TokKind::Text))
            .collect()
    }

    /// A line `3 / 8` is a row (3, an empty cell, 8) in a text that prints no
    /// page markers of that shape on other pages; where it does, a marker.
    #[test]
    fn a_lone_slash_page_shape_is_a_row() {
        let blank = ("/".to_string(), false);
        assert_eq!(
            kinds("规章\n3 / 8\n"),
            vec![("规章".to_string(), true), v("3"), blank, v("8")]
        );
        assert_eq!(
            kinds("规章\n3 / 8\n正文\n4 / 8\n"),
            vec![("规章".to_string(), true), ("正文".to_string(), true)]
        );
    }

    /// A unit a space after its number is the number's (`9 件`), also where a
    /// small number opens the line (no enumerator then); after text, or after a
    /// number that has a unit, it stays text.
    #[test]
    fn a_unit_a_space_after_its_number_is_the_numbers() {
        let got = kinds("（一）予以公开 50 件 0件 3 万元\n9 件 0 件\n规章 件 3件 件\n");
        let want: Vec<(String, bool)> = [
            ("（一）予以公开", true),
            ("50 件", false),
            ("0件", false),
            ("3 万元", false),
            ("9 件", false),
            ("0 件", false),
            ("规章 件", true),
            ("3件", false),
            ("件", true),
        ]
        .iter()
        .map(|&(r, t)| (r.to_string(), t))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_piece_opening_with_an_enumerator_is_a_label_of_its_own() {
        assert_eq!(
            kinds("其政府信息公开申请 3、其他 108 2"),
            vec![
                ("其政府信息公开申请".to_string(), true),
                ("3、其他".to_string(), true),
                v("108"),
                v("2")
            ]
        );
        assert_eq!(
            kinds("办理结果 （七）总计 20"),
            vec![
                ("办理结果".to_string(), true),
                ("（七）总计".to_string(), true),
                v("20")
            ]
        );
        // No enumerator: one label (`部分公开 (区分处理的…)`, `2019 年`).
        assert_eq!(
            kinds("部分公开 (区分处理的) 3"),
            vec![("部分公开 (区分处理的)".to_string(), true), v("3")]
        );
        assert!(!opens_enumerated("3、"));
        assert!(!opens_enumerated("12.5万元"));
        assert!(opens_enumerated("(2)其他"));
    }

    /// `&nbsp;` alone on a line after a line of one cell and before a number
    /// is an empty cell (a crawler's cell a line); after a line of several
    /// cells, before any line or before a label, it is nothing.
    #[test]
    fn a_line_of_nbsp_after_one_cell_is_an_empty_cell() {
        let blank = (String::new(), false);
        assert_eq!(
            kinds("\u{a0}\n规章\n2\n\u{a0}\n3\n"),
            vec![("规章".to_string(), true), v("2"), blank, v("3")]
        );
        let li = LineIndex::new("2\n \u{a0}\n3\n");
        let toks = tokenize("2\n \u{a0}\n3\n", 0, 8, &li);
        assert_eq!(toks.lines.len(), 3);
        assert_eq!(toks.lines[1].line, 2);
        assert_eq!(
            kinds("规章 2 3\n\u{a0}\n"),
            vec![("规章".to_string(), true), v("2"), v("3")]
        );
        // Before a label: no cell (the place of a merged side column).
        let text = "规章\n2\n\u{a0}\n规范性文件\n";
        let li = LineIndex::new(text);
        let toks = tokenize(text, 0, text.len(), &li);
        let raws: Vec<&str> = toks.lines.iter().map(|l| l.raw).collect();
        assert_eq!(raws, ["规章", "2", "规范性文件"]);
    }

    #[test]
    fn a_pandas_frame_settles_every_comma_as_a_separator() {
        assert!(frame_header(",0,1,2"));
        assert!(!frame_header(",1,2,3"));
        assert!(!frame_header(",0"));
        // Two comma lines, no grid: only the frame's column numbers say that
        // `64,178` is two cells.
        let text = "行政复议,行政诉讼\n,0,1,2,3\n0,72,64,178,37\n";
        let li = LineIndex::new(text);
        assert_eq!(csv_region(text, 0, text.len(), &li), Some(true));
        let plain = "行政复议,行政诉讼\n0,72,64,178,37\n";
        let li = LineIndex::new(plain);
        assert_eq!(csv_region(plain, 0, plain.len(), &li), Some(false));
    }

    #[test]
    fn a_grid_of_comma_lines_settles_every_comma_as_a_separator() {
        let grid = "行政复议,行政诉讼,,,\n结果,结果,其他,,\n72,64,178,37,351\n";
        let li = LineIndex::new(grid);
        assert_eq!(csv_region(grid, 0, grid.len(), &li), Some(true));
        let toks: Vec<_> = kinds(grid).into_iter().filter(|(_, text)| !text).collect();
        assert_eq!(toks, vec![v("72"), v("64"), v("178"), v("37"), v("351")]);
        // One line a field short: `64,178` may be one number.
        let ragged = "行政复议,行政诉讼,,,\n结果,结果,其他,,\n72,64,178,37\n";
        let li = LineIndex::new(ragged);
        assert_eq!(csv_region(ragged, 0, ragged.len(), &li), Some(false));
    }

    #[test]
    fn a_thin_space_between_groups_of_digits_parts_no_cells() {
        assert_eq!(
            kinds("其他对外管理服务事项 0 53\u{202f}398\n"),
            vec![t("其他对外管理服务事项"), v("0"), v("53\u{202f}398")]
        );
        assert_eq!(kinds("规章 1\u{2009}593 0\n")[1], v("1\u{2009}593"));
        // An ordinary space, or a thin one before no group of three, parts cells.
        assert_eq!(kinds("规章 2 893\n")[1..], [v("2"), v("893")]);
        assert_eq!(kinds("规章 2\u{2009}89\n")[1..], [v("2"), v("89")]);
    }

    #[test]
    fn digits_glued_to_a_label_make_no_comma_line() {
        assert!(csv_fields("政府集中采购1,25631,945.6", true).is_none());
        // A footnote's mark after a number is no label.
        let fields = csv_fields("3,无,无,无,3注1", true).expect("a line of fields");
        assert_eq!(fields.len(), 5);
        assert!(csv_fields("（一）予以公开,12,0,3", true).is_some());
    }

    #[test]
    fn a_line_whose_sums_hold_settles_its_commas_as_separators() {
        // Section 四's fifteen: `48,107` read as one number would leave the
        // group 9,0,50,48107 ending in no sum of its others.
        let four = "行政复议,行政诉讼\n12,0,54,6,72,9,0,50,48,107,0,0,0,25,25\n";
        let li = LineIndex::new(four);
        assert_eq!(csv_region(four, 0, four.len(), &li), Some(false));
        let toks: Vec<_> = kinds(four).into_iter().filter(|(_, text)| !text).collect();
        let want: Vec<_> = "12 0 54 6 72 9 0 50 48 107 0 0 0 25 25"
            .split(' ')
            .map(v)
            .collect();
        assert_eq!(toks, want);
        // The sums fail: `48,100` may be one number, and the line says nothing.
        let failing = "行政复议,行政诉讼\n12,0,54,6,72,9,0,50,48,100,0,0,0,25,25\n";
        assert!(kinds(failing).contains(&t("48,100")));
        // A row whose total holds only with `1,285` as one number: read as
        // separators its runs sum to nothing, so it stays text; a row whose
        // total sums its counts as separators is read so, its label aside.
        let three = "一、本年新收,1,285,0,0,0,0,1,285\n二、上年结转,0,0,0,0,0,0,0\n";
        assert!(kinds(three).contains(&t("1,285")));
        let sums = "一、本年新收,48,107,0,0,0,0,155\n二、上年结转,0,0,0,0,0,0,0\n";
        assert_eq!(
            kinds(sums)[..4],
            [t("一、本年新收"), v("48"), v("107"), v("0")]
        );
    }

    fn v(s: &str) -> (String, bool) {
        (s.to_string(), false)
    }

    fn t(s: &str) -> (String, bool) {
        (s.to_string(), true)
    }

    #[test]
    fn single_spaces_pipes_tabs_and_enumerators() {
        assert_eq!(
            kinds("自然人 3 0 0\n"),
            vec![t("自然人"), v("3"), v("0"), v("0")]
        );
        assert_eq!(
            kinds("4.无正当理由大量反复 申请 0 0\n"),
            vec![t("4.无正当理由大量反复 申请"), v("0"), v("0")]
        );
        assert_eq!(
            kinds("| 1. 属于国家秘密 | 0 |  | 2 |\n"),
            vec![t("1. 属于国家秘密"), v("0"), v(""), v("2")]
        );
        assert_eq!(
            kinds("## 二、主动公开\n规章\t0\t\t0\n"),
            vec![t("二、主动公开"), t("规章"), v("0"), v(""), v("0")]
        );
        assert_eq!(kinds("| 类别 | 数据1 |\n"), vec![t("类别"), t("数据1")]);
    }

    #[test]
    fn cells_joined_by_commas() {
        // Quoted grouped numbers say that every other comma separates cells.
        assert_eq!(
            kinds("规章,0,,5\n行政规范性文件,\"1,285\",0,3,,\n"),
            vec![
                t("规章"),
                v("0"),
                v(""),
                v("5"),
                t("行政规范性文件"),
                v("1,285"),
                v("0"),
                v("3")
            ]
        );
        // Nothing says how the text writes large numbers: `1,285,000` may be one
        // number or three cells, so it is no value.
        assert_eq!(
            kinds("政府集中采购,29,1,285,000\n规章,0,0,0\n"),
            vec![
                t("政府集中采购"),
                v("29"),
                t("1,285,000"),
                t("规章"),
                v("0"),
                v("0"),
                v("0")
            ]
        );
        // A label's piece, the record's padding and the half of an emphasis mark a
        // wrap left at its end: no blank cells.
        assert_eq!(
            kinds("形，不,,,,,,,,,,,,,,*\n规章,0,0,0\n规范性文件,1,2,3\n")[..2],
            [t("形，不"), t("规章")]
        );
        // So is a line that is nothing but such a number (a wrapped record's
        // rest, `政府集中采购,8` / `1,160.5964万元`): 1160.5964, or 1 and 160.5964.
        assert_eq!(
            kinds("政府集中采购,8\n1,160.5964万元\n规章,0,0,0\n")[..3],
            [t("政府集中采购"), v("8"), t("1,160.5964万元")]
        );
        // An ungrouped number of four digits settles it: every comma separates.
        assert_eq!(
            kinds("政府集中采购,29,1,285\n规章,1285,0,0\n")[..4],
            [t("政府集中采购"), v("29"), v("1"), v("285")]
        );
        // Emphasis marks a markdown rewrite put around a whole line or a quoted
        // field are no part of the quoting.
        assert_eq!(
            kinds("**规章,\"1,285\",0**\n行政规范性文件,**\"3,001\"**,2\n"),
            vec![
                t("规章"),
                v("1,285"),
                v("0"),
                t("行政规范性文件"),
                v("3,001"),
                v("2")
            ]
        );
        // Commas in sentences, or one value in a line, make no comma-separated text.
        assert_eq!(
            kinds("共收到申请,办结完毕\n采购总金额 1,285,000\n"),
            vec![t("共收到申请,办结完毕"), t("采购总金额"), v("1,285,000")]
        );
    }

    #[test]
    fn remarks_pages_and_rules() {
        let s = "行政规范性文件 22（其中修订16件） 0\n- 3 -\n|---|---|\n";
        let li = LineIndex::new(s);
        let t = tokenize(s, 0, s.len(), &li);
        let lines = &t.lines;
        assert_eq!(lines.len(), 3);
        assert_eq!(t.of(&lines[0])[1].raw, "22");
        assert_eq!(t.of(&lines[0])[1].remark, Some("（其中修订16件）"));
        // A change column's negative number keeps its sign before a remark.
        let k = classify("-3（减少）", 0);
        assert_eq!((k.raw, k.remark), ("-3", Some("（减少）")));
        assert!(matches!(k.kind, TokKind::Value(CellValue::Number(..))));
        assert_eq!(lines[1].kind, LineKind::Page);
        assert!(t.of(&lines[1]).is_empty());
        assert_eq!(lines[2].kind, LineKind::Rule);
    }

    /// `- | - | -` under a label or a row of values is a row of empty cells' marks;
    /// under a header or a rule, a table's delimiter row.
    #[test]
    fn single_dash_rows_are_marks_unless_under_a_header() {
        let s = "规章\n行政规范性文件\n- | - | -\n- | - | -\n6 | 1 | 32\n| 信息内容 | 件数 |\n| - | - |\n|---|---|\n| - | - |\n";
        let li = LineIndex::new(s);
        let t = tokenize(s, 0, s.len(), &li);
        let kinds: Vec<LineKind> = t.lines.iter().map(|l| l.kind).collect();
        use LineKind::{Content, Rule};
        assert_eq!(
            kinds,
            [Content, Content, Content, Content, Content, Content, Rule, Rule, Rule]
        );
        let marks: Vec<bool> = t
            .of(&t.lines[2])
            .iter()
            .map(|k| k.kind == TokKind::Value(CellValue::Na))
            .collect();
        assert_eq!(marks, [true, true, true]);
    }

    /// A line's cells as the tokenizer cut them before one pass did it:
    /// whether it has a pipe, and its pieces when it has a pipe or a TAB.
    fn split_cells_slow(line: &str) -> (bool, Vec<(usize, &str)>) {
        let piped = line.contains(is_pipe);
        if !piped && !line.contains('\t') {
            return (false, Vec::new());
        }
        let mut pieces = Vec::new();
        let mut from = 0;
        for (i, c) in line.char_indices() {
            if i < from {
                continue;
            }
            if (piped && is_pipe(c)) || (!piped && c == '\t') {
                pieces.push((from, &line[from..i]));
                from = i + c.len_utf8();
            }
        }
        pieces.push((from, &line[from..]));
        (piped, pieces)
    }

    fn split_cells_fast(line: &str) -> (bool, Vec<(usize, &str)>) {
        let mut pieces = vec![(9, "stale")];
        let piped = split_cells(line, &mut pieces);
        (piped, pieces)
    }

    #[test]
    fn cells_cut_in_one_pass_as_in_three() {
        for s in [
            "",
            "规章",
            "\t规章\t3\t\t0",
            "\t3",
            "| 规章 | 3 |",
            "规章\t3 | 0\t1",
            "a│b┃c｜d║e\tf",
            "\t\t",
            "|",
            "“引号”\t—",
        ] {
            assert_eq!(split_cells_slow(s), split_cells_fast(s), "{s:?}");
        }
    }

    /// The byte loops give what the `char` searches they replace gave, on every
    /// kind of space, pipe and mark at either end and in the middle.
    #[test]
    fn byte_loops_agree_with_the_char_searches() {
        let samples = [
            "",
            " ",
            "\t 自然人 \r",
            "\u{3000}\u{a0}规章\u{feff}\u{200b}",
            "\u{85}\u{1680}x\u{2028}\u{202f}\u{205f}",
            "\u{2000}\u{200a}—\u{200c}",
            "#_ _#",
            "# \u{feff} #",
            "_ # _",
            "__",
            "a│b┃c｜d║e",
            "“引号”",
            "─┼─",
            "| 1 |",
            "\u{b}\u{c}",
            "第3页",
        ];
        for s in samples {
            assert_eq!(trim_space_start(s), s.trim_start_matches(is_space), "{s:?}");
            assert_eq!(trim_space_end(s), s.trim_end_matches(is_space), "{s:?}");
            assert_eq!(has_pipe(s), s.contains(is_pipe), "{s:?}");
            assert_eq!(split_cells_slow(s), split_cells_fast(s), "{s:?}");
            let blank = s
                .trim_matches(is_space)
                .trim_matches(['#', '_'])
                .trim()
                .is_empty();
            assert_eq!(blank_piece(s), blank, "{s:?}");
            let marks = s.trim_start_matches('#').trim_matches(['*', '_']);
            assert_eq!(trim_ascii_set(trim_ascii_start(s, b"#"), b"*_"), marks);
        }
    }

    #[test]
    fn a_row_of_dashes_between_gaps_is_marks_not_a_rule() {
        assert!(!is_rule("-\t-\t-\t-"));
        assert!(!is_rule("- -- -"));
        assert!(is_rule("---  ---  ---"));
        assert!(is_rule("| - | - |"));
        assert!(single_dash_cells("| - | - |"));
        assert!(single_dash_cells("- | - | -"));
        assert!(!single_dash_cells("|---|---|"));
        assert!(!single_dash_cells("| - |"));
        assert!(!single_dash_cells("- | 3 | -"));
        assert!(is_rule("+---+---+"));
        assert!(is_rule("-----"));
    }
}
