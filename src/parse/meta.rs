//! Report metadata: the year, the organ named in the title, the signing body and
//! date at the end (format-spec §9).

use crate::parse::lines::lines_in;
use regex::Regex;
use std::sync::OnceLock;

pub use crate::model::meta::{Meta, YearSource};

fn title_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"政府信息公[开開](?:工作)?(?:年度)?(?:工作)?[报報]告").expect("static regex")
    })
}

/// Whether `line` names an annual report the way titles do
/// (`…政府信息公开工作年度报告`).
pub fn names_annual_report(line: &str) -> bool {
    title_re().is_match(line)
}

fn year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(20\d{2})\s*年度?").expect("static regex"))
}

fn year_space_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(20\d{2})\s+年").expect("static regex"))
}

fn period_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(20\d{2})\s*年?\s*0?1\s*月\s*0?1\s*日").expect("static regex"))
}

fn date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$").expect("static regex")
    })
}

fn cn_date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^([〇零一二三四五六七八九○]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
            .expect("static regex")
    })
}

/// Reads the metadata. `first_heading` is the offset of heading 一 (or of the first
/// heading found); `last_section_body` the offset where the last section's text
/// starts, so the signature is searched only after it.
pub fn read_meta(text: &str, first_heading: Option<usize>, last_section_body: usize) -> Meta {
    let mut m = Meta::default();
    // The first 4 KiB when no heading marks the end of the head, cut back to a
    // character boundary: a long first line of Chinese text has one every 3 bytes.
    let head_end = first_heading.unwrap_or_else(|| floor_char_boundary(text, 4096));
    title(text, head_end, &mut m);
    if m.year.is_none() {
        let scan = &text[..floor_char_boundary(text, head_end.max(4096))];
        if let Some(c) = period_re().captures(scan) {
            m.year = c[1].parse().ok();
            m.year_source = YearSource::Period;
        }
    }
    signature(text, last_section_body, &mut m);
    if m.year.is_none() {
        if let Some((y, mo, _)) = m.report_date {
            // Reports are signed at the end of the year or early in the next.
            m.year = Some(if mo == 12 { y } else { y - 1 });
            m.year_source = YearSource::Date;
        }
    }
    m
}

/// The largest char boundary of `text` at or before `i`.
fn floor_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `二〇二四年` → `2024年`: a year in Chinese numerals, as some titles print it,
/// in digits (the title's other words stay).
fn year_in_digits(t: &str) -> std::borrow::Cow<'_, str> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"二[〇零○Ｏ][〇零○Ｏ一二三四五六七八九]{2}(\s*年)").expect("static regex")
    });
    if !t.contains('二') {
        return std::borrow::Cow::Borrowed(t);
    }
    re.replace_all(t, |c: &regex::Captures| {
        let digits: String = c[0]
            .chars()
            .take(4)
            .map(|ch| match ch {
                '〇' | '零' | '○' | 'Ｏ' => '0',
                d => cn_digit(d).map_or('?', |n| char::from(b'0' + n)),
            })
            .collect();
        format!("{digits}{}", &c[1])
    })
}

fn title(text: &str, head_end: usize, m: &mut Meta) {
    let mut prev: Option<std::borrow::Cow<'_, str>> = None;
    let mut prev2: Option<std::borrow::Cow<'_, str>> = None;
    for (off, line) in lines_in(text, 0, head_end.min(text.len())) {
        // Markdown heading and emphasis marks are no part of a title.
        // A title in book-title marks (`《…年度报告》`) is the title.
        let line = year_in_digits(
            line.trim()
                .trim_start_matches('#')
                .trim_matches('*')
                .trim()
                .trim_start_matches('《')
                .trim_end_matches('》'),
        );
        let t: &str = &line;
        if t.is_empty() {
            continue;
        }
        if let Some(found) = title_re().find(t) {
            // The title starts the line (after a label such as `标题:` or a crumb
            // trail), so take the last whitespace-free stretch before the match.
            // `2024 年` keeps its space; other whitespace ends a crumb or a label.
            let before = year_space_re().replace_all(&t[..found.start()], "${1}年");
            let mut parts = before
                .trim_end()
                .rsplit(|c: char| c.is_whitespace() || c == ':' || c == '：');
            let last = parts.next().unwrap_or("");
            // `沐阳县人民政府 2025年 政府信息公开…`: the organ stands before the year.
            let joined;
            let before = match parts.next() {
                Some(p) if is_year_only(last) && is_organ_line(p) => {
                    joined = format!("{p}{last}");
                    joined.as_str()
                }
                _ => last,
            };
            let is_title = !before.contains(['，', '。', '《', '》', ',', '(', '（'])
                && before.chars().count() <= 40
                && (t.chars().count() <= 80 || t.replace(' ', "").starts_with(before));
            if !is_title {
                prev2 = prev;
                prev = Some(line.clone());
                continue;
            }
            let (mut year, organ) = split_year(before);
            // `淮安市人民政府` / `2024 年度` / `政府信息公开工作年度报告`.
            let mut organ_line = prev.as_deref();
            if year.is_none() && before.is_empty() {
                if let Some(p) = prev.as_deref().filter(|p| is_year_only(p)) {
                    year = split_year(&year_space_re().replace_all(p, "${1}年")).0;
                    organ_line = prev2.as_deref();
                }
            }
            if year.is_some() {
                m.year = year;
                m.year_source = YearSource::Title;
            }
            let organ = match organ
                .map(|o| bare_organ(&o).to_string())
                .filter(|o| !o.is_empty())
            {
                Some(o) => Some(o),
                // `淮安市人民政府` / `2024 年政府信息公开工作年度报告`
                None => organ_line
                    .filter(|p| is_organ_line(p))
                    .map(|p| bare_organ(p).to_string()),
            };
            m.organ = organ;
            m.title_offset = Some(off);
            return;
        }
        prev2 = prev;
        prev = Some(line.clone());
    }
}

/// The organ without what titles print around it: brackets (`【淮安市人民政府】`)
/// and a trailing `关于` (`淮安市人民政府关于2024年…报告`).
fn bare_organ(o: &str) -> &str {
    let o = o.trim();
    let o = o.strip_suffix("关于").unwrap_or(o).trim_end();
    o.trim_start_matches(['【', '[', '「', '〔'])
        .trim_end_matches(['】', ']', '」', '〕'])
        .trim()
}

/// `2020年东新街道` → (2020, 东新街道); `东新街道2020年度` → (2020, 东新街道).
fn split_year(before: &str) -> (Option<u16>, Option<String>) {
    match year_re().find(before) {
        Some(y) => {
            let year = year_re()
                .captures(y.as_str())
                .and_then(|c| c[1].parse().ok());
            let organ = format!("{}{}", &before[..y.start()], &before[y.end()..]);
            let organ = organ.trim().to_string();
            (year, (!organ.is_empty()).then_some(organ))
        }
        None => {
            let o = before.trim();
            (None, (!o.is_empty()).then(|| o.to_string()))
        }
    }
}

/// `2024年`, `2024 年度`: a year and nothing else.
fn is_year_only(l: &str) -> bool {
    let t = l.trim();
    year_re()
        .find(t)
        .is_some_and(|y| y.start() == 0 && y.end() == t.len())
}

fn is_organ_line(l: &str) -> bool {
    let n = l.chars().count();
    (2..=40).contains(&n)
        && !l.contains(['，', '。', ',', ':', '：', '《'])
        && !l.chars().any(|c| c.is_ascii_digit())
}

fn signature(text: &str, from: usize, m: &mut Meta) {
    // The last few non-empty lines: `organ` then `date` (either may be missing).
    let lines: Vec<(usize, &str)> = lines_in(text, from.min(text.len()), text.len())
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let tail = &lines[lines.len().saturating_sub(6)..];
    for (i, &(off, line)) in tail.iter().enumerate().rev() {
        let t = line.trim();
        // `淮安市人民政府    2025年1月20日`: the organ and the date on one line, set
        // apart (two spaces or more, or an ideographic one), as a signature is.
        let apart = t
            .rfind(['\u{3000}'])
            .or_else(|| t.rfind("  "))
            .map(|k| (t[..k].trim(), t[k..].trim()));
        if let Some((organ, date)) = apart {
            let named = organ.chars().count() >= 4 && is_organ_line(organ);
            if let Some(d) = parse_date(date).filter(|_| named) {
                m.report_date = Some(d);
                m.issuer = Some(organ.to_string());
                m.signature_start = Some(off);
                return;
            }
        }
        if let Some(d) = parse_date(t) {
            m.report_date = Some(d);
            let mut start = off;
            if i > 0 {
                let (poff, p) = tail[i - 1];
                let p = p.trim();
                if is_organ_line(p) && !p.contains(['、', '.']) {
                    m.issuer = Some(p.to_string());
                    start = poff;
                }
            }
            m.signature_start = Some(start);
            return;
        }
    }
}

/// `2020年12月31日`, `二〇二一年一月二十日`, or the digits alone parted by one
/// mark (`2025-01-20`, `2025.1.20`, `2025/01/20`).
pub fn parse_date(t: &str) -> Option<(u16, u8, u8)> {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(c) = date_re().captures(&t) {
        let (y, mo, d) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
        return valid(y, mo, d);
    }
    if let Some(sep) = ['-', '.', '/']
        .into_iter()
        .find(|&s| t.get(4..5) == Some(s.encode_utf8(&mut [0; 4])))
    {
        let parts: Vec<&str> = t.split(sep).collect();
        let digits = |p: &str, most: usize| {
            (1..=most).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
        };
        if let [y, mo, d] = parts[..] {
            if digits(y, 4) && y.len() == 4 && y.starts_with("20") && digits(mo, 2) && digits(d, 2)
            {
                return valid(y.parse().ok()?, mo.parse().ok()?, d.parse().ok()?);
            }
        }
        return None;
    }
    let c = cn_date_re().captures(&t)?;
    let y: String = c[1]
        .chars()
        .map(|ch| match ch {
            '〇' | '零' | '○' => Some('0'),
            c => char::from_digit(cn_digit(c)? as u32, 10),
        })
        .collect::<Option<String>>()?;
    valid(y.parse().ok()?, cn_number(&c[2])?, cn_number(&c[3])?)
}

fn cn_digit(c: char) -> Option<u8> {
    "一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u8 + 1)
}

/// 一 … 三十一.
fn cn_number(s: &str) -> Option<u8> {
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        ['十'] => Some(10),
        ['十', u] => Some(10 + cn_digit(*u)?),
        [t, '十'] => Some(cn_digit(*t)? * 10),
        [t, '十', u] => Some(cn_digit(*t)? * 10 + cn_digit(*u)?),
        [u] => cn_digit(*u),
        _ => None,
    }
}

fn valid(y: u16, mo: u8, d: u8) -> Option<(u16, u8, u8)> {
    ((1..=12).contains(&mo) && (1..=31).contains(&d)).then_some((y, mo, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_year_first() {
        let t = "2020年东新街道政府信息公开工作年度报告\n一、总体情况\n";
        let m = read_meta(t, t.find("一、"), 0);
        assert_eq!(m.year, Some(2020));
        assert_eq!(m.organ.as_deref(), Some("东新街道"));
    }

    /// The organ and the date of a signature on one line, set apart.
    #[test]
    fn signature_on_one_line() {
        let t = "正文。\n\n淮安市人民政府    2025年1月20日\n";
        let m = read_meta(t, None, 0);
        assert_eq!(
            (m.issuer.as_deref(), m.report_date),
            (Some("淮安市人民政府"), Some((2025, 1, 20)))
        );
        // One space in a sentence: no signature's organ.
        let t = "正文。\n\n截至 2025年1月20日\n";
        let m = read_meta(t, None, 0);
        assert_eq!(m.issuer, None);
    }

    /// A year in Chinese numerals is the title's year, not its organ.
    #[test]
    fn title_year_in_chinese_numerals() {
        let t = "东新街道二〇二〇年度政府信息公开工作年度报告\n一、总体情况\n";
        let m = read_meta(t, t.find("一、"), 0);
        assert_eq!((m.year, m.organ.as_deref()), (Some(2020), Some("东新街道")));
        assert_eq!(m.year_source, YearSource::Title);
        let t = "淮安市人民政府\n二○二四年政府信息公开工作年度报告\n一、总体情况\n";
        let m = read_meta(t, t.find("一、"), 0);
        assert_eq!(
            (m.year, m.organ.as_deref()),
            (Some(2024), Some("淮安市人民政府"))
        );
        // Book-title marks, brackets and `关于` around the organ.
        for t in [
            "《淮安市人民政府2024年政府信息公开工作年度报告》\n一、总体情况\n",
            "【淮安市人民政府】2024年政府信息公开工作年度报告\n一、总体情况\n",
            "淮安市人民政府关于2024年政府信息公开工作年度报告\n一、总体情况\n",
            "【淮安市人民政府】\n2024年政府信息公开工作年度报告\n一、总体情况\n",
        ] {
            let m = read_meta(t, t.find("一、"), 0);
            assert_eq!(
                (m.year, m.organ.as_deref()),
                (Some(2024), Some("淮安市人民政府")),
                "{t}"
            );
        }
        // Other numerals stay words.
        assert_eq!(year_in_digits("二十二年"), "二十二年");
    }

    #[test]
    fn title_organ_first_and_crumbs() {
        let t = "当前位置： 首页 平潭综合实验区2021年度政府信息公开工作年度报告本段\n";
        let m = read_meta(t, None, t.len());
        assert_eq!(
            (m.year, m.organ.as_deref()),
            (Some(2021), Some("平潭综合实验区"))
        );
    }

    #[test]
    fn markdown_title_with_spaced_year() {
        let t = "# 沐阳县人民政府 2025 年 政府信息公开工作年度报告\n\n正文\n";
        let m = read_meta(t, None, t.len());
        assert_eq!(
            (m.year, m.organ.as_deref(), m.year_source),
            (Some(2025), Some("沐阳县人民政府"), YearSource::Title)
        );
    }

    #[test]
    fn organ_year_and_title_on_three_lines() {
        let t = "某县人民政府\n2024 年度\n政府信息公开工作年度报告\n正文\n";
        let m = read_meta(t, None, t.len());
        assert_eq!(
            (m.year, m.organ.as_deref()),
            (Some(2024), Some("某县人民政府"))
        );
    }

    #[test]
    fn organ_on_line_above() {
        let t = "            淮安市人民政府\n     2024 年政府信息公开工作年度报告\n";
        let m = read_meta(t, None, t.len());
        assert_eq!(
            (m.year, m.organ.as_deref()),
            (Some(2024), Some("淮安市人民政府"))
        );
    }

    #[test]
    fn year_from_period_when_no_title() {
        let t = "根据《条例》,编制我单位2021年政府信息公开工作年度报告。本年报中所列数据的统计期限从2021年1月1日起至2021年12月31日止。\n一、总体情况\n";
        let m = read_meta(t, t.find("一、"), t.len());
        assert_eq!(
            (m.year, m.organ, m.year_source),
            (Some(2021), None, YearSource::Period)
        );
    }

    #[test]
    fn signature_block() {
        let t = "六、其他需要报告的事项\n无。\n\n      杭州市下城区人民政府东新街道办事处\n\n     2020年12月31日\n";
        let m = read_meta(t, None, 0);
        assert_eq!(
            m.issuer.as_deref(),
            Some("杭州市下城区人民政府东新街道办事处")
        );
        assert_eq!(m.report_date, Some((2020, 12, 31)));
    }

    #[test]
    fn long_first_line_without_headings_does_not_split_a_character() {
        // 4096 falls inside a three-byte character of this line.
        let t = "政府信息公开工作年度报告".repeat(200);
        let m = read_meta(&t, None, 0);
        assert_eq!(m.year, None);
    }

    #[test]
    fn chinese_numeral_date() {
        assert_eq!(parse_date("二〇二一年一月二十日"), Some((2021, 1, 20)));
        assert_eq!(parse_date("2021年13月1日"), None);
        assert_eq!(parse_date("2025-01-20"), Some((2025, 1, 20)));
        assert_eq!(parse_date("2025.1.20"), Some((2025, 1, 20)));
        assert_eq!(parse_date("2025/01/20"), Some((2025, 1, 20)));
        assert_eq!(parse_date("2025-01/20"), None);
        assert_eq!(parse_date("2025.13.20"), None);
        assert_eq!(parse_date("1025.1.2"), None);
    }
}
