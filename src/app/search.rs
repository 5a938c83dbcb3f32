//! Search across the open documents for the side panel: the engine's word-aware search
//! (literal, whole word, regex; simplified/traditional folded) with context for display.

use crate::nlp::index::DocumentIndex;
use crate::nlp::search::{SearchMode, SearchQuery};
use crate::span::TextSpan;

const CONTEXT_CHARS: usize = 14;
const MAX_HITS: usize = 2000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    pub span: TextSpan,
    pub before: String,
    pub matched: String,
    pub after: String,
}

/// Every match of `query` in one document's cleaned text. A bad regex is an error to show.
pub fn find_all(
    text: &str,
    index: &DocumentIndex,
    query: &str,
    mode: SearchMode,
) -> Result<Vec<SearchHit>, String> {
    let query = if mode == SearchMode::Regex {
        query
    } else {
        query.trim()
    };
    if query.is_empty() {
        return Ok(Vec::new());
    }
    let prepared = SearchQuery::new(query, mode).map_err(|e| e.to_string())?;
    Ok(prepared
        .find(index)
        .into_iter()
        .take(MAX_HITS)
        .map(|span| hit(text, span))
        .collect())
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
    use crate::document::Document;
    use crate::nlp::Segmenter;

    fn find(doc: &Document, q: &str, mode: SearchMode) -> Vec<SearchHit> {
        let index = DocumentIndex::build(doc, &Segmenter::shared());
        find_all(doc.text(), &index, q, mode).expect("valid query")
    }

    #[test]
    fn finds_every_occurrence_with_context() {
        let doc = Document::from_text("t", "中亚国家与中国的合作。\n\nChina and 中亚 again.\n");
        let hits = find(&doc, "中亚", SearchMode::Literal);
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].matched, "中亚");
        // The blank line is a real paragraph break here: context stops at the block's end.
        assert_eq!(hits[0].after, "国家与中国的合作。");
        let long = Document::from_text("t", &format!("中亚{}", "国".repeat(40)));
        assert_eq!(
            find(&long, "中亚", SearchMode::Literal)[0]
                .after
                .chars()
                .count(),
            CONTEXT_CHARS
        );
        assert!(hits[1].before.ends_with("and "));
        assert_eq!(find(&doc, "china", SearchMode::Literal).len(), 1);
        assert!(find(&doc, "  ", SearchMode::Literal).is_empty());
    }

    #[test]
    fn whole_words_folding_and_bad_regexes() {
        let doc = Document::from_text("t", "中亚洲不是中亚。中亞國家。\n");
        assert_eq!(find(&doc, "中亚", SearchMode::Literal).len(), 3);
        assert!(find(&doc, "中亚", SearchMode::WholeWord).len() < 3);
        assert_eq!(find(&doc, "中亚国家", SearchMode::Literal).len(), 1);
        let index = DocumentIndex::build(&doc, &Segmenter::shared());
        assert!(find_all(doc.text(), &index, "(", SearchMode::Regex).is_err());
    }
}
