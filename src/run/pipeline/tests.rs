//! Unit tests of the pipeline.

use super::{process, DEFAULT_MAX_BYTES};
use crate::run::discover::{discover, Input};
use crate::Status;

#[test]
fn file_deleted_between_walk_and_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("in")).expect("mkdir");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/samples/dongxin-2020.txt"),
        dir.path().join("in/dongxin-2020.txt"),
    )
    .expect("copy");
    let gone = dir.path().join("in/gone.txt");
    std::fs::write(&gone, "x").expect("write");
    let inputs = discover(&[dir.path().join("in")]).expect("walk");
    assert_eq!(inputs.len(), 2);
    std::fs::remove_file(&gone).expect("rm");
    let reports: Vec<crate::Report> = inputs
        .iter()
        .map(|i| process(&i, DEFAULT_MAX_BYTES).0)
        .collect();
    assert_eq!(reports[0].report_id, "dongxin-2020.txt");
    assert_eq!(reports[0].status, Status::Ok);
    let r = &reports[1];
    assert_eq!(
        (r.report_id.as_str(), r.status),
        ("gone.txt", Status::Unreadable)
    );
    assert_eq!(
        r.message,
        "The file could not be opened (entity not found): check that it still exists and is readable."
    );
    // The same through an Input built by hand, as a caller of the library would.
    let input = Input::new("never-there.txt", dir.path().join("in/never-there.txt"));
    let (r, bytes) = process(&input, 1000);
    assert_eq!((r.status, bytes), (Status::Unreadable, 0));
    assert!(r.message.contains("still exists"), "{}", r.message);
}

/// A socket cannot be opened at all (the files are opened before they are asked
/// what they are): what it is is then asked of its path, and the row says so as it
/// does for a named pipe.
#[cfg(unix)]
#[test]
fn socket_named_like_a_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sock.txt");
    let _listener = std::os::unix::net::UnixListener::bind(&path).expect("bind");
    let (r, bytes) = process(&Input::new("sock.txt", &path), DEFAULT_MAX_BYTES);
    assert_eq!((r.status, bytes), (Status::Unreadable, 0));
    assert_eq!(
        r.message,
        "This is not a regular file (a named pipe, socket or device) although its name ends like a report file: leave it out."
    );
}

/// A folder opens (read-only) like a file: it is told apart by the stat of what
/// was opened.
#[test]
fn folder_given_as_an_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("x.txt");
    std::fs::create_dir(&path).expect("mkdir");
    let (r, bytes) = process(&Input::new("x.txt", &path), DEFAULT_MAX_BYTES);
    assert_eq!((r.status, bytes), (Status::Unreadable, 0));
    assert_eq!(
        r.message,
        "This is a folder whose name ends like a report file (.txt, .html, .pdf), not a report file: rename it or leave it out."
    );
}
