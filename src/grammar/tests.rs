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

/// Labels read by likeness with the real templates: a row printed with a character
/// misread is read as that row (and says so); the near twins of each template, a
/// short label and a label far from every wording are not read.
#[test]
fn labels_read_by_likeness_in_the_templates() {
    use crate::parse::scan::scan;
    let read = |id: &str, section: u8, text: &str| -> Option<(String, bool)> {
        let t = template(id).unwrap();
        let m = t.matcher(section);
        let hits = scan(text, &m.patterns, &m.automaton);
        let h = hits.iter().next()?;
        let key = match choose_symbol(&h.pattern.symbols, true)? {
            Symbol::Row { table, row } => t.tables[table].rows[row].key.clone(),
            Symbol::Col { table, col } => t.tables[table].cols[col].key.clone(),
            Symbol::Group { .. } => "group".to_string(),
            Symbol::Caption { table } => format!("caption {}", t.tables[table].item),
            Symbol::Header { .. } => "header".to_string(),
        };
        Some((key, h.likeness.is_some()))
    };
    let like = |key: &str| Some((key.to_string(), true));
    // 不 → 木, 申 → 甲, 其 → 甚: one edit in 12, 11, 8 characters.
    assert_eq!(
        read("2021", 3, "1.本机关木掌握相关政府信息"),
        like("unavailable_not_held")
    );
    assert_eq!(
        read("2019", 3, "1.本机关木掌握相关政府倍息"),
        like("unavailable_not_held")
    );
    assert_eq!(
        read("2021", 2, "甚他主动公开文件"),
        like("other_active_docs")
    );
    assert_eq!(read("2021", 4, "未经复议直接起泝"), like("suit_direct"));
    // Found by a keyword as before (仍不明确, 不掌握): no likeness.
    let keyword = |key: &str| Some((key.to_string(), false));
    assert_eq!(
        read("2021", 3, "3.补正后甲请内容仍不明确"),
        keyword("unavailable_unclear")
    );
    assert_eq!(
        read("2019", 3, "1.本机关不掌握相关政府倍怠"),
        keyword("unavailable_not_held")
    );
    // Near twins: 本年制发件数 / 本年废止件数 (2021), 本年新制作数量 / 本年新公开数量
    // (2019), the rows 一、本年新收… / 二、上年结转… (both): one edit from one of the
    // two is never read.
    assert_eq!(read("2021", 2, "本年刺发件数"), None);
    assert_eq!(read("2021", 2, "本年废上件数"), None);
    assert_eq!(read("2019", 2, "本年新刺作数量"), None);
    assert_eq!(read("2019", 2, "本年新公幵数量"), None);
    assert_eq!(read("2021", 3, "二、上年结砖政府信息公开申请数量"), None);
    // Short labels never: 重复申请 → 童复申请, 行政处罚 → 行政外罚.
    assert_eq!(read("2021", 3, "2.童复申请"), None);
    assert_eq!(read("2021", 2, "行政外罚"), None);
    // Two edits in 11 characters: over the budget.
    assert_eq!(read("2021", 3, "3.补正后甲请内容仍木明确"), None);
    assert_eq!(read("2021", 3, "本段为正文叙述内容"), None);
}
