//! `--grammar FILE`: a template loaded at run time, through the real binary. The
//! expected numbers come from the sample's truth file (hand-checked), not from a
//! run of the tool.

use std::path::Path;

use crate::util::{read_csv, root, truth, zfxxgk};

const SAMPLE: &str = "samples/constructed/pipe-2021.txt";
const OLD_ROW: &str = "| 行政许可 |";
// A wording that shares nothing with 行政许可: one that resembled it would be read
// as the item's only row by its place, without the loaded template.
const NEW_ROW: &str = "| 审批事项 |";
const OLD_LABEL: &str = r#"{ key = "licensing", label = "行政许可", match = ["行政许可"] }"#;
const NEW_LABEL: &str = r#"{ key = "licensing", label = "审批事项", match = ["审批事项"] }"#;

/// A folder with the 2021 sample whose 20.5 row says 审批事项 instead of 行政许可,
/// and g.toml: the 2021 template with that row's label reworded the same way.
fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(root().join(SAMPLE)).expect("sample");
    assert_eq!(text.matches(OLD_ROW).count(), 1);
    std::fs::write(dir.path().join("r.txt"), text.replace(OLD_ROW, NEW_ROW)).expect("write");
    let g = std::fs::read_to_string(root().join("grammars/2021.toml")).expect("grammar");
    assert_eq!(g.matches(OLD_LABEL).count(), 1);
    std::fs::write(dir.path().join("g.toml"), g.replace(OLD_LABEL, NEW_LABEL)).expect("write");
    dir
}

fn licensing(dir: &Path, out: &str) -> (String, String) {
    let rows = read_csv(&dir.join(out).join("cells.csv"));
    let row = rows
        .iter()
        .find(|r| r["item"] == "20.5" && r["row"] == "licensing")
        .expect("the licensing cell has a row");
    (row["state"].clone(), row["value"].clone())
}

#[test]
fn a_reworded_label_is_read_with_the_loaded_template() {
    let dir = setup();
    let want = truth(&SAMPLE.replace(".txt", ".truth.json"))["cells"]["2/20.5/licensing/decisions"]
        .as_i64()
        .expect("truth value");
    assert_eq!(want, 268);
    // The compiled-in template does not know the wording.
    let out = zfxxgk(dir.path(), &["extract", "r.txt", "-o", "plain", "-q"], &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(licensing(dir.path(), "plain").0, "missing");
    // The loaded one replaces the 2021 template (same id) and reads it.
    let out = zfxxgk(
        dir.path(),
        &[
            "extract",
            "r.txt",
            "-o",
            "loaded",
            "-q",
            "--grammar",
            "g.toml",
        ],
        &[],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        licensing(dir.path(), "loaded"),
        ("number".to_string(), want.to_string())
    );
    let reports = read_csv(&dir.path().join("loaded/reports.csv"));
    assert_eq!(reports[0]["status"], "ok");
    assert_eq!(reports[0]["template"], "2021");
    // check and templates take it too.
    let out = zfxxgk(dir.path(), &["check", "r.txt", "--grammar", "g.toml"], &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("status    ok"), "{text}");
    let out = zfxxgk(dir.path(), &["templates", "--grammar", "g.toml"], &[]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("审批事项"));
    let out = zfxxgk(dir.path(), &["templates"], &[]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("审批事项"));
}

#[test]
fn a_template_with_a_new_id_is_added() {
    let dir = setup();
    let g = std::fs::read_to_string(dir.path().join("g.toml")).expect("read");
    let g = g.replacen("id = \"2021\"", "id = \"2021_local\"", 1);
    std::fs::write(dir.path().join("local.toml"), g).expect("write");
    let out = zfxxgk(dir.path(), &["templates", "--grammar", "local.toml"], &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("2021_local"), "{text}");
    assert!(text.contains("行政许可") && text.contains("审批事项"));
}

#[test]
fn a_malformed_grammar_names_file_and_key_and_exits_2() {
    let dir = setup();
    let g = std::fs::read_to_string(dir.path().join("g.toml")).expect("read");
    let cases = [
        // A key the loader does not know.
        (
            "unknown.toml",
            g.replacen("fallback_years", "fallback_yeers", 1),
            "fallback_yeers",
        ),
        // A key that is not lower-case ASCII.
        (
            "upper.toml",
            g.replacen("key = \"licensing\"", "key = \"Licensing\"", 1),
            "Licensing",
        ),
        // A check naming a row the template does not have.
        (
            "check.toml",
            g.replacen(
                "lhs = [\"new\", \"carried_in\"]",
                "lhs = [\"new\", \"carried\"]",
                1,
            ),
            "carried",
        ),
    ];
    for (name, src, key) in cases {
        assert_ne!(src, g, "{name}: the case changes the file");
        std::fs::write(dir.path().join(name), src).expect("write");
        for cmd in [
            vec!["extract", "r.txt", "-o", "out", "--grammar", name],
            vec!["check", "r.txt", "--grammar", name],
            vec!["templates", "--grammar", name],
        ] {
            let out = zfxxgk(dir.path(), &cmd, &[]);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{cmd:?}: {err}");
            assert!(err.contains(&format!("grammar {name}:")), "{err}");
            assert!(err.contains(key), "{err}");
        }
    }
    assert!(!dir.path().join("out").exists());
    let out = zfxxgk(dir.path(), &["templates", "--grammar", "none.toml"], &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("grammar none.toml: cannot be read"), "{err}");
}
