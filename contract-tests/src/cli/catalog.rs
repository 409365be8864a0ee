//! `catalog`: the catalogs as JSON or Markdown (`--write` saves their snapshots: `snapshots.rs`).

use std::io::Write;

use clap::{Args, ValueEnum};

use super::{CommandError, Tool, emit, usage};

#[derive(Args, Debug)]
pub(super) struct CatalogArgs {
    /// Only this provider.
    #[arg(long)]
    pub(super) provider: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CatalogFormat::Json)]
    pub(super) format: CatalogFormat,
    /// Save each catalog's contract as <catalogs>/<id>.json, the snapshot that verify, the
    /// contract test and diff compare with, and print the changes accepted.
    #[arg(long, conflicts_with = "format")]
    pub(super) write: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(super) enum CatalogFormat {
    Json,
    Markdown,
}

impl Tool<'_> {
    pub(super) fn catalog(
        &self,
        args: &CatalogArgs,
        out: &mut dyn Write,
    ) -> Result<(), CommandError> {
        let specs = match &args.provider {
            Some(id) => vec![self.provider(id)?],
            // An empty list prints as one: nothing is wrong with listing no catalogs.
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
}
