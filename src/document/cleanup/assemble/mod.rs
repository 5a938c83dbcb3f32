//! Last pass: lines with roles become blocks. Wrapped lines are joined (A2, [`joins`]),
//! paragraphs are carried across note blocks and page furniture and their ends are found from
//! punctuation, short last lines and indents (A3, A4, A5, C1, [`paragraphs`]); each role's
//! line goes to its kind of block ([`blocks`]); [`output`] builds the text and source map.

mod blocks;
mod draft;
mod figures;
mod joins;
mod output;
mod paragraphs;
#[cfg(test)]
mod tests;

use super::Cleaned;
use super::classify::Role;
use super::inline::{self, MChar};
use super::lines::{Layout, Line};
use crate::document::{CleanupWarning, DroppedArtifact};
use crate::span::TextSpan;
use draft::{Draft, LineChars};

struct Assembler<'a, 'b> {
    raw: &'a str,
    lines: &'a [Line<'b>],
    roles: &'a [Role],
    layout: &'a Layout,
    drafts: Vec<Draft>,
    dropped: Vec<DroppedArtifact>,
    warnings: Vec<CleanupWarning>,
    open_para: Option<usize>,
    open_note: Option<usize>,
    open_heading: Option<usize>,
    open_title: Option<usize>,
    open_caption: Option<usize>,
    open_code: Option<usize>,
    open_list: Option<usize>,
    open_table: Option<usize>,
    /// The margin note being read, and the raw line it last grew on.
    open_margin: Option<(usize, u32)>,
    /// Between the last body line of a page and the first of the next: blank lines there do
    /// not end the paragraph.
    crossing_page: bool,
    article: u32,
    seen_body: bool,
    /// The characters of the drafts' [`Piece::Arena`] pieces.
    chars: Vec<MChar>,
    /// The current line's cleaned characters; reused from line to line.
    line: Vec<MChar>,
    /// The current line's kept stretches, when only spaces were removed; reused likewise.
    segments: Vec<(usize, usize)>,
}

/// `raw` is the text the lines were cut from.
pub fn assemble(raw: &str, lines: &[Line<'_>], roles: &[Role], layout: &Layout) -> Cleaned {
    let mut asm = Assembler {
        raw,
        lines,
        roles,
        layout,
        drafts: Vec::new(),
        dropped: Vec::new(),
        warnings: Vec::new(),
        open_para: None,
        open_note: None,
        open_heading: None,
        open_title: None,
        open_caption: None,
        open_code: None,
        open_list: None,
        open_table: None,
        open_margin: None,
        crossing_page: false,
        article: 0,
        seen_body: false,
        chars: Vec::with_capacity(raw.len() / 2),
        line: Vec::new(),
        segments: Vec::new(),
    };
    for i in 0..lines.len() {
        asm.feed(i);
    }
    asm.finish()
}

impl Assembler<'_, '_> {
    fn feed(&mut self, i: usize) {
        let mut chars = std::mem::take(&mut self.line);
        let mut segments = std::mem::take(&mut self.segments);
        self.feed_line(i, &mut chars, &mut segments);
        self.line = chars;
        self.segments = segments;
    }

    fn feed_line(&mut self, i: usize, chars: &mut Vec<MChar>, segments: &mut Vec<(usize, usize)>) {
        let line = &self.lines[i];
        let role = &self.roles[i];
        if line.replacement {
            self.warnings.push(CleanupWarning {
                line: line.n,
                message: "line looks truncated (U+FFFD): characters may be missing".into(),
            });
        }
        match role {
            Role::Blank => {
                self.blank(i);
                return;
            }
            Role::Furniture(kind) => {
                let content = line.content();
                self.dropped.push(DroppedArtifact {
                    kind: *kind,
                    line: line.n,
                    text: content.to_owned(),
                    raw_span: TextSpan::new(line.content_raw(), line.content_raw() + content.len()),
                });
                return;
            }
            _ => {}
        }
        let chars = if let Some(chars) = self.structured_chars(i, chars) {
            chars
        } else if inline::is_verbatim(line, role) {
            let start = line.content_raw();
            LineChars::Raw {
                start,
                end: start + line.content().len(),
                len: line.char_len(),
            }
        } else if inline::is_spaced_verbatim(line, role) {
            inline::spaced_segments(line, role, segments);
            let base = line.content_raw();
            let content = line.content();
            let mut len = 0;
            for range in segments.iter_mut() {
                len += content[range.0..range.1].chars().count();
                *range = (base + range.0, base + range.1);
            }
            LineChars::Segments {
                ranges: segments,
                len,
            }
        } else {
            inline::process(line, role, &mut self.dropped, chars);
            LineChars::Cleaned(chars)
        };
        if matches!(role, Role::Margin) {
            self.margin(i, chars);
            return;
        }
        self.close_other_blocks(role);
        self.place(i, role, chars);
    }
}
