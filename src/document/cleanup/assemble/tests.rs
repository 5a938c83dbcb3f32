//! Assembly as a reader sees it: paragraphs, joins, figures, code and tables.

use crate::document::cleanup::blocks_of;
use crate::document::{BlockKind, Document};

fn paragraphs(text: &str) -> Vec<String> {
    let doc = Document::from_text("t", text);
    doc.blocks()
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .map(|b| doc.block_text(b).to_owned())
        .collect()
}

#[test]
fn joins_wrapped_lines_by_script() {
    let text = "中国与中亚的合作不断深化，双方在教育、文化\n\n等领域取得成果。see the Opens a New Era of \n\nRelations, and http://www.\n\nexample.com/a.htm 以及 install-\n\nguide 文件。\n\n";
    assert_eq!(
        paragraphs(text),
        vec![
            "中国与中亚的合作不断深化，双方在教育、文化等领域取得成果。see the Opens a New Era of Relations, and http://www.example.com/a.htm 以及 install-guide 文件。"
        ]
    );
}

#[test]
fn real_blank_lines_break_paragraphs_interleaved_ones_do_not() {
    let plain = "第一段的第一行文字，写得很长很长很长很长\n第一段的第二行。\n\n第二段的第一行文字，写得很长很长很长很长\n第二段的第二行。\n";
    assert_eq!(paragraphs(plain).len(), 2);
    let interleaved = "第一段的第一行文字，写得很长很长很长很长\n\n第一段的第二行文字，写得很长很长很长很长\n\n第一段的第三行文字，写得很长很长很长很长\n\n第一段的末行。\n\n";
    assert_eq!(paragraphs(interleaved).len(), 1);
}

#[test]
fn indented_lines_start_paragraphs_and_truncated_lines_end_them() {
    let layout = "这是第一段的第一行文字，写得很长很长很长很长很长\n这是第一段的第二行文字，写得很长很长很长很长长。\n    这是第二段的第一行文字，写得很长很长很长很长\n这是第二段的第二行文字，写得很长很长很长很长很长\n";
    assert_eq!(paragraphs(layout).len(), 2);
    // A full line whose sentence is unfinished runs on into an indented line (a hanging
    // description, or a paragraph cut by a page furniture indent).
    let hanging = "这是第一段的第一行文字，写得很长很长很长很长很长\n这是第一段的第二行文字，写得很长很长很长很长很长\n    这是同一句的后半部分，写得很长很长很长很长\n";
    assert_eq!(paragraphs(hanging).len(), 1);
    let truncated = "这一行在末尾被截断了\u{FFFD}\n下一行不能盲目接上去\n";
    let doc = Document::from_text("t", truncated);
    assert_eq!(paragraphs(truncated).len(), 2);
    assert_eq!(doc.warnings().len(), 1);
    assert_eq!(doc.warnings()[0].line, 1);
}

#[test]
fn short_latin_fragments_of_a_chinese_document_are_figure_text() {
    let text = "这是正文的第一段，说明下面的图里画了什么东西，\n写得很长很长很长很长。\n\nABCDEabcde\n\n这是正文的第二段，图中的字母只是示例而已，\n写得很长很长很长很长。\n\nSee Figure 2.\n";
    let found = blocks_of(text);
    assert!(
        found.contains(&(BlockKind::Figure, "ABCDEabcde".into())),
        "{found:?}"
    );
    // A sentence is prose even when it is short and Latin.
    assert!(
        found.contains(&(BlockKind::Paragraph, "See Figure 2.".into())),
        "{found:?}"
    );
    // A document that is not Chinese keeps its short lines as paragraphs.
    let english = "This is the first paragraph of an English text.\n\nABCDEabcde\n";
    assert!(
        blocks_of(english)
            .iter()
            .all(|(k, _)| *k != BlockKind::Figure)
    );
}

#[test]
fn code_lines_stay_lines_and_tables_keep_cells() {
    let text = "下面是一个例子：\n\\begin{document}\n  \\section{引言}\n\\end{document}\n";
    let found = blocks_of(text);
    assert!(
        found.contains(&(
            BlockKind::Code,
            "\\begin{document}\n  \\section{引言}\n\\end{document}".into()
        )),
        "{found:?}"
    );
    let layout = "名称        说明          默认值\nencoding    指定编码      UTF8\nscheme      数字格式      chinese\n";
    let rows: Vec<(BlockKind, String)> = blocks_of(layout);
    assert_eq!(
        rows,
        vec![(
            BlockKind::Table,
            "名称\t说明\t默认值\nencoding\t指定编码\tUTF8\nscheme\t数字格式\tchinese".into()
        )]
    );
}

#[test]
fn a_line_ending_in_a_comma_runs_on_whatever_the_next_indent() {
    // `-layout` text where a raised letter broke a line early: the next line is indented
    // further, yet the sentence is unfinished.
    let text = "    这是一段说明文字的第一行，写得很长很长很长很长很长很长很长很长\n    对于这些程序、\n             另外两个程序，\n    都不需要指定编码，宏包将自动使用默认的编码。\n";
    assert_eq!(paragraphs(text).len(), 1, "{:?}", paragraphs(text));
    // A line ending a sentence, then an indented one, still starts a paragraph.
    let two = "    这是一段说明文字的第一行，写得很长很长很长很长很长很长很长很长\n    这是第一段的末行。\n        这是第二段的第一行，写得很长很长很长很长很长很长很长\n";
    assert_eq!(paragraphs(two).len(), 2);
}

#[test]
fn a_table_of_commands_printed_one_cell_per_line_is_one_table() {
    let text = "下表列出了字体命令，写得很长很长很长很长很长很长很长很长很长很长。\n\n效果\n\n\\bfseries\n\nbold face\n\n粗体\n\n\\itshape\n\nitalic\n\n意大利斜体\n\n后面是正文的另一段，写得很长很长很长很长很长很长很长很长。\n";
    let found = blocks_of(text);
    let tables: Vec<&String> = found
        .iter()
        .filter(|(k, _)| *k == BlockKind::Table)
        .map(|(_, t)| t)
        .collect();
    assert_eq!(tables.len(), 1, "{found:?}");
    assert_eq!(
        tables[0].lines().collect::<Vec<_>>(),
        [
            "效果",
            "\\bfseries",
            "bold face",
            "粗体",
            "\\itshape",
            "italic",
            "意大利斜体"
        ]
    );
    // Code lines printed beside their output, with no Chinese column, are no table.
    let listing = "下面的例子说明了这一点，写得很长很长很长很长很长很长很长很长很长。\n\n#include <iostream>\n\n#include <iostream>\n\nint main()\n\nint main()\n\n{\n\n后面是正文的另一段，写得很长很长很长很长很长很长很长很长。\n";
    assert!(
        blocks_of(listing)
            .iter()
            .all(|(k, _)| *k != BlockKind::Table),
        "{:?}",
        blocks_of(listing)
    );
}

#[test]
fn a_numbered_heading_after_table_cells_is_a_heading() {
    let text = "下表列出了字体命令，写得很长很长很长很长很长很长很长很长很长很长。\n\n命令\n\n效果\n\n粗体\n\n斜体\n\n3.6.5 嵌套表格\n相对于合并单元格，拆分单元格对于排版系统来说并非易事，写得很长很长很长很长。\n";
    let found = blocks_of(text);
    assert!(
        found.contains(&(BlockKind::Heading, "3.6.5 嵌套表格".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&(BlockKind::Table, "命令\n效果\n粗体\n斜体".into())),
        "{found:?}"
    );
}
