//! The `tracing` events of catalog-core: one per classification and one per retry decision,
//! with the facts a dashboard needs and nothing of the body.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use std::fmt::Debug;
use std::sync::{Arc, Mutex};

use catalog_core::Catalog;
use catalog_core::http::{HeaderMap, StatusCode};
use clients::{Shop, quick_retry};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Every event, as its fields in order: `name=value`.
#[derive(Clone, Default)]
struct Recorder {
    events: Arc<Mutex<Vec<Vec<String>>>>,
}

struct Fields(Vec<String>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0.push(format!("{}={value:?}", field.name()));
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields(vec![format!("target={}", event.metadata().target())]);
        event.record(&mut fields);
        self.events.lock().unwrap().push(fields.0);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[test]
fn classification_and_decision_events_carry_facts_and_no_body() {
    let recorder = Recorder::default();
    let body =
        br#"{"error":{"code":"unavailable","message":"card 4242 4242 4242 4242: try later"}}"#;
    tracing::subscriber::with_default(recorder.clone(), || {
        let error = Shop::classify(StatusCode::SERVICE_UNAVAILABLE, &HeaderMap::new(), body);
        let mut retry = quick_retry().idempotent(true);
        retry.next(&error);
        retry.next(&error);
    });
    let events = recorder.events.lock().unwrap().clone();
    assert_eq!(events.len(), 3, "{events:#?}");

    let classified = &events[0];
    for field in [
        "target=catalog_core",
        "provider=\"shop\"",
        "status=503",
        "code=\"unavailable\"",
        "variant=\"Unavailable\"",
        "kind=\"provider_unavailable\"",
        "retry=backoff(3)",
    ] {
        assert!(
            classified.iter().any(|f| f == field),
            "{field} in {classified:?}"
        );
    }
    let second_decision = &events[2];
    for field in [
        "provider=\"shop\"",
        "code=\"unavailable\"",
        "variant=\"Unavailable\"",
        "attempt=2",
        "delay_ms=20",
    ] {
        assert!(
            second_decision.iter().any(|f| f == field),
            "{field} in {second_decision:?}"
        );
    }
    let everything = format!("{events:?}");
    assert!(
        !everything.contains("4242"),
        "no body or message: {everything}"
    );
}

catalog_core::provider_errors! {
    /// A provider that says in a header whether to retry, as Stripe does.
    provider Flagged {
        id: "flagged",
        docs: "https://example.invalid/flagged/errors",
        wire: json { code: "/error/code", retryable: header "Stripe-Should-Retry" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    500 | "internal" | Internal | backoff(3) | internal | provider | "Something went wrong.";
}

#[test]
fn the_server_retry_flag_and_where_it_was_are_in_the_events() {
    let recorder = Recorder::default();
    let body = br#"{"error":{"code":"internal"}}"#;
    tracing::subscriber::with_default(recorder.clone(), || {
        let mut headers = HeaderMap::new();
        headers.insert("Stripe-Should-Retry", "false".parse().unwrap());
        let error = Flagged::classify(StatusCode::INTERNAL_SERVER_ERROR, &headers, body);
        quick_retry().idempotent(true).next(&error);
        headers.insert("Stripe-Should-Retry", "perhaps".parse().unwrap());
        Flagged::classify(StatusCode::INTERNAL_SERVER_ERROR, &headers, body);
    });
    let events = recorder.events.lock().unwrap().clone();
    assert_eq!(events.len(), 3, "{events:#?}");
    for (event, fields) in [
        (
            &events[0],
            &[
                "server_retry=false",
                "server_retry_from=\"header\"",
                "retry=never",
            ][..],
        ),
        (
            &events[1],
            &[
                "server_retry=false",
                "server_retry_from=\"header\"",
                "stop=\"server_said_no\"",
            ][..],
        ),
        (
            &events[2],
            &["server_retry_ignored=true", "retry=backoff(3)"][..],
        ),
    ] {
        for field in fields {
            assert!(event.iter().any(|f| f == field), "{field} in {event:?}");
        }
    }
    assert!(
        !format!("{events:?}").contains("perhaps"),
        "no header value: {events:?}"
    );
}
