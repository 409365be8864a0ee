//! Scaffolding a catalog from a docs page: the `import` command (`contract_tests::cli`).
//!
//! Finds the page's error tables, guesses which columns hold what (and says so), merges rows
//! that repeat across tables, and prints a `provider_errors!` invocation that compiles in a
//! crate that depends on `catalog-core` alone. Retry, kind and actor are inferred from each
//! row's status and wording and checked against `catalog_core::rules`, so the output keeps
//! the rules; each inference is marked `// review:` for the person who finishes the catalog.

use std::collections::BTreeSet;
use std::fmt;

use catalog_core::KeyMode;

use crate::page::{self, DocsTable, mapped_rows};

mod columns;
mod infer;
mod key;
mod naming;
mod render;
mod rows;
mod wire;

pub use wire::RecordedResponse;

use columns::{Guessed, describe, examples_apart, guess, page_samples};
use key::{merge, needs_category_key, needs_status_key};
use naming::category_ident;
use rows::{Row, is_number};

/// What `import` needs besides the page.
#[derive(Clone, Debug)]
pub struct ImportOptions<'a> {
    /// The provider id (kebab-case).
    pub id: &'a str,
    /// A human name; defaults to the id.
    pub name: Option<&'a str>,
    /// Where the page came from, for the notes and, failing all else, the `docs` setting.
    pub source: &'a str,
    /// The catalog's docs address (`--base-url`); without it, a `source:` line of the page,
    /// the pages' common address, or `source`.
    pub docs_url: Option<&'a str>,
    /// Where each page starts, when the tables come from several pages whose lines count on
    /// from page to page: notes then name a row's page and its own line.
    pub pages: &'a [PageStart],
    /// Recorded responses: they decide the wire pointers over the page's own samples.
    pub recorded: &'a [RecordedResponse],
}

impl<'a> ImportOptions<'a> {
    /// Options for a provider id and a page read from `source`, with nothing else given.
    pub fn new(id: &'a str, source: &'a str) -> Self {
        ImportOptions {
            id,
            name: None,
            source,
            docs_url: None,
            pages: &[],
            recorded: &[],
        }
    }
}

/// Where a page starts among the lines of pages read together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageStart {
    /// The page's path or address.
    pub origin: String,
    /// The lines of the pages before it.
    pub offset: usize,
}

/// Names a line of the pages read: `docs line 12`, or `item.html line 12` among several.
pub(crate) struct Lines<'a>(pub(crate) &'a [PageStart]);

impl Lines<'_> {
    pub(crate) fn at(&self, line: usize) -> String {
        if self.0.len() <= 1 {
            return format!("docs line {line}");
        }
        match self.0.iter().rev().find(|page| page.offset < line) {
            // Escaped: a file name holding a line break would end the note's comment.
            Some(page) => format!("{} line {}", page.origin.escape_debug(), line - page.offset),
            None => format!("docs line {line}"),
        }
    }
}

/// Why a page could not be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImportError {
    /// The id is not kebab-case.
    BadId(String),
    /// No table has a column that holds codes.
    NoErrorTable {
        /// The header rows of the tables the page has.
        found: Vec<String>,
    },
    /// The error tables have no row with a code: a catalog needs at least one.
    NoRows {
        /// The header rows of the error tables.
        tables: Vec<String>,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::BadId(id) => write!(
                f,
                "`{id}` is not a provider id: use lowercase kebab-case, e.g. `my-provider`"
            ),
            ImportError::NoErrorTable { found } if found.is_empty() => {
                f.write_str("the page has no tables")
            }
            ImportError::NoErrorTable { found } => write!(
                f,
                "no table of the page has a code column (a header such as \"Code\", \"Error Code\" or \"Reason Code\"); its tables have: {}",
                found.join("; ")
            ),
            ImportError::NoRows { tables } => write!(
                f,
                "the error tables have no row with a code, and a catalog needs one: {}",
                tables.join("; ")
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Reads a docs page (Markdown) and prints a `provider_errors!` invocation for it.
pub fn import(page: &str, options: &ImportOptions<'_>) -> Result<String, ImportError> {
    import_tables(page, &page::tables(page), options)
}

/// Prints a `provider_errors!` invocation for the tables of a page read by other means (an
/// HTML page, several pages); `page` is the pages' text, searched for a `source:` line and
/// for words that name the fields of a response (`the error_code field`).
pub fn import_tables(
    page: &str,
    tables: &[DocsTable],
    options: &ImportOptions<'_>,
) -> Result<String, ImportError> {
    let id = options.id;
    let valid_id = !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !valid_id {
        return Err(ImportError::BadId(id.to_owned()));
    }
    let all_guessed: Vec<Guessed<'_>> = tables
        .iter()
        .filter_map(|table| guess(table).map(|columns| (table, columns)))
        .collect();
    if all_guessed.is_empty() {
        return Err(ImportError::NoErrorTable {
            found: tables
                .iter()
                .map(|table| format!("line {}: {}", table.line, table.headers.join(" | ")))
                .collect(),
        });
    }
    let (examples, guessed) = examples_apart(all_guessed);
    // The widest mapping reads the tables of entries; narrower tables are reported for review
    // (they are often sub-codes of an entry above them).
    let entries_columns = guessed
        .iter()
        .map(|(_, columns)| columns.clone())
        .max_by_key(|columns| columns.as_deref().fields().count())
        .unwrap_or_default();
    let lines = Lines(options.pages);
    let mut notes = Vec::new();
    let mut rows = Vec::new();
    let mut set_aside = Vec::new();
    for (table, columns) in &guessed {
        let header = table.headers.join(" | ");
        if *columns == entries_columns {
            notes.push(format!(
                "table at {} ({header}): {}",
                lines.at(table.line),
                describe(columns)
            ));
            for row in mapped_rows(table, &columns.as_deref()) {
                if row.code.is_empty() {
                    notes.push(format!(
                        "row at {} has no code: left out, add it by hand",
                        lines.at(row.line)
                    ));
                } else {
                    let mut row = Row::from(row);
                    row.url.clone_from(&table.url);
                    rows.push(row);
                }
            }
        } else {
            notes.push(format!(
                "table at {} ({header}): set aside, its columns differ from the tables of entries",
                lines.at(table.line)
            ));
            set_aside.push((*table, columns.clone()));
        }
    }
    notes.extend(examples.iter().map(|(table, _)| {
        format!(
            "sections at {}: example responses of codes a table lists; read for the wire format only",
            lines.at(table.line)
        )
    }));

    if rows.is_empty() {
        return Err(ImportError::NoRows {
            tables: guessed
                .iter()
                .filter(|(_, columns)| *columns == entries_columns)
                .map(|(table, _)| {
                    format!("{}: {}", lines.at(table.line), table.headers.join(" | "))
                })
                .collect(),
        });
    }
    // A group is one page: sections of one name on pages of different addresses (each page's
    // "Errors") are told apart by the address.
    let mut homes: Vec<(String, Option<String>)> = Vec::new();
    for row in &mut rows {
        let Some(section) = row.section.clone() else {
            continue;
        };
        let elsewhere = homes
            .iter()
            .any(|(name, url)| *name == section && *url != row.url);
        if elsewhere && let Some(url) = &row.url {
            row.section = Some(format!("{section} ({url})"));
        }
        if !homes
            .iter()
            .any(|(name, url)| *name == section && *url == row.url)
        {
            homes.push((section, row.url.clone()));
        }
    }
    // The placeholder goes in before rows are keyed and merged, so that it is a key like any
    // other status.
    for row in &mut rows {
        if row.statuses.is_empty() {
            row.statuses.push(400);
            row.status_placeholder = true;
        }
    }
    // Spellings of a type that name one category (`Data Connect Fix`, `Data-Connect Fix`) are
    // one type: the first spelling stands for them, so that rows key and merge as printed.
    let mut spellings: Vec<(String, String)> = Vec::new();
    for row in &mut rows {
        let Some(category) = row.category.as_mut() else {
            continue;
        };
        let ident = category_ident(category);
        match spellings.iter().find(|(known, _)| *known == ident) {
            Some((_, first)) => category.clone_from(first),
            None => spellings.push((ident, category.clone())),
        }
    }
    // So does the type of a row whose docs give none: every row needs the cell, and a row
    // given one only when printed could declare the key of a row of that type again.
    if entries_columns.category.is_some()
        && let Some(first) = rows.iter().find_map(|row| row.category.clone())
    {
        for row in rows.iter_mut().filter(|row| row.category.is_none()) {
            row.category = Some(first.clone());
            row.category_placeholder = true;
        }
    }
    let numeric = rows.iter().all(|row| is_number(&row.code));
    let by_category = needs_category_key(&rows);
    // One key per catalog: a code shared across types is told apart by its type first.
    let by_status = !by_category && needs_status_key(&rows);
    notes.push(format!(
        "codes are {}",
        if numeric { "numbers" } else { "strings" }
    ));
    notes.push(if by_category {
        "key: (category, code), since a code appears under several error types".to_owned()
    } else if by_status {
        "key: (status, code), since a code appears under several statuses".to_owned()
    } else {
        "key: code".to_owned()
    });
    let key = if by_category {
        KeyMode::CategoryCode
    } else if by_status {
        KeyMode::StatusCode
    } else {
        KeyMode::Code
    };
    let codes: BTreeSet<&str> = rows.iter().map(|row| row.code.as_str()).collect();
    let tables_of_entries = guessed
        .iter()
        .filter(|(_, columns)| *columns == entries_columns);
    let mut wire = wire::infer(
        &page_samples(tables_of_entries.chain(&examples)),
        options.recorded,
        &codes,
        page,
        &lines,
    );
    // Guesses of an error's fields go where the code is: inside its list, if it has one.
    let guess = |field: &str| match &wire.list {
        Some(list) => format!("{list}/*/{field}"),
        None => format!("/{field}"),
    };
    if wire.message.is_none() {
        let pointer = guess("message");
        if wire.code.is_some() {
            wire.notes.push(format!(
                "wire: no sample names the message field; {pointer:?} is a guess"
            ));
        }
        wire.message = Some(pointer);
    }
    if key == KeyMode::CategoryCode && wire.category.is_none() {
        let pointer = guess("category");
        wire.notes.push(format!(
            "wire: no sample names the type field; {pointer:?} is a guess"
        ));
        wire.category = Some(pointer);
    }
    notes.extend(wire.notes.iter().cloned());
    let rows = merge(rows, key);
    let planned = infer::plan(rows, numeric, key);
    Ok(render::render(
        options,
        page,
        &notes,
        &entries_columns,
        &planned,
        &set_aside,
        numeric,
        key,
        &wire,
        &lines,
    ))
}
