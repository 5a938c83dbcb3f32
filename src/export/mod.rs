//! Exporters: Markdown, CSV, W3C Web Annotation JSON (+ import), HTML. Pure renderers: they
//! take prepared [`ExportDocument`]s and return text; the caller writes it.

pub mod csv;
pub mod entry;
pub mod html;
pub mod markdown;
pub mod w3c;
pub mod w3c_import;

pub use entry::{ExportDocument, ExportEntry, collect, file_iri};

/// The export formats of `pangzhu export --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Csv,
    W3cJson,
    Html,
}

impl Format {
    /// `md`, `csv`, `json`, `html`.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "md" | "markdown" => Some(Self::Markdown),
            "csv" => Some(Self::Csv),
            "json" => Some(Self::W3cJson),
            "html" => Some(Self::Html),
            _ => None,
        }
    }
}

pub fn render(format: Format, documents: &[ExportDocument]) -> String {
    match format {
        Format::Markdown => markdown::render(documents),
        Format::Csv => csv::render(documents),
        Format::W3cJson => w3c::render_string(documents),
        Format::Html => html::render(documents),
    }
}
