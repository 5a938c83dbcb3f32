//! The reading pane under load: a headless egui context runs the real UI over a ~5 MB
//! document while scrolling with the mouse wheel. Reports CPU time per frame (median, p95) and
//! the time to the first full frame after the document is opened.
//!
//! `cargo bench --bench reading_pane`

use std::time::Instant;

use cpu_time::ThreadTime;

mod common;
use common::frames::{input, percentile};

use egui::{Event, Modifiers, MouseWheelSource, MouseWheelUnit, TouchPhase, pos2, vec2};
use pangzhu::app::loaded::LoadedDocument;
use pangzhu::app::settings::Settings;
use pangzhu::app::{AppState, Command};
use pangzhu::document::Document;
use pangzhu::storage::Locations;
use pangzhu::ui::{PangzhuApp, theme};

const TARGET_BYTES: usize = 5 * 1024 * 1024;
const FRAMES: usize = 400;
/// A word common in the samples; every `HIGHLIGHT_EVERY`th occurrence is highlighted.
const HIGHLIGHTED: &str = "合作";
const HIGHLIGHT_EVERY: usize = 2;

/// The bundled samples repeated until the text is about 5 MB.
fn big_text() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut samples: Vec<String> = std::fs::read_dir(&dir)
        .expect("samples")
        .filter_map(|e| e.ok())
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    samples.sort();
    let mut text = String::with_capacity(TARGET_BYTES + 100_000);
    while text.len() < TARGET_BYTES {
        for s in &samples {
            text.push_str(s);
            text.push('\n');
        }
    }
    text
}

fn wheel(dy: f32) -> Vec<Event> {
    vec![
        Event::PointerMoved(pos2(900.0, 450.0)),
        Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(0.0, -dy),
            phase: TouchPhase::Move,
            source: MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        },
    ]
}

fn main() {
    let text = big_text();
    let started = Instant::now();
    let doc = Document::from_text("big.txt", &text);
    let loaded = LoadedDocument::from_document("big.txt".into(), doc, None);
    let load_time = started.elapsed();
    let blocks = loaded.doc().blocks().len();

    let ctx = egui::Context::default();
    theme::install_fonts(&ctx);
    let mut app = PangzhuApp::new(AppState::new(Settings::default()));
    // Warm the font atlas with an empty window, as the app has drawn before a file is opened.
    let mut t = 0.0;
    let _ = ctx.run_ui(input(Vec::new(), t), |ui| app.frame(ui));

    // A fresh folder for the sidecar and the tag library: nothing of the user's is touched.
    let scratch = tempfile::tempdir().expect("scratch folder");
    app.state_mut()
        .set_locations(Locations::with_data_dir(scratch.path().join("data")));
    let sidecar = scratch.path().join("big.txt.pangzhu.ron");
    let opened = Instant::now();
    let id = app.state_mut().add_document(loaded, &sidecar);
    t += 1.0 / 60.0;
    let _ = ctx.run_ui(input(Vec::new(), t), |ui| app.frame(ui));
    let first_frame = opened.elapsed();

    // Highlights to draw while scrolling: every occurrence of a common word, tagged by key.
    let clean = app.state().documents()[0].loaded.doc().text().to_owned();
    let spans: Vec<(usize, usize)> = clean
        .match_indices(HIGHLIGHTED)
        .step_by(HIGHLIGHT_EVERY)
        .map(|(i, m)| (i, i + m.len()))
        .collect();
    for (n, (start, end)) in spans.iter().enumerate() {
        let state = app.state_mut();
        state.handle(Command::Select {
            doc: id,
            start: *start,
            end: *end,
        });
        state.handle(Command::QuickTag(u8::try_from(n % 9 + 1).unwrap_or(1)));
    }
    app.state_mut().flush_annotations();
    app.state_mut().handle(Command::ClearSelection);
    let highlights = app
        .state()
        .annotations(id)
        .map_or(0, |a| a.highlights().len());

    let mut times = Vec::with_capacity(FRAMES);
    let mut walls = Vec::with_capacity(FRAMES);
    for i in 0..FRAMES {
        t += 1.0 / 60.0;
        // Long wheel flicks: every frame moves about a screen, into text not laid out before.
        let dy = if i % 100 < 90 { 700.0 } else { -1500.0 };
        // CPU time of this thread: what the frame costs, not how long the shared machine let
        // it wait for a core. Wall time is kept too.
        let start = Instant::now();
        let cpu = ThreadTime::now();
        let _ = ctx.run_ui(input(wheel(dy), t), |ui| app.frame(ui));
        times.push(cpu.elapsed());
        walls.push(start.elapsed());
    }
    times.sort();
    walls.sort();
    let id = app.state().documents()[0].id;
    let top = app.pane(id).map_or(0, |p| p.top_block());
    println!(
        "reading_pane: document {:.1} MB, {blocks} blocks (cleanup + load off the UI thread: {load_time:.2?})",
        text.len() as f64 / 1e6
    );
    println!("reading_pane: time to first full frame after opening: {first_frame:.2?}");
    println!(
        "reading_pane: {FRAMES} scrolling frames over {highlights} highlights, CPU time per frame: median {:.2?}, p95 {:.2?}, max {:.2?}; reached block {top}",
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        percentile(&times, 1.0),
    );
    println!(
        "reading_pane: wall time per frame: median {:.2?}, p95 {:.2?}, max {:.2?}",
        percentile(&walls, 0.5),
        percentile(&walls, 0.95),
        percentile(&walls, 1.0),
    );
}
