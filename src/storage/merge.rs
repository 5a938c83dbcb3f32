//! Three-way merge by id: what we loaded (base), what we hold now (ours) and what another
//! writer saved meanwhile (theirs). Nothing either side added is lost.

use std::collections::{BTreeMap, BTreeSet};

use crate::annotation::{Annotation, AnnotationId, AnnotationSet, Tag, TagId, TagLibrary};

/// What a merge did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Annotations or tags taken from the other writer.
    pub theirs: usize,
    /// Both sides changed the same annotation: the later `modified` won (ours on a tie).
    pub conflicts: usize,
}

pub fn merge(
    base: &AnnotationSet,
    ours: &AnnotationSet,
    theirs: &AnnotationSet,
) -> (AnnotationSet, MergeReport) {
    let mut report = MergeReport::default();
    // Maps of references: only what ends up in the merged set is cloned, once.
    let annotations = three_way(
        &by_id(base),
        &by_id(ours),
        &by_id(theirs),
        |o, t| t.modified > o.modified,
        &mut report,
    );
    let mut tags = three_way(
        &tags_by_id(base.tags()),
        &tags_by_id(ours.tags()),
        &tags_by_id(theirs.tags()),
        |_, _| false,
        &mut report,
    );
    // A tag one side deleted while the other still uses it stays.
    let used: BTreeSet<&TagId> = annotations.values().flat_map(|a| a.tags.iter()).collect();
    for id in used {
        if !tags.contains_key(id)
            && let Some(tag) = ours.tags().get(id).or_else(|| theirs.tags().get(id))
        {
            tags.insert(id, tag);
        }
    }
    let merged = AnnotationSet::from_parts(
        annotations.into_values().cloned(),
        TagLibrary::from_tags(tags.into_values().cloned()),
    );
    (merged, report)
}

fn by_id(set: &AnnotationSet) -> BTreeMap<&AnnotationId, &Annotation> {
    set.iter().map(|a| (&a.id, a)).collect()
}

fn tags_by_id(library: &TagLibrary) -> BTreeMap<&TagId, &Tag> {
    library.iter().map(|t| (&t.id, t)).collect()
}

fn three_way<K: Ord + Clone, V: PartialEq + Clone>(
    base: &BTreeMap<K, V>,
    ours: &BTreeMap<K, V>,
    theirs: &BTreeMap<K, V>,
    theirs_newer: impl Fn(&V, &V) -> bool,
    report: &mut MergeReport,
) -> BTreeMap<K, V> {
    let keys: BTreeSet<&K> = ours.keys().chain(theirs.keys()).collect();
    let mut out = BTreeMap::new();
    for key in keys {
        let b = base.get(key);
        let chosen = match (ours.get(key), theirs.get(key)) {
            (Some(o), Some(t)) if o == t => Some(o),
            (Some(o), Some(t)) if b == Some(o) => {
                report.theirs += 1;
                Some(t)
            }
            (Some(o), Some(t)) if b == Some(t) => Some(o),
            (Some(o), Some(t)) => {
                report.conflicts += 1;
                Some(if theirs_newer(o, t) { t } else { o })
            }
            // They deleted it: gone, unless we changed it since.
            (Some(o), None) => (b.is_none() || b != Some(o)).then_some(o),
            // We deleted it: gone, unless they changed it since (or added it).
            (None, Some(t)) => {
                let keep = b.is_none() || b != Some(t);
                report.theirs += usize::from(keep);
                keep.then_some(t)
            }
            (None, None) => None,
        };
        if let Some(v) = chosen {
            out.insert(key.clone(), v.clone());
        }
    }
    out
}
