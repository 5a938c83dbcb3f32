//! `pangzhu timeline FILE... [--format json|csv|md]`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Output format.
    #[arg(long, default_value = "json", value_parser = ["json", "csv", "md"])]
    pub format: String,
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

pub fn run(_args: &TimelineArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("timeline: not built yet")
}
