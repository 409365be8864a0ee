//! Retry advice: the policy that applies to a classified response, and the delay to wait,
//! read from the provider's hints (`Retry-After`, body fields, free text) or the catalog.

use std::borrow::Cow;
use std::time::{Duration, SystemTime};

use catalog_vocab::RetryPolicy;
use http::HeaderValue;

use crate::{delay, wire};

/// How long to wait before retrying, and how.
///
/// In serde, one map: the policy's entries, then `delay_secs` (whole seconds or null) and
/// `delay_source` (`{"policy":"backoff","retries":3,"delay_secs":30,"delay_source":"header"}`),
/// and `server_flag` where the server sent one (`"server_flag":{"retryable":false,"source":"header"}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryAdvice {
    /// The policy that applies: the sub-code's, the entry's, or the status's fallback, unless
    /// the server's own retry flag overrode it ([`RetryAdvice::server_flag`]): `never` where
    /// the flag says false; where it says true, the policy that applied, or
    /// [`RetryPolicy::DEFAULT_BACKOFF`] in place of `never`.
    pub policy: RetryPolicy,
    /// The delay to wait before the next attempt, when one is known.
    pub delay: Option<Duration>,
    /// Where the delay comes from.
    pub delay_source: Option<DelaySource>,
    /// The server's own retry flag, when the response carried one that could be read: it
    /// decided whether to retry, and says where it was found.
    pub server_flag: Option<ServerRetryFlag>,
}

impl RetryAdvice {
    /// Whether a retry can succeed.
    pub fn retryable(&self) -> bool {
        self.policy.is_retryable()
    }
}

/// The server's own word on retrying one response: Stripe's `Stripe-Should-Retry` header,
/// OpenAI's `x-should-retry`, MDES's `Recoverable` in the body. `true` or `false` in any
/// case; anything else is no flag (see [`crate::Classification::server_flag_text`]).
///
/// It overrides the catalog: false is not retried, even on a 5xx; true is retried with the
/// policy that applies, or with [`RetryPolicy::DEFAULT_BACKOFF`] where that is `never`.
///
/// In serde, `{"retryable": false, "source": "header"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ServerRetryFlag {
    /// What the server said.
    pub retryable: bool,
    /// Where it said it.
    pub source: FlagSource,
}

impl ServerRetryFlag {
    /// The policy that applies once the flag is heard.
    pub const fn apply(self, policy: RetryPolicy) -> RetryPolicy {
        match (self.retryable, policy) {
            (false, _) => RetryPolicy::Never,
            (true, RetryPolicy::Never) => RetryPolicy::DEFAULT_BACKOFF,
            (true, policy) => policy,
        }
    }

    /// Reads a flag as sent: `true` or `false` in any case, around white space.
    pub fn parse(text: &str) -> Option<bool> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("true") {
            Some(true)
        } else if text.eq_ignore_ascii_case("false") {
            Some(false)
        } else {
            None
        }
    }
}

/// Where a server's retry flag was found (in serde: `"header"` or `"body"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FlagSource {
    /// A response header (`retryable: header "Stripe-Should-Retry"`).
    Header,
    /// The first error of the body (`retryable: "/Errors/Error/*/Recoverable"`).
    Body,
}

impl FlagSource {
    /// `header` or `body`, for logs and metrics.
    pub const fn as_str(self) -> &'static str {
        match self {
            FlagSource::Header => "header",
            FlagSource::Body => "body",
        }
    }
}

/// Where a retry delay was found (in serde: `"header"`, `"body"` or `"catalog"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DelaySource {
    /// A response header (`Retry-After`).
    Header,
    /// A field of the body (a number, a date, or free text).
    Body,
    /// The catalog's documented fixed delay.
    Catalog,
}

/// The retry advice, and the hint as sent (the first found, kept even when unusable).
///
/// A `Retry-After` header is an instruction for any retryable error; a delay found in the body
/// is one only where the catalog says the provider sends it there (`after_hint`): "timed out
/// after 100 seconds" in another error's message is not a wait. The standard header counts
/// even where the wire format does not declare it (RFC 9110 §10.2.3): proxies and gateways
/// send it with pages no wire format describes, and it is the fallback when the declared
/// hint gives no usable delay. The clock is read only for an HTTP-date. A hint longer than
/// `max_hint_bytes` is kept as sent but not searched for a delay.
// Inlined: most responses carry no hint, and then the policy alone decides.
#[inline]
pub(super) fn advise<'a>(
    policy: RetryPolicy,
    declared: Option<(Cow<'a, str>, DelaySource)>,
    retry_after_header: Option<&'a HeaderValue>,
    now: impl FnOnce() -> SystemTime,
    max_hint_bytes: usize,
) -> (RetryAdvice, Option<Cow<'a, str>>) {
    if declared.is_none() && retry_after_header.is_none() {
        return (advice(policy, None), None);
    }
    read_hints(policy, declared, retry_after_header, now, max_hint_bytes)
}

/// [`advise`] for a response with a hint: the first usable one gives the delay.
#[inline(never)]
fn read_hints<'a>(
    policy: RetryPolicy,
    declared: Option<(Cow<'a, str>, DelaySource)>,
    retry_after_header: Option<&'a HeaderValue>,
    now: impl FnOnce() -> SystemTime,
    max_hint_bytes: usize,
) -> (RetryAdvice, Option<Cow<'a, str>>) {
    let mut found = None;
    let mut first_hint = None;
    let standard = match &declared {
        Some((_, DelaySource::Header)) => None,
        _ => retry_after_header.map(|value| (wire::header_text(value), DelaySource::Header)),
    };
    let mut now = Some(now);
    let mut clock = move || now.take().map_or_else(SystemTime::now, |now| now());
    for (hint, source) in declared.into_iter().chain(standard) {
        let usable = policy.is_retryable()
            && hint.len() <= max_hint_bytes
            && (source != DelaySource::Body || matches!(policy, RetryPolicy::AfterHint { .. }));
        if found.is_none() && usable {
            found = delay::parse_delay_at(&hint, &mut clock).map(|delay| (delay, source));
        }
        first_hint.get_or_insert(hint);
    }
    (advice(policy, found), first_hint)
}

/// The advice of `policy`, given the delay found in a hint, if any.
#[inline]
fn advice(policy: RetryPolicy, found: Option<(Duration, DelaySource)>) -> RetryAdvice {
    let (delay, delay_source) = match (policy, found) {
        (RetryPolicy::Never, _) => (None, None),
        // Whole seconds, rounded up: waiting a little longer is safe, a little shorter is not.
        (_, Some((delay, source))) => (
            Some(Duration::from_secs(
                delay.as_secs() + u64::from(delay.subsec_nanos() > 0),
            )),
            Some(source),
        ),
        (RetryPolicy::After { secs }, None) => (
            Some(Duration::from_secs(u64::from(secs))),
            Some(DelaySource::Catalog),
        ),
        _ => (None, None),
    };
    RetryAdvice {
        policy,
        delay,
        delay_source,
        server_flag: None,
    }
}
