//! What each element of a part does: paragraphs, runs, breaks, symbols, note references,
//! fields and tables open at their start and are placed at their end.

use quick_xml::events::{BytesRef, BytesStart};

use super::{NoteKind, Para, Paragraph, PartState, Reader, Table, push};
use crate::document::BlockKind;
use crate::document::import::docx::styles::attr;

impl Reader<'_> {
    /// A start (or empty) element of the part, outside skipped content.
    pub(super) fn start(&mut self, st: &mut PartState, e: &BytesStart, local: &[u8], empty: bool) {
        match local {
            b"p" if !empty => st.paras.push(Para::default()),
            b"r" => st.run_mono = false,
            b"t" => st.in_text = !empty,
            b"tab" => push(&mut st.paras, &st.fields, "\t", st.run_mono),
            b"br" | b"cr" if attr(e, b"type").is_none_or(|t| t == "textWrapping") => {
                push(&mut st.paras, &st.fields, "\n", st.run_mono);
            }
            b"noBreakHyphen" => push(&mut st.paras, &st.fields, "-", st.run_mono),
            b"sym" => {
                if let Some(c) = attr(e, b"char")
                    .and_then(|h| u32::from_str_radix(&h, 16).ok())
                    .and_then(char::from_u32)
                    .filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c))
                {
                    push(&mut st.paras, &st.fields, &c.to_string(), st.run_mono);
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
                    push(&mut st.paras, &st.fields, &format!("[{n}]"), false);
                }
            }
            b"fldChar" => match attr(e, b"fldCharType").as_deref() {
                Some("begin") => st.fields.push(true),
                Some("separate") => {
                    if let Some(f) = st.fields.last_mut() {
                        *f = false;
                    }
                }
                Some("end") => {
                    st.fields.pop();
                }
                _ => {}
            },
            b"tbl" => st.tables.push(Table::default()),
            b"tr" => {
                if let Some(t) = st.tables.last_mut() {
                    t.rows.push(Vec::new());
                }
            }
            b"tc" => {
                if let Some(row) = st.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    row.push(Vec::new());
                }
            }
            b"footnote" | b"endnote" => {
                let separator = attr(e, b"type").is_some_and(|t| t != "normal");
                st.note = attr(e, b"id").filter(|_| !separator);
                if separator && !empty {
                    st.skip = 1;
                }
            }
            _ => {}
        }
    }

    /// An end element of the part: a finished paragraph or table goes where it belongs.
    pub(super) fn end(&mut self, st: &mut PartState, local: &[u8]) {
        match local {
            b"t" => st.in_text = false,
            b"p" => {
                let Some(p) = st.paras.pop() else { return };
                let Some(para) = self.finish(p, st.note.clone()) else {
                    return;
                };
                if !st.paras.is_empty() {
                    // A text box inside a paragraph: set beside it.
                    st.deferred.push(Paragraph {
                        kind: BlockKind::Margin,
                        ..para
                    });
                    return;
                }
                let cell = st
                    .tables
                    .last_mut()
                    .and_then(|t| t.rows.last_mut())
                    .and_then(|r| r.last_mut());
                match cell {
                    Some(cell) => cell.push(para),
                    None => st.out.push(para),
                }
                if st.tables.is_empty() {
                    st.out.append(&mut st.deferred);
                }
            }
            b"tbl" => {
                let Some(t) = st.tables.pop() else { return };
                let rendered = render_table(t, st.note.clone());
                let cell = st
                    .tables
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
                        st.out.extend(rendered);
                        st.out.append(&mut st.deferred);
                    }
                }
            }
            b"footnote" | b"endnote" => st.note = None,
            _ => {}
        }
    }
}

/// The text of an entity or character reference inside `w:t`.
pub(super) fn general_ref(r: &BytesRef) -> Result<String, quick_xml::Error> {
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
    Ok(s)
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
