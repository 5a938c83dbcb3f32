//! Annotation speed: load and save of 10,000 annotations (target < 100 ms each), re-anchoring
//! 10,000 annotations on a changed 5 MB document (target < 1 s). Also the save that has to
//! merge another device's change first (no target: it is the rare case), and the load of a
//! document two devices annotated (two files of 10,000 annotations each, merged).
//!
//! `cargo bench --no-default-features --bench annotations`

mod common;

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use pangzhu::annotation::{Anchor, Annotation, AnnotationSet};
use pangzhu::document::Document;
use pangzhu::span::TextSpan;
use pangzhu::storage::Sidecar;

const TARGET_BYTES: usize = 5 * 1024 * 1024;
const ANNOTATIONS: usize = 10_000;

/// About 5 MB of real text: the corpus documents repeated, each copy numbered so that
/// passages differ between copies as chapters of a long book do.
fn big_text() -> String {
    let sources: Vec<String> = common::sample_texts().into_iter().map(|(_, t)| t).collect();
    let mut text = String::new();
    let mut copy = 0;
    while text.len() < TARGET_BYTES && !sources.is_empty() {
        for s in &sources {
            copy += 1;
            text.push_str(&format!("\n\n第{copy}部分\n\n"));
            text.push_str(s);
        }
    }
    text
}

/// Changed: a preface inserted at the start, another passage in the middle, and one in every
/// fifty paragraphs edited.
fn changed_text(text: &str) -> String {
    let middle = text.len() / 2;
    let cut = (middle..text.len())
        .find(|&i| text.is_char_boundary(i) && text[i..].starts_with('\n'))
        .unwrap_or(middle);
    let mut out = String::from("新增的前言：本版重新从PDF导出，修订了若干段落。\n\n");
    out.push_str(&text[..cut]);
    out.push_str("\n\n中间插入的一段新的说明文字。\n\n");
    out.push_str(&text[cut..]);
    out.split("\n\n")
        .enumerate()
        .map(|(i, p)| {
            if i % 50 == 7 {
                p.replacen('的', "之", 1)
            } else {
                p.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn annotated(doc: &Document) -> AnnotationSet {
    let text = doc.text();
    let mut set = AnnotationSet::new();
    let (tag, _) = set.ensure_tag("主题/测试", None).expect("tag");
    let step = text.len() / ANNOTATIONS;
    for i in 0..ANNOTATIONS {
        let start = TextSpan::snapped(text, i * step, i * step).start();
        let end = TextSpan::snapped(text, start + 24, start + 24).end();
        let Some(anchor) = Anchor::new(doc, TextSpan::new(start, end.min(text.len()))) else {
            continue;
        };
        let note = (i % 10 == 0).then(|| format!("第{i}条备注"));
        let _ = set.add(
            Annotation::new(anchor)
                .with_tag(tag.clone())
                .with_note(note),
        );
    }
    set
}

fn benches(c: &mut Criterion) {
    let text = big_text();
    let doc = Document::from_text("big.txt", &text);
    let set = annotated(&doc);
    let changed = Document::from_text("big.txt", &changed_text(&text));
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.txt.pangzhu.ron");
    let mut group = c.benchmark_group("annotations");
    group.sample_size(10);
    group.bench_function("save_10k", |b| {
        b.iter_batched(
            || (Sidecar::open_at(&path, &doc, "bench"), set.clone()),
            |(mut opened, mut s)| opened.sidecar.save(black_box(&mut s)).expect("save"),
            BatchSize::LargeInput,
        );
    });
    // The rarer save: another device changed its file since it was loaded, so that file is
    // parsed and joined before writing. In a folder of its own (a copy of the first), so
    // `load_10k` below still reads one device's file and `load_10k_two_devices` two.
    let shared = dir.path().join("shared.txt.pangzhu.ron");
    let shared_folder = dir.path().join("shared.txt.pangzhu");
    std::fs::create_dir_all(&shared_folder).expect("folder");
    let first = dir.path().join("big.txt.pangzhu/bench.ron");
    std::fs::copy(&first, shared_folder.join("bench.ron")).expect("copy");
    group.bench_function("save_10k_merging_another_writer", |b| {
        b.iter_batched(
            || {
                let mine = Sidecar::open_at(&shared, &doc, "bench");
                let mut theirs = Sidecar::open_at(&shared, &doc, "colleague");
                let changed = theirs.set.iter().next().cloned().map(|mut a| {
                    a.note = Some(format!("{}+", a.note.unwrap_or_default()));
                    a
                });
                if let Some(changed) = changed {
                    theirs.set.update(changed).expect("update");
                }
                theirs.sidecar.save(&mut theirs.set).expect("their save");
                mine
            },
            |mut opened| {
                let report = opened.sidecar.save(black_box(&mut opened.set));
                assert_eq!(report.expect("save").theirs, 1);
            },
            BatchSize::LargeInput,
        );
    });
    group.bench_function("load_10k", |b| {
        b.iter(|| {
            let opened = Sidecar::open_at(black_box(&path), &doc, "bench");
            assert_eq!(opened.set.len(), set.len());
        });
    });
    group.bench_function("load_10k_two_devices", |b| {
        b.iter(|| {
            let opened = Sidecar::open_at(black_box(&shared), &doc, "bench");
            assert_eq!(opened.set.len(), set.len());
        });
    });
    group.bench_function("reanchor_10k_changed_5mb", |b| {
        b.iter_batched(
            || set.clone(),
            |mut s| {
                let report = s.reanchor(black_box(&changed));
                assert!(report.moved > ANNOTATIONS / 2);
            },
            BatchSize::LargeInput,
        );
    });
    group.finish();
}

criterion_group!(annotation_benches, benches);
criterion_main!(annotation_benches);
