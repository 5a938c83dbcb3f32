//! Search across the library. tantivy only narrows: a literal (or whole-word) match holds
//! every folded char pair of the query, so the documents holding all of them are a superset
//! of the documents with a match; `--tag` narrows to documents carrying the tag. Each
//! candidate is then searched with the per-file matcher ([`SearchQuery::find`] on a
//! [`DocumentIndex`]) on its stored text, so the hits are exactly the per-file search's.
//! A regex cannot be narrowed this way: it reads every stored text.
//!
//! Candidates are checked in path order a chunk at a time on every core, and each chunk's hits
//! are handed on before the next chunk is checked: the first hits come early, memory holds one
//! chunk's hits, and a caller that has enough stops the search.

use std::collections::{BTreeSet, HashSet};
use std::ops::ControlFlow;

use rayon::prelude::*;
use tantivy::collector::DocSetCollector;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::codec::{self, CodecError};
use super::filter::HitFilter;
use super::stored::StoredBody;
use super::tokenizer::query_grams;
use super::{Library, LibraryError, index_error};
use crate::nlp::Segmentation;
use crate::nlp::fold::fold_str;
use crate::nlp::index::DocumentIndex;
use crate::nlp::search::{SearchHit, SearchMode, SearchQuery, snippet};
use crate::span::TextSpan;

/// Candidates checked at once per thread: enough to keep every core busy between two
/// hand-overs, few enough that the first hits come within milliseconds.
const CHUNK_PER_THREAD: usize = 8;

impl Library {
    /// Every hit of `text` in the library, documents in path order, hits in text order;
    /// `source` is the document's path as [`Library::shown`] gives it.
    pub fn search(
        &self,
        text: &str,
        mode: SearchMode,
        filter: &HitFilter,
    ) -> Result<Vec<SearchHit>, LibraryError> {
        let mut hits = Vec::new();
        self.search_each(text, mode, filter, &mut |hit| {
            hits.push(hit);
            ControlFlow::Continue(())
        })?;
        Ok(hits)
    }

    /// [`Self::search`]'s hits in its order, each handed to `each` as soon as its document
    /// and every document before it are checked, until `each` breaks.
    pub fn search_each(
        &self,
        text: &str,
        mode: SearchMode,
        filter: &HitFilter,
        each: &mut dyn FnMut(SearchHit) -> ControlFlow<()>,
    ) -> Result<(), LibraryError> {
        let query = SearchQuery::new(text, mode)?;
        let literal = SearchQuery::new(text, SearchMode::Literal)?;
        let searcher = self.reader.searcher();
        let candidates = searcher
            .search(&*self.narrowing(text, mode, filter), &DocSetCollector)
            .map_err(|e| index_error(&self.index_path, e))?;
        let ordered = self.in_path_order(&searcher, candidates)?;
        let chunk = (CHUNK_PER_THREAD * rayon::current_num_threads()).max(1);
        for addresses in ordered.chunks(chunk) {
            let found: Vec<Vec<SearchHit>> = addresses
                .par_iter()
                .map(|&address| self.search_one(&searcher, address, &query, &literal, filter))
                .collect::<Result<_, _>>()?;
            for hit in found.into_iter().flatten() {
                if each(hit).is_break() {
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    /// The tantivy query whose documents are a superset of those with a kept hit.
    fn narrowing(&self, text: &str, mode: SearchMode, filter: &HitFilter) -> Box<dyn Query> {
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if mode != SearchMode::Regex {
            for gram in query_grams(&fold_str(text)).into_iter().flatten() {
                let term = Term::from_field_text(self.fields.grams, &gram);
                must.push((
                    Occur::Must,
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                ));
            }
        }
        if let Some(tag) = &filter.tag {
            let wanted = crate::annotation::tag::normalise_path(tag);
            let term = Term::from_field_text(self.fields.tags, &wanted);
            must.push((
                Occur::Must,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
        if must.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(must))
        }
    }

    /// `addresses` sorted by their documents' paths, read from the `path` fast field (no
    /// stored document is loaded).
    fn in_path_order(
        &self,
        searcher: &Searcher,
        addresses: HashSet<DocAddress>,
    ) -> Result<Vec<DocAddress>, LibraryError> {
        let columns = searcher
            .segment_readers()
            .iter()
            .map(|segment| {
                segment
                    .fast_fields()
                    .str("path")
                    .map_err(|e| index_error(&self.index_path, e))?
                    .ok_or_else(|| LibraryError::Stored("no `path` column".to_owned()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        // Hash order does not matter: the list is sorted.
        let mut keyed = addresses
            .into_iter()
            .map(|address| {
                let mut path = String::new();
                if let Some(column) = columns.get(address.segment_ord as usize)
                    && let Some(ord) = column.term_ords(address.doc_id).next()
                {
                    column
                        .ord_to_str(ord, &mut path)
                        .map_err(|e| LibraryError::Stored(format!("a path: {e}")))?;
                }
                Ok((path, address))
            })
            .collect::<Result<Vec<_>, LibraryError>>()?;
        keyed.sort_unstable();
        Ok(keyed.into_iter().map(|(_, address)| address).collect())
    }

    /// The kept hits of one candidate document.
    fn search_one(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        query: &SearchQuery,
        literal: &SearchQuery,
        filter: &HitFilter,
    ) -> Result<Vec<SearchHit>, LibraryError> {
        let stored: TantivyDocument = searcher
            .doc(address)
            .map_err(|e| index_error(&self.index_path, e))?;
        let relative = stored
            .get_first(self.fields.path)
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let damaged = |e: CodecError| LibraryError::Stored(format!("{relative}: {e}"));
        let bytes = stored
            .get_first(self.fields.body)
            .and_then(|v| v.as_bytes())
            .unwrap_or_default();
        let parts = codec::split(bytes).map_err(damaged)?;
        // A literal (or word) match is a substring of the folded text: documents without one
        // are left before the rest of their body is decoded.
        let absent =
            memchr::memmem::find(parts.folded_bytes(), literal.folded().as_bytes()).is_none();
        if query.mode() != SearchMode::Regex && absent {
            return Ok(Vec::new());
        }
        let (folded, body) = parts.decode().map_err(damaged)?;
        let mut index =
            DocumentIndex::for_one_search(folded, body.text.len(), Segmentation::default());
        let spans = if query.mode() == SearchMode::WholeWord {
            // Words only where a literal match is: segmenting blocks is the cost of a word
            // search, and blocks are cut on their own, so this is the whole text's answer.
            let spans = literal.find(&index);
            if spans.is_empty() {
                return Ok(Vec::new());
            }
            index.set_words(self.block_words(&body, &spans));
            query.find(&index)
        } else {
            query.find(&index)
        };
        let source = self.shown(relative).to_string_lossy().into_owned();
        Ok(spans
            .into_iter()
            .filter(|&span| filter.keeps(&body.filter, span))
            .map(|span| hit(&source, &body, span))
            .collect())
    }

    /// The words of every block holding a start or end of `spans` (as `Segmenter::segment`
    /// cuts them).
    fn block_words(&self, body: &StoredBody, spans: &[TextSpan]) -> Segmentation {
        let blocks = &body.filter.blocks;
        let mut wanted = BTreeSet::new();
        for offset in spans.iter().flat_map(|s| [s.start(), s.end()]) {
            let at = offset as u32;
            // An offset at a block's end and the next block's start counts for both.
            let idx = blocks.partition_point(|b| b.0 <= at);
            for i in idx.saturating_sub(2)..idx {
                if blocks.get(i).is_some_and(|b| b.0 <= at && at <= b.1) {
                    wanted.insert(i);
                }
            }
        }
        let segmenter = self.word_segmenter();
        let mut words = Vec::new();
        for i in wanted {
            let Some(&(start, end, _)) = blocks.get(i) else {
                continue;
            };
            let Some(text) = body.text.get(start as usize..end as usize) else {
                continue;
            };
            let base = start as usize;
            words.extend(
                segmenter
                    .cut(text)
                    .into_iter()
                    .map(|w| TextSpan::new(base + w.start(), base + w.end())),
            );
        }
        Segmentation::from_words(words)
    }
}

/// One hit, located as `search::hit` locates it in the document.
fn hit(source: &str, body: &StoredBody, span: TextSpan) -> SearchHit {
    let pos = body.positions.pos(&body.text, span.start());
    SearchHit {
        source: source.to_owned(),
        line: pos.map_or(0, |p| p.line),
        col: pos.map_or(0, |p| p.col),
        matched: span.slice(&body.text).unwrap_or_default().to_owned(),
        snippet: snippet(&body.text, span),
        span,
    }
}
