//! Walking the page's tags: text gathered into paragraphs and cells, hidden and
//! raw-text elements skipped, the elements that may hold the article recorded.

use super::*;

/// The deepest nesting of elements tracked (a browser stops nesting at about 512);
/// deeper ones are read for their text but not as possible article bodies.
const MAX_DEPTH: usize = 512;

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
    pub(super) fn text(&mut self, t: &str, line: u32) {
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

    pub(super) fn flush_para(&mut self) {
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

    pub(super) fn tag(&mut self, tag: &Tag, line: u32) -> TokenSinkResult<()> {
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

    pub(super) fn finish(&mut self) {
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
}
