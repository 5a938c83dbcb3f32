//! `word/styles.xml`: what each paragraph style means for the reader.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::document::BlockKind;

#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<(String, u8)>,
}

#[derive(Debug, Default)]
pub struct Styles {
    by_id: HashMap<String, Style>,
}

/// The value of attribute `w:val` (or any `…:val`).
pub fn attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| a.unescape_value().ok().map(|v| v.into_owned()))
            .flatten()
    })
}

impl Styles {
    pub fn parse(xml: &str) -> Self {
        let mut by_id = HashMap::new();
        let mut reader = Reader::from_str(xml);
        let mut cur: Option<(String, Style)> = None;
        let mut num_id: Option<String> = None;
        let mut ilvl = 0u8;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                    let local = e.local_name();
                    match local.as_ref() {
                        b"style" => {
                            cur = attr(&e, b"styleId").map(|id| (id, Style::default()));
                            num_id = None;
                            ilvl = 0;
                        }
                        b"name" => {
                            if let (Some((_, s)), Some(v)) = (cur.as_mut(), attr(&e, b"val")) {
                                s.name = v;
                            }
                        }
                        b"basedOn" => {
                            if let Some((_, s)) = cur.as_mut() {
                                s.based_on = attr(&e, b"val");
                            }
                        }
                        b"outlineLvl" => {
                            if let Some((_, s)) = cur.as_mut() {
                                s.outline = attr(&e, b"val").and_then(|v| v.parse().ok());
                            }
                        }
                        b"numId" => num_id = attr(&e, b"val"),
                        b"ilvl" => {
                            ilvl = attr(&e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0)
                        }
                        _ => {}
                    }
                }
                Ok(Event::End(e)) if e.local_name().as_ref() == b"style" => {
                    if let Some((id, mut s)) = cur.take() {
                        s.num = num_id.take().filter(|n| n != "0").map(|n| (n, ilvl));
                        by_id.insert(id, s);
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        Self { by_id }
    }

    /// The kind (and heading level) a paragraph of this style is, following `basedOn`.
    pub fn kind(&self, id: Option<&str>) -> Option<(BlockKind, Option<u8>)> {
        let mut id = id?;
        for _ in 0..12 {
            let Some(style) = self.by_id.get(id) else {
                // Documents whose styles.xml is missing still name styles by their English ids.
                return kind_of_name(id, None);
            };
            if let Some(k) = kind_of_name(&style.name, style.outline) {
                return Some(k);
            }
            id = style.based_on.as_deref()?;
        }
        None
    }

    /// The list numbering a style carries (`List Number` styles).
    pub fn numbering(&self, id: Option<&str>) -> Option<(String, u8)> {
        let mut id = id?;
        for _ in 0..12 {
            let style = self.by_id.get(id)?;
            if style.num.is_some() {
                return style.num.clone();
            }
            id = style.based_on.as_deref()?;
        }
        None
    }
}

fn kind_of_name(name: &str, outline: Option<u8>) -> Option<(BlockKind, Option<u8>)> {
    let n = name.trim().to_lowercase();
    let level = |rest: &str| rest.trim().parse::<u8>().ok().map(|l| l.clamp(1, 6));
    if matches!(n.as_str(), "title" | "标题") {
        return Some((BlockKind::Title, None));
    }
    if matches!(n.as_str(), "subtitle" | "副标题") {
        return Some((BlockKind::Heading, Some(2)));
    }
    for prefix in ["heading", "标题"] {
        if let Some(l) = n.strip_prefix(prefix).and_then(level) {
            return Some((BlockKind::Heading, Some(l)));
        }
    }
    for prefix in ["toc", "目录"] {
        if n.strip_prefix(prefix).and_then(level).is_some() || n == "toc heading" {
            return Some((BlockKind::Toc, None));
        }
    }
    if matches!(n.as_str(), "caption" | "题注") {
        return Some((BlockKind::Caption, None));
    }
    if ["code", "source", "preformatted", "verbatim", "代码"]
        .iter()
        .any(|w| n.contains(w))
    {
        return Some((BlockKind::Code, None));
    }
    outline
        .filter(|&o| o < 6)
        .map(|o| (BlockKind::Heading, Some(o + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_kinds_follow_names_outline_levels_and_based_on() {
        let s = Styles::parse(
            r#"<w:styles xmlns:w="w"><w:style w:styleId="1"><w:name w:val="heading 1"/></w:style>
            <w:style w:styleId="my"><w:name w:val="我的标题"/><w:basedOn w:val="1"/></w:style>
            <w:style w:styleId="o"><w:name w:val="Body"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
            <w:style w:styleId="ln"><w:name w:val="List Number"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style></w:styles>"#,
        );
        assert_eq!(s.kind(Some("1")), Some((BlockKind::Heading, Some(1))));
        assert_eq!(s.kind(Some("my")), Some((BlockKind::Heading, Some(1))));
        assert_eq!(s.kind(Some("o")), Some((BlockKind::Heading, Some(3))));
        assert_eq!(
            s.kind(Some("Heading2")),
            Some((BlockKind::Heading, Some(2)))
        );
        assert_eq!(s.kind(Some("Normal")), None);
        assert_eq!(s.numbering(Some("ln")), Some(("7".to_owned(), 0)));
    }
}
