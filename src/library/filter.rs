//! `--tag` and `--from`/`--to`: which hits a search keeps. The per-file and the library search
//! use this one definition, so they agree.
//!
//! - `--tag T`: the hit overlaps an annotation carrying the tag whose path is `T` or lies under
//!   it (`主题` keeps `主题/教育`), or whose own name is `T`.
//! - `--from A --to B` (YYYY, YYYY-MM or YYYY-MM-DD; either may be left out): the block
//!   (paragraph, heading, note…) holding the hit's start holds a timeline entry whose dates
//!   overlap `[A, B]`, `A` taken at its first day, `B` at its last. Relative expressions count by
//!   their resolved reading; decades and centuries by their years.

use serde::{Deserialize, Serialize};

use super::annotations::Marked;
use crate::document::Document;
use crate::extract::timeline::{Date, DateValue, TimelineEntry};
use crate::span::TextSpan;

/// A day as a `yyyymmdd` number.
type Day = u32;

/// What a search keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HitFilter {
    pub tag: Option<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

/// What a document must provide for [`HitFilter`]: its blocks, the days its timeline entries
/// cover per block, its annotations. Stored in the library; built from a document otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterData {
    /// `(start, end, block id)` in text order.
    pub blocks: Vec<(u32, u32, u32)>,
    /// `(block id, first day, last day)` of each placed timeline entry.
    pub dated: Vec<(u32, Day, Day)>,
    pub marked: Vec<Marked>,
}

impl HitFilter {
    pub fn is_empty(&self) -> bool {
        self.tag.is_none() && self.from.is_none() && self.to.is_none()
    }

    pub fn needs_dates(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    /// Whether a hit at `span` is kept.
    pub fn keeps(&self, data: &FilterData, span: TextSpan) -> bool {
        self.tag_keeps(data, span) && self.dates_keep(data, span)
    }

    fn tag_keeps(&self, data: &FilterData, span: TextSpan) -> bool {
        let Some(tag) = &self.tag else { return true };
        let wanted = crate::annotation::tag::normalise_path(tag);
        data.marked
            .iter()
            .any(|m| overlaps(m.span, span) && m.tags.iter().any(|path| tag_matches(path, &wanted)))
    }

    fn dates_keep(&self, data: &FilterData, span: TextSpan) -> bool {
        if !self.needs_dates() {
            return true;
        }
        let from = self.from.and_then(|d| day(d, false)).unwrap_or(0);
        let to = self.to.and_then(|d| day(d, true)).unwrap_or(Day::MAX);
        let Some(block) = data.block_of(span.start()) else {
            return false;
        };
        data.dated
            .iter()
            .any(|&(b, lo, hi)| b == block && lo <= to && hi >= from)
    }
}

fn overlaps(a: TextSpan, b: TextSpan) -> bool {
    a.start() < b.end().max(b.start() + 1) && b.start() < a.end().max(a.start() + 1)
}

fn tag_matches(path: &str, wanted: &str) -> bool {
    path == wanted
        || path
            .strip_prefix(wanted)
            .is_some_and(|rest| rest.starts_with('/'))
        || path.rsplit('/').next() == Some(wanted)
}

impl FilterData {
    /// What the filter needs of `doc`, given its timeline entries and annotations.
    pub fn build(doc: &Document, entries: &[TimelineEntry], marked: Vec<Marked>) -> Self {
        let blocks = doc
            .blocks()
            .iter()
            .map(|b| (b.span.start() as u32, b.span.end() as u32, b.id as u32))
            .collect();
        let dated = entries
            .iter()
            .filter_map(|e| {
                let (lo, hi) = days_of(&e.value).or_else(|| days_of(&e.resolved?))?;
                Some((e.block as u32, lo, hi))
            })
            .collect();
        Self {
            blocks,
            dated,
            marked,
        }
    }

    /// Id of the block holding `offset` (as [`Document::block_at`]).
    fn block_of(&self, offset: usize) -> Option<u32> {
        let at = u32::try_from(offset).ok()?;
        let idx = self.blocks.partition_point(|b| b.0 <= at).checked_sub(1)?;
        let (_, end, id) = *self.blocks.get(idx)?;
        (at <= end).then_some(id)
    }
}

fn day(d: Date, last: bool) -> Option<Day> {
    let year = u32::try_from(d.year).ok()?;
    let month = d.month.map_or(if last { 12 } else { 1 }, u32::from);
    let day = d.day.map_or(if last { 31 } else { 1 }, u32::from);
    Some(year * 10_000 + month * 100 + day)
}

/// The days a value covers; relative values have none of their own.
fn days_of(value: &DateValue) -> Option<(Day, Day)> {
    match *value {
        DateValue::Point(d) => Some((day(d, false)?, day(d, true)?)),
        DateValue::Range(a, b) => Some((day(a, false)?, day(b, true)?)),
        DateValue::Decade(y) => Some((day(Date::year(y), false)?, day(Date::year(y + 9), true)?)),
        DateValue::Century(c) => Some((
            day(Date::year((c - 1) * 100 + 1), false)?,
            day(Date::year(c * 100), true)?,
        )),
        DateValue::Relative { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::timeline::{TimelineOptions, extract_timeline};

    fn data(text: &str, marked: Vec<Marked>) -> (Document, FilterData) {
        let doc = Document::from_text("t", text);
        let timeline = extract_timeline(&doc, &TimelineOptions::default());
        let data = FilterData::build(&doc, &timeline.entries, marked);
        (doc, data)
    }

    #[test]
    fn dates_keep_hits_in_blocks_with_an_entry_in_range() {
        let (doc, data) = data(
            "标题\n\n2013 年，合作开始。\n\n2020 年 5 月，合作继续。\n",
            vec![],
        );
        let at = |s: &str| {
            let i = doc.text().find(s).unwrap_or_default();
            TextSpan::new(i, i + s.len())
        };
        let filter = |from: &str, to: &str| HitFilter {
            tag: None,
            from: Date::parse(from),
            to: Date::parse(to),
        };
        assert!(filter("2013", "2013").keeps(&data, at("合作开始")));
        assert!(!filter("2013", "2013").keeps(&data, at("合作继续")));
        assert!(filter("2020-05-31", "").keeps(&data, at("合作继续")));
        assert!(!filter("2020-06", "").keeps(&data, at("合作继续")));
        assert!(!filter("2000", "2030").keeps(&data, at("标题")));
    }

    #[test]
    fn tags_match_by_path_prefix_and_name() {
        let marked = vec![Marked {
            span: TextSpan::new(0, 6),
            tags: vec!["主题/教育".to_owned()],
        }];
        let (_, data) = data("标题\n\n正文。\n", marked);
        let keeps = |tag: &str, span| {
            HitFilter {
                tag: Some(tag.to_owned()),
                ..HitFilter::default()
            }
            .keeps(&data, span)
        };
        assert!(keeps("主题", TextSpan::new(3, 6)));
        assert!(keeps("教育", TextSpan::new(0, 3)));
        assert!(keeps("主题/教育", TextSpan::new(0, 3)));
        assert!(!keeps("主", TextSpan::new(0, 3)));
        assert!(!keeps("主题", TextSpan::new(8, 11)));
    }
}
