//! 旁注 Pangzhu: reading and annotating Chinese documents extracted from PDFs.
//!
//! | module | what it is |
//! |---|---|
//! | [`span`] | `TextSpan`, the one offset unit (bytes of cleaned text) |
//! | [`document`] | import (encoding detection), cleanup rules, source map, `Document` |
//! | [`extract`] | footnotes and timeline extractors |
//! | [`nlp`] | jieba segmentation, word/sentence bounds, search, keywords, names |
//! | [`library`] | a folder of documents with a tantivy index: incremental update, search |
//! | [`annotation`] | annotations, tags, anchors and re-anchoring |
//! | [`storage`] | RON sidecars: atomic writes, migration, merge |
//! | [`export`] | Markdown, CSV, W3C JSON, HTML renderers |
//! | [`chart`] | the timeline as a picture: date axis, lanes, clusters; SVG and PNG |
//! | [`fonts`] | the bundled fonts (the app and the PNG picture) |
//! | [`app`] | application state and commands (no egui) |
//! | [`ui`] | the egui reading app (feature `gui`) |
//! | [`cli`] | the command-line subcommands |
//!
//! Dependency rule: `span ← document ← nlp/extract ← annotation ← export`, `storage` beside
//! them, `app` over all of them, `ui` over `app`. Only `ui` names egui.

pub mod annotation;
pub mod app;
pub mod chart;
pub mod cli;
pub mod document;
pub mod export;
pub mod extract;
pub mod fonts;
pub mod library;
pub mod nlp;
pub mod span;
pub mod storage;
#[cfg(feature = "gui")]
pub mod ui;
