//! Opening a 300-page PDF: poppler's three passes plus cleanup (`Document::open`), and the
//! whole load the GUI waits for before the first page of text shows (`LoadedDocument::load`,
//! with footnotes, timeline, segmentation and names). The PDF is the committed test pages
//! (tests/data/pdf) joined 75 times with poppler's `pdfunite`: 300 pages of real Chinese text.
//! Also EPUB, DOCX and HTML of one 58 KB article (`structured_open`).
//! Run: `cargo bench --bench pdf_open` (needs poppler-utils).

use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{Criterion, criterion_group, criterion_main};
use pangzhu::app::jobs::Progress;
use pangzhu::app::loaded::LoadedDocument;
use pangzhu::document::Document;

fn three_hundred_pages(dir: &Path) -> PathBuf {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pdf");
    let pages = ["install-p14.pdf", "lshort-p20.pdf", "tlmgr-p1-2.pdf"];
    let out = dir.join("p300.pdf");
    let mut cmd = Command::new("pdfunite");
    for _ in 0..75 {
        for p in pages {
            cmd.arg(data.join(p));
        }
    }
    let status = cmd
        .arg(&out)
        .status()
        .expect("pdfunite (poppler-utils) must be installed");
    assert!(status.success(), "pdfunite failed");
    out
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tmp");
    let pdf = three_hundred_pages(dir.path());
    let doc = Document::open(&pdf).expect("opens");
    assert_eq!(doc.page_count(), 300, "the bench PDF has 300 pages");
    let mut group = c.benchmark_group("pdf_open");
    group.sample_size(10);
    group.bench_function("document_300_pages", |b| {
        b.iter(|| Document::open(&pdf).map(|d| d.text().len()))
    });
    group.bench_function("loaded_300_pages", |b| {
        b.iter(|| LoadedDocument::load(&pdf, &Progress::default()).map(|l| l.doc().text().len()))
    });
    group.finish();

    // The same article in the three structured containers (tests/data/formats).
    let mut group = c.benchmark_group("structured_open");
    group.sample_size(20);
    let formats = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/formats");
    for name in ["corpus000.epub", "corpus000.docx", "corpus000.html"] {
        let path = formats.join(name);
        group.bench_function(name, |b| {
            b.iter(|| Document::open(&path).map(|d| d.text().len()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
