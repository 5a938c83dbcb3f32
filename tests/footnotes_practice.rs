//! Footnotes of real PDF extractions against the hand-checked gold of
//! `tests/data/practice/gold/footnotes.json` (see its README for how it was made): a marker
//! counts when the engine finds it at the gold line and column, with the gold number, linked
//! to the note at the gold line. Recall and precision are printed per document and required
//! to reach 0.95 overall and per document that has footnotes; documents without footnotes must
//! get no marker at all.

mod common;

use std::collections::BTreeMap;

use pangzhu::document::Document;
use pangzhu::extract::footnotes::extract_footnotes;
use serde_json::Value;

fn gold() -> Value {
    let path = common::practice_dir().join("gold/footnotes.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("gold JSON")
}

#[derive(Default, Debug)]
struct Score {
    gold: usize,
    found: usize,
    right: usize,
}

impl Score {
    fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.right as f64 / self.gold as f64
        }
    }
    fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.right as f64 / self.found as f64
        }
    }
}

#[test]
fn practice_footnotes_reach_the_gold() {
    let gold = gold();
    let markers = gold["markers"].as_array().expect("markers");
    let mut scores: BTreeMap<String, Score> = BTreeMap::new();
    let mut problems = Vec::new();
    for path in common::practice_files() {
        let name = path
            .file_name()
            .expect("file name")
            .to_string_lossy()
            .into_owned();
        let doc = Document::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let f = extract_footnotes(&doc);
        let expected: Vec<&Value> = markers
            .iter()
            .filter(|m| m["doc"] == name.as_str())
            .collect();
        let score = scores.entry(name.clone()).or_default();
        score.gold = expected.len();
        score.found = f.markers.len();
        for m in &f.markers {
            let note_line = f.note_of(m).map(|n| u64::from(n.line));
            let hit = expected.iter().any(|g| {
                g["line"].as_u64() == Some(u64::from(m.line))
                    && g["col"].as_u64() == Some(u64::from(m.col))
                    && g["n"].as_u64() == Some(u64::from(m.n))
                    && g["note_line"].as_u64() == note_line
            });
            if hit {
                score.right += 1;
            } else {
                problems.push(format!(
                    "{name}: extra or wrong {}:{} n={} -> {note_line:?}",
                    m.line, m.col, m.n
                ));
            }
        }
        for g in &expected {
            let found = f.markers.iter().any(|m| {
                g["line"].as_u64() == Some(u64::from(m.line))
                    && g["col"].as_u64() == Some(u64::from(m.col))
            });
            if !found {
                problems.push(format!(
                    "{name}: missing {}:{} n={}",
                    g["line"], g["col"], g["n"]
                ));
            }
        }
    }
    let mut total = Score::default();
    for (name, s) in &scores {
        println!(
            "{name}: gold {} found {} right {} recall {:.3} precision {:.3}",
            s.gold,
            s.found,
            s.right,
            s.recall(),
            s.precision()
        );
        total.gold += s.gold;
        total.found += s.found;
        total.right += s.right;
    }
    println!(
        "all: gold {} found {} right {} recall {:.3} precision {:.3}",
        total.gold,
        total.found,
        total.right,
        total.recall(),
        total.precision()
    );
    println!("{}", problems.join("\n"));
    assert_eq!(total.gold, 70, "the gold holds 70 markers");
    assert!(
        total.recall() >= 0.95 && total.precision() >= 0.95,
        "{problems:#?}"
    );
    for (name, s) in &scores {
        if s.gold == 0 {
            assert_eq!(s.found, 0, "{name} has no footnotes: {problems:#?}");
        } else {
            assert!(s.recall() >= 0.95 && s.precision() >= 0.95, "{name}: {s:?}");
        }
    }
}

/// Bibliography citations are no footnotes: ctex-faq cites its References with `[n]`.
#[test]
fn citations_of_a_reference_list_are_not_footnotes() {
    let doc = Document::open(&common::practice_dir().join("ctex-faq.txt")).expect("open");
    let f = extract_footnotes(&doc);
    assert!(f.markers.is_empty(), "{:?}", f.markers);
    assert!(f.citations.len() >= 15, "{}", f.citations.len());
    assert_eq!(f.references.len(), 13);
    assert!(f.citations.iter().all(|c| c.note.is_some()));
}
