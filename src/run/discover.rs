//! Finding the reports: each path is a file or a folder; folders are walked
//! recursively for the formats zfxxgk reads ([`READ`]). Inputs are sorted by report
//! id so every run sees them in the same order, whatever the file system returns.
//!
//! **Report ids.** A report's id is its path relative to the deepest folder that
//! holds every PATH given (a folder PATH holds itself, a file PATH its folder),
//! `/`-separated. So a single folder gives paths relative to it
//! (`extract archive/` → `2021/x.txt`), a single file its name, and
//! `extract p/2021 q/2021` gives `p/2021/x.txt` and `q/2021/x.txt`. Paths are taken
//! as given (made absolute against the current folder, `.` and `..` resolved by
//! name, links not followed), so the same command gives the same ids in every run.
//!
//! **Each file once.** A file reached more than once (given twice, inside two
//! PATHs that overlap, through a link) is one input: the id reached without a link
//! is kept (the first in id order among equals) and a note on it names the others.
//! Two different files whose names give the same id (names that are not UTF-8)
//! are told apart by `#2`, `#3` after the id.

use std::path::{Component, Path, PathBuf};

/// The extensions (lower case) of the files zfxxgk reads: a folder is walked for
/// these, and a file given by name with one of them is read.
pub const READ: &[&str] = &[
    "txt", "md", "markdown", "html", "htm", "shtml", "xhtml", "pdf",
];

/// Formats reports are often kept in that zfxxgk does not read, and what they are:
/// a file given by name with one of these extensions gets a row saying so, and no
/// attempt is made to decode it. (In a folder, every file not in [`READ`] is
/// skipped and counted.)
pub const NOT_READ: &[(&str, &str)] = &[
    ("doc", "a Word document"),
    ("docx", "a Word document"),
    ("wps", "a WPS document"),
    ("odt", "an OpenDocument text"),
    ("rtf", "an RTF document"),
    ("xls", "a spreadsheet"),
    ("xlsx", "a spreadsheet"),
    ("et", "a WPS spreadsheet"),
    ("ofd", "an OFD document"),
    ("png", "an image"),
    ("jpg", "an image"),
    ("jpeg", "an image"),
    ("gif", "an image"),
    ("bmp", "an image"),
    ("tif", "an image"),
    ("tiff", "an image"),
    ("webp", "an image"),
    ("zip", "an archive"),
    ("rar", "an archive"),
    ("7z", "an archive"),
    ("gz", "an archive"),
    ("tar", "an archive"),
];

/// What to do with a file of this name: read it, or say what it is.
enum Kind {
    Read,
    NotRead(&'static str),
    /// Not a known format: read when given by name, skipped in a folder.
    Unknown,
}

fn kind_of(path: &Path) -> Kind {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return Kind::Unknown;
    };
    if READ.iter().any(|r| ext.eq_ignore_ascii_case(r)) {
        return Kind::Read;
    }
    match NOT_READ.iter().find(|(e, _)| ext.eq_ignore_ascii_case(e)) {
        Some((_, what)) => Kind::NotRead(what),
        None => Kind::Unknown,
    }
}

/// Whether a file is a folder's README (`README.md`, `readme.txt`, …).
fn is_readme(path: &Path) -> bool {
    path.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| s.eq_ignore_ascii_case("readme"))
}

/// The row's message for a file given by name in a format zfxxgk does not read.
fn not_read_message(path: &Path, what: &str) -> String {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    format!(
        "This is {what} (.{ext}), not a format zfxxgk reads, so it was not opened: zfxxgk reads web pages (.html), PDF files (.pdf) and plain-text reports (.txt); convert the report to one of them and give that file."
    )
}

const FOLDER_TXT: &str =
    "This is a folder whose name ends like a report file (.txt, .html, .pdf), not a report file: rename it or leave it out.";

/// One input file, or one thing in the tree that should have been one and could not
/// be read (a broken link, a loop): it still gets a row in reports.csv.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path relative to the deepest folder common to the PATHs given,
    /// `/`-separated (see the module docs).
    pub report_id: String,
    pub path: PathBuf,
    /// Set when the file is not to be read, and why (the walk failed here, it is a
    /// folder, a format zfxxgk does not read): the row's message.
    pub walk_error: Option<String>,
    /// A note for the report's diagnostics (the file was reached more than once).
    pub note: Option<String>,
    /// Set when the same folder holds the same page in a format read in its place
    /// (`page.html` beside `page.txt`): the report id of the file that is read.
    pub duplicate_of: Option<String>,
}

impl Input {
    /// An input read from `path` under the id `report_id`.
    pub fn new(report_id: impl Into<String>, path: impl Into<PathBuf>) -> Input {
        Input {
            report_id: report_id.into(),
            path: path.into(),
            walk_error: None,
            note: None,
            duplicate_of: None,
        }
    }

    /// A file named by the user to be looked at alone (`zfxxgk check`): its id is
    /// the path as given; a folder or a format zfxxgk does not read gets a message
    /// instead of a read.
    pub fn named(path: &Path) -> Input {
        let mut input = Input::new(path.display().to_string(), path);
        if path.is_dir() {
            input.walk_error = Some(format!(
                "{} is a folder: check shows report files one at a time (zfxxgk check {}/*.txt); to read every report under a folder, use zfxxgk extract {}",
                path.display(),
                path.display(),
                path.display()
            ));
        } else if let Kind::NotRead(what) = kind_of(path) {
            input.walk_error = Some(not_read_message(path, what));
        }
        input
    }
}

/// The inputs of a run, sorted by report id, each file once; stored compactly
/// (one string holds every id, and a path is rebuilt from its root and id when it
/// is needed), since an archive holds hundreds of thousands of files and the list
/// is kept for the whole run.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    ids: String,
    items: Vec<Item>,
    roots: Vec<PathBuf>,
    /// Per root, where the path relative to it starts in an id (after the root's
    /// prefix).
    rels: Vec<u32>,
    /// What a few inputs need besides: a path that is not root + id (a file given
    /// by itself, a name that is not UTF-8), the walk's error, a note.
    extras: Vec<Extra>,
    /// Files in the folders walked that are not a format zfxxgk reads, by
    /// extension (lower case, `""` for none), most frequent first.
    skipped: Vec<(String, usize)>,
    /// Inputs given by name in a format zfxxgk does not read (rows, not read).
    not_read: usize,
    /// Inputs that were reached more than once (and are read once).
    duplicates: usize,
}

/// 16 bytes an input (3 MB at 200,000 inputs, held for the whole run).
#[derive(Debug, Clone, Copy)]
struct Item {
    start: u32,
    /// The id's length in bytes, and in the top bit whether the input was reached
    /// through a symbolic link (the entry or a folder above it).
    len_link: u32,
    root: u32,
    extra: u32,
}

const LINK: u32 = 1 << 31;

impl Item {
    fn len(&self) -> u32 {
        self.len_link & !LINK
    }

    fn link(&self) -> bool {
        self.len_link & LINK != 0
    }
}

#[derive(Debug, Clone, Default)]
struct Extra {
    path: Option<PathBuf>,
    walk_error: Option<String>,
    note: Option<String>,
    duplicate_of: Option<String>,
}

const NONE: u32 = u32::MAX;

impl Inputs {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The report id of input `i`.
    pub fn id(&self, i: usize) -> &str {
        let it = &self.items[i];
        &self.ids[it.start as usize..(it.start + it.len()) as usize]
    }

    /// Where the path relative to its root starts in the id of `it`.
    fn rel(&self, it: &Item) -> usize {
        self.rels.get(it.root as usize).map_or(0, |&r| r as usize)
    }

    /// Input `i`, with its path.
    pub fn get(&self, i: usize) -> Input {
        let it = self.items[i];
        let id = self.id(i);
        let extra = self.extras.get(it.extra as usize);
        let path = match extra.and_then(|e| e.path.clone()) {
            Some(p) => p,
            None => self.roots[it.root as usize].join(&id[self.rel(&it)..]),
        };
        Input {
            report_id: id.to_string(),
            path,
            walk_error: extra.and_then(|e| e.walk_error.clone()),
            note: extra.and_then(|e| e.note.clone()),
            duplicate_of: extra.and_then(|e| e.duplicate_of.clone()),
        }
    }

    /// Every input, in order.
    pub fn iter(&self) -> impl Iterator<Item = Input> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Files in the folders walked that are not a format zfxxgk reads, by
    /// extension (lower case, `""` for none), most frequent first.
    pub fn skipped(&self) -> &[(String, usize)] {
        &self.skipped
    }

    /// How many inputs were reached more than once (each is read once).
    pub fn duplicates(&self) -> usize {
        self.duplicates
    }

    /// How many inputs are to be read (every input but those given by name in a
    /// format zfxxgk does not read).
    pub fn to_read(&self) -> usize {
        self.len() - self.not_read
    }

    fn push(&mut self, id: &str, root: u32, extra: Option<Extra>, link: bool) {
        let start = self.ids.len() as u32;
        self.ids.push_str(id);
        let extra = match extra {
            Some(e) => {
                self.extras.push(e);
                (self.extras.len() - 1) as u32
            }
            None => NONE,
        };
        self.items.push(Item {
            start,
            len_link: (id.len() as u32 & !LINK) | if link { LINK } else { 0 },
            root,
            extra,
        });
    }

    /// Of the files of one walked folder that differ only in their extension
    /// (`page.html`, `page.pdf`, `page.txt`: the same page as a crawler stores it),
    /// the best one is read (HTML, else PDF, else text: see
    /// [`crate::parse::input::duplicates`]) and the others are marked as its
    /// duplicates. Files given by name are read as given.
    fn mark_duplicates(&mut self) {
        let mut dups = Vec::new();
        for root in 0..self.roots.len() as u32 {
            let index: Vec<usize> = (0..self.len())
                .filter(|&i| self.items[i].root == root)
                .collect();
            let ids: Vec<&str> = index.iter().map(|&i| self.id(i)).collect();
            for (d, b) in crate::parse::input::duplicates(&ids) {
                dups.push((index[d], index[b]));
            }
        }
        for (i, best) in dups {
            let best = self.id(best).to_string();
            self.extra_mut(i).duplicate_of = Some(best);
        }
    }

    fn extra_mut(&mut self, i: usize) -> &mut Extra {
        if self.items[i].extra == NONE {
            self.extras.push(Extra::default());
            self.items[i].extra = (self.extras.len() - 1) as u32;
        }
        &mut self.extras[self.items[i].extra as usize]
    }

    /// The file input `i` is, for telling whether two inputs are one file:
    /// `None` when it cannot be had (a file gone).
    fn canonical(&self, i: usize, canon_roots: &[Option<PathBuf>]) -> Option<PathBuf> {
        let it = self.items[i];
        let extra = self.extras.get(it.extra as usize);
        if extra.is_some_and(|e| e.walk_error.is_some()) {
            // Not to be read (a broken link, a .docx): the entry itself, where it is.
            let p = self.get(i).path;
            let folder = match p.parent()? {
                d if d.as_os_str().is_empty() => std::fs::canonicalize(".").ok()?,
                d => std::fs::canonicalize(d).ok()?,
            };
            return Some(folder.join(p.file_name()?));
        }
        let plain = !it.link() && extra.is_none_or(|e| e.path.is_none());
        if plain {
            if let Some(Some(root)) = canon_roots.get(it.root as usize) {
                return Some(root.join(&self.id(i)[self.rel(&it)..]));
            }
        }
        std::fs::canonicalize(self.get(i).path).ok()
    }

    /// The message of a run that finds nothing to read, naming what was skipped
    /// and why; `None` when there is something to read.
    pub fn nothing_to_read(&self, paths: &[PathBuf]) -> Option<String> {
        if self.to_read() > 0 {
            return None;
        }
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        let mut parts = Vec::new();
        if !self.skipped.is_empty() {
            let mut kinds: Vec<String> = self
                .skipped
                .iter()
                .take(4)
                .map(|(ext, n)| {
                    let ext = if ext == "README" {
                        return format!("{n} README {}", if *n == 1 { "file" } else { "files" });
                    } else if ext.is_empty() {
                        "without extension".to_string()
                    } else {
                        format!(".{ext}")
                    };
                    match (n, ext.starts_with('.')) {
                        (1, true) => format!("1 {ext} file"),
                        (1, false) => format!("1 file {ext}"),
                        (n, true) => format!("{n} {ext} files"),
                        (n, false) => format!("{n} files {ext}"),
                    }
                })
                .collect();
            let rest: usize = self.skipped.iter().skip(4).map(|(_, n)| n).sum();
            if rest > 0 {
                kinds.push(format!("{rest} others"));
            }
            let list = match kinds.len() {
                1 => kinds.remove(0),
                _ => {
                    let last = kinds.pop().unwrap_or_default();
                    format!("{} and {last}", kinds.join(", "))
                }
            };
            parts.push(format!("{list} skipped: not a format zfxxgk reads"));
        }
        for input in self.iter() {
            if let Kind::NotRead(what) = kind_of(&input.path) {
                parts.push(format!("{} is {what}", input.path.display()));
            }
        }
        let advice = if parts.is_empty() {
            parts.push(match shown.len() {
                1 => "there are no files in it".to_string(),
                _ => "there are no files in them".to_string(),
            });
            ""
        } else {
            " zfxxgk reads web pages (*.html, *.htm), PDF files (*.pdf) and plain-text or markdown reports (*.txt, *.md); convert the reports to one of them first."
        };
        Some(format!(
            "found no report to read in {}: {}.{advice}",
            shown.join(", "),
            parts.join("; ")
        ))
    }
}

/// A path made absolute against `cwd`, with `.` dropped and `..` taken by name.
fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in cwd.join(p).components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The deepest folder that holds all of `paths`.
fn common_folder(paths: &[PathBuf]) -> PathBuf {
    let Some(first) = paths.first() else {
        return PathBuf::new();
    };
    let mut common: Vec<Component> = first.components().collect();
    for p in &paths[1..] {
        let n = common
            .iter()
            .zip(p.components())
            .take_while(|(a, b)| *a == b)
            .count();
        common.truncate(n);
    }
    common.iter().collect()
}

/// Lists the inputs under `roots`, sorted by report id, each file once.
pub fn discover(roots: &[PathBuf]) -> crate::Result<Inputs> {
    // `-` is standard input: one report, read when its turn comes.
    let stdin = roots.iter().any(|r| r.as_os_str() == "-");
    let roots: Vec<PathBuf> = roots
        .iter()
        .filter(|r| r.as_os_str() != "-")
        .cloned()
        .collect();
    let roots = roots.as_slice();
    let cwd = std::env::current_dir().map_err(|e| crate::Error::Input {
        path: PathBuf::from("."),
        source: e,
    })?;
    let mut is_dir = Vec::with_capacity(roots.len());
    let mut abs = Vec::with_capacity(roots.len());
    for root in roots {
        let meta = std::fs::metadata(root).map_err(|e| crate::Error::Input {
            path: root.clone(),
            source: e,
        })?;
        is_dir.push(meta.is_dir());
        abs.push(absolute(&cwd, root));
    }
    let holders: Vec<PathBuf> = abs
        .iter()
        .zip(&is_dir)
        .map(|(a, &d)| match d {
            true => a.clone(),
            false => a.parent().map(Path::to_path_buf).unwrap_or_default(),
        })
        .collect();
    let base = common_folder(&holders);

    let mut out = Inputs::default();
    let mut skipped = std::collections::HashMap::new();
    let mut any_link = false;
    let mut canon_roots: Vec<Option<PathBuf>> = Vec::new();
    for (k, root) in roots.iter().enumerate() {
        let rel = abs[k].strip_prefix(&base).unwrap_or(&abs[k]);
        if !is_dir[k] {
            let id = report_id(rel);
            let mut extra = Extra {
                path: Some(root.clone()),
                ..Extra::default()
            };
            if let Kind::NotRead(what) = kind_of(root) {
                extra.walk_error = Some(not_read_message(root, what));
                out.not_read += 1;
            }
            let link = std::fs::symlink_metadata(root).is_ok_and(|m| m.is_symlink());
            out.push(&id, NONE, Some(extra), link);
            continue;
        }
        let mut prefix = report_id(rel);
        if !prefix.is_empty() {
            prefix.push('/');
        }
        out.roots.push(root.clone());
        out.rels.push(prefix.len() as u32);
        canon_roots.push(std::fs::canonicalize(root).ok());
        let ri = (out.roots.len() - 1) as u32;
        any_link |= walk(root, ri, &prefix, &mut out, &mut skipped);
    }
    let mut skipped: Vec<(String, usize)> = skipped.into_iter().collect();
    skipped.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out.skipped = skipped;

    // Two inputs can be one file only through a link or PATHs that overlap (the
    // same PATH twice, a file inside a folder given, a folder inside another).
    let canon_all: Vec<PathBuf> = roots
        .iter()
        .filter_map(|r| std::fs::canonicalize(r).ok())
        .collect();
    let overlap = canon_all.iter().enumerate().any(|(i, a)| {
        canon_all
            .iter()
            .enumerate()
            .any(|(j, b)| i != j && a.starts_with(b))
    });
    if overlap || any_link {
        one_input_per_file(&mut out, &canon_roots);
    }
    if stdin {
        let extra = Extra {
            path: Some(PathBuf::from("-")),
            ..Extra::default()
        };
        out.push("-", NONE, Some(extra), false);
    }
    sort_and_number(&mut out);
    out.mark_duplicates();
    Ok(out)
}

/// Keeps one input per file: of the inputs that are one file, the one reached
/// without a link, the first in id order among equals, with a note naming the
/// others.
fn one_input_per_file(out: &mut Inputs, canon_roots: &[Option<PathBuf>]) {
    let mut by_file: std::collections::HashMap<PathBuf, Vec<usize>> =
        std::collections::HashMap::new();
    for i in 0..out.len() {
        if let Some(c) = out.canonical(i, canon_roots) {
            by_file.entry(c).or_default().push(i);
        }
    }
    let mut drop = vec![false; out.len()];
    let mut notes = Vec::new();
    for (_, mut group) in by_file {
        if group.len() < 2 {
            continue;
        }
        group.sort_by(|&a, &b| {
            (out.items[a].link(), out.id(a)).cmp(&(out.items[b].link(), out.id(b)))
        });
        let keep = group[0];
        let mut others: Vec<&str> = group[1..]
            .iter()
            .map(|&i| out.id(i))
            .filter(|&id| id != out.id(keep))
            .collect();
        others.sort_unstable();
        others.dedup();
        let note = if others.is_empty() {
            "This file was given more than once (the same PATH twice, or PATHs that overlap): it is read once.".to_string()
        } else {
            let shown: Vec<&str> = others.iter().take(3).copied().collect();
            let more = match others.len() {
                n if n > 3 => format!(" and {} more", n - 3),
                _ => String::new(),
            };
            format!(
                "This file was also reached as {}{more} (a link, or PATHs that overlap): it is read once, under this id.",
                shown.join(", ")
            )
        };
        notes.push((keep, note));
        for &i in &group[1..] {
            drop[i] = true;
        }
    }
    out.duplicates = notes.len();
    for (i, note) in notes {
        out.extra_mut(i).note = Some(note);
    }
    let mut k = 0;
    out.items.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// Sorts the inputs by id; different files that came to one id (names that are
/// not UTF-8 read alike) are told apart by `#2`, `#3`.
fn sort_and_number(out: &mut Inputs) {
    let Inputs { ids, items, .. } = out;
    let key = |it: &Item| &ids[it.start as usize..(it.start + it.len()) as usize];
    items.sort_by(|a, b| key(a).cmp(key(b)));
    let clash = items.windows(2).any(|w| key(&w[0]) == key(&w[1]));
    if clash {
        let old = std::mem::take(out);
        // Among equal ids, in the order of the paths themselves, so that the same
        // file gets the same number in every run.
        let mut order: Vec<usize> = (0..old.len()).collect();
        order.sort_by(|&a, &b| (old.id(a), old.get(a).path).cmp(&(old.id(b), old.get(b).path)));
        let mut seen = 0usize;
        for (k, &i) in order.iter().enumerate() {
            let it = old.items[i];
            let id = old.id(i);
            if k > 0 && old.id(order[k - 1]) == id {
                seen += 1;
                let input = old.get(i);
                let new_id = format!("{id}#{}", seen + 1);
                let extra = Extra {
                    path: Some(input.path),
                    walk_error: input.walk_error,
                    duplicate_of: input.duplicate_of,
                    note: Some(format!(
                        "Another file's name reads as {id} too (names that are not UTF-8): this one is {new_id}."
                    )),
                };
                out.push(&new_id, NONE, Some(extra), it.link());
            } else {
                seen = 0;
                let extra = old.extras.get(it.extra as usize).cloned();
                out.push(id, it.root, extra, it.link());
            }
        }
        out.roots = old.roots;
        out.rels = old.rels;
        out.skipped = old.skipped;
        out.not_read = old.not_read;
        out.duplicates = old.duplicates;
        let Inputs { ids, items, .. } = out;
        let key = |it: &Item| &ids[it.start as usize..(it.start + it.len()) as usize];
        items.sort_by(|a, b| key(a).cmp(key(b)));
    }
    out.items.shrink_to_fit();
    out.ids.shrink_to_fit();
}

/// Walks one folder; whether any entry was reached through a link.
fn walk(
    root: &Path,
    ri: u32,
    prefix: &str,
    out: &mut Inputs,
    skipped: &mut std::collections::HashMap<String, usize>,
) -> bool {
    let mut id = String::new();
    let mut any_link = false;
    // The depth of the outermost linked folder the walk is inside.
    let mut link_depth: Option<usize> = None;
    for entry in walkdir::WalkDir::new(root).follow_links(true) {
        match entry {
            Ok(e) => {
                if link_depth.is_some_and(|d| e.depth() <= d) {
                    link_depth = None;
                }
                // (The root itself may be a link: its files are plain below it.)
                if e.depth() > 0 && e.path_is_symlink() && link_depth.is_none() {
                    link_depth = Some(e.depth());
                }
                let link = link_depth.is_some();
                any_link |= link;
                let is_dir = e.file_type().is_dir();
                match kind_of(e.path()) {
                    // A folder's README.md (or .txt) describes the folder, it is
                    // no report: skipped and counted (read when given by name).
                    Kind::Read if !is_dir && is_readme(e.path()) => {
                        *skipped.entry("README".to_string()).or_default() += 1;
                        continue;
                    }
                    Kind::Read => {}
                    _ if is_dir => continue,
                    _ => {
                        let ext = e
                            .path()
                            .extension()
                            .map(|x| x.to_string_lossy().to_lowercase())
                            .unwrap_or_default();
                        // An archive of odd names is counted, not listed name by name.
                        if skipped.len() < 64 || skipped.contains_key(&ext) {
                            *skipped.entry(ext).or_default() += 1;
                        } else {
                            *skipped.entry("…".to_string()).or_default() += 1;
                        }
                        continue;
                    }
                }
                let rel = e.path().strip_prefix(root).unwrap_or(e.path());
                id.clear();
                id.push_str(prefix);
                let exact = push_report_id(&mut id, rel);
                // The path is rebuilt as root + id unless the id had to change
                // the name (not UTF-8) or the entry is not a plain file.
                let extra = if is_dir {
                    Some(Extra {
                        path: Some(e.path().to_path_buf()),
                        walk_error: Some(FOLDER_TXT.into()),
                        ..Extra::default()
                    })
                } else if !exact {
                    Some(Extra {
                        path: Some(e.path().to_path_buf()),
                        ..Extra::default()
                    })
                } else {
                    None
                };
                out.push(&id, ri, extra, link);
            }
            Err(err) => {
                // A loop or an unreadable folder: record it where it happened.
                let Some(path) = err.path().map(Path::to_path_buf) else {
                    continue;
                };
                let rel = path.strip_prefix(root).unwrap_or(&path);
                let what = if err.loop_ancestor().is_some() {
                    "This link leads into a loop of folders: remove the link.".to_string()
                } else {
                    format!(
                        "The walk could not read this entry ({}): check its permissions.",
                        io_reason(&err)
                    )
                };
                id.clear();
                id.push_str(prefix);
                push_report_id(&mut id, rel);
                let extra = Extra {
                    path: Some(path.clone()),
                    walk_error: Some(what),
                    ..Extra::default()
                };
                out.push(&id, ri, Some(extra), false);
            }
        }
    }
    any_link
}

fn io_reason(err: &walkdir::Error) -> String {
    err.io_error()
        .map(|e| e.kind().to_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// A relative path as a report id: components joined by `/`. Names that are not
/// valid UTF-8 (GBK names from Windows zip archives) are decoded as GB18030 when
/// that works, else shown with replacement characters.
pub fn report_id(rel: &Path) -> String {
    let mut id = String::new();
    push_report_id(&mut id, rel);
    id
}

/// Appends the report id of `rel` to `id`; whether every name was valid UTF-8 (so
/// that root + id is the path again).
fn push_report_id(id: &mut String, rel: &Path) -> bool {
    let mut exact = true;
    let mut first = true;
    for c in rel.components() {
        let os = match c {
            Component::Normal(os) => os,
            // An absolute path (no folder in common): its names, without the root.
            _ => continue,
        };
        if !first {
            id.push('/');
        }
        first = false;
        match os.to_str() {
            Some(s) => id.push_str(s),
            None => {
                exact = false;
                id.push_str(&lossy_name(os));
            }
        }
    }
    exact
}

#[cfg(unix)]
fn lossy_name(os: &std::ffi::OsStr) -> String {
    use std::os::unix::ffi::OsStrExt;
    let bytes = os.as_bytes();
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        String::from_utf8_lossy(bytes).into_owned()
    } else {
        text.into_owned()
    }
}

#[cfg(not(unix))]
fn lossy_name(os: &std::ffi::OsStr) -> String {
    os.to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_paths_resolve_dots_by_name() {
        let cwd = Path::new("/home/u/work");
        assert_eq!(
            absolute(cwd, Path::new("./a/../b")),
            Path::new("/home/u/work/b")
        );
        assert_eq!(absolute(cwd, Path::new("../x")), Path::new("/home/u/x"));
        assert_eq!(absolute(cwd, Path::new("/abs/./y")), Path::new("/abs/y"));
    }

    #[test]
    fn the_common_folder_is_the_deepest_that_holds_all() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(common_folder(&[p("/a/b/c")]), p("/a/b/c"));
        assert_eq!(common_folder(&[p("/a/p/2021"), p("/a/q/2021")]), p("/a"));
        assert_eq!(common_folder(&[p("/a/bc"), p("/a/b")]), p("/a"));
        assert_eq!(common_folder(&[p("/x"), p("/y")]), p("/"));
        assert_eq!(report_id(Path::new("/")), "");
        assert_eq!(report_id(Path::new("p/2021/x.txt")), "p/2021/x.txt");
    }
}
