//! The user-wide tag library: tags offered in every document, in `tags.pangzhu.ron` in the
//! user data directory.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::atomic::{Backup, write_atomic};
use super::error::StorageError;
use super::format::parse_error;
use crate::annotation::{Tag, TagLibrary};

const LIBRARY_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct LibraryFile {
    format_version: u32,
    #[serde(default)]
    tags: Vec<Tag>,
}

/// Read the library; a missing file is an empty library.
pub fn load_tag_library(path: &Path) -> Result<TagLibrary, StorageError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(TagLibrary::new()),
        Err(source) => {
            return Err(StorageError::Read {
                path: path.to_owned(),
                source,
            });
        }
    };
    let file: LibraryFile = ron::from_str(&text).map_err(|e| parse_error(path, &e))?;
    if file.format_version > LIBRARY_VERSION {
        return Err(StorageError::NewerVersion {
            path: path.to_owned(),
            found: file.format_version,
            supported: LIBRARY_VERSION,
        });
    }
    Ok(TagLibrary::from_tags(file.tags))
}

pub fn save_tag_library(path: &Path, library: &TagLibrary) -> Result<(), StorageError> {
    let file = LibraryFile {
        format_version: LIBRARY_VERSION,
        tags: library.sorted().into_iter().cloned().collect(),
    };
    let config = ron::ser::PrettyConfig::new().indentor("  ".to_owned());
    let text = ron::ser::to_string_pretty(&file, config).map_err(|e| StorageError::Serialize {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    write_atomic(path, text.as_bytes(), Backup::Keep)
}

/// Add `tags` the library does not know yet (by id or by path); returns how many were added.
pub fn learn_tags(library: &mut TagLibrary, from: &TagLibrary) -> usize {
    let mut added = 0;
    for tag in from.sorted() {
        let path = from.path(&tag.id);
        if library.get(&tag.id).is_none() && library.find_path(&path).is_none() {
            library.insert(tag.clone());
            added += 1;
        }
    }
    added
}
