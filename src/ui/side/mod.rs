//! The side panel: Outline, Timeline, Footnotes, Annotations, Names & keywords, Search — all
//! over the open documents, each entry a jump into the reading pane.

mod annotations;
mod footnotes;
mod library;
mod names;
mod outline;
mod search;
mod tags;
mod timeline;

use footnotes::footnotes_ui;
use outline::outline_ui;

use std::collections::BTreeSet;

use egui::{Color32, Ui};

use crate::annotation::TagId;
use crate::app::settings::SideTab;
use crate::app::{AppState, Command, DocumentId};

use super::theme::palette;

/// Ephemeral side-panel state (filters, text fields): view state, not app state.
#[derive(Default)]
pub struct SidePanel {
    search_text: String,
    focused_serial: u64,
    /// Documents hidden from the timeline.
    timeline_hidden: BTreeSet<DocumentId>,
    library: library::LibraryInput,
    /// The timeline listed by event (one real-world event's mentions together), not by year.
    timeline_by_event: bool,
    annotation_filter: String,
    annotation_tag: Option<String>,
    annotation_doc: Option<DocumentId>,
    /// The tag being renamed and the text typed so far.
    renaming: Option<(TagId, String)>,
    /// The entity whose occurrences are listed: (document, name).
    entity_open: Option<(DocumentId, String)>,
}

pub(crate) fn doc_colour(state: &AppState, doc: DocumentId) -> Color32 {
    let colours = palette(state.settings().theme).documents;
    let column = state
        .documents()
        .iter()
        .position(|d| d.id == doc)
        .unwrap_or(0);
    colours[column % colours.len()]
}

impl SidePanel {
    pub fn ui(&mut self, ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
        let lang = state.settings().language();
        let current = state.settings().side_tab;
        ui.horizontal_wrapped(|ui| {
            for tab in SideTab::ALL {
                if ui
                    .selectable_label(current == tab, tab.label(lang))
                    .clicked()
                {
                    out.push(Command::ShowTab(tab));
                }
            }
        });
        ui.separator();
        match current {
            SideTab::Outline => outline_ui(ui, state, out),
            SideTab::Timeline => self.timeline_ui(ui, state, out),
            SideTab::Footnotes => footnotes_ui(ui, state, out),
            SideTab::Annotations => self.annotations_ui(ui, state, out),
            SideTab::Names => self.names_ui(ui, state, out),
            SideTab::Search => self.search_ui(ui, state, out),
            SideTab::Library => self.library_ui(ui, state, out),
        }
    }
}

/// A list row that starts with its document's colour square; returns the job and the text
/// format for the rest of the row.
fn row_job(ui: &Ui, colour: Color32) -> (egui::text::LayoutJob, egui::TextFormat) {
    let mut job = egui::text::LayoutJob::default();
    let base = egui::TextFormat {
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    job.append(
        "■ ",
        0.0,
        egui::TextFormat {
            color: colour,
            ..base.clone()
        },
    );
    (job, base)
}
