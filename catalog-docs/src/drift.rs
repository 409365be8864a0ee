//! Docs drift: a provider's docs page against its catalog, row by row.
//!
//! The catalog's `docs_tables` says which columns of the page hold the code, statuses,
//! message, remediation and category, and which tables hold sub-codes of which entry. Rows
//! are compared by the provider's key; entries the catalog adds on purpose (`added(...)`) are
//! not drift. Messages compare with white space collapsed; categories without case, since
//! providers spell them inconsistently ("Provide Additional Information" and "Provide
//! additional Information" on one Mastercard page).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};

use catalog_core::{CatalogSpec, Entry, KeyMode, Origin};
use serde_json::{Value, json};

use crate::page::{self, Columns, MappedRow, collapse, mapped_rows};

/// What changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// In the docs, not in the catalog.
    Added,
    /// In the catalog, not in the docs.
    Removed,
    /// In both, with a field that differs.
    Changed,
}

impl Change {
    /// `added`, `removed` or `changed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    }
}

/// One difference between the docs page and the catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drift {
    /// What changed.
    pub change: Change,
    /// The code (or sub-code).
    pub code: String,
    /// The status, for providers keyed by `(status, code)`.
    pub status: Option<u16>,
    /// The entry a sub-code belongs to.
    pub sub_code_of: Option<&'static str>,
    /// The catalog's variant (or sub-code name), when the catalog has the row.
    pub variant: Option<&'static str>,
    /// The field that differs (`status`, `message`, `remediation`, `category`), for changes.
    pub field: Option<&'static str>,
    /// The docs' side: the field's value, or the whole row for additions.
    pub docs: Value,
    /// The catalog's side.
    pub catalog: Value,
    /// The docs page's line, where the docs have the row.
    pub line: Option<usize>,
}

impl Drift {
    /// The JSON form: `{"change", "code", "field", "docs", "catalog", ...}`.
    pub fn to_json(&self) -> Value {
        json!({
            "change": self.change.as_str(),
            "code": self.code,
            "status": self.status,
            "sub_code_of": self.sub_code_of,
            "variant": self.variant,
            "field": self.field,
            "docs": self.docs,
            "catalog": self.catalog,
            "line": self.line,
        })
    }

    fn subject(&self) -> String {
        let code = if self.code.is_empty() {
            "(a row without a code)"
        } else {
            &self.code
        };
        let mut subject = match self.status {
            Some(status) => format!("({status}, {code})"),
            None => code.to_owned(),
        };
        if let Some(parent) = self.sub_code_of {
            subject = format!("{parent} sub-code {subject}");
        }
        if let Some(variant) = self.variant {
            let _ = write!(subject, " ({variant})");
        }
        subject
    }
}

fn show(value: &Value) -> String {
    match value {
        Value::String(text) => format!("{text:?}"),
        Value::Array(items) => items.iter().map(show).collect::<Vec<_>>().join(" or "),
        Value::Null => "(none)".to_owned(),
        other => other.to_string(),
    }
}

impl fmt::Display for Drift {
    /// A review line: what changed, then the docs' and the catalog's side by side.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = self
            .line
            .map(|line| format!(" (line {line})"))
            .unwrap_or_default();
        match self.change {
            Change::Added => write!(
                f,
                "+ added    {}: docs{line}: {}",
                self.subject(),
                row_summary(&self.docs)
            ),
            Change::Removed => write!(
                f,
                "- removed  {}: catalog: {}",
                self.subject(),
                row_summary(&self.catalog)
            ),
            Change::Changed => {
                let field = self.field.unwrap_or("?");
                write!(
                    f,
                    "~ changed  {} {field}:\n      docs{line}: {}\n      catalog:   {}",
                    self.subject(),
                    show(&self.docs),
                    show(&self.catalog)
                )?;
                if let (Value::String(docs), Value::String(catalog)) = (&self.docs, &self.catalog) {
                    write!(f, "\n      words:     {}", word_diff(catalog, docs))?;
                }
                Ok(())
            }
        }
    }
}

fn row_summary(row: &Value) -> String {
    let Some(object) = row.as_object() else {
        return show(row);
    };
    ["statuses", "message", "remediation", "category"]
        .iter()
        .filter_map(|key| {
            object
                .get(*key)
                .filter(|value| !value.is_null())
                .map(|value| format!("{key} {}", show(value)))
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The catalog's text changed into the docs' text, word by word: `[-old-]{+new+}`.
fn word_diff(old: &str, new: &str) -> String {
    use similar::ChangeTag;
    let diff = similar::TextDiff::from_words(old, new);
    // Consecutive words of one kind form one run, so a reworded phrase reads as one change.
    let mut runs: Vec<(ChangeTag, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        match runs.last_mut() {
            Some((tag, text)) if *tag == change.tag() => text.push_str(change.value()),
            _ => runs.push((change.tag(), change.value().to_owned())),
        }
    }
    let mut out = String::new();
    for (tag, text) in runs {
        let _ = match tag {
            ChangeTag::Equal => write!(out, "{text}"),
            ChangeTag::Delete => write!(out, "[-{text}-]"),
            ChangeTag::Insert => write!(out, "{{+{text}+}}"),
        };
    }
    out
}

/// Why a page could not be compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DriftError {
    /// The catalog declares no `docs_tables`.
    NoMapping {
        /// The provider id.
        provider: &'static str,
    },
    /// No table of the page has the mapped columns.
    NoTable {
        /// The provider id.
        provider: &'static str,
        /// The header texts looked for.
        wanted: Vec<&'static str>,
        /// The header rows of the tables the page has.
        found: Vec<String>,
    },
}

impl fmt::Display for DriftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DriftError::NoMapping { provider } => write!(
                f,
                "catalog `{provider}` declares no `docs_tables`, so its docs page cannot be read; \
                 map the page's columns, e.g. `docs_tables: {{ entries: {{ code: \"Code\", ... }} }}`"
            ),
            DriftError::NoTable {
                provider,
                wanted,
                found,
            } => {
                write!(
                    f,
                    "no table of the page has the columns of `{provider}`'s entries ("
                )?;
                write!(
                    f,
                    "{}",
                    wanted
                        .iter()
                        .map(|h| format!("\"{h}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                )?;
                if found.is_empty() {
                    write!(f, "); the page has no tables")
                } else {
                    write!(f, "); its tables have: {}", found.join("; "))
                }
            }
        }
    }
}

impl std::error::Error for DriftError {}

type DocsRow = MappedRow;

fn row_json(row: &DocsRow) -> Value {
    json!({
        "code": row.code,
        "statuses": row.statuses,
        "message": row.message,
        "remediation": row.remediation,
        "category": row.category,
        "section": row.section,
    })
}

/// Compares a docs page (Markdown) with a catalog.
pub fn drift(spec: &CatalogSpec, page: &str) -> Result<Vec<Drift>, DriftError> {
    let map = spec
        .docs_map
        .ok_or(DriftError::NoMapping { provider: spec.id })?;
    let entries = Columns::from(map.entries);
    let sub_codes: Vec<(&'static str, Columns)> = map
        .sub_codes
        .iter()
        .map(|&(parent, columns)| (parent, Columns::from(columns)))
        .collect();
    let tables = page::tables(page);
    let mut entry_rows = Vec::new();
    let mut sub_rows: BTreeMap<&'static str, Vec<DocsRow>> = BTreeMap::new();
    for table in &tables {
        // The mapping that names the most of this table's columns reads it.
        let mut best: Option<(usize, Option<&'static str>, &Columns)> = None;
        let candidates = std::iter::once((None, &entries)).chain(
            sub_codes
                .iter()
                .map(|(parent, columns)| (Some(*parent), columns)),
        );
        for (parent, columns) in candidates {
            let width = columns.fields().count();
            if columns.fits(table) && best.is_none_or(|(best_width, _, _)| width > best_width) {
                best = Some((width, parent, columns));
            }
        }
        match best {
            Some((_, None, columns)) => entry_rows.extend(mapped_rows(table, columns)),
            Some((_, Some(parent), columns)) => sub_rows
                .entry(parent)
                .or_default()
                .extend(mapped_rows(table, columns)),
            None => {}
        }
    }
    if entry_rows.is_empty() {
        return Err(DriftError::NoTable {
            provider: spec.id,
            wanted: entries.fields().map(|(_, header)| header).collect(),
            found: tables
                .iter()
                .map(|table| format!("line {}: {}", table.line, table.headers.join(" | ")))
                .collect(),
        });
    }
    let mut found = compare_entries(spec, &entries, &entry_rows);
    for (parent, columns) in &sub_codes {
        if let Some(entry) = spec.entries.iter().find(|entry| entry.variant == *parent) {
            found.extend(compare_sub_codes(
                entry,
                columns,
                sub_rows.get(parent).map_or(&[], Vec::as_slice),
            ));
        }
    }
    Ok(found)
}

fn same_text(a: &str, b: &str) -> bool {
    collapse(a) == collapse(b)
}

fn entry_json(entry: &Entry) -> Value {
    json!({
        "code": entry.code_text,
        "variant": entry.variant,
        "statuses": entry.statuses,
        "message": entry.message,
        "remediation": entry.remediation,
        "category": entry.category,
    })
}

/// Compares the text fields a mapping reads; a field matches when any docs row of the key has it.
fn compare_fields(
    columns: &Columns,
    rows: &[&DocsRow],
    catalog: [(&'static str, Option<&str>); 3],
    mut report: impl FnMut(&'static str, Value, Value, usize),
) {
    for (field, catalog_value) in catalog {
        let mapped = match field {
            "message" => columns.message,
            "remediation" => columns.remediation,
            _ => columns.category,
        };
        if mapped.is_none() {
            continue;
        }
        let docs_values: Vec<(Option<&str>, usize)> = rows
            .iter()
            .map(|row| {
                let value = match field {
                    "message" => row.message.as_deref(),
                    "remediation" => row.remediation.as_deref(),
                    _ => row.category.as_deref(),
                };
                (value, row.line)
            })
            .collect();
        let equal = |docs: Option<&str>| match (docs, catalog_value) {
            (Some(docs), Some(catalog)) if field == "category" => {
                docs.eq_ignore_ascii_case(catalog)
            }
            (Some(docs), Some(catalog)) => same_text(docs, catalog),
            (None, None) => true,
            _ => false,
        };
        if !docs_values.iter().any(|(docs, _)| equal(*docs)) {
            let (docs, line) = docs_values[0];
            report(field, json!(docs), json!(catalog_value), line);
        }
    }
}

fn compare_entries(spec: &CatalogSpec, columns: &Columns, rows: &[DocsRow]) -> Vec<Drift> {
    let by_status = spec.key == KeyMode::StatusCode;
    // The docs' rows and the catalog's entries, by key; a code-keyed row keys all its statuses.
    let key_of =
        |code: &str, status: Option<u16>| (code.to_owned(), if by_status { status } else { None });
    let mut docs: BTreeMap<(String, Option<u16>), Vec<&DocsRow>> = BTreeMap::new();
    for row in rows {
        if by_status && !row.statuses.is_empty() {
            for &status in &row.statuses {
                docs.entry(key_of(&row.code, Some(status)))
                    .or_default()
                    .push(row);
            }
        } else {
            docs.entry(key_of(&row.code, None)).or_default().push(row);
        }
    }
    let mut catalog: BTreeMap<(String, Option<u16>), &Entry> = BTreeMap::new();
    let mut on_purpose = BTreeSet::new();
    for entry in spec.entries {
        let keys: Vec<_> = if by_status {
            entry
                .statuses
                .iter()
                .map(|&status| key_of(entry.code_text, Some(status)))
                .collect()
        } else {
            vec![key_of(entry.code_text, None)]
        };
        for key in keys {
            if matches!(entry.origin, Origin::Added { .. }) {
                on_purpose.insert(key);
            } else {
                catalog.insert(key, entry);
            }
        }
    }

    let mut found = Vec::new();
    for (key, docs_rows) in &docs {
        if on_purpose.contains(key) {
            continue;
        }
        let first = docs_rows[0];
        let Some(entry) = catalog.get(key) else {
            found.push(Drift {
                change: Change::Added,
                code: key.0.clone(),
                status: key.1,
                sub_code_of: None,
                variant: None,
                field: None,
                docs: row_json(first),
                catalog: Value::Null,
                line: Some(first.line),
            });
            continue;
        };
        let mut report = |field, docs, catalog, line| {
            found.push(Drift {
                change: Change::Changed,
                code: key.0.clone(),
                status: key.1,
                sub_code_of: None,
                variant: Some(entry.variant),
                field: Some(field),
                docs,
                catalog,
                line: Some(line),
            });
        };
        if columns.status.is_some() && !by_status {
            let docs_statuses: BTreeSet<u16> = docs_rows
                .iter()
                .flat_map(|row| row.statuses.iter().copied())
                .collect();
            let catalog_statuses: BTreeSet<u16> = entry.statuses.iter().copied().collect();
            if !docs_statuses.is_empty() && docs_statuses != catalog_statuses {
                report(
                    "status",
                    json!(docs_statuses),
                    json!(catalog_statuses),
                    first.line,
                );
            }
        }
        compare_fields(
            columns,
            docs_rows,
            [
                ("message", Some(entry.message)),
                ("remediation", entry.remediation),
                ("category", entry.category),
            ],
            &mut report,
        );
    }
    for (key, entry) in &catalog {
        if !docs.contains_key(key) {
            found.push(Drift {
                change: Change::Removed,
                code: key.0.clone(),
                status: key.1,
                sub_code_of: None,
                variant: Some(entry.variant),
                field: None,
                docs: Value::Null,
                catalog: entry_json(entry),
                line: None,
            });
        }
    }
    if by_status {
        pair_status_changes(&mut found);
    }
    found.sort_by(|a, b| (a.change, &a.code, a.status).cmp(&(b.change, &b.code, b.status)));
    found
}

/// Under a `(status, code)` key, a row whose status changed shows as one key removed and one
/// added with the same code: report it as the status change it is.
fn pair_status_changes(found: &mut Vec<Drift>) {
    let mut i = 0;
    while i < found.len() {
        if found[i].change != Change::Added {
            i += 1;
            continue;
        }
        let message = |value: &Value| {
            value
                .get("message")
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        let candidates: Vec<usize> = found
            .iter()
            .enumerate()
            .filter(|(_, other)| other.change == Change::Removed && other.code == found[i].code)
            .map(|(j, _)| j)
            .collect();
        // The removed key with the same message, or the only removed key of the code.
        let partner = candidates
            .iter()
            .copied()
            .find(
                |&j| match (message(&found[j].catalog), message(&found[i].docs)) {
                    (Some(a), Some(b)) => same_text(&a, &b),
                    _ => false,
                },
            )
            .or(if candidates.len() == 1 {
                candidates.first().copied()
            } else {
                None
            });
        if let Some(j) = partner {
            let removed = found[j].clone();
            let added = &mut found[i];
            added.change = Change::Changed;
            added.field = Some("status");
            added.variant = removed.variant;
            added.catalog = json!(removed.status);
            added.docs = json!(added.status);
            found.remove(j);
            i = 0;
        } else {
            i += 1;
        }
    }
}

fn compare_sub_codes(entry: &Entry, columns: &Columns, rows: &[DocsRow]) -> Vec<Drift> {
    let mut found = Vec::new();
    let drift = |change, code: &str, variant, field, docs, catalog, line| Drift {
        change,
        code: code.to_owned(),
        status: None,
        sub_code_of: Some(entry.variant),
        variant,
        field,
        docs,
        catalog,
        line,
    };
    for row in rows {
        match entry.sub_code(&row.code) {
            None => found.push(drift(
                Change::Added,
                &row.code,
                None,
                None,
                row_json(row),
                Value::Null,
                Some(row.line),
            )),
            Some(sub) => compare_fields(
                columns,
                &[row],
                [
                    ("message", Some(sub.message)),
                    ("remediation", None),
                    ("category", None),
                ],
                |field, docs, catalog, line| {
                    found.push(drift(
                        Change::Changed,
                        &row.code,
                        Some(sub.name),
                        Some(field),
                        docs,
                        catalog,
                        Some(line),
                    ));
                },
            ),
        }
    }
    for sub in entry.sub_codes {
        if !rows.iter().any(|row| row.code == sub.code) {
            let catalog = json!({"code": sub.code, "name": sub.name, "message": sub.message});
            found.push(drift(
                Change::Removed,
                sub.code,
                Some(sub.name),
                None,
                Value::Null,
                catalog,
                None,
            ));
        }
    }
    found
}

/// The drift as a review: a heading, then one block per difference.
pub fn review(spec: &CatalogSpec, source: &str, found: &[Drift]) -> String {
    let mut out = String::new();
    if found.is_empty() {
        let _ = writeln!(
            out,
            "{}: the docs page {source} and the catalog agree",
            spec.id
        );
        return out;
    }
    let _ = writeln!(
        out,
        "{}: {} difference(s) between the docs page {source} and the catalog",
        spec.id,
        found.len()
    );
    for drift in found {
        let _ = writeln!(out, "  {drift}");
    }
    out
}
