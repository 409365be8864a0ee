//! The server's retry flag in a header, as Stripe sends it (`Stripe-Should-Retry`), through
//! `send_with_retry` against a stub server on 127.0.0.1 (wiremock): `false` on a 500 is sent
//! once, `true` on a 409 that the catalog never retries is sent up to the catalog's default
//! back-off. Each mock says how many requests it expects; each test runs under a time limit.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use std::future::Future;
use std::time::Duration;

use catalog_core::reqwest::{ClientError, RequestBuilderExt};
use catalog_core::retry::StopReason;
use catalog_core::{FlagSource, RetryPolicy};
use clients::{client, quick_retry};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

catalog_core::provider_errors! {
    /// Stripe's shape: the type beside the code, errors without a code, and the retry header.
    pub provider Payments {
        id: "payments-stripe-shape",
        docs: "https://example.invalid/payments/errors",
        key: (category, code),
        idempotency_key: header "Idempotency-Key",
        categories: { Api = "api_error", InvalidRequest = "invalid_request_error" },
        wire: json {
            code: "/error/code",
            category: "/error/type",
            message: "/error/message",
            request_id: header "Request-Id",
            retryable: header "Stripe-Should-Retry",
        },
        columns: category | status | code | variant | retry | kind | actor | message,
    }
    Api | 500 | _ | ApiError | backoff(3) | internal | provider | "Something went wrong on our side.";
    InvalidRequest | 409 | "lock_timeout" | LockTimeout | never | conflict | nobody
        | "Another request holds this object.";
}

async fn bounded<T>(test: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), test)
        .await
        .expect("the test ran past its time limit")
}

/// Every answer: `status`, the retry header saying `flag`, and `body`; expected `times` times.
fn answer(status: u16, flag: &str, body: &str, times: u64) -> Mock {
    Mock::given(method("POST"))
        .and(path("/payments"))
        .respond_with(
            ResponseTemplate::new(status)
                .insert_header("Stripe-Should-Retry", flag)
                .insert_header("Request-Id", "req_1")
                .set_body_string(body),
        )
        .expect(times)
}

#[tokio::test]
async fn a_500_the_server_says_not_to_retry_is_sent_once() {
    bounded(async {
        let server = MockServer::start().await;
        let body = r#"{"error":{"message":"An unknown error occurred.","type":"api_error"}}"#;
        answer(500, "false", body, 1).mount(&server).await;

        let result = client()
            .unwrap()
            .post(format!("{}/payments", server.uri()))
            .body(r#"{"amount":100}"#)
            .send_with_retry::<Payments>(quick_retry())
            .await;
        let Err(ClientError::Provider { error, stop, .. }) = result else {
            panic!("expected the provider's error, got {result:?}");
        };
        assert_eq!(error.variant(), Some(Payments::ApiError));
        assert_eq!(
            stop,
            Some(StopReason::ServerSaidNo {
                source: FlagSource::Header
            })
        );
        server.verify().await;
    })
    .await;
}

#[tokio::test]
async fn a_409_the_server_says_to_retry_is_sent_up_to_its_attempts() {
    bounded(async {
        let server = MockServer::start().await;
        let body = r#"{"error":{"code":"lock_timeout","message":"Try again.","type":"invalid_request_error"}}"#;
        let RetryPolicy::Backoff { retries } = RetryPolicy::DEFAULT_BACKOFF else {
            panic!("the default back-off is a back-off");
        };
        // The first attempt and the default back-off's retries.
        let attempts = 1 + u64::from(retries);
        answer(409, "true", body, attempts).mount(&server).await;

        let result = client()
            .unwrap()
            .post(format!("{}/payments", server.uri()))
            .body(r#"{"amount":100}"#)
            .send_with_retry::<Payments>(quick_retry())
            .await;
        let Err(ClientError::Provider { error, stop, .. }) = result else {
            panic!("expected the provider's error, got {result:?}");
        };
        assert_eq!(error.variant(), Some(Payments::LockTimeout));
        assert!(error.is_retryable(), "the header overrides the row's `never`");
        assert_eq!(stop, Some(StopReason::AttemptsSpent));
        // Each attempt carried the same idempotency key, so the provider saw one payment.
        let keys: Vec<String> = server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .map(|request| {
                request.headers["idempotency-key"]
                    .to_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert_eq!(keys.len() as u64, attempts);
        assert!(keys.iter().all(|key| *key == keys[0]), "{keys:?}");
        server.verify().await;
    })
    .await;
}
