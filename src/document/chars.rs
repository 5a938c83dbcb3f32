//! Character classes the cleanup rules speak in.

/// A Han ideograph (CJK Unified Ideographs and extensions, compatibility ideographs, 〇).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{20000}'..='\u{3134F}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{3007}')
}

/// Full-width (CJK) punctuation and brackets, plus the dashes and ellipses used in CJK text.
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
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c) || is_kana_or_hangul(c)
}

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
    c.is_ascii_alphanumeric() || c.is_alphabetic() && !is_cjk(c) && (c as u32) < 0x2E80
}

/// Width on screen in half-width cells: CJK counts 2.
pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

pub fn char_width(c: char) -> usize {
    if is_cjk(c) || ('\u{FF01}'..='\u{FF60}').contains(&c) || ('\u{2E80}'..='\u{A4CF}').contains(&c)
    {
        2
    } else {
        1
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
}
