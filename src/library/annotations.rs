//! A document's annotations as the library needs them: spans and tag paths. All sidecar
//! reading of the library is here: through `storage`, which merges every device's file of
//! the document (`NAME.EXT.pangzhu/*.ron`), the format 1 file and conflict copies.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::annotation::Resolution;
use crate::document::Document;
use crate::span::TextSpan;
use crate::storage::{Locations, Sidecar};

/// One annotation found in the current text, with the paths of its tags (`主题/教育`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marked {
    pub span: TextSpan,
    pub tags: Vec<String>,
}

/// The annotations of `doc` (read from `doc_path`), re-anchored on its text; orphans (their
/// text is gone) are left out. No sidecar, or a broken one: none.
pub fn read(doc_path: &Path, doc: &Document) -> Vec<Marked> {
    let Ok(opened) = Sidecar::open(doc_path, doc, &Locations::from_env()) else {
        return Vec::new();
    };
    let set = &opened.set;
    set.sorted()
        .into_iter()
        .filter_map(|a| {
            let span = match set.resolution(&a.id) {
                Resolution::Exact(span) | Resolution::Moved { span, .. } => span,
                Resolution::Orphaned => return None,
            };
            let tags = a.tags.iter().map(|t| set.tags().path(t)).collect();
            Some(Marked { span, tags })
        })
        .collect()
}

/// What the document's sidecar files hold now, as one hash (empty: none): part of the
/// document's fingerprint, so an annotation edit on any device — synced in — re-indexes it.
pub fn sidecar_hash(doc_path: &Path) -> String {
    let locations = Locations::from_env();
    let Ok(placement) = locations.place(doc_path) else {
        return String::new();
    };
    let mut hasher = blake3::Hasher::new();
    let mut any = false;
    for source in crate::storage::sources::list(&placement, locations.device()) {
        if let Ok(bytes) = std::fs::read(&source.path) {
            hasher.update(source.path.as_os_str().as_encoded_bytes());
            hasher.update(&bytes);
            any = true;
        }
    }
    if any {
        hasher.finalize().to_hex().to_string()
    } else {
        String::new()
    }
}
