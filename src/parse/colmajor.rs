//! A table that a converter wrote column by column, read down its columns when
//! the report's identities leave one reading only.
//!
//! pdfminer.six (`pdf2txt.py`, and the tools built on it) groups a ruled table's
//! text into boxes: the row labels come as one block, then the numbers of the
//! first column top to bottom, then those of the second, and so on; a table split
//! over pages, or with group rows between, comes as bands of rows each written
//! so; and a band may print its first columns as a strip of their own, cut again
//! at a row. Neither the layout reader nor the stream reader places such numbers:
//! they read rows.
//!
//! Here the section's numbers, in the order printed, are laid into the template's
//! grid band by band (each band down its columns, a band of one row being a row
//! read across), every way the counts allow. A band is kept only when the
//! identities along its rows hold; a whole reading only when those down its
//! columns hold too. The reading is taken only when it is the one grid that
//! every such way gives, the reading across the rows fails, every row of the
//! template has its label printed in the template's order, and every number is a
//! plain count: otherwise nothing is taken, and the cells stay as the other
//! readings left them (missing, with their diagnostics).

use crate::grammar::{Per, Template};
use crate::model::value::{CellValue, Unit};
use crate::parse::lines::LineIndex;
use crate::parse::template::{Slot, State};
use crate::parse::tokens::{tokenize, LineKind, TokKind, Tokens};

/// The most distinct ways to fill the rows below any row that are followed:
/// a table of few numbers but zeros gives many, and then nothing is taken.
const MAX_FILLINGS: usize = 256;

/// The most steps (cells laid or compared) spent looking for the readings:
/// a section's table is read in a few million; past this, nothing is taken.
const MAX_WORK: usize = 50_000_000;

/// The widest strip of first columns a band may print apart.
const MAX_STRIP: usize = 3;

/// One number of the section as printed.
#[derive(Debug, Clone, Copy)]
struct Num {
    v: i64,
    unit: Option<Unit>,
    raw: (usize, usize),
    line: u32,
}

/// A section's table read down its columns.
#[derive(Debug)]
pub(crate) struct Reading {
    /// The table, an index into the template's tables.
    pub table: usize,
    /// Its cells, row-major as [`crate::parse::template::TableRead::slots`].
    pub slots: Vec<Option<Slot>>,
    /// The first and last line of the numbers read.
    pub lines: (u32, u32),
}

/// Section `n`'s table (the section's only one) read down its columns from
/// `text[start..end]`, when that reading is certain.
pub(crate) fn read(
    text: &str,
    start: usize,
    end: usize,
    n: u8,
    tpl: &Template,
    li: &LineIndex,
) -> Option<Reading> {
    let (ti, table) = tpl.sole_table(n)?;
    let nc = table.cols.len();
    // The rows every report of the template prints (a stand-in row printed
    // instead of others changes the count, and then nothing fits).
    let toks = tokenize(text, start, end, li);
    let folded: String = toks
        .tokens
        .iter()
        .filter(|t| t.kind == TokKind::Text)
        .map(|t| crate::grammar::normalize::fold(t.raw))
        .collect();
    // Row labels with their rows' numbers beside them on their lines
    // (`1.属于国家秘密 10 0 5 1 1 1 18`): the table is written row by row,
    // whatever the readings across the rows made of it (an OCR engine's rows
    // whose numbers a piece of their label parts, in an order not known, would
    // be read here in the order printed, as bands of one row).
    let names_row = |raw: &str| {
        let f = crate::grammar::normalize::fold(raw);
        table
            .rows
            .iter()
            .any(|r| !r.exact && r.keywords.iter().any(|k| f.contains(k.as_str())))
    };
    let beside = toks
        .lines
        .iter()
        .filter(|l| {
            let ts = toks.of(l);
            ts.iter()
                .filter(|t| matches!(t.kind, TokKind::Value(CellValue::Number(..))))
                .count()
                >= 2
                && ts
                    .iter()
                    .any(|t| t.kind == TokKind::Text && names_row(t.raw))
        })
        .count();
    if beside >= 3 {
        return None;
    }
    let rows = printed_rows(table, &folded);
    let nr = rows.len();
    if nr < 2 || nc < 2 {
        return None;
    }
    if !rows_in_order(table, &rows, &folded) {
        return None;
    }
    let plain = numbers(&toks, None);
    let mut nums = match plain {
        Some(v) if v.len() <= nr * nc => v,
        // More numbers than cells, or a value no count is: section 二's table
        // may stand among section 三's boxes; its numbers are set apart by the
        // labels before them.
        _ if n == 3 => numbers(&toks, Some(&Words::of(tpl)))?,
        _ => return None,
    };
    if nums.len() < nr * nc && n == 3 {
        nums.extend(spilled(text, end, li, nr * nc - nums.len())?);
    }
    if nums.len() != nr * nc {
        return None;
    }
    let grid = Grid::new(tpl, ti, &rows, nc, &nums)?;
    // Read across the rows, the numbers hold: that is the other readings' work.
    let across: Vec<usize> = (0..nr * nc).collect();
    if grid.rows_hold(&across, 0, nr) && grid.cols_hold(&across) {
        return None;
    }
    let fills = grid.fillings()?;
    let mut found: Option<&Vec<usize>> = None;
    for f in fills.iter().filter(|f| grid.cols_hold(f)) {
        match found {
            None => found = Some(f),
            Some(g) if grid.same(g, f) => {}
            Some(_) => return None,
        }
    }
    let fill = found?;
    let mut slots = vec![None; table.rows.len() * nc];
    for (gr, &r) in rows.iter().enumerate() {
        for c in 0..nc {
            let x = nums.get(*fill.get(gr * nc + c)?)?;
            slots[r * nc + c] = Some(Slot {
                state: State::Number,
                value: Some(crate::model::value::Decimal::int(x.v)),
                unit: x.unit,
                raw: x.raw,
                line: x.line,
            });
        }
    }
    let first = nums.iter().map(|x| x.line).min()?;
    let last = nums.iter().map(|x| x.line).max()?;
    Some(Reading {
        table: ti,
        slots,
        lines: (first, last),
    })
}

/// The rows the region prints, in the template's order: those every report
/// prints, but where a stand-in row (the 2019 `（六）其他处理` in a 2021 table)
/// is printed in place of the rows it replaces: none of their words is in the
/// region's text (`folded`), so the one row stands where they would.
fn printed_rows(table: &crate::grammar::Table, folded: &str) -> Vec<usize> {
    let mut rows = table.required_rows();
    for (s, row) in table.rows.iter().enumerate() {
        let named = |r: usize| {
            let l = &table.rows[r];
            !l.exact && l.keywords.iter().any(|k| folded.contains(k.as_str()))
        };
        if row.replaces.is_empty() || !named(s) || row.replaces.iter().any(|&r| named(r)) {
            continue;
        }
        let Some(at) = rows.iter().position(|r| row.replaces.contains(r)) else {
            continue;
        };
        rows.retain(|r| !row.replaces.contains(r));
        rows.insert(at, s);
    }
    rows
}

/// Whether the region's text (`folded`: its text pieces folded and joined, so
/// a label wrapped over lines is whole again) names the template's rows in the
/// template's order: each row's first keyword found after the one found for the
/// row before. Rows matched only as a whole label (`总计`, `3.其他`: a column
/// header or another row prints those words too) are not looked for; of the
/// others, at most one in eight may be missing (a label a converter damaged:
/// none of its words printed anywhere), never the first or the last.
fn rows_in_order(table: &crate::grammar::Table, rows: &[usize], folded: &str) -> bool {
    let mut at = 0usize;
    let mut missed = 0usize;
    let mut looked = 0usize;
    for (i, &r) in rows.iter().enumerate() {
        let row = &table.rows[r];
        if row.exact {
            continue;
        }
        looked += 1;
        let rest = folded.get(at..).unwrap_or("");
        let hit = row
            .keywords
            .iter()
            .filter_map(|k| rest.find(k.as_str()).map(|p| p + k.len()))
            .min();
        match hit {
            Some(end) => at += end,
            None if i == 0 || i + 1 == rows.len() => return false,
            // Printed before the row above it: out of the template's order.
            None if row.keywords.iter().any(|k| folded.contains(k.as_str())) => return false,
            None => missed += 1,
        }
    }
    looked > 0 && missed * 8 <= looked
}

/// The numbers of the region's tokens in the order printed, or `None` when any
/// piece of it is not plainly a count or a label: an empty cell, a not-applicable mark, a
/// decimal or negative number, one with a leading zero or a unit other than 件,
/// a remark beside a number, text that opens with digits it does not enumerate.
///
/// With `apart`, values after text that names section 二 (its captions, its
/// items' rows and columns), up to text that names section 三, are section 二's
/// and left out, whatever they are.
fn numbers(toks: &Tokens, apart: Option<&Words>) -> Option<Vec<Num>> {
    let mut out = Vec::new();
    let mut two = false;
    for l in &toks.lines {
        if l.kind != LineKind::Content {
            continue;
        }
        for t in toks.of(l) {
            if let (Some(w), TokKind::Text) = (apart, t.kind) {
                let f = crate::grammar::normalize::fold(t.raw);
                if w.two.iter().any(|k| f.contains(k)) {
                    two = true;
                } else if w.three.iter().any(|k| f.contains(k)) {
                    two = false;
                }
            }
            if two && matches!(t.kind, TokKind::Value(_)) {
                continue;
            }
            if t.remark.is_some() {
                return None;
            }
            match t.kind {
                TokKind::Text => {
                    if crate::parse::template::damaged_number(t.raw) {
                        return None;
                    }
                }
                TokKind::Value(CellValue::Number(d, unit)) => {
                    let plain = d.scale == 0
                        && d.mantissa >= 0
                        && matches!(unit, None | Some(Unit::Jian))
                        && !crate::parse::template::zero_led(t.raw);
                    if !plain {
                        return None;
                    }
                    out.push(Num {
                        v: d.mantissa,
                        unit,
                        raw: (t.offset, t.offset + t.raw.len()),
                        line: l.line,
                    });
                }
                TokKind::Value(_) => return None,
            }
        }
    }
    Some(out)
}

/// The words that name section 二 (`第二十条`, its items' row and column
/// keywords) and those that name section 三 (its rows', columns' and groups'),
/// but for words matched only as a whole label (`其他`, `总计`).
struct Words {
    two: Vec<String>,
    three: Vec<String>,
}

impl Words {
    fn of(tpl: &Template) -> Words {
        let words = |n: u8| -> Vec<String> {
            tpl.section_tables(n)
                .flat_map(|(_, t)| t.rows.iter().chain(&t.cols).chain(&t.groups))
                .filter(|l| !l.exact)
                .flat_map(|l| l.keywords.iter().cloned())
                .collect()
        };
        let mut two = words(2);
        two.push("第二十条".to_string());
        Words {
            two,
            three: words(3),
        }
    }
}

/// The numbers that open the next section, under its heading and before any
/// text, when there are exactly `want` of them: pdfminer places a table's boxes
/// by where they stand on the page, and the last columns of section 三 can come
/// after the heading of 四 (printed higher on the next page). Only counts; the
/// identities then decide.
fn spilled(text: &str, end: usize, li: &LineIndex, want: usize) -> Option<Vec<Num>> {
    let body = end + text.get(end..)?.find('\n')? + 1;
    let toks = tokenize(text, body, text.len(), li);
    let mut out = Vec::new();
    'lines: for l in &toks.lines {
        if l.kind == LineKind::Page {
            continue;
        }
        for t in toks.of(l) {
            match t.kind {
                TokKind::Value(CellValue::Number(d, unit))
                    if d.scale == 0
                        && d.mantissa >= 0
                        && matches!(unit, None | Some(Unit::Jian))
                        && t.remark.is_none()
                        && !crate::parse::template::zero_led(t.raw) =>
                {
                    out.push(Num {
                        v: d.mantissa,
                        unit,
                        raw: (t.offset, t.offset + t.raw.len()),
                        line: l.line,
                    });
                }
                _ => break 'lines,
            }
        }
    }
    (out.len() == want).then_some(out)
}

/// One identity in grid terms: per row or per column, the grid rows or columns
/// it runs along, and its two sides.
struct Ident {
    per: Per,
    over: Vec<usize>,
    lhs: Vec<usize>,
    rhs: Vec<usize>,
}

/// The template's grid of a section's printed rows, its identities, and the
/// numbers to lay into it.
struct Grid {
    nr: usize,
    nc: usize,
    vals: Vec<i64>,
    idents: Vec<Ident>,
}

impl Grid {
    /// `None` when an identity names a row that is not printed.
    fn new(tpl: &Template, ti: usize, rows: &[usize], nc: usize, nums: &[Num]) -> Option<Grid> {
        let table = &tpl.tables[ti];
        // A row that a printed stand-in replaces is read as the stand-in.
        let at = |r: usize| {
            let pos = |r: usize| rows.iter().position(|&x| x == r);
            pos(r).or_else(|| table.rows[r].replaced_by.and_then(pos))
        };
        // The stand-in once in a sum, however many of its rows the sum names.
        let once = |v: Vec<usize>| {
            let mut out: Vec<usize> = Vec::with_capacity(v.len());
            for x in v {
                if !out.contains(&x) {
                    out.push(x);
                }
            }
            out
        };
        let mut idents = Vec::new();
        for c in tpl.checks.iter().filter(|c| c.table == ti) {
            let id = match c.per {
                Per::Row => Ident {
                    per: Per::Row,
                    // A row not printed (an optional one) has no identity.
                    over: once(c.over.iter().filter_map(|&r| at(r)).collect()),
                    lhs: c.lhs.clone(),
                    rhs: c.rhs.clone(),
                },
                Per::Col => Ident {
                    per: Per::Col,
                    over: c.over.clone(),
                    lhs: once(c.lhs.iter().map(|&r| at(r)).collect::<Option<_>>()?),
                    rhs: once(c.rhs.iter().map(|&r| at(r)).collect::<Option<_>>()?),
                },
            };
            idents.push(id);
        }
        Some(Grid {
            nr: rows.len(),
            nc,
            vals: nums.iter().map(|x| x.v).collect(),
            idents,
        })
    }

    /// The value at cell `i` of a filling of rows from `r0` (`fill[i]` is the
    /// number laid there).
    fn val(&self, fill: &[usize], i: usize) -> i64 {
        fill.get(i)
            .and_then(|&k| self.vals.get(k))
            .copied()
            .unwrap_or(i64::MIN)
    }

    /// Whether the identities along rows `r0..r1` hold in `fill`, a filling of
    /// the rows from `r0`.
    fn rows_hold(&self, fill: &[usize], r0: usize, r1: usize) -> bool {
        let nc = self.nc;
        self.idents.iter().filter(|d| d.per == Per::Row).all(|d| {
            d.over.iter().filter(|&&r| r >= r0 && r < r1).all(|&r| {
                let base = (r - r0) * nc;
                let side = |s: &[usize]| {
                    s.iter()
                        .map(|&c| i128::from(self.val(fill, base + c)))
                        .sum::<i128>()
                };
                side(&d.lhs) == side(&d.rhs)
            })
        })
    }

    /// Whether the identities down the columns hold in `fill`, a whole grid.
    fn cols_hold(&self, fill: &[usize]) -> bool {
        let nc = self.nc;
        self.idents.iter().filter(|d| d.per == Per::Col).all(|d| {
            d.over.iter().all(|&c| {
                let side = |s: &[usize]| {
                    s.iter()
                        .map(|&r| i128::from(self.val(fill, r * nc + c)))
                        .sum::<i128>()
                };
                side(&d.lhs) == side(&d.rhs)
            })
        })
    }

    /// Whether two fillings give the same values.
    fn same(&self, a: &[usize], b: &[usize]) -> bool {
        a.len() == b.len() && (0..a.len()).all(|i| self.val(a, i) == self.val(b, i))
    }

    /// The ways to read rows `r0..r1` as one band starting at number `r0 × nc`:
    /// down each column; or with a strip of up to [`MAX_STRIP`] neighbouring
    /// columns `c0..c1` cut at row `m`: the columns before the strip down the
    /// band, the strip's upper part down its columns, its lower part, then the
    /// columns after it down the band. Each is a filling of the band's rows.
    fn bands(&self, r0: usize, r1: usize) -> Vec<Vec<usize>> {
        let nc = self.nc;
        let h = r1 - r0;
        let mut out = Vec::new();
        let lay = |parts: &[(usize, usize, usize, usize)]| {
            let mut fill = vec![0usize; h * nc];
            let mut k = r0 * nc;
            for &(c0, c1, a, b) in parts {
                for c in c0..c1 {
                    for r in a..b {
                        fill[(r - r0) * nc + c] = k;
                        k += 1;
                    }
                }
            }
            fill
        };
        out.push(lay(&[(0, nc, r0, r1)]));
        for c0 in 0..nc {
            for c1 in c0 + 1..=(c0 + MAX_STRIP).min(nc) {
                if c1 - c0 == nc {
                    continue;
                }
                for m in r0 + 1..r1 {
                    out.push(lay(&[
                        (0, c0, r0, r1),
                        (c0, c1, r0, m),
                        (c0, c1, m, r1),
                        (c1, nc, r0, r1),
                    ]));
                }
            }
        }
        out
    }

    /// The distinct fillings of the whole grid (row-major) whose bands' row
    /// identities hold, built from the last row up: for each row, the distinct
    /// fillings of the rows from it. `None` when there are too many, or when
    /// building them would take more than [`MAX_WORK`] steps.
    fn fillings(&self) -> Option<Vec<Vec<usize>>> {
        let nr = self.nr;
        let mut from: Vec<Vec<Vec<usize>>> = vec![Vec::new(); nr + 1];
        from[nr].push(Vec::new());
        let mut work = 0usize;
        for r0 in (0..nr).rev() {
            let mut out: Vec<Vec<usize>> = Vec::new();
            for (r1, tails) in from.iter().enumerate().skip(r0 + 1) {
                for band in self.bands(r0, r1) {
                    work += band.len();
                    if work > MAX_WORK {
                        return None;
                    }
                    if !self.rows_hold(&band, r0, r1) {
                        continue;
                    }
                    for tail in tails {
                        let mut f = band.clone();
                        f.extend_from_slice(tail);
                        work += f.len() * (out.len() + 1);
                        if work > MAX_WORK {
                            return None;
                        }
                        if !out.iter().any(|g| self.same(g, &f)) {
                            if out.len() == MAX_FILLINGS {
                                return None;
                            }
                            out.push(f);
                        }
                    }
                }
            }
            from[r0] = out;
        }
        Some(std::mem::take(&mut from[0]))
    }
}

#[cfg(test)]
mod tests;
