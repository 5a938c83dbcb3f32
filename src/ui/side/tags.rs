//! The tag manager under the Annotations tab: rename, merge, recolour and re-parent tags
//! across every open document.

use egui::{RichText, Ui};

use crate::annotation::Colour;
use crate::app::{AppState, Command};

use super::SidePanel;
use crate::ui::theme::tag_chip;

impl SidePanel {
    pub(super) fn tag_manager_ui(&mut self, ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
        let lang = state.settings().language();
        // Tags of every open document, once per id (documents share ids via the user library).
        let mut tags: Vec<(String, crate::annotation::Tag)> = Vec::new();
        for open in state.documents() {
            if let Some(ann) = state.annotations(open.id) {
                let lib = ann.set().tags();
                for t in lib.sorted() {
                    if !tags.iter().any(|(_, k)| k.id == t.id) {
                        tags.push((lib.path(&t.id), t.clone()));
                    }
                }
            }
        }
        tags.sort_by(|a, b| a.0.cmp(&b.0));
        if tags.is_empty() {
            ui.weak(lang.pick("还没有标签", "No tags yet"));
        }
        for (path, tag) in &tags {
            ui.horizontal(|ui| {
                ui.label(RichText::new("●").color(tag_chip(tag.colour)));
                match &mut self.renaming {
                    Some((id, text)) if *id == tag.id => {
                        let r = ui.add(egui::TextEdit::singleline(text).desired_width(100.0));
                        if ui.small_button(lang.pick("确定", "OK")).clicked()
                            || (r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)))
                        {
                            out.push(Command::RenameTag {
                                tag: tag.id.clone(),
                                name: text.clone(),
                            });
                            self.renaming = None;
                        }
                    }
                    _ => {
                        ui.label(path);
                        if ui
                            .small_button(lang.pick("改名", "Rename"))
                            .on_hover_text(lang.pick("重命名这个标签", "Rename this tag"))
                            .clicked()
                        {
                            self.renaming = Some((tag.id.clone(), tag.name.clone()));
                        }
                    }
                }
                ui.menu_button("⋯", |ui| {
                    ui.label(lang.pick("颜色", "Colour"));
                    ui.horizontal(|ui| {
                        for c in Colour::ALL {
                            let r = ui.add(
                                egui::Button::new(RichText::new("●").color(tag_chip(c)))
                                    .selected(c == tag.colour),
                            );
                            if r.on_hover_text(c.as_str()).clicked() {
                                out.push(Command::SetTagColour {
                                    tag: tag.id.clone(),
                                    colour: c,
                                });
                            }
                        }
                    });
                    ui.separator();
                    ui.menu_button(lang.pick("移到…之下", "Move under…"), |ui| {
                        if ui.button(lang.pick("（顶层）", "(top level)")).clicked() {
                            out.push(Command::SetTagParent {
                                tag: tag.id.clone(),
                                parent: None,
                            });
                            ui.close();
                        }
                        for (other_path, other) in &tags {
                            if other.id != tag.id && ui.button(other_path).clicked() {
                                out.push(Command::SetTagParent {
                                    tag: tag.id.clone(),
                                    parent: Some(other.id.clone()),
                                });
                                ui.close();
                            }
                        }
                    });
                    ui.menu_button(lang.pick("合并到…", "Merge into…"), |ui| {
                        for (other_path, other) in &tags {
                            if other.id != tag.id && ui.button(other_path).clicked() {
                                out.push(Command::MergeTags {
                                    from: tag.id.clone(),
                                    into: other.id.clone(),
                                });
                                ui.close();
                            }
                        }
                    });
                });
            });
        }
    }
}
