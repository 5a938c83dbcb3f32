//! Chinese words: segmentation (jieba-rs), selection bounds, search, keywords, names.
//!
//! | module | what it is |
//! |---|---|
//! | [`dictionary`] | jieba-format user dictionaries (built-in, config dir, beside documents) |
//! | [`segmenter`] | the one shared `Jieba`, document segmentation with cleaned-text offsets |
//! | [`bounds`] | word, clause and sentence at an offset (double/triple click) |
//! | [`fold`] | folding for matching: 繁→简, dash/ellipsis/full-width variants |
//! | [`index`] | per-document search index (folded text + bigram postings + word bounds) |
//! | [`search`] | literal, whole-word and regex search across documents |
//! | [`keywords`] | TF-IDF and TextRank keywords per document and per set |
//! | [`entities`] | places, people, organisations, titles, programme names |

pub mod bounds;
pub mod dictionary;
pub mod entities;
pub mod fold;
pub mod index;
pub mod keywords;
pub mod search;
pub mod segmenter;

pub use segmenter::{Segmentation, Segmenter, TaggedWord};
