//! The Search tab: the query field, its mode, and the hits across the open documents.

use egui::{ScrollArea, Ui};

use crate::app::{AppState, Command};
use crate::nlp::search::SearchMode;

use super::{SidePanel, doc_colour, row_job};
use crate::ui::theme::palette;

impl SidePanel {
    pub(super) fn search_ui(&mut self, ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
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
}
