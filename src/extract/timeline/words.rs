//! Relative markers (近…来, 未来…, …前) and English month names.

use super::lexicon::starts_with;
use super::value::Direction;

/// A relative marker before a count, ending just before `i` (spaces allowed between):
/// its direction and where it starts.
pub fn relative_prefix(
    chars: &[char],
    i: usize,
    is_space: fn(char) -> bool,
) -> Option<(Direction, usize)> {
    const WORDS: &[(&str, Direction)] = &[
        ("最近", Direction::SpanBefore),
        ("过去", Direction::SpanBefore),
        ("过往", Direction::SpanBefore),
        ("近", Direction::SpanBefore),
        ("未来", Direction::SpanAfter),
        ("今后", Direction::SpanAfter),
        ("下一个", Direction::SpanAfter),
        ("下个", Direction::SpanAfter),
    ];
    let mut end = i;
    while end > 0 && chars.get(end - 1).copied().is_some_and(is_space) {
        end -= 1;
    }
    WORDS.iter().find_map(|(w, direction)| {
        let len = w.chars().count();
        let start = end.checked_sub(len)?;
        starts_with(chars.get(start..)?, w).then_some((*direction, start))
    })
}

/// A relative marker after the unit at `k`: direction, whether it is measured from a date in
/// the same sentence (间, 中, 内), and its length.
pub fn relative_suffix(
    chars: &[char],
    k: usize,
    is_ideograph: fn(char) -> bool,
) -> Option<(Direction, bool, usize)> {
    const WORDS: &[(&str, Direction, bool)] = &[
        ("以来", Direction::SpanBefore, false),
        ("来", Direction::SpanBefore, false),
        ("以前", Direction::PointBefore, false),
        ("之前", Direction::PointBefore, false),
        ("以后", Direction::PointAfter, false),
        ("之后", Direction::PointAfter, false),
        ("之间", Direction::SpanBefore, true),
        ("以内", Direction::SpanBefore, true),
        ("之内", Direction::SpanBefore, true),
        ("前", Direction::PointBefore, false),
        ("后", Direction::PointAfter, false),
        ("间", Direction::SpanBefore, true),
        ("内", Direction::SpanBefore, true),
        ("里", Direction::SpanBefore, true),
        ("中", Direction::SpanBefore, true),
    ];
    let rest = chars.get(k..)?;
    let (direction, local, len) = WORDS
        .iter()
        .find_map(|(w, d, local)| starts_with(rest, w).then(|| (*d, *local, w.chars().count())))?;
    let next = rest.get(len).copied();
    // 年中亚 / 年中国: the 中 begins the next word; 前后 is "about", not "before".
    if (rest.first() == Some(&'中') && next.is_some_and(is_ideograph))
        || (rest.first() == Some(&'前') && next == Some('后'))
        || (rest.first() == Some(&'里') && next.is_some_and(is_ideograph))
    {
        return None;
    }
    Some((direction, local, len))
}

/// An English month name or abbreviation at the start of `chars`: month number and length.
pub fn english_month(chars: &[char]) -> Option<(u8, usize)> {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let word_len = chars.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if word_len < 3 {
        return None;
    }
    let word: String = chars.iter().take(word_len).collect();
    let month = NAMES.iter().position(|name| {
        *name == word
            || (word_len <= 4 && name.starts_with(&word) && (word_len == 3 || word == "Sept"))
    })?;
    let abbreviated = word != NAMES[month];
    let len = if abbreviated && chars.get(word_len) == Some(&'.') {
        word_len + 1
    } else {
        word_len
    };
    Some((u8::try_from(month + 1).ok()?, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cs(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn english_months() {
        assert_eq!(english_month(&cs("March 18")), Some((3, 5)));
        assert_eq!(english_month(&cs("Sept. 5")), Some((9, 5)));
        assert_eq!(english_month(&cs("Mar. 5")), Some((3, 4)));
        assert_eq!(english_month(&cs("Marching")), None);
        assert_eq!(english_month(&cs("Ma")), None);
    }

    #[test]
    fn suffix_zhong_needs_a_boundary() {
        let ideo = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        assert!(relative_suffix(&cs("中，"), 0, ideo).is_some());
        assert!(relative_suffix(&cs("中亚"), 0, ideo).is_none());
        assert_eq!(
            relative_suffix(&cs("以来，"), 0, ideo).map(|s| s.2),
            Some(2)
        );
    }
}
