//! Margin notes and side columns of `-layout` text. pdftotext prints a page's left margin
//! column on the same lines as the body beside it (`Updated: 2022-07-10   用于指定编码的…`);
//! read as one line, a few characters of the margin land between two halves of a body
//! sentence. Where the body has a left edge well away from column 0, text that starts left of
//! that edge and stops short of it, followed by a wide gap and body text at the edge, is split
//! off as a line of its own, marked `margin`; the body text reads on unbroken.

use std::sync::LazyLock;

use regex::Regex;

use super::classify::Role;
use super::doubled::TrigramSlots;
use super::lines::{self, Layout, Line};
use crate::document::chars::display_width;

/// Narrowest body indent (display columns) that leaves room for a margin column.
const MIN_EDGE: usize = 12;
/// Widest margin text taken (display columns).
const MAX_MARGIN: usize = 30;
/// How far from the body's edge the text after the gap may start.
const EDGE_SLACK: usize = 2;

/// The lines with margin text split off (the margin part first, then the body part, both with
/// the raw line's number), and lines holding only margin text marked as such.
pub fn split_margins<'a>(lines: Vec<Line<'a>>, layout: &Layout) -> Vec<Line<'a>> {
    if layout.base_indent < MIN_EDGE {
        return lines;
    }
    let edges = page_edges(&lines, layout.base_indent);
    if !lines
        .iter()
        .zip(&edges)
        .any(|(l, &edge)| starts_in_margin(l, edge))
    {
        return lines;
    }
    let mut slots = TrigramSlots::default();
    let mut out = Vec::with_capacity(lines.len() + 16);
    for (i, line) in lines.iter().enumerate() {
        let edge = edges[i];
        if !starts_in_margin(line, edge) {
            out.push(line.clone());
            continue;
        }
        if let Some((margin_end, body_start)) = split_point(line, edge) {
            let mut margin = lines::part(
                line,
                line.content_start,
                margin_end,
                line.indent,
                &mut slots,
            );
            margin.margin = true;
            let body = lines::part(line, body_start, line.content_end, edge, &mut slots);
            out.push(margin);
            out.push(body);
        } else if margin_only(&lines, i, edge) {
            let mut margin = line.clone();
            margin.margin = true;
            out.push(margin);
        } else {
            out.push(line.clone());
        }
    }
    out
}

/// The body's left edge on each line's page: odd and even pages are often shifted against
/// each other. A page with few text lines keeps the document's edge.
fn page_edges(lines: &[Line<'_>], base: usize) -> Vec<usize> {
    let mut edges = vec![base; lines.len()];
    for page in lines::pages(lines) {
        let mut indents: Vec<usize> = lines[page.clone()]
            .iter()
            .filter(|l| !l.is_blank() && !l.form_feed)
            .map(|l| l.indent)
            .collect();
        if indents.len() >= 8 {
            indents.sort_unstable();
            let edge = lines::mode(&indents);
            if edge >= MIN_EDGE {
                edges[page].fill(edge);
            }
        }
    }
    edges
}

/// Text starts left of the body's edge, far enough to leave room for a margin column.
fn starts_in_margin(line: &Line<'_>, edge: usize) -> bool {
    !line.is_blank() && !line.form_feed && line.indent + 4 <= edge
}

/// Where the margin text ends and the body text starts (byte offsets in `line.text`): the
/// first gap of three spaces or more, if the text after it starts at the body's edge.
fn split_point(line: &Line<'_>, edge: usize) -> Option<(usize, usize)> {
    let content = line.content();
    let bytes = content.as_bytes();
    let mut k = 0;
    while k < bytes.len() {
        if bytes[k] != b' ' {
            k += 1;
            continue;
        }
        let gap_end = k + bytes[k..].iter().take_while(|&&b| b == b' ').count();
        if gap_end - k >= 3 {
            let margin_width = display_width(&content[..k]);
            let body_col = line.indent + margin_width + (gap_end - k);
            let fits = margin_width <= MAX_MARGIN && body_col.abs_diff(edge) <= EDGE_SLACK;
            return fits.then_some((line.content_start + k, line.content_start + gap_end));
        }
        k = gap_end;
    }
    None
}

/// A short line left of the body's edge, right above body text at the edge: a margin note on
/// a line of its own. A line followed by another that starts in the margin is a table or an
/// outdented block, not a note.
fn margin_only(lines: &[Line<'_>], i: usize, edge: usize) -> bool {
    let line = &lines[i];
    if line.width > MAX_MARGIN || line.indent + line.width + 3 > edge {
        return false;
    }
    lines
        .get(i + 1)
        .is_some_and(|next| !next.is_blank() && next.indent.abs_diff(edge) <= EDGE_SLACK)
}

/// A version stamp printed in the margin beside a new or changed entry, which reading-order
/// text puts on lines of its own (`New` / `v0.4`): a `v1.2`-style version alone on its line,
/// and a one-word label right above it; or a dated stamp alone on its line. Margin text, not
/// a heading or the start of a paragraph.
pub fn mark_version_stamps(lines: &[Line<'_>], roles: &mut [Role]) {
    static VERSION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[vV]\d{1,3}(?:\.\d{1,3}){1,3}[a-z]?$").expect("regex"));
    // A dated stamp beside a command's description (`Updated: 2019-11-10`, `New: 2016-10-01`).
    static DATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:New|Updated|Changed|Revised|Added|Deprecated|Removed|新增|更新|修改):\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$",
        )
        .expect("regex")
    });
    for i in 0..lines.len() {
        if !matches!(roles[i], Role::Body) {
            continue;
        }
        if DATED.is_match(lines[i].content()) {
            roles[i] = Role::Margin;
            continue;
        }
        if !VERSION.is_match(lines[i].content()) {
            continue;
        }
        roles[i] = Role::Margin;
        if let Some(j) = i.checked_sub(1)
            && matches!(roles[j], Role::Body)
            && (1..=8).contains(&lines[j].char_len())
            && lines[j].content().chars().all(char::is_alphabetic)
        {
            roles[j] = Role::Margin;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::document::BlockKind;
    use crate::document::cleanup::blocks_of;

    const PAGE: &str = concat!(
        "                      这是正文的第一行，排版时左边留出了很宽的页边，用来放边注和\n",
        "Updated: 2022-07-10   命令的名称。正文从第二十三列开始，边注从第一列开始，二者\n",
        "                      在同一行上，但它们不是一句话。这一段一直说到这里才结束。\n",
        "\n",
        "                      第二段正文也从同一列开始，没有边注，写得很长很长很长很长很长\n",
        "encoding              也没有问题。\n",
        "\n",
        "边注单独一行\n",
        "                      第三段正文紧跟在单独一行的边注后面，写得很长很长很长很长很长\n",
        "                      的句子结束了。\n",
    );

    #[test]
    fn margin_text_is_split_off_and_the_body_reads_on() {
        let found = blocks_of(PAGE);
        let paragraphs: Vec<&str> = found
            .iter()
            .filter(|(k, _)| *k == BlockKind::Paragraph)
            .map(|(_, t)| t.as_str())
            .collect();
        assert_eq!(
            paragraphs[0],
            "这是正文的第一行，排版时左边留出了很宽的页边，用来放边注和命令的名称。正文从第二十三列开始，边注从第一列开始，二者在同一行上，但它们不是一句话。这一段一直说到这里才结束。"
        );
        assert!(
            paragraphs[1].ends_with("很长很长也没有问题。"),
            "{paragraphs:?}"
        );
        let margins: Vec<&str> = found
            .iter()
            .filter(|(k, _)| *k == BlockKind::Margin)
            .map(|(_, t)| t.as_str())
            .collect();
        assert_eq!(margins, ["Updated: 2022-07-10", "encoding", "边注单独一行"]);
    }

    #[test]
    fn text_without_a_wide_left_margin_is_left_alone() {
        let text =
            "正文从第一列开始，写得很长很长很长很长很长很长很长很长\nname   value   其他的列\n";
        assert!(blocks_of(text).iter().all(|(k, _)| *k != BlockKind::Margin));
    }

    #[test]
    fn version_stamps_are_margin_text() {
        let prose = crate::document::cleanup::wrapped_paragraph();
        let text = format!("{prose}New\nv0.4\n\n如何注释掉一大段内容？\n\n{prose}");
        let found = blocks_of(&text);
        assert!(
            found.contains(&(BlockKind::Margin, "New v0.4".to_owned())),
            "{found:?}"
        );
        assert!(
            found.contains(&(BlockKind::Paragraph, "如何注释掉一大段内容？".to_owned())),
            "{found:?}"
        );
        let text =
            format!("{prose}Updated: 2019-11-10\n\n使用 XeLaTeX 编译时，这个选项无效。\n\n{prose}");
        assert!(
            blocks_of(&text).contains(&(BlockKind::Margin, "Updated: 2019-11-10".to_owned())),
            "{:?}",
            blocks_of(&text)
        );
        // A section number is no version.
        let text = format!("{prose}4.4\n\n多行公式\n\n{prose}");
        assert!(
            blocks_of(&text)
                .iter()
                .all(|(k, _)| *k != BlockKind::Margin)
        );
    }
}
