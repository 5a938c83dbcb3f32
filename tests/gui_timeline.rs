//! The timeline view, driven through egui_kittest: Ctrl+T shows it, zooming and panning change
//! the visible range, hovering a mark shows its sentence, clicking one goes there in the
//! reading pane, unticking a document hides its lane, the picture saves as SVG and PNG.
#![cfg(feature = "gui")]

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::gui::{app_harness, english, fresh_state, settle};
use egui::{Key, Modifiers, Pos2, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pangzhu::app::Location;
use pangzhu::app::samples::first_run_samples;
use pangzhu::app::state::{merged_rows, timeline_keys};
use pangzhu::chart::SceneMark;
use pangzhu::ui::PangzhuApp;

/// The two first-run samples copied into a fresh folder (pictures are saved beside them).
fn samples() -> (tempfile::TempDir, Vec<PathBuf>) {
    copies(&first_run_samples())
}

/// Two reports that tell of one event (the 2024 trade figure).
fn related_reports() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    copies(&[
        dir.join("002_8c57817936e7d7cd.txt"),
        dir.join("004_a373b87fb3ad326b.txt"),
    ])
}

fn copies(files: &[PathBuf]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().expect("tmp");
    let files = files
        .iter()
        .map(|p| {
            let to = dir.path().join(p.file_name().expect("name"));
            std::fs::copy(p, &to).expect("copy sample");
            to
        })
        .collect();
    (dir, files)
}

/// The app over `files` with the timeline view open and its events grouped.
fn timeline_harness(files: &[PathBuf]) -> Harness<'static, PangzhuApp> {
    let mut state = fresh_state(english());
    state.start(files);
    assert!(state.wait_for_jobs(Duration::from_secs(120)), "loading");
    let mut harness = app_harness(state);
    assert!(harness.query_by_label("Timeline axis").is_none());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::T);
    harness.run();
    settle(&mut harness);
    harness
}

fn viewport(harness: &Harness<'_, PangzhuApp>) -> pangzhu::chart::Viewport {
    harness
        .state()
        .timeline_view()
        .viewport()
        .expect("the view has drawn")
}

/// Screen position of a scene point.
fn screen(harness: &Harness<'_, PangzhuApp>, x: f64, y: f64) -> Pos2 {
    let (_, rect) = harness.state().timeline_view().scene().expect("scene");
    pos2(rect.left() + x as f32, rect.top() + y as f32)
}

/// The middle of the date axis.
fn axis_middle(harness: &Harness<'_, PangzhuApp>) -> Pos2 {
    let (scene, rect) = harness.state().timeline_view().scene().expect("scene");
    pos2(
        rect.left() + ((scene.left + scene.width) / 2.0) as f32,
        rect.top() + rect.height() * 0.6,
    )
}

/// A lone mark (not a cluster, not a bar) matching `pick`, with its row's document offset and
/// sentence.
fn lone_mark(
    harness: &Harness<'_, PangzhuApp>,
    pick: impl Fn(&SceneMark, &Location) -> bool,
) -> Option<(SceneMark, Location, String)> {
    let app = harness.state().state();
    let docs = app.documents();
    let keys = timeline_keys(docs);
    let rows = merged_rows(&keys);
    let (scene, _) = harness.state().timeline_view().scene()?;
    scene.marks.iter().find_map(|m| {
        if m.bar.is_some() || m.rows.len() != 1 || m.x < scene.left + 10.0 {
            return None;
        }
        let row = rows.get(m.rows[0])?;
        let doc = docs[keys.iter().position(|(k, _)| k == row.source)?].id;
        let loc = Location {
            doc,
            offset: row.entry.span.start(),
        };
        pick(m, &loc).then(|| (m.clone(), loc, row.entry.sentence.clone()))
    })
}

#[test]
fn ctrl_t_shows_a_lane_per_document_with_marks_and_an_event_connector() {
    let (_dir, files) = related_reports();
    let harness = timeline_harness(&files);
    assert!(harness.state().state().settings().timeline_open);
    harness.get_by_label("Timeline axis");
    let (scene, _) = harness.state().timeline_view().scene().expect("scene");
    assert_eq!(scene.lanes.len(), 2);
    for lane in 0..2 {
        assert!(
            scene.marks.iter().any(|m| m.lane == lane),
            "lane {lane} has marks"
        );
    }
    assert!(
        harness.state().state().timeline_events().is_some(),
        "events were grouped in the background"
    );
    assert!(
        !scene.connectors.is_empty(),
        "the two samples tell of common events: {:?}",
        scene.connectors.len()
    );
}

#[test]
fn pinch_keys_and_drag_zoom_and_pan_the_visible_range() {
    let (_dir, files) = samples();
    let mut harness = timeline_harness(&files);
    let fitted = viewport(&harness);
    let p = axis_middle(&harness);
    harness.hover_at(p);
    harness.run();
    // A pinch (or Ctrl+wheel) zooms in around the pointer: the date under it stays put.
    let (left, axis_w, rect_left) = {
        let (scene, rect) = harness.state().timeline_view().scene().expect("scene");
        (scene.left, scene.width - scene.left, rect.left())
    };
    let x_on_axis = f64::from(p.x - rect_left) - left;
    let under = fitted.pos(x_on_axis, axis_w);
    harness.event(egui::Event::Zoom(2.0));
    harness.run();
    let zoomed = viewport(&harness);
    assert!(
        (zoomed.span() - fitted.span() / 2.0).abs() < fitted.span() * 0.01,
        "{fitted:?} → {zoomed:?}"
    );
    let under_now = zoomed.pos(x_on_axis, axis_w);
    assert!((under - under_now).abs() < zoomed.span() * 0.01);
    // Keys while the pointer is over the axis: + zooms in, → pans later, Home fits.
    harness.key_press(Key::Plus);
    harness.run();
    assert!(viewport(&harness).span() < zoomed.span() * 0.7);
    let before = viewport(&harness);
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert!(viewport(&harness).start > before.start);
    // Dragging the lanes to the left shows later dates.
    let before = viewport(&harness);
    harness.drag_at(p);
    harness.run();
    harness.hover_at(p - egui::vec2(200.0, 0.0));
    harness.run();
    harness.drop_at(p - egui::vec2(200.0, 0.0));
    harness.run();
    let after = viewport(&harness);
    assert!(after.start > before.start, "{before:?} → {after:?}");
    assert!(
        (after.span() - before.span()).abs() < 1e-9,
        "a drag does not zoom"
    );
    harness.hover_at(p);
    harness.run();
    harness.key_press(Key::Home);
    harness.run();
    assert_eq!(viewport(&harness), fitted);
}

#[test]
fn hovering_a_mark_shows_its_sentence() {
    let (_dir, files) = samples();
    let mut harness = timeline_harness(&files);
    let (mark, _, sentence) = lone_mark(&harness, |_, _| true).expect("a lone mark");
    assert!(harness.query_by_label(&sentence).is_none());
    harness.hover_at(screen(&harness, mark.x, mark.y));
    // Tooltips wait for the pointer to rest a moment.
    harness.run_steps(20);
    assert!(
        harness.query_by_label(&sentence).is_some(),
        "the tooltip shows: {sentence}"
    );
}

#[test]
fn clicking_a_mark_selects_it_and_scrolls_the_reading_pane_there() {
    let (_dir, files) = samples();
    let mut harness = timeline_harness(&files);
    // A mark far down its document, so the pane has to move.
    let far = |_: &SceneMark, loc: &Location| loc.offset > 20_000;
    let (mark, loc, _) = lone_mark(&harness, far).expect("a mark far down a document");
    assert_eq!(harness.state().pane(loc.doc).expect("pane").top_block(), 0);
    let p = screen(&harness, mark.x, mark.y);
    harness.hover_at(p);
    harness.run();
    harness.drag_at(p);
    harness.drop_at(p);
    harness.run();
    assert_eq!(harness.state().state().timeline_selected(), Some(loc));
    let block = {
        let app = harness.state().state();
        let doc = app.document(loc.doc).expect("doc").loaded.doc();
        doc.blocks()
            .iter()
            .position(|b| b.span.start() <= loc.offset && loc.offset < b.span.end())
            .expect("block")
    };
    let top = harness.state().pane(loc.doc).expect("pane").top_block();
    assert!(top > 0 && top <= block, "top {top}, entry in block {block}");
}

#[test]
fn unticking_a_document_hides_its_lane() {
    let (_dir, files) = samples();
    let mut harness = timeline_harness(&files);
    let (first_id, name) = {
        let app = harness.state().state();
        let d = &app.documents()[0];
        (d.id, d.loaded.display_name())
    };
    let shown: String = if name.chars().count() <= 14 {
        name.clone()
    } else {
        name.chars().take(13).chain(['…']).collect()
    };
    harness.get_by_label(&shown).click();
    harness.run();
    let view = harness.state().timeline_view();
    assert!(view.filters().hidden.contains(&first_id));
    let (scene, _) = view.scene().expect("scene");
    assert_eq!(scene.lanes.len(), 1);
    assert_ne!(scene.lanes[0].label, name);
}

#[test]
fn the_picture_is_saved_as_svg_and_png_beside_the_documents() {
    let (dir, files) = samples();
    let mut harness = timeline_harness(&files);
    harness.get_by_label("Save SVG").click();
    harness.run();
    settle(&mut harness);
    let svg = std::fs::read_to_string(dir.path().join("timeline.svg")).expect("svg saved");
    assert!(svg.starts_with("<svg") && svg.contains("<circle"));
    harness.get_by_label("Save PNG").click();
    harness.run();
    settle(&mut harness);
    let png = std::fs::read(dir.path().join("timeline.png")).expect("png saved");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 10_000);
}
