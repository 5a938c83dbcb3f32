//! EPUB, HTML and DOCX land in the same `Document` as the text they hold.
//!
//! `corpus000.{docx,epub,html}` were written by pandoc from what Pangzhu reads in corpus sample
//! 000 (see tests/data/formats/make.py): the same paragraphs, headings and 67 footnotes in three
//! real containers. `install-zh-*.html` are two chapters of the Debian installation guide's
//! Chinese HTML (DocBook XSL output: navigation tables, admonitions, `<pre>` screens, data
//! tables, footnotes with back-links).

use std::path::{Path, PathBuf};

use pangzhu::document::{BlockKind, Document};
use pangzhu::extract::footnotes::extract_footnotes;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/formats")
        .join(name)
}

fn open(path: &Path) -> Document {
    Document::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Text without whitespace or markers: pandoc rewraps lines, and numbering restarts differ.
fn squash(s: &str) -> String {
    let re = regex::Regex::new(r"\[\d+\]").expect("regex");
    re.replace_all(s, "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn prose(d: &Document) -> Vec<String> {
    d.blocks()
        .iter()
        .filter(|b| {
            matches!(
                b.kind,
                BlockKind::Paragraph | BlockKind::Heading | BlockKind::Meta
            )
        })
        .map(|b| squash(d.block_text(b)))
        .collect()
}

/// Equal lists, reporting the first difference only (the texts are long).
fn same(got: &[String], want: &[String], what: &str) {
    if let Some(i) = (0..got.len().max(want.len())).find(|&i| got.get(i) != want.get(i)) {
        let cut = |s: Option<&String>| s.map(|s| s.chars().take(60).collect::<String>());
        panic!(
            "{what}: {} vs {} items; first difference at {i}:\n got  {:?}\n want {:?}",
            got.len(),
            want.len(),
            cut(got.get(i)),
            cut(want.get(i))
        );
    }
}

#[test]
fn docx_epub_and_html_of_one_text_read_as_that_text() {
    let txt = open(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/000_708c568e49ff463c.txt"),
    );
    let want = prose(&txt);
    let want_notes: Vec<String> = extract_footnotes(&txt)
        .notes
        .iter()
        .map(|n| squash(&n.clean_text))
        .collect();
    assert_eq!(want_notes.len(), 67);
    for ext in ["docx", "epub", "html"] {
        let d = open(&data(&format!("corpus000.{ext}")));
        assert_eq!(d.title(), txt.title(), "{ext}: title");
        same(
            &prose(&d),
            &want,
            &format!("{ext}: paragraphs and headings"),
        );
        let f = extract_footnotes(&d);
        let notes: Vec<String> = f.notes.iter().map(|n| squash(&n.clean_text)).collect();
        same(&notes, &want_notes, &format!("{ext}: note texts"));
        assert_eq!(f.markers.len(), 67, "{ext}: markers");
        for (i, m) in f.markers.iter().enumerate() {
            let note = f
                .note_of(m)
                .unwrap_or_else(|| panic!("{ext}: marker {i} unlinked"));
            assert_eq!(
                note.n as usize,
                i + 1,
                "{ext}: marker {i} links its own note"
            );
        }
    }
}

#[test]
fn docbook_html_keeps_structure_and_drops_navigation() {
    let d = open(&data("install-zh-ch06s03.html"));
    assert_eq!(d.title(), Some("6.3. 使用单独的组件"));
    let text = d.text();
    for nav in ["上一页", "下一页", "起始页"] {
        assert!(!text.contains(nav), "navigation text {nav} leaked");
    }
    let of = |k: BlockKind| d.blocks().iter().filter(move |b| b.kind == k);
    let code: Vec<&str> = of(BlockKind::Code).map(|b| d.block_text(b)).collect();
    assert!(code.contains(&"# dpkg-reconfigure tzdata"), "{code:?}");
    assert!(
        code.iter()
            .any(|c| c.lines().count() > 3 && c.contains("\n        #1 primary")),
        "the partition screen keeps its lines and indentation: {code:?}"
    );
    let tables: Vec<&str> = of(BlockKind::Table).map(|b| d.block_text(b)).collect();
    assert!(
        tables
            .iter()
            .any(|t| t.starts_with("类型\t最少设备\t备用设备") && t.lines().count() == 6),
        "{tables:?}"
    );
    // Admonitions (a one-column layout table) are prose, not tables.
    assert!(tables.iter().all(|t| !t.contains("注意")), "{tables:?}");
    let lists: Vec<&str> = of(BlockKind::List).map(|b| d.block_text(b)).collect();
    assert!(
        lists.iter().any(|l| l.starts_with("1. 最简单的方法")),
        "{lists:?}"
    );
    assert!(
        lists.iter().all(|l| l.trim() != "1."),
        "no bullet stands alone"
    );
    let headings = of(BlockKind::Heading).count();
    assert!(headings >= 30, "{headings} headings");

    let f = extract_footnotes(&d);
    assert_eq!(f.notes.len(), 11);
    assert!(f.markers.len() >= 11);
    assert!(f.markers.iter().all(|m| f.note_of(m).is_some()));
    assert!(
        f.notes.iter().all(|n| !n.clean_text.starts_with('[')),
        "the back-link number is not part of the note"
    );
}

#[test]
fn a_short_docbook_page_links_its_footnote() {
    let d = open(&data("install-zh-ch01s08.html"));
    let f = extract_footnotes(&d);
    assert_eq!(f.markers.len(), 1);
    let note = f.note_of(&f.markers[0]).expect("linked");
    assert!(
        note.clean_text
            .starts_with("对于如何根据 Debian 源码包寻找"),
        "{}",
        note.clean_text
    );
    assert!(
        d.text()
            .contains("所有这些程序的源码[1]都可以在 Debian 系统中得到")
    );
}

#[test]
fn hostile_containers_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().expect("tmp");
    let epub = std::fs::read(data("corpus000.epub")).expect("fixture");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("cut.epub", epub[..epub.len() / 3].to_vec(), "damaged"),
        (
            "cut.docx",
            std::fs::read(data("corpus000.docx")).expect("fixture")[..5000].to_vec(),
            "damaged",
        ),
        (
            "locked.docx",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0".to_vec(),
            "password",
        ),
        ("empty.html", b"   \n".to_vec(), "empty"),
    ];
    for (name, bytes, says) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let err = Document::open(&path)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains(says), "{name}: {err:?}");
    }
}

/// The blocks and footnote links of each fixture, pinned in `NAME.golden.json` (reviewed by
/// hand when made; `PANGZHU_UPDATE_GOLDEN=1 cargo test --test formats` rewrites them after a
/// deliberate change).
#[test]
fn every_fixture_matches_its_golden_json() {
    let names = [
        "corpus000.docx",
        "corpus000.epub",
        "corpus000.html",
        "install-zh-ch01s08.html",
        "install-zh-ch06s03.html",
    ];
    for name in names {
        let d = open(&data(name));
        let f = extract_footnotes(&d);
        let got = serde_json::json!({
            "title": d.title(),
            "encoding": d.encoding(),
            "blocks": d.blocks().iter().map(|b| (b.kind.as_str(), d.block_text(b))).collect::<Vec<_>>(),
            "links": f.markers.iter().map(|m| (d.text()[m.span.start()..m.span.end()].to_owned(), f.note_of(m).map(|n| n.n))).collect::<Vec<_>>(),
        });
        let path = data(&format!("{name}.golden.json"));
        let pretty = serde_json::to_string_pretty(&got).expect("json") + "\n";
        if std::env::var_os("PANGZHU_UPDATE_GOLDEN").is_some() {
            std::fs::write(&path, &pretty).expect("write golden");
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("{}: {e} (run with PANGZHU_UPDATE_GOLDEN=1)", path.display())
        });
        let want: serde_json::Value = serde_json::from_str(&want).expect("golden json");
        if got != want {
            let (g, w) = (&got["blocks"], &want["blocks"]);
            let i = (0..).find(|&i| g.get(i) != w.get(i)).unwrap_or(0);
            panic!(
                "{name} differs from its golden file; first block difference at {i}:\n got  {}\n want {}",
                g.get(i).map(|v| v.to_string()).unwrap_or_default(),
                w.get(i).map(|v| v.to_string()).unwrap_or_default()
            );
        }
    }
}
