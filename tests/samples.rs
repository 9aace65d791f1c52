//! The constructed samples (samples/constructed, one per layout and encoding):
//! every cell, its state and the metadata exactly as in its truth file.

use crate::util::{parse_file, score, truth};

fn check_sample(name: &str) {
    let rel = format!("samples/constructed/{name}");
    let t = truth(&rel.replace(".txt", ".truth.json"));
    let r = parse_file(&rel);
    let s = score(&r, &t);
    assert!(s.misses.is_empty(), "{name}: {:?}", s.misses);
    let cells = t["cells"].as_object().map_or(0, |c| c.len());
    // Every cell the file holds is listed in its truth, and nothing more is read.
    let read = r.keyed_cells().iter().filter(|(_, s)| s.is_some()).count();
    assert_eq!(read, cells, "{name}: cells read");
    let m = &t["meta"];
    assert_eq!(
        r.template.as_ref().map(|t| t.id()),
        m["template"].as_str(),
        "{name}: template"
    );
    assert_eq!(
        r.meta.year.map(u64::from),
        m["year"].as_u64(),
        "{name}: year"
    );
    assert_eq!(
        r.meta.organ.as_deref(),
        m["organ"].as_str(),
        "{name}: organ"
    );
    assert_eq!(
        r.meta.issuer.as_deref(),
        m["issuer"].as_str(),
        "{name}: issuer"
    );
    let date = r
        .meta
        .report_date
        .map(|(y, mo, d)| format!("{y:04}-{mo:02}-{d:02}"));
    assert_eq!(
        date.as_deref(),
        m["report_date"].as_str(),
        "{name}: report_date"
    );
    assert_eq!(r.encoding, m["encoding"].as_str(), "{name}: encoding");
    if let Some(layout) = m["layout"].as_str() {
        assert_eq!(r.layout, layout, "{name}: layout");
    }
}

macro_rules! sample_tests {
    ($($test:ident => $file:literal,)*) => {
        $(#[test] fn $test() { check_sample($file); })*
    };
}

sample_tests! {
    tab_cells_2021 => "tab-cells-2021.txt",
    blank_line_2019 => "blank-line-2019.txt",
    newline_2021 => "newline-2021.txt",
    pipe_2021 => "pipe-2021.txt",
    pipe_cellperline_2019 => "pipe-cellperline-2019.txt",
    row_tabs_2020 => "row-tabs-2020.txt",
    space_aligned_2022 => "space-aligned-2022.txt",
    glued_2021 => "glued-2021.txt",
    gbk_2020 => "gbk-2020.txt",
    utf8_bom_crlf_2021 => "utf8-bom-crlf-2021.txt",
    utf16le_2021 => "utf16le-2021.txt",
    traditional_2020 => "traditional-2020.txt",
    truncated_2021 => "truncated-2021.txt",
}

#[test]
fn not_a_report() {
    let r = parse_file("samples/constructed/not-a-report.txt");
    assert_eq!(r.status, zfxxgk::Status::NotReport);
    assert!(r.keyed_cells().is_empty());
    assert!(r.message.contains("does not look like"), "{}", r.message);
}

#[test]
fn truncated_is_partial_and_keeps_its_cells() {
    let r = parse_file("samples/constructed/truncated-2021.txt");
    assert_eq!(r.status, zfxxgk::Status::Partial);
    assert!(r.message.contains("cut short"), "{}", r.message);
}

#[test]
fn glued_sample_is_recovered_not_guessed() {
    let r = parse_file("samples/constructed/glued-2021.txt");
    let recovered = r
        .keyed_cells()
        .iter()
        .filter(|(_, s)| s.is_some_and(|s| s.state == zfxxgk::model::State::Recovered))
        .count();
    assert!(recovered > 150, "{recovered}");
    assert_eq!(r.status, zfxxgk::Status::Ok);
}

/// Units: printed in the header (`采购总金额(万元)`), in the cell (`86.2万元`,
/// Traditional `萬元`), or nowhere (the amount keeps no unit, the count keeps the
/// template's).
#[test]
fn units_come_from_cell_header_or_template() {
    let unit = |file: &str, key: &str| -> String {
        let r = parse_file(&format!("samples/constructed/{file}"));
        let t = r.reading_template.as_deref().expect("template");
        let (ti, _, ci, slot) = r
            .cells()
            .into_iter()
            .find(|&(ti, ri, ci, _)| {
                let table = &t.tables()[ti];
                format!(
                    "2/{}/{}/{}",
                    table.item(),
                    table.rows()[ri].key(),
                    table.cols()[ci].key()
                ) == key
            })
            .expect("cell");
        let col = &t.tables()[ti].cols()[ci];
        slot.and_then(|s| s.unit)
            .or(r.tables.tables[ti].col_units[ci])
            .or(col.unit())
            .map_or(String::new(), |u| u.as_str().to_string())
    };
    assert_eq!(
        unit("blank-line-2019.txt", "2/20.9/procurement/amount"),
        "万元"
    );
    assert_eq!(
        unit("row-tabs-2020.txt", "2/20.9/procurement/amount"),
        "万元"
    );
    assert_eq!(
        unit("traditional-2020.txt", "2/20.9/procurement/amount"),
        "万元"
    );
    assert_eq!(
        unit("pipe-cellperline-2019.txt", "2/20.9/procurement/amount"),
        ""
    );
    assert_eq!(
        unit("pipe-cellperline-2019.txt", "2/20.9/procurement/projects"),
        "项"
    );
    assert_eq!(unit("tab-cells-2021.txt", "2/20.8/fees/amount"), "万元");
}

/// A column label printed in two pieces on two rendered rows (`商业` … `企业`) is
/// read as one label, not set aside.
#[test]
fn split_column_labels_are_joined() {
    let r = parse_file("samples/constructed/newline-2021.txt");
    let t = r.reading_template.as_deref().expect("template");
    let label = |key: &str| -> String {
        r.tables
            .labels
            .iter()
            .find(|l| {
                let table = &t.tables()[l.table];
                table.section() == 3
                    && l.axis == zfxxgk::model::Axis::Col
                    && table.cols()[l.index].key() == key
            })
            .map(|l| l.text.clone())
            .unwrap_or_default()
    };
    assert_eq!(label("business"), "商业企业");
    assert_eq!(label("research"), "科研机构");
    assert!(!r.diags.iter().any(|d| d.message.contains("`企业`")));
}
