//! `pangzhu library index DIR` (build or update the index; a JSON summary), `pangzhu library
//! list DIR` (one JSON line per document) and `pangzhu library names DIR` (the names index).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::library::{Library, Progress};

#[derive(Debug, Args)]
pub struct LibraryArgs {
    #[command(subcommand)]
    pub command: LibraryCommand,
}

#[derive(Debug, Subcommand)]
pub enum LibraryCommand {
    /// Build or update the index of the folder DIR (in DIR/.pangzhu/): only new and changed
    /// documents are analysed, removed ones leave the index. Prints a JSON summary
    /// (documents, indexed, unchanged, removed, failed, elapsed_ms).
    Index {
        dir: PathBuf,
        /// Delete the index first and analyse every document again (for a damaged index).
        #[arg(long)]
        rebuild: bool,
    },
    /// The indexed documents as JSON lines (path, title, date, size, annotations, tags).
    List { dir: PathBuf },
    /// Names across the library as JSON lines (name, kind, documents, mentions), most
    /// mentioned first.
    Names { dir: PathBuf },
}

pub fn run(args: &LibraryArgs) -> anyhow::Result<ExitCode> {
    let dir = match &args.command {
        LibraryCommand::Index { dir, .. }
        | LibraryCommand::List { dir }
        | LibraryCommand::Names { dir } => dir,
    };
    let opened = match &args.command {
        LibraryCommand::Index { rebuild: true, .. } => Library::open_rebuilt(dir),
        _ => Library::open(dir),
    };
    let mut library = match opened {
        Ok(library) => library,
        Err(err) => {
            eprintln!("pangzhu library: {err}");
            return Ok(ExitCode::FAILURE);
        }
    };
    if let Some(notice) = library.notice() {
        eprintln!("pangzhu library: {notice}");
    }
    match &args.command {
        LibraryCommand::Index { .. } => index(&mut library),
        LibraryCommand::List { .. } => print_lines(&library.documents()?),
        LibraryCommand::Names { .. } => print_lines(&library.names()?),
    }
}

fn index(library: &mut Library) -> anyhow::Result<ExitCode> {
    let bar = progress_bar();
    let report = match library.update(&|p: Progress<'_>| {
        bar.set_length(p.total as u64);
        bar.set_position(p.done as u64);
    }) {
        Ok(report) => report,
        Err(err) => {
            bar.finish_and_clear();
            eprintln!("pangzhu library: {err}");
            return Ok(ExitCode::FAILURE);
        }
    };
    bar.finish_and_clear();
    for (path, err) in &report.failures {
        eprintln!("pangzhu library: {}: {err}", shown(library.root(), path));
    }
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, &report)?;
    writeln!(out)?;
    Ok(if report.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// A failure names the document as the folder was given (a skipped folder is a full path).
fn shown(root: &Path, path: &str) -> String {
    if Path::new(path).is_absolute() || path.starts_with(&*root.to_string_lossy()) {
        path.to_owned()
    } else {
        crate::library::scan::shown_path(root, path)
            .display()
            .to_string()
    }
}

fn print_lines<T: serde::Serialize>(items: &[T]) -> anyhow::Result<ExitCode> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for item in items {
        serde_json::to_writer(&mut out, item)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A bar on stderr, drawn only when stderr is a terminal.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(0);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} documents, {elapsed} (about {eta} left)")
    {
        bar.set_style(style);
    }
    bar
}
