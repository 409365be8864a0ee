//! The per-row consistency rules, written once as `const fn`s.
//!
//! `provider_errors!` calls [`assert_rows`] in a `const` item for its table, so a row that
//! breaks a rule fails to compile with the rule's message and the row's code; the contract harness calls
//! [`check_row`] on the runtime table and prints the same violations with their details.
//! Rules that need the whole table or recorded responses (unique keys, coverage, the server's
//! retry flag) live in the harness.

use std::fmt;

use crate::model::{Exception, Kind, Profile, RetryPolicy, Rule};

/// What a row does wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    /// A fixed message, usable in `const` panics (which cannot format), that says the fix.
    pub const fn message(&self) -> &'static str {
        match self.problem {
            Problem::ServerErrorNotRetried => {
                "rule status_retry: a 5xx status (but 501/505) is retryable; choose a retry policy \
                 such as `backoff(3)`, or declare `allow(status_retry, \"why\")` on the row"
            }
            Problem::NotImplementedRetried => {
                "rule status_retry: 501 and 505 say the server will never do this; use `never`, \
                 or declare `allow(status_retry, \"why\")` on the row"
            }
            Problem::ClientErrorRetried => {
                "rule status_retry: a 4xx status (but 408, 409, 423, 425, 429) is not retryable; \
                 use `never`, or declare `allow(status_retry, \"why\")` on the row"
            }
            Problem::RateLimitNotRetried => {
                "rule status_retry: a 429 is retryable; use `after_hint(N)` or `backoff(N)`, \
                 or declare `allow(status_retry, \"why\")` on the row"
            }
            Problem::RateLimitWithoutDelay => {
                "rule status_retry: a 429 needs a delay source or a back-off; use `after_hint(N)`, \
                 `after(...)`, `next_day` or `backoff(N)`, or declare `allow(status_retry, \"why\")`"
            }
            Problem::ErrorIn2xx => {
                "rule status_retry: this provider's wire format does not carry errors in 2xx \
                 bodies; declare `errors_in_2xx: true` on the provider, or fix the status"
            }
            Problem::NotAnErrorStatus => {
                "rule status_retry: 1xx and 3xx are not error statuses; fix the status"
            }
            Problem::KindMismatch { .. } => {
                "rule status_kind: the kind does not go with the status (e.g. unauthenticated \
                 with 401/403, not_found with 404, rate_limited with 429); change the kind, or \
                 declare `allow(status_kind, \"why\")` on the row"
            }
            Problem::UnneededException => {
                "this row keeps the rule without its `allow(...)`: remove the exception so \
                 exceptions do not pile up"
            }
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problem {
            Problem::KindMismatch { kind, allowed } => {
                write!(
                    f,
                    "rule status_kind: kind `{kind}` does not go with status {}",
                    self.status
                )?;
                f.write_str(" (it goes with ")?;
                for (i, allowed) in allowed.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{allowed}`")?;
                }
                f.write_str(
                    "); change the kind, or declare `allow(status_kind, \"why\")` on the row",
                )
            }
            Problem::UnneededException => write!(
                f,
                "rule {}: the row keeps the rule at status {} without its exception; remove \
                 `allow({}, ...)`",
                self.rule.as_str(),
                self.status,
                self.rule.as_str()
            ),
            _ => write!(f, "{} (status {})", self.message(), self.status),
        }
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

/// The kinds that go with a status (the `status_kind` rule). Every error status (4xx, 5xx, and
/// 2xx with `errors_in_2xx`) allows at least one; other statuses allow none.
pub const fn kinds_for_status(status: u16, profile: Profile) -> &'static [Kind] {
    use Kind::*;
    match status {
        200..=299 if profile.errors_in_2xx => Kind::ALL,
        401 => &[Unauthenticated],
        403 => &[Unauthenticated, PermissionDenied],
        404 | 410 => &[NotFound],
        408 => &[ProviderUnavailable],
        409 | 423 | 425 => &[Conflict],
        429 => &[RateLimited],
        405 | 406 | 415 => &[InvalidRequest, Unsupported],
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
    /// Its declared exceptions.
    pub exceptions: &'a [Exception],
}

const fn excused(exceptions: &[Exception], rule: Rule) -> bool {
    let mut i = 0;
    while i < exceptions.len() {
        if exceptions[i].rule as u8 == rule as u8 {
            return true;
        }
        i += 1;
    }
    false
}

/// Checks one rule for every status of a row; the first violation, if any.
///
/// With an exception declared, the row must break the rule for at least one status, or the
/// exception itself is the violation.
pub const fn check_rule(row: RowFacts<'_>, rule: Rule, profile: Profile) -> Option<Violation> {
    let excused = excused(row.exceptions, rule);
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

/// Every rule violation of a row.
pub fn check_row(row: RowFacts<'_>, profile: Profile) -> Vec<Violation> {
    Rule::ALL
        .iter()
        .filter_map(|&rule| check_rule(row, rule, profile))
        .collect()
}

/// A row to check at compile time, with the words that name it in a diagnostic.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct LabeledRow<'a> {
    /// `code 1702 (PlaidError)`, or with `sub-code ...` for a sub-code row.
    pub label: &'a str,
    /// What the rules read.
    pub facts: RowFacts<'a>,
}

/// Room for the compile-time report of broken rows.
const REPORT_BYTES: usize = 4096;

/// Closes a report that had no room for every broken row.
const CUT_NOTE: &[u8] = b"\n  ... and more rows: fix these first";

/// Fails const evaluation when any row breaks a rule, listing every such row with the rule's
/// message, one per line.
///
/// `provider_errors!` emits one `const _: () = assert_rows(...)` per catalog. One item for the
/// whole table keeps compile time linear and small (per-row items cost more than the table
/// itself at 5,000 rows; BENCHMARKS.md); the message names each row by code and variant.
#[doc(hidden)]
pub const fn assert_rows(rows: &[LabeledRow<'_>], profile: Profile) {
    const HEADING: &[u8] = b"rows break the consistency rules:";
    let mut report = [0u8; REPORT_BYTES];
    let mut len = append(&mut report, 0, HEADING);
    let mut broken = 0;
    let mut omitted = 0;
    let mut i = 0;
    while i < rows.len() {
        let mut r = 0;
        while r < Rule::ALL.len() {
            if let Some(violation) = check_rule(rows[i].facts, Rule::ALL[r], profile) {
                broken += 1;
                let before = len;
                len = append(&mut report, len, b"\n  ");
                len = append(&mut report, len, rows[i].label.as_bytes());
                len = append(&mut report, len, b": ");
                len = append(&mut report, len, violation.message().as_bytes());
                // Room is kept for the closing note.
                if len > REPORT_BYTES - CUT_NOTE.len() {
                    len = before;
                    omitted += 1;
                }
            }
            r += 1;
        }
        i += 1;
    }
    if broken == 0 {
        return;
    }
    if omitted > 0 {
        len = append(&mut report, len, CUT_NOTE);
    }
    let (text, _) = report.split_at(len);
    let text = match core::str::from_utf8(text) {
        Ok(text) => text,
        Err(_) => "rows break the consistency rules",
    };
    panic!("{}", text);
}

/// Copies `bytes` into `buffer` at `at`, if they fit; the new length, or `REPORT_BYTES`.
const fn append(buffer: &mut [u8; REPORT_BYTES], at: usize, bytes: &[u8]) -> usize {
    if at + bytes.len() > REPORT_BYTES {
        return REPORT_BYTES;
    }
    let mut i = 0;
    while i < bytes.len() {
        buffer[at + i] = bytes[i];
        i += 1;
    }
    at + bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: Profile = Profile {
        errors_in_2xx: false,
    };

    #[test]
    fn server_errors_must_be_retryable_except_501_and_505() {
        assert_eq!(
            status_retry(500, RetryPolicy::Never, PLAIN),
            Err(Problem::ServerErrorNotRetried)
        );
        assert_eq!(
            status_retry(503, RetryPolicy::Backoff { max_attempts: 3 }, PLAIN),
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
            status_retry(429, RetryPolicy::AfterHint { max_attempts: 3 }, PLAIN),
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
        let mdes = Profile {
            errors_in_2xx: true,
        };
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
            retry: RetryPolicy::Backoff { max_attempts: 3 },
            kind: Kind::ProviderUnavailable,
            exceptions: &exception,
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
    fn vocabularies_read_their_spellings() {
        assert_eq!("not_found".parse::<Kind>(), Ok(Kind::NotFound));
        assert_eq!("status_kind".parse::<Rule>(), Ok(Rule::StatusKind));
        let error = "teapot".parse::<crate::Actor>().unwrap_err().to_string();
        assert_eq!(
            error,
            "unknown Actor `teapot`; expected one of nobody, end_user, integrator, provider"
        );
    }

    #[test]
    fn every_status_allows_some_kind() {
        for status in 400..=599 {
            assert!(!kinds_for_status(status, PLAIN).is_empty(), "{status}");
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
                retry: RetryPolicy::Backoff { max_attempts: 2 },
                kind: Kind::NotFound,
                exceptions: &[],
            },
            Rule::StatusKind,
            PLAIN,
        );
        assert_eq!(violation.map(|v| v.status), Some(500));
    }
}
