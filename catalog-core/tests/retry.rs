//! The retry loop's semantics (the table in `catalog_core::retry`), one rule per test, with the
//! clocks given so that every delay is exact.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use std::time::{Duration, Instant, SystemTime};

use catalog_core::http::{HeaderMap, HeaderValue, Method, StatusCode};
use catalog_core::retry::{Decision, Retry, StopReason, idempotent_request, not_processed};
use catalog_core::{Catalog, Kind, ProviderError};

catalog_core::provider_errors! {
    /// A bank API with one row per retry policy.
    provider Bank {
        id: "bank",
        docs: "https://example.com/errors",
        idempotency_key: header "Idempotency-Key",
        wire: json { code: "/code", sub_code: "/reason", retry_after: "/retryAfter" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | "bad" | Bad | never | invalid_request | integrator | "bad request";
    401 | "expired" | SessionExpired | new_session | unauthenticated | end_user | "session expired"
        allow(status_retry, "the docs ask to log in again and resend");
    409 | "busy" | Busy | backoff(2) | conflict | nobody | "busy";
    429 | "slow" | Slow | after_hint(3) | rate_limited | nobody | "slow down";
    503 | "down" | Down | backoff(2) | provider_unavailable | nobody | "down"
        sub_codes {
            "maintenance" | Maintenance | after(2h) | provider_unavailable | nobody | "maintenance";
            "quota" | Quota | next_day | rate_limited | nobody | "daily quota"
                allow(status_kind, "the daily quota is reported as 503");
            "now" | Now | immediately | provider_unavailable | nobody | "retry now";
        };
}

catalog_core::provider_errors! {
    /// A wallet API that answers some errors with HTTP 200.
    provider Wallet {
        id: "wallet",
        docs: "https://example.com/errors",
        errors_in_2xx: true,
        wire: json { code: "/errorCode" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    200 | "DECLINED" | Declined | never | user_action_required | end_user | "declined";
}

const MS: Duration = Duration::from_millis(1);

fn error(status: u16, body: &str) -> ProviderError<Bank> {
    error_with(status, &HeaderMap::new(), body)
}

fn error_with(status: u16, headers: &HeaderMap, body: &str) -> ProviderError<Bank> {
    Bank::classify(
        StatusCode::from_u16(status).unwrap(),
        headers,
        body.as_bytes(),
    )
}

/// A loop without jitter whose back-off is 100 ms, 200 ms, 400 ms..., for a request that may
/// be resent.
fn exact() -> Retry {
    Retry::new().base(100 * MS).jitter(false).idempotent(true)
}

/// Decides at `elapsed` after `start`, with the wall clock at `wall`.
fn at(
    retry: &mut Retry,
    error: &ProviderError<Bank>,
    start: Instant,
    elapsed: Duration,
) -> Decision {
    retry.next_at(error, start + elapsed, SystemTime::UNIX_EPOCH)
}

#[test]
fn backoff_n_allows_n_retries_after_doubling_capped_delays() {
    let down = error(503, r#"{"code":"down"}"#);
    let mut retry = exact().cap(150 * MS);
    assert_eq!(retry.next(&down), Decision::RetryAfter(100 * MS));
    assert_eq!(retry.next(&down), Decision::RetryAfter(150 * MS), "capped");
    assert_eq!(retry.next(&down), Decision::Stop(StopReason::AttemptsSpent));
    assert_eq!(retry.attempts(), 3);
}

#[test]
fn full_jitter_draws_below_the_ceiling_and_a_seed_repeats_the_draws() {
    let down = error(503, r#"{"code":"down"}"#);
    let draws = |seed: u64| -> Vec<Duration> {
        (0..200)
            .map(|_| {
                let mut retry = Retry::new()
                    .base(Duration::from_secs(1))
                    .idempotent(true)
                    .seed(seed);
                // Each fresh loop draws its first delay: the ceiling is the base.
                match retry.next(&down) {
                    Decision::RetryAfter(delay) => delay,
                    other => panic!("{other:?}"),
                }
            })
            .collect()
    };
    let first = draws(7);
    assert!(first.iter().all(|&delay| delay < Duration::from_secs(1)));
    assert_eq!(first, draws(7), "the same seed draws the same delays");
    assert_ne!(first[0], draws(8)[0], "another seed draws others");

    // Each retry of a loop draws below its own ceiling: 1 s, 2 s, 4 s.
    let slow = error(429, r#"{"code":"slow"}"#);
    let mut retry = Retry::new().base(Duration::from_secs(1)).seed(3);
    for ceiling in [1, 2, 4] {
        match retry.next(&slow) {
            Decision::RetryAfter(delay) => assert!(delay < Duration::from_secs(ceiling)),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn unseeded_loops_draw_apart() {
    let down = error(503, r#"{"code":"down"}"#);
    let delays: Vec<Decision> = (0..8)
        .map(|_| Retry::new().idempotent(true).next(&down))
        .collect();
    assert!(
        delays.iter().any(|delay| *delay != delays[0]),
        "eight loops drew {delays:?}"
    );
}

#[test]
fn a_delay_the_provider_sends_is_waited_in_full() {
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", HeaderValue::from_static("30"));
    let slow = error_with(429, &headers, r#"{"code":"slow"}"#);
    let mut retry = exact().cap(Duration::from_secs(1));
    assert_eq!(
        retry.next(&slow),
        Decision::RetryAfter(Duration::from_secs(30))
    );

    // A body hint counts for `after_hint`; without any hint, it backs off.
    let hinted = error(429, r#"{"code":"slow","retryAfter":"2"}"#);
    assert_eq!(
        exact().next(&hinted),
        Decision::RetryAfter(Duration::from_secs(2))
    );
    let unhinted = error(429, r#"{"code":"slow"}"#);
    assert_eq!(exact().next(&unhinted), Decision::RetryAfter(100 * MS));

    // A Retry-After header counts for a `backoff` row too.
    let down = error_with(503, &headers, r#"{"code":"down"}"#);
    assert_eq!(
        exact().next(&down),
        Decision::RetryAfter(Duration::from_secs(30))
    );
}

#[test]
fn one_loop_counts_every_retry_whatever_the_error() {
    let slow = error(429, r#"{"code":"slow"}"#);
    let down = error(503, r#"{"code":"down"}"#);
    let mut retry = exact();
    assert_eq!(retry.next(&slow), Decision::RetryAfter(100 * MS));
    assert_eq!(
        retry.next(&down),
        Decision::RetryAfter(200 * MS),
        "the back-off goes on"
    );
    // Two retries made: `backoff(2)` allows no third, `after_hint(3)` one more.
    assert_eq!(
        retry.clone().next(&down),
        Decision::Stop(StopReason::AttemptsSpent)
    );
    assert_eq!(retry.next(&slow), Decision::RetryAfter(400 * MS));
    assert_eq!(retry.next(&slow), Decision::Stop(StopReason::AttemptsSpent));
}

#[test]
fn max_attempts_bounds_every_policy_the_first_attempt_included() {
    let now = error(503, r#"{"code":"down","reason":"now"}"#);
    let mut retry = exact().max_attempts(3);
    assert_eq!(retry.next(&now), Decision::RetryAfter(Duration::ZERO));
    assert_eq!(retry.next(&now), Decision::RetryAfter(Duration::ZERO));
    assert_eq!(retry.next(&now), Decision::Stop(StopReason::AttemptsSpent));

    let down = error(503, r#"{"code":"down"}"#);
    assert_eq!(
        exact().max_attempts(1).next(&down),
        Decision::Stop(StopReason::AttemptsSpent)
    );
}

#[test]
fn never_and_new_session_stop_with_their_own_reasons() {
    assert_eq!(
        exact().next(&error(400, r#"{"code":"bad"}"#)),
        Decision::Stop(StopReason::NotRetryable)
    );
    assert_eq!(
        exact().next(&error(401, r#"{"code":"expired"}"#)),
        Decision::Stop(StopReason::NeedsNewSession)
    );
}

#[test]
fn unknown_codes_fall_back_by_status() {
    // A proxy's 502 page: retried with a back-off, as catalog_core::fallback(502) says.
    let gateway = error(502, "<html>Bad Gateway</html>");
    assert_eq!(exact().next(&gateway), Decision::RetryAfter(100 * MS));
    let unknown = error(404, r#"{"code":"what"}"#);
    assert_eq!(
        exact().next(&unknown),
        Decision::Stop(StopReason::NotRetryable)
    );
}

#[test]
fn a_request_that_is_not_idempotent_is_resent_only_when_it_was_not_processed() {
    let mut post = Retry::new().base(100 * MS).jitter(false);
    assert_eq!(
        post.clone().next(&error(503, r#"{"code":"down"}"#)),
        Decision::Stop(StopReason::NotIdempotent)
    );
    assert_eq!(
        post.clone().next(&error(502, "<html>Bad Gateway</html>")),
        Decision::Stop(StopReason::NotIdempotent)
    );
    assert_eq!(
        post.clone().next(&error(409, r#"{"code":"busy"}"#)),
        Decision::Stop(StopReason::NotIdempotent),
        "a conflict may mean the request is under way"
    );
    assert_eq!(
        post.clone().next(&error(429, r#"{"code":"slow"}"#)),
        Decision::RetryAfter(100 * MS)
    );
    // A rate limit reported with a 503 is still a 5xx: it may have been processed.
    assert_eq!(
        post.next(&error(503, r#"{"code":"down","reason":"quota"}"#)),
        Decision::Stop(StopReason::NotIdempotent)
    );
}

#[test]
fn the_not_processed_table() {
    for &kind in Kind::ALL {
        for status in [500, 502, 503, 504, 599] {
            assert!(!not_processed(status, kind), "{status} {kind}");
        }
        assert!(not_processed(429, kind), "{kind}");
    }
    let rejections = [
        Kind::RateLimited,
        Kind::Unauthenticated,
        Kind::PermissionDenied,
        Kind::InvalidRequest,
        Kind::NotFound,
        Kind::Unsupported,
    ];
    for &kind in Kind::ALL {
        for status in [200, 400, 401, 403, 404, 409] {
            assert_eq!(
                not_processed(status, kind),
                rejections.contains(&kind),
                "{status} {kind}"
            );
        }
    }
}

#[test]
fn the_deadline_counts_from_the_first_failure_and_stops_a_wait_that_ends_past_it() {
    let down = error(503, r#"{"code":"down"}"#);
    let start = Instant::now();
    let mut retry = exact().deadline(Duration::from_secs(1));
    assert_eq!(
        at(&mut retry, &down, start, Duration::ZERO),
        Decision::RetryAfter(100 * MS)
    );
    // 850 ms later, a wait of 200 ms would end at 1.05 s.
    assert_eq!(
        at(&mut retry, &down, start, 850 * MS),
        Decision::Stop(StopReason::Deadline)
    );

    let mut retry = exact().deadline(Duration::from_secs(1));
    assert_eq!(
        at(&mut retry, &down, start, Duration::ZERO),
        Decision::RetryAfter(100 * MS)
    );
    assert_eq!(
        at(&mut retry, &down, start, 800 * MS),
        Decision::RetryAfter(200 * MS),
        "ends at 1 s"
    );
}

#[test]
fn windows_are_waited_for_unless_they_open_past_the_deadline() {
    let maintenance = error(503, r#"{"code":"down","reason":"maintenance"}"#);
    assert_eq!(
        exact().next(&maintenance),
        Decision::RetryAfter(Duration::from_secs(2 * 3600))
    );
    assert_eq!(
        exact()
            .deadline(Duration::from_secs(3600))
            .next(&maintenance),
        Decision::Stop(StopReason::Deadline)
    );

    let quota = error(503, r#"{"code":"down","reason":"quota"}"#);
    let evening = SystemTime::UNIX_EPOCH + Duration::from_secs(23 * 3600 + 1800);
    assert_eq!(
        exact().next_at(&quota, Instant::now(), evening),
        Decision::RetryAfter(Duration::from_secs(1800)),
        "until midnight UTC"
    );
}

#[test]
fn a_request_is_idempotent_by_its_method_or_its_key() {
    let spec = Bank::spec();
    let none = HeaderMap::new();
    let mut keyed = HeaderMap::new();
    keyed.insert("idempotency-key", HeaderValue::from_static("k-1"));
    assert!(idempotent_request(&Method::GET, &none, spec));
    assert!(idempotent_request(&Method::PUT, &none, spec));
    assert!(!idempotent_request(&Method::POST, &none, spec));
    assert!(!idempotent_request(&Method::PATCH, &none, spec));
    assert!(idempotent_request(&Method::POST, &keyed, spec));
}

#[test]
fn error_in_tells_errors_from_success() {
    let ok = Bank::error_in(StatusCode::OK, &HeaderMap::new(), br#"{"code":"bad"}"#);
    assert!(ok.is_none(), "this provider sends no errors in 2xx bodies");
    let redirect = Bank::error_in(StatusCode::FOUND, &HeaderMap::new(), b"");
    assert!(redirect.is_none());
    let failed = Bank::error_in(StatusCode::NOT_FOUND, &HeaderMap::new(), b"");
    assert_eq!(
        failed.map(|error| error.status()),
        Some(StatusCode::NOT_FOUND)
    );

    let declined = Wallet::error_in(
        StatusCode::OK,
        &HeaderMap::new(),
        br#"{"errorCode":"DECLINED"}"#,
    );
    assert_eq!(
        declined.and_then(|error| error.variant()),
        Some(Wallet::Declined)
    );
    let paid = Wallet::error_in(StatusCode::OK, &HeaderMap::new(), br#"{"id":"p-1"}"#);
    assert!(paid.is_none(), "a 2xx body without a code is a success");
}
