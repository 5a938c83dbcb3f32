//! First pass: every raw line measured once (content bounds, indent, width), and the layout of
//! the whole file guessed from those measurements.

use std::ops::Range;

use super::doubled::{DOUBLED_MIN_BYTES, DoubledScreen, Screened, TrigramSlots, utf8_key};
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

/// What [`measure`] finds in a line's content.
struct Measures {
    width: usize,
    chars: usize,
    visible: usize,
    replacement: bool,
    plain: bool,
    only_spaces: bool,
    markdown: bool,
    doubled: Screened,
}

/// Everything the later passes ask of every line's characters, in one pass, with the common
/// characters (ASCII, three-byte) decoded by hand: a character led by `E3`–`E9`
/// (U+3000–U+9FFF) is always wide.
fn measure(content: &str, slots: &mut TrigramSlots) -> Measures {
    // Only lines this long are tested for doubling; the others skip the screen altogether.
    if content.len() >= DOUBLED_MIN_BYTES {
        measure_with::<true>(content, slots)
    } else {
        measure_with::<false>(content, slots)
    }
}

fn measure_with<const SCREEN: bool>(content: &str, slots: &mut TrigramSlots) -> Measures {
    // Flags, packed so that the loop's state fits in registers.
    const CONTROL: u8 = 1;
    const MARKDOWN: u8 = 2;
    const REPLACEMENT: u8 = 4;
    const OTHER_SPACE: u8 = 8;
    let bytes = content.as_bytes();
    let (mut width, mut chars, mut spaces, mut flags) = (0, 0, 0, 0u8);
    let mut screen = SCREEN.then(|| DoubledScreen::new(slots));
    let mut i = 0;
    while i < bytes.len() {
        chars += 1;
        // Each arm yields the character's key (its bytes, see `utf8_key`) and visibility.
        let (key, is_visible) = match bytes[i..] {
            [b, ..] if b < 0x80 => {
                width += 1;
                i += 1;
                let space = b.is_ascii_whitespace() || b == 0x0B;
                flags |= (u8::from(b < 0x20 || b == 0x7F) * CONTROL)
                    | (u8::from(matches!(b, b'*' | b'<' | b'^')) * MARKDOWN)
                    | (u8::from(space && b != b' ') * OTHER_SPACE);
                (u32::from(b), !space)
            }
            // U+3000–U+9FFF: always wide, never a control character, and whitespace only as
            // U+3000 itself; no need to decode it.
            [b0 @ 0xE3..=0xE9, b1, b2, ..] => {
                width += 2;
                i += 3;
                let key = u32::from(b0) << 16 | u32::from(b1) << 8 | u32::from(b2);
                let space = key == utf8_key('\u{3000}');
                flags |= u8::from(space) * OTHER_SPACE;
                (key, !space)
            }
            // The other three-byte characters (U+0800–U+2FFF, U+A000–U+FFFF): decoded here;
            // none is a control character.
            [b0 @ 0xE0..=0xEF, b1, b2, ..] => {
                i += 3;
                let c = (u32::from(b0 & 0x0F) << 12)
                    | (u32::from(b1 & 0x3F) << 6)
                    | u32::from(b2 & 0x3F);
                let c = char::from_u32(c).unwrap_or_default();
                width += char_width(c);
                let space = c.is_whitespace();
                flags |=
                    (u8::from(c == '\u{FFFD}') * REPLACEMENT) | (u8::from(space) * OTHER_SPACE);
                (
                    u32::from(b0) << 16 | u32::from(b1) << 8 | u32::from(b2),
                    !space,
                )
            }
            _ => {
                let c = content[i..].chars().next().unwrap_or_default();
                width += char_width(c);
                let space = c.is_whitespace();
                flags |= (u8::from(c.is_control()) * CONTROL) | (u8::from(space) * OTHER_SPACE);
                i += c.len_utf8();
                (utf8_key(c), !space)
            }
        };
        spaces += usize::from(!is_visible);
        if let Some(screen) = screen.as_mut() {
            screen.push(slots, key, is_visible);
        }
    }
    let visible = chars - spaces;
    Measures {
        width,
        chars,
        visible,
        replacement: flags & REPLACEMENT != 0,
        plain: visible == chars && flags & CONTROL == 0,
        only_spaces: flags & (CONTROL | OTHER_SPACE) == 0,
        markdown: flags & MARKDOWN != 0,
        doubled: screen.map_or_else(Screened::default, |s| s.verdict()),
    }
}

/// Fill [`Line::column`]: the median width of up to four text lines on each side.
pub fn measure_columns(lines: &mut [Line<'_>], fallback: usize) {
    let text: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].char_len() >= 4)
        .collect();
    for line in lines.iter_mut() {
        line.column = fallback;
    }
    // The text lines' widths side by side, so the windows below read a compact array.
    let text_widths: Vec<usize> = text.iter().map(|&i| lines[i].width).collect();
    for (k, &i) in text.iter().enumerate() {
        let lo = k.saturating_sub(4);
        let hi = (k + 5).min(text.len());
        if hi - lo == 9 {
            // The usual full window: its median without branches.
            let w = &text_widths[lo..hi];
            lines[i].column = median_of_8([w[0], w[1], w[2], w[3], w[5], w[6], w[7], w[8]]);
            continue;
        }
        // A window cut by the file's ends: an insertion sort on the stack.
        let mut widths = [0; 8];
        let mut n = 0;
        for m in (lo..hi).filter(|&m| m != k) {
            let w = text_widths[m];
            let mut j = n;
            while j > 0 && widths[j - 1] > w {
                widths[j] = widths[j - 1];
                j -= 1;
            }
            widths[j] = w;
            n += 1;
        }
        if n >= 2 {
            lines[i].column = percentile(&widths[..n], 50);
        }
    }
}

/// `percentile(sorted, 50)` of eight values, the fourth smallest: a sorting network of
/// compare-exchanges the compiler turns into conditional moves.
fn median_of_8(v: [usize; 8]) -> usize {
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = v;
    // Written out so that every step is two register operations.
    macro_rules! cx {
        ($x:ident, $y:ident) => {
            ($x, $y) = ($x.min($y), $x.max($y));
        };
    }
    cx!(a, c);
    cx!(b, d);
    cx!(e, g);
    cx!(f, h);
    cx!(a, e);
    cx!(b, f);
    cx!(c, g);
    cx!(d, h);
    cx!(a, b);
    cx!(c, d);
    cx!(e, f);
    cx!(g, h);
    cx!(c, e);
    cx!(d, f);
    cx!(b, e);
    cx!(d, g);
    cx!(b, c);
    cx!(d, e);
    cx!(f, g);
    // The network sorts all eight; only the fourth is wanted.
    let _ = (a, b, c, e, f, g, h);
    d
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

pub fn mode(sorted: &[usize]) -> usize {
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
    fn measures_like_counting_characters() {
        for text in [
            "",
            "中文，“引号”",
            "a b\tc",
            "\u{3000}〇ｱ한é·—…",
            "𠀀x\u{a0}\u{2003}\u{FFFD}",
            "中文。“引号”**<^",
            "中 文 a b",
            "a\u{7}b\u{b}c\u{1f}",
            "\u{85}\u{9f}",
            "x\u{7f}",
        ] {
            let m = measure(text, &mut TrigramSlots::default());
            let expected = (
                text.chars().map(char_width).sum(),
                text.chars().count(),
                text.chars().filter(|c| !c.is_whitespace()).count(),
                text.contains('\u{FFFD}'),
                !text.chars().any(|c| c.is_whitespace() || c.is_control()),
                !text
                    .chars()
                    .any(|c| c != ' ' && c.is_whitespace() || c.is_control()),
                text.contains(['*', '<', '^']),
            );
            let found = (
                m.width,
                m.chars,
                m.visible,
                m.replacement,
                m.plain,
                m.only_spaces,
                m.markdown,
            );
            assert_eq!(found, expected, "{text:?}");
        }
    }

    #[test]
    fn median_of_8_is_the_fourth_smallest() {
        // By the 0-1 principle, a network that sorts every 0/1 input sorts every input.
        for bits in 0u32..256 {
            let v: [usize; 8] = std::array::from_fn(|k| (bits >> k & 1) as usize);
            let ones = bits.count_ones() as usize;
            assert_eq!(median_of_8(v), usize::from(ones >= 5), "{v:?}");
        }
        let mut state = 7u64;
        for _ in 0..2000 {
            let mut v = [0; 8];
            for x in &mut v {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                *x = (state >> 59) as usize;
            }
            let mut sorted = v;
            sorted.sort_unstable();
            assert_eq!(median_of_8(v), percentile(&sorted, 50), "{v:?}");
        }
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
