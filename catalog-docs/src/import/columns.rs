//! Which columns of a docs table hold what: the code, the status, the message, the
//! remediation and the type, guessed from the header texts, and said in the notes.

use std::collections::BTreeSet;

use catalog_core::DocsColumns;

use super::wire;
use crate::page::{self, DocsTable, mapped_rows};

/// `code = "Code", status = "HTTP"`, for the notes.
pub(super) fn describe(columns: &DocsColumns<String>) -> String {
    let parts: Vec<String> = columns
        .as_deref()
        .fields()
        .map(|(field, header)| format!("{field} = {header:?}"))
        .collect();
    parts.join(", ")
}

/// `{ code: "Code", status: "HTTP" }`, for `docs_tables`.
pub(super) fn docs_tables_entry(columns: &DocsColumns<String>) -> String {
    let parts: Vec<String> = columns
        .as_deref()
        .fields()
        .map(|(field, header)| format!("{field}: {header:?}"))
        .collect();
    format!("{{ {} }}", parts.join(", "))
}

fn find(headers: &[String], accept: impl Fn(&str) -> bool) -> Option<String> {
    headers
        .iter()
        .find(|header| accept(&header.to_ascii_lowercase()))
        .cloned()
}

/// Whether a header (lowercase) names a column of advice: short words on what to do
/// ("Remediation Category": "Retry Later"), read as advice, not as a type of the code.
fn is_advice(header: &str) -> bool {
    (header.contains("remediation") && header.contains("category"))
        || [
            "action",
            "recommended action",
            "advice",
            "next step",
            "next steps",
        ]
        .contains(&header)
}

/// The header of a table's advice column, if it has one (see [`is_advice`]).
pub(super) fn advice_header(table: &DocsTable) -> Option<String> {
    find(&table.headers, is_advice)
}

/// Guesses a table's columns; `None` when it has no code column.
pub(super) fn guess(table: &DocsTable) -> Option<DocsColumns<String>> {
    let headers = &table.headers;
    let code = find(headers, |h| h == "error code" || h == "code").or_else(|| {
        find(headers, |h| {
            h.contains("code") && !h.contains("http") && !h.contains("status")
        })
    })?;
    let status =
        find(headers, |h| h.contains("http") || h.contains("status")).filter(|h| *h != code);
    let message = [
        "error message",
        "message",
        "title",
        "description",
        "detail",
        "meaning",
    ]
    .iter()
    .find_map(|wanted| find(headers, |h| h == *wanted));
    let remediation = [
        "resolve",
        "resolution",
        "how to handle",
        "remediation",
        "what to do",
    ]
    .iter()
    .find_map(|wanted| find(headers, |h| h == *wanted))
    .or_else(|| {
        // A title column as the message leaves the detail as the remediation text.
        (message.as_deref().map(str::to_ascii_lowercase).as_deref() == Some("title"))
            .then(|| find(headers, |h| h == "detail"))
            .flatten()
    });
    // Providers name the field a code is unique within its type: "Error type" is a category;
    // a column of advice ("Remediation Category") is advice, read as words.
    let category = find(headers, |h| {
        !is_advice(h) && (h.contains("category") || h == "error type" || h == "type")
    });
    // Without a remediation column, the advice is the remediation text.
    let remediation = remediation.or_else(|| find(headers, is_advice));
    Some(DocsColumns {
        code,
        status,
        message,
        remediation,
        category,
    })
}

/// A table of the page and the columns guessed for it.
pub(super) type Guessed<'t> = (&'t DocsTable, DocsColumns<String>);

/// A page's sections that only show example responses of codes its tables list (a table of
/// codes, then "Example responses" with a section for some of them) are no table of entries
/// of their own, however many columns they map: apart from the other tables.
pub(super) fn examples_apart(guessed: Vec<Guessed<'_>>) -> (Vec<Guessed<'_>>, Vec<Guessed<'_>>) {
    let is_sections = |table: &DocsTable| table.headers == page::SECTION_HEADERS;
    let listed: BTreeSet<String> = guessed
        .iter()
        .filter(|(table, _)| !is_sections(table))
        .flat_map(|(table, columns)| mapped_rows(table, &columns.as_deref()))
        .map(|row| row.code)
        .collect();
    guessed.into_iter().partition(|(table, columns)| {
        is_sections(table)
            && !listed.is_empty()
            && mapped_rows(table, &columns.as_deref())
                .iter()
                .all(|row| listed.contains(&row.code))
    })
}

/// The sample bodies of `tables` (the tables of entries, and sections of examples):
/// `(code, body, line)`, as [`page::samples`] finds them.
pub(super) fn page_samples<'a>(
    tables: impl Iterator<Item = &'a Guessed<'a>>,
) -> Vec<wire::PageSample> {
    tables
        .flat_map(|(table, columns)| page::samples(table, columns))
        .map(|sample| (sample.code, sample.body, sample.line))
        .collect()
}
