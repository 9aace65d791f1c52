//! Byte offset → 1-based line number, for the `line` columns. Built once per report
//! in one pass over the text.

/// The start offset of every line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// The line of the last look-up: the stages ask in text order, so the answer
    /// is usually that line or the next.
    hint: std::cell::Cell<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        // A plain loop: table regions hold a line break every few bytes, where
        // memchr's set-up per match costs more than it saves.
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        LineIndex {
            starts,
            hint: std::cell::Cell::new(0),
        }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> u32 {
        let h = self.hint.get();
        for i in [h, h + 1] {
            if self.starts.get(i).is_some_and(|&s| s <= offset)
                && self.starts.get(i + 1).is_none_or(|&n| offset < n)
            {
                self.hint.set(i);
                return i as u32 + 1;
            }
        }
        let i = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        self.hint.set(i);
        i as u32 + 1
    }

    /// The byte offset where 1-based line `line` starts.
    pub fn start_of(&self, line: u32) -> usize {
        self.starts
            .get(line.saturating_sub(1) as usize)
            .copied()
            .unwrap_or(usize::MAX)
    }

    pub fn count(&self) -> usize {
        self.starts.len()
    }
}

/// The lines of `text[start..end]` with their byte offsets, without the `\n`.
pub fn lines_in(text: &str, start: usize, end: usize) -> impl Iterator<Item = (usize, &str)> {
    let region = &text[start..end];
    let region = region.strip_suffix('\n').unwrap_or(region);
    let mut pos = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let rest = &region[pos..];
        let line = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(i) => &rest[..i],
            None => {
                done = true;
                rest
            }
        };
        let o = start + pos;
        pos += line.len() + 1;
        Some((o, line))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers() {
        let t = "a\nbb\n\nc";
        let li = LineIndex::new(t);
        assert_eq!(li.line_of(0), 1);
        assert_eq!(li.line_of(2), 2);
        assert_eq!(li.line_of(5), 3);
        assert_eq!(li.line_of(6), 4);
        assert_eq!(li.start_of(4), 6);
    }

    #[test]
    fn lines_of_region() {
        let t = "a\nbb\n\nc";
        let v: Vec<_> = lines_in(t, 0, t.len()).collect();
        assert_eq!(v, vec![(0, "a"), (2, "bb"), (5, ""), (6, "c")]);
        let v: Vec<_> = lines_in(t, 2, 5).collect();
        assert_eq!(v, vec![(2, "bb")]);
    }
}
