//! Last pass: lines with roles become blocks. Wrapped lines are joined (A2), paragraphs are
//! carried across note blocks and page furniture (A3, A5, C1), and paragraph ends are found from
//! punctuation, short last lines and indents (A4).

use super::Cleaned;
use super::classify::{NAMED_RANK, Role, ends_paragraph};
use super::inline::{self, MChar};
use super::lines::{Layout, Line};
use crate::document::chars::{is_cjk, is_han, is_latin_alnum, is_sentence_end, is_url_char};
use crate::document::source_map::MappedTextBuilder;
use crate::document::{Block, BlockKind, CleanupWarning, DroppedArtifact};
use crate::span::TextSpan;

/// Longest one-line fragment taken for text inside a figure.
const FIGURE_CHARS: usize = 16;

#[derive(Debug)]
struct Draft {
    kind: BlockKind,
    rank: Option<u8>,
    label: Option<String>,
    first_line: u32,
    last_line: u32,
    /// Index in `lines` of the last line appended.
    last_idx: usize,
    /// The draft's characters, in order.
    pieces: Vec<Piece>,
    /// Number of characters in `pieces`.
    len: usize,
    /// The last of them, kept at hand: every line joined asks for it.
    last: Option<MChar>,
    article: u32,
    /// Indent of the first line (code keeps the indentation of later lines past it).
    indent: usize,
}

impl Draft {
    /// Stands in for a draft while it is being extended.
    fn placeholder() -> Self {
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
enum Piece {
    /// `Assembler::chars[start..end]`.
    Arena(usize, usize),
    /// The raw text's bytes `start..end`, every character kept as it is.
    Raw(usize, usize),
}

/// A line's cleaned characters, as [`inline::process`] made them or untouched.
#[derive(Clone, Copy)]
enum LineChars<'a> {
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
struct DraftChars<'a> {
    arena: &'a [MChar],
    raw: &'a str,
    pieces: &'a [Piece],
    last: Option<MChar>,
}

impl<'a> DraftChars<'a> {
    fn iter(self) -> impl DoubleEndedIterator<Item = MChar> + 'a {
        self.pieces
            .iter()
            .flat_map(move |&piece| PieceChars::new(self.arena, self.raw, piece))
    }

    /// The characters from the last one backwards.
    fn rev_chars(self) -> impl Iterator<Item = char> + 'a {
        self.iter().rev().map(|m| m.ch)
    }

    fn last(self) -> Option<MChar> {
        self.last
    }

    /// The text ends inside a URL (see [`url_in_progress`]).
    fn url_in_progress(self) -> bool {
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
    fn view(&self, d: usize) -> DraftChars<'_> {
        self.view_of(&self.drafts[d])
    }

    fn view_of<'s>(&'s self, draft: &'s Draft) -> DraftChars<'s> {
        DraftChars {
            arena: &self.chars,
            raw: self.raw,
            pieces: &draft.pieces,
            last: draft.last,
        }
    }

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
                // Where blank lines carry no information, the URL question need not be asked.
                let url_goes_on = || {
                    self.drafts
                        .len()
                        .checked_sub(1)
                        .is_some_and(|d| self.view(d).url_in_progress())
                };
                if !self.layout.interleaved_blanks && !url_goes_on() {
                    // Blank lines before a page break (page number, running header, the
                    // page's footnotes) do not end the paragraph: the next page's first line
                    // decides whether its sentence goes on.
                    if self.page_break_ahead(i) {
                        self.crossing_page = true;
                    } else if !self.crossing_page {
                        self.open_para = None;
                    }
                    self.open_note = None;
                    self.open_code = None;
                    self.open_list = None;
                    // A table flattened one cell per line has blank lines between its cells.
                    if !matches!(self.next_role(i), Some(Role::TableRow { cells: false })) {
                        self.open_table = None;
                    }
                }
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
            // A margin note stands beside the body: the blocks open around it stay open, and
            // margin lines right below each other are one note.
            let n = line.n;
            match self.open_margin {
                Some((d, last)) if last + 1 == n => self.append(d, i, chars),
                _ => {
                    let d = self.push(BlockKind::Margin, None, None, i, chars);
                    self.open_margin = Some((d, n));
                }
            }
            if let Some((_, last)) = self.open_margin.as_mut() {
                *last = n;
            }
            return;
        }
        if !matches!(role, Role::NoteStart { .. } | Role::NoteCont) {
            self.open_note = None;
        }
        if !matches!(role, Role::HeadingCont) {
            self.open_heading = None;
        }
        if !matches!(role, Role::Title) {
            self.open_title = None;
        }
        if !matches!(role, Role::Caption) {
            self.open_caption = None;
        }
        if !matches!(role, Role::Code) {
            self.open_code = None;
        }
        if !matches!(role, Role::ListItem | Role::ListCont) {
            self.open_list = None;
        }
        if !matches!(role, Role::TableRow { .. }) {
            self.open_table = None;
        }
        match role {
            Role::NoteStart { label } => {
                self.open_note =
                    Some(self.push(BlockKind::Note, None, Some(label.clone()), i, chars));
            }
            Role::NoteCont => match self.open_note {
                Some(d) => self.append(d, i, chars),
                None => self.body(i, chars),
            },
            Role::Heading { rank } => {
                self.open_para = None;
                self.open_heading =
                    Some(self.push(BlockKind::Heading, Some(*rank), None, i, chars));
            }
            Role::HeadingCont => match self.open_heading {
                Some(d) => self.append(d, i, chars),
                None => self.body(i, chars),
            },
            Role::Title => {
                self.open_para = None;
                match self.open_title {
                    Some(d) => self.append(d, i, chars),
                    None => {
                        if self.seen_body {
                            self.article += 1;
                            self.seen_body = false;
                        }
                        self.open_title = Some(self.push(BlockKind::Title, None, None, i, chars));
                    }
                }
            }
            Role::Byline => {
                self.open_para = None;
                self.push(BlockKind::Byline, None, None, i, chars);
            }
            Role::Meta { label } => {
                let d = self.push(BlockKind::Meta, None, Some(label.clone()), i, chars);
                let runs_on =
                    super::patterns::is_abstract_label(label) && !self.layout.line_per_paragraph;
                self.open_para = runs_on.then_some(d);
            }
            Role::TocLabel => {
                self.open_para = None;
                self.push(BlockKind::Toc, None, None, i, chars);
            }
            Role::TocEntry { page } => {
                self.open_para = None;
                self.push(BlockKind::Toc, None, Some(page.to_string()), i, chars);
            }
            Role::Caption => {
                self.open_para = None;
                match self.open_caption {
                    Some(d) => self.append(d, i, chars),
                    None => {
                        let d = self.push(BlockKind::Caption, None, None, i, chars);
                        self.open_caption = Some(d);
                    }
                }
                let cleaned: String = self
                    .drafts
                    .len()
                    .checked_sub(1)
                    .map_or_else(String::new, |d| self.view(d).iter().map(|m| m.ch).collect());
                if super::patterns::ends_with_credit(&cleaned) {
                    self.open_caption = None;
                }
            }
            Role::Code => {
                self.open_para = None;
                match self.open_code {
                    Some(d) => self.append(d, i, chars),
                    None => self.open_code = Some(self.push(BlockKind::Code, None, None, i, chars)),
                }
            }
            Role::ListItem => {
                self.open_para = None;
                self.open_list = Some(self.push(BlockKind::List, None, None, i, chars));
            }
            Role::ListCont => match self.open_list {
                Some(d) => self.append(d, i, chars),
                None => self.body(i, chars),
            },
            Role::TableRow { .. } => {
                self.open_para = None;
                match self.open_table {
                    Some(d) => self.append(d, i, chars),
                    None => {
                        self.open_table = Some(self.push(BlockKind::Table, None, None, i, chars));
                    }
                }
            }
            Role::Body => self.body(i, chars),
            Role::Blank | Role::Furniture(_) | Role::Margin => {}
        }
    }

    /// The characters of a code line (raw, with its indentation past the code block's first
    /// line) or of a `-layout` table row (its wide gaps become tabs). `None` for other lines,
    /// and for code holding control characters, which the inline rules take out.
    fn structured_chars<'c>(&self, i: usize, chars: &'c mut Vec<MChar>) -> Option<LineChars<'c>> {
        let line = &self.lines[i];
        let content = line.content();
        match self.roles[i] {
            Role::Code if !content.chars().any(char::is_control) => {
                let base = self
                    .open_code
                    .map_or(line.indent, |d| self.drafts[d].indent);
                let keep = line.indent.saturating_sub(base);
                let lead = &line.text[..line.content_start];
                let spaces = lead.bytes().rev().take_while(|&b| b == b' ').count();
                let keep = keep.min(spaces);
                let start = line.content_raw() - keep;
                Some(LineChars::Raw {
                    start,
                    end: line.content_raw() + content.len(),
                    len: line.char_len() + keep,
                })
            }
            Role::TableRow { cells: true } => {
                chars.clear();
                let base = line.content_raw();
                let mut gap: Option<usize> = None;
                for (k, c) in content.char_indices() {
                    if c == ' ' {
                        gap.get_or_insert(k);
                        continue;
                    }
                    if let Some(g) = gap.take() {
                        let wide = k - g >= 3;
                        chars.push(MChar {
                            ch: if wide { '\t' } else { ' ' },
                            raw: (base + g) as u32,
                            synthetic: wide,
                        });
                    }
                    chars.push(MChar {
                        ch: c,
                        raw: (base + k) as u32,
                        synthetic: false,
                    });
                }
                Some(LineChars::Cleaned(chars))
            }
            _ => None,
        }
    }

    /// True if only blank lines, page furniture and footnotes stand between line `i` and the
    /// first line of the next page.
    fn page_break_ahead(&self, i: usize) -> bool {
        for j in i + 1..self.lines.len() {
            if self.lines[j].form_feed {
                return true;
            }
            match self.roles[j] {
                Role::Blank | Role::Furniture(_) | Role::NoteStart { .. } | Role::NoteCont => {}
                _ => return false,
            }
        }
        false
    }

    /// The role of the next line that is not blank.
    fn next_role(&self, i: usize) -> Option<&Role> {
        self.roles
            .iter()
            .skip(i + 1)
            .find(|r| !matches!(r, Role::Blank))
    }

    fn body(&mut self, i: usize, chars: LineChars<'_>) {
        self.crossing_page = false;
        self.seen_body = true;
        match self.open_para {
            Some(d) if self.continues(d, i) => self.append(d, i, chars),
            _ => self.open_para = Some(self.push(BlockKind::Paragraph, None, None, i, chars)),
        }
    }

    /// Whether body line `i` continues the open paragraph-like draft `d`.
    fn continues(&self, d: usize, i: usize) -> bool {
        let draft = &self.drafts[d];
        let prev = &self.lines[draft.last_idx];
        let cur = &self.lines[i];
        if prev.replacement {
            return false;
        }
        if self.view(d).url_in_progress() {
            return true;
        }
        let page_start = cur.form_feed || cur.indent == self.layout.base_indent + 1;
        if draft.kind == BlockKind::Meta && page_start {
            return false;
        }
        let prev_content = prev.content();
        if self.layout.line_per_paragraph {
            let attribution = prev_content.starts_with("——") && prev.char_len() <= 30;
            return !ends_paragraph(prev_content) && !attribution;
        }
        let short = prev.width + 4 <= prev.column;
        let ended = ends_paragraph(prev_content);
        if cur.indent >= self.layout.base_indent + 2 && !cur.form_feed {
            // A first-line indent starts a paragraph, but a full line whose sentence is not
            // finished runs on into an indented one (a hanging description), and a line
            // indented like the one before it carries that block on.
            let hanging = cur.indent <= prev.indent && prev.indent >= self.layout.base_indent + 2;
            let runs_on = !ended && !short;
            if !(runs_on || (hanging && !(ended && short))) {
                return false;
            }
        }
        !(ended && short)
    }

    fn push(
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
    fn add_chars(&mut self, draft: &mut Draft, chars: LineChars<'_>) {
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
    fn add_arena(&self, draft: &mut Draft, start: usize) {
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

    fn append(&mut self, d: usize, i: usize, chars: LineChars<'_>) {
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
        let line_break = matches!(draft.kind, BlockKind::Code | BlockKind::Table);
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

    /// One-line paragraphs of a Chinese document with no Chinese and no sentence end, at most
    /// [`FIGURE_CHARS`] long, are text drawn in a figure or a typeset example, not prose.
    fn mark_figure_text(&mut self) {
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

    fn finish(mut self) -> Cleaned {
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
fn url_in_progress(rev: impl Iterator<Item = char>) -> bool {
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

#[cfg(test)]
mod tests {
    use crate::document::{BlockKind, Document};

    fn paragraphs(text: &str) -> Vec<String> {
        let doc = Document::from_text("t", text);
        doc.blocks()
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .map(|b| doc.block_text(b).to_owned())
            .collect()
    }

    #[test]
    fn joins_wrapped_lines_by_script() {
        let text = "中国与中亚的合作不断深化，双方在教育、文化\n\n等领域取得成果。see the Opens a New Era of \n\nRelations, and http://www.\n\nexample.com/a.htm 以及 install-\n\nguide 文件。\n\n";
        assert_eq!(
            paragraphs(text),
            vec![
                "中国与中亚的合作不断深化，双方在教育、文化等领域取得成果。see the Opens a New Era of Relations, and http://www.example.com/a.htm 以及 install-guide 文件。"
            ]
        );
    }

    #[test]
    fn real_blank_lines_break_paragraphs_interleaved_ones_do_not() {
        let plain = "第一段的第一行文字，写得很长很长很长很长\n第一段的第二行。\n\n第二段的第一行文字，写得很长很长很长很长\n第二段的第二行。\n";
        assert_eq!(paragraphs(plain).len(), 2);
        let interleaved = "第一段的第一行文字，写得很长很长很长很长\n\n第一段的第二行文字，写得很长很长很长很长\n\n第一段的第三行文字，写得很长很长很长很长\n\n第一段的末行。\n\n";
        assert_eq!(paragraphs(interleaved).len(), 1);
    }

    #[test]
    fn indented_lines_start_paragraphs_and_truncated_lines_end_them() {
        let layout = "这是第一段的第一行文字，写得很长很长很长很长很长\n这是第一段的第二行文字，写得很长很长很长很长长。\n    这是第二段的第一行文字，写得很长很长很长很长\n这是第二段的第二行文字，写得很长很长很长很长很长\n";
        assert_eq!(paragraphs(layout).len(), 2);
        // A full line whose sentence is unfinished runs on into an indented line (a hanging
        // description, or a paragraph cut by a page furniture indent).
        let hanging = "这是第一段的第一行文字，写得很长很长很长很长很长\n这是第一段的第二行文字，写得很长很长很长很长很长\n    这是同一句的后半部分，写得很长很长很长很长\n";
        assert_eq!(paragraphs(hanging).len(), 1);
        let truncated = "这一行在末尾被截断了\u{FFFD}\n下一行不能盲目接上去\n";
        let doc = Document::from_text("t", truncated);
        assert_eq!(paragraphs(truncated).len(), 2);
        assert_eq!(doc.warnings().len(), 1);
        assert_eq!(doc.warnings()[0].line, 1);
    }

    fn kinds(text: &str) -> Vec<(BlockKind, String)> {
        let doc = Document::from_text("t", text);
        doc.blocks()
            .iter()
            .map(|b| (b.kind, doc.block_text(b).to_owned()))
            .collect()
    }

    #[test]
    fn short_latin_fragments_of_a_chinese_document_are_figure_text() {
        let text = "这是正文的第一段，说明下面的图里画了什么东西，\n写得很长很长很长很长。\n\nABCDEabcde\n\n这是正文的第二段，图中的字母只是示例而已，\n写得很长很长很长很长。\n\nSee Figure 2.\n";
        let found = kinds(text);
        assert!(
            found.contains(&(BlockKind::Figure, "ABCDEabcde".into())),
            "{found:?}"
        );
        // A sentence is prose even when it is short and Latin.
        assert!(
            found.contains(&(BlockKind::Paragraph, "See Figure 2.".into())),
            "{found:?}"
        );
        // A document that is not Chinese keeps its short lines as paragraphs.
        let english = "This is the first paragraph of an English text.\n\nABCDEabcde\n";
        assert!(kinds(english).iter().all(|(k, _)| *k != BlockKind::Figure));
    }

    #[test]
    fn code_lines_stay_lines_and_tables_keep_cells() {
        let text = "下面是一个例子：\n\\begin{document}\n  \\section{引言}\n\\end{document}\n";
        let found = kinds(text);
        assert!(
            found.contains(&(
                BlockKind::Code,
                "\\begin{document}\n  \\section{引言}\n\\end{document}".into()
            )),
            "{found:?}"
        );
        let layout = "名称        说明          默认值\nencoding    指定编码      UTF8\nscheme      数字格式      chinese\n";
        let rows: Vec<(BlockKind, String)> = kinds(layout);
        assert_eq!(
            rows,
            vec![(
                BlockKind::Table,
                "名称\t说明\t默认值\nencoding\t指定编码\tUTF8\nscheme\t数字格式\tchinese".into()
            )]
        );
    }
}
