//! 旁注 Pangzhu: reading and annotating Chinese documents extracted from PDFs.
//!
//! | module | what it is |
//! |---|---|
//! | [`span`] | `TextSpan`, the one offset unit (bytes of cleaned text) |
//! | [`document`] | import (encoding detection), cleanup rules, source map, `Document` |
//!
//! Dependency rule: `span ← document ← nlp/extract ← annotation ← export`, `storage` beside
//! them, `app` over all of them, `ui` over `app`. Only `ui` names egui.

pub mod cli;
pub mod document;
pub mod span;
