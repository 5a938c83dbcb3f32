//! Dialog-like parts: the in-app path field (when no system file dialog exists), the
//! notification list and the status bar with job progress.

use egui::{RichText, Ui};

use crate::app::state::{OpenDialog, Severity};
use crate::app::{AppState, Command};

use super::theme::palette;

#[derive(Default)]
pub struct Dialogs {
    path_text: String,
}

impl Dialogs {
    /// The path field, shown when the system dialog is unavailable.
    pub fn path_field_ui(&mut self, ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
        if state.open_dialog() != OpenDialog::PathField {
            return;
        }
        let lang = state.settings().language();
        ui.horizontal(|ui| {
            let label = ui.label(lang.pick("打开文件路径：", "Open file path:"));
            let edit = ui
                .add(
                    egui::TextEdit::singleline(&mut self.path_text)
                        .desired_width(ui.available_width() - 160.0)
                        .hint_text(
                            lang.pick("每行或以分号分隔多个路径", "Separate several paths with ;"),
                        ),
                )
                .labelled_by(label.id);
            let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button(lang.pick("打开", "Open")).clicked() || enter {
                let paths = self
                    .path_text
                    .split([';', '\n'])
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(std::path::PathBuf::from)
                    .collect();
                out.push(Command::OpenPaths(paths));
                self.path_text.clear();
            }
            if ui.button(lang.pick("取消", "Cancel")).clicked() {
                out.push(Command::OpenPaths(Vec::new()));
            }
        });
    }
}

pub fn notifications_ui(ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
    let p = palette(state.settings().theme);
    let lang = state.settings().language();
    for (i, n) in state.notifications().iter().enumerate() {
        ui.horizontal(|ui| {
            let (icon, colour) = match n.severity {
                Severity::Error => ("！", p.error),
                Severity::Info => ("※", p.accent),
            };
            ui.label(RichText::new(icon).color(colour));
            ui.label(RichText::new(&n.text).color(colour));
            if ui
                .small_button("×")
                .on_hover_text(lang.pick("关闭通知", "Dismiss"))
                .clicked()
            {
                out.push(Command::DismissNotification(i));
            }
        });
    }
}

pub fn status_ui(ui: &mut Ui, state: &AppState) {
    let lang = state.settings().language();
    ui.horizontal(|ui| {
        for job in state.jobs().running() {
            ui.label(&job.label);
            ui.add(
                egui::ProgressBar::new(job.progress.fraction())
                    .desired_width(160.0)
                    .animate(true),
            );
        }
        if state.jobs().is_idle() {
            let n = state.documents().len();
            ui.weak(format!(
                "{n} {}  ·  {} {:.0}",
                lang.pick("篇文档", "documents"),
                lang.pick("字号", "size"),
                state.settings().font_size
            ));
        }
    });
}
