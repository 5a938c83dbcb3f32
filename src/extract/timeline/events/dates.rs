//! The dates of mentions as day intervals: when one is inside the other (compatible), and when
//! two differ by so little that strongly similar sentences still tell of one event, dated
//! differently by their documents (a disagreement worth showing).

use super::super::value::{Date, DateValue};

/// A day-resolution interval `[start, end]` as `yyyymmdd` numbers.
pub(super) type Span = (u32, u32);

fn day_number(d: Date, last: bool) -> Option<u32> {
    let year = u32::try_from(d.year).ok()?;
    let month = d.month.map_or(if last { 12 } else { 1 }, u32::from);
    let day = d.day.map_or(if last { 31 } else { 1 }, u32::from);
    Some(year * 10_000 + month * 100 + day)
}

/// The interval an absolute date covers; `None` for relative, decade and century values,
/// which are too vague to say two mentions are one event.
pub(super) fn span_of(value: &DateValue) -> Option<Span> {
    match *value {
        DateValue::Point(d) => Some((day_number(d, false)?, day_number(d, true)?)),
        DateValue::Range(a, b) => Some((day_number(a, false)?, day_number(b, true)?)),
        _ => None,
    }
}

/// One interval inside the other, the wider at most a calendar year long: a ten-year plan
/// contains every event of its decade without being any of them.
pub(super) fn nested(a: Span, b: Span) -> bool {
    let (inner, outer) = if a.1 - a.0 <= b.1 - b.0 {
        (a, b)
    } else {
        (b, a)
    };
    inner.0 >= outer.0 && inner.1 <= outer.1 && outer.1 - outer.0 < 10_000
}

/// Two intervals of the same length class that are not nested but close: days of one month
/// at most a week apart, months of one year at most two apart, adjacent years, or the same
/// day or month in adjacent years (2023年5月18日 against 5月19日, 2013 against 2014).
pub(super) fn close(a: Span, b: Span) -> bool {
    if nested(a, b) {
        return false;
    }
    let len = |s: Span| s.1 - s.0;
    let (la, lb) = (len(a), len(b));
    let (ya, yb) = (a.0 / 10_000, b.0 / 10_000);
    let (ma, mb) = ((a.0 / 100) % 100, (b.0 / 100) % 100);
    let (da, db) = (a.0 % 100, b.0 % 100);
    let one_year_apart = ya.abs_diff(yb) == 1;
    if la == 0 && lb == 0 {
        // Days.
        (ya == yb && ma == mb && da.abs_diff(db) <= 7) || (one_year_apart && ma == mb && da == db)
    } else if la < 100 && lb < 100 && da == 1 && db == 1 {
        // Months.
        (ya == yb && ma.abs_diff(mb) <= 2) || (one_year_apart && ma == mb)
    } else if ma == 1 && mb == 1 && da == 1 && db == 1 && la == 1130 && lb == 1130 {
        // Years (0101 to 1231).
        one_year_apart
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str) -> Span {
        let d = Date::parse(text).expect("test data");
        span_of(&DateValue::Point(d)).expect("test data")
    }

    #[test]
    fn close_dates_are_near_but_not_nested() {
        assert!(close(span("2023-05-18"), span("2023-05-19")));
        assert!(close(span("2013"), span("2014")));
        assert!(close(span("2023-05"), span("2023-06")));
        assert!(close(span("2022-05-18"), span("2023-05-18")));
        assert!(
            !close(span("2023-05-18"), span("2023-05")),
            "nested: compatible"
        );
        assert!(!close(span("2023-05-01"), span("2023-05-20")));
        assert!(!close(span("2013"), span("2016")));
        assert!(!close(span("2023-05-18"), span("2023-06-18")));
    }
}
