//! Annotation subcommands: `tag`, `annotations`, `export`, `import`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

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

pub fn run_tag(_args: &TagArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("tag: not built yet")
}

pub fn run_list(_args: &ListArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("annotations: not built yet")
}

pub fn run_export(_args: &ExportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("export: not built yet")
}

pub fn run_import(_args: &ImportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("import: not built yet")
}
