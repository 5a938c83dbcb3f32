//! Text drawn in a figure: short Latin one-line paragraphs of a Chinese document.

use super::Assembler;
use crate::document::BlockKind;
use crate::document::chars::{is_han, is_sentence_end};

/// Longest one-line fragment taken for text inside a figure.
const FIGURE_CHARS: usize = 16;

impl Assembler<'_, '_> {
    /// One-line paragraphs of a Chinese document with no Chinese and no sentence end, at most
    /// [`FIGURE_CHARS`] long, are text drawn in a figure or a typeset example, not prose.
    pub(super) fn mark_figure_text(&mut self) {
        // Share of Han among the visible characters, in one pass over the lines' measures.
        let dense: usize = self.lines.iter().map(|l| l.visible).sum();
        let han = self
            .lines
            .iter()
            .filter(|l| l.visible > 0)
            .flat_map(|l| l.content().chars())
            .filter(|&c| is_han(c))
            .count();
        if han * 5 < dense {
            return;
        }
        for d in 0..self.drafts.len() {
            let draft = &self.drafts[d];
            if draft.kind != BlockKind::Paragraph
                || draft.first_line != draft.last_line
                || draft.len > FIGURE_CHARS
            {
                continue;
            }
            let text: String = self.view(d).iter().map(|m| m.ch).collect();
            let text = text.trim();
            let figure = !text.is_empty()
                && !text.chars().any(is_han)
                && !text.ends_with(|c: char| {
                    is_sentence_end(c) || matches!(c, '.' | '!' | '?' | ':' | '：')
                })
                && !text.contains("://");
            if figure {
                self.drafts[d].kind = BlockKind::Figure;
            }
        }
    }
}
