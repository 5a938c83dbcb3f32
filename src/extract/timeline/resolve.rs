//! From scanner finds to timeline entries: relation words, sentences, inherited years, the
//! anchors and absolute readings of relative expressions, raw positions.

use super::context;
use super::scan::{self, Found, PointSpec, Shape};
use super::value::{Date, DateValue, Direction, Unit, YearSpec};
use super::{ReferenceDate, Relation, TimelineEntry, Zone};
use crate::document::{Block, BlockKind, Document};
use crate::span::TextSpan;

/// A find placed in the document, with what surrounds it.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub found: Found,
    pub block: usize,
    pub kind: BlockKind,
    /// Byte range in the cleaned text.
    pub span: TextSpan,
    /// Byte range of the sentence in the cleaned text.
    pub sentence: TextSpan,
    pub relation: Option<Relation>,
}

/// Scan one block and add its candidates.
pub fn collect(text: &str, block: &Block, out: &mut Vec<Candidate>) {
    let Some(block_text) = block.span.slice(text) else {
        return;
    };
    let base = block.span.start();
    let mut chars = Vec::with_capacity(block_text.len() / 3 + 1);
    let mut offsets = Vec::with_capacity(block_text.len() / 3 + 2);
    for (i, c) in block_text.char_indices() {
        chars.push(c);
        offsets.push(i);
    }
    offsets.push(block_text.len());
    let mask = context::url_mask(&chars);
    for found in scan::scan(&chars, &mask) {
        let (Some(&s), Some(&e)) = (offsets.get(found.start), offsets.get(found.end)) else {
            continue;
        };
        let relation = match found.shape {
            Shape::Relative { .. } => None,
            _ => context::relation(&chars, found.start, found.end),
        };
        let (ss, se) = context::sentence_bounds(block_text, s, e);
        out.push(Candidate {
            found,
            block: block.id,
            kind: block.kind,
            span: TextSpan::new(base + s, base + e),
            sentence: TextSpan::new(base + ss, base + se),
            relation,
        });
    }
}

/// A dated entry that later expressions can take their year or anchor from.
#[derive(Debug, Clone, Copy)]
struct Context {
    block: usize,
    sentence: usize,
    in_note: bool,
    date: Date,
    is_range: bool,
    relation: Option<Relation>,
}

struct Resolver<'a> {
    candidates: &'a [Candidate],
    reference: Option<&'a ReferenceDate>,
    history: Vec<Context>,
}

/// Build the entries of all candidates, in document order.
pub fn entries(
    doc: &Document,
    candidates: &[Candidate],
    reference: Option<&ReferenceDate>,
) -> Vec<TimelineEntry> {
    let mut resolver = Resolver {
        candidates,
        reference,
        history: Vec::new(),
    };
    candidates
        .iter()
        .enumerate()
        .filter_map(|(idx, cand)| {
            let meaning = resolver.meaning(idx)?;
            Some(build_entry(doc, cand, meaning))
        })
        .collect()
}

/// What a candidate means once its context is applied.
struct Meaning {
    value: DateValue,
    year_inherited: bool,
    anchor: Option<String>,
    resolved: Option<DateValue>,
}

impl Resolver<'_> {
    fn reference_year(&self) -> Option<i32> {
        self.reference.map(|r| r.date.year)
    }

    /// The latest context in the candidate's own sentence. History is in document order, so
    /// the search stops at the first context from another block.
    fn in_sentence(&self, idx: usize) -> Option<&Context> {
        let cand = &self.candidates[idx];
        self.history
            .iter()
            .rev()
            .take_while(|c| c.block == cand.block)
            .find(|c| c.sentence == cand.sentence.start())
    }

    /// The year a `Context` or `Unwritten` spec takes.
    fn context_year(&self, idx: usize, spec: YearSpec) -> Option<i32> {
        let cand = &self.candidates[idx];
        let in_note = cand.kind == BlockKind::Note;
        if let Some(ctx) = self.in_sentence(idx) {
            return Some(ctx.date.year);
        }
        if spec == YearSpec::Unwritten
            && let Some(year) = self.later_year_in_sentence(idx)
        {
            return Some(year);
        }
        if let Some(ctx) = self.history.last().filter(|c| c.block == cand.block) {
            return Some(ctx.date.year);
        }
        if matches!(spec, YearSpec::Context(_))
            && let Some(ctx) = self.history.iter().rev().find(|c| c.in_note == in_note)
        {
            return Some(ctx.date.year);
        }
        self.reference_year()
    }

    /// An explicit or 今年-style year later in the same sentence (「4月23日，…今年…」).
    fn later_year_in_sentence(&self, idx: usize) -> Option<i32> {
        let cand = &self.candidates[idx];
        self.candidates[idx + 1..]
            .iter()
            .take_while(|c| c.block == cand.block && c.sentence == cand.sentence)
            .find_map(|c| match c.found.shape {
                Shape::Point(p) | Shape::Range(p, _) => match p.year {
                    YearSpec::Known(y) => Some(y),
                    YearSpec::Reference(off) => self.reference_year().map(|r| r + off),
                    _ => None,
                },
                _ => None,
            })
    }

    fn year_of(&self, idx: usize, spec: YearSpec) -> Option<(i32, bool)> {
        match spec {
            YearSpec::Known(y) => Some((y, false)),
            YearSpec::Reference(off) => self.reference_year().map(|y| (y + off, true)),
            YearSpec::Context(off) => self.context_year(idx, spec).map(|y| (y + off, true)),
            YearSpec::Unwritten => self.context_year(idx, spec).map(|y| (y, true)),
            YearSpec::SameAsStart => None,
        }
    }

    fn date_of(&self, idx: usize, spec: &PointSpec) -> Option<(Date, bool)> {
        let (year, inherited) = self.year_of(idx, spec.year)?;
        Some((
            Date {
                year,
                month: spec.month,
                day: spec.day,
            },
            inherited,
        ))
    }

    fn remember(&mut self, idx: usize, date: Date, is_range: bool) {
        let cand = &self.candidates[idx];
        self.history.push(Context {
            block: cand.block,
            sentence: cand.sentence.start(),
            in_note: cand.kind == BlockKind::Note,
            date,
            is_range,
            relation: cand.relation,
        });
    }

    fn meaning(&mut self, idx: usize) -> Option<Meaning> {
        let found = self.candidates[idx].found;
        let absolute = |value, year_inherited| Meaning {
            value,
            year_inherited,
            anchor: None,
            resolved: None,
        };
        match found.shape {
            Shape::Point(spec) => {
                let (date, inherited) = self.date_of(idx, &spec)?;
                self.remember(idx, date, false);
                Some(absolute(DateValue::Point(date), inherited))
            }
            Shape::Range(a, b) => {
                let (start, inherited) = self.date_of(idx, &a)?;
                let end_year = match b.year {
                    YearSpec::Known(y) => y,
                    _ => start.year,
                };
                let end = Date {
                    year: end_year,
                    month: b.month,
                    day: b.day,
                };
                if end <= start {
                    return None;
                }
                self.remember(idx, end, true);
                Some(absolute(DateValue::Range(start, end), inherited))
            }
            Shape::Fixed(value) => Some(absolute(value, false)),
            Shape::ReferenceCentury(offset) => {
                let year = self.reference_year()?;
                let century = (year - 1).div_euclid(100) + 1 + offset;
                Some(absolute(DateValue::Century(century), true))
            }
            Shape::Relative {
                count,
                unit,
                direction,
                local,
            } => Some(self.relative(idx, count, unit, direction, local)),
        }
    }

    /// Anchor and resolve a relative expression.
    fn relative(
        &self,
        idx: usize,
        count: u32,
        unit: Unit,
        mut direction: Direction,
        local: bool,
    ) -> Meaning {
        let sentence_anchor = local.then(|| self.in_sentence(idx)).flatten();
        let (anchor_date, anchor) = if let Some(ctx) = sentence_anchor {
            // 「于2024年2月投入运营，一年间」 runs after the date; 「到2020年7月…前的7年中」 and
            // 「2013—2023 年 10 年间」 end at it.
            let ends_at_anchor = ctx.is_range
                || matches!(
                    ctx.relation,
                    Some(Relation::To | Relation::Until | Relation::Before)
                );
            if direction == Direction::SpanBefore && !ends_at_anchor {
                direction = Direction::SpanAfter;
            }
            (
                Some(ctx.date),
                Some(format!("ref = {} (same sentence)", ctx.date)),
            )
        } else {
            match self.reference {
                Some(r) => {
                    let date = match unit {
                        Unit::Year => Date::year(r.date.year),
                        Unit::Month => r.date,
                    };
                    (Some(date), Some(format!("document date {}", r.value)))
                }
                None => (None, None),
            }
        };
        let value = DateValue::Relative {
            count,
            unit,
            direction,
        };
        let meaningful = (unit != Unit::Year || count < 100)
            && (unit != Unit::Month || anchor_date.is_none_or(|d| d.month.is_some()));
        let resolved = anchor_date
            .filter(|_| meaningful)
            .and_then(|a| resolve_relative(a, count, unit, direction));
        Meaning {
            value,
            year_inherited: false,
            anchor,
            resolved,
        }
    }
}

/// The absolute reading of "count units before/after anchor".
fn resolve_relative(
    anchor: Date,
    count: u32,
    unit: Unit,
    direction: Direction,
) -> Option<DateValue> {
    let n = i32::try_from(count).ok()?;
    let shift = |sign: i32| match unit {
        Unit::Year => anchor.shifted(sign * n, 0),
        Unit::Month => anchor.shifted(0, sign * n),
    };
    Some(match direction {
        Direction::SpanBefore => DateValue::Range(shift(-1), anchor),
        Direction::SpanAfter => DateValue::Range(anchor, shift(1)),
        Direction::PointBefore => DateValue::Point(shift(-1)),
        Direction::PointAfter => DateValue::Point(shift(1)),
    })
}

/// Raw positions, texts and the sentence of an entry.
fn build_entry(doc: &Document, cand: &Candidate, meaning: Meaning) -> TimelineEntry {
    let text = doc.text();
    let full = cand.span.slice(text).unwrap_or_default();
    let last_char = full.chars().last().map_or(0, char::len_utf8);
    let start = doc.raw_pos(cand.span.start());
    let end = doc.raw_pos(
        cand.span
            .end()
            .saturating_sub(last_char)
            .max(cand.span.start()),
    );
    let (line, col) = start.map_or((0, 0), |p| (p.line, p.col));
    let end_line = end.map_or(line, |p| p.line.max(line));
    let raw_line = doc.raw().line(line as usize).unwrap_or_default();
    let skip = (col as usize).saturating_sub(1);
    let on_line: String = if end_line == line {
        let end_col = end.map_or(col, |p| p.col) as usize;
        raw_line
            .chars()
            .skip(skip)
            .take(end_col.saturating_sub(skip))
            .collect()
    } else {
        raw_line
            .chars()
            .skip(skip)
            .collect::<String>()
            .trim_end()
            .to_owned()
    };
    let zone = match cand.kind {
        BlockKind::Note => Zone::Note,
        BlockKind::Meta => Zone::Metadata,
        _ => Zone::Body,
    };
    let relation = if matches!(meaning.value, DateValue::Relative { .. }) {
        None
    } else {
        cand.relation
    };
    TimelineEntry {
        text: on_line,
        text_full: full.to_owned(),
        granularity: meaning.value.granularity(),
        vague: meaning.value.is_vague(),
        value: meaning.value,
        line,
        col,
        end_line,
        in_note: zone == Zone::Note,
        zone,
        year_inherited: meaning.year_inherited,
        relation,
        part: cand.found.part,
        approx: cand.found.approx,
        anchor: meaning.anchor,
        resolved: meaning.resolved,
        sentence: cand.sentence.slice(text).unwrap_or_default().to_owned(),
        block: cand.block,
        span: cand.span,
    }
}
