//! First pass: every raw line measured once (content bounds, indent, width), and the layout of
//! the whole file guessed from those measurements.
//! The characters of a line are measured in [`measure`]; the columns and the layout in
//! [`layout`].

mod layout;
mod measure;

pub use layout::{Layout, detect_layout, measure_columns, mode, percentile};

use std::ops::Range;

use super::doubled::{Screened, TrigramSlots};
use crate::document::raw::RawText;
use measure::{Measures, measure};

/// One raw line, measured.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// 1-based line number.
    pub n: u32,
    /// Byte offset of the line start in the raw text.
    pub start: usize,
    /// The whole line, without its newline.
    pub text: &'a str,
    /// Byte range of the content inside `text` (leading/trailing whitespace and form feeds cut).
    pub content_start: usize,
    pub content_end: usize,
    /// Leading whitespace characters (spaces, tabs, ideographic spaces), form feeds excluded.
    pub indent: usize,
    /// The line starts a page (a form feed before its content).
    pub form_feed: bool,
    /// Raw byte offset of the first trailing whitespace character, if there is one.
    pub trailing_space: Option<usize>,
    /// Display width of the content (CJK counts 2).
    pub width: usize,
    /// Number of characters in the content, counted once here because every pass asks.
    pub chars: usize,
    /// Number of those characters that are not whitespace.
    pub visible: usize,
    /// The content holds U+FFFD (a character lost in decoding).
    pub replacement: bool,
    /// The content holds no whitespace and no control character.
    pub plain: bool,
    /// The content's only whitespace is the space (U+0020), and it holds no control character.
    pub only_spaces: bool,
    /// The content holds a byte Markdown remnants start with (`*`, `<`, `^`).
    pub markdown: bool,
    /// What the doubled-line test needs to know of the content (only fed when the content is
    /// long enough for the test to look at it).
    pub doubled: Screened,
    /// Median width of the text lines around this one: the column it was wrapped at, which
    /// changes where a newspaper flows around photos.
    pub column: usize,
    /// A margin note or side-column text split off the body text of its line.
    pub margin: bool,
}

impl<'a> Line<'a> {
    pub fn content(&self) -> &'a str {
        &self.text[self.content_start..self.content_end]
    }

    pub fn is_blank(&self) -> bool {
        self.content_start == self.content_end
    }

    /// Raw byte offset of the content start.
    pub fn content_raw(&self) -> usize {
        self.start + self.content_start
    }

    /// Number of characters in the content.
    pub fn char_len(&self) -> usize {
        self.chars
    }
}

pub fn scan(raw: &RawText) -> Vec<Line<'_>> {
    let mut slots = TrigramSlots::default();
    let mut lines = Vec::with_capacity(raw.line_count());
    lines.extend(raw.lines().map(|(n, start, text)| {
        let mut indent = 0;
        let mut form_feed = false;
        let mut content_start = text.len();
        for (i, c) in text.char_indices() {
            if c == '\x0c' {
                form_feed = true;
            } else if c.is_whitespace() {
                indent += 1;
            } else {
                content_start = i;
                break;
            }
        }
        let content_end = text.trim_end().len().max(content_start);
        let indent = if form_feed { 0 } else { indent };
        let m = measure(&text[content_start..content_end], &mut slots);
        Line::measured(
            n as u32,
            start,
            text,
            content_start..content_end,
            indent,
            form_feed,
            m,
        )
    }));
    lines
}

impl<'a> Line<'a> {
    /// A line of `text` (starting at raw byte `start`) whose content is `content`, with the
    /// measures of that content.
    fn measured(
        n: u32,
        start: usize,
        text: &'a str,
        content: Range<usize>,
        indent: usize,
        form_feed: bool,
        m: Measures,
    ) -> Self {
        Line {
            n,
            start,
            text,
            content_start: content.start,
            content_end: content.end,
            indent,
            form_feed,
            trailing_space: (content.end < text.len()).then_some(start + content.end),
            width: m.width,
            chars: m.chars,
            visible: m.visible,
            replacement: m.replacement,
            plain: m.plain,
            only_spaces: m.only_spaces,
            markdown: m.markdown,
            doubled: m.doubled,
            column: 0,
            margin: false,
        }
    }
}

/// The bytes `from..to` of `line.text` (trimmed content) as a line of their own that starts at
/// `indent`: a margin note and the body text beside it on one raw line.
pub fn part<'a>(
    line: &Line<'a>,
    from: usize,
    to: usize,
    indent: usize,
    slots: &mut TrigramSlots,
) -> Line<'a> {
    let m = measure(&line.text[from..to], slots);
    Line::measured(
        line.n,
        line.start,
        line.text,
        from..to,
        indent,
        line.form_feed,
        m,
    )
}

/// Line ranges of the pages: a page starts at a line with a form feed. Empty for a text
/// without form feeds (it has no pages to look at).
pub fn pages(lines: &[Line<'_>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.form_feed && i > start {
            out.push(start..i);
            start = i;
        }
    }
    if start < lines.len() {
        out.push(start..lines.len());
    }
    if out.len() < 2 { Vec::new() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_lines() {
        let raw = RawText::new(" 中文 \n\x0c  ab\n");
        let lines = scan(&raw);
        assert_eq!(lines[0].content(), "中文");
        assert_eq!(lines[0].indent, 1);
        assert_eq!(lines[0].trailing_space, Some(7));
        assert!(lines[1].form_feed);
        assert_eq!(lines[1].content(), "ab");
        assert!(lines[2].is_blank());
    }
}
