//! Captions: a figure or table number at the start, or a photo credit at the end.

use std::sync::LazyLock;

use regex::Regex;

use super::re;

/// A caption: a photo credit at the end, or a figure/table number at the start.
pub fn is_caption(content: &str) -> bool {
    static CREDIT: LazyLock<Regex> =
        LazyLock::new(|| re(r"[（(][^（）()]{1,20}(?:发|摄|供图|制图|提供|绘)[）)]$"));
    static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?:图|表|源代码|代码|清单|Figure|Table|Listing)\s*\d+(?:[-.]\d+)?\s*([:：.]|\s)|^图为",
        )
    });
    if content.ends_with(['）', ')']) && CREDIT.is_match(content) {
        return true;
    }
    if !content.starts_with(['图', '表', '源', '代', '清', 'F', 'T', 'L']) {
        return false;
    }
    let Some(m) = FIGURE.captures(content) else {
        return false;
    };
    // `表 4.2 中的命令……。` after a bare space is a sentence about the table, not its caption:
    // a caption is short, or names itself with a colon.
    m.get(1).is_none_or(|sep| !sep.as_str().trim().is_empty())
        || content.chars().count() <= 40 && !content.trim_end_matches('。').contains('。')
}

pub fn ends_with_credit(content: &str) -> bool {
    static CREDIT: LazyLock<Regex> =
        LazyLock::new(|| re(r"[（(][^（）()]{1,20}(?:发|摄|供图|制图|提供|绘)[）)]$"));
    CREDIT.is_match(content)
}
