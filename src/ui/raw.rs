//! The raw file beside the cleaned text, scrolled in step through the source map: it follows
//! the first line of the cleaned pane's top block.

use egui::{RichText, ScrollArea, Ui};

use crate::app::state::OpenDocument;

#[derive(Default)]
pub struct RawView {
    followed_block: Option<usize>,
}

impl RawView {
    pub fn ui(&mut self, ui: &mut Ui, open: &OpenDocument, top_block: usize) {
        let doc = open.loaded.doc();
        let raw = doc.raw();
        let row_height = ui.text_style_height(&egui::TextStyle::Monospace);
        let spacing = ui.spacing().item_spacing.y;
        let mut area = ScrollArea::both()
            .id_salt(("raw", open.id.0))
            .auto_shrink(false);
        if self.followed_block != Some(top_block) {
            self.followed_block = Some(top_block);
            let line = doc
                .blocks()
                .get(top_block)
                .map_or(1, |b| b.first_line.max(1));
            area = area.vertical_scroll_offset((line - 1) as f32 * (row_height + spacing));
        }
        let weak = ui.visuals().weak_text_color();
        area.show_rows(ui, row_height, raw.line_count(), |ui, rows| {
            for n in rows {
                let text = raw.line(n + 1).unwrap_or_default();
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(format!("{:>5}", n + 1))
                            .monospace()
                            .color(weak),
                    );
                    ui.label(RichText::new(text).monospace());
                });
            }
        });
    }
}
