//! The reading pane of one document: only visible blocks are laid out and painted; scroll
//! requests from the app state (jumps, synced scrolling, restored sessions) are applied here.

use egui::{Color32, Rect, Role, ScrollArea, Sense, Ui, WidgetInfo, pos2, vec2};

use crate::app::state::OpenDocument;
use crate::app::{AppState, Command, DocumentId};
use crate::span::TextSpan;

use super::highlight::{sentence_around, span_rects, translated};
use super::layout::{BlockGalley, DocLayout, StyleKey};
use super::page_view::PageView;
use super::raw::RawView;
use super::theme::{Palette, palette};

mod paint;
mod pointer;
mod popups;

use paint::{paint_block_frame, paint_highlights};
use popups::selection_toolbar;

/// Frames a scroll request is re-applied while estimated heights settle into measured ones.
const SETTLE_FRAMES: u8 = 3;
const FLASH_SECONDS: f64 = 1.6;
const MARGIN: f32 = 28.0;

/// Ephemeral view state of one document's pane.
pub struct PaneView {
    layout: DocLayout,
    applied_serial: u64,
    pending: Option<(usize, u8)>,
    flash: Option<(usize, f64)>,
    reported_top: usize,
    /// Scroll correction for blocks above the view whose measured height differed.
    anchor_fix: f32,
    offset: f32,
    raw: RawView,
    page: PageView,
    /// A drag selection in progress: (anchor, head) offsets.
    drag: Option<(usize, usize)>,
}

impl Default for PaneView {
    fn default() -> Self {
        Self {
            layout: DocLayout::default(),
            applied_serial: 0,
            pending: None,
            flash: None,
            reported_top: 0,
            anchor_fix: 0.0,
            offset: 0.0,
            raw: RawView::default(),
            page: PageView::default(),
            drag: None,
        }
    }
}

impl PaneView {
    /// Take a new scroll request from the app state, once.
    fn take_request(&mut self, state: &AppState, open: &OpenDocument, now: f64) {
        let Some(req) = state.scroll_request(open.id) else {
            return;
        };
        if req.serial == self.applied_serial {
            return;
        }
        self.applied_serial = req.serial;
        self.pending = Some((req.block, SETTLE_FRAMES));
        self.reported_top = req.block;
        if let Some(offset) = req.flash {
            self.flash = Some((offset, now));
        }
    }

    pub fn top_block(&self) -> usize {
        self.reported_top
    }

    pub fn layout(&self) -> &DocLayout {
        &self.layout
    }

    /// The pane: cleaned text, and the raw file beside it when that is on.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        open: &OpenDocument,
        out: &mut Vec<Command>,
    ) {
        let now = ui.input(|i| i.time);
        self.take_request(state, open, now);
        let p = palette(state.settings().theme);
        if state.settings().show_raw {
            let raw_width = (ui.available_width() * 0.42).max(120.0);
            egui::Panel::right(("raw-panel", open.id.0))
                .resizable(true)
                .default_size(raw_width)
                .frame(egui::Frame::NONE.fill(p.raw_bg))
                .show(ui, |ui| {
                    let top = self.reported_top;
                    // A document with pages on paper shows its page; a text file its lines.
                    if open.loaded.doc().geometry().is_some() {
                        self.page.ui(ui, state, open, top, &p, out);
                    } else {
                        self.raw.ui(ui, open, top);
                    }
                });
        }
        egui::Frame::NONE.fill(p.page).show(ui, |ui| {
            ui.set_min_size(ui.available_size());
            self.text_ui(ui, state, open, &p, out);
        });
    }

    fn text_ui(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        open: &OpenDocument,
        p: &Palette,
        out: &mut Vec<Command>,
    ) {
        let doc = open.loaded.doc();
        let settings = state.settings();
        let width = (ui.available_width() - 2.0 * MARGIN - 12.0)
            .min(settings.column_width)
            .max(120.0);
        self.layout.prepare(doc, StyleKey::new(settings, *p, width));

        let mut area = ScrollArea::vertical()
            .id_salt(("reading", open.id.0))
            .auto_shrink(false);
        if let Some((block, _)) = self.pending {
            area = area.vertical_scroll_offset(self.layout.top_of(block));
        } else if self.anchor_fix != 0.0 {
            area = area.vertical_scroll_offset((self.offset + self.anchor_fix).max(0.0));
        }
        self.anchor_fix = 0.0;
        let output = area.show_viewport(ui, |ui, viewport| {
            self.blocks_ui(ui, viewport, state, open, width, p, out);
        });
        self.layout.settle();
        self.offset = output.state.clamped_offset().y;

        if let Some((block, frames)) = self.pending.take() {
            if frames > 1 {
                self.pending = Some((block, frames - 1));
            }
            ui.ctx().request_repaint();
        } else {
            let top = self.layout.block_at_y(self.offset + 1.0);
            if top != self.reported_top {
                self.reported_top = top;
                out.push(Command::Scrolled {
                    doc: open.id,
                    top_block: top,
                });
            }
        }
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "one frame's inputs of the pane; bundling them would only rename them"
    )]
    fn blocks_ui(
        &mut self,
        ui: &mut Ui,
        viewport: Rect,
        state: &AppState,
        open: &OpenDocument,
        width: f32,
        p: &Palette,
        out: &mut Vec<Command>,
    ) {
        let doc = open.loaded.doc();
        ui.set_height(self.layout.total_height() + MARGIN);
        let origin = ui.max_rect().min;
        let left = origin.x + ((ui.max_rect().width() - width) / 2.0).max(MARGIN * 0.5);
        let now = ui.input(|i| i.time);
        // One drag/click surface under the text; markers and highlights sit on top of it.
        let surface = ui.interact(
            viewport.translate(origin.to_vec2()),
            ui.scope_id().with(("text-surface", open.id.0)),
            Sense::click_and_drag(),
        );
        let visible = self.lay_out_visible(ui, viewport, open, origin, left, width);
        let selection = self.current_selection(state, open.id);
        for v in &visible {
            let Some(block) = doc.blocks().get(v.index) else {
                continue;
            };
            let text = doc.block_text(block);
            let response = ui.interact(
                v.rect,
                ui.scope_id().with(("block", open.id.0, v.index)),
                Sense::hover(),
            );
            response.widget_info(|| WidgetInfo::labeled(Role::Label, true, text));
            paint_block_frame(ui, block.kind, v.rect, p);
            paint_highlights(ui, state, open, v, text, block.span);
            if let Some(sel) = selection.and_then(|s| s.intersect(block.span)) {
                let rects = span_rects(
                    &v.bg.galley,
                    v.bg.char_index(text, sel.start() - block.span.start()),
                    v.bg.char_index(text, sel.end() - block.span.start()),
                );
                for r in translated(rects, v.galley_pos) {
                    ui.painter().rect_filled(r, 1.0, p.selection);
                }
            }
            if let Some((offset, started)) = self.flash
                && block.span.contains(offset)
            {
                let t = ((now - started) / FLASH_SECONDS) as f32;
                if t < 1.0 {
                    let (s, e) = sentence_around(text, offset - block.span.start());
                    let colour = p.flash.gamma_multiply(1.0 - t);
                    let rects = span_rects(
                        &v.bg.galley,
                        v.bg.char_index(text, s),
                        v.bg.char_index(text, e),
                    );
                    for r in translated(rects, v.galley_pos) {
                        ui.painter().rect_filled(r.expand(1.0), 2.0, colour);
                    }
                    ui.ctx().request_repaint();
                } else {
                    self.flash = None;
                }
            }
            ui.painter()
                .galley(v.galley_pos, v.bg.galley.clone(), Color32::PLACEHOLDER);
            self.markers_ui(ui, state, open, v, text, block.span, out);
        }
        self.pointer_ui(ui, &surface, state, open, &visible, out);
        if let Some(sel) = state.selection().filter(|s| s.doc == open.id)
            && self.drag.is_none()
        {
            selection_toolbar(ui, state, open, &visible, sel.span, out);
        }
    }

    /// Lay out (or take from the cache) the blocks inside `viewport`, placed on screen.
    fn lay_out_visible(
        &mut self,
        ui: &Ui,
        viewport: Rect,
        open: &OpenDocument,
        origin: egui::Pos2,
        left: f32,
        width: f32,
    ) -> Vec<Visible> {
        let mut visible: Vec<Visible> = Vec::new();
        let first = self.layout.block_at_y(viewport.min.y);
        for index in first..self.layout.block_count() {
            let top = self.layout.top_of(index);
            if top > viewport.max.y {
                break;
            }
            let Some((bg, delta)) = ui
                .painter()
                .fonts_mut(|f| self.layout.galley(&open.loaded, index, f))
            else {
                continue;
            };
            if top < viewport.min.y {
                self.anchor_fix += delta;
            }
            let size = bg.galley.size();
            let rect = Rect::from_min_size(
                pos2(left, origin.y + top + bg.space_above),
                vec2(width, size.y),
            );
            let galley_pos = if bg.centered {
                pos2(left + width / 2.0, rect.min.y)
            } else {
                rect.min
            };
            visible.push(Visible {
                index,
                rect,
                galley_pos,
                bg,
            });
        }
        visible
    }

    /// The selection to draw: the drag in progress, else the app's selection in this document.
    fn current_selection(&self, state: &AppState, doc: DocumentId) -> Option<TextSpan> {
        if let Some((a, b)) = self.drag {
            return Some(TextSpan::new(a.min(b), a.max(b)));
        }
        state.selection().filter(|s| s.doc == doc).map(|s| s.span)
    }
}

/// A block on screen this frame.
struct Visible {
    index: usize,
    rect: Rect,
    galley_pos: egui::Pos2,
    bg: BlockGalley,
}
