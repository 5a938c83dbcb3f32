//! The cleanup pipeline: measure lines → give each a role → clean inside lines → assemble
//! blocks. Each stage is a pure function; the result is lossless: every non-whitespace
//! character of the raw file ends up in a block or in a recorded [`DroppedArtifact`].

mod assemble;
pub mod classify;
pub mod doubled;
pub mod endnotes;
mod furniture;
mod headings;
pub mod inline;
pub mod lines;
mod margin;
pub mod note_zone;
pub mod patterns;
pub mod structure;

use super::raw::RawText;
use super::source_map::SourceMap;
use super::{Block, CleanupWarning, DroppedArtifact};

/// Output of [`clean`].
#[derive(Debug, Clone)]
pub struct Cleaned {
    pub text: String,
    pub map: SourceMap,
    pub blocks: Vec<Block>,
    pub dropped: Vec<DroppedArtifact>,
    pub warnings: Vec<CleanupWarning>,
    pub title: Option<String>,
}

/// A paragraph of six wrapped lines and a short last one, then a blank line: text around a
/// test's subject, so that blank lines carry paragraph information.
#[cfg(test)]
pub(crate) fn wrapped_paragraph() -> String {
    (1..=6)
        .map(|n| {
            format!("这是一段正文的第 {n} 行，写得很长很长很长很长很长很长很长很长很长很长很长\n")
        })
        .collect::<String>()
        + "最后一行。\n\n"
}

/// Every block of `text` cleaned as a `.txt` file, with its kind: what the cleanup tests
/// compare.
#[cfg(test)]
pub(crate) fn blocks_of(text: &str) -> Vec<(super::BlockKind, String)> {
    let doc = super::Document::from_text("t.txt", text);
    doc.blocks()
        .iter()
        .map(|b| (b.kind, doc.block_text(b).to_owned()))
        .collect()
}

pub fn clean(raw: &RawText) -> Cleaned {
    let lines = lines::scan(raw);
    let layout = lines::detect_layout(&lines);
    let mut lines = margin::split_margins(lines, &layout);
    lines::measure_columns(&mut lines, layout.column);
    let roles = classify::classify(&lines, &layout);
    assemble::assemble(raw.text(), &lines, &roles, &layout)
}
