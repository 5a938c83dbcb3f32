//! [`Sidecar`]: the handle an app holds for one document's annotation file — load (with
//! re-anchoring), save (merging what another writer saved meanwhile), read-only when broken.

use std::path::Path;

use super::atomic::{Backup, write_atomic};
use super::error::StorageError;
use super::format::{self, SidecarFile, StoredFingerprint};
use super::location::{Locations, Placement};
use super::merge::{MergeReport, merge};
use crate::annotation::{AnnotationSet, ReanchorReport};
use crate::document::Document;

/// Whether annotations may be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    Writable,
    /// The file is broken, too new or unreadable: shown, never overwritten.
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

/// A loaded sidecar, its annotations and the load report.
#[derive(Debug)]
pub struct Opened {
    pub sidecar: Sidecar,
    pub set: AnnotationSet,
    pub report: LoadReport,
}

#[derive(Debug)]
pub struct Sidecar {
    placement: Placement,
    access: Access,
    document: StoredFingerprint,
    /// The file's text as last read or written (`None`: no file then). A save compares the
    /// file on disk with it: unchanged, nothing needs merging; changed, it is parsed as the
    /// base of the three-way merge. Keeping the text instead of a parsed copy of the set
    /// makes load and save cheaper; merges are rare.
    disk: Option<String>,
}

impl Sidecar {
    /// Open the annotations of `doc` (read from `doc_path`), wherever they are kept.
    pub fn open(
        doc_path: &Path,
        doc: &Document,
        locations: &Locations,
    ) -> Result<Opened, StorageError> {
        let placement = locations.place(doc_path)?;
        Ok(Self::open_placed(placement, doc, doc_path))
    }

    /// Open a sidecar at an explicit path.
    pub fn open_at(path: &Path, doc: &Document) -> Opened {
        let placement = Placement {
            path: path.to_owned(),
            fallback: false,
        };
        Self::open_placed(placement, doc, Path::new(doc.source()))
    }

    fn open_placed(placement: Placement, doc: &Document, doc_path: &Path) -> Opened {
        let name = doc_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut sidecar = Self {
            placement,
            access: Access::Writable,
            document: StoredFingerprint::new(&name, doc.fingerprint()),
            disk: None,
        };
        let mut report = LoadReport::default();
        let mut set = AnnotationSet::new();
        let loaded = sidecar.read_disk().and_then(|text| match text {
            None => Ok(None),
            Some(text) => format::parse(&text, sidecar.path()).map(|file| Some((text, file))),
        });
        match loaded {
            Ok(None) => report.new_file = true,
            Ok(Some((text, file))) => {
                report.document_changed = !file.document.matches(doc.fingerprint());
                sidecar.disk = Some(text);
                set = file.into_set();
                report.reanchor = set.reanchor(doc);
            }
            Err(err) => {
                sidecar.access = Access::ReadOnly {
                    reason: err.to_string(),
                };
                report.problem = Some(err);
            }
        }
        Opened {
            sidecar,
            set,
            report,
        }
    }

    pub fn path(&self) -> &Path {
        &self.placement.path
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

    /// Write `set`. If another writer changed the file since it was read, their changes are
    /// merged into `set` first. A broken file on disk is never overwritten.
    pub fn save(&mut self, set: &mut AnnotationSet) -> Result<MergeReport, StorageError> {
        if let Access::ReadOnly { reason } = &self.access {
            return Err(StorageError::ReadOnly {
                path: self.path().to_owned(),
                reason: reason.clone(),
            });
        }
        let mut report = MergeReport::default();
        let on_disk = self.read_bytes().map_err(|e| self.refuse(e))?;
        // Unchanged since we read or wrote it (the common case): the bytes are the same, so
        // no UTF-8 check, no parse, no merge.
        let changed = on_disk.filter(|b| self.disk.as_ref().map(String::as_bytes) != Some(b));
        if let Some(bytes) = changed {
            let parsed = utf8(bytes, self.path()).and_then(|t| format::parse(&t, self.path()));
            let theirs = match parsed {
                Ok(file) => file.into_set(),
                Err(err) => return Err(self.refuse(err)),
            };
            // Our last text parsed before; if it somehow no longer does, an empty base keeps
            // everything both sides have (nothing is lost, deletions are not propagated).
            let base = self
                .disk
                .as_deref()
                .and_then(|t| format::parse(t, self.path()).ok())
                .map(SidecarFile::into_set)
                .unwrap_or_default();
            let (merged, merge_report) = merge(&base, set, &theirs);
            *set = merged;
            report = merge_report;
        }
        let text = format::set_to_ron(set, &self.document, self.path())?;
        write_atomic(self.path(), text.as_bytes(), Backup::Keep)?;
        self.disk = Some(text);
        Ok(report)
    }

    /// A broken or unreadable file makes the sidecar read-only: it is never overwritten.
    fn refuse(&mut self, err: StorageError) -> StorageError {
        self.access = Access::ReadOnly {
            reason: err.to_string(),
        };
        err
    }

    /// The text of the file on disk; `None` if there is none.
    fn read_disk(&self) -> Result<Option<String>, StorageError> {
        self.read_bytes()?
            .map(|bytes| utf8(bytes, self.path()))
            .transpose()
    }

    /// The bytes of the file on disk; `None` if there is none.
    fn read_bytes(&self) -> Result<Option<Vec<u8>>, StorageError> {
        let path = self.path();
        match std::fs::read(path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(StorageError::Read {
                path: path.to_owned(),
                source,
            }),
        }
    }
}

fn utf8(bytes: Vec<u8>, path: &Path) -> Result<String, StorageError> {
    String::from_utf8(bytes).map_err(|e| StorageError::Parse {
        path: path.to_owned(),
        line: 0,
        col: 0,
        message: format!("not UTF-8 text: {e}"),
    })
}
