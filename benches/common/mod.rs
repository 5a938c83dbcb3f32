//! Shared by the benchmarks: the bundled sample documents (`assets/samples`, copies of the shared
//! corpus), so every bench measures the same input.
#![allow(dead_code)]

use std::path::PathBuf;

#[cfg(feature = "gui")]
pub mod frames;

/// `(three-character name, text)` of each sample, sorted by file name.
pub fn sample_texts() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
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

/// All samples joined by a blank line.
pub fn joined_samples() -> String {
    sample_texts()
        .into_iter()
        .map(|(_, text)| text)
        .collect::<Vec<_>>()
        .join("\n\n")
}
