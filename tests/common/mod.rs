//! Shared helpers for integration tests: where the shared corpus and its gold data live.
#![allow(dead_code)]

use std::path::PathBuf;

#[cfg(feature = "gui")]
pub mod gui;

/// `../shared/corpus` beside the repository (CI clones the repo with `shared/` beside it).
/// `PANGZHU_CORPUS` overrides it.
pub fn corpus_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("PANGZHU_CORPUS") {
        return PathBuf::from(dir);
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    assert!(
        dir.join("gold").is_dir(),
        "the shared corpus is missing at {} (set PANGZHU_CORPUS)",
        dir.display()
    );
    dir
}

/// The five sample documents, sorted by name.
pub fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    assert_eq!(files.len(), 5, "expected five sample documents");
    files
}

pub fn gold(name: &str) -> serde_json::Value {
    let path = corpus_dir().join("gold").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The sample whose file name starts with `prefix` ("000" … "004"), opened and cleaned.
pub fn open_sample(prefix: &str) -> pangzhu::document::Document {
    let path = corpus_files()
        .into_iter()
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no sample {prefix}"));
    pangzhu::document::Document::open(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// The practice documents stored in `tests/data/practice/` (real PDF extractions).
pub fn practice_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/practice")
}

/// Every practice document, sorted by name.
pub fn practice_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(practice_dir())
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    assert_eq!(files.len(), 5, "expected five practice documents");
    files
}

/// The cleanup kept its promise on `doc` (nothing lost, the source map round-trips); the
/// first violations are shown with `what` (the file).
pub fn assert_lossless(doc: &pangzhu::document::Document, what: &std::path::Path) {
    let violations = pangzhu::document::lossless::check(doc);
    assert!(
        violations.is_empty(),
        "{}: {:?}",
        what.display(),
        &violations[..violations.len().min(5)]
    );
}
