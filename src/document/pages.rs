//! Pages of a raw text: pdftotext ends every page with a form feed (U+000C), so page *n*
//! starts after the (n−1)-th form feed. A text without form feeds has no pages.

/// A rectangle on a page, in the page's points (origin top left, y down).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PageRect {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl PageRect {
    pub fn union(self, o: Self) -> Self {
        Self {
            x0: self.x0.min(o.x0),
            y0: self.y0.min(o.y0),
            x1: self.x1.max(o.x1),
            y1: self.y1.max(o.y1),
        }
    }

    fn distance2(&self, x: f32, y: f32) -> f32 {
        let dx = (self.x0 - x).max(0.0).max(x - self.x1);
        let dy = (self.y0 - y).max(0.0).max(y - self.y1);
        dx * dx + dy * dy
    }
}

/// One word of a page and where its characters lie in the raw text.
#[derive(Debug, Clone, PartialEq)]
pub struct WordBox {
    pub raw: std::ops::Range<usize>,
    pub rect: PageRect,
}

/// A page's size and its words in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageBoxes {
    pub width: f32,
    pub height: f32,
    pub words: Vec<WordBox>,
}

/// Where the raw text lies on the pages of the source (a PDF): the page view draws the
/// selection and highlights with it, and turns a click on a page into a text position.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageGeometry {
    pub pages: Vec<PageBoxes>,
}

impl PageGeometry {
    /// Rectangles covering raw bytes `raw` of `text`, one per line of words, as (page 1-based,
    /// rect). A word only partly covered is cut in proportion to its characters.
    pub fn rects(&self, text: &str, raw: std::ops::Range<usize>) -> Vec<(u32, PageRect)> {
        let mut out: Vec<(u32, PageRect)> = Vec::new();
        for (i, page) in self.pages.iter().enumerate() {
            let first = page.words.partition_point(|w| w.raw.end <= raw.start);
            for w in page.words[first..]
                .iter()
                .take_while(|w| w.raw.start < raw.end)
            {
                let n = i as u32 + 1;
                let rect = part_of(text, w, raw.start.max(w.raw.start)..raw.end.min(w.raw.end));
                match out.last_mut() {
                    // Words of one line (overlapping vertically, going right) share a rectangle.
                    Some((p, r))
                        if *p == n && rect.y0 < r.y1 && rect.y1 > r.y0 && rect.x0 >= r.x0 =>
                    {
                        *r = r.union(rect);
                    }
                    _ => out.push((n, rect)),
                }
            }
        }
        out
    }

    /// The raw byte shown nearest to point (`x`, `y`) on page `page` (1-based).
    pub fn raw_at(&self, text: &str, page: u32, x: f32, y: f32) -> Option<usize> {
        let page = self.pages.get(page.checked_sub(1)? as usize)?;
        let w = page
            .words
            .iter()
            .min_by(|a, b| a.rect.distance2(x, y).total_cmp(&b.rect.distance2(x, y)))?;
        let word = text.get(w.raw.clone())?;
        let n = word.chars().count().max(1);
        let width = (w.rect.x1 - w.rect.x0).max(f32::EPSILON);
        let k = (((x - w.rect.x0) / width).clamp(0.0, 1.0) * n as f32) as usize;
        let k = k.min(n - 1);
        Some(w.raw.start + word.char_indices().nth(k).map_or(0, |(i, _)| i))
    }
}

/// The part of word `w`'s box that shows raw bytes `part` (characters assumed equally wide).
fn part_of(text: &str, w: &WordBox, part: std::ops::Range<usize>) -> PageRect {
    let Some(word) = text.get(w.raw.clone()) else {
        return w.rect;
    };
    let n = word.chars().count().max(1) as f32;
    let before = text
        .get(w.raw.start..part.start)
        .map_or(0, |s| s.chars().count()) as f32;
    let inside = text.get(part.clone()).map_or(0, |s| s.chars().count()) as f32;
    let width = w.rect.x1 - w.rect.x0;
    PageRect {
        x0: w.rect.x0 + width * before / n,
        x1: w.rect.x0 + width * (before + inside) / n,
        ..w.rect
    }
}

/// Byte offsets where pages 2, 3, … start.
#[derive(Debug, Clone, Default)]
pub struct PageTable {
    starts: Vec<usize>,
    count: u32,
}

impl PageTable {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let feeds: Vec<usize> = memchr::memchr_iter(0x0c, bytes).collect();
        if feeds.is_empty() {
            return Self::default();
        }
        // A final form feed closes the last page rather than opening an empty one.
        let trailing = bytes[feeds[feeds.len() - 1] + 1..]
            .iter()
            .all(u8::is_ascii_whitespace);
        let count = feeds.len() as u32 + u32::from(!trailing);
        Self {
            starts: feeds.iter().map(|f| f + 1).collect(),
            count,
        }
    }

    /// First raw line (1-based) of page `page`.
    pub fn first_line(&self, raw: &crate::document::RawText, page: u32) -> u32 {
        let byte = match page.checked_sub(2) {
            None => 0,
            Some(i) => self.starts.get(i as usize).map_or(0, |s| s - 1),
        };
        raw.pos_of_byte(byte).line
    }

    pub fn has_pages(&self) -> bool {
        self.count > 0
    }

    pub fn count(&self) -> u32 {
        self.count
    }

    /// Page (1-based) holding raw byte `byte`; the form feed itself belongs to the next page.
    pub fn page_of_byte(&self, byte: usize) -> u32 {
        let page = self.starts.partition_point(|&s| s <= byte + 1) as u32 + 1;
        page.min(self.count.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rects_follow_lines_and_points_find_words() {
        let rect = |x0, y0, x1, y1| PageRect { x0, y0, x1, y1 };
        let g = PageGeometry {
            pages: vec![PageBoxes {
                width: 100.0,
                height: 100.0,
                words: vec![
                    WordBox {
                        raw: 0..6,
                        rect: rect(10.0, 10.0, 30.0, 20.0),
                    },
                    WordBox {
                        raw: 7..12,
                        rect: rect(32.0, 10.0, 60.0, 20.0),
                    },
                    WordBox {
                        raw: 13..18,
                        rect: rect(10.0, 25.0, 40.0, 35.0),
                    },
                ],
            }],
        };
        let text = "abcdef ghijk lmnop";
        let r = g.rects(text, 3..15);
        assert_eq!(r.len(), 2, "two lines: {r:?}");
        assert_eq!(
            r[0],
            (1, rect(20.0, 10.0, 60.0, 20.0)),
            "half of the first word"
        );
        assert_eq!(g.raw_at(text, 1, 12.0, 30.0), Some(13));
        assert_eq!(
            g.raw_at(text, 1, 29.0, 15.0),
            Some(5),
            "last char of abcdef"
        );
        assert_eq!(g.raw_at(text, 2, 0.0, 0.0), None);
    }

    #[test]
    fn pages_follow_form_feeds() {
        let t = "p1\n\u{c}p2 a\n\u{c}p3\n\u{c}";
        let p = PageTable::new(t);
        assert_eq!(p.count(), 3);
        assert_eq!(p.page_of_byte(0), 1);
        assert_eq!(p.page_of_byte(3), 2, "the form feed opens page 2");
        assert_eq!(p.page_of_byte(4), 2);
        assert_eq!(p.page_of_byte(t.find("p3").unwrap_or(0)), 3);
        assert!(!PageTable::new("no pages").has_pages());
        assert_eq!(PageTable::new("a\u{c}b").count(), 2);
    }
}
