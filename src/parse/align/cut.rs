//! Cells a converter cut by bytes (html2text sizes table columns in bytes, so it
//! cuts Chinese characters apart): a row label that stops at a broken character
//! (`行政许�`), and the bytes of it that spill into the number cells after it
//! (`1950理`, `-5务�`, `3��`).

use super::Aligner;
use crate::grammar::normalize::{fold, strip_enumerator};
use crate::model::value::{parse_cell, CellValue};
use crate::parse::tokens::{TokKind, Token};

/// A label cut this short is not read (`行政` starts four rows).
const MIN_CUT_LABEL: usize = 3;
/// A spill longer than this (characters) is no spill: the bytes a converter lets
/// overflow into a number cell fit in that cell.
const MAX_SPILL: usize = 12;
/// No row label of the templates is this long (characters, as printed).
const MAX_LABEL: usize = 48;
/// A label cut between two characters (no broken one left) is read from this
/// many characters on (`4.无正当理由大`).
const MIN_WHOLE_CUT: usize = 5;

impl<'a> Aligner<'_, 'a> {
    /// The row whose label `raw` is the start of, when `raw` ends in a broken
    /// character (U+FFFD, what the decoder put for bytes cut apart), or is at
    /// least [`MIN_WHOLE_CUT`] characters long: the text before it starts exactly
    /// one row label of this section (of the current
    /// section-二 item when it starts one of that item), at least
    /// [`MIN_CUT_LABEL`] characters of it, or one fewer for a row of the
    /// section-二 item whose caption was just read.
    pub(super) fn cut_row_label(&self, raw: &str) -> Option<(usize, usize)> {
        let kept = raw.trim().trim_end_matches('\u{fffd}');
        // A cut that fell between two characters leaves no broken one: then a
        // longer piece of the label must be printed.
        let broken = kept.len() < raw.trim().len();
        // Longer than any label: a sentence, not a label cut short.
        let n = kept.chars().count();
        if kept.contains('\u{fffd}') || !broken && n < MIN_WHOLE_CUT || n > MAX_LABEL {
            return None;
        }
        let f = fold(kept);
        let printed = strip_enumerator(&f);
        let len = printed.chars().count();
        // Under a section-二 caption just read, two characters may do: `行政�` is
        // the one row of item 20.5 that starts so.
        let in_item = self.section == 2 && self.captioned == Some(self.current);
        if len < MIN_CUT_LABEL && !(in_item && len == MIN_CUT_LABEL - 1)
            || !broken && len < MIN_WHOLE_CUT
        {
            return None;
        }
        let starts = |ti: usize, ri: usize| {
            let lf = fold(&self.tpl.tables[ti].rows[ri].label);
            strip_enumerator(&lf).starts_with(printed)
        };
        let mut found: Vec<(usize, usize)> = Vec::new();
        for (ti, t) in self.tpl.section_tables(self.section) {
            for ri in 0..t.rows.len() {
                if t.rows[ri].replaces.is_empty() && starts(ti, ri) {
                    found.push((ti, ri));
                }
            }
        }
        if self.section == 2 && (found.len() > 1 || len < MIN_CUT_LABEL) {
            found.retain(|&(ti, _)| ti == self.current);
        }
        if len < MIN_CUT_LABEL {
            found.retain(|&(ti, ri)| !self.out.tables[ti].rows_seen[ri]);
        }
        match found[..] {
            [one] => Some(one),
            _ => None,
        }
    }

    /// `1950理`: a number followed by bytes of the row label that the converter
    /// cut and spilled into the number cell. The number is read when that is
    /// certain: the rest of the cell starts with a broken or non-ASCII character
    /// that is no digit, every character of it is a broken one or one of the
    /// labels of the rows waiting for numbers (so `3万` is not read as 3), and
    /// those labels hold no digit after their enumerator (so no byte of the spill
    /// can have run into the number).
    pub(super) fn spilled_number(&self, tok: &Token<'a>) -> Option<Token<'a>> {
        if self.queue.is_empty() {
            return None;
        }
        let raw = tok.raw;
        let (num, rest) = number_then_spill(raw)?;
        // A spill is what overflows one cell: a few characters, not a run of
        // glued text (`7777166第二十条第（五）项…`).
        // Nor does a spill hold digits (the labels it comes from hold none).
        if rest.chars().count() > MAX_SPILL || rest.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        if self.names_something(raw) {
            return None;
        }
        // The spill is made of the waiting labels' characters, and those hold no
        // digit that could have run into the number.
        let mut labels = String::new();
        for q in &self.queue {
            let lf = fold(&self.tpl.tables[q.table].rows[q.row].label);
            if strip_enumerator(&lf).chars().any(|c| c.is_ascii_digit()) {
                return None;
            }
            labels.push_str(&lf);
        }
        let from_labels = fold(rest)
            .chars()
            .all(|c| c == '\u{fffd}' || labels.contains(c));
        if !from_labels {
            return None;
        }
        let v = parse_cell(num);
        if !matches!(v, CellValue::Number(_, None)) {
            return None;
        }
        Some(Token {
            raw: num,
            offset: tok.offset,
            kind: TokKind::Value(v),
            remark: None,
        })
    }
}

/// `1950理` → (`1950`, `理`): a number (sign, digits, a decimal part) and the rest
/// of its cell, which starts with a broken or non-ASCII character that is no digit
/// and no enumerator's mark (`2、其他…`, unless a broken character shows a cut:
/// `0、�`).
pub(super) fn number_then_spill(raw: &str) -> Option<(&str, &str)> {
    let b = raw.as_bytes();
    let mut n = usize::from(b.first().is_some_and(|&c| c == b'-' || c == b'+'));
    let digits_from = n;
    while n < b.len() && (b[n].is_ascii_digit() || b[n] == b'.') {
        n += 1;
    }
    let num = raw.get(..n)?;
    let rest = raw.get(n..)?;
    if n == digits_from || num.ends_with('.') {
        return None;
    }
    let first = rest.chars().next()?;
    let enumerator = matches!(first, '．' | '、' | '）') && !rest.contains('\u{fffd}');
    if first.is_ascii() || first.is_numeric() || enumerator {
        return None;
    }
    Some((num, rest))
}

#[cfg(test)]
mod tests {
    use super::{number_then_spill, MAX_LABEL};

    #[test]
    fn no_row_label_is_longer_than_max_label() {
        for t in crate::grammar::templates() {
            for table in &t.tables {
                for r in &table.rows {
                    assert!(r.label.chars().count() <= MAX_LABEL, "{}", r.label);
                }
            }
        }
    }

    #[test]
    fn numbers_with_a_spill() {
        assert_eq!(number_then_spill("1950理"), Some(("1950", "理")));
        assert_eq!(
            number_then_spill("-5务\u{fffd}"),
            Some(("-5", "务\u{fffd}"))
        );
        assert_eq!(
            number_then_spill("31189.22\u{fffd}\u{fffd}费"),
            Some(("31189.22", "\u{fffd}\u{fffd}费"))
        );
        assert_eq!(number_then_spill("0、\u{fffd}"), Some(("0", "、\u{fffd}")));
        // `3万5` splits at 万: whether 万 is a spill is for the labels to say.
        assert_eq!(number_then_spill("3万5"), Some(("3", "万5")));
        for no in [
            "1.属于国家秘密",
            "2、其他",
            "12",
            "５",
            "7５",
            "x1理",
            "3.理",
            "-理",
        ] {
            assert_eq!(number_then_spill(no), None, "{no}");
        }
    }
}
