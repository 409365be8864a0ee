//! A [`tower::retry::Policy`] driven by the catalog (the `tower`
//! feature).
//!
//! [`CatalogPolicy`] retries an HTTP service's error responses as the catalog and a [`Retry`]
//! decide, waiting each delay with tokio's timer. It reads the response body to classify it,
//! so it serves services whose responses are buffered: `http::Response<B>` with
//! `B: AsRef<[u8]>` (`Bytes`, `Vec<u8>`, `String`), as after collecting a streamed body.
//! Errors of the service itself (a connection refused, a timeout) are returned as they are:
//! the service's error type says nothing the policy can read.
//!
//! ```
//! use catalog_core::retry::Retry;
//! use catalog_core::tower::CatalogPolicy;
//! # catalog_core::provider_errors! {
//! #     pub provider Payments {
//! #         id: "payments",
//! #         docs: "https://example.com/docs/errors",
//! #         wire: json { code: "/code" },
//! #         columns: status | code | variant | retry | kind | actor | message,
//! #     }
//! #     503 | "unavailable" | Unavailable | backoff(3) | provider_unavailable | nobody | "Later.";
//! # }
//!
//! let layer = tower::retry::RetryLayer::new(CatalogPolicy::<Payments>::new(Retry::new()));
//!
//! // With a budget and a breaker shared by every request through the layer:
//! use catalog_core::retry::{Budget, CircuitBreaker};
//! let breaker = CircuitBreaker::new();
//! let retry = Retry::new().budget(Budget::new()).breaker(breaker.clone());
//! let layer = tower::retry::RetryLayer::new(CatalogPolicy::<Payments>::new(retry));
//! ```
//!
//! tower clones the policy for each request, so each request runs its own loop from the
//! policy's settings. A request counts as idempotent when its method is, or when it carries the
//! catalog's idempotency key ([`idempotent_request`]); set the key before the first attempt,
//! as a key added on a retry cannot dedupe the attempt that went without it.
//!
//! A [`Budget`](crate::retry::Budget) and a [`CircuitBreaker`](crate::retry::CircuitBreaker)
//! attached to the policy's `Retry` are shared by every request: each response is counted
//! (an error by its kind, any other as a success), and a retry is made only when the budget
//! pays for it and the breaker lets it through after the wait. tower asks a policy only after
//! an attempt, so the policy cannot hold back a request's first attempt while the breaker is
//! open: ask [`CircuitBreaker::try_acquire`](crate::retry::CircuitBreaker::try_acquire) before
//! calling the service for that.

use std::fmt;
use std::marker::PhantomData;
use std::time::Instant;

use ::tower::retry::Policy;

use crate::catalog::Catalog;
use crate::retry::{Decision, Retry, idempotent_request};

/// A tower retry policy for HTTP services of provider `C`.
pub struct CatalogPolicy<C> {
    retry: Retry,
    catalog: PhantomData<fn() -> C>,
}

impl<C: Catalog> CatalogPolicy<C> {
    /// A policy that decides with `retry`'s settings, one loop per request.
    pub fn new(retry: Retry) -> Self {
        CatalogPolicy {
            retry,
            catalog: PhantomData,
        }
    }
}

impl<C> Clone for CatalogPolicy<C> {
    fn clone(&self) -> Self {
        CatalogPolicy {
            retry: self.retry.clone(),
            catalog: PhantomData,
        }
    }
}

impl<C: Catalog> fmt::Debug for CatalogPolicy<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CatalogPolicy")
            .field("provider", &C::spec().id)
            .field("retry", &self.retry)
            .finish()
    }
}

impl<C, B, ResBody, E> Policy<http::Request<B>, http::Response<ResBody>, E> for CatalogPolicy<C>
where
    C: Catalog,
    B: Clone,
    ResBody: AsRef<[u8]>,
{
    type Future = tokio::time::Sleep;

    fn retry(
        &mut self,
        request: &mut http::Request<B>,
        result: &mut Result<http::Response<ResBody>, E>,
    ) -> Option<Self::Future> {
        let response = result.as_ref().ok()?;
        let Some(error) = C::error_in(
            response.status(),
            response.headers(),
            response.body().as_ref(),
        ) else {
            self.retry.succeeded();
            return None;
        };
        let idempotent = idempotent_request(request.method(), request.headers(), C::spec());
        match self.retry.next_for(&error, idempotent) {
            // The retry is sent when the wait ends: the breaker is asked for then.
            Decision::RetryAfter(delay) => {
                match self.retry.before_attempt_at(Instant::now() + delay) {
                    Ok(_) => Some(tokio::time::sleep(delay)),
                    Err(_) => None,
                }
            }
            Decision::Stop(_) => None,
        }
    }

    fn clone_request(&mut self, request: &http::Request<B>) -> Option<http::Request<B>> {
        // Called before the first attempt: the call, and its deadline, start now.
        self.retry.for_provider(C::spec());
        self.retry.start();
        Some(request.clone())
    }
}
