//! `pangzhu extract [--pretty] [--timings] FILE...`: one JSON object per file, in the order
//! given. Files are read on every core, a window at a time (memory stays bounded on a folder
//! of thousands), and inside one file the independent analyses run side by side; the output
//! is the same bytes as a sequential run. A progress bar shows on stderr when it is a
//! terminal and there is more than one file.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde_json::{Map, Value, json};

use crate::document::Document;
use crate::extract::footnotes::extract_footnotes;
use crate::extract::timeline::{TimelineOptions, extract_timeline};
use crate::nlp::keywords::{self, KeywordMethod};
use crate::nlp::{Segmenter, entities};

/// Files in flight at once: enough to keep both cores busy, few enough to bound memory.
const WINDOW: usize = 8;

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Pretty-print each object over several lines.
    #[arg(long)]
    pub pretty: bool,
    /// Print how long each stage took, per file, to stderr (the JSON is unchanged).
    #[arg(long)]
    pub timings: bool,
    /// Text files to read.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// How long each stage of one file took. Stages that run side by side each report their own
/// time, so they can add up to more than `total`.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub stages: Vec<(&'static str, Duration)>,
}

impl Timings {
    fn add(&mut self, stage: &'static str, took: Duration) {
        self.stages.push((stage, took));
    }

    fn print(&self, path: &Path) {
        let cells: Vec<String> = self
            .stages
            .iter()
            .map(|(name, took)| format!("{name} {:.1} ms", took.as_secs_f64() * 1000.0))
            .collect();
        eprintln!("pangzhu: timings {}: {}", path.display(), cells.join(", "));
    }
}

/// Run `f`; its result and how long it took.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let out = f();
    (out, started.elapsed())
}

pub fn run(args: &ExtractArgs) -> anyhow::Result<ExitCode> {
    let mut failed = false;
    let bar = progress_bar(args.files.len());
    let stdout = std::io::stdout();
    for window in args.files.chunks(WINDOW) {
        let results: Vec<Result<(Value, Timings), String>> =
            window.par_iter().map(|path| extract_file(path)).collect();
        for (path, result) in window.iter().zip(results) {
            match result {
                Ok((object, mut timings)) => {
                    // Written straight to stdout, never into a buffer of the whole text: the
                    // JSON of a 10 MB file is tens of MB.
                    let (written, took) = timed(|| write_object(&stdout, &object, args.pretty));
                    written?;
                    drop(object);
                    timings.add("json", took);
                    if args.timings {
                        bar.suspend(|| timings.print(path));
                    }
                }
                Err(err) => {
                    bar.suspend(|| eprintln!("pangzhu: {err}"));
                    failed = true;
                }
            }
            bar.inc(1);
        }
    }
    bar.finish_and_clear();
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// One object as one line (or pretty-printed) on stdout.
fn write_object(stdout: &std::io::Stdout, object: &Value, pretty: bool) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    if pretty {
        serde_json::to_writer_pretty(&mut out, object)?;
    } else {
        serde_json::to_writer(&mut out, object)?;
    }
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// A bar on stderr for a run over several files, drawn only when stderr is a terminal.
fn progress_bar(files: usize) -> ProgressBar {
    if files < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(files as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} files, {elapsed} (about {eta} left)")
    {
        bar.set_style(style);
    }
    bar
}

/// One file's `extract` object and its stage timings (the JSON stage is added by the writer).
fn extract_file(path: &Path) -> Result<(Value, Timings), String> {
    let started = Instant::now();
    let mut timings = Timings::default();
    // The shared segmenter (jieba's dictionary and ours, ~0.1 s to build once) loads on the
    // other core while the document is read and cleaned, instead of after it.
    let ((doc, took), (_, load)) = rayon::join(
        || timed(|| Document::open(path)),
        || timed(Segmenter::shared),
    );
    timings.add("open+cleanup", took);
    timings.add("segmenter load", load);
    let doc = doc.map_err(|e| e.to_string())?;
    let object = extract_object_timed(&doc, started, &mut timings);
    timings.add("analysis total", started.elapsed());
    Ok((object, timings))
}

/// The `extract` object for one document (the CLI contract: field names never change).
pub fn extract_object(doc: &Document, started: Instant) -> Value {
    extract_object_timed(doc, started, &mut Timings::default())
}

/// [`extract_object`], recording the time of each analysis in `timings`.
pub fn extract_object_timed(doc: &Document, started: Instant, timings: &mut Timings) -> Value {
    let blocks: Vec<Value> = doc
        .blocks()
        .iter()
        .map(|b| {
            let mut o = Map::new();
            o.insert("id".into(), json!(b.id));
            o.insert("kind".into(), json!(b.kind.as_str()));
            if let Some(level) = b.level {
                o.insert("level".into(), json!(level));
            }
            o.insert("text".into(), json!(doc.block_text(b)));
            o.insert("lines".into(), json!([b.first_line, b.last_line]));
            if let Some(label) = &b.label {
                o.insert("label".into(), json!(label));
            }
            o.insert("article".into(), json!(b.article));
            if let Some(page) = b.page {
                o.insert("page".into(), json!(page));
            }
            Value::Object(o)
        })
        .collect();
    let dropped: Vec<Value> = doc
        .dropped()
        .iter()
        .map(|d| json!({ "kind": d.kind.as_str(), "line": d.line, "text": d.text }))
        .collect();
    let (raw_chars, clean_chars) = doc.char_counts();
    let mut object = Map::new();
    object.insert("source".into(), json!(doc.source()));
    object.insert("encoding".into(), json!(doc.encoding()));
    object.insert("title".into(), json!(doc.title()));
    object.insert("blocks".into(), Value::Array(blocks));
    object.insert("dropped".into(), Value::Array(dropped));
    object.insert("warnings".into(), json!(doc.warnings()));
    add_analysis(doc, &mut object, timings);
    object.insert(
        "stats".into(),
        json!({
            "raw_chars": raw_chars,
            "clean_chars": clean_chars,
            "elapsed_ms": started.elapsed().as_secs_f64() * 1000.0,
        }),
    );
    Value::Object(object)
}

/// Fields added by the extractors (footnotes, timeline, keywords, entities). They only read
/// the document, so they run side by side on the two cores; the fields are inserted in one
/// fixed order, so the JSON is the same as a sequential run.
fn add_analysis(doc: &Document, object: &mut Map<String, Value>, timings: &mut Timings) {
    let ((footnotes, timeline), (words, (keywords, entities))) = rayon::join(
        || {
            rayon::join(
                || timed(|| extract_footnotes(doc)),
                || timed(|| extract_timeline(doc, &TimelineOptions::default())),
            )
        },
        || {
            // The dictionary beside the document (`pangzhu.dict`) joins the shared ones.
            let (segmenter, took) =
                timed(|| Segmenter::for_documents(&[PathBuf::from(doc.source())]));
            let (keywords, entities) = rayon::join(
                || timed(|| keywords::document_keywords(&segmenter, doc, KeywordMethod::TfIdf, 20)),
                || timed(|| entities::document_entities(&segmenter, doc)),
            );
            (took, (keywords, entities))
        },
    );
    timings.add("footnotes", footnotes.1);
    timings.add("timeline", timeline.1);
    timings.add("segmenter", words);
    timings.add("keywords", keywords.1);
    timings.add("entities", entities.1);
    object.insert(
        "footnotes".into(),
        serde_json::to_value(&footnotes.0).unwrap_or(Value::Null),
    );
    object.insert("keywords".into(), json!(keywords.0));
    object.insert("entities".into(), json!(entities.0));
    let timeline = timeline.0;
    object.insert("reference_date".into(), json!(timeline.reference_date));
    object.insert("timeline".into(), json!(timeline.entries));
    if doc.page_count() > 0 {
        add_pages(doc, object);
    }
}

/// For a paged source, every marker, note and timeline entry gets the `page` of its raw line.
fn add_pages(doc: &Document, object: &mut Map<String, Value>) {
    let tag = |items: Option<&mut Value>| {
        for item in items.and_then(Value::as_array_mut).into_iter().flatten() {
            let page = item
                .get("line")
                .and_then(Value::as_u64)
                .and_then(|l| doc.page_of_line(u32::try_from(l).ok()?));
            if let (Some(page), Some(o)) = (page, item.as_object_mut()) {
                o.insert("page".into(), json!(page));
            }
        }
    };
    if let Some(footnotes) = object.get_mut("footnotes") {
        tag(footnotes.get_mut("markers"));
        tag(footnotes.get_mut("notes"));
    }
    tag(object.get_mut("timeline"));
}
