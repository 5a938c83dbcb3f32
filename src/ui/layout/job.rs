//! A block's text as an egui `LayoutJob`: its style by kind (size, colour, centring,
//! indent), footnote markers set small and raised, and tables with their cells lined up.

use egui::text::{LayoutJob, TextFormat};
use egui::{Align, Color32, FontId};

use crate::app::settings::Settings;
use crate::document::{Block, BlockKind, Document};
use crate::extract::footnotes::Marker;

use super::INDENT;
use super::StyleKey;
use crate::ui::theme::{Palette, reading_font};

/// How a block kind is set: size factor, colour, centred, indented, space above.
pub(super) struct BlockStyle {
    pub(super) scale: f32,
    pub(super) color: Color32,
    pub(super) centered: bool,
    pub(super) indent: bool,
    pub(super) space_above: f32,
}

pub(super) fn block_style(block: &Block, p: &Palette) -> BlockStyle {
    let plain = |scale, color, space_above| BlockStyle {
        scale,
        color,
        centered: false,
        indent: false,
        space_above,
    };
    match block.kind {
        BlockKind::Title => BlockStyle {
            centered: true,
            ..plain(1.55, p.heading, 0.6)
        },
        BlockKind::Byline => BlockStyle {
            centered: true,
            ..plain(0.95, p.muted, 0.3)
        },
        BlockKind::Heading => match block.level.unwrap_or(1) {
            1 => plain(1.3, p.heading, 1.4),
            2 => plain(1.15, p.heading, 1.1),
            _ => plain(1.05, p.heading, 0.9),
        },
        BlockKind::Paragraph => BlockStyle {
            indent: true,
            ..plain(1.0, p.text, 0.5)
        },
        BlockKind::Caption => BlockStyle {
            centered: true,
            ..plain(0.88, p.muted, 0.5)
        },
        BlockKind::Meta | BlockKind::Toc => plain(0.88, p.muted, 0.3),
        BlockKind::Note | BlockKind::Margin | BlockKind::Figure => plain(0.85, p.muted, 0.3),
        BlockKind::Code | BlockKind::Table => plain(0.9, p.text, 0.4),
        BlockKind::List => plain(1.0, p.text, 0.3),
    }
}

/// Size of a footnote marker relative to its line.
const MARKER_SCALE: f32 = 0.62;

pub(super) fn block_job(
    doc: &Document,
    block: &Block,
    key: &StyleKey,
    markers: &[Marker],
    fonts: &mut egui::epaint::FontsView<'_>,
) -> (LayoutJob, usize, BlockStyle) {
    let style = block_style(block, &key.palette);
    let mut base = key_font(key);
    // Listings and tables keep their columns: a monospace face (CJK falls back per char).
    if matches!(block.kind, BlockKind::Code | BlockKind::Table) {
        base.family = egui::FontFamily::Monospace;
    }
    let size = base.size * style.scale;
    let format = TextFormat {
        font_id: FontId::new(size, base.family.clone()),
        color: style.color,
        line_height: Some((size * key.line_spacing).round()),
        ..TextFormat::default()
    };
    let text = doc.block_text(block);
    let mut job = LayoutJob::default();
    job.wrap.max_width = key.width;
    if style.centered {
        job.halign = Align::Center;
    }
    let mut lead = 0;
    if style.indent && !text.starts_with(char::is_whitespace) {
        job.append(INDENT, 0.0, format.clone());
        lead = INDENT.chars().count();
    }
    // Footnote markers keep their characters (offsets stay 1:1) but are set as superscripts.
    let marker_format = TextFormat {
        font_id: FontId::new(size * MARKER_SCALE, base.family.clone()),
        color: key.palette.link,
        valign: Align::TOP,
        ..format.clone()
    };
    if block.kind == BlockKind::Table && text.contains('\t') {
        let font = format.font_id.clone();
        let mut measure = |cell: &str| {
            fonts
                .layout_no_wrap(cell.to_owned(), font.clone(), Color32::WHITE)
                .size()
                .x
        };
        append_table(&mut job, text, &format, size, &mut measure);
        return (job, lead, style);
    }
    let base_offset = block.span.start();
    let mut at = 0;
    for m in markers {
        let (Some(s), Some(e)) = (
            m.span.start().checked_sub(base_offset),
            m.span.end().checked_sub(base_offset),
        ) else {
            continue;
        };
        if s < at || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        job.append(&text[at..s], 0.0, format.clone());
        job.append(&text[s..e], 0.0, marker_format.clone());
        at = e;
    }
    job.append(&text[at..], 0.0, format);
    (job, lead, style)
}

/// Space between two columns of a table, in ems.
const CELL_GAP_EMS: f32 = 1.5;

/// A table's rows with their cells lined up: each tab (the cell separator) is widened so that
/// the next cell starts where its column starts on every row. The text is appended unchanged,
/// so offsets into the block stay 1:1 with the galley. `width` measures a cell as laid out;
/// the tab's own width is the same on every row, so it cancels out of the alignment.
fn append_table(
    job: &mut LayoutJob,
    text: &str,
    format: &TextFormat,
    size: f32,
    width: &mut dyn FnMut(&str) -> f32,
) {
    let mut columns: Vec<f32> = Vec::new();
    for row in text.split('\n') {
        for (k, cell) in row.split('\t').enumerate() {
            let w = width(cell);
            match columns.get_mut(k) {
                Some(c) => *c = c.max(w),
                None => columns.push(w),
            }
        }
    }
    let gap = CELL_GAP_EMS * size;
    let rows: Vec<&str> = text.split('\n').collect();
    for (r, row) in rows.iter().enumerate() {
        let cells: Vec<&str> = row.split('\t').collect();
        for (k, cell) in cells.iter().enumerate() {
            job.append(cell, 0.0, format.clone());
            if k + 1 < cells.len() {
                let pad = columns[k] - width(cell) + gap;
                let tab = TextFormat {
                    extra_letter_spacing: pad.max(0.0),
                    ..format.clone()
                };
                job.append("\t", 0.0, tab);
            }
        }
        if r + 1 < rows.len() {
            job.append("\n", 0.0, format.clone());
        }
    }
}

pub(super) fn key_font(key: &StyleKey) -> FontId {
    let mut s = Settings {
        font_size: key.font_size,
        ..Settings::default()
    };
    s.reading_font = if key.serif {
        crate::app::settings::ReadingFont::Serif
    } else {
        crate::app::settings::ReadingFont::Sans
    };
    reading_font(&s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::text::CCursor;

    #[test]
    fn table_cells_line_up_in_columns() {
        let text = "短\t1\n很长很长的单元格内容\t2\nabc\t3";
        let format = TextFormat {
            font_id: FontId::monospace(16.0),
            ..TextFormat::default()
        };
        let ctx = egui::Context::default();
        let mut xs = Vec::new();
        let mut output = ctx.run_pass(egui::RawInput::default(), |ctx| {
            let galley = ctx.fonts_mut(|f| {
                let mut job = LayoutJob::default();
                let font = format.font_id.clone();
                let mut measure = |cell: &str| {
                    f.layout_no_wrap(cell.to_owned(), font.clone(), Color32::WHITE)
                        .size()
                        .x
                };
                append_table(&mut job, text, &format, 16.0, &mut measure);
                assert_eq!(job.text, text, "the text is appended unchanged");
                f.layout_job(job)
            });
            for digit in ['1', '2', '3'] {
                let index = text.chars().position(|c| c == digit).expect("digit");
                xs.push(galley.pos_from_cursor(CCursor::new(index)).min.x);
            }
        });
        output.textures_delta.clear();
        assert_eq!(xs.len(), 3);
        // The second column starts at one x on every row, right of the longest first cell.
        let spread = xs.iter().cloned().fold(f32::MIN, f32::max)
            - xs.iter().cloned().fold(f32::MAX, f32::min);
        assert!(spread <= 1.5, "column starts {xs:?}");
        assert!(xs[0] > 100.0, "{xs:?}");
    }
}
