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
