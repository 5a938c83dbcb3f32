//! Laying out blocks of a document for the reading pane: one galley per block, built only when
//! the block is visible and cached until the style or the width changes; heights of blocks not
//! yet laid out are estimated so the scroll bar is right without laying out the whole book.

use std::collections::HashMap;
use std::sync::Arc;

use egui::Galley;

use crate::app::loaded::LoadedDocument;
use crate::app::settings::Settings;
use crate::document::Document;

use super::theme::Palette;

mod job;

use job::{block_job, block_style};

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
