//! Page-bottom footnotes in the forms PDF extraction leaves: a plain number (`3 参见…`,
//! `3参见…`), a note symbol (`∗ † ‡ § ¶`, `*`, `**`) or a Latin-1 stand-in for a circled digit
//! (`¬ ­ ® ¯ °` …, what a dingbat font without a Unicode map becomes).
//!
//! None of these can be told from body text by the line alone — `2 得到。` may be a sentence
//! wrapped before a number. A run of such lines is a note zone only where it sits at the
//! bottom of a page (before the form feed, below it only furniture), its labels form a
//! consecutive sequence, and the page's body above holds a glued marker for them, in order.
//! The marker scan ([`glued_marks`]) is shared with footnote extraction, which links the
//! same markers to these notes.

use std::ops::Range;

use super::classify::Role;
use super::lines::Line;
use crate::document::ArtifactKind;
use crate::document::chars::{display_width, is_cjk_punct, is_han, is_sentence_end};

/// Non-blank, non-furniture lines a note may run on for after its label line.
const MAX_NOTE_LINES: usize = 8;
/// Highest plain note number: chapters rarely hold more, and bigger numbers are data.
const MAX_PLAIN: u32 = 199;
/// Lowest and highest Latin-1 stand-ins for circled digits (`¬` … `¿`).
const GLYPH_FIRST: u32 = 0xAC;
const GLYPH_LAST: u32 = 0xBF;

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
    // A note says something: at least two visible characters after the label.
    (text.chars().filter(|c| !c.is_whitespace()).count() >= 2).then_some(Head { form, n, len })
}

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
            let after_stop = prev.is_some_and(is_sentence_end)
                && after.is_some_and(|c| is_han(c) && !is_unit(c));
            // `book1 提供`: glued to a Latin word, before a space and Chinese text. Such a
            // word may also end in a version (`exim4 安装`), so the mark is loose.
            let next_word = text[end..].strip_prefix(' ').and_then(|t| t.chars().next());
            let latin_glued = prev
                .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '*' | '}' | '/'))
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
                && c != '0'
                && (glued || after_word || spaced || latin_glued)
                && (ends_mark(after) || after_stop)
                && !decimal
                && let Ok(n) = text[i..end].parse::<u32>()
                && n <= MAX_PLAIN
            {
                marks.push(Mark {
                    start: i,
                    end,
                    form: ZoneForm::Plain,
                    n,
                    loose: !glued,
                });
            }
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

/// Mark the page-bottom note zones of every page: label lines become `NoteStart`, the lines
/// they run on for `NoteCont`.
pub fn mark_note_zones(lines: &[Line<'_>], roles: &mut [Role]) {
    // The last note number seen per form: a page's first note restarts at 1 or carries the
    // numbering on (one missed note allowed), so a table row `64 位` is no note 64.
    let mut last: [Option<u32>; 3] = [None; 3];
    for page in super::lines::pages(lines) {
        mark_zone(lines, roles, page, &mut last);
    }
}

fn slot(form: ZoneForm) -> usize {
    match form {
        ZoneForm::Plain => 0,
        ZoneForm::Symbol => 1,
        ZoneForm::Glyph => 2,
    }
}

fn mark_zone(
    lines: &[Line<'_>],
    roles: &mut [Role],
    page: Range<usize>,
    last: &mut [Option<u32>; 3],
) {
    // Body lines, and the other text roles (captions, metadata) that end the search: below
    // a page's notes there is nothing but furniture, so notes above a caption are part of an
    // example set in the page, not the page's footnotes.
    let content: Vec<usize> = page
        .clone()
        .filter(|&i| !lines[i].is_blank() && !matches!(roles[i], Role::Furniture(_) | Role::Blank))
        .collect();
    // From the bottom up: label lines with values falling by one, at most MAX_NOTE_LINES
    // other lines below each.
    let mut starts: Vec<(usize, Head)> = Vec::new();
    let mut run = 0;
    for &i in content.iter().rev() {
        if !matches!(roles[i], Role::Body) {
            if starts.is_empty() {
                return;
            }
            break;
        }
        let head = note_head(lines[i].content());
        let fits = match (head, starts.last()) {
            (Some(h), None) => h.n >= 1,
            (Some(h), Some((_, last))) => h.form == last.form && h.n + 1 == last.n,
            (None, _) => false,
        };
        if fits && let Some(h) = head {
            starts.push((i, h));
            run = 0;
            continue;
        }
        run += 1;
        if run > MAX_NOTE_LINES {
            break;
        }
    }
    starts.reverse();
    // Body above the zone must hold the markers, in order; notes from the top whose marker
    // is missing are body lines after all.
    let mut used = Vec::new();
    while let Some(&(top, _)) = starts.first() {
        let body = body_lines(lines, roles, page.start..top);
        if let Some(hits) = markers_in_order(lines, &body, &starts) {
            used = hits;
            break;
        }
        starts.remove(0);
    }
    let Some(&(top, first)) = starts.first() else {
        return;
    };
    let restarts = match first.form {
        ZoneForm::Glyph => true,
        // A restart whose first note was missed still starts low.
        _ => first.n <= 2,
    };
    let carries_on = last[slot(first.form)].is_some_and(|l| l < first.n && first.n <= l + 2);
    if !restarts && !carries_on {
        return;
    }
    if let Some(&(_, end)) = starts.last() {
        last[slot(end.form)] = Some(end.n);
    }
    // A marker pdftotext set on a line of its own was taken for a page number.
    for i in used {
        if matches!(roles[i], Role::Furniture(_)) {
            roles[i] = Role::Body;
        }
    }
    let mut label: Option<String> = None;
    for &i in content.iter().filter(|&&i| i >= top) {
        if let Some(&(_, h)) = starts.iter().find(|(s, _)| *s == i) {
            let text = &lines[i].content()[..h.len];
            label = Some(text.to_owned());
            roles[i] = Role::NoteStart {
                label: text.to_owned(),
            };
        } else if label.is_some() {
            roles[i] = Role::NoteCont;
        }
    }
}

/// Lines of `range` that may hold markers: text of any role but notes, and lone numbers
/// between text lines (a superscript pdftotext put on its own line, which the page-number
/// rule took).
fn body_lines(lines: &[Line<'_>], roles: &[Role], range: Range<usize>) -> Vec<usize> {
    let text = |i: usize| {
        !lines[i].is_blank()
            && !matches!(
                roles[i],
                Role::Furniture(_) | Role::NoteStart { .. } | Role::NoteCont | Role::Blank
            )
    };
    let first_text = range.clone().find(|&i| text(i));
    let last_text = range.clone().rev().find(|&i| text(i));
    range
        .filter(|&i| {
            text(i)
                || (matches!(roles[i], Role::Furniture(ArtifactKind::PageNumber))
                    && lone_number(lines[i].content()).is_some()
                    && first_text.is_some_and(|f| f < i)
                    && last_text.is_some_and(|l| l > i))
        })
        .collect()
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
fn lone_number(content: &str) -> Option<u32> {
    (content.len() <= 3 && !content.starts_with('0') && content.bytes().all(|b| b.is_ascii_digit()))
        .then(|| content.parse().ok())
        .flatten()
}

/// The body lines hold a marker for the first note and, in order after it, for at least half
/// of the others. Returns the lines of the markers found.
fn markers_in_order(
    lines: &[Line<'_>],
    body: &[usize],
    starts: &[(usize, Head)],
) -> Option<Vec<usize>> {
    let mut marks: Vec<(usize, Mark)> = Vec::new();
    for &i in body {
        let content = lines[i].content();
        if lone_number(content).is_some() {
            let prev = (0..i).rev().find(|&j| has_text(lines[j].content()));
            if let Some(m) = lone_mark(prev.map(|j| lines[j].content()), content) {
                marks.push((i, m));
            }
        } else {
            marks.extend(glued_marks(content).into_iter().map(|m| (i, m)));
        }
    }
    let mut from = 0;
    let mut hits = Vec::new();
    for (k, (_, head)) in starts.iter().enumerate() {
        let hit = pick(&marks[from..], |(_, m)| {
            (m.form == head.form && m.n == head.n, m.loose)
        });
        match hit {
            Some(p) => {
                hits.push(marks[from + p].0);
                from += p + 1;
            }
            None if k == 0 => return None,
            None => {}
        }
    }
    (hits.len() * 2 >= starts.len()).then_some(hits)
}

/// The first item that matches, preferring one that is not loose: `find` tells whether an
/// item matches and whether it is loose.
pub fn pick<T>(items: &[T], find: impl Fn(&T) -> (bool, bool)) -> Option<usize> {
    let mut loose = None;
    for (i, item) in items.iter().enumerate() {
        match find(item) {
            (true, false) => return Some(i),
            (true, true) if loose.is_none() => loose = Some(i),
            _ => {}
        }
    }
    loose
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
