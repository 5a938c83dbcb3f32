//! One chronological timeline across several documents (the CLI's `timeline` command and the
//! GUI's side panel).

use std::cmp::Ordering;

use super::{Timeline, TimelineEntry};

/// One row of a merged timeline: an entry and the document it comes from.
#[derive(Debug, Clone, Copy)]
pub struct MergedRow<'a> {
    /// The document's source (its path as given).
    pub source: &'a str,
    pub entry: &'a TimelineEntry,
}

impl MergedRow<'_> {
    /// The year under which the row is grouped, if it can be placed at all.
    pub fn year(&self) -> Option<i32> {
        self.entry.sort_date().map(|d| d.year)
    }
}

/// Merge the timelines of several documents, sorted by date. Vague entries (decades, centuries,
/// relative expressions) are placed by their start or resolved start and, on the same date,
/// after exact ones; entries that cannot be placed come last. Ties keep document order.
pub fn merge_timelines<'a>(documents: &[(&'a str, &'a Timeline)]) -> Vec<MergedRow<'a>> {
    let mut rows: Vec<MergedRow<'a>> = documents
        .iter()
        .flat_map(|(source, timeline)| {
            timeline
                .entries
                .iter()
                .map(move |entry| MergedRow { source, entry })
        })
        .collect();
    rows.sort_by(compare);
    rows
}

fn compare(a: &MergedRow<'_>, b: &MergedRow<'_>) -> Ordering {
    let key = |r: &MergedRow<'_>| (r.entry.sort_date().is_none(), r.entry.sort_date());
    key(a)
        .cmp(&key(b))
        .then(a.entry.vague.cmp(&b.entry.vague))
        .then_with(|| a.source.cmp(b.source))
        .then(a.entry.line.cmp(&b.entry.line))
        .then(a.entry.col.cmp(&b.entry.col))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::extract::timeline::{TimelineOptions, extract_timeline};

    #[test]
    fn rows_are_sorted_across_documents() {
        let a = Document::from_text("a.txt", "2020 年 5 月，甲事。\n\n2018 年，乙事。\n");
        let b = Document::from_text("b.txt", "2019 年 3 月，丙事。近 10 年来，丁事。\n");
        let ta = extract_timeline(&a, &TimelineOptions::default());
        let tb = extract_timeline(&b, &TimelineOptions::default());
        let rows = merge_timelines(&[("a.txt", &ta), ("b.txt", &tb)]);
        let values: Vec<String> = rows.iter().map(|r| r.entry.value.to_string()).collect();
        assert_eq!(values, ["P10Y-before-ref", "2018", "2019-03", "2020-05"]);
        assert_eq!(rows[0].source, "b.txt");
        assert!(rows[0].entry.vague);
    }
}
