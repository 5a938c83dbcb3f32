//! The menu bar, keyboard shortcuts and the Help window, all generated from the command table.

use egui::{Button, KeyboardShortcut, Modifiers, Ui};

use crate::app::command::{Key, MENU_EDIT, MENU_FILE, MENU_GO, MENU_HELP, MENU_VIEW, Shortcut};
use crate::app::i18n::Language;
use crate::app::settings::{ReadingFont, ThemeChoice};
use crate::app::{AppState, Command};

fn egui_keys(key: Key) -> &'static [egui::Key] {
    match key {
        Key::O => &[egui::Key::O],
        Key::Q => &[egui::Key::Q],
        Key::F => &[egui::Key::F],
        Key::E => &[egui::Key::E],
        Key::R => &[egui::Key::R],
        Key::W => &[egui::Key::W],
        // Ctrl+= is where Ctrl++ is on most keyboards.
        Key::Plus => &[egui::Key::Plus, egui::Key::Equals],
        Key::Minus => &[egui::Key::Minus],
        Key::Num0 => &[egui::Key::Num0],
        Key::F1 => &[egui::Key::F1],
        Key::ArrowLeft => &[egui::Key::ArrowLeft],
        Key::T => &[egui::Key::T],
        Key::N => &[egui::Key::N],
        Key::Z => &[egui::Key::Z],
        Key::Delete => &[egui::Key::Delete, egui::Key::Backspace],
        Key::Digit(n) => match n {
            1 => &[egui::Key::Num1],
            2 => &[egui::Key::Num2],
            3 => &[egui::Key::Num3],
            4 => &[egui::Key::Num4],
            5 => &[egui::Key::Num5],
            6 => &[egui::Key::Num6],
            7 => &[egui::Key::Num7],
            8 => &[egui::Key::Num8],
            9 => &[egui::Key::Num9],
            _ => &[],
        },
    }
}

fn modifiers(s: &Shortcut) -> Modifiers {
    let mut m = Modifiers::NONE;
    if s.ctrl {
        m |= Modifiers::COMMAND;
    }
    if s.shift {
        m |= Modifiers::SHIFT;
    }
    if s.alt {
        m |= Modifiers::ALT;
    }
    m
}

/// Turn pressed shortcuts into commands. While a text field has the keyboard, plain keys and
/// Ctrl+Z belong to it.
pub fn shortcuts(ui: &mut Ui, out: &mut Vec<Command>) {
    let typing = ui.ctx().egui_wants_keyboard_input();
    let mut table: Vec<(&Command, Shortcut)> = Command::with_shortcuts()
        .filter_map(|c| c.shortcut().map(|s| (c, s)))
        .collect();
    // egui matches Ctrl+Z on Ctrl+Shift+Z too: try the shifted shortcuts first.
    table.sort_by_key(|(_, s)| !s.shift);
    for (cmd, shortcut) in table {
        if typing && (shortcut.is_plain() || shortcut.key == Key::Z) {
            continue;
        }
        let mods = modifiers(&shortcut);
        let pressed = egui_keys(shortcut.key)
            .iter()
            .any(|&key| ui.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(mods, key))));
        if pressed {
            out.push(cmd.clone());
        }
    }
}

fn command_button(ui: &mut Ui, cmd: &Command, lang: Language, out: &mut Vec<Command>) {
    let mut button = Button::new(cmd.label(lang));
    if let Some(s) = cmd.shortcut() {
        button = button.shortcut_text(s.text());
    }
    if ui.add(button).on_hover_text(cmd.tooltip(lang)).clicked() {
        out.push(cmd.clone());
        ui.close();
    }
}

pub fn menu_bar_ui(ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
    let lang = state.settings().language();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(lang.pick("文件", "File"), |ui| {
            for cmd in MENU_FILE {
                command_button(ui, cmd, lang, out);
            }
            recent_ui(ui, state, out);
        });
        ui.menu_button(lang.pick("编辑", "Edit"), |ui| {
            for cmd in MENU_EDIT {
                edit_button(ui, state, cmd, lang, out);
            }
        });
        ui.menu_button(lang.pick("视图", "View"), |ui| {
            for cmd in MENU_VIEW {
                command_button(ui, cmd, lang, out);
            }
            ui.separator();
            view_settings_ui(ui, state, out);
        });
        ui.menu_button(lang.pick("转到", "Go"), |ui| {
            for cmd in MENU_GO {
                command_button(ui, cmd, lang, out);
            }
        });
        ui.menu_button(lang.pick("帮助", "Help"), |ui| {
            for cmd in MENU_HELP {
                command_button(ui, cmd, lang, out);
            }
        });
    });
}

/// Edit-menu entries: quick tags show their tag; entries that need a selection are disabled
/// without one.
fn edit_button(
    ui: &mut Ui,
    state: &AppState,
    cmd: &Command,
    lang: Language,
    out: &mut Vec<Command>,
) {
    let enabled = match cmd {
        Command::Undo => state.can_undo(),
        Command::Redo => state.can_redo(),
        _ => state.selection().is_some(),
    };
    let label = match cmd {
        Command::QuickTag(n) => state
            .settings()
            .quick_tags
            .get(usize::from(*n).wrapping_sub(1))
            .map_or_else(
                || cmd.label(lang),
                |t| format!("{} {t}", lang.pick("标签", "Tag")),
            ),
        _ => cmd.label(lang),
    };
    let mut button = Button::new(label);
    if let Some(s) = cmd.shortcut() {
        button = button.shortcut_text(s.text());
    }
    if ui
        .add_enabled(enabled, button)
        .on_hover_text(cmd.tooltip(lang))
        .clicked()
    {
        out.push(cmd.clone());
        ui.close();
    }
}

fn recent_ui(ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
    let lang = state.settings().language();
    let recent = &state.settings().recent;
    ui.menu_button(lang.pick("最近打开", "Recent files"), |ui| {
        if recent.is_empty() {
            ui.weak(lang.pick("（无）", "(none)"));
        }
        for path in recent {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if ui
                .button(name)
                .on_hover_text(path.display().to_string())
                .clicked()
            {
                out.push(Command::OpenPaths(vec![path.clone()]));
                ui.close();
            }
        }
    });
}

fn view_settings_ui(ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
    let s = state.settings();
    let lang = s.language();
    ui.menu_button(lang.pick("主题", "Theme"), |ui| {
        for theme in ThemeChoice::ALL {
            if ui.radio(s.theme == theme, theme.label(lang)).clicked() {
                out.push(Command::SetTheme(theme));
            }
        }
    });
    ui.menu_button(lang.pick("界面语言", "Language"), |ui| {
        for l in Language::ALL {
            if ui.radio(lang == l, l.native_name()).clicked() {
                out.push(Command::SetLanguage(l));
            }
        }
    });
    ui.menu_button(lang.pick("阅读字体", "Reading font"), |ui| {
        for (font, label) in [
            (ReadingFont::Serif, lang.pick("宋体（衬线）", "Serif")),
            (ReadingFont::Sans, lang.pick("黑体（无衬线）", "Sans")),
        ] {
            if ui.radio(s.reading_font == font, label).clicked() {
                out.push(Command::SetReadingFont(font));
            }
        }
    });
    let mut spacing = s.line_spacing;
    let label = ui.label(lang.pick("行距", "Line spacing"));
    if ui
        .add(egui::Slider::new(&mut spacing, 1.2..=2.4).step_by(0.1))
        .labelled_by(label.id)
        .changed()
    {
        out.push(Command::SetLineSpacing(spacing));
    }
    let mut width = s.column_width;
    let label = ui.label(lang.pick("栏宽", "Column width"));
    if ui
        .add(egui::Slider::new(&mut width, 400.0..=1400.0).step_by(20.0))
        .labelled_by(label.id)
        .changed()
    {
        out.push(Command::SetColumnWidth(width));
    }
    device_name_ui(ui, state, out);
}

/// The device name the annotation files of documents opened from now on are written as.
fn device_name_ui(ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
    let s = state.settings();
    let lang = s.language();
    let label = ui.label(lang.pick("设备名称", "Device name"));
    let mut name = s.device_name.clone();
    let shown = s
        .device()
        .unwrap_or_else(|| state.annotation_locations().device().to_owned());
    let field = egui::TextEdit::singleline(&mut name).hint_text(&shown);
    let response = ui.add(field).labelled_by(label.id).on_hover_text(lang.pick(
        "共享文件夹中每台设备只写自己的批注文件：文档名.pangzhu/设备名.ron",
        "Each device sharing a folder writes only its own annotation file: NAME.pangzhu/DEVICE.ron",
    ));
    if response.changed() {
        out.push(Command::SetDeviceName(name));
    }
    ui.weak(format!("{shown}.ron"));
}

/// The Help window: every shortcut, from the command table.
pub fn help_window(ctx: &egui::Context, state: &AppState, out: &mut Vec<Command>) {
    if !state.help_open() {
        return;
    }
    let lang = state.settings().language();
    let mut open = true;
    egui::Window::new(lang.pick("快捷键", "Shortcuts"))
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("help-grid").striped(true).show(ui, |ui| {
                for cmd in Command::with_shortcuts() {
                    let text = cmd.shortcut().map(|s| s.text()).unwrap_or_default();
                    ui.monospace(text);
                    ui.label(cmd.label(lang)).on_hover_text(cmd.tooltip(lang));
                    ui.weak(cmd.tooltip(lang));
                    ui.end_row();
                }
            });
        });
    if !open {
        out.push(Command::HideHelp);
    }
}
