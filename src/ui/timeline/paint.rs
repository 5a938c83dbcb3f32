//! Painting the timeline scene with the theme's colours. Every mark, cluster and bar is also a
//! widget with an accessible label: hovering shows the date, the expression and its sentence
//! (and, for an event several documents tell, why they were grouped); clicking a mark selects
//! the entry and goes there, clicking a cluster zooms in until it splits.

use egui::{Align2, Color32, FontId, Pos2, Rect, Role, Sense, Stroke, Ui, WidgetInfo, pos2, vec2};

use crate::app::i18n::Language;
use crate::app::{AppState, Command, DocumentId, Location};
use crate::chart::scene::{AXIS_HEIGHT, MARK_RADIUS};
use crate::chart::svg::Style;
use crate::chart::{Scene, SceneMark, Viewport};

use super::data::ChartCache;
use crate::ui::theme::palette;

/// A document's lane colour as RGB (for the engine's picture).
pub fn doc_rgb(state: &AppState, doc: DocumentId) -> [u8; 3] {
    let c = crate::ui::side::doc_colour(state, doc);
    [c.r(), c.g(), c.b()]
}

fn rgb(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

fn to_rgb(c: Color32) -> [u8; 3] {
    [c.r(), c.g(), c.b()]
}

/// The picture's colours from the current theme, so an export looks like the view.
pub fn svg_style(state: &AppState) -> Style {
    let p = palette(state.settings().theme);
    Style {
        background: to_rgb(p.page),
        text: to_rgb(p.text),
        muted: to_rgb(p.muted),
        grid: to_rgb(p.raw_bg),
        disagree: to_rgb(p.error),
    }
}

/// Ticks, lanes, connectors, bars and marks; the selected entry ringed; the date range shaded.
pub fn paint(
    ui: &Ui,
    state: &AppState,
    scene: &Scene,
    rect: Rect,
    range: Option<(f64, f64)>,
    _lang: Language,
) {
    let p = palette(state.settings().theme);
    let painter = ui.painter_at(rect);
    let at = |x: f64, y: f64| pos2(rect.left() + x as f32, rect.top() + y as f32);
    painter.rect_filled(rect, 0.0, p.page);
    let grid = p.muted.gamma_multiply(0.25);
    for (x, tick) in &scene.ticks {
        if *x < scene.left {
            continue;
        }
        let width = if tick.major { 1.0 } else { 0.5 };
        painter.line_segment(
            [at(*x, AXIS_HEIGHT - 6.0), at(*x, f64::from(rect.height()))],
            Stroke::new(width, grid),
        );
        painter.text(
            at(*x + 2.0, 4.0),
            Align2::LEFT_TOP,
            &tick.label,
            FontId::proportional(11.0),
            if tick.major { p.text } else { p.muted },
        );
    }
    if let Some((from, to)) = range {
        let axis = scene.width - scene.left;
        let (x0, x1) = (
            scene.left + scene.viewport.x(from, axis),
            scene.left + scene.viewport.x(to, axis),
        );
        let shade = Rect::from_min_max(at(x0.max(scene.left), 0.0), at(x1, scene.height));
        painter.rect_filled(shade, 0.0, p.accent.gamma_multiply(0.12));
    }
    for lane in &scene.lanes {
        painter.line_segment(
            [at(0.0, lane.top), at(scene.width, lane.top)],
            Stroke::new(0.5, grid),
        );
        painter.text(
            at(4.0, lane.top + 4.0),
            Align2::LEFT_TOP,
            super::short(&lane.label, 12),
            FontId::proportional(11.0),
            rgb(lane.colour),
        );
    }
    for c in &scene.connectors {
        let (a, b) = (at(c.from.0, c.from.1), at(c.to.0, c.to.1));
        if c.disagree {
            painter.extend(egui::Shape::dashed_line(
                &[a, b],
                Stroke::new(1.5, p.error),
                4.0,
                3.0,
            ));
        } else {
            painter.line_segment([a, b], Stroke::new(1.2, p.muted.gamma_multiply(0.8)));
        }
    }
    for m in &scene.marks {
        let colour = scene.lanes.get(m.lane).map_or(p.text, |l| rgb(l.colour));
        paint_mark(&painter, scene, m, colour, &at);
    }
}

fn paint_mark(
    painter: &egui::Painter,
    scene: &Scene,
    m: &SceneMark,
    colour: Color32,
    at: &dyn Fn(f64, f64) -> Pos2,
) {
    let alpha = if m.uncertain { 0.45 } else { 0.9 };
    if let Some((x0, x1)) = m.bar {
        let r = Rect::from_min_max(
            at(x0.max(scene.left), m.y - 2.5),
            at(x1.min(scene.width), m.y + 2.5),
        );
        if r.width() <= 0.0 {
            return;
        }
        painter.rect_filled(r, 2.0, colour.gamma_multiply(alpha));
        if m.uncertain {
            // Hatching over an uncertain stretch: light diagonal strokes.
            let mut x = r.left();
            while x < r.right() {
                painter.line_segment(
                    [pos2(x, r.bottom()), pos2((x + 4.0).min(r.right()), r.top())],
                    Stroke::new(1.0, Color32::from_white_alpha(140)),
                );
                x += 4.0;
            }
        }
        if let Some(ax) = m
            .anchor_x
            .filter(|ax| *ax >= scene.left && *ax <= scene.width)
        {
            let tip = at(ax, m.y - 3.0);
            painter.add(egui::Shape::convex_polygon(
                vec![tip, tip + vec2(-3.0, -5.0), tip + vec2(3.0, -5.0)],
                colour,
                Stroke::NONE,
            ));
            painter.extend(egui::Shape::dotted_line(
                &[at(x1.min(scene.width), m.y), at(ax, m.y)],
                colour,
                3.0,
                0.8,
            ));
        }
        return;
    }
    let n = m.rows.len();
    let r = if n > 1 {
        MARK_RADIUS + 2.5
    } else {
        MARK_RADIUS
    } as f32;
    painter.circle_filled(at(m.x, m.y), r, colour.gamma_multiply(alpha));
    if n > 1 {
        painter.text(
            at(m.x, m.y),
            Align2::CENTER_CENTER,
            n.to_string(),
            FontId::proportional(9.0),
            Color32::WHITE,
        );
    }
}

/// Each mark as a widget: hover tells, click selects and goes (a cluster: zooms to split it).
/// Returns the view to zoom to when a cluster was clicked.
pub fn marks_ui(
    ui: &mut Ui,
    state: &AppState,
    scene: &Scene,
    rect: Rect,
    cache: &ChartCache,
    lang: Language,
    out: &mut Vec<Command>,
) -> Option<Viewport> {
    let selected = state.timeline_selected();
    let mut zoom_to = None;
    for (k, m) in scene.marks.iter().enumerate() {
        let area = match m.bar {
            Some((x0, x1)) => Rect::from_min_max(
                pos2(
                    rect.left() + x0.max(scene.left) as f32,
                    rect.top() + m.y as f32 - 4.0,
                ),
                pos2(
                    rect.left() + x1.min(scene.width) as f32,
                    rect.top() + m.y as f32 + 4.0,
                ),
            ),
            None => Rect::from_center_size(
                pos2(rect.left() + m.x as f32, rect.top() + m.y as f32),
                vec2(
                    2.0 * MARK_RADIUS as f32 + 6.0,
                    2.0 * MARK_RADIUS as f32 + 6.0,
                ),
            ),
        };
        if area.width() <= 0.0 || !rect.intersects(area) {
            continue;
        }
        let rows: Vec<&super::data::RowInfo> =
            m.rows.iter().filter_map(|&r| cache.row(r)).collect();
        let Some(first) = rows.first() else {
            continue;
        };
        let label = if rows.len() > 1 {
            format!(
                "{} {} {}",
                rows.len(),
                lang.pick("条", "entries"),
                first.date
            )
        } else {
            format!("{} {}", first.date, first.text)
        };
        let id = ui.scope_id().with(("timeline-mark", m.lane, k));
        let response = ui
            .interact(area, id, Sense::click())
            .on_hover_cursor(egui::CursorIcon::PointingHand);
        response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
        if selected.is_some_and(|s| rows.iter().any(|r| r.doc == s.doc && r.offset == s.offset)) {
            let c = pos2(rect.left() + m.x as f32, rect.top() + m.y as f32);
            ui.painter_at(rect).circle_stroke(
                c,
                MARK_RADIUS as f32 + 4.0,
                Stroke::new(2.0, palette(state.settings().theme).accent),
            );
        }
        if response.clicked() {
            if rows.len() > 1 && m.end - m.start > crate::chart::scale::MIN_SPAN {
                let fit = Viewport::fit([crate::chart::Interval {
                    start: m.start,
                    end: m.end,
                }]);
                zoom_to = Some(fit);
            } else if let Some(path) = &first.path {
                out.push(Command::OpenLibraryHit {
                    path: path.clone(),
                    offset: first.offset,
                });
            } else {
                out.push(Command::SelectTimelineEntry(Location {
                    doc: first.doc,
                    offset: first.offset,
                }));
            }
        }
        response.on_hover_ui(|ui| {
            ui.set_max_width(420.0);
            for r in rows.iter().take(6) {
                ui.strong(format!("{}  {}", r.date, r.text));
                ui.label(&r.sentence);
                if let Some((label, why, disagrees)) = &r.event {
                    let head = if *disagrees {
                        lang.pick("同一事件，日期不一", "One event, dated differently")
                    } else {
                        lang.pick("同一事件", "One event")
                    };
                    ui.weak(format!("{head}: {label} — {why}"));
                }
            }
            if rows.len() > 6 {
                ui.weak(format!(
                    "… {} {}",
                    rows.len() - 6,
                    lang.pick("条更多，点击放大", "more: click to zoom in")
                ));
            }
        });
    }
    zoom_to
}
