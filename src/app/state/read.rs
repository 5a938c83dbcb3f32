//! What the UI (and the tests) read of the state, and what the UI injects into it.

use std::path::Path;

use super::AppState;
use super::columns::{OpenDocument, ScrollRequest};
use super::dialogs::{ExportDialog, FileDialog, OpenDialog, SaveDialog};
use super::editing::{NoteEditor, Selection};
use super::notices::Notification;
use super::searching::SearchResults;
use crate::app::DocumentId;
use crate::app::annotations::DocAnnotations;
use crate::app::jobs::Jobs;
use crate::app::pages::PageState;
use crate::app::settings::{Session, Settings};
use crate::storage::Locations;

impl AppState {
    /// Where fallback sidecars and the user-wide tag library live (tests point it elsewhere).
    pub fn set_locations(&mut self, locations: Locations) {
        self.annotating.set_locations(locations);
    }

    /// Where annotations go, and the device name they are written as unless the settings
    /// name one.
    pub fn annotation_locations(&self) -> &Locations {
        self.annotating.locations()
    }

    pub fn set_save_dialog(&mut self, dialog: SaveDialog) {
        self.dialogs.set_save_dialog(dialog);
    }

    pub fn set_file_dialog(&mut self, dialog: FileDialog) {
        self.dialogs.set_file_dialog(dialog);
    }

    pub fn set_waker(&mut self, waker: impl Fn() + Send + Sync + 'static) {
        self.jobs.set_waker(waker);
    }

    pub fn annotations(&self, doc: DocumentId) -> Option<&DocAnnotations> {
        self.annotating.get(doc)
    }

    pub fn selection(&self) -> Option<Selection> {
        self.editing.selection()
    }

    pub fn tag_picker_open(&self) -> bool {
        self.editing.tag_picker_open()
    }

    pub fn note_editor(&self) -> Option<&NoteEditor> {
        self.editing.note_editor()
    }

    pub fn export_dialog(&self) -> &ExportDialog {
        self.dialogs.export()
    }

    pub fn has_unsaved_annotations(&self) -> bool {
        self.annotating.has_unsaved()
    }

    pub fn can_undo(&self) -> bool {
        self.annotating.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.annotating.can_redo()
    }

    /// Tag paths for the picker, without loading anything (the UI calls this every frame).
    pub fn tag_paths(&self) -> Vec<String> {
        self.annotating.tag_paths(&self.settings.quick_tags)
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn documents(&self) -> &[OpenDocument] {
        self.columns.documents()
    }

    pub fn document(&self, id: DocumentId) -> Option<&OpenDocument> {
        self.columns.document(id)
    }

    /// The events of the merged timeline of the open documents, one per row of
    /// [`super::merged_rows`] over [`super::timeline_keys`] of [`Self::documents`]; `None`
    /// while they are being grouped.
    pub fn timeline_events(&self) -> Option<&[crate::extract::timeline::EventTag]> {
        self.timeline.events(self.columns.documents())
    }

    /// The library open in the Library tab.
    pub fn library(&self) -> super::LibraryView<'_> {
        self.library.view()
    }

    /// The timeline entry selected in the list and on the axis.
    pub fn timeline_selected(&self) -> Option<crate::app::Location> {
        self.timeline.selected()
    }

    pub fn notifications(&self) -> &[Notification] {
        self.notices.list()
    }

    pub fn jobs(&self) -> &Jobs {
        &self.jobs
    }

    pub fn scroll_request(&self, doc: DocumentId) -> Option<ScrollRequest> {
        self.columns.scroll_request(doc)
    }

    /// A page image of a paged document (PDF), if it was asked for.
    pub fn page_image(&self, doc: DocumentId, page: u32) -> Option<&PageState> {
        self.pages.get(doc, page)
    }

    pub fn top_block(&self, doc: DocumentId) -> usize {
        self.columns.top_block(doc)
    }

    pub fn help_open(&self) -> bool {
        self.dialogs.help_open()
    }

    pub fn open_dialog(&self) -> OpenDialog {
        self.dialogs.open_dialog()
    }

    /// Changes whenever Search is invoked, so the UI focuses the search field once.
    pub fn search_focus(&self) -> u64 {
        self.searching.focus()
    }

    pub fn search(&self) -> &SearchResults {
        self.searching.results()
    }

    pub fn quit_requested(&self) -> bool {
        self.quit_requested
    }

    pub fn can_go_back(&self) -> bool {
        self.columns.can_go_back()
    }

    /// The session as it stands: open files in column order and where each is scrolled.
    pub fn session(&self) -> Session {
        self.columns.session()
    }

    pub fn is_loading(&self, path: &Path) -> bool {
        self.loading.contains(path)
    }
}
