//! The fourth round of converter families: tables OCR models write as LaTeX, rows
//! stacked into one row's cells, tables a script prints as list literals, and
//! CSV whose quoted cells hold line breaks.
//!
//! Formula-aware OCR (Nougat, Mathpix, GOT-OCR and the language models that learnt
//! from their output) writes a table as a `tabular` environment: cells parted by
//! `&`, rows ended by `\\`, rules as `\hline`, the whole often inside `$$` or
//! `\[ \]`, sometimes a cell's text inside `\text{}` or `\mathrm{}`. The truth
//! stays the truth: every number keeps its row and its column.

use super::{tables_of_runs, Rand, Row};
use rand::Rng;

/// A cell as a LaTeX OCR tool writes it: mostly as printed, a label now and then
/// inside `\text{}`, a number now and then in math mode.
fn cell(s: &str, label: bool, wrap: u8) -> String {
    match (label, wrap) {
        (true, 1) => format!("\\text{{{s}}}"),
        (true, 2) => format!("\\mathrm{{{s}}}"),
        (false, 1) if !s.is_empty() => format!("${s}$"),
        _ => s.to_string(),
    }
}

/// The official header of section 三's table (rows of seven numbers) or of
/// section 四's (fifteen), as a formula OCR writes merged cells: `\multicolumn`
/// across, `\multirow` down, the cells a span covers left empty. `lead` is the
/// number of columns before the numbers.
fn header(n: usize, lead: usize) -> Vec<String> {
    let mc = |k: usize, t: &str| format!("\\multicolumn{{{k}}}{{|c|}}{{{t}}}");
    let mr = |k: usize, t: &str| format!("\\multirow{{{k}}}{{*}}{{{t}}}");
    match n {
        7 => vec![
            format!(
                "{} & {} \\\\ \\cline{{{}-{}}}",
                mc(
                    lead,
                    &mr(
                        3,
                        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
                    )
                ),
                mc(7, "申请人情况"),
                lead + 1,
                lead + 7
            ),
            format!(
                "{} & {} & {} & {} \\\\",
                mc(lead, ""),
                mr(2, "自然人"),
                mc(5, "法人或其他组织"),
                mr(2, "总计")
            ),
            format!(
                "{} & & 商业企业 & 科研机构 & 社会公益组织 & 法律服务机构 & 其他 & \\\\",
                mc(lead, "")
            ),
        ],
        15 => vec![
            format!("{} & {} \\\\", mc(5, "行政复议"), mc(10, "行政诉讼")),
            format!(
                "{} & {} & {} \\\\",
                ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
                    .iter()
                    .map(|t| mr(2, t))
                    .collect::<Vec<_>>()
                    .join(" & "),
                mc(5, "未经复议直接起诉"),
                mc(5, "复议后起诉")
            ),
            format!(
                "& & & & & {} \\\\",
                ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
                    .repeat(2)
                    .join(" & ")
            ),
        ],
        _ => Vec::new(),
    }
}

/// One table's rows as a `tabular`: one line per row (`a & b \\`), or the whole
/// environment on one line, rules as `\hline` on lines of their own or after
/// each row; one labelled run in two with a side cell spanning its rows
/// (`\multirow{8}{*}{三、本年度办理结果}`, the cell empty on the rows below), and
/// the official header of sections 三 and 四 where the rows are theirs.
fn write_tabular(rows: &[&Row], rng: &mut Rand, out: &mut Vec<String>) {
    let n = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let labelled = rows.iter().all(|r| r.label.is_some());
    let side = labelled && rows.len() > 1 && rng.gen_bool(0.5);
    let lead = usize::from(labelled) + usize::from(side);
    // A row's cells never cut: a labelled row among unlabelled ones is wider.
    let width = rows
        .iter()
        .map(|r| r.cells.len() + usize::from(r.label.is_some()) + usize::from(side))
        .max()
        .unwrap_or(0);
    let spec: String = std::iter::repeat_n("c|", width).collect();
    let (open, close) = [("$$", "$$"), ("\\[", "\\]"), ("", "")][rng.gen_range(0..3)];
    let one_line = rng.gen_ratio(1, 4);
    let rule_inline = rng.gen_bool(0.5);
    let wrap = rng.gen_range(0..3u8);
    let mut lines: Vec<String> = Vec::new();
    if !open.is_empty() {
        lines.push(open.to_string());
    }
    lines.push(format!("\\begin{{tabular}}{{|{spec}}}"));
    lines.push("\\hline".to_string());
    if labelled && rng.gen_bool(0.5) {
        lines.extend(header(n, lead));
    }
    for (k, r) in rows.iter().enumerate() {
        let mut v: Vec<String> = Vec::new();
        if side {
            v.push(if k == 0 {
                format!("\\multirow{{{}}}{{*}}{{三、本年度办理结果}}", rows.len())
            } else {
                String::new()
            });
        }
        if let Some(l) = &r.label {
            v.push(cell(l, true, wrap));
        }
        v.extend(r.cells.iter().map(|c| cell(c, false, wrap)));
        v.resize(width, String::new());
        let row = format!("{} \\\\", v.join(" & "));
        if rule_inline {
            lines.push(format!("{row} \\hline"));
        } else {
            lines.push(row);
            lines.push("\\hline".to_string());
        }
    }
    lines.push("\\end{tabular}".to_string());
    if !close.is_empty() {
        lines.push(close.to_string());
    }
    if one_line {
        out.push(lines.join(" "));
    } else {
        out.extend(lines);
    }
}

/// Each run of table rows written as a LaTeX `tabular` (one table, or tables of
/// two to eight rows as an OCR model cuts them at page ends). Text lines stay.
pub fn latex_tabular(src: &str, rng: &mut Rand) -> String {
    tables_of_runs(src, rng, 8, write_tabular)
}

/// One table's rows as a markdown table (or an HTML table inside the text, as
/// MinerU and marker write tables): runs of two to eight rows with the
/// same number of cells stacked into one table row, each cell holding one line a
/// row parted by `<br>` (labels too), as a page editor, a PDF-to-markdown tool or
/// a language-model rewrite does with rows a PDF did not rule apart.
fn write_stacked(rows: &[&Row], rng: &mut Rand, out: &mut Vec<String>, html: bool) {
    let br = ["<br>", "<br/>", "<br />"][rng.gen_range(0..3)];
    let mut groups: Vec<Vec<&Row>> = Vec::new();
    let mut k = 0;
    while k < rows.len() {
        let size = rng.gen_range(1..=8usize);
        let shape = |r: &Row| (r.label.is_some(), r.cells.len());
        let mut end = k + 1;
        while end < rows.len() && end - k < size && shape(rows[end]) == shape(rows[k]) {
            end += 1;
        }
        groups.push(rows[k..end].to_vec());
        k = end;
    }
    let cells_of = |g: &[&Row]| -> Vec<String> {
        let mut v = Vec::new();
        if g[0].label.is_some() {
            v.push(
                g.iter()
                    .map(|r| r.label.clone().unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join(br),
            );
        }
        for c in 0..g[0].cells.len() {
            v.push(
                g.iter()
                    .map(|r| r.cells[c].trim().to_string())
                    .collect::<Vec<_>>()
                    .join(br),
            );
        }
        v
    };
    if html {
        out.push("<table>".to_string());
        for g in &groups {
            let tds: String = cells_of(g)
                .iter()
                .map(|c| format!("<td>{c}</td>"))
                .collect();
            out.push(format!("<tr>{tds}</tr>"));
        }
        out.push("</table>".to_string());
    } else {
        for (i, g) in groups.iter().enumerate() {
            let cells = cells_of(g);
            out.push(format!("| {} |", cells.join(" | ")));
            if i == 0 {
                out.push(format!("|{}", "---|".repeat(cells.len())));
            }
        }
    }
}

/// Each run of table rows written with rows stacked into one row's cells
/// ([`write_stacked`]), all as markdown or all as HTML (a tool writes every table
/// alike). Text lines stay.
pub fn stacked_cells(src: &str, rng: &mut Rand) -> String {
    let html = rng.gen_bool(0.5);
    tables_of_runs(src, rng, 12, |rows, rng, out| {
        write_stacked(rows, rng, out, html)
    })
}

/// One table's rows as a script prints them: Python lists (`['规章', '0', None]`,
/// empty cells `None` or `''`) or JSON arrays (`["规章", 0, null]`, numbers bare
/// now and then), a row a line or the whole table as one list of rows on one line
/// (`print(table)`) or a row a line inside `[[` … `]]` (pretty-printed).
fn write_lists(rows: &[&Row], rng: &mut Rand, out: &mut Vec<String>, json: bool) {
    let shape = rng.gen_range(0..3u8);
    let q = if json { '"' } else { '\'' };
    let row_text = |r: &Row, rng: &mut Rand| -> String {
        let mut items: Vec<String> = Vec::new();
        if let Some(l) = &r.label {
            items.push(format!(
                "{q}{}{q}",
                l.replace(q, if json { "\\\"" } else { "\\'" })
            ));
        }
        for c in &r.cells {
            let c = c.trim();
            items.push(if c.is_empty() {
                if json {
                    "null".to_string()
                } else if rng.gen_bool(0.5) {
                    "None".to_string()
                } else {
                    "''".to_string()
                }
            } else if json && rng.gen_bool(0.3) && c.bytes().all(|b| b.is_ascii_digit()) {
                c.to_string()
            } else {
                format!("{q}{c}{q}")
            });
        }
        format!("[{}]", items.join(", "))
    };
    let lines: Vec<String> = rows.iter().map(|r| row_text(r, rng)).collect();
    match shape {
        0 => out.extend(lines),
        1 => out.push(format!("[{}]", lines.join(", "))),
        _ => {
            let n = lines.len();
            for (i, l) in lines.into_iter().enumerate() {
                let open = if i == 0 { "[" } else { " " };
                let close = if i + 1 == n { "]" } else { "," };
                out.push(format!("{open}{l}{close}"));
            }
        }
    }
}

/// Each run of table rows printed as list literals ([`write_lists`]), all Python
/// or all JSON. Text lines stay.
pub fn list_literals(src: &str, rng: &mut Rand) -> String {
    let json = rng.gen_bool(0.5);
    tables_of_runs(src, rng, 12, |rows, rng, out| {
        write_lists(rows, rng, out, json)
    })
}

/// One table's rows as CSV that camelot or tabula export: cells quoted when they
/// need it (or always), a long label broken over lines inside its quotes at the
/// width its cell had, and now and then a run of rows with the same number of
/// cells stacked into one record, each cell's lines one a row.
fn write_quoted(rows: &[&Row], rng: &mut Rand, out: &mut Vec<String>, always: bool) {
    let width = rng.gen_range(5..=12usize);
    let quote = |c: &str, always: bool| {
        if always || c.contains([',', '"', '\n']) {
            format!("\"{}\"", c.replace('"', "\"\""))
        } else {
            c.to_string()
        }
    };
    let wrapped = |l: &str| {
        let chars: Vec<char> = l.chars().collect();
        chars
            .chunks(width)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut k = 0;
    while k < rows.len() {
        let size = if rng.gen_ratio(1, 3) {
            rng.gen_range(2..=8usize)
        } else {
            1
        };
        let shape = |r: &Row| (r.label.is_some(), r.cells.len());
        let mut end = k + 1;
        while end < rows.len() && end - k < size && shape(rows[end]) == shape(rows[k]) {
            end += 1;
        }
        let g = &rows[k..end];
        let mut cells: Vec<String> = Vec::new();
        if g[0].label.is_some() {
            let labels: Vec<String> = g
                .iter()
                .map(|r| r.label.clone().unwrap_or_default())
                .collect();
            cells.push(if g.len() == 1 {
                wrapped(&labels[0])
            } else {
                labels.join("\n")
            });
        }
        for c in 0..g[0].cells.len() {
            cells.push(
                g.iter()
                    .map(|r| r.cells[c].trim().to_string())
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        }
        let line: Vec<String> = cells.iter().map(|c| quote(c, always)).collect();
        out.push(line.join(","));
        k = end;
    }
}

/// Each run of table rows written as CSV with line breaks inside quoted cells
/// ([`write_quoted`]). Text lines stay.
pub fn csv_quoted(src: &str, rng: &mut Rand) -> String {
    let always = rng.gen_bool(0.5);
    tables_of_runs(src, rng, 12, |rows, rng, out| {
        write_quoted(rows, rng, out, always)
    })
}
