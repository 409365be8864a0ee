//! Credentials out of a HAR entry before it is committed.
//!
//! Replaced by [`MARKER`], each reported: the `Authorization`, `Proxy-Authorization`,
//! `Cookie` and `Set-Cookie` headers and API-key headers (`X-Api-Key`, `Api-Key`,
//! `X-Auth-Token`, ...); the values of the `cookies` arrays; query parameters named like a
//! secret (`access_token`, `client_secret`, `api_key`, `password`, ...) in the URL, in
//! `queryString` and in `Referer`, `Location` and `:path` headers; and fields named like a
//! secret in request bodies, JSON (at any depth) and form-encoded (`postData.text` and
//! `postData.params`). Everything else of the entry is kept as exported.

use std::fmt;

use serde_json::Value;

/// What a removed credential is replaced with: plain ASCII, valid in a header, a URL and JSON.
pub const MARKER: &str = "SCRUBBED";

/// One credential removed from an entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scrubbed {
    /// The entry's position in the file it was read from.
    pub entry: usize,
    /// What was removed: `request header Authorization`, `query parameter access_token`.
    pub what: String,
}

impl fmt::Display for Scrubbed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "entry {}: {}", self.entry, self.what)
    }
}

/// Whether a header, parameter or field with this name holds a credential. Names compare
/// without case or punctuation, so `X-Api-Key`, `api_key` and `apiKey` are one name.
pub fn is_secret_name(name: &str) -> bool {
    let folded: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    const WHOLE: [&str; 10] = [
        "key", "auth", "sig", "pwd", "pin", "otp", "cvv", "cvc", "session", "sid",
    ];
    const PART: [&str; 13] = [
        "token",
        "secret",
        "password",
        "passwd",
        "passphrase",
        "apikey",
        "authorization",
        "cookie",
        "credential",
        "privatekey",
        "accesskey",
        "subscriptionkey",
        "signature",
    ];
    WHOLE.contains(&folded.as_str())
        || PART.iter().any(|part| folded.contains(part))
        || folded.ends_with("sessionid")
        || folded.ends_with("clientassertion")
}

/// Headers whose value is a URL that may carry secret query parameters.
fn is_url_header(name: &str) -> bool {
    ["referer", "location", "content-location", ":path"]
        .iter()
        .any(|header| name.eq_ignore_ascii_case(header))
}

/// Scrubs one HAR entry in place, reporting each credential removed.
pub fn scrub_entry(index: usize, entry: &mut Value, out: &mut Vec<Scrubbed>) {
    let mut report = |what: String| out.push(Scrubbed { entry: index, what });
    if let Some(request) = entry.get_mut("request") {
        scrub_headers(request, "request", &mut report);
        scrub_cookies(request, "request", &mut report);
        if let Some(Value::String(url)) = request.get_mut("url") {
            for name in scrub_query(url) {
                report(format!("query parameter `{name}` in the URL"));
            }
        }
        if let Some(Value::Array(parameters)) = request.get_mut("queryString") {
            for parameter in parameters {
                if let Some(name) = scrub_named_value(parameter) {
                    report(format!("query parameter `{name}` in queryString"));
                }
            }
        }
        if let Some(post) = request.get_mut("postData") {
            scrub_post_data(post, &mut report);
        }
    }
    if let Some(response) = entry.get_mut("response") {
        scrub_headers(response, "response", &mut report);
        scrub_cookies(response, "response", &mut report);
    }
}

/// `{"name": n, "value": v}` with a secret name: the value replaced; returns the name.
fn scrub_named_value(pair: &mut Value) -> Option<String> {
    let name = pair.get("name")?.as_str()?.to_owned();
    if !is_secret_name(&name) {
        return None;
    }
    replace_value(pair.get_mut("value")?).then_some(name)
}

/// Replaces a non-empty value by the marker; false when there was nothing to remove.
fn replace_value(value: &mut Value) -> bool {
    let empty = match value {
        Value::Null => true,
        Value::String(text) => text.is_empty() || text == MARKER,
        _ => false,
    };
    if !empty {
        *value = Value::String(MARKER.to_owned());
    }
    !empty
}

fn scrub_headers(message: &mut Value, side: &str, report: &mut impl FnMut(String)) {
    let Some(Value::Array(headers)) = message.get_mut("headers") else {
        return;
    };
    for header in headers {
        let Some(name) = header
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_owned)
        else {
            continue;
        };
        if is_secret_name(&name) {
            if header.get_mut("value").is_some_and(replace_value) {
                report(format!("{side} header `{name}`"));
            }
        } else if is_url_header(&name)
            && let Some(Value::String(url)) = header.get_mut("value")
        {
            for parameter in scrub_query(url) {
                report(format!(
                    "query parameter `{parameter}` in the {side} header `{name}`"
                ));
            }
        }
    }
}

fn scrub_cookies(message: &mut Value, side: &str, report: &mut impl FnMut(String)) {
    let Some(Value::Array(cookies)) = message.get_mut("cookies") else {
        return;
    };
    for cookie in cookies {
        let name = cookie
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("(unnamed)")
            .to_owned();
        if cookie.get_mut("value").is_some_and(replace_value) {
            report(format!("{side} cookie `{name}`"));
        }
    }
}

/// Replaces the values of secret parameters in the query of `url`; returns their names.
fn scrub_query(url: &mut String) -> Vec<String> {
    let Some(start) = url.find('?') else {
        return Vec::new();
    };
    let end = url[start..].find('#').map_or(url.len(), |i| start + i);
    let (names, query) = scrub_form(&url[start + 1..end]);
    if !names.is_empty() {
        url.replace_range(start + 1..end, &query);
    }
    names
}

/// A form-encoded text (`a=1&access_token=x`) with secret values replaced, and their names.
fn scrub_form(form: &str) -> (Vec<String>, String) {
    let mut names = Vec::new();
    let pairs: Vec<String> = form
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) if value != MARKER && !value.is_empty() => {
                let decoded = percent_decode(name);
                if is_secret_name(&decoded) {
                    names.push(decoded);
                    format!("{name}={MARKER}")
                } else {
                    pair.to_owned()
                }
            }
            _ => pair.to_owned(),
        })
        .collect();
    (names, pairs.join("&"))
}

/// `%5F` and `+` decoded, for comparing names; bytes that do not decode stay as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = text
                    .get(i + 1..i + 3)
                    .and_then(|hex| u8::from_str_radix(hex, 16).ok());
                if let Some(byte) = hex {
                    out.push(byte);
                    i += 2;
                } else {
                    out.push(b'%');
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn scrub_post_data(post: &mut Value, report: &mut impl FnMut(String)) {
    if let Some(Value::Array(params)) = post.get_mut("params") {
        for parameter in params {
            if let Some(name) = scrub_named_value(parameter) {
                report(format!("request body field `{name}` in postData.params"));
            }
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
    if mime.contains("json") || text.trim_start().starts_with(['{', '[']) {
        let Ok(mut body) = serde_json::from_str::<Value>(text) else {
            return;
        };
        let mut names = Vec::new();
        scrub_json(&mut body, &mut names);
        if !names.is_empty()
            && let Ok(scrubbed) = serde_json::to_string(&body)
        {
            *text = scrubbed;
            for name in names {
                report(format!("request body field `{name}`"));
            }
        }
    } else if mime.contains("x-www-form-urlencoded") {
        let (names, scrubbed) = scrub_form(text);
        if !names.is_empty() {
            *text = scrubbed;
            for name in names {
                report(format!("request body field `{name}`"));
            }
        }
    }
}

/// Replaces the values of secret keys at any depth; collects the keys' paths.
fn scrub_json(value: &mut Value, names: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, field) in map.iter_mut() {
                if is_secret_name(key) && !field.is_object() && !field.is_array() {
                    if replace_value(field) {
                        names.push(key.clone());
                    }
                } else {
                    scrub_json(field, names);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                scrub_json(item, names);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use serde_json::json;

    use super::*;

    #[test]
    fn secret_names_and_ordinary_ones() {
        for secret in [
            "Authorization",
            "Proxy-Authorization",
            "Cookie",
            "Set-Cookie",
            "X-Api-Key",
            "api-key",
            "apiKey",
            "X-Auth-Token",
            "access_token",
            "refresh_token",
            "client_secret",
            "password",
            "Ocp-Apim-Subscription-Key",
            "key",
            "JSESSIONID",
        ] {
            assert!(is_secret_name(secret), "{secret}");
        }
        for ordinary in [
            "Content-Type",
            "X-Request-Id",
            "Retry-After",
            "Idempotency-Key",
            "account_id",
            "limit",
            "code",
        ] {
            assert!(!is_secret_name(ordinary), "{ordinary}");
        }
    }

    #[test]
    fn a_browser_entry_loses_every_credential_and_keeps_the_rest() {
        let mut entry = json!({
            "request": {
                "method": "POST",
                "url": "https://api.acme.test/v1/pay?account=7&access_token=abc%20def#frag",
                "headers": [
                    {"name": "Authorization", "value": "Bearer abc"},
                    {"name": "X-Api-Key", "value": "k-1"},
                    {"name": "Referer", "value": "https://app.acme.test/?api_key=k-2&page=3"},
                    {"name": "Accept", "value": "application/json"}
                ],
                "cookies": [{"name": "session", "value": "s-1", "domain": "acme.test"}],
                "queryString": [
                    {"name": "account", "value": "7"},
                    {"name": "access_token", "value": "abc def"}
                ],
                "postData": {
                    "mimeType": "application/json",
                    "text": "{\"amount\":5,\"card\":{\"number\":\"4242\",\"cvc\":\"123\"},\"client_secret\":\"cs\"}"
                }
            },
            "response": {
                "status": 401,
                "headers": [
                    {"name": "Set-Cookie", "value": "session=s-2; HttpOnly"},
                    {"name": "X-Request-Id", "value": "r-1"}
                ],
                "cookies": [{"name": "session", "value": "s-2"}],
                "content": {"text": "{\"error_code\":\"invalid_token\"}"}
            }
        });
        let mut found = Vec::new();
        scrub_entry(3, &mut entry, &mut found);
        let request = &entry["request"];
        assert_eq!(
            request["url"],
            "https://api.acme.test/v1/pay?account=7&access_token=SCRUBBED#frag"
        );
        assert_eq!(request["headers"][0]["value"], MARKER);
        assert_eq!(request["headers"][1]["value"], MARKER);
        assert_eq!(
            request["headers"][2]["value"],
            "https://app.acme.test/?api_key=SCRUBBED&page=3"
        );
        assert_eq!(request["headers"][3]["value"], "application/json");
        assert_eq!(request["cookies"][0]["value"], MARKER);
        assert_eq!(request["cookies"][0]["domain"], "acme.test");
        assert_eq!(request["queryString"][0]["value"], "7");
        assert_eq!(request["queryString"][1]["value"], MARKER);
        assert_eq!(
            request["postData"]["text"],
            "{\"amount\":5,\"card\":{\"number\":\"4242\",\"cvc\":\"SCRUBBED\"},\"client_secret\":\"SCRUBBED\"}"
        );
        let response = &entry["response"];
        assert_eq!(response["headers"][0]["value"], MARKER);
        assert_eq!(response["headers"][1]["value"], "r-1");
        assert_eq!(response["cookies"][0]["value"], MARKER);
        assert_eq!(
            response["content"]["text"],
            "{\"error_code\":\"invalid_token\"}"
        );
        let lines: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "entry 3: request header `Authorization`",
                "entry 3: request header `X-Api-Key`",
                "entry 3: query parameter `api_key` in the request header `Referer`",
                "entry 3: request cookie `session`",
                "entry 3: query parameter `access_token` in the URL",
                "entry 3: query parameter `access_token` in queryString",
                "entry 3: request body field `cvc`",
                "entry 3: request body field `client_secret`",
                "entry 3: response header `Set-Cookie`",
                "entry 3: response cookie `session`",
            ]
        );
        // A second pass finds nothing left.
        let mut again = Vec::new();
        scrub_entry(3, &mut entry, &mut again);
        assert_eq!(again, []);
    }

    #[test]
    fn form_bodies_and_params() {
        let mut entry = json!({"request": {"postData": {
            "mimeType": "application/x-www-form-urlencoded",
            "text": "grant_type=client_credentials&client_id=app&client%5Fsecret=cs&password=pw",
            "params": [{"name": "client_secret", "value": "cs"}, {"name": "client_id", "value": "app"}]
        }}});
        let mut found = Vec::new();
        scrub_entry(0, &mut entry, &mut found);
        let post = &entry["request"]["postData"];
        assert_eq!(
            post["text"],
            "grant_type=client_credentials&client_id=app&client%5Fsecret=SCRUBBED&password=SCRUBBED"
        );
        assert_eq!(post["params"][0]["value"], MARKER);
        assert_eq!(post["params"][1]["value"], "app");
        assert_eq!(found.len(), 3, "{found:?}");
    }
}
