//! The merged timeline of the open documents as the app shows it: its rows (every document's
//! entries in date order), the events they group into (computed on a job thread, since event
//! grouping reads every sentence's keywords), the entry selected in the list and on the axis
//! together, and saving the picture.

use std::path::PathBuf;
use std::sync::Arc;

use super::columns::{Columns, OpenDocument};
use super::notices::{Notices, Severity};
use crate::app::Command;
use crate::app::command::Location;
use crate::app::i18n::Language;
use crate::app::jobs::{JobOutput, Jobs};
use crate::app::loaded::LoadedDocument;
use crate::extract::timeline::{EventTag, MergedRow, Timeline, group_events, merge_timelines};
use crate::nlp::Segmenter;

/// Which documents (and which load of each) a computation was for.
pub type TimelineKey = Vec<(crate::app::DocumentId, usize)>;

#[derive(Default)]
pub struct TimelineState {
    events: Option<(TimelineKey, Arc<Vec<EventTag>>)>,
    pending: Option<TimelineKey>,
    selected: Option<Location>,
}

/// The key of a document's timeline in [`merged_rows`]: its id (the rows' `source`).
pub fn source_key(doc: &OpenDocument) -> String {
    format!("{}\u{0}", doc.id.0)
}

fn key_of(docs: &[OpenDocument]) -> TimelineKey {
    docs.iter()
        .map(|d| (d.id, Arc::as_ptr(&d.loaded) as usize))
        .collect()
}

/// The rows of the merged timeline of `docs`, each row's `source` being [`source_key`] of its
/// document; `keys` holds the strings the rows borrow.
pub fn merged_rows<'a>(keys: &'a [(String, &'a Timeline)]) -> Vec<MergedRow<'a>> {
    let refs: Vec<(&str, &Timeline)> = keys.iter().map(|(k, t)| (k.as_str(), *t)).collect();
    merge_timelines(&refs)
}

/// The (key, timeline) pairs of `docs`, for [`merged_rows`].
pub fn timeline_keys(docs: &[OpenDocument]) -> Vec<(String, &Timeline)> {
    docs.iter()
        .map(|d| (source_key(d), &d.loaded.analysis().timeline))
        .collect()
}

impl TimelineState {
    /// The events of the merged timeline of all open documents, one per row of
    /// [`merged_rows`] over them — if they are computed for exactly these documents.
    pub fn events(&self, docs: &[OpenDocument]) -> Option<&[EventTag]> {
        match &self.events {
            Some((key, tags)) if *key == key_of(docs) => Some(tags),
            _ => None,
        }
    }

    pub fn selected(&self) -> Option<Location> {
        self.selected
    }

    /// Start grouping events when the open documents changed (only while someone looks).
    pub fn refresh(&mut self, columns: &Columns, jobs: &mut Jobs, wanted: bool) {
        let docs = columns.documents();
        let key = key_of(docs);
        let current = self.events.as_ref().is_some_and(|(k, _)| *k == key);
        if !wanted || current || self.pending.as_ref() == Some(&key) || docs.is_empty() {
            return;
        }
        self.pending = Some(key.clone());
        let loaded: Vec<(String, Arc<LoadedDocument>)> = docs
            .iter()
            .map(|d| (source_key(d), Arc::clone(&d.loaded)))
            .collect();
        jobs.spawn("events", "事件 events".to_owned(), move |_| {
            let keys: Vec<(String, &Timeline)> = loaded
                .iter()
                .map(|(k, l)| (k.clone(), &l.analysis().timeline))
                .collect();
            let rows = merged_rows(&keys);
            let tags = group_events(&Segmenter::shared(), &rows);
            JobOutput::TimelineEvents { key, tags }
        });
    }

    /// A grouping job finished: keep it if it is for the documents open now.
    pub fn events_done(&mut self, key: TimelineKey, tags: Vec<EventTag>, columns: &Columns) {
        if self.pending.as_ref() == Some(&key) {
            self.pending = None;
        }
        if key == key_of(columns.documents()) {
            self.events = Some((key, Arc::new(tags)));
        }
    }

    /// Select an entry in the list and on the axis, and go there in its document.
    pub fn handle(&mut self, cmd: Command, columns: &mut Columns, jobs: &mut Jobs, lang: Language) {
        match cmd {
            Command::SelectTimelineEntry(loc) => {
                self.selected = Some(loc);
                columns.jump(loc);
            }
            Command::SaveTimelinePicture { svg, path, png } => {
                let label = format!("{} {}", lang.pick("保存", "Saving"), path.display());
                jobs.spawn("picture", label, move |_| {
                    let result = write_picture(&svg, &path, png);
                    JobOutput::PictureSaved { path, result }
                });
            }
            _ => debug_assert!(false, "not a timeline command: {cmd:?}"),
        }
    }

    /// Tell how saving a picture went.
    pub fn picture_saved(
        path: &std::path::Path,
        result: Result<(), String>,
        notices: &mut Notices,
        lang: Language,
    ) {
        match result {
            Ok(()) => notices.push(
                Severity::Info,
                format!("{} {}", lang.pick("已保存", "Saved"), path.display()),
            ),
            Err(e) => notices.push(Severity::Error, e),
        }
    }
}

fn write_picture(svg: &str, path: &std::path::Path, png: bool) -> Result<(), String> {
    let bytes = if png {
        crate::chart::png::render(svg, 2.0).map_err(|e| e.to_string())?
    } else {
        svg.as_bytes().to_vec()
    };
    crate::storage::write_atomic(path, &bytes, crate::storage::Backup::Skip)
        .map_err(|e| e.to_string())
}

/// Where a picture goes by default: beside the first open document.
pub fn default_picture_path(docs: &[OpenDocument], png: bool) -> PathBuf {
    let dir = docs
        .first()
        .and_then(|d| d.loaded.path().parent().map(std::path::Path::to_owned))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| PathBuf::from("."));
    dir.join(if png { "timeline.png" } else { "timeline.svg" })
}
