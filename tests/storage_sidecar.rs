//! Sidecar files: RON round trip, stable order, migration fixtures, broken and truncated
//! files, the fallback location, two writers, re-anchoring on load.

use std::fs;
use std::path::{Path, PathBuf};

use pangzhu::annotation::{Anchor, Annotation, AnnotationSet};
use pangzhu::document::Document;
use pangzhu::span::TextSpan;
use pangzhu::storage::atomic::backup_path;
use pangzhu::storage::{
    Access, FORMAT_VERSION, Locations, Sidecar, SidecarFile, StorageError, format,
};

const TEXT: &str = "第一段：我国经济持续恢复向好，高质量发展扎实推进。\n\n第二段：教育、科技、人才是全面建设社会主义现代化国家的基础性、战略性支撑。\n\n第三段：中国同中亚五国的贸易额再创历史新高。";

struct Fixture {
    _dir: tempfile::TempDir,
    doc_path: PathBuf,
    data: PathBuf,
}

fn fixture(text: &str) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc_path = dir.path().join("报告.txt");
    fs::write(&doc_path, text).expect("write doc");
    let data = dir.path().join("data");
    Fixture {
        _dir: dir,
        doc_path,
        data,
    }
}

fn open(f: &Fixture) -> (Document, pangzhu::storage::Opened) {
    let doc = Document::open(&f.doc_path).expect("doc");
    let locations = Locations::with_data_dir(&f.data).with_device("alice");
    let opened = Sidecar::open(&f.doc_path, &doc, &locations).expect("open");
    (doc, opened)
}

fn annotate(doc: &Document, set: &mut AnnotationSet, quote: &str, tag: &str, note: Option<&str>) {
    let start = doc.text().find(quote).expect("quote");
    let anchor = Anchor::new(doc, TextSpan::new(start, start + quote.len())).expect("anchor");
    let (tag, _) = set.ensure_tag(tag, None).expect("tag");
    set.add(
        Annotation::new(anchor)
            .with_tag(tag)
            .with_note(note.map(str::to_owned)),
    )
    .expect("add");
}

#[test]
fn ron_round_trip_keeps_everything_in_stable_order() {
    let f = fixture(TEXT);
    let (doc, mut o) = open(&f);
    assert!(o.report.new_file);
    annotate(
        &doc,
        &mut o.set,
        "贸易额再创历史新高",
        "主题/经济",
        Some("两行\n备注"),
    );
    annotate(&doc, &mut o.set, "我国经济持续恢复向好", "主题/经济", None);
    annotate(
        &doc,
        &mut o.set,
        "教育、科技、人才",
        "主题/教育",
        Some("引号\"和, 逗号"),
    );
    o.sidecar.save(&mut o.set).expect("save");
    let path = o.sidecar.path().to_owned();
    assert_eq!(
        path,
        f.doc_path.with_file_name("报告.txt.pangzhu/alice.ron")
    );
    let text = fs::read_to_string(&path).expect("read");
    assert!(text.contains(&format!("format_version: {FORMAT_VERSION}")));
    assert!(text.contains("  annotations: ["), "pretty printed:\n{text}");
    let first = text.find("我国经济").expect("first");
    let last = text.find("贸易额再创").expect("last");
    assert!(first < last, "annotations sorted by position");

    let (_, again) = open(&f);
    assert_eq!(again.set.sorted(), o.set.sorted());
    assert_eq!(again.set.tags(), o.set.tags());
    assert_eq!(again.report.reanchor.exact, 3);
    // Saving what was loaded writes the same bytes.
    let mut reloaded = again;
    reloaded
        .sidecar
        .save(&mut reloaded.set)
        .expect("save again");
    assert_eq!(fs::read_to_string(&path).expect("read"), text);
    assert_eq!(fs::read_to_string(backup_path(&path)).expect("bak"), text);
}

#[test]
fn every_released_version_fixture_loads() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut seen = Vec::new();
    for entry in fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let Some(version) = name
            .strip_prefix("sidecar-v")
            .and_then(|n| n.strip_suffix(".pangzhu.ron"))
        else {
            continue;
        };
        let text = fs::read_to_string(&path).expect("read fixture");
        let file: SidecarFile = format::parse(&text, &path).expect("fixture parses");
        assert_eq!(
            file.format_version, FORMAT_VERSION,
            "{name} is migrated to the current version"
        );
        assert!(
            !file.annotations.is_empty() && !file.tags.is_empty(),
            "{name} holds data"
        );
        let set = file.into_set();
        let a = set.sorted()[0];
        assert_eq!(a.anchor.quote.exact, "贸易额再创历史新高");
        assert_eq!(
            set.tags().path(a.tags.iter().next().expect("tag")),
            "主题/经济"
        );
        seen.push(version.parse::<u32>().expect("version number"));
    }
    seen.sort_unstable();
    let expected: Vec<u32> = (1..=FORMAT_VERSION).collect();
    assert_eq!(seen, expected, "one fixture per released format version");
}

#[test]
fn fixture_resolves_against_its_document() {
    let f = fixture(TEXT);
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sidecar-v1.pangzhu.ron");
    fs::copy(&fixture, f.doc_path.with_file_name("报告.txt.pangzhu.ron")).expect("copy");
    let (_, o) = open(&f);
    assert!(o.report.problem.is_none(), "{:?}", o.report.problem);
    assert_eq!(o.report.reanchor.exact + o.report.reanchor.moved, 2);
}

#[test]
fn truncated_file_is_read_only_and_never_overwritten() {
    let f = fixture(TEXT);
    let (doc, mut o) = open(&f);
    annotate(&doc, &mut o.set, "贸易额再创历史新高", "经济", None);
    o.sidecar.save(&mut o.set).expect("save");
    let path = o.sidecar.path().to_owned();
    let full = fs::read(&path).expect("read");
    let truncated = &full[..full.len() * 2 / 3];
    fs::write(&path, truncated).expect("truncate");

    let (doc, mut broken) = open(&f);
    let Some(StorageError::Parse { line, col, .. }) = &broken.report.problem else {
        panic!("expected a parse error, got {:?}", broken.report.problem);
    };
    assert!(*line > 1 && *col >= 1);
    assert!(matches!(broken.sidecar.access(), Access::ReadOnly { .. }));
    annotate(&doc, &mut broken.set, "我国经济持续恢复向好", "经济", None);
    let err = broken.sidecar.save(&mut broken.set).expect_err("refused");
    assert!(err.to_string().contains("read-only"), "{err}");
    assert_eq!(fs::read(&path).expect("read"), truncated, "left as it was");
}

#[test]
fn file_broken_after_load_is_not_overwritten() {
    let f = fixture(TEXT);
    let (doc, mut o) = open(&f);
    annotate(&doc, &mut o.set, "贸易额再创历史新高", "经济", None);
    o.sidecar.save(&mut o.set).expect("save");
    let path = o.sidecar.path().to_owned();
    fs::write(&path, "(format_version: 1, document: (").expect("break by hand");
    annotate(&doc, &mut o.set, "我国经济持续恢复向好", "经济", None);
    let err = o.sidecar.save(&mut o.set).expect_err("refused");
    assert!(matches!(err, StorageError::Parse { line: 1, .. }), "{err}");
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        "(format_version: 1, document: ("
    );
    assert!(o.sidecar.is_read_only());
}

#[cfg(target_os = "linux")]
#[test]
fn unwritable_folder_uses_the_data_dir() {
    // /proc refuses new files even to root, so this holds under CI's root user too.
    let doc_path = Path::new("/proc/version");
    let doc = Document::open(doc_path).expect("readable");
    let data = tempfile::tempdir().expect("tempdir");
    let locations = Locations::with_data_dir(data.path()).with_device("alice");
    let mut o = Sidecar::open(doc_path, &doc, &locations).expect("open");
    assert!(o.sidecar.is_fallback());
    assert!(o.sidecar.path().starts_with(data.path().join("sidecars")));
    let first_word = doc
        .text()
        .split_whitespace()
        .next()
        .expect("text")
        .to_owned();
    let anchor = Anchor::new(&doc, TextSpan::new(0, first_word.len())).expect("anchor");
    o.set.add(Annotation::new(anchor)).expect("add");
    o.sidecar.save(&mut o.set).expect("saved in the data dir");
    let again = Sidecar::open(doc_path, &doc, &locations).expect("reopen");
    assert!(again.sidecar.is_fallback());
    assert_eq!(again.set.len(), 1);
}

#[test]
fn two_writers_are_merged_by_id() {
    let f = fixture(TEXT);
    let (doc, mut base) = open(&f);
    annotate(&doc, &mut base.set, "贸易额再创历史新高", "经济", None);
    base.sidecar.save(&mut base.set).expect("save");
    let shared_id = base.set.sorted()[0].id.clone();

    let (_, mut one) = open(&f);
    let (_, mut two) = open(&f);
    annotate(&doc, &mut one.set, "我国经济持续恢复向好", "经济", None);
    annotate(&doc, &mut two.set, "教育、科技、人才", "教育", None);
    let mut changed = two.set.get(&shared_id).expect("shared").clone();
    changed.note = Some("第二个窗口写的备注".into());
    two.set.update(changed).expect("update");
    one.sidecar.save(&mut one.set).expect("first writer");
    let report = two
        .sidecar
        .save(&mut two.set)
        .expect("second writer merges");
    assert!(report.theirs >= 1);

    let (_, merged) = open(&f);
    assert_eq!(merged.set.len(), 3, "nothing clobbered");
    let quotes: Vec<&str> = merged
        .set
        .sorted()
        .iter()
        .map(|a| a.anchor.quote.exact.as_str())
        .collect();
    assert_eq!(
        quotes,
        [
            "我国经济持续恢复向好",
            "教育、科技、人才",
            "贸易额再创历史新高"
        ]
    );
    assert_eq!(
        merged.set.get(&shared_id).and_then(|a| a.note.as_deref()),
        Some("第二个窗口写的备注")
    );
    assert!(
        merged.set.tags().find_path("教育").is_some()
            && merged.set.tags().find_path("经济").is_some()
    );

    // A deletion by one writer survives the other's unrelated save.
    let (_, mut three) = open(&f);
    let (_, mut four) = open(&f);
    three.set.remove(&shared_id).expect("remove");
    three.sidecar.save(&mut three.set).expect("save");
    annotate(&doc, &mut four.set, "全面建设社会主义", "教育", None);
    four.sidecar.save(&mut four.set).expect("save");
    let (_, last) = open(&f);
    assert!(last.set.get(&shared_id).is_none());
    assert_eq!(last.set.len(), 3);
}

#[test]
fn changed_document_reanchors_on_load_and_reports() {
    let f = fixture(TEXT);
    let (doc, mut o) = open(&f);
    annotate(&doc, &mut o.set, "贸易额再创历史新高", "经济", None);
    annotate(&doc, &mut o.set, "高质量发展扎实推进", "经济", None);
    annotate(&doc, &mut o.set, "战略性支撑", "教育", None);
    o.sidecar.save(&mut o.set).expect("save");
    let changed = format!(
        "新的前言段落。\n\n{}",
        TEXT.replace("高质量发展扎实推进", "发展")
            .replace("战略性支撑", "重要支撑")
    );
    fs::write(&f.doc_path, changed).expect("edit doc");
    let (doc, mut again) = open(&f);
    assert!(again.report.document_changed);
    let r = again.report.reanchor;
    assert_eq!((r.exact, r.moved, r.orphaned), (0, 1, 2));
    again.sidecar.save(&mut again.set).expect("save");
    let (_, third) = open(&f);
    assert!(!third.report.document_changed);
    assert_eq!(third.set.len(), 3, "orphans are kept");
    assert_eq!(third.report.reanchor.orphaned, 2);
    let moved = third
        .set
        .sorted()
        .into_iter()
        .find(|a| a.anchor.quote.exact == "贸易额再创历史新高")
        .expect("moved");
    assert_eq!(
        moved.anchor.span.slice(doc.text()),
        Some("贸易额再创历史新高")
    );
}

#[test]
fn stale_temp_files_of_killed_saves_are_removed_on_the_next_save() {
    use std::time::{Duration, SystemTime};

    use pangzhu::storage::atomic::{STALE_TEMP_AGE, temp_prefix};

    let f = fixture(TEXT);
    let (doc, mut o) = open(&f);
    annotate(&doc, &mut o.set, "贸易额再创历史新高", "经济", None);
    o.sidecar.save(&mut o.set).expect("save");
    let path = o.sidecar.path().to_owned();
    let dir = path.parent().expect("folder").to_owned();
    let prefix = temp_prefix(&path);
    let other_prefix = temp_prefix(&dir.join("bob.ron"));
    let long_ago = SystemTime::now() - STALE_TEMP_AGE - Duration::from_secs(60);
    let place = |name: &str, modified: Option<SystemTime>| {
        let file = dir.join(name);
        fs::write(&file, "(format_version: 1, document: (").expect("write temp");
        if let Some(time) = modified {
            fs::File::options()
                .write(true)
                .open(&file)
                .and_then(|h| h.set_modified(time))
                .expect("set mtime");
        }
        file
    };
    // Left by killed saves of this sidecar: ours, an older version's, a `.bak` staging file.
    let stale = [
        place(&format!("{prefix}Ab3xZ9.tmp"), Some(long_ago)),
        place(".pangzhu-Q1w2E3.tmp", Some(long_ago)),
        place("alice.ron.bak.4242.tmp", Some(long_ago)),
    ];
    // Kept: a save in flight (fresh), another file's temp, files that are not temp files.
    let kept = [
        place(&format!("{prefix}Cd4yW0.tmp"), None),
        place(&format!("{other_prefix}Ef5zV1.tmp"), Some(long_ago)),
        place("alice.ron.tmp", Some(long_ago)),
        place(".pangzhu-notes.txt", Some(long_ago)),
    ];

    annotate(&doc, &mut o.set, "我国经济持续恢复向好", "经济", None);
    o.sidecar.save(&mut o.set).expect("save");
    for file in &stale {
        assert!(!file.exists(), "{} removed", file.display());
    }
    for file in &kept {
        assert!(file.exists(), "{} kept", file.display());
    }
    let (_, again) = open(&f);
    assert_eq!(again.set.len(), 2);
}
