use super::*;
use crate::annotation::{Annotation, AnnotationSet};
use crate::document::Document;
use crate::span::TextSpan;

fn clock(device: &str, now_ms: i64) -> Clock {
    Clock {
        device: device.into(),
        now_ms,
    }
}

fn doc() -> Document {
    Document::from_text("t.txt", "第一段：教育合作。第二段：经济合作。")
}

fn one(doc: &Document) -> (AnnotationSet, AnnotationId) {
    let mut set = AnnotationSet::new();
    let anchor = Anchor::new(doc, TextSpan::new(0, 9)).expect("anchor");
    let a = Annotation::new(anchor);
    let id = a.id.clone();
    set.add(a).expect("add");
    (set, id)
}

#[test]
fn a_deletion_leaves_a_bare_tombstone_and_beats_a_concurrent_edit() {
    let doc = doc();
    let (mut set, id) = one(&doc);
    let mut alice = SyncState::default();
    alice.record_local(&set, &clock("alice", 1_000));
    let mut bob = alice.clone();
    set.remove(&id).expect("remove");
    alice.record_local(&set, &clock("alice", 2_000));
    let tomb = &alice.annotations[&id];
    assert!(!tomb.is_visible());
    assert!(tomb.anchor.is_none() && tomb.note.is_none() && tomb.tags.is_empty());
    // Bob, who has not seen the deletion, writes a note later.
    let mut bobs = bob.to_set();
    let a = bobs
        .get(&id)
        .cloned()
        .expect("there")
        .with_note(Some("晚".into()));
    bobs.update(a).expect("note");
    bob.record_local(&bobs, &clock("bob", 3_000));
    let mut merged = alice.clone();
    merged.join(&bob);
    assert!(merged.to_set().is_empty(), "deleted stays deleted");
    let mut other_way = bob.clone();
    other_way.join(&alice);
    assert_eq!(other_way, merged);
}

#[test]
fn undoing_a_deletion_brings_the_annotation_back_everywhere() {
    let doc = doc();
    let (mut set, id) = one(&doc);
    let mut state = SyncState::default();
    state.record_local(&set, &clock("alice", 1_000));
    let before = state.clone();
    let removed = set.remove(&id).expect("remove");
    state.record_local(&set, &clock("alice", 2_000));
    let deleted = state.clone();
    set.apply(&removed.inverse()).expect("undo");
    state.record_local(&set, &clock("alice", 1_500)); // a clock that went back
    assert_eq!(state.to_set().len(), 1, "re-added after the deletion");
    for other in [&before, &deleted] {
        let mut joined = other.clone();
        joined.join(&state);
        assert_eq!(joined.to_set().len(), 1);
    }
}

#[test]
fn a_deleted_tag_still_in_use_stays_visible() {
    let doc = doc();
    let (mut set, id) = one(&doc);
    let (tag, _) = set.ensure_tag("主题", None).expect("tag");
    let mut alice = SyncState::default();
    alice.record_local(&set, &clock("alice", 1_000));
    let mut bob = alice.clone();
    // Alice deletes the (unused) tag; Bob, meanwhile, tags the annotation with it.
    let mut alices = alice.to_set();
    let t = alices.tags().get(&tag).cloned().expect("tag");
    alices
        .apply(&crate::annotation::Edit::RemoveTag(t))
        .expect("remove tag");
    alice.record_local(&alices, &clock("alice", 2_000));
    let mut bobs = bob.to_set();
    let a = bobs.get(&id).cloned().expect("a").with_tag(tag.clone());
    bobs.update(a).expect("tag it");
    bob.record_local(&bobs, &clock("bob", 3_000));
    alice.join(&bob);
    let merged = alice.to_set();
    assert!(merged.get(&id).is_some_and(|a| a.tags.contains(&tag)));
    assert_eq!(merged.tags().path(&tag), "主题", "the tag is still named");
}

#[test]
fn nothing_changed_stamps_nothing() {
    let doc = doc();
    let (set, _) = one(&doc);
    let mut state = SyncState::default();
    assert_eq!(state.record_local(&set, &clock("a", 1)).len(), 1);
    let again = state.clone();
    assert!(state.record_local(&set, &clock("a", 2)).is_empty());
    assert_eq!(state, again);
}
