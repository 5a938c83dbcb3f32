//! Structured text: what the HTML, EPUB and DOCX importers produce.
//!
//! Those formats already say what is a heading, a paragraph, a list item or a note, so their
//! text skips the PDF-artifact cleanup. An importer renders the file as a plain *raw text* (one
//! block per line or lines, so raw line/column stay meaningful for the CLI and the sidecar) and
//! lists its blocks as byte ranges of that raw text. Footnote references are written into the
//! raw text as `[n]` and notes as Note blocks labelled `[n]`, so the one footnote extractor links
//! them as it does for text files.

use crate::document::cleanup::Cleaned;
use crate::document::raw::RawText;
use crate::document::source_map::MappedTextBuilder;
use crate::document::{Block, BlockKind, CleanupWarning};
use crate::span::TextSpan;

/// One block: its kind and the raw text it is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructuredBlock {
    pub kind: BlockKind,
    /// Heading level, 1 = top.
    pub level: Option<u8>,
    /// A note's number as written (`[1]`), a metadata label.
    pub label: Option<String>,
    /// Byte range of the block's text in [`StructuredText::raw`]. Line breaks inside it are
    /// kept for code and tables and become nothing (CJK) or a space (Latin) elsewhere.
    pub range: std::ops::Range<usize>,
}

/// Raw text plus the blocks it holds, in reading order.
#[derive(Debug, Clone, Default)]
pub struct StructuredText {
    pub raw: String,
    pub blocks: Vec<StructuredBlock>,
    pub title: Option<String>,
    /// Something the reader should know (a missing spine item, a skipped image).
    pub warnings: Vec<String>,
    /// Names the source format for `extract`'s `encoding` field (`EPUB`, `HTML (GBK)`).
    pub encoding: String,
}

impl StructuredText {
    /// Append a block: its text goes into the raw text on lines of its own, after a blank line.
    pub fn push(&mut self, kind: BlockKind, level: Option<u8>, label: Option<String>, text: &str) {
        // Code keeps its first line's indentation.
        let text = if matches!(kind, BlockKind::Code | BlockKind::Table) {
            text.trim_matches(['\n', '\r']).trim_end()
        } else {
            text.trim()
        };
        if text.trim().is_empty() {
            return;
        }
        if !self.raw.is_empty() {
            self.raw.push_str("\n\n");
        }
        let start = self.raw.len();
        self.raw.push_str(text);
        self.blocks.push(StructuredBlock {
            kind,
            level,
            label,
            range: start..self.raw.len(),
        });
    }
}

/// Build the cleaned text and source map from structured blocks (no artifact rules).
pub(crate) fn assemble(raw: &RawText, st: &StructuredText) -> Cleaned {
    let text = raw.text();
    let mut out = MappedTextBuilder::with_capacity(text.len());
    let mut blocks = Vec::with_capacity(st.blocks.len());
    for b in &st.blocks {
        let Some(slice) = text.get(b.range.clone()) else {
            continue;
        };
        if slice.trim().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_synthetic('\n', b.range.start);
        }
        let start = out.len();
        let keep_breaks = matches!(b.kind, BlockKind::Code | BlockKind::Table);
        let mut prev: Option<char> = None;
        let mut pending_break: Option<usize> = None;
        for (i, line) in split_lines(slice) {
            let raw_at = b.range.start + i;
            let line = if keep_breaks { line } else { line.trim() };
            if line.is_empty() {
                continue;
            }
            if let Some(at) = pending_break.take() {
                if keep_breaks {
                    out.push_synthetic('\n', at);
                } else if needs_space(prev, line.chars().next()) {
                    out.push_synthetic(' ', at);
                }
            }
            let offset = line.as_ptr() as usize - slice.as_ptr() as usize;
            out.push_str_run(line, b.range.start + offset);
            prev = line.chars().last();
            pending_break = Some(raw_at + line.len());
        }
        let end = out.len();
        let first_line = raw.pos_of_byte(b.range.start).line;
        let last_line = raw
            .pos_of_byte(b.range.end.saturating_sub(1).max(b.range.start))
            .line;
        blocks.push(Block {
            id: blocks.len(),
            kind: b.kind,
            level: b.level,
            span: TextSpan::new(start, end),
            first_line,
            last_line,
            label: b.label.clone(),
            article: 0,
            page: None,
        });
    }
    let (text, map) = out.finish();
    Cleaned {
        text,
        map,
        blocks,
        dropped: Vec::new(),
        warnings: st
            .warnings
            .iter()
            .map(|m| CleanupWarning {
                line: 0,
                message: m.clone(),
            })
            .collect(),
        title: st.title.clone(),
    }
}

fn split_lines(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    s.split('\n').map(move |line| {
        let start = at;
        at += line.len() + 1;
        (start, line)
    })
}

/// A space joins two lines only between Latin letters or digits.
fn needs_space(prev: Option<char>, next: Option<char>) -> bool {
    match (prev, next) {
        (Some(a), Some(b)) => a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_their_kinds_and_map_back() {
        let mut st = StructuredText::default();
        st.push(BlockKind::Heading, Some(1), None, "第一章");
        st.push(BlockKind::Paragraph, None, None, "中文\n继续 and\nmore");
        st.push(BlockKind::Code, None, None, "$ ls\n  -l");
        let raw = RawText::new(&st.raw);
        let c = assemble(&raw, &st);
        assert_eq!(c.text, "第一章\n中文继续 and more\n$ ls\n  -l");
        assert_eq!(c.blocks.len(), 3);
        assert_eq!(c.blocks[0].kind, BlockKind::Heading);
        assert_eq!(c.blocks[2].first_line, 7);
        let off = c.text.find("继续").unwrap_or_default();
        assert_eq!(c.map.raw_pos(&raw, off).map(|p| p.line), Some(4));
    }
}
