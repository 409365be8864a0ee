//! A reqwest retry loop driven by a catalog, against a stub server on 127.0.0.1 that this
//! example starts: a POST is answered 503, then 429 with `Retry-After: 1`, then 201. The loop
//! waits the back-off, then the second the provider asks for, and sends the same
//! idempotency key each time, so the provider can tell the attempts are one payment.
//!
//! ```sh
//! cargo run --example retry_with_reqwest
//! ```

use std::time::{Duration, Instant};

use catalog_core::reqwest::{ClientError, RequestBuilderExt};
use catalog_core::retry::Retry;
use clients::{Shop, client};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let stub = MockServer::start().await;
    let answers = [
        ResponseTemplate::new(503).set_body_string(r#"{"error":{"code":"unavailable"}}"#),
        ResponseTemplate::new(429)
            .insert_header("Retry-After", "1")
            .set_body_string(r#"{"error":{"code":"rate_limited"}}"#),
    ];
    for answer in answers {
        Mock::given(method("POST"))
            .respond_with(answer)
            .up_to_n_times(1)
            .mount(&stub)
            .await;
    }
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_string(r#"{"id":"pay_1"}"#))
        .mount(&stub)
        .await;

    let started = Instant::now();
    let retry = Retry::new()
        .base(Duration::from_millis(200))
        .deadline(Duration::from_secs(10));
    let result = client()?
        .post(format!("{}/payments", stub.uri()))
        .body(r#"{"amount":100,"currency":"EUR"}"#)
        .send_with_retry::<Shop>(retry)
        .await;
    match result {
        Ok(response) => println!(
            "paid after {:.1?}: HTTP {} {}",
            started.elapsed(),
            response.status(),
            response.text().await?
        ),
        Err(ClientError::Provider { error, stop, .. }) => println!("gave up ({stop:?}): {error}"),
        Err(other) => return Err(other.into()),
    }
    for (attempt, request) in stub
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let key = request
            .headers
            .get("idempotency-key")
            .and_then(|key| key.to_str().ok())
            .unwrap_or("none");
        println!(
            "attempt {}: {} with Idempotency-Key {key}",
            attempt + 1,
            request.method
        );
    }
    Ok(())
}
