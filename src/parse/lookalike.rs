//! Numbers OCR printed with letters for some digits (`l2`, `1O5`, `Z9项`), read
//! where the report's own arithmetic confirms them.
//!
//! The readers leave such a cell `unresolved` ([`crate::model::value::ocr_misread`]):
//! which digit a letter stands for is a guess on its own. But the letters OCR
//! prints for digits are few and each stands for one digit (O o 〇 for 0, l I for
//! 1, S for 5, B for 8, Z for 2), and an identity through the cell whose other
//! terms are all numbers says what the cell must hold. When the two agree, the
//! number is known from two independent sources, and the cell is `recovered`,
//! with a note on its line. When they disagree, or a second identity through the
//! cell fails with that reading, the cell stays `unresolved`: the report's own
//! arithmetic, or another misread, is then in the way, and a wrong number is worse
//! than a missing one. Look-alikes side by side (a row `2 〇 〇 0 0 0 Z`) are
//! confirmed together by an identity that holds with each read as its digit, when
//! no identity through the cell fails (one failing with other look-alikes in it
//! holds up only such joint confirmations: which of them is misread, it cannot say).

use crate::grammar::Template;
use crate::model::diag::Diag;
use crate::model::value::{parse_cell, CellValue, Decimal, Unit};
use crate::parse::checks::each_identity;
use crate::parse::template::{State, Tables};

/// A cell left unresolved for its look-alikes, and the number they spell.
struct Candidate {
    table: usize,
    slot: usize,
    value: Decimal,
    unit: Option<Unit>,
    done: bool,
}

/// Reads the `unresolved` look-alike cells of `tables` whose reading an identity
/// confirms and none contradicts, until no more can be (a cell recovered can
/// complete the identity of another).
pub(crate) fn recover(text: &str, tpl: &Template, tables: &mut Tables, diags: &mut Vec<Diag>) {
    let mut cands = candidates(text, tables);
    if cands.is_empty() {
        return;
    }
    loop {
        let mut changed = false;
        for i in 0..cands.len() {
            if cands[i].done {
                continue;
            }
            let Some(rule) = confirmed(tpl, tables, &cands, i) else {
                continue;
            };
            let c = &mut cands[i];
            let Some(s) = tables.tables[c.table].slots[c.slot].as_mut() else {
                continue;
            };
            s.state = State::Recovered;
            s.value = Some(c.value);
            s.unit = c.unit;
            c.done = true;
            changed = true;
            let raw = text.get(s.raw.0..s.raw.1).unwrap_or("").trim();
            let t = &tpl.tables[c.table];
            let n = t.cols.len().max(1);
            diags.push(Diag::note(
                s.line,
                format!(
                    "`{raw}` in row {}, column {} read as {}: OCR printed digits as the letters they look like (O for 0, l for 1, S for 5, B for 8, Z for 2), and identity {} holds with exactly that number",
                    t.rows.get(c.slot / n).map_or("", |x| x.key.as_str()),
                    t.cols.get(c.slot % n).map_or("", |x| x.key.as_str()),
                    c.value,
                    tpl.checks.get(rule).map_or("", |x| x.name.as_str()),
                ),
            ));
        }
        if !changed {
            break;
        }
    }
}

/// Every unresolved cell whose printed text is a number with look-alikes, with
/// the number they spell.
fn candidates(text: &str, tables: &Tables) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (table, read) in tables.tables.iter().enumerate() {
        for (slot, s) in read.slots.iter().enumerate() {
            let Some(s) = s.as_ref().filter(|s| s.state == State::Unresolved) else {
                continue;
            };
            let raw = text.get(s.raw.0..s.raw.1).unwrap_or("");
            if let Some((value, unit)) = spelled(raw) {
                out.push(Candidate {
                    table,
                    slot,
                    value,
                    unit,
                    done: false,
                });
            }
        }
    }
    out
}

/// The number a cell of digits and look-alikes spells, each look-alike read as
/// the one digit it stands for; `None` for anything else, and for a piece of a
/// number cut at a separator (`l,`, the start of `1,362` before a wrap).
pub(crate) fn spelled(raw: &str) -> Option<(Decimal, Option<Unit>)> {
    if !crate::model::value::ocr_misread(raw) {
        return None;
    }
    let t = raw.trim();
    let cut = |c: char| matches!(c, ',' | '，' | '.' | '．');
    if t.starts_with(cut) || t.ends_with(cut) {
        return None;
    }
    let digits: String = t
        .chars()
        .map(|c| match c {
            'O' | 'o' | '〇' => '0',
            'l' | 'I' => '1',
            'S' => '5',
            'B' => '8',
            'Z' => '2',
            c => c,
        })
        .collect();
    match parse_cell(&digits) {
        CellValue::Number(v, u) => Some((v, u)),
        _ => None,
    }
}

/// The rule of an identity through candidate `ci`'s cell whose other terms are
/// all numbers, or other look-alike cells read as the digits they stand for, and
/// which holds with the candidate's number, when no identity through the cell
/// with all its other terms so known fails with it. Several look-alikes in one
/// identity (`| 2 | 〇 | 〇 | 0 | 0 | 0 | Z |`) are confirmed together: each
/// read as its one digit, the sum holds, and a misread among them would have to
/// be undone exactly by another for it to hold wrongly.
fn confirmed(tpl: &Template, tables: &Tables, cands: &[Candidate], ci: usize) -> Option<usize> {
    let c = &cands[ci];
    let slots = &tables.tables[c.table].slots;
    // A term's value: a number read, or a look-alike cell still pending.
    let term = |s: usize| -> Option<i128> {
        if let Some(v) = slots
            .get(s)?
            .as_ref()
            .filter(|x| x.state.has_value())
            .and_then(|x| x.value)
        {
            return Some(v.fixed());
        }
        cands
            .iter()
            .find(|o| !o.done && o.table == c.table && o.slot == s)
            .map(|o| o.value.fixed())
    };
    let total = |it: &mut dyn Iterator<Item = usize>| -> Option<i128> {
        it.filter(|&s| s != c.slot).map(term).sum()
    };
    // Identities whose other terms are all numbers, and those with other
    // look-alikes among them: one that fails says which cell is wrong only in
    // the first case, so a failing one of the second kind holds up only
    // confirmations of that kind.
    let mut holds = None;
    let mut holds_jointly = None;
    let mut fails = false;
    let mut fails_jointly = false;
    each_identity(tpl, tables, None, |i| {
        if i.table != c.table || fails {
            return;
        }
        let on_left = i.lhs_slots().filter(|&s| s == c.slot).count();
        let on_right = i.rhs_slots().filter(|&s| s == c.slot).count();
        if on_left + on_right != 1 {
            // Not through the cell, or through it on both sides: says nothing.
            return;
        }
        let (Some(l), Some(r)) = (total(&mut i.lhs_slots()), total(&mut i.rhs_slots())) else {
            return;
        };
        let joint = i.lhs_slots().chain(i.rhs_slots()).any(|s| {
            s != c.slot
                && !slots
                    .get(s)
                    .is_some_and(|x| x.as_ref().is_some_and(|x| x.state.has_value()))
        });
        let (l, r) = if on_left == 1 {
            (l + c.value.fixed(), r)
        } else {
            (l, r + c.value.fixed())
        };
        match (l == r, joint) {
            (true, false) => _ = holds.get_or_insert(i.rule),
            (true, true) => _ = holds_jointly.get_or_insert(i.rule),
            (false, false) => fails = true,
            (false, true) => fails_jointly = true,
        }
    });
    if fails {
        return None;
    }
    holds.or(holds_jointly.filter(|_| !fails_jointly))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// dongxin-2020 with the text of some lines replaced (`(line, new)`, 1-based).
    fn dongxin_with(lines: &[(usize, &str)]) -> crate::parse::report::Report {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/dongxin-2020.txt");
        let text = std::fs::read_to_string(path).expect("sample");
        let mut out: Vec<&str> = text.lines().collect();
        for &(n, new) in lines {
            out[n - 1] = new;
        }
        crate::parse::report::parse_report("d", out.join("\n").as_bytes())
    }

    fn cell(r: &crate::parse::report::Report, key: &str) -> (State, Option<String>) {
        let s = r
            .keyed_cells()
            .into_iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, s)| s.cloned())
            .expect("cell read");
        (s.state, s.value.map(|v| v.to_string()))
    }

    /// `Z` for 2 in section 三's 本年新收 (line 104): its column's identity (new +
    /// carried_in = results_total + carried_over) and its row's both say 2.
    #[test]
    fn a_look_alike_an_identity_confirms_is_recovered() {
        let r = dongxin_with(&[(104, "\t\u{a0}Z")]);
        assert_eq!(
            cell(&r, "3/new/natural_person"),
            (State::Recovered, Some("2".into()))
        );
        assert!(r.diags.iter().any(|d| d.line == 104
            && d.message.contains("`Z`")
            && d.message.contains("read as 2")));
        assert_eq!(r.checks.iter().filter(|c| c.ok == Some(false)).count(), 0);
    }

    /// Look-alikes side by side: 本年新收's natural persons `Z`, businesses `O`
    /// and total `Z` (2, 0, 2), and 上年结转's natural persons `〇` and total `o`
    /// (0, 0). No identity through any of them has its other terms all numbers;
    /// each holds with every look-alike read as its digit, so all are recovered.
    #[test]
    fn look_alikes_side_by_side_are_confirmed_together() {
        let r = dongxin_with(&[
            (104, "\t\u{a0}Z"),
            (105, "\t\u{a0}O"),
            (110, "\t\u{a0}Z"),
            (113, "\t\u{a0}〇"),
            (119, "\t\u{a0}o"),
        ]);
        for (key, v) in [
            ("3/new/natural_person", "2"),
            ("3/new/business", "0"),
            ("3/new/total", "2"),
            ("3/carried_in/natural_person", "0"),
            ("3/carried_in/total", "0"),
        ] {
            assert_eq!(cell(&r, key), (State::Recovered, Some(v.into())), "{key}");
        }
        assert_eq!(r.checks.iter().filter(|c| c.ok == Some(false)).count(), 0);
    }

    /// The same with 本年新收's total `B` (8 for 2): its row and its column fail
    /// with the look-alikes read. Round one: `O` is confirmed by its column (its
    /// other terms numbers) and `〇` by its row and column together; `Z` is held
    /// up by the failing row, `o` by the failing column. Round two: `Z`'s column
    /// and `o`'s row have only numbers beside them now, and hold. `B` stays
    /// unresolved: its row says 2.
    #[test]
    fn a_failing_sum_of_look_alikes_holds_up_only_what_nothing_else_confirms() {
        let r = dongxin_with(&[
            (104, "\t\u{a0}Z"),
            (105, "\t\u{a0}O"),
            (110, "\t\u{a0}B"),
            (113, "\t\u{a0}〇"),
            (119, "\t\u{a0}o"),
        ]);
        for (key, v) in [
            ("3/new/natural_person", "2"),
            ("3/new/business", "0"),
            ("3/carried_in/natural_person", "0"),
            ("3/carried_in/total", "0"),
        ] {
            assert_eq!(cell(&r, key), (State::Recovered, Some(v.into())), "{key}");
        }
        assert_eq!(cell(&r, "3/new/total"), (State::Unresolved, None));
    }

    /// `l` (1) where the identities say 2: the reading is contradicted, the cell
    /// stays unresolved with the warning on OCR's letters.
    #[test]
    fn a_look_alike_an_identity_contradicts_stays_unresolved() {
        let r = dongxin_with(&[(104, "\t\u{a0}l")]);
        assert_eq!(cell(&r, "3/new/natural_person"), (State::Unresolved, None));
        assert!(r
            .diags
            .iter()
            .any(|d| d.line == 104 && d.message.contains("`l`") && d.message.contains("OCR")));
    }

    /// `Z` for 2 and, in the row's total (line 110), `B` (8) for 2: the column of
    /// natural_person confirms 2; the total's column identity says 2, not 8, so
    /// `B` stays unresolved, and the row's identity, with `Z` recovered, says so
    /// too.
    #[test]
    fn look_alikes_are_read_one_identity_at_a_time() {
        let r = dongxin_with(&[(104, "\t\u{a0}Z"), (110, "\tB\u{a0}")]);
        assert_eq!(
            cell(&r, "3/new/natural_person"),
            (State::Recovered, Some("2".into()))
        );
        assert_eq!(cell(&r, "3/new/total"), (State::Unresolved, None));
    }

    #[test]
    fn spells_numbers_of_digits_and_look_alikes() {
        let v = |raw: &str| spelled(raw).map(|(d, _)| d.to_string());
        assert_eq!(v("l2").as_deref(), Some("12"));
        assert_eq!(v("1O5").as_deref(), Some("105"));
        assert_eq!(v("〇").as_deref(), Some("0"));
        assert_eq!(v("B0").as_deref(), Some("80"));
        assert_eq!(v("Z9项").as_deref(), Some("29"));
        assert_eq!(v("+I9").as_deref(), Some("19"));
        assert_eq!(v("1,S62").as_deref(), Some("1562"));
        // A piece of a number cut at its separator, a mark, digits alone, text.
        assert_eq!(v("l,"), None);
        assert_eq!(v(",I19"), None);
        assert_eq!(v("天"), None);
        assert_eq!(v("12"), None);
        assert_eq!(v("Sl件数"), None);
    }
}
