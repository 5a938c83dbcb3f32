//! Keywords per document and per set: TF-IDF (jieba's IDF table) and TextRank, both on the
//! body text, with function words, numbers and document furniture filtered out.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use jieba_rs::{KeywordExtract, KeywordExtractConfig, TextRank, TfIdf};
use serde::Serialize;

use super::Segmenter;
use crate::document::{BlockKind, Document};

/// Words that carry no topic in the documents our users read: function words jieba's list
/// lacks and the vocabulary of any policy paper.
const STOP_WORDS: &str = include_str!("../../assets/dict/stopwords.txt");

/// Parts of speech a keyword may have: nouns, names, verbal nouns, idioms, abbreviations.
/// Numbers (`m`), measure words and function words are left out by omission.
const KEYWORD_TAGS: [&str; 11] = [
    "n", "nr", "nrt", "ns", "nt", "nz", "vn", "l", "j", "an", "eng",
];

static EXTRACTORS: LazyLock<(TfIdf, TextRank)> = LazyLock::new(|| {
    let config = keyword_config();
    let mut tfidf = TfIdf::default();
    *tfidf.config_mut() = config.clone();
    (tfidf, TextRank::new(5, config))
});

fn keyword_config() -> KeywordExtractConfig {
    let mut builder = KeywordExtractConfig::builder().use_hmm(true);
    for word in STOP_WORDS.lines().map(str::trim) {
        if !word.is_empty() && !word.starts_with('#') {
            builder = builder.add_stop_word(word.to_owned());
        }
    }
    builder.build()
}

/// How keywords are weighed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeywordMethod {
    TfIdf,
    TextRank,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keyword {
    pub word: String,
    pub weight: f64,
}

/// Top `top_k` keywords of a text, heaviest first (ties by word, for stable output).
pub fn keywords_of_text(
    segmenter: &Segmenter,
    text: &str,
    method: KeywordMethod,
    top_k: usize,
) -> Vec<Keyword> {
    let (tfidf, textrank) = &*EXTRACTORS;
    let allowed: Vec<String> = KEYWORD_TAGS.iter().map(|t| (*t).to_owned()).collect();
    let extractor: &dyn KeywordExtract = match method {
        KeywordMethod::TfIdf => tfidf,
        KeywordMethod::TextRank => textrank,
    };
    // Ask for extra: words that are only digits or Latin letters are dropped afterwards.
    let mut found: Vec<Keyword> = extractor
        .extract_keywords(segmenter.jieba(), text, top_k * 2, allowed)
        .into_iter()
        .filter(|k| is_meaningful(&k.keyword))
        .map(|k| Keyword {
            word: k.keyword,
            weight: (k.weight * 10_000.0).round() / 10_000.0,
        })
        .collect();
    found.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| a.word.cmp(&b.word))
    });
    found.truncate(top_k);
    found
}

/// Needs at least one Han char and not only one repeated char.
fn is_meaningful(word: &str) -> bool {
    let han: BTreeSet<char> = word
        .chars()
        .filter(|c| c.is_alphabetic() && !c.is_ascii())
        .collect();
    han.len() >= 2 || (han.len() == 1 && word.chars().count() == 1)
}

/// The text keywords are taken from: title, headings and paragraphs (not notes or front matter).
pub fn body_text(doc: &Document) -> String {
    let mut text = String::new();
    for block in doc.blocks() {
        if block.kind.is_body() || block.kind == BlockKind::Title {
            text.push_str(doc.block_text(block));
            text.push('\n');
        }
    }
    text
}

pub fn document_keywords(
    segmenter: &Segmenter,
    doc: &Document,
    method: KeywordMethod,
    top_k: usize,
) -> Vec<Keyword> {
    keywords_of_text(segmenter, &body_text(doc), method, top_k)
}

/// Keywords of a set of documents taken as one text.
pub fn set_keywords(
    segmenter: &Segmenter,
    docs: &[&Document],
    method: KeywordMethod,
    top_k: usize,
) -> Vec<Keyword> {
    let text: String = docs.iter().map(|d| body_text(d)).collect();
    keywords_of_text(segmenter, &text, method, top_k)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "中欧班列连接中国与欧洲。2023年中欧班列开行1.7万列，我们认为中欧班列发展迅速。\
        中亚国家支持中欧班列，也支持上海合作组织的合作。";

    #[test]
    fn tfidf_finds_the_topic_and_skips_numbers_and_stop_words() {
        let seg = Segmenter::builtin();
        let words: Vec<String> = keywords_of_text(&seg, TEXT, KeywordMethod::TfIdf, 5)
            .into_iter()
            .map(|k| k.word)
            .collect();
        assert_eq!(
            words.first().map(String::as_str),
            Some("中欧班列"),
            "{words:?}"
        );
        assert!(!words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit())));
        assert!(!words.contains(&"我们".to_owned()));
    }

    #[test]
    fn textrank_returns_sorted_weights() {
        let seg = Segmenter::builtin();
        let found = keywords_of_text(&seg, TEXT, KeywordMethod::TextRank, 5);
        assert!(!found.is_empty());
        assert!(found.windows(2).all(|w| w[0].weight >= w[1].weight));
    }
}
