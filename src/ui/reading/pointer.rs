//! The pointer over a block: footnote markers (hover shows the note, click jumps) and
//! selecting text with the mouse (drag, shift-click, double- and triple-click).

use egui::{Role, Sense, Ui, WidgetInfo};

use crate::app::state::OpenDocument;
use crate::app::{AppState, Command, Location};
use crate::span::TextSpan;

use super::popups::note_popup;
use super::{PaneView, Visible};
use crate::ui::highlight::{span_rects, translated};

impl PaneView {
    #[expect(
        clippy::too_many_arguments,
        reason = "one block's drawing inputs; bundling them would only rename them"
    )]
    pub(super) fn markers_ui(
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
    pub(super) fn pointer_ui(
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

/// Shift-extending a selection keeps the end farther from the new point.
pub(super) fn far_end(selection: TextSpan, offset: usize) -> usize {
    if offset < selection.start() {
        selection.end()
    } else {
        selection.start()
    }
}

/// The cleaned-text offset under a screen position (the nearest character boundary).
pub(super) fn offset_at(
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
