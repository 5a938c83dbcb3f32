//! What the library holds, from the stored metadata: the document list, the names index over
//! every document and the timelines the merged timeline is made of.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use tantivy::TantivyDocument;
use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::schema::Value;

use super::stored::StoredMeta;
use super::{Library, LibraryError, index_error};
use crate::extract::timeline::{Timeline, TimelineEntry};

/// One document as `pangzhu library list` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentInfo {
    /// The path shown (the folder as given, joined with the relative path).
    pub path: String,
    #[serde(skip)]
    pub relative: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub size: u64,
    pub annotations: usize,
    pub tags: Vec<String>,
}

/// One name across the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameEntry {
    pub name: String,
    pub kind: String,
    /// Documents naming it.
    pub documents: usize,
    /// Mentions in all of them.
    pub mentions: usize,
}

impl Library {
    /// `(relative path, metadata)` of every indexed document, by path.
    fn metas(&self) -> Result<Vec<(String, StoredMeta)>, LibraryError> {
        let searcher = self.reader.searcher();
        let all = searcher
            .search(&AllQuery, &DocSetCollector)
            .map_err(|e| index_error(&self.index_path, e))?;
        let mut metas: Vec<(String, StoredMeta)> = all
            .into_par_iter()
            .map(|address| {
                let doc: TantivyDocument = searcher
                    .doc(address)
                    .map_err(|e| index_error(&self.index_path, e))?;
                let path = doc
                    .get_first(self.fields.path)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_owned();
                let meta = doc
                    .get_first(self.fields.meta)
                    .and_then(|v| v.as_bytes())
                    .map(serde_json::from_slice::<StoredMeta>)
                    .transpose()
                    .map_err(|e| LibraryError::Stored(format!("{path}: {e}")))?
                    .unwrap_or_default();
                Ok((path, meta))
            })
            .collect::<Result<_, LibraryError>>()?;
        metas.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(metas)
    }

    /// Every indexed document, by path.
    pub fn documents(&self) -> Result<Vec<DocumentInfo>, LibraryError> {
        Ok(self
            .metas()?
            .into_iter()
            .map(|(relative, m)| DocumentInfo {
                path: self.shown(&relative).to_string_lossy().into_owned(),
                relative,
                title: m.title,
                date: m.date,
                size: m.size,
                annotations: m.annotations,
                tags: m.tags,
            })
            .collect())
    }

    /// The names of every document, most mentioned first (then by name and kind).
    pub fn names(&self) -> Result<Vec<NameEntry>, LibraryError> {
        let mut by_name: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
        for (_, meta) in self.metas()? {
            for (name, kind, count) in meta.names {
                let slot = by_name.entry((name, kind)).or_default();
                slot.0 += 1;
                slot.1 += count;
            }
        }
        let mut names: Vec<NameEntry> = by_name
            .into_iter()
            .map(|((name, kind), (documents, mentions))| NameEntry {
                name,
                kind,
                documents,
                mentions,
            })
            .collect();
        names.sort_by(|a, b| {
            b.mentions
                .cmp(&a.mentions)
                .then(b.documents.cmp(&a.documents))
        });
        Ok(names)
    }

    /// `(shown path, timeline)` of every document, by path: what `merge_timelines` takes.
    /// Reference dates are not kept (the merged timeline does not show them).
    pub fn timelines(&self) -> Result<Vec<(String, Timeline)>, LibraryError> {
        Ok(self
            .metas()?
            .into_iter()
            .map(|(relative, meta)| {
                let entries: Vec<TimelineEntry> =
                    meta.timeline.into_iter().map(TimelineEntry::from).collect();
                (
                    self.shown(&relative).to_string_lossy().into_owned(),
                    Timeline {
                        reference_date: None,
                        entries,
                    },
                )
            })
            .collect())
    }

    /// Shown paths of every indexed document, by path.
    pub fn shown_paths(&self) -> Result<Vec<std::path::PathBuf>, LibraryError> {
        let mut paths: Vec<String> = self.stored_fingerprints()?.into_keys().collect();
        paths.sort();
        Ok(paths.iter().map(|p| self.shown(p)).collect())
    }
}
