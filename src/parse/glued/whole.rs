//! The listing as it was before it pruned, kept for runs longer than
//! [`LONG_RUN`](super::LONG_RUN): every split piece by piece from the left, within
//! [`MAX_SPLITS`](super::MAX_SPLITS) steps.

use super::pieces::split_unit;
use super::{Split, MAX_SPLITS};
use crate::model::value::Decimal;

/// The listing as it was before it pruned, for runs longer than [`LONG_RUN`]:
/// every split of `raw` (at byte offset `base` in the text) into `k` numbers, piece
/// by piece from the left, or `None` when that takes more than [`MAX_SPLITS`]
/// steps.
pub(super) fn whole_listing(raw: &str, k: usize, base: usize) -> Option<Vec<Split>> {
    // Chunks: stretches between spaces, cut again before a sign and after a unit.
    let mut chunks: Vec<(usize, &str)> = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < raw.len() {
        let c = raw[i..].chars().next()?;
        let w = c.len_utf8();
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                chunks.push((s, &raw[s..i]));
            }
        } else if c == '-' || c == '+' {
            if let Some(s) = start.take() {
                chunks.push((s, &raw[s..i]));
            }
            start = Some(i);
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
                chunks.push((s, &raw[s..i + unit_len]));
                i += unit_len;
                continue;
            }
        }
        i += w;
    }
    if let Some(s) = start {
        chunks.push((s, &raw[s..]));
    }
    // For each chunk, the ways to cut it into m numbers, m = 1..=digits.
    let mut out: Vec<Split> = Vec::new();
    let mut cur: Split = Vec::with_capacity(k);
    let mut budget = MAX_SPLITS;
    if !fill(&chunks, 0, k, base, &mut cur, &mut out, &mut budget) {
        return None;
    }
    Some(out)
}

fn fill(
    chunks: &[(usize, &str)],
    ci: usize,
    k: usize,
    base: usize,
    cur: &mut Split,
    out: &mut Vec<Split>,
    budget: &mut usize,
) -> bool {
    if ci == chunks.len() {
        if cur.len() == k {
            if *budget == 0 {
                return false;
            }
            *budget -= 1;
            out.push(cur.clone());
        }
        return true;
    }
    let remaining_chunks = chunks.len() - ci - 1;
    let (off, chunk) = chunks[ci];
    cut(
        chunk,
        off,
        0,
        chunks,
        ci,
        k,
        remaining_chunks,
        base,
        cur,
        out,
        budget,
    )
}

/// Cuts `chunk[from..]` into numbers, then goes on with the next chunk.
#[allow(clippy::too_many_arguments)]
fn cut(
    chunk: &str,
    off: usize,
    from: usize,
    chunks: &[(usize, &str)],
    ci: usize,
    k: usize,
    remaining_chunks: usize,
    base: usize,
    cur: &mut Split,
    out: &mut Vec<Split>,
    budget: &mut usize,
) -> bool {
    if from == chunk.len() {
        return fill(chunks, ci + 1, k, base, cur, out, budget);
    }
    // Every later chunk needs at least one cell.
    if cur.len() + 1 + remaining_chunks > k {
        return true;
    }
    let rest = &chunk[from..];
    let b = rest.as_bytes();
    let sign = usize::from(b[0] == b'-' || b[0] == b'+');
    // The number runs over digits and at most one point. A unit after it must end
    // the number (one way to cut); without one it may end after any digit that no
    // point follows directly.
    let mut j = sign;
    let mut seen_point = false;
    let mut point = usize::MAX;
    let mut unit_end: Option<Option<usize>> = None;
    while j < b.len() {
        if b[j].is_ascii_digit() {
            j += 1;
        } else if b[j] == b'.' && !seen_point && j > sign {
            seen_point = true;
            point = j;
            j += 1;
        } else {
            let ul = if rest[j..].starts_with("万元") {
                "万元".len()
            } else {
                rest[j..].chars().next().map_or(1, char::len_utf8)
            };
            // As a cut: only right after a digit, and not at a second point.
            let after_digit = j > sign && b[j - 1].is_ascii_digit() && b[j] != b'.';
            unit_end = Some(after_digit.then_some(j + ul));
            break;
        }
    }
    let (only, scan_to) = match unit_end {
        Some(end) => (end, 0),
        None => (None, b.len()),
    };
    let ends = only.into_iter().chain(
        (sign + 1..=scan_to).filter(|&e| b[e - 1].is_ascii_digit() && b.get(e) != Some(&b'.')),
    );
    for e in ends {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        // Over 19 digits and no point: past an i64, what parsing would find
        // (without reading them all, for each of a long run's ends).
        if unit_end.is_none() && e <= point && e - sign > 19 {
            continue;
        }
        let piece = &rest[..e];
        let (num, unit) = split_unit(piece);
        let digits = num.trim_start_matches(['+', '-']);
        // No leading zeros: `07` is two cells, `0.5` is one.
        if digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0.") {
            continue;
        }
        if digits.ends_with('.') {
            continue;
        }
        let Some(v) = Decimal::parse_plain(num) else {
            continue;
        };
        cur.push((v, unit, (base + off + from, base + off + from + e)));
        let ok = cut(
            chunk,
            off,
            from + e,
            chunks,
            ci,
            k,
            remaining_chunks,
            base,
            cur,
            out,
            budget,
        );
        cur.pop();
        if !ok {
            return false;
        }
    }
    true
}
