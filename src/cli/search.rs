//! `pangzhu search [--word|--regex] QUERY FILE...`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

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

pub fn run(_args: &SearchArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("search: not built yet")
}
