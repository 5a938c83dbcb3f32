//! A document as the app holds it: the cleaned [`Document`] plus everything derived from it
//! once, off the UI thread (outline now; engine analyses plug in here as they land).

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::document::{BlockKind, Document};

use super::jobs::Progress;

/// One heading of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineEntry {
    pub block: usize,
    /// 1 = top level; the title is level 0.
    pub level: u8,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct LoadedDocument {
    path: PathBuf,
    doc: Document,
    outline: Vec<OutlineEntry>,
    modified: Option<SystemTime>,
}

impl LoadedDocument {
    /// Read, clean and analyse a file, reporting progress.
    pub fn load(path: &Path, progress: &Progress) -> Result<Self, String> {
        progress.set(0.05);
        let modified = modified_time(path);
        let doc = Document::open(path).map_err(|e| e.to_string())?;
        progress.set(0.7);
        let loaded = Self::from_document(path.to_owned(), doc, modified);
        progress.set(1.0);
        Ok(loaded)
    }

    pub fn from_document(path: PathBuf, doc: Document, modified: Option<SystemTime>) -> Self {
        let outline = outline_of(&doc);
        Self {
            path,
            doc,
            outline,
            modified,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn doc(&self) -> &Document {
        &self.doc
    }

    pub fn outline(&self) -> &[OutlineEntry] {
        &self.outline
    }

    pub fn modified(&self) -> Option<SystemTime> {
        self.modified
    }

    /// A short name for tabs and column headers: the title, else the file name.
    pub fn display_name(&self) -> String {
        if let Some(title) = self.doc.title().filter(|t| !t.trim().is_empty()) {
            return title.trim().to_owned();
        }
        self.path.file_name().map_or_else(
            || self.doc.source().to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}

/// Last modification time, `None` when the file system cannot say.
pub fn modified_time(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn outline_of(doc: &Document) -> Vec<OutlineEntry> {
    doc.blocks()
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let level = match b.kind {
                BlockKind::Title => 0,
                BlockKind::Heading => b.level.unwrap_or(1),
                _ => return None,
            };
            let text: String = doc.block_text(b).chars().take(60).collect();
            Some(OutlineEntry {
                block: i,
                level,
                text,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outline_lists_headings_in_order() {
        let text = "一、引言\n　　这是正文第一段，内容足够长，用来确认它是段落而不是标题。\n二、结论\n　　这是正文第二段，内容足够长，用来确认它是段落而不是标题。\n";
        let doc = Document::from_text("t.txt", text);
        let loaded = LoadedDocument::from_document("t.txt".into(), doc, None);
        let headings: Vec<&str> = loaded
            .outline()
            .iter()
            .filter(|e| e.level > 0)
            .map(|e| e.text.as_str())
            .collect();
        assert!(headings.contains(&"一、引言"), "{:?}", loaded.outline());
        assert!(headings.contains(&"二、结论"));
    }
}
