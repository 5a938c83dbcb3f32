//! PDF through poppler's command-line tools, run as subprocesses with a timeout.
//!
//! poppler (GPL) is never linked: `pdfinfo`, `pdftotext`, `pdftohtml` and `pdftoppm` run as
//! separate programs behind the small [`PdfBackend`] trait, so another backend can be added.
//! The text is pdftotext's reading-order text (pages end with a form feed), cleaned by the same
//! rules as a text file; `pdftohtml -xml` adds what text never had: font sizes and positions,
//! from which raised, smaller footnote markers are found.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use thiserror::Error;

use super::{ImportError, Imported};

mod boxes;
mod geometry;

pub use geometry::{PageRuns, TextRun, first_page_title, superscript_markers};

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

/// poppler-utils' programs on the PATH.
#[derive(Debug, Clone)]
pub struct Poppler {
    /// Time one program may take; scaled by the page count for whole-document runs.
    pub timeout: Duration,
}

impl Default for Poppler {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(60),
        }
    }
}

impl Poppler {
    fn run(
        &self,
        tool: &'static str,
        args: &[&str],
        timeout: Duration,
    ) -> Result<Vec<u8>, PdfError> {
        run_tool(tool, args, timeout)
    }

    fn scaled(&self, pages: u32) -> Duration {
        self.timeout + Duration::from_millis(200) * pages
    }
}

/// Run a program to completion within `timeout`, returning its standard output; a program
/// still running then is killed (a hanging poppler on a hostile file must not hang the app).
pub fn run_tool(tool: &'static str, args: &[&str], timeout: Duration) -> Result<Vec<u8>, PdfError> {
    let mut child = match Command::new(tool)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(PdfError::ToolMissing { tool });
        }
        Err(e) => return Err(e.into()),
    };
    // Read both pipes on their own threads so a full pipe never stalls the child.
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = s.read_to_end(&mut buf);
        }
        buf
    });
    let err = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stderr.as_mut() {
            let _ = s.read_to_end(&mut buf);
        }
        buf
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Err(PdfError::Timeout {
                tool,
                secs: timeout.as_secs(),
            });
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stdout = out.join().unwrap_or_default();
    let stderr = String::from_utf8_lossy(&err.join().unwrap_or_default()).into_owned();
    if status.success() {
        return Ok(stdout);
    }
    Err(classify_failure(&stderr))
}

fn classify_failure(stderr: &str) -> PdfError {
    let lower = stderr.to_ascii_lowercase();
    if lower.contains("incorrect password") || lower.contains("encrypted") {
        return PdfError::Encrypted;
    }
    let first = stderr
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("poppler could not read it")
        .trim()
        .to_owned();
    PdfError::Damaged(first)
}

impl PdfBackend for Poppler {
    fn info(&self, file: &Path) -> Result<PdfInfo, PdfError> {
        let out = self.run("pdfinfo", &["-enc", "UTF-8", &path_arg(file)], self.timeout)?;
        Ok(parse_info(&String::from_utf8_lossy(&out)))
    }

    fn text(&self, file: &Path, pages: u32) -> Result<String, PdfError> {
        let out = self.run(
            "pdftotext",
            &["-enc", "UTF-8", &path_arg(file), "-"],
            self.scaled(pages),
        )?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    fn runs(&self, file: &Path, pages: u32) -> Result<Vec<PageRuns>, PdfError> {
        let out = self.run(
            "pdftohtml",
            &["-xml", "-i", "-q", "-nodrm", "-stdout", &path_arg(file)],
            self.scaled(pages),
        )?;
        Ok(geometry::parse_xml(&String::from_utf8_lossy(&out)))
    }

    fn word_boxes(&self, file: &Path, pages: u32) -> Result<String, PdfError> {
        let out = self.run(
            "pdftotext",
            &["-bbox-layout", "-enc", "UTF-8", &path_arg(file), "-"],
            self.scaled(pages),
        )?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    fn render(&self, file: &Path, page: u32, dpi: u32, out: &Path) -> Result<(), PdfError> {
        let page = page.to_string();
        let dpi = dpi.to_string();
        // pdftoppm appends `.png` to the root it is given.
        let root = out.with_extension("");
        self.run(
            "pdftoppm",
            &[
                "-png",
                "-singlefile",
                "-f",
                &page,
                "-l",
                &page,
                "-r",
                &dpi,
                &path_arg(file),
                &path_arg(&root),
            ],
            self.timeout,
        )?;
        Ok(())
    }
}

fn path_arg(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn parse_info(out: &str) -> PdfInfo {
    let mut info = PdfInfo::default();
    for line in out.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match key.trim() {
            "Pages" => info.pages = value.parse().unwrap_or(0),
            "Encrypted" => info.encrypted = value.starts_with("yes"),
            "Title" if !value.is_empty() => info.title = Some(value.to_owned()),
            _ => {}
        }
    }
    info
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

    #[test]
    fn a_hanging_tool_is_stopped() {
        let started = Instant::now();
        let err = run_tool("sleep", &["5"], Duration::from_millis(200));
        assert!(
            matches!(err, Err(PdfError::Timeout { tool: "sleep", .. })),
            "{err:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(3));
        assert!(matches!(
            run_tool("pangzhu-no-such-tool", &[], Duration::from_secs(1)),
            Err(PdfError::ToolMissing { .. })
        ));
    }

    #[test]
    fn info_is_parsed() {
        let info =
            parse_info("Title:          一份简短的介绍\nPages:          139\nEncrypted:      no\n");
        assert_eq!(info.pages, 139);
        assert!(!info.encrypted);
        assert_eq!(info.title.as_deref(), Some("一份简短的介绍"));
        assert!(parse_info("Encrypted: yes (print:no)").encrypted);
    }

    #[test]
    fn failures_are_told_apart() {
        assert!(matches!(
            classify_failure("Command Line Error: Incorrect password\n"),
            PdfError::Encrypted
        ));
        let e = classify_failure("Syntax Error: Couldn't find trailer dictionary\n");
        assert!(e.to_string().contains("damaged"), "{e}");
    }

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
