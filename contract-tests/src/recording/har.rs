//! HAR files read entry by entry: a HAR export of a long session holds tens of thousands of
//! entries, and reading it whole into `serde_json::Value`s takes about 20 times its size.
//! Here the document streams through serde; each entry is one `Value` at a time, handed to
//! the caller with the members around it in document order, so memory stays a small multiple
//! of the largest entry. Captures (`record`) and committed recordings (the loader,
//! conformance, `verify`) are read by this one reader, and their entries' responses decoded by
//! [`response_headers`] and [`response_body`].
//!
//! Two inputs are read: a HAR file (`{"log": {"entries": [...]}}`, HAR 1.x) as browsers,
//! mitmproxy and Charles export it, and, for captures ([`Accept::HarOrList`]), a JSON list
//! of `{"status", "headers"?, "body"}` objects, each made a HAR entry.

use std::fmt;
use std::io::{BufReader, Read};
use std::path::Path;

use base64::Engine;
use catalog_core::http::HeaderMap;
use catalog_core::http::header::{HeaderName, HeaderValue};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Value, json};

use super::FileError;

/// The largest file read: HAR exports of long sessions are big, but not larger.
pub const MAX_INPUT_BYTES: u64 = 512 * 1024 * 1024;

/// What the reader meets, in document order.
#[derive(Debug)]
pub(crate) enum Event<'a> {
    /// A member of the document's root other than `log`.
    RootMember(&'a str, Value),
    /// The `log` object begins.
    LogStart,
    /// A member of `log` other than `entries`.
    LogMember(&'a str, Value),
    /// The list of entries begins.
    EntriesStart,
    /// One entry, with its position in the file.
    Entry(usize, Value),
    /// The list of entries ends.
    EntriesEnd,
    /// The `log` object ends.
    LogEnd,
}

/// What a document may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Accept {
    /// A HAR file only: a recording.
    Har,
    /// A HAR file, or a JSON list of responses: a capture.
    HarOrList,
}

pub(crate) fn input_error(
    path: &Path,
    location: Option<String>,
    message: impl Into<String>,
) -> FileError {
    FileError {
        path: path.to_owned(),
        location,
        message: message.into(),
    }
}

/// The callback each [`Event`] goes to.
pub(crate) type Sink<'s> = dyn FnMut(Event<'_>) -> Result<(), FileError> + 's;

/// Reads the file at `input`, telling `sink` each [`Event`]; at most `max_entries` entries.
/// An error of `sink` stops the reading and is returned as it is.
pub(crate) fn read(
    input: &Path,
    accept: Accept,
    max_entries: usize,
    sink: &mut Sink<'_>,
) -> Result<(), FileError> {
    let file =
        std::fs::File::open(input).map_err(|error| input_error(input, None, error.to_string()))?;
    let size = file
        .metadata()
        .map_err(|error| input_error(input, None, error.to_string()))?
        .len();
    if size > MAX_INPUT_BYTES {
        return Err(input_error(
            input,
            None,
            format!("larger than {} MiB", MAX_INPUT_BYTES / 1024 / 1024),
        ));
    }
    read_from(
        input,
        BufReader::new(file.take(MAX_INPUT_BYTES)),
        accept,
        max_entries,
        sink,
    )
}

/// [`read`] of a document from any reader; `input` names it in errors.
pub(crate) fn read_from(
    input: &Path,
    document: impl Read,
    accept: Accept,
    max_entries: usize,
    sink: &mut Sink<'_>,
) -> Result<(), FileError> {
    let mut state = Reader {
        input,
        accept,
        max_entries,
        sink,
        failure: None,
    };
    let mut deserializer = serde_json::Deserializer::from_reader(document);
    let result = Root(&mut state)
        .deserialize(&mut deserializer)
        .and_then(|()| deserializer.end());
    if let Some(failure) = state.failure {
        return Err(failure);
    }
    result.map_err(|error| {
        let message = match accept {
            Accept::Har => format!("not a HAR 1.2 file: {error}"),
            Accept::HarOrList => {
                format!("{error}; expected a HAR file or a JSON list of responses")
            }
        };
        input_error(
            input,
            Some(format!("line {}, column {}", error.line(), error.column())),
            message,
        )
    })
}

/// The reading's state, shared by the visitors below.
struct Reader<'r> {
    input: &'r Path,
    accept: Accept,
    max_entries: usize,
    sink: &'r mut Sink<'r>,
    /// The error that stopped the reading, when it came from here and not from the JSON.
    failure: Option<FileError>,
}

/// What a visitor returns to serde after it kept its own error in [`Reader::failure`].
#[derive(Debug)]
struct Stopped;

impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("stopped")
    }
}

impl Reader<'_> {
    fn emit<E: de::Error>(&mut self, event: Event<'_>) -> Result<(), E> {
        (self.sink)(event).map_err(|failure| self.stop(failure))
    }

    fn stop<E: de::Error>(&mut self, failure: FileError) -> E {
        self.failure.get_or_insert(failure);
        E::custom(Stopped)
    }

    fn entry<E: de::Error>(&mut self, index: usize, entry: Value) -> Result<(), E> {
        if index >= self.max_entries {
            let failure = input_error(
                self.input,
                Some(format!("entry {index}")),
                format!(
                    "more than {} entries: record at most that many from one file (split the export, or raise the limit with --max-entries)",
                    self.max_entries
                ),
            );
            return Err(self.stop(failure));
        }
        self.emit(Event::Entry(index, entry))
    }
}

/// The document: a HAR object, or a list of responses.
struct Root<'s, 'r>(&'s mut Reader<'r>);

impl<'de> DeserializeSeed<'de> for Root<'_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Root<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "a HAR file ({\"log\": {\"entries\": [...]}}) or a JSON list of {\"status\", \"headers\", \"body\"}",
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let reader = self.0;
        let mut seen_log = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == "log" && !seen_log {
                seen_log = true;
                reader.emit(Event::LogStart)?;
                map.next_value_seed(Log(reader))?;
                reader.emit(Event::LogEnd)?;
            } else {
                let value: Value = map.next_value()?;
                reader.emit(Event::RootMember(&key, value))?;
            }
        }
        if !seen_log {
            let failure = input_error(
                reader.input,
                Some("log".to_owned()),
                "no `log` object: not a HAR file (export one with \"Save all as HAR\" in the browser's network panel, or from mitmproxy or Charles)",
            );
            return Err(reader.stop(failure));
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let reader = self.0;
        if reader.accept == Accept::Har {
            let failure = input_error(
                reader.input,
                None,
                "a JSON list of responses is a capture, not a recording: record it with `record --provider ID FILE`, which writes the HAR file with each `_expected`",
            );
            return Err(reader.stop(failure));
        }
        let name = reader
            .input
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        reader.emit(Event::LogStart)?;
        reader.emit(Event::LogMember("version", Value::from("1.2")))?;
        reader.emit(Event::LogMember(
            "creator",
            json!({"name": "contract-tests record", "version": env!("CARGO_PKG_VERSION")}),
        ))?;
        reader.emit(Event::EntriesStart)?;
        let mut index = 0;
        while let Some(item) = seq.next_element::<Value>()? {
            let entry = entry_from_response(reader.input, &name, index, item)
                .map_err(|failure| reader.stop::<A::Error>(failure))?;
            reader.entry(index, entry)?;
            index += 1;
        }
        reader.emit(Event::EntriesEnd)?;
        reader.emit(Event::LogEnd)
    }
}

/// The `log` object.
struct Log<'s, 'r>(&'s mut Reader<'r>);

impl<'de> DeserializeSeed<'de> for Log<'_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Log<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the `log` object of a HAR file")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let reader = self.0;
        let mut seen_entries = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == "entries" && !seen_entries {
                seen_entries = true;
                reader.emit(Event::EntriesStart)?;
                map.next_value_seed(Entries(reader))?;
                reader.emit(Event::EntriesEnd)?;
                continue;
            }
            let value: Value = map.next_value()?;
            if key == "version"
                && let Some(version) = value.as_str()
                && !version.starts_with("1.")
            {
                let failure = input_error(
                    reader.input,
                    Some("log.version".to_owned()),
                    format!("HAR version {version} is not supported; export HAR 1.2"),
                );
                return Err(reader.stop(failure));
            }
            reader.emit(Event::LogMember(&key, value))?;
        }
        if !seen_entries {
            let failure = input_error(
                reader.input,
                Some("log.entries".to_owned()),
                "no list of entries",
            );
            return Err(reader.stop(failure));
        }
        Ok(())
    }
}

/// `log.entries`.
struct Entries<'s, 'r>(&'s mut Reader<'r>);

impl<'de> DeserializeSeed<'de> for Entries<'_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Entries<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of HAR entries")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let reader = self.0;
        let mut index = 0;
        while let Some(entry) = seq.next_element::<Value>()? {
            reader.entry(index, entry)?;
            index += 1;
        }
        Ok(())
    }
}

/// A HAR entry for one `{"status", "headers"?, "body"}` of a list.
pub(crate) fn entry_from_response(
    input: &Path,
    name: &str,
    index: usize,
    item: Value,
) -> Result<Value, FileError> {
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
        Some(value) => value.to_string(),
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

/// An entry's name for reports: its comment, or its method and URL.
pub(crate) fn name(entry: &Value) -> String {
    let text = |pointer: &str| entry.pointer(pointer).and_then(Value::as_str).unwrap_or("");
    match text("/comment") {
        "" => format!("{} {}", text("/request/method"), text("/request/url")),
        comment => comment.to_owned(),
    }
}

/// `(GET https://... -> 404)`, or `(the entry's comment -> 404)`.
pub(crate) fn label(entry: &Value) -> String {
    let status = entry
        .pointer("/response/status")
        .map_or_else(|| "?".to_owned(), ToString::to_string);
    format!("({} -> {status})", name(entry))
}

/// The response headers of an entry, as the classifier reads them.
pub(crate) fn response_headers(
    input: &Path,
    index: usize,
    entry: &Value,
) -> Result<HeaderMap, FileError> {
    let mut headers = HeaderMap::new();
    for (_, name, value) in response_headers_as_sent(input, index, entry)? {
        headers.append(name, value);
    }
    Ok(headers)
}

/// The response headers of an entry in order, each with its name as sent (`Request-Id`,
/// where a [`HeaderMap`] keeps `request-id`), checked as [`response_headers`] checks them.
/// HTTP/2 pseudo-headers (`:status`) that some browsers export are left out: they are not
/// headers.
pub(crate) fn response_headers_as_sent(
    input: &Path,
    index: usize,
    entry: &Value,
) -> Result<Vec<(String, HeaderName, HeaderValue)>, FileError> {
    let Some(list) = entry.pointer("/response/headers").and_then(Value::as_array) else {
        return Ok(Vec::new());
    };
    let mut headers = Vec::with_capacity(list.len());
    for (i, header) in list.iter().enumerate() {
        let at = Some(format!("entry {index}, response.headers[{i}]"));
        let (Some(sent), Some(value)) = (
            header.get("name").and_then(Value::as_str),
            header.get("value").and_then(Value::as_str),
        ) else {
            return Err(input_error(
                input,
                at,
                "expected {\"name\": text, \"value\": text}",
            ));
        };
        if sent.starts_with(':') {
            continue;
        }
        let name = HeaderName::from_bytes(sent.as_bytes()).map_err(|_| {
            input_error(input, at.clone(), format!("`{sent}` is not a header name"))
        })?;
        let value = HeaderValue::from_str(value).map_err(|_| {
            input_error(
                input,
                at,
                format!("the value of `{name}` is not header text"),
            )
        })?;
        headers.push((sent.to_owned(), name, value));
    }
    Ok(headers)
}

/// The response body of an entry, decoded from base64 when the HAR says so.
pub(crate) fn response_body(
    input: &Path,
    index: usize,
    entry: &Value,
) -> Result<Vec<u8>, FileError> {
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn events(text: &str, max: usize) -> Result<Vec<String>, FileError> {
        let dir = std::env::temp_dir().join(format!(
            "capture-events-{}-{}",
            std::process::id(),
            text.len()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("capture.har");
        std::fs::write(&path, text).unwrap();
        let mut seen = Vec::new();
        let result = read(&path, Accept::HarOrList, max, &mut |event| {
            seen.push(match event {
                Event::RootMember(key, _) => format!("root {key}"),
                Event::LogStart => "log {".to_owned(),
                Event::LogMember(key, _) => format!("log {key}"),
                Event::EntriesStart => "entries [".to_owned(),
                Event::Entry(index, _) => format!("entry {index}"),
                Event::EntriesEnd => "]".to_owned(),
                Event::LogEnd => "}".to_owned(),
            });
            Ok(())
        });
        let _ = std::fs::remove_dir_all(&dir);
        result.map(|()| seen)
    }

    #[test]
    fn a_har_streams_in_document_order() {
        let seen = events(
            r#"{"x": 1, "log": {"version": "1.2", "entries": [{}, {}], "pages": []}, "y": 2}"#,
            10,
        )
        .unwrap();
        assert_eq!(
            seen,
            [
                "root x",
                "log {",
                "log version",
                "entries [",
                "entry 0",
                "entry 1",
                "]",
                "log pages",
                "}",
                "root y"
            ]
        );
    }

    #[test]
    fn bad_input_says_what_and_where() {
        let error = events(r#"{"log": {"entries": [{}, {}, {}]}}"#, 2).unwrap_err();
        assert_eq!(error.location.as_deref(), Some("entry 2"));
        assert!(error.message.contains("--max-entries"), "{error}");
        let error = events(r#"{"entries": []}"#, 2).unwrap_err();
        assert!(error.message.contains("no `log` object"), "{error}");
        let error = events(r#"{"log": {"version": "2.0", "entries": []}}"#, 2).unwrap_err();
        assert!(error.message.contains("HAR version 2.0"), "{error}");
        let error = events(r#"{"log": {"entries": [{}, }"#, 2).unwrap_err();
        assert_eq!(error.location.as_deref(), Some("line 1, column 26"));
        let error = events(r#""a string""#, 2).unwrap_err();
        assert!(error.message.contains("expected a HAR file"), "{error}");
        let error = events(r#"[{"status": 400, "extra": 1}]"#, 2).unwrap_err();
        assert_eq!(error.location.as_deref(), Some("item 0, extra"));
    }
}
