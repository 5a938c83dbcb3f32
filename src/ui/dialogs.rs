//! Dialog-like parts: the in-app path field (when no system file dialog exists), the
//! notification list and the status bar with job progress.

use egui::{RichText, Ui};

use crate::app::command::{ExportRequest, ExportScope};
use crate::app::i18n::Language;
use crate::app::state::{OpenDialog, Severity};
use crate::app::{AppState, Command};
use crate::export::Format;

use super::theme::palette;

/// Ephemeral state of the dialogs (text typed so far, choices not yet applied).
pub struct Dialogs {
    path_text: String,
    picker_filter: String,
    picker_focus: bool,
    note_text: String,
    note_serial: u64,
    export_format: Format,
    export_scope: ScopeChoice,
    export_tags: std::collections::BTreeSet<String>,
    export_path: String,
    export_picked_serial: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScopeChoice {
    ThisDocument,
    AllOpen,
    Tags,
}

impl Default for Dialogs {
    fn default() -> Self {
        Self {
            path_text: String::new(),
            picker_filter: String::new(),
            picker_focus: false,
            note_text: String::new(),
            note_serial: 0,
            export_format: Format::Markdown,
            export_scope: ScopeChoice::AllOpen,
            export_tags: std::collections::BTreeSet::new(),
            export_path: String::new(),
            export_picked_serial: 0,
        }
    }
}

fn format_label(format: Format) -> (&'static str, &'static str) {
    match format {
        Format::Markdown => ("Markdown", "md"),
        Format::Csv => ("CSV", "csv"),
        Format::W3cJson => ("W3C Web Annotation JSON", "json"),
        Format::Html => ("HTML", "html"),
    }
}

/// Where an export goes unless the reader picks another place: beside the first document.
fn default_export_path(state: &AppState, format: Format) -> String {
    let ext = format_label(format).1;
    let base = state
        .documents()
        .first()
        .map(|d| d.loaded.path().to_owned())
        .unwrap_or_else(|| std::path::PathBuf::from("pangzhu"));
    let stem = base.file_stem().map_or_else(
        || "pangzhu".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    base.with_file_name(format!("{stem}.annotations.{ext}"))
        .display()
        .to_string()
}

impl Dialogs {
    /// The tag picker: type to filter, Enter takes the first match or creates the typed tag.
    pub fn tag_picker_ui(&mut self, ctx: &egui::Context, state: &AppState, out: &mut Vec<Command>) {
        if !state.tag_picker_open() {
            self.picker_filter.clear();
            self.picker_focus = false;
            return;
        }
        let lang = state.settings().language();
        let mut open = true;
        egui::Window::new(lang.pick("加标签", "Tag the selection"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(280.0)
            .show(ctx, |ui| {
                let label =
                    ui.label(lang.pick("标签（可用 / 分层）", "Tag (use / for a hierarchy)"));
                let edit = ui
                    .add(egui::TextEdit::singleline(&mut self.picker_filter))
                    .labelled_by(label.id);
                if !self.picker_focus {
                    edit.request_focus();
                    self.picker_focus = true;
                }
                let filter = self.picker_filter.trim().to_lowercase();
                let matches: Vec<String> = state
                    .tag_paths()
                    .into_iter()
                    .filter(|p| filter.is_empty() || p.to_lowercase().contains(&filter))
                    .collect();
                let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if enter {
                    let typed = self.picker_filter.trim();
                    let exact = matches.iter().find(|m| m.to_lowercase() == filter);
                    let chosen = match (exact, matches.first()) {
                        (Some(e), _) => Some(e.clone()),
                        (None, _) if !typed.is_empty() => Some(typed.to_owned()),
                        (None, first) => first.cloned(),
                    };
                    if let Some(path) = chosen {
                        out.push(Command::TagSelection(path));
                    }
                }
                if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    out.push(Command::CloseTagPicker);
                }
                egui::ScrollArea::vertical()
                    .max_height(240.0)
                    .show(ui, |ui| {
                        for m in &matches {
                            if ui.selectable_label(false, m).clicked() {
                                out.push(Command::TagSelection(m.clone()));
                            }
                        }
                    });
                let typed = self.picker_filter.trim();
                if !typed.is_empty() && !matches.iter().any(|m| m == typed) {
                    ui.weak(format!(
                        "{} “{typed}”",
                        lang.pick("回车新建标签", "Enter creates the tag")
                    ));
                }
            });
        if !open {
            out.push(Command::CloseTagPicker);
        }
    }

    /// The note editor (multi-line): Save stores it, an empty note clears it.
    pub fn note_editor_ui(
        &mut self,
        ctx: &egui::Context,
        state: &AppState,
        out: &mut Vec<Command>,
    ) {
        let Some(editor) = state.note_editor() else {
            return;
        };
        if editor.serial != self.note_serial {
            self.note_serial = editor.serial;
            self.note_text.clone_from(&editor.initial);
        }
        let lang = state.settings().language();
        let mut open = true;
        egui::Window::new(lang.pick("批注", "Note"))
            .open(&mut open)
            .collapsible(false)
            .default_width(360.0)
            .show(ctx, |ui| {
                let quote: String = editor.quote.chars().take(80).collect();
                ui.weak(format!("「{quote}」"));
                let label = ui.label(lang.pick("批注内容", "Note text"));
                let edit = ui
                    .add(
                        egui::TextEdit::multiline(&mut self.note_text)
                            .desired_rows(5)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                if editor.serial == self.note_serial
                    && !edit.has_focus()
                    && self.note_text == editor.initial
                {
                    edit.request_focus();
                }
                ui.horizontal(|ui| {
                    let save = ui.button(lang.pick("保存批注", "Save note"));
                    let ctrl_enter =
                        ui.input(|i| i.modifiers.command && i.key_pressed(egui::Key::Enter));
                    if save.clicked() || ctrl_enter {
                        out.push(Command::SaveNote(self.note_text.clone()));
                    }
                    if ui.button(lang.pick("取消", "Cancel")).clicked() {
                        out.push(Command::CloseNoteEditor);
                    }
                });
            });
        if !open {
            out.push(Command::CloseNoteEditor);
        }
    }

    /// Export: format, scope, where; the system save dialog when there is one, the path
    /// field always.
    pub fn export_ui(&mut self, ctx: &egui::Context, state: &AppState, out: &mut Vec<Command>) {
        let dialog = state.export_dialog();
        if !dialog.open {
            return;
        }
        if let Some((serial, path)) = &dialog.picked
            && *serial != self.export_picked_serial
        {
            self.export_picked_serial = *serial;
            self.export_path = path.display().to_string();
        }
        if self.export_path.is_empty() {
            self.export_path = default_export_path(state, self.export_format);
        }
        let lang = state.settings().language();
        let mut open = true;
        egui::Window::new(lang.pick("导出批注", "Export annotations"))
            .open(&mut open)
            .collapsible(false)
            .default_width(420.0)
            .show(ctx, |ui| {
                self.export_choices_ui(ui, state, lang);
                ui.separator();
                ui.horizontal(|ui| {
                    let label = ui.label(lang.pick("导出到：", "Export to:"));
                    ui.add(
                        egui::TextEdit::singleline(&mut self.export_path)
                            .desired_width(ui.available_width() - 110.0),
                    )
                    .labelled_by(label.id);
                    let browse = Command::BrowseExportPath(self.export_format);
                    if ui
                        .add_enabled(!dialog.waiting, egui::Button::new(browse.label(lang)))
                        .clicked()
                    {
                        out.push(browse);
                    }
                });
                if dialog.no_system_dialog {
                    ui.weak(lang.pick(
                        "这里没有系统文件对话框，请直接输入路径",
                        "No system file dialog here: type the path",
                    ));
                }
                let scope = match self.export_scope {
                    // The document being worked on: the one with the selection, else the first.
                    ScopeChoice::ThisDocument => state
                        .selection()
                        .map(|s| s.doc)
                        .or_else(|| state.documents().first().map(|d| d.id))
                        .map_or(ExportScope::AllOpen, ExportScope::Document),
                    ScopeChoice::AllOpen => ExportScope::AllOpen,
                    ScopeChoice::Tags => {
                        ExportScope::Tags(self.export_tags.iter().cloned().collect())
                    }
                };
                let count = state.export_count(&scope);
                ui.weak(format!("{count} {}", lang.pick("条批注", "annotations")));
                let ready = !self.export_path.trim().is_empty();
                if ui
                    .add_enabled(ready, egui::Button::new(lang.pick("导出", "Export")))
                    .clicked()
                {
                    out.push(Command::Export(ExportRequest {
                        format: self.export_format,
                        scope,
                        path: std::path::PathBuf::from(self.export_path.trim()),
                    }));
                }
            });
        if !open {
            out.push(Command::HideExport);
        }
    }

    /// The export window's format and scope choices (and the tags, when the scope is tags).
    fn export_choices_ui(&mut self, ui: &mut Ui, state: &AppState, lang: Language) {
        ui.label(lang.pick("格式", "Format"));
        for format in [Format::Markdown, Format::Csv, Format::W3cJson, Format::Html] {
            let (name, ext) = format_label(format);
            if ui.radio(self.export_format == format, name).clicked() {
                self.export_format = format;
                // Keep the chosen folder and name; only the extension follows the format.
                let path = std::path::PathBuf::from(&self.export_path);
                self.export_path = path.with_extension(ext).display().to_string();
            }
        }
        ui.separator();
        ui.label(lang.pick("范围", "Scope"));
        for (choice, text) in [
            (
                ScopeChoice::ThisDocument,
                lang.pick("当前文档", "This document"),
            ),
            (
                ScopeChoice::AllOpen,
                lang.pick("全部打开的文档", "All open documents"),
            ),
            (ScopeChoice::Tags, lang.pick("选定的标签", "Selected tags")),
        ] {
            if ui.radio(self.export_scope == choice, text).clicked() {
                self.export_scope = choice;
            }
        }
        if self.export_scope == ScopeChoice::Tags {
            ui.horizontal_wrapped(|ui| {
                for t in state.tag_paths() {
                    let mut on = self.export_tags.contains(&t);
                    if ui.checkbox(&mut on, &t).changed() {
                        if on {
                            self.export_tags.insert(t);
                        } else {
                            self.export_tags.remove(&t);
                        }
                    }
                }
            });
        }
    }

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
