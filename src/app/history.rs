//! Navigation history: where each jump started, so Back returns there.

use super::command::Location;

const DEPTH: usize = 64;

#[derive(Debug, Default, Clone)]
pub struct NavHistory {
    back: Vec<Location>,
}

impl NavHistory {
    pub fn push(&mut self, from: Location) {
        if self.back.last() != Some(&from) {
            self.back.push(from);
        }
        if self.back.len() > DEPTH {
            self.back.remove(0);
        }
    }

    pub fn pop(&mut self) -> Option<Location> {
        self.back.pop()
    }

    pub fn can_go_back(&self) -> bool {
        !self.back.is_empty()
    }

    /// Forget places in a document that was closed.
    pub fn forget(&mut self, doc: super::DocumentId) {
        self.back.retain(|l| l.doc != doc);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::DocumentId;

    #[test]
    fn back_returns_the_last_start_and_skips_closed_documents() {
        let mut h = NavHistory::default();
        let a = DocumentId(1);
        let b = DocumentId(2);
        h.push(Location { doc: a, offset: 3 });
        h.push(Location { doc: b, offset: 9 });
        h.forget(b);
        assert_eq!(h.pop(), Some(Location { doc: a, offset: 3 }));
        assert!(!h.can_go_back());
    }
}
