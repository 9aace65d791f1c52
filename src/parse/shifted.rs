//! Rows that took the numbers of a label misread past recognition.
//!
//! A converter that prints a table's row labels as a block and their numbers as
//! the lines after it (`规章` / `行政规范性文件` / `/ / /` / `3 0 8`) is read by
//! pairing the labels with the number lines in order. When OCR misread one label
//! past likeness (`规竟`), the block reads as one label shorter: the row of the
//! last readable label takes the block's first line of numbers, which is the
//! misread row's, and its own line is left standing outside any row. Nothing in
//! the numbers shows it (a mark of empty cells, `/ / /`, reads as well as a
//! count), so the shape does: the row's numbers stand on the line after its
//! label, the line before that label is short text that names nothing, the row
//! before it in the template is unread, and the next line of numbers was placed
//! in no row. Such a row is set aside, missing, with a warning naming both rows.

use crate::grammar::Template;
use crate::model::diag::Diag;
use crate::parse::lines::LineIndex;
use crate::parse::template::{Axis, Tables};

/// The longest text taken for a misread label (the official ones run to about
/// twenty characters; a sentence is no label).
const MAX_LABEL_CHARS: usize = 24;

/// Sets aside the rows of section `n` that took the numbers under a misread
/// label (see the module's comment).
pub(crate) fn set_aside(
    text: &str,
    n: u8,
    tpl: &Template,
    li: &LineIndex,
    out: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    if out.stray.is_empty() {
        return;
    }
    let line_text = |l: u32| {
        let a = li.start_of(l);
        let z = li.start_of(l + 1).min(text.len());
        text.get(a..z).unwrap_or("").trim()
    };
    // The nearest line before (`step` -1) or after (+1) `l` that holds text.
    let nonblank = |l: u32, step: i64| {
        let mut k = i64::from(l) + step;
        while k >= 1 && li.start_of(k as u32) < text.len() {
            if !line_text(k as u32).is_empty() {
                return Some(k as u32);
            }
            k += step;
        }
        None
    };
    let matcher = tpl.matcher(n);
    for (ti, table) in tpl.section_tables(n) {
        let nc = table.cols.len();
        for r in 1..table.rows.len() {
            let slots = &out.tables[ti].slots;
            let mut lines = (0..nc).filter_map(|c| slots[r * nc + c].as_ref().map(|s| s.line));
            let Some(vl) = lines.next() else {
                continue;
            };
            if lines.any(|l| l != vl) || (0..nc).any(|c| slots[(r - 1) * nc + c].is_some()) {
                continue;
            }
            let Some(ll) = out
                .labels
                .iter()
                .find(|l| l.table == ti && l.axis == Axis::Row && l.index == r)
                .map(|l| l.line)
            else {
                continue;
            };
            if vl <= ll || nonblank(vl, 1).is_none_or(|next| !out.stray.contains(&next)) {
                continue;
            }
            let Some(before) = nonblank(ll, -1) else {
                continue;
            };
            let t = line_text(before);
            let names_nothing = t.chars().count() <= MAX_LABEL_CHARS
                && !t.chars().any(|c| c.is_ascii_digit())
                && !out
                    .structure
                    .iter()
                    .any(|&(a, z)| (a..=z).contains(&before))
                && crate::parse::scan::scan(t, &matcher.patterns, &matcher.automaton).is_empty();
            if !names_nothing {
                continue;
            }
            crate::parse::referee::set_row_aside(out, ti, r, nc, vl, diags);
            diags.push(Diag::warning(
                vl,
                format!(
                    "the numbers under row {}'s label may be row {}'s: the line above that label, `{t}`, names no row (a label misread?), and the next line's numbers stand in no row; row {} is reported missing",
                    table.rows[r].key,
                    table.rows[r - 1].key,
                    table.rows[r].key
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::parse::report::parse_report;

    /// Item 20.1 of a 2021 report printed as a block of labels (`first` the
    /// first) over two lines of numbers; its cells as read, `key → value`.
    fn read(first: &str) -> Vec<(String, String)> {
        let text = format!(
            "某街道办事处2023年政府信息公开工作年度报告\n一、总体情况\n本街道依法公开政府信息。\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n{first}\n行政规范性文件\n/ / /\n3 0 8\n第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可 12\n三、收到和处理政府信息公开申请情况\n五、存在的主要问题及改进情况\n无。\n"
        );
        let r = parse_report("t", text.as_bytes());
        r.keyed_cells()
            .into_iter()
            .filter(|(k, _)| k.starts_with("2/20.1/"))
            .filter_map(|(k, s)| {
                s.map(|s| {
                    let v = s
                        .value
                        .map_or(s.state.as_str().to_string(), |v| v.to_string());
                    (k, v)
                })
            })
            .collect()
    }

    #[test]
    fn a_row_under_a_misread_label_is_set_aside() {
        // Read whole, 规章 takes its marks (行政规范性文件's numbers are missing:
        // the two readings place that line differently).
        let marks = |k: &str| (format!("2/20.1/regulation/{k}"), "na".to_string());
        assert_eq!(
            read("规章"),
            vec![marks("issued"), marks("repealed"), marks("in_force")]
        );
        // With 规章 misread, 行政规范性文件 would take `/ / /` (marks of empty
        // cells, where its own line says 3 0 8): it is missing.
        assert_eq!(read("规竟"), Vec::new());
    }
}
