//! The reading pane of one document: only visible blocks are laid out and painted; scroll
//! requests from the app state (jumps, synced scrolling, restored sessions) are applied here.

use egui::{Color32, Rect, Role, ScrollArea, Sense, Ui, WidgetInfo, pos2, vec2};

use crate::app::annotations::Highlight;
use crate::app::state::OpenDocument;
use crate::app::{AppState, Command, DocumentId, Location};
use crate::span::TextSpan;

use super::highlight::{sentence_around, span_rects, translated};
use super::layout::{BlockGalley, DocLayout, StyleKey};
use super::page_view::PageView;
use super::raw::RawView;
use super::theme::{Palette, palette, tag_colour};

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

    /// The selection to draw: the drag in progress, else the app's selection in this document.
    fn current_selection(&self, state: &AppState, doc: DocumentId) -> Option<TextSpan> {
        if let Some((a, b)) = self.drag {
            return Some(TextSpan::new(a.min(b), a.max(b)));
        }
        state.selection().filter(|s| s.doc == doc).map(|s| s.span)
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "one block's drawing inputs; bundling them would only rename them"
    )]
    fn markers_ui(
        &self,
        ui: &mut Ui,
        state: &AppState,
        open: &OpenDocument,
        v: &Visible,
        text: &str,
        block_span: TextSpan,
        out: &mut Vec<Command>,
    ) {
        let lang = state.settings().language();
        let footnotes = &open.loaded.analysis().footnotes;
        for marker in open.loaded.markers_in(block_span) {
            let s = marker.span.start() - block_span.start();
            let e = marker.span.end().min(block_span.end()) - block_span.start();
            let rects = span_rects(
                &v.bg.galley,
                v.bg.char_index(text, s),
                v.bg.char_index(text, e),
            );
            let Some(area) = translated(rects, v.galley_pos).reduce(|a, b| a.union(b)) else {
                continue;
            };
            let label = format!("{} {}", lang.pick("脚注", "Footnote"), marker.n);
            let id = ui
                .scope_id()
                .with(("marker", open.id.0, marker.span.start()));
            let response = ui
                .interact(area.expand(2.0), id, Sense::click())
                .on_hover_cursor(egui::CursorIcon::PointingHand);
            response.widget_info(|| WidgetInfo::labeled(Role::Link, true, &label));
            let note = marker.note.and_then(|n| footnotes.notes.get(n));
            if response.clicked()
                && let Some(note) = note
            {
                out.push(Command::JumpTo(Location {
                    doc: open.id,
                    offset: note.span.start(),
                }));
            }
            response.on_hover_ui(|ui| {
                ui.set_max_width(420.0);
                match note {
                    Some(note) => note_popup(ui, footnotes, note, lang),
                    None => {
                        ui.label(lang.pick("找不到这个注释", "No note found for this marker"));
                    }
                }
            });
        }
    }

    /// Selecting with the mouse: drag, shift-click to extend, double-click a word,
    /// triple-click a sentence.
    fn pointer_ui(
        &mut self,
        ui: &mut Ui,
        surface: &egui::Response,
        state: &AppState,
        open: &OpenDocument,
        visible: &[Visible],
        out: &mut Vec<Command>,
    ) {
        let doc = open.loaded.doc();
        let at = |pos: egui::Pos2| offset_at(doc, visible, pos);
        let shift = ui.input(|i| i.modifiers.shift);
        if surface.triple_clicked()
            && let Some(offset) = surface.interact_pointer_pos().and_then(at)
        {
            self.drag = None;
            out.push(Command::SelectSentence(Location {
                doc: open.id,
                offset,
            }));
            return;
        }
        if surface.double_clicked()
            && let Some(offset) = surface.interact_pointer_pos().and_then(at)
        {
            self.drag = None;
            out.push(Command::SelectWord(Location {
                doc: open.id,
                offset,
            }));
            return;
        }
        if surface.drag_started()
            && let Some(offset) = surface.interact_pointer_pos().and_then(at)
        {
            let anchor = match state.selection().filter(|s| s.doc == open.id) {
                Some(sel) if shift => far_end(sel.span, offset),
                _ => offset,
            };
            self.drag = Some((anchor, offset));
        }
        if surface.dragged()
            && let Some((anchor, _)) = self.drag
            && let Some(head) = ui.input(|i| i.pointer.interact_pos()).and_then(at)
        {
            self.drag = Some((anchor, head));
        }
        if surface.drag_stopped()
            && let Some((anchor, head)) = self.drag.take()
        {
            out.push(Command::Select {
                doc: open.id,
                start: anchor,
                end: head,
            });
        }
        if surface.clicked()
            && let Some(offset) = surface.interact_pointer_pos().and_then(at)
        {
            match state.selection().filter(|s| s.doc == open.id) {
                Some(sel) if shift => out.push(Command::Select {
                    doc: open.id,
                    start: far_end(sel.span, offset),
                    end: offset,
                }),
                Some(_) => out.push(Command::ClearSelection),
                None => {}
            }
        }
    }
}

/// Annotations of this block in their tags' colours (underlined when they carry a note);
/// hovering one tells its tags and note.
/// Listings and tables sit on a tinted panel (a table framed as a grid); a margin note gets a
/// rule on its left, so none of them reads as prose.
fn paint_block_frame(ui: &Ui, kind: crate::document::BlockKind, rect: Rect, p: &Palette) {
    use crate::document::BlockKind;
    let painter = ui.painter();
    match kind {
        BlockKind::Code => {
            painter.rect_filled(rect.expand2(vec2(6.0, 3.0)), 4.0, p.raw_bg);
        }
        BlockKind::Table => {
            let frame = rect.expand2(vec2(6.0, 3.0));
            painter.rect_filled(frame, 2.0, p.raw_bg);
            painter.rect_stroke(
                frame,
                2.0,
                egui::Stroke::new(1.0, p.muted.gamma_multiply(0.5)),
                egui::StrokeKind::Inside,
            );
        }
        BlockKind::Margin => {
            let x = rect.min.x - 6.0;
            painter.line_segment(
                [pos2(x, rect.min.y), pos2(x, rect.max.y)],
                egui::Stroke::new(2.0, p.muted.gamma_multiply(0.6)),
            );
        }
        _ => {}
    }
}

fn paint_highlights(
    ui: &mut Ui,
    state: &AppState,
    open: &OpenDocument,
    v: &Visible,
    text: &str,
    block_span: TextSpan,
) {
    let Some(ann) = state.annotations(open.id) else {
        return;
    };
    let theme = state.settings().theme;
    for h in ann.highlights_in(block_span) {
        let Some(part) = h.span.intersect(block_span) else {
            continue;
        };
        let rects = span_rects(
            &v.bg.galley,
            v.bg.char_index(text, part.start() - block_span.start()),
            v.bg.char_index(text, part.end() - block_span.start()),
        );
        let colour = tag_colour(h.colour, theme);
        let mut hover_rect: Option<Rect> = None;
        for r in translated(rects, v.galley_pos) {
            ui.painter().rect_filled(r, 2.0, colour);
            if h.note.is_some() {
                ui.painter().line_segment(
                    [r.left_bottom(), r.right_bottom()],
                    egui::Stroke::new(1.5, colour.to_opaque()),
                );
            }
            hover_rect = Some(hover_rect.map_or(r, |u| u.union(r)));
        }
        let Some(area) = hover_rect else {
            continue;
        };
        let lang = state.settings().language();
        let summary = highlight_summary(h, lang);
        let id = ui
            .scope_id()
            .with(("highlight", open.id.0, h.id.as_str(), v.index));
        let response = ui.interact(area, id, Sense::hover());
        response.widget_info(|| WidgetInfo::labeled(Role::Label, true, &summary));
        response.on_hover_text(summary);
    }
}

/// Shift-extending a selection keeps the end farther from the new point.
fn far_end(selection: TextSpan, offset: usize) -> usize {
    if offset < selection.start() {
        selection.end()
    } else {
        selection.start()
    }
}

/// A block on screen this frame.
struct Visible {
    index: usize,
    rect: Rect,
    galley_pos: egui::Pos2,
    bg: BlockGalley,
}

/// The cleaned-text offset under a screen position (the nearest character boundary).
fn offset_at(
    doc: &crate::document::Document,
    visible: &[Visible],
    pos: egui::Pos2,
) -> Option<usize> {
    let v = visible
        .iter()
        .find(|v| pos.y < v.rect.max.y)
        .or_else(|| visible.last())?;
    let block = doc.blocks().get(v.index)?;
    let text = doc.block_text(block);
    let cursor = v.bg.galley.cursor_from_pos(pos - v.galley_pos);
    Some(block.span.start() + v.bg.byte_offset(text, cursor.index.into()))
}

fn highlight_summary(h: &Highlight, lang: crate::app::i18n::Language) -> String {
    let mut out = if h.tags.is_empty() {
        lang.pick("（无标签）", "(no tags)").to_owned()
    } else {
        h.tags.join("、")
    };
    if let Some(note) = &h.note {
        out.push_str(" — ");
        out.push_str(note);
    }
    out
}

/// A note in a popup: its label and text, its URLs as links, and the note 同上 refers to.
fn note_popup(
    ui: &mut Ui,
    footnotes: &crate::extract::footnotes::Footnotes,
    note: &crate::extract::footnotes::Note,
    lang: crate::app::i18n::Language,
) {
    ui.label(egui::RichText::new(&note.label).strong());
    ui.label(&note.clean_text);
    for url in &note.urls {
        ui.hyperlink(url);
    }
    let repeated = note.ibid_of.or(note.repeat_of).or(note.short_form_of);
    if let Some(earlier) = repeated.and_then(|i| footnotes.notes.get(i)) {
        ui.separator();
        ui.weak(format!(
            "{} {}",
            lang.pick("所指注释", "Refers to note"),
            earlier.label
        ));
        ui.label(&earlier.clean_text);
        for url in &earlier.urls {
            ui.hyperlink(url);
        }
    }
}

/// A small toolbar above the selection: quick tags, the tag picker, a note, delete.
fn selection_toolbar(
    ui: &mut Ui,
    state: &AppState,
    open: &OpenDocument,
    visible: &[Visible],
    span: TextSpan,
    out: &mut Vec<Command>,
) {
    let doc = open.loaded.doc();
    let Some(v) = visible.iter().find(|v| {
        doc.blocks()
            .get(v.index)
            .is_some_and(|b| b.span.contains(span.start()) || b.span.start() == span.start())
    }) else {
        return;
    };
    let Some(block) = doc.blocks().get(v.index) else {
        return;
    };
    let text = doc.block_text(block);
    let ci = v.bg.char_index(text, span.start() - block.span.start());
    let top =
        v.bg.galley
            .pos_from_cursor(egui::epaint::text::cursor::CCursor::new(ci));
    let pos = v.galley_pos + top.min.to_vec2() - vec2(0.0, 34.0);
    let lang = state.settings().language();
    let read_only = state
        .annotations(open.id)
        .and_then(|a| a.read_only_reason())
        .is_some();
    egui::Area::new(ui.scope_id().with(("selection-toolbar", open.id.0)))
        .order(egui::Order::Foreground)
        .fixed_pos(pos)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.add_enabled_ui(!read_only, |ui| {
                    ui.horizontal(|ui| {
                        for (i, name) in state.settings().quick_tags.iter().take(4).enumerate() {
                            let n = u8::try_from(i + 1).unwrap_or(1);
                            let cmd = Command::QuickTag(n);
                            if ui
                                .small_button(format!("{n} {name}"))
                                .on_hover_text(cmd.tooltip(lang))
                                .clicked()
                            {
                                out.push(cmd);
                            }
                        }
                        for cmd in [
                            Command::OpenTagPicker,
                            Command::EditNote,
                            Command::DeleteAtSelection,
                        ] {
                            let tip = format!(
                                "{} ({})",
                                cmd.tooltip(lang),
                                cmd.shortcut().map(|s| s.text()).unwrap_or_default()
                            );
                            if ui
                                .small_button(cmd.label(lang))
                                .on_hover_text(tip)
                                .clicked()
                            {
                                out.push(cmd);
                            }
                        }
                    });
                });
            });
        });
}
