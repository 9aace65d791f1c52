//! The official templates as data: `grammars/*.toml` loaded once into [`Template`]s.
//!
//! The code knows how to match; the files know what to match. A new template variant
//! is a new file (and a line in `SOURCES`), not new code; what every template
//! shares (section headings, caption forms, carry rows) is in `grammars/common.toml`
//! (`common()`).
//!
//! A run reads with a [`Grammars`]: the compiled-in templates ([`Grammars::builtin`]),
//! or those plus template files loaded at run time (`--grammar FILE`,
//! [`Grammars::with_files`]). Reports hold their template as an `Arc<Template>`, so
//! a loaded template lives as long as the reports that were read with it.

pub(crate) mod common;
pub(crate) mod likeness;
pub(crate) mod normalize;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

pub(crate) use common::common;

use crate::grammar::normalize::fold;
use crate::model::value::Unit;

/// The grammar files compiled into the binary, in template order.
pub(crate) const SOURCES: &[(&str, &str)] = &[
    ("2019.toml", include_str!("../../grammars/2019.toml")),
    ("2021.toml", include_str!("../../grammars/2021.toml")),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileTemplate {
    id: String,
    title: String,
    markers: Vec<String>,
    fallback_years: [u16; 2],
    section2: FileSection2,
    section3: FileTable,
    section4: FileTable,
    checks: Vec<FileCheck>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSection2 {
    header_words: Vec<String>,
    items: Vec<FileItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileItem {
    item: String,
    caption: String,
    cols: Vec<FileLabel>,
    rows: Vec<FileLabel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileTable {
    header_words: Vec<String>,
    unit: Option<String>,
    cols: Vec<FileLabel>,
    rows: Vec<FileLabel>,
    #[serde(default)]
    groups: Vec<FileLabel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileLabel {
    key: String,
    label: String,
    #[serde(rename = "match")]
    keywords: Vec<String>,
    #[serde(default)]
    exact: bool,
    unit: Option<String>,
    #[serde(default)]
    optional: bool,
    #[serde(default)]
    signed: bool,
    #[serde(default)]
    decimal: bool,
    /// Rows of this table that this row stands for when it is printed instead of
    /// them (the 2019 `（六）其他处理` row in a 2021 table).
    #[serde(default)]
    replaces: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileCheck {
    name: String,
    section: u8,
    per: String,
    rows: Option<Vec<String>>,
    lhs: Vec<String>,
    rhs: Vec<String>,
}

/// A row or column of a table.
#[derive(Debug, Clone)]
pub struct Label {
    pub(crate) key: String,
    /// The official wording.
    pub(crate) label: String,
    /// The official wording folded ([`fold`]), kept so that readers comparing a
    /// printed header with it do not fold it again for each cell.
    pub(crate) folded: String,
    pub(crate) keywords: Vec<String>,
    pub(crate) exact: bool,
    pub(crate) unit: Option<Unit>,
    pub(crate) optional: bool,
    pub(crate) signed: bool,
    pub(crate) decimal: bool,
    /// Indices of the rows this row stands for when printed instead of them
    /// (empty for most rows). Such a row is `optional`: reported only when printed
    /// with numbers, and then the rows it replaces are not reported when empty.
    pub(crate) replaces: Vec<usize>,
    /// The stand-in row that replaces this one, if any (the inverse of `replaces`).
    pub(crate) replaced_by: Option<usize>,
}

impl Label {
    /// The key (lower-case ASCII: `regulation`, `made`), as in cells.csv's `row` and
    /// `col` and in the cell keys.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The official wording of the label (`本年新制作数量`).
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The unit the template fixes for a column (`件`, `万元`); `None` for rows and
    /// for columns without one. A unit printed in the report overrides it.
    pub fn unit(&self) -> Option<Unit> {
        self.unit
    }

    /// Whether the row is a provincial extra that is never reported missing.
    pub fn optional(&self) -> bool {
        self.optional
    }

    /// A money column (an amount in 元 or 万元, not a count): wide.csv writes its
    /// values in 万元 whatever unit the report printed.
    pub(crate) fn is_money(&self) -> bool {
        self.decimal || matches!(self.unit, Some(Unit::Yuan | Unit::WanYuan))
    }
}

/// One table: a section-2 item block, or the whole of section 3 or 4.
#[derive(Debug, Clone)]
pub struct Table {
    /// 2, 3 or 4.
    pub(crate) section: u8,
    /// `20.1` … for section 2; empty elsewhere.
    pub(crate) item: String,
    /// The numeral of `第二十条第（X）项`, for section 2.
    pub(crate) caption: String,
    pub(crate) cols: Vec<Label>,
    pub(crate) rows: Vec<Label>,
    pub(crate) groups: Vec<Label>,
    pub(crate) header_words: Vec<String>,
}

impl Table {
    /// The rows every report of the template prints, in order (not the optional
    /// ones, such as a stand-in row printed in place of others).
    pub(crate) fn required_rows(&self) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&r| !self.rows[r].optional)
            .collect()
    }

    /// The section the table is in: 2, 3 or 4.
    pub fn section(&self) -> u8 {
        self.section
    }

    /// The item of section 2 the table is (`20.1`, `20.5`, …, as in the cell keys);
    /// empty for sections 3 and 4.
    pub fn item(&self) -> &str {
        &self.item
    }

    /// The columns, in template order.
    pub fn cols(&self) -> &[Label] {
        &self.cols
    }

    /// The rows, in template order.
    pub fn rows(&self) -> &[Label] {
        &self.rows
    }

    /// The key of cell (`row`, `col`) as in cells.csv and the truth files:
    /// `2/20.1/regulation/made` in section 2, `3/new/total` or `4/review/upheld`
    /// elsewhere; `None` when the table has no such row or column.
    pub fn cell_key(&self, row: usize, col: usize) -> Option<String> {
        let (r, c) = (&self.rows.get(row)?.key, &self.cols.get(col)?.key);
        Some(if self.section == 2 {
            format!("2/{}/{r}/{c}", self.item)
        } else {
            format!("{}/{r}/{c}", self.section)
        })
    }

    pub(crate) fn n_cells(&self) -> usize {
        self.rows.len() * self.cols.len()
    }
}

/// What a keyword found in a label stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Symbol {
    Caption { table: usize },
    Row { table: usize, row: usize },
    Col { table: usize, col: usize },
    Group { table: usize },
    Header { table: usize },
}

/// Which of a keyword's meanings a cell means: a caption first, then a row or a
/// column, whichever `prefer_row` says comes first (the "总计" of section 三 is a
/// column in the header and （七） among the rows), else its first meaning.
pub(crate) fn choose_symbol(syms: &[Symbol], prefer_row: bool) -> Option<Symbol> {
    let pick = |want_row: bool| {
        syms.iter().copied().find(|s| match s {
            Symbol::Row { .. } => want_row,
            Symbol::Col { .. } => !want_row,
            _ => false,
        })
    };
    syms.iter()
        .copied()
        .find(|s| matches!(s, Symbol::Caption { .. }))
        .or_else(|| {
            if prefer_row {
                pick(true).or_else(|| pick(false))
            } else {
                pick(false).or_else(|| pick(true))
            }
        })
        .or_else(|| syms.first().copied())
}

/// A keyword of a section: its meanings (one keyword can name a column of several
/// section-2 items) and whether it must stand alone.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    pub text: String,
    pub symbols: Vec<Symbol>,
    pub exact: bool,
    /// The enumerators of the row labels this keyword stands for (`3.其他` → 3).
    /// A keyword that must stand alone, printed after an enumerator none of these
    /// is, names another row: a wrapped `（六）其他` | `处理` is not `3.其他`.
    pub enums: Vec<u32>,
    /// The wordings of the labels this pattern stands for (their official label,
    /// their long keywords), by which a label printed without any keyword may be
    /// read by likeness ([`likeness`]).
    pub likeness: Vec<likeness::Wording>,
}

/// All keywords of one section, with one automaton to find them.
#[derive(Debug, Clone)]
pub(crate) struct SectionMatcher {
    pub patterns: Vec<Pattern>,
    pub automaton: AhoCorasick,
}

/// Which direction an identity runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Per {
    Col,
    Row,
}

/// One identity of format-spec §5, resolved to indices of one table.
#[derive(Debug, Clone)]
pub(crate) struct Check {
    pub name: String,
    pub table: usize,
    pub per: Per,
    /// Per::Row: the rows it runs over. Per::Col: every column.
    pub over: Vec<usize>,
    /// Per::Col: row indices; Per::Row: column indices.
    pub lhs: Vec<usize>,
    pub rhs: Vec<usize>,
}

/// An official template of the report format: its tables with their row and column
/// labels and keys, and its checks, loaded from `grammars/*.toml`.
#[derive(Debug, Clone)]
pub struct Template {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) markers: Vec<String>,
    pub(crate) fallback_years: [u16; 2],
    /// Section-2 items, then section 3, then section 4.
    pub(crate) tables: Vec<Table>,
    pub(crate) checks: Vec<Check>,
    /// Matchers for sections 2, 3 and 4.
    pub(crate) matchers: [SectionMatcher; 3],
    /// One searcher per marker, built once (choosing a template runs them on
    /// every report).
    pub(crate) marker_finders: Vec<memchr::memmem::Finder<'static>>,
}

impl Template {
    /// The template's id (`2019`, `2021`): reports.csv's `template` column.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The official title of the template.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The labels (normalised: full-width folded, whitespace removed) that only this
    /// template prints, by which a report is told to follow it.
    pub fn markers(&self) -> &[String] {
        &self.markers
    }

    /// The tables: the items of section 2 in order, then section 3, then section 4.
    /// [`crate::model::TableRead`]s of a report are in this order.
    pub fn tables(&self) -> &[Table] {
        &self.tables
    }

    /// The tables of one section, with their indices.
    pub(crate) fn section_tables(&self, section: u8) -> impl Iterator<Item = (usize, &Table)> {
        self.tables
            .iter()
            .enumerate()
            .filter(move |(_, t)| t.section == section)
    }

    /// The table of a section that has one only (section 三, 四), with its index.
    pub(crate) fn sole_table(&self, section: u8) -> Option<(usize, &Table)> {
        let mut tables = self.section_tables(section);
        let one = tables.next()?;
        tables.next().is_none().then_some(one)
    }

    pub(crate) fn matcher(&self, section: u8) -> &SectionMatcher {
        &self.matchers[(section.clamp(2, 4) - 2) as usize]
    }

    /// Every cell in template order: (table, row, col).
    pub(crate) fn cells(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        self.tables.iter().enumerate().flat_map(|(t, table)| {
            (0..table.rows.len()).flat_map(move |r| (0..table.cols.len()).map(move |c| (t, r, c)))
        })
    }
}

/// The templates of a run, in order: the compiled-in ones, then any loaded from
/// files (`--grammar FILE`). Choosing a template for a report looks at them in this
/// order. Give it to [`crate::parse_report_with`] or [`crate::run::Options::grammars`].
///
/// ```
/// let g = zfxxgk::grammar::Grammars::builtin();
/// assert_eq!(g.templates().len(), 2);
/// assert_eq!(g.get("2019").map(|t| t.title().contains("2019")), Some(true));
/// ```
#[derive(Debug, Clone)]
pub struct Grammars {
    templates: Vec<Arc<Template>>,
    /// The text of each file loaded at run time, in order (the `--incremental`
    /// index is tied to them).
    loaded: Vec<String>,
}

impl Grammars {
    /// The compiled-in templates (`grammars/2019.toml`, `grammars/2021.toml`).
    pub fn builtin() -> &'static Grammars {
        static CELL: OnceLock<Grammars> = OnceLock::new();
        CELL.get_or_init(|| Grammars {
            templates: SOURCES
                .iter()
                .map(|(name, src)| match load(name, src) {
                    Ok(t) => Arc::new(t),
                    // The grammars are compiled in and tested; a broken one is a build bug.
                    Err(e) => panic!("{e}"),
                })
                .collect(),
            loaded: Vec::new(),
        })
    }

    /// The compiled-in templates with the template files `paths` added, in order.
    /// A file whose `id` is a template's already there replaces it in its place
    /// (a reworded compiled-in template); any other id is added after them. Fails
    /// on the first file that cannot be read or is malformed, naming it.
    pub fn with_files(paths: &[PathBuf]) -> crate::Result<Grammars> {
        let mut g = Grammars::builtin().clone();
        for p in paths {
            let name = p.display().to_string();
            let src = std::fs::read_to_string(p).map_err(|e| crate::Error::Grammar {
                name: name.clone(),
                message: format!("cannot be read: {e}"),
            })?;
            g.add(load(&name, &src)?);
            g.loaded.push(src);
        }
        Ok(g)
    }

    /// Adds `t`, replacing the template with its id if there is one.
    pub(crate) fn add(&mut self, t: Template) {
        let t = Arc::new(t);
        match self.templates.iter_mut().find(|o| o.id == t.id) {
            Some(o) => *o = t,
            None => self.templates.push(t),
        }
    }

    /// The text of the template files loaded at run time, in order.
    pub(crate) fn loaded_sources(&self) -> impl Iterator<Item = &str> {
        self.loaded.iter().map(String::as_str)
    }

    /// Whether `t` is one of the compiled-in templates (not a loaded one).
    pub(crate) fn is_builtin(t: &Template) -> bool {
        Grammars::builtin()
            .templates
            .iter()
            .any(|b| std::ptr::eq(&**b, t))
    }

    /// The templates, in order.
    pub fn templates(&self) -> &[Arc<Template>] {
        &self.templates
    }

    /// The template with this id.
    pub fn get(&self, id: &str) -> Option<&Arc<Template>> {
        self.templates.iter().find(|t| t.id == id)
    }
}

/// `t` as a `&'static Template`, for the Parquet writer, whose key columns hold
/// `&'static` slices of template strings instead of a copy per row (the memory
/// of a large run). A compiled-in template is static already. A template loaded
/// at run time (`--grammar`) is pinned: one reference to it is leaked, once per
/// process and template (not per report), so its memory (a few hundred KiB at
/// most) stays until the process ends, as the compiled-in ones do.
pub(crate) fn pinned(t: &Arc<Template>) -> &'static Template {
    if let Some(b) = templates().iter().find(|b| Arc::ptr_eq(b, t)) {
        return b;
    }
    static PINNED: std::sync::Mutex<Vec<&'static Arc<Template>>> =
        std::sync::Mutex::new(Vec::new());
    let mut list = PINNED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = list.iter().find(|p| Arc::ptr_eq(p, t)) {
        return p;
    }
    let p: &'static Arc<Template> = Box::leak(Box::new(Arc::clone(t)));
    list.push(p);
    p
}

/// The compiled-in official templates, in file order (2019, then 2021), loaded once.
///
/// ```
/// let ids: Vec<&str> = zfxxgk::grammar::templates().iter().map(|t| t.id()).collect();
/// assert_eq!(ids, ["2019", "2021"]);
/// let t = zfxxgk::grammar::template("2021").expect("a compiled-in template");
/// let first = &t.tables()[0];
/// assert_eq!((first.section(), first.item()), (2, "20.1"));
/// assert_eq!(first.rows()[0].label(), "规章");
/// assert_eq!(first.cell_key(0, 0).as_deref(), Some("2/20.1/regulation/issued"));
/// ```
pub fn templates() -> &'static [Arc<Template>] {
    Grammars::builtin().templates()
}

/// The compiled-in template with this id (`2019`, `2021`), if there is one.
pub fn template(id: &str) -> Option<&Template> {
    Grammars::builtin().get(id).map(|t| &**t)
}

/// Parses one grammar file.
pub(crate) fn load(name: &str, src: &str) -> crate::Result<Template> {
    let err = |message: String| crate::Error::Grammar {
        name: name.to_string(),
        message,
    };
    let f: FileTemplate = toml::from_str(src).map_err(|e| err(e.to_string()))?;
    check_key(&f.id, &err)?;
    let mut tables = Vec::new();
    for item in &f.section2.items {
        tables.push(Table {
            section: 2,
            item: item.item.clone(),
            caption: item.caption.clone(),
            cols: labels(&item.cols, None, &err)?,
            rows: labels(&item.rows, None, &err)?,
            groups: Vec::new(),
            header_words: f.section2.header_words.clone(),
        });
    }
    for (section, t) in [(3u8, &f.section3), (4u8, &f.section4)] {
        let unit = match &t.unit {
            Some(u) => Some(Unit::from_name(u).ok_or_else(|| err(format!("unknown unit {u}")))?),
            None => None,
        };
        tables.push(Table {
            section,
            item: String::new(),
            caption: String::new(),
            cols: labels(&t.cols, unit, &err)?,
            rows: labels(&t.rows, None, &err)?,
            groups: labels(&t.groups, None, &err)?,
            header_words: t.header_words.clone(),
        });
    }
    for t in &tables {
        check_key(&t.item, &err)?;
    }
    resolve_replaces(&f, &mut tables, &err)?;
    let mut checks = Vec::new();
    for c in &f.checks {
        check_key(&c.name, &err)?;
        let (ti, table) = tables
            .iter()
            .enumerate()
            .find(|(_, t)| t.section == c.section)
            .ok_or_else(|| err(format!("check {}: no section {}", c.name, c.section)))?;
        let per = match c.per.as_str() {
            "col" => Per::Col,
            "row" => Per::Row,
            p => {
                return Err(err(format!(
                    "check {}: per must be col or row, not {p}",
                    c.name
                )))
            }
        };
        let (lhs_axis, rhs_axis) = match per {
            Per::Col => (&table.rows, &table.rows),
            Per::Row => (&table.cols, &table.cols),
        };
        let find = |axis: &[Label], keys: &[String]| -> crate::Result<Vec<usize>> {
            keys.iter()
                .map(|k| {
                    axis.iter()
                        .position(|l| &l.key == k)
                        .ok_or_else(|| err(format!("check {}: unknown key {k}", c.name)))
                })
                .collect()
        };
        let over = match (per, &c.rows) {
            (Per::Row, Some(rows)) => find(&table.rows, rows)?,
            (Per::Row, None) => (0..table.rows.len()).collect(),
            (Per::Col, _) => (0..table.cols.len()).collect(),
        };
        checks.push(Check {
            name: c.name.clone(),
            table: ti,
            per,
            over,
            lhs: find(lhs_axis, &c.lhs)?,
            rhs: find(rhs_axis, &c.rhs)?,
        });
    }
    let matchers = [
        build_matcher(&tables, 2)?,
        build_matcher(&tables, 3)?,
        build_matcher(&tables, 4)?,
    ];
    let markers: Vec<String> = f.markers.iter().map(|m| fold(m)).collect();
    let marker_finders = markers
        .iter()
        .map(|m| memchr::memmem::Finder::new(m.as_bytes()).into_owned())
        .collect();
    Ok(Template {
        id: f.id,
        title: f.title,
        markers,
        marker_finders,
        fallback_years: f.fallback_years,
        tables,
        checks,
        matchers,
    })
}

/// Turns each row's `replaces` keys into row indices of its table; such a row
/// must be optional (it is printed only instead of the rows it replaces).
fn resolve_replaces(
    f: &FileTemplate,
    tables: &mut [Table],
    err: &dyn Fn(String) -> crate::Error,
) -> crate::Result<()> {
    let defs = f
        .section2
        .items
        .iter()
        .map(|i| &i.rows)
        .chain([&f.section3.rows, &f.section4.rows]);
    for (t, rows) in tables.iter_mut().zip(defs) {
        for (ri, d) in rows.iter().enumerate() {
            if d.replaces.is_empty() {
                continue;
            }
            if !d.optional {
                return Err(err(format!(
                    "{}: a row that replaces others must be optional",
                    d.key
                )));
            }
            let mut idx = Vec::new();
            for k in &d.replaces {
                let i = t
                    .rows
                    .iter()
                    .position(|r| &r.key == k)
                    .ok_or_else(|| err(format!("{}: replaces unknown row {k}", d.key)))?;
                idx.push(i);
            }
            for &i in &idx {
                t.rows[i].replaced_by = Some(ri);
            }
            t.rows[ri].replaces = idx;
        }
    }
    Ok(())
}

/// Keys are column values and column-name parts: ASCII snake_case (and the dot of
/// an item, `20.1`), which is also what lets the CSV writer copy them unquoted.
pub(crate) fn check_key(key: &str, err: &dyn Fn(String) -> crate::Error) -> crate::Result<()> {
    if key
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.')
    {
        Ok(())
    } else {
        Err(err(format!(
            "key `{key}`: keys are written in lower-case ASCII letters, digits, `_` and `.`"
        )))
    }
}

fn labels(
    defs: &[FileLabel],
    default_unit: Option<Unit>,
    err: &dyn Fn(String) -> crate::Error,
) -> crate::Result<Vec<Label>> {
    defs.iter()
        .map(|d| {
            let unit = match &d.unit {
                Some(u) => {
                    Some(Unit::from_name(u).ok_or_else(|| err(format!("unknown unit {u}")))?)
                }
                None if d.decimal => None,
                None => default_unit,
            };
            if d.keywords.is_empty() {
                return Err(err(format!("{} has no match keywords", d.key)));
            }
            check_key(&d.key, err)?;
            Ok(Label {
                key: d.key.clone(),
                label: d.label.clone(),
                folded: fold(&d.label),
                keywords: d.keywords.iter().map(|k| fold(k)).collect(),
                exact: d.exact,
                unit,
                optional: d.optional,
                signed: d.signed,
                decimal: d.decimal,
                replaces: Vec::new(),
                replaced_by: None,
            })
        })
        .collect()
}

fn build_matcher(tables: &[Table], section: u8) -> crate::Result<SectionMatcher> {
    let mut patterns: Vec<Pattern> = Vec::new();
    let mut add = |text: String, sym: Symbol, exact: bool, en: Option<u32>| {
        if let Some(p) = patterns.iter_mut().find(|p| p.text == text) {
            if !p.symbols.contains(&sym) {
                p.symbols.push(sym);
            }
            p.exact &= exact;
            p.enums.extend(en.filter(|e| !p.enums.contains(e)));
        } else {
            patterns.push(Pattern {
                text,
                symbols: vec![sym],
                exact,
                enums: en.into_iter().collect(),
                likeness: Vec::new(),
            });
        }
    };
    for (ti, t) in tables
        .iter()
        .enumerate()
        .filter(|(_, t)| t.section == section)
    {
        if section == 2 {
            for form in common().captions(&t.caption) {
                add(form, Symbol::Caption { table: ti }, false, None);
            }
        }
        for (ri, r) in t.rows.iter().enumerate() {
            let en = normalize::label_enumerator(&fold(&r.label));
            for k in &r.keywords {
                add(k.clone(), Symbol::Row { table: ti, row: ri }, r.exact, en);
            }
        }
        for (ci, c) in t.cols.iter().enumerate() {
            for k in &c.keywords {
                add(k.clone(), Symbol::Col { table: ti, col: ci }, c.exact, None);
            }
        }
        for g in &t.groups {
            for k in &g.keywords {
                add(k.clone(), Symbol::Group { table: ti }, g.exact, None);
            }
        }
        for h in &t.header_words {
            add(fold(h), Symbol::Header { table: ti }, false, None);
        }
    }
    add_likeness(tables, section, &mut patterns);
    let automaton = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns.iter().map(|p| p.text.as_str()))
        .map_err(|e| crate::Error::Grammar {
            name: format!("section {section}"),
            message: e.to_string(),
        })?;
    Ok(SectionMatcher {
        patterns,
        automaton,
    })
}

/// The wordings by which a label of `section` may be read by likeness: each row,
/// column and group label and each of their keywords stands for the pattern of the
/// label's first keyword; captions and header words for their own pattern.
fn add_likeness(tables: &[Table], section: u8, patterns: &mut [Pattern]) {
    use crate::grammar::normalize::strip_enumerator;
    let index = |patterns: &[Pattern], text: &str| patterns.iter().position(|p| p.text == text);
    let chars = |s: &str| -> Vec<char> { strip_enumerator(&fold(s)).chars().collect() };
    let mut list: Vec<(Vec<char>, usize)> = Vec::new();
    for t in tables.iter().filter(|t| t.section == section) {
        for l in t.rows.iter().chain(&t.cols).chain(&t.groups) {
            let Some(id) = l.keywords.first().and_then(|k| index(patterns, k)) else {
                continue;
            };
            list.push((chars(&l.label), id));
            for k in &l.keywords {
                list.push((chars(k), id));
            }
        }
        if section == 2 {
            for form in common().captions(&t.caption) {
                if let Some(id) = index(patterns, &form) {
                    list.push((form.chars().collect(), id));
                }
            }
        }
        for h in &t.header_words {
            let h = fold(h);
            if let Some(id) = index(patterns, &h) {
                list.push((h.chars().collect(), id));
            }
        }
    }
    for w in likeness::wordings(list) {
        patterns[w.label].likeness.push(w);
    }
}

/// The columns of wide.csv before the cells: what a user filters on without
/// joining reports.csv.
pub(crate) const WIDE_META: [&str; 7] = [
    "report_id",
    "status",
    "template",
    "year",
    "organ",
    "issuer",
    "report_date",
];

/// The wide.csv cell columns, after its seven first columns (`report_id`, `status`,
/// `template`, `year`, `organ`, `issuer`, `report_date`): every canonical cell of every template, in template
/// order, each name once (`s2_20_9_procurement_amount`, `s3_new_total`).
pub fn wide_columns() -> &'static [String] {
    static CELL: OnceLock<Vec<String>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut cols: Vec<String> = Vec::new();
        for t in templates() {
            for (ti, r, c) in t.cells() {
                let name = wide_name(&t.tables[ti], r, c);
                if !cols.contains(&name) {
                    cols.push(name);
                }
            }
        }
        cols
    })
}

/// The wide.csv name of one cell.
pub(crate) fn wide_name(table: &Table, row: usize, col: usize) -> String {
    let (r, c) = (&table.rows[row].key, &table.cols[col].key);
    if table.section == 2 {
        format!("s2_{}_{r}_{c}", table.item.replace('.', "_"))
    } else {
        format!("s{}_{r}_{c}", table.section)
    }
}

#[cfg(test)]
mod tests;
