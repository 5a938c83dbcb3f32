//! Second pass: give every raw line a role (body text, heading, note, furniture …).
//! Roles are decided from the line itself and its neighbours; nothing is removed here.

use super::lines::{Layout, Line};
use super::patterns;
use crate::document::ArtifactKind;
use crate::document::chars::{is_sentence_end, is_terminal};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Blank,
    Body,
    /// A numbered or named heading; `rank` orders numbering styles.
    Heading {
        rank: u8,
    },
    /// The wrapped second line of a heading.
    HeadingCont,
    Title,
    Byline,
    Meta {
        label: String,
    },
    TocLabel,
    TocEntry {
        page: u32,
    },
    NoteStart {
        label: String,
    },
    NoteCont,
    Caption,
    /// A line of a code listing or command transcript, kept as it is.
    Code,
    /// A margin note or side-column text beside the body (`-layout` text).
    Margin,
    /// A list item's first line, and the lines it wraps onto.
    ListItem,
    ListCont,
    /// A table row; `cells` when wide gaps separate its cells (`-layout` text).
    TableRow {
        cells: bool,
    },
    Furniture(ArtifactKind),
}

impl Role {
    /// Structural lines end the paragraph before them; notes and furniture only interrupt it.
    pub fn interrupts_only(&self) -> bool {
        matches!(
            self,
            Self::Blank
                | Self::NoteStart { .. }
                | Self::NoteCont
                | Self::Furniture(_)
                | Self::Margin
        )
    }
}

/// Rank given to unnumbered subheads (below every numbered style).
pub const SUBHEAD_RANK: u8 = 9;
/// Rank of named sections (结语, 序言): they sit at the top numbered level of their document.
pub const NAMED_RANK: u8 = 255;

pub fn classify(lines: &[Line<'_>], layout: &Layout) -> Vec<Role> {
    let mut roles: Vec<Role> = lines
        .iter()
        .map(|l| {
            if l.is_blank() {
                Role::Blank
            } else if l.margin {
                Role::Margin
            } else {
                Role::Body
            }
        })
        .collect();
    let next_content = next_content_table(lines);
    mark_single_line_roles(lines, &next_content, &mut roles);
    super::margin::mark_version_stamps(lines, &mut roles);
    // Before running headers: a page's last note often stands right above its page number,
    // where a running footer would.
    super::note_zone::mark_note_zones(lines, &mut roles);
    super::furniture::mark_running_headers(lines, &mut roles);
    super::furniture::mark_page_top_heads(lines, &mut roles);
    super::furniture::mark_edge_letters(lines, &mut roles);
    mark_note_continuations(lines, layout, &mut roles);
    // After the continuation rule, which would run a note on into the next chapter: endnote
    // sections say where each of their notes ends.
    super::endnotes::mark_endnote_sections(lines, &mut roles);
    // Split numbers first, so a heading right under one follows a heading, not a stray line
    // (`4.4` / `多行公式` / `4.4.1 长公式折行`); again after, for numbers under a heading.
    super::headings::mark_split_numbered_headings(lines, &mut roles);
    super::headings::mark_headings(lines, layout, &mut roles);
    super::headings::mark_split_numbered_headings(lines, &mut roles);
    super::headings::mark_titles_and_bylines(lines, layout, &mut roles);
    super::headings::mark_subheads(lines, layout, &mut roles);
    super::structure::mark_structure(lines, layout, &mut roles);
    // Margin text split off its line is nothing else, whatever a pass above took it for.
    for (role, line) in roles.iter_mut().zip(lines) {
        if line.margin {
            *role = Role::Margin;
        }
    }
    roles
}

/// For each line, the index of the next non-blank line.
fn next_content_table(lines: &[Line<'_>]) -> Vec<Option<usize>> {
    let mut next = vec![None; lines.len()];
    let mut upcoming = None;
    for i in (0..lines.len()).rev() {
        next[i] = upcoming;
        if !lines[i].is_blank() {
            upcoming = Some(i);
        }
    }
    next
}

fn mark_single_line_roles(lines: &[Line<'_>], next: &[Option<usize>], roles: &mut [Role]) {
    let mut after_toc_label = false;
    for (i, line) in lines.iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        let content = line.content();
        let next_content = next[i].map(|j| lines[j].content());
        roles[i] = if let Some(kind) = patterns::furniture(content, next_content) {
            Role::Furniture(kind)
        } else if let Some((label, _)) = patterns::note_start(content) {
            Role::NoteStart { label }
        } else if let Some(label) = patterns::meta_label(content) {
            Role::Meta { label }
        } else if patterns::is_toc_label(content) {
            after_toc_label = true;
            Role::TocLabel
        } else if let Some((_, page)) = patterns::toc_entry(content)
            .filter(|_| after_toc_label || toc_neighbour(lines, next, i))
        {
            Role::TocEntry { page }
        } else if patterns::is_caption(content)
            || super::doubled::is_doubled_line_screened(content, line.doubled)
        {
            Role::Caption
        } else {
            Role::Body
        };
        if !matches!(roles[i], Role::TocLabel | Role::TocEntry { .. }) {
            after_toc_label = after_toc_label && matches!(roles[i], Role::Blank);
        }
    }
}

fn toc_neighbour(lines: &[Line<'_>], next: &[Option<usize>], i: usize) -> bool {
    next[i].is_some_and(|j| patterns::toc_entry(lines[j].content()).is_some())
}

pub(super) fn next_non_blank(lines: &[Line<'_>], i: usize) -> Option<usize> {
    (i + 1..lines.len()).find(|&j| !lines[j].is_blank())
}

pub(super) fn prev_non_blank(lines: &[Line<'_>], i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| !lines[j].is_blank())
}

/// A note runs on until the next note, a page start (form feed or a one-space indent), page
/// furniture, a structural line, or — where blank lines are real — a blank line.
fn mark_note_continuations(lines: &[Line<'_>], layout: &Layout, roles: &mut [Role]) {
    let mut in_note = false;
    let mut blank_seen = false;
    for (i, line) in lines.iter().enumerate() {
        match &roles[i] {
            Role::NoteStart { .. } => {
                in_note = !layout.line_per_paragraph;
                blank_seen = false;
            }
            Role::Blank => blank_seen = true,
            Role::Body if in_note => {
                let page_start = line.form_feed || line.indent > layout.base_indent;
                let url_goes_on = prev_non_blank(lines, i)
                    .is_some_and(|p| url_continues(lines[p].content(), line.content()));
                let blank_ends = blank_seen && !layout.interleaved_blanks && !url_goes_on;
                if page_start || blank_ends {
                    in_note = false;
                } else {
                    roles[i] = Role::NoteCont;
                }
                blank_seen = false;
            }
            _ => {
                in_note = false;
                blank_seen = false;
            }
        }
    }
}

/// A line ending inside a URL (`http://www.`) whose continuation starts the next line (C7).
pub fn url_continues(prev: &str, next: &str) -> bool {
    let token = prev
        .rsplit(|c: char| c.is_whitespace() || crate::document::chars::is_cjk(c))
        .next()
        .unwrap_or_default();
    (token.contains("http") || token.contains("www.") || token.contains("://"))
        && !token.ends_with('>')
        && next
            .chars()
            .next()
            .is_some_and(crate::document::chars::is_url_char)
}

/// The text line before `i` that is not blank, a note or furniture.
pub(super) fn prev_text_line(lines: &[Line<'_>], roles: &[Role], i: usize) -> Option<usize> {
    (0..i)
        .rev()
        .find(|&j| !roles[j].interrupts_only() && !lines[j].is_blank())
}

/// Whether the text before line `i` ended a paragraph (so a heading may start here).
pub(super) fn after_paragraph_end(lines: &[Line<'_>], roles: &[Role], i: usize) -> bool {
    match prev_text_line(lines, roles, i) {
        None => true,
        Some(j) if !matches!(roles[j], Role::Body) => true,
        Some(j) => ends_paragraph(lines[j].content()),
    }
}

/// The line ends with terminal punctuation (a trailing note marker does not count).
pub fn ends_paragraph(content: &str) -> bool {
    let trimmed = strip_trailing_markers(content);
    let mut rev = trimmed.chars().rev();
    match rev.next() {
        // A closing quote or bracket ends a paragraph only after a sentence end (`。”`), not
        // after a quoted name (`共建“一带一路”`).
        Some('”' | '’' | '」' | '』' | '）' | ')') => rev
            .next()
            .is_some_and(|c| is_sentence_end(c) || is_terminal(c)),
        Some(c) => is_terminal(c),
        None => false,
    }
}

pub fn strip_trailing_markers(content: &str) -> &str {
    let mut s = content.trim_end();
    loop {
        // A marker ends with `]`; most lines do not, and need no search for its `[`.
        if !s.ends_with(']') {
            return s;
        }
        let Some(open) = s.rfind('[') else { return s };
        let tail = &s[open..];
        let is_marker = tail.len() > 2
            && tail.ends_with(']')
            && tail[1..tail.len() - 1].chars().all(|c| c.is_ascii_digit());
        if !is_marker {
            return s;
        }
        s = s[..open].trim_end_matches('^').trim_end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_markers_do_not_end_a_paragraph() {
        assert!(!ends_paragraph("《中哈国界协定》，^[1]"));
        assert!(ends_paragraph("合作体量很小。[1]"));
        assert!(ends_paragraph("合作体量很小。 [1] [2]"));
        assert_eq!(strip_trailing_markers("ab[x]"), "ab[x]");
    }

    #[test]
    fn numbered_sentences_are_list_items_not_headings() {
        use crate::document::{BlockKind, Document};
        let doc = Document::from_text(
            "t",
            "本手册的组织如下：\n\n1. 确定您的硬件是否满足安装系统的要求。\n\n2. 备份您的系统。\n\n3. 安装\n",
        );
        let kinds: Vec<BlockKind> = doc.blocks().iter().map(|b| b.kind).collect();
        assert_eq!(kinds[1], BlockKind::List, "{kinds:?}");
        assert_eq!(kinds[2], BlockKind::List, "{kinds:?}");
        assert_eq!(kinds[3], BlockKind::Heading, "{kinds:?}");
    }

    #[test]
    fn lines_the_table_of_contents_lists_are_headings() {
        use crate::document::{BlockKind, Document};
        let text = "目录\n\n1 基本格式与说明 . . . . . . . . 3\n2 例子 . . . . . . . . . . 4\n\n\u{c}1 基本格式与说明\n  tlmgr 的命令由全局选项和操作组成，写得很长很长很长很长很长很长很长\n2 例子\n  在成功安装之后，可以这样使用它，写得很长很长很长很长很长很长很长\n";
        let doc = Document::from_text("t", text);
        let headings: Vec<&str> = doc
            .blocks()
            .iter()
            .filter(|b| b.kind == BlockKind::Heading)
            .map(|b| doc.block_text(b))
            .collect();
        assert_eq!(headings, ["1 基本格式与说明", "2 例子"]);
        // Without the ToC, `2 例子` after an unfinished line is text.
        let bare = "前面的句子没有说完，写得很长很长很长很长很长很长很长很长很长很长\n2 例子\n";
        let doc = Document::from_text("t", bare);
        assert!(doc.blocks().iter().all(|b| b.kind != BlockKind::Heading));
    }
}
