//! Lines that are not prose: code listings and command transcripts, list items, and table
//! rows (cells set apart by wide gaps in `-layout` text, or one short cell per line in
//! reading-order text). Run after the other roles, on the lines still taken for body text.

use std::sync::LazyLock;

use regex::Regex;

mod definitions;
mod tables;

use super::classify::Role;
use super::lines::{Layout, Line};
use crate::document::chars::{display_width, is_sentence_end};
pub(super) use definitions::is_definition_term;
use definitions::mark_definitions;
use tables::{mark_cell_tables, mark_layout_tables};

/// Characters a code line may hold beyond ASCII: placeholders and the visible space of TeX
/// manuals (`⟨title⟩`, `\␣`).
fn code_extra(c: char) -> bool {
    matches!(c, '⟨' | '⟩' | '␣' | '…' | '–' | '—' | '’' | '‘' | '“' | '”')
}

/// Punctuation that only prose uses.
pub(super) fn prose_punct(c: char) -> bool {
    matches!(c, '。' | '，' | '；' | '！' | '？' | '、')
}

/// The part of a line before a TeX `%` comment (an unescaped `%`).
fn before_comment(s: &str) -> &str {
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'%' && (i == 0 || bytes[i - 1] != b'\\') {
            return &s[..i];
        }
    }
    s
}

/// A line of a code listing or a command transcript: ASCII code (a TeX comment may be in any
/// language) with a sign only code has — a TeX command at the start or with an argument, a
/// shell prompt, a command of a common tool, braces, or `key=value`.
pub fn is_code_line(content: &str) -> bool {
    // expl3 names hold `_` and `:` (`\cs_new_protected:Npn`).
    static TEX_ARG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\\[A-Za-z@_:]+\*?\s*[\[{]").expect("regex"));
    static START: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^(?:\\[A-Za-z@][A-Za-z@_:]*|\\[\[\]()]|[$#>]\s+[A-Za-z./~]|[{}]|%\s|",
            r"#(?:include|define|undef|ifn?def|if|else|endif|pragma)\b|#!/|",
            r"(?:sudo|apt|apt-get|aptitude|dpkg|dpkg-reconfigure|tlmgr|texdoc|kpsewhich|",
            r"latex|pdflatex|xelatex|lualatex|bibtex|biber|makeindex|xindy|mktexlsr|fmtutil|",
            r"updmap|mount|umount|cd|ls|cp|mv|rm|cat|echo|export|grep|mkdir|chmod|chown|",
            r"git|make|python3?|pip|cargo|modprobe|ip|ifconfig|systemctl|fdisk|parted|mkfs)",
            r"(?:\s+[-./~$<A-Za-z0-9]|$))"
        ))
        .expect("regex")
    });
    static KEY_VALUE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[A-Za-z_][\w.-]*\s*=\s*\S").expect("regex"));
    let code = before_comment(content).trim_end();
    if code.is_empty() {
        // A whole-line TeX comment.
        return content.starts_with("% ") || content == "%";
    }
    if code.chars().any(prose_punct) {
        return false;
    }
    // A listing's line number before its code (`67 \cs_new_protected:Npn \ctex_set:nn #1`), and
    // DocStrip guards (`〈*class|style〉`, `2293 〈/luatex〉`).
    static NUMBERED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d{1,5}\s+(\S.*)$").expect("regex"));
    static GUARD: LazyLock<Regex> = LazyLock::new(|| {
        // pdftotext gives the angle brackets as U+2329/U+232A; typed text has U+3008/U+3009.
        Regex::new(r"^[\x{2329}\x{3008}][*/!]?[A-Za-z0-9|&!_-]{1,60}[\x{232A}\x{3009}]")
            .expect("regex")
    });
    if GUARD.is_match(code) {
        return true;
    }
    if let Some(rest) = NUMBERED.captures(code).and_then(|c| c.get(1))
        && is_code_line(rest.as_str())
    {
        return true;
    }
    // Text inside braces and brackets is an argument (`\footnote{需要重复使用的脚注内容}`):
    // only what stands outside them must be code.
    let mut depth = 0usize;
    let (mut foreign, mut outside) = (0, 0);
    for c in code.chars() {
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => {
                outside += 1;
                if !c.is_ascii() && !code_extra(c) {
                    foreign += 1;
                }
            }
            _ => {}
        }
    }
    if foreign * 10 > outside.max(1) {
        return false;
    }
    let first = code.as_bytes()[0];
    (matches!(first, b'\\' | b'$' | b'#' | b'>' | b'{' | b'}' | b'%') || first.is_ascii_lowercase())
        && START.is_match(code)
        || TEX_ARG.is_match(code)
        || code.ends_with(['{', '}', ';'])
        // C++/Perl/Rust paths: `std::cout << "Hello"`.
        || code.contains("::") && !code.contains(": :")
        // A tabular or matrix row of a TeX listing: `1 & 2 \\`.
        || (code.ends_with("\\\\") || code.matches(" & ").count() >= 2) && code.contains('&')
        || (code.len() < 80 && KEY_VALUE.is_match(code) && !code.contains(' '))
}

/// The marker of a list item and its byte length: bullets (`•`, `-`, `–`, `*`), `1.`, `1)`,
/// `(1)`, `（1）`, `a)`. Chinese section numbers (`一、`, `（一）`) are headings, not items.
pub fn list_marker(content: &str) -> Option<usize> {
    static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\d{1,2}[.)．]|[(（]\d{1,2}[)）]|[a-z][.)])\s*").expect("regex")
    });
    let first = content.chars().next()?;
    if matches!(
        first,
        '•' | '·'
            | '▪'
            | '‣'
            | '◦'
            | '●'
            | '○'
            | '■'
            | '□'
            | '◆'
            | '–'
            | '-'
            | '*'
            | '\u{88}'
    ) {
        let len = first.len_utf8();
        let rest = &content[len..];
        // `-json` is an option, `--` a rule; an item has a space after its bullet.
        return (rest.starts_with(' ') && rest.trim().chars().count() >= 2).then_some(len);
    }
    let m = NUMBERED.find(content)?;
    let rest = &content[m.end()..];
    // `1.5 节`, `3.2.1`: section numbers; `1) ` must be followed by text.
    (!rest.starts_with(|c: char| c.is_ascii_digit()) && rest.chars().count() >= 2)
        .then_some(m.end())
}

pub fn mark_structure(lines: &[Line<'_>], layout: &Layout, roles: &mut [Role]) {
    let listing = mark_code(lines, roles);
    mark_transcript_output(lines, roles);
    mark_lists(lines, layout, roles);
    mark_definitions(lines, roles);
    mark_layout_tables(lines, layout, &listing, roles);
    mark_cell_tables(lines, layout, roles);
}

pub(super) fn body(roles: &[Role], i: usize) -> bool {
    matches!(roles[i], Role::Body)
}

/// The line number a listing prints before each line (`617   for line in f:lines() do`).
fn listing_number(content: &str) -> Option<u32> {
    let digits = content.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=5).contains(&digits) || !content[digits..].starts_with(' ') {
        return None;
    }
    content[..digits].parse().ok()
}

/// Code lines, and a body line between two of them that is not a sentence (`... % 注释`, an
/// argument line): a listing is not broken by one line the code signs miss. Lines numbered
/// one after another (three or more, whatever the language: `617 for line in f:lines() do` /
/// `618 s = line:explode("\t")`) are a numbered listing; returns which lines are in one.
fn mark_code(lines: &[Line<'_>], roles: &mut [Role]) -> Vec<bool> {
    let mut listing = vec![false; lines.len()];
    for i in 0..lines.len() {
        if body(roles, i) && is_code_line(lines[i].content()) {
            roles[i] = Role::Code;
        }
    }
    let numbered: Vec<(usize, u32)> = (0..lines.len())
        // The heading pass may have taken `626 end` for a numbered heading.
        .filter(|&i| matches!(roles[i], Role::Body | Role::Code | Role::Heading { .. }))
        .filter_map(|i| listing_number(lines[i].content()).map(|n| (i, n)))
        .collect();
    let mut start = 0;
    while start < numbered.len() {
        let mut end = start + 1;
        while end < numbered.len()
            && numbered[end].1 == numbered[end - 1].1 + 1
            && numbered[end].0 - numbered[end - 1].0 <= 3
        {
            end += 1;
        }
        if end - start >= 3 {
            for &(i, _) in &numbered[start..end] {
                if !lines[i].content().chars().any(prose_punct) {
                    roles[i] = Role::Code;
                    listing[i] = true;
                }
            }
        }
        start = end;
    }
    for i in 1..lines.len().saturating_sub(1) {
        let content = lines[i].content();
        let between = matches!(roles[i - 1], Role::Code) && matches!(roles[i + 1], Role::Code);
        if between
            && body(roles, i)
            && !content.is_empty()
            && display_width(content) <= 80
            && !content
                .chars()
                .any(|c| is_sentence_end(c) || prose_punct(c))
        {
            roles[i] = Role::Code;
        }
    }
    listing
}

/// What a command prints, under its `$ ` prompt line (`$ tlmgr info collections` /
/// `i collection-basic: Essential programs and files` …): the lines with no Chinese that follow
/// it, within two blank lines, up to the next blank line — or on over a page break.
fn mark_transcript_output(lines: &[Line<'_>], roles: &mut [Role]) {
    let output = |line: &Line<'_>| {
        let c = line.content();
        c.len() <= 160 && c.chars().all(|ch| ch.is_ascii() || code_extra(ch))
    };
    for i in 0..lines.len() {
        if !matches!(roles[i], Role::Code) || !lines[i].content().starts_with("$ ") {
            continue;
        }
        let mut j = i + 1;
        let mut gap = 0;
        let mut started = false;
        let mut page_break = false;
        while j < lines.len() {
            let line = &lines[j];
            page_break |= line.form_feed;
            if line.is_blank() || matches!(roles[j], Role::Furniture(_)) {
                gap += usize::from(line.is_blank());
                j += 1;
                continue;
            }
            let close = if started {
                gap == 0 || page_break
            } else {
                gap <= 2
            };
            if !close || !body(roles, j) || !output(line) {
                break;
            }
            roles[j] = Role::Code;
            started = true;
            gap = 0;
            page_break = false;
            j += 1;
        }
    }
}

/// List items, and the wrapped lines that carry each on: in `-layout` text the lines indented
/// past the item's marker, elsewhere the lines after a full one.
fn mark_lists(lines: &[Line<'_>], layout: &Layout, roles: &mut [Role]) {
    let mut open: Option<usize> = None;
    for i in 0..lines.len() {
        let line = &lines[i];
        if line.is_blank() {
            if !layout.interleaved_blanks {
                open = None;
            }
            continue;
        }
        if matches!(
            roles[i],
            Role::Furniture(_) | Role::NoteStart { .. } | Role::NoteCont
        ) {
            continue;
        }
        if !body(roles, i) {
            open = None;
            continue;
        }
        if list_marker(line.content()).is_some() {
            roles[i] = Role::ListItem;
            open = Some(i);
            continue;
        }
        let Some(item) = open else { continue };
        let prev = (item..i)
            .rev()
            .find(|&j| matches!(roles[j], Role::ListItem | Role::ListCont))
            .unwrap_or(item);
        let wrapped = lines[prev].width + 4 > lines[prev].column
            && !lines[prev].content().ends_with(is_sentence_end);
        let hanging = layout.column > 0 && line.indent > lines[item].indent && !line.form_feed;
        if wrapped || hanging {
            roles[i] = Role::ListCont;
        } else {
            open = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_lines() {
        for code in [
            r"\documentstyle[twoside,epsfig]{article}",
            r"\include{chapters/file} % 相对路径",
            r"\section[⟨short title⟩]{⟨title⟩}",
            "$ dpkg -i pangzhu.deb",
            "tlmgr install -reinstall -with-doc -with-src fontspec",
            "% 利用 makeindex 工具生成索引",
            "}",
            "DEBIAN_FRONTEND=newt",
            "#include <iostream>",
            r#"std::cout << "Hello, world!""#,
            r"x_{n1} & x_{n2} & \ldots & x_{nn}\\",
            r"\[E=mc^2 \qedhere\]",
            r"1 & 2 \\ 3 & 4",
            r"...\footnote{需要重复使用的脚注内容}%",
            r"\caption[目录中的标题]{真正的标题\footnote{脚注}}",
            r"\cs_new_protected:Npn \ctex_define:n",
            r"67 \cs_new_protected:Npn \ctex_set:nn #1",
            "〈*class|style〉",
            "2293 〈/luatex〉",
            "84 \u{2329}/!beamer\u{232A}",
            "{ \\keys_set:nn { ctex } }",
        ] {
            assert!(is_code_line(code), "{code}");
        }
        for prose in [
            "It has to be this way, without major rearchitecture work",
            r"\TeX 是一个排版系统，由高德纳开发。",
            "BOOT_DEBUG=1 比一般情况更多的信息。",
            "在终端显示将要执行的操作, 而不进行回滚.",
            "latex 命令会生成 dvi 文件",
            "AMD64 & Intel 64",
            "2022 年 7 月 14 日",
            "12 \\zhnumber 宏包用于将阿拉伯数字按照中文格式输出。",
        ] {
            assert!(!is_code_line(prose), "{prose}");
        }
    }

    #[test]
    fn a_command_prints_code_under_its_prompt() {
        use crate::document::{BlockKind, Document};
        let prose = crate::document::cleanup::wrapped_paragraph();
        let text = format!(
            "{prose}$ tlmgr info schemes\ni scheme-basic: basic scheme (plain and latex)\ni scheme-full: full scheme (everything)\n\nSee the manual for more.\n\n{prose}"
        );
        let doc = Document::from_text("t", &text);
        let blocks: Vec<(BlockKind, &str)> = doc
            .blocks()
            .iter()
            .map(|b| (b.kind, doc.block_text(b)))
            .collect();
        assert!(
            blocks.contains(&(
                BlockKind::Code,
                "$ tlmgr info schemes\ni scheme-basic: basic scheme (plain and latex)\ni scheme-full: full scheme (everything)"
            )),
            "{blocks:?}"
        );
        // After the blank line that ends the output, a sentence is text again.
        assert!(
            blocks.contains(&(BlockKind::Paragraph, "See the manual for more.")),
            "{blocks:?}"
        );
    }

    #[test]
    fn lines_numbered_one_after_another_are_a_listing() {
        use crate::document::{BlockKind, Document};
        let prose = crate::document::cleanup::wrapped_paragraph();
        let listing = "617 for line in f:lines() do\n618 s = line:explode(\"\\t\")\n619 if #s == 3 then\n620 prop = s[2]:sub(2)\n";
        let doc = Document::from_text("t", &format!("{prose}{listing}\n{prose}"));
        let code: Vec<&str> = doc
            .blocks()
            .iter()
            .filter(|b| b.kind == BlockKind::Code)
            .map(|b| doc.block_text(b))
            .collect();
        assert_eq!(code, [listing.trim_end()]);
        // Two numbered lines are no listing (`1 总则` / `2 附则`).
        let doc = Document::from_text(
            "t",
            &format!("{prose}12 for a while\n13 it rains\n\n{prose}"),
        );
        assert!(doc.blocks().iter().all(|b| b.kind != BlockKind::Code));
    }

    #[test]
    fn list_markers() {
        assert_eq!(list_marker("• Debian 社群契约 是"), Some(3));
        assert_eq!(list_marker("1. 文档保存为 UTF-8 编码"), Some(3));
        assert_eq!(list_marker("（2）教育合作"), Some(7));
        assert_eq!(list_marker("-json"), None);
        assert_eq!(list_marker("1.5 节"), None);
        assert_eq!(list_marker("3.2.1 列表"), None);
    }
}
