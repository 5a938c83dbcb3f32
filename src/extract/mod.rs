//! Extractors: pure functions from a cleaned [`crate::document::Document`] to results.

pub mod footnotes;
pub mod timeline;
