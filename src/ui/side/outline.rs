//! The Outline tab: each document's headings, each a jump.

use egui::{RichText, ScrollArea, Ui};

use crate::app::{AppState, Command, Location};

use super::doc_colour;

pub(super) fn outline_ui(ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
    ScrollArea::vertical().id_salt("outline").show(ui, |ui| {
        for open in state.documents() {
            let colour = doc_colour(state, open.id);
            let name = open.loaded.display_name();
            egui::CollapsingHeader::new(RichText::new(name).color(colour).strong())
                .id_salt(("outline-doc", open.id.0))
                .default_open(true)
                .show(ui, |ui| {
                    let doc = open.loaded.doc();
                    for entry in open.loaded.outline().iter().filter(|e| e.level > 0) {
                        let Some(block) = doc.blocks().get(entry.block) else {
                            continue;
                        };
                        ui.horizontal(|ui| {
                            ui.add_space(f32::from(entry.level.saturating_sub(1)) * 12.0);
                            if ui.selectable_label(false, &entry.text).clicked() {
                                out.push(Command::JumpTo(Location {
                                    doc: open.id,
                                    offset: block.span.start(),
                                }));
                            }
                        });
                    }
                });
        }
    });
}
