//! Classification: a response (status, headers, body) read against a catalog.
//!
//! The result keeps everything the provider sent (every error of a list, the request id, the
//! retry hint as text, the raw body) beside what the catalog says of it (the entry, kind,
//! actor and a computed retry advice). No input makes it panic: a body that is not JSON, an
//! unknown code or a missing one still classify, by status, with the reason kept.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::time::{Duration, SystemTime};

use http::{HeaderMap, HeaderValue, StatusCode};
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use crate::catalog::Catalog;
use crate::delay;
use crate::model::{Actor, CatalogSpec, Entry, Kind, RetryPolicy, SubCode};
use crate::wire::{self, BodyError};

/// How long to wait before retrying, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetryAdvice {
    /// The policy that applies (the sub-code's, the entry's, or the status's fallback).
    #[serde(flatten)]
    pub policy: RetryPolicy,
    /// The delay to wait before the next attempt, when one is known.
    #[serde(with = "opt_secs", rename = "delay_secs")]
    pub delay: Option<Duration>,
    /// Where the delay comes from.
    pub delay_source: Option<DelaySource>,
}

impl RetryAdvice {
    /// Whether a retry can succeed.
    pub fn retryable(&self) -> bool {
        self.policy.is_retryable()
    }
}

/// Where a retry delay was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DelaySource {
    /// A response header (`Retry-After`).
    Header,
    /// A field of the body (a number, a date, or free text).
    Body,
    /// The catalog's documented fixed delay.
    Catalog,
}

mod opt_secs {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(
        delay: &Option<Duration>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match delay {
            Some(delay) => serializer.serialize_u64(delay.as_secs()),
            None => serializer.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Duration>, D::Error> {
        Ok(Option::<u64>::deserialize(deserializer)?.map(Duration::from_secs))
    }
}

/// One error of a response body, with the entry it matches. Text borrows from the body
/// where the body allows (no escapes), so reading allocates only what it must.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorDetail<'a> {
    /// The code as sent, as text.
    pub code: Option<Cow<'a, str>>,
    /// Whether it was sent as a JSON number.
    pub code_is_number: bool,
    /// The entry it matches (index into the catalog's entries).
    pub entry: Option<usize>,
    /// The sub-code as sent.
    pub sub_code: Option<Cow<'a, str>>,
    /// The message.
    pub message: Option<Cow<'a, str>>,
    /// The title.
    pub title: Option<Cow<'a, str>>,
    /// The occurrence's detail.
    pub detail: Option<Cow<'a, str>>,
    /// The provider's remediation hint.
    pub remediation: Option<Cow<'a, str>>,
    /// Where in the request the error points.
    pub source: ErrorSource<'a>,
    /// The server's own retry flag.
    pub server_retryable: Option<bool>,
    /// The server's retry flag as sent, when it could not be read as a bool.
    pub server_retryable_text: Option<Cow<'a, str>>,
}

/// Where an error of the body points at in the request (JSON:API style `source`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorSource<'a> {
    /// The request object or attribute.
    pub pointer: Option<Cow<'a, str>>,
    /// The URI, header or body parameter.
    pub parameter: Option<Cow<'a, str>>,
}

fn owned(text: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
    text.map(|text| Cow::Owned(text.into_owned()))
}

impl ErrorDetail<'_> {
    /// The same error, owning its text.
    pub fn into_owned(self) -> ErrorDetail<'static> {
        ErrorDetail {
            code: owned(self.code),
            code_is_number: self.code_is_number,
            entry: self.entry,
            sub_code: owned(self.sub_code),
            message: owned(self.message),
            title: owned(self.title),
            detail: owned(self.detail),
            remediation: owned(self.remediation),
            source: ErrorSource {
                pointer: owned(self.source.pointer),
                parameter: owned(self.source.parameter),
            },
            server_retryable: self.server_retryable,
            server_retryable_text: owned(self.server_retryable_text),
        }
    }
}

/// The raw body as received; serialized as a string when it is UTF-8, as bytes otherwise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
enum RawBodyRepr {
    Text(String),
    Bytes(Vec<u8>),
}

/// A response classified against a catalog, borrowing from the response.
///
/// This is the zero-copy form: text that the body holds without escapes is borrowed, and so
/// is the raw body. [`ProviderError`] is the owned, typed form that application code returns
/// with `?`; [`Classification::variant`] gives the typed variant here too, and
/// [`Classification::into_owned`] keeps a classification beyond the response.
#[derive(Clone, Debug)]
pub struct Classification<'a> {
    spec: &'static CatalogSpec,
    status: StatusCode,
    entry: Option<usize>,
    sub_code: Option<&'static SubCode>,
    errors: SmallVec<[ErrorDetail<'a>; 1]>,
    errors_omitted: usize,
    request_id: Option<Cow<'a, str>>,
    retry_hint: Option<Cow<'a, str>>,
    retry: RetryAdvice,
    kind: Kind,
    actor: Actor,
    body_error: Option<BodyError>,
    raw_body: Cow<'a, [u8]>,
}

impl<'a> Classification<'a> {
    /// Classifies a response against `spec`, reading HTTP-dates relative to the system clock.
    #[inline]
    pub fn new(
        spec: &'static CatalogSpec,
        status: StatusCode,
        headers: &'a HeaderMap,
        body: &'a [u8],
    ) -> Self {
        Self::with_clock(spec, status, headers, body, SystemTime::now)
    }

    /// Like [`Classification::new`], with the clock given (for reproducible tests).
    pub fn at(
        spec: &'static CatalogSpec,
        status: StatusCode,
        headers: &'a HeaderMap,
        body: &'a [u8],
        now: SystemTime,
    ) -> Self {
        Self::with_clock(spec, status, headers, body, move || now)
    }

    /// The clock is read only when a retry hint is an HTTP-date to subtract it from.
    #[inline]
    fn with_clock(
        spec: &'static CatalogSpec,
        status: StatusCode,
        headers: &'a HeaderMap,
        body: &'a [u8],
        now: impl FnOnce() -> SystemTime,
    ) -> Self {
        let plan = spec.index.plan(&spec.wire);
        let mut errors = SmallVec::new();
        let found = wire::capture_with(plan, headers, body, &mut errors);
        for error in &mut errors {
            error.entry = error
                .code
                .as_deref()
                .and_then(|code| spec.find(code, status.as_u16()));
        }

        let first = errors.first();
        let entry = first.and_then(|error| error.entry);
        let sub_code = entry.and_then(|i| {
            let sent = first?.sub_code.as_deref()?;
            spec.entries[i].sub_code(sent)
        });
        let (policy, kind, actor) = match (sub_code, entry) {
            (Some(sub), _) => (sub.retry, sub.kind, sub.actor),
            (None, Some(i)) => {
                let entry = &spec.entries[i];
                (entry.retry, entry.kind, entry.actor)
            }
            (None, None) => fallback_parts(status),
        };
        let declared = found.retry_after.map(|hint| {
            let source = if found.retry_after_from_header {
                DelaySource::Header
            } else {
                DelaySource::Body
            };
            (hint, source)
        });
        let (retry, retry_hint) = advise(policy, declared, found.retry_after_header, now);

        Classification {
            spec,
            status,
            entry,
            sub_code,
            errors,
            errors_omitted: found.errors_omitted,
            request_id: found.request_id,
            retry_hint,
            retry,
            kind,
            actor,
            body_error: found.body_error,
            raw_body: Cow::Borrowed(body),
        }
    }

    /// The same classification, owning everything it holds.
    pub fn into_owned(self) -> Classification<'static> {
        Classification {
            spec: self.spec,
            status: self.status,
            entry: self.entry,
            sub_code: self.sub_code,
            errors: self
                .errors
                .into_iter()
                .map(ErrorDetail::into_owned)
                .collect(),
            errors_omitted: self.errors_omitted,
            request_id: owned(self.request_id),
            retry_hint: owned(self.retry_hint),
            retry: self.retry,
            kind: self.kind,
            actor: self.actor,
            body_error: self.body_error,
            raw_body: Cow::Owned(self.raw_body.into_owned()),
        }
    }

    /// The typed variant, when this was classified against `C`'s catalog and the code is known.
    pub fn variant<C: Catalog>(&self) -> Option<C> {
        if std::ptr::eq(self.spec, C::spec()) {
            self.entry.and_then(C::from_index)
        } else {
            None
        }
    }

    /// The catalog it was classified against.
    pub fn spec(&self) -> &'static CatalogSpec {
        self.spec
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The catalog entry the (first) error matches, if its code is known.
    pub fn entry(&self) -> Option<&'static Entry> {
        self.entry.map(|i| &self.spec.entries[i])
    }

    /// The index of that entry in the catalog.
    pub fn entry_index(&self) -> Option<usize> {
        self.entry
    }

    /// Whether the code is in the catalog.
    pub fn is_known(&self) -> bool {
        self.entry.is_some()
    }

    /// The code as sent by the first error, as text; `None` when none could be read.
    pub fn code(&self) -> Option<&str> {
        self.errors.first()?.code.as_deref()
    }

    /// The sub-code as sent, known or not.
    pub fn sub_code(&self) -> Option<&str> {
        self.errors.first()?.sub_code.as_deref()
    }

    /// The catalog's sub-code entry, when the sub-code is declared.
    pub fn sub_code_entry(&self) -> Option<&'static SubCode> {
        self.sub_code
    }

    /// Every error of the body, in order, up to [`crate::wire::MAX_ERRORS`]; the first decides
    /// the classification.
    pub fn errors(&self) -> &[ErrorDetail<'a>] {
        &self.errors
    }

    /// How many errors of the body's list came past [`crate::wire::MAX_ERRORS`]: counted, not
    /// kept, so that a huge list costs no more memory than a long one.
    pub fn errors_omitted(&self) -> usize {
        self.errors_omitted
    }

    /// The message the provider sent, or else the catalog's.
    pub fn message(&self) -> Option<&str> {
        let first = self.errors.first();
        first
            .and_then(|error| error.message.as_deref().or(error.title.as_deref()))
            .or_else(|| first.and_then(|error| error.detail.as_deref()))
            .or_else(|| self.entry().map(|entry| entry.message))
    }

    /// The request or correlation id.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The retry hint as sent (header or body), kept even when no delay could be read from it.
    pub fn retry_hint(&self) -> Option<&str> {
        self.retry_hint.as_deref()
    }

    /// What to do about retrying.
    pub fn retry(&self) -> RetryAdvice {
        self.retry
    }

    /// Whether a retry can succeed.
    pub fn is_retryable(&self) -> bool {
        self.retry.retryable()
    }

    /// The normalized kind.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Who must act.
    pub fn actor(&self) -> Actor {
        self.actor
    }

    /// Whether the status is one the catalog documents for the entry.
    pub fn status_documented(&self) -> bool {
        self.entry()
            .is_some_and(|entry| entry.has_status(self.status.as_u16()))
    }

    /// Why the body could not be read as the wire format (not JSON, empty), if so.
    pub fn body_error(&self) -> Option<&BodyError> {
        self.body_error.as_ref()
    }

    /// The body exactly as received.
    pub fn raw_body(&self) -> &[u8] {
        &self.raw_body
    }

    /// The body, borrowed from the response or owned after [`Classification::into_owned`].
    pub fn raw_body_cow(&self) -> &Cow<'a, [u8]> {
        &self.raw_body
    }

    fn variant_name(&self, entry: Option<usize>) -> Option<&'static str> {
        entry.map(|i| self.spec.entries[i].variant)
    }
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
/// It follows the consistency rules, so an unknown error is never retried where a documented
/// one with the same status would not be.
pub fn fallback(status: StatusCode) -> StatusFallback {
    let (retry, kind, actor) = fallback_parts(status);
    StatusFallback { retry, kind, actor }
}

fn fallback_parts(status: StatusCode) -> (RetryPolicy, Kind, Actor) {
    use RetryPolicy::*;
    let backoff = Backoff { max_attempts: 3 };
    let hinted = AfterHint { max_attempts: 3 };
    match status.as_u16() {
        401 => (Never, Kind::Unauthenticated, Actor::Integrator),
        403 => (Never, Kind::PermissionDenied, Actor::Integrator),
        404 | 410 => (Never, Kind::NotFound, Actor::Integrator),
        408 => (backoff, Kind::ProviderUnavailable, Actor::Nobody),
        409 | 423 | 425 => (backoff, Kind::Conflict, Actor::Nobody),
        429 => (hinted, Kind::RateLimited, Actor::Nobody),
        405 | 406 | 415 => (Never, Kind::Unsupported, Actor::Integrator),
        400..=499 => (Never, Kind::InvalidRequest, Actor::Integrator),
        501 | 505 => (Never, Kind::Unsupported, Actor::Integrator),
        502..=504 => (hinted, Kind::ProviderUnavailable, Actor::Nobody),
        500..=599 => (backoff, Kind::Internal, Actor::Provider),
        // A success or redirect status with no error in the body that could be read: nothing
        // says a retry would help, and the provider is the one to explain.
        _ => (Never, Kind::Internal, Actor::Provider),
    }
}

/// The retry advice, and the hint as sent (the first found, kept even when unusable).
///
/// A `Retry-After` header is an instruction for any retryable error; a delay found in the body
/// is one only where the catalog says the provider sends it there (`after_hint`): "timed out
/// after 100 seconds" in another error's message is not a wait. The standard header counts
/// even where the wire format does not declare it (RFC 9110 §10.2.3): proxies and gateways
/// send it with pages no wire format describes, and it is the fallback when the declared
/// hint gives no usable delay. The clock is read only for an HTTP-date.
// Inlined: most responses carry no hint, and then the policy alone decides.
#[inline]
fn advise<'a>(
    policy: RetryPolicy,
    declared: Option<(Cow<'a, str>, DelaySource)>,
    retry_after_header: Option<&'a HeaderValue>,
    now: impl FnOnce() -> SystemTime,
) -> (RetryAdvice, Option<Cow<'a, str>>) {
    if declared.is_none() && retry_after_header.is_none() {
        return (advice(policy, None), None);
    }
    read_hints(policy, declared, retry_after_header, now)
}

/// [`advise`] for a response with a hint: the first usable one gives the delay.
#[inline(never)]
fn read_hints<'a>(
    policy: RetryPolicy,
    declared: Option<(Cow<'a, str>, DelaySource)>,
    retry_after_header: Option<&'a HeaderValue>,
    now: impl FnOnce() -> SystemTime,
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
            && (source != DelaySource::Body || matches!(policy, RetryPolicy::AfterHint { .. }));
        if found.is_none() && usable {
            found = delay::parse_delay(&hint, clock()).map(|delay| (delay, source));
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
    }
}

impl fmt::Display for Classification<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.spec.id)?;
        match (self.entry(), self.code()) {
            (Some(entry), _) => write!(f, "{} ({})", entry.code_text, entry.variant)?,
            (None, Some(code)) => write!(f, "unknown code {code}")?,
            (None, None) => f.write_str("error without a readable code")?,
        }
        write!(f, ", HTTP {}", self.status.as_u16())?;
        if let Some(message) = self.message() {
            write!(f, ": {message}")?;
        } else if let Some(reason) = &self.body_error {
            write!(f, ": {reason}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Classification<'_> {}

/// A provider's error response, typed by its catalog `C`.
///
/// Derefs to [`Classification`] for everything but the typed variant.
pub struct ProviderError<C> {
    inner: Classification<'static>,
    catalog: PhantomData<fn() -> C>,
}

impl<C: Catalog> ProviderError<C> {
    /// Classifies a response against `C`'s catalog.
    pub fn from_response(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Self {
        Self::from_classification(
            Classification::new(C::spec(), status, headers, body).into_owned(),
        )
    }

    fn from_classification(inner: Classification<'static>) -> Self {
        ProviderError {
            inner,
            catalog: PhantomData,
        }
    }

    /// The typed entry, or `None` for an unknown or missing code (see [`Classification::code`]).
    pub fn variant(&self) -> Option<C> {
        self.inner.entry.and_then(C::from_index)
    }

    /// The untyped classification.
    pub fn classification(&self) -> &Classification<'static> {
        &self.inner
    }

    /// Drops the type, keeping everything else.
    pub fn into_classification(self) -> Classification<'static> {
        self.inner
    }
}

impl<C> std::ops::Deref for ProviderError<C> {
    type Target = Classification<'static>;

    fn deref(&self) -> &Classification<'static> {
        &self.inner
    }
}

impl<C> Clone for ProviderError<C> {
    fn clone(&self) -> Self {
        ProviderError {
            inner: self.inner.clone(),
            catalog: PhantomData,
        }
    }
}

impl<C> fmt::Debug for ProviderError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

impl<C> fmt::Display for ProviderError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.inner, f)
    }
}

impl<C> std::error::Error for ProviderError<C> {}

/// The serialized form: what `cargo xtask classify` prints, and what deserializes back.
#[derive(Serialize, Deserialize)]
struct ClassificationRepr {
    provider: String,
    status: u16,
    known: bool,
    code: Option<String>,
    sub_code: Option<String>,
    variant: Option<String>,
    sub_variant: Option<String>,
    message: Option<String>,
    retryable: bool,
    retry_after_secs: Option<u64>,
    retry: RetryAdvice,
    retry_hint: Option<String>,
    kind: Kind,
    actor: Actor,
    status_documented: bool,
    errors: Vec<ErrorRepr>,
    #[serde(default, skip_serializing_if = "is_zero")]
    errors_omitted: usize,
    request_id: Option<String>,
    body_error: Option<String>,
    raw_body: RawBodyRepr,
}

fn is_zero(count: &usize) -> bool {
    *count == 0
}

#[derive(Default, Serialize, Deserialize)]
struct SourceRepr {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pointer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    parameter: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct ErrorRepr {
    code: Option<String>,
    #[serde(default)]
    code_is_number: bool,
    variant: Option<String>,
    sub_code: Option<String>,
    message: Option<String>,
    title: Option<String>,
    detail: Option<String>,
    remediation: Option<String>,
    #[serde(default)]
    source: SourceRepr,
    server_retryable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    server_retryable_text: Option<String>,
}

impl Classification<'_> {
    fn to_repr(&self) -> ClassificationRepr {
        ClassificationRepr {
            provider: self.spec.id.to_owned(),
            status: self.status.as_u16(),
            known: self.is_known(),
            code: self.code().map(str::to_owned),
            sub_code: self.sub_code().map(str::to_owned),
            variant: self.variant_name(self.entry).map(str::to_owned),
            sub_variant: self.sub_code.map(|sub| sub.name.to_owned()),
            message: self.message().map(str::to_owned),
            retryable: self.is_retryable(),
            retry_after_secs: self.retry.delay.map(|delay| delay.as_secs()),
            retry: self.retry,
            retry_hint: self.retry_hint.as_deref().map(str::to_owned),
            kind: self.kind,
            actor: self.actor,
            status_documented: self.status_documented(),
            errors: self
                .errors
                .iter()
                .map(|error| {
                    let text = |value: &Option<Cow<'_, str>>| value.as_deref().map(str::to_owned);
                    ErrorRepr {
                        code: text(&error.code),
                        code_is_number: error.code_is_number,
                        variant: self.variant_name(error.entry).map(str::to_owned),
                        sub_code: text(&error.sub_code),
                        message: text(&error.message),
                        title: text(&error.title),
                        detail: text(&error.detail),
                        remediation: text(&error.remediation),
                        source: SourceRepr {
                            pointer: text(&error.source.pointer),
                            parameter: text(&error.source.parameter),
                        },
                        server_retryable: error.server_retryable,
                        server_retryable_text: text(&error.server_retryable_text),
                    }
                })
                .collect(),
            errors_omitted: self.errors_omitted,
            request_id: self.request_id.as_deref().map(str::to_owned),
            body_error: self.body_error.as_ref().map(ToString::to_string),
            raw_body: match std::str::from_utf8(&self.raw_body) {
                Ok(text) => RawBodyRepr::Text(text.to_owned()),
                Err(_) => RawBodyRepr::Bytes(self.raw_body.to_vec()),
            },
        }
    }
}

impl Classification<'static> {
    fn from_repr(spec: &'static CatalogSpec, repr: ClassificationRepr) -> Result<Self, String> {
        if repr.provider != spec.id {
            return Err(format!(
                "this error was classified against `{}`, not `{}`",
                repr.provider, spec.id
            ));
        }
        let status = StatusCode::from_u16(repr.status)
            .map_err(|_| format!("`{}` is not an HTTP status", repr.status))?;
        let resolve = |variant: Option<&str>| -> Result<Option<usize>, String> {
            variant
                .map(|name| {
                    spec.entry_by_variant(name)
                        .ok_or_else(|| format!("`{}` has no variant `{name}`", spec.id))
                })
                .transpose()
        };
        let entry = resolve(repr.variant.as_deref())?;
        let sub_code = match (&repr.sub_variant, entry) {
            (Some(name), Some(i)) => Some(
                spec.entries[i]
                    .sub_codes
                    .iter()
                    .find(|sub| sub.name == name)
                    .ok_or_else(|| {
                        format!("`{}` has no sub-code `{name}`", spec.entries[i].variant)
                    })?,
            ),
            _ => None,
        };
        let errors = repr
            .errors
            .into_iter()
            .map(|error| {
                Ok(ErrorDetail {
                    entry: resolve(error.variant.as_deref())?,
                    code: error.code.map(Cow::Owned),
                    code_is_number: error.code_is_number,
                    sub_code: error.sub_code.map(Cow::Owned),
                    message: error.message.map(Cow::Owned),
                    title: error.title.map(Cow::Owned),
                    detail: error.detail.map(Cow::Owned),
                    remediation: error.remediation.map(Cow::Owned),
                    source: ErrorSource {
                        pointer: error.source.pointer.map(Cow::Owned),
                        parameter: error.source.parameter.map(Cow::Owned),
                    },
                    server_retryable: error.server_retryable,
                    server_retryable_text: error.server_retryable_text.map(Cow::Owned),
                })
            })
            .collect::<Result<SmallVec<_>, String>>()?;
        Ok(Classification {
            spec,
            status,
            entry,
            sub_code,
            errors,
            errors_omitted: repr.errors_omitted,
            request_id: repr.request_id.map(Cow::Owned),
            retry_hint: repr.retry_hint.map(Cow::Owned),
            retry: repr.retry,
            kind: repr.kind,
            actor: repr.actor,
            body_error: repr.body_error.map(BodyError::Described),
            raw_body: Cow::Owned(match repr.raw_body {
                RawBodyRepr::Text(text) => text.into_bytes(),
                RawBodyRepr::Bytes(bytes) => bytes,
            }),
        })
    }
}

impl Serialize for Classification<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_repr().serialize(serializer)
    }
}

impl<C> Serialize for ProviderError<C> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.inner.serialize(serializer)
    }
}

impl<'de, C: Catalog> Deserialize<'de> for ProviderError<C> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let repr = ClassificationRepr::deserialize(deserializer)?;
        Classification::from_repr(C::spec(), repr)
            .map(Self::from_classification)
            .map_err(serde::de::Error::custom)
    }
}

impl PartialEq for Classification<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.spec, other.spec)
            && self.status == other.status
            && self.entry == other.entry
            && self.sub_code == other.sub_code
            && self.errors == other.errors
            && self.request_id == other.request_id
            && self.retry_hint == other.retry_hint
            && self.retry == other.retry
            && self.kind == other.kind
            && self.actor == other.actor
            && self.body_error == other.body_error
            && self.raw_body == other.raw_body
    }
}

impl<C> PartialEq for ProviderError<C> {
    fn eq(&self, other: &Self) -> bool {
        self.inner == other.inner
    }
}
