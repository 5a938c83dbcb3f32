//! Import + cleanup throughput: each corpus document, the whole corpus, and a ~5 MB document
//! made by repeating it (the cost must grow linearly).
//! Run: `cargo bench --bench cleanup`

mod common;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use pangzhu::document::Document;

fn repeated(target: usize) -> Vec<u8> {
    let all = common::joined_samples() + "\n\n";
    all.repeat(target / all.len() + 1).into_bytes()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("import_and_cleanup");
    group.sample_size(20);
    for (name, text) in common::sample_texts() {
        let bytes = text.into_bytes();
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
