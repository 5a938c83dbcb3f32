//! The whole reading app in an egui_kittest harness, the same way in every GUI test: the
//! bundled fonts, frames a hand's pace apart, the user's own files never touched.

use std::time::Duration;

use egui_kittest::Harness;
use pangzhu::app::AppState;
use pangzhu::app::i18n::Language;
use pangzhu::app::settings::Settings;
use pangzhu::storage::Locations;
use pangzhu::ui::{PangzhuApp, theme};

/// English menus; not a first run (no files means an empty window, not the samples).
pub fn english() -> Settings {
    Settings {
        language: Some(Language::En),
        welcomed: true,
        ..Settings::default()
    }
}

/// A state whose fallback sidecars and tag library go to a fresh folder, never the user's.
pub fn fresh_state(settings: Settings) -> AppState {
    let mut state = AppState::new(settings);
    state.set_locations(
        Locations::with_data_dir(tempfile::tempdir().expect("tmp").keep()).with_device("gui"),
    );
    state
}

/// The app over `state`, one settled frame drawn.
pub fn app_harness(state: AppState) -> Harness<'static, PangzhuApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(theme::install_fonts)
        // Frames a hand's pace apart, so two clicks can make a double click (egui allows 0.3 s).
        .with_step_dt(1.0 / 20.0)
        // A jump flashes its sentence for a second and a half: let animations finish.
        .with_max_steps(300)
        .build_ui_state(
            |ui, app: &mut PangzhuApp| app.frame(ui),
            PangzhuApp::new(state),
        );
    harness.run();
    harness
}

/// Let background jobs (loading, indexing, grouping, saving) finish and the frames that show
/// them run.
pub fn settle(harness: &mut Harness<'static, PangzhuApp>) {
    assert!(
        harness
            .state_mut()
            .state_mut()
            .wait_for_jobs(Duration::from_secs(120)),
        "jobs timed out"
    );
    harness.run();
}
