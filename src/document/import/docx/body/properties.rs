//! Paragraph and run properties: style, numbering and outline level of a paragraph, and
//! whether a run is set in a monospace font.

use quick_xml::events::{BytesStart, Event};

use super::{Para, Reader};
use crate::document::import::docx::styles::attr;

impl Reader<'_> {
    /// Read `w:pPr` up to its end: style, numbering, outline level.
    pub(super) fn properties(
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
pub(super) fn run_is_mono(reader: &mut quick_xml::Reader<&[u8]>) -> Result<bool, quick_xml::Error> {
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
