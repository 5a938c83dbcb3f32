//! The timeline view under load: four documents with 5,000 dated entries in all, the view
//! open under them, zoomed and panned every frame with the pointer over the axis. Reports CPU
//! time per frame (median, p95) and how many marks and clusters the frames drew.
//!
//! `cargo bench --bench timeline_view`

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use cpu_time::ThreadTime;

mod common;
use common::frames::{input, percentile};

use egui::{Event, Modifiers, MouseWheelSource, MouseWheelUnit, TouchPhase, vec2};
use pangzhu::app::loaded::LoadedDocument;
use pangzhu::app::settings::Settings;
use pangzhu::app::{AppState, Command};
use pangzhu::document::Document;
use pangzhu::storage::Locations;
use pangzhu::ui::{PangzhuApp, theme};

const DOCUMENTS: usize = 4;
const ENTRIES_PER_DOCUMENT: usize = 1250;
const FRAMES: usize = 300;
const PLACES: [&str; 6] = ["阿拉木图", "西安", "撒马尔罕", "北京", "塔什干", "阿斯塔纳"];
const TOPICS: [&str; 5] = ["经贸", "能源", "交通", "人文", "安全"];

/// A report of `n` dated sentences: days, months, years, ranges and decades, 1950–2025.
fn report(seed: usize, n: usize) -> String {
    let mut text = format!("第{seed}份报告\n\n");
    for i in 0..n {
        let k = seed * 7919 + i * 104_729;
        let year = 1950 + k % 76;
        let (month, day) = (1 + k % 12, 1 + k % 28);
        let place = PLACES[k % PLACES.len()];
        let topic = TOPICS[(k / 7) % TOPICS.len()];
        let _ = match i % 10 {
            0..=5 => write!(
                text,
                "{year}年{month}月{day}日，{place}举行第{i}次{topic}合作会议。"
            ),
            6 | 7 => write!(text, "{year}年{month}月，{place}签署{topic}协定。"),
            8 => write!(text, "{year}年至{}年，{place}{topic}项目建成。", year + 3),
            _ => write!(text, "20世纪{}0年代，{place}{topic}往来频繁。", 5 + k % 5),
        };
        if i % 5 == 4 {
            text.push_str("\n\n");
        }
    }
    text
}

/// Over the axis: zoom in or out around the pointer, or pan with the wheel.
fn gesture(i: usize, at: egui::Pos2) -> Vec<Event> {
    let mut events = vec![Event::PointerMoved(at)];
    match i % 40 {
        0..=9 => events.push(Event::Zoom(1.15)),
        10..=19 => events.push(Event::Zoom(1.0 / 1.15)),
        _ => events.push(Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(if i.is_multiple_of(2) { 60.0 } else { -40.0 }, 0.0),
            phase: TouchPhase::Move,
            source: MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        }),
    }
    events
}

fn main() {
    let ctx = egui::Context::default();
    theme::install_fonts(&ctx);
    let settings = Settings {
        welcomed: true,
        side_panel_open: false,
        timeline_open: true,
        ..Settings::default()
    };
    let mut app = PangzhuApp::new(AppState::new(settings));
    let scratch = tempfile::tempdir().expect("scratch folder");
    app.state_mut()
        .set_locations(Locations::with_data_dir(scratch.path().join("data")));
    for d in 0..DOCUMENTS {
        let name = format!("report-{d}.txt");
        let doc = Document::from_text(&name, &report(d, ENTRIES_PER_DOCUMENT));
        let loaded = LoadedDocument::from_document(name.clone().into(), doc, None);
        let sidecar = scratch.path().join(format!("{name}.pangzhu.ron"));
        app.state_mut().add_document(loaded, &sidecar);
    }
    let entries: usize = app
        .state()
        .documents()
        .iter()
        .map(|d| d.loaded.analysis().timeline.entries.len())
        .sum();
    let mut t = 0.0;
    let _ = ctx.run_ui(input(Vec::new(), t), |ui| app.frame(ui));
    let grouping = Instant::now();
    app.state_mut().wait_for_jobs(Duration::from_secs(600));
    let grouping = grouping.elapsed();
    let shared = app
        .state()
        .timeline_events()
        .expect("events grouped")
        .iter()
        .filter(|e| e.mentions > 1)
        .count();
    app.state_mut().handle(Command::ClearSelection);
    t += 1.0 / 60.0;
    let _ = ctx.run_ui(input(Vec::new(), t), |ui| app.frame(ui));
    let at = app
        .timeline_view()
        .scene()
        .map(|(_, r)| r.center())
        .expect("the timeline view is drawn");

    let mut times = Vec::with_capacity(FRAMES);
    let mut marks = Vec::with_capacity(FRAMES);
    for i in 0..FRAMES {
        t += 1.0 / 60.0;
        let cpu = ThreadTime::now();
        let _ = ctx.run_ui(input(gesture(i, at), t), |ui| app.frame(ui));
        times.push(cpu.elapsed());
        marks.push(
            app.timeline_view()
                .scene()
                .map_or(0, |(s, _)| s.marks.len()),
        );
    }
    times.sort();
    marks.sort_unstable();
    println!(
        "timeline_view: {DOCUMENTS} documents, {entries} timeline entries, {shared} in events told more than once (grouped off the UI thread in {grouping:.2?})"
    );
    println!(
        "timeline_view: {FRAMES} zoom/pan frames, CPU time per frame: median {:.2?}, p95 {:.2?}, max {:.2?}; marks+bars drawn per frame: median {}, max {}",
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        percentile(&times, 1.0),
        marks[marks.len() / 2],
        marks.last().copied().unwrap_or(0),
    );
}
