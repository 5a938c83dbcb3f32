//! The chart of the open documents under the view's filters. Building it merges and places
//! every entry, so it is kept until the documents, their events, the filters or (with a tag
//! filter) the tagged passages change; a frame then only lays it out for the current zoom.

use crate::app::state::{merged_rows, timeline_keys};
use crate::app::{AppState, DocumentId};
use crate::chart::{self, ChartData, Filter, Lane};
use crate::extract::timeline::{DateValue, MergedRow};
use crate::span::TextSpan;

use super::Filters;

/// What a mark's hover and click need of its row.
#[derive(Debug, Clone)]
pub struct RowInfo {
    pub doc: DocumentId,
    /// A library document's path (its entries are in the library lane; a click opens it).
    pub path: Option<std::path::PathBuf>,
    pub offset: usize,
    pub date: String,
    pub text: String,
    pub sentence: String,
    /// The event's label, why it was grouped, and whether the documents disagree on its date
    /// (events told by more than one document only).
    pub event: Option<(String, String, bool)>,
}

#[derive(Debug, Clone, PartialEq)]
struct Key {
    docs: Vec<(DocumentId, usize)>,
    events_ready: bool,
    filters: Filters,
    /// The passages carrying the tag filter's tag, per document.
    tagged: Vec<Vec<TextSpan>>,
    /// The library's timelines shown (by pointer), 0 for none.
    library: usize,
}

#[derive(Default)]
pub struct ChartCache {
    key: Option<Key>,
    data: ChartData,
    rows: Vec<RowInfo>,
}

impl ChartCache {
    pub fn data(&self) -> &ChartData {
        &self.data
    }

    pub fn row(&self, i: usize) -> Option<&RowInfo> {
        self.rows.get(i)
    }

    /// Rebuild when anything the chart depends on changed.
    pub fn update(&mut self, state: &AppState, filters: &Filters) {
        let docs = state.documents();
        let key = Key {
            docs: docs
                .iter()
                .map(|d| (d.id, std::sync::Arc::as_ptr(&d.loaded) as usize))
                .collect(),
            events_ready: state.timeline_events().is_some(),
            filters: filters.clone(),
            tagged: tagged_spans(state, filters.tag.as_deref()),
            library: if filters.library {
                std::sync::Arc::as_ptr(state.library().timelines) as usize
            } else {
                0
            },
        };
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let library = state.library().timelines;
        let mut keys = timeline_keys(docs);
        if filters.library {
            keys.extend(library.iter().map(|(p, t)| (format!("\u{1}{p}"), t)));
        }
        let rows = merged_rows(&keys);
        // Events are grouped over the open documents' rows only; with the library's rows
        // merged in the indices no longer match, so the library view shows no connectors.
        let events = if filters.library {
            &[][..]
        } else {
            state.timeline_events().unwrap_or_default()
        };
        let index: std::collections::HashMap<&str, usize> = keys
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.as_str(), i))
            .collect();
        let key_of = |row: &MergedRow<'_>| index.get(row.source).copied();
        let doc_of = |row: &MergedRow<'_>| key_of(row).filter(|&k| k < docs.len());
        let shown: Vec<usize> = (0..docs.len())
            .filter(|&i| !filters.hidden.contains(&docs[i].id))
            .collect();
        let mut lanes: Vec<Lane> = shown
            .iter()
            .map(|&i| Lane {
                label: docs[i].loaded.display_name(),
                colour: super::paint::doc_rgb(state, docs[i].id),
            })
            .collect();
        let library_lane = filters.library.then(|| {
            lanes.push(Lane {
                label: format!("文库 Library ({})", library.len()),
                colour: [0x60, 0x60, 0x60],
            });
            lanes.len() - 1
        });
        let filter = Filter {
            show_notes: filters.show_notes,
            names: spellings(state, filters.entity.as_deref()),
            range: filters.range,
        };
        let tag_ok = |row: &MergedRow<'_>| {
            filters.tag.is_none()
                || doc_of(row).is_some_and(|d| {
                    let block = docs[d].loaded.doc().blocks().get(row.entry.block);
                    block.is_some_and(|b| key.tagged[d].iter().any(|s| s.overlaps(&b.span)))
                })
        };
        self.data = chart::chart_data(
            &rows,
            events,
            lanes,
            |row| match key_of(row) {
                Some(k) if k >= docs.len() => library_lane,
                Some(k) => shown.iter().position(|&s| s == k),
                None => None,
            },
            |_, row| filter.keeps(row) && tag_ok(row),
        );
        self.rows = rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let e = row.entry;
                let event = events
                    .get(i)
                    .filter(|ev| ev.mentions > 1)
                    .map(|ev| (ev.label.clone(), ev.why.clone(), ev.disagrees));
                let path = key_of(row)
                    .filter(|&k| k >= docs.len())
                    .and_then(|k| library.get(k - docs.len()))
                    .map(|(p, _)| std::path::PathBuf::from(p));
                RowInfo {
                    doc: doc_of(row).map_or(DocumentId(0), |d| docs[d].id),
                    path,
                    offset: e.span.start(),
                    date: date_text(row),
                    text: e.text_full.clone(),
                    sentence: e.sentence.clone(),
                    event,
                }
            })
            .collect();
        self.key = Some(key);
    }
}

/// The date as a reader says it: the value, a relative one with its reading.
fn date_text(row: &MergedRow<'_>) -> String {
    let e = row.entry;
    match (&e.value, e.resolved) {
        (DateValue::Relative { .. }, Some(r)) => format!("≈ {r}"),
        _ if e.vague || e.approx => format!("≈ {}", e.value),
        _ => e.value.to_string(),
    }
}

/// Every spelling of an entity in the open documents (its name and the short forms counted
/// under it).
fn spellings(state: &AppState, entity: Option<&str>) -> Vec<String> {
    let Some(name) = entity else {
        return Vec::new();
    };
    let mut out = vec![name.to_owned()];
    for open in state.documents() {
        for e in &open.loaded.analysis().entities {
            if e.name == name {
                out.extend(e.aliases.iter().cloned());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The names offered by the entity filter: the most mentioned of the open documents.
pub fn entity_names(state: &AppState) -> Vec<String> {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for open in state.documents() {
        for e in &open.loaded.analysis().entities {
            *counts.entry(e.name.as_str()).or_default() += e.count;
        }
    }
    let mut names: Vec<(&str, usize)> = counts.into_iter().collect();
    names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    names
        .into_iter()
        .take(40)
        .map(|(n, _)| n.to_owned())
        .collect()
}

/// Per open document, the passages annotated with `tag` or a tag under it.
fn tagged_spans(state: &AppState, tag: Option<&str>) -> Vec<Vec<TextSpan>> {
    let Some(tag) = tag else {
        return Vec::new();
    };
    state
        .documents()
        .iter()
        .map(|open| {
            state.annotations(open.id).map_or_else(Vec::new, |a| {
                a.highlights()
                    .iter()
                    .filter(|h| {
                        h.tags.iter().any(|t| {
                            t == tag || t.strip_prefix(tag).is_some_and(|r| r.starts_with('/'))
                        })
                    })
                    .map(|h| h.span)
                    .collect()
            })
        })
        .collect()
}
