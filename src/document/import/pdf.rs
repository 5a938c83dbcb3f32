//! PDF through poppler's command-line tools, run as subprocesses with a timeout.
//!
//! poppler (GPL) is never linked: `pdfinfo`, `pdftotext`, `pdftohtml` and `pdftoppm` run as
//! separate programs behind the small [`PdfBackend`] trait, so another backend can be added.
//! The text is pdftotext's reading-order text (pages end with a form feed), cleaned by the same
//! rules as a text file; `pdftohtml -xml` adds what text never had: font sizes and positions,
//! from which raised, smaller footnote markers are found.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::{ImportError, Imported};

mod boxes;
mod geometry;
mod poppler;

pub use geometry::{PageRuns, TextRun, first_page_title, superscript_markers};
pub use poppler::{Poppler, run_tool};

/// Pages beyond this are refused: a document that large is almost surely not one to read.
pub const MAX_PAGES: u32 = 5000;

#[derive(Debug, Error)]
pub enum PdfError {
    #[error(
        "`{tool}` was not found: install the Debian packages poppler-utils and poppler-data (apt-get install poppler-utils poppler-data) to open PDFs"
    )]
    ToolMissing { tool: &'static str },
    #[error(
        "the PDF is encrypted (password protected); open it in a PDF viewer and save an unprotected copy"
    )]
    Encrypted,
    #[error("the PDF is damaged or not a PDF ({0})")]
    Damaged(String),
    #[error("the PDF has {0} pages; at most {MAX_PAGES} are opened")]
    TooManyPages(u32),
    #[error(
        "no page has a text layer (a scanned document?); OCR is not done, run an OCR tool such as ocrmypdf first"
    )]
    NoText,
    #[error("`{tool}` did not finish within {secs} s and was stopped")]
    Timeout { tool: &'static str, secs: u64 },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// What `pdfinfo` tells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfInfo {
    pub pages: u32,
    pub encrypted: bool,
    pub title: Option<String>,
}

/// A PDF reader. [`Poppler`] is the one there is.
pub trait PdfBackend {
    fn info(&self, file: &Path) -> Result<PdfInfo, PdfError>;
    /// Reading-order text of all `pages` pages, each ended by a form feed.
    fn text(&self, file: &Path, pages: u32) -> Result<String, PdfError>;
    /// Text runs with positions and font sizes, per page.
    fn runs(&self, file: &Path, pages: u32) -> Result<Vec<PageRuns>, PdfError>;
    /// Word boxes of every page, as pdftotext's `-bbox-layout` XHTML.
    fn word_boxes(&self, file: &Path, pages: u32) -> Result<String, PdfError>;
    /// Render page `page` (1-based) as a PNG at `dpi` into `out`.
    fn render(&self, file: &Path, page: u32, dpi: u32, out: &Path) -> Result<(), PdfError>;
}

/// Import a PDF given as bytes (written to a temporary file for the tools to read).
pub fn import(path: &Path, bytes: &[u8]) -> Result<Imported, ImportError> {
    let wrap = |source| ImportError::Pdf {
        path: path.to_owned(),
        source,
    };
    let tmp = tempfile::Builder::new()
        .prefix(".pangzhu-pdf-")
        .suffix(".pdf")
        .tempfile()
        .map_err(|e| wrap(e.into()))?;
    std::fs::write(tmp.path(), bytes).map_err(|e| wrap(e.into()))?;
    import_with(&Poppler::default(), tmp.path()).map_err(wrap)
}

/// Import a PDF file with a backend: text, per-page checks, superscript markers.
pub fn import_with(backend: &(dyn PdfBackend + Sync), file: &Path) -> Result<Imported, PdfError> {
    let info = backend.info(file)?;
    if info.pages > MAX_PAGES {
        return Err(PdfError::TooManyPages(info.pages));
    }
    let n = info.pages;
    // The three programs read the file independently: run them side by side.
    let (text, runs, boxes) = std::thread::scope(|s| {
        let runs = s.spawn(|| backend.runs(file, n));
        let boxes = s.spawn(|| backend.word_boxes(file, n));
        let text = backend.text(file, n);
        (text, runs.join(), boxes.join())
    });
    let text = text?;
    let report = check_pages(&text);
    if report.readable == 0 {
        return Err(PdfError::NoText);
    }
    // Geometry is a bonus: without it the text rules still find the markers.
    let runs = runs.ok().and_then(Result::ok).unwrap_or_default();
    let superscripts = superscript_markers(&text, &runs);
    let title = first_page_title(&runs).or(info.title);
    let geometry = boxes
        .ok()
        .and_then(Result::ok)
        .map(|xhtml| boxes::geometry(&text, &xhtml));
    let page_warnings = report
        .problems
        .iter()
        .map(|&(page, what)| (page, format!("page {page}: {what}")))
        .collect();
    Ok(Imported::Text {
        text,
        encoding: "PDF (pdftotext, UTF-8)".to_owned(),
        superscripts,
        page_warnings,
        geometry,
        title,
    })
}

/// Pages whose text the reader cannot use.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PageReport {
    pub readable: u32,
    /// (page, what is wrong)
    pub problems: Vec<(u32, &'static str)>,
}

/// Find pages with no text, or whose text is mostly U+FFFD or private-use characters.
pub fn check_pages(text: &str) -> PageReport {
    let mut report = PageReport::default();
    let body = text.strip_suffix('\u{c}').unwrap_or(text);
    for (i, page) in body.split('\u{c}').enumerate() {
        let n = i as u32 + 1;
        let mut visible = 0usize;
        let mut unreadable = 0usize;
        for c in page.chars().filter(|c| !c.is_whitespace()) {
            visible += 1;
            if c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c) {
                unreadable += 1;
            }
        }
        if visible == 0 {
            report.problems.push((
                n,
                "no text layer (a scanned page or an image?); OCR is not done",
            ));
        } else if unreadable * 2 > visible {
            report
                .problems
                .push((n, "the fonts carry no readable text; OCR is not done"));
        } else {
            report.readable += 1;
        }
    }
    report
}

/// The file a page image is cached under: one folder per PDF content hash.
pub fn page_image_path(cache: &Path, pdf_hash: &str, page: u32, dpi: u32) -> PathBuf {
    cache.join(pdf_hash).join(format!("p{page:05}-{dpi}.png"))
}

/// Render a page once into the cache (`cache/<hash>/pNNNNN-DPI.png`) and return the PNG's path;
/// a page already there is not rendered again. Written to a temporary name first, so an
/// interrupted render never leaves half a PNG under the final name.
pub fn render_cached(
    backend: &dyn PdfBackend,
    pdf: &Path,
    pdf_hash: &str,
    page: u32,
    dpi: u32,
    cache: &Path,
) -> Result<PathBuf, PdfError> {
    let target = page_image_path(cache, pdf_hash, page, dpi);
    if target.is_file() {
        return Ok(target);
    }
    let dir = target.parent().unwrap_or(cache);
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".p{page:05}-{dpi}-{}.png", std::process::id()));
    backend.render(pdf, page, dpi, &tmp)?;
    std::fs::rename(&tmp, &target)?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A backend that answers from memory, for the rules above poppler.
    struct Fake {
        pages: u32,
        text: &'static str,
    }

    impl PdfBackend for Fake {
        fn info(&self, _: &Path) -> Result<PdfInfo, PdfError> {
            Ok(PdfInfo {
                pages: self.pages,
                ..PdfInfo::default()
            })
        }
        fn text(&self, _: &Path, _: u32) -> Result<String, PdfError> {
            Ok(self.text.to_owned())
        }
        fn runs(&self, _: &Path, _: u32) -> Result<Vec<PageRuns>, PdfError> {
            Err(PdfError::Damaged("no runs".into()))
        }
        fn word_boxes(&self, _: &Path, _: u32) -> Result<String, PdfError> {
            Err(PdfError::Damaged("no boxes".into()))
        }
        fn render(&self, _: &Path, _: u32, _: u32, _: &Path) -> Result<(), PdfError> {
            Ok(())
        }
    }

    #[test]
    fn huge_and_unreadable_pdfs() {
        let p = Path::new("x.pdf");
        let huge = Fake {
            pages: 6000,
            text: "",
        };
        assert!(matches!(
            import_with(&huge, p),
            Err(PdfError::TooManyPages(6000))
        ));
        let blank = Fake {
            pages: 2,
            text: "\u{c}\u{c}",
        };
        assert!(matches!(import_with(&blank, p), Err(PdfError::NoText)));
        let mixed = Fake {
            pages: 3,
            text: "正文第一页\u{c}\u{FFFD}\u{FFFD}\u{FFFD}\u{c}第三页\u{c}",
        };
        let Ok(Imported::Text {
            page_warnings,
            geometry,
            ..
        }) = import_with(&mixed, p)
        else {
            panic!("the readable pages open");
        };
        assert_eq!(page_warnings.len(), 1);
        assert_eq!(page_warnings[0].0, 2);
        assert!(
            page_warnings[0]
                .1
                .contains("page 2: the fonts carry no readable text; OCR is not done")
        );
        assert!(
            geometry.is_none(),
            "no geometry without boxes; the text still opens"
        );
    }

    #[test]
    fn unreadable_pages_are_found() {
        let text = "第一页正文\u{c}\u{c}\u{FFFD}\u{FFFD}\u{E001}a\u{c}";
        let r = check_pages(text);
        assert_eq!(r.readable, 1);
        assert_eq!(r.problems.len(), 2);
        assert_eq!(r.problems[0].0, 2);
        assert!(r.problems[1].1.contains("no readable text"));
    }
}
