//! `tracing` events (the `tracing` feature): one per classification, one per retry decision,
//! one per attempt refused before it was sent.
//!
//! They carry facts a dashboard groups by (provider, status, code, variant, kind, attempt,
//! delay, stop reason, and the server's retry flag with where it was: `server_retry`,
//! `server_retry_from`, and `server_retry_ignored` when a retry header held neither true nor
//! false) and the provider's request id, which its support asks for, unless the
//! catalog declares the request id `sensitive`. Nothing else a response or request may hold
//! of the user's: no body, no message, no header value, no idempotency key. Their target is
//! `catalog_core`, their level `DEBUG`. The reqwest adapter sends each call's events inside
//! one span, `provider call`, with the provider and the method.

use std::time::Duration;

use crate::classify::Classification;
use crate::retry::{Decision, Failure, StopReason};
use crate::wire::Field;

/// Whole milliseconds, for fields that tools sum and compare.
fn millis(delay: Duration) -> u64 {
    u64::try_from(delay.as_millis()).unwrap_or(u64::MAX)
}

/// The request id, unless the catalog declares it sensitive.
fn request_id<'a>(classification: &'a Classification<'_>) -> Option<&'a str> {
    if classification.spec().is_sensitive(Field::RequestId) {
        None
    } else {
        classification.request_id()
    }
}

pub(crate) fn classified(classification: &Classification<'_>) {
    let advice = classification.retry();
    tracing::debug!(
        target: "catalog_core",
        provider = classification.spec().id,
        status = classification.status().as_u16(),
        code = classification.code(),
        variant = classification.entry().map(|entry| entry.variant),
        kind = classification.kind().as_str(),
        retry = %advice.policy,
        delay_ms = advice.delay.map(millis),
        server_retry = advice.server_flag.map(|flag| flag.retryable),
        server_retry_from = advice.server_flag.map(|flag| flag.source.as_str()),
        server_retry_ignored = classification.server_flag_text().is_some().then_some(true),
        request_id = request_id(classification),
        "classified",
    );
}

pub(crate) fn decided(provider: &str, failure: &Failure<'_, '_>, attempt: u32, decision: Decision) {
    let (delay_ms, stop) = match decision {
        Decision::RetryAfter(delay) => (Some(millis(delay)), None),
        Decision::Stop(reason) => (None, Some(reason.as_str())),
    };
    match failure {
        Failure::Provider(error) => tracing::debug!(
            target: "catalog_core",
            provider,
            status = error.status().as_u16(),
            code = error.code(),
            variant = error.entry().map(|entry| entry.variant),
            server_retry = error.retry().server_flag.map(|flag| flag.retryable),
            server_retry_from = error.retry().server_flag.map(|flag| flag.source.as_str()),
            request_id = request_id(error),
            attempt,
            delay_ms,
            stop,
            "retry decision",
        ),
        Failure::Transport(transport) => tracing::debug!(
            target: "catalog_core",
            provider,
            transport = transport.as_str(),
            attempt,
            delay_ms,
            stop,
            "retry decision",
        ),
    }
}

pub(crate) fn refused(provider: &str, failures: u32, stop: StopReason) {
    tracing::debug!(
        target: "catalog_core",
        provider,
        attempt = failures.saturating_add(1),
        stop = stop.as_str(),
        "attempt not sent",
    );
}
