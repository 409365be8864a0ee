//! `record`: captured responses, or the docs pages' examples, written as redacted recordings.

use std::io::Write;
use std::path::{Path, PathBuf};

use catalog_core::CatalogSpec;
use clap::Args;

use super::{CommandError, Tool, emit, usage};
use crate::docs::DocsPages;
use crate::layout::Layout;
use crate::record;

#[derive(Args, Debug)]
pub(super) struct RecordArgs {
    /// The provider id.
    #[arg(long)]
    pub(super) provider: String,
    /// Captures: HAR files as browsers, mitmproxy or Charles export them, or JSON lists of
    /// {"status", "headers", "body"}.
    #[arg(required_unless_present = "from_docs", value_name = "FILE")]
    pub(super) files: Vec<PathBuf>,
    /// Record the example responses the provider's docs pages show (in the docs folder) as
    /// <recordings>/<id>/docs-examples.har, each entry marked as a docs example: coverage
    /// counts them apart from captured responses.
    #[arg(long)]
    pub(super) from_docs: bool,
    /// Write nothing; exit 1 when any `_expected` would change, or a file holds a secret
    /// that `record` would redact.
    #[arg(long)]
    pub(super) check: bool,
    /// Keep every secret as captured (credentials, keys, card numbers, cookies): for a
    /// capture that stays on this machine. A file written so must never be committed, and
    /// `verify` fails on it.
    #[arg(long, conflicts_with = "check")]
    pub(super) keep_secrets: bool,
    /// The most entries read from one file; a larger export is refused whole, with nothing
    /// written (split it, or raise this).
    #[arg(long, value_name = "N", default_value_t = record::DEFAULT_MAX_ENTRIES as u64, value_parser = clap::value_parser!(u64).range(1..))]
    pub(super) max_entries: u64,
}

impl Tool<'_> {
    pub(super) fn record(
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
