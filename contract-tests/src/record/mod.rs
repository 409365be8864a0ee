//! `record`: responses captured in a browser, mitmproxy or Charles become recordings.
//!
//! The input is a HAR file as those tools export it (no `_expected`), or a JSON list of
//! `{"status", "headers"?, "body"}` objects (`headers` an object of names and values or a
//! HAR-style list; `body` text or any JSON value; optional `method`, `url` and `comment`).
//! Each error response is scrubbed of credentials ([`scrub`]), classified against the
//! catalog, and given an `_expected` with its code, variant, retryable, kind and actor; the
//! result goes to `<recordings>/<id>/<file stem>.har`. Responses that are not errors (2xx and
//! 3xx without a known code) and requests that got no response are left out, and said so,
//! unless the entry has an `_expected` already: a committed recording read again (as
//! `record --check recordings/<id>/*.har` does in CI) keeps every entry.
//!
//! [`Planned::review`] shows what changes against the file already there, entry by entry, as
//! `cargo insta review` does, and warns of declared wire fields that none of the responses
//! fills (a guessed `code: "/code"` where the provider sends `error_code`); keys that someone added to an `_expected` by hand (a message, a
//! delay) are kept while the entry's response stays the same.

pub mod docs;
pub mod scrub;

use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};

use base64::Engine;
use catalog_core::http::header::{HeaderName, HeaderValue};
use catalog_core::http::{HeaderMap, StatusCode};
use catalog_core::{CatalogSpec, Classification};
use fixtures::{Expected, FixtureError, Recording};
use serde_json::{Map, Value, json};

pub use scrub::{MARKER, Scrubbed};

use crate::pointers::{self, DeadPointer};
use catalog_docs::import::RecordedResponse;

/// The largest capture read: HAR exports of long sessions are big, but not larger.
const MAX_INPUT_BYTES: u64 = 512 * 1024 * 1024;

/// The keys of `_expected` that `record` writes; any other key was added by hand.
const RECORDED_KEYS: [&str; 8] = [
    "known",
    "variant",
    "code",
    "sub_code",
    "sub_variant",
    "retryable",
    "kind",
    "actor",
];

/// What happens to one entry of the recording file.
#[derive(Clone, Debug, PartialEq)]
pub enum EntryChange {
    /// The file had no entry here.
    Added {
        /// The entry's position in the recording file.
        index: usize,
        /// Method, URL and status, or the entry's comment.
        label: String,
        /// The new `_expected`.
        expected: Value,
    },
    /// The entry's `_expected` changes.
    Changed {
        /// The entry's position in the recording file.
        index: usize,
        /// Method, URL and status, or the entry's comment.
        label: String,
        /// The `_expected` in the file.
        old: Value,
        /// The `_expected` it gets.
        new: Value,
    },
    /// The entry's `_expected` gains keys it did not state (a hand-written expectation without
    /// `kind`, say) and contradicts none it did: written, but not a change for `--check`.
    Completed {
        /// The entry's position in the recording file.
        index: usize,
        /// Method, URL and status, or the entry's comment.
        label: String,
        /// The `_expected` in the file.
        old: Value,
        /// The `_expected` it gets.
        new: Value,
    },
    /// The file had an entry here that the capture lacks.
    Removed {
        /// The entry's position in the recording file.
        index: usize,
        /// Method, URL and status, or the entry's comment.
        label: String,
    },
    /// Same `_expected` as in the file.
    Unchanged {
        /// The entry's position in the recording file.
        index: usize,
    },
}

/// A recording file as `record` would write it, and how it differs from the one there.
#[derive(Clone, Debug)]
pub struct Planned {
    /// The capture read.
    pub input: PathBuf,
    /// The recording file: `<recordings>/<id>/<file stem>.har`.
    pub output: PathBuf,
    /// The credentials removed.
    pub scrubbed: Vec<Scrubbed>,
    /// Entries of the capture left out, and why.
    pub skipped: Vec<String>,
    /// Entry by entry, against the file already there.
    pub changes: Vec<EntryChange>,
    /// Declared wire fields that neither these responses nor the provider's other recordings
    /// fill: a guessed wire format that reads no code classifies every response as unknown.
    pub dead_pointers: Vec<DeadPointer>,
    har: Value,
}

impl Planned {
    /// Whether any `_expected` would change: a value it states, or an entry added or removed.
    /// Keys only added to an expectation that stated less are no change.
    pub fn changes_expectations(&self) -> bool {
        self.changes.iter().any(|change| {
            !matches!(
                change,
                EntryChange::Unchanged { .. } | EntryChange::Completed { .. }
            )
        })
    }

    /// Writes the recording file, creating its folder.
    pub fn write(&self) -> Result<(), FixtureError> {
        let fail = |message: String| FixtureError {
            path: self.output.clone(),
            location: None,
            message,
        };
        if let Some(dir) = self.output.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|error| fail(format!("cannot create its folder: {error}")))?;
        }
        let mut text = serde_json::to_string_pretty(&self.har)
            .map_err(|error| fail(format!("cannot serialize it: {error}")))?;
        text.push('\n');
        std::fs::write(&self.output, text)
            .map_err(|error| fail(format!("cannot write it: {error}")))
    }

    /// What changes, entry by entry, with a diff of each changed `_expected`; then what was
    /// scrubbed and what was left out.
    pub fn review(&self) -> String {
        let mut out = String::new();
        let count =
            |wanted: fn(&EntryChange) -> bool| self.changes.iter().filter(|c| wanted(c)).count();
        let added = count(|c| matches!(c, EntryChange::Added { .. }));
        let changed = count(|c| matches!(c, EntryChange::Changed { .. }));
        let removed = count(|c| matches!(c, EntryChange::Removed { .. }));
        let unchanged = count(|c| matches!(c, EntryChange::Unchanged { .. }));
        let completed = count(|c| matches!(c, EntryChange::Completed { .. }));
        let completed = if completed > 0 {
            format!(", {completed} completed")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{} (from {}): {added} new, {changed} changed, {removed} removed, {unchanged} unchanged{completed}",
            self.output.display(),
            self.input.display()
        );
        for change in &self.changes {
            match change {
                EntryChange::Added {
                    index,
                    label,
                    expected,
                } => {
                    let _ = writeln!(out, "  + entry {index} {label}");
                    let _ = writeln!(out, "      _expected {}", compact(expected));
                }
                EntryChange::Changed {
                    index,
                    label,
                    old,
                    new,
                } => {
                    let _ = writeln!(out, "  ~ entry {index} {label}");
                    out.push_str(&diff(old, new));
                }
                EntryChange::Completed {
                    index,
                    label,
                    old,
                    new,
                } => {
                    let _ = writeln!(out, "  ~ entry {index} {label}: keys added");
                    out.push_str(&diff(old, new));
                }
                EntryChange::Removed { index, label } => {
                    let _ = writeln!(
                        out,
                        "  - entry {index} {label}: not in the capture, dropped from the file"
                    );
                }
                EntryChange::Unchanged { .. } => {}
            }
        }
        for dead in &self.dead_pointers {
            let _ = writeln!(out, "  warning: {dead}");
        }
        if !self.scrubbed.is_empty() {
            let _ = writeln!(
                out,
                "  scrubbed {} credential(s), each replaced by {MARKER}:",
                self.scrubbed.len()
            );
            for scrubbed in &self.scrubbed {
                let _ = writeln!(out, "    {scrubbed}");
            }
        }
        if !self.skipped.is_empty() {
            let _ = writeln!(out, "  left out {} entry(ies):", self.skipped.len());
            for skipped in &self.skipped {
                let _ = writeln!(out, "    {skipped}");
            }
        }
        out
    }
}

fn compact(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A line diff of two `_expected` objects, pretty-printed, as `insta` shows a snapshot.
fn diff(old: &Value, new: &Value) -> String {
    let old = serde_json::to_string_pretty(old).unwrap_or_default();
    let new = serde_json::to_string_pretty(new).unwrap_or_default();
    let mut out = String::new();
    for change in similar::TextDiff::from_lines(&old, &new).iter_all_changes() {
        let sign = match change.tag() {
            similar::ChangeTag::Equal => ' ',
            similar::ChangeTag::Delete => '-',
            similar::ChangeTag::Insert => '+',
        };
        let _ = writeln!(
            out,
            "      {sign} {}",
            change.value().trim_end_matches('\n')
        );
    }
    out
}

fn input_error(path: &Path, location: Option<String>, message: impl Into<String>) -> FixtureError {
    FixtureError {
        path: path.to_owned(),
        location,
        message: message.into(),
    }
}

/// Reads a capture and plans its recording file in `dir` (`<recordings>/<id>/`) for `spec`.
pub fn plan(spec: &'static CatalogSpec, input: &Path, dir: &Path) -> Result<Planned, FixtureError> {
    let (har, entries) = read_capture(input)?;
    plan_entries(spec, input, dir, har, entries)
}

/// The responses of a capture (a HAR file or a JSON list of `{"status", "headers", "body"}`),
/// as `import --sample` reads them; any other JSON document is one recorded body. Entries
/// without a response (blocked requests) are left out.
pub fn responses(input: &Path) -> Result<Vec<RecordedResponse>, FixtureError> {
    let bytes = read_bounded(input)?;
    let document: Value = serde_json::from_slice(&bytes).map_err(|error| {
        input_error(
            input,
            Some(format!("line {}, column {}", error.line(), error.column())),
            format!(
                "not JSON: {error}; expected a HAR file, a JSON list of responses, or a response body"
            ),
        )
    })?;
    let is_capture = match &document {
        Value::Object(root) => root.contains_key("log"),
        Value::Array(items) => items
            .iter()
            .all(|item| item.get("status").is_some_and(Value::is_u64)),
        _ => false,
    };
    let name = input.display().to_string();
    if !is_capture {
        return Ok(vec![RecordedResponse {
            origin: name,
            status: None,
            body: bytes,
        }]);
    }
    let (_, entries) = capture_entries(input, document)?;
    let mut found = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let Some(status) = entry.pointer("/response/status").and_then(Value::as_u64) else {
            continue;
        };
        if status == 0 {
            continue;
        }
        found.push(RecordedResponse {
            origin: format!("{name} entry {index}"),
            status: u16::try_from(status).ok(),
            body: response_body(input, index, entry)?,
        });
    }
    Ok(found)
}

fn read_bounded(input: &Path) -> Result<Vec<u8>, FixtureError> {
    let mut bytes = Vec::new();
    std::fs::File::open(input)
        .and_then(|file| file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|error| input_error(input, None, error.to_string()))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(input_error(
            input,
            None,
            format!("larger than {} MiB", MAX_INPUT_BYTES / 1024 / 1024),
        ));
    }
    Ok(bytes)
}

/// A capture's HAR document (without its entries) and its entries.
fn read_capture(input: &Path) -> Result<(Value, Vec<Value>), FixtureError> {
    let bytes = read_bounded(input)?;
    let document: Value = serde_json::from_slice(&bytes).map_err(|error| {
        input_error(
            input,
            Some(format!("line {}, column {}", error.line(), error.column())),
            format!("not JSON: {error}; expected a HAR file or a JSON list of responses"),
        )
    })?;
    capture_entries(input, document)
}

fn capture_entries(input: &Path, document: Value) -> Result<(Value, Vec<Value>), FixtureError> {
    Ok(match document {
        Value::Object(mut root) => {
            let entries = take_har_entries(input, &mut root)?;
            (Value::Object(root), entries)
        }
        Value::Array(items) => {
            let name = input
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let entries = items
                .into_iter()
                .enumerate()
                .map(|(i, item)| entry_from_response(input, &name, i, item))
                .collect::<Result<Vec<_>, _>>()?;
            let har = json!({"log": {
                "version": "1.2",
                "creator": {"name": "contract-tests record", "version": env!("CARGO_PKG_VERSION")},
                "entries": []
            }});
            (har, entries)
        }
        _ => {
            return Err(input_error(
                input,
                None,
                "expected a HAR file ({\"log\": {\"entries\": [...]}}) or a JSON list of {\"status\", \"headers\", \"body\"}",
            ));
        }
    })
}

/// Plans the expectations of a capture's entries.
fn plan_entries(
    spec: &'static CatalogSpec,
    input: &Path,
    dir: &Path,
    mut har: Value,
    entries: Vec<Value>,
) -> Result<Planned, FixtureError> {
    let mut scrubbed = Vec::new();
    let mut skipped = Vec::new();
    let mut kept = Vec::new();
    let mut responses = Vec::new();
    for (index, mut entry) in entries.into_iter().enumerate() {
        let at = |field: &str| Some(format!("entry {index}, {field}"));
        if !entry.is_object() {
            return Err(input_error(input, at("entry"), "not an object"));
        }
        // First of all, so that nothing printed below shows a credential.
        let mut found = Vec::new();
        scrub::scrub_entry(index, &mut entry, &mut found);
        let status = entry.pointer("/response/status").and_then(Value::as_i64);
        let label = label(&entry);
        let status = match status {
            None | Some(0) => {
                skipped.push(format!(
                    "capture entry {index} {label}: no response (the request failed or was blocked)"
                ));
                continue;
            }
            Some(status) => u16::try_from(status)
                .ok()
                .and_then(|status| StatusCode::from_u16(status).ok())
                .filter(|status| status.as_u16() <= 599)
                .ok_or_else(|| {
                    input_error(
                        input,
                        at("response.status"),
                        format!("{status} is not an HTTP status (100 to 599)"),
                    )
                })?,
        };
        // An entry that already has an `_expected` was recorded on purpose (a committed
        // recording read again, as `record --check` in CI does): kept whatever its status.
        let recorded_before = entry
            .as_object_mut()
            .and_then(|object| object.shift_remove("_expected"))
            .is_some();
        let headers = response_headers(input, index, &entry)?;
        let body = response_body(input, index, &entry)?;
        let classification = Classification::new(spec, status, &headers, &body);
        // A 2xx or 3xx is an error when its code is known, or the provider sends errors in
        // 2xx bodies and one was read (MDES answers API errors with 200).
        let error_in_success = classification.is_known()
            || (spec.profile.errors_in_2xx && classification.code().is_some());
        if status.as_u16() < 400 && !error_in_success && !recorded_before {
            skipped.push(format!(
                "capture entry {index} {label}: not an error response (status {}, no known code)",
                status.as_u16()
            ));
            continue;
        }
        let expected = expectation(&classification);
        drop(classification);
        responses.push(Recording {
            file: input.to_owned(),
            index: kept.len(),
            name: label.clone(),
            status,
            headers,
            body,
            expected: Expected::default(),
            docs_example: None,
        });
        // Reported at the entry's position in the recording file, as the review numbers them.
        scrubbed.extend(found.into_iter().map(|found| Scrubbed {
            entry: kept.len(),
            ..found
        }));
        kept.push((entry, expected));
    }
    if kept.is_empty() {
        return Err(input_error(
            input,
            None,
            format!(
                "no error responses to record ({} entry(ies) left out); capture responses with an error status",
                skipped.len()
            ),
        ));
    }

    let stem = input
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .filter(|stem| !stem.is_empty())
        .ok_or_else(|| {
            input_error(
                input,
                None,
                "the file has no name to name its recording after",
            )
        })?;
    let output = dir.join(format!("{stem}.har"));
    let old_entries = existing_entries(&output)?;
    // The provider's other recordings count for dead pointers: a field that only another
    // file's responses fill is no warning. Files that do not load are `verify`'s to report.
    if let Ok(others) = fixtures::load_dir(dir) {
        responses.extend(others.into_iter().filter(|other| other.file != output));
    }
    let mut changes = Vec::new();
    let mut entries = Vec::new();
    for (index, (mut entry, recorded)) in kept.into_iter().enumerate() {
        let label = label(&entry);
        let old = old_entries.get(index);
        let old_expected = old.and_then(|old| old.get("_expected")).cloned();
        let same_response = old.is_some_and(|old| same_response(old, &entry));
        let expected = merge(recorded, old_expected.as_ref().filter(|_| same_response));
        changes.push(match old_expected {
            None if old.is_none() => EntryChange::Added {
                index,
                label,
                expected: expected.clone(),
            },
            Some(old) if old == expected => EntryChange::Unchanged { index },
            Some(old) if !contradicts(&old, &expected) => EntryChange::Completed {
                index,
                label,
                old,
                new: expected.clone(),
            },
            old => EntryChange::Changed {
                index,
                label,
                old: old.unwrap_or(Value::Null),
                new: expected.clone(),
            },
        });
        if let Some(object) = entry.as_object_mut() {
            object.insert("_expected".to_owned(), expected);
        }
        entries.push(entry);
    }
    for (index, old) in old_entries.iter().enumerate().skip(entries.len()) {
        changes.push(EntryChange::Removed {
            index,
            label: label(old),
        });
    }
    if let Some(log) = har.get_mut("log").and_then(Value::as_object_mut) {
        log.insert("entries".to_owned(), Value::Array(entries));
    }
    Ok(Planned {
        input: input.to_owned(),
        output,
        scrubbed,
        skipped,
        changes,
        dead_pointers: pointers::dead_pointers(spec, &responses),
        har,
    })
}

/// Takes `log.entries` out of a HAR document, checking its version.
fn take_har_entries(
    input: &Path,
    root: &mut Map<String, Value>,
) -> Result<Vec<Value>, FixtureError> {
    let Some(Value::Object(log)) = root.get_mut("log") else {
        return Err(input_error(
            input,
            Some("log".to_owned()),
            "no `log` object: not a HAR file (export one with \"Save all as HAR\" in the browser's network panel, or from mitmproxy or Charles)",
        ));
    };
    match log.get("version").and_then(Value::as_str) {
        Some(version) if version.starts_with("1.") => {}
        Some(version) => {
            return Err(input_error(
                input,
                Some("log.version".to_owned()),
                format!("HAR version {version} is not supported; export HAR 1.2"),
            ));
        }
        None => {}
    }
    match log.get_mut("entries").map(Value::take) {
        Some(Value::Array(entries)) => Ok(entries),
        _ => Err(input_error(
            input,
            Some("log.entries".to_owned()),
            "no list of entries",
        )),
    }
}

/// A HAR entry for one `{"status", "headers"?, "body"}` of a list.
fn entry_from_response(
    input: &Path,
    name: &str,
    index: usize,
    item: Value,
) -> Result<Value, FixtureError> {
    let at = |field: &str| Some(format!("item {index}, {field}"));
    let Value::Object(item) = item else {
        return Err(input_error(
            input,
            at("item"),
            "expected an object {\"status\", \"headers\", \"body\"}",
        ));
    };
    for key in item.keys() {
        if !["status", "headers", "body", "method", "url", "comment"].contains(&key.as_str()) {
            return Err(input_error(
                input,
                at(key),
                format!(
                    "unknown key `{key}`; an item has `status`, `headers`, `body`, and optionally `method`, `url`, `comment`"
                ),
            ));
        }
    }
    let status = item
        .get("status")
        .and_then(Value::as_u64)
        .ok_or_else(|| input_error(input, at("status"), "a number is required"))?;
    let headers: Vec<Value> = match item.get("headers") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(name, value)| match value {
                Value::String(value) => Ok(json!({"name": name, "value": value})),
                other => Err(input_error(
                    input,
                    at(&format!("headers.{name}")),
                    format!("a header value is text, not {other}"),
                )),
            })
            .collect::<Result<_, _>>()?,
        Some(Value::Array(list)) => list.clone(),
        Some(_) => {
            return Err(input_error(
                input,
                at("headers"),
                "expected an object of names and values, or a list of {\"name\", \"value\"}",
            ));
        }
    };
    let text = match item.get("body") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(value) => compact(value),
    };
    let mime = headers
        .iter()
        .find(|header| {
            header
                .get("name")
                .and_then(Value::as_str)
                .is_some_and(|name| name.eq_ignore_ascii_case("content-type"))
        })
        .and_then(|header| header.get("value").and_then(Value::as_str))
        .unwrap_or("application/json")
        .to_owned();
    let text_field = |key: &str, default: &str| {
        item.get(key)
            .and_then(Value::as_str)
            .unwrap_or(default)
            .to_owned()
    };
    Ok(json!({
        "startedDateTime": "1970-01-01T00:00:00.000Z",
        "time": 0,
        "request": {
            "method": text_field("method", "GET"),
            "url": text_field("url", ""),
            "httpVersion": "HTTP/1.1",
            "cookies": [],
            "headers": [],
            "queryString": [],
            "headersSize": -1,
            "bodySize": -1
        },
        "response": {
            "status": status,
            "statusText": "",
            "httpVersion": "HTTP/1.1",
            "cookies": [],
            "headers": headers,
            "content": {"size": text.len(), "mimeType": mime, "text": text},
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": text.len()
        },
        "cache": {},
        "timings": {"send": 0, "wait": 0, "receive": 0},
        "comment": text_field("comment", &format!("{name} item {index}"))
    }))
}

/// `GET https://... -> 404`, or the entry's comment.
fn label(entry: &Value) -> String {
    let text = |pointer: &str| entry.pointer(pointer).and_then(Value::as_str).unwrap_or("");
    let status = entry
        .pointer("/response/status")
        .map_or_else(|| "?".to_owned(), ToString::to_string);
    match text("/comment") {
        "" => format!(
            "({} {} -> {status})",
            text("/request/method"),
            text("/request/url")
        ),
        comment => format!("({comment} -> {status})"),
    }
}

fn response_headers(input: &Path, index: usize, entry: &Value) -> Result<HeaderMap, FixtureError> {
    let mut headers = HeaderMap::new();
    let Some(list) = entry.pointer("/response/headers").and_then(Value::as_array) else {
        return Ok(headers);
    };
    for (i, header) in list.iter().enumerate() {
        let at = Some(format!("entry {index}, response.headers[{i}]"));
        let (Some(name), Some(value)) = (
            header.get("name").and_then(Value::as_str),
            header.get("value").and_then(Value::as_str),
        ) else {
            return Err(input_error(
                input,
                at,
                "expected {\"name\": text, \"value\": text}",
            ));
        };
        // HTTP/2 pseudo-headers (`:status`) that some browsers export are not headers.
        if name.starts_with(':') {
            continue;
        }
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            input_error(input, at.clone(), format!("`{name}` is not a header name"))
        })?;
        let value = HeaderValue::from_str(value).map_err(|_| {
            input_error(
                input,
                at,
                format!("the value of `{name}` is not header text"),
            )
        })?;
        headers.append(name, value);
    }
    Ok(headers)
}

fn response_body(input: &Path, index: usize, entry: &Value) -> Result<Vec<u8>, FixtureError> {
    let at = |field: &str| Some(format!("entry {index}, response.content.{field}"));
    let text = entry
        .pointer("/response/content/text")
        .and_then(Value::as_str)
        .unwrap_or("");
    match entry
        .pointer("/response/content/encoding")
        .and_then(Value::as_str)
    {
        None | Some("") => Ok(text.as_bytes().to_vec()),
        Some("base64") => base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .map_err(|error| input_error(input, at("text"), format!("bad base64: {error}"))),
        Some(other) => Err(input_error(
            input,
            at("encoding"),
            format!("unknown encoding `{other}`; HAR bodies are text or base64"),
        )),
    }
}

/// The `_expected` of a classification: code, variant (or `known: false`), sub-code and
/// sub-variant, retryable, kind and actor, spelled as `fixtures::Expected` reads them.
///
/// Sub-codes are part of the contract: where the catalog's wire format reads a sub-code, the
/// one sent (or `null` for none); where the entry declares sub-codes, the catalog's name of
/// the one sent (or `null` when none of them matched).
fn expectation(classification: &Classification<'_>) -> Value {
    let mut expected = Map::new();
    match classification.entry() {
        Some(entry) => {
            expected.insert("variant".to_owned(), Value::from(entry.variant));
        }
        None => {
            expected.insert("known".to_owned(), Value::Bool(false));
        }
    }
    expected.insert(
        "code".to_owned(),
        classification.code().map_or(Value::Null, Value::from),
    );
    let reads_sub_codes = classification
        .spec()
        .wire
        .shapes
        .iter()
        .any(|shape| shape.source_of(catalog_core::Field::SubCode).is_some());
    if reads_sub_codes {
        expected.insert(
            "sub_code".to_owned(),
            classification.sub_code().map_or(Value::Null, Value::from),
        );
    }
    if classification
        .entry()
        .is_some_and(|entry| !entry.sub_codes.is_empty())
    {
        expected.insert(
            "sub_variant".to_owned(),
            classification
                .sub_code_entry()
                .map_or(Value::Null, |sub| Value::from(sub.name)),
        );
    }
    expected.insert(
        "retryable".to_owned(),
        Value::Bool(classification.is_retryable()),
    );
    expected.insert(
        "kind".to_owned(),
        Value::from(classification.kind().to_string()),
    );
    expected.insert(
        "actor".to_owned(),
        Value::from(classification.actor().to_string()),
    );
    Value::Object(expected)
}

/// The recorded keys, then the keys someone added to the old `_expected` by hand; an old
/// `known: true` beside the variant it implies stays.
fn merge(recorded: Value, old: Option<&Value>) -> Value {
    let (Value::Object(recorded_map), Some(Value::Object(old))) = (&recorded, old) else {
        return recorded;
    };
    let mut merged = Map::new();
    if old.get("known") == Some(&Value::Bool(true)) && recorded_map.contains_key("variant") {
        merged.insert("known".to_owned(), Value::Bool(true));
    }
    merged.extend(recorded_map.clone());
    for (key, value) in old {
        if !RECORDED_KEYS.contains(&key.as_str()) {
            merged.insert(key.clone(), value.clone());
        }
    }
    Value::Object(merged)
}

/// Whether the new `_expected` says otherwise than the old on a key the old states.
fn contradicts(old: &Value, new: &Value) -> bool {
    let (Value::Object(old), Value::Object(new)) = (old, new) else {
        return old != new;
    };
    old.iter().any(|(key, value)| match new.get(key) {
        Some(now) => now != value,
        // `known: true` is what a variant implies; any other key the new one lacks is lost.
        None => !(key == "known" && *value == Value::Bool(true) && new.contains_key("variant")),
    })
}

/// Same status and body: the entry records the same response.
fn same_response(old: &Value, new: &Value) -> bool {
    [
        "/response/status",
        "/response/content/text",
        "/response/content/encoding",
    ]
    .iter()
    .all(|pointer| old.pointer(pointer) == new.pointer(pointer))
}

/// The entries of the recording file already there; none when there is no file.
fn existing_entries(path: &Path) -> Result<Vec<Value>, FixtureError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(input_error(path, None, error.to_string())),
    };
    let document: Value = serde_json::from_slice(&bytes).map_err(|error| {
        input_error(
            path,
            Some(format!("line {}, column {}", error.line(), error.column())),
            format!("the recording there is not JSON ({error}); fix it or move it away first"),
        )
    })?;
    match document.pointer("/log/entries") {
        Some(Value::Array(entries)) => Ok(entries.clone()),
        _ => Err(input_error(
            path,
            Some("log.entries".to_owned()),
            "the recording there is not a HAR file; fix it or move it away first",
        )),
    }
}
