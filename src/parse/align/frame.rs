//! A table written as a table tool's frame (pandas, as camelot and tabula return
//! tables: `print(df)`, `df.to_csv()`): a line of column numbers over each table
//! (`0 1 2 3`), and each row opening with its index, counting up from 0 line by
//! line (`2,规章,0,0,738`). Neither is a value: the index would join the numbers
//! of the row before, and the column numbers those of the last row.

use super::Aligner;
use crate::model::diag::Diag;
use crate::model::value::CellValue;
use crate::parse::cells::{Cell, Kind};
use crate::parse::tokens::{TokKind, Token};

/// The digits of `raw` as a whole number a frame prints as an index (digits only,
/// no leading zero, four at most), spaces and TABs around them passed over.
fn index_digits(raw: &str) -> Option<u32> {
    digits_value(trim_blanks(raw.as_bytes()))
}

/// [`index_digits`] of bytes already trimmed.
fn digits_value(t: &[u8]) -> Option<u32> {
    if t.is_empty() || t.len() > 4 || (t.len() > 1 && t[0] == b'0') {
        return None;
    }
    t.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// `b` without the spaces and TABs at either end, a byte at a time: asked of the
/// first token of every line, `str::trim_matches` with a set of chars was a call
/// of some 40 instructions each time (callgrind, issue 13's tree).
fn trim_blanks(b: &[u8]) -> &[u8] {
    let blank = |c: &u8| matches!(c, b' ' | b'\t');
    let a = b.iter().position(|c| !blank(c)).unwrap_or(b.len());
    let z = b.iter().rposition(|c| !blank(c)).map_or(a, |z| z + 1);
    b.get(a..z).unwrap_or(&[])
}

/// The number of bytes at the start of `b` that `skip` passes over (ASCII bytes:
/// whole characters, so the rest starts on a character boundary).
fn lead_in(b: &[u8], skip: impl Fn(u8) -> bool) -> usize {
    b.iter().take_while(|&&c| skip(c)).count()
}

/// A number token that is such a whole number.
fn index_of(tok: &Token) -> Option<u32> {
    // Asked of the first token of many lines: the kind first.
    match tok.kind {
        TokKind::Value(v @ CellValue::Number(..)) => {
            index_digits(tok.raw).or_else(|| marked_whole(tok.raw, v))
        }
        _ => None,
    }
}

/// The whole number (below 10,000) of a number cell in a rewrite's markup
/// (`**0**`, `&nbsp;2`, `__4__`), which the cell's value reads through.
fn marked_whole(raw: &str, v: CellValue) -> Option<u32> {
    if !matches!(
        raw.as_bytes().first(),
        Some(b'*' | b'_' | b'&' | b'<' | b'~' | b'`')
    ) {
        return None;
    }
    match v {
        CellValue::Number(d, None) => d
            .as_int()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|&n| n < 10_000),
        _ => None,
    }
}

/// A whole number as [`index_of`] reads it, or spelled with OCR's look-alikes
/// (`I`, `Z`, `l1` for 1, 2, 11): column numbers printed and then read by OCR
/// are column numbers still, and must not be taken for values.
fn number_of(tok: &Token) -> Option<u32> {
    match tok.kind {
        TokKind::Value(CellValue::Number(..)) => index_of(tok).or_else(|| {
            // A line break a rewrite left after it (`3<br>`).
            let bare = crate::parse::template::strip_trailing_markup(tok.raw);
            (bare.len() < tok.raw.len())
                .then(|| index_digits(bare))
                .flatten()
        }),
        _ => spelled_whole(tok.raw),
    }
}

/// The whole number (below 10,000) a cell of OCR's look-alikes spells.
fn spelled_whole(raw: &str) -> Option<u32> {
    crate::parse::lookalike::spelled(raw)
        .filter(|(_, unit)| unit.is_none())
        .and_then(|(v, _)| v.as_int())
        .and_then(|n| u32::try_from(n).ok())
        .filter(|&n| n < 10_000)
}

/// The first token that is not an empty cell.
fn first(toks: &[Token]) -> Option<usize> {
    toks.iter()
        .position(|t| !matches!(t.kind, TokKind::Value(CellValue::Blank)))
}

/// The index a line opens with: a whole number followed by text, as a token of
/// its own (`true`) or at the start of a text token (`0  第二十条第（一）项`, read
/// whole as a caption, `false`).
fn leading_index(toks: &[Token]) -> Option<(u32, bool)> {
    let f = first(toks)?;
    let tok = &toks[f];
    if tok.kind == TokKind::Text {
        // Bytes, not `trim_start_matches` on chars: the marks passed over are ASCII.
        let b = tok.raw.as_bytes();
        let t = b
            .get(lead_in(b, |c| matches!(c, b' ' | b'\t'))..)
            .unwrap_or(&[]);
        let d = t.iter().take_while(|c| c.is_ascii_digit()).count();
        if d == 0 {
            return None;
        }
        let rest = t.get(d..).unwrap_or(&[]);
        let words = rest
            .get(lead_in(rest, |c| matches!(c, b' ' | b',' | b'\t'))..)
            .unwrap_or(&[]);
        let parted = words.len() < rest.len();
        let n = digits_value(t.get(..d).unwrap_or(&[])).filter(|_| parted)?;
        return words
            .first()
            .is_some_and(|c| !c.is_ascii_digit())
            .then_some((n, false));
    }
    // The token after it first: most lines of numbers hold one, and then the
    // number is not read.
    if toks.get(f + 1)?.kind != TokKind::Text {
        return None;
    }
    index_of(tok).map(|n| (n, true))
}

/// Whether the line opens with the number 0: only then is the line after it
/// looked for (a frame's column numbers stand over a line that opens with 0).
pub(super) fn opens_with_zero(toks: &[Token]) -> bool {
    // Asked of every line: [`index_of`] gives 0 for the digit 0 alone (no other
    // run of digits reads as 0), so the token is compared, not read as a number.
    first(toks).is_some_and(|f| {
        let t = &toks[f];
        match t.kind {
            TokKind::Value(v @ CellValue::Number(..)) => {
                trim_blanks(t.raw.as_bytes()) == b"0" || marked_whole(t.raw, v) == Some(0)
            }
            // (`o`, `O`, `〇`: OCR's zero over a frame's columns.)
            _ => t.raw.starts_with(['O', 'o', '〇']) && spelled_whole(t.raw) == Some(0),
        }
    })
}

/// How many column numbers `toks` are when they are a frame's: nothing but the
/// whole numbers 0, 1, 2, … (three or more), over a line that opens with the index
/// 0 and then text, or with one number more than the columns (a row without a
/// label: its index and its numbers).
fn column_numbers(
    toks: &[Token],
    next: Option<&[Token]>,
    from: u32,
    blank_led: bool,
    indexed: bool,
) -> Option<(u32, bool)> {
    let (count, continued) = column_run(toks, from)?;
    let next = next?;
    // (Or, after the index column's place, a row of as many numbers as the
    // columns opening with 0: its index, and a cell lost.)
    let under = leading_index(next).is_some_and(|(n, _)| n == 0)
        || unlabelled_index(next, count) == Some(0)
        || indexed && short_row_index(next, count) == Some(0);
    // A block of a frame too wide for its lines (pandas prints the columns that
    // do not fit under their own numbers, `4  5  6  7`) holds rows without labels.
    // Two numbers after an empty cell, the index column's place (`,0,1`:
    // `df.to_csv()` of a frame of two columns, a label's and a number's).
    let fits = if from == 0 {
        count >= 3 || continued && count >= 1 || blank_led && count >= 2
    } else {
        count >= 1 && unlabelled_index(next, count) == Some(0)
    };
    (fits && under).then_some((count, continued))
}

/// `\\` after a frame's column numbers: pandas' mark that the frame's columns go
/// on in a block below (a frame too wide for its lines).
fn goes_on_below(raw: &str) -> bool {
    raw.trim() == "\\"
}

/// How many whole numbers `toks` are that count up from `from`, and whether a
/// `\` ends them (pandas' mark that the frame's columns go on in a block below).
fn column_run(toks: &[Token], from: u32) -> Option<(u32, bool)> {
    let mut count = 0u32;
    let mut continued = false;
    for t in toks
        .iter()
        .filter(|t| t.kind != TokKind::Value(CellValue::Blank))
    {
        if continued {
            return None;
        }
        // (`\\` reads as a mark of an empty cell, like `/`.)
        if goes_on_below(t.raw) && count > 0 {
            continued = true;
            continue;
        }
        if number_of(t) != Some(from + count) {
            return None;
        }
        count += 1;
    }
    Some((count, continued))
}

/// Whether `toks` are eight whole numbers or more, and nothing else, that count up
/// from 0 with one of them missing: a table tool's column numbers, one lost by
/// OCR (no row of a report's table counts up so; its sums fail). A run with none
/// missing is told by the line under it ([`column_numbers`]).
fn long_column_run(toks: &[Token]) -> bool {
    let mut expected = 0u32;
    let mut skipped = false;
    let mut n = 0u32;
    for t in toks
        .iter()
        .filter(|t| t.kind != TokKind::Value(CellValue::Blank))
    {
        match number_of(t) {
            Some(v) if v == expected => {}
            Some(v) if v == expected + 1 && !skipped && expected > 0 => skipped = true,
            _ => return false,
        }
        expected = number_of(t).map_or(expected, |v| v + 1);
        n += 1;
    }
    n >= 8 && skipped
}

/// The index a line of numbers alone opens with, when it holds `count` numbers
/// (empty cells passed over).
fn index_of_numbers(toks: &[Token], count: u32) -> Option<u32> {
    let mut n = 0u32;
    for t in toks {
        match t.kind {
            TokKind::Value(CellValue::Blank) => {}
            TokKind::Value(_) => n += 1,
            // A number with OCR's look-alikes in it (`1O5`) is a number here.
            TokKind::Text if crate::model::value::ocr_misread(t.raw) => n += 1,
            TokKind::Text => return None,
        }
    }
    if n != count {
        return None;
    }
    index_of(&toks[first(toks)?])
}

/// The index a line of numbers alone opens with, when it holds one number more
/// than the frame's `columns` (`0,0,0,…`: section 四's row, which has no label).
fn unlabelled_index(toks: &[Token], columns: u32) -> Option<u32> {
    index_of_numbers(toks, columns + 1)
}

/// The index a line of numbers alone opens with, when it holds exactly as many
/// numbers as the frame's `columns` (its index and a row a number short).
fn short_row_index(toks: &[Token], columns: u32) -> Option<u32> {
    (columns >= 2)
        .then(|| index_of_numbers(toks, columns))
        .flatten()
}

impl<'a> Aligner<'_, 'a> {
    /// The display column where token `t` stands on its line (a CJK character
    /// two columns).
    fn display_col(&self, t: &Token) -> usize {
        let before = self.text.get(..t.offset).unwrap_or("");
        let head = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
        super::split::columns(head)
    }

    /// The tokens of line `line` once a frame's index or column numbers are taken
    /// out (each with a note): the index only when the line before opened with the
    /// index one less. `next`, the tokens of the line after, is given only when
    /// this line opens with 0 ([`opens_with_zero`]).
    pub(super) fn without_frame<'t>(
        &mut self,
        line: u32,
        toks: &'t [Token<'a>],
        next: Option<&[Token<'a>]>,
    ) -> &'t [Token<'a>] {
        // Column numbers from 0, or those of a block a too wide frame printed
        // below the one whose numbers ended in `\`.
        // An empty cell before the first number (`,0,1`, `|    | 0 | 1 |`):
        // the index column's place over a frame's rows.
        let blank_led = toks.first().is_some_and(|t| {
            let before = &self.text[..t.offset];
            let head = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
            head.contains([',', '|', '\t'])
                && head
                    .chars()
                    .all(|c| matches!(c, ',' | '|' | '\t') || crate::model::value::is_cell_space(c))
        });
        // Or the line after opens with a number standing left of the first
        // column number, in the index's column (a table tool's text, spaces
        // between its cells: `   0  1  2` / `0  2  0`).
        let left_led = match (first(toks), next.and_then(|n| first(n).map(|f| &n[f]))) {
            (Some(f), Some(t)) => {
                self.display_col(t) + super::split::columns(t.raw) <= self.display_col(&toks[f])
            }
            _ => false,
        };
        let indexed = blank_led || left_led;
        let found = next.and_then(|_| {
            column_numbers(toks, next, 0, blank_led, indexed)
                .map(|c| (0, c))
                .or_else(|| {
                    let from = self.frame_next?;
                    column_numbers(toks, next, from, blank_led, indexed).map(|c| (from, c))
                })
        });
        if let Some((from, (columns, continued))) = found {
            self.frame_index = Some(None);
            self.frame_columns = columns;
            self.frame_indexed = indexed;
            self.frame_first_col = first(toks).map(|f| self.display_col(&toks[f]));
            self.frame_next = continued.then_some(from + columns);
            self.diags.push(Diag::note(
                line,
                "a table tool's column numbers (`0 1 2 …`) over the rows: no values",
            ));
            return &[];
        }
        // A long run of column numbers, one of them lost (`0  2  3  4  5 … 15`):
        // whatever the line after it, no row of values counts up so.
        if long_column_run(toks) {
            self.diags.push(Diag::note(
                line,
                "a table tool's column numbers (`0 1 2 …`), one of them lost: no values",
            ));
            return &[];
        }
        let index = leading_index(toks).or_else(|| {
            // A row without a label counts only inside a frame whose column
            // numbers were seen (nothing else tells its index from a value).
            self.frame_index?;
            unlabelled_index(toks, self.frame_columns).map(|n| (n, true))
        });
        // A row of a frame that prints its index, opening with the index due and
        // holding as many numbers as the columns, not one more: its index and a
        // row that lost a cell (OCR drops a lone `0`). Without the index the row
        // is short, and its numbers are not placed by count.
        let index = index.or_else(|| {
            let due = match self.frame_index? {
                Some(m) => m + 1,
                None => 0,
            };
            let n = short_row_index(toks, self.frame_columns).filter(|&n| n == due)?;
            // The frame prints an index: an empty cell led its column numbers,
            // or this row's first number stands left of them, in the index's
            // column (`   0  1  2` / `0  2  0`).
            let left = || {
                let f = first(toks)?;
                let col = self.frame_first_col?;
                let t = &toks[f];
                (self.display_col(t) + super::split::columns(t.raw) <= col).then_some(())
            };
            (self.frame_indexed || left().is_some()).then(|| {
                self.diags.push(Diag::warning(
                    line,
                    format!(
                        "`{n}` opens the line as a table tool's row index, and the row holds one number fewer than the frame's {} columns: a cell was lost",
                        self.frame_columns
                    ),
                ));
                (n, true)
            })
        });
        let Some((n, own)) = index else {
            // The rest of a row a wrap cut (`申请数量,--,--` / `,--`) keeps the
            // count going: up to FRAME_ROW_LINES such lines. (A number that then opens a
            // line with text after it, the next index, is no value either way:
            // a frame's index or a label's enumerator.)
            let piece = self.frame_index.is_some() && self.frame_gap < FRAME_ROW_LINES;
            if piece {
                self.frame_gap += 1;
            } else {
                self.frame_index = None;
            }
            return toks;
        };
        self.frame_gap = 0;
        let counts_up = match self.frame_index {
            Some(Some(m)) => m + 1 == n,
            Some(None) => n == 0,
            None => false,
        };
        self.frame_index = Some(Some(n));
        if !counts_up || !own {
            return toks;
        }
        self.diags.push(Diag::note(
            line,
            format!("`{n}` opens the line as a table tool's row index: no value"),
        ));
        let f = first(toks).unwrap_or(0);
        &toks[f + 1..]
    }
}

/// Lines of a row's rest a wrap cut that keep a frame's index count going: a
/// narrow wrap puts a row of seven cells of `不适用` over four lines.
const FRAME_ROW_LINES: u8 = 4;

/// A cell's whole number as a frame prints its column numbers and index: digits,
/// or OCR's look-alikes of them.
fn cell_number(c: &Cell) -> Option<u32> {
    match c.kind {
        Kind::Value(v @ CellValue::Number(..)) => {
            index_digits(c.raw).or_else(|| marked_whole(c.raw, v))
        }
        // (A lone `l` or `I` is read as a dash-like mark of an empty cell.)
        _ => spelled_whole(c.raw),
    }
}

/// The per-layout reader's cells without a frame's column numbers and its rows'
/// indices (each with a note): a line of the whole numbers 0, 1, 2, … (three or
/// more, OCR's look-alikes allowed) over a line that opens with 0 and then text,
/// or with one number more than the columns (section 四's row: its index and its
/// numbers); and the indices 0, 1, 2, … that open the lines under it. Read as
/// values, the column numbers gave section 四 the numbers 0 to 14, and an index
/// a row's first number.
pub(crate) fn drop_frame_cells(cells: &mut Vec<Cell>, diags: &mut Vec<Diag>) {
    // A cell that reads 0: the byte it opens with first (most cells are no 0).
    let zero = |c: &Cell| {
        matches!(
            c.raw.as_bytes().first(),
            Some(b'0' | b'O' | b'o' | 0xe3 | b'*' | b'_' | b'&' | b'<' | b'~' | b'`')
        ) && cell_number(c) == Some(0)
    };
    // Most regions hold no line that opens with 0 and then 1 (column numbers):
    // told in one pass over the cells, each line's first cell that is not empty
    // and the one after it looked at.
    let mut line = u32::MAX;
    let mut lead = false;
    let mut any = false;
    for (k, c) in cells.iter().enumerate() {
        if c.line != line {
            line = c.line;
            lead = true;
        }
        if lead && c.kind != Kind::Value(CellValue::Blank) {
            lead = false;
            if zero(c)
                && cells.get(k + 1).is_some_and(|n| {
                    n.line == line && (cell_number(n) == Some(1) || goes_on_below(n.raw))
                })
            {
                any = true;
                break;
            }
        }
    }
    if !any {
        return;
    }
    let opens_zero = |k: usize| zero(&cells[k]);
    // Each line's cells from its first one that is not empty (`|    | 0 | 1 |`,
    // `df.to_markdown()`: the index column has no header), markdown's table rules
    // (`|---:|:---|`) passed over.
    let rule =
        |x: &Cell| x.raw.contains('-') && x.raw.bytes().all(|b| matches!(b, b'-' | b':' | b' '));
    // (Each with whether empty cells opened it: the index column's place.)
    let lines: Vec<(usize, usize, bool)> = {
        let mut v = Vec::new();
        let mut a = 0;
        for k in 1..=cells.len() {
            if k == cells.len() || cells[k].line != cells[a].line {
                let line = &cells[a..k];
                let lead = line
                    .iter()
                    .take_while(|x| x.kind == Kind::Value(CellValue::Blank))
                    .count();
                if a + lead < k
                    && !line
                        .iter()
                        .all(|x| rule(x) || x.kind == Kind::Value(CellValue::Blank))
                {
                    v.push((a + lead, k, lead > 0));
                }
                a = k;
            }
        }
        v
    };
    let mut drop = vec![false; cells.len()];
    // A number, or a cell OCR's look-alikes or an empty cell's mark stand in.
    let numeric = |x: &Cell| {
        matches!(x.kind, Kind::Value(_))
            || cell_number(x).is_some()
            || crate::model::value::ocr_misread(x.raw)
    };
    // Whether line `r` of `lines` opens with the index `want`: before a label, or
    // before one number more than the frame's columns (a row with no label; the
    // wrap may have put its last numbers on the lines after it).
    let index_at = |r: usize, want: u32, columns: usize| {
        let (c, d, _) = lines[r];
        let next = &cells[c..d];
        if cell_number(&next[0]) != Some(want) {
            return false;
        }
        let labelled = next
            .get(1)
            .is_some_and(|x| x.kind == Kind::Text && cell_number(x).is_none());
        if labelled {
            return true;
        }
        let mut n = 0;
        for &(e, f, _) in &lines[r..] {
            if !cells[e..f].iter().all(numeric) {
                return false;
            }
            n += f - e;
            if n > columns {
                return n == columns + 1;
            }
        }
        false
    };
    // The first column of the frame's next block, after column numbers that
    // ended in `\\` (pandas prints a frame too wide for its lines in blocks).
    let mut next_col: Option<u32> = None;
    for (w, &(a, _, blank_led)) in lines.iter().enumerate() {
        let from = if opens_zero(a) {
            0
        } else if let Some(k) = next_col.filter(|&k| cell_number(&cells[a]) == Some(k)) {
            k
        } else {
            continue;
        };
        // The column numbers, over one line or wrapped over several (`0 1 … 10`
        // / `11 12 13 14`: each line after the first goes on counting), a `\\`
        // after the last one when the frame goes on in a block below.
        let mut count = 0u32;
        let mut wrapped = 0;
        let mut continued = false;
        for (j, &(c, d, _)) in lines[w..].iter().enumerate() {
            let line = &cells[c..d];
            let ends_slash = line.len() > 1 && goes_on_below(line[line.len() - 1].raw);
            let numbers = if ends_slash {
                &line[..line.len() - 1]
            } else {
                line
            };
            let counts_on = numbers
                .iter()
                .enumerate()
                .all(|(k, x)| cell_number(x) == Some(from + count + k as u32));
            if !counts_on || (j > 0 && opens_zero(c)) {
                break;
            }
            count += numbers.len() as u32;
            wrapped = j;
            if ends_slash {
                continued = true;
                break;
            }
        }
        let columns = count as usize;
        let Some(&under) = lines.get(w + wrapped + 1) else {
            break;
        };
        let unlabelled = |r: (usize, usize, bool)| {
            cells[r.0..r.1]
                .get(1)
                .is_some_and(|x| x.kind != Kind::Text || cell_number(x).is_some())
        };
        // Two numbers after empty cells, the index column's place (`,0,1`:
        // `df.to_csv()` of a frame of two columns).
        let enough = if from == 0 {
            columns >= 3 || continued && columns >= 1 || blank_led && columns >= 2
        } else {
            columns >= 1 && unlabelled(under)
        };
        if !enough || !opens_zero(under.0) || !index_at(w + wrapped + 1, 0, columns) {
            continue;
        }
        next_col = continued.then_some(from + count);
        for &(c, d, _) in &lines[w..=w + wrapped] {
            drop[c..d].iter_mut().for_each(|x| *x = true);
        }
        diags.push(Diag::note(
            cells[a].line,
            "a table tool's column numbers (`0 1 2 …`) over the rows: no values",
        ));
        // The rows under them, their indices counting up line by line.
        for (want, r) in (0u32..).zip(w + wrapped + 1..lines.len()) {
            if !index_at(r, want, columns) {
                break;
            }
            let row = lines[r];
            drop[row.0] = true;
            diags.push(Diag::note(
                cells[row.0].line,
                format!("`{want}` opens the line as a table tool's row index: no value"),
            ));
        }
    }
    let mut k = 0;
    cells.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index at the start of a text token as it was read on chars, before
    /// the byte loops.
    fn text_index_slow(raw: &str) -> Option<(u32, bool)> {
        let t = raw.trim_start_matches([' ', '\t']);
        let d = t.bytes().take_while(u8::is_ascii_digit).count();
        if d == 0 {
            return None;
        }
        let rest = &t[d..];
        let words = rest.trim_start_matches([' ', ',', '\t']);
        let parted = words.len() < rest.len();
        let n = index_digits(&t[..d]).filter(|_| parted)?;
        (!words.is_empty() && !words.starts_with(|c: char| c.is_ascii_digit()))
            .then_some((n, false))
    }

    fn tok(raw: &str, kind: TokKind) -> Token<'_> {
        Token {
            raw,
            offset: 0,
            kind,
            remark: None,
        }
    }

    #[test]
    fn byte_loops_read_as_the_char_searches() {
        let samples = [
            "",
            "0",
            "00",
            "01",
            " 0\t",
            "\t0 ",
            "7",
            "12",
            "1234",
            "12345",
            "0  第二十条第（一）项",
            "3,规章,0",
            "3规章",
            "\t 2 , 行政许可",
            "2 3",
            "０ 规章",
            "2,",
            "2 ,\t",
            "2\u{3000}规章",
            "9999 x",
            "10000 x",
            "05 规章",
        ];
        let number = TokKind::Value(CellValue::Number(
            crate::model::value::Decimal::int(0),
            None,
        ));
        for s in samples {
            let text = [tok(s, TokKind::Text), tok("规章", TokKind::Text)];
            assert_eq!(leading_index(&text), text_index_slow(s), "{s:?}");
            let num = [tok(s, number)];
            assert_eq!(opens_with_zero(&num), index_of(&num[0]) == Some(0), "{s:?}");
            assert_eq!(
                index_digits(s),
                {
                    let t = s.trim_matches([' ', '\t']).as_bytes();
                    if t.is_empty() || t.len() > 4 || (t.len() > 1 && t[0] == b'0') {
                        None
                    } else {
                        t.iter().try_fold(0u32, |n, &b| {
                            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
                        })
                    }
                },
                "{s:?}"
            );
        }
    }
}
