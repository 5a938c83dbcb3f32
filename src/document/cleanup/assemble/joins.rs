//! Joining a wrapped line to the draft it continues (A2, C7): what goes between the two
//! lines, by script, inside URLs and after hyphens.

use super::Assembler;
use super::draft::{Draft, DraftChars, LineChars};
use crate::document::BlockKind;
use crate::document::chars::{is_cjk, is_latin_alnum, is_url_char};
use crate::document::cleanup::inline::MChar;
use crate::document::cleanup::structure::is_definition_term;

impl Assembler<'_, '_> {
    pub(super) fn append(&mut self, d: usize, i: usize, chars: LineChars<'_>) {
        let prev_line = &self.lines[self.drafts[d].last_idx];
        let draft = &self.drafts[d];
        let view = self.view(d);
        let first = match chars {
            LineChars::Cleaned(chars) => chars.first().copied(),
            LineChars::Segments { ranges, .. } => ranges.first().and_then(|&(start, end)| {
                self.raw[start..end].chars().next().map(|ch| MChar {
                    ch,
                    raw: start as u32,
                    synthetic: false,
                })
            }),
            LineChars::Raw { start, end, .. } => {
                self.raw[start..end].chars().next().map(|ch| MChar {
                    ch,
                    raw: start as u32,
                    synthetic: false,
                })
            }
        };
        // A definition term keeps its own line above its description.
        let term = draft.kind == BlockKind::List
            && draft.first_line == draft.last_line
            && is_definition_term(prev_line.content());
        let line_break = matches!(draft.kind, BlockKind::Code | BlockKind::Table) || term;
        let sep = match (view.last(), first) {
            (Some(last), Some(_)) if line_break => Some(MChar {
                ch: '\n',
                raw: last.raw,
                synthetic: true,
            }),
            (Some(last), Some(first)) => {
                let bare_label = draft.kind == BlockKind::Heading
                    && draft.len <= 5
                    && view.iter().all(|m| !m.ch.is_whitespace());
                if bare_label {
                    Some(MChar {
                        ch: ' ',
                        raw: last.raw,
                        synthetic: true,
                    })
                } else {
                    separator(view, first.ch).map(|space| match (space, prev_line.trailing_space) {
                        (Sep::Space, Some(raw)) => MChar {
                            ch: ' ',
                            raw: raw as u32,
                            synthetic: false,
                        },
                        _ => MChar {
                            ch: ' ',
                            raw: last.raw,
                            synthetic: true,
                        },
                    })
                }
            }
            _ => None,
        };
        let mut draft = std::mem::replace(&mut self.drafts[d], Draft::placeholder());
        if let Some(sep) = sep {
            let start = self.chars.len();
            self.chars.push(sep);
            self.add_arena(&mut draft, start);
        }
        self.add_chars(&mut draft, chars);
        draft.last_line = self.lines[i].n;
        draft.last_idx = i;
        self.drafts[d] = draft;
    }
}

enum Sep {
    Space,
}

/// What goes between two joined lines (A2, C7): nothing between CJK characters or inside a
/// URL, one space between Latin words.
fn separator(prev: DraftChars<'_>, next: char) -> Option<Sep> {
    let last = prev.last()?.ch;
    if prev.url_in_progress() && is_url_char(next) {
        return None;
    }
    let before_last = || prev.rev_chars().nth(1);
    if last == '-' && before_last().is_some_and(|c| c.is_alphabetic() && !is_cjk(c)) {
        return None;
    }
    let narrow_a = is_latin_alnum(last)
        || matches!(
            last,
            ',' | '.' | ';' | ':' | '!' | '?' | ')' | '%' | '"' | '\''
        );
    let narrow_b = is_latin_alnum(next) || matches!(next, '(' | '"' | '\'');
    (narrow_a && narrow_b && !(last.is_ascii_digit() && next.is_ascii_digit()))
        .then_some(Sep::Space)
}

/// The text, given from its last character backwards, ends inside a URL that may continue on
/// the next line: its last token (after the last space or CJK character) holds `http`, `www.`
/// or `://` and does not end with `>`.
pub(super) fn url_in_progress(rev: impl Iterator<Item = char>) -> bool {
    // The token's characters from the current one on: `window[0]` is the current character.
    let mut window = [' '; 4];
    let mut seen = 0;
    let mut last = None;
    for c in rev {
        if c == ' ' || is_cjk(c) {
            break;
        }
        last.get_or_insert(c);
        window = [c, window[0], window[1], window[2]];
        seen += 1;
        let found = (seen >= 4 && matches!(window, ['h', 't', 't', 'p'] | ['w', 'w', 'w', '.']))
            || (seen >= 3 && window[..3] == [':', '/', '/']);
        if found {
            return last != Some('>');
        }
    }
    false
}
