//! Tests of selection, tagging, notes, undo, export and tag edits through `handle`.

use super::*;

const ESSAY: &str =
    "　　第一段讲的是教育合作，孔子学院遍布各国。\n　　第二段讲的是经济合作，中欧班列往来频繁。\n";

fn select_text(state: &mut AppState, doc: DocumentId, needle: &str) -> TextSpan {
    let text = state
        .document(doc)
        .expect("open")
        .loaded
        .doc()
        .text()
        .to_owned();
    let start = text.find(needle).expect("needle in text");
    state.handle(Command::Select {
        doc,
        start: start + needle.len(),
        end: start,
    });
    TextSpan::new(start, start + needle.len())
}

#[test]
fn quick_tag_annotates_the_selection_and_undo_redo_follow_on_disk() {
    let mut state = AppState::new(Settings::default());
    state.set_locations(Locations::with_data_dir(
        tempfile::tempdir().expect("tmp").keep(),
    ));
    let doc = add_text(&mut state, "a.txt", ESSAY);
    let span = select_text(&mut state, doc, "孔子学院");
    assert_eq!(state.selection().map(|s| s.span), Some(span));
    state.handle(Command::QuickTag(1));
    let ann = state.annotations(doc).expect("annotations");
    assert_eq!(ann.highlights().len(), 1);
    assert_eq!(ann.highlights()[0].span, span);
    assert_eq!(ann.highlights()[0].tags, vec!["重点".to_owned()]);
    let sidecar = ann.sidecar().path().to_owned();
    state.flush_annotations();
    let saved = std::fs::read_to_string(&sidecar).expect("sidecar written");
    assert!(saved.contains("孔子学院") && saved.contains("重点"));

    state.handle(Command::Undo);
    assert!(state.annotations(doc).expect("a").highlights().is_empty());
    state.flush_annotations();
    assert!(
        !std::fs::read_to_string(&sidecar)
            .expect("file")
            .contains("孔子学院")
    );
    state.handle(Command::Redo);
    assert_eq!(state.annotations(doc).expect("a").highlights().len(), 1);
    state.flush_annotations();
    assert!(
        std::fs::read_to_string(&sidecar)
            .expect("file")
            .contains("孔子学院")
    );
}

#[test]
fn notes_delete_and_tag_picker_paths() {
    let mut state = AppState::new(Settings::default());
    state.set_locations(Locations::with_data_dir(
        tempfile::tempdir().expect("tmp").keep(),
    ));
    let doc = add_text(&mut state, "a.txt", ESSAY);
    // Nothing selected: tagging is refused with a message, nothing is created.
    state.handle(Command::QuickTag(2));
    assert_eq!(state.notifications().len(), 1);
    select_text(&mut state, doc, "中欧班列");
    state.handle(Command::OpenTagPicker);
    assert!(state.tag_picker_open());
    state.handle(Command::TagSelection("主题/经济".into()));
    assert!(!state.tag_picker_open());
    state.handle(Command::EditNote);
    let editor = state.note_editor().expect("editor").clone();
    assert_eq!(editor.quote, "中欧班列");
    state.handle(Command::SaveNote("往来频繁\n第二行".into()));
    let ann = state.annotations(doc).expect("a");
    assert_eq!(ann.set().len(), 1, "the note joined the tagged annotation");
    assert_eq!(
        ann.highlights()[0].note.as_deref(),
        Some("往来频繁\n第二行")
    );
    assert_eq!(ann.highlights()[0].tags, vec!["主题/经济".to_owned()]);
    state.handle(Command::DeleteAtSelection);
    assert!(state.annotations(doc).expect("a").set().is_empty());
    state.handle(Command::Undo);
    assert_eq!(state.annotations(doc).expect("a").set().len(), 1);
}

#[test]
fn double_and_triple_click_select_a_word_and_a_sentence() {
    let mut state = AppState::new(Settings::default());
    let doc = add_text(&mut state, "a.txt", ESSAY);
    let text = state
        .document(doc)
        .expect("open")
        .loaded
        .doc()
        .text()
        .to_owned();
    let inside = text.find("班列").expect("in text");
    state.handle(Command::SelectWord(Location {
        doc,
        offset: inside,
    }));
    let word = state.selection().expect("word").span;
    assert_eq!(
        word.slice(&text),
        Some("中欧班列"),
        "one word for jieba with our dictionary"
    );
    state.handle(Command::SelectSentence(Location {
        doc,
        offset: inside,
    }));
    let sentence = state.selection().expect("sentence").span;
    assert_eq!(
        sentence.slice(&text).map(str::trim_start),
        Some("第二段讲的是经济合作，中欧班列往来频繁。")
    );
}

#[test]
fn a_broken_sidecar_blocks_edits_and_is_left_alone() {
    let dir = tempfile::tempdir().expect("tmp");
    let sidecar = dir.path().join("a.txt.pangzhu.ron");
    std::fs::write(&sidecar, "(format_version: 1, annotations: [(").expect("write");
    let mut state = AppState::new(Settings::default());
    let doc = crate::document::Document::from_text("a.txt", ESSAY);
    let loaded = LoadedDocument::from_document(dir.path().join("a.txt"), doc, None);
    let id = state.add_document(loaded, &sidecar);
    assert!(
        state
            .annotations(id)
            .expect("a")
            .read_only_reason()
            .is_some()
    );
    select_text(&mut state, id, "孔子学院");
    state.handle(Command::QuickTag(1));
    state.flush_annotations();
    assert!(state.annotations(id).expect("a").set().is_empty());
    assert_eq!(
        std::fs::read_to_string(&sidecar).expect("file"),
        "(format_version: 1, annotations: [("
    );
    assert!(
        state
            .notifications()
            .iter()
            .any(|n| n.severity == Severity::Error)
    );
}

#[test]
fn export_writes_the_chosen_scope_and_format() {
    let mut state = AppState::new(Settings::default());
    state.set_locations(Locations::with_data_dir(
        tempfile::tempdir().expect("tmp").keep(),
    ));
    let a = add_text(&mut state, "a.txt", ESSAY);
    select_text(&mut state, a, "孔子学院");
    state.handle(Command::TagSelection("教育".into()));
    select_text(&mut state, a, "中欧班列");
    state.handle(Command::TagSelection("经济".into()));
    let out = tempfile::tempdir().expect("tmp");
    let path = out.path().join("x.csv");
    state.handle(Command::Export(ExportRequest {
        format: Format::Csv,
        scope: ExportScope::Tags(vec!["教育".into()]),
        path: path.clone(),
    }));
    let csv = std::fs::read_to_string(&path).expect("exported");
    assert!(
        csv.starts_with('\u{feff}'),
        "CSV for spreadsheets starts with a BOM"
    );
    assert!(csv.contains("孔子学院"));
    let chosen = state.export_documents(&ExportScope::Tags(vec!["教育".into()]));
    let quotes: Vec<&str> = chosen[0]
        .entries
        .iter()
        .map(|e| e.quote.exact.as_str())
        .collect();
    assert_eq!(quotes, vec!["孔子学院"], "only the 教育 annotation");
    assert_eq!(
        state.export_count(&ExportScope::Tags(vec!["教育".into()])),
        1
    );
    assert_eq!(state.export_count(&ExportScope::AllOpen), 2);
    assert_eq!(state.export_count(&ExportScope::Document(a)), 2);
    let md = out.path().join("x.md");
    state.handle(Command::Export(ExportRequest {
        format: Format::Markdown,
        scope: ExportScope::Document(a),
        path: md.clone(),
    }));
    let md = std::fs::read_to_string(&md).expect("exported");
    assert!(md.contains("孔子学院") && md.contains("中欧班列"));
}

#[test]
fn tag_rename_and_merge_reach_every_open_document_in_one_undo_step() {
    let mut state = AppState::new(Settings::default());
    state.set_locations(Locations::with_data_dir(
        tempfile::tempdir().expect("tmp").keep(),
    ));
    let a = add_text(&mut state, "a.txt", ESSAY);
    let b = add_text(&mut state, "b.txt", ESSAY);
    for doc in [a, b] {
        select_text(&mut state, doc, "孔子学院");
        state.handle(Command::TagSelection("教育".into()));
    }
    let tag = |state: &AppState, doc, path: &str| {
        state
            .annotations(doc)
            .and_then(|x| x.set().tags().find_path(path).map(|t| t.id.clone()))
    };
    let id = tag(&state, a, "教育").expect("tag");
    assert_eq!(
        tag(&state, b, "教育"),
        Some(id.clone()),
        "shared through the user library"
    );
    state.handle(Command::RenameTag {
        tag: id.clone(),
        name: "文教".into(),
    });
    assert!(tag(&state, a, "文教").is_some() && tag(&state, b, "文教").is_some());
    state.handle(Command::Undo);
    assert!(tag(&state, a, "教育").is_some() && tag(&state, b, "教育").is_some());
}

#[test]
fn merging_tags_reaches_documents_that_lack_the_target() {
    let mut state = AppState::new(Settings::default());
    state.set_locations(Locations::with_data_dir(
        tempfile::tempdir().expect("tmp").keep(),
    ));
    let a = add_text(&mut state, "a.txt", ESSAY);
    let b = add_text(&mut state, "b.txt", ESSAY);
    select_text(&mut state, a, "孔子学院");
    state.handle(Command::TagSelection("教育".into()));
    select_text(&mut state, a, "中欧班列");
    state.handle(Command::TagSelection("文教".into()));
    select_text(&mut state, b, "孔子学院");
    state.handle(Command::TagSelection("教育".into()));
    let find = |state: &AppState, doc, path: &str| {
        state
            .annotations(doc)
            .and_then(|x| x.set().tags().find_path(path).map(|t| t.id.clone()))
    };
    let from = find(&state, a, "教育").expect("from");
    let into = find(&state, a, "文教").expect("into");
    state.handle(Command::MergeTags {
        from,
        into: into.clone(),
    });
    for doc in [a, b] {
        assert!(find(&state, doc, "教育").is_none(), "merged away");
        let ann = state.annotations(doc).expect("ann");
        assert!(ann.set().iter().all(|x| x.tags.contains(&into)));
    }
    state.handle(Command::Undo);
    assert!(find(&state, b, "教育").is_some() && find(&state, b, "文教").is_none());
}
