//! The wire parser on the shapes providers really send, and on hostile input.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use std::time::{Duration, SystemTime};

use catalog_core::http::{HeaderMap, HeaderValue, StatusCode};
use catalog_core::{Catalog, Classification, DelaySource, Kind, RetryPolicy};

catalog_core::provider_errors! {
    /// A list envelope with a fallback flat shape, alternatives and headers.
    provider Listy {
        id: "listy",
        docs: "https://example.com/errors",
        key: (status, code),
        wire: json "list" {
            code: "/errors/*/code",
            message: "/errors/*/message" or "/errors/*/msg",
            retryable: "/errors/*/retryable",
            sub_code: "/errors/*/details/reason",
            request_id: header "X-Request-Id" or "/meta/request~1id",
            retry_after: header "Retry-After" or "/meta/retryAfter",
        } else json "flat" {
            code: "/error",
            message: "/description",
        },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | "bad" | Bad | never | invalid_request | integrator | "bad request";
    404 | "bad" | BadNotFound | never | not_found | integrator | "bad, not found";
    429 | "slow-down" | SlowDown | after_hint(3) | rate_limited | nobody | "too many requests";
    503 | "down" | Down | backoff(3) | provider_unavailable | nobody | "down"
        sub_codes {
            "NextDay" | QuotaExhausted | next_day | rate_limited | nobody | "daily quota"
                allow(status_kind, "a quota exhausted upstream is reported as 503");
            "Retry" | RetryNow | immediately | provider_unavailable | nobody | "retry now";
        };
}

catalog_core::provider_errors! {
    /// A flat format whose only retry hint is in the body.
    provider BodyHint {
        id: "body-hint",
        docs: "https://example.com/errors",
        wire: json { code: "/code", retry_after: "/retryAfter" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    503 | "down" | Down | backoff(3) | provider_unavailable | nobody | "down";
}

fn classify(status: u16, headers: &HeaderMap, body: &str) -> Classification<'static> {
    Classification::at(
        Listy::spec(),
        StatusCode::from_u16(status).unwrap(),
        headers,
        body.as_bytes(),
        SystemTime::UNIX_EPOCH,
    )
    .into_owned()
}

#[test]
fn every_error_of_a_list_is_kept_and_the_first_decides() {
    let parsed = classify(
        400,
        &HeaderMap::new(),
        r#"{"errors":[{"code":"bad","message":"first"},{"code":"down","msg":"second"},{"code":"zzz"}]}"#,
    );
    assert_eq!(parsed.entry().map(|e| e.variant), Some("Bad"));
    assert_eq!(parsed.errors().len(), 3);
    assert_eq!(parsed.errors()[1].message.as_deref(), Some("second"));
    assert_eq!(
        parsed.errors()[1].entry,
        None,
        "down is not documented with 400"
    );
    assert_eq!(parsed.errors()[2].code.as_deref(), Some("zzz"));
}

#[test]
fn a_lone_object_counts_as_a_list_of_one() {
    let parsed = classify(
        404,
        &HeaderMap::new(),
        r#"{"errors":{"code":"bad","message":"alone"}}"#,
    );
    assert_eq!(parsed.entry().map(|e| e.variant), Some("BadNotFound"));
    assert_eq!(parsed.message(), Some("alone"));
}

#[test]
fn the_key_is_status_and_code() {
    let parsed = classify(401, &HeaderMap::new(), r#"{"errors":[{"code":"bad"}]}"#);
    assert!(!parsed.is_known());
    assert_eq!(parsed.code(), Some("bad"));
    assert_eq!(parsed.kind(), Kind::Unauthenticated);
}

#[test]
fn earlier_alternatives_win_whatever_the_key_order() {
    let parsed = classify(
        400,
        &HeaderMap::new(),
        r#"{"errors":[{"msg":"later","code":"bad","message":"earlier"}]}"#,
    );
    assert_eq!(parsed.message(), Some("earlier"));
    let mut headers = HeaderMap::new();
    headers.insert("x-request-id", HeaderValue::from_static("from-header"));
    let parsed = classify(
        400,
        &headers,
        r#"{"meta":{"request/id":"from-body"},"errors":[{"code":"bad"}]}"#,
    );
    assert_eq!(parsed.request_id(), Some("from-header"));
    let parsed = classify(
        400,
        &HeaderMap::new(),
        r#"{"meta":{"request/id":"from-body"},"errors":[{"code":"bad"}]}"#,
    );
    assert_eq!(
        parsed.request_id(),
        Some("from-body"),
        "`~1` in a pointer is `/`"
    );
}

#[test]
fn escaped_keys_and_values_are_read() {
    let parsed = classify(
        400,
        &HeaderMap::new(),
        r#"{"err\u006frs":[{"c\u006fde":"b\u0061d","message":"caf\u00e9 \"quoted\""}]}"#,
    );
    assert_eq!(parsed.entry().map(|e| e.variant), Some("Bad"));
    assert_eq!(parsed.message(), Some("café \"quoted\""));
}

#[test]
fn later_shapes_are_tried_when_the_first_finds_no_code() {
    let parsed = classify(
        503,
        &HeaderMap::new(),
        r#"{"error":"down","description":"flat form"}"#,
    );
    assert_eq!(parsed.entry().map(|e| e.variant), Some("Down"));
    assert_eq!(parsed.message(), Some("flat form"));
}

#[test]
fn sub_codes_override_the_entry_and_unknown_ones_are_kept() {
    let parsed = classify(
        503,
        &HeaderMap::new(),
        r#"{"errors":[{"code":"down","details":{"reason":"NextDay"}}]}"#,
    );
    assert_eq!(
        parsed.sub_code_entry().map(|s| s.name),
        Some("QuotaExhausted")
    );
    assert_eq!(parsed.retry().policy, RetryPolicy::NextDay);
    assert_eq!(parsed.kind(), Kind::RateLimited);
    let parsed = classify(
        503,
        &HeaderMap::new(),
        r#"{"errors":[{"code":"down","details":{"reason":"Gremlins"}}]}"#,
    );
    assert_eq!(parsed.sub_code(), Some("Gremlins"));
    assert_eq!(parsed.sub_code_entry(), None);
    assert_eq!(parsed.retry().policy, RetryPolicy::Backoff { retries: 3 });
}

#[test]
fn retry_delays_come_from_headers_or_the_body() {
    let mut headers = HeaderMap::new();
    headers.insert(
        "retry-after",
        HeaderValue::from_static("Thu, 01 Jan 1970 00:00:45 GMT"),
    );
    let parsed = classify(
        429,
        &headers,
        r#"{"errors":[{"code":"slow-down"}],"meta":{"retryAfter":5}}"#,
    );
    assert_eq!(parsed.retry().delay, Some(Duration::from_secs(45)));
    assert_eq!(parsed.retry().delay_source, Some(DelaySource::Header));
    let parsed = classify(
        429,
        &HeaderMap::new(),
        r#"{"errors":[{"code":"slow-down"}],"meta":{"retryAfter":5}}"#,
    );
    assert_eq!(parsed.retry().delay, Some(Duration::from_secs(5)));
    assert_eq!(parsed.retry().delay_source, Some(DelaySource::Body));
    let parsed = classify(
        429,
        &HeaderMap::new(),
        r#"{"errors":[{"code":"slow-down"}],"meta":{"retryAfter":"soon"}}"#,
    );
    assert_eq!(parsed.retry().delay, None, "no number is guessed");
    assert_eq!(parsed.retry_hint(), Some("soon"), "the hint is kept");
    assert!(parsed.is_retryable());
}

#[test]
fn body_delays_apply_only_where_the_catalog_expects_them() {
    // `Down` backs off: a number in the body's retry field is not its instruction...
    let parsed = classify(
        503,
        &HeaderMap::new(),
        r#"{"errors":[{"code":"down"}],"meta":{"retryAfter":100}}"#,
    );
    assert_eq!(parsed.retry().delay, None);
    assert_eq!(parsed.retry_hint(), Some("100"), "...but it is kept");
    // ...while a Retry-After header is HTTP's instruction for any retryable error.
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", HeaderValue::from_static("7"));
    let parsed = classify(503, &headers, r#"{"errors":[{"code":"down"}]}"#);
    assert_eq!(parsed.retry().delay, Some(Duration::from_secs(7)));
}

#[test]
fn the_retry_after_header_counts_when_the_body_hint_cannot() {
    // `Down` backs off, so the body's retryAfter is no instruction; the header still is.
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", HeaderValue::from_static("30"));
    let parsed = classify(
        503,
        &headers,
        r#"{"errors":[{"code":"down"}],"meta":{"retryAfter":100}}"#,
    );
    assert_eq!(parsed.retry().delay, Some(Duration::from_secs(30)));
    assert_eq!(parsed.retry().delay_source, Some(DelaySource::Header));
    assert_eq!(
        parsed.retry_hint(),
        Some("30"),
        "the declared header comes first"
    );
    // A wire format that declares only a body hint: unusable for a back-off row, so the
    // standard header decides; the body's hint is still kept as sent.
    let body = br#"{"code":"down","retryAfter":100}"#;
    let parsed = Classification::new(
        BodyHint::spec(),
        StatusCode::SERVICE_UNAVAILABLE,
        &headers,
        body,
    );
    assert_eq!(parsed.retry().delay, Some(Duration::from_secs(30)));
    assert_eq!(parsed.retry_hint(), Some("100"));
    // An after_hint row whose body hint says nothing usable falls back to the header too.
    let parsed = classify(
        429,
        &headers,
        r#"{"errors":[{"code":"slow-down"}],"meta":{"retryAfter":"soon"}}"#,
    );
    assert_eq!(parsed.retry().delay, Some(Duration::from_secs(30)));
    // Sub-second waits round up: 500 ms is advised as 1 s, never as 0.
    let parsed = classify(
        429,
        &HeaderMap::new(),
        r#"{"errors":[{"code":"slow-down"}],"meta":{"retryAfter":"wait 500ms"}}"#,
    );
    assert_eq!(parsed.retry().delay, Some(Duration::from_secs(1)));
}

#[test]
fn the_server_retry_flag_is_read_as_bool_or_text() {
    for (flag, expected) in [
        ("true", Some(true)),
        ("\"false\"", Some(false)),
        ("\"TRUE\"", Some(true)),
        ("\"maybe\"", None),
    ] {
        let parsed = classify(
            400,
            &HeaderMap::new(),
            &format!(r#"{{"errors":[{{"code":"bad","retryable":{flag}}}]}}"#),
        );
        assert_eq!(parsed.errors()[0].server_retryable, expected, "{flag}");
    }
    let parsed = classify(
        400,
        &HeaderMap::new(),
        r#"{"errors":[{"code":"bad","retryable":"maybe"}]}"#,
    );
    assert_eq!(
        parsed.errors()[0].server_retryable_text.as_deref(),
        Some("maybe")
    );
}

#[test]
fn numbers_and_odd_values_where_text_is_expected() {
    let parsed = classify(
        400,
        &HeaderMap::new(),
        r#"{"errors":[{"code":12.5,"message":{"nested":true}}]}"#,
    );
    assert_eq!(parsed.code(), Some("12.5"));
    assert!(parsed.errors()[0].code_is_number);
    assert_eq!(
        parsed.errors()[0].message,
        None,
        "an object is not a message; the raw body keeps it"
    );
}

#[test]
fn deep_nesting_is_bounded_and_classifies_by_status() {
    for depth in [200, 100_000] {
        let body = format!(
            "{{\"errors\":[{{\"code\":\"bad\",\"x\":{}{}}}]}}",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let parsed = classify(400, &HeaderMap::new(), &body);
        assert_eq!(parsed.raw_body().len(), body.len());
        // Nesting outside the declared pointers is skipped without recursion, so even
        // pathological depth neither overflows the stack nor hides the code.
        assert_eq!(
            parsed.entry().map(|e| e.variant),
            Some("Bad"),
            "depth {depth}"
        );
    }
    // Along a declared pointer, the walker descends no deeper than the pointer; what is
    // deeper is skipped the same way.
    let body = format!(
        "{{\"errors\":[{{\"code\":\"bad\",\"message\":{}1{}}}]}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let parsed = classify(400, &HeaderMap::new(), &body);
    assert_eq!(parsed.entry().map(|e| e.variant), Some("Bad"));
    assert_eq!(parsed.errors()[0].message, None);
}

#[test]
fn huge_bodies_are_classified_by_status_unless_the_limit_allows_them() {
    let filler = "x".repeat(8 * 1024 * 1024);
    let body = format!(r#"{{"errors":[{{"code":"bad","message":"m"}}],"filler":"{filler}"}}"#);
    // Past the default limit (1 MiB): not read, classified by its status, nothing lost.
    let parsed = classify(400, &HeaderMap::new(), &body);
    assert_eq!(parsed.entry(), None);
    assert_eq!(parsed.kind(), Kind::InvalidRequest);
    let reason = parsed.body_error().expect("the reason is kept");
    assert_eq!(reason.kind(), catalog_core::BodyErrorKind::TooLarge);
    assert_eq!(
        reason.to_string(),
        format!(
            "the body was not read: the limit is 1048576 bytes, and it has {}",
            body.len()
        )
    );
    assert_eq!(parsed.raw_body(), body.as_bytes());
    // Within a raised limit: read once.
    let limits = catalog_core::ReadLimits::DEFAULT.max_body_bytes(16 << 20);
    let no_headers = HeaderMap::new();
    let parsed = Classification::with_limits(
        Listy::spec(),
        StatusCode::BAD_REQUEST,
        &no_headers,
        body.as_bytes(),
        &limits,
    );
    assert_eq!(parsed.entry().map(|e| e.variant), Some("Bad"));
    assert_eq!(parsed.errors().len(), 1);
}

#[test]
fn limits_bound_the_errors_kept_and_the_hints_read() {
    let list: Vec<String> = (0..10).map(|_| r#"{"code":"bad"}"#.to_owned()).collect();
    let body = format!(r#"{{"errors":[{}]}}"#, list.join(","));
    let limits = catalog_core::ReadLimits::DEFAULT.max_errors(3);
    let no_headers = HeaderMap::new();
    let parsed = Classification::with_limits(
        Listy::spec(),
        StatusCode::BAD_REQUEST,
        &no_headers,
        body.as_bytes(),
        &limits,
    );
    assert_eq!((parsed.errors().len(), parsed.errors_omitted()), (3, 7));

    let mut headers = HeaderMap::new();
    headers.insert("retry-after", HeaderValue::from_static("30"));
    let body = br#"{"errors":[{"code":"slow-down"}]}"#;
    let short = catalog_core::ReadLimits::DEFAULT.max_hint_bytes(1);
    let parsed = Classification::with_limits(
        Listy::spec(),
        StatusCode::TOO_MANY_REQUESTS,
        &headers,
        body,
        &short,
    );
    assert_eq!(
        parsed.retry().delay,
        None,
        "a hint past the limit is not read"
    );
    assert_eq!(parsed.retry_hint(), Some("30"), "but it is kept as sent");
    let parsed = Classification::new(Listy::spec(), StatusCode::TOO_MANY_REQUESTS, &headers, body);
    assert_eq!(parsed.retry().delay, Some(Duration::from_secs(30)));
}

#[test]
fn non_json_and_empty_bodies_classify_by_status() {
    for (status, body, retryable) in [
        (502, "<html>Bad Gateway</html>", true),
        (400, "", false),
        (500, "   ", true),
        (404, "null", false),
    ] {
        let parsed = classify(status, &HeaderMap::new(), body);
        assert!(!parsed.is_known(), "{body}");
        assert_eq!(parsed.code(), None);
        assert_eq!(parsed.is_retryable(), retryable, "{status} {body}");
        assert_eq!(parsed.raw_body(), body.as_bytes());
    }
    let empty = classify(400, &HeaderMap::new(), "");
    assert_eq!(
        empty.body_error().map(ToString::to_string).as_deref(),
        Some("the body is empty")
    );
    let html = classify(502, &HeaderMap::new(), "<html>");
    let reason = html.body_error().unwrap().to_string();
    assert!(
        reason.starts_with("the body is not valid JSON: expected value at line 1 column 1"),
        "{reason}"
    );
    let headers = HeaderMap::new();
    let bytes: &[u8] = b"{\"errors\":[{\"code\":\"\xff\"}]}";
    let latin1 = Classification::new(Listy::spec(), StatusCode::BAD_REQUEST, &headers, bytes);
    let reason = latin1.body_error().unwrap().to_string();
    assert!(reason.contains("it is not UTF-8"), "{reason}");
}

#[test]
fn non_utf8_header_values_are_kept_lossily() {
    let mut headers = HeaderMap::new();
    headers.insert("x-request-id", HeaderValue::from_bytes(b"id-\xff").unwrap());
    let parsed = classify(400, &headers, r#"{"errors":[{"code":"bad"}]}"#);
    assert_eq!(parsed.request_id(), Some("id-\u{fffd}"));
}

#[test]
fn display_says_provider_code_status_and_message() {
    let parsed = classify(
        400,
        &HeaderMap::new(),
        r#"{"errors":[{"code":"bad","message":"m"}]}"#,
    );
    assert_eq!(parsed.to_string(), "listy bad (Bad), HTTP 400: m");
    let parsed = classify(502, &HeaderMap::new(), "<html>");
    assert!(
        parsed.to_string().starts_with(
            "listy error without a readable code, HTTP 502: the body is not valid JSON"
        )
    );
    assert_eq!(Listy::Bad.to_string(), "Bad bad: bad request");
}

#[test]
fn text_without_escapes_is_borrowed_from_the_body() {
    use std::borrow::Cow;
    let headers = HeaderMap::new();
    let body = br#"{"errors":[{"code":"bad","message":"plain","msg":"x"}]}"#;
    let parsed = Classification::new(Listy::spec(), StatusCode::BAD_REQUEST, &headers, body);
    assert_eq!(parsed.variant::<Listy>(), Some(Listy::Bad));
    let first = &parsed.errors()[0];
    assert!(
        matches!(first.code, Some(Cow::Borrowed("bad"))),
        "{:?}",
        first.code
    );
    assert!(
        matches!(first.message, Some(Cow::Borrowed("plain"))),
        "{:?}",
        first.message
    );
    assert!(matches!(parsed.raw_body_cow(), Cow::Borrowed(_)));
    let escaped = br#"{"errors":[{"code":"bad","message":"tab\there"}]}"#;
    let parsed = Classification::new(Listy::spec(), StatusCode::BAD_REQUEST, &headers, escaped);
    assert!(
        matches!(parsed.errors()[0].message, Some(Cow::Owned(_))),
        "escapes need a copy"
    );
    assert_eq!(parsed.message(), Some("tab\there"));
}

#[test]
fn a_byte_order_mark_and_undecodable_escapes_lose_nothing() {
    let parsed = classify(
        400,
        &HeaderMap::new(),
        "\u{feff}{\"errors\":[{\"code\":\"bad\"}]}",
    );
    assert_eq!(parsed.entry().map(|e| e.variant), Some("Bad"));
    let parsed = classify(
        400,
        &HeaderMap::new(),
        r#"{"errors":[{"code":"bad","message":"half \ud800 a pair"}]}"#,
    );
    assert_eq!(
        parsed.message(),
        Some(r"half \ud800 a pair"),
        "kept as written"
    );
}

#[test]
fn debug_is_one_line_of_facts_without_the_body() {
    let mut headers = HeaderMap::new();
    headers.insert("x-request-id", HeaderValue::from_static("req-7"));
    let body = br#"{"errors":[{"code":"bad","message":"token sk_live_SECRET was refused"}],"access_token":"access-sandbox-SECRET"}"#;
    let error = Listy::classify(StatusCode::BAD_REQUEST, &headers, body);
    let debug = format!("{error:?}");
    assert_eq!(
        debug,
        r#"ProviderError { provider: "listy", status: 400, code: Some("bad"), variant: Some("Bad"), request_id: Some("req-7"), .. }"#
    );
    assert!(!debug.contains("SECRET"), "{debug}");
    let untyped = format!("{:?}", error.classification());
    assert!(
        untyped.starts_with("Classification { provider: \"listy\""),
        "{untyped}"
    );
    assert!(!untyped.contains("SECRET"), "{untyped}");
}
