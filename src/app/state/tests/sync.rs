//! Another device's annotation file arriving (a sync tool) while the document is open.

use super::*;

const ESSAY: &str =
    "　　第一段讲的是教育合作，孔子学院遍布各国。\n　　第二段讲的是经济合作，中欧班列往来频繁。\n";

#[test]
fn another_devices_file_is_merged_into_the_open_document_keeping_unsaved_edits() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut state = AppState::new(Settings::default());
    state.set_locations(Locations::with_data_dir(dir.path().join("data")).with_device("alice"));
    let doc = crate::document::Document::from_text("a.txt", ESSAY);
    let loaded = LoadedDocument::from_document(dir.path().join("a.txt"), doc.clone(), None);
    let legacy = dir.path().join("a.txt.pangzhu.ron");
    let id = state.add_document(loaded, &legacy);
    // An edit here, not saved yet.
    let text = doc.text().to_owned();
    let start = text.find("孔子学院").expect("needle");
    state.handle(Command::Select {
        doc: id,
        start,
        end: start + "孔子学院".len(),
    });
    state.handle(Command::QuickTag(1));
    assert!(state.annotations(id).expect("a").has_unsaved());

    // Bob's device writes its file into the shared folder.
    let mut bob = Sidecar::open_at(&legacy, &doc, "bob");
    let start = text.find("中欧班列").expect("needle");
    let anchor =
        crate::annotation::Anchor::new(&doc, TextSpan::new(start, start + 12)).expect("anchor");
    let note = Some("bob 的备注".to_owned());
    let added = crate::annotation::Annotation::new(anchor).with_note(note);
    bob.set.add(added).expect("add");
    bob.sidecar.save(&mut bob.set).expect("bob saves");
    assert!(dir.path().join("a.txt.pangzhu/bob.ron").exists());

    state.reload_changed_files();
    let ann = state.annotations(id).expect("a");
    let notes: Vec<Option<&str>> = ann.highlights().iter().map(|h| h.note.as_deref()).collect();
    assert_eq!(
        notes.len(),
        2,
        "bob's annotation beside the unsaved one: {notes:?}"
    );
    assert!(notes.contains(&Some("bob 的备注")));
    assert!(ann.highlights().iter().any(|h| h.tags == ["重点"]));
    assert!(ann.has_unsaved(), "the local edit is still to be saved");
    assert!(
        state
            .notifications()
            .iter()
            .any(|n| n.text.contains("Merged") || n.text.contains("已合并")),
        "the merge notice is shown"
    );
    // Nothing more changed: polling again merges nothing.
    let before = state.notifications().len();
    state.reload_changed_files();
    assert_eq!(state.notifications().len(), before);

    state.flush_annotations();
    let own = std::fs::read_to_string(dir.path().join("a.txt.pangzhu/alice.ron")).expect("own");
    assert!(
        own.contains("孔子学院") && own.contains("bob 的备注"),
        "{own}"
    );
    let theirs = std::fs::read_to_string(dir.path().join("a.txt.pangzhu/bob.ron")).expect("bob");
    assert!(!theirs.contains("重点"), "bob's file is never written here");
}
