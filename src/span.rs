//! [`TextSpan`]: the one offset unit of the engine — a byte range of a document's cleaned text,
//! always on `char` boundaries. Conversions to raw line/column live in `document::source_map`,
//! conversions to egui char cursors live in `ui/`.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` in a cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TextSpan {
    start: usize,
    end: usize,
}

impl TextSpan {
    /// A span; `end` is clamped to be at least `start`.
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start,
            end: end.max(start),
        }
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    pub fn overlaps(&self, other: &TextSpan) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers, or `None` if it is out of bounds or not on char boundaries.
    /// The part both spans cover, `None` if they do not overlap.
    pub fn intersect(&self, other: TextSpan) -> Option<TextSpan> {
        let start = self.start().max(other.start());
        let end = self.end().min(other.end());
        (start < end).then(|| TextSpan::new(start, end))
    }

    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.start..self.end)
    }

    /// Snap a byte range onto char boundaries of `text` (start rounds down, end rounds up).
    pub fn snapped(text: &str, start: usize, end: usize) -> Self {
        let mut s = start.min(text.len());
        while !text.is_char_boundary(s) {
            s -= 1;
        }
        let mut e = end.clamp(s, text.len());
        while !text.is_char_boundary(e) {
            e += 1;
        }
        Self::new(s, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapping_respects_char_boundaries() {
        let text = "中文ab";
        let span = TextSpan::snapped(text, 1, 4);
        assert_eq!(span, TextSpan::new(0, 6));
        assert_eq!(span.slice(text), Some("中文"));
    }

    #[test]
    fn new_clamps_inverted_ranges() {
        assert!(TextSpan::new(5, 2).is_empty());
        assert!(TextSpan::new(1, 3).overlaps(&TextSpan::new(2, 9)));
        assert!(!TextSpan::new(1, 3).overlaps(&TextSpan::new(3, 9)));
    }
}
