//! HTML files (and, through [`walk`], the chapters of an EPUB), parsed with `scraper`.
//!
//! The encoding comes from a BOM, the `<meta charset>` or XML declaration, strict UTF-8, then
//! `chardetng`'s guess (Chinese pages are often GBK). When the page has a `<main>` (or one
//! `<article>`), only that is read, so site menus and footers stay out of the text.

pub mod content;
pub mod notes;
pub mod walk;

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html};

use super::{ImportError, Imported, StructuredText};
use crate::document::BlockKind;
use notes::NoteIndex;
use walk::Walker;

pub fn import(path: &Path, bytes: &[u8]) -> Result<Imported, ImportError> {
    let (text, encoding) = decode(path, bytes)?;
    let html = parse(&text);
    let mut notes = NoteIndex::default();
    notes.scan("", &html);
    notes.resolve();
    let title = page_title(&html);
    let st = StructuredText {
        encoding: format!("HTML ({encoding})"),
        ..StructuredText::default()
    };
    let mut w = Walker::new(&notes, st);
    w.walk_document("", content::content(&html, true));
    emit_missing_notes(&mut w, "", &html, &notes);
    let mut st = w.out;
    mark_title(&mut st, title);
    if st.blocks.is_empty() {
        return Err(ImportError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(Imported::Structured(st))
}

/// Parse HTML or XHTML. XHTML's self-closed non-void elements (`<a id="p5"/>`, `<title/>`)
/// mean something else to an HTML parser (`<title/>` would swallow the page), so they are
/// opened and closed first.
pub fn parse(text: &str) -> Html {
    static SELF_CLOSED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"<([A-Za-z][A-Za-z0-9:-]*)(\s[^<>]*?)?/>").expect("static regex")
    });
    let xhtml = text.contains("http://www.w3.org/1999/xhtml") || text.starts_with("<?xml");
    if !xhtml {
        return Html::parse_document(text);
    }
    let fixed = SELF_CLOSED.replace_all(text, |c: &regex::Captures| {
        let name = &c[1];
        let attrs = c.get(2).map_or("", |m| m.as_str());
        if is_void(&name.to_ascii_lowercase()) {
            format!("<{name}{attrs}/>")
        } else {
            format!("<{name}{attrs}></{name}>")
        }
    });
    Html::parse_document(&fixed)
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Notes the walk did not reach (outside `<main>`): appended at the end, in number order.
pub fn emit_missing_notes(w: &mut Walker, doc: &str, html: &Html, notes: &NoteIndex) {
    if notes.is_empty() {
        return;
    }
    let mut missing: Vec<(u32, ElementRef)> = html
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter_map(|e| Some((notes.note_number(doc, e)?, e)))
        .filter(|(n, _)| !w.emitted.contains(n))
        .collect();
    missing.sort_by_key(|(n, _)| *n);
    missing.dedup_by_key(|(n, _)| *n);
    for (n, e) in missing {
        w.emit_note_element(doc, e, n);
    }
}

/// `<title>`, else the first `<h1>`.
fn page_title(html: &Html) -> Option<String> {
    let text_of = |e: ElementRef| {
        let t: String = e.text().collect::<String>();
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        (!t.is_empty()).then_some(t)
    };
    let elements = || {
        html.root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
    };
    elements()
        .find(|e| e.value().name() == "title")
        .and_then(text_of)
        .or_else(|| {
            elements()
                .find(|e| e.value().name() == "h1")
                .and_then(text_of)
        })
}

/// The first heading that says the title becomes the Title block; the title is kept.
pub fn mark_title(st: &mut StructuredText, title: Option<String>) {
    if let Some(t) = &title
        && let Some(b) = st.blocks.iter_mut().take(8).find(|b| {
            b.kind == BlockKind::Heading && st.raw.get(b.range.clone()) == Some(t.as_str())
        })
    {
        b.kind = BlockKind::Title;
        b.level = None;
    }
    // A title page followed by a chapter that opens with the same title (pandoc's EPUBs,
    // many others): the reader sees it once.
    if let Some(i) = st.blocks.iter().position(|b| b.kind == BlockKind::Title)
        && let Some(next) = st.blocks.get(i + 1)
        && next.kind == BlockKind::Heading
        && st.raw.get(next.range.clone()) == st.raw.get(st.blocks[i].range.clone())
    {
        st.blocks.remove(i + 1);
    }
    st.title = title;
}

/// Decode an HTML file: BOM, declared charset, UTF-8, then a guess.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<(String, &'static str), ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty {
            path: path.to_owned(),
        });
    }
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return Ok((
            enc.decode_without_bom_handling(&bytes[bom..])
                .0
                .into_owned(),
            enc.name(),
        ));
    }
    if let Some(enc) = declared_charset(bytes) {
        let (text, _, _) = enc.decode(bytes);
        return Ok((text.into_owned(), enc.name()));
    }
    let d = super::decode(path, bytes)?;
    Ok((d.text, d.encoding))
}

/// `<meta charset="gbk">`, `content="text/html; charset=gb2312"` or `<?xml … encoding="…"?>`
/// in the first 2 KiB.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    static CHARSET: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
        regex::bytes::Regex::new(r#"(?i)(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)"#)
            .expect("static regex")
    });
    let head = &bytes[..bytes.len().min(2048)];
    let label = CHARSET.captures(head)?.get(1)?.as_bytes();
    let enc = encoding_rs::Encoding::for_label(label)?;
    // A page that says UTF-16 but is read as bytes here is ASCII-compatible: the label lies.
    (enc != encoding_rs::UTF_16LE && enc != encoding_rs::UTF_16BE).then_some(enc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn doc(html: &str) -> Document {
        match import(Path::new("t.html"), html.as_bytes()) {
            Ok(Imported::Structured(st)) => Document::from_structured("t.html", st),
            other => panic!("not structured: {:?}", other.err()),
        }
    }

    fn kinds(d: &Document) -> Vec<(&'static str, String)> {
        d.blocks()
            .iter()
            .map(|b| (b.kind.as_str(), d.block_text(b).to_owned()))
            .collect()
    }

    #[test]
    fn blocks_of_every_kind() {
        let d = doc(
            r#"<html><head><title>报告</title><style>p{}</style></head><body>
            <div class="navheader"><a href="a.html">上一页</a></div>
            <h1>报告</h1><h2>一、背景</h2>
            <p>中国与中亚
            国家的合作。 GNU/Linux 是系统</p>
            <ul><li>第一项</li><li>第二项</li></ul>
            <ol start="3"><li>三</li></ol>
            <pre>$ ls -l
  total 0</pre>
            <table><caption>表 1</caption><tr><th>年份</th><th>数量</th></tr><tr><td>2013</td><td>5</td></tr></table>
            <p>一段<br>两段</p>
            <script>alert(1)</script></body></html>"#,
        );
        assert_eq!(
            kinds(&d),
            vec![
                ("title", "报告".to_owned()),
                ("heading", "一、背景".to_owned()),
                (
                    "paragraph",
                    "中国与中亚国家的合作。GNU/Linux 是系统".to_owned()
                ),
                ("list", "• 第一项".to_owned()),
                ("list", "• 第二项".to_owned()),
                ("list", "3. 三".to_owned()),
                ("code", "$ ls -l\n  total 0".to_owned()),
                ("caption", "表 1".to_owned()),
                ("table", "年份\t数量\n2013\t5".to_owned()),
                ("paragraph", "一段".to_owned()),
                ("paragraph", "两段".to_owned()),
            ]
        );
        assert_eq!(d.title(), Some("报告"));
        assert!(d.encoding().starts_with("HTML (UTF-8"), "{}", d.encoding());
    }

    #[test]
    fn footnotes_link_references_to_notes() {
        let d = doc(
            r##"<body><p>源码<a href="#ftn.x" class="footnote" name="x"><sup class="footnote">[1]</sup></a>都可以得到，另见<sup><a href="#fn2" id="r2">2</a></sup>。</p>
            <div class="footnotes"><div id="ftn.x" class="footnote"><p><a href="#x" class="para"><sup>[1] </sup></a>请查阅 Debian FAQ。</p></div>
            <ol><li id="fn2"><p>第二条注释。<a href="#r2" role="doc-backlink">↩</a></p></li></ol></div></body>"##,
        );
        let t = kinds(&d);
        assert_eq!(
            t[0],
            ("paragraph", "源码[1]都可以得到，另见[2]。".to_owned())
        );
        assert_eq!(t[1], ("note", "[1] 请查阅 Debian FAQ。".to_owned()));
        assert_eq!(t[2], ("note", "[2] 第二条注释。".to_owned()));
        let f = crate::extract::footnotes::extract_footnotes(&d);
        assert_eq!(f.markers.len(), 2);
        assert!(
            f.markers.iter().all(|m| f.note_of(m).is_some()),
            "{:?}",
            f.markers
        );
    }

    #[test]
    fn gbk_pages_and_xhtml_self_closing_tags() {
        let page = "<html><head><meta charset=\"gb2312\"><title>新闻</title></head><body><p>中华人民共和国</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        let (text, enc) = decode(Path::new("a.html"), &bytes).unwrap_or_else(|e| panic!("{e}"));
        assert!(text.contains("中华人民共和国"));
        assert_eq!(enc, "GBK");
        let d = doc(
            r#"<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title/></head><body><p>甲<a id="p5"/>乙</p><p>丙</p></body></html>"#,
        );
        assert_eq!(
            kinds(&d),
            vec![
                ("paragraph", "甲乙".to_owned()),
                ("paragraph", "丙".to_owned())
            ]
        );
    }

    #[test]
    fn main_content_wins_over_the_site_around_it() {
        let d = doc(
            "<body><header><p>网站导航 首页 新闻</p></header><main><h1>正文标题</h1><p>正文。</p></main><footer><p>版权所有</p></footer></body>",
        );
        let all: Vec<String> = kinds(&d).into_iter().map(|k| k.1).collect();
        assert_eq!(all, vec!["正文标题", "正文。"]);
    }
}
