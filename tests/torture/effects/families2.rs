//! The second round of converter families (issue 10's families2 brief): OCR
//! confusions inside numbers, markdown tables whose spanning cells are repeated in
//! every cell they cover (docling, marker, MinerU), markdown emphasis and HTML
//! entities left in cells by language-model rewrites, and section 三 written with
//! its rows and columns swapped.
//!
//! None of them changes the truth: `ocr_digits` damages the digits of a number
//! (the cell must come out `unresolved`, never as a guess), the others only move or
//! decorate text around the numbers.

use super::families::rfind_cell;
use super::{blocks, is_num, join, Block, Rand, Row};
use rand::seq::SliceRandom;
use rand::Rng;

/// The digits OCR engines misread, each with the characters they become.
const OCR_DIGITS: &[(char, &[char])] = &[
    ('0', &['O', 'o', '〇']),
    ('1', &['l', 'I']),
    ('5', &['S']),
    ('8', &['B']),
    ('2', &['Z']),
];

/// One digit of the number `cell` replaced by a look-alike, or `None` when the
/// number has no digit OCR confuses. `|` stands for 1 only beside another digit and
/// only where the line has no pipes (a lone `|` is a separator to any reader).
fn misread(cell: &str, pipes: bool, rng: &mut Rand) -> Option<String> {
    let cs: Vec<char> = cell.chars().collect();
    let at: Vec<usize> = (0..cs.len())
        .filter(|&k| OCR_DIGITS.iter().any(|(d, _)| *d == cs[k]))
        .collect();
    if at.is_empty() {
        return None;
    }
    let k = at[rng.gen_range(0..at.len())];
    let (_, subs) = OCR_DIGITS.iter().find(|(d, _)| *d == cs[k])?;
    let digits = cs.iter().filter(|c| c.is_ascii_digit()).count();
    let subs: Vec<char> = subs
        .iter()
        .copied()
        .filter(|c| *c != '|' || (!pipes && digits > 1))
        .collect();
    let mut out = cs;
    out[k] = subs[rng.gen_range(0..subs.len())];
    Some(out.into_iter().collect())
}

/// Rewrites the number cells of every row in place, right to left, through `f`
/// (which returns the new text of a cell, or `None` to keep it).
pub(super) fn each_number(
    src: &str,
    rng: &mut Rand,
    mut f: impl FnMut(&str, (usize, &str), &mut Rand) -> Option<String>,
) -> Vec<String> {
    let lines: Vec<&str> = src.lines().collect();
    let mut out: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
    for b in blocks(&lines) {
        let Block::Row(r) = b else { continue };
        let mut cells = r.cells.iter().rev().filter(|c| is_num(c));
        let mut cell = cells.next();
        for li in (r.first..=r.last).rev() {
            let mut before = out[li].len();
            while let Some(c) = cell {
                let Some(at) = rfind_cell(&out[li], c.trim(), before) else {
                    break;
                };
                let line = out[li].clone();
                if let Some(new) = f(c.trim(), (li, &line), rng) {
                    out[li].replace_range(at..at + c.trim().len(), &new);
                }
                before = at;
                cell = cells.next();
            }
        }
    }
    out
}

/// An OCR engine's digit confusions: in about one number cell in six, one digit
/// printed as the letter it looks like (`1O5`, `l2`, `2O`, `S`, `B0`, `Z1`, `〇`).
pub fn ocr_digits(src: &str, rng: &mut Rand) -> String {
    join(each_number(src, rng, |cell, (_, line), rng| {
        if !rng.gen_ratio(1, 6) {
            return None;
        }
        misread(cell, line.contains('|'), rng)
    }))
}

/// Wraps `s` in one of the emphasis marks markdown writers use.
fn emphasise(s: &str, rng: &mut Rand) -> String {
    let m = ["**", "*", "__", "_"][rng.gen_range(0..4)];
    format!("{m}{s}{m}")
}

/// A language-model or HTML-to-markdown rewrite: the total rows in bold (one text
/// in two), some other numbers and labels bold or italic (`**12**`,
/// `*（一）予以公开*`, `__3__`), a few numbers padded with `&nbsp;` (or, in a pipe
/// table, followed by `<br>`), labels indented with `&#12288;` or `&nbsp;` or broken
/// by a `<br>`, and section headings in bold.
pub fn md_emphasis(src: &str, rng: &mut Rand) -> String {
    let bold_totals = rng.gen_bool(0.5);
    let totals: std::collections::BTreeSet<usize> = {
        let lines: Vec<&str> = src.lines().collect();
        blocks(&lines)
            .into_iter()
            .filter_map(|b| match b {
                Block::Row(r) if r.label.as_deref().is_some_and(|l| l.contains("总计")) => {
                    Some(r.first)
                }
                _ => None,
            })
            .collect()
    };
    let mut out = each_number(src, rng, |cell, (li, line), rng| {
        if bold_totals && totals.contains(&li) {
            return Some(format!("**{cell}**"));
        }
        match rng.gen_range(0..20) {
            0 | 1 => Some(emphasise(cell, rng)),
            2 => Some(format!("&nbsp;{cell}")),
            3 => Some(format!("{cell}&nbsp;")),
            4 if line.contains('|') => Some(format!("{cell}<br>")),
            _ => None,
        }
    });
    let lines: Vec<String> = out.clone();
    let refs: Vec<&str> = lines.iter().map(|s| s.as_str()).collect();
    for b in blocks(&refs) {
        match b {
            Block::Row(r) => {
                let Some(label) = r.label.as_deref().map(str::trim) else {
                    continue;
                };
                if label.is_empty() || !out[r.first].contains(label) {
                    continue;
                }
                let new = if bold_totals && label.contains("总计") {
                    format!("**{label}**")
                } else {
                    decorate_label(label, rng)
                };
                out[r.first] = out[r.first].replacen(label, &new, 1);
            }
            Block::Text(i) => {
                let t = out[i].trim();
                let heading = t.chars().count() <= 40
                    && (["一、", "二、", "三、", "四、", "五、", "六、", "（", "("]
                        .iter()
                        .any(|p| t.trim_start_matches(['#', ' ']).starts_with(p)));
                if heading && rng.gen_bool(0.5) {
                    let body = t.trim_start_matches(['#', ' ']);
                    let hashes = &t[..t.len() - body.len()];
                    out[i] = format!("{hashes}**{body}**");
                }
            }
        }
    }
    join(out)
}

/// A row label bold or italic, indented by entities, or broken by a `<br>`.
fn decorate_label(label: &str, rng: &mut Rand) -> String {
    let mut s = label.to_string();
    if rng.gen_ratio(1, 6) {
        let cs: Vec<char> = s.chars().collect();
        if cs.len() > 3 {
            let k = rng.gen_range(2..cs.len() - 1);
            // Between two Chinese characters: a label wrapped in its cell.
            let cjk = |c: char| !c.is_ascii() && c.is_alphabetic();
            if cjk(cs[k - 1]) && cjk(cs[k]) {
                s = format!(
                    "{}<br>{}",
                    cs[..k].iter().collect::<String>(),
                    cs[k..].iter().collect::<String>()
                );
            }
        }
    }
    if rng.gen_ratio(1, 5) {
        s = emphasise(&s, rng);
    }
    match rng.gen_range(0..8) {
        0 => format!("&#12288;&#12288;{s}"),
        1 => format!("&nbsp;&nbsp;{s}"),
        _ => s,
    }
}

/// Section 三's rows, when a text prints them all as rows of seven cells: 25 rows
/// (the 2021 template) or 23 (the 2019 template, one row `（六）其他处理`).
fn section_three(bl: &[Block]) -> Option<Vec<&Row>> {
    let rows: Vec<&Row> = bl
        .iter()
        .filter_map(|b| match b {
            Block::Row(r) if r.cells.len() == 7 => Some(r),
            _ => None,
        })
        .collect();
    matches!(rows.len(), 23 | 25).then_some(rows)
}

const GROUP_RESULTS: &str = "三、本年度办理结果";

/// The label columns of section 三's row `k` of `n` (23 or 25) as the official
/// table merges them: (first column, second column), `None` where the row's own
/// label spans the column.
fn three_groups(k: usize, n: usize) -> (Option<&'static str>, Option<&'static str>) {
    let sub = |k: usize| -> Option<&'static str> {
        match k {
            4..=11 => Some("（三）不予公开"),
            12..=14 => Some("（四）无法提供"),
            15..=19 => Some("（五）不予处理"),
            20..=22 if n == 25 => Some("（六）其他处理"),
            _ => None,
        }
    };
    match k {
        0 | 1 => (None, None),
        k if k + 1 == n => (None, None),
        k => (Some(GROUP_RESULTS), sub(k)),
    }
}

/// The leaf of a row label: the last of its cells when the row's separator keeps
/// cells apart, else the whole label.
fn leaf(r: &Row) -> String {
    let l = r.label.clone().unwrap_or_default();
    if r.sep.trim().is_empty() && r.sep.len() < 2 {
        return l;
    }
    l.split(r.sep)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .last()
        .unwrap_or("")
        .to_string()
}

/// The labels of section 三's rows in the 2021 template (the 2019 one prints the
/// three rows of （六） as one, `（六）其他处理`).
const THREE_ROWS: &[&str] = &[
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
];

/// Row `k` of section 三's `n` rows: its own label's leaf, or the template's label
/// when the text printed it away from its numbers.
fn three_label(r: &Row, k: usize, n: usize) -> String {
    let own = leaf(r);
    if !own.is_empty() {
        return own;
    }
    let t = if n == 23 && k == 20 {
        "（六）其他处理"
    } else if n == 23 && k > 20 {
        THREE_ROWS[k + 2]
    } else {
        THREE_ROWS[k]
    };
    t.to_string()
}

const APPLICANTS: &[&str] = &[
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

const NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

fn md_row(cells: &[String]) -> String {
    format!("| {} |", cells.join(" | "))
}

/// Whether a text line between two rows of one table is part of the table (a
/// heading or label piece, a markdown rule or header, a page marker): short, and
/// no narrative.
fn inside_table(line: &str) -> bool {
    line.chars().count() <= 80
}

/// A PDF-to-markdown tool that repeats a merged cell's text in every cell it
/// covers (docling, marker, MinerU): section 三 as one markdown table with three
/// label columns (`| 三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密 | 0 | …`,
/// `| 一、本年新收… | 一、本年新收… | 一、本年新收… | 705 | …`) under the official
/// header, its merged cells repeated (`| 申请人情况 | 申请人情况 | …`); section 四's
/// rows of fifteen under the three-line header, `行政复议` repeated five times; every
/// other run of rows a markdown table whose title line (`第二十条第（一）项`), when
/// one stands right above it, is repeated over the table's width.
pub fn docling_spans(src: &str, rng: &mut Rand) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let bl = blocks(&lines);
    let three = section_three(&bl);
    let (first3, last3) = match &three {
        Some(rows) => (rows[0].first, rows[rows.len() - 1].last),
        None => (usize::MAX, 0),
    };
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < bl.len() {
        match &bl[i] {
            Block::Row(r) if r.first == first3 => {
                let rows = three.as_deref().unwrap_or_default();
                let n = rows.len();
                let width = 3 + 7;
                let mut t: Vec<String> = Vec::new();
                let top = |cells: Vec<String>| {
                    let mut v = vec![NOTE.to_string(); 3];
                    v.extend(cells);
                    md_row(&v)
                };
                t.push(top(vec!["申请人情况".to_string(); 7]));
                t.push(format!("|{}", "---|".repeat(width)));
                let mut second: Vec<String> = vec!["自然人".into()];
                second.extend(vec!["法人或其他组织".to_string(); 5]);
                second.push("总计".into());
                t.push(top(second));
                t.push(top(APPLICANTS.iter().map(|s| s.to_string()).collect()));
                for (k, r) in rows.iter().enumerate() {
                    let own = three_label(r, k, n);
                    let (a, b) = three_groups(k, n);
                    let mut v = vec![
                        a.map_or(own.clone(), str::to_string),
                        b.map_or(own.clone(), str::to_string),
                        own,
                    ];
                    v.extend(r.cells.iter().cloned());
                    t.push(md_row(&v));
                }
                out.push(String::new());
                out.extend(t);
                out.push(String::new());
                // Skip to the block after the last row (lines between the rows are
                // pieces of the table: labels, headers, markers).
                while i < bl.len() {
                    let end = match &bl[i] {
                        Block::Row(r) => r.last,
                        Block::Text(k) => *k,
                    };
                    if end > last3 {
                        break;
                    }
                    if let Block::Text(k) = &bl[i] {
                        if !inside_table(lines[*k]) {
                            out.push(lines[*k].to_string());
                        }
                    }
                    i += 1;
                }
            }
            Block::Text(k) => {
                out.push(lines[*k].to_string());
                i += 1;
            }
            Block::Row(_) => {
                let mut run: Vec<&Row> = Vec::new();
                while i < bl.len() {
                    match &bl[i] {
                        Block::Row(r) if r.first != first3 => run.push(r),
                        Block::Text(k) if lines[*k].trim().is_empty() => {}
                        _ => break,
                    }
                    i += 1;
                }
                let n = run.iter().map(|r| r.cells.len()).max().unwrap_or(0);
                let labelled = run.iter().any(|r| r.label.is_some());
                let width = n + usize::from(labelled);
                // A title right above the run (`第二十条第（一）项`) spans the table.
                let title = out.iter().rposition(|l| !l.trim().is_empty()).filter(|&p| {
                    let t = out[p].trim();
                    t.contains("第二十条") && t.chars().count() <= 30
                });
                let mut t: Vec<String> = Vec::new();
                if n == 15 {
                    let mut h1 = vec!["行政复议".to_string(); 5];
                    h1.extend(vec!["行政诉讼".to_string(); 10]);
                    let five = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
                    let mut h2: Vec<String> = five.iter().map(|s| s.to_string()).collect();
                    h2.extend(vec!["未经复议直接起诉".to_string(); 5]);
                    h2.extend(vec!["复议后起诉".to_string(); 5]);
                    let h3: Vec<String> = five
                        .iter()
                        .cycle()
                        .take(15)
                        .map(|s| s.to_string())
                        .collect();
                    let pad = |mut v: Vec<String>| {
                        if labelled {
                            v.insert(0, String::new());
                        }
                        md_row(&v)
                    };
                    t.push(pad(h1));
                    t.push(format!("|{}", "---|".repeat(width)));
                    t.push(pad(h2));
                    t.push(pad(h3));
                } else if let Some(p) = title {
                    let text = out[p].trim().trim_start_matches(['#', ' ']).to_string();
                    out.remove(p);
                    t.push(md_row(&vec![text; width]));
                    t.push(format!("|{}", "---|".repeat(width)));
                } else {
                    let mut h: Vec<String> = Vec::new();
                    if labelled {
                        h.push("项目".into());
                    }
                    h.extend((1..=n).map(|j| format!("数据{j}")));
                    t.push(md_row(&h));
                    t.push(format!("|{}", "---|".repeat(width)));
                }
                for r in &run {
                    let mut v: Vec<String> = Vec::new();
                    if labelled {
                        v.push(r.label.clone().unwrap_or_default());
                    }
                    v.extend(r.cells.iter().cloned());
                    v.resize(width, String::new());
                    t.push(md_row(&v));
                }
                if rng.gen_ratio(1, 4) {
                    out.push(String::new());
                }
                out.push(String::new());
                out.extend(t);
                out.push(String::new());
            }
        }
    }
    join(out)
}

/// `lines` with section 三's `rows` (and the table lines among them) replaced by
/// `table`, set off by empty lines.
fn put_in_place_of(lines: &[&str], rows: &[&Row], mut table: Vec<String>) -> String {
    let (first, last) = (rows[0].first, rows[rows.len() - 1].last);
    let in_row: std::collections::BTreeSet<usize> =
        rows.iter().flat_map(|r| r.first..=r.last).collect();
    let mut out: Vec<String> = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        if k == first {
            out.push(String::new());
            out.append(&mut table);
            out.push(String::new());
        }
        if (first..=last).contains(&k) && (in_row.contains(&k) || inside_table(l)) {
            continue;
        }
        out.push(l.to_string());
    }
    join(out)
}

/// Section 三 rotated by a language model or a table tool: the applicant types down
/// the side, the rows of the template across (`| 申请人 | 本年新收 | 上年结转 | … |`,
/// then `| 自然人 | 705 | 36 | … |`), in markdown or with tabs. The other sections
/// stay as printed. The reader may read it only where the labels settle every
/// cell; nothing may come out wrong.
pub fn transposed(src: &str, rng: &mut Rand) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let bl = blocks(&lines);
    let Some(rows) = section_three(&bl) else {
        return src.to_string();
    };
    let md = rng.gen_bool(0.5);
    let mut head = vec!["申请人情况".to_string()];
    let n = rows.len();
    head.extend(rows.iter().enumerate().map(|(k, r)| three_label(r, k, n)));
    let mut t: Vec<Vec<String>> = vec![head];
    for (c, name) in APPLICANTS.iter().enumerate() {
        let mut v = vec![name.to_string()];
        v.extend(rows.iter().map(|r| r.cells[c].clone()));
        t.push(v);
    }
    let mut table: Vec<String> = Vec::new();
    for (k, v) in t.iter().enumerate() {
        if md {
            table.push(md_row(v));
            if k == 0 {
                table.push(format!("|{}", "---|".repeat(v.len())));
            }
        } else {
            table.push(v.join("\t"));
        }
    }
    put_in_place_of(&lines, &rows, table)
}

/// Section 三 with its applicant columns in another order, under one header line
/// that names them in that order (a language model or a spreadsheet user moved a
/// column: `| 申请人情况 | 总计 | 自然人 | … |`), as a markdown table, TAB rows,
/// CSV lines or cells parted by spaces (an empty cell printed `—` there, since
/// spaces cannot show it). Each number keeps its row; only the header tells its
/// column. The other sections stay as printed.
pub fn columns_moved(src: &str, rng: &mut Rand) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let bl = blocks(&lines);
    let Some(rows) = section_three(&bl) else {
        return src.to_string();
    };
    let mut perm: Vec<usize> = (0..APPLICANTS.len()).collect();
    while perm.iter().enumerate().all(|(i, &p)| i == p) {
        perm.shuffle(rng);
    }
    let style = rng.gen_range(0..4);
    let n = rows.len();
    let line_of = |cells: Vec<String>| -> String {
        match style {
            0 => md_row(&cells),
            1 => cells.join("\t"),
            2 => cells
                .iter()
                .map(|c| {
                    if c.contains(',') {
                        format!("\"{c}\"")
                    } else {
                        c.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(","),
            _ => cells
                .iter()
                .map(|c| {
                    if c.trim().is_empty() {
                        "—".to_string()
                    } else {
                        c.trim().to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("  "),
        }
    };
    let mut table: Vec<String> = Vec::new();
    let mut head = vec!["申请人情况".to_string()];
    head.extend(perm.iter().map(|&p| APPLICANTS[p].to_string()));
    let width = head.len();
    table.push(line_of(head));
    if style == 0 {
        table.push(format!("|{}", "---|".repeat(width)));
    }
    for (k, r) in rows.iter().enumerate() {
        let mut v = vec![three_label(r, k, n)];
        v.extend(perm.iter().map(|&p| r.cells[p].trim().to_string()));
        table.push(line_of(v));
    }
    put_in_place_of(&lines, &rows, table)
}

const FOUR_GROUPS: &[&str] = &[
    "行政复议",
    "行政诉讼（未经复议直接起诉）",
    "行政诉讼（复议后起诉）",
];
const FOUR_COLS: &[&str] = &["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/// A language model asked to turn the tables into a list: section 三 one line a
/// row, `- （一）予以公开：自然人14件，商业企业2件，…，总计21件`, its column named
/// before each number (parts parted by `，`, `、` or `；`, with or without a unit, the
/// lines marked `- `, `* `, `1. ` or not at all), and a row of section 四's fifteen
/// numbers as three such lines, one per row of its official form. A cell printed
/// empty is written as its column's name alone. The other sections stay as printed.
pub fn keyed_list(src: &str, rng: &mut Rand) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let bl = blocks(&lines);
    let sep = ["，", "、", "；"][rng.gen_range(0..3)];
    let unit = if rng.gen_bool(0.5) { "件" } else { "" };
    let mark = ["- ", "* ", "1. ", ""][rng.gen_range(0..4)];
    let part = |name: &str, cell: &str| {
        let c = cell.trim();
        let u = if c.bytes().all(|b| b.is_ascii_digit()) && !c.is_empty() {
            unit
        } else {
            ""
        };
        format!("{name}{c}{u}")
    };
    // Lines to replace: first line of a block → the lines written there; the other
    // lines of the block (and table lines between rows) are dropped.
    let mut put: std::collections::BTreeMap<usize, Vec<String>> = Default::default();
    let mut drop: std::collections::BTreeSet<usize> = Default::default();
    if let Some(rows) = section_three(&bl) {
        let n = rows.len();
        let (first, last) = (rows[0].first, rows[n - 1].last);
        for (k, r) in rows.iter().enumerate() {
            let parts: Vec<String> = APPLICANTS
                .iter()
                .zip(&r.cells)
                .map(|(a, c)| part(a, c))
                .collect();
            put.insert(
                r.first,
                vec![format!(
                    "{mark}{}：{}",
                    three_label(r, k, n),
                    parts.join(sep)
                )],
            );
            drop.extend(r.first + 1..=r.last);
        }
        let in_row: std::collections::BTreeSet<usize> =
            rows.iter().flat_map(|r| r.first..=r.last).collect();
        for (k, l) in lines.iter().enumerate().take(last + 1).skip(first) {
            if !in_row.contains(&k) && inside_table(l) {
                drop.insert(k);
            }
        }
    }
    // Section 四: its one row of fifteen numbers, after section 三's rows.
    let four = bl.iter().rev().find_map(|b| match b {
        Block::Row(r) if r.cells.len() == 15 => Some(r),
        _ => None,
    });
    if let Some(r) = four {
        let out: Vec<String> = FOUR_GROUPS
            .iter()
            .enumerate()
            .map(|(g, name)| {
                let parts: Vec<String> = FOUR_COLS
                    .iter()
                    .zip(&r.cells[g * 5..g * 5 + 5])
                    .map(|(a, c)| part(a, c))
                    .collect();
                format!("{mark}{name}：{}", parts.join(sep))
            })
            .collect();
        put.insert(r.first, out);
        drop.extend(r.first + 1..=r.last);
    }
    let mut out: Vec<String> = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        if let Some(v) = put.remove(&k) {
            out.extend(v);
        } else if !drop.contains(&k) {
            out.push(l.to_string());
        }
    }
    join(out)
}
