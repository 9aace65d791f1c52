//! Glued text (cells printed with no separator) that a hard wrap then cut into
//! lines: a label whose keyword runs over the line break (`3.要求提供公开` /
//! `出版物0000000`), and other pieces the break cut apart, are put back together
//! before the template reader reads the cells. Digits on both sides of a break
//! are left apart: a wrap may have cut a number, so the template reader keeps
//! such runs unresolved ([`crate::parse::template::run_continues`]). Nothing is
//! joined in a glued text that was not wrapped, which reads as before.

use crate::grammar::{Symbol, Template};
use crate::model::diag::Diag;
use crate::parse::cells::{Cell, Kind};
use crate::parse::template::{clip, scan};

/// Joins, in `cells` of section `section`, the pieces a wrap cut apart: two text
/// pieces with only a line break between them are one label when only together
/// they name a label of the template, and a text piece and a value other than a
/// run (full-width digits) are one piece of text again.
pub(crate) fn join_glued_wraps<'a>(
    text: &'a str,
    section: u8,
    tpl: &Template,
    cells: &mut Vec<Cell<'a>>,
    diags: &mut Vec<Diag>,
) {
    split_enumerators_at_breaks(text, cells);
    let mut i = 1;
    while i < cells.len() {
        let (a, b) = (&cells[i - 1], &cells[i]);
        let end = a.offset + a.raw.len();
        let between = text.get(end..b.offset).unwrap_or("x");
        let one_break = b.line == a.last_line + 1
            && between.bytes().filter(|&c| c == b'\n').count() == 1
            && between.chars().all(char::is_whitespace);
        if !one_break {
            i += 1;
            continue;
        }
        match (a.kind, b.kind) {
            (Kind::Text, Kind::Text) if a.more.is_empty() && b.more.is_empty() => {
                let joined = format!("{}{}", a.raw, b.raw);
                if !names_new_label(tpl, section, &joined, (a.raw, b.raw), false) {
                    i += 1;
                    continue;
                }
                diags.push(Diag::note(
                    a.line,
                    format!(
                        "`{}` and `{}` on the next line are read as one label wrapped over two lines",
                        clip(a.raw),
                        clip(b.raw)
                    ),
                ));
                let (piece, line) = (b.raw, b.line);
                cells[i - 1].more.push(piece);
                cells[i - 1].last_line = line;
                cells.remove(i);
            }
            // Anything else but digits on both sides of the break was one piece
            // of glued text before the wrap (`政府集中采购` / `１３５７５…元`, digits
            // the glued reader does not split): one piece again, as text.
            (Kind::Text | Kind::Value(_), Kind::Text | Kind::Value(_))
                if b.more.is_empty() && (a.kind == Kind::Text || a.more.is_empty()) =>
            {
                let (piece, line) = (b.raw, b.line);
                let c = &mut cells[i - 1];
                c.kind = Kind::Text;
                c.more.push(piece);
                c.last_line = line;
                cells.remove(i);
            }
            _ => i += 1,
        }
    }
}

/// `00000006.` at the end of a line and `属于四类过程性信息…` on the next: the last
/// digit with its mark is the enumerator of the label the wrap moved to the next
/// line (as `00000006.属于…` on one line would be read), not a digit of the run.
fn split_enumerators_at_breaks<'a>(text: &'a str, cells: &mut [Cell<'a>]) {
    for i in 0..cells.len().saturating_sub(2) {
        let (run, mark, label) = (&cells[i], &cells[i + 1], &cells[i + 2]);
        let mark_end = mark.offset + mark.raw.len();
        let at_break = text
            .get(mark_end..label.offset)
            .is_some_and(|t| t.contains('\n') && t.chars().all(char::is_whitespace));
        let fits = run.kind == Kind::Run
            && mark.kind == Kind::Text
            && matches!(mark.raw, "." | "、" | "．")
            && mark.line == run.last_line
            && run.offset + run.raw.len() == mark.offset
            && label.kind == Kind::Text
            && label.line == mark.line + 1
            && label
                .raw
                .chars()
                .next()
                .is_some_and(crate::parse::layout::is_han)
            && run.raw.len() >= 2
            && run.raw.ends_with(|c: char| c.is_ascii_digit())
            && at_break;
        if !fits {
            continue;
        }
        let cut = run.offset + run.raw.len() - 1;
        let (Some(head), Some(enumerator)) = (text.get(run.offset..cut), text.get(cut..mark_end))
        else {
            continue;
        };
        let head = head.trim_end();
        if head.is_empty() {
            continue;
        }
        let offset = cut;
        cells[i].raw = head;
        cells[i + 1].raw = enumerator;
        cells[i + 1].offset = offset;
    }
}

/// Whether `joined` (`a` then `b`) names a label of section `section` that
/// neither `a` nor `b` names: a keyword runs over the join.
///
/// `rows_only` (the stream reader, which reads a row label as its row): only a
/// keyword that names nothing but rows counts, and no row that stands in for rows
/// of the other template (`（六）其他处理` is also the title of the rows it stands
/// for, and a title cut by a wrap stays a title). Otherwise (glued text, whose
/// reader takes titles and stand-ins as in unwrapped text) any keyword counts that
/// names no column. A keyword that also names a column never counts: `其` / `他`
/// under a header is the column 其他 as well as a row.
pub(crate) fn names_new_label(
    tpl: &Template,
    section: u8,
    joined: &str,
    (a, b): (&str, &str),
    rows_only: bool,
) -> bool {
    let m = tpl.matcher(section);
    let plain_row = |s: &Symbol| match *s {
        Symbol::Row { table, row } => tpl.tables[table].rows[row].replaces.is_empty(),
        _ => false,
    };
    let counts = |h: &&crate::parse::scan::Hit| {
        let syms = &h.pattern.symbols;
        if rows_only {
            syms.iter().all(plain_row)
        } else {
            !syms.iter().any(|s| matches!(s, Symbol::Col { .. }))
        }
    };
    let found = scan(joined, &m.patterns, &m.automaton);
    if !found.iter().any(|h| counts(&h)) {
        return false;
    }
    // The symbols are compared where the scans hold them: lists of them, collected
    // for each of the three texts, were three allocations a call (dhat).
    let (sa, sb) = (
        scan(a, &m.patterns, &m.automaton),
        scan(b, &m.patterns, &m.automaton),
    );
    let names = |hits: &crate::parse::scan::Hits, s: &Symbol| {
        hits.iter().any(|h| h.pattern.symbols.contains(s))
    };
    let new_label = found
        .iter()
        .filter(counts)
        .flat_map(|h| h.pattern.symbols.iter())
        .any(|s| !names(&sa, s) && !names(&sb, s));
    new_label
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::cells::read_cells;
    use crate::parse::lines::LineIndex;

    fn joined(text: &str) -> Vec<(String, u32, u32)> {
        let li = LineIndex::new(text);
        let (layout, mut cells) = read_cells(text, 0, text.len(), &li);
        assert_eq!(layout, Some(crate::parse::cells::Layout::Glued));
        let tpl = crate::grammar::template("2019").expect("2019 template");
        let mut diags = Vec::new();
        join_glued_wraps(text, 3, tpl, &mut cells, &mut diags);
        cells
            .iter()
            .map(|c| (c.text().into_owned(), c.line, c.last_line))
            .collect()
    }

    #[test]
    fn labels_cut_by_a_wrap_are_joined_and_runs_left_apart() {
        let text = "一、本年新收政府信息公开申请数量230\n000023二、上年结转政府信息公开申请数量0000000\n3.要求提供公开\n出版物0000000\n";
        assert_eq!(
            joined(text),
            vec![
                ("一、本年新收政府信息公开申请数量".to_string(), 1, 1),
                // Digits on both sides of a break stay apart.
                ("230".to_string(), 1, 1),
                ("000023".to_string(), 2, 2),
                ("二、上年结转政府信息公开申请数量".to_string(), 2, 2),
                ("0000000".to_string(), 2, 2),
                ("3.要求提供公开出版物".to_string(), 3, 4),
                ("0000000".to_string(), 4, 4),
            ]
        );
    }

    #[test]
    fn an_enumerator_left_at_the_end_of_a_line_is_no_digit_of_the_run() {
        let text = "4.保护第三方合法权益00000005.属于三类内部事务信息00000006.\n属于四类过程性信息0000000\n";
        let got = joined(text);
        assert_eq!(got[3], ("0000000".to_string(), 1, 1));
        assert_eq!(got[4], ("6.".to_string(), 1, 1));
        assert_eq!(got[5], ("属于四类过程性信息".to_string(), 2, 2));
    }

    #[test]
    fn digits_the_glued_reader_does_not_split_stay_with_their_label() {
        // In unwrapped glued text `政府集中采购１３５…元` is one piece: no number is
        // read for the row from the full-width digits the wrap put on a line of
        // their own.
        let text = "行政许可3960181其他对外管理服务事项100153政府集中采购\n１３５７５３９４４３２.５２元\n";
        let got = joined(text);
        assert_eq!(
            got.last(),
            Some(&(
                "政府集中采购１３５７５３９４４３２.５２元".to_string(),
                1,
                2
            ))
        );
        assert_eq!(got.len(), 5);
    }

    #[test]
    fn text_that_names_no_new_row_stays_apart() {
        // `（一）予以公开` is whole on its line: nothing to join.
        let text = "三、本年度办理结果7000007\n（一）予以公开7000007\n";
        assert_eq!(
            joined(text),
            vec![
                ("三、本年度办理结果".to_string(), 1, 1),
                ("7000007".to_string(), 1, 1),
                ("（一）予以公开".to_string(), 2, 2),
                ("7000007".to_string(), 2, 2),
            ]
        );
    }
}
