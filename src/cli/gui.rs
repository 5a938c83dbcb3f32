//! `pangzhu [FILE...]`: the reading app.

use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(_files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    anyhow::bail!("the reading app is not built yet; use the subcommands (pangzhu --help)")
}
