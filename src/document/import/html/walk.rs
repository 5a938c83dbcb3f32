//! One walk over an HTML tree, turning its elements into structured blocks.
//!
//! Block elements end the current block; inline text is gathered with HTML's whitespace rules
//! (runs collapse to one space; a line break between two CJK characters is nothing, as CSS
//! Text 3 segment-break transformation says). `pre` is kept verbatim as code, tables become
//! rows of tab-separated cells, list items become list blocks with their bullet or number,
//! note references become `[n]` and notes become Note blocks `[n] …` (see [`super::notes`]).
//! Which elements are blocks or skipped is in [`elements`]; tables in [`tables`].

mod elements;
mod tables;

pub(super) use elements::skipped;

use std::collections::HashSet;

use scraper::{ElementRef, Node};

use super::notes::NoteIndex;
use crate::document::BlockKind;
use crate::document::import::StructuredText;
use elements::is_block;
use tables::is_layout_table;

pub struct Walker<'n> {
    pub out: StructuredText,
    notes: &'n NoteIndex,
    doc: String,
    buf: String,
    space: Space,
    kinds: Vec<(BlockKind, Option<u8>)>,
    lists: Vec<List>,
    pre: usize,
    /// Inside a note or a table cell: blocks go here instead of into `out`.
    collect: Option<String>,
    pub emitted: HashSet<u32>,
    /// Blocks of the current document left out (menus, share bars: see [`super::content`]).
    dropped: HashSet<ego_tree::NodeId>,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Space {
    None,
    Blank,
    Newline,
}

struct List {
    ordered: bool,
    next: i64,
}

impl<'n> Walker<'n> {
    pub fn new(notes: &'n NoteIndex, out: StructuredText) -> Self {
        Self {
            out,
            notes,
            doc: String::new(),
            buf: String::new(),
            space: Space::None,
            kinds: vec![(BlockKind::Paragraph, None)],
            lists: Vec::new(),
            pre: 0,
            collect: None,
            emitted: HashSet::new(),
            dropped: HashSet::new(),
        }
    }

    /// Walk the document `doc` (its path in the book, for resolving links): its content root
    /// without the blocks found to be site furniture.
    pub fn walk_document(&mut self, doc: &str, content: super::content::Content) {
        self.doc = doc.to_owned();
        self.dropped = content.dropped;
        self.walk(content.root);
        self.flush();
        self.dropped.clear();
    }

    /// Emit a note element a walk skipped (outside `<main>`, or in a file not in the spine).
    pub fn emit_note_element(&mut self, doc: &str, e: ElementRef, n: u32) {
        self.doc = doc.to_owned();
        self.flush();
        self.note(e, n);
    }

    fn walk(&mut self, e: ElementRef) {
        for child in e.children() {
            match child.value() {
                Node::Text(t) => self.text(t),
                Node::Element(_) => {
                    if let Some(el) = ElementRef::wrap(child) {
                        self.element(el);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, e: ElementRef) {
        let name = e.value().name();
        if skipped(e) || self.dropped.contains(&e.id()) {
            return;
        }
        if let Some(n) = self.notes.reference(&self.doc, e) {
            self.marker(n);
            return;
        }
        if self.collect.is_some() && self.notes.is_backlink(&self.doc, e) {
            return;
        }
        if name == "br" {
            if self.pre > 0 {
                self.buf.push('\n');
            } else {
                self.flush();
            }
            return;
        }
        if !is_block(name) {
            self.walk(e);
            return;
        }
        if self.collect.is_none()
            && let Some(n) = self.notes.note_number(&self.doc, e)
        {
            self.flush();
            self.note(e, n);
            return;
        }
        self.flush();
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name[1..].parse().ok();
                self.within(BlockKind::Heading, level, |w| w.walk(e));
            }
            "pre" => {
                self.pre += 1;
                self.within(BlockKind::Code, None, |w| w.walk(e));
                self.pre -= 1;
            }
            "ul" | "ol" | "menu" => {
                let start = e.value().attr("start").and_then(|s| s.trim().parse().ok());
                self.lists.push(List {
                    ordered: name == "ol",
                    next: start.unwrap_or(1),
                });
                self.walk(e);
                self.lists.pop();
            }
            "li" => {
                let bullet = match self.lists.last_mut() {
                    Some(l) if l.ordered => {
                        let n = e.value().attr("value").and_then(|v| v.parse().ok());
                        let n = n.unwrap_or(l.next);
                        l.next = n + 1;
                        format!("{n}. ")
                    }
                    _ => "• ".to_owned(),
                };
                self.buf.push_str(&bullet);
                self.within(BlockKind::List, None, |w| w.walk(e));
                // An item with no text of its own leaves no bullet behind.
                if self.buf == bullet {
                    self.buf.clear();
                }
            }
            "dt" | "dd" => self.within(BlockKind::List, None, |w| w.walk(e)),
            "figcaption" | "caption" => self.within(BlockKind::Caption, None, |w| w.walk(e)),
            "table" if !is_layout_table(e) => self.table(e),
            _ => self.walk(e),
        }
        self.flush();
    }

    /// Run `f` with blocks of `kind`; the block in progress is flushed as that kind.
    fn within(&mut self, kind: BlockKind, level: Option<u8>, f: impl FnOnce(&mut Self)) {
        self.kinds.push((kind, level));
        f(self);
        self.flush();
        self.kinds.pop();
    }

    fn text(&mut self, t: &str) {
        if self.pre > 0 {
            self.buf.push_str(t);
            return;
        }
        for c in t.chars() {
            if c.is_whitespace() {
                let s = if c == '\n' {
                    Space::Newline
                } else {
                    Space::Blank
                };
                self.space = self.space.max(s);
                continue;
            }
            if self.space != Space::None
                && let Some(prev) = self.buf.chars().next_back()
                && !prev.is_whitespace()
            {
                let cjk_break = self.space == Space::Newline && is_cjk(prev) && is_cjk(c);
                if !cjk_break && !is_cjk_punct(prev) && !is_cjk_punct(c) {
                    self.buf.push(' ');
                }
            }
            self.space = Space::None;
            self.buf.push(c);
        }
    }

    fn marker(&mut self, n: u32) {
        self.space = Space::None;
        self.buf.push_str(&format!("[{n}]"));
    }

    /// End the block in progress.
    fn flush(&mut self) {
        self.space = Space::None;
        let text = std::mem::take(&mut self.buf);
        let (kind, level) = *self.kinds.last().unwrap_or(&(BlockKind::Paragraph, None));
        let body = if kind == BlockKind::Code {
            text.trim_matches('\n').trim_end()
        } else {
            text.trim()
        };
        if body.is_empty() {
            return;
        }
        // `<li><p>…` : the bullet waits for the item's first block.
        if kind == BlockKind::List && is_bullet(body) {
            self.buf = text;
            return;
        }
        if let Some(c) = &mut self.collect {
            if !c.is_empty() {
                c.push('\n');
            }
            c.push_str(body);
            return;
        }
        self.out.push(kind, level, None, body);
    }

    /// Inner text of `e` with blocks joined by line breaks (notes, table cells).
    fn collected(&mut self, e: ElementRef) -> String {
        let saved = (
            std::mem::take(&mut self.buf),
            self.collect.replace(String::new()),
            std::mem::replace(&mut self.kinds, vec![(BlockKind::Paragraph, None)]),
        );
        self.walk(e);
        self.flush();
        let text = std::mem::replace(&mut self.collect, saved.1).unwrap_or_default();
        self.buf = saved.0;
        self.kinds = saved.2;
        text
    }

    fn note(&mut self, e: ElementRef, n: u32) {
        let text = self.collected(e);
        let text = strip_own_label(&text);
        if text.is_empty() || !self.emitted.insert(n) {
            return;
        }
        let label = format!("[{n}]");
        self.out.push(
            BlockKind::Note,
            None,
            Some(label.clone()),
            &format!("{label} {text}"),
        );
    }
}

fn is_bullet(s: &str) -> bool {
    s == "•"
        || s.strip_suffix('.')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A note's own number at its head (`1.`, `[1]`, `1 `) after its back-link was dropped.
fn strip_own_label(text: &str) -> &str {
    static LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:注\s*)?(?:[\[(（〔【]\s*\d{1,3}\s*[\])）〕】]|\d{1,3}(?:[.、:：]|\s|$))\s*",
        )
        .expect("static regex")
    });
    let t = text
        .trim_start()
        .trim_start_matches(['.', ':', '：', '、'])
        .trim_start();
    match LABEL.find(t) {
        // `1.5 倍` is text, not the label `1.`.
        Some(m)
            if !(t[m.end()..].starts_with(['年', '月', '日', '号', '%'])
                || m.as_str().ends_with('.')
                    && t[m.end()..].starts_with(|c: char| c.is_ascii_digit())) =>
        {
            t[m.end()..].trim()
        }
        _ => t.trim(),
    }
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Full-width punctuation, which carries its own spacing. Curly quotes and dashes are shared
/// with Latin text, where the space beside them is meant.
fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}
