//! [`AnnotationSet`]: the annotations and tags of one document, changed only through [`Edit`]s.

use std::collections::BTreeMap;

use super::edit::{Edit, EditError};
use super::ids::{AnnotationId, TagId, Timestamp};
use super::model::Annotation;
use super::resolve::{Resolution, Resolver, Status};
use super::tag::{Tag, TagLibrary};
use crate::document::Document;

/// How re-anchoring against a document went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReanchorReport {
    pub exact: usize,
    pub moved: usize,
    pub orphaned: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnnotationSet {
    annotations: BTreeMap<AnnotationId, Annotation>,
    tags: TagLibrary,
    resolutions: BTreeMap<AnnotationId, Resolution>,
}

fn id_of(slot: &Option<Annotation>) -> Option<&AnnotationId> {
    slot.as_ref().map(|a| &a.id)
}

impl AnnotationSet {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn from_parts(annotations: impl IntoIterator<Item = Annotation>, tags: TagLibrary) -> Self {
        // Files list annotations by position. Sorting small indices by id, then feeding the
        // map in id order, spares moving whole annotations around while sorting (a map
        // built from a sorted sequence is built in bulk). A later duplicate id wins, as it
        // does when collecting into a map.
        let mut all: Vec<Option<Annotation>> = annotations.into_iter().map(Some).collect();
        let mut order: Vec<usize> = (0..all.len()).collect();
        order.sort_by(|&a, &b| id_of(&all[a]).cmp(&id_of(&all[b])));
        let annotations = order
            .into_iter()
            .filter_map(|i| all.get_mut(i).and_then(Option::take))
            .map(|a| (a.id.clone(), a))
            .collect();
        Self {
            annotations,
            tags,
            resolutions: BTreeMap::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.annotations.len()
    }

    pub fn is_empty(&self) -> bool {
        self.annotations.is_empty()
    }

    pub fn get(&self, id: &AnnotationId) -> Option<&Annotation> {
        self.annotations.get(id)
    }

    /// Annotations in id order.
    pub fn iter(&self) -> impl Iterator<Item = &Annotation> {
        self.annotations.values()
    }

    /// Annotations by position, then id (the order of files, lists and exports).
    pub fn sorted(&self) -> Vec<&Annotation> {
        let mut all: Vec<&Annotation> = self.annotations.values().collect();
        all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        all
    }

    pub fn tags(&self) -> &TagLibrary {
        &self.tags
    }

    /// Where the annotation was found by the last [`Self::reanchor`]; exact until then.
    pub fn resolution(&self, id: &AnnotationId) -> Resolution {
        self.resolutions.get(id).copied().unwrap_or_else(|| {
            self.annotations
                .get(id)
                .map_or(Resolution::Orphaned, |a| Resolution::Exact(a.anchor.span))
        })
    }

    pub fn status(&self, id: &AnnotationId) -> Status {
        self.resolution(id).status()
    }

    /// Find every annotation again in `doc`. Moved ones take their new position; orphans keep
    /// their last known anchor (so a reverted document finds them again).
    pub fn reanchor(&mut self, doc: &Document) -> ReanchorReport {
        let mut report = ReanchorReport::default();
        // Position order (the resolver learns shifts from one anchor to the next), walking the
        // annotations in place: no id lookups per annotation.
        let mut all: Vec<&mut Annotation> = self.annotations.values_mut().collect();
        let mut order: Vec<usize> = (0..all.len()).collect();
        order.sort_by(|&a, &b| all[a].sort_key().cmp(&all[b].sort_key()));
        let mut resolver = Resolver::new(doc);
        let mut resolutions = vec![Resolution::Orphaned; all.len()];
        for i in order {
            let (Some(annotation), Some(slot)) = (all.get_mut(i), resolutions.get_mut(i)) else {
                continue;
            };
            let resolution = resolver.resolve(&annotation.anchor);
            match resolution {
                Resolution::Exact(_) => report.exact += 1,
                Resolution::Moved { span, .. } => {
                    report.moved += 1;
                    annotation.anchor = annotation.anchor.moved_to(doc, span);
                }
                Resolution::Orphaned => report.orphaned += 1,
            }
            *slot = resolution;
        }
        // Every annotation was just resolved: the map is rebuilt whole, in id order (so in
        // bulk, not by 10,000 inserts).
        self.resolutions = all.iter().map(|a| a.id.clone()).zip(resolutions).collect();
        report
    }

    /// Apply an edit (all or nothing).
    pub fn apply(&mut self, edit: &Edit) -> Result<(), EditError> {
        match edit {
            Edit::AddAnnotation(a) => {
                if self.annotations.contains_key(&a.id) {
                    return Err(EditError::AnnotationExists(a.id.clone()));
                }
                self.resolutions
                    .insert(a.id.clone(), Resolution::Exact(a.anchor.span));
                self.annotations.insert(a.id.clone(), a.clone());
            }
            Edit::RemoveAnnotation(a) => {
                if self.annotations.get(&a.id) != Some(a) {
                    return Err(EditError::AnnotationMismatch(a.id.clone()));
                }
                self.annotations.remove(&a.id);
                self.resolutions.remove(&a.id);
            }
            Edit::UpdateAnnotation { before, after } => {
                if before.id != after.id || self.annotations.get(&before.id) != Some(before) {
                    return Err(EditError::AnnotationMismatch(before.id.clone()));
                }
                if before.anchor != after.anchor {
                    self.resolutions
                        .insert(after.id.clone(), Resolution::Exact(after.anchor.span));
                }
                self.annotations.insert(after.id.clone(), after.clone());
            }
            Edit::AddTag(t) => {
                if self.tags.get(&t.id).is_some() {
                    return Err(EditError::TagExists(t.id.clone()));
                }
                self.tags.insert(t.clone());
            }
            Edit::RemoveTag(t) => {
                if self.tags.get(&t.id) != Some(t) {
                    return Err(EditError::TagMismatch(t.id.clone()));
                }
                if self.annotations.values().any(|a| a.tags.contains(&t.id)) {
                    return Err(EditError::TagInUse(t.id.clone()));
                }
                self.tags.remove(&t.id);
            }
            Edit::UpdateTag { before, after } => {
                if before.id != after.id || self.tags.get(&before.id) != Some(before) {
                    return Err(EditError::TagMismatch(before.id.clone()));
                }
                self.tags.insert(after.clone());
            }
            Edit::Batch(edits) => self.apply_batch(edits)?,
        }
        Ok(())
    }

    fn apply_batch(&mut self, edits: &[Edit]) -> Result<(), EditError> {
        for (done, edit) in edits.iter().enumerate() {
            if let Err(err) = self.apply(edit) {
                for applied in edits.iter().take(done).rev() {
                    // Undoing what this batch just did cannot fail: the state is as it left it.
                    let _ = self.apply(&applied.inverse());
                }
                return Err(err);
            }
        }
        Ok(())
    }

    /// Apply `edit` and hand it back (for the undo history).
    pub fn perform(&mut self, edit: Edit) -> Result<Edit, EditError> {
        self.apply(&edit)?;
        Ok(edit)
    }

    pub fn add(&mut self, annotation: Annotation) -> Result<Edit, EditError> {
        self.perform(Edit::AddAnnotation(annotation))
    }

    pub fn remove(&mut self, id: &AnnotationId) -> Result<Edit, EditError> {
        let current = self
            .get(id)
            .cloned()
            .ok_or_else(|| EditError::AnnotationMismatch(id.clone()))?;
        self.perform(Edit::RemoveAnnotation(current))
    }

    /// Replace an annotation by its changed copy; `modified` is set to now.
    pub fn update(&mut self, mut changed: Annotation) -> Result<Edit, EditError> {
        let before = self
            .get(&changed.id)
            .cloned()
            .ok_or_else(|| EditError::AnnotationMismatch(changed.id.clone()))?;
        changed.modified = Timestamp::now();
        self.perform(Edit::UpdateAnnotation {
            before,
            after: changed,
        })
    }

    /// Make sure the tag path (`主题/教育`) exists, borrowing ids and colours from `known`
    /// (the user-wide library). Returns the tag id and the edit that created what was missing.
    pub fn ensure_tag(
        &mut self,
        path: &str,
        known: Option<&TagLibrary>,
    ) -> Result<(TagId, Edit), EditError> {
        let (leaf, new_tags) = self.tags.plan_path(path, known);
        let leaf = leaf.ok_or_else(|| EditError::NoSuchTag(path.to_owned()))?;
        let edit = self.perform(Edit::Batch(
            new_tags.into_iter().map(Edit::AddTag).collect(),
        ))?;
        Ok((leaf, edit))
    }

    pub fn update_tag(&mut self, changed: Tag) -> Result<Edit, EditError> {
        let before = self
            .tags
            .get(&changed.id)
            .cloned()
            .ok_or_else(|| EditError::TagMismatch(changed.id.clone()))?;
        self.perform(Edit::UpdateTag {
            before,
            after: changed,
        })
    }

    /// Rename a tag: its id stays, so every annotation keeps it.
    pub fn rename_tag(&mut self, id: &TagId, name: &str) -> Result<Edit, EditError> {
        let mut tag = self
            .tags
            .get(id)
            .cloned()
            .ok_or_else(|| EditError::TagMismatch(id.clone()))?;
        tag.name = name.replace('/', "／").trim().to_owned();
        self.update_tag(tag)
    }

    /// Merge tag `from` into `into`: annotations and child tags move over, then `from` goes.
    pub fn merge_tags(&mut self, from: &TagId, into: &TagId) -> Result<Edit, EditError> {
        let from_tag = self
            .tags
            .get(from)
            .cloned()
            .ok_or_else(|| EditError::TagMismatch(from.clone()))?;
        if self.tags.get(into).is_none() || from == into {
            return Err(EditError::TagMismatch(into.clone()));
        }
        let mut edits = Vec::new();
        for a in self.annotations.values().filter(|a| a.tags.contains(from)) {
            let mut after = a.clone();
            after.tags.remove(from);
            after.tags.insert(into.clone());
            after.modified = Timestamp::now();
            edits.push(Edit::UpdateAnnotation {
                before: a.clone(),
                after,
            });
        }
        for child in self.tags.iter().filter(|t| t.parent.as_ref() == Some(from)) {
            let mut after = child.clone();
            after.parent = Some(into.clone());
            edits.push(Edit::UpdateTag {
                before: child.clone(),
                after,
            });
        }
        edits.push(Edit::RemoveTag(from_tag));
        self.perform(Edit::Batch(edits))
    }
}
