//! [`AppState`]: everything the app knows, changed only through [`AppState::handle`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::align::Alignment;
use super::command::{Command, Location};
use super::history::NavHistory;
use super::jobs::{JobOutput, Jobs};
use super::loaded::{LoadedDocument, modified_time};
use super::search::{SearchHit, find_all};
use super::settings::{FONT_SIZE_DEFAULT, Session, Settings, SideTab};
use super::{DocumentId, MAX_COLUMNS, samples};

/// A dialog that answered `None` faster than this never showed: no portal and no zenity.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(400);
const CHANGE_CHECK_EVERY: Duration = Duration::from_secs(2);

/// Opens the system file dialog and waits for it (runs on a job thread). Injected by the UI.
pub type FileDialog = Arc<dyn Fn() -> Option<Vec<PathBuf>> + Send + Sync>;

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
    pub hits: Vec<(DocumentId, SearchHit)>,
    pub current: Option<usize>,
}

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
            self.handle(Command::JobDone(output));
        }
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
            Command::JobDone(output) => self.job_done(output),
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
        let hits = self
            .docs
            .iter()
            .flat_map(|d| {
                find_all(d.loaded.doc(), &query)
                    .into_iter()
                    .map(move |h| (d.id, h))
            })
            .collect();
        self.search = SearchResults {
            query,
            hits,
            current: None,
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
        self.jobs.spawn("load", label, move |progress| {
            let result = LoadedDocument::load(&path, progress).map(Arc::new);
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
                match result {
                    Ok(loaded) => self.add_loaded(loaded, replaces, top_block, order),
                    Err(err) => self.notify(Severity::Error, err),
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
    ) {
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
            return;
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
    }

    fn close(&mut self, id: DocumentId) {
        self.docs.retain(|d| d.id != id);
        self.nav.forget(id);
        self.scroll_requests.remove(&id);
        self.top_blocks.remove(&id);
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

    /// Open a document already in memory (tests, benchmarks): no job, no file access.
    pub fn add_document(&mut self, loaded: LoadedDocument) -> DocumentId {
        self.load_seq += 1;
        self.add_loaded(Arc::new(loaded), None, 0, self.load_seq);
        self.docs.last().map_or(DocumentId(0), |d| d.id)
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

#[cfg(test)]
mod tests;
