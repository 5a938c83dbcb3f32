//! Throughput of `extract_footnotes` on already-cleaned documents: each sample document, and a
//! ~5 MB document made by repeating the samples (linearity). Throughput counts raw bytes.

mod common;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use pangzhu::document::Document;
use pangzhu::extract::footnotes::extract_footnotes;

fn bench_footnotes(c: &mut Criterion) {
    let texts = common::sample_texts();
    let mut group = c.benchmark_group("footnotes");
    for (name, text) in &texts {
        let doc = Document::from_text(name.as_str(), text);
        group.throughput(Throughput::Bytes(doc.raw().text().len() as u64));
        group.bench_with_input(BenchmarkId::new("doc", name), &doc, |b, doc| {
            b.iter(|| extract_footnotes(doc));
        });
    }
    let all: String = texts.iter().map(|(_, t)| format!("{t}\n\n")).collect();
    for target in [1_000_000usize, 5_000_000] {
        let copies = target.div_ceil(all.len().max(1));
        let big = Document::from_text("repeated", &all.repeat(copies));
        let bytes = big.raw().text().len();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.sample_size(10);
        group.bench_with_input(
            BenchmarkId::new("repeated", format!("{}KB", bytes / 1000)),
            &big,
            |b, doc| b.iter(|| extract_footnotes(doc)),
        );
    }
    group.finish();
}

criterion_group!(benches, bench_footnotes);
criterion_main!(benches);
