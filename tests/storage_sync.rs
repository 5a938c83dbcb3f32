//! Sharing a library folder without a server: two devices (threads, each with its own copy of
//! the folder and its own device name) edit the same document at once; their files are then
//! "synced" by copying them between the copies in every order, with the conflict copies
//! Syncthing and Nextcloud leave. Whatever the order: both devices end with the same
//! annotations, no edit is lost, nothing deleted comes back, conflict copies are gone after a
//! save, and the format 1 file is migrated byte for byte.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Barrier;

use pangzhu::annotation::{Anchor, Annotation, AnnotationId, AnnotationSet};
use pangzhu::document::Document;
use pangzhu::span::TextSpan;
use pangzhu::storage::{Locations, Opened, Sidecar, SidecarFile, StoredFingerprint, format};

const TEXT: &str = "第一段：我国经济持续恢复向好，高质量发展扎实推进。\n\n第二段：教育、科技、人才是全面建设社会主义现代化国家的基础性、战略性支撑。\n\n第三段：中国同中亚五国的贸易额再创历史新高。";
const DOC: &str = "报告.txt";
const SYNCTHING_CONFLICT: &str = "alice.sync-conflict-20261207-101010-ABCDEFG.ron";
const NEXTCLOUD_CONFLICT: &str = "alice (conflicted copy 2026-12-07).ron";

/// One device: its name and its copy of the shared folder.
struct Device {
    name: &'static str,
    root: PathBuf,
}

impl Device {
    fn doc_path(&self) -> PathBuf {
        self.root.join(DOC)
    }

    fn folder(&self) -> PathBuf {
        self.root.join(format!("{DOC}.pangzhu"))
    }

    fn legacy(&self) -> PathBuf {
        self.root.join(format!("{DOC}.pangzhu.ron"))
    }

    fn open(&self) -> (Document, Opened) {
        let doc = Document::open(&self.doc_path()).expect("doc");
        let locations = Locations::with_data_dir(self.root.join("data")).with_device(self.name);
        let opened = Sidecar::open(&self.doc_path(), &doc, &locations).expect("open");
        assert!(
            opened.report.problem.is_none(),
            "{:?}",
            opened.report.problem
        );
        (doc, opened)
    }

    /// Open, change, save: one session of the app.
    fn session(&self, change: impl FnOnce(&Document, &mut AnnotationSet)) {
        let (doc, mut o) = self.open();
        change(&doc, &mut o.set);
        o.sidecar.save(&mut o.set).expect("save");
    }

    fn files(&self) -> BTreeSet<String> {
        let names = fs::read_dir(self.folder()).into_iter().flatten().flatten();
        names
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".ron"))
            .collect()
    }
}

fn add(doc: &Document, set: &mut AnnotationSet, quote: &str, tag: &str) -> AnnotationId {
    let start = doc.text().find(quote).expect("quote");
    let anchor = Anchor::new(doc, TextSpan::new(start, start + quote.len())).expect("anchor");
    let (tag, _) = set.ensure_tag(tag, None).expect("tag");
    let a = Annotation::new(anchor).with_tag(tag);
    let id = a.id.clone();
    set.add(a).expect("add");
    id
}

fn find(set: &AnnotationSet, quote: &str) -> Annotation {
    let found = set.iter().find(|a| a.anchor.quote.exact == quote);
    found.cloned().unwrap_or_else(|| panic!("{quote} is there"))
}

fn set_note(set: &mut AnnotationSet, quote: &str, note: &str) {
    let a = find(set, quote).with_note(Some(note.to_owned()));
    set.update(a).expect("note");
}

fn give_tag(set: &mut AnnotationSet, quote: &str, tag: &str) {
    let (tag, _) = set.ensure_tag(tag, None).expect("tag");
    let a = find(set, quote).with_tag(tag);
    set.update(a).expect("tag");
}

fn remove(set: &mut AnnotationSet, quote: &str) {
    set.remove(&find(set, quote).id).expect("remove");
}

/// What a device shows, by quote: tag paths and note.
fn shown(set: &AnnotationSet) -> BTreeSet<(String, Vec<String>, Option<String>)> {
    set.iter()
        .map(|a| {
            let mut tags: Vec<String> = a.tags.iter().map(|t| set.tags().path(t)).collect();
            tags.sort();
            (a.anchor.quote.exact.clone(), tags, a.note.clone())
        })
        .collect()
}

/// A format 1 file with two annotations, as an older Pangzhu wrote it.
fn legacy_text() -> String {
    let doc = Document::from_text(DOC, TEXT);
    let mut set = AnnotationSet::new();
    add(&doc, &mut set, "高质量发展", "旧/经济");
    add(&doc, &mut set, "中亚五国", "旧/地区");
    let mut file = SidecarFile::from_set(&set, StoredFingerprint::new(DOC, doc.fingerprint()));
    file.format_version = 1;
    format::to_ron(&file, Path::new("legacy")).expect("ron")
}

/// Copy every file `from` has and `to` lacks, and `from`'s own file (a sync tool: each file
/// has one writer, so the writer's copy is the newest). Conflict copies are made by the test.
fn sync(from: &Device, to: &Device) {
    fs::create_dir_all(to.folder()).expect("folder");
    for name in from.files() {
        let target = to.folder().join(&name);
        if name == format!("{}.ron", from.name) || !target.exists() {
            fs::copy(from.folder().join(&name), target).expect("copy");
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("list").flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// The state after both devices edited at once, and the conflict copies a sync tool made:
/// `(alice, bob, the legacy file's text)`, in `dir`.
fn concurrent_edits(dir: &Path) -> (Device, Device, String) {
    let alice = Device {
        name: "alice",
        root: dir.join("alice"),
    };
    let bob = Device {
        name: "bob",
        root: dir.join("bob"),
    };
    let legacy = legacy_text();
    for d in [&alice, &bob] {
        fs::create_dir_all(&d.root).expect("root");
        fs::write(d.doc_path(), TEXT).expect("doc");
        fs::write(d.legacy(), &legacy).expect("legacy");
    }
    // Shared history: alice annotates, the folder syncs.
    alice.session(|doc, set| {
        add(doc, set, "我国经济持续恢复向好", "经济");
        add(doc, set, "教育、科技、人才", "教育");
        add(doc, set, "战略性支撑", "教育");
    });
    sync(&alice, &bob);
    // A second "alice" (the same name on another machine, a misconfiguration) writes an
    // annotation only it has; the sync tool keeps its alice.ron as a conflict copy at bob's.
    let twin = Device {
        name: "alice",
        root: dir.join("twin"),
    };
    copy_dir(&alice.root, &twin.root);
    twin.session(|doc, set| {
        add(doc, set, "贸易额再创历史新高", "孪生");
    });
    // Both edit at once, each in its own copy.
    let barrier = Barrier::new(2);
    std::thread::scope(|s| {
        s.spawn(|| {
            barrier.wait();
            alice.session(|doc, set| {
                add(doc, set, "第三段", "alice");
                set_note(set, "我国经济持续恢复向好", "alice 的备注");
                give_tag(set, "高质量发展", "alice/标签");
                remove(set, "中亚五国");
                add(doc, set, "中国同中亚", "临时");
            });
            // Deleted in a later session; the file from before is kept, to come back as a
            // conflict copy.
            fs::copy(
                alice.folder().join("alice.ron"),
                dir.join("alice-older.ron"),
            )
            .expect("snapshot");
            alice.session(|_, set| remove(set, "中国同中亚"));
        });
        s.spawn(|| {
            barrier.wait();
            bob.session(|doc, set| {
                add(doc, set, "第二段", "bob");
                give_tag(set, "我国经济持续恢复向好", "bob/标签");
                set_note(set, "教育、科技、人才", "bob 的备注");
                give_tag(set, "高质量发展", "bob/标签");
                remove(set, "战略性支撑");
            });
        });
    });
    fs::copy(
        twin.folder().join("alice.ron"),
        bob.folder().join(SYNCTHING_CONFLICT),
    )
    .expect("syncthing conflict copy");
    // The older alice.ron (before "中国同中亚" was deleted) left as a Nextcloud conflict copy.
    fs::rename(
        dir.join("alice-older.ron"),
        alice.folder().join(NEXTCLOUD_CONFLICT),
    )
    .expect("nextcloud conflict copy");
    (alice, bob, legacy)
}

fn expected() -> BTreeSet<(String, Vec<String>, Option<String>)> {
    let row = |q: &str, tags: &[&str], note: Option<&str>| {
        let tags = tags.iter().map(|t| (*t).to_owned()).collect();
        (q.to_owned(), tags, note.map(str::to_owned))
    };
    [
        row(
            "我国经济持续恢复向好",
            &["bob/标签", "经济"],
            Some("alice 的备注"),
        ),
        row("教育、科技、人才", &["教育"], Some("bob 的备注")),
        row("高质量发展", &["alice/标签", "bob/标签", "旧/经济"], None),
        row("第三段", &["alice"], None),
        row("第二段", &["bob"], None),
        row("贸易额再创历史新高", &["孪生"], None),
    ]
    .into_iter()
    .collect()
}

#[derive(Debug, Clone, Copy)]
enum Step {
    AliceToBob,
    BobToAlice,
    AliceSaves,
    BobSaves,
}

fn run(step: Step, alice: &Device, bob: &Device) {
    match step {
        Step::AliceToBob => sync(alice, bob),
        Step::BobToAlice => sync(bob, alice),
        Step::AliceSaves => alice.session(|_, _| {}),
        Step::BobSaves => bob.session(|_, _| {}),
    }
}

fn permutations(steps: &[Step]) -> Vec<Vec<Step>> {
    if steps.len() <= 1 {
        return vec![steps.to_vec()];
    }
    let mut out = Vec::new();
    for i in 0..steps.len() {
        let mut rest = steps.to_vec();
        let first = rest.remove(i);
        for mut tail in permutations(&rest) {
            tail.insert(0, first);
            out.push(tail);
        }
    }
    out
}

#[test]
fn concurrent_edits_converge_in_every_sync_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (alice, bob, legacy) = concurrent_edits(&dir.path().join("start"));
    let all = [
        Step::AliceToBob,
        Step::BobToAlice,
        Step::AliceSaves,
        Step::BobSaves,
    ];
    let orders = permutations(&all);
    assert_eq!(orders.len(), 24);
    for (n, order) in orders.iter().enumerate() {
        let root = dir.path().join(format!("order-{n}"));
        let a = Device {
            name: "alice",
            root: root.join("alice"),
        };
        let b = Device {
            name: "bob",
            root: root.join("bob"),
        };
        copy_dir(&alice.root, &a.root);
        copy_dir(&bob.root, &b.root);
        // The deletions each device knows of: its own, then whatever syncs brought.
        let mut known = [vec!["中亚五国", "中国同中亚"], vec!["战略性支撑"]];
        for step in order {
            run(*step, &a, &b);
            match step {
                Step::AliceToBob => known[1].extend(known[0].clone()),
                Step::BobToAlice => known[0].extend(known[1].clone()),
                Step::AliceSaves | Step::BobSaves => {}
            }
            // Nothing deleted is shown again once the deletion has arrived.
            for (d, gone) in [&a, &b].into_iter().zip(&known) {
                let (_, o) = d.open();
                for quote in gone {
                    let back = o.set.iter().any(|x| x.anchor.quote.exact == *quote);
                    assert!(!back, "{order:?}: {quote} resurrected at {}", d.name);
                }
            }
        }
        // Then the sync tool catches up and both save once more.
        for step in all.iter().chain(&all) {
            run(*step, &a, &b);
        }
        let (_, at_alice) = a.open();
        let (_, at_bob) = b.open();
        assert_eq!(shown(&at_alice.set), expected(), "{order:?} at alice");
        assert_eq!(shown(&at_bob.set), expected(), "{order:?} at bob");
        for d in [&a, &b] {
            assert!(
                !d.legacy().exists(),
                "{order:?}: format 1 file moved at {}",
                d.name
            );
            let moved = fs::read_to_string(d.folder().join("legacy.ron")).expect("legacy.ron");
            assert_eq!(moved, legacy, "{order:?}: migrated byte for byte");
            let files: Vec<String> = d.files().into_iter().collect();
            assert_eq!(
                files,
                ["alice.ron", "bob.ron", "legacy.ron"],
                "{order:?} {}",
                d.name
            );
        }
    }
}

#[test]
fn conflict_copies_are_merged_before_they_are_removed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, bob, _) = concurrent_edits(dir.path());
    let conflict = bob.folder().join(SYNCTHING_CONFLICT);
    // Loading shows the conflict copy's annotation and leaves the copy alone.
    let (_, opened) = bob.open();
    assert!(
        opened
            .set
            .iter()
            .any(|a| a.anchor.quote.exact == "贸易额再创历史新高")
    );
    assert!(conflict.exists(), "loading never removes anything");
    drop(opened);
    // A broken conflict copy makes the annotations read-only and is kept.
    let text = fs::read_to_string(&conflict).expect("read");
    fs::write(&conflict, &text[..text.len() / 2]).expect("truncate");
    let (_, mut broken) = Device::open_unchecked(&bob);
    assert!(broken.sidecar.is_read_only());
    assert!(broken.sidecar.save(&mut broken.set).is_err());
    assert!(conflict.exists(), "a broken conflict copy is never removed");
    // Repaired, it is merged, then removed by the save.
    fs::write(&conflict, &text).expect("repair");
    bob.session(|_, _| {});
    assert!(
        !conflict.exists(),
        "removed after its content is in bob.ron"
    );
    let own = fs::read_to_string(bob.folder().join("bob.ron")).expect("bob.ron");
    assert!(
        own.contains("贸易额再创历史新高"),
        "the conflict copy's annotation is kept"
    );
}

impl Device {
    /// Open without asserting the annotations are writable.
    fn open_unchecked(&self) -> (Document, Opened) {
        let doc = Document::open(&self.doc_path()).expect("doc");
        let locations = Locations::with_data_dir(self.root.join("data")).with_device(self.name);
        let opened = Sidecar::open(&self.doc_path(), &doc, &locations).expect("open");
        (doc, opened)
    }
}
