//! Turning input over the axis into a new visible range: the wheel pans, Ctrl+wheel or a pinch
//! zooms around the pointer, a drag pans, a drag on the tick strip (or with Shift) picks a date
//! range for the filter; `+`/`-` zoom, ←/→ pan, Home fits everything while the pointer is over
//! the axis and no text field has the keyboard.

use egui::{Key, Rect, Response, Ui};

use crate::chart::Viewport;
use crate::chart::scene::AXIS_HEIGHT;

/// One step of the zoom buttons and keys.
pub const ZOOM_STEP: f64 = 1.5;
/// One step of the arrow keys: a tenth of the view.
const PAN_STEP: f64 = 0.1;

pub struct Axis {
    pub rect: Rect,
    /// Where the date axis starts inside `rect` (lane labels are left of it).
    pub left: f32,
    /// The view that shows everything (Home).
    pub fit: Viewport,
}

impl Axis {
    fn width(&self) -> f64 {
        f64::from((self.rect.width() - self.left).max(1.0))
    }

    /// The fractional year under screen x.
    fn pos(&self, viewport: Viewport, x: f32) -> f64 {
        viewport.pos(f64::from(x - self.rect.left() - self.left), self.width())
    }
}

pub fn handle(
    ui: &Ui,
    response: &Response,
    axis: &Axis,
    mut viewport: Viewport,
    range_drag: &mut Option<f64>,
    range: &mut Option<(f64, f64)>,
) -> Viewport {
    let pointer = ui.input(|i| i.pointer.hover_pos());
    let over = pointer.is_some_and(|p| axis.rect.contains(p));
    if over {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
        if let Some(p) = pointer {
            if (zoom - 1.0).abs() > f32::EPSILON {
                viewport = viewport.zoomed(axis.pos(viewport, p.x), f64::from(zoom));
            } else if scroll != egui::Vec2::ZERO {
                let dx = f64::from(scroll.x + scroll.y);
                viewport = viewport.panned(-dx / axis.width() * viewport.span());
            }
        }
        if ui.memory(|m| m.focused().is_none()) {
            viewport = keys(ui, axis, viewport);
        }
    }
    drag(ui, response, axis, viewport, range_drag, range)
}

fn keys(ui: &Ui, axis: &Axis, viewport: Viewport) -> Viewport {
    let mid = (viewport.start + viewport.end) / 2.0;
    ui.input(|i| {
        let mut v = viewport;
        if i.key_pressed(Key::Plus) || i.key_pressed(Key::Equals) {
            v = v.zoomed(mid, ZOOM_STEP);
        }
        if i.key_pressed(Key::Minus) {
            v = v.zoomed(mid, 1.0 / ZOOM_STEP);
        }
        if i.key_pressed(Key::ArrowLeft) {
            v = v.panned(-PAN_STEP * v.span());
        }
        if i.key_pressed(Key::ArrowRight) {
            v = v.panned(PAN_STEP * v.span());
        }
        if i.key_pressed(Key::Home) {
            v = axis.fit;
        }
        v
    })
}

/// A drag pans; on the tick strip or with Shift it selects a date range instead.
fn drag(
    ui: &Ui,
    response: &Response,
    axis: &Axis,
    viewport: Viewport,
    range_drag: &mut Option<f64>,
    range: &mut Option<(f64, f64)>,
) -> Viewport {
    if response.drag_started()
        && let Some(p) = response.interact_pointer_pos()
    {
        let on_ticks = p.y < axis.rect.top() + AXIS_HEIGHT as f32;
        if on_ticks || ui.input(|i| i.modifiers.shift) {
            *range_drag = Some(axis.pos(viewport, p.x));
        }
    }
    if response.dragged() {
        match (*range_drag, response.interact_pointer_pos()) {
            (Some(start), Some(p)) => {
                let end = axis.pos(viewport, p.x);
                *range = Some((start.min(end), start.max(end)));
            }
            _ => {
                let dx = f64::from(response.drag_delta().x);
                return viewport.panned(-dx / axis.width() * viewport.span());
            }
        }
    }
    if response.drag_stopped() {
        *range_drag = None;
    }
    viewport
}
