//! `cargo xtask import`: a `provider_errors!` invocation scaffolded from a docs page.

use std::path::PathBuf;

use catalog_docs::import::{ImportOptions, import};
use clap::Args;

use crate::UsageError;

#[derive(Args)]
pub(crate) struct Import {
    /// The docs page (Markdown).
    #[arg(long)]
    docs: PathBuf,
    /// The provider id to declare (kebab-case).
    #[arg(long)]
    id: String,
    /// A human name for the provider.
    #[arg(long)]
    name: Option<String>,
}

impl Import {
    pub(crate) fn run(&self) -> anyhow::Result<()> {
        let page = std::fs::read_to_string(&self.docs).map_err(|error| {
            UsageError(format!(
                "cannot read the docs page {}: {error}",
                self.docs.display()
            ))
        })?;
        let source = self.docs.display().to_string();
        let options = ImportOptions {
            id: &self.id,
            name: self.name.as_deref(),
            source: &source,
        };
        let output =
            import(&page, &options).map_err(|error| UsageError(format!("{source}: {error}")))?;
        // What was guessed goes to stderr too, so it is seen when the output is redirected.
        for line in output.lines().take_while(|line| line.starts_with("//")) {
            eprintln!("{line}");
        }
        print!("{output}");
        Ok(())
    }
}
