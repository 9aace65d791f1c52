//! Rows written as a list, each number with its column's name before it: a
//! language-model rewrite that turns a table into lines such as
//! `- （一）予以公开：自然人14件，商业企业2件，…，总计21件` or
//! `- 规章：本年制发件数2499，本年废止件数0，现行有效件数1196`.
//!
//! Such a line names its row before the colon and every cell after it, so no
//! reading by position is needed, and neither the per-layout reader nor the stream
//! reader reads it (the column words stand between the row's label and its
//! numbers). A line is read only when its row label names one row and every part
//! after the colon is a column word of that row's table followed by one number
//! (with a unit or none), each column of the table named exactly once: a line
//! that says less or something else is left to the other readings. The reading is
//! taken in place of theirs only when it holds more of the section's cells and
//! fails no more of its identities (src/parse/referee.rs).

use crate::grammar::{Symbol, Template};
use crate::model::value::{parse_cell, CellValue};
use crate::parse::lines::LineIndex;
use crate::parse::template::{Slot, State};

/// A section's rows read from keyed lines: per table of the section, its cells
/// (row-major, `None` where no keyed line gave them).
pub(crate) struct Reading {
    pub tables: Vec<(usize, Vec<Option<Slot>>)>,
    /// The rows read: (table, row).
    pub rows: Vec<(usize, usize)>,
}

/// The keyed lines of `text[start..end]`, section `n`, read; `None` when fewer
/// than two lines are.
pub(crate) fn read(
    text: &str,
    start: usize,
    end: usize,
    n: u8,
    tpl: &Template,
    li: &LineIndex,
) -> Option<Reading> {
    let region = text.get(start..end)?;
    // Cheap first: a keyed list has two lines or more with a colon and digits
    // after it (a report whose reading fell short for any other reason is not
    // scanned for labels line by line).
    let keyed_lines = region
        .lines()
        .filter(|l| {
            l.find(['：', ':'])
                .is_some_and(|c| l.as_bytes()[c..].iter().any(u8::is_ascii_digit))
        })
        .take(2)
        .count();
    if keyed_lines < 2 {
        return None;
    }
    let matcher = tpl.matcher(n);
    let mut tables: Vec<(usize, Vec<Option<Slot>>)> = tpl
        .section_tables(n)
        .map(|(ti, t)| (ti, vec![None; t.rows.len() * t.cols.len()]))
        .collect();
    let mut rows: Vec<(usize, usize)> = Vec::new();
    // Section 二: the item whose caption was read last.
    let mut current: Option<usize> = None;
    // The region's lines: (offset in `text`, text without its line break).
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut at = start;
    for line in region.split_inclusive('\n') {
        lines.push((at, line.trim_end_matches(['\n', '\r'])));
        at += line.len();
    }
    let mut k = 0;
    while k < lines.len() {
        let (off, body) = lines[k];
        k += 1;
        let Some(colon) = body.find(['：', ':']) else {
            // A caption alone (`**第二十条第（一）项**`) sets the item.
            if n == 2 {
                if let Some(t) = caption(body, matcher) {
                    current = Some(t);
                }
            }
            continue;
        };
        let head = &body[..colon];
        // A row label a wrap cut before its colon starts on the line before, a
        // list item with no colon of its own.
        let before = k
            .checked_sub(2)
            .map(|p| lines[p].1)
            .filter(|p| (list_item(p) || starts_row(p)) && !p.contains(['：', ':']));
        let found = row_of(head, matcher, current).or_else(|| {
            before.and_then(|p| {
                row_of(
                    &format!("{}{}", p.trim_end(), head.trim_start()),
                    matcher,
                    current,
                )
            })
        });
        let Some((ti, r)) = found else {
            continue;
        };
        // A line hard-wrapped at some width goes on over the lines after it that
        // start no list item and hold no colon: joined, each piece's place in the
        // text kept.
        let mut joined = body.to_string();
        let mut pieces: Vec<(usize, usize)> = vec![(0, off)];
        while let Some(&(o, next)) = lines.get(k) {
            if next.trim().is_empty()
                || next.contains(['：', ':'])
                || list_item(next)
                || starts_row(next)
                || n == 2 && caption(next, matcher).is_some()
            {
                break;
            }
            pieces.push((joined.len(), o));
            joined.push_str(next);
            k += 1;
        }
        // Where byte `i` of `joined` stands in `text`, and in which piece.
        let place = |i: usize| {
            let p = pieces.iter().rposition(|&(j, _)| j <= i).unwrap_or(0);
            (p, pieces[p].1 + i - pieces[p].0)
        };
        let rest_at = colon + joined[colon..].chars().next().map_or(1, char::len_utf8);
        let table = &tpl.tables[ti];
        let nc = table.cols.len();
        let mut cells: Vec<Option<Slot>> = vec![None; nc];
        let mut ok = true;
        for (p0, p1) in parts(&joined, rest_at) {
            let part = &joined[p0..p1];
            let Some((words, num)) = split_number(part).or_else(|| split_mark(part)) else {
                ok = false;
                break;
            };
            let Some(c) = col_of(words, matcher, ti) else {
                ok = false;
                break;
            };
            let (state, value, unit) = match parse_cell(num) {
                CellValue::Number(v, unit) => (State::Number, Some(v), unit),
                // (`None`, `NaN`: a script's word for a cell it did not find.)
                CellValue::Na if crate::model::value::is_absent_word(num) => {
                    (State::Unresolved, None, None)
                }
                CellValue::Na => (State::Na, None, None),
                _ => {
                    ok = false;
                    break;
                }
            };
            let i = p0 + (num.as_ptr() as usize - part.as_ptr() as usize);
            // Its digits (a unit after them may stand on the next line).
            let digits = num
                .trim_end_matches(|c: char| !(c.is_ascii_digit() || c == '.'))
                .len()
                .max(1);
            let ((pa, a), (pz, _)) = (place(i), place(i + digits - 1));
            // A number the wrap cut (`总计3` / `050件`) is not known whole.
            if cells[c].is_some() || pa != pz {
                ok = false;
                break;
            }
            // The raw text on the number's own line: with its unit when the unit
            // stands there too.
            let len = if place(i + num.len() - 1).0 == pa {
                num.len()
            } else {
                digits
            };
            cells[c] = Some(Slot {
                state,
                value,
                unit,
                raw: (a, a + len),
                line: li.line_of(a),
            });
        }
        if !ok || cells.iter().any(Option::is_none) || rows.contains(&(ti, r)) {
            continue;
        }
        if let Some((_, slots)) = tables.iter_mut().find(|(t, _)| *t == ti) {
            slots[r * nc..(r + 1) * nc].clone_from_slice(&cells);
            rows.push((ti, r));
            if n == 2 {
                current = Some(ti);
            }
        }
    }
    (rows.len() >= 2).then_some(Reading { tables, rows })
}

/// Whether a line starts an item of a list (`- `, `* `, `• `, `1. `).
fn list_item(line: &str) -> bool {
    after_list_mark(line).is_some()
}

/// The text after a list item's mark (`- `, `* `, `• `, `## `, or a markdown
/// ordered list's `1. `: a sub-row's own `1.属于…` has no space after its dot);
/// `None` when the line opens with no mark.
fn after_list_mark(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let bullets = t.trim_start_matches(['-', '*', '•', '·', '+', '#', ' ']);
    if bullets.len() < t.len() {
        // Dashes with no space after them (`--；其他--`) are the mark of an empty
        // cell that a wrap put first on the line, no list item's.
        let mark = &t[..t.len() - bullets.len()];
        if mark.bytes().all(|b| b == b'-') {
            return None;
        }
        return Some(bullets);
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    t[digits..]
        .strip_prefix(['.', ')'])
        .filter(|rest| digits > 0 && rest.starts_with(' '))
}

/// Whether a line opens a row's label as the template numbers them (`一、`,
/// `（一）`, `1.`): never the rest of the line before it.
fn starts_row(line: &str) -> bool {
    let t = line.trim_start();
    let mut c = t.chars();
    crate::parse::align::opens_row(t)
        || c.next().is_some_and(|n| "一二三四".contains(n)) && c.next() == Some('、')
}

/// The table of section 二 whose caption `text` is, when it names one.
fn caption(text: &str, matcher: &crate::grammar::SectionMatcher) -> Option<usize> {
    let hits = crate::parse::scan::scan(text, &matcher.patterns, &matcher.automaton);
    let table = hits.iter().find_map(|h| {
        h.pattern.symbols.iter().find_map(|s| match *s {
            Symbol::Caption { table } => Some(table),
            _ => None,
        })
    });
    table
}

/// The one row `head` names (list marks and emphasis around it are passed over):
/// of table `current` when it names one there, else the one row it names at all.
fn row_of(
    head: &str,
    matcher: &crate::grammar::SectionMatcher,
    current: Option<usize>,
) -> Option<(usize, usize)> {
    let head = after_list_mark(head).unwrap_or(head);
    let head = head.trim_matches(['*', '_', ' ']);
    if head.is_empty() || head.chars().count() > 60 {
        return None;
    }
    let hits = crate::parse::scan::scan(head, &matcher.patterns, &matcher.automaton);
    let mut found: Vec<(usize, usize)> = Vec::new();
    for h in hits.iter() {
        for s in &h.pattern.symbols {
            if let Symbol::Row { table, row } = *s {
                if !found.contains(&(table, row)) {
                    found.push((table, row));
                }
            }
        }
    }
    if let Some(t) = current {
        let here: Vec<_> = found.iter().filter(|(ti, _)| *ti == t).collect();
        if let [one] = here[..] {
            return Some(*one);
        }
    }
    match found[..] {
        [one] => Some(one),
        _ => None,
    }
}

/// The column of table `ti` that `words` name, when they name exactly one.
fn col_of(words: &str, matcher: &crate::grammar::SectionMatcher, ti: usize) -> Option<usize> {
    let words = words.trim().trim_matches(['*', '_', ' ']);
    if words.is_empty() {
        return None;
    }
    let hits = crate::parse::scan::scan(words, &matcher.patterns, &matcher.automaton);
    let mut found: Option<usize> = None;
    for h in hits.iter() {
        for s in &h.pattern.symbols {
            if let Symbol::Col { table, col } = *s {
                if table == ti {
                    if found.is_some_and(|f| f != col) {
                        return None;
                    }
                    found = Some(col);
                }
            }
        }
    }
    found
}

/// The parts of `body` after byte `from`, parted by `，` `,` `、` `；` `;` (a comma
/// between two digits is a group separator, not a part's end), as byte ranges,
/// with a final `。` or `.` left out.
fn parts(body: &str, from: usize) -> Vec<(usize, usize)> {
    let b = body.as_bytes();
    let mut out = Vec::new();
    let mut s = from;
    for (i, c) in body[from..].char_indices() {
        let i = from + i;
        let sep = matches!(c, '，' | '、' | '；' | ';')
            || c == ','
                && !(i > 0
                    && b[i - 1].is_ascii_digit()
                    && b.get(i + 1).is_some_and(u8::is_ascii_digit));
        if sep {
            out.push((s, i));
            s = i + c.len_utf8();
        }
    }
    out.push((s, body.len()));
    out.retain(|&(a, z)| !body[a..z].trim().is_empty());
    if let Some(last) = out.last_mut() {
        let t = body[last.0..last.1].trim_end();
        let t = t.strip_suffix(['。', '.']).unwrap_or(t);
        last.1 = last.0 + t.len();
    }
    out
}

/// `自然人14件` → (`自然人`, `14件`): the words before the part's one number, and
/// the number with its unit. `None` when the words are empty or hold a digit, or
/// text follows the unit.
fn split_number(part: &str) -> Option<(&str, &str)> {
    let part = part.trim();
    let first_digit = part.find(|c: char| c.is_ascii_digit() || c == '+' || c == '-')?;
    let (words, num) = part.split_at(first_digit);
    if words.trim().is_empty() || words.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let num = num.trim();
    // The number, then at most a unit.
    let digits_end = num
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit() || c == '.' || c == ',' || i == 0 && (c == '+' || c == '-'))
        })
        .map_or(num.len(), |(i, _)| i);
    let unit = num[digits_end..].trim();
    // A footnote's mark after the number (`0【注】`) is no unit, and no text either.
    if !matches!(unit, "" | "件" | "项" | "个" | "条" | "次" | "元" | "万元")
        && !crate::model::value::is_footnote_mark(unit)
    {
        return None;
    }
    Some((words, num))
}

/// `采购总金额/`, `本年增/减—`: a column's words and the mark of a cell with no
/// number after them (`/`, `—`, `－`, `-`, `无`).
fn split_mark(part: &str) -> Option<(&str, &str)> {
    let part = part.trim();
    // Words for nothing before the one-character marks they end in (`暂无`).
    let mark = crate::model::value::NA_WORDS
        .iter()
        .copied()
        .chain(["/", "／", "—", "－", "-", "无"])
        .find(|m| part.ends_with(m))?;
    let words = &part[..part.len() - mark.len()];
    if words.trim().is_empty() || words.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((words, &part[part.len() - mark.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of section 三 (2021) that `text` gives, as (row key, values).
    fn rows(text: &str) -> Vec<(String, Vec<String>)> {
        let tpl = crate::grammar::template("2021").expect("template");
        let li = LineIndex::new(text);
        let Some(k) = read(text, 0, text.len(), 3, tpl, &li) else {
            return Vec::new();
        };
        k.rows
            .iter()
            .map(|&(ti, r)| {
                let t = &tpl.tables[ti];
                let nc = t.cols.len();
                let slots = &k.tables.iter().find(|(x, _)| *x == ti).expect("table").1;
                let v = slots[r * nc..(r + 1) * nc]
                    .iter()
                    .map(|s| {
                        s.as_ref()
                            .and_then(|s| s.value)
                            .map_or("-".into(), |v| v.to_string())
                    })
                    .collect();
                (t.rows[r].key.clone(), v)
            })
            .collect()
    }

    /// A script's `None` leaves its cell unresolved; a writer's `暂无` is na.
    #[test]
    fn words_for_nothing_in_a_list() {
        let text = "- 一、本年新收政府信息公开申请数量：自然人4件，商业企业None，科研机构暂无，社会公益组织0件，法律服务机构0件，其他0件，总计4件\n\
            - （一）予以公开：自然人4件，商业企业0件，科研机构0件，社会公益组织0件，法律服务机构0件，其他0件，总计4件\n";
        let tpl = crate::grammar::template("2021").expect("template");
        let li = LineIndex::new(text);
        let k = read(text, 0, text.len(), 3, tpl, &li).expect("read");
        let (ti, slots) = &k.tables[0];
        let t = &tpl.tables[*ti];
        let row = t.rows.iter().position(|r| r.key == "new").expect("row");
        let nc = t.cols.len();
        let states: Vec<State> = slots[row * nc..row * nc + 3]
            .iter()
            .map(|s| s.as_ref().expect("cell").state)
            .collect();
        assert_eq!(states, [State::Number, State::Unresolved, State::Na]);
    }

    #[test]
    fn a_row_is_read_only_when_every_column_is_named_once() {
        let text = "- 一、本年新收政府信息公开申请数量：自然人40件，商业企业7件，科研机构1件，社会公益组织10件，法律服务机构7件，其他5件，总计70件\n\
            1. （一）予以公开：自然人14件；商业企业2件；科研机构0件；社会公益组织2件；法律服务机构2件；其他1件；总计21件\n\
            - 二、上年结转政府信息公开申请数量：自然人28件，商业企业0件，科研机构2件，社会公益组织2件，法律服务机构1件，总计33件\n\
            - （二）部分公开：自然人1件，自然人2件，科研机构0件，社会公益组织0件，法律服务机构0件，其他0件，总计3件\n\
            - 说明：自然人申请较上年增加3件，其他1件\n";
        assert_eq!(
            rows(text),
            vec![
                (
                    "new".to_string(),
                    ["40", "7", "1", "10", "7", "5", "70"]
                        .map(String::from)
                        .to_vec()
                ),
                (
                    "disclosed".to_string(),
                    ["14", "2", "0", "2", "2", "1", "21"]
                        .map(String::from)
                        .to_vec()
                ),
            ]
        );
        // One row is not enough to call a section a list.
        assert!(rows("- 一、本年新收政府信息公开申请数量：自然人40件，商业企业7件，科研机构1件，社会公益组织10件，法律服务机构7件，其他5件，总计70件\n").is_empty());
    }

    #[test]
    fn a_line_hard_wrapped_is_read_unless_the_wrap_cut_a_number() {
        let text = "- 一、本年新收政府信息公开申请数量：自然人40件，商业企业7件，科研机构1\n件，社会公益组织10件，法律服务机构7件，\n其他5件，总计70件\n\
            - （一）予以公开：自然人14件，商业企业2件，科研机构0件，社会公益组织2件，法律服务机构2件，其他1件，总计2\n1件\n\
            - 二、上年结转政府信息公开申请数量：自然人28件，商业企业0件，科研机构2件，社会公益组织2件，法律服务机构0件，其他1件，总计33件\n";
        let got = rows(text);
        let keys: Vec<&str> = got.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["new", "carried_in"]);
        assert_eq!(got[0].1, ["40", "7", "1", "10", "7", "5", "70"]);
        // The cell whose unit the wrap moved is read on its own line, without it.
        let tpl = crate::grammar::template("2021").expect("template");
        let li = LineIndex::new(text);
        let k = read(text, 0, text.len(), 3, tpl, &li).expect("read");
        let (ti, slots) = &k.tables[0];
        assert_eq!(*ti, tpl.section_tables(3).next().expect("table").0);
        let research = slots[2].as_ref().expect("cell");
        assert_eq!(
            (&text[research.raw.0..research.raw.1], research.line),
            ("1", 1)
        );
        let other = slots[5].as_ref().expect("cell");
        assert_eq!((&text[other.raw.0..other.raw.1], other.line), ("5件", 3));
    }

    #[test]
    fn a_row_label_a_wrap_cut_before_its_colon_is_joined() {
        let text = "- 一、本年新收政府信息公开申\n请数量：自然人40件，商业企业7件，科研机构1件，社会公益组织10件，法律服务机构7件，其他5件，总计70件\n\
            - （一）予以公开：自然人14件，商业企业2件，科研机构0件，社会公益组织2件，法律服务机构2件，其他1件，总计21件\n";
        let keys: Vec<String> = rows(text).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["new", "disclosed"]);
        // Without list marks: the label's first piece goes on no row before it.
        let text = "（一）予以公开：自然人14件，商业企业2件，科研机构0件，社会公益组织2件，法律服务机构2件，其他1件，总计21件\n\
            一、本年新收政府信息公开申\n请数量：自然人40件，商业企业7件，科研机构1件，社会公益组织10件，法律服务机构7件，其他5件，总计70件\n";
        let keys: Vec<String> = rows(text).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["disclosed", "new"]);
    }

    #[test]
    fn parts_and_numbers() {
        let body = "- 规章：本年制发件数2,499，本年废止件数0、现行有效件数1196件。";
        let from = body.find('：').unwrap() + '：'.len_utf8();
        let p: Vec<&str> = parts(body, from)
            .into_iter()
            .map(|(a, z)| &body[a..z])
            .collect();
        assert_eq!(
            p,
            ["本年制发件数2,499", "本年废止件数0", "现行有效件数1196件"]
        );
        assert_eq!(split_number("自然人14件"), Some(("自然人", "14件")));
        assert_eq!(split_number("本年增/减-3"), Some(("本年增/减", "-3")));
        assert_eq!(
            split_number("本年收费金额（单位：万元）31189.22"),
            Some(("本年收费金额（单位：万元）", "31189.22"))
        );
        // A number with no column word, or text after it, is no part.
        assert_eq!(split_number("14件"), None);
        assert_eq!(split_number("自然人14件左右"), None);
        assert_eq!(split_number("其他1件（含2件转办）"), None);
        // A footnote's mark after the number stays with it (the number is read
        // without it).
        assert_eq!(
            split_number("科研机构0【注】"),
            Some(("科研机构", "0【注】"))
        );
        assert_eq!(split_number("总计12①"), Some(("总计", "12①")));
        assert_eq!(split_number("总计12a"), None);
        assert_eq!(split_mark("本年增/减/"), Some(("本年增/减", "/")));
        assert_eq!(split_mark("采购总金额—"), Some(("采购总金额", "—")));
        assert_eq!(split_mark("/"), None);
        assert_eq!(split_mark("商业企业暂无"), Some(("商业企业", "暂无")));
        assert_eq!(split_mark("其他#N/A"), Some(("其他", "#N/A")));
    }
}
