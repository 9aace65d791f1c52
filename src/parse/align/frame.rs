//! A table written as a table tool's frame (pandas, as camelot and tabula return
//! tables: `print(df)`, `df.to_csv()`): a line of column numbers over each table
//! (`0 1 2 3`), and each row opening with its index, counting up from 0 line by
//! line (`2,规章,0,0,738`). Neither is a value: the index would join the numbers
//! of the row before, and the column numbers those of the last row.

use super::Aligner;
use crate::model::diag::Diag;
use crate::model::value::CellValue;
use crate::parse::tokens::{TokKind, Token};

/// A whole number as a frame prints an index: digits only, no leading zero.
fn index_of(tok: &Token) -> Option<u32> {
    let t = tok.raw.trim();
    let plain = !t.is_empty()
        && t.len() <= 4
        && t.bytes().all(|b| b.is_ascii_digit())
        && (t == "0" || !t.starts_with('0'));
    match tok.kind {
        TokKind::Value(CellValue::Number(..)) if plain => t.parse().ok(),
        _ => None,
    }
}

/// The index a line opens with: a whole number followed by text, as a token of
/// its own (`true`) or at the start of a text token (`0  第二十条第（一）项`, read
/// whole as a caption, `false`).
pub(super) fn leading_index(toks: &[Token]) -> Option<(u32, bool)> {
    let first = toks
        .iter()
        .position(|t| t.kind != TokKind::Value(CellValue::Blank))?;
    let tok = &toks[first];
    if tok.kind == TokKind::Text {
        let t = tok.raw.trim_start();
        let d = t.bytes().take_while(u8::is_ascii_digit).count();
        let rest = &t[d..];
        let parted = rest.starts_with([' ', ',', '\t']);
        let n: u32 = t[..d].parse().ok().filter(|_| d <= 4 && parted)?;
        let words = rest.trim_start_matches([' ', ',', '\t']);
        return (!words.starts_with(|c: char| c.is_ascii_digit()) && !words.is_empty())
            .then_some((n, false));
    }
    let n = index_of(tok)?;
    (toks.get(first + 1)?.kind == TokKind::Text).then_some((n, true))
}

/// Whether the first token that is not an empty cell is the number 0.
pub(super) fn opens_with_zero(toks: &[Token]) -> bool {
    toks.iter()
        .find(|t| t.kind != TokKind::Value(CellValue::Blank))
        .is_some_and(|t| index_of(t) == Some(0))
}

/// Whether `toks` are a frame's column numbers: nothing but the whole numbers
/// 0, 1, 2, … (three or more), over a line that opens with the index 0.
pub(super) fn column_numbers(toks: &[Token], next: Option<&[Token]>) -> bool {
    // Asked of every line: most fail on their first token, without allocating.
    let mut count = 0u32;
    for t in toks
        .iter()
        .filter(|t| t.kind != TokKind::Value(CellValue::Blank))
    {
        if index_of(t) != Some(count) {
            return false;
        }
        count += 1;
    }
    count >= 3 && next.and_then(leading_index).is_some_and(|(n, _)| n == 0)
}

impl<'a> Aligner<'_, 'a> {
    /// The tokens of line `line` once a frame's index or column numbers are taken
    /// out (each with a note): the index only when the line before opened with the
    /// index one less.
    pub(super) fn without_frame<'t>(
        &mut self,
        line: u32,
        toks: &'t [Token<'a>],
        next: Option<&[Token<'a>]>,
    ) -> &'t [Token<'a>] {
        if column_numbers(toks, next) {
            self.frame_index = Some(None);
            self.diags.push(Diag::note(
                line,
                "a table tool's column numbers (`0 1 2 …`) over the rows: no values",
            ));
            return &[];
        }
        let Some((n, own)) = leading_index(toks) else {
            self.frame_index = None;
            return toks;
        };
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
        let first = toks
            .iter()
            .position(|t| t.kind != TokKind::Value(CellValue::Blank))
            .unwrap_or(0);
        &toks[first + 1..]
    }
}
