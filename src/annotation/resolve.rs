//! Finding an anchor again: exact at its position → moved (exact elsewhere, best context
//! first; then fuzzy in windows near where it should be) → orphaned. Pure functions.

use memchr::memmem;

use super::anchor::Anchor;
use super::fuzzy;
use crate::document::{Document, RawPos};
use crate::span::TextSpan;

/// Quotes shorter than this (in chars) are accepted elsewhere only with matching context.
pub const SHORT_QUOTE_CHARS: usize = 6;
/// Lowest similarity (1 − edits/len) a fuzzy match needs.
pub const FUZZY_THRESHOLD: f32 = 0.8;
/// Bytes each side of the expected position searched before the whole text.
const NEAR_WINDOW: usize = 64 * 1024;
/// Longest quote matched fuzzily as a whole; longer quotes match head and tail separately.
const FUZZY_PIECE_CHARS: usize = 64;
/// At most this many exact occurrences are weighed by context.
const MAX_CANDIDATES: usize = 4096;

/// Where an anchor is in a document now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Resolution {
    /// Its position still holds its quote.
    Exact(TextSpan),
    /// Found elsewhere; `score` is the quote's similarity (1.0: the same text).
    Moved { span: TextSpan, score: f32 },
    /// Not found: kept, listed, never deleted.
    Orphaned,
}

impl Resolution {
    pub fn span(&self) -> Option<TextSpan> {
        match self {
            Self::Exact(span) | Self::Moved { span, .. } => Some(*span),
            Self::Orphaned => None,
        }
    }

    pub fn status(&self) -> Status {
        match self {
            Self::Exact(_) => Status::Exact,
            Self::Moved { .. } => Status::Moved,
            Self::Orphaned => Status::Orphaned,
        }
    }
}

/// The kind of a [`Resolution`], as lists and exports show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Exact,
    Moved,
    Orphaned,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Moved => "moved",
            Self::Orphaned => "orphaned",
        }
    }
}

/// Resolve one anchor against a document.
pub fn resolve(anchor: &Anchor, doc: &Document) -> Resolution {
    Resolver::new(doc).resolve(anchor)
}

/// Resolves many anchors of one document; fed in position order it learns the current shift
/// (text inserted or removed before them), so most moved anchors cost one comparison.
pub struct Resolver<'a> {
    text: &'a str,
    /// For the raw line/column selector; without it only the text selectors are used.
    doc: Option<&'a Document>,
    shift: isize,
}

impl<'a> Resolver<'a> {
    pub fn new(doc: &'a Document) -> Self {
        Self {
            text: doc.text(),
            doc: Some(doc),
            shift: 0,
        }
    }

    /// Resolve against a bare cleaned text (tests, tools without a `Document`).
    pub fn for_text(text: &'a str) -> Self {
        Self {
            text,
            doc: None,
            shift: 0,
        }
    }

    pub fn resolve(&mut self, anchor: &Anchor) -> Resolution {
        let text = self.text;
        let exact = anchor.quote.exact.as_str();
        if exact.is_empty() {
            return Resolution::Orphaned;
        }
        if anchor.span.slice(text) == Some(exact) {
            return Resolution::Exact(anchor.span);
        }
        let expected = shifted(anchor.span.start(), self.shift, text.len());
        let found = self
            .at_expected(anchor, expected)
            .or_else(|| self.exact_elsewhere(anchor, expected))
            .or_else(|| self.fuzzy_near(anchor, expected));
        match found {
            Some((span, score)) => {
                self.shift = span.start() as isize - anchor.span.start() as isize;
                Resolution::Moved { span, score }
            }
            None => Resolution::Orphaned,
        }
    }

    fn at_expected(&self, anchor: &Anchor, expected: usize) -> Option<(TextSpan, f32)> {
        let span = TextSpan::new(expected, expected + anchor.quote.exact.len());
        let text = self.text;
        (span.slice(text) == Some(anchor.exact()) && self.context_ok(anchor, span))
            .then_some((span, 1.0))
    }

    /// Exact occurrences, near the expected position first, then anywhere; the best context
    /// match wins, then the nearest.
    fn exact_elsewhere(&self, anchor: &Anchor, expected: usize) -> Option<(TextSpan, f32)> {
        let text = self.text;
        let exact = anchor.exact();
        let lo = floor_boundary(text, expected.saturating_sub(NEAR_WINDOW));
        let hi = ceil_boundary(text, expected.saturating_add(NEAR_WINDOW));
        let near = self.best_exact(anchor, lo, hi, expected);
        if let Some((span, ctx)) = near
            && (ctx >= 0.999 || (ctx >= 0.5 && !is_short(exact)))
        {
            return Some((span, 1.0));
        }
        let anywhere = self.best_exact(anchor, 0, text.len(), expected);
        let best = match (near, anywhere) {
            (Some(n), Some(a)) => Some(if a.1 > n.1 { a } else { n }),
            (n, a) => n.or(a),
        }?;
        self.context_ok(anchor, best.0).then_some((best.0, 1.0))
    }

    fn best_exact(
        &self,
        anchor: &Anchor,
        lo: usize,
        hi: usize,
        expected: usize,
    ) -> Option<(TextSpan, f32)> {
        let text = self.text;
        let hay = text.get(lo..hi)?;
        let exact = anchor.exact();
        let mut best: Option<(TextSpan, f32, usize)> = None;
        for start in memmem::find_iter(hay.as_bytes(), exact.as_bytes()).take(MAX_CANDIDATES) {
            let span = TextSpan::new(lo + start, lo + start + exact.len());
            if span.slice(text).is_none() {
                continue;
            }
            let ctx = context_ratio(anchor, text, span);
            let distance = span.start().abs_diff(expected);
            let better = best.is_none_or(|(_, c, d)| ctx > c || (ctx == c && distance < d));
            if better {
                best = Some((span, ctx, distance));
            }
        }
        best.map(|(span, ctx, _)| (span, ctx))
    }

    /// Short quotes must bring their context along; longer ones stand on their own.
    fn context_ok(&self, anchor: &Anchor, span: TextSpan) -> bool {
        !is_short(anchor.exact()) || context_ratio(anchor, self.text, span) >= 0.5
    }

    /// Fuzzy match in small windows around the places the passage should be: the shifted
    /// position, the raw line/column, and where its prefix or suffix still occurs.
    fn fuzzy_near(&self, anchor: &Anchor, expected: usize) -> Option<(TextSpan, f32)> {
        let quote: Vec<char> = anchor.exact().chars().collect();
        if quote.len() < SHORT_QUOTE_CHARS {
            return None;
        }
        let mut centres = vec![expected];
        let raw = RawPos {
            line: anchor.raw.line,
            col: anchor.raw.col,
        };
        centres.extend(self.doc.and_then(|d| d.clean_offset_near(raw)));
        centres.extend(self.context_hits(anchor));
        centres.sort_unstable();
        centres.dedup();
        let reach = anchor.exact().len() * 2 + 256;
        let mut best: Option<(TextSpan, f32)> = None;
        for centre in centres {
            if let Some(found) = self.fuzzy_window(&quote, centre, reach)
                && best.is_none_or(|(_, s)| found.1 > s)
            {
                best = Some(found);
            }
        }
        best.filter(|(_, score)| *score >= FUZZY_THRESHOLD)
    }

    fn context_hits(&self, anchor: &Anchor) -> Vec<usize> {
        let text = self.text;
        let mut hits = Vec::new();
        let prefix_tail = last_chars(&anchor.quote.prefix, 12);
        if prefix_tail.chars().count() >= 4 {
            let found = memmem::find_iter(text.as_bytes(), prefix_tail.as_bytes());
            hits.extend(found.take(4).map(|i| i + prefix_tail.len()));
        }
        let suffix_head = first_chars(&anchor.quote.suffix, 12);
        if suffix_head.chars().count() >= 4 {
            let back = anchor.exact().len();
            let found = memmem::find_iter(text.as_bytes(), suffix_head.as_bytes());
            hits.extend(found.take(4).map(|i| i.saturating_sub(back)));
        }
        hits
    }

    fn fuzzy_window(&self, quote: &[char], centre: usize, reach: usize) -> Option<(TextSpan, f32)> {
        let text = self.text;
        let lo = floor_boundary(text, centre.saturating_sub(reach));
        let hi = ceil_boundary(text, centre.saturating_add(reach));
        let window: Vec<(usize, char)> = text.get(lo..hi)?.char_indices().collect();
        let chars: Vec<char> = window.iter().map(|&(_, c)| c).collect();
        let byte_at = |i: usize| window.get(i).map_or(hi, |&(b, _)| lo + b);
        if quote.len() <= FUZZY_PIECE_CHARS * 2 {
            let (s, e, dist) = fuzzy::best_match(quote, &chars)?;
            let score = similarity(dist, quote.len());
            return Some((TextSpan::new(byte_at(s), byte_at(e)), score));
        }
        // A long passage: find its head and its tail, and keep the span between them.
        let head = quote.get(..FUZZY_PIECE_CHARS)?;
        let tail = quote.get(quote.len() - FUZZY_PIECE_CHARS..)?;
        let (s, _, head_dist) = fuzzy::best_match(head, &chars)?;
        let (_, e, tail_dist) = fuzzy::best_match(tail, chars.get(s..)?)?;
        let e = s + e;
        let length_ratio = (e - s) as f32 / quote.len() as f32;
        if !(0.75..=1.25).contains(&length_ratio) {
            return None;
        }
        let score = similarity(head_dist + tail_dist, FUZZY_PIECE_CHARS * 2);
        Some((TextSpan::new(byte_at(s), byte_at(e)), score))
    }
}

fn similarity(dist: usize, len: usize) -> f32 {
    1.0 - dist as f32 / len.max(1) as f32
}

fn is_short(exact: &str) -> bool {
    exact.chars().nth(SHORT_QUOTE_CHARS - 1).is_none()
}

/// Share of the stored prefix and suffix characters that still surround `span`.
pub fn context_ratio(anchor: &Anchor, text: &str, span: TextSpan) -> f32 {
    let prefix = &anchor.quote.prefix;
    let suffix = &anchor.quote.suffix;
    let total = prefix.chars().count() + suffix.chars().count();
    if total == 0 {
        return 1.0;
    }
    let before = text.get(..span.start()).unwrap_or_default();
    let after = text.get(span.end()..).unwrap_or_default();
    let matched_prefix = prefix
        .chars()
        .rev()
        .zip(before.chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let matched_suffix = suffix
        .chars()
        .zip(after.chars())
        .take_while(|(a, b)| a == b)
        .count();
    (matched_prefix + matched_suffix) as f32 / total as f32
}

fn shifted(start: usize, shift: isize, len: usize) -> usize {
    start.saturating_add_signed(shift).min(len)
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn last_chars(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    s.get(start..).unwrap_or_default()
}

fn first_chars(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    s.get(..end).unwrap_or_default()
}
