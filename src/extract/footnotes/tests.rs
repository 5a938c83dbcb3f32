//! Forms the sample corpus lacks, built as small documents.

use super::*;

fn doc(text: &str) -> Document {
    Document::from_text("test.txt", text)
}

#[test]
fn bracket_markers_link_and_keep_raw_positions() {
    let d =
        doc("合作体量很小 [1]，发展^[2]迅速。\n\n[1] 张三：《论合作》，第 5 页。\n\n[2] 同上。\n");
    let f = extract_footnotes(&d);
    assert_eq!(f.markers.len(), 2);
    assert_eq!(f.markers[0].marker, "[1]");
    assert!(f.markers[0].space_before);
    assert_eq!((f.markers[0].line, f.markers[0].col), (1, 8));
    assert_eq!(f.markers[1].marker, "^[2]");
    assert_eq!(f.markers[1].col, 14);
    assert_eq!(f.markers[0].note, Some(0));
    assert_eq!(f.notes[1].ibid_of, Some(0));
    assert_eq!(f.notes[0].text, "张三：《论合作》，第 5 页。");
}

#[test]
fn circled_markers_link_to_circled_notes() {
    let d = doc(
        "中国与中亚合作密切。①双方签署协定②，意义重大。\n\n① 张三：《论合作》，第 5 页。\n\n② 李四：《再论合作》，第 9 页。\n",
    );
    let f = extract_footnotes(&d);
    let got: Vec<_> = f
        .markers
        .iter()
        .map(|m| (m.marker.as_str(), m.note))
        .collect();
    assert_eq!(got, vec![("①", Some(0)), ("②", Some(1))]);
    assert_eq!(f.notes[1].text, "李四：《再论合作》，第 9 页。");
    assert_eq!(f.markers[0].col, 11);
}

#[test]
fn superscript_and_zhu_markers() {
    let d = doc(
        "合作成果显著。¹贸易额增长²，详情从略（注3）。\n\n¹ 张三：《论合作》，第 5 页。\n\n² 李四：《贸易》，第 9 页。\n\n注3：王五：《说明》，第 1 页。\n",
    );
    let f = extract_footnotes(&d);
    let got: Vec<_> = f
        .markers
        .iter()
        .map(|m| (m.marker.as_str(), m.n, m.note))
        .collect();
    assert_eq!(
        got,
        vec![("¹", 1, Some(0)), ("²", 2, Some(1)), ("注3", 3, Some(2))]
    );
    assert_eq!(f.notes[2].text, "王五：《说明》，第 1 页。");
}

#[test]
fn paren_markers_only_with_a_matching_definition() {
    let text = "两国签署协定（1），并分为：（2）教育合作。\n\n（1）张三：《论合作》，北京：人民出版社 2020 年版，第 5 页。\n";
    let f = extract_footnotes(&doc(text));
    assert_eq!(f.markers.len(), 1, "{:?}", f.markers);
    assert_eq!(f.markers[0].marker, "（1）");
    assert_eq!(f.markers[0].note, Some(0));
    assert_eq!(f.notes[0].n, 1);
    let no_definition = extract_footnotes(&doc("两国签署协定（1），意义重大。\n"));
    assert!(no_definition.markers.is_empty());
}

#[test]
fn ibid_first_in_a_block_refers_to_the_previous_block() {
    let text = "第一页正文。[1]\n\n[1] 张三：《论合作》，第 5 页。\n\n 第二页正文继续。[1]\n\n[1] 同上。\n";
    let f = extract_footnotes(&doc(text));
    assert_eq!(f.notes.len(), 2);
    assert_ne!(f.notes[0].group, f.notes[1].group);
    assert_eq!(f.notes[1].ibid_of, Some(0));
    assert_eq!(f.markers[1].note, Some(1));
}

#[test]
fn orphans_are_reported_not_dropped() {
    let text = "正文一。[1]正文二。[2]\n\n[1] 张三：《论合作》，第 5 页。\n\n[3] 李四：《孤注》，第 9 页。\n";
    let f = extract_footnotes(&doc(text));
    assert_eq!(f.markers.len(), 2);
    assert_eq!(f.unlinked_markers, vec![1]);
    assert_eq!(f.markers[1].link, LinkKind::Unlinked);
    assert_eq!(f.unreferenced_notes, vec![1]);
    assert_eq!(f.notes[1].n, 3);
}

#[test]
fn marker_after_its_notes_falls_back_to_an_unclaimed_earlier_note() {
    let text = "正文一。[1]\n\n[1] 张三：《论合作》，第 5 页。\n\n[2] 李四：《再论》，第 9 页。\n\n 下一页正文。[2]\n";
    let f = extract_footnotes(&doc(text));
    assert_eq!(f.markers[1].note, Some(1));
    assert_eq!(f.markers[1].link, LinkKind::Earlier);
    assert_eq!(f.irregular_links, vec![1]);
}

#[test]
fn url_broken_after_www_in_a_note() {
    let text = "正文。[1]\n\n[1] 《宣言》，新华网，http://www.\n\nxinhuanet.com/world/c_1.htm。\n";
    let f = extract_footnotes(&doc(text));
    assert_eq!(
        f.notes[0].urls,
        vec!["http://www.xinhuanet.com/world/c_1.htm"]
    );
}

#[test]
fn repeats_and_short_forms() {
    let text = "甲。[1]乙。[2]丙。[3]\n\n[1] 《中国政府关于安全保证的声明》，《国务院公报》1995 年第 2 期。\n\n[2] 《中国政府关于安全保证的声明》。\n\n[3] 《中国政府关于安全保证的声明》，《国务院公报》1995 年第 2 期。\n";
    let f = extract_footnotes(&doc(text));
    assert_eq!(f.notes[1].short_form_of, Some(0));
    assert_eq!(f.notes[2].repeat_of, Some(0));
    assert_eq!(f.notes[2].short_form_of, None);
}

#[test]
fn lookups_for_the_reader() {
    let d = doc("合作体量很小。[1]\n\n[1] 张三：《论合作》，第 5 页。\n");
    let f = extract_footnotes(&d);
    let m = &f.markers[0];
    assert_eq!(m.span.slice(d.text()), Some("[1]"));
    assert_eq!(f.marker_at(m.span.start() + 1), Some(m));
    assert_eq!(f.note_of(m).map(|n| n.line), Some(3));
    assert_eq!(f.markers_of(0).count(), 1);
    assert_eq!(
        f.notes[0].label_span.slice(d.text()),
        Some("[1]"),
        "the label span covers the cleaned label"
    );
}

/// Pages of body text with page-bottom notes, pages ended by form feeds as pdftotext does.
fn pages(pages: &[&str]) -> Document {
    Document::from_text("p.txt", &pages.join("\u{c}"))
}

#[test]
fn plain_numbers_restart_on_every_page() {
    let doc = pages(&[
        "这是第一页的正文，说到排版系统2 时要加注。又说到出错3 。\n后面还有一行正文，结束了。\n\n2 参见某书第五页。\n3参见另一本书。\n\n1\n",
        "第二页正文再次提到系统。1这里的 1 和 2 都是正文里的数字。\n\n1 第二页的注释。\n\n2\n",
    ]);
    let f = extract_footnotes(&doc);
    let got: Vec<(u32, u32, Form)> = f.markers.iter().map(|m| (m.line, m.n, m.form)).collect();
    assert_eq!(
        got,
        vec![
            (1, 2, Form::Plain),
            (1, 3, Form::Plain),
            (8, 1, Form::Plain)
        ],
        "{:?}",
        f.markers
    );
    assert!(f.markers.iter().all(|m| m.note.is_some()));
    assert_eq!(f.notes.len(), 3);
    assert_eq!(f.notes[1].text, "参见另一本书。");
}

#[test]
fn numbers_without_a_note_on_their_page_are_not_markers() {
    let doc = pages(&[
        "正文提到版本3 的变化，也说到第4章。\n更多正文在这里，说完了。\n\n1\n",
        "第二页正文。\n\n3 这一行在第二页底部，却没有标记。\n\n2\n",
    ]);
    let f = extract_footnotes(&doc);
    assert!(f.markers.is_empty(), "{:?}", f.markers);
}

#[test]
fn symbols_and_stand_in_glyphs_link_on_their_page() {
    let doc = pages(&[
        "关于某工具的简介∗\n作者某某†\n\n正文一段。\n\n∗ https://example.org/tool\n† someone@example.org\n\n1\n",
        "这一页用另一种字体¬，再说一处。\n正文结束。\n\n¬第一条注释的内容。\n\n2\n",
        "下一页又从头数起¬，还有一处®。\n正文结束。\n\n¬这一页的第一条注释。\n\n3\n",
    ]);
    let f = extract_footnotes(&doc);
    let got: Vec<(String, u32, Form)> = f
        .markers
        .iter()
        .map(|m| (m.marker.clone(), m.n, m.form))
        .collect();
    assert_eq!(
        got,
        vec![
            ("∗".to_owned(), 1, Form::Symbol),
            ("†".to_owned(), 2, Form::Symbol),
            ("¬".to_owned(), 1, Form::Glyph),
            ("¬".to_owned(), 1, Form::Glyph),
        ],
        "{:?}",
        f.markers
    );
    assert!(f.markers.iter().all(|m| m.note.is_some()));
}

#[test]
fn endnotes_of_a_chapter_link_to_its_markers() {
    let text = "第一章\n\n正文说到甲事1 。又说到乙事2 ，还有 3 个苹果。\n\n注释\n\n1. 甲事的出处。\n2. 乙事的出处。\n\n第二章\n\n正文又说到丙事1 。\n\n注释\n\n1. 丙事的出处。\n";
    let f = extract_footnotes(&doc(text));
    let got: Vec<(u32, u32)> = f.markers.iter().map(|m| (m.line, m.n)).collect();
    assert_eq!(got, vec![(3, 1), (3, 2), (12, 1)], "{:?}", f.markers);
    let linked: Vec<u32> = f
        .markers
        .iter()
        .map(|m| f.note_of(m).map_or(0, |n| n.line))
        .collect();
    assert_eq!(linked, vec![7, 8, 16]);
    assert_eq!(f.notes[0].text, "甲事的出处。");
}

#[test]
fn a_listing_holds_no_markers() {
    let d = doc(
        "合作体量很小 [1]，发展迅速。\n\n\\newcommand\\foo[1]{#1}\n\\renewcommand{\\chaptermark}[1]{\\markboth{#1}{}}\n\n[1] 张三：《论合作》，第 5 页。\n",
    );
    let f = extract_footnotes(&d);
    let got: Vec<_> = f.markers.iter().map(|m| (m.line, m.note)).collect();
    assert_eq!(got, vec![(1, Some(0))]);
    assert!(f.citations.is_empty());
}
