//! Finding the six headings 一…六 and the byte range of each section.
//!
//! A heading is a Chinese numeral, a separator (`、`, `.`, `．`, a space) and a
//! keyword of that section (format-spec §8.4), at the start of a line; the numerals,
//! keywords, canonical headings and wordings are in `grammars/common.toml`. Headings must
//! come in increasing order, which keeps table rows such as
//! `一、本年新收政府信息公开申请数量` (inside section 三) from being read as headings.
//! Crawler text that holds the whole body on one line is searched for the canonical
//! headings anywhere in the line.

use crate::grammar::common;
use crate::grammar::normalize::fold;
use crate::parse::lines::LineIndex;

/// One heading found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub number: u8,
    /// The heading as printed.
    pub text: String,
    pub line: u32,
    /// Byte offset where the heading starts.
    pub start: usize,
    /// Byte offset where the section's body starts.
    pub body: usize,
    /// Read by likeness: the heading holds none of its section's keywords as
    /// printed, but is near one of its wordings (a misprint, a misread).
    pub by_likeness: bool,
}

/// A section: its heading and the byte range of its body.
#[derive(Debug, Clone)]
pub struct Section {
    pub heading: Heading,
    pub end: usize,
}

/// Lines longer than this (bytes) are searched for canonical headings mid-line.
const GLUED_LINE: usize = 600;

/// The headings of a text, in order, and where each line that starts with 一 begins
/// (what [`second_report`] looks at, found in the same pass).
#[derive(Debug, Default)]
pub struct Headings {
    pub headings: Vec<Heading>,
    pub ones: Vec<usize>,
}

/// Finds the headings of `text`, in order.
///
/// Headings are taken in increasing order, so one out of place (a later
/// section's heading run into the title above section 一, a line of the
/// narrative that reads as one) would hide every heading of a lower number after
/// it. When the table sections (二, 三, 四) are not all found, each heading found
/// is left out in turn, and a reading that finds more table sections, more
/// headings in all, and numbers under each table section's heading, is kept.
pub fn find_headings(text: &str, li: &LineIndex) -> Headings {
    let tables = |h: &Headings| {
        h.headings
            .iter()
            .filter(|h| (2..=4).contains(&h.number))
            .count()
    };
    let mut best = headings_in_order(text, li, None);
    if tables(&best) < 3 {
        let starts: Vec<usize> = best.headings.iter().map(|h| h.start).collect();
        for skip in starts {
            let other = headings_in_order(text, li, Some(skip));
            // More table sections, and more headings in all: leaving out the
            // heading of 五 to reach a 四 printed after it trades one heading for
            // another, and the table of 四, found by its labels where it stands,
            // would be lost.
            if tables(&other) > tables(&best)
                && other.headings.len() > best.headings.len()
                && tables_under_headings(text, &other)
            {
                best = other;
            }
        }
    }
    best
}

/// Whether every table section's heading in `h` has numbers under it (eight digits
/// or more before the next heading): a heading moved away from its table (a line
/// swapped to the end of the text) would take the section from the table, which
/// its labels find where it stands.
fn tables_under_headings(text: &str, h: &Headings) -> bool {
    h.headings.iter().enumerate().all(|(i, x)| {
        let end = h.headings.get(i + 1).map_or(text.len(), |n| n.start);
        !(2..=4).contains(&x.number)
            || text
                .get(x.body..end)
                .is_some_and(|b| b.bytes().filter(u8::is_ascii_digit).count() >= 8)
    })
}

/// The headings of `text` taken greedily in increasing order, passing over the
/// line that holds byte `skip`.
fn headings_in_order(text: &str, li: &LineIndex, skip: Option<usize>) -> Headings {
    let mut out: Vec<Heading> = Vec::new();
    let mut ones = Vec::new();
    // The first heading found at the start of a very long line: (index, offset, line).
    let mut long_first: Option<(usize, usize, &str)> = None;
    for (off, line) in li.lines(text, 0, text.len()) {
        if skip.is_some_and(|s| (off..=off + line.len()).contains(&s)) {
            continue;
        }
        let last = out.last().map_or(0, |h| h.number);
        let numeral = numeral_at_start(line);
        if numeral == Some(1) {
            ones.push(off);
        }
        if numeral.is_none() && line.len() <= GLUED_LINE {
            continue;
        }
        let found = heading_at_line_start(line, off, li, last)
            .or_else(|| wrapped_heading(text, line, off, li, last));
        if let Some(h) = found {
            if line.len() > GLUED_LINE && long_first.is_none() {
                long_first = Some((out.len(), off, line));
            }
            out.push(h);
        } else if line.len() > GLUED_LINE {
            headings_in_glued_line(line, off, li, &mut out);
        }
    }
    // A whole report on one line that starts with a heading: when the other lines
    // gave too few headings, the heading is cut to its own words and the rest of
    // the line searched for the next ones.
    if let Some((i, off, line)) = long_first {
        let tables = out.iter().filter(|h| (2..=4).contains(&h.number)).count();
        if tables < 2 {
            let later = out.split_off(i + 1);
            if let Some(h) = out.last_mut() {
                let len = canonical_len(&line[h.start - off..], h.number);
                h.body = h.start + len;
                h.text = line[h.start - off..h.start - off + len].to_string();
            }
            headings_in_glued_line(line, off, li, &mut out);
            let last = out.last().map_or(0, |h| h.number);
            out.extend(later.into_iter().filter(|h| h.number > last));
        }
    }
    Headings {
        headings: out,
        ones,
    }
}

/// Which of 一…六 (1–6) starts the line, after spaces.
// Inlined into the loop over every line: a call was about 50 instructions a line
// (callgrind), most lines being told by their first bytes. `#[inline]` alone left
// it a call (43 instructions a line, 2.2% of dongxin-2020's parse).
#[inline(always)]
fn numeral_at_start(line: &str) -> Option<u8> {
    // Byte-wise, as this runs on every line: skip spaces (ASCII, TAB, U+3000,
    // U+00A0), then compare the three UTF-8 bytes of 一…六.
    let b = line.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            // Markdown heading and emphasis marks (`## 二、…`, `**三、…**`), wiki
            // heading marks (`== 四、… ==`).
            b' ' | b'\t' | b'#' | b'*' | b'=' => i += 1,
            0xe3 if b.get(i + 1..i + 3) == Some(&[0x80, 0x80]) => i += 3,
            0xc2 if b.get(i + 1) == Some(&0xa0) => i += 2,
            _ => break,
        }
    }
    // The numerals of the six headings (grammars/common.toml), three bytes each;
    // most lines start with none of their first bytes.
    let p = b.get(i..i + 3)?;
    static HEADS: std::sync::OnceLock<[u64; 4]> = std::sync::OnceLock::new();
    let heads = HEADS.get_or_init(|| {
        let mut h = [0u64; 4];
        for s in &common().sections {
            let b = s.numeral_bytes[0];
            h[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        h
    });
    if heads[usize::from(p[0] >> 6)] & (1 << (p[0] & 63)) == 0 {
        return None;
    }
    numeral_of(p)
}

/// Which heading's numeral the three bytes `p` are (1–6).
#[inline(never)]
fn numeral_of(p: &[u8]) -> Option<u8> {
    common()
        .sections
        .iter()
        .position(|s| s.numeral_bytes == p)
        .map(|k| k as u8 + 1)
}

fn heading_at_line_start(line: &str, off: usize, li: &LineIndex, last: u8) -> Option<Heading> {
    let marks = |c: char| c.is_whitespace() || c == '#' || c == '*' || c == '=';
    let lead = line.len() - line.trim_start_matches(marks).len();
    let t = line.trim_matches(marks);
    let mut chars = t.chars();
    let first = chars.next()?;
    let sections = &common().sections;
    let n = sections.iter().position(|s| s.numeral == first)? as u8 + 1;
    if n <= last {
        return None;
    }
    let rest = chars.as_str().trim_start();
    let sep = rest.chars().next()?;
    let rest = if matches!(sep, '、' | '.' | '．' | ',' | '，') {
        &rest[sep.len_utf8()..]
    } else if t[first.len_utf8()..].starts_with(char::is_whitespace) {
        rest
    } else {
        return None;
    };
    // The keyword must come early: `一、总体情况` or a run-in `一、总体情况2020年…`;
    // within 10 characters when the line is too long to be a heading alone.
    let keywords = &sections[n as usize - 1].keywords;
    let within = if t.len() > 60 * 3 && t.chars().count() > 60 {
        10
    } else {
        20
    };
    let head = &rest[..rest
        .char_indices()
        .nth(within)
        .map_or(rest.len(), |(i, _)| i)];
    // As printed first; folded (full-width, Traditional, spaces) only if that fails;
    // then as the canonical heading with a character added, dropped or mistyped.
    let mut by_likeness = false;
    if !keywords.iter().any(|k| head.contains(k.as_str())) {
        let folded = fold(head);
        // A heading is short: a long line is a sentence, not a misspelt heading.
        let short = rest.len() <= 120;
        if !keywords.iter().any(|k| folded.contains(k.as_str())) {
            if !(short && near_canonical(n, rest)) {
                return None;
            }
            by_likeness = true;
        }
    }
    Some(Heading::on_line(
        n,
        t,
        off + lead,
        off + line.len(),
        li,
        by_likeness,
    ))
}

impl Heading {
    /// Heading `number` printed as `text` from byte `start`, its body from `body`.
    fn on_line(
        number: u8,
        text: &str,
        start: usize,
        body: usize,
        li: &LineIndex,
        by_likeness: bool,
    ) -> Heading {
        Heading {
            number,
            text: text.to_string(),
            line: li.line_of(start),
            start,
            body,
            by_likeness,
        }
    }
}

/// A heading that a hard wrap cut (`三、收到和处理政府信息公` / `开申请情况`): the
/// line after its numeral and `、` starts a wording of that heading (four
/// characters or more of it, short of its keyword), and the next line goes on with
/// the rest of the wording; or the two lines together are a wording within the
/// likeness of [`near_canonical`].
fn wrapped_heading(
    text: &str,
    line: &str,
    off: usize,
    li: &LineIndex,
    last: u8,
) -> Option<Heading> {
    // (Markdown's heading and emphasis marks as at a line's start.)
    let marks = |c: char| c.is_whitespace() || c == '#' || c == '*' || c == '=';
    let t = line.trim_matches(marks);
    let mut chars = t.chars();
    let first = chars.next()?;
    let n = common().sections.iter().position(|s| s.numeral == first)? as u8 + 1;
    if n <= last || !chars.as_str().starts_with('、') {
        return None;
    }
    let printed = fold(&chars.as_str()['、'.len_utf8()..]);
    if printed.chars().count() < 4 {
        return None;
    }
    let next_start = off + line.len() + 1;
    let next = text.get(next_start..)?.lines().next()?;
    let next = fold(next);
    if next.is_empty() {
        return None;
    }
    let continues = common().section(n).wordings.iter().any(|w| {
        w.strip_prefix(printed.as_str()).is_some_and(|rest| {
            !rest.is_empty() && (next.starts_with(rest) || rest.starts_with(&next))
        })
    });
    // Or the two lines together are a wording with a character or two misread
    // (`三、收到和处理政府信息公开` / `甲请情况`).
    let by_likeness = !continues && near_canonical(n, &format!("{printed}{next}"));
    if !continues && !by_likeness {
        return None;
    }
    let lead = line.len() - line.trim_start_matches(marks).len();
    Some(Heading::on_line(
        n,
        t,
        off + lead,
        off + line.len(),
        li,
        by_likeness,
    ))
}

/// Whether `rest` (folded, after the numeral and its separator) is a wording of
/// heading `n` with at most one character in five added, dropped or mistyped:
/// the characters in common, in order, are at least 80% of the wording's, and the
/// line is not much longer than the wording (a sentence is no heading).
fn near_canonical(n: u8, rest: &str) -> bool {
    let rest = rest.trim_end_matches(['。', '.', ':', '：']);
    let words = &common().section(n).wordings;
    // Folding only drops characters: a line shorter than every wording less two
    // is none of them (the common case, looked at without allocating), and only
    // wordings of six characters or more are compared below (a table's row label
    // that opens with 一, asked of section 一's short wordings, was folded and
    // compared for nothing: 1.3% of huaian-2024's parse, callgrind).
    let raw = rest.chars().count();
    if !words.iter().any(|w| {
        let n = w.chars().count();
        n >= 6 && raw + 2 >= n
    }) {
        return false;
    }
    let rest: Vec<char> = rest
        .chars()
        .filter_map(crate::grammar::normalize::fold_char)
        .collect();
    words.iter().any(|w| {
        let w: Vec<char> = w.chars().collect();
        w.len() >= 6
            && rest.len() + 2 >= w.len()
            && rest.len() <= w.len() + 2
            && common_in_order(&rest, &w) * 5 >= w.len() * 4
    })
}

/// The length of the longest common subsequence of two short strings.
pub(crate) fn common_in_order(a: &[char], b: &[char]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diag = 0;
        for (j, &y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    row[b.len()]
}

/// The length of heading `n` at the start of `s`: the canonical heading when it
/// is printed so, else the numeral and its separator.
fn canonical_len(s: &str, n: u8) -> usize {
    let canon = common().section(n).heading.as_str();
    if s.starts_with(canon) {
        canon.len()
    } else {
        s.char_indices().nth(2).map_or(s.len(), |(i, _)| i)
    }
}

fn headings_in_glued_line(line: &str, off: usize, li: &LineIndex, out: &mut Vec<Heading>) {
    // Every canonical heading is a numeral and `、`: look only where `、` stands
    // (a long narrative line has few), then compare the whole heading there.
    const DUN: &[u8] = "、".as_bytes();
    for p in memchr::memmem::find_iter(line.as_bytes(), DUN) {
        let Some(start) = p.checked_sub(3) else {
            continue;
        };
        let last = out.last().map_or(0, |h| h.number);
        if out.last().is_some_and(|h| h.body > off + start) {
            continue;
        }
        let exact = common()
            .sections
            .iter()
            .map(|s| s.heading.as_str())
            .enumerate()
            .skip(last as usize)
            .find(|(_, h)| line.as_bytes()[start..].starts_with(h.as_bytes()))
            .map(|(i, h)| (i as u8 + 1, h.len()));
        let near = || near_heading_at(line, start, last).map(|(n, len)| (n, len, true));
        let Some((number, len, by_likeness)) = exact.map(|(n, len)| (n, len, false)).or_else(near)
        else {
            continue;
        };
        let at = off + start;
        out.push(Heading::on_line(
            number,
            &line[start..start + len],
            at,
            at + len,
            li,
            by_likeness,
        ));
    }
}

/// A heading after section `last` at byte `start` of a glued line, printed with a
/// character or two misread (`三、收到和处理政府信息公开申靖情况`): its numeral and
/// `、`, then a stretch within the likeness budget of one of its wordings and
/// clearly nearer to it than to any other section's ([`crate::grammar::likeness`]).
/// The section and the heading's length in bytes.
fn near_heading_at(line: &str, start: usize, last: u8) -> Option<(u8, usize)> {
    use crate::grammar::likeness::{budget, distance_within};
    let sections = &common().sections;
    let b = line.as_bytes();
    let k = sections
        .iter()
        .position(|s| b.get(start..start + 3) == Some(&s.numeral_bytes[..]))?;
    if k < usize::from(last) {
        return None;
    }
    let after = start + 3 + "、".len();
    let rest: Vec<(usize, char)> = line.get(after..)?.char_indices().take(64).collect();
    let chars: Vec<char> = rest.iter().map(|&(_, c)| c).collect();
    // The stretch after `、` nearest to one wording: (edits, length, section).
    let nearest = |section: usize| -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for w in &sections[section].wordings {
            let w: Vec<char> = w.chars().collect();
            let bw = budget(w.len());
            for n in w.len().saturating_sub(bw)..=(w.len() + bw).min(chars.len()) {
                if let Some(d) = distance_within(&chars[..n], &w, bw) {
                    let better = best.is_none_or(|(bd, bn)| {
                        d < bd || d == bd && n.abs_diff(w.len()) < bn.abs_diff(w.len())
                    });
                    if better {
                        best = Some((d, n));
                    }
                }
            }
        }
        best
    };
    let (d, n) = nearest(k)?;
    // No other section's wording is as near, nor one edit further.
    let rival = (0..sections.len())
        .filter(|&j| j != k)
        .any(|j| nearest(j).is_some_and(|(dj, _)| dj <= d + 1));
    if rival {
        return None;
    }
    let end = rest.get(n).map_or(line.len(), |&(o, _)| after + o);
    Some((k as u8 + 1, end - start))
}

/// The sections of `text` from its headings: each runs to the next heading.
pub fn sections(text: &str, headings: &[Heading]) -> Vec<Section> {
    headings
        .iter()
        .enumerate()
        .map(|(i, h)| Section {
            heading: h.clone(),
            end: headings.get(i + 1).map_or(text.len(), |n| n.start),
        })
        .collect()
}

/// Where a second report starts when a file holds more than one (downloads
/// concatenated, a page that prints last year's report below this one's): a
/// heading 一 after the first report's table sections have begun to hold text. The
/// cut moves back to a title line just above that heading, so the second title
/// does not end up in the first report's section 六.
///
/// A table of contents (`一、总体情况` … `六、…` on consecutive lines, then the body)
/// is not a second report: its sections hold no text.
/// Up to `n` non-empty lines right above the line starting at `off`, nearest first.
fn lines_above(text: &str, off: usize, n: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut end = off;
    std::iter::from_fn(move || {
        while end > 0 {
            let line_end = end - 1;
            let start = text[..line_end].rfind('\n').map_or(0, |i| i + 1);
            let line = &text[start..line_end];
            end = start;
            if !line.trim().is_empty() {
                return Some((start, line));
            }
        }
        None
    })
    .take(n)
}

pub fn second_report(text: &str, li: &LineIndex, found: &Headings) -> Option<usize> {
    let secs = sections(text, &found.headings);
    let first_table = secs.iter().find(|s| (2..=4).contains(&s.heading.number))?;
    let tables_hold_text = |upto: usize| {
        secs.iter().any(|s| {
            (2..=4).contains(&s.heading.number)
                && s.heading.body < upto
                && !text[s.heading.body..s.end.min(upto)].trim().is_empty()
        })
    };
    // The lines after the first table's heading that start with 一: the rest of
    // the line the body starts on, then every such line the heading pass noted.
    let body = first_table.heading.body;
    let first = li.lines(text, body, text.len()).next();
    let later = found.ones.iter().filter(|&&o| o > body).map(|&o| {
        let end = memchr::memchr(b'\n', &text.as_bytes()[o..]).map_or(text.len(), |i| o + i);
        (o, &text[o..end])
    });
    for (off, line) in first.into_iter().chain(later) {
        if numeral_at_start(line) == Some(1)
            && heading_at_line_start(line, off, li, 0).is_some_and(|h| h.number == 1)
            && tables_hold_text(off)
        {
            // The earliest title among the few non-empty lines above.
            let cut = lines_above(text, off, 4)
                .filter(|(_, l)| crate::parse::meta::names_annual_report(l))
                .map(|(o, _)| o)
                .min()
                .unwrap_or(off);
            return Some(cut);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<(u8, u32)> {
        let li = LineIndex::new(text);
        find_headings(text, &li)
            .headings
            .iter()
            .map(|h| (h.number, h.line))
            .collect()
    }

    #[test]
    fn canonical_and_variants() {
        let t = "标题\n一、 总体情况\n正文\n二、行政机关主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n\t一、本年新收政府信息公开申请数量\n四、因政府信息公开工作被申请行政复议提起行政诉讼情况\n五、政府信息公开工作存在的主要问题及改进情况\n六、其他需要报告的事项\n";
        assert_eq!(
            numbers(t),
            vec![(1, 2), (2, 4), (3, 5), (4, 7), (5, 8), (6, 9)]
        );
    }

    #[test]
    fn sub_items_are_not_headings() {
        let t = "一、总体情况\n（二）依申请公开\n二、依申请公开情况\n三、本年度办理结果\n";
        assert_eq!(numbers(t), vec![(1, 1)]);
    }

    #[test]
    fn a_heading_out_of_place_does_not_hide_the_table_sections() {
        // Section 四's heading run into the title: taken in order, it hid 一, 二
        // and 三 (the whole report read as section 四).
        let t = "四、政府信息公开行政复议2020年某街道政府信息公开工作年度报告\n一、总体情况\n正文\n二、主动公开政府信息情况\n规章 0 0 12 3 1 45\n三、收到和处理政府信息公开申请情况\n自然人 12 0 0 0 1 0 13\n四、政府信息公开行政复议、行政诉讼情况\n1 0 0 0 1 0 0 0 0 0\n五、存在的主要问题及改进情况\n";
        assert_eq!(numbers(t), vec![(1, 2), (2, 4), (3, 6), (4, 8), (5, 10)]);
        // 四's heading moved after 五: leaving out 五 would find it, but trade one
        // heading for another (its table is then found by its labels).
        let moved = "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n行政复议\n五、存在的主要问题及改进情况\n四、政府信息公开行政复议、行政诉讼情况\n";
        assert_eq!(numbers(moved), vec![(1, 1), (2, 2), (3, 3), (5, 5)]);
        // All three found in order: the first reading stands.
        let whole = "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n";
        assert_eq!(numbers(whole), vec![(1, 1), (2, 2), (3, 3), (4, 4)]);
    }

    fn second(text: &str) -> Option<u32> {
        let li = LineIndex::new(text);
        let h = find_headings(text, &li);
        second_report(text, &li, &h).map(|o| li.line_of(o))
    }

    #[test]
    fn two_reports_in_one_file() {
        let one = "2020年某街道政府信息公开工作年度报告\n一、总体情况\n正文\n二、主动公开政府信息情况\n规章\n三、收到和处理政府信息公开申请情况\n六、其他需要报告的事项\n无。\n某街道\n";
        assert_eq!(second(one), None);
        let two = format!("{one}\n{one}");
        // Line 11 is the second title.
        assert_eq!(second(&two), Some(11));
    }

    #[test]
    fn a_table_of_contents_is_not_a_second_report() {
        let t = "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n一、总体情况\n正文\n";
        assert_eq!(second(t), None);
    }

    #[test]
    fn numeral_prefilter_agrees_with_the_numerals() {
        for (i, n) in common().sections.iter().map(|s| s.numeral).enumerate() {
            let mut buf = [0u8; 4];
            let want = Some(i as u8 + 1);
            assert_eq!(numeral_at_start(n.encode_utf8(&mut buf)), want, "{i}");
            assert_eq!(numeral_at_start(&format!(" \u{3000}\u{a0}{n}、")), want);
        }
        assert_eq!(numeral_at_start("七、"), None);
        assert_eq!(numeral_at_start("本段"), None);
        assert_eq!(numeral_at_start(""), None);
    }

    #[test]
    fn markdown_marks_and_misspelt_headings() {
        let t = "# 标题\n## 一、总体情况\n正文\n## 二、主动公开政府信息情况\n**三、收到和处理政府信息公开申请情况**\n四、政府信息公开行政复仪、行政诉公情况\n五、存在的主要问题及改进情况\n";
        assert_eq!(numbers(t), vec![(1, 2), (2, 4), (3, 5), (4, 6), (5, 7)]);
        // A sentence that starts with a numeral is no heading.
        let t = "一、总体情况\n四、结转下年度继续办理\n";
        assert_eq!(numbers(t), vec![(1, 1)]);
    }

    /// A whole report on one line whose headings of 三 and 四 are misread by a
    /// character: found by likeness, and said so; a sentence that starts like a
    /// heading is not.
    #[test]
    fn misread_headings_in_a_glued_line() {
        let body = "本段".repeat(200);
        let t = format!("{body}一、总体情况{body}二、主动公开政府信息情况 规章007三、收到和处理政府信息公开甲请情况申请人情况四、政府信息公开行政夏议、行政诉讼情况结果维持五、存在的主要问题及改进情况x");
        let li = LineIndex::new(&t);
        let h = find_headings(&t, &li).headings;
        let got: Vec<(u8, &str, bool)> = h
            .iter()
            .map(|h| (h.number, h.text.as_str(), h.by_likeness))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, "一、总体情况", false),
                (2, "二、主动公开政府信息情况", false),
                (3, "三、收到和处理政府信息公开甲请情况", true),
                (4, "四、政府信息公开行政夏议、行政诉讼情况", true),
                (5, "五、存在的主要问题及改进情况", false),
            ]
        );
        // Three characters misread in 15: over the budget of two, no heading.
        let t = format!("{body}一、总体情况{body}二、主动公开政府信息情况 规章007三、收到和处埋政府倍息公开甲请情况x");
        assert_eq!(numbers(&t), vec![(1, 1), (2, 1)]);
    }

    #[test]
    fn a_heading_cut_by_a_wrap() {
        let t = "一、总体情况\n正文\n二、主动公开政府信息情况\n表\n      三、收到和处理政府信息公\n开申请情况\n申请人情况\n三、\n本年度办理结果\n";
        assert_eq!(numbers(t), vec![(1, 1), (2, 3), (3, 5)]);
        // The rest of the line must go on with the heading's wording.
        let t = "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公\n另一句话\n";
        assert_eq!(numbers(t), vec![(1, 1), (2, 2)]);
        // Or the two lines together are the wording with a character misread, the
        // heading marked as markdown's.
        let t = "一、总体情况\n二、主动公开政府信息情况\n## 三、收到和处理政府信息公开\n甲请情况\n申请人情况\n";
        assert_eq!(numbers(t), vec![(1, 1), (2, 2), (3, 3)]);
        let t =
            "一、总体情况\n二、主动公开政府信息情况\n## 三、收到和处理政府信息公开\n另外两件事项\n";
        assert_eq!(numbers(t), vec![(1, 1), (2, 2)]);
    }

    #[test]
    fn glued_line() {
        let body = "本段".repeat(200);
        let t = format!("{body}一、总体情况{body}二、主动公开政府信息情况 规章007三、收到和处理政府信息公开申请情况x");
        assert_eq!(numbers(&t), vec![(1, 1), (2, 1), (3, 1)]);
    }
}
