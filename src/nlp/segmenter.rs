//! The one shared jieba-rs instance with its dictionaries, and segmentation of documents into
//! words whose offsets are bytes of the cleaned text.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use jieba_rs::Jieba;

use super::dictionary::{self, BUILTIN_DICTIONARY, BUILTIN_NAME, DictIssue, Dictionary};
use crate::document::Document;
use crate::span::TextSpan;

/// jieba's HMM finds words its dictionary lacks (names above all); keep it on everywhere.
const USE_HMM: bool = true;

static SHARED: LazyLock<Arc<Segmenter>> = LazyLock::new(|| {
    let mut segmenter = Segmenter::builtin();
    if let Some(path) = dictionary::user_dictionary_path() {
        segmenter.add_dictionary_file(&path);
    }
    Arc::new(segmenter)
});

/// jieba plus our dictionaries. Build once (it takes a few hundred ms) and share.
#[derive(Clone)]
pub struct Segmenter {
    jieba: Jieba,
    /// Tags from our dictionaries win over jieba's (it keeps the tag of a word it knows).
    tag_overrides: HashMap<String, String>,
    issues: Vec<DictIssue>,
}

/// A word with its part-of-speech tag, span relative to the text that was tagged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaggedWord<'a> {
    pub span: TextSpan,
    pub word: &'a str,
    pub tag: &'a str,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter")
            .field("tag_overrides", &self.tag_overrides.len())
            .field("issues", &self.issues)
            .finish_non_exhaustive()
    }
}

impl Segmenter {
    /// The process-wide instance: jieba's dictionary, the built-in one and the user's one.
    /// The first call loads it; the app calls it from a background job at start-up.
    pub fn shared() -> Arc<Segmenter> {
        Arc::clone(&SHARED)
    }

    /// The shared instance, extended with the `pangzhu.dict` files beside `documents` if any
    /// exist (then a private copy is made).
    pub fn for_documents(documents: &[PathBuf]) -> Arc<Segmenter> {
        let mut folders: Vec<PathBuf> = documents
            .iter()
            .map(|p| dictionary::set_dictionary_path(p))
            .filter(|p| p.is_file())
            .collect();
        folders.sort();
        folders.dedup();
        let shared = Self::shared();
        if folders.is_empty() {
            return shared;
        }
        let mut own = (*shared).clone();
        for path in &folders {
            own.add_dictionary_file(path);
        }
        Arc::new(own)
    }

    /// jieba's dictionary plus the built-in one, no user files.
    pub fn builtin() -> Self {
        let mut segmenter = Self {
            jieba: Jieba::new(),
            tag_overrides: HashMap::new(),
            issues: Vec::new(),
        };
        segmenter.add_dictionary(&dictionary::parse(BUILTIN_DICTIONARY, BUILTIN_NAME));
        segmenter
    }

    /// Add a dictionary file; a missing file adds nothing, an unreadable one is reported.
    pub fn add_dictionary_file(&mut self, path: &Path) {
        match dictionary::load_file(path) {
            Ok(dict) => self.add_dictionary(&dict),
            Err(err) => self.issues.push(DictIssue {
                file: path.display().to_string(),
                line: 0,
                message: err.to_string(),
            }),
        }
    }

    pub fn add_dictionary(&mut self, dict: &Dictionary) {
        for entry in &dict.entries {
            let tag = entry.tag.as_deref();
            self.jieba.add_word(&entry.word, entry.freq, tag);
            if let Some(tag) = tag {
                self.tag_overrides
                    .insert(entry.word.clone(), tag.to_owned());
            }
        }
        self.issues.extend(dict.issues.iter().cloned());
    }

    /// Lines of the loaded dictionaries that were skipped, with file and line.
    pub fn issues(&self) -> &[DictIssue] {
        &self.issues
    }

    pub fn jieba(&self) -> &Jieba {
        &self.jieba
    }

    /// Words of `text` (spans relative to `text`), covering all of it.
    pub fn cut(&self, text: &str) -> Vec<TextSpan> {
        self.jieba
            .cut(text, USE_HMM)
            .into_iter()
            .map(|t| TextSpan::new(t.byte_start, t.byte_end))
            .collect()
    }

    /// Words of `text` with their tags (our dictionaries' tags first).
    pub fn tag<'a>(&'a self, text: &'a str) -> Vec<TaggedWord<'a>> {
        self.jieba
            .tag(text, USE_HMM)
            .into_iter()
            .map(|t| TaggedWord {
                span: TextSpan::new(t.byte_start, t.byte_end),
                word: t.word,
                tag: self.tag_overrides.get(t.word).map_or(t.tag, String::as_str),
            })
            .collect()
    }

    /// The tag our dictionaries give `word`, if any.
    pub fn dictionary_tag(&self, word: &str) -> Option<&str> {
        self.tag_overrides.get(word).map(String::as_str)
    }

    /// Words of our dictionaries that carry a tag (for matching terms jieba cannot keep whole,
    /// such as `中国—中亚峰会`, whose dash jieba always cuts at).
    pub fn tagged_terms(&self) -> impl Iterator<Item = (&str, &str)> {
        let mut terms: Vec<(&str, &str)> = self
            .tag_overrides
            .iter()
            .map(|(w, t)| (w.as_str(), t.as_str()))
            .collect();
        terms.sort_unstable();
        terms.into_iter()
    }

    /// Segment a document block by block (words never span the line breaks between blocks).
    pub fn segment(&self, doc: &Document) -> Segmentation {
        let mut words = Vec::with_capacity(doc.text().len() / 4);
        for block in doc.blocks() {
            let base = block.span.start();
            let text = doc.block_text(block);
            for token in self.jieba.cut(text, USE_HMM) {
                words.push(TextSpan::new(
                    base + token.byte_start,
                    base + token.byte_end,
                ));
            }
        }
        Segmentation { words }
    }
}

/// The words of a document, in order, as spans of its cleaned text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    words: Vec<TextSpan>,
}

impl Segmentation {
    pub fn from_words(mut words: Vec<TextSpan>) -> Self {
        words.sort();
        Self { words }
    }

    pub fn words(&self) -> &[TextSpan] {
        &self.words
    }

    /// The word holding byte `offset`.
    pub fn word_at(&self, offset: usize) -> Option<TextSpan> {
        let idx = self
            .words
            .partition_point(|w| w.start() <= offset)
            .checked_sub(1)?;
        self.words.get(idx).copied().filter(|w| w.contains(offset))
    }

    /// Whether a word starts or ends at `offset` (block starts and ends count).
    pub fn is_boundary(&self, offset: usize) -> bool {
        let idx = self.words.partition_point(|w| w.start() < offset);
        let starts_here = self.words.get(idx).is_some_and(|w| w.start() == offset);
        let ends_here = idx
            .checked_sub(1)
            .and_then(|i| self.words.get(i))
            .is_some_and(|w| w.end() == offset);
        starts_here || ends_here
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_terms_stay_whole_and_countries_are_places() {
        let seg = Segmenter::builtin();
        let text = "上海合作组织与中欧班列，哈萨克斯坦";
        let words: Vec<&str> = seg.cut(text).iter().filter_map(|s| s.slice(text)).collect();
        assert!(words.contains(&"上海合作组织"), "{words:?}");
        assert!(words.contains(&"中欧班列"), "{words:?}");
        let tags = seg.tag(text);
        let kz = tags.iter().find(|t| t.word == "哈萨克斯坦");
        assert_eq!(kz.map(|t| t.tag), Some("ns"));
    }

    #[test]
    fn segmentation_offsets_are_in_cleaned_text() {
        let doc = Document::from_text("t", "标题\n\n中国与中亚五国都建立起了全面战略伙伴关系。\n");
        let seg = Segmenter::builtin().segment(&doc);
        let text = doc.text();
        for w in seg.words() {
            assert!(w.slice(text).is_some_and(|s| !s.contains('\n')));
        }
        let at = text.find("战略").unwrap_or_default();
        assert_eq!(
            seg.word_at(at).and_then(|w| w.slice(text)),
            Some("战略伙伴")
        );
        assert!(seg.is_boundary(at));
        assert!(!seg.is_boundary(at + 3));
    }
}
