//! Normalized date values and their text form (gold/README.md "Normalization scheme"), and
//! where a written date's year comes from ([`YearSpec`]).

use std::fmt;

use serde::{Deserialize, Serialize};

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

/// A calendar date at year, month or day precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Date {
    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    pub fn month(year: i32, month: u8) -> Self {
        Self {
            year,
            month: Some(month),
            day: None,
        }
    }

    /// Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (also with `/` or `.`, one-digit months/days).
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().split(['-', '/', '.']);
        let year: i32 = parts.next()?.parse().ok()?;
        let month = parts.next().map(str::parse::<u8>).transpose().ok()?;
        let day = parts.next().map(str::parse::<u8>).transpose().ok()?;
        if parts.next().is_some()
            || !(1..=9999).contains(&year)
            || month.is_some_and(|m| !(1..=12).contains(&m))
            || day.is_some_and(|d| !(1..=31).contains(&d))
        {
            return None;
        }
        Some(Self { year, month, day })
    }

    /// Months since year 0, for adding and subtracting months.
    fn month_index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month.unwrap_or(1)) - 1
    }

    /// This date moved by `years` and `months`, keeping its precision (days are dropped when
    /// months move, since the target month may be shorter).
    pub fn shifted(self, years: i32, months: i32) -> Self {
        if months == 0 {
            return Self {
                year: self.year + years,
                ..self
            };
        }
        let idx = self.month_index() + i64::from(years) * 12 + i64::from(months);
        let year = i32::try_from(idx.div_euclid(12)).unwrap_or(self.year);
        let month = u8::try_from(idx.rem_euclid(12) + 1).unwrap_or(1);
        Self::month(year, month)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// Unit of a relative count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Unit {
    Year,
    Month,
}

/// How a relative expression relates to its reference point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Direction {
    /// A span ending at the reference: 近 10 年来, 三年内.
    SpanBefore,
    /// A span starting at the reference: 未来 3 年, 下一个十年.
    SpanAfter,
    /// A point before the reference: 31 年前, 上月.
    PointBefore,
    /// A point after the reference: 3 年后.
    PointAfter,
}

/// A normalized value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DateValue {
    Point(Date),
    Range(Date, Date),
    /// First year of the decade (1990 for 1990s).
    Decade(i32),
    /// Ordinal century (21 = 2001–2100).
    Century(i32),
    Relative {
        count: u32,
        unit: Unit,
        direction: Direction,
    },
}

/// What precision or kind a value has (gold `granularity`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Year,
    Month,
    Day,
    Decade,
    Century,
    Range,
    Relative,
}

impl Granularity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Year => "year",
            Self::Month => "month",
            Self::Day => "day",
            Self::Decade => "decade",
            Self::Century => "century",
            Self::Range => "range",
            Self::Relative => "relative",
        }
    }
}

impl DateValue {
    pub fn granularity(&self) -> Granularity {
        match self {
            Self::Point(d) if d.day.is_some() => Granularity::Day,
            Self::Point(d) if d.month.is_some() => Granularity::Month,
            Self::Point(_) => Granularity::Year,
            Self::Range(..) => Granularity::Range,
            Self::Decade(_) => Granularity::Decade,
            Self::Century(_) => Granularity::Century,
            Self::Relative { .. } => Granularity::Relative,
        }
    }

    /// The earliest date the value covers, for sorting (None for unresolved relatives).
    pub fn start(&self) -> Option<Date> {
        match *self {
            Self::Point(d) | Self::Range(d, _) => Some(d),
            Self::Decade(y) => Some(Date::year(y)),
            Self::Century(c) => Some(Date::year((c - 1) * 100 + 1)),
            Self::Relative { .. } => None,
        }
    }

    pub fn is_vague(&self) -> bool {
        matches!(
            self,
            Self::Decade(_) | Self::Century(_) | Self::Relative { .. }
        )
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Point(d) => write!(f, "{d}"),
            Self::Range(a, b) => write!(f, "{a}/{b}"),
            Self::Decade(y) => write!(f, "{y:04}s"),
            Self::Century(c) => write!(f, "{c}C"),
            Self::Relative {
                count,
                unit,
                direction,
            } => {
                let u = match unit {
                    Unit::Year => 'Y',
                    Unit::Month => 'M',
                };
                match direction {
                    Direction::SpanBefore => write!(f, "P{count}{u}-before-ref"),
                    Direction::SpanAfter => write!(f, "P{count}{u}-after-ref"),
                    Direction::PointBefore => write!(f, "ref-P{count}{u}"),
                    Direction::PointAfter => write!(f, "ref+P{count}{u}"),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_print_in_gold_syntax() {
        let d = |y, m, d| Date {
            year: y,
            month: m,
            day: d,
        };
        assert_eq!(
            DateValue::Point(d(2013, Some(9), None)).to_string(),
            "2013-09"
        );
        assert_eq!(
            DateValue::Range(d(2023, Some(5), Some(18)), d(2023, Some(5), Some(19))).to_string(),
            "2023-05-18/2023-05-19"
        );
        assert_eq!(DateValue::Decade(1990).to_string(), "1990s");
        assert_eq!(DateValue::Century(21).to_string(), "21C");
        let rel = DateValue::Relative {
            count: 31,
            unit: Unit::Year,
            direction: Direction::PointBefore,
        };
        assert_eq!(rel.to_string(), "ref-P31Y");
        assert_eq!(rel.granularity(), Granularity::Relative);
    }

    #[test]
    fn dates_parse_and_shift() {
        assert_eq!(
            Date::parse("2022-7-10").map(|d| d.to_string()),
            Some("2022-07-10".into())
        );
        assert_eq!(Date::parse("2023-13"), None);
        assert_eq!(Date::month(2023, 5).shifted(0, -1), Date::month(2023, 4));
        assert_eq!(Date::month(2023, 1).shifted(0, -1), Date::month(2022, 12));
        assert_eq!(Date::year(2024).shifted(1, 0), Date::year(2025));
    }
}
