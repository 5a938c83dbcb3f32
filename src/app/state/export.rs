//! Exporting annotations: what an export covers and writing it (atomically) where asked.

use super::AppState;
use super::notices::Severity;
use crate::app::command::{ExportRequest, ExportScope};
use crate::storage::{self, Backup};

impl AppState {
    /// How many annotations an export of `scope` holds (cheap: the export window shows it live).
    pub fn export_count(&self, scope: &ExportScope) -> usize {
        self.annotating.export_count(scope)
    }

    /// The documents an export covers, prepared for the renderers.
    pub fn export_documents(&self, scope: &ExportScope) -> Vec<crate::export::ExportDocument> {
        self.annotating.export_documents(scope, &self.columns)
    }

    pub(super) fn export(&mut self, request: &ExportRequest) {
        let documents = self.export_documents(&request.scope);
        let count: usize = documents.iter().map(|d| d.entries.len()).sum();
        let text = crate::export::render(request.format, &documents);
        let lang = self.lang();
        match storage::write_atomic(&request.path, text.as_bytes(), Backup::Skip) {
            Ok(()) => {
                self.dialogs.exported();
                let msg = format!(
                    "{} {count} {} {}",
                    lang.pick("已导出", "Exported"),
                    lang.pick("条批注到", "annotations to"),
                    request.path.display()
                );
                self.notices.push(Severity::Info, msg);
            }
            Err(err) => {
                let msg = format!("{}: {err}", lang.pick("导出失败", "Export failed"));
                self.notices.push(Severity::Error, msg);
            }
        }
    }
}
