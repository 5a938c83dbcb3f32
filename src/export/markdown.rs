//! Markdown for Obsidian/Zotero-style notes: by document, then by tag; the quote as a block
//! quote, then the note and where the passage is.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::entry::{ExportDocument, ExportEntry};

const UNTAGGED: &str = "未加标签";

pub fn render(documents: &[ExportDocument]) -> String {
    let mut out = String::new();
    for doc in documents {
        let title = doc.title.as_deref().unwrap_or(&doc.source);
        let _ = writeln!(out, "# {}\n\n来源：`{}`\n", one_line(title), doc.source);
        let mut by_tag: BTreeMap<&str, Vec<&ExportEntry>> = BTreeMap::new();
        for entry in &doc.entries {
            if entry.tags.is_empty() {
                by_tag.entry(UNTAGGED).or_default().push(entry);
            }
            for tag in &entry.tags {
                by_tag.entry(tag).or_default().push(entry);
            }
        }
        for (tag, entries) in by_tag {
            let _ = writeln!(out, "## {}\n", one_line(tag));
            for entry in entries {
                render_entry(&mut out, entry);
            }
        }
    }
    out
}

fn render_entry(out: &mut String, entry: &ExportEntry) {
    for line in entry.quote.exact.lines() {
        let _ = writeln!(out, "> {line}");
    }
    out.push('\n');
    if let Some(note) = entry.note.as_deref().filter(|n| !n.trim().is_empty()) {
        let _ = writeln!(out, "{}\n", note.trim_end());
    }
    let mut place = Vec::new();
    if !entry.headings.is_empty() {
        place.push(entry.headings.join(" › "));
    }
    if let Some(page) = entry.page {
        place.push(format!("第 {page} 页"));
    }
    place.push(format!("第 {} 行", entry.line));
    if entry.tags.len() > 1 {
        let tags: Vec<String> = entry
            .tags
            .iter()
            .map(|t| format!("#{}", t.replace(' ', "_")))
            .collect();
        place.push(tags.join(" "));
    }
    let status = match entry.status.as_str() {
        "orphaned" => "（原文中已找不到）",
        "moved" => "（位置已更新）",
        _ => "",
    };
    let _ = writeln!(out, "— {}{status}\n", place.join(" · "));
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
