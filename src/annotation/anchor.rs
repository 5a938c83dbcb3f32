//! Anchors: redundant selectors for one passage, as the W3C Web Annotation model and
//! Hypothesis keep them, so a passage can be found again after the document changes.

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::span::TextSpan;

/// Characters of context kept on each side of the quote.
pub const CONTEXT_CHARS: usize = 32;

/// The quoted text and its context (W3C `TextQuoteSelector`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TextQuote {
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
}

/// Raw line and column (1-based, code points) where the quote started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct RawLocation {
    pub line: u32,
    pub col: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Anchor {
    /// Byte range in the cleaned text the anchor was made (or last re-anchored) against.
    pub span: TextSpan,
    pub quote: TextQuote,
    #[serde(default)]
    pub raw: RawLocation,
    /// Cleaned-text hash of the document version `span` refers to.
    #[serde(default)]
    pub clean_hash: String,
}

impl Anchor {
    /// An anchor for `span` of the document's cleaned text; `None` if the span is empty, out of
    /// bounds or not on char boundaries.
    pub fn new(doc: &Document, span: TextSpan) -> Option<Self> {
        let quote = quote_at(doc.text(), span)?;
        let raw = doc
            .raw_pos(span.start())
            .map(|p| RawLocation {
                line: p.line,
                col: p.col,
            })
            .unwrap_or_default();
        Some(Self {
            span,
            quote,
            raw,
            clean_hash: doc.fingerprint().clean_hash.clone(),
        })
    }

    /// The same passage found at `span` of `doc`: positions, context and hash refreshed, the
    /// quote taken from the document as it now reads.
    pub fn moved_to(&self, doc: &Document, span: TextSpan) -> Self {
        Self::new(doc, span).unwrap_or_else(|| self.clone())
    }

    pub fn exact(&self) -> &str {
        &self.quote.exact
    }
}

/// The quote selector for `span` of `text`, with up to [`CONTEXT_CHARS`] of context each side.
pub fn quote_at(text: &str, span: TextSpan) -> Option<TextQuote> {
    let exact = span.slice(text)?;
    if exact.is_empty() {
        return None;
    }
    let before = text.get(..span.start())?;
    let after = text.get(span.end()..)?;
    let prefix_start = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let suffix_end = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(i, _)| i);
    Some(TextQuote {
        exact: exact.to_owned(),
        prefix: before.get(prefix_start..)?.to_owned(),
        suffix: after.get(..suffix_end)?.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_keeps_32_chars_of_context() {
        let text = format!("{}关键句子{}", "前".repeat(40), "后".repeat(40));
        let start = "前".len() * 40;
        let span = TextSpan::new(start, start + "关键句子".len());
        let q = quote_at(&text, span).expect("quote");
        assert_eq!(q.exact, "关键句子");
        assert_eq!(q.prefix.chars().count(), 32);
        assert_eq!(q.suffix.chars().count(), 32);
    }

    #[test]
    fn bad_spans_make_no_quote() {
        assert!(quote_at("中文", TextSpan::new(1, 3)).is_none());
        assert!(quote_at("中文", TextSpan::new(0, 0)).is_none());
        assert!(quote_at("中文", TextSpan::new(3, 99)).is_none());
    }
}
