//! Excerpts of other Chinese PDFs than the practice five (`tests/data/extra/`): numbered
//! listings in any language, expl3 code, DocStrip guards and margin stamps come out as their
//! own blocks, and a listing holds no footnote markers.

use std::path::PathBuf;

use pangzhu::document::{BlockKind, Document};
use pangzhu::extract::footnotes::extract_footnotes;

fn open(name: &str) -> Document {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/extra")
        .join(name);
    Document::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn kind_of<'d>(doc: &'d Document, needle: &str) -> (BlockKind, &'d str) {
    doc.blocks()
        .iter()
        .map(|b| (b.kind, doc.block_text(b)))
        .find(|(_, t)| t.contains(needle))
        .unwrap_or_else(|| panic!("no block holds {needle}"))
}

/// A line of `code` reads `words` (the listing keeps its indent).
fn has_line(code: &str, words: &str) -> bool {
    code.lines()
        .any(|l| l.split_whitespace().eq(words.split_whitespace()))
}

#[test]
fn a_numbered_lua_listing_is_one_code_block_without_markers() {
    let doc = open("xpinyin-excerpt.layout.txt");
    let (kind, code) = kind_of(&doc, "603 function xpinyin.maketable (txt)");
    assert_eq!(kind, BlockKind::Code);
    // `626 end` is a line of it, not a numbered heading; `s[2]` no marker.
    assert!(has_line(code, "626 end"), "{code}");
    assert!(code.contains("s[2]:sub(2)"), "{code}");
    assert!(extract_footnotes(&doc).markers.is_empty());
    let (kind, _) = kind_of(&doc, "将 Unihan_Readings.txt3 保存到一张表里面。");
    assert_eq!(kind, BlockKind::Paragraph);
}

#[test]
fn expl3_listings_guards_and_stamps() {
    let doc = open("ctex-excerpt.layout.txt");
    let (kind, code) = kind_of(&doc, "69 \\cs_new_protected:Npn \\ctex_scheme_input:n #1");
    assert_eq!(kind, BlockKind::Code);
    assert!(has_line(code, "79 }"), "{code}");
    assert!(code.contains("80 \\cs_generate_variant:Nn"), "{code}");
    let (kind, code) = kind_of(&doc, "\u{2329}*!beamer\u{232A}");
    assert_eq!(kind, BlockKind::Code);
    assert!(has_line(code, "81 \u{2329}*!beamer\u{232A}"), "{code}");
    assert!(has_line(code, "84 \u{2329}/!beamer\u{232A}"), "{code}");
    assert_eq!(
        kind_of(&doc, "Updated: 2019-11-10"),
        (BlockKind::Margin, "Updated: 2019-11-10")
    );
    let (kind, _) = kind_of(&doc, "使用 XƎLATEX、LuaLATEX 或 upLATEX 编译时");
    assert_eq!(kind, BlockKind::Paragraph);
}

#[test]
fn an_argument_count_in_code_is_no_marker() {
    let doc = open("njurepo-excerpt.txt");
    let (kind, _) = kind_of(&doc, "22 \\newcommand\\nju@validate@key[1]{%");
    assert_eq!(kind, BlockKind::Code);
    let f = extract_footnotes(&doc);
    assert!(f.markers.is_empty() && f.citations.is_empty());
}
