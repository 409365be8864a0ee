//! `cargo xtask`: the workspace's commands, the same on a laptop and in CI.
//!
//! Exit codes: 0 when the command did its job; 1 when a check failed (verify, drift);
//! 2 for bad input (arguments, unreadable files).

#![forbid(unsafe_code)]

mod bench;
mod catalog;
mod classify;
mod drift;
mod fuzz;
mod import;
mod verify;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "provider-errors workspace commands",
    version
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Benchmark classification against hand-written and dynamic baselines, and build time.
    Bench(bench::Bench),
    /// Classify one response body against a provider's catalog and print it as JSON.
    Classify(classify::Classify),
    /// Print the declared catalogs as JSON or Markdown.
    Catalog(catalog::CatalogCmd),
    /// Compare a docs page with a provider's catalog: codes added, removed, changed.
    Drift(drift::DriftCmd),
    /// Run the fuzz targets of fuzz/ with cargo-fuzz for N seconds each (not part of verify).
    Fuzz(fuzz::Fuzz),
    /// Scaffold a provider_errors! invocation from a docs page.
    Import(import::Import),
    /// Run every check: fmt, clippy, rustdoc, tests, then the contract summary per provider.
    Verify(verify::Verify),
}

/// Bad input from the user: reported on stderr with exit code 2.
#[derive(Debug)]
pub(crate) struct UsageError(pub(crate) String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// A check that ran and failed: exit code 1.
#[derive(Debug)]
pub(crate) struct CheckFailed(pub(crate) String);

impl std::fmt::Display for CheckFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CheckFailed {}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Bench(command) => command.run(),
        Command::Classify(command) => command.run(),
        Command::Catalog(command) => command.run(),
        Command::Drift(command) => command.run(),
        Command::Fuzz(command) => command.run(),
        Command::Import(command) => command.run(),
        Command::Verify(command) => command.run(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.is::<UsageError>() => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// The seed catalog with this id, or a usage error that lists the ids.
pub(crate) fn provider(id: &str) -> anyhow::Result<&'static catalog_core::CatalogSpec> {
    providers::by_id(id).ok_or_else(|| {
        UsageError(format!(
            "unknown provider `{id}`; the providers are {}",
            providers::ids().join(", ")
        ))
        .into()
    })
}
