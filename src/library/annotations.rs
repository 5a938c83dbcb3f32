//! A document's annotations as the library needs them: spans and tag paths. All sidecar
//! reading of the library is here (sidecars are moving to per-device folders; re-point these
//! two functions when they do).

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

/// What the document's sidecar holds now, as a hash (empty: none): part of the document's
/// fingerprint, so editing annotations re-indexes the document.
pub fn sidecar_hash(doc_path: &Path) -> String {
    let Ok(placement) = Locations::from_env().place(doc_path) else {
        return String::new();
    };
    match std::fs::read(&placement.path) {
        Ok(bytes) => blake3::hash(&bytes).to_hex().to_string(),
        Err(_) => String::new(),
    }
}
