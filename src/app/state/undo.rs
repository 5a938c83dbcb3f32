//! Undo and redo of annotation edits: one step holds the edits it made in every document it
//! touched, so a tag renamed across three documents comes back in one Undo.

use std::collections::BTreeMap;

use crate::annotation::Edit;
use crate::app::DocumentId;
use crate::app::annotations::{AnnotationError, DocAnnotations};

/// Undo history depth (edits are small; a long session keeps them all up to this).
const UNDO_DEPTH: usize = 500;

/// One undoable step: the edits it made, per document.
pub type UndoStep = Vec<(DocumentId, Edit)>;

#[derive(Debug, Default)]
pub struct UndoHistory {
    undo: Vec<UndoStep>,
    redo: Vec<UndoStep>,
}

impl UndoHistory {
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn push(&mut self, step: UndoStep) {
        self.undo.push(step);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Undo (or redo) the last step on `annotations`. A step that fails half-way is rolled
    /// back and dropped, so the history stays consistent.
    pub fn step(
        &mut self,
        undo: bool,
        annotations: &mut BTreeMap<DocumentId, DocAnnotations>,
    ) -> Result<(), AnnotationError> {
        let taken = if undo {
            self.undo.pop()
        } else {
            self.redo.pop()
        };
        let Some(step) = taken else {
            return Ok(());
        };
        let mut applied: UndoStep = Vec::new();
        let mut failure = None;
        let edits: Vec<(DocumentId, Edit)> = if undo {
            step.iter().rev().map(|(d, e)| (*d, e.inverse())).collect()
        } else {
            step.clone()
        };
        for (doc, edit) in &edits {
            let Some(ann) = annotations.get_mut(doc) else {
                continue;
            };
            match ann.apply(edit) {
                Ok(()) => applied.push((*doc, edit.clone())),
                Err(err) => {
                    failure = Some(err);
                    break;
                }
            }
        }
        if let Some(err) = failure {
            for (doc, edit) in applied.iter().rev() {
                if let Some(ann) = annotations.get_mut(doc) {
                    let _ = ann.apply(&edit.inverse());
                }
            }
            return Err(err);
        }
        if undo {
            self.redo.push(step);
        } else {
            self.undo.push(step);
        }
        Ok(())
    }

    /// Drop every step that touched `doc` (closed, or reloaded: its edits point at old text).
    pub fn forget(&mut self, doc: DocumentId) {
        self.undo.retain(|step| step.iter().all(|(d, _)| *d != doc));
        self.redo.retain(|step| step.iter().all(|(d, _)| *d != doc));
    }
}
