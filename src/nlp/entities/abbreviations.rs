//! Short forms merged into their full names: the ones the text introduces
//! (`（下文简称上合组织）`) and the ones shaped like an abbreviation of exactly one name.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::EntityKind;
use crate::nlp::Segmenter;

/// `（下文简称上合组织）`, `（以下简称“两会”）`, `（简称…）`, `(下称…)` on folded text.
static SHORT_FORM: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r#"^\((?:下文|以下|下)?(?:简称|称)(?:为)?[“"「]?([^()“”"「」,，;；\n]{1,20})[”"」]?\)"#,
    )
    .ok()
});

/// A long form: its name, kind and words.
type LongForm<'a> = (&'a str, EntityKind, Vec<String>);

/// Short forms by their shape (上合组织 ← 上海合作组织): a name, or a word jieba tags as an
/// abbreviation, that abbreviates exactly one longer name of the same kind in the document.
/// People and titles are left alone: 王明 is not short for 王小明.
pub(super) fn abbreviations(
    segmenter: &Segmenter,
    candidates: &BTreeMap<String, EntityKind>,
    jieba_abbreviations: &BTreeSet<String>,
) -> BTreeMap<String, String> {
    let mergeable = |k: EntityKind| {
        matches!(
            k,
            EntityKind::Org | EntityKind::Place | EntityKind::Programme
        )
    };
    // Long forms by their first character, which a short form keeps: each short form is
    // tried only against the names it could shorten.
    let mut longs: BTreeMap<char, Vec<LongForm<'_>>> = BTreeMap::new();
    for (name, kind) in candidates {
        if !mergeable(*kind) || name.chars().count() < 4 {
            continue;
        }
        let words = name_words(segmenter, name);
        if let (Some(first), true) = (name.chars().next(), words.len() >= 2) {
            longs
                .entry(first)
                .or_default()
                .push((name.as_str(), *kind, words));
        }
    }
    let shorts = candidates
        .iter()
        .filter(|(_, kind)| mergeable(**kind))
        .map(|(name, kind)| (name.as_str(), Some(*kind)))
        .chain(
            jieba_abbreviations
                .iter()
                .filter(|a| !candidates.contains_key(*a))
                .map(|a| (a.as_str(), None)),
        );
    let mut found = BTreeMap::new();
    for (short, kind) in shorts {
        let Some(same_start) = short.chars().next().and_then(|c| longs.get(&c)) else {
            continue;
        };
        let mut fits = same_start.iter().filter(|(_, long_kind, words)| {
            kind.is_none_or(|k| k == *long_kind) && abbreviates(short, words)
        });
        if let (Some((long, _, _)), None) = (fits.next(), fits.next()) {
            found.insert(short.to_owned(), (*long).to_owned());
        }
    }
    found
}

/// The words a name is made of (上海 合作 组织), from the dictionary words inside it, longest
/// first from the left; a character no word covers is a word of its own.
fn name_words(segmenter: &Segmenter, name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let inner: BTreeSet<&str> = segmenter
        .jieba()
        .cut_all(name)
        .into_iter()
        .map(|t| t.word)
        .filter(|w| w.len() < name.len() && w.chars().count() >= 2)
        .collect();
    let mut words = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let len = (2..=chars.len() - i)
            .rev()
            .find(|&n| inner.contains(chars[i..i + n].iter().collect::<String>().as_str()))
            .unwrap_or(1);
        words.push(chars[i..i + len].iter().collect());
        i += len;
    }
    words
}

/// True if `short` abbreviates the name made of `words` the way Chinese shortens names: it
/// keeps the first character and the head (the last word, the kind of thing named: 组织,
/// 银行), takes from each other word nothing, its first characters or all of it, and cuts at
/// least one word (上海合作组织 → 上合组织; 中国 is not 中亚五国). Dropping
/// whole words names something else (中国科学院 is not short for 中国农业科学院), and a
/// word's last character alone is not its abbreviation (欧盟 is not 欧亚经济联盟).
fn abbreviates(short: &str, words: &[String]) -> bool {
    let s: Vec<char> = short.chars().collect();
    let long: String = words.concat();
    if s.len() < 2
        || s.len() >= long.chars().count()
        || !s.iter().all(|&c| crate::document::chars::is_han(c))
        || s.first() != long.chars().next().as_ref()
        || s.last() != long.chars().last().as_ref()
    {
        return false;
    }
    let Some(head) = words.last().filter(|h| h.chars().count() >= 2) else {
        return false;
    };
    if !short.ends_with(head.as_str()) {
        return false;
    }
    let mut k = 0;
    let mut cut = false;
    for word in words {
        let w: Vec<char> = word.chars().collect();
        let taken = w.iter().zip(&s[k..]).take_while(|(a, b)| a == b).count();
        if taken > 0 && taken < w.len() {
            cut = true;
        }
        k += taken;
    }
    k == s.len() && cut
}

/// Short form → full name, where a matched name is followed by `（简称…）`.
pub(super) fn short_forms(
    folded: &str,
    matcher: &AhoCorasick,
    names: &[&str],
) -> BTreeMap<String, String> {
    let mut aliases = BTreeMap::new();
    let Some(re) = SHORT_FORM.as_ref() else {
        return aliases;
    };
    for m in matcher.find_iter(folded) {
        let Some(full) = names.get(m.pattern().as_usize()) else {
            continue;
        };
        let rest = folded.get(m.end()..).unwrap_or_default();
        let short = re
            .captures(rest)
            .and_then(|c| c.get(1))
            .map(|s| s.as_str().trim());
        if let Some(short) = short.filter(|s| s != full && s.chars().count() >= 2) {
            aliases
                .entry(short.to_owned())
                .or_insert_with(|| (*full).to_owned());
        }
    }
    aliases
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviation_shapes() {
        let w = |words: &[&str]| words.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert!(abbreviates("上合组织", &w(&["上海", "合作", "组织"])));
        assert!(abbreviates(
            "亚信会议",
            &w(&["亚洲", "相互", "协作", "与", "信任", "措施", "会议"])
        ));
        // The first character and the whole head stay.
        assert!(!abbreviates("人民银行", &w(&["中国", "人民", "银行"])));
        assert!(!abbreviates("中行", &w(&["中国", "银行"])));
        assert!(!abbreviates("中国", &w(&["中亚", "五", "国"])));
        // A part of the modifier alone names something else (a city, a country).
        assert!(!abbreviates("上海", &w(&["上海", "合作", "组织"])));
        assert!(!abbreviates("中国", &w(&["中亚", "国家"])));
        // Whole words dropped: a different body.
        assert!(!abbreviates("中国科学院", &w(&["中国", "农业", "科学院"])));
        // A word's last character is not its abbreviation; the first character must stay.
        assert!(!abbreviates("欧盟", &w(&["欧亚", "经济", "联盟"])));
        assert!(!abbreviates("合作组织", &w(&["上海", "合作", "组织"])));
        assert!(!abbreviates("上海合作组织", &w(&["上海", "合作", "组织"])));
        assert!(!abbreviates("bf", &w(&["BIOS", "/", "UEFI"])));
    }

    #[test]
    fn an_ambiguous_short_form_stays_apart() {
        let kinds = |names: &[&str]| -> BTreeMap<String, EntityKind> {
            names
                .iter()
                .map(|n| ((*n).to_owned(), EntityKind::Org))
                .collect()
        };
        let seg = Segmenter::builtin();
        let one = abbreviations(
            &seg,
            &kinds(&["上海合作组织", "上合组织"]),
            &BTreeSet::new(),
        );
        assert_eq!(
            one.get("上合组织").map(String::as_str),
            Some("上海合作组织")
        );
        // 上合组织 could shorten either organisation: it is merged with neither.
        let two = abbreviations(
            &seg,
            &kinds(&["上海合作组织", "上海合资组织", "上合组织"]),
            &BTreeSet::new(),
        );
        assert!(two.is_empty(), "{two:?}");
    }
}
