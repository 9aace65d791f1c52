//! Where a run's files are written before they are final: a temporary folder
//! `.zfxxgk-partial-PID` inside the output folder, moved into place only when the
//! run completes, so an interrupted or failed run leaves the previous outputs as
//! they were. Every output format (CSV, JSON Lines, Parquet) stages its files here.

use std::path::{Path, PathBuf};

use crate::Error;

/// Creates the output folder and its parents. A file standing where a folder must
/// be is said in words (the OS only says "File exists" or "Not a directory").
pub(crate) fn create_output_dir(dir: &Path) -> crate::Result<()> {
    let blocking = dir
        .ancestors()
        .filter(|a| !a.as_os_str().is_empty())
        .find(|a| a.exists())
        .filter(|a| !a.is_dir());
    if let Some(file) = blocking {
        return Err(Error::Usage(if file == dir {
            format!(
                "-o {}: that is an existing file, not a folder; give another -o",
                dir.display()
            )
        } else {
            format!(
                "-o {}: {} is an existing file, so no folder can be made under it; give another -o",
                dir.display(),
                file.display()
            )
        }));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))
}

/// Removes the temporary folders of runs that were killed (their process is gone),
/// so they do not pile up. A folder of a run still going on is left alone.
pub fn remove_stale_partials(dir: &Path) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(".zfxxgk-partial-"))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        // Where /proc cannot tell, every other run counts as alive.
        let alive = pid == std::process::id()
            || !cfg!(target_os = "linux")
            || Path::new(&format!("/proc/{pid}")).exists();
        if !alive {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Makes the temporary folder of a run inside `dir`: `.zfxxgk-partial-PID`.
pub(crate) fn partial_dir(dir: &Path) -> crate::Result<PathBuf> {
    create_output_dir(dir)?;
    remove_stale_partials(dir);
    let tmp = dir.join(format!(".zfxxgk-partial-{}", std::process::id()));
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
    }
    std::fs::create_dir(&tmp).map_err(|e| Error::io(&tmp, e))?;
    Ok(tmp)
}

/// Moves the files `names` from `tmp` into `dir` and removes `tmp`; then removes
/// `stale` from `dir`: the files of tables this run did not write, left by an
/// earlier run, which would otherwise sit beside the new ones describing other
/// reports. Every destination is checked before the first file moves, so a folder
/// standing where a file goes fails the run with the previous outputs whole.
pub(crate) fn move_into_place(
    tmp: &Path,
    dir: &Path,
    names: &[String],
    stale: &[String],
) -> crate::Result<()> {
    for name in names {
        let to = dir.join(name);
        if to.is_dir() {
            return Err(Error::Usage(format!(
                "{}: a folder stands where this file goes; move it away",
                to.display()
            )));
        }
    }
    for name in names {
        let from = tmp.join(name);
        let to = dir.join(name);
        std::fs::rename(&from, &to).map_err(|e| Error::io(&to, e))?;
    }
    std::fs::remove_dir(tmp).map_err(|e| Error::io(tmp, e))?;
    for name in stale {
        let old = dir.join(name);
        if old.is_file() {
            std::fs::remove_file(&old).map_err(|e| Error::io(&old, e))?;
        }
    }
    Ok(())
}
