//! Timeline accuracy against `gold/timeline.json`: matched on (doc, line, value), a broken
//! expression may be reported on its start or its end line.

mod common;

use std::collections::BTreeMap;

use pangzhu::document::Document;
use pangzhu::extract::timeline::{Timeline, TimelineOptions, extract_timeline};
use serde_json::Value;

struct GoldEntry {
    doc: String,
    line: u64,
    end_line: u64,
    value: String,
    inherited: bool,
    text: String,
}

fn gold_entries() -> Vec<GoldEntry> {
    let gold = common::gold("timeline.json");
    let entries = gold["entries"].as_array().expect("entries");
    entries
        .iter()
        .map(|e| GoldEntry {
            doc: e["doc"].as_str().expect("doc").to_owned(),
            line: e["line"].as_u64().expect("line"),
            end_line: e["end_line"].as_u64().expect("end_line"),
            value: e["value"].as_str().expect("value").to_owned(),
            inherited: e["year_inherited"].as_bool().unwrap_or(false),
            text: e["text_full"].as_str().unwrap_or_default().to_owned(),
        })
        .collect()
}

fn timelines() -> BTreeMap<String, Timeline> {
    common::corpus_files()
        .iter()
        .map(|path| {
            let doc = Document::open(path).expect("open");
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (name, extract_timeline(&doc, &TimelineOptions::default()))
        })
        .collect()
}

#[test]
fn timeline_matches_gold() {
    let gold = gold_entries();
    let found = timelines();
    // (doc, entry index) already matched, so each engine entry matches one gold entry.
    let mut used: BTreeMap<(String, usize), bool> = BTreeMap::new();
    let mut matched = 0;
    let mut inherited_right = 0;
    let mut misses = Vec::new();
    for g in &gold {
        let entries = &found[&g.doc].entries;
        let hit = entries.iter().enumerate().find(|(i, e)| {
            !used.contains_key(&(g.doc.clone(), *i))
                && e.value.to_string() == g.value
                && (u64::from(e.line) == g.line || u64::from(e.line) == g.end_line)
        });
        match hit {
            Some((i, e)) => {
                used.insert((g.doc.clone(), i), true);
                matched += 1;
                if g.inherited && e.year_inherited {
                    inherited_right += 1;
                }
            }
            None => misses.push(format!(
                "  missed {}:{} {} {}",
                &g.doc[..3],
                g.line,
                g.text,
                g.value
            )),
        }
    }
    let mut extra = Vec::new();
    let mut total_found = 0;
    for (doc, timeline) in &found {
        for (i, e) in timeline.entries.iter().enumerate() {
            total_found += 1;
            if !used.contains_key(&(doc.clone(), i)) {
                extra.push(format!(
                    "  extra {}:{} {} {}",
                    &doc[..3],
                    e.line,
                    e.text_full,
                    e.value
                ));
            }
        }
    }
    let inherited_total = gold.iter().filter(|g| g.inherited).count();
    let recall = f64::from(matched) / gold.len() as f64;
    let precision = f64::from(matched) / f64::from(total_found.max(1));
    println!("{}", misses.join("\n"));
    println!("{}", extra.join("\n"));
    println!(
        "timeline: recall {recall:.4} ({matched}/{}), precision {precision:.4} ({matched}/{total_found}), inherited years {inherited_right}/{inherited_total}",
        gold.len()
    );
    assert!(recall >= 0.97, "recall {recall:.4} below 0.97");
    assert!(precision >= 0.97, "precision {precision:.4} below 0.97");
    assert!(
        inherited_right >= 14,
        "only {inherited_right} inherited years right"
    );
}

#[test]
fn reference_dates_match_gold_years() {
    let gold = common::gold("timeline.json");
    let found = timelines();
    for (doc, timeline) in &found {
        let want = gold["documents"][doc]["reference_date"]
            .as_str()
            .expect("reference");
        let got = timeline.reference_date.as_ref().expect("a reference date");
        assert_eq!(got.value.get(..4), want.get(..4), "{doc}: {}", got.evidence);
        assert!(got.line.is_some());
    }
}

#[test]
fn json_fields_follow_the_contract() {
    let found = timelines();
    let timeline = &found["001_5869eaea54e14ba4.txt"];
    let value = serde_json::to_value(&timeline.entries[0]).expect("json");
    for field in [
        "text",
        "value",
        "granularity",
        "line",
        "col",
        "end_line",
        "in_note",
        "year_inherited",
        "relation",
        "part",
        "approx",
        "anchor",
        "resolved",
        "sentence",
        "block",
    ] {
        assert!(value.get(field).is_some(), "missing {field}");
    }
    assert!(matches!(value["resolved"], Value::Null | Value::String(_)));
    let reference = serde_json::to_value(&timeline.reference_date).expect("json");
    assert_eq!(reference["value"], "2022-07-10");
    assert_eq!(reference["line"], 165);
}
