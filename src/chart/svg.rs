//! A [`Scene`] as SVG: the picture the reading app shows, with the bundled fonts named so
//! Chinese renders wherever they (or any CJK font) are installed, and in our PNG renderer.

use std::fmt::Write as _;

use super::scene::{AXIS_HEIGHT, MARK_RADIUS, Scene, SceneMark};

/// The colours of a picture (from the app's theme, or the light theme on the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub background: [u8; 3],
    pub text: [u8; 3],
    pub muted: [u8; 3],
    pub grid: [u8; 3],
    /// Connectors of events the documents date differently.
    pub disagree: [u8; 3],
}

impl Default for Style {
    fn default() -> Self {
        Self {
            background: [0xfb, 0xfb, 0xf8],
            text: [0x22, 0x22, 0x22],
            muted: [0x77, 0x77, 0x77],
            grid: [0xdd, 0xdd, 0xd8],
            disagree: [0xc6, 0x28, 0x28],
        }
    }
}

const FONT: &str = "Noto Sans SC, DejaVu Sans, sans-serif";

fn hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// XML text: escaped as HTML is, without the control characters XML 1.0 forbids.
fn esc(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|&c| (c as u32) >= 0x20 || c == '\t')
        .collect();
    crate::export::html::esc(&kept)
}

/// The scene as a standalone SVG document. `title` is drawn at the top left when given.
pub fn render(scene: &Scene, style: &Style, title: Option<&str>) -> String {
    let top = if title.is_some() { 24.0 } else { 0.0 };
    let (w, h) = (scene.width, scene.height + top);
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="{FONT}" font-size="11">"#
    );
    let _ = writeln!(
        s,
        r#"<defs><pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2" height="4" fill="white" fill-opacity="0.55"/></pattern></defs>"#
    );
    let _ = writeln!(
        s,
        r#"<rect width="100%" height="100%" fill="{}"/>"#,
        hex(style.background)
    );
    if let Some(t) = title {
        let _ = writeln!(
            s,
            r#"<text x="6" y="17" font-size="14" fill="{}">{}</text>"#,
            hex(style.text),
            esc(t)
        );
    }
    let _ = writeln!(s, r#"<g transform="translate(0 {top})">"#);
    ticks(&mut s, scene, style);
    for lane in &scene.lanes {
        let _ = writeln!(
            s,
            r#"<line x1="0" y1="{y:.1}" x2="{w:.0}" y2="{y:.1}" stroke="{}" stroke-width="0.5"/><text x="4" y="{ty:.1}" fill="{}">{}</text>"#,
            hex(style.grid),
            hex(lane.colour),
            esc(&short(&lane.label, 16)),
            y = lane.top,
            ty = lane.top + 12.0,
        );
    }
    for c in &scene.connectors {
        let (colour, dash) = if c.disagree {
            (style.disagree, r#" stroke-dasharray="4 3""#)
        } else {
            (style.muted, "")
        };
        let _ = writeln!(
            s,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="1.2"{dash}/>"#,
            c.from.0,
            c.from.1,
            c.to.0,
            c.to.1,
            hex(colour)
        );
    }
    for m in &scene.marks {
        mark(&mut s, scene, m, style);
    }
    s.push_str("</g>\n</svg>\n");
    s
}

fn ticks(s: &mut String, scene: &Scene, style: &Style) {
    for (x, t) in &scene.ticks {
        if *x < scene.left {
            continue;
        }
        let _ = writeln!(
            s,
            r#"<line x1="{x:.1}" y1="{y0:.1}" x2="{x:.1}" y2="{y1:.1}" stroke="{}" stroke-width="{}"/><text x="{tx:.1}" y="16" fill="{}">{}</text>"#,
            hex(style.grid),
            if t.major { 1.0 } else { 0.5 },
            hex(if t.major { style.text } else { style.muted }),
            esc(&t.label),
            y0 = AXIS_HEIGHT - 6.0,
            y1 = scene.height,
            tx = x + 2.0,
        );
    }
}

fn mark(s: &mut String, scene: &Scene, m: &SceneMark, style: &Style) {
    let colour = hex(scene.lanes.get(m.lane).map_or(style.text, |l| l.colour));
    let opacity = if m.uncertain { 0.45 } else { 0.9 };
    if let Some((x0, x1)) = m.bar {
        let (x0, x1) = (x0.max(scene.left), x1.min(scene.width));
        if x1 <= x0 {
            return;
        }
        let _ = writeln!(
            s,
            r#"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="5" rx="2" fill="{colour}" fill-opacity="{opacity}"/>"#,
            m.y - 2.5,
            x1 - x0
        );
        if let Some(ax) = m
            .anchor_x
            .filter(|ax| *ax >= scene.left && *ax <= scene.width)
        {
            // A relative stretch points at the date it is counted from.
            let _ = writeln!(
                s,
                r#"<path d="M {ax:.1} {:.1} l -3 -5 h 6 z" fill="{colour}"/><line x1="{x1:.1}" y1="{y:.1}" x2="{ax:.1}" y2="{y:.1}" stroke="{colour}" stroke-width="0.8" stroke-dasharray="1 2"/>"#,
                m.y - 3.0,
                y = m.y,
            );
        }
        if m.uncertain {
            let _ = writeln!(
                s,
                r#"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="5" fill="url(#hatch)"/>"#,
                m.y - 2.5,
                x1 - x0
            );
        }
        return;
    }
    if m.x < scene.left - MARK_RADIUS {
        return;
    }
    let n = m.rows.len();
    let r = if n > 1 {
        MARK_RADIUS + 2.5
    } else {
        MARK_RADIUS
    };
    let _ = writeln!(
        s,
        r#"<circle cx="{:.1}" cy="{:.1}" r="{r}" fill="{colour}" fill-opacity="{opacity}"/>"#,
        m.x, m.y
    );
    if n > 1 {
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" font-size="9" text-anchor="middle" fill="white">{n}</text>"#,
            m.x,
            m.y + 3.0
        );
    }
}

/// At most `n` characters, an ellipsis marking the cut.
fn short(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(n - 1).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::super::interval::{Interval, Placement};
    use super::super::scale::Viewport;
    use super::super::scene::{ChartData, ChartEntry, Lane, layout};
    use super::*;

    #[test]
    fn the_svg_has_a_lane_per_document_and_a_shape_per_mark() {
        let data = ChartData {
            lanes: vec![Lane {
                label: "报告 <甲> & 乙".into(),
                colour: [0x12, 0x34, 0x56],
            }],
            entries: vec![
                ChartEntry {
                    lane: 0,
                    placement: Placement {
                        interval: Interval {
                            start: 2013.7,
                            end: 2013.71,
                        },
                        uncertain: false,
                        point: true,
                    },
                    event: None,
                    row: 0,
                    anchor: None,
                },
                ChartEntry {
                    lane: 0,
                    placement: Placement {
                        interval: Interval {
                            start: 1990.0,
                            end: 2000.0,
                        },
                        uncertain: true,
                        point: false,
                    },
                    event: None,
                    row: 1,
                    anchor: Some(2022.5),
                },
            ],
            disagreeing: vec![],
        };
        let scene = layout(&data, Viewport::default(), 600.0, 90.0);
        let svg = render(&scene, &Style::default(), Some("时间线"));
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("报告 &lt;甲&gt; &amp; 乙"));
        assert_eq!(svg.matches("<circle").count(), 1);
        assert!(svg.contains("url(#hatch)"), "the decade is uncertain");
        assert!(svg.contains("#123456"));
        assert!(svg.contains(">时间线</text>"));
        assert!(
            svg.contains("stroke-dasharray=\"1 2\""),
            "the relative stretch is linked to its anchor"
        );
        assert!(svg.trim_end().ends_with("</svg>"));
    }
}
