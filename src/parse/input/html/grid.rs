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
                let (s, line) = c.text.take().unwrap_or((String::new(), c.tag_line));
                numbers |= s.bytes().any(|b| b.is_ascii_digit());
                pieces.push((s, line));
            }
            if !pieces.is_empty() {
                out.push(pieces);
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
