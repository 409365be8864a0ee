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
//! use std::time::Duration;
//! use catalog_core::reqwest::{ClientError, RequestBuilderExt};
//! use catalog_core::retry::{Budget, CircuitBreaker, Retry};
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
//! // Once per provider, shared by every call:
//! let template = Retry::new()
//!     .deadline(Duration::from_secs(30))
//!     .budget(Budget::new())
//!     .breaker(CircuitBreaker::new());
//!
//! let client = reqwest::Client::new();
//! let request = client.post("https://api.example.com/payments").body(r#"{"amount":100}"#);
//! match request.send_with_retry::<Payments>(template.clone()).await {
//!     Ok(response) => println!("paid: {}", response.text().await?),
//!     Err(ClientError::Provider { error, stop, idempotency_key }) => {
//!         eprintln!("{error} (stopped: {stop:?}); try again later with key {idempotency_key:?}")
//!     }
//!     Err(other) => return Err(other.into()),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Transport failures are retried where that is safe: a connection that could not be made
//! (the request was not sent) always, a timeout or a broken connection only for a request
//! that is idempotent or carries a key, with the same key. Other reqwest errors (an invalid
//! URL, a redirect loop, a body that could not be decoded) are returned at once.

use std::error::Error as StdError;
use std::fmt;
use std::future::{Future, IntoFuture};
use std::hash::{BuildHasher, RandomState};
use std::marker::PhantomData;
use std::pin::Pin;

use ::reqwest::{Client, Request, RequestBuilder, Response, ResponseBuilderExt};
use http::{HeaderName, HeaderValue};

use crate::catalog::{Catalog, ProviderError};
use crate::retry::{Decision, Retry, StopReason, Transport, idempotent_request};

/// The idempotency key a request was sent with (or, with
/// [`SendWithRetry::without_idempotency_key`], would have been): every outcome of
/// [`RequestBuilderExt::send_with_retry`] carries it, so that a caller who tries again later
/// sends the same key and the provider can tell it is the same operation.
///
/// On a successful response it is in the response's extensions:
/// `response.extensions().get::<IdempotencyKey>()`; on an error, [`ClientError::idempotency_key`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(HeaderValue);

impl IdempotencyKey {
    /// The key as text; `None` for a caller's own key that is not visible ASCII.
    pub fn as_str(&self) -> Option<&str> {
        self.0.to_str().ok()
    }

    /// The key as the header value sent.
    pub fn as_header_value(&self) -> &HeaderValue {
        &self.0
    }
}

impl fmt::Display for IdempotencyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from_utf8_lossy(self.0.as_bytes()))
    }
}

/// What went wrong with a request to provider `C`. Each variant holds the idempotency key the
/// request was sent with (or would have been), if any: send it again with that key
/// ([`SendWithRetry::idempotency_key`]) to try again later without doing the work twice.
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
        /// The key the request carried.
        idempotency_key: Option<IdempotencyKey>,
    },
    /// The request could not be sent, or its response could not be read.
    Transport {
        /// reqwest's error.
        error: ::reqwest::Error,
        /// Why it was not sent again; `None` for errors that no retry can mend (an invalid
        /// URL, a redirect loop, a body that could not be decoded), and where no retry was
        /// attempted.
        stop: Option<StopReason>,
        /// The key the request carried.
        idempotency_key: Option<IdempotencyKey>,
    },
    /// An attempt was cut short when the call's [`Retry::deadline`] passed: the provider may
    /// have processed it.
    TimedOut {
        /// Why it was not sent again: [`StopReason::Deadline`].
        stop: StopReason,
        /// The key the request carried.
        idempotency_key: Option<IdempotencyKey>,
    },
    /// The request was not sent: the provider's circuit breaker was open
    /// ([`StopReason::CircuitOpen`] holds when to try again).
    NotSent {
        /// Why it was not sent.
        stop: StopReason,
        /// The key it would have carried.
        idempotency_key: Option<IdempotencyKey>,
    },
    /// The request's body is a stream, which cannot be sent twice: give the body as bytes or
    /// text to send it with retries, or send it with `send()`.
    NotReplayable {
        /// The key it would have carried.
        idempotency_key: Option<IdempotencyKey>,
    },
}

impl<C> ClientError<C> {
    /// The provider's error, if the provider answered.
    pub fn provider_error(&self) -> Option<&ProviderError<C>> {
        match self {
            ClientError::Provider { error, .. } => Some(error),
            _ => None,
        }
    }

    /// Why the request was not sent (again), where a retry loop decided.
    pub fn stop(&self) -> Option<StopReason> {
        match self {
            ClientError::Provider { stop, .. } | ClientError::Transport { stop, .. } => *stop,
            ClientError::TimedOut { stop, .. } | ClientError::NotSent { stop, .. } => Some(*stop),
            ClientError::NotReplayable { .. } => None,
        }
    }

    /// The idempotency key the request carried, or would have carried: send it again with
    /// this key.
    pub fn idempotency_key(&self) -> Option<&IdempotencyKey> {
        match self {
            ClientError::Provider {
                idempotency_key, ..
            }
            | ClientError::Transport {
                idempotency_key, ..
            }
            | ClientError::TimedOut {
                idempotency_key, ..
            }
            | ClientError::NotSent {
                idempotency_key, ..
            }
            | ClientError::NotReplayable { idempotency_key } => idempotency_key.as_ref(),
        }
    }

    /// The same error, with the reason the loop stopped on it and the request's key.
    fn stopped(mut self, reason: StopReason, key: Option<IdempotencyKey>) -> Self {
        match &mut self {
            ClientError::Provider { stop, .. } | ClientError::Transport { stop, .. } => {
                *stop = Some(reason);
            }
            ClientError::TimedOut { stop, .. } | ClientError::NotSent { stop, .. } => {
                *stop = reason;
            }
            ClientError::NotReplayable { .. } => {}
        }
        self.with_key(key)
    }

    /// The same error, with the request's key.
    fn with_key(mut self, key: Option<IdempotencyKey>) -> Self {
        match &mut self {
            ClientError::Provider {
                idempotency_key, ..
            }
            | ClientError::Transport {
                idempotency_key, ..
            }
            | ClientError::TimedOut {
                idempotency_key, ..
            }
            | ClientError::NotSent {
                idempotency_key, ..
            }
            | ClientError::NotReplayable { idempotency_key } => *idempotency_key = key,
        }
        self
    }
}

impl<C> fmt::Display for ClientError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Provider {
                error, stop: None, ..
            } => write!(f, "{error}"),
            ClientError::Provider {
                error,
                stop: Some(stop),
                ..
            } => write!(f, "{error} (not retried: {stop})"),
            ClientError::Transport {
                error, stop: None, ..
            } => write!(f, "the request failed: {error}"),
            ClientError::Transport {
                error,
                stop: Some(stop),
                ..
            } => write!(f, "the request failed: {error} (not retried: {stop})"),
            ClientError::TimedOut { .. } => {
                f.write_str("the call's deadline passed during an attempt, which was cut short")
            }
            ClientError::NotSent { stop, .. } => write!(f, "the request was not sent: {stop}"),
            ClientError::NotReplayable { .. } => f.write_str(
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
            ClientError::Transport { error, .. } => Some(error),
            ClientError::TimedOut { .. }
            | ClientError::NotSent { .. }
            | ClientError::NotReplayable { .. } => None,
        }
    }
}

/// reqwest's error, as from a request sent without retries: no stop reason, no key.
impl<C> From<::reqwest::Error> for ClientError<C> {
    fn from(error: ::reqwest::Error) -> Self {
        ClientError::Transport {
            error,
            stop: None,
            idempotency_key: None,
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
        let body = self.bytes().await.map_err(transport)?;
        if let Some(error) = C::error_in(status, &headers, &body) {
            return Err(ClientError::Provider {
                error: Box::new(error),
                stop: None,
                idempotency_key: None,
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

/// reqwest's error, before any retry decision.
fn transport<C>(error: ::reqwest::Error) -> ClientError<C> {
    ClientError::from(error)
}

/// A request sent with retries as a catalog decides.
pub trait RequestBuilderExt {
    /// Sends the request, and again as `retry` decides after each error of provider `C` or
    /// transport failure, until a response that is not an error (returned with its body
    /// kept) or a decision to stop (returned as a [`ClientError`] with the reason). Await the
    /// result, or first set its key ([`SendWithRetry::idempotency_key`]).
    ///
    /// - **Keys.** A request whose method is not idempotent and that carries no idempotency
    ///   key gets one in the header the catalog declares (`idempotency_key`), the same for
    ///   every attempt; then, or with a key of its own, or with an idempotent method, it may be
    ///   resent after any retryable error and after a timeout or a broken connection. Without
    ///   a key it is resent only after errors that say it was not processed
    ///   ([`crate::retry::not_processed`]) and connections that could not be made. Every
    ///   outcome carries the key ([`IdempotencyKey`]).
    /// - **Time.** [`Retry::deadline`] counts from this call, and each attempt is cut short
    ///   when it runs past it ([`ClientError::TimedOut`]).
    /// - **Budget and breaker.** Each attempt asks the [`Retry`]'s circuit breaker first
    ///   ([`ClientError::NotSent`] when it is open before the first), and tells it and the
    ///   budget the outcome.
    fn send_with_retry<C: Catalog>(self, retry: Retry) -> SendWithRetry<C>;
}

impl RequestBuilderExt for RequestBuilder {
    fn send_with_retry<C: Catalog>(self, retry: Retry) -> SendWithRetry<C> {
        SendWithRetry {
            builder: self,
            retry,
            send_key: true,
            catalog: PhantomData,
        }
    }
}

/// A request about to be sent with retries ([`RequestBuilderExt::send_with_retry`]): await
/// it, or first choose its idempotency key.
#[must_use = "the request is sent when this is awaited"]
pub struct SendWithRetry<C> {
    builder: RequestBuilder,
    retry: Retry,
    send_key: bool,
    catalog: PhantomData<fn() -> C>,
}

impl<C: Catalog> SendWithRetry<C> {
    /// Sends `key` as the idempotency key, in the header the catalog declares, on every
    /// attempt: the key of an earlier try of the same operation (from
    /// [`ClientError::idempotency_key`]), or one of the caller's own (an order id). A catalog
    /// that declares no `idempotency_key` header has nowhere to put it, and it is not sent.
    /// A value that is not a valid header value makes the request fail before it is sent, as
    /// reqwest's `header` does.
    pub fn idempotency_key<K>(mut self, key: K) -> Self
    where
        HeaderValue: TryFrom<K>,
        <HeaderValue as TryFrom<K>>::Error: Into<http::Error>,
    {
        if let Some(name) = key_header(C::spec()) {
            self.builder = self.builder.header(name, key);
        }
        self
    }

    /// Sends no idempotency key unless the request has its own: for a provider that must not
    /// see one on this call. A request that is not idempotent is then not resent after a 5xx
    /// or a timeout, and the outcome carries the fresh key it would have used, for a later
    /// try of your own.
    pub fn without_idempotency_key(mut self) -> Self {
        self.send_key = false;
        self
    }
}

impl<C: Catalog> IntoFuture for SendWithRetry<C> {
    type Output = Result<Response, ClientError<C>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        let call = send::<C>(self.builder, self.retry, self.send_key);
        #[cfg(feature = "tracing")]
        let call = tracing::Instrument::instrument(
            call,
            tracing::debug_span!(
                target: "catalog_core",
                "provider call",
                provider = C::spec().id,
                method = tracing::field::Empty,
            ),
        );
        Box::pin(call)
    }
}

impl<C: Catalog> fmt::Debug for SendWithRetry<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendWithRetry")
            .field("provider", &C::spec().id)
            .field("request", &self.builder)
            .field("retry", &self.retry)
            .field("send_key", &self.send_key)
            .finish()
    }
}

/// The catalog's idempotency-key header, if it declares one. The macro accepts only token
/// names; a hand-built spec with another has none.
fn key_header(spec: &crate::spec::CatalogSpec) -> Option<HeaderName> {
    spec.idempotency_header
        .and_then(|name| HeaderName::from_bytes(name.as_bytes()).ok())
}

/// The retry loop of [`RequestBuilderExt::send_with_retry`].
async fn send<C: Catalog>(
    builder: RequestBuilder,
    mut retry: Retry,
    send_key: bool,
) -> Result<Response, ClientError<C>> {
    retry.start();
    let spec = C::spec();
    retry.for_provider(spec);
    let (client, request) = builder.build_split();
    let mut request = request.map_err(transport)?;
    #[cfg(feature = "tracing")]
    tracing::Span::current().record("method", request.method().as_str());
    let key = idempotency_key(&mut request, spec, send_key);
    let idempotent = idempotent_request(request.method(), request.headers(), spec);
    // The failed attempt that a refused retry returns.
    let mut last: Option<ClientError<C>> = None;
    loop {
        let left = match retry.before_attempt() {
            Ok(left) => left,
            Err(stop) => {
                return Err(match last {
                    Some(error) => error.stopped(stop, key),
                    None => ClientError::NotSent {
                        stop,
                        idempotency_key: key,
                    },
                });
            }
        };
        let Some(attempt) = request.try_clone() else {
            return Err(ClientError::NotReplayable {
                idempotency_key: key,
            });
        };
        let sent = send_once::<C>(&client, attempt);
        let result = match left {
            Some(left) => tokio::time::timeout(left, sent).await.ok(),
            None => Some(sent.await),
        };
        let (decision, error) = match result {
            Some(Ok(mut response)) => {
                retry.succeeded();
                if let Some(key) = key {
                    response.extensions_mut().insert(key);
                }
                return Ok(response);
            }
            Some(Err(ClientError::Provider { error, .. })) => (
                retry.next_for(&error, idempotent),
                ClientError::Provider {
                    error,
                    stop: None,
                    idempotency_key: None,
                },
            ),
            Some(Err(ClientError::Transport { error, .. })) => match transport_failure(&error) {
                Some(failure) => (
                    retry.next_transport_for(failure, idempotent),
                    transport(error),
                ),
                None => return Err(transport(error).with_key(key)),
            },
            Some(Err(other)) => return Err(other.with_key(key)),
            None => (
                retry.next_transport_for(Transport::Timeout, idempotent),
                ClientError::TimedOut {
                    stop: StopReason::Deadline,
                    idempotency_key: None,
                },
            ),
        };
        match decision {
            Decision::RetryAfter(delay) => {
                last = Some(error);
                tokio::time::sleep(delay).await;
            }
            Decision::Stop(stop) => return Err(error.stopped(stop, key)),
        }
    }
}

/// One attempt: the request sent, and its response read and classified.
async fn send_once<C: Catalog>(
    client: &Client,
    request: Request,
) -> Result<Response, ClientError<C>> {
    let response = client.execute(request).await.map_err(transport)?;
    response.error_for_catalog::<C>().await
}

/// The request's idempotency key: its own, else a fresh one for a method that is not
/// idempotent, put in the catalog's header unless `send_key` is off.
fn idempotency_key(
    request: &mut Request,
    spec: &'static crate::spec::CatalogSpec,
    send_key: bool,
) -> Option<IdempotencyKey> {
    let name = key_header(spec)?;
    if let Some(own) = request.headers().get(&name) {
        return Some(IdempotencyKey(own.clone()));
    }
    if request.method().is_idempotent() {
        return None;
    }
    let fresh = new_idempotency_key()?;
    if send_key {
        request.headers_mut().insert(name, fresh.clone());
    }
    Some(IdempotencyKey(fresh))
}

/// What a reqwest error says of the attempt: `None` for errors that another attempt cannot
/// mend (an invalid request, a redirect loop, a body that could not be decoded).
fn transport_failure(error: &::reqwest::Error) -> Option<Transport> {
    if error.is_connect() {
        // Checked first: a connect timeout is also a timeout, and the request was not sent.
        Some(Transport::Connect)
    } else if error.is_timeout() {
        Some(Transport::Timeout)
    } else if error.is_request() || error.is_body() {
        Some(Transport::Broken)
    } else {
        None
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
