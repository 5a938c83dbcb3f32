//! The reading app's main paths, driven through egui_kittest (no GPU, no display).
#![cfg(feature = "gui")]

mod common;

use std::path::PathBuf;
use std::time::Duration;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pangzhu::app::samples::first_run_samples;
use pangzhu::ui::PangzhuApp;

use common::gui::{app_harness, english, fresh_state};

/// A harness running the whole app over `files`, documents already loaded.
fn harness(files: &[PathBuf]) -> Harness<'static, PangzhuApp> {
    let mut state = fresh_state(english());
    state.start(files);
    assert!(
        state.wait_for_jobs(Duration::from_secs(120)),
        "loading timed out"
    );
    app_harness(state)
}

fn titles(harness: &Harness<'_, PangzhuApp>) -> Vec<String> {
    harness
        .state()
        .state()
        .documents()
        .iter()
        .map(|d| {
            d.loaded
                .doc()
                .title()
                .expect("sample has a title")
                .to_owned()
        })
        .collect()
}

#[test]
fn two_samples_open_side_by_side_with_both_titles_shown() {
    let harness = harness(&first_run_samples());
    let titles = titles(&harness);
    assert_eq!(titles.len(), 2);
    assert_ne!(titles[0], titles[1]);
    for title in &titles {
        assert!(
            harness.query_all_by_label(title.trim()).count() >= 1,
            "title {title} not shown"
        );
    }
}

#[test]
fn clicking_an_outline_heading_scrolls_its_pane_there() {
    let mut harness = harness(&first_run_samples()[..1]);
    let (id, heading, block) = {
        let app = harness.state().state();
        let open = &app.documents()[0];
        let entry = open
            .loaded
            .outline()
            .iter()
            .rfind(|e| e.level > 0)
            .expect("the sample has headings")
            .clone();
        (open.id, entry.text, entry.block)
    };
    assert!(block > 10, "the last heading is far down");
    assert_eq!(
        harness.query_all_by_label(&heading).count(),
        1,
        "only the outline shows it"
    );
    harness.get_by_label(&heading).click();
    harness.run();
    assert_eq!(harness.state().pane(id).expect("pane").top_block(), block);
    assert_eq!(
        harness.query_all_by_label(&heading).count(),
        2,
        "the heading is now visible in the reading pane too"
    );
}

#[test]
fn ctrl_q_saves_the_session() {
    let mut harness = harness(&first_run_samples());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    // Closing the viewport keeps requesting frames; a few steps are enough.
    harness.run_steps(3);
    let app = harness.state().state();
    assert!(app.quit_requested());
    assert_eq!(app.settings().session.files, first_run_samples());
}

#[test]
fn zoom_shortcuts_change_the_reading_size() {
    let mut harness = harness(&first_run_samples()[..1]);
    let before = harness.state().state().settings().font_size;
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    assert_eq!(harness.state().state().settings().font_size, before + 1.0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    harness.run();
    assert_eq!(harness.state().state().settings().font_size, before);
}

#[test]
fn search_steps_to_a_hit_in_the_reading_pane() {
    let mut harness = harness(&first_run_samples()[..1]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness
        .get_by_label("Search the open documents")
        .type_text("民心相通");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let app = harness.state().state();
    assert!(
        app.search().hits.len() >= 2,
        "{:?}",
        app.search().hits.len()
    );
    assert_eq!(app.search().current, Some(0));
}

#[test]
fn without_a_file_dialog_the_path_field_opens_files() {
    let mut harness = harness(&[]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    let path = first_run_samples()[0].display().to_string();
    harness.get_by_label("Open file path:").click();
    harness.run();
    harness.get_by_label("Open file path:").type_text(&path);
    harness.run();
    harness.get_by_label("Open").click();
    // The load job shows a spinner until it ends: step a few frames instead of waiting to settle.
    harness.run_steps(3);
    assert!(
        harness
            .state_mut()
            .state_mut()
            .wait_for_jobs(Duration::from_secs(60))
    );
    harness.run();
    assert_eq!(harness.state().state().documents().len(), 1);
}

#[test]
fn help_window_lists_every_shortcut() {
    let mut harness = harness(&[]);
    harness.key_press(Key::F1);
    harness.run();
    for text in ["Ctrl+O", "Ctrl+Q", "Ctrl+F", "Ctrl++", "F1"] {
        assert!(
            harness.query_by_label(text).is_some(),
            "{text} missing from Help"
        );
    }
}

#[test]
fn raw_toggle_shows_the_raw_file_lines() {
    let mut harness = harness(&first_run_samples()[..1]);
    let first_raw_line = {
        let app = harness.state().state();
        app.documents()[0]
            .loaded
            .doc()
            .raw()
            .line(1)
            .expect("line 1")
            .to_owned()
    };
    assert!(harness.query_by_label(&first_raw_line).is_none());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::R);
    harness.run();
    assert!(
        harness.query_by_label(&first_raw_line).is_some(),
        "raw line 1 not shown"
    );
}

/// A copy of sample `name` in a fresh folder (annotation tests write sidecars beside it).
fn sample_copy(name: &str) -> PathBuf {
    let dir = tempfile::tempdir().expect("tmp").keep();
    let from = first_run_samples()
        .into_iter()
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(name))
        })
        .expect("bundled sample");
    let to = dir.join(from.file_name().expect("name"));
    std::fs::copy(&from, &to).expect("copy sample");
    to
}

/// The format 1 sidecar beside `path` (read, never written by this version).
fn sidecar_of(path: &std::path::Path) -> PathBuf {
    let mut name = path.file_name().expect("name").to_os_string();
    name.push(".pangzhu.ron");
    path.with_file_name(name)
}

/// The file the harness's device writes: `NAME.EXT.pangzhu/gui.ron`.
fn device_file_of(path: &std::path::Path) -> PathBuf {
    let mut name = path.file_name().expect("name").to_os_string();
    name.push(".pangzhu");
    path.with_file_name(name).join("gui.ron")
}

/// The text of the first document's first paragraph (on screen when the document opens).
fn first_paragraph(harness: &Harness<'_, PangzhuApp>) -> String {
    let app = harness.state().state();
    let doc = app.documents()[0].loaded.doc();
    let block = doc
        .blocks()
        .iter()
        .find(|b| b.kind == pangzhu::document::BlockKind::Paragraph)
        .expect("a paragraph");
    doc.block_text(block).to_owned()
}

/// Drag across the first visible paragraph; returns the text the app selected.
fn drag_select(harness: &mut Harness<'_, PangzhuApp>) -> String {
    let text = first_paragraph(harness);
    let rect = harness.get_by_label(&text).rect();
    let from = rect.left_top() + egui::vec2(60.0, 8.0);
    let to = rect.left_top() + egui::vec2(260.0, 8.0);
    harness.hover_at(from);
    harness.run_steps(1);
    harness.drag_at(from);
    harness.run_steps(1);
    harness.hover_at(from + egui::vec2(30.0, 0.0));
    harness.run_steps(1);
    harness.hover_at(to);
    harness.run_steps(1);
    harness.drop_at(to);
    harness.run();
    let app = harness.state().state();
    let sel = app.selection().expect("the drag selected text");
    let doc = app.document(sel.doc).expect("open").loaded.doc();
    sel.span.slice(doc.text()).expect("span").to_owned()
}

/// Let the save debounce pass, then run frames so the app writes.
fn wait_for_save(harness: &mut Harness<'_, PangzhuApp>) {
    std::thread::sleep(pangzhu::app::annotations::SAVE_DEBOUNCE + Duration::from_millis(50));
    harness.run_steps(2);
}

#[test]
fn select_press_1_tags_into_the_list_and_the_sidecar_and_undo_removes_it() {
    let path = sample_copy("000");
    let mut harness = harness(std::slice::from_ref(&path));
    let quote = drag_select(&mut harness);
    assert!(quote.chars().count() >= 4, "selected {quote:?}");
    harness.key_press(Key::Num1);
    harness.run();
    let id = harness.state().state().documents()[0].id;
    let highlights = harness
        .state()
        .state()
        .annotations(id)
        .expect("annotations")
        .highlights()
        .to_vec();
    assert_eq!(highlights.len(), 1);
    harness.get_by_label("Annotations").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains(&format!("「{quote}」"))
            .is_some(),
        "the Annotations tab lists the quote"
    );
    wait_for_save(&mut harness);
    let saved = std::fs::read_to_string(device_file_of(&path)).expect("sidecar written");
    assert!(saved.contains(&quote), "sidecar holds the quote");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(
        harness
            .state()
            .state()
            .annotations(id)
            .expect("a")
            .highlights()
            .is_empty()
    );
    assert!(
        harness
            .query_by_label_contains(&format!("「{quote}"))
            .is_none()
    );
    wait_for_save(&mut harness);
    let saved = std::fs::read_to_string(device_file_of(&path)).expect("sidecar");
    assert!(!saved.contains(&quote), "undo reached the file");
}

#[test]
fn timeline_lists_2013_09_and_clicking_scrolls_to_its_sentence() {
    // Both first-run samples: one merged timeline; 2013-09 (2013年9月) is dated in 001.
    let mut harness = harness(&first_run_samples());
    let (id, block) = {
        let app = harness.state().state();
        app.documents()
            .iter()
            .find_map(|open| {
                let entry = open
                    .loaded
                    .analysis()
                    .timeline
                    .entries
                    .iter()
                    .find(|e| e.value.to_string() == "2013-09")?;
                Some((open.id, entry.block))
            })
            .expect("a sample dates 2013-09")
    };
    harness.get_by_label("Timeline").click();
    harness.run();
    let row = harness.get_by_label_contains("2013-09");
    row.scroll_to_me();
    harness.run();
    harness.get_by_label_contains("2013-09").click();
    harness.run();
    assert_eq!(harness.state().pane(id).expect("pane").top_block(), block);
}

#[test]
fn hovering_a_footnote_marker_shows_its_note() {
    let mut harness = harness(&first_run_samples()[..1]);
    let (id, offset, label, note_start) = {
        let app = harness.state().state();
        let open = &app.documents()[0];
        let f = &open.loaded.analysis().footnotes;
        // A marker whose number no other marker has: its accessible label is unique.
        let marker = f
            .markers
            .iter()
            .find(|m| m.note.is_some() && f.markers.iter().filter(|o| o.n == m.n).count() == 1)
            .expect("000 has linked markers");
        let note = f.note_of(marker).expect("linked");
        let start: String = note.clean_text.chars().take(12).collect();
        (
            open.id,
            marker.span.start(),
            format!("Footnote {}", marker.n),
            start,
        )
    };
    harness
        .state_mut()
        .state_mut()
        .handle(pangzhu::app::Command::JumpTo(pangzhu::app::Location {
            doc: id,
            offset,
        }));
    harness.run();
    // The note may be on screen as a block already: the popup adds one more place showing it.
    let before = harness.query_all_by_label_contains(&note_start).count();
    harness.get_by_label(&label).hover();
    // Tooltips wait for the pointer to rest (egui's tooltip delay).
    harness.run_steps(20);
    harness.run();
    assert_eq!(
        harness.query_all_by_label_contains(&note_start).count(),
        before + 1,
        "the note {note_start:?} pops up"
    );
}

#[test]
fn an_orphaned_annotation_is_listed_as_orphaned() {
    use pangzhu::annotation::{Anchor, Annotation, AnnotationSet, TextQuote};
    let path = sample_copy("000");
    let doc = pangzhu::document::Document::open(&path).expect("sample");
    let mut opened = pangzhu::storage::Sidecar::open_at(&sidecar_of(&path), &doc, "gui");
    let real = Anchor::new(&doc, pangzhu::span::TextSpan::new(0, 3)).expect("anchor");
    let ghost = Anchor {
        quote: TextQuote {
            exact: "这一句话从来不在这篇文章里出现".into(),
            prefix: "无关的前文".into(),
            suffix: "无关的后文".into(),
        },
        ..real
    };
    let mut set = AnnotationSet::new();
    set.add(Annotation::new(ghost).with_note(Some("旧批注".into())))
        .expect("add");
    opened.sidecar.save(&mut set).expect("save");

    let mut harness = harness(std::slice::from_ref(&path));
    harness.get_by_label("Annotations").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Orphaned annotations (1)")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("这一句话从来不在")
            .is_some()
    );
    assert!(harness.query_by_label("Re-attach to selection").is_some());
}

#[test]
fn a_broken_sidecar_shows_the_banner_and_no_edit_is_written() {
    let path = sample_copy("000");
    let broken = "(format_version: 1, annotations: [ (id: \"x\"";
    std::fs::write(sidecar_of(&path), broken).expect("write");
    let mut harness = harness(std::slice::from_ref(&path));
    assert!(
        harness
            .query_by_label_contains("annotation file is broken")
            .is_some(),
        "banner shown"
    );
    drag_select(&mut harness);
    harness.key_press(Key::Num1);
    harness.run();
    wait_for_save(&mut harness);
    let id = harness.state().state().documents()[0].id;
    assert!(
        harness
            .state()
            .state()
            .annotations(id)
            .expect("a")
            .set()
            .is_empty()
    );
    assert_eq!(
        std::fs::read_to_string(sidecar_of(&path)).expect("file"),
        broken
    );
}

#[test]
fn export_dialog_writes_the_file_typed_in_its_path_field() {
    let path = sample_copy("000");
    let mut harness = harness(std::slice::from_ref(&path));
    drag_select(&mut harness);
    harness.key_press(Key::Num2);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    let out = path.with_file_name("notes.html");
    harness.get_by_label("HTML").click();
    harness.run();
    harness.get_by_label("Export to:").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness
        .get_by_label("Export to:")
        .type_text(&out.display().to_string());
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
    let html = std::fs::read_to_string(&out).expect("exported");
    assert!(html.contains("<html") && html.contains("疑问"));
}

/// A press and a release one frame apart, as a hand clicks.
fn click_at(harness: &mut Harness<'_, PangzhuApp>, pos: egui::Pos2) {
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.run_steps(1);
    }
}

/// A point inside the first paragraph on screen, and that paragraph's text.
fn paragraph_point(harness: &Harness<'_, PangzhuApp>) -> (egui::Pos2, String) {
    let text = first_paragraph(harness);
    let rect = harness.get_by_label(&text).rect();
    (rect.left_top() + egui::vec2(120.0, 10.0), text)
}

#[test]
fn double_click_selects_a_word_and_triple_click_its_sentence() {
    let mut harness = harness(&first_run_samples()[..1]);
    let (pos, paragraph) = paragraph_point(&harness);
    harness.hover_at(pos);
    harness.run_steps(1);
    click_at(&mut harness, pos);
    click_at(&mut harness, pos);
    harness.run();
    let selected = |harness: &Harness<'_, PangzhuApp>| {
        let app = harness.state().state();
        let sel = app.selection().expect("selected");
        let doc = app.document(sel.doc).expect("open").loaded.doc();
        sel.span.slice(doc.text()).expect("span").to_owned()
    };
    let word = selected(&harness);
    assert!(
        (1..=8).contains(&word.chars().count()) && paragraph.contains(&word),
        "a word: {word:?}"
    );
    click_at(&mut harness, pos);
    harness.run();
    let sentence = selected(&harness);
    assert!(sentence.contains(&word) && sentence.chars().count() > word.chars().count());
    assert!(
        sentence.ends_with(['。', '！', '？', '…']) || paragraph.ends_with(&sentence),
        "a whole sentence: {sentence:?}"
    );
}

#[test]
fn the_tag_picker_creates_a_tag_on_enter() {
    let path = sample_copy("000");
    let mut harness = harness(std::slice::from_ref(&path));
    drag_select(&mut harness);
    harness.key_press(Key::T);
    harness.run();
    harness
        .get_by_label("Tag (use / for a hierarchy)")
        .type_text("研究/方法");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let app = harness.state().state();
    let id = app.documents()[0].id;
    let highlights = app.annotations(id).expect("a").highlights();
    assert_eq!(highlights.len(), 1);
    assert_eq!(highlights[0].tags, vec!["研究/方法".to_owned()]);
    assert!(!app.tag_picker_open());
}

#[test]
fn a_pdf_shows_its_page_beside_the_text_and_a_click_on_it_jumps_there() {
    let pdf = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/pdf/tlmgr-p1-2.pdf");
    let dir = tempfile::tempdir().expect("tmp");
    let copy = dir.path().join("tlmgr.pdf");
    std::fs::copy(&pdf, &copy).expect("copy");
    let mut harness = harness(&[copy]);
    assert!(
        harness.query_by_label("Page 1").is_none(),
        "no page before Ctrl+R"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::R);
    harness.run_steps(3);
    // The page renders in a background job.
    assert!(
        harness
            .state_mut()
            .state_mut()
            .wait_for_jobs(Duration::from_secs(60)),
        "page render timed out"
    );
    harness.run_steps(3);
    assert!(
        harness.query_by_label("第 1 / 2 页").is_some(),
        "page counter"
    );
    let page = harness.get_by_label("Page 1").rect();
    // The title (关于 tlmgr 使用方法的简介) sits near the top centre of the title page.
    let before = harness
        .state()
        .state()
        .scroll_request(harness.state().state().documents()[0].id)
        .map(|r| r.serial);
    click_at(
        &mut harness,
        page.center_top() + egui::vec2(0.0, page.height() * 0.19),
    );
    harness.run();
    let app = harness.state().state();
    let doc = &app.documents()[0];
    let req = app.scroll_request(doc.id).expect("a jump");
    assert_ne!(Some(req.serial), before, "the click asked for a jump");
    let offset = req.flash.expect("jump target");
    let text = doc.loaded.doc().text();
    let around = &text
        [text.floor_char_boundary(offset.saturating_sub(30))..text.ceil_char_boundary(offset + 30)];
    assert!(around.contains("使用方法"), "jumped to {around:?}");
}
