//! The reading app's main paths, driven through egui_kittest (no GPU, no display).
#![cfg(feature = "gui")]

mod common;

use std::path::PathBuf;
use std::time::Duration;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pangzhu::app::AppState;
use pangzhu::app::i18n::Language;
use pangzhu::app::samples::first_run_samples;
use pangzhu::app::settings::Settings;
use pangzhu::ui::{PangzhuApp, theme};

fn english() -> Settings {
    Settings {
        language: Some(Language::En),
        // Not a first run: no files means an empty window, not the samples.
        welcomed: true,
        ..Settings::default()
    }
}

/// A harness running the whole app over `files`, documents already loaded.
fn harness(files: &[PathBuf]) -> Harness<'static, PangzhuApp> {
    let mut state = AppState::new(english());
    state.start(files);
    assert!(
        state.wait_for_jobs(Duration::from_secs(120)),
        "loading timed out"
    );
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(theme::install_fonts)
        // A jump flashes its sentence for a second and a half: let animations finish.
        .with_max_steps(300)
        .build_ui_state(
            |ui, app: &mut PangzhuApp| app.frame(ui),
            PangzhuApp::new(state),
        );
    harness.run();
    harness
}

fn titles(harness: &Harness<'_, PangzhuApp>) -> Vec<String> {
    harness
        .state()
        .state()
        .documents()
        .iter()
        .map(|d| {
            d.loaded
                .doc()
                .title()
                .expect("sample has a title")
                .to_owned()
        })
        .collect()
}

#[test]
fn two_samples_open_side_by_side_with_both_titles_shown() {
    let harness = harness(&first_run_samples());
    let titles = titles(&harness);
    assert_eq!(titles.len(), 2);
    assert_ne!(titles[0], titles[1]);
    for title in &titles {
        assert!(
            harness.query_all_by_label(title.trim()).count() >= 1,
            "title {title} not shown"
        );
    }
}

#[test]
fn clicking_an_outline_heading_scrolls_its_pane_there() {
    let mut harness = harness(&first_run_samples()[..1]);
    let (id, heading, block) = {
        let app = harness.state().state();
        let open = &app.documents()[0];
        let entry = open
            .loaded
            .outline()
            .iter()
            .rfind(|e| e.level > 0)
            .expect("the sample has headings")
            .clone();
        (open.id, entry.text, entry.block)
    };
    assert!(block > 10, "the last heading is far down");
    assert_eq!(
        harness.query_all_by_label(&heading).count(),
        1,
        "only the outline shows it"
    );
    harness.get_by_label(&heading).click();
    harness.run();
    assert_eq!(harness.state().pane(id).expect("pane").top_block(), block);
    assert_eq!(
        harness.query_all_by_label(&heading).count(),
        2,
        "the heading is now visible in the reading pane too"
    );
}

#[test]
fn ctrl_q_saves_the_session() {
    let mut harness = harness(&first_run_samples());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    // Closing the viewport keeps requesting frames; a few steps are enough.
    harness.run_steps(3);
    let app = harness.state().state();
    assert!(app.quit_requested());
    assert_eq!(app.settings().session.files, first_run_samples());
}

#[test]
fn zoom_shortcuts_change_the_reading_size() {
    let mut harness = harness(&first_run_samples()[..1]);
    let before = harness.state().state().settings().font_size;
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    assert_eq!(harness.state().state().settings().font_size, before + 1.0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    harness.run();
    assert_eq!(harness.state().state().settings().font_size, before);
}

#[test]
fn search_steps_to_a_hit_in_the_reading_pane() {
    let mut harness = harness(&first_run_samples()[..1]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness
        .get_by_label("Search the open documents")
        .type_text("民心相通");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let app = harness.state().state();
    assert!(
        app.search().hits.len() >= 2,
        "{:?}",
        app.search().hits.len()
    );
    assert_eq!(app.search().current, Some(0));
}

#[test]
fn without_a_file_dialog_the_path_field_opens_files() {
    let mut harness = harness(&[]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    let path = first_run_samples()[0].display().to_string();
    harness.get_by_label("Open file path:").click();
    harness.run();
    harness.get_by_label("Open file path:").type_text(&path);
    harness.run();
    harness.get_by_label("Open").click();
    // The load job shows a spinner until it ends: step a few frames instead of waiting to settle.
    harness.run_steps(3);
    assert!(
        harness
            .state_mut()
            .state_mut()
            .wait_for_jobs(Duration::from_secs(60))
    );
    harness.run();
    assert_eq!(harness.state().state().documents().len(), 1);
}

#[test]
fn help_window_lists_every_shortcut() {
    let mut harness = harness(&[]);
    harness.key_press(Key::F1);
    harness.run();
    for text in ["Ctrl+O", "Ctrl+Q", "Ctrl+F", "Ctrl++", "F1"] {
        assert!(
            harness.query_by_label(text).is_some(),
            "{text} missing from Help"
        );
    }
}

#[test]
fn raw_toggle_shows_the_raw_file_lines() {
    let mut harness = harness(&first_run_samples()[..1]);
    let first_raw_line = {
        let app = harness.state().state();
        app.documents()[0]
            .loaded
            .doc()
            .raw()
            .line(1)
            .expect("line 1")
            .to_owned()
    };
    assert!(harness.query_by_label(&first_raw_line).is_none());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::R);
    harness.run();
    assert!(
        harness.query_by_label(&first_raw_line).is_some(),
        "raw line 1 not shown"
    );
}
