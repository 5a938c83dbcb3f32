//! What every exporter renders: one document's annotations, resolved and located, in order.

use crate::annotation::{
    Annotation, AnnotationId, AnnotationSet, Colour, Resolution, Status, TextQuote, Timestamp,
};
use crate::document::{BlockKind, Document};

/// One annotation ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportEntry {
    pub id: AnnotationId,
    pub status: Status,
    pub quote: TextQuote,
    /// Tag paths (`主题/教育`), sorted.
    pub tags: Vec<String>,
    /// The colour of each tag in `tags`, in the same order.
    pub tag_colours: Vec<Colour>,
    pub note: Option<String>,
    /// Raw line and column (1-based) of the start: current if found, last known if orphaned.
    pub line: u32,
    pub col: u32,
    /// Headings above the passage, outermost first.
    pub headings: Vec<String>,
    /// Code-point offsets in the cleaned text (W3C `TextPositionSelector`); `None` for orphans.
    pub position: Option<(usize, usize)>,
    /// Page (1-based) of the start, for documents with pages (PDF).
    pub page: Option<u32>,
    pub created: Timestamp,
    pub modified: Timestamp,
}

/// One document's part of an export.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportDocument {
    /// The document path as the user gave it.
    pub source: String,
    /// An absolute `file://` IRI for the W3C target.
    pub source_uri: String,
    pub title: Option<String>,
    pub entries: Vec<ExportEntry>,
}

/// Prepare `set` (already re-anchored against `doc`) for export; `tag` keeps only annotations
/// with that tag path or a child of it.
pub fn collect(
    doc: &Document,
    set: &AnnotationSet,
    source_uri: &str,
    tag: Option<&str>,
) -> ExportDocument {
    let wanted = tag.map(|path| set.tags().find_path(path).map(|t| t.id.clone()));
    let mut chosen: Vec<(&Annotation, Resolution)> = set
        .sorted()
        .into_iter()
        .filter(|a| match &wanted {
            None => true,
            Some(None) => false,
            Some(Some(t)) => a.tags.iter().any(|id| set.tags().is_within(id, t)),
        })
        .map(|a| (a, set.resolution(&a.id)))
        .collect();
    chosen.sort_by_key(|(a, r)| {
        (
            r.span().map_or(a.anchor.span.start(), |s| s.start()),
            a.sort_key(),
        )
    });
    let headings = HeadingIndex::new(doc);
    let mut chars = CharCounter::new(doc.text());
    let entries = chosen
        .into_iter()
        .map(|(a, resolution)| {
            let span = resolution.span();
            let (line, col) = span
                .and_then(|s| doc.raw_pos(s.start()))
                .map_or((a.anchor.raw.line, a.anchor.raw.col), |p| (p.line, p.col));
            let mut tagged: Vec<(String, Colour)> = a
                .tags
                .iter()
                .filter_map(|t| Some((set.tags().path(t), set.tags().get(t)?.colour)))
                .filter(|(path, _)| !path.is_empty())
                .collect();
            tagged.sort();
            let (tags, tag_colours) = tagged.into_iter().unzip();
            ExportEntry {
                id: a.id.clone(),
                status: resolution.status(),
                quote: a.anchor.quote.clone(),
                tags,
                tag_colours,
                note: a.note.clone(),
                line,
                col,
                headings: span
                    .map(|s| headings.path_at(s.start()))
                    .unwrap_or_default(),
                position: span.and_then(|s| Some((chars.at(s.start())?, chars.at(s.end())?))),
                page: span.map_or_else(|| doc.page_of_line(line), |s| doc.page_of(s.start())),
                created: a.created.clone(),
                modified: a.modified.clone(),
            }
        })
        .collect();
    ExportDocument {
        source: doc.source().to_owned(),
        source_uri: source_uri.to_owned(),
        title: doc.title().map(str::to_owned),
        entries,
    }
}

/// A `file://` IRI for an absolute path; characters an IRI cannot hold are percent-encoded,
/// Chinese file names stay readable.
pub fn file_iri(absolute: &str) -> String {
    let mut out = String::from("file://");
    if !absolute.starts_with('/') {
        out.push('/');
    }
    for ch in absolute.chars() {
        match ch {
            '\\' => out.push('/'),
            c if c.is_whitespace() || c.is_control() || "\"<>^`{|}%#?[]".contains(c) => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Byte → code-point offsets, counted forward once for offsets given in increasing order.
struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            byte: 0,
            chars: 0,
        }
    }

    fn at(&mut self, byte: usize) -> Option<usize> {
        if byte < self.byte {
            self.chars -= self.text.get(byte..self.byte)?.chars().count();
        } else {
            self.chars += self.text.get(self.byte..byte)?.chars().count();
        }
        self.byte = byte;
        Some(self.chars)
    }
}

/// Heading paths by position.
struct HeadingIndex {
    /// (block start, the heading path in force from there).
    marks: Vec<(usize, Vec<String>)>,
}

impl HeadingIndex {
    fn new(doc: &Document) -> Self {
        let mut stack: Vec<(u8, String)> = Vec::new();
        let mut marks = Vec::new();
        for block in doc.blocks().iter().filter(|b| b.kind == BlockKind::Heading) {
            let level = block.level.unwrap_or(1);
            stack.retain(|(l, _)| *l < level);
            stack.push((level, doc.block_text(block).trim().to_owned()));
            marks.push((
                block.span.start(),
                stack.iter().map(|(_, t)| t.clone()).collect(),
            ));
        }
        Self { marks }
    }

    fn path_at(&self, offset: usize) -> Vec<String> {
        let idx = self.marks.partition_point(|(start, _)| *start <= offset);
        idx.checked_sub(1)
            .and_then(|i| self.marks.get(i))
            .map(|(_, path)| path.clone())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris_keep_chinese_and_encode_spaces() {
        assert_eq!(
            file_iri("/文档/my report.txt"),
            "file:///文档/my%20report.txt"
        );
        assert_eq!(file_iri("C:\\a\\b.txt"), "file:///C:/a/b.txt");
    }

    #[test]
    fn char_counter_counts_code_points() {
        let mut c = CharCounter::new("中文ab字");
        assert_eq!(c.at(6), Some(2));
        assert_eq!(c.at(8), Some(4));
        assert_eq!(c.at(3), Some(1));
        assert_eq!(c.at(4), None);
    }
}
