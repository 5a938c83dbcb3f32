//! Selection units at a byte offset of the cleaned text: the word (double click), the clause
//! and the sentence (triple click). Clauses and sentences never cross a block's line break.

use super::Segmentation;
use crate::span::TextSpan;

/// Marks that end a sentence.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '…' | '!' | '?' | '⋯')
}

/// Marks that end a clause (and every sentence end).
fn ends_clause(c: char) -> bool {
    matches!(c, '，' | '；' | '：' | ';' | ':') || ends_sentence(c)
}

/// Closing marks that belong to the sentence they follow (`……”` `。）`).
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’'
            | '」'
            | '』'
            | '）'
            | ')'
            | '》'
            | '】'
            | '〕'
            | '…'
            | '⋯'
            | '。'
            | '！'
            | '？'
    )
}

/// The word at `offset` (from the document's segmentation), or the single char there.
pub fn word_at(text: &str, words: &Segmentation, offset: usize) -> Option<TextSpan> {
    words.word_at(offset).or_else(|| char_at(text, offset))
}

fn char_at(text: &str, offset: usize) -> Option<TextSpan> {
    let span = TextSpan::snapped(text, offset, offset);
    let c = text.get(span.start()..)?.chars().next()?;
    Some(TextSpan::new(span.start(), span.start() + c.len_utf8()))
}

/// The clause holding `offset`: back to just after the previous `，；：` or sentence end, forward
/// through the next one (the mark is included).
pub fn clause_at(text: &str, offset: usize) -> Option<TextSpan> {
    unit_at(text, offset, ends_clause)
}

/// The sentence holding `offset`, with its end mark and closing quotes or brackets.
pub fn sentence_at(text: &str, offset: usize) -> Option<TextSpan> {
    unit_at(text, offset, ends_sentence)
}

fn unit_at(text: &str, offset: usize, is_end: fn(char) -> bool) -> Option<TextSpan> {
    if offset >= text.len() {
        return None;
    }
    let at = TextSpan::snapped(text, offset, offset).start();
    let before = text.get(..at)?;
    let after = text.get(at..)?;
    // Start: after the last end mark (and its closers) or line break before `at`.
    let mut start = 0;
    let mut prev_end = false;
    for (i, c) in before.char_indices() {
        if c == '\n' {
            start = i + 1;
            prev_end = false;
        } else if is_end(c) || (prev_end && is_closer(c)) {
            start = i + c.len_utf8();
            prev_end = true;
        } else {
            prev_end = false;
        }
    }
    // End: through the next end mark and the closers that follow it, or to the line break.
    let mut end = text.len();
    let mut chars = after.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\n' {
            end = at + i;
            break;
        }
        if is_end(c) {
            let mut stop = at + i + c.len_utf8();
            while let Some(&(j, next)) = chars.peek() {
                if !(is_closer(next) || is_end(next)) {
                    break;
                }
                stop = at + j + next.len_utf8();
                chars.next();
            }
            end = stop;
            break;
        }
    }
    let span = TextSpan::new(trim_start(text, start, end), end);
    (!span.is_empty()).then_some(span)
}

/// Skip spaces at the start of a unit.
fn trim_start(text: &str, start: usize, end: usize) -> usize {
    let unit = text.get(start..end).unwrap_or_default();
    start + (unit.len() - unit.trim_start().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "中国与中亚，山水相连。他说：“好！”然后走了\n下一段。";

    fn slice(span: Option<TextSpan>) -> &'static str {
        span.and_then(|s| s.slice(TEXT)).unwrap_or_default()
    }

    #[test]
    fn sentence_includes_end_mark_and_closing_quote() {
        let at = TEXT.find("山水").unwrap_or_default();
        assert_eq!(slice(sentence_at(TEXT, at)), "中国与中亚，山水相连。");
        let at = TEXT.find("他说").unwrap_or_default();
        assert_eq!(slice(sentence_at(TEXT, at)), "他说：“好！”");
        let at = TEXT.find("然后").unwrap_or_default();
        assert_eq!(slice(sentence_at(TEXT, at)), "然后走了");
    }

    #[test]
    fn clause_stops_at_comma_and_colon() {
        let at = TEXT.find("中亚").unwrap_or_default();
        assert_eq!(slice(clause_at(TEXT, at)), "中国与中亚，");
        let at = TEXT.find("好").unwrap_or_default();
        assert_eq!(slice(clause_at(TEXT, at)), "“好！”");
    }

    #[test]
    fn word_falls_back_to_one_char() {
        let empty = Segmentation::default();
        assert_eq!(slice(word_at(TEXT, &empty, 4)), "国");
        assert!(sentence_at(TEXT, TEXT.len()).is_none());
    }
}
