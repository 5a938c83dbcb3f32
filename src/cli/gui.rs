//! `pangzhu [FILE...]`: the reading app. Without a display it says so and points at the CLI.

use std::path::PathBuf;
use std::process::ExitCode;

/// Exit code when no window can be shown.
const NO_DISPLAY: u8 = 1;

#[cfg(feature = "gui")]
pub fn run(files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    if !display_available() {
        eprintln!("{}", no_display_message());
        return Ok(ExitCode::from(NO_DISPLAY));
    }
    let files = files.to_vec();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("旁注 Pangzhu")
            .with_app_id("pangzhu")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([480.0, 320.0])
            .with_drag_and_drop(true),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    let result = eframe::run_native(
        "pangzhu",
        options,
        Box::new(move |cc| {
            Ok(Box::new(crate::ui::PangzhuApp::from_creation_context(
                cc, &files,
            )))
        }),
    );
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(err) => {
            eprintln!("pangzhu: cannot open a window ({err}). {}", cli_hint());
            Ok(ExitCode::from(NO_DISPLAY))
        }
    }
}

#[cfg(not(feature = "gui"))]
pub fn run(_files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    eprintln!("pangzhu: built without the `gui` feature. {}", cli_hint());
    Ok(ExitCode::from(NO_DISPLAY))
}

fn cli_hint() -> &'static str {
    "Use the subcommands instead: pangzhu extract|timeline|search|tag|annotations|export FILE… (pangzhu --help)"
}

/// One line: why there is no window and what to use instead.
pub fn no_display_message() -> String {
    format!(
        "pangzhu: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set). {}",
        cli_hint()
    )
}

/// On Linux and the BSDs a window needs X11 or Wayland; elsewhere there is always a desktop.
pub fn display_available() -> bool {
    if cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd"
    )) {
        ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|k| std::env::var_os(k).is_some_and(|v| !v.is_empty()))
    } else {
        true
    }
}
