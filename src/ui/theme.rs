//! Fonts and colour tokens: every colour and font the UI uses comes from here.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use egui::{Color32, FontData, FontDefinitions, FontFamily, FontId, FontInsert, InsertFontFamily};

use crate::annotation::Colour;
use crate::app::settings::{ReadingFont, Settings, ThemeChoice};
use crate::app::system_fonts;

use crate::fonts::{SANS, SANS_BYTES, SERIF, SERIF_BYTES, SYMBOLS, SYMBOLS_BYTES};

/// The reading families, each with its bundled face first.
pub const READING_SERIF: &str = "reading-serif";
pub const READING_SANS: &str = "reading-sans";

/// The bundled font files, for tests that check their coverage.
pub fn bundled_fonts() -> [(&'static str, &'static [u8]); 3] {
    crate::fonts::bundled()
}

/// The font definitions: bundled Simplified Chinese first in every family (so Chinese text
/// never picks a Japanese face by locale), egui's default fonts after it for Latin and emoji.
pub fn font_definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts
        .font_data
        .insert(SANS.to_owned(), Arc::new(FontData::from_static(SANS_BYTES)));
    fonts.font_data.insert(
        SERIF.to_owned(),
        Arc::new(FontData::from_static(SERIF_BYTES)),
    );
    fonts.font_data.insert(
        SYMBOLS.to_owned(),
        Arc::new(FontData::from_static(SYMBOLS_BYTES)),
    );
    let defaults_prop = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let defaults_mono = fonts
        .families
        .get(&FontFamily::Monospace)
        .cloned()
        .unwrap_or_default();
    let chain = |first: &str, rest: &[String]| {
        let mut v = vec![first.to_owned()];
        v.extend(rest.iter().cloned());
        v.push(SYMBOLS.to_owned());
        v
    };
    fonts
        .families
        .insert(FontFamily::Proportional, chain(SANS, &defaults_prop));
    fonts
        .families
        .insert(FontFamily::Monospace, chain(SANS, &defaults_mono));
    let mut serif_rest = vec![SANS.to_owned()];
    serif_rest.extend(defaults_prop.iter().cloned());
    fonts.families.insert(
        FontFamily::Name(READING_SERIF.into()),
        chain(SERIF, &serif_rest),
    );
    fonts.families.insert(
        FontFamily::Name(READING_SANS.into()),
        chain(SANS, &defaults_prop),
    );
    fonts
}

/// Install the bundled fonts (every harness and the app call this).
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

/// Add the system-font fallback for characters the bundle lacks (the real app only).
pub fn install_system_fallback(ctx: &egui::Context) {
    let provider = SystemFallback::default();
    ctx.add_font_provider(Arc::new(move |req: &egui::FallbackRequest<'_>| {
        provider.find(req)
    }));
}

#[derive(Default)]
struct SystemFallback {
    files: Mutex<Option<Vec<PathBuf>>>,
}

impl SystemFallback {
    fn find(&self, req: &egui::FallbackRequest<'_>) -> Option<FontInsert> {
        let c = req.cluster.chars().next()?;
        let files = {
            let mut slot = self.files.lock().ok()?;
            slot.get_or_insert_with(system_fonts::candidate_files)
                .clone()
        };
        let font = system_fonts::font_for(c, &files)?;
        let families = all_families()
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: egui::FontPriority::Lowest,
            })
            .collect();
        let mut data = FontData::from_owned(font.bytes);
        data.index = font.index;
        Some(FontInsert::new(&font.name, data, families))
    }
}

fn all_families() -> Vec<FontFamily> {
    vec![
        FontFamily::Proportional,
        FontFamily::Monospace,
        FontFamily::Name(READING_SERIF.into()),
        FontFamily::Name(READING_SANS.into()),
    ]
}

/// Colour tokens of a theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    pub page: Color32,
    pub text: Color32,
    pub muted: Color32,
    pub heading: Color32,
    pub accent: Color32,
    pub flash: Color32,
    pub raw_bg: Color32,
    pub error: Color32,
    /// Footnote markers and other in-text links.
    pub link: Color32,
    /// The reader's text selection.
    pub selection: Color32,
    /// One colour per side-by-side column, for the merged timeline and column headers.
    pub documents: [Color32; 4],
}

pub fn palette(theme: ThemeChoice) -> Palette {
    match theme {
        ThemeChoice::Light => Palette {
            page: Color32::from_rgb(0xfb, 0xfb, 0xf8),
            text: Color32::from_rgb(0x22, 0x22, 0x22),
            muted: Color32::from_rgb(0x6b, 0x6b, 0x6b),
            heading: Color32::from_rgb(0x1a, 0x1a, 0x2e),
            accent: Color32::from_rgb(0x1f, 0x5f, 0xa8),
            flash: Color32::from_rgba_unmultiplied(0xff, 0xd5, 0x4f, 0x90),
            raw_bg: Color32::from_rgb(0xf0, 0xf0, 0xec),
            error: Color32::from_rgb(0xb0, 0x20, 0x20),
            link: Color32::from_rgb(0x1f, 0x5f, 0xa8),
            selection: Color32::from_rgba_unmultiplied(0x40, 0x80, 0xe0, 0x50),
            documents: DOC_COLOURS_LIGHT,
        },
        ThemeChoice::Sepia => Palette {
            page: Color32::from_rgb(0xf4, 0xec, 0xd8),
            text: Color32::from_rgb(0x4a, 0x3a, 0x28),
            muted: Color32::from_rgb(0x85, 0x70, 0x58),
            heading: Color32::from_rgb(0x3a, 0x2a, 0x18),
            accent: Color32::from_rgb(0x8b, 0x4a, 0x1c),
            flash: Color32::from_rgba_unmultiplied(0xe8, 0xa8, 0x38, 0x90),
            raw_bg: Color32::from_rgb(0xea, 0xe0, 0xc8),
            error: Color32::from_rgb(0xa0, 0x28, 0x18),
            link: Color32::from_rgb(0x8b, 0x4a, 0x1c),
            selection: Color32::from_rgba_unmultiplied(0x90, 0x60, 0x30, 0x48),
            documents: DOC_COLOURS_LIGHT,
        },
        ThemeChoice::Dark => Palette {
            page: Color32::from_rgb(0x1d, 0x1e, 0x22),
            text: Color32::from_rgb(0xd8, 0xd8, 0xd2),
            muted: Color32::from_rgb(0x90, 0x90, 0x8a),
            heading: Color32::from_rgb(0xee, 0xee, 0xe8),
            accent: Color32::from_rgb(0x7a, 0xb4, 0xf0),
            flash: Color32::from_rgba_unmultiplied(0xc0, 0x90, 0x20, 0x80),
            raw_bg: Color32::from_rgb(0x26, 0x27, 0x2c),
            error: Color32::from_rgb(0xf0, 0x70, 0x70),
            link: Color32::from_rgb(0x7a, 0xb4, 0xf0),
            selection: Color32::from_rgba_unmultiplied(0x50, 0x90, 0xf0, 0x60),
            documents: [
                Color32::from_rgb(0x6c, 0xb0, 0xf0),
                Color32::from_rgb(0xf0, 0x9a, 0x5c),
                Color32::from_rgb(0x7c, 0xd0, 0x8c),
                Color32::from_rgb(0xc8, 0x8c, 0xe8),
            ],
        },
    }
}

const DOC_COLOURS_LIGHT: [Color32; 4] = [
    Color32::from_rgb(0x1f, 0x6f, 0xb8),
    Color32::from_rgb(0xc0, 0x5a, 0x10),
    Color32::from_rgb(0x2a, 0x8a, 0x3a),
    Color32::from_rgb(0x8a, 0x3a, 0xb0),
];

/// The highlight colour of a tag colour token: translucent, so text stays readable in every
/// theme.
pub fn tag_colour(colour: Colour, theme: ThemeChoice) -> Color32 {
    let (r, g, b) = match colour {
        Colour::Amber => (0xf5, 0xb0, 0x20),
        Colour::Red => (0xe8, 0x4a, 0x4a),
        Colour::Green => (0x3c, 0xb0, 0x50),
        Colour::Blue => (0x3a, 0x8a, 0xe8),
        Colour::Purple => (0xa0, 0x60, 0xd8),
        Colour::Teal => (0x20, 0xa8, 0xa0),
        Colour::Grey => (0x90, 0x90, 0x90),
    };
    let alpha = if theme == ThemeChoice::Dark {
        0x60
    } else {
        0x58
    };
    Color32::from_rgba_unmultiplied(r, g, b, alpha)
}

/// A tag colour at full strength (chips in lists).
pub fn tag_chip(colour: Colour) -> Color32 {
    tag_colour(colour, ThemeChoice::Light).to_opaque()
}

/// Set egui's visuals for a theme.
pub fn apply_theme(ctx: &egui::Context, theme: ThemeChoice) {
    let p = palette(theme);
    let (pref, mut visuals) = match theme {
        ThemeChoice::Dark => (egui::Theme::Dark, egui::Visuals::dark()),
        ThemeChoice::Light | ThemeChoice::Sepia => (egui::Theme::Light, egui::Visuals::light()),
    };
    if theme == ThemeChoice::Sepia {
        visuals.panel_fill = Color32::from_rgb(0xec, 0xe2, 0xca);
        visuals.window_fill = Color32::from_rgb(0xf2, 0xe9, 0xd3);
        visuals.extreme_bg_color = Color32::from_rgb(0xfa, 0xf4, 0xe4);
        visuals.faint_bg_color = Color32::from_rgb(0xe6, 0xdb, 0xc0);
    }
    visuals.hyperlink_color = p.accent;
    ctx.set_theme(pref);
    ctx.set_visuals_of(pref, visuals);
}

/// The font a document is read in.
pub fn reading_font(settings: &Settings) -> FontId {
    let family = match settings.reading_font {
        ReadingFont::Serif => READING_SERIF,
        ReadingFont::Sans => READING_SANS,
    };
    FontId::new(settings.font_size, FontFamily::Name(family.into()))
}
