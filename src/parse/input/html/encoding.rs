//! How a page's bytes are decoded: a byte-order mark, then `<meta charset>` or
//! `<meta http-equiv="Content-Type" content="…; charset=…">`, else sniffed.

use super::*;

/// How the bytes were decoded.
pub(super) fn decode(
    bytes: &[u8],
) -> (std::borrow::Cow<'_, str>, &'static str, Vec<(u32, String)>) {
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
