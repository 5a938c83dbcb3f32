//! What surrounds an expression: URLs to skip, the relation word attached to it, its sentence.

use super::Relation;
use super::lexicon::{is_space, starts_with};

/// Marks the characters of URLs (`http…`, `www.…`): dates inside them are not expressions.
pub fn url_mask(chars: &[char]) -> Vec<bool> {
    let mut mask = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        let is_url = starts_with(rest, "http://")
            || starts_with(rest, "https://")
            || (starts_with(rest, "www.")
                && !chars
                    .get(i.wrapping_sub(1))
                    .is_some_and(char::is_ascii_alphanumeric));
        if !is_url {
            i += 1;
            continue;
        }
        let mut j = i;
        while chars.get(j).is_some_and(|c| c.is_ascii_graphic()) {
            mask[j] = true;
            j += 1;
        }
        i = j.max(i + 1);
    }
    mask
}

/// Up to `n` non-space characters after `end`.
fn following(chars: &[char], end: usize, n: usize) -> Vec<char> {
    chars
        .get(end..)
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|&c| !is_space(c))
        .take(n)
        .collect()
}

/// Up to `n` non-space characters before `start`, in reading order.
fn preceding(chars: &[char], start: usize, n: usize) -> Vec<char> {
    let mut out: Vec<char> = chars
        .get(..start)
        .unwrap_or_default()
        .iter()
        .rev()
        .copied()
        .filter(|&c| !is_space(c))
        .take(n)
        .collect();
    out.reverse();
    out
}

fn ends_with(chars: &[char], word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    chars.len() >= w.len() && chars[chars.len() - w.len()..] == w[..]
}

/// The relation word attached to an absolute date: 自…以来 (since), 截至 (until), …前 (before),
/// …后 (after), 从 (from), 到/至 (to). Words after the date win over words before it.
pub fn relation(chars: &[char], start: usize, end: usize) -> Option<Relation> {
    let after = following(chars, end, 3);
    const AFTER: &[(&str, Relation)] = &[
        ("以来", Relation::Since),
        ("至今", Relation::Since),
        ("起", Relation::Since),
        ("开始", Relation::Since),
        ("以前", Relation::Before),
        ("之前", Relation::Before),
        ("前后", Relation::Around),
        ("前", Relation::Before),
        ("以后", Relation::After),
        ("之后", Relation::After),
        ("后", Relation::After),
    ];
    if let Some((_, rel)) = AFTER.iter().find(|(w, _)| starts_with(&after, w)) {
        return (*rel != Relation::Around).then_some(*rel);
    }
    let before = preceding(chars, start, 3);
    const BEFORE: &[(&str, Relation)] = &[
        ("截至", Relation::Until),
        ("截止", Relation::Until),
        ("截止到", Relation::Until),
        ("自从", Relation::Since),
        ("自", Relation::Since),
        ("从", Relation::From),
        ("由", Relation::From),
        ("到", Relation::To),
        ("至", Relation::To),
        ("直到", Relation::To),
    ];
    BEFORE
        .iter()
        .find(|(w, _)| ends_with(&before, w))
        .map(|(_, rel)| *rel)
}

/// Whether a character ends a sentence.
pub fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '\n')
}

/// The sentence around `[start, end)` of `text` (byte offsets), cut at 。！？ and block ends,
/// with surrounding spaces trimmed.
pub fn sentence_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let head = text.get(..start).unwrap_or_default();
    let s = head
        .char_indices()
        .rev()
        .find(|&(_, c)| ends_sentence(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let tail = text.get(end..).unwrap_or_default();
    let e = tail
        .char_indices()
        .find(|&(_, c)| ends_sentence(c))
        .map_or(text.len(), |(i, c)| {
            if c == '\n' {
                end + i
            } else {
                end + i + c.len_utf8()
            }
        });
    let slice = text.get(s..e).unwrap_or_default();
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    (s + lead, (e - trail).max(s + lead))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cs(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn relations_around_a_date() {
        let t = cs("自 2013 年以来，截至2022 年底，从2013年到2018年");
        assert_eq!(relation(&t, 2, 8), Some(Relation::Since));
        let t = cs("截至2022 年底，");
        assert_eq!(relation(&t, 2, 9), Some(Relation::Until));
        let t = cs("从2013年到2018年");
        assert_eq!(relation(&t, 1, 6), Some(Relation::From));
        assert_eq!(relation(&t, 7, 12), Some(Relation::To));
        let t = cs("2030年前后");
        assert_eq!(relation(&t, 0, 5), None);
    }

    #[test]
    fn urls_are_masked() {
        let t = cs("见http://x.cn/2023-05/19/a.htm。2023年");
        let mask = url_mask(&t);
        assert!(mask[14]);
        assert!(!mask[t.len() - 1]);
    }

    #[test]
    fn sentences_cut_at_terminal_punctuation() {
        let text = "前一句。2024年，较上年增加！后一句";
        let start = text.find("上年").unwrap_or(0);
        let (s, e) = sentence_bounds(text, start, start + 6);
        assert_eq!(&text[s..e], "2024年，较上年增加！");
    }
}
