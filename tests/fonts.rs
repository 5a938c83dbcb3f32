//! The bundled fonts cover what the reader will see: every character of the sample corpus and
//! the CJK Unified Ideographs basic block (parsed from the fonts' cmap tables).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn font_bytes(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fonts")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const FONTS: [&str; 2] = ["NotoSerifSC-Regular.ttf", "NotoSansSC-Regular.ttf"];

fn missing(face: &ttf_parser::Face<'_>, chars: impl IntoIterator<Item = char>) -> Vec<char> {
    chars
        .into_iter()
        .filter(|c| face.glyph_index(*c).is_none())
        .collect()
}

/// Characters that are drawn (not controls, not whitespace other than the ideographic space).
fn visible(c: char) -> bool {
    !c.is_control() && (!c.is_whitespace() || c == '\u{3000}') && c != '\u{feff}'
}

fn corpus_chars() -> BTreeSet<char> {
    let mut files: Vec<PathBuf> = common::corpus_files();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    files.extend(
        std::fs::read_dir(&samples)
            .expect("assets/samples")
            .filter_map(|e| e.ok().map(|e| e.path())),
    );
    let mut chars = BTreeSet::new();
    for file in files {
        let decoded = pangzhu::document::import::read_file(&file).expect("decode");
        chars.extend(decoded.text.chars().filter(|c| visible(*c)));
    }
    chars
}

#[test]
fn every_corpus_character_is_in_both_bundled_fonts() {
    let chars = corpus_chars();
    assert!(
        chars.len() > 1500,
        "corpus has {} distinct characters",
        chars.len()
    );
    for name in FONTS {
        let bytes = font_bytes(name);
        let face = ttf_parser::Face::parse(&bytes, 0).expect("parse font");
        let gaps = missing(&face, chars.iter().copied());
        assert!(gaps.is_empty(), "{name} lacks {gaps:?}");
    }
}

#[test]
fn the_cjk_unified_ideographs_block_is_covered() {
    // The block as of Unicode 4.1 (U+4E00–U+9FBB) is what GB 18030 and the fonts claim; later
    // additions at its end are rare and fall back to system fonts.
    let block = '\u{4e00}'..='\u{9fbb}';
    for name in FONTS {
        let bytes = font_bytes(name);
        let face = ttf_parser::Face::parse(&bytes, 0).expect("parse font");
        let gaps = missing(&face, block.clone());
        assert!(
            gaps.is_empty(),
            "{name} lacks {} ideographs, first {:?}",
            gaps.len(),
            gaps.first()
        );
        let claimed = face
            .tables()
            .os2
            .map(|os2| os2.unicode_ranges().contains_char('\u{4e00}'));
        assert_eq!(
            claimed,
            Some(true),
            "{name} does not claim CJK Unified Ideographs"
        );
    }
}

/// Every non-ASCII character written in the interface code (labels, symbols on buttons) is in
/// the interface font: egui refuses to draw a missing glyph, and tofu is never acceptable.
#[test]
fn every_interface_character_is_in_the_interface_font() {
    let bytes = font_bytes("NotoSansSC-Regular.ttf");
    let face = ttf_parser::Face::parse(&bytes, 0).expect("parse font");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut chars = BTreeSet::new();
    for dir in ["ui", "app"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("source folder") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("source");
                chars.extend(text.chars().filter(|c| !c.is_ascii() && visible(*c)));
            }
        }
    }
    assert!(chars.len() > 100, "the interface has Chinese labels");
    // The interface chain is Noto Sans SC, then DejaVu Sans for the symbols.
    let symbols_bytes = font_bytes("DejaVuSans.ttf");
    let symbols = ttf_parser::Face::parse(&symbols_bytes, 0).expect("parse font");
    let missing = missing(&symbols, missing(&face, chars));
    assert!(
        missing.is_empty(),
        "not in Noto Sans SC nor DejaVu Sans: {missing:?}"
    );
}

/// PDF text is full of symbols the CJK faces lack (footnote ∗ † ‡, math, arrows); the symbols
/// face at the end of every family chain must have them, or egui draws tofu.
#[test]
fn pdf_symbols_are_in_the_bundled_symbols_font() {
    let bytes = font_bytes("DejaVuSans.ttf");
    let face = ttf_parser::Face::parse(&bytes, 0).expect("parse font");
    let symbols = "∗†‡§¶‖⟨⟩≈≤≥≠∞∑∫√→←↑↓⇒αβγΔΩ€™•◦▪";
    let gaps = missing(&face, symbols.chars());
    assert!(gaps.is_empty(), "DejaVuSans lacks {gaps:?}");
}
