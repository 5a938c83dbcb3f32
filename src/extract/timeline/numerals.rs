//! Numbers as written in Chinese text: ASCII and full-width digits, digit-by-digit Chinese years
//! (二〇二二) and place-value Chinese numerals (三十, 两千, 十四).

/// The value of an ASCII or full-width digit.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

pub fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// A Chinese digit (not a place unit).
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '○' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn cn_unit(c: char) -> Option<u32> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        '万' => 10_000,
        _ => return None,
    })
}

/// Any character that can be part of a Chinese numeral.
pub fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || cn_unit(c).is_some()
}

/// A parsed number: its value, where it ends (exclusive char index) and how it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    pub value: u32,
    pub end: usize,
    /// Count of digits for Arabic numbers and digit-by-digit Chinese numbers; 0 for place-value
    /// Chinese numerals (三十), which never write a calendar year.
    pub digits: usize,
}

/// ASCII or full-width digits starting at `i`.
pub fn arabic_at(chars: &[char], i: usize) -> Option<Number> {
    let mut value: u32 = 0;
    let mut j = i;
    while let Some(d) = chars.get(j).copied().and_then(digit_value) {
        value = value.saturating_mul(10).saturating_add(d);
        j += 1;
    }
    (j > i).then_some(Number {
        value,
        end: j,
        digits: j - i,
    })
}

/// Four Chinese digits written one by one (二〇二二), as a calendar year.
pub fn cn_year_at(chars: &[char], i: usize) -> Option<Number> {
    let mut value = 0;
    for k in 0..4 {
        let c = *chars.get(i + k)?;
        if c == '两' {
            return None;
        }
        value = value * 10 + cn_digit(c)?;
    }
    if chars.get(i + 4).copied().is_some_and(is_cn_numeral) {
        return None;
    }
    Some(Number {
        value,
        end: i + 4,
        digits: 4,
    })
}

/// A place-value Chinese numeral (十四, 三十一, 两千, 一百二十), strictly formed: every unit
/// except a leading 十 follows a digit, so vague words such as 千百 are not numbers.
pub fn cn_number_at(chars: &[char], i: usize) -> Option<Number> {
    let mut total: u32 = 0;
    let mut pending: Option<u32> = None;
    let mut j = i;
    let mut last_unit = u32::MAX;
    while let Some(&c) = chars.get(j) {
        if let Some(d) = cn_digit(c) {
            if pending.is_some() {
                break;
            }
            pending = Some(d);
        } else if let Some(unit) = cn_unit(c) {
            let digit = match pending.take() {
                Some(d) => d,
                None if j == i && unit == 10 => 1,
                None => break,
            };
            if unit >= last_unit {
                break;
            }
            last_unit = unit;
            total += digit * unit;
        } else {
            break;
        }
        j += 1;
    }
    if j == i {
        return None;
    }
    total += pending.unwrap_or(0);
    Some(Number {
        value: total,
        end: j,
        digits: 0,
    })
}

/// Any number at `i`: Arabic, then a digit-by-digit Chinese year, then a place-value numeral.
pub fn number_at(chars: &[char], i: usize) -> Option<Number> {
    arabic_at(chars, i)
        .or_else(|| cn_year_at(chars, i))
        .or_else(|| cn_number_at(chars, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cs(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn place_value_numerals() {
        for (text, value) in [
            ("三十年", 30),
            ("十四日", 14),
            ("三十一", 31),
            ("两千多", 2000),
            ("一百二十", 120),
            ("五", 5),
            ("十", 10),
        ] {
            assert_eq!(
                cn_number_at(&cs(text), 0).map(|n| n.value),
                Some(value),
                "{text}"
            );
        }
        assert_eq!(cn_number_at(&cs("千百年"), 0), None);
    }

    #[test]
    fn digit_years_and_arabic() {
        assert_eq!(
            cn_year_at(&cs("二〇二二年"), 0).map(|n| n.value),
            Some(2022)
        );
        assert_eq!(
            cn_year_at(&cs("一九九七年"), 0).map(|n| n.value),
            Some(1997)
        );
        assert_eq!(cn_year_at(&cs("三十年"), 0), None);
        let n = arabic_at(&cs("２０２４年"), 0);
        assert_eq!(n.map(|n| (n.value, n.digits)), Some((2024, 4)));
    }
}
