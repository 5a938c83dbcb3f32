//! The side panel: tabs over the open documents (Outline, Search; the engine tabs plug in here).

use egui::{RichText, ScrollArea, Ui};

use crate::app::settings::SideTab;
use crate::app::{AppState, Command, Location};

use super::theme::palette;

/// Ephemeral side-panel state.
#[derive(Default)]
pub struct SidePanel {
    search_text: String,
    focused_serial: u64,
}

/// Tabs that have something to show in this build.
fn available_tabs() -> [SideTab; 2] {
    [SideTab::Outline, SideTab::Search]
}

impl SidePanel {
    pub fn ui(&mut self, ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
        let lang = state.settings().language();
        let current = state.settings().side_tab;
        ui.horizontal_wrapped(|ui| {
            for tab in available_tabs() {
                if ui
                    .selectable_label(current == tab, tab.label(lang))
                    .clicked()
                {
                    out.push(Command::ShowTab(tab));
                }
            }
        });
        ui.separator();
        match current {
            SideTab::Search => self.search_ui(ui, state, out),
            _ => outline_ui(ui, state, out),
        }
    }

    fn search_ui(&mut self, ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
        let lang = state.settings().language();
        let label = ui.label(lang.pick("在打开的文档中搜索", "Search the open documents"));
        let response = ui.add(
            egui::TextEdit::singleline(&mut self.search_text)
                .hint_text(lang.pick("输入词语，回车查找", "Type a word, Enter to find")),
        );
        let response = response.labelled_by(label.id);
        if state.search_focus() != self.focused_serial {
            self.focused_serial = state.search_focus();
            response.request_focus();
        }
        if response.changed() {
            out.push(Command::SetSearchQuery(self.search_text.clone()));
        }
        if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            let back = ui.input(|i| i.modifiers.shift);
            out.push(Command::SearchStep(if back { -1 } else { 1 }));
            response.request_focus();
        }
        let search = state.search();
        if search.query.trim().is_empty() {
            return;
        }
        ui.weak(format!("{} {}", search.hits.len(), lang.pick("处", "hits")));
        let colours = palette(state.settings().theme).documents;
        ScrollArea::vertical()
            .id_salt("search-hits")
            .show(ui, |ui| {
                for (n, (doc, hit)) in search.hits.iter().enumerate() {
                    let column = state
                        .documents()
                        .iter()
                        .position(|d| d.id == *doc)
                        .unwrap_or(0);
                    let colour = colours
                        .get(column % colours.len())
                        .copied()
                        .unwrap_or_default();
                    let mut job = egui::text::LayoutJob::default();
                    let base = egui::TextFormat {
                        color: ui.visuals().text_color(),
                        ..Default::default()
                    };
                    job.append(
                        "■ ",
                        0.0,
                        egui::TextFormat {
                            color: colour,
                            ..base.clone()
                        },
                    );
                    job.append(&hit.before, 0.0, base.clone());
                    job.append(
                        &hit.matched,
                        0.0,
                        egui::TextFormat {
                            background: ui.visuals().selection.bg_fill,
                            ..base.clone()
                        },
                    );
                    job.append(&hit.after, 0.0, base);
                    if ui
                        .selectable_label(search.current == Some(n), job)
                        .clicked()
                    {
                        out.push(Command::SearchSelect(n));
                    }
                }
            });
    }
}

fn outline_ui(ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
    let colours = palette(state.settings().theme).documents;
    ScrollArea::vertical().id_salt("outline").show(ui, |ui| {
        for (column, open) in state.documents().iter().enumerate() {
            let colour = colours
                .get(column % colours.len())
                .copied()
                .unwrap_or_default();
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
