//! Note labels at the start of a page-bottom line: a plain number, a note symbol or a
//! Latin-1 stand-in for a circled digit, with its place in the sequence.

use super::{GLYPH_FIRST, GLYPH_LAST, MAX_PLAIN};
use crate::document::chars::is_han;

/// The kind of label a page-bottom note carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneForm {
    Plain,
    Symbol,
    Glyph,
}

/// A note label at the start of a line: its form, its place in the sequence, and its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    pub form: ZoneForm,
    pub n: u32,
    pub len: usize,
}

/// Number of a note symbol: `∗`/`*` 1, `†` 2, `‡` 3, `§` 4, `¶` 5, `‖` 6; `**` 2, `***` 3.
pub fn symbol_value(s: &str) -> Option<(u32, usize)> {
    let first = s.chars().next()?;
    let n = match first {
        '∗' | '*' => {
            let stars = s.chars().take_while(|&c| c == first).count();
            return (stars <= 3).then_some((stars as u32, stars * first.len_utf8()));
        }
        '†' => 2,
        '‡' => 3,
        '§' => 4,
        '¶' => 5,
        '‖' => 6,
        _ => return None,
    };
    Some((n, first.len_utf8()))
}

/// Sequence value of a Latin-1 stand-in glyph (its code point; callers rebase it).
pub fn glyph_value(c: char) -> Option<u32> {
    let v = u32::from(c);
    (GLYPH_FIRST..=GLYPH_LAST).contains(&v).then_some(v)
}

/// The label that may start a note line: `12 text`, `12text` (glued to a non-digit), `∗ text`,
/// `¬text`. The label must be followed by text.
pub fn note_head(content: &str) -> Option<Head> {
    let first = content.chars().next()?;
    let (form, n, len) = if first.is_ascii_digit() {
        let len = content.bytes().take_while(u8::is_ascii_digit).count();
        if len > 3 || first == '0' {
            return None;
        }
        let n: u32 = content[..len].parse().ok()?;
        // `1.2 节`, `3)`, `5%`, `2,000`: numbering and data, not note labels.
        let next = content[len..].chars().next()?;
        if !(next == ' ' || is_han(next) || next == '“' || next == '《') || n > MAX_PLAIN {
            return None;
        }
        (ZoneForm::Plain, n, len)
    } else if let Some((n, len)) = symbol_value(content) {
        // `§3.2` is a section reference; `*` followed by `*text*` is Markdown.
        let next = content[len..].chars().next()?;
        if next.is_ascii_digit() || next == '*' {
            return None;
        }
        (ZoneForm::Symbol, n, len)
    } else if let Some(v) = glyph_value(first) {
        (ZoneForm::Glyph, v, first.len_utf8())
    } else {
        return None;
    };
    let text = content[len..].trim_start();
    // A numbered line of a code example (`1   \xpinyin*[ratio={.7}]{贾雨村}`) is no note.
    if form == ZoneForm::Plain && crate::document::cleanup::structure::is_code_line(text) {
        return None;
    }
    // A note says something: at least two visible characters after the label.
    (text.chars().filter(|c| !c.is_whitespace()).count() >= 2).then_some(Head { form, n, len })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_of_note_lines() {
        assert_eq!(note_head("3 注意两个问题").map(|h| h.n), Some(3));
        assert_eq!(note_head("3参见某书").map(|h| h.n), Some(3));
        assert_eq!(
            note_head("∗ https://x").map(|h| (h.form, h.n)),
            Some((ZoneForm::Symbol, 1))
        );
        assert_eq!(note_head("† a@b.c").map(|h| h.n), Some(2));
        assert_eq!(note_head("¬这是注").map(|h| h.form), Some(ZoneForm::Glyph));
        assert_eq!(note_head("1.2 节"), None);
        assert_eq!(note_head("§1.2 引言"), None);
        assert_eq!(note_head("2019 年"), None);
        assert_eq!(note_head("12"), None);
        assert_eq!(note_head("3)"), None);
        assert_eq!(
            note_head("1   \\xpinyin*[ratio={.7}]{贾雨村风尘怀闺秀}"),
            None
        );
        assert_eq!(
            note_head("1 https://www.latex-project.org").map(|h| h.n),
            Some(1)
        );
    }
}
