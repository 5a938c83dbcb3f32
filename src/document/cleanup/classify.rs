//! Second pass: give every raw line a role (body text, heading, note, furniture …).
//! Roles are decided from the line itself and its neighbours; nothing is removed here.

use super::lines::{Layout, Line};
use super::patterns::{self, squeeze};
use crate::document::ArtifactKind;
use crate::document::chars::{is_cjk_punct, is_han, is_sentence_end, is_terminal};

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
            Self::Blank | Self::NoteStart { .. } | Self::NoteCont | Self::Furniture(_)
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
    mark_headings(lines, layout, &mut roles);
    mark_titles_and_bylines(lines, layout, &mut roles);
    mark_subheads(lines, layout, &mut roles);
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

fn prev_non_blank(lines: &[Line<'_>], i: usize) -> Option<usize> {
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
fn prev_text_line(lines: &[Line<'_>], roles: &[Role], i: usize) -> Option<usize> {
    (0..i)
        .rev()
        .find(|&j| !roles[j].interrupts_only() && !lines[j].is_blank())
}

/// A numbered line that opens a page's text (only furniture above it on the page) and stands
/// apart from the line below it (a blank line or another indent): a heading, whatever the
/// previous page ended with.
fn heads_a_page(lines: &[Line<'_>], roles: &[Role], i: usize) -> bool {
    let page_top = (0..=i)
        .rev()
        .take_while(|&j| j == i || roles[j].interrupts_only() || lines[j].is_blank())
        .any(|j| lines[j].form_feed);
    let apart = lines
        .get(i + 1)
        .is_none_or(|next| next.is_blank() || next.indent != lines[i].indent);
    page_top && apart
}

/// Whether the text before line `i` ended a paragraph (so a heading may start here).
fn after_paragraph_end(lines: &[Line<'_>], roles: &[Role], i: usize) -> bool {
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

fn mark_headings(lines: &[Line<'_>], layout: &Layout, roles: &mut [Role]) {
    for i in 0..lines.len() {
        if !matches!(roles[i], Role::Body) {
            continue;
        }
        let content = lines[i].content();
        let chars = lines[i].char_len();
        let named = patterns::is_named_section(content);
        let rank = patterns::heading_rank(content)
            .filter(|&r| chars <= 50 && (r < 7 || plain_label(content)))
            .or_else(|| named.then_some(NAMED_RANK));
        let Some(rank) = rank else { continue };
        // `1. 确定您的硬件……。` followed or preceded by the next item: numbered sentences in a
        // run are a list. A numbered sentence with prose under it is a report's heading.
        if rank >= 5 && content.ends_with(['。', '！', '？']) {
            let numbered = |j: Option<usize>| {
                j.and_then(|j| patterns::heading_rank(lines[j].content()))
                    .is_some_and(|r| r >= 5)
            };
            if numbered(next_non_blank(lines, i)) || numbered(prev_non_blank(lines, i)) {
                continue;
            }
        }
        // A section name alone on its line is a heading wherever it stands.
        if !named && !after_paragraph_end(lines, roles, i) && !heads_a_page(lines, roles, i) {
            continue;
        }
        roles[i] = Role::Heading { rank };
        if let Some(j) = next_non_blank(lines, i)
            && matches!(roles[j], Role::Body)
            && heading_continues(&lines[i], &lines[j], layout)
        {
            roles[j] = Role::HeadingCont;
        }
    }
}

fn heading_continues(heading: &Line<'_>, next: &Line<'_>, layout: &Layout) -> bool {
    let content = heading.content();
    let bare_label = patterns::heading_rank(content).is_some()
        && squeeze(content).chars().count() <= 5
        && !content.chars().last().is_some_and(is_terminal);
    let next_short = next.char_len() <= 30 && !next.content().chars().any(is_sentence_end);
    if bare_label {
        return next_short;
    }
    !layout.line_per_paragraph
        && !content.chars().last().is_some_and(is_terminal)
        && heading.width * 10 >= layout.column * 8
        && next_short
        && next.width * 10 < layout.column * 8
}

/// `(1) 标题`: the lowest numbering styles are list items unless free of punctuation.
fn plain_label(content: &str) -> bool {
    !content
        .chars()
        .skip_while(|c| *c != ')' && *c != '）')
        .skip(1)
        .any(|c| {
            matches!(
                c,
                '，' | '。' | '；' | '：' | '！' | '？' | ',' | '.' | ';' | ':' | '!' | '?'
            )
        })
}

/// A title candidate: short, no sentence punctuation, standing after a paragraph end.
fn title_like(line: &Line<'_>) -> bool {
    let c = line.content();
    line.char_len() <= 40
        && (c.chars().filter(|&ch| is_han(ch)).count() >= 2 || c.chars().all(is_cjk_punct))
        && !c.contains(['\\', '{', '}', '='])
        && !c
            .chars()
            .any(|ch| matches!(ch, '。' | '！' | '？' | '；' | '!' | '?'))
        && !c.ends_with(|ch: char| "，、：,:".contains(ch))
        && !c.starts_with("——")
        && patterns::heading_rank(c).is_none()
}

fn mark_titles_and_bylines(lines: &[Line<'_>], layout: &Layout, roles: &mut [Role]) {
    let mut found_title = false;
    let strength: Vec<Option<bool>> = lines
        .iter()
        .zip(roles.iter())
        .map(|(l, r)| matches!(*r, Role::Body).then(|| patterns::byline_strength(l.content()))?)
        .collect();
    // Strong bylines first, so a weak one (a bare name) cannot steal a strong one's title.
    for want_strong in [true, false] {
        for i in 0..lines.len() {
            if !matches!(roles[i], Role::Body) || strength[i] != Some(want_strong) {
                continue;
            }
            found_title |= mark_byline(lines, roles, i, want_strong);
        }
    }
    if !found_title {
        mark_leading_title(lines, layout, roles);
    }
}

/// Mark line `i` as a byline with the title lines above it; returns whether a title was found.
fn mark_byline(lines: &[Line<'_>], roles: &mut [Role], i: usize, strong: bool) -> bool {
    let mut group = Vec::new();
    let mut j = i;
    while let Some(p) = prev_non_blank(lines, j) {
        if !matches!(roles[p], Role::Body) || !title_like(&lines[p]) || group.len() == 3 {
            break;
        }
        group.push(p);
        j = p;
    }
    // The title group must start a block: after a paragraph end or at the file start.
    while let Some(&first) = group.last() {
        if after_paragraph_end(lines, roles, first) {
            break;
        }
        group.pop();
    }
    // A bare name under a one-word line is too weak a sign (`格式矢量图` / `位图`).
    let title_han: usize = group
        .iter()
        .map(|&t| lines[t].content().chars().filter(|&c| is_han(c)).count())
        .sum();
    if !strong && (group.is_empty() || title_han < 6) {
        return false;
    }
    for &t in &group {
        roles[t] = Role::Title;
    }
    roles[i] = Role::Byline;
    let content = lines[i].content();
    let mut k = i;
    // An author note `（作者系…` runs on to its closing bracket.
    if content.starts_with('（') && !content.contains('）') {
        while let Some(n) = next_non_blank(lines, k) {
            if !matches!(roles[n], Role::Body) || k - i > 6 {
                break;
            }
            roles[n] = Role::Byline;
            k = n;
            if lines[n].content().contains('）') {
                break;
            }
        }
    }
    // A byline split over lines: `本报驻莫斯科记者` / `李春辉`.
    if let Some(n) = next_non_blank(lines, i)
        && matches!(roles[n], Role::Body)
        && content.ends_with("记者")
        && patterns::is_name_list(lines[n].content())
    {
        roles[n] = Role::Byline;
    }
    !group.is_empty()
}

/// A document opening with a short unpunctuated line followed by text has that line as title.
fn mark_leading_title(lines: &[Line<'_>], layout: &Layout, roles: &mut [Role]) {
    let Some(first) = lines.iter().position(|l| !l.is_blank()) else {
        return;
    };
    if matches!(roles[first], Role::Body)
        && title_like(&lines[first])
        && lines[first].char_len() >= 4
        // The first line of a wrapped paragraph fills the column; a title does not.
        && (layout.line_per_paragraph || lines[first].width * 10 <= layout.column * 8)
        && next_non_blank(lines, first)
            .is_some_and(|n| !matches!(roles[n], Role::Blank | Role::Furniture(_)))
    {
        roles[first] = Role::Title;
    }
}

/// Short unpunctuated lines standing alone between paragraphs (`新型国际关系典范`).
fn mark_subheads(lines: &[Line<'_>], layout: &Layout, roles: &mut [Role]) {
    for i in 0..lines.len() {
        if !matches!(roles[i], Role::Body) {
            continue;
        }
        let line = &lines[i];
        // Checked again below; most lines are too long, and the rest of the tests cost more.
        if !(2..=20).contains(&line.char_len()) {
            continue;
        }
        let c = line.content();
        // Asked last, after the tests on the line's shape, which are cheaper.
        let plain = || {
            !c.chars().any(|ch| {
                matches!(
                    ch,
                    '，' | '。'
                        | '！'
                        | '？'
                        | '；'
                        | '：'
                        | ','
                        | '.'
                        | '!'
                        | '?'
                        | ';'
                        | ':'
                        | '、'
                )
            }) && balanced(c)
        };
        let Some(n) = next_non_blank(lines, i) else {
            continue;
        };
        let next_is_text = matches!(roles[n], Role::Body | Role::NoteStart { .. });
        // In wrapped text a subhead is much narrower than the column, and the paragraph under
        // it starts with an indented (narrower) first line.
        let shape = if layout.line_per_paragraph {
            line.char_len() <= 20
        } else {
            line.char_len() <= 20
                && line.width * 10 <= line.column * 7
                && next_non_blank(lines, n).is_some_and(|m| lines[n].width + 2 <= lines[m].width)
        };
        if shape
            && line.char_len() >= 2
            && !c.starts_with("——")
            && next_is_text
            && plain()
            && after_paragraph_end(lines, roles, i)
            && prev_text_line(lines, roles, i).is_some()
        {
            roles[i] = Role::Heading { rank: SUBHEAD_RANK };
        }
    }
}

/// Quotes and brackets are closed: a line cut in the middle of a quotation is no heading.
fn balanced(s: &str) -> bool {
    // Opened minus closed, per pair, in one pass.
    let mut depth = [0isize; 6];
    for c in s.chars() {
        let (pair, step) = match c {
            '“' => (0, 1),
            '”' => (0, -1),
            '《' => (1, 1),
            '》' => (1, -1),
            '（' => (2, 1),
            '）' => (2, -1),
            '(' => (3, 1),
            ')' => (3, -1),
            '「' => (4, 1),
            '」' => (4, -1),
            '【' => (5, 1),
            '】' => (5, -1),
            _ => continue,
        };
        depth[pair] += step;
    }
    depth == [0; 6]
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
}
