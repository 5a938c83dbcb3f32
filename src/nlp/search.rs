//! Search across documents: literal, whole-word (jieba word boundaries) or regex, always on the
//! folded cleaned text (繁/简, dash and full-width variants, ASCII case all match each other).

use regex::{Regex, RegexBuilder};
use serde::Serialize;
use thiserror::Error;

use super::fold::{fold_char, fold_str};
use super::index::DocumentIndex;
use crate::document::Document;
use crate::span::TextSpan;

/// Chars of context on each side of a match in a snippet.
const SNIPPET_CONTEXT: usize = 20;

#[derive(Debug, Error)]
pub enum SearchError {
    #[error("empty search query")]
    Empty,
    #[error("bad regular expression `{pattern}`: {source}")]
    Regex {
        pattern: String,
        source: Box<regex::Error>,
    },
}

/// How a query matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchMode {
    /// The text anywhere.
    #[default]
    Literal,
    /// The text only where both its ends are word boundaries.
    WholeWord,
    /// A regular expression (on folded text, case-insensitive).
    Regex,
}

/// A query prepared once, run on any number of documents.
#[derive(Debug, Clone)]
pub struct SearchQuery {
    mode: SearchMode,
    folded: String,
    regex: Option<Regex>,
}

impl SearchQuery {
    pub fn new(query: &str, mode: SearchMode) -> Result<Self, SearchError> {
        if query.is_empty() {
            return Err(SearchError::Empty);
        }
        let regex = match mode {
            SearchMode::Regex => Some(compile_folded_regex(query)?),
            SearchMode::Literal | SearchMode::WholeWord => None,
        };
        Ok(Self {
            mode,
            folded: fold_str(query),
            regex,
        })
    }

    pub fn mode(&self) -> SearchMode {
        self.mode
    }

    /// The query folded as the text is (what a literal match equals in the folded text).
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// Matches in one document, as spans of its cleaned text, in order.
    pub fn find(&self, index: &DocumentIndex) -> Vec<TextSpan> {
        match (&self.regex, self.mode) {
            (Some(regex), _) => regex
                .find_iter(index.folded().text())
                .filter(|m| !m.is_empty())
                .map(|m| index.original_span(m.start(), m.end()))
                .collect(),
            (None, SearchMode::WholeWord) => {
                let mut spans = index.find_literal(&self.folded);
                spans.retain(|s| index.is_boundary(s.start()) && index.is_boundary(s.end()));
                spans
            }
            (None, _) => index.find_literal(&self.folded),
        }
    }
}

/// A regex whose literal chars are folded like the text (escaped where folding makes them
/// ASCII punctuation, so `（` stays a literal paren).
fn compile_folded_regex(pattern: &str) -> Result<Regex, SearchError> {
    let mut folded = String::with_capacity(pattern.len());
    for c in pattern.chars() {
        let f = if c.is_ascii() { c } else { fold_char(c) };
        if f != c && f.is_ascii_punctuation() {
            folded.push_str(&regex::escape(&f.to_string()));
        } else {
            folded.push(f);
        }
    }
    RegexBuilder::new(&folded)
        .case_insensitive(true)
        .build()
        .map_err(|source| SearchError::Regex {
            pattern: pattern.to_owned(),
            source: Box::new(source),
        })
}

/// One match, located for people: raw line and column (1-based, code points).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchHit {
    pub source: String,
    pub line: u32,
    pub col: u32,
    #[serde(rename = "match")]
    pub matched: String,
    pub snippet: String,
    /// Byte range in the cleaned text.
    #[serde(skip)]
    pub span: TextSpan,
}

/// Search every document; hits in document order, then text order.
pub fn search(documents: &[(&Document, &DocumentIndex)], query: &SearchQuery) -> Vec<SearchHit> {
    documents
        .iter()
        .flat_map(|(doc, index)| query.find(index).into_iter().map(|span| hit(doc, span)))
        .collect()
}

/// Locate one match in its document.
pub fn hit(doc: &Document, span: TextSpan) -> SearchHit {
    let pos = doc.raw_pos(span.start());
    SearchHit {
        source: doc.source().to_owned(),
        line: pos.map_or(0, |p| p.line),
        col: pos.map_or(0, |p| p.col),
        matched: span.slice(doc.text()).unwrap_or_default().to_owned(),
        snippet: snippet(doc.text(), span),
        span,
    }
}

/// The match with up to [`SNIPPET_CONTEXT`] chars either side, within its block's line.
/// Only the context is looked at (not the whole paragraph), so snippets for many hits in
/// long paragraphs stay cheap.
pub fn snippet(text: &str, span: TextSpan) -> String {
    let before = text.get(..span.start()).unwrap_or_default();
    let after = text.get(span.end()..).unwrap_or_default();
    let lead_start = before
        .char_indices()
        .rev()
        .take(SNIPPET_CONTEXT)
        .take_while(|&(_, c)| c != '\n')
        .last()
        .map_or(before.len(), |(i, _)| i);
    let tail_end = after
        .char_indices()
        .enumerate()
        .find(|&(n, (_, c))| n == SNIPPET_CONTEXT || c == '\n')
        .map_or(after.len(), |(_, (i, _))| i);
    format!(
        "{}{}{}",
        before.get(lead_start..).unwrap_or_default(),
        span.slice(text).unwrap_or_default(),
        after.get(..tail_end).unwrap_or_default()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::Segmenter;

    fn found(query: &str, mode: SearchMode, text: &str) -> Vec<String> {
        let doc = Document::from_text("t", text);
        let index = DocumentIndex::build(&doc, &Segmenter::builtin());
        let query = SearchQuery::new(query, mode).expect("valid query");
        search(&[(&doc, &index)], &query)
            .into_iter()
            .map(|h| h.matched)
            .collect()
    }

    const TEXT: &str = "标题\n\n他访问中亚。中亚五国合作。上海合作組織成立。\n";

    #[test]
    fn whole_word_rejects_a_match_inside_a_longer_word() {
        assert_eq!(found("中亚", SearchMode::Literal, TEXT).len(), 2);
        assert_eq!(found("中亚", SearchMode::WholeWord, TEXT), ["中亚"]);
    }

    #[test]
    fn folding_works_both_ways_and_regex_folds_its_literals() {
        assert_eq!(
            found("上海合作组织", SearchMode::Literal, TEXT),
            ["上海合作組織"]
        );
        assert_eq!(found("中亞五國", SearchMode::Literal, TEXT), ["中亚五国"]);
        assert_eq!(
            found("合作(組|组)织", SearchMode::Regex, TEXT),
            ["合作組織"]
        );
    }

    #[test]
    fn bad_regex_is_an_error() {
        assert!(matches!(
            SearchQuery::new("中(亚", SearchMode::Regex),
            Err(SearchError::Regex { .. })
        ));
    }

    #[test]
    fn snippet_stays_on_its_line() {
        let text = "甲乙\n丙丁戊\n己";
        let at = text.find('丁').unwrap_or_default();
        assert_eq!(snippet(text, TextSpan::new(at, at + 3)), "丙丁戊");
        let at = text.find('甲').unwrap_or_default();
        assert_eq!(snippet(text, TextSpan::new(at, at + 3)), "甲乙");
    }

    #[test]
    fn snippet_keeps_twenty_chars_each_side() {
        let line = format!("{}中亚{}", "前".repeat(30), "后".repeat(30));
        let text = format!("上一段\n{line}\n下一段");
        let at = text.find("中亚").unwrap_or_default();
        let expected = format!("{}中亚{}", "前".repeat(20), "后".repeat(20));
        assert_eq!(snippet(&text, TextSpan::new(at, at + 6)), expected);
    }
}
