//! The annotations of one open document as the app holds them: its sidecar, its set, the
//! highlights the reading pane draws, and saving (debounced; never over a broken file).

use std::time::{Duration, Instant};

use crate::annotation::{
    Anchor, Annotation, AnnotationId, AnnotationSet, Colour, Edit, EditError, ReanchorReport,
    Status, Tag, TagId, TagLibrary,
};
use crate::document::Document;
use crate::span::TextSpan;
use crate::storage::{LoadReport, MergeReport, Opened, Sidecar, StorageError};

/// Edits are written this long after the last one (a burst of key presses is one write).
pub const SAVE_DEBOUNCE: Duration = Duration::from_millis(250);

/// One highlight to draw: where, in which colour, and what hovering it tells.
#[derive(Debug, Clone, PartialEq)]
pub struct Highlight {
    pub span: TextSpan,
    pub id: AnnotationId,
    pub colour: Colour,
    /// Tag paths, sorted.
    pub tags: Vec<String>,
    pub note: Option<String>,
}

/// Why an annotation edit was refused.
#[derive(Debug, thiserror::Error)]
pub enum AnnotationError {
    #[error("{0}")]
    ReadOnly(String),
    #[error("the selection cannot be anchored (empty or outside the text)")]
    BadSpan,
    #[error(transparent)]
    Edit(#[from] EditError),
}

pub struct DocAnnotations {
    sidecar: Sidecar,
    set: AnnotationSet,
    highlights: Vec<Highlight>,
    /// Longest highlight, in bytes: bounds the backwards scan in [`Self::highlights_in`].
    longest: usize,
    unsaved_since: Option<Instant>,
    save_error: Option<String>,
}

impl std::fmt::Debug for DocAnnotations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocAnnotations")
            .field("sidecar", &self.sidecar.path())
            .field("annotations", &self.set.len())
            .finish_non_exhaustive()
    }
}

impl DocAnnotations {
    pub fn new(opened: Opened) -> (Self, LoadReport) {
        let Opened {
            sidecar,
            set,
            report,
        } = opened;
        let mut this = Self {
            sidecar,
            set,
            highlights: Vec::new(),
            longest: 0,
            unsaved_since: None,
            save_error: None,
        };
        this.refresh();
        (this, report)
    }

    pub fn set(&self) -> &AnnotationSet {
        &self.set
    }

    pub fn sidecar(&self) -> &Sidecar {
        &self.sidecar
    }

    /// Why annotations of this document cannot be edited (a broken or unreadable file).
    pub fn read_only_reason(&self) -> Option<&str> {
        match self.sidecar.access() {
            crate::storage::Access::ReadOnly { reason } => Some(reason),
            crate::storage::Access::Writable => None,
        }
    }

    /// The last save failure (an unwritable folder, a full disk), cleared by the next success.
    pub fn save_error(&self) -> Option<&str> {
        self.save_error.as_deref()
    }

    pub fn has_unsaved(&self) -> bool {
        self.unsaved_since.is_some()
    }

    /// Highlights sorted by start.
    pub fn highlights(&self) -> &[Highlight] {
        &self.highlights
    }

    /// Highlights overlapping `span`.
    pub fn highlights_in(&self, span: TextSpan) -> impl Iterator<Item = &Highlight> {
        let from = self
            .highlights
            .partition_point(|h| h.span.start() + self.longest < span.start());
        self.highlights[from..]
            .iter()
            .take_while(move |h| h.span.start() < span.end())
            .filter(move |h| h.span.end() > span.start())
    }

    /// Annotations whose anchor could not be found in this version of the document.
    pub fn orphans(&self) -> Vec<&Annotation> {
        self.set
            .sorted()
            .into_iter()
            .filter(|a| self.set.status(&a.id) == Status::Orphaned)
            .collect()
    }

    fn writable(&self) -> Result<(), AnnotationError> {
        match self.read_only_reason() {
            Some(reason) => Err(AnnotationError::ReadOnly(reason.to_owned())),
            None => Ok(()),
        }
    }

    /// Apply an edit (a new one, an undo or a redo) and schedule the save.
    pub fn apply(&mut self, edit: &Edit) -> Result<(), AnnotationError> {
        self.writable()?;
        self.set.apply(edit)?;
        self.changed();
        Ok(())
    }

    /// Give `span` the tag `path` (created if missing, borrowing colour and id from `known`):
    /// the annotation already on exactly that span gains the tag, else a new one is made.
    pub fn tag_span(
        &mut self,
        doc: &Document,
        span: TextSpan,
        path: &str,
        known: Option<&TagLibrary>,
    ) -> Result<Edit, AnnotationError> {
        self.writable()?;
        let anchor = Anchor::new(doc, span).ok_or(AnnotationError::BadSpan)?;
        let (tag, tag_edit) = self.set.ensure_tag(path, known)?;
        let existing = self.annotation_at(span).cloned();
        let result = match existing {
            Some(a) if a.tags.contains(&tag) => Ok(Edit::Batch(Vec::new())),
            Some(a) => self.set.update(a.with_tag(tag)),
            None => self.set.add(Annotation::new(anchor).with_tag(tag)),
        };
        let edit = match result {
            Ok(edit) => edit,
            Err(err) => {
                let _ = self.set.apply(&tag_edit.inverse());
                return Err(err.into());
            }
        };
        self.changed();
        Ok(Edit::Batch(vec![tag_edit, edit]))
    }

    /// The annotation whose current position is exactly `span`.
    pub fn annotation_at(&self, span: TextSpan) -> Option<&Annotation> {
        self.highlights
            .iter()
            .find(|h| h.span == span)
            .and_then(|h| self.set.get(&h.id))
    }

    /// Set (or with `None` clear) the note of an annotation; on a span without one, a new
    /// untagged annotation holds the note.
    pub fn set_note(
        &mut self,
        doc: &Document,
        target: NoteTarget,
        note: Option<String>,
    ) -> Result<Edit, AnnotationError> {
        self.writable()?;
        let note = note.filter(|n| !n.trim().is_empty());
        let existing = match &target {
            NoteTarget::Annotation(id) => self.set.get(id).cloned(),
            NoteTarget::Span(span) => self.annotation_at(*span).cloned(),
        };
        let edit = match (existing, target) {
            (Some(a), _) if a.note == note => Edit::Batch(Vec::new()),
            (Some(a), _) => self.set.update(a.with_note(note))?,
            (None, NoteTarget::Span(span)) if note.is_some() => {
                let anchor = Anchor::new(doc, span).ok_or(AnnotationError::BadSpan)?;
                self.set.add(Annotation::new(anchor).with_note(note))?
            }
            (None, NoteTarget::Span(_)) => Edit::Batch(Vec::new()),
            (None, NoteTarget::Annotation(id)) => {
                return Err(EditError::AnnotationMismatch(id).into());
            }
        };
        self.changed();
        Ok(edit)
    }

    pub fn remove(&mut self, id: &AnnotationId) -> Result<Edit, AnnotationError> {
        self.writable()?;
        let edit = self.set.remove(id)?;
        self.changed();
        Ok(edit)
    }

    /// Remove every annotation overlapping `span` (the Delete key on a selection).
    pub fn remove_overlapping(&mut self, span: TextSpan) -> Result<Edit, AnnotationError> {
        self.writable()?;
        let ids: Vec<AnnotationId> = self.highlights_in(span).map(|h| h.id.clone()).collect();
        let mut edits = Vec::new();
        for id in ids {
            edits.push(self.set.remove(&id)?);
        }
        self.changed();
        Ok(Edit::Batch(edits))
    }

    /// Anchor an annotation (typically an orphan) to a new span.
    pub fn reattach(
        &mut self,
        doc: &Document,
        id: &AnnotationId,
        span: TextSpan,
    ) -> Result<Edit, AnnotationError> {
        self.writable()?;
        let anchor = Anchor::new(doc, span).ok_or(AnnotationError::BadSpan)?;
        let mut changed = self
            .set
            .get(id)
            .cloned()
            .ok_or_else(|| EditError::AnnotationMismatch(id.clone()))?;
        changed.anchor = anchor;
        let edit = self.set.update(changed)?;
        self.changed();
        Ok(edit)
    }

    pub fn rename_tag(&mut self, id: &TagId, name: &str) -> Result<Edit, AnnotationError> {
        self.writable()?;
        let edit = self.set.rename_tag(id, name)?;
        self.changed();
        Ok(edit)
    }

    /// Merge tag `from` into `into`; a document that lacks `into` (it lives in another open
    /// document) gets it first, so the merge means the same everywhere.
    pub fn merge_tags_into(&mut self, from: &TagId, into: &Tag) -> Result<Edit, AnnotationError> {
        self.writable()?;
        let mut edits = Vec::new();
        if self.set.tags().get(&into.id).is_none() {
            let mut added = into.clone();
            added.parent = added
                .parent
                .filter(|p| self.set.tags().get(p).is_some() && p != from);
            edits.push(self.set.perform(Edit::AddTag(added))?);
        }
        match self.set.merge_tags(from, &into.id) {
            Ok(edit) => edits.push(edit),
            Err(err) => {
                for e in edits.iter().rev() {
                    let _ = self.set.apply(&e.inverse());
                }
                return Err(err.into());
            }
        }
        self.changed();
        Ok(Edit::Batch(edits))
    }

    pub fn set_tag_colour(&mut self, id: &TagId, colour: Colour) -> Result<Edit, AnnotationError> {
        self.update_tag(id, |t| t.colour = colour)
    }

    /// Move a tag under `parent` (or to the top); refused when it would make a cycle.
    pub fn set_tag_parent(
        &mut self,
        id: &TagId,
        parent: Option<TagId>,
    ) -> Result<Edit, AnnotationError> {
        if let Some(p) = &parent
            && self.set.tags().is_within(p, id)
        {
            return Err(EditError::TagMismatch(p.clone()).into());
        }
        self.update_tag(id, |t| t.parent = parent)
    }

    fn update_tag(
        &mut self,
        id: &TagId,
        change: impl FnOnce(&mut Tag),
    ) -> Result<Edit, AnnotationError> {
        self.writable()?;
        let mut tag = self
            .set
            .tags()
            .get(id)
            .cloned()
            .ok_or_else(|| EditError::TagMismatch(id.clone()))?;
        change(&mut tag);
        let edit = self.set.update_tag(tag)?;
        self.changed();
        Ok(edit)
    }

    fn changed(&mut self) {
        self.refresh();
        self.unsaved_since.get_or_insert_with(Instant::now);
    }

    /// Rebuild the highlight list from the set (after every change).
    fn refresh(&mut self) {
        let tags = self.set.tags();
        let mut highlights: Vec<Highlight> = self
            .set
            .iter()
            .filter_map(|a| {
                let span = self.set.resolution(&a.id).span()?;
                let mut paths: Vec<String> = a.tags.iter().map(|t| tags.path(t)).collect();
                paths.retain(|p| !p.is_empty());
                paths.sort();
                let colour = a
                    .tags
                    .iter()
                    .filter_map(|t| tags.get(t))
                    .map(|t| t.colour)
                    .next()
                    .unwrap_or_default();
                Some(Highlight {
                    span,
                    id: a.id.clone(),
                    colour,
                    tags: paths,
                    note: a.note.clone(),
                })
            })
            .collect();
        highlights.sort_by(|a, b| (a.span.start(), &a.id).cmp(&(b.span.start(), &b.id)));
        self.longest = highlights.iter().map(|h| h.span.len()).max().unwrap_or(0);
        self.highlights = highlights;
    }

    /// Save when the last edit is older than the debounce delay. `None`: nothing was due.
    pub fn save_if_due(&mut self, now: Instant) -> Option<Result<MergeReport, StorageError>> {
        let since = self.unsaved_since?;
        if now.duration_since(since) < SAVE_DEBOUNCE {
            return None;
        }
        Some(self.save_now())
    }

    /// Save now if anything is unsaved (quit, reload, tests).
    pub fn flush(&mut self) -> Option<Result<MergeReport, StorageError>> {
        self.unsaved_since?;
        Some(self.save_now())
    }

    /// Merge what other devices (or programs) wrote since the files were last read, keeping
    /// the unsaved edits here, and re-anchor against `doc`. `None`: nothing changed on disk.
    pub fn pull(
        &mut self,
        doc: &Document,
    ) -> Option<Result<(MergeReport, ReanchorReport), StorageError>> {
        let result = self.sidecar.pull(&mut self.set, doc)?;
        self.refresh();
        Some(result)
    }

    fn save_now(&mut self) -> Result<MergeReport, StorageError> {
        let result = self.sidecar.save(&mut self.set);
        match &result {
            Ok(report) => {
                self.unsaved_since = None;
                self.save_error = None;
                if *report != MergeReport::default() {
                    self.refresh();
                }
            }
            Err(err) => {
                // Keep the edits in memory and retry on the next edit or flush; never drop them.
                self.unsaved_since = None;
                self.save_error = Some(err.to_string());
            }
        }
        result
    }
}

/// What a note is attached to: an existing annotation, or the current selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteTarget {
    Annotation(AnnotationId),
    Span(TextSpan),
}

#[cfg(test)]
mod tests;
