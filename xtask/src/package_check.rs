//! `cargo xtask package-check`: the published crates as a team outside this workspace gets
//! them, in three steps, each timed:
//!
//! 1. **features**: each published crate checked with each of its features alone
//!    (`cargo hack check --each-feature`, cargo-hack installed when missing): `clients` turns
//!    every client feature of catalog-core on for the whole workspace, which would hide a
//!    feature that fails to build alone;
//! 2. **package**: `cargo package --workspace`, and the `.crate` of each member whose `publish`
//!    is not `false` unpacked into `target/package-check/unpacked/`;
//! 3. **consumer**: the two crates of `xtask/consumer/` (a catalog crate with its one-line
//!    contract test and its `contracts` binary in a crate of its own, and a service that
//!    depends on the catalog crate) copied to `target/package-check/consumer/`, each given a
//!    `[patch.crates-io]` that points the published crates at the unpacked packages (never at
//!    this workspace), and checked to resolve each of them there. The catalog crate runs
//!    `cargo test`, `cargo contracts verify --report` (the report's templates come from the
//!    package) and `cargo contracts record --check`; the service's `cargo tree -e normal` must
//!    hold nothing of the harness (the README's walk-through promises it), and catalog-core's `proptest`
//!    feature must be off in it.
//!
//! `cargo package` runs without its own verification build: the consumer compiles every
//! package from its `.crate` contents, which is that verification and more (the packages
//! against each other, by version, with a contract test that reads files), and the features
//! step compiles each crate alone; a third build of the same sources would only cost time.
//! The packages go to `target/package-check/`; the consumer builds in the workspace's
//! `target/`, with its lockfile and profile, so only the packages and the consumer's own
//! crates are compiled, and a second run rebuilds only what changed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use anyhow::{Context, bail};

use crate::cargo;

/// What a service's normal build must not hold: the harness, its property testing, the docs
/// parsers and the HTTP fetcher of `drift --url`.
const HARNESS: [&str; 6] = [
    "contract-tests",
    "catalog-docs",
    "proptest",
    "pulldown-cmark",
    "html5ever",
    "ureq",
];

/// The consumer's provider, as its catalog declares it.
const PROVIDER: &str = "lumen-pay";

/// Runs the three steps and prints what each took.
pub(crate) fn run() -> anyhow::Result<()> {
    let root = workspace_root();
    let work = root.join("target").join("package-check");
    let published = published_crates(&root)?;
    if published.is_empty() {
        bail!("no member of the workspace is published: nothing to package");
    }
    let names: Vec<String> = published
        .iter()
        .map(|(name, version)| format!("{name} {version}"))
        .collect();
    eprintln!("==> published crates: {}", names.join(", "));
    let mut timings = Vec::new();

    let started = Instant::now();
    features(&root, &published)?;
    timings.push(("features", started.elapsed()));

    let started = Instant::now();
    let unpacked = package(&root, &work, &published)?;
    timings.push(("package", started.elapsed()));

    let started = Instant::now();
    consumer(&root, &work, &unpacked)?;
    timings.push(("consumer", started.elapsed()));

    let shown: Vec<String> = timings
        .iter()
        .map(|(step, took)| format!("{step} {:.0} s", took.as_secs_f64()))
        .collect();
    eprintln!("package-check: the packages hold ({})", shown.join(", "));
    Ok(())
}

fn workspace_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    root.canonicalize().unwrap_or(root)
}

/// Runs `command`, naming `what` when it cannot start or fails.
fn status(mut command: Command, what: &str) -> anyhow::Result<()> {
    eprintln!("==> {what}");
    let status = command
        .status()
        .with_context(|| format!("cannot run {what}"))?;
    if !status.success() {
        bail!("{what} failed ({status})");
    }
    Ok(())
}

/// Runs `command` for its standard output, naming `what` when it fails.
fn output(mut command: Command, what: &str) -> anyhow::Result<String> {
    let Output {
        status,
        stdout,
        stderr,
    } = command
        .output()
        .with_context(|| format!("cannot run {what}"))?;
    if !status.success() {
        bail!(
            "{what} failed ({status}):\n{}",
            String::from_utf8_lossy(&stderr)
        );
    }
    String::from_utf8(stdout).with_context(|| format!("{what} printed no UTF-8"))
}

/// The members whose manifest does not say `publish = false`: name and version.
fn published_crates(root: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let mut command = cargo();
    command
        .current_dir(root)
        .args(["metadata", "--no-deps", "--format-version", "1"]);
    let metadata: serde_json::Value = serde_json::from_str(&output(command, "cargo metadata")?)
        .context("reading cargo metadata")?;
    let packages = metadata
        .get("packages")
        .and_then(serde_json::Value::as_array)
        .context("cargo metadata lists no packages")?;
    let mut names = Vec::new();
    for package in packages {
        // `publish` is null when the crate may go to any registry, a list of registries
        // otherwise, and the empty list for `publish = false`.
        let unpublished = package
            .get("publish")
            .and_then(serde_json::Value::as_array)
            .is_some_and(Vec::is_empty);
        let text = |key: &str| package.get(key).and_then(serde_json::Value::as_str);
        if let (false, Some(name), Some(version)) = (unpublished, text("name"), text("version")) {
            names.push((name.to_owned(), version.to_owned()));
        }
    }
    Ok(names)
}

/// Step 1: `cargo hack check --each-feature` over the published crates.
fn features(root: &Path, published: &[(String, String)]) -> anyhow::Result<()> {
    let present = cargo()
        .args(["hack", "--version"])
        .output()
        .is_ok_and(|output| output.status.success());
    if !present {
        let mut install = cargo();
        install.args(["install", "--locked", "cargo-hack"]);
        status(
            install,
            "cargo install --locked cargo-hack (builds from source: about a minute and a half)",
        )?;
    }
    let mut check = cargo();
    check
        .current_dir(root)
        .args(["hack", "check", "--each-feature", "--quiet"]);
    for (name, _) in published {
        check.args(["--package", name]);
    }
    status(
        check,
        "cargo hack check --each-feature (each published crate, each feature alone)",
    )
}

/// Step 2: packages the published crates and unpacks each `.crate`; the folders unpacked,
/// by crate name.
fn package(
    root: &Path,
    work: &Path,
    published: &[(String, String)],
) -> anyhow::Result<Vec<(String, PathBuf)>> {
    let mut command = cargo();
    command
        .current_dir(root)
        .args([
            "package",
            "--workspace",
            "--no-verify",
            "--allow-dirty",
            "--quiet",
        ])
        .arg("--target-dir")
        .arg(work);
    // The whole workspace, as a release would run it: an unpublished member is packaged too,
    // and a member that needs one of them from the registry fails here.
    status(command, "cargo package --workspace")?;
    let unpacked = work.join("unpacked");
    reset(&unpacked)?;
    let mut folders = Vec::new();
    for (name, version) in published {
        let file = work.join("package").join(format!("{name}-{version}.crate"));
        let mut tar = Command::new("tar");
        tar.arg("-xzf").arg(&file).arg("-C").arg(&unpacked);
        output(tar, &format!("unpacking {}", file.display()))?;
        let folder = unpacked.join(format!("{name}-{version}"));
        if !folder.join("Cargo.toml").is_file() {
            bail!("{} holds no {name}-{version}/Cargo.toml", file.display());
        }
        folders.push((name.clone(), folder));
    }
    Ok(folders)
}

/// Step 3: the consumer crates, built from the packages.
fn consumer(root: &Path, work: &Path, unpacked: &[(String, PathBuf)]) -> anyhow::Result<()> {
    let template = root.join("xtask").join("consumer");
    let dir = work.join("consumer");
    reset(&dir)?;
    copy_tree(&template, &dir)?;
    let patch = patch_section(unpacked)?;
    let lock = std::fs::read(root.join("Cargo.lock")).context("reading Cargo.lock")?;
    let catalog = dir.join("lumen-errors");
    let service = dir.join("payments-service");
    for crate_dir in [&catalog, &service] {
        let manifest = crate_dir.join("Cargo.toml");
        let mut text = std::fs::read_to_string(&manifest)
            .with_context(|| format!("reading {}", manifest.display()))?;
        text.push_str(&patch);
        std::fs::write(&manifest, text)
            .with_context(|| format!("writing {}", manifest.display()))?;
        // This workspace's lockfile: the same versions it was tested with, and nothing to
        // fetch; cargo drops what the consumer does not use.
        std::fs::write(crate_dir.join("Cargo.lock"), &lock)
            .with_context(|| format!("writing {}", crate_dir.join("Cargo.lock").display()))?;
    }
    // The workspace's own target folder: the consumer uses the same lockfile and profile,
    // so every dependency the workspace compiled with the same features is reused, and only
    // the packages and the consumer's crates are compiled here.
    let target = root.join("target");
    let in_dir = |dir: &Path, args: &[&str]| {
        let mut command = cargo();
        command
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", &target)
            .args(args);
        command
    };
    from_the_packages(&catalog, unpacked, &in_dir)?;
    status(
        in_dir(&catalog, &["test", "--quiet"]),
        "consumer: cargo test (its one-line contract test)",
    )?;
    // With the report: its templates are compiled in from the package, so this proves the
    // package carries them.
    let report = catalog.join("target").join("contracts-report");
    let mut verify = in_dir(&catalog, &["contracts", "verify", "--report"]);
    verify.arg(&report);
    status(verify, "consumer: cargo contracts verify --report")?;
    let index = report.join("index.html");
    let page = std::fs::read_to_string(&index)
        .with_context(|| format!("reading the consumer's report, {}", index.display()))?;
    anyhow::ensure!(
        page.contains(PROVIDER),
        "the consumer's report {} does not name {PROVIDER}",
        index.display()
    );
    let recordings =
        contract_tests::recording::har_files(&catalog.join("recordings").join(PROVIDER))
            .map_err(|error| anyhow::anyhow!("{error}"))?;
    let mut check = in_dir(
        &catalog,
        &["contracts", "record", "--provider", PROVIDER, "--check"],
    );
    check.args(&recordings);
    status(check, "consumer: cargo contracts record --check")?;
    service_tree(&service, &in_dir)
}

/// Each published crate resolves to its unpacked package in the consumer's build, not to a
/// crate of the same name and a compatible version on crates.io.
fn from_the_packages(
    catalog: &Path,
    unpacked: &[(String, PathBuf)],
    in_dir: &dyn Fn(&Path, &[&str]) -> Command,
) -> anyhow::Result<()> {
    let metadata = output(
        in_dir(catalog, &["metadata", "--format-version", "1"]),
        "cargo metadata (the consumer)",
    )?;
    let metadata: serde_json::Value =
        serde_json::from_str(&metadata).context("reading the consumer's cargo metadata")?;
    let packages = metadata
        .get("packages")
        .and_then(serde_json::Value::as_array)
        .context("the consumer's cargo metadata lists no packages")?;
    for (name, folder) in unpacked {
        let manifest = folder.join("Cargo.toml");
        let resolved = packages.iter().any(|package| {
            package.get("name").and_then(serde_json::Value::as_str) == Some(name.as_str())
                && package
                    .get("manifest_path")
                    .and_then(serde_json::Value::as_str)
                    .is_some_and(|path| Path::new(path) == manifest)
        });
        if !resolved {
            bail!(
                "the consumer does not build {name} from {}: is a newer {name} on crates.io?",
                folder.display()
            );
        }
    }
    Ok(())
}

/// The service's normal build holds nothing of the harness, and catalog-core's `proptest`
/// feature is off in it.
fn service_tree(service: &Path, in_dir: &dyn Fn(&Path, &[&str]) -> Command) -> anyhow::Result<()> {
    eprintln!("==> consumer: cargo tree -e normal of a service that depends on the catalog crate");
    let tree = output(
        in_dir(
            service,
            &[
                "tree", "-e", "normal", "--prefix", "none", "--format", "{p}",
            ],
        ),
        "cargo tree -e normal (the service)",
    )?;
    let crates: BTreeSet<&str> = tree
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    let found: Vec<&str> = HARNESS
        .iter()
        .copied()
        .filter(|name| crates.contains(name))
        .collect();
    if !found.is_empty() {
        bail!(
            "a service that depends on the catalog crate builds {} in production:\n{tree}",
            found.join(", ")
        );
    }
    let features = output(
        in_dir(
            service,
            &[
                "tree",
                "-e",
                "normal,features",
                "--invert",
                "catalog-core",
                "--prefix",
                "none",
            ],
        ),
        "cargo tree -e features (the service)",
    )?;
    if features
        .lines()
        .any(|line| line.starts_with("catalog-core feature \"proptest\""))
    {
        bail!("catalog-core's `proptest` feature is on in the service's normal build:\n{features}");
    }
    eprintln!(
        "    {} crates in the service's normal build, none of {}",
        crates.len(),
        HARNESS.join(", ")
    );
    Ok(())
}

/// `[patch.crates-io]` with each published crate at its unpacked package.
fn patch_section(unpacked: &[(String, PathBuf)]) -> anyhow::Result<String> {
    let mut patch = String::from(
        "\n# Added by `cargo xtask package-check`: the published crates as packaged.\n[patch.crates-io]\n",
    );
    for (name, folder) in unpacked {
        let path = folder
            .to_str()
            .with_context(|| format!("{} is not UTF-8", folder.display()))?;
        // A JSON string is a TOML basic string.
        let path = serde_json::to_string(path).context("quoting a path")?;
        patch.push_str(&format!("{name} = {{ path = {path} }}\n"));
    }
    Ok(patch)
}

/// An empty folder at `dir`.
fn reset(dir: &Path) -> anyhow::Result<()> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => return Err(error).with_context(|| format!("removing {}", dir.display())),
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))
}

/// Copies the files under `from` to `to`, folders included.
fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry.with_context(|| format!("reading {}", from.display()))?;
        let source = entry.path();
        let target = to.join(entry.file_name());
        if entry
            .file_type()
            .with_context(|| format!("reading {}", source.display()))?
            .is_dir()
        {
            copy_tree(&source, &target)?;
        } else {
            std::fs::copy(&source, &target)
                .with_context(|| format!("copying {} to {}", source.display(), target.display()))?;
        }
    }
    Ok(())
}
