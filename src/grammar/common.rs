//! What every template shares, from `grammars/common.toml`: the six section
//! headings, the caption forms of the section-二 items, the rows and columns the
//! cross-year check pairs. Compiled in; [`common`] loads it once.

use serde::Deserialize;
use std::sync::OnceLock;

/// The shared grammar file, compiled into the binary.
pub const SOURCE: (&str, &str) = ("common.toml", include_str!("../../grammars/common.toml"));

/// How many columns the cross-year summary of a report holds (a fixed-size record
/// in the `--incremental` index): `carry.columns` must name this many.
pub const CARRY_COLUMNS: usize = 7;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileCommon {
    sections: Vec<FileSection>,
    section2: FileSection2,
    carry: FileCarry,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSection {
    numeral: String,
    heading: String,
    keywords: Vec<String>,
    wordings: Vec<String>,
    #[serde(default)]
    anchors: Vec<String>,
    anchor_header: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSection2 {
    caption: String,
    caption_forms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileCarry {
    name: String,
    section: u8,
    carried_in: String,
    carried_out: String,
    columns: Vec<String>,
}

/// One of the six sections 一 … 六.
#[derive(Debug, Clone)]
pub struct SectionHeading {
    /// The character that numbers it (`一`).
    pub numeral: char,
    /// The numeral's UTF-8 bytes (every numeral is three bytes long).
    pub numeral_bytes: [u8; 3],
    /// The canonical heading, numeral and `、` included.
    pub heading: String,
    /// Words one of which a heading holds early.
    pub keywords: Vec<String>,
    /// The heading after its numeral in each template (folded).
    pub wordings: Vec<String>,
    /// Folded labels only this section's table prints (sections 2 to 4).
    pub anchors: Vec<String>,
    /// A word whose line just above the first anchor starts the table.
    pub anchor_header: Option<String>,
}

/// The rows and columns of the cross-year check.
#[derive(Debug, Clone)]
pub struct Carry {
    /// The check's name in checks.csv.
    pub name: String,
    pub section: u8,
    pub carried_in: String,
    pub carried_out: String,
    pub columns: Vec<String>,
}

/// The facts every template shares.
#[derive(Debug, Clone)]
pub struct Common {
    /// Sections 一 … 六, in order: `sections[n - 1]` is section `n`.
    pub sections: Vec<SectionHeading>,
    /// The caption of a section-2 item as the templates print it, `{}` standing
    /// for its numeral (the codebook shows it).
    pub caption_printed: String,
    /// Caption forms of a section-2 item, `{}` standing for its numeral.
    pub caption_forms: Vec<String>,
    pub carry: Carry,
}

impl Common {
    /// Section `n` (1 to 6; clamped).
    pub fn section(&self, n: u8) -> &SectionHeading {
        &self.sections[(n.clamp(1, 6) - 1) as usize]
    }

    /// The numeral of section `n`, as text (`二`).
    pub fn numeral(&self, n: u8) -> &str {
        let h = &self.section(n).heading;
        &h[..self.section(n).numeral.len_utf8()]
    }

    /// The caption forms of a section-2 item whose caption numeral is `caption`.
    pub fn captions(&self, caption: &str) -> impl Iterator<Item = String> + '_ {
        let caption = caption.to_string();
        self.caption_forms
            .iter()
            .map(move |f| f.replace("{}", &caption))
    }
}

/// The compiled-in shared facts.
pub fn common() -> &'static Common {
    static CELL: OnceLock<Common> = OnceLock::new();
    CELL.get_or_init(|| match load(SOURCE.0, SOURCE.1) {
        Ok(c) => c,
        // Compiled in and tested (tests below): a broken file is a build bug.
        Err(e) => panic!("{e}"),
    })
}

/// Parses the shared grammar file.
pub fn load(name: &str, src: &str) -> crate::Result<Common> {
    let err = |message: String| crate::Error::Grammar {
        name: name.to_string(),
        message,
    };
    let f: FileCommon = toml::from_str(src).map_err(|e| err(e.to_string()))?;
    if f.sections.len() != 6 {
        return Err(err(format!(
            "sections: the six sections 一 … 六 are listed, not {}",
            f.sections.len()
        )));
    }
    let mut sections = Vec::new();
    for (i, s) in f.sections.into_iter().enumerate() {
        let at = |key: &str| format!("sections[{i}].{key}");
        let mut chars = s.numeral.chars();
        let numeral = match (chars.next(), chars.next()) {
            (Some(c), None) if c.len_utf8() == 3 => c,
            _ => {
                return Err(err(format!(
                    "{}: one Chinese numeral, not `{}`",
                    at("numeral"),
                    s.numeral
                )))
            }
        };
        let mut numeral_bytes = [0u8; 3];
        numeral.encode_utf8(&mut numeral_bytes);
        // The search of glued lines looks for `、` right after the numeral.
        if !s.heading.starts_with(&format!("{numeral}、")) {
            return Err(err(format!(
                "{}: `{}` does not start with `{numeral}、`",
                at("heading"),
                s.heading
            )));
        }
        for (key, list) in [("keywords", &s.keywords), ("wordings", &s.wordings)] {
            if list.is_empty() || list.iter().any(String::is_empty) {
                return Err(err(format!("{}: words, none empty", at(key))));
            }
        }
        if s.anchors.iter().any(String::is_empty) {
            return Err(err(format!("{}: an empty anchor", at("anchors"))));
        }
        sections.push(SectionHeading {
            numeral,
            numeral_bytes,
            heading: s.heading,
            keywords: s.keywords,
            wordings: s.wordings,
            anchors: s.anchors,
            anchor_header: s.anchor_header,
        });
    }
    for n in 2..=4 {
        if sections[n - 1].anchors.is_empty() {
            return Err(err(format!(
                "sections[{}].anchors: a table section needs anchors",
                n - 1
            )));
        }
    }
    if f.section2.caption_forms.iter().any(|c| !c.contains("{}")) {
        return Err(err(
            "section2.caption_forms: each form holds `{}` for the caption numeral".into(),
        ));
    }
    if !f.section2.caption.contains("{}") {
        return Err(err(
            "section2.caption: it holds `{}` for the caption numeral".into(),
        ));
    }
    let c = f.carry;
    if !(2..=4).contains(&c.section) {
        return Err(err(format!("carry.section: 2, 3 or 4, not {}", c.section)));
    }
    if c.columns.len() != CARRY_COLUMNS {
        return Err(err(format!(
            "carry.columns: {CARRY_COLUMNS} columns (the size of the cross-year record), not {}",
            c.columns.len()
        )));
    }
    for k in c
        .columns
        .iter()
        .chain([&c.carried_in, &c.carried_out, &c.name])
    {
        super::check_key(k, &err)?;
    }
    Ok(Common {
        sections,
        caption_printed: f.section2.caption,
        caption_forms: f.section2.caption_forms,
        carry: Carry {
            name: c.name,
            section: c.section,
            carried_in: c.carried_in,
            carried_out: c.carried_out,
            columns: c.columns,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_and_refuses_unknown_keys() {
        let c = common();
        assert_eq!(c.numeral(3), "三");
        assert_eq!(
            c.section(4).heading,
            "四、政府信息公开行政复议、行政诉讼情况"
        );
        assert_eq!(
            c.captions("九").collect::<Vec<_>>(),
            vec!["第二十条第(九)项", "第二十条第九项", "第(九)项"]
        );
        let bad = SOURCE.1.replacen("anchor_header =", "anchor_heading =", 1);
        let e = load("common.toml", &bad).err().map(|e| e.to_string());
        let e = e.unwrap_or_default();
        assert!(
            e.contains("common.toml") && e.contains("anchor_heading"),
            "{e}"
        );
        let bad = SOURCE.1.replacen("numeral = \"二\"", "numeral = \"2\"", 1);
        let e = load("common.toml", &bad).err().map(|e| e.to_string());
        assert!(e.unwrap_or_default().contains("sections[1].numeral"));
    }
}
