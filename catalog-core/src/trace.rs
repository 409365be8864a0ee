//! `tracing` events (the `tracing` feature): one per classification, one per retry decision.
//!
//! They carry facts a dashboard groups by (provider, status, code, variant, kind, attempt,
//! delay) and nothing a response or request may hold of the user's: no body, no message, no
//! header value, no request id. Their target is `catalog_core`, their level `DEBUG`.

use std::time::Duration;

use crate::classify::Classification;
use crate::retry::Decision;

/// Whole milliseconds, for fields that tools sum and compare.
fn millis(delay: Duration) -> u64 {
    u64::try_from(delay.as_millis()).unwrap_or(u64::MAX)
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
        "classified",
    );
}

pub(crate) fn decided(error: &Classification<'_>, attempt: u32, decision: Decision) {
    let (delay_ms, stop) = match decision {
        Decision::RetryAfter(delay) => (Some(millis(delay)), None),
        Decision::Stop(reason) => (None, Some(reason.as_str())),
    };
    tracing::debug!(
        target: "catalog_core",
        provider = error.spec().id,
        status = error.status().as_u16(),
        code = error.code(),
        variant = error.entry().map(|entry| entry.variant),
        attempt,
        delay_ms,
        stop,
        "retry decision",
    );
}
