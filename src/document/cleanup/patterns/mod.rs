//! Line patterns: what a page number, a heading, a metadata field, a note definition, a ToC
//! entry, a byline or a caption look like in Chinese publications. Pure functions of one line,
//! one file per kind of line; the shared helpers (whitespace, digits, letter-spacing) are here.

mod bylines;
mod captions;
mod headings;
mod labels;
mod page_furniture;

pub use bylines::{byline_strength, is_name_list, merge_single_char_tokens};
pub use captions::{ends_with_credit, is_caption};
pub use headings::{heading_rank, is_named_section, is_toc_label, toc_entry};
pub use labels::{is_abstract_label, meta_label, note_start};
pub use page_furniture::furniture;

use std::borrow::Cow;

use regex::Regex;

use crate::document::chars::{is_cjk, whitespace_len};

fn re(pattern: &str) -> Regex {
    // The patterns are literals checked by the tests below; a typo is a programming error.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

/// The content with all whitespace removed (letter-spaced labels compare equal). Most lines
/// hold no whitespace and are returned as they are, without a copy.
pub fn squeeze(s: &str) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    let mut out: Option<String> = None;
    // `s[..copied]` is in `out` already, less its whitespace.
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let ws = whitespace_len(bytes, i);
        if ws == 0 {
            i += 1;
            continue;
        }
        // Whitespace starts on a character boundary, so these slices are whole characters.
        out.get_or_insert_with(|| String::with_capacity(s.len()))
            .push_str(&s[copied..i]);
        i += ws;
        copied = i;
    }
    match out {
        None => Cow::Borrowed(s),
        Some(mut out) => {
            out.push_str(&s[copied..]);
            Cow::Owned(out)
        }
    }
}

/// Whether `c` may be a Unicode decimal digit (what `\d` matches): a superset, answered without
/// the table lookup for the CJK and kana range U+3000–U+A61F, which holds no digit.
fn may_be_digit(c: char) -> bool {
    c.is_ascii_digit() || !c.is_ascii() && !('\u{3000}'..'\u{A620}').contains(&c) && c.is_numeric()
}

/// The first character that is not whitespace (the first character of [`squeeze`]).
fn first_visible(s: &str) -> Option<char> {
    s.chars().find(|c| !c.is_whitespace())
}

/// Units that a wrapped number continues with: a bare number line followed by one is text.
const NUMBER_UNITS: &str = "年月日号个家所万亿多余名人次项元吨米倍位届期%％岁座台辆条种批个";

/// Whether the line's CJK characters are justified with spaces (most CJK↔CJK gaps are spaces).
pub fn is_letter_spaced(content: &str) -> bool {
    is_letter_spaced_chars(content.chars())
}

/// [`is_letter_spaced`] over characters, in one pass: each CJK character is paired with the
/// next non-space character, which counts when it is CJK too (tight if nothing was between).
pub fn is_letter_spaced_chars(chars: impl IntoIterator<Item = char>) -> bool {
    let (mut tight, mut spaced) = (0, 0);
    // Spaces seen since the last CJK character, if the last non-space one was CJK.
    let mut after_cjk: Option<usize> = None;
    for c in chars {
        if c == ' ' {
            if let Some(gap) = after_cjk.as_mut() {
                *gap += 1;
            }
        } else if is_cjk(c) {
            match after_cjk {
                Some(0) => tight += 1,
                Some(_) => spaced += 1,
                None => {}
            }
            after_cjk = Some(0);
        } else {
            after_cjk = None;
        }
    }
    spaced >= 2 && spaced >= tight
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn may_be_digit_holds_for_every_decimal_digit() {
        let digit = Regex::new(r"^\d$").unwrap_or_else(|e| panic!("{e}"));
        let mut buf = [0; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if digit.is_match(c.encode_utf8(&mut buf)) {
                assert!(may_be_digit(c), "{c:?}");
            }
        }
    }
}
