//! Secrets out of everything written or printed: the one redaction that `Display`, `Debug`
//! and the serde form of a classification, `record`'s recordings, `classify` and `verify`
//! all apply, to requests and responses alike.
//!
//! What a provider sends can hold credentials (Stripe's card errors embed the payment object
//! with its `client_secret`; Plaid's webhooks carry the `access_token`), keys it echoes into a
//! message ("Expired API Key provided: sk_test_..."), and card numbers (MDES descriptions echo
//! what the request held). [`crate::Classification::raw_body`] is the one way to the bytes as
//! sent.
//!
//! What is taken out ([`Secret`] names each kind):
//! - JSON members whose name says they hold a credential ([`is_sensitive_name`]: `client_secret`,
//!   `password`, `access_token`, `api_key`, `private_key`, ...), at any depth, and the body
//!   pointers a catalog declares `sensitive`;
//! - headers named like a credential (`Authorization`, `Proxy-Authorization`, `Cookie`,
//!   `Set-Cookie`, `X-Api-Key`, ...) and the headers a catalog declares `sensitive`;
//! - in every text (messages, other header values, URLs, form bodies, bodies that are not
//!   JSON): card numbers that pass the Luhn check, down to their last four digits; key-shaped
//!   strings (`sk_live_...`, `rk_test_...`, `whsec_...`, JWTs, `Bearer ...`); and the values
//!   of `name=value` and `name: value` pairs with a credential's name (`token=...`).
//!
//! A redacted value keeps its JSON type (a string becomes [`MARKER`], a number `0`, an object
//! or list keeps its shape with each value redacted), so a redacted body still parses. A
//! catalog's `not_sensitive` pointers and headers are left as sent: the way out when a name
//! only looks like a credential's and the value decides the classification.

use std::borrow::Cow;
use std::fmt;

use serde_json::Value;

use crate::model::Source;
use crate::spec::CatalogSpec;

/// What a removed value is replaced with: plain ASCII, valid in a header, a URL and JSON.
pub const MARKER: &str = "[redacted]";

/// A kind of secret that redaction took out.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Secret {
    /// A member, header, parameter or `name=value` pair named like a credential; the name.
    Named(String),
    /// A pointer or header the catalog declares `sensitive`.
    Declared,
    /// A number that passes the Luhn check: a payment card.
    CardNumber,
    /// A key with a provider's prefix (`sk_live_`); the prefix.
    Key(&'static str),
    /// A JSON Web Token (`eyJ...`).
    Jwt,
    /// The token of a `Bearer ...` credential.
    Bearer,
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Secret::Named(name) => write!(f, "a value named `{name}`"),
            Secret::Declared => f.write_str("a value the catalog declares sensitive"),
            Secret::CardNumber => f.write_str("a card number"),
            Secret::Key(prefix) => write!(f, "a `{prefix}` key"),
            Secret::Jwt => f.write_str("a JWT"),
            Secret::Bearer => f.write_str("a bearer token"),
        }
    }
}

/// One secret taken out, and where: a JSON pointer within a body (`/error/client_secret`),
/// or empty for a header's value or a text as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Where in the value redacted; empty for the value as a whole.
    pub pointer: String,
    /// What was taken out.
    pub secret: Secret,
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pointer.is_empty() {
            write!(f, "{}", self.secret)
        } else {
            write!(f, "{} at {}", self.secret, self.pointer)
        }
    }
}

/// Whether a JSON member, header, query parameter or form field with this name holds a
/// credential. Names compare without case or punctuation, so `X-Api-Key`, `api_key` and
/// `apiKey` are one name; `tokens_left` and `Idempotency-Key` are not credentials.
pub fn is_sensitive_name(name: &str) -> bool {
    // The whole name.
    const WHOLE: &[&str] = &[
        "key",
        "auth",
        "authorization",
        "proxyauthorization",
        "cookie",
        "setcookie",
        "sig",
        "signature",
        "pwd",
        "pin",
        "otp",
        "pan",
        "cvv",
        "cvc",
        "cvv2",
        "cardnumber",
        "accountnumber",
        "ssn",
        "session",
        "sid",
        "sessionid",
    ];
    // The end of the name: `link_token`, `X-Auth-Token`, `webhook_secret`.
    const ENDINGS: &[&str] = &[
        "token",
        "secret",
        "password",
        "passwd",
        "passphrase",
        "apikey",
        "privatekey",
        "accesskey",
        "secretkey",
        "subscriptionkey",
        "credential",
        "credentials",
        "appkey",
        "clientkey",
        "consumerkey",
        "masterkey",
        "signingkey",
        "encryptionkey",
        "sessionid",
        "clientassertion",
        "signature",
        "cvc",
        "cvv",
        "cvv2",
        "cardnumber",
    ];
    // Anywhere in the name: `password_hash`, `secret_value`.
    const PARTS: &[&str] = &["secret", "password", "privatekey", "apikey", "cookie"];
    let folded: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    !folded.is_empty()
        && (WHOLE.contains(&folded.as_str())
            || ENDINGS.iter().any(|ending| folded.ends_with(ending))
            || PARTS.iter().any(|part| folded.contains(part)))
}

/// The redaction of one catalog: the names every catalog treats as credentials, plus its own
/// `sensitive` sources, less its `not_sensitive` ones. [`Redactor::default`] knows no catalog.
#[derive(Clone, Copy, Debug, Default)]
pub struct Redactor<'a> {
    sensitive: &'a [Source],
    not_sensitive: &'a [Source],
}

impl<'a> Redactor<'a> {
    /// The redaction `spec` declares.
    pub fn new(spec: &'a CatalogSpec) -> Self {
        Redactor {
            sensitive: spec.sensitive,
            not_sensitive: spec.not_sensitive,
        }
    }

    /// A text with every secret in it replaced; `None` when it holds none.
    pub fn text(&self, text: &str, found: &mut Vec<Found>) -> Option<String> {
        redact_text(text, &mut |secret| {
            found.push(Found {
                pointer: String::new(),
                secret,
            });
        })
    }

    /// A header's value as it may be shown: [`MARKER`] for a credential's header, the value
    /// with its secrets replaced otherwise; `None` when nothing is taken out.
    pub fn header(&self, name: &str, value: &str, found: &mut Vec<Found>) -> Option<String> {
        if lists_header(self.not_sensitive, name) {
            return None;
        }
        let secret = if lists_header(self.sensitive, name) {
            Some(Secret::Declared)
        } else if is_sensitive_name(name) {
            Some(Secret::Named(name.to_owned()))
        } else {
            None
        };
        match secret {
            Some(secret) if !value.is_empty() && value != MARKER => {
                found.push(Found {
                    pointer: String::new(),
                    secret,
                });
                Some(MARKER.to_owned())
            }
            Some(_) => None,
            None => {
                // A URL (`Location`, `Referer`): its query read as a form first.
                let url = value
                    .contains('?')
                    .then(|| self.url(value, found))
                    .flatten();
                self.text(url.as_deref().unwrap_or(value), found).or(url)
            }
        }
    }

    /// A form-encoded text (`a=1&client%5Fsecret=x`, a URL's query) with the values of
    /// credential-named fields replaced and the other values redacted as text; `None` when
    /// nothing is taken out. Names are compared percent-decoded.
    pub fn form(&self, form: &str, found: &mut Vec<Found>) -> Option<String> {
        let mut changed = false;
        let pairs: Vec<Cow<'_, str>> = form
            .split('&')
            .map(|pair| {
                let Some((name, value)) = pair.split_once('=') else {
                    return Cow::Borrowed(pair);
                };
                let decoded = percent_decode(name);
                if is_sensitive_name(&decoded) {
                    if value.is_empty() || value == MARKER {
                        return Cow::Borrowed(pair);
                    }
                    changed = true;
                    found.push(Found {
                        pointer: String::new(),
                        secret: Secret::Named(decoded),
                    });
                    return Cow::Owned(format!("{name}={MARKER}"));
                }
                match self.text(value, found) {
                    Some(redacted) => {
                        changed = true;
                        Cow::Owned(format!("{name}={redacted}"))
                    }
                    None => Cow::Borrowed(pair),
                }
            })
            .collect();
        changed.then(|| pairs.join("&"))
    }

    /// A URL with its query redacted as a [`Redactor::form`]; `None` when nothing is taken out.
    pub fn url(&self, url: &str, found: &mut Vec<Found>) -> Option<String> {
        let start = url.find('?')?;
        let end = url[start..].find('#').map_or(url.len(), |i| start + i);
        let query = self.form(&url[start + 1..end], found)?;
        Some(format!("{}{query}{}", &url[..=start], &url[end..]))
    }

    /// Redacts a JSON value in place: the catalog's `sensitive` pointers, credential-named
    /// members at any depth, and the secrets in every string and number; each reported with
    /// its pointer. Whether anything changed.
    pub fn json(&self, value: &mut Value, found: &mut Vec<Found>) -> bool {
        let mut changed = false;
        for source in self.sensitive {
            if let Source::Body(path) = source {
                let mut at = String::new();
                changed |= redact_path(value, path, &mut at, found);
            }
        }
        let mut at = Vec::new();
        changed | self.tree(value, &mut at, found)
    }

    /// A body as it may be shown or stored: JSON redacted by [`Redactor::json`] (and written
    /// compactly when anything changed), other text by [`Redactor::text`]; bytes that are not
    /// UTF-8 are read lossily. `None` when nothing is taken out.
    pub fn body(&self, body: &[u8], found: &mut Vec<Found>) -> Option<String> {
        let shown = String::from_utf8_lossy(body);
        if let Ok(mut value) = serde_json::from_str::<Value>(&shown) {
            return self.json(&mut value, found).then(|| value.to_string());
        }
        match self.text(&shown, found) {
            Some(redacted) => Some(redacted),
            // Lossy decoding replaced bytes: what is shown differs from what was sent.
            None if matches!(shown, Cow::Owned(_)) => Some(shown.into_owned()),
            None => None,
        }
    }

    /// Name-based redaction and text redaction, all the way down. Depth is bounded by
    /// serde_json's parser (128 levels), so the recursion is too.
    fn tree(&self, value: &mut Value, at: &mut Vec<String>, found: &mut Vec<Found>) -> bool {
        if self.is_exempt(at) {
            return false;
        }
        match value {
            Value::Object(members) => {
                let mut changed = false;
                for (name, member) in members.iter_mut() {
                    at.push(name.clone());
                    if self.is_exempt(at) {
                        at.pop();
                        continue;
                    }
                    if is_sensitive_name(name) {
                        if blank(member) {
                            changed = true;
                            found.push(Found {
                                pointer: crate::pointer::join(at),
                                secret: Secret::Named(name.clone()),
                            });
                        }
                    } else {
                        changed |= self.tree(member, at, found);
                    }
                    at.pop();
                }
                changed
            }
            Value::Array(items) => {
                let mut changed = false;
                for (index, item) in items.iter_mut().enumerate() {
                    at.push(index.to_string());
                    changed |= self.tree(item, at, found);
                    at.pop();
                }
                changed
            }
            Value::String(string) => {
                let mut secrets = Vec::new();
                match redact_text(string, &mut |secret| secrets.push(secret)) {
                    Some(redacted) => {
                        *string = redacted;
                        let here = crate::pointer::join(at);
                        found.extend(secrets.into_iter().map(|secret| Found {
                            pointer: here.clone(),
                            secret,
                        }));
                        true
                    }
                    None => false,
                }
            }
            Value::Number(number) => {
                let digits = number.to_string();
                match mask_cards(&digits) {
                    // The masked digits as a number (the stars dropped): still a number.
                    Some(masked) => {
                        let kept: String = masked.chars().filter(char::is_ascii_digit).collect();
                        *value = Value::from(kept.parse::<u64>().unwrap_or(0));
                        found.push(Found {
                            pointer: crate::pointer::join(at),
                            secret: Secret::CardNumber,
                        });
                        true
                    }
                    None => false,
                }
            }
            Value::Null | Value::Bool(_) => false,
        }
    }

    /// Whether the body location `at` (indices as digits) is declared `not_sensitive`.
    fn is_exempt(&self, at: &[String]) -> bool {
        self.not_sensitive.iter().any(|source| match source {
            Source::Body(path) => path_matches(path, at),
            Source::Header(_) => false,
        })
    }
}

/// Text with every secret replaced ([`Redactor::text`] with no catalog); borrowed when there
/// is nothing to take out.
pub fn text(text: &str) -> Cow<'_, str> {
    match redact_text(text, &mut |_| {}) {
        Some(redacted) => Cow::Owned(redacted),
        None => Cow::Borrowed(text),
    }
}

/// A body as it may be shown ([`Redactor::body`] with these `sensitive` sources); borrowed
/// when there is nothing to take out.
pub fn body<'a>(body: &'a [u8], sensitive: &[Source]) -> Cow<'a, str> {
    let redactor = Redactor {
        sensitive,
        not_sensitive: &[],
    };
    match redactor.body(body, &mut Vec::new()) {
        Some(redacted) => Cow::Owned(redacted),
        None => String::from_utf8_lossy(body),
    }
}

// Here rather than in spec.rs: what is sensitive is redaction's rule, and the spec sits below it.
impl CatalogSpec {
    /// Whether the catalog's own field `name` (`fields: { ... }`) is left out of outputs: a
    /// source of it is declared sensitive, or its name or its pointer's last member is named
    /// like a credential (`client_secret`) and not declared `not_sensitive`.
    pub fn is_sensitive_field(&self, name: &str) -> bool {
        self.wire
            .shapes
            .iter()
            .flat_map(|shape| shape.extra_fields)
            .filter(|extra| extra.name == name)
            .any(|extra| {
                let named_like_a_secret = is_sensitive_name(name)
                    || matches!(extra.source, Source::Body(path)
                        if path.last().is_some_and(|member| is_sensitive_name(member)));
                extra.source.is_listed_in(self.sensitive)
                    || (named_like_a_secret && !extra.source.is_listed_in(self.not_sensitive))
            })
    }
}

/// Whether `declared` names the header `name` (without case).
fn lists_header(declared: &[Source], name: &str) -> bool {
    declared
        .iter()
        .any(|source| matches!(source, Source::Header(header) if header.eq_ignore_ascii_case(name)))
}

/// Whether a declared path (`*` for each element of a list) names the location `at`. A lone
/// object where the list should be counts as a list of one, as the wire reader reads it.
fn path_matches(path: &[&str], at: &[String]) -> bool {
    match (path.split_first(), at.split_first()) {
        (None, None) => true,
        (Some((&first, rest)), Some((segment, at_rest)))
            if first == catalog_vocab::limits::EACH =>
        {
            (segment.parse::<usize>().is_ok() && path_matches(rest, at_rest))
                || path_matches(rest, at)
        }
        (Some((&first, rest)), None) if first == catalog_vocab::limits::EACH => {
            path_matches(rest, at)
        }
        (Some((first, rest)), Some((segment, at_rest))) => {
            first == segment && path_matches(rest, at_rest)
        }
        _ => false,
    }
}

/// Replaces what sits at `path` (`*` for each element of a list), keeping its JSON type.
fn redact_path(value: &mut Value, path: &[&str], at: &mut String, found: &mut Vec<Found>) -> bool {
    let Some((first, rest)) = path.split_first() else {
        let changed = blank(value);
        if changed {
            found.push(Found {
                pointer: at.clone(),
                secret: Secret::Declared,
            });
        }
        return changed;
    };
    let depth = at.len();
    let changed = match value {
        Value::Array(items) if *first == catalog_vocab::limits::EACH => {
            let mut changed = false;
            for (index, item) in items.iter_mut().enumerate() {
                at.push_str(&format!("/{index}"));
                changed |= redact_path(item, rest, at, found);
                at.truncate(depth);
            }
            changed
        }
        // A lone object where the list should be counts as a list of one.
        Value::Object(_) if *first == catalog_vocab::limits::EACH => {
            redact_path(value, rest, at, found)
        }
        Value::Object(members) => match members.get_mut(*first) {
            Some(member) => {
                at.push_str(&crate::pointer::join(&[first]));
                redact_path(member, rest, at, found)
            }
            None => false,
        },
        _ => false,
    };
    at.truncate(depth);
    changed
}

/// Replaces a secret's value, keeping its JSON type: a string becomes [`MARKER`], a number 0,
/// an object or list keeps its shape with every value in it replaced. Whether anything
/// changed (an empty string, `null`, a boolean and a marker hold no secret).
fn blank(value: &mut Value) -> bool {
    match value {
        Value::String(text) if text.is_empty() || text == MARKER => false,
        Value::String(text) => {
            MARKER.clone_into(text);
            true
        }
        Value::Number(number) if number.as_u64() == Some(0) => false,
        Value::Number(_) => {
            *value = Value::from(0);
            true
        }
        Value::Object(members) => members
            .values_mut()
            .fold(false, |changed, member| blank(member) | changed),
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |changed, item| blank(item) | changed),
        Value::Null | Value::Bool(_) => false,
    }
}

/// Every secret of a text replaced, each reported; `None` when there is none.
fn redact_text(text: &str, report: &mut dyn FnMut(Secret)) -> Option<String> {
    let mut current: Cow<'_, str> = Cow::Borrowed(text);
    if let Some(masked) = mask_cards(&current) {
        report(Secret::CardNumber);
        current = Cow::Owned(masked);
    }
    if let Some(replaced) = replace_keys(&current, report) {
        current = Cow::Owned(replaced);
    }
    if let Some(replaced) = credentials_in_text(&current, report) {
        current = Cow::Owned(replaced);
    }
    match current {
        Cow::Owned(changed) => Some(changed),
        Cow::Borrowed(_) => None,
    }
}

/// Prefixes of secret keys that providers issue, with the shortest run that follows them in
/// a real key. Publishable keys (`pk_live_`) are public by design and stay.
const KEY_PREFIXES: &[(&str, usize)] = &[
    ("sk_live_", 8),
    ("sk_test_", 8),
    ("rk_live_", 8),
    ("rk_test_", 8),
    ("whsec_", 8),
    ("sk-proj-", 16),
    ("sk-ant-", 16),
    ("sk-", 32),
    ("ghp_", 20),
    ("gho_", 20),
    ("ghs_", 20),
    ("ghu_", 20),
    ("github_pat_", 20),
    ("glpat-", 16),
    ("xoxb-", 16),
    ("xoxp-", 16),
    ("AKIA", 16),
];

/// Whether `byte` can be part of a key, a token or a JWT segment.
fn is_token_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'*')
}

/// Key-shaped strings replaced: prefixed keys keep their prefix (`sk_test_[redacted]`, so a
/// reader still tells test from live), JWTs and bearer tokens become [`MARKER`].
fn replace_keys(text: &str, report: &mut dyn FnMut(Secret)) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let at_boundary = text.is_char_boundary(i) && (i == 0 || !is_token_byte(bytes[i - 1]));
        if !at_boundary {
            i += 1;
            continue;
        }
        if let Some((keep, end, secret)) = key_at(text, i) {
            out.push_str(&text[copied..i + keep]);
            out.push_str(MARKER);
            report(secret);
            copied = end;
            i = end;
            continue;
        }
        i += 1;
    }
    (copied > 0).then(|| {
        out.push_str(&text[copied..]);
        out
    })
}

/// A key starting at `start`: how many bytes of it to keep, where it ends, and what it is.
fn key_at(text: &str, start: usize) -> Option<(usize, usize, Secret)> {
    let bytes = text.as_bytes();
    let rest = &text[start..];
    let run_end = |from: usize, allowed: fn(u8) -> bool| {
        bytes[from..]
            .iter()
            .position(|&byte| !allowed(byte))
            .map_or(bytes.len(), |length| from + length)
    };
    for &(prefix, shortest) in KEY_PREFIXES {
        if rest.starts_with(prefix) {
            let body = start + prefix.len();
            let end = run_end(body, is_token_byte);
            if end - body >= shortest {
                return Some((prefix.len(), end, Secret::Key(prefix)));
            }
        }
    }
    // A JWT: three base64url segments, the first a JSON object (`eyJ`).
    if rest.starts_with("eyJ") {
        let first = run_end(start, |b| {
            b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')
        });
        if first - start >= 10 && bytes.get(first) == Some(&b'.') {
            let second = run_end(first + 1, |b| {
                b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')
            });
            if second > first + 1 && bytes.get(second) == Some(&b'.') {
                let third = run_end(second + 1, |b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'=')
                });
                return Some((0, third, Secret::Jwt));
            }
        }
    }
    // `Bearer <token>`: a token of eight or more characters that a word would not be.
    if rest.len() > 7 && rest.as_bytes()[..7].eq_ignore_ascii_case(b"bearer ") {
        let body = start + 7;
        let end = run_end(body, |b| {
            b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'~' | b'+' | b'/' | b'=')
        });
        let token = &text[body..end];
        let word_like = token.bytes().all(|b| b.is_ascii_alphabetic());
        if token != MARKER && token.len() >= 8 && (!word_like || token.len() >= 20) {
            return Some((7, end, Secret::Bearer));
        }
    }
    None
}

/// Card numbers masked: each span of 13 to 19 digits, with single spaces or hyphens allowed
/// between groups, that passes the Luhn check keeps its last four digits; the others become
/// `*`. Within a run of groups (`1 4111 1111 1111 1111 2`) the spans start and end at group
/// boundaries, longest first. `None` when there is none.
fn mask_cards(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        // The run's groups of digits, joined by single separators.
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut at = i;
        loop {
            let start = at;
            while at < bytes.len() && bytes[at].is_ascii_digit() {
                at += 1;
            }
            groups.push((start, at));
            let joined = at + 1 < bytes.len()
                && matches!(bytes[at], b' ' | b'-')
                && bytes[at + 1].is_ascii_digit();
            if !joined {
                break;
            }
            at += 1;
        }
        let run_end = at;
        let mut first = 0;
        while first < groups.len() {
            let mut matched = None;
            let mut digits = 0;
            let mut last = first;
            // The spans that start at this group, at most 19 digits long.
            let mut spans = Vec::new();
            while last < groups.len() {
                digits += groups[last].1 - groups[last].0;
                if digits > 19 {
                    break;
                }
                spans.push((last, digits));
                last += 1;
            }
            for &(last, digits) in spans.iter().rev() {
                let (start, end) = (groups[first].0, groups[last].1);
                if digits >= 13 && luhn(&bytes[start..end]) {
                    matched = Some((last, start, end));
                    break;
                }
            }
            match matched {
                Some((last, start, end)) => {
                    let out = out.get_or_insert_with(|| bytes.to_vec());
                    let mut keep = 4;
                    for at in (start..end).rev() {
                        if bytes[at].is_ascii_digit() {
                            if keep > 0 {
                                keep -= 1;
                            } else {
                                out[at] = b'*';
                            }
                        }
                    }
                    first = last + 1;
                }
                None => first += 1,
            }
        }
        i = run_end.max(i + 1);
    }
    // Only ASCII digits were replaced by an ASCII byte: still UTF-8.
    out.map(|masked| String::from_utf8_lossy(&masked).into_owned())
}

/// The Luhn check over the digits of `run` (separators skipped).
fn luhn(run: &[u8]) -> bool {
    let mut sum = 0u32;
    for (position, digit) in run
        .iter()
        .rev()
        .filter(|byte| byte.is_ascii_digit())
        .map(|byte| u32::from(byte - b'0'))
        .enumerate()
    {
        sum += if position % 2 == 1 {
            let doubled = digit * 2;
            if doubled > 9 { doubled - 9 } else { doubled }
        } else {
            digit
        };
    }
    sum.is_multiple_of(10)
}

/// `access_token=abc`, `password: hunter2` and `"client_secret":"x"` in free text, with the
/// value replaced; `None` when the text holds none.
fn credentials_in_text(text: &str, report: &mut dyn FnMut(Secret)) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut rest = text;
    while let Some(at) = rest.find(['=', ':']) {
        let (before, after) = rest.split_at(at);
        let separator = &after[..1];
        let after = &after[1..];
        // The name: the word just before the separator (quotes around it allowed).
        let trimmed = before.trim_end_matches(['"', '\'']);
        let name_start = trimmed
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .map_or(0, |i| {
                i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
            });
        let name = &trimmed[name_start..];
        out.push_str(before);
        out.push_str(separator);
        if !name.is_empty() && is_sensitive_name(name) {
            // The value: after blanks and an opening quote, up to white space, a quote, a
            // separator of pairs (`&`, `,`, `;`) or a closing bracket of markup or JSON.
            let value_start = after.len() - after.trim_start_matches([' ', '"', '\'']).len();
            let value = &after[value_start..];
            if let Some(behind) = value.strip_prefix(MARKER) {
                out.push_str(&after[..value_start + MARKER.len()]);
                rest = behind;
                continue;
            }
            // After `name:`, an `=` starts a pair of its own (`password: x token=y`), which
            // the next round reads; stopping here keeps a second redaction a no-op.
            let value_len = value
                .find(|c: char| {
                    c.is_whitespace()
                        || (c == '=' && separator == ":")
                        || matches!(
                            c,
                            '"' | '\'' | '&' | ',' | ';' | '<' | '>' | ')' | ']' | '}'
                        )
                })
                .unwrap_or(value.len());
            // After `=` any value is one (`token=abc`); after `:` prose is likely
            // ("Invalid token: expired"), so only a value that looks like a secret counts.
            let candidate = &value[..value_len];
            let counts = separator == "=" || quoted(before) || looks_secret(candidate);
            if value_len > 0 && counts {
                out.push_str(&after[..value_start]);
                out.push_str(MARKER);
                report(Secret::Named(name.to_owned()));
                rest = &value[value_len..];
                changed = true;
                continue;
            }
        }
        rest = after;
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// Whether the name before a separator is quoted (`"password": ...`): JSON, not prose.
fn quoted(before: &str) -> bool {
    before.ends_with(['"', '\''])
}

/// Whether a word after `name:` looks like a secret rather than prose: six or more
/// characters with a digit in them, or a run of 24 that no word is.
fn looks_secret(word: &str) -> bool {
    (word.len() >= 6 && word.bytes().any(|byte| byte.is_ascii_digit())) || word.len() >= 24
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

#[cfg(test)]
mod tests;
