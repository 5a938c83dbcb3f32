//! Segmentation throughput (ours vs jieba-rs alone), segmenter load, index build and query
//! latency on 20 MB of text (the sample corpus repeated).

mod common;

fn sample_texts() -> Vec<String> {
    common::sample_texts().into_iter().map(|(_, t)| t).collect()
}

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pangzhu::document::Document;
use pangzhu::nlp::Segmenter;
use pangzhu::nlp::index::DocumentIndex;
use pangzhu::nlp::search::{SearchMode, SearchQuery};

const TWENTY_MB: usize = 20 * 1024 * 1024;

fn big_document(texts: &[String]) -> Document {
    let mut text = String::with_capacity(TWENTY_MB + 1024 * 1024);
    while text.len() < TWENTY_MB {
        for t in texts {
            text.push_str(t);
            text.push('\n');
        }
    }
    Document::from_text("20mb", &text)
}

fn segmentation(c: &mut Criterion) {
    let texts = sample_texts();
    let docs: Vec<Document> = texts.iter().map(|t| Document::from_text("s", t)).collect();
    let segmenter = Segmenter::builtin();
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    let mut group = c.benchmark_group("segmentation");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("jieba_rs_alone", |b| {
        b.iter(|| {
            let mut n = 0;
            for doc in &docs {
                for block in doc.blocks() {
                    n += segmenter.jieba().cut(doc.block_text(block), true).len();
                }
            }
            black_box(n)
        });
    });
    group.bench_function("pangzhu_segment", |b| {
        b.iter(|| {
            let n: usize = docs
                .iter()
                .map(|d| segmenter.segment(d).words().len())
                .sum();
            black_box(n)
        });
    });
    group.finish();
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("segmenter_builtin", |b| {
        b.iter(|| black_box(Segmenter::builtin()))
    });
    group.finish();
}

fn index_and_queries(c: &mut Criterion) {
    let doc = big_document(&sample_texts());
    let segmenter = Segmenter::builtin();
    let words = segmenter.segment(&doc);
    let mut group = c.benchmark_group("index_20mb");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(doc.text().len() as u64));
    group.bench_function("fold_and_post", |b| {
        b.iter(|| black_box(DocumentIndex::with_words(&doc, words.clone())));
    });
    group.finish();
    let index = DocumentIndex::with_words(&doc, words);
    let mut group = c.benchmark_group("query_20mb");
    for (name, text, mode) in [
        ("literal_rare", "孔子学院", SearchMode::Literal),
        ("literal_common", "中亚", SearchMode::Literal),
        ("literal_traditional", "孔子學院", SearchMode::Literal),
        ("literal_one_char", "亚", SearchMode::Literal),
        ("whole_word", "中亚", SearchMode::WholeWord),
        ("regex", "孔子学院|上合组织", SearchMode::Regex),
    ] {
        let query = SearchQuery::new(text, mode).expect("valid query");
        group.bench_function(name, |b| b.iter(|| black_box(query.find(&index).len())));
    }
    group.finish();
}

criterion_group!(benches, segmentation, index_and_queries);
criterion_main!(benches);
