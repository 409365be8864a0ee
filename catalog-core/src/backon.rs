//! [backon](https://docs.rs/backon)'s `.retry()` with the catalog's decisions and delays (the
//! `backon` feature).
//!
//! backon asks two questions after a failure: `.when(...)` whether the error is retryable,
//! then the backoff (an iterator of delays) how long to wait. [`CatalogBackoff`] answers both
//! from one [`Retry`]: its `decide` goes in `.when(...)`, and the backoff itself, a clone
//! sharing the same state, yields the delay that decision chose.
//!
//! ```no_run
//! # async fn run() {
//! use catalog_core::backon::CatalogBackoff;
//! use catalog_core::retry::Retry;
//! use catalog_core::{Catalog, ProviderError};
//! use backon::Retryable;
//! # catalog_core::provider_errors! {
//! #     pub provider Payments {
//! #         id: "payments",
//! #         docs: "https://example.com/docs/errors",
//! #         wire: json { code: "/code" },
//! #         columns: status | code | variant | retry | kind | actor | message,
//! #     }
//! #     503 | "unavailable" | Unavailable | backoff(3) | provider_unavailable | nobody | "Later.";
//! # }
//! # async fn fetch_balance() -> Result<u64, ProviderError<Payments>> { Ok(0) }
//!
//! // A GET: safe to send twice.
//! let backoff = CatalogBackoff::new(Retry::new().idempotent(true));
//! let balance = fetch_balance
//!     .retry(backoff.clone())
//!     .when(|error: &ProviderError<Payments>| backoff.decide(error))
//!     .await;
//! # }
//! ```

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use crate::classify::Classification;
use crate::retry::{Decision, Retry, StopReason, Transport};

/// A backon backoff (an iterator of delays, and so a `BackoffBuilder`) whose delays are the
/// decisions of a [`Retry`].
///
/// Clones share one loop: pass a clone to `.retry(...)` and call [`CatalogBackoff::decide`]
/// in `.when(...)`. Without `.when(...)` the backoff yields nothing and nothing is retried.
///
/// A [`Budget`](crate::retry::Budget) and a [`CircuitBreaker`](crate::retry::CircuitBreaker)
/// attached to the `Retry` are honoured by `decide` (a retry the budget cannot pay for, or
/// that the open breaker would refuse, is not made). For the breaker to hear of successes
/// and to hold back first attempts, the operation calls [`CatalogBackoff::before_attempt`]
/// and [`CatalogBackoff::succeeded`].
#[derive(Clone, Debug)]
pub struct CatalogBackoff {
    shared: Arc<Mutex<Shared>>,
}

#[derive(Debug)]
struct Shared {
    retry: Retry,
    /// The delay of the last decision, taken by the next step of the backoff.
    pending: Option<Duration>,
    last: Option<Decision>,
}

impl CatalogBackoff {
    /// A backoff that decides with `retry` (its settings; a fresh loop).
    pub fn new(retry: Retry) -> Self {
        CatalogBackoff {
            shared: Arc::new(Mutex::new(Shared {
                retry,
                pending: None,
                last: None,
            })),
        }
    }

    /// Decides on a failed attempt's error, for backon's `.when(...)`: `true` when the catalog
    /// says to retry, and the backoff's next delay is then the one decided.
    pub fn decide(&self, error: &Classification<'_>) -> bool {
        let mut shared = self.lock();
        let decision = shared.retry.next(error);
        shared.last = Some(decision);
        shared.pending = match decision {
            Decision::RetryAfter(delay) => Some(delay),
            Decision::Stop(_) => None,
        };
        shared.pending.is_some()
    }

    /// Decides on an attempt that got no response ([`Retry::next_transport`]), for backon's
    /// `.when(...)` when the operation's error is a transport failure.
    pub fn decide_transport(&self, failure: Transport) -> bool {
        let mut shared = self.lock();
        let decision = shared.retry.next_transport(failure);
        shared.last = Some(decision);
        shared.pending = match decision {
            Decision::RetryAfter(delay) => Some(delay),
            Decision::Stop(_) => None,
        };
        shared.pending.is_some()
    }

    /// Asks the loop's circuit breaker and deadline before an attempt
    /// ([`Retry::before_attempt`]): call it first thing in the operation, and return the
    /// refusal as its error. backon calls the operation itself, so only the operation can
    /// hold an attempt back.
    pub fn before_attempt(&self) -> Result<Option<Duration>, StopReason> {
        self.lock().retry.before_attempt()
    }

    /// Tells the loop that the attempt succeeded ([`Retry::succeeded`]): the breaker counts a
    /// success and the budget earns its refund. backon does not tell the backoff of
    /// successes, so the operation calls this on its way out.
    pub fn succeeded(&self) {
        self.lock().retry.succeeded();
    }

    /// The last decision, to tell why a loop gave up ([`Decision::Stop`] holds the reason).
    pub fn last_decision(&self) -> Option<Decision> {
        self.lock().last
    }

    /// The shared state. A panic while it was held (in `Retry::next`, which does not panic)
    /// leaves it consistent, so a poisoned lock is used as it is.
    fn lock(&self) -> MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Iterator for CatalogBackoff {
    type Item = Duration;

    /// The delay `decide` chose, once; `None` (stop) when it chose none.
    fn next(&mut self) -> Option<Duration> {
        self.lock().pending.take()
    }
}

/// backon takes any `Send + Sync + Unpin` iterator of delays as its `Backoff`; held here so
/// that a change on either side fails this build rather than a user's.
const _: fn() = || {
    fn is_backoff<B: ::backon::Backoff + ::backon::BackoffBuilder>() {}
    is_backoff::<CatalogBackoff>();
};
