//! Labels read by likeness: a printed label that holds none of the template's
//! keywords, because an OCR engine or a typist changed a character or two (`末` for
//! `未`, `甲` for `申`), is still read as the one label of its section whose wording
//! it nearly is.
//!
//! The rule, for a label printed with none of the section's keywords: its folded
//! text (enumerator stripped) is compared with each wording of the section (every
//! row, column and group label, every caption, header word and long keyword), by
//! edit distance (a character added, dropped or replaced counts one). It is read as
//! a wording when
//! - the wording has at least [`MIN_CHARS`] characters, and the text is within one
//!   edit per [`CHARS_PER_EDIT`] characters of it ([`budget`]);
//! - no wording of another label is as near, nor one edit further: the best is
//!   unique and clearly better than the second best;
//! - the wording has no near twin: every wording of another label differs from it
//!   in more than twice its budget plus one (the 2019 `本年新制作数量` and
//!   `本年新公开数量` differ in two characters, the 2021 `本年制发件数` and
//!   `本年废止件数` too; the rows `一、本年新收…` and `二、上年结转…` in three). A
//!   twin is never read by likeness: two edits could make one the other, so a
//!   likeness could not tell them apart; such a label stays unread.
//!
//! Short wordings (`规章`, `自然人`, `行政处罚`) are never read so: one character in
//! three or four is too much to call a misprint. Whoever reads by likeness says so,
//! with a diagnostic naming the line.

/// The fewest characters a wording must have to be read by likeness.
pub(crate) const MIN_CHARS: usize = 6;

/// One edit is allowed per this many characters of the wording.
pub(crate) const CHARS_PER_EDIT: usize = 6;

/// How many edits a text may differ from a wording of `n` characters by.
pub(crate) fn budget(n: usize) -> usize {
    if n < MIN_CHARS {
        0
    } else {
        n / CHARS_PER_EDIT
    }
}

/// One wording a printed label may be read as.
#[derive(Debug, Clone)]
pub(crate) struct Wording {
    /// Folded, without its enumerator.
    pub(crate) chars: Vec<char>,
    /// The label it stands for: the index of its pattern in the section's matcher
    /// (wordings of one pattern are one label).
    pub(crate) label: usize,
    /// A wording of another label is within twice the budget plus one: never read
    /// by likeness.
    pub(crate) twinned: bool,
}

/// The wordings of a section with their twins marked; a wording given twice for
/// one label is kept once.
pub(crate) fn wordings(list: Vec<(Vec<char>, usize)>) -> Vec<Wording> {
    let mut out: Vec<Wording> = Vec::new();
    for (chars, label) in list {
        if chars.is_empty() || out.iter().any(|w| w.label == label && w.chars == chars) {
            continue;
        }
        out.push(Wording {
            chars,
            label,
            twinned: false,
        });
    }
    for i in 0..out.len() {
        let b = budget(out[i].chars.len());
        if b == 0 {
            continue;
        }
        let near = 2 * b + 1;
        out[i].twinned = out.iter().any(|o| {
            o.label != out[i].label && distance_within(&out[i].chars, &o.chars, near).is_some()
        });
    }
    out
}

/// The wording `text` (folded, enumerator stripped) is read as by likeness, by the
/// rule above, with what it came with in `wordings` and the edits it took.
pub(crate) fn read_as<'w, T>(
    text: &[char],
    wordings: impl Iterator<Item = (T, &'w Wording)> + Clone,
) -> Option<(T, &'w Wording, usize)> {
    let mut best: Option<(T, &'w Wording, usize)> = None;
    for (t, w) in wordings.clone() {
        let b = budget(w.chars.len());
        if b == 0 {
            continue;
        }
        if let Some(d) = distance_within(text, &w.chars, b) {
            if best.as_ref().is_none_or(|x| d < x.2) {
                best = Some((t, w, d));
            }
        }
    }
    let (t, w, d) = best?;
    if w.twinned || d == 0 {
        // Exactly a wording (not found by a keyword: a wording of a caption form
        // the automaton has) is not a likeness.
        return None;
    }
    // Every other label at least two edits further than the best.
    let rival = wordings
        .into_iter()
        .any(|(_, o)| o.label != w.label && distance_within(text, &o.chars, d + 1).is_some());
    (!rival).then_some((t, w, d))
}

/// The edit distance of `a` and `b` when at most `max`, else `None`. Only a band
/// of `max` around the diagonal is computed.
pub(crate) fn distance_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let (n, m) = (a.len(), b.len());
    let big = max + 1;
    // row[j]: distance of a[..i] and b[..j], capped at `big`. On the stack for a
    // wording of a label's length: a list allocated per call was 45 allocations a
    // report on issue 13's tree (dhat), labels being compared by the dozen.
    let mut on_stack = [0usize; 64];
    let mut on_heap = Vec::new();
    let row: &mut [usize] = if m < on_stack.len() {
        &mut on_stack[..=m]
    } else {
        on_heap.resize(m + 1, 0);
        &mut on_heap
    };
    for (j, r) in row.iter_mut().enumerate() {
        *r = j.min(big);
    }
    for i in 1..=n {
        let lo = i.saturating_sub(max).max(1);
        let hi = (i + max).min(m);
        let mut diag = row[lo - 1];
        row[lo - 1] = if lo == 1 { i.min(big) } else { big };
        let mut best = row[lo - 1];
        for j in lo..=hi {
            let up = row[j];
            let v = (diag + usize::from(a[i - 1] != b[j - 1]))
                .min(up + 1)
                .min(row[j - 1] + 1)
                .min(big);
            diag = up;
            row[j] = v;
            best = best.min(v);
        }
        if hi < m {
            row[hi + 1] = big;
        }
        if best > max {
            return None;
        }
    }
    (row[m] <= max).then_some(row[m])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// The plain dynamic-programming distance, to check the banded one against.
    fn full(a: &[char], b: &[char]) -> usize {
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for i in 1..=a.len() {
            let mut diag = row[0];
            row[0] = i;
            for j in 1..=b.len() {
                let up = row[j];
                row[j] = (diag + usize::from(a[i - 1] != b[j - 1]))
                    .min(up + 1)
                    .min(row[j - 1] + 1);
                diag = up;
            }
        }
        row[b.len()]
    }

    #[test]
    fn banded_distance_is_the_distance_within_its_band() {
        let words = [
            "",
            "规章",
            "本年制发件数",
            "本年废止件数",
            "本年刺发件数",
            "本年制发件",
            "年制发件数数",
            "行政诉讼·复议后起诉",
            "行政诉讼·未经复议直接起诉",
            "abc",
            "acb",
            "ab",
        ];
        for a in words {
            for b in words {
                let (a, b) = (c(a), c(b));
                let d = full(&a, &b);
                for max in 0..6 {
                    let want = (d <= max).then_some(d);
                    assert_eq!(distance_within(&a, &b, max), want, "{a:?} {b:?} {max}");
                }
            }
        }
    }

    #[test]
    fn budget_is_one_edit_in_six_characters_and_none_under_six() {
        assert_eq!(
            [2, 4, 5, 6, 11, 12, 17, 18].map(budget),
            [0, 0, 0, 1, 1, 2, 2, 3]
        );
    }

    /// Section 三 of 2021, in part: a row read by likeness, short and twinned
    /// wordings never.
    #[test]
    fn accepts_a_near_wording_refuses_twins_short_and_far_ones() {
        let ws = wordings(vec![
            (c("本年新收政府信息公开申请数量"), 0),
            (c("上年结转政府信息公开申请数量"), 1),
            (c("本机关不掌握相关政府信息"), 2),
            (c("没有现成信息需要另行制作"), 3),
            (c("补正后申请内容仍不明确"), 4),
            (c("予以公开"), 5),
            (c("不予公开"), 6),
            (c("本年制发件数"), 7),
            (c("本年废止件数"), 8),
        ]);
        let read =
            |s: &str| read_as(&c(s), ws.iter().map(|w| ((), w))).map(|(_, w, d)| (w.label, d));
        // One character misread (不→木, 信→倍): read, with the edits it took.
        assert_eq!(read("本机关木掌握相关政府信息"), Some((2, 1)));
        assert_eq!(read("没有现成倍息需要另行制作"), Some((3, 1)));
        // Dropped or added characters count as edits too.
        assert_eq!(read("补正后申请内容不明确"), Some((4, 1)));
        // Two misreads in eleven characters: over the budget of one.
        assert_eq!(read("补正后甲请内容仍木明确"), None);
        // Exactly the wording is no likeness (the keywords find it).
        assert_eq!(read("补正后申请内容仍不明确"), None);
        // Twins: one misread from 本年新收…, three from 上年结转…: not read.
        assert_eq!(read("本年新收政府倍息公开申请数量"), None);
        assert_eq!(read("本年刺发件数"), None);
        assert_eq!(read("本年制发件敉"), None);
        // Short wordings never.
        assert_eq!(read("予以公幵"), None);
        assert_eq!(read("不予公幵"), None);
        // Far from everything.
        assert_eq!(read("本段为正文叙述内容"), None);
        assert!(ws.iter().filter(|w| w.twinned).count() == 4);
    }

    /// Twins are marked by twice the budget plus one: so the best wording of an
    /// accepted text is always at least two edits better than any other label's
    /// (another wording within one edit more would be within 2·budget+1 of it).
    #[test]
    fn twins_are_marked_by_twice_the_budget_plus_one() {
        // Twelve characters: two edits allowed; wordings three apart are twins.
        let read = |s: &str, ws: &[Wording]| {
            read_as(&c(s), ws.iter().map(|w| ((), w))).map(|(_, w, d)| (w.label, d))
        };
        let ws = wordings(vec![
            (c("甲乙丙丁戊己庚辛壬癸子丑"), 0),
            (c("甲乙丙丁戊己庚辛壬癸寅卯辰"), 1),
        ]);
        assert!(ws.iter().all(|w| w.twinned));
        assert_eq!(read("甲乙丙丁戊己庚辛壬癸子寅", &ws), None);
        // Six characters, one edit allowed: four apart are no twins; three are.
        let ws = wordings(vec![(c("甲乙丙丁戊己"), 0), (c("甲乙子丑寅卯"), 1)]);
        assert!(ws.iter().all(|w| !w.twinned));
        assert_eq!(read("甲乙丙丁戊庚", &ws), Some((0, 1)));
        assert_eq!(read("甲乙子丑寅辰", &ws), Some((1, 1)));
        let ws = wordings(vec![(c("甲乙丙丁戊己"), 0), (c("甲乙丙子丑寅"), 1)]);
        assert!(ws.iter().all(|w| w.twinned));
        assert_eq!(read("甲乙丙丁戊庚", &ws), None);
        // The same wording given for one label twice is one wording, no twin.
        let ws = wordings(vec![(c("甲乙丙丁戊己"), 0), (c("甲乙丙丁戊己"), 0)]);
        assert_eq!(ws.len(), 1);
        assert!(!ws[0].twinned);
    }
}
