//! A document as the app holds it: the cleaned [`Document`] plus everything derived from it
//! once, off the UI thread: outline, footnotes, timeline, words (search index), names and
//! keywords. Immutable once built; annotations live in the app state.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::document::{BlockKind, Document};
use crate::extract::footnotes::{Footnotes, Marker, extract_footnotes};
use crate::extract::timeline::{Timeline, TimelineOptions, extract_timeline};
use crate::nlp::Segmenter;
use crate::nlp::entities::{Entity, document_entities};
use crate::nlp::index::DocumentIndex;
use crate::nlp::keywords::{Keyword, KeywordMethod, document_keywords};
use crate::span::TextSpan;

use super::progress::Progress;

/// Keywords listed in the side panel.
const KEYWORDS_SHOWN: usize = 30;

/// One heading of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineEntry {
    pub block: usize,
    /// 1 = top level; the title is level 0.
    pub level: u8,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct LoadedDocument {
    path: PathBuf,
    doc: Document,
    outline: Vec<OutlineEntry>,
    modified: Option<SystemTime>,
    analysis: Analysis,
}

/// What the engine found in a document.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub footnotes: Footnotes,
    pub timeline: Timeline,
    pub index: DocumentIndex,
    pub entities: Vec<Entity>,
    pub keywords: Vec<Keyword>,
}

impl Analysis {
    /// Run every analysis (segmentation dominates), reporting progress from `from` to `to`.
    pub fn of(
        doc: &Document,
        segmenter: &Segmenter,
        progress: &Progress,
        from: f32,
        to: f32,
    ) -> Self {
        let step = |k: f32| progress.set(from + (to - from) * k);
        let footnotes = extract_footnotes(doc);
        let timeline = extract_timeline(doc, &TimelineOptions::default());
        step(0.1);
        let index = DocumentIndex::build(doc, segmenter);
        step(0.5);
        let entities = document_entities(segmenter, doc);
        step(0.8);
        let keywords = document_keywords(segmenter, doc, KeywordMethod::TfIdf, KEYWORDS_SHOWN);
        step(1.0);
        Self {
            footnotes,
            timeline,
            index,
            entities,
            keywords,
        }
    }
}

impl LoadedDocument {
    /// Read, clean and analyse a file, reporting progress.
    pub fn load(path: &Path, progress: &Progress) -> Result<Self, String> {
        progress.set(0.02);
        let modified = modified_time(path);
        let doc = Document::open(path).map_err(|e| e.to_string())?;
        progress.set(0.2);
        let segmenter = Segmenter::for_documents(&[path.to_owned()]);
        let analysis = Analysis::of(&doc, &segmenter, progress, 0.2, 1.0);
        Ok(Self::with_analysis(
            path.to_owned(),
            doc,
            modified,
            analysis,
        ))
    }

    /// Analyse an in-memory document with the shared segmenter (tests, benchmarks).
    pub fn from_document(path: PathBuf, doc: Document, modified: Option<SystemTime>) -> Self {
        let analysis = Analysis::of(&doc, &Segmenter::shared(), &Progress::default(), 0.0, 1.0);
        Self::with_analysis(path, doc, modified, analysis)
    }

    pub fn with_analysis(
        path: PathBuf,
        doc: Document,
        modified: Option<SystemTime>,
        analysis: Analysis,
    ) -> Self {
        let outline = outline_of(&doc);
        Self {
            path,
            doc,
            outline,
            modified,
            analysis,
        }
    }

    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// Footnote markers inside `span`, in text order.
    pub fn markers_in(&self, span: TextSpan) -> &[Marker] {
        let markers = &self.analysis.footnotes.markers;
        let from = markers.partition_point(|m| m.span.start() < span.start());
        let to = markers.partition_point(|m| m.span.start() < span.end());
        markers.get(from..to.max(from)).unwrap_or(&[])
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn doc(&self) -> &Document {
        &self.doc
    }

    pub fn outline(&self) -> &[OutlineEntry] {
        &self.outline
    }

    pub fn modified(&self) -> Option<SystemTime> {
        self.modified
    }

    /// A short name for tabs and column headers: the title, else the file name.
    pub fn display_name(&self) -> String {
        if let Some(title) = self.doc.title().filter(|t| !t.trim().is_empty()) {
            return title.trim().to_owned();
        }
        self.path.file_name().map_or_else(
            || self.doc.source().to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}

/// Last modification time, `None` when the file system cannot say.
pub fn modified_time(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn outline_of(doc: &Document) -> Vec<OutlineEntry> {
    doc.blocks()
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let level = match b.kind {
                BlockKind::Title => 0,
                BlockKind::Heading => b.level.unwrap_or(1),
                _ => return None,
            };
            let text: String = doc.block_text(b).chars().take(60).collect();
            Some(OutlineEntry {
                block: i,
                level,
                text,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outline_lists_headings_in_order() {
        let text = "一、引言\n　　这是正文第一段，内容足够长，用来确认它是段落而不是标题。\n二、结论\n　　这是正文第二段，内容足够长，用来确认它是段落而不是标题。\n";
        let doc = Document::from_text("t.txt", text);
        let loaded = LoadedDocument::from_document("t.txt".into(), doc, None);
        let headings: Vec<&str> = loaded
            .outline()
            .iter()
            .filter(|e| e.level > 0)
            .map(|e| e.text.as_str())
            .collect();
        assert!(headings.contains(&"一、引言"), "{:?}", loaded.outline());
        assert!(headings.contains(&"二、结论"));
    }
}
