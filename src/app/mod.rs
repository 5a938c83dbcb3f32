//! Application state and commands, shared by the GUI and its tests; no egui here.
//!
//! | module | what it is |
//! |---|---|
//! | [`annotations`] | one document's annotations: sidecar, highlights, debounced saving |
//! | [`state`] | [`AppState`]: open documents, layout, notifications; `handle()` applies commands |
//! | [`command`] | [`Command`] with labels, tooltips and shortcuts (menus are generated from it) |
//! | [`settings`] | UI preferences and the last session (`#[serde(default)]`) |
//! | [`jobs`] | background work on named threads, with progress |
//! | [`loaded`] | a document plus what is derived from it at load |
//! | [`history`] | navigation history for Back |
//! | [`align`] | paragraph alignment for synced scrolling |
//! | [`i18n`] | interface language |
//! | [`samples`] | the bundled sample documents |
//! | [`search`] | search across open documents |
//! | [`system_fonts`] | system font fallback lookup |

pub mod align;
pub mod annotations;
pub mod command;
pub mod history;
pub mod i18n;
pub mod jobs;
pub mod loaded;
pub mod pages;
pub mod progress;
pub mod samples;
pub mod search;
pub mod settings;
pub mod shortcut;
pub mod state;
pub mod system_fonts;

pub use command::{Command, Location};
pub use state::AppState;

/// Identity of an open document for the lifetime of the app (not persisted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocumentId(pub u64);

/// Side-by-side columns at most.
pub const MAX_COLUMNS: usize = 4;
