//! Endnotes: a 注释 / 注 / 尾注 section at the end of a chapter or of the document, its notes
//! numbered `1.`, `1、` or `1 ` from 1 in each chapter. The entries look like a numbered list;
//! they are notes only where the text since the previous such section holds glued markers
//! for them, in order (the same test as page-bottom notes, see [`super::note_zone`]).

use super::classify::Role;
use super::lines::Line;
use super::note_zone::{self, ZoneForm};

/// Lines an endnote may run on for after its label line.
const MAX_NOTE_LINES: usize = 12;

/// Titles of an endnote section, compared without spaces, colons and case.
const TITLES: &[&str] = &[
    "注",
    "注释",
    "注解",
    "尾注",
    "附注",
    "本章注释",
    "notes",
    "endnotes",
];

pub fn is_endnote_title(content: &str) -> bool {
    if content.len() > 30 {
        return false;
    }
    let squeezed: String = content
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：'))
        .flat_map(char::to_lowercase)
        .collect();
    TITLES.contains(&squeezed.as_str())
}

/// `1. text`, `1．text`, `1、text`, `1 text`: number and label length (the label keeps its
/// punctuation so the note text starts after it).
pub fn endnote_head(content: &str) -> Option<(u32, usize)> {
    let digits = content.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 || content.starts_with('0') {
        return None;
    }
    let n: u32 = content[..digits].parse().ok()?;
    let rest = &content[digits..];
    let punct = ['.', '．', '、']
        .into_iter()
        .find_map(|p| rest.strip_prefix(p).map(|_| p.len_utf8()));
    let len = match punct {
        // `1.2` is a section number.
        Some(p) if rest[p..].starts_with(|c: char| c.is_ascii_digit()) => return None,
        Some(p) => digits + p,
        None => {
            note_zone::note_head(content)
                .filter(|h| h.form == ZoneForm::Plain)?
                .len
        }
    };
    (content[len..].trim().chars().count() >= 2).then_some((n, len))
}

/// Mark the notes of every endnote section whose markers the text before it holds.
pub fn mark_endnote_sections(lines: &[Line<'_>], roles: &mut [Role]) {
    let mut scope_start = 0;
    let mut i = 0;
    while i < lines.len() {
        if !(matches!(roles[i], Role::Body) && is_endnote_title(lines[i].content())) {
            i += 1;
            continue;
        }
        let (starts, end) = section_notes(lines, roles, i + 1);
        if !starts.is_empty() && markers_before(lines, roles, scope_start..i, &starts) {
            roles[i] = Role::Heading {
                rank: super::classify::NAMED_RANK,
            };
            let mut open = false;
            for j in i + 1..end {
                if let Some(&(_, _, len)) = starts.iter().find(|s| s.0 == j) {
                    roles[j] = Role::NoteStart {
                        label: lines[j].content()[..len].trim().to_owned(),
                    };
                    open = true;
                } else if open && matches!(roles[j], Role::Body) {
                    roles[j] = Role::NoteCont;
                }
            }
            scope_start = end;
            i = end;
        } else {
            i += 1;
        }
    }
}

/// The numbered entries after a title, from 1 on: (line, number, label length), and the line
/// after the section.
fn section_notes(
    lines: &[Line<'_>],
    roles: &[Role],
    from: usize,
) -> (Vec<(usize, u32, usize)>, usize) {
    let mut starts: Vec<(usize, u32, usize)> = Vec::new();
    let mut run = 0;
    let mut end = from;
    for j in from..lines.len() {
        if lines[j].is_blank() || matches!(roles[j], Role::Furniture(_)) {
            continue;
        }
        let content = lines[j].content();
        // The next chapter or the next endnote section ends this one.
        if !matches!(roles[j], Role::Body)
            || is_endnote_title(content)
            || (super::patterns::heading_rank(content).is_some() && endnote_head(content).is_none())
        {
            break;
        }
        let expected = starts.last().map_or(1, |s| s.1 + 1);
        match endnote_head(lines[j].content()) {
            Some((n, len)) if n == expected => {
                starts.push((j, n, len));
                run = 0;
            }
            _ if starts.is_empty() => break,
            _ => {
                run += 1;
                if run > MAX_NOTE_LINES {
                    break;
                }
            }
        }
        end = j + 1;
    }
    (starts, end)
}

/// The lines before the section hold a marker for note 1 and, in order, for at least half of
/// the notes.
fn markers_before(
    lines: &[Line<'_>],
    roles: &[Role],
    scope: std::ops::Range<usize>,
    starts: &[(usize, u32, usize)],
) -> bool {
    let marks: Vec<u32> = scope
        .filter(|&i| matches!(roles[i], Role::Body))
        .flat_map(|i| note_zone::glued_marks(lines[i].content()))
        .filter(|m| m.form == ZoneForm::Plain && !m.loose)
        .map(|m| m.n)
        .collect();
    let mut from = 0;
    let mut found = 0;
    for (k, &(_, n, _)) in starts.iter().enumerate() {
        match marks[from..].iter().position(|&m| m == n) {
            Some(p) => {
                from += p + 1;
                found += 1;
            }
            None if k == 0 => return false,
            None => {}
        }
    }
    found * 2 >= starts.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_heads() {
        assert!(is_endnote_title("注释"));
        assert!(is_endnote_title("注 释："));
        assert!(is_endnote_title("Notes"));
        assert!(!is_endnote_title("注意"));
        assert_eq!(endnote_head("1. 参见某书。"), Some((1, 2)));
        assert_eq!(endnote_head("12、同上。"), Some((12, 5)));
        assert_eq!(endnote_head("3 参见某书。"), Some((3, 1)));
        assert_eq!(endnote_head("1.2 引言"), None);
    }
}
