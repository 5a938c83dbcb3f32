//! The Names & keywords tab: people, places and organisations per document, and the
//! places each one is mentioned.

use egui::{RichText, ScrollArea, Ui};

use crate::app::i18n::Language;
use crate::app::{AppState, Command, Location};
use crate::nlp::entities::EntityKind;

use super::{SidePanel, doc_colour};

impl SidePanel {
    pub(super) fn names_ui(&mut self, ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
        let lang = state.settings().language();
        ScrollArea::vertical().id_salt("names").show(ui, |ui| {
            for open in state.documents() {
                let analysis = open.loaded.analysis();
                let colour = doc_colour(state, open.id);
                egui::CollapsingHeader::new(
                    RichText::new(open.loaded.display_name())
                        .color(colour)
                        .strong(),
                )
                .id_salt(("names-doc", open.id.0))
                .default_open(true)
                .show(ui, |ui| {
                    for kind in [
                        EntityKind::Place,
                        EntityKind::Person,
                        EntityKind::Org,
                        EntityKind::Title,
                        EntityKind::Programme,
                    ] {
                        let entities: Vec<_> = analysis
                            .entities
                            .iter()
                            .filter(|e| e.kind == kind)
                            .collect();
                        if entities.is_empty() {
                            continue;
                        }
                        ui.label(RichText::new(kind_label(kind, lang)).strong());
                        ui.horizontal_wrapped(|ui| {
                            for e in &entities {
                                let key = (open.id, e.name.clone());
                                let selected = self.entity_open.as_ref() == Some(&key);
                                let text = format!("{} {}", e.name, e.count);
                                if ui.selectable_label(selected, text).clicked() {
                                    self.entity_open = (!selected).then_some(key);
                                }
                            }
                        });
                        if let Some((doc, name)) = &self.entity_open
                            && *doc == open.id
                            && let Some(e) = entities.iter().find(|e| &e.name == name)
                        {
                            egui::Frame::group(ui.style()).show(ui, |ui| {
                                for occ in &e.occurrences {
                                    let text = open.loaded.doc().text();
                                    let snippet = crate::nlp::search::snippet(text, occ.span);
                                    let label = format!("{}:{}  {snippet}", occ.line, occ.col);
                                    if ui.selectable_label(false, label).clicked() {
                                        out.push(Command::JumpTo(Location {
                                            doc: open.id,
                                            offset: occ.span.start(),
                                        }));
                                    }
                                }
                            });
                        }
                        ui.add_space(4.0);
                    }
                    if !analysis.keywords.is_empty() {
                        ui.label(RichText::new(lang.pick("关键词", "Keywords")).strong());
                        ui.horizontal_wrapped(|ui| {
                            for k in &analysis.keywords {
                                let r = ui
                                    .selectable_label(false, &k.word)
                                    .on_hover_text(format!("TF-IDF {:.3}", k.weight));
                                if r.clicked() {
                                    out.push(Command::Search);
                                    out.push(Command::SetSearchQuery(k.word.clone()));
                                    self.search_text.clone_from(&k.word);
                                }
                            }
                        });
                    }
                });
            }
        });
    }
}

fn kind_label(kind: EntityKind, lang: Language) -> &'static str {
    match kind {
        EntityKind::Place => lang.pick("地名", "Places"),
        EntityKind::Person => lang.pick("人名", "People"),
        EntityKind::Org => lang.pick("机构", "Organisations"),
        EntityKind::Title => lang.pick("书名与文件", "Titles"),
        EntityKind::Programme => lang.pick("计划与项目", "Programmes"),
    }
}
