//! Footnotes against `gold/footnotes.json`: every marker at its (doc, line, col, n) and linked
//! to the gold note, no extra markers, note texts (whitespace removed), URLs, 同上, repeated and
//! short-form notes all equal. The figures are computed, printed and required to be perfect.

mod common;

use std::collections::BTreeMap;

use pangzhu::document::Document;
use pangzhu::extract::footnotes::{Footnotes, extract_footnotes};
use serde_json::Value;

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn int(v: &Value, key: &str) -> Option<u64> {
    v.get(key).and_then(Value::as_u64)
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// Engine results for every document the gold covers.
fn extract_gold_docs(gold: &Value) -> BTreeMap<String, Footnotes> {
    let mut docs = BTreeMap::new();
    for name in gold["markers"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(gold["notes"].as_array().into_iter().flatten())
        .map(|v| text(v, "doc").to_owned())
    {
        docs.entry(name.clone()).or_insert_with(|| {
            let path = common::corpus_dir().join(&name);
            let doc = Document::open(&path).unwrap_or_else(|e| panic!("{e}"));
            extract_footnotes(&doc)
        });
    }
    docs
}

/// Line of note `i` of a document's results.
fn note_line(f: &Footnotes, i: Option<usize>) -> Option<u64> {
    i.and_then(|i| f.notes.get(i)).map(|n| u64::from(n.line))
}

#[test]
fn markers_are_found_and_linked_like_the_gold() {
    let gold = common::gold("footnotes.json");
    let docs = extract_gold_docs(&gold);
    let gold_markers = gold["markers"].as_array().expect("markers");
    let mut linked = 0;
    let mut problems = Vec::new();
    for g in gold_markers {
        let f = &docs[text(g, "doc")];
        let (line, col, n) = (int(g, "line"), int(g, "col"), int(g, "n"));
        let found = f.markers.iter().find(|m| {
            Some(u64::from(m.line)) == line
                && Some(u64::from(m.col)) == col
                && Some(u64::from(m.n)) == n
        });
        let Some(m) = found else {
            problems.push(format!(
                "missing marker {}:{line:?}:{col:?} n={n:?}",
                text(g, "doc")
            ));
            continue;
        };
        let ok = m.marker == text(g, "marker")
            && Some(m.space_before) == g["space_before"].as_bool()
            && note_line(f, m.note) == int(g, "note_line");
        if ok {
            linked += 1;
        } else {
            problems.push(format!("wrong marker {m:?} vs {g}"));
        }
    }
    let mut extra = 0;
    for (name, f) in &docs {
        let expected = gold_markers
            .iter()
            .filter(|g| text(g, "doc") == name)
            .count();
        if f.markers.len() != expected {
            extra += f.markers.len().abs_diff(expected);
            problems.push(format!(
                "{name}: {} markers, gold {expected}",
                f.markers.len()
            ));
        }
        assert!(f.unlinked_markers.is_empty() && f.unreferenced_notes.is_empty());
        assert!(
            f.irregular_links.is_empty(),
            "{name}: {:?}",
            f.irregular_links
        );
    }
    println!("markers linked right: {linked}/{}", gold_markers.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(linked, 77);
    assert_eq!(extra, 0);
}

#[test]
fn notes_match_the_gold_text_urls_and_repeats() {
    let gold = common::gold("footnotes.json");
    let docs = extract_gold_docs(&gold);
    let gold_notes = gold["notes"].as_array().expect("notes");
    let mut right = 0;
    let mut problems = Vec::new();
    for g in gold_notes {
        let f = &docs[text(g, "doc")];
        let Some(note) = f
            .notes
            .iter()
            .find(|n| Some(u64::from(n.line)) == int(g, "line"))
        else {
            problems.push(format!(
                "missing note {}:{:?}",
                text(g, "doc"),
                int(g, "line")
            ));
            continue;
        };
        let gold_urls: Vec<&str> = g["urls"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let checks = [
            ("n", Some(u64::from(note.n)) == int(g, "n")),
            (
                "end_line",
                Some(u64::from(note.end_line)) == int(g, "end_line"),
            ),
            ("text", squeeze(&note.text) == squeeze(text(g, "text"))),
            ("urls", note.urls == gold_urls),
            ("ibid_of", note_line(f, note.ibid_of) == int(g, "ibid_of")),
            (
                "repeat_of",
                note_line(f, note.repeat_of) == int(g, "repeat_of"),
            ),
            (
                "short_form_of",
                note_line(f, note.short_form_of) == int(g, "short_form_of"),
            ),
        ];
        let failed: Vec<&str> = checks.iter().filter(|c| !c.1).map(|c| c.0).collect();
        if failed.is_empty() {
            right += 1;
        } else {
            problems.push(format!(
                "note {}:{} wrong {failed:?}: {note:?}",
                text(g, "doc"),
                note.line
            ));
        }
    }
    let engine_notes: usize = docs.values().map(|f| f.notes.len()).sum();
    println!(
        "notes right: {right}/{} (engine found {engine_notes})",
        gold_notes.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(right, 77);
    assert_eq!(engine_notes, gold_notes.len());
}

#[test]
fn every_gold_url_is_rebuilt() {
    let gold = common::gold("footnotes.json");
    let docs = extract_gold_docs(&gold);
    let expected: usize = gold["notes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| n["urls"].as_array().map_or(0, Vec::len))
        .sum();
    let found: usize = docs
        .values()
        .flat_map(|f| &f.notes)
        .map(|n| n.urls.len())
        .sum();
    assert_eq!(expected, 45);
    assert_eq!(found, expected);
}
