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

/// Lists the inputs under `roots`, sorted by report id, duplicates removed.
pub fn discover(roots: &[PathBuf]) -> crate::Result<Vec<Input>> {
    let mut out = Vec::new();
    for root in roots {
        let meta = std::fs::metadata(root).map_err(|e| crate::Error::io(root, e))?;
        if meta.is_file() {
            let id = root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| root.to_string_lossy().into_owned());
            out.push(Input {
                report_id: id,
                path: root.clone(),
                walk_error: None,
            });
            continue;
        }
        walk(root, roots.len() > 1, &mut out);
    }
    out.sort_by(|a, b| a.report_id.cmp(&b.report_id));
    out.dedup_by(|a, b| a.report_id == b.report_id);
    Ok(out)
}

fn walk(root: &Path, prefix_root: bool, out: &mut Vec<Input>) {
    let prefix = if prefix_root {
        root.file_name()
            .map(|n| format!("{}/", n.to_string_lossy()))
            .unwrap_or_default()
    } else {
        String::new()
    };
    for entry in walkdir::WalkDir::new(root).follow_links(true) {
        match entry {
            Ok(e) => {
                if !is_txt(e.path()) {
                    continue;
                }
                let rel = e.path().strip_prefix(root).unwrap_or(e.path());
                let id = format!("{prefix}{}", report_id(rel));
                if e.file_type().is_dir() {
                    out.push(Input {
                        report_id: id,
                        path: e.path().to_path_buf(),
                        walk_error: Some(
                            "This is a folder whose name ends in .txt, not a report file: rename it or leave it out."
                                .into(),
                        ),
                    });
                } else {
                    out.push(Input {
                        report_id: id,
                        path: e.path().to_path_buf(),
                        walk_error: None,
                    });
                }
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
                out.push(Input {
                    report_id: format!("{prefix}{}", report_id(rel)),
                    path,
                    walk_error: Some(what),
                });
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
    let mut parts = Vec::new();
    for c in rel.components() {
        let os = c.as_os_str();
        match os.to_str() {
            Some(s) => parts.push(s.to_owned()),
            None => parts.push(lossy_name(os)),
        }
    }
    parts.join("/")
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
