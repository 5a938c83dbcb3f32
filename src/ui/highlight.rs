//! Rectangles covering a char range of a galley (flashes, selections, highlights).

use egui::epaint::text::cursor::CCursor;
use egui::{Galley, Pos2, Rect, pos2};

/// Rectangles (galley-relative) covering chars `[start, end)`, one per row touched.
pub fn span_rects(galley: &Galley, start: usize, end: usize) -> Vec<Rect> {
    if end <= start {
        return Vec::new();
    }
    let a = galley.pos_from_cursor(CCursor::new(start));
    let b = galley.pos_from_cursor(CCursor {
        index: end.into(),
        prefer_next_row: false,
    });
    let mut out = Vec::new();
    for row in &galley.rows {
        let r = row.rect();
        if r.max.y <= a.min.y + 0.5 || r.min.y >= b.max.y - 0.5 {
            continue;
        }
        let left = if r.min.y <= a.min.y + 0.5 {
            a.min.x
        } else {
            r.min.x
        };
        let right = if r.max.y >= b.max.y - 0.5 {
            b.min.x
        } else {
            r.max.x
        };
        if right > left {
            out.push(Rect::from_min_max(
                pos2(left, r.min.y),
                pos2(right, r.max.y),
            ));
        }
    }
    out
}

/// Byte range of the sentence around `offset` in `text` (ends after its terminal mark).
pub fn sentence_around(text: &str, offset: usize) -> (usize, usize) {
    use crate::document::chars::is_sentence_end;
    let offset = offset.min(text.len());
    let start = text
        .char_indices()
        .take_while(|(i, _)| *i < offset)
        .filter(|(_, c)| is_sentence_end(*c))
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text
        .char_indices()
        .skip_while(|(i, _)| *i < offset)
        .find(|(_, c)| is_sentence_end(*c))
        .map_or(text.len(), |(i, c)| i + c.len_utf8());
    (start, end)
}

/// Move galley-relative rects to the screen.
pub fn translated(rects: Vec<Rect>, origin: Pos2) -> impl Iterator<Item = Rect> {
    rects
        .into_iter()
        .map(move |r| r.translate(origin.to_vec2()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_around_finds_the_enclosing_sentence() {
        let t = "第一句。第二句在这里！第三句";
        let off = t.find("在这里").expect("found");
        let (s, e) = sentence_around(t, off);
        assert_eq!(&t[s..e], "第二句在这里！");
        let (s, e) = sentence_around(t, t.len() - 3);
        assert_eq!(&t[s..e], "第三句");
    }
}
