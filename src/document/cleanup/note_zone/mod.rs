//! Page-bottom footnotes in the forms PDF extraction leaves: a plain number (`3 参见…`,
//! `3参见…`), a note symbol (`∗ † ‡ § ¶`, `*`, `**`) or a Latin-1 stand-in for a circled digit
//! (`¬ ­ ® ¯ °` …, what a dingbat font without a Unicode map becomes).
//!
//! None of these can be told from body text by the line alone — `2 得到。` may be a sentence
//! wrapped before a number. A run of such lines is a note zone only where it sits at the
//! bottom of a page (before the form feed, below it only furniture), its labels form a
//! consecutive sequence, and the page's body above holds a glued marker for them, in order.
//! The marker scan ([`glued_marks`]) is shared with footnote extraction, which links the
//! same markers to these notes.
//!
//! Note labels are read in [`heads`], candidate markers in body text in [`marks`]; here is
//! the zone itself: where it sits on a page and whether its markers are there.

mod heads;
mod marks;

pub use heads::{Head, ZoneForm, glyph_value, note_head, symbol_value};
pub use marks::{Mark, glued_marks, has_text, lone_mark};

use std::ops::Range;

use super::classify::Role;
use super::lines::Line;
use crate::document::ArtifactKind;
use marks::lone_number;

/// Non-blank, non-furniture lines a note may run on for after its label line.
const MAX_NOTE_LINES: usize = 8;
/// Highest plain note number: chapters rarely hold more, and bigger numbers are data.
const MAX_PLAIN: u32 = 199;
/// Lowest and highest Latin-1 stand-ins for circled digits (`¬` … `¿`).
const GLYPH_FIRST: u32 = 0xAC;
const GLYPH_LAST: u32 = 0xBF;

/// Mark the page-bottom note zones of every page: label lines become `NoteStart`, the lines
/// they run on for `NoteCont`.
pub fn mark_note_zones(lines: &[Line<'_>], roles: &mut [Role]) {
    // The last note number seen per form: a page's first note restarts at 1 or carries the
    // numbering on (one missed note allowed), so a table row `64 位` is no note 64.
    let mut last: [Option<u32>; 3] = [None; 3];
    for page in super::lines::pages(lines) {
        mark_zone(lines, roles, page, &mut last);
    }
}

fn slot(form: ZoneForm) -> usize {
    match form {
        ZoneForm::Plain => 0,
        ZoneForm::Symbol => 1,
        ZoneForm::Glyph => 2,
    }
}

fn mark_zone(
    lines: &[Line<'_>],
    roles: &mut [Role],
    page: Range<usize>,
    last: &mut [Option<u32>; 3],
) {
    // Body lines, and the other text roles (captions, metadata) that end the search: below
    // a page's notes there is nothing but furniture, so notes above a caption are part of an
    // example set in the page, not the page's footnotes.
    let content: Vec<usize> = page
        .clone()
        .filter(|&i| !lines[i].is_blank() && !matches!(roles[i], Role::Furniture(_) | Role::Blank))
        .collect();
    // From the bottom up: label lines with values falling by one, at most MAX_NOTE_LINES
    // other lines below each.
    let mut starts: Vec<(usize, Head)> = Vec::new();
    let mut run = 0;
    for &i in content.iter().rev() {
        if !matches!(roles[i], Role::Body) {
            if starts.is_empty() {
                return;
            }
            break;
        }
        let head = note_head(lines[i].content());
        let fits = match (head, starts.last()) {
            (Some(h), None) => h.n >= 1,
            (Some(h), Some((_, last))) => h.form == last.form && h.n + 1 == last.n,
            (None, _) => false,
        };
        if fits && let Some(h) = head {
            starts.push((i, h));
            run = 0;
            continue;
        }
        run += 1;
        if run > MAX_NOTE_LINES {
            break;
        }
    }
    starts.reverse();
    // Body above the zone must hold the markers, in order; notes from the top whose marker
    // is missing are body lines after all.
    let mut used = Vec::new();
    while let Some(&(top, _)) = starts.first() {
        let body = body_lines(lines, roles, page.start..top);
        if let Some(hits) = markers_in_order(lines, &body, &starts) {
            used = hits;
            break;
        }
        starts.remove(0);
    }
    let Some(&(top, first)) = starts.first() else {
        return;
    };
    let restarts = match first.form {
        ZoneForm::Glyph => true,
        // A restart whose first note was missed still starts low.
        _ => first.n <= 2,
    };
    let carries_on = last[slot(first.form)].is_some_and(|l| l < first.n && first.n <= l + 2);
    if !restarts && !carries_on {
        return;
    }
    if let Some(&(_, end)) = starts.last() {
        last[slot(end.form)] = Some(end.n);
    }
    // A marker pdftotext set on a line of its own was taken for a page number.
    for i in used {
        if matches!(roles[i], Role::Furniture(_)) {
            roles[i] = Role::Body;
        }
    }
    let mut label: Option<String> = None;
    for &i in content.iter().filter(|&&i| i >= top) {
        if let Some(&(_, h)) = starts.iter().find(|(s, _)| *s == i) {
            let text = &lines[i].content()[..h.len];
            label = Some(text.to_owned());
            roles[i] = Role::NoteStart {
                label: text.to_owned(),
            };
        } else if label.is_some() {
            roles[i] = Role::NoteCont;
        }
    }
}

/// Lines of `range` that may hold markers: text of any role but notes, and lone numbers
/// between text lines (a superscript pdftotext put on its own line, which the page-number
/// rule took).
fn body_lines(lines: &[Line<'_>], roles: &[Role], range: Range<usize>) -> Vec<usize> {
    let text = |i: usize| {
        !lines[i].is_blank()
            && !matches!(
                roles[i],
                Role::Furniture(_) | Role::NoteStart { .. } | Role::NoteCont | Role::Blank
            )
    };
    let first_text = range.clone().find(|&i| text(i));
    let last_text = range.clone().rev().find(|&i| text(i));
    range
        .filter(|&i| {
            text(i)
                || (matches!(roles[i], Role::Furniture(ArtifactKind::PageNumber))
                    && lone_number(lines[i].content()).is_some()
                    && first_text.is_some_and(|f| f < i)
                    && last_text.is_some_and(|l| l > i))
        })
        .collect()
}

/// The body lines hold a marker for the first note and, in order after it, for at least half
/// of the others. Returns the lines of the markers found.
fn markers_in_order(
    lines: &[Line<'_>],
    body: &[usize],
    starts: &[(usize, Head)],
) -> Option<Vec<usize>> {
    let mut marks: Vec<(usize, Mark)> = Vec::new();
    for &i in body {
        let content = lines[i].content();
        if lone_number(content).is_some() {
            let prev = (0..i).rev().find(|&j| has_text(lines[j].content()));
            if let Some(m) = lone_mark(prev.map(|j| lines[j].content()), content) {
                marks.push((i, m));
            }
        } else {
            marks.extend(glued_marks(content).into_iter().map(|m| (i, m)));
        }
    }
    let mut from = 0;
    let mut hits = Vec::new();
    for (k, (_, head)) in starts.iter().enumerate() {
        let hit = pick(&marks[from..], |(_, m)| {
            (m.form == head.form && m.n == head.n, m.loose)
        });
        match hit {
            Some(p) => {
                hits.push(marks[from + p].0);
                from += p + 1;
            }
            None if k == 0 => return None,
            None => {}
        }
    }
    (hits.len() * 2 >= starts.len()).then_some(hits)
}

/// The first item that matches, preferring one that is not loose: `find` tells whether an
/// item matches and whether it is loose.
pub fn pick<T>(items: &[T], find: impl Fn(&T) -> (bool, bool)) -> Option<usize> {
    let mut loose = None;
    for (i, item) in items.iter().enumerate() {
        match find(item) {
            (true, false) => return Some(i),
            (true, true) if loose.is_none() => loose = Some(i),
            _ => {}
        }
    }
    loose
}
