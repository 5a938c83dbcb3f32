//! Which files a library holds: every file of a supported format under the folder, recursively,
//! skipping hidden entries (so `.pangzhu/`, the index, is never read), annotation sidecars and
//! folders of sidecars. Paths are relative to the library folder with `/` between components,
//! sorted: the order of every listing and of search results.

use std::path::{Path, PathBuf};

use crate::document::import::Format;

/// One document found: its relative path and where it is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub relative: String,
    pub path: PathBuf,
}

/// Every supported document under `root`, sorted by relative path. Unreadable subfolders are
/// skipped (reported through `skipped`), so one bad folder never stops an index.
pub fn scan(root: &Path, skipped: &mut Vec<String>) -> std::io::Result<Vec<Found>> {
    let mut found = Vec::new();
    // The root itself must be readable: that is a real error, not a folder to skip.
    let entries = std::fs::read_dir(root)?;
    let mut stack = vec![(PathBuf::new(), entries)];
    while let Some((prefix, entries)) = stack.pop() {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_skipped_name(&name) {
                continue;
            }
            let relative = prefix.join(&name);
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            // Symlinks are followed only to files: a link to a folder could loop.
            let is_dir = kind.is_dir();
            let is_file = kind.is_file()
                || (kind.is_symlink() && entry.path().metadata().is_ok_and(|m| m.is_file()));
            if is_dir {
                match std::fs::read_dir(entry.path()) {
                    Ok(sub) => stack.push((relative, sub)),
                    Err(err) => skipped.push(format!("{}: {err}", entry.path().display())),
                }
            } else if is_file && is_supported(&name) {
                found.push(Found {
                    relative: slash_path(&relative),
                    path: entry.path(),
                });
            }
        }
    }
    found.sort_by(|a, b| a.relative.cmp(&b.relative));
    Ok(found)
}

/// Hidden files and folders, sidecars (`NAME.EXT.pangzhu.ron`, their `.bak`, per-device
/// folders `NAME.EXT.pangzhu/`) and editors' temporary files.
fn is_skipped_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || name.ends_with(".pangzhu")
        || name.contains(".pangzhu.")
}

fn is_supported(name: &str) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| Format::EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn slash_path(relative: &Path) -> String {
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The path a document is shown under: the library folder as the user gave it, joined with
/// the document's relative path (what `pangzhu search FILE` prints for that file).
pub fn shown_path(root: &Path, relative: &str) -> PathBuf {
    relative
        .split('/')
        .fold(root.to_path_buf(), |p, c| p.join(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_supported_files_and_skips_hidden_and_sidecars() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        for rel in [
            "a.txt",
            "sub/b.md",
            "sub/deeper/c.HTML",
            "sub/notes.pangzhu.ron",
            "a.txt.pangzhu.ron",
            "a.txt.pangzhu/laptop.ron",
            ".pangzhu/index/x.txt",
            ".hidden.txt",
            "image.png",
        ] {
            let path = shown_path(root, rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&path, "文本").expect("write");
        }
        let mut skipped = Vec::new();
        let found: Vec<String> = scan(root, &mut skipped)
            .expect("scan")
            .into_iter()
            .map(|f| f.relative)
            .collect();
        assert_eq!(found, ["a.txt", "sub/b.md", "sub/deeper/c.HTML"]);
        assert!(skipped.is_empty());
    }
}
