//! Where a document's sidecar lives: the folder `NAME.EXT.pangzhu/` beside the document (the
//! full file name is kept, so `report.txt` and `report.md` never share one), one file per
//! device in it (`DEVICE.ron`), or, when the document's folder is not writable, the same in the
//! user data directory under `sidecars/`. `NAME.EXT.pangzhu.ron` beside it is the single file
//! of format 1 ("legacy"): still read, and moved into the folder on the first save.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::device::{device_name, sanitize};
use super::error::StorageError;

pub const SIDECAR_SUFFIX: &str = ".pangzhu.ron";
/// The extension of the sidecar folder's files.
pub const DEVICE_FILE_EXT: &str = "ron";
/// Environment variable that overrides the user data directory (tests, portable installs).
pub const DATA_DIR_ENV: &str = "PANGZHU_DATA_DIR";

/// The user data directory, where fallback sidecars and the user-wide tag library live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locations {
    data_dir: Option<PathBuf>,
    /// This device's name: the file it writes in each sidecar folder.
    device: String,
}

/// Where a sidecar was placed, and whether that is the fallback. `path` is the format 1
/// file (`NAME.EXT.pangzhu.ron`); the folder is the same name without `.ron`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub path: PathBuf,
    pub fallback: bool,
}

impl Placement {
    /// The sidecar folder (`NAME.EXT.pangzhu/`).
    pub fn folder(&self) -> PathBuf {
        let name = self.path.file_name().unwrap_or_default().to_string_lossy();
        let stem = name.strip_suffix(".ron").unwrap_or(&name);
        self.path.with_file_name(stem)
    }

    /// The file `device` writes.
    pub fn device_file(&self, device: &str) -> PathBuf {
        self.folder().join(format!("{device}.{DEVICE_FILE_EXT}"))
    }

    fn exists(&self) -> bool {
        self.path.exists() || self.folder().is_dir()
    }
}

impl Locations {
    /// `PANGZHU_DATA_DIR`, else the platform data directory (`~/.local/share/pangzhu`); the
    /// device from `PANGZHU_DEVICE`, else the host name.
    pub fn from_env() -> Self {
        let data_dir = std::env::var_os(DATA_DIR_ENV)
            .filter(|d| !d.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                directories::ProjectDirs::from("", "", "pangzhu").map(|p| p.data_dir().to_owned())
            });
        Self {
            data_dir,
            device: device_name(None),
        }
    }

    /// The device from `PANGZHU_DEVICE`, else the host name.
    pub fn with_data_dir(dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: Some(dir.into()),
            device: device_name(None),
        }
    }

    /// The same places for device `name` (sanitised to a file name).
    #[must_use]
    pub fn with_device(mut self, name: &str) -> Self {
        self.device = sanitize(name);
        self
    }

    pub fn device(&self) -> &str {
        &self.device
    }

    pub fn data_dir(&self) -> Option<&Path> {
        self.data_dir.as_deref()
    }

    /// The user-wide tag library file.
    pub fn tag_library(&self) -> Option<PathBuf> {
        self.data_dir.as_ref().map(|d| d.join("tags.pangzhu.ron"))
    }

    /// The fallback sidecar of a document: named after its absolute path, so two documents
    /// with the same name in different folders stay apart.
    pub fn fallback(&self, document: &Path) -> Option<PathBuf> {
        let absolute = absolute(document);
        let hash = blake3::hash(absolute.to_string_lossy().as_bytes()).to_hex();
        let mut name = OsString::from(format!("{}-", hash.get(..16).unwrap_or_default()));
        name.push(sidecar_name(document));
        Some(self.data_dir.as_ref()?.join("sidecars").join(name))
    }

    /// An existing sidecar (beside the document first), else a new one where it can be written.
    pub fn place(&self, document: &Path) -> Result<Placement, StorageError> {
        let primary = Placement {
            path: primary(document),
            fallback: false,
        };
        if primary.exists() {
            return Ok(primary);
        }
        let fallback = self.fallback(document).map(|path| Placement {
            path,
            fallback: true,
        });
        if let Some(f) = fallback.filter(Placement::exists) {
            return Ok(f);
        }
        self.place_new(document, dir_writable(&folder_of(&primary.path)))
    }

    /// Where a new sidecar goes, given whether the document's folder can be written.
    pub fn place_new(
        &self,
        document: &Path,
        folder_writable: bool,
    ) -> Result<Placement, StorageError> {
        if folder_writable {
            return Ok(Placement {
                path: primary(document),
                fallback: false,
            });
        }
        self.fallback(document)
            .map(|path| Placement {
                path,
                fallback: true,
            })
            .ok_or_else(|| StorageError::NoLocation {
                document: document.to_owned(),
            })
    }
}

/// `report.txt` → `report.txt.pangzhu.ron`.
pub fn sidecar_name(document: &Path) -> OsString {
    let mut name = document.file_name().map(OsString::from).unwrap_or_default();
    name.push(SIDECAR_SUFFIX);
    name
}

/// The sidecar beside the document.
pub fn primary(document: &Path) -> PathBuf {
    document.with_file_name(sidecar_name(document))
}

pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Whether a file can be created in `dir` (tried, not guessed from permission bits: root, ACLs
/// and read-only mounts all defeat guessing).
pub fn dir_writable(dir: &Path) -> bool {
    tempfile::Builder::new()
        .prefix(".pangzhu-probe")
        .tempfile_in(dir)
        .is_ok()
}

fn absolute(path: &Path) -> PathBuf {
    path.canonicalize()
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecar_keeps_the_full_file_name() {
        assert_eq!(
            primary(Path::new("/a/报告.txt")),
            PathBuf::from("/a/报告.txt.pangzhu.ron")
        );
        let placed = Placement {
            path: primary(Path::new("/a/报告.txt")),
            fallback: false,
        };
        assert_eq!(placed.folder(), PathBuf::from("/a/报告.txt.pangzhu"));
        assert_eq!(
            placed.device_file("alice"),
            PathBuf::from("/a/报告.txt.pangzhu/alice.ron")
        );
    }

    #[test]
    fn unwritable_folder_falls_back_to_the_data_dir() {
        let loc = Locations::with_data_dir("/data");
        let placed = loc
            .place_new(Path::new("/ro/报告.txt"), false)
            .expect("placement");
        assert!(placed.fallback);
        assert!(placed.path.starts_with("/data/sidecars"));
        assert!(
            placed
                .path
                .to_string_lossy()
                .ends_with("-报告.txt.pangzhu.ron")
        );
        assert_eq!(
            placed
                .folder()
                .file_name()
                .and_then(|n| n.to_str())
                .map(|n| n.ends_with("-报告.txt.pangzhu")),
            Some(true)
        );
        let none = Locations {
            data_dir: None,
            device: "d".into(),
        };
        assert!(none.place_new(Path::new("/ro/a.txt"), false).is_err());
    }
}
