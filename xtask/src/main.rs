//! `cargo xtask`: the workspace's commands, the same on a laptop and in CI.
//!
//! `classify`, `catalog`, `diff`, `drift`, `import`, `record` and `verify` are
//! `contract_tests::cli`'s, over the seed catalogs, with this workspace's files
//! (`fixtures/har/<id>/`, `fixtures/docs/<id>.md`, and `fixtures/catalogs/<id>.json`, the
//! folder beside the docs); `verify` first runs the workspace's own steps (fmt, clippy,
//! rustdoc, the tests) unless `--contracts-only`; `bench` and `fuzz` are ours alone, and so
//! is `package-check` (the published crates as packages, which CI runs).
//!
//! Exit codes: 0 when the command did its job; 1 when a check failed (verify, drift, diff,
//! record --check); 2 for bad input (arguments, unreadable files).

#![forbid(unsafe_code)]

mod bench;
mod fuzz;
mod package_check;
mod report_check;
mod verify;

use std::process::{Command, ExitCode};

use clap::{Arg, ArgAction, Args, FromArgMatches};
use contract_tests::cli::{CommandError, Tool};
use contract_tests::layout::Layout;

fn main() -> ExitCode {
    let catalogs = providers::all();
    let tool = Tool::new(&catalogs)
        .layout(Layout::new(
            fixtures::root().join("har"),
            fixtures::root().join("docs"),
        ))
        .bin_name("cargo xtask");
    let command = tool
        .command()
        .about("provider-errors workspace commands")
        .subcommand(bench::Bench::augment_args(clap::Command::new("bench").about(
            "Benchmark classification against hand-written and dynamic baselines, build time, and verify at scale.",
        )))
        .subcommand(fuzz::Fuzz::augment_args(clap::Command::new("fuzz").about(
            "Run the fuzz targets of fuzz/ with cargo-fuzz for N seconds each (not part of verify).",
        )))
        .subcommand(clap::Command::new("package-check").about(
            "Check the published crates as a team gets them: each feature alone (cargo-hack), packaged, and a consumer crate built from the packages.",
        ))
        .subcommand(clap::Command::new("report-check").about(
            "Load the report of `verify --report` in headless Chromium (installed with apt-get when missing) and check it.",
        ))
        .mut_subcommand("verify", |verify| {
            verify
                .about("Run every check: fmt, clippy, rustdoc, tests, then the contract summary per provider.")
                .arg(
                    Arg::new("contracts-only")
                        .long("contracts-only")
                        .action(ArgAction::SetTrue)
                        .help("Only the contract summary: skip fmt, clippy, rustdoc and the test suite"),
                )
        });
    let matches = match command.try_get_matches() {
        Ok(matches) => matches,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    let result = match matches.subcommand() {
        Some(("bench", bench)) => bench::Bench::from_arg_matches(bench)
            .map_err(|error| CommandError::Usage(error.to_string()))
            .and_then(|bench| {
                bench
                    .run()
                    .map_err(|error| CommandError::Failed(format!("{error:#}")))
            }),
        Some(("fuzz", fuzz)) => fuzz::Fuzz::from_arg_matches(fuzz)
            .map_err(|error| CommandError::Usage(error.to_string()))
            .and_then(|fuzz| {
                fuzz.run().map_err(|error| {
                    if error.is::<fuzz::UsageError>() {
                        CommandError::Usage(format!("{error:#}"))
                    } else {
                        CommandError::Failed(format!("{error:#}"))
                    }
                })
            }),
        Some(("package-check", _)) => {
            package_check::run().map_err(|error| CommandError::Failed(format!("{error:#}")))
        }
        Some(("report-check", _)) => {
            report_check::run(&tool).map_err(|error| CommandError::Failed(format!("{error:#}")))
        }
        Some(("verify", verify)) => {
            let steps = if verify.get_flag("contracts-only") {
                Ok(())
            } else {
                verify::workspace_steps()
            };
            steps.and_then(|()| {
                eprintln!("==> contracts");
                tool.run(&matches)
            })
        }
        _ => tool.run(&matches),
    };
    tool.report(result)
}

/// The cargo that runs xtask, to run another cargo command, without the variables `cargo run`
/// set for xtask itself (`CARGO_MANIFEST_DIR`, `CARGO_PKG_*`, ...). Build scripts that track
/// them (ring's tracks `CARGO_MANIFEST_DIR` and `CARGO_PKG_NAME`) would otherwise run again,
/// with all that depends on them, whenever a build switches between `cargo xtask` and a shell
/// or a tool that clears them (cargo-hack): `cargo test --workspace` and then `cargo xtask
/// verify` built ring and rustls twice.
pub(crate) fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    for (name, _) in std::env::vars_os() {
        let injected = name.to_str().is_some_and(|name| {
            name.starts_with("CARGO_PKG_")
                || matches!(
                    name,
                    "CARGO_MANIFEST_DIR"
                        | "CARGO_MANIFEST_PATH"
                        | "CARGO_CRATE_NAME"
                        | "CARGO_BIN_NAME"
                        | "CARGO_PRIMARY_PACKAGE"
                )
        });
        if injected {
            command.env_remove(&name);
        }
    }
    command
}
