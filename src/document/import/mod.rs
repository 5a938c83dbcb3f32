//! Reading a file of any supported format into what [`crate::document::Document`] is built from.
//!
//! One file per format. A format either yields *text to clean* (plain text, and PDF through
//! poppler's `pdftotext`, whose output has the same artifacts as a text file a user extracted
//! themselves) or *structured text* (HTML, EPUB, DOCX: blocks already known, see
//! [`structured`]). Nothing above this module asks which format a document came from.

pub mod docx;
pub mod epub;
pub mod html;
pub mod pdf;
pub mod structured;
pub mod text;
pub mod zipsafe;

use std::path::{Path, PathBuf};

use thiserror::Error;

pub use structured::{StructuredBlock, StructuredText};
pub use text::{Decoded, decode, read_file};

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("{path}: cannot read file: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: the file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: this looks like a binary file ({what}), not text")]
    Binary { path: PathBuf, what: String },
    #[error("{path}: {source}")]
    Pdf {
        path: PathBuf,
        #[source]
        source: pdf::PdfError,
    },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
}

impl ImportError {
    pub fn format(path: &Path, message: impl Into<String>) -> Self {
        Self::Format {
            path: path.to_owned(),
            message: message.into(),
        }
    }
}

/// The formats Pangzhu opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Pdf,
    Epub,
    Html,
    Docx,
}

impl Format {
    /// File-name extensions of every supported format (the open dialog's filter).
    pub const EXTENSIONS: &[&str] = &[
        "txt", "text", "md", "pdf", "epub", "html", "htm", "xhtml", "docx",
    ];

    /// The format by content first (magic bytes), the file name second.
    pub fn detect(path: &Path, bytes: &[u8]) -> Self {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        if bytes.starts_with(b"%PDF-") || (ext == "pdf" && find_pdf_header(bytes)) {
            return Self::Pdf;
        }
        if bytes.starts_with(b"PK\x03\x04") {
            // An EPUB's first entry is the uncompressed `mimetype` file.
            if bytes.get(30..58) == Some(b"mimetypeapplication/epub+zip".as_slice())
                || ext == "epub"
            {
                return Self::Epub;
            }
            if ext == "docx" || memchr::memmem::find(bytes, b"word/").is_some() {
                return Self::Docx;
            }
        }
        // An encrypted .docx is an OLE file: the DOCX importer names the problem.
        if bytes.starts_with(b"\xD0\xCF\x11\xE0") && matches!(ext.as_str(), "docx" | "doc") {
            return Self::Docx;
        }
        if matches!(ext.as_str(), "html" | "htm" | "xhtml") || looks_like_html(bytes) {
            return Self::Html;
        }
        Self::Text
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Pdf => "PDF",
            Self::Epub => "EPUB",
            Self::Html => "HTML",
            Self::Docx => "DOCX",
        }
    }
}

/// Some PDFs carry junk before the header; readers accept it within the first KiB.
fn find_pdf_header(bytes: &[u8]) -> bool {
    memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some()
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF)
        .unwrap_or(head.len());
    let head = head[start..].to_ascii_lowercase();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

/// What an importer hands to the document builder.
#[derive(Debug)]
pub enum Imported {
    /// Text with PDF-extraction artifacts, for the cleanup pipeline. `encoding` names where it
    /// came from (`UTF-8`, `GBK`, `PDF (pdftotext)`).
    Text {
        text: String,
        encoding: String,
        /// Raw byte ranges the source showed as raised, smaller glyphs (a PDF's superscript
        /// footnote markers): evidence for the footnote extractor, empty for plain text.
        superscripts: Vec<std::ops::Range<usize>>,
        /// Pages the reader cannot use (no text layer, unreadable fonts): (page, message).
        page_warnings: Vec<(u32, String)>,
        /// Where the raw text lies on the source's pages (PDF), for the page view.
        geometry: Option<crate::document::pages::PageGeometry>,
        /// The source's own title (a PDF's title page or metadata), used when the text shows
        /// no title block.
        title: Option<String>,
    },
    /// Blocks known from the file's own structure.
    Structured(StructuredText),
}

/// Read `bytes` (the content of `path`) in whatever supported format they are.
pub fn import(path: &Path, bytes: &[u8]) -> Result<Imported, ImportError> {
    match Format::detect(path, bytes) {
        Format::Text => {
            let decoded = decode(path, bytes)?;
            Ok(Imported::Text {
                text: decoded.text,
                encoding: decoded.encoding.to_owned(),
                superscripts: Vec::new(),
                page_warnings: Vec::new(),
                geometry: None,
                title: None,
            })
        }
        Format::Pdf => pdf::import(path, bytes),
        Format::Epub => epub::import(path, bytes),
        Format::Html => html::import(path, bytes),
        Format::Docx => docx::import(path, bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_content_then_name() {
        let p = Path::new;
        assert_eq!(Format::detect(p("a.txt"), b"%PDF-1.7\n"), Format::Pdf);
        assert_eq!(Format::detect(p("a.bin"), b"%PDF-1.4"), Format::Pdf);
        assert_eq!(Format::detect(p("a.txt"), "中文".as_bytes()), Format::Text);
        assert_eq!(
            Format::detect(p("a"), b"  <!DOCTYPE html><html>"),
            Format::Html
        );
        assert_eq!(Format::detect(p("a.HTM"), b"<p>x"), Format::Html);
        let mut epub = b"PK\x03\x04".to_vec();
        epub.resize(30, 0);
        epub.extend_from_slice(b"mimetypeapplication/epub+zip");
        assert_eq!(Format::detect(p("book.zip"), &epub), Format::Epub);
        assert_eq!(Format::detect(p("a.docx"), b"PK\x03\x04...."), Format::Docx);
    }
}
