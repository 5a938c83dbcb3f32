//! Raw line/column of any cleaned offset without the document: what a library search hit
//! reports (`line`, `col`), equal to [`Document::raw_pos`] by construction.
//!
//! Stored as checkpoints `(cleaned byte, line, col)` wherever the next char's position is not
//! the previous one's column plus one (a new raw line, a dropped or inserted char); between two
//! checkpoints columns advance one per char of the cleaned text.

use serde::{Deserialize, Serialize};

use crate::document::{Document, RawPos};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PosMap {
    /// `(cleaned byte, line, col)`; line 0: the offset has no raw position.
    points: Vec<(u32, u32, u32)>,
}

/// Walks raw bytes forward cheaply: one char's step costs its own length, a jump to another
/// line (or backward) costs a line lookup.
struct RawCursor<'a> {
    raw: &'a crate::document::RawText,
    byte: usize,
    pos: RawPos,
}

impl RawCursor<'_> {
    fn move_to(&mut self, byte: usize) -> RawPos {
        let step = (byte >= self.byte)
            .then(|| self.raw.text().get(self.byte..byte))
            .flatten()
            .filter(|s| !s.contains('\n'));
        self.pos = match step {
            Some(s) => RawPos {
                line: self.pos.line,
                col: self.pos.col + s.chars().count() as u32,
            },
            None => self.raw.pos_of_byte(byte),
        };
        self.byte = byte;
        self.pos
    }
}

impl PosMap {
    pub fn build(doc: &Document) -> Self {
        let map = doc.source_map();
        let mut cursor = RawCursor {
            raw: doc.raw(),
            byte: 0,
            pos: doc.raw().pos_of_byte(0),
        };
        let mut points = Vec::new();
        let mut predicted: Option<RawPos> = None;
        let mut push = |at: usize, pos: Option<RawPos>, predicted: &mut Option<RawPos>| {
            if pos != *predicted || points.is_empty() {
                let (line, col) = pos.map_or((0, 0), |p| (p.line, p.col));
                points.push((at as u32, line, col));
            }
            *predicted = pos.map(|p| RawPos {
                line: p.line,
                col: p.col + 1,
            });
        };
        for (at, _) in doc.text().char_indices() {
            let pos = map.raw_byte(at).map(|b| cursor.move_to(b));
            push(at, pos, &mut predicted);
        }
        let end = doc.text().len();
        push(end, doc.raw_pos(end), &mut predicted);
        Self { points }
    }

    /// Position of cleaned byte `offset` (a char boundary of `text`, the text it was built on).
    pub fn pos(&self, text: &str, offset: usize) -> Option<RawPos> {
        let at = u32::try_from(offset).ok()?;
        let idx = self.points.partition_point(|p| p.0 <= at).checked_sub(1)?;
        let (start, line, col) = *self.points.get(idx)?;
        if line == 0 {
            return None;
        }
        let between = text.get(start as usize..offset)?.chars().count() as u32;
        Some(RawPos {
            line,
            col: col + between,
        })
    }

    /// The checkpoints `(cleaned byte, line, col)`, as stored.
    pub fn points(&self) -> &[(u32, u32, u32)] {
        &self.points
    }

    pub fn from_points(points: Vec<(u32, u32, u32)>) -> Self {
        Self { points }
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agrees(doc: &Document) {
        let map = PosMap::build(doc);
        let text = doc.text();
        for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(map.pos(text, at), doc.raw_pos(at), "offset {at}");
        }
    }

    #[test]
    fn agrees_with_the_document_on_every_offset() {
        agrees(&Document::from_text(
            "t",
            "标题\n\n  第一段的文字在这里\n折行继续，English words\nwrapped here.\n\n— 3 —\n\u{c}第二页\n",
        ));
        agrees(&Document::from_text("t", ""));
        agrees(&Document::from_text("t", "一行\r\n二行\r\n\r\n三行"));
    }
}
