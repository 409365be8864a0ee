//! The load test of `cargo xtask bench`: a stub provider on 127.0.0.1 goes down for 10 s
//! while 200 callers make payments through `send_with_retry`, with plain `Retry`, with a
//! retry budget, and with a budget and a circuit breaker; then a storm of 400s, which must
//! leave the breaker closed. Bounded: about 20 s a run, four runs.
//!
//! ```sh
//! cargo run --example retry_storm            # the full runs
//! cargo run --example retry_storm -- --quick # the tests' sizes
//! ```
//!
//! Each run prints a summary, then one `load ...` line of `key=value` figures that
//! `cargo xtask bench` reads.

use clients::storm::{Fault, Guard, Report, Scenario, run};

/// The `key=value` line `cargo xtask bench` reads.
fn figures(report: &Report) -> String {
    let millis = |time: Option<std::time::Duration>| {
        time.map_or("-".to_owned(), |time| time.as_millis().to_string())
    };
    format!(
        "load fault={:?} guard={:?} callers={} outage_ms={} open_for_ms={} amplification={:.3} \
         outage_calls={} outage_requests={} calls={} requests={} p50_ms={:.1} p99_ms={:.1} \
         open_ms={} close_ms={} opened={} unfinished={} outcomes={}",
        report.scenario.fault,
        report.scenario.guard,
        report.scenario.callers,
        report.scenario.outage.as_millis(),
        report.scenario.open_for.as_millis(),
        report.amplification(),
        report.outage_calls,
        report.outage_requests,
        report.calls,
        report.requests,
        report.outage_p50.as_secs_f64() * 1e3,
        report.outage_p99.as_secs_f64() * 1e3,
        millis(report.time_to_open),
        millis(report.time_to_close),
        report.breaker_opened,
        report.unfinished,
        report.outcomes.values().sum::<usize>(),
    )
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), String> {
    let quick = std::env::args().any(|arg| arg == "--quick");
    let runs = [
        (Fault::Unavailable, Guard::Plain),
        (Fault::Unavailable, Guard::Budget),
        (Fault::Unavailable, Guard::BudgetAndBreaker),
        (Fault::InvalidRequest, Guard::BudgetAndBreaker),
    ];
    for (fault, guard) in runs {
        let scenario = if quick {
            Scenario::quick(fault, guard)
        } else {
            Scenario::full(fault, guard)
        };
        let report = run(scenario).await?;
        println!("{}", report.summary());
        println!("{}", figures(&report));
    }
    Ok(())
}
