//! `catalog --write` and `diff`: the catalogs' snapshots, written and compared.

use std::io::Write;
use std::path::{Path, PathBuf};

use catalog_core::spec::CatalogSpec;
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{CatalogArgs, CommandError, Tool, emit, usage};
use crate::diff::{self, Change, Class, Counts};
use crate::layout::Layout;
use crate::snapshot::{self, Snapshot};

#[derive(Args, Debug)]
pub(super) struct DiffArgs {
    /// The provider id; without it, every catalog against its snapshot.
    #[arg(long)]
    provider: Option<String>,
    /// The snapshot to compare the catalog with instead of <catalogs>/<id>.json: the base
    /// branch's, e.g. `git show origin/main:catalogs/<id>.json > base.json`.
    #[arg(long, value_name = "FILE", requires = "provider")]
    against: Option<PathBuf>,
    /// Exit 1 when a change of this class or above is found: breaking; behaviour (breaking
    /// or behaviour); any.
    #[arg(long = "fail-on", value_enum, default_value_t = FailOn::Breaking)]
    fail_on: FailOn,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FailOn {
    Breaking,
    Behaviour,
    Any,
}

impl FailOn {
    fn class(self) -> Class {
        match self {
            FailOn::Breaking => Class::Breaking,
            FailOn::Behaviour => Class::Behaviour,
            FailOn::Any => Class::Compatible,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            FailOn::Breaking => "breaking",
            FailOn::Behaviour => "behaviour",
            FailOn::Any => "any",
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum DiffFormat {
    Text,
    Json,
}

/// One catalog compared, for the JSON output.
#[derive(Serialize)]
struct Compared<'a> {
    provider: &'a str,
    against: String,
    counts: Counts,
}

/// One change of one catalog, for the JSON output.
#[derive(Serialize)]
struct ChangeOf<'a> {
    #[serde(flatten)]
    change: &'a Change,
    provider: &'a str,
}

#[derive(Serialize)]
struct DiffOutput<'a> {
    catalogs: Vec<Compared<'a>>,
    changes: Vec<ChangeOf<'a>>,
}

impl Tool<'_> {
    /// `catalog --write`: each catalog's snapshot saved, with the changes it accepts.
    pub(super) fn write_snapshots(
        &self,
        args: &CatalogArgs,
        layout: &Layout,
        out: &mut dyn Write,
    ) -> Result<(), CommandError> {
        let specs = self.selected(args.provider.as_deref(), "write")?;
        for spec in specs {
            let written =
                snapshot::write(spec, layout).map_err(|error| usage(error.to_string()))?;
            let path = written.path.display();
            let text = match (&written.previous, &written.replaced) {
                (None, Some(problem)) => format!(
                    "{path}: written over a file that was not a valid snapshot ({problem}); review it and commit it\n"
                ),
                (None, None) => format!(
                    "{path}: written, the first snapshot of `{}` ({} entries); review it and commit it\n",
                    spec.id,
                    spec.entries.len()
                ),
                (Some(_), _) if written.changes.is_empty() => {
                    format!("{path}: unchanged\n")
                }
                (Some(_), _) => format!(
                    "{path}: written, accepting the changes below; commit it with the catalog\n{}",
                    diff::review(spec.id, &path.to_string(), &written.changes)
                ),
            };
            emit(out, &text);
        }
        Ok(())
    }

    /// `diff`: catalogs against their snapshots, or one against a file.
    pub(super) fn diff(
        &self,
        args: &DiffArgs,
        layout: &Layout,
        out: &mut dyn Write,
    ) -> Result<(), CommandError> {
        let specs = self.selected(args.provider.as_deref(), "compare")?;
        let mut compared = Vec::new();
        for spec in specs {
            let (path, old) = against(spec, args.against.as_ref(), layout)?;
            let changes = diff::diff(&old, &Snapshot::of(spec));
            compared.push((spec.id, path, changes));
        }
        match args.format {
            DiffFormat::Text => {
                for (id, path, changes) in &compared {
                    emit(out, &diff::review(id, &path.display().to_string(), changes));
                }
            }
            DiffFormat::Json => {
                let output = DiffOutput {
                    catalogs: compared
                        .iter()
                        .map(|(id, path, changes)| Compared {
                            provider: id,
                            against: path.display().to_string(),
                            counts: diff::counts(changes),
                        })
                        .collect(),
                    changes: compared
                        .iter()
                        .flat_map(|(id, _, changes)| {
                            changes.iter().map(|change| ChangeOf {
                                change,
                                provider: id,
                            })
                        })
                        .collect(),
                };
                let json = serde_json::to_string_pretty(&output)
                    .map_err(|error| usage(format!("serializing the changes: {error}")))?;
                emit(out, &format!("{json}\n"));
            }
        }
        let threshold = args.fail_on.class();
        let all: Vec<Change> = compared
            .into_iter()
            .flat_map(|(_, _, changes)| changes)
            .collect();
        let failing = all
            .iter()
            .filter(|change| change.class >= threshold)
            .count();
        if failing == 0 {
            return Ok(());
        }
        Err(CommandError::Failed(format!(
            "diff: {failing} change(s) at or above --fail-on {} ({} in all: {})",
            args.fail_on.as_str(),
            all.len(),
            diff::counts(&all)
        )))
    }
}

/// The snapshot a catalog is compared with: the file given, or its own; a missing or invalid
/// one is bad input.
fn against(
    spec: &CatalogSpec,
    file: Option<&PathBuf>,
    layout: &Layout,
) -> Result<(PathBuf, Snapshot), CommandError> {
    if let Some(file) = file {
        return Ok((file.clone(), against_file(file)?));
    }
    let path = layout.catalog_of(spec.id);
    match snapshot::read(&path).map_err(|error| usage(error.to_string()))? {
        Some(snapshot) => Ok((path, snapshot)),
        None => Err(usage(format!(
            "no snapshot of `{id}` at {path}: run `catalog --write --provider {id}` to save one, or pass --against FILE",
            id = spec.id,
            path = path.display()
        ))),
    }
}

/// The snapshot `--against FILE` names (`diff`, `import`); a missing or invalid file is bad
/// input.
pub(super) fn against_file(file: &Path) -> Result<Snapshot, CommandError> {
    snapshot::read(file)
        .map_err(|error| usage(error.to_string()))?
        .ok_or_else(|| {
            usage(format!(
                "--against {}: no such file; `catalog --write` saves a catalog's snapshot",
                file.display()
            ))
        })
}
