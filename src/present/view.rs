//! A person's view of one report (`zfxxgk check`): what was detected, the three
//! tables as a terminal shows them, and every failed check with the input line of
//! each cell in it, so a user can open the file at that line and see why.
//!
//! Columns are aligned by display width, not by characters or bytes: a Chinese
//! character takes two columns of a terminal. The marks for what is not a number
//! are given in a legend above the tables.

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use crate::grammar::{Table, Template};
use crate::model::value::Unit;
use crate::parse::checks::CheckResult;
use crate::parse::report::{Report, Status};
use crate::parse::template::{Slot, State};

/// Row labels longer than this (display columns) are cut with `…`.
const ROW_LABEL_WIDTH: usize = 30;

const LEGEND: &str = "· blank   / not applicable (/, —, 无…)   ~ recovered from digits run together   ? missing, or unresolved (raw text below the table)";

/// Renders `r` as text for a terminal.
pub fn render(r: &Report) -> String {
    let mut out = String::new();
    header(&mut out, r);
    let Some(tpl) = r.reading_template.as_deref() else {
        return out;
    };
    let cells = r.cells();
    if cells.is_empty() {
        return out;
    }
    out.push('\n');
    out.push_str(LEGEND);
    out.push('\n');
    let mut last_section = 0;
    for (ti, table) in tpl.tables.iter().enumerate() {
        let shown: Vec<(usize, usize, Option<&Slot>)> = cells
            .iter()
            .filter(|c| c.0 == ti)
            .map(|&(_, ri, ci, s)| (ri, ci, s))
            .collect();
        if shown.is_empty() {
            continue;
        }
        if table.section != last_section {
            last_section = table.section;
            let _ = write!(
                out,
                "\n{}\n",
                crate::grammar::common()
                    .section(table.section.clamp(2, 4))
                    .heading
            );
        }
        table_view(&mut out, r, ti, table, &shown);
    }
    failed_checks(&mut out, r, tpl);
    out
}

fn header(out: &mut String, r: &Report) {
    let _ = writeln!(out, "{}", r.report_id);
    let mut status = r.status.as_str().to_string();
    if !r.message.is_empty() {
        status.push_str(": ");
        status.push_str(&r.message);
    }
    let template = match (&r.template, &r.reading_template) {
        (Some(t), _) => t.id.clone(),
        (None, Some(t)) => format!("not told (section 四 read as {})", t.id),
        (None, None) => "not told".to_string(),
    };
    let date = r.report_date_iso().unwrap_or_default();
    let fields: [(&str, String); 9] = [
        ("status", status),
        ("template", template),
        ("layout", r.layout.clone()),
        ("encoding", r.encoding.unwrap_or("").to_string()),
        ("format", r.format.as_str().to_string()),
        (
            "year",
            r.meta.year.map(|y| y.to_string()).unwrap_or_default(),
        ),
        ("organ", r.meta.organ.clone().unwrap_or_default()),
        ("issuer", r.meta.issuer.clone().unwrap_or_default()),
        ("date", date),
    ];
    for (name, value) in fields {
        let value = if value.is_empty() {
            "-"
        } else {
            value.as_str()
        };
        let _ = writeln!(out, "  {name:<9} {value}");
    }
}

/// One table: a header row of column labels, then a row per template row, values
/// right-aligned under their labels, the row's key (as in cells.csv) last: it
/// tells apart rows whose printed labels repeat (`1.` under several groups).
fn table_view(
    out: &mut String,
    r: &Report,
    ti: usize,
    table: &Table,
    shown: &[(usize, usize, Option<&Slot>)],
) {
    if table.section == 2 {
        let _ = writeln!(
            out,
            "  {}",
            crate::grammar::common()
                .caption_printed
                .replace("{}", &table.caption)
        );
    }
    let ncols = table.cols.len();
    let mut rows: Vec<usize> = shown.iter().map(|c| c.0).collect();
    rows.dedup();
    let grid: Vec<(String, Vec<String>)> = rows
        .iter()
        .map(|&ri| {
            let values = (0..ncols)
                .map(|ci| {
                    let slot = shown
                        .iter()
                        .find(|c| c.0 == ri && c.1 == ci)
                        .and_then(|c| c.2);
                    mark(r, ti, ci, slot)
                })
                .collect();
            (clip(&table.rows[ri].label, ROW_LABEL_WIDTH), values)
        })
        .collect();
    let label_w = grid.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    let col_w: Vec<usize> = (0..ncols)
        .map(|ci| {
            grid.iter()
                .map(|(_, v)| v[ci].width())
                .chain([table.cols[ci].label.width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut line = format!("    {}", pad_right("", label_w));
    for (ci, col) in table.cols.iter().enumerate() {
        line.push_str("  ");
        line.push_str(&pad_left(&col.label, col_w[ci]));
    }
    let _ = writeln!(out, "{}", line.trim_end());
    for ((label, values), &ri) in grid.iter().zip(&rows) {
        let mut line = format!("    {}", pad_right(label, label_w));
        for (ci, v) in values.iter().enumerate() {
            line.push_str("  ");
            line.push_str(&pad_left(v, col_w[ci]));
        }
        line.push_str("  ");
        line.push_str(&table.rows[ri].key);
        let _ = writeln!(out, "{line}");
    }
    // The raw text of what could not be read as numbers, one line per input line.
    let mut unresolved: Vec<(u32, &str, String)> = Vec::new();
    for &(ri, ci, slot) in shown {
        let Some(s) = slot.filter(|s| s.state == State::Unresolved) else {
            continue;
        };
        let raw = r.text.get(s.raw.0..s.raw.1).unwrap_or("");
        let key = format!("{}/{}", table.rows[ri].key, table.cols[ci].key);
        match unresolved.iter_mut().find(|u| u.0 == s.line && u.1 == raw) {
            Some(u) => {
                u.2.push_str(", ");
                u.2.push_str(&key);
            }
            None => unresolved.push((s.line, raw, key)),
        }
    }
    for (line, raw, keys) in unresolved {
        let _ = writeln!(out, "    ? line {line}: `{raw}` unresolved for {keys}");
    }
}

/// How a cell is shown in the grid.
fn mark(r: &Report, ti: usize, ci: usize, slot: Option<&Slot>) -> String {
    let Some(s) = slot else {
        return "?".to_string();
    };
    match s.state {
        State::Blank => "·".to_string(),
        State::Na => "/".to_string(),
        State::Missing | State::Unresolved => "?".to_string(),
        State::Number | State::Recovered => {
            let mut v = s.value.map(|v| v.to_string()).unwrap_or_default();
            // Money is 元 in some reports and 万元 in others: always say which.
            let unit = r.cell_unit(ti, ci, Some(s));
            if let Some(u @ (Unit::Yuan | Unit::WanYuan)) = unit {
                v.push_str(u.as_str());
            }
            if s.state == State::Recovered {
                v.push('~');
            }
            v
        }
    }
}

/// Each failed check: its two sides, then every cell on each side with its value
/// and the input line it was read from.
fn failed_checks(out: &mut String, r: &Report, tpl: &Template) {
    let failed: Vec<&CheckResult> = r.checks.iter().filter(|c| c.ok == Some(false)).collect();
    let ok = r.checks.iter().filter(|c| c.ok == Some(true)).count();
    let open = r.checks.iter().filter(|c| c.ok.is_none()).count();
    let _ = writeln!(
        out,
        "\nchecks: {} ok, {} failed, {} not assessable (a side has a cell that is not a number)",
        ok,
        failed.len(),
        open
    );
    for c in failed {
        let show =
            |v: Option<crate::model::value::Decimal>| v.map_or("?".to_string(), |v| v.to_string());
        let _ = writeln!(
            out,
            "\n  {} [{}]: {} ≠ {}",
            c.name(tpl),
            c.scope(tpl),
            show(c.expected),
            show(c.actual)
        );
        let Some(table) = tpl.tables.get(c.table) else {
            continue;
        };
        let read = r.tables.tables.get(c.table);
        let ncols = table.cols.len().max(1);
        let mut lines: Vec<(String, String, String)> = Vec::new();
        let (lhs, rhs) = c.sides(tpl);
        for (side, idx) in [("left ", &lhs), ("right", &rhs)] {
            for (k, &i) in idx.iter().enumerate() {
                let (ri, ci) = (i / ncols, i % ncols);
                let slot = read.and_then(|t| t.slots.get(i)).and_then(Option::as_ref);
                let key = match (table.rows.get(ri), table.cols.get(ci)) {
                    (Some(row), Some(col)) => format!("{}/{}", row.key, col.key),
                    _ => continue,
                };
                let value = mark(r, c.table, ci, slot);
                let line = slot.map_or("not found".to_string(), |s| place(r, s));
                let side = if k == 0 { side } else { "     " };
                lines.push((format!("{side} {key}"), value, line));
            }
        }
        let kw = lines.iter().map(|l| l.0.width()).max().unwrap_or(0);
        let vw = lines.iter().map(|l| l.1.width()).max().unwrap_or(0);
        for (key, value, line) in lines {
            let _ = writeln!(
                out,
                "    {}  {}  {}",
                pad_right(&key, kw),
                pad_left(&value, vw),
                line
            );
        }
    }
}

/// Where a cell stands in the input: its line, and its column in characters when
/// the line holds more than one cell (glued text puts a whole table on one line).
fn place(r: &Report, s: &Slot) -> String {
    // The text of a page or PDF is not the file the user opens: its line only.
    if r.format != crate::parse::input::Format::Txt {
        return format!("line {}", s.line);
    }
    let text = &r.text;
    let start = text
        .get(..s.raw.0)
        .map_or(0, |t| t.rfind('\n').map_or(0, |i| i + 1));
    let before = text.get(start..s.raw.0).unwrap_or("");
    if before
        .trim_matches(crate::model::value::is_cell_space)
        .is_empty()
    {
        format!("line {}", s.line)
    } else {
        format!("line {}, column {}", s.line, before.chars().count() + 1)
    }
}

fn pad_right(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(s.width())))
}

fn pad_left(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(s.width())))
}

/// `s` cut to at most `w` display columns, `…` marking the cut.
fn clip(s: &str, w: usize) -> String {
    if s.width() <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// The exit status `zfxxgk check` gives for a report: 2 when it could not be read,
/// 1 when a check failed, else 0.
pub fn exit_code(r: &Report) -> u8 {
    if r.status == Status::Unreadable {
        2
    } else if r.checks_failed() > 0 {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_chinese_as_two_columns() {
        assert_eq!(pad_left("自然人", 8), "  自然人");
        assert_eq!(pad_right("规章", 6), "规章  ");
        // A two-column character does not fit in the last column before `…`.
        assert_eq!(clip("1.申请人无正当理由逾期不补正", 12), "1.申请人无…");
        assert_eq!(clip("1.申请人无正当理由逾期不补正", 13), "1.申请人无正…");
        assert_eq!(clip("规章", 4), "规章");
    }
}
