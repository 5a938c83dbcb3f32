//! Which block each role's line goes into: notes, headings, titles, captions, code, lists,
//! tables and margin notes, each kept open while its lines follow.

use super::Assembler;
use super::draft::LineChars;
use crate::document::BlockKind;
use crate::document::cleanup::classify::Role;
use crate::document::cleanup::inline::MChar;
use crate::document::cleanup::patterns;

impl Assembler<'_, '_> {
    /// A margin note stands beside the body: the blocks open around it stay open, and margin
    /// lines right below each other are one note.
    pub(super) fn margin(&mut self, i: usize, chars: LineChars<'_>) {
        let line = &self.lines[i];
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
    }

    /// A line of any role closes the open blocks its role cannot continue.
    pub(super) fn close_other_blocks(&mut self, role: &Role) {
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
    }

    /// Put line `i`, of `role`, into the block it opens or continues.
    pub(super) fn place(&mut self, i: usize, role: &Role, chars: LineChars<'_>) {
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
            Role::Title => self.title(i, chars),
            Role::Byline => {
                self.open_para = None;
                self.push(BlockKind::Byline, None, None, i, chars);
            }
            Role::Meta { label } => {
                let d = self.push(BlockKind::Meta, None, Some(label.clone()), i, chars);
                let runs_on = patterns::is_abstract_label(label) && !self.layout.line_per_paragraph;
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
            Role::Caption => self.caption(i, chars),
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

    /// Title lines in a row are one title; a title after body text starts a new article.
    fn title(&mut self, i: usize, chars: LineChars<'_>) {
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

    /// Caption lines in a row are one caption, up to a photo credit that ends it.
    fn caption(&mut self, i: usize, chars: LineChars<'_>) {
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
        if patterns::ends_with_credit(&cleaned) {
            self.open_caption = None;
        }
    }

    /// The characters of a code line (raw, with its indentation past the code block's first
    /// line) or of a `-layout` table row (its wide gaps become tabs). `None` for other lines,
    /// and for code holding control characters, which the inline rules take out.
    pub(super) fn structured_chars<'c>(
        &self,
        i: usize,
        chars: &'c mut Vec<MChar>,
    ) -> Option<LineChars<'c>> {
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
}
