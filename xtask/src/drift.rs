//! `cargo xtask drift`: a docs page against a catalog.
//!
//! Exit 0 when they agree, 1 when they drift, 2 for bad input (an unreadable page, a page
//! without the catalog's tables).

use std::path::PathBuf;

use anyhow::Context;
use catalog_docs::drift::{self, Drift};
use clap::{Args, ValueEnum};

use crate::{CheckFailed, UsageError, provider};

#[derive(Args)]
pub(crate) struct DriftCmd {
    /// The provider id.
    #[arg(long)]
    provider: String,
    /// The docs page (Markdown); defaults to the provider's snapshot in fixtures/docs/.
    #[arg(long)]
    docs: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

impl DriftCmd {
    pub(crate) fn run(&self) -> anyhow::Result<()> {
        let spec = provider(&self.provider)?;
        let path = self
            .docs
            .clone()
            .unwrap_or_else(|| fixtures::docs_snapshot(spec.id));
        let found = check(spec, &path)?;
        match self.format {
            Format::Text => print!(
                "{}",
                drift::review(spec, &path.display().to_string(), &found)
            ),
            Format::Json => println!(
                "{}",
                serde_json::to_string_pretty(&found).context("serializing the drift")?
            ),
        }
        if found.is_empty() {
            Ok(())
        } else {
            Err(CheckFailed(format!("{}: the docs page and the catalog drift", spec.id)).into())
        }
    }
}

/// The drift of one provider's page; bad input is a usage error that names the page.
pub(crate) fn check(
    spec: &'static catalog_core::CatalogSpec,
    path: &std::path::Path,
) -> anyhow::Result<Vec<Drift>> {
    let page = std::fs::read_to_string(path).map_err(|error| {
        UsageError(format!(
            "cannot read the docs page {}: {error}",
            path.display()
        ))
    })?;
    drift::drift(spec, &page)
        .map_err(|error| UsageError(format!("{}: {error}", path.display())).into())
}
