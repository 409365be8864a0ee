//! `RequestBuilderExt::send_with_retry` and `ResponseExt::error_for_catalog` against a stub
//! server on 127.0.0.1 (wiremock). Each mock says how many requests it expects, and the
//! server checks it when the test ends; each test runs under a time limit.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use std::future::Future;
use std::time::{Duration, Instant};

use catalog_core::reqwest::{ClientError, RequestBuilderExt, ResponseExt};
use catalog_core::retry::StopReason;
use clients::{Kiosk, Shop, client, quick_retry};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The longest a test may run: a loop that does not end fails the test, not the build.
async fn bounded<T>(test: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), test)
        .await
        .expect("the test ran past its time limit")
}

fn error_body(code: &str) -> String {
    format!(r#"{{"error":{{"code":"{code}","message":"card 4242 4242 4242 4242 refused"}}}}"#)
}

/// `times` responses of `status` with the body of error `code`, expected exactly that often.
fn answer(verb: &str, status: u16, code: &str, times: u64) -> Mock {
    Mock::given(method(verb))
        .and(path("/payments"))
        .respond_with(ResponseTemplate::new(status).set_body_string(error_body(code)))
        .up_to_n_times(times)
        .expect(times)
}

fn success(verb: &str) -> Mock {
    Mock::given(method(verb))
        .and(path("/payments"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"id":"pay_1"}"#))
        .expect(1)
}

#[tokio::test]
async fn a_503_twice_then_a_200_is_sent_three_times_and_gives_the_200() {
    bounded(async {
        let server = MockServer::start().await;
        answer("GET", 503, "unavailable", 2).mount(&server).await;
        success("GET").mount(&server).await;

        let url = format!("{}/payments", server.uri());
        let response = client()
            .unwrap()
            .get(&url)
            .send_with_retry::<Shop>(quick_retry())
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.url().as_str(), url, "the URL is kept");
        assert_eq!(response.text().await.unwrap(), r#"{"id":"pay_1"}"#);
        server.verify().await;
    })
    .await;
}

#[tokio::test]
async fn a_429_waits_the_retry_after_it_sends_whatever_the_cap() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(429)
                    .insert_header("Retry-After", "1")
                    .set_body_string(error_body("rate_limited")),
            )
            .up_to_n_times(1)
            .expect(1)
            .mount(&server)
            .await;
        success("GET").mount(&server).await;

        let started = Instant::now();
        let response = client()
            .unwrap()
            .get(format!("{}/payments", server.uri()))
            .send_with_retry::<Shop>(quick_retry().cap(Duration::from_millis(10)))
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert!(
            started.elapsed() >= Duration::from_secs(1),
            "waited {:?}",
            started.elapsed()
        );
        server.verify().await;
    })
    .await;
}

#[tokio::test]
async fn a_never_retry_400_is_sent_once() {
    bounded(async {
        let server = MockServer::start().await;
        answer("GET", 400, "invalid_amount", 1).mount(&server).await;

        let result = client()
            .unwrap()
            .get(format!("{}/payments", server.uri()))
            .send_with_retry::<Shop>(quick_retry())
            .await;
        let Err(ClientError::Provider { error, stop, .. }) = result else {
            panic!("expected the provider's error, got {result:?}");
        };
        assert_eq!(error.variant(), Some(Shop::InvalidAmount));
        assert_eq!(stop, Some(StopReason::NotRetryable));
        server.verify().await;
    })
    .await;
}

#[tokio::test]
async fn a_post_without_an_idempotency_key_answered_502_is_sent_once() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(502).set_body_string("<html>Bad Gateway</html>"))
            .expect(1)
            .mount(&server)
            .await;

        // Kiosk declares no idempotency key: the POST may have been processed.
        let result = client()
            .unwrap()
            .post(format!("{}/payments", server.uri()))
            .body(r#"{"amount":100}"#)
            .send_with_retry::<Kiosk>(quick_retry())
            .await;
        let Err(ClientError::Provider { error, stop, .. }) = result else {
            panic!("expected the provider's error, got {result:?}");
        };
        assert_eq!(error.status(), 502);
        assert!(error.is_retryable(), "a 502 alone would be retried");
        assert_eq!(stop, Some(StopReason::NotIdempotent));
        let requests = server.received_requests().await.unwrap();
        assert!(requests[0].headers.get("idempotency-key").is_none());
        server.verify().await;
    })
    .await;
}

#[tokio::test]
async fn the_same_post_with_an_idempotency_key_is_retried_with_one_key() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(502).set_body_string("<html>Bad Gateway</html>"))
            .up_to_n_times(2)
            .expect(2)
            .mount(&server)
            .await;
        success("POST").mount(&server).await;

        // Shop declares `Idempotency-Key`: the POST gets one key for all its attempts.
        let response = client()
            .unwrap()
            .post(format!("{}/payments", server.uri()))
            .body(r#"{"amount":100}"#)
            .send_with_retry::<Shop>(quick_retry())
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let requests = server.received_requests().await.unwrap();
        let keys: Vec<_> = requests
            .iter()
            .map(|request| request.headers.get("idempotency-key").cloned())
            .collect();
        assert_eq!(keys.len(), 3);
        assert!(keys[0].is_some(), "a key was sent");
        assert!(keys.iter().all(|key| *key == keys[0]), "{keys:?}");
        assert!(requests.iter().all(|r| r.body == br#"{"amount":100}"#));
        server.verify().await;
    })
    .await;
}

#[tokio::test]
async fn a_key_of_the_callers_own_is_kept() {
    bounded(async {
        let server = MockServer::start().await;
        answer("POST", 503, "unavailable", 1).mount(&server).await;
        success("POST").mount(&server).await;

        client()
            .unwrap()
            .post(format!("{}/payments", server.uri()))
            .header("Idempotency-Key", "order-17")
            .send_with_retry::<Shop>(quick_retry())
            .await
            .unwrap();
        let requests = server.received_requests().await.unwrap();
        for request in &requests {
            assert_eq!(request.headers.get("idempotency-key").unwrap(), "order-17");
        }
        server.verify().await;
    })
    .await;
}

#[tokio::test]
async fn error_for_catalog_reads_the_body_once_and_keeps_it() {
    bounded(async {
        let server = MockServer::start().await;
        answer("GET", 400, "invalid_amount", 1).mount(&server).await;
        Mock::given(method("GET"))
            .and(path("/ok"))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("X-Request-Id", "req-9")
                    .set_body_string(r#"{"id":"pay_1"}"#),
            )
            .expect(1)
            .mount(&server)
            .await;
        let client = client().unwrap();

        let response = client
            .get(format!("{}/ok", server.uri()))
            .send()
            .await
            .unwrap()
            .error_for_catalog::<Shop>()
            .await
            .unwrap();
        assert_eq!(response.headers()["x-request-id"], "req-9");
        assert_eq!(response.url().path(), "/ok");
        assert_eq!(response.text().await.unwrap(), r#"{"id":"pay_1"}"#);

        let failed = client
            .get(format!("{}/payments", server.uri()))
            .send()
            .await
            .unwrap()
            .error_for_catalog::<Shop>()
            .await;
        let Err(ClientError::Provider {
            error, stop: None, ..
        }) = failed
        else {
            panic!("expected the provider's error, got {failed:?}");
        };
        assert_eq!(error.variant(), Some(Shop::InvalidAmount));
        assert_eq!(error.raw_body(), error_body("invalid_amount").as_bytes());
        server.verify().await;
    })
    .await;
}
