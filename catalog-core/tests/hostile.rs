//! Hostile bodies: multi-megabyte, 100,000 levels deep, invalid UTF-8, NUL bytes, duplicate
//! keys, huge numbers, byte-order marks. Each classifies (known or unknown) without a panic,
//! and the memory a classification allocates stays small whatever the body's size: it is
//! counted here under a counting allocator. One exception, bounded by the body: past the 128
//! levels the fast path skips, serde_json skips a value with a stack of a byte per level
//! (doubling as it grows, and once per shape that reads the body), so a body nested 100,000
//! deep costs up to about 512 KiB: at most four bytes a body byte, and so at most 4 MiB for a
//! body within the default limit (1 MiB).
//!
//! One test in this binary, so no other test allocates while it counts.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use std::alloc::System;

use catalog_core::http::{HeaderMap, StatusCode};
use catalog_core::{Classification, ReadLimits};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

catalog_core::provider_errors! {
    /// A list envelope with a flat fallback.
    provider Hostile {
        id: "hostile",
        docs: "https://example.com/errors",
        wire: json "list" { code: "/errors/*/code", message: "/errors/*/message" }
            else json "flat" { code: "/code", message: "/message", retry_after: "/retry" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | "bad" | Bad | never | invalid_request | integrator | "bad request";
    429 | "slow" | Slow | after_hint(3) | rate_limited | nobody | "slow down";
}

/// The most a classification may allocate for any body here: its errors' records and texts,
/// a parser's error, nothing in proportion to the body.
const BOUND: usize = 64 * 1024;

/// What a case may allocate: [`BOUND`], plus serde_json's skip stack for the deep ones.
fn bound(name: &str, body: &[u8]) -> usize {
    if name.starts_with("100,000 levels") {
        BOUND + 4 * body.len()
    } else {
        BOUND
    }
}

fn cases() -> Vec<(&'static str, Vec<u8>)> {
    let deep = |open: &str, close: &str, levels: usize| {
        format!("{}{}", open.repeat(levels), close.repeat(levels)).into_bytes()
    };
    let mut list = String::from(r#"{"errors":["#);
    for i in 0..200_000 {
        if i > 0 {
            list.push(',');
        }
        list.push_str(r#"{"code":"bad","message":"m"}"#);
    }
    list.push_str("]}");
    vec![
        ("a 4 MiB body", {
            let filler = "y".repeat(4 << 20);
            format!(r#"{{"code":"bad","filler":"{filler}"}}"#).into_bytes()
        }),
        ("100,000 levels of arrays", deep("[", "]", 100_000)),
        ("100,000 levels of objects", {
            let mut body = r#"{"a":"#.repeat(100_000);
            body.push('1');
            body.push_str(&"}".repeat(100_000));
            body.into_bytes()
        }),
        ("100,000 levels under a declared pointer", {
            let mut body = r#"{"errors":[{"code":"bad","message":"#.to_owned();
            body.push_str(&"[".repeat(100_000));
            body.push_str(&"]".repeat(100_000));
            body.push_str("}]}");
            body.into_bytes()
        }),
        ("a list of 200,000 errors", list.into_bytes()),
        (
            "invalid UTF-8",
            b"{\"code\":\"bad\",\"message\":\"\xff\xfe\"}".to_vec(),
        ),
        (
            "NUL bytes",
            b"{\"code\":\"bad\",\"message\":\"a\0b\"}\0".to_vec(),
        ),
        (
            "an escaped NUL",
            br#"{"code":"bad","message":"a\u0000b"}"#.to_vec(),
        ),
        (
            "duplicate keys",
            br#"{"code":"slow","code":"bad","message":"one","message":"two"}"#.to_vec(),
        ),
        (
            "a huge number",
            format!(r#"{{"code":"bad","n":{}}}"#, "9".repeat(100_000)).into_bytes(),
        ),
        (
            "a huge exponent",
            br#"{"code":"slow","retry":1e999999999}"#.to_vec(),
        ),
        (
            "a huge retry hint",
            format!(
                r#"{{"code":"slow","retry":"retry in {} seconds"}}"#,
                "9".repeat(10_000)
            )
            .into_bytes(),
        ),
        (
            "a byte-order mark",
            b"\xef\xbb\xbf{\"code\":\"bad\"}".to_vec(),
        ),
        ("only a byte-order mark", b"\xef\xbb\xbf".to_vec()),
        (
            "a numeric code for string codes",
            br#"{"code":400}"#.to_vec(),
        ),
        ("an unterminated string", br#"{"code":"bad"#.to_vec()),
    ]
}

#[test]
fn hostile_bodies_classify_in_bounded_memory() {
    let headers = HeaderMap::new();
    // Large enough for every case: the limit is not what bounds the memory.
    let limits = ReadLimits::DEFAULT.max_body_bytes(64 << 20);
    for (name, body) in cases() {
        for status in [StatusCode::BAD_REQUEST, StatusCode::TOO_MANY_REQUESTS] {
            let region = Region::new(GLOBAL);
            let parsed =
                Classification::with_limits(Hostile::spec(), status, &headers, &body, &limits);
            let allocated = region.change().bytes_allocated;
            assert!(
                allocated <= bound(name, &body),
                "{name}: {allocated} bytes allocated for a body of {} bytes",
                body.len()
            );
            assert_eq!(parsed.raw_body(), &body[..], "{name}: the body is kept");
            // Known, or unknown and classified by its status.
            if !parsed.is_known() {
                let fallback = catalog_core::fallback(status.as_u16());
                assert_eq!(
                    (parsed.kind(), parsed.retry().policy),
                    (fallback.kind, fallback.retry),
                    "{name}: {parsed:?}"
                );
            }
            // The owned form and its outputs never panic either.
            let owned = parsed.clone().into_owned();
            let _ = (owned.to_string(), format!("{owned:?}"));
        }
    }
}
