//! The one time format stamps are written in, `2026-12-07T11:20:00.123Z`, read and written
//! without a general RFC 3339 parser: a file of 10,000 annotations holds ~40,000 stamps, and
//! `time`'s parser and formatter made them a third of the load and save time. Anything else
//! (other offsets, other precisions) is left to `time` by the caller; the tests pin both
//! directions to `time`.

/// Milliseconds since the Unix epoch of `YYYY-MM-DDTHH:MM:SS.mmmZ`, or `None` for any other
/// shape (or a field out of range).
pub fn parse(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() != 24 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    if b[16] != b':' || b[19] != b'.' || b[23] != b'Z' {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<i64> {
        let digits = b.get(from..to)?;
        digits.iter().try_fold(0i64, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0'))
        })
    };
    let (y, mo, d) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (h, mi, s, ms) = (num(11, 13)?, num(14, 16)?, num(17, 19)?, num(20, 23)?);
    let valid_day = (1..=days_in_month(y, mo)).contains(&d);
    if !(1..=12).contains(&mo) || !valid_day || h > 23 || mi > 59 || s > 59 {
        return None;
    }
    let days = days_from_civil(y, mo, d);
    Some((((days * 24 + h) * 60 + mi) * 60 + s) * 1000 + ms)
}

/// `ms` as `YYYY-MM-DDTHH:MM:SS.mmmZ` (years 0–9999; others are clamped).
pub fn format(ms: i64) -> String {
    const MIN: i64 = -62_167_219_200_000; // 0000-01-01
    const MAX: i64 = 253_402_300_799_999; // 9999-12-31T23:59:59.999
    let ms = ms.clamp(MIN, MAX);
    let days = ms.div_euclid(86_400_000);
    let in_day = ms.rem_euclid(86_400_000);
    let (y, mo, d) = civil_from_days(days);
    let (h, mi) = (in_day / 3_600_000, in_day / 60_000 % 60);
    let (s, milli) = (in_day / 1000 % 60, in_day % 1000);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{milli:03}Z")
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use time::OffsetDateTime;
    use time::format_description::well_known::Rfc3339;

    use super::*;

    fn by_time(ms: i64) -> OffsetDateTime {
        let nanos = i128::from(ms) * 1_000_000;
        OffsetDateTime::from_unix_timestamp_nanos(nanos).expect("in range")
    }

    proptest! {
        #[test]
        fn agrees_with_time(ms in -62_167_219_200_000i64..253_402_300_799_999) {
            let text = format(ms);
            let parsed = OffsetDateTime::parse(&text, &Rfc3339).expect("time reads it");
            prop_assert_eq!(parsed, by_time(ms));
            prop_assert_eq!(parse(&text), Some(ms));
        }
    }

    #[test]
    fn other_shapes_are_left_to_time() {
        assert_eq!(parse("2026-11-22T10:15:00Z"), None);
        assert_eq!(parse("2026-02-30T10:15:00.000Z"), None);
        assert_eq!(parse("2026-11-22T10:15:00.000+08:00"), None);
        assert_eq!(parse("2024-02-29T23:59:59.999Z"), Some(1_709_251_199_999));
    }
}
