use super::*;

fn timeline(text: &str) -> Timeline {
    extract_timeline(
        &Document::from_text("t.txt", text),
        &TimelineOptions::default(),
    )
}

fn values(t: &Timeline) -> Vec<String> {
    t.entries.iter().map(|e| e.value.to_string()).collect()
}

#[test]
fn years_inherit_from_context() {
    let t = timeline("2023年3月，甲方成立。同年9月，乙方加入。同年10月，丙方加入。\n");
    assert_eq!(values(&t), ["2023-03", "2023-09", "2023-10"]);
    assert!(t.entries[1].year_inherited && t.entries[2].year_inherited);
    let t = timeline("2024年，贸易额较上年增加。\n");
    assert_eq!(values(&t), ["2024", "2023"]);
}

#[test]
fn reference_date_from_metadata_and_override() {
    let t = timeline("今年，合作深化。三十年来成果丰硕。\n\n【完稿日期：2022-7-10】\n");
    let r = t.reference_date.clone().map(|r| (r.value, r.source));
    assert_eq!(
        r,
        Some(("2022-07-10".to_owned(), ReferenceSource::Metadata))
    );
    assert_eq!(
        values(&t)[..2],
        ["2022".to_owned(), "P30Y-before-ref".to_owned()]
    );
    assert_eq!(
        t.entries[1].resolved.map(|r| r.to_string()),
        Some("1992/2022".to_owned())
    );
    let opts = TimelineOptions {
        reference_date: Date::parse("2030"),
    };
    let t = extract_timeline(&Document::from_text("t.txt", "今年，合作深化。\n"), &opts);
    assert_eq!(values(&t), ["2030"]);
}

#[test]
fn latest_event_sets_the_reference() {
    let t = timeline("2025 年 6 月 17 日，会议召开。峰会将于今年秋天举行。31 年前，两国建交。\n");
    assert_eq!(
        t.reference_date.as_ref().map(|r| r.value.as_str()),
        Some("2025")
    );
    let e = &t.entries[1];
    assert_eq!(
        (e.value.to_string(), e.part),
        ("2025".to_owned(), Some(Part::Autumn))
    );
    assert_eq!(
        t.entries[2].resolved.map(|r| r.to_string()),
        Some("1994".to_owned())
    );
}

#[test]
fn relative_spans_anchor_on_dates_in_their_sentence() {
    let t =
        timeline("该站于2024年2月投入运营，一年间运量翻番。2013—2023 年 10 年 间，成果丰硕。\n");
    let rel: Vec<(String, Option<String>)> = t
        .entries
        .iter()
        .filter(|e| e.granularity == Granularity::Relative)
        .map(|e| (e.value.to_string(), e.resolved.map(|r| r.to_string())))
        .collect();
    assert_eq!(
        rel,
        [
            (
                "P1Y-after-ref".to_owned(),
                Some("2024-02/2025-02".to_owned())
            ),
            ("P10Y-before-ref".to_owned(), Some("2013/2023".to_owned())),
        ]
    );
}

#[test]
fn relations_sentence_and_span() {
    let text = "前言。自 2013 年以来，合作深化。\n";
    let t = timeline(text);
    let e = &t.entries[0];
    assert_eq!(e.relation, Some(Relation::Since));
    assert_eq!(e.sentence, "自 2013 年以来，合作深化。");
    assert_eq!(
        e.span.slice(Document::from_text("t", text).text()),
        Some("2013 年")
    );
    assert_eq!((e.line, e.col, e.text.as_str()), (1, 6, "2013 年"));
}
