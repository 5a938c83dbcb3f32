//! Tests of `AppState` through `handle`: opening, sessions, dialogs, jumps, columns, search.

use std::time::Duration;

use super::*;
use crate::app::command::Location;
use crate::app::command::{ExportRequest, ExportScope};
use crate::app::samples::first_run_samples;
use crate::export::Format;
use crate::span::TextSpan;

/// Open an in-memory document whose sidecar goes to a fresh temporary folder.
pub(super) fn add_text(state: &mut AppState, name: &str, text: &str) -> DocumentId {
    let dir = tempfile::tempdir().expect("tmp").keep();
    let doc = crate::document::Document::from_text(name, text);
    let loaded = LoadedDocument::from_document(dir.join(name), doc, None);
    state.add_document(loaded, &dir.join(format!("{name}.pangzhu.ron")))
}

pub(super) fn started(files: &[PathBuf]) -> AppState {
    let mut state = AppState::new(Settings::default());
    state.start(files);
    assert!(
        state.wait_for_jobs(Duration::from_secs(60)),
        "jobs timed out"
    );
    state
}

#[test]
fn first_run_opens_the_two_samples_side_by_side() {
    let state = started(&[]);
    assert_eq!(state.documents().len(), 2);
    assert!(state.settings().welcomed);
    assert_eq!(state.settings().recent.len(), 2);
}

#[test]
fn quit_saves_the_session_and_start_restores_it() {
    let mut state = started(&first_run_samples());
    let second = state.documents()[1].id;
    state.handle(Command::Scrolled {
        doc: second,
        top_block: 7,
    });
    state.handle(Command::Move(second, -1));
    state.handle(Command::Quit);
    assert!(state.quit_requested());
    let settings = state.settings().clone();
    assert_eq!(settings.session.top_blocks, vec![7, 0]);

    let mut restored = AppState::new(settings);
    restored.start(&[]);
    assert!(restored.wait_for_jobs(Duration::from_secs(60)));
    let names: Vec<PathBuf> = restored
        .documents()
        .iter()
        .map(|d| d.loaded.path().to_owned())
        .collect();
    assert_eq!(names, restored.settings().session.files);
    assert_eq!(restored.documents().len(), 2);
}

#[test]
fn a_missing_file_becomes_a_notification_not_a_panic() {
    let state = started(&[PathBuf::from("/nonexistent/x.txt")]);
    assert!(state.documents().is_empty());
    assert_eq!(state.notifications().len(), 1);
    assert_eq!(state.notifications()[0].severity, Severity::Error);
    assert!(state.notifications()[0].text.contains("x.txt"));
}

#[test]
fn without_a_file_dialog_open_shows_the_path_field() {
    let mut state = AppState::new(Settings::default());
    state.handle(Command::Open);
    assert_eq!(state.open_dialog(), OpenDialog::PathField);
}

#[test]
fn a_dialog_that_returns_nothing_at_once_falls_back_to_the_path_field() {
    let mut state = AppState::new(Settings::default());
    state.set_file_dialog(Arc::new(|| None));
    state.handle(Command::Open);
    assert_eq!(state.open_dialog(), OpenDialog::Waiting);
    assert!(state.wait_for_jobs(Duration::from_secs(10)));
    assert_eq!(state.open_dialog(), OpenDialog::PathField);
}

#[test]
fn jump_requests_a_flash_and_back_returns() {
    let mut state = started(&first_run_samples());
    let id = state.documents()[0].id;
    let doc = state.documents()[0].loaded.doc().clone();
    let target = doc.blocks().last().expect("blocks").span.start();
    state.handle(Command::JumpTo(Location {
        doc: id,
        offset: target,
    }));
    let req = state.scroll_request(id).expect("request");
    assert_eq!(req.flash, Some(target));
    assert_eq!(req.block, doc.blocks().len() - 1);
    assert!(state.can_go_back());
    state.handle(Command::Back);
    let back = state.scroll_request(id).expect("request");
    assert_eq!(back.block, 0);
    assert!(back.serial > req.serial);
}

#[test]
fn synced_scrolling_moves_the_other_column_to_the_matching_paragraph() {
    let text_a = "一、开端\n　　这是第一段落的内容，讲述了一个相当长的故事以便匹配。\n二、发展\n　　这是第二段落的内容，继续讲述这个故事的发展经过。\n三、结局\n　　这是第三段落的内容，故事在这里走向了最终的结局。\n";
    let text_b =
        format!("〇、说明\n　　新版本开头加入的一段说明文字，原版中并没有这一段。\n{text_a}");
    let mut state = AppState::new(Settings::default());
    let a = add_text(&mut state, "a", text_a);
    let b = add_text(&mut state, "b", &text_b);
    state.handle(Command::ToggleSyncScroll);
    let doc_a = state.document(a).expect("a").loaded.doc().clone();
    let third = doc_a
        .blocks()
        .iter()
        .position(|bl| doc_a.block_text(bl).starts_with("这是第三"))
        .expect("third");
    state.handle(Command::Scrolled {
        doc: a,
        top_block: third,
    });
    let req = state.scroll_request(b).expect("synced");
    let doc_b = state.document(b).expect("b").loaded.doc().clone();
    assert!(
        doc_b
            .block_text(&doc_b.blocks()[req.block])
            .starts_with("这是第三")
    );
}

#[test]
fn at_most_four_columns() {
    let mut state = AppState::new(Settings::default());
    for i in 0..4 {
        add_text(&mut state, &format!("{i}.txt"), "正文");
    }
    state.handle(Command::OpenPaths(vec![PathBuf::from("fifth.txt")]));
    assert_eq!(state.notifications().len(), 1);
    assert!(state.jobs().is_idle());
}

#[test]
fn search_finds_hits_across_documents_and_steps_through_them() {
    let mut state = AppState::new(Settings::default());
    let a = add_text(&mut state, "a", "中亚是一个地区。\n");
    let b = add_text(&mut state, "b", "中亚五国。\n");
    state.handle(Command::SetSearchQuery("中亚".into()));
    assert_eq!(state.search().hits.len(), 2);
    state.handle(Command::SearchStep(1));
    assert_eq!(state.search().current, Some(0));
    assert!(state.scroll_request(a).is_some());
    state.handle(Command::SearchStep(1));
    assert_eq!(state.search().current, Some(1));
    assert!(state.scroll_request(b).is_some());
    state.handle(Command::SearchStep(-1));
    assert_eq!(state.search().current, Some(0));
}

mod editing;
mod sync;
