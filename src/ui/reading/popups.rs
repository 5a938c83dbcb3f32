//! Small windows over the reading pane: a highlight's summary, a note's popup, the
//! toolbar above the selection.

use egui::{Ui, vec2};

use crate::app::annotations::Highlight;
use crate::app::state::OpenDocument;
use crate::app::{AppState, Command};
use crate::span::TextSpan;

use super::Visible;

pub(super) fn highlight_summary(h: &Highlight, lang: crate::app::i18n::Language) -> String {
    let mut out = if h.tags.is_empty() {
        lang.pick("（无标签）", "(no tags)").to_owned()
    } else {
        h.tags.join("、")
    };
    if let Some(note) = &h.note {
        out.push_str(" — ");
        out.push_str(note);
    }
    out
}

/// A note in a popup: its label and text, its URLs as links, and the note 同上 refers to.
pub(super) fn note_popup(
    ui: &mut Ui,
    footnotes: &crate::extract::footnotes::Footnotes,
    note: &crate::extract::footnotes::Note,
    lang: crate::app::i18n::Language,
) {
    ui.label(egui::RichText::new(&note.label).strong());
    ui.label(&note.clean_text);
    for url in &note.urls {
        ui.hyperlink(url);
    }
    let repeated = note.ibid_of.or(note.repeat_of).or(note.short_form_of);
    if let Some(earlier) = repeated.and_then(|i| footnotes.notes.get(i)) {
        ui.separator();
        ui.weak(format!(
            "{} {}",
            lang.pick("所指注释", "Refers to note"),
            earlier.label
        ));
        ui.label(&earlier.clean_text);
        for url in &earlier.urls {
            ui.hyperlink(url);
        }
    }
}

/// A small toolbar above the selection: quick tags, the tag picker, a note, delete.
pub(super) fn selection_toolbar(
    ui: &mut Ui,
    state: &AppState,
    open: &OpenDocument,
    visible: &[Visible],
    span: TextSpan,
    out: &mut Vec<Command>,
) {
    let doc = open.loaded.doc();
    let Some(v) = visible.iter().find(|v| {
        doc.blocks()
            .get(v.index)
            .is_some_and(|b| b.span.contains(span.start()) || b.span.start() == span.start())
    }) else {
        return;
    };
    let Some(block) = doc.blocks().get(v.index) else {
        return;
    };
    let text = doc.block_text(block);
    let ci = v.bg.char_index(text, span.start() - block.span.start());
    let top =
        v.bg.galley
            .pos_from_cursor(egui::epaint::text::cursor::CCursor::new(ci));
    let pos = v.galley_pos + top.min.to_vec2() - vec2(0.0, 34.0);
    let lang = state.settings().language();
    let read_only = state
        .annotations(open.id)
        .and_then(|a| a.read_only_reason())
        .is_some();
    egui::Area::new(ui.scope_id().with(("selection-toolbar", open.id.0)))
        .order(egui::Order::Foreground)
        .fixed_pos(pos)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.add_enabled_ui(!read_only, |ui| {
                    ui.horizontal(|ui| {
                        for (i, name) in state.settings().quick_tags.iter().take(4).enumerate() {
                            let n = u8::try_from(i + 1).unwrap_or(1);
                            let cmd = Command::QuickTag(n);
                            if ui
                                .small_button(format!("{n} {name}"))
                                .on_hover_text(cmd.tooltip(lang))
                                .clicked()
                            {
                                out.push(cmd);
                            }
                        }
                        for cmd in [
                            Command::OpenTagPicker,
                            Command::EditNote,
                            Command::DeleteAtSelection,
                        ] {
                            let tip = format!(
                                "{} ({})",
                                cmd.tooltip(lang),
                                cmd.shortcut().map(|s| s.text()).unwrap_or_default()
                            );
                            if ui
                                .small_button(cmd.label(lang))
                                .on_hover_text(tip)
                                .clicked()
                            {
                                out.push(cmd);
                            }
                        }
                    });
                });
            });
        });
}
