//! `pangzhu extract [--pretty] FILE...`: one JSON object per file.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use serde_json::{Map, Value, json};

use crate::document::Document;
use crate::extract::footnotes::extract_footnotes;
use crate::extract::timeline::{TimelineOptions, extract_timeline};
use crate::nlp::keywords::{self, KeywordMethod};
use crate::nlp::{Segmenter, entities};

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Pretty-print each object over several lines.
    #[arg(long)]
    pub pretty: bool,
    /// Text files to read.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

pub fn run(args: &ExtractArgs) -> anyhow::Result<ExitCode> {
    let mut failed = false;
    let stdout = std::io::stdout();
    for path in &args.files {
        let started = Instant::now();
        match Document::open(path) {
            Ok(doc) => {
                let object = extract_object(&doc, started);
                let mut out = stdout.lock();
                if args.pretty {
                    serde_json::to_writer_pretty(&mut out, &object)?;
                } else {
                    serde_json::to_writer(&mut out, &object)?;
                }
                writeln!(out)?;
            }
            Err(err) => {
                eprintln!("pangzhu: {err}");
                failed = true;
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The `extract` object for one document (the CLI contract: field names never change).
pub fn extract_object(doc: &Document, started: Instant) -> Value {
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
    add_analysis(doc, &mut object);
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

/// Fields added by the extractors (footnotes, timeline, keywords, entities).
fn add_analysis(doc: &Document, object: &mut Map<String, Value>) {
    let footnotes = extract_footnotes(doc);
    object.insert(
        "footnotes".into(),
        serde_json::to_value(&footnotes).unwrap_or(Value::Null),
    );
    // The dictionary beside the document (`pangzhu.dict`) joins the shared ones.
    let segmenter = Segmenter::for_documents(&[PathBuf::from(doc.source())]);
    let keywords = keywords::document_keywords(&segmenter, doc, KeywordMethod::TfIdf, 20);
    object.insert("keywords".into(), json!(keywords));
    object.insert(
        "entities".into(),
        json!(entities::document_entities(&segmenter, doc)),
    );
    let timeline = extract_timeline(doc, &TimelineOptions::default());
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
