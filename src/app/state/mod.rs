//! [`AppState`]: everything the app knows, changed only through [`AppState::handle`].
//!
//! The state is made of owned parts, one concept each, with their own `handle` for their
//! commands: `columns` (open documents, scrolling, jumps), `searching`, `editing`
//! (selection, tags, notes, undo) over `annotating` (the documents' annotations and their
//! saving), `dialogs`, `notices`, and the view settings (`view`). `loading` is where the
//! parts meet when documents open, reload and close. `handle` only routes.

mod annotating;
mod columns;
mod dialogs;
mod editing;
mod export;
mod library;
mod loading;
mod notices;
mod read;
mod searching;
mod timeline;
mod undo;
mod view;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::annotations::DocAnnotations;
use super::command::Command;
use super::jobs::Jobs;
use super::loaded::LoadedDocument;
use super::pages::PageImages;
use super::settings::{Settings, SideTab};
use super::{DocumentId, samples};
use crate::storage::{Locations, Sidecar};

pub use annotating::tag_path_within;
pub use columns::{OpenDocument, ScrollRequest};
pub use dialogs::{ExportDialog, FileDialog, OpenDialog, SaveDialog};
pub use editing::{NoteEditor, Selection};
pub use library::{LibraryLoaded, LibraryView};
pub use notices::{Notification, Severity};
pub use searching::SearchResults;
pub use timeline::{TimelineKey, default_picture_path, merged_rows, source_key, timeline_keys};

use annotating::Annotating;
use columns::Columns;
use dialogs::Dialogs;
use editing::{EditContext, Editing};
use library::LibraryState;
use loading::Loading;
use notices::Notices;
use searching::Searching;
use timeline::TimelineState;

pub struct AppState {
    settings: Settings,
    jobs: Jobs,
    columns: Columns,
    loading: Loading,
    annotating: Annotating,
    editing: Editing,
    searching: Searching,
    timeline: TimelineState,
    library: LibraryState,
    dialogs: Dialogs,
    notices: Notices,
    pages: PageImages,
    quit_requested: bool,
}

impl AppState {
    pub fn new(settings: Settings) -> Self {
        Self {
            settings,
            jobs: Jobs::default(),
            columns: Columns::default(),
            loading: Loading::default(),
            annotating: Annotating::new(Locations::from_env()),
            editing: Editing::default(),
            searching: Searching::default(),
            timeline: TimelineState::default(),
            library: LibraryState::default(),
            dialogs: Dialogs::default(),
            notices: Notices::default(),
            pages: PageImages::default(),
            quit_requested: false,
        }
    }

    /// Apply one command. Every state change goes through here; each part handles its own.
    pub fn handle(&mut self, cmd: Command) {
        match cmd {
            Command::OpenPaths(paths) => self.open_paths(paths),
            Command::Close(id) => self.close(id),
            Command::Reload(id) => {
                if let Some(path) = self.document(id).map(|d| d.loaded.path().to_owned()) {
                    self.load(path, Some(id), self.top_block(id));
                }
            }
            Command::Quit => {
                self.save_due(true);
                self.settings.session = self.session();
                self.quit_requested = true;
            }
            Command::RequestPage { doc, page } => self.request_page(doc, page),
            Command::Export(request) => self.export(&request),
            Command::DismissNotification(i) => self.notices.dismiss(i),
            Command::Open
            | Command::ShowHelp
            | Command::HideHelp
            | Command::ShowExport
            | Command::HideExport
            | Command::BrowseExportPath(_) => {
                let lang = self.lang();
                self.dialogs.handle(cmd, &mut self.jobs, lang);
            }
            Command::ZoomIn
            | Command::ZoomOut
            | Command::ZoomReset
            | Command::SetLineSpacing(_)
            | Command::SetColumnWidth(_)
            | Command::SetTheme(_)
            | Command::SetReadingFont(_)
            | Command::SetLanguage(_)
            | Command::SetDeviceName(_)
            | Command::ToggleRaw
            | Command::ToggleSyncScroll
            | Command::ToggleSidePanel
            | Command::ToggleTimelineView
            | Command::ShowTab(_) => view::handle(&mut self.settings, cmd),
            Command::OpenLibrary(_)
            | Command::UpdateLibrary
            | Command::SearchLibrary { .. }
            | Command::OpenLibraryHit { .. } => {
                if matches!(cmd, Command::OpenLibrary(_)) {
                    view::show_tab(&mut self.settings, SideTab::Library);
                }
                let lang = self.lang();
                if let Some(path) =
                    self.library
                        .handle(cmd, &mut self.columns, &mut self.jobs, lang)
                {
                    self.open_paths(vec![path]);
                }
            }
            Command::SelectTimelineEntry(_) | Command::SaveTimelinePicture { .. } => {
                let lang = self.lang();
                self.timeline
                    .handle(cmd, &mut self.columns, &mut self.jobs, lang);
            }
            Command::Move(..) | Command::Back | Command::Scrolled { .. } | Command::JumpTo(_) => {
                self.columns.handle(cmd, self.settings.sync_scroll);
            }
            Command::Search
            | Command::SetSearchQuery(_)
            | Command::SetSearchMode(_)
            | Command::SearchStep(_)
            | Command::SearchSelect(_) => {
                if matches!(cmd, Command::Search) {
                    view::show_tab(&mut self.settings, SideTab::Search);
                }
                if let Some(loc) = self.searching.handle(cmd, &self.columns) {
                    self.columns.jump(loc);
                }
            }
            Command::Select { .. }
            | Command::SelectWord(_)
            | Command::SelectSentence(_)
            | Command::ClearSelection
            | Command::QuickTag(_)
            | Command::OpenTagPicker
            | Command::CloseTagPicker
            | Command::TagSelection(_)
            | Command::EditNote
            | Command::EditNoteOf(..)
            | Command::SaveNote(_)
            | Command::CloseNoteEditor
            | Command::DeleteAtSelection
            | Command::DeleteAnnotation(..)
            | Command::Reattach(..)
            | Command::Undo
            | Command::Redo
            | Command::RenameTag { .. }
            | Command::MergeTags { .. }
            | Command::SetTagColour { .. }
            | Command::SetTagParent { .. } => {
                let mut cx = EditContext {
                    columns: &self.columns,
                    annotating: &mut self.annotating,
                    notices: &mut self.notices,
                    lang: self.settings.language(),
                    quick_tags: &self.settings.quick_tags,
                };
                self.editing.handle(cmd, &mut cx);
            }
        }
    }

    /// Start: open `files`, else restore the last session, else (first run) the two samples.
    pub fn start(&mut self, files: &[PathBuf]) {
        if !files.is_empty() {
            self.handle(Command::OpenPaths(files.to_vec()));
        } else if !self.settings.session.files.is_empty() {
            let session = self.settings.session.clone();
            for (i, path) in session.files.iter().enumerate() {
                let top = session.top_blocks.get(i).copied().unwrap_or(0);
                self.load(path.clone(), None, top);
            }
        } else if !self.settings.welcomed {
            self.handle(Command::OpenPaths(samples::first_run_samples()));
        }
        self.settings.welcomed = true;
    }

    /// Collect finished jobs and check open files for changes on disk. Call once per frame.
    pub fn update_background(&mut self) {
        for output in self.jobs.finished() {
            self.job_done(output);
        }
        self.save_due(false);
        let wanted = self.settings.timeline_open
            || (self.settings.side_panel_open && self.settings.side_tab == SideTab::Timeline);
        self.timeline.refresh(&self.columns, &mut self.jobs, wanted);
        if self.loading.change_check_due() {
            self.reload_changed_files();
        }
    }

    /// Show a message in the notification list.
    pub fn notify(&mut self, severity: Severity, text: impl Into<String>) {
        self.notices.push(severity, text);
    }

    fn lang(&self) -> super::i18n::Language {
        self.settings.language()
    }

    fn save_due(&mut self, now: bool) {
        let lang = self.lang();
        self.annotating.save_due(now, &mut self.notices, lang);
    }

    fn request_page(&mut self, doc: DocumentId, page: u32) {
        if let Some(open) = self.columns.document(doc) {
            let d = open.loaded.doc();
            if d.geometry().is_some() && page >= 1 && page <= d.page_count() {
                let hash = d.fingerprint().raw_hash.clone();
                let path = open.loaded.path().to_owned();
                self.pages.request(&mut self.jobs, doc, &path, &hash, page);
            }
        }
    }

    /// Open a document already in memory (tests, benchmarks): no job; its annotations are
    /// opened from the sidecar at `sidecar`.
    pub fn add_document(&mut self, loaded: LoadedDocument, sidecar: &Path) -> DocumentId {
        let order = self.loading.next_order();
        let opened = Sidecar::open_at(sidecar, loaded.doc(), self.annotating.locations().device());
        let id = self.add_loaded(Arc::new(loaded), None, 0, order);
        let (annotations, _) = DocAnnotations::new(opened);
        self.annotating.insert(id, annotations);
        id
    }

    /// Write every pending annotation change now (quit, tests).
    pub fn flush_annotations(&mut self) {
        self.save_due(true);
    }

    /// Block until every running job finished and was applied (tests, CLI).
    pub fn wait_for_jobs(&mut self, timeout: Duration) -> bool {
        let start = Instant::now();
        while !self.jobs.is_idle() {
            if start.elapsed() > timeout {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
            self.update_background();
        }
        true
    }
}

#[cfg(test)]
mod tests;
