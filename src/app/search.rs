//! Literal search across open documents, with context. (Word-aware search from `nlp` replaces
//! the matcher when it lands; the result shape stays.)

use crate::document::Document;
use crate::span::TextSpan;

const CONTEXT_CHARS: usize = 14;
const MAX_HITS: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    pub span: TextSpan,
    pub before: String,
    pub matched: String,
    pub after: String,
}

/// Every occurrence of `query` in the cleaned text (case-insensitive for Latin letters).
pub fn find_all(doc: &Document, query: &str) -> Vec<SearchHit> {
    let query = query.trim();
    if query.is_empty() {
        return Vec::new();
    }
    let text = doc.text();
    let hay = text.to_lowercase();
    let needle = query.to_lowercase();
    // Lower-casing can change byte lengths outside ASCII; fall back to exact matching then.
    let (hay, needle) = if hay.len() == text.len() {
        (hay, needle)
    } else {
        (text.to_owned(), query.to_owned())
    };
    hay.match_indices(&needle)
        .take(MAX_HITS)
        .map(|(start, m)| {
            let span = TextSpan::snapped(text, start, start + m.len());
            hit(text, span)
        })
        .collect()
}

fn hit(text: &str, span: TextSpan) -> SearchHit {
    let before: String = text
        .get(..span.start())
        .unwrap_or_default()
        .chars()
        .rev()
        .take_while(|c| *c != '\n')
        .take(CONTEXT_CHARS)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text
        .get(span.end()..)
        .unwrap_or_default()
        .chars()
        .take_while(|c| *c != '\n')
        .take(CONTEXT_CHARS)
        .collect();
    SearchHit {
        span,
        before,
        matched: span.slice(text).unwrap_or_default().to_owned(),
        after,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_occurrence_with_context() {
        let doc = Document::from_text("t", "中亚国家与中国的合作。\n\nChina and 中亚 again.\n");
        let hits = find_all(&doc, "中亚");
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].matched, "中亚");
        // The blank line is a real paragraph break here: context stops at the block's end.
        assert_eq!(hits[0].after, "国家与中国的合作。");
        let long = Document::from_text("t", &format!("中亚{}", "国".repeat(40)));
        assert_eq!(
            find_all(&long, "中亚")[0].after.chars().count(),
            CONTEXT_CHARS
        );
        assert!(hits[1].before.ends_with("and "));
        assert_eq!(find_all(&doc, "china").len(), 1);
        assert!(find_all(&doc, "  ").is_empty());
    }
}
