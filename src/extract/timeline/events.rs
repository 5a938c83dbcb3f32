//! One event across documents: the entries of a merged timeline that tell of the same
//! real-world event. Two entries are one event when their dates are compatible (one inside the
//! other: a day inside a day range inside a month inside a year) and their sentences share what
//! names the event — the distinctive words (TF-IDF keywords of the sentence, jieba's segmenter).
//! Two things that happened in the same month share a date but not those words.

use std::collections::{BTreeMap, BTreeSet};

use super::Zone;
use super::merge::MergedRow;
use super::value::{Date, DateValue};
use crate::nlp::Segmenter;
use crate::nlp::keywords::{KeywordMethod, keywords_of_text};

/// Keywords taken from each sentence.
const SENTENCE_KEYWORDS: usize = 8;
/// Shared keywords two mentions need.
const MIN_SHARED: usize = 2;
/// Share of the smaller keyword set that must be shared.
const MIN_OVERLAP: f32 = 0.34;
/// Words in a label.
const LABEL_WORDS: usize = 3;

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
}

/// A day-resolution interval `[start, end]` as `yyyymmdd` numbers.
type Span = (u32, u32);

fn day_number(d: Date, last: bool) -> Option<u32> {
    let year = u32::try_from(d.year).ok()?;
    let month = d.month.map_or(if last { 12 } else { 1 }, u32::from);
    let day = d.day.map_or(if last { 31 } else { 1 }, u32::from);
    Some(year * 10_000 + month * 100 + day)
}

/// The interval an absolute date covers; `None` for relative, decade and century values,
/// which are too vague to say two mentions are one event.
fn span_of(value: &DateValue) -> Option<Span> {
    match *value {
        DateValue::Point(d) => Some((day_number(d, false)?, day_number(d, true)?)),
        DateValue::Range(a, b) => Some((day_number(a, false)?, day_number(b, true)?)),
        _ => None,
    }
}

/// One interval inside the other, the wider at most a calendar year long: a ten-year plan
/// contains every event of its decade without being any of them.
fn nested(a: Span, b: Span) -> bool {
    let (inner, outer) = if a.1 - a.0 <= b.1 - b.0 {
        (a, b)
    } else {
        (b, a)
    };
    inner.0 >= outer.0 && inner.1 <= outer.1 && outer.1 - outer.0 < 10_000
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
    label_groups(rows, &mentions, &mut sets, &best)
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

/// The share of the smaller keyword set the two sentences share, if it is enough.
fn similarity(a: &Mention, b: &Mention) -> Option<f32> {
    let (wa, wb) = (&a.set, &b.set);
    let shared: Vec<&String> = wa.intersection(wb).collect();
    // A figure both quote (948 亿美元) weighs as two words.
    let weight: usize = shared
        .iter()
        .map(|w| if w.starts_with('#') { 2 } else { 1 })
        .sum();
    let smaller = wa.len().min(wb.len()).max(1);
    let overlap = (weight as f32 / smaller as f32).min(1.0);
    // Two short words (突破, 世界) are shared by chance; a name, a figure or a third word is not.
    let telling = weight > MIN_SHARED || shared.iter().any(|w| w.chars().count() >= 3);
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
        let why = if members.len() > 1 {
            let dates: BTreeSet<String> = members
                .iter()
                .map(|&m| rows[m].entry.value.to_string())
                .collect();
            let sources: BTreeSet<&str> = members.iter().map(|&m| rows[m].source).collect();
            format!(
                "shared words: {}; compatible dates: {}; {} mentions in {} documents",
                label.join(" "),
                dates.into_iter().collect::<Vec<_>>().join(" ⊂ "),
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
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::extract::timeline::{Timeline, TimelineOptions, extract_timeline, merge_timelines};

    fn timeline(source: &str, text: &str) -> Timeline {
        extract_timeline(
            &Document::from_text(source, text),
            &TimelineOptions::default(),
        )
    }

    fn events(docs: &[(&str, &str)]) -> Vec<(String, String, EventTag)> {
        let timelines: Vec<(String, Timeline)> = docs
            .iter()
            .map(|(s, t)| ((*s).to_owned(), timeline(s, t)))
            .collect();
        let refs: Vec<(&str, &Timeline)> = timelines.iter().map(|(s, t)| (s.as_str(), t)).collect();
        let rows = merge_timelines(&refs);
        let tags = group_events(&Segmenter::builtin(), &rows);
        assert_eq!(tags.len(), rows.len());
        rows.iter()
            .zip(tags)
            .map(|(r, t)| (r.source.to_owned(), r.entry.value.to_string(), t))
            .collect()
    }

    #[test]
    fn one_summit_dated_at_the_day_a_day_range_and_the_month_is_one_event() {
        let found = events(&[
            (
                "a.txt",
                "标题\n\n2023年5月18日，首届中国—中亚峰会在西安开幕，各国元首出席峰会。\n",
            ),
            (
                "b.txt",
                "标题\n\n2023年5月18日至19日，首届中国—中亚峰会在西安举行。\n",
            ),
            (
                "c.txt",
                "标题\n\n2023年5月，中国—中亚峰会在西安召开，峰会成果丰硕。\n",
            ),
        ]);
        let ids: BTreeSet<&str> = found.iter().map(|(_, _, t)| t.id.as_str()).collect();
        assert_eq!(ids.len(), 1, "{found:?}");
        let tag = &found[0].2;
        assert_eq!(tag.mentions, 3);
        assert!(
            tag.label.contains("峰会") || tag.label.contains("西安"),
            "{tag:?}"
        );
        assert!(tag.confidence > 0.3 && tag.confidence <= 1.0, "{tag:?}");
        assert!(tag.why.contains("compatible dates"), "{tag:?}");
    }

    #[test]
    fn two_things_in_the_same_month_are_two_events() {
        let found = events(&[
            (
                "a.txt",
                "标题\n\n2023年5月，首届中国—中亚峰会在西安召开。\n",
            ),
            (
                "b.txt",
                "标题\n\n2023年5月，哈萨克斯坦议会通过了新的预算法案。\n",
            ),
        ]);
        assert_ne!(found[0].2.id, found[1].2.id, "{found:?}");
        assert_eq!(found[0].2.mentions, 1);
    }

    #[test]
    fn a_figure_both_reports_quote_ties_them() {
        let found = events(&[
            (
                "a.txt",
                "标题\n\n2024 年，中国与中亚国家贸易额达到创纪录的 948 亿美元。\n",
            ),
            (
                "b.txt",
                "标题\n\n2024年底，中国与中亚国家的贸易总额达到948亿美元，取代俄罗斯成为第一大贸易伙伴。\n",
            ),
        ]);
        assert_eq!(found[0].2.id, found[1].2.id, "{found:?}");
        assert!(!found[0].2.label.contains('#'), "{found:?}");
    }

    #[test]
    fn incompatible_dates_and_note_dates_stay_apart() {
        let found = events(&[
            (
                "a.txt",
                "标题\n\n2022年9月，上海合作组织峰会在撒马尔罕举行。\n",
            ),
            (
                "b.txt",
                "标题\n\n2024年7月，上海合作组织峰会在阿斯塔纳举行。\n",
            ),
        ]);
        assert_ne!(found[0].2.id, found[1].2.id, "{found:?}");
    }
}
