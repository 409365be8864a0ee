//! A HAR entry made safe to commit: every part of the request and the response goes through
//! the one redaction of [`catalog_core::redact`], with the catalog's `sensitive` and
//! `not_sensitive` declarations.
//!
//! Request and response alike: header values, cookies, the URL and its query string, the
//! `Location`/`redirectURL` addresses, request bodies (JSON at any depth, form-encoded and
//! other text, and `postData.params`), response bodies (JSON with the catalog's pointers, or
//! text; base64 bodies decoded first and encoded again), and the entry's comment. Each secret
//! taken out is reported with where it was. Everything else of the entry is kept as exported.

use std::fmt;

use base64::Engine;
use catalog_core::redact::{Found, MARKER, Redactor};
use serde_json::Value;

/// One secret taken out of an entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redacted {
    /// The entry's position in the file it was read from.
    pub entry: usize,
    /// The part of the entry: `response body`, ``request header `Authorization` ``.
    pub place: String,
    /// What was taken out, with its pointer within a body.
    pub found: Found,
}

impl Redacted {
    /// Whether it came out of the response's body or headers, which classification reads.
    pub fn in_response(&self) -> bool {
        self.place == "response body" || self.place.starts_with("response header")
    }
}

impl Redacted {
    /// What was taken out and where, without the entry, with list indices as `*`:
    /// ``a value named `client_secret` in the response body at /errors/*/client_secret``.
    pub fn what_and_where(&self) -> String {
        let mut out = format!("{} in the {}", self.found.secret, self.place);
        if !self.found.pointer.is_empty() {
            out.push_str(" at ");
            out.push_str(&list_pointer(&self.found.pointer));
        }
        out
    }
}

/// A pointer into one body (`/errors/0/code`) as a catalog declares it (`/errors/*/code`).
pub fn list_pointer(pointer: &str) -> String {
    pointer
        .split('/')
        .map(|segment| {
            if !segment.is_empty() && segment.bytes().all(|byte| byte.is_ascii_digit()) {
                "*"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

impl fmt::Display for Redacted {
    /// ``entry 3: a value named `client_secret` in the response body at /error/client_secret``.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "entry {}: {} in the {}",
            self.entry, self.found.secret, self.place
        )?;
        if !self.found.pointer.is_empty() {
            write!(f, " at {}", self.found.pointer)?;
        }
        Ok(())
    }
}

/// Redacts one HAR entry in place, reporting each secret taken out. `redactor` is the
/// catalog's; request bodies are read with the names every catalog knows (the catalog's
/// pointers describe responses).
pub fn redact_entry(
    index: usize,
    entry: &mut Value,
    redactor: &Redactor<'_>,
    out: &mut Vec<Redacted>,
) {
    let request_redactor = Redactor::default();
    let mut report = |place: &str, found: Vec<Found>| {
        out.extend(found.into_iter().map(|found| Redacted {
            entry: index,
            place: place.to_owned(),
            found,
        }));
    };
    if let Some(request) = entry.get_mut("request") {
        redact_message(request, "request", redactor, &mut report);
        if let Some(post) = request.get_mut("postData") {
            redact_post_data(post, &request_redactor, &mut report);
        }
    }
    if let Some(response) = entry.get_mut("response") {
        redact_message(response, "response", redactor, &mut report);
        if let Some(Value::String(url)) = response.get_mut("redirectURL") {
            let mut found = Vec::new();
            if let Some(redacted) = redactor.url(url, &mut found) {
                *url = redacted;
            }
            report("response's redirectURL", found);
        }
        if let Some(content) = response.get_mut("content") {
            redact_content(content, redactor, &mut report);
        }
    }
    // Values written into an expectation by hand (a message) are shown like the response.
    if let Some(expected) = entry.get_mut("_expected") {
        let mut found = Vec::new();
        redactor.json(expected, &mut found);
        report("entry's _expected", found);
    }
    if let Some(Value::String(comment)) = entry.get_mut("comment") {
        let mut found = Vec::new();
        if let Some(redacted) = redactor.text(comment, &mut found) {
            *comment = redacted;
        }
        report("entry's comment", found);
    }
}

/// The parts a request and a response share: URL, headers, cookies and query string.
fn redact_message(
    message: &mut Value,
    side: &str,
    redactor: &Redactor<'_>,
    report: &mut impl FnMut(&str, Vec<Found>),
) {
    if let Some(Value::String(url)) = message.get_mut("url") {
        let mut found = Vec::new();
        if let Some(redacted) = redactor.url(url, &mut found) {
            *url = redacted;
        }
        report(&format!("{side} URL"), found);
    }
    if let Some(Value::Array(headers)) = message.get_mut("headers") {
        for header in headers {
            let Some(name) = header
                .get("name")
                .and_then(Value::as_str)
                .map(str::to_owned)
            else {
                continue;
            };
            if let Some(Value::String(value)) = header.get_mut("value") {
                let mut found = Vec::new();
                if let Some(redacted) = redactor.header(&name, value, &mut found) {
                    *value = redacted;
                }
                report(&format!("{side} header `{name}`"), found);
            }
        }
    }
    // A cookie is a credential whatever its name: a session, a CSRF token, a device id.
    if let Some(Value::Array(cookies)) = message.get_mut("cookies") {
        for cookie in cookies {
            let name = cookie
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("(unnamed)")
                .to_owned();
            if let Some(value) = cookie.get_mut("value")
                && value
                    .as_str()
                    .is_some_and(|text| !text.is_empty() && text != MARKER)
            {
                *value = Value::from(MARKER);
                out_of_cookie(&name, side, report);
            }
        }
    }
    if let Some(Value::Array(parameters)) = message.get_mut("queryString") {
        for parameter in parameters {
            redact_named_value(parameter, &format!("{side} queryString"), redactor, report);
        }
    }
}

fn out_of_cookie(name: &str, side: &str, report: &mut impl FnMut(&str, Vec<Found>)) {
    report(
        &format!("{side} cookie `{name}`"),
        vec![Found {
            pointer: String::new(),
            secret: catalog_core::redact::Secret::Named(name.to_owned()),
        }],
    );
}

/// `{"name": n, "value": v}`: the value replaced when the name is a credential's, else
/// redacted as text.
fn redact_named_value(
    pair: &mut Value,
    place: &str,
    redactor: &Redactor<'_>,
    report: &mut impl FnMut(&str, Vec<Found>),
) {
    let Some(name) = pair.get("name").and_then(Value::as_str).map(str::to_owned) else {
        return;
    };
    let Some(Value::String(value)) = pair.get_mut("value") else {
        return;
    };
    let mut found = Vec::new();
    // As a one-pair form, so a credential's name is judged the way a query's is.
    let form = format!("{name}={value}");
    if let Some(redacted) = redactor.form(&form, &mut found)
        && let Some((_, redacted_value)) = redacted.split_once('=')
    {
        *value = redacted_value.to_owned();
    }
    report(place, found);
}

fn redact_post_data(
    post: &mut Value,
    redactor: &Redactor<'_>,
    report: &mut impl FnMut(&str, Vec<Found>),
) {
    if let Some(Value::Array(params)) = post.get_mut("params") {
        for parameter in params {
            redact_named_value(parameter, "request body's params", redactor, report);
        }
    }
    let mime = post
        .get("mimeType")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_ascii_lowercase();
    let Some(Value::String(text)) = post.get_mut("text") else {
        return;
    };
    let mut found = Vec::new();
    let redacted = if mime.contains("x-www-form-urlencoded") {
        redactor.form(text, &mut found)
    } else {
        redactor.body(text.as_bytes(), &mut found)
    };
    if let Some(redacted) = redacted {
        *text = redacted;
    }
    report("request body", found);
}

/// The response body, decoded from base64 when the HAR says so and encoded again.
fn redact_content(
    content: &mut Value,
    redactor: &Redactor<'_>,
    report: &mut impl FnMut(&str, Vec<Found>),
) {
    let base64 = content.get("encoding").and_then(Value::as_str) == Some("base64");
    let Some(Value::String(text)) = content.get_mut("text") else {
        return;
    };
    let engine = base64::engine::general_purpose::STANDARD;
    let mut found = Vec::new();
    if base64 {
        // A body that does not decode is left for the reader to report, not guessed at.
        let Ok(bytes) = engine.decode(text.trim()) else {
            return;
        };
        // Bytes that are not text (an image, a gzip stream) hold no readable secret.
        if std::str::from_utf8(&bytes).is_err() {
            return;
        }
        if let Some(redacted) = redactor.body(&bytes, &mut found) {
            *text = engine.encode(redacted);
        }
    } else if let Some(redacted) = redactor.body(text.as_bytes(), &mut found) {
        *text = redacted;
    }
    report("response body", found);
}

#[cfg(test)]
mod tests;
