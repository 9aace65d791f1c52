//! Table sections found by their content: a table whose heading is missing or
//! garbled beyond recognition, or the three tables appended after the narrative
//! (numbered 一/二/三 there), is found by the labels only that table has.
//!
//! A section found so starts at the line of its first such label and ends where
//! the next section starts, like any other: it never takes the lines of another
//! section's table, and the section that held it no longer reads it.

use crate::grammar::normalize::fold;
use crate::parse::lines::LineIndex;
use crate::parse::sections::Heading;

/// Labels that only the table of section 2, 3 or 4 prints (folded;
/// `anchors` in grammars/common.toml).
fn anchors(n: u8) -> &'static [String] {
    &crate::grammar::common().section(n.clamp(2, 4)).anchors
}

/// A table section found by its labels: the section, and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub number: u8,
    pub line: u32,
    /// Whether a heading of this number was found whose body holds no table.
    pub moved: bool,
}

/// Adds a heading for each table section (2, 3, 4) that has none, or whose body
/// holds none of its table's labels while text after all headings does, at the
/// first line that prints one of those labels. `headings` stays in text order;
/// added headings have an empty `text`.
pub fn add_table_sections(text: &str, li: &LineIndex, headings: &mut Vec<Heading>) -> Vec<Found> {
    let mut found = Vec::new();
    // Cheap first: a report whose table sections all hold their labels needs
    // nothing more.
    for n in 2..=4u8 {
        let own = headings
            .iter()
            .position(|h| h.number == n && !h.text.is_empty());
        let (from, to, moved) = match own {
            Some(i) => {
                let body = headings[i].body;
                let end = headings.get(i + 1).map_or(text.len(), |h| h.start);
                // A body that prints numbers holds its table (or a table the
                // per-layout reader will say it cannot read): nothing to move.
                let region = &text[body..end];
                if has_anchor_raw(region, n)
                    || region.bytes().filter(u8::is_ascii_digit).count() >= 12
                    || has_anchor(region, n)
                {
                    continue;
                }
                // The tables may stand after the last section's heading.
                let last = headings.last().map_or(0, |h| h.body);
                if last <= body {
                    continue;
                }
                (last, text.len(), true)
            }
            None => {
                let from = headings
                    .iter()
                    .filter(|h| h.number < n)
                    .map(|h| h.body)
                    .max()
                    .unwrap_or(0);
                let to = headings
                    .iter()
                    .filter(|h| h.number > n && h.start >= from)
                    .map(|h| h.start)
                    .min()
                    .unwrap_or(text.len());
                (from, to, false)
            }
        };
        let mut at = (from < to)
            .then(|| first_anchor_line(text, li, from, to, n))
            .flatten();
        let mut moved = moved;
        if at.is_none() && own.is_none() {
            // Not where the heading would be: the tables may be appended after the
            // narrative, numbered afresh (`一、主动公开政府信息情况`).
            let last = headings.iter().map(|h| h.body).max().unwrap_or(0);
            if last > from {
                at = first_anchor_line(text, li, last, text.len(), n);
                moved = at.is_some();
            }
        }
        let Some(at) = at else {
            continue;
        };
        let line = li.line_of(at);
        let h = Heading {
            number: n,
            text: String::new(),
            line,
            start: at,
            body: at,
            by_likeness: false,
        };
        let pos = headings.partition_point(|x| x.start <= at);
        headings.insert(pos, h);
        found.push(Found {
            number: n,
            line,
            moved,
        });
    }
    found
}

fn has_anchor_raw(region: &str, n: u8) -> bool {
    anchors(n).iter().any(|a| region.contains(a))
}

fn has_anchor(region: &str, n: u8) -> bool {
    // As printed first (almost every report); folded only when that fails.
    anchors(n).iter().any(|a| region.contains(a)) || {
        let f = fold(region);
        anchors(n).iter().any(|a| f.contains(a.as_str()))
    }
}

/// The start of the first line in `text[from..to]` that prints a label of table
/// `n`; moved up to a line just above that holds the section's `anchor_header`
/// (section 4: `行政复议`, its header).
fn first_anchor_line(text: &str, li: &LineIndex, from: usize, to: usize, n: u8) -> Option<usize> {
    let lines: Vec<(usize, &str)> = li.lines(text, from, to).collect();
    let has = |f: &str| anchors(n).iter().any(|a| f.contains(a.as_str()));
    // On its line, or cut by a wrap and ended on the next line (`申` / `请人情况`,
    // `一、本年新收政府信息公开申请` / `数量`).
    let k = lines.iter().enumerate().position(|(i, (_, l))| {
        let f = fold(l);
        has(&f)
            || lines.get(i + 1).is_some_and(|(_, next)| {
                let next = fold(next);
                !has(&next) && has(&format!("{}{}", f.trim_end(), next.trim_start()))
            })
    })?;
    let mut start = k;
    if let Some(header) = &crate::grammar::common().section(n).anchor_header {
        for j in (k.saturating_sub(6)..k).rev() {
            if fold(lines[j].1).contains(header.as_str()) {
                start = j;
            }
        }
    }
    // A line that is only a heading-like remainder of the previous line is no start.
    let (off, line) = lines[start];
    // Glued text that a wrap cut into lines: the section's own heading stands in
    // the middle of that line or of one of the two above (its end perhaps on the
    // next line), after the last cells of the section before, which stay there.
    let above = |d: usize| start.checked_sub(d).map(|j| lines[j]);
    for (o, l) in [Some((off, line)), above(1), above(2)]
        .into_iter()
        .flatten()
    {
        if let Some(p) = heading_mid_line(text, o, l, n) {
            return Some(p);
        }
    }
    // A whole report on one line (a crawler's `get_text(" ", strip=True)`): the
    // section starts where its label stands, not at the line's start, which may be
    // the start of the report.
    let whole = text[..off].rfind('\n').map_or(0, |i| i + 1)
        ..text[off..].find('\n').map_or(text.len(), |i| off + i);
    if whole.len() > LONG_LINE {
        if let Some(p) = anchor_in_line(line, n) {
            return Some(off + p);
        }
    }
    Some(off + (line.len() - line.trim_start().len()))
}

/// A line longer than this (bytes) holds more than a table's row: a section found
/// by its labels starts at them, not at the line's start.
const LONG_LINE: usize = 600;

/// Where in `line` section `n`'s table starts: its first label as printed, or the
/// section's `anchor_header` (`行政复议`) printed shortly before it.
fn anchor_in_line(line: &str, n: u8) -> Option<usize> {
    let at = anchors(n)
        .iter()
        .filter_map(|a| line.find(a.as_str()))
        .min()?;
    let header = crate::grammar::common().section(n).anchor_header.as_deref();
    let before = header
        .and_then(|h| line[..at].rfind(h))
        .filter(|&h| at - h <= 300);
    Some(before.unwrap_or(at))
}

/// Whether `before` ends with the cells of glued text: ASCII digits, perhaps a
/// unit and spaces after them. Only then is a heading in the middle of the line
/// the start of the section: digits the glued reader does not split (full-width
/// ones) stay with the line's start, as in unwrapped text they stay with their
/// label.
fn after_glued_cells(before: &str) -> bool {
    let t = before.trim_end();
    let t = ["万元", "元", "件", "项"]
        .iter()
        .find_map(|u| t.strip_suffix(u))
        .unwrap_or(t);
    t.ends_with(|c: char| c.is_ascii_digit())
}

/// How many characters of a canonical heading must follow for a heading found in
/// the middle of a line (its numeral and `、` count): `四、政府信息公开` is section
/// 四's heading, `四、结转下年度…` (a row of section 三) is not.
const MID_LINE_HEADING: usize = 8;

/// The offset of section `n`'s canonical heading printed in the middle of `line`
/// (at `off`), its first [`MID_LINE_HEADING`] characters matched, a line break
/// among them passed over.
fn heading_mid_line(text: &str, off: usize, line: &str, n: u8) -> Option<usize> {
    let heading: Vec<char> = crate::grammar::common()
        .section(n)
        .heading
        .chars()
        .take(MID_LINE_HEADING)
        .collect();
    let first = *heading.first()?;
    let lead = line.len() - line.trim_start().len();
    for (i, c) in line.char_indices() {
        if c != first || i <= lead || !after_glued_cells(&line[..i]) {
            continue;
        }
        let mut want = heading.iter();
        let mut breaks = 0;
        let mut rest = text.get(off + i..)?.chars();
        let matched = loop {
            let Some(&w) = want.next() else {
                break true;
            };
            let mut got = rest.next();
            while got == Some('\n') && breaks == 0 {
                breaks += 1;
                got = rest.next();
            }
            if got != Some(w) {
                break false;
            }
        };
        if matched {
            return Some(off + i);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::sections::find_headings;

    fn added(t: &str) -> Vec<(u8, u32, bool)> {
        let li = LineIndex::new(t);
        let mut h = find_headings(t, &li).headings;
        add_table_sections(t, &li, &mut h)
            .into_iter()
            .map(|f| (f.number, f.line, f.moved))
            .collect()
    }

    #[test]
    fn a_table_without_its_heading_is_found_by_its_labels() {
        let t = "一、总体情况\n正文\n二、主动公开政府信息情况\n第二十条第（一）项\n规章 0 0 0\n三、收到和处理政府信息公开申请情况\n申请人情况\n（七）总计 1 0 0 0 0 0 1\n四、政府信息公开工作情况\n行政复议\n结果维持 结果纠正\n1 0 0 0 1\n五、存在的主要问题及改进情况\n";
        // 四's heading is garbled past recognition: its table starts at 行政复议.
        assert_eq!(added(t), vec![(4, 10, false)]);
        let full = "一、总体情况\n二、主动公开政府信息情况\n第二十条第（一）项\n三、收到和处理政府信息公开申请情况\n申请人情况\n四、政府信息公开行政复议、行政诉讼情况\n结果维持\n";
        assert_eq!(added(full), vec![]);
    }

    #[test]
    fn a_label_a_wrap_cut_finds_its_table() {
        // 三's heading lost; its labels wrapped (`申` / `请人情况`).
        let t = "一、总体情况\n二、主动公开政府信息情况\n第二十条第（一）项\n规章 0 0 0\n（表三）\n      申\n请人情况\n一、本年新收政府信息公开申请\n数量 1 0 0 0 0 0 1\n";
        assert_eq!(added(t), vec![(3, 6, false)]);
        let t = "一、总体情况\n二、主动公开政府信息情况\n第二十条第（一）项\n规章 0 0 0\n（表三）\n一、本年新收政府信息公开申请\n数量 1 0 0 0 0 0 1\n";
        assert_eq!(added(t), vec![(3, 6, false)]);
        // A line that holds the label whole starts the table, not the line above.
        let t = "一、总体情况\n二、主动公开政府信息情况\n第二十条第（一）项\n规章 0 0 0\n（表三）\n申请人情况\n";
        assert_eq!(added(t), vec![(3, 6, false)]);
    }

    #[test]
    fn a_wrapped_glued_heading_is_found_in_the_middle_of_its_line() {
        let t = "一、总体情况\n二、主动公开政府信息情况\n第二十条第（一）项规章000\n三、收到和处理政府信息公开申请情况\n（七）总计1000001四、结转下年度继续办理1000001 四、政府信息公开行政复议、行政诉\n讼情况 行政复议结果维持00000\n";
        let li = LineIndex::new(t);
        let mut h = find_headings(t, &li).headings;
        let found = add_table_sections(t, &li, &mut h);
        assert_eq!(
            found,
            vec![Found {
                number: 4,
                line: 5,
                moved: false
            }]
        );
        let four = h.iter().find(|h| h.number == 4).map(|h| h.start);
        let want = t.find("四、政府信息公开").expect("heading");
        assert_eq!(four, Some(want));
        // The heading cut after its first characters is found on the line above.
        let cut = "x1 四、政府信\n息公开行政复议";
        assert_eq!(heading_mid_line(cut, 0, "x1 四、政府信", 4), Some(3));
        // Not after digits the glued reader does not split (full-width ones).
        let wide = "总计２３四、政府信息公开行政复议";
        assert_eq!(heading_mid_line(wide, 0, wide, 4), None);
        assert!(after_glued_cells("采购13575394432.52元"));
        assert!(!after_glued_cells("采购１３５.５２元"));
        // A row of section 三 that starts with 四、 is no heading of 四.
        assert_eq!(
            heading_mid_line("1 四、结转下年度继续办理", 0, "1 四、结转下年度继续办理", 4),
            None
        );
    }

    #[test]
    fn tables_appended_after_the_narrative() {
        let t = "一、总体情况\n正文\n二、主动公开政府信息情况\n见附表。\n三、收到和处理政府信息公开申请情况\n见附表。\n四、政府信息公开行政复议、行政诉讼情况\n见附表。\n五、存在的主要问题及改进情况\n正文\n六、其他需要报告的事项\n无。\n附表\n一、主动公开政府信息情况\n第二十条第（一）项\n二、收到和处理政府信息公开申请情况\n申请人情况\n三、行政复议、行政诉讼情况\n行政复议\n结果维持\n";
        // 四 starts at its own title line, the 行政复议 just above its labels.
        assert_eq!(added(t), vec![(2, 15, true), (3, 17, true), (4, 18, true)]);
    }

    #[test]
    fn tables_appended_after_the_narrative_of_a_report_on_one_line() {
        // A page's text joined by spaces (`get_text(" ", strip=True)`): each table
        // starts at its label in the line, not at the line's start.
        let filler = "本段为正文叙述内容，说明本年度政府信息公开工作的开展情况。".repeat(8);
        let t = format!("某镇2024年政府信息公开工作年度报告 一、总体情况 {filler} 二、主动公开政府信息情况 见附表。 三、收到和处理政府信息公开申请情况 见附表。 四、政府信息公开行政复议、行政诉讼情况 见附表。 五、存在的主要问题及改进情况 正文 六、其他需要报告的事项 无。 附表 一、主动公开政府信息情况 第二十条第（一）项 规章 1 2 3 二、收到和处理政府信息公开申请情况 （本列数据的勾稽关系） 申请人情况 自然人 三、行政复议、行政诉讼情况 行政复议 行政诉讼 结果维持 尚未审结 0 1 2 0 3\n");
        let li = LineIndex::new(&t);
        let mut h = find_headings(&t, &li).headings;
        let found = add_table_sections(&t, &li, &mut h);
        assert_eq!(
            found
                .iter()
                .map(|f| (f.number, f.moved))
                .collect::<Vec<_>>(),
            vec![(2, true), (3, true), (4, true)]
        );
        let start = |n: u8| {
            h.iter()
                .find(|h| h.number == n && h.text.is_empty())
                .map(|h| h.start)
        };
        assert_eq!(start(2), t.find("第二十条第"));
        assert_eq!(start(3), t.find("申请人情况"));
        assert_eq!(start(4), t.find("行政复议 行政诉讼"));
    }
}
