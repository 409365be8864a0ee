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
//! | `classify --provider ID --status N [--header 'Name: value']... [--raw] [FILE\|-]` | classifies one response body and prints it as one JSON object, secrets redacted unless `--raw` |
//! | `catalog [--provider ID] [--format json\|markdown]` | the catalogs |
//! | `catalog --write [--provider ID]` | saves each catalog's contract as `catalogs/<id>.json` ([`crate::snapshot`]), the snapshot that `verify`, the contract test and `diff` compare the catalog with, and prints the changes it accepts |
//! | `diff [--provider ID [--against FILE]] [--fail-on breaking\|behaviour\|any] [--format text\|json]` | the catalog against its snapshot (or another snapshot, e.g. the base branch's), each change classed breaking, behaviour or compatible ([`crate::diff`]); exit 0 when nothing changed, 1 when a change at or above `--fail-on` (default `breaking`) did, 2 for a missing or invalid snapshot |
//! | `drift --provider ID [--docs PATH... \| --url [--timeout SECS]] [--format text\|json]` | the docs page against the catalog: rows added, removed, changed; exit 1 when they drift. `--url` fetches the catalog's pages (its `docs` page and each group's `docs` page) instead of reading files, for a scheduled job; a page that cannot be fetched (DNS, connection, timeout, HTTP status, too large, not UTF-8) is exit 2 |
//! | `import --id ID [--docs PATH...] [--openapi FILE] [--sample FILE...] [--base-url URL] [--name NAME] [--explain]` | a `provider_errors!` invocation scaffolded from docs pages (Markdown or HTML as docs sites serve it), an OpenAPI 3.x or Swagger 2.0 spec and recorded responses, every guess marked for review and no `allow(...)` written; `--explain` prints what decided each row instead |
//! | `record --provider ID FILE... [--check \| --keep-secrets] [--max-entries N]` | captured responses (HAR, or a JSON list) redacted ([`catalog_core::redact`], requests and responses alike) and written as recordings with `_expected` (code, variant, sub-code and sub-variant, retryable, kind, actor), each checked to classify as captured; a review of what changed; `--check` writes nothing and exits 1 on any change or on a secret in the recording; `--keep-secrets` redacts nothing; captures stream entry by entry, at most `--max-entries` (default 100,000), and the review groups identical expectations |
//! | `record --provider ID --from-docs [--check]` | the example responses the provider's docs pages show, written as `<recordings>/<id>/docs-examples.har`, each entry marked `_docs_example` so coverage counts it apart |
//! | `verify [--provider ID] [--report DIR]` | per catalog: rules, recordings, coverage (entries and sub-codes covered by recordings, by docs examples, `untested` with the row's reason, uncovered; each untested one listed), stale `untested` rows and stale recordings, dead pointers, docs drift, secrets left in recordings, and a summary table; exit 1 on any failure, and on an uncovered entry unless the catalog's `coverage: { at_least: N% }` holds; `--report DIR` also writes it all as a static site ([`crate::report`]), failing or not |

use std::ffi::OsString;
use std::fmt;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use catalog_core::CatalogSpec;
use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::layout::Layout;

// One module per command: its arguments and its body.
mod catalog;
mod classify;
mod drift;
mod import;
mod record;
mod snapshots;
mod verify;

use catalog::CatalogArgs;
use classify::ClassifyArgs;
use drift::DriftArgs;
use import::{ImportArgs, import};
use record::RecordArgs;
use verify::VerifyArgs;

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

    /// The catalog `provider` names, or every catalog; none at all is a usage error that says
    /// what the command had to `verb`.
    fn selected(
        &self,
        provider: Option<&str>,
        verb: &str,
    ) -> Result<Vec<&'static CatalogSpec>, CommandError> {
        let specs = match provider {
            Some(id) => vec![self.provider(id)?],
            None => self.catalogs.to_vec(),
        };
        if specs.is_empty() {
            return Err(usage(format!(
                "no catalogs to {verb}: list them in `contract_tests::cli::main(&[...])`"
            )));
        }
        Ok(specs)
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
