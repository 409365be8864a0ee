//! The retry loop's metrics (the `metrics` feature), through the `metrics` crate's facade:
//! whatever recorder the application installed (Prometheus, StatsD, ...) receives them, and
//! without one they cost a check of a static. Without the feature these are empty functions.
//!
//! Every label is bounded: the provider's id, a code of the catalog (`unknown` for any other,
//! as a provider may send anything), a kind, an actor, a transport failure or a stop reason.
//! Never a body, a message, a request id or an idempotency key. The names and labels are
//! listed in catalog-core's README ("Metrics").

#![cfg_attr(not(feature = "metrics"), allow(unused_variables))]

use std::time::Duration;

use super::{BreakerState, Decision, Failure, StopReason};

#[cfg(feature = "metrics")]
use metrics::{counter, gauge, histogram};

/// An attempt was sent.
pub(super) fn sent(provider: &'static str) {
    #[cfg(feature = "metrics")]
    counter!("catalog_core_requests_sent_total", "provider" => provider).increment(1);
}

/// An attempt was refused before it was sent (the breaker, or the deadline).
pub(super) fn refused(provider: &'static str, stop: StopReason) {
    gave_up(provider, stop);
}

/// A failed attempt and the decision taken on it.
pub(super) fn decided(provider: &'static str, failure: &Failure<'_, '_>, decision: Decision) {
    failed(provider, failure);
    match decision {
        Decision::RetryAfter(delay) => retried(provider, delay),
        Decision::Stop(stop) => gave_up(provider, stop),
    }
}

fn failed(provider: &'static str, failure: &Failure<'_, '_>) {
    #[cfg(feature = "metrics")]
    match failure {
        Failure::Provider(error) => {
            // A code outside the catalog is whatever the provider sent: not a label.
            let code = error.entry().map_or("unknown", |entry| entry.code_text);
            counter!(
                "catalog_core_errors_total",
                "provider" => provider,
                "code" => code,
                "kind" => error.kind().as_str(),
                "actor" => error.actor().as_str(),
            )
            .increment(1);
        }
        Failure::Transport(transport) => {
            counter!(
                "catalog_core_transport_errors_total",
                "provider" => provider,
                "transport" => transport.as_str(),
            )
            .increment(1);
        }
    }
}

fn retried(provider: &'static str, delay: Duration) {
    #[cfg(feature = "metrics")]
    {
        counter!("catalog_core_retries_total", "provider" => provider).increment(1);
        histogram!("catalog_core_retry_delay_seconds", "provider" => provider)
            .record(delay.as_secs_f64());
    }
}

fn gave_up(provider: &'static str, stop: StopReason) {
    #[cfg(feature = "metrics")]
    {
        counter!("catalog_core_gave_up_total", "provider" => provider, "reason" => stop.as_str())
            .increment(1);
        match stop {
            StopReason::BudgetSpent => {
                counter!("catalog_core_budget_spent_total", "provider" => provider).increment(1);
            }
            StopReason::CircuitOpen { .. } => {
                counter!("catalog_core_circuit_open_total", "provider" => provider).increment(1);
            }
            _ => {}
        }
    }
}

/// The breaker's state: 0 closed, 1 half-open, 2 open.
pub(super) fn breaker_state(provider: &'static str, state: BreakerState) {
    #[cfg(feature = "metrics")]
    gauge!("catalog_core_breaker_state", "provider" => provider).set(match state {
        BreakerState::Closed => 0.0,
        BreakerState::HalfOpen => 1.0,
        BreakerState::Open { .. } => 2.0,
    });
}

/// The tokens left in the budget.
pub(super) fn budget_tokens(provider: &'static str, tokens: u32) {
    #[cfg(feature = "metrics")]
    gauge!("catalog_core_budget_tokens", "provider" => provider).set(f64::from(tokens));
}
