//! Page furniture known from the line alone: page numbers, stamps, editor lines.

use std::sync::LazyLock;

use regex::Regex;

use super::{NUMBER_UNITS, first_visible, may_be_digit, re, squeeze};
use crate::document::ArtifactKind;

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:[-—－–]\s*\d{1,4}\s*[-—－–]|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d{1,4}\s*/\s*\d{1,4}|[ivxlc]{1,7}|[IVXLC]{2,7}|·\s*\d{1,4}\s*·)$",
    )
});
static BARE_NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"^\d{1,3}$"));

/// Page furniture recognisable from the line alone. `next` is the next non-blank content.
pub fn furniture(content: &str, next: Option<&str>) -> Option<ArtifactKind> {
    // Furniture lines are short; most lines are not, and this runs on every line.
    if content.len() > 120 {
        return None;
    }
    if content.len() > 48 && !content.starts_with(['本', '责', '美', '校', '排', '版']) {
        return None;
    }
    let first = first_visible(content)?;
    // Every page-number form starts with a dash, 第, a digit, a Roman numeral or `·`.
    let page_like = matches!(first, '-' | '—' | '－' | '–' | '第' | '·')
        || may_be_digit(first)
        || matches!(
            first,
            'i' | 'v' | 'x' | 'l' | 'c' | 'I' | 'V' | 'X' | 'L' | 'C'
        );
    if page_like && PAGE_NUMBER.is_match(content) {
        return Some(ArtifactKind::PageNumber);
    }
    if may_be_digit(first) && BARE_NUMBER.is_match(content) {
        let continues = next
            .and_then(|n| n.chars().next())
            .is_some_and(|c| NUMBER_UNITS.contains(c));
        return (!continues).then_some(ArtifactKind::PageNumber);
    }
    // A stamp starts (after ★, * or brackets) with 内, 机, 秘, 绝 or 仅; an editor line with
    // 本, 责, 美, 校, 排 or 版. Squeezing is only worth it for those.
    if !matches!(
        first,
        '★' | '☆'
            | '*'
            | '（'
            | '）'
            | '('
            | ')'
            | '内'
            | '机'
            | '秘'
            | '绝'
            | '仅'
            | '本'
            | '责'
            | '美'
            | '校'
            | '排'
            | '版'
    ) {
        return None;
    }
    let squeezed = squeeze(content);
    let stamp = squeezed.trim_matches(|c| matches!(c, '★' | '☆' | '*' | '（' | '）' | '(' | ')'));
    if matches!(
        stamp,
        "内部资料"
            | "内部参考"
            | "内部文件"
            | "内部资料注意保存"
            | "机密"
            | "秘密"
            | "绝密"
            | "仅供参考"
            | "内部刊物"
    ) {
        return Some(ArtifactKind::Stamp);
    }
    static EDITOR: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?:(?:本版编辑|本版责编|责任编辑|美术编辑|责任校对)[:：]?|(?:美编|校对|排版|版式设计)[:：])\p{Han}{2}",
        )
    });
    if EDITOR.is_match(&squeezed) && content.chars().count() <= 40 {
        return Some(ArtifactKind::EditorLine);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines() {
        assert_eq!(furniture("-5-", None), Some(ArtifactKind::PageNumber));
        assert_eq!(furniture("- 12 -", None), Some(ArtifactKind::PageNumber));
        assert_eq!(furniture("ix", None), Some(ArtifactKind::PageNumber));
        assert_eq!(
            furniture("35", Some("能否推荐")),
            Some(ArtifactKind::PageNumber)
        );
        assert_eq!(furniture("35", Some("年以来")), None);
        assert_eq!(furniture("2022", Some("年中亚")), None);
        assert_eq!(furniture("内部资料", None), Some(ArtifactKind::Stamp));
        assert_eq!(
            furniture("本版编辑 徐 胥 美 编 高 妍", None),
            Some(ArtifactKind::EditorLine)
        );
        assert_eq!(furniture("内部资料显示，", None), None);
    }
}
