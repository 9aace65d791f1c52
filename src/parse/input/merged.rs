//! Merged cells written at every place they cover: python-docx's `row.cells` (a
//! common way to dump a Word file's tables) gives a merged cell once per grid
//! column it spans, so a row of TAB-separated cells repeats a header or a label
//! (`行政诉讼\t行政诉讼\t…` ten times, `三、本年度办理结果` down the side). The text is
//! read again with each run of equal cells that hold words written once. Runs of
//! equal numbers stay: two equal counts side by side are common, and whether a
//! repeated number is one merged cell or two cells is not known (the row keeps more
//! numbers than columns and stays unread). Lines are kept one for one, so every
//! cell keeps its line.

use super::html::Page;

/// Whether a cell holds words (a Chinese character or a letter), not a number and
/// not the mark of an empty cell (`无`, `空`: a row of empty cells marked so is a
/// run of equal cells too, each a cell of its own).
fn wordy(cell: &str) -> bool {
    cell.chars().any(|c| c.is_alphabetic())
        && crate::model::value::parse_cell(cell) == crate::model::value::CellValue::Text
}

/// The line with each run of equal word cells written once; `None` when it has
/// no such run.
fn collapse(line: &str) -> Option<String> {
    if !line.contains('\t') {
        return None;
    }
    let mut out: Vec<&str> = Vec::new();
    let mut changed = false;
    for cell in line.split('\t') {
        if let Some(&prev) = out.last() {
            if prev == cell && !cell.trim().is_empty() && wordy(cell) {
                changed = true;
                continue;
            }
        }
        out.push(cell);
    }
    changed.then(|| out.join("\t"))
}

/// Whether some line repeats a word cell right after itself (a quick look before
/// the line pass).
pub(crate) fn has_repeated_cells(text: &str) -> bool {
    // Asked of every text not read whole (issue 13's 20,000 reports: all of
    // them), so it builds no line and visits the TABs alone (found by memchr): a
    // loop over every byte, then over every TAB and line end, was 4.8%, then 3%,
    // of a run's instructions on that tree (callgrind), which has 400 lines and
    // 300 TABs a report. The cell a TAB closes starts after the TAB or line end
    // before it (a short way back); the cell after the TAB is the same when the
    // same bytes follow it and a TAB, a line end or the text's end closes them.
    let b = text.as_bytes();
    for t in memchr::memchr_iter(b'\t', b) {
        let start = b[..t]
            .iter()
            .rposition(|&c| c == b'\t' || c == b'\n')
            .map_or(0, |p| p + 1);
        let cell = &b[start..t];
        let after = t + 1 + cell.len();
        if b.get(t + 1..after) != Some(cell) || !matches!(b.get(after), None | Some(b'\t' | b'\n'))
        {
            continue;
        }
        // Both ends are at ASCII bytes (a TAB, a line end, the text's start).
        let Some(cell) = text.get(start..t) else {
            continue;
        };
        if !cell.trim().is_empty() && wordy(cell) {
            return true;
        }
    }
    false
}

/// The text with repeated merged cells written once, line for line, as a [`Page`]
/// whose origins map each line to its own; `None` when no line changed.
pub(crate) fn collapse_repeated_cells(text: &str) -> Option<Page> {
    super::rewrite_lines(text, collapse)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_word_cells_are_written_once() {
        assert_eq!(
            collapse("行政诉讼\t行政诉讼\t行政诉讼").as_deref(),
            Some("行政诉讼")
        );
        assert_eq!(
            collapse("三、本年度办理结果\t（三）不予公开\t（三）不予公开\t1.属于国家秘密\t3\t3\t0")
                .as_deref(),
            Some("三、本年度办理结果\t（三）不予公开\t1.属于国家秘密\t3\t3\t0")
        );
        // Equal numbers, empty cells and marks of empty cells side by side stay.
        assert_eq!(collapse("规章\t19\t19"), None);
        assert_eq!(collapse("总计\t2\t无\t无\t无"), None);
        assert_eq!(collapse("规章\t空\t空"), None);
        assert_eq!(collapse("规章\t\t\t1"), None);
        assert_eq!(collapse("规章 规章"), None);
        let page = collapse_repeated_cells("a\n总计\t总计\t1\nb\n").expect("changed");
        assert_eq!(page.text, "a\n总计\t1\nb\n");
        assert_eq!(page.origins.len(), 3);
        assert!(collapse_repeated_cells("a\tb\n").is_none());
    }

    /// The quick look agrees with a look at every line's cells, pair by pair.
    #[test]
    fn quick_look_finds_what_the_lines_hold() {
        let by_lines = |t: &str| {
            t.split('\n').any(|l| {
                let cells: Vec<&str> = l.split('\t').collect();
                cells
                    .windows(2)
                    .any(|w| w[0] == w[1] && !w[0].trim().is_empty() && wordy(w[0]))
            })
        };
        for t in [
            "",
            "\t",
            "总计\t总计",
            "总计\t总计\t1",
            "a\n总计\t总计\n",
            "总计\t总计x",
            "x总计\t总计",
            "总计\n总计",
            "规章\t19\t19",
            "规章\t\t\t1",
            "规章 规章",
            "\t规章\t规章",
            "规章\t规章\r\n",
            "规章\r\t规章\r\n",
            "a\tb\tb",
            "a\tb\tbb\n",
            "  \t  \n",
            "1\t2\n3\t4\t4\n",
        ] {
            assert_eq!(has_repeated_cells(t), by_lines(t), "{t:?}");
        }
    }
}
