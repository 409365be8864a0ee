//! [reqwest](https://docs.rs/reqwest) responses classified, and requests retried, by the
//! catalog (the `reqwest` feature).
//!
//! - [`ResponseExt::error_for_catalog`]: reads the body once, and gives back the response with
//!   its body kept (to read as JSON or text as usual) or the provider's error, as
//!   `reqwest::Response::error_for_status` does for statuses alone.
//! - [`RequestBuilderExt::send_with_retry`]: sends a request, and sends it again as the
//!   catalog and a [`Retry`] decide, waiting with tokio's timer. A request whose method is not
//!   idempotent gets the provider's idempotency key (the catalog's `idempotency_key` header,
//!   one fresh key for all its attempts) unless it carries one, so that it may be resent.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use catalog_core::reqwest::{ClientError, RequestBuilderExt};
//! use catalog_core::retry::Retry;
//! # catalog_core::provider_errors! {
//! #     pub provider Payments {
//! #         id: "payments",
//! #         docs: "https://example.com/docs/errors",
//! #         idempotency_key: header "Idempotency-Key",
//! #         wire: json { code: "/code" },
//! #         columns: status | code | variant | retry | kind | actor | message,
//! #     }
//! #     503 | "unavailable" | Unavailable | backoff(3) | provider_unavailable | nobody | "Later.";
//! # }
//!
//! let client = reqwest::Client::new();
//! let request = client.post("https://api.example.com/payments").body(r#"{"amount":100}"#);
//! match request.send_with_retry::<Payments>(Retry::new()).await {
//!     Ok(response) => println!("paid: {}", response.text().await?),
//!     Err(ClientError::Provider { error, stop }) => eprintln!("{error} (stopped: {stop:?})"),
//!     Err(other) => return Err(other.into()),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Transport errors (a connection refused, a timeout) are returned as they are, not retried:
//! the catalog has nothing to say about them, and whether a timed-out POST was processed is
//! unknown.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::hash::{BuildHasher, RandomState};

use ::reqwest::{RequestBuilder, Response, ResponseBuilderExt};
use http::{HeaderName, HeaderValue};

use crate::catalog::{Catalog, ProviderError};
use crate::retry::{Decision, Retry, StopReason, idempotent_request};

/// What went wrong with a request to provider `C`.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError<C> {
    /// The provider answered with an error.
    Provider {
        /// The error, classified against the catalog (boxed: it keeps the whole response, and
        /// the other variants are small).
        error: Box<ProviderError<C>>,
        /// Why it was not sent again; `None` where no retry was attempted
        /// ([`ResponseExt::error_for_catalog`]).
        stop: Option<StopReason>,
    },
    /// The request could not be sent, or its response could not be read.
    Transport(::reqwest::Error),
    /// The request's body is a stream, which cannot be sent twice: give the body as bytes or
    /// text to send it with retries, or send it with `send()`.
    NotReplayable,
}

impl<C> ClientError<C> {
    /// The provider's error, if the provider answered.
    pub fn provider_error(&self) -> Option<&ProviderError<C>> {
        match self {
            ClientError::Provider { error, .. } => Some(error),
            ClientError::Transport(_) | ClientError::NotReplayable => None,
        }
    }
}

impl<C> fmt::Display for ClientError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Provider { error, stop: None } => write!(f, "{error}"),
            ClientError::Provider {
                error,
                stop: Some(stop),
            } => write!(f, "{error} (not retried: {stop})"),
            ClientError::Transport(error) => write!(f, "the request failed: {error}"),
            ClientError::NotReplayable => f.write_str(
                "the request body is a stream, which cannot be sent twice; give it as bytes to \
                 retry it",
            ),
        }
    }
}

impl<C: Catalog> StdError for ClientError<C> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            ClientError::Provider { error, .. } => Some(&**error),
            ClientError::Transport(error) => Some(error),
            ClientError::NotReplayable => None,
        }
    }
}

/// A response checked against a catalog.
pub trait ResponseExt: Sized {
    /// Reads the body once, and gives back the response with its body kept when it is not an
    /// error of provider `C` ([`Catalog::error_in`]: a 4xx or 5xx, or an error body in a 2xx
    /// where the provider sends those), or the provider's error when it is.
    fn error_for_catalog<C: Catalog>(
        self,
    ) -> impl Future<Output = Result<Response, ClientError<C>>> + Send;
}

impl ResponseExt for Response {
    async fn error_for_catalog<C: Catalog>(mut self) -> Result<Response, ClientError<C>> {
        let status = self.status();
        let version = self.version();
        let url = self.url().clone();
        let headers = std::mem::take(self.headers_mut());
        let mut extensions = std::mem::take(self.extensions_mut());
        let body = self.bytes().await.map_err(ClientError::Transport)?;
        if let Some(error) = C::error_in(status, &headers, &body) {
            return Err(ClientError::Provider {
                error: Box::new(error),
                stop: None,
            });
        }
        // reqwest keeps a response's URL in an extension that only its response builder sets.
        // The builder fails only on invalid parts, and it is given none.
        if let Ok(with_url) = http::Response::builder().url(url).body(()) {
            extensions.extend(with_url.into_parts().0.extensions);
        }
        let mut response = http::Response::new(body);
        *response.status_mut() = status;
        *response.version_mut() = version;
        *response.headers_mut() = headers;
        *response.extensions_mut() = extensions;
        Ok(Response::from(response))
    }
}

/// A request sent with retries as a catalog decides.
pub trait RequestBuilderExt {
    /// Sends the request, and again as `retry` decides after each error of provider `C`,
    /// until a response that is not an error (returned with its body kept) or a decision to
    /// stop (returned as [`ClientError::Provider`] with the reason).
    ///
    /// A request whose method is not idempotent and that carries no idempotency key gets one
    /// in the header the catalog declares (`idempotency_key`), the same for every attempt;
    /// then, or with a key of its own, or with an idempotent method, it may be resent after
    /// any retryable error. Without a key it is resent only after errors that say it was not
    /// processed ([`crate::retry::not_processed`]).
    fn send_with_retry<C: Catalog>(
        self,
        retry: Retry,
    ) -> impl Future<Output = Result<Response, ClientError<C>>> + Send;
}

impl RequestBuilderExt for RequestBuilder {
    async fn send_with_retry<C: Catalog>(
        self,
        mut retry: Retry,
    ) -> Result<Response, ClientError<C>> {
        let (client, request) = self.build_split();
        let mut request = request.map_err(ClientError::Transport)?;
        let spec = C::spec();
        if !idempotent_request(request.method(), request.headers(), spec)
            && let Some(name) = spec.idempotency_header
            // The macro accepts only token names; a hand-built spec with another sends no key.
            && let Ok(name) = HeaderName::from_bytes(name.as_bytes())
            && let Some(key) = new_idempotency_key()
        {
            request.headers_mut().insert(name, key);
        }
        let idempotent = idempotent_request(request.method(), request.headers(), spec);
        loop {
            let attempt = request.try_clone().ok_or(ClientError::NotReplayable)?;
            let response = client
                .execute(attempt)
                .await
                .map_err(ClientError::Transport)?;
            let error = match response.error_for_catalog::<C>().await {
                Ok(response) => return Ok(response),
                Err(ClientError::Provider { error, .. }) => error,
                Err(other) => return Err(other),
            };
            match retry.next_for(&error, idempotent) {
                Decision::RetryAfter(delay) => tokio::time::sleep(delay).await,
                Decision::Stop(stop) => {
                    return Err(ClientError::Provider {
                        error,
                        stop: Some(stop),
                    });
                }
            }
        }
    }
}

/// A fresh idempotency key, written as a version 4 UUID (the form providers document for
/// keys). Keys must be unique, not secret: 122 bits drawn from the standard library's
/// randomly keyed hasher, which is seeded from the operating system, are plenty. (Hex digits
/// and dashes are always a valid header value; were they not, the request would go without a
/// key, and so without being resent, rather than with a key that is not its own.)
fn new_idempotency_key() -> Option<HeaderValue> {
    let hasher = RandomState::new();
    let high = hasher.hash_one(1_u8);
    let low = hasher.hash_one(2_u8);
    let version_4 = (high & !0xF000) | 0x4000;
    let variant_10 = (low & !(0b11 << 62)) | (0b10 << 62);
    let text = format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xFFFF,
        version_4 & 0xFFFF,
        variant_10 >> 48,
        variant_10 & 0xFFFF_FFFF_FFFF,
    );
    HeaderValue::try_from(text).ok()
}

#[cfg(test)]
mod tests {
    use super::new_idempotency_key;

    #[test]
    fn idempotency_keys_are_fresh_version_4_uuids() {
        let first = new_idempotency_key().expect("a key");
        let second = new_idempotency_key().expect("a key");
        assert_ne!(first, second);
        let text = first.to_str().expect("ASCII");
        let groups: Vec<usize> = text.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{text}");
        assert_eq!(&text[14..15], "4", "version 4: {text}");
        assert!(
            matches!(&text[19..20], "8" | "9" | "a" | "b"),
            "variant 10: {text}"
        );
    }
}
