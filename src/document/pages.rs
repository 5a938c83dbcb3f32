//! Pages of a raw text: pdftotext ends every page with a form feed (U+000C), so page *n*
//! starts after the (n−1)-th form feed. A text without form feeds has no pages.

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
