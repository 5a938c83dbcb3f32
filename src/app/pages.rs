//! Page images for documents that have pages on paper (PDF): rendered by poppler in a
//! background job, cached on disk by content hash, decoded here into RGBA for the UI.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::DocumentId;
use super::jobs::{JobOutput, Jobs};
use crate::document::import::pdf::{self, Poppler};

/// Resolution of the page view: sharp enough for CJK at a reading width, ~1 MB a page.
pub const PAGE_DPI: u32 = 110;

/// A decoded page image (RGBA, unmultiplied).
#[derive(Debug)]
pub struct PageImage {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

#[derive(Debug, Clone)]
pub enum PageState {
    Rendering,
    Ready(Arc<PageImage>),
    Failed(String),
}

/// Every page image asked for, by document and page.
#[derive(Debug, Default)]
pub struct PageImages {
    pages: BTreeMap<(DocumentId, u32), PageState>,
}

impl PageImages {
    pub fn get(&self, doc: DocumentId, page: u32) -> Option<&PageState> {
        self.pages.get(&(doc, page))
    }

    /// Start rendering a page unless it is rendering or rendered.
    pub fn request(
        &mut self,
        jobs: &mut Jobs,
        doc: DocumentId,
        pdf_path: &Path,
        pdf_hash: &str,
        page: u32,
    ) {
        if self.pages.contains_key(&(doc, page)) {
            return;
        }
        self.pages.insert((doc, page), PageState::Rendering);
        let (path, hash) = (pdf_path.to_owned(), pdf_hash.to_owned());
        jobs.spawn("page", format!("page {page}"), move |_| {
            let result = render_and_decode(&path, &hash, page).map(Arc::new);
            JobOutput::PageImage { doc, page, result }
        });
    }

    pub fn finished(&mut self, doc: DocumentId, page: u32, result: Result<Arc<PageImage>, String>) {
        let state = match result {
            Ok(image) => PageState::Ready(image),
            Err(e) => PageState::Failed(e),
        };
        self.pages.insert((doc, page), state);
    }

    /// Drop a closed or reloaded document's pages.
    pub fn forget(&mut self, doc: DocumentId) {
        self.pages.retain(|(d, _), _| *d != doc);
    }
}

fn cache_dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "pangzhu").map_or_else(
        || std::env::temp_dir().join("pangzhu-pages"),
        |p| p.cache_dir().join("pages"),
    )
}

fn render_and_decode(pdf_path: &Path, hash: &str, page: u32) -> Result<PageImage, String> {
    let png = pdf::render_cached(
        &Poppler::default(),
        pdf_path,
        hash,
        page,
        PAGE_DPI,
        &cache_dir(),
    )
    .map_err(|e| format!("page {page}: {e}"))?;
    decode_png(&png).map_err(|e| format!("{}: {e}", png.display()))
}

/// Decode a PNG into RGBA8, whatever its colour type.
pub fn decode_png(path: &Path) -> Result<PageImage, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| "image too large".to_owned())?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    buf.truncate(info.buffer_size());
    let px = (info.width * info.height) as usize;
    let rgba = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::Rgb => buf
            .chunks_exact(3)
            .flat_map(|c| [c[0], c[1], c[2], 255])
            .collect(),
        png::ColorType::Grayscale => buf.iter().flat_map(|&g| [g, g, g, 255]).collect(),
        png::ColorType::GrayscaleAlpha => buf
            .chunks_exact(2)
            .flat_map(|c| [c[0], c[0], c[0], c[1]])
            .collect(),
        png::ColorType::Indexed => return Err("indexed PNG was not expanded".to_owned()),
    };
    if rgba.len() != px * 4 {
        return Err("unexpected PNG layout".to_owned());
    }
    Ok(PageImage {
        width: info.width,
        height: info.height,
        rgba,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rendered_page_decodes_to_rgba() {
        let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pdf/tlmgr-p1-2.pdf");
        let cache = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let png = pdf::render_cached(&Poppler::default(), &pdf, "h", 2, 30, cache.path())
            .unwrap_or_else(|e| panic!("{e}"));
        let img = decode_png(&png).unwrap_or_else(|e| panic!("{e}"));
        // A4 at 30 dpi: about 248 × 351 pixels.
        assert!((240..=260).contains(&img.width), "{}", img.width);
        assert!(img.height > img.width);
        assert_eq!(img.rgba.len(), (img.width * img.height * 4) as usize);
        // Text makes some pixels dark.
        assert!(img.rgba.chunks_exact(4).any(|p| p[0] < 100));
        // The second call reads the cache.
        let again = pdf::render_cached(&Poppler::default(), &pdf, "h", 2, 30, cache.path());
        assert_eq!(again.ok(), Some(png));
    }
}
