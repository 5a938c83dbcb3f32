//! The Library tab, driven through egui_kittest: open a folder as a library (indexed in the
//! background), see its documents, search all of them, click a hit to open its document there.
#![cfg(feature = "gui")]

mod common;

use std::path::PathBuf;

use common::gui::{app_harness, english, fresh_state, settle};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pangzhu::ui::PangzhuApp;

/// Three samples in a folder with a subfolder.
fn library_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    std::fs::create_dir(dir.path().join("2023")).expect("subfolder");
    for (name, to) in [
        ("000_708c568e49ff463c.txt", "a.txt"),
        ("002_8c57817936e7d7cd.txt", "2023/b.txt"),
        ("004_a373b87fb3ad326b.txt", "2023/c.txt"),
    ] {
        std::fs::copy(samples.join(name), dir.path().join(to)).expect("copy");
    }
    dir
}

fn harness() -> Harness<'static, PangzhuApp> {
    app_harness(fresh_state(english()))
}

#[test]
fn a_folder_opens_as_a_library_is_searched_and_a_hit_opens_its_document() {
    let dir = library_folder();
    let mut harness = harness();
    harness.get_by_label("Library").click();
    harness.run();
    harness.get_by_label("Folder").click();
    harness.run();
    harness
        .get_by_label("Folder")
        .type_text(&dir.path().display().to_string());
    harness.run();
    harness.get_by_label("Open library").click();
    harness.run_steps(2);
    settle(&mut harness);
    {
        let library = harness.state().state().library();
        assert_eq!(library.documents.len(), 3, "the three documents are listed");
        assert!(!library.indexing);
    }
    assert!(
        harness.query_by_label_contains("2023/b.txt").is_some(),
        "a document in the subfolder is listed with its relative path"
    );
    assert!(
        dir.path().join(".pangzhu/index").is_dir(),
        "the index lives in the folder"
    );
    harness.get_by_label("Search library").click();
    harness.run();
    harness
        .get_by_label("Search library")
        .type_text("上海合作组织");
    harness.run();
    harness.key_press(egui::Key::Enter);
    // The search runs on a job thread.
    harness.run_steps(2);
    settle(&mut harness);
    let (hits, documents) = {
        let library = harness.state().state().library();
        let mut sources: Vec<&str> = library.hits.iter().map(|h| h.source.as_str()).collect();
        sources.dedup();
        (library.hits.len(), sources.len())
    };
    assert!(
        hits >= 2 && documents >= 1,
        "{hits} hits in {documents} documents"
    );
    // Hits are grouped by document: open the first group and click its first hit.
    let first = harness.state().state().library().hits[0].clone();
    let row = format!("{}:{}", first.line, first.col);
    if harness.query_by_label_contains(&row).is_none() {
        let header = format!("{} (", first.source);
        harness.get_by_label_contains(&header).click();
        harness.run();
    }
    harness.get_by_label_contains(&row).click();
    // The load job shows a progress bar until it ends: step a few frames, then wait for it.
    harness.run_steps(3);
    settle(&mut harness);
    let app = harness.state().state();
    assert_eq!(app.documents().len(), 1, "the hit's document opened");
    let open = &app.documents()[0];
    assert_eq!(
        std::fs::canonicalize(open.loaded.path()).expect("path"),
        std::fs::canonicalize(&first.source).expect("path")
    );
    let id = open.id;
    let request = app
        .scroll_request(id)
        .expect("the pane is asked to go to the hit");
    assert_eq!(request.flash, Some(first.span.start()));
}

#[test]
fn the_timeline_view_shows_the_library_as_a_lane_and_a_mark_opens_its_document() {
    let dir = library_folder();
    let mut harness = harness();
    harness
        .state_mut()
        .state_mut()
        .handle(pangzhu::app::Command::OpenLibrary(dir.path().to_owned()));
    settle(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::T);
    harness.run();
    harness.get_by_label("Library lane").click();
    harness.run();
    let (mark, at) = {
        let (scene, rect) = harness.state().timeline_view().scene().expect("scene");
        assert_eq!(
            scene.lanes.len(),
            1,
            "no document is open: only the library lane"
        );
        assert_eq!(scene.lanes[0].label, "文库 Library (3)");
        let mark = scene
            .marks
            .iter()
            .find(|m| m.bar.is_none() && m.rows.len() == 1 && m.x > scene.left + 10.0)
            .expect("a lone mark in the library lane")
            .clone();
        let at = egui::pos2(rect.left() + mark.x as f32, rect.top() + mark.y as f32);
        (mark, at)
    };
    assert!(harness.state().state().documents().is_empty());
    harness.hover_at(at);
    harness.run();
    harness.drag_at(at);
    harness.drop_at(at);
    harness.run_steps(3);
    settle(&mut harness);
    let app = harness.state().state();
    assert_eq!(app.documents().len(), 1, "the mark's document opened");
    let id = app.documents()[0].id;
    let request = app.scroll_request(id).expect("it goes to the date");
    assert!(request.flash.is_some(), "{mark:?}");
}
