//! Prints the text an HTML page is read as (tables as TAB-separated rows), each line
//! with its number in that text: `cargo run --example html_text -- PAGE.html`.
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
    let report = zfxxgk::parse_as(&path, zfxxgk::model::Format::Html, &bytes);
    eprintln!(
        "encoding {}, status {}",
        report.encoding.unwrap_or("-"),
        report.status.as_str()
    );
    for (n, line) in report.text.lines().enumerate() {
        println!("{:>5}  {line}", n + 1);
    }
}
