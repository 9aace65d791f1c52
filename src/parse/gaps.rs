//! Rows printed one or two numbers short of their cells, or parted by a piece
//! of their label, placed by the report's identities where they allow one
//! placement only.
//!
//! OCR loses a lone `1` (a thin stroke taken for a table rule) or a `0`, and a
//! converter may lose an empty cell's mark: the row `3.危及“三安全一稳定” 1 0 0 0 0 0`
//! has six numbers for seven cells. The readers set such a row aside: which
//! column lost its number is not known. Here every way to leave one or two cells
//! of the row empty is tried, the numbers in the order printed filling the rest,
//! and kept when the identities allow it: an identity with no cell left empty
//! must hold; one whose only empty cells are this row's says what they hold
//! together, which must be a count (not below zero), and one cell's value must
//! be the same by every identity through it. A cell is placed when every kept
//! way puts the same number in it (`1 0 0 0 0 0`: only the total can have been
//! lost, or the counts would sum to less than nothing). A cell some way leaves
//! empty is not read even where the sums give it the count the other ways print
//! there (`0 0 0 0 0 0`: whichever cell lost its number held 0): a cell may have
//! been printed empty, a blank, rather than lost, and a number where the report
//! printed none is wrong. The cells some way leaves empty, and any the ways
//! disagree on, stay missing.
//! Nothing is placed when no way is kept (the numbers themselves are then in
//! doubt) or when the row was read otherwise. A short row's numbers in two
//! pieces (two lines of several, or text between; OCR orders a wrapped row's
//! pieces by height) keep each piece's order, but how the pieces interleave is
//! not known: every interleaving is a way too, as for a parted row (below).
//! More than two pieces are not placed.
//!
//! A parted row has all its numbers, on two lines with a piece of its label
//! between (`4.保护第三方 1 0` / `合法权益 2 0 0 0 3` for 1 2 0 0 0 0 3): an OCR
//! engine that joins boxes at one height into a line puts the numbers standing a
//! little higher beside the label's first line. Each line's numbers keep their
//! order; its ways are every interleaving of the two lines, kept and agreed on
//! as above.
//!
//! A table's rows are placed together, every combination of their ways tried
//! (up to [`MAX_COMBINATIONS`]), so that one row's sums down the columns can
//! decide another's. Each row's ways are first cut to those the identities
//! allow with the other rows unknown, one per distinct set of values: a way
//! that fails then fails in every combination, and two ways that put the same
//! values everywhere are one for the identities.

use crate::grammar::Template;
use crate::model::diag::Diag;
use crate::model::tables::{ShortRow, Tables};
use crate::parse::checks::each_identity;

/// At most this many combinations of placements (one per short row of a table)
/// are tried together; past it, each row is placed on its own, the other short
/// rows' cells left unknown.
const MAX_COMBINATIONS: usize = 20_000;

/// Places the short rows of section `n`'s tables where the identities allow.
pub(crate) fn place(tpl: &Template, n: u8, out: &mut Tables, diags: &mut Vec<Diag>) {
    for (ti, t) in tpl.section_tables(n) {
        let mut shorts = std::mem::take(&mut out.tables[ti].short);
        let nc = t.cols.len();
        // A whole table's numbers in one run, one or two lost (section 四's
        // fifteen printed as one run): placed as one row of all its cells, alone.
        if let Some(k) = shorts.iter().position(|sr| sr.nums.len() > nc) {
            let sr = shorts.swap_remove(k);
            place_whole(tpl, ti, t, sr, out, diags);
            continue;
        }
        let mut rows: Vec<ShortRow> = Vec::new();
        for mut sr in shorts {
            let lost = nc.saturating_sub(sr.nums.len());
            if sr.nums.is_empty() || nc > 16 {
                continue;
            }
            if sr.first > 0 {
                // A parted row: all its numbers, some on each side of the piece.
                if lost != 0 || sr.first >= sr.nums.len() || sr.nums.len() != nc {
                    continue;
                }
            } else {
                if !(1..=2).contains(&lost) {
                    continue;
                }
                // Numbers with text between them, or on two lines of several,
                // need not stand in the order of their columns (OCR orders a
                // wrapped row's pieces by height: `内部事务 0 0` / `信息 1 0 0 0`
                // for 1 0 0 0 0 0 1): each line keeps its order, and the row is
                // placed as a parted one. More than two such pieces are not.
                match pieces(&sr.nums) {
                    Some(first) => sr.first = first,
                    None => continue,
                }
                // Two pieces with more than a line between them (`内部事务信息 7 0 8`
                // / `结` / `果 6 0 0`): a row short of a number and in two pieces
                // leaves its placement so open that numbers not its own (a label's
                // enumerator torn off with a side column's character) fit it too.
                // Only pieces on neighbouring lines, or with one line between
                // (the label's piece), are taken for one row.
                if sr.first > 0 && sr.nums[sr.first].line > sr.nums[sr.first - 1].line + 2 {
                    continue;
                }
            }
            // Numbers no row took on a line of the row's, or on the line before or
            // after them (`一、本年 3 001 0` / `新收政府信息公开申请数量 53 0 61 4 3 119`:
            // a row OCR parted by height whose first piece of label read as no
            // label): they may be the numbers the row lost, so its numbers are not
            // placed without them.
            let (lo, hi) = sr.nums.iter().fold((u32::MAX, 0), |(lo, hi), v| {
                (lo.min(v.line), hi.max(v.line))
            });
            if lost > 0 && out.stray.iter().any(|&s| s + 1 >= lo && s <= hi + 1) {
                continue;
            }
            let cells = sr.row * nc..(sr.row + 1) * nc;
            if out.tables[ti].slots[cells].iter().any(Option::is_some)
                || rows.iter().any(|r| r.row == sr.row)
            {
                continue;
            }
            rows.push(sr);
        }
        if rows.is_empty() {
            continue;
        }
        // A row no way of which the identities allow is not placed: its numbers
        // themselves are in doubt.
        let ways = allowed_alone(tpl, ti, &rows, nc, out);
        let (rows, ways): (Vec<ShortRow>, Vec<Vec<Way>>) = rows
            .into_iter()
            .zip(ways)
            .filter(|(_, w)| !w.is_empty())
            .unzip();
        if rows.is_empty() {
            continue;
        }
        let together = ways
            .iter()
            .try_fold(1usize, |p, w| p.checked_mul(w.len()))
            .is_some_and(|p| p <= MAX_COMBINATIONS);
        let agreed: Vec<Option<Vec<Option<Agreed>>>> = if together {
            agreed_placements(tpl, ti, &rows, &ways, nc, out)
        } else {
            rows.iter()
                .zip(&ways)
                .map(|(r, w)| {
                    agreed_placements(
                        tpl,
                        ti,
                        std::slice::from_ref(r),
                        std::slice::from_ref(w),
                        nc,
                        out,
                    )
                    .pop()
                    .flatten()
                })
                .collect()
        };
        for (sr, agreed) in rows.iter().zip(agreed) {
            if let Some(agreed) = agreed {
                fill_row(t, ti, sr, &agreed, out, diags);
            }
        }
    }
}

/// A table's numbers printed as one run, one or two short of its cells: placed
/// as one row of all the table's cells (row-major), where every placement the
/// identities allow agrees, the rest missing.
fn place_whole(
    tpl: &Template,
    ti: usize,
    t: &crate::grammar::Table,
    sr: ShortRow,
    out: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    let width = out.tables[ti].slots.len();
    let lost = width.saturating_sub(sr.nums.len());
    if sr.row != 0 || width > 16 || !(1..=2).contains(&lost) {
        return;
    }
    if out.tables[ti].slots.iter().any(Option::is_some) {
        return;
    }
    let rows = [sr];
    let ways = allowed_alone(tpl, ti, &rows, width, out);
    if ways[0].is_empty() {
        return;
    }
    let Some(Some(agreed)) = agreed_placements(tpl, ti, &rows, &ways, width, out).pop() else {
        return;
    };
    let sr = &rows[0];
    let nc = t.cols.len();
    let key = |c: usize| format!("{}/{}", t.rows[c / nc].key, t.cols[c % nc].key);
    let (placed, open): (Vec<usize>, Vec<usize>) = (0..width).partition(|&c| agreed[c].is_some());
    if placed.is_empty() {
        return;
    }
    for (c, a) in agreed.iter().enumerate() {
        if let Some(num) = a {
            out.tables[ti].slots[c] = Some(sr.nums[*num].clone());
            out.tables[ti].rows_seen[c / nc] = true;
        }
    }
    let list = |cs: &[usize]| cs.iter().map(|&c| key(c)).collect::<Vec<_>>().join(", ");
    let rest = if open.is_empty() {
        String::new()
    } else {
        format!("; {} reported missing", list(&open))
    };
    diags.push(Diag::warning(
        sr.nums[0].line,
        format!(
            "the table's {} numbers for its {width} cells (one or two lost, by OCR or the converter): the report's identities give cells {} the same number in every place they allow, which is read so{rest}",
            sr.nums.len(),
            list(&placed),
        ),
    ));
}

/// Writes the cells of `sr` that every kept placement agrees on, with a warning.
fn fill_row(
    t: &crate::grammar::Table,
    ti: usize,
    sr: &ShortRow,
    agreed: &[Option<Agreed>],
    out: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    let nc = t.cols.len();
    let (placed, open): (Vec<usize>, Vec<usize>) = (0..nc).partition(|&c| agreed[c].is_some());
    if placed.is_empty() {
        return;
    }
    let keys = |cs: &[usize]| -> String {
        cs.iter()
            .map(|&c| t.cols[c].key.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (c, a) in agreed.iter().enumerate() {
        if let Some(num) = a {
            out.tables[ti].slots[sr.row * nc + c] = Some(sr.nums[*num].clone());
        }
    }
    out.tables[ti].rows_seen[sr.row] = true;
    let rest = if open.is_empty() {
        String::new()
    } else {
        format!("; {} reported missing", keys(&open))
    };
    let message = if sr.first > 0 && sr.nums.len() == nc {
        format!(
            "row {}'s numbers stand on two lines with a piece of its label between (an OCR engine joining boxes by height): of the ways the two lines' numbers, each line's in its order, can make the row, those the report's identities allow give columns {} the same number, which is read so{rest}",
            t.rows[sr.row].key,
            keys(&placed),
        )
    } else {
        format!(
            "row {} printed {} numbers for {nc} cells (a number lost, by OCR or the converter){}: the report's identities give columns {} the same number in every place they allow, which is read so{rest}",
            t.rows[sr.row].key,
            sr.nums.len(),
            if sr.first > 0 {
                ", on two lines whose numbers' order between them is not known (OCR joins boxes by height)"
            } else {
                ""
            },
            keys(&placed),
        )
    };
    diags.push(Diag::warning(sr.nums[0].line, message));
}

/// The sets of `k` columns among `nc`, as bit masks.
fn masks(nc: usize, k: usize) -> Vec<u32> {
    (0u32..(1u32 << nc))
        .filter(|m| m.count_ones() as usize == k)
        .collect()
}

/// Where a short row's numbers break into two pieces whose order between them is
/// not known: the count of the first piece, 0 for one piece, `None` for more
/// than two. A piece is the numbers of one line, or of consecutive lines of one
/// number each (OCR's boxes one a line, in their order); text between two
/// numbers, or a line of several, starts another.
fn pieces(nums: &[crate::model::tables::Slot]) -> Option<usize> {
    let on_line = |line: u32| nums.iter().filter(|x| x.line == line).count();
    let mut first = 0;
    for (i, w) in nums.windows(2).enumerate() {
        let (a, b) = (w[0].line, w[1].line);
        let one_a_line = b == a + 1 && on_line(a) == 1 && on_line(b) == 1;
        if a != b && !one_a_line {
            if first > 0 {
                return None;
            }
            first = i + 1;
        }
    }
    Some(first)
}

/// One way of placing a row's numbers: the cells left empty, and the cells of
/// the first piece's numbers (the second piece's fill the rest; a row of one
/// piece has none of the first).
#[derive(Clone, Copy)]
struct Way {
    empty: u32,
    first: u32,
}

/// At most this many ways of one row are tried (a seven-column row in two
/// pieces has at most 735); a row with more (a wide table of a grammar file) is
/// not placed.
const MAX_WAYS: usize = 5_000;

/// Every way of placing row `sr`'s numbers among `nc` columns: its lost cells
/// anywhere, and its two pieces (if two) interleaved in every way that keeps
/// each piece's order. None past [`MAX_WAYS`].
fn ways_of(sr: &ShortRow, nc: usize) -> Vec<Way> {
    let mut v = Vec::new();
    for empty in masks(nc, nc - sr.nums.len()) {
        if sr.first == 0 {
            v.push(Way { empty, first: 0 });
            continue;
        }
        for first in masks(nc, sr.first) {
            if first & empty == 0 {
                v.push(Way { empty, first });
            }
        }
        if v.len() > MAX_WAYS {
            return Vec::new();
        }
    }
    v
}

/// Per column, the index in `sr.nums` of the number `way` puts there, or
/// `None` for a cell it leaves empty.
fn fill_of(sr: &ShortRow, way: Way, nc: usize) -> Vec<Option<usize>> {
    let (mut a, mut b) = (0, sr.first);
    let next = |i: &mut usize| {
        *i += 1;
        Some(*i - 1)
    };
    (0..nc)
        .map(|c| {
            let bit = 1 << c;
            if way.empty & bit != 0 {
                None
            } else if way.first & bit != 0 {
                next(&mut a)
            } else {
                next(&mut b)
            }
        })
        .collect()
}

/// Per row, the ways the identities allow with the other rows' cells unknown
/// (counts to be found, so this keeps every way some combination keeps), one
/// of those that put the same values in every cell: the combinations tried
/// together are then far fewer.
fn allowed_alone(
    tpl: &Template,
    ti: usize,
    rows: &[ShortRow],
    nc: usize,
    out: &mut Tables,
) -> Vec<Vec<Way>> {
    let mut open = vec![false; out.tables[ti].slots.len()];
    for r in rows {
        open[r.row * nc..(r.row + 1) * nc].fill(true);
    }
    rows.iter()
        .map(|r| {
            let mut seen: Vec<Vec<Option<i128>>> = Vec::new();
            let mut kept = Vec::new();
            for way in ways_of(r, nc) {
                let fill = fill_of(r, way, nc);
                for (c, f) in fill.iter().enumerate() {
                    out.tables[ti].slots[r.row * nc + c] = f.map(|i| r.nums[i].clone());
                }
                let values: Vec<Option<i128>> = fill
                    .iter()
                    .map(|f| f.and_then(|i| r.nums[i].value).map(|v| v.fixed()))
                    .collect();
                if !seen.contains(&values) && holds(tpl, ti, &open, out).is_some() {
                    seen.push(values);
                    kept.push(way);
                }
            }
            for s in &mut out.tables[ti].slots[r.row * nc..(r.row + 1) * nc] {
                *s = None;
            }
            kept
        })
        .collect()
}

/// What every kept placement says of one column: the index of a number that
/// they all print there (the same value in all, if not the same number: zeros).
type Agreed = usize;

/// Per column: (value, a number printed there, printed in every placement), or
/// `None` once placements disagree or the value is not known.
type Cell = Option<(i128, Option<usize>, bool)>;

/// Per short row, per column, what every kept combination of placements (one
/// per row, from `ways`) agrees on (`None` where they give it different values,
/// or where no placement prints a number there); `None` for every row when no
/// combination is kept.
fn agreed_placements(
    tpl: &Template,
    ti: usize,
    rows: &[ShortRow],
    ways: &[Vec<Way>],
    nc: usize,
    out: &mut Tables,
) -> Vec<Option<Vec<Option<Agreed>>>> {
    let mut open = vec![false; out.tables[ti].slots.len()];
    for r in rows {
        open[r.row * nc..(r.row + 1) * nc].fill(true);
    }
    let mut agreed: Option<Vec<Vec<Cell>>> = None;
    let mut pick = vec![0usize; rows.len()];
    'combos: loop {
        let mut fills: Vec<Vec<Option<usize>>> = Vec::with_capacity(rows.len());
        for (k, r) in rows.iter().enumerate() {
            let fill = fill_of(r, ways[k][pick[k]], nc);
            for (c, f) in fill.iter().enumerate() {
                out.tables[ti].slots[r.row * nc + c] = f.map(|i| r.nums[i].clone());
            }
            fills.push(fill);
        }
        if let Some(derived) = holds(tpl, ti, &open, out) {
            let cells: Vec<Vec<Cell>> = rows
                .iter()
                .zip(&fills)
                .map(|(r, fill)| {
                    fill.iter()
                        .enumerate()
                        .map(|(c, f)| match f {
                            Some(i) => r.nums[*i].value.map(|v| (v.fixed(), Some(*i), true)),
                            None => derived[r.row * nc + c].map(|v| (v, None, false)),
                        })
                        .collect()
                })
                .collect();
            agreed = Some(match agreed {
                None => cells,
                Some(a) => a
                    .iter()
                    .zip(&cells)
                    .map(|(ra, rb)| {
                        ra.iter()
                            .zip(rb)
                            .map(|(x, y)| match (x, y) {
                                (Some((v, i, p)), Some((w, j, q))) if v == w => {
                                    Some((*v, i.or(*j), *p && *q))
                                }
                                _ => None,
                            })
                            .collect()
                    })
                    .collect(),
            });
        }
        // The next combination, the last row's placement turning fastest.
        for k in (0..rows.len()).rev() {
            pick[k] += 1;
            if pick[k] < ways[k].len() {
                continue 'combos;
            }
            pick[k] = 0;
        }
        break;
    }
    for r in rows {
        for s in &mut out.tables[ti].slots[r.row * nc..(r.row + 1) * nc] {
            *s = None;
        }
    }
    match agreed {
        None => vec![None; rows.len()],
        Some(a) => a
            .into_iter()
            .map(|row| {
                Some(
                    row.into_iter()
                        // A cell that some way leaves empty is not read, even
                        // where the sums give it the count the others print: an
                        // empty cell may have been printed empty (a blank), not lost.
                        .map(|c| c.and_then(|(_, i, printed)| i.filter(|_| printed)))
                        .collect(),
                )
            })
            .collect(),
    }
}

/// The number in slot `s`, as a fixed-point count, if it holds one.
fn count_at(slots: &[Option<crate::model::tables::Slot>], s: usize) -> Option<i128> {
    slots
        .get(s)?
        .as_ref()
        .filter(|x| x.state.has_value())
        .and_then(|x| x.value)
        .map(|v| v.fixed())
}

/// Whether row `row` of table `ti`, with `cells` in it (one per column), is
/// confirmed by the report's identities: some identity through the row has every
/// cell known, and every such identity holds. The table is left as it was.
pub(crate) fn row_confirmed(
    tpl: &Template,
    ti: usize,
    row: usize,
    cells: &[crate::model::tables::Slot],
    out: &mut Tables,
) -> bool {
    let nc = cells.len();
    let range = row * nc..(row + 1) * nc;
    let Some(kept) = out.tables[ti].slots.get(range.clone()).map(<[_]>::to_vec) else {
        return false;
    };
    let seen = out.tables[ti].seen;
    out.tables[ti].seen = true;
    for (s, c) in out.tables[ti].slots[range.clone()].iter_mut().zip(cells) {
        *s = Some(c.clone());
    }
    let slots = &out.tables[ti].slots;
    let value = |s: usize| count_at(slots, s);
    let (mut tested, mut ok) = (false, true);
    each_identity(tpl, out, None, |i| {
        if i.table != ti
            || !i
                .lhs_slots()
                .chain(i.rhs_slots())
                .any(|s| range.contains(&s))
        {
            return;
        }
        let side = |it: &mut dyn Iterator<Item = usize>| -> Option<i128> {
            it.map(value).sum::<Option<i128>>()
        };
        if let (Some(l), Some(r)) = (side(&mut i.lhs_slots()), side(&mut i.rhs_slots())) {
            tested = true;
            ok &= l == r;
        }
    });
    out.tables[ti].slots[range].clone_from_slice(&kept);
    out.tables[ti].seen = seen;
    tested && ok
}

/// Whether the identities of table `ti` allow its cells as they stand, the
/// empty cells among `open` (per slot of the table: a short row's) holding
/// counts yet to be known: `None` when they do not, else per slot the count an
/// empty open one must hold where the identities say (one empty cell in a sum,
/// or several that must hold 0 together).
fn holds(tpl: &Template, ti: usize, open: &[bool], out: &Tables) -> Option<Vec<Option<i128>>> {
    let slots = &out.tables[ti].slots;
    let value = |s: usize| count_at(slots, s);
    let is_open = |s: usize| open.get(s).copied().unwrap_or(false);
    // What each empty open cell must hold, once an identity says.
    let mut known: Vec<Option<i128>> = vec![None; slots.len()];
    let mut ok = true;
    each_identity(tpl, out, None, |i| {
        if !ok || i.table != ti {
            return;
        }
        if !i.lhs_slots().chain(i.rhs_slots()).any(is_open) {
            return;
        }
        // The sum of each side's numbers, and its empty cells: open ones, or any
        // other (then the identity says nothing).
        let mut sums = [0i128; 2];
        let mut empty: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
        let mut other_empty = false;
        for (side, it) in [
            (0, i.lhs_slots().collect::<Vec<_>>()),
            (1, i.rhs_slots().collect()),
        ] {
            for s in it {
                match value(s) {
                    Some(v) => sums[side] += v,
                    None if is_open(s) && slots[s].is_none() => empty[side].push(s),
                    None => other_empty = true,
                }
            }
        }
        if other_empty {
            return;
        }
        let mut say = |s: usize, v: i128| match &mut known[s] {
            Some(w) if *w != v => ok = false,
            k => *k = Some(v),
        };
        match (empty[0].as_slice(), empty[1].as_slice()) {
            ([], []) => ok = sums[0] == sums[1],
            // The empty cells all on one side hold together the difference.
            (e, []) | ([], e) => {
                let on_left = !empty[0].is_empty();
                let need = if on_left {
                    sums[1] - sums[0]
                } else {
                    sums[0] - sums[1]
                };
                if need < 0 {
                    ok = false;
                } else if let [s] = e {
                    say(*s, need);
                } else if need == 0 {
                    // Counts that add up to nothing are each 0.
                    for &s in e {
                        say(s, 0);
                    }
                }
            }
            // Empty cells on both sides: any difference can be made up.
            _ => {}
        }
    });
    ok.then_some(known)
}

#[cfg(test)]
mod tests {
    use crate::parse::report::parse_report;

    use crate::parse::table_three::{COLS, GRID, KEYS, ROWS};

    /// The report with row `r`'s numbers printed as `printed`; row `r`'s cells
    /// as read (value or `None`), and the warnings on its line.
    fn read_row(r: usize, printed: &str) -> (Vec<Option<i64>>, Vec<String>) {
        read_rows(r, &[(r, printed)])
    }

    /// The same with several rows printed otherwise; row `r`'s cells.
    fn read_rows(r: usize, printed: &[(usize, &str)]) -> (Vec<Option<i64>>, Vec<String>) {
        let whole: Vec<(usize, String)> = printed
            .iter()
            .map(|(i, p)| (*i, format!("{} {p}", ROWS[*i])))
            .collect();
        read_lines(r, &whole)
    }

    /// The same with rows printed otherwise, label and all; row `r`'s cells, and
    /// the warnings on its first line.
    fn read_lines(r: usize, printed: &[(usize, String)]) -> (Vec<Option<i64>>, Vec<String>) {
        let mut text = String::from(
            "某县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n本县依法公开政府信息。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n申请人情况 自然人 法人或其他组织 总计\n商业企业 科研机构 社会公益组织 法律服务机构 其他\n",
        );
        let mut line = 0;
        // Section 三 as pdftotext -raw prints it: a row a line, one space
        // between cells.
        for (i, (label, v)) in ROWS.iter().zip(GRID).enumerate() {
            if i == r {
                line = text.lines().count() + 1;
            }
            match printed.iter().find(|(j, _)| *j == i) {
                Some((_, p)) => text.push_str(&format!("{p}\n")),
                None => {
                    let nums = v.map(|x| x.to_string()).join(" ");
                    text.push_str(&format!("{label} {nums}\n"));
                }
            }
        }
        text.push_str("四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n五、存在的主要问题及改进情况\n无。\n");
        let rep = parse_report("t", text.as_bytes());
        let key = KEYS[r];
        let keyed = rep.keyed_cells();
        let cells = COLS
            .iter()
            .map(|c| {
                let k = format!("3/{key}/{c}");
                keyed
                    .iter()
                    .find(|(x, _)| *x == k)
                    .and_then(|(_, s)| *s)
                    .filter(|s| s.state.has_value())
                    .and_then(|s| s.value)
                    .map(|v| v.mantissa)
            })
            .collect();
        let warnings = rep
            .diags
            .iter()
            .filter(|d| d.line as usize == line && d.level == crate::model::diag::Level::Warning)
            .map(|d| d.message.clone())
            .collect();
        (cells, warnings)
    }

    /// Section 四's fifteen numbers a cell a line, one lost (OCR): placed as one
    /// row of the table's fifteen cells. Only a place in 行政诉讼（未经复议直接起诉）
    /// keeps the three row sums, so the other two rows are read; that row's cells
    /// differ from place to place and stay missing.
    #[test]
    fn a_whole_table_one_number_short_is_placed_by_its_sums() {
        let heads = "结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n".repeat(3);
        let text = format!(
            "某街道2023年政府信息公开工作年度报告\n一、总体情况\n正文。\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n未经复议直接起诉\n复议后起诉\n{heads}0\n7\n6\n0\n13\n3\n0\n2\n14\n4\n59\n3\n0\n66\n五、存在的主要问题及改进情况\n无。\n"
        );
        let r = crate::parse::report::parse_report("t", text.as_bytes());
        let got: Vec<(String, Option<String>)> = r
            .keyed_cells()
            .into_iter()
            .filter(|(k, _)| k.starts_with("4/"))
            .map(|(k, s)| (k, s.and_then(|s| s.value).map(|v| v.to_string())))
            .collect();
        let want = [
            "0", "7", "6", "0", "13", "", "", "", "", "", "4", "59", "3", "0", "66",
        ];
        assert_eq!(
            got.iter().map(|(_, v)| v.clone()).collect::<Vec<_>>(),
            want.iter()
                .map(|w| (!w.is_empty()).then(|| w.to_string()))
                .collect::<Vec<_>>(),
            "{got:?}"
        );
    }

    #[test]
    fn the_whole_table_reads_as_printed() {
        let (cells, warnings) = read_row(4, "1 0 0 0 0 0 1");
        assert_eq!(cells, [1, 0, 0, 0, 0, 0, 1].map(Some));
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    /// `1 0 0 0 0 0` for 1 0 0 0 0 0 1: a lost count would make the total 0 below
    /// the counts' 1, so only the total was lost.
    #[test]
    fn a_lost_total_is_the_only_place_the_row_sum_allows() {
        let (cells, warnings) = read_row(4, "1 0 0 0 0 0");
        assert_eq!(
            cells,
            [Some(1), Some(0), Some(0), Some(0), Some(0), Some(0), None]
        );
        assert!(
            warnings.iter().any(|w| w
                == "row withheld_state_secret printed 6 numbers for 7 cells (a number lost, by OCR or the converter): the report's identities give columns natural_person, business, research, nonprofit, legal_service, other_org the same number in every place they allow, which is read so; total reported missing"),
            "{warnings:?}"
        );
    }

    /// `2 0 0 0 1 3` for 2 0 0 0 1 0 3: the row's sum allows the lost 0 in any
    /// count column, but the columns' sums down to （七）总计 only in other_org.
    #[test]
    fn the_columns_sums_choose_where_a_count_was_lost() {
        let (cells, _) = read_row(5, "2 0 0 0 1 3");
        assert_eq!(
            cells,
            [Some(2), Some(0), Some(0), Some(0), Some(1), None, Some(3)]
        );
    }

    /// `1 0 0 0 0 1` for 1 0 0 0 0 0 1: any of the five count columns after
    /// natural_person may have lost its 0, or been printed empty (each way holds
    /// every sum): those five stay missing, though every way gives each 0.
    #[test]
    fn cells_some_way_leaves_empty_stay_missing() {
        let (cells, _) = read_row(4, "1 0 0 0 0 1");
        assert_eq!(cells, [Some(1), None, None, None, None, None, Some(1)]);
    }

    /// `0 0 0 0 0 1` for 1 0 0 0 0 0 1, with （七）总计 a number short too
    /// (`34 5 2 1 3 48`, a 3 lost): the two rows are placed together. Only
    /// natural_person can have lost the 1 (the column's sum down to （七）总计
    /// says so), so the five other counts and the total are read.
    #[test]
    fn cells_the_placements_disagree_on_stay_missing() {
        let (cells, _) = read_rows(4, &[(4, "0 0 0 0 0 1"), (23, "34 5 2 1 3 48")]);
        assert_eq!(
            cells,
            [None, Some(0), Some(0), Some(0), Some(0), Some(0), Some(1)]
        );
        let (total, _) = read_rows(23, &[(4, "0 0 0 0 0 1"), (23, "34 5 2 1 3 48")]);
        // legal_service and other_org both hold 3: either may be the one lost.
        assert_eq!(
            total,
            [Some(34), Some(5), Some(2), Some(1), None, None, Some(48)]
        );
    }

    /// Seven short rows (7^7 combinations, more than are tried together) are
    /// placed one at a time, the others unknown: with （七）总计 unknown, no
    /// column's sum can be done, and 国家秘密's `0 0 0 0 0 1` may have lost its
    /// total (the counts then 0 0 0 0 0 1) or a count: nothing is read.
    #[test]
    fn rows_placed_one_at_a_time_leave_more_missing() {
        let shorts = [
            (4, "0 0 0 0 0 1"),
            (23, "34 5 2 1 3 48"),
            (2, "12 2 1 0 1 18"),
            (12, "4 1 1 0 1 7"),
            (7, "3 1 0 0 0 4"),
            (15, "2 0 0 0 0 2"),
            (16, "1 0 0 0 0 1"),
        ];
        assert!(7usize.pow(7) > super::MAX_COMBINATIONS);
        let (cells, _) = read_rows(4, &shorts);
        assert_eq!(cells, [None; 7]);
    }

    /// A number a line, nothing between (OCR's boxes one a line): placed.
    #[test]
    fn a_short_row_a_number_a_line_is_placed() {
        let (cells, _) = read_row(4, "1\n0\n0\n0\n0\n0");
        assert_eq!(
            cells,
            [Some(1), Some(0), Some(0), Some(0), Some(0), Some(0), None]
        );
    }

    /// `4.保护第三方 3 0` / `合法权益 1 0 0 0 4` for 3 1 0 0 0 0 4: of the ways
    /// the two lines interleave, only those with 3 first and 1 second hold the
    /// sums down the columns, and they all give the same values.
    #[test]
    fn a_parted_row_is_read_where_the_sums_allow_one_interleaving() {
        let parted = [(7, "4.保护第三方 3 0\n合法权益 1 0 0 0 4".to_string())];
        let (cells, warnings) = read_lines(7, &parted);
        assert_eq!(cells, [3, 1, 0, 0, 0, 0, 4].map(Some));
        assert!(
            warnings.iter().any(|w| w
                == "row withheld_third_party's numbers stand on two lines with a piece of its label between (an OCR engine joining boxes by height): of the ways the two lines' numbers, each line's in its order, can make the row, those the report's identities allow give columns natural_person, business, research, nonprofit, legal_service, other_org, total the same number, which is read so"),
            "{warnings:?}"
        );
    }

    /// A side heading's character down the page before the label's first line
    /// (`本  2.其他法律行政法 2 0` / `规禁止公开 0 0 1 0 3`): the second line's text
    /// still ends the label, so the row is parted, not two rows.
    #[test]
    fn a_parted_row_under_a_side_headings_character_is_placed() {
        let parted = [(
            5,
            "本  2.其他法律行政法 2 0\n规禁止公开 0 0 1 0 3".to_string(),
        )];
        let (cells, _) = read_lines(5, &parted);
        assert_eq!(cells, [2, 0, 0, 0, 1, 0, 3].map(Some));
    }

    /// The same row with a total no interleaving sums to (`5`): its numbers are
    /// in doubt, and nothing of it is read.
    #[test]
    fn a_parted_row_no_interleaving_holds_stays_missing() {
        let parted = [(7, "4.保护第三方 3 0\n合法权益 1 0 0 0 5".to_string())];
        let (cells, _) = read_lines(7, &parted);
        assert_eq!(cells, [None; 7]);
    }

    /// Numbers over two lines (OCR ordering a wrapped row's pieces by height) are
    /// placed as two pieces whose order between them is not known: `1 0 0` /
    /// `0 0 0` for 1 0 0 0 0 0 1 (the total lost) can only have lost the total
    /// (a lost count would leave the total 0 below counts of 1), and the sums
    /// down the columns put the 1 under natural_person.
    #[test]
    fn a_short_row_over_two_lines_is_placed_as_two_pieces() {
        let (cells, warnings) = read_row(4, "1 0 0\n0 0 0");
        assert_eq!(
            cells,
            [Some(1), Some(0), Some(0), Some(0), Some(0), Some(0), None]
        );
        assert!(
            warnings.iter().any(|w| w
                == "row withheld_state_secret printed 6 numbers for 7 cells (a number lost, by OCR or the converter), on two lines whose numbers' order between them is not known (OCR joins boxes by height): the report's identities give columns natural_person, business, research, nonprofit, legal_service, other_org the same number in every place they allow, which is read so; total reported missing"),
            "{warnings:?}"
        );
    }

    /// A wrapped label's pieces between the numbers (`6.属于四类过程 0 0` /
    /// `性信息 1 0 0 1` for 1 0 0 0 0 0 1, a 0 lost): the numbers before the text
    /// may stand in any columns among those after it. The sums place the two 1s
    /// (natural_person and the total); the lost 0 may have been any of the five
    /// zeros between, so those stay missing.
    #[test]
    fn a_short_row_with_text_between_its_pieces_is_placed_where_the_sums_agree() {
        let printed = [(9, "6.属于四类过程 0 0\n性信息 1 0 0 1".to_string())];
        let (cells, _) = read_lines(9, &printed);
        assert_eq!(cells, [Some(1), None, None, None, None, None, Some(1)]);
    }

    /// A seven-column row in two pieces has at most C(7,1)·C(6,3) = 140 ways
    /// with one number lost; a sixteen-column one (a grammar file's wide table)
    /// in two pieces of seven with two lost would have 411,840: it is not placed.
    #[test]
    fn ways_stop_at_their_bound() {
        let slot = |line: u32| crate::model::tables::Slot {
            state: crate::model::tables::State::Number,
            value: crate::model::value::Decimal::parse_plain("0"),
            unit: None,
            raw: (0, 0),
            line,
        };
        let row = |n: usize, first: usize| super::ShortRow {
            row: 0,
            nums: (0..n)
                .map(|i| slot(if i < first { 1 } else { 3 }))
                .collect(),
            first,
        };
        assert_eq!(super::ways_of(&row(6, 3), 7).len(), 140);
        assert!(super::ways_of(&row(14, 7), 16).is_empty());
    }

    /// Three pieces (two lines of several numbers and text between): not placed.
    #[test]
    fn a_short_row_in_three_pieces_stays_missing() {
        let printed = [(9, "6.属于四类过程 1 0\n性信 0 0\n息 0 1".to_string())];
        let (cells, _) = read_lines(9, &printed);
        assert_eq!(cells, [None; 7]);
    }
}
