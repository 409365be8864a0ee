//! A [`tower::retry::Policy`] driven by the catalog (the `tower`
//! feature).
//!
//! [`CatalogPolicy`] retries an HTTP service's error responses as the catalog and a [`Retry`]
//! decide, waiting each delay with tokio's timer. It reads the response body to classify it,
//! so it serves services whose responses are buffered: `http::Response<B>` with
//! `B: AsRef<[u8]>` (`Bytes`, `Vec<u8>`, `String`), as after collecting a streamed body.
//! Errors of the service itself (a connection refused, a timeout) are returned as they are:
//! the catalog has nothing to say about them.
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
//! ```
//!
//! tower clones the policy for each request, so each request runs its own loop from the
//! policy's settings. A request counts as idempotent when its method is, or when it carries the
//! catalog's idempotency key ([`idempotent_request`]); set the key before the first attempt,
//! as a key added on a retry cannot dedupe the attempt that went without it.

use std::fmt;
use std::marker::PhantomData;

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
        let error = C::error_in(
            response.status(),
            response.headers(),
            response.body().as_ref(),
        )?;
        let idempotent = idempotent_request(request.method(), request.headers(), C::spec());
        match self.retry.next_for(&error, idempotent) {
            Decision::RetryAfter(delay) => Some(tokio::time::sleep(delay)),
            Decision::Stop(_) => None,
        }
    }

    fn clone_request(&mut self, request: &http::Request<B>) -> Option<http::Request<B>> {
        Some(request.clone())
    }
}
