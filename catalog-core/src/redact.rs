//! Secrets out of every output: what a provider sends can hold credentials (Plaid's error
//! webhooks carry the `access_token`) and card numbers (MDES descriptions echo what the request
//! held), and errors get logged. `Display`, `Debug` and the serde form of a classification go
//! through here; [`crate::Classification::raw_body`] is the one way to the bytes as sent.
//!
//! What is taken out:
//! - values of JSON members whose name says they hold a credential ([`is_sensitive_name`]),
//!   and of the body pointers a catalog declares `sensitive`;
//! - `name=value` and `name: value` pairs in text, for the same names;
//! - card numbers: runs of 13 to 19 digits (spaces or hyphens between groups allowed) that
//!   pass the Luhn check, masked but for the last four digits.

use std::borrow::Cow;

use serde_json::Value;

use crate::model::Source;

/// What a removed value is replaced with.
pub const MARKER: &str = "[redacted]";

/// Whether a JSON member or header name holds a credential: compared without case, `_` or
/// `-`, it is one of the known names or ends like one (`link_token`, `X-Api-Key`).
pub fn is_sensitive_name(name: &str) -> bool {
    const EXACT: &[&str] = &[
        "authorization",
        "proxyauthorization",
        "cookie",
        "setcookie",
        "pan",
        "cvv",
        "cvc",
        "cvv2",
        "pin",
        "cardnumber",
        "accountnumber",
        "ssn",
        "sessionid",
        "signature",
    ];
    const ENDINGS: &[&str] = &[
        "token",
        "secret",
        "password",
        "passwd",
        "apikey",
        "privatekey",
    ];
    let folded: String = name
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    EXACT.contains(&folded.as_str()) || ENDINGS.iter().any(|ending| folded.ends_with(ending))
}

/// Text with card numbers masked and `name=value` credentials replaced; borrowed when there
/// is nothing to take out.
pub fn text(text: &str) -> Cow<'_, str> {
    let masked = mask_cards(text);
    match credentials_in_text(&masked) {
        Some(replaced) => Cow::Owned(replaced),
        None => masked,
    }
}

/// A body as it may be shown: JSON with the values of sensitive members (by name or by a
/// declared pointer) replaced and card numbers masked in every string; other text as
/// [`text`]; bytes that are not UTF-8 are shown lossily first.
pub fn body<'a>(body: &'a [u8], declared: &[Source]) -> Cow<'a, str> {
    let shown = String::from_utf8_lossy(body);
    if let Ok(mut value) = serde_json::from_str::<Value>(&shown) {
        if redact_value(&mut value, declared) {
            return Cow::Owned(value.to_string());
        }
        return shown;
    }
    match text(&shown) {
        Cow::Borrowed(_) => shown,
        Cow::Owned(owned) => Cow::Owned(owned),
    }
}

/// Whether a declared sensitive source is `source` (a wire field read from there is shown
/// redacted).
pub(crate) fn is_declared(declared: &[Source], source: &Source) -> bool {
    declared.iter().any(|candidate| match (candidate, source) {
        (Source::Body(a), Source::Body(b)) => a == b,
        (Source::Header(a), Source::Header(b)) => a.eq_ignore_ascii_case(b),
        _ => false,
    })
}

/// Redacts `value` in place; whether anything changed.
fn redact_value(value: &mut Value, declared: &[Source]) -> bool {
    let mut changed = false;
    for source in declared {
        if let Source::Body(path) = source {
            changed |= redact_path(value, path);
        }
    }
    changed | redact_tree(value)
}

/// Replaces what sits at `path` (`*` for each element of a list).
fn redact_path(value: &mut Value, path: &[&str]) -> bool {
    let Some((first, rest)) = path.split_first() else {
        if value.as_str() == Some(MARKER) {
            return false;
        }
        *value = Value::from(MARKER);
        return true;
    };
    match value {
        Value::Array(items) if *first == catalog_vocab::limits::EACH => items
            .iter_mut()
            .fold(false, |changed, item| redact_path(item, rest) | changed),
        // A lone object where the list should be counts as a list of one.
        Value::Object(_) if *first == catalog_vocab::limits::EACH => redact_path(value, rest),
        Value::Object(members) => members
            .get_mut(*first)
            .is_some_and(|member| redact_path(member, rest)),
        _ => false,
    }
}

/// Replaces sensitive members by name and masks card numbers in strings, all the way down.
/// Depth is bounded by serde_json's parser (128 levels), so the recursion is too.
fn redact_tree(value: &mut Value) -> bool {
    match value {
        Value::Object(members) => members.iter_mut().fold(false, |changed, (name, member)| {
            let this = if is_sensitive_name(name)
                && !member.is_null()
                && member.as_str() != Some(MARKER)
            {
                *member = Value::from(MARKER);
                true
            } else {
                redact_tree(member)
            };
            changed | this
        }),
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |changed, item| redact_tree(item) | changed),
        Value::String(string) => match text(string) {
            Cow::Borrowed(_) => false,
            Cow::Owned(owned) => {
                *string = owned;
                true
            }
        },
        Value::Number(number) => {
            let digits = number.to_string();
            match mask_cards(&digits) {
                Cow::Borrowed(_) => false,
                Cow::Owned(masked) => {
                    *value = Value::from(masked);
                    true
                }
            }
        }
        Value::Null | Value::Bool(_) => false,
    }
}

/// Card numbers masked: each run of 13 to 19 digits, with single spaces or hyphens allowed
/// between groups, that passes the Luhn check keeps its last four digits; the others become
/// `*`.
fn mask_cards(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        // The run: digits, and single separators between digits.
        let start = i;
        let mut end = i;
        let mut digits = 0;
        while end < bytes.len() {
            if bytes[end].is_ascii_digit() {
                digits += 1;
                end += 1;
            } else if matches!(bytes[end], b' ' | b'-')
                && end + 1 < bytes.len()
                && bytes[end + 1].is_ascii_digit()
                && end > start
            {
                end += 1;
            } else {
                break;
            }
        }
        if (13..=19).contains(&digits) && luhn(&bytes[start..end]) {
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
        }
        i = end.max(i + 1);
    }
    match out {
        // Only ASCII digits were replaced by an ASCII byte: still UTF-8.
        Some(masked) => Cow::Owned(String::from_utf8_lossy(&masked).into_owned()),
        None => Cow::Borrowed(text),
    }
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
fn credentials_in_text(text: &str) -> Option<String> {
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
            let value_len = value
                .find(|c: char| {
                    c.is_whitespace()
                        || matches!(
                            c,
                            '"' | '\'' | '&' | ',' | ';' | '<' | '>' | ')' | ']' | '}'
                        )
                })
                .unwrap_or(value.len());
            if value_len > 0 && &value[..value_len] != MARKER {
                out.push_str(&after[..value_start]);
                out.push_str(MARKER);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_hold_credentials() {
        for name in [
            "access_token",
            "public_token",
            "Authorization",
            "X-Api-Key",
            "client_secret",
            "password",
            "Set-Cookie",
            "cvv",
        ] {
            assert!(is_sensitive_name(name), "{name}");
        }
        for name in ["code", "message", "request_id", "error_type", "tokens_left"] {
            assert!(!is_sensitive_name(name), "{name}");
        }
    }

    #[test]
    fn card_numbers_are_masked_but_for_the_last_four() {
        assert_eq!(
            text("card 4111111111111111 was declined"),
            "card ************1111 was declined"
        );
        assert_eq!(text("PAN 5555-5555-5555-4444."), "PAN ****-****-****-4444.");
        assert_eq!(text("4111 1111 1111 1111"), "**** **** **** 1111");
        // Not Luhn-valid, or too short: left alone.
        assert_eq!(text("id 4111111111111112"), "id 4111111111111112");
        assert_eq!(text("code 123456789012"), "code 123456789012");
        assert!(matches!(text("nothing here"), Cow::Borrowed(_)));
    }

    #[test]
    fn credentials_in_text_lose_their_values() {
        assert_eq!(
            text("the access_token=access-sandbox-123&x=1 is invalid"),
            "the access_token=[redacted]&x=1 is invalid"
        );
        assert_eq!(
            text("password: hunter2, retry"),
            "password: [redacted], retry"
        );
        assert_eq!(
            text(r#"{"client_secret": "abc"}"#),
            r#"{"client_secret": "[redacted]"}"#
        );
        assert_eq!(text("code: 1200"), "code: 1200");
    }

    #[test]
    fn json_bodies_lose_sensitive_members_and_declared_pointers() {
        let body = br#"{"code":1200,"access_token":"access-sandbox-1","nested":{"Password":"x"},"errors":[{"note":"card 4111111111111111"}],"item":{"id":"secret-ish"}}"#;
        let shown = self::body(body, &[Source::Body(&["item", "id"])]);
        let value: Value = serde_json::from_str(&shown).unwrap();
        assert_eq!(value["code"], 1200);
        assert_eq!(value["access_token"], MARKER);
        assert_eq!(value["nested"]["Password"], MARKER);
        assert_eq!(value["errors"][0]["note"], "card ************1111");
        assert_eq!(value["item"]["id"], MARKER);
        let clean = br#"{"code":1200,"message":"invalid credentials"}"#;
        assert!(matches!(self::body(clean, &[]), Cow::Borrowed(_)));
    }

    #[test]
    fn other_bodies_are_redacted_as_text() {
        assert_eq!(
            self::body(b"<html>token=abc</html>", &[]),
            "<html>token=[redacted]</html>"
        );
        assert_eq!(
            self::body(b"\xff 4111111111111111", &[]),
            "\u{fffd} ************1111"
        );
    }
}
