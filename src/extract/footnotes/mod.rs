//! Footnotes: markers in the body text linked to their note definitions (issue 3).
//!
//! `forms` knows how note numbers are written, `notes` builds note definitions from the
//! cleanup's Note blocks, `urls` rebuilds URLs broken across lines, `link` pairs markers with
//! notes and recognises 同上, repeated and short-form notes. [`extract_footnotes`] is pure.

mod forms;
mod link;
mod notes;
mod references;
mod urls;
mod zone;

use serde::Serialize;

pub use forms::Form;

use crate::document::{BlockKind, Document};
use crate::span::TextSpan;

/// How a marker found its note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// The next definition with its number, in the first note block after the marker.
    Next,
    /// The next definition with its number lies beyond the first note block after the marker
    /// (a note missing from its page, or numbering that does not restart).
    LaterBlock,
    /// No definition follows; an earlier definition with the number that no marker claims.
    Earlier,
    /// No note at all.
    Unlinked,
}

/// A footnote marker in the body text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Marker {
    pub n: u32,
    /// As written in the raw file, without a space before it: `[1]`, `^[1]`, `①`, `¹`, `注1`.
    pub marker: String,
    pub form: Form,
    /// Where the marker is in the cleaned text (for a superscript link in the reader).
    pub span: TextSpan,
    /// Raw line and column (1-based, code points) of its first character (`[` or `^`).
    pub line: u32,
    pub col: u32,
    /// The raw character before the marker is a space (the ` [1]` form).
    pub space_before: bool,
    /// Index into [`Footnotes::notes`].
    pub note: Option<usize>,
    pub link: LinkKind,
    /// Id of the block holding the marker.
    pub block: usize,
}

/// A note definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub n: u32,
    /// The number as written: `[1]`, `①`, `注1：`.
    pub label: String,
    pub form: Form,
    /// Id of the Note block (or, for `（1）` notes, the block holding it).
    pub block: usize,
    pub span: TextSpan,
    pub label_span: TextSpan,
    /// Raw line where the definition starts, its last line, and every non-blank line of it.
    pub line: u32,
    pub end_line: u32,
    pub lines: Vec<u32>,
    /// The raw lines joined with nothing inserted, label removed, ends trimmed (the gold
    /// convention: raw spacing and `<>` kept).
    pub text: String,
    /// The cleaned text of the note, label removed.
    pub clean_text: String,
    pub urls: Vec<String>,
    /// Index of the note block (a page's notes) this note belongs to, from 0.
    pub group: usize,
    /// 同上 / Ibid.: index of the note it repeats.
    pub ibid_of: Option<usize>,
    /// Index of the first earlier note with the same text (whitespace ignored).
    pub repeat_of: Option<usize>,
    /// The note is only a 《title》 that an earlier note (this index) cites in full.
    pub short_form_of: Option<usize>,
}

/// Every marker and note of a document, linked, with what could not be linked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Footnotes {
    pub markers: Vec<Marker>,
    pub notes: Vec<Note>,
    /// Indices of markers with no note.
    pub unlinked_markers: Vec<usize>,
    /// Indices of notes no marker refers to.
    pub unreferenced_notes: Vec<usize>,
    /// Indices of markers linked by a fallback ([`LinkKind::LaterBlock`], [`LinkKind::Earlier`]).
    pub irregular_links: Vec<usize>,
    /// `[12]` citing an entry of a bibliography (参考文献, References); `note` indexes
    /// [`Self::references`].
    pub citations: Vec<Marker>,
    /// The entries of the document's bibliographies.
    pub references: Vec<Note>,
}

impl Footnotes {
    /// The note a marker links to.
    pub fn note_of(&self, marker: &Marker) -> Option<&Note> {
        marker.note.and_then(|i| self.notes.get(i))
    }

    /// The markers that refer to note `note` (an index into [`Self::notes`]).
    pub fn markers_of(&self, note: usize) -> impl Iterator<Item = &Marker> {
        self.markers.iter().filter(move |m| m.note == Some(note))
    }

    /// The marker whose cleaned span holds byte `offset` (for hovering a marker in the text).
    pub fn marker_at(&self, offset: usize) -> Option<&Marker> {
        self.markers.iter().find(|m| m.span.contains(offset))
    }
}

/// Find, link and classify every footnote of a cleaned document.
pub fn extract_footnotes(doc: &Document) -> Footnotes {
    let furniture = notes::furniture_lines(doc);
    let mut all_notes: Vec<Note> = doc
        .blocks()
        .iter()
        .filter(|b| b.kind == BlockKind::Note)
        .filter_map(|b| {
            let label = b.label.as_deref()?;
            notes::note_from_block(doc, b, label, &furniture)
        })
        .collect();
    let mut markers = link::scan_document(doc, &all_notes);
    let paren_notes: Vec<Note> = notes::paren_definitions(doc)
        .into_iter()
        .filter_map(|(b, label)| notes::note_from_block(doc, b, &label, &furniture))
        .collect();
    link::keep_linked_parens(&mut markers, paren_notes, &mut all_notes);
    all_notes.sort_by_key(|n| (n.line, n.block));
    link::assign_groups(&mut all_notes);
    let (mut all_notes, references) = references::split_references(doc, all_notes);
    link::assign_groups(&mut all_notes);
    let citations = references::take_citations(&mut markers, &all_notes, &references);
    link::link_markers(&mut markers, &all_notes);
    markers.extend(zone::link_zone_markers(doc, &mut all_notes));
    markers.sort_by_key(|m| (m.line, m.col));
    link::classify_repeats(&mut all_notes);
    let unlinked_markers = (0..markers.len())
        .filter(|&i| markers[i].note.is_none())
        .collect();
    let irregular_links = (0..markers.len())
        .filter(|&i| matches!(markers[i].link, LinkKind::LaterBlock | LinkKind::Earlier))
        .collect();
    let mut referenced = vec![false; all_notes.len()];
    for i in markers.iter().filter_map(|m| m.note) {
        if let Some(r) = referenced.get_mut(i) {
            *r = true;
        }
    }
    let unreferenced_notes = (0..all_notes.len()).filter(|&i| !referenced[i]).collect();
    Footnotes {
        markers,
        notes: all_notes,
        unlinked_markers,
        unreferenced_notes,
        irregular_links,
        citations,
        references,
    }
}

#[cfg(test)]
mod tests;
