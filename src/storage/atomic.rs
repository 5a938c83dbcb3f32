//! Crash-safe writes: a temp file in the same folder, fsync, rename. The previous file is kept
//! as `NAME.bak` (hard-linked, or copied, then renamed into place, so it is never half-written).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::error::StorageError;
use super::location::folder_of;

/// Whether to keep the file being replaced as `NAME.bak`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backup {
    Keep,
    Skip,
}

pub fn write_atomic(path: &Path, bytes: &[u8], backup: Backup) -> Result<(), StorageError> {
    let write_err = |source| StorageError::Write {
        path: path.to_owned(),
        source,
    };
    let dir = folder_of(path);
    fs::create_dir_all(&dir).map_err(write_err)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".pangzhu-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(write_err)?;
    tmp.write_all(bytes).map_err(write_err)?;
    tmp.as_file().sync_all().map_err(write_err)?;
    if backup == Backup::Keep && path.exists() {
        keep_backup(path).map_err(write_err)?;
    }
    tmp.persist(path).map_err(|e| write_err(e.error))?;
    // Make the rename itself durable; not every platform can open a folder, so best effort.
    if let Ok(folder) = fs::File::open(&dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

fn keep_backup(path: &Path) -> std::io::Result<()> {
    let bak = backup_path(path);
    let mut staging = bak.as_os_str().to_owned();
    staging.push(format!(".{}.tmp", std::process::id()));
    let staging = PathBuf::from(staging);
    let _ = fs::remove_file(&staging);
    if fs::hard_link(path, &staging).is_err() {
        fs::copy(path, &staging)?;
        fs::File::open(&staging)?.sync_all()?;
    }
    fs::rename(&staging, &bak)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_keeps_the_previous_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.ron");
        write_atomic(&path, b"one", Backup::Keep).expect("first write");
        assert!(!backup_path(&path).exists());
        write_atomic(&path, b"two", Backup::Keep).expect("second write");
        assert_eq!(fs::read(&path).expect("read"), b"two");
        assert_eq!(fs::read(backup_path(&path)).expect("read bak"), b"one");
        let leftovers = fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(leftovers, 2, "no temp files left behind");
    }

    #[test]
    fn parent_that_is_a_file_is_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("plain");
        fs::write(&file, "x").expect("write");
        let err = write_atomic(&file.join("a.ron"), b"x", Backup::Keep);
        assert!(matches!(err, Err(StorageError::Write { .. })));
    }
}
