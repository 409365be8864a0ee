//! `cargo xtask verify`: everything CI checks, in the order that fails fastest.

use std::process::Command;

use anyhow::Context;
use clap::Args;
use contract_tests::{conformance, rules};

use crate::{CheckFailed, UsageError};

#[derive(Args)]
pub(crate) struct Verify {
    /// Only the contract summary: skip fmt, clippy and the test suite.
    #[arg(long)]
    contracts_only: bool,
}

impl Verify {
    pub(crate) fn run(&self) -> anyhow::Result<()> {
        if !self.contracts_only {
            cargo(&["fmt", "--all", "--", "--check"], "cargo fmt --check")?;
            cargo(
                &[
                    "fmt",
                    "--all",
                    "--manifest-path",
                    "benches/Cargo.toml",
                    "--",
                    "--check",
                ],
                "cargo fmt --check (benches)",
            )?;
            cargo(
                &["fmt", "--manifest-path", "fuzz/Cargo.toml", "--", "--check"],
                "cargo fmt --check (fuzz)",
            )?;
            cargo(
                &[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--quiet",
                    "--",
                    "-D",
                    "warnings",
                ],
                "cargo clippy -D warnings",
            )?;
            cargo_with(
                &["doc", "--workspace", "--no-deps", "--quiet"],
                "cargo doc (warnings denied)",
                &[("RUSTDOCFLAGS", "-D warnings")],
            )?;
            cargo(
                &["test", "--workspace", "--quiet"],
                "cargo test --workspace",
            )?;
            // The benchmarks are a workspace of their own (criterion brings a second syn
            // major version); checking that they build keeps them from rotting between runs.
            cargo_with(
                &[
                    "check",
                    "--quiet",
                    "--manifest-path",
                    "benches/Cargo.toml",
                    "--benches",
                    "--examples",
                ],
                "cargo check (benches)",
                &[("CARGO_TARGET_DIR", "target/bench")],
            )?;
        }
        contracts()
    }
}

fn cargo(args: &[&str], what: &str) -> anyhow::Result<()> {
    cargo_with(args, what, &[])
}

fn cargo_with(args: &[&str], what: &str, env: &[(&str, &str)]) -> anyhow::Result<()> {
    eprintln!("==> {what}");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    // From the workspace root, so relative paths (benches/, target/bench) hold anywhere.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let status = Command::new(cargo)
        .current_dir(root)
        .args(args)
        .envs(env.iter().copied())
        .status()
        .with_context(|| format!("running {what}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(CheckFailed(format!("{what} failed")).into())
    }
}

/// The contract summary, per provider: rules, recorded responses and coverage (contract-tests),
/// and the docs snapshot's drift (catalog-docs).
fn contracts() -> anyhow::Result<()> {
    eprintln!("==> contracts");
    let mut failures = Vec::new();
    let mut rows = Vec::new();
    for spec in providers::all() {
        let recordings = fixtures::load(spec.id).map_err(|error| UsageError(error.to_string()))?;
        let rule_failures = rules::check_catalog(spec);
        let report = conformance::check(spec, &recordings);
        let exceptions = rules::exceptions(spec).len();
        let drift = crate::drift::check(spec, &fixtures::docs_snapshot(spec.id))?;
        rows.push(vec![
            spec.id.to_owned(),
            spec.entries.len().to_string(),
            report.recordings.to_string(),
            format!("{}/{}", report.covered.len(), report.entries),
            exceptions.to_string(),
            rule_failures.len().to_string(),
            report.mismatches.len().to_string(),
            drift.len().to_string(),
        ]);
        failures.extend(rule_failures.iter().map(ToString::to_string));
        failures.extend(report.to_string().lines().map(str::to_owned));
        failures.extend(drift.iter().map(|drift| {
            format!(
                "{} [drift] {}",
                spec.id,
                drift.to_string().replace('\n', " ")
            )
        }));
    }
    print_table(
        &[
            "provider",
            "entries",
            "recordings",
            "covered",
            "exceptions",
            "rule failures",
            "mismatches",
            "docs drift",
        ],
        &rows,
    );
    if failures.is_empty() {
        println!("\nverify: all contracts hold");
        Ok(())
    } else {
        for failure in &failures {
            println!("FAIL {failure}");
        }
        Err(CheckFailed(format!("{} contract failure(s)", failures.len())).into())
    }
}

fn print_table(header: &[&str], rows: &[Vec<String>]) {
    let widths: Vec<usize> = header
        .iter()
        .enumerate()
        .map(|(i, title)| {
            rows.iter()
                .map(|row| row[i].len())
                .chain([title.len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        println!("| {} |", padded.join(" | "));
    };
    line(header.to_vec());
    println!(
        "|{}|",
        widths
            .iter()
            .map(|w| "-".repeat(w + 2))
            .collect::<Vec<_>>()
            .join("|")
    );
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}
