//! The files one document's annotations are read from: every device file in the sidecar
//! folder, the format 1 file beside the document, and the conflict copies sync tools leave of
//! either. Each is read only when it changed since it was last read.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::error::StorageError;
use super::location::{DEVICE_FILE_EXT, Placement, folder_of};

/// What a file in the sidecar's places is, which decides what a save may do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// This device's file: the only one written.
    Own,
    /// Another device's file: read, never written or removed.
    Device,
    /// `legacy*.ron` in the folder: a migrated format 1 file, read, never written.
    Legacy,
    /// The format 1 file beside the document: read, moved into the folder on the next save.
    LegacyBeside,
    /// A sync tool's conflict copy: read, removed once its content is in this device's file.
    Conflict,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    pub kind: SourceKind,
}

/// A file as it was last read: cheap metadata to notice a change, the hash to tell whether
/// the content really changed (sync tools touch files they did not change).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: blake3::Hash,
}

/// Whether a file name is a conflict copy: Syncthing (`x.sync-conflict-20261207-101010-ABCDEFG.ron`),
/// Nextcloud, ownCloud and Dropbox (`x (conflicted copy 2026-12-07).ron`,
/// `x (Bob's conflicted copy …).ron`), Seafile (`x (SFConflict …).ron`).
pub fn is_conflict_copy(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.contains(".sync-conflict-")
        || lower.contains("conflicted copy")
        || lower.contains("sfconflict")
}

fn is_legacy_name(stem: &str) -> bool {
    stem == "legacy" || stem.starts_with("legacy-")
}

/// Every file the annotations of `placement` are read from, in a stable order.
pub fn list(placement: &Placement, device: &str) -> Vec<Source> {
    let mut out = Vec::new();
    let own = placement.device_file(device);
    for (path, name) in ron_files(&placement.folder()) {
        let stem = name.strip_suffix(".ron").unwrap_or(&name);
        let kind = if path == own {
            SourceKind::Own
        } else if is_conflict_copy(&name) {
            SourceKind::Conflict
        } else if is_legacy_name(stem) {
            SourceKind::Legacy
        } else {
            SourceKind::Device
        };
        out.push(Source { path, kind });
    }
    if placement.path.is_file() {
        out.push(Source {
            path: placement.path.clone(),
            kind: SourceKind::LegacyBeside,
        });
    }
    let legacy_name = placement
        .path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy();
    let legacy_stem = legacy_name.strip_suffix(".ron").unwrap_or(&legacy_name);
    for (path, name) in ron_files(&folder_of(&placement.path)) {
        if name.starts_with(legacy_stem) && name != legacy_name && is_conflict_copy(&name) {
            out.push(Source {
                path,
                kind: SourceKind::Conflict,
            });
        }
    }
    out
}

/// Visible `*.ron` files of `dir` (hidden ones are temp files of this app or a sync tool).
fn ron_files(dir: &Path) -> Vec<(PathBuf, String)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(PathBuf, String)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_owned();
            let ron = Path::new(&name)
                .extension()
                .is_some_and(|x| x == DEVICE_FILE_EXT);
            (ron && !name.starts_with('.') && e.file_type().ok()?.is_file())
                .then(|| (e.path(), name))
        })
        .collect();
    files.sort();
    files
}

/// Length and modification time, `None` if the file is gone.
pub fn metadata(path: &Path) -> Option<(u64, Option<SystemTime>)> {
    let meta = fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

/// Whether `path` may have changed since `seen` (a file never read has).
pub fn may_have_changed(path: &Path, seen: &BTreeMap<PathBuf, Seen>) -> bool {
    match (metadata(path), seen.get(path)) {
        (Some((len, modified)), Some(s)) => len != s.len || modified != s.modified,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// The bytes of a file and what to remember of it; `None` if it is gone.
pub fn read(path: &Path) -> Result<Option<(Vec<u8>, Seen)>, StorageError> {
    let meta = metadata(path);
    match fs::read(path) {
        Ok(bytes) => {
            let (len, modified) = meta.unwrap_or((bytes.len() as u64, None));
            let hash = blake3::hash(&bytes);
            Ok(Some((
                bytes,
                Seen {
                    len,
                    modified,
                    hash,
                },
            )))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(StorageError::Read {
            path: path.to_owned(),
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_copies_of_the_usual_sync_tools_are_recognised() {
        for name in [
            "alice.sync-conflict-20261207-101010-ABCDEFG.ron",
            "alice (conflicted copy 2026-12-07).ron",
            "alice (Bob's conflicted copy 2026-12-07).ron",
            "alice (SFConflict bob@example.com 2026-12-07-10-10-10).ron",
            "报告.txt.pangzhu.sync-conflict-20261207-101010-ABCDEFG.ron",
        ] {
            assert!(is_conflict_copy(name), "{name}");
        }
        for name in ["alice.ron", "legacy.ron", "conflicts-of-interest.ron"] {
            assert!(!is_conflict_copy(name), "{name}");
        }
    }

    #[test]
    fn files_are_classified() {
        let dir = tempfile::tempdir().expect("tempdir");
        let placement = Placement {
            path: dir.path().join("报告.txt.pangzhu.ron"),
            fallback: false,
        };
        let folder = placement.folder();
        fs::create_dir_all(&folder).expect("folder");
        for name in [
            "alice.ron",
            "bob.ron",
            "legacy.ron",
            "bob.sync-conflict-20261207-101010-ABCDEFG.ron",
            "alice.ron.bak",
            ".pangzhu-0123456789abcdef-Ab3xZ9.tmp",
            ".syncthing.bob.ron.tmp",
        ] {
            fs::write(folder.join(name), "x").expect("write");
        }
        fs::write(&placement.path, "x").expect("legacy");
        let conflict = dir
            .path()
            .join("报告.txt.pangzhu (conflicted copy 2026-12-07).ron");
        fs::write(&conflict, "x").expect("legacy conflict");
        fs::write(dir.path().join("其他.txt.pangzhu.ron"), "x").expect("other doc");
        let kinds: Vec<(String, SourceKind)> = list(&placement, "alice")
            .into_iter()
            .map(|s| {
                let name = s.path.file_name().unwrap_or_default().to_string_lossy();
                (name.into_owned(), s.kind)
            })
            .collect();
        use SourceKind::*;
        let expected = [
            ("alice.ron", Own),
            ("bob.ron", Device),
            ("bob.sync-conflict-20261207-101010-ABCDEFG.ron", Conflict),
            ("legacy.ron", Legacy),
            ("报告.txt.pangzhu.ron", LegacyBeside),
            (
                "报告.txt.pangzhu (conflicted copy 2026-12-07).ron",
                Conflict,
            ),
        ];
        let expected: Vec<(String, SourceKind)> = expected
            .iter()
            .map(|(n, k)| ((*n).to_owned(), *k))
            .collect();
        assert_eq!(kinds, expected);
    }
}
