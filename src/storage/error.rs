//! Storage errors, each naming the file it is about.

use std::path::PathBuf;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StorageError {
    /// A hand-broken or truncated file: never overwritten while it is broken.
    #[error(
        "{path}: line {line}, column {col}: {message} (fix or move the file; it was not changed)"
    )]
    Parse {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    #[error(
        "{path}: format version {found} is newer than this Pangzhu reads ({supported}); update Pangzhu (the file was not changed)"
    )]
    NewerVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{path}: unknown format version {found}")]
    UnknownVersion { path: PathBuf, found: u32 },
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot serialize the annotations for {path}: {message}")]
    Serialize { path: PathBuf, message: String },
    #[error("the annotations in {path} are read-only: {reason}")]
    ReadOnly { path: PathBuf, reason: String },
    #[error(
        "no writable place for the annotations of {document}: its folder is not writable and there is no user data directory"
    )]
    NoLocation { document: PathBuf },
}
