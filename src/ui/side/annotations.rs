//! The Annotations tab: the open documents' annotations, filtered by text, tag and
//! document, each row a jump with its note, tags and status.

use egui::{RichText, ScrollArea, Ui};

use crate::annotation::{Colour, Status};
use crate::app::state::{OpenDocument, tag_path_within};
use crate::app::{AppState, Command, DocumentId, Location};

use super::{SidePanel, doc_colour};
use crate::ui::theme::{palette, tag_chip};

impl SidePanel {
    pub(super) fn annotations_ui(&mut self, ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
        let lang = state.settings().language();
        let docs = state.documents();
        ui.horizontal(|ui| {
            let label = ui.label(lang.pick("筛选", "Filter"));
            ui.add(
                egui::TextEdit::singleline(&mut self.annotation_filter)
                    .hint_text(lang.pick("引文或批注中的文字", "Text in quote or note"))
                    .desired_width(ui.available_width()),
            )
            .labelled_by(label.id);
        });
        let all_tags = state.tag_paths();
        ui.horizontal(|ui| {
            egui::ComboBox::new("annotation-tag-filter", lang.pick("标签", "Tag"))
                .selected_text(
                    self.annotation_tag
                        .clone()
                        .unwrap_or_else(|| lang.pick("全部标签", "All tags").to_owned()),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(
                        &mut self.annotation_tag,
                        None,
                        lang.pick("全部标签", "All tags"),
                    );
                    for t in &all_tags {
                        ui.selectable_value(&mut self.annotation_tag, Some(t.clone()), t);
                    }
                });
            if docs.len() > 1 {
                let name = |id: Option<DocumentId>| {
                    id.and_then(|id| state.document(id)).map_or_else(
                        || lang.pick("全部文档", "All documents").to_owned(),
                        |d| d.loaded.display_name(),
                    )
                };
                egui::ComboBox::new("annotation-doc-filter", lang.pick("文档", "Document"))
                    .selected_text(name(self.annotation_doc))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.annotation_doc, None, name(None));
                        for d in docs {
                            ui.selectable_value(
                                &mut self.annotation_doc,
                                Some(d.id),
                                name(Some(d.id)),
                            );
                        }
                    });
            }
        });
        ui.separator();
        ScrollArea::vertical()
            .id_salt("annotations")
            .show(ui, |ui| {
                for open in docs {
                    if self.annotation_doc.is_some_and(|d| d != open.id) {
                        continue;
                    }
                    self.document_annotations_ui(ui, state, open, out);
                }
                ui.separator();
                egui::CollapsingHeader::new(
                    RichText::new(lang.pick("标签管理", "Tag manager")).strong(),
                )
                .id_salt("tag-manager")
                .default_open(false)
                .show(ui, |ui| self.tag_manager_ui(ui, state, out));
            });
    }

    pub(super) fn document_annotations_ui(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        open: &OpenDocument,
        out: &mut Vec<Command>,
    ) {
        let lang = state.settings().language();
        let Some(ann) = state.annotations(open.id) else {
            return;
        };
        let set = ann.set();
        let filter = self.annotation_filter.trim().to_lowercase();
        let wanted = |a: &crate::annotation::Annotation| {
            let tags: Vec<String> = a.tags.iter().map(|t| set.tags().path(t)).collect();
            let tag_ok = self.annotation_tag.as_ref().is_none_or(|w| {
                tags.iter()
                    .any(|t| tag_path_within(t, std::slice::from_ref(w)))
            });
            let text_ok = filter.is_empty()
                || a.anchor.quote.exact.to_lowercase().contains(&filter)
                || a.note
                    .as_ref()
                    .is_some_and(|n| n.to_lowercase().contains(&filter));
            tag_ok && text_ok
        };
        let sorted = set.sorted();
        let (orphans, placed): (Vec<_>, Vec<_>) = sorted
            .into_iter()
            .filter(|a| wanted(a))
            .partition(|a| set.status(&a.id) == Status::Orphaned);
        let colour = doc_colour(state, open.id);
        let title = format!(
            "{} ({})",
            open.loaded.display_name(),
            placed.len() + orphans.len()
        );
        egui::CollapsingHeader::new(RichText::new(title).color(colour).strong())
            .id_salt(("annotations-doc", open.id.0))
            .default_open(true)
            .show(ui, |ui| {
                if let Some(reason) = ann.read_only_reason() {
                    ui.colored_label(palette(state.settings().theme).error, reason);
                }
                if placed.is_empty() && orphans.is_empty() {
                    ui.weak(lang.pick(
                        "还没有批注：选中文字后按 1–9 或 T",
                        "No annotations yet: select text, then press 1–9 or T",
                    ));
                }
                for a in placed {
                    annotation_row(ui, state, open, a, false, out);
                }
                if !orphans.is_empty() {
                    ui.add_space(6.0);
                    ui.label(
                        RichText::new(format!(
                            "{} ({})",
                            lang.pick("失联的批注", "Orphaned annotations"),
                            orphans.len()
                        ))
                        .color(palette(state.settings().theme).error),
                    );
                    ui.weak(lang.pick(
                        "原文已找不到；选中新位置后点“重新附着”",
                        "Their text is gone; select the new place, then Re-attach",
                    ));
                    for a in orphans {
                        annotation_row(ui, state, open, a, true, out);
                    }
                }
            });
    }
}

fn annotation_row(
    ui: &mut Ui,
    state: &AppState,
    open: &OpenDocument,
    a: &crate::annotation::Annotation,
    orphan: bool,
    out: &mut Vec<Command>,
) {
    let lang = state.settings().language();
    let Some(ann) = state.annotations(open.id) else {
        return;
    };
    let set = ann.set();
    let read_only = ann.read_only_reason().is_some();
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            for t in &a.tags {
                let colour = set.tags().get(t).map_or(Colour::default(), |t| t.colour);
                ui.label(
                    RichText::new(format!("● {}", set.tags().path(t))).color(tag_chip(colour)),
                );
            }
            if a.tags.is_empty() {
                ui.weak(lang.pick("（无标签）", "(no tags)"));
            }
        });
        let quote: String = a.anchor.quote.exact.chars().take(120).collect();
        let r = ui.selectable_label(false, RichText::new(format!("「{quote}」")));
        let r = if orphan {
            r
        } else {
            let at = set
                .resolution(&a.id)
                .span()
                .and_then(|s| open.loaded.doc().raw_pos(s.start()));
            match at {
                Some(p) => r.on_hover_text(format!(
                    "{} {}:{}",
                    lang.pick("原文行列", "Raw line:column"),
                    p.line,
                    p.col
                )),
                None => r,
            }
        };
        if !orphan
            && r.clicked()
            && let Some(span) = set.resolution(&a.id).span()
        {
            out.push(Command::JumpTo(Location {
                doc: open.id,
                offset: span.start(),
            }));
        }
        if let Some(note) = &a.note {
            ui.label(RichText::new(note).italics());
        }
        if orphan {
            ui.weak(format!(
                "{} {}:{}",
                lang.pick("原位置", "Last seen at"),
                a.anchor.raw.line,
                a.anchor.raw.col
            ));
        }
        ui.add_enabled_ui(!read_only, |ui| {
            ui.horizontal(|ui| {
                if ui.small_button(lang.pick("批注…", "Note…")).clicked() {
                    out.push(Command::EditNoteOf(open.id, a.id.clone()));
                }
                if ui.small_button(lang.pick("删除", "Delete")).clicked() {
                    out.push(Command::DeleteAnnotation(open.id, a.id.clone()));
                }
                if orphan {
                    let can = state.selection().is_some_and(|s| s.doc == open.id);
                    if ui
                        .add_enabled(
                            can,
                            egui::Button::new(
                                lang.pick("重新附着到选区", "Re-attach to selection"),
                            )
                            .small(),
                        )
                        .clicked()
                    {
                        out.push(Command::Reattach(open.id, a.id.clone()));
                    }
                }
            });
        });
    });
}
