//! Converter families added after the first fourteen effects (issue 10's families
//! brief): cells joined by commas, empty cells printed as dashes, tables written as
//! HTML with merged cells, tables emitted column by column, and one cell per line.
//!
//! `dash_empty` is the one effect that changes the truth: it prints every cell that
//! holds 0 as a dash, so the suite expects those cells empty (`na`), never 0
//! (`dashes_truth` in tests/torture.rs).

use super::{blocks, is_num, join, run_of_rows, split_cells, Block, Rand};
use rand::Rng;

/// Whether a row cell holds the number 0 (`0`, `0.00`, `0项`).
pub fn is_zero(cell: &str) -> bool {
    let c = cell.trim();
    is_num(c)
        && c.trim_start_matches(['+', '-'])
            .chars()
            .filter(|ch| ch.is_ascii_digit())
            .all(|ch| ch == '0')
}

/// The marks reports print in a cell that does not apply.
const DASHES: &[&str] = &["—", "-", "/", "／", "无", "空", "——", "－", "--"];

/// Whether a cell is one of [`DASHES`], or `天`: OCR's reading of the mark `无`
/// (the ocr_labels effect), which later effects must still take for a cell, not
/// for a label.
pub fn is_dash(cell: &str) -> bool {
    let c = cell.trim();
    DASHES.contains(&c) || super::families5::NA_WORDS.contains(&c) || c == "天"
}

/// Byte range of the last standalone occurrence of `cell` in `line[..before]`: not
/// preceded or followed by a digit, a point or a comma.
pub(super) fn rfind_cell(line: &str, cell: &str, before: usize) -> Option<usize> {
    let hay = line.get(..before)?;
    let mut end = hay.len();
    while let Some(i) = hay.get(..end)?.rfind(cell) {
        let prev = line[..i].chars().next_back();
        let next = line[i + cell.len()..].chars().next();
        let joins = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',');
        if !joins(prev) && !joins(next) {
            return Some(i);
        }
        end = i;
    }
    None
}

/// Every cell that holds 0 printed as a dash (`—`, `-`, `/`, `／`, `无`, `空`, …): one
/// mark for the whole text, or (one text in four) a mark drawn per cell. The other
/// cells, labels and separators stay as printed.
pub fn dash_empty(src: &str, rng: &mut Rand) -> String {
    zeros_as(src, rng, DASHES)
}

/// Every cell that holds 0 printed as one of `marks`: one for the whole text, or
/// (one text in four) one drawn per cell.
pub(super) fn zeros_as(src: &str, rng: &mut Rand, marks: &[&str]) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let mut out: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
    let mixed = rng.gen_ratio(1, 4);
    let style = marks[rng.gen_range(0..marks.len())];
    for b in blocks(&lines) {
        let Block::Row(r) = b else { continue };
        // Right to left over the row's lines: cells stand after the label.
        let mut cells = r.cells.iter().rev().filter(|c| !c.is_empty());
        let mut cell = cells.next();
        for li in (r.first..=r.last).rev() {
            let mut before = out[li].len();
            while let Some(c) = cell {
                let Some(at) = rfind_cell(&out[li], c.trim(), before) else {
                    break;
                };
                if is_zero(c) {
                    let mark = if mixed {
                        marks[rng.gen_range(0..marks.len())]
                    } else {
                        style
                    };
                    out[li].replace_range(at..at + c.trim().len(), mark);
                }
                before = at;
                cell = cells.next();
            }
        }
    }
    join(out)
}

/// Digits of an integer part grouped by threes with `sep` (`1285000` → `1,285,000`);
/// a cell with fewer than four digits, or a leading zero, is left as it is.
fn group_thousands(cell: &str, sep: &str) -> String {
    let t = cell.trim();
    let end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (int, rest) = t.split_at(end);
    if int.len() < 4 || int.starts_with('0') {
        return cell.to_string();
    }
    let mut out = String::new();
    for (k, ch) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out.push_str(rest);
    out
}

/// A CSV field: quoted when it holds a comma or a quote.
fn field(s: &str) -> String {
    if s.contains([',', '"']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A spreadsheet or CSV export: every row's label and cells joined by commas, other
/// lines with their cells joined the same way. One text in three writes thousands
/// separators and quotes such numbers (`"1,285,000"`); one in three writes them and
/// does not (`1,285,000`: a comma that is no separator, which the reader cannot tell
/// from one); one in three writes none. One text in two pads every line with empty
/// fields to the widest line, as spreadsheets export a rectangle.
pub fn csv_cells(src: &str, rng: &mut Rand) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let mode = rng.gen_range(0..3);
    let pad = rng.gen_bool(0.5);
    let mut rows: Vec<Vec<String>> = Vec::new();
    for b in blocks(&lines) {
        match b {
            Block::Text(i) => {
                let l = lines[i];
                if l.trim().is_empty() {
                    rows.push(Vec::new());
                    continue;
                }
                let cells = split_cells(l);
                rows.push(cells.iter().map(|c| field(c)).collect());
            }
            Block::Row(r) => {
                let mut v: Vec<String> = r.label.iter().map(|l| field(l)).collect();
                for c in &r.cells {
                    v.push(match mode {
                        0 => field(c),
                        1 => field(&group_thousands(c, ",")),
                        _ => group_thousands(c, ","),
                    });
                }
                rows.push(v);
            }
        }
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let out = rows
        .into_iter()
        .map(|mut v| {
            if pad && !v.is_empty() {
                v.resize(width, String::new());
            }
            v.join(",")
        })
        .collect();
    join(out)
}

/// Thousands separators in the numbers of table rows (`1,285`, or the full-width
/// `1，285` one text in two), the rows' other separators kept.
pub fn thousands_commas(src: &str, rng: &mut Rand) -> String {
    let sep = if rng.gen_bool(0.5) { "," } else { "，" };
    let lines: Vec<&str> = src.lines().collect();
    let mut out: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
    for b in blocks(&lines) {
        let Block::Row(r) = b else { continue };
        let mut cells = r.cells.iter().rev().filter(|c| !c.is_empty());
        let mut cell = cells.next();
        for li in (r.first..=r.last).rev() {
            let mut before = out[li].len();
            while let Some(c) = cell {
                let Some(at) = rfind_cell(&out[li], c.trim(), before) else {
                    break;
                };
                let g = group_thousands(c.trim(), sep);
                out[li].replace_range(at..at + c.trim().len(), &g);
                before = at;
                cell = cells.next();
            }
        }
    }
    join(out)
}

fn td(s: &str, attrs: &str) -> String {
    format!("<td{attrs}>{s}</td>")
}

/// A PDF-to-markdown tool (MinerU, marker): every run of rows written as an HTML
/// table inside the text, on one line or one `<tr>` per line. Runs of seven-cell
/// rows (section 三) get the official two-line header with merged cells; runs of
/// fifteen (section 四) the three-line one; one run in two puts a side cell spanning
/// its rows before the labels, as the official tables print `三、本年度办理结果`.
pub fn html_spans(src: &str, rng: &mut Rand) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let bl = blocks(&lines);
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < bl.len() {
        match &bl[i] {
            Block::Text(k) => {
                out.push(lines[*k].to_string());
                i += 1;
            }
            Block::Row(_) => {
                let run = run_of_rows(&bl, &lines, &mut i, |_, _| true);
                let n = run.iter().map(|r| r.cells.len()).max().unwrap_or(0);
                let labelled = run.iter().all(|r| r.label.is_some());
                let side = labelled && run.len() > 1 && rng.gen_bool(0.5);
                let mut trs: Vec<String> = Vec::new();
                let lead = if side { 2 } else { 1 };
                if labelled && n == 7 {
                    trs.push(format!(
                        "<tr>{}{}{}{}</tr>",
                        td(
                            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                            &format!(" colspan=\"{lead}\" rowspan=\"2\"")
                        ),
                        td("申请人情况", " colspan=\"7\""),
                        "",
                        ""
                    ));
                    trs.push(format!(
                        "<tr>{}{}{}</tr>",
                        td("自然人", " rowspan=\"2\""),
                        td("法人或其他组织", " colspan=\"5\""),
                        td("总计", " rowspan=\"2\"")
                    ));
                    trs.push(format!(
                        "<tr>{}{}</tr>",
                        td("", &format!(" colspan=\"{lead}\"")),
                        [
                            "商业企业",
                            "科研机构",
                            "社会公益组织",
                            "法律服务机构",
                            "其他"
                        ]
                        .iter()
                        .map(|h| td(h, ""))
                        .collect::<String>()
                    ));
                } else if n == 15 {
                    trs.push(format!(
                        "<tr>{}{}</tr>",
                        td("行政复议", " colspan=\"5\""),
                        td("行政诉讼", " colspan=\"10\"")
                    ));
                    let five = |t: &str| td(t, " rowspan=\"2\"");
                    trs.push(format!(
                        "<tr>{}{}{}{}{}{}{}</tr>",
                        five("结果维持"),
                        five("结果纠正"),
                        five("其他结果"),
                        five("尚未审结"),
                        five("总计"),
                        td("未经复议直接起诉", " colspan=\"5\""),
                        td("复议后起诉", " colspan=\"5\"")
                    ));
                    trs.push(format!(
                        "<tr>{}</tr>",
                        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
                            .repeat(2)
                            .iter()
                            .map(|h| td(h, ""))
                            .collect::<String>()
                    ));
                }
                for (k, r) in run.iter().enumerate() {
                    let mut tr = String::from("<tr>");
                    if side && k == 0 {
                        tr.push_str(&td("", &format!(" rowspan=\"{}\"", run.len())));
                    }
                    if let Some(l) = &r.label {
                        tr.push_str(&td(l, ""));
                    }
                    for c in &r.cells {
                        tr.push_str(&td(c, ""));
                    }
                    tr.push_str("</tr>");
                    trs.push(tr);
                }
                out.push(String::new());
                if rng.gen_bool(0.5) {
                    out.push(format!("<table>{}</table>", trs.concat()));
                } else {
                    out.push("<table>".into());
                    out.extend(trs);
                    out.push("</table>".into());
                }
                out.push(String::new());
            }
        }
    }
    join(out)
}

/// A converter that writes a table column by column: the labels of a run of rows,
/// then each column's numbers on a line. Which number is in which row the text
/// alone does not tell; section 三's identities often do (src/parse/colmajor.rs):
/// the property is that nothing comes out wrong. (Each number
/// on a line of its own would be the very text pdftotext without `-layout` writes
/// for a table read by rows, which the reader reads by rows: not made here.)
pub fn column_major(src: &str, _: &mut Rand) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let bl = blocks(&lines);
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < bl.len() {
        match &bl[i] {
            Block::Row(r) if r.label.is_some() && r.cells.len() > 1 => {
                let n = r.cells.len();
                let run = run_of_rows(&bl, &lines, &mut i, |r, _| {
                    r.label.is_some() && r.cells.len() == n
                });
                out.extend(run.iter().filter_map(|r| r.label.clone()));
                for c in 0..n {
                    let col: Vec<&str> = run.iter().map(|r| r.cells[c].as_str()).collect();
                    out.push(col.join("  "));
                }
            }
            Block::Row(r) => {
                out.extend(lines[r.first..=r.last].iter().map(|s| s.to_string()));
                i += 1;
            }
            Block::Text(k) => {
                out.push(lines[*k].to_string());
                i += 1;
            }
        }
    }
    join(out)
}

/// docx2txt and its kin: every table cell a paragraph of its own (label, then each
/// number, header cells one by one too), with a blank line between paragraphs, or
/// (one text in three) with none. In one text in two an empty cell is a line
/// holding U+00A0, as a crawler's `get_text("\n")` writes a page's `&nbsp;`.
pub fn cell_per_line(src: &str, rng: &mut Rand) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let gap = !rng.gen_ratio(1, 3);
    let nbsp = rng.gen_bool(0.5);
    let mut out: Vec<String> = Vec::new();
    let push = |out: &mut Vec<String>, s: &str| {
        let s = s.trim();
        out.push(if s.is_empty() && nbsp {
            "\u{a0}".to_string()
        } else {
            s.to_string()
        });
        if gap {
            out.push(String::new());
        }
    };
    for b in blocks(&lines) {
        match b {
            Block::Text(k) => {
                let cells = split_cells(lines[k]);
                if cells.len() > 1 {
                    for c in cells.iter().filter(|c| !c.is_empty()) {
                        push(&mut out, c);
                    }
                } else {
                    out.push(lines[k].to_string());
                }
            }
            Block::Row(r) => {
                if let Some(l) = &r.label {
                    push(&mut out, l);
                }
                for c in &r.cells {
                    push(&mut out, c);
                }
            }
        }
    }
    join(out)
}
