//! Crash-safe writes: a temp file in the same folder, fsync, rename. The previous file is kept
//! as `NAME.bak` (hard-linked, or copied, then renamed into place, so it is never half-written).
//! A write killed half-way leaves its temp file behind; the next successful write of the same
//! file removes such leftovers once they are old enough not to be another writer's in flight.

use std::ffi::OsStr;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::error::StorageError;
use super::location::folder_of;

/// Whether to keep the file being replaced as `NAME.bak`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backup {
    Keep,
    Skip,
}

/// A temp file untouched this long is a leftover: a save writes and renames its temp file
/// within a second or so, and every write refreshes its modification time.
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(60);

/// Temp files are `.pangzhu-HASH-XXXXXX.tmp`, HASH naming the target file, so leftovers can
/// be told apart from the temp files of other files in the same folder.
const TEMP_PREFIX: &str = ".pangzhu-";
const TEMP_SUFFIX: &str = ".tmp";
/// Random chars `tempfile` adds to a name.
const TEMP_RANDOM_LEN: usize = 6;

pub fn write_atomic(path: &Path, bytes: &[u8], backup: Backup) -> Result<(), StorageError> {
    let write_err = |source| StorageError::Write {
        path: path.to_owned(),
        source,
    };
    let dir = folder_of(path);
    fs::create_dir_all(&dir).map_err(write_err)?;
    let prefix = temp_prefix(path);
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(&prefix)
        .suffix(TEMP_SUFFIX)
        .rand_bytes(TEMP_RANDOM_LEN);
    // A temp file is private (0600); the file it becomes keeps the mode of the one it
    // replaces, or gets what any new file would (0666 less the umask), so a colleague syncing
    // the folder or a script reading an export can read it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(write_err)?;
    if let Ok(meta) = fs::metadata(path) {
        let _ = tmp.as_file().set_permissions(meta.permissions());
    }
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
    remove_stale_temps(path, SystemTime::now());
    Ok(())
}

pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// How the names of temp files for `path` start: `.pangzhu-` and 16 hex digits of the
/// target's file name hash (a fixed length, so long file names still make valid temp names).
pub fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default();
    let hash = blake3::hash(name.as_encoded_bytes()).to_hex();
    format!("{TEMP_PREFIX}{}-", hash.get(..16).unwrap_or_default())
}

/// Whether `name` is a temp file of a write to `path`: its own temp files, its `.bak`
/// staging files, and the temp files of versions before the hash was in the name (those
/// name no target, but any of them old enough is a leftover all the same).
fn is_our_temp(path: &Path, name: &OsStr) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    let random = |rest: &str| {
        rest.strip_suffix(TEMP_SUFFIX).is_some_and(|r| {
            r.len() == TEMP_RANDOM_LEN && r.bytes().all(|b| b.is_ascii_alphanumeric())
        })
    };
    if let Some(rest) = name.strip_prefix(&temp_prefix(path)) {
        return random(rest);
    }
    if let Some(rest) = name.strip_prefix(TEMP_PREFIX)
        && random(rest)
    {
        return true;
    }
    let bak = backup_path(path);
    let Some(bak_name) = bak.file_name().and_then(OsStr::to_str) else {
        return false;
    };
    name.strip_prefix(bak_name)
        .and_then(|r| r.strip_prefix('.'))
        .and_then(|r| r.strip_suffix(TEMP_SUFFIX))
        .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// Remove leftover temp files of writes to `path` not modified for [`STALE_TEMP_AGE`]
/// (younger ones may belong to a write in flight in another process). Best effort.
fn remove_stale_temps(path: &Path, now: SystemTime) {
    let Ok(entries) = fs::read_dir(folder_of(path)) else {
        return;
    };
    for entry in entries.flatten() {
        if !is_our_temp(path, &entry.file_name()) {
            continue;
        }
        let stale = entry
            .metadata()
            .ok()
            .filter(fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age >= STALE_TEMP_AGE);
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn keep_backup(path: &Path) -> std::io::Result<()> {
    let bak = backup_path(path);
    let mut staging = bak.as_os_str().to_owned();
    staging.push(format!(".{}{TEMP_SUFFIX}", std::process::id()));
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
    #[cfg(unix)]
    #[test]
    fn written_files_are_readable_like_new_files_and_keep_the_mode_they_had() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("test data");
        let path = dir.path().join("export.md");
        super::write_atomic(&path, b"a", super::Backup::Skip).expect("test data");
        let mode = std::fs::metadata(&path)
            .expect("test data")
            .permissions()
            .mode()
            & 0o777;
        // What any new file gets here (0666 less the umask), not the temp file's 0600.
        let plain = dir.path().join("plain");
        std::fs::write(&plain, b"").expect("test data");
        let expected = std::fs::metadata(&plain)
            .expect("test data")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, expected);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("test data");
        super::write_atomic(&path, b"b", super::Backup::Skip).expect("test data");
        let mode = std::fs::metadata(&path)
            .expect("test data")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o640);
    }

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

    #[test]
    fn temp_names_are_told_apart() {
        let path = Path::new("/d/报告.txt.pangzhu.ron");
        let ours = format!("{}Ab3xZ9.tmp", temp_prefix(path));
        assert!(is_our_temp(path, OsStr::new(&ours)));
        assert!(is_our_temp(path, OsStr::new(".pangzhu-Ab3xZ9.tmp")));
        assert!(is_our_temp(
            path,
            OsStr::new("报告.txt.pangzhu.ron.bak.1234.tmp")
        ));
        let other = format!(
            "{}Ab3xZ9.tmp",
            temp_prefix(Path::new("/d/other.pangzhu.ron"))
        );
        for name in [
            other.as_str(),
            ".pangzhu-probeAb3xZ9",
            ".pangzhu-Ab3xZ9.tmp.keep",
            "报告.txt.pangzhu.ron",
            "报告.txt.pangzhu.ron.bak",
            "other.pangzhu.ron.bak.1234.tmp",
        ] {
            assert!(!is_our_temp(path, OsStr::new(name)), "{name}");
        }
    }
}
