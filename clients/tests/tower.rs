//! `catalog_core::tower::CatalogPolicy` in a tower `Retry` layer, over a service that sends
//! requests to a stub server on 127.0.0.1 and buffers the responses.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use std::time::Duration;

use catalog_core::http;
use catalog_core::tower::CatalogPolicy;
use clients::{Kiosk, Shop, client, quick_retry};
use tower::retry::RetryLayer;
use tower::{Service, ServiceBuilder, ServiceExt, service_fn};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

type Request = http::Request<String>;
type Response = http::Response<Vec<u8>>;

/// A service that sends each request with reqwest and reads the whole body, as a buffering
/// layer would.
fn buffered() -> impl Service<Request, Response = Response, Error = reqwest::Error> + Clone {
    let client = client().unwrap();
    service_fn(move |request: Request| {
        let client = client.clone();
        async move {
            let response = client.execute(reqwest::Request::try_from(request)?).await?;
            let status = response.status();
            let body = response.bytes().await?.to_vec();
            let mut buffered = http::Response::new(body);
            *buffered.status_mut() = status;
            Ok(buffered)
        }
    })
}

fn request(verb: &str, server: &MockServer) -> Request {
    http::Request::builder()
        .method(verb)
        .uri(format!("{}/payments", server.uri()))
        .body(r#"{"amount":100}"#.to_owned())
        .unwrap()
}

fn unavailable(times: u64) -> Mock {
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(503).set_body_string(r#"{"error":{"code":"unavailable"}}"#),
        )
        .up_to_n_times(times)
        .expect(times)
}

#[tokio::test]
async fn the_policy_retries_a_503_twice_then_returns_the_200() {
    tokio::time::timeout(Duration::from_secs(20), async {
        let server = MockServer::start().await;
        unavailable(2).mount(&server).await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_string("paid"))
            .expect(1)
            .mount(&server)
            .await;

        let service = ServiceBuilder::new()
            .layer(RetryLayer::new(CatalogPolicy::<Shop>::new(quick_retry())))
            .service(buffered());
        let response = service.oneshot(request("GET", &server)).await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.body(), b"paid");
        server.verify().await;
    })
    .await
    .expect("the test ran past its time limit");
}

#[tokio::test]
async fn each_request_runs_its_own_loop() {
    tokio::time::timeout(Duration::from_secs(20), async {
        let server = MockServer::start().await;
        // Eight 503s: backoff(3) allows each of two requests three retries, four attempts.
        unavailable(8).mount(&server).await;

        let mut service = ServiceBuilder::new()
            .layer(RetryLayer::new(CatalogPolicy::<Shop>::new(quick_retry())))
            .service(buffered());
        for _ in 0..2 {
            let response = service
                .ready()
                .await
                .unwrap()
                .call(request("GET", &server))
                .await
                .unwrap();
            assert_eq!(
                response.status(),
                503,
                "given back once the retries are spent"
            );
        }
        server.verify().await;
    })
    .await
    .expect("the test ran past its time limit");
}

#[tokio::test]
async fn a_post_without_a_key_answered_502_is_sent_once() {
    tokio::time::timeout(Duration::from_secs(20), async {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(502))
            .expect(1)
            .mount(&server)
            .await;

        let service = ServiceBuilder::new()
            .layer(RetryLayer::new(CatalogPolicy::<Kiosk>::new(quick_retry())))
            .service(buffered());
        let response = service.oneshot(request("POST", &server)).await.unwrap();
        assert_eq!(response.status(), 502);
        server.verify().await;
    })
    .await
    .expect("the test ran past its time limit");
}
