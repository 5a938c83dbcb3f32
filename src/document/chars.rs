//! Character classes the cleanup rules speak in.

/// A Han ideograph (CJK Unified Ideographs and extensions, compatibility ideographs, 〇).
#[inline]
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{20000}'..='\u{3134F}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{3007}')
}

/// Full-width (CJK) punctuation and brackets, plus the dashes and ellipses used in CJK text.
#[inline]
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '“' | '”' | '‘' | '’' | '—' | '…' | '⋯' | '·' | '•' | '―')
}

/// Han or full-width punctuation: the characters between which justification spaces fall.
#[inline]
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c) || is_kana_or_hangul(c)
}

#[inline]
fn is_kana_or_hangul(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{AC00}'..='\u{D7AF}')
}

/// Punctuation that can end a sentence or paragraph.
pub fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '。' | '！'
            | '？'
            | '；'
            | '：'
            | '…'
            | '⋯'
            | '”'
            | '’'
            | '」'
            | '』'
            | '）'
            | '】'
            | '〕'
            | ']'
            | '!'
            | '?'
            | '.'
            | ';'
            | ':'
    )
}

/// Punctuation that certainly ends a sentence (not a clause).
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…' | '⋯')
}

/// Latin letters and digits (ASCII and full-width), the "narrow word" characters.
pub fn is_latin_alnum(c: char) -> bool {
    // The range test first: the alphabetic table lookup is the costly part.
    c.is_ascii_alphanumeric() || (c as u32) < 0x2E80 && c.is_alphabetic() && !is_cjk(c)
}

/// Width on screen in half-width cells: CJK counts 2.
pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

#[inline]
pub fn char_width(c: char) -> usize {
    // Nothing below the middle dot (U+00B7) is wide.
    if c < '\u{B7}' {
        return 1;
    }
    if is_cjk(c) || ('\u{FF01}'..='\u{FF60}').contains(&c) || ('\u{2E80}'..='\u{A4CF}').contains(&c)
    {
        2
    } else {
        1
    }
}

/// Byte length of the whitespace character (`char::is_whitespace`) starting at `bytes[i]`, or 0.
/// Lets byte scans skip decoding: the Unicode White_Space set is small and fixed, and none of
/// its lead bytes can occur inside another character.
#[inline]
pub fn whitespace_len(bytes: &[u8], i: usize) -> usize {
    let b = bytes[i];
    // Most bytes are neither ASCII whitespace nor one of the four lead bytes below.
    if b > b' ' && !(0xC2..=0xE3).contains(&b) {
        return 0;
    }
    match b {
        b'\t'..=b'\r' | b' ' => 1,
        // U+0085, U+00A0
        0xC2 => match bytes.get(i + 1) {
            Some(0x85 | 0xA0) => 2,
            _ => 0,
        },
        // U+1680
        0xE1 if bytes.get(i + 1..i + 3) == Some(&[0x9A, 0x80]) => 3,
        // U+2000–U+200A, U+2028, U+2029, U+202F, U+205F
        0xE2 => match (bytes.get(i + 1), bytes.get(i + 2)) {
            (Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) | (Some(0x81), Some(0x9F)) => 3,
            _ => 0,
        },
        // U+3000
        0xE3 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0x80]) => 3,
        _ => 0,
    }
}

/// The character starting at byte `i` of `s` and its length in bytes: ASCII and three-byte
/// characters (most of Chinese text) decoded by hand, the rest by the standard decoder.
#[inline]
pub fn decode_at(s: &str, i: usize) -> (char, usize) {
    match s.as_bytes()[i..] {
        [b, ..] if b < 0x80 => (char::from(b), 1),
        [b0 @ 0xE0..=0xEF, b1, b2, ..] => {
            let c =
                (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
            (char::from_u32(c).unwrap_or_default(), 3)
        }
        _ => {
            let c = s[i..].chars().next().unwrap_or_default();
            (c, c.len_utf8())
        }
    }
}

/// Characters a URL may continue with on the next line.
pub fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "/._-?=&%#:~+@!$,;*'()[]".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_han('中') && is_cjk('，') && is_cjk('—') && !is_cjk('a'));
        assert!(is_terminal('。') && !is_terminal('，'));
        assert_eq!(display_width("中a，"), 5);
        assert!(is_latin_alnum('é') && !is_latin_alnum('中'));
    }

    #[test]
    fn decode_at_agrees_with_the_standard_decoder() {
        let text = "a中，é𠀀\u{FFFD}\u{800}\u{FFFF}z";
        let mut i = 0;
        for (b, c) in text.char_indices() {
            assert_eq!(b, i);
            assert_eq!(decode_at(text, i), (c, c.len_utf8()));
            i += c.len_utf8();
        }
    }

    #[test]
    fn whitespace_len_agrees_with_char_is_whitespace() {
        let mut buf = [0; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let expected = if c.is_whitespace() { c.len_utf8() } else { 0 };
            assert_eq!(whitespace_len(bytes, 0), expected, "{:?}", c);
        }
    }
}
