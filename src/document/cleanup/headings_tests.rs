//! The split-number heading rule, through the whole cleanup.

use crate::document::BlockKind;
use crate::document::cleanup::blocks_of;

#[test]
fn a_section_number_printed_apart_from_its_title_makes_one_heading() {
    let found = blocks_of(
        "标题\n\n前面一段话到这里结束。\n\n4.8\n\n定理环境\n\nLATEX 提供了定理环境，用于排版定理和引理。\n",
    );
    let heading = found
        .iter()
        .find(|(k, _)| *k == BlockKind::Heading)
        .expect("a heading");
    assert!(
        heading.1.starts_with("4.8") && heading.1.ends_with("定理环境"),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|(k, t)| *k == BlockKind::Paragraph && t == "定理环境"),
        "{found:?}"
    );
}

#[test]
fn a_number_above_a_sentence_or_a_running_head_stays_as_it_was() {
    // The line under the number is a sentence: no heading.
    let sentence =
        blocks_of("标题\n\n前文结束。\n\n2.5\n\n版本升级后，旧的配置仍然可用。\n\n下文。\n");
    assert!(
        !sentence
            .iter()
            .any(|(k, t)| *k == BlockKind::Heading && t.starts_with("2.5")),
        "{sentence:?}"
    );
    // Number, title, page number: a running head, not a heading.
    let running = blocks_of("标题\n\n前文结束。\n\n4.8\n\n定理环境\n\n53\n\n正文继续在这里。\n");
    assert!(
        !running
            .iter()
            .any(|(k, t)| *k == BlockKind::Heading && t.starts_with("4.8")),
        "{running:?}"
    );
}
