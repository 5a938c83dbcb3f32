//! Two to four documents side by side: resizable columns, each with its own header and scroll.

use std::collections::BTreeMap;

use egui::{RichText, Ui};

use crate::app::state::OpenDocument;
use crate::app::{AppState, Command, DocumentId};

use super::reading::PaneView;
use super::theme::palette;

/// Width the column header keeps for its buttons (reload, back, move, close).
const HEADER_BUTTONS_WIDTH: f32 = 230.0;

pub fn columns_ui(
    ui: &mut Ui,
    state: &AppState,
    panes: &mut BTreeMap<DocumentId, PaneView>,
    out: &mut Vec<Command>,
) {
    let docs = state.documents();
    if docs.is_empty() {
        empty_ui(ui, state, out);
        return;
    }
    let n = docs.len();
    for (i, open) in docs.iter().enumerate() {
        let pane = panes.entry(open.id).or_default();
        if i + 1 < n {
            let width = ui.available_width() / (n - i) as f32;
            egui::Panel::left(("column", open.id.0))
                .resizable(true)
                .default_size(width)
                .min_size(160.0)
                .frame(egui::Frame::NONE)
                .show(ui, |ui| column_ui(ui, state, open, i, pane, out));
        } else {
            egui::CentralPanel::no_frame().show(ui, |ui| column_ui(ui, state, open, i, pane, out));
        }
    }
}

fn column_ui(
    ui: &mut Ui,
    state: &AppState,
    open: &OpenDocument,
    column: usize,
    pane: &mut PaneView,
    out: &mut Vec<Command>,
) {
    let lang = state.settings().language();
    let p = palette(state.settings().theme);
    let colour = p
        .documents
        .get(column % p.documents.len())
        .copied()
        .unwrap_or(p.accent);
    let count = state.documents().len();
    egui::Panel::top(("column-header", open.id.0)).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new("■").color(colour));
            let name = open.loaded.display_name();
            // Leave room for the buttons: a long title is cut short, never drawn under them.
            let room = (ui.available_width() - HEADER_BUTTONS_WIDTH).max(40.0);
            ui.allocate_ui(egui::vec2(room, ui.spacing().interact_size.y), |ui| {
                ui.add(egui::Label::new(RichText::new(&name).strong()).truncate())
                    .on_hover_text(open.loaded.path().display().to_string());
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let button = |ui: &mut Ui,
                              text: &str,
                              cmd: Command,
                              enabled: bool,
                              out: &mut Vec<Command>| {
                    let tip = cmd.tooltip(lang);
                    let label = cmd.label(lang);
                    let r = ui
                        .add_enabled(enabled, egui::Button::new(text).small())
                        .on_hover_text(format!("{label} — {tip}"));
                    if r.clicked() {
                        out.push(cmd);
                    }
                };
                button(ui, "×", Command::Close(open.id), true, out);
                button(
                    ui,
                    &Command::Back.label(lang),
                    Command::Back,
                    state.can_go_back(),
                    out,
                );
                button(ui, "→", Command::Move(open.id, 1), column + 1 < count, out);
                button(ui, "←", Command::Move(open.id, -1), column > 0, out);
                button(
                    ui,
                    &Command::Reload(open.id).label(lang),
                    Command::Reload(open.id),
                    true,
                    out,
                );
            });
        });
    });
    annotation_banner(ui, state, open);
    pane.ui(ui, state, open, out);
}

/// A broken annotation file (or a failed save) is said over the document, in words.
fn annotation_banner(ui: &mut Ui, state: &AppState, open: &OpenDocument) {
    let Some(ann) = state.annotations(open.id) else {
        return;
    };
    let lang = state.settings().language();
    let p = palette(state.settings().theme);
    let message = if let Some(reason) = ann.read_only_reason() {
        format!(
            "{} {}\n{reason}",
            lang.pick(
                "批注文件有误，修复之前不能编辑批注（文件不会被改写）：",
                "The annotation file is broken; annotation editing is off until it is fixed (the file is not touched):",
            ),
            ann.sidecar().path().display(),
        )
    } else if let Some(err) = ann.save_error() {
        format!(
            "{} {err}",
            lang.pick(
                "批注未能保存（修改仍在内存中，下次修改时重试）：",
                "Annotations could not be saved (kept in memory; retried on the next edit):",
            )
        )
    } else {
        return;
    };
    egui::Panel::top(("annotation-banner", open.id.0)).show(ui, |ui| {
        ui.add(egui::Label::new(RichText::new(message).color(p.error)).wrap());
    });
}

fn empty_ui(ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
    let lang = state.settings().language();
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.3);
        ui.heading(lang.pick(
            "旁注 · 中文文献阅读与批注",
            "Pangzhu · read and annotate Chinese documents",
        ));
        ui.add_space(12.0);
        if state.jobs().is_idle() {
            ui.label(lang.pick(
                "把文本文件拖到窗口里，或者：",
                "Drop text files on the window, or:",
            ));
            if ui
                .button(Command::Open.label(lang))
                .on_hover_text(Command::Open.tooltip(lang))
                .clicked()
            {
                out.push(Command::Open);
            }
        } else {
            ui.spinner();
        }
    });
}
