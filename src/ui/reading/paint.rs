//! Painting under a block's text: the panel of a listing or table, the rule of a margin
//! note, annotation highlights in their tags' colours.

use egui::{Rect, Role, Sense, Ui, WidgetInfo, pos2, vec2};

use crate::app::AppState;
use crate::app::state::OpenDocument;
use crate::span::TextSpan;

use super::Visible;
use super::popups::highlight_summary;
use crate::ui::highlight::{span_rects, translated};
use crate::ui::theme::{Palette, tag_colour};

/// Listings and tables sit on a tinted panel (a table framed as a grid); a margin note gets a
/// rule on its left, so none of them reads as prose.
pub(super) fn paint_block_frame(
    ui: &Ui,
    kind: crate::document::BlockKind,
    rect: Rect,
    p: &Palette,
) {
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

/// Annotations of this block in their tags' colours (underlined when they carry a note);
/// hovering one tells its tags and note.
pub(super) fn paint_highlights(
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
