//! The reader's hand on the text: the selection, tagging it (quick tags and the tag picker),
//! the note editor, deleting, re-attaching, undo and redo, and tag renames and merges.

use super::annotating::{Annotating, edit_failed};
use super::columns::Columns;
use super::notices::{Notices, Severity};
use crate::app::DocumentId;
use crate::app::annotations::{AnnotationError, NoteTarget};
use crate::app::command::{Command, Location};
use crate::app::i18n::Language;
use crate::span::TextSpan;

/// Selected text in one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub doc: DocumentId,
    pub span: TextSpan,
}

/// The note being edited: where it goes and the text it started with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEditor {
    pub serial: u64,
    pub doc: DocumentId,
    pub target: NoteTarget,
    pub initial: String,
    pub quote: String,
}

/// What an editing command reads and changes besides the editing state itself.
pub struct EditContext<'a> {
    pub columns: &'a Columns,
    pub annotating: &'a mut Annotating,
    pub notices: &'a mut Notices,
    pub lang: Language,
    pub quick_tags: &'a [String],
}

#[derive(Debug, Default)]
pub struct Editing {
    selection: Option<Selection>,
    tag_picker_open: bool,
    note_editor: Option<NoteEditor>,
    serial: u64,
}

impl Editing {
    pub fn selection(&self) -> Option<Selection> {
        self.selection
    }

    pub fn tag_picker_open(&self) -> bool {
        self.tag_picker_open
    }

    pub fn note_editor(&self) -> Option<&NoteEditor> {
        self.note_editor.as_ref()
    }

    /// A closed document takes its selection with it.
    pub fn forget(&mut self, doc: DocumentId) {
        if self.selection.is_some_and(|s| s.doc == doc) {
            self.selection = None;
        }
    }

    /// Selection, tagging, notes, deletion, undo/redo and tag edits.
    pub fn handle(&mut self, cmd: Command, cx: &mut EditContext<'_>) {
        match cmd {
            Command::Select { doc, start, end } => {
                self.select(doc, start.min(end), start.max(end), cx.columns);
            }
            Command::SelectWord(loc) => self.select_word(loc, cx.columns),
            Command::SelectSentence(loc) => self.select_sentence(loc, cx.columns),
            Command::ClearSelection => self.selection = None,
            Command::QuickTag(n) => {
                let name = cx.quick_tags.get(usize::from(n).wrapping_sub(1)).cloned();
                match name {
                    Some(name) => self.tag_selection(&name, cx),
                    None => {
                        let msg = cx.lang.pick("没有这个快速标签", "No such quick tag");
                        cx.notices.push(Severity::Error, msg);
                    }
                }
            }
            Command::OpenTagPicker => {
                if self.require_selection(cx) {
                    cx.annotating.ensure_user_tags(cx.notices, cx.lang);
                    self.tag_picker_open = true;
                }
            }
            Command::CloseTagPicker => self.tag_picker_open = false,
            Command::TagSelection(path) => {
                self.tag_picker_open = false;
                self.tag_selection(&path, cx);
            }
            Command::EditNote => self.open_note_editor_on_selection(cx),
            Command::EditNoteOf(doc, id) => {
                self.open_note_editor(doc, NoteTarget::Annotation(id), cx);
            }
            Command::SaveNote(text) => self.save_note(text, cx),
            Command::CloseNoteEditor => self.note_editor = None,
            Command::DeleteAtSelection => {
                if let Some(sel) = self.selection {
                    cx.annotating
                        .edit(sel.doc, cx.columns, cx.notices, cx.lang, |ann, _| {
                            ann.remove_overlapping(sel.span)
                        });
                }
            }
            Command::DeleteAnnotation(doc, id) => {
                cx.annotating
                    .edit(doc, cx.columns, cx.notices, cx.lang, |ann, _| {
                        ann.remove(&id)
                    });
            }
            Command::Reattach(doc, id) => self.reattach(doc, &id, cx),
            Command::Undo => cx.annotating.undo_redo(true, cx.notices, cx.lang),
            Command::Redo => cx.annotating.undo_redo(false, cx.notices, cx.lang),
            Command::RenameTag { tag, name } => {
                cx.annotating
                    .edit_all_with_tag(&tag, cx.notices, cx.lang, |ann| {
                        ann.rename_tag(&tag, &name)
                    });
            }
            Command::MergeTags { from, into } => {
                let target = cx.annotating.tag(&into);
                if let Some(target) = target {
                    cx.annotating
                        .edit_all_with_tag(&from, cx.notices, cx.lang, |ann| {
                            ann.merge_tags_into(&from, &target)
                        });
                }
            }
            Command::SetTagColour { tag, colour } => {
                cx.annotating
                    .edit_all_with_tag(&tag, cx.notices, cx.lang, |ann| {
                        ann.set_tag_colour(&tag, colour)
                    });
            }
            Command::SetTagParent { tag, parent } => {
                cx.annotating
                    .edit_all_with_tag(&tag, cx.notices, cx.lang, |ann| {
                        ann.set_tag_parent(&tag, parent.clone())
                    });
            }
            _ => debug_assert!(false, "not an editing command: {cmd:?}"),
        }
    }

    fn select(&mut self, doc: DocumentId, start: usize, end: usize, columns: &Columns) {
        let Some(open) = columns.document(doc) else {
            return;
        };
        let text = open.loaded.doc().text();
        let span = TextSpan::snapped(text, start, end.min(text.len()));
        self.selection = (!span.is_empty()).then_some(Selection { doc, span });
    }

    fn select_word(&mut self, loc: Location, columns: &Columns) {
        let Some(open) = columns.document(loc.doc) else {
            return;
        };
        let text = open.loaded.doc().text();
        let words = open.loaded.analysis().index.words();
        if let Some(span) = crate::nlp::bounds::word_at(text, words, loc.offset) {
            self.selection = Some(Selection { doc: loc.doc, span });
        }
    }

    fn select_sentence(&mut self, loc: Location, columns: &Columns) {
        let Some(open) = columns.document(loc.doc) else {
            return;
        };
        if let Some(span) = crate::nlp::bounds::sentence_at(open.loaded.doc().text(), loc.offset) {
            self.selection = Some(Selection { doc: loc.doc, span });
        }
    }

    fn require_selection(&self, cx: &mut EditContext<'_>) -> bool {
        if self.selection.is_some() {
            return true;
        }
        let msg = cx.lang.pick("请先选择一段文字", "Select a passage first");
        cx.notices.push(Severity::Error, msg);
        false
    }

    fn tag_selection(&mut self, path: &str, cx: &mut EditContext<'_>) {
        if !self.require_selection(cx) {
            return;
        }
        let Some(sel) = self.selection else {
            return;
        };
        cx.annotating.ensure_user_tags(cx.notices, cx.lang);
        let known = cx.annotating.user_tags().cloned();
        cx.annotating
            .edit(sel.doc, cx.columns, cx.notices, cx.lang, |ann, doc| {
                ann.tag_span(doc, sel.span, path, known.as_ref())
            });
        cx.annotating.learn_user_tags(sel.doc, cx.notices, cx.lang);
    }

    fn reattach(
        &mut self,
        doc: DocumentId,
        id: &crate::annotation::AnnotationId,
        cx: &mut EditContext<'_>,
    ) {
        match self.selection {
            Some(sel) if sel.doc == doc => {
                cx.annotating
                    .edit(doc, cx.columns, cx.notices, cx.lang, |ann, d| {
                        ann.reattach(d, id, sel.span)
                    });
            }
            _ => {
                let msg = cx.lang.pick(
                    "先在同一篇文档中选出新的位置",
                    "First select the new place in the same document",
                );
                cx.notices.push(Severity::Error, msg);
            }
        }
    }

    fn open_note_editor_on_selection(&mut self, cx: &mut EditContext<'_>) {
        if !self.require_selection(cx) {
            return;
        }
        let Some(sel) = self.selection else {
            return;
        };
        let target = match cx
            .annotating
            .get(sel.doc)
            .and_then(|a| a.annotation_at(sel.span))
        {
            Some(a) => NoteTarget::Annotation(a.id.clone()),
            None => NoteTarget::Span(sel.span),
        };
        self.open_note_editor(sel.doc, target, cx);
    }

    fn open_note_editor(&mut self, doc: DocumentId, target: NoteTarget, cx: &mut EditContext<'_>) {
        let Some(ann) = cx.annotating.get(doc) else {
            return;
        };
        if let Some(reason) = ann.read_only_reason() {
            let err = AnnotationError::ReadOnly(reason.to_owned());
            edit_failed(&err, cx.notices, cx.lang);
            return;
        }
        let (initial, quote) = match &target {
            NoteTarget::Annotation(id) => ann.set().get(id).map_or_else(Default::default, |a| {
                (
                    a.note.clone().unwrap_or_default(),
                    a.anchor.quote.exact.clone(),
                )
            }),
            NoteTarget::Span(span) => (
                String::new(),
                cx.columns
                    .document(doc)
                    .and_then(|d| span.slice(d.loaded.doc().text()))
                    .unwrap_or_default()
                    .to_owned(),
            ),
        };
        self.serial += 1;
        self.note_editor = Some(NoteEditor {
            serial: self.serial,
            doc,
            target,
            initial,
            quote,
        });
    }

    fn save_note(&mut self, text: String, cx: &mut EditContext<'_>) {
        let Some(editor) = self.note_editor.take() else {
            return;
        };
        let note = (!text.trim().is_empty()).then_some(text);
        cx.annotating
            .edit(editor.doc, cx.columns, cx.notices, cx.lang, |ann, doc| {
                ann.set_note(doc, editor.target.clone(), note)
            });
    }
}
