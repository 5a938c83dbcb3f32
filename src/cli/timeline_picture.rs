//! `pangzhu timeline FILE… --format svg|png -o OUT`: the merged timeline as a picture — one
//! lane per document, the whole timeline fitted (or `--from`/`--to`), as the app draws it.

use std::path::Path;

use anyhow::Context as _;

use crate::chart::svg::Style;
use crate::chart::{self, Filter, Lane, Viewport};
use crate::extract::timeline::{Date, EventTag, MergedRow};

/// The lane colours of the light theme (the app's document colours).
pub const LANE_COLOURS: [[u8; 3]; 8] = [
    [0x1f, 0x6f, 0xb8],
    [0xc0, 0x5a, 0x10],
    [0x2a, 0x8a, 0x3a],
    [0x8a, 0x3a, 0xb0],
    [0x0f, 0x8a, 0x8a],
    [0xb0, 0x2a, 0x5a],
    [0x6a, 0x6a, 0x10],
    [0x50, 0x50, 0x50],
];
/// Room for the lane labels left of the axis.
const LABEL_WIDTH: f64 = 130.0;

/// What the picture shows.
#[derive(Debug, Clone)]
pub struct PictureOptions {
    pub width: u32,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub notes: bool,
}

/// The picture as SVG: `sources` are the documents in lane order.
pub fn svg(
    sources: &[String],
    rows: &[MergedRow<'_>],
    events: &[EventTag],
    opts: &PictureOptions,
) -> String {
    let lanes = sources
        .iter()
        .enumerate()
        .map(|(i, s)| Lane {
            label: Path::new(s)
                .file_name()
                .map_or_else(|| s.clone(), |n| n.to_string_lossy().into_owned()),
            colour: LANE_COLOURS[i % LANE_COLOURS.len()],
        })
        .collect();
    let range = match (opts.from, opts.to) {
        (None, None) => None,
        (from, to) => Some((
            from.map_or(f64::NEG_INFINITY, start_of),
            to.map_or(f64::INFINITY, end_of),
        )),
    };
    let filter = Filter {
        show_notes: opts.notes,
        names: Vec::new(),
        range,
    };
    let data = chart::chart_data(
        rows,
        events,
        lanes,
        |row| sources.iter().position(|s| s == row.source),
        |_, row| filter.keeps(row),
    );
    let fitted = chart::fit(&data);
    let viewport = match range {
        Some((from, to)) => Viewport {
            start: if from.is_finite() { from } else { fitted.start },
            end: if to.is_finite() { to } else { fitted.end },
        },
        None => fitted,
    };
    let scene = chart::layout(&data, viewport, f64::from(opts.width.max(300)), LABEL_WIDTH);
    let title = format!("时间线 Timeline · {} 条", data.entries.len());
    chart::svg::render(&scene, &Style::default(), Some(&title))
}

fn start_of(d: Date) -> f64 {
    chart::interval::position(d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
}

fn end_of(d: Date) -> f64 {
    chart::interval::value_interval(&crate::extract::timeline::DateValue::Point(d))
        .map_or_else(|| start_of(d), |iv| iv.end)
}

/// Write the picture: SVG to `output` or stdout, PNG (2× for sharpness) to `output` only.
pub fn write(svg: &str, png: bool, output: Option<&Path>) -> anyhow::Result<()> {
    let bytes = if png {
        chart::png::render(svg, 2.0)?
    } else {
        svg.as_bytes().to_vec()
    };
    match output {
        Some(path) => crate::storage::write_atomic(path, &bytes, crate::storage::Backup::Skip)
            .with_context(|| format!("writing {}", path.display())),
        None if png => anyhow::bail!("--format png needs -o FILE.png"),
        None => {
            use std::io::Write as _;
            std::io::stdout().lock().write_all(&bytes)?;
            Ok(())
        }
    }
}
