//! The scanner: finds date expressions in one block's characters and says what they mean before
//! any context is applied (years may still be "from context" or "from the reference date").

use super::Part;
use super::lexicon::{self, CONNECTORS, is_ident_char, is_space, tail_part, year_part};
use super::numerals::{self, Number};
use super::value::{Date, DateValue, Direction, Unit, YearSpec};

/// A date as written, before its year is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PointSpec {
    pub year: YearSpec,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PointSpec {
    fn known(year: i32) -> Self {
        Self {
            year: YearSpec::Known(year),
            month: None,
            day: None,
        }
    }
}

/// What an expression denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Point(PointSpec),
    Range(PointSpec, PointSpec),
    Fixed(DateValue),
    /// The reference date's century plus an offset (本世纪, 上世纪).
    ReferenceCentury(i32),
    Relative {
        count: u32,
        unit: Unit,
        direction: Direction,
        /// Marked by 间/中/内/里 or a future prefix: measured from a date in the same sentence
        /// when there is one, not from the document date.
        local: bool,
    },
}

/// One expression found in a block, as char indices into the block's characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub shape: Shape,
    pub part: Option<Part>,
    pub approx: bool,
}

/// Scan one block. `masked[i]` marks characters inside URLs.
pub fn scan(chars: &[char], masked: &[bool]) -> Vec<Found> {
    let scanner = Scanner { chars };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if masked.get(i).copied().unwrap_or(false) || !lexicon::may_start(chars[i]) {
            i += 1;
            continue;
        }
        match scanner.at(i) {
            Some(found) if !masked[found.start..found.end].iter().any(|&m| m) => {
                i = found.end.max(i + 1);
                out.push(found);
            }
            _ => i += 1,
        }
    }
    out
}

struct Scanner<'a> {
    chars: &'a [char],
}

/// The tail after a year: month, day, ranges inside the month, a sub-period.
#[derive(Debug, Clone, Copy, Default)]
struct Tail {
    month: Option<u8>,
    day: Option<u8>,
    month_end: Option<u8>,
    day_end: Option<u8>,
    part: Option<Part>,
    end: usize,
}

impl Scanner<'_> {
    fn ch(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn skip_space(&self, mut i: usize) -> usize {
        while self.ch(i).is_some_and(is_space) {
            i += 1;
        }
        i
    }

    /// Whether the word ending just before `end` is a capitalized Latin word (Windows, Live).
    fn capitalized_word_before(&self, end: usize) -> bool {
        let mut start = end;
        while start > 0 && self.ch(start - 1).is_some_and(|c| c.is_ascii_alphabetic()) {
            start -= 1;
        }
        start < end && self.ch(start).is_some_and(|c| c.is_ascii_uppercase())
    }

    /// The index just after the last non-space character before `i`.
    fn skip_space_back(&self, mut i: usize) -> usize {
        while i > 0 && self.ch(i - 1).is_some_and(is_space) {
            i -= 1;
        }
        i
    }

    fn is(&self, i: usize, c: char) -> bool {
        self.ch(i) == Some(c)
    }

    fn at(&self, i: usize) -> Option<Found> {
        let c = self.chars[i];
        let prev = i.checked_sub(1).and_then(|p| self.ch(p));
        if c.is_ascii_alphabetic() {
            if prev.is_some_and(|p| p.is_ascii_alphabetic()) {
                return None;
            }
            return self.english(i);
        }
        if numerals::is_digit(c) {
            if prev.is_some_and(is_ident_char) {
                return None;
            }
            return self.number_led(i);
        }
        if numerals::is_cn_numeral(c) {
            if prev
                .is_some_and(|p| numerals::is_cn_numeral(p) || lexicon::VAGUE_BEFORE.contains(&p))
            {
                return None;
            }
            if let Some(found) = self.number_led(i) {
                return Some(found);
            }
        }
        self.deictic(i)
    }

    /// Expressions that start with a number.
    fn number_led(&self, i: usize) -> Option<Found> {
        if let Some(p) = i.checked_sub(1).and_then(|p| self.ch(p))
            && lexicon::NOT_A_DATE_BEFORE.contains(&p)
        {
            return None;
        }
        let n = numerals::number_at(self.chars, i)?;
        let after = self.skip_space(n.end);
        let approx_next = matches!(self.ch(after), Some('多' | '余'));
        if n.digits == 4
            && !approx_next
            && (1000..=2199).contains(&n.value)
            && let Some(found) = self.year_led(i, n)
        {
            return Some(found);
        }
        self.century(i, n)
            .or_else(|| self.decade(i, n))
            .or_else(|| self.month_led(i, n))
            .or_else(|| self.relative(i, n))
            .or_else(|| self.english_day_first(i, n))
    }

    /// After `年`: sub-period, month, day, and ranges inside the year or month.
    fn tail(&self, p: usize) -> Tail {
        let mut tail = Tail {
            end: p,
            ..Tail::default()
        };
        if let Some((part, len)) = year_part(&self.chars[p.min(self.chars.len())..]) {
            tail.part = part;
            tail.end = p + len;
            return tail;
        }
        let q = self.skip_space(p);
        let Some(m) = numerals::number_at(self.chars, q).filter(|m| (1..=12).contains(&m.value))
        else {
            return tail;
        };
        let mut k = self.skip_space(m.end);
        if let Some(m2) = self.connected_number(k, 12) {
            let e = self.skip_space(m2.end);
            if self.is(e, '月') {
                tail.month = u8::try_from(m.value).ok();
                tail.month_end = u8::try_from(m2.value).ok();
                tail.end = e + 1;
            }
            return tail;
        }
        if !self.is(k, '月') {
            return tail;
        }
        tail.month = u8::try_from(m.value).ok();
        k += 1;
        if self.is(k, '份') {
            k += 1;
        }
        tail.end = k;
        if let Some((part, len)) = tail_part(&self.chars[k.min(self.chars.len())..]) {
            tail.part = Some(part);
            tail.end = k + len;
            return tail;
        }
        let q = self.skip_space(k);
        let Some(d) = numerals::number_at(self.chars, q).filter(|d| (1..=31).contains(&d.value))
        else {
            return tail;
        };
        let e = self.skip_space(d.end);
        if let Some(d2) = self.connected_number(e, 31) {
            let e2 = self.skip_space(d2.end);
            if matches!(self.ch(e2), Some('日' | '号')) && d2.value > d.value {
                tail.day = u8::try_from(d.value).ok();
                tail.day_end = u8::try_from(d2.value).ok();
                tail.end = e2 + 1;
            }
            return tail;
        }
        if matches!(self.ch(e), Some('日' | '号')) {
            tail.day = u8::try_from(d.value).ok();
            tail.end = e + 1;
        }
        tail
    }

    /// A range connector at `k` followed by a number no greater than `max`.
    fn connected_number(&self, k: usize, max: u32) -> Option<Number> {
        let c = self.ch(k)?;
        if !CONNECTORS.contains(&c) || c == '至' && self.is(k + 1, '今') {
            return None;
        }
        let q = self.skip_space(k + 1);
        numerals::number_at(self.chars, q).filter(|n| (1..=max).contains(&n.value))
    }

    fn point(year: YearSpec, tail: &Tail) -> PointSpec {
        PointSpec {
            year,
            month: tail.month,
            day: tail.day,
        }
    }

    /// A point plus whatever range the tail or a following connector adds.
    fn with_range(&self, i: usize, start: PointSpec, tail: Tail) -> Found {
        if let Some(day_end) = tail.day_end {
            let end = PointSpec {
                year: YearSpec::SameAsStart,
                day: Some(day_end),
                ..start
            };
            return self.found_part(i, tail.end, Shape::Range(start, end), None);
        }
        if let Some(month_end) = tail.month_end {
            let end = PointSpec {
                year: YearSpec::SameAsStart,
                month: Some(month_end),
                day: None,
            };
            return self.found_part(i, tail.end, Shape::Range(start, end), None);
        }
        if tail.part.is_none()
            && let Some((end, stop)) = self.range_end(tail.end, &start)
        {
            return self.found(i, stop, Shape::Range(start, end));
        }
        self.found_part(i, tail.end, Shape::Point(start), tail.part)
    }

    fn found(&self, start: usize, end: usize, shape: Shape) -> Found {
        self.found_part(start, end, shape, None)
    }

    fn found_part(&self, start: usize, end: usize, shape: Shape, part: Option<Part>) -> Found {
        Found {
            start,
            end: end.min(self.chars.len()),
            shape,
            part,
            approx: false,
        }
    }
}

/// The date a known-year spec denotes.
pub fn known_date(spec: &PointSpec) -> Option<Date> {
    match spec.year {
        YearSpec::Known(year) => Some(Date {
            year,
            month: spec.month,
            day: spec.day,
        }),
        _ => None,
    }
}

#[path = "scan_forms.rs"]
mod forms;
#[path = "scan_years.rs"]
mod years;

/// Scanner behaviour is tested in `scan_tests.rs` beside this file.
#[cfg(test)]
#[path = "scan_tests.rs"]
mod tests;
