//! Markers of page-bottom notes (plain numbers, symbols, stand-in glyphs): a glued number is a
//! marker only where a note with that number sits at the bottom of the same page, and the
//! page's markers follow its notes' order. The cleanup found the notes
//! ([`crate::document::cleanup::note_zone`]); this links the body text to them.

use std::collections::BTreeMap;

use super::forms::{Class, Form};
use super::link::marker_at;
use super::{LinkKind, Marker, Note};
use crate::document::cleanup::note_zone::{self, ZoneForm};
use crate::document::raw::RawPos;
use crate::document::{BlockKind, Document};
use crate::span::TextSpan;

fn form_of(z: ZoneForm) -> Form {
    match z {
        ZoneForm::Plain => Form::Plain,
        ZoneForm::Symbol => Form::Symbol,
        ZoneForm::Glyph => Form::Glyph,
    }
}

/// Page of a raw line; a text without pages is one page.
fn page(doc: &Document, line: u32) -> u32 {
    doc.page_of_line(line).unwrap_or(1)
}

/// The cleaned span of bytes `start..end` of raw line `line` (text `text`), where the cleanup
/// kept every character of it.
fn clean_span(doc: &Document, line: u32, text: &str, start: usize, end: usize) -> Option<TextSpan> {
    let col = |b: usize| text[..b].chars().count() as u32 + 1;
    let first = doc.clean_offset(RawPos {
        line,
        col: col(start),
    })?;
    let last_char = text[start..end].chars().next_back()?;
    let last = doc.clean_offset(RawPos {
        line,
        col: col(end - last_char.len_utf8()),
    })?;
    Some(TextSpan::new(first, last + last_char.len_utf8()))
}

/// Where a note's markers are: on its page, or for endnotes in the text since the previous
/// endnote section (raw lines `start..end`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Scope {
    Page(u32),
    End(u32, u32),
}

/// The endnote sections: (the lines their markers stand in, first and past-the-end line of
/// their notes). A section is the run of Note blocks right after a 注释 / 尾注 title.
fn endnote_scopes(doc: &Document, notes: &[Note]) -> Vec<(std::ops::Range<u32>, u32, u32)> {
    let blocks = doc.blocks();
    let mut out = Vec::new();
    let mut scope_start = 1;
    for (i, b) in blocks.iter().enumerate() {
        if b.kind == BlockKind::Note
            || !crate::document::cleanup::endnotes::is_endnote_title(doc.block_text(b))
        {
            continue;
        }
        let section: Vec<&crate::document::Block> = blocks[i + 1..]
            .iter()
            .take_while(|n| n.kind == BlockKind::Note)
            .collect();
        let (Some(first), Some(last)) = (section.first(), section.last()) else {
            continue;
        };
        if !notes.iter().any(|n| n.block == first.id) {
            continue;
        }
        out.push((
            scope_start..b.first_line,
            first.first_line,
            last.last_line + 1,
        ));
        scope_start = last.last_line + 1;
    }
    out
}

/// Find the markers of the zone notes among `notes` (sorted by line) and link them; glyph notes
/// get their numbers counted from the document's first glyph. Returns the linked markers.
pub fn link_zone_markers(doc: &Document, notes: &mut [Note]) -> Vec<Marker> {
    let glyph_base = notes
        .iter()
        .filter(|n| n.form == Form::Glyph)
        .map(|n| n.n)
        .min();
    if let Some(base) = glyph_base {
        for n in notes.iter_mut().filter(|n| n.form == Form::Glyph) {
            n.n = n.n - base + 1;
        }
    }
    let by_scope = zone_scopes(doc, notes);
    if by_scope.is_empty() {
        return Vec::new();
    }
    let candidates = zone_candidates(doc, &by_scope, glyph_base);
    link_in_order(notes, &by_scope, candidates)
}

/// The zone notes by where their markers may stand: an endnote section's lines, or the page.
fn zone_scopes(doc: &Document, notes: &[Note]) -> BTreeMap<Scope, Vec<usize>> {
    let ends = endnote_scopes(doc, notes);
    let mut by_scope: BTreeMap<Scope, Vec<usize>> = BTreeMap::new();
    for (i, note) in notes.iter().enumerate() {
        if note.form.class() != Class::Zone {
            continue;
        }
        let scope = ends
            .iter()
            .find(|(_, notes_from, notes_to)| (*notes_from..*notes_to).contains(&note.line))
            .map_or(Scope::Page(page(doc, note.line)), |(lines, _, _)| {
                Scope::End(lines.start, lines.end)
            });
        by_scope.entry(scope).or_default().push(i);
    }
    by_scope
}

/// Candidate markers of every scope that holds zone notes, with whether each is loose.
fn zone_candidates(
    doc: &Document,
    by_scope: &BTreeMap<Scope, Vec<usize>>,
    glyph_base: Option<u32>,
) -> BTreeMap<Scope, Vec<(Marker, bool)>> {
    let scopes_of = |line: u32| -> Vec<Scope> {
        let mut out: Vec<Scope> = by_scope
            .keys()
            .filter(|s| matches!(s, Scope::End(a, b) if (*a..*b).contains(&line)))
            .copied()
            .collect();
        let p = Scope::Page(page(doc, line));
        if by_scope.contains_key(&p) {
            out.push(p);
        }
        out
    };
    let mut candidates: BTreeMap<Scope, Vec<(Marker, bool)>> = BTreeMap::new();
    // Marks are looked for in the raw lines, as the cleanup saw them: joining lines can glue
    // a marker at a line end to the next line's first word.
    let raw = doc.raw();
    for block in doc.blocks() {
        if matches!(
            block.kind,
            BlockKind::Note | BlockKind::Toc | BlockKind::Code
        ) {
            continue;
        }
        for line in block.first_line..=block.last_line {
            let Some(text) = raw.line(line as usize) else {
                continue;
            };
            let scopes = scopes_of(line);
            if scopes.is_empty() {
                continue;
            }
            let prev = (1..line)
                .rev()
                .filter_map(|l| raw.line(l as usize))
                .find(|t| note_zone::has_text(t));
            let marks = match note_zone::lone_mark(prev, text) {
                Some(m) => vec![m],
                None => note_zone::glued_marks(text),
            };
            for mark in marks {
                let n = match (mark.form, glyph_base) {
                    (ZoneForm::Glyph, Some(b)) if mark.n >= b => mark.n - b + 1,
                    (ZoneForm::Glyph, _) => continue,
                    _ => mark.n,
                };
                let Some(span) = clean_span(doc, line, text, mark.start, mark.end) else {
                    continue;
                };
                if !block.span.contains(span.start()) {
                    continue;
                }
                let Some(m) = marker_at(doc, span, n, form_of(mark.form), block.id) else {
                    continue;
                };
                for scope in &scopes {
                    candidates
                        .entry(*scope)
                        .or_default()
                        .push((m.clone(), mark.loose));
                }
            }
        }
    }
    candidates
}

/// Each scope's notes take its candidates in order, a note's marker standing above it.
fn link_in_order(
    notes: &[Note],
    by_scope: &BTreeMap<Scope, Vec<usize>>,
    mut candidates: BTreeMap<Scope, Vec<(Marker, bool)>>,
) -> Vec<Marker> {
    let mut linked = Vec::new();
    for (scope, page_notes) in by_scope {
        let Some(cands) = candidates.get_mut(scope) else {
            continue;
        };
        cands.sort_by_key(|(m, _)| (m.line, m.col));
        let mut from = 0;
        for &i in page_notes {
            let note = &notes[i];
            let hit = note_zone::pick(&cands[from..], |(m, loose)| {
                (
                    m.form == note.form && m.n == note.n && m.line < note.line,
                    *loose,
                )
            });
            if let Some(k) = hit {
                let mut m = cands[from + k].0.clone();
                from += k + 1;
                m.note = Some(i);
                m.link = LinkKind::Next;
                linked.push(m);
            }
        }
    }
    linked
}
