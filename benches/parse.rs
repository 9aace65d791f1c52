//! Parsing one report in memory, per layout (the "100 MB/s per core" target of
//! issue 4), and HTML pages (issue 11). Run: `cargo bench --bench parse`
//! (`cargo bench --bench parse -- html` for the pages only).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let root = env!("CARGO_MANIFEST_DIR");
    let files = [
        "samples/dongxin-2020.txt",
        "samples/constructed/blank-line-2019.txt",
        "samples/constructed/pipe-2021.txt",
        "samples/constructed/space-aligned-2022.txt",
        "samples/constructed/glued-2021.txt",
        "tests/fixtures/corpus/pdf/huaian-2024.txt",
        // Real crawler text with every table cell glued to the next (the split
        // search of src/parse/glued.rs).
        "tests/fixtures/corpus/pingtan/pingtan-2019.txt",
        "tests/fixtures/corpus/pingtan/pingtan-2020.txt",
        "tests/fixtures/corpus/pingtan/pingtan-2021.txt",
        // Typical sizes (narrative and tables), from examples/gen_corpus.rs, seed 1.
        "benches/data/generated-tab-cells.txt",
        "benches/data/generated-blank-line-cells.txt",
        "benches/data/generated-pipe.txt",
        "benches/data/generated-row-per-line.txt",
    ];
    let mut g = c.benchmark_group("parse_report");
    for f in files {
        let bytes = std::fs::read(format!("{root}/{f}")).expect("sample file");
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(f.rsplit('/').next().unwrap_or(f), |b| {
            b.iter(|| zfxxgk::parse_report("bench.txt", std::hint::black_box(&bytes)))
        });
    }
    g.finish();

    // HTML pages (the "50 MB/s per core" target of issue 11): the page turned into
    // text alone, and the whole report read from the page.
    let pages = [
        "tests/fixtures/html/portal-2021.html",
        "tests/fixtures/html/gbk-2020.html",
        "tests/fixtures/html/split-2020.html",
        "tests/fixtures/html/word-2021.html",
    ];
    let mut g = c.benchmark_group("html");
    for f in pages {
        let bytes = std::fs::read(format!("{root}/{f}")).expect("fixture page");
        let name = f.rsplit('/').next().unwrap_or(f);
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(format!("parse/{name}"), |b| {
            b.iter(|| {
                zfxxgk::parse_as(
                    "bench.html",
                    zfxxgk::model::Format::Html,
                    std::hint::black_box(&bytes),
                )
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
