//! `cargo xtask verify`: the workspace's own steps before the contracts (which are
//! `contract_tests::cli`'s `verify`).

use contract_tests::cli::CommandError;

/// The workspace's steps before the contracts, in the order that fails fastest: fmt, clippy,
/// rustdoc with warnings denied, the tests, and a build check of the benchmarks.
pub(crate) fn workspace_steps() -> Result<(), CommandError> {
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
        &[
            "fmt",
            "--all",
            "--manifest-path",
            "xtask/Cargo.toml",
            "--",
            "--check",
        ],
        "cargo fmt --check (xtask)",
    )?;
    // The fuzz targets are a workspace of their own that needs nightly features to build;
    // rustfmt checks them without building.
    cargo(
        &[
            "fmt",
            "--all",
            "--manifest-path",
            "fuzz/Cargo.toml",
            "--",
            "--check",
        ],
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
    // xtask is a workspace of its own (see its Cargo.toml), built into the same target/.
    cargo(
        &[
            "clippy",
            "--manifest-path",
            "xtask/Cargo.toml",
            "--target-dir",
            "target",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ],
        "cargo clippy -D warnings (xtask)",
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
    // The `clients` crate turns every client feature of catalog-core on for the whole
    // workspace; the default build, the one every user pays for, is checked alone.
    cargo(
        &[
            "clippy",
            "--package",
            "catalog-core",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ],
        "cargo clippy -p catalog-core (default features)",
    )?;
    // The benchmarks are a workspace of their own (criterion brings a second syn major
    // version); checking that they build keeps them from rotting between runs.
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
    )
}

fn cargo(args: &[&str], what: &str) -> Result<(), CommandError> {
    cargo_with(args, what, &[])
}

fn cargo_with(args: &[&str], what: &str, env: &[(&str, &str)]) -> Result<(), CommandError> {
    eprintln!("==> {what}");
    // From the workspace root, so relative paths (benches/, target/bench) hold anywhere.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let status = crate::cargo()
        .current_dir(root)
        .args(args)
        .envs(env.iter().copied())
        .status()
        .map_err(|error| CommandError::Usage(format!("cannot run {what}: {error}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(CommandError::Failed(format!("{what} failed")))
    }
}
