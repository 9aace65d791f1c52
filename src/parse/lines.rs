//! Byte offset → 1-based line number, for the `line` columns. Built once per report
//! in one pass over the text.

/// The start offset of every line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// The line of the last look-up: the stages ask in text order, so the answer
    /// is usually that line or the next.
    hint: std::cell::Cell<usize>,
    /// The totals of the page markers of the shape `3/8` (a page of a total)
    /// the text prints: two lines or more of that shape, with one total and
    /// different pages. A report's footer is on every page; one such line alone,
    /// in a table whose empty cells are marked `/`, is a row (`3 / 8`: 3, none,
    /// 8), and so is one of another total where the text prints markers.
    slash_totals: Vec<u32>,
    /// Lines a converter printed on several pages, the report's title at the
    /// head of each (`东新街道2020年政府信息公开工作年度报告`): trimmed, each
    /// once; empty in most texts. See [`running_headers`].
    running: Vec<Box<str>>,
}

/// The running headers of `text`: lines that name a 年度报告, short and no
/// sentence (no `。`), printed twice or more. A PDF's page header repeats the
/// title on every page; between two pages of a table it stands among the rows.
/// A header wrapped over two lines (`沐阳县人民政府 2025 年 政府信息公开工作年` /
/// `度报告`, or `2024年政府信息公开工作` / `年度报告`) is two: the pair of lines,
/// the first with some Han text, that together name a 年度报告 and stand so
/// together twice or more. The first line alone names none, and holds the year.
fn running_headers(text: &str) -> Vec<Box<str>> {
    // Built once: a searcher's set-up costs more than the search of a report.
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    let finder = FINDER.get_or_init(|| memchr::memmem::Finder::new("报告".as_bytes()));
    let bytes = text.as_bytes();
    let short = |l: &str| l.chars().count() <= 60 && !l.contains('。');
    let mut seen: Vec<&str> = Vec::new();
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    let mut running: Vec<Box<str>> = Vec::new();
    let add = |running: &mut Vec<Box<str>>, l: &str| {
        if !running.iter().any(|r| r.as_ref() == l) {
            running.push(l.into());
        }
    };
    let mut next = 0usize;
    for at in finder.find_iter(bytes) {
        if at < next {
            continue;
        }
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        next = end;
        let Some(line) = text.get(start..end).map(str::trim) else {
            continue;
        };
        if !short(line) {
            continue;
        }
        let whole = line.contains("年度报告");
        if whole {
            if seen.contains(&line) {
                add(&mut running, line);
            } else {
                seen.push(line);
            }
        }
        // The line before, when this one may end a wrapped title.
        let bare = line.trim_start_matches(['#', ' ']);
        if !(whole || bare.starts_with("度报告") || bare.starts_with("报告")) || start == 0 {
            continue;
        }
        let pstart = memchr::memrchr(b'\n', &bytes[..start - 1]).map_or(0, |i| i + 1);
        let Some(prev) = text.get(pstart..start - 1).map(str::trim) else {
            continue;
        };
        if prev.is_empty()
            || prev.contains("年度报告")
            || !prev.chars().any(crate::parse::layout::is_han)
            || !short(prev)
        {
            continue;
        }
        let mut joined = String::with_capacity(prev.len() + bare.len());
        joined.push_str(prev.trim_end());
        joined.push_str(bare);
        if !short(&joined) || !joined.contains("年度报告") {
            continue;
        }
        if pairs.contains(&(prev, line)) {
            add(&mut running, prev);
            add(&mut running, line);
        } else {
            pairs.push((prev, line));
        }
    }
    running
}

/// The totals `text` prints page markers of the shape `3/8` with: two lines or
/// more with the same total and different pages. Only the lines that hold a `/`
/// are looked at.
fn slash_pages(text: &str) -> Vec<u32> {
    let bytes = text.as_bytes();
    let mut seen: Vec<(u32, u32)> = Vec::new();
    let mut totals: Vec<u32> = Vec::new();
    let mut next = 0usize;
    for at in memchr::memchr_iter(b'/', bytes) {
        if at < next {
            continue;
        }
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        next = end;
        let Some((page, total)) = text
            .get(start..end)
            .and_then(crate::parse::pages::slash_page)
        else {
            continue;
        };
        if seen.iter().any(|&(p, t)| t == total && p != page) && !totals.contains(&total) {
            totals.push(total);
        }
        seen.push((page, total));
    }
    totals
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
        starts.push(0);
        // Eight bytes at a time: a word's line breaks are found exactly (the test
        // below carries nothing from one byte into the next) and taken lowest
        // first. memchr's iterator was a call of about 110 instructions per line,
        // more than the line in table regions (4% of dongxin-2020's parse,
        // callgrind); this is about 9 a word and 4 a break.
        const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
        const NL: u64 = 0x0a0a_0a0a_0a0a_0a0a;
        let mut words = bytes.chunks_exact(8);
        let mut base = 0usize;
        for w in words.by_ref() {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            // A byte of `x` is zero where the text has a break; its top bit of
            // `nonzero` is set for every other byte.
            let x = u64::from_le_bytes(word) ^ NL;
            let nonzero = ((x & LOW7) + LOW7) | x;
            let mut breaks = !nonzero & !LOW7;
            while breaks != 0 {
                let at = base + (breaks.trailing_zeros() / 8) as usize;
                starts.push(at + 1);
                breaks &= breaks - 1;
            }
            base += 8;
        }
        for (i, &b) in words.remainder().iter().enumerate() {
            if b == b'\n' {
                starts.push(base + i + 1);
            }
        }
        LineIndex {
            starts,
            hint: std::cell::Cell::new(0),
            slash_totals: slash_pages(text),
            running: running_headers(text),
        }
    }

    /// Whether `line` is one of the text's running headers (the report's title
    /// printed again at the head of a page, see [`running_headers`]).
    pub fn is_running_header(&self, line: &str) -> bool {
        !self.running.is_empty() && {
            let t = line.trim();
            self.running.iter().any(|r| r.as_ref() == t)
        }
    }

    /// Whether lines of the shape `3/8` are page markers in this text (see
    /// the field's comment).
    pub fn slash_pages(&self) -> bool {
        !self.slash_totals.is_empty()
    }

    /// Whether `line`, a page marker of the shape `3/8` or another shape, is one
    /// of this text's: a `3/8` of a total its markers print (see
    /// [`LineIndex::slash_pages`]); any other shape, yes.
    pub fn slash_total_ok(&self, line: &str) -> bool {
        crate::parse::pages::slash_page(line).is_none_or(|(_, t)| self.slash_totals.contains(&t))
    }

    /// The lines of `text[start..end]` with their offsets, as [`lines_in`] gives
    /// them, from the breaks already found (`text` is the text this index was built
    /// on): table regions have a line every few bytes, where a search per line
    /// costs more than the line.
    pub fn lines<'s, 't: 's>(
        &'s self,
        text: &'t str,
        start: usize,
        end: usize,
    ) -> impl Iterator<Item = (usize, &'t str)> + 's {
        let end = if end > start && text.as_bytes().get(end - 1) == Some(&b'\n') {
            end - 1
        } else {
            end
        };
        // The first line start after `start`: the break before it ends the line.
        let mut k = self.starts.partition_point(|&s| s <= start);
        let mut pos = Some(start);
        std::iter::from_fn(move || {
            let from = pos?;
            let brk = self.starts.get(k).map_or(usize::MAX, |&s| s - 1);
            k += 1;
            if brk >= end {
                pos = None;
                return Some((from, text.get(from..end).unwrap_or("")));
            }
            pos = Some(brk + 1);
            Some((from, text.get(from..brk).unwrap_or("")))
        })
    }

    /// How many lines start in `text[start..end]`, plus one: an upper bound on
    /// the lines [`LineIndex::lines`] gives, to size a region's cell list once.
    pub fn count_in(&self, start: usize, end: usize) -> usize {
        let a = self.starts.partition_point(|&s| s <= start);
        let b = self.starts.partition_point(|&s| s < end);
        b.saturating_sub(a) + 1
    }

    /// The 1-based line holding byte `offset`.
    // Asked for every cell and token; with several codegen units the compiler
    // inlines it across modules only when told it may (it had stopped doing so:
    // a call of some 30 instructions for each cell, callgrind).
    #[inline]
    pub fn line_of(&self, offset: usize) -> u32 {
        // Forward from the last answer first: cells are asked for in text order,
        // a few lines apart (blank lines between cells, wrapped labels).
        let h = self.hint.get();
        if self.starts.get(h).is_some_and(|&s| s <= offset) {
            let ahead = self.starts.get(h + 1..).unwrap_or(&[]);
            if let Some(k) = ahead.iter().take(8).position(|&n| offset < n) {
                self.hint.set(h + k);
                return (h + k) as u32 + 1;
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

    /// A line naming a 年度报告 printed twice or more (a page header) is a running
    /// header wherever it stands; printed once (the title), or in a sentence, not.
    #[test]
    fn running_headers_are_lines_printed_on_several_pages() {
        let title = "东新街道2020年政府信息公开工作年度报告";
        let text = format!("{title}\n一、总体情况\n规章\n1\n  {title}\n0\n{title}\n");
        let li = LineIndex::new(&text);
        assert!(li.is_running_header(title));
        assert!(li.is_running_header(&format!("\t{title} ")));
        assert!(!li.is_running_header("规章"));
        let once = LineIndex::new(&format!("{title}\n规章\n1\n"));
        assert!(!once.is_running_header(title));
        let sentence = "本年度报告数据统计期限为2020年1月1日至12月31日。";
        let twice = LineIndex::new(&format!("{sentence}\n{sentence}\n"));
        assert!(!twice.is_running_header(sentence));
    }

    /// A title wrapped over two lines on every page is two running headers: the
    /// first line (with the year) names no 年度报告 itself. Printed once, or
    /// after a number rather than text, neither line is one.
    #[test]
    fn a_wrapped_running_header_is_both_its_lines() {
        for (a, b) in [
            ("# 沐阳县人民政府 2025 年 政府信息公开工作年", "度报告"),
            ("2024 年政府信息公开工作", "年度报告"),
            ("淮安市人民政府", "2024年政府信息公开工作年度报告"),
        ] {
            let text = format!("标题\n规章\n0\n{a}\n{b}\n1\n\u{c}{a}\n{b}\n2\n");
            let li = LineIndex::new(&text);
            assert!(li.is_running_header(a), "{a}");
            assert!(li.is_running_header(b), "{b}");
            assert!(!li.is_running_header("规章"));
            let once = LineIndex::new(&format!("{a}\n{b}\n规章\n1\n"));
            assert!(!once.is_running_header(a), "{a}");
        }
        // A number before the header is a row's, not the header's.
        let text = "规章\n2024\n年度报告\n1\n2024\n年度报告\n";
        let li = LineIndex::new(text);
        assert!(!li.is_running_header("2024"));
        // Neither is a line that only goes on from a sentence.
        let text = "规章\n本机关编制了本\n报告。\n本机关编制了本\n报告。\n";
        assert!(!LineIndex::new(text).is_running_header("本机关编制了本"));
    }

    /// `3/8` is a page marker where the text prints it on two pages or more
    /// with one total; alone, or twice the same page, it is not.
    #[test]
    fn slash_page_markers_need_two_pages_of_one_total() {
        assert!(LineIndex::new("正文\n1/8\n表\n 2 / 8 \n").slash_pages());
        assert!(LineIndex::new("规章\n３/８\n表\n4/8").slash_pages());
        assert!(!LineIndex::new("规章\n/ / /\n3 / 8\n").slash_pages());
        assert!(!LineIndex::new("3/8\n3/8\n").slash_pages());
        assert!(!LineIndex::new("1/8\n2/9\n9/8\n").slash_pages());
        assert!(!LineIndex::new("http://a.gov.cn/1/8\n2/8 行\n").slash_pages());
        // A row `3 / 8` (3, none, 8) among markers of another total stays a row.
        let li = LineIndex::new("规章\n/ / /\n3 / 8\n1/37\n正文\n2/37\n");
        assert!(li.slash_pages());
        assert!(li.slash_total_ok("1/37") && li.slash_total_ok("- 3 -"));
        assert!(!li.slash_total_ok("3 / 8"));
    }

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

    /// The same line whatever the order of the questions (the hint is only a
    /// shortcut): forward, backward and jumping, near and far.
    #[test]
    fn line_of_in_any_order() {
        let t = "a\n\n\nbb\n\n规章\n\n\n\n\n\n\n\n\n\n\n29\nx";
        let naive = |o: usize| 1 + t.as_bytes()[..o].iter().filter(|&&b| b == b'\n').count() as u32;
        let li = LineIndex::new(t);
        let mut order: Vec<usize> = (0..t.len()).collect();
        order.extend((0..t.len()).rev());
        order.extend((0..t.len()).map(|i| (i * 7) % t.len()));
        for o in order {
            assert_eq!(li.line_of(o), naive(o), "offset {o}");
        }
    }

    /// Every break found, none invented, at every alignment, beside bytes that
    /// differ from a break in one bit (U+000B) or in the top bit (0x8A, the last
    /// byte of U+028A).
    #[test]
    fn line_starts_match_a_byte_loop() {
        let pieces = ["\n", "\u{b}", "a", "规", "\n\u{b}", "\t", "\n\n", "\u{28a}"];
        let mut seed = 7u64;
        for len in 0..200 {
            let mut t = String::new();
            for _ in 0..len {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let mut want = vec![0];
            want.extend(
                t.bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == b'\n')
                    .map(|(i, _)| i + 1),
            );
            assert_eq!(LineIndex::new(&t).starts, want, "{t:?}");
        }
    }

    /// The index's lines are [`lines_in`]'s, for every region of texts with
    /// empty lines, a trailing break or none, and multi-byte characters.
    #[test]
    fn index_lines_match_lines_in() {
        for t in [
            "",
            "\n",
            "a",
            "a\n",
            "a\nbb\n\nc",
            "规章\n\n29项\n",
            "\n\n规\n",
        ] {
            let li = LineIndex::new(t);
            for start in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                for end in (start..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                    let want: Vec<_> = lines_in(t, start, end).collect();
                    let got: Vec<_> = li.lines(t, start, end).collect();
                    assert_eq!(got, want, "{t:?} {start}..{end}");
                }
            }
        }
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
