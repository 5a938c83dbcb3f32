//! Between the sync state and what the app edits: the visible `AnnotationSet` of a state,
//! and the state of annotations that come without stamps (format 1 files, annotations added
//! to a file by hand).

use std::collections::BTreeSet;

use super::{Lww, Record, Stamp, SyncState, TagRecord};
use crate::annotation::{Annotation, AnnotationSet, Tag, TagId, TagLibrary, Timestamp};

/// The device name stamps derived from a file without stamps carry.
pub const UNSTAMPED_DEVICE: &str = "legacy";

impl SyncState {
    /// The annotations and tags the state shows.
    pub fn to_set(&self) -> AnnotationSet {
        let annotations: Vec<Annotation> = self
            .annotations
            .iter()
            .filter(|(_, r)| r.is_visible())
            .filter_map(|(id, r)| r.annotation(id))
            .collect();
        let used: BTreeSet<TagId> = annotations
            .iter()
            .flat_map(|a| a.tags.iter().cloned())
            .collect();
        let tags = self
            .tags
            .iter()
            .filter(|(id, r)| r.is_visible() || used.contains(id))
            .map(|(_, r)| r.tag.value.clone());
        AnnotationSet::from_parts(annotations, TagLibrary::from_tags(tags))
    }

    /// The state of a set whose values carry no stamps: each annotation is stamped with its
    /// `modified` time (its creation for `added`), each tag with the oldest time in the set, all
    /// by [`UNSTAMPED_DEVICE`]. Every device derives the same stamps from the same file, and
    /// any edit made since is later.
    pub fn unstamped(set: &AnnotationSet) -> SyncState {
        let mut state = SyncState::default();
        for a in set.iter() {
            state.annotations.insert(a.id.clone(), unstamped_record(a));
        }
        let oldest = set.iter().map(|a| &a.created).min();
        let at = oldest.map_or(Stamp::new(0, UNSTAMPED_DEVICE), |t| derived(t, 0));
        for tag in set.tags().iter() {
            state.tags.insert(tag.id.clone(), unstamped_tag(tag, &at));
        }
        state
    }
}

impl Record {
    /// The annotation this record shows (`None` without an anchor: nothing to show it at).
    pub fn annotation(&self, id: &crate::annotation::AnnotationId) -> Option<Annotation> {
        let anchor = self.anchor.as_ref()?.value.clone();
        let fallback = || Timestamp::parse(&self.added.time_text()).unwrap_or_else(Timestamp::now);
        Some(Annotation {
            id: id.clone(),
            anchor,
            tags: self
                .tags
                .iter()
                .filter(|(_, flag)| flag.value)
                .map(|(t, _)| t.clone())
                .collect(),
            note: self.note.as_ref().and_then(|l| l.value.clone()),
            created: self.created.clone().unwrap_or_else(fallback),
            modified: self.modified.clone().unwrap_or_else(fallback),
        })
    }
}

pub(crate) fn unstamped_record(a: &Annotation) -> Record {
    let added = derived(&a.created, 0);
    // Never before `added`: a hand-written file may say it was modified before it was made.
    let changed = derived(&a.modified, 0).max(added.clone());
    Record {
        added,
        deleted: None,
        anchor: Some(Lww::new(changed.clone(), a.anchor.clone())),
        note: Some(Lww::new(changed.clone(), a.note.clone())),
        tags: a
            .tags
            .iter()
            .map(|t| (t.clone(), Lww::new(changed.clone(), true)))
            .collect(),
        created: Some(a.created.clone()),
        modified: Some(a.modified.clone()),
    }
}

pub(crate) fn unstamped_tag(tag: &Tag, at: &Stamp) -> TagRecord {
    TagRecord {
        tag: Lww::new(at.clone(), tag.clone()),
        deleted: None,
    }
}

fn derived(time: &Timestamp, fallback_ms: i64) -> Stamp {
    Stamp::from_rfc3339(time.as_str(), UNSTAMPED_DEVICE)
        .unwrap_or_else(|| Stamp::new(fallback_ms, UNSTAMPED_DEVICE))
}
