//! One file → one index document: read, fingerprint, clean, then the timeline, names, words,
//! grams and raw positions side by side on the two cores.

use std::path::Path;

use tantivy::TantivyDocument;

use super::annotations;
use super::codec;
use super::filter::FilterData;
use super::posmap::PosMap;
use super::schema::{ANALYSIS_VERSION, Fields, tag_terms};
use super::stored::{StoredBody, StoredEntry, StoredMeta};
use super::tokenizer;
use crate::document::{CLEANUP_VERSION, Document};
use crate::extract::timeline::{TimelineOptions, extract_timeline};
use crate::nlp::fold::Folded;
use crate::nlp::{Segmenter, entities};

/// The fingerprint of a document: its bytes, its sidecar and what version analysed it.
pub fn fingerprint(bytes: &[u8], shown: &Path) -> String {
    format!(
        "{ANALYSIS_VERSION}.{CLEANUP_VERSION}:{}:{}",
        blake3::hash(bytes).to_hex(),
        annotations::sidecar_hash(shown)
    )
}

/// A file's fingerprint without analysing it.
pub fn fingerprint_file(shown: &Path) -> std::io::Result<String> {
    let bytes = std::fs::read(shown)?;
    Ok(fingerprint(&bytes, shown))
}

/// An analysed document, ready for the writer.
pub struct Analysed {
    pub document: TantivyDocument,
    /// Bytes of cleaned text (commits are spaced by it).
    pub text_bytes: usize,
}

/// Analyse the file at `shown` (its relative path `relative`).
pub fn analyse(
    fields: &Fields,
    segmenter: &Segmenter,
    relative: &str,
    shown: &Path,
) -> Result<Analysed, String> {
    let bytes = std::fs::read(shown).map_err(|e| format!("{}: {e}", shown.display()))?;
    let fingerprint = fingerprint(&bytes, shown);
    let doc = Document::from_bytes(shown.to_string_lossy().into_owned(), &bytes)
        .map_err(|e| e.to_string())?;
    drop(bytes);
    let ((timeline, names), ((words, (folded, grams)), positions)) = rayon::join(
        || {
            rayon::join(
                || extract_timeline(&doc, &TimelineOptions::default()),
                || entities::document_entities(segmenter, &doc),
            )
        },
        || {
            rayon::join(
                || {
                    let folded = Folded::new(doc.text());
                    let grams = tokenizer::grams(folded.text());
                    (
                        tokenizer::pre_tokenized_words(segmenter, doc.text()),
                        (folded, grams),
                    )
                },
                || PosMap::build(&doc),
            )
        },
    );
    let marked = annotations::read(shown, &doc);
    let mut tags: Vec<String> = marked.iter().flat_map(|m| m.tags.clone()).collect();
    tags.sort();
    tags.dedup();
    let meta = StoredMeta {
        title: doc.title().map(str::to_owned),
        date: timeline.reference_date.as_ref().map(|r| r.value.clone()),
        size: std::fs::metadata(shown).map_or(0, |m| m.len()),
        annotations: marked.len(),
        tags: tags.clone(),
        names: names
            .iter()
            .map(|e| (e.name.clone(), e.kind.as_str().to_owned(), e.count))
            .collect(),
        timeline: timeline.entries.iter().map(StoredEntry::from).collect(),
    };
    let body = StoredBody {
        filter: FilterData::build(&doc, &timeline.entries, marked),
        positions,
        text: doc.text().to_owned(),
    };
    let mut document = TantivyDocument::default();
    document.add_text(fields.path, relative);
    document.add_text(fields.fingerprint, &fingerprint);
    for term in tags.iter().flat_map(|t| tag_terms(t)) {
        document.add_text(fields.tags, term);
    }
    document.add_pre_tokenized_text(fields.grams, grams);
    document.add_pre_tokenized_text(fields.words, words);
    document.add_bytes(fields.meta, &to_json(&meta)?);
    let body = codec::encode(&body, &folded).map_err(|e| e.to_string())?;
    document.add_bytes(fields.body, &body);
    Ok(Analysed {
        document,
        text_bytes: doc.text().len(),
    })
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, String> {
    serde_json::to_vec(value).map_err(|e| format!("storing the analysis: {e}"))
}
