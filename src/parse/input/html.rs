//! An HTML page → the text the parser reads, with the source line of every line and
//! cell of that text.
//!
//! The bytes are decoded as a browser decides (byte-order mark, then `<meta charset>` or
//! `<meta http-equiv="Content-Type" content="…; charset=…">`, else sniffed: UTF-8 when
//! the bytes are UTF-8, GB18030 otherwise; bytes that are valid UTF-8 with Chinese in
//! them are read as UTF-8 whatever the page declares, with a note), then read by
//! html5ever's tokenizer. A
//! tokenizer, not a tree builder, because it tells the source line of every token and
//! because a table can be built from its tags alone:
//!
//! - A table with no table inside it is a data table: its cells are laid out on a grid
//!   (rowspan and colspan as a browser places them), and each grid row becomes one line
//!   of TAB-separated cells holding the cells that start on that row (a merged cell is
//!   written once, on its first row, as a browser's copy of the table gives it). An
//!   empty cell, or one holding only `&nbsp;`, is an empty field: a blank cell.
//!   (Measured against the two other ways, every grid position a field with a merged
//!   cell's continuations empty or repeating its text: all three read every cell of
//!   the 8 fixture pages right, 1,592 cells; this one keeps each row's line the line of
//!   its own first cell, and writes no empty fields that look like blank cells.)
//!   Paragraphs and `<br>` inside a cell are joined into one line.
//! - A table with a table inside it lays out the page (old sites put the whole page in
//!   one): its cells are read as text, and the tables inside them as tables.
//! - Everything else is text: one line per paragraph (block element).
//!
//! Sites wrap the report in a header, navigation, an information table (索引号,
//! 发布机构, 发布日期, 文号) and a footer. The article body is the smallest element
//! (div, td, article, section, …) that holds the first section heading and the last
//! table or heading; the title is taken from before it when the body does not hold it.
//! The information table is read wherever it is.

use std::cell::RefCell;

use encoding_rs::{Encoding, GB18030, UTF_8};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::LocalName;

/// A page turned into text.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub text: String,
    /// `utf-8`, `gbk`, `gb18030`, … (WHATWG names, lower case).
    pub encoding: &'static str,
    /// Where each line and each table cell of `text` starts, with its line in the
    /// HTML source: (byte offset in `text`, source line), offsets ascending.
    pub origins: Vec<(u32, u32)>,
    /// What the information table says.
    pub info: Info,
    /// Data tables that hold at least one number.
    pub number_tables: usize,
    /// Images in the article body (tables published as pictures).
    pub body_images: usize,
    /// Kinds of document the page links to (`pdf`, `doc`, `docx`, `wps`, …), in the
    /// order first linked: where the report may be when the page holds none.
    pub attachments: Vec<&'static str>,
    /// Anything worth a diagnostic about how the page was read: (source line, text).
    pub notes: Vec<(u32, String)>,
}

/// The information table of a page (信息公开目录 header).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Info {
    /// 发布机构 (or 发文机关, 发布单位), with its source line.
    pub issuer: Option<(String, u32)>,
    /// 发布日期 (or 公开日期, 发布时间), with its source line.
    pub published: Option<((u16, u8, u8), u32)>,
}

impl Page {
    /// The source line of the text at byte `offset` (0 when nothing is known).
    pub fn source_line_at(&self, offset: usize) -> u32 {
        let i = self.origins.partition_point(|&(o, _)| o as usize <= offset);
        i.checked_sub(1).map_or(0, |i| self.origins[i].1)
    }
}

/// How the bytes were decoded.
fn decode(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, &'static str, Vec<(u32, String)>) {
    let mut notes = Vec::new();
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (text, name_of(enc), notes);
    }
    let declared = declared_encoding(bytes);
    let utf8 = simdutf8::basic::from_utf8(bytes).is_ok();
    let enc = match declared {
        // A page that says UTF-16 without a byte-order mark is read as UTF-8 (WHATWG).
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => UTF_8,
        Some(e) => e,
        None if utf8 => UTF_8,
        None => GB18030,
    };
    // A page whose bytes are all valid UTF-8, Chinese included, is UTF-8 whatever it
    // declares (a browser would show it garbled; GBK text is almost never valid
    // UTF-8 by chance).
    if utf8 && enc != UTF_8 && !bytes.is_ascii() {
        notes.push((
            0,
            format!(
                "the page declares the encoding {} but its bytes are UTF-8: it was read as UTF-8",
                name_of(enc)
            ),
        ));
        return (String::from_utf8_lossy(bytes), "utf-8", notes);
    }
    let (text, errors) = enc.decode_without_bom_handling(bytes);
    if errors {
        notes.push((
            0,
            format!(
                "some bytes are not valid {}: they were replaced by U+FFFD",
                name_of(enc)
            ),
        ));
    }
    (text, name_of(enc), notes)
}

fn name_of(enc: &'static Encoding) -> &'static str {
    match enc.name() {
        "UTF-8" => "utf-8",
        "GBK" => "gbk",
        "gb18030" => "gb18030",
        "Big5" => "big5",
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        other => other,
    }
}

/// The encoding a `<meta>` in the first 16 KiB declares, read with the same tokenizer
/// (the bytes decoded one byte per character, as the WHATWG prescan reads them).
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let mut head = &bytes[..bytes.len().min(16 * 1024)];
    // A declaration stands in the head: the bytes before `<body` (either case).
    for body in [&b"<body"[..], b"<BODY", b"<Body"] {
        if let Some(i) = memchr::memmem::find(head, body) {
            head = &head[..i];
        }
    }
    let has_meta = [&b"<meta"[..], b"<META", b"<Meta"]
        .iter()
        .any(|m| memchr::memmem::find(head, m).is_some());
    if !has_meta {
        return None;
    }
    let (latin, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(head);
    let sink = MetaSink::default();
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let q = BufferQueue::default();
    q.push_back(StrTendril::from_slice(&latin));
    let _ = tok.feed(&q);
    tok.end();
    tok.sink.found.into_inner()
}

#[derive(Default)]
struct MetaSink {
    found: RefCell<Option<&'static Encoding>>,
    done: std::cell::Cell<bool>,
}

impl TokenSink for MetaSink {
    type Handle = ();
    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if self.done.get() {
            return TokenSinkResult::Continue;
        }
        if let Token::TagToken(tag) = token {
            if tag.kind != TagKind::StartTag {
                return TokenSinkResult::Continue;
            }
            match &*tag.name {
                "meta" => {
                    if let Some(e) = meta_charset(&tag) {
                        *self.found.borrow_mut() = Some(e);
                        self.done.set(true);
                    }
                }
                "body" => self.done.set(true),
                "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                "style" => return TokenSinkResult::RawData(RawKind::Rawtext),
                "title" => return TokenSinkResult::RawData(RawKind::Rcdata),
                _ => {}
            }
        }
        TokenSinkResult::Continue
    }
}

fn attr<'t>(tag: &'t Tag, name: &str) -> Option<&'t str> {
    tag.attrs
        .iter()
        .find(|a| (*a.name.local).eq_ignore_ascii_case(name))
        .map(|a| &*a.value)
}

/// `<meta charset=gb2312>`, or `<meta http-equiv="Content-Type" content="…charset=gb2312">`.
fn meta_charset(tag: &Tag) -> Option<&'static Encoding> {
    if let Some(cs) = attr(tag, "charset") {
        return Encoding::for_label(cs.trim().as_bytes());
    }
    let equiv = attr(tag, "http-equiv")?;
    if !equiv.trim().eq_ignore_ascii_case("content-type") {
        return None;
    }
    charset_in_content(attr(tag, "content")?)
}

/// The WHATWG "extract a character encoding from a meta element" steps.
fn charset_in_content(content: &str) -> Option<&'static Encoding> {
    let lower = content.to_ascii_lowercase();
    let mut from = 0;
    loop {
        let at = from + lower[from..].find("charset")?;
        let mut rest = lower[at + 7..].trim_start();
        if let Some(r) = rest.strip_prefix('=') {
            rest = r.trim_start();
            let value = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => rest[1..].split(q).next()?,
                Some(_) => rest
                    .split(|c: char| c.is_ascii_whitespace() || c == ';')
                    .next()?,
                None => return None,
            };
            return Encoding::for_label(value.as_bytes());
        }
        from = at + 7;
    }
}

/// Reads a page.
pub fn read(bytes: &[u8]) -> Page {
    let (text, encoding, mut notes) = decode(bytes);
    let sink = Sink {
        b: RefCell::new(Builder::default()),
    };
    let tok = Tokenizer::new(
        sink,
        TokenizerOpts {
            discard_bom: true,
            ..TokenizerOpts::default()
        },
    );
    let q = BufferQueue::default();
    q.push_back(StrTendril::from_slice(&text));
    drop(text);
    let _ = tok.feed(&q);
    tok.end();
    let mut b = tok.sink.b.into_inner();
    b.finish();
    let mut page = b.render();
    page.encoding = encoding;
    notes.append(&mut page.notes);
    page.notes = notes;
    page
}

struct Sink {
    b: RefCell<Builder>,
}

impl TokenSink for Sink {
    type Handle = ();
    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        let mut b = self.b.borrow_mut();
        match token {
            Token::CharacterTokens(t) => b.text(&t, line),
            Token::TagToken(tag) => return b.tag(&tag, line),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// One line of the text to be: a paragraph, a table row, or an empty line.
#[derive(Debug, Clone)]
struct Block {
    /// The paragraph (one piece) or the row's cells, each with its source line.
    pieces: Vec<(String, u32)>,
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Para,
    /// A row of a data table; `true` when the table holds a number.
    Row(bool),
    Gap,
}

/// Text being gathered, whitespace collapsed as a browser shows it.
#[derive(Debug, Default)]
struct Text {
    s: String,
    /// The source line of the first character.
    line: u32,
    /// Whitespace seen after the last character: 0 none, 1 spaces, 2 a line break.
    pending: u8,
}

impl Text {
    fn push(&mut self, t: &str, end_line: u32) {
        // The token ends on `end_line`: count back the line breaks it holds.
        let mut line = end_line.saturating_sub(t.matches('\n').count() as u32);
        for c in t.chars() {
            match c {
                '\n' => {
                    line += 1;
                    self.pending = 2;
                }
                ' ' | '\t' | '\r' | '\u{a0}' | '\u{0c}' => self.pending = self.pending.max(1),
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' => {}
                c if c.is_control() => self.pending = self.pending.max(1),
                c => {
                    if self.s.is_empty() {
                        self.line = line;
                    } else if self.pending > 0 {
                        let wide = |c: char| !c.is_ascii();
                        // A line break between two Chinese characters is no space.
                        let prev = self.s.chars().next_back().unwrap_or(' ');
                        if !(self.pending == 2 && wide(prev) && wide(c)) {
                            self.s.push(' ');
                        }
                    }
                    self.pending = 0;
                    self.s.push(c);
                }
            }
        }
    }

    /// A block boundary inside a cell: like a line break.
    fn brk(&mut self) {
        if !self.s.is_empty() {
            self.pending = 2;
        }
    }

    fn take(&mut self) -> Option<(String, u32)> {
        self.pending = 0;
        if self.s.is_empty() {
            return None;
        }
        Some((std::mem::take(&mut self.s), self.line))
    }
}

#[derive(Debug)]
struct CellB {
    text: Text,
    tag_line: u32,
    rs: u32,
    cs: u32,
}

#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<CellB>>,
    cell: Option<CellB>,
    in_row: bool,
    /// Holds a table: read as text.
    layout: bool,
    in_caption: bool,
}

#[derive(Debug, Default)]
struct Builder {
    blocks: Vec<Block>,
    para: Text,
    tables: Vec<Table>,
    /// Open elements that may hold the article: (name, first block).
    open: Vec<(LocalName, usize)>,
    /// Closed ones: (first block, end block).
    spans: Vec<(usize, usize)>,
    /// Inside script, style, title (raw text) or another element whose text is not
    /// shown: its name.
    raw: Option<String>,
    hidden: Vec<String>,
    title: Text,
    /// Block index at each image.
    images: Vec<usize>,
    /// Kinds of attached file linked from the page (`pdf`, `doc`, …).
    attachments: Vec<&'static str>,
}

/// The kind of document a link leads to, by the extension of its path.
fn attachment(href: &str) -> Option<&'static str> {
    let path = href.split(['?', '#']).next()?;
    let ext = path.rsplit_once('.')?.1;
    ["pdf", "doc", "docx", "wps", "ofd", "xls", "xlsx", "et"]
        .into_iter()
        .find(|k| ext.eq_ignore_ascii_case(k))
}

/// `hidden`, or `style="…display:none…"`.
fn is_hidden(tag: &Tag) -> bool {
    tag.attrs.iter().any(|a| {
        let n: &str = &a.name.local;
        n.eq_ignore_ascii_case("hidden")
            || (n.eq_ignore_ascii_case("style")
                && a.value
                    .as_bytes()
                    .windows(4)
                    .any(|w| w.eq_ignore_ascii_case(b"none"))
                && {
                    let v: String = a
                        .value
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect::<String>()
                        .to_ascii_lowercase();
                    v.contains("display:none")
                })
    })
}

/// Elements that have no end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements that may hold the article.
fn is_container(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "article"
            | "section"
            | "main"
            | "body"
            | "center"
            | "form"
            | "td"
            | "th"
            | "table"
            | "tbody"
            | "font"
            | "span"
    )
}

/// Elements that end a paragraph (a line break inside a cell).
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "main"
            | "aside"
            | "blockquote"
            | "pre"
            | "hr"
            | "form"
            | "center"
            | "address"
            | "figure"
            | "figcaption"
            | "body"
            | "html"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "caption"
    )
}

impl Builder {
    fn text(&mut self, t: &str, line: u32) {
        if self.raw.is_some() {
            if self.raw.as_deref() == Some("title") {
                self.title.push(t, line);
            }
            return;
        }
        if !self.hidden.is_empty() {
            return;
        }
        match self.tables.last_mut() {
            Some(tb) if !tb.layout && !tb.in_caption => match &mut tb.cell {
                Some(c) => c.text.push(t, line),
                // Text between cells: a browser shows it before the table.
                None => {
                    if !t.trim().is_empty() {
                        self.para.push(t, line);
                    }
                }
            },
            _ => self.para.push(t, line),
        }
    }

    fn flush_para(&mut self) {
        if let Some(p) = self.para.take() {
            self.blocks.push(Block {
                pieces: vec![p],
                kind: Kind::Para,
            });
        }
    }

    /// Whether the innermost table is a data table being gathered.
    fn gathering(&self) -> bool {
        self.tables.last().is_some_and(|t| !t.layout)
    }

    fn tag(&mut self, tag: &Tag, line: u32) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        if let Some(r) = &self.raw {
            if tag.kind == TagKind::EndTag && r == name {
                self.raw = None;
            }
            return TokenSinkResult::Continue;
        }
        let start = tag.kind == TagKind::StartTag;
        // Elements whose text a reader never sees.
        if matches!(
            name,
            "script"
                | "style"
                | "title"
                | "textarea"
                | "xmp"
                | "iframe"
                | "noembed"
                | "noframes"
                | "noscript"
        ) {
            if start && !tag.self_closing {
                self.raw = Some(name.to_string());
                return TokenSinkResult::RawData(match name {
                    "script" => RawKind::ScriptData,
                    "title" | "textarea" => RawKind::Rcdata,
                    _ => RawKind::Rawtext,
                });
            }
            return TokenSinkResult::Continue;
        }
        // Elements not shown: their text is no part of the page as read (a hidden
        // copy of the article would otherwise read as a second report). Inside one,
        // elements of the same name are counted so that its own end tag ends it.
        let hides = matches!(name, "select" | "template" | "svg" | "math")
            || (start && is_hidden(tag))
            || self.hidden.last().is_some_and(|h| h == name);
        if hides && !is_void(name) {
            if start && !tag.self_closing && self.hidden.len() < MAX_DEPTH {
                self.hidden.push(name.to_string());
            } else if !start {
                if let Some(i) = self.hidden.iter().rposition(|h| h == name) {
                    self.hidden.truncate(i);
                }
            }
            return TokenSinkResult::Continue;
        }
        if !self.hidden.is_empty() {
            return TokenSinkResult::Continue;
        }
        if start {
            self.start_tag(tag, name, line);
        } else {
            self.end_tag(name);
        }
        TokenSinkResult::Continue
    }

    fn start_tag(&mut self, tag: &Tag, name: &str, line: u32) {
        match name {
            "table" => {
                if self.gathering() {
                    self.make_layout();
                }
                self.flush_para();
                self.tables.push(Table::default());
                if self.open.len() < MAX_DEPTH {
                    self.open.push((tag.name.clone(), self.blocks.len()));
                }
                return;
            }
            "tr" | "td" | "th" | "caption" | "thead" | "tbody" | "tfoot" if self.gathering() => {
                let Some(t) = self.tables.last_mut() else {
                    return;
                };
                match name {
                    "tr" => {
                        t.close_cell();
                        t.rows.push(Vec::new());
                        t.in_row = true;
                    }
                    "td" | "th" => {
                        t.close_cell();
                        if !t.in_row {
                            t.rows.push(Vec::new());
                            t.in_row = true;
                        }
                        let num = |a: &str, lo: u32, hi: u32, none: u32| {
                            attr(tag, a)
                                .map(|v| v.trim())
                                .map(|v| {
                                    let d: String =
                                        v.chars().take_while(|c| c.is_ascii_digit()).collect();
                                    d.parse::<u32>().map_or(none, |n| n.clamp(lo, hi))
                                })
                                .unwrap_or(none)
                        };
                        t.cell = Some(CellB {
                            text: Text::default(),
                            tag_line: line,
                            // rowspan 0: to the end of the table.
                            rs: num("rowspan", 0, 65534, 1),
                            cs: num("colspan", 1, 1000, 1),
                        });
                    }
                    "caption" => {
                        t.close_cell();
                        t.in_caption = true;
                    }
                    _ => {
                        t.close_cell();
                        t.in_row = false;
                    }
                }
                return;
            }
            "img" => {
                self.images.push(self.blocks.len());
                return;
            }
            "a" => {
                if let Some(ext) = attr(tag, "href").and_then(attachment) {
                    if !self.attachments.contains(&ext) {
                        self.attachments.push(ext);
                    }
                }
            }
            _ => {}
        }
        if is_block(name) {
            self.boundary();
        }
        if is_container(name) && !tag.self_closing && self.open.len() < MAX_DEPTH {
            self.open.push((tag.name.clone(), self.blocks.len()));
        }
    }

    fn end_tag(&mut self, name: &str) {
        if self.gathering() {
            if let Some(t) = self.tables.last_mut() {
                match name {
                    "td" | "th" => {
                        t.close_cell();
                        return;
                    }
                    "tr" | "thead" | "tbody" | "tfoot" => {
                        t.close_cell();
                        t.in_row = false;
                        return;
                    }
                    "caption" => {
                        t.in_caption = false;
                        self.flush_para();
                        return;
                    }
                    _ => {}
                }
            }
        }
        if name == "table" {
            if let Some(t) = self.tables.pop() {
                self.flush_para();
                if !t.layout {
                    self.emit_grid(t);
                }
            }
        } else if is_block(name) {
            self.boundary();
        }
        if is_container(name) {
            if let Some(i) = self.open.iter().rposition(|(n, _)| &**n == name) {
                let end = self.blocks.len();
                for (_, s) in self.open.drain(i..) {
                    self.spans.push((s, end));
                }
            }
        }
    }

    /// A block boundary: inside a cell being gathered, a line break in the cell;
    /// elsewhere the end of a paragraph.
    fn boundary(&mut self) {
        match self.tables.last_mut() {
            Some(t) if !t.layout => {
                if let Some(c) = &mut t.cell {
                    c.text.brk();
                }
            }
            _ => self.flush_para(),
        }
    }

    /// The innermost table holds a table: what it gathered so far becomes text.
    fn make_layout(&mut self) {
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
    fn emit_grid(&mut self, mut t: Table) {
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

    fn finish(&mut self) {
        while let Some(t) = self.tables.pop() {
            self.flush_para();
            if !t.layout {
                self.emit_grid(t);
            }
        }
        self.flush_para();
        let end = self.blocks.len();
        for (_, s) in self.open.drain(..) {
            self.spans.push((s, end));
        }
    }

    /// The article body as text.
    fn render(self) -> Page {
        let blocks = &self.blocks;
        let info = read_info(blocks);
        let para = |i: usize| {
            let b = &blocks[i];
            (b.kind == Kind::Para)
                .then(|| b.pieces.first().map(|p| p.0.as_str()))
                .flatten()
        };
        let heading = |i: usize| para(i).and_then(heading_number);
        let first = (0..blocks.len())
            .find(|&i| heading(i) == Some(1))
            .or_else(|| (0..blocks.len()).find(|&i| heading(i).is_some()))
            .or_else(|| (0..blocks.len()).find(|&i| blocks[i].kind == Kind::Row(true)));
        let mut range = 0..blocks.len();
        if let Some(first) = first {
            let last = (first..blocks.len())
                .rev()
                .find(|&i| heading(i).is_some() || blocks[i].kind == Kind::Row(true))
                .unwrap_or(first);
            if let Some(&(s, e)) = self
                .spans
                .iter()
                .filter(|&&(s, e)| s <= first && e > last)
                .min_by_key(|&&(s, e)| (e - s, std::cmp::Reverse(s)))
            {
                range = s..e;
            }
        }
        // A title names the report and is no sentence (the preamble names the
        // report's format too).
        let is_title = |t: &str| {
            crate::parse::meta::names_annual_report(t)
                && t.chars().count() <= 80
                && !t.contains(['，', '。', '《'])
        };
        let names = |i: usize| para(i).is_some_and(is_title);
        let head_end = first.unwrap_or(range.end).max(range.start);
        let mut title: Option<(String, u32)> = None;
        if !(range.start..head_end).any(names) {
            title = (0..range.start)
                .rev()
                .find(|&i| names(i))
                .and_then(|i| blocks[i].pieces.first().cloned())
                .or_else(|| {
                    let t = self.title.s.trim();
                    is_title(t).then(|| (t.to_string(), self.title.line))
                });
        }
        let body_images = self
            .images
            .iter()
            .filter(|&&i| range.contains(&i) || i == range.end)
            .count();
        let number_tables = blocks[range.clone()]
            .windows(2)
            .filter(|w| w[0].kind == Kind::Row(true) && w[1].kind == Kind::Gap)
            .count();
        let mut page = Page {
            attachments: self.attachments.clone(),
            info,
            number_tables,
            body_images,
            ..Page::default()
        };
        let mut text = String::new();
        let mut origins = Vec::new();
        let mut push_line = |pieces: &[(String, u32)], text: &mut String| {
            for (k, (s, line)) in pieces.iter().enumerate() {
                if k > 0 {
                    text.push('\t');
                }
                origins.push((text.len() as u32, *line));
                text.push_str(s);
            }
            text.push('\n');
        };
        if let Some(t) = &title {
            push_line(std::slice::from_ref(t), &mut text);
        }
        let mut last_line = title.as_ref().map_or(1, |t| t.1);
        for b in &blocks[range] {
            match b.kind {
                Kind::Gap => {
                    push_line(&[(String::new(), last_line)], &mut text);
                }
                _ => {
                    push_line(&b.pieces, &mut text);
                    last_line = b.pieces.last().map_or(last_line, |p| p.1);
                }
            }
        }
        page.text = text;
        page.origins = origins;
        page
    }
}

impl Table {
    fn close_cell(&mut self) {
        if let Some(c) = self.cell.take() {
            match self.rows.last_mut() {
                Some(r) => r.push(c),
                None => self.rows.push(vec![c]),
            }
        }
    }
}

/// `一、总体情况` → 1 (also `一 、`, `一.`).
fn heading_number(s: &str) -> Option<u8> {
    let mut it = s.trim_start().chars();
    let n = match it.next()? {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        _ => return None,
    };
    let next = it.find(|c| !matches!(c, ' ' | '\u{3000}'))?;
    matches!(next, '、' | '.' | '．' | '，').then_some(n)
}

/// The deepest nesting of elements tracked (a browser stops nesting at about 512);
/// deeper ones are read for their text but not as possible article bodies.
const MAX_DEPTH: usize = 512;

/// The widest grid laid out (official tables have 10 columns; colspan is at most
/// 1000 by the HTML standard).
const MAX_COLUMNS: usize = 4096;

/// Keys of the information table.
const ISSUER_KEYS: &[&str] = &["发布机构", "发文机关", "发布单位", "发文单位", "制发机关"];
const DATE_KEYS: &[&str] = &["发布日期", "公开日期", "发布时间"];

/// The issuer and publication date the information table gives: in a table, a label
/// cell followed by its value cell (or `label：value` in one cell); in text,
/// `label：value` pairs on one line.
fn read_info(blocks: &[Block]) -> Info {
    fn take(info: &mut Info, key: &str, value: &str, line: u32) {
        let value = value.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        if value.is_empty() {
            return;
        }
        if info.issuer.is_none() && ISSUER_KEYS.contains(&key) {
            info.issuer = Some((value.to_string(), line));
        } else if info.published.is_none() && DATE_KEYS.contains(&key) {
            if let Some(d) = parse_date(value) {
                info.published = Some((d, line));
            }
        }
    }
    let mut info = Info::default();
    for b in blocks {
        if b.kind == Kind::Gap {
            continue;
        }
        if info.issuer.is_some() && info.published.is_some() {
            break;
        }
        let mut k = 0;
        while k < b.pieces.len() {
            let (s, line) = &b.pieces[k];
            // Every key starts with one of these: most pieces are passed at once.
            if !s.contains(['发', '公', '制']) {
                k += 1;
                continue;
            }
            let squeezed: String = s.chars().filter(|c| !is_space(*c)).collect();
            let bare = squeezed.trim_end_matches([':', '：']);
            if ISSUER_KEYS.contains(&bare) || DATE_KEYS.contains(&bare) {
                if let Some((v, vl)) = b.pieces.get(k + 1) {
                    take(&mut info, bare, v, *vl);
                    k += 2;
                    continue;
                }
            }
            for (key, value) in pairs(&squeezed) {
                take(&mut info, key, value, *line);
            }
            k += 1;
        }
    }
    info
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}'
}

/// `发布机构：某局发布日期：2021-01-20` → each known key with the text up to the next
/// known key.
fn pairs(s: &str) -> Vec<(&'static str, &str)> {
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    for &k in ISSUER_KEYS.iter().chain(DATE_KEYS) {
        let mut from = 0;
        while let Some(i) = s[from..].find(k) {
            let at = from + i;
            let after = &s[at + k.len()..];
            if let Some(rest) = after.strip_prefix('：').or_else(|| after.strip_prefix(':')) {
                found.push((at, s.len() - rest.len(), k));
            }
            from = at + k.len();
        }
    }
    found.sort();
    let mut out = Vec::new();
    for (i, &(_, vstart, k)) in found.iter().enumerate() {
        let vend = found.get(i + 1).map_or(s.len(), |n| n.0).max(vstart);
        out.push((k, &s[vstart..vend]));
    }
    out
}

/// `2021-01-20`, `2021/1/20`, `2021年1月20日`, `2021.01.20`, a time after it allowed.
fn parse_date(s: &str) -> Option<(u16, u8, u8)> {
    let mut nums = [0u32; 3];
    let mut k = 0;
    let mut digits = 0;
    for c in s.chars() {
        if let Some(d) = c.to_digit(10) {
            if c.is_ascii_digit() {
                nums[k] = nums[k] * 10 + d;
                digits += 1;
                if (k == 0 && digits > 4) || (k > 0 && digits > 2) {
                    return None;
                }
                continue;
            }
        }
        if digits == 0 {
            return None;
        }
        if k == 2 {
            break;
        }
        if !matches!(c, '-' | '/' | '.' | '年' | '月') {
            return None;
        }
        k += 1;
        digits = 0;
    }
    if k < 2 || (k == 2 && digits == 0) {
        return None;
    }
    let (y, m, d) = (nums[0], nums[1], nums[2]);
    ((1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then_some((y as u16, m as u8, d as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(p: &Page) -> Vec<&str> {
        p.text.lines().collect()
    }

    #[test]
    fn grid_rows_and_lines() {
        let html = "<html><body>\n<div>\n<p>一、总体情况</p>\n<table>\n<tr><td rowspan=2>a</td><td>1</td></tr>\n<tr>\n<td>&nbsp;</td>\n</tr>\n<tr><td colspan=2>b<br>c</td><td>\n3</td></tr>\n</table>\n</div></body></html>";
        let p = read(html.as_bytes());
        assert_eq!(lines(&p), vec!["一、总体情况", "a\t1", "", "b c\t3", ""]);
        // The line of each piece in the source.
        assert_eq!(p.source_line_at(0), 3);
        let at = |s: &str| p.text.find(s).unwrap();
        assert_eq!(p.source_line_at(at("a\t")), 5);
        assert_eq!(p.source_line_at(at("1\n")), 5);
        assert_eq!(p.source_line_at(at("b c")), 9);
        assert_eq!(p.source_line_at(at("3\n")), 10);
        // The empty (&nbsp;) cell of row 2 is an empty line: its tag's line.
        assert_eq!(p.encoding, "utf-8");
    }

    #[test]
    fn chinese_across_a_line_break_joins() {
        let p = read("<table><tr><td>本年新收\n  政府信息</td><td>1</td></tr></table>".as_bytes());
        assert_eq!(lines(&p), vec!["本年新收政府信息\t1", ""]);
    }

    #[test]
    fn layout_table_is_text() {
        let html = "<table><tr><td>头</td><td><p>一、总体情况</p><table><tr><td>x</td><td>2</td></tr></table><p>尾</p></td></tr></table>";
        let p = read(html.as_bytes());
        assert_eq!(lines(&p), vec!["头", "一、总体情况", "x\t2", "", "尾"]);
    }

    #[test]
    fn meta_charsets() {
        let gbk = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>\xb9\xe6\xd5\xc2</p></body></html>";
        let p = read(gbk);
        assert_eq!((p.encoding, lines(&p)), ("gbk", vec!["规章"]));
        let gbk = b"<meta charset='GBK'><p>\xb9\xe6\xd5\xc2</p>";
        assert_eq!(read(gbk).encoding, "gbk");
        // No declaration: sniffed.
        assert_eq!(read(b"<p>\xb9\xe6\xd5\xc2</p>").encoding, "gb18030");
        assert_eq!(read("<p>规章</p>".as_bytes()).encoding, "utf-8");
        // Declared GBK but UTF-8 bytes.
        let p = read("<meta charset=gb2312><p>规章</p>".as_bytes());
        assert_eq!((p.encoding, lines(&p)), ("utf-8", vec!["规章"]));
        assert_eq!(p.notes.len(), 1);
    }

    #[test]
    fn info_table_and_dates() {
        let html = "<table><tr><td>索 引 号：</td><td>001/2021-1</td><td>发布机构：</td><td>某市人民政府办公室</td></tr><tr><td>发布日期：</td><td>2021-01-20</td></tr></table><p>发布机构：某局　发布日期：2021年1月22日</p>";
        let p = read(html.as_bytes());
        assert_eq!(
            p.info,
            Info {
                issuer: Some(("某市人民政府办公室".into(), 1)),
                published: Some(((2021, 1, 20), 1)),
            }
        );
        assert_eq!(parse_date("2021/1/2 10:00"), Some((2021, 1, 2)));
        assert_eq!(parse_date("2021年13月2日"), None);
        assert_eq!(parse_date("12"), None);
        assert_eq!(
            pairs("发布机构：某局发布日期：2021-01-22"),
            vec![("发布机构", "某局"), ("发布日期", "2021-01-22")]
        );
    }

    #[test]
    fn hidden_elements_are_not_text() {
        let html = "<div style=\"DISPLAY: none\"><div><p>一、总体情况</p></div><p>x</p></div><p>y</p><div hidden>z</div><input type=hidden value=1><p>w</p>";
        assert_eq!(lines(&read(html.as_bytes())), vec!["y", "w"]);
    }

    #[test]
    fn scripts_and_styles_are_not_text() {
        let p = read(b"<style>p{}</style><script>var a='<p>x</p>';</script><p>y</p>");
        assert_eq!(lines(&p), vec!["y"]);
    }

    #[test]
    fn hostile_shapes_stay_linear() {
        // Wide colspans then many rows; thousands of unclosed and unmatched elements.
        let mut page = String::from("<table><tr>");
        page.push_str(&"<td colspan=1000>x".repeat(5000));
        page.push_str(&"<tr><td>1".repeat(20_000));
        page.push_str(&"<div><span>".repeat(20_000));
        page.push_str(&"</p></font>".repeat(20_000));
        let p = read(page.as_bytes());
        assert!(p.text.lines().count() >= 20_000);
    }

    #[test]
    fn any_bytes() {
        for b in [
            &b""[..],
            b"<",
            b"<table",
            b"<td rowspan=99999999>",
            b"\xff\xfe\x00",
            b"<table><td colspan=-1>",
        ] {
            let _ = read(b);
        }
    }
}
