//! Parses one file N times and prints the throughput: the loop the profiles of the
//! README's Performance section are taken on. The first parse (templates, regexes and
//! automata built once per process) is done before the measured loop, so
//! `valgrind --tool=callgrind --toggle-collect=prof_parse::measured` counts the parses
//! alone: `cargo run --release --example prof_parse -- FILE [N]`.

fn main() {
    let Some(f) = std::env::args().nth(1) else {
        eprintln!("usage: prof_parse FILE [N]");
        std::process::exit(2);
    };
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000);
    let bytes = match std::fs::read(&f) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{f}: {e}");
            std::process::exit(2);
        }
    };
    // Warm-up: what a process builds once.
    let mut c = zfxxgk::parse_report("x", &bytes).cells_read();
    let t = std::time::Instant::now();
    c += measured(&bytes, n);
    let s = t.elapsed().as_secs_f64();
    eprintln!(
        "{c} {:.1} MB/s, {:.1} µs a parse",
        (bytes.len() * n) as f64 / s / 1e6,
        s / n.max(1) as f64 * 1e6
    );
}

#[inline(never)]
fn measured(bytes: &[u8], n: usize) -> usize {
    let mut c = 0;
    for _ in 0..n {
        c += zfxxgk::parse_report("x", std::hint::black_box(bytes)).cells_read();
    }
    c
}
