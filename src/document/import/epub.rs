//! EPUB 2 and 3, read with `rbook` (Apache-2.0): the spine's chapters in order, each walked as
//! HTML ([`super::html::walk`]), with footnotes linked across chapter files.
//!
//! The archive is checked by [`super::zipsafe`] before `rbook` opens it. A chapter without any
//! h1–h6 takes its heading from the navigation (nav / NCX). DRM that encrypts the chapters is
//! refused with a message; font obfuscation (also listed in `encryption.xml`) is not DRM.

use std::collections::HashMap;
use std::path::Path;

use rbook::Epub;
use scraper::{ElementRef, Html};

use super::html::{self, notes::NoteIndex, walk::Walker};
use super::zipsafe::SafeZip;
use super::{ImportError, Imported, StructuredText};
use crate::document::BlockKind;

pub fn import(path: &Path, bytes: &[u8]) -> Result<Imported, ImportError> {
    let fail = |m: String| ImportError::format(path, format!("EPUB: {m}"));
    let mut zip = SafeZip::open(bytes).map_err(|p| fail(p.to_string()))?;
    if let Some(enc) = zip
        .read_text("META-INF/encryption.xml")
        .map_err(|p| fail(p.to_string()))?
        && chapters_encrypted(&enc)
    {
        return Err(fail(
            "the book is protected by DRM (its chapters are encrypted); Pangzhu cannot open it"
                .into(),
        ));
    }
    let epub = Epub::options()
        .read(std::io::Cursor::new(bytes.to_vec()))
        .map_err(|e| fail(e.to_string()))?;

    // Every chapter parsed first: footnote references may point into a later file.
    let mut docs: Vec<(String, Html)> = Vec::new();
    let mut warnings = Vec::new();
    for entry in epub.spine().iter() {
        let Some(item) = entry.manifest_entry() else {
            warnings.push(format!(
                "spine item {} is not in the manifest",
                entry.idref()
            ));
            continue;
        };
        if !matches!(item.media_type(), "application/xhtml+xml" | "text/html") {
            continue;
        }
        let name = normalise(&item.href().path().decode());
        match item.read_bytes() {
            Ok(b) => match html::decode(path, &b) {
                Ok((text, _)) => docs.push((name, html::parse(&text))),
                Err(_) => warnings.push(format!("{name}: the chapter is empty or not text")),
            },
            Err(e) => warnings.push(format!("{name}: {e}")),
        }
    }
    let mut notes = NoteIndex::default();
    for (name, doc) in &docs {
        notes.scan(name, doc);
    }
    notes.resolve();

    let nav = nav_headings(&epub);
    let title = epub
        .metadata()
        .title()
        .map(|t| t.value().trim().to_owned())
        .filter(|t| !t.is_empty());
    let st = StructuredText {
        encoding: "EPUB".to_owned(),
        warnings,
        ..StructuredText::default()
    };
    let mut w = Walker::new(&notes, st);
    for (name, doc) in &docs {
        let content = html::content::content(doc, false);
        let root = content.root;
        let headed = root
            .descendants()
            .filter_map(ElementRef::wrap)
            .any(|e| matches!(e.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"));
        let has_text = root.text().any(|t| !t.trim().is_empty());
        let last_heading = w
            .out
            .blocks
            .iter()
            .rev()
            .find(|b| matches!(b.kind, BlockKind::Heading | BlockKind::Title))
            .and_then(|b| w.out.raw.get(b.range.clone()));
        if !headed
            && has_text
            && let Some((label, level)) = nav.get(name)
            && last_heading != Some(label.as_str())
            && title.as_deref() != Some(label.as_str())
        {
            w.out.push(BlockKind::Heading, Some(*level), None, label);
        }
        w.walk_document(name, content);
    }
    for (name, doc) in &docs {
        html::emit_missing_notes(&mut w, name, doc, &notes);
    }
    let mut st = w.out;
    html::mark_title(&mut st, title);
    if st.blocks.is_empty() {
        return Err(fail("the book has no readable text".into()));
    }
    Ok(Imported::Structured(st))
}

/// Chapter path (no leading `/`, no fragment) → the first nav label pointing at it and its depth.
fn nav_headings(epub: &Epub) -> HashMap<String, (String, u8)> {
    let mut out = HashMap::new();
    if let Some(root) = epub.toc().contents() {
        for entry in root.flatten() {
            let (Some(href), label) = (entry.href(), entry.label().trim()) else {
                continue;
            };
            if label.is_empty() {
                continue;
            }
            let level = entry.depth().clamp(1, 6) as u8;
            out.entry(normalise(&href.path().decode()))
                .or_insert_with(|| (label.to_owned(), level));
        }
    }
    out
}

fn normalise(p: &str) -> String {
    p.trim_start_matches('/').to_owned()
}

/// `encryption.xml` lists a chapter (not only fonts, which publishers obfuscate harmlessly).
fn chapters_encrypted(xml: &str) -> bool {
    xml.split("URI=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .any(|uri| {
            let uri = uri.to_ascii_lowercase();
            [".xhtml", ".html", ".htm", ".xml"]
                .iter()
                .any(|e| uri.ends_with(e))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::import::zipsafe::tests::zip_of;

    const CONTAINER: &str = r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;

    fn opf(items: &[(&str, &str)]) -> String {
        let manifest: String = items
            .iter()
            .map(|(id, href)| {
                format!(r#"<item id="{id}" href="{href}" media-type="application/xhtml+xml"/>"#)
            })
            .collect();
        let spine: String = items
            .iter()
            .filter(|(id, _)| *id != "nav")
            .map(|(id, _)| format!(r#"<itemref idref="{id}"/>"#))
            .collect();
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="uid">x</dc:identifier><dc:title>测试之书</dc:title><dc:language>zh</dc:language><meta property="dcterms:modified">2024-01-01T00:00:00Z</meta></metadata><manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>{manifest}</manifest><spine>{spine}</spine></package>"#
        )
    }

    fn xhtml(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title/></head><body>{body}</body></html>"#
        )
    }

    pub(crate) fn book(extra: &[(&str, &[u8])]) -> Vec<u8> {
        let nav = xhtml(
            r#"<nav epub:type="toc"><ol><li><a href="c1.xhtml">第一章 开端</a></li><li><a href="c2.xhtml">第二章</a></li></ol></nav>"#,
        );
        let c1 = xhtml(
            r#"<p>一九四九年，中华人民共和国成立<a epub:type="noteref" href="notes.xhtml#n1">1</a>。</p><p>又一段<sup><a href="c2.xhtml#n2">2</a></sup>。</p>"#,
        );
        let c2 = xhtml(
            r#"<h1>第二章</h1><p>正文。</p><aside epub:type="footnote" id="n2"><p>第二章的注。</p></aside>"#,
        );
        let notes = xhtml(
            r#"<aside epub:type="endnote" id="n1"><p><a href="c1.xhtml">1.</a> 见《人民日报》。</p></aside>"#,
        );
        let opf = opf(&[
            ("c1", "c1.xhtml"),
            ("c2", "c2.xhtml"),
            ("notes", "notes.xhtml"),
        ]);
        let mut entries: Vec<(&str, &[u8])> = vec![
            ("mimetype", b"application/epub+zip"),
            ("META-INF/container.xml", CONTAINER.as_bytes()),
            ("OEBPS/content.opf", opf.as_bytes()),
            ("OEBPS/nav.xhtml", nav.as_bytes()),
            ("OEBPS/c1.xhtml", c1.as_bytes()),
            ("OEBPS/c2.xhtml", c2.as_bytes()),
            ("OEBPS/notes.xhtml", notes.as_bytes()),
        ];
        entries.extend_from_slice(extra);
        zip_of(&entries)
    }

    #[test]
    fn chapters_in_spine_order_with_nav_headings_and_linked_notes() {
        let bytes = book(&[]);
        let Ok(Imported::Structured(st)) = import(Path::new("b.epub"), &bytes) else {
            panic!("EPUB did not import");
        };
        let d = crate::document::Document::from_structured("b.epub", st);
        let blocks: Vec<(&str, &str)> = d
            .blocks()
            .iter()
            .map(|b| (b.kind.as_str(), d.block_text(b)))
            .collect();
        assert_eq!(
            blocks,
            vec![
                ("heading", "第一章 开端"),
                ("paragraph", "一九四九年，中华人民共和国成立[1]。"),
                ("paragraph", "又一段[2]。"),
                ("heading", "第二章"),
                ("paragraph", "正文。"),
                ("note", "[2] 第二章的注。"),
                ("note", "[1] 见《人民日报》。"),
            ]
        );
        assert_eq!(d.title(), Some("测试之书"));
        let f = crate::extract::footnotes::extract_footnotes(&d);
        assert_eq!(f.markers.len(), 2);
        assert!(f.markers.iter().all(|m| f.note_of(m).is_some()));
    }

    #[test]
    fn a_missing_spine_item_is_a_warning_and_the_rest_opens() {
        let bytes = book(&[]);
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
        let entries: Vec<(String, Vec<u8>)> = (0..z.len())
            .filter_map(|i| {
                let mut f = z.by_index(i).ok()?;
                let mut v = Vec::new();
                std::io::Read::read_to_end(&mut f, &mut v).ok()?;
                let name = f.name().ok()?.into_owned();
                Some((name, v))
            })
            .filter(|(n, _)| n != "OEBPS/c2.xhtml")
            .collect();
        let refs: Vec<(&str, &[u8])> = entries
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_slice()))
            .collect();
        let Ok(Imported::Structured(st)) = import(Path::new("b.epub"), &zip_of(&refs)) else {
            panic!("the book opens without one chapter");
        };
        assert!(
            st.warnings.iter().any(|w| w.contains("c2.xhtml")),
            "{:?}",
            st.warnings
        );
        assert!(st.raw.contains("中华人民共和国成立"));
    }

    #[test]
    fn drm_and_damage_are_refused_with_a_reason() {
        let enc = br#"<encryption><EncryptedData><CipherData><CipherReference URI="OEBPS/c1.xhtml"/></CipherData></EncryptedData></encryption>"#;
        let bytes = book(&[("META-INF/encryption.xml", enc)]);
        let err = import(Path::new("b.epub"), &bytes)
            .err()
            .map(|e| e.to_string());
        assert!(err.as_deref().is_some_and(|e| e.contains("DRM")), "{err:?}");

        let fonts = br#"<encryption><EncryptedData><CipherData><CipherReference URI="OEBPS/font.otf"/></CipherData></EncryptedData></encryption>"#;
        assert!(
            import(
                Path::new("b.epub"),
                &book(&[("META-INF/encryption.xml", fonts)])
            )
            .is_ok()
        );

        let bytes = book(&[]);
        let err = import(Path::new("b.epub"), &bytes[..bytes.len() / 2])
            .err()
            .map(|e| e.to_string());
        assert!(
            err.as_deref().is_some_and(|e| e.contains("damaged")),
            "{err:?}"
        );
    }
}
