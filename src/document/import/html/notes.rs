//! Footnotes in HTML and EPUB: which links are note references, which elements are the notes.
//!
//! A first pass over every document of a book finds the candidate references: links marked as
//! such (`epub:type="noteref"`, `role="doc-noteref"`, a `footnote-ref` class) or links whose text
//! is a marker (`1`, `[1]`, `①`, `*`) set in `<sup>` or pointing at a note-like id. A candidate
//! counts only when its target exists. A link that points back at an earlier reference's own
//! anchor is the note's back-link, not a reference. Notes are numbered in the order of their
//! first reference across the whole book, so numbering that restarts per chapter cannot collide.

use std::collections::{HashMap, HashSet};

use scraper::{ElementRef, Html};

/// A place in a book: (document path, fragment id).
pub type Key = (String, String);

#[derive(Debug, Default)]
pub struct NoteIndex {
    ids: HashSet<Key>,
    candidates: Vec<Candidate>,
    /// Note element → its number.
    targets: HashMap<Key, u32>,
    /// The references' own anchors: a link to one of them is a back-link.
    anchors: HashSet<Key>,
}

#[derive(Debug)]
struct Candidate {
    target: Key,
    anchor: Option<Key>,
}

impl NoteIndex {
    /// First pass over one document (`doc` is its path in the book, `""` for a lone file).
    pub fn scan(&mut self, doc: &str, html: &Html) {
        for node in html.root_element().descendants() {
            let Some(e) = ElementRef::wrap(node) else {
                continue;
            };
            if let Some(id) = anchor_id(e) {
                self.ids.insert((doc.to_owned(), id.to_owned()));
            }
            if let Some(target) = candidate_target(doc, e) {
                let anchor = anchor_id(e).map(|id| (doc.to_owned(), id.to_owned()));
                self.candidates.push(Candidate { target, anchor });
            }
        }
    }

    /// After every document is scanned: number the notes in order of first reference.
    pub fn resolve(&mut self) {
        let mut next = 1;
        let mut earlier: HashSet<Key> = HashSet::new();
        for c in &self.candidates {
            let is_backlink = earlier.contains(&c.target);
            if let Some(anchor) = &c.anchor {
                earlier.insert(anchor.clone());
            }
            if is_backlink || !self.ids.contains(&c.target) {
                continue;
            }
            if let Some(anchor) = &c.anchor {
                self.anchors.insert(anchor.clone());
            }
            self.targets.entry(c.target.clone()).or_insert_with(|| {
                next += 1;
                next - 1
            });
        }
    }

    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// The note number a reference link stands for.
    pub fn reference(&self, doc: &str, e: ElementRef) -> Option<u32> {
        let target = candidate_target(doc, e)?;
        self.targets.get(&target).copied()
    }

    /// Whether a link inside a note leads back to its reference (dropped from the note's text).
    pub fn is_backlink(&self, doc: &str, e: ElementRef) -> bool {
        e.value().name() == "a"
            && e.value()
                .attr("href")
                .and_then(|h| resolve_href(doc, h))
                .is_some_and(|k| self.anchors.contains(&k))
            || e.value().attr("role") == Some("doc-backlink")
    }

    /// The number of the note an element is: its own id is a target, or (for a paragraph that
    /// opens with `<a name="fn1">`) the id of the first thing in it, before any text.
    pub fn note_number(&self, doc: &str, e: ElementRef) -> Option<u32> {
        let own = |e: ElementRef| {
            anchor_id(e).and_then(|id| self.targets.get(&(doc.to_owned(), id.to_owned())))
        };
        if let Some(n) = own(e) {
            return Some(*n);
        }
        let mut node = e.first_child();
        while let Some(n) = node {
            if let Some(t) = n.value().as_text() {
                if !t.trim().is_empty() {
                    return None;
                }
                node = n.next_sibling();
                continue;
            }
            let child = ElementRef::wrap(n)?;
            if !matches!(child.value().name(), "a" | "span" | "sup" | "b" | "strong") {
                return None;
            }
            if let Some(n) = own(child) {
                return Some(*n);
            }
            node = child.first_child();
        }
        None
    }

    /// Every note target as (key, number), for emitting notes a walk did not reach.
    pub fn targets(&self) -> impl Iterator<Item = (&Key, u32)> {
        self.targets.iter().map(|(k, n)| (k, *n))
    }
}

/// An element's anchor: `id`, or the `name` of an old-style `<a name>`.
fn anchor_id<'a>(e: ElementRef<'a>) -> Option<&'a str> {
    let v = e.value();
    v.id()
        .or_else(|| (v.name() == "a").then(|| v.attr("name")).flatten())
        .filter(|id| !id.is_empty())
}

/// The target of a link that may be a note reference.
fn candidate_target(doc: &str, e: ElementRef) -> Option<Key> {
    let v = e.value();
    if v.name() != "a" {
        return None;
    }
    let target = resolve_href(doc, v.attr("href")?)?;
    if declared_noteref(e) {
        return Some(target);
    }
    let text: String = e.text().collect();
    if !is_marker_text(text.trim()) {
        return None;
    }
    let raised = in_sup(e)
        || e.children()
            .any(|c| c.value().as_element().is_some_and(|x| x.name() == "sup"));
    (raised || note_like_id(&target.1)).then_some(target)
}

/// `epub:type="noteref"`, `role="doc-noteref"` or a reference class.
fn declared_noteref(e: ElementRef) -> bool {
    let v = e.value();
    let typed = v.attrs().any(|(k, val)| {
        k.ends_with("type") && k.contains(':') && val.split_whitespace().any(|t| t == "noteref")
    });
    typed
        || v.attr("role") == Some("doc-noteref")
        || v.classes().any(|c| {
            matches!(
                c.to_ascii_lowercase().as_str(),
                "footnote-ref"
                    | "footnoteref"
                    | "noteref"
                    | "fnref"
                    | "footnote"
                    | "endnote"
                    | "endnote-ref"
                    | "footnote-reference"
                    | "ftnref"
                    | "note-ref"
            )
        })
}

fn in_sup(e: ElementRef) -> bool {
    e.ancestors()
        .take(2)
        .any(|a| a.value().as_element().is_some_and(|x| x.name() == "sup"))
}

fn note_like_id(id: &str) -> bool {
    let id = id.to_ascii_lowercase();
    ["fn", "note", "ftn", "foot", "endnote", "注"]
        .iter()
        .any(|p| id.contains(p))
}

/// `1`, `[12]`, `(3)`, `（4）`, `〔5〕`, `①`, `¹²`, `*`, `†`, `注1`.
pub fn is_marker_text(s: &str) -> bool {
    let s = s.strip_prefix('注').unwrap_or(s).trim();
    if s.is_empty() || s.chars().count() > 6 {
        return false;
    }
    if s.chars()
        .all(|c| matches!(c, '*' | '∗' | '†' | '‡' | '§' | '¶'))
    {
        return true;
    }
    if s.chars().count() == 1
        && s.chars()
            .all(|c| ('①'..='⑳').contains(&c) || ('㉑'..='㉟').contains(&c))
    {
        return true;
    }
    if s.chars().all(|c| matches!(c, '¹' | '²' | '³' | '⁰'..='⁹')) {
        return true;
    }
    let inner = s
        .trim_start_matches(['[', '(', '（', '〔', '【'])
        .trim_end_matches([']', ')', '）', '〕', '】']);
    !inner.is_empty() && inner.len() <= 3 && inner.bytes().all(|b| b.is_ascii_digit())
}

/// A link's target as a key: `#x` is in `doc`; `other.xhtml#x` relative to `doc`'s folder.
pub fn resolve_href(doc: &str, href: &str) -> Option<Key> {
    let (path, fragment) = href.trim().split_once('#')?;
    if fragment.is_empty() || path.contains("://") || path.starts_with("mailto:") {
        return None;
    }
    let fragment = percent_decode(fragment);
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() {
        return Some((doc.to_owned(), fragment));
    }
    Some((join_path(doc, &percent_decode(path)), fragment))
}

/// `a/b/c.xhtml` + `../d.xhtml` → `a/d.xhtml`.
pub fn join_path(doc: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = if rel.starts_with('/') {
        Vec::new()
    } else {
        doc.split('/').filter(|p| !p.is_empty()).collect()
    };
    parts.pop();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_texts() {
        for s in ["1", "[12]", "（3）", "①", "¹²", "*", "†", "注2", "〔4〕"] {
            assert!(is_marker_text(s), "{s}");
        }
        for s in ["第一章", "2023", "[1234]", "Chapter 1", "", "a"] {
            assert!(!is_marker_text(s), "{s}");
        }
    }

    #[test]
    fn hrefs_resolve_relative_to_the_document() {
        assert_eq!(
            resolve_href("OEBPS/text/ch1.xhtml", "../notes.xhtml#n%31"),
            Some(("OEBPS/notes.xhtml".to_owned(), "n1".to_owned()))
        );
        assert_eq!(
            resolve_href("OEBPS/ch1.xhtml", "#fn2"),
            Some(("OEBPS/ch1.xhtml".to_owned(), "fn2".to_owned()))
        );
        assert_eq!(resolve_href("a.html", "http://x.org/#a"), None);
        assert_eq!(resolve_href("a.html", "b.html"), None);
    }

    #[test]
    fn references_backlinks_and_notes_are_told_apart() {
        let html = Html::parse_document(
            r##"<p>正文<a href="#ftn.a" name="a"><sup>[1]</sup></a>，又<sup><a href="#n2" id="r2">2</a></sup>。
            见<a href="#sec">1</a>。</p><h2 id="sec">x</h2>
            <div id="ftn.a"><p><a href="#a"><sup>[1] </sup></a>第一注</p></div>
            <p><a name="n2" href="#r2">2</a> 第二注</p>"##,
        );
        let mut idx = NoteIndex::default();
        idx.scan("", &html);
        idx.resolve();
        let mut t: Vec<(String, u32)> = idx.targets().map(|(k, n)| (k.1.clone(), n)).collect();
        t.sort();
        assert_eq!(t, vec![("ftn.a".to_owned(), 1), ("n2".to_owned(), 2)]);
    }
}
