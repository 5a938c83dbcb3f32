//! Import + cleanup throughput: each corpus document, the whole corpus, and a ~5 MB document
//! made by repeating it (the cost must grow linearly).
//! Run: `cargo bench --bench cleanup`

use std::path::PathBuf;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use pangzhu::document::Document;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().chars().take(3).collect();
            Some((name, std::fs::read(&p).ok()?))
        })
        .collect()
}

fn repeated(target: usize) -> Vec<u8> {
    let all: Vec<u8> = corpus()
        .into_iter()
        .flat_map(|(_, b)| {
            let mut b = b;
            b.extend_from_slice(b"\n\n");
            b
        })
        .collect();
    let mut out = Vec::with_capacity(target + all.len());
    while out.len() < target {
        out.extend_from_slice(&all);
    }
    out
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("import_and_cleanup");
    group.sample_size(20);
    for (name, bytes) in corpus() {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("doc", name), &bytes, |b, bytes| {
            b.iter(|| Document::from_bytes("bench.txt", bytes).map(|d| d.text().len()));
        });
    }
    for size in [1_000_000usize, 5_000_000] {
        let bytes = repeated(size);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("repeated", size), &bytes, |b, bytes| {
            b.iter(|| Document::from_bytes("bench.txt", bytes).map(|d| d.text().len()));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
