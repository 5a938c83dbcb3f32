//! Definition lists of `-layout` text: a short term on its own line (`-version`,
//! `-repository <url|path>`) with its description indented under it. Each term and its
//! description make one list item; the term keeps its own line.

use super::{body, list_marker, prose_punct};
use crate::document::chars::{is_han, is_sentence_end};
use crate::document::cleanup::classify::Role;
use crate::document::cleanup::lines::Line;

/// Longest term, in characters.
const TERM_CHARS: usize = 40;
/// How much deeper than its term a description is indented, at least, in display columns.
const DEEPER: usize = 3;

/// A term: short, not a sentence, not a clause. A list item starting on one is a definition,
/// whose description begins on a line of its own.
pub(in crate::document::cleanup) fn is_definition_term(content: &str) -> bool {
    !content.is_empty()
        && content.chars().count() <= TERM_CHARS
        && !content
            .chars()
            .any(|c| is_sentence_end(c) || prose_punct(c) || c == '：')
        // `其中 xxxxx 为版本号.`: a sentence in Latin punctuation.
        && !content.ends_with(['.', '!', '?', ':'])
        && !content.contains(". ")
        && list_marker(content).is_none()
}

/// A description line: Chinese prose (an indented Latin line is as likely code).
fn is_description(content: &str) -> bool {
    content.chars().any(is_han)
}

pub(super) fn mark_definitions(lines: &[Line<'_>], roles: &mut [Role]) {
    let mut i = 0;
    while i + 1 < lines.len() {
        let (term, next) = (&lines[i], &lines[i + 1]);
        // A term stands after a blank line, a heading or the description before it.
        let after_break = i == 0
            || lines[i - 1].is_blank()
            || matches!(roles[i - 1], Role::Heading { .. } | Role::HeadingCont)
            || matches!(roles[i - 1], Role::ListCont) && lines[i - 1].indent > term.indent;
        let defines = body(roles, i)
            && body(roles, i + 1)
            && after_break
            && !term.form_feed
            && !next.form_feed
            && is_definition_term(term.content())
            && next.indent >= term.indent + DEEPER
            && is_description(next.content());
        if !defines {
            i += 1;
            continue;
        }
        roles[i] = Role::ListItem;
        let depth = next.indent;
        let mut j = i + 1;
        while j < lines.len()
            && body(roles, j)
            && !lines[j].is_blank()
            && !lines[j].form_feed
            && lines[j].indent + 1 >= depth
        {
            roles[j] = Role::ListCont;
            j += 1;
        }
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use crate::document::BlockKind;
    use crate::document::cleanup::blocks_of;

    #[test]
    fn a_term_with_its_description_indented_under_it_is_one_item() {
        let text = "全局选项的说明如下。\n\n-version\n     显示 TEX Live 发行版以及 tlmgr 本身的版本信息, 如果同时指定了 -v 选项, TEX Live 模块的版\n     本号也会被显示.\n\n-repository <url|path>\n     用来临时修改当前命令的仓库位置.\n\n其中 xxxxx 为 fancyhdr 可用备份的版本号.\n     当且仅当同时指定 [pkg] 与一个可用的版本号时回滚.\n";
        let found = blocks_of(text);
        assert!(
            found.contains(&(
                BlockKind::List,
                "-version\n显示 TEX Live 发行版以及 tlmgr 本身的版本信息, 如果同时指定了 -v 选项, TEX Live 模块的版本号也会被显示.".into()
            )),
            "{found:?}"
        );
        assert!(
            found.contains(&(
                BlockKind::List,
                "-repository <url|path>\n用来临时修改当前命令的仓库位置.".into()
            )),
            "{found:?}"
        );
        // A sentence is no term, and Latin code indented under a line is no description.
        assert!(
            found
                .iter()
                .all(|(_, t)| !t.starts_with("其中 xxxxx 为 fancyhdr 可用备份的版本号.\n"))
        );
        let code = "说明如下，写得很长很长很长很长很长很长很长很长很长很长很长很长很长。\n\ndef main(src, name):\n    d = json.load(open(src, encoding=\"utf-8\"))\n";
        assert!(
            blocks_of(code).iter().all(|(k, _)| *k != BlockKind::List),
            "{:?}",
            blocks_of(code)
        );
    }
}
