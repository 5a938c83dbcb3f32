//! Positions and font sizes of a PDF's text runs (`pdftohtml -xml`), and what they show that
//! plain text cannot: footnote markers set as raised, smaller glyphs.

use std::collections::HashMap;
use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::Event;

/// One run of text in one font, as pdftohtml reports it (coordinates in its pixels, y down).
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub top: f32,
    pub left: f32,
    pub width: f32,
    pub height: f32,
    /// Font size of the run.
    pub size: f32,
    pub text: String,
}

impl TextRun {
    fn right(&self) -> f32 {
        self.left + self.width
    }

    fn bottom(&self) -> f32 {
        self.top + self.height
    }
}

/// One page's runs in content order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageRuns {
    /// 1-based.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub runs: Vec<TextRun>,
}

fn attr_f32(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> Option<f32> {
    let a = e.try_get_attribute(name).ok()??;
    std::str::from_utf8(&a.value).ok()?.trim().parse().ok()
}

fn attr_string(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> Option<String> {
    let a = e.try_get_attribute(name).ok()??;
    Some(String::from_utf8_lossy(&a.value).into_owned())
}

/// Parse `pdftohtml -xml` output. Malformed parts end the parse; what was read is kept.
pub fn parse_xml(xml: &str) -> Vec<PageRuns> {
    let mut reader = Reader::from_str(xml);
    let mut pages: Vec<PageRuns> = Vec::new();
    let mut fonts: HashMap<String, f32> = HashMap::new();
    let mut current: Option<TextRun> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.name().as_ref() {
                b"page" => pages.push(PageRuns {
                    number: attr_f32(&e, b"number").map_or(pages.len() as u32 + 1, |n| n as u32),
                    width: attr_f32(&e, b"width").unwrap_or(0.0),
                    height: attr_f32(&e, b"height").unwrap_or(0.0),
                    runs: Vec::new(),
                }),
                b"fontspec" => {
                    if let (Some(id), Some(size)) = (attr_string(&e, b"id"), attr_f32(&e, b"size"))
                    {
                        fonts.insert(id, size);
                    }
                }
                b"text" => {
                    let size = attr_string(&e, b"font")
                        .and_then(|id| fonts.get(&id).copied())
                        .unwrap_or(0.0);
                    current = Some(TextRun {
                        top: attr_f32(&e, b"top").unwrap_or(0.0),
                        left: attr_f32(&e, b"left").unwrap_or(0.0),
                        width: attr_f32(&e, b"width").unwrap_or(0.0),
                        height: attr_f32(&e, b"height").unwrap_or(0.0),
                        size,
                        text: String::new(),
                    });
                }
                _ => {}
            },
            Ok(Event::Text(t)) => {
                if let Some(run) = current.as_mut()
                    && let Ok(s) = t.decode()
                {
                    run.text
                        .push_str(&quick_xml::escape::unescape(&s).unwrap_or(s.clone()));
                }
            }
            Ok(Event::GeneralRef(r)) => {
                if let Some(run) = current.as_mut()
                    && let Ok(name) = r.decode()
                {
                    run.text.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Ok(Event::End(e)) if e.name().as_ref() == b"text" => {
                if let (Some(run), Some(page)) = (current.take(), pages.last_mut()) {
                    page.runs.push(run);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    pages
}

/// The first page's text in its largest font (a title page's title), runs on one line joined.
pub fn first_page_title(pages: &[PageRuns]) -> Option<String> {
    let page = pages.first()?;
    let largest = page
        .runs
        .iter()
        .filter(|r| r.text.trim().chars().count() >= 2)
        .map(|r| r.size)
        .fold(0.0f32, f32::max);
    if largest <= 0.0 {
        return None;
    }
    let mut lines: Vec<(f32, String)> = Vec::new();
    for r in page.runs.iter().filter(|r| r.size >= largest * 0.9) {
        match lines.last_mut() {
            Some((top, text)) if (r.top - *top).abs() < r.height * 0.6 => {
                let t = r.text.trim();
                if text
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
                    && t.starts_with(|c: char| c.is_ascii_alphanumeric())
                {
                    text.push(' ');
                }
                text.push_str(t);
            }
            _ => lines.push((r.top, r.text.trim().to_owned())),
        }
    }
    // A title runs over two lines at most; more lines of that size are body text in a big font.
    let title: Vec<String> = lines.into_iter().take(2).map(|(_, t)| t).collect();
    let title = title.join(" ");
    // A decorative font without a Unicode map reads as stray marks: no title then.
    let readable = title
        .chars()
        .filter(|c| c.is_alphanumeric() && (c.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(c)))
        .count();
    (readable >= 2 && readable * 2 >= title.chars().filter(|c| !c.is_whitespace()).count())
        .then_some(title)
}

/// What a footnote marker set in a small raised font may read.
fn is_marker_text(t: &str) -> bool {
    let n = t.chars().count();
    (1..=3).contains(&n) && t.chars().all(|c| c.is_ascii_digit())
        || (1..=2).contains(&n)
            && t.chars()
                .all(|c| matches!(c, '*' | '∗' | '†' | '‡' | '§' | '¶'))
}

/// Raw byte ranges in pdftotext's `text` of markers the geometry shows as superscripts: a run
/// of digits or note symbols, glued to the run before it on the same line, in a font under
/// 85 % of that run's size, its foot clearly above the other's.
pub fn superscript_markers(text: &str, pages: &[PageRuns]) -> Vec<Range<usize>> {
    let mut page_starts = vec![0usize];
    page_starts.extend(memchr::memchr_iter(0x0c, text.as_bytes()).map(|i| i + 1));
    let mut found = Vec::new();
    for page in pages {
        let Some(&start) = page_starts.get(page.number.saturating_sub(1) as usize) else {
            continue;
        };
        let end = page_starts
            .get(page.number as usize)
            .map_or(text.len(), |e| e - 1);
        let Some(page_text) = text.get(start..end) else {
            continue;
        };
        let mut cursor = 0usize;
        for (i, run) in page.runs.iter().enumerate() {
            let marker = run.text.trim();
            if !is_marker_text(marker) || i == 0 {
                continue;
            }
            let Some(prev) = page.runs[..i].iter().rev().find(|q| {
                (q.top - run.top).abs() < q.height.max(1.0)
                    && run.left >= q.right() - 2.0
                    && run.left - q.right() < 0.5 * q.height.max(1.0)
            }) else {
                continue;
            };
            let raised = run.bottom() < prev.bottom() - 0.12 * prev.height;
            if !(run.size > 0.0 && run.size < 0.85 * prev.size && raised) {
                continue;
            }
            let anchor: String = {
                let tail: Vec<char> = prev.text.trim_end().chars().rev().take(4).collect();
                tail.into_iter().rev().collect()
            };
            if anchor.is_empty() {
                continue;
            }
            if let Some(range) = find_after(page_text, cursor, &anchor, marker) {
                cursor = range.end;
                found.push(start + range.start..start + range.end);
            }
        }
    }
    found
}

/// The byte range of `marker` where it follows `anchor` (spaces between allowed) at or after
/// `from`.
fn find_after(hay: &str, from: usize, anchor: &str, marker: &str) -> Option<Range<usize>> {
    let mut at = from;
    while let Some(rel) = hay.get(at..)?.find(anchor) {
        let after = at + rel + anchor.len();
        let rest = hay.get(after..)?;
        let skipped = rest.len() - rest.trim_start_matches(' ').len();
        let m = after + skipped;
        if hay.get(m..)?.starts_with(marker)
            && !hay[m + marker.len()..].starts_with(|c: char| c.is_ascii_digit())
        {
            return Some(m..m + marker.len());
        }
        at = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<pdf2xml producer="poppler" version="22.12.0">
<page number="1" position="absolute" top="0" left="0" height="1262" width="892">
	<fontspec id="5" size="15" family="A" color="#000000"/>
	<fontspec id="10" size="10" family="B" color="#ff0000"/>
<text top="453" left="162" width="284" height="15" font="5">否则很可能会出错</text>
<text top="451" left="446" width="10" height="10" font="10"><a href="x.html#20">11</a></text>
<text top="453" left="460" width="20" height="15" font="5">。版本 2 &amp; 3</text>
</page>
</pdf2xml>"##;

    #[test]
    fn runs_carry_font_sizes() {
        let pages = parse_xml(XML);
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].runs.len(), 3);
        assert_eq!(pages[0].runs[1].text, "11");
        assert!((pages[0].runs[1].size - 10.0).abs() < f32::EPSILON);
        assert_eq!(pages[0].runs[2].text, "。版本 2 & 3");
    }

    #[test]
    fn raised_small_digits_are_markers() {
        let text = "也尽量避免使用中文名，否则很可能会出错11 。版本 2 & 3\n\n11 注意\n\u{c}";
        let found = superscript_markers(text, &parse_xml(XML));
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].clone()], "11");
        assert!(text[..found[0].start].ends_with("出错"));
    }

    #[test]
    fn the_largest_type_on_page_one_is_the_title() {
        let xml = r##"<pdf2xml><page number="1" height="1262" width="892">
<fontspec id="0" size="22" family="A" color="#000000"/>
<fontspec id="1" size="12" family="A" color="#000000"/>
<text top="100" left="100" width="200" height="22" font="0">关于 tlmgr</text>
<text top="101" left="310" width="200" height="22" font="0">使用方法的简介</text>
<text top="200" left="100" width="200" height="12" font="1">Zhonghao Sun</text>
</page></pdf2xml>"##;
        assert_eq!(
            first_page_title(&parse_xml(xml)).as_deref(),
            Some("关于 tlmgr使用方法的简介")
        );
    }

    #[test]
    fn same_size_digits_are_not_markers() {
        let xml = XML.replace("font=\"10\"", "font=\"5\"");
        let text = "否则很可能会出错11 。\u{c}";
        assert!(superscript_markers(text, &parse_xml(&xml)).is_empty());
    }
}
