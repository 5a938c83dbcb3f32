//! Laying out blocks of a document for the reading pane: one galley per block, built only when
//! the block is visible and cached until the style or the width changes; heights of blocks not
//! yet laid out are estimated so the scroll bar is right without laying out the whole book.

use std::collections::HashMap;
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Align, Color32, FontId, Galley};

use crate::app::loaded::LoadedDocument;
use crate::app::settings::Settings;
use crate::document::{Block, BlockKind, Document};
use crate::extract::footnotes::Marker;

use super::theme::{Palette, reading_font};

/// First-line indent of a paragraph, as Chinese typography sets it.
pub const INDENT: &str = "\u{3000}\u{3000}";
/// Keep at most this many galleys; beyond it the cache keeps only what is near the view.
const CACHE_MAX: usize = 600;

/// Everything that changes how a block looks; a change drops the cached galleys.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StyleKey {
    pub width: f32,
    pub font_size: f32,
    pub line_spacing: f32,
    pub serif: bool,
    pub palette: Palette,
}

impl StyleKey {
    pub fn new(settings: &Settings, palette: Palette, width: f32) -> Self {
        Self {
            width: width.round(),
            font_size: settings.font_size,
            line_spacing: settings.line_spacing,
            serif: settings.reading_font == crate::app::settings::ReadingFont::Serif,
            palette,
        }
    }

    fn same_geometry(&self, other: &Self) -> bool {
        self.width == other.width
            && self.font_size == other.font_size
            && self.line_spacing == other.line_spacing
            && self.serif == other.serif
    }
}

/// How a block kind is set: size factor, colour, centred, indented, space above.
struct BlockStyle {
    scale: f32,
    color: Color32,
    centered: bool,
    indent: bool,
    space_above: f32,
}

fn block_style(block: &Block, p: &Palette) -> BlockStyle {
    let plain = |scale, color, space_above| BlockStyle {
        scale,
        color,
        centered: false,
        indent: false,
        space_above,
    };
    match block.kind {
        BlockKind::Title => BlockStyle {
            centered: true,
            ..plain(1.55, p.heading, 0.6)
        },
        BlockKind::Byline => BlockStyle {
            centered: true,
            ..plain(0.95, p.muted, 0.3)
        },
        BlockKind::Heading => match block.level.unwrap_or(1) {
            1 => plain(1.3, p.heading, 1.4),
            2 => plain(1.15, p.heading, 1.1),
            _ => plain(1.05, p.heading, 0.9),
        },
        BlockKind::Paragraph => BlockStyle {
            indent: true,
            ..plain(1.0, p.text, 0.5)
        },
        BlockKind::Caption => BlockStyle {
            centered: true,
            ..plain(0.88, p.muted, 0.5)
        },
        BlockKind::Meta | BlockKind::Toc => plain(0.88, p.muted, 0.3),
        BlockKind::Note | BlockKind::Margin | BlockKind::Figure => plain(0.85, p.muted, 0.3),
        BlockKind::Code | BlockKind::Table => plain(0.9, p.text, 0.4),
        BlockKind::List => plain(1.0, p.text, 0.3),
    }
}

/// A laid-out block and how to map its text into the galley.
#[derive(Clone)]
pub struct BlockGalley {
    pub galley: Arc<Galley>,
    /// Characters of indent before the block's own text.
    pub lead_chars: usize,
    pub centered: bool,
    pub space_above: f32,
}

impl BlockGalley {
    /// Galley char index of byte `offset` inside the block text.
    pub fn char_index(&self, block_text: &str, offset: usize) -> usize {
        let end = offset.min(block_text.len());
        let chars = block_text
            .get(..end)
            .map_or_else(|| block_text.chars().count(), |s| s.chars().count());
        self.lead_chars + chars
    }

    /// Byte offset inside the block text of galley char index `index` (the indent maps to 0).
    pub fn byte_offset(&self, block_text: &str, index: usize) -> usize {
        let n = index.saturating_sub(self.lead_chars);
        block_text
            .char_indices()
            .nth(n)
            .map_or(block_text.len(), |(i, _)| i)
    }
}

/// Size of a footnote marker relative to its line.
const MARKER_SCALE: f32 = 0.62;

fn block_job(
    doc: &Document,
    block: &Block,
    key: &StyleKey,
    markers: &[Marker],
    fonts: &mut egui::epaint::FontsView<'_>,
) -> (LayoutJob, usize, BlockStyle) {
    let style = block_style(block, &key.palette);
    let mut base = key_font(key);
    // Listings and tables keep their columns: a monospace face (CJK falls back per char).
    if matches!(block.kind, BlockKind::Code | BlockKind::Table) {
        base.family = egui::FontFamily::Monospace;
    }
    let size = base.size * style.scale;
    let format = TextFormat {
        font_id: FontId::new(size, base.family.clone()),
        color: style.color,
        line_height: Some((size * key.line_spacing).round()),
        ..TextFormat::default()
    };
    let text = doc.block_text(block);
    let mut job = LayoutJob::default();
    job.wrap.max_width = key.width;
    if style.centered {
        job.halign = Align::Center;
    }
    let mut lead = 0;
    if style.indent && !text.starts_with(char::is_whitespace) {
        job.append(INDENT, 0.0, format.clone());
        lead = INDENT.chars().count();
    }
    // Footnote markers keep their characters (offsets stay 1:1) but are set as superscripts.
    let marker_format = TextFormat {
        font_id: FontId::new(size * MARKER_SCALE, base.family.clone()),
        color: key.palette.link,
        valign: Align::TOP,
        ..format.clone()
    };
    if block.kind == BlockKind::Table && text.contains('\t') {
        let font = format.font_id.clone();
        let mut measure = |cell: &str| {
            fonts
                .layout_no_wrap(cell.to_owned(), font.clone(), Color32::WHITE)
                .size()
                .x
        };
        append_table(&mut job, text, &format, size, &mut measure);
        return (job, lead, style);
    }
    let base_offset = block.span.start();
    let mut at = 0;
    for m in markers {
        let (Some(s), Some(e)) = (
            m.span.start().checked_sub(base_offset),
            m.span.end().checked_sub(base_offset),
        ) else {
            continue;
        };
        if s < at || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        job.append(&text[at..s], 0.0, format.clone());
        job.append(&text[s..e], 0.0, marker_format.clone());
        at = e;
    }
    job.append(&text[at..], 0.0, format);
    (job, lead, style)
}

/// Space between two columns of a table, in ems.
const CELL_GAP_EMS: f32 = 1.5;

/// A table's rows with their cells lined up: each tab (the cell separator) is widened so that
/// the next cell starts where its column starts on every row. The text is appended unchanged,
/// so offsets into the block stay 1:1 with the galley. `width` measures a cell as laid out;
/// the tab's own width is the same on every row, so it cancels out of the alignment.
fn append_table(
    job: &mut LayoutJob,
    text: &str,
    format: &TextFormat,
    size: f32,
    width: &mut dyn FnMut(&str) -> f32,
) {
    let mut columns: Vec<f32> = Vec::new();
    for row in text.split('\n') {
        for (k, cell) in row.split('\t').enumerate() {
            let w = width(cell);
            match columns.get_mut(k) {
                Some(c) => *c = c.max(w),
                None => columns.push(w),
            }
        }
    }
    let gap = CELL_GAP_EMS * size;
    let rows: Vec<&str> = text.split('\n').collect();
    for (r, row) in rows.iter().enumerate() {
        let cells: Vec<&str> = row.split('\t').collect();
        for (k, cell) in cells.iter().enumerate() {
            job.append(cell, 0.0, format.clone());
            if k + 1 < cells.len() {
                let pad = columns[k] - width(cell) + gap;
                let tab = TextFormat {
                    extra_letter_spacing: pad.max(0.0),
                    ..format.clone()
                };
                job.append("\t", 0.0, tab);
            }
        }
        if r + 1 < rows.len() {
            job.append("\n", 0.0, format.clone());
        }
    }
}

fn key_font(key: &StyleKey) -> FontId {
    let mut s = Settings {
        font_size: key.font_size,
        ..Settings::default()
    };
    s.reading_font = if key.serif {
        crate::app::settings::ReadingFont::Serif
    } else {
        crate::app::settings::ReadingFont::Sans
    };
    reading_font(&s)
}

/// Heights and galleys of one document's blocks.
#[derive(Default)]
pub struct DocLayout {
    key: Option<StyleKey>,
    heights: Vec<f32>,
    measured: Vec<bool>,
    /// `tops[i]`: y of block `i`; `tops[n]`: total height.
    tops: Vec<f32>,
    galleys: HashMap<usize, BlockGalley>,
    dirty: bool,
}

impl DocLayout {
    /// Make the layout match `key`; returns true when geometry changed (heights re-estimated).
    pub fn prepare(&mut self, doc: &Document, key: StyleKey) -> bool {
        let geometry_changed = self.key.is_none_or(|k| !k.same_geometry(&key))
            || self.heights.len() != doc.blocks().len();
        if self.key != Some(key) {
            self.galleys.clear();
        }
        if geometry_changed {
            self.estimate(doc, &key);
        }
        self.key = Some(key);
        if self.dirty {
            self.recompute_tops();
        }
        geometry_changed
    }

    fn estimate(&mut self, doc: &Document, key: &StyleKey) {
        self.heights = doc
            .blocks()
            .iter()
            .map(|b| {
                let style = block_style(b, &key.palette);
                let size = key.font_size * style.scale;
                let per_row = (key.width / size).floor().max(1.0);
                // Listings and tables break their lines where the text does.
                let lead = if style.indent { 2 } else { 0 };
                let rows = doc
                    .block_text(b)
                    .split('\n')
                    .map(|line| {
                        ((line.chars().count() + lead) as f32 / per_row)
                            .ceil()
                            .max(1.0)
                    })
                    .sum::<f32>();
                rows * (size * key.line_spacing).round() + style.space_above * key.font_size
            })
            .collect();
        self.measured = vec![false; self.heights.len()];
        self.dirty = true;
        self.recompute_tops();
    }

    fn recompute_tops(&mut self) {
        self.tops.clear();
        self.tops.reserve(self.heights.len() + 1);
        let mut y = 0.0;
        for h in &self.heights {
            self.tops.push(y);
            y += h;
        }
        self.tops.push(y);
        self.dirty = false;
    }

    pub fn total_height(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    pub fn top_of(&self, block: usize) -> f32 {
        self.tops
            .get(block)
            .copied()
            .unwrap_or_else(|| self.total_height())
    }

    pub fn block_count(&self) -> usize {
        self.heights.len()
    }

    /// The block at height `y`.
    pub fn block_at_y(&self, y: f32) -> usize {
        let n = self.heights.len();
        self.tops
            .partition_point(|&t| t <= y)
            .saturating_sub(1)
            .min(n.saturating_sub(1))
    }

    /// The galley of block `index`, laid out now if needed. Returns the galley and how much
    /// the block's height changed (0 when it was already measured).
    pub fn galley(
        &mut self,
        loaded: &LoadedDocument,
        index: usize,
        fonts: &mut egui::epaint::FontsView<'_>,
    ) -> Option<(BlockGalley, f32)> {
        if let Some(g) = self.galleys.get(&index) {
            return Some((g.clone(), 0.0));
        }
        let key = self.key?;
        let doc = loaded.doc();
        let block = doc.blocks().get(index)?;
        let (job, lead_chars, style) =
            block_job(doc, block, &key, loaded.markers_in(block.span), fonts);
        let galley = fonts.layout_job(job);
        let space_above = style.space_above * key.font_size;
        let height = galley.size().y + space_above;
        let bg = BlockGalley {
            galley,
            lead_chars,
            centered: style.centered,
            space_above,
        };
        let mut delta = 0.0;
        if let (Some(h), Some(m)) = (self.heights.get_mut(index), self.measured.get_mut(index))
            && !*m
        {
            delta = height - *h;
            *h = height;
            *m = true;
            // Any change this frame must reach `settle`, whatever later blocks measure.
            self.dirty |= delta != 0.0;
        }
        if self.galleys.len() >= CACHE_MAX {
            self.galleys
                .retain(|&i, _| i.abs_diff(index) < CACHE_MAX / 4);
        }
        self.galleys.insert(index, bg.clone());
        Some((bg, delta))
    }

    /// Apply height changes found while drawing.
    pub fn settle(&mut self) {
        if self.dirty {
            self.recompute_tops();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::text::CCursor;

    #[test]
    fn table_cells_line_up_in_columns() {
        let text = "短\t1\n很长很长的单元格内容\t2\nabc\t3";
        let format = TextFormat {
            font_id: FontId::monospace(16.0),
            ..TextFormat::default()
        };
        let ctx = egui::Context::default();
        let mut xs = Vec::new();
        let mut output = ctx.run_pass(egui::RawInput::default(), |ctx| {
            let galley = ctx.fonts_mut(|f| {
                let mut job = LayoutJob::default();
                let font = format.font_id.clone();
                let mut measure = |cell: &str| {
                    f.layout_no_wrap(cell.to_owned(), font.clone(), Color32::WHITE)
                        .size()
                        .x
                };
                append_table(&mut job, text, &format, 16.0, &mut measure);
                assert_eq!(job.text, text, "the text is appended unchanged");
                f.layout_job(job)
            });
            for digit in ['1', '2', '3'] {
                let index = text.chars().position(|c| c == digit).expect("digit");
                xs.push(galley.pos_from_cursor(CCursor::new(index)).min.x);
            }
        });
        output.textures_delta.clear();
        assert_eq!(xs.len(), 3);
        // The second column starts at one x on every row, right of the longest first cell.
        let spread = xs.iter().cloned().fold(f32::MIN, f32::max)
            - xs.iter().cloned().fold(f32::MAX, f32::min);
        assert!(spread <= 1.5, "column starts {xs:?}");
        assert!(xs[0] > 100.0, "{xs:?}");
    }
}
