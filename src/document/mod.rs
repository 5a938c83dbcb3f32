//! Importing a text file and cleaning it into a structured [`Document`].
//!
//! `import` decodes bytes, `raw` keeps the decoded file with its line table, `cleanup` turns
//! PDF-extraction artifacts into blocks of clean text, and `source_map` ties every cleaned byte
//! back to its raw line and column.

mod blocks;
pub mod chars;
pub mod cleanup;
pub mod import;
pub mod lossless;
pub mod pages;
pub mod raw;
pub mod source_map;

use std::path::Path;

use serde::Serialize;
use thiserror::Error;

pub use blocks::{ArtifactKind, Block, BlockKind, CleanupWarning, DroppedArtifact};
pub use import::{ImportError, StructuredBlock, StructuredText};
pub use pages::{PageGeometry, PageTable};
pub use raw::{RawPos, RawText};
pub use source_map::SourceMap;

use crate::span::TextSpan;

/// Bumped whenever cleanup output can change, so stored anchors know to re-anchor.
pub const CLEANUP_VERSION: u32 = 1;

#[derive(Debug, Error)]
pub enum DocumentError {
    #[error(transparent)]
    Import(#[from] ImportError),
}

/// Identity of a document version: annotations compare it to know whether to re-anchor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fingerprint {
    pub raw_hash: String,
    pub clean_hash: String,
    pub cleanup_version: u32,
}

/// A cleaned document. Immutable once built; re-import to change it.
#[derive(Debug, Clone)]
pub struct Document {
    source: String,
    encoding: String,
    raw: RawText,
    text: String,
    map: SourceMap,
    blocks: Vec<Block>,
    dropped: Vec<DroppedArtifact>,
    warnings: Vec<CleanupWarning>,
    title: Option<String>,
    pages: PageTable,
    superscripts: Vec<TextSpan>,
    geometry: Option<PageGeometry>,
    fingerprint: Fingerprint,
}

impl Document {
    /// Read, decode and clean a file. `source` in the result is the path as given.
    pub fn open(path: &Path) -> Result<Self, DocumentError> {
        let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::from_bytes(path.to_string_lossy().into_owned(), &bytes)
    }

    /// Build from a file's bytes in any supported format (see [`import::Format`]).
    pub fn from_bytes(source: impl Into<String>, bytes: &[u8]) -> Result<Self, DocumentError> {
        let source = source.into();
        let raw_hash = blake3::hash(bytes).to_hex().to_string();
        Ok(match import::import(Path::new(&source), bytes)? {
            import::Imported::Text {
                text,
                encoding,
                superscripts,
                page_warnings,
                geometry,
                title,
            } => {
                let mut doc = Self::build(source, encoding, text, raw_hash);
                doc.geometry = geometry;
                // The title page's own title beats a title block found later in the text.
                let title_block_page = doc
                    .blocks
                    .iter()
                    .find(|b| b.kind == BlockKind::Title)
                    .and_then(|b| b.page);
                if title.is_some() && title_block_page.is_none_or(|p| p > 1) {
                    doc.title = title;
                }
                for (page, message) in page_warnings {
                    let line = doc.pages.first_line(&doc.raw, page);
                    doc.warnings.push(CleanupWarning { line, message });
                }
                doc.superscripts = superscripts
                    .into_iter()
                    .filter_map(|r| {
                        let start = doc.map.clean_byte(r.start)?;
                        let end = doc.map.clean_byte(r.end.checked_sub(1)?)? + 1;
                        (start < end).then(|| TextSpan::new(start, end))
                    })
                    .collect();
                doc
            }
            import::Imported::Structured(st) => Self::build_structured(source, st, raw_hash),
        })
    }

    /// Build from text already in memory (tests, pasted text).
    pub fn from_text(source: impl Into<String>, text: &str) -> Self {
        let raw_hash = blake3::hash(text.as_bytes()).to_hex().to_string();
        Self::build(source.into(), "UTF-8".to_owned(), text.to_owned(), raw_hash)
    }

    /// Build from blocks an importer already knows (HTML, EPUB, DOCX).
    pub fn from_structured(source: impl Into<String>, st: StructuredText) -> Self {
        let raw_hash = blake3::hash(st.raw.as_bytes()).to_hex().to_string();
        Self::build_structured(source.into(), st, raw_hash)
    }

    fn build(source: String, encoding: String, decoded: String, raw_hash: String) -> Self {
        let raw = RawText::from_string(decoded);
        let cleaned = cleanup::clean(&raw);
        Self::finish(source, encoding, raw, cleaned, raw_hash)
    }

    fn build_structured(source: String, st: StructuredText, raw_hash: String) -> Self {
        let raw = RawText::new(&st.raw);
        let cleaned = import::structured::assemble(&raw, &st);
        Self::finish(source, st.encoding, raw, cleaned, raw_hash)
    }

    fn finish(
        source: String,
        encoding: String,
        raw: RawText,
        mut cleaned: cleanup::Cleaned,
        raw_hash: String,
    ) -> Self {
        let pages = PageTable::new(raw.text());
        if pages.has_pages() {
            for block in &mut cleaned.blocks {
                let at = cleaned.map.raw_byte(block.span.start()).unwrap_or(0);
                block.page = Some(pages.page_of_byte(at));
            }
        }
        let fingerprint = Fingerprint {
            raw_hash,
            clean_hash: blake3::hash(cleaned.text.as_bytes()).to_hex().to_string(),
            cleanup_version: CLEANUP_VERSION,
        };
        Self {
            source,
            encoding,
            raw,
            text: cleaned.text,
            map: cleaned.map,
            blocks: cleaned.blocks,
            dropped: cleaned.dropped,
            warnings: cleaned.warnings,
            title: cleaned.title,
            pages,
            superscripts: Vec::new(),
            geometry: None,
            fingerprint,
        }
    }

    /// Where the source's pages hold the text (PDF), if known.
    pub fn geometry(&self) -> Option<&PageGeometry> {
        self.geometry.as_ref()
    }

    /// Rectangles on the source's pages covering a span of the cleaned text.
    pub fn page_rects(&self, span: TextSpan) -> Vec<(u32, pages::PageRect)> {
        let (Some(g), Some(start)) = (&self.geometry, self.map.raw_byte(span.start())) else {
            return Vec::new();
        };
        let last = span.end().saturating_sub(1).max(span.start());
        let end = self.map.raw_byte(last).map_or(start + 1, |b| b + 1);
        g.rects(self.raw.text(), start..end.max(start + 1))
    }

    /// The cleaned offset shown at point (`x`, `y`) of page `page` (1-based).
    pub fn offset_at_point(&self, page: u32, x: f32, y: f32) -> Option<usize> {
        let raw = self
            .geometry
            .as_ref()?
            .raw_at(self.raw.text(), page, x, y)?;
        self.map.clean_byte_at_or_after(raw)
    }

    /// Spans of the cleaned text the source showed as superscript (raised, smaller glyphs), in
    /// text order. Empty where the source has no such styling (plain text).
    pub fn superscripts(&self) -> &[TextSpan] {
        &self.superscripts
    }

    /// Page (1-based) of a cleaned byte offset, where the source has pages.
    pub fn page_of(&self, offset: usize) -> Option<u32> {
        if !self.pages.has_pages() {
            return None;
        }
        let raw = self.map.raw_byte(offset)?;
        Some(self.pages.page_of_byte(raw))
    }

    /// Page (1-based) of a raw line, where the source has pages.
    pub fn page_of_line(&self, line: u32) -> Option<u32> {
        if !self.pages.has_pages() {
            return None;
        }
        let byte = self.raw.line_start(line as usize)?;
        Some(self.pages.page_of_byte(byte))
    }

    /// Number of pages (0 when the source has none).
    pub fn page_count(&self) -> u32 {
        self.pages.count()
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn encoding(&self) -> &str {
        &self.encoding
    }

    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    pub fn raw(&self) -> &RawText {
        &self.raw
    }

    /// The cleaned text: every block's text, in block order, separated by `\n`.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    pub fn block_text(&self, block: &Block) -> &str {
        block.span.slice(&self.text).unwrap_or_default()
    }

    /// The block holding cleaned byte `offset`.
    pub fn block_at(&self, offset: usize) -> Option<&Block> {
        let idx = self
            .blocks
            .partition_point(|b| b.span.start() <= offset)
            .checked_sub(1)?;
        let block = &self.blocks[idx];
        (offset <= block.span.end()).then_some(block)
    }

    pub fn dropped(&self) -> &[DroppedArtifact] {
        &self.dropped
    }

    pub fn warnings(&self) -> &[CleanupWarning] {
        &self.warnings
    }

    pub fn source_map(&self) -> &SourceMap {
        &self.map
    }

    pub fn fingerprint(&self) -> &Fingerprint {
        &self.fingerprint
    }

    /// Raw line/column (1-based, code points) of a cleaned byte offset.
    pub fn raw_pos(&self, offset: usize) -> Option<RawPos> {
        self.map.raw_pos(&self.raw, offset)
    }

    /// Cleaned byte offset of a raw line/column, if that character was kept.
    pub fn clean_offset(&self, pos: RawPos) -> Option<usize> {
        self.map.clean_of_pos(&self.raw, pos)
    }

    /// The cleaned offset nearest at or after a raw line/column (for jumps to dropped text).
    pub fn clean_offset_near(&self, pos: RawPos) -> Option<usize> {
        let byte = self.raw.byte_of_pos(pos)?;
        self.map.clean_byte_at_or_after(byte)
    }

    /// Number of characters in the raw and the cleaned text.
    pub fn char_counts(&self) -> (usize, usize) {
        (self.raw.text().chars().count(), self.text.chars().count())
    }
}
