//! What real providers send, at the runtime's level: rows without a code (`_`) looked up by
//! what is left of the key, and the server's retry flag from a header or the body overriding
//! the catalog. (The Stripe-shaped example and its contract are in
//! `contract-tests/tests/provider_shapes.rs`.)

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use catalog_core::http::{HeaderMap, HeaderValue, StatusCode};
use catalog_core::{Catalog, FlagSource, RenderOptions, RetryPolicy, ServerRetryFlag};

catalog_core::provider_errors! {
    /// Keyed by code, with rows without one for some statuses and the flag in the body and a
    /// header.
    provider ByCode {
        id: "by-code",
        docs: "https://example.com/errors",
        wire: json {
            code: "/code",
            message: "/message",
            retryable: header "X-Should-Retry" or "/retryable",
        },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | "bad" | Bad | never | invalid_request | integrator | "bad request";
    409 | "busy" | Busy | never | conflict | nobody | "busy";
    500 | _ | ServerError | backoff(2) | internal | provider | "server error";
    502 or 503 | _ | Gateway | after_hint(3) | provider_unavailable | nobody | "gateway";
}

catalog_core::provider_errors! {
    /// Keyed by `(category, code)`, with rows without a code in two categories.
    provider ByType {
        id: "by-type",
        docs: "https://example.com/errors",
        key: (category, code),
        categories: { Api = "api_error", Card = "card_error" },
        wire: json { code: "/error/code", category: "/error/type", message: "/error/message" },
        columns: category | status | code | variant | retry | kind | actor | message,
    }
    Api | 500 | _ | ApiError | backoff(3) | internal | provider | "api error";
    Card | 500 | _ | CardNetworkError | backoff(3) | internal | provider | "card network error";
    Api | 503 | _ | ApiDown | backoff(3) | provider_unavailable | nobody | "api down";
    Card | 402 | "card_declined" | CardDeclined | never | user_action_required | end_user | "declined";
}

fn by_code(status: u16, headers: &HeaderMap, body: &str) -> catalog_core::ProviderError<ByCode> {
    ByCode::classify(
        StatusCode::from_u16(status).unwrap(),
        headers,
        body.as_bytes(),
    )
}

fn by_type(status: u16, body: &str) -> Option<ByType> {
    ByType::classify(
        StatusCode::from_u16(status).unwrap(),
        &HeaderMap::new(),
        body.as_bytes(),
    )
    .variant()
}

#[test]
fn an_error_without_a_code_falls_to_the_row_of_its_status() {
    let none = HeaderMap::new();
    assert_eq!(
        by_code(500, &none, r#"{"message":"x"}"#).variant(),
        Some(ByCode::ServerError)
    );
    assert_eq!(
        by_code(503, &none, r#"{"message":"x"}"#).variant(),
        Some(ByCode::Gateway)
    );
    // No row without a code for the status: unknown, by the status.
    let unknown = by_code(504, &none, r#"{"message":"x"}"#);
    assert_eq!(unknown.variant(), None);
    assert_eq!(unknown.retry().policy, catalog_core::fallback(504).retry);
    // A code the catalog lacks stays unknown, keeping its code; so does `_` sent as a code.
    for code in ["\"teapot\"", "\"_\""] {
        let error = by_code(500, &none, &format!(r#"{{"code":{code}}}"#));
        assert_eq!(error.variant(), None, "{code}");
        assert_eq!(error.code(), Some(code.trim_matches('"')));
    }
    // A body with nothing of the wire format in it, or none at all, is not an error without
    // a code: it is classified by its status.
    for body in ["{}", "<html>500</html>", ""] {
        assert_eq!(by_code(500, &none, body).variant(), None, "{body:?}");
    }
    // No code finds a row without one.
    assert_eq!(ByCode::from_code("_", 500), None);
    assert_eq!(
        ByCode::spec()
            .find_without_code(503, None)
            .map(|entry| entry.variant),
        Some("Gateway")
    );
}

#[test]
fn by_type_a_row_without_a_code_is_found_by_its_type_then_by_its_status_alone() {
    let api = r#"{"error":{"type":"api_error","message":"x"}}"#;
    let card = r#"{"error":{"type":"card_error","message":"x"}}"#;
    let untyped = r#"{"error":{"message":"x"}}"#;
    assert_eq!(by_type(500, api), Some(ByType::ApiError));
    assert_eq!(by_type(500, card), Some(ByType::CardNetworkError));
    assert_eq!(by_type(503, api), Some(ByType::ApiDown));
    // A type without a row for the status is unknown, not another type's row.
    assert_eq!(by_type(503, card), None);
    // Without a type: the one row of the status, else none (which was meant is unknown).
    assert_eq!(by_type(503, untyped), Some(ByType::ApiDown));
    assert_eq!(by_type(500, untyped), None);
}

#[test]
fn a_row_without_a_code_renders_as_an_error_without_one() {
    for &variant in ByType::ALL {
        let rendered = variant.render(&RenderOptions::default());
        let body: serde_json::Value = serde_json::from_slice(&rendered.body).unwrap();
        assert_eq!(
            body.pointer("/error/code").is_some(),
            variant.entry().has_code(),
            "{body}"
        );
        let back = ByType::classify(rendered.status, &rendered.headers, &rendered.body);
        assert_eq!(back.variant(), Some(variant), "{body}");
    }
    let json = serde_json::to_value(ByType::spec()).unwrap();
    assert_eq!(json["entries"][0]["code"], serde_json::Value::Null);
}

#[test]
fn the_servers_flag_overrides_the_row_from_a_header_or_the_body() {
    let flagged = |pairs: &[(&'static str, &'static str)]| {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(*name, HeaderValue::from_static(value));
        }
        headers
    };
    let none = HeaderMap::new();
    let header = |retryable| {
        Some(ServerRetryFlag {
            retryable,
            source: FlagSource::Header,
        })
    };
    let body = |retryable| {
        Some(ServerRetryFlag {
            retryable,
            source: FlagSource::Body,
        })
    };
    // From the body, `true` as a bool or a string in any case.
    for busy in [
        r#"{"code":"busy","retryable":true}"#,
        r#"{"code":"busy","retryable":"True"}"#,
    ] {
        let error = by_code(409, &none, busy);
        assert_eq!(error.retry().server_flag, body(true), "{busy}");
        assert_eq!(error.retry().policy, RetryPolicy::DEFAULT_BACKOFF);
    }
    // From a header, over the body's.
    let error = by_code(
        409,
        &flagged(&[("X-Should-Retry", " false ")]),
        r#"{"code":"busy","retryable":true}"#,
    );
    assert_eq!(error.retry().server_flag, header(false));
    assert_eq!(error.retry().policy, RetryPolicy::Never);
    // `true` keeps a row's own policy and its delays.
    let error = by_code(
        503,
        &flagged(&[("X-Should-Retry", "true"), ("Retry-After", "9")]),
        r#"{"message":"down"}"#,
    );
    assert_eq!(error.retry().policy, RetryPolicy::AfterHint { retries: 3 });
    assert_eq!(error.retry().delay, Some(std::time::Duration::from_secs(9)));
    // `false` on an unknown 5xx: not retried either.
    let error = by_code(504, &flagged(&[("X-Should-Retry", "FALSE")]), "");
    assert_eq!(error.variant(), None);
    assert!(!error.is_retryable());
    // A header that is no flag is ignored for the body's, and kept.
    let error = by_code(
        409,
        &flagged(&[("X-Should-Retry", "yes")]),
        r#"{"code":"busy","retryable":false}"#,
    );
    assert_eq!(error.retry().server_flag, body(false));
    assert_eq!(error.server_flag_text(), Some("yes"));
    // Without a flag, the row decides, as before.
    let error = by_code(409, &none, r#"{"code":"busy"}"#);
    assert_eq!(error.retry().server_flag, None);
    assert_eq!(error.retry().policy, RetryPolicy::Never);
    assert_eq!(error.server_flag_text(), None);
}

catalog_core::provider_errors! {
    /// Fields of the catalog's own that hold secrets: by their name or pointer, or declared.
    provider Secrets {
        id: "secrets",
        docs: "https://example.com/errors",
        wire: json {
            code: "/error/code",
            fields: {
                client_secret: "/error/payment_intent/client_secret",
                intent_key: "/error/payment_intent/key",
                session: "/error/session",
                doc_url: "/error/doc_url",
                note: "/error/note",
            },
        },
        columns: status | code | variant | retry | kind | actor | message,
        sensitive: { "/error/note" },
    }
    402 | "card_declined" | CardDeclined | never | user_action_required | end_user | "declined";
}

#[test]
fn fields_of_the_catalogs_own_go_through_redaction() {
    let body = br#"{"error": {"code": "card_declined", "payment_intent": {"client_secret": "pi_1_secret_2", "key": "k-3"}, "session": "s-4", "doc_url": "https://example.com/docs?token=abc123", "note": "private"}}"#;
    let error = Secrets::classify(StatusCode::PAYMENT_REQUIRED, &HeaderMap::new(), body);
    assert_eq!(
        error.field("client_secret"),
        Some("pi_1_secret_2"),
        "as sent"
    );
    let json = serde_json::to_value(&error).unwrap();
    let fields = &json["fields"];
    for name in ["client_secret", "intent_key", "session", "note"] {
        assert_eq!(fields[name], "[redacted]", "{name}: {fields}");
    }
    assert_eq!(
        fields["doc_url"],
        "https://example.com/docs?token=[redacted]"
    );
    assert_eq!(json["errors"][0]["fields"], *fields);
    let raw = serde_json::to_value(error.unredacted()).unwrap();
    assert_eq!(raw["fields"]["note"], "private");
    assert!(!format!("{error:?} {error}").contains("pi_1_secret_2"));
}
