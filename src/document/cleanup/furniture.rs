//! Page furniture found by where it stands on the page: running headers and footers repeated
//! on many pages, the line beside a page number, and page tops that carry a page number.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::classify::{Role, next_non_blank};
use super::lines::{self, Line};
use super::patterns::{self, squeeze};
use crate::document::ArtifactKind;
use crate::document::chars::is_sentence_end;

/// Short lines repeated on many pages, and the line standing next to a page number.
pub fn mark_running_headers(lines: &[Line<'_>], roles: &mut [Role]) {
    // Lines are compared squeezed; a header is short, so long lines are never keys.
    let is_key: Vec<bool> = lines
        .iter()
        .zip(roles.iter())
        .map(|(line, role)| {
            let short = line.content().len() <= 180 && (4..=60).contains(&line.char_len());
            matches!(*role, Role::Body) && short
        })
        .collect();
    // Equal squeezed lines have the same visible length and first and last characters (the
    // content is trimmed). Only lines whose sketch recurs three times are worth squeezing.
    let sketch = |line: &Line<'_>| {
        let content = line.content();
        let code = |c: Option<char>| u64::from(c.map_or(0, u32::from));
        // Characters take 21 bits; a key's visible length is short (at most 60).
        (line.visible as u64) << 42
            | code(content.chars().next()) << 21
            | code(content.chars().next_back())
    };
    let mut sketches: HashMap<u64, usize, BuildHasherDefault<FxHasher>> =
        HashMap::with_capacity_and_hasher(lines.len(), BuildHasherDefault::default());
    for (line, _) in lines.iter().zip(&is_key).filter(|(_, k)| **k) {
        *sketches.entry(sketch(line)).or_default() += 1;
    }
    let keys: Vec<Option<Cow<'_, str>>> = lines
        .iter()
        .zip(&is_key)
        .map(|(line, &key)| {
            (key && sketches.get(&sketch(line)).is_some_and(|&n| n >= 3))
                .then(|| squeeze(line.content()))
        })
        .collect();
    let mut counts: HashMap<&str, usize, BuildHasherDefault<FxHasher>> = HashMap::default();
    for key in keys.iter().flatten() {
        *counts.entry(key.as_ref()).or_default() += 1;
    }
    let edge = page_edges(lines, roles);
    for (i, line) in lines.iter().enumerate() {
        if !matches!(roles[i], Role::Body) {
            continue;
        }
        // Where the text has pages, a header or footer stands at a page's top or bottom: a
        // line repeated in the middle of pages is text (a document pasted three times).
        let repeated = keys[i]
            .as_deref()
            .and_then(|k| counts.get(k))
            .is_some_and(|&c| c >= 3)
            && edge.as_ref().is_none_or(|e| e[i]);
        let before_page_number = is_key[i]
            && next_non_blank(lines, i)
                .is_some_and(|j| matches!(roles[j], Role::Furniture(ArtifactKind::PageNumber)))
            && !line.content().chars().any(is_sentence_end)
            && patterns::heading_rank(line.content()).is_none()
            && (dot_leaders(line.content())
                || !line.content().ends_with(|c: char| "，、.!?;".contains(c))
                    && !continues_the_line_above(lines, roles, i));
        if repeated || before_page_number {
            roles[i] = Role::Furniture(ArtifactKind::RunningHeader);
        }
    }
}

/// Dot leaders: a contents line (ending in `.` like a sentence).
fn dot_leaders(content: &str) -> bool {
    content.contains(". . .") || content.contains("……")
}

/// The line right above `i` (no blank between) is body text whose sentence is not finished:
/// `i` carries it on (`详见 update 的` / `-reinstall-forcibly-removed 选项.`), however
/// near a page number it stands.
fn continues_the_line_above(lines: &[Line<'_>], roles: &[Role], i: usize) -> bool {
    i.checked_sub(1).is_some_and(|j| {
        let above = lines[j].content();
        matches!(roles[j], Role::Body)
            && !above.is_empty()
            && !above.ends_with(|c: char| is_sentence_end(c) || ".!?:：".contains(c))
    })
}

/// With form feeds: whether each line is among the first or last six text lines of its
/// page. `None` for a text without pages.
fn page_edges(lines: &[Line<'_>], roles: &[Role]) -> Option<Vec<bool>> {
    if lines.iter().filter(|l| l.form_feed).count() < 2 {
        return None;
    }
    let mut edge = vec![false; lines.len()];
    for page in lines::pages(lines) {
        let text: Vec<usize> = page
            .filter(|&i| !lines[i].is_blank() && !matches!(roles[i], Role::Blank))
            .collect();
        for &i in text.iter().take(6).chain(text.iter().rev().take(6)) {
            edge[i] = true;
        }
    }
    Some(edge)
}

/// Running heads that change from page to page (`CHAPTER 4. 获取系统安装介质  4.5. …`): the
/// first text line of a page whose first word (digits counted alike) starts the first line of
/// at least three pages and a fifth of them, holding no sentence end.
pub fn mark_page_top_heads(lines: &[Line<'_>], roles: &mut [Role]) {
    let tops: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].form_feed || i == 0)
        .filter_map(|s| (s..lines.len()).take(6).find(|&i| !lines[i].is_blank()))
        .filter(|&i| matches!(roles[i], Role::Body))
        .collect();
    mark_numbered_page_tops(lines, &tops, roles);
    mark_bare_label_tops(lines, &tops, roles);
    let pages = lines.iter().filter(|l| l.form_feed).count() + 1;
    if pages < 4 {
        return;
    }
    let key = |i: usize| -> Option<String> {
        let content = lines[i].content();
        // A short line set far right (`3   全局选项`): the section a page belongs to, whatever
        // its words; the pages share the shape, not the text.
        let line = &lines[i];
        // A form feed's line counts its indent from the form feed on.
        let indent = line.text[..line.content_start]
            .chars()
            .filter(|&c| c == ' ' || c == '\u{3000}')
            .count();
        if indent >= 30 && content.chars().count() <= 40 {
            return (!content.chars().any(is_sentence_end)).then(|| "\u{0}right".to_owned());
        }
        // `4.3 install          4 操作`: a subsection left, its section right; the section's
        // name is what the pages share.
        if let Some((left, right)) = content.rsplit_once("        ")
            && left.starts_with(|c: char| c.is_ascii_digit())
            && right.trim().chars().count() <= 30
            && !content.chars().any(is_sentence_end)
        {
            let last = right.split_whitespace().last()?;
            return Some(format!("\u{0}gap {last}"));
        }
        let word: String = content
            .split_whitespace()
            .next()?
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect();
        let wordy = word.chars().any(|c| c.is_alphabetic());
        let gap = content.contains("   ");
        (wordy && (gap || content.chars().count() <= 40) && !content.chars().any(is_sentence_end))
            .then_some(word)
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for &i in &tops {
        if let Some(k) = key(i) {
            *counts.entry(k).or_default() += 1;
        }
    }
    for &i in &tops {
        if key(i).is_some_and(|k| counts[&k] >= 3 && counts[&k] * 5 >= pages) {
            roles[i] = Role::Furniture(ArtifactKind::RunningHeader);
        }
    }
}

/// A chapter label with no title (`第四章`) over the page number, topping three pages or more:
/// the left half of a running head whose title pdftotext printed apart (`第四章` / `52` /
/// `排版数学公式`). The chapter's own heading tops its first page with no number under it.
fn mark_bare_label_tops(lines: &[Line<'_>], tops: &[usize], roles: &mut [Role]) {
    let bare = |i: usize| {
        let content = lines[i].content();
        content.chars().count() <= 12
            && !content.chars().any(is_sentence_end)
            && patterns::heading_rank(content).is_some()
            && next_non_blank(lines, i)
                .is_some_and(|j| matches!(roles[j], Role::Furniture(ArtifactKind::PageNumber)))
    };
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for &i in tops.iter().filter(|&&i| bare(i)) {
        *counts.entry(lines[i].content()).or_default() += 1;
    }
    let heads: Vec<usize> = tops
        .iter()
        .copied()
        .filter(|&i| bare(i) && counts[lines[i].content()] >= 3)
        .collect();
    for i in heads {
        roles[i] = Role::Furniture(ArtifactKind::RunningHeader);
    }
}

/// A letter or two alone between blank lines at the top or bottom of a page: the initial of a
/// chapter's logo or a thumb index (`B`, `C` on the pages of appendix B, C), not text.
pub fn mark_edge_letters(lines: &[Line<'_>], roles: &mut [Role]) {
    let Some(edge) = page_edges(lines, roles) else {
        return;
    };
    let alone = |j: Option<usize>| j.and_then(|j| lines.get(j)).is_none_or(|l| l.is_blank());
    for i in 0..lines.len() {
        let content = lines[i].content();
        let letters = (1..=2).contains(&content.chars().count())
            && content.chars().all(|c| c.is_ascii_alphabetic());
        if edge[i]
            && letters
            && matches!(roles[i], Role::Body)
            && alone(i.checked_sub(1))
            && (alone(Some(i + 1)) || lines.get(i + 1).is_some_and(|l| l.form_feed))
        {
            roles[i] = Role::Furniture(ArtifactKind::Decoration);
        }
    }
}

/// Page tops that carry a page number at their far end (`第 2 节 使用方法        2`, or
/// `12        第三章 文档元素`), the numbers rising from page to page: running headers, even in
/// a document too short for the repetition test.
fn mark_numbered_page_tops(lines: &[Line<'_>], tops: &[usize], roles: &mut [Role]) {
    let page_number = |i: usize| -> Option<u32> {
        let content = lines[i].content();
        let (head, tail) = content.rsplit_once("        ")?;
        let (number, text) = if tail.trim().chars().all(|c| c.is_ascii_digit()) {
            (tail.trim(), head)
        } else {
            let (first, rest) = content.split_once("        ")?;
            (first.trim(), rest)
        };
        let text = text.trim();
        let header = !text.is_empty()
            && text.chars().count() <= 40
            && !text.chars().any(is_sentence_end)
            && (1..=4).contains(&number.len())
            && number.chars().all(|c| c.is_ascii_digit());
        header.then(|| number.parse().ok()).flatten()
    };
    let numbered: Vec<(usize, u32)> = tops
        .iter()
        .filter(|&&i| lines[i].form_feed || i > 0)
        .filter_map(|&i| page_number(i).map(|n| (i, n)))
        .collect();
    let rising = numbered.windows(2).all(|w| w[0].1 < w[1].1);
    if numbered.len() >= 2 && rising {
        for &(i, _) in &numbered {
            roles[i] = Role::Furniture(ArtifactKind::RunningHeader);
        }
    }
}

/// The multiply-rotate hash of rustc (FxHash): the keys are short lines of one file, so
/// SipHash's protection against chosen collisions buys nothing and costs most of the lookup.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use crate::document::{ArtifactKind, Document};

    fn page(body: &str) -> String {
        format!("{body}这一页的正文写得很长很长很长很长很长很长很长很长很长很长很长，\n")
    }

    #[test]
    fn page_tops_with_rising_page_numbers_are_running_headers() {
        let text = format!(
            "{}\u{c}第 2 节 使用方法                                        2\n{}\u{c}第 2 节 使用方法                                        3\n{}",
            page("第一页。"),
            page("第二页。"),
            page("第三页。")
        );
        let doc = Document::from_text("t", &text);
        let headers: Vec<u32> = doc
            .dropped()
            .iter()
            .filter(|d| d.kind == ArtifactKind::RunningHeader)
            .map(|d| d.line)
            .collect();
        assert_eq!(headers, [2, 4]);
        assert!(doc.text().contains("第一页。这一页"));
        assert!(!doc.text().contains("使用方法"));
        // Falling or lone numbers are not page numbers.
        let falling = text.replace(
            "方法                                        3",
            "方法                                        1",
        );
        let doc = Document::from_text("t", &falling);
        assert!(
            doc.dropped()
                .iter()
                .all(|d| d.kind != ArtifactKind::RunningHeader)
        );
    }

    #[test]
    fn the_last_line_of_a_sentence_above_a_page_number_is_text() {
        // pdftotext puts a page's last body line right above its page number: a line carrying
        // an unfinished sentence on is text, a footer set apart by blank lines is not.
        let text = "这是一页正文的第一行，写得很长很长很长很长很长很长很长很长很长很长，详见 update 的\n-reinstall-forcibly-removed 选项\n\n\n                    5\n\u{c}下一页的正文写得很长很长很长很长很长很长很长很长很长很长很长很长。\n\nDebian 安装手册\n\n                    6\n\u{c}第三页的正文写得很长很长很长很长很长很长很长很长很长很长很长很长。\n";
        let doc = Document::from_text("t", text);
        assert!(
            doc.text()
                .contains("详见 update 的-reinstall-forcibly-removed 选项"),
            "{}",
            doc.text()
        );
        let headers: Vec<&str> = doc
            .dropped()
            .iter()
            .filter(|d| d.kind == ArtifactKind::RunningHeader)
            .map(|d| d.text.as_str())
            .collect();
        assert_eq!(headers, ["Debian 安装手册"]);
    }

    #[test]
    fn a_chapter_label_over_the_page_number_is_the_running_head() {
        // pdftotext prints a running head's label, the page number and its title apart; the
        // chapter's own first page has the label over the title, with no number.
        let mut text = String::from("第四章\n\n排版数学公式\n\n本章讲公式。\n");
        for n in 42..46 {
            text.push_str(&format!(
                "\u{c}第四章\n\n{n}\n\n排版数学公式\n\n{}",
                page("公式。")
            ));
        }
        // Other chapters' pages: the label tops too few of all pages to count as a header by
        // its share.
        for _ in 0..30 {
            text.push_str(&format!("\u{c}{}", page("正文。")));
        }
        let doc = Document::from_text("t", &text);
        let labels = doc
            .dropped()
            .iter()
            .filter(|d| d.kind == ArtifactKind::RunningHeader && d.text == "第四章")
            .count();
        assert_eq!(labels, 4);
        let headings: Vec<&str> = doc
            .blocks()
            .iter()
            .filter(|b| b.kind == crate::document::BlockKind::Heading)
            .map(|b| doc.block_text(b))
            .collect();
        assert_eq!(headings.first(), Some(&"第四章"), "{headings:?}");
    }
}
