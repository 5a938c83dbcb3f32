//! Heading lines by numbering style and by name, and table-of-contents lines.

use std::sync::LazyLock;

use regex::Regex;

use super::{NUMBER_UNITS, first_visible, re, squeeze};

/// Heading rank by numbering style: lower is higher in the hierarchy.
pub fn heading_rank(content: &str) -> Option<u8> {
    static RANKS: LazyLock<Vec<(Regex, u8)>> = LazyLock::new(|| {
        let n = "[一二三四五六七八九十百零〇两]+";
        vec![
            (
                re(&format!(
                    r"^第\s*(?:{n}|\d+)\s*(?:编|部分|篇)(?:\s|$|[：:])"
                )),
                0,
            ),
            (re(&format!(r"^第\s*(?:{n}|\d+)\s*章(?:\s|$|[：:])")), 1),
            (re(r"^(?i:chapter)\s+\d+"), 1),
            (re(&format!(r"^第\s*(?:{n}|\d+)\s*节(?:\s|$|[：:])")), 2),
            (re(&format!(r"^{n}\s*[、．.]")), 3),
            (re(&format!(r"^[（(]\s*{n}\s*[)）]")), 4),
            (re(r"^\d{1,2}\s*(?:[、．]|\.\s)"), 5),
            (re(r"^\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+"), 6),
            (re(r"^[（(]\d{1,2}[)）]"), 7),
        ]
    });
    let first = content.chars().next()?;
    // Only the patterns that can start with the first character are tried, in their order.
    let candidates: &[usize] = match first {
        '第' => &[0, 1, 3],
        'C' | 'c' => &[2],
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '零'
        | '〇' | '两' => &[4],
        '（' | '(' => &[5, 8],
        _ if first.is_ascii_digit() => &[6, 7],
        _ => return None,
    };
    let (found, rank) = candidates
        .iter()
        .find_map(|&k| RANKS[k].0.find(content).map(|m| (m, &RANKS[k].1)))?;
    // `1.8 万人` is a number and its unit, not section 1.8.
    let after = &content[found.end()..];
    let unit_follows = after
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| NUMBER_UNITS.contains(c) || "千百".contains(c));
    (!(*rank >= 5 && unit_follows)).then_some(*rank)
}

/// Unnumbered section names that are headings wherever they stand alone.
const NAMED_SECTIONS: &[&str] = &[
    "结语",
    "结束语",
    "结论",
    "前言",
    "序言",
    "序",
    "引言",
    "导言",
    "绪论",
    "后记",
    "参考文献",
    "附录",
    "致谢",
    "小结",
    "总结",
    "余论",
    "编写说明与致谢",
    "编后记",
];

/// A line holding only one of [`NAMED_SECTIONS`] (letter-spacing allowed).
pub fn is_named_section(content: &str) -> bool {
    if content.len() > 48 {
        return false;
    }
    // Most lines start with no name's first character and need no squeezing.
    let Some(first) = first_visible(content) else {
        return false;
    };
    static FIRSTS: LazyLock<Vec<char>> = LazyLock::new(|| {
        let mut firsts: Vec<char> = NAMED_SECTIONS
            .iter()
            .filter_map(|n| n.chars().next())
            .collect();
        firsts.sort_unstable();
        firsts.dedup();
        firsts
    });
    if FIRSTS.binary_search(&first).is_err() {
        return false;
    }
    NAMED_SECTIONS.contains(&squeeze(content).as_ref())
}

/// A table-of-contents label line (目录).
pub fn is_toc_label(content: &str) -> bool {
    content.len() <= 24
        && matches!(
            squeeze(content).as_ref(),
            "目录" | "目次" | "目錄" | "Contents" | "CONTENTS"
        )
}

/// A ToC entry: `(title_end_byte, page)`. Dot leaders (`.....`, `. . .`, `…`), a TAB, or in
/// `-layout` output a wide gap before the page number.
pub fn toc_entry(content: &str) -> Option<(usize, u32)> {
    static TAB: LazyLock<Regex> =
        LazyLock::new(|| re(r"^(.+?)\s*(?:(?:[.．·…。]\s?){2,})?\s*\t\s*(\d{1,4})$"));
    static LEADER: LazyLock<Regex> =
        LazyLock::new(|| re(r"^(.+?)\s*(?:[.．·…]\s?){3,}\s*(\d{1,4})$"));
    static GAP: LazyLock<Regex> = LazyLock::new(|| re(r"^(.*\S)\s{3,}(\d{1,4})$"));
    if !content.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let caps = TAB
        .captures(content)
        .or_else(|| LEADER.captures(content))
        .or_else(|| GAP.captures(content))?;
    let title = caps.get(1)?;
    let page = caps.get(2)?.as_str().parse().ok()?;
    Some((title.end(), page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_ranks() {
        assert_eq!(heading_rank("第一章 中国—中亚合作结出丰硕成果"), Some(1));
        assert_eq!(heading_rank("第三章"), Some(1));
        assert_eq!(
            heading_rank("一、中国对中亚民间外交取得的主要进展"),
            Some(3)
        );
        assert_eq!(heading_rank("（一）教育领域合作"), Some(4));
        assert_eq!(heading_rank("1. 全球经济复苏乏力"), Some(5));
        assert_eq!(heading_rank("1.1   什么是 Debian？"), Some(6));
        assert_eq!(heading_rank("1.8 万人"), None);
        assert_eq!(heading_rank("2013 年起"), None);
        assert!(is_named_section("结  语"));
    }
}
