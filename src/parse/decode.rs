//! Bytes → text, on purpose: BOM sniff, then strict UTF-8, then UTF-8 with a few
//! broken characters (a converter that cut multi-byte characters apart), then
//! GB18030; UTF-16 only with a BOM. Line ends are normalised to `\n` (CRLF and lone CR alike) so line
//! numbers count the way an editor counts them, and invisible format characters
//! (soft hyphens, zero-width spaces, a byte-order mark inside the text) are taken out. The
//! encoding found is recorded.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

/// A decoded report.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// `utf-8`, `utf-8-bom`, `gb18030`, `utf-16le`, `utf-16be`.
    pub encoding: &'static str,
    /// How many byte sequences were not UTF-8 in an otherwise UTF-8 file and were
    /// read as U+FFFD (the report says so).
    pub replaced: usize,
}

/// Why bytes could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    Binary,
    Undecodable,
}

impl DecodeError {
    /// One sentence a user can act on.
    pub fn message(&self) -> &'static str {
        match self {
            DecodeError::Empty => "The file is empty: download the report again.",
            DecodeError::Binary => "The file holds binary data, not text: convert the report to plain text (e.g. pdftotext -layout) first.",
            DecodeError::Undecodable => "The bytes are neither UTF-8, UTF-16 nor GB18030: convert the file to UTF-8 first.",
        }
    }
}

/// Decodes a report's bytes.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let name = if enc == UTF_16LE {
            "utf-16le"
        } else if enc == UTF_16BE {
            "utf-16be"
        } else {
            "utf-8-bom"
        };
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors && name == "utf-8-bom" {
            return Err(DecodeError::Undecodable);
        }
        return finish(text.into_owned(), name);
    }
    // NUL bytes never occur in text in UTF-8 or GB18030.
    if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
        return Err(DecodeError::Binary);
    }
    // simdutf8 validates CJK text many times faster than the standard library;
    // it says only whether the bytes are UTF-8, which is all that is asked here.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => finish_str(s, "utf-8"),
        Err(_) => {
            if let Some(replaced) = mostly_utf8(bytes) {
                let mut d = finish(String::from_utf8_lossy(bytes).into_owned(), "utf-8")?;
                d.replaced = replaced;
                return Ok(d);
            }
            let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
            if had_errors {
                return Err(DecodeError::Undecodable);
            }
            finish(text.into_owned(), "gb18030")
        }
    }
}

/// When the bytes are UTF-8 but for a few broken sequences (at most one in four
/// characters), how many: some converters cut multi-byte characters apart in narrow
/// table cells, and reading such a file as GB18030 would turn every character into
/// nonsense. GBK text read as UTF-8 breaks at nearly every character, so the two
/// are far apart. A sequence cut off at the very end is a download cut short, which
/// the caller reports as such: `None` then.
fn mostly_utf8(bytes: &[u8]) -> Option<usize> {
    let (mut rest, mut broken, mut chars) = (bytes, 0usize, 0usize);
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                chars += s.bytes().filter(|&b| b >= 0xc0).count();
                break;
            }
            Err(e) => {
                let good = &rest[..e.valid_up_to()];
                chars += good.iter().filter(|&&b| b >= 0xc0).count();
                let bad = e.error_len()?;
                broken += 1;
                rest = &rest[e.valid_up_to() + bad..];
            }
        }
    }
    (broken > 0 && broken * 4 <= chars).then_some(broken)
}

/// One pass over the bytes: control characters that text never holds (binary data)
/// and carriage returns (to normalise).
fn scan_controls(text: &str) -> Result<bool, DecodeError> {
    let mut control = 0usize;
    let mut cr = false;
    // Text rarely holds any control byte but LF and TAB: a branch-free pass over
    // each block (which the compiler vectorises) finds the blocks worth a look.
    for block in text.as_bytes().chunks(256) {
        let mut any = false;
        for &b in block {
            any |= b < 0x20 && b != b'\n' && b != b'\t';
        }
        if !any {
            continue;
        }
        for &b in block {
            if b < 0x20 {
                match b {
                    b'\n' | b'\t' | 0x0c => {}
                    b'\r' => cr = true,
                    0 => return Err(DecodeError::Binary),
                    _ => control += 1,
                }
            }
        }
    }
    if control > 16 && control * 1000 > text.len() {
        return Err(DecodeError::Binary);
    }
    Ok(cr)
}

fn finish_str(text: &str, encoding: &'static str) -> Result<Decoded, DecodeError> {
    let text = if scan_controls(text)? {
        let t = normalise_line_ends(text);
        without_invisible(&t).unwrap_or(t)
    } else {
        without_invisible(text).unwrap_or_else(|| text.to_owned())
    };
    Ok(Decoded {
        text,
        encoding,
        replaced: 0,
    })
}

fn finish(text: String, encoding: &'static str) -> Result<Decoded, DecodeError> {
    let text = if scan_controls(&text)? {
        normalise_line_ends(&text)
    } else {
        text
    };
    let text = without_invisible(&text).unwrap_or(text);
    Ok(Decoded {
        text,
        encoding,
        replaced: 0,
    })
}

/// The byte length of the invisible format character that starts `b`, 0 when
/// none does: U+00AD (soft hyphen), U+200B–U+200F (zero-width space, non-joiner,
/// joiner, and the two direction marks), U+2060 (word joiner) and U+FEFF (a
/// byte-order mark inside the text). Web pages, word processors and PDF
/// converters leave them inside words and numbers (`规\u{ad}章`,
/// `37\u{200b}551661.7`), where a reader sees nothing and a parser sees two
/// pieces.
fn invisible_len(b: &[u8]) -> usize {
    match b {
        [0xc2, 0xad, ..] => 2,
        [0xe2, 0x80, 0x8b..=0x8f, ..] | [0xe2, 0x81, 0xa0, ..] | [0xef, 0xbb, 0xbf, ..] => 3,
        _ => 0,
    }
}

/// The text without its invisible format characters ([`invisible_len`]); `None`
/// when it holds none (most texts: nothing is copied then). Lines keep their
/// numbers; a cell's `raw` text is what a reader of the page sees.
fn without_invisible(s: &str) -> Option<String> {
    let b = s.as_bytes();
    // Whether any is there (most texts: none), told by searches that skip what
    // they need not look at: memchr3 on C2, E2 and EF stopped at every U+00A0 and
    // every full-width comma (25,000 instructions a parse of dongxin-2020,
    // callgrind). U+00AD and U+FEFF are two fixed byte strings; the others open
    // with E2, which CJK text holds only in a few quotes and dashes.
    static FIXED: std::sync::OnceLock<[memchr::memmem::Finder<'static>; 2]> =
        std::sync::OnceLock::new();
    let [shy, bom] = FIXED.get_or_init(|| {
        [
            memchr::memmem::Finder::new("\u{ad}".as_bytes()),
            memchr::memmem::Finder::new("\u{feff}".as_bytes()),
        ]
    });
    let any = shy.find(b).is_some()
        || bom.find(b).is_some()
        || memchr::memchr_iter(0xe2, b).any(|i| invisible_len(&b[i..]) > 0);
    if !any {
        return None;
    }
    let first = memchr::memchr3_iter(0xc2, 0xe2, 0xef, b).find(|&i| invisible_len(&b[i..]) > 0)?;
    let mut out = String::with_capacity(s.len());
    let mut kept = 0;
    let mut i = first;
    while i < b.len() {
        let n = invisible_len(&b[i..]);
        if n == 0 {
            i += 1;
            continue;
        }
        // Both ends of the stretch are character boundaries: `i` opens a
        // character, and `kept` is where the last invisible one ended.
        out.push_str(&s[kept..i]);
        i += n;
        kept = i;
    }
    out.push_str(&s[kept..]);
    Some(out)
}

/// CRLF and lone CR become LF.
fn normalise_line_ends(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    // Copy the stretches between carriage returns whole.
    while let Some(i) = memchr::memchr(b'\r', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('\n') {
            rest = r;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain() {
        let d = decode("规章\n".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("规章\n", "utf-8"));
    }
    #[test]
    fn utf8_bom_crlf() {
        let d = decode(b"\xef\xbb\xbfa\r\nb\rc").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("a\nb\nc", "utf-8-bom"));
    }
    #[test]
    fn invisible_characters_are_taken_out() {
        // A soft hyphen in a label, a zero-width space and a word joiner in a
        // number, a byte-order mark inside the text, direction marks.
        let d = decode(
            "规\u{ad}章\t37\u{200b}551661.7\u{2060}\n\u{feff}总计\u{200e}\u{200f}\u{200c}\u{200d}1"
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(d.text, "规章\t37551661.7\n总计1");
        // The same through GB18030 and through line ends normalised.
        let (gb, _, _) = encoding_rs::GB18030.encode("规\u{ad}章\r\n1\u{200b}2");
        assert_eq!(decode(&gb).unwrap().text, "规章\n12");
        // Visible characters that share the first bytes stay: — “ ” … ￥ and U+00A0.
        let kept = "—“”…￥\u{a0}·";
        assert_eq!(decode(kept.as_bytes()).unwrap().text, kept);
        assert_eq!(without_invisible(kept), None);
    }
    #[test]
    fn gbk_bytes() {
        // 规章 in GBK.
        let d = decode(b"\xb9\xe6\xd5\xc2").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("规章", "gb18030"));
    }
    #[test]
    fn utf16le_bom() {
        let mut b = vec![0xff, 0xfe];
        for u in "规章".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&b).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("规章", "utf-16le"));
    }
    #[test]
    fn utf16be_bom() {
        let mut b = vec![0xfe, 0xff];
        for u in "规章\r\n0".encode_utf16() {
            b.extend_from_slice(&u.to_be_bytes());
        }
        let d = decode(&b).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("规章\n0", "utf-16be"));
    }

    #[test]
    fn utf8_with_a_few_cut_characters() {
        // 规章 0 规范性文件 with the last byte of 章 and of 件 cut away.
        let mut b = "规章 0 规范性文件 12\n".repeat(10).into_bytes();
        b.remove(5);
        b.remove(22);
        let d = decode(&b).unwrap();
        assert_eq!(d.encoding, "utf-8");
        assert_eq!(d.replaced, 2);
        assert_eq!(d.text.matches('\u{fffd}').count(), 2);
        assert!(d.text.ends_with("规章 0 规范性文件 12\n"), "{}", d.text);
    }

    #[test]
    fn gbk_is_not_mistaken_for_broken_utf8() {
        // 规章制度 0 in GBK: valid GB18030, broken everywhere as UTF-8.
        let d = decode(b"\xb9\xe6\xd5\xc2\xd6\xc6\xb6\xc8 0").unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.replaced),
            ("规章制度 0", "gb18030", 0)
        );
    }

    #[test]
    fn utf8_cut_at_the_end_is_left_to_the_caller() {
        let b = "规章".as_bytes();
        assert_eq!(mostly_utf8(&b[..5]), None);
    }

    #[test]
    fn binary_and_empty() {
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b"\0\0\0abc").unwrap_err(), DecodeError::Binary);
    }
}
