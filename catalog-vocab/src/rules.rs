//! The per-row consistency rules, written once as `const fn`s.
//!
//! `provider_errors!` runs [`check_rule`] on every row while it expands, so a row that breaks
//! a rule is a compile error at that row's cell; the contract harness runs [`check_row`] on
//! the runtime table and prints the same violations. Rules that need the whole table or
//! recorded responses (unique keys, coverage, the server's retry flag) live in the harness.
//!
//! The status tables here also decide what a status alone says of an error ([`fallback`]),
//! so an unknown code is never treated differently from what the rules ask of a known one.

use std::fmt;

use crate::policy::{Profile, RetryPolicy, RuleSet};
use crate::words::{Actor, Kind, Rule};

/// What a row does wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// A 5xx (but 501/505) that is not retryable.
    ServerErrorNotRetried,
    /// 501 or 505 marked retryable: the server says it never will.
    NotImplementedRetried,
    /// A 4xx (but 408, 409, 423, 425, 429) marked retryable.
    ClientErrorRetried,
    /// A 429 that is not retryable.
    RateLimitNotRetried,
    /// A 429 retried without a delay source or a back-off.
    RateLimitWithoutDelay,
    /// A 2xx for a provider whose wire format does not carry errors in 2xx bodies.
    ErrorIn2xx,
    /// A 1xx or 3xx status is not an error status.
    NotAnErrorStatus,
    /// The kind does not go with the status.
    KindMismatch {
        /// The row's kind.
        kind: Kind,
        /// The kinds this status goes with.
        allowed: &'static [Kind],
    },
    /// An exception that excuses nothing: the row keeps the rule without it.
    UnneededException,
}

/// A rule broken by one status of one row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The rule.
    pub rule: Rule,
    /// The status it was checked for.
    pub status: u16,
    /// What is wrong.
    pub problem: Problem,
}

impl Violation {
    /// What the row should do instead.
    pub const fn fix(&self) -> &'static str {
        match self.problem {
            Problem::ServerErrorNotRetried => {
                "choose a retry policy such as `backoff(3)`, or declare \
                 `allow(status_retry, \"why\")` on the row"
            }
            Problem::NotImplementedRetried | Problem::ClientErrorRetried => {
                "use `never`, or declare `allow(status_retry, \"why\")` on the row"
            }
            Problem::RateLimitNotRetried => {
                "use `after_hint(N)` or `backoff(N)`, or declare `allow(status_retry, \"why\")` \
                 on the row"
            }
            Problem::RateLimitWithoutDelay => {
                "use `after_hint(N)`, `after(...)`, `next_day` or `backoff(N)`, or declare \
                 `allow(status_retry, \"why\")` on the row"
            }
            Problem::ErrorIn2xx => {
                "declare `errors_in_2xx: true` on the provider if its wire format carries \
                 errors in 2xx bodies, or fix the status"
            }
            Problem::NotAnErrorStatus => "fix the status",
            Problem::KindMismatch { .. } => {
                "change the kind, or declare `allow(status_kind, \"why\")` on the row"
            }
            Problem::UnneededException => "remove the exception, so exceptions do not pile up",
        }
    }
}

impl fmt::Display for Violation {
    /// `rule status_retry: a 5xx status (but 501/505) is retryable, and this row's status
    /// 503 is not retried; choose ...`: the rule, what is wrong at which status, the fix.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = self.status;
        write!(f, "rule {}: ", self.rule)?;
        match self.problem {
            Problem::ServerErrorNotRetried => write!(
                f,
                "a 5xx status (but 501/505) is retryable, and this row's {status} is never retried"
            )?,
            Problem::NotImplementedRetried => write!(
                f,
                "{status} says the server will never do this, yet the row is retried"
            )?,
            Problem::ClientErrorRetried => write!(
                f,
                "a 4xx status (but 408, 409, 423, 425, 429) is not retryable, and this row's \
                 {status} is retried"
            )?,
            Problem::RateLimitNotRetried => f.write_str("a 429 is retryable")?,
            Problem::RateLimitWithoutDelay => {
                f.write_str("a 429 retried at once only makes the limit worse: it needs a delay source or a back-off")?
            }
            Problem::ErrorIn2xx => write!(
                f,
                "{status} is a success status, and this provider's wire format does not carry errors in 2xx bodies"
            )?,
            Problem::NotAnErrorStatus => write!(f, "{status} is not an error status")?,
            Problem::KindMismatch { kind, allowed } => {
                write!(f, "kind `{kind}` does not go with status {status} (it goes with ")?;
                for (i, allowed) in allowed.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{allowed}`")?;
                }
                f.write_str(")")?;
            }
            Problem::UnneededException => write!(
                f,
                "the row keeps the rule at status {status} without `allow({}, ...)`",
                self.rule
            )?,
        }
        write!(f, "; {}", self.fix())
    }
}

/// Whether `retry` agrees with `status` (the `status_retry` rule).
pub const fn status_retry(
    status: u16,
    retry: RetryPolicy,
    profile: Profile,
) -> Result<(), Problem> {
    let retryable = retry.is_retryable();
    match status {
        200..=299 if profile.errors_in_2xx => Ok(()),
        200..=299 => Err(Problem::ErrorIn2xx),
        100..=199 | 300..=399 => Err(Problem::NotAnErrorStatus),
        429 if !retryable => Err(Problem::RateLimitNotRetried),
        429 if retry.has_delay_source() || matches!(retry, RetryPolicy::Backoff { .. }) => Ok(()),
        429 => Err(Problem::RateLimitWithoutDelay),
        408 | 409 | 423 | 425 => Ok(()),
        400..=499 if retryable => Err(Problem::ClientErrorRetried),
        501 | 505 if retryable => Err(Problem::NotImplementedRetried),
        501 | 505 => Ok(()),
        500..=599 if !retryable => Err(Problem::ServerErrorNotRetried),
        _ => Ok(()),
    }
}

/// The kinds that go with a status (the `status_kind` rule), the likeliest first: that one is
/// what the status alone says ([`fallback`]). Every error status (4xx, 5xx, and 2xx with
/// `errors_in_2xx`) allows at least one; other statuses allow none.
pub const fn kinds_for_status(status: u16, profile: Profile) -> &'static [Kind] {
    use Kind::*;
    match status {
        200..=299 if profile.errors_in_2xx => Kind::ALL,
        401 => &[Unauthenticated],
        403 => &[PermissionDenied, Unauthenticated],
        404 | 410 => &[NotFound],
        408 => &[ProviderUnavailable],
        409 | 423 | 425 => &[Conflict],
        429 => &[RateLimited],
        405 | 406 | 415 => &[Unsupported, InvalidRequest],
        400..=499 => &[InvalidRequest, UserActionRequired, Unsupported],
        501 | 505 => &[Unsupported],
        502..=504 => &[ProviderUnavailable],
        500..=599 => &[Internal, ProviderUnavailable],
        _ => &[],
    }
}

/// Whether `kind` agrees with `status` (the `status_kind` rule).
pub const fn status_kind(status: u16, kind: Kind, profile: Profile) -> Result<(), Problem> {
    let allowed = kinds_for_status(status, profile);
    let mut i = 0;
    while i < allowed.len() {
        if allowed[i] as u8 == kind as u8 {
            return Ok(());
        }
        i += 1;
    }
    Err(Problem::KindMismatch { kind, allowed })
}

/// The facts of a row (or of a sub-code row, with its entry's statuses) that the rules read.
#[derive(Clone, Copy, Debug)]
pub struct RowFacts<'a> {
    /// The row's statuses.
    pub statuses: &'a [u16],
    /// Its retry policy.
    pub retry: RetryPolicy,
    /// Its kind.
    pub kind: Kind,
    /// The rules its declared exceptions excuse it from.
    pub excused: RuleSet,
}

/// Checks one rule for every status of a row; the first violation, if any.
///
/// With an exception declared, the row must break the rule for at least one status, or the
/// exception itself is the violation.
pub const fn check_rule(row: RowFacts<'_>, rule: Rule, profile: Profile) -> Option<Violation> {
    let excused = row.excused.contains(rule);
    let mut i = 0;
    while i < row.statuses.len() {
        let status = row.statuses[i];
        let result = match rule {
            Rule::StatusRetry => status_retry(status, row.retry, profile),
            Rule::StatusKind => status_kind(status, row.kind, profile),
        };
        match result {
            Err(problem) if !excused => {
                return Some(Violation {
                    rule,
                    status,
                    problem,
                });
            }
            Err(_) => return None,
            Ok(()) => {}
        }
        i += 1;
    }
    if excused {
        let status = if row.statuses.is_empty() {
            0
        } else {
            row.statuses[0]
        };
        return Some(Violation {
            rule,
            status,
            problem: Problem::UnneededException,
        });
    }
    None
}

/// Every rule violation of a row, one per rule at most.
pub fn check_row(row: RowFacts<'_>, profile: Profile) -> Vec<Violation> {
    Rule::ALL
        .iter()
        .filter_map(|&rule| check_rule(row, rule, profile))
        .collect()
}

/// What a status alone says of an error: for unknown codes and bodies that could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusFallback {
    /// The retry policy.
    pub retry: RetryPolicy,
    /// The kind.
    pub kind: Kind,
    /// Who must act.
    pub actor: Actor,
}

/// What a status alone says, for unknown codes and bodies that could not be read.
///
/// Derived from the rules' tables: the kind is the first that [`kinds_for_status`] allows, the
/// actor the one who acts on that kind, and the retry policy the least one that
/// [`status_retry`] accepts (a back-off where a retry is required, waiting for a hint on 429
/// and gateway errors). So an unknown error is never retried where a documented one with the
/// same status could not be. A success or redirect status with no error that could be read
/// says nothing a retry would fix, and the provider is the one to explain.
///
/// Error statuses are looked up in a table worked out at compile time: derived per response,
/// the tables cost 19 to 45 instructions a body that has no known code (BENCHMARKS.md).
#[inline]
pub const fn fallback(status: u16) -> StatusFallback {
    match status.checked_sub(400) {
        Some(offset) if (offset as usize) < ERROR_STATUS_FALLBACKS.len() => {
            ERROR_STATUS_FALLBACKS[offset as usize]
        }
        _ => derive_fallback(status),
    }
}

/// [`fallback`] of the statuses 400 to 599.
const ERROR_STATUS_FALLBACKS: [StatusFallback; 200] = {
    let mut table = [derive_fallback(400); 200];
    let mut offset = 0;
    while offset < table.len() {
        table[offset] = derive_fallback(400 + offset as u16);
        offset += 1;
    }
    table
};

/// [`fallback`], derived from the rules' tables.
const fn derive_fallback(status: u16) -> StatusFallback {
    const BACKOFF: RetryPolicy = RetryPolicy::DEFAULT_BACKOFF;
    const HINTED: RetryPolicy = RetryPolicy::AfterHint { retries: 3 };
    let kinds = kinds_for_status(status, Profile::PLAIN);
    if kinds.is_empty() {
        return StatusFallback {
            retry: RetryPolicy::Never,
            kind: Kind::Internal,
            actor: Actor::Provider,
        };
    }
    let kind = kinds[0];
    let retry = match status {
        429 | 502..=504 => HINTED,
        408 | 409 | 423 | 425 => BACKOFF,
        500..=599 if status_retry(status, RetryPolicy::Never, Profile::PLAIN).is_err() => BACKOFF,
        _ => RetryPolicy::Never,
    };
    StatusFallback {
        retry,
        kind,
        actor: acting_on(kind),
    }
}

/// Who acts on an error of `kind` when nothing more is known.
pub const fn acting_on(kind: Kind) -> Actor {
    match kind {
        Kind::InvalidRequest
        | Kind::Unauthenticated
        | Kind::PermissionDenied
        | Kind::NotFound
        | Kind::Unsupported => Actor::Integrator,
        Kind::Conflict | Kind::RateLimited | Kind::ProviderUnavailable => Actor::Nobody,
        Kind::UserActionRequired => Actor::EndUser,
        Kind::Internal => Actor::Provider,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Exception;

    const PLAIN: Profile = Profile::PLAIN;

    #[test]
    fn server_errors_must_be_retryable_except_501_and_505() {
        assert_eq!(
            status_retry(500, RetryPolicy::Never, PLAIN),
            Err(Problem::ServerErrorNotRetried)
        );
        assert_eq!(
            status_retry(503, RetryPolicy::Backoff { retries: 3 }, PLAIN),
            Ok(())
        );
        assert_eq!(status_retry(501, RetryPolicy::Never, PLAIN), Ok(()));
        assert_eq!(
            status_retry(505, RetryPolicy::Immediately, PLAIN),
            Err(Problem::NotImplementedRetried)
        );
    }

    #[test]
    fn client_errors_are_not_retryable_but_the_transient_ones() {
        assert_eq!(
            status_retry(400, RetryPolicy::Immediately, PLAIN),
            Err(Problem::ClientErrorRetried)
        );
        for status in [408, 409, 423, 425] {
            assert_eq!(
                status_retry(status, RetryPolicy::Immediately, PLAIN),
                Ok(())
            );
            assert_eq!(status_retry(status, RetryPolicy::Never, PLAIN), Ok(()));
        }
    }

    #[test]
    fn rate_limits_need_a_delay_or_a_backoff() {
        assert_eq!(
            status_retry(429, RetryPolicy::Immediately, PLAIN),
            Err(Problem::RateLimitWithoutDelay)
        );
        assert_eq!(
            status_retry(429, RetryPolicy::Never, PLAIN),
            Err(Problem::RateLimitNotRetried)
        );
        assert_eq!(
            status_retry(429, RetryPolicy::AfterHint { retries: 3 }, PLAIN),
            Ok(())
        );
        assert_eq!(status_retry(429, RetryPolicy::NextDay, PLAIN), Ok(()));
    }

    #[test]
    fn success_statuses_need_the_2xx_profile() {
        assert_eq!(
            status_retry(200, RetryPolicy::Never, PLAIN),
            Err(Problem::ErrorIn2xx)
        );
        let mdes = Profile::ERRORS_IN_2XX;
        assert_eq!(status_retry(200, RetryPolicy::Never, mdes), Ok(()));
        assert_eq!(
            status_retry(302, RetryPolicy::Never, mdes),
            Err(Problem::NotAnErrorStatus)
        );
    }

    #[test]
    fn an_exception_must_excuse_something() {
        let exception = [Exception {
            rule: Rule::StatusRetry,
            reason: "the docs say so",
        }];
        let needed = RowFacts {
            statuses: &[402],
            retry: RetryPolicy::Backoff { retries: 3 },
            kind: Kind::ProviderUnavailable,
            excused: RuleSet::excused_by(&exception),
        };
        assert_eq!(check_rule(needed, Rule::StatusRetry, PLAIN), None);
        let unneeded = RowFacts {
            retry: RetryPolicy::Never,
            ..needed
        };
        assert_eq!(
            check_rule(unneeded, Rule::StatusRetry, PLAIN).map(|v| v.problem),
            Some(Problem::UnneededException)
        );
    }

    #[test]
    fn every_error_status_allows_some_kind() {
        for status in 400..=599 {
            assert!(!kinds_for_status(status, PLAIN).is_empty(), "{status}");
        }
        for status in (100..=399).chain(600..=999) {
            assert!(kinds_for_status(status, PLAIN).is_empty(), "{status}");
        }
    }

    #[test]
    fn kinds_follow_statuses() {
        assert_eq!(status_kind(401, Kind::Unauthenticated, PLAIN), Ok(()));
        assert!(status_kind(401, Kind::NotFound, PLAIN).is_err());
        assert!(status_kind(429, Kind::InvalidRequest, PLAIN).is_err());
        let violation = check_rule(
            RowFacts {
                statuses: &[404, 500],
                retry: RetryPolicy::Backoff { retries: 2 },
                kind: Kind::NotFound,
                excused: RuleSet::EMPTY,
            },
            Rule::StatusKind,
            PLAIN,
        );
        assert_eq!(violation.map(|v| v.status), Some(500));
    }

    /// The table holds what the rules derive, status by status.
    #[test]
    fn the_fallback_table_is_the_derived_fallback() {
        for status in 0..=999 {
            assert_eq!(fallback(status), derive_fallback(status), "{status}");
        }
    }

    /// The fallback is a row that keeps every rule, for every error status.
    #[test]
    fn the_fallback_keeps_the_rules() {
        for status in 400..=599 {
            let fallback = fallback(status);
            let row = RowFacts {
                statuses: &[status],
                retry: fallback.retry,
                kind: fallback.kind,
                excused: RuleSet::EMPTY,
            };
            assert_eq!(check_row(row, PLAIN), [], "{status}: {fallback:?}");
        }
        for status in [100, 200, 204, 301, 399] {
            assert_eq!(fallback(status).retry, RetryPolicy::Never, "{status}");
        }
    }

    /// The statuses whose fallback is pinned by what applications were told before the
    /// fallback was derived from the rules.
    #[test]
    fn the_fallback_of_common_statuses() {
        let cases = [
            (
                400,
                RetryPolicy::Never,
                Kind::InvalidRequest,
                Actor::Integrator,
            ),
            (
                401,
                RetryPolicy::Never,
                Kind::Unauthenticated,
                Actor::Integrator,
            ),
            (
                403,
                RetryPolicy::Never,
                Kind::PermissionDenied,
                Actor::Integrator,
            ),
            (404, RetryPolicy::Never, Kind::NotFound, Actor::Integrator),
            (
                405,
                RetryPolicy::Never,
                Kind::Unsupported,
                Actor::Integrator,
            ),
            (
                409,
                RetryPolicy::Backoff { retries: 3 },
                Kind::Conflict,
                Actor::Nobody,
            ),
            (
                429,
                RetryPolicy::AfterHint { retries: 3 },
                Kind::RateLimited,
                Actor::Nobody,
            ),
            (
                500,
                RetryPolicy::Backoff { retries: 3 },
                Kind::Internal,
                Actor::Provider,
            ),
            (
                501,
                RetryPolicy::Never,
                Kind::Unsupported,
                Actor::Integrator,
            ),
            (
                503,
                RetryPolicy::AfterHint { retries: 3 },
                Kind::ProviderUnavailable,
                Actor::Nobody,
            ),
        ];
        for (status, retry, kind, actor) in cases {
            assert_eq!(
                fallback(status),
                StatusFallback { retry, kind, actor },
                "{status}"
            );
        }
    }

    #[test]
    fn a_violation_says_rule_status_and_fix() {
        let violation = check_rule(
            RowFacts {
                statuses: &[500],
                retry: RetryPolicy::Never,
                kind: Kind::Internal,
                excused: RuleSet::EMPTY,
            },
            Rule::StatusRetry,
            PLAIN,
        )
        .map(|violation| violation.to_string());
        assert_eq!(
            violation.as_deref(),
            Some(
                "rule status_retry: a 5xx status (but 501/505) is retryable, and this row's 500 \
                 is never retried; choose a retry policy such as `backoff(3)`, or declare \
                 `allow(status_retry, \"why\")` on the row"
            )
        );
    }
}
