//! Row labels a hard wrap cut in two (`1.本机关不掌` / `握相关政府信息 31 0 …`):
//! the end of one line and the start of the next are one label when only the two
//! together name a row of the template.

use super::Aligner;
use crate::model::diag::Diag;
use crate::parse::template::clip;
use crate::parse::tokens::{LineKind, TokKind, TokLine, Token, Tokens};
use crate::parse::wrapped::names_new_label;

impl<'a> Aligner<'_, 'a> {
    /// Joins, in place, the last token of a line and the first token of the next
    /// line when both are text and the text from the one to the other names a row
    /// that neither names alone: a keyword of the label runs over the line break
    /// (`…第三` / `方合法权益`). The joined token stands on the first line; the
    /// numbers after it, on whatever lines, are read as before. A label whose
    /// keyword stands whole on one of its lines needs no joining (its other line is
    /// read as a title or as the label's continuation).
    pub(super) fn join_wrapped_labels(&mut self, t: &mut Tokens<'a>) {
        let Tokens { lines, tokens } = t;
        for i in 1..lines.len() {
            let (head, tail) = lines.split_at_mut(i);
            let (up, down) = (&mut head[i - 1], &mut tail[0]);
            if is_rule_tail(up, down) {
                down.kind = LineKind::Rule;
                down.toks.start = down.toks.end;
                continue;
            }
            if up.kind != LineKind::Content
                || down.kind != LineKind::Content
                || down.line != up.line + 1
            {
                continue;
            }
            if self.tail_below(up, down, tokens) {
                // `[head, numbers…] [tail]` becomes `[tail, numbers…]` on the
                // first line: the tail token stands for the whole label (see
                // `Aligner::text`), the head is read with it.
                let (a, b) = (up.toks.start, up.toks.end);
                tokens[a..=b].rotate_right(1);
                tokens[a + 1..=b].rotate_left(1);
                up.toks = a..b;
                down.toks.start = down.toks.end;
                continue;
            }
            let last = |l: &TokLine| tokens.get(l.toks.clone()).and_then(<[Token]>::last);
            let first = |l: &TokLine| tokens.get(l.toks.clone()).and_then(<[Token]>::first);
            let (Some(a), Some(b)) = (last(up).cloned(), first(down).cloned()) else {
                continue;
            };
            if a.kind != TokKind::Text || b.kind != TokKind::Text {
                continue;
            }
            let Some(joined) = self.text.get(a.offset..b.offset + b.raw.len()) else {
                continue;
            };
            if !names_new_label(self.tpl, self.section, joined, (a.raw, b.raw), true) {
                continue;
            }
            self.diags.push(Diag::note(
                up.line,
                format!(
                    "`{}` and `{}` on the next line are read as one row label wrapped over two lines",
                    clip(a.raw),
                    clip(b.raw)
                ),
            ));
            let tok = Token {
                raw: joined,
                offset: a.offset,
                kind: TokKind::Text,
                remark: None,
            };
            if let Some(last) = up.toks.end.checked_sub(1).and_then(|k| tokens.get_mut(k)) {
                *last = tok;
            }
            down.toks.start += 1;
            // The next line gave its first piece to the label: it is read, even
            // when nothing else stands on it.
            self.out.structure.push((down.line, down.line));
        }
    }
}

impl<'a> Aligner<'_, 'a> {
    /// Whether `up` is a label's head and the row's numbers (`2.其他法  3  0  0  1
    /// 0  0  4`) and `down` the rest of the label alone (`律行政法规禁止公开`), as a
    /// text browser prints an HTML table whose label column is narrow: the two
    /// pieces together name one row of the template, the head no other, the
    /// tail that row or none, and the numbers are as many as the row's columns.
    /// The row is then recorded for the tail token, with a note.
    fn tail_below(&mut self, up: &TokLine<'a>, down: &TokLine<'a>, tokens: &[Token<'a>]) -> bool {
        let (Some(ups), Some(downs)) = (tokens.get(up.toks.clone()), tokens.get(down.toks.clone()))
        else {
            return false;
        };
        let ([h, vals @ ..], [t]) = (ups, downs) else {
            return false;
        };
        if h.kind != TokKind::Text
            || t.kind != TokKind::Text
            || vals.is_empty()
            || !vals.iter().all(|v| matches!(v.kind, TokKind::Value(_)))
        {
            return false;
        }
        // The tail starts where the head starts: the two are the lines of one
        // cell, its text left-aligned (a PDF's layout text centres a wrapped
        // label's lines, and prints other cells' words beside them).
        let column = |tok: &Token| {
            let start = self.text[..tok.offset].rfind('\n').map_or(0, |i| i + 1);
            self.text[start..tok.offset].chars().count()
        };
        if column(h) != column(t) {
            return false;
        }
        // Cells set in columns, two spaces or more between the head and the
        // first number (an OCR engine's one space says nothing of columns).
        let gap = self
            .text
            .get(h.offset + h.raw.len()..vals[0].offset)
            .map_or(0, |g| g.chars().filter(|c| c.is_whitespace()).count());
        if gap < 2 {
            return false;
        }
        let (head, tail) = (h.raw.trim(), t.raw.trim());
        // The head opens a row (`2.其他法`); the tail opens none (a line that
        // does, `2.没有现成信息需要`, is the next row's label, whose numbers
        // follow it, and the line above is the end of a label before it).
        if !super::opens_row(head) || super::opens_row(tail) {
            return false;
        }
        let joined = format!("{head}{tail}");
        let m = self.tpl.matcher(self.section);
        let row_of = |hit: &crate::parse::scan::Hit| match hit.pattern.symbols.as_slice() {
            [crate::grammar::Symbol::Row { table, row }] => Some((*table, *row)),
            _ => None,
        };
        // Exactly one row, named by text that runs over where the pieces meet.
        let named = {
            let found = crate::parse::scan::scan(&joined, &m.patterns, &m.automaton);
            let mut rows = found.iter().filter_map(|hit| {
                let from = hit.text.as_ptr() as usize - joined.as_ptr() as usize;
                let to = from + hit.text.len();
                (from < head.len() && to > head.len())
                    .then(|| row_of(hit))
                    .flatten()
            });
            match (rows.next(), rows.next()) {
                (Some(r), None) => Some(r),
                _ => None,
            }
        };
        let Some((table, row)) = named else {
            return false;
        };
        if self.tpl.tables[table].section != self.section
            || !self.tpl.tables[table].rows[row].replaces.is_empty()
            || vals.len() != self.tpl.tables[table].cols.len()
        {
            return false;
        }
        let only = |piece: &str| {
            crate::parse::scan::scan(piece, &m.patterns, &m.automaton)
                .iter()
                .all(|hit| hit.pattern.symbols.iter().all(|s| {
                    matches!(s, crate::grammar::Symbol::Row { table: tt, row: rr } if (*tt, *rr) == (table, row))
                }))
        };
        // The head alone names nothing (a head that names its row needs no
        // tail: the line below is something else), the tail that row or nothing,
        // and opens with no digit (an enumerator OCR lost its dot from, `3要求`).
        let names_nothing = crate::parse::scan::scan(head, &m.patterns, &m.automaton)
            .iter()
            .next()
            .is_none();
        if !names_nothing || !only(tail) || tail.starts_with(|c: char| c.is_ascii_digit()) {
            return false;
        }
        self.diags.push(Diag::note(
            up.line,
            format!(
                "`{}` and `{}` on the next line are read as one row label, `{joined}`, whose numbers stand on the first line (a label column a text browser wrapped)",
                clip(head),
                clip(tail)
            ),
        ));
        self.tail_labels.push((t.offset, table, row, joined));
        true
    }
}

/// `-|` under `|-----|-----`: the end of a markdown table rule that a wrap put on
/// a line of its own (too short to be told from an na mark alone).
fn is_rule_tail(up: &TokLine, down: &TokLine) -> bool {
    up.kind == LineKind::Rule
        && down.line == up.line + 1
        && down.raw.contains('-')
        && down
            .raw
            .chars()
            .all(|c| matches!(c, '-' | '|' | ':' | '=' | ' ' | '\t'))
}

/// A label's text as one line: the pieces of a label wrapped over lines, each
/// trimmed, joined with nothing between them (a wrap cuts a label where the
/// report printed no space).
pub(super) fn one_line(text: &str) -> String {
    let t = crate::model::value::trim(text);
    if !t.contains('\n') {
        return t.to_string();
    }
    t.lines().map(str::trim).collect()
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn label_pieces_join_without_spaces() {
        assert_eq!(
            one_line("  4.保护第三 \n 方合法权益"),
            "4.保护第三方合法权益"
        );
        assert_eq!(one_line(" 行政许可 "), "行政许可");
        assert_eq!(one_line("a\r\nb\nc"), "abc");
    }
}
