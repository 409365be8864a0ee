//! Retry policies, declared exceptions, and the per-provider settings the rules read.

use std::fmt;

use crate::words::Rule;

/// When and how to retry a request that failed with an entry.
///
/// Richer than a bool because a retry loop needs to know *how*: a new session is not the
/// same as resending the request, and a PSD2 daily limit is not solved by backing off.
///
/// In serde, a map: `{"policy": "backoff", "retries": 3}` (see `serde_impls`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RetryPolicy {
    /// Retrying the same request cannot succeed.
    Never,
    /// Resend the request as it is.
    Immediately,
    /// Start a new session (log in again) and retry within it.
    NewSession,
    /// Exponential back-off: `backoff(N)` allows up to N retries, the attempts after the
    /// first, each after a longer delay (see `catalog_core::retry` for the schedule).
    Backoff {
        /// How many times the request may be resent after the first attempt.
        retries: u8,
    },
    /// Wait for the delay the provider sends (a `Retry-After` header or a body field), then
    /// retry; without a usable delay, back off. `after_hint(N)` allows up to N retries, the
    /// attempts after the first.
    AfterHint {
        /// How many times the request may be resent after the first attempt.
        retries: u8,
    },
    /// Retry after a fixed delay that the provider documents ("in a couple of hours").
    After {
        /// The documented delay in seconds.
        secs: u32,
    },
    /// Retry in the next quota window: the next calendar day (PSD2's four logins a day).
    NextDay,
}

impl RetryPolicy {
    /// The back-off of errors that have no policy of their own that retries: an error the
    /// status alone describes (see `rules::fallback`), and an error the catalog says `never`
    /// to whose response the server's own retry flag says to retry.
    pub const DEFAULT_BACKOFF: RetryPolicy = RetryPolicy::Backoff { retries: 3 };

    /// The DSL's names of the policies, with their argument where they take one.
    pub const SPELLINGS: &'static [&'static str] = &[
        "never",
        "immediately",
        "new_session",
        "backoff(N)",
        "after_hint(N)",
        "after(DURATION)",
        "next_day",
    ];

    /// The policies' names without arguments, as [`RetryPolicy::name`] gives them, in
    /// declaration order.
    pub const NAMES: &'static [&'static str] = &[
        "never",
        "immediately",
        "new_session",
        "backoff",
        "after_hint",
        "after",
        "next_day",
    ];

    /// Whether the request may be retried at all.
    pub const fn is_retryable(self) -> bool {
        !matches!(self, RetryPolicy::Never)
    }

    /// Whether the policy states where the wait comes from (a hint, a fixed delay or a window),
    /// which rate limits need: a 429 retried at once only makes things worse.
    pub const fn has_delay_source(self) -> bool {
        matches!(
            self,
            RetryPolicy::AfterHint { .. } | RetryPolicy::After { .. } | RetryPolicy::NextDay
        )
    }

    /// The DSL's name of the policy, without its argument (`backoff`).
    pub const fn name(self) -> &'static str {
        match self {
            RetryPolicy::Never => "never",
            RetryPolicy::Immediately => "immediately",
            RetryPolicy::NewSession => "new_session",
            RetryPolicy::Backoff { .. } => "backoff",
            RetryPolicy::AfterHint { .. } => "after_hint",
            RetryPolicy::After { .. } => "after",
            RetryPolicy::NextDay => "next_day",
        }
    }

    /// How many times the request may be resent after the first attempt, where the policy
    /// says; `None` for policies without a count of their own (the retry loop's limit applies).
    pub const fn retries(self) -> Option<u8> {
        match self {
            RetryPolicy::Backoff { retries } | RetryPolicy::AfterHint { retries } => Some(retries),
            _ => None,
        }
    }

    /// In words, for rustdoc and reports ("back off, up to 3 retries after the first attempt").
    pub fn describe(self) -> String {
        match self {
            RetryPolicy::Never => "never".into(),
            RetryPolicy::Immediately => "immediately".into(),
            RetryPolicy::NewSession => "in a new session".into(),
            RetryPolicy::Backoff { retries } => {
                format!(
                    "back off, up to {} after the first attempt",
                    count_retries(retries)
                )
            }
            RetryPolicy::AfterHint { retries } => format!(
                "after the delay the provider sends (else back off), up to {} after the first attempt",
                count_retries(retries)
            ),
            RetryPolicy::After { secs } => format!("after {}", human_duration(secs)),
            RetryPolicy::NextDay => "the next day".into(),
        }
    }
}

/// "1 retry", "3 retries".
fn count_retries(retries: u8) -> String {
    let plural = if retries == 1 { "retry" } else { "retries" };
    format!("{retries} {plural}")
}

fn human_duration(secs: u32) -> String {
    let (amount, unit) = match secs {
        s if s % 86_400 == 0 => (s / 86_400, "day"),
        s if s % 3600 == 0 => (s / 3600, "hour"),
        s if s % 60 == 0 => (s / 60, "minute"),
        s => (s, "second"),
    };
    let plural = if amount == 1 { "" } else { "s" };
    format!("{amount} {unit}{plural}")
}

impl fmt::Display for RetryPolicy {
    /// The DSL spelling, so docs and diagnostics show what a catalog author writes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            RetryPolicy::Backoff { retries } | RetryPolicy::AfterHint { retries } => {
                write!(f, "{}({retries})", self.name())
            }
            RetryPolicy::After { secs } => write!(f, "after({secs}s)"),
            other => f.write_str(other.name()),
        }
    }
}

/// A declared exception to a consistency rule, with the catalog author's reason in words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exception {
    /// The rule this row is excused from.
    pub rule: Rule,
    /// Why, in words a reviewer can check against the docs.
    pub reason: &'static str,
}

/// A set of rules, as a row's declared exceptions are to the rule checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct RuleSet(u8);

impl RuleSet {
    /// No rule.
    pub const EMPTY: RuleSet = RuleSet(0);

    /// The rules that `exceptions` excuse.
    pub const fn excused_by(exceptions: &[Exception]) -> RuleSet {
        let mut set = RuleSet::EMPTY;
        let mut i = 0;
        while i < exceptions.len() {
            set = set.with(exceptions[i].rule);
            i += 1;
        }
        set
    }

    /// This set and `rule`.
    pub const fn with(self, rule: Rule) -> RuleSet {
        RuleSet(self.0 | 1 << rule as u8)
    }

    /// Whether `rule` is in the set.
    pub const fn contains(self, rule: Rule) -> bool {
        self.0 & 1 << rule as u8 != 0
    }
}

/// What makes an entry unique within its provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyMode {
    /// The code alone.
    Code,
    /// `(status, code)`: the provider reuses a code under several statuses (Basiq's Connect API).
    StatusCode,
    /// `(category, code)`: a code is unique only within its type, which the body sends beside
    /// it (Plaid's `error_type`, Stripe's `type`, Square's `category`).
    CategoryCode,
}

/// The rule profile a provider follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct Profile {
    /// The provider sends errors in 2xx bodies (MDES API errors come with HTTP 200).
    pub errors_in_2xx: bool,
}

impl Profile {
    /// The profile of a provider that sends errors with error statuses only.
    pub const PLAIN: Profile = Profile {
        errors_in_2xx: false,
    };

    /// The profile of a provider that also sends errors in 2xx bodies.
    pub const ERRORS_IN_2XX: Profile = Profile {
        errors_in_2xx: true,
    };

    /// This profile, with errors in 2xx bodies or without.
    pub const fn with_errors_in_2xx(self, errors_in_2xx: bool) -> Profile {
        Profile { errors_in_2xx }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backoff_counts_retries_in_every_spelling() {
        let policy = RetryPolicy::Backoff { retries: 3 };
        assert_eq!(policy.to_string(), "backoff(3)");
        assert_eq!(policy.retries(), Some(3));
        assert_eq!(
            policy.describe(),
            "back off, up to 3 retries after the first attempt"
        );
        assert_eq!(
            RetryPolicy::AfterHint { retries: 1 }.describe(),
            "after the delay the provider sends (else back off), up to 1 retry after the first attempt"
        );
        assert_eq!(RetryPolicy::Immediately.retries(), None);
    }
}
