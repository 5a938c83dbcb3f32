//! The open documents as columns: their order, where each is scrolled, scroll requests for
//! the panes, the back history of jumps, and paragraph alignments for synchronised scrolling.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::super::align::Alignment;
use super::super::command::{Command, Location};
use super::super::history::NavHistory;
use super::super::loaded::LoadedDocument;
use super::super::settings::Session;
use crate::app::DocumentId;

#[derive(Debug, Clone)]
pub struct OpenDocument {
    pub id: DocumentId,
    pub loaded: Arc<LoadedDocument>,
    /// Column order key: documents loading in parallel land in the order they were asked for.
    order: u64,
}

/// A request for a pane to scroll; panes apply each `serial` once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScrollRequest {
    pub serial: u64,
    pub block: usize,
    /// Byte offset to flash (a jump target), `None` for plain scrolling.
    pub flash: Option<usize>,
}

#[derive(Debug, Default)]
pub struct Columns {
    docs: Vec<OpenDocument>,
    next_id: u64,
    serial: u64,
    nav: NavHistory,
    scroll_requests: BTreeMap<DocumentId, ScrollRequest>,
    top_blocks: BTreeMap<DocumentId, usize>,
    alignments: BTreeMap<(DocumentId, DocumentId), Alignment>,
}

impl Columns {
    /// Move, Back, Scrolled and JumpTo; `sync_scroll` is the setting of that name.
    pub fn handle(&mut self, cmd: Command, sync_scroll: bool) {
        match cmd {
            Command::Move(id, delta) => self.move_column(id, delta),
            Command::Back => {
                if let Some(loc) = self.nav.pop() {
                    self.request_scroll(loc.doc, loc.offset, None);
                }
            }
            Command::Scrolled { doc, top_block } => self.scrolled(doc, top_block, sync_scroll),
            Command::JumpTo(loc) => self.jump(loc),
            _ => debug_assert!(false, "not a column command: {cmd:?}"),
        }
    }

    pub fn documents(&self) -> &[OpenDocument] {
        &self.docs
    }

    pub fn document(&self, id: DocumentId) -> Option<&OpenDocument> {
        self.docs.iter().find(|d| d.id == id)
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn scroll_request(&self, doc: DocumentId) -> Option<ScrollRequest> {
        self.scroll_requests.get(&doc).copied()
    }

    pub fn top_block(&self, doc: DocumentId) -> usize {
        self.top_blocks.get(&doc).copied().unwrap_or(0)
    }

    pub fn can_go_back(&self) -> bool {
        self.nav.can_go_back()
    }

    /// The session as it stands: open files in column order and where each is scrolled.
    pub fn session(&self) -> Session {
        Session {
            files: self
                .docs
                .iter()
                .map(|d| d.loaded.path().to_owned())
                .collect(),
            top_blocks: self.docs.iter().map(|d| self.top_block(d.id)).collect(),
        }
    }

    /// A new column, placed by `order` among the others, scrolled to block `top`.
    pub fn insert(&mut self, loaded: Arc<LoadedDocument>, order: u64, top: usize) -> DocumentId {
        self.next_id += 1;
        let id = DocumentId(self.next_id);
        let at = self
            .docs
            .iter()
            .position(|d| d.order > order)
            .unwrap_or(self.docs.len());
        self.docs.insert(at, OpenDocument { id, loaded, order });
        if top > 0 {
            self.request_block(id, top);
        }
        id
    }

    /// A new version of an open document in its column; false if `id` is not open.
    pub fn replace(&mut self, id: DocumentId, loaded: Arc<LoadedDocument>, top: usize) -> bool {
        let Some(slot) = self.docs.iter_mut().find(|d| d.id == id) else {
            return false;
        };
        slot.loaded = loaded;
        self.alignments.retain(|(a, b), _| *a != id && *b != id);
        self.request_block(id, top);
        true
    }

    pub fn close(&mut self, id: DocumentId) {
        self.docs.retain(|d| d.id != id);
        self.nav.forget(id);
        self.scroll_requests.remove(&id);
        self.top_blocks.remove(&id);
        self.alignments.retain(|(a, b), _| *a != id && *b != id);
    }

    fn move_column(&mut self, id: DocumentId, delta: i32) {
        let Some(from) = self.docs.iter().position(|d| d.id == id) else {
            return;
        };
        let to = from as i64 + i64::from(delta);
        if (0..self.docs.len() as i64).contains(&to) {
            let to = to as usize;
            self.docs.swap(from, to);
            let (a, b) = (self.docs[from].order, self.docs[to].order);
            self.docs[from].order = b;
            self.docs[to].order = a;
        }
    }

    /// Scroll to `loc` and flash it, remembering where the reader was for Back.
    pub fn jump(&mut self, loc: Location) {
        let Some(open) = self.document(loc.doc) else {
            return;
        };
        let doc = open.loaded.doc();
        let here = doc
            .blocks()
            .get(self.top_block(loc.doc))
            .map_or(0, |b| b.span.start());
        self.nav.push(Location {
            doc: loc.doc,
            offset: here,
        });
        self.request_scroll(loc.doc, loc.offset, Some(loc.offset));
    }

    fn request_scroll(&mut self, doc: DocumentId, offset: usize, flash: Option<usize>) {
        let Some(block) = self
            .document(doc)
            .and_then(|d| d.loaded.doc().block_at(offset).map(|b| b.id))
        else {
            return;
        };
        let block = self.block_index(doc, block);
        self.serial += 1;
        let req = ScrollRequest {
            serial: self.serial,
            block,
            flash,
        };
        self.scroll_requests.insert(doc, req);
    }

    fn request_block(&mut self, doc: DocumentId, block: usize) {
        self.serial += 1;
        let req = ScrollRequest {
            serial: self.serial,
            block,
            flash: None,
        };
        self.scroll_requests.insert(doc, req);
    }

    /// Index in `blocks()` of the block with `id` (ids are indexes today; stay correct if not).
    fn block_index(&self, doc: DocumentId, block_id: usize) -> usize {
        self.document(doc)
            .and_then(|d| {
                d.loaded
                    .doc()
                    .blocks()
                    .iter()
                    .position(|b| b.id == block_id)
            })
            .unwrap_or(0)
    }

    fn scrolled(&mut self, doc: DocumentId, top_block: usize, sync_scroll: bool) {
        self.top_blocks.insert(doc, top_block);
        if !sync_scroll {
            return;
        }
        let others: Vec<DocumentId> = self
            .docs
            .iter()
            .map(|d| d.id)
            .filter(|&o| o != doc)
            .collect();
        for other in others {
            if let Some(target) = self.alignment(doc, other).map(top_block) {
                self.top_blocks.insert(other, target);
                self.request_block(other, target);
            }
        }
    }

    fn alignment(&mut self, a: DocumentId, b: DocumentId) -> &Alignment {
        if !self.alignments.contains_key(&(a, b)) {
            let al = match (self.document(a), self.document(b)) {
                (Some(da), Some(db)) => Alignment::between(da.loaded.doc(), db.loaded.doc()),
                _ => Alignment::default(),
            };
            self.alignments.insert((b, a), al.reversed());
            self.alignments.insert((a, b), al);
        }
        self.alignments.entry((a, b)).or_default()
    }
}
