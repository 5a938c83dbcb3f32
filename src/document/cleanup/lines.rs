//! First pass: every raw line measured once (content bounds, indent, width), and the layout of
//! the whole file guessed from those measurements.

use crate::document::chars::{char_width, is_cjk};
use crate::document::raw::RawText;

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
    /// Median width of the text lines around this one: the column it was wrapped at, which
    /// changes where a newspaper flows around photos.
    pub column: usize,
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
    raw.lines()
        .map(|(n, start, text)| {
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
            let trimmed_end = text.trim_end().len().max(content_start);
            let content_end = trimmed_end;
            let trailing_space = (content_end < text.len()).then_some(start + content_end);
            let content = &text[content_start..content_end];
            let (mut width, mut chars, mut visible) = (0, 0, 0);
            for c in content.chars() {
                width += char_width(c);
                chars += 1;
                visible += usize::from(!c.is_whitespace());
            }
            Line {
                n: n as u32,
                start,
                text,
                content_start,
                content_end,
                indent: if form_feed { 0 } else { indent },
                form_feed,
                trailing_space,
                width,
                chars,
                visible,
                column: 0,
            }
        })
        .collect()
}

/// Fill [`Line::column`]: the median width of up to four text lines on each side.
pub fn measure_columns(lines: &mut [Line<'_>], fallback: usize) {
    let text: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].char_len() >= 4)
        .collect();
    for line in lines.iter_mut() {
        line.column = fallback;
    }
    let mut widths = Vec::with_capacity(8);
    for (k, &i) in text.iter().enumerate() {
        widths.clear();
        let lo = k.saturating_sub(4);
        let hi = (k + 5).min(text.len());
        widths.extend((lo..hi).filter(|&m| m != k).map(|m| lines[text[m]].width));
        if widths.len() >= 2 {
            widths.sort_unstable();
            lines[i].column = percentile(&widths, 50);
        }
    }
}

/// How the file was laid out by the tool that extracted it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// A blank line after (nearly) every text line: blank lines carry no paragraph information.
    pub interleaved_blanks: bool,
    /// Each text line is a whole paragraph (only page breaks split them).
    pub line_per_paragraph: bool,
    /// Typical width of a wrapped text line, in display cells.
    pub column: usize,
    /// Typical indent of a text line (pdftotext -layout keeps a left margin).
    pub base_indent: usize,
}

pub fn detect_layout(lines: &[Line<'_>]) -> Layout {
    let text_lines: Vec<&Line<'_>> = lines.iter().filter(|l| !l.is_blank()).collect();
    // The empty "line" after a final newline says nothing about interleaving.
    let body = match lines.last() {
        Some(last) if last.text.is_empty() => &lines[..lines.len() - 1],
        _ => lines,
    };
    let followed_by_blank = body
        .windows(2)
        .filter(|w| !w[0].is_blank() && w[1].is_blank())
        .count();
    let interleaved_blanks =
        text_lines.len() >= 3 && followed_by_blank * 10 >= text_lines.len() * 7;
    let mut widths: Vec<usize> = text_lines
        .iter()
        .filter(|l| l.content().chars().any(is_cjk) || l.width > 20)
        .map(|l| l.width)
        .collect();
    widths.sort_unstable();
    let p75 = percentile(&widths, 75);
    let column = percentile(&widths, 60).max(1);
    let mut indents: Vec<usize> = text_lines.iter().map(|l| l.indent).collect();
    indents.sort_unstable();
    Layout {
        interleaved_blanks,
        line_per_paragraph: p75 > 120,
        column,
        base_indent: mode(&indents),
    }
}

pub fn percentile(sorted: &[usize], p: usize) -> usize {
    if sorted.is_empty() {
        return 0;
    }
    sorted[(sorted.len() - 1) * p / 100]
}

fn mode(sorted: &[usize]) -> usize {
    let mut best = (0, 0);
    let mut i = 0;
    while i < sorted.len() {
        let j = sorted[i..].iter().take_while(|&&v| v == sorted[i]).count();
        if j > best.1 {
            best = (sorted[i], j);
        }
        i += j;
    }
    best.0
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

    #[test]
    fn detects_interleaving_and_paragraph_lines() {
        let wrapped = "一二三四五六七八九十\n\n一二三四五六七八九十\n\n一二三。\n\n";
        let raw = RawText::new(wrapped);
        let layout = detect_layout(&scan(&raw));
        assert!(layout.interleaved_blanks && !layout.line_per_paragraph);
        let long = "中".repeat(200);
        let raw = RawText::new(&format!("{long}\n{long}\n{long}"));
        let layout = detect_layout(&scan(&raw));
        assert!(!layout.interleaved_blanks && layout.line_per_paragraph);
    }
}
