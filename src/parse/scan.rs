//! Labels found in the text of a cell: the section's keywords (one automaton per
//! section), with the stretch of text each printed label covers. Scans are
//! remembered per thread, as the same labels come back report after report.

use crate::grammar::likeness::{read_as, Wording};
use crate::grammar::normalize::{enumerator_value, is_cn_numeral, strip_enumerator, Folded};
use crate::grammar::Pattern;
use crate::model::diag::Diag;

/// A label found inside a text cell.
#[derive(Clone, Copy)]
pub(crate) struct Hit<'p, 't> {
    pub(crate) pattern: &'p Pattern,
    /// The label as printed (the part of the cell it covers).
    pub(crate) text: &'t str,
    /// The wording the label was read as by likeness, when it holds no keyword
    /// ([`crate::grammar::likeness`]).
    pub(crate) likeness: Option<&'p Wording>,
}

impl Hit<'_, '_> {
    /// The note that says a label was read by likeness, for the reader that
    /// takes it (`None` for a label found by its keywords).
    pub(crate) fn likeness_note(&self, line: u32) -> Option<Diag> {
        let w = self.likeness?;
        let wording: String = w.chars.iter().collect();
        Some(Diag::warning(
            line,
            format!(
                "label `{}` read as `{wording}` by likeness: it holds none of the template's words for it, and differs from that wording in a character or two (a misprint or a misread?)",
                crate::parse::template::clip(self.text)
            ),
        ))
    }
}

/// The labels found in one text cell. Most cells hold one or two, kept inline so
/// that a scan allocates nothing; glued text with more spills into a Vec.
#[derive(Default, Clone)]
pub(crate) struct Hits<'p, 't> {
    inline: [Option<Hit<'p, 't>>; 4],
    spill: Vec<Hit<'p, 't>>,
}

impl<'p, 't> Hits<'p, 't> {
    fn push(&mut self, hit: Hit<'p, 't>) {
        if self.spill.is_empty() {
            if let Some(free) = self.inline.iter_mut().find(|h| h.is_none()) {
                *free = Some(hit);
                return;
            }
            self.spill
                .extend(self.inline.iter_mut().filter_map(Option::take));
        }
        self.spill.push(hit);
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Hit<'p, 't>> {
        self.inline.iter().flatten().chain(&self.spill)
    }

    /// Keeps the hits `keep` holds for, in order.
    pub(crate) fn retain(&mut self, keep: impl Fn(&Hit<'p, 't>) -> bool) {
        if self.iter().all(&keep) {
            return;
        }
        let kept: Vec<Hit<'p, 't>> = self.iter().copied().filter(|h| keep(h)).collect();
        *self = Hits::default();
        for h in kept {
            self.push(h);
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    pub(crate) fn last(&self) -> Option<&Hit<'p, 't>> {
        self.iter().last()
    }
}

/// What a scan needs besides its input, kept per thread: labels are scanned by the
/// hundred per report, and these buffers are reused rather than allocated each time.
#[derive(Default)]
struct Scratch {
    folded: Folded,
    found: Vec<(usize, usize, usize)>,
    kept: Vec<(usize, usize, usize)>,
    /// Per matcher, per cell text: what a scan found (pattern, label's byte range).
    seen: FxMap<usize, FxMap<String, Vec<Found>>>,
}

/// Finds the labels in one text cell. Most cells hold one label; glued text holds
/// several (`第二十条第（一）项信息内容本年制发件数…规章`), each printed label is
/// the stretch from the previous label to this one's end.
pub(crate) fn scan<'p, 't>(
    text: &'t str,
    patterns: &'p [Pattern],
    automaton: &aho_corasick::AhoCorasick,
) -> Hits<'p, 't> {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
    }
    SCRATCH.with(|s| {
        let s = &mut *s.borrow_mut();
        // The same labels are printed in report after report: a scan is looked up
        // by its matcher and text before it is run (a third of the label work).
        let matcher = patterns.as_ptr() as usize;
        if let Some(found) = s.seen.get(&matcher).and_then(|m| m.get(text)) {
            let mut hits = Hits::default();
            for &(p, a, b, like) in found {
                let pattern = &patterns[p as usize];
                hits.push(Hit {
                    pattern,
                    text: text.get(a as usize..b as usize).unwrap_or(""),
                    likeness: (like as usize)
                        .checked_sub(1)
                        .and_then(|k| pattern.likeness.get(k)),
                });
            }
            return hits;
        }
        let hits = scan_with(text, s, patterns, automaton);
        let base = text.as_ptr() as usize;
        let found: Option<Vec<_>> = hits
            .iter()
            .map(|h| {
                // Labels are slices of `text` (an empty one may not be: then the
                // scan is not remembered). Misses only, so the search is cheap.
                let a = (h.text.as_ptr() as usize).checked_sub(base)?;
                let b = a + h.text.len();
                let index = patterns.iter().position(|q| std::ptr::eq(q, h.pattern))?;
                let like = match h.likeness {
                    Some(w) => 1 + h.pattern.likeness.iter().position(|x| std::ptr::eq(x, w))?,
                    None => 0,
                };
                (b <= text.len()).then_some((index as u32, a as u32, b as u32, like as u32))
            })
            .collect();
        if let Some(found) = found {
            let seen = s.seen.entry(matcher).or_default();
            if seen.len() >= SEEN_MAX {
                seen.clear();
            }
            seen.insert(text.to_string(), found);
        }
        hits
    })
}

/// Distinct cell texts remembered per matcher and thread; past this the memory is
/// emptied and filled again (an archive's labels number in the hundreds).
const SEEN_MAX: usize = 4096;

/// A label a scan found: its pattern, its byte range in the cell text, and 1 + the
/// index of the pattern's wording it was read as by likeness (0: by a keyword).
type Found = (u32, u32, u32, u32);

/// The remembered scans are keyed by short label texts: rustc's FxHash costs less
/// than the lookup saves, where SipHash did not. The keys are cell texts, not chosen
/// to collide.
type FxMap<K, V> = rustc_hash::FxHashMap<K, V>;

fn scan_with<'p, 't>(
    text: &'t str,
    scratch: &mut Scratch,
    patterns: &'p [Pattern],
    automaton: &aho_corasick::AhoCorasick,
) -> Hits<'p, 't> {
    let Scratch {
        folded,
        found,
        kept,
        ..
    } = scratch;
    folded.refill(text);
    found.clear();
    found.extend(
        automaton
            .find_iter(&folded.text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end())),
    );
    let mut hits = Hits::default();
    if found.is_empty() {
        if let Some(h) = by_likeness(text, &folded.text, patterns) {
            hits.push(h);
        }
        return hits;
    }
    kept.clear();
    for (i, &(p, s, e)) in found.iter().enumerate() {
        if patterns[p].exact {
            let before_start = if i == 0 { 0 } else { found[i - 1].2 };
            let after_end = found.get(i + 1).map_or(folded.text.len(), |n| n.1);
            let before = &folded.text[before_start..s];
            let after = &folded.text[e..after_end];
            if !is_filler(before) || !(is_filler(after) || is_unit_note(after)) {
                continue;
            }
            let en = &patterns[p].enums;
            if !en.is_empty() && enumerator_value(before).is_some_and(|v| !en.contains(&v)) {
                continue;
            }
        }
        // Two keywords of the same label (`其他法律` … `禁止公开`) are one hit.
        if let Some(last) = kept.last_mut() {
            if patterns[last.0].symbols == patterns[p].symbols {
                last.2 = e;
                continue;
            }
        }
        kept.push((p, s, e));
    }
    // Glued labels (`…（四）无法提供1.本机关木掌握相关政府信息`): the text after the
    // last keyword may be one more label, read by likeness.
    // (A tail near the label it follows is the rest of that label.)
    let tail = kept.last().and_then(|&(p, _, e)| {
        let a = folded.raw_offset(e, text.len());
        let raw = text.get(a..)?;
        by_likeness(raw, &folded.text[e..], patterns)
            .filter(|h| h.pattern.symbols != patterns[p].symbols)
    });
    let n = kept.len();
    for (i, &(p, _, e)) in kept.iter().enumerate() {
        let label = if n == 1 && tail.is_none() {
            text.trim()
        } else {
            let from = if i == 0 { 0 } else { kept[i - 1].2 };
            let to = if i + 1 == n && tail.is_none() {
                folded.text.len()
            } else {
                e
            };
            let a = folded.raw_offset(from, text.len());
            let b = folded.raw_offset(to, text.len());
            text.get(a..b).unwrap_or("").trim()
        };
        hits.push(Hit {
            pattern: &patterns[p],
            text: label,
            likeness: None,
        });
    }
    if let Some(h) = tail {
        hits.push(h);
    }
    hits
}

/// The one label a cell that holds no keyword is, by likeness: its folded text,
/// without enumerator and closing punctuation, near one wording of the section and
/// no other ([`crate::grammar::likeness`]).
fn by_likeness<'p, 't>(
    text: &'t str,
    folded: &str,
    patterns: &'p [Pattern],
) -> Option<Hit<'p, 't>> {
    let body = strip_enumerator(folded).trim_end_matches([':', '.', '。', ';']);
    // No wording is longer than this many characters plus its budget: a longer
    // text (a sentence, glued cells) is none of them, and is not compared.
    let n = body.chars().count();
    if !(crate::grammar::likeness::MIN_CHARS - 1..=64).contains(&n) {
        return None;
    }
    let chars: Vec<char> = body.chars().collect();
    let wordings = patterns
        .iter()
        .flat_map(|p| p.likeness.iter().map(move |w| (p, w)));
    let (p, w, _) = read_as(&chars, wordings)?;
    Some(Hit {
        pattern: p,
        text: text.trim(),
        likeness: Some(w),
    })
}

/// Text that may stand around a word that must stand alone: enumerators and
/// punctuation (`(七)`, `3.`, `四、`).
/// `(件)`, `(万元)`, `(单位:件)` (folded): the unit a converter or a rewrite
/// printed after a label (`（七）总计（件）`), no word of another label.
fn is_unit_note(s: &str) -> bool {
    s.strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .map(|u| u.strip_prefix("单位:").unwrap_or(u))
        .is_some_and(|u| matches!(u, "件" | "项" | "个" | "条" | "元" | "万元"))
}

fn is_filler(s: &str) -> bool {
    // Markup a converter left around a cell (`<tr><td>（七）总计`) is filler too.
    if s.contains('<') {
        return without_tags(s).is_some_and(|t| is_filler(&t));
    }
    s.chars().all(|c| {
        c.is_ascii_digit()
            || is_cn_numeral(c)
            || matches!(
                c,
                '(' | ')' | '、' | '.' | ':' | ',' | ';' | '|' | '"' | '-'
            )
    })
}

/// `s` with its HTML tags (`<td>`, `</tr>`, `<td colspan="2">`) taken out; `None`
/// when a `<` opens no tag.
fn without_tags(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tag = &rest[i + 1..];
        let end = tag.find('>')?;
        let inner = tag[..end].trim_start_matches('/');
        if !inner.starts_with(|c: char| c.is_ascii_alphabetic()) || inner.contains('<') {
            return None;
        }
        rest = &tag[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_around_a_label_is_filler() {
        assert!(is_filler("<tr><td>(七)"));
        assert!(is_filler("</td>"));
        assert!(!is_filler("<tr><td>合计的"));
        assert!(!is_filler("a < b"));
        assert_eq!(
            without_tags("<td colspan=\"2\">1.</td>").as_deref(),
            Some("1.")
        );
    }

    fn plain(h: &Hits) -> Vec<(String, String)> {
        h.iter()
            .map(|h| (h.pattern.text.clone(), h.text.to_string()))
            .collect()
    }

    /// A word that must stand alone names a row only under that row's own
    /// enumerator, if printed with one: `（六）其他` (the first line of a wrapped
    /// `（六）其他处理`) is not the row `3.其他` of the 2021 template.
    #[test]
    fn enumerator_must_agree_with_the_row() {
        let t = crate::grammar::template("2021").expect("2021");
        let m = t.matcher(3);
        let rows = |text: &str| -> Vec<String> {
            scan(text, &m.patterns, &m.automaton)
                .iter()
                .map(|h| h.pattern.text.clone())
                .collect()
        };
        assert_eq!(rows("3.其他"), vec!["其他".to_string()]);
        assert_eq!(rows("3、其他"), vec!["其他".to_string()]);
        assert_eq!(rows("其他"), vec!["其他".to_string()]);
        assert_eq!(rows("（六）其他"), Vec::<String>::new());
        assert_eq!(rows("六、其他"), Vec::<String>::new());
        assert_eq!(rows("（七）总计"), vec!["(七)总计".to_string()]);
        assert_eq!(rows("7.总计"), vec!["总计".to_string()]);
        assert_eq!(rows("（三）总计"), Vec::<String>::new());
        // A unit printed after a word that must stand alone (`（件）`): the word.
        assert_eq!(rows("（七）总计（件）"), vec!["(七)总计".to_string()]);
        assert_eq!(rows("总计(单位：件)"), vec!["总计".to_string()]);
        assert_eq!(rows("总计（人）"), Vec::<String>::new());
        assert!(is_unit_note("(万元)") && !is_unit_note("(件") && !is_unit_note("(其他)"));
    }

    /// A remembered scan gives what a fresh one gives: for every label and keyword
    /// of both templates, printed plainly, with enumerators, twice in one cell and
    /// glued to a number.
    #[test]
    fn remembered_scans_match_fresh_ones() {
        let mut texts = vec![
            String::new(),
            "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章".to_string(),
        ];
        for t in crate::grammar::templates() {
            for table in &t.tables {
                for l in table.rows.iter().chain(&table.cols) {
                    texts.push(l.label.clone());
                    texts.push(format!("（七）{}", l.label));
                    texts.push(format!("{}{}", l.label, l.label));
                    texts.extend(l.keywords.iter().map(|k| format!("{k}29")));
                }
            }
        }
        for t in crate::grammar::templates() {
            for section in 2..=4 {
                let m = t.matcher(section);
                for text in &texts {
                    let mut fresh = Scratch::default();
                    let want = plain(&scan_with(text, &mut fresh, &m.patterns, &m.automaton));
                    for _ in 0..2 {
                        let got = plain(&scan(text, &m.patterns, &m.automaton));
                        assert_eq!(got, want, "{text}");
                    }
                }
            }
        }
    }
}
