//! Labelled line starts: metadata fields (`摘要：`, `〔关键词〕`) and note definitions.

use std::sync::LazyLock;

use regex::Regex;

use super::{re, squeeze};

/// Labels of metadata fields (front and back matter of articles).
const META_LABELS: &[&str] = &[
    "提要",
    "内容提要",
    "摘要",
    "内容摘要",
    "关键词",
    "关键字",
    "主题词",
    "作者简介",
    "作者单位",
    "中图分类号",
    "文献标识码",
    "文章编号",
    "完稿日期",
    "收稿日期",
    "修回日期",
    "责任编辑",
    "基金项目",
    "引用格式",
    "DOI",
    "英文摘要",
    "Abstract",
    "Keywords",
    "KeyWords",
];

/// Labels whose value is running text that may wrap over several lines.
pub fn is_abstract_label(label: &str) -> bool {
    matches!(
        label,
        "提要" | "内容提要" | "摘要" | "内容摘要" | "Abstract" | "英文摘要"
    )
}

/// A metadata field at line start: `〔关键词〕…`, `【完稿日期：…】`, `摘要：…`. Returns the label.
pub fn meta_label(content: &str) -> Option<String> {
    static BRACKETED: LazyLock<Regex> =
        LazyLock::new(|| re(r"^[〔【\[［]\s*([^〕】\]］：:]{1,16}?)\s*(?:[〕】\]］]|[：:])"));
    static PLAIN: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(摘\s*要|提\s*要|内容提要|内容摘要|关\s*键\s*词|关键字|(?i:abstract)|(?i:key\s*words))\s*[：:]",
        )
    });
    if !content.starts_with([
        '〔', '【', '[', '［', '摘', '提', '内', '关', 'A', 'a', 'K', 'k',
    ]) {
        return None;
    }
    let label = BRACKETED
        .captures(content)
        .or_else(|| PLAIN.captures(content))
        .and_then(|c| c.get(1))
        .map(|m| squeeze(m.as_str()).into_owned())?;
    let known = META_LABELS.iter().any(|l| l.eq_ignore_ascii_case(&label))
        || ["日期", "编号", "简介", "项目", "分类号", "标识码"]
            .iter()
            .any(|s| label.ends_with(s));
    known.then_some(label)
}

/// A footnote definition at line start: returns the label as written (`[1]`, `①`, `注1`) and
/// its byte length in `content`.
pub fn note_start(content: &str) -> Option<(String, usize)> {
    static NOTE: LazyLock<Regex> = LazyLock::new(|| {
        re(r"^(?:\^?\[\d{1,3}\]|[①-⑳㉑-㉟]|注\s*(?:\d{1,3}|[①-⑳])\s*[:：.．]?|\d?[¹²³⁴⁵⁶⁷⁸⁹⁰]+)")
    });
    let mixed_superscript = content.starts_with(|c: char| c.is_ascii_digit())
        && content[1..].starts_with(['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁰']);
    if !content.starts_with([
        '[', '^', '注', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁰',
    ]) && !content.starts_with(|c: char| ('①'..='⑳').contains(&c) || ('㉑'..='㉟').contains(&c))
        && !mixed_superscript
    {
        return None;
    }
    let m = NOTE.find(content)?;
    // `注意…` or a bare superscript glued to nothing is not a note definition.
    if content[m.end()..].trim().is_empty() && !m.as_str().starts_with('[') {
        return None;
    }
    Some((m.as_str().trim().to_owned(), m.end()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::cleanup::patterns::toc_entry;

    #[test]
    fn meta_toc_notes() {
        assert_eq!(meta_label("〔提 要〕中国与中亚"), Some("提要".to_owned()));
        assert_eq!(
            meta_label("【完稿日期：2022-7-10】"),
            Some("完稿日期".to_owned())
        );
        assert_eq!(meta_label("【理响中国】xx"), None);
        assert_eq!(meta_label("关键词：民间外交"), Some("关键词".to_owned()));
        assert_eq!(
            toc_entry("三、能源全产业链合作加速推进.....\t10").map(|t| t.1),
            Some(10)
        );
        assert_eq!(toc_entry("序 言\t1").map(|t| t.1), Some(1));
        assert_eq!(
            toc_entry("2.1.1 支持的体系 . . . . . 5").map(|t| t.1),
            Some(5)
        );
        assert_eq!(toc_entry("在 2013 年"), None);
        assert_eq!(
            toc_entry("E.4 商标确认 . . . . . … . . . 93").map(|t| t.1),
            Some(93)
        );
        assert_eq!(
            toc_entry("E 文案                 92").map(|t| t.1),
            Some(92)
        );
        assert_eq!(note_start("[1] 参见").map(|n| n.0), Some("[1]".to_owned()));
        assert_eq!(note_start("^[2]《").map(|n| n.0), Some("^[2]".to_owned()));
        assert_eq!(note_start("① 同上。").map(|n| n.0), Some("①".to_owned()));
        assert_eq!(note_start("注意安全"), None);
    }
}
