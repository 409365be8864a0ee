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

use catalog_core::{CatalogSpec, DocsColumns, Entry, KeyMode, SubCode};
use serde::Serialize;

use crate::page::{self, DocsTable, MappedRow, mapped_rows};
use crate::text::collapse;

/// What changed; serialized as `added`, `removed` or `changed`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
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
///
/// Serialized (`cargo xtask drift --format json`) as an object with these fields as keys.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Drift {
    /// What changed.
    pub change: Change,
    /// The code (or sub-code).
    pub code: String,
    /// The status, for providers keyed by `(status, code)`.
    pub status: Option<u16>,
    /// The category, for providers keyed by `(category, code)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The entry a sub-code belongs to.
    pub sub_code_of: Option<&'static str>,
    /// The catalog's variant (or sub-code name), when the catalog has the row.
    pub variant: Option<&'static str>,
    /// The field that differs (`status`, `message`, `remediation`, `category`), for changes.
    pub field: Option<&'static str>,
    /// The docs' side: the field's value, or the whole row for additions; `None` for removals.
    pub docs: Option<Side>,
    /// The catalog's side: the field's value, or the whole entry or sub-code for removals;
    /// `None` for additions.
    pub catalog: Option<Side>,
    /// The docs page's line, where the docs have the row.
    pub line: Option<usize>,
}

/// What one side of a difference holds, the docs page's or the catalog's.
///
/// Serialized as the value alone (a string or null, a list of statuses, a status, an object),
/// so the JSON form reads as the docs and the catalog spell it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Side {
    /// A message, remediation or category; `None` where that side leaves it empty.
    Text(Option<String>),
    /// The statuses of an entry keyed by its code, ascending.
    Statuses(Vec<u16>),
    /// The status of a `(status, code)` key; `None` for a docs row that gives none.
    Status(Option<u16>),
    /// A docs row that the catalog lacks.
    Row(MappedRow),
    /// A catalog entry that the docs lack.
    Entry(EntrySummary),
    /// A sub-code that the docs lack.
    SubCode(SubCodeSummary),
}

/// A catalog entry as a difference shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct EntrySummary {
    /// The code as text.
    pub code: &'static str,
    /// The variant's name.
    pub variant: &'static str,
    /// Every status the catalog gives it.
    pub statuses: &'static [u16],
    /// The message.
    pub message: &'static str,
    /// The remediation text.
    pub remediation: Option<&'static str>,
    /// The category.
    pub category: Option<&'static str>,
}

impl From<&Entry> for EntrySummary {
    fn from(entry: &Entry) -> Self {
        EntrySummary {
            code: entry.code_text,
            variant: entry.variant,
            statuses: entry.statuses,
            message: entry.message,
            remediation: entry.remediation,
            category: entry.category,
        }
    }
}

/// A catalog sub-code as a difference shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SubCodeSummary {
    /// The sub-code as sent.
    pub code: &'static str,
    /// The name chosen in the catalog.
    pub name: &'static str,
    /// The provider's description.
    pub message: &'static str,
}

impl From<&SubCode> for SubCodeSummary {
    fn from(sub: &SubCode) -> Self {
        SubCodeSummary {
            code: sub.code,
            name: sub.name,
            message: sub.message,
        }
    }
}

impl Side {
    /// The message of a whole row, entry or sub-code: what pairs a removed key with an added one.
    fn message(&self) -> Option<&str> {
        match self {
            Side::Row(row) => row.message.as_deref(),
            Side::Entry(entry) => Some(entry.message),
            Side::SubCode(sub) => Some(sub.message),
            Side::Text(_) | Side::Statuses(_) | Side::Status(_) => None,
        }
    }
}

impl fmt::Display for Side {
    /// As a review shows it: text quoted, statuses joined by `or`, a whole row or entry as
    /// `statuses 402 | message "..." | ...` (its fields that have a value).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Side::Text(Some(text)) => write!(f, "{text:?}"),
            Side::Text(None) | Side::Status(None) => f.write_str(NONE),
            Side::Status(Some(status)) => write!(f, "{status}"),
            Side::Statuses(statuses) => f.write_str(&or_list(statuses)),
            Side::Row(row) => write_fields(
                f,
                Some(&row.statuses),
                row.message.as_deref(),
                row.remediation.as_deref(),
                row.category.as_deref(),
            ),
            Side::Entry(entry) => write_fields(
                f,
                Some(entry.statuses),
                Some(entry.message),
                entry.remediation,
                entry.category,
            ),
            Side::SubCode(sub) => write_fields(f, None, Some(sub.message), None, None),
        }
    }
}

/// How a review shows a side that has nothing.
const NONE: &str = "(none)";

fn or_list(statuses: &[u16]) -> String {
    let statuses: Vec<String> = statuses.iter().map(u16::to_string).collect();
    statuses.join(" or ")
}

fn write_fields(
    f: &mut fmt::Formatter<'_>,
    statuses: Option<&[u16]>,
    message: Option<&str>,
    remediation: Option<&str>,
    category: Option<&str>,
) -> fmt::Result {
    let mut fields = Vec::new();
    if let Some(statuses) = statuses {
        fields.push(format!("statuses {}", or_list(statuses)));
    }
    for (name, text) in [
        ("message", message),
        ("remediation", remediation),
        ("category", category),
    ] {
        if let Some(text) = text {
            fields.push(format!("{name} {text:?}"));
        }
    }
    f.write_str(&fields.join(" | "))
}

impl Drift {
    fn subject(&self) -> String {
        let code = if self.code.is_empty() {
            "(a row without a code)"
        } else {
            &self.code
        };
        let mut subject = match (self.status, &self.category) {
            (Some(status), _) => format!("({status}, {code})"),
            (None, Some(category)) => format!("({category}, {code})"),
            (None, None) => code.to_owned(),
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

fn show(side: Option<&Side>) -> String {
    side.map_or_else(|| NONE.to_owned(), Side::to_string)
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
                show(self.docs.as_ref())
            ),
            Change::Removed => write!(
                f,
                "- removed  {}: catalog: {}",
                self.subject(),
                show(self.catalog.as_ref())
            ),
            Change::Changed => {
                let field = self.field.unwrap_or("?");
                write!(
                    f,
                    "~ changed  {} {field}:\n      docs{line}: {}\n      catalog:   {}",
                    self.subject(),
                    show(self.docs.as_ref()),
                    show(self.catalog.as_ref())
                )?;
                if let (Some(Side::Text(Some(docs))), Some(Side::Text(Some(catalog)))) =
                    (&self.docs, &self.catalog)
                {
                    write!(f, "\n      words:     {}", word_diff(catalog, docs))?;
                }
                Ok(())
            }
        }
    }
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
#[non_exhaustive]
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
        wanted: Vec<String>,
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

/// Compares a docs page (Markdown) with a catalog.
pub fn drift(spec: &CatalogSpec, page: &str) -> Result<Vec<Drift>, DriftError> {
    drift_tables(spec, &page::tables(page))
}

/// Compares the tables of a docs page with a catalog; tables gathered from several pages
/// (a folder of pages, HTML pages read by other means) compare as one page.
pub fn drift_tables(spec: &CatalogSpec, tables: &[DocsTable]) -> Result<Vec<Drift>, DriftError> {
    let map = spec
        .docs_map
        .ok_or(DriftError::NoMapping { provider: spec.id })?;
    let entries = map.entries;
    let sub_codes: Vec<(&'static str, DocsColumns)> = map
        .sub_codes
        .iter()
        .map(|&(parent, columns)| (parent, columns))
        .collect();
    let mut entry_rows = Vec::new();
    let mut sub_rows: BTreeMap<&'static str, Vec<MappedRow>> = BTreeMap::new();
    for table in tables {
        // The mapping that names the most of this table's columns reads it.
        let mut best: Option<(usize, Option<&'static str>, &DocsColumns)> = None;
        let candidates = std::iter::once((None, &entries)).chain(
            sub_codes
                .iter()
                .map(|(parent, columns)| (Some(*parent), columns)),
        );
        for (parent, columns) in candidates {
            let width = columns.fields().count();
            if table.fits(columns) && best.is_none_or(|(best_width, _, _)| width > best_width) {
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
            wanted: entries.headers().map(str::to_owned).collect(),
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

/// Compares the text fields a mapping reads; a field matches when any docs row of the key has it.
fn compare_fields(
    columns: &DocsColumns,
    rows: &[&MappedRow],
    catalog: [(&'static str, Option<&str>); 3],
    mut report: impl FnMut(&'static str, Side, Side, usize),
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
            report(
                field,
                Side::Text(docs.map(str::to_owned)),
                Side::Text(catalog_value.map(str::to_owned)),
                line,
            );
        }
    }
}

/// What identifies a row: its code, and its status or category where the provider keys by
/// them (a category compared without case, as providers spell them inconsistently).
type Key = (String, Option<u16>, Option<String>);

fn compare_entries(spec: &CatalogSpec, columns: &DocsColumns, rows: &[MappedRow]) -> Vec<Drift> {
    let by_status = spec.key == KeyMode::StatusCode;
    let by_category = spec.key == KeyMode::CategoryCode;
    // The docs' rows and the catalog's entries, by key; a code-keyed row keys all its statuses.
    // A row without a code (an empty code cell in the docs, `_` in the catalog) is keyed by
    // its statuses whatever the key: it takes the errors sent without a code, one per status.
    let key_of = |code: &str, status: Option<u16>, category: Option<&str>| -> Key {
        (
            code.to_owned(),
            if by_status || code.is_empty() {
                status
            } else {
                None
            },
            category.filter(|_| by_category).map(str::to_lowercase),
        )
    };
    let mut docs: BTreeMap<Key, Vec<&MappedRow>> = BTreeMap::new();
    for row in rows {
        let category = row.category.as_deref();
        if (by_status || row.code.is_empty()) && !row.statuses.is_empty() {
            for &status in &row.statuses {
                docs.entry(key_of(&row.code, Some(status), category))
                    .or_default()
                    .push(row);
            }
        } else {
            docs.entry(key_of(&row.code, None, category))
                .or_default()
                .push(row);
        }
    }
    let mut catalog: BTreeMap<Key, &Entry> = BTreeMap::new();
    let mut on_purpose = BTreeSet::new();
    for entry in spec.entries {
        let code = if entry.has_code() {
            entry.code_text
        } else {
            ""
        };
        let keys: Vec<_> = if by_status || !entry.has_code() {
            entry
                .statuses
                .iter()
                .map(|&status| key_of(code, Some(status), entry.category))
                .collect()
        } else {
            vec![key_of(entry.code_text, None, entry.category)]
        };
        for key in keys {
            if entry.origin.added_reason().is_some() {
                on_purpose.insert(key);
            } else {
                catalog.insert(key, entry);
            }
        }
    }
    // The category as the docs or the catalog spell it, for the report.
    let category_of = |key: &Key, spelled: Option<&str>| {
        key.2
            .as_ref()
            .map(|lower| spelled.map_or_else(|| lower.clone(), str::to_owned))
    };

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
                category: category_of(key, first.category.as_deref()),
                sub_code_of: None,
                variant: None,
                field: None,
                docs: Some(Side::Row((*first).clone())),
                catalog: None,
                line: Some(first.line),
            });
            continue;
        };
        let mut report = |field, docs, catalog, line| {
            found.push(Drift {
                change: Change::Changed,
                code: key.0.clone(),
                status: key.1,
                category: category_of(key, entry.category),
                sub_code_of: None,
                variant: Some(entry.variant),
                field: Some(field),
                docs: Some(docs),
                catalog: Some(catalog),
                line: Some(line),
            });
        };
        // Under a key with a status (and so for rows without a code), statuses are the key.
        if columns.status.is_some() && key.1.is_none() {
            let docs_statuses: BTreeSet<u16> = docs_rows
                .iter()
                .flat_map(|row| row.statuses.iter().copied())
                .collect();
            let catalog_statuses: BTreeSet<u16> = entry.statuses.iter().copied().collect();
            if !docs_statuses.is_empty() && docs_statuses != catalog_statuses {
                report(
                    "status",
                    Side::Statuses(docs_statuses.into_iter().collect()),
                    Side::Statuses(catalog_statuses.into_iter().collect()),
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
                category: category_of(key, entry.category),
                sub_code_of: None,
                variant: Some(entry.variant),
                field: None,
                docs: None,
                catalog: Some(Side::Entry(EntrySummary::from(*entry))),
                line: None,
            });
        }
    }
    if by_status {
        pair_status_changes(&mut found);
    }
    found.sort_by(|a, b| {
        (a.change, &a.code, a.status, &a.category).cmp(&(b.change, &b.code, b.status, &b.category))
    });
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
            .find(|&j| {
                let removed = found[j].catalog.as_ref().and_then(Side::message);
                let added = found[i].docs.as_ref().and_then(Side::message);
                removed
                    .zip(added)
                    .is_some_and(|(removed, added)| same_text(removed, added))
            })
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
            added.catalog = Some(Side::Status(removed.status));
            added.docs = Some(Side::Status(added.status));
            found.remove(j);
            i = 0;
        } else {
            i += 1;
        }
    }
}

fn compare_sub_codes(entry: &Entry, columns: &DocsColumns, rows: &[MappedRow]) -> Vec<Drift> {
    let mut found = Vec::new();
    let drift = |change, code: &str, variant, field, docs, catalog, line| Drift {
        change,
        code: code.to_owned(),
        status: None,
        category: None,
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
                Some(Side::Row((*row).clone())),
                None,
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
                        Some(docs),
                        Some(catalog),
                        Some(line),
                    ));
                },
            ),
        }
    }
    for sub in entry.sub_codes {
        if !rows.iter().any(|row| row.code == sub.code) {
            found.push(drift(
                Change::Removed,
                sub.code,
                Some(sub.name),
                None,
                None,
                Some(Side::SubCode(sub.into())),
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
