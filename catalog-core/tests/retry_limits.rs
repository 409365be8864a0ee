//! The limits shared across calls (`Budget`, `CircuitBreaker`) and the parts of a loop the
//! adapters drive (`before_attempt`, `succeeded`, `next_transport`, the deadline from the
//! call's start, `on_retry`), with the clocks given: no sleeps.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use catalog_core::http::{HeaderMap, StatusCode};
use catalog_core::retry::{
    BreakerState, Budget, CircuitBreaker, Decision, Failure, Retry, StopReason, Transport,
};
use catalog_core::{Catalog, ProviderError};

catalog_core::provider_errors! {
    provider Bank {
        id: "bank",
        docs: "https://example.com/errors",
        wire: json { code: "/code" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    400 | "bad" | Bad | never | invalid_request | integrator | "bad request";
    429 | "slow" | Slow | after_hint(3) | rate_limited | nobody | "slow down";
    503 | "down" | Down | backoff(3) | provider_unavailable | nobody | "down";
}

const MS: Duration = Duration::from_millis(1);
const SECOND: Duration = Duration::from_secs(1);

fn error(status: u16, code: &str) -> ProviderError<Bank> {
    Bank::classify(
        StatusCode::from_u16(status).unwrap(),
        &HeaderMap::new(),
        format!(r#"{{"code":"{code}"}}"#).as_bytes(),
    )
}

fn exact() -> Retry {
    Retry::new().base(100 * MS).jitter(false).idempotent(true)
}

fn next(retry: &mut Retry, error: &ProviderError<Bank>, now: Instant) -> Decision {
    retry.next_at(error, now, SystemTime::UNIX_EPOCH)
}

#[test]
fn calls_sharing_a_budget_stop_retrying_when_it_is_spent_and_successes_refill_it() {
    let now = Instant::now();
    let down = error(503, "down");
    // Three retries' worth.
    let template = exact().budget(Budget::new().capacity(15));
    let mut first = template.clone();
    for _ in 0..3 {
        assert!(matches!(
            next(&mut first, &down, now),
            Decision::RetryAfter(_)
        ));
    }
    let mut second = template.clone();
    assert_eq!(
        next(&mut second, &down, now),
        Decision::Stop(StopReason::BudgetSpent),
        "the first call spent the shared tokens"
    );
    for _ in 0..5 {
        template.clone().succeeded_at(now);
    }
    let mut third = template.clone();
    assert_eq!(
        next(&mut third, &down, now),
        Decision::RetryAfter(100 * MS),
        "five successes pay for a retry"
    );
    assert_eq!(template.budget_ref().map(Budget::tokens), Some(0));
}

#[test]
fn the_budget_pays_only_for_retries_that_would_be_made() {
    let now = Instant::now();
    let template = exact().budget(Budget::new().capacity(5));
    assert_eq!(
        next(&mut template.clone(), &error(400, "bad"), now),
        Decision::Stop(StopReason::NotRetryable)
    );
    assert_eq!(
        template.budget_ref().map(Budget::tokens),
        Some(5),
        "nothing paid"
    );
    let mut timed_out = template.clone();
    assert_eq!(
        timed_out.next_transport_at(Transport::Timeout, now),
        Decision::Stop(StopReason::BudgetSpent),
        "a retry after a timeout costs 10"
    );
    assert_eq!(template.budget_ref().map(Budget::tokens), Some(5));
}

#[test]
fn the_providers_faults_open_the_shared_breaker_and_its_callers_errors_do_not() {
    let now = Instant::now();
    let breaker = CircuitBreaker::new().minimum_calls(4).open_for(30 * SECOND);
    let template = exact().breaker(breaker.clone());

    for _ in 0..40 {
        let mut call = template.clone();
        assert!(call.before_attempt_at(now).is_ok());
        assert_eq!(
            next(&mut call, &error(400, "bad"), now),
            Decision::Stop(StopReason::NotRetryable)
        );
    }
    assert_eq!(breaker.state_at(now), BreakerState::Closed, "a 400 storm");

    for _ in 0..2 {
        let mut call = template.clone();
        assert!(call.before_attempt_at(now).is_ok());
        next(&mut call, &error(429, "slow"), now);
        next(&mut call, &error(503, "down"), now);
    }
    // 40 successes of the provider and 4 failures: 9%.
    assert_eq!(breaker.state_at(now), BreakerState::Closed);

    let later = now + 11 * SECOND; // the window has moved past all of them
    let mut call = template.clone();
    for _ in 0..3 {
        assert!(call.before_attempt_at(later).is_ok());
        assert!(matches!(
            next(&mut call, &error(503, "down"), later),
            Decision::RetryAfter(_)
        ));
    }
    let mut other = template.clone();
    assert!(other.before_attempt_at(later).is_ok());
    let reopens = later + 30 * SECOND;
    assert_eq!(
        other.next_transport_at(Transport::Timeout, later),
        Decision::Stop(StopReason::CircuitOpen { retry_at: reopens }),
        "the fourth failure opened it: no wait would outlast the open period"
    );
    assert_eq!(
        call.before_attempt_at(later + SECOND),
        Err(StopReason::CircuitOpen { retry_at: reopens }),
        "a retry already decided is not sent while it is open"
    );
    assert_eq!(
        template.clone().before_attempt_at(later + SECOND),
        Err(StopReason::CircuitOpen { retry_at: reopens }),
        "nor a new call"
    );

    let mut probe = template.clone();
    assert_eq!(
        probe.before_attempt_at(reopens),
        Ok(None),
        "a probe half-open"
    );
    for _ in 0..3 {
        probe.succeeded_at(reopens);
    }
    assert_eq!(breaker.state_at(reopens), BreakerState::Closed);
}

#[test]
fn transport_failures_are_resent_only_when_safe() {
    let now = Instant::now();
    let not_idempotent = Retry::new().base(100 * MS).jitter(false);
    for failure in [Transport::Timeout, Transport::Broken] {
        assert_eq!(
            not_idempotent.clone().next_transport_at(failure, now),
            Decision::Stop(StopReason::NotIdempotent),
            "{failure:?}: it may have been processed"
        );
    }
    let mut refused = not_idempotent.clone();
    let delays: Vec<Decision> = (0..4)
        .map(|_| refused.next_transport_at(Transport::Connect, now))
        .collect();
    assert_eq!(
        delays,
        [
            Decision::RetryAfter(100 * MS),
            Decision::RetryAfter(200 * MS),
            Decision::RetryAfter(400 * MS),
            Decision::Stop(StopReason::AttemptsSpent),
        ],
        "nothing was sent: resent with the back-off, three times"
    );

    let mut keyed = exact().transport_retries(1);
    assert_eq!(
        keyed.next_transport_at(Transport::Timeout, now),
        Decision::RetryAfter(100 * MS)
    );
    assert_eq!(
        keyed.next_transport_at(Transport::Broken, now),
        Decision::Stop(StopReason::AttemptsSpent)
    );
}

#[test]
fn the_deadline_counts_from_the_start_of_the_call_and_bounds_each_attempt() {
    let start = Instant::now();
    let mut retry = exact().deadline(5 * SECOND);
    assert_eq!(retry.before_attempt_at(start), Ok(Some(5 * SECOND)));
    // The first attempt timed out after 3 s: 2 s are left.
    let after_first = start + 3 * SECOND;
    assert_eq!(
        retry.next_transport_at(Transport::Timeout, after_first),
        Decision::RetryAfter(100 * MS)
    );
    let second = after_first + 100 * MS;
    assert_eq!(retry.before_attempt_at(second), Ok(Some(1_900 * MS)));
    // It timed out too, at the deadline.
    assert_eq!(
        retry.next_transport_at(Transport::Timeout, start + 5 * SECOND),
        Decision::Stop(StopReason::Deadline)
    );
    assert_eq!(
        retry.before_attempt_at(start + 5 * SECOND),
        Err(StopReason::Deadline)
    );

    // A first failure 4.95 s into the call: a 100 ms wait would end past the deadline.
    let mut slow = exact().deadline(5 * SECOND);
    slow.start_at(start);
    assert_eq!(
        next(&mut slow, &error(503, "down"), start + 4_950 * MS),
        Decision::Stop(StopReason::Deadline)
    );
}

#[test]
fn the_hook_sees_every_failed_attempt_and_its_decision() {
    let now = Instant::now();
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let hook_seen = Arc::clone(&seen);
    let mut retry = exact().on_retry(move |failure: &Failure<'_, '_>, decision: Decision| {
        let what = match failure {
            Failure::Provider(error) => format!("{} {:?}", error.status().as_u16(), error.code()),
            Failure::Transport(transport) => transport.as_str().to_owned(),
        };
        hook_seen
            .lock()
            .unwrap()
            .push(format!("{what}: {decision:?}"));
    });
    next(&mut retry, &error(503, "down"), now);
    retry.next_transport_at(Transport::Timeout, now);
    next(&mut retry, &error(400, "bad"), now);
    assert_eq!(
        *seen.lock().unwrap(),
        [
            "503 Some(\"down\"): RetryAfter(100ms)",
            "timeout: RetryAfter(200ms)",
            "400 Some(\"bad\"): Stop(NotRetryable)",
        ]
    );
}

#[test]
fn stop_reasons_have_names_for_logs_and_metrics() {
    let now = Instant::now();
    assert_eq!(StopReason::BudgetSpent.as_str(), "budget_spent");
    assert_eq!(
        StopReason::CircuitOpen { retry_at: now }.as_str(),
        "circuit_open"
    );
    assert_eq!(
        StopReason::CircuitOpen { retry_at: now }.to_string(),
        "the provider's circuit breaker is open"
    );
}
