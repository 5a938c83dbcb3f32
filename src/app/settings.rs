//! UI preferences (persisted through eframe storage by `ui/`, never annotations).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::i18n::Language;

pub const FONT_SIZE_DEFAULT: f32 = 18.0;
pub const FONT_SIZE_MIN: f32 = 10.0;
pub const FONT_SIZE_MAX: f32 = 40.0;
const RECENT_MAX: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum ThemeChoice {
    #[default]
    Light,
    Dark,
    Sepia,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [Self::Light, Self::Dark, Self::Sepia];

    pub fn label(self, lang: Language) -> &'static str {
        match self {
            Self::Light => lang.pick("浅色", "Light"),
            Self::Dark => lang.pick("深色", "Dark"),
            Self::Sepia => lang.pick("护眼", "Sepia"),
        }
    }
}

/// Which font reads the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum ReadingFont {
    #[default]
    Serif,
    Sans,
}

/// Tabs of the side panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum SideTab {
    #[default]
    Outline,
    Timeline,
    Footnotes,
    Annotations,
    Names,
    Search,
    /// A folder of documents, indexed: its list and a search over all of it.
    Library,
}

impl SideTab {
    pub const ALL: [SideTab; 7] = [
        Self::Outline,
        Self::Timeline,
        Self::Footnotes,
        Self::Annotations,
        Self::Names,
        Self::Search,
        Self::Library,
    ];

    pub fn label(self, lang: Language) -> &'static str {
        match self {
            Self::Outline => lang.pick("大纲", "Outline"),
            Self::Timeline => lang.pick("时间线", "Timeline"),
            Self::Footnotes => lang.pick("注释", "Footnotes"),
            Self::Annotations => lang.pick("批注", "Annotations"),
            Self::Names => lang.pick("名称与关键词", "Names & keywords"),
            Self::Search => lang.pick("搜索", "Search"),
            Self::Library => lang.pick("文库", "Library"),
        }
    }
}

/// What was open when the app last quit.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    pub files: Vec<PathBuf>,
    /// Top visible block of each file, same order as `files`.
    pub top_blocks: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: ThemeChoice,
    /// `None`: follow the system locale.
    pub language: Option<Language>,
    pub reading_font: ReadingFont,
    pub font_size: f32,
    /// Line height as a multiple of the font size.
    pub line_spacing: f32,
    /// Maximum width of the text column, in points.
    pub column_width: f32,
    pub show_raw: bool,
    pub sync_scroll: bool,
    pub side_tab: SideTab,
    pub side_panel_open: bool,
    /// The timeline view under the documents.
    pub timeline_open: bool,
    pub recent: Vec<PathBuf>,
    pub session: Session,
    /// False until the first run has opened the bundled samples.
    pub welcomed: bool,
    /// Tag paths on keys 1–9.
    pub quick_tags: Vec<String>,
    /// This device's name: each document's annotations are written to
    /// `NAME.EXT.pangzhu/DEVICE.ron`, so devices sharing a folder never write the same file.
    /// Empty: the host name. `PANGZHU_DEVICE` overrides it.
    pub device_name: String,
}

/// The quick tags a new user starts with (keys 1–9); editable in the settings file.
pub fn default_quick_tags() -> Vec<String> {
    [
        "重点", "疑问", "引用", "数据", "观点", "人物", "地点", "政策", "待查",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect()
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::Light,
            language: None,
            reading_font: ReadingFont::Serif,
            font_size: FONT_SIZE_DEFAULT,
            line_spacing: 1.7,
            column_width: 760.0,
            show_raw: false,
            sync_scroll: false,
            side_tab: SideTab::Outline,
            side_panel_open: true,
            timeline_open: false,
            recent: Vec::new(),
            session: Session::default(),
            welcomed: false,
            quick_tags: default_quick_tags(),
            device_name: String::new(),
        }
    }
}

impl Settings {
    pub fn language(&self) -> Language {
        self.language.unwrap_or_else(Language::from_env)
    }

    /// The device name annotations are written as, if the setting names one (sanitised to a
    /// file name; `PANGZHU_DEVICE` wins). `None`: whatever the storage locations say.
    pub fn device(&self) -> Option<String> {
        let set = !self.device_name.trim().is_empty();
        set.then(|| crate::storage::device_name(Some(&self.device_name)))
    }

    pub fn zoom(&mut self, steps: i32) {
        self.font_size = (self.font_size + steps as f32).clamp(FONT_SIZE_MIN, FONT_SIZE_MAX);
    }

    /// Move `path` to the front of the recent list.
    pub fn remember_recent(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(RECENT_MAX);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_fields_take_defaults() {
        let s: Settings = ron::from_str("(font_size: 22.0)").expect("parse");
        assert_eq!(s.font_size, 22.0);
        assert_eq!(s.column_width, Settings::default().column_width);
    }

    #[test]
    fn the_device_name_is_a_safe_file_name_or_left_to_the_locations() {
        let mut s = Settings::default();
        assert_eq!(s.device(), None, "empty: the host name (or PANGZHU_DEVICE)");
        s.device_name = "Alice's laptop".into();
        if std::env::var_os(crate::storage::DEVICE_ENV).is_none() {
            assert_eq!(s.device().as_deref(), Some("Alice-s-laptop"));
        }
        let back: Settings = ron::from_str("(device_name: \"书房\")").expect("parse");
        assert_eq!(back.device_name, "书房");
    }

    #[test]
    fn zoom_is_clamped_and_recent_is_deduplicated() {
        let mut s = Settings::default();
        s.zoom(100);
        assert_eq!(s.font_size, FONT_SIZE_MAX);
        s.remember_recent(Path::new("a"));
        s.remember_recent(Path::new("b"));
        s.remember_recent(Path::new("a"));
        assert_eq!(s.recent, vec![PathBuf::from("a"), PathBuf::from("b")]);
    }
}
