//! Headings, titles and bylines: numbered headings by rank (confirmed by the table of
//! contents where the document has one), the title above a byline, unnumbered subheads.

use super::classify::{
    NAMED_RANK, Role, SUBHEAD_RANK, after_paragraph_end, next_non_blank, prev_non_blank,
    prev_text_line,
};
use super::lines::{Layout, Line};
use super::patterns::{self, squeeze};
use crate::document::chars::{is_cjk_punct, is_han, is_sentence_end, is_terminal};

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
    // `4.3.3 分式和根式` with its paragraph right under it, at the same indent: a dotted
    // section number is no list item.
    let dotted = lines[i]
        .content()
        .split_whitespace()
        .next()
        .is_some_and(section_number_only);
    page_top && (apart || dotted)
}

/// Titles the document's table of contents lists (squeezed), for telling its headings.
fn toc_titles(lines: &[Line<'_>], roles: &[Role]) -> Vec<String> {
    let mut titles: Vec<String> = lines
        .iter()
        .zip(roles)
        .filter(|(_, r)| matches!(r, Role::TocEntry { .. }))
        .filter_map(|(l, _)| {
            let (end, _) = patterns::toc_entry(l.content())?;
            let title = squeeze(&l.content()[..end]).into_owned();
            (title.chars().count() >= 2).then_some(title)
        })
        .collect();
    titles.sort_unstable();
    titles.dedup();
    titles
}

/// The rank of a heading the ToC lists: by its number's depth (`2 例子` 5, `4.1 info` 6),
/// else an unnumbered section.
fn listed_rank(lines: &[Line<'_>], i: usize, titles: &[String]) -> Option<u8> {
    let content = lines[i].content();
    if titles.is_empty() || lines[i].char_len() > 60 || content.chars().any(is_sentence_end) {
        return None;
    }
    let squeezed = squeeze(content);
    let listed = titles.iter().any(|t| {
        squeezed.starts_with(t.as_str()) && squeezed.chars().count() <= t.chars().count() + 30
    });
    if !listed {
        return None;
    }
    let number: String = content
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    Some(match number.trim_end_matches('.').matches('.').count() {
        _ if number.is_empty() => NAMED_RANK,
        0 => 5,
        depth => (5 + depth).min(6) as u8,
    })
}

pub fn mark_headings(lines: &[Line<'_>], layout: &Layout, roles: &mut [Role]) {
    let titles = toc_titles(lines, roles);
    for i in 0..lines.len() {
        if !matches!(roles[i], Role::Body) {
            continue;
        }
        let content = lines[i].content();
        let chars = lines[i].char_len();
        let named = patterns::is_named_section(content);
        let listed = listed_rank(lines, i, &titles);
        let rank = patterns::heading_rank(content)
            .filter(|&r| chars <= 50 && (r < 7 || plain_label(content)))
            .or_else(|| named.then_some(NAMED_RANK))
            .or(listed);
        let Some(rank) = rank else { continue };
        // A line the table of contents lists is a heading wherever it stands.
        let named = named || listed.is_some();
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
        // A section name alone on its line is a heading wherever it stands; so is a chapter
        // or section number (`第 1 节 简介`) set apart by two blank lines or more.
        let set_apart = rank <= 2 && i >= 2 && lines[i - 2..i].iter().all(|l| l.is_blank());
        if !named
            && !set_apart
            && !after_paragraph_end(lines, roles, i)
            && !heads_a_page(lines, roles, i)
        {
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

pub fn mark_titles_and_bylines(lines: &[Line<'_>], layout: &Layout, roles: &mut [Role]) {
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

/// A section number alone on its line (`4.8`, `2.3.1`: pdftotext often prints a LaTeX
/// heading's number apart from its words) with a short unpunctuated line under it: one heading,
/// ranked by the number's depth. Not where the title line is followed by a bare page number (a
/// running head at a page top), nor in a table of contents (dot leaders). Running-head lines
/// between the two are stepped over.
pub fn mark_split_numbered_headings(lines: &[Line<'_>], roles: &mut [Role]) {
    for i in 0..lines.len() {
        if !matches!(roles[i], Role::Body) || !section_number_only(lines[i].content()) {
            continue;
        }
        // A running head's words may stand between the number and its title at a page top
        // (`1.3` / `LATEX 的基本概念` / `LATEX 命令和代码结构`).
        let Some(j) = (i + 1..lines.len())
            .find(|&j| !lines[j].is_blank() && !matches!(roles[j], Role::Furniture(_)))
        else {
            continue;
        };
        let title = lines[j].content();
        let plain_title = matches!(roles[j], Role::Body)
            && (2..=30).contains(&lines[j].char_len())
            && !title.starts_with(|c: char| c.is_ascii_digit())
            && !title.contains(". .")
            && !title
                .chars()
                .any(|c| is_sentence_end(c) || matches!(c, '，' | '；' | '：' | ','))
            && balanced(title);
        let page_number_after = next_non_blank(lines, j).is_some_and(|k| {
            let c = lines[k].content().trim();
            !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit())
        });
        if plain_title && !page_number_after && after_paragraph_end(lines, roles, i) {
            let depth = lines[i].content().trim().matches('.').count();
            roles[i] = Role::Heading {
                rank: (5 + depth).min(6) as u8,
            };
            roles[j] = Role::HeadingCont;
            // A numbered heading right under it now follows a heading, not a line of text.
            if let Some(k) = next_non_blank(lines, j)
                && matches!(roles[k], Role::Body)
                && lines[k].char_len() <= 50
                && !lines[k].content().ends_with(is_sentence_end)
                && let Some(rank) = patterns::heading_rank(lines[k].content()).filter(|&r| r >= 5)
            {
                roles[k] = Role::Heading { rank };
            }
        }
    }
}

/// `4.8`, `2.3.1`: digits with at least one dot between, nothing else.
pub(super) fn section_number_only(content: &str) -> bool {
    let t = content.trim();
    let parts: Vec<&str> = t.split('.').collect();
    (2..=4).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
}

/// Short unpunctuated lines standing alone between paragraphs (`新型国际关系典范`).
pub fn mark_subheads(lines: &[Line<'_>], layout: &Layout, roles: &mut [Role]) {
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
#[path = "headings_tests.rs"]
mod tests;
