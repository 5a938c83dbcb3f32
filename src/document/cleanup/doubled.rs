//! B4: runs drawn twice by bold or overprinted text (`电项目之一电项目之一，，`).
//!
//! Only whole lines that are clearly doubled are collapsed: ordinary text has genuine doubles
//! (吉尔吉斯斯坦, 纷纷, 2022) that must survive.

use crate::document::chars::whitespace_len;

/// Longest run length tried; captions' style runs are shorter.
const MAX_RUN: usize = 64;

/// A line is doubled if it has doubled full-width punctuation, or collapsing repeats of three or
/// more characters removes over 10% of it.
pub fn is_doubled_line(content: &str) -> bool {
    if content.len() < 18 {
        return false;
    }
    if has_doubled_punct(content.as_bytes()) {
        return true;
    }
    if !has_two_recurring_trigrams(content) {
        return false;
    }
    // Cheap byte-level test first: a doubled run of characters is a doubled run of bytes.
    if !has_long_byte_repeat(content.as_bytes()) {
        return false;
    }
    // Layout whitespace repeats too; only visible characters can be drawn twice.
    let chars: Vec<char> = content.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.len() < 6 || !has_long_repeat(&chars, 3) {
        return false;
    }
    // Several doubled runs, not one repeated word or digit string (二〇一二〇二〇一二〇).
    let plan = collapse_plan(&chars, 3);
    let removed: usize = plan.iter().map(|r| r.1).sum();
    plan.len() >= 2 && removed * 10 > chars.len()
}

/// Whether a full-width punctuation mark from `（）。，：；、！？` is immediately repeated. One
/// pass: all of them are three bytes long and start with `E3` or `EF` in UTF-8.
fn has_doubled_punct(bytes: &[u8]) -> bool {
    const PUNCT: [char; 9] = ['（', '）', '，', '。', '：', '；', '、', '！', '？'];
    memchr::memchr2_iter(0xE3, 0xEF, bytes).any(|i| {
        bytes.len() >= i + 6
            && bytes[i..i + 3] == bytes[i + 3..i + 6]
            && PUNCT.iter().any(|p| {
                let mut buf = [0; 4];
                p.encode_utf8(&mut buf).as_bytes() == &bytes[i..i + 3]
            })
    })
}

/// A necessary condition for the collapse test below, in one pass without allocation: at least
/// two positions of the visible characters start a trigram seen earlier on the line. Each run
/// of the collapse plan repeats the trigram its copy starts with, and the test needs two runs.
/// Trigrams are hashed into a bit set; a collision only lets a line through to the full test.
fn has_two_recurring_trigrams(content: &str) -> bool {
    let bytes = content.as_bytes();
    let mut seen = [0u64; 64];
    let mut hits = 0;
    // A character is keyed by its UTF-8 bytes packed into a `u32`: equal keys, equal characters.
    let (mut a, mut b) = (u32::MAX, u32::MAX);
    let mut k = 0;
    let mut i = 0;
    while i < bytes.len() {
        let ws = whitespace_len(bytes, i);
        if ws > 0 {
            i += ws;
            continue;
        }
        let len = match bytes[i] {
            0..=0x7F => 1,
            0x80..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let c = bytes[i..i + len]
            .iter()
            .fold(0u32, |key, &byte| key << 8 | u32::from(byte));
        i += len;
        if k >= 2 {
            let h = a.wrapping_mul(0x9E37_79B9)
                ^ b.wrapping_mul(0x85EB_CA6B).rotate_left(11)
                ^ c.wrapping_mul(0xC2B2_AE35).rotate_left(22);
            let bit = (h >> 20) as usize;
            let mask = 1 << (bit % 64);
            if seen[bit / 64] & mask != 0 {
                hits += 1;
                if hits == 2 {
                    return true;
                }
            }
            seen[bit / 64] |= mask;
        }
        (a, b) = (b, c);
        k += 1;
    }
    false
}

/// Whether some run of at least 3 bytes without spaces recurs right after itself.
fn has_long_byte_repeat(bytes: &[u8]) -> bool {
    let mut last_seen = [u32::MAX; 256];
    for i in 0..bytes.len().saturating_sub(2) {
        let tri = &bytes[i..i + 3];
        if tri[0] == b' ' || tri[1] == b' ' || tri[2] == b' ' {
            continue;
        }
        let h = u32::from(tri[0])
            .wrapping_mul(0x9E37_79B9)
            .wrapping_add(u32::from(tri[1]).wrapping_mul(0x85EB_CA6B))
            .wrapping_add(u32::from(tri[2]).wrapping_mul(0xC2B2_AE35));
        let slot = (h >> 24) as usize;
        let j = last_seen[slot];
        if j != u32::MAX {
            let j = j as usize;
            let len = i - j;
            if (3..=MAX_RUN * 4).contains(&len)
                && i + len <= bytes.len()
                && bytes[j..i] == bytes[i..i + len]
            {
                return true;
            }
        }
        last_seen[slot] = i as u32;
    }
    false
}

/// Whether some substring of length ≥ `min` (≥ 3) is immediately repeated. One pass: a
/// repeat of length L means the trigram at i recurs at i + L, so only recurring trigrams at a
/// distance of at most [`MAX_RUN`] are checked.
fn has_long_repeat(chars: &[char], min: usize) -> bool {
    // A small open table of trigram hashes → last position: no allocation, collisions only
    // cost a failed comparison.
    let mut last_seen = [u32::MAX; 256];
    for i in 0..chars.len().saturating_sub(2) {
        let h = (chars[i] as u32)
            .wrapping_mul(0x9E37_79B9)
            .wrapping_add((chars[i + 1] as u32).wrapping_mul(0x85EB_CA6B))
            .wrapping_add((chars[i + 2] as u32).wrapping_mul(0xC2B2_AE35));
        let slot = (h >> 24) as usize;
        let j = last_seen[slot];
        if j != u32::MAX {
            let j = j as usize;
            let len = i - j;
            if (min..=MAX_RUN).contains(&len)
                && i + len <= chars.len()
                && chars[j..i] == chars[i..i + len]
            {
                return true;
            }
        }
        last_seen[slot] = i as u32;
    }
    false
}

/// Greedy plan: at each position take the longest immediately repeated run (at least `min`
/// characters) and drop its second copy. Returns `(start_of_copy, len)` in char indices.
pub fn collapse_plan(chars: &[char], min: usize) -> Vec<(usize, usize)> {
    let mut plan = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let max = MAX_RUN.min((chars.len() - i) / 2);
        let found = (min..=max)
            .rev()
            .find(|&len| chars[i..i + len] == chars[i + len..i + 2 * len]);
        match found {
            Some(len) => {
                plan.push((i + len, len));
                i += 2 * len;
            }
            None => i += 1,
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collapse(s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        let plan = collapse_plan(&chars, 1);
        let mut keep = vec![true; chars.len()];
        for (start, len) in plan {
            keep[start..start + len].iter_mut().for_each(|k| *k = false);
        }
        chars
            .iter()
            .zip(keep)
            .filter_map(|(c, k)| k.then_some(*c))
            .collect()
    }

    #[test]
    fn collapses_doubled_captions() {
        let line =
            "电项目之一电项目之一，，也是中哈绿色能源合作项目之一也是中哈绿色能源合作项目之一。。";
        assert!(is_doubled_line(line));
        assert_eq!(collapse(line), "电项目之一，也是中哈绿色能源合作项目之一。");
        assert_eq!(
            collapse("阿拉木图州卡普恰盖阿拉木图州卡普恰盖 100100 兆瓦"),
            "阿拉木图州卡普恰盖 100 兆瓦"
        );
        assert_eq!(collapse("（（新华社发新华社发））"), "（新华社发）");
    }

    #[test]
    fn doubled_punctuation_is_found_in_one_pass() {
        for p in [
            "（（", "））", "，，", "。。", "：：", "；；", "、、", "！！", "？？",
        ] {
            assert!(has_doubled_punct(format!("中{p}文").as_bytes()), "{p}");
        }
        for s in ["（）", "，。", "中中", "。", "“”", "ｚｚ"] {
            assert!(!has_doubled_punct(s.as_bytes()), "{s}");
        }
    }

    #[test]
    fn doubled_lines_have_two_recurring_trigrams() {
        assert!(has_two_recurring_trigrams("电项目之一电项目之一"));
        assert!(has_two_recurring_trigrams("电项 目之一电项目 之一"));
        assert!(!has_two_recurring_trigrams("中国与中亚国家的合作不断深化"));
        assert!(!has_two_recurring_trigrams("谢谢谢"));
    }

    #[test]
    fn leaves_genuine_doubles_alone() {
        for line in [
            "吉尔吉斯斯坦、哈萨克斯坦纷纷表示，实实在在的合作——2022 年",
            "中国与中亚国家的合作不断深化，谢谢谢谢",
            "二〇一二〇二〇一二〇",
            "encoding              encoding = ⟨GBK|Big5|UTF8⟩",
        ] {
            assert!(!is_doubled_line(line), "{line}");
        }
    }
}
