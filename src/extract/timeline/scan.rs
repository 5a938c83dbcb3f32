//! The scanner: finds date expressions in one block's characters and says what they mean before
//! any context is applied (years may still be "from context" or "from the reference date").

use super::Part;
use super::lexicon::{self, CONNECTORS, is_ident_char, is_space, tail_part, year_part};
use super::numerals::{self, Number};
use super::value::{Date, DateValue, Direction, Unit};

/// Where a year comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSpec {
    /// Written in the expression.
    Known(i32),
    /// Reference year plus an offset: 今年 (0), 去年 (−1), 明年 (+1).
    Reference(i32),
    /// Year of the nearest dated context plus an offset: 同年/当年 (0), 上年 (−1), 次年 (+1).
    Context(i32),
    /// No year written and no deictic word: 5 月 18 日 takes the year of its context.
    Unwritten,
    /// The end of a range that shares the start's year (5 月 18 日至 19 日).
    SameAsStart,
}

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

    /// `YYYY年…`, `YYYY—YYYY年`, `YYYY-MM-DD`, or a bare year.
    fn year_led(&self, i: usize, n: Number) -> Option<Found> {
        let year = i32::try_from(n.value).ok()?;
        if n.digits == 4
            && let Some(found) = self.numeric_date(i, n.end, year)
        {
            return Some(found);
        }
        let k = self.skip_space(n.end);
        if self.is(k, '年') {
            if self.is(k + 1, '代') {
                return Some(self.decade_found(i, k + 2, year - year % 10));
            }
            let tail = self.tail(k + 1);
            let start = Self::point(YearSpec::Known(year), &tail);
            return Some(self.with_range(i, start, tail));
        }
        if let Some(found) = self.year_range(i, year, k) {
            return Some(found);
        }
        (n.digits == 4 && self.bare_year_ok(i, n.end, year))
            .then(|| self.found(i, n.end, Shape::Point(PointSpec::known(year))))
    }

    /// `2013—2018 年`, `2008—2009 学年`, `1997—1998`, `1983到1985年`, `1983—85 年`.
    fn year_range(&self, i: usize, year: i32, k: usize) -> Option<Found> {
        let c = self.ch(k)?;
        // 到 joins two years as 至 does (从 1983 到 1985 年), but not a year and 今/现在.
        let to = c == '到';
        if !(CONNECTORS.contains(&c) || to) || (matches!(c, '至' | '到') && self.is(k + 1, '今'))
        {
            return None;
        }
        let mut m = k + 1;
        while self.ch(m).is_some_and(|c| c == '—' || c == '-') {
            m += 1;
        }
        let m = self.skip_space(m);
        let n2 = numerals::number_at(self.chars, m)?;
        let e = self.skip_space(n2.end);
        let year_unit = self.is(e, '年') && !self.is(e + 1, '代');
        // `1983—85 年`: a two-digit end year in the start's century (or the next one), only
        // with 年 after it, and never after 到 (到 85 年 is a count).
        let year2 = match n2.digits {
            4 => i32::try_from(n2.value).ok()?,
            2 if year_unit && !to && self.ch(m).is_some_and(numerals::is_digit) => {
                let short = i32::try_from(n2.value).ok()?;
                let mut y = year - year % 100 + short;
                if y <= year {
                    y += 100;
                }
                y
            }
            _ => return None,
        };
        if year2 <= year || year2 - year > 200 || to && !year_unit {
            return None;
        }
        let end = if year_unit {
            e + 1
        } else if self.is(e, '学') && self.is(e + 1, '年') {
            e + 2
        } else if self.bare_year_ok(i, n2.end, year2) {
            n2.end
        } else {
            return None;
        };
        let shape = Shape::Range(PointSpec::known(year), PointSpec::known(year2));
        Some(self.found(i, end, shape))
    }

    /// `2022-7-10`, `2022/07/14`, `2021.05.06` (a dotted form needs the day).
    fn numeric_date(&self, i: usize, j: usize, year: i32) -> Option<Found> {
        let sep = self.ch(j)?;
        if !matches!(sep, '-' | '/' | '.') {
            return None;
        }
        let m = numerals::arabic_at(self.chars, j + 1)?;
        if m.digits > 2 || !(1..=12).contains(&m.value) {
            return None;
        }
        let (day, end) = match numerals::arabic_at(self.chars, m.end + 1) {
            Some(d) if self.is(m.end, sep) && d.digits <= 2 && (1..=31).contains(&d.value) => {
                (u8::try_from(d.value).ok(), d.end)
            }
            _ if sep == '.' => return None,
            _ => (None, m.end),
        };
        let next = self.ch(end);
        if next.is_some_and(|c| {
            is_ident_char(c) && c != '.'
                || c == '.' && self.ch(end + 1).is_some_and(numerals::is_digit)
        }) {
            return None;
        }
        let spec = PointSpec {
            year: YearSpec::Known(year),
            month: u8::try_from(m.value).ok(),
            day,
        };
        Some(self.found(i, end, Shape::Point(spec)))
    }

    /// A bare four-digit year must look like a year, not a quantity or an identifier.
    fn bare_year_ok(&self, i: usize, end: usize, year: i32) -> bool {
        if !(1900..=2100).contains(&year) {
            return false;
        }
        if i.checked_sub(1)
            .and_then(|p| self.ch(p))
            .is_some_and(|p| lexicon::NOT_BARE_YEAR_BEFORE.contains(&p))
        {
            return false;
        }
        // A product or model name: Windows 2000, Office 2019 (but "in 2019" is a year).
        let before = self.skip_space_back(i);
        if before < i && self.capitalized_word_before(before) {
            return false;
        }
        if self
            .ch(end)
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == ':')
        {
            return false;
        }
        let k = self.skip_space(end);
        match self.ch(k) {
            None => true,
            Some(c) if numerals::is_digit(c) => false,
            Some(c) if c.is_ascii_alphabetic() => true,
            Some('.') => !self.ch(k + 1).is_some_and(numerals::is_digit),
            Some(')' | '）') => {
                let after = self.skip_space(k + 1);
                !(after > k + 1 && self.ch(after).is_some_and(numerals::is_digit))
            }
            Some(c) => !lexicon::UNIT_AFTER_NUMBER.contains(&c),
        }
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

/// Scanner behaviour is tested in `scan_tests.rs` beside this file.
#[cfg(test)]
#[path = "scan_tests.rs"]
mod tests;
