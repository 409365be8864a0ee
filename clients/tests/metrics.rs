//! The `metrics` feature: with a recorder installed, the counters of a classified 503 and of
//! a retry the budget refused, and no label that could grow without bound.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use catalog_core::Catalog;
use catalog_core::http::{HeaderMap, HeaderValue, StatusCode};
use catalog_core::retry::{Budget, Decision, StopReason};
use clients::{Shop, quick_retry};
use metrics::{
    Counter, Gauge, Histogram, HistogramFn, Key, KeyName, Metadata, Recorder, SharedString, Unit,
};

/// Every metric by its name and sorted labels: `name{label=value,...}`.
#[derive(Clone, Default)]
struct Recorded {
    counters: Arc<Mutex<BTreeMap<String, Arc<AtomicU64>>>>,
    gauges: Arc<Mutex<BTreeMap<String, Arc<AtomicU64>>>>,
    histograms: Arc<Mutex<BTreeMap<String, Arc<Samples>>>>,
}

#[derive(Default)]
struct Samples(Mutex<Vec<f64>>);

impl HistogramFn for Samples {
    fn record(&self, value: f64) {
        self.0.lock().unwrap().push(value);
    }
}

fn id(key: &Key) -> String {
    let mut labels: Vec<String> = key
        .labels()
        .map(|label| format!("{}={}", label.key(), label.value()))
        .collect();
    labels.sort();
    format!("{}{{{}}}", key.name(), labels.join(","))
}

impl Recorder for Recorded {
    fn describe_counter(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn describe_gauge(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
    fn describe_histogram(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}

    fn register_counter(&self, key: &Key, _: &Metadata<'_>) -> Counter {
        let mut counters = self.counters.lock().unwrap();
        Counter::from_arc(Arc::clone(counters.entry(id(key)).or_default()))
    }

    fn register_gauge(&self, key: &Key, _: &Metadata<'_>) -> Gauge {
        let mut gauges = self.gauges.lock().unwrap();
        Gauge::from_arc(Arc::clone(gauges.entry(id(key)).or_default()))
    }

    fn register_histogram(&self, key: &Key, _: &Metadata<'_>) -> Histogram {
        let mut histograms = self.histograms.lock().unwrap();
        Histogram::from_arc(Arc::clone(histograms.entry(id(key)).or_default()))
    }
}

impl Recorded {
    fn counter(&self, id: &str) -> u64 {
        self.counters
            .lock()
            .unwrap()
            .get(id)
            .map_or(0, |count| count.load(Ordering::Relaxed))
    }

    fn gauge(&self, id: &str) -> Option<f64> {
        let gauges = self.gauges.lock().unwrap();
        gauges
            .get(id)
            .map(|bits| f64::from_bits(bits.load(Ordering::Relaxed)))
    }
}

fn unavailable(code: &str) -> catalog_core::ProviderError<Shop> {
    let mut headers = HeaderMap::new();
    headers.insert("x-request-id", HeaderValue::from_static("req-secret-7"));
    let body = format!(r#"{{"error":{{"code":"{code}","message":"card 4242 down"}}}}"#);
    Shop::classify(StatusCode::SERVICE_UNAVAILABLE, &headers, body.as_bytes())
}

#[test]
fn a_classified_503_and_a_budget_stop_are_counted() {
    let recorder = Recorded::default();
    metrics::with_local_recorder(&recorder, || {
        // One retry's worth of tokens, shared by two calls.
        let budget = Budget::new().capacity(5);
        let template = quick_retry().idempotent(true).budget(budget);
        let error = unavailable("unavailable");
        let mut first = template.clone();
        assert!(matches!(first.next(&error), Decision::RetryAfter(_)));
        let mut second = template.clone();
        assert_eq!(second.next(&error), Decision::Stop(StopReason::BudgetSpent));
        let unknown = unavailable("tea_break");
        assert!(matches!(
            template.clone().next(&unknown),
            Decision::Stop(StopReason::BudgetSpent)
        ));
    });

    assert_eq!(
        recorder.counter(
            "catalog_core_errors_total{actor=nobody,code=unavailable,kind=provider_unavailable,provider=shop}"
        ),
        2
    );
    assert_eq!(
        recorder.counter(
            "catalog_core_errors_total{actor=nobody,code=unknown,kind=provider_unavailable,provider=shop}"
        ),
        1,
        "a code outside the catalog is `unknown`, never the code sent"
    );
    assert_eq!(
        recorder.counter("catalog_core_retries_total{provider=shop}"),
        1
    );
    assert_eq!(
        recorder.counter("catalog_core_gave_up_total{provider=shop,reason=budget_spent}"),
        2
    );
    assert_eq!(
        recorder.counter("catalog_core_budget_spent_total{provider=shop}"),
        2
    );
    assert_eq!(
        recorder.gauge("catalog_core_budget_tokens{provider=shop}"),
        Some(0.0)
    );
    let histograms = recorder.histograms.lock().unwrap();
    let delays = histograms
        .get("catalog_core_retry_delay_seconds{provider=shop}")
        .expect("the retry's delay");
    assert_eq!(
        *delays.0.lock().unwrap(),
        [0.01],
        "quick_retry's first delay"
    );

    let every_label = format!(
        "{:?} {:?} {:?}",
        recorder.counters.lock().unwrap().keys().collect::<Vec<_>>(),
        recorder.gauges.lock().unwrap().keys().collect::<Vec<_>>(),
        histograms.keys().collect::<Vec<_>>(),
    );
    for unbounded in ["req-secret-7", "4242", "tea_break"] {
        assert!(
            !every_label.contains(unbounded),
            "{unbounded} in {every_label}"
        );
    }
}

#[test]
fn the_breaker_state_is_a_gauge() {
    use catalog_core::retry::CircuitBreaker;

    let recorder = Recorded::default();
    metrics::with_local_recorder(&recorder, || {
        let breaker = CircuitBreaker::new().minimum_calls(2);
        let template = quick_retry()
            .idempotent(true)
            .breaker(breaker)
            .provider(Shop::spec());
        let error = unavailable("unavailable");
        let mut retry = template.clone();
        assert!(matches!(retry.next(&error), Decision::RetryAfter(_)));
        assert_eq!(
            recorder.gauge("catalog_core_breaker_state{provider=shop}"),
            Some(0.0),
            "closed"
        );
        let stop = retry.next(&error);
        assert!(
            matches!(stop, Decision::Stop(StopReason::CircuitOpen { .. })),
            "{stop:?}"
        );
        assert_eq!(
            recorder.gauge("catalog_core_breaker_state{provider=shop}"),
            Some(2.0),
            "open"
        );
        let refused = template.clone().before_attempt();
        assert!(matches!(refused, Err(StopReason::CircuitOpen { .. })));
    });
    assert_eq!(
        recorder.counter("catalog_core_circuit_open_total{provider=shop}"),
        2,
        "the retry refused, and the call not sent"
    );
}
