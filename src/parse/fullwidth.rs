//! Full-width digits (`１２３`, `１２．５`, `１，２３４`) read as the ASCII ones.
//!
//! Some converters and typists print every digit full-width. Rather than teach every
//! stage that classifies a digit (tokens, cells, the glued reader, page markers, the
//! year and dates) a second alphabet, a text that holds a full-width digit is read
//! once folded: each full-width digit becomes its ASCII digit, and a full-width
//! point, comma or sign becomes ASCII where it stands in a number. Every folded
//! character is three bytes in UTF-8 and one folded, and line breaks are untouched,
//! so line numbers stay as they are and every byte range of the report maps back to
//! the text as printed ([`Unfold::restore`]): `raw` and `line` show what the file
//! holds. A text without a full-width digit (nearly all) costs one scan for the
//! byte 0xEF, and is read as it is.

use crate::model::report::Report;
use crate::parse::lines::LineIndex;

/// How to map a folded text back to the text as printed.
#[derive(Debug)]
pub(crate) struct Unfold {
    original: String,
    /// The byte offset in the folded text of each folded character, ascending.
    at: Vec<usize>,
}

/// Bytes a folded character loses: three in UTF-8 (U+FF0B … U+FF19), one folded.
const SHRINK: usize = 2;

/// Whether `b[i..]` starts with a full-width digit (U+FF10 … U+FF19: EF BC 90 … 99).
fn fw_digit_at(b: &[u8], i: usize) -> bool {
    b.get(i) == Some(&0xef)
        && b.get(i + 1) == Some(&0xbc)
        && matches!(b.get(i + 2), Some(0x90..=0x99))
}

/// Whether the text prints a full-width digit anywhere.
pub(crate) fn has_fullwidth_digit(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(0xef, b).any(|i| fw_digit_at(b, i))
}

/// The text with its full-width digits folded, and the way back; the text as it is
/// and `None` when it has none.
pub(crate) fn fold_digits(text: String) -> (String, Option<Unfold>) {
    if !has_fullwidth_digit(&text) {
        return (text, None);
    }
    let digit =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let mut out = String::with_capacity(text.len());
    let mut at = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let prev_digit = out.as_bytes().last().is_some_and(u8::is_ascii_digit);
        let folded = match c {
            '０'..='９' => Some(c),
            // `１２．５`, `１，２３４`: a point or a comma between digits.
            '．' | '，' if prev_digit && digit(next) => Some(c),
            // `－３`: a sign before a digit.
            '＋' | '－' if digit(next) => Some(c),
            _ => None,
        };
        match folded.and_then(|c| char::from_u32(c as u32 - 0xfee0)) {
            Some(a) => {
                at.push(out.len());
                out.push(a);
            }
            None => out.push(c),
        }
    }
    (out, Some(Unfold { original: text, at }))
}

impl Unfold {
    /// The offset in the printed text of folded offset `pos` (a char boundary).
    pub(crate) fn offset(&self, pos: usize) -> usize {
        pos + SHRINK * self.at.partition_point(|&p| p < pos)
    }

    /// The printed text of folded range `a..b`.
    fn printed(&self, a: usize, b: usize) -> Option<&str> {
        self.original.get(self.offset(a)..self.offset(b))
    }

    /// `s`, a piece of the folded text, as printed: looked for in `folded[from..to]`
    /// (its first occurrence there); `None` when it holds nothing folding can have
    /// made, or is not found there.
    fn unfold_in(&self, folded: &str, s: &str, from: usize, to: usize) -> Option<String> {
        if s.is_empty()
            || !s
                .bytes()
                .any(|b| b.is_ascii_digit() || b"+-.,".contains(&b))
        {
            return None;
        }
        let region = folded.get(from..to.min(folded.len()))?;
        let a = from + region.find(s)?;
        self.printed(a, a + s.len()).map(str::to_string)
    }

    /// The folded byte range of 1-based line `line` (the whole text for line 0).
    fn line_range(li: &LineIndex, folded: &str, line: u32) -> (usize, usize) {
        if line == 0 {
            return (0, folded.len());
        }
        let a = li.start_of(line).min(folded.len());
        let b = li.start_of(line + 1).min(folded.len());
        (a, b)
    }

    /// Puts a report read from the folded text back on the text as printed: its
    /// text, every byte range, and the labels, headings, names and quoted text of
    /// diagnostics that hold a folded character. `li` is the folded text's index.
    pub(crate) fn restore(self, r: &mut Report, li: &LineIndex) {
        let folded = std::mem::take(&mut r.text);
        for t in &mut r.tables.tables {
            for s in t.slots.iter_mut().flatten() {
                s.raw = (self.offset(s.raw.0), self.offset(s.raw.1));
            }
        }
        for run in &mut r.tables.runs {
            run.raw = (self.offset(run.raw.0), self.offset(run.raw.1));
        }
        for l in &mut r.tables.labels {
            let (a, b) = Self::line_range(li, &folded, l.line);
            if let Some(p) = self.unfold_in(&folded, &l.text, a, b) {
                l.text = p;
            }
        }
        for n in &mut r.narratives {
            let (a, b) = n.range;
            if let Some(p) = self.unfold_in(&folded, &n.heading, 0, a) {
                n.heading = p;
            }
            n.range = (self.offset(a), self.offset(b));
        }
        let m = &mut r.meta;
        m.signature_start = m.signature_start.map(|o| self.offset(o));
        m.title_offset = m.title_offset.map(|o| self.offset(o));
        for name in [&mut m.organ, &mut m.issuer].into_iter().flatten() {
            if let Some(p) = self.unfold_in(&folded, name, 0, folded.len()) {
                *name = p;
            }
        }
        for d in &mut r.diags {
            let (a, b) = Self::line_range(li, &folded, d.line);
            d.message = self.unfold_quotes(&folded, &d.message, a, b);
        }
        let end = self.offset(folded.len());
        let mut original = self.original;
        original.truncate(end);
        r.text = original;
    }

    /// `message` with each `quoted` piece of text that stands in `folded[a..b]` as
    /// printed there.
    fn unfold_quotes(&self, folded: &str, message: &str, a: usize, b: usize) -> String {
        let mut out = String::with_capacity(message.len());
        let mut parts = message.split('`');
        if let Some(first) = parts.next() {
            out.push_str(first);
        }
        // Odd pieces are inside backquotes: `a `x` b` splits into a, x, b.
        for (i, p) in parts.enumerate() {
            out.push('`');
            match (i % 2 == 0)
                .then(|| self.unfold_in(folded, p, a, b))
                .flatten()
            {
                Some(printed) => out.push_str(&printed),
                None => out.push_str(p),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(s: &str) -> Option<String> {
        match fold_digits(s.to_string()) {
            (f, Some(_)) => Some(f),
            (_, None) => None,
        }
    }

    #[test]
    fn folds_digits_and_the_marks_of_numbers() {
        assert_eq!(fold("规章 ０ １２").as_deref(), Some("规章 0 12"));
        assert_eq!(fold("１２．５万元").as_deref(), Some("12.5万元"));
        assert_eq!(fold("１，２３４").as_deref(), Some("1,234"));
        assert_eq!(fold("－３ ＋４").as_deref(), Some("-3 +4"));
        // Punctuation of prose stays: a comma after a word, a point after a digit
        // that ends a sentence, a dash that is no sign.
        assert_eq!(fold("共２件，其中１．").as_deref(), Some("共2件，其中1．"));
        assert_eq!(fold("２０２０年，－").as_deref(), Some("2020年，－"));
        assert_eq!(fold("１．属于国家秘密").as_deref(), Some("1．属于国家秘密"));
        // ASCII digits take part: `1．５`.
        assert_eq!(fold("1．５").as_deref(), Some("1.5"));
    }

    #[test]
    fn a_text_without_full_width_digits_is_left_alone() {
        assert_eq!(fold("规章 0 12，（一）：．"), None);
        assert!(!has_fullwidth_digit("，（）：；．"));
        assert!(has_fullwidth_digit("第９页"));
    }

    #[test]
    fn offsets_map_back_to_the_printed_text() {
        let printed = "规章 １２ 3\n１．５";
        let (f, u) = fold_digits(printed.to_string());
        let u = u.expect("folded");
        assert_eq!(f, "规章 12 3\n1.5");
        let twelve = f.find("12").expect("12");
        assert_eq!(&printed[u.offset(twelve)..u.offset(twelve + 2)], "１２");
        let three = f.find('3').expect("3");
        assert_eq!(&printed[u.offset(three)..u.offset(three + 1)], "3");
        assert_eq!(u.offset(f.len()), printed.len());
        assert_eq!(u.offset(0), 0);
        let li = LineIndex::new(&f);
        assert_eq!(
            Unfold::line_range(&li, &f, 2),
            (f.find('\n').expect("break") + 1, f.len())
        );
        assert_eq!(
            u.unfold_quotes(&f, "value `1.5` and `x` and `12`", 0, f.len()),
            "value `１．５` and `x` and `１２`"
        );
    }

    /// A whole report printed with full-width digits reads as the ASCII one, with
    /// its raw text and lines as printed (samples/dongxin-2020.txt; its cells are
    /// checked by hand in tests/golden/dongxin-2020/cells.csv).
    #[test]
    fn a_report_in_full_width_digits() {
        let ascii = include_str!("../../samples/dongxin-2020.txt");
        let wide: String = ascii
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
                c => c,
            })
            .collect();
        let r = crate::parse_report("dongxin-2020.txt", wide.as_bytes());
        assert_eq!(r.text, wide);
        assert_eq!(r.meta.year, Some(2020));
        assert_eq!(r.meta.report_date, Some((2020, 12, 31)));
        let cells = r.keyed_cells();
        let cell = |key: &str| {
            let s = cells
                .iter()
                .find(|(k, _)| k == key)
                .and_then(|(_, s)| *s)
                .expect("cell read");
            (
                s.value.map(|v| v.to_string()),
                &r.text[s.raw.0..s.raw.1],
                s.line,
            )
        };
        assert_eq!(
            cell("2/20.9/procurement/amount"),
            (Some("37551661.7".to_string()), "３７５５１６６１.７元", 82)
        );
        assert_eq!(
            cell("2/20.9/procurement/projects"),
            (Some("29".to_string()), "２９项", 81)
        );
        assert_eq!(
            cell("2/20.1/regulation/made"),
            (Some("0".to_string()), "０", 21)
        );
    }
}
