//! The only place egui/eframe appear: the reading app. It reads [`AppState`], turns input into
//! [`Command`]s and applies them in one place at the end of each frame.
//!
//! | module | what it is |
//! |---|---|
//! | [`theme`] | fonts (bundled CJK first) and colour tokens |
//! | [`layout`] | per-block galleys, cached; estimated heights for what is not laid out |
//! | [`reading`] | the reading pane of one document |
//! | [`raw`] | the raw file beside it |
//! | [`page_view`] | the original page beside it (PDF), highlights outlined, click to go there |
//! | [`split`] | documents side by side |
//! | [`side`] | the side panel tabs |
//! | [`timeline`] | the timeline view: a zoomable date axis, one lane per document |
//! | [`menus`] | menu bar, shortcuts, Help window |
//! | [`dialogs`] | path field, notifications, status bar |

pub mod dialogs;
pub mod highlight;
pub mod layout;
pub mod menus;
pub mod page_view;
pub mod raw;
pub mod reading;
pub mod side;
pub mod split;
pub mod theme;
pub mod timeline;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::app::settings::{Settings, ThemeChoice};
use crate::app::{AppState, Command, DocumentId};

use dialogs::Dialogs;
use reading::PaneView;
use side::SidePanel;
use timeline::TimelineView;

/// eframe storage key of the UI settings.
pub const SETTINGS_KEY: &str = "pangzhu-settings";

pub struct PangzhuApp {
    state: AppState,
    panes: BTreeMap<DocumentId, PaneView>,
    side: SidePanel,
    timeline: TimelineView,
    dialogs: Dialogs,
    commands: Vec<Command>,
    applied_theme: Option<ThemeChoice>,
}

impl PangzhuApp {
    /// The app over `state`. Install the fonts in the context first ([`theme::install_fonts`]);
    /// [`Self::attach`] does that and wakes the context when background jobs finish.
    pub fn new(state: AppState) -> Self {
        Self {
            state,
            panes: BTreeMap::new(),
            side: SidePanel::default(),
            timeline: TimelineView::default(),
            dialogs: Dialogs::default(),
            commands: Vec::new(),
            applied_theme: None,
        }
    }

    /// Install the bundled fonts in `ctx` and repaint it whenever a background job finishes.
    pub fn attach(&mut self, ctx: &egui::Context) {
        theme::install_fonts(ctx);
        let waker_ctx = ctx.clone();
        self.state.set_waker(move || waker_ctx.request_repaint());
    }

    /// The desktop app: settings from eframe storage, system dialog and font fallback.
    pub fn from_creation_context(
        cc: &eframe::CreationContext<'_>,
        files: &[std::path::PathBuf],
    ) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default();
        let mut state = AppState::new(settings);
        state.set_file_dialog(Arc::new(pick_files));
        state.set_save_dialog(Arc::new(pick_save_path));
        state.start(files);
        let mut app = Self::new(state);
        app.attach(&cc.egui_ctx);
        theme::install_system_fallback(&cc.egui_ctx);
        app
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub fn state_mut(&mut self) -> &mut AppState {
        &mut self.state
    }

    /// The pane of a document, if it has been shown.
    pub fn pane(&self, doc: DocumentId) -> Option<&PaneView> {
        self.panes.get(&doc)
    }

    /// The timeline view (its visible range, filters and last scene).
    pub fn timeline_view(&self) -> &TimelineView {
        &self.timeline
    }

    /// One whole frame without eframe (tests, benchmarks): background, draw, apply.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        self.state.update_background();
        self.draw(ui);
        self.apply(ui.ctx());
    }

    fn draw(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let theme = self.state.settings().theme;
        if self.applied_theme != Some(theme) {
            theme::apply_theme(&ctx, theme);
            self.applied_theme = Some(theme);
        }
        let mut out = std::mem::take(&mut self.commands);
        menus::shortcuts(ui, &mut out);
        dropped_files(ui, &mut out);
        egui::Panel::top("menu-bar").show(ui, |ui| {
            menus::menu_bar_ui(ui, &self.state, &mut out);
            self.dialogs.path_field_ui(ui, &self.state, &mut out);
            dialogs::notifications_ui(ui, &self.state, &mut out);
        });
        egui::Panel::bottom("status-bar").show(ui, |ui| dialogs::status_ui(ui, &self.state));
        if self.state.settings().side_panel_open {
            egui::Panel::left("side-panel")
                .resizable(true)
                .default_size(260.0)
                .min_size(160.0)
                .show(ui, |ui| self.side.ui(ui, &self.state, &mut out));
        }
        if self.state.settings().timeline_open {
            egui::Panel::bottom("timeline-view")
                .resizable(true)
                .default_size(240.0)
                .min_size(120.0)
                .show(ui, |ui| self.timeline.ui(ui, &self.state, &mut out));
        }
        egui::CentralPanel::no_frame().show(ui, |ui| {
            split::columns_ui(ui, &self.state, &mut self.panes, &mut out);
        });
        menus::help_window(&ctx, &self.state, &mut out);
        self.dialogs.tag_picker_ui(&ctx, &self.state, &mut out);
        self.dialogs.note_editor_ui(&ctx, &self.state, &mut out);
        self.dialogs.export_ui(&ctx, &self.state, &mut out);
        if !self.state.jobs().is_idle() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        if self.state.has_unsaved_annotations() {
            // Wake up to write them once the debounce delay has passed.
            ctx.request_repaint_after(crate::app::annotations::SAVE_DEBOUNCE);
        }
        self.commands = out;
    }

    /// Apply this frame's commands, in order, in one place.
    fn apply(&mut self, ctx: &egui::Context) {
        for cmd in std::mem::take(&mut self.commands) {
            self.state.handle(cmd);
        }
        let open: Vec<DocumentId> = self.state.documents().iter().map(|d| d.id).collect();
        self.panes.retain(|id, _| open.contains(id));
        if self.state.quit_requested() {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

fn dropped_files(ui: &egui::Ui, out: &mut Vec<Command>) {
    let paths: Vec<std::path::PathBuf> = ui.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_owned())
            .collect()
    });
    if !paths.is_empty() {
        out.push(Command::OpenPaths(paths));
    }
}

/// The system file dialog (desktop portal or zenity), run on a job thread.
fn pick_files() -> Option<Vec<std::path::PathBuf>> {
    let dialog = rfd::AsyncFileDialog::new()
        .add_filter(
            "Documents (text, PDF, EPUB, HTML, DOCX)",
            crate::document::import::Format::EXTENSIONS,
        )
        .add_filter("Text", &["txt", "text", "md"])
        .set_title("旁注 Pangzhu");
    pollster::block_on(dialog.pick_files())
        .map(|files| files.iter().map(|f| f.path().to_owned()).collect())
}

/// The system save dialog for an export (desktop portal or zenity), run on a job thread.
fn pick_save_path(format: crate::export::Format) -> Option<std::path::PathBuf> {
    let (name, ext) = match format {
        crate::export::Format::Markdown => ("Markdown", "md"),
        crate::export::Format::Csv => ("CSV", "csv"),
        crate::export::Format::W3cJson => ("W3C JSON", "json"),
        crate::export::Format::Html => ("HTML", "html"),
    };
    let dialog = rfd::AsyncFileDialog::new()
        .add_filter(name, &[ext])
        .set_file_name(format!("annotations.{ext}"))
        .set_title("旁注 Pangzhu");
    pollster::block_on(dialog.save_file()).map(|f| f.path().to_owned())
}

impl eframe::App for PangzhuApp {
    fn logic(&mut self, _ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.state.update_background();
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
        self.apply(ui.ctx());
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // Closing the window by its title bar is a quit too: nothing typed may be lost.
        self.state.flush_annotations();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let mut settings = self.state.settings().clone();
        settings.session = self.state.session();
        eframe::set_value(storage, SETTINGS_KEY, &settings);
    }
}
