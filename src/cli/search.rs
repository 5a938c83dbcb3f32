//! `pangzhu search [--word|--regex] [--tag T] [--from D] [--to D] QUERY FILE...` and
//! `pangzhu search --library DIR QUERY`: one JSON line per match,
//! `{ "source", "line", "col", "match", "snippet" }` (a contract; fields are only ever added).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use serde_json::json;

use crate::document::Document;
use crate::extract::timeline::{Date, TimelineOptions, extract_timeline};
use crate::library::{FilterData, HitFilter, Library, annotations};
use crate::nlp::Segmenter;
use crate::nlp::index::DocumentIndex;
use crate::nlp::search::{self, SearchHit, SearchMode, SearchQuery};

#[derive(Debug, Args)]
#[command(after_help = "Filters (the same for files and for a library):\n  \
    --tag T       only hits overlapping an annotation whose tag is T, lies under T (主题 keeps\n                \
                  主题/教育) or is named T\n  \
    --from/--to   only hits whose block (paragraph, heading, note…) holds a timeline entry\n                \
                  overlapping the range; --from counts from its first day, --to to its last;\n                \
                  relative expressions count by their resolved reading\n\
    With --library, documents come in path order and `source` is DIR joined with the document's\n\
    path inside it: the same lines `pangzhu search QUERY DIR/PATH...` prints (whole-word search\n\
    uses the pangzhu.dict files of every folder of the library).")]
pub struct SearchArgs {
    /// Match whole words only (word boundaries from jieba segmentation).
    #[arg(long, conflicts_with = "regex")]
    pub word: bool,
    /// Treat QUERY as a regular expression.
    #[arg(long)]
    pub regex: bool,
    /// Search the library indexed in DIR (`pangzhu library index DIR`) instead of files.
    #[arg(long, value_name = "DIR", conflicts_with = "files")]
    pub library: Option<PathBuf>,
    /// Only hits inside annotations carrying this tag (a name or a path).
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Only hits in passages dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<Date>,
    /// Only hits in passages dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<Date>,
    pub query: String,
    #[arg(required_unless_present = "library")]
    pub files: Vec<PathBuf>,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("not a date: {text} (use YYYY, YYYY-MM or YYYY-MM-DD)"))
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
    let filter = HitFilter {
        tag: args.tag.clone(),
        from: args.from,
        to: args.to,
    };
    match &args.library {
        Some(dir) => run_library(dir, &args.query, mode, &filter),
        None => run_files(args, &query, &filter),
    }
}

fn run_library(
    dir: &Path,
    text: &str,
    mode: SearchMode,
    filter: &HitFilter,
) -> anyhow::Result<ExitCode> {
    let library = match Library::open(dir) {
        Ok(library) => library,
        Err(err) => {
            eprintln!("pangzhu search: {err}");
            return Ok(ExitCode::FAILURE);
        }
    };
    if let Some(notice) = library.notice() {
        eprintln!("pangzhu search: {notice}");
    }
    if library.shown_paths()?.is_empty() {
        eprintln!(
            "pangzhu search: the library {} has no index yet: run `pangzhu library index {}`",
            dir.display(),
            dir.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    let hits = match library.search(text, mode, filter) {
        Ok(hits) => hits,
        Err(err @ crate::library::LibraryError::Query(_)) => {
            eprintln!("pangzhu search: {err}");
            return Ok(ExitCode::FAILURE);
        }
        Err(err) => {
            eprintln!(
                "pangzhu search: {err} (`pangzhu library index --rebuild {}` builds the index anew)",
                dir.display()
            );
            return Ok(ExitCode::FAILURE);
        }
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for hit in &hits {
        print_hit(&mut out, hit)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn run_files(
    args: &SearchArgs,
    query: &SearchQuery,
    filter: &HitFilter,
) -> anyhow::Result<ExitCode> {
    // Word boundaries need the segmenter; literal and regex search do not.
    let segmenter = (query.mode() == SearchMode::WholeWord).then(|| {
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
        let data = filter_data(&doc, path, filter);
        let mut out = stdout.lock();
        for span in query.find(&index) {
            if data.as_ref().is_some_and(|d| !filter.keeps(d, span)) {
                continue;
            }
            print_hit(&mut out, &search::hit(&doc, span))?;
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// What the filter needs of one file (`None`: no filter, nothing to compute).
fn filter_data(doc: &Document, path: &Path, filter: &HitFilter) -> Option<FilterData> {
    if filter.is_empty() {
        return None;
    }
    let entries = if filter.needs_dates() {
        extract_timeline(doc, &TimelineOptions::default()).entries
    } else {
        Vec::new()
    };
    let marked = if filter.tag.is_some() {
        annotations::read(path, doc)
    } else {
        Vec::new()
    };
    Some(FilterData::build(doc, &entries, marked))
}

fn print_hit(out: &mut impl Write, hit: &SearchHit) -> anyhow::Result<()> {
    let line = json!({
        "source": hit.source,
        "line": hit.line,
        "col": hit.col,
        "match": hit.matched,
        "snippet": hit.snippet,
        "offset": hit.span.start(),
    });
    serde_json::to_writer(&mut *out, &line)?;
    writeln!(out)?;
    Ok(())
}
