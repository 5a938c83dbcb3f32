//! The sample documents shipped in `assets/samples/`, opened side by side on the first run.

use std::path::PathBuf;

/// The two samples shown on the first run (two articles on related subjects).
const FIRST_RUN: [&str; 2] = ["000_708c568e49ff463c.txt", "001_5869eaea54e14ba4.txt"];

/// Where the samples folder is: `PANGZHU_ASSETS`, beside the executable, or the source tree.
pub fn samples_dir() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(dir) = std::env::var_os("PANGZHU_ASSETS") {
        candidates.push(PathBuf::from(dir).join("samples"));
    }
    if let Ok(exe) = std::env::current_exe()
        && let Some(dir) = exe.parent()
    {
        candidates.push(dir.join("assets/samples"));
        candidates.push(dir.join("../share/pangzhu/samples"));
    }
    candidates.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples"));
    candidates.into_iter().find(|d| d.is_dir())
}

/// The first-run pair, those that exist.
pub fn first_run_samples() -> Vec<PathBuf> {
    samples_dir()
        .map(|dir| {
            FIRST_RUN
                .iter()
                .map(|name| dir.join(name))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_run_samples_are_found_in_the_source_tree() {
        assert_eq!(first_run_samples().len(), 2);
    }
}
