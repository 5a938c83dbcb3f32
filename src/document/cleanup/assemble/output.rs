//! The drafts become the cleaned text, its source map and the blocks; heading ranks become
//! levels, and the document gets its title.

use super::Assembler;
use super::draft::Piece;
use crate::document::cleanup::Cleaned;
use crate::document::cleanup::classify::NAMED_RANK;
use crate::document::cleanup::inline::MChar;
use crate::document::source_map::MappedTextBuilder;
use crate::document::{Block, BlockKind, DroppedArtifact};
use crate::span::TextSpan;

impl Assembler<'_, '_> {
    pub(super) fn finish(mut self) -> Cleaned {
        self.drafts.retain(|d| d.len > 0);
        self.mark_figure_text();
        self.drafts.sort_by_key(|d| d.first_line);
        let mut ranks: Vec<u8> = self
            .drafts
            .iter()
            .filter_map(|d| d.rank)
            .filter(|&r| r != NAMED_RANK)
            .collect();
        ranks.sort_unstable();
        ranks.dedup();
        if ranks.is_empty() {
            ranks.push(NAMED_RANK);
        }
        let mut builder = MappedTextBuilder::with_capacity(self.raw.len());
        let mut blocks = Vec::with_capacity(self.drafts.len());
        for (id, draft) in self.drafts.iter().enumerate() {
            if !builder.is_empty() {
                let near = self
                    .view_of(draft)
                    .iter()
                    .next()
                    .map_or(0, |m| m.raw as usize);
                builder.push_synthetic('\n', near);
            }
            let start = builder.len();
            for &piece in &draft.pieces {
                match piece {
                    Piece::Arena(from, to) => {
                        push_chars(&mut builder, self.raw, &self.chars[from..to]);
                    }
                    Piece::Raw(from, to) => builder.push_str_run(&self.raw[from..to], from),
                }
            }
            let level = draft.rank.map(|r| {
                let rank = if r == NAMED_RANK { ranks[0] } else { r };
                ranks.iter().position(|&x| x == rank).map_or(1, |p| p + 1) as u8
            });
            blocks.push(Block {
                id,
                kind: draft.kind,
                level: if draft.kind == BlockKind::Heading {
                    level
                } else {
                    None
                },
                span: TextSpan::new(start, builder.len()),
                first_line: draft.first_line,
                last_line: draft.last_line,
                label: draft.label.clone(),
                article: draft.article,
                page: None,
            });
        }
        let (text, map) = builder.finish();
        let title = blocks
            .iter()
            .find(|b| b.kind == BlockKind::Title)
            .and_then(|b| b.span.slice(&text))
            .map(str::to_owned)
            .or_else(|| running_header_title(&self.dropped));
        Cleaned {
            text,
            map,
            blocks,
            dropped: self.dropped,
            warnings: self.warnings,
            title,
        }
    }
}

/// With no title block, the running header (usually the article title) names the document.
fn running_header_title(dropped: &[DroppedArtifact]) -> Option<String> {
    let header = dropped
        .iter()
        .find(|d| d.kind == crate::document::ArtifactKind::RunningHeader)?;
    let doc = crate::document::Document::from_text("header", &header.text);
    Some(doc.text().trim().to_owned()).filter(|t| !t.is_empty())
}

/// Append cleaned characters to the text and its source map. Characters copied from
/// consecutive raw bytes go in as one run, straight from the raw text where they are the raw
/// characters (a space may stand for other raw whitespace).
fn push_chars(builder: &mut MappedTextBuilder, raw: &str, chars: &[MChar]) {
    let bytes = raw.as_bytes();
    let mut k = 0;
    while k < chars.len() {
        let first = chars[k];
        if first.synthetic {
            builder.push_synthetic(first.ch, first.raw as usize);
            k += 1;
            continue;
        }
        let start = first.raw as usize;
        let (mut next, mut end, mut verbatim) = (start, k, true);
        while let Some(m) = chars.get(end)
            && !m.synthetic
            && m.raw as usize == next
        {
            verbatim &= m.ch != ' ' || bytes.get(next) == Some(&b' ');
            next += m.ch.len_utf8();
            end += 1;
        }
        match raw.get(start..next).filter(|_| verbatim) {
            Some(copied) => builder.push_str_run(copied, start),
            None => builder.push_run(chars[k..end].iter().map(|m| m.ch), start),
        }
        k = end;
    }
}
