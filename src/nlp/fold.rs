//! Folding text for matching: traditional → simplified (zhconv, one char for one char), dash,
//! ellipsis, dot and bar variants, full-width ASCII → ASCII, ASCII lower case. Folding keeps the
//! number of chars, so a [`Folded`] text maps every folded offset back to the original one.

use std::sync::LazyLock;

/// One table entry per BMP code point: what that char folds to (context-free part only).
static FOLD_TABLE: LazyLock<Vec<char>> = LazyLock::new(build_fold_table);

/// Chars the PDF tools write for the dash joining two Chinese names (中国－中亚).
fn is_dash_variant(c: char) -> bool {
    matches!(
        c,
        '-' | '－' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '─' | '━' | '﹣' | '−'
    )
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

fn build_fold_table() -> Vec<char> {
    let mut table: Vec<char> = (0..=0xFFFF_u32)
        .map(|cp| char::from_u32(cp).unwrap_or('\u{FFFD}'))
        .collect();
    // Han: convert every ideograph once; a conversion that is not one char for one char is
    // skipped (folding must keep char positions).
    let han: Vec<char> = ('\u{3400}'..='\u{9FFF}')
        .chain('\u{F900}'..='\u{FAFF}')
        .collect();
    let joined: String = han.iter().flat_map(|&c| [c, '\n']).collect();
    let converted = zhconv::zhconv(&joined, zhconv::Variant::ZhHans);
    let lines: Vec<&str> = converted.split('\n').collect();
    if lines.len() >= han.len() {
        for (&from, line) in han.iter().zip(lines) {
            let mut chars = line.chars();
            if let (Some(to), None) = (chars.next(), chars.next()) {
                set(&mut table, from, to);
            }
        }
    }
    for cp in 0xFF01..=0xFF5E_u32 {
        if let (Some(from), Some(to)) = (char::from_u32(cp), char::from_u32(cp - 0xFEE0)) {
            set(&mut table, from, to.to_ascii_lowercase());
        }
    }
    for (from, to) in [
        ('⋯', '…'),
        ('•', '·'),
        ('‧', '·'),
        ('・', '·'),
        ('｜', '|'),
        ('\u{3000}', ' '),
        ('\u{00A0}', ' '),
    ] {
        set(&mut table, from, to);
    }
    for c in 'A'..='Z' {
        set(&mut table, c, c.to_ascii_lowercase());
    }
    table
}

fn set(table: &mut [char], from: char, to: char) {
    if let Some(slot) = table.get_mut(from as usize) {
        *slot = to;
    }
}

/// The context-free fold of one char.
pub fn fold_char(c: char) -> char {
    FOLD_TABLE.get(c as usize).copied().unwrap_or(c)
}

/// A folded copy of a text with the way back to the original byte offsets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    text: String,
    /// `(folded byte, original byte)` wherever the byte-length ratio changes; between two
    /// checkpoints folded and original offsets advance together.
    checkpoints: Vec<(u32, u32)>,
    /// For each [`BLOCK`] bytes of folded text, the last checkpoint at or before the block's
    /// start: a lookup searches one block's checkpoints, not all of them (a 20 MB text has
    /// about a million, two for every full-width comma or colon).
    blocks: Vec<u32>,
    original_len: usize,
}

/// Folded bytes per entry of [`Folded::blocks`].
const BLOCK: usize = 256;

impl Folded {
    /// Fold `original` (a dash between two CJK chars becomes `—`).
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut checkpoints = vec![(0, 0)];
        let mut in_step = true;
        let mut prev: Option<char> = None;
        let mut iter = original.char_indices().peekable();
        while let Some((orig_at, c)) = iter.next() {
            let next = iter.peek().map(|&(_, n)| n);
            let folded =
                if is_dash_variant(c) && prev.is_some_and(is_cjk) && next.is_some_and(is_cjk) {
                    '—'
                } else {
                    fold_char(c)
                };
            let same_len = folded.len_utf8() == c.len_utf8();
            if !same_len || !in_step {
                checkpoints.push((offset_u32(text.len()), offset_u32(orig_at)));
            }
            in_step = same_len;
            text.push(folded);
            prev = Some(c);
        }
        if !in_step {
            checkpoints.push((offset_u32(text.len()), offset_u32(original.len())));
        }
        let blocks = block_starts(&checkpoints, text.len());
        Self {
            text,
            checkpoints,
            blocks,
            original_len: original.len(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// `(folded byte, original byte)` checkpoints and the original length: with [`Self::text`],
    /// what [`Self::from_parts`] needs (the library stores them, so a query does not fold).
    pub fn parts(&self) -> (&[(u32, u32)], usize) {
        (&self.checkpoints, self.original_len)
    }

    /// A folded text from its [`Self::parts`]; `None` when the checkpoints cannot be this
    /// text's (not starting at `(0, 0)`, going backward, or past either end).
    pub fn from_parts(
        text: String,
        checkpoints: Vec<(u32, u32)>,
        original_len: usize,
    ) -> Option<Self> {
        let ordered = checkpoints
            .windows(2)
            .all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1);
        let inside = checkpoints
            .last()
            .is_some_and(|&(f, o)| f as usize <= text.len() && o as usize <= original_len);
        if checkpoints.first() != Some(&(0, 0)) || !ordered || !inside {
            return None;
        }
        let blocks = block_starts(&checkpoints, text.len());
        Some(Self {
            text,
            checkpoints,
            blocks,
            original_len,
        })
    }

    /// Original byte offset of a folded byte offset on a char boundary.
    pub fn original_offset(&self, folded: usize) -> usize {
        let at = offset_u32(folded);
        let block = folded / BLOCK;
        // The checkpoint wanted lies between the last ones before this block and the next.
        let (lo, hi) = match self.blocks.get(block) {
            Some(&lo) => (
                lo as usize,
                self.blocks
                    .get(block + 1)
                    .map_or(self.checkpoints.len(), |&hi| hi as usize + 1),
            ),
            None => (0, self.checkpoints.len()),
        };
        let (base, window) = match self.checkpoints.get(lo..hi) {
            Some(window) => (lo, window),
            None => (0, self.checkpoints.as_slice()),
        };
        let idx = (base + window.partition_point(|&(f, _)| f <= at)).saturating_sub(1);
        let (f, o) = self.checkpoints.get(idx).copied().unwrap_or((0, 0));
        (o as usize + (folded - f as usize)).min(self.original_len)
    }
}

/// For block `k`, the index of the last checkpoint at or before folded byte `k * BLOCK`.
fn block_starts(checkpoints: &[(u32, u32)], folded_len: usize) -> Vec<u32> {
    let mut blocks = Vec::with_capacity(folded_len / BLOCK + 1);
    let mut last = 0;
    for start in (0..=folded_len).step_by(BLOCK) {
        let start = offset_u32(start);
        while checkpoints.get(last + 1).is_some_and(|&(f, _)| f <= start) {
            last += 1;
        }
        blocks.push(u32::try_from(last).unwrap_or(u32::MAX));
    }
    blocks
}

fn offset_u32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// Fold a search query the way document text is folded.
pub fn fold_str(text: &str) -> String {
    Folded::new(text).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_folds_to_simplified() {
        assert_eq!(fold_str("上海合作組織與國際關係"), "上海合作组织与国际关系");
    }

    #[test]
    fn variants_fold_and_offsets_map_back() {
        let original = "中国－中亚峰会 ＡＢＣ⋯x";
        let folded = Folded::new(original);
        assert_eq!(folded.text(), "中国—中亚峰会 abc…x");
        let at = folded.text().find('x').unwrap_or_default();
        assert_eq!(&original[folded.original_offset(at)..], "x");
        let b = folded.text().find('b').unwrap_or_default();
        assert_eq!(&original[folded.original_offset(b)..], "ＢＣ⋯x");
    }

    #[test]
    fn dash_between_latin_stays() {
        assert_eq!(fold_str("5-1 中-亚"), "5-1 中—亚");
    }

    #[test]
    fn block_lookup_agrees_with_a_full_search() {
        // Many checkpoints (full-width marks fold to ASCII) across many blocks.
        let original = "中文，ＡＢ：ｃ；繁體字……—abc\n".repeat(200);
        let folded = Folded::new(&original);
        assert!(folded.blocks.len() > 10);
        for (at, _) in folded.text().char_indices() {
            let idx = folded
                .checkpoints
                .partition_point(|&(f, _)| f as usize <= at)
                .saturating_sub(1);
            let (f, o) = folded.checkpoints[idx];
            assert_eq!(folded.original_offset(at), o as usize + (at - f as usize));
        }
        assert_eq!(folded.original_offset(folded.text().len()), original.len());
    }
}
