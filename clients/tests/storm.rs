//! The load test, quick: an outage of a stub provider on 127.0.0.1 under 50 concurrent
//! callers (`clients::storm`; the full run is in `cargo xtask bench`). The assertions are on
//! counts and states, not on timings: how many requests each call made during the outage,
//! that every call ended, and whether the breaker opened and closed again.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use clients::storm::{Fault, Guard, Scenario, run};

#[tokio::test]
async fn an_outage_costs_about_one_request_per_call_with_budget_and_breaker_and_four_without() {
    let guarded = run(Scenario::quick(Fault::Unavailable, Guard::BudgetAndBreaker))
        .await
        .unwrap();
    let summary = guarded.summary();
    eprintln!("{summary}");
    assert!(guarded.outage_calls > 100, "{summary}");
    assert!(guarded.amplification() <= 1.2, "{summary}");
    assert_eq!(guarded.unfinished, 0, "every call ends: {summary}");
    assert_eq!(
        guarded.outcomes.values().sum::<usize>(),
        guarded.calls,
        "every call has an outcome: {summary}"
    );
    assert!(
        guarded.time_to_open.is_some(),
        "the breaker opened: {summary}"
    );
    assert!(
        guarded.time_to_close.is_some(),
        "the breaker closed after the recovery: {summary}"
    );
    assert!(
        guarded
            .outcomes
            .keys()
            .any(|outcome| outcome.contains("circuit_open")),
        "calls were refused while it was open: {summary}"
    );

    let plain = run(Scenario::quick(Fault::Unavailable, Guard::Plain))
        .await
        .unwrap();
    let summary = plain.summary();
    eprintln!("{summary}");
    assert!(
        plain.amplification() > 3.0 && plain.amplification() <= 4.0,
        "backoff(3): up to four requests per call: {summary}"
    );
    assert_eq!(plain.unfinished, 0, "{summary}");
    assert!(!plain.breaker_opened, "no breaker attached: {summary}");
}

#[tokio::test]
async fn a_storm_of_the_callers_400s_leaves_the_breaker_closed() {
    let storm = run(Scenario::quick(
        Fault::InvalidRequest,
        Guard::BudgetAndBreaker,
    ))
    .await
    .unwrap();
    let summary = storm.summary();
    eprintln!("{summary}");
    assert!(storm.outage_calls > 100, "{summary}");
    assert!(!storm.breaker_opened, "{summary}");
    assert_eq!(storm.unfinished, 0, "{summary}");
    assert!(
        (storm.amplification() - 1.0).abs() < f64::EPSILON,
        "a 400 is never retried: {summary}"
    );
    assert!(
        storm
            .outcomes
            .keys()
            .any(|outcome| outcome == "HTTP 400 not_retryable"),
        "{summary}"
    );
}
