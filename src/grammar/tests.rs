//! Unit tests of template loading and matching.

use super::*;

#[test]
fn both_templates_load() {
    let ts = templates();
    assert_eq!(ts.len(), 2);
    let t19 = template("2019").unwrap();
    // 2019: section 2 has 6+6+6+2+2 = 22 cells plus the optional Hubei row (3);
    // section 3 has 23 rows × 7; section 4 has 3 × 5.
    let s2: usize = t19.section_tables(2).map(|(_, t)| t.n_cells()).sum();
    assert_eq!(s2, 25);
    assert_eq!(t19.section_tables(3).next().unwrap().1.n_cells(), 23 * 7);
    assert_eq!(t19.section_tables(4).next().unwrap().1.n_cells(), 15);
    let t21 = template("2021").unwrap();
    let s2: usize = t21.section_tables(2).map(|(_, t)| t.n_cells()).sum();
    assert_eq!(s2, 6 + 1 + 2 + 1 + 3);
    // 2021: 25 rows × 7, and the optional 2019 `（六）其他处理` row that stands in
    // for its three `other_*` rows when a report prints it instead.
    let (_, s3) = t21.section_tables(3).next().unwrap();
    assert_eq!(s3.n_cells(), 26 * 7);
    let other = s3.rows.iter().position(|r| r.key == "other").unwrap();
    let stood_for: Vec<&str> = s3.rows[other]
        .replaces
        .iter()
        .map(|&r| s3.rows[r].key.as_str())
        .collect();
    assert_eq!(
        stood_for,
        vec!["other_no_correction", "other_unpaid_fee", "other_misc"]
    );
    assert!(s3.rows[other].optional);
    assert_eq!(t19.checks.len(), 6);
    assert_eq!(t21.checks.len(), 6);
}

/// A key that CSV would have to quote (or that is not snake_case) is a grammar
/// error naming the key, not a malformed output file.
#[test]
fn keys_must_be_lower_case_ascii() {
    let (name, src) = SOURCES[1];
    for (from, to) in [
        ("key = \"regulation\"", "key = \"regu,lation\""),
        ("key = \"regulation\"", "key = \"Regulation\""),
    ] {
        assert!(src.contains(from));
        let bad = src.replacen(from, to, 1);
        let e = load(name, &bad)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        let key = to.trim_start_matches("key = ").trim_matches('"');
        assert!(e.contains(&format!("key `{key}`")), "{e}");
    }
    assert!(load(name, src).is_ok());
}

/// A loaded template with a compiled-in id takes that template's place; any
/// other id comes after them. The compiled-in set is left as it was.
#[test]
fn a_loaded_template_replaces_by_id_or_is_added() {
    let (name, src) = SOURCES[0];
    let mut g = Grammars::builtin().clone();
    let reworded = src.replacen("title = \"", "title = \"reworded ", 1);
    g.add(load(name, &reworded).unwrap());
    let ids: Vec<&str> = g.templates().iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, vec!["2019", "2021"]);
    assert!(g.templates()[0].title.starts_with("reworded "));
    assert!(!Grammars::is_builtin(&g.templates()[0]));
    assert!(Grammars::is_builtin(&g.templates()[1]));
    g.add(load(name, &src.replacen("id = \"2019\"", "id = \"x2019\"", 1)).unwrap());
    let ids: Vec<&str> = g.templates().iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, vec!["2019", "2021", "x2019"]);
    assert!(!templates()[0].title.starts_with("reworded "));
    // Pinning a loaded template gives the same one back each time.
    let p = pinned(&g.templates()[2]);
    assert!(std::ptr::eq(p, pinned(&g.templates()[2])));
    assert_eq!(p.id, "x2019");
}

#[test]
fn wide_columns_are_stable() {
    let cols = wide_columns();
    assert_eq!(cols[0], "s2_20_1_regulation_made");
    assert!(cols.contains(&"s2_20_9_procurement_amount".to_string()));
    assert!(cols.contains(&"s3_new_total".to_string()));
    assert!(cols.contains(&"s4_review_upheld".to_string()));
    assert!(cols.contains(&"s3_other_misc_total".to_string()));
    assert!(cols.contains(&"s2_20_1_regulation_issued".to_string()));
}
