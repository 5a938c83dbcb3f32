//! Incremental indexing. Every file's fingerprint is compared with the stored one; only new
//! and changed files are analysed (a window at a time on every core, so memory stays bounded
//! on a folder of thousands) and written by one writer; files gone from the folder are
//! deleted. Commits come every few hundred documents: a crash loses at most the documents
//! since the last commit, which the next update indexes again.

use std::collections::HashMap;
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::analyse::{self, Analysed};
use super::scan::{self, Found};
use super::{Library, LibraryError, index_error};

/// Files analysed at once: enough for both cores, few enough to bound memory.
const WINDOW: usize = 8;
/// The writer's memory budget (tantivy's indexing buffer; it flushes a segment when full).
const WRITER_MEMORY: usize = 64 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct UpdateOptions {
    /// Commit after this many documents…
    pub commit_every_docs: usize,
    /// …or this many bytes of cleaned text, whichever comes first.
    pub commit_every_bytes: usize,
    /// Tests: stop after writing this many documents without the final commit, as a crash
    /// would.
    pub stop_after: Option<usize>,
}

impl Default for UpdateOptions {
    fn default() -> Self {
        Self {
            commit_every_docs: 250,
            commit_every_bytes: 48 * 1024 * 1024,
            stop_after: None,
        }
    }
}

/// How far an update is, for a progress bar.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    /// Documents analysed so far (unchanged ones are not counted).
    pub done: usize,
    /// Documents to analyse.
    pub total: usize,
    pub path: &'a str,
}

/// What an update did (`pangzhu library index` prints it as JSON).
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateReport {
    /// Documents in the folder.
    pub documents: usize,
    pub indexed: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub failed: usize,
    pub elapsed_ms: u64,
    /// `(relative path or folder, message)` of each failure.
    #[serde(skip)]
    pub failures: Vec<(String, String)>,
}

impl Library {
    /// Bring the index up to date with the folder.
    pub fn update(
        &mut self,
        progress: &(dyn Fn(Progress<'_>) + Sync),
    ) -> Result<UpdateReport, LibraryError> {
        self.update_with(&UpdateOptions::default(), progress)
    }

    pub fn update_with(
        &mut self,
        options: &UpdateOptions,
        progress: &(dyn Fn(Progress<'_>) + Sync),
    ) -> Result<UpdateReport, LibraryError> {
        let started = Instant::now();
        let mut report = UpdateReport::default();
        let mut skipped = Vec::new();
        let found = scan::scan(&self.root, &mut skipped).map_err(|source| LibraryError::Io {
            path: self.root.clone(),
            source,
        })?;
        report
            .failures
            .extend(skipped.into_iter().map(|s| (s, "skipped".to_owned())));
        report.documents = found.len();
        let mut stored = self.stored_fingerprints()?;
        let changed = self.changed(&found, &stored, &mut report);
        for f in &found {
            stored.remove(&f.relative);
        }
        // Nothing new, nothing gone: no writer, no commit, no segmenter to load.
        if !changed.is_empty() || !stored.is_empty() {
            self.write(
                &changed,
                &found,
                stored.keys(),
                options,
                progress,
                &mut report,
            )?;
        }
        self.reload()?;
        report.failed = report.failures.len();
        report.elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        Ok(report)
    }

    /// Delete `gone`, write `changed`, commit (unless stopped early, in tests).
    fn write<'a>(
        &self,
        changed: &[&Found],
        found: &[Found],
        gone: impl Iterator<Item = &'a String>,
        options: &UpdateOptions,
        progress: &(dyn Fn(Progress<'_>) + Sync),
        report: &mut UpdateReport,
    ) -> Result<(), LibraryError> {
        let mut writer = self.writer()?;
        for path in gone {
            writer.delete_term(Term::from_field_text(self.fields.path, path));
            report.removed += 1;
        }
        let shown: Vec<_> = found.iter().map(|f| self.shown(&f.relative)).collect();
        let segmenter = crate::nlp::Segmenter::for_documents(&shown);
        if self.write_changed(&mut writer, changed, &segmenter, options, progress, report)? {
            self.commit(&mut writer)?;
            writer
                .wait_merging_threads()
                .map_err(|e| index_error(&self.index_path, e))?;
        }
        Ok(())
    }

    fn writer(&self) -> Result<IndexWriter<TantivyDocument>, LibraryError> {
        self.index
            .writer_with_num_threads(1, WRITER_MEMORY)
            .map_err(|e| index_error(&self.index_path, e))
    }

    fn commit(&self, writer: &mut IndexWriter<TantivyDocument>) -> Result<(), LibraryError> {
        writer
            .commit()
            .map(|_| ())
            .map_err(|e| index_error(&self.index_path, e))
    }

    /// The files whose fingerprint differs from the stored one (hashed on every core).
    fn changed<'a>(
        &self,
        found: &'a [Found],
        stored: &HashMap<String, String>,
        report: &mut UpdateReport,
    ) -> Vec<&'a Found> {
        let states: Vec<Result<bool, String>> = found
            .par_iter()
            .map(|f| {
                let now = analyse::fingerprint_file(&self.shown(&f.relative))
                    .map_err(|e| e.to_string())?;
                Ok(stored.get(&f.relative) != Some(&now))
            })
            .collect();
        let mut changed = Vec::new();
        for (f, state) in found.iter().zip(states) {
            match state {
                Ok(true) => changed.push(f),
                Ok(false) => report.unchanged += 1,
                Err(err) => report.failures.push((f.relative.clone(), err)),
            }
        }
        changed
    }

    /// Analyse and write the changed files; `false` when stopped early (tests).
    fn write_changed(
        &self,
        writer: &mut IndexWriter<TantivyDocument>,
        changed: &[&Found],
        segmenter: &crate::nlp::Segmenter,
        options: &UpdateOptions,
        progress: &(dyn Fn(Progress<'_>) + Sync),
        report: &mut UpdateReport,
    ) -> Result<bool, LibraryError> {
        let (mut docs_since, mut bytes_since, mut done) = (0, 0, 0);
        for window in changed.chunks(WINDOW) {
            let results: Vec<Result<Analysed, String>> = window
                .par_iter()
                .map(|f| {
                    let shown = self.shown(&f.relative);
                    analyse::analyse(&self.fields, segmenter, &f.relative, &shown)
                })
                .collect();
            for (f, result) in window.iter().zip(results) {
                // The old version goes in every case: a file that no longer opens is not
                // searched as it was.
                writer.delete_term(Term::from_field_text(self.fields.path, &f.relative));
                match result {
                    Ok(analysed) => {
                        bytes_since += analysed.text_bytes;
                        writer
                            .add_document(analysed.document)
                            .map_err(|e| index_error(&self.index_path, e))?;
                        report.indexed += 1;
                    }
                    Err(err) => report.failures.push((f.relative.clone(), err)),
                }
                done += 1;
                docs_since += 1;
                progress(Progress {
                    done,
                    total: changed.len(),
                    path: &f.relative,
                });
                if options.stop_after.is_some_and(|n| done >= n) {
                    return Ok(false);
                }
                if docs_since >= options.commit_every_docs
                    || bytes_since >= options.commit_every_bytes
                {
                    self.commit(writer)?;
                    (docs_since, bytes_since) = (0, 0);
                }
            }
        }
        Ok(true)
    }

    /// `relative path → fingerprint` of every document in the index (from the fast fields:
    /// no stored document is read).
    pub(super) fn stored_fingerprints(&self) -> Result<HashMap<String, String>, LibraryError> {
        let searcher = self.reader.searcher();
        let mut out = HashMap::new();
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let column = |name: &str| {
                fast.str(name)
                    .map_err(|e| index_error(&self.index_path, e))?
                    .ok_or_else(|| LibraryError::Stored(format!("no `{name}` column")))
            };
            let (paths, prints) = (column("path")?, column("fingerprint")?);
            for doc in segment.doc_ids_alive() {
                let (mut path, mut print) = (String::new(), String::new());
                let read = |col: &tantivy::columnar::StrColumn, out: &mut String| {
                    col.term_ords(doc)
                        .next()
                        .is_some_and(|ord| col.ord_to_str(ord, out).unwrap_or(false))
                };
                if read(&paths, &mut path) && read(&prints, &mut print) {
                    out.insert(path, print);
                }
            }
        }
        Ok(out)
    }

    /// Where a document is, shown as the folder was given.
    pub fn shown(&self, relative: &str) -> std::path::PathBuf {
        scan::shown_path(&self.root, relative)
    }
}
