//! The sidecar file format: versioned RON, stable order, migration of older versions.
//!
//! Version history (a fixture of each lives in `tests/fixtures/`):
//! - 1: `format_version`, `document` (fingerprint), `tags`, `annotations`.
//! - 2: one file per device (`NAME.EXT.pangzhu/DEVICE.ron`): `device`, then the same
//!   `document`, `tags` and `annotations` (what the device shows: any one device's file reads
//!   like a version 1 file), then `clocks` and `tag_clocks`, the stamps that let the files of
//!   several devices merge (see `crdt` and `state_file`). A version 1 file reads as a file
//!   whose values were all written when their `modified` time says, by device `legacy`.

use std::path::Path;

use ron::ser::PrettyConfig;
use serde::{Deserialize, Serialize};

use super::error::StorageError;
use super::state_file::{AnnotationClock, AnnotationClockRef, TagClock, TagClockRef};
use super::{ron_read, ron_write};
use crate::annotation::{Annotation, AnnotationSet, Tag, TagLibrary};
use crate::document::Fingerprint;

pub const FORMAT_VERSION: u32 = 2;

/// Which document version the stored positions refer to.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StoredFingerprint {
    /// The document's file name, for a reader of the sidecar.
    #[serde(default)]
    pub source: String,
    pub raw_hash: String,
    pub clean_hash: String,
    pub cleanup_version: u32,
}

impl StoredFingerprint {
    pub fn new(source: &str, fingerprint: &Fingerprint) -> Self {
        Self {
            source: source.to_owned(),
            raw_hash: fingerprint.raw_hash.clone(),
            clean_hash: fingerprint.clean_hash.clone(),
            cleanup_version: fingerprint.cleanup_version,
        }
    }

    /// Whether positions made against this version still hold for `fingerprint` as they are.
    pub fn matches(&self, fingerprint: &Fingerprint) -> bool {
        self.clean_hash == fingerprint.clean_hash
            && self.cleanup_version == fingerprint.cleanup_version
    }
}

/// The whole sidecar file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SidecarFile {
    pub format_version: u32,
    /// The device that wrote the file (empty in version 1).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub device: String,
    pub document: StoredFingerprint,
    #[serde(default)]
    pub tags: Vec<Tag>,
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    #[serde(default)]
    pub clocks: Vec<AnnotationClock>,
    #[serde(default)]
    pub tag_clocks: Vec<TagClock>,
}

impl SidecarFile {
    /// The file for `set`, in stable order: tags by path, annotations by position then id.
    /// Without stamps: read back, it is stamped as a version 1 file is.
    pub fn from_set(set: &AnnotationSet, document: StoredFingerprint) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            device: String::new(),
            document,
            tags: set.tags().sorted().into_iter().cloned().collect(),
            annotations: set.sorted().into_iter().cloned().collect(),
            clocks: Vec::new(),
            tag_clocks: Vec::new(),
        }
    }

    pub fn into_set(self) -> AnnotationSet {
        AnnotationSet::from_parts(self.annotations, TagLibrary::from_tags(self.tags))
    }
}

/// [`SidecarFile`] borrowing its values, so saving copies no annotation. Same fields in the
/// same order: it serializes to the same text.
#[derive(Serialize)]
pub(crate) struct SidecarRef<'a> {
    pub format_version: u32,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub device: &'a str,
    pub document: &'a StoredFingerprint,
    pub tags: Vec<&'a Tag>,
    pub annotations: Vec<&'a Annotation>,
    pub clocks: Vec<AnnotationClockRef<'a>>,
    pub tag_clocks: Vec<TagClockRef<'a>>,
}

#[derive(Deserialize)]
struct VersionProbe {
    format_version: u32,
}

pub fn to_ron(file: &SidecarFile, path: &Path) -> Result<String, StorageError> {
    pretty(file, path)
}

/// The file text for `set`, as `to_ron(&SidecarFile::from_set(set, document))` writes it.
pub fn set_to_ron(
    set: &AnnotationSet,
    document: &StoredFingerprint,
    path: &Path,
) -> Result<String, StorageError> {
    let file = SidecarRef {
        format_version: FORMAT_VERSION,
        device: "",
        document,
        tags: set.tags().sorted(),
        annotations: set.sorted(),
        clocks: Vec::new(),
        tag_clocks: Vec::new(),
    };
    pretty(&file, path)
}

/// Pretty RON with two-space indents and a final line break: the fast writer, or `ron` for
/// anything the fast one does not handle.
pub(crate) fn pretty<T: Serialize>(value: &T, path: &Path) -> Result<String, StorageError> {
    let mut text = match ron_write::to_string_pretty(value) {
        Ok(text) => text,
        Err(_) => {
            let config = PrettyConfig::new().indentor("  ".to_owned());
            ron::ser::to_string_pretty(value, config).map_err(|e| StorageError::Serialize {
                path: path.to_owned(),
                message: e.to_string(),
            })?
        }
    };
    text.push('\n');
    Ok(text)
}

/// Parse with the fast reader, else with `ron` (which also reports where a broken file is
/// broken).
pub(crate) fn from_ron<'a, T: Deserialize<'a>>(
    text: &'a str,
    path: &Path,
) -> Result<T, StorageError> {
    match ron_read::from_str(text) {
        Ok(value) => Ok(value),
        Err(_) => ron::from_str(text).map_err(|e| parse_error(path, &e)),
    }
}

/// Parse a sidecar of any known version, migrating it to the current one.
pub fn parse(text: &str, path: &Path) -> Result<SidecarFile, StorageError> {
    let version = match quick_version(text) {
        Some(v) => v,
        None => {
            let probe: VersionProbe = ron::from_str(text).map_err(|e| parse_error(path, &e))?;
            probe.format_version
        }
    };
    match version {
        1 | 2 => from_ron::<SidecarFile>(text, path).map(|mut file| {
            file.format_version = FORMAT_VERSION;
            file
        }),
        found if found > FORMAT_VERSION => Err(StorageError::NewerVersion {
            path: path.to_owned(),
            found,
            supported: FORMAT_VERSION,
        }),
        found => Err(StorageError::UnknownVersion {
            path: path.to_owned(),
            found,
        }),
    }
}

/// `format_version` as written first by every version, read without parsing the whole file.
fn quick_version(text: &str) -> Option<u32> {
    let head = text.get(..text.len().min(256)).unwrap_or(text);
    let after = head
        .split_once("format_version")?
        .1
        .trim_start()
        .strip_prefix(':')?;
    let digits: String = after
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

pub(crate) fn parse_error(path: &Path, err: &ron::error::SpannedError) -> StorageError {
    StorageError::Parse {
        path: path.to_owned(),
        line: err.span.start.line,
        col: err.span.start.col,
        message: err.code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_text_reports_line_and_column() {
        let text = "(\n  format_version: 1,\n  document: (raw_hash: \"a\", clean_hash: oops),\n)";
        let Err(StorageError::Parse { line, col, .. }) = parse(text, Path::new("x.ron")) else {
            panic!("expected a parse error");
        };
        assert_eq!(line, 3);
        assert!(col > 30);
    }

    #[test]
    fn newer_versions_are_refused() {
        let text =
            "(format_version: 7, document: (raw_hash: \"\", clean_hash: \"\", cleanup_version: 1))";
        assert!(matches!(
            parse(text, Path::new("x.ron")),
            Err(StorageError::NewerVersion { found: 7, .. })
        ));
    }

    #[test]
    fn fast_paths_read_and_write_what_ron_does() {
        let fixture = include_str!("../../tests/fixtures/sidecar-v2.pangzhu.ron");
        let by_ron: SidecarFile = ron::from_str(fixture).expect("ron reads the fixture");
        let fast: SidecarFile = ron_read::from_str(fixture).expect("the fast path reads it");
        assert_eq!(fast, by_ron);
        let config = PrettyConfig::new().indentor("  ".to_owned());
        let by_ron_text = ron::ser::to_string_pretty(&by_ron, config).expect("ron writes it");
        let fast_text = ron_write::to_string_pretty(&by_ron).expect("the fast path writes it");
        assert_eq!(fast_text, by_ron_text);
        let path = Path::new("x.ron");
        let set = by_ron.clone().into_set();
        let owned = to_ron(&SidecarFile::from_set(&set, by_ron.document.clone()), path);
        assert!(!by_ron.clocks.is_empty(), "the fixture has stamps");
        let borrowed = set_to_ron(&set, &by_ron.document, path);
        assert_eq!(borrowed.expect("borrowed"), owned.expect("owned"));
    }
}
