//! Reading a run's text: its chunks (stretches between spaces, cut again before a
//! sign and after a unit) and a piece of it as a number with its unit.

use crate::model::value::{doubled_mark, empty_mark_len, Decimal, Unit};

/// A piece of a run read as a number, or `None` when it cannot be one cell.
pub(super) fn piece(p: &str) -> Option<(Decimal, Option<Unit>)> {
    let (num, unit) = split_unit(p);
    let digits = num.trim_start_matches(['+', '-']);
    // No leading zeros: `07` is two cells, `0.5` is one.
    if digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0.") {
        return None;
    }
    if digits.ends_with('.') {
        return None;
    }
    Decimal::parse_plain(num).map(|v| (v, unit))
}

/// Chunks of `raw` (at offset `base` in the text): stretches between spaces, cut
/// again before a sign and after a unit, and around the marks of empty cells
/// (`无`, `/`: each a chunk of its own; `——` and `--` one chunk, one mark of two
/// characters or two of one; a `-` before digits keeps them, a sign or a mark), as
/// byte ranges of the text.
pub(super) fn chunks(raw: &str, base: usize, out: &mut Vec<(usize, usize)>) {
    let mut start: Option<usize> = None;
    let mut i = 0;
    // The mark just before `i`, when it was one.
    let mut prev_mark: Option<&str> = None;
    while let Some(c) = raw[i..].chars().next() {
        let w = c.len_utf8();
        let mark = (empty_mark_len(&raw[i..]) == w).then(|| &raw[i..i + w]);
        let after = std::mem::replace(&mut prev_mark, mark);
        if mark.is_none() && after.is_some_and(|m| m != "-") {
            // Digits after a mark (not after a `-`, which may be their sign).
            if let Some(s) = start.take() {
                out.push((base + s, base + i));
            }
        }
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((base + s, base + i));
            }
        } else if c == '-' || c == '+' || mark.is_some() {
            // A doubled dash stays in its chunk (`——`, `--`).
            let doubled = mark.is_some() && after == mark && mark.is_some_and(doubled_mark);
            if !doubled {
                if let Some(s) = start.take() {
                    out.push((base + s, base + i));
                }
                start = Some(i);
            }
        } else {
            if start.is_none() {
                start = Some(i);
            }
            let unit_len = if raw[i..].starts_with("万元") {
                "万元".len()
            } else if matches!(c, '元' | '项' | '件') {
                w
            } else {
                0
            };
            if unit_len > 0 {
                let s = start.take().unwrap_or(i);
                out.push((base + s, base + i + unit_len));
                i += unit_len;
                continue;
            }
        }
        i += w;
    }
    if let Some(s) = start {
        out.push((base + s, base + raw.len()));
    }
}

pub(super) fn split_unit(p: &str) -> (&str, Option<Unit>) {
    for (u, unit) in [
        ("万元", Unit::WanYuan),
        ("元", Unit::Yuan),
        ("项", Unit::Xiang),
        ("件", Unit::Jian),
    ] {
        if let Some(n) = p.strip_suffix(u) {
            return (n, Some(unit));
        }
    }
    (p, None)
}
