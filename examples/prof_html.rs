fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).unwrap();
    let n: usize = args[2].parse().unwrap();
    let t = std::time::Instant::now();
    let mut k = 0;
    for _ in 0..n {
        k += zfxxgk::parse_as(
            "x.html",
            zfxxgk::model::Format::Html,
            std::hint::black_box(&bytes),
        )
        .text
        .len();
    }
    let s = t.elapsed().as_secs_f64();
    println!("{k} {:.1} MB/s", (bytes.len() * n) as f64 / 1e6 / s);
}
