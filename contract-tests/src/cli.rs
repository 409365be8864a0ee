//! The commands, for any set of catalogs: `classify`, `catalog`, `diff`, `drift`, `import`,
//! `record` and `verify`.
//!
//! A crate that declares its own providers gets them with a three-line binary,
//! `src/bin/contracts.rs`:
//!
//! ```no_run
//! # catalog_core::provider_errors! {
//! #     pub provider Acme {
//! #         id: "acme", docs: "https://acme.test/errors",
//! #         wire: json { code: "/error_code", message: "/message" },
//! #         columns: status | code | variant | retry | kind | actor | message,
//! #     }
//! #     404 | "not_found" | NotFound | never | not_found | integrator | "Not found.";
//! # }
//! use catalog_core::Catalog;
//!
//! fn main() -> std::process::ExitCode {
//!     contract_tests::cli::main(&[Acme::spec()])
//! }
//! ```
//!
//! and runs them with `cargo run --quiet --bin contracts -- verify`. Files are found in the
//! [`Layout`] relative to the current directory (`recordings/<id>/*.har`, `docs/<id>.md`,
//! `docs/<id>.html` or `docs/<id>/`, `catalogs/<id>.json`); `--recordings DIR`,
//! `--docs-dir DIR` and `--catalogs-dir DIR` override it.
//!
//! Exit codes: 0 when the command did its job; 1 when a check failed (`verify`, `drift`,
//! `diff`, `record --check`); 2 for bad input (arguments, unreadable or invalid files, a docs page that
//! could not be fetched), with a message that says what and where.
//!
//! | command | what it does |
//! | --- | --- |
//! | `classify --provider ID --status N [--header 'Name: value']... [FILE\|-]` | classifies one response body and prints it as one JSON object |
//! | `catalog [--provider ID] [--format json\|markdown]` | the catalogs |
//! | `catalog --write [--provider ID]` | saves each catalog's contract as `catalogs/<id>.json` ([`crate::snapshot`]), the snapshot that `verify`, the contract test and `diff` compare the catalog with, and prints the changes it accepts |
//! | `diff [--provider ID [--against FILE]] [--fail-on breaking\|behaviour\|any] [--format text\|json]` | the catalog against its snapshot (or another snapshot, e.g. the base branch's), each change classed breaking, behaviour or compatible ([`crate::diff`]); exit 0 when nothing changed, 1 when a change at or above `--fail-on` (default `breaking`) did, 2 for a missing or invalid snapshot |
//! | `drift --provider ID [--docs PATH... \| --url [--timeout SECS]] [--format text\|json]` | the docs page against the catalog: rows added, removed, changed; exit 1 when they drift. `--url` fetches the catalog's pages (its `docs` page and each group's `docs` page) instead of reading files, for a scheduled job; a page that cannot be fetched (DNS, connection, timeout, HTTP status, too large, not UTF-8) is exit 2 |
//! | `import --id ID [--docs PATH] [--name NAME]` | a `provider_errors!` invocation scaffolded from a docs page, every guess marked for review |
//! | `record --provider ID FILE... [--check \| --keep-secrets] [--max-entries N]` | captured responses (HAR, or a JSON list) redacted ([`catalog_core::redact`], requests and responses alike) and written as recordings with `_expected` (code, variant, sub-code and sub-variant, retryable, kind, actor), each checked to classify as captured; a review of what changed; `--check` writes nothing and exits 1 on any change or on a secret in the recording; `--keep-secrets` redacts nothing; captures stream entry by entry, at most `--max-entries` (default 100,000), and the review groups identical expectations |
//! | `record --provider ID --from-docs [--check]` | the example responses the provider's docs pages show, written as `<recordings>/<id>/docs-examples.har`, each entry marked `_docs_example` so coverage counts it apart |
//! | `verify [--provider ID] [--report DIR]` | per catalog: rules, recordings, coverage (entries and sub-codes covered by recordings, by docs examples, `untested` with the row's reason, uncovered; each untested one listed), stale `untested` rows and stale recordings, dead pointers, docs drift, secrets left in recordings, and a summary table; exit 1 on any failure, and on an uncovered entry unless the catalog's `coverage: { at_least: N% }` holds; `--report DIR` also writes it all as a static site ([`crate::report`]), failing or not |

use std::ffi::OsString;
use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use catalog_core::http::header::{HeaderName, HeaderValue};
use catalog_core::http::{HeaderMap, StatusCode};
use catalog_core::{CatalogSpec, Classification};
use catalog_docs::import::{ImportOptions, import_all};
use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::contract::{CatalogReport, verify_catalog};
use crate::docs::DocsPages;
use crate::fetch::{self, Fetcher};
use crate::layout::{DocsLocation, Layout};
use crate::record;

mod snapshots;

/// Runs the commands over `catalogs` with the arguments of this process, files in the
/// default [`Layout`]; returns the exit code.
pub fn main(catalogs: &[&'static CatalogSpec]) -> ExitCode {
    Tool::new(catalogs).main()
}

/// The commands over a set of catalogs, for a caller that sets the layout or adds commands of
/// its own (this workspace's `cargo xtask` adds `bench` and its build steps to `verify`).
#[derive(Clone, Debug)]
pub struct Tool<'a> {
    catalogs: &'a [&'static CatalogSpec],
    layout: Layout,
    bin_name: Option<String>,
}

/// Why a command did not succeed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommandError {
    /// Bad input: arguments, an unreadable or invalid file, a page that could not be fetched.
    /// Exit code 2.
    Usage(String),
    /// A check ran and failed. Exit code 1.
    Failed(String),
}

impl CommandError {
    /// 2 for bad input, 1 for a failed check.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            CommandError::Usage(_) => ExitCode::from(2),
            CommandError::Failed(_) => ExitCode::FAILURE,
        }
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandError::Usage(message) | CommandError::Failed(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for CommandError {}

fn usage(message: impl Into<String>) -> CommandError {
    CommandError::Usage(message.into())
}

#[derive(Parser, Debug)]
#[command(
    name = "contracts",
    about = "Provider error catalogs: classify responses, compare docs pages, record responses, verify the contracts",
    version
)]
struct Cli {
    /// The folder of recorded responses, one sub-folder per provider id
    #[arg(long, global = true, value_name = "DIR")]
    recordings: Option<PathBuf>,
    /// The folder of docs pages: <DIR>/<id>.md, <DIR>/<id>.html or <DIR>/<id>/
    #[arg(long = "docs-dir", global = true, value_name = "DIR")]
    docs_dir: Option<PathBuf>,
    /// The folder of the catalogs' snapshots: <DIR>/<id>.json
    #[arg(long = "catalogs-dir", global = true, value_name = "DIR")]
    catalogs_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Classify one response body against a provider's catalog and print it as JSON.
    Classify(ClassifyArgs),
    /// Print the catalogs as JSON or Markdown, or with --write save each one's snapshot.
    Catalog(CatalogArgs),
    /// Compare a provider's catalog with its snapshot (or --against another) and class each
    /// change: breaking, behaviour, compatible.
    Diff(snapshots::DiffArgs),
    /// Compare a docs page (files, or fetched with --url) with a provider's catalog: codes
    /// added, removed, changed.
    Drift(DriftArgs),
    /// Scaffold a provider_errors! invocation from a docs page.
    Import(ImportArgs),
    /// Turn captured responses (HAR, or a JSON list), or with --from-docs the docs pages'
    /// example responses, into redacted recordings with `_expected`.
    Record(RecordArgs),
    /// Check every catalog's contract: rules, recordings, coverage, dead pointers, docs drift.
    Verify(VerifyArgs),
}

/// The largest body `classify` reads: a classifier has no use for more.
const MAX_BODY: u64 = 64 * 1024 * 1024;

#[derive(Args, Debug)]
struct ClassifyArgs {
    /// The provider id.
    #[arg(long)]
    provider: String,
    /// The HTTP status of the response.
    #[arg(long, value_parser = clap::value_parser!(u16).range(100..=599))]
    status: u16,
    /// A response header, `Name: value`; repeat for several.
    #[arg(long = "header", value_name = "NAME: VALUE")]
    headers: Vec<String>,
    /// The body: a file, or `-` (the default) for standard input.
    #[arg(value_name = "FILE|-")]
    body: Option<PathBuf>,
    /// Print every text and the raw body as sent, secrets included (tokens, card numbers);
    /// without it they are redacted.
    #[arg(long)]
    raw: bool,
}

#[derive(Args, Debug)]
struct CatalogArgs {
    /// Only this provider.
    #[arg(long)]
    provider: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CatalogFormat::Json)]
    format: CatalogFormat,
    /// Save each catalog's contract as <catalogs>/<id>.json, the snapshot that verify, the
    /// contract test and diff compare with, and print the changes accepted.
    #[arg(long, conflicts_with = "format")]
    write: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum CatalogFormat {
    Json,
    Markdown,
}

#[derive(Args, Debug)]
struct DriftArgs {
    /// The provider id.
    #[arg(long)]
    provider: String,
    /// The docs page (Markdown or HTML), several pages, or a folder of pages; defaults to the
    /// provider's in the docs folder.
    #[arg(long, num_args = 1.., value_name = "PATH")]
    docs: Vec<PathBuf>,
    /// Fetch the catalog's docs pages over HTTPS instead: its `docs` page and each group's
    /// `docs` page, each once; a page that cannot be fetched is exit 2.
    #[arg(long, conflicts_with = "docs")]
    url: bool,
    /// With --url: the seconds one page may take, redirects included (1 to 3600; the
    /// client adds it to the clock, and a larger one would overflow it).
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 30,
        requires = "url",
        value_parser = clap::value_parser!(u64).range(1..=3600)
    )]
    timeout: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DriftFormat::Text)]
    format: DriftFormat,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum DriftFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
struct ImportArgs {
    /// The docs page (Markdown or HTML), several pages, or a folder of pages; defaults to the
    /// id's in the docs folder.
    #[arg(long, num_args = 1.., value_name = "PATH")]
    docs: Vec<PathBuf>,
    /// The provider id to declare (kebab-case).
    #[arg(long)]
    id: String,
    /// A human name for the provider.
    #[arg(long)]
    name: Option<String>,
    /// Recorded responses (HAR files, JSON lists of {"status", "headers", "body"}, or a body
    /// alone): where they hold a documented code decides the wire pointers.
    #[arg(long = "sample", num_args = 1.., value_name = "FILE")]
    samples: Vec<PathBuf>,
    /// The docs' address: the catalog's `docs`, and with each page's file name (without its
    /// extension) the address of a page that has no canonical link.
    #[arg(long = "base-url", value_name = "URL")]
    base_url: Option<String>,
    /// Print, instead of the catalog, what decided each row's status, retry, kind and actor,
    /// and how many rows each source decided.
    #[arg(long)]
    explain: bool,
    /// An OpenAPI 3.x or Swagger 2.0 spec, JSON or YAML: its error schema decides the wire
    /// where no recorded response does, and its enumerated codes, their descriptions, types
    /// and the statuses its examples tie become rows. Alone, or with --docs and --sample.
    #[arg(long, value_name = "FILE")]
    openapi: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct RecordArgs {
    /// The provider id.
    #[arg(long)]
    provider: String,
    /// Captures: HAR files as browsers, mitmproxy or Charles export them, or JSON lists of
    /// {"status", "headers", "body"}.
    #[arg(required_unless_present = "from_docs", value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Record the example responses the provider's docs pages show (in the docs folder) as
    /// <recordings>/<id>/docs-examples.har, each entry marked as a docs example: coverage
    /// counts them apart from captured responses.
    #[arg(long)]
    from_docs: bool,
    /// Write nothing; exit 1 when any `_expected` would change, or a file holds a secret
    /// that `record` would redact.
    #[arg(long)]
    check: bool,
    /// Keep every secret as captured (credentials, keys, card numbers, cookies): for a
    /// capture that stays on this machine. A file written so must never be committed, and
    /// `verify` fails on it.
    #[arg(long, conflicts_with = "check")]
    keep_secrets: bool,
    /// The most entries read from one file; a larger export is refused whole, with nothing
    /// written (split it, or raise this).
    #[arg(long, value_name = "N", default_value_t = record::DEFAULT_MAX_ENTRIES as u64, value_parser = clap::value_parser!(u64).range(1..))]
    max_entries: u64,
}

#[derive(Args, Debug)]
struct VerifyArgs {
    /// Only this provider.
    #[arg(long)]
    provider: Option<String>,
    /// Also write the contracts as a static site in DIR (created if missing): DIR/index.html
    /// and a page per provider, to open from disk or upload as a CI artifact.
    #[arg(long, value_name = "DIR")]
    report: Option<PathBuf>,
}

/// Writes a command's output; a closed pipe (`| head`) ends it quietly.
fn emit(out: &mut dyn Write, text: &str) {
    let _ = out.write_all(text.as_bytes());
}

impl<'a> Tool<'a> {
    /// The commands over `catalogs`, files in the default [`Layout`].
    pub fn new(catalogs: &'a [&'static CatalogSpec]) -> Self {
        Tool {
            catalogs,
            layout: Layout::default(),
            bin_name: None,
        }
    }

    /// Files in `layout` unless `--recordings` or `--docs-dir` say otherwise.
    pub fn layout(mut self, layout: Layout) -> Self {
        self.layout = layout;
        self
    }

    /// The name usage lines show (`cargo xtask`); by default the program's own.
    pub fn bin_name(mut self, name: impl Into<String>) -> Self {
        self.bin_name = Some(name.into());
        self
    }

    /// The argument parser, for a caller to add its own commands or flags to before
    /// [`Tool::run`].
    pub fn command(&self) -> clap::Command {
        let ids = self.ids().join(", ");
        let mut command = Cli::command();
        if let Some(name) = &self.bin_name {
            command = command.bin_name(name.clone());
        }
        let recordings = self.layout.recordings.display().to_string();
        let docs = self.layout.docs.display().to_string();
        let catalogs = self.layout.catalogs.display().to_string();
        let with_default = |default: String| {
            move |arg: clap::Arg| {
                let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
                arg.help(format!("{help} [default: {default}]"))
            }
        };
        command = command
            .mut_arg("recordings", with_default(recordings))
            .mut_arg("docs_dir", with_default(docs))
            .mut_arg("catalogs_dir", with_default(catalogs));
        for subcommand in ["classify", "catalog", "diff", "drift", "record", "verify"] {
            let ids = ids.clone();
            command = command.mut_subcommand(subcommand, |sub| {
                sub.mut_arg("provider", |arg| {
                    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
                    arg.help(format!("{help} [providers: {ids}]"))
                })
            });
        }
        command
    }

    /// Parses the arguments of this process, runs the command, reports on standard error and
    /// returns the exit code.
    pub fn main(&self) -> ExitCode {
        self.main_from(std::env::args_os())
    }

    /// As [`Tool::main`], with the arguments given (the first is the program's name).
    pub fn main_from(
        &self,
        args: impl IntoIterator<Item = impl Into<OsString> + Clone>,
    ) -> ExitCode {
        let matches = match self.command().try_get_matches_from(args) {
            Ok(matches) => matches,
            Err(error) => {
                let _ = error.print();
                return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
            }
        };
        self.report(self.run(&matches))
    }

    /// Reports the outcome of a command on standard error, as an exit code.
    pub fn report(&self, result: Result<(), CommandError>) -> ExitCode {
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: {error}");
                error.exit_code()
            }
        }
    }

    /// Runs the command that `matches` (from [`Tool::command`]) names, its output on
    /// standard output.
    pub fn run(&self, matches: &ArgMatches) -> Result<(), CommandError> {
        self.run_to(matches, &mut std::io::stdout().lock())
    }

    /// As [`Tool::run`], the output written to `out`.
    pub fn run_to(&self, matches: &ArgMatches, out: &mut dyn Write) -> Result<(), CommandError> {
        let cli = Cli::from_arg_matches(matches).map_err(|error| usage(error.to_string()))?;
        let layout = Layout {
            recordings: cli
                .recordings
                .unwrap_or_else(|| self.layout.recordings.clone()),
            docs: cli.docs_dir.unwrap_or_else(|| self.layout.docs.clone()),
            catalogs: cli
                .catalogs_dir
                .unwrap_or_else(|| self.layout.catalogs.clone()),
        };
        match &cli.command {
            Command::Classify(args) => self.classify(args, out),
            Command::Catalog(args) if args.write => self.write_snapshots(args, &layout, out),
            Command::Catalog(args) => self.catalog(args, out),
            Command::Diff(args) => self.diff(args, &layout, out),
            Command::Drift(args) => self.drift(args, &layout, out),
            Command::Import(args) => import(args, &layout, out),
            Command::Record(args) => self.record(args, &layout, out),
            Command::Verify(args) => self.verify(args, &layout, out),
        }
    }

    fn ids(&self) -> Vec<&'static str> {
        self.catalogs.iter().map(|spec| spec.id).collect()
    }

    /// The catalog with this id, or a usage error with the closest id and the list.
    fn provider(&self, id: &str) -> Result<&'static CatalogSpec, CommandError> {
        if let Some(spec) = self.catalogs.iter().find(|spec| spec.id == id) {
            return Ok(spec);
        }
        let ids = self.ids();
        if ids.is_empty() {
            return Err(usage(format!(
                "unknown provider `{id}`: this program was given no catalogs; list them in `contract_tests::cli::main(&[...])`"
            )));
        }
        let list = ids.join(", ");
        Err(usage(
            match catalog_core::suggest(id, ids.iter().copied()) {
                Some(close) => {
                    format!(
                        "unknown provider `{id}`; did you mean `{close}`? The providers are {list}"
                    )
                }
                None => format!("unknown provider `{id}`; the providers are {list}"),
            },
        ))
    }

    fn classify(&self, args: &ClassifyArgs, out: &mut dyn Write) -> Result<(), CommandError> {
        let spec = self.provider(&args.provider)?;
        let status = StatusCode::from_u16(args.status)
            .map_err(|_| usage(format!("{} is not an HTTP status", args.status)))?;
        let headers = parse_headers(&args.headers)?;
        let body = read_body(args.body.as_deref())?;
        let classification = Classification::new(spec, status, &headers, &body);
        let json = if args.raw {
            serde_json::to_string_pretty(&classification.unredacted())
        } else {
            serde_json::to_string_pretty(&classification)
        }
        .map_err(|error| usage(format!("serializing the classification: {error}")))?;
        emit(out, &format!("{json}\n"));
        Ok(())
    }

    fn catalog(&self, args: &CatalogArgs, out: &mut dyn Write) -> Result<(), CommandError> {
        let specs = match &args.provider {
            Some(id) => vec![self.provider(id)?],
            None => self.catalogs.to_vec(),
        };
        match args.format {
            CatalogFormat::Json => {
                let json = serde_json::to_string_pretty(&specs)
                    .map_err(|error| usage(format!("serializing the catalogs: {error}")))?;
                emit(out, &format!("{json}\n"));
            }
            CatalogFormat::Markdown => {
                let sections: Vec<String> = specs
                    .iter()
                    .map(|spec| catalog_core::describe::markdown(spec))
                    .collect();
                emit(
                    out,
                    &format!("# Provider error catalogs\n\n{}\n", sections.join("\n")),
                );
            }
        }
        Ok(())
    }

    fn drift(
        &self,
        args: &DriftArgs,
        layout: &Layout,
        out: &mut dyn Write,
    ) -> Result<(), CommandError> {
        let spec = self.provider(&args.provider)?;
        let pages = if args.url {
            fetch_docs(spec, Duration::from_secs(args.timeout))?
        } else {
            let location = match args.docs.as_slice() {
                [] => layout.docs_of(spec.id).map_err(usage)?.ok_or_else(|| {
                    usage(format!(
                        "no docs page for `{id}`: looked for {dir}/{id}.md, {dir}/{id}.html and {dir}/{id}/; save the provider's page there or pass --docs PATH, or --url to fetch it",
                        id = spec.id,
                        dir = layout.docs.display()
                    ))
                })?,
                paths => DocsLocation::from_paths(paths).map_err(usage)?,
            };
            DocsPages::read(&location).map_err(usage)?
        };
        let found = pages.drift(spec).map_err(usage)?;
        match args.format {
            DriftFormat::Text => emit(out, &pages.review(spec, &found)),
            DriftFormat::Json => emit(
                out,
                &format!(
                    "{}\n",
                    serde_json::to_string_pretty(&found)
                        .map_err(|error| usage(format!("serializing the drift: {error}")))?
                ),
            ),
        }
        if found.is_empty() {
            Ok(())
        } else {
            Err(CommandError::Failed(format!(
                "{}: the docs page and the catalog drift",
                spec.id
            )))
        }
    }

    fn record(
        &self,
        args: &RecordArgs,
        layout: &Layout,
        out: &mut dyn Write,
    ) -> Result<(), CommandError> {
        let spec = self.provider(&args.provider)?;
        let dir = layout.recordings_of(spec.id);
        let mut planned = Vec::new();
        let mut options = record::Options::default()
            .keep_secrets(args.keep_secrets)
            .max_entries(usize::try_from(args.max_entries).unwrap_or(usize::MAX));
        if args.check {
            options = options.check_only();
        }
        if args.from_docs {
            planned.push(record_from_docs(spec, layout, &dir, &options)?);
        }
        for file in &args.files {
            let plan = record::plan_with(spec, file, &dir, &options)
                .map_err(|error| usage(error.to_string()))?;
            if let Some(earlier) = planned
                .iter()
                .find(|earlier: &&record::Planned| earlier.output == plan.output)
            {
                return Err(usage(format!(
                    "{} and {} would both be recorded as {}; rename one",
                    earlier.input.display(),
                    file.display(),
                    plan.output.display()
                )));
            }
            planned.push(plan);
        }
        let mut changed = 0;
        let mut secrets = Vec::new();
        let mut secret_count = 0;
        for plan in &mut planned {
            emit(out, &plan.review());
            if plan.changes_expectations() {
                changed += 1;
            }
            // The recording as committed, whatever the input: a capture kept outside the
            // repository may hold secrets, the file beside the code may not.
            if args.check && plan.output.exists() {
                let (found, total) = record::secrets_in(spec, &plan.output)
                    .map_err(|error| usage(error.to_string()))?;
                secret_count += total;
                secrets.extend(found.iter().map(|found| {
                    format!(
                        "[secret] {} {found}; run `record --provider {}` on it again, which redacts it",
                        plan.output.display(),
                        spec.id
                    )
                }));
                if total > found.len() {
                    secrets.push(format!(
                        "[secret] {}: and {} more",
                        plan.output.display(),
                        total - found.len()
                    ));
                }
            }
            if !args.check {
                plan.write().map_err(|error| usage(error.to_string()))?;
            }
        }
        if args.check {
            if !secrets.is_empty() {
                for line in &secrets {
                    emit(out, &format!("{line}\n"));
                }
                return Err(CommandError::Failed(format!(
                    "record --check: {secret_count} secret(s) in the recordings; they must not be committed"
                )));
            }
            if changed > 0 {
                return Err(CommandError::Failed(format!(
                    "record --check: {changed} recording file(s) would change; run `record` without --check, review the diff and commit it"
                )));
            }
            emit(out, "record --check: every recording is up to date\n");
        } else {
            emit(
                out,
                &format!(
                    "recorded {} file(s) in {}; review the `_expected` above and commit them\n",
                    planned.len(),
                    dir.display()
                ),
            );
        }
        Ok(())
    }

    fn verify(
        &self,
        args: &VerifyArgs,
        layout: &Layout,
        out: &mut dyn Write,
    ) -> Result<(), CommandError> {
        let specs = match &args.provider {
            Some(id) => vec![self.provider(id)?],
            None => self.catalogs.to_vec(),
        };
        if specs.is_empty() {
            return Err(usage(
                "no catalogs to verify: list them in `contract_tests::cli::main(&[...])`",
            ));
        }
        let mut rows = Vec::new();
        let mut notes = Vec::new();
        let mut failures = Vec::new();
        let mut reports = Vec::new();
        for spec in specs {
            let report = verify_catalog(spec, layout).map_err(usage)?;
            rows.push(report.summary_row());
            notes.extend(report.notes());
            failures.extend(report.failures());
            if args.report.is_some() {
                reports.push(report);
            }
        }
        let mut summary = table(&CatalogReport::SUMMARY_HEADERS, &rows);
        if let Some(dir) = &args.report {
            let written = crate::report::write(dir, &reports, layout).map_err(usage)?;
            summary.push_str(&format!(
                "\nreport: {} and {} provider page(s) written\n",
                written.index.display(),
                written.pages.len()
            ));
        }
        if !notes.is_empty() {
            summary.push('\n');
            for note in &notes {
                summary.push_str(&format!("note: {note}\n"));
            }
        }
        if failures.is_empty() {
            summary.push_str("\nverify: all contracts hold\n");
            emit(out, &summary);
            Ok(())
        } else {
            summary.push('\n');
            for failure in &failures {
                summary.push_str(&format!("FAIL {failure}\n"));
            }
            emit(out, &summary);
            Err(CommandError::Failed(format!(
                "{} contract failure(s)",
                failures.len()
            )))
        }
    }
}

/// `record --from-docs`: the docs pages' example responses, planned as the provider's
/// `docs-examples.har`.
fn record_from_docs(
    spec: &'static CatalogSpec,
    layout: &Layout,
    dir: &Path,
    options: &record::Options,
) -> Result<record::Planned, CommandError> {
    let location = layout.docs_of(spec.id).map_err(usage)?.ok_or_else(|| {
        usage(format!(
            "record --from-docs: no docs page for `{id}`: looked for {docs}/{id}.md, {docs}/{id}.html and {docs}/{id}/; save the provider's page there, or pass --docs-dir DIR",
            id = spec.id,
            docs = layout.docs.display()
        ))
    })?;
    let pages = DocsPages::read(&location).map_err(usage)?;
    record::docs::plan(spec, &pages, dir, options).map_err(|error| usage(error.to_string()))
}

/// The catalog's docs pages, fetched; a page that cannot be fetched is a usage error (exit 2),
/// not drift.
fn fetch_docs(spec: &CatalogSpec, timeout: Duration) -> Result<DocsPages, CommandError> {
    let urls = fetch::docs_urls(spec);
    if urls.is_empty() {
        return Err(usage(format!(
            "drift --url: the catalog `{}` names no docs URL; declare `docs: \"https://...\"` or pass --docs PATH",
            spec.id
        )));
    }
    let pages = Fetcher::new()
        .timeout(timeout)
        .pages(&urls)
        .map_err(|error| usage(format!("drift --url: {error}")))?;
    Ok(DocsPages::from_texts(urls.join(", "), pages))
}

fn import(args: &ImportArgs, layout: &Layout, out: &mut dyn Write) -> Result<(), CommandError> {
    // The spec, read whole and bounded like a docs page; its errors say what and where.
    let spec = match &args.openapi {
        Some(path) => {
            let text = crate::docs::read_page(path)
                .map_err(|error| usage(error.replace("docs page", "OpenAPI spec")))?;
            Some(
                catalog_docs::openapi::read(&text)
                    .map_err(|error| usage(format!("--openapi {}: {error}", path.display())))?,
            )
        }
        None => None,
    };
    let location = match args.docs.as_slice() {
        // A spec alone is enough; without one, the docs folder's page for the id.
        [] if spec.is_some() => None,
        [] => Some(layout.docs_of(&args.id).map_err(usage)?.ok_or_else(|| {
            usage(format!(
                "no docs page for `{id}` in {dir}; pass --docs PATH or --openapi FILE",
                id = args.id,
                dir = layout.docs.display()
            ))
        })?),
        paths => Some(DocsLocation::from_paths(paths).map_err(usage)?),
    };
    // The pages are read as one, with lines counted on from page to page; their text is
    // searched for a `source:` line and for words naming the fields of a response.
    let mut pages = match &location {
        Some(location) => DocsPages::read(location).map_err(usage)?,
        None => DocsPages::from_texts("no docs page", Vec::new()),
    };
    if let Some(base) = &args.base_url {
        if !catalog_docs::page::is_http_url(base) {
            return Err(usage(format!(
                "--base-url `{base}`: expected an http(s) address, e.g. https://example.com/docs/errors/"
            )));
        }
        pages.set_base_url(base);
    }
    // The headers of a capture's entries, by the origin `record::responses` gives them
    // (`file entry N`): they show request-id and Retry-After headers. Read from the same
    // bounded file that `record::responses` has just read and checked.
    let headers_of = |path: &Path| -> std::collections::BTreeMap<String, Vec<(String, String)>> {
        let name = path.display().to_string();
        let document: serde_json::Value = std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        let pairs = |headers: &serde_json::Value| -> Vec<(String, String)> {
            match headers {
                // HAR: [{"name": ..., "value": ...}]
                serde_json::Value::Array(list) => list
                    .iter()
                    .filter_map(|header| {
                        Some((
                            header.get("name")?.as_str()?.to_owned(),
                            header.get("value")?.as_str()?.to_owned(),
                        ))
                    })
                    .collect(),
                // A list of responses: {"Name": "value"}
                serde_json::Value::Object(map) => map
                    .iter()
                    .filter_map(|(name, value)| Some((name.clone(), value.as_str()?.to_owned())))
                    .collect(),
                _ => Vec::new(),
            }
        };
        let entries = document
            .pointer("/log/entries")
            .and_then(serde_json::Value::as_array)
            .map(|entries| {
                entries
                    .iter()
                    .map(|entry| entry.pointer("/response/headers"))
                    .collect::<Vec<_>>()
            })
            .or_else(|| {
                document
                    .as_array()
                    .map(|items| items.iter().map(|item| item.get("headers")).collect())
            })
            .unwrap_or_default();
        entries
            .into_iter()
            .enumerate()
            .filter_map(|(index, headers)| Some((format!("{name} entry {index}"), pairs(headers?))))
            .collect()
    };
    let mut recorded = Vec::new();
    let mut recorded_headers = Vec::new();
    for path in &args.samples {
        let responses = record::responses(path).map_err(|error| usage(error.to_string()))?;
        let mut headers = headers_of(path);
        for response in responses {
            recorded_headers.push(headers.remove(&response.origin).unwrap_or_default());
            recorded.push(response);
        }
    }
    let source = match (&location, &args.openapi) {
        (Some(location), _) => location.to_string(),
        (None, Some(spec)) => spec.display().to_string(),
        (None, None) => String::new(),
    };
    let starts = pages.page_starts();
    let options = ImportOptions {
        name: args.name.as_deref(),
        docs_url: args.base_url.as_deref(),
        pages: &starts,
        recorded: &recorded,
        recorded_headers: &recorded_headers,
        openapi: spec.as_ref(),
        ..ImportOptions::new(&args.id, &source)
    };
    let imported = import_all(pages.text(), pages.tables(), &options)
        .map_err(|error| usage(format!("{source}: {error}")))?;
    for warning in &imported.warnings {
        eprintln!("warning: {warning}");
    }
    if args.explain {
        emit(out, &imported.explanation);
        return Ok(());
    }
    // What was guessed goes to stderr too, so it is seen when the output is redirected.
    for line in imported
        .catalog
        .lines()
        .take_while(|line| line.starts_with("//"))
    {
        eprintln!("{line}");
    }
    emit(out, &imported.catalog);
    Ok(())
}

fn read_body(path: Option<&Path>) -> Result<Vec<u8>, CommandError> {
    let mut body = Vec::new();
    let read = match path {
        None => std::io::stdin().take(MAX_BODY + 1).read_to_end(&mut body),
        Some(path) if path.as_os_str() == "-" => {
            std::io::stdin().take(MAX_BODY + 1).read_to_end(&mut body)
        }
        Some(path) => std::fs::File::open(path)
            .and_then(|file| file.take(MAX_BODY + 1).read_to_end(&mut body))
            .map_err(|error| {
                std::io::Error::new(error.kind(), format!("{}: {error}", path.display()))
            }),
    };
    read.map_err(|error| usage(format!("cannot read the body: {error}")))?;
    if body.len() as u64 > MAX_BODY {
        return Err(usage(format!(
            "the body is larger than {} MiB",
            MAX_BODY / 1024 / 1024
        )));
    }
    Ok(body)
}

fn parse_headers(headers: &[String]) -> Result<HeaderMap, CommandError> {
    let mut map = HeaderMap::new();
    for header in headers {
        let Some((name, value)) = header.split_once(':') else {
            return Err(usage(format!(
                "--header `{header}`: expected `Name: value`"
            )));
        };
        let name = HeaderName::from_bytes(name.trim().as_bytes()).map_err(|_| {
            usage(format!(
                "--header `{header}`: `{}` is not a header name",
                name.trim()
            ))
        })?;
        let value = HeaderValue::from_str(value.trim()).map_err(|_| {
            usage(format!(
                "--header `{header}`: the value is not valid header text"
            ))
        })?;
        map.append(name, value);
    }
    Ok(map)
}

/// A Markdown table, columns padded to their widest cell.
fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = header
        .iter()
        .enumerate()
        .map(|(i, title)| {
            rows.iter()
                .filter_map(|row| row.get(i).map(String::len))
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
        format!("| {} |\n", padded.join(" | "))
    };
    let mut out = line(header.to_vec());
    out.push_str(&format!(
        "|{}|\n",
        widths
            .iter()
            .map(|w| "-".repeat(w + 2))
            .collect::<Vec<_>>()
            .join("|")
    ));
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}
