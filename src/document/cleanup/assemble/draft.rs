//! A draft block and where its characters lie: pieces of the assembler's arena or untouched
//! stretches of the raw text, so joining a line never copies the draft.

use super::Assembler;
use super::joins::url_in_progress;
use crate::document::BlockKind;
use crate::document::chars::is_cjk;
use crate::document::cleanup::inline::MChar;

#[derive(Debug)]
pub(super) struct Draft {
    pub(super) kind: BlockKind,
    pub(super) rank: Option<u8>,
    pub(super) label: Option<String>,
    pub(super) first_line: u32,
    pub(super) last_line: u32,
    /// Index in `lines` of the last line appended.
    pub(super) last_idx: usize,
    /// The draft's characters, in order.
    pub(super) pieces: Vec<Piece>,
    /// Number of characters in `pieces`.
    pub(super) len: usize,
    /// The last of them, kept at hand: every line joined asks for it.
    pub(super) last: Option<MChar>,
    pub(super) article: u32,
    /// Indent of the first line (code keeps the indentation of later lines past it).
    pub(super) indent: usize,
}

impl Draft {
    /// Stands in for a draft while it is being extended.
    pub(super) fn placeholder() -> Self {
        Self {
            kind: BlockKind::Paragraph,
            rank: None,
            label: None,
            first_line: 0,
            last_line: 0,
            last_idx: 0,
            pieces: Vec::new(),
            len: 0,
            last: None,
            article: 0,
            indent: 0,
        }
    }
}

/// A stretch of a draft's characters. Lines are written once into the assembler's arena, so
/// joining a line costs no copy of the draft; a line the inline rules leave as it is is not
/// written at all, only its raw byte range is kept.
#[derive(Debug, Clone, Copy)]
pub(super) enum Piece {
    /// `Assembler::chars[start..end]`.
    Arena(usize, usize),
    /// The raw text's bytes `start..end`, every character kept as it is.
    Raw(usize, usize),
}

/// A line's cleaned characters, as [`process`](crate::document::cleanup::inline::process)
/// made them or untouched.
#[derive(Clone, Copy)]
pub(super) enum LineChars<'a> {
    Cleaned(&'a [MChar]),
    /// Stretches of the raw bytes kept as they are, holding `len` characters in all.
    Segments {
        ranges: &'a [(usize, usize)],
        len: usize,
    },
    /// The raw bytes `start..end` (the line's content), holding `len` characters.
    Raw {
        start: usize,
        end: usize,
        len: usize,
    },
}

/// A draft's characters where they lie.
#[derive(Clone, Copy)]
pub(super) struct DraftChars<'a> {
    pub(super) arena: &'a [MChar],
    pub(super) raw: &'a str,
    pub(super) pieces: &'a [Piece],
    pub(super) last: Option<MChar>,
}

impl<'a> DraftChars<'a> {
    pub(super) fn iter(self) -> impl DoubleEndedIterator<Item = MChar> + 'a {
        self.pieces
            .iter()
            .flat_map(move |&piece| PieceChars::new(self.arena, self.raw, piece))
    }

    /// The characters from the last one backwards.
    pub(super) fn rev_chars(self) -> impl Iterator<Item = char> + 'a {
        self.iter().rev().map(|m| m.ch)
    }

    pub(super) fn last(self) -> Option<MChar> {
        self.last
    }

    /// The text ends inside a URL (see [`url_in_progress`]).
    pub(super) fn url_in_progress(self) -> bool {
        // The usual last character (CJK or a space) ends the question without a walk back.
        self.last().is_some_and(|m| m.ch != ' ' && !is_cjk(m.ch))
            && url_in_progress(self.rev_chars())
    }
}

/// The characters of one [`Piece`].
enum PieceChars<'a> {
    Arena(std::slice::Iter<'a, MChar>),
    Raw(usize, std::str::CharIndices<'a>),
}

impl<'a> PieceChars<'a> {
    fn new(arena: &'a [MChar], raw: &'a str, piece: Piece) -> Self {
        match piece {
            Piece::Arena(start, end) => Self::Arena(arena[start..end].iter()),
            Piece::Raw(start, end) => Self::Raw(start, raw[start..end].char_indices()),
        }
    }

    fn raw_char(start: usize, (b, ch): (usize, char)) -> MChar {
        MChar {
            ch,
            raw: (start + b) as u32,
            synthetic: false,
        }
    }
}

impl Iterator for PieceChars<'_> {
    type Item = MChar;

    fn next(&mut self) -> Option<MChar> {
        match self {
            Self::Arena(it) => it.next().copied(),
            Self::Raw(start, it) => it.next().map(|c| Self::raw_char(*start, c)),
        }
    }
}

impl DoubleEndedIterator for PieceChars<'_> {
    fn next_back(&mut self) -> Option<MChar> {
        match self {
            Self::Arena(it) => it.next_back().copied(),
            Self::Raw(start, it) => it.next_back().map(|c| Self::raw_char(*start, c)),
        }
    }
}

impl Assembler<'_, '_> {
    pub(super) fn view(&self, d: usize) -> DraftChars<'_> {
        self.view_of(&self.drafts[d])
    }

    pub(super) fn view_of<'s>(&'s self, draft: &'s Draft) -> DraftChars<'s> {
        DraftChars {
            arena: &self.chars,
            raw: self.raw,
            pieces: &draft.pieces,
            last: draft.last,
        }
    }

    pub(super) fn push(
        &mut self,
        kind: BlockKind,
        rank: Option<u8>,
        label: Option<String>,
        i: usize,
        chars: LineChars<'_>,
    ) -> usize {
        let n = self.lines[i].n;
        let mut draft = Draft {
            kind,
            rank,
            label,
            first_line: n,
            last_line: n,
            last_idx: i,
            // Most drafts take a few lines, each a piece or two.
            pieces: Vec::with_capacity(8),
            len: 0,
            last: None,
            article: self.article,
            indent: self.lines[i].indent,
        };
        self.add_chars(&mut draft, chars);
        self.drafts.push(draft);
        self.drafts.len() - 1
    }

    /// Append a line's characters to a draft's pieces.
    pub(super) fn add_chars(&mut self, draft: &mut Draft, chars: LineChars<'_>) {
        match chars {
            LineChars::Cleaned(chars) => {
                let start = self.chars.len();
                self.chars.extend_from_slice(chars);
                self.add_arena(draft, start);
            }
            LineChars::Raw { start, end, len } => self.add_raw(draft, &[(start, end)], len),
            LineChars::Segments { ranges, len } => self.add_raw(draft, ranges, len),
        }
    }

    /// Add stretches of the raw text, `len` characters in all, to a draft's pieces.
    fn add_raw(&self, draft: &mut Draft, ranges: &[(usize, usize)], len: usize) {
        for &(start, end) in ranges {
            if let Some(ch) = self.raw[start..end].chars().next_back() {
                draft.pieces.push(Piece::Raw(start, end));
                draft.last = Some(MChar {
                    ch,
                    raw: (end - ch.len_utf8()) as u32,
                    synthetic: false,
                });
            }
        }
        draft.len += len;
    }

    /// Add `self.chars[start..]`, written for `draft`, to its pieces.
    pub(super) fn add_arena(&self, draft: &mut Draft, start: usize) {
        let end = self.chars.len();
        if end > start {
            draft.len += end - start;
            draft.last = Some(self.chars[end - 1]);
            match draft.pieces.last_mut() {
                // Nothing was written since this draft's last piece: it just grows.
                Some(Piece::Arena(_, piece_end)) if *piece_end == start => *piece_end = end,
                _ => draft.pieces.push(Piece::Arena(start, end)),
            }
        }
    }
}
