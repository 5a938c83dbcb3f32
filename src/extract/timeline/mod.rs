//! Timeline: every date or time expression of a document, normalized as `gold/README.md`
//! defines (issue "engine, part 2").
//!
//! The scanner works on the cleaned text, where line breaks, justification spaces and page
//! furniture are gone, so expressions broken across lines or letter-spaced are whole; positions
//! are mapped back to raw lines only when entries are built.
//!
//! | module | what it does |
//! |---|---|
//! | `numerals` | Arabic, full-width and Chinese numbers |
//! | `lexicon`, `words` | connectors, sub-periods, deictic words, relative markers, English months |
//! | `scan` | finds expressions in one block, before context |
//! | `context` | URL masks, relation words, sentence bounds |
//! | `reference` | the document's reference date and its evidence |
//! | `resolve` | inherited years, anchors of relative expressions, the entries |
//! | `merge` | one chronological timeline across documents |

mod context;
pub mod events;
mod lexicon;
pub mod merge;
pub mod numerals;
mod reference;
mod resolve;
mod scan;
pub mod value;
mod words;

use serde::{Deserialize, Serialize, Serializer};

pub use events::{EventTag, group_events};
pub use merge::{MergedRow, merge_timelines};
pub use value::{Date, DateValue, Direction, Granularity, Unit};

use crate::document::{Block, BlockKind, Document};
use crate::span::TextSpan;

/// A sub-period written in the expression (年底, 月初, 一季度, 秋天).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Part {
    #[serde(rename = "early")]
    Early,
    #[serde(rename = "mid")]
    Mid,
    #[serde(rename = "end")]
    End,
    Q1,
    Q2,
    Q3,
    Q4,
    H1,
    H2,
    #[serde(rename = "spring")]
    Spring,
    #[serde(rename = "summer")]
    Summer,
    #[serde(rename = "autumn")]
    Autumn,
    #[serde(rename = "winter")]
    Winter,
}

/// A relation word attached to an absolute date, outside its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    Since,
    Until,
    Before,
    After,
    From,
    To,
    /// 前后 ("about"): recognised only so that it is not read as "before".
    Around,
}

/// Where an entry sits in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Zone {
    Body,
    Note,
    Metadata,
}

/// How the reference date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceSource {
    /// Given by the user (`--reference-date`).
    User,
    /// A metadata field such as 完稿日期.
    Metadata,
    /// A line holding only a date (a dateline).
    Dateline,
    /// The latest dated event the document reports.
    LatestEvent,
    /// The latest year the document names.
    LatestYear,
}

/// The date a document speaks from: 今年 and "10 年来" are counted from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReferenceDate {
    pub value: String,
    pub evidence: String,
    /// Raw line of the evidence (None when the user gave the date).
    pub line: Option<u32>,
    pub source: ReferenceSource,
    #[serde(skip)]
    pub date: Date,
}

/// Options for [`extract_timeline`].
#[derive(Debug, Clone, Default)]
pub struct TimelineOptions {
    /// Use this reference date instead of the one found in the text.
    pub reference_date: Option<Date>,
}

/// One dated expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    /// The expression as written on `line` (for a broken expression, the part on that line).
    pub text: String,
    /// The whole expression in the cleaned text.
    pub text_full: String,
    #[serde(serialize_with = "as_text")]
    pub value: DateValue,
    pub granularity: Granularity,
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub in_note: bool,
    pub zone: Zone,
    pub year_inherited: bool,
    pub relation: Option<Relation>,
    pub part: Option<Part>,
    pub approx: bool,
    /// Relative expressions: the point they are counted from.
    pub anchor: Option<String>,
    /// Relative expressions: the absolute reading, if it means anything.
    #[serde(serialize_with = "opt_as_text")]
    pub resolved: Option<DateValue>,
    /// The sentence the expression dates (cleaned text).
    pub sentence: String,
    /// Id of the block holding the expression.
    pub block: usize,
    /// Where the expression is in the cleaned text.
    pub span: TextSpan,
    /// Decades, centuries and relative expressions: placed on a timeline only approximately.
    pub vague: bool,
}

impl TimelineEntry {
    /// The date that orders this entry on a timeline: its value, or its resolved value.
    pub fn sort_date(&self) -> Option<Date> {
        self.value
            .start()
            .or_else(|| self.resolved.and_then(|r| r.start()))
    }
}

fn as_text<S: Serializer>(value: &DateValue, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}

fn opt_as_text<S: Serializer>(value: &Option<DateValue>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => s.collect_str(v),
        None => s.serialize_none(),
    }
}

/// A document's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timeline {
    pub reference_date: Option<ReferenceDate>,
    pub entries: Vec<TimelineEntry>,
}

/// Find, normalize and date every expression of `doc`.
pub fn extract_timeline(doc: &Document, opts: &TimelineOptions) -> Timeline {
    let text = doc.text();
    let mut candidates = Vec::new();
    for block in doc.blocks().iter().filter(|b| is_dated_block(b)) {
        resolve::collect(text, block, &mut candidates);
    }
    let reference_date = match opts.reference_date {
        Some(date) => Some(ReferenceDate {
            value: date.to_string(),
            evidence: "given by the user".to_owned(),
            line: None,
            source: ReferenceSource::User,
            date,
        }),
        None => reference::infer(doc, &candidates),
    };
    let entries = resolve::entries(doc, &candidates, reference_date.as_ref());
    Timeline {
        reference_date,
        entries,
    }
}

/// Blocks whose dates belong on the timeline: not the table of contents (it repeats headings),
/// not identifier fields such as 文章编号 or 中图分类号.
fn is_dated_block(block: &Block) -> bool {
    match block.kind {
        BlockKind::Toc => false,
        BlockKind::Meta => !block.label.as_deref().is_some_and(|label| {
            [
                "编号",
                "分类号",
                "标识码",
                "ISSN",
                "ISBN",
                "DOI",
                "刊号",
                "关键词",
            ]
            .iter()
            .any(|w| label.contains(w))
        }),
        _ => true,
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
