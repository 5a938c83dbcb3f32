//! The picture of a timeline laid out in pixels, shared by the reading app's painter and the
//! SVG/PNG export so both show the same thing: one lane per document, point dates as marks
//! (crowded marks clustered with a count), long stretches as bars, one event's mentions in
//! several lanes joined by a connector.

use super::interval::Placement;
use super::scale::{Tick, Viewport};

/// Height of the tick labels above the lanes.
pub const AXIS_HEIGHT: f64 = 26.0;
pub const LANE_HEIGHT: f64 = 44.0;
/// Marks closer than this (pixels) in one lane are one cluster.
pub const CLUSTER_PX: f64 = 11.0;
/// A stretch narrower than this (pixels) is drawn as a mark at its middle.
pub const BAR_MIN_PX: f64 = 8.0;
const BAR_ROWS: usize = 2;
const BAR_ROW_GAP: f64 = 7.0;
pub const MARK_RADIUS: f64 = 5.0;

/// One lane: a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    pub label: String,
    pub colour: [u8; 3],
}

/// One entry to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartEntry {
    pub lane: usize,
    pub placement: Placement,
    /// The event it belongs to when the event has mentions in more than one lane.
    pub event: Option<usize>,
    /// Index of the row this entry was made from (the caller's list).
    pub row: usize,
    /// A relative expression (近 10 年来): the date it is counted from, drawn linked to it.
    pub anchor: Option<f64>,
}

/// What to draw: lanes, entries and the events whose documents date them differently.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartData {
    pub lanes: Vec<Lane>,
    pub entries: Vec<ChartEntry>,
    /// Events (indices as in [`ChartEntry::event`]) whose mentions' dates disagree.
    pub disagreeing: Vec<usize>,
}

/// A mark or cluster of marks, or a bar.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneMark {
    pub lane: usize,
    /// Centre of a mark; for a bar, its middle.
    pub x: f64,
    pub y: f64,
    /// A bar's ends, `None` for a mark.
    pub bar: Option<(f64, f64)>,
    /// The rows drawn here (more than one: a cluster showing its count).
    pub rows: Vec<usize>,
    pub uncertain: bool,
    /// The entries' stretch of time (for zooming into a cluster).
    pub start: f64,
    pub end: f64,
    /// Screen x of the date a relative bar is counted from.
    pub anchor_x: Option<f64>,
}

/// One event's mentions in two lanes, joined.
#[derive(Debug, Clone, PartialEq)]
pub struct Connector {
    pub from: (f64, f64),
    pub to: (f64, f64),
    /// The documents date the event differently.
    pub disagree: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SceneLane {
    pub top: f64,
    pub label: String,
    pub colour: [u8; 3],
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    /// Where the axis begins (lane labels sit left of it).
    pub left: f64,
    pub ticks: Vec<(f64, Tick)>,
    pub lanes: Vec<SceneLane>,
    pub marks: Vec<SceneMark>,
    pub connectors: Vec<Connector>,
    pub viewport: Viewport,
}

impl Scene {
    /// The mark, cluster or bar at `(x, y)`, the nearest mark first.
    pub fn hit(&self, x: f64, y: f64) -> Option<&SceneMark> {
        let near = self
            .marks
            .iter()
            .filter(|m| m.bar.is_none())
            .map(|m| (((m.x - x).powi(2) + (m.y - y).powi(2)).sqrt(), m))
            .filter(|(d, _)| *d <= MARK_RADIUS + 4.0)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, m)| m);
        near.or_else(|| {
            self.marks.iter().find(|m| {
                m.bar
                    .is_some_and(|(x0, x1)| x >= x0 && x <= x1 && (m.y - y).abs() <= 4.0)
            })
        })
    }
}

/// Lay `data` out for a view `width` × any height, the axis starting at `left`.
pub fn layout(data: &ChartData, viewport: Viewport, width: f64, left: f64) -> Scene {
    let axis_width = (width - left).max(1.0);
    let x_of = |pos: f64| left + viewport.x(pos, axis_width);
    let ticks = viewport
        .ticks(axis_width)
        .into_iter()
        .map(|t| (x_of(t.pos), t))
        .collect();
    let lanes: Vec<SceneLane> = data
        .lanes
        .iter()
        .enumerate()
        .map(|(i, l)| SceneLane {
            top: AXIS_HEIGHT + i as f64 * LANE_HEIGHT,
            label: l.label.clone(),
            colour: l.colour,
        })
        .collect();
    // Only what is on screen, with a little margin for marks cut at the edges.
    let margin = viewport.span() * 0.02;
    let mut per_lane: Vec<Vec<&ChartEntry>> = vec![Vec::new(); lanes.len()];
    for e in &data.entries {
        let iv = e.placement.interval;
        if e.lane < lanes.len()
            && iv.end >= viewport.start - margin
            && iv.start <= viewport.end + margin
        {
            per_lane[e.lane].push(e);
        }
    }
    let mut marks = Vec::new();
    for (lane, entries) in per_lane.iter().enumerate() {
        lay_lane(lane, lanes[lane].top, entries, &x_of, &mut marks);
    }
    let connectors = connect(data, &marks);
    Scene {
        width,
        height: AXIS_HEIGHT + lanes.len() as f64 * LANE_HEIGHT + 8.0,
        left,
        ticks,
        lanes,
        marks,
        connectors,
        viewport,
    }
}

/// Marks clustered along the lane's middle row, bars packed in rows below it.
fn lay_lane(
    lane: usize,
    top: f64,
    entries: &[&ChartEntry],
    x_of: &dyn Fn(f64) -> f64,
    out: &mut Vec<SceneMark>,
) {
    let mark_y = top + 15.0;
    let mut points: Vec<(f64, &ChartEntry)> = Vec::new();
    let mut bar_ends = [f64::NEG_INFINITY; BAR_ROWS];
    let mut bars: Vec<&ChartEntry> = Vec::new();
    for e in entries {
        let iv = e.placement.interval;
        let (x0, x1) = (x_of(iv.start), x_of(iv.end));
        if e.placement.point || x1 - x0 < BAR_MIN_PX {
            points.push((x_of(iv.mid()), e));
        } else {
            bars.push(e);
        }
    }
    bars.sort_by(|a, b| {
        a.placement
            .interval
            .start
            .total_cmp(&b.placement.interval.start)
    });
    for e in bars {
        let iv = e.placement.interval;
        let (x0, x1) = (x_of(iv.start), x_of(iv.end));
        // The first row this bar fits in after what is already there; else the last row.
        let row = (0..BAR_ROWS)
            .find(|&r| bar_ends[r] < x0 - 2.0)
            .unwrap_or(BAR_ROWS - 1);
        bar_ends[row] = bar_ends[row].max(x1);
        out.push(SceneMark {
            lane,
            x: (x0 + x1) / 2.0,
            y: top + 27.0 + row as f64 * BAR_ROW_GAP,
            bar: Some((x0, x1)),
            rows: vec![e.row],
            uncertain: e.placement.uncertain,
            start: iv.start,
            end: iv.end,
            anchor_x: e.anchor.map(x_of),
        });
    }
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut group: Vec<(f64, &ChartEntry)> = Vec::new();
    for p in points {
        if group.last().is_some_and(|(x, _)| p.0 - x > CLUSTER_PX) {
            out.push(cluster(lane, mark_y, &group));
            group.clear();
        }
        group.push(p);
    }
    if !group.is_empty() {
        out.push(cluster(lane, mark_y, &group));
    }
}

fn cluster(lane: usize, y: f64, group: &[(f64, &ChartEntry)]) -> SceneMark {
    let x = group.iter().map(|(x, _)| x).sum::<f64>() / group.len() as f64;
    let start = group
        .iter()
        .map(|(_, e)| e.placement.interval.start)
        .fold(f64::INFINITY, f64::min);
    let end = group
        .iter()
        .map(|(_, e)| e.placement.interval.end)
        .fold(f64::NEG_INFINITY, f64::max);
    SceneMark {
        lane,
        x,
        y,
        bar: None,
        rows: group.iter().map(|(_, e)| e.row).collect(),
        uncertain: group.iter().all(|(_, e)| e.placement.uncertain),
        start,
        end,
        anchor_x: None,
    }
}

/// Join each event's marks lane to lane (top to bottom), where both are on screen.
fn connect(data: &ChartData, marks: &[SceneMark]) -> Vec<Connector> {
    use std::collections::BTreeMap;
    let event_of: BTreeMap<usize, usize> = data
        .entries
        .iter()
        .filter_map(|e| e.event.map(|ev| (e.row, ev)))
        .collect();
    // event → lane → where its first mark in that lane is.
    let mut places: BTreeMap<usize, BTreeMap<usize, (f64, f64)>> = BTreeMap::new();
    for m in marks {
        for row in &m.rows {
            if let Some(&ev) = event_of.get(row) {
                places
                    .entry(ev)
                    .or_default()
                    .entry(m.lane)
                    .or_insert((m.x, m.y));
            }
        }
    }
    let mut out = Vec::new();
    for (ev, lanes) in places {
        let points: Vec<(f64, f64)> = lanes.into_values().collect();
        for pair in points.windows(2) {
            out.push(Connector {
                from: pair[0],
                to: pair[1],
                disagree: data.disagreeing.contains(&ev),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::interval::Interval;
    use super::*;

    fn entry(lane: usize, start: f64, end: f64, row: usize, event: Option<usize>) -> ChartEntry {
        ChartEntry {
            lane,
            placement: Placement {
                interval: Interval { start, end },
                uncertain: false,
                point: false,
            },
            event,
            row,
            anchor: None,
        }
    }

    fn data(entries: Vec<ChartEntry>) -> ChartData {
        ChartData {
            lanes: vec![
                Lane {
                    label: "a".into(),
                    colour: [1, 2, 3],
                },
                Lane {
                    label: "b".into(),
                    colour: [4, 5, 6],
                },
            ],
            entries,
            disagreeing: vec![1],
        }
    }

    #[test]
    fn crowded_marks_cluster_and_split_when_zoomed_in() {
        let d = data(vec![
            entry(0, 2023.30, 2023.31, 0, None),
            entry(0, 2023.32, 2023.33, 1, None),
            entry(0, 2010.0, 2010.01, 2, None),
        ]);
        let wide = Viewport {
            start: 1990.0,
            end: 2030.0,
        };
        let scene = layout(&d, wide, 800.0, 0.0);
        let counts: Vec<usize> = scene.marks.iter().map(|m| m.rows.len()).collect();
        assert_eq!(counts, [1, 2]);
        let close = wide.zoomed(2023.31, 500.0);
        let scene = layout(&d, close, 800.0, 0.0);
        let counts: Vec<usize> = scene.marks.iter().map(|m| m.rows.len()).collect();
        assert_eq!(
            counts,
            [1, 1],
            "the cluster splits and 2010 leaves the view"
        );
    }

    #[test]
    fn long_stretches_are_bars_and_can_be_hit() {
        let d = data(vec![entry(1, 1990.0, 2000.0, 0, None)]);
        let scene = layout(&d, Viewport::default(), 800.0, 100.0);
        let bar = &scene.marks[0];
        let (x0, x1) = bar.bar.expect("test data");
        assert!(x1 - x0 > 100.0 && bar.lane == 1);
        assert_eq!(
            scene.hit((x0 + x1) / 2.0, bar.y).map(|m| &m.rows),
            Some(&vec![0])
        );
        assert!(scene.hit(x0 - 20.0, bar.y).is_none());
    }

    #[test]
    fn one_events_mentions_in_two_lanes_are_joined() {
        let d = data(vec![
            entry(0, 2023.37, 2023.38, 0, Some(1)),
            entry(1, 2023.37, 2023.39, 1, Some(1)),
            entry(1, 2015.0, 2015.01, 2, None),
        ]);
        let scene = layout(&d, Viewport::default(), 800.0, 0.0);
        assert_eq!(scene.connectors.len(), 1);
        let c = &scene.connectors[0];
        assert!(c.disagree && c.from.1 < c.to.1);
    }
}
