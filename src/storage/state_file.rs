//! The stamps of a version 2 file, and the sync state a file holds.
//!
//! A device file lists what the device shows in `tags` and `annotations`, exactly as a
//! version 1 file does, and beside them the stamps: one `clocks` entry per annotation the
//! state knows (shown or deleted), one `tag_clocks` entry per tag. A deleted annotation is a
//! tombstone, `(id, added, deleted)`; it carries values (`ghost`) only when another device
//! changed it after the deletion, which can matter if the deletion is undone.
//!
//! An annotation or tag without a clock entry (a version 1 file, or one added by hand) is
//! stamped from its own times (`crdt::view::unstamped_record`).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::crdt::view::{unstamped_record, unstamped_tag};
use super::crdt::{Lww, Record, Stamp, SyncState, TagRecord};
use super::error::StorageError;
use super::format::{FORMAT_VERSION, SidecarFile, SidecarRef, StoredFingerprint, pretty};
use crate::annotation::{Anchor, Annotation, AnnotationId, AnnotationSet, Tag, TagId, Timestamp};

/// The stamps of one annotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnotationClock {
    pub id: AnnotationId,
    pub added: Stamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<Stamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Stamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Stamp>,
    /// One entry per tag ever given or taken: whether it is on, since when.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<TagFlag>,
    /// Values of an annotation not listed in `annotations` (deleted, yet changed since).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ghost: Option<Ghost>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TagFlag {
    pub tag: TagId,
    pub at: Stamp,
    pub on: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ghost {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Anchor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<Timestamp>,
}

/// The stamps of one tag; `ghost` holds a deleted tag (not listed in `tags`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TagClock {
    pub id: TagId,
    pub at: Stamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<Stamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ghost: Option<Tag>,
}

impl SidecarFile {
    /// The sync state this file holds.
    pub fn into_state(self) -> SyncState {
        // Annotations stay where they are, found by index: moving 10,000 of them through a
        // sorted map cost more than the parse (memmove of whole map nodes).
        let mut values: Vec<Option<Annotation>> = self.annotations.into_iter().map(Some).collect();
        let index: HashMap<AnnotationId, usize> = values
            .iter()
            .enumerate()
            .filter_map(|(i, a)| Some((a.as_ref()?.id.clone(), i)))
            .collect();
        let mut records: Vec<(AnnotationId, Record)> = Vec::with_capacity(self.clocks.len());
        for clock in self.clocks {
            let shown = index
                .get(&clock.id)
                .and_then(|&i| values.get_mut(i)?.take());
            let id = clock.id.clone();
            records.push((id, record_of(clock, shown)));
        }
        for a in values.into_iter().flatten() {
            let record = unstamped_record(&a);
            records.push((a.id, record));
        }
        // Clocks are written in id order: collecting a sorted run builds the map in bulk.
        let mut state = SyncState {
            annotations: records.into_iter().collect(),
            tags: BTreeMap::new(),
        };
        let mut tags: BTreeMap<TagId, Tag> =
            self.tags.into_iter().map(|t| (t.id.clone(), t)).collect();
        for clock in self.tag_clocks {
            let Some(tag) = tags.remove(&clock.id).or(clock.ghost) else {
                continue;
            };
            let record = TagRecord {
                tag: Lww::new(clock.at, tag),
                deleted: clock.deleted,
            };
            state.tags.insert(clock.id, record);
        }
        let at = oldest_stamp(&state);
        for (id, tag) in tags {
            state.tags.insert(id, unstamped_tag(&tag, &at));
        }
        state
    }
}

/// The record of a clock entry and the annotation listed with it (moved, not copied: a
/// load of 10,000 annotations builds this once).
fn record_of(clock: AnnotationClock, shown: Option<Annotation>) -> Record {
    let ghost = clock.ghost.unwrap_or(Ghost {
        anchor: None,
        note: None,
        created: None,
        modified: None,
    });
    let (anchor, note, created, modified) = match shown {
        Some(a) => (
            Some(a.anchor),
            Some(a.note),
            Some(a.created),
            Some(a.modified),
        ),
        None => (ghost.anchor, ghost.note, ghost.created, ghost.modified),
    };
    let mut record = Record {
        added: clock.added,
        deleted: clock.deleted,
        anchor: clock.anchor.zip(anchor).map(|(at, v)| Lww::new(at, v)),
        note: clock.note.zip(note).map(|(at, v)| Lww::new(at, v)),
        tags: clock
            .tags
            .into_iter()
            .map(|f| (f.tag, Lww::new(f.at, f.on)))
            .collect(),
        created,
        modified,
    };
    record.normalize();
    record
}

/// Tags without a clock (added by hand) count as the oldest thing in the file.
fn oldest_stamp(state: &SyncState) -> Stamp {
    let oldest = state.annotations.values().map(|r| &r.added);
    oldest
        .chain(state.tags.values().map(|r| &r.tag.at))
        .min()
        .map_or_else(|| Stamp::new(0, "legacy"), |s| Stamp::new(s.ms, "legacy"))
}

/// The text of `device`'s file holding `state`, whose visible annotations are `set` (the
/// set a save was handed, brought up to date with the state): shown values in the stable
/// order of version 1 (tags by path, annotations by position), stamps by id. Everything is
/// borrowed: a save of 10,000 annotations copies none of them.
pub fn state_to_ron(
    state: &SyncState,
    set: &AnnotationSet,
    device: &str,
    document: &StoredFingerprint,
    path: &Path,
) -> Result<String, StorageError> {
    let file = SidecarRef {
        format_version: FORMAT_VERSION,
        device,
        document,
        tags: set.tags().sorted(),
        annotations: set.sorted(),
        clocks: state
            .annotations
            .iter()
            .map(|(id, r)| clock_of(id, r, set.get(id).is_some()))
            .collect(),
        tag_clocks: state
            .tags
            .iter()
            .map(|(id, r)| TagClockRef {
                id,
                at: &r.tag.at,
                deleted: r.deleted.as_ref(),
                ghost: set.tags().get(id).is_none().then_some(&r.tag.value),
            })
            .collect(),
    };
    pretty(&file, path)
}

/// [`AnnotationClock`] borrowing from a record: the same fields, the same text.
#[derive(Serialize)]
pub(crate) struct AnnotationClockRef<'a> {
    id: &'a AnnotationId,
    added: &'a Stamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    deleted: Option<&'a Stamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    anchor: Option<&'a Stamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a Stamp>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<TagFlagRef<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ghost: Option<GhostRef<'a>>,
}

#[derive(Serialize)]
pub(crate) struct TagFlagRef<'a> {
    tag: &'a TagId,
    at: &'a Stamp,
    on: bool,
}

#[derive(Serialize)]
pub(crate) struct GhostRef<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    anchor: Option<&'a Anchor>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<&'a Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<&'a Timestamp>,
}

#[derive(Serialize)]
pub(crate) struct TagClockRef<'a> {
    id: &'a TagId,
    at: &'a Stamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    deleted: Option<&'a Stamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ghost: Option<&'a Tag>,
}

fn clock_of<'a>(id: &'a AnnotationId, r: &'a Record, shown: bool) -> AnnotationClockRef<'a> {
    let has_values = r.anchor.is_some() || r.note.is_some();
    let ghost = (!shown && has_values).then(|| GhostRef {
        anchor: r.anchor.as_ref().map(|l| &l.value),
        note: r.note.as_ref().map(|l| &l.value),
        created: r.created.as_ref(),
        modified: r.modified.as_ref(),
    });
    AnnotationClockRef {
        id,
        added: &r.added,
        deleted: r.deleted.as_ref(),
        anchor: r.anchor.as_ref().map(|l| &l.at),
        note: r.note.as_ref().map(|l| &l.at),
        tags: r
            .tags
            .iter()
            .map(|(tag, f)| TagFlagRef {
                tag,
                at: &f.at,
                on: f.value,
            })
            .collect(),
        ghost,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::span::TextSpan;
    use crate::storage::crdt::Clock;
    use crate::storage::format;

    #[test]
    fn a_state_survives_its_file_with_tombstones_and_ghosts() {
        let doc = Document::from_text("t.txt", "第一段：教育合作。第二段：经济合作。");
        let mut set = AnnotationSet::new();
        let (tag, _) = set.ensure_tag("主题", None).expect("tag");
        for (start, end) in [(0, 9), (15, 27)] {
            let anchor = Anchor::new(&doc, TextSpan::new(start, end)).expect("anchor");
            set.add(Annotation::new(anchor).with_tag(tag.clone()))
                .expect("add");
        }
        let clock = |ms| Clock {
            device: "alice".into(),
            now_ms: ms,
        };
        let mut state = SyncState::default();
        state.record_local(&set, &clock(1_000));
        let gone = set.iter().next().map(|a| a.id.clone()).expect("one");
        let mut other = state.clone();
        set.remove(&gone).expect("remove");
        state.record_local(&set, &clock(2_000));
        // Another device's later note on the deleted one: kept as a ghost.
        let mut theirs = other.to_set();
        let a = theirs
            .get(&gone)
            .cloned()
            .expect("a")
            .with_note(Some("后".into()));
        theirs.update(a).expect("note");
        other.record_local(
            &theirs,
            &Clock {
                device: "bob".into(),
                now_ms: 3_000,
            },
        );
        state.join(&other);
        let path = Path::new("alice.ron");
        let fingerprint = StoredFingerprint::new("t.txt", doc.fingerprint());
        let text = state_to_ron(&state, &state.to_set(), "alice", &fingerprint, path).expect("ron");
        assert!(
            text.contains("ghost:") && text.contains("deleted: Some("),
            "{text}"
        );
        let back = format::parse(&text, path).expect("parse").into_state();
        assert_eq!(back, state);
        let fast: Result<SidecarFile, _> = crate::storage::ron_read::from_str(&text);
        assert!(
            fast.is_ok(),
            "the fast reader reads device files: {:?}",
            fast.err()
        );
        let by_ron: SidecarFile = ron::from_str(&text).expect("ron reads it");
        assert_eq!(by_ron.into_state(), state, "the fast reader and ron agree");
    }
}
