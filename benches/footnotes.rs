//! Throughput of `extract_footnotes` on already-cleaned documents: each sample document, and a
//! ~5 MB document made by repeating the samples (linearity). Throughput counts raw bytes.

use std::path::PathBuf;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use pangzhu::document::Document;
use pangzhu::extract::footnotes::extract_footnotes;

fn corpus_texts() -> Vec<(String, String)> {
    let dir = std::env::var("PANGZHU_CORPUS").map_or_else(
        |_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
        PathBuf::from,
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    files
        .iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().chars().take(3).collect();
            Some((name, std::fs::read_to_string(p).ok()?))
        })
        .collect()
}

fn bench_footnotes(c: &mut Criterion) {
    let texts = corpus_texts();
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
