//! The timeline as a picture (UI-free): where entries sit on a date axis, the visible stretch
//! and its ticks, the layout in pixels, and its SVG and PNG forms. The reading app paints the
//! same [`Scene`] the export writes, so a picture is the view as shown.
//!
//! | module | what it is |
//! |---|---|
//! | `interval` | an entry's stretch of time in fractional years, narrowed by 年底 and the like |
//! | `scale` | [`Viewport`]: zoom around a point, pan, fit; ticks from centuries to days |
//! | `scene` | lanes, marks, clusters, bars and connectors laid out in pixels; hit testing |
//! | `svg`, `png` | the scene as SVG (fonts named) and as PNG (rendered with the bundled fonts) |

pub mod interval;
pub mod png;
pub mod scale;
pub mod scene;
pub mod svg;

use std::collections::BTreeMap;

pub use interval::{Interval, Placement, place};
pub use scale::{TickUnit, Viewport};
pub use scene::{ChartData, ChartEntry, Lane, Scene, SceneMark, layout};

use crate::extract::timeline::{Date, EventTag, MergedRow, Zone};

/// The view that fits the chart: its dated events, leaving out stretches wider than twenty
/// years (本世纪, 近三十年) unless there is nothing else, so they do not flatten the rest.
pub fn fit(data: &ChartData) -> Viewport {
    let narrow = || {
        data.entries
            .iter()
            .map(|e| e.placement.interval)
            .filter(|iv| iv.width() <= 20.0)
    };
    if narrow().next().is_some() {
        Viewport::fit(narrow())
    } else {
        Viewport::fit(data.entries.iter().map(|e| e.placement.interval))
    }
}

/// The date at the end of an anchor description (`document date 2022-07-10`).
fn anchor_position(anchor: &str) -> Option<f64> {
    let d = Date::parse(anchor.split_whitespace().last()?)?;
    Some(interval::position(
        d.year,
        d.month.unwrap_or(1),
        d.day.unwrap_or(1),
    ))
}

/// Which entries the picture shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Dates in notes (mostly the publication dates of cited sources): hidden unless asked for.
    pub show_notes: bool,
    /// Only entries whose sentence names one of these (a name and its other spellings).
    pub names: Vec<String>,
    /// Only entries overlapping this stretch (fractional years).
    pub range: Option<(f64, f64)>,
}

impl Filter {
    pub fn keeps(&self, row: &MergedRow<'_>) -> bool {
        let e = row.entry;
        if !self.show_notes && (e.in_note || e.zone == Zone::Note) {
            return false;
        }
        if !self.names.is_empty() && !self.names.iter().any(|n| e.sentence.contains(n.as_str())) {
            return false;
        }
        match (self.range, place(e)) {
            (Some((from, to)), Some(p)) => p.interval.end > from && p.interval.start < to,
            (Some(_), None) => false,
            (None, _) => true,
        }
    }
}

/// The chart of merged rows: `lane_of` says which lane a row goes in (`None`: not shown),
/// `keep` filters rows further (by index). Events get an index when their mentions are in
/// more than one lane: those are the ones joined across lanes.
pub fn chart_data(
    rows: &[MergedRow<'_>],
    events: &[EventTag],
    lanes: Vec<Lane>,
    lane_of: impl Fn(&MergedRow<'_>) -> Option<usize>,
    keep: impl Fn(usize, &MergedRow<'_>) -> bool,
) -> ChartData {
    let mut entries = Vec::new();
    let mut lanes_of_event: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        let (Some(lane), Some(placement)) = (lane_of(row), place(row.entry)) else {
            continue;
        };
        if !keep(i, row) {
            continue;
        }
        if let Some(ev) = events.get(i) {
            lanes_of_event.entry(ev.id.as_str()).or_default().push(lane);
        }
        entries.push(ChartEntry {
            lane,
            placement,
            event: None,
            row: i,
            anchor: row.entry.anchor.as_deref().and_then(anchor_position),
        });
    }
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (id, mut lanes) in lanes_of_event {
        lanes.sort_unstable();
        lanes.dedup();
        if lanes.len() > 1 {
            let n = index.len();
            index.insert(id, n);
        }
    }
    let mut disagreeing = Vec::new();
    for e in &mut entries {
        if let Some(ev) = events.get(e.row)
            && let Some(&n) = index.get(ev.id.as_str())
        {
            e.event = Some(n);
            if ev.disagrees && !disagreeing.contains(&n) {
                disagreeing.push(n);
            }
        }
    }
    ChartData {
        lanes,
        entries,
        disagreeing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::extract::timeline::{TimelineOptions, extract_timeline, merge_timelines};

    #[test]
    fn the_filter_keeps_body_dates_by_name_and_range() {
        let doc = Document::from_text(
            "a.txt",
            "标题\n\n2013年9月，习近平在阿斯塔纳提出共建丝绸之路经济带。\n\n2023年5月，峰会在西安举行。\n",
        );
        let timeline = extract_timeline(&doc, &TimelineOptions::default());
        let rows = merge_timelines(&[("a.txt", &timeline)]);
        let kept = |f: &Filter| -> Vec<String> {
            rows.iter()
                .filter(|r| f.keeps(r))
                .map(|r| r.entry.value.to_string())
                .collect()
        };
        assert_eq!(kept(&Filter::default()), ["2013-09", "2023-05"]);
        let names = Filter {
            names: vec!["阿斯塔纳".into()],
            ..Filter::default()
        };
        assert_eq!(kept(&names), ["2013-09"]);
        let range = Filter {
            range: Some((2020.0, 2024.0)),
            ..Filter::default()
        };
        assert_eq!(kept(&range), ["2023-05"]);
    }

    #[test]
    fn events_told_in_two_lanes_get_an_index_and_their_disagreement() {
        let a = Document::from_text(
            "a.txt",
            "标题\n\n2023年5月18日，首届中国—中亚峰会在西安开幕，六国元首签署《西安宣言》。\n",
        );
        let b = Document::from_text(
            "b.txt",
            "标题\n\n2023年5月19日，首届中国—中亚峰会在西安开幕，六国元首签署《西安宣言》。\n",
        );
        let (ta, tb) = (
            extract_timeline(&a, &TimelineOptions::default()),
            extract_timeline(&b, &TimelineOptions::default()),
        );
        let rows = merge_timelines(&[("a.txt", &ta), ("b.txt", &tb)]);
        let events =
            crate::extract::timeline::group_events(&crate::nlp::Segmenter::builtin(), &rows);
        let lanes = vec![
            Lane {
                label: "a".into(),
                colour: [0, 0, 0],
            },
            Lane {
                label: "b".into(),
                colour: [0, 0, 0],
            },
        ];
        let data = chart_data(
            &rows,
            &events,
            lanes,
            |r| Some(usize::from(r.source == "b.txt")),
            |_, _| true,
        );
        assert_eq!(data.entries.len(), 2);
        assert!(data.entries.iter().all(|e| e.event == Some(0)));
        assert_eq!(data.disagreeing, [0]);
        let one_lane = chart_data(&rows, &events, vec![], |_| Some(0), |_, _| true);
        assert!(
            one_lane.entries.iter().all(|e| e.event.is_none()),
            "one lane: nothing to join"
        );
    }
}
