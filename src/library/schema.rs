//! The index's fields. A change here changes [`SCHEMA_VERSION`]'s meaning: an index built
//! with other fields is rebuilt on open.

use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use super::tokenizer::JIEBA;

/// Part of every stored fingerprint: bump it when what is stored per document changes, and
/// every document is analysed again on the next update.
pub const ANALYSIS_VERSION: u32 = 3;

#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Relative path with `/` (the document's key).
    pub path: Field,
    pub fingerprint: Field,
    /// Every tag path of its annotations, each path's parents, and each tag's own name.
    pub tags: Field,
    /// Folded chars and char pairs (see `tokenizer::grams`).
    pub grams: Field,
    /// Folded jieba words (ranked queries).
    pub words: Field,
    /// `StoredMeta` as JSON.
    pub meta: Field,
    /// `StoredBody` and its folded text, in `codec`'s binary form.
    pub body: Field,
}

pub fn build() -> (Schema, Fields) {
    let mut schema = Schema::builder();
    let grams = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic),
    );
    let words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(JIEBA)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields = Fields {
        path: schema.add_text_field("path", STRING | STORED | FAST),
        fingerprint: schema.add_text_field("fingerprint", STRING | STORED | FAST),
        tags: schema.add_text_field("tags", STRING),
        grams: schema.add_text_field("grams", grams),
        words: schema.add_text_field("words", words),
        meta: schema.add_bytes_field("meta", STORED),
        body: schema.add_bytes_field("body", STORED),
    };
    (schema.build(), fields)
}

/// The terms a tag path is found under: itself, its parents and its own name.
pub fn tag_terms(path: &str) -> Vec<String> {
    let parts: Vec<&str> = path.split('/').collect();
    let mut terms: Vec<String> = (1..=parts.len()).map(|n| parts[..n].join("/")).collect();
    if let Some(name) = parts.last() {
        terms.push((*name).to_owned());
    }
    terms.sort();
    terms.dedup();
    terms
}
