//! `word/document.xml` (and the notes parts) read as a stream of paragraphs and tables.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};

use super::numbering::Numbering;
use super::styles::{Styles, attr};
use crate::document::BlockKind;
use crate::document::import::StructuredText;

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
        let mut out = Vec::new();
        let mut paras: Vec<Para> = Vec::new();
        let mut deferred: Vec<Paragraph> = Vec::new();
        let mut tables: Vec<Table> = Vec::new();
        let mut skip = 0usize;
        // Complex fields: true while between `begin` and `separate` (the field code).
        let mut fields: Vec<bool> = Vec::new();
        let mut in_text = false;
        let mut run_mono = false;
        let mut note: Option<String> = None;
        loop {
            let event = reader.read_event()?;
            match &event {
                Event::Eof => break,
                Event::Start(_) if skip > 0 => skip += 1,
                Event::End(_) if skip > 0 => skip -= 1,
                Event::Empty(_) | Event::Text(_) | Event::GeneralRef(_) if skip > 0 => {}
                Event::Start(e) | Event::Empty(e) => {
                    let empty = matches!(event, Event::Empty(_));
                    let name = e.local_name();
                    let local = name.as_ref();
                    if skipped(local) {
                        // Paragraph and run properties are read before they are skipped.
                        if local == b"pPr" && !empty {
                            self.properties(&mut reader, paras.last_mut())?;
                        } else if local == b"rPr" && !empty {
                            run_mono = run_is_mono(&mut reader)?;
                        } else if !empty {
                            skip = 1;
                        }
                        continue;
                    }
                    match local {
                        b"p" if !empty => paras.push(Para::default()),
                        b"r" => run_mono = false,
                        b"t" => in_text = !empty,
                        b"tab" => push(&mut paras, &fields, "\t", run_mono),
                        b"br" | b"cr" if attr(e, b"type").is_none_or(|t| t == "textWrapping") => {
                            push(&mut paras, &fields, "\n", run_mono);
                        }
                        b"noBreakHyphen" => push(&mut paras, &fields, "-", run_mono),
                        b"sym" => {
                            if let Some(c) = attr(e, b"char")
                                .and_then(|h| u32::from_str_radix(&h, 16).ok())
                                .and_then(char::from_u32)
                                .filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c))
                            {
                                push(&mut paras, &fields, &c.to_string(), run_mono);
                            }
                        }
                        b"footnoteReference" | b"endnoteReference" => {
                            let kind = if local == b"footnoteReference" {
                                NoteKind::Foot
                            } else {
                                NoteKind::End
                            };
                            if let Some(id) = attr(e, b"id") {
                                let n = self.note_number(kind, id);
                                push(&mut paras, &fields, &format!("[{n}]"), false);
                            }
                        }
                        b"fldChar" => match attr(e, b"fldCharType").as_deref() {
                            Some("begin") => fields.push(true),
                            Some("separate") => {
                                if let Some(f) = fields.last_mut() {
                                    *f = false;
                                }
                            }
                            Some("end") => {
                                fields.pop();
                            }
                            _ => {}
                        },
                        b"tbl" => tables.push(Table::default()),
                        b"tr" => {
                            if let Some(t) = tables.last_mut() {
                                t.rows.push(Vec::new());
                            }
                        }
                        b"tc" => {
                            if let Some(row) = tables.last_mut().and_then(|t| t.rows.last_mut()) {
                                row.push(Vec::new());
                            }
                        }
                        b"footnote" | b"endnote" => {
                            let separator = attr(e, b"type").is_some_and(|t| t != "normal");
                            note = attr(e, b"id").filter(|_| !separator);
                            if separator && !empty {
                                skip = 1;
                            }
                        }
                        _ => {}
                    }
                }
                Event::Text(t) if in_text => {
                    let s = t.decode().map_err(quick_xml::Error::from)?;
                    push(&mut paras, &fields, &s, run_mono);
                }
                Event::GeneralRef(r) if in_text => {
                    let name = r.decode().map_err(quick_xml::Error::from)?;
                    let s = match name.as_ref() {
                        "amp" => "&".to_owned(),
                        "lt" => "<".to_owned(),
                        "gt" => ">".to_owned(),
                        "quot" => "\"".to_owned(),
                        "apos" => "'".to_owned(),
                        _ => r
                            .resolve_char_ref()
                            .ok()
                            .flatten()
                            .map(String::from)
                            .unwrap_or_default(),
                    };
                    push(&mut paras, &fields, &s, run_mono);
                }
                Event::End(e) => match e.local_name().as_ref() {
                    b"t" => in_text = false,
                    b"p" => {
                        let Some(p) = paras.pop() else { continue };
                        let Some(para) = self.finish(p, note.clone()) else {
                            continue;
                        };
                        if !paras.is_empty() {
                            // A text box inside a paragraph: set beside it.
                            deferred.push(Paragraph {
                                kind: BlockKind::Margin,
                                ..para
                            });
                            continue;
                        }
                        let cell = tables
                            .last_mut()
                            .and_then(|t| t.rows.last_mut())
                            .and_then(|r| r.last_mut());
                        match cell {
                            Some(cell) => cell.push(para),
                            None => out.push(para),
                        }
                        if tables.is_empty() {
                            out.append(&mut deferred);
                        }
                    }
                    b"tbl" => {
                        let Some(t) = tables.pop() else { continue };
                        let rendered = render_table(t, note.clone());
                        let cell = tables
                            .last_mut()
                            .and_then(|t| t.rows.last_mut())
                            .and_then(|r| r.last_mut());
                        match cell {
                            // A table in a cell: its text stays in that cell.
                            Some(cell) => cell.extend(rendered.into_iter().map(|mut p| {
                                p.text = p.text.replace(['\n', '\t'], " ");
                                p
                            })),
                            None => {
                                out.extend(rendered);
                                out.append(&mut deferred);
                            }
                        }
                    }
                    b"footnote" | b"endnote" => note = None,
                    _ => {}
                },
                _ => {}
            }
        }
        Ok(out)
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

    /// Read `w:pPr` up to its end: style, numbering, outline level.
    fn properties(
        &mut self,
        reader: &mut quick_xml::Reader<&[u8]>,
        para: Option<&mut Para>,
    ) -> Result<(), quick_xml::Error> {
        let mut depth = 1usize;
        let mut scratch = Para::default();
        let p = para.unwrap_or(&mut scratch);
        let mut num_id: Option<String> = None;
        let mut ilvl = 0u8;
        while depth > 0 {
            match reader.read_event()? {
                Event::Start(e) => {
                    depth += 1;
                    if e.local_name().as_ref() == b"rPr" {
                        skip_to_end(reader)?;
                        depth -= 1;
                    } else {
                        read_ppr_child(&e, p, &mut num_id, &mut ilvl);
                    }
                }
                Event::Empty(e) => read_ppr_child(&e, p, &mut num_id, &mut ilvl),
                Event::End(_) => depth -= 1,
                Event::Eof => break,
                _ => {}
            }
        }
        match num_id {
            Some(n) if n == "0" => p.num_off = true,
            Some(n) => p.num = Some((n, ilvl)),
            None => {}
        }
        Ok(())
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

fn read_ppr_child(e: &BytesStart, p: &mut Para, num_id: &mut Option<String>, ilvl: &mut u8) {
    match e.local_name().as_ref() {
        b"pStyle" => p.style = attr(e, b"val"),
        b"outlineLvl" => p.outline = attr(e, b"val").and_then(|v| v.parse().ok()),
        b"numId" => *num_id = attr(e, b"val"),
        b"ilvl" => *ilvl = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0),
        _ => {}
    }
}

/// Whether a run's properties set a monospace font (code typed in a Word document).
fn run_is_mono(reader: &mut quick_xml::Reader<&[u8]>) -> Result<bool, quick_xml::Error> {
    let mut depth = 1usize;
    let mut mono = false;
    while depth > 0 {
        match reader.read_event()? {
            Event::Start(e) => {
                depth += 1;
                mono |= is_mono_font(&e);
            }
            Event::Empty(e) => mono |= is_mono_font(&e),
            Event::End(_) => depth -= 1,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(mono)
}

fn is_mono_font(e: &BytesStart) -> bool {
    if e.local_name().as_ref() != b"rFonts" {
        return false;
    }
    let font = attr(e, b"ascii")
        .or_else(|| attr(e, b"hAnsi"))
        .unwrap_or_default();
    let f = font.to_ascii_lowercase();
    [
        "courier",
        "consolas",
        "mono",
        "menlo",
        "monaco",
        "lucida console",
        "source code",
    ]
    .iter()
    .any(|m| f.contains(m))
}

fn skip_to_end(reader: &mut quick_xml::Reader<&[u8]>) -> Result<(), quick_xml::Error> {
    let mut depth = 1usize;
    while depth > 0 {
        match reader.read_event()? {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
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

/// A data table as one Table block; a layout table (a long text in a cell) as its paragraphs.
fn render_table(t: Table, note: Option<String>) -> Vec<Paragraph> {
    let layout = t
        .rows
        .iter()
        .flatten()
        .any(|cell| cell.iter().map(|p| p.text.chars().count()).sum::<usize>() > 300);
    if layout {
        return t.rows.into_iter().flatten().flatten().collect();
    }
    let rows: Vec<String> = t
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| {
                    cell.iter()
                        .map(|p| p.text.replace(['\n', '\t'], " "))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect::<Vec<_>>()
                .join("\t")
        })
        .filter(|r| !r.trim().is_empty())
        .collect();
    if rows.is_empty() {
        return Vec::new();
    }
    vec![Paragraph {
        kind: BlockKind::Table,
        level: None,
        text: rows.join("\n"),
        note,
    }]
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
