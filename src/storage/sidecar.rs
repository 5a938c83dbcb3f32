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
    /// Hash of the bytes on disk when last read or written (`None`: no file then).
    disk_hash: Option<String>,
    /// The set as last read or written: the base of a three-way merge.
    base: AnnotationSet,
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
            disk_hash: None,
            base: AnnotationSet::new(),
        };
        let mut report = LoadReport::default();
        let mut set = AnnotationSet::new();
        match sidecar.read_disk() {
            Ok(None) => report.new_file = true,
            Ok(Some((hash, file))) => {
                report.document_changed = !file.document.matches(doc.fingerprint());
                sidecar.disk_hash = Some(hash);
                set = file.into_set();
                sidecar.base = set.clone();
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
        let on_disk = self.read_disk().inspect_err(|err| {
            self.access = Access::ReadOnly {
                reason: err.to_string(),
            };
        })?;
        if let Some((hash, file)) = on_disk
            && self.disk_hash.as_ref() != Some(&hash)
        {
            let theirs = file.into_set();
            let (merged, merge_report) = merge(&self.base, set, &theirs);
            *set = merged;
            report = merge_report;
        }
        let text = format::to_ron(
            &SidecarFile::from_set(set, self.document.clone()),
            self.path(),
        )?;
        write_atomic(self.path(), text.as_bytes(), Backup::Keep)?;
        self.disk_hash = Some(blake3::hash(text.as_bytes()).to_hex().to_string());
        self.base = set.clone();
        Ok(report)
    }

    /// The file on disk, parsed, with the hash of its bytes; `None` if there is none.
    fn read_disk(&self) -> Result<Option<(String, SidecarFile)>, StorageError> {
        let path = self.path();
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(StorageError::Read {
                    path: path.to_owned(),
                    source,
                });
            }
        };
        let hash = blake3::hash(&bytes).to_hex().to_string();
        let text = String::from_utf8(bytes).map_err(|e| StorageError::Parse {
            path: path.to_owned(),
            line: 0,
            col: 0,
            message: format!("not UTF-8 text: {e}"),
        })?;
        Ok(Some((hash, format::parse(&text, path)?)))
    }
}
