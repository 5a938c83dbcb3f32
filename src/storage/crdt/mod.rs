//! The sync state of one document's annotations: a state-based CRDT, so the files of several
//! devices merge to the same result in any order, any number of times.
//!
//! Per annotation ([`Record`]):
//! - existence: `added` and `deleted` stamps; visible while `added > deleted`. A deletion
//!   wins over edits made concurrently with it (nothing deleted comes back because another
//!   device touched it); an undo of the deletion is a new `added` and wins over it.
//! - `anchor` and `note`: last-writer-wins registers, each with its own stamp, so one person
//!   moving a highlight and another writing its note both keep their work.
//! - `tags`: one last-writer-wins flag per tag (present / removed), so two people adding
//!   different tags to the same passage both keep theirs.
//! - `created` (earliest) and `modified` (latest) are kept as the minimum and maximum.
//!
//! Per tag of the document ([`TagRecord`]): the whole tag (name, colour, parent, description)
//! is one register, with a deletion stamp; a deleted tag still used by a visible annotation
//! stays visible.
//!
//! [`SyncState::join`] is the element-wise join of those registers, followed by
//! [`Record::normalize`], which drops what can never matter again: values older than the
//! latest `added` (a re-add restamps everything it shows) and, for a deleted annotation,
//! values not newer than the deletion. A tombstone is then just an id and two stamps.
//! Join is commutative, associative and idempotent on what is visible; `tests/storage_sync.rs`
//! checks it on random histories.

mod fast_time;
mod local;
pub mod stamp;
pub(crate) mod view;

use std::collections::{BTreeMap, BTreeSet};

pub use stamp::{Clock, Lww, Stamp};

use crate::annotation::{Anchor, AnnotationId, Tag, TagId, Timestamp};

/// Everything known about one annotation, deleted or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub added: Stamp,
    pub deleted: Option<Stamp>,
    pub anchor: Option<Lww<Anchor>>,
    pub note: Option<Lww<Option<String>>>,
    pub tags: BTreeMap<TagId, Lww<bool>>,
    pub created: Option<Timestamp>,
    pub modified: Option<Timestamp>,
}

/// Everything known about one tag of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagRecord {
    pub tag: Lww<Tag>,
    pub deleted: Option<Stamp>,
}

/// Which annotations and tags a join or a local edit changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changed {
    pub annotations: BTreeSet<AnnotationId>,
    pub tags: BTreeSet<TagId>,
}

impl Changed {
    pub fn len(&self) -> usize {
        self.annotations.len() + self.tags.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn extend(&mut self, other: Changed) {
        self.annotations.extend(other.annotations);
        self.tags.extend(other.tags);
    }

    /// How many annotations and tags both changed.
    pub fn overlap(&self, other: &Changed) -> usize {
        self.annotations.intersection(&other.annotations).count()
            + self.tags.intersection(&other.tags).count()
    }
}

/// The merged state of every device's file of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncState {
    pub annotations: BTreeMap<AnnotationId, Record>,
    pub tags: BTreeMap<TagId, TagRecord>,
}

impl Record {
    pub fn is_visible(&self) -> bool {
        self.deleted.as_ref().is_none_or(|d| self.added > *d)
    }

    /// Every stamp in the record (a new stamp must be later than all of them).
    pub fn stamps(&self) -> impl Iterator<Item = &Stamp> {
        std::iter::once(&self.added)
            .chain(self.deleted.iter())
            .chain(self.anchor.iter().map(|l| &l.at))
            .chain(self.note.iter().map(|l| &l.at))
            .chain(self.tags.values().map(|l| &l.at))
    }

    pub fn join(a: &Self, b: &Self) -> Self {
        let mut tags = a.tags.clone();
        for (id, flag) in &b.tags {
            let joined = tags
                .get(id)
                .map_or_else(|| flag.clone(), |f| Lww::join(f, flag));
            tags.insert(id.clone(), joined);
        }
        let mut joined = Self {
            added: a.added.clone().max(b.added.clone()),
            deleted: a.deleted.clone().max(b.deleted.clone()),
            anchor: stamp::join_opt(&a.anchor, &b.anchor),
            note: stamp::join_opt(&a.note, &b.note),
            tags,
            created: min_some(&a.created, &b.created),
            modified: a.modified.clone().max(b.modified.clone()),
        };
        joined.normalize();
        joined
    }

    /// Drop values that no later join can make visible again (see the module docs).
    pub fn normalize(&mut self) {
        let added = self.added.clone();
        let deleted = self.deleted.clone().filter(|_| !self.is_visible());
        let keep = |at: &Stamp| *at >= added && deleted.as_ref().is_none_or(|d| at > d);
        if self.anchor.as_ref().is_some_and(|l| !keep(&l.at)) {
            self.anchor = None;
        }
        if self.note.as_ref().is_some_and(|l| !keep(&l.at)) {
            self.note = None;
        }
        self.tags.retain(|_, flag| keep(&flag.at));
        if !self.is_visible()
            && self.anchor.is_none()
            && self.note.is_none()
            && self.tags.is_empty()
        {
            self.created = None;
            self.modified = None;
        }
    }
}

impl TagRecord {
    pub fn is_visible(&self) -> bool {
        self.deleted.as_ref().is_none_or(|d| self.tag.at > *d)
    }

    pub fn join(a: &Self, b: &Self) -> Self {
        Self {
            tag: Lww::join(&a.tag, &b.tag),
            deleted: a.deleted.clone().max(b.deleted.clone()),
        }
    }
}

impl SyncState {
    /// Merge `other` into `self`. Returns what changed by it.
    pub fn join(&mut self, other: &SyncState) -> Changed {
        let mut changed = Changed::default();
        for (id, theirs) in &other.annotations {
            let joined = match self.annotations.get(id) {
                Some(ours) if ours == theirs => continue,
                Some(ours) => Record::join(ours, theirs),
                None => theirs.clone(),
            };
            if self.annotations.get(id) != Some(&joined) {
                changed.annotations.insert(id.clone());
                self.annotations.insert(id.clone(), joined);
            }
        }
        for (id, theirs) in &other.tags {
            let joined = match self.tags.get(id) {
                Some(ours) if ours == theirs => continue,
                Some(ours) => TagRecord::join(ours, theirs),
                None => theirs.clone(),
            };
            if self.tags.get(id) != Some(&joined) {
                changed.tags.insert(id.clone());
                self.tags.insert(id.clone(), joined);
            }
        }
        changed
    }

    /// [`Self::join`], taking `other`'s records instead of copying them (a load joins whole
    /// files into an empty state).
    pub fn join_owned(&mut self, other: SyncState) -> Changed {
        use std::collections::btree_map::Entry;
        let mut changed = Changed::default();
        for (id, theirs) in other.annotations {
            match self.annotations.entry(id) {
                Entry::Vacant(slot) => {
                    changed.annotations.insert(slot.key().clone());
                    slot.insert(theirs);
                }
                Entry::Occupied(slot) if *slot.get() == theirs => {}
                Entry::Occupied(mut slot) => {
                    let joined = Record::join(slot.get(), &theirs);
                    if *slot.get() != joined {
                        changed.annotations.insert(slot.key().clone());
                        slot.insert(joined);
                    }
                }
            }
        }
        for (id, theirs) in other.tags {
            let joined = match self.tags.get(&id) {
                Some(ours) => TagRecord::join(ours, &theirs),
                None => theirs,
            };
            if self.tags.get(&id) != Some(&joined) {
                changed.tags.insert(id.clone());
                self.tags.insert(id, joined);
            }
        }
        changed
    }

    /// The join of many states, in the order given (any order gives the same result).
    pub fn join_all<'a>(states: impl IntoIterator<Item = &'a SyncState>) -> SyncState {
        let mut all = SyncState::default();
        for state in states {
            all.join(state);
        }
        all
    }
}

fn min_some(a: &Option<Timestamp>, b: &Option<Timestamp>) -> Option<Timestamp> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.clone().min(b.clone())),
        (Some(x), None) | (None, Some(x)) => Some(x.clone()),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests;
