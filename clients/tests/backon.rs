//! backon's `.retry()` with `catalog_core::backon::CatalogBackoff`, against a stub server on
//! 127.0.0.1.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use std::time::Duration;

use backon::Retryable;
use catalog_core::backon::CatalogBackoff;
use catalog_core::reqwest::{ClientError, ResponseExt};
use catalog_core::retry::{Decision, StopReason};
use clients::{Shop, client, quick_retry};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// One GET to the stub, checked against Shop's catalog.
async fn fetch(url: &str) -> Result<String, ClientError<Shop>> {
    let response = client()
        .map_err(ClientError::from)?
        .get(url)
        .send()
        .await
        .map_err(ClientError::from)?
        .error_for_catalog::<Shop>()
        .await?;
    response.text().await.map_err(ClientError::from)
}

fn decide(backoff: &CatalogBackoff, error: &ClientError<Shop>) -> bool {
    error
        .provider_error()
        .is_some_and(|error| backoff.decide(error))
}

#[tokio::test]
async fn backon_waits_the_catalogs_delays_and_stops_where_it_says() {
    tokio::time::timeout(Duration::from_secs(20), async {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(503).set_body_string(r#"{"error":{"code":"unavailable"}}"#),
            )
            .up_to_n_times(2)
            .expect(2)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_string("balance: 10"))
            .expect(1)
            .mount(&server)
            .await;
        let url = server.uri();

        let backoff = CatalogBackoff::new(quick_retry().idempotent(true));
        let body = (|| fetch(&url))
            .retry(backoff.clone())
            .when(|error| decide(&backoff, error))
            .await
            .unwrap();
        assert_eq!(body, "balance: 10");
        // The second 503 is the second retry: base·2^1.
        assert_eq!(
            backoff.last_decision(),
            Some(Decision::RetryAfter(Duration::from_millis(20)))
        );
        server.verify().await;
    })
    .await
    .expect("the test ran past its time limit");
}

#[tokio::test]
async fn a_never_retry_error_is_returned_after_one_request() {
    tokio::time::timeout(Duration::from_secs(20), async {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(400)
                    .set_body_string(r#"{"error":{"code":"invalid_amount"}}"#),
            )
            .expect(1)
            .mount(&server)
            .await;
        let url = server.uri();

        let backoff = CatalogBackoff::new(quick_retry().idempotent(true));
        let error = (|| fetch(&url))
            .retry(backoff.clone())
            .when(|error| decide(&backoff, error))
            .await
            .unwrap_err();
        assert_eq!(
            error.provider_error().and_then(|error| error.variant()),
            Some(Shop::InvalidAmount)
        );
        assert_eq!(
            backoff.last_decision(),
            Some(Decision::Stop(StopReason::NotRetryable))
        );
        server.verify().await;
    })
    .await
    .expect("the test ran past its time limit");
}
