//! Scaffolding a catalog from a docs page: the `import` command (`contract_tests::cli`).
//!
//! Finds the page's error tables, guesses which columns hold what (and says so), merges rows
//! that repeat across tables, and prints a `provider_errors!` invocation that compiles in a
//! crate that depends on `catalog-core` alone. Retry, kind and actor are inferred from each
//! row's status and wording and checked against `catalog_core::rules`, so the output keeps
//! the rules; each inference is marked `// review:` for the person who finishes the catalog.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use catalog_core::KeyMode;

use crate::openapi::SpecErrors;
use crate::page::{self, DocsTable, mapped_rows};

mod columns;
mod cues;
mod explain;
mod infer;
mod key;
mod naming;
mod render;
mod rows;
mod wire;

pub use wire::RecordedResponse;

use catalog_core::{DocsColumns, Profile};
use columns::{Guessed, advice_header, describe, examples_apart, guess, page_samples};
use infer::Planned;
use key::{merge, needs_category_key, needs_status_key};
use naming::category_ident;
use rows::{Row, Seen, StatusFrom, is_number};
use wire::Wire;

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
    /// Recorded responses: they decide the wire pointers over the page's own samples, and
    /// teach each code's statuses, the codes no page lists, and more.
    pub recorded: &'a [RecordedResponse],
    /// What an OpenAPI spec declares of the errors (`--openapi`): it decides the wire where no
    /// recorded response does, gives codes the pages lack, and statuses its examples tie.
    pub openapi: Option<&'a SpecErrors>,
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
            openapi: None,
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

impl PageStart {
    /// The page of `pages` (in reading order) that holds `line` of the pages read together,
    /// and the line on that page: the one answer for every message that names a page's line.
    pub fn locate(pages: &[PageStart], line: usize) -> Option<(&PageStart, usize)> {
        let page = pages.iter().rev().find(|page| page.offset < line)?;
        Some((page, line - page.offset))
    }
}

/// Names a line of the pages read: `docs line 12`, or `item.html line 12` among several.
pub(crate) struct Lines<'a>(pub(crate) &'a [PageStart]);

impl Lines<'_> {
    pub(crate) fn at(&self, line: usize) -> String {
        if self.0.len() <= 1 {
            return format!("docs line {line}");
        }
        match PageStart::locate(self.0, line) {
            // Escaped: a file name holding a line break would end the note's comment.
            Some((page, line)) => format!("{} line {line}", page.origin.escape_debug()),
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
    /// An OpenAPI spec gives the shape of its errors but no codes, and nothing else does.
    NoCodes {
        /// The wire the spec gives, as `import` would write it.
        shape: String,
    },
    /// The error tables have no row with a code: a catalog needs at least one.
    NoRows {
        /// The header rows of the error tables.
        tables: Vec<String>,
    },
}

/// The layouts of errors `import` reads, for the message when a page holds none.
const LAYOUTS: &str = "tried tables with a code column, sections headed by a code (`### CARD_DECLINED`, `101 - Invalid card`) with or without a sample response, and definition lists of codes";

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::BadId(id) => write!(
                f,
                "`{id}` is not a provider id: use lowercase kebab-case, e.g. `my-provider`"
            ),
            ImportError::NoErrorTable { found } if found.is_empty() => write!(
                f,
                "no errors found: {LAYOUTS}; the page has no table, no definition list of codes, and no two headings that hold codes (a single code heading needs a sample response under it)"
            ),
            ImportError::NoErrorTable { found } => write!(
                f,
                "no errors found: {LAYOUTS}; the nearest is a table without a code column (a header such as \"Code\", \"Error Code\" or \"Reason Code\"): its tables have: {}",
                found.join("; ")
            ),
            ImportError::NoCodes { shape } => write!(
                f,
                "the OpenAPI spec gives the shape of its errors, `wire: {shape}`, but enumerates no codes: pass the docs page that lists them (--docs PAGE) or recorded responses (--sample FILE)"
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

/// What `import` made of the pages: the catalog, why each row is as it is, and what the
/// person running it must know at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The `provider_errors!` invocation, with what was guessed and a `// review:` line per
    /// row.
    pub catalog: String,
    /// For each row, what decided its status, retry, kind and actor, and a summary: the
    /// `--explain` output.
    pub explanation: String,
    /// What must not go unseen: a docs address that is no URL, pages that were not read.
    pub warnings: Vec<String>,
}

/// Everything decided, for printing and explaining.
struct Plan<'a> {
    options: &'a ImportOptions<'a>,
    page: &'a str,
    notes: Vec<String>,
    columns: DocsColumns<String>,
    planned: Vec<Planned>,
    set_aside: Vec<(&'a DocsTable, DocsColumns<String>)>,
    numeric: bool,
    key: KeyMode,
    wire: Wire,
    profile: Profile,
    lines: Lines<'a>,
    warnings: Vec<String>,
    /// Whether the catalog declares categories (a type column, or a spec's categories).
    categories: bool,
    /// Whether any docs table was read (else the catalog maps no docs table).
    tables: bool,
}

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
    import_all(page, tables, options).map(|imported| imported.catalog)
}

/// [`import_tables`], with the explanation of every row and the warnings beside the catalog.
pub fn import_all(
    page: &str,
    tables: &[DocsTable],
    options: &ImportOptions<'_>,
) -> Result<Imported, ImportError> {
    let plan = plan(page, tables, options)?;
    Ok(Imported {
        catalog: render::render(&plan),
        explanation: explain::explain(&plan),
        warnings: plan.warnings.clone(),
    })
}

fn check_id(id: &str) -> Result<(), ImportError> {
    if catalog_core::is_provider_id(id) {
        Ok(())
    } else {
        Err(ImportError::BadId(id.to_owned()))
    }
}

/// Every page that gives no table of errors, named with the reason, so that no page given
/// goes unread without a word.
fn ignored_pages(
    options: &ImportOptions<'_>,
    tables: &[DocsTable],
    guessed: &[Guessed<'_>],
) -> Vec<String> {
    let mut ignored = Vec::new();
    for (i, page) in options.pages.iter().enumerate() {
        let end = options
            .pages
            .get(i + 1)
            .map_or(usize::MAX, |next| next.offset);
        let on_page = |line: usize| line > page.offset && line <= end;
        if guessed.iter().any(|(table, _)| on_page(table.line)) {
            continue;
        }
        let headers: Vec<String> = tables
            .iter()
            .filter(|table| on_page(table.line))
            .map(|table| table.headers.join(" | "))
            .collect();
        let why = if headers.is_empty() {
            "it holds no table, section or definition list of codes".to_owned()
        } else {
            format!(
                "none of its tables has a code column: {}",
                headers.join("; ")
            )
        };
        ignored.push(format!(
            "page {} ignored: {why}",
            page.origin.escape_debug()
        ));
    }
    ignored
}

fn plan<'a>(
    page: &'a str,
    tables: &'a [DocsTable],
    options: &'a ImportOptions<'a>,
) -> Result<Plan<'a>, ImportError> {
    check_id(options.id)?;
    let all_guessed: Vec<Guessed<'_>> = tables
        .iter()
        .filter_map(|table| guess(table).map(|columns| (table, columns)))
        .collect();
    let spec_codes = options.openapi.is_some_and(|spec| !spec.codes.is_empty());
    if all_guessed.is_empty() && !spec_codes {
        if let Some(spec) = options.openapi {
            return Err(ImportError::NoCodes {
                shape: render::spec_shape(spec),
            });
        }
        return Err(ImportError::NoErrorTable {
            found: tables
                .iter()
                .map(|table| format!("line {}: {}", table.line, table.headers.join(" | ")))
                .collect(),
        });
    }
    let ignored = ignored_pages(options, tables, &all_guessed);
    let (examples, guessed) = examples_apart(all_guessed);
    // The widest mapping reads the tables of entries; narrower tables are reported for review
    // (they are often sub-codes of an entry above them).
    let entries_columns = guessed
        .iter()
        .map(|(_, columns)| columns.clone())
        .max_by_key(|columns| columns.as_deref().fields().count())
        .unwrap_or_default();
    let lines = Lines(options.pages);
    let mut notes = ignored.clone();
    let (mut rows, set_aside) = read_rows(&guessed, &entries_columns, &lines, &mut notes);
    notes.extend(examples.iter().map(|(table, _)| {
        format!(
            "sections at {}: example responses of codes a table lists; read for the wire format only",
            lines.at(table.line)
        )
    }));
    if let Some(spec) = options.openapi {
        notes.extend(spec.notes.iter().cloned());
        add_spec_codes(&mut rows, spec, !guessed.is_empty());
    }
    if !rows.iter().any(Row::has_code) {
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
    separate_homes(&mut rows);

    // The recorded responses and the page's samples: where the code is, and what each code
    // was seen with.
    let codes: BTreeSet<&str> = rows
        .iter()
        .filter(|row| row.has_code())
        .map(|row| row.code.as_str())
        .collect();
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
    if let Some(spec) = options.openapi {
        wire_from_spec(&mut wire, spec);
    }
    let spec_statuses = options.openapi.map_or(&[][..], |spec| &spec.statuses[..]);
    learn_statuses(&mut rows, &wire, spec_statuses, &mut notes);
    add_unlisted(&mut rows, &wire);
    adopt_types(&mut rows, &wire, &entries_columns, &mut notes);

    let categories =
        entries_columns.category.is_some() || rows.iter().any(|row| row.category.is_some());
    unify_categories(&mut rows, categories);
    let (numeric, key) = choose_key(&rows, &mut notes);
    guess_missing_pointers(&mut wire, key);
    notes.extend(wire.notes.iter().cloned());
    let profile = Profile::PLAIN.with_errors_in_2xx(
        wire.errors_in_2xx
            || rows
                .iter()
                .flat_map(|row| &row.statuses)
                .any(|status| (200..300).contains(status)),
    );
    let rows = merge(rows, key);
    let planned = infer::plan(rows, numeric, key, profile);
    let mut warnings = ignored;
    if render::docs_url(options, page, &planned).is_none() {
        warnings.push(format!(
            "no page gives its address (a canonical link or a `source:` line) and {} is no URL: `docs` is left empty; pass --base-url https://... to name the docs",
            options.source.escape_debug()
        ));
    }
    Ok(Plan {
        options,
        page,
        notes,
        columns: entries_columns,
        planned,
        set_aside,
        numeric,
        key,
        wire,
        profile,
        lines,
        warnings,
        categories,
        tables: !guessed.is_empty(),
    })
}

/// The rows' types where the docs give none: an advice column whose values the samples send as
/// a field, or the types the recordings send each code under.
fn adopt_types(
    rows: &mut [Row],
    wire: &Wire,
    entries_columns: &DocsColumns<String>,
    notes: &mut Vec<String>,
) {
    // An advice column whose values the samples send as a field is the type too.
    let advice_sent = entries_columns.category.is_none()
        && rows.iter().any(|row| {
            row.advice.as_ref().is_some_and(|advice| {
                row.seen
                    .category
                    .as_ref()
                    .is_some_and(|sent| sent.eq_ignore_ascii_case(advice))
            })
        });
    if advice_sent {
        notes.push(format!(
            "the advice column is sent as a field ({}): it is each row's type too",
            wire.category.as_deref().unwrap_or("the type")
        ));
        for row in rows.iter_mut() {
            row.category.clone_from(&row.advice);
        }
    }
    // The type the recordings send each code under, where the docs give none and the
    // recordings hold more than one: the catalog declares them.
    let recorded_types: BTreeSet<&str> = wire
        .seen
        .iter()
        .filter_map(|(_, seen)| seen.category.as_deref())
        .collect();
    if entries_columns.category.is_none() && wire.decided_by_recordings && recorded_types.len() > 1
    {
        notes.push(format!(
            "types from the recorded responses: {}; each row takes its code's",
            recorded_types
                .iter()
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
        ));
        for row in rows.iter_mut() {
            if row.category.is_none() {
                row.category.clone_from(&row.seen.category);
            }
        }
    }
}

/// Whether codes are numbers, and the key: the code alone unless a code appears under several
/// types or statuses; each decision noted.
fn choose_key(rows: &[Row], notes: &mut Vec<String>) -> (bool, KeyMode) {
    let numeric = rows
        .iter()
        .filter(|row| row.has_code())
        .all(|row| is_number(&row.code));
    let key = if needs_category_key(rows) {
        // One key per catalog: a code shared across types is told apart by its type first.
        KeyMode::CategoryCode
    } else if needs_status_key(rows) {
        KeyMode::StatusCode
    } else {
        KeyMode::Code
    };
    notes.push(format!(
        "codes are {}",
        if numeric { "numbers" } else { "strings" }
    ));
    notes.push(match key {
        KeyMode::CategoryCode => {
            "key: (category, code), since a code appears under several error types".to_owned()
        }
        KeyMode::StatusCode => {
            "key: (status, code), since a code appears under several statuses".to_owned()
        }
        KeyMode::Code => "key: code".to_owned(),
    });
    (numeric, key)
}

/// The codes an OpenAPI spec enumerates: rows of their own, in a group named after the spec;
/// beside a page, only those the page lacks, marked `added(...)`.
fn add_spec_codes(rows: &mut Vec<Row>, spec: &SpecErrors, beside_pages: bool) {
    let group = spec
        .title
        .clone()
        .unwrap_or_else(|| "OpenAPI spec".to_owned());
    for code in &spec.codes {
        if rows.iter().any(|row| row.code == code.code) {
            continue;
        }
        let mut row = Row::of_code(&code.code);
        if let Some(description) = &code.description {
            // The first sentence is the message, the rest the remediation.
            match description.split_once(". ") {
                Some((first, rest)) if !rest.trim().is_empty() => {
                    row.message = Some(format!("{first}."));
                    row.remediation = Some(rest.trim().to_owned());
                }
                _ => row.message = Some(description.clone()),
            }
        }
        row.category.clone_from(&code.category);
        row.section = Some(group.clone());
        row.url.clone_from(&spec.docs_url);
        row.from_spec = true;
        if beside_pages {
            row.added = Some("in the OpenAPI spec, on no page".to_owned());
        }
        rows.push(row);
    }
    // Codes the page lists get the statuses the spec's examples tie to them.
    for row in rows.iter_mut() {
        for (code, status) in &spec.ties {
            if *code == row.code && !row.spec_statuses.contains(status) {
                row.spec_statuses.push(*status);
            }
        }
    }
}

/// Where no recorded response decided the wire, the spec's error schema does.
fn wire_from_spec(wire: &mut Wire, spec: &SpecErrors) {
    let Some(code) = spec.wire.code.clone() else {
        return;
    };
    if wire.decided_by_recordings {
        wire.notes.push(format!(
            "wire: the recorded responses decide over the OpenAPI spec's {code:?}"
        ));
        return;
    }
    // The page's own guesses give way to the spec.
    wire.notes
        .retain(|note| !note.starts_with("wire: no sample"));
    wire.notes.push(format!(
        "wire: from the OpenAPI spec's {} schema: code at {code:?}",
        spec.wire.schema.as_deref().unwrap_or("error")
    ));
    wire.list = code.find("/*").map(|at| code[..at].to_owned());
    wire.code = Some(code);
    wire.others.clear();
    wire.message.clone_from(&spec.wire.message);
    wire.category.clone_from(&spec.wire.category);
    wire.sub_code.clone_from(&spec.wire.sub_code);
    if spec.wire.request_id.is_some() || spec.wire.request_id_header.is_some() {
        wire.request_id.clone_from(&spec.wire.request_id);
        wire.request_id_header
            .clone_from(&spec.wire.request_id_header);
    }
}

/// The rows of the tables of entries (those read through `columns`), with their advice; the
/// other tables set aside; each noted.
fn read_rows<'t>(
    guessed: &[Guessed<'t>],
    entries_columns: &DocsColumns<String>,
    lines: &Lines<'_>,
    notes: &mut Vec<String>,
) -> (Vec<Row>, Vec<(&'t DocsTable, DocsColumns<String>)>) {
    let mut rows = Vec::new();
    let mut set_aside = Vec::new();
    for (table, columns) in guessed {
        let header = table.headers.join(" | ");
        if columns != entries_columns {
            notes.push(format!(
                "table at {} ({header}): set aside, its columns differ from the tables of entries",
                lines.at(table.line)
            ));
            set_aside.push((*table, columns.clone()));
            continue;
        }
        let advice = advice_header(table);
        notes.push(format!(
            "table at {} ({header}): {}{}",
            lines.at(table.line),
            describe(columns),
            advice.as_ref().map_or_else(String::new, |advice| format!(
                "; {advice:?} is advice, read as words before the message"
            ))
        ));
        let advice_at = advice.and_then(|header| table.column(&header));
        for row in mapped_rows(table, &columns.as_deref()) {
            // An empty code cell beside a status is an error sent without a code (Stripe's
            // `api_error`): a row without a code, keyed by its statuses. Without a status
            // nothing keys it.
            if row.code.is_empty() && row.statuses.is_empty() {
                notes.push(format!(
                    "row at {} has no code and no status: left out, add it by hand",
                    lines.at(row.line)
                ));
                continue;
            }
            if row.code.is_empty() {
                let statuses: Vec<String> = row.statuses.iter().map(u16::to_string).collect();
                notes.push(format!(
                    "row at {} has no code: a row without one (`_`), for the errors sent without a code at HTTP {}",
                    lines.at(row.line),
                    statuses.join(" or ")
                ));
            }
            let advice = advice_at.and_then(|at| {
                let cells = &table.rows.iter().find(|docs| docs.line == row.line)?.cells;
                crate::table::value(cells.get(at)?).map(str::to_owned)
            });
            let mut row = Row::from(row);
            row.url.clone_from(&table.url);
            row.advice = advice;
            rows.push(row);
        }
    }
    (rows, set_aside)
}

/// A group is one page: sections of one name on pages of different addresses (each page's
/// "Errors") are told apart by the address.
fn separate_homes(rows: &mut [Row]) {
    let mut homes: Vec<(String, Option<String>)> = Vec::new();
    for row in rows {
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
}

/// Each row's statuses: the docs', else the recordings' (every status its code came with),
/// else a placeholder the rules pair with its words. This goes in before rows are keyed and
/// merged, so that a status is a key like any other.
fn learn_statuses(rows: &mut [Row], wire: &Wire, spec_statuses: &[u16], notes: &mut Vec<String>) {
    // The statuses the docs give each code, over all its rows.
    let mut documented: Vec<(String, Vec<u16>)> = Vec::new();
    for row in rows.iter().filter(|row| row.has_code()) {
        match documented.iter_mut().find(|(code, _)| *code == row.code) {
            Some((_, statuses)) => statuses.extend(&row.statuses),
            None => documented.push((row.code.clone(), row.statuses.clone())),
        }
    }
    for (code, statuses) in &documented {
        let Some((_, seen)) = wire.seen.iter().find(|(known, _)| known == code) else {
            continue;
        };
        let other: Vec<String> = seen
            .statuses
            .iter()
            .filter(|status| !statuses.contains(status))
            .map(u16::to_string)
            .collect();
        if !statuses.is_empty() && !other.is_empty() {
            notes.push(format!(
                "{code} was also recorded with status {}, which the docs do not give: review",
                other.join(" and ")
            ));
        }
    }
    for row in rows.iter_mut() {
        if let Some((_, seen)) = wire
            .seen
            .iter()
            .find(|(code, _)| row.has_code() && *code == row.code)
        {
            row.seen = seen.clone();
        }
    }
    // The statuses each type's recorded codes came with, counting responses sent under that
    // type only: a code of that type that no response shows takes them when they are one
    // status (every `card_error` came with 402), unless its words or name give a kind that
    // status cannot have (`resource_missing` is no 400 because its siblings were).
    let mut by_type: BTreeMap<&str, (BTreeSet<u16>, usize)> = BTreeMap::new();
    for row in rows.iter() {
        if let Some(category) = row.category.as_deref()
            && !row.seen.statuses.is_empty()
            && row
                .seen
                .category
                .as_deref()
                .is_some_and(|sent| category_ident(sent) == category_ident(category))
        {
            let (statuses, codes) = by_type.entry(category).or_default();
            statuses.extend(&row.seen.statuses);
            *codes += 1;
        }
    }
    let type_status: BTreeMap<String, (u16, usize)> = by_type
        .into_iter()
        .filter_map(|(category, (statuses, codes))| {
            let mut statuses = statuses.into_iter();
            match (statuses.next(), statuses.next()) {
                (Some(status), None) => Some((category.to_owned(), (status, codes))),
                _ => None,
            }
        })
        .collect();
    for row in rows.iter_mut() {
        if !row.statuses.is_empty() {
            continue;
        }
        if !row.seen.statuses.is_empty() {
            row.statuses = row.seen.statuses.clone();
            row.status_from = StatusFrom::Samples(format!(
                "{} response(s), first in {}",
                row.seen.count,
                row.seen.first.as_deref().unwrap_or("a recording")
            ));
            continue;
        }
        if !row.spec_statuses.is_empty() {
            row.statuses = row.spec_statuses.clone();
            row.status_from =
                StatusFrom::Spec("its examples under the operations' error responses".to_owned());
            continue;
        }
        // Neither: the status its type's codes came with, if its words allow it, or the
        // placeholder that goes with them.
        let kind = infer::kind_without_status(row);
        let of_its_type = row
            .category
            .as_ref()
            .and_then(|category| type_status.get(category).map(|found| (category, found)))
            .filter(|(_, (status, _))| infer::status_fits(*status, kind));
        if let Some((category, (status, codes))) = of_its_type {
            row.statuses = vec![*status];
            row.status_from = StatusFrom::Samples(format!(
                "none of its own; the {codes} recorded code(s) of its type {category} all came with {status}"
            ));
        } else {
            row.statuses = vec![infer::placeholder_status(kind, spec_statuses)];
            row.status_from = StatusFrom::Placeholder;
        }
    }
}

/// Codes the recordings hold and no page lists, and errors they hold without a code: rows of
/// their own, `added(...)`, for review.
fn add_unlisted(rows: &mut Vec<Row>, wire: &Wire) {
    for (code, seen) in &wire.seen {
        if rows.iter().any(|row| row.code == *code) || seen.statuses.is_empty() {
            continue;
        }
        rows.push(recorded_row(code, None, seen));
    }
    // Errors recorded without a code, which no row without a code of the docs takes.
    for seen in &wire.codeless {
        let taken = rows.iter().any(|row| {
            !row.has_code()
                && row.category == seen.category
                && row
                    .statuses
                    .iter()
                    .any(|status| seen.statuses.contains(status))
        });
        if !taken {
            rows.push(recorded_row("", seen.category.clone(), seen));
        }
    }
}

/// A row of what the recordings showed of a code (empty: sent without one), on no page.
fn recorded_row(code: &str, category: Option<String>, seen: &Seen) -> Row {
    let first = seen.first.as_deref().unwrap_or("a recording");
    let sent = if code.is_empty() {
        " without a code"
    } else {
        ""
    };
    let mut row = Row::of_code(code);
    row.statuses = seen.statuses.clone();
    row.message = seen.message.clone();
    row.category = category;
    row.seen = seen.clone();
    row.status_from = StatusFrom::Samples(format!(
        "{} response(s){sent}, first in {first}",
        seen.count
    ));
    row.added = Some(if code.is_empty() {
        format!("sent without a code, first seen in {first}")
    } else {
        format!("first seen in {first}")
    });
    row.line = 0;
    row
}

/// Spellings of a type that name one category (`Data Connect Fix`, `Data-Connect Fix`) are one
/// type: the first spelling stands for them, so that rows key and merge as printed. So does
/// the type of a row whose docs give none: every row needs the cell, and a row given one only
/// when printed could declare the key of a row of that type again.
fn unify_categories(rows: &mut [Row], declared: bool) {
    let mut spellings: Vec<(String, String)> = Vec::new();
    for row in rows.iter_mut() {
        let Some(category) = row.category.as_mut() else {
            continue;
        };
        let ident = category_ident(category);
        match spellings.iter().find(|(known, _)| *known == ident) {
            Some((_, first)) => category.clone_from(first),
            None => spellings.push((ident, category.clone())),
        }
    }
    if declared && let Some(first) = rows.iter().find_map(|row| row.category.clone()) {
        for row in rows.iter_mut().filter(|row| row.category.is_none()) {
            row.category = Some(first.clone());
            row.category_placeholder = true;
        }
    }
}

/// Guesses of an error's fields go where the code is: inside its list, if it has one.
fn guess_missing_pointers(wire: &mut Wire, key: KeyMode) {
    let guess = |list: &Option<String>, field: &str| match list {
        Some(list) => format!("{list}/*/{field}"),
        None => format!("/{field}"),
    };
    if wire.message.is_none() {
        let pointer = guess(&wire.list, "message");
        if wire.code.is_some() {
            wire.notes.push(format!(
                "wire: no sample names the message field; {pointer:?} is a guess"
            ));
        }
        wire.message = Some(pointer);
    }
    if key == KeyMode::CategoryCode && wire.category.is_none() {
        let pointer = guess(&wire.list, "category");
        wire.notes.push(format!(
            "wire: no sample names the type field; {pointer:?} is a guess"
        ));
        wire.category = Some(pointer);
    }
}
