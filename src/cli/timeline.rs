//! `pangzhu timeline FILE... [--format json|csv|md] [--reference-date DATE]`: one merged,
//! chronologically sorted timeline across documents.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use serde_json::json;

use crate::document::Document;
use crate::extract::timeline::{
    Date, EventTag, MergedRow, Timeline, TimelineOptions, extract_timeline, group_events,
    merge_timelines,
};
use crate::library::Library;
use crate::nlp::Segmenter;

use super::timeline_picture::{self, PictureOptions};

#[derive(Debug, Args)]
#[command(after_help = "Formats:\n  \
    json  JSON lines: one object per entry, in timeline order, with the fields source, line, col,\n        \
          end_line, text, value, granularity, vague, sort_date, year_inherited, relation, part,\n        \
          approx, anchor, resolved, in_note, sentence, block, event (an id shared by the\n        \
          mentions of one real-world event, across documents), event_label, event_confidence,\n        \
          event_mentions, event_why, event_disagrees (the documents date the event\n        \
          differently)\n  \
    csv   RFC 4180 (CRLF line ends, a header row)\n  \
    md    Markdown tables grouped by year\n  \
    svg   the timeline as a picture: one lane per document, marks and bars on a date axis,\n        \
          one event's mentions joined across lanes (dashed red where the dates disagree);\n        \
          to -o FILE or stdout\n  \
    png   the same picture rendered with the bundled CJK font (needs -o FILE)\n\
    Vague entries (decades, centuries, relative expressions such as 近 10 年来) are placed by their\n\
    start or resolved start and marked vague; entries that cannot be placed come last.")]
pub struct TimelineArgs {
    /// Output format.
    #[arg(long, default_value = "json", value_parser = ["json", "csv", "md", "svg", "png"])]
    pub format: String,
    /// Write to this file (atomically) instead of stdout; required for png.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Pictures (svg, png): width in pixels.
    #[arg(long, default_value_t = 1200)]
    pub width: u32,
    /// Pictures: show only from this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_reference)]
    pub from: Option<Date>,
    /// Pictures: show only up to this date.
    #[arg(long, value_name = "DATE", value_parser = parse_reference)]
    pub to: Option<Date>,
    /// Pictures: also draw the dates in notes (mostly publication dates of cited sources).
    #[arg(long)]
    pub notes: bool,
    /// Reference date for every document (YYYY, YYYY-MM or YYYY-MM-DD) instead of the one
    /// found in each text; 今年 and "10 年来" are counted from it.
    #[arg(long, value_name = "DATE", value_parser = parse_reference)]
    pub reference_date: Option<Date>,
    /// The merged timeline of the library indexed in DIR (`pangzhu library index DIR`), from
    /// the stored entries: the same rows `pangzhu timeline DIR/PATH...` gives over its files.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["files", "reference_date"])]
    pub library: Option<PathBuf>,
    #[arg(required_unless_present = "library")]
    pub files: Vec<PathBuf>,
}

fn parse_reference(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("not a date: {text} (use YYYY, YYYY-MM or YYYY-MM-DD)"))
}

pub fn run(args: &TimelineArgs) -> anyhow::Result<ExitCode> {
    if let Some(dir) = &args.library {
        return run_library(dir, args);
    }
    let opts = TimelineOptions {
        reference_date: args.reference_date,
    };
    let mut timelines: Vec<(String, Timeline)> = Vec::new();
    for path in &args.files {
        let doc = Document::open(path).with_context(|| format!("reading {}", path.display()))?;
        timelines.push((doc.source().to_owned(), extract_timeline(&doc, &opts)));
    }
    print(&timelines, &Segmenter::for_documents(&args.files), args)
}

/// The library's merged timeline, from the stored entries.
fn run_library(dir: &Path, args: &TimelineArgs) -> anyhow::Result<ExitCode> {
    let library = match Library::open(dir) {
        Ok(library) => library,
        Err(err) => {
            eprintln!("pangzhu timeline: {err}");
            return Ok(ExitCode::FAILURE);
        }
    };
    if let Some(notice) = library.notice() {
        eprintln!("pangzhu timeline: {notice}");
    }
    let timelines = library.timelines()?;
    print(&timelines, &library.segmenter(), args)
}

fn print(
    timelines: &[(String, Timeline)],
    segmenter: &Segmenter,
    args: &TimelineArgs,
) -> anyhow::Result<ExitCode> {
    let docs: Vec<(&str, &Timeline)> = timelines.iter().map(|(s, t)| (s.as_str(), t)).collect();
    let rows = merge_timelines(&docs);
    let events = group_events(segmenter, &rows);
    let out = match args.format.as_str() {
        "csv" => render_csv(&rows, &events),
        "md" => render_markdown(&rows, &events),
        "svg" | "png" => {
            let sources: Vec<String> = timelines.iter().map(|(s, _)| s.clone()).collect();
            let opts = PictureOptions {
                width: args.width,
                from: args.from,
                to: args.to,
                notes: args.notes,
            };
            let svg = timeline_picture::svg(&sources, &rows, &events, &opts);
            timeline_picture::write(&svg, args.format == "png", args.output.as_deref())?;
            return Ok(ExitCode::SUCCESS);
        }
        _ => render_json_lines(&rows, &events),
    };
    match &args.output {
        Some(path) => {
            crate::storage::write_atomic(path, out.as_bytes(), crate::storage::Backup::Skip)
                .with_context(|| format!("writing {}", path.display()))?
        }
        None => std::io::stdout().lock().write_all(out.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

fn sort_date(row: &MergedRow<'_>) -> String {
    row.entry
        .sort_date()
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// One JSON object per line.
pub fn render_json_lines(rows: &[MergedRow<'_>], events: &[EventTag]) -> String {
    let mut out = String::new();
    for (row, event) in rows.iter().zip(events) {
        let e = row.entry;
        let object = json!({
            "source": row.source, "line": e.line, "col": e.col, "end_line": e.end_line,
            "text": e.text, "value": e.value.to_string(), "granularity": e.granularity,
            "vague": e.vague, "sort_date": e.sort_date().map(|d| d.to_string()),
            "year_inherited": e.year_inherited, "relation": e.relation, "part": e.part,
            "approx": e.approx, "anchor": e.anchor,
            "resolved": e.resolved.map(|r| r.to_string()), "in_note": e.in_note,
            "sentence": e.sentence, "block": e.block,
            "event": event.id, "event_label": event.label,
            "event_confidence": event.confidence, "event_mentions": event.mentions,
            "event_why": event.why, "event_disagrees": event.disagrees,
        });
        out.push_str(&object.to_string());
        out.push('\n');
    }
    out
}

/// An RFC 4180 field: quoted when it holds a comma, a quote or a line break.
fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

pub fn render_csv(rows: &[MergedRow<'_>], events: &[EventTag]) -> String {
    let mut out = String::from(
        "date,value,granularity,vague,text,source,line,col,in_note,year_inherited,resolved,sentence,event,event_label\r\n",
    );
    for (row, event) in rows.iter().zip(events) {
        let e = row.entry;
        let fields = [
            sort_date(row),
            e.value.to_string(),
            e.granularity.as_str().to_owned(),
            e.vague.to_string(),
            e.text_full.clone(),
            row.source.to_owned(),
            e.line.to_string(),
            e.col.to_string(),
            e.in_note.to_string(),
            e.year_inherited.to_string(),
            e.resolved.map(|r| r.to_string()).unwrap_or_default(),
            e.sentence.clone(),
            event.id.clone(),
            event.label.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

fn md_cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// Markdown: a section per year, a table per section; vague rows are marked 「约」.
pub fn render_markdown(rows: &[MergedRow<'_>], events: &[EventTag]) -> String {
    let mut out = String::from("# 时间线\n");
    let mut current: Option<Option<i32>> = None;
    for (row, event) in rows.iter().zip(events) {
        let year = row.year();
        if current != Some(year) {
            current = Some(year);
            match year {
                Some(y) => {
                    let _ = write!(out, "\n## {y}\n\n");
                }
                None => out.push_str("\n## 无法定位\n\n"),
            }
            out.push_str(
                "| 日期 | 表达 | 事件 | 来源 | 行 | 事件组 |\n|---|---|---|---|---|---|\n",
            );
        }
        let e = row.entry;
        let mut date = e.value.to_string();
        if e.vague {
            date = match e.resolved {
                Some(r) => format!("约 {r}（{date}）"),
                None => format!("约（{date}）"),
            };
        }
        let group = if event.mentions > 1 && event.disagrees {
            format!(
                "{} {}（{} 处，日期不一）",
                event.id, event.label, event.mentions
            )
        } else if event.mentions > 1 {
            format!("{} {}（{} 处）", event.id, event.label, event.mentions)
        } else {
            event.id.clone()
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            md_cell(&date),
            md_cell(&e.text_full),
            md_cell(&e.sentence),
            md_cell(row.source),
            e.line,
            md_cell(&group)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(rows: &[MergedRow<'_>]) -> Vec<EventTag> {
        group_events(&Segmenter::builtin(), rows)
    }

    fn timeline(text: &str) -> Timeline {
        extract_timeline(
            &Document::from_text("a.txt", text),
            &TimelineOptions::default(),
        )
    }

    #[test]
    fn csv_quotes_fields_and_uses_crlf() {
        let t = timeline("2013 年，\"甲\"，乙。\n");
        let rows = merge_timelines(&[("a.txt", &t)]);
        let csv = render_csv(&rows, &tags(&rows));
        assert!(csv.contains("\r\n2013,2013,year,false,2013 年,a.txt,1,1,"));
        assert!(csv.contains("\"2013 年，\"\"甲\"\"，乙。\""));
    }

    #[test]
    fn markdown_groups_by_year_and_marks_vague_rows() {
        let t = timeline("2020 年 5 月，甲事。近 10 年来，乙事。2020 年底，丙事。\n");
        let rows = merge_timelines(&[("a.txt", &t)]);
        let md = render_markdown(&rows, &tags(&rows));
        assert_eq!(md.matches("## 2020").count(), 1);
        assert!(md.contains("## 2010"));
        assert!(md.contains("约 2010/2020（P10Y-before-ref）"));
    }

    #[test]
    fn json_lines_name_their_source() {
        let t = timeline("2013 年，甲。\n");
        let rows = merge_timelines(&[("a.txt", &t)]);
        let out = render_json_lines(&rows, &tags(&rows));
        let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap_or_default();
        assert_eq!(v["source"], "a.txt");
        assert_eq!(v["value"], "2013");
        assert_eq!(v["event"], "e1");
        assert_eq!(v["event_mentions"], 1);
    }
}
