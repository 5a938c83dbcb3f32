//! The forms a footnote number takes in Chinese publications (`[1]`, `^[1]`, `①`, `¹`, `注1`,
//! `（1）`) and the scan that finds markers in body text.

/// Which writing a marker or definition uses. Linking pairs a marker with a definition of the
/// same [`Class`] (see [`Form::class`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// `[1]`, `^[1]`.
    Bracket,
    /// `①`.
    Circled,
    /// `¹²`.
    Superscript,
    /// `注1`, `注①`.
    Zhu,
    /// `（1）`, only accepted where a matching definition exists.
    Paren,
    /// A bare number glued to the text (`系统2`), what pdftotext makes of a superscript, with
    /// its note at the bottom of the same page (`2 参见…`).
    Plain,
    /// `∗ † ‡ § ¶`, `*`, `**`, restarting on every page.
    Symbol,
    /// A Latin-1 character standing for a circled digit in a font without a Unicode map
    /// (`¬ ­ ® ¯ °` for ①–⑤); its number is its place in the document's run of them.
    Glyph,
}

/// Paren markers only ever link to paren definitions; all other forms link by number alone
/// (a `①` in the text may be defined as `注①`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    Paren,
    /// Page-bottom forms ([`Form::Plain`], [`Form::Symbol`], [`Form::Glyph`]): linked only on
    /// their page, by `zone`.
    Zone,
    Other,
}

impl Form {
    pub fn class(self) -> Class {
        match self {
            Self::Paren => Class::Paren,
            Self::Plain | Self::Symbol | Self::Glyph => Class::Zone,
            _ => Class::Other,
        }
    }
}

/// Number of a circled digit ①–⑳, ㉑–㉟, ㊱–㊿.
pub fn circled_value(c: char) -> Option<u32> {
    let v = u32::from(c);
    match v {
        0x2460..=0x2473 => Some(v - 0x2460 + 1),
        0x3251..=0x325F => Some(v - 0x3251 + 21),
        0x32B1..=0x32BF => Some(v - 0x32B1 + 36),
        _ => None,
    }
}

use crate::document::cleanup::note_zone;

/// Digit value of a superscript digit.
pub fn superscript_value(c: char) -> Option<u32> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(u32::from(c) - u32::from('⁴') + 4),
        _ => None,
    }
}

/// Number and form of a definition label as the cleanup wrote it (`[1]`, `^[2]`, `①`, `注 3：`,
/// `¹²`, `（1）`).
pub fn parse_label(label: &str) -> Option<(u32, Form)> {
    let label = label.trim();
    if let Some(rest) = label.strip_prefix('注') {
        let rest = rest.trim_start();
        let first = rest.chars().next()?;
        if let Some(v) = circled_value(first) {
            return Some((v, Form::Zhu));
        }
        return leading_number(rest).map(|(n, _)| (n, Form::Zhu));
    }
    let first = label.chars().next()?;
    if let Some(v) = circled_value(first) {
        return Some((v, Form::Circled));
    }
    let mixed = first.is_ascii_digit()
        && label[1..]
            .chars()
            .next()
            .is_some_and(|c| superscript_value(c).is_some());
    if superscript_value(first).is_some() || mixed {
        let mut n = 0u32;
        let digit = |c: char| superscript_value(c).or_else(|| c.to_digit(10));
        for c in label.chars().map_while(digit) {
            n = n.checked_mul(10)?.checked_add(c)?;
        }
        return Some((n, Form::Superscript));
    }
    let bracketed = label.trim_start_matches('^');
    if let Some(inner) = bracketed.strip_prefix('[') {
        let (n, len) = leading_number(inner)?;
        return inner[len..].starts_with(']').then_some((n, Form::Bracket));
    }
    // `3` at a page bottom, `3.` / `3、` in an endnote section.
    let digits = label.trim_end_matches(['.', '．', '、']);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Some((digits.parse().ok()?, Form::Plain));
    }
    if let Some((n, len)) = note_zone::symbol_value(label)
        && len == label.len()
    {
        return Some((n, Form::Symbol));
    }
    if label.chars().count() == 1
        && let Some(v) = note_zone::glyph_value(first)
    {
        return Some((v, Form::Glyph));
    }
    let inner = label
        .strip_prefix('（')
        .or_else(|| label.strip_prefix('('))?;
    let (n, len) = leading_number(inner)?;
    let rest = &inner[len..];
    (rest.starts_with('）') || rest.starts_with(')')).then_some((n, Form::Paren))
}

/// A 1–3 digit ASCII number at the start of `s`, with its byte length.
pub fn leading_number(s: &str) -> Option<(u32, usize)> {
    let len = s.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 || len > 3 {
        return None;
    }
    Some((s.get(..len)?.parse().ok()?, len))
}

/// A marker candidate found in one block's cleaned text: byte range inside the block text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub n: u32,
    pub form: Form,
}

/// Characters that introduce list items: an `①` or `（1）` right after them enumerates.
fn introduces_list(c: char) -> bool {
    matches!(
        c,
        '：' | ':' | '；' | ';' | '，' | ',' | '、' | '（' | '(' | ' ' | '\u{3000}' | '\n'
    )
}

/// Units after a number that make `注1` or `（1）` part of the sentence, not a note number.
fn is_unit(c: char) -> bool {
    "年月日号个家万亿多余名人次项元吨米倍位届期%％岁".contains(c)
}

/// Lead bytes of every character that can start a marker: `[`, `(`, `¹²³` (C2), `①` and `⁴`
/// (E2), `㉑` (E3), `注` (E6), `（` (EF). Other bytes are skipped without decoding.
fn may_start_marker(b: u8) -> bool {
    matches!(b, b'[' | b'(' | 0xC2 | 0xE2 | 0xE3 | 0xE6 | 0xEF)
}

/// Find marker candidates in one block of body text, in order. One pass over the bytes.
pub fn scan_markers(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // `i` is always on a char boundary: it only advances by whole characters or past
        // ASCII and continuation bytes, and the lead bytes tested are never continuations.
        if !may_start_marker(bytes[i]) {
            i += 1;
            continue;
        }
        let Some(rest) = text.get(i..) else { break };
        let Some(c) = rest.chars().next() else { break };
        let prev = text.get(..i).and_then(|s| s.chars().next_back());
        // `1⁴` for 14: a font without superscript glyphs for every digit mixes the forms.
        if superscript_value(c).is_some()
            && let Some(d) = prev.and_then(|p| p.to_digit(10))
            && i >= 1
            && text[..i - 1]
                .chars()
                .next_back()
                .is_some_and(|b| !b.is_ascii_alphanumeric() && !b.is_whitespace())
            && let Some((len, n, form)) = superscript_at(rest, Some('一'))
            && let Some(n) = d
                .checked_mul(10u32.pow(rest[..len].chars().count() as u32))
                .and_then(|v| v.checked_add(n))
        {
            found.push(Found {
                start: i - 1,
                end: i + len,
                n,
                form,
            });
            i += len;
            continue;
        }
        let hit = match c {
            '[' => bracket_at(rest),
            '注' => zhu_at(rest, prev),
            '（' | '(' => paren_at(rest, prev),
            _ if circled_value(c).is_some() => circled_at(c, prev),
            _ if superscript_value(c).is_some() => superscript_at(rest, prev),
            _ => None,
        };
        match hit {
            Some((len, n, form)) => {
                found.push(Found {
                    start: i,
                    end: i + len,
                    n,
                    form,
                });
                i += len;
            }
            None => i += c.len_utf8(),
        }
    }
    found
}

fn bracket_at(rest: &str) -> Option<(usize, u32, Form)> {
    let inner = rest.get(1..)?;
    let (n, len) = leading_number(inner)?;
    inner[len..]
        .starts_with(']')
        .then_some((len + 2, n, Form::Bracket))
}

fn circled_at(c: char, prev: Option<char>) -> Option<(usize, u32, Form)> {
    let prev = prev?;
    if introduces_list(prev) || circled_value(prev).is_some() {
        return None;
    }
    Some((c.len_utf8(), circled_value(c)?, Form::Circled))
}

/// Superscripts after a Latin letter or digit are exponents (`m²`, `10³`), not notes.
fn superscript_at(rest: &str, prev: Option<char>) -> Option<(usize, u32, Form)> {
    let prev = prev?;
    if prev.is_ascii_alphanumeric() || prev.is_whitespace() {
        return None;
    }
    let mut n = 0u32;
    let mut len = 0;
    for c in rest.chars() {
        let Some(d) = superscript_value(c) else { break };
        n = n.checked_mul(10)?.checked_add(d)?;
        len += c.len_utf8();
    }
    (n > 0).then_some((len, n, Form::Superscript))
}

/// `注1`, `注①`, `注 1` — only where 注 does not end a word (关注, 备注) and no unit follows.
fn zhu_at(rest: &str, prev: Option<char>) -> Option<(usize, u32, Form)> {
    if prev.is_some_and(|p| crate::document::chars::is_han(p) || p.is_ascii_alphanumeric()) {
        return None;
    }
    let after = rest.get('注'.len_utf8()..)?;
    let body = after.trim_start_matches(' ');
    let gap = after.len() - body.len();
    let head = '注'.len_utf8() + gap;
    let first = body.chars().next()?;
    if let Some(v) = circled_value(first) {
        return Some((head + first.len_utf8(), v, Form::Zhu));
    }
    let (n, len) = leading_number(body)?;
    if body[len..].chars().next().is_some_and(is_unit) {
        return None;
    }
    Some((head + len, n, Form::Zhu))
}

/// `（1）` inside a sentence, right after text; never after list punctuation.
fn paren_at(rest: &str, prev: Option<char>) -> Option<(usize, u32, Form)> {
    let prev = prev?;
    if introduces_list(prev) {
        return None;
    }
    let open = rest.chars().next()?.len_utf8();
    let inner = rest.get(open..)?;
    let (n, len) = leading_number(inner)?;
    if n > 99 {
        return None;
    }
    let close = inner[len..].chars().next()?;
    matches!(close, '）' | ')').then_some((open + len + close.len_utf8(), n, Form::Paren))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Vec<(String, u32, Form)> {
        scan_markers(text)
            .into_iter()
            .map(|f| (text[f.start..f.end].to_owned(), f.n, f.form))
            .collect()
    }

    #[test]
    fn labels_parse_in_every_form() {
        assert_eq!(parse_label("[1]"), Some((1, Form::Bracket)));
        assert_eq!(parse_label("^[12]"), Some((12, Form::Bracket)));
        assert_eq!(parse_label("⑳"), Some((20, Form::Circled)));
        assert_eq!(parse_label("㉑"), Some((21, Form::Circled)));
        assert_eq!(parse_label("¹²"), Some((12, Form::Superscript)));
        assert_eq!(parse_label("1⁴"), Some((14, Form::Superscript)));
        assert_eq!(parse_label("注 3："), Some((3, Form::Zhu)));
        assert_eq!(parse_label("注②"), Some((2, Form::Zhu)));
        assert_eq!(parse_label("（4）"), Some((4, Form::Paren)));
        assert_eq!(parse_label("[x]"), None);
        assert_eq!(parse_label("[2024"), None);
    }

    #[test]
    fn scans_markers_of_each_form() {
        let mixed = scan("第十四条1⁴，另见第十二条1²。");
        assert_eq!(
            mixed,
            vec![
                ("1⁴".to_owned(), 14, Form::Superscript),
                ("1²".to_owned(), 12, Form::Superscript)
            ]
        );
        let found = scan("合作。[1] 伙伴[12]，见“定心丸”①；增长²。注1见下。（注②）");
        let forms: Vec<_> = found.iter().map(|(s, n, _)| (s.as_str(), *n)).collect();
        assert_eq!(
            forms,
            vec![
                ("[1]", 1),
                ("[12]", 12),
                ("①", 1),
                ("²", 2),
                ("注1", 1),
                ("注②", 2)
            ]
        );
    }

    #[test]
    fn enumerations_exponents_and_words_are_not_markers() {
        assert!(scan("包括：①经济；②政治").is_empty());
        assert!(scan("面积 120 km²，体积 10³").is_empty());
        assert!(scan("关注1个问题，备注2").is_empty());
        assert!(scan("注3年").is_empty());
        assert!(scan("[2024] 年[J]").is_empty());
        assert!(scan("分为：（1）教育；（2）文化").is_empty());
        assert_eq!(scan("其作用（1）很大")[0].2, Form::Paren);
    }
}
