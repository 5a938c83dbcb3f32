//! The scanner's less common forms: ranges after a date, year-less months, centuries and
//! decades, relative counts, deictic words, English dates.

use super::super::lexicon::{self, is_ideograph, is_space, tail_part};
use super::super::numerals::{self, Number};
use super::super::value::{DateValue, Direction, Unit};
use super::super::words::{english_month, relative_prefix, relative_suffix};
use super::{CONNECTORS, Found, PointSpec, Scanner, Shape, Tail, YearSpec};

impl Scanner<'_> {
    /// `至 2025 年`, `至 19 日`, `—6 月` after a complete date.
    pub(super) fn range_end(&self, e: usize, start: &PointSpec) -> Option<(PointSpec, usize)> {
        let k = self.skip_space(e);
        let c = self.ch(k)?;
        if !CONNECTORS.contains(&c) || c == '至' && self.is(k + 1, '今') {
            return None;
        }
        let q = self.skip_space(k + 1);
        let n = numerals::number_at(self.chars, q)?;
        let u = self.skip_space(n.end);
        if n.digits == 4 && self.is(u, '年') {
            let year = i32::try_from(n.value).ok()?;
            let tail = self.tail(u + 1);
            let end = Self::point(YearSpec::Known(year), &tail);
            return (tail.part.is_none() && tail.month_end.is_none()).then_some((end, tail.end));
        }
        if start.day.is_some()
            && (1..=31).contains(&n.value)
            && matches!(self.ch(u), Some('日' | '号'))
        {
            let end = PointSpec {
                year: YearSpec::SameAsStart,
                day: u8::try_from(n.value).ok(),
                ..*start
            };
            return Some((end, u + 1));
        }
        if start.month.is_some() && (1..=12).contains(&n.value) && self.is(u, '月') {
            let tail = self.tail_from_month(n, u + 1);
            let end = PointSpec {
                year: YearSpec::SameAsStart,
                month: u8::try_from(n.value).ok(),
                day: tail.day,
            };
            return Some((end, tail.end));
        }
        None
    }

    /// The day after a month already read (`月` ends before `k`).
    pub(super) fn tail_from_month(&self, m: Number, k: usize) -> Tail {
        let q = self.skip_space(k);
        let mut tail = Tail {
            month: u8::try_from(m.value).ok(),
            end: k,
            ..Tail::default()
        };
        if let Some(d) = numerals::number_at(self.chars, q).filter(|d| (1..=31).contains(&d.value))
        {
            let e = self.skip_space(d.end);
            if matches!(self.ch(e), Some('日' | '号')) {
                tail.day = u8::try_from(d.value).ok();
                tail.end = e + 1;
            }
        }
        tail
    }

    /// `5 月 18 日`, `4月`, `5 月 18 日至 19 日`, `1—6 月`: the year comes from context.
    pub(super) fn month_led(&self, i: usize, n: Number) -> Option<Found> {
        if !(1..=12).contains(&n.value) {
            return None;
        }
        // Read as the tail of a year whose `年` sits just before `i`.
        let tail = self.tail(i);
        tail.month?;
        Some(self.with_range(
            i,
            PointSpec {
                year: YearSpec::Unwritten,
                month: tail.month,
                day: tail.day,
            },
            tail,
        ))
    }

    /// `21 世纪`, `20 世纪 90 年代`, `二十一世纪初`.
    pub(super) fn century(&self, i: usize, n: Number) -> Option<Found> {
        let k = self.skip_space(n.end);
        if !self.is(k, '世') || !self.is(k + 1, '纪') || !(1..=30).contains(&n.value) {
            return None;
        }
        let century = i32::try_from(n.value).ok()?;
        Some(self.century_tail(i, k + 2, century))
    }

    /// After `世纪`: an optional `NN 年代` or a sub-period.
    pub(super) fn century_tail(&self, i: usize, k: usize, century: i32) -> Found {
        let q = self.skip_space(k);
        if let Some(d) = numerals::number_at(self.chars, q)
            && d.value % 10 == 0
            && d.value < 100
        {
            let e = self.skip_space(d.end);
            if self.is(e, '年') && self.is(e + 1, '代') {
                let decade = (century - 1) * 100 + i32::try_from(d.value).unwrap_or(0);
                return self.decade_found(i, e + 2, decade);
            }
        }
        let (part, end) = match tail_part(&self.chars[k.min(self.chars.len())..]) {
            Some((part, len)) => (Some(part), k + len),
            None => (None, k),
        };
        self.found_part(i, end, Shape::Fixed(DateValue::Century(century)), part)
    }

    /// `90 年代` without a century: the 20th century for 20–90, the 21st for 00–10.
    pub(super) fn decade(&self, i: usize, n: Number) -> Option<Found> {
        let k = self.skip_space(n.end);
        if !self.is(k, '年')
            || !self.is(k + 1, '代')
            || !n.value.is_multiple_of(10)
            || n.value >= 100
        {
            return None;
        }
        let base = if n.value >= 20 { 1900 } else { 2000 };
        let decade = base + i32::try_from(n.value).ok()?;
        Some(self.decade_found(i, k + 2, decade))
    }

    /// A decade ending at `end`, with a sub-period if one follows (八十年代初).
    pub(super) fn decade_found(&self, i: usize, end: usize, decade: i32) -> Found {
        let shape = Shape::Fixed(DateValue::Decade(decade));
        match tail_part(&self.chars[end.min(self.chars.len())..]) {
            Some((part, len)) => self.found_part(i, end + len, shape, Some(part)),
            None => self.found(i, end, shape),
        }
    }

    /// `近 10 年来`, `31 年前`, `未来 3 年`, `两千多年前`, `三个月内`.
    pub(super) fn relative(&self, i: usize, n: Number) -> Option<Found> {
        let mut k = self.skip_space(n.end);
        let mut approx = false;
        if matches!(self.ch(k), Some('多' | '余')) {
            approx = true;
            k = self.skip_space(k + 1);
        }
        let unit = if self.is(k, '个') {
            k = self.skip_space(k + 1);
            if matches!(self.ch(k), Some('多' | '余')) {
                approx = true;
                k = self.skip_space(k + 1);
            }
            self.is(k, '月').then_some(Unit::Month)?
        } else {
            self.is(k, '年').then_some(Unit::Year)?
        };
        let mut end = k + 1;
        if self.is(self.skip_space(end), '多') {
            approx = true;
            end = self.skip_space(end) + 1;
        }
        let prefix = relative_prefix(self.chars, i, is_space);
        let suffix = relative_suffix(self.chars, self.skip_space(end), is_ideograph);
        let (direction, local) = match (prefix, suffix) {
            (Some((Direction::SpanAfter, _)), _) => (Direction::SpanAfter, true),
            (_, Some((direction, local, _))) => (direction, local),
            (Some((direction, _)), None) => (direction, false),
            (None, None) => return None,
        };
        let start = prefix.map_or(i, |(_, s)| s);
        if let Some((_, _, len)) = suffix {
            end = self.skip_space(end) + len;
        }
        let shape = Shape::Relative {
            count: n.value,
            unit,
            direction,
            local,
        };
        Some(Found {
            start,
            end,
            shape,
            part: None,
            approx,
        })
    }

    /// `今年`, `去年底`, `同年9月`, `今年 3 月底`, `上月`, `本世纪`.
    pub(super) fn deictic(&self, i: usize) -> Option<Found> {
        let rest = &self.chars[i..];
        if let Some((count, direction, len)) = lexicon::deictic_month(rest) {
            let shape = Shape::Relative {
                count,
                unit: Unit::Month,
                direction,
                local: false,
            };
            return Some(self.found(i, i + len, shape));
        }
        if let Some((offset, len)) = lexicon::deictic_century(rest) {
            let k = i + len;
            let q = self.skip_space(k);
            if let Some(d) = numerals::number_at(self.chars, q)
                && offset == -1
                && d.value % 10 == 0
                && d.value < 100
                && self.is(self.skip_space(d.end), '年')
                && self.is(self.skip_space(d.end) + 1, '代')
            {
                let decade = 1900 + i32::try_from(d.value).ok()?;
                return Some(self.found(
                    i,
                    self.skip_space(d.end) + 2,
                    Shape::Fixed(DateValue::Decade(decade)),
                ));
            }
            return Some(self.found(i, k, Shape::ReferenceCentury(offset)));
        }
        let prev = i.checked_sub(1).and_then(|p| self.ch(p));
        let (year, len) = lexicon::deictic_year(rest, prev)?;
        let tail = self.tail(i + len);
        let start = Self::point(year, &tail);
        Some(self.with_range(i, start, tail))
    }

    /// `March 18, 2025`, `Mar. 2025`.
    pub(super) fn english(&self, i: usize) -> Option<Found> {
        let (month, len) = english_month(&self.chars[i..])?;
        let mut k = self.skip_space(i + len);
        let mut day = None;
        if let Some(d) = numerals::arabic_at(self.chars, k)
            .filter(|d| d.digits <= 2 && (1..=31).contains(&d.value))
        {
            day = u8::try_from(d.value).ok();
            k = d.end;
            if self.is(k, ',') {
                k += 1;
            }
            k = self.skip_space(k);
        }
        let y = numerals::arabic_at(self.chars, k).filter(|y| y.digits == 4)?;
        if self.ch(y.end).is_some_and(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        let spec = PointSpec {
            year: YearSpec::Known(i32::try_from(y.value).ok()?),
            month: Some(month),
            day,
        };
        Some(self.found(i, y.end, Shape::Point(spec)))
    }

    /// `18 March 2025`.
    pub(super) fn english_day_first(&self, i: usize, n: Number) -> Option<Found> {
        if n.digits == 0 || n.digits > 2 || !(1..=31).contains(&n.value) || !self.is(n.end, ' ') {
            return None;
        }
        let (month, len) = english_month(&self.chars[n.end + 1..])?;
        let k = self.skip_space(n.end + 1 + len);
        let y = numerals::arabic_at(self.chars, k).filter(|y| y.digits == 4)?;
        let spec = PointSpec {
            year: YearSpec::Known(i32::try_from(y.value).ok()?),
            month: Some(month),
            day: u8::try_from(n.value).ok(),
        };
        Some(self.found(i, y.end, Shape::Point(spec)))
    }
}
