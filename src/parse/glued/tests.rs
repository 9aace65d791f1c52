/// All ways to split `raw` into `k` numbers (no identity applied), or `None` when
/// there are too many to list.
fn splits(raw: &str, k: usize) -> Option<Vec<Split>> {
    let run = GluedRun {
        table: 0,
        slots: (0..k).collect(),
        raw: (0, raw.len()),
        line: 1,
        counted: false,
    };
    let mut t = Texts::new(raw, &[&run]);
    if t.too_many(0, k) {
        return None;
    }
    Some(t.list(0, k, &[]))
}

use super::whole::whole_listing;
use super::*;

fn vals(raw: &str, k: usize) -> Vec<Vec<String>> {
    splits(raw, k)
        .unwrap()
        .iter()
        .map(|s| s.iter().map(|(v, _, _)| v.to_string()).collect())
        .collect()
}

/// Where a number may end: after any digit no point follows, at a unit only
/// with the unit, never at a second point or a unit right after a point.
#[test]
fn where_numbers_end() {
    let v: Vec<Vec<String>> = vec![];
    assert_eq!(vals("1.2.3", 2), v);
    assert_eq!(vals("1.2.3", 3), v);
    assert_eq!(vals("12.5元7", 2), vec![vec!["12.5", "7"]]);
    assert_eq!(vals("3.元4", 2), v);
    assert_eq!(vals("123", 2), vec![vec!["1", "23"], vec!["12", "3"]]);
    assert_eq!(vals("1.53", 2), vec![vec!["1.5", "3"]]);
}

#[test]
fn zeros_split_one_way() {
    assert_eq!(vals("0000000", 7), vec![vec!["0"; 7]]);
}

#[test]
fn spaces_are_boundaries() {
    // 23 | 0 | 0 | 0 | 0 | 0 | 23 with two padded cells.
    let v = vals("230 000023", 7);
    assert!(v.contains(
        &vec!["23", "0", "0", "0", "0", "0", "23"]
            .into_iter()
            .map(String::from)
            .collect()
    ));
    assert!(v.iter().all(|s| s.len() == 7));
}

#[test]
fn signs_and_units() {
    // Seven readings with `-` as a sign, and 2648 | - | 18538 with it as the mark
    // of an empty cell.
    assert_eq!(vals("2648-18538", 3).len(), 8);
    assert!(vals("2648-18538", 3).contains(&vec!["2648".into(), "0".into(), "18538".into()]));
    assert!(vals("2648-18538", 3).contains(&vec!["2648".into(), "-18".into(), "538".into()]));
    let v = vals("29项37551661.7元", 2);
    assert_eq!(v, vec![vec!["29".to_string(), "37551661.7".to_string()]]);
}

#[test]
fn leading_zero_not_allowed() {
    assert_eq!(vals("007", 3), vec![vec!["0", "0", "7"]]);
    assert!(vals("007", 2).is_empty());
}

fn run_of(raw: &str, k: usize) -> GluedRun {
    GluedRun {
        table: 0,
        slots: (0..k).collect(),
        raw: (0, raw.len()),
        line: 1,
        counted: false,
    }
}

/// An equation over the `k` cells of one run (and, as cell `k`, a known
/// value), as the listing applies it.
fn local_eq(k: usize, terms: &[(usize, i64)], known: Option<i128>) -> LocalEq {
    let eq = Equation {
        check: 0,
        terms: terms.to_vec(),
    };
    let run = run_of("", k);
    let mut owner: Vec<Option<(usize, usize)>> = (0..k).map(|c| Some((0, c))).collect();
    owner.push(None);
    let mut knowns = vec![None; k];
    knowns.push(known);
    let (mut local, cross) = classify(&[eq], &[&run], &owner, &knowns);
    assert!(cross.is_empty());
    local[0].remove(0)
}

/// The last cell is the sum of the others (section 三's row identity).
fn row_total(k: usize) -> LocalEq {
    let mut terms = vec![(k - 1, 1)];
    terms.extend((0..k - 1).map(|c| (c, -1)));
    local_eq(k, &terms, None)
}

fn strings(splits: &[Split]) -> Vec<Vec<String>> {
    splits
        .iter()
        .map(|s| s.iter().map(|(v, _, _)| v.to_string()).collect())
        .collect()
}

/// The pruned listing, as the search gets it.
fn listed(raw: &str, k: usize, eqs: &[&LocalEq]) -> Vec<Split> {
    let run = run_of(raw, k);
    Texts::new(raw, &[&run]).list(0, k, eqs)
}

/// Every split, listed from the left chunk by chunk without any pruning (as
/// the listing did before it pruned), then filtered by `eqs` on whole splits.
fn reference(raw: &str, k: usize, eqs: &[&LocalEq]) -> Vec<Split> {
    fn go(t: &mut Texts, ci: usize, pos: usize, cur: &mut Split, k: usize, out: &mut Vec<Split>) {
        if ci == t.chunks.len() {
            if cur.len() == k {
                out.push(cur.clone());
            }
            return;
        }
        let (cs, ce) = t.chunks[ci];
        let pos = pos.max(cs);
        if pos == ce {
            return go(t, ci + 1, 0, cur, k, out);
        }
        let st = t.starts(0, pos, ce);
        for i in st.lo..st.hi {
            let p = t.pieces[i];
            cur.push((p.value, p.unit, (p.start, p.end)));
            go(t, ci, p.end, cur, k, out);
            cur.pop();
        }
    }
    let run = run_of(raw, k);
    let mut t = Texts::new(raw, &[&run]);
    let mut all = Vec::new();
    go(&mut t, 0, 0, &mut Vec::new(), k, &mut all);
    all.retain(|s| {
        eqs.iter().all(|eq| {
            let sum: i128 = s
                .iter()
                .enumerate()
                .map(|(c, x)| eq.cells[c].0 as i128 * scaled(x.0))
                .sum();
            sum + eq.konst == 0
        })
    });
    all
}

/// 56 + 7 + 1 + 1 + 2 + 1 = 68: of the 28 splits of the row into 7 cells, one
/// satisfies the row identity.
#[test]
fn a_row_with_exactly_one_split() {
    let eq = row_total(7);
    assert_eq!(vals("567112168", 7).len(), 28);
    let got = listed("567112168", 7, &[&eq]);
    assert_eq!(
        strings(&got),
        vec![vec!["56", "7", "1", "1", "2", "1", "68"]]
    );
    assert_eq!(got, reference("567112168", 7, &[&eq]));
}

/// 1 + 94 + 1 + 5 + 43 + 87 = 231 and 194 + 15 + 4 + 3 + 8 + 7 = 231: the row
/// alone cannot choose (the search must leave it unresolved, see below).
#[test]
fn a_row_with_two_splits() {
    let eq = row_total(7);
    let got = listed("194154387231", 7, &[&eq]);
    assert_eq!(
        strings(&got),
        vec![
            vec!["1", "94", "1", "5", "43", "87", "231"],
            vec!["194", "15", "4", "3", "8", "7", "231"],
        ]
    );
    assert_eq!(got, reference("194154387231", 7, &[&eq]));
}

/// Pruning must not cut the right answer where its bounds are tight: a part
/// of one digit that is the largest a digit can be (9 + 9 = 18), and a
/// negative cell before the cut (−5 + 13 + 4 = 12), where "each cell left is
/// at least 0" does not hold and must not be used.
#[test]
fn pruning_keeps_the_right_answer() {
    let eq = row_total(3);
    assert_eq!(
        strings(&listed("9918", 3, &[&eq])),
        vec![vec!["9", "9", "18"]]
    );
    let eq = row_total(4);
    // Ten splits with `-` as the sign of the first number, ten with it as the
    // mark of an empty first cell (513412 in three cells: C(5, 2)).
    assert_eq!(vals("-513412", 4).len(), 20);
    assert_eq!(
        strings(&listed("-513412", 4, &[&eq])),
        vec![vec!["-5", "13", "4", "12"]]
    );
    // A known cell outside the run: 7 = 3 + 4 with 7 printed elsewhere.
    let eq = local_eq(
        2,
        &[(2, 1), (0, -1), (1, -1)],
        Some(scaled(Decimal::int(7))),
    );
    assert_eq!(strings(&listed("34", 2, &[&eq])), vec![vec!["3", "4"]]);
    assert!(listed("35", 2, &[&eq]).is_empty());
}

/// Section 四 as one run of 15 cells (pingtan-2021's, 17 digits, 25 splits):
/// three rows of four results and their total. 1+0+2+0 = 3, 12+0+0+0 = 12,
/// and zeros.
#[test]
fn three_row_totals_in_one_run() {
    let eqs: Vec<LocalEq> = (0..3)
        .map(|r| {
            let mut t = vec![(5 * r + 4, 1)];
            t.extend((0..4).map(|c| (5 * r + c, -1)));
            local_eq(15, &t, None)
        })
        .collect();
    let refs: Vec<&LocalEq> = eqs.iter().collect();
    let raw = "10203120001200000";
    assert_eq!(vals(raw, 15).len(), 25);
    let got = listed(raw, 15, &refs);
    assert_eq!(
        strings(&got),
        vec![vec![
            "1", "0", "2", "0", "3", "12", "0", "0", "0", "12", "0", "0", "0", "0", "0"
        ]]
    );
    assert_eq!(got, reference(raw, 15, &refs));
}

/// A small deterministic generator (xorshift), for the property below.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> usize {
        (self.next() % n) as usize
    }
}

/// On runs of digits, signs, points, spaces and units, with equations of every
/// shape (coefficients −2..2, a known cell or none), the pruned listing is
/// exactly every split filtered afterwards, in the same order.
#[test]
fn pruned_listing_is_the_filtered_full_listing() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let alphabet = ["0", "1", "2", "3", "5", "9", "0", "1", " ", "-", ".", "元"];
    let mut nonempty = 0;
    for _ in 0..1500 {
        let len = 3 + rng.below(10);
        let raw: String = (0..len)
            .map(|_| {
                let i = rng.below(alphabet.len() as u64 * 3);
                // Mostly digits.
                alphabet[if i < alphabet.len() { i } else { i % 6 }]
            })
            .collect();
        let k = 2 + rng.below(6);
        let neqs = rng.below(3);
        let eqs: Vec<LocalEq> = (0..neqs)
            .map(|_| {
                let mut terms: Vec<(usize, i64)> = Vec::new();
                for c in 0..k {
                    if rng.below(3) > 0 {
                        terms.push((c, rng.below(5) as i64 - 2));
                    }
                }
                if terms.is_empty() {
                    terms.push((k - 1, 1));
                }
                let known = (rng.below(3) == 0).then(|| {
                    terms.push((k, -1));
                    scaled(Decimal::int(rng.below(30) as i64))
                });
                local_eq(k, &terms, known)
            })
            .collect();
        let refs: Vec<&LocalEq> = eqs.iter().collect();
        let want = reference(&raw, k, &refs);
        nonempty += usize::from(!want.is_empty());
        assert_eq!(listed(&raw, k, &refs), want, "{raw:?} into {k}");
    }
    // The runs are not all unsplittable.
    assert!(nonempty > 100, "{nonempty}");
}

/// The steps of the unpruned listing, counted with memoisation, are those of
/// walking it: which runs are too long to search does not change.
#[test]
fn long_runs_are_refused_as_before() {
    fn walk(t: &mut Texts, ci: usize, pos: usize, c: usize, k: usize) -> usize {
        if ci == t.chunks.len() {
            return usize::from(c == k);
        }
        let (cs, ce) = t.chunks[ci];
        let pos = pos.max(cs);
        if pos == ce {
            return walk(t, ci + 1, 0, c, k);
        }
        if c + 1 + (t.chunks.len() - ci - 1) > k {
            return 0;
        }
        let st = t.starts(0, pos, ce);
        let mut n = st.tried;
        for i in st.lo..st.hi {
            let end = t.pieces[i].end;
            n += walk(t, ci, end, c + 1, k);
        }
        n
    }
    let mut rng = Rng(12345);
    for _ in 0..60 {
        let len = 18 + rng.below(10);
        let raw: String = (0..len)
            .map(|_| ["1", "2", "3", "0", "7", " "][rng.below(6)])
            .collect();
        let k = 2 + rng.below(8);
        let run = run_of(&raw, k);
        let steps = walk(&mut Texts::new(&raw, &[&run]), 0, 0, 0, k);
        assert_eq!(
            Texts::new(&raw, &[&run]).too_many(0, k),
            steps > MAX_SPLITS,
            "{raw:?} into {k}: {steps}"
        );
    }
    // 72 threes into 7 cells (the fuzzer's run) are refused; 17 digits never
    // are, whatever they split into.
    assert!(splits(&"3".repeat(72), 7).is_none());
    assert!(splits(&"3".repeat(17), 9).is_some());
}

/// A run of zeros has one split, all zeros, whatever spaces it holds; an
/// equation with a known part other than 0 leaves none.
#[test]
fn zeros_and_spaces() {
    let eq = row_total(4);
    for raw in ["0000", "0 00 0", "00\u{a0}00"] {
        let got = listed(raw, 4, &[&eq]);
        assert_eq!(strings(&got), vec![vec!["0"; 4]]);
        assert_eq!(got, reference(raw, 4, &[&eq]));
    }
    assert!(listed("0 00 0", 3, &[]).is_empty());
    let eq = local_eq(2, &[(0, 1), (1, 1), (2, -1)], Some(scaled(Decimal::int(1))));
    assert!(listed("00", 2, &[&eq]).is_empty());
    assert_eq!(reference("00", 2, &[&eq]), Vec::<Split>::new());
}

/// Runs longer than LONG_RUN bytes are listed as before the pruning: 150
/// zeros with spaces split one way; a chunk no number can start is no split
/// (and not refused); half a million digits are refused at once.
#[test]
fn long_runs() {
    let zeros = "0 ".repeat(150);
    assert!(zeros.len() > LONG_RUN);
    let run = run_of(&zeros, 150);
    let mut t = Texts::new(&zeros, &[&run]);
    assert!(!t.too_many(0, 150));
    assert_eq!(strings(&t.list(0, 150, &[])), vec![vec!["0"; 150]]);
    let dots = format!("1.2.{}", "3".repeat(300));
    let run = run_of(&dots, 2);
    let mut t = Texts::new(&dots, &[&run]);
    assert!(!t.too_many(0, 2));
    assert!(t.list(0, 2, &[]).is_empty());
    let digits = "7".repeat(500_000);
    assert!(whole_listing(&digits, 7, 0).is_none());
    // 19 digits still parse, 20 do not.
    let v = whole_listing(&format!("{}1", "9".repeat(280)), 2, 0);
    assert_eq!(v.map(|s| s.len()), Some(0));
    let big = format!("{}{}", "1".repeat(240), "9223372036854775807");
    let v = whole_listing(&big, 2, 0).expect("within the limit");
    assert_eq!(v, Vec::<Split>::new());
}

/// Section 三 of the 2021 template with one glued run per `(row, raw range,
/// line)` of `text`, resolved through the whole search: each row's cells as
/// (state, value) and the diagnostics.
type Cells = Vec<(State, Option<String>)>;
fn resolve_three(text: &str, runs: &[(usize, (usize, usize), u32)]) -> (Vec<Cells>, Vec<Diag>) {
    let tpl = crate::grammar::template("2021").expect("the 2021 template");
    let (table, t) = tpl.section_tables(3).next().expect("section 三");
    let ncols = t.cols.len();
    assert_eq!(ncols, 7);
    let mut tables = Tables::new(tpl);
    for &(row, raw, line) in runs {
        let slots: Vec<usize> = (row * ncols..(row + 1) * ncols).collect();
        for &s in &slots {
            tables.tables[table].slots[s] = Some(Slot {
                state: State::Unresolved,
                value: None,
                unit: None,
                raw,
                line,
            });
        }
        tables.runs.push(GluedRun {
            table,
            slots,
            raw,
            line,
            counted: false,
        });
    }
    let mut diags = Vec::new();
    resolve(text, tpl, &mut tables, &mut diags);
    assert_eq!(tables.runs.len(), runs.len());
    let rows = runs
        .iter()
        .map(|&(r, _, _)| {
            (r * ncols..(r + 1) * ncols)
                .map(|s| {
                    let slot = tables.tables[table].slots[s].clone().expect("a slot");
                    (slot.state, slot.value.map(|v| v.to_string()))
                })
                .collect()
        })
        .collect();
    (rows, diags)
}

fn recovered(values: &[&str]) -> Cells {
    values
        .iter()
        .map(|v| (State::Recovered, Some(v.to_string())))
        .collect()
}

/// Through the whole search: a row the identities cannot decide keeps its
/// cells unresolved with its raw digits, but for those every split cuts alike;
/// one they decide is recovered.
#[test]
fn an_ambiguous_row_keeps_unresolved_the_cells_its_splits_cut_apart() {
    // 1|94|1|5|43|87|231 and 194|15|4|3|8|7|231 both sum: only the total is certain.
    let (rows, diags) = resolve_three(
        "194154387231 567112168",
        &[(0, (0, 12), 1), (2, (13, 22), 1)],
    );
    let mut want = vec![(State::Unresolved, None); 6];
    want.push((State::Recovered, Some("231".to_string())));
    assert_eq!(rows[0], want);
    assert_eq!(rows[1], recovered(&["56", "7", "1", "1", "2", "1", "68"]));
    assert_eq!(diags.len(), 1);
    assert_eq!(
        diags[0].message,
        "digits `194154387231` run several cells together and the report's identities allow more than one split; 1 of its 7 cells are cut alike by every split and recovered, the rest kept as unresolved"
    );
}

/// A run whose digits cannot fill its cells (a cell left empty without a trace:
/// `5000－5` is six cells for seven) is left unresolved with its own warning; the
/// other runs of the table are still split (here one run, by its row's sum).
#[test]
fn a_run_that_cannot_fill_its_cells_spoils_no_other() {
    let (rows, diags) = resolve_three("5000－5 2000002", &[(0, (0, 8), 1), (2, (9, 16), 3)]);
    assert_eq!(rows[0], vec![(State::Unresolved, None); 7]);
    assert_eq!(rows[1], recovered(&["2", "0", "0", "0", "0", "0", "2"]));
    let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        vec!["digits `5000－5` cannot fill the 7 cells they stand for (too few digits, or a piece that is no number); kept as unresolved"]
    );
}

/// The raw text of each cell of each split.
fn raws<'a>(raw: &'a str, splits: &[Split]) -> Vec<Vec<&'a str>> {
    splits
        .iter()
        .map(|s| s.iter().map(|(_, _, (a, b))| &raw[*a..*b]).collect())
        .collect()
}

/// Marks of empty cells are cells of their own and boundaries: between them the
/// digits fill what is left (`3无无无1无4`: 7 cells, one way).
#[test]
fn marks_are_cells_and_boundaries() {
    let raw = "3无无无1无4";
    let got = splits(raw, 7).unwrap();
    assert_eq!(
        raws(raw, &got),
        vec![vec!["3", "无", "无", "无", "1", "无", "4"]]
    );
    // Three marks and `12`, `3`: 12 | 3 or 1 | 2 and 3 does not fit 5 cells both
    // ways; the digits between two marks are one cell or more.
    let raw = "—12—3";
    assert_eq!(
        raws(raw, &splits(raw, 4).unwrap()),
        vec![vec!["—", "12", "—", "3"]]
    );
    assert_eq!(
        raws(raw, &splits(raw, 5).unwrap()),
        vec![vec!["—", "1", "2", "—", "3"]]
    );
    // Marks alone: as many cells as marks, or nothing.
    assert_eq!(
        raws("无无", &splits("无无", 2).unwrap()),
        vec![vec!["无", "无"]]
    );
    assert!(splits("无无", 3).unwrap().is_empty());
}

/// `——` and `--` are one mark or two: the number of cells tells, or the run
/// stays with two splits.
#[test]
fn doubled_dashes() {
    let raw = "5——3";
    assert_eq!(
        raws(raw, &splits(raw, 3).unwrap()),
        vec![vec!["5", "——", "3"]]
    );
    assert_eq!(
        raws(raw, &splits(raw, 4).unwrap()),
        vec![vec!["5", "—", "—", "3"]]
    );
    // `--5` in 2 cells: `--` and 5, or `-` and -5.
    let raw = "--5";
    assert_eq!(
        raws(raw, &splits(raw, 2).unwrap()),
        vec![vec!["-", "-5"], vec!["--", "5"]]
    );
}

/// `1-11` in three cells is 1, -1, 1 or 1, (empty), 11; in columns that cannot be
/// negative only the second is left.
#[test]
fn a_dash_in_a_column_that_cannot_be_negative_is_a_mark() {
    let raw = "1-11";
    assert_eq!(
        raws(raw, &splits(raw, 3).unwrap()),
        vec![vec!["1", "-", "11"], vec!["1", "-1", "1"]]
    );
    let run = run_of(raw, 3);
    let mut t = Texts::new(raw, &[&run]);
    t.unsigned = vec![vec![true; 3]];
    assert_eq!(raws(raw, &t.list(0, 3, &[])), vec![vec!["1", "-", "11"]]);
}

/// A row identity counts marks as 0: 2 + 0 + 0 + 3 = 5 (`2无无35`).
#[test]
fn marks_count_as_zero_in_identities() {
    let eq = row_total(5);
    let raw = "2无无35";
    let got = listed(raw, 5, &[&eq]);
    assert_eq!(raws(raw, &got), vec![vec!["2", "无", "无", "3", "5"]]);
    assert_eq!(got, reference(raw, 5, &[&eq]));
}

/// Numbers two spaces apart are cells set apart, not glued digits; one space (a
/// no-break space a crawler left) or none is a glued run's.
#[test]
fn numbers_two_spaces_apart_are_no_glued_run() {
    for (raw, apart) in [
        ("7  142  710  31", true),
        ("7\t142", true),
        ("7142710 31", false),
        ("20 000121", false),
        ("7142", false),
    ] {
        assert_eq!(super::spaced_apart(raw, &run_of(raw, 7)), apart, "{raw:?}");
    }
}
