//! A library: a folder of documents (recursive, every supported format) with a tantivy index
//! under `DIR/.pangzhu/index`. UI-free: the CLI and the GUI drive the same [`Library`].
//!
//! | file | what it is |
//! |---|---|
//! | `scan` | the documents of a folder, sorted by relative path |
//! | `analyse` | one file → fingerprint, cleaned text, timeline, names, words, grams |
//! | `annotations` | the library's only sidecar reading |
//! | `posmap` | raw line/column of any cleaned offset, without the document |
//! | `filter` | `--tag`, `--from`/`--to`, shared with the per-file search |
//! | `stored` | what the index keeps per document |
//! | `codec` | the stored body's binary form (folded text first) |
//! | `tokenizer` | the jieba tokenizer (folded words) and the char-gram narrowing field |
//! | `schema` | the fields |
//! | `update` | incremental indexing in bounded windows, commits in batches |
//! | `query` | search: narrow with tantivy, match with the per-file matcher |
//! | `catalog` | listings, the names index and the merged timeline |

mod analyse;
pub mod annotations;
mod catalog;
mod codec;
pub mod filter;
pub mod posmap;
mod query;
pub mod scan;
mod schema;
pub mod stored;
pub mod tokenizer;
mod update;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, ReloadPolicy};
use thiserror::Error;

pub use catalog::{DocumentInfo, NameEntry};
pub use filter::{FilterData, HitFilter};
pub use update::{Progress, UpdateOptions, UpdateReport};

use crate::nlp::Segmenter;
use schema::Fields;

/// Where the index lives inside the library folder.
pub const INDEX_DIR: &str = ".pangzhu/index";

#[derive(Debug, Error)]
pub enum LibraryError {
    #[error("{}: not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the library index at {}: {source}", path.display())]
    Index {
        path: PathBuf,
        source: Box<tantivy::TantivyError>,
    },
    #[error("{0}")]
    Query(#[from] crate::nlp::search::SearchError),
    #[error("a stored document in the index cannot be read: {0}")]
    Stored(String),
}

/// An opened library.
pub struct Library {
    root: PathBuf,
    index_path: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// Said when the index had to be rebuilt on open (it was unreadable or from another
    /// version).
    notice: Option<String>,
    segmenter: OnceLock<Arc<Segmenter>>,
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library")
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

impl Library {
    /// Open the library at `root`, creating its index if there is none. An unreadable index,
    /// or one with other fields, is deleted and created empty (see [`Self::notice`]); the next
    /// [`Self::update`] fills it.
    pub fn open(root: &Path) -> Result<Self, LibraryError> {
        if !root.is_dir() {
            return Err(LibraryError::NotAFolder(root.to_owned()));
        }
        let index_path = root.join(INDEX_DIR);
        let (schema, fields) = schema::build();
        let ((index, reader), notice) = match open_index(&index_path, &schema) {
            Ok(opened) => (opened, None),
            Err(err) => {
                let notice = format!(
                    "the index at {} was unreadable ({err}); rebuilding it",
                    index_path.display()
                );
                if index_path.exists() {
                    std::fs::remove_dir_all(&index_path).map_err(|source| LibraryError::Io {
                        path: index_path.clone(),
                        source,
                    })?;
                }
                (open_index(&index_path, &schema)?, Some(notice))
            }
        };
        Ok(Self {
            root: root.to_owned(),
            index_path,
            index,
            reader,
            fields,
            notice,
            segmenter: OnceLock::new(),
        })
    }

    /// Delete the index of the library at `root` (if any) and open it empty: the way out of an
    /// index whose stored documents are damaged (found only when they are read).
    pub fn open_rebuilt(root: &Path) -> Result<Self, LibraryError> {
        if !root.is_dir() {
            return Err(LibraryError::NotAFolder(root.to_owned()));
        }
        let index_path = root.join(INDEX_DIR);
        if index_path.exists() {
            std::fs::remove_dir_all(&index_path).map_err(|source| LibraryError::Io {
                path: index_path.clone(),
                source,
            })?;
        }
        Self::open(root)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Why the index was rebuilt on open, if it was.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// The segmenter of the library: the shared one plus the `pangzhu.dict` files of its
    /// folders (as `Segmenter::for_documents` over every document).
    pub fn segmenter(&self) -> Arc<Segmenter> {
        Arc::clone(
            self.segmenter
                .get_or_init(|| Segmenter::for_documents(&self.shown_paths().unwrap_or_default())),
        )
    }

    fn word_segmenter(&self) -> Arc<Segmenter> {
        self.segmenter()
    }

    fn reload(&self) -> Result<(), LibraryError> {
        self.reader
            .reload()
            .map_err(|e| index_error(&self.index_path, e))
    }
}

/// Open (or create) the index and a reader on it. Opening the reader opens every segment, so
/// a broken segment file is found here, where the index can still be rebuilt.
fn open_index(
    path: &Path,
    schema: &tantivy::schema::Schema,
) -> Result<(Index, IndexReader), LibraryError> {
    std::fs::create_dir_all(path).map_err(|source| LibraryError::Io {
        path: path.to_owned(),
        source,
    })?;
    let dir = MmapDirectory::open(path).map_err(|e| index_error(path, e.into()))?;
    let index = Index::open_or_create(dir, schema.clone()).map_err(|e| index_error(path, e))?;
    // The tokenizer must be known before a writer or a query parser meets the `words` field.
    index
        .tokenizers()
        .register(tokenizer::JIEBA, tokenizer::JiebaTokenizer::default());
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|e| index_error(path, e))?;
    Ok((index, reader))
}

fn index_error(path: &Path, source: tantivy::TantivyError) -> LibraryError {
    LibraryError::Index {
        path: path.to_owned(),
        source: Box::new(source),
    }
}
