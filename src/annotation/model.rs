//! One annotation: a stable id, an anchor, tags, an optional note and its times.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::anchor::Anchor;
use super::ids::{AnnotationId, TagId, Timestamp};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    pub id: AnnotationId,
    pub anchor: Anchor,
    #[serde(default)]
    pub tags: BTreeSet<TagId>,
    /// Free text, may span several lines.
    #[serde(default)]
    pub note: Option<String>,
    pub created: Timestamp,
    pub modified: Timestamp,
}

impl Annotation {
    /// A new annotation with a fresh id, created now.
    pub fn new(anchor: Anchor) -> Self {
        let now = Timestamp::now();
        Self {
            id: AnnotationId::generate(),
            anchor,
            tags: BTreeSet::new(),
            note: None,
            created: now.clone(),
            modified: now,
        }
    }

    #[must_use]
    pub fn with_tag(mut self, tag: TagId) -> Self {
        self.tags.insert(tag);
        self
    }

    #[must_use]
    pub fn with_note(mut self, note: Option<String>) -> Self {
        self.note = note.filter(|n| !n.is_empty());
        self
    }

    /// The stable order of files and lists: by position, then id.
    pub fn sort_key(&self) -> (usize, usize, &AnnotationId) {
        (self.anchor.span.start(), self.anchor.span.end(), &self.id)
    }
}
