//! Property tests: on any text made of the pieces PDF extraction produces, the cleanup never
//! panics, never loses a character and its source map always round-trips.

use pangzhu::document::{Document, lossless};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "中",
    "亚",
    "国",
    "合作",
    "发展",
    "。",
    "，",
    "、",
    "：",
    "“",
    "”",
    "《",
    "》",
    "（",
    "）",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u{c}",
    "[1]",
    " [2]",
    "^[3]",
    "①",
    "**",
    "<http://a.cn/x>",
    "http://www.",
    "example.com/a_b.htm",
    "2013",
    " 年",
    "5 月",
    "Era of ",
    "Relations",
    "-5-",
    "内部资料",
    "〔关 键 词〕",
    "【完稿日期：2022-7-10】",
    "一、",
    "（一）",
    "第三章",
    "目 录",
    "序 言\t1",
    "（（新华社发新华社发））",
    "，，",
    "本报记者 袁 勇",
    "□ 邓 浩",
    "\u{FFFD}",
    "\u{88}",
    "1.",
    "同上。",
    "始 终 秉 持",
    // Structure that PDF extractions of technical documents carry: code, lists, table rows.
    "$ dpkg -i a.deb",
    "\\begin{document}",
    "    ",
    "}",
    "• ",
    "- ",
    "ctexbook 文档类, 5, 12",
    "名称    说明    默认值",
    "2 ",
    "3参见",
    "¹",
    "†",
    "¬",
    "—",
    "⋯",
    "a",
    "Z",
    "9",
    "-",
];

fn document_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn cleanup_is_lossless_and_mapped(text in document_text()) {
        let doc = Document::from_text("generated.txt", &text);
        let violations = lossless::check(&doc);
        prop_assert!(violations.is_empty(), "{:?} in {:?}", violations, text);
        for block in doc.blocks() {
            prop_assert!(block.first_line <= block.last_line);
            prop_assert!(doc.block_text(block).len() == block.span.len());
        }
    }
}

/// Inputs the property test once found losing text; kept so they never come back.
#[test]
fn found_regressions_stay_lossless() {
    for text in [
        "-5-\u{88}5 月<http://a.cn/x>（（新华社发新华社发））",
        // A doubled copy straddling a control character the cleanup removed first.
        "图为会场（（新华社发新\u{88}华社发））",
    ] {
        let doc = Document::from_text("regression.txt", text);
        let violations = lossless::check(&doc);
        assert!(violations.is_empty(), "{violations:?} in {text:?}");
    }
}
