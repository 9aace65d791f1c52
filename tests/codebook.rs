//! docs/codebook.md is generated from grammars/: it must be what the code generates
//! now, and `zfxxgk templates` must print the same codebook.

use crate::util::{root, zfxxgk};

/// The command that regenerates docs/codebook.md.
const REGENERATE: &str = "cargo run -- templates --markdown > docs/codebook.md";

fn committed() -> String {
    let path = root().join("docs/codebook.md");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; generate it with `{}`", path.display(), REGENERATE));
    // A checkout that turned line endings into CRLF is not out of date.
    text.replace("\r\n", "\n")
}

#[test]
fn docs_codebook_is_up_to_date() {
    let want = zfxxgk::present::codebook_markdown();
    assert!(
        committed() == want,
        "docs/codebook.md is out of date with grammars/ (or with src/codebook.rs): \
         regenerate it with `{}` and review the diff",
        REGENERATE
    );
}

#[test]
fn templates_prints_the_codebook() {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = zfxxgk(dir.path(), &["templates", "--markdown"], &[]);
    assert!(o.status.success());
    assert_eq!(String::from_utf8(o.stdout).expect("utf-8"), committed());

    let o = zfxxgk(dir.path(), &["templates"], &[]);
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).expect("utf-8");
    assert_eq!(text, zfxxgk::present::codebook_text());
    // Plain text: no Markdown pipes or backticks, and the same facts.
    assert!(!text.contains('`') && !text.contains("| "));
    for fact in [
        "s2_20_9_procurement_amount",
        "本年收费金额（单位：万元）",
        "other_no_correction",
        "s4_suit_after_review_total",
        "unresolved",
    ] {
        assert!(text.contains(fact), "{fact}");
    }
}
