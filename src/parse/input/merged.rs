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

/// Whether a cell holds words (a Chinese character or a letter), not a number.
fn wordy(cell: &str) -> bool {
    cell.chars().any(|c| c.is_alphabetic())
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
    // them): cell by cell without building the line (building it was 8% of a run's
    // instructions, callgrind).
    // One pass over the bytes: a cell ends at a TAB or a line's end, and only a
    // cell that a TAB ended has one after it on its line to compare with.
    let b = text.as_bytes();
    let mut prev: Option<(usize, usize)> = None;
    let mut start = 0;
    for (i, &c) in b
        .iter()
        .enumerate()
        .chain(std::iter::once((b.len(), &b'\n')))
    {
        if c != b'\t' && c != b'\n' {
            continue;
        }
        if let Some((ps, pe)) = prev {
            let cell = &text[start..i];
            if pe - ps == i - start
                && &text[ps..pe] == cell
                && !cell.trim().is_empty()
                && wordy(cell)
            {
                return true;
            }
        }
        prev = (c == b'\t').then_some((start, i));
        start = i + 1;
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
        // Equal numbers and empty cells side by side stay.
        assert_eq!(collapse("规章\t19\t19"), None);
        assert_eq!(collapse("规章\t\t\t1"), None);
        assert_eq!(collapse("规章 规章"), None);
        let page = collapse_repeated_cells("a\n总计\t总计\t1\nb\n").expect("changed");
        assert_eq!(page.text, "a\n总计\t1\nb\n");
        assert_eq!(page.origins.len(), 3);
        assert!(collapse_repeated_cells("a\tb\n").is_none());
    }
}
