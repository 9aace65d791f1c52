//! Page markers that converters leave between table rows: `- 3 -`, `-4-`, `— 4 —`,
//! `第 3 页`, `第3页 共12页`, `Page 9`, `P. 9`, `3/12`, `- 3/12 -`. A line that is one of them is
//! never a value; the readers set it aside with a note.

/// Whether `line`, as a whole, is a page marker. Cheap on lines that are not: the
/// first printed character decides whether anything else is looked at.
// `[u8]::contains` is memchr, whose set-up costs more than these few bytes.
#[allow(clippy::manual_contains)]
pub fn is_page_marker(line: &str) -> bool {
    // Most lines asked about are numbers: one that opens with an ASCII digit is a
    // marker only as `3/12` (a byte loop: these lines are a few bytes long).
    let b = line.as_bytes();
    if b.first().is_some_and(u8::is_ascii_digit) && !b.iter().any(|&c| c == b'/') {
        return false;
    }
    let space = |c: char| c.is_whitespace() || c == '\u{feff}';
    // Printed ASCII at an end is no space: that end needs no Unicode trim.
    let printed =
        |b: Option<&u8>| b.is_some_and(|&b| b < 0x80 && !matches!(b, b' ' | b'\t'..=b'\r'));
    let head = if printed(line.as_bytes().first()) {
        line
    } else {
        line.trim_start_matches(space)
    };
    let Some(first) = head.chars().next() else {
        return false;
    };
    if !matches!(first, '-' | '－' | '—' | '–' | '第' | 'P' | 'p' | '0'..='9' | '０'..='９')
    {
        return false;
    }
    // A marker that opens with a digit is `3/12`: without a `/` a line of
    // numbers (most lines of a table) is none, whatever its length.
    let digit = first.is_ascii_digit() || ('０'..='９').contains(&first);
    if digit && memchr::memchr(b'/', head.as_bytes()).is_none() {
        return false;
    }
    let t = if printed(head.as_bytes().last()) {
        head
    } else {
        head.trim_end_matches(space)
    };
    if t.len() > 40 {
        return false;
    }
    // `- 3 -`, `— 4 —`, `-4-`, `－5－`, `—— 6 ——`.
    let dash = |c: char| matches!(c, '-' | '－' | '—' | '–');
    if dash(first) {
        let inner = t.trim_matches(dash);
        if inner.len() == t.len() || !t.ends_with(dash) {
            return false;
        }
        // `- 3/20 -`: a page of a total between dashes.
        let inner = inner.trim();
        return page_number(inner).is_some() || slash_page(inner).is_some();
    }
    // `第 3 页`, `第3页 共12页`, `第3页/共12页`.
    if let Some(rest) = t.strip_prefix('第') {
        let Some((n, after)) = rest.split_once('页') else {
            return false;
        };
        if page_number(n.trim()).is_none() {
            return false;
        }
        let after =
            after.trim_matches(|c: char| c.is_whitespace() || matches!(c, '/' | '，' | ','));
        if after.is_empty() {
            return true;
        }
        return after
            .strip_prefix('共')
            .and_then(|r| r.strip_suffix('页'))
            .is_some_and(|n| page_number(n.trim()).is_some());
    }
    // `Page 9`, `page 9 of 12`, `P. 9`, `P9`.
    if matches!(first, 'P' | 'p') {
        let lower = t.to_ascii_lowercase();
        let rest = lower
            .strip_prefix("page")
            .or_else(|| lower.strip_prefix("p."))
            .or_else(|| lower.strip_prefix('p'));
        let Some(rest) = rest else { return false };
        let rest = rest.trim();
        let (n, of) = match rest.split_once(" of ") {
            Some((n, of)) => (n.trim(), Some(of.trim())),
            None => (rest, None),
        };
        return page_number(n).is_some() && of.is_none_or(|o| page_number(o).is_some());
    }
    // `3/12`, `3 / 12`: a page of a total, the page not past the total.
    if let Some((a, b)) = t.split_once('/') {
        return match (page_number(a.trim()), page_number(b.trim())) {
            (Some(a), Some(b)) => a >= 1 && a <= b,
            _ => false,
        };
    }
    false
}

/// The page and the total of a line of the shape `3/12`, `3 / 12` (the page not
/// past the total), spaces around it allowed.
pub fn slash_page(line: &str) -> Option<(u32, u32)> {
    let t = line.trim();
    if !t.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        return None;
    }
    let (a, b) = t.split_once('/')?;
    let (a, b) = (page_number(a.trim())?, page_number(b.trim())?);
    (a >= 1 && a <= b).then_some((a, b))
}

/// A page number: one to four digits, ASCII or full-width (`４`).
fn page_number(s: &str) -> Option<u32> {
    let mut n = 0u32;
    let mut k = 0;
    for c in s.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => return None,
        };
        n = n * 10 + d;
        k += 1;
        if k > 4 {
            return None;
        }
    }
    (k > 0).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::is_page_marker;

    #[test]
    fn every_shape_is_a_page_marker() {
        for l in [
            "- 3 -",
            "-4-",
            "— 4 —",
            "－5－",
            "—— 6 ——",
            "  - 12 -  ",
            "第 3 页",
            "第3页",
            "第3页 共12页",
            "第3页/共12页",
            "Page 9",
            "page 9 of 12",
            "P. 9",
            "P9",
            "3/12",
            "3 / 12",
            "\u{3000}-7-\r",
            "- 3/12 -",
            "— 3 / 12 —",
        ] {
            assert!(is_page_marker(l), "{l}");
        }
    }

    #[test]
    fn values_and_labels_are_not() {
        for l in [
            "-",
            "—",
            "3",
            "0 0 0",
            "12/3",
            "0/5",
            "- 3",
            "3 -",
            "第二十条第（一）项",
            "第3项",
            "Page",
            "P.",
            "-12345-",
            "规章 0 0 0",
            "",
            "1/2/3",
            "—/—",
            "- 13/12 -",
            "- 3/ -",
        ] {
            assert!(!is_page_marker(l), "{l}");
        }
    }
}
