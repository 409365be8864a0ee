//! `record --from-docs`: the example responses a provider's docs pages show become
//! recordings, marked as docs examples.
//!
//! A provider whose errors cannot all be provoked still documents many of them with a sample
//! response (a section per error with an `HTTP/1.1 402` block and its JSON body). Each sample
//! the pages show ([`catalog_docs::page::samples`], as `import` reads them for the wire
//! format) becomes an entry of `<recordings>/<id>/docs-examples.har`, classified against the
//! catalog like any capture and marked `"_docs_example": {"page", "line", "code"}`, so that
//! coverage counts it apart from responses the provider really sent. Running it again after
//! the pages change shows the review of what changed, as `record` does.

use std::path::{Path, PathBuf};

use catalog_core::DocsColumns;
use catalog_core::spec::CatalogSpec;
use catalog_docs::page::{self, DocsSample, SECTION_HEADERS};
use serde_json::{Value, json};

use super::{Options, Planned, plan_events};
use crate::docs::DocsPages;
use crate::recording::har::{Event, entry_from_response, input_error};
use crate::recording::{DocsExample, FileError};

/// The file `record --from-docs` writes in `<recordings>/<id>/`.
pub const FILE_NAME: &str = "docs-examples.har";

/// The columns of the section-per-error layout that say an example's code and status.
const SECTION_COLUMNS: DocsColumns = DocsColumns {
    code: SECTION_HEADERS[0],
    status: Some(SECTION_HEADERS[1]),
    message: None,
    remediation: None,
    category: None,
};

/// The examples of the pages: each table read through the catalog's `docs_tables` where it
/// fits them, else through the section layout's columns. The status is the page's (a
/// sample's status line) wherever the table has one, mapped or not: the example is what the
/// page shows.
fn examples(spec: &CatalogSpec, pages: &DocsPages) -> Vec<DocsSample> {
    let declared = spec.docs_map.map(|map| map.entries);
    pages
        .tables()
        .iter()
        .flat_map(|table| {
            let mut columns = declared
                .filter(|columns| table.fits(columns))
                .unwrap_or(SECTION_COLUMNS);
            if columns.status.is_none() && table.fits(&SECTION_COLUMNS) {
                columns.status = SECTION_COLUMNS.status;
            }
            page::samples(table, &columns)
        })
        .collect()
}

/// Plans `<dir>/docs-examples.har` from the example responses of `pages` for `spec`; an error
/// when the pages show none.
pub fn plan(
    spec: &'static CatalogSpec,
    pages: &DocsPages,
    dir: &Path,
    options: &Options,
) -> Result<Planned, FileError> {
    let output = dir.join(FILE_NAME);
    let found = examples(spec, pages);
    if found.is_empty() {
        return Err(input_error(
            Path::new(pages.label()),
            None,
            "the docs pages show no example responses: `--from-docs` reads a section per error \
             whose code block holds a status line (`HTTP/1.1 402`, `http code 402`, `Status: 402`) \
             and a JSON body, or a table's `Sample` column; record captured responses instead",
        ));
    }
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    for example in found {
        let (page, line) = pages.locate(example.line).map_or_else(
            || (pages.label(), example.line),
            |(page, line)| (page, line),
        );
        let at = format!("the example of {} ({page} line {line})", example.code);
        // The page's status, else the one the catalog documents for the code.
        let status = example.statuses.first().copied().or_else(|| {
            spec.entries_with_code(&example.code)
                .next()
                .and_then(|entry| entry.statuses.first().copied())
        });
        let Some(status) = status else {
            skipped.push(format!(
                "{at}: no status on the page, and the catalog has no entry with this code"
            ));
            continue;
        };
        if serde_json::from_str::<Value>(&example.body).is_err() {
            skipped.push(format!("{at}: its body is not JSON"));
            continue;
        }
        let item = json!({
            "status": status,
            "headers": {"Content-Type": "application/json"},
            "body": example.body,
            "url": example.url.clone().unwrap_or_default(),
            "comment": format!("docs example of {} ({page} line {line})", example.code),
        });
        let mut entry = entry_from_response(&output, FILE_NAME, entries.len(), item)?;
        let marker = DocsExample {
            page: page.to_owned(),
            line: Some(line),
            code: Some(example.code.clone()),
        };
        if let Some(object) = entry.as_object_mut() {
            object.insert(
                "_docs_example".to_owned(),
                serde_json::to_value(&marker).map_err(|error| {
                    input_error(&output, None, format!("cannot write its marker: {error}"))
                })?,
            );
        }
        entries.push(entry);
    }
    if entries.is_empty() {
        return Err(input_error(
            Path::new(pages.label()),
            None,
            format!(
                "none of the docs pages' example responses can be recorded: {}",
                skipped.join("; ")
            ),
        ));
    }
    let creator =
        json!({"name": "contract-tests record --from-docs", "version": env!("CARGO_PKG_VERSION")});
    let mut entries = Some(entries);
    let mut planned = plan_events(spec, &output, output.clone(), dir, options, &mut |sink| {
        sink(Event::LogStart)?;
        sink(Event::LogMember("version", Value::from("1.2")))?;
        sink(Event::LogMember("creator", creator.clone()))?;
        sink(Event::EntriesStart)?;
        for (index, entry) in entries.take().unwrap_or_default().into_iter().enumerate() {
            sink(Event::Entry(index, entry))?;
        }
        sink(Event::EntriesEnd)?;
        sink(Event::LogEnd)
    })?;
    planned.input = PathBuf::from(pages.label());
    for (index, reason) in skipped.into_iter().enumerate() {
        planned.review.skip(index, "(docs example)", reason);
    }
    Ok(planned)
}
