//! The retry path end to end against stub servers on 127.0.0.1 (wiremock): transport
//! failures, idempotency keys in every outcome, the deadline from the start of the call, the
//! breaker before the first attempt, the request ids in tracing events and the `on_retry`
//! hook. Each test runs under a time limit.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use std::fmt::Debug;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use catalog_core::reqwest::{ClientError, IdempotencyKey, RequestBuilderExt};
use catalog_core::retry::{CircuitBreaker, Decision, Failure, Outcome, StopReason, Transport};
use clients::{Kiosk, Shop, client, quick_retry};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn bounded<T>(test: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), test)
        .await
        .expect("the test ran past its time limit")
}

fn short_timeout_client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap()
}

/// A first answer that comes after the client's timeout, then a 200.
async fn slow_then_ok(server: &MockServer) {
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
        .up_to_n_times(1)
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"id":"pay_1"}"#))
        .mount(server)
        .await;
}

async fn keys_sent(server: &MockServer) -> Vec<Option<String>> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| {
            request
                .headers
                .get("idempotency-key")
                .map(|key| key.to_str().unwrap().to_owned())
        })
        .collect()
}

#[tokio::test]
async fn a_post_with_a_key_that_timed_out_is_sent_again_with_the_same_key() {
    bounded(async {
        let server = MockServer::start().await;
        slow_then_ok(&server).await;

        let response = short_timeout_client()
            .post(format!("{}/payments", server.uri()))
            .body(r#"{"amount":100}"#)
            .send_with_retry::<Shop>(quick_retry())
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let keys = keys_sent(&server).await;
        assert_eq!(keys.len(), 2, "sent again after the timeout: {keys:?}");
        assert!(keys[0].is_some(), "a key was generated and sent");
        assert_eq!(keys[0], keys[1], "the same key on both attempts");
        let returned = response.extensions().get::<IdempotencyKey>().unwrap();
        assert_eq!(
            returned.as_str(),
            keys[0].as_deref(),
            "the success holds the key"
        );
    })
    .await;
}

#[tokio::test]
async fn a_post_without_a_key_that_timed_out_is_not_sent_again_and_the_error_holds_the_key() {
    bounded(async {
        let server = MockServer::start().await;
        slow_then_ok(&server).await;

        let result = short_timeout_client()
            .post(format!("{}/payments", server.uri()))
            .body(r#"{"amount":100}"#)
            .send_with_retry::<Shop>(quick_retry())
            .without_idempotency_key()
            .await;
        let Err(ClientError::Transport {
            error,
            stop,
            idempotency_key,
        }) = result
        else {
            panic!("expected the timeout, got {result:?}");
        };
        assert!(error.is_timeout(), "{error}");
        assert_eq!(stop, Some(StopReason::NotIdempotent));
        let keys = keys_sent(&server).await;
        assert_eq!(keys, [None], "sent once, without a key");
        let key = idempotency_key.expect("the key it would have used");
        assert_eq!(key.as_str().map(str::len), Some(36), "a UUID: {key}");

        // A later try of the caller's own, with that key.
        let response = client()
            .unwrap()
            .post(format!("{}/payments", server.uri()))
            .send_with_retry::<Shop>(quick_retry())
            .idempotency_key(key.as_header_value().clone())
            .await
            .unwrap();
        assert_eq!(response.extensions().get::<IdempotencyKey>(), Some(&key));
        assert_eq!(keys_sent(&server).await[1].as_deref(), key.as_str());
    })
    .await;
}

#[tokio::test]
async fn a_key_set_by_the_caller_is_kept_on_every_attempt_and_returned() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(503).set_body_string(r#"{"error":{"code":"unavailable"}}"#),
            )
            .up_to_n_times(2)
            .expect(2)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(201))
            .expect(1)
            .mount(&server)
            .await;

        let response = client()
            .unwrap()
            .post(format!("{}/payments", server.uri()))
            .send_with_retry::<Shop>(quick_retry())
            .idempotency_key("order-17")
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
        let keys = keys_sent(&server).await;
        assert_eq!(keys, vec![Some("order-17".to_owned()); 3]);
        assert_eq!(
            response
                .extensions()
                .get::<IdempotencyKey>()
                .and_then(IdempotencyKey::as_str),
            Some("order-17")
        );
        server.verify().await;
    })
    .await;
}

#[tokio::test]
async fn a_5_s_deadline_with_a_3_s_attempt_timeout_ends_within_about_5_s() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(15)))
            .mount(&server)
            .await;
        let client = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(3))
            .build()
            .unwrap();

        let started = Instant::now();
        let result = client
            .get(format!("{}/payments", server.uri()))
            .send_with_retry::<Shop>(quick_retry().deadline(Duration::from_secs(5)))
            .await;
        let elapsed = started.elapsed();
        let stop = result.as_ref().err().and_then(ClientError::stop);
        assert_eq!(stop, Some(StopReason::Deadline), "{result:?}");
        assert!(
            elapsed >= Duration::from_millis(4_500) && elapsed < Duration::from_millis(6_500),
            "3 s, then what was left of the 5 s: {elapsed:?}"
        );
        let sent = server.received_requests().await.unwrap().len();
        assert_eq!(
            sent, 2,
            "the timeout, then the attempt the deadline cut short"
        );
    })
    .await;
}

/// What the hook saw of one failed attempt.
type Seen = (Option<Transport>, Decision);

#[tokio::test]
async fn a_connection_refused_is_retried_even_for_a_post_without_a_key() {
    bounded(async {
        // A port nothing listens on: bound, then closed.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let hook_seen = Arc::clone(&seen);
        let retry = quick_retry().on_retry(move |failure: &Failure<'_, '_>, decision| {
            let transport = match failure {
                Failure::Transport(transport) => Some(*transport),
                Failure::Provider(_) => None,
            };
            hook_seen.lock().unwrap().push((transport, decision));
        });

        // Kiosk has no idempotency key: only a request that was never sent may be resent.
        let result = client()
            .unwrap()
            .post(format!("http://127.0.0.1:{port}/payments"))
            .send_with_retry::<Kiosk>(retry)
            .await;
        let Err(ClientError::Transport { error, stop, .. }) = &result else {
            panic!("expected the refused connection, got {result:?}");
        };
        assert!(error.is_connect(), "{error}");
        assert_eq!(*stop, Some(StopReason::AttemptsSpent));
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 4, "the first attempt and 3 retries: {seen:?}");
        assert!(
            seen.iter()
                .all(|(transport, _)| *transport == Some(Transport::Connect))
        );
        assert_eq!(
            seen.last().map(|(_, decision)| *decision),
            Some(Decision::Stop(StopReason::AttemptsSpent))
        );
    })
    .await;
}

#[tokio::test]
async fn an_open_breaker_sends_nothing_and_says_when_to_try_again() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(201))
            .expect(0)
            .mount(&server)
            .await;
        let breaker = CircuitBreaker::new().minimum_calls(1);
        breaker.record(Outcome::Failure);

        let result = client()
            .unwrap()
            .post(format!("{}/payments", server.uri()))
            .send_with_retry::<Shop>(quick_retry().breaker(breaker))
            .await;
        let Err(ClientError::NotSent {
            stop: StopReason::CircuitOpen { retry_at },
            idempotency_key: Some(_),
        }) = result
        else {
            panic!("expected a call not sent, with a key, got {result:?}");
        };
        assert!(retry_at > Instant::now(), "the open period ends later");
        server.verify().await;
    })
    .await;
}

mod events {
    //! A subscriber that keeps each event's fields and the name of the span it was in.

    use std::sync::atomic::{AtomicU64, Ordering};

    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};

    use super::{Arc, Debug, Mutex};

    /// An event: the span it was in, and its fields.
    pub(super) type Recorded = (Option<String>, Vec<String>);

    #[derive(Clone, Default)]
    pub(super) struct Recorder {
        pub(super) events: Arc<Mutex<Vec<Recorded>>>,
        spans: Arc<Mutex<Vec<(u64, String)>>>,
        stack: Arc<Mutex<Vec<u64>>>,
        next: Arc<AtomicU64>,
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
        fn new_span(&self, span: &Attributes<'_>) -> Id {
            let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
            let mut fields = Fields(vec![span.metadata().name().to_owned()]);
            span.record(&mut fields);
            self.spans.lock().unwrap().push((id, fields.0.join(" ")));
            Id::from_u64(id)
        }
        fn record(&self, _: &Id, _: &Record<'_>) {}
        fn record_follows_from(&self, _: &Id, _: &Id) {}
        fn event(&self, event: &Event<'_>) {
            let mut fields = Fields(vec![event.metadata().target().to_owned()]);
            event.record(&mut fields);
            let span = self.stack.lock().unwrap().last().and_then(|id| {
                let spans = self.spans.lock().unwrap();
                spans
                    .iter()
                    .find(|(span, _)| span == id)
                    .map(|(_, name)| name.clone())
            });
            self.events.lock().unwrap().push((span, fields.0));
        }
        fn enter(&self, id: &Id) {
            self.stack.lock().unwrap().push(id.into_u64());
        }
        fn exit(&self, _: &Id) {
            self.stack.lock().unwrap().pop();
        }
    }
}

#[tokio::test]
async fn the_events_of_a_503_then_200_call_hold_the_503s_request_id_in_the_calls_span() {
    let recorder = events::Recorder::default();
    let _default = tracing::subscriber::set_default(recorder.clone());
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(503)
                    .insert_header("X-Request-Id", "req-503-a")
                    .set_body_string(r#"{"error":{"code":"unavailable"}}"#),
            )
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).insert_header("X-Request-Id", "req-200-b"))
            .mount(&server)
            .await;

        let response = client()
            .unwrap()
            .get(format!("{}/payments", server.uri()))
            .send_with_retry::<Shop>(quick_retry())
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    })
    .await;

    let events = recorder.events.lock().unwrap().clone();
    let decision = events
        .iter()
        .find(|(_, fields)| fields.iter().any(|field| field == "message=retry decision"))
        .unwrap_or_else(|| panic!("a retry decision in {events:#?}"));
    let (span, fields) = decision;
    assert!(
        fields
            .iter()
            .any(|field| field == "request_id=\"req-503-a\""),
        "{fields:?}"
    );
    assert!(
        fields.iter().any(|field| field == "status=503"),
        "{fields:?}"
    );
    let span = span.as_deref().unwrap_or_default();
    assert!(
        span.starts_with("provider call") && span.contains("provider=\"shop\""),
        "inside the call's span: {span:?}"
    );
    let classified = events
        .iter()
        .filter(|(_, fields)| fields.iter().any(|field| field == "message=classified"))
        .count();
    assert_eq!(classified, 1, "the 503 only: the 200 is no error");
}

catalog_core::provider_errors! {
    /// A provider whose request id is a session handle: declared sensitive.
    provider Vault {
        id: "vault",
        docs: "https://example.invalid/vault/errors",
        sensitive: { header "X-Session" },
        wire: json { code: "/code", request_id: header "X-Session" },
        columns: status | code | variant | retry | kind | actor | message,
    }
    503 | "down" | Down | backoff(1) | provider_unavailable | nobody | "Down.";
}

#[test]
fn a_request_id_the_catalog_declares_sensitive_stays_out_of_the_events() {
    use catalog_core::Catalog;
    use catalog_core::http::{HeaderMap, HeaderValue, StatusCode};

    let recorder = events::Recorder::default();
    tracing::subscriber::with_default(recorder.clone(), || {
        let mut headers = HeaderMap::new();
        headers.insert("x-session", HeaderValue::from_static("sess-secret-1"));
        let error = Vault::classify(
            StatusCode::SERVICE_UNAVAILABLE,
            &headers,
            br#"{"code":"down"}"#,
        );
        assert_eq!(error.request_id(), Some("sess-secret-1"));
        quick_retry().idempotent(true).next(&error);
    });
    let events = format!("{:?}", recorder.events.lock().unwrap());
    assert!(events.contains("retry decision"), "{events}");
    assert!(!events.contains("sess-secret-1"), "{events}");
}
