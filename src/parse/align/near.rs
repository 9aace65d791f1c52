//! Row labels misread by a character or two (OCR), or cut by a wrap.

use super::Aligner;

impl<'a> Aligner<'_, 'a> {
    /// The row whose label `raw` is, but for a character or two misread or a tail
    /// wrapped away (`７.属于行政执沄案卷`): most of the text's characters stand in
    /// the label in order, and they cover most of the label. Only one row may be
    /// that near, and no row of a section-二 item other than the current one.
    pub(super) fn near_row_label(&self, raw: &str) -> Option<(usize, usize)> {
        use crate::grammar::normalize::{fold, strip_enumerator};
        let f = fold(raw);
        let text: Vec<char> = strip_enumerator(&f).chars().collect();
        if text.len() < 4 {
            return None;
        }
        let mut best: Option<((usize, usize), usize)> = None;
        let mut tie = false;
        for (ti, t) in self.tpl.section_tables(self.section) {
            if self.section == 2 && ti != self.current {
                continue;
            }
            for (ri, r) in t.rows.iter().enumerate() {
                let lf = fold(&r.label);
                let label: Vec<char> = strip_enumerator(&lf).chars().collect();
                if label.len() < 4 {
                    continue;
                }
                let common = crate::parse::sections::common_in_order(&text, &label);
                if common * 5 < text.len() * 4 || common * 5 < label.len() * 3 {
                    continue;
                }
                match best {
                    Some((_, c)) if c > common => {}
                    Some((_, c)) if c == common => tie = true,
                    _ => {
                        best = Some(((ti, ri), common));
                        tie = false;
                    }
                }
            }
        }
        if tie {
            return None;
        }
        best.map(|(k, _)| k)
    }
}
