//! A line's characters measured in one pass: width, counts, and the flags later passes ask.

use crate::document::chars::char_width;
use crate::document::cleanup::doubled::{
    DOUBLED_MIN_BYTES, DoubledScreen, Screened, TrigramSlots, utf8_key,
};

/// What [`measure`] finds in a line's content.
pub(super) struct Measures {
    pub(super) width: usize,
    pub(super) chars: usize,
    pub(super) visible: usize,
    pub(super) replacement: bool,
    pub(super) plain: bool,
    pub(super) only_spaces: bool,
    pub(super) markdown: bool,
    pub(super) doubled: Screened,
}

/// Everything the later passes ask of every line's characters, in one pass, with the common
/// characters (ASCII, three-byte) decoded by hand: a character led by `E3`–`E9`
/// (U+3000–U+9FFF) is always wide.
pub(super) fn measure(content: &str, slots: &mut TrigramSlots) -> Measures {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
