//! The open documents' annotations: one `DocAnnotations` per document, the user-wide tag
//! library, edits recorded for undo, debounced saving, and what an export covers.

use std::collections::BTreeMap;
use std::time::Instant;

use super::columns::Columns;
use super::notices::{Notices, Severity};
use super::undo::UndoHistory;
use crate::annotation::{Edit, Tag, TagId, TagLibrary};
use crate::app::DocumentId;
use crate::app::annotations::{AnnotationError, DocAnnotations};
use crate::app::command::ExportScope;
use crate::app::i18n::Language;
use crate::document::Document;
use crate::storage::{self, LoadReport, Locations, MergeReport};

#[derive(Debug)]
pub struct Annotating {
    docs: BTreeMap<DocumentId, DocAnnotations>,
    locations: Locations,
    user_tags: Option<TagLibrary>,
    history: UndoHistory,
}

impl Annotating {
    pub fn new(locations: Locations) -> Self {
        Self {
            docs: BTreeMap::new(),
            locations,
            user_tags: None,
            history: UndoHistory::default(),
        }
    }

    /// Where fallback sidecars and the user-wide tag library live (tests point it elsewhere).
    pub fn set_locations(&mut self, locations: Locations) {
        self.locations = locations;
        self.user_tags = None;
    }

    pub fn locations(&self) -> &Locations {
        &self.locations
    }

    pub fn get(&self, doc: DocumentId) -> Option<&DocAnnotations> {
        self.docs.get(&doc)
    }

    pub fn insert(&mut self, doc: DocumentId, annotations: DocAnnotations) {
        self.docs.insert(doc, annotations);
    }

    /// A closed document: its annotations and its undo steps go.
    pub fn remove(&mut self, doc: DocumentId) {
        self.docs.remove(&doc);
        self.history.forget(doc);
    }

    /// A reloaded document: old edits point at the previous version of the text.
    pub fn forget_history(&mut self, doc: DocumentId) {
        self.history.forget(doc);
    }

    pub fn has_unsaved(&self) -> bool {
        self.docs.values().any(DocAnnotations::has_unsaved)
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// The tag `id` as some open document defines it.
    pub fn tag(&self, id: &TagId) -> Option<Tag> {
        self.docs
            .values()
            .find_map(|a| a.set().tags().get(id).cloned())
    }

    pub fn user_tags(&self) -> Option<&TagLibrary> {
        self.user_tags.as_ref()
    }

    /// Tag paths for the picker, without loading anything (the UI calls this every frame).
    pub fn tag_paths(&self, quick_tags: &[String]) -> Vec<String> {
        let mut paths: Vec<String> = self
            .docs
            .values()
            .flat_map(|a| {
                let tags = a.set().tags();
                tags.iter().map(|t| tags.path(&t.id)).collect::<Vec<_>>()
            })
            .chain(
                self.user_tags
                    .iter()
                    .flat_map(|lib| lib.iter().map(|t| lib.path(&t.id)).collect::<Vec<_>>()),
            )
            .chain(quick_tags.iter().cloned())
            .filter(|p| !p.is_empty())
            .collect();
        paths.sort();
        paths.dedup();
        paths
    }

    /// Load the user-wide tag library once; a broken one is reported and not used.
    pub fn ensure_user_tags(&mut self, notices: &mut Notices, lang: Language) {
        if self.user_tags.is_some() {
            return;
        }
        let Some(path) = self.locations.tag_library() else {
            return;
        };
        match storage::load_tag_library(&path) {
            Ok(lib) => self.user_tags = Some(lib),
            Err(e) => {
                let msg = format!(
                    "{}: {e}",
                    lang.pick("未使用用户标签库", "User tag library not used")
                );
                self.user_tags = Some(TagLibrary::new());
                notices.push(Severity::Error, msg);
            }
        }
    }

    /// Remember new tags in the user-wide library, so every document offers them.
    pub fn learn_user_tags(&mut self, doc: DocumentId, notices: &mut Notices, lang: Language) {
        let (Some(path), Some(ann)) = (self.locations.tag_library(), self.docs.get(&doc)) else {
            return;
        };
        let Some(library) = self.user_tags.as_mut() else {
            return;
        };
        if storage::learn_tags(library, ann.set().tags()) > 0
            && let Err(e) = storage::save_tag_library(&path, library)
        {
            let msg = format!(
                "{}: {e}",
                lang.pick("用户标签库未保存", "User tag library not saved")
            );
            notices.push(Severity::Error, msg);
        }
    }

    /// Run one edit on a document's annotations; record it for undo or show why it failed.
    pub fn edit(
        &mut self,
        doc: DocumentId,
        columns: &Columns,
        notices: &mut Notices,
        lang: Language,
        edit: impl FnOnce(&mut DocAnnotations, &Document) -> Result<Edit, AnnotationError>,
    ) {
        let (Some(open), Some(ann)) = (columns.document(doc), self.docs.get_mut(&doc)) else {
            return;
        };
        match edit(ann, open.loaded.doc()) {
            Ok(e) if e.is_empty() => {}
            Ok(e) => self.history.push(vec![(doc, e)]),
            Err(err) => edit_failed(&err, notices, lang),
        }
    }

    /// The same tag edit in every open document that has the tag; one undo step.
    pub fn edit_all_with_tag(
        &mut self,
        tag: &TagId,
        notices: &mut Notices,
        lang: Language,
        mut edit: impl FnMut(&mut DocAnnotations) -> Result<Edit, AnnotationError>,
    ) {
        let mut step = Vec::new();
        let mut failure = None;
        for (&doc, ann) in &mut self.docs {
            if ann.set().tags().get(tag).is_none() {
                continue;
            }
            match edit(ann) {
                Ok(e) if e.is_empty() => {}
                Ok(e) => step.push((doc, e)),
                Err(err) => failure = Some(err),
            }
        }
        if let Some(err) = failure {
            edit_failed(&err, notices, lang);
        }
        if !step.is_empty() {
            self.history.push(step);
        }
    }

    pub fn undo_redo(&mut self, undo: bool, notices: &mut Notices, lang: Language) {
        if let Err(err) = self.history.step(undo, &mut self.docs) {
            edit_failed(&err, notices, lang);
        }
    }

    /// Save documents whose last edit is older than the debounce delay (all pending if `now`).
    pub fn save_due(&mut self, now: bool, notices: &mut Notices, lang: Language) {
        let at = Instant::now();
        for ann in self.docs.values_mut() {
            let result = if now {
                ann.flush()
            } else {
                ann.save_if_due(at)
            };
            match result {
                Some(Ok(merge)) => merged_notice(merge, notices, lang),
                Some(Err(err)) => notices.push(Severity::Error, err.to_string()),
                None => {}
            }
        }
    }

    /// Merge annotation files other devices changed into the open documents (re-anchored),
    /// with the notices a save's merge and a reload give.
    pub fn pull_changed(&mut self, columns: &Columns, notices: &mut Notices, lang: Language) {
        for (id, ann) in &mut self.docs {
            let Some(open) = columns.document(*id) else {
                continue;
            };
            match ann.pull(open.loaded.doc()) {
                Some(Ok((merge, reanchor))) => {
                    merged_notice(merge, notices, lang);
                    let report = LoadReport {
                        reanchor,
                        ..LoadReport::default()
                    };
                    let name = open.loaded.display_name();
                    report_annotations(&name, &report, false, notices, lang);
                }
                Some(Err(err)) => notices.push(Severity::Error, err.to_string()),
                None => {}
            }
        }
    }

    /// Write `doc`'s pending changes now (before it closes or reloads).
    pub fn flush(&mut self, doc: DocumentId, notices: &mut Notices) {
        if let Some(Err(err)) = self.docs.get_mut(&doc).and_then(DocAnnotations::flush) {
            notices.push(Severity::Error, err.to_string());
        }
    }

    /// How many annotations an export of `scope` holds (cheap: the export window shows it live).
    pub fn export_count(&self, scope: &ExportScope) -> usize {
        let in_scope = |id: &DocumentId| match scope {
            ExportScope::Document(d) => d == id,
            ExportScope::AllOpen | ExportScope::Tags(_) => true,
        };
        self.docs
            .iter()
            .filter(|(id, _)| in_scope(id))
            .map(|(_, ann)| {
                let set = ann.set();
                match scope {
                    ExportScope::Tags(wanted) => set
                        .iter()
                        .filter(|a| {
                            a.tags
                                .iter()
                                .any(|t| tag_path_within(&set.tags().path(t), wanted))
                        })
                        .count(),
                    _ => set.len(),
                }
            })
            .sum()
    }

    /// The documents an export covers, prepared for the renderers.
    pub fn export_documents(
        &self,
        scope: &ExportScope,
        columns: &Columns,
    ) -> Vec<crate::export::ExportDocument> {
        let wanted: Vec<DocumentId> = match scope {
            ExportScope::Document(id) => vec![*id],
            ExportScope::AllOpen | ExportScope::Tags(_) => {
                columns.documents().iter().map(|d| d.id).collect()
            }
        };
        wanted
            .iter()
            .filter_map(|id| {
                let open = columns.document(*id)?;
                let ann = self.docs.get(id)?;
                let path = open.loaded.path();
                let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
                let iri = crate::export::file_iri(&absolute.to_string_lossy());
                let mut prepared = crate::export::collect(open.loaded.doc(), ann.set(), &iri, None);
                if let ExportScope::Tags(tags) = scope {
                    prepared
                        .entries
                        .retain(|e| e.tags.iter().any(|t| tag_path_within(t, tags)));
                }
                Some(prepared)
            })
            .collect()
    }
}

/// Say what merging other writers' files brought, if anything.
fn merged_notice(merge: MergeReport, notices: &mut Notices, lang: Language) {
    if merge.theirs + merge.conflicts == 0 {
        return;
    }
    let msg = format!(
        "{} {} / {}",
        lang.pick(
            "已合并另一处对批注文件的修改：",
            "Merged changes another program made to the annotation file:"
        ),
        merge.theirs,
        merge.conflicts
    );
    notices.push(Severity::Info, msg);
}

/// Tell the user why an edit was refused.
pub fn edit_failed(err: &AnnotationError, notices: &mut Notices, lang: Language) {
    let msg = match err {
        AnnotationError::ReadOnly(reason) => format!(
            "{}: {reason}",
            lang.pick(
                "批注文件损坏，修复前不能编辑批注",
                "The annotation file is broken; annotations cannot be edited until it is fixed"
            )
        ),
        other => other.to_string(),
    };
    notices.push(Severity::Error, msg);
}

/// Whether tag path `path` is one of `wanted` or below one of them (`主题/教育` is within `主题`).
pub fn tag_path_within(path: &str, wanted: &[String]) -> bool {
    wanted.iter().any(|w| {
        path == w
            || path
                .strip_prefix(w.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// What the load report says about re-anchoring, if anything is worth a notice.
pub fn report_annotations(
    name: &str,
    report: &LoadReport,
    reloaded: bool,
    notices: &mut Notices,
    lang: Language,
) {
    let r = report.reanchor;
    if report.problem.is_some() {
        return; // The banner over the document says it, with the reason.
    }
    if !(reloaded || report.document_changed || r.moved + r.orphaned > 0) {
        return;
    }
    let msg = format!(
        "{name}: {} {} {}, {} {}, {} {}",
        lang.pick("批注重新定位", "annotations re-anchored:"),
        r.exact,
        lang.pick("处原位", "exact"),
        r.moved,
        lang.pick("处移动", "moved"),
        r.orphaned,
        lang.pick("处失联", "orphaned"),
    );
    let severity = if r.orphaned > 0 {
        Severity::Error
    } else {
        Severity::Info
    };
    notices.push(severity, msg);
}
