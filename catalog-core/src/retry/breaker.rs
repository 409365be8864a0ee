//! A circuit breaker per provider, which the catalog's kinds drive: only what the catalog says
//! is the provider's fault opens it.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use catalog_vocab::Kind;

/// The result of one attempt, as the breaker counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// The provider did its part: a response that is not an error, or the caller's own error
    /// (a 400 `invalid_request` is the caller's bug, not an outage).
    Success,
    /// The provider failed: an error of kind `provider_unavailable`, `internal` or
    /// `rate_limited`, a timeout, or a connection that could not be made or broke.
    Failure,
}

impl Outcome {
    /// How the breaker counts an error of `kind`: a failure when the catalog says it is the
    /// provider's fault (`provider_unavailable`, `internal`, `rate_limited`), a success of the
    /// provider otherwise (`invalid_request`, `unauthenticated`, `permission_denied`,
    /// `not_found`, `conflict`, `user_action_required`, `unsupported`: the caller's errors,
    /// answered by a provider that works).
    pub const fn of_kind(kind: Kind) -> Outcome {
        match kind {
            Kind::ProviderUnavailable | Kind::Internal | Kind::RateLimited => Outcome::Failure,
            Kind::InvalidRequest
            | Kind::Unauthenticated
            | Kind::PermissionDenied
            | Kind::NotFound
            | Kind::Conflict
            | Kind::UserActionRequired
            | Kind::Unsupported => Outcome::Success,
            // A kind newer than this match (the vocabulary may grow) is not known to be the
            // provider's fault; `every_kind_is_decided` fails until it is placed above.
            _ => Outcome::Success,
        }
    }
}

/// Where a breaker stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BreakerState {
    /// Calls go through; their outcomes are counted.
    Closed,
    /// Calls are refused until `until`.
    Open {
        /// When the breaker lets probes through.
        until: Instant,
    },
    /// A few probes go through; their outcomes close the breaker or open it again.
    HalfOpen,
}

impl BreakerState {
    /// A snake_case name, for logs and metrics.
    pub const fn as_str(self) -> &'static str {
        match self {
            BreakerState::Closed => "closed",
            BreakerState::Open { .. } => "open",
            BreakerState::HalfOpen => "half_open",
        }
    }
}

/// A circuit breaker for one provider: it opens when too many recent attempts failed by the
/// provider's fault, refuses calls while open, then lets a few probes through.
///
/// - **Closed**: attempts go through, and their [`Outcome`]s are counted over a sliding
///   window ([`CircuitBreaker::window`], 10 s, in ten slices). When at least
///   [`CircuitBreaker::minimum_calls`] (20) outcomes are in the window and the failures are at
///   least [`CircuitBreaker::failure_ratio`] (50%) of them, it opens. These defaults are near
///   resilience4j's.
/// - **Open** for [`CircuitBreaker::open_for`] (30 s): every attempt is refused, with the
///   time it opens again ([`StopReason::CircuitOpen`](super::StopReason::CircuitOpen)).
/// - **Half-open**: up to [`CircuitBreaker::probes`] (3) attempts go through. Once that many
///   succeed, it closes, with an empty window; the first failure opens it again. Probes
///   that never report (their calls were dropped) are given up after an open period, and
///   new ones go through.
///
/// What counts as a failure is the catalog's to say, by kind ([`Outcome::of_kind`]): a storm
/// of 400 `invalid_request` never opens the breaker, a run of 503 `provider_unavailable`
/// does. [`Retry::breaker`](super::Retry::breaker) attaches it to a retry loop, and the
/// client adapters ask it before every attempt and tell it every outcome.
///
/// `Clone` shares the state: build one per provider, configure it, then give a clone to each
/// [`Retry`](super::Retry). The state sits behind a mutex held for a few arithmetic steps.
/// Every method has an `_at` form that takes the time, so tests need no sleeps.
///
/// ```
/// use std::time::{Duration, Instant};
/// use catalog_core::retry::{BreakerState, CircuitBreaker, Outcome};
///
/// let breaker = CircuitBreaker::new()
///     .minimum_calls(4)
///     .open_for(Duration::from_secs(30))
///     .probes(1);
/// let start = Instant::now();
/// for _ in 0..4 {
///     assert!(breaker.try_acquire_at(start).is_ok());
///     breaker.record_at(Outcome::Failure, start);
/// }
/// let reopens = start + Duration::from_secs(30);
/// assert_eq!(breaker.try_acquire_at(start), Err(reopens));
/// assert!(breaker.try_acquire_at(reopens).is_ok(), "a probe");
/// breaker.record_at(Outcome::Success, reopens);
/// assert_eq!(breaker.state_at(reopens), BreakerState::Closed);
/// ```
#[derive(Clone)]
pub struct CircuitBreaker {
    state: Arc<Mutex<State>>,
    failure_ratio: f64,
    minimum_calls: u32,
    window: Duration,
    open_for: Duration,
    probes: u32,
}

/// Slices of the sliding window: outcomes older than the window leave it a slice at a time.
const SLICES: usize = 10;

#[derive(Debug)]
struct State {
    phase: Phase,
    window: Window,
}

#[derive(Clone, Copy, Debug)]
enum Phase {
    Closed,
    Open {
        until: Instant,
    },
    HalfOpen {
        /// When the probes began: probes that have not reported an open period later are
        /// given up.
        since: Instant,
        admitted: u32,
        succeeded: u32,
    },
}

/// Outcomes over the last `window`, in slices.
#[derive(Debug, Default)]
struct Window {
    origin: Option<Instant>,
    slices: [Slice; SLICES],
}

#[derive(Clone, Copy, Debug, Default)]
struct Slice {
    /// Which slice of time since `origin` this one counts.
    index: u64,
    calls: u32,
    failures: u32,
}

impl Window {
    /// Counts an outcome at `now`, and gives the calls and failures now in the window.
    fn add(&mut self, now: Instant, failure: bool, slice: Duration) -> (u32, u32) {
        let origin = *self.origin.get_or_insert(now);
        let nanos = slice.as_nanos().max(1);
        let index = u64::try_from(now.saturating_duration_since(origin).as_nanos() / nanos)
            .unwrap_or(u64::MAX);
        let position = usize::try_from(index % SLICES as u64).unwrap_or(0);
        if let Some(current) = self.slices.get_mut(position) {
            if current.index != index {
                *current = Slice {
                    index,
                    calls: 0,
                    failures: 0,
                };
            }
            current.calls = current.calls.saturating_add(1);
            current.failures = current.failures.saturating_add(u32::from(failure));
        }
        let oldest = index.saturating_sub(SLICES as u64 - 1);
        self.slices
            .iter()
            .filter(|slice| slice.index >= oldest && slice.index <= index)
            .fold((0_u32, 0_u32), |(calls, failures), slice| {
                (
                    calls.saturating_add(slice.calls),
                    failures.saturating_add(slice.failures),
                )
            })
    }
}

impl CircuitBreaker {
    /// The failure ratio that opens the breaker, unless set: one half.
    pub const DEFAULT_FAILURE_RATIO: f64 = 0.5;
    /// Outcomes the window must hold before the ratio counts, unless set: 20.
    pub const DEFAULT_MINIMUM_CALLS: u32 = 20;
    /// The span of the sliding window, unless set: ten seconds.
    pub const DEFAULT_WINDOW: Duration = Duration::from_secs(10);
    /// How long the breaker stays open, unless set: thirty seconds.
    pub const DEFAULT_OPEN_FOR: Duration = Duration::from_secs(30);
    /// Probes let through half-open, unless set: three.
    pub const DEFAULT_PROBES: u32 = 3;

    /// A closed breaker with the defaults: opens at 50% failures of at least 20 outcomes in
    /// 10 s, stays open 30 s, then closes after 3 successful probes.
    pub fn new() -> Self {
        CircuitBreaker {
            state: Arc::new(Mutex::new(State {
                phase: Phase::Closed,
                window: Window::default(),
            })),
            failure_ratio: Self::DEFAULT_FAILURE_RATIO,
            minimum_calls: Self::DEFAULT_MINIMUM_CALLS,
            window: Self::DEFAULT_WINDOW,
            open_for: Self::DEFAULT_OPEN_FOR,
            probes: Self::DEFAULT_PROBES,
        }
    }

    /// The share of failures (from 0 to 1) among the window's outcomes that opens the breaker.
    pub fn failure_ratio(mut self, ratio: f64) -> Self {
        self.failure_ratio = if ratio.is_nan() {
            Self::DEFAULT_FAILURE_RATIO
        } else {
            ratio.clamp(0.0, 1.0)
        };
        self
    }

    /// Outcomes the window must hold before the ratio opens the breaker (at least one).
    pub fn minimum_calls(mut self, calls: u32) -> Self {
        self.minimum_calls = calls.max(1);
        self
    }

    /// The span of the sliding window of outcomes.
    pub fn window(mut self, window: Duration) -> Self {
        self.window = window;
        self
    }

    /// How long the breaker stays open before it lets probes through.
    pub fn open_for(mut self, open_for: Duration) -> Self {
        self.open_for = open_for;
        self
    }

    /// Probes let through half-open; that many successes close the breaker (at least one).
    pub fn probes(mut self, probes: u32) -> Self {
        self.probes = probes.max(1);
        self
    }

    /// How long the breaker stays open.
    pub fn open_period(&self) -> Duration {
        self.open_for
    }

    /// [`CircuitBreaker::try_acquire_at`] now.
    pub fn try_acquire(&self) -> Result<(), Instant> {
        self.try_acquire_at(Instant::now())
    }

    /// Whether an attempt may be sent at `now`: `Ok` when closed, or as one of the probes
    /// half-open; `Err` with the earliest time to try again when open (the end of the open
    /// period), or when every probe is out (`now`: their outcomes decide, soon).
    pub fn try_acquire_at(&self, now: Instant) -> Result<(), Instant> {
        let mut state = self.lock();
        match state.phase {
            Phase::Closed => Ok(()),
            Phase::Open { until } if now < until => Err(until),
            Phase::Open { .. } => {
                state.phase = Phase::HalfOpen {
                    since: now,
                    admitted: 1,
                    succeeded: 0,
                };
                Ok(())
            }
            Phase::HalfOpen {
                since,
                admitted,
                succeeded,
            } => {
                if admitted < self.probes {
                    state.phase = Phase::HalfOpen {
                        since,
                        admitted: admitted + 1,
                        succeeded,
                    };
                    Ok(())
                } else if now.saturating_duration_since(since) >= self.open_for {
                    // The probes never reported: their calls were dropped. Start again.
                    state.phase = Phase::HalfOpen {
                        since: now,
                        admitted: 1,
                        succeeded: 0,
                    };
                    Ok(())
                } else {
                    Err(now)
                }
            }
        }
    }

    /// [`CircuitBreaker::record_at`] now.
    pub fn record(&self, outcome: Outcome) {
        self.record_at(outcome, Instant::now());
    }

    /// Counts the outcome of an attempt that ended at `now`. Closed, it joins the window and
    /// may open the breaker; half-open, a failure opens it again and enough successes close
    /// it; open, it is ignored (it was sent before the breaker opened).
    pub fn record_at(&self, outcome: Outcome, now: Instant) {
        let failure = outcome == Outcome::Failure;
        let slice = self.window / SLICES as u32;
        let mut state = self.lock();
        match state.phase {
            Phase::Closed => {
                let (calls, failures) = state.window.add(now, failure, slice);
                if calls >= self.minimum_calls
                    && f64::from(failures) >= self.failure_ratio * f64::from(calls)
                {
                    state.phase = Phase::Open {
                        until: now + self.open_for,
                    };
                    state.window = Window::default();
                }
            }
            Phase::Open { .. } => {}
            Phase::HalfOpen { .. } if failure => {
                state.phase = Phase::Open {
                    until: now + self.open_for,
                };
            }
            Phase::HalfOpen {
                since,
                admitted,
                succeeded,
            } => {
                let succeeded = succeeded + 1;
                state.phase = if succeeded >= self.probes {
                    state.window = Window::default();
                    Phase::Closed
                } else {
                    Phase::HalfOpen {
                        since,
                        admitted,
                        succeeded,
                    }
                };
            }
        }
    }

    /// [`CircuitBreaker::state_at`] now.
    pub fn state(&self) -> BreakerState {
        self.state_at(Instant::now())
    }

    /// Where the breaker stands at `now`: an open period that has ended reads as half-open.
    pub fn state_at(&self, now: Instant) -> BreakerState {
        match self.lock().phase {
            Phase::Closed => BreakerState::Closed,
            Phase::Open { until } if now < until => BreakerState::Open { until },
            Phase::Open { .. } | Phase::HalfOpen { .. } => BreakerState::HalfOpen,
        }
    }

    /// The end of the open period when the breaker is open at `now`.
    pub(crate) fn open_until(&self, now: Instant) -> Option<Instant> {
        match self.state_at(now) {
            BreakerState::Open { until } => Some(until),
            BreakerState::Closed | BreakerState::HalfOpen => None,
        }
    }

    /// The state. Nothing panics while it is held, so a poisoned lock is used as it is.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Default for CircuitBreaker {
    fn default() -> Self {
        CircuitBreaker::new()
    }
}

impl fmt::Debug for CircuitBreaker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CircuitBreaker")
            .field("state", &self.state())
            .field("failure_ratio", &self.failure_ratio)
            .field("minimum_calls", &self.minimum_calls)
            .field("window", &self.window)
            .field("open_for", &self.open_for)
            .field("probes", &self.probes)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use catalog_vocab::Kind;

    use super::{BreakerState, CircuitBreaker, Outcome};

    const SECOND: Duration = Duration::from_secs(1);
    const MS: Duration = Duration::from_millis(1);

    /// `Kind` is `#[non_exhaustive]`, so the breaker's and `not_processed`'s matches end in
    /// a safe `_` arm; every kind of today must have been placed by hand before it.
    #[test]
    fn every_kind_is_decided() {
        let decided = [
            Kind::InvalidRequest,
            Kind::Unauthenticated,
            Kind::PermissionDenied,
            Kind::NotFound,
            Kind::Conflict,
            Kind::RateLimited,
            Kind::UserActionRequired,
            Kind::ProviderUnavailable,
            Kind::Internal,
            Kind::Unsupported,
        ];
        for kind in Kind::ALL {
            assert!(
                decided.contains(kind),
                "{kind:?} is new: place it in Outcome::of_kind and retry::not_processed, then here"
            );
        }
        assert_eq!(decided.len(), Kind::ALL.len());
    }

    fn record(breaker: &CircuitBreaker, outcome: Outcome, times: u32, now: Instant) {
        for _ in 0..times {
            breaker.record_at(outcome, now);
        }
    }

    #[test]
    fn only_the_providers_faults_are_failures() {
        let failures: Vec<Kind> = Kind::ALL
            .iter()
            .copied()
            .filter(|&kind| Outcome::of_kind(kind) == Outcome::Failure)
            .collect();
        assert_eq!(
            failures,
            [Kind::RateLimited, Kind::ProviderUnavailable, Kind::Internal]
        );
    }

    #[test]
    fn it_opens_at_the_ratio_once_the_window_holds_the_minimum() {
        let start = Instant::now();
        let breaker = CircuitBreaker::new();
        record(&breaker, Outcome::Failure, 19, start);
        assert_eq!(
            breaker.state_at(start),
            BreakerState::Closed,
            "19 outcomes are fewer than 20"
        );
        breaker.record_at(Outcome::Failure, start);
        assert_eq!(
            breaker.state_at(start),
            BreakerState::Open {
                until: start + 30 * SECOND
            }
        );

        let mixed = CircuitBreaker::new();
        record(&mixed, Outcome::Success, 11, start);
        record(&mixed, Outcome::Failure, 9, start);
        assert_eq!(
            mixed.state_at(start),
            BreakerState::Closed,
            "9 of 20 is 45%"
        );
        mixed.record_at(Outcome::Failure, start);
        assert_eq!(
            mixed.state_at(start),
            BreakerState::Closed,
            "10 of 21 is 47.6%"
        );
        mixed.record_at(Outcome::Failure, start);
        assert!(
            matches!(mixed.state_at(start), BreakerState::Open { .. }),
            "11 of 22 is 50%: {:?}",
            mixed.state_at(start)
        );
    }

    #[test]
    fn a_storm_of_the_callers_errors_never_opens_it() {
        let start = Instant::now();
        let breaker = CircuitBreaker::new();
        for step in 0..10_000 {
            let now = start + step * MS;
            assert!(breaker.try_acquire_at(now).is_ok());
            breaker.record_at(Outcome::of_kind(Kind::InvalidRequest), now);
        }
        assert_eq!(breaker.state_at(start + 10 * SECOND), BreakerState::Closed);
    }

    #[test]
    fn outcomes_older_than_the_window_leave_it() {
        let start = Instant::now();
        let breaker = CircuitBreaker::new();
        record(&breaker, Outcome::Failure, 15, start);
        // 11 s later the first 15 have left the 10 s window: 15 more are not enough.
        let later = start + 11 * SECOND;
        record(&breaker, Outcome::Failure, 15, later);
        assert_eq!(breaker.state_at(later), BreakerState::Closed);
        record(&breaker, Outcome::Failure, 5, later + SECOND);
        assert!(matches!(
            breaker.state_at(later + SECOND),
            BreakerState::Open { .. }
        ));
    }

    #[test]
    fn open_it_refuses_until_the_period_ends_then_probes_close_it() {
        let start = Instant::now();
        let breaker = CircuitBreaker::new().open_for(2 * SECOND);
        record(&breaker, Outcome::Failure, 20, start);
        let reopens = start + 2 * SECOND;
        assert_eq!(breaker.try_acquire_at(start + SECOND), Err(reopens));
        assert_eq!(breaker.state_at(reopens), BreakerState::HalfOpen);

        for _ in 0..3 {
            assert_eq!(breaker.try_acquire_at(reopens), Ok(()), "a probe");
        }
        assert_eq!(
            breaker.try_acquire_at(reopens),
            Err(reopens),
            "three probes out: the fourth call waits for them"
        );
        record(&breaker, Outcome::Success, 2, reopens + MS);
        assert_eq!(breaker.state_at(reopens + MS), BreakerState::HalfOpen);
        breaker.record_at(Outcome::Success, reopens + 2 * MS);
        assert_eq!(breaker.state_at(reopens + 2 * MS), BreakerState::Closed);
        assert_eq!(breaker.try_acquire_at(reopens + 2 * MS), Ok(()));

        // Closed again with an empty window: 19 failures do not open it.
        record(&breaker, Outcome::Failure, 19, reopens + 3 * MS);
        assert_eq!(breaker.state_at(reopens + 3 * MS), BreakerState::Closed);
    }

    #[test]
    fn a_failed_probe_opens_it_for_another_period() {
        let start = Instant::now();
        let breaker = CircuitBreaker::new().open_for(2 * SECOND);
        record(&breaker, Outcome::Failure, 20, start);
        let probing = start + 2 * SECOND;
        assert_eq!(breaker.try_acquire_at(probing), Ok(()));
        breaker.record_at(Outcome::Success, probing);
        breaker.record_at(Outcome::Failure, probing + MS);
        let reopens = probing + MS + 2 * SECOND;
        assert_eq!(
            breaker.state_at(probing + MS),
            BreakerState::Open { until: reopens }
        );
        assert_eq!(breaker.try_acquire_at(probing + SECOND), Err(reopens));
    }

    #[test]
    fn outcomes_of_attempts_sent_before_it_opened_are_ignored() {
        let start = Instant::now();
        let breaker = CircuitBreaker::new().open_for(2 * SECOND);
        record(&breaker, Outcome::Failure, 20, start);
        let open = breaker.state_at(start);
        record(&breaker, Outcome::Success, 100, start + SECOND);
        record(&breaker, Outcome::Failure, 100, start + SECOND);
        assert_eq!(
            breaker.state_at(start),
            open,
            "the open period is unchanged"
        );
    }

    #[test]
    fn probes_that_never_report_are_given_up_after_an_open_period() {
        let start = Instant::now();
        let breaker = CircuitBreaker::new().open_for(2 * SECOND).probes(1);
        record(&breaker, Outcome::Failure, 20, start);
        let probing = start + 2 * SECOND;
        assert_eq!(breaker.try_acquire_at(probing), Ok(()));
        assert_eq!(
            breaker.try_acquire_at(probing + SECOND),
            Err(probing + SECOND)
        );
        assert_eq!(
            breaker.try_acquire_at(probing + 2 * SECOND),
            Ok(()),
            "the lost probe's slot is given to a new one"
        );
    }

    #[test]
    fn settings_are_kept_in_range() {
        let start = Instant::now();
        let never = CircuitBreaker::new()
            .failure_ratio(f64::NAN)
            .minimum_calls(0);
        never.record_at(Outcome::Success, start);
        assert_eq!(never.state_at(start), BreakerState::Closed);
        let eager = CircuitBreaker::new().failure_ratio(-1.0).minimum_calls(0);
        eager.record_at(Outcome::Success, start);
        assert!(
            matches!(eager.state_at(start), BreakerState::Open { .. }),
            "a ratio of 0 opens on any outcome once the minimum (at least 1) is met"
        );
    }
}
