//! The recording format: recorded responses in HAR 1.2, each with the classification it must
//! get, and the one reader of it.
//!
//! HAR 1.2 is what browsers ("Save all as HAR"), mitmproxy, Charles and proxies export. Each
//! entry of `log.entries` carries its expected classification in the custom field
//! `_expected` (HAR allows custom fields that start with `_`):
//!
//! ```json
//! "_expected": { "variant": "InvalidCredentials", "code": "1200", "retryable": false }
//! ```
//!
//! Every key is optional and only the keys present are checked; see [`Expected`], which
//! `record` writes, conformance compares and [`load_dir`] reads. An entry that holds an
//! example response of the provider's docs page, not a response it sent, carries a
//! `_docs_example` marker ([`DocsExample`]) beside it, which coverage counts apart.
//!
//! Files are read entry by entry, through the same reader `record` reads captures with, so
//! that memory stays in proportion to the largest entry, not to the file.
//!
//! ```
//! use std::path::Path;
//!
//! let har = br#"{"log": {"version": "1.2", "entries": [{
//!     "request": {"method": "GET", "url": "https://api.test/items"},
//!     "response": {"status": 404, "headers": [], "content": {"text": "{\"code\": 1610}"}},
//!     "_expected": {"variant": "ItemNotFound", "code": "1610"}
//! }]}}"#;
//! let recordings = contract_tests::recording::parse(Path::new("items.har"), har).unwrap();
//! assert_eq!(recordings[0].status, 404);
//! assert_eq!(recordings[0].expected.variant.as_deref(), Some("ItemNotFound"));
//! assert_eq!(recordings[0].label(), "items.har#0 (GET https://api.test/items)");
//!
//! let error = contract_tests::recording::parse(Path::new("upload.har"), b"{\"log\": [").unwrap_err();
//! assert_eq!(error.location.as_deref(), Some("line 1, column 9"));
//! assert!(error.to_string().starts_with("upload.har: line 1, column 9: not a HAR 1.2 file"));
//! ```

mod expected;
pub mod framed;
pub(crate) mod har;

use std::fmt;
use std::path::{Path, PathBuf};

use catalog_core::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use expected::Expected;
pub use har::MAX_INPUT_BYTES;

use har::{Accept, Event, input_error};

/// The marker of an entry that holds an example response from the provider's docs page rather
/// than a response it sent: `record --from-docs` writes one on each entry, and coverage counts
/// these entries apart from recorded responses.
///
/// ```json
/// "_docs_example": { "page": "docs/acme.html", "line": 57, "code": "CARD_DECLINED" }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocsExample {
    /// The docs page it was read from (a path or a URL).
    pub page: String,
    /// The line of the page where the example's error is documented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The code the page documents the example under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// One recorded response and what it must classify as.
#[derive(Clone, Debug)]
pub struct Recording {
    /// The HAR file.
    pub file: PathBuf,
    /// Its position in `log.entries`.
    pub index: usize,
    /// A name for reports: the entry's comment, or its method and URL.
    pub name: String,
    /// The status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body as received.
    pub body: Vec<u8>,
    /// The expected classification.
    pub expected: Expected,
    /// Set when the entry is an example response of the docs page (`_docs_example`), not a
    /// response the provider sent.
    pub docs_example: Option<DocsExample>,
}

impl Recording {
    /// `file.har#3 (name)`, for one-line reports.
    pub fn label(&self) -> String {
        let file = self.file.file_name().map_or_else(
            || self.file.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        );
        format!("{file}#{} ({})", self.index, self.name)
    }

    /// The recording an entry of the HAR file `file` holds: its response decoded, its
    /// `_expected` required.
    fn from_entry(file: &Path, index: usize, entry: &Value) -> Result<Recording, FileError> {
        let at = |field: &str| Some(format!("entry {index}, {field}"));
        let status = entry
            .pointer("/response/status")
            .ok_or_else(|| input_error(file, at("response.status"), "no status"))?;
        let status = status
            .as_u64()
            .and_then(|status| u16::try_from(status).ok())
            .and_then(|status| StatusCode::from_u16(status).ok())
            .filter(|status| (100..=599).contains(&status.as_u16()))
            .ok_or_else(|| {
                input_error(
                    file,
                    at("response.status"),
                    format!("{status} is not an HTTP status (100 to 599)"),
                )
            })?;
        let expected = entry.get("_expected").ok_or_else(|| {
            input_error(
                file,
                at("_expected"),
                "no `_expected` classification: every recording says what it must classify as",
            )
        })?;
        let expected = Expected::deserialize(expected)
            .map_err(|error| input_error(file, at("_expected"), error.to_string()))?;
        let docs_example = match entry.get("_docs_example") {
            None | Some(Value::Null) => None,
            Some(marker) => Some(
                DocsExample::deserialize(marker)
                    .map_err(|error| input_error(file, at("_docs_example"), error.to_string()))?,
            ),
        };
        Ok(Recording {
            file: file.to_owned(),
            index,
            name: har::name(entry),
            status,
            headers: har::response_headers(file, index, entry)?,
            body: har::response_body(file, index, entry)?,
            expected,
            docs_example,
        })
    }
}

/// Every recorded response of the HAR files in `dir`, in file-name order.
///
/// A folder that does not exist holds no recordings (an empty list, not an error): coverage
/// reports that. A file that cannot be read or is not valid HAR is an error that names the
/// file and the entry.
pub fn load_dir(dir: &Path) -> Result<Vec<Recording>, FileError> {
    let mut recordings = Vec::new();
    for file in har_files(dir)? {
        recordings.extend(load_file(&file)?);
    }
    Ok(recordings)
}

/// The `.har` files of a folder, sorted; none when the folder does not exist.
pub fn har_files(dir: &Path) -> Result<Vec<PathBuf>, FileError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(input_error(dir, None, error.to_string())),
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|error| input_error(dir, None, error.to_string()))?
            .path();
        if path.extension().is_some_and(|ext| ext == "har") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The recorded responses of one HAR file.
pub fn load_file(path: &Path) -> Result<Vec<Recording>, FileError> {
    let mut recordings = Vec::new();
    har::read(path, Accept::Har, usize::MAX, &mut |event| {
        collect(path, event, &mut recordings)
    })?;
    Ok(recordings)
}

/// The recorded responses of HAR text already in memory (an upload, a fuzzer's input).
/// `origin` names it in errors and in each [`Recording::file`]; nothing is read from it.
pub fn parse(origin: &Path, bytes: &[u8]) -> Result<Vec<Recording>, FileError> {
    let mut recordings = Vec::new();
    har::read_from(origin, bytes, Accept::Har, usize::MAX, &mut |event| {
        collect(origin, event, &mut recordings)
    })?;
    Ok(recordings)
}

fn collect(file: &Path, event: Event<'_>, into: &mut Vec<Recording>) -> Result<(), FileError> {
    if let Event::Entry(index, entry) = event {
        into.push(Recording::from_entry(file, index, &entry)?);
    }
    Ok(())
}

/// A file that could not be read or written: which file, where in it, and what is wrong.
#[derive(Debug)]
pub struct FileError {
    /// The file (or folder).
    pub path: PathBuf,
    /// Where in the file: `entry 3, response.content`, or a line and column.
    pub location: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(location) = &self.location {
            write!(f, ": {location}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for FileError {}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn parse_str(text: &str) -> Result<Vec<Recording>, FileError> {
        parse(Path::new("test.har"), text.as_bytes())
    }

    const ENTRY: &str = concat!(
        r#"{"request":{"method":"GET","url":"https://x.test/a"},"#,
        r#""response":{"status":402,"headers":[{"name":"X-Request-Id","value":"r1"}],"#,
        r#""content":{"mimeType":"application/json","text":"{\"code\":1200}"}}"#,
        r#","_expected":{"variant":"InvalidCredentials","code":"1200","retry_after_secs":null}}"#
    );

    fn har(entries: &str) -> String {
        format!(r#"{{"log":{{"version":"1.2","entries":[{entries}]}}}}"#)
    }

    #[test]
    fn reads_an_entry_with_its_expectation() {
        let recordings = parse_str(&har(ENTRY)).unwrap();
        assert_eq!(recordings.len(), 1);
        let recording = &recordings[0];
        assert_eq!(recording.status, StatusCode::PAYMENT_REQUIRED);
        assert_eq!(recording.body, br#"{"code":1200}"#);
        assert_eq!(recording.headers["x-request-id"], "r1");
        assert_eq!(recording.expected.code, Some(Some("1200".into())));
        assert_eq!(recording.expected.retry_after_secs, Some(None));
        assert_eq!(recording.expected.sub_code, None);
        assert_eq!(recording.name, "GET https://x.test/a");
        assert_eq!(recording.label(), "test.har#0 (GET https://x.test/a)");
    }

    #[test]
    fn errors_name_the_entry_and_field() {
        let missing = ENTRY.replace(
            r#","_expected":{"variant":"InvalidCredentials","code":"1200","retry_after_secs":null}"#,
            "",
        );
        let error = parse_str(&har(&missing)).unwrap_err();
        assert_eq!(error.location.as_deref(), Some("entry 0, _expected"));
        let error = parse_str(&har(&ENTRY.replace("402", "700"))).unwrap_err();
        assert!(
            error.to_string().contains("entry 0, response.status"),
            "{error}"
        );
        let error = parse_str("{\"log\": [").unwrap_err();
        assert!(error.to_string().starts_with("test.har: line 1"), "{error}");
        let error = parse_str(&har(&ENTRY.replace("\"variant\"", "\"varaint\""))).unwrap_err();
        assert!(error.to_string().contains("varaint"), "{error}");
        assert_eq!(error.location.as_deref(), Some("entry 0, _expected"));
        let error = parse_str(&har(&ENTRY.replace(r#""status":402,"#, ""))).unwrap_err();
        assert_eq!(error.location.as_deref(), Some("entry 0, response.status"));
        let error = parse_str(r#"{"log":{"version":"2.0","entries":[]}}"#).unwrap_err();
        assert!(error.message.contains("HAR version 2.0"), "{error}");
    }

    #[test]
    fn a_list_of_responses_is_a_capture_not_a_recording() {
        let error = parse_str(r#"[{"status": 400, "body": {}}]"#).unwrap_err();
        assert!(error.message.contains("record --provider"), "{error}");
    }

    #[test]
    fn http2_pseudo_headers_of_browser_exports_are_skipped() {
        let entry = ENTRY.replace(
            r#""headers":[{"name":"X-Request-Id","value":"r1"}]"#,
            r#""headers":[{"name":":status","value":"402"},{"name":"x-request-id","value":"r1"}]"#,
        );
        let recordings = parse_str(&har(&entry)).unwrap();
        assert_eq!(recordings[0].headers.len(), 1);
        assert_eq!(recordings[0].headers["x-request-id"], "r1");
    }

    #[test]
    fn a_docs_example_carries_its_marker() {
        let entry = ENTRY.replace(
            r#","_expected""#,
            r#","_docs_example":{"page":"docs/x.html","line":57,"code":"1200"},"_expected""#,
        );
        let recordings = parse_str(&har(&format!("{entry},{ENTRY}"))).unwrap();
        let marker = DocsExample {
            page: "docs/x.html".into(),
            line: Some(57),
            code: Some("1200".into()),
        };
        assert_eq!(recordings[0].docs_example.as_ref(), Some(&marker));
        assert_eq!(recordings[1].docs_example, None);
        assert_eq!(
            serde_json::to_string(&marker).unwrap(),
            r#"{"page":"docs/x.html","line":57,"code":"1200"}"#
        );
    }

    #[test]
    fn base64_bodies_are_decoded() {
        let entry = ENTRY.replace(
            r#""text":"{\"code\":1200}""#,
            r#""text":"eyJjb2RlIjoxMjAwfQ==","encoding":"base64""#,
        );
        let recordings = parse_str(&har(&entry)).unwrap();
        assert_eq!(recordings[0].body, br#"{"code":1200}"#);
    }
}
