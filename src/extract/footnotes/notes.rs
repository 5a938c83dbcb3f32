//! Note definitions: one per Note block of the cleaned document, with the raw lines it came
//! from, its text in the gold convention (raw lines joined) and its rebuilt URLs.

use std::collections::BTreeSet;

use super::Note;
use super::forms::{self, Form};
use super::urls;
use crate::document::{ArtifactKind, Block, BlockKind, Document};
use crate::span::TextSpan;

/// Raw lines the cleanup removed as a whole (page furniture), which a note never contains.
pub fn furniture_lines(doc: &Document) -> BTreeSet<u32> {
    doc.dropped()
        .iter()
        .filter(|d| {
            matches!(
                d.kind,
                ArtifactKind::PageNumber
                    | ArtifactKind::RunningHeader
                    | ArtifactKind::Stamp
                    | ArtifactKind::EditorLine
            )
        })
        .map(|d| d.line)
        .collect()
}

/// A note built from a block that starts with a definition label. `label` is the label as the
/// cleanup or the paren scan found it.
pub fn note_from_block(
    doc: &Document,
    block: &Block,
    label: &str,
    furniture: &BTreeSet<u32>,
) -> Option<Note> {
    let (n, form) = forms::parse_label(label)?;
    let raw = doc.raw();
    let lines: Vec<(u32, &str)> = (block.first_line..=block.last_line)
        .filter(|l| !furniture.contains(l))
        .filter_map(|l| Some((l, raw.line(l as usize)?)))
        .filter(|(_, text)| !text.trim().is_empty())
        .collect();
    let &(line, first) = lines.first()?;
    let end_line = lines.last().map_or(line, |l| l.0);
    let first = strip_label(first.trim_start(), label);
    let mut text = String::with_capacity(block.span.len());
    text.push_str(first);
    for (_, rest) in lines.iter().skip(1) {
        text.push_str(rest);
    }
    let block_text = doc.block_text(block);
    let label_len = clean_label_len(block_text, label);
    let note_urls = urls::find_urls(&urls::join_for_urls(
        std::iter::once(first).chain(lines.iter().skip(1).map(|l| l.1)),
    ));
    let clean_text = block_text.get(label_len..).unwrap_or_default().trim();
    Some(Note {
        n,
        label: label.to_owned(),
        form,
        block: block.id,
        span: block.span,
        label_span: TextSpan::new(block.span.start(), block.span.start() + label_len),
        line,
        end_line,
        lines: lines.iter().map(|l| l.0).collect(),
        text: text.trim().to_owned(),
        clean_text: clean_text.to_owned(),
        urls: note_urls,
        group: 0,
        ibid_of: None,
        repeat_of: None,
        short_form_of: None,
    })
}

/// The first raw line without its label; the label is matched ignoring spaces inside it.
fn strip_label<'a>(line: &'a str, label: &str) -> &'a str {
    if let Some(rest) = line.strip_prefix(label) {
        return rest;
    }
    let mut want = label.chars().filter(|c| !c.is_whitespace()).peekable();
    for (i, c) in line.char_indices() {
        if want.peek().is_none() {
            return &line[i..];
        }
        if c.is_whitespace() {
            continue;
        }
        if want.next() != Some(c) {
            return line;
        }
    }
    ""
}

/// Byte length of the label at the start of the cleaned block text (the cleanup dropped the
/// `^` of `^[1]` and any spaces inside `注 1`).
fn clean_label_len(block_text: &str, label: &str) -> usize {
    let mut want = label
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '^')
        .peekable();
    for (i, c) in block_text.char_indices() {
        if want.peek().is_none() {
            return i;
        }
        if c.is_whitespace() || c == '^' {
            continue;
        }
        if want.next() != Some(c) {
            return 0;
        }
    }
    block_text.len()
}

/// Blocks that start with `（n）` and read like a citation: definitions of paren markers, which
/// the cleanup keeps as headings or paragraphs because `（1）` also numbers lists.
pub fn paren_definitions(doc: &Document) -> Vec<(&Block, String)> {
    doc.blocks()
        .iter()
        .filter(|b| !matches!(b.kind, BlockKind::Note | BlockKind::Toc))
        .filter_map(|b| {
            let text = doc.block_text(b);
            if !text.starts_with(['（', '(']) {
                return None;
            }
            let close = text.find(['）', ')'])?;
            let label_end = close + text[close..].chars().next()?.len_utf8();
            let label = text.get(..label_end)?;
            let (_, form) = forms::parse_label(label)?;
            (form == Form::Paren && reads_like_citation(&text[label_end..]))
                .then(|| (b, label.to_owned()))
        })
        .collect()
}

/// Source references: a title in 《》, a page, an issue, a publisher, a URL, 同上.
pub fn reads_like_citation(text: &str) -> bool {
    const CUES: [&str; 10] = [
        "《",
        "载",
        "出版社",
        "http",
        "www.",
        "页",
        "同上",
        "参见",
        "Ibid",
        "pp.",
    ];
    CUES.iter().any(|c| text.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_stripped_despite_spaces_and_carets() {
        assert_eq!(strip_label("[1] 参见", "[1]"), " 参见");
        assert_eq!(strip_label("注 1：见", "注1："), "见");
        assert_eq!(clean_label_len("[1]参见", "^[1]"), 3);
        assert_eq!(clean_label_len("注1：见", "注 1："), "注1：".len());
    }

    #[test]
    fn citations_are_recognised() {
        assert!(reads_like_citation("王五：《论合作》，第 3 页。"));
        assert!(!reads_like_citation("教育合作稳步推进。"));
    }
}
