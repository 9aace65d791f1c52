//! The leaf rule of every table: what one cell can hold (format-spec §6).
//!
//! ```text
//! cell     = ws* (number | na)? ws*
//! number   = sign? digits ("." digits)? ws* unit?
//! digits   = [0-9]+ | [0-9]{1,3} ("," [0-9]{3})+
//! unit     = "万元" | "元" | "件" | "项" | "个" | "条"
//! na       = "/" | "-" | "—" | "无" | …   (written, but not a number)
//! ws       = any Unicode whitespace, U+00A0 and U+3000 included
//! ```
//!
//! Full-width digits and signs are folded first. The rule never allocates: a value
//! is a mantissa and a decimal scale.

use nom::{
    branch::alt,
    bytes::complete::tag,
    character::complete::{char as ch, digit1, one_of},
    combinator::{all_consuming, opt, recognize},
    multi::many1,
    sequence::{pair, preceded},
    IResult,
};
use std::fmt;

/// A decimal number as printed: `mantissa / 10^scale`, exact (`37551661.7` is
/// mantissa 375516617, scale 1). [`std::fmt::Display`] prints it plainly; serialised
/// as that string.
///
/// ```
/// let v = zfxxgk::model::Decimal::parse_plain("-12.50").expect("a number");
/// assert_eq!((v.mantissa, v.scale), (-125, 1));
/// assert_eq!(v.to_string(), "-12.5");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    /// The digits as an integer, with the sign.
    pub mantissa: i64,
    /// How many of the digits are after the decimal point.
    pub scale: u8,
}

/// 10^0 … 10^12, so that scaling costs a multiplication, not a power.
pub(crate) const POW10: [i128; 13] = {
    let mut t = [1i128; 13];
    let mut i = 1;
    while i < 13 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

impl Decimal {
    /// The scale of [`Decimal::fixed`]: every value the cell grammar reads has at
    /// most this many decimals.
    pub const FIXED_SCALE: u8 = 12;

    /// The value as an integer count of 10^-12, so that values of different
    /// scales add and compare exactly (the one fixed-point form of the crate).
    pub fn fixed(self) -> i128 {
        let s = self.scale.min(Self::FIXED_SCALE);
        self.mantissa as i128 * POW10[usize::from(Self::FIXED_SCALE - s)]
    }

    /// An integer.
    pub const fn int(v: i64) -> Decimal {
        Decimal {
            mantissa: v,
            scale: 0,
        }
    }

    /// The value as an integer, when it has no fractional part.
    pub fn as_int(self) -> Option<i64> {
        (self.scale == 0).then_some(self.mantissa)
    }

    /// Parses `[+-]?digits(.digits)?` (ASCII only, no separators); trailing
    /// fractional zeros are dropped so `73802895.90` reads as `73802895.9`.
    pub fn parse_plain(s: &str) -> Option<Decimal> {
        let (neg, body) = match s.as_bytes().first()? {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        // A byte loop: a cell is a few bytes, shorter than a searcher's set-up.
        let (int_part, frac) = match body.bytes().position(|b| b == b'.') {
            Some(i) => (&body[..i], body[i + 1..].trim_end_matches('0')),
            None => (body, ""),
        };
        if int_part.is_empty() || !int_part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !frac.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 12 {
            return None;
        }
        let mut m: i64 = 0;
        for b in int_part.bytes().chain(frac.bytes()) {
            m = m.checked_mul(10)?.checked_add((b - b'0') as i64)?;
        }
        Some(Decimal {
            mantissa: if neg { -m } else { m },
            scale: frac.len() as u8,
        })
    }
}

impl fmt::Display for Decimal {
    /// Plain decimal: `37551661.7`, `2`, `-8`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.mantissa);
        }
        let p = 10i64.pow(self.scale as u32);
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let a = self.mantissa.unsigned_abs();
        let p = p as u64;
        write!(
            f,
            "{sign}{}.{:0width$}",
            a / p,
            a % p,
            width = self.scale as usize
        )
    }
}

/// A unit printed in a cell or a header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// 件 (items, documents, cases).
    Jian,
    /// 项 (items).
    Xiang,
    /// 元 (yuan).
    Yuan,
    /// 万元 (ten thousand yuan).
    WanYuan,
    /// 个 (pieces).
    Ge,
    /// 条 (entries).
    Tiao,
}

impl Unit {
    /// The unit as the contract writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Jian => "件",
            Unit::Xiang => "项",
            Unit::Yuan => "元",
            Unit::WanYuan => "万元",
            Unit::Ge => "个",
            Unit::Tiao => "条",
        }
    }

    /// Reads a unit name as written in a grammar file or a header.
    pub(crate) fn from_name(s: &str) -> Option<Unit> {
        Some(match s {
            "件" => Unit::Jian,
            "项" => Unit::Xiang,
            "元" => Unit::Yuan,
            "万元" => Unit::WanYuan,
            "个" => Unit::Ge,
            "条" => Unit::Tiao,
            _ => return None,
        })
    }

    /// The unit a header names in parentheses: `采购总金额(万元)`,
    /// `本年收费金额(单位:万元)`.
    pub(crate) fn in_header(folded: &str) -> Option<Unit> {
        let open = folded.rfind('(')?;
        let inner = folded[open + 1..].trim_end_matches(')');
        let inner = inner.strip_prefix("单位:").unwrap_or(inner);
        Unit::from_name(inner)
    }
}

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellValue {
    /// A number, with the unit printed in the cell, if any.
    Number(Decimal, Option<Unit>),
    /// Nothing printed.
    Blank,
    /// Printed, but not a number: `/`, `-`, `—`, `无`, `N/A`, `暂无`.
    Na,
    /// Anything else (text, or a number too long to be a count).
    Text,
}

/// Tokens that mean "not applicable / nothing" (format-spec §6).
const NA_TOKENS: &[&str] = &[
    "/", "-", "—", "－", "–", "——", "--", "无", "無", "／", "\\", "…", "空",
];

/// Words a cell prints when it holds nothing: a spreadsheet's or a script's
/// (`N/A`, `#N/A`, `NaN`, `None`, `null`), a writer's (`不适用`, `暂无`, `（空）`,
/// `×`). Like [`NA_TOKENS`], no number.
/// (`#N/A` before `N/A`: a keyed list's cell end is matched against them in order.)
pub(crate) const NA_WORDS: &[&str] = &[
    "#N/A",
    "N/A",
    "n/a",
    "NA",
    "NaN",
    "nan",
    "None",
    "null",
    "NULL",
    "不适用",
    "暂无",
    "（空）",
    "(空)",
    "×",
];

/// Whether `s` (trimmed) is one of the words a cell prints when it holds nothing
/// (`N/A`, `NaN`, `None`, `不适用`, `暂无`, …).
pub fn is_na_word(s: &str) -> bool {
    let t = trim_cell(s);
    t.len() <= 9 && NA_WORDS.contains(&t)
}

/// Whether `s` (trimmed) is a piece of an ASCII word for an empty cell that a
/// hard wrap cut (`N/` and `A` of `N/A`, `nu` and `ll` of `null`): no word of its
/// own, and a cell lost where it stands.
pub fn na_word_piece(s: &str) -> bool {
    let t = trim_cell(s);
    !t.is_empty()
        && t.len() <= 4
        && t.bytes().all(|b| b.is_ascii_graphic())
        && !NA_WORDS.contains(&t)
        && NA_WORDS
            .iter()
            .any(|w| w.is_ascii() && w.len() > t.len() && (w.starts_with(t) || w.ends_with(t)))
}

/// Whether `s` (trimmed) is a script's word for a cell it found empty or did
/// not find (`NaN`, `None`, `null`): pandas pads a ragged row with `NaN`, so
/// whether the report printed nothing there is not known. The readers keep
/// such a cell in its column, `unresolved`.
pub fn is_absent_word(s: &str) -> bool {
    matches!(trim_cell(s), "NaN" | "nan" | "None" | "null" | "NULL")
}

/// A cell kept in its column whose value is not known: digits an OCR engine
/// printed as letters ([`ocr_misread`]), or a script's word for a cell it did
/// not find ([`is_absent_word`]).
pub fn unknown_cell(raw: &str) -> bool {
    ocr_misread(raw) || is_absent_word(raw) || misread_na_word(raw)
}

/// Whether `s` (trimmed) is `不适用` with one of its three characters misread
/// (`木适用`, OCR's): a cell that held the word, or something else OCR could not
/// read; kept in its column, `unresolved`, so the cells after it stay in theirs.
pub fn misread_na_word(s: &str) -> bool {
    let t = trim_cell(s);
    if t.len() != 9 || t == "不适用" {
        return false;
    }
    let mut cs = t.chars();
    let same = "不适用".chars().filter(|&w| cs.next() == Some(w)).count();
    same == 2 && t.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The marks of [`NA_TOKENS`] that glued text prints in place of an empty cell:
/// the byte length of the one `s` starts with, or 0. `——` and `--` are one
/// mark of two characters or two marks of one: the readers of glued digits try
/// both. (`\` and `…` stand in no glued run.)
#[inline]
pub fn empty_mark_len(s: &str) -> usize {
    mark_len_bytes(s.as_bytes())
}

/// [`empty_mark_len`] on bytes (0 at a byte inside a character).
#[inline]
pub fn mark_len_bytes(b: &[u8]) -> usize {
    match b {
        [b'-' | b'/', ..] => 1,
        // 无 無 空 — – － ／
        [0xe6, 0x97, 0xa0, ..]
        | [0xe7, 0x84, 0xa1, ..]
        | [0xe7, 0xa9, 0xba, ..]
        | [0xe2, 0x80, 0x94 | 0x93, ..]
        | [0xef, 0xbc, 0x8d | 0x8f, ..] => 3,
        _ => 0,
    }
}

/// Whether a mark of [`empty_mark_len`] may be doubled into one (`——`, `--`).
pub fn doubled_mark(m: &str) -> bool {
    matches!(m, "-" | "—")
}

/// Classifies the text of one cell. Never allocates for ASCII input; full-width
/// digits are folded into a small stack buffer. A number whose digits an OCR
/// engine printed as letters (`1O5`, [`ocr_misread`]) is no number; it is read as a
/// cell that holds none (`Na`), so that it keeps its column, and the readers
/// report it `unresolved`.
pub fn parse_cell(raw: &str) -> CellValue {
    let v = parse_cell_text(raw);
    if !matches!(v, CellValue::Text) {
        return v;
    }
    // Most text is a label that starts with a Han character: told by its first
    // byte (after ASCII spaces; U+00A0 and U+3000 open with C2 and E3).
    let first = raw.bytes().find(|b| !b.is_ascii_whitespace());
    // `天` alone (E5 A4 A9): OCR's reading of an empty cell's mark `无`.
    if first == Some(0xe5) && trim_cell(raw) == "天" {
        return CellValue::Na;
    }
    match first {
        Some(
            b'0'..=b'9'
            | b'+'
            | b'-'
            | b'O'
            | b'o'
            | b'l'
            | b'I'
            | b'S'
            | b'B'
            | b'Z'
            | 0xc2
            | 0xe3
            | 0xef,
        ) if ocr_misread(raw) => CellValue::Na,
        _ => v,
    }
}

/// The mark of a footnote as printed after a number (`3①`, `12※`, `0注2`,
/// `5[1]`, `7²`, `4（注）`): a circled or bracketed number, a reference sign, `注`
/// with or without its number, in brackets or not, a number in square brackets,
/// one superscript digit. Letters are not marks (`3a`, `1O`: an OCR engine's
/// digits).
pub fn is_footnote_mark(s: &str) -> bool {
    let s = s.trim_matches(|c: char| c == ' ' || c == '\u{a0}');
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest = chars.as_str();
    // (Full-width in a text whose digits are: `１１注１`.)
    let digits = |t: &str| {
        (1..=2).contains(&t.chars().count())
            && t.chars()
                .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    };
    let circled = |t: &str| {
        let mut c = t.chars();
        c.next()
            .is_some_and(|x| ('\u{2460}'..='\u{2473}').contains(&x))
            && c.next().is_none()
    };
    // `注`, `注1`, `注②`.
    let note = |t: &str| {
        t.strip_prefix('注')
            .is_some_and(|n| n.is_empty() || digits(n) || circled(n))
    };
    match first {
        // ①…⑳, ⑴…⒇; ※ † ‡ alone; asterisks, one to three.
        '\u{2460}'..='\u{2487}' | '※' | '†' | '‡' => rest.is_empty(),
        '*' | '＊' => rest.chars().count() < 3 && rest.chars().all(|c| c == first),
        '¹' | '²' | '³' | '\u{2070}' | '\u{2074}'..='\u{2079}' => rest.is_empty(),
        '注' => note(s),
        '[' | '［' | '【' | '〔' | '(' | '（' => {
            let inner = rest
                .strip_suffix([']', '］', '】', '〕', ')', '）'])
                .unwrap_or("");
            // `(1)` after a number is no mark: a remark's count, or a cell of its own.
            note(inner) || matches!(first, '[' | '［') && digits(inner)
        }
        _ => false,
    }
}

/// A number with the mark of a footnote after it (`3①`, `-5※`, `12注1`,
/// `0[1]`): the number's text and the mark ([`is_footnote_mark`]).
pub fn footnote_split(s: &str) -> Option<(&str, &str)> {
    split_mark_after(trim_cell(s), |c| {
        c.is_ascii_digit() || ('０'..='９').contains(&c)
    })
}

/// [`footnote_split`] of a trimmed cell `t`, where the number may end in any
/// character `ends` takes (an OCR engine's look-alikes of digits: `〇③`, `1O①`).
fn split_mark_after(t: &str, ends: impl Fn(char) -> bool) -> Option<(&str, &str)> {
    // Told by the last character first: asked of cells of text (`1.属于国家秘密`)
    // as often as of numbers, and a mark ends in few characters (`注1` in a digit).
    let last = t.chars().next_back()?;
    let digit = last.is_ascii_digit() || ('０'..='９').contains(&last);
    let may_end_a_mark = matches!(
        last,
        '\u{2460}'..='\u{2487}'
            | '※'
            | '†'
            | '‡'
            | '*'
            | '＊'
            | '¹'
            | '²'
            | '³'
            | '\u{2070}'..='\u{2079}'
            | '注'
            | ']'
            | '］'
            | '】'
            | '〕'
            | ')'
            | '）'
    ) || digit && t.contains('注');
    if !may_end_a_mark {
        return None;
    }
    for (i, _) in t.char_indices().rev().take(5) {
        let (num, mark) = t.split_at(i);
        if num.ends_with(&ends) && is_footnote_mark(mark) {
            return Some((num, mark));
        }
    }
    None
}

/// The number of a trimmed cell that prints one with a footnote's mark after
/// it, else [`CellValue::Text`].
fn footnoted_number(s: &str) -> CellValue {
    // (`s` is trimmed already.)
    match split_mark_after(s, |c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        Some((num, _)) => match parse_cell_text(num) {
            v @ CellValue::Number(..) => v,
            _ => CellValue::Text,
        },
        None => CellValue::Text,
    }
}

/// `1O5`, `l2`, `2O`, `Z`, `〇`, `+I9`, `Z9项`: a number whose digits an OCR engine printed, some
/// of them as the letters they look like (O o 〇 for 0, l I for 1, S for 5, B for
/// 8, Z for 2): at least one digit with them, or one such letter alone. Which
/// digits they were is a guess, never a number.
pub fn ocr_misread(raw: &str) -> bool {
    let t = trim_cell(raw);
    // Inside the markup a rewrite put around the cell (`__o__`, `&nbsp;*O*`),
    // as the cell's value is read.
    let t = match t.as_bytes().first() {
        Some(b'*' | b'_' | b'&') => unwrap_markup(t).unwrap_or(t),
        _ => t,
    };
    // A change column's sign before them (`+I9`, `－O`) is part of the number.
    let t = t
        .strip_prefix(['+', '-', '＋', '－'])
        .map_or(t, str::trim_start);
    // A count's unit after them (`Z9项`, `1O件`) is part of the cell.
    let t = t
        .strip_suffix(['项', '件', '个', '次'])
        .map_or(t, str::trim_end);
    // A footnote's mark after them (`Z776注1`, `〇③`) is no digit of the number.
    let look_alike_or_digit = |c: char| {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || matches!(c, 'O' | 'o' | '〇' | 'l' | 'I' | 'S' | 'B' | 'Z')
    };
    let t = split_mark_after(t, look_alike_or_digit).map_or(t, |(num, _)| num);
    // `天` alone: OCR's reading of the mark `无` of an empty cell.
    if t == "天" {
        return true;
    }
    let look_alike = |c: char| matches!(c, 'O' | 'o' | '〇' | 'l' | 'I' | 'S' | 'B' | 'Z');
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let Some(first) = t.chars().next() else {
        return false;
    };
    if !(look_alike(first) || digit(first)) || t.len() > 24 {
        return false;
    }
    // A look-alike with the group separator after it (`l,`: `1,362` cut by a
    // wrap) is one character of a number.
    let n = t.trim_end_matches([',', '，']).chars().count();
    t.chars().any(look_alike)
        && t.chars()
            .all(|c| look_alike(c) || digit(c) || matches!(c, ',' | '.' | '，' | '．'))
        && (n == 1 || t.chars().any(digit))
}

fn parse_cell_text(raw: &str) -> CellValue {
    let s = trim_cell(raw);
    if s.is_empty() {
        return CellValue::Blank;
    }
    // Most cells are labels: anything that does not start like a number or an na
    // token is text, without running the grammar.
    let first = s.as_bytes()[0];
    if !(first.is_ascii_digit() || first == b'+' || first == b'-') {
        // `**12**`, `_3_`, `&nbsp;0`: markdown emphasis or a space written as a
        // character reference around the cell's text.
        if matches!(first, b'*' | b'_' | b'&') {
            if let Some(inner) = unwrap_markup(s) {
                return parse_cell(inner);
            }
        }
        // (`s` is trimmed; most labels are longer than any of the words, or
        // open with a byte none of them does.)
        if s.len() <= 9
            && matches!(first, b'N' | b'n' | b'#' | b'(' | 0xc3 | 0xe4 | 0xe6 | 0xef)
            && NA_WORDS.contains(&s)
        {
            return CellValue::Na;
        }
        if s.len() == 9 && misread_na_word(s) {
            return CellValue::Na;
        }
        let c = s.chars().next().unwrap_or(' ');
        if !matches!(
            c,
            '０'
                ..='９'
                    | '＋'
                    | '－'
                    | '\u{2212}'
                    | '/'
                    | '／'
                    | '—'
                    | '–'
                    | '无'
                    | '無'
                    | '空'
                    | '\\'
                    | '…'
                    | '&'
        ) {
            return CellValue::Text;
        }
    }
    if first.is_ascii_digit() && s.bytes().all(|b| b.is_ascii_digit()) {
        // The common case, `0` or `12`: no grammar needed, and up to 18 digits no
        // overflow to check.
        if s.len() <= 18 {
            let m = s.bytes().fold(0i64, |m, b| m * 10 + i64::from(b - b'0'));
            return CellValue::Number(Decimal::int(m), None);
        }
        return match Decimal::parse_plain(s) {
            Some(d) => CellValue::Number(d, None),
            None => CellValue::Text,
        };
    }
    // `12**`, `12&nbsp;`, `5<br>`: the markup after a number.
    if matches!(s.as_bytes()[s.len() - 1], b'*' | b'_' | b';' | b'>') {
        if let Some(inner) = unwrap_markup(s) {
            return parse_cell(inner);
        }
    }
    if NA_TOKENS.contains(&s) {
        return CellValue::Na;
    }
    // `\-25`, `&#45;25`: a sign escaped by a markup writer (jira, markdown), or
    // written as a character reference (textile).
    if let Some(rest) = s.strip_prefix('\\') {
        if rest.starts_with(['-', '+']) && rest.as_bytes().get(1).is_some_and(u8::is_ascii_digit) {
            return parse_cell(rest);
        }
    }
    for (reference, sign) in [
        ("&#45;", "-"),
        ("&#x2d;", "-"),
        ("&#x2D;", "-"),
        ("&#43;", "+"),
    ] {
        if let Some(rest) = s.strip_prefix(reference) {
            if rest.as_bytes().first().is_some_and(u8::is_ascii_digit) {
                return parse_cell(&format!("{sign}{rest}"));
            }
        }
    }
    if s.is_ascii() {
        return match number_cell(s) {
            // `5[1]`, `3**`: a footnote's mark after the number.
            CellValue::Text if s.ends_with([']', '*']) => footnoted_number(s),
            v => v,
        };
    }
    // A number holds no character but ASCII, spaces, the full-width forms folded
    // below and the first characters of the units: a label that starts with a
    // digit (`1.属于国家秘密`) is text without folding it.
    if !s.chars().all(|c| {
        c.is_ascii()
            || matches!(
                c,
                '０'
                    ..='９'
                        | '＋'
                        | '－'
                        | '\u{2212}'
                        | '．'
                        | '，'
                        | '万'
                        | '萬'
                        | '元'
                        | '件'
                        | '项'
                        | '个'
                        | '条'
            )
            || is_cell_space(c)
    }) {
        // `3①`, `12注`, `7²`: a footnote's mark after the number.
        return footnoted_number(s);
    }
    // `37 551 661.7元` with a narrow no-break, thin or figure space between the
    // groups: a typeset thousands separator, which parts no cells. (The groups
    // joined are read by the cell grammar only: a look-alike among them,
    // `4 068.Z08`, is text, not the mark of an empty cell that `parse_cell`
    // makes of a misread number.)
    if s.contains(GROUP_SPACES) {
        return ungrouped(s).map_or(CellValue::Text, |t| parse_cell_text(&t));
    }
    // Fold full-width digits/signs/point; keep CJK units as they are.
    let mut buf = [0u8; 64];
    let mut n = 0;
    for c in s.chars() {
        let c = match c {
            '０'..='９' | '＋' | '－' | '．' | '，' => {
                char::from_u32(c as u32 - 0xfee0).unwrap_or(c)
            }
            // The minus sign of typeset text (U+2212), as formula OCR and word
            // processors print a change column's `−3`: a sign, never a dash mark.
            '\u{2212}' => '-',
            c if is_cell_space(c) => ' ',
            c => c,
        };
        if n + c.len_utf8() > buf.len() {
            return CellValue::Text;
        }
        n += c.encode_utf8(&mut buf[n..]).len();
    }
    match std::str::from_utf8(&buf[..n]) {
        Ok(folded) => number_cell(folded),
        Err(_) => CellValue::Text,
    }
}

/// The spaces typesetting and locale-aware number formats print between the groups
/// of a number's digits, and nothing else: narrow no-break (U+202F), thin
/// (U+2009) and figure (U+2007) space.
pub(crate) const GROUP_SPACES: [char; 3] = ['\u{202f}', '\u{2009}', '\u{2007}'];

/// `s` without the [`GROUP_SPACES`] between its groups of digits, when they stand
/// where a thousands separator stands: after one to three digits (a sign before
/// them allowed), then before each group of exactly three; whatever follows the
/// last group (a decimal part, a unit) is left to the cell grammar.
fn ungrouped(s: &str) -> Option<String> {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut parts = s.split(GROUP_SPACES);
    let head = parts.next()?;
    let lead = head.trim_start_matches(['+', '-', '＋', '－', '\u{2212}']);
    if !(1..=3).contains(&lead.chars().count()) || !lead.chars().all(digit) {
        return None;
    }
    let mut out = String::from(head);
    let mut last = false;
    for p in parts {
        let mut cs = p.chars();
        // A group after one that had more than its three digits (`1 551.2 333`).
        if last || cs.by_ref().take(3).filter(|&c| digit(c)).count() != 3 {
            return None;
        }
        match cs.as_str() {
            "" => {}
            rest if rest.starts_with(digit) => return None,
            _ => last = true,
        }
        out.push_str(p);
    }
    Some(out)
}

/// Spaces written as character references, as HTML-to-text writers leave them in
/// cells.
pub(crate) const SPACE_REFS: &[&str] = &[
    "&nbsp;", "&#160;", "&#xa0;", "&#xA0;", "&#12288;", "&#x3000;", "&ensp;", "&emsp;",
];
/// Line-break tags left in cells.
pub(crate) const BREAK_TAGS: &[&str] = &["<br>", "<br/>", "<br />", "<BR>"];

/// The text of a cell inside the markup a markdown or HTML-to-text writer put
/// around it: a pair of emphasis marks (`**`, `*`, `__`, `_`), spaces written as
/// character references (`&nbsp;`, `&#12288;`) and a trailing `<br>`. `None` when
/// there is none, or nothing inside it.
fn unwrap_markup(s: &str) -> Option<&str> {
    let mut t = s;
    loop {
        let before = t.len();
        for sp in SPACE_REFS {
            t = t.strip_prefix(sp).unwrap_or(t);
            t = t.strip_suffix(sp).unwrap_or(t);
        }
        for br in BREAK_TAGS {
            t = t.strip_suffix(br).unwrap_or(t);
        }
        for m in ["**", "__", "*", "_"] {
            if t.len() > 2 * m.len() {
                if let Some(inner) = t.strip_prefix(m).and_then(|x| x.strip_suffix(m)) {
                    t = inner;
                }
            }
        }
        t = trim_cell(t);
        if t.len() == before {
            break;
        }
    }
    (t.len() < s.len() && !t.is_empty()).then_some(t)
}

/// Whitespace around a cell: ASCII, U+00A0, U+3000 and friends.
pub fn is_cell_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

/// `s` without the [`is_cell_space`] characters at either end: the same as
/// `s.trim_matches(is_cell_space)`, a byte at a time. Cells are trimmed by the
/// hundred per report, and a character that is neither ASCII nor opens with a byte
/// that one of those spaces opens with (C2, E1, E2, E3, EF) is no space: most
/// labels (`规章`) are told without a look-up in the Unicode tables.
///
/// The test of the ends is inlined where a cell is read, the trimming itself is
/// not: a call for every cell cost about as much as the test (callgrind).
#[inline]
pub(crate) fn trim_cell(s: &str) -> &str {
    let b = s.as_bytes();
    if b.is_empty() || (opens_printed(b) && ends_printed(b)) {
        return s;
    }
    trim_cell_ends(s)
}

/// [`trim_cell`] of a cell with a space (or a character that may be one) at an end.
#[inline(never)]
fn trim_cell_ends(s: &str) -> &str {
    let b = s.as_bytes();
    let a = cell_space_lead(s);
    let mut e = b.len();
    // The last character is told by its last byte, and by the byte that opens it
    // when that one is not ASCII: C2 (two bytes), E1, E2, E3 or EF (three).
    while e > a {
        let x = b[e - 1];
        let w = if x < 0x80 {
            usize::from((x as char).is_whitespace())
        } else if e - a >= 2 && b[e - 2] == 0xc2 {
            if matches!(x, 0xa0 | 0x85) {
                2
            } else {
                0
            }
        } else if e - a >= 3 && matches!(b[e - 3], 0xe1 | 0xe2 | 0xe3 | 0xef) {
            let c = s.get(e - 3..e).and_then(|t| t.chars().next());
            if c.is_some_and(is_cell_space) {
                3
            } else {
                0
            }
        } else {
            0
        };
        if w == 0 {
            break;
        }
        e -= w;
    }
    &s[a..e]
}

/// `s.trim()`, with `s` returned at once when its first and last bytes show no
/// whitespace at either end ([`opens_printed`], [`ends_printed`]: those tell no
/// [`is_cell_space`] character, of which whitespace is a part). `trim` decodes
/// both end characters and looks a Han one up in the Unicode tables; labels and
/// numbers are trimmed by the hundred per report (`trim` was 3.5% of a run's
/// instructions on issue 13's tree, callgrind).
#[inline]
pub(crate) fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    if b.is_empty() || (opens_printed(b) && ends_printed(b)) {
        s
    } else {
        s.trim()
    }
}

/// Whether `b` opens with a character that is no [`is_cell_space`]: a printed
/// ASCII byte, or a three-byte character led by E4–E9 (Han). Most cells do, and
/// end so ([`ends_printed`]): [`trim_cell`] returns them as they are.
fn opens_printed(b: &[u8]) -> bool {
    b.first()
        .is_some_and(|&x| printed_ascii(x) || (0xe4..=0xe9).contains(&x))
}

/// Whether `b` ends with a character that is no [`is_cell_space`]: a printed
/// ASCII byte, or a character whose first byte, three from the end, is E4–E9
/// (such a byte only ever opens a character of three bytes).
fn ends_printed(b: &[u8]) -> bool {
    let n = b.len();
    b.last().is_some_and(|&x| printed_ascii(x)) || (n >= 3 && (0xe4..=0xe9).contains(&b[n - 3]))
}

/// An ASCII byte that is no whitespace (`char::is_whitespace`: TAB to CR and space).
fn printed_ascii(x: u8) -> bool {
    x < 0x80 && !matches!(x, b' ' | b'\t'..=b'\r')
}

/// How many bytes of [`is_cell_space`] characters `s` starts with: `s.len() -
/// s.trim_start_matches(is_cell_space).len()`, a byte at a time.
pub(crate) fn cell_space_lead(s: &str) -> usize {
    let b = s.as_bytes();
    let mut a = 0;
    while let Some(&x) = b.get(a) {
        let w = match x {
            0..=0x7f => usize::from((x as char).is_whitespace()),
            0xc2 if matches!(b.get(a + 1), Some(0xa0 | 0x85)) => 2,
            0xe3 if b.get(a + 1..a + 3) == Some(&[0x80, 0x80]) => 3,
            0xe1 | 0xe2 | 0xef => {
                let c = s.get(a..).and_then(|t| t.chars().next());
                if c.is_some_and(is_cell_space) {
                    3
                } else {
                    0
                }
            }
            _ => 0,
        };
        if w == 0 {
            break;
        }
        a += w;
    }
    a
}

fn number_cell(s: &str) -> CellValue {
    match all_consuming(number)(s) {
        Ok((_, (text, unit))) => {
            let dec = if text.contains(',') {
                let plain: String = text.chars().filter(|&c| c != ',').collect();
                Decimal::parse_plain(&plain)
            } else {
                Decimal::parse_plain(text)
            };
            match dec {
                Some(d) => CellValue::Number(d, unit),
                None => CellValue::Text,
            }
        }
        Err(_) => CellValue::Text,
    }
}

/// `number = sign? digits ("." digits)? ws* unit?`
fn number(s: &str) -> IResult<&str, (&str, Option<Unit>)> {
    let (s, text) = recognize(pair(
        opt(one_of("+-")),
        pair(grouped_digits, opt(preceded(ch('.'), digit1))),
    ))(s)?;
    let (s, _) = nom::character::complete::space0(s)?;
    let (s, unit) = opt(unit)(s)?;
    Ok((s, (text, unit)))
}

/// `digits = [0-9]{1,3} ("," [0-9]{3})+ | [0-9]+`
fn grouped_digits(s: &str) -> IResult<&str, &str> {
    alt((
        recognize(pair(
            digit1,
            many1(preceded(
                ch(','),
                nom::bytes::complete::take_while_m_n(3, 3, |c: char| c.is_ascii_digit()),
            )),
        )),
        digit1,
    ))(s)
    .and_then(|(rest, d)| {
        // A grouped form must start with 1–3 digits.
        match d.find(',') {
            Some(i) if i > 3 => digit1(s),
            _ => Ok((rest, d)),
        }
    })
}

/// `unit = "万元" | "元" | "件" | "项" | "个" | "条"`
fn unit(s: &str) -> IResult<&str, Unit> {
    let (rest, u) = alt((
        tag("万元"),
        tag("萬元"),
        tag("元"),
        tag("件"),
        tag("项"),
        tag("个"),
        tag("条"),
    ))(s)?;
    let u = if u == "萬元" { "万元" } else { u };
    Ok((rest, Unit::from_name(u).unwrap_or(Unit::Jian)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_misread_word_for_an_empty_cell_is_kept_unresolved() {
        let got: Vec<(bool, bool)> = [
            "木适用",
            "不适甩",
            "不适用",
            "木造用",
            "行政许可",
            "不适用于",
        ]
        .iter()
        .map(|s| (misread_na_word(s), unknown_cell(s)))
        .collect();
        assert_eq!(
            got,
            [
                (true, true),
                (true, true),
                (false, false),
                (false, false),
                (false, false),
                (false, false)
            ]
        );
        assert_eq!(parse_cell("木适用"), CellValue::Na);
    }

    use super::*;

    #[test]
    fn fixed_point_adds_and_compares_across_scales() {
        let d = |mantissa, scale| Decimal { mantissa, scale };
        assert_eq!(d(377, 1).fixed(), 37_700_000_000_000);
        assert_eq!(d(377, 1).fixed(), d(37700, 3).fixed());
        assert_eq!(d(-8, 0).fixed(), -8_000_000_000_000);
        assert_eq!(d(1, 12).fixed(), 1);
        assert_eq!(d(1, 0).fixed() + d(5, 1).fixed(), d(15, 1).fixed());
    }

    fn num(m: i64, scale: u8, unit: Option<Unit>) -> CellValue {
        CellValue::Number(Decimal { mantissa: m, scale }, unit)
    }

    /// The quick `trim` is `str::trim`, on every kind of end: ASCII, Han, the
    /// spaces of two and three bytes, and characters that share their first byte.
    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "规章",
            " 规章 ",
            "\u{3000}规章\u{3000}",
            "\u{a0}3\u{a0}",
            "3",
            "12 ",
            "\t行政许可",
            "行政许可\r",
            "\u{feff}x",
            "x\u{200b}",
            "\u{2003}",
            "（一）",
            "a\u{85}",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    /// The byte-wise trim is `trim_matches(is_cell_space)`: every space character
    /// Unicode has (and U+FEFF, U+200B) at either end, alone, doubled and around
    /// text, beside characters that share their first byte and are no space.
    #[test]
    fn trim_cell_is_trim_matches() {
        let spaces: Vec<char> = (0u32..0x11000)
            .filter_map(char::from_u32)
            .filter(|&c| is_cell_space(c))
            .collect();
        assert!(spaces.contains(&'\u{3000}') && spaces.contains(&'\u{feff}'));
        let others = [
            "",
            "规章",
            "0",
            "\u{c2}\u{a9}",
            "\u{2010}",
            "\u{3001}",
            "\u{ff10}",
            "a b",
            "\u{1c}",
            "x\u{e9}",
        ];
        for &sp in &spaces {
            for o in others {
                for t in [
                    format!("{sp}{o}"),
                    format!("{o}{sp}"),
                    format!("{sp}{sp}{o}{sp}"),
                    format!("{o}{sp}{o}"),
                    format!("\u{a9}{o}{sp}\u{2010}"),
                ] {
                    assert_eq!(trim_cell(&t), t.trim_matches(is_cell_space), "{t:?}");
                    let lead = t.len() - t.trim_start_matches(is_cell_space).len();
                    assert_eq!(cell_space_lead(&t), lead, "{t:?}");
                }
            }
        }
    }

    /// Integers of every length up to the parse_plain cut-off and past it.
    #[test]
    fn long_integers() {
        assert_eq!(
            parse_cell("999999999999999999"),
            num(999_999_999_999_999_999, 0, None)
        );
        assert_eq!(
            parse_cell("1000000000000000000"),
            num(1_000_000_000_000_000_000, 0, None)
        );
        assert_eq!(parse_cell("99999999999999999999"), CellValue::Text);
        assert_eq!(parse_cell("007"), num(7, 0, None));
    }

    #[test]
    fn escaped_sign() {
        assert_eq!(parse_cell("\\-25"), num(-25, 0, None));
        assert_eq!(parse_cell("\\+3"), num(3, 0, None));
        assert_eq!(parse_cell("\\-x"), CellValue::Text);
        assert_eq!(parse_cell("&#45;25"), num(-25, 0, None));
        assert_eq!(parse_cell("&#45;"), CellValue::Text);
    }
    #[test]
    fn nbsp_before() {
        assert_eq!(parse_cell("\u{a0}2"), num(2, 0, None));
    }
    #[test]
    fn nbsp_after() {
        assert_eq!(parse_cell("0\u{a0}"), num(0, 0, None));
    }
    #[test]
    fn unit_xiang() {
        assert_eq!(parse_cell("29项"), num(29, 0, Some(Unit::Xiang)));
    }
    #[test]
    fn unit_yuan_decimal() {
        assert_eq!(
            parse_cell("37551661.7元"),
            num(375516617, 1, Some(Unit::Yuan))
        );
    }
    #[test]
    fn unit_wanyuan() {
        assert_eq!(
            parse_cell("160.5964万元"),
            num(1605964, 4, Some(Unit::WanYuan))
        );
    }
    #[test]
    fn empty_cell() {
        assert_eq!(parse_cell(""), CellValue::Blank);
        assert_eq!(parse_cell(" \u{a0}\u{3000}"), CellValue::Blank);
    }
    #[test]
    fn signed() {
        assert_eq!(parse_cell("+19"), num(19, 0, None));
        assert_eq!(parse_cell("-8"), num(-8, 0, None));
    }
    #[test]
    fn na_tokens() {
        for t in ["/", "-", "—", "无", "無", "－", " / "] {
            assert_eq!(parse_cell(t), CellValue::Na, "{t}");
        }
        // Words for nothing, as spreadsheets, scripts and writers print them.
        for t in [
            "N/A",
            "n/a",
            "NA",
            "#N/A",
            "NaN",
            "nan",
            "None",
            "null",
            "NULL",
            "不适用",
            "暂无",
            "（空）",
            "(空)",
            "×",
            " N/A ",
        ] {
            assert_eq!(parse_cell(t), CellValue::Na, "{t}");
        }
        for t in ["Na", "none", "不适用于", "N/A件", "x"] {
            assert_eq!(parse_cell(t), CellValue::Text, "{t}");
        }
        // A script's words for a cell it did not find: kept in their column, of
        // unknown value.
        for t in ["NaN", "nan", "None", "null", "NULL"] {
            assert!(is_absent_word(t) && unknown_cell(t), "{t}");
        }
        assert!(!is_absent_word("N/A") && !unknown_cell("暂无") && unknown_cell("1O5"));
    }
    #[test]
    fn full_width_digits() {
        assert_eq!(parse_cell("１２"), num(12, 0, None));
    }
    /// A number with the mark of a footnote after it is the number; letters after
    /// digits (an OCR engine's look-alikes, `3a`) and a number in parentheses are
    /// no mark.
    #[test]
    fn footnote_marks_after_numbers() {
        for (cell, v) in [
            ("3①", 3),
            ("12⑳", 12),
            ("0⑴", 0),
            ("5※", 5),
            ("7†", 7),
            ("7‡", 7),
            ("3*", 3),
            ("3**", 3),
            ("3＊", 3),
            ("-5②", -5),
            ("2²", 2),
            ("0¹", 0),
            ("12注", 12),
            ("12注1", 12),
            ("12注②", 12),
            ("0[1]", 0),
            ("0［2］", 0),
            ("4【注】", 4),
            ("4〔注1〕", 4),
            ("4（注）", 4),
            ("4(注1)", 4),
            ("３①", 3),
            ("１１注１", 11),
            ("６６［２］", 66),
            (" 8① ", 8),
        ] {
            assert_eq!(parse_cell(cell), num(v, 0, None), "{cell}");
        }
        assert_eq!(parse_cell("12件①"), CellValue::Text);
        for cell in [
            "3a",
            "3①①",
            "3²³",
            "12注释",
            "4(1)",
            "4[123]",
            "①",
            "注1",
            "1.属于国家秘密",
            "3※5",
        ] {
            assert_eq!(parse_cell(cell), CellValue::Text, "{cell}");
        }
        assert_eq!(footnote_split("12注1"), Some(("12", "注1")));
        assert_eq!(footnote_split(" 0【注】"), Some(("0", "【注】")));
        assert_eq!(footnote_split("123"), None);
        // Digits OCR printed as letters, with a footnote's mark: unresolved (`Na`
        // to the readers), not the mark's digit.
        assert!(ocr_misread("Z776注1") && ocr_misread("〇③") && ocr_misread("1O①"));
        assert_eq!(parse_cell("Z776注1"), CellValue::Na);
        assert_eq!(footnote_split("规章"), None);
    }

    /// The typeset minus sign (U+2212) is a sign; alone, or after the digits, it
    /// is no number and no mark either.
    #[test]
    fn typeset_minus_sign() {
        assert_eq!(parse_cell("\u{2212}3"), num(-3, 0, None));
        assert_eq!(parse_cell("\u{2212}12件"), num(-12, 0, Some(Unit::Jian)));
        assert_eq!(parse_cell("\u{2212}"), CellValue::Text);
        assert_eq!(parse_cell("3\u{2212}"), CellValue::Text);
    }
    #[test]
    fn thousands() {
        assert_eq!(parse_cell("3,119"), num(3119, 0, None));
        assert_eq!(parse_cell("1234,567"), CellValue::Text);
    }
    #[test]
    fn groups_parted_by_typeset_spaces() {
        // Narrow no-break, thin and figure space between groups of three.
        assert_eq!(parse_cell("1\u{202f}288"), num(1288, 0, None));
        assert_eq!(
            parse_cell("37\u{202f}551\u{202f}661.7元"),
            num(375516617, 1, Some(Unit::Yuan))
        );
        assert_eq!(parse_cell("4\u{2009}068.208"), num(4068208, 3, None));
        assert_eq!(parse_cell("１\u{2007}２８８"), num(1288, 0, None));
        // Not where a thousands separator stands: no number.
        for cell in [
            "1288\u{202f}000",
            "1\u{202f}28",
            "1\u{202f}2888",
            "1\u{202f}551.2\u{202f}333",
            "1\u{202f}\u{202f}288",
            "4\u{202f}068.Z08",
        ] {
            assert_eq!(parse_cell(cell), CellValue::Text, "{cell:?}");
        }
    }
    #[test]
    fn trailing_zero_fraction() {
        assert_eq!(
            parse_cell("73802895.90元"),
            num(738028959, 1, Some(Unit::Yuan))
        );
    }
    #[test]
    fn text_is_text() {
        assert_eq!(parse_cell("规章"), CellValue::Text);
        // Markup around a number (markdown emphasis, character references, `<br>`).
        for cell in [
            "**12**",
            "_12_",
            "__12__",
            "*12*",
            "_**12**_",
            "&nbsp;12",
            "12&nbsp;",
            "&#12288;12",
            "12<br>",
        ] {
            assert_eq!(
                parse_cell(cell),
                CellValue::Number(Decimal::int(12), None),
                "{cell}"
            );
        }
        assert_eq!(parse_cell("**规章**"), CellValue::Text);
        assert_eq!(parse_cell("**"), CellValue::Text);
        assert_eq!(parse_cell("&nbsp;"), CellValue::Text);
        assert_eq!(parse_cell("**—**"), CellValue::Na);
        assert_eq!(parse_cell("*12"), CellValue::Text);
        // OCR look-alikes in a number: no number, a cell that holds none.
        for cell in [
            "1O5",
            "l2",
            "2O",
            "Z",
            "〇",
            "B0",
            "1,2O5",
            "+I9",
            "-l2",
            "＋1O",
            "Z9项",
            "1O件",
            "Z，776",
            "l,",
            "__o__",
            "&nbsp;&nbsp;__O__",
            "*o*",
            "&#12288;&#12288;〇",
        ] {
            assert_eq!(parse_cell(cell), CellValue::Na, "{cell}");
            assert!(ocr_misread(cell), "{cell}");
        }
        for cell in [
            "ISO", "SOS", "Bob", "O型", "IO", "0", "—", "规章", "+", "-", "+IO", "IO,", "**IO**",
            "__",
        ] {
            assert!(!ocr_misread(cell), "{cell}");
        }
        assert_eq!(parse_cell("12月"), CellValue::Text);
        assert_eq!(parse_cell("99999999999999999999"), CellValue::Text);
    }
    #[test]
    fn displays_plain_decimal() {
        assert_eq!(
            Decimal {
                mantissa: 375516617,
                scale: 1
            }
            .to_string(),
            "37551661.7"
        );
        assert_eq!(
            Decimal {
                mantissa: -8,
                scale: 0
            }
            .to_string(),
            "-8"
        );
        assert_eq!(
            Decimal {
                mantissa: 5,
                scale: 2
            }
            .to_string(),
            "0.05"
        );
        assert_eq!(
            Decimal {
                mantissa: -5,
                scale: 2
            }
            .to_string(),
            "-0.05"
        );
    }
    #[test]
    fn header_units() {
        assert_eq!(Unit::in_header("采购总金额(万元)"), Some(Unit::WanYuan));
        assert_eq!(
            Unit::in_header("本年收费金额(单位:万元)"),
            Some(Unit::WanYuan)
        );
        assert_eq!(Unit::in_header("采购总金额"), None);
    }
}
