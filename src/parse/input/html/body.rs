//! The article body (the smallest element holding the section headings and tables)
//! rendered as the page's text, and the information table (issuer, date).

use super::*;

impl Builder {
    /// The article body as text.
    pub(super) fn render(self) -> Page {
        let blocks = &self.blocks;
        let info = read_info(blocks);
        let para = |i: usize| {
            let b = &blocks[i];
            (b.kind == Kind::Para)
                .then(|| b.pieces.first().map(|p| p.0.as_str()))
                .flatten()
        };
        let heading = |i: usize| para(i).and_then(heading_number);
        let first = (0..blocks.len())
            .find(|&i| heading(i) == Some(1))
            .or_else(|| (0..blocks.len()).find(|&i| heading(i).is_some()))
            .or_else(|| (0..blocks.len()).find(|&i| blocks[i].kind == Kind::Row(true)));
        let mut range = 0..blocks.len();
        if let Some(first) = first {
            let last = (first..blocks.len())
                .rev()
                .find(|&i| heading(i).is_some() || blocks[i].kind == Kind::Row(true))
                .unwrap_or(first);
            if let Some(&(s, e)) = self
                .spans
                .iter()
                .filter(|&&(s, e)| s <= first && e > last)
                .min_by_key(|&&(s, e)| (e - s, std::cmp::Reverse(s)))
            {
                range = s..e;
            }
        }
        // A title names the report and is no sentence (the preamble names the
        // report's format too).
        let is_title = |t: &str| {
            crate::parse::meta::names_annual_report(t)
                && t.chars().count() <= 80
                && !t.contains(['，', '。', '《'])
        };
        let names = |i: usize| para(i).is_some_and(is_title);
        let head_end = first.unwrap_or(range.end).max(range.start);
        let mut title: Option<(String, u32)> = None;
        if !(range.start..head_end).any(names) {
            title = (0..range.start)
                .rev()
                .find(|&i| names(i))
                .and_then(|i| blocks[i].pieces.first().cloned())
                .or_else(|| {
                    let t = self.title.s.trim();
                    is_title(t).then(|| (t.to_string(), self.title.line))
                });
        }
        let body_images = self
            .images
            .iter()
            .filter(|&&i| range.contains(&i) || i == range.end)
            .count();
        let number_tables = blocks[range.clone()]
            .windows(2)
            .filter(|w| w[0].kind == Kind::Row(true) && w[1].kind == Kind::Gap)
            .count();
        let mut page = Page {
            attachments: self.attachments.clone(),
            notes: self.notes.clone(),
            info,
            number_tables,
            body_images,
            ..Page::default()
        };
        let mut text = String::new();
        let mut origins = Vec::new();
        let mut push_line = |pieces: &[(String, u32)], text: &mut String| {
            for (k, (s, line)) in pieces.iter().enumerate() {
                if k > 0 {
                    text.push('\t');
                }
                origins.push((text.len() as u32, *line));
                text.push_str(s);
            }
            text.push('\n');
        };
        if let Some(t) = &title {
            push_line(std::slice::from_ref(t), &mut text);
        }
        let mut last_line = title.as_ref().map_or(1, |t| t.1);
        for b in &blocks[range] {
            match b.kind {
                Kind::Gap => {
                    push_line(&[(String::new(), last_line)], &mut text);
                }
                _ => {
                    push_line(&b.pieces, &mut text);
                    last_line = b.pieces.last().map_or(last_line, |p| p.1);
                }
            }
        }
        page.text = text;
        page.origins = origins;
        page
    }
}

/// `一、总体情况` → 1 (also `一 、`, `一.`).
fn heading_number(s: &str) -> Option<u8> {
    let mut it = s.trim_start().chars();
    let n = match it.next()? {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        _ => return None,
    };
    let next = it.find(|c| !matches!(c, ' ' | '\u{3000}'))?;
    matches!(next, '、' | '.' | '．' | '，').then_some(n)
}

/// Keys of the information table.
const ISSUER_KEYS: &[&str] = &["发布机构", "发文机关", "发布单位", "发文单位", "制发机关"];
const DATE_KEYS: &[&str] = &["发布日期", "公开日期", "发布时间"];

/// The issuer and publication date the information table gives: in a table, a label
/// cell followed by its value cell (or `label：value` in one cell); in text,
/// `label：value` pairs on one line.
fn read_info(blocks: &[Block]) -> Info {
    fn take(info: &mut Info, key: &str, value: &str, line: u32) {
        let value = value.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        if value.is_empty() {
            return;
        }
        if info.issuer.is_none() && ISSUER_KEYS.contains(&key) {
            info.issuer = Some((value.to_string(), line));
        } else if info.published.is_none() && DATE_KEYS.contains(&key) {
            if let Some(d) = parse_date(value) {
                info.published = Some((d, line));
            }
        }
    }
    let mut info = Info::default();
    for b in blocks {
        if b.kind == Kind::Gap {
            continue;
        }
        if info.issuer.is_some() && info.published.is_some() {
            break;
        }
        let mut k = 0;
        while k < b.pieces.len() {
            let (s, line) = &b.pieces[k];
            // Every key starts with one of these: most pieces are passed at once.
            if !s.contains(['发', '公', '制']) {
                k += 1;
                continue;
            }
            let squeezed: String = s.chars().filter(|c| !is_space(*c)).collect();
            let bare = squeezed.trim_end_matches([':', '：']);
            if ISSUER_KEYS.contains(&bare) || DATE_KEYS.contains(&bare) {
                if let Some((v, vl)) = b.pieces.get(k + 1) {
                    take(&mut info, bare, v, *vl);
                    k += 2;
                    continue;
                }
            }
            for (key, value) in pairs(&squeezed) {
                take(&mut info, key, value, *line);
            }
            k += 1;
        }
    }
    info
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}'
}

/// `发布机构：某局发布日期：2021-01-20` → each known key with the text up to the next
/// known key.
pub(super) fn pairs(s: &str) -> Vec<(&'static str, &str)> {
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    for &k in ISSUER_KEYS.iter().chain(DATE_KEYS) {
        let mut from = 0;
        while let Some(i) = s[from..].find(k) {
            let at = from + i;
            let after = &s[at + k.len()..];
            if let Some(rest) = after.strip_prefix('：').or_else(|| after.strip_prefix(':')) {
                found.push((at, s.len() - rest.len(), k));
            }
            from = at + k.len();
        }
    }
    found.sort();
    let mut out = Vec::new();
    for (i, &(_, vstart, k)) in found.iter().enumerate() {
        let vend = found.get(i + 1).map_or(s.len(), |n| n.0).max(vstart);
        out.push((k, &s[vstart..vend]));
    }
    out
}

/// `2021-01-20`, `2021/1/20`, `2021年1月20日`, `2021.01.20`, a time after it allowed.
pub(super) fn parse_date(s: &str) -> Option<(u16, u8, u8)> {
    let mut nums = [0u32; 3];
    let mut k = 0;
    let mut digits = 0;
    for c in s.chars() {
        if let Some(d) = c.to_digit(10) {
            if c.is_ascii_digit() {
                nums[k] = nums[k] * 10 + d;
                digits += 1;
                if (k == 0 && digits > 4) || (k > 0 && digits > 2) {
                    return None;
                }
                continue;
            }
        }
        if digits == 0 {
            return None;
        }
        if k == 2 {
            break;
        }
        if !matches!(c, '-' | '/' | '.' | '年' | '月') {
            return None;
        }
        k += 1;
        digits = 0;
    }
    if k < 2 || (k == 2 && digits == 0) {
        return None;
    }
    let (y, m, d) = (nums[0], nums[1], nums[2]);
    ((1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then_some((y as u16, m as u8, d as u8))
}
