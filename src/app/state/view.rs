//! Commands that change only how things are shown: zoom, spacing, theme, fonts, language,
//! the raw view, synchronised scrolling and the side panel. They live in `Settings`. So does
//! the device name, which documents opened from then on write their annotations as.

use crate::app::command::Command;
use crate::app::settings::{FONT_SIZE_DEFAULT, Settings, SideTab};

/// Apply a view command to the settings.
pub fn handle(settings: &mut Settings, cmd: Command) {
    match cmd {
        Command::ZoomIn => settings.zoom(1),
        Command::ZoomOut => settings.zoom(-1),
        Command::ZoomReset => settings.font_size = FONT_SIZE_DEFAULT,
        Command::SetLineSpacing(v) => settings.line_spacing = v.clamp(1.0, 3.0),
        Command::SetColumnWidth(v) => settings.column_width = v.clamp(300.0, 2000.0),
        Command::SetTheme(t) => settings.theme = t,
        Command::SetReadingFont(f) => settings.reading_font = f,
        Command::SetLanguage(l) => settings.language = Some(l),
        Command::SetDeviceName(name) => settings.device_name = name,
        Command::ToggleRaw => settings.show_raw = !settings.show_raw,
        Command::ToggleSyncScroll => settings.sync_scroll = !settings.sync_scroll,
        Command::ToggleSidePanel => settings.side_panel_open = !settings.side_panel_open,
        Command::ToggleTimelineView => settings.timeline_open = !settings.timeline_open,
        Command::ShowTab(tab) => show_tab(settings, tab),
        _ => debug_assert!(false, "not a view command: {cmd:?}"),
    }
}

/// Open the side panel on `tab`.
pub fn show_tab(settings: &mut Settings, tab: SideTab) {
    settings.side_tab = tab;
    settings.side_panel_open = true;
}
