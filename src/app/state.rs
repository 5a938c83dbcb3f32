//! [`AppState`]: everything the app knows, changed only through [`AppState::handle`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::align::Alignment;
use super::annotations::{AnnotationError, DocAnnotations, NoteTarget};
use super::command::{Command, ExportRequest, ExportScope, Location};
use super::history::NavHistory;
use super::jobs::{JobOutput, Jobs, LoadedWithAnnotations};
use super::loaded::{LoadedDocument, modified_time};
use super::pages::{PageImages, PageState};
use super::search::{SearchHit, find_all};
use super::settings::{FONT_SIZE_DEFAULT, Session, Settings, SideTab};
use super::{DocumentId, MAX_COLUMNS, samples};
use crate::annotation::{Edit, TagLibrary};
use crate::export::Format;
use crate::nlp::search::SearchMode;
use crate::span::TextSpan;
use crate::storage::{self, Backup, LoadReport, Locations, Sidecar};

/// A dialog that answered `None` faster than this never showed: no portal and no zenity.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(400);
const CHANGE_CHECK_EVERY: Duration = Duration::from_secs(2);

/// Opens the system file dialog and waits for it (runs on a job thread). Injected by the UI.
pub type FileDialog = Arc<dyn Fn() -> Option<Vec<PathBuf>> + Send + Sync>;
/// Opens the system save dialog for an export of this format (a job thread). Injected by the UI.
pub type SaveDialog = Arc<dyn Fn(Format) -> Option<PathBuf> + Send + Sync>;
/// Undo history depth (edits are small; a long session keeps them all up to this).
const UNDO_DEPTH: usize = 500;

#[derive(Debug, Clone)]
pub struct OpenDocument {
    pub id: DocumentId,
    pub loaded: Arc<LoadedDocument>,
    /// Column order key: documents loading in parallel land in the order they were asked for.
    order: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub severity: Severity,
    pub text: String,
}

/// A request for a pane to scroll; panes apply each `serial` once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScrollRequest {
    pub serial: u64,
    pub block: usize,
    /// Byte offset to flash (a jump target), `None` for plain scrolling.
    pub flash: Option<usize>,
}

/// How files get picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenDialog {
    Closed,
    /// The system dialog is open on a job thread.
    Waiting,
    /// No system dialog here (or the user asked): the in-app path field is shown.
    PathField,
}

/// The current search and its hits across the open documents, in column order.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    pub query: String,
    pub mode: SearchMode,
    pub hits: Vec<(DocumentId, SearchHit)>,
    pub current: Option<usize>,
    /// Why the query could not run (a bad regex).
    pub error: Option<String>,
}

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

/// The export window: open, and the save path the system dialog last picked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportDialog {
    pub open: bool,
    /// Changes when a dialog picked a path, so the UI takes it once.
    pub picked: Option<(u64, PathBuf)>,
    /// No system save dialog here: the path field is the way.
    pub no_system_dialog: bool,
    pub waiting: bool,
}

/// One undoable step: the edits it made, per document.
type UndoStep = Vec<(DocumentId, Edit)>;

pub struct AppState {
    settings: Settings,
    docs: Vec<OpenDocument>,
    next_id: u64,
    serial: u64,
    notifications: Vec<Notification>,
    jobs: Jobs,
    nav: NavHistory,
    scroll_requests: BTreeMap<DocumentId, ScrollRequest>,
    top_blocks: BTreeMap<DocumentId, usize>,
    alignments: BTreeMap<(DocumentId, DocumentId), Alignment>,
    loading: Vec<PathBuf>,
    load_seq: u64,
    help_open: bool,
    open_dialog: OpenDialog,
    file_dialog: Option<FileDialog>,
    search_focus: u64,
    search: SearchResults,
    quit_requested: bool,
    last_change_check: Instant,
    annotations: BTreeMap<DocumentId, DocAnnotations>,
    locations: Locations,
    user_tags: Option<TagLibrary>,
    selection: Option<Selection>,
    tag_picker_open: bool,
    note_editor: Option<NoteEditor>,
    undo: Vec<UndoStep>,
    redo: Vec<UndoStep>,
    save_dialog: Option<SaveDialog>,
    export: ExportDialog,
    pages: PageImages,
}

impl AppState {
    pub fn new(settings: Settings) -> Self {
        Self {
            settings,
            docs: Vec::new(),
            next_id: 0,
            serial: 0,
            notifications: Vec::new(),
            jobs: Jobs::default(),
            nav: NavHistory::default(),
            scroll_requests: BTreeMap::new(),
            top_blocks: BTreeMap::new(),
            alignments: BTreeMap::new(),
            loading: Vec::new(),
            load_seq: 0,
            help_open: false,
            open_dialog: OpenDialog::Closed,
            file_dialog: None,
            search_focus: 0,
            search: SearchResults::default(),
            quit_requested: false,
            last_change_check: Instant::now(),
            annotations: BTreeMap::new(),
            locations: Locations::from_env(),
            user_tags: None,
            selection: None,
            tag_picker_open: false,
            note_editor: None,
            undo: Vec::new(),
            redo: Vec::new(),
            save_dialog: None,
            export: ExportDialog::default(),
            pages: PageImages::default(),
        }
    }

    /// Where fallback sidecars and the user-wide tag library live (tests point it elsewhere).
    pub fn set_locations(&mut self, locations: Locations) {
        self.locations = locations;
        self.user_tags = None;
    }

    pub fn set_save_dialog(&mut self, dialog: SaveDialog) {
        self.save_dialog = Some(dialog);
    }

    pub fn annotations(&self, doc: DocumentId) -> Option<&DocAnnotations> {
        self.annotations.get(&doc)
    }

    pub fn selection(&self) -> Option<Selection> {
        self.selection
    }

    pub fn tag_picker_open(&self) -> bool {
        self.tag_picker_open
    }

    pub fn note_editor(&self) -> Option<&NoteEditor> {
        self.note_editor.as_ref()
    }

    pub fn export_dialog(&self) -> &ExportDialog {
        &self.export
    }

    pub fn has_unsaved_annotations(&self) -> bool {
        self.annotations.values().any(DocAnnotations::has_unsaved)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Tag paths for the picker, without loading anything (the UI calls this every frame).
    pub fn tag_paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = self
            .annotations
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
            .chain(self.settings.quick_tags.iter().cloned())
            .filter(|p| !p.is_empty())
            .collect();
        paths.sort();
        paths.dedup();
        paths
    }

    fn ensure_user_tags(&mut self) {
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
                    self.lang()
                        .pick("未使用用户标签库", "User tag library not used")
                );
                self.user_tags = Some(TagLibrary::new());
                self.notify(Severity::Error, msg);
            }
        }
    }

    pub fn set_file_dialog(&mut self, dialog: FileDialog) {
        self.file_dialog = Some(dialog);
    }

    pub fn set_waker(&mut self, waker: impl Fn() + Send + Sync + 'static) {
        self.jobs.set_waker(waker);
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

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn documents(&self) -> &[OpenDocument] {
        &self.docs
    }

    pub fn document(&self, id: DocumentId) -> Option<&OpenDocument> {
        self.docs.iter().find(|d| d.id == id)
    }

    pub fn notifications(&self) -> &[Notification] {
        &self.notifications
    }

    pub fn jobs(&self) -> &Jobs {
        &self.jobs
    }

    pub fn scroll_request(&self, doc: DocumentId) -> Option<ScrollRequest> {
        self.scroll_requests.get(&doc).copied()
    }

    /// A page image of a paged document (PDF), if it was asked for.
    pub fn page_image(&self, doc: DocumentId, page: u32) -> Option<&PageState> {
        self.pages.get(doc, page)
    }

    pub fn top_block(&self, doc: DocumentId) -> usize {
        self.top_blocks.get(&doc).copied().unwrap_or(0)
    }

    pub fn help_open(&self) -> bool {
        self.help_open
    }

    pub fn open_dialog(&self) -> OpenDialog {
        self.open_dialog
    }

    /// Changes whenever Search is invoked, so the UI focuses the search field once.
    pub fn search_focus(&self) -> u64 {
        self.search_focus
    }

    pub fn search(&self) -> &SearchResults {
        &self.search
    }

    pub fn quit_requested(&self) -> bool {
        self.quit_requested
    }

    pub fn can_go_back(&self) -> bool {
        self.nav.can_go_back()
    }

    /// The session as it stands: open files in column order and where each is scrolled.
    pub fn session(&self) -> Session {
        Session {
            files: self
                .docs
                .iter()
                .map(|d| d.loaded.path().to_owned())
                .collect(),
            top_blocks: self.docs.iter().map(|d| self.top_block(d.id)).collect(),
        }
    }

    /// Collect finished jobs and check open files for changes on disk. Call once per frame.
    pub fn update_background(&mut self) {
        for output in self.jobs.finished() {
            self.job_done(output);
        }
        self.save_due(false);
        if self.last_change_check.elapsed() >= CHANGE_CHECK_EVERY {
            self.last_change_check = Instant::now();
            self.reload_changed_files();
        }
    }

    fn reload_changed_files(&mut self) {
        let changed: Vec<(DocumentId, PathBuf)> = self
            .docs
            .iter()
            .filter(|d| {
                let now = modified_time(d.loaded.path());
                now.is_some() && now != d.loaded.modified()
            })
            .map(|d| (d.id, d.loaded.path().to_owned()))
            .filter(|(_, p)| !self.loading.contains(p))
            .collect();
        for (id, path) in changed {
            let top = self.top_block(id);
            self.load(path, Some(id), top);
        }
    }

    /// Apply one command. Every state change goes through here.
    pub fn handle(&mut self, cmd: Command) {
        match cmd {
            Command::Open => self.open_file_dialog(),
            Command::OpenPaths(paths) => self.open_paths(paths),
            Command::Close(id) => self.close(id),
            Command::Move(id, delta) => self.move_column(id, delta),
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
            Command::ZoomIn => self.settings.zoom(1),
            Command::ZoomOut => self.settings.zoom(-1),
            Command::ZoomReset => self.settings.font_size = FONT_SIZE_DEFAULT,
            Command::SetLineSpacing(v) => self.settings.line_spacing = v.clamp(1.0, 3.0),
            Command::SetColumnWidth(v) => self.settings.column_width = v.clamp(300.0, 2000.0),
            Command::SetTheme(t) => self.settings.theme = t,
            Command::SetReadingFont(f) => self.settings.reading_font = f,
            Command::SetLanguage(l) => self.settings.language = Some(l),
            Command::ToggleRaw => self.settings.show_raw = !self.settings.show_raw,
            Command::ToggleSyncScroll => self.settings.sync_scroll = !self.settings.sync_scroll,
            Command::ToggleSidePanel => {
                self.settings.side_panel_open = !self.settings.side_panel_open;
            }
            Command::ShowHelp => self.help_open = true,
            Command::HideHelp => self.help_open = false,
            Command::Search => {
                self.settings.side_tab = SideTab::Search;
                self.settings.side_panel_open = true;
                self.search_focus += 1;
            }
            Command::SetSearchQuery(query) => self.run_search(query),
            Command::SearchStep(delta) => {
                let n = self.search.hits.len() as i64;
                if n > 0 {
                    let cur = self
                        .search
                        .current
                        .map_or(if delta < 0 { 0 } else { -1 }, |c| c as i64);
                    let next = (cur + i64::from(delta)).rem_euclid(n) as usize;
                    self.handle(Command::SearchSelect(next));
                }
            }
            Command::SearchSelect(n) => {
                if let Some((doc, hit)) = self.search.hits.get(n) {
                    let loc = Location {
                        doc: *doc,
                        offset: hit.span.start(),
                    };
                    self.search.current = Some(n);
                    self.jump(loc);
                }
            }
            Command::ShowTab(tab) => {
                self.settings.side_tab = tab;
                self.settings.side_panel_open = true;
            }
            Command::JumpTo(loc) => self.jump(loc),
            Command::RequestPage { doc, page } => {
                if let Some(open) = self.docs.iter().find(|d| d.id == doc) {
                    let d = open.loaded.doc();
                    if d.geometry().is_some() && page >= 1 && page <= d.page_count() {
                        let hash = d.fingerprint().raw_hash.clone();
                        let path = open.loaded.path().to_owned();
                        self.pages.request(&mut self.jobs, doc, &path, &hash, page);
                    }
                }
            }
            Command::Back => {
                if let Some(loc) = self.nav.pop() {
                    self.request_scroll(loc.doc, loc.offset, None);
                }
            }
            Command::Scrolled { doc, top_block } => self.scrolled(doc, top_block),
            Command::DismissNotification(i) => {
                if i < self.notifications.len() {
                    self.notifications.remove(i);
                }
            }
            Command::Select { doc, start, end } => self.select(doc, start.min(end), start.max(end)),
            Command::SelectWord(loc) => self.select_word(loc),
            Command::SelectSentence(loc) => self.select_sentence(loc),
            Command::ClearSelection => self.selection = None,
            Command::QuickTag(n) => {
                let name = self
                    .settings
                    .quick_tags
                    .get(usize::from(n).wrapping_sub(1))
                    .cloned();
                match name {
                    Some(name) => self.tag_selection(&name),
                    None => {
                        let msg = self.lang().pick("没有这个快速标签", "No such quick tag");
                        self.notify(Severity::Error, msg);
                    }
                }
            }
            Command::OpenTagPicker => {
                if self.require_selection() {
                    self.ensure_user_tags();
                    self.tag_picker_open = true;
                }
            }
            Command::CloseTagPicker => self.tag_picker_open = false,
            Command::TagSelection(path) => {
                self.tag_picker_open = false;
                self.tag_selection(&path);
            }
            Command::EditNote => self.open_note_editor_on_selection(),
            Command::EditNoteOf(doc, id) => self.open_note_editor(doc, NoteTarget::Annotation(id)),
            Command::SaveNote(text) => self.save_note(text),
            Command::CloseNoteEditor => self.note_editor = None,
            Command::DeleteAtSelection => {
                if let Some(sel) = self.selection {
                    self.edit_annotations(sel.doc, |ann, _| ann.remove_overlapping(sel.span));
                }
            }
            Command::DeleteAnnotation(doc, id) => {
                self.edit_annotations(doc, |ann, _| ann.remove(&id));
            }
            Command::Reattach(doc, id) => match self.selection {
                Some(sel) if sel.doc == doc => {
                    self.edit_annotations(doc, |ann, d| ann.reattach(d, &id, sel.span));
                }
                _ => {
                    let msg = self.lang().pick(
                        "先在同一篇文档中选出新的位置",
                        "First select the new place in the same document",
                    );
                    self.notify(Severity::Error, msg);
                }
            },
            Command::Undo => self.undo_redo(true),
            Command::Redo => self.undo_redo(false),
            Command::RenameTag { tag, name } => {
                self.edit_all_with_tag(&tag, |ann| ann.rename_tag(&tag, &name));
            }
            Command::MergeTags { from, into } => {
                let target = self
                    .annotations
                    .values()
                    .find_map(|a| a.set().tags().get(&into).cloned());
                if let Some(target) = target {
                    self.edit_all_with_tag(&from, |ann| ann.merge_tags_into(&from, &target));
                }
            }
            Command::SetTagColour { tag, colour } => {
                self.edit_all_with_tag(&tag, |ann| ann.set_tag_colour(&tag, colour));
            }
            Command::SetTagParent { tag, parent } => {
                self.edit_all_with_tag(&tag, |ann| ann.set_tag_parent(&tag, parent.clone()));
            }
            Command::SetSearchMode(mode) => {
                self.search.mode = mode;
                let query = self.search.query.clone();
                self.run_search(query);
            }
            Command::ShowExport => self.export.open = true,
            Command::HideExport => self.export.open = false,
            Command::BrowseExportPath(format) => self.browse_export_path(format),
            Command::Export(request) => self.export(&request),
        }
    }

    /// Show a message in the notification list.
    pub fn notify(&mut self, severity: Severity, text: impl Into<String>) {
        self.notifications.push(Notification {
            severity,
            text: text.into(),
        });
    }

    fn lang(&self) -> super::i18n::Language {
        self.settings.language()
    }

    fn run_search(&mut self, query: String) {
        let mode = self.search.mode;
        let mut hits = Vec::new();
        let mut error = None;
        for d in &self.docs {
            let analysis = d.loaded.analysis();
            match find_all(d.loaded.doc().text(), &analysis.index, &query, mode) {
                Ok(found) => hits.extend(found.into_iter().map(|h| (d.id, h))),
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
        }
        self.search = SearchResults {
            query,
            mode,
            hits,
            current: None,
            error,
        };
    }

    fn open_file_dialog(&mut self) {
        match self.file_dialog.clone() {
            Some(dialog) if self.open_dialog != OpenDialog::Waiting => {
                self.open_dialog = OpenDialog::Waiting;
                let label = self.lang().pick("选择文件", "Choosing files").to_owned();
                self.jobs.spawn("file-dialog", label, move |_| {
                    let started = Instant::now();
                    let paths = dialog();
                    JobOutput::PickedFiles {
                        paths,
                        waited: started.elapsed(),
                    }
                });
            }
            Some(_) => {}
            None => self.open_dialog = OpenDialog::PathField,
        }
    }

    fn open_paths(&mut self, paths: Vec<PathBuf>) {
        self.open_dialog = OpenDialog::Closed;
        for path in paths {
            if self.docs.iter().any(|d| d.loaded.path() == path) || self.loading.contains(&path) {
                continue;
            }
            if self.docs.len() + self.loading.len() >= MAX_COLUMNS {
                let msg = self.lang().pick(
                    "最多并排四篇文档，请先关闭一篇",
                    "At most four documents side by side; close one first",
                );
                self.notify(Severity::Error, msg);
                break;
            }
            self.load(path, None, 0);
        }
    }

    fn load(&mut self, path: PathBuf, replaces: Option<DocumentId>, top_block: usize) {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let label = format!("{} {name}", self.lang().pick("载入", "Loading"));
        self.loading.push(path.clone());
        self.load_seq += 1;
        let order = self.load_seq;
        if let Some(id) = replaces {
            self.flush_annotations_of(id);
        }
        let locations = self.locations.clone();
        self.jobs.spawn("load", label, move |progress| {
            let result = LoadedDocument::load(&path, progress).and_then(|loaded| {
                let annotations =
                    Sidecar::open(&path, loaded.doc(), &locations).map_err(|e| e.to_string())?;
                Ok(Box::new(LoadedWithAnnotations {
                    loaded: Arc::new(loaded),
                    annotations,
                }))
            });
            JobOutput::Loaded {
                path,
                replaces,
                top_block,
                order,
                result,
            }
        });
    }

    fn job_done(&mut self, output: JobOutput) {
        match output {
            JobOutput::Loaded {
                path,
                replaces,
                top_block,
                order,
                result,
            } => {
                self.loading.retain(|p| p != &path);
                match result.map(|b| *b) {
                    Ok(LoadedWithAnnotations {
                        loaded,
                        annotations,
                    }) => {
                        let (annotations, report) = DocAnnotations::new(annotations);
                        let name = loaded.display_name();
                        let id = self.add_loaded(loaded, replaces, top_block, order);
                        self.annotations.insert(id, annotations);
                        if replaces.is_some() {
                            // Old edits point at the previous version of the text.
                            self.forget_history(id);
                        }
                        self.report_annotations(&name, &report, replaces.is_some());
                    }
                    Err(err) => self.notify(Severity::Error, err),
                }
            }
            JobOutput::PickedSavePath { path, waited } => {
                self.export.waiting = false;
                match path {
                    Some(path) => {
                        self.serial += 1;
                        self.export.picked = Some((self.serial, path));
                    }
                    None if waited < NO_DIALOG_WITHIN => self.export.no_system_dialog = true,
                    None => {}
                }
            }
            JobOutput::PageImage { doc, page, result } => {
                if self.docs.iter().any(|d| d.id == doc) {
                    self.pages.finished(doc, page, result);
                }
            }
            JobOutput::PickedFiles { paths, waited } => match paths {
                Some(paths) => self.open_paths(paths),
                None if waited < NO_DIALOG_WITHIN => self.open_dialog = OpenDialog::PathField,
                None => self.open_dialog = OpenDialog::Closed,
            },
        }
    }

    fn add_loaded(
        &mut self,
        loaded: Arc<LoadedDocument>,
        replaces: Option<DocumentId>,
        top: usize,
        order: u64,
    ) -> DocumentId {
        self.settings.remember_recent(loaded.path());
        if let Some(id) = replaces
            && let Some(slot) = self.docs.iter_mut().find(|d| d.id == id)
        {
            slot.loaded = loaded;
            self.alignments.retain(|(a, b), _| *a != id && *b != id);
            let msg = format!(
                "{} {}",
                self.lang().pick("已重新载入", "Reloaded"),
                self.docs
                    .iter()
                    .find(|d| d.id == id)
                    .map(|d| d.loaded.display_name())
                    .unwrap_or_default()
            );
            self.notify(Severity::Info, msg);
            self.request_block(id, top);
            return id;
        }
        self.next_id += 1;
        let id = DocumentId(self.next_id);
        let at = self
            .docs
            .iter()
            .position(|d| d.order > order)
            .unwrap_or(self.docs.len());
        self.docs.insert(at, OpenDocument { id, loaded, order });
        if top > 0 {
            self.request_block(id, top);
        }
        id
    }

    fn close(&mut self, id: DocumentId) {
        self.flush_annotations_of(id);
        self.annotations.remove(&id);
        self.forget_history(id);
        if self.selection.is_some_and(|s| s.doc == id) {
            self.selection = None;
        }
        self.docs.retain(|d| d.id != id);
        self.nav.forget(id);
        self.scroll_requests.remove(&id);
        self.top_blocks.remove(&id);
        self.pages.forget(id);
        self.alignments.retain(|(a, b), _| *a != id && *b != id);
    }

    fn move_column(&mut self, id: DocumentId, delta: i32) {
        let Some(from) = self.docs.iter().position(|d| d.id == id) else {
            return;
        };
        let to = from as i64 + i64::from(delta);
        if (0..self.docs.len() as i64).contains(&to) {
            let to = to as usize;
            self.docs.swap(from, to);
            let (a, b) = (self.docs[from].order, self.docs[to].order);
            self.docs[from].order = b;
            self.docs[to].order = a;
        }
    }

    fn jump(&mut self, loc: Location) {
        let Some(open) = self.document(loc.doc) else {
            return;
        };
        let doc = open.loaded.doc();
        let here = doc
            .blocks()
            .get(self.top_block(loc.doc))
            .map_or(0, |b| b.span.start());
        self.nav.push(Location {
            doc: loc.doc,
            offset: here,
        });
        self.request_scroll(loc.doc, loc.offset, Some(loc.offset));
    }

    fn request_scroll(&mut self, doc: DocumentId, offset: usize, flash: Option<usize>) {
        let Some(block) = self
            .document(doc)
            .and_then(|d| d.loaded.doc().block_at(offset).map(|b| b.id))
        else {
            return;
        };
        let block = self.block_index(doc, block);
        self.serial += 1;
        let req = ScrollRequest {
            serial: self.serial,
            block,
            flash,
        };
        self.scroll_requests.insert(doc, req);
    }

    fn request_block(&mut self, doc: DocumentId, block: usize) {
        self.serial += 1;
        let req = ScrollRequest {
            serial: self.serial,
            block,
            flash: None,
        };
        self.scroll_requests.insert(doc, req);
    }

    /// Index in `blocks()` of the block with `id` (ids are indexes today; stay correct if not).
    fn block_index(&self, doc: DocumentId, block_id: usize) -> usize {
        self.document(doc)
            .and_then(|d| {
                d.loaded
                    .doc()
                    .blocks()
                    .iter()
                    .position(|b| b.id == block_id)
            })
            .unwrap_or(0)
    }

    fn scrolled(&mut self, doc: DocumentId, top_block: usize) {
        self.top_blocks.insert(doc, top_block);
        if !self.settings.sync_scroll {
            return;
        }
        let others: Vec<DocumentId> = self
            .docs
            .iter()
            .map(|d| d.id)
            .filter(|&o| o != doc)
            .collect();
        for other in others {
            if let Some(target) = self.alignment(doc, other).map(top_block) {
                self.top_blocks.insert(other, target);
                self.request_block(other, target);
            }
        }
    }

    fn alignment(&mut self, a: DocumentId, b: DocumentId) -> &Alignment {
        if !self.alignments.contains_key(&(a, b)) {
            let al = match (self.document(a), self.document(b)) {
                (Some(da), Some(db)) => Alignment::between(da.loaded.doc(), db.loaded.doc()),
                _ => Alignment::default(),
            };
            self.alignments.insert((b, a), al.reversed());
            self.alignments.insert((a, b), al);
        }
        self.alignments.entry((a, b)).or_default()
    }

    /// Open a document already in memory (tests, benchmarks): no job; its annotations are
    /// opened from the sidecar at `sidecar`.
    pub fn add_document(&mut self, loaded: LoadedDocument, sidecar: &Path) -> DocumentId {
        self.load_seq += 1;
        let opened = Sidecar::open_at(sidecar, loaded.doc());
        let id = self.add_loaded(Arc::new(loaded), None, 0, self.load_seq);
        let (annotations, _) = DocAnnotations::new(opened);
        self.annotations.insert(id, annotations);
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

    pub fn is_loading(&self, path: &Path) -> bool {
        self.loading.iter().any(|p| p == path)
    }
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

/// Annotations, selection, undo and export.
impl AppState {
    fn select(&mut self, doc: DocumentId, start: usize, end: usize) {
        let Some(open) = self.document(doc) else {
            return;
        };
        let text = open.loaded.doc().text();
        let span = TextSpan::snapped(text, start, end.min(text.len()));
        self.selection = (!span.is_empty()).then_some(Selection { doc, span });
    }

    fn select_word(&mut self, loc: Location) {
        let Some(open) = self.document(loc.doc) else {
            return;
        };
        let text = open.loaded.doc().text();
        let words = open.loaded.analysis().index.words();
        if let Some(span) = crate::nlp::bounds::word_at(text, words, loc.offset) {
            self.selection = Some(Selection { doc: loc.doc, span });
        }
    }

    fn select_sentence(&mut self, loc: Location) {
        let Some(open) = self.document(loc.doc) else {
            return;
        };
        if let Some(span) = crate::nlp::bounds::sentence_at(open.loaded.doc().text(), loc.offset) {
            self.selection = Some(Selection { doc: loc.doc, span });
        }
    }

    fn require_selection(&mut self) -> bool {
        if self.selection.is_some() {
            return true;
        }
        let msg = self
            .lang()
            .pick("请先选择一段文字", "Select a passage first");
        self.notify(Severity::Error, msg);
        false
    }

    fn tag_selection(&mut self, path: &str) {
        if !self.require_selection() {
            return;
        }
        let Some(sel) = self.selection else {
            return;
        };
        self.ensure_user_tags();
        let known = self.user_tags.clone();
        self.edit_annotations(sel.doc, |ann, doc| {
            ann.tag_span(doc, sel.span, path, known.as_ref())
        });
        self.learn_user_tags(sel.doc);
    }

    /// Remember new tags in the user-wide library, so every document offers them.
    fn learn_user_tags(&mut self, doc: DocumentId) {
        let (Some(path), Some(ann)) = (self.locations.tag_library(), self.annotations.get(&doc))
        else {
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
                self.lang()
                    .pick("用户标签库未保存", "User tag library not saved")
            );
            self.notify(Severity::Error, msg);
        }
    }

    /// Run one edit on a document's annotations; record it for undo or show why it failed.
    fn edit_annotations(
        &mut self,
        doc: DocumentId,
        edit: impl FnOnce(
            &mut DocAnnotations,
            &crate::document::Document,
        ) -> Result<Edit, AnnotationError>,
    ) {
        let Some(open) = self.document(doc).map(|d| Arc::clone(&d.loaded)) else {
            return;
        };
        let Some(ann) = self.annotations.get_mut(&doc) else {
            return;
        };
        match edit(ann, open.doc()) {
            Ok(e) if e.is_empty() => {}
            Ok(e) => self.push_undo(vec![(doc, e)]),
            Err(err) => self.edit_failed(&err),
        }
    }

    /// The same tag edit in every open document that has the tag; one undo step.
    fn edit_all_with_tag(
        &mut self,
        tag: &crate::annotation::TagId,
        mut edit: impl FnMut(&mut DocAnnotations) -> Result<Edit, AnnotationError>,
    ) {
        let mut step = Vec::new();
        let mut failure = None;
        for (&doc, ann) in &mut self.annotations {
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
            self.edit_failed(&err);
        }
        if !step.is_empty() {
            self.push_undo(step);
        }
    }

    fn edit_failed(&mut self, err: &AnnotationError) {
        let msg = match err {
            AnnotationError::ReadOnly(reason) => format!(
                "{}: {reason}",
                self.lang().pick(
                    "批注文件损坏，修复前不能编辑批注",
                    "The annotation file is broken; annotations cannot be edited until it is fixed"
                )
            ),
            other => other.to_string(),
        };
        self.notify(Severity::Error, msg);
    }

    fn push_undo(&mut self, step: UndoStep) {
        self.undo.push(step);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    fn undo_redo(&mut self, undo: bool) {
        let taken = if undo {
            self.undo.pop()
        } else {
            self.redo.pop()
        };
        let Some(step) = taken else {
            return;
        };
        let mut applied: UndoStep = Vec::new();
        let mut failure = None;
        let edits: Vec<(DocumentId, Edit)> = if undo {
            step.iter().rev().map(|(d, e)| (*d, e.inverse())).collect()
        } else {
            step.clone()
        };
        for (doc, edit) in &edits {
            let Some(ann) = self.annotations.get_mut(doc) else {
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
            // Roll back what this step already changed, so the history stays consistent.
            for (doc, edit) in applied.iter().rev() {
                if let Some(ann) = self.annotations.get_mut(doc) {
                    let _ = ann.apply(&edit.inverse());
                }
            }
            self.edit_failed(&err);
            return;
        }
        if undo {
            self.redo.push(step);
        } else {
            self.undo.push(step);
        }
    }

    fn forget_history(&mut self, doc: DocumentId) {
        self.undo.retain(|step| step.iter().all(|(d, _)| *d != doc));
        self.redo.retain(|step| step.iter().all(|(d, _)| *d != doc));
    }

    fn open_note_editor_on_selection(&mut self) {
        if !self.require_selection() {
            return;
        }
        let Some(sel) = self.selection else {
            return;
        };
        let target = match self
            .annotations
            .get(&sel.doc)
            .and_then(|a| a.annotation_at(sel.span))
        {
            Some(a) => NoteTarget::Annotation(a.id.clone()),
            None => NoteTarget::Span(sel.span),
        };
        self.open_note_editor(sel.doc, target);
    }

    fn open_note_editor(&mut self, doc: DocumentId, target: NoteTarget) {
        let Some(ann) = self.annotations.get(&doc) else {
            return;
        };
        if let Some(reason) = ann.read_only_reason() {
            let err = AnnotationError::ReadOnly(reason.to_owned());
            self.edit_failed(&err);
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
                self.document(doc)
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

    fn save_note(&mut self, text: String) {
        let Some(editor) = self.note_editor.take() else {
            return;
        };
        let note = (!text.trim().is_empty()).then_some(text);
        self.edit_annotations(editor.doc, |ann, doc| {
            ann.set_note(doc, editor.target.clone(), note)
        });
    }

    /// Save documents whose last edit is older than the debounce delay (all pending if `now`).
    fn save_due(&mut self, now: bool) {
        let at = Instant::now();
        let mut problems = Vec::new();
        for ann in self.annotations.values_mut() {
            let result = if now {
                ann.flush()
            } else {
                ann.save_if_due(at)
            };
            match result {
                Some(Ok(merge)) if merge.theirs + merge.conflicts > 0 => problems.push((
                    Severity::Info,
                    format!(
                        "{} {} / {}",
                        self.settings.language().pick(
                            "已合并另一处对批注文件的修改：",
                            "Merged changes another program made to the annotation file:"
                        ),
                        merge.theirs,
                        merge.conflicts
                    ),
                )),
                Some(Err(err)) => problems.push((Severity::Error, err.to_string())),
                _ => {}
            }
        }
        for (severity, msg) in problems {
            self.notify(severity, msg);
        }
    }

    fn flush_annotations_of(&mut self, doc: DocumentId) {
        if let Some(Err(err)) = self
            .annotations
            .get_mut(&doc)
            .and_then(DocAnnotations::flush)
        {
            self.notify(Severity::Error, err.to_string());
        }
    }

    fn report_annotations(&mut self, name: &str, report: &LoadReport, reloaded: bool) {
        let r = report.reanchor;
        if report.problem.is_some() {
            return; // The banner over the document says it, with the reason.
        }
        if !(reloaded || report.document_changed || r.moved + r.orphaned > 0) {
            return;
        }
        let lang = self.lang();
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
        self.notify(severity, msg);
    }

    fn browse_export_path(&mut self, format: Format) {
        match self.save_dialog.clone() {
            Some(dialog) if !self.export.waiting => {
                self.export.waiting = true;
                let label = self
                    .lang()
                    .pick("选择导出位置", "Choosing where to export")
                    .to_owned();
                self.jobs.spawn("save-dialog", label, move |_| {
                    let started = Instant::now();
                    let path = dialog(format);
                    JobOutput::PickedSavePath {
                        path,
                        waited: started.elapsed(),
                    }
                });
            }
            Some(_) => {}
            None => self.export.no_system_dialog = true,
        }
    }

    /// How many annotations an export of `scope` holds (cheap: the export window shows it live).
    pub fn export_count(&self, scope: &ExportScope) -> usize {
        let in_scope = |id: &DocumentId| match scope {
            ExportScope::Document(d) => d == id,
            ExportScope::AllOpen | ExportScope::Tags(_) => true,
        };
        self.annotations
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
    pub fn export_documents(&self, scope: &ExportScope) -> Vec<crate::export::ExportDocument> {
        let wanted: Vec<DocumentId> = match scope {
            ExportScope::Document(id) => vec![*id],
            ExportScope::AllOpen | ExportScope::Tags(_) => self.docs.iter().map(|d| d.id).collect(),
        };
        wanted
            .iter()
            .filter_map(|id| {
                let open = self.document(*id)?;
                let ann = self.annotations.get(id)?;
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

    fn export(&mut self, request: &ExportRequest) {
        let documents = self.export_documents(&request.scope);
        let count: usize = documents.iter().map(|d| d.entries.len()).sum();
        let text = crate::export::render(request.format, &documents);
        let lang = self.lang();
        match storage::write_atomic(&request.path, text.as_bytes(), Backup::Skip) {
            Ok(()) => {
                self.export.open = false;
                let msg = format!(
                    "{} {count} {} {}",
                    lang.pick("已导出", "Exported"),
                    lang.pick("条批注到", "annotations to"),
                    request.path.display()
                );
                self.notify(Severity::Info, msg);
            }
            Err(err) => {
                let msg = format!("{}: {err}", lang.pick("导出失败", "Export failed"));
                self.notify(Severity::Error, msg);
            }
        }
    }
}

#[cfg(test)]
mod tests;
