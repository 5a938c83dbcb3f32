//! Annotation subcommands: `tag`, `annotations`, `export`, `import`.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Args;
use serde_json::json;

use crate::annotation::{Anchor, Annotation, Edit, TagId, TagLibrary};
use crate::document::Document;
use crate::export::{self, ExportDocument, Format, w3c_import};
use crate::span::TextSpan;
use crate::storage::{self, Backup, Locations, Opened, Sidecar};

#[derive(Debug, Args)]
pub struct TagArgs {
    pub file: PathBuf,
    /// Text (or with --regex a regular expression) to annotate at every occurrence.
    #[arg(long = "match")]
    pub pattern: String,
    #[arg(long)]
    pub tag: String,
    #[arg(long)]
    pub note: Option<String>,
    #[arg(long)]
    pub regex: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long, value_parser = ["md", "csv", "json", "html"])]
    pub format: String,
    /// Only annotations with this tag (or a child of it).
    #[arg(long)]
    pub tag: Option<String>,
    /// Output file (default: standard output).
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    pub file: PathBuf,
    /// A W3C Web Annotation JSON file written by `pangzhu export --format json`.
    #[arg(long)]
    pub from: PathBuf,
}

pub fn run_tag(args: &TagArgs) -> anyhow::Result<ExitCode> {
    let (doc, opened) = open_writable(&args.file)?;
    let Opened {
        mut sidecar,
        mut set,
        ..
    } = opened;
    let spans = find_matches(doc.text(), &args.pattern, args.regex)?;
    let mut user_tags = load_user_tags();
    let (tag, _) = set.ensure_tag(&args.tag, user_tags.as_ref())?;
    let note = args.note.clone().filter(|n| !n.is_empty());
    let (mut added, mut updated) = (0, 0);
    for span in &spans {
        let existing = set
            .sorted()
            .into_iter()
            .find(|a| set.resolution(&a.id).span() == Some(*span))
            .cloned();
        if let Some(current) = existing {
            let mut changed = current.clone().with_tag(tag.clone());
            if changed.note.is_none() {
                changed.note.clone_from(&note);
            }
            if changed != current {
                set.update(changed)?;
                updated += 1;
            }
        } else if let Some(anchor) = Anchor::new(&doc, *span) {
            let annotation = Annotation::new(anchor)
                .with_tag(tag.clone())
                .with_note(note.clone());
            set.add(annotation)?;
            added += 1;
        }
    }
    sidecar.save(&mut set)?;
    if let Some(library) = user_tags.as_mut() {
        save_user_tags(library, set.tags());
    }
    let summary = json!({
        "source": doc.source(),
        "sidecar": sidecar.path().display().to_string(),
        "tag": args.tag,
        "matches": spans.len(),
        "added": added,
        "updated": updated,
    });
    writeln!(std::io::stdout().lock(), "{summary}")?;
    if spans.is_empty() {
        eprintln!(
            "pangzhu: no match for {:?} in {}",
            args.pattern,
            args.file.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_list(args: &ListArgs) -> anyhow::Result<ExitCode> {
    let mut failed = false;
    let mut out = std::io::stdout().lock();
    for path in &args.files {
        match open_readable(path) {
            Ok((doc, opened)) => {
                let prepared = export::collect(&doc, &opened.set, "", None);
                for e in &prepared.entries {
                    let line = json!({
                        "source": doc.source(),
                        "id": e.id.as_str(),
                        "status": e.status.as_str(),
                        "quote": e.quote.exact,
                        "tags": e.tags,
                        "note": e.note,
                        "line": e.line,
                        "col": e.col,
                    });
                    writeln!(out, "{line}")?;
                }
            }
            Err(err) => {
                eprintln!("pangzhu: {err:#}");
                failed = true;
            }
        }
    }
    Ok(exit_code(failed))
}

pub fn run_export(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let format = Format::from_name(&args.format)
        .with_context(|| format!("unknown export format {:?}", args.format))?;
    let mut documents: Vec<ExportDocument> = Vec::new();
    for path in &args.files {
        let (doc, opened) = open_readable(path)?;
        let uri = export::file_iri(&absolute(path).to_string_lossy());
        documents.push(export::collect(
            &doc,
            &opened.set,
            &uri,
            args.tag.as_deref(),
        ));
    }
    let text = export::render(format, &documents);
    match &args.output {
        Some(out) => storage::write_atomic(out, text.as_bytes(), Backup::Skip)?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_import(args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let (doc, opened) = open_writable(&args.file)?;
    let Opened {
        mut sidecar,
        mut set,
        ..
    } = opened;
    let json = std::fs::read_to_string(&args.from)
        .with_context(|| format!("cannot read {}", args.from.display()))?;
    let imported =
        w3c_import::parse(&json, &doc).with_context(|| format!("{}", args.from.display()))?;
    let uri = export::file_iri(&absolute(&args.file).to_string_lossy());
    let chosen = for_this_document(imported, &uri, &args.file)?;
    let user_tags = load_user_tags();
    let (mut added, mut updated, mut unchanged) = (0, 0, 0);
    // Tags this import creates take the export's colours; tags already here keep theirs.
    let mut created: BTreeSet<TagId> = BTreeSet::new();
    for item in chosen {
        let mut annotation = item.annotation;
        for (path, colour) in item.tag_paths.iter().zip(&item.tag_colours) {
            let (id, edit) = set.ensure_tag(path, user_tags.as_ref())?;
            if let Edit::Batch(new_tags) = &edit {
                created.extend(new_tags.iter().filter_map(|e| match e {
                    Edit::AddTag(t) => Some(t.id.clone()),
                    _ => None,
                }));
            }
            let recolour = set
                .tags()
                .get(&id)
                .filter(|t| created.contains(&id) && colour.is_some_and(|c| c != t.colour))
                .cloned();
            if let (Some(mut tag), Some(colour)) = (recolour, *colour) {
                tag.colour = colour;
                set.update_tag(tag)?;
            }
            annotation.tags.insert(id);
        }
        match set.get(&annotation.id).cloned() {
            Some(current) if current == annotation => unchanged += 1,
            Some(before) => {
                set.perform(Edit::UpdateAnnotation {
                    before,
                    after: annotation,
                })?;
                updated += 1;
            }
            None => {
                set.add(annotation)?;
                added += 1;
            }
        }
    }
    let report = set.reanchor(&doc);
    sidecar.save(&mut set)?;
    let summary = json!({
        "source": doc.source(),
        "sidecar": sidecar.path().display().to_string(),
        "added": added,
        "updated": updated,
        "unchanged": unchanged,
        "exact": report.exact,
        "moved": report.moved,
        "orphaned": report.orphaned,
    });
    writeln!(std::io::stdout().lock(), "{summary}")?;
    Ok(ExitCode::SUCCESS)
}

/// The imported annotations that target this document: by IRI, else by file name, else all
/// of them when the export targets a single document (the file was moved or renamed).
fn for_this_document(
    imported: Vec<w3c_import::ImportedAnnotation>,
    uri: &str,
    file: &Path,
) -> anyhow::Result<Vec<w3c_import::ImportedAnnotation>> {
    if imported.iter().any(|i| i.source == uri) {
        return Ok(imported.into_iter().filter(|i| i.source == uri).collect());
    }
    let name = file
        .file_name()
        .map(|n| export::file_iri(&n.to_string_lossy()))
        .unwrap_or_default();
    let tail = name.trim_start_matches("file://");
    if imported.iter().any(|i| i.source.ends_with(tail)) {
        return Ok(imported
            .into_iter()
            .filter(|i| i.source.ends_with(tail))
            .collect());
    }
    let mut sources: Vec<&str> = imported.iter().map(|i| i.source.as_str()).collect();
    sources.dedup();
    if sources.len() > 1 {
        bail!(
            "the export holds annotations of several documents, none of them {}",
            file.display()
        );
    }
    Ok(imported)
}

/// Open a document and its annotations for reading; a broken sidecar is an error here too, so
/// nothing is listed or exported as if it had no annotations.
fn open_readable(path: &Path) -> anyhow::Result<(Document, Opened)> {
    let doc = Document::open(path)?;
    let opened = Sidecar::open(path, &doc, &Locations::from_env())?;
    if let Some(problem) = &opened.report.problem {
        bail!("{problem}");
    }
    if opened.report.document_changed {
        let r = opened.report.reanchor;
        eprintln!(
            "pangzhu: {} changed since its annotations were saved: {} exact, {} moved, {} orphaned",
            path.display(),
            r.exact,
            r.moved,
            r.orphaned
        );
    }
    Ok((doc, opened))
}

/// Like [`open_readable`], and says where annotations go when not beside the document.
fn open_writable(path: &Path) -> anyhow::Result<(Document, Opened)> {
    let (doc, opened) = open_readable(path).context("refusing to write annotations")?;
    if opened.sidecar.is_fallback() {
        eprintln!(
            "pangzhu: the folder of {} is not writable; its annotations are kept in {}",
            path.display(),
            opened.sidecar.path().display()
        );
    }
    Ok((doc, opened))
}

/// Every occurrence of the pattern in the cleaned text (non-overlapping, never empty).
fn find_matches(text: &str, pattern: &str, regex: bool) -> anyhow::Result<Vec<TextSpan>> {
    if pattern.is_empty() {
        bail!("--match needs a non-empty pattern");
    }
    if regex {
        let re = regex::Regex::new(pattern).with_context(|| format!("bad --regex {pattern:?}"))?;
        return Ok(re
            .find_iter(text)
            .filter(|m| !m.is_empty())
            .map(|m| TextSpan::new(m.start(), m.end()))
            .collect());
    }
    Ok(text
        .match_indices(pattern)
        .map(|(i, m)| TextSpan::new(i, i + m.len()))
        .collect())
}

/// The user-wide tag library; a problem with it is reported, not fatal.
fn load_user_tags() -> Option<TagLibrary> {
    let path = Locations::from_env().tag_library()?;
    storage::load_tag_library(&path)
        .inspect_err(|e| eprintln!("pangzhu: user tag library not used: {e}"))
        .ok()
}

fn save_user_tags(library: &mut TagLibrary, learned: &TagLibrary) {
    let Some(path) = Locations::from_env().tag_library() else {
        return;
    };
    if storage::learn_tags(library, learned) > 0
        && let Err(e) = storage::save_tag_library(&path, library)
    {
        eprintln!("pangzhu: user tag library not saved: {e}");
    }
}

fn absolute(path: &Path) -> PathBuf {
    path.canonicalize()
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_owned())
}

fn exit_code(failed: bool) -> ExitCode {
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_and_regex_matches() {
        let text = "教育公平，教育质量";
        let spans = find_matches(text, "教育", false).expect("literal");
        assert_eq!(spans.len(), 2);
        let spans = find_matches(text, "教育(公平|质量)", true).expect("regex");
        assert_eq!(spans[1].slice(text), Some("教育质量"));
        assert!(find_matches(text, "", false).is_err());
        assert!(find_matches(text, "(", true).is_err());
    }
}
