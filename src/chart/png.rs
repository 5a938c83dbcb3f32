//! The SVG picture rendered to PNG with `resvg`, the bundled fonts loaded so Chinese labels
//! render on any machine (no system fonts are consulted: the picture is the same everywhere).

use std::sync::{Arc, LazyLock};

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};

#[derive(Debug, thiserror::Error)]
pub enum PngError {
    #[error("the timeline picture is not valid SVG: {0}")]
    Svg(String),
    #[error("the timeline picture is too large to render ({width} × {height} pixels)")]
    Size { width: u32, height: u32 },
    #[error("could not encode the PNG: {0}")]
    Encode(String),
}

/// The largest side rendered: a picture wider than this is a mistake, not a timeline.
const MAX_SIDE: u32 = 16_384;

static FONTS: LazyLock<Arc<fontdb::Database>> = LazyLock::new(|| {
    let mut db = fontdb::Database::new();
    // Static bytes: shared, not copied.
    db.load_font_source(fontdb::Source::Binary(Arc::new(crate::fonts::SANS_BYTES)));
    db.load_font_source(fontdb::Source::Binary(Arc::new(
        crate::fonts::SYMBOLS_BYTES,
    )));
    db.set_sans_serif_family(crate::fonts::SANS);
    Arc::new(db)
});

/// Render `svg` at `scale` (2.0 for a sharp picture on a high-density screen).
pub fn render(svg: &str, scale: f32) -> Result<Vec<u8>, PngError> {
    let options = usvg::Options {
        fontdb: FONTS.clone(),
        font_family: crate::fonts::SANS.to_owned(),
        ..Default::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| PngError::Svg(e.to_string()))?;
    let size = tree.size();
    let width = (size.width() * scale).ceil() as u32;
    let height = (size.height() * scale).ceil() as u32;
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(PngError::Size { width, height });
    }
    let mut pixmap = Pixmap::new(width, height).ok_or(PngError::Size { width, height })?;
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    encode(&pixmap)
}

/// PNG of a pixmap (tiny-skia keeps premultiplied alpha; PNG wants it straight).
fn encode(pixmap: &Pixmap) -> Result<Vec<u8>, PngError> {
    let mut rgba = pixmap.data().to_vec();
    for px in rgba.chunks_exact_mut(4) {
        let a = u16::from(px[3]);
        if a > 0 && a < 255 {
            for c in &mut px[..3] {
                *c = u8::try_from((u16::from(*c) * 255 + a / 2) / a).unwrap_or(255);
            }
        }
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder
            .write_header()
            .map_err(|e| PngError::Encode(e.to_string()))?;
        writer
            .write_image_data(&rgba)
            .map_err(|e| PngError::Encode(e.to_string()))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decoded pixels of a PNG.
    fn pixels(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
        let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
        let mut reader = decoder.read_info().expect("test data");
        let mut buf = vec![0; reader.output_buffer_size().expect("test data")];
        let info = reader.next_frame(&mut buf).expect("test data");
        buf.truncate(info.buffer_size());
        (info.width, info.height, buf)
    }

    fn dark_pixels(svg: &str) -> usize {
        let (_, _, px) = pixels(&render(svg, 1.0).expect("test data"));
        px.chunks_exact(4).filter(|p| p[0] < 128).count()
    }

    #[test]
    fn chinese_text_renders_with_the_bundled_font() {
        let svg = |t: &str| {
            format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="100%" height="100%" fill="white"/><text x="4" y="28" font-family="Noto Sans SC" font-size="24" fill="black">{t}</text></svg>"#
            )
        };
        let (w, h, _) = pixels(&render(&svg("时间线"), 2.0).expect("test data"));
        assert_eq!((w, h), (240, 80));
        // Glyphs drawn: many dark pixels; an empty text draws none.
        assert!(dark_pixels(&svg("时间线")) > 100);
        assert_eq!(dark_pixels(&svg("")), 0);
    }

    #[test]
    fn bad_svg_and_absurd_sizes_are_errors() {
        assert!(matches!(render("<svg", 1.0), Err(PngError::Svg(_))));
        let huge = r#"<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="10"></svg>"#;
        assert!(matches!(render(huge, 1.0), Err(PngError::Size { .. })));
    }
}
