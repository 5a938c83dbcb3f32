//! The decoded raw file, split into lines exactly as `sed -n Np` counts them.

use serde::Serialize;

/// A position in the raw file: 1-based line, 1-based column in Unicode code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct RawPos {
    pub line: u32,
    pub col: u32,
}

/// Decoded text of the file with line endings normalised to `\n` (CRLF and lone CR both end a
/// line, so line numbers match what an editor shows).
#[derive(Debug, Clone)]
pub struct RawText {
    text: String,
    line_starts: Vec<usize>,
}

impl RawText {
    pub fn new(decoded: &str) -> Self {
        Self::from_string(decoded.to_owned())
    }

    /// Like [`Self::new`], taking ownership so the usual file (no CR) is not copied again.
    pub fn from_string(decoded: String) -> Self {
        let text = if memchr::memchr(b'\r', decoded.as_bytes()).is_some() {
            decoded.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            decoded
        };
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self { text, line_starts }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Number of lines (a final newline opens one more, empty line, as editors show it).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Line `n` (1-based) without its newline.
    pub fn line(&self, n: usize) -> Option<&str> {
        let start = *self.line_starts.get(n.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(n)
            .map_or(self.text.len(), |next| next - 1);
        self.text.get(start..end)
    }

    /// Byte offset in [`Self::text`] where line `n` (1-based) starts.
    pub fn line_start(&self, n: usize) -> Option<usize> {
        self.line_starts.get(n.checked_sub(1)?).copied()
    }

    /// Iterate `(line_number, line_start_byte, line_text)`.
    pub fn lines(&self) -> impl Iterator<Item = (usize, usize, &str)> {
        (1..=self.line_count()).filter_map(move |n| {
            let start = self.line_start(n)?;
            Some((n, start, self.line(n)?))
        })
    }

    /// Line/column of a byte offset (clamped into the text).
    pub fn pos_of_byte(&self, byte: usize) -> RawPos {
        let byte = byte.min(self.text.len());
        let idx = self.line_starts.partition_point(|&s| s <= byte) - 1;
        let start = self.line_starts[idx];
        let col = self.text.get(start..byte).map_or(0, |s| s.chars().count());
        RawPos {
            line: (idx + 1) as u32,
            col: col as u32 + 1,
        }
    }

    /// Byte offset of a line/column, if that position exists (a column one past the end of a
    /// line is accepted and points at the newline).
    pub fn byte_of_pos(&self, pos: RawPos) -> Option<usize> {
        let line = self.line(pos.line as usize)?;
        let start = self.line_start(pos.line as usize)?;
        let col = (pos.col as usize).checked_sub(1)?;
        if col == line.chars().count() {
            return Some(start + line.len());
        }
        line.char_indices().nth(col).map(|(b, _)| start + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_like_sed() {
        let raw = RawText::new("一\n\n二三\r\n四");
        assert_eq!(raw.line_count(), 4);
        assert_eq!(raw.line(3), Some("二三"));
        assert_eq!(raw.line(4), Some("四"));
        assert_eq!(raw.line(5), None);
        let b = raw.byte_of_pos(RawPos { line: 3, col: 2 }).unwrap_or(0);
        assert_eq!(&raw.text()[b..b + 3], "三");
        assert_eq!(raw.pos_of_byte(b), RawPos { line: 3, col: 2 });
    }

    #[test]
    fn trailing_newline_opens_an_empty_line() {
        let raw = RawText::new("a\n");
        assert_eq!(raw.line_count(), 2);
        assert_eq!(raw.line(2), Some(""));
    }
}
