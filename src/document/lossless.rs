//! The cleanup's promise, checked: every non-whitespace character of the raw file is either in
//! the cleaned text or in a recorded dropped artifact, and the source map round-trips.
//! Tests run it on every corpus file and on generated input; it is cheap enough for debugging.

use super::Document;

/// A broken promise, with where it was broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    /// A raw character is neither in the text nor in a dropped artifact.
    Lost { line: u32, col: u32, ch: char },
    /// A cleaned character differs from the raw character it maps to.
    Mismatch { clean: usize, raw: usize },
    /// A cleaned offset does not map back to itself through its raw position.
    NoRoundTrip { clean: usize },
    /// A dropped artifact's text is not what its raw span holds.
    BadDrop { line: u32 },
}

/// All violations in `doc` (empty when the cleanup kept its promise).
pub fn check(doc: &Document) -> Vec<Violation> {
    let raw = doc.raw().text();
    let mut covered = vec![false; raw.len()];
    let mut violations = Vec::new();
    let map = doc.source_map();
    for (clean, ch) in doc.text().char_indices() {
        if map.is_synthetic(clean) {
            continue;
        }
        let Some(rb) = map.raw_byte(clean) else {
            violations.push(Violation::NoRoundTrip { clean });
            continue;
        };
        let raw_ch = raw.get(rb..).and_then(|s| s.chars().next());
        let same = raw_ch.is_some_and(|r| r == ch || (r.is_whitespace() && ch == ' '));
        if !same {
            violations.push(Violation::Mismatch { clean, raw: rb });
            continue;
        }
        covered[rb] = true;
        if doc
            .raw_pos(clean)
            .and_then(|p| doc.clean_offset(p))
            .is_none_or(|back| back != clean)
        {
            violations.push(Violation::NoRoundTrip { clean });
        }
    }
    for drop in doc.dropped() {
        let span = drop.raw_span;
        let Some(held) = span.slice(raw) else {
            violations.push(Violation::BadDrop { line: drop.line });
            continue;
        };
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        if squeeze(held) != squeeze(&drop.text) {
            violations.push(Violation::BadDrop { line: drop.line });
        }
        for (i, _) in held.char_indices() {
            covered[span.start() + i] = true;
        }
    }
    for (b, ch) in raw.char_indices() {
        if !ch.is_whitespace() && !covered[b] {
            let pos = doc.raw().pos_of_byte(b);
            violations.push(Violation::Lost {
                line: pos.line,
                col: pos.col,
                ch,
            });
        }
    }
    violations
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_document_keeps_its_promise() {
        let doc = Document::from_text(
            "t",
            "标题\n\n本报记者 袁 勇\n\n始 终 秉 持 相 互 尊 重。[1]\n\n-5-\n\n[1] 同上。\n",
        );
        assert_eq!(check(&doc), vec![]);
    }
}
