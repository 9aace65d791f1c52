//! Finding the reports: each path is a file or a folder; folders are walked
//! recursively for `*.txt`. Inputs are sorted by report id so every run sees them in
//! the same order, whatever the file system returns.

use std::path::{Path, PathBuf};

/// One input file, or one thing in the tree that should have been one and could not
/// be read (a broken link, a loop): it still gets a row in reports.csv.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path relative to the input root, `/`-separated (the file name itself when
    /// the path given was a file).
    pub report_id: String,
    pub path: PathBuf,
    /// Set when the walk itself failed here.
    pub walk_error: Option<String>,
}

/// The inputs of a run, sorted by report id, duplicates removed; stored compactly
/// (one string holds every id, and a path is rebuilt from its root and id when it
/// is needed), since an archive holds hundreds of thousands of files and the list
/// is kept for the whole run.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    ids: String,
    items: Vec<Item>,
    roots: Vec<PathBuf>,
    /// What a few inputs need besides: a path that is not root + id (a file given
    /// by itself, a name that is not UTF-8), or the walk's error.
    extras: Vec<Extra>,
}

#[derive(Debug, Clone, Copy)]
struct Item {
    start: u32,
    len: u32,
    /// Where the path relative to the root starts in the id (after a root prefix).
    rel: u32,
    root: u32,
    extra: u32,
}

#[derive(Debug, Clone)]
struct Extra {
    path: Option<PathBuf>,
    walk_error: Option<String>,
}

const NONE: u32 = u32::MAX;

impl Inputs {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The report id of input `i`.
    pub fn id(&self, i: usize) -> &str {
        let it = &self.items[i];
        &self.ids[it.start as usize..(it.start + it.len) as usize]
    }

    /// Input `i`, with its path.
    pub fn get(&self, i: usize) -> Input {
        let it = self.items[i];
        let id = self.id(i);
        let extra = self.extras.get(it.extra as usize);
        let path = match extra.and_then(|e| e.path.clone()) {
            Some(p) => p,
            None => self.roots[it.root as usize].join(&id[it.rel as usize..]),
        };
        Input {
            report_id: id.to_string(),
            path,
            walk_error: extra.and_then(|e| e.walk_error.clone()),
        }
    }

    /// Every input, in order.
    pub fn iter(&self) -> impl Iterator<Item = Input> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    fn push(&mut self, id: &str, rel: usize, root: u32, extra: Option<Extra>) {
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
            len: id.len() as u32,
            rel: rel as u32,
            root,
            extra,
        });
    }
}

/// Lists the inputs under `roots`, sorted by report id, duplicates removed.
pub fn discover(roots: &[PathBuf]) -> crate::Result<Inputs> {
    let mut out = Inputs::default();
    for root in roots {
        let meta = std::fs::metadata(root).map_err(|e| crate::Error::io(root, e))?;
        if meta.is_file() {
            let id = root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| root.to_string_lossy().into_owned());
            let extra = Extra {
                path: Some(root.clone()),
                walk_error: None,
            };
            out.push(&id, 0, NONE, Some(extra));
            continue;
        }
        out.roots.push(root.clone());
        let ri = (out.roots.len() - 1) as u32;
        walk(root, ri, roots.len() > 1, &mut out);
    }
    let Inputs { ids, items, .. } = &mut out;
    let key = |it: &Item| &ids[it.start as usize..(it.start + it.len) as usize];
    items.sort_by(|a, b| key(a).cmp(key(b)));
    items.dedup_by(|a, b| key(a) == key(b));
    items.shrink_to_fit();
    ids.shrink_to_fit();
    Ok(out)
}

fn walk(root: &Path, ri: u32, prefix_root: bool, out: &mut Inputs) {
    let prefix = if prefix_root {
        root.file_name()
            .map(|n| format!("{}/", n.to_string_lossy()))
            .unwrap_or_default()
    } else {
        String::new()
    };
    let mut id = String::new();
    for entry in walkdir::WalkDir::new(root).follow_links(true) {
        match entry {
            Ok(e) => {
                if !is_txt(e.path()) {
                    continue;
                }
                let rel = e.path().strip_prefix(root).unwrap_or(e.path());
                id.clear();
                id.push_str(&prefix);
                let exact = push_report_id(&mut id, rel);
                // The path is rebuilt as root + id unless the id had to change
                // the name (not UTF-8) or the entry is not a plain file.
                let extra = if e.file_type().is_dir() {
                    Some(Extra {
                        path: Some(e.path().to_path_buf()),
                        walk_error: Some(
                            "This is a folder whose name ends in .txt, not a report file: rename it or leave it out."
                                .into(),
                        ),
                    })
                } else if !exact {
                    Some(Extra {
                        path: Some(e.path().to_path_buf()),
                        walk_error: None,
                    })
                } else {
                    None
                };
                out.push(&id, prefix.len(), ri, extra);
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
                id.push_str(&prefix);
                push_report_id(&mut id, rel);
                let extra = Extra {
                    path: Some(path.clone()),
                    walk_error: Some(what),
                };
                out.push(&id, prefix.len(), ri, Some(extra));
            }
        }
    }
}

fn io_reason(err: &walkdir::Error) -> String {
    err.io_error()
        .map(|e| e.kind().to_string())
        .unwrap_or_else(|| "unknown error".into())
}

fn is_txt(p: &Path) -> bool {
    p.extension()
        .map(|e| e.eq_ignore_ascii_case("txt"))
        .unwrap_or(false)
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
    for (k, c) in rel.components().enumerate() {
        if k > 0 {
            id.push('/');
        }
        let os = c.as_os_str();
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
