//! The Library tab: open a folder as a library (indexed in the background, a progress bar in
//! the status bar), its documents with title, date, size and annotation count — sorted and
//! filtered — and a search over all of them, hits grouped by document; a click opens the
//! document at the hit.

use egui::{RichText, ScrollArea, Ui};

use crate::app::i18n::Language;
use crate::app::{AppState, Command};
use crate::library::DocumentInfo;
use crate::nlp::search::SearchMode;

use super::SidePanel;

/// How the document list is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LibrarySort {
    #[default]
    Path,
    Title,
    Date,
    Size,
    Annotations,
}

impl LibrarySort {
    const ALL: [Self; 5] = [
        Self::Path,
        Self::Title,
        Self::Date,
        Self::Size,
        Self::Annotations,
    ];

    fn label(self, lang: Language) -> &'static str {
        match self {
            Self::Path => lang.pick("路径", "Path"),
            Self::Title => lang.pick("标题", "Title"),
            Self::Date => lang.pick("日期", "Date"),
            Self::Size => lang.pick("大小", "Size"),
            Self::Annotations => lang.pick("批注数", "Annotations"),
        }
    }
}

/// The Library tab's own input state.
#[derive(Debug, Default)]
pub struct LibraryInput {
    folder: String,
    filter: String,
    sort: LibrarySort,
    query: String,
}

impl SidePanel {
    pub(super) fn library_ui(&mut self, ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
        let lang = state.settings().language();
        let view = state.library();
        let input = &mut self.library;
        if input.folder.is_empty()
            && let Some(root) = view.root
        {
            input.folder = root.display().to_string();
        }
        ui.horizontal(|ui| {
            let label = ui.label(lang.pick("文件夹", "Folder"));
            ui.add(egui::TextEdit::singleline(&mut input.folder).desired_width(150.0))
                .labelled_by(label.id);
            let open = ui.add_enabled(
                !view.indexing && !input.folder.trim().is_empty(),
                egui::Button::new(lang.pick("打开文库", "Open library")),
            );
            if open.clicked() {
                out.push(Command::OpenLibrary(input.folder.trim().into()));
            }
            if view.root.is_some()
                && ui
                    .add_enabled(
                        !view.indexing,
                        egui::Button::new(lang.pick("更新", "Update")),
                    )
                    .on_hover_text(
                        lang.pick("重新索引改动过的文件", "Re-index the files that changed"),
                    )
                    .clicked()
            {
                out.push(Command::UpdateLibrary);
            }
        });
        if view.indexing {
            ui.weak(lang.pick("正在索引…", "Indexing…"));
        }
        if let Some(e) = view.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        if view.root.is_none() {
            ui.weak(lang.pick(
                "把一个文件夹（含子文件夹）当作文库：全部文档可一起搜索",
                "Open a folder (with its subfolders) as a library to search all its documents",
            ));
            return;
        }
        search_ui(ui, input, view.mode, lang, out);
        if view.searching {
            ui.weak(lang.pick("正在搜索…", "Searching…"));
        } else if !view.query.is_empty() {
            hits_ui(ui, view.hits, lang, out);
            ui.separator();
        }
        documents_ui(ui, input, view.documents, lang, out);
    }
}

fn search_ui(
    ui: &mut Ui,
    input: &mut LibraryInput,
    mode: SearchMode,
    lang: Language,
    out: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let label = ui.label(lang.pick("搜索文库", "Search library"));
        let response = ui
            .add(egui::TextEdit::singleline(&mut input.query).desired_width(160.0))
            .labelled_by(label.id);
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let mut new_mode = mode;
        for (m, text) in [
            (SearchMode::Literal, lang.pick("字面", "Text")),
            (SearchMode::WholeWord, lang.pick("整词", "Word")),
            (SearchMode::Regex, lang.pick("正则", "Regex")),
        ] {
            ui.selectable_value(&mut new_mode, m, text);
        }
        if entered || new_mode != mode {
            out.push(Command::SearchLibrary {
                query: input.query.clone(),
                mode: new_mode,
            });
        }
    });
}

/// Hits grouped by document, each a link to its place.
fn hits_ui(
    ui: &mut Ui,
    hits: &[crate::nlp::search::SearchHit],
    lang: Language,
    out: &mut Vec<Command>,
) {
    let documents = hits
        .chunk_by(|a, b| a.source == b.source)
        .collect::<Vec<_>>();
    ui.weak(format!(
        "{} {}，{} {}",
        hits.len(),
        lang.pick("处", "hits"),
        documents.len(),
        lang.pick("篇文档", "documents")
    ));
    ScrollArea::vertical()
        .id_salt("library-hits")
        .max_height(260.0)
        .show(ui, |ui| {
            for group in documents {
                let source = &group[0].source;
                egui::CollapsingHeader::new(format!("{source} ({})", group.len()))
                    .id_salt(("library-hits", source))
                    .default_open(documents_small(group.len()))
                    .show(ui, |ui| {
                        for hit in group.iter().take(200) {
                            let text = format!("{}:{}  {}", hit.line, hit.col, hit.snippet);
                            if ui.selectable_label(false, text).clicked() {
                                out.push(Command::OpenLibraryHit {
                                    path: source.into(),
                                    offset: hit.span.start(),
                                });
                            }
                        }
                    });
            }
        });
}

fn documents_small(n: usize) -> bool {
    n <= 5
}

fn documents_ui(
    ui: &mut Ui,
    input: &mut LibraryInput,
    documents: &[DocumentInfo],
    lang: Language,
    out: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let label = ui.label(lang.pick("筛选", "Filter"));
        ui.add(egui::TextEdit::singleline(&mut input.filter).desired_width(110.0))
            .labelled_by(label.id);
        egui::ComboBox::new("library-sort", lang.pick("排序", "Sort"))
            .selected_text(input.sort.label(lang))
            .show_ui(ui, |ui| {
                for s in LibrarySort::ALL {
                    ui.selectable_value(&mut input.sort, s, s.label(lang));
                }
            });
    });
    let needle = input.filter.trim().to_lowercase();
    let mut shown: Vec<&DocumentInfo> = documents
        .iter()
        .filter(|d| {
            needle.is_empty()
                || d.path.to_lowercase().contains(&needle)
                || d.title
                    .as_deref()
                    .is_some_and(|t| t.to_lowercase().contains(&needle))
                || d.tags.iter().any(|t| t.to_lowercase().contains(&needle))
        })
        .collect();
    sort(&mut shown, input.sort);
    ui.weak(format!(
        "{} / {} {}",
        shown.len(),
        documents.len(),
        lang.pick("篇文档", "documents")
    ));
    let row_height = ui.text_style_height(&egui::TextStyle::Body) * 2.4;
    ScrollArea::vertical()
        .id_salt("library-documents")
        .show_rows(ui, row_height, shown.len(), |ui, rows| {
            for d in &shown[rows] {
                let title = d.title.clone().unwrap_or_else(|| d.relative.clone());
                let response = ui.selectable_label(false, RichText::new(&title).strong());
                let details = format!(
                    "{}  ·  {}  ·  {} KB  ·  {} {}",
                    d.relative,
                    d.date.as_deref().unwrap_or("—"),
                    d.size.div_ceil(1024),
                    d.annotations,
                    lang.pick("条批注", "annotations")
                );
                ui.weak(details);
                if response.clicked() {
                    out.push(Command::OpenPaths(vec![d.path.clone().into()]));
                }
            }
        });
}

fn sort(docs: &mut [&DocumentInfo], by: LibrarySort) {
    match by {
        LibrarySort::Path => docs.sort_by(|a, b| a.relative.cmp(&b.relative)),
        LibrarySort::Title => {
            docs.sort_by(|a, b| a.title.cmp(&b.title).then(a.relative.cmp(&b.relative)))
        }
        // Newest first; undated last.
        LibrarySort::Date => {
            docs.sort_by(|a, b| (b.date.is_some(), &b.date).cmp(&(a.date.is_some(), &a.date)))
        }
        LibrarySort::Size => docs.sort_by_key(|d| std::cmp::Reverse(d.size)),
        LibrarySort::Annotations => docs.sort_by_key(|d| std::cmp::Reverse(d.annotations)),
    }
}
