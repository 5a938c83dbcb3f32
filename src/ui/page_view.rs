//! The original page beside the reflowed text (documents with pages, i.e. PDFs): the page of
//! the pane's top block, with the selection and every highlight outlined on it; a click on the
//! page scrolls the text there.

use egui::{
    Color32, Rect, Sense, Stroke, StrokeKind, TextureHandle, TextureOptions, Ui, pos2, vec2,
};

use crate::app::pages::{PageImage, PageState};
use crate::app::state::OpenDocument;
use crate::app::{AppState, Command, Location};
use crate::document::pages::PageRect;

use super::theme::{Palette, tag_colour};

/// The texture of the page shown, kept until another page is shown.
#[derive(Default)]
pub struct PageView {
    texture: Option<(u32, TextureHandle)>,
}

impl PageView {
    /// Draw the page holding block `top_block`.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        open: &OpenDocument,
        top_block: usize,
        p: &Palette,
        out: &mut Vec<Command>,
    ) {
        // The panel keeps its width: a spinner must not shrink it to nothing on the first frame.
        ui.set_min_width(ui.available_width());
        let doc = open.loaded.doc();
        let page = doc
            .blocks()
            .get(top_block)
            .and_then(|b| b.page)
            .unwrap_or(1);
        let Some(geometry) = doc.geometry() else {
            return;
        };
        let Some(size) = geometry
            .pages
            .get(page as usize - 1)
            .map(|g| (g.width, g.height))
        else {
            return;
        };
        ui.label(
            egui::RichText::new(format!("第 {page} / {} 页", doc.page_count()))
                .small()
                .color(p.muted),
        );
        let image = match state.page_image(open.id, page) {
            None => {
                out.push(Command::RequestPage { doc: open.id, page });
                ui.spinner();
                return;
            }
            Some(PageState::Rendering) => {
                ui.spinner();
                return;
            }
            Some(PageState::Failed(e)) => {
                ui.colored_label(p.error, e.as_str());
                return;
            }
            Some(PageState::Ready(image)) => image,
        };
        let texture = self.texture_of(ui, open, page, image);
        egui::ScrollArea::vertical()
            .id_salt(("page-view", open.id.0))
            .auto_shrink(false)
            .show(ui, |ui| {
                let width = ui.available_width().max(100.0);
                let scale = width / size.0.max(1.0);
                let (rect, response) =
                    ui.allocate_exact_size(vec2(width, size.1 * scale), Sense::click());
                ui.painter().image(
                    texture.id(),
                    rect,
                    Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
                    Color32::WHITE,
                );
                let to_screen = |r: PageRect| {
                    Rect::from_min_max(
                        rect.min + vec2(r.x0 * scale, r.y0 * scale),
                        rect.min + vec2(r.x1 * scale, r.y1 * scale),
                    )
                    .expand(1.5)
                };
                paint_marks(ui, state, open, page, &to_screen, p);
                // The page's accessible name, so screen readers (and the GUI tests) can find it.
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::Image, true, format!("Page {page}"))
                });
                if response.clicked()
                    && let Some(pos) = response.interact_pointer_pos()
                {
                    let at = (pos - rect.min) / scale;
                    if let Some(offset) = doc.offset_at_point(page, at.x, at.y) {
                        out.push(Command::JumpTo(Location {
                            doc: open.id,
                            offset,
                        }));
                    }
                }
                response
                    .on_hover_text("点击跳到正文中的此处 / Click to go to this place in the text");
            });
    }

    /// The page's texture, uploaded once per page (and again if the image size changed).
    fn texture_of(
        &mut self,
        ui: &Ui,
        open: &OpenDocument,
        page: u32,
        image: &PageImage,
    ) -> egui::TextureHandle {
        match &self.texture {
            Some((n, t))
                if *n == page && t.size() == [image.width as usize, image.height as usize] =>
            {
                t.clone()
            }
            _ => {
                let colour = egui::ColorImage::from_rgba_unmultiplied(
                    [image.width as usize, image.height as usize],
                    &image.rgba,
                );
                let t = ui.ctx().load_texture(
                    format!("page-{}-{page}", open.id.0),
                    colour,
                    TextureOptions::LINEAR,
                );
                self.texture = Some((page, t.clone()));
                t
            }
        }
    }
}

/// Annotations (filled in their tags' colours) and the selection (outlined) over the page.
fn paint_marks(
    ui: &Ui,
    state: &AppState,
    open: &OpenDocument,
    page: u32,
    to_screen: &dyn Fn(PageRect) -> Rect,
    p: &Palette,
) {
    let doc = open.loaded.doc();
    if let Some(ann) = state.annotations(open.id) {
        for h in ann.highlights() {
            if doc.page_of(h.span.start()) != Some(page) {
                continue;
            }
            let colour = tag_colour(h.colour, state.settings().theme);
            for (_, r) in doc
                .page_rects(h.span)
                .into_iter()
                .filter(|(n, _)| *n == page)
            {
                ui.painter()
                    .rect_filled(to_screen(r), 1.0, colour.gamma_multiply(0.35));
            }
        }
    }
    if let Some(sel) = state.selection().filter(|s| s.doc == open.id) {
        for (_, r) in doc
            .page_rects(sel.span)
            .into_iter()
            .filter(|(n, _)| *n == page)
        {
            ui.painter().rect_stroke(
                to_screen(r),
                1.0,
                Stroke::new(2.0, p.accent),
                StrokeKind::Outside,
            );
        }
    }
}
