//! The reference date of a document, found from its own text: a 完稿日期-style metadata field,
//! a dateline, the latest dated event, or the latest year it names — with the evidence.

use std::cmp::Reverse;

use super::resolve::Candidate;
use super::scan::{Shape, known_date};
use super::value::{Date, YearSpec};
use super::{ReferenceDate, ReferenceSource, Relation};
use crate::document::{Block, BlockKind, Document};

/// Metadata labels that date the document itself.
const DATE_LABELS: &[&str] = &[
    "完稿", "定稿", "收稿", "修回", "发布", "成文", "日期", "时间", "发表",
];

pub fn infer(doc: &Document, candidates: &[Candidate]) -> Option<ReferenceDate> {
    metadata(doc, candidates)
        .or_else(|| dateline(doc, candidates))
        .or_else(|| latest(doc, candidates, true))
        .or_else(|| latest(doc, candidates, false))
}

fn point(cand: &Candidate) -> Option<Date> {
    match cand.found.shape {
        Shape::Point(spec) => known_date(&spec),
        Shape::Range(start, end) => {
            let s = known_date(&start)?;
            let year = match end.year {
                YearSpec::Known(y) => y,
                _ => s.year,
            };
            Some(Date {
                year,
                month: end.month,
                day: end.day,
            })
        }
        _ => None,
    }
}

/// The block holding a candidate (ids are indices; the search is a fallback).
fn block_of<'a>(doc: &'a Document, cand: &Candidate) -> Option<&'a Block> {
    let blocks = doc.blocks();
    match blocks.get(cand.block) {
        Some(b) if b.id == cand.block => Some(b),
        _ => blocks.iter().find(|b| b.id == cand.block),
    }
}

fn line_of(doc: &Document, cand: &Candidate) -> Option<u32> {
    doc.raw_pos(cand.span.start()).map(|p| p.line)
}

fn reference(
    doc: &Document,
    cand: &Candidate,
    value: String,
    source: ReferenceSource,
    date: Date,
) -> ReferenceDate {
    let evidence = cand.sentence.slice(doc.text()).unwrap_or_default();
    let evidence: String = evidence.chars().take(80).collect();
    ReferenceDate {
        value,
        evidence,
        line: line_of(doc, cand),
        source,
        date,
    }
}

/// 【完稿日期：2022-7-10】 and similar fields.
fn metadata(doc: &Document, candidates: &[Candidate]) -> Option<ReferenceDate> {
    candidates.iter().find_map(|cand| {
        let block = block_of(doc, cand)?;
        let label = block.label.as_deref()?;
        if block.kind != BlockKind::Meta || !DATE_LABELS.iter().any(|w| label.contains(w)) {
            return None;
        }
        let date = point(cand).filter(|d| d.month.is_some())?;
        Some(reference(
            doc,
            cand,
            date.to_string(),
            ReferenceSource::Metadata,
            date,
        ))
    })
}

/// A short block that is essentially one full date (「2023 年 5 月 12 日」, 「（2024年3月）」).
fn dateline(doc: &Document, candidates: &[Candidate]) -> Option<ReferenceDate> {
    candidates.iter().rev().find_map(|cand| {
        let block = block_of(doc, cand)?;
        // A dateline is short: skip long paragraphs before counting their characters.
        if !matches!(block.kind, BlockKind::Paragraph | BlockKind::Meta) || block.span.len() > 160 {
            return None;
        }
        let rest: usize = doc
            .block_text(block)
            .chars()
            .filter(|c| !c.is_whitespace() && !"（）()【】[]〔〕,，。.:：".contains(*c))
            .count();
        let own = cand
            .span
            .slice(doc.text())
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_whitespace())
            .count();
        let date = point(cand).filter(|d| d.month.is_some())?;
        (rest <= own + 4)
            .then(|| reference(doc, cand, date.to_string(), ReferenceSource::Dateline, date))
    })
}

/// The latest dated event (a month or day, or a year with a sub-period such as 年底/一季度);
/// with `events` false, the latest year named at all. Plans (「2030年前」, 「到2035年」) do not count.
fn latest(doc: &Document, candidates: &[Candidate], events: bool) -> Option<ReferenceDate> {
    candidates
        .iter()
        .filter(|c| !matches!(c.relation, Some(Relation::Before | Relation::To)))
        .filter_map(|c| {
            let date = point(c)?;
            let is_event = date.month.is_some() || c.found.part.is_some();
            (is_event || !events).then_some((date, c))
        })
        // On equal dates the body beats a citation in a note, and the first mention wins.
        .max_by_key(|(date, c)| (*date, c.kind != BlockKind::Note, Reverse(c.span.start())))
        .map(|(date, cand)| {
            let source = if events {
                ReferenceSource::LatestEvent
            } else {
                ReferenceSource::LatestYear
            };
            reference(
                doc,
                cand,
                date.year.to_string(),
                source,
                Date::year(date.year),
            )
        })
}
