//! Word documents (`.docx`, Office Open XML), read from the zip with `quick-xml`.
//!
//! Paragraph styles give headings (by name, `heading N` / `标题 N`, or outline level), titles,
//! captions, table-of-contents lines and code; `w:numPr` gives list items, numbered as Word
//! would (`numbering.xml`); tables become rows of cells; footnote and endnote references become
//! `[n]` with the notes appended as Note blocks. Tracked deletions, field codes and the VML
//! fallback copy of text boxes are left out. An encrypted DOCX is not a zip at all but an OLE
//! file, and is named as such.

mod body;
mod numbering;
mod styles;

use std::path::Path;

use super::zipsafe::SafeZip;
use super::{ImportError, Imported, StructuredText};

pub fn import(path: &Path, bytes: &[u8]) -> Result<Imported, ImportError> {
    let fail = |m: String| ImportError::format(path, format!("DOCX: {m}"));
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(fail(
            "the document is password-protected (encrypted) or in the old .doc format; \
             save it as an unprotected .docx and open that"
                .into(),
        ));
    }
    let mut zip = SafeZip::open(bytes).map_err(|p| fail(p.to_string()))?;
    let part = |zip: &mut SafeZip, name: &str| zip.read_text(name).map_err(|p| fail(p.to_string()));
    let Some(document) = part(&mut zip, "word/document.xml")? else {
        return Err(fail(
            "word/document.xml is missing: this is not a Word document".into(),
        ));
    };
    let styles = styles::Styles::parse(&part(&mut zip, "word/styles.xml")?.unwrap_or_default());
    let numbering =
        numbering::Numbering::parse(&part(&mut zip, "word/numbering.xml")?.unwrap_or_default());
    let mut reader = body::Reader::new(&styles, numbering);
    let paragraphs = reader
        .read(&document)
        .map_err(|e| fail(format!("word/document.xml: {e}")))?;
    let footnotes = body::notes(
        &part(&mut zip, "word/footnotes.xml")?.unwrap_or_default(),
        &styles,
    );
    let endnotes = body::notes(
        &part(&mut zip, "word/endnotes.xml")?.unwrap_or_default(),
        &styles,
    );
    let title = core_title(&part(&mut zip, "docProps/core.xml")?.unwrap_or_default());

    let mut st = StructuredText {
        encoding: "DOCX".to_owned(),
        ..StructuredText::default()
    };
    body::emit(&mut st, &paragraphs);
    for (n, (kind, id)) in reader.note_refs().iter().enumerate() {
        let source = if *kind == body::NoteKind::Foot {
            &footnotes
        } else {
            &endnotes
        };
        let Some(text) = source.get(id).filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        let label = format!("[{}]", n + 1);
        st.push(
            crate::document::BlockKind::Note,
            None,
            Some(label.clone()),
            &format!("{label} {}", text.trim()),
        );
    }
    let title = title.or_else(|| {
        paragraphs
            .iter()
            .find(|p| p.kind == crate::document::BlockKind::Title)
            .map(|p| p.text.clone())
    });
    super::html::mark_title(&mut st, title);
    if st.blocks.is_empty() {
        return Err(ImportError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(Imported::Structured(st))
}

/// `dc:title` of `docProps/core.xml`.
fn core_title(xml: &str) -> Option<String> {
    let start = xml.find("<dc:title>")? + "<dc:title>".len();
    let end = start + xml[start..].find("</dc:title>")?;
    let t = quick_xml::escape::unescape(&xml[start..end])
        .ok()?
        .trim()
        .to_owned();
    (!t.is_empty()).then_some(t)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::document::Document;
    use crate::document::import::zipsafe::tests::zip_of;

    pub(crate) const W: &str =
        r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    pub(crate) fn docx(body: &str, extra: &[(&str, &str)]) -> Vec<u8> {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#
        );
        let mut entries: Vec<(&str, &[u8])> = vec![
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", document.as_bytes()),
        ];
        for (n, c) in extra {
            entries.push((n, c.as_bytes()));
        }
        zip_of(&entries)
    }

    pub(crate) fn open(bytes: &[u8]) -> Document {
        match import(Path::new("a.docx"), bytes) {
            Ok(Imported::Structured(st)) => Document::from_structured("a.docx", st),
            other => panic!("did not import: {:?}", other.err()),
        }
    }

    #[test]
    fn headings_lists_tables_and_footnotes() {
        let styles = format!(
            r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="Code"><w:name w:val="Source Code"/></w:style></w:styles>"#
        );
        let numbering = format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/></w:lvl></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
        );
        let footnotes = format!(
            r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 参见《人民日报》2013年9月8日。</w:t></w:r></w:p></w:footnote></w:footnotes>"#
        );
        let core = r#"<cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>合作报告</dc:title></cp:coreProperties>"#;
        let body = r#"
            <w:p><w:pPr><w:pStyle w:val="a3"/></w:pPr><w:r><w:t>合作报告</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>一、背景</w:t></w:r></w:p>
            <w:p><w:r><w:t>2013年9月，</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>习近平</w:t></w:r><w:del><w:r><w:delText>删去</w:delText></w:r></w:del><w:r><w:t>提出倡议</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>。</w:t></w:r></w:p>
            <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>加强合作</w:t></w:r></w:p>
            <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>扩大交流</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>年份</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>2014</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:pPr><w:pStyle w:val="Code"/></w:pPr><w:r><w:t xml:space="preserve">$ ls</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="Code"/></w:pPr><w:r><w:t xml:space="preserve">  -l</w:t></w:r></w:p>
            <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>结束</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#;
        let bytes = docx(
            body,
            &[
                ("word/styles.xml", &styles),
                ("word/numbering.xml", &numbering),
                ("word/footnotes.xml", &footnotes),
                ("docProps/core.xml", core),
            ],
        );
        let d = open(&bytes);
        let blocks: Vec<(&str, &str)> = d
            .blocks()
            .iter()
            .map(|b| (b.kind.as_str(), d.block_text(b)))
            .collect();
        assert_eq!(
            blocks,
            vec![
                ("title", "合作报告"),
                ("heading", "一、背景"),
                ("paragraph", "2013年9月，习近平提出倡议[1]。"),
                ("list", "（一）加强合作"),
                ("list", "（二）扩大交流"),
                ("table", "年份\t项目\n2014\t12"),
                ("code", "$ ls\n  -l"),
                ("paragraph", "结束"),
                ("note", "[1] 参见《人民日报》2013年9月8日。"),
            ]
        );
        assert_eq!(d.title(), Some("合作报告"));
        let f = crate::extract::footnotes::extract_footnotes(&d);
        assert_eq!(f.markers.len(), 1);
        assert!(f.note_of(&f.markers[0]).is_some());
    }

    #[test]
    fn what_is_not_a_word_document_says_so() {
        let err = |b: &[u8]| import(Path::new("a.docx"), b).err().map(|e| e.to_string());
        let ole = err(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest");
        assert!(
            ole.as_deref().is_some_and(|e| e.contains("password")),
            "{ole:?}"
        );
        let other = err(&zip_of(&[("a.txt", b"x")]));
        assert!(
            other
                .as_deref()
                .is_some_and(|e| e.contains("not a Word document")),
            "{other:?}"
        );
        // Entities a DTD declares are never expanded (no billion laughs).
        let laughs = format!(
            r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><w:document {W}><w:body><w:p><w:r><w:t>笑&d;&d;&d;&d;</w:t></w:r></w:p></w:body></w:document>"#
        );
        let bytes = zip_of(&[("word/document.xml", laughs.as_bytes())]);
        let d = open(&bytes);
        assert_eq!(d.text(), "笑");
        let bad_xml = err(&docx("<w:p><w:r><w:t>未闭合", &[]));
        assert!(bad_xml.is_some(), "broken XML must fail, not panic");
    }
}
