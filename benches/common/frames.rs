//! Input for the GUI benches: one frame's raw input on a fixed screen, and the percentile of
//! a sorted list of frame times.

use std::time::Duration;

use egui::{Event, RawInput, pos2};

/// The screen the GUI benches draw on.
pub const SCREEN: egui::Vec2 = egui::vec2(1400.0, 900.0);

pub fn input(events: Vec<Event>, time: f64) -> RawInput {
    RawInput {
        screen_rect: Some(egui::Rect::from_min_size(pos2(0.0, 0.0), SCREEN)),
        time: Some(time),
        events,
        ..RawInput::default()
    }
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(idx).copied().unwrap_or_default()
}
