//! Table rows: cells set apart by wide gaps in `-layout` text, or one short cell per line in
//! reading-order text (index columns too).

use std::sync::LazyLock;

use regex::Regex;

use super::{body, is_code_line, prose_punct};
use crate::document::chars::{display_width, is_han, is_sentence_end};
use crate::document::cleanup::classify::Role;
use crate::document::cleanup::headings::section_number_only;
use crate::document::cleanup::lines::{Layout, Line};
use crate::document::cleanup::patterns::heading_rank;

/// Columns where the wide gaps (three spaces or more) of a `-layout` line end: the starts of
/// its cells after the first. pdftotext's layout grid gives every character one column, a Han
/// character too (`二十亿…一百二十` + 30 spaces and `3` + … line up at 68), so columns are
/// counted in characters, not display width.
fn cell_starts(line: &Line<'_>) -> Vec<usize> {
    let content = line.content();
    let mut starts = Vec::new();
    let mut run = 0;
    for (col, c) in (line.indent..).zip(content.chars()) {
        if c == ' ' {
            run += 1;
        } else {
            if run >= 3 {
                starts.push(col);
            }
            run = 0;
        }
    }
    starts
}

/// A short line that can be one cell of a table flattened one cell per line: a few words, no
/// sentence end, not a clause (`，` at the end).
fn is_cell_line(content: &str) -> bool {
    let w = display_width(content);
    (1..=24).contains(&w)
        && !content
            .chars()
            .any(|c| is_sentence_end(c) || prose_punct(c))
        && !content.ends_with(['：', ':'])
}

/// An index entry: `术语, 12` or `\command, 62, 100`; an entry with dot leaders
/// (`\CJKrmdefault . . . . . 514, 1404, 1415,`) — a Chinese title with dot leaders and one
/// page number is a contents line, not an index entry; or the wrapped rest of its list of code line
/// or page numbers (`. 797, 798, 799,` / `2034, 4604, 4607`).
fn is_index_entry(content: &str) -> bool {
    static INDEX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^\S.{0,40}?, \d{1,4}(?:[–-]\d{1,4})?(?:, \d{1,4})*$|",
            r"^[^\p{Han}\s][^\p{Han}]{0,60}?(?: \.){3,}(?: ?\d{1,5}(?:, \d{1,5})*,?)?$|",
            r"^\S[^。，]{0,60}?(?: \.){3,} ?\d{1,5}(?:, \d{1,5})+,?$|",
            r"^(?:\. )?\d{1,5}(?:, \d{1,5}){2,},?$"
        ))
        .expect("regex")
    });
    content.len() <= 200 && INDEX.is_match(content)
}

/// `-layout` tables: two or more lines in a row whose wide gaps line up (a cell start within
/// two columns of one on the line before).
pub(super) fn mark_layout_tables(
    lines: &[Line<'_>],
    layout: &Layout,
    listing: &[bool],
    roles: &mut [Role],
) {
    let starts: Vec<Vec<usize>> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            // A numbered listing's indented code is no row of cells.
            if body(roles, i) || matches!(roles[i], Role::Code) && !listing[i] {
                cell_starts(l)
            } else {
                Vec::new()
            }
        })
        .collect();
    let aligned =
        |a: &[usize], b: &[usize]| a.iter().any(|x| b.iter().any(|y| x.abs_diff(*y) <= 2));
    let rows: Vec<usize> = (0..lines.len())
        .filter(|&i| !starts[i].is_empty())
        .collect();
    let mut is_row = vec![false; lines.len()];
    for pair in rows.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let between_blank = (a + 1..b).all(|k| lines[k].is_blank());
        if between_blank && b - a <= 2 && aligned(&starts[a], &starts[b]) {
            is_row[a] = true;
            is_row[b] = true;
        }
    }
    for i in 0..lines.len() {
        if is_row[i]
            || body(roles, i) && !starts[i].is_empty() && is_output_beside_code(lines[i].content())
        {
            roles[i] = Role::TableRow { cells: true };
        }
    }
    add_lone_first_cells(lines, layout, &starts, roles);
}

/// One row of an example printed beside the code that makes it (`2022 年 7 月 14 日   1
/// \zhtoday`): a line whose last cell, after a wide gap, is code, and whose cells before it
/// are no prose.
fn is_output_beside_code(content: &str) -> bool {
    let Some(gap) = content.rfind("   ") else {
        return false;
    };
    let (before, code) = (content[..gap].trim_end(), content[gap..].trim_start());
    !before.is_empty()
        && is_code_line(code)
        && !before.chars().any(|c| is_sentence_end(c) || prose_punct(c))
}

/// A row whose other cells are empty is one short line in the table's first column
/// (`二十亿零一千二百零二万零一百二十` above the rows that print its code beside it): a body
/// line right above or below a table's rows, at the column of the rows' first cells, ending
/// before their second cells start, and no clause of prose. Above the table it must not carry a
/// wrapped line of prose on (a line as wide as the text column right before it).
fn add_lone_first_cells(
    lines: &[Line<'_>],
    layout: &Layout,
    starts: &[Vec<usize>],
    roles: &mut [Role],
) {
    let is_row = |roles: &[Role], i: usize| matches!(roles[i], Role::TableRow { cells: true });
    let mut i = 0;
    while i < lines.len() {
        if !is_row(roles, i) {
            i += 1;
            continue;
        }
        // One table: rows with at most one blank line between them.
        let first = i;
        let mut last = i;
        let mut j = i + 1;
        while j < lines.len() && (is_row(roles, j) || lines[j].is_blank()) && j <= last + 2 {
            if is_row(roles, j) {
                last = j;
            }
            j += 1;
        }
        let rows = (first..=last).filter(|&k| is_row(roles, k));
        let column = rows.clone().map(|k| lines[k].indent).min().unwrap_or(0);
        let second = rows
            .flat_map(|k| starts[k].iter().copied())
            .filter(|&c| c > column)
            .min()
            .unwrap_or(0);
        let lone_cell = |roles: &[Role], k: usize| {
            let line = &lines[k];
            let content = line.content();
            body(roles, k)
                && !line.is_blank()
                && starts[k].is_empty()
                && line.indent.abs_diff(column) <= 1
                && line.indent + content.chars().count() + 2 <= second
                && !content
                    .chars()
                    .any(|c| is_sentence_end(c) || prose_punct(c))
        };
        let mut k = last + 1;
        while k < lines.len() && lone_cell(roles, k) {
            roles[k] = Role::TableRow { cells: true };
            k += 1;
        }
        let mut k = first;
        while k > 0 && lone_cell(roles, k - 1) {
            let above = (0..k - 1)
                .rev()
                .find(|&m| !lines[m].is_blank() || m + 2 < k);
            let runs_on = above.is_some_and(|m| {
                let prev = &lines[m];
                m + 2 == k
                    && body(roles, m)
                    && prev.width + 4 > prev.column.max(layout.column)
                    && !prev.content().ends_with(is_sentence_end)
            });
            if runs_on {
                break;
            }
            roles[k - 1] = Role::TableRow { cells: true };
            k -= 1;
        }
        i = k.max(j);
    }
}

/// A short code line standing alone between blank lines: in reading-order text a table of
/// commands (`\upshape` / `\textup{…}` / `upright` / `直立体`) comes out one cell per
/// paragraph, while a listing keeps its lines together.
fn is_code_cell(lines: &[Line<'_>], roles: &[Role], i: usize) -> bool {
    let alone = |j: Option<usize>| j.is_none_or(|j| lines[j].is_blank());
    matches!(roles[i], Role::Code)
        && display_width(lines[i].content()) <= 30
        && alone(i.checked_sub(1))
        && alone(Some(i + 1).filter(|&j| j < lines.len()))
}

/// Tables flattened one cell per line (and index columns): four or more short cell lines in a
/// row, blank lines between them allowed; lone short code lines count as cells of such a run
/// when at least two prose cells are in it. An index entry needs only three more within a few
/// lines of it: index columns are broken by letter headings and wrapped entries.
pub(super) fn mark_cell_tables(lines: &[Line<'_>], layout: &Layout, roles: &mut [Role]) {
    const NEAR: usize = 8;
    let index: Vec<usize> = (0..lines.len())
        .filter(|&i| body(roles, i) && is_index_entry(lines[i].content()))
        .collect();
    for &i in &index {
        let lo = index.partition_point(|&j| j + NEAR < i);
        let hi = index.partition_point(|&j| j <= i + NEAR);
        if hi - lo >= 4 {
            roles[i] = Role::TableRow { cells: false };
        }
    }
    let mut run = CellRun::default();
    for i in 0..lines.len() {
        if lines[i].is_blank() || matches!(roles[i], Role::Furniture(_)) {
            continue;
        }
        let content = lines[i].content();
        let index_row = matches!(roles[i], Role::TableRow { cells: false });
        if numbered_before_prose(lines, roles, i) && !index_row {
            // After cells the heading does not follow a paragraph end, which is what the
            // heading pass looked for.
            let after_cells = !run.lines.is_empty();
            // `4.7 数学符号的字体控制` right above `4.7.1 数学字母字体`: both headings.
            let above = run.lines.last().copied().filter(|&j| j + 1 == i);
            run.flush(roles);
            if after_cells && let Some(rank) = heading_rank(content) {
                roles[i] = Role::Heading { rank };
                if let Some(j) = above
                    && body(roles, j)
                    && let Some(rank) = heading_rank(lines[j].content())
                {
                    roles[j] = Role::Heading { rank };
                }
            }
        } else if index_row || body(roles, i) && (is_cell_line(content) || is_index_entry(content))
        {
            run.lines.push(i);
            run.han += usize::from(content.chars().any(is_han));
        } else if !layout.interleaved_blanks
            && body(roles, i)
            && !run.lines.is_empty()
            && is_clause_cell(lines, i)
        {
            run.lines.push(i);
            run.clauses.push(i);
            run.han += 1;
        } else if is_code_cell(lines, roles, i) {
            run.lines.push(i);
            run.code += 1;
        } else {
            run.flush(roles);
        }
    }
    run.flush(roles);
}

/// A description cell of a table printed one cell per line (`Latin Modern 字体，对 Computer
/// Modern 字体的扩展` beside `lmodern`): a clause or two with no sentence end, standing alone
/// between blank lines. Where every line stands alone, prose lines do too, so such cells are
/// only taken inside a run of plain cells, and never outnumber them.
fn is_clause_cell(lines: &[Line<'_>], i: usize) -> bool {
    let content = lines[i].content();
    let alone = |j: Option<usize>| j.is_none_or(|j| j >= lines.len() || lines[j].is_blank());
    (1..=60).contains(&display_width(content))
        && content.chars().any(is_han)
        && !content
            .chars()
            .any(|c| is_sentence_end(c) || matches!(c, '；' | '：' | ':'))
        && alone(i.checked_sub(1))
        && alone(Some(i + 1))
}

/// Cell lines in a row, gathered by [`mark_cell_tables`]: how many are code cells and how
/// many hold Chinese, and which are clause cells.
#[derive(Default)]
struct CellRun {
    lines: Vec<usize>,
    clauses: Vec<usize>,
    code: usize,
    han: usize,
}

impl CellRun {
    /// Marks the run's tables and empties it. A run with code
    /// cells is one table only with two Chinese cells (a description column); else the code
    /// is a listing printed with its output (`int main()`), and only the stretches of four
    /// prose cells between code lines are tables.
    fn flush(&mut self, roles: &mut [Role]) {
        let groups: Vec<Vec<usize>> = if self.code == 0 || self.han >= 2 {
            vec![std::mem::take(&mut self.lines)]
        } else {
            self.lines
                .split(|&k| matches!(roles[k], Role::Code))
                .map(<[usize]>::to_vec)
                .collect()
        };
        let clauses = |g: &[usize]| g.iter().filter(|k| self.clauses.contains(k)).count();
        for group in groups
            .iter()
            .filter(|g| g.len() >= 4 && clauses(g) * 2 <= g.len())
        {
            for &k in group {
                roles[k] = Role::TableRow { cells: false };
            }
        }
        *self = Self::default();
    }
}

/// A section number (`3.6.5 嵌套表格`, `2.4`) with prose under it begins what follows a
/// table; in a table (`第一章` beside a name) it is a cell.
fn numbered_before_prose(lines: &[Line<'_>], roles: &[Role], i: usize) -> bool {
    let content = lines[i].content();
    if heading_rank(content).is_none() && !section_number_only(content) {
        return false;
    }
    let next = (i + 1..lines.len()).find(|&j| !lines[j].is_blank());
    next.is_some_and(|j| {
        let c = lines[j].content();
        !(is_cell_line(c) || is_index_entry(c) || is_code_cell(lines, roles, j))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_beside_its_code() {
        let row = is_output_beside_code;
        assert!(row(
            "2022 年 7 月 14 日                            1   \\zhtoday"
        ));
        assert!(row(
            "二                                          1   \\zhnum{section}"
        ));
        assert!(!row("可以使用      \\zhnumsetup 命令"));
        assert!(!row("用于指定编码的宏包选项，         \\zhnumsetup"));
        assert!(!row("\\zhnumber{2012}"));
    }

    #[test]
    fn description_cells_with_commas_stay_in_their_table() {
        use crate::document::BlockKind;
        use crate::document::cleanup::blocks_of;
        // A paragraph of wrapped lines, so that blank lines carry paragraph information.
        let prose = crate::document::cleanup::wrapped_paragraph();
        let table = "lmodern\n\nLatin Modern 字体，对 Computer Modern 字体的扩展\n\ncmbright\n\n仿 Computer Modern 风格的无衬线字体\n\neuler\n\nEuler 风格数学字体，也出自于高德纳之手\n\nccfonts\n\nConcrete 风格字体\n";
        let blocks = blocks_of(&format!("{prose}{table}\n{prose}"));
        let tables: Vec<&String> = blocks
            .iter()
            .filter(|(k, _)| *k == BlockKind::Table)
            .map(|(_, t)| t)
            .collect();
        assert_eq!(tables.len(), 1, "{blocks:?}");
        assert!(
            tables[0].starts_with("lmodern\nLatin Modern 字体，"),
            "{}",
            tables[0]
        );
        assert!(tables[0].ends_with("Concrete 风格字体"), "{}", tables[0]);
        // Clauses alone with no plain cells among them are prose, not a table.
        let clauses = "第一句话说到这里，\n\n第二句话说到那里，\n\n第三句话还没有完，\n\n第四句话也没有完，\n\n";
        let blocks = blocks_of(&format!("{prose}{clauses}{prose}"));
        assert!(
            blocks.iter().all(|(k, _)| *k != BlockKind::Table),
            "{blocks:?}"
        );
    }

    #[test]
    fn index_entries_and_cells() {
        assert!(is_index_entry("ctexbook 文档类, 5, 12"));
        assert!(is_index_entry(r"\addtocounter, 100"));
        assert!(!is_index_entry("我们来看, 1 个例子。"));
        assert!(is_index_entry(
            r"\CJKrmdefault . . . . . . . . . 514, 1404, 1415,"
        ));
        assert!(is_index_entry(
            r"\CJKpunctmapfamily . . . . . . . . . . . ."
        ));
        assert!(is_index_entry(
            ". 797, 798, 799, 800, 801, 802, 806, 807, 808"
        ));
        assert!(is_index_entry(
            "2034, 4604, 4607, 4608, 4613, 4614, 4615, 4668, 4671,"
        ));
        assert!(!is_index_entry("什么是 TEX？. . . . . . . . . . . . . . ."));
        assert!(is_index_entry("脚注 . . . . . . . . . . . . 12, 15"));
        assert!(is_cell_line("翻译章节"));
        assert!(!is_cell_line("这是一句话。"));
    }
}
