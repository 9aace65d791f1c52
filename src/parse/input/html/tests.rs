use super::body::{pairs, parse_date};
use super::*;

fn lines(p: &Page) -> Vec<&str> {
    p.text.lines().collect()
}

#[test]
fn grid_rows_and_lines() {
    let html = "<html><body>\n<div>\n<p>一、总体情况</p>\n<table>\n<tr><td rowspan=2>a</td><td>1</td></tr>\n<tr>\n<td>&nbsp;</td>\n</tr>\n<tr><td colspan=2>b<br>c</td><td>\n3</td></tr>\n</table>\n</div></body></html>";
    let p = read(html.as_bytes());
    assert_eq!(lines(&p), vec!["一、总体情况", "a\t1", "", "b c\t3", ""]);
    // The line of each piece in the source.
    assert_eq!(p.source_line_at(0), 3);
    let at = |s: &str| p.text.find(s).unwrap();
    assert_eq!(p.source_line_at(at("a\t")), 5);
    assert_eq!(p.source_line_at(at("1\n")), 5);
    assert_eq!(p.source_line_at(at("b c")), 9);
    assert_eq!(p.source_line_at(at("3\n")), 10);
    // The empty (&nbsp;) cell of row 2 is an empty line: its tag's line.
    assert_eq!(p.encoding, "utf-8");
}

#[test]
fn chinese_across_a_line_break_joins() {
    let p = read("<table><tr><td>本年新收\n  政府信息</td><td>1</td></tr></table>".as_bytes());
    assert_eq!(lines(&p), vec!["本年新收政府信息\t1", ""]);
}

#[test]
fn layout_table_is_text() {
    let html = "<table><tr><td>头</td><td><p>一、总体情况</p><table><tr><td>x</td><td>2</td></tr></table><p>尾</p></td></tr></table>";
    let p = read(html.as_bytes());
    assert_eq!(lines(&p), vec!["头", "一、总体情况", "x\t2", "", "尾"]);
}

#[test]
fn meta_charsets() {
    let gbk = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>\xb9\xe6\xd5\xc2</p></body></html>";
    let p = read(gbk);
    assert_eq!((p.encoding, lines(&p)), ("gbk", vec!["规章"]));
    let gbk = b"<meta charset='GBK'><p>\xb9\xe6\xd5\xc2</p>";
    assert_eq!(read(gbk).encoding, "gbk");
    // No declaration: sniffed.
    assert_eq!(read(b"<p>\xb9\xe6\xd5\xc2</p>").encoding, "gb18030");
    assert_eq!(read("<p>规章</p>".as_bytes()).encoding, "utf-8");
    // Declared GBK but UTF-8 bytes.
    let p = read("<meta charset=gb2312><p>规章</p>".as_bytes());
    assert_eq!((p.encoding, lines(&p)), ("utf-8", vec!["规章"]));
    assert_eq!(p.notes.len(), 1);
}

#[test]
fn info_table_and_dates() {
    let html = "<table><tr><td>索 引 号：</td><td>001/2021-1</td><td>发布机构：</td><td>某市人民政府办公室</td></tr><tr><td>发布日期：</td><td>2021-01-20</td></tr></table><p>发布机构：某局　发布日期：2021年1月22日</p>";
    let p = read(html.as_bytes());
    assert_eq!(
        p.info,
        Info {
            issuer: Some(("某市人民政府办公室".into(), 1)),
            published: Some(((2021, 1, 20), 1)),
        }
    );
    assert_eq!(parse_date("2021/1/2 10:00"), Some((2021, 1, 2)));
    assert_eq!(parse_date("2021年13月2日"), None);
    assert_eq!(parse_date("12"), None);
    assert_eq!(
        pairs("发布机构：某局发布日期：2021-01-22"),
        vec![("发布机构", "某局"), ("发布日期", "2021-01-22")]
    );
}

#[test]
fn hidden_elements_are_not_text() {
    let html = "<div style=\"DISPLAY: none\"><div><p>一、总体情况</p></div><p>x</p></div><p>y</p><div hidden>z</div><input type=hidden value=1><p>w</p>";
    assert_eq!(lines(&read(html.as_bytes())), vec!["y", "w"]);
}

#[test]
fn scripts_and_styles_are_not_text() {
    let p = read(b"<style>p{}</style><script>var a='<p>x</p>';</script><p>y</p>");
    assert_eq!(lines(&p), vec!["y"]);
}

#[test]
fn hostile_shapes_stay_linear() {
    // Wide colspans then many rows; thousands of unclosed and unmatched elements.
    let mut page = String::from("<table><tr>");
    page.push_str(&"<td colspan=1000>x".repeat(5000));
    page.push_str(&"<tr><td>1".repeat(20_000));
    page.push_str(&"<div><span>".repeat(20_000));
    page.push_str(&"</p></font>".repeat(20_000));
    let p = read(page.as_bytes());
    assert!(p.text.lines().count() >= 20_000);
}

#[test]
fn any_bytes() {
    for b in [
        &b""[..],
        b"<",
        b"<table",
        b"<td rowspan=99999999>",
        b"\xff\xfe\x00",
        b"<table><td colspan=-1>",
    ] {
        let _ = read(b);
    }
}

#[test]
fn title_from_the_head_when_the_page_shows_none() {
    let html = "<html><head><title>2021年某镇政府信息公开工作年度报告-某县人民政府</title></head><body><div><p>一、总体情况</p><p>二、主动公开政府信息情况</p><table><tr><td>规章</td><td>1</td></tr></table></div></body></html>";
    let p = super::read(html.as_bytes());
    assert_eq!(
        p.text.lines().next(),
        Some("2021年某镇政府信息公开工作年度报告-某县人民政府")
    );
    let r = crate::parse::input::parse_as("t.html", crate::model::Format::Html, html.as_bytes());
    assert_eq!(r.meta.year, Some(2021));
    assert_eq!(r.meta.organ.as_deref(), Some("某镇"));
}

/// Tags, entities, spans and text in any order: the page reader never panics, and
/// its text has as many source origins as it has lines and cells.
mod any_page {
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("<table>".to_string()),
            Just("</table>".to_string()),
            Just("<tr>".to_string()),
            Just("</tr>".to_string()),
            (0u32..30, 0u32..12).prop_map(|(r, c)| format!("<td rowspan={r} colspan={c}>")),
            Just("<td>".to_string()),
            Just("</td>".to_string()),
            Just("<th>".to_string()),
            Just("<p>".to_string()),
            Just("<br>".to_string()),
            Just("<div>".to_string()),
            Just("</div>".to_string()),
            Just("<script>".to_string()),
            Just("</script>".to_string()),
            Just("<img src=x>".to_string()),
            Just("&nbsp;".to_string()),
            Just("<meta charset=gbk>".to_string()),
            Just("一、总体情况".to_string()),
            Just("三、收到和处理政府信息公开申请情况".to_string()),
            Just("发布日期：2021-01-20".to_string()),
            "[0-9]{1,4}",
            "[\\x00-\\x7f]{0,6}",
            Just("\n".to_string()),
            Just("\r\n".to_string()),
        ]
    }

    proptest! {
        #[test]
        fn reader_never_panics(parts in proptest::collection::vec(piece(), 0..80)) {
            let page = parts.concat();
            let p = super::super::read(page.as_bytes());
            let lines = p.text.lines().count();
            prop_assert!(p.origins.len() >= lines);
            prop_assert!(p.origins.windows(2).all(|w| w[0].0 <= w[1].0));
            let _ = crate::parse::input::parse_as("x.html", crate::model::Format::Html, page.as_bytes());
        }

        #[test]
        fn any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = crate::parse::input::parse_as("x.html", crate::model::Format::Html, &bytes);
        }
    }
}
