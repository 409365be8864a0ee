//! Scaffolding a catalog from a docs page: the `import` command (`contract_tests::cli`).
//!
//! Finds the page's error tables, guesses which columns hold what (and says so), merges rows
//! that repeat across tables, and prints a `provider_errors!` invocation that compiles in a
//! crate that depends on `catalog-core` alone. Retry, kind and actor are inferred from each
//! row's status and wording and checked against `catalog_core::rules`, so the output keeps
//! the rules; each inference is marked `// review:` for the person who finishes the catalog.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};

use catalog_core::rules::{self, RowFacts};
use catalog_core::{Actor, DocsColumns, Kind, Profile, RetryPolicy, Rule};

use crate::page::{self, DocsTable, MappedRow, mapped_rows};

mod wire;

pub use wire::RecordedResponse;
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

/// `code = "Code", status = "HTTP"`, for the notes.
fn describe(columns: &DocsColumns<String>) -> String {
    let parts: Vec<String> = columns
        .as_deref()
        .fields()
        .map(|(field, header)| format!("{field} = {header:?}"))
        .collect();
    parts.join(", ")
}

/// `{ code: "Code", status: "HTTP" }`, for `docs_tables`.
fn docs_tables_entry(columns: &DocsColumns<String>) -> String {
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

/// Guesses a table's columns; `None` when it has no code column.
fn guess(table: &DocsTable) -> Option<DocsColumns<String>> {
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
    // Providers name the field a code is unique within its type: "Error type" is a category.
    let category = find(headers, |h| {
        h.contains("category") || h == "error type" || h == "type"
    });
    Some(DocsColumns {
        code,
        status,
        message,
        remediation,
        category,
    })
}

/// A row of an error table, as read.
#[derive(Clone, Debug)]
struct Row {
    code: String,
    statuses: Vec<u16>,
    message: Option<String>,
    remediation: Option<String>,
    category: Option<String>,
    section: Option<String>,
    sections: Vec<String>,
    line: usize,
    /// The address of its page, where the page gives one.
    url: Option<String>,
    /// The docs gave no status, and 400 stands in.
    status_placeholder: bool,
    /// The docs gave no type, and the first type of the page stands in.
    category_placeholder: bool,
}

/// A catalog row as it will be printed.
struct Planned {
    row: Row,
    variant: String,
    retry: RetryPolicy,
    kind: Kind,
    actor: Actor,
    exceptions: Vec<(Rule, String)>,
    notes: Vec<String>,
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
        Key::CategoryCode
    } else if by_status {
        Key::StatusCode
    } else {
        Key::Code
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
    if key == Key::CategoryCode && wire.category.is_none() {
        let pointer = guess("category");
        wire.notes.push(format!(
            "wire: no sample names the type field; {pointer:?} is a guess"
        ));
        wire.category = Some(pointer);
    }
    notes.extend(wire.notes.iter().cloned());
    let rows = merge(rows, key);
    let planned = plan(rows, numeric, key);
    Ok(render(
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

impl From<MappedRow> for Row {
    fn from(row: MappedRow) -> Self {
        Row {
            code: row.code,
            statuses: row.statuses,
            message: row.message,
            remediation: row.remediation,
            category: row.category,
            section: row.section,
            sections: Vec::new(),
            line: row.line,
            url: None,
            status_placeholder: false,
            category_placeholder: false,
        }
    }
}

fn is_number(code: &str) -> bool {
    !code.is_empty()
        && code.bytes().all(|b| b.is_ascii_digit())
        && !(code.len() > 1 && code.starts_with('0'))
        && code.parse::<i64>().is_ok()
}

/// What makes a row unique in the imported catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    Code,
    StatusCode,
    CategoryCode,
}

/// Whether a code appears under two different types (categories).
fn needs_category_key(rows: &[Row]) -> bool {
    let mut categories: BTreeMap<&str, &str> = BTreeMap::new();
    rows.iter().any(|row| {
        let Some(category) = row.category.as_deref() else {
            return false;
        };
        match categories.insert(&row.code, category) {
            Some(earlier) => earlier != category,
            None => false,
        }
    })
}

/// A table of the page and the columns guessed for it.
type Guessed<'t> = (&'t DocsTable, DocsColumns<String>);

/// A page's sections that only show example responses of codes its tables list (a table of
/// codes, then "Example responses" with a section for some of them) are no table of entries
/// of their own, however many columns they map: apart from the other tables.
fn examples_apart(guessed: Vec<Guessed<'_>>) -> (Vec<Guessed<'_>>, Vec<Guessed<'_>>) {
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
fn page_samples<'a>(tables: impl Iterator<Item = &'a Guessed<'a>>) -> Vec<wire::PageSample> {
    tables
        .flat_map(|(table, columns)| page::samples(table, columns))
        .map(|sample| (sample.code, sample.body, sample.line))
        .collect()
}

fn needs_status_key(rows: &[Row]) -> bool {
    let mut statuses: BTreeMap<&str, &Vec<u16>> = BTreeMap::new();
    rows.iter()
        .any(|row| match statuses.insert(&row.code, &row.statuses) {
            Some(earlier) => *earlier != row.statuses,
            None => false,
        })
}

/// One row per key; a row listed in several tables keeps the other sections for `also_in`.
/// Keyed by (status, code), a row keeps the statuses no earlier row of its code declares,
/// and merges into the first such row when none is left: each key is declared once.
fn merge(rows: Vec<Row>, key: Key) -> Vec<Row> {
    let mut merged: Vec<Row> = Vec::new();
    for mut row in rows {
        if matches!(key, Key::StatusCode) {
            row.statuses.retain(|status| {
                !merged
                    .iter()
                    .any(|earlier| earlier.code == row.code && earlier.statuses.contains(status))
            });
        }
        let same = merged.iter_mut().find(|earlier| {
            earlier.code == row.code
                && match key {
                    Key::Code => true,
                    Key::StatusCode => row.statuses.is_empty(),
                    Key::CategoryCode => earlier.category == row.category,
                }
        });
        match same {
            Some(earlier) => {
                earlier.status_placeholder &= row.status_placeholder;
                earlier.category_placeholder &= row.category_placeholder;
                if let Some(section) = row.section.filter(|section| {
                    earlier.section.as_ref() != Some(section) && !earlier.sections.contains(section)
                }) {
                    earlier.sections.push(section);
                }
            }
            None => merged.push(row),
        }
    }
    merged
}

fn words(text: &str) -> String {
    text.to_ascii_lowercase()
}

const PROFILE: Profile = Profile::PLAIN;

/// Words that name a row's kind outright, whatever its status says: checked first, and kept
/// with `allow(status_kind, "<the docs' words>")` where the status disagrees.
const STRONG_KIND_CUES: [(Kind, &[&str]); 2] = [
    (
        Kind::Unauthenticated,
        &[
            "invalid key",
            "invalid api key",
            "api key",
            "api_key",
            "api keys",
            "client id and secret",
            "client_id and secret",
            "secret key",
        ],
    ),
    // An environment the keys are not enabled for is a permission, not a credential.
    (
        Kind::PermissionDenied,
        &[
            "environment",
            "not enabled",
            "does not have access",
            "only has access",
        ],
    ),
];

/// The docs' first sentence (of the message, then the remediation) holding one of `cues`.
fn docs_sentence(row: &Row, cues: &[&str]) -> Option<String> {
    let prose = format!(
        "{}. {}",
        row.message.as_deref().unwrap_or(""),
        row.remediation.as_deref().unwrap_or("")
    );
    prose
        .split(['.', ';'])
        .map(str::trim)
        .find(|sentence| {
            let sentence = sentence.to_ascii_lowercase();
            cues.iter().any(|cue| sentence.contains(cue))
        })
        .map(str::to_owned)
}

/// Words of the docs that tell a client to send the request again: "retry later", "try
/// again", "temporarily unavailable", maintenance windows and rate limits.
const RETRY_CUES: [&str; 9] = [
    "retry",
    "resubmit",
    "try again",
    "later",
    "temporarily",
    "maintenance",
    "rate limit",
    "too many requests",
    "throttl",
];

fn plan(rows: Vec<Row>, numeric: bool, key: Key) -> Vec<Planned> {
    let mut planned: Vec<Planned> = Vec::new();
    for row in rows {
        let mut notes = Vec::new();
        if row.status_placeholder {
            notes.push("the docs give no status: 400 is a placeholder".to_owned());
        }
        if let (true, Some(category)) = (row.category_placeholder, &row.category) {
            notes.push(format!(
                "the docs give no type: {category:?}, the page's first, is a placeholder"
            ));
        }
        let status = row.statuses.first().copied().unwrap_or(400);
        let base = catalog_core::fallback(status);
        let (base_retry, base_kind) = (base.retry, base.kind);
        let text = words(&format!(
            "{} {} {}",
            row.message.as_deref().unwrap_or(""),
            row.remediation.as_deref().unwrap_or(""),
            row.code
        ));
        let allowed = |kind: Kind| {
            row.statuses
                .iter()
                .all(|&s| rules::status_kind(s, kind, PROFILE).is_ok())
        };
        let worded = [
            (Kind::RateLimited, &["rate limit", "too many"][..]),
            (
                Kind::NotFound,
                &["not found", "does not exist", "not exist"][..],
            ),
            (
                Kind::UserActionRequired,
                &[
                    "password",
                    "mfa",
                    "credential",
                    "prompt the user",
                    "the user",
                    "consent",
                ][..],
            ),
            (
                Kind::Unauthenticated,
                &[
                    "authenticat",
                    "token",
                    "unauthori",
                    "credential",
                    "oauth",
                    "signature",
                ][..],
            ),
            (
                Kind::PermissionDenied,
                &[
                    "forbidden",
                    "permission",
                    "not authorized",
                    "access denied",
                    "disabled",
                ][..],
            ),
            (
                Kind::Unsupported,
                &["not supported", "unsupported", "not available"][..],
            ),
            (
                Kind::Conflict,
                &["already", "duplicate", "conflict", "in progress"][..],
            ),
            (
                Kind::ProviderUnavailable,
                &[
                    "unavailable",
                    "maintenance",
                    "timed out",
                    "timeout",
                    "down",
                    "not respond",
                ][..],
            ),
        ]
        .into_iter()
        .find(|(kind, cues)| allowed(*kind) && cues.iter().any(|cue| text.contains(cue)));
        // Words that name the kind outright win over the status: an invalid key is a
        // credential problem even where the provider answers 400.
        // Not where the status or the words say the provider is limiting or down: "too many
        // requests for this API key" is a rate limit, "the sandbox environment is down" an
        // outage.
        let transient = row.statuses.iter().any(|&s| s == 429 || s >= 500)
            || worded.is_some_and(|(kind, _)| {
                matches!(kind, Kind::RateLimited | Kind::ProviderUnavailable)
            });
        let strong = STRONG_KIND_CUES
            .iter()
            .filter(|_| !transient)
            .find_map(|(kind, cues)| {
                cues.iter()
                    .any(|cue| text.contains(cue))
                    .then_some((*kind, *cues))
            });
        let mut kind_words: Option<String> = None;
        let mut kind = match (strong, worded) {
            (Some((kind, cues)), _) => {
                if allowed(kind) {
                    notes.push(format!("kind `{kind}` from the wording"));
                } else {
                    // The cue may be in the code alone (`INVALID_API_KEY`): the code is the
                    // docs' word then.
                    kind_words = docs_sentence(&row, cues)
                        .or_else(|| Some(format!("the code {} says so", row.code)));
                    notes.push(format!(
                        "kind `{kind}` from the wording, which status {status} would forbid: allow(status_kind) keeps the docs' words"
                    ));
                }
                kind
            }
            (None, Some((kind, _))) => {
                notes.push(format!("kind `{kind}` from the wording"));
                kind
            }
            (None, None) => {
                notes.push(format!("kind `{base_kind}` from status {status}"));
                base_kind
            }
        };
        let wants_retry = RETRY_CUES.iter().any(|cue| text.contains(cue));
        let refuses_retry = ["not possible", "never", "will always"]
            .iter()
            .any(|cue| text.contains(cue));
        let mut retry = base_retry;
        // The docs' own sentence, kept as the reason where the status disagrees with them.
        let mut docs_words: Option<String> = None;
        if wants_retry && !refuses_retry && !base_retry.is_retryable() {
            // A rate limit comes with the delay to wait (Retry-After); other retries back off.
            let rate_limited = ["rate limit", "too many", "throttl"]
                .iter()
                .any(|cue| text.contains(cue));
            let candidate = if rate_limited {
                RetryPolicy::AfterHint { retries: 3 }
            } else {
                RetryPolicy::Backoff { retries: 3 }
            };
            if row
                .statuses
                .iter()
                .all(|&s| rules::status_retry(s, candidate, PROFILE).is_ok())
            {
                retry = candidate;
                notes.push("retry from the wording".to_owned());
            } else {
                // The docs know the provider better than the status does: retry, with the kind
                // of a transient error, and the docs' words as the declared exception.
                retry = candidate;
                kind = if rate_limited {
                    Kind::RateLimited
                } else {
                    Kind::ProviderUnavailable
                };
                docs_words = docs_sentence(&row, &RETRY_CUES);
                // The retry decides the kind now, for the same words.
                kind_words.clone_from(&docs_words);
                notes.push(format!(
                    "retry and kind `{kind}` from the wording, which status {status} would forbid: allow(status_retry) keeps the docs' words"
                ));
            }
        } else {
            notes.push(format!("retry `{retry}` from status {status}"));
        }
        let actor = rules::acting_on(kind);
        // Statuses that the rules treat differently (`404 or 500`) cannot all be kept by one
        // policy or kind: declare the exception, and say so.
        let mut exceptions = Vec::new();
        for rule in Rule::ALL {
            let facts = RowFacts {
                statuses: &row.statuses,
                retry,
                kind,
                excused: catalog_core::RuleSet::EMPTY,
            };
            if rules::check_rule(facts, *rule, PROFILE).is_some() {
                let words = match rule {
                    Rule::StatusRetry => &docs_words,
                    Rule::StatusKind => &kind_words,
                };
                if let Some(words) = words {
                    exceptions.push((*rule, words.clone()));
                    continue;
                }
                let statuses: Vec<String> = row.statuses.iter().map(u16::to_string).collect();
                exceptions.push((
                    *rule,
                    format!(
                        "imported: the docs give statuses {}, which {} treats differently; review",
                        statuses.join(" and "),
                        rule.as_str()
                    ),
                ));
            }
        }
        let base = variant_name(&row, numeric);
        let taken = |name: &str| planned.iter().any(|other| other.variant == name);
        let mut variant = base.clone();
        if taken(&variant) {
            let suffix = match (key, &row.category) {
                (Key::StatusCode, _) => status.to_string(),
                (Key::CategoryCode, Some(category)) => category_ident(category),
                _ => row.code.clone(),
            };
            let suffix: String = suffix.chars().filter(char::is_ascii_alphanumeric).collect();
            variant = format!("{base}{suffix}");
        }
        let mut n = 2;
        while taken(&variant) {
            variant = format!("{base}{n}");
            n += 1;
        }
        planned.push(Planned {
            row,
            variant,
            retry,
            kind,
            actor,
            exceptions,
            notes,
        });
    }
    planned
}

/// A variant name: the code in CamelCase for string codes, the message's first words for numbers.
fn variant_name(row: &Row, numeric: bool) -> String {
    let source = if numeric {
        let message = row.message.as_deref().unwrap_or("");
        let sentence = message
            .split(['.', ';', ':', '!', '?', ','])
            .next()
            .unwrap_or("");
        sentence
            .split_whitespace()
            .take(5)
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        row.code.clone()
    };
    // "doesn't" is one word, not "doesn" and "t".
    let source = source.replace(['\'', '’'], "");
    let mut name = String::new();
    for word in source
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        let all_caps = word.chars().all(|c| !c.is_ascii_lowercase());
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            name.push(first.to_ascii_uppercase());
            let rest: String = chars.collect();
            name.push_str(&if all_caps {
                rest.to_ascii_lowercase()
            } else {
                rest
            });
        }
    }
    if name.is_empty() {
        name = format!(
            "Code{}",
            row.code
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        );
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'E');
    }
    if name == "Self" {
        name.push_str("Error");
    }
    name
}

fn type_name(id: &str) -> String {
    let name = id
        .split('-')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect::<String>();
    // A type name starts with a letter: `--id 123` gives `Provider123`.
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name
    } else {
        format!("Provider{name}")
    }
}

fn category_ident(spelling: &str) -> String {
    variant_name(
        &Row {
            code: spelling.to_owned(),
            statuses: vec![],
            message: None,
            remediation: None,
            category: None,
            section: None,
            sections: vec![],
            line: 0,
            url: None,
            status_placeholder: false,
            category_placeholder: false,
        },
        false,
    )
}

/// The address the pages' addresses share, up to a `/`: the catalog's docs page where the
/// errors are split over pages (`https://example.com/errors/` for `.../errors/item` and
/// `.../errors/card`), over the rows whose page has one.
fn common_url(planned: &[Planned]) -> Option<String> {
    let mut urls = planned.iter().filter_map(|plan| plan.row.url.as_deref());
    let first = urls.next()?;
    let mut common = first;
    for url in urls {
        let shared = common
            .char_indices()
            .zip(url.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((at, c), _)| at + c.len_utf8());
        common = &common[..shared];
    }
    if common == first {
        return Some(first.to_owned());
    }
    let cut = common.rfind('/')?;
    let common = &common[..=cut];
    // A scheme and host at least: `https://` alone is no page.
    (common.matches('/').count() >= 3).then(|| common.to_owned())
}

#[allow(clippy::too_many_arguments)]
fn render(
    options: &ImportOptions<'_>,
    page: &str,
    notes: &[String],
    columns: &DocsColumns<String>,
    planned: &[Planned],
    set_aside: &[(&DocsTable, DocsColumns<String>)],
    numeric: bool,
    key: Key,
    wire: &Wire,
    lines: &Lines<'_>,
) -> String {
    let mut out = String::new();
    let name = options.name.unwrap_or(options.id);
    let docs_url = options
        .docs_url
        .map(str::to_owned)
        // Among several pages, a `source:` line is one page's address, not the catalog's.
        .or_else(|| {
            (options.pages.len() <= 1)
                .then(|| page::source_line(page).map(str::to_owned))
                .flatten()
        })
        .or_else(|| common_url(planned))
        .unwrap_or_else(|| options.source.to_owned());
    let _ = writeln!(
        out,
        "// Imported by the `import` command from {}.",
        options.source.escape_debug()
    );
    out.push_str("// What was guessed:\n");
    for note in notes {
        let _ = writeln!(out, "//   - {note}");
    }
    out.push_str("// Retry, kind and actor of each row are inferred from its status and wording, within the\n");
    out.push_str(
        "// consistency rules; each row's `// review:` line says how. The wire notes above say\n",
    );
    out.push_str("// what decided each pointer.\n");
    out.push_str("catalog_core::provider_errors! {\n");
    let _ = writeln!(
        out,
        "    /// {}: error catalog imported from <{}>.",
        name.escape_debug(),
        docs_url.escape_debug()
    );
    let _ = writeln!(out, "    pub provider {} {{", type_name(options.id));
    let _ = writeln!(out, "        id: {:?},", options.id);
    let _ = writeln!(out, "        name: {name:?},");
    let _ = writeln!(out, "        docs: {docs_url:?},");
    let _ = writeln!(
        out,
        "        key: {},",
        match key {
            Key::Code => "code",
            Key::StatusCode => "(status, code)",
            Key::CategoryCode => "(category, code)",
        }
    );
    out.push_str("        // review: where the provider's responses carry each field.\n");
    let mut fields = vec![
        format!("code: {:?}", wire.code.as_deref().unwrap_or("/code")),
        format!(
            "message: {:?}",
            wire.message.as_deref().unwrap_or("/message")
        ),
    ];
    if let Some(request_id) = &wire.request_id {
        fields.push(format!("request_id: {request_id:?}"));
    }
    // The type field is read only where the key needs it or categories are declared.
    if let Some(category) = wire
        .category
        .as_ref()
        .filter(|_| columns.category.is_some())
    {
        fields.push(format!("category: {category:?}"));
    }
    let _ = writeln!(out, "        wire: json {{ {} }},", fields.join(", "));
    let mut categories: Vec<(String, String)> = Vec::new();
    if columns.category.is_some() {
        for plan in planned {
            if let Some(spelling) = &plan.row.category {
                let ident = category_ident(spelling);
                if !categories.iter().any(|(known, _)| *known == ident) {
                    categories.push((ident, spelling.clone()));
                }
            }
        }
        out.push_str("        categories: {\n");
        for (ident, spelling) in &categories {
            let _ = writeln!(out, "            {ident} = {spelling:?},");
        }
        out.push_str("        },\n");
    }
    let category_column = if categories.is_empty() {
        ""
    } else {
        "category | "
    };
    let _ = writeln!(
        out,
        "        columns: status | code | {category_column}variant | retry | kind | actor | message,"
    );
    let _ = writeln!(
        out,
        "        docs_tables: {{ entries: {} }},",
        docs_tables_entry(columns)
    );
    out.push_str("    }\n");

    let mut sections: Vec<(Option<String>, Option<String>)> = Vec::new();
    for plan in planned {
        if !sections
            .iter()
            .any(|(section, _)| *section == plan.row.section)
        {
            sections.push((plan.row.section.clone(), plan.row.url.clone()));
        }
    }
    for (section, url) in sections {
        let indent = if section.is_some() {
            "        "
        } else {
            "    "
        };
        out.push('\n');
        if let Some(section) = &section {
            // A group's own page, where the provider splits its errors over pages.
            match url.filter(|url| *url != docs_url) {
                Some(url) => {
                    let _ = writeln!(out, "    group {section:?} docs {url:?} {{");
                }
                None => {
                    let _ = writeln!(out, "    group {section:?} {{");
                }
            }
        }
        for plan in planned.iter().filter(|plan| plan.row.section == section) {
            let row = &plan.row;
            let _ = writeln!(
                out,
                "{indent}// review: {} ({})",
                plan.notes.join("; "),
                lines.at(row.line)
            );
            let statuses: Vec<String> = row.statuses.iter().map(u16::to_string).collect();
            let code = if numeric {
                row.code.clone()
            } else {
                format!("{:?}", row.code)
            };
            let category = match (&row.category, categories.is_empty()) {
                (Some(spelling), false) => format!("{} | ", category_ident(spelling)),
                (None, false) => {
                    // Every row needs the cell: the first category stands in, for review.
                    format!("{} | ", categories[0].0)
                }
                _ => String::new(),
            };
            let message = row.message.clone().unwrap_or_else(|| row.code.clone());
            let _ = write!(
                out,
                "{indent}{} | {code} | {category}{} | {} | {} | {} | {message:?}",
                statuses.join(" or "),
                plan.variant,
                plan.retry,
                plan.kind,
                plan.actor
            );
            if let Some(remediation) = &row.remediation {
                let _ = write!(out, "\n{indent}    => {remediation:?}");
            }
            if !row.sections.is_empty() {
                let also: Vec<String> = row.sections.iter().map(|s| format!("{s:?}")).collect();
                let _ = write!(out, "\n{indent}    also_in({})", also.join(", "));
            }
            for (rule, reason) in &plan.exceptions {
                let _ = write!(out, "\n{indent}    allow({}, {reason:?})", rule.as_str());
            }
            out.push_str(";\n");
        }
        if section.is_some() {
            out.push_str("    }\n");
        }
    }
    for (table, columns) in set_aside {
        let _ = writeln!(
            out,
            "\n    // review: the table at {} ({}) was set aside: its columns ({}) differ from the\n    // tables of entries. If it lists sub-codes of an entry above, declare them under that entry as\n    // `sub_codes {{ \"Code\" | Name | retry | kind | actor | \"message\"; }}` and map the table in docs_tables\n    // as `sub_codes of Entry: {}`. Its rows:",
            lines.at(table.line),
            table.section.as_deref().unwrap_or("no section"),
            describe(columns),
            docs_tables_entry(columns)
        );
        for row in mapped_rows(table, &columns.as_deref())
            .into_iter()
            .filter(|row| !row.code.is_empty())
        {
            let _ = writeln!(
                out,
                "    //   {:?}: {:?}",
                row.code,
                row.message.unwrap_or_default()
            );
        }
    }
    out.push_str("}\n");
    out
}
