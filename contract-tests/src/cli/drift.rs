//! `drift`: a docs page, read from files or fetched, against a catalog.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use catalog_core::CatalogSpec;
use clap::{Args, ValueEnum};

use super::{CommandError, Tool, emit, usage};
use crate::docs::DocsPages;
use crate::fetch::{self, Fetcher};
use crate::layout::{DocsLocation, Layout};

#[derive(Args, Debug)]
pub(super) struct DriftArgs {
    /// The provider id.
    #[arg(long)]
    pub(super) provider: String,
    /// The docs page (Markdown or HTML), several pages, or a folder of pages; defaults to the
    /// provider's in the docs folder.
    #[arg(long, num_args = 1.., value_name = "PATH")]
    pub(super) docs: Vec<PathBuf>,
    /// Fetch the catalog's docs pages over HTTPS instead: its `docs` page and each group's
    /// `docs` page, each once; a page that cannot be fetched is exit 2.
    #[arg(long, conflicts_with = "docs")]
    pub(super) url: bool,
    /// With --url: the seconds one page may take, redirects included (1 to 3600; the
    /// client adds it to the clock, and a larger one would overflow it).
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 30,
        requires = "url",
        value_parser = clap::value_parser!(u64).range(1..=3600)
    )]
    pub(super) timeout: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DriftFormat::Text)]
    pub(super) format: DriftFormat,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(super) enum DriftFormat {
    Text,
    Json,
}

impl Tool<'_> {
    pub(super) fn drift(
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
