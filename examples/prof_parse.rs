fn main() {
    let f = std::env::args().nth(1).unwrap();
    let n: usize = std::env::args()
        .nth(2)
        .map(|s| s.parse().unwrap())
        .unwrap_or(3000);
    let bytes = std::fs::read(f).unwrap();
    let t = std::time::Instant::now();
    let mut c = 0;
    for _ in 0..n {
        c += zfxxgk::parse_report("x", &bytes).cells_read();
    }
    let s = t.elapsed().as_secs_f64();
    eprintln!("{c} {:.1} MB/s", (bytes.len() * n) as f64 / s / 1e6);
}
