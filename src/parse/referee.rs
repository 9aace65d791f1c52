//! Two readings of a table section, and the report's identities as referee.
//!
//! The per-layout reader ([`crate::parse::template::read_section`]) reads every layout it
//! recognises exactly, cell by cell. When it leaves cells of a section missing (a
//! converter it has not seen), the section is read again as a stream of labels
//! and numbers ([`crate::parse::align`]), and the reading that holds more cells without
//! failing more of the section's identities is kept, whole: the two are never
//! mixed cell by cell, and a section's reading never touches another section. The
//! one exception is a whole row: one the kept reading left wholly missing is taken
//! from the other when that reading holds every cell of it as a number and the
//! row's own identities hold on them ([`fill_missing_rows`]). A section still
//! incomplete may be read down its columns ([`crate::parse::colmajor`]), from
//! lines that name each number's column ([`crate::parse::keyed`]) or from lines
//! that each give one column of a rotated table ([`crate::parse::rotated`]), each
//! taken in place of both readings only on its own conditions.

use crate::grammar::Template;
use crate::model::diag::Diag;
use crate::parse::cells::Layout;
use crate::parse::checks::{run_checks, CheckResult};
use crate::parse::lines::LineIndex;
use crate::parse::template::{read_section, row_reported, settle_stand_ins, Axis, State, Tables};

/// Reads section `n` (2, 3, 4) of `text[start..end]` into `out`, its diagnostics
/// into `diags`.
#[allow(clippy::too_many_arguments)]
pub fn read_table_section(
    text: &str,
    start: usize,
    end: usize,
    n: u8,
    tpl: &Template,
    li: &LineIndex,
    out: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    read_both(text, start, end, n, tpl, li, out, diags);
    // Rows a number short, where the identities place their numbers (counts
    // only: section 二's columns of change may be negative).
    if matches!(n, 3 | 4) {
        // Columns neither reading placed at all: a converter's column boxes.
        crate::parse::boxes::fill_columns(text, start, end, n, tpl, li, out, diags);
        crate::parse::gaps::place(tpl, n, out, diags);
    } else {
        // Items neither reading placed at all: a converter's column boxes.
        crate::parse::boxes::fill(text, start, end, tpl, li, out, diags);
        crate::parse::boxes::fill_heads_first(text, start, end, tpl, li, out, diags);
        for (ti, _) in tpl.section_tables(n) {
            out.tables[ti].short.clear();
        }
    }
    // Rows still unread under a block of labels whose numbers are all alike.
    crate::parse::uniform::fill(text, start, end, n, tpl, li, out, diags);
    set_aside_misplaced_units(tpl, n, out, diags);
    set_aside_empty_totals(tpl, n, out, diags);
    set_aside_counting_rows(tpl, n, out, diags);
    set_aside_wrapped_blanks(tpl, n, text, out, diags);
    set_aside_ruled_rest_blanks(tpl, n, text, out, diags);
    set_aside_zero_led_rows(tpl, n, text, (start, end), li, out, diags);
    crate::parse::shifted::set_aside(text, n, tpl, li, out, diags);
    crate::parse::numbering::set_aside(text, n, tpl, li, out, diags);
}

/// Row `r` of table `ti` (of `nc` columns) taken out of the reading, each of its
/// numbers with a note, and `line` marked as one whose numbers are not placed; the
/// caller says why in a warning.
pub(crate) fn set_row_aside(
    out: &mut Tables,
    ti: usize,
    r: usize,
    nc: usize,
    line: u32,
    diags: &mut Vec<Diag>,
) {
    for s in out.tables[ti].slots[r * nc..(r + 1) * nc].iter_mut() {
        if let Some(s) = s.take() {
            diags.push(Diag::note(s.line, "number set aside with its row"));
        }
    }
    out.uncertain.push(line);
}

/// A number printed with a leading zero (`021`, `00`) is no count a table prints:
/// it is digits of several cells run together. Whatever reading placed it (a cell
/// beside an OCR-damaged one can let a row look whole), its row is missing. Cells
/// split out of glued digits keep the whole run as their raw text and are not
/// looked at here.
fn set_aside_zero_led_rows(
    tpl: &Template,
    n: u8,
    text: &str,
    (start, end): (usize, usize),
    li: &LineIndex,
    out: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    // Lines looked at for a number with a leading zero: (line, the number). Most
    // sections hold none at all, told by one pass over their bytes (looking
    // line by line, for every row, cost 15% of dongxin-2020's parse, callgrind).
    let mut seen: Vec<(u32, Option<String>)> = Vec::new();
    let any_on_lines = text
        .get(start..end)
        .is_some_and(|t| has_zero_led_word(t.as_bytes()));
    for (ti, table) in tpl.section_tables(n) {
        let nc = table.cols.len();
        for r in 0..table.rows.len() {
            // `then`, not `then_some`: the raw text is copied for the one row
            // reported, not for every cell (`then_some` built its argument first:
            // 198 allocations a report, 40% of a run's, on issue 13's tree, dhat).
            // `zero_led` trims the text itself.
            let zero_led = (0..nc).find_map(|c| {
                let s = out.tables[ti].slots[r * nc + c].as_ref()?;
                let raw = text.get(s.raw.0..s.raw.1)?;
                let led = match s.state {
                    State::Number => crate::parse::template::zero_led(raw),
                    State::Unresolved => {
                        ocr_zero_led(raw) || ocr_thousands_group(text, s.raw.0, s.raw.1)
                    }
                    _ => false,
                };
                led.then(|| (s.line, raw.trim().to_string()))
            });
            // The number may stand on the row's line and in no cell of it (the
            // identities set its cell aside, or a reading passed it over): the
            // row's other numbers on that line are as doubtful. Rows read from
            // glued digits are split by their sums and not looked at.
            let zero_led = zero_led.or_else(|| {
                if !any_on_lines {
                    return None;
                }
                let row = &out.tables[ti].slots[r * nc..(r + 1) * nc];
                if row.iter().flatten().any(|s| s.state == State::Recovered) {
                    return None;
                }
                row.iter().flatten().find_map(|s| {
                    if s.state != State::Number {
                        return None;
                    }
                    let i = match seen.iter().position(|(l, _)| *l == s.line) {
                        Some(i) => i,
                        None => {
                            // A group of a number read whole (`3 001` joined) is
                            // part of a cell, not a number of its own.
                            let inside = |at: usize| {
                                tpl.section_tables(n).any(|(tj, _)| {
                                    out.tables[tj]
                                        .slots
                                        .iter()
                                        .flatten()
                                        .any(|c| c.raw.0 <= at && at < c.raw.1)
                                })
                            };
                            let found = zero_led_on_line(text, li, s.line)
                                .into_iter()
                                .find(|&(at, _)| !inside(at))
                                .map(|(_, w)| w.to_string());
                            seen.push((s.line, found));
                            seen.len() - 1
                        }
                    };
                    seen[i].1.clone().map(|raw| (s.line, raw))
                })
            });
            let Some((line, raw)) = zero_led else {
                continue;
            };
            set_row_aside(out, ti, r, nc, line, diags);
            diags.push(Diag::warning(
                line,
                format!(
                    "`{raw}` in row {} has a leading zero, which no count is printed with: digits of several cells run together, so the row is reported missing",
                    table.rows[r].key
                ),
            ));
        }
    }
}

/// An empty cell of TAB cells (`\t&#12288;&#12288;`, only spaces and markup)
/// followed by a line that opens with no TAB and with a number (`&nbsp;0`): a hard
/// wrap cut the cell, and the number is its rest. Read as an empty cell and a cell
/// of its own, the numbers after it moved one column: the row is missing.
fn set_aside_wrapped_blanks(
    tpl: &Template,
    n: u8,
    text: &str,
    out: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    let wraps = |at: usize| -> bool {
        let Some(rest) = line_start(text, at).and_then(|a| text.get(a..)) else {
            return false;
        };
        let (this, next) = match rest.split_once('\n') {
            Some((a, b)) => (a, b.split('\n').next().unwrap_or("")),
            None => return false,
        };
        this.starts_with('\t')
            && crate::parse::template::strip_trailing_markup(this)
                .trim()
                .is_empty()
            && !next.starts_with('\t')
            && crate::parse::template::strip_space_markup(next)
                .trim_start_matches(['*', '_'])
                .starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
    };
    for (ti, table) in tpl.section_tables(n) {
        let nc = table.cols.len();
        for r in 0..table.rows.len() {
            let found = out.tables[ti].slots[r * nc..(r + 1) * nc]
                .iter()
                .flatten()
                .find(|s| s.state == State::Blank && wraps(s.raw.0))
                .map(|s| s.line);
            let Some(line) = found else {
                continue;
            };
            // Section 四 is read as one run of fifteen numbers: the rows after
            // this one moved too.
            let last = if n == 4 { table.rows.len() } else { r + 1 };
            for rr in r..last {
                set_row_aside(out, ti, rr, nc, line, diags);
            }
            diags.push(Diag::warning(
                line,
                format!(
                    "row {}: an empty cell is followed by a line that opens with a number and no TAB, the rest of a cell a wrap cut: the numbers after it may be one column off, so {} reported missing",
                    table.rows[r].key,
                    if n == 4 { "it and the rows after it are" } else { "it is" }
                ),
            ));
            if n == 4 {
                break;
            }
        }
    }
}

/// A row read as empty cells all on one line of a grid whose rules part its rows
/// (`+---+---+`), where a line above it in the same ruled row prints numbers in
/// its cells (`| 3.补正后 | 2 | 0 | … |` / `| 申请内容 |  |  | … |`): those empty
/// cells are the grid beside a wrapped label, not the row's. The row is missing,
/// with a warning.
fn set_aside_ruled_rest_blanks(
    tpl: &Template,
    n: u8,
    text: &str,
    out: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    // Whether a line above the one at `at`, up to the last rule, prints a
    // digit in a cell after its first.
    let numbers_above = |at: usize| -> bool {
        let Some(above) = line_start(text, at).and_then(|a| text.get(..a)) else {
            return false;
        };
        for line in above.lines().rev() {
            let t = line.trim();
            if t.starts_with('+') {
                return false;
            }
            if !t.starts_with('|') {
                return false;
            }
            let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
            if t.split('|').skip(2).any(|cell| cell.chars().any(digit)) {
                return true;
            }
        }
        false
    };
    for (ti, table) in tpl.section_tables(n) {
        let nc = table.cols.len();
        for r in 0..table.rows.len() {
            let cells = &out.tables[ti].slots[r * nc..(r + 1) * nc];
            let Some(first) = cells.first().and_then(Option::as_ref) else {
                continue;
            };
            let line = first.line;
            let blank_line = cells.iter().all(|s| {
                s.as_ref()
                    .is_some_and(|s| s.state == State::Blank && s.line == line)
            });
            if !blank_line || !numbers_above(first.raw.0) {
                continue;
            }
            set_row_aside(out, ti, r, nc, line, diags);
            diags.push(Diag::warning(
                line,
                format!(
                    "row {}'s cells are the empty cells of a later line of a ruled row whose numbers are printed above it: the grid beside a wrapped label, not cells, so the row is reported missing",
                    table.rows[r].key
                ),
            ));
        }
    }
}

/// Where the line holding byte `at` of `text` starts; `None` when `at` is not a
/// character boundary of `text`.
fn line_start(text: &str, at: usize) -> Option<usize> {
    let before = text.get(..at)?;
    Some(before.rfind('\n').map_or(0, |i| i + 1))
}

/// Whether `b` holds a word that opens with `0` and a digit after it (`001`,
/// `07`), a word being what spaces, TABs, pipes or line breaks part.
fn has_zero_led_word(b: &[u8]) -> bool {
    memchr::memchr_iter(b'0', b).any(|i| {
        b.get(i + 1).is_some_and(u8::is_ascii_digit)
            && (i == 0 || matches!(b[i - 1], b' ' | b'\t' | b'|' | b'\n' | b'\r'))
    })
}

/// The numbers with a leading zero (`001`) that stand alone on line `line` of
/// `text` (parted by spaces, TABs or pipes), with their offsets in `text`.
fn zero_led_on_line<'t>(text: &'t str, li: &LineIndex, line: u32) -> Vec<(usize, &'t str)> {
    let a = li.start_of(line);
    let Some(rest) = text.get(a..) else {
        return Vec::new();
    };
    let printed = &rest[..rest.find('\n').unwrap_or(rest.len())];
    // Most lines hold no zero followed by a digit: one byte scan tells.
    let b = printed.as_bytes();
    if !b.windows(2).any(|w| w[0] == b'0' && w[1].is_ascii_digit()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut at = 0;
    for w in printed.split(|c: char| c.is_whitespace() || c == '|') {
        if crate::parse::template::zero_led(w) {
            out.push((a + at, w));
        }
        at += w.len()
            + printed[at + w.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
    }
    out
}

/// `00l`, `O5`: a number OCR damaged (letters for digits) that opens with a zero
/// or its look-alike and goes on: like `021`, the digits of a number whose
/// thousands were spaced (`3 00l`) or of cells run together, never a count of its
/// own.
fn ocr_zero_led(raw: &str) -> bool {
    crate::model::value::ocr_misread(raw) && {
        let mut cs = raw.trim().chars();
        matches!(cs.next(), Some('0' | 'O' | 'o' | '〇' | '０')) && cs.next().is_some()
    }
}

/// Whether the OCR-damaged number at `a..b` of `text` is one side of a number
/// printed with its thousands spaced (`Z 93Z` for 2 932, `3 00l`): a piece of one
/// to three digits or look-alikes, one space, and a piece of exactly three. Read
/// as two cells, the row's numbers after them move one column on.
fn ocr_thousands_group(text: &str, a: usize, b: usize) -> bool {
    let digitish = |c: char| {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || matches!(c, 'O' | 'o' | '〇' | 'l' | 'I' | 'S' | 'B' | 'Z')
    };
    let (Some(before), Some(this), Some(after)) = (text.get(..a), text.get(a..b), text.get(b..))
    else {
        return false;
    };
    let len = this.trim().chars().count();
    let boundary = |c: char| c.is_whitespace() || c == '|';
    // The piece of digits or look-alikes right before `this` across one space,
    // standing alone (a boundary or the start of the text before it).
    let prev = before
        .strip_suffix(' ')
        .filter(|p| !p.ends_with(' '))
        .and_then(|p| {
            let start = p
                .char_indices()
                .rev()
                .find(|&(_, c)| !digitish(c))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let alone = p[..start].chars().next_back().is_none_or(boundary);
            alone.then_some(&p[start..])
        });
    // The same right after it.
    let next = after
        .strip_prefix(' ')
        .filter(|n| !n.starts_with(' '))
        .and_then(|n| {
            let end = n.find(|c: char| !digitish(c)).unwrap_or(n.len());
            let alone = n[end..].chars().next().is_none_or(boundary);
            alone.then_some(&n[..end])
        });
    let count = |p: &str| p.chars().count();
    prev.is_some_and(|p| (1..=3).contains(&count(p)) && len == 3)
        || next.is_some_and(|n| count(n) == 3 && (1..=3).contains(&len))
}

/// Both readings of section `n`, and the one kept.
#[allow(clippy::too_many_arguments)]
fn read_both(
    text: &str,
    start: usize,
    end: usize,
    n: u8,
    tpl: &Template,
    li: &LineIndex,
    out: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    let (labels0, structure0) = (out.labels.len(), out.structure.len());
    let stray0 = out.stray.len();
    let diags0 = diags.len();
    let mut first = Vec::new();
    read_section(text, start, end, n, tpl, li, out, &mut first);
    settle_stand_ins(tpl, n, out, &mut first);
    unsettle_blank_rows(tpl, n, out, stray0, &mut first);
    // Glued digits are split later, by the identities: that reading is replaced
    // only by a stream reading that holds every cell.
    let glued = out.layouts[(n - 2) as usize] == Some(Layout::Glued);
    // A complete reading whose identities all hold stands alone. One where an
    // identity fails is read again: where the stream of labels and numbers places a
    // number elsewhere, the failing reading's number is not kept unless an identity
    // confirms it (an empty cell or a header taken for a value shifts numbers, and
    // the sums show it).
    // The first reading's failures, counted once: the stream reading below
    // writes into its own tables, so `out` does not change before they are
    // compared.
    let fa = failed(tpl, out, n);
    // A browser's copy of an HTML table (a cell a line, an empty cell an empty
    // line) says each number's cell itself: a complete reading of it is not read
    // again when identities fail (they are then the report's own arithmetic; the
    // misread pass looks at them). Read again, it gave the same bytes on 20,000
    // generated reports whose identities all fail, at a third of the run's time.
    let exact = out.layouts[(n - 2) as usize] == Some(Layout::TabCells);
    if !glued && complete(tpl, out, n) && (fa == 0 || exact) {
        diags.append(&mut first);
        return;
    }
    // The stream reading's tables, kept per thread from section to section.
    thread_local! {
        static ALT: std::cell::RefCell<Tables> = std::cell::RefCell::new(Tables::default());
    }
    let mut alt = ALT.with(|a| std::mem::take(&mut *a.borrow_mut()));
    alt.reset(tpl);
    let mut second = Vec::new();
    crate::parse::align::read_stream(text, start, end, n, tpl, li, &mut alt, &mut second);
    settle_stand_ins(tpl, n, &mut alt, &mut second);
    unsettle_blank_rows(tpl, n, &mut alt, 0, &mut second);
    let (a, b) = (held(tpl, out, n), held(tpl, &alt, n));
    // The stream reading's failures are counted only when they decide: a stream
    // reading that holds no more cells is not kept whatever they are (counting
    // them anyway was 1% of a run on issue 13's tree, callgrind).
    // A stream reading that holds far more cells is taken even where it fails
    // more identities (the layout's reading of an OCR dump whose rows a box at
    // another height split kept almost nothing), but without the numbers of the
    // identities that fail in it.
    let mut far_more = false;
    let keep_new = if glued {
        complete(tpl, &alt, n) && failed(tpl, &alt, n) == 0
    } else if b > a {
        let fb = failed(tpl, &alt, n);
        far_more = fb > fa && b >= 2 * a + FAR_MORE;
        fb <= fa || far_more
    } else {
        false
    };
    if far_more {
        set_aside_failing(tpl, n, &mut alt, a, &mut second);
    }
    if keep_new {
        knock_out_disagreements(text, tpl, n, &mut alt, out, &mut second);
    } else {
        knock_out_disagreements(text, tpl, n, out, &alt, &mut first);
        knock_out_uncertain(tpl, n, out, &alt.uncertain, &mut first);
        if !glued {
            fill_missing_rows(tpl, n, out, &alt, &mut first);
        }
    }
    // A section still missing cells may be a table written column by column:
    // read so only when that is certain, and then in place of both readings.
    let whole = if keep_new {
        complete(tpl, &alt, n)
    } else {
        complete(tpl, out, n)
    };
    let down = if whole || !matches!(n, 3 | 4) {
        None
    } else {
        crate::parse::colmajor::read(text, start, end, n, tpl, li)
    };
    if keep_new {
        for (ti, _) in tpl.section_tables(n) {
            // The first reading's rows short of a number that the stream reading
            // left wholly missing go with it to be placed: the more rows the
            // identities place together, the more of them they can refute (a
            // last row the stream reading lost leaves the sums down the columns
            // open otherwise).
            let mut short = std::mem::take(&mut out.tables[ti].short);
            out.tables[ti] = alt.tables[ti].clone();
            let nc = tpl.tables[ti].cols.len();
            short.retain(|sr| {
                out.tables[ti].slots[sr.row * nc..(sr.row + 1) * nc]
                    .iter()
                    .all(Option::is_none)
                    && !out.tables[ti].short.iter().any(|o| o.row == sr.row)
            });
            out.tables[ti].short.append(&mut short);
        }
        out.runs
            .retain(|r| tpl.tables.get(r.table).is_some_and(|t| t.section != n));
        out.labels.truncate(labels0);
        out.labels.append(&mut alt.labels);
        out.structure.truncate(structure0);
        out.structure.append(&mut alt.structure);
        // The numbers the kept reading left outside any row (the passes after it
        // look for rows they may belong to).
        out.stray.truncate(stray0);
        out.stray.append(&mut alt.stray);
        diags.append(&mut second);
    } else {
        diags.append(&mut first);
    }
    if let Some(d) = down {
        take_down_reading(d, out, diags, diags0);
    } else if valued(tpl, out, n) < cells_of(tpl, out, n) {
        if let Some(k) = crate::parse::keyed::read(text, start, end, n, tpl, li) {
            let note = format!(
                "the section's rows are written as lines that name each number's column (`row：column number, column number, …`): {} rows read so",
                k.rows.len()
            );
            take_reading(tpl, n, k.tables, &k.rows, false, note, out, diags, diags0);
        } else if let Some(rot) = crate::parse::rotated::read(text, start, end, n, tpl, li) {
            let (ti, slots) = (rot.table, rot.slots);
            let rows: Vec<(usize, usize)> = rot.rows.iter().map(|&r| (ti, r)).collect();
            // Without a header naming every row, only the arithmetic shows the
            // order: every identity must hold, one at least assessed. With one,
            // the labels settle it and no identity may fail (a table of dashes,
            // `—` for 0, assesses none).
            let note = if rot.named {
                "section 三 is printed with its rows and columns swapped (a line per applicant type): each such line read as its column, its numbers in the order of the row labels printed across the top"
            } else {
                "section 三 is printed with its rows and columns swapped (a line per applicant type): each such line read as its column, in the template's order of rows, which every identity of the section confirms"
            }
            .to_string();
            take_reading(
                tpl,
                n,
                vec![(ti, slots)],
                &rows,
                !rot.named,
                note,
                out,
                diags,
                diags0,
            );
        }
    }
    ALT.with(|a| *a.borrow_mut() = alt);
}

/// How many cells beyond twice the other reading's a stream reading must hold to
/// be taken though it fails more identities: two rows of section 三.
const FAR_MORE: usize = 14;

/// Every number of an identity that fails in `alt`, a stream reading taken over
/// one that read `other` cells and failed fewer identities, is reported missing:
/// a number there may be out of its column (a row an OCR engine printed over two
/// lines) and nothing shows which. A warning names each failing identity.
fn set_aside_failing(tpl: &Template, n: u8, alt: &mut Tables, other: usize, diags: &mut Vec<Diag>) {
    let checks = crate::parse::checks::run_checks(tpl, alt);
    let in_section = |c: &&crate::parse::checks::CheckResult| {
        c.ok == Some(false) && tpl.tables.get(c.table).is_some_and(|t| t.section == n)
    };
    for c in checks.iter().filter(in_section) {
        let (l, r) = c.sides(tpl);
        let mut first = None;
        for i in l.into_iter().chain(r) {
            if let Some(s) = alt.tables[c.table].slots[i].take() {
                alt.uncertain.push(s.line);
                first = Some(first.map_or(s.line, |f: u32| f.min(s.line)));
                diags.push(Diag::note(s.line, "number set aside with its identity"));
            }
        }
        if let Some(line) = first {
            diags.push(Diag::warning(
                line,
                format!(
                    "identity {} ({}) fails in the reading of the section's stream of labels and numbers, which is taken because the reading by layout held only {other} cells: its numbers may be out of their columns, so they are reported missing",
                    c.name(tpl),
                    c.scope(tpl)
                ),
            ));
        }
    }
}

/// A reading of the section's tables put in place of the one kept (the rows read
/// from keyed lines, or the columns of a rotated table), when it holds more of the
/// section's cells with a value and fails no more of its identities (with
/// `all_hold`, fails none and shows one holding): the other readings' warnings
/// become notes, and `note` at the first cell says how the section was read.
#[allow(clippy::too_many_arguments)]
fn take_reading(
    tpl: &Template,
    n: u8,
    tables: Vec<(usize, Vec<Option<crate::parse::template::Slot>>)>,
    rows: &[(usize, usize)],
    all_hold: bool,
    note: String,
    out: &mut Tables,
    diags: &mut Vec<Diag>,
    diags0: usize,
) {
    use crate::model::diag::Level;
    let mut new = out.clone();
    for (ti, slots) in &tables {
        let t = &mut new.tables[*ti];
        t.slots.clone_from(slots);
        t.rows_seen.iter_mut().for_each(|s| *s = false);
        t.seen = false;
    }
    for &(ti, r) in rows {
        new.tables[ti].rows_seen[r] = true;
        new.tables[ti].seen = true;
    }
    let fails = failed(tpl, &new, n);
    if valued(tpl, &new, n) <= valued(tpl, out, n) || fails > failed(tpl, out, n) {
        return;
    }
    if all_hold
        && (fails > 0
            || !run_checks(tpl, &new)
                .iter()
                .any(|c| c.ok == Some(true) && tpl.tables[c.table].section == n))
    {
        return;
    }
    for (ti, _) in &tables {
        out.tables[*ti] = new.tables[*ti].clone();
    }
    out.runs
        .retain(|r| tpl.tables.get(r.table).is_some_and(|t| t.section != n));
    for g in diags.iter_mut().skip(diags0) {
        if g.level == Level::Warning {
            g.level = Level::Note;
            g.message = format!(
                "read as a table: {} (the section was then read otherwise, as the next note says)",
                g.message
            );
        }
    }
    let first = tables
        .iter()
        .flat_map(|(_, s)| s.iter().flatten().map(|s| s.line))
        .min()
        .unwrap_or(0);
    diags.push(Diag::note(first, note));
}

/// The reading down the columns put in place of the section's table: the other
/// readings' warnings about it become notes (their cells are no longer missing),
/// and a note at the first number says how the table was read.
fn take_down_reading(
    d: crate::parse::colmajor::Reading,
    out: &mut Tables,
    diags: &mut Vec<Diag>,
    diags0: usize,
) {
    use crate::model::diag::Level;
    let Some(t) = out.tables.get_mut(d.table) else {
        return;
    };
    let nc = t.col_units.len().max(1);
    for (r, seen) in t.rows_seen.iter_mut().enumerate() {
        if d.slots[r * nc..(r + 1) * nc].iter().any(Option::is_some) {
            *seen = true;
        }
    }
    t.slots = d.slots;
    t.seen = true;
    out.runs.retain(|r| r.table != d.table);
    for g in diags.iter_mut().skip(diags0) {
        if g.level == Level::Warning {
            g.level = Level::Note;
            g.message = format!(
                "read across the rows: {} (the table was then read down its columns)",
                g.message
            );
        }
    }
    diags.push(Diag::note(
        d.lines.0,
        format!(
            "the table's numbers (lines {} to {}) are printed column by column: read down its columns, where the report's identities hold in that reading alone",
            d.lines.0, d.lines.1
        ),
    ));
}

/// The warning for cell `i` of `table`, read as `kept` in the reading kept and as
/// `other` in the other one (each as shown, with its line), reported missing.
fn disagreement(
    table: &crate::grammar::Table,
    i: usize,
    kept: (String, u32),
    other: (String, u32),
    why: &str,
) -> Diag {
    let nc = table.cols.len();
    Diag::warning(
        kept.1,
        format!(
            "cell {}/{} reads {} (line {}) in one reading of the table and {} (line {}) in another{why}: it is reported missing",
            table.rows[i / nc].key,
            table.cols[i % nc].key,
            kept.0,
            kept.1,
            other.0,
            other.1
        ),
    )
}

/// A number printed with a unit that no cell of its column holds (an amount in
/// 元 or 万元, or with a decimal part, in a column of counts; a count in 项 or 件 in
/// a column of amounts) was placed in the wrong column: a number of the row was
/// lost (`29项` glued to the row label, a damaged number), and the rest moved up.
/// Which number is in which column of that row is not known, so the row is
/// missing.
fn set_aside_misplaced_units(tpl: &Template, n: u8, out: &mut Tables, diags: &mut Vec<Diag>) {
    use crate::model::value::Unit;
    for (ti, table) in tpl.section_tables(n) {
        let nc = table.cols.len();
        for r in 0..table.rows.len() {
            let misplaced = (0..nc).find_map(|c| {
                let s = out.tables[ti].slots[r * nc + c].as_ref()?;
                if !s.state.has_value() {
                    return None;
                }
                let col = &table.cols[c];
                let money = matches!(s.unit, Some(Unit::Yuan | Unit::WanYuan));
                let count = matches!(
                    s.unit,
                    Some(Unit::Jian | Unit::Xiang | Unit::Ge | Unit::Tiao)
                );
                let fraction = s.value.is_some_and(|v| v.scale > 0);
                let wrong = if col.is_money() {
                    count
                } else {
                    col.unit().is_some() && (money || fraction)
                };
                wrong.then_some((c, s.line))
            });
            let Some((c, line)) = misplaced else {
                continue;
            };
            set_row_aside(out, ti, r, nc, line, diags);
            diags.push(Diag::warning(
                line,
                format!(
                    "the number read for {}/{} is printed with a unit (or a decimal part) its column never holds: a number of row {} was lost and the others moved, so the row is reported missing",
                    table.rows[r].key, table.cols[c].key, table.rows[r].key
                ),
            ));
        }
    }
}

/// A row whose total is printed empty (blank, or a mark of an empty cell) while
/// a cell it sums holds a number above zero: the sum along the row cannot hold,
/// and not by the report's own arithmetic (an empty total is no sum at all): a
/// cell was lost and the others moved into its place (a line of one cell lost
/// to OCR, its empty line read as the last cell's), so the row is missing.
/// A row of a table whose rows sum to a total (sections 三 and 四) whose numbers
/// count up by one (`2 3 4 5 6`, four numbers at least): such a row can never
/// hold its total (a, a+1, … sum to more than the last), and a table tool prints
/// exactly that over its tables: its column numbers (`| | 0 | 1 | 2 |`), which,
/// damaged (their first lost, the line wrapped), pass for a row's values. The
/// row is reported missing.
/// The rows of section `n`'s tables whose cells sum to a total of their own (a
/// row check of one cell summing several, `lhs = ["total"]`), in the checks'
/// order: (the check, row, the table's columns).
fn rows_with_totals(
    tpl: &Template,
    n: u8,
) -> impl Iterator<Item = (&crate::grammar::Check, usize, usize)> + '_ {
    use crate::grammar::Per;
    tpl.checks
        .iter()
        .filter(move |c| {
            c.per == Per::Row
                && c.lhs.len() == 1
                && c.rhs.len() > 1
                && tpl.tables[c.table].section() == n
        })
        .flat_map(move |c| {
            let nc = tpl.tables[c.table].cols.len();
            c.over.iter().map(move |&r| (c, r, nc))
        })
}

fn set_aside_counting_rows(tpl: &Template, n: u8, out: &mut Tables, diags: &mut Vec<Diag>) {
    // The count a row set aside so reached at its last column (table, row, that
    // number): the column numbers go on into the next row's first cells (`12 13
    // 14 15` after `7 … 11`, the row's own total read after them). (Each row may
    // have a check of its own: the rows are looked at in the checks' order.)
    let mut went_on: Option<(usize, usize, i64)> = None;
    for (c, r, nc) in rows_with_totals(tpl, n) {
        let t = c.table;
        let table = &tpl.tables[t];
        let slots = &out.tables[t].slots[r * nc..(r + 1) * nc];
        // Each number less its column's place: one value for numbers that
        // count up by column (a cell OCR damaged or lost keeps its place).
        // (One pass, no list: asked of every row of every report.)
        let (mut base, mut count, mut run, mut unbroken) = (0i64, 0usize, 0usize, true);
        for (k, s) in slots.iter().enumerate() {
            let Some(b) = s
                .as_ref()
                .filter(|s| s.state == State::Number)
                .and_then(|s| s.value?.as_int())
                .map(|v| v - k as i64)
            else {
                continue;
            };
            if count == 0 {
                base = b;
            }
            count += 1;
            unbroken &= b == base;
            run += usize::from(unbroken);
        }
        if count == 0 {
            continue;
        }
        let counts_up = count >= 4 && run == count;
        let goes_on = went_on
            .is_some_and(|(wt, row, last)| wt == t && row + 1 == r && run >= 2 && base == last + 1);
        if !(counts_up || goes_on) {
            continue;
        }
        went_on = Some((t, r, base + nc as i64 - 1));
        let first = slots
            .iter()
            .flatten()
            .find_map(|s| s.value.and_then(|v| v.as_int()))
            .unwrap_or(base);
        let line = slots.iter().flatten().map(|s| s.line).next().unwrap_or(0);
        set_row_aside(out, t, r, nc, line, diags);
        diags.push(Diag::warning(
                line,
                format!(
                    "row {}'s numbers count up by one ({}, {}, …), as a table tool's column numbers do, and no row holding its total can: the row is reported missing",
                    table.rows[r].key,
                    first,
                    first + 1
                ),
            ));
    }
}

fn set_aside_empty_totals(tpl: &Template, n: u8, out: &mut Tables, diags: &mut Vec<Diag>) {
    for (c, r, nc) in rows_with_totals(tpl, n) {
        let table = &tpl.tables[c.table];
        let slots = &out.tables[c.table].slots[r * nc..(r + 1) * nc];
        let empty = |k: &usize| {
            slots[*k]
                .as_ref()
                .is_some_and(|s| matches!(s.state, State::Blank | State::Na))
        };
        let above_zero = |k: &usize| {
            slots[*k].as_ref().is_some_and(|s| {
                s.state == State::Number && s.value.is_some_and(|v| v.mantissa > 0)
            })
        };
        if !(c.lhs.iter().all(empty) && c.rhs.iter().any(above_zero)) {
            continue;
        }
        let line = c
            .lhs
            .iter()
            .find_map(|&k| slots[k].as_ref().map(|s| s.line));
        let line = line.unwrap_or(0);
        set_row_aside(out, c.table, r, nc, line, diags);
        diags.push(Diag::warning(
                line,
                format!(
                    "row {}'s total is printed empty while a cell it sums holds a number: a cell of the row was lost and the others moved, so the row is reported missing",
                    table.rows[r].key
                ),
            ));
    }
}

/// A cell that the two readings both hold as a number, but a different one: one
/// of them put a number in the wrong place. The kept reading keeps its number only
/// when a sum down the cell's column holds in it (or an identity through the cell
/// holds in it and fails in the other reading), and none through it fails;
/// otherwise the cell is reported missing, with both readings in a warning.
fn knock_out_disagreements(
    text: &str,
    tpl: &Template,
    n: u8,
    keep: &mut Tables,
    other: &Tables,
    diags: &mut Vec<Diag>,
) {
    let mut checks = None;
    for (ti, table) in tpl.section_tables(n) {
        let nc = table.cols.len();
        for i in 0..keep.tables[ti].slots.len() {
            let (Some(k), Some(o)) = (&keep.tables[ti].slots[i], &other.tables[ti].slots[i]) else {
                continue;
            };
            // How a cell reads, for a warning: its number, blank, or an na mark.
            let show = |s: &crate::parse::template::Slot| match s.state {
                State::Blank => "blank".to_string(),
                State::Na => "a not-applicable mark".to_string(),
                _ => s.value.map_or_else(String::new, |v| v.to_string()),
            };
            // Nothing read, or a "not applicable" mark, where the other reading
            // reads a number: the kept reading took a grid's empty pieces (a header
            // printed again on a new page) for the row, or one of the two moved the
            // row's cells along (a row printed without its label cell, its first
            // number taken for the label). Blank may be taken for 0: missing.
            // So is a number against another printed thing the other reading
            // could not read (`o`, OCR's 0): they are not the same cell's text.
            let empty_against_number = (matches!(k.state, State::Blank | State::Na)
                && o.state.has_value())
                || (k.state.has_value() && o.state == State::Na)
                || (k.state.has_value()
                    && o.state == State::Unresolved
                    && k.raw != o.raw
                    && text
                        .get(o.raw.0..o.raw.1)
                        .is_some_and(crate::model::value::ocr_misread));
            if empty_against_number {
                diags.push(disagreement(
                    table,
                    i,
                    (show(k), k.line),
                    (show(o), o.line),
                    "",
                ));
                keep.tables[ti].slots[i] = None;
                continue;
            }
            if !k.state.has_value() || !o.state.has_value() || k.value == o.value {
                continue;
            }
            if lost_first_numbers(&keep.tables[ti].slots, &other.tables[ti].slots, i / nc, nc) {
                continue;
            }
            let (kept, others) =
                checks.get_or_insert_with(|| (run_checks(tpl, keep), run_checks(tpl, other)));
            let through = |c: &&CheckResult| {
                c.table == ti && {
                    let (l, r) = c.sides(tpl);
                    l.contains(&i) || r.contains(&i)
                }
            };
            // A sum down the cell's column that holds puts the number in its row
            // (a row's own total does not: a number moved along zeros keeps it); so
            // does any identity that holds here and fails in the other reading.
            let down = |c: &&CheckResult| {
                tpl.checks
                    .get(c.rule)
                    .is_some_and(|k| k.per == crate::grammar::Per::Col)
            };
            let decides = |c: &&CheckResult| {
                c.ok == Some(true)
                    && (down(c)
                        || others
                            .iter()
                            .any(|d| d.rule == c.rule && d.over == c.over && d.ok == Some(false)))
            };
            let confirmed = kept.iter().filter(through).any(|c| decides(&c))
                && !kept.iter().filter(through).any(|c| c.ok == Some(false));
            if confirmed {
                continue;
            }
            diags.push(disagreement(
                table,
                i,
                (show(k), k.line),
                (show(o), o.line),
                ", and no identity tells which is right",
            ));
            keep.tables[ti].slots[i] = None;
        }
    }
}

/// Whether row `row` (of `nc` columns) is whole in `keep`, and `other` holds only
/// its first columns, with the numbers that `keep` has in its last ones: the other
/// reading lost the row's first numbers (`其他对外管理服务事项 1950` read as one
/// label) and placed the rest from the left. The two agree on the numbers; the
/// whole row places them.
fn lost_first_numbers(
    keep: &[Option<crate::parse::template::Slot>],
    other: &[Option<crate::parse::template::Slot>],
    row: usize,
    nc: usize,
) -> bool {
    let (k, o) = (
        &keep[row * nc..(row + 1) * nc],
        &other[row * nc..(row + 1) * nc],
    );
    let m = o.iter().take_while(|s| s.is_some()).count();
    if m == 0 || m == nc || o[m..].iter().any(Option::is_some) || k.iter().any(Option::is_none) {
        return false;
    }
    let value = |s: &Option<crate::parse::template::Slot>| s.as_ref().and_then(|s| s.value);
    (0..m).all(|c| value(&o[c]).is_some() && value(&o[c]) == value(&k[c + nc - m]))
}

/// How far (in lines) from a row's label and cells a number set aside as standing
/// outside any row may be its own: a label wrapped over up to nine lines prints its
/// numbers on the middle one.
const NEAR_ROW: u32 = 4;

/// A row read with `blank` cells, nearest to numbers that were set aside as standing
/// outside any row or as a row printed twice (those after `stray0` in `t.stray`;
/// a piece of a wrapped label may read as the row again): a row that a converter printed over several
/// lines may have its empty pieces on one line and its numbers on another, and then
/// `blank` stands where numbers are printed (a user may take it for 0). Nothing
/// says which line holds the row's cells, so all of them are reported missing, with
/// a warning naming the row's line and the numbers' line (and a note at each line
/// whose value is set aside with the row).
fn unsettle_blank_rows(
    tpl: &Template,
    n: u8,
    t: &mut Tables,
    stray0: usize,
    diags: &mut Vec<Diag>,
) {
    let Some(stray) = t.stray.get(stray0..).filter(|s| !s.is_empty()) else {
        return;
    };
    // Every row of the section holding cells: (table, row, first line, last line,
    // whether a cell is blank).
    let mut rows: Vec<(usize, usize, u32, u32, bool)> = Vec::new();
    for (ti, table) in tpl.section_tables(n) {
        let nc = table.cols.len();
        for r in 0..table.rows.len() {
            let cells = &t.tables[ti].slots[r * nc..(r + 1) * nc];
            let label = t
                .labels
                .iter()
                .filter(|l| l.table == ti && l.axis == Axis::Row && l.index == r)
                .map(|l| l.line);
            let mut lines = cells.iter().flatten().map(|c| c.line).chain(label);
            let Some(first) = lines.next() else {
                continue;
            };
            let (lo, hi) = lines.fold((first, first), |(lo, hi), l| (lo.min(l), hi.max(l)));
            let blank = cells.iter().flatten().any(|c| c.state == State::Blank);
            rows.push((ti, r, lo, hi, blank));
        }
    }
    let mut hit: Vec<(usize, usize, u32)> = Vec::new();
    for &s in stray {
        let dist = |&(_, _, lo, hi, _): &(usize, usize, u32, u32, bool)| {
            lo.saturating_sub(s).max(s.saturating_sub(hi))
        };
        let Some(near) = rows.iter().map(dist).min().filter(|&d| d <= NEAR_ROW) else {
            continue;
        };
        for row in rows.iter().filter(|r| r.4 && dist(r) == near) {
            if !hit.iter().any(|h| (h.0, h.1) == (row.0, row.1)) {
                hit.push((row.0, row.1, s));
            }
        }
    }
    for (ti, r, s) in hit {
        let table = &tpl.tables[ti];
        let nc = table.cols.len();
        let row = &mut t.tables[ti].slots[r * nc..(r + 1) * nc];
        let line = row.iter().flatten().map(|c| c.line).min().unwrap_or(s);
        for c in row.iter_mut() {
            if let Some(c) = c.take().filter(|c| c.state != State::Blank) {
                diags.push(Diag::note(c.line, "value set aside with its row"));
            }
        }
        diags.push(Diag::warning(
            line,
            format!(
                "row {} is read with empty cells, beside numbers on line {s} that no row took: they may be its numbers (a row printed over several lines), so its cells are reported missing",
                table.rows[r].key
            ),
        ));
    }
}

/// Cells of the kept reading that come from lines where the other reading found
/// more or fewer numbers than the labels before them need: the layout placed them,
/// but the text does not bear that placing out, so they are reported missing.
fn knock_out_uncertain(
    tpl: &Template,
    n: u8,
    keep: &mut Tables,
    lines: &[u32],
    diags: &mut Vec<Diag>,
) {
    if lines.is_empty() {
        return;
    }
    let checks = run_checks(tpl, keep);
    let down_columns = |c: &CheckResult| {
        tpl.checks
            .iter()
            .any(|k| k.name == c.name(tpl) && k.per == crate::grammar::Per::Col)
    };
    for (ti, table) in tpl.section_tables(n) {
        let nc = table.cols.len();
        // A row any of whose cells comes from such a line: which row its numbers
        // belong to is what the readings disagree on, so its other cells are as
        // uncertain as that one (salt 177: `21`, `+I9`, `40`, then `0` of an
        // unread label's row taken as the third cell).
        let doubted: Vec<usize> = (0..table.rows.len())
            .filter(|&r| {
                keep.tables[ti].slots[r * nc..(r + 1) * nc]
                    .iter()
                    .flatten()
                    .any(|s| s.state.has_value() && lines.contains(&s.line))
            })
            .collect();
        for i in 0..keep.tables[ti].slots.len() {
            let slot = &keep.tables[ti].slots[i];
            // A mark of an empty cell (`/`, `—`) in such a row is as uncertain as
            // its numbers: it may stand where another row's number was printed.
            if !slot.as_ref().is_some_and(|_| doubted.contains(&(i / nc))) {
                continue;
            }
            // A sum down a column that holds through the cell (and none that fails)
            // puts the number in its row.
            let through: Vec<&CheckResult> = checks
                .iter()
                .filter(|c| {
                    c.table == ti && {
                        let (l, r) = c.sides(tpl);
                        l.contains(&i) || r.contains(&i)
                    }
                })
                .collect();
            let placed = through
                .iter()
                .any(|c| c.ok == Some(true) && down_columns(c))
                && !through.iter().any(|c| c.ok == Some(false));
            if placed {
                continue;
            }
            if let Some(s) = keep.tables[ti].slots[i].take() {
                diags.push(Diag::warning(
                    s.line,
                    format!(
                        "cell {}/{} was read from this line, but the labels and numbers around it do not show which row its numbers belong to: it is reported missing",
                        table.rows[i / nc].key,
                        table.cols[i % nc].key
                    ),
                ));
            }
        }
    }
}

/// Whether every reported cell of section `n` was read.
fn complete(tpl: &Template, t: &Tables, n: u8) -> bool {
    tpl.section_tables(n).all(|(ti, table)| {
        let read = &t.tables[ti];
        let nc = table.cols.len();
        (0..table.rows.len()).all(|r| {
            !row_reported(table, read, r)
                || read.slots[r * nc..(r + 1) * nc].iter().all(Option::is_some)
        })
    })
}

/// Rows of section `n` that the kept reading `out` left wholly missing and the
/// other reading `alt` holds whole, every cell a number: taken from `alt`, with a
/// note, when the row has an identity along it (its total the sum of its parts)
/// and every such identity holds on those numbers, every cell of it is then in an
/// identity down its column that is shown to hold (a sum along a row holds
/// whatever the order of its parts, so only the columns' sums show that each
/// number is in its column), and no identity of the section fails that did not
/// before. Rows are taken together (a column's identity may run through two of
/// them), and a row whose cells are not all confirmed is given back until the
/// rest are. (pymupdf4llm writes a row's last two numbers in one cell,
/// `4<br>309`, which the per-layout reader cannot part and the stream reader reads
/// as two where the row's sum holds; the stream reading as a whole held fewer
/// cells.)
fn fill_missing_rows(tpl: &Template, n: u8, out: &mut Tables, alt: &Tables, diags: &mut Vec<Diag>) {
    use crate::grammar::Per;
    use crate::parse::checks::{each_identity, sum};
    let holds = |slots: &[Option<crate::parse::template::Slot>],
                 i: &crate::parse::checks::Identity| {
        match (sum(slots, i.lhs_slots()), sum(slots, i.rhs_slots())) {
            (Some(l), Some(r)) => Some(l.fixed() == r.fixed()),
            _ => None,
        }
    };
    // The candidates: (table, row).
    let mut rows: Vec<(usize, usize)> = Vec::new();
    for (ti, table) in tpl.section_tables(n) {
        let nc = table.cols.len();
        for r in 0..table.rows.len() {
            let span = r * nc..(r + 1) * nc;
            if out.tables[ti].slots[span.clone()]
                .iter()
                .any(Option::is_some)
                || !row_reported(table, &alt.tables[ti], r)
                || !alt.tables[ti].slots[span]
                    .iter()
                    .all(|s| s.as_ref().is_some_and(|s| s.state == State::Number))
            {
                continue;
            }
            let (mut along, mut all_hold) = (0, true);
            each_identity(tpl, alt, Some(n), |i| {
                if i.table == ti && i.over == r && tpl.checks[i.rule].per == Per::Row {
                    along += 1;
                    all_hold &= holds(&alt.tables[ti].slots, &i) == Some(true);
                }
            });
            if along > 0 && all_hold {
                rows.push((ti, r));
            }
        }
    }
    if rows.is_empty() {
        return;
    }
    let failures = |t: &Tables| {
        let mut f = 0;
        each_identity(tpl, t, Some(n), |i| {
            f += usize::from(holds(&t.tables[i.table].slots, &i) == Some(false));
        });
        f
    };
    let before = failures(out);
    let ncols = |ti: usize| tpl.tables[ti].cols.len();
    let set = |out: &mut Tables, (ti, r): (usize, usize), on: bool| {
        let nc = ncols(ti);
        for c in r * nc..(r + 1) * nc {
            out.tables[ti].slots[c] = if on {
                alt.tables[ti].slots[c].clone()
            } else {
                None
            };
        }
    };
    let mut taken = rows.clone();
    loop {
        for &row in &rows {
            set(out, row, taken.contains(&row));
        }
        if taken.is_empty() {
            return;
        }
        // The cells in an identity down their column that holds.
        let mut confirmed: Vec<(usize, usize)> = Vec::new();
        each_identity(tpl, out, Some(n), |i| {
            if tpl.checks[i.rule].per == Per::Col
                && holds(&out.tables[i.table].slots, &i) == Some(true)
            {
                confirmed.extend(i.lhs_slots().chain(i.rhs_slots()).map(|s| (i.table, s)));
            }
        });
        let was = taken.len();
        taken.retain(|&(ti, r)| {
            let nc = ncols(ti);
            (r * nc..(r + 1) * nc).all(|c| confirmed.contains(&(ti, c)))
        });
        if taken.len() == was {
            break;
        }
    }
    if failures(out) > before {
        for &row in &rows {
            set(out, row, false);
        }
        return;
    }
    for &(ti, r) in &taken {
        let table = &tpl.tables[ti];
        let nc = table.cols.len();
        out.tables[ti].seen = true;
        out.tables[ti].rows_seen[r] = true;
        let row = &out.tables[ti].slots[r * nc..(r + 1) * nc];
        let lines: Vec<u32> = row.iter().flatten().map(|s| s.line).collect();
        let line = lines.iter().copied().min().unwrap_or(0);
        // The kept reading's warnings that the row is missing no longer hold.
        let key = &table.rows[r].key;
        for d in diags.iter_mut() {
            if d.level == crate::model::diag::Level::Warning
                && lines.contains(&d.line)
                && d.message.contains(&format!("row {key} "))
            {
                d.level = crate::model::diag::Level::Note;
                d.message = format!(
                    "one reading of the table: {} (the row was then read from the other)",
                    d.message
                );
            }
        }
        diags.push(Diag::note(
            line,
            format!(
                "row {key} is read from the stream of the section's labels and numbers, which holds it whole with the identities along it and down its columns holding; the other reading of the table left it missing"
            ),
        ));
    }
}

/// How many reported cells of section `n` hold something.
fn held(tpl: &Template, t: &Tables, n: u8) -> usize {
    count_reported(tpl, t, n, |_| true)
}

/// How many reported cells of section `n` hold a number, blank or mark (not
/// missing, not unresolved).
fn valued(tpl: &Template, t: &Tables, n: u8) -> usize {
    count_reported(tpl, t, n, |s| s.state != State::Unresolved)
}

/// How many reported cells of section `n` hold a slot that `keep` accepts.
fn count_reported(
    tpl: &Template,
    t: &Tables,
    n: u8,
    keep: impl Fn(&crate::parse::template::Slot) -> bool,
) -> usize {
    tpl.section_tables(n)
        .map(|(ti, table)| {
            let read = &t.tables[ti];
            let nc = table.cols.len();
            (0..table.rows.len())
                .filter(|&r| row_reported(table, read, r))
                .map(|r| {
                    read.slots[r * nc..(r + 1) * nc]
                        .iter()
                        .flatten()
                        .filter(|s| keep(s))
                        .count()
                })
                .sum::<usize>()
        })
        .sum()
}

/// How many cells section `n` reports.
fn cells_of(tpl: &Template, t: &Tables, n: u8) -> usize {
    tpl.section_tables(n)
        .map(|(ti, table)| {
            (0..table.rows.len())
                .filter(|&r| row_reported(table, &t.tables[ti], r))
                .count()
                * table.cols.len()
        })
        .sum()
}

/// How many identities of section `n` fail.
fn failed(tpl: &Template, t: &Tables, n: u8) -> usize {
    crate::parse::checks::failures_in(tpl, t, n)
}

#[cfg(test)]
mod tests {
    use super::{fill_missing_rows, lost_first_numbers, ocr_thousands_group, ocr_zero_led};
    use crate::model::value::Decimal;
    use crate::parse::template::{Slot, State};

    fn row(v: &[Option<&str>]) -> Vec<Option<Slot>> {
        v.iter()
            .map(|x| {
                x.map(|n| Slot {
                    state: State::Number,
                    value: Decimal::parse_plain(n),
                    unit: None,
                    raw: (0, 0),
                    line: 1,
                })
            })
            .collect()
    }

    #[test]
    fn a_reading_that_lost_a_rows_first_number_yields_to_the_whole_row() {
        let whole = row(&[Some("1950"), Some("-5"), Some("3")]);
        // `其他对外管理服务事项 1950` read as one label: -5 and 3 from the left.
        let lost = row(&[Some("-5"), Some("3"), None]);
        assert!(lost_first_numbers(&whole, &lost, 0, 3));
        // Other numbers, a gap, or a whole row on both sides: no.
        assert!(!lost_first_numbers(
            &whole,
            &row(&[Some("-4"), Some("3"), None]),
            0,
            3
        ));
        assert!(!lost_first_numbers(
            &whole,
            &row(&[Some("-5"), None, Some("3")]),
            0,
            3
        ));
        assert!(!lost_first_numbers(
            &whole,
            &row(&[Some("1"), Some("-5"), Some("3")]),
            0,
            3
        ));
        assert!(!lost_first_numbers(&lost, &whole, 0, 3));
    }

    /// Section 四's rows holding a table tool's column numbers (their first lost,
    /// the line wrapped: `2 … 6`, `7 … 11`, `12 13 14 15` and the row's own total)
    /// are set aside; a row whose first numbers count up and whose total holds
    /// stays.
    #[test]
    fn rows_whose_numbers_count_up_by_one_are_set_aside() {
        let tpl = crate::grammar::template("2019").expect("template");
        let (ti, t) = tpl.sole_table(4).expect("section 四");
        let nc = t.cols.len();
        let rows: [&[Option<&str>]; 3] = [
            &[Some("2"), Some("3"), Some("4"), Some("5"), Some("6")],
            &[Some("7"), Some("8"), Some("9"), Some("10"), Some("11")],
            &[Some("12"), Some("13"), Some("14"), Some("15"), Some("0")],
        ];
        let mut out = crate::model::tables::Tables::new(tpl);
        for (r, v) in rows.iter().enumerate() {
            out.tables[ti].slots[r * nc..(r + 1) * nc].clone_from_slice(&row(v));
        }
        let mut diags = Vec::new();
        super::set_aside_counting_rows(tpl, 4, &mut out, &mut diags);
        assert!(out.tables[ti].slots.iter().all(Option::is_none));
        let warnings: Vec<&str> = diags
            .iter()
            .filter(|d| d.message.contains("count up by one"))
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings[0].contains("(2, 3, …)"));
        // 0 1 2 3 with their total 6: a row that may well be printed.
        let mut out = crate::model::tables::Tables::new(tpl);
        let legit = row(&[Some("0"), Some("1"), Some("2"), Some("3"), Some("6")]);
        out.tables[ti].slots[..nc].clone_from_slice(&legit);
        super::set_aside_counting_rows(tpl, 4, &mut out, &mut Vec::new());
        assert!(out.tables[ti].slots[..nc].iter().all(Option::is_some));
    }

    /// `text` with the piece between `[` and `]` as the cell asked about.
    fn group(marked: &str) -> bool {
        let a = marked.find('[').unwrap();
        let b = marked.find(']').unwrap() - 1;
        let text = marked.replace(['[', ']'], "");
        ocr_thousands_group(&text, a, b)
    }

    #[test]
    fn ocr_damaged_pieces_of_a_spaced_number() {
        assert!(group("[Z] 93Z\n53"));
        assert!(group("Z [93Z]\n"));
        assert!(group("自然人 3 [00l] 53"));
        assert!(group("| 12 [O05] |"));
        // Not a group of thousands: two spaces, a piece of two after, a word before.
        assert!(!group("[Z]  93Z"));
        assert!(!group("[Z] 93 5"));
        assert!(!group("[Z] 93Z1"));
        assert!(!group("4 [l2] 7"));
        assert!(!group("[l2]"));
        assert!(ocr_zero_led("00l"));
        assert!(ocr_zero_led("O5"));
        assert!(!ocr_zero_led("O"));
        assert!(!ocr_zero_led("l05"));
        assert!(!ocr_zero_led("021"));
    }

    /// dongxin-2020's section 三, every identity holding, as the other reading; the
    /// kept reading without row `new` (line 104 on), with a warning that names it.
    /// The row is taken back, the warning becomes a note. Without the identities
    /// down its columns (the other rows gone too) it is not.
    #[test]
    fn a_row_left_missing_is_taken_where_the_identities_hold() {
        use crate::model::diag::{Diag, Level};
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/dongxin-2020.txt");
        let r = crate::parse::report::parse_report("d", &std::fs::read(path).expect("sample"));
        let tpl = r.reading_template.clone().expect("template");
        let (ti, t) = tpl.section_tables(3).next().expect("table");
        let nc = t.cols.len();
        let new = t.rows.iter().position(|x| x.key == "new").expect("row");
        let alt = r.tables.clone();
        let mut out = r.tables.clone();
        for s in &mut out.tables[ti].slots[new * nc..(new + 1) * nc] {
            *s = None;
        }
        let mut diags = vec![Diag::warning(
            104,
            "row new has no numbers: reported missing",
        )];
        fill_missing_rows(&tpl, 3, &mut out, &alt, &mut diags);
        assert_eq!(
            out.tables[ti].slots[new * nc..(new + 1) * nc],
            alt.tables[ti].slots[new * nc..(new + 1) * nc]
        );
        assert_eq!(diags[0].level, Level::Note);
        assert!(diags[0]
            .message
            .starts_with("one reading of the table: row new has"));
        assert!(diags[1]
            .message
            .starts_with("row new is read from the stream"));
        // Every row of section 三 but `new` missing: the sum along `new` holds, but
        // no sum down its columns can be shown.
        let mut out = r.tables.clone();
        for s in &mut out.tables[ti].slots {
            *s = None;
        }
        let mut only_new = r.tables.clone();
        for (k, s) in only_new.tables[ti].slots.iter_mut().enumerate() {
            if k / nc != new {
                *s = None;
            }
        }
        let mut diags = Vec::new();
        fill_missing_rows(&tpl, 3, &mut out, &only_new, &mut diags);
        assert!(out.tables[ti].slots.iter().all(Option::is_none));
        assert!(diags.is_empty());
    }
}
