//! Section 四 read by position: its labels anywhere in the header, then its 15
//! numbers in template order.

use crate::grammar::{Symbol, Template};
use crate::model::diag::Diag;
use crate::model::tables::{Slot, State};
use crate::model::value::CellValue;
use crate::parse::cells::{Cell, Kind};
use crate::parse::scan::scan;
use crate::parse::template::{
    add_run, clip, page_note, slot_of, zero_led, Axis, LabelRead, Reader, Tables, Zone,
};

/// Section 四: labels anywhere in the header; the 15 values by position after it,
/// unless a row label is followed directly by its numbers (a transposed table).
pub(crate) fn read_positional(
    text: &str,
    cells: &[Cell],
    more_follows: bool,
    tpl: &Template,
    out: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    let Some((ti, table)) = tpl.section_tables(4).next() else {
        return;
    };
    let m = tpl.matcher(4);
    let is_number = |c: &Cell| {
        matches!(
            c.kind,
            Kind::Run | Kind::Value(CellValue::Number(..)) | Kind::Value(CellValue::Na)
        ) || marked_run(c.raw).is_some()
            || (c.kind == Kind::Text && long_digits(c.raw).is_some())
    };
    let first = cells.iter().position(is_number);
    let transposed = first.is_some_and(|f| {
        f > 0 && cells[f - 1].kind == Kind::Text && {
            let label = cells[f - 1].text();
            let hits = scan(&label, &m.patterns, &m.automaton);
            hits.last().is_some_and(|h| {
                h.pattern
                    .symbols
                    .iter()
                    .any(|s| matches!(s, Symbol::Row { .. }))
            })
        }
    });
    if transposed {
        let mut reader = Reader {
            lookahead: None,
            tpl,
            section: 4,
            out,
            diags,
            current: ti,
            zone: Zone::Rows,
            pending: None,
            unmatched_header: Vec::new(),
            last_filled: None,
            placing: Default::default(),
            prev_text: None,
            short_surplus: false,
            run_row: None,
            labels_seen: Default::default(),
            after_col_row: false,
        };
        for i in 0..cells.len() {
            reader.cell(text, cells, i);
        }
        reader.finish_row();
        return;
    }
    // Header labels, for labels.csv: rows in order of first appearance, columns by
    // their first five occurrences (the 行政复议 group).
    let header_end = first.unwrap_or(cells.len());
    for c in &cells[..header_end] {
        match c.kind {
            Kind::Text => {}
            Kind::Page => {
                diags.push(page_note(c));
                continue;
            }
            // Empty cells of the header's grid: nothing printed.
            _ => continue,
        }
        if c.last_line > c.line {
            out.structure.push((c.line + 1, c.last_line));
        }
        let label = c.text();
        let hits = scan(&label, &m.patterns, &m.automaton);
        if hits.is_empty() {
            diags.push(Diag::note(
                c.line,
                format!(
                    "text `{}` in a table matches no label of the template; set aside",
                    clip(&c.text())
                ),
            ));
        }
        for h in hits.iter() {
            diags.extend(h.likeness_note(c.line));
            out.tables[ti].seen = true;
            let label = h.pattern.symbols.iter().find_map(|s| match *s {
                Symbol::Row { row, .. } => Some((Axis::Row, row)),
                Symbol::Col { col, .. } => Some((Axis::Col, col)),
                _ => None,
            });
            match label {
                Some((axis, index))
                    if !out
                        .labels
                        .iter()
                        .any(|l| l.table == ti && l.axis == axis && l.index == index) =>
                {
                    out.labels.push(LabelRead {
                        table: ti,
                        axis,
                        index,
                        text: h.text.to_string(),
                        line: c.line,
                    });
                }
                // A group title, or a column label printed again (each group of
                // 四 repeats the five result columns).
                _ => out.structure.push((c.line, c.line)),
            }
        }
    }
    let Some(first) = first else { return };
    // A header cell that starts with a digit (`7___`, a number a converter padded or
    // damaged) may be the first value: then nothing says where the values start.
    // So may a number standing as a word of its own in a header cell (`-- ------
    // 27 10 9 15 61`: a row's numbers read with the rule before them as one text).
    let holds_number = |raw: &str| {
        raw.starts_with(|ch: char| ch.is_ascii_digit())
            || raw.split_whitespace().any(|w| {
                let w = w.trim_matches(['*', '_']);
                !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
            })
    };
    if let Some(c) = cells[..first]
        .iter()
        .find(|c| c.kind == Kind::Text && holds_number(c.raw))
    {
        diags.push(Diag::warning(
            c.line,
            format!(
                "`{}` before the numbers of section 四 may be one of them: where they start is not certain, so section 四 is reported missing",
                clip(c.raw)
            ),
        ));
        set_aside(&cells[first..], out, diags);
        return;
    }
    // `110 021 000 120 103`: a number with a leading zero among them is digits of
    // several cells run together and then spaced: which number is where is not
    // known.
    let run_end = cells[first..]
        .iter()
        .position(|c| c.kind == Kind::Text)
        .map_or(cells.len(), |k| first + k);
    let numbers: Vec<&Cell> = cells[first..run_end]
        .iter()
        .filter(|c| is_number(c))
        .collect();
    let n_cells = table.n_cells();
    // Not the last number when it is long enough to hold every cell still to
    // fill: a glued run, which the split search reads below.
    let zero_led_at = numbers.iter().enumerate().find(|(k, c)| {
        zero_led(c.raw) && !(k + 1 == numbers.len() && c.raw.trim().len() + k >= n_cells)
    });
    if let Some((_, c)) = zero_led_at {
        diags.push(Diag::warning(
            c.line,
            format!(
                "`{}` among the numbers of section 四 has a leading zero: digits of several cells run together, so which number is where is not certain and section 四 is reported missing",
                clip(c.raw)
            ),
        ));
        set_aside(&cells[first..], out, diags);
        return;
    }
    out.tables[ti].seen = true;
    // Empty cells right before the first number are the first values (blank), unless
    // a label stands between them, or the numbers without them already fill the
    // table: an empty cell never shifts the numbers (`| 总计 | | 0 | 7 |`, a header
    // row's last cell before the number row on one line).
    let mut startpos = first;
    while startpos > 0 && cells[startpos - 1].kind == Kind::Value(CellValue::Blank) {
        startpos -= 1;
    }
    let n = table.n_cells();
    let blanks = first - startpos;
    if blanks > 0 {
        // The cells from the first number to the last one before the next label,
        // empty ones among them counted, empty ones after the last number not.
        let run = &cells[first..];
        let run = &run[..run
            .iter()
            .position(|c| c.kind == Kind::Text)
            .unwrap_or(run.len())];
        let glued = run.iter().any(|c| c.kind == Kind::Run);
        let last = run
            .iter()
            .rposition(|c| matches!(c.kind, Kind::Value(v) if v != CellValue::Blank))
            .map_or(0, |i| i + 1);
        let numbers = run[..last]
            .iter()
            .filter(|c| matches!(c.kind, Kind::Value(_)))
            .count();
        if !glued && numbers >= n {
            startpos = first;
        } else if !glued && numbers + blanks > n {
            diags.push(Diag::warning(
                cells[first].line,
                format!(
                    "section 四 has {numbers} numbers after {blanks} empty cells, and needs {n}: which empty cells are values is not certain, so section 四 is reported missing"
                ),
            ));
            set_aside(&cells[first..], out, diags);
            return;
        }
    }
    if startpos == first {
        if let Some((slots, k, closest, end)) =
            join_split_number(text, &cells[first..], n, table.cols.len())
        {
            let (a, b) = (&cells[first + k], &cells[first + k + 1]);
            let why = if closest {
                "closer together than any other two"
            } else {
                "the only two neighbours whose joining the sums allow"
            };
            diags.push(Diag::warning(
                a.line,
                format!(
                    "section 四 has {} numbers for {n} cells; `{}` and `{}`, {why}, are read as one number, {}{}, which the sums of every group of 结果 columns against 总计 confirm (a number printed in two pieces?)",
                    n + 1,
                    a.raw,
                    b.raw,
                    a.raw,
                    b.raw
                ),
            ));
            if b.line != a.line {
                diags.push(Diag::note(
                    b.line,
                    format!(
                        "`{}` read with `{}` on line {} as one number, {}{}",
                        b.raw, a.raw, a.line, a.raw, b.raw
                    ),
                ));
            }
            out.tables[ti].slots[..n].clone_from_slice(&slots);
            for r in 0..table.rows.len() {
                out.tables[ti].rows_seen[r] = true;
            }
            set_aside(&cells[first + end..], out, diags);
            return;
        }
    }
    let glued_text = out
        .layouts
        .contains(&Some(crate::parse::cells::Layout::Glued));
    let mut filled = 0;
    let mut glued_read = false;
    let mut i = startpos;
    while i < cells.len() && filled < n {
        let c = &cells[i];
        if glued_text {
            if let Some((rows_end, next)) = run_before_rows(cells, i, filled, ti, table, m) {
                add_run(
                    text,
                    c,
                    ti,
                    (filled..rows_end).collect(),
                    filled > 0,
                    out,
                    diags,
                );
                header_between(&cells[i + 1..next], ti, m, out, diags);
                filled = rows_end;
                glued_read = true;
                i = next;
                continue;
            }
        }
        match c.kind {
            // Digits glued with the marks of empty cells (`11／／21／／／12／1／3`),
            // or digits too many for any one number to hold (a line of 26 digits:
            // a cell no count is), long enough to hold every cell still to fill,
            // and the last number: a glued run, as below.
            Kind::Text
                if n - filled >= 2
                    && (filled == 0 || glued_text)
                    && marked_run(c.raw)
                        .or_else(|| long_digits(c.raw))
                        .is_some_and(|units| units >= n - filled)
                    && !cells[i + 1..].iter().any(is_number) =>
            {
                add_run(text, c, ti, (filled..n).collect(), filled > 0, out, diags);
                filled = n;
                glued_read = true;
            }
            Kind::Text => break,
            Kind::Page => diags.push(page_note(c)),
            // The last number, all digits and long enough to hold every cell still
            // to fill, one digit each: a glued run (`110021000120103`), which the
            // split search reads with the identities, not one count. Only when it
            // holds the whole section or the text is glued: after numbers printed
            // apart, a short last number (`20`) is a count, and a number is missing
            // somewhere before it.
            Kind::Value(_)
                if n - filled >= 2
                    && (filled == 0 || glued_text)
                    && c.raw.trim().chars().count() >= n - filled
                    && c.raw
                        .trim()
                        .chars()
                        .all(|ch| ch.is_ascii_digit() || ('０'..='９').contains(&ch))
                    && !cells[i + 1..].iter().any(is_number) =>
            {
                add_run(text, c, ti, (filled..n).collect(), filled > 0, out, diags);
                filled = n;
                glued_read = true;
            }
            Kind::Value(v) => {
                out.tables[ti].slots[filled] = Some(slot_of(text, c, v));
                filled += 1;
            }
            Kind::Run => {
                add_run(text, c, ti, (filled..n).collect(), filled > 0, out, diags);
                filled = n;
                glued_read = true;
            }
        }
        i += 1;
    }
    // A converter that cut a number into pieces over several cells (pymupdf4llm:
    // `|1|2|0|||54||6|72||` for 12, 0, 54, 6, 72) leaves more cells than the table
    // has: empty cells read as values, or numbers left over after the fifteen. When
    // the reading then fails a group's sum (result columns against 总计, empty cells
    // taken as 0), the numbers are not where the template puts them: none is read.
    if filled == n && !glued_read {
        let slots = &out.tables[ti].slots;
        let has_blank = slots.iter().flatten().any(|s| s.state == State::Blank);
        let left_over = cells[i..]
            .iter()
            .take_while(|c| c.kind != Kind::Text)
            .any(|c| matches!(c.kind, Kind::Value(CellValue::Number(..))));
        if (has_blank || left_over) && groups_fail(slots, table.cols.len()) {
            for slot in out.tables[ti].slots.iter_mut() {
                if let Some(s) = slot.take() {
                    diags.push(Diag::note(s.line, "number set aside with section 四"));
                }
            }
            for r in 0..table.rows.len() {
                out.tables[ti].rows_seen[r] = true;
            }
            diags.push(Diag::warning(
                cells[first].line,
                format!(
                    "section 四 read in template order {} and then fails a group's sum (结果 columns against 总计): a number may be cut into pieces over cells, so section 四 is reported missing",
                    if left_over {
                        "leaves numbers over"
                    } else {
                        "takes empty cells as values"
                    }
                ),
            ));
            set_aside(&cells[i..], out, diags);
            return;
        }
    }
    // Whatever stands after the numbers is not read: each piece gets a word.
    for c in &cells[i..] {
        match c.kind {
            Kind::Page => diags.push(page_note(c)),
            Kind::Value(CellValue::Blank) => {}
            _ => {
                if c.last_line > c.line {
                    out.structure.push((c.line + 1, c.last_line));
                }
                diags.push(Diag::note(
                    c.line,
                    format!(
                        "`{}` stands after the numbers of section 四; set aside",
                        clip(&c.text())
                    ),
                ));
            }
        }
    }
    for r in 0..table.rows.len() {
        out.tables[ti].rows_seen[r] = true;
    }
    // Too few numbers with text after them, in the section or after it: the text
    // was not cut short there, so a number is missing somewhere among them (a run
    // glued together, a cell the converter dropped), and which column each one is
    // in is not known.
    let text_after = more_follows
        || cells[i..]
            .iter()
            .any(|c| !matches!(c.kind, Kind::Page | Kind::Value(CellValue::Blank)));
    // Unless the numbers fill whole rows and the label of the next row follows
    // them (pdftotext's column order prints 行政复议's five numbers, then
    // 未经复议直接起诉 with its own).
    let width = table.cols.len();
    let next_row_follows = filled > 0
        && filled % width == 0
        && cells.get(i).is_some_and(|c| {
            c.kind == Kind::Text
                && scan(&c.text(), &m.patterns, &m.automaton)
                    .iter()
                    .next()
                    .is_some_and(|h| {
                        h.pattern.symbols.contains(&Symbol::Row {
                            table: ti,
                            row: filled / width,
                        })
                    })
        });
    // Too few numbers under a header that names no row (`结果维持 … 总计` alone, the
    // section found by its labels after its heading and first rows were missed):
    // which row they are is not known.
    // The numbers are placed from the first row on, so the header must name that
    // row: under `行政诉讼（复议后起诉）` alone (the heading and the first groups
    // missed), five numbers are that row's, not 行政复议's.
    let rows_named = out
        .labels
        .iter()
        .filter(|l| l.table == ti && l.axis == Axis::Row)
        .map(|l| l.index)
        .min()
        == Some(0);
    if filled < n && !text_after && !rows_named {
        for slot in out.tables[ti].slots.iter_mut() {
            if let Some(s) = slot.take() {
                diags.push(Diag::note(s.line, "number set aside with section 四"));
            }
        }
        diags.push(Diag::warning(
            cells[first].line,
            format!(
                "section 四 has {filled} of {n} numbers under a header that does not name its first row: which row each is in is not certain, so section 四 is reported missing"
            ),
        ));
    } else if filled < n && text_after && !next_row_follows {
        // One or two numbers short, all printed as numbers in the template's
        // order: kept for the identities to place (`parse::gaps`, the table as
        // one row), where they allow one placement only.
        let printed: Vec<Slot> = out.tables[ti].slots[..filled]
            .iter()
            .map_while(|s| s.clone().filter(|s| s.state == State::Number))
            .collect();
        if printed.len() == filled && n - filled <= 2 && n > width {
            out.tables[ti].short.push(crate::model::tables::ShortRow {
                row: 0,
                nums: printed,
                first: 0,
            });
        }
        for slot in out.tables[ti].slots.iter_mut() {
            if let Some(s) = slot.take() {
                diags.push(Diag::note(s.line, "number set aside with section 四"));
            }
        }
        diags.push(Diag::warning(
            cells[first].line,
            format!(
                "section 四 has {filled} of {n} numbers and text after them: which column each is in is not certain, so section 四 is reported missing"
            ),
        ));
    } else if filled < n {
        diags.push(Diag::warning(
            cells[first].line,
            format!("section 四 has {filled} of {n} numbers; the rest are reported missing"),
        ));
    }
}

/// Glued text whose section 四 is printed as sub-tables (行政复议, then 行政诉讼
/// under its own header), each row's digits run together: at `cells[i]`, at a
/// row's start, a run of digits that text naming a later row follows, then more
/// numbers (`505010` / `行政诉讼` / `未经复议直接起诉复议后起诉` / … / `005053300033`).
/// The run holds the rows before the first row that text names: the cell its
/// rows end at, and the index of the next number. `None` unless the run has a
/// digit at least for each of those cells and nothing but text (and page
/// markers or empty cells) stands between it and the next number.
fn run_before_rows(
    cells: &[Cell],
    i: usize,
    filled: usize,
    ti: usize,
    table: &crate::grammar::Table,
    m: &crate::grammar::SectionMatcher,
) -> Option<(usize, usize)> {
    let width = table.cols.len();
    let c = cells.get(i)?;
    if width == 0 || filled % width != 0 || !matches!(c.kind, Kind::Run | Kind::Value(_)) {
        return None;
    }
    let digits = long_digits(c.raw)?;
    let mut named: Option<usize> = None;
    let mut next = None;
    let mut texts = 0usize;
    for (k, d) in cells.iter().enumerate().skip(i + 1) {
        match d.kind {
            Kind::Text if long_digits(d.raw).is_none() && marked_run(d.raw).is_none() => {
                texts += 1;
                for h in scan(&d.text(), &m.patterns, &m.automaton).iter() {
                    for s in h.pattern.symbols.iter() {
                        if let Symbol::Row { table, row } = *s {
                            if table == ti {
                                named = Some(named.map_or(row, |r: usize| r.min(row)));
                            }
                        }
                    }
                }
            }
            Kind::Page | Kind::Value(CellValue::Blank) => {}
            _ => {
                next = Some(k);
                break;
            }
        }
    }
    let (next, row) = (next?, named?);
    let rows_end = row * width;
    (texts > 0 && rows_end > filled + 1 && digits >= rows_end - filled).then_some((rows_end, next))
}

/// The text between two runs of section 四's sub-tables: the row labels it
/// names go to labels.csv (when not read yet), the rest is the frame.
fn header_between(
    cells: &[Cell],
    ti: usize,
    m: &crate::grammar::SectionMatcher,
    out: &mut Tables,
    diags: &mut Vec<Diag>,
) {
    for c in cells {
        match c.kind {
            Kind::Page => {
                diags.push(page_note(c));
                continue;
            }
            Kind::Text => {}
            _ => continue,
        }
        let label = c.text();
        for h in scan(&label, &m.patterns, &m.automaton).iter() {
            let row = h.pattern.symbols.iter().find_map(|s| match *s {
                Symbol::Row { table, row } if table == ti => Some(row),
                _ => None,
            });
            match row {
                Some(index)
                    if !out
                        .labels
                        .iter()
                        .any(|l| l.table == ti && l.axis == Axis::Row && l.index == index) =>
                {
                    out.labels.push(LabelRead {
                        table: ti,
                        axis: Axis::Row,
                        index,
                        text: h.text.to_string(),
                        line: c.line,
                    });
                }
                _ => {}
            }
        }
        out.structure.push((c.line, c.last_line));
    }
}

/// Whether a group of section 四 (each `width` cells: four results, then 总计) fails
/// its sum with empty cells taken as 0: a 总计 that is not the sum of its results, or
/// an empty 总计 beside a result that is not 0. Groups with a cell that is neither a
/// number nor empty are not judged.
/// Section 四's numbers one over its `n` cells, before any text: where two
/// stand closer together than any other two (`37  0  0  4 0  77`, a number Word
/// printed in two runs, which a crawler parted by one space; or two on one line
/// among numbers a line each), those two read as one, when the sum of every
/// group of 结果 columns against 总计 then holds, every cell a number; where no
/// two are closer (a number a line), the one pair of neighbours whose joining
/// those sums allow. The slots (the joined one `recovered`), the place of the
/// first of the two among `run`, whether they stood closest, and how many of
/// `run`'s cells the numbers took.
fn join_split_number(
    text: &str,
    run: &[Cell],
    n: usize,
    width: usize,
) -> Option<(Vec<Option<Slot>>, usize, bool, usize)> {
    let nums = run.iter().take_while(|c| {
        matches!(c.kind, Kind::Value(CellValue::Number(_, None)))
            && c.raw.bytes().all(|b| b.is_ascii_digit())
    });
    if nums.count() != n + 1 || run.get(n + 1).is_some_and(|c| c.kind != Kind::Text) {
        return None;
    }
    // Lines between two neighbours, then, on one line, the characters between.
    let gap = |k: usize| {
        let (a, b) = (&run[k], &run[k + 1]);
        let lines = b.line.saturating_sub(a.line);
        let chars = if lines == 0 {
            text.get(a.offset + a.raw.len()..b.offset)
                .map_or(usize::MAX, |t| t.chars().count())
        } else {
            0
        };
        (lines, chars)
    };
    let min = (0..n).map(gap).min()?;
    let mut at = (0..n).filter(|&k| gap(k) == min);
    let closest = match (at.next(), at.next()) {
        (Some(k), None) => Some(k),
        _ => None,
    };
    let tried: Vec<usize> = closest.map_or_else(|| (0..n).collect(), |k| vec![k]);
    let mut found = None;
    for k in tried {
        let Some(slots) = joined_at(text, run, n, k) else {
            continue;
        };
        // A recovered cell counts as a number in the sums.
        let check: Vec<Option<Slot>> = slots
            .iter()
            .map(|s| {
                s.clone().map(|mut s| {
                    s.state = State::Number;
                    s
                })
            })
            .collect();
        if groups_fail(&check, width) {
            continue;
        }
        if found.is_some() {
            return None;
        }
        found = Some((slots, k, closest.is_some(), n + 1));
    }
    found
}

/// Section 四's `n` slots with `run[k]` and `run[k + 1]` read as one number
/// (only whitespace between them, the first no zero-led piece), that one
/// `recovered`.
fn joined_at(text: &str, run: &[Cell], n: usize, k: usize) -> Option<Vec<Option<Slot>>> {
    let (a, b) = (&run[k], &run[k + 1]);
    let between = text.get(a.offset + a.raw.len()..b.offset)?;
    if !between.chars().all(char::is_whitespace) || a.raw.starts_with('0') {
        return None;
    }
    let joined = format!("{}{}", a.raw, b.raw);
    let CellValue::Number(d, None) = crate::model::value::parse_cell(&joined) else {
        return None;
    };
    let mut slots: Vec<Option<Slot>> = Vec::with_capacity(n);
    for (j, c) in run[..=n].iter().enumerate() {
        if j == k + 1 {
            continue;
        }
        let Kind::Value(v) = c.kind else {
            return None;
        };
        slots.push(Some(slot_of(text, c, v)));
    }
    if let Some(Some(s)) = slots.get_mut(k) {
        s.value = Some(d);
        s.state = State::Recovered;
        s.raw = (a.offset, b.offset + b.raw.len());
    }
    (slots.len() == n).then_some(slots)
}

fn groups_fail(slots: &[Option<Slot>], width: usize) -> bool {
    if width < 2 {
        return false;
    }
    slots.chunks(width).any(|g| {
        let mut sum: i128 = 0;
        let mut parts_nonzero = false;
        for s in &g[..g.len() - 1] {
            match s {
                Some(s) if s.state == State::Blank => {}
                Some(Slot {
                    state: State::Number,
                    value: Some(v),
                    ..
                }) => {
                    let Some(next) = sum.checked_add(v.fixed()) else {
                        return false;
                    };
                    sum = next;
                    parts_nonzero |= v.fixed() != 0;
                }
                _ => return false,
            }
        }
        match g.last() {
            Some(Some(Slot {
                state: State::Number,
                value: Some(t),
                ..
            })) => t.fixed() != sum,
            Some(Some(s)) if s.state == State::Blank => parts_nonzero,
            _ => false,
        }
    })
}

/// Every piece of `cells` but the empty ones gets a note: set aside with section 四.
fn set_aside(cells: &[Cell], out: &mut Tables, diags: &mut Vec<Diag>) {
    for c in cells {
        if c.kind == Kind::Value(CellValue::Blank) {
            continue;
        }
        if c.last_line > c.line {
            out.structure.push((c.line + 1, c.last_line));
        }
        diags.push(Diag::note(
            c.line,
            format!("`{}` set aside with section 四", clip(&c.text())),
        ));
    }
}

/// The number of digits of a cell that is only digits (ASCII or full-width),
/// read as text because no number holds so many: `None` for any other cell.
fn long_digits(raw: &str) -> Option<usize> {
    let t = raw.trim();
    let mut n = 0usize;
    for c in t.chars() {
        if !(c.is_ascii_digit() || ('０'..='９').contains(&c)) {
            return None;
        }
        n += 1;
    }
    (n > 0).then_some(n)
}

/// Text made only of digits and the marks of empty cells (`11／／21／／／12／1／3`,
/// spaces allowed between them), with one of each at least: cells glued together,
/// some of them printed empty. How many cells it may hold at most (a digit or a
/// mark each). A table rule's dashes (`---`) are none.
fn marked_run(raw: &str) -> Option<usize> {
    let t = raw.trim();
    let (mut digits, mut marks) = (0usize, 0usize);
    let mut rest = t;
    while let Some(c) = rest.chars().next() {
        let m = crate::model::value::empty_mark_len(rest);
        if m > 0 {
            marks += 1;
            rest = &rest[m..];
            continue;
        }
        if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            digits += 1;
        } else if !matches!(c, ' ' | '\u{a0}' | '\u{3000}') {
            return None;
        }
        rest = &rest[c.len_utf8()..];
    }
    // The rule's dashes last: nearly every cell is told by its first characters
    // above, and a search for a string sets up a searcher each call (on issue
    // 13's tree, where this is asked of 48 cells a report, the two searches first
    // were 0.8% of a run's instructions, callgrind).
    if digits == 0 || marks == 0 || t.contains("---") || t.contains("———") {
        return None;
    }
    Some(digits + marks)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    fn section4(tail: &str) -> BTreeMap<String, Option<String>> {
        let text = format!(
            "2021年测试街道政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计\n{tail}"
        );
        crate::parse_report("s4.txt", text.as_bytes())
            .keyed_cells()
            .into_iter()
            .filter(|(k, _)| k.starts_with("4/"))
            .map(|(k, s)| (k, s.and_then(|s| s.value).map(|v| v.to_string())))
            .collect()
    }

    /// Too few numbers with text after them: no number is placed, as which column
    /// each is in is not known (here a glued run read as one number).
    #[test]
    fn too_few_numbers_before_text_are_not_placed() {
        // A markdown rewrite with its labels misread: one glued run of the 15.
        let text = "2021年测试街道政府信息公开工作年度报告\n## 四、政府信息公开行政复议、行政诉讼情况\n\n### 行政复仪\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|----------|----------|----------|----------|------|\n271091561\n\n### 行政诉讼（末经复议直接起诉）\n| 结杲维持 | 结果纠正 | 甚他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n";
        let cells: BTreeMap<String, Option<String>> =
            crate::parse_report("s4.txt", text.as_bytes())
                .keyed_cells()
                .into_iter()
                .filter(|(k, _)| k.starts_with("4/"))
                .map(|(k, s)| (k, s.and_then(|s| s.value).map(|v| v.to_string())))
                .collect();
        assert_eq!(cells.len(), 15);
        assert!(cells.values().all(Option::is_none), "{cells:?}");
    }

    /// Section 四's fifteen numbers glued into one line of 26 digits (more than
    /// any number holds, so the line is text to the cell reader): a glued run,
    /// split by the three rows' sums. Three splits hold, differing only in the
    /// last row's first four cells (12|1|1|6, 1|2|11|6, 1|2|1|16): those stay
    /// unresolved, the other eleven are recovered.
    #[test]
    fn fifteen_numbers_glued_past_any_number_are_split_by_the_sums() {
        let (cells, warnings) = read4(
            "2024年测试街道政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计\n72641783735113481261211620\n五、存在的主要问题及改进情况\n",
        );
        let want = [
            ("review", ["72", "64", "178", "37", "351"].map(Some)),
            ("suit_direct", ["13", "4", "8", "1", "26"].map(Some)),
            ("suit_after_review", [None, None, None, None, Some("20")]),
        ];
        for (row, values) in want {
            for (col, v) in ["upheld", "corrected", "other", "pending", "total"]
                .iter()
                .zip(values)
            {
                assert_eq!(
                    cells[&format!("4/{row}/{col}")].as_deref(),
                    v,
                    "{row} {col}"
                );
            }
        }
        let on_six: Vec<&(u32, String)> = warnings.iter().filter(|(l, _)| *l == 6).collect();
        assert_eq!(
            on_six,
            vec![&(6, "digits `72641783735113481261211620` run several cells together and the report's identities allow more than one split; 11 of its 15 cells are cut alike by every split and recovered, the rest kept as unresolved".to_string())]
        );
    }

    /// Whole rows followed by the label of the next row keep their numbers
    /// (pdftotext's column order).
    #[test]
    fn whole_rows_before_the_next_label_keep_their_numbers() {
        let cells = section4("1\n\n2\n\n3\n\n4\n\n10\n\n未经复议直接起诉\n\n复议后起诉\n\n结果维持 结果纠正 其他结果 尚未审结 总计\n0\n\n五、存在的主要问题及改进情况\n");
        assert_eq!(cells["4/review/upheld"].as_deref(), Some("1"));
        assert_eq!(cells["4/review/total"].as_deref(), Some("10"));
        assert_eq!(cells["4/suit_direct/upheld"], None);
    }

    /// Section 四's cells by key, and the warnings with their lines.
    type Read4 = (BTreeMap<String, Option<String>>, Vec<(u32, String)>);

    /// The keyed cells of section 四 and the warnings of a whole report text.
    fn read4(text: &str) -> Read4 {
        let r = crate::parse_report("s4.md", text.as_bytes());
        let cells = r
            .keyed_cells()
            .into_iter()
            .filter(|(k, _)| k.starts_with("4/"))
            .map(|(k, s)| (k, s.and_then(|s| s.value).map(|v| v.to_string())))
            .collect();
        let warnings = r
            .diags
            .iter()
            .filter(|d| d.level == crate::model::diag::Level::Warning)
            .map(|d| (d.line, d.message.clone()))
            .collect();
        (cells, warnings)
    }

    /// A markdown converter that cut 23 into `|2|3|` and left empty cells among the
    /// numbers: read in template order, the numbers shift and the sums fail, so not
    /// one of the 15 is read, and a warning names the line of the numbers.
    #[test]
    fn a_number_cut_over_cells_leaves_section_four_missing() {
        let text = "2024年测试街道政府信息公开工作年度报告\n## 四、政府信息公开行政复议、行政诉讼情况\n\n|||||行政|复议|||||\n|---|---|---|---|---|---|---|---|---|---|\n|结果|维持|结果|纠正|其他|结果|尚未|审结|总计||\n|2|3|1|||5||0|29||\n|||||行政|诉讼|||||\n||未|经复议直接起|诉||||复议后起诉|||\n|结果维持|结果纠正|其他结果|尚未审结|总计|结果维持|结果纠正|其他结果|尚未审结|总计|\n|4|0|7|2|13|0|1|0|3|4|\n\n## 五、存在的主要问题及改进情况\n";
        let (cells, warnings) = read4(text);
        assert_eq!(cells.len(), 15);
        assert!(cells.values().all(Option::is_none), "{cells:?}");
        assert!(
            warnings
                .iter()
                .any(|(line, m)| *line == 7 && m.contains("cut into pieces")),
            "{warnings:?}"
        );
    }

    /// The same cut with no empty cell: sixteen numbers for fifteen columns on one
    /// line. Where no join of two neighbours makes every group's sum hold (the
    /// last group 0 + 1 + 0 + 3 against 5), nothing is read, and the line of the
    /// numbers has a warning. (Until a number in two pieces was joined by the
    /// sums, the line with 4 as its last number was read so too; it is now read
    /// with `2 3` as 23, the only join the sums allow, below.)
    #[test]
    fn a_number_left_over_leaves_section_four_missing() {
        let doc = |line: &str| {
            format!("2021年测试街道政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n{line}\n五、存在的主要问题及改进情况\n")
        };
        let (cells, warnings) = read4(&doc("2 3 1 5 0 29 4 0 7 2 13 0 1 0 3 5"));
        assert_eq!(cells.len(), 15);
        assert!(cells.values().all(Option::is_none), "{cells:?}");
        assert!(warnings.iter().any(|(line, _)| *line == 5), "{warnings:?}");
        // No two closer than the rest: the one join the sums allow, 2 and 3 as 23.
        let (cells, warnings) = read4(&doc("2 3 1 5 0 29 4 0 7 2 13 0 1 0 3 4"));
        assert_eq!(cells["4/review/upheld"].as_deref(), Some("23"));
        assert_eq!(cells["4/review/total"].as_deref(), Some("29"));
        assert_eq!(cells["4/suit_after_review/total"].as_deref(), Some("4"));
        assert!(
            warnings
                .iter()
                .any(|(l, m)| *l == 5 && m.contains("the only two neighbours")),
            "{warnings:?}"
        );
    }

    /// Sixteen numbers on one line where two stand closer together than any other
    /// two (`4 0` among numbers two spaces or more apart: a number Word printed in
    /// two runs): read as one, 40, where every group's sum holds with it; where
    /// the sums fail with it, or two pairs are as close, nothing is read.
    #[test]
    fn a_number_in_two_pieces_closer_than_the_rest_is_joined_by_the_sums() {
        let doc = |line: &str| {
            format!("2021年测试街道政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n{line}\n五、存在的主要问题及改进情况\n")
        };
        let (cells, warnings) = read4(&doc("4  0  0  3  7  37  0  0  4 0  77  0  8  0  4  12"));
        assert_eq!(cells["4/review/total"].as_deref(), Some("7"));
        assert_eq!(cells["4/suit_direct/pending"].as_deref(), Some("40"));
        assert_eq!(cells["4/suit_direct/total"].as_deref(), Some("77"));
        assert_eq!(cells["4/suit_after_review/total"].as_deref(), Some("12"));
        assert!(
            warnings
                .iter()
                .any(|(l, m)| *l == 5 && m.contains("read as one number, 40")),
            "{warnings:?}"
        );
        // 4 and 0 as one, 40, would leave 37 + 0 + 0 + 40 = 77 … but 70 is printed.
        let (cells, _) = read4(&doc("4  0  0  3  7  37  0  0  4 0  70  0  8  0  4  12"));
        assert!(cells.values().all(Option::is_none), "{cells:?}");
        // Two pairs one space apart: which is one number is not certain.
        let (cells, _) = read4(&doc("4  0  0  3  7  3 7  0  0  4 0  77  0  8  0  4  12"));
        assert!(cells.values().all(Option::is_none), "{cells:?}");
    }

    /// Empty cells whose sums hold are read as before: `blank` where nothing is
    /// printed, the numbers where they stand.
    #[test]
    fn empty_cells_that_keep_the_sums_are_read() {
        let cells = section4("|1||0|2|3|0|0|0|0|0|4|0|1|0|5|\n五、存在的主要问题及改进情况\n");
        assert_eq!(cells["4/review/upheld"].as_deref(), Some("1"));
        assert_eq!(cells["4/review/corrected"], None);
        assert_eq!(cells["4/review/total"].as_deref(), Some("3"));
        assert_eq!(cells["4/suit_after_review/total"].as_deref(), Some("5"));
    }
}
