//! Timeline extraction throughput on an already-cleaned document: the five sample documents,
//! and a ~5 MB document made by repeating them (checks that time grows linearly with size).
//!
//! `cargo bench --no-default-features --bench timeline`

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pangzhu::document::Document;
use pangzhu::extract::timeline::{TimelineOptions, extract_timeline};

fn bench_timeline(c: &mut Criterion) {
    let text = common::joined_samples();
    assert!(!text.is_empty(), "the shared corpus is missing");
    let corpus = Document::from_text("corpus", &text);
    let repeats = (5_000_000 / text.len()).max(1);
    let big = Document::from_text("big", &vec![text.as_str(); repeats].join("\n\n"));
    let opts = TimelineOptions::default();

    let mut group = c.benchmark_group("timeline");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    for (name, doc) in [("corpus", &corpus), ("corpus_x_5mb", &big)] {
        group.throughput(Throughput::Bytes(doc.text().len() as u64));
        group.bench_function(name, |b| b.iter(|| extract_timeline(black_box(doc), &opts)));
    }
    group.finish();
}

criterion_group!(benches, bench_timeline);
criterion_main!(benches);
