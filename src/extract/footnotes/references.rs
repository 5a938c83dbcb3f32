//! A numbered list under a 参考文献 / References heading is a bibliography: `[12]` in the text
//! cites its entry and is no footnote. Such lists are taken out of the notes, and the markers
//! that point into them become citations.

use super::forms::Form;
use super::{Marker, Note};
use crate::document::{BlockKind, Document};

/// Headings of a bibliography, compared without spaces and case.
const TITLES: &[&str] = &[
    "参考文献",
    "参考资料",
    "参考书目",
    "引用文献",
    "主要参考文献",
    "文献",
    "references",
    "bibliography",
    "workscited",
    "literatur",
];

fn is_reference_title(text: &str) -> bool {
    let squeezed: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：'))
        .flat_map(char::to_lowercase)
        .collect();
    TITLES.contains(&squeezed.as_str())
}

/// Whether the note block group starting at block `first` stands under a bibliography heading
/// (the nearest block before it that is not a note).
fn under_reference_title(doc: &Document, first: usize) -> bool {
    // A short subhead (`§ 经典书籍：`) may stand between the title and the entries.
    doc.blocks()[..first.min(doc.blocks().len())]
        .iter()
        .rev()
        .filter(|b| b.kind != BlockKind::Note)
        .take(3)
        .take_while(|b| doc.block_text(b).chars().count() <= 30)
        .any(|b| is_reference_title(doc.block_text(b)))
}

/// Split `notes` (grouped) into footnotes and bibliography entries.
pub fn split_references(doc: &Document, notes: Vec<Note>) -> (Vec<Note>, Vec<Note>) {
    // Entries that all carry one number (`[1]` five times over) are examples of a citation
    // style shown in the text, not notes.
    let repeated: Vec<bool> = (0..notes.len())
        .map(|i| {
            let same = |j: usize| {
                notes.get(j).is_some_and(|o: &Note| {
                    o.form == Form::Bracket
                        && o.n == notes[i].n
                        && o.block.abs_diff(notes[i].block) == 1
                })
            };
            notes[i].form == Form::Bracket && ((i > 0 && same(i - 1)) || same(i + 1))
        })
        .collect();
    let mut reference_group = None;
    let mut kept = Vec::with_capacity(notes.len());
    let mut refs = Vec::new();
    for (note, repeated) in notes.into_iter().zip(repeated) {
        if repeated {
            refs.push(note);
            continue;
        }
        if note.form != Form::Bracket {
            kept.push(note);
            continue;
        }
        // An entry broken off its list (by a stray line) still carries its numbering on.
        let continues = refs.last().is_some_and(|r: &Note| r.n + 1 == note.n);
        let is_ref = match reference_group {
            Some((g, r)) if g == note.group => r,
            _ => {
                let r = continues || under_reference_title(doc, note.block);
                reference_group = Some((note.group, r));
                r
            }
        };
        if is_ref {
            refs.push(note);
        } else {
            kept.push(note);
        }
    }
    (kept, refs)
}

/// Bracket markers whose number the bibliography has and no footnote after them claims: they
/// are citations, linked to their entry.
pub fn take_citations(markers: &mut Vec<Marker>, notes: &[Note], refs: &[Note]) -> Vec<Marker> {
    if refs.is_empty() {
        return Vec::new();
    }
    let mut citations = Vec::new();
    markers.retain(|m| {
        if m.form != Form::Bracket {
            return true;
        }
        let footnote_after = notes
            .iter()
            .any(|n| n.form == Form::Bracket && n.n == m.n && n.line > m.line);
        let entry = refs.iter().position(|r| r.n == m.n);
        match entry {
            Some(i) if !footnote_after => {
                let mut c = m.clone();
                c.note = Some(i);
                c.link = super::LinkKind::Next;
                citations.push(c);
                false
            }
            _ => true,
        }
    });
    citations
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::footnotes::extract_footnotes;

    #[test]
    fn bibliography_entries_are_citations_not_footnotes() {
        let text = "正文引用了手册[1]，还有脚注[2]。\n\n[2] 这是脚注。\n\n后文。\n\nReferences\n[1] 某某。某书，2003。\n";
        let doc = Document::from_text("t.txt", text);
        let f = extract_footnotes(&doc);
        assert_eq!(f.markers.len(), 1, "{:?}", f.markers);
        assert_eq!(f.markers[0].n, 2);
        assert_eq!(f.citations.len(), 1);
        assert_eq!(f.references[0].text, "某某。某书，2003。");
    }

    #[test]
    fn titles() {
        assert!(is_reference_title("参考文献"));
        assert!(is_reference_title("REFERENCES"));
        assert!(is_reference_title("参 考 文 献："));
        assert!(!is_reference_title("注释"));
    }
}
