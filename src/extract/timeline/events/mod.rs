//! One event across documents: the entries of a merged timeline that tell of the same
//! real-world event. Two entries are one event when their dates are compatible (one inside the
//! other: a day inside a day range inside a month inside a year) and their sentences share what
//! names the event — the distinctive words (TF-IDF keywords of the sentence, jieba's segmenter).
//! Two things that happened in the same month share a date but not those words.

use std::collections::{BTreeMap, BTreeSet};

use super::Zone;
use super::merge::MergedRow;
use crate::nlp::Segmenter;
use crate::nlp::keywords::{KeywordMethod, keywords_of_text};

/// Keywords taken from each sentence.
const SENTENCE_KEYWORDS: usize = 8;
/// Shared keywords two mentions need.
const MIN_SHARED: usize = 2;
/// Share of the smaller keyword set that must be shared.
const MIN_OVERLAP: f32 = 0.34;
/// Share needed to join mentions whose dates disagree: most of what names them is the same.
const STRICT_OVERLAP: f32 = 0.6;
/// Words in a label.
const LABEL_WORDS: usize = 3;

mod dates;
use dates::{Span, close, nested, span_of};

/// The event an entry of a merged timeline belongs to (one per row, in row order).
#[derive(Debug, Clone, PartialEq)]
pub struct EventTag {
    /// Shared by the mentions of one event, across documents (`e1`, `e2`, … in timeline order).
    pub id: String,
    /// A short label from the words the mentions share (a lone mention: its own keywords).
    pub label: String,
    /// How sure the grouping is, 0–1 (1 for an event mentioned once).
    pub confidence: f32,
    /// Why the mentions were grouped: the shared words and the dates.
    pub why: String,
    /// Number of mentions of the event.
    pub mentions: usize,
    /// Documents date the event differently (2023-05-18 in one, 2023-05-19 in another).
    pub disagrees: bool,
}

struct Mention {
    span: Option<Span>,
    words: Vec<(String, f64)>,
    /// The words alone, for comparing two mentions.
    set: BTreeSet<String>,
}

/// Group the rows of a merged timeline into events.
pub fn group_events(segmenter: &Segmenter, rows: &[MergedRow<'_>]) -> Vec<EventTag> {
    let mentions: Vec<Mention> = rows
        .iter()
        .map(|row| {
            let e = row.entry;
            // Notes date their sources (a citation's publication), not events.
            let in_body = e.zone == Zone::Body;
            let span = span_of(&e.value).filter(|_| in_body && !e.vague);
            let words = keywords_of_text(
                segmenter,
                &e.sentence,
                KeywordMethod::TfIdf,
                SENTENCE_KEYWORDS,
            )
            .into_iter()
            .map(|k| (k.word, k.weight))
            .chain(figures(&e.sentence).map(|f| (f, 1.0)))
            .collect();
            Mention {
                span,
                words,
                set: BTreeSet::new(),
            }
        })
        .collect();
    // Words in many of the timeline's sentences (the documents' common subject: 中国, 中亚)
    // name no particular event.
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &mentions {
        for (w, _) in &m.words {
            *df.entry(w.as_str()).or_default() += 1;
        }
    }
    let common_at = (mentions.len() / 20).max(4);
    let common: BTreeSet<String> = df
        .into_iter()
        .filter(|(_, n)| *n > common_at)
        .map(|(w, _)| w.to_owned())
        .collect();
    let mentions: Vec<Mention> = mentions
        .into_iter()
        .map(|m| {
            let words: Vec<(String, f64)> = m
                .words
                .into_iter()
                .filter(|(w, _)| !common.contains(w))
                .collect();
            let set = words.iter().map(|(w, _)| w.clone()).collect();
            Mention {
                span: m.span,
                words,
                set,
            }
        })
        .collect();
    let mut sets = UnionFind::new(rows.len());
    let mut best: Vec<f32> = vec![0.0; rows.len()];
    // Rows are in date order: a sweep over starts finds every overlapping pair.
    let mut order: Vec<usize> = (0..rows.len())
        .filter(|&i| mentions[i].span.is_some())
        .collect();
    order.sort_by_key(|&i| mentions[i].span);
    for (k, &i) in order.iter().enumerate() {
        let Some(a) = mentions[i].span else { continue };
        for &j in &order[k + 1..] {
            let Some(b) = mentions[j].span else { continue };
            if b.0 > a.1 {
                break;
            }
            let same_sentence = rows[i].source == rows[j].source
                && rows[i].entry.sentence == rows[j].entry.sentence;
            if same_sentence || !nested(a, b) {
                continue;
            }
            if let Some(score) = similarity(&mentions[i], &mentions[j]) {
                let exact = rows[i].entry.value == rows[j].entry.value;
                let confidence = score * if exact { 1.0 } else { 0.8 };
                sets.union(i, j);
                best[i] = best[i].max(confidence);
                best[j] = best[j].max(confidence);
            }
        }
    }
    link_disagreements(rows, &mentions, &order, &mut sets, &mut best);
    label_groups(rows, &mentions, &mut sets, &best)
}

/// Strongly similar sentences in two documents with close but incompatible dates tell of one
/// event the documents date differently: join them, so the disagreement can be shown.
fn link_disagreements(
    rows: &[MergedRow<'_>],
    mentions: &[Mention],
    order: &[usize],
    sets: &mut UnionFind,
    best: &mut [f32],
) {
    for (k, &i) in order.iter().enumerate() {
        let Some(a) = mentions[i].span else { continue };
        for &j in &order[k + 1..] {
            let Some(b) = mentions[j].span else { continue };
            // Starts more than a year and a month apart are never close.
            if b.0 > a.0 + 10_100 {
                break;
            }
            if rows[i].source == rows[j].source || !close(a, b) {
                continue;
            }
            if let Some(score) = similarity(&mentions[i], &mentions[j])
                .filter(|&s| s >= STRICT_OVERLAP && shared_weight(&mentions[i], &mentions[j]) >= 3)
                .filter(|_| {
                    !agrees_elsewhere(rows, mentions, i, b)
                        && !agrees_elsewhere(rows, mentions, j, a)
                })
            {
                sets.union(i, j);
                let confidence = score * 0.6;
                best[i] = best[i].max(confidence);
                best[j] = best[j].max(confidence);
            }
        }
    }
}

/// Another date of row `i`'s sentence is compatible with `other` (2024年…较上年: the sentence
/// dates its event 2024 and names 2023 only as a comparison).
fn agrees_elsewhere(rows: &[MergedRow<'_>], mentions: &[Mention], i: usize, other: Span) -> bool {
    let (source, sentence) = (rows[i].source, &rows[i].entry.sentence);
    // Rows of one sentence sit close together in a date-sorted timeline only by chance, so
    // look at all of them; sentences hold few dates and this runs for rare candidate pairs.
    rows.iter().zip(mentions).enumerate().any(|(k, (r, m))| {
        k != i
            && r.source == source
            && &r.entry.sentence == sentence
            && m.span.is_some_and(|s| nested(s, other))
    })
}

/// Two mentions of one group in different documents whose dates are not nested: the
/// documents disagree on when it happened.
fn disagreement(rows: &[MergedRow<'_>], mentions: &[Mention], members: &[usize]) -> Option<String> {
    for (k, &i) in members.iter().enumerate() {
        for &j in &members[k + 1..] {
            let (Some(a), Some(b)) = (mentions[i].span, mentions[j].span) else {
                continue;
            };
            if rows[i].source != rows[j].source
                && !nested(a, b)
                && !agrees_elsewhere(rows, mentions, i, b)
                && !agrees_elsewhere(rows, mentions, j, a)
            {
                return Some(format!(
                    "dates disagree: {} ({}) vs {} ({})",
                    rows[i].entry.value, rows[i].source, rows[j].entry.value, rows[j].source
                ));
            }
        }
    }
    None
}

/// The figures a sentence reports (`948`, `7.2`), years aside: two reports of one event often
/// quote the same numbers where their words differ.
fn figures(sentence: &str) -> impl Iterator<Item = String> + '_ {
    static NUMBER: std::sync::LazyLock<Option<regex::Regex>> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\d+(?:\.\d+)?").ok());
    NUMBER
        .iter()
        .flat_map(move |re| re.find_iter(sentence))
        .map(|m| m.as_str())
        .filter(|n| {
            let year = n.len() == 4 && n.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y));
            (n.len() >= 3 || n.contains('.')) && !year
        })
        .map(|n| format!("#{n}"))
}

/// Shared words, a figure both quote (948 亿美元) weighing as two.
fn shared_weight(a: &Mention, b: &Mention) -> usize {
    a.set
        .intersection(&b.set)
        .map(|w| if w.starts_with('#') { 2 } else { 1 })
        .sum()
}

/// The share of the smaller keyword set the two sentences share, if it is enough.
fn similarity(a: &Mention, b: &Mention) -> Option<f32> {
    let weight = shared_weight(a, b);
    let smaller = a.set.len().min(b.set.len()).max(1);
    let overlap = (weight as f32 / smaller as f32).min(1.0);
    // Two short words (突破, 世界) are shared by chance; a name, a figure or a third word is not.
    let telling = weight > MIN_SHARED || a.set.intersection(&b.set).any(|w| w.chars().count() >= 3);
    (weight >= MIN_SHARED && telling && overlap >= MIN_OVERLAP).then_some(overlap)
}

fn label_groups(
    rows: &[MergedRow<'_>],
    mentions: &[Mention],
    sets: &mut UnionFind,
    best: &[f32],
) -> Vec<EventTag> {
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..rows.len() {
        groups.entry(sets.find(i)).or_default().push(i);
    }
    // Number the events in timeline order (by their first mention).
    let mut ordered: Vec<Vec<usize>> = groups.into_values().collect();
    ordered.sort_by_key(|members| members[0]);
    let mut tags: Vec<Option<EventTag>> = vec![None; rows.len()];
    for (n, members) in ordered.iter().enumerate() {
        let mut counts: BTreeMap<&str, (usize, f64)> = BTreeMap::new();
        for &m in members {
            for (w, weight) in &mentions[m].words {
                let slot = counts.entry(w.as_str()).or_insert((0, 0.0));
                slot.0 += 1;
                slot.1 += weight;
            }
        }
        let need = if members.len() > 1 { 2 } else { 1 };
        let mut words: Vec<(&str, (usize, f64))> = counts
            .into_iter()
            .filter(|(w, (c, _))| *c >= need && !w.starts_with('#'))
            .collect();
        words.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(b.1.1.total_cmp(&a.1.1)));
        let label: Vec<&str> = words.iter().take(LABEL_WORDS).map(|(w, _)| *w).collect();
        let confidence = if members.len() > 1 {
            members.iter().map(|&m| best[m]).fold(0.0, f32::max)
        } else {
            1.0
        };
        let disagrees = disagreement(rows, mentions, members);
        let why = if members.len() > 1 {
            let dates: BTreeSet<String> = members
                .iter()
                .map(|&m| rows[m].entry.value.to_string())
                .collect();
            let sources: BTreeSet<&str> = members.iter().map(|&m| rows[m].source).collect();
            let dates = match &disagrees {
                Some(d) => d.clone(),
                None => format!(
                    "compatible dates: {}",
                    dates.into_iter().collect::<Vec<_>>().join(" ⊂ ")
                ),
            };
            format!(
                "shared words: {}; {dates}; {} mentions in {} documents",
                label.join(" "),
                members.len(),
                sources.len()
            )
        } else {
            "mentioned once".to_owned()
        };
        for &m in members {
            tags[m] = Some(EventTag {
                id: format!("e{}", n + 1),
                label: label.join(" "),
                confidence: (confidence * 100.0).round() / 100.0,
                why: why.clone(),
                mentions: members.len(),
                disagrees: disagrees.is_some(),
            });
        }
    }
    tags.into_iter().flatten().collect()
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        Self {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        // The smaller index stays the root, so a group is named by its first row.
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}

#[cfg(test)]
mod tests;
