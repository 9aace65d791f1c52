//! Numbers printed with spaces between groups of digits (`3 001`), joined when
//! the rows' column counts and identities allow only one joining.

use super::{Aligner, Queued, Val};
use crate::grammar::{Check, Per};
use crate::model::diag::Diag;
use crate::model::value::CellValue;
use crate::parse::tokens::{TokKind, Token};

/// Whether `gap` is one space as printed between the groups of a number's digits
/// (see [`Aligner::group_space_between`]), not a TAB.
pub(crate) fn is_group_space(gap: &str) -> bool {
    matches!(gap, " " | "\u{a0}" | "\u{202f}" | "\u{2009}" | "\u{2007}")
}

/// Whether `raw` may be the last group of a number printed in groups of digits:
/// three digits, then nothing, or a decimal part (`96 171.6`, `4 068.208`: the
/// amounts of section 二's fees), a unit after it allowed (`37 551 661.7元`,
/// `1 288件`).
pub(crate) fn last_group(raw: &str) -> bool {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut cs = raw.chars();
    if cs.by_ref().take(3).filter(|&c| digit(c)).count() != 3 {
        return false;
    }
    let rest = cs.as_str();
    let rest = ["万元", "元", "件", "项", "个", "条"]
        .iter()
        .find_map(|u| rest.strip_suffix(u))
        .unwrap_or(rest);
    rest.is_empty()
        || rest
            .strip_prefix(['.', '．'])
            .is_some_and(|f| !f.is_empty() && f.chars().all(digit))
}

impl<'a> Aligner<'_, 'a> {
    /// `3 001` for 3001: a number printed with a space before each group of three
    /// digits gives a row more numbers than columns. The joins (a single space
    /// before exactly three digits) that leave each row its number of columns are
    /// tried; one set of joins is kept only when it is the only one that does, and,
    /// where a row has an identity, the only one that keeps them all.
    pub(super) fn join_spaced_numbers(
        &mut self,
        queue: &[Queued],
        vals: &[Val<'a>],
        need: usize,
    ) -> Option<Vec<Val<'a>>> {
        let extra = vals.len() - need;
        // ASCII or full-width digits only: `is_numeric` also takes a footnote's
        // circled mark (`84②` is no group of three, `1 84②` no number).
        let digits = |raw: &str| {
            !raw.is_empty()
                && raw
                    .chars()
                    .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        };
        let joinable: Vec<usize> = (0..vals.len() - 1)
            .filter(|&j| {
                let (a, b) = (&vals[j], &vals[j + 1]);
                a.line == b.line
                    && self.group_space_between(a, b)
                    && digits(a.tok.raw)
                    && last_group(b.tok.raw)
                    // A number's first group has no leading zero (`0 738` is two).
                    && !a.tok.raw.starts_with(['0', '０'])
            })
            .collect();
        if joinable.len() < extra || joinable.len() > 12 {
            return None;
        }
        let mut found: Option<Vec<Val<'a>>> = None;
        let mut count = 0;
        for mask in 0u32..(1 << joinable.len()) {
            if mask.count_ones() as usize != extra {
                continue;
            }
            let joins: Vec<usize> = (0..joinable.len())
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| joinable[i])
                .collect();
            let Some(merged) = self.joined(vals, &joins) else {
                continue;
            };
            // A number that opens a line with text after it (`3,规范性文件,…`: a
            // row index printed before the next label) may be no number of these
            // rows: then each row a joining touches must show it, an identity
            // along it holding (a row without one, as in section 二, says nothing
            // of where its numbers part).
            let text_after = vals.iter().any(|v| self.opens_labelled_line(v));
            if !self.rows_hold(queue, &merged)
                || text_after && !self.joined_rows_shown(queue, vals, &joins)
            {
                continue;
            }
            count += 1;
            found = Some(merged);
        }
        if count != 1 {
            return None;
        }
        if let Some(v) = vals.first() {
            self.diags.push(Diag::note(
                v.line,
                "numbers printed with spaces between groups of digits (`3 001`) were joined: the only joining that gives each row its columns and keeps its identities".to_string(),
            ));
        }
        found
    }

    /// Whether one character that may part the groups of a number's digits
    /// stands between `a` and `b`, and nothing else: one byte (a space, or the TAB
    /// a crawler put where a page set the number in two runs of text), or the
    /// no-break (U+00A0, a web page's `&nbsp;`), narrow no-break (U+202F), thin
    /// (U+2009) or figure (U+2007) space that typesetting, locale-aware number
    /// formats and language-model rewrites put between groups (`1 288`).
    fn group_space_between(&self, a: &Val, b: &Val) -> bool {
        let gap = self.gap(a, b);
        gap.len() == 1 || is_group_space(gap)
    }

    /// The text between `a` and `b`.
    fn gap(&self, a: &Val, b: &Val) -> &str {
        self.text
            .get(a.tok.offset + a.tok.raw.len()..b.tok.offset)
            .unwrap_or("")
    }

    /// A grid a converter built from where the words stand on the page (markitdown
    /// sets a PDF's words in columns by their place) has more columns than the
    /// table: a row of it holds empty cells between its numbers that are no cells of
    /// the table. Where the rows have more values than they need, and without the
    /// empty ones exactly their numbers, those numbers are the rows' when every row
    /// has an identity along it (a row's total is the sum of its parts) and each
    /// holds on them, or when no row has one and the empty cells are at least as
    /// many as the numbers (a grid of twice the table's columns or more, no table's
    /// own); otherwise which empty cell is a blank cell is not known.
    pub(super) fn drop_grid_blanks(
        &self,
        queue: &[Queued],
        vals: &[Val<'a>],
        need: usize,
    ) -> Option<Vec<Val<'a>>> {
        let blank = |v: &Val| v.tok.kind == TokKind::Value(CellValue::Blank);
        if vals.iter().filter(|v| !blank(v)).count() != need {
            return None;
        }
        let kept: Vec<Val<'a>> = vals
            .iter()
            .filter(|v| !blank(v))
            .map(|v| Val {
                tok: v.tok.clone(),
                line: v.line,
            })
            .collect();
        let blanks = vals.len() - need;
        let unchecked = queue.iter().all(|q| {
            !self
                .tpl
                .checks
                .iter()
                .any(|k| k.table == q.table && k.per == Per::Row && k.over.contains(&q.row))
        });
        (self.rows_confirm(queue, &kept) || unchecked && (blanks >= need || interleaved(vals)))
            .then_some(kept)
    }

    /// Whether every row of `queue`, given `vals` in order, has an identity along
    /// it, and every such identity can be shown (its cells are numbers) and holds.
    pub(super) fn rows_confirm(&self, queue: &[Queued], vals: &[Val]) -> bool {
        let mut at = 0;
        for q in queue {
            let n = self.tpl.tables[q.table].cols.len();
            let Some(row) = vals.get(at..at + n) else {
                return false;
            };
            let mut any = false;
            for (_, holds) in self.row_identities(q, row) {
                match holds {
                    Some(true) => any = true,
                    _ => return false,
                }
            }
            if !any {
                return false;
            }
            at += n;
        }
        at == vals.len()
    }

    /// The identities along row `q` (a row's total is the sum of its parts), each
    /// with whether it holds on the values `row`: `None` when a side holds a cell
    /// that is not a number.
    fn row_identities<'s>(
        &'s self,
        q: &'s Queued,
        row: &'s [Val],
    ) -> impl Iterator<Item = (&'s Check, Option<bool>)> + 's {
        let num = move |c: usize| match row.get(c)?.tok.kind {
            TokKind::Value(CellValue::Number(d, _)) => {
                Some(d.mantissa as i128 * 10i128.pow(12 - u32::from(d.scale.min(12))))
            }
            _ => None,
        };
        let side = move |cols: &[usize]| cols.iter().map(|&c| num(c)).sum::<Option<i128>>();
        self.tpl
            .checks
            .iter()
            .filter(|k| k.table == q.table && k.per == Per::Row && k.over.contains(&q.row))
            .map(move |k| (k, side(&k.lhs).zip(side(&k.rhs)).map(|(l, r)| l == r)))
    }

    /// The values with each value at an index of `joins` joined to the next one.
    pub(super) fn joined(&self, vals: &[Val<'a>], joins: &[usize]) -> Option<Vec<Val<'a>>> {
        let mut out: Vec<Val<'a>> = Vec::new();
        let mut j = 0;
        while j < vals.len() {
            let start = j;
            while joins.contains(&j) {
                j += 1;
            }
            let (a, b) = (&vals[start], &vals[j]);
            let raw = self
                .text
                .get(a.tok.offset..b.tok.offset + b.tok.raw.len())?;
            let kind = if start == j {
                a.tok.kind
            } else {
                let plain: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
                match crate::model::value::parse_cell(&plain) {
                    v @ CellValue::Number(..) => TokKind::Value(v),
                    _ => return None,
                }
            };
            out.push(Val {
                tok: Token {
                    raw,
                    offset: a.tok.offset,
                    kind,
                    remark: b.tok.remark,
                },
                line: a.line,
            });
            j += 1;
        }
        Some(out)
    }

    /// Whether the rows of `queue`, given `vals` in order, keep every identity
    /// along a row (a row's total is the sum of its parts) that they can show.
    /// `31 0 0 0 0 0 31 - 4 -`: a page number printed between dashes with spaces
    /// (`- 4 -`), run into a row's numbers where a converter joined the lines of
    /// the page (crawler text on one line), reads as a dash, a number and a dash:
    /// three values more than the rows need. When exactly those three, at the
    /// start or the end of the numbers and on one line, are in excess, and the
    /// rows' identities hold without them, they are the page number.
    pub(super) fn drop_spaced_page_number(
        &mut self,
        queue: &[Queued],
        vals: &[Val<'a>],
        need: usize,
    ) -> Option<Vec<Val<'a>>> {
        if vals.len() != need + 3 {
            return None;
        }
        // The three values, on one line, read together as what the page-number
        // rule of whole lines takes for a marker (`- 4 -`, `— 4 —`).
        let marker = |m: &[Val]| -> Option<&'a str> {
            let (a, z) = (&m[0], &m[2]);
            let raw = self
                .text
                .get(a.tok.offset..z.tok.offset + z.tok.raw.len())?;
            (a.line == z.line
                && matches!(m[1].tok.kind, TokKind::Value(CellValue::Number(..)))
                && crate::parse::pages::is_page_marker(raw))
            .then_some(raw)
        };
        let (kept, raw, line) = if let Some(raw) = marker(&vals[need..]) {
            (vals[..need].to_vec(), raw, vals[need].line)
        } else if let Some(raw) = marker(&vals[..3]) {
            (vals[3..].to_vec(), raw, vals[0].line)
        } else {
            return None;
        };
        if !self.rows_hold(queue, &kept) {
            return None;
        }
        self.diags.push(Diag::note(
            line,
            format!("page number `{raw}` among the numbers of a row; set aside"),
        ));
        Some(kept)
    }

    /// Whether the number `v` opens its line and a Han character follows it there
    /// (`3,规范性文件,…`: the index of the next row, which a table tool prints
    /// before its label).
    fn opens_labelled_line(&self, v: &Val) -> bool {
        let before = self.text.get(..v.tok.offset).unwrap_or("");
        let head = before.rsplit('\n').next().unwrap_or("");
        let rest = self
            .text
            .get(v.tok.offset + v.tok.raw.len()..)
            .unwrap_or("");
        let line = rest.split('\n').next().unwrap_or("");
        head.trim().is_empty() && line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Whether every row of `queue` that holds a number joined by `joins` (indices
    /// into `vals`, each joined to the next) has an identity along it that holds
    /// once joined.
    fn joined_rows_shown(&self, queue: &[Queued], vals: &[Val<'a>], joins: &[usize]) -> bool {
        let Some(merged) = self.joined(vals, joins) else {
            return false;
        };
        // A join at printed index j makes the joined value at j less the joins
        // before it.
        let at_joined: Vec<usize> = joins
            .iter()
            .map(|&j| j - joins.iter().filter(|&&k| k < j).count())
            .collect();
        let mut at = 0;
        for q in queue {
            let n = self.tpl.tables[q.table].cols.len();
            let Some(row) = merged.get(at..at + n) else {
                return false;
            };
            let touched = at_joined.iter().any(|&c| (at..at + n).contains(&c));
            if touched
                && !self
                    .row_identities(q, row)
                    .into_iter()
                    .any(|(_, holds)| holds == Some(true))
            {
                return false;
            }
            at += n;
        }
        true
    }

    /// Exactly as many numbers as the rows need, two of them one space apart
    /// where a number's groups of digits may be (`1 288`: 1288, or 1 and 288) on
    /// a line whose other cells stand two spaces apart or more, and a row's
    /// identity failing with them apart: a number printed in groups
    /// and a cell lost elsewhere (OCR drops a lone `0`) give the same count, so
    /// which number is in which column is not certain. The rows are reported
    /// missing with a warning, their lines uncertain.
    pub(super) fn spaced_groups_fail(&mut self, queue: &[Queued], vals: &[Val]) -> bool {
        let digits = |raw: &str| !raw.is_empty() && raw.chars().all(|c| c.is_ascii_digit());
        let Some(j) = (0..vals.len().saturating_sub(1)).find(|&j| {
            let (a, b) = (&vals[j], &vals[j + 1]);
            a.line == b.line
                && is_group_space(self.gap(a, b))
                && digits(a.tok.raw)
                && a.tok.raw.len() <= 3
                && !a.tok.raw.starts_with('0')
                && digits(b.tok.raw)
                && b.tok.raw.len() == 3
        }) else {
            return false;
        };
        // Only where the line parts its cells by more than one space (or a tab):
        // where one space parts them all, one space is a cell boundary.
        let line = vals[j].line;
        let wide_gap = vals.windows(2).any(|w| {
            w[0].line == line
                && w[1].line == line
                && self
                    .text
                    .get(w[0].tok.offset + w[0].tok.raw.len()..w[1].tok.offset)
                    .is_some_and(crate::parse::cells::column_gap)
        });
        if !wide_gap {
            return false;
        }
        let mut at = 0;
        let mut fails = false;
        for q in queue {
            let n = self.tpl.tables[q.table].cols.len();
            let Some(row) = vals.get(at..at + n) else {
                return false;
            };
            fails |= self
                .row_identities(q, row)
                .any(|(_, holds)| holds == Some(false));
            at += n;
        }
        if !fails {
            return false;
        }
        let keys = self.queue_keys(queue);
        self.out.uncertain.extend(queue.iter().map(|q| q.line));
        let mut lines: Vec<u32> = vals.iter().map(|v| v.line).collect();
        lines.dedup();
        self.out.uncertain.extend(lines.iter().copied());
        let (a, b) = (vals[j].tok.raw, vals[j + 1].tok.raw);
        self.diags.push(Diag::warning(
            vals[0].line,
            format!(
                "`{a} {b}` may be one number printed in groups of digits or two cells, and read as two the identities of row(s) {} fail: a cell may have been lost elsewhere, so which number is in which column is not certain and those rows are reported missing",
                keys.join(", ")
            ),
        ));
        true
    }

    pub(super) fn rows_hold(&self, queue: &[Queued], vals: &[Val]) -> bool {
        let mut at = 0;
        for q in queue {
            let n = self.tpl.tables[q.table].cols.len();
            let Some(row) = vals.get(at..at + n) else {
                return false;
            };
            for (k, holds) in self.row_identities(q, row) {
                if holds == Some(false) {
                    return false;
                }
                // An empty cell where the identity needs a number: it may be an
                // empty cell of a converter's grid, not the row's, and the row's
                // numbers then stand in other columns; nothing shows the joining.
                let empty = |c: &usize| {
                    row.get(*c)
                        .is_some_and(|v| v.tok.kind == TokKind::Value(CellValue::Blank))
                };
                if k.lhs.iter().chain(&k.rhs).any(empty) {
                    return false;
                }
            }
            at += n;
        }
        true
    }
}

/// `0 | | 0 | | 738`: numbers on one line of a grid with exactly one empty cell
/// between each two of them, none before or after: a grid of twice the table's
/// columns whose empty cell beside the row label was taken as the label's (a table
/// of the row's own columns holds no empty cell here: the row has one number per
/// column).
fn interleaved(vals: &[Val]) -> bool {
    let blank = |v: &Val| v.tok.kind == TokKind::Value(CellValue::Blank);
    vals.len() >= 3
        && vals.len() % 2 == 1
        && vals.iter().all(|v| v.line == vals[0].line)
        && vals
            .iter()
            .enumerate()
            .all(|(i, v)| blank(v) == (i % 2 == 1))
}
