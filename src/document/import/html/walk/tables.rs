//! Tables: data tables become rows of tab-separated cells with their caption; layout tables
//! (a page laid out in cells) are walked as ordinary content.

use scraper::ElementRef;

use super::Walker;
use crate::document::BlockKind;

impl Walker<'_> {
    pub(super) fn table(&mut self, e: ElementRef) {
        let mut rows = Vec::new();
        for tr in rows_of(e) {
            let cells: Vec<String> = tr
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| matches!(c.value().name(), "td" | "th"))
                .map(|c| self.collected(c).replace(['\n', '\t'], " "))
                .collect();
            if cells.iter().any(|c| !c.trim().is_empty()) {
                rows.push(cells.join("\t"));
            }
        }
        if let Some(caption) = e
            .children()
            .filter_map(ElementRef::wrap)
            .find(|c| c.value().name() == "caption")
        {
            self.within(BlockKind::Caption, None, |w| w.walk(caption));
        }
        if !rows.is_empty() {
            self.out
                .push(BlockKind::Table, None, None, &rows.join("\n"));
        }
    }
}

/// The rows of a table, through thead/tbody/tfoot, not those of tables nested in cells.
fn rows_of(table: ElementRef) -> Vec<ElementRef> {
    let mut rows = Vec::new();
    for c in table.children().filter_map(ElementRef::wrap) {
        match c.value().name() {
            "tr" => rows.push(c),
            "thead" | "tbody" | "tfoot" => rows.extend(
                c.children()
                    .filter_map(ElementRef::wrap)
                    .filter(|r| r.value().name() == "tr"),
            ),
            _ => {}
        }
    }
    rows
}

/// A table used to lay a page out, not to hold data: a cell holds a table or a long text, or
/// no row has two cells with text (an admonition box: icon, title, text).
pub(super) fn is_layout_table(table: ElementRef) -> bool {
    let rows = rows_of(table);
    let filled = |c: &ElementRef| c.text().any(|t| !t.trim().is_empty());
    let data_row = rows.iter().any(|tr| {
        tr.children()
            .filter_map(ElementRef::wrap)
            .filter(|c| matches!(c.value().name(), "td" | "th") && filled(c))
            .count()
            >= 2
    });
    !data_row
        || rows.iter().any(|tr| {
            tr.children().filter_map(ElementRef::wrap).any(|cell| {
                cell.descendants()
                    .skip(1)
                    .any(|d| d.value().as_element().is_some_and(|x| x.name() == "table"))
                    || cell.text().map(|t| t.chars().count()).sum::<usize>() > 300
            })
        })
}
