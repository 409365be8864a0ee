//! A provider outage under load, on 127.0.0.1: a stub provider answers everything with an
//! error for a stretch, then recovers, while concurrent callers make payments through
//! `send_with_retry` (the quick test in `tests/storm.rs`, the full run in `cargo xtask bench`
//! through `examples/retry_storm.rs`).
//!
//! Every call is a POST with its own idempotency key, which its outcome hands back, so the
//! stub counts the requests of each call exactly: the amplification of the calls made during
//! the outage is the requests they caused per call, with no guessing at the edges of the
//! outage. The run is bounded: callers start no call after `total()`, each call has a
//! deadline, and whatever has not ended a few seconds later is counted as unfinished.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use catalog_core::reqwest::{ClientError, IdempotencyKey, RequestBuilderExt};
use catalog_core::retry::{BreakerState, Budget, CircuitBreaker, Retry};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::Shop;

/// What the stub answers while the provider is down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// 503 `unavailable` (`backoff(3)`, `provider_unavailable`): the provider's fault.
    Unavailable,
    /// 400 `invalid_amount` (`never`, `invalid_request`): the caller's bug.
    InvalidRequest,
}

/// What guards the calls against the outage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guard {
    /// `Retry` alone: each call retries on its own.
    Plain,
    /// A shared retry budget.
    Budget,
    /// A shared retry budget and a circuit breaker.
    BudgetAndBreaker,
}

impl Guard {
    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Guard::Plain => "plain Retry",
            Guard::Budget => "budget",
            Guard::BudgetAndBreaker => "budget + breaker",
        }
    }
}

/// One run of the load test.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// Concurrent callers, each making one call after another.
    pub callers: usize,
    /// How long the provider works before the outage.
    pub healthy: Duration,
    /// How long the outage lasts.
    pub outage: Duration,
    /// How long the run goes on after the provider recovers.
    pub recovery: Duration,
    /// What the provider answers during the outage.
    pub fault: Fault,
    /// The guards of the calls.
    pub guard: Guard,
    /// Each caller's pause between two calls.
    pub think: Duration,
    /// The back-off's base (full jitter, capped at eight times the base).
    pub base: Duration,
    /// The breaker's open period.
    pub open_for: Duration,
    /// Each call's deadline.
    pub deadline: Duration,
}

impl Scenario {
    /// The full run of `cargo xtask bench`: 200 callers, a 10 s outage between 2 s of health
    /// and 8 s of recovery, a breaker open for 2 s.
    pub fn full(fault: Fault, guard: Guard) -> Self {
        Scenario {
            callers: 200,
            healthy: Duration::from_secs(2),
            outage: Duration::from_secs(10),
            recovery: Duration::from_secs(8),
            fault,
            guard,
            think: Duration::from_millis(100),
            base: Duration::from_millis(100),
            open_for: Duration::from_secs(2),
            deadline: Duration::from_secs(5),
        }
    }

    /// The quick run of the tests: 50 callers, a 1.5 s outage, a breaker open for 400 ms.
    pub fn quick(fault: Fault, guard: Guard) -> Self {
        Scenario {
            callers: 50,
            healthy: Duration::from_millis(300),
            outage: Duration::from_millis(1_500),
            recovery: Duration::from_millis(1_500),
            fault,
            guard,
            think: Duration::from_millis(50),
            base: Duration::from_millis(20),
            open_for: Duration::from_millis(400),
            deadline: Duration::from_secs(3),
        }
    }

    /// When callers stop starting calls.
    pub fn total(&self) -> Duration {
        self.healthy + self.outage + self.recovery
    }
}

/// What a run measured.
#[derive(Clone, Debug)]
pub struct Report {
    /// The scenario run.
    pub scenario: Scenario,
    /// Calls made in the whole run.
    pub calls: usize,
    /// Requests the stub received in the whole run.
    pub requests: usize,
    /// Calls started during the outage.
    pub outage_calls: usize,
    /// Requests those calls caused.
    pub outage_requests: usize,
    /// Calls that ended with no outcome within the run's bound (must be 0).
    pub unfinished: usize,
    /// Outcomes of all calls: `ok`, or the error and its stop reason.
    pub outcomes: BTreeMap<String, usize>,
    /// Latency of the calls started during the outage: median.
    pub outage_p50: Duration,
    /// Latency of the calls started during the outage: 99th percentile.
    pub outage_p99: Duration,
    /// From the outage's start to the breaker's first opening.
    pub time_to_open: Option<Duration>,
    /// From the recovery to the breaker's closing for good.
    pub time_to_close: Option<Duration>,
    /// Whether the breaker was ever seen open (or half-open).
    pub breaker_opened: bool,
    /// Wall time of the run.
    pub elapsed: Duration,
}

impl Report {
    /// Requests per call made during the outage.
    pub fn amplification(&self) -> f64 {
        if self.outage_calls == 0 {
            return 0.0;
        }
        self.outage_requests as f64 / self.outage_calls as f64
    }

    /// One paragraph, for the bench's output and BENCHMARKS.md.
    pub fn summary(&self) -> String {
        let outcomes: Vec<String> = self
            .outcomes
            .iter()
            .map(|(outcome, count)| format!("{outcome} {count}"))
            .collect();
        let time = |time: Option<Duration>| time.map_or("-".to_owned(), |t| format!("{t:.2?}"));
        format!(
            "{fault:?} / {guard}: {amp:.2} requests per call during the outage ({oreq} requests for \
             {ocalls} calls); {calls} calls, {requests} requests in {elapsed:.1?}; outage latency \
             p50 {p50:.1?}, p99 {p99:.1?}; breaker opened {opened} (after {open}), closed {close} \
             after recovery; unfinished {unfinished}; outcomes: {outcomes}",
            fault = self.scenario.fault,
            guard = self.scenario.guard.name(),
            amp = self.amplification(),
            oreq = self.outage_requests,
            ocalls = self.outage_calls,
            calls = self.calls,
            requests = self.requests,
            elapsed = self.elapsed,
            p50 = self.outage_p50,
            p99 = self.outage_p99,
            opened = self.breaker_opened,
            open = time(self.time_to_open),
            close = time(self.time_to_close),
            unfinished = self.unfinished,
            outcomes = outcomes.join(", "),
        )
    }
}

/// The stub provider: healthy, then down, then healthy again, counting each call's requests
/// by its idempotency key.
struct Provider {
    started: Instant,
    healthy: Duration,
    outage: Duration,
    fault: Fault,
    requests: AtomicUsize,
    by_key: Mutex<HashMap<Vec<u8>, usize>>,
}

impl Provider {
    fn answer(&self, request: &Request) -> ResponseTemplate {
        self.requests.fetch_add(1, Ordering::Relaxed);
        if let Some(key) = request.headers.get("idempotency-key") {
            let mut by_key = self.by_key.lock().unwrap_or_else(PoisonError::into_inner);
            *by_key.entry(key.as_bytes().to_vec()).or_insert(0) += 1;
        }
        let now = self.started.elapsed();
        let down = now >= self.healthy && now < self.healthy + self.outage;
        match (down, self.fault) {
            (false, _) => ResponseTemplate::new(200).set_body_string(r#"{"id":"pay_1"}"#),
            (true, Fault::Unavailable) => ResponseTemplate::new(503)
                .set_body_string(r#"{"error":{"code":"unavailable","message":"down"}}"#),
            (true, Fault::InvalidRequest) => ResponseTemplate::new(400)
                .set_body_string(r#"{"error":{"code":"invalid_amount","message":"bad"}}"#),
        }
    }
}

/// One call's record.
struct Call {
    started: Duration,
    latency: Duration,
    key: Option<IdempotencyKey>,
    outcome: String,
}

/// Runs `scenario` against a stub on 127.0.0.1, on the current tokio runtime.
pub async fn run(scenario: Scenario) -> Result<Report, String> {
    let server = MockServer::builder()
        .disable_request_recording()
        .start()
        .await;
    let started = Instant::now();
    let provider = Arc::new(Provider {
        started,
        healthy: scenario.healthy,
        outage: scenario.outage,
        fault: scenario.fault,
        requests: AtomicUsize::new(0),
        by_key: Mutex::new(HashMap::new()),
    });
    Mock::given(wiremock::matchers::method("POST"))
        .respond_with(SharedProvider(Arc::clone(&provider)))
        .mount(&server)
        .await;

    let client = crate::client().map_err(|error| error.to_string())?;
    let breaker = CircuitBreaker::new().open_for(scenario.open_for);
    let mut template = Retry::new()
        .base(scenario.base)
        .cap(scenario.base * 8)
        .deadline(scenario.deadline);
    if scenario.guard != Guard::Plain {
        template = template.budget(Budget::new());
    }
    if scenario.guard == Guard::BudgetAndBreaker {
        template = template.breaker(breaker.clone());
    }

    let url = format!("{}/payments", server.uri());
    let begun = Arc::new(AtomicUsize::new(0));
    let ended = Arc::new(AtomicUsize::new(0));
    let calls: Arc<Mutex<Vec<Call>>> = Arc::new(Mutex::new(Vec::new()));
    let mut callers = tokio::task::JoinSet::new();
    for _ in 0..scenario.callers {
        let (client, url, template) = (client.clone(), url.clone(), template.clone());
        let (begun, ended, calls) = (Arc::clone(&begun), Arc::clone(&ended), Arc::clone(&calls));
        let (total, think) = (scenario.total(), scenario.think);
        callers.spawn(async move {
            while started.elapsed() < total {
                let call_started = started.elapsed();
                begun.fetch_add(1, Ordering::Relaxed);
                let result = client
                    .post(&url)
                    .body(r#"{"amount":100}"#)
                    .send_with_retry::<Shop>(template.clone())
                    .await;
                let latency = started.elapsed().saturating_sub(call_started);
                ended.fetch_add(1, Ordering::Relaxed);
                let (key, outcome) = describe(result);
                calls
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(Call {
                        started: call_started,
                        latency,
                        key,
                        outcome,
                    });
                tokio::time::sleep(think).await;
            }
        });
    }

    let watch = watch_breaker(breaker, started, scenario.total());
    // Every call ends by its deadline; a few seconds more, and what is left is unfinished.
    let bound = scenario.total() + scenario.deadline + Duration::from_secs(5);
    let joined = tokio::time::timeout(bound.saturating_sub(started.elapsed()), async {
        while callers.join_next().await.is_some() {}
    })
    .await;
    if joined.is_err() {
        callers.abort_all();
    }
    let transitions = watch.await.unwrap_or_default();
    let elapsed = started.elapsed();
    drop(server);

    let calls = std::mem::take(&mut *calls.lock().unwrap_or_else(PoisonError::into_inner));
    let by_key = std::mem::take(
        &mut *provider
            .by_key
            .lock()
            .unwrap_or_else(PoisonError::into_inner),
    );
    Ok(report(
        scenario,
        &calls,
        &by_key,
        provider.requests.load(Ordering::Relaxed),
        begun.load(Ordering::Relaxed) - ended.load(Ordering::Relaxed),
        &transitions,
        elapsed,
    ))
}

/// `Respond` for the shared provider, whose counts the run reads afterwards.
struct SharedProvider(Arc<Provider>);

impl Respond for SharedProvider {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        self.0.answer(request)
    }
}

/// The key and a name for the outcome of a call.
fn describe(
    result: Result<reqwest::Response, ClientError<Shop>>,
) -> (Option<IdempotencyKey>, String) {
    match result {
        Ok(response) => (
            response.extensions().get::<IdempotencyKey>().cloned(),
            format!("ok {}", response.status().as_u16()),
        ),
        Err(error) => {
            let kind = match &error {
                ClientError::Provider { error, .. } => format!("HTTP {}", error.status().as_u16()),
                ClientError::Transport { .. } => "transport".to_owned(),
                ClientError::TimedOut { .. } => "timed out".to_owned(),
                ClientError::NotSent { .. } => "not sent".to_owned(),
                _ => "other".to_owned(),
            };
            let stop = error.stop().map_or("-", |stop| stop.as_str());
            (error.idempotency_key().cloned(), format!("{kind} {stop}"))
        }
    }
}

/// The breaker's state every 5 ms until the run ends: each change, with its time.
fn watch_breaker(
    breaker: CircuitBreaker,
    started: Instant,
    total: Duration,
) -> tokio::task::JoinHandle<Vec<(Duration, BreakerState)>> {
    tokio::spawn(async move {
        let mut changes = Vec::new();
        let mut last = BreakerState::Closed;
        while started.elapsed() < total {
            let state = breaker.state();
            if std::mem::discriminant(&state) != std::mem::discriminant(&last) {
                changes.push((started.elapsed(), state));
                last = state;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        changes
    })
}

fn report(
    scenario: Scenario,
    calls: &[Call],
    by_key: &HashMap<Vec<u8>, usize>,
    requests: usize,
    unfinished: usize,
    transitions: &[(Duration, BreakerState)],
    elapsed: Duration,
) -> Report {
    let outage_start = scenario.healthy;
    let recovery = scenario.healthy + scenario.outage;
    let during: Vec<&Call> = calls
        .iter()
        .filter(|call| call.started >= outage_start && call.started < recovery)
        .collect();
    let outage_requests = during
        .iter()
        .filter_map(|call| call.key.as_ref())
        .map(|key| {
            by_key
                .get(key.as_header_value().as_bytes())
                .copied()
                .unwrap_or(0)
        })
        .sum();
    let mut latencies: Vec<Duration> = during.iter().map(|call| call.latency).collect();
    latencies.sort_unstable();
    let percentile = |p: f64| -> Duration {
        if latencies.is_empty() {
            return Duration::ZERO;
        }
        let index = ((latencies.len() - 1) as f64 * p).round() as usize;
        latencies.get(index).copied().unwrap_or_default()
    };
    let mut outcomes = BTreeMap::new();
    for call in calls {
        *outcomes.entry(call.outcome.clone()).or_insert(0) += 1;
    }
    let time_to_open = transitions
        .iter()
        .find(|(_, state)| matches!(state, BreakerState::Open { .. }))
        .map(|(at, _)| at.saturating_sub(outage_start));
    let time_to_close = match transitions.last() {
        Some((at, BreakerState::Closed)) => Some(at.saturating_sub(recovery)),
        _ => None,
    };
    Report {
        outage_p50: percentile(0.5),
        outage_p99: percentile(0.99),
        calls: calls.len(),
        requests,
        outage_calls: during.len(),
        outage_requests,
        unfinished,
        outcomes,
        time_to_open,
        time_to_close,
        breaker_opened: !transitions.is_empty(),
        elapsed,
        scenario,
    }
}
