//! What the client tests and examples share: two small catalogs a stub server plays, and a
//! client and retry loop sized for tests.
//!
//! The tests (`tests/`) and examples (`examples/`) of this crate run catalog-core's client
//! features (`reqwest`, `tower`, `backon`, `tracing`) against stub servers on 127.0.0.1 that
//! they start themselves, so they need no network.

#![forbid(unsafe_code)]

use std::time::Duration;

use catalog_core::retry::Retry;

pub mod storm;

catalog_core::provider_errors! {
    /// A payments API that dedupes requests by an idempotency key, as Stripe and Adyen do.
    pub provider Shop {
        id: "shop",
        docs: "https://example.invalid/shop/errors",
        idempotency_key: header "Idempotency-Key",
        wire: json { code: "/error/code", message: "/error/message", request_id: header "X-Request-Id" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | "invalid_amount" | InvalidAmount | never | invalid_request | integrator | "The amount is invalid.";
    429 | "rate_limited" | RateLimited | after_hint(3) | rate_limited | nobody | "Too many requests.";
    503 | "unavailable" | Unavailable | backoff(3) | provider_unavailable | nobody | "Try again later.";
}

catalog_core::provider_errors! {
    /// The same payments API without idempotency keys: a POST it may have processed is never
    /// sent twice.
    pub provider Kiosk {
        id: "kiosk",
        docs: "https://example.invalid/kiosk/errors",
        wire: json { code: "/error/code", message: "/error/message" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | "invalid_amount" | InvalidAmount | never | invalid_request | integrator | "The amount is invalid.";
    503 | "unavailable" | Unavailable | backoff(3) | provider_unavailable | nobody | "Try again later.";
}

/// The longest any one request to a stub may take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);

/// A client for stub servers on 127.0.0.1: no proxy (an `HTTP_PROXY` of the machine must not
/// intercept them) and a timeout on every request.
pub fn client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(REQUEST_TIMEOUT)
        .build()
}

/// A retry loop with exact, short delays (10 ms, 20 ms, 40 ms...) and a deadline, so tests
/// are quick and their waits predictable.
pub fn quick_retry() -> Retry {
    Retry::new()
        .base(Duration::from_millis(10))
        .jitter(false)
        .deadline(Duration::from_secs(10))
}
