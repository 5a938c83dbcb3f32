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
