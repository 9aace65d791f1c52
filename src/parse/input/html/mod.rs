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
//!
//! The files: this one holds the page, the tokenizer's sink and the types the reading
//! builds; `encoding.rs` decides how the bytes are decoded; `tags.rs` walks the tags
//! (paragraphs, cells, hidden elements, article candidates); `grid.rs` lays a data
//! table out on its grid; `body.rs` picks the article body and reads the information
//! table.

mod body;
mod encoding;
mod grid;
mod tags;
#[cfg(test)]
mod tests;

use std::cell::RefCell;

use encoding_rs::{Encoding, GB18030, UTF_8};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::LocalName;

use encoding::decode;

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
    /// An empty page for a text rewritten from a text (already decoded, so
    /// UTF-8): the fallback readings of a text fill its text and origins.
    pub(crate) fn rewritten() -> Page {
        Page {
            encoding: "utf-8",
            ..Page::default()
        }
    }

    /// The source line of the text at byte `offset` (0 when nothing is known).
    pub fn source_line_at(&self, offset: usize) -> u32 {
        let i = self.origins.partition_point(|&(o, _)| o as usize <= offset);
        i.checked_sub(1).map_or(0, |i| self.origins[i].1)
    }
}

fn attr<'t>(tag: &'t Tag, name: &str) -> Option<&'t str> {
    tag.attrs
        .iter()
        .find(|a| (*a.name.local).eq_ignore_ascii_case(name))
        .map(|a| &*a.value)
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
    /// A break the page draws (`<br>`, a paragraph) follows the last character.
    hard: bool,
    /// Where in `s` each line after a drawn break starts (before the space that
    /// parts it): a cell's lines, which may be the rows of a block stacked in one
    /// row ([`super::stacked`]).
    breaks: Vec<u32>,
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
                // Invisible format characters, as the text reader drops them
                // (src/parse/decode.rs): `&shy;` comes as U+00AD.
                '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}' => {}
                c if c.is_control() => self.pending = self.pending.max(1),
                c => {
                    if self.s.is_empty() {
                        self.line = line;
                    } else if self.pending > 0 {
                        if self.hard {
                            self.breaks.push(self.s.len() as u32);
                        }
                        let wide = |c: char| !c.is_ascii();
                        // A line break between two Chinese characters is no space.
                        let prev = self.s.chars().next_back().unwrap_or(' ');
                        if !(self.pending == 2 && wide(prev) && wide(c)) {
                            self.s.push(' ');
                        }
                    }
                    self.pending = 0;
                    self.hard = false;
                    self.s.push(c);
                }
            }
        }
    }

    /// A block boundary inside a cell: like a line break.
    fn brk(&mut self) {
        if !self.s.is_empty() {
            self.pending = 2;
            self.hard = true;
        }
    }

    fn take(&mut self) -> Option<(String, u32)> {
        self.take_lines().map(|(s, line, _)| (s, line))
    }

    /// The text, its source line, and where its drawn lines start.
    fn take_lines(&mut self) -> Option<(String, u32, Vec<u32>)> {
        self.pending = 0;
        self.hard = false;
        let breaks = std::mem::take(&mut self.breaks);
        if self.s.is_empty() {
            return None;
        }
        Some((std::mem::take(&mut self.s), self.line, breaks))
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
    /// How the page was read, for diagnostics: (source line, text).
    notes: Vec<(u32, String)>,
}
