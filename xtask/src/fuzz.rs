//! `cargo xtask fuzz [--seconds N] [TARGET]`: the coverage-guided fuzz targets of `fuzz/`,
//! run with cargo-fuzz and libFuzzer. Installs cargo-fuzz when it is missing, writes the
//! seeds (the recordings, docs snapshots and catalogs of `fixtures/` and `providers/`) into
//! `fuzz/corpus/<target>/`, builds, runs each target for N seconds and prints what each did.
//! A crash, a timeout or a memory blow-up fails the command, naming the input libFuzzer kept.
//!
//! libFuzzer needs nightly compiler features (sanitizers, coverage instrumentation);
//! `RUSTC_BOOTSTRAP=1` unlocks them on the stable toolchain. Not part of CI: see FUZZING.md.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::Context;
use catalog_core::Classification;
use clap::Args;

/// Bad input from the user: exit code 2.
#[derive(Debug)]
pub(crate) struct UsageError(pub(crate) String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// A run that failed (a crash, a build that did not finish): exit code 1.
#[derive(Debug)]
struct CheckFailed(String);

impl std::fmt::Display for CheckFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CheckFailed {}

#[derive(Args)]
pub(crate) struct Fuzz {
    /// How long each target runs, in seconds.
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    /// The one target to run (`cargo fuzz list` names them); every target when left out.
    target: Option<String>,
}

/// The longest input libFuzzer makes. The seeds are a few kilobytes, bar whole docs pages
/// (up to 23 KB), which are cut to this; longer inputs would only slow the slow targets
/// (docs_page, dsl) further.
const MAX_LEN: usize = 8192;

/// Longer than this for one input is a hang, reported as a crash (libFuzzer's default is
/// twenty minutes).
const TIMEOUT_SECS: u64 = 10;

impl Fuzz {
    pub(crate) fn run(&self) -> anyhow::Result<()> {
        if self.seconds == 0 {
            return Err(UsageError("--seconds must be at least 1".into()).into());
        }
        let root = workspace_root();
        install_cargo_fuzz()?;
        let targets = list_targets(&root)?;
        let chosen: Vec<&str> = match &self.target {
            None => targets.iter().map(String::as_str).collect(),
            Some(target) if targets.contains(target) => vec![target.as_str()],
            Some(target) => {
                return Err(UsageError(format!(
                    "no fuzz target `{target}`; the targets are {}",
                    targets.join(", ")
                ))
                .into());
            }
        };
        let corpus = root.join("fuzz").join("corpus");
        let written = write_seeds(&corpus)?;
        eprintln!("==> seeds: {written} written or updated in fuzz/corpus/");
        build(&root, self.target.as_deref())?;
        let mut runs = Vec::new();
        for target in chosen {
            eprintln!("==> fuzz {target} for {} s", self.seconds);
            let run = run_target(&root, target, self.seconds)?;
            eprintln!("    {}", run.summary());
            runs.push(run);
        }
        print_runs(&runs);
        let crashes: Vec<String> = runs
            .iter()
            .filter_map(|run| {
                let artifact = run.artifact.as_ref()?;
                Some(format!(
                    "{} crashed on {}; reproduce with `RUSTC_BOOTSTRAP=1 cargo fuzz run {} {}`, log in {}",
                    run.target,
                    artifact,
                    run.target,
                    artifact,
                    run.log.display()
                ))
            })
            .collect();
        if crashes.is_empty() {
            Ok(())
        } else {
            for crash in &crashes {
                println!("CRASH {crash}");
            }
            Err(CheckFailed(format!("{} target(s) crashed", crashes.len())).into())
        }
    }
}

fn workspace_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    root.canonicalize().unwrap_or(root)
}

fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.env("RUSTC_BOOTSTRAP", "1");
    command
}

/// `cargo install cargo-fuzz` unless `cargo fuzz` answers already.
fn install_cargo_fuzz() -> anyhow::Result<()> {
    let present = cargo()
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|output| output.status.success());
    if present {
        return Ok(());
    }
    eprintln!("==> cargo install cargo-fuzz (builds from source: about a minute and a half)");
    let status = cargo()
        .args(["install", "cargo-fuzz", "--locked"])
        .status()
        .context("running cargo install cargo-fuzz")?;
    if status.success() {
        Ok(())
    } else {
        Err(CheckFailed("cargo install cargo-fuzz failed".into()).into())
    }
}

/// The targets `fuzz/Cargo.toml` declares.
fn list_targets(root: &Path) -> anyhow::Result<Vec<String>> {
    let output = cargo()
        .current_dir(root)
        .args(["fuzz", "list"])
        .output()
        .context("running cargo fuzz list")?;
    if !output.status.success() {
        return Err(CheckFailed(format!(
            "cargo fuzz list failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ))
        .into());
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect())
}

fn build(root: &Path, target: Option<&str>) -> anyhow::Result<()> {
    eprintln!("==> cargo fuzz build (instrumented, with AddressSanitizer; minutes the first time)");
    let status = cargo()
        .current_dir(root)
        .args(["fuzz", "build"])
        .args(target)
        .status()
        .context("running cargo fuzz build")?;
    if status.success() {
        Ok(())
    } else {
        Err(CheckFailed("cargo fuzz build failed".into()).into())
    }
}

/// One seed: the target's corpus it goes to, its file name, its bytes.
struct Seed {
    target: String,
    name: String,
    bytes: Vec<u8>,
}

impl Seed {
    fn new(target: impl Into<String>, name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Seed {
            target: target.into(),
            name: format!("seed-{}", name.into()),
            bytes: bytes.into(),
        }
    }
}

/// Writes every seed whose file is missing or differs; how many were written.
fn write_seeds(corpus: &Path) -> anyhow::Result<usize> {
    let mut written = 0;
    for seed in seeds()? {
        let dir = corpus.join(&seed.target);
        let path = dir.join(&seed.name);
        if std::fs::read(&path).is_ok_and(|bytes| bytes == seed.bytes) {
            continue;
        }
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        std::fs::write(&path, &seed.bytes)
            .with_context(|| format!("writing {}", path.display()))?;
        written += 1;
    }
    Ok(written)
}

/// The seeds of every target, from the recordings, docs snapshots and catalogs.
fn seeds() -> anyhow::Result<Vec<Seed>> {
    let mut seeds = Vec::new();
    let mut hints = Vec::new();
    let root = workspace_root();
    for (selector, spec) in providers::all().into_iter().enumerate() {
        let id = spec.id;
        let recordings = contract_tests::recording::load_dir(&fixtures::har_dir(id))
            .map_err(|error| UsageError(error.to_string()))?;
        for recording in &recordings {
            let stem = recording
                .file
                .file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
                .unwrap_or_default();
            let name = format!("{id}-{stem}-{}", recording.index);
            let target = format!("classify_{}", id.replace('-', "_"));
            let framed = contract_tests::recording::framed::frame(
                recording.status,
                &recording.headers,
                &recording.body,
            );
            seeds.push(Seed::new(target, name.as_str(), framed));
            // The scan target's first byte picks the wire format: the providers come first,
            // in this order (`provider_errors_fuzz::wire`).
            let selector = u8::try_from(selector).unwrap_or(0);
            let body = [&[selector][..], &recording.body].concat();
            seeds.push(Seed::new("scan_vs_serde", name.as_str(), body));
            let classification =
                Classification::new(spec, recording.status, &recording.headers, &recording.body);
            if let Some(hint) = classification.retry_hint() {
                hints.push(hint.to_owned());
            }
        }
        for (file, har) in single_entry_hars(id)? {
            seeds.push(Seed::new("har", file, har));
        }
        let page = fixtures::docs_snapshot(id);
        let page = std::fs::read(&page).with_context(|| format!("reading {}", page.display()))?;
        for (index, section) in sections_with_tables(&String::from_utf8_lossy(&page))
            .into_iter()
            .enumerate()
        {
            seeds.push(Seed::new("docs_page", format!("{id}-{index}.md"), section));
        }
        seeds.push(Seed::new("docs_page", format!("{id}.md"), page));
        let source = root
            .join("providers")
            .join("src")
            .join(format!("{}.rs", id.replace('-', "_")));
        let source = std::fs::read_to_string(&source)
            .with_context(|| format!("reading {}", source.display()))?;
        if let Some(invocation) = invocation(&source) {
            seeds.push(Seed::new("dsl", id, invocation));
        }
    }
    // Pages in the section-per-error layout, HTML and Markdown, with canonical links and
    // sample responses: `docs_page` reads every input as both.
    let sections = root
        .join("catalog-docs")
        .join("tests")
        .join("pages")
        .join("sections");
    let mut pages: Vec<_> = std::fs::read_dir(&sections)
        .with_context(|| format!("reading {}", sections.display()))?
        .filter_map(|entry| Some(entry.ok()?.path()))
        .collect();
    pages.sort();
    for page in pages {
        let name = page
            .file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
        let text = std::fs::read(&page).with_context(|| format!("reading {}", page.display()))?;
        seeds.push(Seed::new("docs_page", format!("sections-{name}"), text));
    }
    // A catalog of one row: small, so that mutations reach every part of the grammar soon.
    seeds.push(Seed::new(
        "dsl",
        "one-row",
        r#"
    provider Demo {
        id: "demo",
        docs: "https://example.com/errors",
        wire: json { code: "/error/code", message: "/error/message", request_id: header "X-Request-Id" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    429 | "rate_limited" | RateLimited | after_hint(5) | rate_limited | nobody | "Too many requests.";
"#,
    ));
    // The forms the delay reader knows, beside the hints the recordings hold.
    hints.extend(
        [
            "120",
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Please retry after 30 seconds",
            "Too many requests: 100 per 1 minute, try again in 1.5 min",
            "wait 2h",
            "retry after 00:01:30",
            "PT1M30S",
        ]
        .map(str::to_owned),
    );
    hints.sort();
    hints.dedup();
    for (index, hint) in hints.into_iter().enumerate() {
        seeds.push(Seed::new("delay", format!("hint-{index}"), hint));
    }
    Ok(seeds)
}

/// The sections of a page (a heading and what follows it up to the next) that hold a table:
/// small seeds beside the whole page.
fn sections_with_tables(page: &str) -> Vec<String> {
    let mut sections: Vec<String> = vec![String::new()];
    for line in page.lines() {
        if line.starts_with('#') {
            sections.push(String::new());
        }
        if let Some(section) = sections.last_mut() {
            section.push_str(line);
            section.push('\n');
        }
    }
    sections.retain(|section| section.contains("|---") || section.contains("| ---"));
    sections
}

/// Each entry of a provider's HAR files as a HAR file of its own: small seeds, which
/// libFuzzer mutates to more effect than whole recordings of tens of kilobytes.
fn single_entry_hars(id: &str) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let dir = fixtures::har_dir(id);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "har"))
        .collect();
    files.sort();
    let mut hars = Vec::new();
    for file in files {
        let text = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
        let har: serde_json::Value = serde_json::from_slice(&text)
            .with_context(|| format!("reading {} as JSON", file.display()))?;
        let stem = file
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        let entries = har
            .pointer("/log/entries")
            .and_then(serde_json::Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for (index, entry) in entries.iter().enumerate() {
            let single = serde_json::json!({
                "log": { "version": "1.2", "creator": { "name": "cargo xtask fuzz", "version": "1" }, "entries": [entry] }
            });
            let bytes = serde_json::to_vec_pretty(&single)?;
            hars.push((format!("{id}-{stem}-{index}.har"), bytes));
        }
    }
    Ok(hars)
}

/// The text between `provider_errors! {` and the `}` that closes it at the start of a line,
/// as `catalog_dsl::check_source` takes it.
fn invocation(source: &str) -> Option<&str> {
    const OPEN: &str = "provider_errors! {";
    let start = source.find(OPEN)? + OPEN.len();
    let end = start + source[start..].find("\n}")?;
    Some(&source[start..end])
}

/// What one target did.
struct Run {
    target: String,
    seconds: u64,
    executions: u64,
    per_second: u64,
    new_entries: usize,
    corpus: usize,
    artifact: Option<String>,
    log: PathBuf,
}

impl Run {
    fn summary(&self) -> String {
        let result = match &self.artifact {
            Some(artifact) => format!("CRASH {artifact}"),
            None => "no crash".into(),
        };
        format!(
            "{} executions in {} s ({}/s), {} new corpus entries ({} in all): {result}",
            self.executions, self.seconds, self.per_second, self.new_entries, self.corpus
        )
    }
}

fn run_target(root: &Path, target: &str, seconds: u64) -> anyhow::Result<Run> {
    let corpus = root.join("fuzz").join("corpus").join(target);
    let before = count_files(&corpus);
    let logs = root.join("fuzz").join("logs");
    std::fs::create_dir_all(&logs).with_context(|| format!("creating {}", logs.display()))?;
    let log = logs.join(format!("{target}.log"));
    let out = File::create(&log).with_context(|| format!("creating {}", log.display()))?;
    let err = out.try_clone()?;
    let started = Instant::now();
    let status = cargo()
        .current_dir(root)
        .args(["fuzz", "run", target, "--"])
        .arg(format!("-max_total_time={seconds}"))
        .arg(format!("-timeout={TIMEOUT_SECS}"))
        .arg(format!("-max_len={MAX_LEN}"))
        .arg("-print_final_stats=1")
        .stdout(out)
        .stderr(err)
        .status()
        .with_context(|| format!("running cargo fuzz run {target}"))?;
    // libFuzzer's own count of seconds, which leaves out the build; a crash stops it before
    // it prints one, so the wall clock stands in.
    let wall = started.elapsed().as_secs();
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    let artifact = text
        .lines()
        .filter_map(|line| line.split_once("Test unit written to "))
        .map(|(_, path)| path.trim().to_owned())
        .next_back();
    if !status.success() && artifact.is_none() {
        return Err(CheckFailed(format!(
            "cargo fuzz run {target} failed without a crash input; see {}",
            log.display()
        ))
        .into());
    }
    let stat = |name: &str| -> u64 {
        text.lines()
            .filter_map(|line| line.strip_prefix(name))
            .filter_map(|value| value.trim().parse().ok())
            .next_back()
            .unwrap_or(0)
    };
    let ran = text
        .lines()
        .filter_map(|line| line.strip_prefix("Done "))
        .filter_map(|rest| rest.split(" runs in ").nth(1))
        .filter_map(|rest| rest.split(' ').next()?.parse().ok())
        .next_back()
        .unwrap_or(wall);
    let after = count_files(&corpus);
    Ok(Run {
        target: target.to_owned(),
        seconds: ran,
        executions: stat("stat::number_of_executed_units:"),
        per_second: stat("stat::average_exec_per_sec:"),
        new_entries: after.saturating_sub(before),
        corpus: after,
        artifact,
        log,
    })
}

fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| entries.filter_map(Result::ok).count())
}

fn print_runs(runs: &[Run]) {
    println!();
    println!(
        "| {:<24} | {:>7} | {:>12} | {:>8} | {:>11} | {:>6} | result |",
        "target", "seconds", "executions", "exec/s", "new entries", "corpus"
    );
    println!(
        "|{:-<26}|{:->9}|{:->14}|{:->10}|{:->13}|{:->8}|--------|",
        "", "", "", "", "", ""
    );
    for run in runs {
        println!(
            "| {:<24} | {:>7} | {:>12} | {:>8} | {:>11} | {:>6} | {} |",
            run.target,
            run.seconds,
            run.executions,
            run.per_second,
            run.new_entries,
            run.corpus,
            if run.artifact.is_some() {
                "CRASH"
            } else {
                "ok"
            }
        );
    }
}
