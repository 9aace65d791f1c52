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
