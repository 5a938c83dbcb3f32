//! `word/document.xml` (and the notes parts) read as a stream of paragraphs and tables. What
//! each element does is in [`elements`], paragraph and run properties in [`properties`].

mod elements;
mod properties;

use std::collections::HashMap;

use quick_xml::events::Event;

use super::numbering::Numbering;
use super::styles::Styles;
use crate::document::BlockKind;
use crate::document::import::StructuredText;
use properties::run_is_mono;

/// One paragraph (or a whole table) as the reader will see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub kind: BlockKind,
    pub level: Option<u8>,
    pub text: String,
    /// Set inside `w:footnote` / `w:endnote` (the notes parts).
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoteKind {
    Foot,
    End,
}

#[derive(Default)]
struct Para {
    style: Option<String>,
    num: Option<(String, u8)>,
    num_off: bool,
    outline: Option<u8>,
    text: String,
    mono_runs: usize,
    text_runs: usize,
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<Vec<Paragraph>>>,
}

/// What [`Reader::read`] holds while it walks a part.
#[derive(Default)]
struct PartState {
    out: Vec<Paragraph>,
    /// Open paragraphs: more than one where a text box sits inside a paragraph.
    paras: Vec<Para>,
    /// Text-box paragraphs, set after the paragraph or table that holds them.
    deferred: Vec<Paragraph>,
    tables: Vec<Table>,
    /// Depth inside an element whose content is skipped.
    skip: usize,
    /// Complex fields: true while between `begin` and `separate` (the field code).
    fields: Vec<bool>,
    in_text: bool,
    run_mono: bool,
    note: Option<String>,
}

pub struct Reader<'s> {
    styles: &'s Styles,
    numbering: Numbering,
    refs: Vec<(NoteKind, String)>,
    ref_numbers: HashMap<(NoteKind, String), usize>,
}

/// Elements whose content the reader never sees.
fn skipped(local: &[u8]) -> bool {
    matches!(
        local,
        b"del"
            | b"delText"
            | b"instrText"
            | b"delInstrText"
            | b"Fallback"
            | b"rPr"
            | b"pPr"
            | b"sectPr"
            | b"tblPr"
            | b"trPr"
            | b"tcPr"
            | b"footnoteRef"
            | b"endnoteRef"
            | b"separator"
            | b"continuationSeparator"
            | b"commentReference"
    )
}

impl<'s> Reader<'s> {
    pub fn new(styles: &'s Styles, numbering: Numbering) -> Self {
        Self {
            styles,
            numbering,
            refs: Vec::new(),
            ref_numbers: HashMap::new(),
        }
    }

    /// The notes referenced, in order: `[n]` in the text is entry n-1.
    pub fn note_refs(&self) -> &[(NoteKind, String)] {
        &self.refs
    }

    /// Read a part (document, footnotes or endnotes) into paragraphs and tables, in order.
    pub fn read(&mut self, xml: &str) -> Result<Vec<Paragraph>, quick_xml::Error> {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut st = PartState::default();
        loop {
            let event = reader.read_event()?;
            match &event {
                Event::Eof => break,
                Event::Start(_) if st.skip > 0 => st.skip += 1,
                Event::End(_) if st.skip > 0 => st.skip -= 1,
                Event::Empty(_) | Event::Text(_) | Event::GeneralRef(_) if st.skip > 0 => {}
                Event::Start(e) | Event::Empty(e) => {
                    let empty = matches!(event, Event::Empty(_));
                    let name = e.local_name();
                    let local = name.as_ref();
                    if skipped(local) {
                        // Paragraph and run properties are read before they are skipped.
                        if local == b"pPr" && !empty {
                            self.properties(&mut reader, st.paras.last_mut())?;
                        } else if local == b"rPr" && !empty {
                            st.run_mono = run_is_mono(&mut reader)?;
                        } else if !empty {
                            st.skip = 1;
                        }
                        continue;
                    }
                    self.start(&mut st, e, local, empty);
                }
                Event::Text(t) if st.in_text => {
                    let s = t.decode().map_err(quick_xml::Error::from)?;
                    push(&mut st.paras, &st.fields, &s, st.run_mono);
                }
                Event::GeneralRef(r) if st.in_text => {
                    let s = elements::general_ref(r)?;
                    push(&mut st.paras, &st.fields, &s, st.run_mono);
                }
                Event::End(e) => self.end(&mut st, e.local_name().as_ref()),
                _ => {}
            }
        }
        Ok(st.out)
    }

    fn note_number(&mut self, kind: NoteKind, id: String) -> usize {
        let key = (kind, id);
        if let Some(n) = self.ref_numbers.get(&key) {
            return *n;
        }
        self.refs.push(key.clone());
        let n = self.refs.len();
        self.ref_numbers.insert(key, n);
        n
    }

    /// A finished paragraph, or `None` when it holds no text.
    fn finish(&mut self, p: Para, note: Option<String>) -> Option<Paragraph> {
        let text = p.text.trim_end().trim_start_matches(['\n']).to_owned();
        let style_kind = self.styles.kind(p.style.as_deref());
        let (mut kind, mut level) = style_kind
            .or_else(|| {
                p.outline
                    .filter(|&o| o < 6)
                    .map(|o| (BlockKind::Heading, Some(o + 1)))
            })
            .unwrap_or((BlockKind::Paragraph, None));
        if kind == BlockKind::Paragraph && p.mono_runs > 0 && p.mono_runs == p.text_runs {
            kind = BlockKind::Code;
        }
        if text.trim().is_empty() {
            return None;
        }
        let num = p.num.clone().or_else(|| {
            (!p.num_off)
                .then(|| self.styles.numbering(p.style.as_deref()))
                .flatten()
        });
        let mut text = if kind == BlockKind::Code {
            text
        } else {
            text.trim().to_owned()
        };
        if let Some((id, ilvl)) = num
            && matches!(kind, BlockKind::Paragraph | BlockKind::Heading)
        {
            let label = self.numbering.next_label(&id, ilvl);
            text.insert_str(0, &label);
            if kind == BlockKind::Paragraph {
                kind = BlockKind::List;
                level = None;
            }
        }
        Some(Paragraph {
            kind,
            level,
            text,
            note,
        })
    }
}

fn push(paras: &mut [Para], fields: &[bool], s: &str, mono: bool) {
    if fields.iter().any(|&instr| instr) {
        return;
    }
    if let Some(p) = paras.last_mut() {
        if !s.trim().is_empty() {
            p.text_runs += 1;
            p.mono_runs += usize::from(mono);
        }
        p.text.push_str(s);
    }
}

/// The footnotes or endnotes part: note id → its text (paragraphs joined by line breaks).
pub fn notes(xml: &str, styles: &Styles) -> HashMap<String, String> {
    let mut out: HashMap<String, String> = HashMap::new();
    if xml.is_empty() {
        return out;
    }
    let mut reader = Reader::new(styles, Numbering::default());
    let Ok(paras) = reader.read(xml) else {
        return out;
    };
    for p in paras {
        if let Some(id) = p.note {
            let t = out.entry(id).or_default();
            if !t.is_empty() {
                t.push('\n');
            }
            t.push_str(p.text.trim());
        }
    }
    out
}

/// Paragraphs into blocks; consecutive code paragraphs are one listing.
pub fn emit(st: &mut StructuredText, paragraphs: &[Paragraph]) {
    let mut i = 0;
    while i < paragraphs.len() {
        let p = &paragraphs[i];
        if p.kind == BlockKind::Code {
            let mut listing = p.text.clone();
            while let Some(next) = paragraphs.get(i + 1).filter(|n| n.kind == BlockKind::Code) {
                listing.push('\n');
                listing.push_str(&next.text);
                i += 1;
            }
            st.push(BlockKind::Code, None, None, &listing);
        } else {
            st.push(p.kind, p.level, None, &p.text);
        }
        i += 1;
    }
}
