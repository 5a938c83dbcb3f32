//! Tokens for the index. `JiebaTokenizer`: a tantivy tokenizer over our shared segmenter, its
//! words folded as search folds (繁→简, full-width, case), for ranked word queries. `grams`:
//! every folded char and char pair of a text, once each — the field that narrows literal and
//! whole-word searches to the documents that can hold a match (a literal match holds every
//! pair of its chars, whatever words jieba would cut it into).

use std::collections::HashSet;
use std::sync::Arc;

use tantivy::tokenizer::{PreTokenizedString, Token, TokenStream, Tokenizer};

use crate::nlp::Segmenter;
use crate::nlp::fold::Folded;

/// Name the jieba tokenizer is registered under.
pub const JIEBA: &str = "pangzhu_jieba";

/// Takes the shared segmenter on first use: opening a library for a literal search or a
/// listing never waits for jieba's dictionary to load.
#[derive(Clone, Default)]
pub struct JiebaTokenizer {
    segmenter: Option<Arc<Segmenter>>,
}

impl JiebaTokenizer {
    pub fn new(segmenter: Arc<Segmenter>) -> Self {
        Self {
            segmenter: Some(segmenter),
        }
    }
}

/// The folded words of one text, ready to be read.
pub struct WordStream {
    tokens: std::vec::IntoIter<Token>,
    current: Token,
}

impl Tokenizer for JiebaTokenizer {
    type TokenStream<'a> = WordStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream {
        WordStream {
            tokens: words(self.segmenter.get_or_insert_with(Segmenter::shared), text).into_iter(),
            current: Token::default(),
        }
    }
}

impl TokenStream for WordStream {
    fn advance(&mut self) -> bool {
        match self.tokens.next() {
            Some(token) => {
                self.current = token;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

/// Words of `text` (jieba on the folded text, so traditional text finds simplified words in
/// the dictionary), skipping spaces and punctuation; offsets are bytes of `text`.
pub fn words(segmenter: &Segmenter, text: &str) -> Vec<Token> {
    let folded = Folded::new(text);
    let mut tokens = Vec::new();
    for span in segmenter.cut(folded.text()) {
        let Some(word) = span.slice(folded.text()) else {
            continue;
        };
        if !word.chars().any(char::is_alphanumeric) {
            continue;
        }
        tokens.push(Token {
            offset_from: folded.original_offset(span.start()),
            offset_to: folded.original_offset(span.end()),
            position: tokens.len(),
            text: word.to_owned(),
            position_length: 1,
        });
    }
    tokens
}

/// [`words`] as tantivy takes them for a field (the text itself is not kept).
pub fn pre_tokenized_words(segmenter: &Segmenter, text: &str) -> PreTokenizedString {
    PreTokenizedString {
        text: String::new(),
        tokens: words(segmenter, text),
    }
}

/// Every distinct folded char, char pair and char triple of `folded` (none spans a line break:
/// the search's own index skips pairs that do, so no match of two chars or more does).
/// Triples make a query of three chars or more selective: pairs of common chars are in every
/// document.
pub fn grams(folded: &str) -> PreTokenizedString {
    let mut seen: HashSet<&str> = HashSet::new();
    let starts: Vec<(usize, char)> = folded.char_indices().collect();
    for (k, &(i, a)) in starts.iter().enumerate() {
        seen.insert(&folded[i..i + a.len_utf8()]);
        for n in 1..=2 {
            let Some(&(j, b)) = starts.get(k + n) else {
                break;
            };
            if starts[k..=k + n].iter().any(|&(_, c)| c == '\n') {
                break;
            }
            seen.insert(&folded[i..j + b.len_utf8()]);
        }
    }
    let mut list: Vec<&str> = seen.into_iter().collect();
    list.sort_unstable();
    PreTokenizedString {
        text: String::new(),
        tokens: list
            .into_iter()
            .enumerate()
            .map(|(position, gram)| Token {
                offset_from: 0,
                offset_to: 0,
                position,
                text: gram.to_owned(),
                position_length: 1,
            })
            .collect(),
    }
}

/// The grams (every triple, or the pair or the char of a shorter query) a literal match of
/// `folded_query` must find in a document, or `None` when the
/// grams cannot narrow (the query spans a line break: only single-char search can match it).
pub fn query_grams(folded_query: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = folded_query.chars().collect();
    match chars.as_slice() {
        [] => None,
        [c] => Some(vec![c.to_string()]),
        _ if chars.contains(&'\n') => None,
        _ => {
            let size = chars.len().min(3);
            let mut grams: Vec<String> = chars.windows(size).map(|w| w.iter().collect()).collect();
            grams.sort();
            grams.dedup();
            Some(grams)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_and_skip_punctuation() {
        let seg = Segmenter::builtin();
        let text = "上海合作組織成立，ＡＢＣ。";
        let mut tok = JiebaTokenizer::new(Arc::new(seg));
        let mut stream = tok.token_stream(text);
        let mut seen = Vec::new();
        while stream.advance() {
            let t = stream.token();
            seen.push((t.text.clone(), &text[t.offset_from..t.offset_to]));
        }
        assert!(
            seen.contains(&("上海合作组织".to_owned(), "上海合作組織")),
            "{seen:?}"
        );
        assert!(seen.contains(&("abc".to_owned(), "ＡＢＣ")), "{seen:?}");
        assert!(seen.iter().all(|(w, _)| w != "，"));
    }

    #[test]
    fn every_query_gram_is_a_document_gram() {
        let doc = grams("中亚五国\n合作");
        let have: HashSet<String> = doc.tokens.iter().map(|t| t.text.clone()).collect();
        for query in ["亚五", "中亚五国", "国", "合作", "亚五国"] {
            for g in query_grams(query).unwrap_or_default() {
                assert!(have.contains(&g), "{g}");
            }
        }
        assert!(!have.contains("国\n") && !have.contains("五国\n"));
        assert_eq!(
            query_grams("中亚五国"),
            Some(vec!["中亚五".to_owned(), "亚五国".to_owned()])
        );
        assert_eq!(query_grams("国\n合"), None);
    }
}
