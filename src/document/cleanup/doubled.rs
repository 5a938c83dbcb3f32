//! B4: runs drawn twice by bold or overprinted text (`电项目之一电项目之一，，`).
//!
//! Only whole lines that are clearly doubled are collapsed: ordinary text has genuine doubles
//! (吉尔吉斯斯坦, 纷纷, 2022) that must survive.

/// Longest run length tried; captions' style runs are shorter.
const MAX_RUN: usize = 64;

/// Shorter lines are never doubled ones.
pub const DOUBLED_MIN_BYTES: usize = 18;

/// A line is doubled if it has doubled full-width punctuation, or collapsing repeats of three or
/// more characters removes over 35% of it: bold drawn twice doubles every style run of the line
/// (the captions lose 38–50%), while a line that merely holds a repeated number or word keeps
/// most of its characters single (`二〇一二〇二〇一二〇  1  \zhdigits{2012020120}` loses 29%,
/// `\begin{tabular}{|c|c|c|c|c|p{4em}|p{4em}|}` 26%).
pub fn is_doubled_line(content: &str) -> bool {
    let mut slots = TrigramSlots::default();
    let mut screen = DoubledScreen::new(&mut slots);
    for c in content.chars() {
        screen.push(&mut slots, utf8_key(c), !c.is_whitespace());
    }
    is_doubled_line_screened(content, screen.verdict())
}

/// [`is_doubled_line`] for a line whose characters were all fed to a [`DoubledScreen`] already
/// (while the line was measured).
pub fn is_doubled_line_screened(content: &str, screen: Screened) -> bool {
    if content.len() < DOUBLED_MIN_BYTES {
        return false;
    }
    if screen.doubled_punct {
        return true;
    }
    if !screen.repeats {
        return false;
    }
    // Layout whitespace repeats too; only visible characters can be drawn twice.
    let mut chars = Vec::with_capacity(content.len());
    chars.extend(content.chars().filter(|c| !c.is_whitespace()));
    if chars.len() < 6 || !has_long_repeat(&chars, 3) {
        return false;
    }
    // Several doubled runs, not one repeated word or digit string (二〇一二〇二〇一二〇).
    let plan = collapse_plan(&chars, 3);
    let removed: usize = plan.iter().map(|r| r.1).sum();
    // The byte-level test must hold too; it is asked last, as it reads every byte and the
    // tests above turn ordinary lines away sooner.
    plan.len() >= 2 && removed * 20 > chars.len() * 7 && has_long_byte_repeat(content.as_bytes())
}

/// What [`is_doubled_line`] learns from one pass over a line's characters: whether a
/// full-width mark from `（）。，：；、！？` is immediately repeated, and whether the line passes
/// a necessary condition for the collapse test: at least two positions of the visible
/// (non-whitespace) characters start a trigram seen earlier on the line. Each run of the
/// collapse plan repeats the trigram its copy starts with, and the test needs two runs.
///
/// Trigrams are hashed into [`TrigramSlots`], kept apart from this small state so the state
/// stays in registers while a line is read. A collision only lets a line through to the full
/// test, so the first two characters' partial trigrams may go in too, and no step needs a
/// branch.
#[derive(Debug, Clone, Copy)]
pub struct DoubledScreen {
    /// The previous character's [`utf8_key`].
    prev: u32,
    doubled_punct: bool,
    hits: u32,
    /// This line's mark in the [`TrigramSlots`].
    stamp: u32,
    /// The previous two visible characters, each multiplied once by a mixing constant (two
    /// fields, not an array, so they stay two registers rather than one shifted each step).
    mixed_a: u32,
    mixed_b: u32,
}

/// Number of [`TrigramSlots`] (the 11 bits a trigram hash keeps).
const TRIGRAM_SLOTS: usize = 1 << 11;

/// Which line last saw each trigram hash. One table serves every line of a file: a line only
/// counts marks carrying its own number, so nothing needs clearing between lines.
pub struct TrigramSlots {
    marks: Vec<u32>,
    /// The last line's number.
    last: u32,
}

impl Default for TrigramSlots {
    fn default() -> Self {
        Self {
            marks: vec![0; TRIGRAM_SLOTS],
            last: 0,
        }
    }
}

/// What a [`DoubledScreen`] found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Screened {
    doubled_punct: bool,
    repeats: bool,
}

impl DoubledScreen {
    /// A screen for a new line, which will mark `slots`.
    pub fn new(slots: &mut TrigramSlots) -> Self {
        // After 2³² lines a stale mark may match: a collision like any other.
        slots.last = slots.last.wrapping_add(1).max(1);
        Self {
            prev: 0,
            doubled_punct: false,
            hits: 0,
            stamp: slots.last,
            mixed_a: 0,
            mixed_b: 0,
        }
    }

    /// What the screen found on the line.
    pub fn verdict(&self) -> Screened {
        Screened {
            doubled_punct: self.doubled_punct,
            repeats: self.hits >= 2,
        }
    }

    /// Feed the line's next character, given by its [`utf8_key`]; `visible` is
    /// `!c.is_whitespace()`.
    #[inline]
    pub fn push(&mut self, slots: &mut TrigramSlots, key: u32, visible: bool) {
        const PUNCT: [u32; 9] = [
            utf8_key('（'),
            utf8_key('）'),
            utf8_key('，'),
            utf8_key('。'),
            utf8_key('：'),
            utf8_key('；'),
            utf8_key('、'),
            utf8_key('！'),
            utf8_key('？'),
        ];
        if key == self.prev && PUNCT.contains(&key) {
            self.doubled_punct = true;
        }
        self.prev = key;
        if visible {
            let m = key.wrapping_mul(0x9E37_79B9);
            let slot = (self.mixed_a.rotate_left(10) ^ self.mixed_b.rotate_left(5) ^ m) >> 21;
            let mark = &mut slots.marks[slot as usize % TRIGRAM_SLOTS];
            self.hits += u32::from(*mark == self.stamp);
            *mark = self.stamp;
            (self.mixed_a, self.mixed_b) = (self.mixed_b, m);
        }
    }
}

/// A character's UTF-8 bytes read as a big-endian number: one number per character, read
/// straight from the text without decoding it.
pub const fn utf8_key(c: char) -> u32 {
    let c = c as u32;
    if c < 0x80 {
        c
    } else if c < 0x800 {
        (0xC0 | c >> 6) << 8 | (0x80 | c & 0x3F)
    } else if c < 0x1_0000 {
        (0xE0 | c >> 12) << 16 | (0x80 | c >> 6 & 0x3F) << 8 | (0x80 | c & 0x3F)
    } else {
        (0xF0 | c >> 18) << 24
            | (0x80 | c >> 12 & 0x3F) << 16
            | (0x80 | c >> 6 & 0x3F) << 8
            | (0x80 | c & 0x3F)
    }
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
                && bytes[j] == bytes[i]
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
            // The first characters are compared before the whole runs.
            if (min..=MAX_RUN).contains(&len)
                && i + len <= chars.len()
                && chars[j] == chars[i]
                && chars[j..i] == chars[i..i + len]
            {
                return true;
            }
        }
        last_seen[slot] = i as u32;
    }
    false
}

/// Shortest all-ASCII run taken for a doubled copy.
const MIN_ASCII_RUN: usize = 3;

/// Greedy plan: at each position take the longest immediately repeated run (at least `min`
/// characters) and drop its second copy. Returns `(start_of_copy, len)` in char indices.
pub fn collapse_plan(chars: &[char], min: usize) -> Vec<(usize, usize)> {
    let mut plan = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let max = MAX_RUN.min((chars.len() - i) / 2);
        // A run repeated at distance `len` starts with the character `len` further on.
        // Overprinting doubles whole runs (`100100`); a short ASCII repeat (the `tt` of
        // `http`, the `//` of a URL, the `00` of `2000`) is spelling, never collapsed.
        let found = (min..=max).rev().find(|&len| {
            chars[i + len] == chars[i]
                && chars[i..i + len] == chars[i + len..i + 2 * len]
                && (len >= MIN_ASCII_RUN || chars[i..i + len].iter().any(|c| !c.is_ascii()))
        });
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
    fn utf8_keys_are_the_bytes() {
        let mut buf = [0; 4];
        for c in ['a', 'é', '中', '，', '𠀀', '\u{FFFD}'] {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let expected = bytes.iter().fold(0u32, |k, &b| k << 8 | u32::from(b));
            assert_eq!(utf8_key(c), expected, "{c}");
        }
    }

    fn screen(line: &str) -> Screened {
        let mut slots = TrigramSlots::default();
        let mut screen = DoubledScreen::new(&mut slots);
        for c in line.chars() {
            screen.push(&mut slots, utf8_key(c), !c.is_whitespace());
        }
        screen.verdict()
    }

    #[test]
    fn the_screen_finds_doubled_punctuation_and_recurring_trigrams() {
        for p in [
            "（（", "））", "，，", "。。", "：：", "；；", "、、", "！！", "？？",
        ] {
            assert!(screen(&format!("中{p}文")).doubled_punct, "{p}");
        }
        for s in ["（）", "，。", "中中", "。", "“”", "ｚｚ", "， ，"] {
            assert!(!screen(s).doubled_punct, "{s}");
        }
        assert!(screen("电项目之一电项目之一").repeats);
        assert!(screen("电项 目之一电项目 之一").repeats);
        assert!(!screen("中国与中亚国家的合作不断深化").repeats);
        assert!(!screen("谢谢谢").repeats);
        // Lines screened one after the other do not see each other's trigrams.
        let mut slots = TrigramSlots::default();
        for _ in 0..2 {
            let mut screen = DoubledScreen::new(&mut slots);
            "电项目之一"
                .chars()
                .for_each(|c| screen.push(&mut slots, utf8_key(c), true));
            assert!(!screen.verdict().repeats);
        }
    }

    #[test]
    fn leaves_genuine_doubles_alone() {
        for line in [
            "吉尔吉斯斯坦、哈萨克斯坦纷纷表示，实实在在的合作——2022 年",
            "中国与中亚国家的合作不断深化，谢谢谢谢",
            "二〇一二〇二〇一二〇",
            "encoding              encoding = ⟨GBK|Big5|UTF8⟩",
            // A number and its spelling repeat inside one example row; most of it is single.
            "二〇一二〇二〇一二〇                                    1   \\zhdigits{2012020120}\\\\",
            "\\begin{tabular}{|c|c|c|c|c|p{4em}|p{4em}|}",
        ] {
            assert!(!is_doubled_line(line), "{line}");
        }
    }

    #[test]
    fn a_doubled_caption_keeps_its_url_and_numbers_spelled() {
        assert_eq!(
            collapse("（（新华社发新华社发））见 http://www.a.cn/2000"),
            "（新华社发）见 http://www.a.cn/2000"
        );
    }
}
