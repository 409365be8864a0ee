//! Retries that run: a schedule, attempt limits, a deadline and idempotency, driven by the
//! catalog.
//!
//! A [`Retry`] is the state of one request's retry loop. After each failed attempt, hand it
//! the classified error ([`ProviderError`](crate::ProviderError) or [`Classification`]) and
//! it answers with a [`Decision`]: wait this long and send again, or stop, for a reason the
//! caller can match on. The same `Retry` sees every error of the loop, so a 429 followed by a
//! 503 is one loop with one count of attempts and one growing back-off.
//!
//! ```
//! use std::time::Duration;
//! use catalog_core::http::{HeaderMap, StatusCode};
//! use catalog_core::retry::{Decision, Retry, StopReason};
//! use catalog_core::Catalog;
//!
//! catalog_core::provider_errors! {
//!     pub provider Payments {
//!         id: "payments",
//!         docs: "https://example.com/docs/errors",
//!         wire: json { code: "/code" },
//!         columns: status | code | variant | retry | kind | actor | message,
//!     }
//!     400 | "card_declined" | CardDeclined | never | user_action_required | end_user | "Declined.";
//!     503 | "unavailable" | Unavailable | backoff(2) | provider_unavailable | nobody | "Later.";
//! }
//!
//! let mut retry = Retry::new()
//!     .base(Duration::from_millis(100))
//!     .jitter(false)
//!     .idempotent(true);
//! let down = Payments::classify(StatusCode::SERVICE_UNAVAILABLE, &HeaderMap::new(), br#"{"code":"unavailable"}"#);
//! // backoff(2): two retries, after base·2^0 and base·2^1; then the attempts are spent.
//! assert_eq!(retry.next(&down), Decision::RetryAfter(Duration::from_millis(100)));
//! assert_eq!(retry.next(&down), Decision::RetryAfter(Duration::from_millis(200)));
//! assert_eq!(retry.next(&down), Decision::Stop(StopReason::AttemptsSpent));
//!
//! let declined = Payments::classify(StatusCode::BAD_REQUEST, &HeaderMap::new(), br#"{"code":"card_declined"}"#);
//! assert_eq!(Retry::new().next(&declined), Decision::Stop(StopReason::NotRetryable));
//! ```
//!
//! # Semantics
//!
//! The policy of the error decides: the sub-code's, else the entry's; an unknown code (or a
//! body that could not be read) falls back by status ([`fallback`](crate::fallback), derived
//! from the consistency rules). A server's own retry flag overrides it
//! ([`ServerRetryFlag`](crate::ServerRetryFlag), in [`RetryAdvice`](crate::RetryAdvice)):
//! false stops, even on a 5xx; true retries with the policy's delays, or with
//! [`RetryPolicy::DEFAULT_BACKOFF`] where the policy is `never`. Checked in this order, the
//! first that applies decides:
//!
//! | the error says | decision |
//! | --- | --- |
//! | the server's retry flag says false | [`StopReason::ServerSaidNo`], with where it said it |
//! | `never` | [`StopReason::NotRetryable`] |
//! | `new_session` | [`StopReason::NeedsNewSession`]: log in again, then start a new loop |
//! | the request is not idempotent and the error is not in the table below | [`StopReason::NotIdempotent`] |
//! | `backoff(N)` / `after_hint(N)` after N retries, or any policy after [`Retry::max_attempts`] attempts | [`StopReason::AttemptsSpent`] |
//! | the wait would end past [`Retry::deadline`] | [`StopReason::Deadline`] |
//! | the provider's [`CircuitBreaker`] is open past the wait | [`StopReason::CircuitOpen`] with the time it lets calls through |
//! | the provider's [`Budget`] cannot pay for the retry | [`StopReason::BudgetSpent`] |
//! | otherwise | [`Decision::RetryAfter`] the delay below (the budget has paid for it) |
//!
//! The delay:
//! - a delay the response carries wins: a `Retry-After` header (seconds or an HTTP-date) for
//!   any retryable error, and a body hint where the catalog says `after_hint`; it is waited
//!   in full, neither capped nor jittered, as waiting less only earns another refusal;
//! - `backoff(N)`, and `after_hint(N)` without a usable hint, back off: before retry `k`
//!   (from 0) the ceiling is `min(cap, base·2^k)`, where `k` counts every retry of the loop
//!   whatever the error; with jitter (the default) the delay is drawn uniformly between zero
//!   and the ceiling ("full jitter", from AWS's "Exponential Backoff and Jitter"), so clients
//!   that failed together do not retry together;
//! - `immediately`: no delay;
//! - `after(2h)`: the documented delay; `next_day`: until the next midnight UTC. Either stops
//!   with [`StopReason::Deadline`] when the window opens past the deadline.
//!
//! `backoff(N)` and `after_hint(N)` count retries, the attempts after the first: `backoff(3)`
//! sends a request at most four times. The count applies to the whole loop: after two
//! retries of a 429, a `backoff(3)` error allows one more. [`Retry::max_attempts`] bounds
//! every policy, the first attempt included, and is what bounds `immediately`, `after(..)` and
//! `next_day`, which have no count of their own.
//!
//! # Idempotency
//!
//! Resending a request that was processed repeats its effect: a POST that created a payment
//! creates a second one. A request is idempotent when its method is (GET, HEAD, PUT, DELETE,
//! OPTIONS, TRACE) or when it carries the provider's idempotency key (declared in the catalog
//! with `idempotency_key: header "Idempotency-Key"`); [`idempotent_request`] says which, and
//! the client adapters set [`Retry::idempotent`] from it. Any other request is resent only
//! when the error says the request was not processed ([`not_processed`]):
//!
//! | status | kind | not processed? | why |
//! | --- | --- | --- | --- |
//! | 5xx | any | no | the server may have done the work before it failed, or a gateway gave up waiting on it |
//! | 429 | any | yes | refused before any work: too many requests (RFC 6585 §4) |
//! | other | `rate_limited` | yes | refused before any work |
//! | other | `unauthenticated`, `permission_denied` | yes | refused before any work: who is asking |
//! | other | `invalid_request`, `not_found`, `unsupported` | yes | refused before any work: what is asked |
//! | other | `conflict` | no | the same request may be under way or done (a resubmission is what a conflict often reports) |
//! | other | `user_action_required` | no | the request may have been carried out and refused (a declined card was authorised against) |
//! | other | `provider_unavailable`, `internal` | no | it may have been processed |
//!
//! Most rejections are `never` anyway; the table matters for a rejection that the catalog says
//! to retry (a rate limit) and is why a 502 on a POST without a key stops at once.
//!
//! # Transport failures
//!
//! An attempt that got no response ([`Transport`]) has no error for the catalog to judge:
//! [`Retry::next_transport`] resends it with the back-off, up to
//! [`Retry::transport_retries`] (3) times, when it is safe: always after a connection that
//! could not be made (nothing was sent), and after a timeout or a broken connection only
//! when the request is idempotent or carries an idempotency key (sent again with the same
//! key). Otherwise it stops with [`StopReason::NotIdempotent`].
//!
//! # Across calls: the budget and the breaker
//!
//! A `Retry` decides for one call. During an outage every call retries, and with `backoff(3)`
//! the provider gets four requests per call when it can least take them: a retry storm. Two
//! limits shared by every call to a provider stop that:
//!
//! - a [`Budget`] ([`Retry::budget`]): each retry costs tokens, each success earns one back;
//!   when the tokens run out calls stop retrying ([`StopReason::BudgetSpent`]) until
//!   successes refill them, so an outage costs the provider about one request per call;
//! - a [`CircuitBreaker`] ([`Retry::breaker`]): it counts the outcome of every attempt by the
//!   catalog's kinds ([`Outcome::of_kind`]: `provider_unavailable`, `internal`,
//!   `rate_limited` and transport failures are the provider's; a 400 `invalid_request` is
//!   the caller's and counts as a success of the provider), opens when too many recent
//!   attempts failed, and then no attempt is sent ([`StopReason::CircuitOpen`]) until its
//!   open period ends and a few probes succeed.
//!
//! ```
//! use std::time::Duration;
//! use catalog_core::retry::{Budget, CircuitBreaker, Retry};
//!
//! // Once per provider; each call takes a clone, which shares the budget and the breaker.
//! let template = Retry::new()
//!     .deadline(Duration::from_secs(30))
//!     .budget(Budget::new())
//!     .breaker(CircuitBreaker::new());
//! let for_one_call = template.clone();
//! # drop(for_one_call);
//! ```
//!
//! # Driving a loop by hand
//!
//! The client adapters do this for you; a loop of your own calls, in order:
//! [`Retry::before_attempt`] before each attempt (it starts the deadline's clock, asks the
//! breaker, and gives the time left for the attempt's timeout), then [`Retry::succeeded`], or
//! [`Retry::next`] with the error, or [`Retry::next_transport`] without one, and waits the
//! [`Decision::RetryAfter`] delay. [`Retry::on_retry`] sees each failed attempt and its
//! decision.
//!
//! # Time
//!
//! The deadline counts from the start of the call, the first attempt included:
//! [`Retry::start`] or the first [`Retry::before_attempt`] starts the clock (the adapters
//! call it when the call starts), else the first failure does. A `Retry` is often built (or
//! cloned from a template, as tower does per request) before the call, so building it starts
//! nothing. A retry whose wait would end past the deadline is not made, and the reqwest
//! adapter cuts an attempt short when it runs past the deadline.

use std::fmt;
use std::hash::{BuildHasher, RandomState};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use catalog_vocab::{Kind, RetryPolicy};
use http::{HeaderMap, Method};

use crate::classify::{Classification, FlagSource};
use crate::spec::CatalogSpec;

mod breaker;
mod budget;
mod report;

pub use breaker::{BreakerState, CircuitBreaker, Outcome};
pub use budget::Budget;

/// What to do after a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Decision {
    /// Wait this long, then send the request again.
    RetryAfter(Duration),
    /// Do not send it again.
    Stop(StopReason),
}

/// Why a retry loop stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StopReason {
    /// The error's policy is `never`: the same request cannot succeed.
    NotRetryable,
    /// The server's own retry flag said not to retry (Stripe's `Stripe-Should-Retry: false`),
    /// whatever the catalog says of the error.
    ServerSaidNo {
        /// Where the flag was.
        source: FlagSource,
    },
    /// The policy's retries, or [`Retry::max_attempts`], are used up.
    AttemptsSpent,
    /// The next attempt would start past [`Retry::deadline`].
    Deadline,
    /// The request is not idempotent and the error does not say it went unprocessed.
    NotIdempotent,
    /// The policy is `new_session`: log in again, then send the request in a new loop.
    NeedsNewSession,
    /// The provider's [`Budget`] has no tokens left for a retry: other calls spent them
    /// retrying, so the provider is failing for many of them.
    BudgetSpent,
    /// The provider's [`CircuitBreaker`] is open: the request was not sent (again).
    CircuitOpen {
        /// The earliest time the breaker may let a request through.
        retry_at: Instant,
    },
}

impl StopReason {
    /// A snake_case name, for logs and metrics.
    pub const fn as_str(self) -> &'static str {
        match self {
            StopReason::NotRetryable => "not_retryable",
            StopReason::ServerSaidNo { .. } => "server_said_no",
            StopReason::AttemptsSpent => "attempts_spent",
            StopReason::Deadline => "deadline",
            StopReason::NotIdempotent => "not_idempotent",
            StopReason::NeedsNewSession => "needs_new_session",
            StopReason::BudgetSpent => "budget_spent",
            StopReason::CircuitOpen { .. } => "circuit_open",
        }
    }
}

impl fmt::Display for StopReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StopReason::NotRetryable => "the error is not retryable",
            StopReason::ServerSaidNo {
                source: FlagSource::Header,
            } => "the provider's retry header said not to retry",
            StopReason::ServerSaidNo {
                source: FlagSource::Body,
            } => "the provider's retry flag in the body said not to retry",
            StopReason::AttemptsSpent => "the attempts are spent",
            StopReason::Deadline => "the next attempt would start past the deadline",
            StopReason::NotIdempotent => {
                "the request is not idempotent and may have been processed"
            }
            StopReason::NeedsNewSession => "the error needs a new session",
            StopReason::BudgetSpent => "the provider's retry budget is spent",
            StopReason::CircuitOpen { .. } => "the provider's circuit breaker is open",
        })
    }
}

/// An attempt that got no response from the provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Transport {
    /// No connection could be made (refused, unreachable, a failed handshake): the request was
    /// not sent, so it may be sent again even when it is not idempotent.
    Connect,
    /// No answer in time: the provider may have processed the request.
    Timeout,
    /// The connection broke (reset, closed) after the request went out: it may have been
    /// processed.
    Broken,
}

impl Transport {
    /// A snake_case name, for logs and metrics.
    pub const fn as_str(self) -> &'static str {
        match self {
            Transport::Connect => "connect",
            Transport::Timeout => "timeout",
            Transport::Broken => "broken",
        }
    }
}

impl fmt::Display for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Transport::Connect => "no connection could be made",
            Transport::Timeout => "the provider did not answer in time",
            Transport::Broken => "the connection broke",
        })
    }
}

/// A failed attempt, as [`Retry::on_retry`]'s hook sees it.
#[derive(Clone, Copy, Debug)]
pub enum Failure<'a, 'b> {
    /// The provider answered with an error.
    Provider(&'a Classification<'b>),
    /// No response came back.
    Transport(Transport),
}

impl Failure<'_, '_> {
    /// How the circuit breaker counts it: the error's kind decides ([`Outcome::of_kind`]);
    /// every transport failure is the provider's.
    pub fn outcome(&self) -> Outcome {
        match self {
            Failure::Provider(error) => Outcome::of_kind(error.kind()),
            Failure::Transport(_) => Outcome::Failure,
        }
    }
}

/// The hook of [`Retry::on_retry`]: shared by clones, shown by name only.
#[derive(Clone)]
struct Hook(Arc<HookFn>);

/// What [`Retry::on_retry`] takes.
type HookFn = dyn Fn(&Failure<'_, '_>, Decision) + Send + Sync;

impl fmt::Debug for Hook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("on_retry(..)")
    }
}

/// The state of one request's retry loop: its settings, the attempts so far and the clock.
///
/// Build one per request (or clone a configured template); see the [module docs](self) for
/// what each policy decides. A [`Budget`] and a [`CircuitBreaker`] attached to the template
/// are shared by its clones, and so by every call made with them.
#[derive(Clone, Debug)]
pub struct Retry {
    base: Duration,
    cap: Duration,
    max_attempts: u32,
    transport_retries: u32,
    jitter: bool,
    idempotent: bool,
    deadline: Option<Duration>,
    seed: Option<u64>,
    budget: Option<Budget>,
    breaker: Option<CircuitBreaker>,
    on_retry: Option<Hook>,
    /// The provider's id, for metrics: set by the adapters, or read from the first error.
    provider: Option<&'static str>,
    /// Failed attempts seen so far: the calls to `next`.
    failures: u32,
    /// When the call started, from which the deadline counts.
    started: Option<Instant>,
    /// Drawn on first use, so that clones of one template draw apart.
    rng: Option<SplitMix64>,
}

impl Default for Retry {
    fn default() -> Self {
        Retry::new()
    }
}

impl Retry {
    /// The delay before the first back-off retry, unless set: one second.
    pub const DEFAULT_BASE: Duration = Duration::from_secs(1);
    /// The longest back-off delay, unless set: twenty seconds.
    pub const DEFAULT_CAP: Duration = Duration::from_secs(20);
    /// Attempts in all, the first included, unless set: six, so that the default does not cut
    /// short a `backoff(5)`; raise it for catalogs that allow more.
    pub const DEFAULT_MAX_ATTEMPTS: u32 = 6;
    /// Retries after transport failures (timeouts, connections refused or broken), unless
    /// set: three, as `backoff(3)` allows after an outage's 503.
    pub const DEFAULT_TRANSPORT_RETRIES: u32 = 3;

    /// A loop with the defaults: base 1 s, cap 20 s, at most 6 attempts, 3 retries after
    /// transport failures, full jitter, no deadline, no budget, no breaker, and a request
    /// that is not known to be idempotent.
    pub fn new() -> Self {
        Retry {
            base: Self::DEFAULT_BASE,
            cap: Self::DEFAULT_CAP,
            max_attempts: Self::DEFAULT_MAX_ATTEMPTS,
            transport_retries: Self::DEFAULT_TRANSPORT_RETRIES,
            jitter: true,
            idempotent: false,
            deadline: None,
            seed: None,
            budget: None,
            breaker: None,
            on_retry: None,
            provider: None,
            failures: 0,
            started: None,
            rng: None,
        }
    }

    /// The ceiling of the first back-off delay; each retry doubles it, up to [`Retry::cap`].
    pub fn base(mut self, base: Duration) -> Self {
        self.base = base;
        self
    }

    /// The longest back-off delay. A delay the provider sends is not capped.
    pub fn cap(mut self, cap: Duration) -> Self {
        self.cap = cap;
        self
    }

    /// Attempts in all, the first included, whatever the policy: `1` never retries.
    pub fn max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts;
        self
    }

    /// Retries after transport failures (a timeout, a connection refused or broken), which
    /// the catalog has no policy for; they back off as `backoff(N)` does.
    pub fn transport_retries(mut self, retries: u32) -> Self {
        self.transport_retries = retries;
        self
    }

    /// Full jitter (`true`, the default) draws each back-off delay between zero and its
    /// ceiling; `false` waits the ceiling itself.
    pub fn jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// Whether the request may be sent twice without harm: its method is idempotent, or it
    /// carries an idempotency key. Without it (the default), a request is resent only after
    /// errors that say it was not processed ([`not_processed`]).
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = idempotent;
        self
    }

    /// The time the call may take, counted from its start ([`Retry::start`], which the
    /// adapters call before the first attempt; else from the first failure), the first
    /// attempt included: a retry whose wait would end later is not made
    /// ([`StopReason::Deadline`]), and [`Retry::before_attempt`] gives each attempt what is
    /// left, for its timeout.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Seeds the jitter, for reproducible delays in tests. Without a seed each loop draws its
    /// own from the standard library's per-process random keys.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Attaches the provider's retry budget, shared with every other call to it: a retry is
    /// made only if the budget pays for it, else [`StopReason::BudgetSpent`]. Successful
    /// attempts ([`Retry::succeeded`]) refill it.
    pub fn budget(mut self, budget: Budget) -> Self {
        self.budget = Some(budget);
        self
    }

    /// Attaches the provider's circuit breaker, shared with every other call to it: every
    /// outcome is counted ([`Failure::outcome`]), and while it is open no attempt is made
    /// ([`StopReason::CircuitOpen`]).
    pub fn breaker(mut self, breaker: CircuitBreaker) -> Self {
        self.breaker = Some(breaker);
        self
    }

    /// A hook that sees each failed attempt's error and the decision taken on it, retry or
    /// stop, before the wait: for logs, metrics of your own, or tests. Clones share it.
    ///
    /// ```
    /// use std::sync::atomic::{AtomicU32, Ordering};
    /// use std::sync::Arc;
    /// use catalog_core::retry::{Decision, Failure, Retry};
    ///
    /// let retries = Arc::new(AtomicU32::new(0));
    /// let seen = Arc::clone(&retries);
    /// let retry = Retry::new().on_retry(move |failure: &Failure<'_, '_>, decision: Decision| {
    ///     if let Decision::RetryAfter(_) = decision {
    ///         seen.fetch_add(1, Ordering::Relaxed);
    ///     }
    ///     if let Failure::Provider(error) = failure {
    ///         eprintln!("{} {:?}: {decision:?}", error.status(), error.request_id());
    ///     }
    /// });
    /// # drop(retry);
    /// ```
    pub fn on_retry(
        mut self,
        hook: impl Fn(&Failure<'_, '_>, Decision) + Send + Sync + 'static,
    ) -> Self {
        self.on_retry = Some(Hook(Arc::new(hook)));
        self
    }

    /// Names the provider for metrics and events before any of its errors does: a loop
    /// driven by hand whose breaker refuses its first attempt has no error to read the
    /// provider from (`provider="unknown"`). The client adapters set it themselves.
    pub fn provider(mut self, spec: &'static CatalogSpec) -> Self {
        self.provider = Some(spec.id);
        self
    }

    /// Failed attempts seen so far: how many times [`Retry::next`] was called.
    pub fn attempts(&self) -> u32 {
        self.failures
    }

    /// The attached budget, if any.
    pub fn budget_ref(&self) -> Option<&Budget> {
        self.budget.as_ref()
    }

    /// The attached circuit breaker, if any.
    pub fn breaker_ref(&self) -> Option<&CircuitBreaker> {
        self.breaker.as_ref()
    }

    /// Starts the call's clock, from which [`Retry::deadline`] counts, unless it started.
    pub fn start(&mut self) {
        self.start_at(Instant::now());
    }

    /// [`Retry::start`] at `now`.
    pub fn start_at(&mut self, now: Instant) {
        self.started.get_or_insert(now);
    }

    /// Asks before each attempt, the first included, whether it may be sent: `Ok` with the
    /// time left before the deadline (`None` without one), to bound the attempt's timeout;
    /// `Err` when the deadline has passed ([`StopReason::Deadline`]) or the circuit breaker
    /// is open ([`StopReason::CircuitOpen`]). Starts the clock if it has not started.
    pub fn before_attempt(&mut self) -> Result<Option<Duration>, StopReason> {
        self.before_attempt_at(Instant::now())
    }

    /// [`Retry::before_attempt`] at `now`.
    pub fn before_attempt_at(&mut self, now: Instant) -> Result<Option<Duration>, StopReason> {
        let started = *self.started.get_or_insert(now);
        let elapsed = now.saturating_duration_since(started);
        let left = self
            .deadline
            .map(|deadline| deadline.saturating_sub(elapsed));
        let refused = if left == Some(Duration::ZERO) {
            Some(StopReason::Deadline)
        } else {
            self.breaker
                .as_ref()
                .and_then(|breaker| breaker.try_acquire_at(now).err())
                .map(|retry_at| StopReason::CircuitOpen { retry_at })
        };
        let provider = self.provider_label();
        if let Some(stop) = refused {
            report::refused(provider, stop);
            #[cfg(feature = "tracing")]
            crate::trace::refused(provider, self.failures, stop);
            return Err(stop);
        }
        report::sent(provider);
        self.report_breaker(provider, now);
        Ok(left)
    }

    /// Tells the loop that an attempt succeeded: a response that is not an error of the
    /// catalog. The breaker counts a success, and the budget earns its refund.
    pub fn succeeded(&mut self) {
        self.succeeded_at(Instant::now());
    }

    /// [`Retry::succeeded`] at `now`.
    pub fn succeeded_at(&mut self, now: Instant) {
        if let Some(breaker) = &self.breaker {
            breaker.record_at(Outcome::Success, now);
        }
        if let Some(budget) = &self.budget {
            budget.deposit_success();
        }
        let provider = self.provider_label();
        self.report_breaker(provider, now);
    }

    /// Decides what to do after a failed attempt that ended with `error`, and counts it.
    pub fn next(&mut self, error: &Classification<'_>) -> Decision {
        self.next_for(error, false)
    }

    /// Like [`Retry::next`], with the clocks given (for reproducible tests): `now` for the
    /// deadline, the breaker and the budget, `wall` for `next_day`'s midnight.
    pub fn next_at(
        &mut self,
        error: &Classification<'_>,
        now: Instant,
        wall: SystemTime,
    ) -> Decision {
        self.decide(Failure::Provider(error), false, now, wall)
    }

    /// Decides what to do after an attempt that got no response, and counts it: a request
    /// that may be sent twice ([`Retry::idempotent`]), or one that was not sent
    /// ([`Transport::Connect`]), is retried up to [`Retry::transport_retries`] times with the
    /// back-off; any other stops with [`StopReason::NotIdempotent`].
    pub fn next_transport(&mut self, failure: Transport) -> Decision {
        self.next_transport_for(failure, false)
    }

    /// [`Retry::next_transport`] at `now`.
    pub fn next_transport_at(&mut self, failure: Transport, now: Instant) -> Decision {
        self.decide(Failure::Transport(failure), false, now, SystemTime::now())
    }

    /// [`Retry::next`] for a request that an adapter saw to be idempotent (its method, or an
    /// idempotency key) whatever [`Retry::idempotent`] says.
    pub(crate) fn next_for(&mut self, error: &Classification<'_>, idempotent: bool) -> Decision {
        self.decide(
            Failure::Provider(error),
            idempotent,
            Instant::now(),
            SystemTime::now(),
        )
    }

    /// [`Retry::next_transport`] for a request that an adapter saw to be idempotent.
    pub(crate) fn next_transport_for(&mut self, failure: Transport, idempotent: bool) -> Decision {
        self.decide(
            Failure::Transport(failure),
            idempotent,
            Instant::now(),
            SystemTime::now(),
        )
    }

    /// Names the provider for metrics and events before any error does (the adapters know
    /// their catalog).
    #[cfg(any(feature = "reqwest", feature = "tower"))]
    pub(crate) fn for_provider(&mut self, spec: &'static CatalogSpec) {
        self.provider = Some(spec.id);
    }

    /// The decision, given the clocks: `now` for the deadline, `wall` for `next_day`.
    fn decide(
        &mut self,
        failure: Failure<'_, '_>,
        idempotent: bool,
        now: Instant,
        wall: SystemTime,
    ) -> Decision {
        self.failures = self.failures.saturating_add(1);
        let started = *self.started.get_or_insert(now);
        let elapsed = now.saturating_duration_since(started);
        if let Failure::Provider(error) = failure {
            self.provider.get_or_insert(error.spec().id);
        }
        if let Some(breaker) = &self.breaker {
            breaker.record_at(failure.outcome(), now);
        }
        let mut decision = match failure {
            Failure::Provider(error) => self.decision(error, idempotent, elapsed, wall),
            Failure::Transport(transport) => {
                self.transport_decision(transport, idempotent, elapsed)
            }
        };
        if let Decision::RetryAfter(delay) = decision {
            decision = self.shared_limits(failure, now, delay);
        }
        let provider = self.provider_label();
        report::decided(provider, &failure, decision);
        self.report_breaker(provider, now);
        #[cfg(feature = "tracing")]
        crate::trace::decided(provider, &failure, self.failures, decision);
        if let Some(Hook(hook)) = &self.on_retry {
            hook(&failure, decision);
        }
        decision
    }

    /// What the provider's breaker and budget say of a retry the loop would make after
    /// `delay`: the breaker, when it stays open past the wait; else the budget, which pays.
    fn shared_limits(&self, failure: Failure<'_, '_>, now: Instant, delay: Duration) -> Decision {
        if let Some(until) = self
            .breaker
            .as_ref()
            .and_then(|breaker| breaker.open_until(now))
            && until > now + delay
        {
            return Decision::Stop(StopReason::CircuitOpen { retry_at: until });
        }
        if let Some(budget) = &self.budget {
            let paid = match failure {
                Failure::Transport(Transport::Timeout) => budget.withdraw_timeout(),
                Failure::Provider(_) | Failure::Transport(_) => budget.withdraw_retry(),
            };
            if !paid {
                return Decision::Stop(StopReason::BudgetSpent);
            }
        }
        Decision::RetryAfter(delay)
    }

    fn decision(
        &mut self,
        error: &Classification<'_>,
        idempotent: bool,
        elapsed: Duration,
        wall: SystemTime,
    ) -> Decision {
        let advice = error.retry();
        let policy = advice.policy;
        match (policy, advice.server_flag) {
            (RetryPolicy::Never, Some(flag)) if !flag.retryable => {
                return Decision::Stop(StopReason::ServerSaidNo {
                    source: flag.source,
                });
            }
            (RetryPolicy::Never, _) => return Decision::Stop(StopReason::NotRetryable),
            (RetryPolicy::NewSession, _) => return Decision::Stop(StopReason::NeedsNewSession),
            _ => {}
        }
        let resendable =
            self.idempotent || idempotent || not_processed(error.status().as_u16(), error.kind());
        if !resendable {
            return Decision::Stop(StopReason::NotIdempotent);
        }
        // The failures so far are the first attempt and the retries made since.
        let retries_made = self.failures - 1;
        let within_policy = policy
            .retries()
            .is_none_or(|retries| retries_made < u32::from(retries));
        if self.failures >= self.max_attempts || !within_policy {
            return Decision::Stop(StopReason::AttemptsSpent);
        }
        let delay = match (advice.delay, policy) {
            (Some(delay), _) => delay,
            (None, RetryPolicy::Immediately) => Duration::ZERO,
            (None, RetryPolicy::After { secs }) => Duration::from_secs(u64::from(secs)),
            (None, RetryPolicy::NextDay) => until_next_utc_day(wall),
            (None, _) => self.backoff(retries_made),
        };
        self.within_deadline(elapsed, delay)
    }

    /// The decision after a transport failure: resent when that is safe, with the back-off.
    fn transport_decision(
        &mut self,
        failure: Transport,
        idempotent: bool,
        elapsed: Duration,
    ) -> Decision {
        let resendable = self.idempotent || idempotent || failure == Transport::Connect;
        if !resendable {
            return Decision::Stop(StopReason::NotIdempotent);
        }
        let retries_made = self.failures - 1;
        if self.failures >= self.max_attempts || retries_made >= self.transport_retries {
            return Decision::Stop(StopReason::AttemptsSpent);
        }
        let delay = self.backoff(retries_made);
        self.within_deadline(elapsed, delay)
    }

    /// A retry after `delay`, unless the wait ends past the deadline.
    fn within_deadline(&self, elapsed: Duration, delay: Duration) -> Decision {
        if self
            .deadline
            .is_some_and(|deadline| elapsed.saturating_add(delay) > deadline)
        {
            return Decision::Stop(StopReason::Deadline);
        }
        Decision::RetryAfter(delay)
    }

    /// The provider's id for metrics and events; `unknown` before an adapter or an error
    /// named it.
    fn provider_label(&self) -> &'static str {
        self.provider.unwrap_or("unknown")
    }

    /// The breaker's state and the budget's tokens, for the gauges.
    fn report_breaker(&self, provider: &'static str, now: Instant) {
        if let Some(breaker) = &self.breaker {
            report::breaker_state(provider, breaker.state_at(now));
        }
        if let Some(budget) = &self.budget {
            report::budget_tokens(provider, budget.tokens());
        }
    }

    /// The back-off before retry `k`: `min(cap, base·2^k)`, or a uniform draw below it.
    fn backoff(&mut self, k: u32) -> Duration {
        let ceiling = self
            .base
            .checked_mul(2_u32.saturating_pow(k))
            .map_or(self.cap, |delay| delay.min(self.cap));
        if !self.jitter {
            return ceiling;
        }
        let seed = self.seed;
        let rng = self
            .rng
            .get_or_insert_with(|| SplitMix64(seed.unwrap_or_else(fresh_seed)));
        ceiling.mul_f64(rng.fraction())
    }
}

/// Whether `error` says the request was not processed, so that a request that is not
/// idempotent may be sent again: never after a 5xx, always after a 429, and otherwise by kind
/// (the table in the [module docs](self)).
pub const fn not_processed(status: u16, kind: Kind) -> bool {
    match status {
        500..=599 => false,
        429 => true,
        _ => match kind {
            Kind::RateLimited
            | Kind::Unauthenticated
            | Kind::PermissionDenied
            | Kind::InvalidRequest
            | Kind::NotFound
            | Kind::Unsupported => true,
            Kind::Conflict
            | Kind::UserActionRequired
            | Kind::ProviderUnavailable
            | Kind::Internal => false,
            // A kind newer than this match is not known to leave the request unprocessed:
            // the safe answer; `every_kind_is_decided` fails until it is placed above.
            _ => false,
        },
    }
}

/// Whether a request may be sent twice without harm: its method is idempotent (RFC 9110
/// §9.2.2), or it carries the idempotency key that `spec` declares.
pub fn idempotent_request(method: &Method, headers: &HeaderMap, spec: &CatalogSpec) -> bool {
    method.is_idempotent()
        || spec
            .idempotency_header
            .is_some_and(|name| headers.contains_key(name))
}

/// The time from `now` to the next midnight UTC: PSD2's daily limits reset with the day.
fn until_next_utc_day(now: SystemTime) -> Duration {
    const DAY: u64 = 24 * 60 * 60;
    let since_epoch = now
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or(Duration::ZERO);
    let into_day = Duration::new(since_epoch.as_secs() % DAY, since_epoch.subsec_nanos());
    Duration::from_secs(DAY).saturating_sub(into_day)
}

/// A seed that differs between loops and processes: the standard library seeds `RandomState`
/// from the operating system once per thread and changes its keys for each new one.
fn fresh_seed() -> u64 {
    RandomState::new().hash_one(Instant::now())
}

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
/// 2014): a few arithmetic steps per draw, plenty for spreading delays, and no dependency.
#[derive(Clone, Debug)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `[0, 1)` from the top 53 bits, the precision of an `f64`.
    fn fraction(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1_u64 << 53) as f64
    }
}
