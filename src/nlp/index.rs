//! A search index for one document: its folded text, postings of every folded char bigram, and
//! its word boundaries. A literal query looks up its rarest bigram and checks only those places.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::fold::Folded;
use super::{Segmentation, Segmenter};
use crate::document::Document;
use crate::span::TextSpan;

/// Multiplicative hashing for the `u64` bigram keys (SipHash is needlessly slow here).
#[derive(Default)]
struct BigramHasher(u64);

impl Hasher for BigramHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ (n >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type Postings = HashMap<u64, Vec<u32>, BuildHasherDefault<BigramHasher>>;

fn bigram_key(a: char, b: char) -> u64 {
    (u64::from(u32::from(a)) << 32) | u64::from(u32::from(b))
}

/// Everything search needs about one document, built once after loading.
#[derive(Debug, Clone)]
pub struct DocumentIndex {
    folded: Folded,
    /// Folded byte offsets where each bigram starts; `None` for a one-off search, which scans
    /// the text instead (building postings costs more than one scan).
    bigrams: Option<Postings>,
    words: Segmentation,
    /// One bit per byte of the cleaned text: does a word start or end there? Whole-word
    /// search tests both ends of every literal match; a binary search of the word list for
    /// each (millions of words in 20 MB, cache misses all the way) made it 4× slower than the
    /// literal search itself.
    boundaries: Vec<u64>,
}

impl DocumentIndex {
    /// Fold, post and segment `doc` (segmentation dominates the cost).
    pub fn build(doc: &Document, segmenter: &Segmenter) -> Self {
        Self::with_words(doc, segmenter.segment(doc))
    }

    /// Build from a segmentation the caller already has.
    pub fn with_words(doc: &Document, words: Segmentation) -> Self {
        Self::for_text(doc.text(), words)
    }

    /// Build from a cleaned text alone (the library keeps texts, not documents).
    pub fn for_text(text: &str, words: Segmentation) -> Self {
        Self::from_folded(Folded::new(text), text.len(), words)
    }

    /// Build from the text already folded (`text_len`: bytes of the cleaned text).
    pub fn from_folded(folded: Folded, text_len: usize, words: Segmentation) -> Self {
        let bigrams = Some(post_bigrams(folded.text()));
        let boundaries = boundary_bits(&words, text_len);
        Self {
            folded,
            bigrams,
            words,
            boundaries,
        }
    }

    /// An index for one search (the library's check of a stored document): no bigram
    /// postings; literal matches are found by scanning, with the same results.
    pub fn for_one_search(folded: Folded, text_len: usize, words: Segmentation) -> Self {
        let boundaries = boundary_bits(&words, text_len);
        Self {
            folded,
            bigrams: None,
            words,
            boundaries,
        }
    }

    /// Replace the word boundaries, keeping the folded text and postings (the library
    /// segments only the blocks a whole-word query has literal matches in).
    pub fn set_words(&mut self, words: Segmentation) {
        // Same bit-vector length as before: `boundary_bits` sizes it from the text length.
        let text_len = self.boundaries.len().saturating_sub(1) * 64;
        self.boundaries = boundary_bits(&words, text_len);
        self.words = words;
    }

    /// Whether a word starts or ends at byte `offset` of the cleaned text (as
    /// [`Segmentation::is_boundary`], in constant time).
    pub fn is_boundary(&self, offset: usize) -> bool {
        self.boundaries
            .get(offset / 64)
            .is_some_and(|w| w & (1 << (offset % 64)) != 0)
    }

    pub fn words(&self) -> &Segmentation {
        &self.words
    }

    pub fn folded(&self) -> &Folded {
        &self.folded
    }

    /// Spans of the cleaned text matching an already folded literal.
    pub fn find_literal(&self, folded_query: &str) -> Vec<TextSpan> {
        let text = self.folded.text();
        let chars: Vec<char> = folded_query.chars().collect();
        let starts: Vec<usize> = if chars.len() < 2 {
            text.match_indices(folded_query).map(|(i, _)| i).collect()
        } else if self.bigrams.is_none() {
            overlapping_matches(text, folded_query)
        } else {
            self.candidates(folded_query, &chars)
        };
        starts
            .into_iter()
            .map(|s| self.original_span(s, s + folded_query.len()))
            .collect()
    }

    /// Query starts (folded bytes) found through the query's rarest bigram.
    fn candidates(&self, query: &str, chars: &[char]) -> Vec<usize> {
        let text = self.folded.text();
        let mut best: Option<(usize, &[u32])> = None;
        let mut lead = 0;
        for pair in chars.windows(2) {
            let [a, b] = pair else { continue };
            let postings = self
                .bigrams
                .as_ref()
                .and_then(|postings| postings.get(&bigram_key(*a, *b)))
                .map_or(&[][..], Vec::as_slice);
            if best.is_none_or(|(_, p)| postings.len() < p.len()) {
                best = Some((lead, postings));
            }
            lead += a.len_utf8();
        }
        let Some((lead, postings)) = best else {
            return Vec::new();
        };
        postings
            .iter()
            .filter_map(|&p| (p as usize).checked_sub(lead))
            .filter(|&s| text.get(s..).is_some_and(|rest| rest.starts_with(query)))
            .collect()
    }

    /// Map a folded byte range back to the cleaned text.
    pub fn original_span(&self, start: usize, end: usize) -> TextSpan {
        TextSpan::new(
            self.folded.original_offset(start),
            self.folded.original_offset(end),
        )
    }
}

/// Every start of `query` in `text`, overlapping ones too (as the bigram candidates give).
fn overlapping_matches(text: &str, query: &str) -> Vec<usize> {
    let finder = memchr::memmem::Finder::new(query.as_bytes());
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = finder.find(&bytes[from..]) {
        let at = from + i;
        out.push(at);
        // The next start is a char later: a UTF-8 query only matches at char starts.
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

fn boundary_bits(words: &Segmentation, text_len: usize) -> Vec<u64> {
    let mut bits = vec![0u64; text_len / 64 + 1];
    let mut set = |offset: usize| {
        if let Some(w) = bits.get_mut(offset / 64) {
            *w |= 1 << (offset % 64);
        }
    };
    for word in words.words() {
        set(word.start());
        set(word.end());
    }
    bits
}

fn post_bigrams(text: &str) -> Postings {
    let mut postings = Postings::default();
    let mut chars = text.char_indices().peekable();
    while let Some((i, a)) = chars.next() {
        let Some(&(_, b)) = chars.peek() else { break };
        if a == '\n' || b == '\n' {
            continue;
        }
        let at = u32::try_from(i).unwrap_or(u32::MAX);
        postings.entry(bigram_key(a, b)).or_default().push(at);
    }
    postings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::fold::fold_str;

    #[test]
    fn a_one_search_index_scans_to_the_same_matches_as_the_postings() {
        let text = "上海合作组织（上合組織）aaaa 上海合作组织成立。ＡＢab 合作合作合作";
        let indexed = DocumentIndex::for_text(text, Segmentation::default());
        let folded = crate::nlp::fold::Folded::new(text);
        let scanned = DocumentIndex::for_one_search(folded, text.len(), Segmentation::default());
        for q in [
            "上海合作组织",
            "合作合作",
            "aa",
            "ab",
            "AB",
            "組織",
            "合",
            "不在",
            "作组",
        ] {
            let q = fold_str(q);
            assert_eq!(scanned.find_literal(&q), indexed.find_literal(&q), "{q}");
        }
        assert_eq!(
            scanned.find_literal(&fold_str("aa")).len(),
            3,
            "overlapping"
        );
    }

    #[test]
    fn literal_lookup_finds_every_occurrence_with_original_offsets() {
        let doc = Document::from_text("t", "标题\n\nＡ中亞與中亚，中亚五国。\n");
        let index = DocumentIndex::with_words(&doc, Segmentation::default());
        let text = doc.text();
        let found: Vec<&str> = index
            .find_literal(&fold_str("中亚"))
            .iter()
            .filter_map(|s| s.slice(text))
            .collect();
        assert_eq!(found, ["中亞", "中亚", "中亚"]);
        assert_eq!(index.find_literal(&fold_str("與")).len(), 1);
        assert!(index.find_literal(&fold_str("不在")).is_empty());
    }

    #[test]
    fn boundary_bits_agree_with_the_word_list() {
        let doc = Document::from_text("t", "标题\n\n中国与中亚五国都建立起了全面战略伙伴关系。\n");
        let index = DocumentIndex::build(&doc, &crate::nlp::Segmenter::builtin());
        for offset in 0..=doc.text().len() + 70 {
            assert_eq!(
                index.is_boundary(offset),
                index.words().is_boundary(offset),
                "{offset}"
            );
        }
    }
}
