//! Annotations: model, tags, anchors and their resolution against a document.
//!
//! | file | what it is |
//! |---|---|
//! | `ids` | `AnnotationId`, `TagId`, `Timestamp` |
//! | `tag` | `Tag`, `Colour`, `TagLibrary` (paths such as `主题/教育`) |
//! | `anchor` | `Anchor`: position, `TextQuote` (exact + 32-char context), raw line/column |
//! | `resolve` | `resolve()` → `Exact` / `Moved { score }` / `Orphaned`; `Resolver` for batches |
//! | `fuzzy` | bounded approximate search used by `resolve` |
//! | `model` | `Annotation` |
//! | `edit` | `Edit`: invertible changes (undo/redo) |
//! | `set` | `AnnotationSet`: one document's annotations and tags |
//!
//! No I/O here: `storage` reads and writes sets, `export` renders them.

pub mod anchor;
pub mod edit;
mod fuzzy;
pub mod ids;
pub mod model;
pub mod resolve;
pub mod set;
pub mod tag;

pub use anchor::{Anchor, RawLocation, TextQuote};
pub use edit::{Edit, EditError};
pub use ids::{AnnotationId, TagId, Timestamp};
pub use model::Annotation;
pub use resolve::{Resolution, Resolver, Status, resolve};
pub use set::{AnnotationSet, ReanchorReport};
pub use tag::{Colour, Tag, TagLibrary};
