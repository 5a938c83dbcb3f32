//! This device's edits into the sync state. The app edits an `AnnotationSet`; before a save
//! the set is compared with what the state shows, and every difference gets a new stamp of
//! this device. Comparing states instead of recording each edit keeps undo, redo, batches and
//! the CLI out of it: whatever changed, however it changed, is stamped once.

use std::collections::BTreeSet;

use super::{Changed, Clock, Lww, Record, Stamp, SyncState, TagRecord};
use crate::annotation::{Annotation, AnnotationSet, TagId};

impl SyncState {
    /// Stamp every difference between `set` and what this state shows. Returns what changed.
    pub fn record_local(&mut self, set: &AnnotationSet, clock: &Clock) -> Changed {
        let mut changed = Changed::default();
        for annotation in set.iter() {
            if self.record_annotation(annotation, clock) {
                changed.annotations.insert(annotation.id.clone());
            }
        }
        for (id, record) in &mut self.annotations {
            if record.is_visible() && set.get(id).is_none() {
                record.deleted = Some(clock.after(record.stamps()));
                record.normalize();
                changed.annotations.insert(id.clone());
            }
        }
        for tag in set.tags().iter() {
            let known = self.tags.get(&tag.id);
            if known.is_some_and(|r| r.is_visible() && r.tag.value == *tag) {
                continue;
            }
            let seen = known
                .into_iter()
                .flat_map(|r| [Some(&r.tag.at), r.deleted.as_ref()]);
            let at = clock.after(seen.flatten());
            let deleted = known.and_then(|r| r.deleted.clone());
            self.tags.insert(
                tag.id.clone(),
                TagRecord {
                    tag: Lww::new(at, tag.clone()),
                    deleted,
                },
            );
            changed.tags.insert(tag.id.clone());
        }
        for (id, record) in &mut self.tags {
            if record.is_visible() && set.tags().get(id).is_none() {
                record.deleted = Some(clock.after([&record.tag.at]));
                changed.tags.insert(id.clone());
            }
        }
        changed
    }

    /// Whether the annotation differed from the state (and was stamped).
    fn record_annotation(&mut self, a: &Annotation, clock: &Clock) -> bool {
        let Some(record) = self.annotations.get_mut(&a.id).filter(|r| r.is_visible()) else {
            let old = self.annotations.get(&a.id);
            let added = clock.after(old.into_iter().flat_map(Record::stamps));
            let record = added_record(a, added, old);
            self.annotations.insert(a.id.clone(), record);
            return true;
        };
        let mut changed = false;
        if record.anchor.as_ref().is_none_or(|l| l.value != a.anchor) {
            let at = clock.after(record.anchor.iter().map(|l| &l.at));
            record.anchor = Some(Lww::new(at, a.anchor.clone()));
            changed = true;
        }
        if record.note.as_ref().is_none_or(|l| l.value != a.note) {
            let at = clock.after(record.note.iter().map(|l| &l.at));
            record.note = Some(Lww::new(at, a.note.clone()));
            changed = true;
        }
        let shown: BTreeSet<&TagId> = record
            .tags
            .iter()
            .filter(|(_, flag)| flag.value)
            .map(|(id, _)| id)
            .collect();
        if shown != a.tags.iter().collect() {
            let flips: Vec<(TagId, bool)> = a
                .tags
                .iter()
                .filter(|t| !shown.contains(t))
                .map(|t| (t.clone(), true))
                .chain(
                    shown
                        .iter()
                        .filter(|t| !a.tags.contains(t))
                        .map(|t| ((*t).clone(), false)),
                )
                .collect();
            for (tag, present) in flips {
                let at = clock.after(record.tags.get(&tag).map(|l| &l.at));
                record.tags.insert(tag, Lww::new(at, present));
            }
            changed = true;
        }
        if changed {
            record.modified = record.modified.clone().max(Some(a.modified.clone()));
        }
        changed
    }
}

/// A record for an annotation that is new here, or shown again (an undone deletion): every
/// value is stamped `added`, so older values of other devices no longer count.
fn added_record(a: &Annotation, added: Stamp, old: Option<&Record>) -> Record {
    let mut record = Record {
        added: added.clone(),
        deleted: old.and_then(|r| r.deleted.clone()),
        anchor: Some(Lww::new(added.clone(), a.anchor.clone())),
        note: Some(Lww::new(added.clone(), a.note.clone())),
        tags: a
            .tags
            .iter()
            .map(|t| (t.clone(), Lww::new(added.clone(), true)))
            .collect(),
        created: Some(a.created.clone()),
        modified: Some(a.modified.clone()),
    };
    record.normalize();
    record
}
