//! The Footnotes tab: each document's notes with their markers, each a jump.

use egui::{RichText, ScrollArea, Ui};

use crate::app::{AppState, Command, Location};

use super::doc_colour;
use crate::ui::theme::palette;

pub(super) fn footnotes_ui(ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
    let lang = state.settings().language();
    let p = palette(state.settings().theme);
    ScrollArea::vertical().id_salt("footnotes").show(ui, |ui| {
        for open in state.documents() {
            let f = &open.loaded.analysis().footnotes;
            let colour = doc_colour(state, open.id);
            let title = format!(
                "{} ({} {})",
                open.loaded.display_name(),
                f.notes.len(),
                lang.pick("条注释", "notes")
            );
            egui::CollapsingHeader::new(RichText::new(title).color(colour).strong())
                .id_salt(("footnotes-doc", open.id.0))
                .default_open(true)
                .show(ui, |ui| {
                    if f.notes.is_empty() && f.markers.is_empty() {
                        ui.weak(lang.pick("没有找到注释", "No footnotes found"));
                    }
                    for (i, note) in f.notes.iter().enumerate() {
                        let unreferenced = f.unreferenced_notes.contains(&i);
                        let markers: Vec<String> =
                            f.markers_of(i).map(|m| m.marker.clone()).collect();
                        let head = if markers.is_empty() {
                            note.label.clone()
                        } else {
                            markers.join(" ")
                        };
                        let text: String = note.clean_text.chars().take(160).collect();
                        let mut label = RichText::new(format!("{head}  {text}"));
                        if unreferenced {
                            label = label.color(p.error);
                        }
                        let r = ui.selectable_label(false, label);
                        let r = if unreferenced {
                            r.on_hover_text(lang.pick(
                                "正文中没有引用这条注释",
                                "No marker in the text refers to this note",
                            ))
                        } else {
                            r
                        };
                        if r.clicked() {
                            out.push(Command::JumpTo(Location {
                                doc: open.id,
                                offset: note.span.start(),
                            }));
                        }
                    }
                    if !f.unlinked_markers.is_empty() {
                        ui.add_space(4.0);
                        ui.colored_label(
                            p.error,
                            lang.pick("找不到注释的标记：", "Markers without a note:"),
                        );
                        ui.horizontal_wrapped(|ui| {
                            for &m in &f.unlinked_markers {
                                let Some(marker) = f.markers.get(m) else {
                                    continue;
                                };
                                let text =
                                    format!("{} ({}:{})", marker.marker, marker.line, marker.col);
                                if ui.selectable_label(false, text).clicked() {
                                    out.push(Command::JumpTo(Location {
                                        doc: open.id,
                                        offset: marker.span.start(),
                                    }));
                                }
                            }
                        });
                    }
                });
        }
    });
}
