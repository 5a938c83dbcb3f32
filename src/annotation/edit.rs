//! Edits as invertible values: every change to an [`AnnotationSet`](super::AnnotationSet) is an
//! [`Edit`] that can be applied, inverted and applied again (undo/redo).

use thiserror::Error;

use super::ids::{AnnotationId, TagId};
use super::model::Annotation;
use super::tag::Tag;

#[derive(Debug, Clone, PartialEq, Eq)]
#[expect(
    clippy::large_enum_variant,
    reason = "edits are few and short-lived (undo history); boxing would only complicate matching"
)]
pub enum Edit {
    AddAnnotation(Annotation),
    RemoveAnnotation(Annotation),
    UpdateAnnotation {
        before: Annotation,
        after: Annotation,
    },
    AddTag(Tag),
    RemoveTag(Tag),
    UpdateTag {
        before: Tag,
        after: Tag,
    },
    /// Several edits applied in order, undone in reverse order, all or nothing.
    Batch(Vec<Edit>),
}

impl Edit {
    /// The edit that undoes this one.
    #[must_use]
    pub fn inverse(&self) -> Edit {
        match self {
            Self::AddAnnotation(a) => Self::RemoveAnnotation(a.clone()),
            Self::RemoveAnnotation(a) => Self::AddAnnotation(a.clone()),
            Self::UpdateAnnotation { before, after } => Self::UpdateAnnotation {
                before: after.clone(),
                after: before.clone(),
            },
            Self::AddTag(t) => Self::RemoveTag(t.clone()),
            Self::RemoveTag(t) => Self::AddTag(t.clone()),
            Self::UpdateTag { before, after } => Self::UpdateTag {
                before: after.clone(),
                after: before.clone(),
            },
            Self::Batch(edits) => Self::Batch(edits.iter().rev().map(Edit::inverse).collect()),
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Self::Batch(edits) if edits.iter().all(Edit::is_empty))
    }
}

/// An edit that does not fit the current state (applied twice, or out of order).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditError {
    #[error("annotation {0} already exists")]
    AnnotationExists(AnnotationId),
    #[error("annotation {0} is not in the set, or has changed since the edit was made")]
    AnnotationMismatch(AnnotationId),
    #[error("tag {0} already exists")]
    TagExists(TagId),
    #[error("tag {0} is not in the library, or has changed since the edit was made")]
    TagMismatch(TagId),
    #[error("tag {0} is still used by annotations")]
    TagInUse(TagId),
    #[error("no tag named {0:?}")]
    NoSuchTag(String),
}
