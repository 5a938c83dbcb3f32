//! What the index keeps of each document: `StoredBody` (what a search hit needs: the cleaned
//! text, raw positions, blocks, filter data) and `StoredMeta` (what listings, the names index
//! and the merged timeline need). The meta is JSON, the body `codec`'s binary form.

use serde::{Deserialize, Serialize};

use super::filter::FilterData;
use super::posmap::PosMap;
use crate::extract::timeline::{DateValue, Granularity, Part, Relation, TimelineEntry, Zone};
use crate::span::TextSpan;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StoredBody {
    pub text: String,
    pub positions: PosMap,
    pub filter: FilterData,
}

/// One document as `pangzhu library list` shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredMeta {
    pub title: Option<String>,
    /// The date the document speaks from (its reference date), if found.
    pub date: Option<String>,
    /// Size of the file in bytes.
    pub size: u64,
    pub annotations: usize,
    /// Paths of the tags its annotations carry, sorted, once each.
    pub tags: Vec<String>,
    /// Its names: `(name, kind, mentions)`.
    pub names: Vec<(String, String, usize)>,
    pub timeline: Vec<StoredEntry>,
}

/// A [`TimelineEntry`] as stored (the entry's own JSON writes dates as text, which does not
/// read back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredEntry {
    text: String,
    text_full: String,
    value: DateValue,
    granularity: Granularity,
    line: u32,
    col: u32,
    end_line: u32,
    in_note: bool,
    zone: Zone,
    year_inherited: bool,
    relation: Option<Relation>,
    part: Option<Part>,
    approx: bool,
    anchor: Option<String>,
    resolved: Option<DateValue>,
    sentence: String,
    block: usize,
    span: TextSpan,
    vague: bool,
}

impl From<&TimelineEntry> for StoredEntry {
    fn from(e: &TimelineEntry) -> Self {
        Self {
            text: e.text.clone(),
            text_full: e.text_full.clone(),
            value: e.value,
            granularity: e.granularity,
            line: e.line,
            col: e.col,
            end_line: e.end_line,
            in_note: e.in_note,
            zone: e.zone,
            year_inherited: e.year_inherited,
            relation: e.relation,
            part: e.part,
            approx: e.approx,
            anchor: e.anchor.clone(),
            resolved: e.resolved,
            sentence: e.sentence.clone(),
            block: e.block,
            span: e.span,
            vague: e.vague,
        }
    }
}

impl From<StoredEntry> for TimelineEntry {
    fn from(e: StoredEntry) -> Self {
        Self {
            text: e.text,
            text_full: e.text_full,
            value: e.value,
            granularity: e.granularity,
            line: e.line,
            col: e.col,
            end_line: e.end_line,
            in_note: e.in_note,
            zone: e.zone,
            year_inherited: e.year_inherited,
            relation: e.relation,
            part: e.part,
            approx: e.approx,
            anchor: e.anchor,
            resolved: e.resolved,
            sentence: e.sentence,
            block: e.block,
            span: e.span,
            vague: e.vague,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::extract::timeline::{TimelineOptions, extract_timeline};

    #[test]
    fn timeline_entries_round_trip() {
        let doc = Document::from_text(
            "t",
            "2013 年 9 月，甲。近 10 年来，乙。20 世纪 90 年代，丙。2020 年底前，丁。\n",
        );
        let entries = extract_timeline(&doc, &TimelineOptions::default()).entries;
        assert!(entries.len() >= 3);
        for entry in entries {
            let stored = StoredEntry::from(&entry);
            let json = serde_json::to_string(&stored).unwrap_or_default();
            let back: StoredEntry = serde_json::from_str(&json).expect("reads back");
            assert_eq!(TimelineEntry::from(back), entry);
        }
    }
}
