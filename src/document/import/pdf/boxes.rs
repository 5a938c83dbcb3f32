//! Word boxes from `pdftotext -bbox-layout`, tied to the bytes of pdftotext's plain text.
//!
//! Both outputs come from the same text device in the same reading order, so each page's words
//! are found one after the other in that page's text; a word that cannot be found nearby (a
//! ligature written differently) is skipped rather than guessed.

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::document::pages::{PageBoxes, PageGeometry, PageRect, WordBox};

/// How far past the cursor a word may be found (bytes): beyond that it is not the same word.
const LOOKAHEAD: usize = 256;

struct RawWord {
    rect: PageRect,
    text: String,
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> f32 {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse().ok())
        .unwrap_or(0.0)
}

fn parse(xhtml: &str) -> Vec<(f32, f32, Vec<RawWord>)> {
    let mut reader = Reader::from_str(xhtml);
    let mut pages: Vec<(f32, f32, Vec<RawWord>)> = Vec::new();
    let mut word: Option<RawWord> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.name().as_ref() {
                b"page" => pages.push((attr(&e, b"width"), attr(&e, b"height"), Vec::new())),
                b"word" => {
                    word = Some(RawWord {
                        rect: PageRect {
                            x0: attr(&e, b"xMin"),
                            y0: attr(&e, b"yMin"),
                            x1: attr(&e, b"xMax"),
                            y1: attr(&e, b"yMax"),
                        },
                        text: String::new(),
                    });
                }
                _ => {}
            },
            Ok(Event::Text(t)) => {
                if let (Some(w), Ok(s)) = (word.as_mut(), t.decode()) {
                    w.text.push_str(&s);
                }
            }
            Ok(Event::GeneralRef(r)) => {
                if let (Some(w), Ok(name)) = (word.as_mut(), r.decode()) {
                    w.text.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Ok(Event::End(e)) if e.name().as_ref() == b"word" => {
                if let (Some(w), Some(page)) = (word.take(), pages.last_mut()) {
                    page.2.push(w);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    pages
}

/// The words of `xhtml` (pdftotext -bbox-layout) located in `text` (pdftotext's plain text of
/// the same file).
pub fn geometry(text: &str, xhtml: &str) -> PageGeometry {
    let mut page_starts = vec![0usize];
    page_starts.extend(memchr::memchr_iter(0x0c, text.as_bytes()).map(|i| i + 1));
    let pages = parse(xhtml)
        .into_iter()
        .enumerate()
        .map(|(i, (width, height, words))| {
            let start = page_starts.get(i).copied().unwrap_or(text.len());
            let end = page_starts.get(i + 1).map_or(text.len(), |e| e - 1);
            let page_text = text.get(start..end).unwrap_or_default();
            PageBoxes {
                width,
                height,
                words: locate(page_text, start, words),
            }
        })
        .collect();
    PageGeometry { pages }
}

fn locate(page_text: &str, base: usize, words: Vec<RawWord>) -> Vec<WordBox> {
    let mut cursor = 0usize;
    let mut out = Vec::with_capacity(words.len());
    for w in words {
        if w.text.is_empty() {
            continue;
        }
        let Some(window) = page_text.get(cursor..) else {
            break;
        };
        let limit = window
            .char_indices()
            .map(|(i, _)| i)
            .find(|&i| i >= LOOKAHEAD)
            .unwrap_or(window.len());
        let found = window[..limit].find(&w.text).or_else(|| {
            // The word may straddle the lookahead window's end.
            window.find(&w.text).filter(|&at| at < limit + w.text.len())
        });
        if let Some(at) = found {
            let s = cursor + at;
            out.push(WordBox {
                raw: base + s..base + s + w.text.len(),
                rect: w.rect,
            });
            cursor = s + w.text.len();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const XHTML: &str = r#"<html><body><doc>
  <page width="595.28" height="841.89"><flow><block><line>
    <word xMin="10" yMin="20" xMax="40" yMax="30">否则很</word>
    <word xMin="42" yMin="20" xMax="60" yMax="30">出错</word>
    <word xMin="62" yMin="18" xMax="66" yMax="25">11</word>
  </line></block></flow></page>
  <page width="595.28" height="841.89"><flow><block><line>
    <word xMin="10" yMin="20" xMax="40" yMax="30">A&amp;B</word>
  </line></block></flow></page>
</doc></body></html>"#;

    #[test]
    fn words_land_on_their_bytes() {
        let text = "否则很 出错11 。\n\u{c}x A&B\n\u{c}";
        let g = geometry(text, XHTML);
        assert_eq!(g.pages.len(), 2);
        let words: Vec<&str> = g.pages[0]
            .words
            .iter()
            .map(|w| &text[w.raw.clone()])
            .collect();
        assert_eq!(words, ["否则很", "出错", "11"]);
        assert_eq!(&text[g.pages[1].words[0].raw.clone()], "A&B");
        let rects = g.rects(text, 0..text.find('。').unwrap_or(0));
        assert_eq!(rects.len(), 1);
        assert!((rects[0].1.x1 - 66.0).abs() < 1e-3);
    }

    #[test]
    fn unknown_words_are_skipped() {
        let g = geometry("出错\u{c}", XHTML);
        assert_eq!(g.pages[0].words.len(), 1);
    }
}
