//! URLs in note text, rebuilt across the line breaks a PDF tool put inside them (ARTIFACTS C7).

/// Characters a URL is made of (ASCII only: a URL ends at whitespace, CJK or full-width
/// punctuation, and at the `<>` of an autolink).
pub fn is_url_char(c: char) -> bool {
    c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '\'' | '`' | '{' | '}' | '|' | '\\')
}

/// The run of URL characters at the end of `s`.
fn trailing_token(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_url_char(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &s[start..]
}

/// The text ends inside a URL that the next line may continue.
fn url_in_progress(s: &str) -> bool {
    let token = trailing_token(s);
    !token.is_empty() && (token.contains("://") || token.contains("www.") || token.contains("http"))
}

/// Join a note's physical lines for URL extraction: a line continuing an unfinished URL is
/// glued on with nothing between (trailing spaces dropped); other lines are separated by a
/// newline so no URL runs across them.
pub fn join_for_urls<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut joined = String::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let glue = url_in_progress(&joined) && line.chars().next().is_some_and(is_url_char);
        if !glue && !joined.is_empty() {
            joined.push('\n');
        }
        joined.push_str(line);
    }
    joined
}

/// Every URL in `text` (already joined), without `<>` and without trailing sentence
/// punctuation, in order of appearance.
pub fn find_urls(text: &str) -> Vec<String> {
    let mut urls = Vec::new();
    let mut from = 0;
    while let Some(start) = next_url_start(text, from) {
        let len = text[start..]
            .char_indices()
            .find(|&(_, c)| !is_url_char(c))
            .map_or(text.len() - start, |(i, _)| i);
        let url = text[start..start + len].trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        if url.len() > "www.".len() && !url.ends_with("://") {
            urls.push(url.to_owned());
        }
        from = start + len.max(1);
    }
    urls
}

/// Start of the next `http://`, `https://` or bare `www.` at or after `from`.
fn next_url_start(text: &str, from: usize) -> Option<usize> {
    let rest = text.get(from..)?;
    let http = rest
        .find("http://")
        .into_iter()
        .chain(rest.find("https://"))
        .min();
    let www = rest
        .match_indices("www.")
        .map(|(i, _)| i)
        .find(|&i| i == 0 || !rest[..i].ends_with(|c: char| is_url_char(c)));
    [http, www].into_iter().flatten().min().map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_broken_after_www_is_rebuilt() {
        let joined = join_for_urls([
            "[1]《宣言》，新华网，http://www.",
            "",
            "xinhuanet.com/world/2023-05/19/c_1129629700.htm。",
        ]);
        assert_eq!(
            find_urls(&joined),
            vec!["http://www.xinhuanet.com/world/2023-05/19/c_1129629700.htm"]
        );
    }

    #[test]
    fn trailing_space_autolinks_and_final_dot() {
        let joined = join_for_urls(["见 http://gdj.x.gov.cn/qwpf/ ", "201905/4f.shtml。"]);
        assert_eq!(
            find_urls(&joined),
            vec!["http://gdj.x.gov.cn/qwpf/201905/4f.shtml"]
        );
        let urls = find_urls("搜狐网，<http://news.sohu.com/n3.shtml>。及 www.a.cn/b. 完");
        assert_eq!(urls, vec!["http://news.sohu.com/n3.shtml", "www.a.cn/b"]);
    }

    #[test]
    fn a_finished_url_does_not_swallow_the_next_line() {
        let joined = join_for_urls(["http://a.cn/x.htm。", "abc 第 5 页"]);
        assert_eq!(find_urls(&joined), vec!["http://a.cn/x.htm"]);
        assert!(find_urls("http:// 无").is_empty());
    }
}
