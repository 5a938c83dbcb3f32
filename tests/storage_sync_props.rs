//! The merge of device files is a join: on random histories of three devices (adds, notes,
//! tags on and off, deletions, syncs between any two, clocks that disagree by seconds) the
//! merge is commutative, associative and idempotent, no deletion is undone by a merge, and,
//! with clocks that agree, each note and each tag holds its last edit.

use std::collections::{BTreeMap, BTreeSet};

use pangzhu::annotation::{Anchor, Annotation, AnnotationId, AnnotationSet, TagId};
use pangzhu::document::Document;
use pangzhu::span::TextSpan;
use pangzhu::storage::crdt::{Clock, SyncState};
use proptest::prelude::*;

const TEXT: &str = "第一段：我国经济持续恢复向好，高质量发展扎实推进。第二段：教育、科技、人才是基础性、战略性支撑。";
const DEVICES: usize = 3;
const TAGS: usize = 3;

#[derive(Debug, Clone)]
enum Op {
    Add {
        dev: usize,
        at: usize,
    },
    Note {
        dev: usize,
        pick: usize,
        text: u8,
    },
    Tag {
        dev: usize,
        pick: usize,
        tag: usize,
        on: bool,
    },
    Delete {
        dev: usize,
        pick: usize,
    },
    Sync {
        from: usize,
        to: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let dev = 0..DEVICES;
    prop_oneof![
        (dev.clone(), 0..8usize).prop_map(|(dev, at)| Op::Add { dev, at }),
        (dev.clone(), any::<usize>(), any::<u8>()).prop_map(|(dev, pick, text)| Op::Note {
            dev,
            pick,
            text
        }),
        (dev.clone(), any::<usize>(), 0..TAGS, any::<bool>())
            .prop_map(|(dev, pick, tag, on)| Op::Tag { dev, pick, tag, on }),
        (dev.clone(), any::<usize>()).prop_map(|(dev, pick)| Op::Delete { dev, pick }),
        (dev.clone(), dev).prop_map(|(from, to)| Op::Sync { from, to }),
    ]
}

/// The last write of every note and tag flag, by the time of the op (with agreeing clocks).
#[derive(Default)]
struct Truth {
    notes: BTreeMap<AnnotationId, Option<String>>,
    tags: BTreeMap<(AnnotationId, TagId), bool>,
    deleted: BTreeSet<AnnotationId>,
}

struct World {
    doc: Document,
    tags: Vec<TagId>,
    states: Vec<SyncState>,
    sets: Vec<AnnotationSet>,
    skew: Vec<i64>,
    now: i64,
    truth: Truth,
}

impl World {
    fn new(skew: Vec<i64>) -> Self {
        let doc = Document::from_text("t.txt", TEXT);
        let mut set = AnnotationSet::new();
        let tags = (0..TAGS)
            .map(|i| set.ensure_tag(&format!("t{i}"), None).expect("tag").0)
            .collect();
        let mut state = SyncState::default();
        state.record_local(
            &set,
            &Clock {
                device: "d0".into(),
                now_ms: 1_000,
            },
        );
        Self {
            doc,
            tags,
            states: vec![state; DEVICES],
            sets: vec![set; DEVICES],
            skew,
            now: 10_000,
            truth: Truth::default(),
        }
    }

    fn pick(&self, dev: usize, pick: usize) -> Option<Annotation> {
        let all: Vec<&Annotation> = self.sets[dev].iter().collect();
        (!all.is_empty()).then(|| all[pick % all.len()].clone())
    }

    fn apply(&mut self, op: &Op) {
        self.now += 1_000;
        let dev = match *op {
            Op::Sync { from, to } => {
                let theirs = self.states[from].clone();
                self.states[to].join(&theirs);
                self.sets[to] = self.states[to].to_set();
                return;
            }
            Op::Add { dev, .. } | Op::Note { dev, .. } | Op::Tag { dev, .. } => dev,
            Op::Delete { dev, .. } => dev,
        };
        match *op {
            Op::Add { at, .. } => {
                let start = TextSpan::snapped(TEXT, at * 9, at * 9).start();
                let end = TextSpan::snapped(TEXT, start + 9, start + 9).end();
                let anchor = Anchor::new(&self.doc, TextSpan::new(start, end)).expect("anchor");
                let a = Annotation::new(anchor).with_tag(self.tags[0].clone());
                self.truth.notes.insert(a.id.clone(), None);
                self.truth
                    .tags
                    .insert((a.id.clone(), self.tags[0].clone()), true);
                self.sets[dev].add(a).expect("add");
            }
            Op::Note { pick, text, .. } => {
                let Some(a) = self.pick(dev, pick) else {
                    return;
                };
                let note = Some(format!("备注{text}"));
                self.truth.notes.insert(a.id.clone(), note.clone());
                self.sets[dev].update(a.with_note(note)).expect("note");
            }
            Op::Tag { pick, tag, on, .. } => {
                let Some(mut a) = self.pick(dev, pick) else {
                    return;
                };
                let tag = self.tags[tag].clone();
                if a.tags.contains(&tag) == on {
                    return; // No change: nothing is written.
                }
                self.truth.tags.insert((a.id.clone(), tag.clone()), on);
                if on {
                    a.tags.insert(tag);
                } else {
                    a.tags.remove(&tag);
                }
                self.sets[dev].update(a).expect("tag");
            }
            Op::Delete { pick, .. } => {
                let Some(a) = self.pick(dev, pick) else {
                    return;
                };
                self.truth.deleted.insert(a.id.clone());
                self.sets[dev].remove(&a.id).expect("remove");
            }
            Op::Sync { .. } => {}
        }
        let clock = Clock {
            device: format!("d{dev}"),
            now_ms: self.now + self.skew[dev],
        };
        self.states[dev].record_local(&self.sets[dev], &clock);
    }
}

/// What a state shows, comparable.
fn shown(state: &SyncState) -> (Vec<Annotation>, Vec<pangzhu::annotation::Tag>) {
    let set = state.to_set();
    let annotations = set.sorted().into_iter().cloned().collect();
    let tags = set.tags().sorted().into_iter().cloned().collect();
    (annotations, tags)
}

fn joined(states: &[&SyncState]) -> SyncState {
    SyncState::join_all(states.iter().copied())
}

fn run(ops: &[Op], skew: Vec<i64>) -> World {
    let mut world = World::new(skew);
    for op in ops {
        world.apply(op);
    }
    world
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn merging_is_a_join(
        ops in proptest::collection::vec(op(), 1..40),
        skew in proptest::collection::vec(-5_000i64..5_000, DEVICES),
    ) {
        let w = run(&ops, skew);
        let [a, b, c] = [&w.states[0], &w.states[1], &w.states[2]];
        let all = shown(&joined(&[a, b, c]));
        for order in [[a, c, b], [b, a, c], [b, c, a], [c, a, b], [c, b, a]] {
            prop_assert_eq!(&shown(&joined(&order)), &all, "commutative");
        }
        let ab_c = joined(&[&joined(&[a, b]), c]);
        let a_bc = joined(&[a, &joined(&[b, c])]);
        prop_assert_eq!(shown(&ab_c), shown(&a_bc), "associative");
        let twice = joined(&[a, b, c, a, b, c, &ab_c]);
        prop_assert_eq!(&shown(&twice), &all, "idempotent");
        let mut again = a.clone();
        again.join(a);
        prop_assert_eq!(&again, a, "a state joined with itself is unchanged");
        for gone in &w.truth.deleted {
            prop_assert!(all.0.iter().all(|x| &x.id != gone), "resurrected {}", gone);
        }
    }

    #[test]
    fn with_agreeing_clocks_the_last_edit_wins(ops in proptest::collection::vec(op(), 1..40)) {
        let w = run(&ops, vec![0; DEVICES]);
        let all = joined(&w.states.iter().collect::<Vec<_>>()).to_set();
        for a in all.iter() {
            prop_assert_eq!(&a.note, &w.truth.notes[&a.id], "note of {}", a.id);
            for (key, on) in w.truth.tags.iter().filter(|((id, _), _)| *id == a.id) {
                prop_assert_eq!(a.tags.contains(&key.1), *on, "tag {} of {}", key.1, a.id);
            }
        }
        let added: BTreeSet<&AnnotationId> = w.truth.notes.keys().collect();
        let kept: BTreeSet<&AnnotationId> = all.iter().map(|a| &a.id).collect();
        let expected: BTreeSet<&AnnotationId> =
            added.into_iter().filter(|id| !w.truth.deleted.contains(*id)).collect();
        prop_assert_eq!(kept, expected, "every annotation not deleted, nothing deleted");
    }
}
