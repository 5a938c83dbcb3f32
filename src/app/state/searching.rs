//! The search over the open documents: the query, its mode, the hits in column order and
//! which one is current.

use super::columns::Columns;
use crate::app::DocumentId;
use crate::app::command::{Command, Location};
use crate::app::search::{SearchHit, find_all};
use crate::nlp::search::SearchMode;

/// The current search and its hits across the open documents, in column order.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    pub query: String,
    pub mode: SearchMode,
    pub hits: Vec<(DocumentId, SearchHit)>,
    pub current: Option<usize>,
    /// Why the query could not run (a bad regex).
    pub error: Option<String>,
}

#[derive(Debug, Default)]
pub struct Searching {
    results: SearchResults,
    /// Changes whenever Search is invoked, so the UI focuses the search field once.
    focus: u64,
}

impl Searching {
    /// Search, SetSearchQuery, SetSearchMode, SearchStep, SearchSelect. Returns the hit to
    /// jump to, if the command selected one.
    pub fn handle(&mut self, cmd: Command, columns: &Columns) -> Option<Location> {
        match cmd {
            Command::Search => self.focus += 1,
            Command::SetSearchQuery(query) => self.run(query, columns),
            Command::SetSearchMode(mode) => {
                self.results.mode = mode;
                let query = std::mem::take(&mut self.results.query);
                self.run(query, columns);
            }
            Command::SearchStep(delta) => {
                let n = self.results.hits.len() as i64;
                if n > 0 {
                    let cur = self
                        .results
                        .current
                        .map_or(if delta < 0 { 0 } else { -1 }, |c| c as i64);
                    return self.select((cur + i64::from(delta)).rem_euclid(n) as usize);
                }
            }
            Command::SearchSelect(n) => return self.select(n),
            _ => debug_assert!(false, "not a search command: {cmd:?}"),
        }
        None
    }

    pub fn results(&self) -> &SearchResults {
        &self.results
    }

    pub fn focus(&self) -> u64 {
        self.focus
    }

    fn select(&mut self, n: usize) -> Option<Location> {
        let (doc, hit) = self.results.hits.get(n)?;
        let loc = Location {
            doc: *doc,
            offset: hit.span.start(),
        };
        self.results.current = Some(n);
        Some(loc)
    }

    fn run(&mut self, query: String, columns: &Columns) {
        let mode = self.results.mode;
        let mut hits = Vec::new();
        let mut error = None;
        for d in columns.documents() {
            let analysis = d.loaded.analysis();
            match find_all(d.loaded.doc().text(), &analysis.index, &query, mode) {
                Ok(found) => hits.extend(found.into_iter().map(|h| (d.id, h))),
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
        }
        self.results = SearchResults {
            query,
            mode,
            hits,
            current: None,
            error,
        };
    }
}
