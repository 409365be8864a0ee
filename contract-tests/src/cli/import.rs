//! `import`: a catalog scaffolded from docs pages, an OpenAPI spec and recorded responses.

use std::io::Write;
use std::path::{Path, PathBuf};

use catalog_docs::import::{ImportOptions, import_all};
use clap::Args;

use super::{CommandError, emit, usage};
use crate::diff;
use crate::docs::DocsPages;
use crate::layout::{DocsLocation, Layout};
use crate::record;
use crate::snapshot::Snapshot;

#[derive(Args, Debug)]
pub(super) struct ImportArgs {
    /// The docs page (Markdown or HTML), several pages, or a folder of pages; defaults to the
    /// id's in the docs folder.
    #[arg(long, num_args = 1.., value_name = "PATH")]
    pub(super) docs: Vec<PathBuf>,
    /// The provider id to declare (kebab-case).
    #[arg(long)]
    pub(super) id: String,
    /// A human name for the provider.
    #[arg(long)]
    pub(super) name: Option<String>,
    /// Recorded responses (HAR files, JSON lists of {"status", "headers", "body"}, or a body
    /// alone): where they hold a documented code decides the wire pointers.
    #[arg(long = "sample", num_args = 1.., value_name = "FILE")]
    pub(super) samples: Vec<PathBuf>,
    /// The docs' address: the catalog's `docs`, and with each page's file name (without its
    /// extension) the address of a page that has no canonical link.
    #[arg(long = "base-url", value_name = "URL")]
    pub(super) base_url: Option<String>,
    /// Print, instead of the catalog, what decided each row's status, retry, kind and actor,
    /// and how many rows each source decided.
    #[arg(long)]
    pub(super) explain: bool,
    /// An OpenAPI 3.x or Swagger 2.0 spec, JSON or YAML: its error schema decides the wire
    /// where no recorded response does, and its enumerated codes, their descriptions, types
    /// and the statuses its examples tie become rows. Alone, or with --docs and --sample.
    #[arg(long, value_name = "FILE")]
    pub(super) openapi: Option<PathBuf>,
    /// Print, instead of the catalog, what re-importing would change against a snapshot
    /// (`catalogs/<id>.json`, written by `catalog --write`): each change classed breaking,
    /// behaviour or compatible, as `diff` classes them. Exit 0: the changes are for review.
    #[arg(long, value_name = "FILE", conflicts_with = "explain")]
    pub(super) against: Option<PathBuf>,
}

pub(super) fn import(
    args: &ImportArgs,
    layout: &Layout,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
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
    let mut recorded = Vec::new();
    for path in &args.samples {
        recorded.extend(record::responses(path).map_err(|error| usage(error.to_string()))?);
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
    if let Some(path) = &args.against {
        return against(&imported.catalog, path, out);
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

/// `import --against FILE`: the printed catalog, read back by the macro's parser, against the
/// snapshot in `path`.
fn against(catalog: &str, path: &Path, out: &mut dyn Write) -> Result<(), CommandError> {
    let old = super::snapshots::against_file(path)?;
    // The invocation `import` printed: everything between the macro's braces.
    let invocation = catalog
        .split_once("provider_errors! {")
        .and_then(|(_, rest)| rest.trim_end().strip_suffix('}'))
        .ok_or_else(|| {
            CommandError::Failed("import printed no provider_errors! invocation".to_owned())
        })?;
    let description = catalog_dsl::describe_source(invocation).map_err(|mistakes| {
        CommandError::Failed(format!(
            "the imported catalog does not compile, so it cannot be compared (a defect of import; please report it): {}",
            mistakes.join("; ")
        ))
    })?;
    let new = Snapshot::of_description(&description);
    let changes = diff::diff(&old, &new);
    emit(
        out,
        &format!(
            "import: what re-importing would change, from {} to the imported catalog\n{}",
            path.display(),
            diff::review(&new.id, &path.display().to_string(), &changes)
        ),
    );
    Ok(())
}
