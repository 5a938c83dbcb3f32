//! The timeline view: a zoomable date axis under the documents, one lane per open document in
//! its colour. It draws the engine's [`Scene`] (the picture the SVG/PNG export writes) and
//! turns wheel, drag, keys and clicks into a new visible range or [`Command`]s.
//!
//! | file | what it does |
//! |---|---|
//! | `mod.rs` | the view's state, its toolbar (zoom, filters, picture) and the chart cache |
//! | `data.rs` | the chart of the open documents under the filters, rebuilt only on change |
//! | `paint.rs` | painting the scene; each mark is a widget (hover: the sentence; click: go) |
//! | `input.rs` | zoom around the pointer, pan, drag a date range, keyboard zoom and pan |

mod data;
mod input;
mod paint;

use std::collections::BTreeSet;

use egui::{Rect, Ui};

use crate::app::i18n::Language;
use crate::app::{AppState, Command, DocumentId};
use crate::chart::{Scene, Viewport, layout};

use data::ChartCache;

/// Room for the lane labels left of the axis.
const LABEL_WIDTH: f32 = 120.0;

/// What the timeline view shows and where it looks.
#[derive(Default)]
pub struct TimelineView {
    /// `None` until the first chart: then it fits everything.
    viewport: Option<Viewport>,
    filters: Filters,
    /// Where a drag on the axis strip started (a date-range selection).
    range_drag: Option<f64>,
    picture_path: Option<String>,
    cache: ChartCache,
    /// The last frame's scene and where it was drawn (tests read them).
    scene: Option<(Scene, Rect)>,
}

/// The filters of the view.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub hidden: BTreeSet<DocumentId>,
    pub show_notes: bool,
    /// Only entries whose sentence names this entity (any of its spellings).
    pub entity: Option<String>,
    /// Only entries in a paragraph holding an annotation with this tag (or a child of it).
    pub tag: Option<String>,
    /// Only entries overlapping this stretch (fractional years), set by dragging on the axis.
    pub range: Option<(f64, f64)>,
    /// Add a lane with every entry of the open library.
    pub library: bool,
}

impl TimelineView {
    /// The visible stretch of time, once something was drawn.
    pub fn viewport(&self) -> Option<Viewport> {
        self.viewport
    }

    /// The last frame's scene and the screen rectangle it was drawn in.
    pub fn scene(&self) -> Option<(&Scene, Rect)> {
        self.scene.as_ref().map(|(s, r)| (s, *r))
    }

    pub fn filters(&self) -> &Filters {
        &self.filters
    }

    pub fn ui(&mut self, ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
        let lang = state.settings().language();
        self.cache.update(state, &self.filters);
        if self.viewport.is_none() && !self.cache.data().entries.is_empty() {
            self.viewport = Some(crate::chart::fit(self.cache.data()));
        }
        let mut viewport = self.viewport.unwrap_or_default();
        self.toolbar_ui(ui, state, &mut viewport, lang, out);
        let width = ui.available_width();
        let scene_width = f64::from(width);
        let scene = layout(
            self.cache.data(),
            viewport,
            scene_width,
            f64::from(LABEL_WIDTH),
        );
        let height = (scene.height as f32).max(ui.available_height());
        let (rect, response) =
            ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::click_and_drag());
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Canvas,
                true,
                lang.pick("时间轴", "Timeline axis"),
            )
        });
        paint::paint(ui, state, &scene, rect, self.filters.range, lang);
        let clicked = paint::marks_ui(ui, state, &scene, rect, &self.cache, lang, out);
        if let Some(zoom_to) = clicked {
            viewport = zoom_to;
        }
        let axis = input::Axis {
            rect,
            left: LABEL_WIDTH,
            fit: crate::chart::fit(self.cache.data()),
        };
        viewport = input::handle(
            ui,
            &response,
            &axis,
            viewport,
            &mut self.range_drag,
            &mut self.filters.range,
        );
        self.viewport = Some(viewport);
        self.scene = Some((scene, rect));
    }

    fn toolbar_ui(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        viewport: &mut Viewport,
        lang: Language,
        out: &mut Vec<Command>,
    ) {
        let mid = (viewport.start + viewport.end) / 2.0;
        ui.horizontal_wrapped(|ui| {
            ui.strong(lang.pick("时间轴", "Timeline"));
            if ui
                .button("−")
                .on_hover_text(lang.pick("缩小", "Zoom out"))
                .clicked()
            {
                *viewport = viewport.zoomed(mid, 1.0 / input::ZOOM_STEP);
            }
            if ui
                .button("+")
                .on_hover_text(lang.pick("放大", "Zoom in"))
                .clicked()
            {
                *viewport = viewport.zoomed(mid, input::ZOOM_STEP);
            }
            if ui.button(lang.pick("全部", "Fit all")).clicked() {
                *viewport = crate::chart::fit(self.cache.data());
            }
            ui.separator();
            self.filters_ui(ui, state, lang);
            ui.separator();
            self.picture_ui(ui, state, *viewport, lang, out);
        });
    }

    fn filters_ui(&mut self, ui: &mut Ui, state: &AppState, lang: Language) {
        for open in state.documents() {
            let mut shown = !self.filters.hidden.contains(&open.id);
            let colour = super::side::doc_colour(state, open.id);
            let name = open.loaded.display_name();
            let text = egui::RichText::new(short(&name, 14)).color(colour);
            let response = ui.checkbox(&mut shown, text).on_hover_text(&name);
            if response.changed() {
                if shown {
                    self.filters.hidden.remove(&open.id);
                } else {
                    self.filters.hidden.insert(open.id);
                }
            }
        }
        if !state.library().timelines.is_empty() {
            ui.checkbox(&mut self.filters.library, lang.pick("文库", "Library lane"))
                .on_hover_text(lang.pick(
                    "加一条泳道：文库全部文档的日期（点击打开文档）",
                    "Add a lane with the dates of every library document (click to open it)",
                ));
        }
        ui.checkbox(
            &mut self.filters.show_notes,
            lang.pick("注释中的日期", "Dates in notes"),
        )
        .on_hover_text(lang.pick(
            "显示注释里的日期（多为所引文献的出版日期）",
            "Show the dates in notes (mostly publication dates of cited sources)",
        ));
        let any = lang.pick("全部", "any");
        egui::ComboBox::new("timeline-entity", lang.pick("名称", "Name"))
            .selected_text(self.filters.entity.as_deref().unwrap_or(any))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.filters.entity, None, any);
                // Counted only while the list is open, not every frame.
                for name in data::entity_names(state) {
                    let value = Some(name.clone());
                    ui.selectable_value(&mut self.filters.entity, value, name);
                }
            });
        let tags = state.tag_paths();
        egui::ComboBox::new("timeline-tag", lang.pick("标签", "Tag"))
            .selected_text(self.filters.tag.as_deref().unwrap_or(any))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.filters.tag, None, any);
                for tag in tags {
                    let value = Some(tag.clone());
                    ui.selectable_value(&mut self.filters.tag, value, tag);
                }
            });
        if let Some((from, to)) = self.filters.range {
            let label = format!(
                "{} – {} ✕",
                crate::chart::interval::date_at(from),
                crate::chart::interval::date_at(to)
            );
            if ui
                .button(label)
                .on_hover_text(lang.pick("清除日期范围", "Clear the date range"))
                .clicked()
            {
                self.filters.range = None;
            }
        } else {
            ui.weak(lang.pick(
                "在刻度上拖动以选择日期范围",
                "Drag on the ticks to pick dates",
            ));
        }
    }

    fn picture_ui(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        viewport: Viewport,
        lang: Language,
        out: &mut Vec<Command>,
    ) {
        let mut path = self.picture_path.take().unwrap_or_else(|| {
            crate::app::state::default_picture_path(state.documents(), false)
                .display()
                .to_string()
        });
        let label = ui.label(lang.pick("图片", "Picture"));
        ui.add(egui::TextEdit::singleline(&mut path).desired_width(180.0))
            .labelled_by(label.id);
        for png in [false, true] {
            let cmd_label = Command::SaveTimelinePicture {
                svg: String::new(),
                path: Default::default(),
                png,
            }
            .label(lang);
            if ui.button(cmd_label).clicked() {
                let svg = self.picture_svg(viewport, state);
                let mut target = std::path::PathBuf::from(path.trim());
                target.set_extension(if png { "png" } else { "svg" });
                path = target.display().to_string();
                out.push(Command::SaveTimelinePicture {
                    svg,
                    path: target,
                    png,
                });
            }
        }
        self.picture_path = Some(path);
    }

    /// The picture as shown: this zoom, these filters and lanes, the theme's colours.
    fn picture_svg(&self, viewport: Viewport, state: &AppState) -> String {
        let width = self
            .scene
            .as_ref()
            .map_or(1200.0, |(_, r)| f64::from(r.width()));
        let scene = layout(
            self.cache.data(),
            viewport,
            width.max(600.0),
            f64::from(LABEL_WIDTH),
        );
        let style = paint::svg_style(state);
        crate::chart::svg::render(&scene, &style, Some("时间线 Timeline"))
    }
}

/// At most `n` characters, an ellipsis marking the cut.
fn short(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(n.saturating_sub(1)).collect();
    out.push('…');
    out
}
