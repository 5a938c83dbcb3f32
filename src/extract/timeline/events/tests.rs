use super::*;
use crate::document::Document;
use crate::extract::timeline::{Timeline, TimelineOptions, extract_timeline, merge_timelines};

fn timeline(source: &str, text: &str) -> Timeline {
    extract_timeline(
        &Document::from_text(source, text),
        &TimelineOptions::default(),
    )
}

fn events(docs: &[(&str, &str)]) -> Vec<(String, String, EventTag)> {
    let timelines: Vec<(String, Timeline)> = docs
        .iter()
        .map(|(s, t)| ((*s).to_owned(), timeline(s, t)))
        .collect();
    let refs: Vec<(&str, &Timeline)> = timelines.iter().map(|(s, t)| (s.as_str(), t)).collect();
    let rows = merge_timelines(&refs);
    let tags = group_events(&Segmenter::builtin(), &rows);
    assert_eq!(tags.len(), rows.len());
    rows.iter()
        .zip(tags)
        .map(|(r, t)| (r.source.to_owned(), r.entry.value.to_string(), t))
        .collect()
}

#[test]
fn one_summit_dated_at_the_day_a_day_range_and_the_month_is_one_event() {
    let found = events(&[
        (
            "a.txt",
            "标题\n\n2023年5月18日，首届中国—中亚峰会在西安开幕，各国元首出席峰会。\n",
        ),
        (
            "b.txt",
            "标题\n\n2023年5月18日至19日，首届中国—中亚峰会在西安举行。\n",
        ),
        (
            "c.txt",
            "标题\n\n2023年5月，中国—中亚峰会在西安召开，峰会成果丰硕。\n",
        ),
    ]);
    let ids: BTreeSet<&str> = found.iter().map(|(_, _, t)| t.id.as_str()).collect();
    assert_eq!(ids.len(), 1, "{found:?}");
    let tag = &found[0].2;
    assert_eq!(tag.mentions, 3);
    assert!(
        tag.label.contains("峰会") || tag.label.contains("西安"),
        "{tag:?}"
    );
    assert!(tag.confidence > 0.3 && tag.confidence <= 1.0, "{tag:?}");
    assert!(tag.why.contains("compatible dates"), "{tag:?}");
}

#[test]
fn two_things_in_the_same_month_are_two_events() {
    let found = events(&[
        (
            "a.txt",
            "标题\n\n2023年5月，首届中国—中亚峰会在西安召开。\n",
        ),
        (
            "b.txt",
            "标题\n\n2023年5月，哈萨克斯坦议会通过了新的预算法案。\n",
        ),
    ]);
    assert_ne!(found[0].2.id, found[1].2.id, "{found:?}");
    assert_eq!(found[0].2.mentions, 1);
}

#[test]
fn a_figure_both_reports_quote_ties_them() {
    let found = events(&[
        (
            "a.txt",
            "标题\n\n2024 年，中国与中亚国家贸易额达到创纪录的 948 亿美元。\n",
        ),
        (
            "b.txt",
            "标题\n\n2024年底，中国与中亚国家的贸易总额达到948亿美元，取代俄罗斯成为第一大贸易伙伴。\n",
        ),
    ]);
    assert_eq!(found[0].2.id, found[1].2.id, "{found:?}");
    assert!(!found[0].2.label.contains('#'), "{found:?}");
}

#[test]
fn incompatible_dates_and_note_dates_stay_apart() {
    let found = events(&[
        (
            "a.txt",
            "标题\n\n2022年9月，上海合作组织峰会在撒马尔罕举行。\n",
        ),
        (
            "b.txt",
            "标题\n\n2024年7月，上海合作组织峰会在阿斯塔纳举行。\n",
        ),
    ]);
    assert_ne!(found[0].2.id, found[1].2.id, "{found:?}");
}

#[test]
fn two_reports_dating_one_summit_a_day_apart_disagree() {
    let found = events(&[
        (
            "a.txt",
            "标题\n\n2023年5月18日，首届中国—中亚峰会在西安开幕，六国元首签署《西安宣言》。\n",
        ),
        (
            "b.txt",
            "标题\n\n2023年5月19日，首届中国—中亚峰会在西安开幕，六国元首签署《西安宣言》。\n",
        ),
    ]);
    assert_eq!(found[0].2.id, found[1].2.id, "{found:?}");
    assert!(found[0].2.disagrees, "{found:?}");
    assert!(found[0].2.why.contains("dates disagree"), "{found:?}");
}

#[test]
fn nested_dates_agree_and_loosely_similar_close_dates_stay_apart() {
    let found = events(&[
        (
            "a.txt",
            "标题\n\n2023年5月18日，首届中国—中亚峰会在西安开幕。\n",
        ),
        (
            "b.txt",
            "标题\n\n2023年5月，首届中国—中亚峰会在西安召开。\n",
        ),
        (
            "c.txt",
            "标题\n\n2023年5月20日，中亚国家外长在阿斯塔纳举行会晤，讨论能源合作。\n",
        ),
    ]);
    let summit: Vec<&EventTag> = found
        .iter()
        .filter(|(s, _, _)| s != "c.txt")
        .map(|(_, _, t)| t)
        .collect();
    assert_eq!(summit[0].id, summit[1].id, "{found:?}");
    assert!(!summit[0].disagrees, "{found:?}");
    let other = found
        .iter()
        .find(|(s, _, _)| s == "c.txt")
        .expect("c.txt has a date");
    assert_ne!(other.2.id, summit[0].id, "{found:?}");
}

#[test]
fn a_comparison_year_in_the_same_sentence_is_no_disagreement() {
    let found = events(&[
        (
            "a.txt",
            "标题\n\n2024年，中国同中亚国家贸易总额达948亿美元，较上年增加54亿美元。\n",
        ),
        (
            "b.txt",
            "标题\n\n2024 年，中国与中亚国家贸易总额达到创纪录的 948 亿美元。\n",
        ),
    ]);
    assert!(found.iter().all(|(_, _, t)| !t.disagrees), "{found:?}");
}
