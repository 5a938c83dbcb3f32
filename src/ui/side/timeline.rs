//! The Timeline tab: one merged timeline of the open documents, grouped by year.

use egui::{RichText, ScrollArea, Ui};

use crate::app::i18n::Language;
use crate::app::state::{merged_rows, timeline_keys};
use crate::app::{AppState, Command, DocumentId, Location};
use crate::extract::timeline::{DateValue, EventTag, MergedRow};

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
        ui.checkbox(
            &mut self.timeline_by_event,
            lang.pick("按事件分组", "Group by event"),
        )
        .on_hover_text(lang.pick(
            "把讲同一事件的条目（跨文档）放在一起",
            "Put the entries that tell of one event (across documents) together",
        ));
        // Rows over every open document, so they line up with the app's events.
        let keys = timeline_keys(docs);
        let all_rows = merged_rows(&keys);
        let events = state.timeline_events();
        let owner = |row: &MergedRow<'_>| {
            keys.iter()
                .position(|(k, _)| k == row.source)
                .map(|i| docs[i].id)
        };
        let mut rows: Vec<(usize, &MergedRow<'_>)> = all_rows
            .iter()
            .enumerate()
            .filter(|(_, r)| owner(r).is_some_and(|id| !self.timeline_hidden.contains(&id)))
            .collect();
        ui.weak(format!("{} {}", rows.len(), lang.pick("条", "entries")));
        let by_event = self.timeline_by_event && events.is_some();
        if self.timeline_by_event && events.is_none() {
            ui.weak(lang.pick("正在归并事件…", "Grouping events…"));
        }
        if by_event && let Some(events) = events {
            // Events told more than once first, each in timeline order of its first mention.
            let first: std::collections::BTreeMap<&str, usize> = rows
                .iter()
                .rev()
                .map(|(i, _)| (events[*i].id.as_str(), *i))
                .collect();
            rows.sort_by_key(|(i, _)| {
                let ev = &events[*i];
                (ev.mentions < 2, first.get(ev.id.as_str()).copied(), *i)
            });
        }
        let selected = state.timeline_selected();
        ScrollArea::vertical().id_salt("timeline").show(ui, |ui| {
            let mut k = 0;
            while k < rows.len() {
                let group_of = |r: &(usize, &MergedRow<'_>)| match (by_event, events) {
                    (true, Some(ev)) => GroupKey::Event(ev[r.0].id.clone()),
                    _ => GroupKey::Year(r.1.year()),
                };
                let group = group_of(&rows[k]);
                let end = rows[k..]
                    .iter()
                    .position(|r| group_of(r) != group)
                    .map_or(rows.len(), |n| k + n);
                let title = match &group {
                    GroupKey::Year(Some(y)) => format!("{y}"),
                    GroupKey::Year(None) => lang.pick("无法定位", "Undated").to_owned(),
                    GroupKey::Event(_) => {
                        let ev = events.and_then(|e| e.get(rows[k].0));
                        event_title(ev, end - k, lang)
                    }
                };
                egui::CollapsingHeader::new(RichText::new(title).strong())
                    .id_salt(("timeline-group", &group))
                    .default_open(true)
                    .show(ui, |ui| {
                        for (_, row) in &rows[k..end] {
                            let Some(doc) = owner(row) else {
                                continue;
                            };
                            let is_selected = selected.is_some_and(|s| {
                                s.doc == doc && s.offset == row.entry.span.start()
                            });
                            timeline_row(ui, state, doc, row, is_selected, lang, out);
                        }
                    });
                k = end;
            }
        });
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum GroupKey {
    Year(Option<i32>),
    Event(String),
}

/// An event's heading: its label, how many mentions, and a mark when documents disagree.
fn event_title(ev: Option<&EventTag>, shown: usize, lang: Language) -> String {
    match ev {
        Some(ev) if ev.mentions > 1 => {
            let mut t = format!("{} · {} {}", ev.label, shown, lang.pick("处", "mentions"));
            if ev.disagrees {
                t.push_str(lang.pick(" · ≠ 日期不一", " · ≠ dated differently"));
            }
            t
        }
        Some(ev) => format!(
            "{} {}",
            lang.pick("单独提及：", "Mentioned once:"),
            ev.label
        ),
        None => String::new(),
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
    selected: bool,
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
    let response = ui.selectable_label(selected, job);
    let response = if e.in_note {
        response.on_hover_text(lang.pick("出自注释", "From a footnote"))
    } else {
        response
    };
    if response.clicked() {
        out.push(Command::SelectTimelineEntry(Location {
            doc,
            offset: e.span.start(),
        }));
    }
    let sentence: String = e.sentence.chars().take(120).collect();
    ui.add(egui::Label::new(RichText::new(sentence).weak().small()).wrap());
    ui.add_space(2.0);
}
