//! Aligning two versions of a text by matching paragraphs, for synced scrolling: the same
//! paragraph sits at different heights in two versions, so percentages drift.

use std::collections::HashMap;

use crate::document::chars::is_han;
use crate::document::{BlockKind, Document};

/// Characters of a paragraph's start that identify it (after dropping punctuation and spaces).
const KEY_CHARS: usize = 24;
/// Shorter paragraphs match too easily by chance.
const MIN_KEY_CHARS: usize = 8;

/// Pairs of matching blocks `(block in a, block in b)`, increasing in both.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alignment {
    pairs: Vec<(usize, usize)>,
}

impl Alignment {
    pub fn between(a: &Document, b: &Document) -> Self {
        let keys_b = unique_keys(b);
        let candidates: Vec<(usize, usize)> = paragraph_keys(a)
            .into_iter()
            .filter_map(|(block_a, key)| {
                keys_b
                    .get(&key)
                    .and_then(|m| *m)
                    .map(|block_b| (block_a, block_b))
            })
            .collect();
        Self {
            pairs: longest_increasing(&candidates),
        }
    }

    pub fn pairs(&self) -> &[(usize, usize)] {
        &self.pairs
    }

    /// The same alignment seen from `b`.
    pub fn reversed(&self) -> Self {
        Self {
            pairs: self.pairs.iter().map(|&(a, b)| (b, a)).collect(),
        }
    }

    /// The block of `b` that corresponds to `block_a`: the matched block, or the nearest
    /// match above it moved down by the same number of blocks (never past the next match).
    pub fn map(&self, block_a: usize) -> Option<usize> {
        let idx = self
            .pairs
            .partition_point(|&(a, _)| a <= block_a)
            .checked_sub(1)?;
        let (a, b) = *self.pairs.get(idx)?;
        let guess = b + (block_a - a);
        Some(match self.pairs.get(idx + 1) {
            Some(&(_, next_b)) => guess.min(next_b.saturating_sub(1).max(b)),
            None => guess,
        })
    }
}

fn key_of(text: &str) -> Option<String> {
    let key: String = text
        .chars()
        .filter(|c| is_han(*c) || c.is_alphanumeric())
        .take(KEY_CHARS)
        .collect();
    (key.chars().count() >= MIN_KEY_CHARS).then_some(key)
}

fn paragraph_keys(doc: &Document) -> Vec<(usize, String)> {
    doc.blocks()
        .iter()
        .enumerate()
        .filter(|(_, b)| {
            matches!(
                b.kind,
                BlockKind::Paragraph | BlockKind::Heading | BlockKind::Title
            )
        })
        .filter_map(|(i, b)| key_of(doc.block_text(b)).map(|k| (i, k)))
        .collect()
}

/// Key → block, or `None` for keys that occur more than once (ambiguous anchors).
fn unique_keys(doc: &Document) -> HashMap<String, Option<usize>> {
    let mut map: HashMap<String, Option<usize>> = HashMap::new();
    for (i, key) in paragraph_keys(doc) {
        map.entry(key).and_modify(|v| *v = None).or_insert(Some(i));
    }
    map
}

/// Longest subsequence increasing in the second element (the first already increases).
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[k]: index into `pairs` of the smallest tail of an increasing run of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; pairs.len()];
    for (i, &(_, b)) in pairs.iter().enumerate() {
        let pos = tails.partition_point(|&t| pairs.get(t).is_some_and(|p| p.1 < b));
        prev[i] = pos.checked_sub(1).and_then(|p| tails.get(p).copied());
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut out = Vec::new();
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        if let Some(p) = pairs.get(i) {
            out.push(*p);
        }
        cur = prev.get(i).copied().flatten();
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const P1: &str = "第一段讲的是中国与中亚国家之间的民间交往历史悠久源远流长。";
    const P2: &str = "第二段讨论了人文交流机制的建设以及未来的发展方向和主要挑战。";
    const P3: &str = "第三段总结全文并提出若干政策建议供有关部门参考借鉴使用。";

    #[test]
    fn matching_paragraphs_align_despite_insertions() {
        let a = Document::from_text(
            "a",
            &format!("一、甲\n　　{P1}\n二、乙\n　　{P2}\n三、丙\n　　{P3}\n"),
        );
        let extra = "新增加的一段文字在第二个版本里才出现因此没有对应的段落。";
        let b = Document::from_text(
            "b",
            &format!("一、甲\n　　{P1}\n四、丁\n　　{extra}\n二、乙\n　　{P2}\n三、丙\n　　{P3}\n"),
        );
        let al = Alignment::between(&a, &b);
        assert_eq!(al.pairs().len(), 3, "{al:?}");
        let p2_a = al.pairs()[1].0;
        let p2_b = al.pairs()[1].1;
        assert_eq!(al.map(p2_a), Some(p2_b));
        assert_eq!(al.reversed().map(p2_b), Some(p2_a));
        assert_ne!(p2_a, p2_b, "the inserted paragraph shifts the match");
    }

    #[test]
    fn longest_increasing_drops_crossing_matches() {
        let pairs = [(0, 0), (1, 5), (2, 1), (3, 2), (4, 3)];
        assert_eq!(
            longest_increasing(&pairs),
            vec![(0, 0), (2, 1), (3, 2), (4, 3)]
        );
    }
}
