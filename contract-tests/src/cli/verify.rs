//! `verify`: every catalog's contract, a summary table, and the report with `--report`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::{CommandError, Tool, emit, table, usage};
use crate::contract::{CatalogReport, verify_recorded};
use crate::layout::Layout;
use crate::recording::load_dir;
use crate::report::Provider;

#[derive(Args, Debug)]
pub(super) struct VerifyArgs {
    /// Only this provider.
    #[arg(long)]
    pub(super) provider: Option<String>,
    /// Also write the contracts as a static site in DIR (created if missing): DIR/index.html
    /// and a page per provider, to open from disk or upload as a CI artifact.
    #[arg(long, value_name = "DIR")]
    pub(super) report: Option<PathBuf>,
}

impl Tool<'_> {
    pub(super) fn verify(
        &self,
        args: &VerifyArgs,
        layout: &Layout,
        out: &mut dyn Write,
    ) -> Result<(), CommandError> {
        let specs = self.selected(args.provider.as_deref(), "verify")?;
        let mut rows = Vec::new();
        let mut notes = Vec::new();
        let mut failures = Vec::new();
        // With `--report`, each catalog's report and recordings are kept for the site: the
        // recordings are read once for both.
        let mut kept = Vec::new();
        for spec in specs {
            let recordings = load_dir(&layout.recordings_of(spec.id))
                .map_err(|error| usage(error.to_string()))?;
            let report = verify_recorded(spec, layout, &recordings).map_err(usage)?;
            rows.push(report.summary_row());
            notes.extend(report.notes());
            failures.extend(report.failures());
            if args.report.is_some() {
                kept.push((report, recordings));
            }
        }
        let mut summary = table(&CatalogReport::SUMMARY_HEADERS, &rows);
        if let Some(dir) = &args.report {
            let providers: Vec<Provider<'_>> = kept
                .iter()
                .map(|(report, recordings)| Provider { report, recordings })
                .collect();
            let written = crate::report::write_site(dir, &providers).map_err(usage)?;
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
