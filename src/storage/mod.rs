//! Persistence: versioned RON sidecars, one file per device, merged as a CRDT; atomic writes,
//! migration. All annotation file I/O happens here.
//!
//! A document's annotations live in the folder `NAME.EXT.pangzhu/` beside it. Each device
//! writes only its own file there (`DEVICE.ron`, atomically); loading merges every file of the
//! folder, the format 1 file `NAME.EXT.pangzhu.ron` if one is left, and the conflict copies
//! sync tools leave. The merge is a join of last-writer-wins registers per field with
//! tombstones for deletions (`crdt`), so a folder shared through git, Syncthing or Nextcloud
//! gives every device the same annotations whatever order the files arrive in, and two people
//! editing at once never lose each other's work.
//!
//! | file | what it is |
//! |---|---|
//! | `location` | where a sidecar lives (the folder beside the document, or the data dir) |
//! | `device` | the device name: which file of the folder this device writes |
//! | `sources` | the files a sidecar is read from, what each is, what changed since |
//! | `crdt/` | `SyncState`: stamps, registers, tombstones, join; local edits; the visible set |
//! | `format` | the versioned file format and migration |
//! | `state_file` | the stamps in a file (`clocks`, `tag_clocks`) and the state a file holds |
//! | `ron_write`, `ron_read` | fast paths for the RON subset sidecars use; `ron` does the rest |
//! | `atomic` | temp file + fsync + rename, `.bak` of the previous file |
//! | `sidecar` | `Sidecar`: load, re-anchor, save, pull, read-only state |
//! | `tidy` | after a save: conflict copies removed, the format 1 file moved into the folder |
//! | `library` | the user-wide tag library |

pub mod atomic;
pub mod crdt;
pub mod device;
pub mod error;
pub mod format;
pub mod library;
pub mod location;
pub(crate) mod ron_read;
mod ron_write;
pub mod sidecar;
pub mod sources;
pub mod state_file;
mod tidy;

pub use atomic::{Backup, write_atomic};
pub use device::{DEVICE_ENV, device_name};
pub use error::StorageError;
pub use format::{FORMAT_VERSION, SidecarFile, StoredFingerprint};
pub use library::{learn_tags, load_tag_library, save_tag_library};
pub use location::{Locations, Placement, SIDECAR_SUFFIX};
pub use sidecar::{Access, LoadReport, MergeReport, Opened, Sidecar};
