//! Opening, loading, reloading and closing documents: load jobs and what happens when they
//! finish, files changed on disk, and the limit of columns. This is where the parts meet
//! (columns, annotations, page images, notices), so it is `impl AppState`.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::AppState;
use super::annotating::report_annotations;
use super::notices::Severity;
use crate::app::annotations::DocAnnotations;
use crate::app::jobs::{JobOutput, LoadedWithAnnotations};
use crate::app::loaded::{LoadedDocument, modified_time};
use crate::app::{DocumentId, MAX_COLUMNS};
use crate::storage::Sidecar;

const CHANGE_CHECK_EVERY: Duration = Duration::from_secs(2);

/// Documents being loaded, in the order they were asked for.
#[derive(Debug)]
pub struct Loading {
    paths: Vec<PathBuf>,
    seq: u64,
    last_change_check: Instant,
}

impl Default for Loading {
    fn default() -> Self {
        Self {
            paths: Vec::new(),
            seq: 0,
            last_change_check: Instant::now(),
        }
    }
}

impl Loading {
    pub fn contains(&self, path: &std::path::Path) -> bool {
        self.paths.iter().any(|p| p == path)
    }

    /// The next column order key (documents land in the order they were asked for).
    pub fn next_order(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// Whether it is time to look at the open files' modification times again.
    pub fn change_check_due(&mut self) -> bool {
        if self.last_change_check.elapsed() >= CHANGE_CHECK_EVERY {
            self.last_change_check = Instant::now();
            return true;
        }
        false
    }
}

impl AppState {
    pub(super) fn open_paths(&mut self, paths: Vec<PathBuf>) {
        self.dialogs.files_given();
        for path in paths {
            if self
                .columns
                .documents()
                .iter()
                .any(|d| d.loaded.path() == path)
                || self.loading.contains(&path)
            {
                continue;
            }
            if self.columns.len() + self.loading.paths.len() >= MAX_COLUMNS {
                let msg = self.lang().pick(
                    "最多并排四篇文档，请先关闭一篇",
                    "At most four documents side by side; close one first",
                );
                self.notices.push(Severity::Error, msg);
                break;
            }
            self.load(path, None, 0);
        }
    }

    pub(super) fn load(&mut self, path: PathBuf, replaces: Option<DocumentId>, top_block: usize) {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let label = format!("{} {name}", self.lang().pick("载入", "Loading"));
        self.loading.paths.push(path.clone());
        let order = self.loading.next_order();
        if let Some(id) = replaces {
            self.annotating.flush(id, &mut self.notices);
        }
        let mut locations = self.annotating.locations().clone();
        if let Some(device) = self.settings.device() {
            locations = locations.with_device(&device);
        }
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

    pub(super) fn job_done(&mut self, output: JobOutput) {
        match output {
            JobOutput::Loaded {
                path,
                replaces,
                top_block,
                order,
                result,
            } => {
                self.loading.paths.retain(|p| p != &path);
                match result.map(|b| *b) {
                    Ok(LoadedWithAnnotations {
                        loaded,
                        annotations,
                    }) => {
                        let (annotations, report) = DocAnnotations::new(annotations);
                        let name = loaded.display_name();
                        let path = loaded.path().to_owned();
                        let id = self.add_loaded(loaded, replaces, top_block, order);
                        self.library.loaded(&path, id, &mut self.columns);
                        self.annotating.insert(id, annotations);
                        if replaces.is_some() {
                            self.annotating.forget_history(id);
                        }
                        let lang = self.lang();
                        report_annotations(
                            &name,
                            &report,
                            replaces.is_some(),
                            &mut self.notices,
                            lang,
                        );
                    }
                    Err(err) => self.notices.push(Severity::Error, err),
                }
            }
            JobOutput::PickedSavePath { path, waited } => {
                self.dialogs.save_path_picked(path, waited);
            }
            JobOutput::PageImage { doc, page, result } => {
                if self.columns.document(doc).is_some() {
                    self.pages.finished(doc, page, result);
                }
            }
            JobOutput::LibraryIndexed { root, result } => {
                let lang = self.lang();
                self.library
                    .indexed(root, result, &mut self.notices, &mut self.jobs, lang);
            }
            JobOutput::LibrarySearched {
                query,
                mode,
                result,
            } => {
                self.library.searched(&query, mode, result);
            }
            JobOutput::TimelineEvents { key, tags } => {
                self.timeline.events_done(key, tags, &self.columns);
            }
            JobOutput::PictureSaved { path, result } => {
                let lang = self.lang();
                super::timeline::TimelineState::picture_saved(
                    &path,
                    result,
                    &mut self.notices,
                    lang,
                );
            }
            JobOutput::PickedFiles { paths, waited } => match paths {
                Some(paths) => self.open_paths(paths),
                None => self.dialogs.no_files_picked(waited),
            },
        }
    }

    pub(super) fn add_loaded(
        &mut self,
        loaded: Arc<LoadedDocument>,
        replaces: Option<DocumentId>,
        top: usize,
        order: u64,
    ) -> DocumentId {
        self.settings.remember_recent(loaded.path());
        if let Some(id) = replaces {
            let name = loaded.display_name();
            if self.columns.replace(id, loaded.clone(), top) {
                let msg = format!("{} {name}", self.lang().pick("已重新载入", "Reloaded"));
                self.notices.push(Severity::Info, msg);
                return id;
            }
        }
        self.columns.insert(loaded, order, top)
    }

    /// Documents changed on disk are reloaded; annotation files changed on disk (another
    /// device's, brought by a sync tool) are merged into what is open.
    pub(super) fn reload_changed_files(&mut self) {
        let lang = self.lang();
        self.annotating
            .pull_changed(&self.columns, &mut self.notices, lang);
        let changed: Vec<(DocumentId, PathBuf)> = self
            .columns
            .documents()
            .iter()
            .filter(|d| {
                let now = modified_time(d.loaded.path());
                now.is_some() && now != d.loaded.modified()
            })
            .map(|d| (d.id, d.loaded.path().to_owned()))
            .filter(|(_, p)| !self.loading.contains(p))
            .collect();
        for (id, path) in changed {
            let top = self.columns.top_block(id);
            self.load(path, Some(id), top);
        }
    }

    pub(super) fn close(&mut self, id: DocumentId) {
        self.annotating.flush(id, &mut self.notices);
        self.annotating.remove(id);
        self.editing.forget(id);
        self.columns.close(id);
        self.pages.forget(id);
    }
}
