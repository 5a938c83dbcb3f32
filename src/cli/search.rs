//! `pangzhu search [--word|--regex] QUERY FILE...`: one JSON line per match,
//! `{ "source", "line", "col", "match", "snippet" }` (a contract; fields are only ever added).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde_json::json;

use crate::document::Document;
use crate::nlp::Segmenter;
use crate::nlp::index::DocumentIndex;
use crate::nlp::search::{self, SearchMode, SearchQuery};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Match whole words only (word boundaries from jieba segmentation).
    #[arg(long, conflicts_with = "regex")]
    pub word: bool,
    /// Treat QUERY as a regular expression.
    #[arg(long)]
    pub regex: bool,
    pub query: String,
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

pub fn run(args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let mode = if args.regex {
        SearchMode::Regex
    } else if args.word {
        SearchMode::WholeWord
    } else {
        SearchMode::Literal
    };
    let query = match SearchQuery::new(&args.query, mode) {
        Ok(query) => query,
        Err(err) => {
            eprintln!("pangzhu search: {err}");
            return Ok(ExitCode::FAILURE);
        }
    };
    // Word boundaries need the segmenter; literal and regex search do not.
    let segmenter = (mode == SearchMode::WholeWord).then(|| {
        let segmenter = Segmenter::for_documents(&args.files);
        for issue in segmenter.issues() {
            eprintln!("pangzhu search: dictionary line skipped: {issue}");
        }
        segmenter
    });
    let mut failed = false;
    let stdout = std::io::stdout();
    for path in &args.files {
        let doc = match Document::open(path) {
            Ok(doc) => doc,
            Err(err) => {
                eprintln!("pangzhu search: {err}");
                failed = true;
                continue;
            }
        };
        let index = match &segmenter {
            Some(segmenter) => DocumentIndex::build(&doc, segmenter),
            None => DocumentIndex::with_words(&doc, crate::nlp::Segmentation::default()),
        };
        let mut out = stdout.lock();
        for span in query.find(&index) {
            let hit = search::hit(&doc, span);
            let line = json!({
                "source": hit.source,
                "line": hit.line,
                "col": hit.col,
                "match": hit.matched,
                "snippet": hit.snippet,
                "offset": span.start(),
            });
            serde_json::to_writer(&mut out, &line)?;
            writeln!(out)?;
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
