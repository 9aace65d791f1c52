//! A data table laid out on a grid (rowspan and colspan as a browser places them),
//! and a table that holds a table turned into text.

use super::*;

/// The widest grid laid out (official tables have 10 columns; colspan is at most
/// 1000 by the HTML standard).
const MAX_COLUMNS: usize = 4096;

impl Builder {
    /// The innermost table holds a table: what it gathered so far becomes text.
    pub(super) fn make_layout(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        t.close_cell();
        t.layout = true;
        let rows = std::mem::take(&mut t.rows);
        self.flush_para();
        for row in rows {
            for mut c in row {
                if let Some(p) = c.text.take() {
                    self.blocks.push(Block {
                        pieces: vec![p],
                        kind: Kind::Para,
                    });
                }
            }
        }
    }

    /// A data table's rows, laid out on a grid: each row one line of the cells that
    /// start on it.
    pub(super) fn emit_grid(&mut self, mut t: Table) {
        t.close_cell();
        let rows = t.rows;
        let n = rows.len();
        // Per column, the first row that a cell from above no longer covers.
        let mut cover: Vec<usize> = Vec::new();
        let mut out = Vec::with_capacity(n);
        let mut numbers = false;
        for (r, row) in rows.into_iter().enumerate() {
            let mut col = 0usize;
            let mut pieces = Vec::with_capacity(row.len());
            for mut c in row {
                while cover.get(col).is_some_and(|&k| k > r) {
                    col += 1;
                }
                let left = n - r;
                let rs = if c.rs == 0 {
                    left
                } else {
                    (c.rs as usize).min(left)
                };
                // Columns past MAX_COLUMNS are not tracked (a hostile page could
                // ask for millions): a cell there takes the next place.
                let end = (col + c.cs as usize).min(MAX_COLUMNS);
                if cover.len() < end {
                    cover.resize(end, 0);
                }
                for k in cover.iter_mut().take(end).skip(col) {
                    *k = r + rs;
                }
                col = end.max(col + 1);
                let (s, line, breaks) =
                    c.text
                        .take_lines()
                        .unwrap_or((String::new(), c.tag_line, Vec::new()));
                // (Full-width digits, `３９８`, are numbers too: EF BC 90–99.)
                numbers |= s.bytes().any(|b| b.is_ascii_digit())
                    || s.contains(|c: char| ('０'..='９').contains(&c));
                pieces.push((s, line, breaks));
            }
            if pieces.iter().any(|p| !p.2.is_empty()) {
                let lines = cell_lines(&pieces);
                if let Some(rows) = self.unstack_row(&pieces, &lines) {
                    out.extend(rows);
                    continue;
                }
                // Cells that stack lines of numbers which do not pair into rows:
                // read with their breaks as spaces, two labels close up into one
                // text and the numbers run on in no known order (the glued reader
                // split `21 0` into a row's three cells). The row is not read.
                if crate::parse::input::stacked::looks_stacked(&lines) {
                    let line = pieces.iter().map(|p| p.1).min().unwrap_or(0);
                    self.notes.push((
                        line,
                        "a table row stacks lines in its cells (parted by `<br>` or paragraphs) that do not pair into rows (a cell with more or fewer lines, or a line that is no number): the row is not read".to_string(),
                    ));
                    continue;
                }
            }
            if !pieces.is_empty() {
                out.push(pieces.into_iter().map(|(s, l, _)| (s, l)).collect());
            }
        }
        for pieces in out {
            self.blocks.push(Block {
                pieces,
                kind: Kind::Row(numbers),
            });
        }
        self.blocks.push(Block {
            pieces: Vec::new(),
            kind: Kind::Gap,
        });
    }
}

impl Builder {
    /// A row whose cells hold the rows of a block, one a line
    /// ([`crate::parse::input::stacked`]), as those rows; `None` for any other row.
    fn unstack_row(
        &mut self,
        pieces: &[(String, u32, Vec<u32>)],
        lines: &[Vec<&str>],
    ) -> Option<Vec<Vec<(String, u32)>>> {
        let rows = crate::parse::input::stacked::unstack(lines)?;
        let line = pieces.iter().map(|p| p.1).min().unwrap_or(0);
        self.notes.push((
            line,
            format!(
                "a table row holds {} rows, each cell one line a row (parted by `<br>` or paragraphs): read as those rows",
                rows.len()
            ),
        ));
        Some(
            rows.into_iter()
                .map(|row| {
                    row.iter()
                        .zip(pieces)
                        .filter_map(|(c, p)| c.as_ref().map(|c| (c.to_string(), p.1)))
                        .collect()
                })
                .collect(),
        )
    }
}

/// Each cell's lines (parted where the page draws a break), trimmed, empty ones
/// left out.
fn cell_lines(pieces: &[(String, u32, Vec<u32>)]) -> Vec<Vec<&str>> {
    pieces
        .iter()
        .map(|(s, _, breaks)| {
            let mut at = 0usize;
            let mut v = Vec::with_capacity(breaks.len() + 1);
            for &b in breaks {
                v.push(s.get(at..b as usize).unwrap_or("").trim());
                at = b as usize;
            }
            v.push(s.get(at..).unwrap_or("").trim());
            v.retain(|p| !p.is_empty());
            v
        })
        .collect()
}

impl Table {
    pub(super) fn close_cell(&mut self) {
        if let Some(c) = self.cell.take() {
            match self.rows.last_mut() {
                Some(r) => r.push(c),
                None => self.rows.push(vec![c]),
            }
        }
    }
}
