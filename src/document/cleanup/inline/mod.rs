//! Third pass, inside one line: control characters, doubled runs, Markdown remnants and spacing
//! (justification letter-spacing, spaces at full-width punctuation and before note markers).
//! Characters keep their raw offsets; whatever is removed and is not whitespace is recorded.
//! The character rules live by kind: [`remnants`] (doubled runs, decoration, Markdown, ToC page
//! numbers) and [`spacing`].

mod remnants;
mod spacing;
#[cfg(test)]
mod tests;

pub use remnants::marker_len;
pub use spacing::spaced_segments;

use super::classify::Role;
use super::lines::Line;
use crate::document::chars::decode_at;
use crate::document::{ArtifactKind, DroppedArtifact};
use crate::span::TextSpan;
use remnants::{collapse_doubled, drop_decoration, split_toc_page, strip_markdown};
use spacing::{despace_meta_label, normalize_spaces};

/// A character of cleaned text with the raw byte it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MChar {
    pub ch: char,
    pub raw: u32,
    pub synthetic: bool,
}

struct Ctx<'a, 'b> {
    line: &'a Line<'b>,
    dropped: &'a mut Vec<DroppedArtifact>,
}

impl Ctx<'_, '_> {
    fn drop_run(&mut self, kind: ArtifactKind, run: &[MChar]) {
        // A run can straddle characters an earlier rule removed (a control character between
        // two copies): record one artifact per raw-contiguous piece, so each holds exactly the
        // raw text its span covers.
        let mut start = 0;
        for i in 1..=run.len() {
            let contiguous =
                i < run.len() && run[i].raw == run[i - 1].raw + run[i - 1].ch.len_utf8() as u32;
            if !contiguous {
                self.drop_piece(kind, &run[start..i]);
                start = i;
            }
        }
    }

    fn drop_piece(&mut self, kind: ArtifactKind, run: &[MChar]) {
        let (Some(first), Some(last)) = (run.first(), run.last()) else {
            return;
        };
        let text: String = run.iter().map(|m| m.ch).collect();
        if text.trim().is_empty() {
            return;
        }
        self.dropped.push(DroppedArtifact {
            kind,
            line: self.line.n,
            text,
            raw_span: TextSpan::new(first.raw as usize, last.raw as usize + last.ch.len_utf8()),
        });
    }
}

/// Clean one line's content into `out` (cleared first; a buffer the caller reuses). `role`
/// selects the rules that apply (labels are de-spaced more eagerly than body text).
pub fn process(
    line: &Line<'_>,
    role: &Role,
    dropped: &mut Vec<DroppedArtifact>,
    out: &mut Vec<MChar>,
) {
    let mut ctx = Ctx { line, dropped };
    let base = line.content_raw() as u32;
    let mut chars = std::mem::take(out);
    chars.clear();
    chars.reserve(line.char_len());
    let content = line.content();
    let has_space = if line.only_spaces {
        // Nothing to map or drop: every character is kept as it is.
        let mut i = 0;
        while i < content.len() {
            let (ch, len) = decode_at(content, i);
            chars.push(MChar {
                ch,
                raw: base + i as u32,
                synthetic: false,
            });
            i += len;
        }
        !line.plain
    } else {
        let mut has_space = false;
        for (b, c) in content.char_indices() {
            let space = c.is_whitespace();
            has_space |= space;
            let m = MChar {
                ch: if space { ' ' } else { c },
                raw: base + b as u32,
                synthetic: false,
            };
            if c.is_control() && !space {
                ctx.drop_run(ArtifactKind::ControlChar, &[m]);
            } else {
                chars.push(m);
            }
        }
        has_space
    };
    if let Role::TocEntry { .. } = role {
        chars = split_toc_page(&mut ctx, line.content(), chars);
    }
    if matches!(role, Role::Caption) {
        chars = collapse_doubled(&mut ctx, chars);
    }
    if matches!(role, Role::Byline) {
        chars = drop_decoration(&mut ctx, chars);
    }
    // The kept characters come from the content: without these bytes there is no Markdown.
    if line.markdown {
        strip_markdown(&mut ctx, &mut chars);
    }
    // Spaces only come from whitespace in the content.
    if has_space {
        normalize_spaces(&mut chars, role);
    }
    if let Role::Meta { .. } = role {
        despace_meta_label(&mut chars);
    }
    *out = chars;
}

/// Labels are de-spaced more eagerly than body text.
pub(super) fn label_like(role: &Role) -> bool {
    matches!(
        role,
        Role::Title
            | Role::Byline
            | Role::Heading { .. }
            | Role::HeadingCont
            | Role::TocLabel
            | Role::TocEntry { .. }
    )
}

/// Whether [`process`] would keep the line's content as it is: no whitespace, no control
/// character, no Markdown, and a role whose own rules do not apply.
pub fn is_verbatim(line: &Line<'_>, role: &Role) -> bool {
    line.plain && !line.markdown && only_spacing_applies(role)
}

/// Whether [`process`] would only remove spaces from the line (see [`spaced_segments`]): no
/// whitespace but the space, no control character, no Markdown, and a role whose own rules do
/// not apply.
pub fn is_spaced_verbatim(line: &Line<'_>, role: &Role) -> bool {
    line.only_spaces && !line.markdown && only_spacing_applies(role)
}

fn only_spacing_applies(role: &Role) -> bool {
    !matches!(
        role,
        Role::TocEntry { .. } | Role::Caption | Role::Byline | Role::Meta { .. }
    )
}
