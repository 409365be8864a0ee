//! `cargo xtask catalog`: the declared catalogs as JSON or Markdown.

use anyhow::Context;
use clap::{Args, ValueEnum};

use crate::provider;

#[derive(Args)]
pub(crate) struct CatalogCmd {
    /// Only this provider.
    #[arg(long)]
    provider: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Markdown,
}

impl CatalogCmd {
    pub(crate) fn run(&self) -> anyhow::Result<()> {
        let specs = match &self.provider {
            Some(id) => vec![provider(id)?],
            None => providers::all().to_vec(),
        };
        match self.format {
            Format::Json => {
                let json =
                    serde_json::to_string_pretty(&specs).context("serializing the catalogs")?;
                println!("{json}");
            }
            Format::Markdown => {
                let sections: Vec<String> = specs
                    .iter()
                    .map(|spec| catalog_core::describe::markdown(spec))
                    .collect();
                println!("# Provider error catalogs\n\n{}", sections.join("\n"));
            }
        }
        Ok(())
    }
}
