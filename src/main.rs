//! `pangzhu`: with files (or none) opens the reading app; subcommands run the engine headless.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use pangzhu::cli;

#[derive(Parser)]
#[command(
    name = "pangzhu",
    version,
    about = "旁注 Pangzhu — read, clean and annotate Chinese documents extracted from PDFs"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Documents to open side by side in the app (none: restore the last session).
    files: Vec<std::path::PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Clean documents and print their structure and extracted data as JSON (one object per file).
    Extract(cli::extract::ExtractArgs),
    /// One merged, chronologically sorted timeline across documents.
    Timeline(cli::timeline::TimelineArgs),
    /// Search the cleaned text of documents or of a library (literal, whole word or regex).
    Search(cli::search::SearchArgs),
    /// A folder of documents with a search index: index, list, names.
    Library(cli::library::LibraryArgs),
    /// Annotate every occurrence of a pattern with a tag.
    Tag(cli::annotate::TagArgs),
    /// List the annotations of documents as JSON lines.
    Annotations(cli::annotate::ListArgs),
    /// Export annotations as Markdown, CSV, W3C Web Annotation JSON or HTML.
    Export(cli::annotate::ExportArgs),
    /// Import annotations from a W3C Web Annotation JSON export.
    Import(cli::annotate::ImportArgs),
}

fn main() -> ExitCode {
    let args = Cli::parse();
    let result = match args.command {
        Some(Command::Extract(a)) => cli::extract::run(&a),
        Some(Command::Timeline(a)) => cli::timeline::run(&a),
        Some(Command::Search(a)) => cli::search::run(&a),
        Some(Command::Library(a)) => cli::library::run(&a),
        Some(Command::Tag(a)) => cli::annotate::run_tag(&a),
        Some(Command::Annotations(a)) => cli::annotate::run_list(&a),
        Some(Command::Export(a)) => cli::annotate::run_export(&a),
        Some(Command::Import(a)) => cli::annotate::run_import(&a),
        None => cli::gui::run(&args.files),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("pangzhu: {err:#}");
            ExitCode::FAILURE
        }
    }
}
