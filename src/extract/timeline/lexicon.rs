//! Character classes and the fixed words of dates: connectors, sub-periods, deictic years.

use super::Part;
use super::numerals;
use super::value::{Direction, YearSpec};

/// Range connectors between two dates (至 unless it starts 至今).
pub const CONNECTORS: &[char] = &['—', '–', '―', '-', '－', '~', '～', '〜', '至'];

/// Before a Chinese numeral: the numeral is vague or an ordinal (数十年, 第三年, 每两年).
pub const VAGUE_BEFORE: &[char] = &['数', '几', '第', '每', '半', '好'];

/// Before any number: ordinals and frequencies are not dates (第 6 期, 每 5 年).
pub const NOT_A_DATE_BEFORE: &[char] = &['第', '每', '数', '几'];

/// Before a bare four-digit number: it is a quantity (约 2000, 共 1999).
pub const NOT_BARE_YEAR_BEFORE: &[char] = &[
    '第', '约', '共', '达', '超', '逾', '近', '余', '每', '号', '+', '-', '×', '$', '¥', '￥', '№',
    '#', '-', '－', '.',
];

/// After a bare four-digit number: a unit or measure word makes it a quantity (2000 万, 1999 人).
pub const UNIT_AFTER_NUMBER: &[char] = &[
    '万', '亿', '千', '百', '十', '多', '余', '个', '人', '元', '名', '家', '所', '项', '次', '件',
    '条', '座', '吨', '米', '号', '位', '种', '批', '期', '页', '版', '卷', '章', '节', '倍', '台',
    '辆', '架', '册', '篇', '部', '字', '户', '届', '周', '天', '分', '秒', '时', '点', '克', '升',
    '度', '岁', '栋', '间', '只', '头', '株', '场', '例', '亩', '公', '%', '％', '‰', '°', '℃',
];

pub fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}' || c == '\t' || c == '\u{a0}'
}

/// CJK ideographs (basic block and extension A).
pub fn is_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// Characters that make a digit run part of an identifier, a decimal or a code.
pub fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || numerals::is_digit(c)
        || matches!(
            c,
            '_' | '/' | '\\' | '.' | '-' | '#' | '@' | '%' | '=' | '&' | '+'
        )
}

/// Characters where an expression can start (everything else is skipped quickly).
pub fn may_start(c: char) -> bool {
    numerals::is_digit(c)
        || c.is_ascii_uppercase()
        || numerals::is_cn_numeral(c)
        || matches!(
            c,
            '今' | '去' | '上' | '同' | '当' | '明' | '前' | '次' | '翌' | '本' | '下'
        )
}

pub fn starts_with(chars: &[char], word: &str) -> bool {
    let mut it = chars.iter();
    word.chars().all(|w| it.next() == Some(&w))
}

/// A word made of `word`'s characters at the start of `chars`: its length in chars.
fn word_len(chars: &[char], word: &str) -> Option<usize> {
    starts_with(chars, word).then(|| word.chars().count())
}

/// Words that begin with 初 or 底 but are not the start or end of a period (初步, 底线).
fn false_part(chars: &[char]) -> bool {
    let next = chars.get(1).copied();
    match chars.first() {
        Some('初') => matches!(
            next,
            Some('步' | '衷' | '心' | '级' | '始' | '创' | '选' | '审' | '赛' | '次' | '期' | '中')
        ),
        Some('底') => matches!(next, Some('线' | '部' | '气' | '蕴' | '层' | '色' | '子')),
        Some('末') => matches!(next, Some('端' | '尾' | '位')),
        _ => false,
    }
}

/// A sub-period right after a month, a century or a year: 初, 底, 末, 上旬, 中叶 …
pub fn tail_part(chars: &[char]) -> Option<(Part, usize)> {
    if false_part(chars) {
        return None;
    }
    const WORDS: &[(&str, Part)] = &[
        ("上旬", Part::Early),
        ("中旬", Part::Mid),
        ("下旬", Part::End),
        ("中叶", Part::Mid),
        ("初", Part::Early),
        ("底", Part::End),
        ("末", Part::End),
    ];
    WORDS
        .iter()
        .find_map(|(w, part)| word_len(chars, w).map(|len| (*part, len)))
}

/// What follows `年` directly: a sub-period (年底, 一季度, 秋天) or the 度 of 年度. `None` inside
/// the outer option means "consumed, no part".
pub fn year_part(chars: &[char]) -> Option<(Option<Part>, usize)> {
    if let Some(found) = tail_part(chars) {
        return Some((Some(found.0), found.1));
    }
    const WORDS: &[(&str, Part)] = &[
        ("第一季度", Part::Q1),
        ("第二季度", Part::Q2),
        ("第三季度", Part::Q3),
        ("第四季度", Part::Q4),
        ("一季度", Part::Q1),
        ("二季度", Part::Q2),
        ("三季度", Part::Q3),
        ("四季度", Part::Q4),
        ("首季度", Part::Q1),
        ("1季度", Part::Q1),
        ("2季度", Part::Q2),
        ("3季度", Part::Q3),
        ("4季度", Part::Q4),
        ("上半年", Part::H1),
        ("下半年", Part::H2),
        ("春天", Part::Spring),
        ("夏天", Part::Summer),
        ("秋天", Part::Autumn),
        ("冬天", Part::Winter),
    ];
    let skip = chars.iter().take_while(|&&c| is_space(c)).count();
    let rest = chars.get(skip..)?;
    if let Some((part, len)) = WORDS
        .iter()
        .find_map(|(w, part)| word_len(rest, w).map(|len| (*part, len)))
    {
        return Some((Some(part), skip + len));
    }
    // Mid-year: 2005年中期, 2005年年中. A bare 年中 is left alone: 2019年中 is as often "in
    // 2019" as "mid-2019", and 年中国… is no part at all.
    for (word, len) in [("中期", 2), ("年中", 2)] {
        if word_len(rest, word).is_some() && rest.get(len).is_none_or(|&c| !is_ideograph(c)) {
            return Some((Some(Part::Mid), skip + len));
        }
    }
    (chars.first() == Some(&'度')).then_some((None, 1))
}

/// 今年, 去年, 同年, 上年 … at the start of `chars`; `prev` is the character before.
pub fn deictic_year(chars: &[char], prev: Option<char>) -> Option<(YearSpec, usize)> {
    const WORDS: &[(&str, YearSpec)] = &[
        ("今年", YearSpec::Reference(0)),
        ("本年", YearSpec::Reference(0)),
        ("去年", YearSpec::Reference(-1)),
        ("明年", YearSpec::Reference(1)),
        ("前年", YearSpec::Reference(-2)),
        ("同年", YearSpec::Context(0)),
        ("当年", YearSpec::Context(0)),
        ("上年", YearSpec::Context(-1)),
        ("次年", YearSpec::Context(1)),
        ("翌年", YearSpec::Context(1)),
    ];
    let (spec, len) = WORDS
        .iter()
        .find_map(|(w, spec)| word_len(chars, w).map(|len| (*spec, len)))?;
    let next = chars.get(len).copied();
    // Words that merely contain the pair: 上年纪, 同年龄, 相当年轻, 逝去年华, 应当年底.
    if matches!(
        next,
        Some('纪' | '龄' | '轻' | '级' | '华' | '薪' | '货' | '迈' | '幼' | '长' | '少')
    ) {
        return None;
    }
    let blocked_prev: &[char] = match chars.first() {
        Some('前') => &[
            '之', '以', '年', '提', '目', '空', '此', '从', '那', '多', '几', '的',
        ],
        Some('当') => &['应', '相', '每', '正', '理', '适', '担', '充', '恰', '该'],
        Some('上') => &['以', '之', '向', '马', '赶', '加', '北'],
        Some('本') => &['基', '日', '资', '成', '根', '版'],
        Some('同') => &['不', '相', '共', '等', '陪', '会'],
        Some('去') => &['过', '失', '逝', '出', '回', '进', '除'],
        Some('明') => &['说', '表', '证', '声', '标', '聪', '光', '文', '透', '发'],
        _ => &[],
    };
    if prev.is_some_and(|p| {
        blocked_prev.contains(&p) || numerals::is_cn_numeral(p) || numerals::is_digit(p)
    }) {
        return None;
    }
    Some((spec, len))
}

/// 上月, 上个月, 下月, 下个月: a month before or after the reference.
pub fn deictic_month(chars: &[char]) -> Option<(u32, Direction, usize)> {
    const WORDS: &[(&str, Direction)] = &[
        ("上个月", Direction::PointBefore),
        ("上月", Direction::PointBefore),
        ("下个月", Direction::PointAfter),
        ("下月", Direction::PointAfter),
    ];
    let (direction, len) = WORDS
        .iter()
        .find_map(|(w, d)| word_len(chars, w).map(|len| (*d, len)))?;
    if matches!(chars.get(len), Some('球' | '亮' | '台' | '光' | '份')) {
        return None;
    }
    Some((1, direction, len))
}

/// 本世纪 (0), 上世纪 / 上个世纪 (−1).
pub fn deictic_century(chars: &[char]) -> Option<(i32, usize)> {
    [("本世纪", 0), ("上个世纪", -1), ("上世纪", -1)]
        .iter()
        .find_map(|(w, off)| word_len(chars, w).map(|len| (*off, len)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cs(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn parts_and_false_parts() {
        assert_eq!(year_part(&cs("底，")), Some((Some(Part::End), 1)));
        assert_eq!(year_part(&cs("一季度")), Some((Some(Part::Q1), 3)));
        assert_eq!(year_part(&cs("初步形成")), None);
        assert_eq!(year_part(&cs("中国")), None);
        assert_eq!(tail_part(&cs("下旬")), Some((Part::End, 2)));
    }

    #[test]
    fn deictic_words_need_a_word_boundary() {
        assert!(deictic_year(&cs("今年秋天"), Some('于')).is_some());
        assert!(deictic_year(&cs("当年轻人"), Some('相')).is_none());
        assert!(deictic_year(&cs("上年纪"), None).is_none());
        assert!(deictic_year(&cs("同年龄"), None).is_none());
        assert!(deictic_month(&cs("上月球")).is_none());
        assert_eq!(deictic_month(&cs("上月中国")).map(|m| m.2), Some(2));
    }
}
