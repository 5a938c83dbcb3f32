//! After a save: conflict copies whose content is now in this device's file are removed, and
//! the format 1 file beside the document is moved into the folder as `legacy.ron`.
//!
//! A file is only touched when its bytes are still those that were merged (a sync tool may
//! have replaced it since); another device's regular file is never touched. Best effort: what
//! cannot be tidied now is merged again (harmlessly: merging is idempotent) and tidied on the
//! next save.
//!
//! Why the format 1 file moves: old versions of Pangzhu would keep writing it beside a folder
//! they do not know, and a script reading it would see annotations that no longer change.
//! Moved, it is plainly gone; its content, byte for byte, is `legacy.ron` in the folder, which
//! every device keeps reading (never writing). Scripts should read any `DEVICE.ron` of the
//! folder instead: its `annotations` list is what that device shows, in the format 1 shape.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::location::Placement;
use super::sources::{self, Seen, SourceKind};

pub fn tidy(placement: &Placement, device: &str, seen: &mut BTreeMap<PathBuf, Seen>) {
    for source in sources::list(placement, device) {
        let Some(merged) = seen.get(&source.path).map(|s| s.hash) else {
            continue;
        };
        if !unchanged(&source.path, merged) {
            continue;
        }
        match source.kind {
            SourceKind::Conflict => {
                if fs::remove_file(&source.path).is_ok() {
                    seen.remove(&source.path);
                }
            }
            SourceKind::LegacyBeside => move_legacy(&source.path, &placement.folder(), seen),
            SourceKind::Own | SourceKind::Device | SourceKind::Legacy => {}
        }
    }
}

/// Whether the file still holds the bytes with hash `merged`.
fn unchanged(path: &Path, merged: blake3::Hash) -> bool {
    fs::read(path).is_ok_and(|bytes| blake3::hash(&bytes) == merged)
}

/// Move the format 1 file into the folder: `legacy.ron`, or `legacy-HASH.ron` when another
/// device already moved a different one there; removed if the folder has it already.
fn move_legacy(path: &Path, folder: &Path, seen: &mut BTreeMap<PathBuf, Seen>) {
    let Some(entry) = seen.get(path).cloned() else {
        return;
    };
    let short = entry.hash.to_hex();
    let candidates = [
        folder.join("legacy.ron"),
        folder.join(format!(
            "legacy-{}.ron",
            short.get(..12).unwrap_or_default()
        )),
    ];
    for target in candidates {
        if target.exists() {
            if unchanged(&target, entry.hash) {
                if fs::remove_file(path).is_ok() {
                    seen.remove(path);
                }
                return;
            }
            continue;
        }
        if fs::create_dir_all(folder).is_ok() && fs::rename(path, &target).is_ok() {
            seen.remove(path);
            if let Some((len, modified)) = sources::metadata(&target) {
                let hash = entry.hash;
                seen.insert(
                    target,
                    Seen {
                        len,
                        modified,
                        hash,
                    },
                );
            }
        }
        return;
    }
}
