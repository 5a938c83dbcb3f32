//! Markers found in the document, linked to notes, and notes classified as 同上, repeats and
//! short forms.

use std::collections::{BTreeMap, HashMap};

use super::forms::{self, Class, Form};
use super::{LinkKind, Marker, Note};
use crate::document::{BlockKind, Document};
use crate::span::TextSpan;

/// Every marker candidate of the document, in raw order. Circled markers count only where the
/// document defines notes that way (elsewhere ① numbers lists).
pub fn scan_document(doc: &Document, notes: &[Note]) -> Vec<Marker> {
    let circled_notes = notes
        .iter()
        .any(|n| matches!(n.form, Form::Circled | Form::Zhu));
    let mut markers = Vec::new();
    for block in doc.blocks() {
        // `[1]` in a listing is an argument count (`\newcommand\foo[1]{…}`), not a marker.
        if matches!(
            block.kind,
            BlockKind::Note | BlockKind::Toc | BlockKind::Code
        ) {
            continue;
        }
        let base = block.span.start();
        for found in forms::scan_markers(doc.block_text(block)) {
            if found.form == Form::Circled && !circled_notes {
                continue;
            }
            let span = TextSpan::new(base + found.start, base + found.end);
            if let Some(marker) = marker_at(doc, span, found.n, found.form, block.id) {
                markers.push(marker);
            }
        }
    }
    markers.sort_by_key(|m| (m.line, m.col));
    markers
}

/// A marker with its raw text and position, taken through the source map.
pub(super) fn marker_at(
    doc: &Document,
    span: TextSpan,
    n: u32,
    form: Form,
    block: usize,
) -> Option<Marker> {
    let text = span.slice(doc.text())?;
    let last = text.char_indices().next_back()?;
    let map = doc.source_map();
    let mut raw_start = map.raw_byte(span.start())?;
    let raw_end = map.raw_byte(span.start() + last.0)? + last.1.len_utf8();
    let raw = doc.raw().text();
    if raw.get(..raw_start)?.ends_with('^') {
        raw_start -= 1;
    }
    let marker = raw.get(raw_start..raw_end)?.to_owned();
    let space_before = raw
        .get(..raw_start)?
        .chars()
        .next_back()
        .is_some_and(|c| c == ' ' || c == '\t' || c == '\u{3000}');
    let pos = doc.raw().pos_of_byte(raw_start);
    Some(Marker {
        n,
        marker,
        form,
        span,
        line: pos.line,
        col: pos.col,
        space_before,
        note: None,
        link: LinkKind::Unlinked,
        block,
    })
}

/// `（1）` markers stay only where they link to a `（1）` definition in the first block of such
/// definitions after them; only the definitions they link to become notes.
pub fn keep_linked_parens(markers: &mut Vec<Marker>, mut parens: Vec<Note>, notes: &mut Vec<Note>) {
    let (mut paren_markers, others): (Vec<Marker>, Vec<Marker>) =
        markers.drain(..).partition(|m| m.form == Form::Paren);
    *markers = others;
    if paren_markers.is_empty() || parens.is_empty() {
        return;
    }
    assign_groups(&mut parens);
    link_markers(&mut paren_markers, &parens);
    let mut used = vec![false; parens.len()];
    for m in paren_markers
        .into_iter()
        .filter(|m| m.link == LinkKind::Next)
    {
        if let Some(u) = m.note.and_then(|i| used.get_mut(i)) {
            *u = true;
        }
        markers.push(m);
    }
    notes.extend(
        parens
            .into_iter()
            .zip(used)
            .filter_map(|(n, u)| u.then_some(n)),
    );
    markers.sort_by_key(|m| (m.line, m.col));
}

/// Number the note blocks: a new block starts where the notes stop being adjacent blocks of
/// the document or the numbering goes back (it restarts on every page).
pub fn assign_groups(notes: &mut [Note]) {
    let mut group = 0;
    let mut prev: Option<(usize, u32)> = None;
    for note in notes.iter_mut() {
        if let Some((block, n)) = prev
            && (note.block != block + 1 || note.n <= n)
        {
            group += 1;
        }
        note.group = group;
        prev = Some((note.block, note.n));
    }
}

/// Link each marker to the next definition with its number (ARTIFACTS C2); with none after it,
/// to an earlier definition of that number no marker claims.
pub fn link_markers(markers: &mut [Marker], notes: &[Note]) {
    let mut by_number: BTreeMap<(Class, u32), Vec<usize>> = BTreeMap::new();
    for (i, note) in notes.iter().enumerate() {
        by_number
            .entry((note.form.class(), note.n))
            .or_default()
            .push(i);
    }
    let mut claimed = vec![false; notes.len()];
    for m in markers.iter_mut() {
        let class = m.form.class();
        let first_after = notes.partition_point(|n| n.line <= m.line).min(notes.len());
        let same = by_number.get(&(class, m.n)).map_or(&[][..], Vec::as_slice);
        let next = same.get(same.partition_point(|&i| notes[i].line <= m.line));
        if let Some(&j) = next {
            let first_group = notes[first_after..]
                .iter()
                .find(|n| n.form.class() == class)
                .map(|n| n.group);
            m.note = Some(j);
            m.link = if first_group == Some(notes[j].group) {
                LinkKind::Next
            } else {
                LinkKind::LaterBlock
            };
            claimed[j] = true;
        }
    }
    for m in markers.iter_mut().filter(|m| m.note.is_none()) {
        let class = m.form.class();
        let same = by_number.get(&(class, m.n)).map_or(&[][..], Vec::as_slice);
        let earlier = same
            .iter()
            .rev()
            .find(|&&i| notes[i].line < m.line && !claimed[i]);
        if let Some(&j) = earlier {
            m.note = Some(j);
            m.link = LinkKind::Earlier;
            claimed[j] = true;
        }
    }
}

/// Mark 同上 notes, notes repeating an earlier one, and short re-citations of a title.
pub fn classify_repeats(notes: &mut [Note]) {
    let mut first_with_text: HashMap<String, usize> = HashMap::new();
    let mut first_with_title: HashMap<String, usize> = HashMap::new();
    for (i, note) in notes.iter_mut().enumerate() {
        let squeezed: String = note.text.chars().filter(|c| !c.is_whitespace()).collect();
        if is_ibid(&squeezed) {
            note.ibid_of = i.checked_sub(1);
            continue;
        }
        note.repeat_of = first_with_text.get(&squeezed).copied();
        if note.repeat_of.is_none() {
            note.short_form_of = short_title(&squeezed)
                .and_then(|t| first_with_title.get(t))
                .copied();
        }
        for title in titles(&squeezed) {
            first_with_title.entry(title.to_owned()).or_insert(i);
        }
        first_with_text.entry(squeezed).or_insert(i);
    }
}

/// 同上, 同上注, 同上书, Ibid., ibid — optionally with a new page.
fn is_ibid(squeezed: &str) -> bool {
    squeezed.starts_with("同上")
        || squeezed
            .get(..4)
            .is_some_and(|s| s.eq_ignore_ascii_case("ibid"))
}

/// The note is only a title in 《》 (optionally with a page): return that title.
fn short_title(squeezed: &str) -> Option<&str> {
    let s = squeezed.trim_end_matches(['。', '.', '，', ',', '；', ';']);
    let s = match s.rfind("》，第").or_else(|| s.rfind("》,第")) {
        Some(i) if s.ends_with('页') => &s[..i + '》'.len_utf8()],
        _ => s,
    };
    let first = titles(s).next()?;
    (first.len() == s.len()).then_some(first)
}

/// Top-level 《…》 titles in order (nested 《》 stay inside their title).
fn titles(s: &str) -> impl Iterator<Item = &str> {
    let mut depth = 0usize;
    let mut start = 0;
    s.char_indices().filter_map(move |(i, c)| match c {
        '《' => {
            if depth == 0 {
                start = i;
            }
            depth += 1;
            None
        }
        '》' if depth > 0 => {
            depth -= 1;
            (depth == 0).then(|| &s[start..i + c.len_utf8()])
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_short_forms() {
        let t: Vec<&str> = titles("《甲〈乙〉》，载《丙》").collect();
        assert_eq!(t, vec!["《甲〈乙〉》", "《丙》"]);
        assert_eq!(short_title("《声明》。"), Some("《声明》"));
        assert_eq!(short_title("《声明》，第5页。"), Some("《声明》"));
        assert_eq!(short_title("《声明》，新华网。"), None);
        assert!(is_ibid("同上。") && is_ibid("Ibid.,p.5") && !is_ibid("同样"));
    }
}
