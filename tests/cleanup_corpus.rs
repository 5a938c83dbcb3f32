//! The cleanup on the five real sample documents: lossless, mapped, structured.

mod common;

use pangzhu::document::{ArtifactKind, BlockKind, Document, RawPos};

fn open(prefix: &str) -> Document {
    common::open_sample(prefix)
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_corpus_file_is_lossless_and_round_trips() {
    for path in common::corpus_files() {
        let doc = Document::open(&path).unwrap_or_else(|e| panic!("{e}"));
        common::assert_lossless(&doc, &path);
        assert!(doc.text().len() > 1000);
    }
}

#[test]
fn blank_lines_and_wraps_are_gone() {
    for path in common::corpus_files() {
        let doc = Document::open(&path).unwrap_or_else(|e| panic!("{e}"));
        for block in doc.blocks() {
            let text = doc.block_text(block);
            assert!(
                !text.contains('\n'),
                "block {} keeps a line break",
                block.id
            );
            assert!(!text.starts_with(' ') && !text.ends_with(' '), "{text}");
        }
    }
    let doc = open("000");
    // 000:42 「本文采用广义的民」 / 000:44 「间外交概念」: a word broken by the wrap.
    assert!(doc.text().contains("本文采用广义的民间外交概念"));
    // 000:123 → note block 125–129 → 000:130 「 间外交」: rejoined across notes and a page start.
    assert!(
        doc.text()
            .contains("积极参与中国对中亚的民间外交，在教育、网络媒体")
    );
    // 004:23 「引」 / 004:25 内部资料 / 004:26 「 导」.
    assert!(
        open("004")
            .text()
            .contains("引导五国搭乘中国经济快速发展的列车")
    );
    // 001 page splits: 「商」 / 「谈」, and across a whole footnote block.
    let d1 = open("001");
    assert!(
        d1.text()
            .contains("积极主动与中亚邻国商谈解决历史遗留下来的边界问题")
    );
    assert!(d1.text().contains("区域合作色彩。随着2000年7月"));
    assert!(
        open("002")
            .text()
            .contains("较上年增加54亿美元，增速达7.2%")
    );
}

#[test]
fn spacing_rules_keep_real_spaces_only() {
    let d0 = open("000");
    let t = d0.text();
    assert!(t.contains("上海外国语大学等中国高校还在政府支持下"));
    assert!(t.contains("人数在 2020 年后略有下降，但是"));
    assert!(t.contains("2013 年起"), "number + unit spaces stay");
    assert!(t.contains("商 Megafon 合作"));
    assert!(t.contains("《多彩中亚 丝路新篇 | 鲁班工坊 跨文化交流的民间使者》"));
    assert!(
        t.contains("Opens a New Era of Relations,"),
        "Latin words rejoined with one space"
    );
    assert!(t.contains("面临诸多机遇：双方"));
    assert!(
        t.contains("全面战略伙伴关系[1]，"),
        "space before a marker removed"
    );
    assert!(!t.contains("始 终"));
    assert!(
        open("003")
            .text()
            .contains("始终秉持相互尊重、睦邻友好、同舟共")
    );
}

#[test]
fn urls_broken_across_lines_are_rebuilt() {
    let d0 = open("000");
    assert!(
        d0.text()
            .contains("http://www.xinhuanet.com/world/2023-05/19/c_1129629700.htm")
    );
    assert!(d0.text().contains(
        "http://gdj.xinjiang.gov.cn/xjgdj/qwpf/201905/4f08bda89b0a41a9baeb24004953b02f.shtml"
    ));
    let d1 = open("001");
    assert!(
        d1.text()
            .contains("http://news.sohu.com/20110424/n306351957.shtml")
    );
    assert!(!d1.text().contains("<http"), "autolink brackets removed");
}

#[test]
fn doubled_captions_collapse_to_one_copy() {
    let d3 = open("003");
    let captions: Vec<&str> = d3
        .blocks()
        .iter()
        .filter(|b| b.kind == BlockKind::Caption)
        .map(|b| d3.block_text(b))
        .collect();
    assert_eq!(captions.len(), 3, "{captions:?}");
    assert_eq!(
        squeeze(captions[0]),
        "阿拉木图州卡普恰盖100兆瓦光伏电站是哈萨克斯坦单体最大的光伏发电项目之一，也是中哈绿色能源合作项目之一。图为工作人员在监测太阳能电池方阵情况。（新华社发）"
    );
    assert_eq!(
        squeeze(captions[2]),
        "汽车行驶在吉尔吉斯斯坦新北南公路二期工程的大桥上。（新华社发）"
    );
    assert!(
        d3.dropped()
            .iter()
            .any(|d| d.kind == ArtifactKind::DuplicateRun)
    );
    // Genuine doubles in ordinary text survive.
    assert!(d3.text().contains("吉尔吉斯斯坦"));
}

#[test]
fn structure_is_recognised() {
    let d1 = open("001");
    let kinds = |doc: &Document, kind: BlockKind| -> Vec<String> {
        doc.blocks()
            .iter()
            .filter(|b| b.kind == kind)
            .map(|b| doc.block_text(b).to_owned())
            .collect()
    };
    assert_eq!(d1.title(), Some("中国对中亚外交：进展、经验与未来方向"));
    assert_eq!(kinds(&d1, BlockKind::Byline), vec!["邓浩"]);
    let meta = d1.blocks().iter().filter(|b| b.kind == BlockKind::Meta);
    let labels: Vec<&str> = meta.filter_map(|b| b.label.as_deref()).collect();
    assert!(
        labels.contains(&"提要") && labels.contains(&"关键词") && labels.contains(&"完稿日期"),
        "{labels:?}"
    );
    assert_eq!(kinds(&d1, BlockKind::Note).len(), 10);

    let d0 = open("000");
    assert_eq!(kinds(&d0, BlockKind::Note).len(), 67);
    assert!(kinds(&d0, BlockKind::Meta)[0].starts_with("【内容提要】民间外交"));
    assert_eq!(
        d0.title(),
        Some("从有所作为到积极进取：中国对中亚民间外交的进展与前景"),
        "from the running header"
    );
    let furniture: Vec<_> = d0
        .dropped()
        .iter()
        .filter(|d| d.kind != ArtifactKind::Markdown)
        .map(|d| (d.kind, d.line))
        .collect();
    assert!(
        furniture.contains(&(ArtifactKind::RunningHeader, 190))
            && furniture.contains(&(ArtifactKind::PageNumber, 192)),
        "{furniture:?}"
    );
    let headings: Vec<(String, Option<u8>)> = d0
        .blocks()
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .map(|b| (d0.block_text(b).to_owned(), b.level))
        .collect();
    assert!(
        headings.contains(&("一、中国对中亚民间外交取得的主要进展".into(), Some(1))),
        "{headings:?}"
    );
    assert!(headings.contains(&("（一）教育领域合作由初步接触到深入拓展".into(), Some(2))));
    assert!(headings.contains(&("结语".into(), Some(1))));

    let d2 = open("002");
    assert_eq!(kinds(&d2, BlockKind::Byline), vec!["新华社研究院"]);
    let toc = kinds(&d2, BlockKind::Toc);
    assert_eq!(toc.len(), 22, "the 目录 label and 21 entries: {toc:?}");
    assert!(toc.contains(&"三、能源全产业链合作加速推进".to_owned()));
    let h2: Vec<String> = kinds(&d2, BlockKind::Heading);
    assert!(
        h2.contains(&"第三章 展望未来：共筑区域命运共同体".to_owned()),
        "{h2:?}"
    );
    assert!(
        !h2.iter().any(|h| h.contains("中国制")),
        "a page-split half is no heading"
    );

    let d3 = open("003");
    assert_eq!(
        kinds(&d3, BlockKind::Title),
        vec![
            "中国—中亚共商共建共享成果丰硕",
            "打造共建“一带一路”高质量发展示范区",
            "中国—中亚合作为地区发展提供机遇"
        ]
    );
    let subheads = kinds(&d3, BlockKind::Heading);
    assert_eq!(
        subheads,
        vec![
            "新型国际关系典范",
            "经贸合作成果丰硕",
            "人文交流共促情谊",
            "十年结硕果",
            "高起点再出发"
        ]
    );
    assert!(
        d3.dropped()
            .iter()
            .any(|d| d.kind == ArtifactKind::EditorLine && d.line == 700)
    );
    let articles: Vec<u32> = d3.blocks().iter().map(|b| b.article).collect();
    assert_eq!(
        articles.iter().max(),
        Some(&2),
        "three articles on one page"
    );

    let d4 = open("004");
    assert_eq!(
        d4.title(),
        Some("关于加快推进中国与中亚国家经贸合作的对策建议")
    );
    assert_eq!(kinds(&d4, BlockKind::Byline), vec!["余淼杰 杜明威"]);
    assert!(
        d4.dropped()
            .iter()
            .any(|d| d.kind == ArtifactKind::Stamp && d.line == 25)
    );
    let h4 = kinds(&d4, BlockKind::Heading);
    assert!(
        h4.contains(
            &"（一）尽快启动中国—中亚自由贸易协定谈判，借助跨境电商平台实现贸易往来新增长"
                .to_owned()
        ),
        "{h4:?}"
    );
}

#[test]
fn source_map_points_at_raw_lines_and_columns() {
    let d0 = open("000");
    // 000:30 「…全面战略伙伴关系 [1]，」: the marker `[` is at column 11.
    let at = d0
        .text()
        .find("伙伴关系[1]")
        .map(|i| i + "伙伴关系".len())
        .unwrap_or_default();
    assert_eq!(d0.raw_pos(at), Some(RawPos { line: 30, col: 11 }));
    assert_eq!(d0.clean_offset(RawPos { line: 30, col: 11 }), Some(at));
    let block = d0.block_at(at).map(|b| (b.first_line, b.kind));
    assert_eq!(block, Some((22, BlockKind::Paragraph)));
}
