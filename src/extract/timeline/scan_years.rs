//! The scanner's forms led by a year in digits: `YYYY年…`, year ranges, numeric dates
//! (`2022-7-10`) and bare four-digit years.

use super::super::lexicon::{self, CONNECTORS, is_ident_char};
use super::super::numerals::{self, Number};
use super::{Found, PointSpec, Scanner, Shape, YearSpec};

impl Scanner<'_> {
    /// `YYYY年…`, `YYYY—YYYY年`, `YYYY-MM-DD`, or a bare year.
    pub(super) fn year_led(&self, i: usize, n: Number) -> Option<Found> {
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
}
