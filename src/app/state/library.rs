//! The library the app has open: a folder indexed on a job thread (opened and brought up to
//! date there, with a progress bar), the list of its documents, the last search over it, and
//! the hit to go to once its document has opened.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::columns::Columns;
use super::notices::{Notices, Severity};
use crate::app::Command;
use crate::app::command::Location;
use crate::app::i18n::Language;
use crate::app::jobs::{JobOutput, Jobs};
use crate::extract::timeline::Timeline;
use crate::library::{DocumentInfo, HitFilter, Library, UpdateReport};
use crate::nlp::search::{SearchHit, SearchMode};

/// An opened, up-to-date library and its documents.
#[derive(Debug)]
pub struct LibraryLoaded {
    pub library: Library,
    pub documents: Vec<DocumentInfo>,
    pub report: UpdateReport,
    /// Every document's timeline (shown path, timeline), for the timeline view.
    pub timelines: Vec<(String, Timeline)>,
}

#[derive(Default)]
pub struct LibraryState {
    root: Option<PathBuf>,
    library: Option<Arc<Library>>,
    documents: Vec<DocumentInfo>,
    timelines: Arc<Vec<(String, Timeline)>>,
    indexing: bool,
    searching: bool,
    query: String,
    mode: SearchMode,
    hits: Vec<SearchHit>,
    error: Option<String>,
    /// A hit in a document that is being opened: jump there when it is.
    pending: Option<(PathBuf, usize)>,
}

/// What the Library tab reads.
pub struct LibraryView<'a> {
    pub root: Option<&'a Path>,
    pub documents: &'a [DocumentInfo],
    /// Every library document's timeline (shown path, timeline); shared, so a view can tell
    /// by pointer whether they changed.
    pub timelines: &'a Arc<Vec<(String, Timeline)>>,
    pub indexing: bool,
    /// A search is running.
    pub searching: bool,
    pub query: &'a str,
    pub mode: SearchMode,
    pub hits: &'a [SearchHit],
    pub error: Option<&'a str>,
}

impl LibraryState {
    pub fn view(&self) -> LibraryView<'_> {
        LibraryView {
            root: self.root.as_deref(),
            documents: &self.documents,
            timelines: &self.timelines,
            indexing: self.indexing,
            searching: self.searching,
            query: &self.query,
            mode: self.mode,
            hits: &self.hits,
            error: self.error.as_deref(),
        }
    }

    /// Library commands; a hit in a document not open yet returns its path to open.
    pub fn handle(
        &mut self,
        cmd: Command,
        columns: &mut Columns,
        jobs: &mut Jobs,
        lang: Language,
    ) -> Option<PathBuf> {
        match cmd {
            Command::OpenLibrary(root) => self.index(root, jobs, lang),
            Command::UpdateLibrary => {
                if let Some(root) = self.root.clone() {
                    self.index(root, jobs, lang);
                }
            }
            Command::SearchLibrary { query, mode } => {
                self.query = query;
                self.mode = mode;
                self.search(jobs);
            }
            Command::OpenLibraryHit { path, offset } => {
                match columns
                    .documents()
                    .iter()
                    .find(|d| same_file(d.loaded.path(), &path))
                {
                    Some(open) => {
                        let doc = open.id;
                        columns.jump(Location { doc, offset });
                    }
                    None => {
                        self.pending = Some((path.clone(), offset));
                        return Some(path);
                    }
                }
            }
            _ => debug_assert!(false, "not a library command: {cmd:?}"),
        }
        None
    }

    fn index(&mut self, root: PathBuf, jobs: &mut Jobs, lang: Language) {
        if self.indexing {
            return;
        }
        self.indexing = true;
        self.error = None;
        self.root = Some(root.clone());
        let label = format!("{} {}", lang.pick("索引", "Indexing"), root.display());
        jobs.spawn("library", label, move |progress| {
            let result = (|| {
                let mut library = Library::open(&root).map_err(|e| e.to_string())?;
                let report = library
                    .update(&|p| {
                        progress.set(p.done as f32 / p.total.max(1) as f32);
                    })
                    .map_err(|e| e.to_string())?;
                let documents = library.documents().map_err(|e| e.to_string())?;
                let timelines = library.timelines().map_err(|e| e.to_string())?;
                Ok(Box::new(LibraryLoaded {
                    library,
                    documents,
                    report,
                    timelines,
                }))
            })();
            JobOutput::LibraryIndexed { root, result }
        });
    }

    /// The indexing job finished.
    pub fn indexed(
        &mut self,
        root: PathBuf,
        result: Result<Box<LibraryLoaded>, String>,
        notices: &mut Notices,
        jobs: &mut Jobs,
        lang: Language,
    ) {
        if self.root.as_deref() != Some(root.as_path()) {
            return;
        }
        self.indexing = false;
        match result {
            Ok(loaded) => {
                let LibraryLoaded {
                    library,
                    documents,
                    report,
                    timelines,
                } = *loaded;
                self.timelines = Arc::new(timelines);
                if let Some(notice) = library.notice() {
                    notices.push(Severity::Info, notice.to_owned());
                }
                for (path, why) in &report.failures {
                    notices.push(Severity::Error, format!("{path}: {why}"));
                }
                notices.push(
                    Severity::Info,
                    format!(
                        "{} {}: {} {}, {} {}, {} {}",
                        lang.pick("文库", "Library"),
                        root.display(),
                        report.documents,
                        lang.pick("篇", "documents"),
                        report.indexed,
                        lang.pick("篇已索引", "indexed"),
                        report.removed,
                        lang.pick("篇已移除", "removed"),
                    ),
                );
                self.documents = documents;
                self.library = Some(Arc::new(library));
                if !self.query.is_empty() {
                    self.search(jobs);
                }
            }
            Err(e) => {
                notices.push(Severity::Error, e.clone());
                self.error = Some(e);
            }
        }
    }

    /// Search on a job thread: a query most documents match takes seconds on a big library,
    /// and the window keeps drawing meanwhile.
    fn search(&mut self, jobs: &mut Jobs) {
        self.hits.clear();
        self.error = None;
        let (Some(library), false) = (&self.library, self.query.trim().is_empty()) else {
            return;
        };
        let library = Arc::clone(library);
        let (query, mode) = (self.query.clone(), self.mode);
        self.searching = true;
        jobs.spawn("library-search", format!("搜索 {query}"), move |_| {
            let result = library
                .search(&query, mode, &HitFilter::default())
                .map_err(|e| e.to_string());
            JobOutput::LibrarySearched {
                query,
                mode,
                result,
            }
        });
    }

    /// A search job finished: keep its hits if they answer the query shown now.
    pub fn searched(
        &mut self,
        query: &str,
        mode: SearchMode,
        result: Result<Vec<SearchHit>, String>,
    ) {
        if query != self.query || mode != self.mode {
            return;
        }
        self.searching = false;
        match result {
            Ok(hits) => self.hits = hits,
            Err(e) => self.error = Some(e),
        }
    }

    /// A document finished loading: if a library hit waits for it, go there.
    pub fn loaded(&mut self, path: &Path, doc: crate::app::DocumentId, columns: &mut Columns) {
        if let Some((want, offset)) = &self.pending
            && same_file(want, path)
        {
            columns.jump(Location {
                doc,
                offset: *offset,
            });
            self.pending = None;
        }
    }
}

/// Two paths naming one file (as given or canonical).
fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
}
