//! Candidate note markers in body text: numbers glued to the word before them, note
//! symbols and stand-in glyphs, and lone numbers pdftotext set on a line of their own.

use super::MAX_PLAIN;
use super::heads::{ZoneForm, glyph_value, symbol_value};
use crate::document::chars::{display_width, is_cjk_punct, is_han, is_sentence_end};

/// A glued marker in body text: byte range, form and sequence value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub form: ZoneForm,
    pub n: u32,
    /// Separated from its word by a space (`locale 3`, `参数 1 。`): taken only where no glued
    /// marker with the number comes before the note.
    pub loose: bool,
}

/// Characters after which a number is a count or an ordinal, never a note marker.
fn counts_before(c: char) -> bool {
    "第共约近达至每逾超余计和与或及到至、~～-－—+×/".contains(c)
}

/// Characters after a number that make it a quantity or a date.
fn is_unit(c: char) -> bool {
    "年月日时分秒号个名位人次项条种件元万亿倍岁届期章节页行".contains(c)
}

/// What may stand right before a glued plain-number marker: a Han character, CJK
/// punctuation or a closing bracket or quote (`系统2`, `。3`, `”4`, `)1`).
fn glues_number(c: char) -> bool {
    (is_han(c) && !counts_before(c))
        || (is_cjk_punct(c) && !matches!(c, '、' | '（' | '《' | '“' | '‘' | '「' | '『' | '【'))
        || matches!(c, ')' | ']')
}

/// What may follow a marker: the line end, a space or punctuation (never a unit, a letter or
/// more of a number).
fn ends_mark(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || is_cjk_punct(c)
                || matches!(c, ',' | ';' | ':' | ')' | '(' | '!' | '?')
                || (c == '.')
        }
    }
}

/// Every candidate marker of `text` in order: numbers glued to the text before them (or after
/// a Latin word and one space, where pdftotext separates a superscript from its word), note
/// symbols and stand-in glyphs glued to a word. Whether a candidate is a marker depends on the
/// notes of its page; this scan only finds where one could be.
pub fn glued_marks(text: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    if lone_number(text.trim()).is_some() {
        return marks;
    }
    let mut prev: Option<char> = None;
    let mut before_prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_ascii_digit() {
            let len = text[i..].bytes().take_while(u8::is_ascii_digit).count();
            let end = i + len;
            marks.extend(plain_mark(text, i, len, prev, before_prev));
            // Skip the rest of the number.
            while iter.peek().is_some_and(|&(j, _)| j < end) {
                iter.next();
            }
            before_prev = text[..end].chars().nth_back(1);
            prev = text[..end].chars().next_back();
            continue;
        }
        let word_before = prev.is_some_and(|p| !p.is_whitespace());
        if word_before && let Some((n, len)) = symbol_value(&text[i..]) {
            let after = text[i + len..].chars().next();
            // `a*b`, `2*3`: arithmetic between two operands is not a note.
            let operand_after = after.is_some_and(|a| a.is_alphanumeric());
            if !operand_after {
                marks.push(Mark {
                    start: i,
                    end: i + len,
                    form: ZoneForm::Symbol,
                    n,
                    loose: false,
                });
            }
            while iter.peek().is_some_and(|&(j, _)| j < i + len) {
                iter.next();
            }
            before_prev = prev;
            prev = text[..i + len].chars().next_back();
            continue;
        }
        if word_before
            && prev.is_some_and(|p| !p.is_ascii_alphanumeric())
            && let Some(n) = glyph_value(c)
        {
            marks.push(Mark {
                start: i,
                end: i + c.len_utf8(),
                form: ZoneForm::Glyph,
                n,
                loose: false,
            });
        }
        before_prev = prev;
        prev = Some(c);
    }
    marks
}

/// A plain-number marker: the digits `text[i..i + len]`, glued to what stands before them
/// (`prev`, and `before_prev` before it) and followed by what may end a marker.
fn plain_mark(
    text: &str,
    i: usize,
    len: usize,
    prev: Option<char>,
    before_prev: Option<char>,
) -> Option<Mark> {
    let end = i + len;
    let after = text[end..].chars().next();
    // `3.5` and `2.` before a digit are numbers.
    let decimal = after == Some('.')
        && text[end + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit());
    let glued = prev.is_some_and(glues_number);
    // `系统。3这…`: right after a sentence end, a number glued to the next sentence is a
    // marker unless a unit makes it a quantity (`。3个`).
    let after_stop =
        prev.is_some_and(is_sentence_end) && after.is_some_and(|c| is_han(c) && !is_unit(c));
    // `book1 提供`: glued to a Latin word, before a space and Chinese text. Such a
    // word may also end in a version (`exim4 安装`), so the mark is loose.
    let next_word = text[end..].strip_prefix(' ').and_then(|t| t.chars().next());
    let latin_glued = prev.is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '*' | '}' | '/'))
        && len <= 2
        && (next_word.is_some_and(is_cjk_punct)
            || (latin_word_before(&text[..i]) && next_word.is_some_and(is_han)));
    // `CHAPTER 1.`, `Debian 12.`: a number closing a Latin phrase is a numeral.
    let after_word = prev == Some(' ')
        && before_prev.is_some_and(|c| c.is_ascii_alphabetic())
        && latin_word_before(&text[..i - 1])
        && after != Some('.');
    // `参数 1 。`: -layout spacing around a marker between a word and punctuation.
    let spaced = prev == Some(' ')
        && before_prev.is_some_and(is_han)
        && text[end..]
            .trim_start_matches(' ')
            .chars()
            .next()
            .is_some_and(|c| is_cjk_punct(c) && !matches!(c, '（' | '《' | '“'));
    if len <= 3
        && !text[i..].starts_with('0')
        && (glued || after_word || spaced || latin_glued)
        && (ends_mark(after) || after_stop)
        && !decimal
        && let Ok(n) = text[i..end].parse::<u32>()
        && n <= MAX_PLAIN
    {
        return Some(Mark {
            start: i,
            end,
            form: ZoneForm::Plain,
            n,
            loose: !glued,
        });
    }
    None
}

/// The text before a space ends in a Latin word of two letters or more (`*nix`, `locale`), not
/// in a unit or a single letter variable.
fn latin_word_before(s: &str) -> bool {
    let word: Vec<char> = s
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '*' || *c == '-')
        .collect();
    word.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 2
        && !word.iter().any(|c| c.is_ascii_digit())
}

/// A line that is only a number, standing inside a sentence: pdftotext's place for a
/// superscript it could not set on its line. The line before must be a full line that does
/// not end the sentence (after `第一章` or a heading it is a page number).
pub fn lone_mark(prev: Option<&str>, text: &str) -> Option<Mark> {
    let n = lone_number(text.trim())?;
    let prev = prev?.trim();
    let open = prev
        .chars()
        .next_back()
        .is_some_and(|c| !is_sentence_end(c) && c != '.');
    if !open || display_width(prev) < 40 {
        return None;
    }
    let start = text.len() - text.trim_start().len();
    Some(Mark {
        start,
        end: start + text.trim().len(),
        form: ZoneForm::Plain,
        n,
        loose: true,
    })
}

/// The line holds something visible (a lone control character from a math font does not
/// count).
pub fn has_text(s: &str) -> bool {
    s.chars().any(|c| !c.is_whitespace() && !c.is_control())
}

/// A line that is only a 1–3 digit number.
pub(super) fn lone_number(content: &str) -> Option<u32> {
    (content.len() <= 3 && !content.starts_with('0') && content.bytes().all(|b| b.is_ascii_digit()))
        .then(|| content.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(text: &str) -> Vec<(&str, u32)> {
        glued_marks(text)
            .into_iter()
            .map(|m| (&text[m.start..m.end], m.n))
            .collect()
    }

    #[test]
    fn glued_numbers_and_symbols() {
        assert_eq!(marks("排版系统2 系统中"), vec![("2", 2)]);
        assert_eq!(marks("否则很可能会出错11 。"), vec![("11", 11)]);
        assert_eq!(marks("辰宿列张。”4"), vec![("4", 4)]);
        assert_eq!(marks("*nix 2 系统中"), vec![("2", 2)]);
        assert_eq!(marks("的依赖)1 ."), vec![("1", 1)]);
        assert_eq!(marks("引导参数 1 。"), vec![("1", 1)]);
        assert!(marks("为 1 和 2").is_empty());
        assert!(marks("CHAPTER 1. 欢迎").is_empty());
        assert_eq!(marks("article、report 和 book1 提供了"), vec![("1", 1)]);
        assert!(marks("amd64/ 和 ttyS2").is_empty());
        assert_eq!(marks("分散对齐 s8 。"), vec![("8", 8)]);
        assert_eq!(marks("\\caption*3 、带"), vec![("3", 3)]);
        assert!(marks(" 5").is_empty());
        let full = "在西文排版实践中，断行的位置优先选取在两个单词之间，也就是在源代码中输入的“空";
        assert_eq!(lone_mark(Some(full), "4").map(|m| m.n), Some(4));
        assert_eq!(lone_mark(Some("第一章"), "2"), None);
        assert_eq!(
            lone_mark(
                Some("这一段到此结束了，后面是另一页的页码，它不是脚注的标记。"),
                "2"
            ),
            None
        );
        assert_eq!(marks("简介∗"), vec![("∗", 1)]);
        assert_eq!(marks("Zhonghao Sun†"), vec![("†", 2)]);
        assert_eq!(marks("文本¬，另见®"), vec![("¬", 0xAC), ("®", 0xAE)]);
    }

    #[test]
    fn counts_versions_and_arithmetic_are_not_marks() {
        assert!(marks("第3章和共5个").is_empty());
        assert!(marks("在 2018 年 4 月之前").is_empty());
        assert!(marks("版本3.5发布").is_empty());
        assert!(marks("x 2 与 a*b").is_empty());
        assert!(marks("增长5%").is_empty());
        assert!(marks("（1）教育").is_empty());
    }
}
