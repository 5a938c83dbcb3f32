//! Names as a reader sees them: short forms, titles, programmes, places and people.

use super::*;

fn entities(text: &str) -> Vec<Entity> {
    let doc = Document::from_text("t", text);
    document_entities(&Segmenter::builtin(), &doc)
}

fn find<'a>(found: &'a [Entity], name: &str) -> Option<&'a Entity> {
    found.iter().find(|e| e.name == name)
}

#[test]
fn short_form_merges_into_full_name() {
    let found = entities(
        "标题\n\n上海合作组织（下文简称上合组织）成立于2001年。上合组织发展迅速，上合组织有八个成员国。\n",
    );
    let sco = find(&found, "上海合作组织").expect("上海合作组织 found");
    // The short form inside the brackets is a mention too.
    assert_eq!(sco.count, 4);
    assert_eq!(sco.aliases, ["上合组织"]);
    assert!(find(&found, "上合组织").is_none());
}

#[test]
fn an_introduced_short_form_need_not_be_a_name_itself() {
    let found =
        entities("标题\n\n上海合作组织（以下简称“本组织”）成立于2001年。本组织发展迅速。\n");
    let sco = find(&found, "上海合作组织").expect("上海合作组织 found");
    assert_eq!(sco.aliases, ["本组织"]);
    assert_eq!(sco.count, 3);
}

#[test]
fn short_form_merges_by_shape_without_an_introduction() {
    let found =
        entities("标题\n\n上海合作组织成立于2001年。上合组织发展迅速。上海是会议举办地。\n");
    let sco = find(&found, "上海合作组织").expect("上海合作组织 found");
    assert_eq!(sco.aliases, ["上合组织"]);
    assert_eq!(sco.count, 2);
    assert!(find(&found, "上合组织").is_none());
    // 上海 is a place of its own, not a short form of the organisation.
    assert!(
        find(&found, "上海").is_some_and(|e| e.aliases.is_empty()),
        "{found:?}"
    );
    // 中国 is not short for 中亚国家, nor 中国科学院 for 中国农业科学院.
    let found = entities("标题\n\n中国与中亚国家合作。中国农业科学院和中国科学院的专家出席。\n");
    assert!(found.iter().all(|e| e.aliases.is_empty()), "{found:?}");
}

#[test]
fn titles_programmes_and_places() {
    let found =
        entities("标题\n\n哈萨克斯坦发表《阿斯塔纳宣言》，支持“一带一路”倡议和中国－中亚峰会。\n");
    assert_eq!(
        find(&found, "阿斯塔纳宣言").map(|e| e.kind),
        Some(EntityKind::Title)
    );
    assert_eq!(
        find(&found, "一带一路").map(|e| e.kind),
        Some(EntityKind::Programme)
    );
    assert_eq!(
        find(&found, "哈萨克斯坦").map(|e| e.kind),
        Some(EntityKind::Place)
    );
    let summit = found
        .iter()
        .find(|e| e.name.starts_with("中国") && e.name.ends_with("峰会"));
    assert_eq!(summit.map(|e| e.kind), Some(EntityKind::Org));
}

fn people(found: &[Entity]) -> Vec<&str> {
    found
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| e.name.as_str())
        .collect()
}

#[test]
fn common_words_tagged_as_names_are_not_people() {
    // jieba's dictionary tags 高潮, 施政 and 康复 `nr`; 施 and 高 are surnames.
    let found = entities(
        "标题\n\n两国合作迎来新的高潮，各国的施政重点不同，病人正在康复。\n\
         副院长李晨介绍，合作又一次迎来高潮。\n\
         [1] 邓浩：《新形势下的中亚》。课题组成员包括王德禄、王斌。\n",
    );
    let people = people(&found);
    for word in ["高潮", "施政", "康复"] {
        assert!(!people.contains(&word), "{word} in {people:?}");
    }
    // Names: after a title, as the author of a cited work, listed with a full name.
    for name in ["李晨", "邓浩", "王德禄", "王斌"] {
        assert!(people.contains(&name), "{name} not in {people:?}");
    }
}
