//! `record`: responses captured in a browser, mitmproxy or Charles become recordings.
//!
//! The input is a HAR file as those tools export it (no `_expected`), or a JSON list of
//! `{"status", "headers"?, "body"}` objects (`headers` an object of names and values or a
//! HAR-style list; `body` text or any JSON value; optional `method`, `url` and `comment`).
//! It is read entry by entry, so an export of 50,000 responses takes memory in
//! proportion to its largest entry, not to the file; at most [`Options::max_entries`] of them.
//! Each entry is redacted ([`redact`]: the request and the response, headers, query strings
//! and bodies, with the one redaction of [`catalog_core::redact`]), checked to classify as
//! the response as sent did, classified against the catalog, and given an `_expected` with its
//! code, variant, retryable, kind and actor; the result goes to `<recordings>/<id>/<file
//! stem>.har`, written beside it as the capture is read and put in its place only once all of
//! it was ([`Planned::write`]). Responses that are not errors (2xx and 3xx without a known
//! code) and requests that got no response are left out, and said so, unless the entry has an
//! `_expected` already: a committed recording read again (as `record --check
//! recordings/<id>/*.har` does in CI) keeps every entry.
//!
//! [`Planned::review`] shows what changes against the file already there, grouped by
//! expectation with the first few entries of each in full ([`review`]), and warns of declared
//! wire fields that none of the responses fills (a guessed `code: "/code"` where the provider
//! sends `error_code`); keys that someone added to an `_expected` by hand (a message, a delay)
//! are kept while the entry's response stays the same.

pub mod docs;
mod output;
pub mod redact;
pub mod review;

use std::collections::hash_map::DefaultHasher;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use catalog_core::http::StatusCode;
use catalog_core::redact::Redactor;
use catalog_core::{CatalogSpec, Classification};
use catalog_docs::import::RecordedResponse;
use serde::Deserialize;
use serde_json::Value;

pub use crate::recording::MAX_INPUT_BYTES;
pub use catalog_core::redact::MARKER;
pub use redact::Redacted;
pub use review::Review;

use crate::pointers::{DeadPointer, PointerScan};
use crate::recording::har::{
    self, Accept, Event, input_error, label, response_body, response_headers,
    response_headers_as_sent,
};
use crate::recording::{self, Expected, FileError};
use output::Output;

/// How many entries `record` reads from one file unless told otherwise: twice the largest
/// browser export seen in practice, and a bound on the time and memory one file may take.
pub const DEFAULT_MAX_ENTRIES: usize = 100_000;

/// How `record` treats a capture.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Options {
    /// Write every entry as captured, secrets included (`record --keep-secrets`): for a
    /// capture that stays on one machine, never for a file to commit.
    pub keep_secrets: bool,
    /// The most entries read from one file (`record --max-entries`); more is an error that
    /// names the limit, and nothing is written.
    pub max_entries: usize,
    /// Prepare the recording file for [`Planned::write`]; without it (`record --check`)
    /// nothing is written anywhere.
    pub prepare_output: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            keep_secrets: false,
            max_entries: DEFAULT_MAX_ENTRIES,
            prepare_output: true,
        }
    }
}

impl Options {
    /// Secrets kept as captured, or not.
    #[must_use]
    pub fn keep_secrets(mut self, keep: bool) -> Self {
        self.keep_secrets = keep;
        self
    }

    /// The most entries read from one file.
    #[must_use]
    pub fn max_entries(mut self, max: usize) -> Self {
        self.max_entries = max;
        self
    }

    /// Only check: nothing is prepared for writing.
    #[must_use]
    pub fn check_only(mut self) -> Self {
        self.prepare_output = false;
        self
    }
}

/// A recording file as `record` would write it, and how it differs from the one there.
#[derive(Debug)]
pub struct Planned {
    /// The capture read.
    pub input: PathBuf,
    /// The recording file: `<recordings>/<id>/<file stem>.har`.
    pub output: PathBuf,
    /// What changes, the secrets taken out and the entries left out, grouped.
    pub review: Review,
    /// Whether secrets were kept as sent ([`Options::keep_secrets`]).
    pub kept_secrets: bool,
    /// Declared wire fields that neither these responses nor the provider's other recordings
    /// fill: a guessed wire format that reads no code classifies every response as unknown.
    pub dead_pointers: Vec<DeadPointer>,
    file: Option<Output>,
}

impl Planned {
    /// Whether any `_expected` would change: a value it states, or an entry added or removed.
    /// Keys only added to an expectation that stated less are no change.
    pub fn changes_expectations(&self) -> bool {
        self.review.changes_expectations()
    }

    /// Puts the recording file in its place, creating its folder; once.
    pub fn write(&mut self) -> Result<(), FileError> {
        match &mut self.file {
            Some(file) => file.commit(),
            None => Err(input_error(
                &self.output,
                None,
                "planned with `Options::check_only`: there is nothing to write",
            )),
        }
    }

    /// What changes, group by group, with a diff of each changed `_expected`; then the
    /// dead pointers, what was redacted and what was left out.
    pub fn review(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} (from {}): {}",
            self.output.display(),
            self.input.display(),
            self.review.counts()
        );
        self.review.write_changes(&mut out);
        for dead in &self.dead_pointers {
            let _ = writeln!(out, "  warning: {dead}");
        }
        if self.kept_secrets {
            let _ = writeln!(
                out,
                "  warning: --keep-secrets: nothing was redacted; this file may hold credentials and card numbers, do not commit it"
            );
        }
        self.review.write_notes(&mut out, MARKER);
        out
    }
}

/// Reads a capture and plans its recording file in `dir` (`<recordings>/<id>/`) for `spec`,
/// with the default [`Options`]: every secret redacted.
pub fn plan(spec: &'static CatalogSpec, input: &Path, dir: &Path) -> Result<Planned, FileError> {
    plan_with(spec, input, dir, &Options::default())
}

/// [`plan`] with [`Options`].
pub fn plan_with(
    spec: &'static CatalogSpec,
    input: &Path,
    dir: &Path,
    options: &Options,
) -> Result<Planned, FileError> {
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
    plan_events(spec, input, output, dir, options, &mut |sink| {
        har::read(input, Accept::HarOrList, options.max_entries, sink)
    })
}

/// What feeds a plan its events: a capture read from a file, or entries made in memory.
type Feed<'f> = dyn FnMut(&mut har::Sink<'_>) -> Result<(), FileError> + 'f;

/// Plans `output` from the events `feed` gives; `input` names where they come from.
fn plan_events(
    spec: &'static CatalogSpec,
    input: &Path,
    output: PathBuf,
    dir: &Path,
    options: &Options,
    feed: &mut Feed<'_>,
) -> Result<Planned, FileError> {
    let redactor = Redactor::new(spec);
    let old = OldEntry::read_all(&output, &redactor, options)?;
    let mut recording = Recorder {
        spec,
        input,
        options,
        redactor,
        old,
        file: if options.prepare_output {
            Some(Output::create(&output)?)
        } else {
            None
        },
        review: Review::default(),
        scan: PointerScan::new(spec),
        kept: 0,
    };
    recording.write(|file| file.open_object(None))?;
    feed(&mut |event| recording.event(event))?;
    recording.write(|file| file.close("}"))?;
    if recording.kept == 0 {
        return Err(input_error(
            input,
            None,
            format!(
                "no error responses to record ({} entry(ies) left out); capture responses with an error status",
                recording.review.skipped.total()
            ),
        ));
    }
    for (index, old) in recording.old.iter().enumerate().skip(recording.kept) {
        recording.review.remove(index, &old.label);
    }
    // The provider's other recordings count for dead pointers: a field that only another
    // file's responses fill is no warning. Files that do not load are `verify`'s to report.
    for other in recording::har_files(dir).unwrap_or_default() {
        if other != output
            && let Ok(responses) = recording::load_file(&other)
        {
            for response in responses {
                recording.scan.add(&response.headers, &response.body);
            }
        }
    }
    Ok(Planned {
        input: input.to_owned(),
        output,
        review: recording.review,
        kept_secrets: options.keep_secrets,
        dead_pointers: recording.scan.finish(),
        file: recording.file,
    })
}

/// The secrets a committed recording still holds: each entry of the HAR file at `path` run
/// through the redaction `record` applies, and what it would take out (the first 100, and
/// how many in all). None for a file that `record` wrote without `--keep-secrets`.
pub fn secrets_in(
    spec: &'static CatalogSpec,
    path: &Path,
) -> Result<(Vec<Redacted>, usize), FileError> {
    const SHOWN: usize = 100;
    let redactor = Redactor::new(spec);
    let mut found = Vec::new();
    let mut total = 0;
    har::read(path, Accept::Har, usize::MAX, &mut |event| {
        if let Event::Entry(index, mut entry) = event {
            let mut here = Vec::new();
            redact::redact_entry(index, &mut entry, &redactor, &mut here);
            total += here.len();
            found.extend(here.into_iter().take(SHOWN.saturating_sub(found.len())));
        }
        Ok(())
    })?;
    Ok((found, total))
}

/// The responses of a capture (a HAR file or a JSON list of `{"status", "headers", "body"}`),
/// as `import --sample` reads them; any other JSON document is one recorded body. Entries
/// without a response (blocked requests) are left out.
pub fn responses(input: &Path) -> Result<Vec<RecordedResponse>, FileError> {
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
            headers: Vec::new(),
        }]);
    }
    drop(document);
    let mut found = Vec::new();
    har::read(input, Accept::HarOrList, usize::MAX, &mut |event| {
        let Event::Entry(index, entry) = event else {
            return Ok(());
        };
        let status = entry.pointer("/response/status").and_then(Value::as_u64);
        if let Some(status) = status.filter(|&status| status != 0) {
            // Names as sent: import proposes them for the catalog's `header "..."`.
            let headers = response_headers_as_sent(input, index, &entry)?
                .into_iter()
                .map(|(sent, _, value)| {
                    (sent, String::from_utf8_lossy(value.as_bytes()).into_owned())
                })
                .collect();
            found.push(RecordedResponse {
                origin: format!("{name} entry {index}"),
                status: u16::try_from(status).ok(),
                body: response_body(input, index, &entry)?,
                headers,
            });
        }
        Ok(())
    })?;
    Ok(found)
}

fn read_bounded(input: &Path) -> Result<Vec<u8>, FileError> {
    use std::io::Read as _;
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

/// One capture being recorded: the state the reader's events update.
struct Recorder<'r> {
    spec: &'static CatalogSpec,
    input: &'r Path,
    options: &'r Options,
    redactor: Redactor<'static>,
    old: Vec<OldEntry>,
    file: Option<Output>,
    review: Review,
    scan: PointerScan,
    /// How many entries the recording holds so far.
    kept: usize,
}

impl Recorder<'_> {
    fn write(
        &mut self,
        step: impl FnOnce(&mut Output) -> Result<(), FileError>,
    ) -> Result<(), FileError> {
        match &mut self.file {
            Some(file) => step(file),
            None => Ok(()),
        }
    }

    fn event(&mut self, event: Event<'_>) -> Result<(), FileError> {
        match event {
            Event::RootMember(key, value) => self.write(|file| file.member(key, &value)),
            Event::LogStart => self.write(|file| file.open_object(Some("log"))),
            Event::LogMember(key, value) => self.write(|file| file.member(key, &value)),
            Event::EntriesStart => self.write(|file| file.open_list("entries")),
            Event::Entry(index, entry) => match self.entry(index, entry)? {
                Some(entry) => self.write(|file| file.element(&entry)),
                None => Ok(()),
            },
            Event::EntriesEnd => self.write(|file| file.close("]")),
            Event::LogEnd => self.write(|file| file.close("}")),
        }
    }

    /// One entry of the capture: redacted, classified and given its `_expected`; `None` when
    /// it is left out.
    fn entry(&mut self, index: usize, mut entry: Value) -> Result<Option<Value>, FileError> {
        let input = self.input;
        let at = |field: &str| Some(format!("entry {index}, {field}"));
        if !entry.is_object() {
            return Err(input_error(input, at("entry"), "not an object"));
        }
        // First of all, so that nothing printed below shows a secret; the entry as sent is
        // kept only to classify it.
        let mut found = Vec::new();
        let as_sent = if self.options.keep_secrets {
            None
        } else {
            let as_sent = entry.clone();
            redact::redact_entry(index, &mut entry, &self.redactor, &mut found);
            Some(as_sent).filter(|_| found.iter().any(Redacted::in_response))
        };
        let label = label(&entry);
        let status = match entry.pointer("/response/status").and_then(Value::as_i64) {
            None | Some(0) => {
                self.review.skip(
                    index,
                    &label,
                    "no response (the request failed or was blocked)".to_owned(),
                );
                return Ok(None);
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
        let classification = Classification::new(self.spec, status, &headers, &body);
        // The runtime's rule (`Catalog::error_in`): a 2xx is an error only where the provider
        // sends errors in 2xx bodies and one was read (MDES answers API errors with 200).
        if !classification.is_error_response() && !recorded_before {
            self.review.skip(
                index,
                &label,
                if self.spec.profile.errors_in_2xx {
                    format!(
                        "not an error response (status {}, no code in the body)",
                        status.as_u16()
                    )
                } else {
                    format!(
                        "not an error response (status {}; the catalog does not declare `errors_in_2xx`)",
                        status.as_u16()
                    )
                },
            );
            return Ok(None);
        }
        if let Some(as_sent) = &as_sent {
            same_classification(
                self.spec,
                input,
                index,
                status,
                as_sent,
                &classification,
                &found,
            )?;
        }
        let recorded = Expected::recorded(&classification);
        drop(classification);
        self.scan.add(&headers, &body);
        // Reported at the entry's position in the recording file, as the review numbers them.
        let position = self.kept;
        self.kept += 1;
        for found in found {
            self.review.redact(
                position,
                Redacted {
                    entry: position,
                    ..found
                }
                .what_and_where(),
            );
        }
        let old = self.old.get(position);
        let old_expected = old.and_then(|old| old.expected.as_ref());
        let same_response = old.is_some_and(|old| old.response == response_digest(&entry));
        let expected = Expected::merge(&recorded, old_expected.filter(|_| same_response));
        let json = expected.to_json();
        match old_expected {
            None if old.is_none() => self.review.add(position, &label, &json),
            Some(old) if *old == expected => self.review.unchanged += 1,
            Some(old) if !old.contradicted_by(&expected) => {
                self.review
                    .complete(position, &label, &old.to_json(), &json);
            }
            old => self.review.change(
                position,
                &label,
                &old.map_or(Value::Null, Expected::to_json),
                &json,
            ),
        }
        if let Some(object) = entry.as_object_mut() {
            object.insert("_expected".to_owned(), json);
        }
        Ok(Some(entry))
    }
}

/// What `record` needs of an entry of the recording file already there.
struct OldEntry {
    expected: Option<Expected>,
    response: u64,
    label: String,
}

impl OldEntry {
    /// The entries of the recording file already there, as they would be written now (a
    /// committed file that still holds a secret records the same responses once redacted,
    /// and keeps its hand-written expectations); none when there is no file.
    fn read_all(
        path: &Path,
        redactor: &Redactor<'_>,
        options: &Options,
    ) -> Result<Vec<OldEntry>, FileError> {
        if !path.exists() {
            return Ok(Vec::new());
        }
        let mut entries = Vec::new();
        har::read(path, Accept::Har, usize::MAX, &mut |event| {
            if let Event::Entry(index, mut entry) = event {
                if !options.keep_secrets {
                    redact::redact_entry(index, &mut entry, redactor, &mut Vec::new());
                }
                let expected = match entry.get("_expected") {
                    None => None,
                    Some(expected) => Some(Expected::deserialize(expected).map_err(|error| {
                        input_error(
                            path,
                            Some(format!("entry {index}, _expected")),
                            error.to_string(),
                        )
                    })?),
                };
                entries.push(OldEntry {
                    expected,
                    response: response_digest(&entry),
                    label: label(&entry),
                });
            }
            Ok(())
        })
        .map_err(|error| {
            input_error(
                path,
                error.location,
                format!(
                    "the recording there cannot be read ({}); fix it or move it away first",
                    error.message
                ),
            )
        })?;
        Ok(entries)
    }
}

/// The status and body of an entry, as one number: two entries with the same digest record
/// the same response.
fn response_digest(entry: &Value) -> u64 {
    let mut hasher = DefaultHasher::new();
    for pointer in [
        "/response/status",
        "/response/content/text",
        "/response/content/encoding",
    ] {
        entry
            .pointer(pointer)
            .map(ToString::to_string)
            .hash(&mut hasher);
    }
    hasher.finish()
}

/// The redacted response classifies as the response as sent did, or an error that names the
/// redacted values the classification depended on and how to keep them.
fn same_classification(
    spec: &'static CatalogSpec,
    input: &Path,
    index: usize,
    status: StatusCode,
    as_sent: &Value,
    redacted: &Classification<'_>,
    found: &[Redacted],
) -> Result<(), FileError> {
    let headers = response_headers(input, index, as_sent)?;
    let body = response_body(input, index, as_sent)?;
    let original = Expected::recorded(&Classification::new(spec, status, &headers, &body));
    let now = Expected::recorded(redacted);
    if original == now {
        return Ok(());
    }
    let suspects: Vec<String> = found
        .iter()
        .filter(|found| found.in_response())
        .map(|found| match found.place.strip_prefix("response header ") {
            Some(header) => format!("header {}", header.trim_matches('`')),
            None => format!("\"{}\"", redact::list_pointer(&found.found.pointer)),
        })
        .collect();
    Err(input_error(
        input,
        Some(format!("entry {index}")),
        format!(
            "redacting its secrets changes how it classifies ({} as sent, {} redacted); \
             if one of these is no secret, declare it in the catalog as \
             `not_sensitive: {{ {} }}`, or record with --keep-secrets and keep the file out of the repository",
            review::compact(&original.to_json()),
            review::compact(&now.to_json()),
            suspects.join(", ")
        ),
    ))
}
