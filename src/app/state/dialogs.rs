//! The app's dialogs as state: Help, choosing files to open (the system dialog on a job
//! thread, or the in-app path field where there is none), and the export window with its
//! save dialog.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::app::command::Command;
use crate::app::i18n::Language;
use crate::app::jobs::{JobOutput, Jobs};
use crate::export::Format;

/// A dialog that answered `None` faster than this never showed: no portal and no zenity.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(400);

/// Opens the system file dialog and waits for it (runs on a job thread). Injected by the UI.
pub type FileDialog = Arc<dyn Fn() -> Option<Vec<PathBuf>> + Send + Sync>;
/// Opens the system save dialog for an export of this format (a job thread). Injected by the UI.
pub type SaveDialog = Arc<dyn Fn(Format) -> Option<PathBuf> + Send + Sync>;

/// How files get picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenDialog {
    Closed,
    /// The system dialog is open on a job thread.
    Waiting,
    /// No system dialog here (or the user asked): the in-app path field is shown.
    PathField,
}

/// The export window: open, and the save path the system dialog last picked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportDialog {
    pub open: bool,
    /// Changes when a dialog picked a path, so the UI takes it once.
    pub picked: Option<(u64, PathBuf)>,
    /// No system save dialog here: the path field is the way.
    pub no_system_dialog: bool,
    pub waiting: bool,
}

pub struct Dialogs {
    help_open: bool,
    open: OpenDialog,
    file_dialog: Option<FileDialog>,
    save_dialog: Option<SaveDialog>,
    export: ExportDialog,
    serial: u64,
}

impl Default for Dialogs {
    fn default() -> Self {
        Self {
            help_open: false,
            open: OpenDialog::Closed,
            file_dialog: None,
            save_dialog: None,
            export: ExportDialog::default(),
            serial: 0,
        }
    }
}

impl Dialogs {
    /// Open, ShowHelp, HideHelp, ShowExport, HideExport, BrowseExportPath.
    pub fn handle(&mut self, cmd: Command, jobs: &mut Jobs, lang: Language) {
        match cmd {
            Command::Open => self.open_file_dialog(jobs, lang),
            Command::ShowHelp => self.help_open = true,
            Command::HideHelp => self.help_open = false,
            Command::ShowExport => self.export.open = true,
            Command::HideExport => self.export.open = false,
            Command::BrowseExportPath(format) => self.browse_export_path(format, jobs, lang),
            _ => debug_assert!(false, "not a dialog command: {cmd:?}"),
        }
    }

    pub fn set_file_dialog(&mut self, dialog: FileDialog) {
        self.file_dialog = Some(dialog);
    }

    pub fn set_save_dialog(&mut self, dialog: SaveDialog) {
        self.save_dialog = Some(dialog);
    }

    pub fn help_open(&self) -> bool {
        self.help_open
    }

    pub fn open_dialog(&self) -> OpenDialog {
        self.open
    }

    pub fn export(&self) -> &ExportDialog {
        &self.export
    }

    /// Paths were given (picked, dropped, typed): whatever dialog asked for them is done.
    pub fn files_given(&mut self) {
        self.open = OpenDialog::Closed;
    }

    /// The export was written: the window closes.
    pub fn exported(&mut self) {
        self.export.open = false;
    }

    /// The system file dialog answered `None`: cancelled, or there is no dialog (it answered
    /// at once), and then the path field shows.
    pub fn no_files_picked(&mut self, waited: Duration) {
        self.open = if waited < NO_DIALOG_WITHIN {
            OpenDialog::PathField
        } else {
            OpenDialog::Closed
        };
    }

    pub fn save_path_picked(&mut self, path: Option<PathBuf>, waited: Duration) {
        self.export.waiting = false;
        match path {
            Some(path) => {
                self.serial += 1;
                self.export.picked = Some((self.serial, path));
            }
            None if waited < NO_DIALOG_WITHIN => self.export.no_system_dialog = true,
            None => {}
        }
    }

    fn open_file_dialog(&mut self, jobs: &mut Jobs, lang: Language) {
        match self.file_dialog.clone() {
            Some(dialog) if self.open != OpenDialog::Waiting => {
                self.open = OpenDialog::Waiting;
                let label = lang.pick("选择文件", "Choosing files").to_owned();
                jobs.spawn("file-dialog", label, move |_| {
                    let started = Instant::now();
                    let paths = dialog();
                    JobOutput::PickedFiles {
                        paths,
                        waited: started.elapsed(),
                    }
                });
            }
            Some(_) => {}
            None => self.open = OpenDialog::PathField,
        }
    }

    fn browse_export_path(&mut self, format: Format, jobs: &mut Jobs, lang: Language) {
        match self.save_dialog.clone() {
            Some(dialog) if !self.export.waiting => {
                self.export.waiting = true;
                let label = lang
                    .pick("选择导出位置", "Choosing where to export")
                    .to_owned();
                jobs.spawn("save-dialog", label, move |_| {
                    let started = Instant::now();
                    let path = dialog(format);
                    JobOutput::PickedSavePath {
                        path,
                        waited: started.elapsed(),
                    }
                });
            }
            Some(_) => {}
            None => self.export.no_system_dialog = true,
        }
    }
}
