//! Where a paragraph ends (A3, A4, A5, C1): blank lines, page breaks with their furniture
//! and footnotes between, first-line indents and short last lines.

use super::Assembler;
use super::draft::LineChars;
use crate::document::BlockKind;
use crate::document::cleanup::classify::{Role, ends_paragraph};

impl Assembler<'_, '_> {
    /// A blank line ends the open paragraph, note, code and list, unless blank lines carry no
    /// information here, a URL goes on, or a page break is ahead.
    pub(super) fn blank(&mut self, i: usize) {
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

    pub(super) fn body(&mut self, i: usize, chars: LineChars<'_>) {
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
        // A line ending in a comma has its sentence unfinished whatever its width or the next
        // line's indent (a raised logo letter or an inline formula broke the line early).
        if prev_content.ends_with(['，', '、']) && !cur.form_feed {
            return true;
        }
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
}
