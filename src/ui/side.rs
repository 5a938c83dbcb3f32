//! The side panel: Outline, Timeline, Footnotes, Annotations, Names & keywords, Search — all
//! over the open documents, each entry a jump into the reading pane.

use std::collections::BTreeSet;

use egui::{Color32, RichText, ScrollArea, Ui};

use crate::annotation::{Colour, Status, TagId};
use crate::app::i18n::Language;
use crate::app::settings::SideTab;
use crate::app::state::{OpenDocument, tag_path_within};
use crate::app::{AppState, Command, DocumentId, Location};
use crate::extract::timeline::{DateValue, MergedRow, merge_timelines};
use crate::nlp::entities::EntityKind;
use crate::nlp::search::SearchMode;

use super::theme::{palette, tag_chip};

/// Ephemeral side-panel state (filters, text fields): view state, not app state.
#[derive(Default)]
pub struct SidePanel {
    search_text: String,
    focused_serial: u64,
    /// Documents hidden from the timeline.
    timeline_hidden: BTreeSet<DocumentId>,
    annotation_filter: String,
    annotation_tag: Option<String>,
    annotation_doc: Option<DocumentId>,
    /// The tag being renamed and the text typed so far.
    renaming: Option<(TagId, String)>,
    /// The entity whose occurrences are listed: (document, name).
    entity_open: Option<(DocumentId, String)>,
}

fn doc_colour(state: &AppState, doc: DocumentId) -> Color32 {
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
        }
    }

    fn search_ui(&mut self, ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
        let lang = state.settings().language();
        let label = ui.label(lang.pick("在打开的文档中搜索", "Search the open documents"));
        let response = ui.add(
            egui::TextEdit::singleline(&mut self.search_text)
                .hint_text(lang.pick("输入词语，回车查找", "Type a word, Enter to find")),
        );
        let response = response.labelled_by(label.id);
        if state.search_focus() != self.focused_serial {
            self.focused_serial = state.search_focus();
            response.request_focus();
        }
        if response.changed() {
            out.push(Command::SetSearchQuery(self.search_text.clone()));
        }
        if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            let back = ui.input(|i| i.modifiers.shift);
            out.push(Command::SearchStep(if back { -1 } else { 1 }));
            response.request_focus();
        }
        let search = state.search();
        ui.horizontal(|ui| {
            for (mode, label, tip) in [
                (
                    SearchMode::Literal,
                    lang.pick("字面", "Text"),
                    lang.pick("任何位置的文字", "The text anywhere"),
                ),
                (
                    SearchMode::WholeWord,
                    lang.pick("整词", "Whole word"),
                    lang.pick(
                        "只在分词边界处匹配（中亚 不匹配 中亚洲）",
                        "Only at word boundaries (中亚 does not match inside 中亚洲)",
                    ),
                ),
                (
                    SearchMode::Regex,
                    lang.pick("正则", "Regex"),
                    lang.pick("正则表达式", "A regular expression"),
                ),
            ] {
                if ui
                    .radio(search.mode == mode, label)
                    .on_hover_text(tip)
                    .clicked()
                {
                    out.push(Command::SetSearchMode(mode));
                }
            }
        });
        if let Some(err) = &search.error {
            ui.colored_label(palette(state.settings().theme).error, err);
            return;
        }
        if search.query.trim().is_empty() {
            return;
        }
        ui.weak(format!("{} {}", search.hits.len(), lang.pick("处", "hits")));
        ScrollArea::vertical()
            .id_salt("search-hits")
            .show(ui, |ui| {
                for (n, (doc, hit)) in search.hits.iter().enumerate() {
                    let (mut job, base) = row_job(ui, doc_colour(state, *doc));
                    job.append(&hit.before, 0.0, base.clone());
                    job.append(
                        &hit.matched,
                        0.0,
                        egui::TextFormat {
                            background: ui.visuals().selection.bg_fill,
                            ..base.clone()
                        },
                    );
                    job.append(&hit.after, 0.0, base);
                    if ui
                        .selectable_label(search.current == Some(n), job)
                        .clicked()
                    {
                        out.push(Command::SearchSelect(n));
                    }
                }
            });
    }

    /// One merged timeline of the open documents, grouped by year, coloured by document.
    fn timeline_ui(&mut self, ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
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

    fn annotations_ui(&mut self, ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
        let lang = state.settings().language();
        let docs = state.documents();
        ui.horizontal(|ui| {
            let label = ui.label(lang.pick("筛选", "Filter"));
            ui.add(
                egui::TextEdit::singleline(&mut self.annotation_filter)
                    .hint_text(lang.pick("引文或批注中的文字", "Text in quote or note"))
                    .desired_width(ui.available_width()),
            )
            .labelled_by(label.id);
        });
        let all_tags = state.tag_paths();
        ui.horizontal(|ui| {
            egui::ComboBox::new("annotation-tag-filter", lang.pick("标签", "Tag"))
                .selected_text(
                    self.annotation_tag
                        .clone()
                        .unwrap_or_else(|| lang.pick("全部标签", "All tags").to_owned()),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(
                        &mut self.annotation_tag,
                        None,
                        lang.pick("全部标签", "All tags"),
                    );
                    for t in &all_tags {
                        ui.selectable_value(&mut self.annotation_tag, Some(t.clone()), t);
                    }
                });
            if docs.len() > 1 {
                let name = |id: Option<DocumentId>| {
                    id.and_then(|id| state.document(id)).map_or_else(
                        || lang.pick("全部文档", "All documents").to_owned(),
                        |d| d.loaded.display_name(),
                    )
                };
                egui::ComboBox::new("annotation-doc-filter", lang.pick("文档", "Document"))
                    .selected_text(name(self.annotation_doc))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.annotation_doc, None, name(None));
                        for d in docs {
                            ui.selectable_value(
                                &mut self.annotation_doc,
                                Some(d.id),
                                name(Some(d.id)),
                            );
                        }
                    });
            }
        });
        ui.separator();
        ScrollArea::vertical()
            .id_salt("annotations")
            .show(ui, |ui| {
                for open in docs {
                    if self.annotation_doc.is_some_and(|d| d != open.id) {
                        continue;
                    }
                    self.document_annotations_ui(ui, state, open, out);
                }
                ui.separator();
                egui::CollapsingHeader::new(
                    RichText::new(lang.pick("标签管理", "Tag manager")).strong(),
                )
                .id_salt("tag-manager")
                .default_open(false)
                .show(ui, |ui| self.tag_manager_ui(ui, state, out));
            });
    }

    fn document_annotations_ui(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        open: &OpenDocument,
        out: &mut Vec<Command>,
    ) {
        let lang = state.settings().language();
        let Some(ann) = state.annotations(open.id) else {
            return;
        };
        let set = ann.set();
        let filter = self.annotation_filter.trim().to_lowercase();
        let wanted = |a: &crate::annotation::Annotation| {
            let tags: Vec<String> = a.tags.iter().map(|t| set.tags().path(t)).collect();
            let tag_ok = self.annotation_tag.as_ref().is_none_or(|w| {
                tags.iter()
                    .any(|t| tag_path_within(t, std::slice::from_ref(w)))
            });
            let text_ok = filter.is_empty()
                || a.anchor.quote.exact.to_lowercase().contains(&filter)
                || a.note
                    .as_ref()
                    .is_some_and(|n| n.to_lowercase().contains(&filter));
            tag_ok && text_ok
        };
        let sorted = set.sorted();
        let (orphans, placed): (Vec<_>, Vec<_>) = sorted
            .into_iter()
            .filter(|a| wanted(a))
            .partition(|a| set.status(&a.id) == Status::Orphaned);
        let colour = doc_colour(state, open.id);
        let title = format!(
            "{} ({})",
            open.loaded.display_name(),
            placed.len() + orphans.len()
        );
        egui::CollapsingHeader::new(RichText::new(title).color(colour).strong())
            .id_salt(("annotations-doc", open.id.0))
            .default_open(true)
            .show(ui, |ui| {
                if let Some(reason) = ann.read_only_reason() {
                    ui.colored_label(palette(state.settings().theme).error, reason);
                }
                if placed.is_empty() && orphans.is_empty() {
                    ui.weak(lang.pick(
                        "还没有批注：选中文字后按 1–9 或 T",
                        "No annotations yet: select text, then press 1–9 or T",
                    ));
                }
                for a in placed {
                    annotation_row(ui, state, open, a, false, out);
                }
                if !orphans.is_empty() {
                    ui.add_space(6.0);
                    ui.label(
                        RichText::new(format!(
                            "{} ({})",
                            lang.pick("失联的批注", "Orphaned annotations"),
                            orphans.len()
                        ))
                        .color(palette(state.settings().theme).error),
                    );
                    ui.weak(lang.pick(
                        "原文已找不到；选中新位置后点“重新附着”",
                        "Their text is gone; select the new place, then Re-attach",
                    ));
                    for a in orphans {
                        annotation_row(ui, state, open, a, true, out);
                    }
                }
            });
    }

    fn tag_manager_ui(&mut self, ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
        let lang = state.settings().language();
        // Tags of every open document, once per id (documents share ids via the user library).
        let mut tags: Vec<(String, crate::annotation::Tag)> = Vec::new();
        for open in state.documents() {
            if let Some(ann) = state.annotations(open.id) {
                let lib = ann.set().tags();
                for t in lib.sorted() {
                    if !tags.iter().any(|(_, k)| k.id == t.id) {
                        tags.push((lib.path(&t.id), t.clone()));
                    }
                }
            }
        }
        tags.sort_by(|a, b| a.0.cmp(&b.0));
        if tags.is_empty() {
            ui.weak(lang.pick("还没有标签", "No tags yet"));
        }
        for (path, tag) in &tags {
            ui.horizontal(|ui| {
                ui.label(RichText::new("●").color(tag_chip(tag.colour)));
                match &mut self.renaming {
                    Some((id, text)) if *id == tag.id => {
                        let r = ui.add(egui::TextEdit::singleline(text).desired_width(100.0));
                        if ui.small_button(lang.pick("确定", "OK")).clicked()
                            || (r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)))
                        {
                            out.push(Command::RenameTag {
                                tag: tag.id.clone(),
                                name: text.clone(),
                            });
                            self.renaming = None;
                        }
                    }
                    _ => {
                        ui.label(path);
                        if ui
                            .small_button(lang.pick("改名", "Rename"))
                            .on_hover_text(lang.pick("重命名这个标签", "Rename this tag"))
                            .clicked()
                        {
                            self.renaming = Some((tag.id.clone(), tag.name.clone()));
                        }
                    }
                }
                ui.menu_button("⋯", |ui| {
                    ui.label(lang.pick("颜色", "Colour"));
                    ui.horizontal(|ui| {
                        for c in Colour::ALL {
                            let r = ui.add(
                                egui::Button::new(RichText::new("●").color(tag_chip(c)))
                                    .selected(c == tag.colour),
                            );
                            if r.on_hover_text(c.as_str()).clicked() {
                                out.push(Command::SetTagColour {
                                    tag: tag.id.clone(),
                                    colour: c,
                                });
                            }
                        }
                    });
                    ui.separator();
                    ui.menu_button(lang.pick("移到…之下", "Move under…"), |ui| {
                        if ui.button(lang.pick("（顶层）", "(top level)")).clicked() {
                            out.push(Command::SetTagParent {
                                tag: tag.id.clone(),
                                parent: None,
                            });
                            ui.close();
                        }
                        for (other_path, other) in &tags {
                            if other.id != tag.id && ui.button(other_path).clicked() {
                                out.push(Command::SetTagParent {
                                    tag: tag.id.clone(),
                                    parent: Some(other.id.clone()),
                                });
                                ui.close();
                            }
                        }
                    });
                    ui.menu_button(lang.pick("合并到…", "Merge into…"), |ui| {
                        for (other_path, other) in &tags {
                            if other.id != tag.id && ui.button(other_path).clicked() {
                                out.push(Command::MergeTags {
                                    from: tag.id.clone(),
                                    into: other.id.clone(),
                                });
                                ui.close();
                            }
                        }
                    });
                });
            });
        }
    }

    fn names_ui(&mut self, ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
        let lang = state.settings().language();
        ScrollArea::vertical().id_salt("names").show(ui, |ui| {
            for open in state.documents() {
                let analysis = open.loaded.analysis();
                let colour = doc_colour(state, open.id);
                egui::CollapsingHeader::new(
                    RichText::new(open.loaded.display_name())
                        .color(colour)
                        .strong(),
                )
                .id_salt(("names-doc", open.id.0))
                .default_open(true)
                .show(ui, |ui| {
                    for kind in [
                        EntityKind::Place,
                        EntityKind::Person,
                        EntityKind::Org,
                        EntityKind::Title,
                        EntityKind::Programme,
                    ] {
                        let entities: Vec<_> = analysis
                            .entities
                            .iter()
                            .filter(|e| e.kind == kind)
                            .collect();
                        if entities.is_empty() {
                            continue;
                        }
                        ui.label(RichText::new(kind_label(kind, lang)).strong());
                        ui.horizontal_wrapped(|ui| {
                            for e in &entities {
                                let key = (open.id, e.name.clone());
                                let selected = self.entity_open.as_ref() == Some(&key);
                                let text = format!("{} {}", e.name, e.count);
                                if ui.selectable_label(selected, text).clicked() {
                                    self.entity_open = (!selected).then_some(key);
                                }
                            }
                        });
                        if let Some((doc, name)) = &self.entity_open
                            && *doc == open.id
                            && let Some(e) = entities.iter().find(|e| &e.name == name)
                        {
                            egui::Frame::group(ui.style()).show(ui, |ui| {
                                for occ in &e.occurrences {
                                    let text = open.loaded.doc().text();
                                    let snippet = crate::nlp::search::snippet(text, occ.span);
                                    let label = format!("{}:{}  {snippet}", occ.line, occ.col);
                                    if ui.selectable_label(false, label).clicked() {
                                        out.push(Command::JumpTo(Location {
                                            doc: open.id,
                                            offset: occ.span.start(),
                                        }));
                                    }
                                }
                            });
                        }
                        ui.add_space(4.0);
                    }
                    if !analysis.keywords.is_empty() {
                        ui.label(RichText::new(lang.pick("关键词", "Keywords")).strong());
                        ui.horizontal_wrapped(|ui| {
                            for k in &analysis.keywords {
                                let r = ui
                                    .selectable_label(false, &k.word)
                                    .on_hover_text(format!("TF-IDF {:.3}", k.weight));
                                if r.clicked() {
                                    out.push(Command::Search);
                                    out.push(Command::SetSearchQuery(k.word.clone()));
                                    self.search_text.clone_from(&k.word);
                                }
                            }
                        });
                    }
                });
            }
        });
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

fn kind_label(kind: EntityKind, lang: Language) -> &'static str {
    match kind {
        EntityKind::Place => lang.pick("地名", "Places"),
        EntityKind::Person => lang.pick("人名", "People"),
        EntityKind::Org => lang.pick("机构", "Organisations"),
        EntityKind::Title => lang.pick("书名与文件", "Titles"),
        EntityKind::Programme => lang.pick("计划与项目", "Programmes"),
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

fn footnotes_ui(ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
    let lang = state.settings().language();
    let p = palette(state.settings().theme);
    ScrollArea::vertical().id_salt("footnotes").show(ui, |ui| {
        for open in state.documents() {
            let f = &open.loaded.analysis().footnotes;
            let colour = doc_colour(state, open.id);
            let title = format!(
                "{} ({} {})",
                open.loaded.display_name(),
                f.notes.len(),
                lang.pick("条注释", "notes")
            );
            egui::CollapsingHeader::new(RichText::new(title).color(colour).strong())
                .id_salt(("footnotes-doc", open.id.0))
                .default_open(true)
                .show(ui, |ui| {
                    if f.notes.is_empty() && f.markers.is_empty() {
                        ui.weak(lang.pick("没有找到注释", "No footnotes found"));
                    }
                    for (i, note) in f.notes.iter().enumerate() {
                        let unreferenced = f.unreferenced_notes.contains(&i);
                        let markers: Vec<String> =
                            f.markers_of(i).map(|m| m.marker.clone()).collect();
                        let head = if markers.is_empty() {
                            note.label.clone()
                        } else {
                            markers.join(" ")
                        };
                        let text: String = note.clean_text.chars().take(160).collect();
                        let mut label = RichText::new(format!("{head}  {text}"));
                        if unreferenced {
                            label = label.color(p.error);
                        }
                        let r = ui.selectable_label(false, label);
                        let r = if unreferenced {
                            r.on_hover_text(lang.pick(
                                "正文中没有引用这条注释",
                                "No marker in the text refers to this note",
                            ))
                        } else {
                            r
                        };
                        if r.clicked() {
                            out.push(Command::JumpTo(Location {
                                doc: open.id,
                                offset: note.span.start(),
                            }));
                        }
                    }
                    if !f.unlinked_markers.is_empty() {
                        ui.add_space(4.0);
                        ui.colored_label(
                            p.error,
                            lang.pick("找不到注释的标记：", "Markers without a note:"),
                        );
                        ui.horizontal_wrapped(|ui| {
                            for &m in &f.unlinked_markers {
                                let Some(marker) = f.markers.get(m) else {
                                    continue;
                                };
                                let text =
                                    format!("{} ({}:{})", marker.marker, marker.line, marker.col);
                                if ui.selectable_label(false, text).clicked() {
                                    out.push(Command::JumpTo(Location {
                                        doc: open.id,
                                        offset: marker.span.start(),
                                    }));
                                }
                            }
                        });
                    }
                });
        }
    });
}

fn annotation_row(
    ui: &mut Ui,
    state: &AppState,
    open: &OpenDocument,
    a: &crate::annotation::Annotation,
    orphan: bool,
    out: &mut Vec<Command>,
) {
    let lang = state.settings().language();
    let Some(ann) = state.annotations(open.id) else {
        return;
    };
    let set = ann.set();
    let read_only = ann.read_only_reason().is_some();
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            for t in &a.tags {
                let colour = set.tags().get(t).map_or(Colour::default(), |t| t.colour);
                ui.label(
                    RichText::new(format!("● {}", set.tags().path(t))).color(tag_chip(colour)),
                );
            }
            if a.tags.is_empty() {
                ui.weak(lang.pick("（无标签）", "(no tags)"));
            }
        });
        let quote: String = a.anchor.quote.exact.chars().take(120).collect();
        let r = ui.selectable_label(false, RichText::new(format!("「{quote}」")));
        let r = if orphan {
            r
        } else {
            let at = set
                .resolution(&a.id)
                .span()
                .and_then(|s| open.loaded.doc().raw_pos(s.start()));
            match at {
                Some(p) => r.on_hover_text(format!(
                    "{} {}:{}",
                    lang.pick("原文行列", "Raw line:column"),
                    p.line,
                    p.col
                )),
                None => r,
            }
        };
        if !orphan
            && r.clicked()
            && let Some(span) = set.resolution(&a.id).span()
        {
            out.push(Command::JumpTo(Location {
                doc: open.id,
                offset: span.start(),
            }));
        }
        if let Some(note) = &a.note {
            ui.label(RichText::new(note).italics());
        }
        if orphan {
            ui.weak(format!(
                "{} {}:{}",
                lang.pick("原位置", "Last seen at"),
                a.anchor.raw.line,
                a.anchor.raw.col
            ));
        }
        ui.add_enabled_ui(!read_only, |ui| {
            ui.horizontal(|ui| {
                if ui.small_button(lang.pick("批注…", "Note…")).clicked() {
                    out.push(Command::EditNoteOf(open.id, a.id.clone()));
                }
                if ui.small_button(lang.pick("删除", "Delete")).clicked() {
                    out.push(Command::DeleteAnnotation(open.id, a.id.clone()));
                }
                if orphan {
                    let can = state.selection().is_some_and(|s| s.doc == open.id);
                    if ui
                        .add_enabled(
                            can,
                            egui::Button::new(
                                lang.pick("重新附着到选区", "Re-attach to selection"),
                            )
                            .small(),
                        )
                        .clicked()
                    {
                        out.push(Command::Reattach(open.id, a.id.clone()));
                    }
                }
            });
        });
    });
}

fn outline_ui(ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
    ScrollArea::vertical().id_salt("outline").show(ui, |ui| {
        for open in state.documents() {
            let colour = doc_colour(state, open.id);
            let name = open.loaded.display_name();
            egui::CollapsingHeader::new(RichText::new(name).color(colour).strong())
                .id_salt(("outline-doc", open.id.0))
                .default_open(true)
                .show(ui, |ui| {
                    let doc = open.loaded.doc();
                    for entry in open.loaded.outline().iter().filter(|e| e.level > 0) {
                        let Some(block) = doc.blocks().get(entry.block) else {
                            continue;
                        };
                        ui.horizontal(|ui| {
                            ui.add_space(f32::from(entry.level.saturating_sub(1)) * 12.0);
                            if ui.selectable_label(false, &entry.text).clicked() {
                                out.push(Command::JumpTo(Location {
                                    doc: open.id,
                                    offset: block.span.start(),
                                }));
                            }
                        });
                    }
                });
        }
    });
}
