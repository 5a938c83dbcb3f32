//! Where an entry sits on a date axis: the stretch of time its value covers, in fractional
//! years (2023.5 is the start of July 2023), narrowed by a written sub-period (年底 is the last
//! quarter of the year) and marked uncertain when the text is.

use crate::extract::timeline::{Date, DateValue, Part, TimelineEntry};

/// A stretch of time `[start, end)` in fractional years.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub start: f64,
    pub end: f64,
}

impl Interval {
    pub fn width(self) -> f64 {
        self.end - self.start
    }

    pub fn mid(self) -> f64 {
        (self.start + self.end) / 2.0
    }

    /// The part `[from, to]` (shares of the width) of this interval.
    fn share(self, from: f64, to: f64) -> Self {
        let w = self.width();
        Self {
            start: self.start + w * from,
            end: self.start + w * to,
        }
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_year(year: i32) -> f64 {
    if is_leap(year) { 366.0 } else { 365.0 }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days before the first of `month` in `year`.
fn days_before(year: i32, month: u8) -> f64 {
    (1..month).map(|m| f64::from(days_in_month(year, m))).sum()
}

/// The fractional year at which the day `(year, month, day)` begins.
pub fn position(year: i32, month: u8, day: u8) -> f64 {
    let month = month.clamp(1, 12);
    let day = day.clamp(1, days_in_month(year, month));
    f64::from(year) + (days_before(year, month) + f64::from(day) - 1.0) / days_in_year(year)
}

/// The calendar date at a fractional year (for labels and the date-range filter).
pub fn date_at(pos: f64) -> Date {
    let year = pos.floor() as i32;
    let mut day_of_year = ((pos - f64::from(year)) * days_in_year(year)).floor() as i64;
    let mut month = 1u8;
    while month < 12 && day_of_year >= i64::from(days_in_month(year, month)) {
        day_of_year -= i64::from(days_in_month(year, month));
        month += 1;
    }
    let day = u8::try_from(day_of_year + 1).unwrap_or(1);
    Date {
        year,
        month: Some(month),
        day: Some(day.min(days_in_month(year, month))),
    }
}

/// The stretch one date covers: a year, a month or a day.
fn date_interval(d: Date) -> Interval {
    match (d.month, d.day) {
        (Some(m), Some(day)) => {
            let start = position(d.year, m, day);
            Interval {
                start,
                end: start + 1.0 / days_in_year(d.year),
            }
        }
        (Some(m), None) => {
            let start = position(d.year, m, 1);
            let end = if m == 12 {
                f64::from(d.year + 1)
            } else {
                position(d.year, m + 1, 1)
            };
            Interval { start, end }
        }
        _ => Interval {
            start: f64::from(d.year),
            end: f64::from(d.year + 1),
        },
    }
}

/// The stretch a value covers; `None` for a relative value that was not resolved.
pub fn value_interval(value: &DateValue) -> Option<Interval> {
    match *value {
        DateValue::Point(d) => Some(date_interval(d)),
        DateValue::Range(a, b) => {
            let (a, b) = (date_interval(a), date_interval(b));
            Some(Interval {
                start: a.start.min(b.start),
                end: a.end.max(b.end),
            })
        }
        DateValue::Decade(y) => Some(Interval {
            start: f64::from(y),
            end: f64::from(y + 10),
        }),
        DateValue::Century(c) => {
            let first = (c - 1) * 100 + 1;
            Some(Interval {
                start: f64::from(first),
                end: f64::from(first + 100),
            })
        }
        DateValue::Relative { .. } => None,
    }
}

/// The share of a period a sub-period word names (年底: the last quarter, 秋天: Sep–Nov).
fn narrow(iv: Interval, part: Part) -> Interval {
    let (from, to) = match part {
        Part::Early => (0.0, 0.25),
        Part::Mid => (0.33, 0.67),
        Part::End => (0.75, 1.0),
        Part::Q1 => (0.0, 0.25),
        Part::Q2 => (0.25, 0.5),
        Part::Q3 => (0.5, 0.75),
        Part::Q4 => (0.75, 1.0),
        Part::H1 => (0.0, 0.5),
        Part::H2 => (0.5, 1.0),
        Part::Spring => (2.0 / 12.0, 5.0 / 12.0),
        Part::Summer => (5.0 / 12.0, 8.0 / 12.0),
        Part::Autumn => (8.0 / 12.0, 11.0 / 12.0),
        Part::Winter => (11.0 / 12.0, 14.0 / 12.0),
    };
    iv.share(from, to)
}

/// Where an entry goes on the axis and how sure the text is of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    pub interval: Interval,
    /// Vague (decade, century, relative), approximate (左右, 约) or a sub-period (初/中/末):
    /// drawn faded over the whole stretch it may mean.
    pub uncertain: bool,
    /// A point date (a year, a month, a day): a mark, never a bar; ranges, decades and
    /// centuries are bars once they are wide enough to see.
    pub point: bool,
}

/// Place an entry: its value, or for a relative expression its resolved value.
pub fn place(entry: &TimelineEntry) -> Option<Placement> {
    let value = match entry.value {
        DateValue::Relative { .. } => entry.resolved?,
        v => v,
    };
    let point = matches!(value, DateValue::Point(_));
    let mut interval = value_interval(&value)?;
    if let Some(part) = entry.part {
        interval = narrow(interval, part);
    }
    Some(Placement {
        interval,
        uncertain: entry.vague || entry.approx || entry.part.is_some(),
        point,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_months_and_years_cover_their_stretch() {
        let day = value_interval(&DateValue::Point(Date {
            year: 2023,
            month: Some(5),
            day: Some(18),
        }))
        .expect("test data");
        assert!((day.start - (2023.0 + 137.0 / 365.0)).abs() < 1e-9);
        assert!((day.width() - 1.0 / 365.0).abs() < 1e-9);
        let month = value_interval(&DateValue::Point(Date::month(2023, 12))).expect("test data");
        assert!((month.end - 2024.0).abs() < 1e-9);
        let decade = value_interval(&DateValue::Decade(1990)).expect("test data");
        assert_eq!((decade.start, decade.end), (1990.0, 2000.0));
        let century = value_interval(&DateValue::Century(21)).expect("test data");
        assert_eq!((century.start, century.end), (2001.0, 2101.0));
    }

    #[test]
    fn a_range_spans_from_its_first_to_the_end_of_its_last_date() {
        let r = value_interval(&DateValue::Range(Date::year(1983), Date::year(1985)))
            .expect("test data");
        assert_eq!((r.start, r.end), (1983.0, 1986.0));
    }

    #[test]
    fn date_at_inverts_position() {
        for (y, m, d) in [(2023, 5, 18), (2024, 2, 29), (1999, 12, 31), (2000, 1, 1)] {
            let back = date_at(position(y, m, d) + 1e-6);
            assert_eq!((back.year, back.month, back.day), (y, Some(m), Some(d)));
        }
    }

    #[test]
    fn sub_periods_narrow_the_year() {
        let year = value_interval(&DateValue::Point(Date::year(2005))).expect("test data");
        let end = narrow(year, Part::End);
        assert_eq!((end.start, end.end), (2005.75, 2006.0));
        let h1 = narrow(year, Part::H1);
        assert_eq!((h1.start, h1.end), (2005.0, 2005.5));
    }
}
