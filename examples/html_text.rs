//! Prints the text an HTML page is read as (tables as TAB-separated rows), each line
//! with its line in the HTML source: `cargo run --example html_text -- PAGE.html`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: html_text PAGE.html");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let page = zfxxgk::parse::input::html::read(&bytes);
    eprintln!("encoding {}, info {:?}", page.encoding, page.info);
    let mut off = 0;
    for line in page.text.split_inclusive('\n') {
        println!(
            "{:>5}  {}",
            page.source_line_at(off),
            line.trim_end_matches('\n')
        );
        off += line.len();
    }
}
