//! The bundled fonts, compiled into the binary once: the reading app draws with them and the
//! timeline picture (SVG → PNG) renders Chinese with them, so neither shows tofu.

pub const SANS: &str = "Noto Sans SC";
pub const SERIF: &str = "Noto Serif SC";
/// Symbols PDFs are full of (∗ † ‡ ⟨ ⟩ ≈ and most of Latin/Greek/math) that the CJK faces lack.
pub const SYMBOLS: &str = "DejaVu Sans";

pub static SANS_BYTES: &[u8] = include_bytes!("../fonts/NotoSansSC-Regular.ttf");
pub static SYMBOLS_BYTES: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
pub static SERIF_BYTES: &[u8] = include_bytes!("../fonts/NotoSerifSC-Regular.ttf");

/// The bundled font files with their family names.
pub fn bundled() -> [(&'static str, &'static [u8]); 3] {
    [
        (SANS, SANS_BYTES),
        (SERIF, SERIF_BYTES),
        (SYMBOLS, SYMBOLS_BYTES),
    ]
}
