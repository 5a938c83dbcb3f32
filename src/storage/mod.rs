//! Persistence: versioned RON sidecars, atomic writes, migration, merge. All annotation file
//! I/O happens here.
//!
//! | file | what it is |
//! |---|---|
//! | `location` | where a sidecar lives (`NAME.EXT.pangzhu.ron` beside the document, or the data dir) |
//! | `format` | the versioned file format and migration |
//! | `ron_write`, `ron_read` | fast paths for the RON subset sidecars use; `ron` does the rest |
//! | `atomic` | temp file + fsync + rename, `.bak` of the previous file |
//! | `merge` | three-way merge by id when another writer changed the file |
//! | `sidecar` | `Sidecar`: load, re-anchor, save, read-only state |
//! | `library` | the user-wide tag library |

pub mod atomic;
pub mod error;
pub mod format;
pub mod library;
pub mod location;
pub mod merge;
mod ron_read;
mod ron_write;
pub mod sidecar;

pub use atomic::{Backup, write_atomic};
pub use error::StorageError;
pub use format::{FORMAT_VERSION, SidecarFile, StoredFingerprint};
pub use library::{learn_tags, load_tag_library, save_tag_library};
pub use location::{Locations, Placement, SIDECAR_SUFFIX};
pub use merge::{MergeReport, merge};
pub use sidecar::{Access, LoadReport, Opened, Sidecar};
