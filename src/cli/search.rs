//! `pangzhu search [--word|--regex] [--tag T] [--from D] [--to D] QUERY FILE...` and
//! `pangzhu search --library DIR QUERY`: one JSON line per match,
//! `{ "source", "line", "col", "match", "snippet" }` (a contract; fields are only ever added).

use std::io::Write;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

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
    /// Stop after N hits (the first N lines of the whole output).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    pub query: String,
    #[arg(required_unless_present = "library")]
    pub files: Vec<PathBuf>,
}

/// Bytes of output buffered before a write: big writes, first lines still within milliseconds.
const OUT_BUFFER: usize = 64 * 1024;

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
        Some(dir) => run_library(dir, args, mode, &filter),
        None => run_files(args, &query, &filter),
    }
}

fn run_library(
    dir: &Path,
    args: &SearchArgs,
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
    // Each hit is written as soon as the search hands it over: the first lines come early and
    // memory does not hold every hit.
    let mut out = std::io::BufWriter::with_capacity(OUT_BUFFER, std::io::stdout().lock());
    let mut left = args.limit.unwrap_or(usize::MAX);
    let mut written = Ok(());
    let searched = library.search_each(&args.query, mode, filter, &mut |hit| {
        if left == 0 {
            return ControlFlow::Break(());
        }
        left -= 1;
        written = print_hit(&mut out, &hit);
        if written.is_err() || left == 0 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    written?;
    out.flush()?;
    match searched {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(err @ crate::library::LibraryError::Query(_)) => {
            eprintln!("pangzhu search: {err}");
            Ok(ExitCode::FAILURE)
        }
        Err(err) => {
            eprintln!(
                "pangzhu search: {err} (`pangzhu library index --rebuild {}` builds the index anew)",
                dir.display()
            );
            Ok(ExitCode::FAILURE)
        }
    }
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
    let mut left = args.limit.unwrap_or(usize::MAX);
    let stdout = std::io::stdout();
    for path in &args.files {
        if left == 0 {
            break;
        }
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
            if left == 0 {
                break;
            }
            left -= 1;
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

/// One output line. The keys in this order are the contract's bytes (they were written through
/// a sorted JSON map); a struct spares that map's allocations on every hit.
#[derive(Serialize)]
struct HitLine<'a> {
    col: u32,
    line: u32,
    #[serde(rename = "match")]
    matched: &'a str,
    offset: usize,
    snippet: &'a str,
    source: &'a str,
}

fn print_hit(out: &mut impl Write, hit: &SearchHit) -> std::io::Result<()> {
    let line = HitLine {
        col: hit.col,
        line: hit.line,
        matched: &hit.matched,
        offset: hit.span.start(),
        snippet: &hit.snippet,
        source: &hit.source,
    };
    serde_json::to_writer(&mut *out, &line)?;
    writeln!(out)
}
