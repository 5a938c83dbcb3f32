//! What a cleaned document is made of: blocks and their kinds, and what the cleanup set
//! aside (dropped artifacts) or warns about.

use serde::Serialize;

use crate::span::TextSpan;

/// What a block of cleaned text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Title,
    Byline,
    Meta,
    Heading,
    Paragraph,
    Caption,
    Toc,
    Note,
    /// A code listing or command transcript: line breaks and indentation kept.
    Code,
    /// A table: one row per line, cells separated by a tab.
    Table,
    /// A list item (`•`, `-`, `1.`, `（一）` …).
    List,
    /// A margin note or side column, set beside the paragraph it stands next to.
    Margin,
    /// Text drawn inside a figure, diagram or typeset example (`ABCDEabcde`, `x`, axis
    /// labels): short fragments in a Chinese document that are neither prose nor a heading.
    Figure,
}

impl BlockKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Byline => "byline",
            Self::Meta => "meta",
            Self::Heading => "heading",
            Self::Paragraph => "paragraph",
            Self::Caption => "caption",
            Self::Toc => "toc",
            Self::Note => "note",
            Self::Code => "code",
            Self::Table => "table",
            Self::List => "list",
            Self::Margin => "margin",
            Self::Figure => "figure",
        }
    }

    /// Body text a reader reads in sequence (not notes, furniture-like or front matter).
    pub fn is_body(self) -> bool {
        matches!(self, Self::Paragraph | Self::Heading)
    }
}

/// One block of cleaned text, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    pub id: usize,
    pub kind: BlockKind,
    /// Heading level, 1 = top; only for headings.
    pub level: Option<u8>,
    /// Where the block's text lies in [`Document::text`].
    pub span: TextSpan,
    /// First and last raw line (1-based) the block's text came from.
    pub first_line: u32,
    pub last_line: u32,
    /// Metadata label (`关键词`), a note's number as written (`[1]`, `①`), or a ToC page.
    pub label: Option<String>,
    /// Index of the article the block belongs to (a newspaper page holds several).
    pub article: u32,
    /// Page (1-based) the block starts on, where the source has pages (PDF, or text with the
    /// form feeds pdftotext writes); filled in by [`Document`], not by the cleanup.
    pub page: Option<u32>,
}

/// Kinds of text the cleanup set aside instead of showing it as body text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArtifactKind {
    PageNumber,
    RunningHeader,
    Stamp,
    EditorLine,
    DuplicateRun,
    Markdown,
    TocLeader,
    ControlChar,
    Decoration,
}

impl ArtifactKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PageNumber => "page_number",
            Self::RunningHeader => "running_header",
            Self::Stamp => "stamp",
            Self::EditorLine => "editor_line",
            Self::DuplicateRun => "duplicate_run",
            Self::Markdown => "markdown",
            Self::TocLeader => "toc_leader",
            Self::ControlChar => "control_char",
            Self::Decoration => "decoration",
        }
    }
}

/// Text removed by the cleanup, with where it was: nothing is lost silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DroppedArtifact {
    pub kind: ArtifactKind,
    pub line: u32,
    pub text: String,
    /// Byte range in the raw text.
    #[serde(skip)]
    pub raw_span: TextSpan,
}

/// Something the cleanup could not fix but the reader should know about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CleanupWarning {
    pub line: u32,
    pub message: String,
}
