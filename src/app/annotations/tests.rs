use super::*;
use crate::storage::Sidecar;

fn doc() -> Document {
    Document::from_text(
        "t.txt",
        "　　第一段讲的是教育合作，孔子学院遍布各国。\n　　第二段讲的是经济合作，中欧班列往来频繁。\n",
    )
}

fn opened(dir: &std::path::Path, doc: &Document) -> DocAnnotations {
    DocAnnotations::new(Sidecar::open_at(
        &dir.join("t.txt.pangzhu.ron"),
        doc,
        "test",
    ))
    .0
}

#[test]
fn tagging_a_span_twice_keeps_one_annotation_with_both_tags() {
    let dir = tempfile::tempdir().expect("tmp");
    let doc = doc();
    let mut ann = opened(dir.path(), &doc);
    let start = doc.text().find("孔子学院").expect("in text");
    let span = TextSpan::new(start, start + "孔子学院".len());
    ann.tag_span(&doc, span, "教育", None).expect("tag");
    ann.tag_span(&doc, span, "机构", None).expect("tag");
    assert_eq!(ann.set().len(), 1);
    assert_eq!(ann.highlights().len(), 1);
    // Sorted by code point.
    assert_eq!(ann.highlights()[0].tags, vec!["教育", "机构"]);
    assert_eq!(ann.highlights_in(span).count(), 1);
    assert_eq!(ann.highlights_in(TextSpan::new(0, start)).count(), 0);
}

#[test]
fn edits_are_saved_after_the_debounce_and_undo_round_trips() {
    let dir = tempfile::tempdir().expect("tmp");
    let doc = doc();
    let mut ann = opened(dir.path(), &doc);
    let start = doc.text().find("中欧班列").expect("in text");
    let span = TextSpan::new(start, start + "中欧班列".len());
    let edit = ann.tag_span(&doc, span, "经济", None).expect("tag");
    assert!(ann.save_if_due(Instant::now()).is_none(), "debounced");
    let later = Instant::now() + SAVE_DEBOUNCE;
    ann.save_if_due(later).expect("due").expect("saved");
    let on_disk = std::fs::read_to_string(ann.sidecar().path()).expect("file");
    assert!(on_disk.contains("中欧班列"));
    ann.apply(&edit.inverse()).expect("undo");
    assert!(ann.set().is_empty());
    ann.flush().expect("due").expect("saved");
    let on_disk = std::fs::read_to_string(ann.sidecar().path()).expect("file");
    assert!(!on_disk.contains("中欧班列"));
}

#[test]
fn a_broken_sidecar_refuses_edits_and_is_never_written() {
    let dir = tempfile::tempdir().expect("tmp");
    let doc = doc();
    let path = dir.path().join("t.txt.pangzhu.ron");
    std::fs::write(&path, "(version: 1, annotations: [").expect("write");
    let mut ann = opened(dir.path(), &doc);
    assert!(ann.read_only_reason().is_some());
    let err = ann.tag_span(&doc, TextSpan::new(0, 3), "x", None);
    assert!(matches!(err, Err(AnnotationError::ReadOnly(_))));
    assert!(ann.flush().is_none());
    assert_eq!(
        std::fs::read_to_string(&path).expect("file"),
        "(version: 1, annotations: ["
    );
}

#[test]
fn notes_create_or_update_and_tags_cannot_form_cycles() {
    let dir = tempfile::tempdir().expect("tmp");
    let doc = doc();
    let mut ann = opened(dir.path(), &doc);
    let span = TextSpan::new(0, "　　第一段".len());
    ann.set_note(&doc, NoteTarget::Span(span), Some("要点".into()))
        .expect("note");
    assert_eq!(ann.highlights()[0].note.as_deref(), Some("要点"));
    ann.tag_span(&doc, span, "主题/教育", None).expect("tag");
    let parent = ann
        .set()
        .tags()
        .find_path("主题")
        .expect("parent")
        .id
        .clone();
    let child = ann
        .set()
        .tags()
        .find_path("主题/教育")
        .expect("child")
        .id
        .clone();
    assert!(ann.set_tag_parent(&parent, Some(child)).is_err());
    ann.set_tag_colour(&parent, Colour::Blue).expect("colour");
    assert_eq!(
        ann.set().tags().get(&parent).map(|t| t.colour),
        Some(Colour::Blue)
    );
}
