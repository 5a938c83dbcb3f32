//! [`Sidecar`]: the handle an app holds for one document's annotations — load (merging every
//! device's file, re-anchoring), save (this device's file only, then tidying conflict copies),
//! pull (another device's changes while the document is open), read-only when a file is broken.
//!
//! The sidecar keeps the merged [`SyncState`] as of the last load, save or pull. The app edits
//! an `AnnotationSet`; a save stamps what differs from the state as this device's edits, joins
//! whatever changed on disk since, writes the result to `DEVICE.ron` and hands the merged set
//! back. Nothing another device wrote is ever overwritten: its file is never touched.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::atomic::{Backup, write_atomic};
use super::crdt::{Changed, Clock, SyncState};
use super::error::StorageError;
use super::format::{self, StoredFingerprint};
use super::location::{Locations, Placement};
use super::sources::{self, Seen, SourceKind};
use super::state_file::state_to_ron;
use super::tidy;
use crate::annotation::{AnnotationSet, ReanchorReport};
use crate::document::{Document, Fingerprint};

/// Whether annotations may be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    Writable,
    /// A file is broken, too new or unreadable: shown, never overwritten.
    ReadOnly {
        reason: String,
    },
}

/// What loading found; shown to the user, not an error.
#[derive(Debug, Default)]
pub struct LoadReport {
    /// No sidecar yet: it will be created on the first save.
    pub new_file: bool,
    /// The document changed since the annotations were saved.
    pub document_changed: bool,
    pub reanchor: ReanchorReport,
    /// Why the annotations are read-only, if they are.
    pub problem: Option<StorageError>,
}

/// What a save or pull merged from other files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Annotations or tags changed by another device's (or another program's) file.
    pub theirs: usize,
    /// Of those, how many were also changed here: each field's later edit won.
    pub conflicts: usize,
}

/// A loaded sidecar, its annotations and the load report.
#[derive(Debug)]
pub struct Opened {
    pub sidecar: Sidecar,
    pub set: AnnotationSet,
    pub report: LoadReport,
}

/// What reading the files that changed found.
#[derive(Default)]
struct Pulled {
    changed: Changed,
    document_changed: bool,
    problem: Option<StorageError>,
}

#[derive(Debug)]
pub struct Sidecar {
    placement: Placement,
    device: String,
    access: Access,
    document: StoredFingerprint,
    state: SyncState,
    /// Every file as last read or written: only files that changed since are read again.
    seen: BTreeMap<PathBuf, Seen>,
}

impl Sidecar {
    /// Open the annotations of `doc` (read from `doc_path`), wherever they are kept, as the
    /// device `locations` names.
    pub fn open(
        doc_path: &Path,
        doc: &Document,
        locations: &Locations,
    ) -> Result<Opened, StorageError> {
        let placement = locations.place(doc_path)?;
        Ok(Self::open_placed(
            placement,
            locations.device(),
            doc,
            doc_path,
        ))
    }

    /// Open the sidecar whose format 1 file is `path` (`NAME.EXT.pangzhu.ron`; the folder is
    /// `NAME.EXT.pangzhu/`) as `device`.
    pub fn open_at(path: &Path, doc: &Document, device: &str) -> Opened {
        let placement = Placement {
            path: path.to_owned(),
            fallback: false,
        };
        Self::open_placed(placement, device, doc, Path::new(doc.source()))
    }

    fn open_placed(placement: Placement, device: &str, doc: &Document, doc_path: &Path) -> Opened {
        let name = doc_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut sidecar = Self {
            placement,
            device: super::device::sanitize(device),
            access: Access::Writable,
            document: StoredFingerprint::new(&name, doc.fingerprint()),
            state: SyncState::default(),
            seen: BTreeMap::new(),
        };
        let pulled = sidecar.read_changed(Some(doc.fingerprint()));
        let mut report = LoadReport {
            new_file: sidecar.seen.is_empty() && pulled.problem.is_none(),
            document_changed: pulled.document_changed,
            ..LoadReport::default()
        };
        if let Some(err) = pulled.problem {
            report.problem = Some(sidecar.refuse(err));
        }
        let mut set = sidecar.state.to_set();
        report.reanchor = sidecar.reanchor(&mut set, doc);
        Opened {
            sidecar,
            set,
            report,
        }
    }

    /// This device's file, the one a save writes.
    pub fn path(&self) -> PathBuf {
        self.placement.device_file(&self.device)
    }

    /// The folder of every device's file.
    pub fn folder(&self) -> PathBuf {
        self.placement.folder()
    }

    pub fn device(&self) -> &str {
        &self.device
    }

    /// Whether the sidecar lives in the user data directory instead of beside the document.
    pub fn is_fallback(&self) -> bool {
        self.placement.fallback
    }

    pub fn access(&self) -> &Access {
        &self.access
    }

    pub fn is_read_only(&self) -> bool {
        matches!(self.access, Access::ReadOnly { .. })
    }

    /// Write `set` to this device's file. Whatever another device (or program) wrote since it
    /// was read is merged into `set` first; then conflict copies whose content is now in this
    /// device's file are removed and a format 1 file is moved into the folder. A broken file
    /// anywhere makes the annotations read-only instead: nothing is written.
    pub fn save(&mut self, set: &mut AnnotationSet) -> Result<MergeReport, StorageError> {
        self.writable()?;
        let local = self.state.record_local(set, &Clock::now(&self.device));
        let pulled = self.read_changed(None);
        if let Some(err) = pulled.problem {
            return Err(self.refuse(err));
        }
        if !pulled.changed.is_empty() {
            *set = self.state.to_set();
        }
        let own = self.path();
        let text = state_to_ron(&self.state, set, &self.device, &self.document, &own)?;
        write_atomic(&own, text.as_bytes(), Backup::Keep)?;
        if let Some((len, modified)) = sources::metadata(&own) {
            let hash = blake3::hash(text.as_bytes());
            self.seen.insert(
                own,
                Seen {
                    len,
                    modified,
                    hash,
                },
            );
        }
        tidy::tidy(&self.placement, &self.device, &mut self.seen);
        Ok(MergeReport {
            theirs: pulled.changed.len(),
            conflicts: local.overlap(&pulled.changed),
        })
    }

    /// Whether any file of these annotations changed (or appeared) since it was last read: a
    /// few `stat` calls, cheap enough to poll.
    pub fn changed_on_disk(&self) -> bool {
        sources::list(&self.placement, &self.device)
            .iter()
            .any(|s| sources::may_have_changed(&s.path, &self.seen))
    }

    /// Merge what changed on disk into `set`, keeping its unsaved edits, and re-anchor it.
    /// `None`: nothing changed. A broken file makes the annotations read-only (what could be
    /// read is still merged).
    pub fn pull(
        &mut self,
        set: &mut AnnotationSet,
        doc: &Document,
    ) -> Option<Result<(MergeReport, ReanchorReport), StorageError>> {
        if !self.changed_on_disk() {
            return None;
        }
        let local = match self.access {
            Access::Writable => self.state.record_local(set, &Clock::now(&self.device)),
            Access::ReadOnly { .. } => Changed::default(),
        };
        let pulled = self.read_changed(Some(doc.fingerprint()));
        *set = self.state.to_set();
        let reanchor = self.reanchor(set, doc);
        if let Some(err) = pulled.problem {
            return Some(Err(self.refuse(err)));
        }
        let merge = MergeReport {
            theirs: pulled.changed.len(),
            conflicts: local.overlap(&pulled.changed),
        };
        Some(Ok((merge, reanchor)))
    }

    /// Find every annotation again in `doc`. Moved anchors are the app's change, not a
    /// person's: stamped just after the anchors they replace, so a deliberate edit of the same
    /// anchor on another device, made in the meantime, still wins.
    fn reanchor(&mut self, set: &mut AnnotationSet, doc: &Document) -> ReanchorReport {
        let report = set.reanchor(doc);
        if report.moved > 0 {
            self.state.record_local(set, &Clock::settled(&self.device));
        }
        report
    }

    fn writable(&self) -> Result<(), StorageError> {
        match &self.access {
            Access::Writable => Ok(()),
            Access::ReadOnly { reason } => Err(StorageError::ReadOnly {
                path: self.path(),
                reason: reason.clone(),
            }),
        }
    }

    /// A broken or unreadable file makes the sidecar read-only: nothing is written.
    fn refuse(&mut self, err: StorageError) -> StorageError {
        self.access = Access::ReadOnly {
            reason: err.to_string(),
        };
        err
    }

    /// Read and join every file that changed since it was last read. `fingerprint`: the
    /// document, to tell whether the files were written against another version of it.
    fn read_changed(&mut self, fingerprint: Option<&Fingerprint>) -> Pulled {
        let mut pulled = Pulled::default();
        for source in sources::list(&self.placement, &self.device) {
            if !sources::may_have_changed(&source.path, &self.seen) {
                continue;
            }
            let read = sources::read(&source.path);
            let (bytes, seen) = match read {
                Ok(Some(read)) => read,
                Ok(None) => continue,
                Err(err) => {
                    pulled.problem.get_or_insert(err);
                    continue;
                }
            };
            let same = self.seen.get(&source.path).map(|s| s.hash) == Some(seen.hash);
            if !same {
                match parse(bytes, &source.path) {
                    Ok(file) => {
                        let stale = fingerprint.is_some_and(|f| !file.document.matches(f));
                        pulled.document_changed |= stale && source.kind != SourceKind::Conflict;
                        pulled
                            .changed
                            .extend(self.state.join_owned(file.into_state()));
                    }
                    // Remembered all the same: read again only once it changes (no notice every
                    // poll); the sidecar stays read-only until the document is opened again.
                    Err(err) => {
                        pulled.problem.get_or_insert(err);
                    }
                }
            }
            self.seen.insert(source.path, seen);
        }
        pulled
    }
}

fn parse(bytes: Vec<u8>, path: &Path) -> Result<format::SidecarFile, StorageError> {
    let text = String::from_utf8(bytes).map_err(|e| StorageError::Parse {
        path: path.to_owned(),
        line: 0,
        col: 0,
        message: format!("not UTF-8 text: {e}"),
    })?;
    format::parse(&text, path)
}
