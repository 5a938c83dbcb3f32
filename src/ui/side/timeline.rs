//! The Timeline tab: one merged timeline of the open documents, grouped by year.

use egui::{RichText, ScrollArea, Ui};

use crate::app::i18n::Language;
use crate::app::state::OpenDocument;
use crate::app::{AppState, Command, DocumentId, Location};
use crate::extract::timeline::{DateValue, MergedRow, merge_timelines};

use super::{SidePanel, doc_colour, row_job};

impl SidePanel {
    /// One merged timeline of the open documents, grouped by year, coloured by document.
    pub(super) fn timeline_ui(&mut self, ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
        let lang = state.settings().language();
        let docs = state.documents();
        if docs.len() > 1 {
            ui.horizontal_wrapped(|ui| {
                for open in docs {
                    let mut shown = !self.timeline_hidden.contains(&open.id);
                    let text =
                        RichText::new(open.loaded.display_name()).color(doc_colour(state, open.id));
                    if ui.checkbox(&mut shown, text).changed() {
                        if shown {
                            self.timeline_hidden.remove(&open.id);
                        } else {
                            self.timeline_hidden.insert(open.id);
                        }
                    }
                }
            });
        }
        let sources: Vec<(String, &OpenDocument)> = docs
            .iter()
            .filter(|d| !self.timeline_hidden.contains(&d.id))
            .map(|d| (format!("{}\u{0}", d.id.0), d))
            .collect();
        let timelines: Vec<(&str, &crate::extract::timeline::Timeline)> = sources
            .iter()
            .map(|(key, d)| (key.as_str(), &d.loaded.analysis().timeline))
            .collect();
        let rows = merge_timelines(&timelines);
        let owner = |row: &MergedRow<'_>| {
            sources
                .iter()
                .find(|(key, _)| key == row.source)
                .map(|(_, d)| d.id)
        };
        ui.weak(format!("{} {}", rows.len(), lang.pick("条", "entries")));
        ScrollArea::vertical().id_salt("timeline").show(ui, |ui| {
            let mut i = 0;
            while i < rows.len() {
                let year = rows[i].year();
                let end = rows[i..]
                    .iter()
                    .position(|r| r.year() != year)
                    .map_or(rows.len(), |k| i + k);
                let title = year.map_or_else(
                    || lang.pick("无法定位", "Undated").to_owned(),
                    |y| format!("{y}"),
                );
                egui::CollapsingHeader::new(RichText::new(title).strong())
                    .id_salt(("timeline-year", year))
                    .default_open(true)
                    .show(ui, |ui| {
                        for row in &rows[i..end] {
                            let Some(doc) = owner(row) else {
                                continue;
                            };
                            timeline_row(ui, state, doc, row, lang, out);
                        }
                    });
                i = end;
            }
        });
    }
}

/// How a timeline value is shown: the date, marked when it is vague or relative.
fn date_label(entry: &crate::extract::timeline::TimelineEntry, lang: Language) -> String {
    let value = entry.value.to_string();
    match (&entry.value, entry.resolved) {
        (DateValue::Relative { .. }, Some(r)) => {
            format!("≈ {r} ({} {})", lang.pick("相对", "relative"), entry.text)
        }
        (DateValue::Relative { .. }, None) => {
            format!("? ({} {})", lang.pick("相对", "relative"), entry.text)
        }
        _ if entry.vague => format!("≈ {value}"),
        _ => value,
    }
}

fn timeline_row(
    ui: &mut Ui,
    state: &AppState,
    doc: DocumentId,
    row: &MergedRow<'_>,
    lang: Language,
    out: &mut Vec<Command>,
) {
    let e = row.entry;
    let (mut job, base) = row_job(ui, doc_colour(state, doc));
    job.append(
        &date_label(e, lang),
        0.0,
        egui::TextFormat {
            color: if e.vague {
                ui.visuals().weak_text_color()
            } else {
                ui.visuals().strong_text_color()
            },
            ..base.clone()
        },
    );
    job.append(&format!("  {}", e.text_full), 0.0, base);
    let response = ui.selectable_label(false, job);
    let response = if e.in_note {
        response.on_hover_text(lang.pick("出自注释", "From a footnote"))
    } else {
        response
    };
    if response.clicked() {
        out.push(Command::JumpTo(Location {
            doc,
            offset: e.span.start(),
        }));
    }
    let sentence: String = e.sentence.chars().take(120).collect();
    ui.add(egui::Label::new(RichText::new(sentence).weak().small()).wrap());
    ui.add_space(2.0);
}
