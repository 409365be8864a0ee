//! Classification: a response (status, headers, body) read against a catalog.
//!
//! The result keeps everything the provider sent (every error of a list, the request id, the
//! retry hint as text, the raw body) beside what the catalog says of it (the entry, kind,
//! actor and a computed retry advice). No input makes it panic: a body that is not JSON, an
//! unknown code or a missing one still classify, by status, with the reason kept.

mod advice;
pub(crate) mod repr;

use std::borrow::Cow;
use std::fmt;
use std::time::SystemTime;

use catalog_vocab::{Actor, Kind, fallback};
use http::{HeaderMap, StatusCode};
use smallvec::SmallVec;

pub use self::advice::{DelaySource, FlagSource, RetryAdvice, ServerRetryFlag};
use crate::detail::{BodyError, ErrorDetail, Extras, FieldError, owned};
use crate::model::{Entry, SubCode};
use crate::spec::CatalogSpec;
use crate::wire::{self, ReadLimits};

/// A response classified against a catalog, borrowing from the response.
///
/// This is the zero-copy form: text that the body holds without escapes is borrowed, and so
/// is the raw body. [`ProviderError`](crate::ProviderError) is the owned, typed form that application code returns
/// with `?`; [`Classification::variant`] gives the typed variant here too, and
/// [`Classification::into_owned`] keeps a classification beyond the response.
///
/// Its `Debug` is one line of facts (provider, status, code, variant, request id): no
/// catalog, no body. The raw body is reachable through [`Classification::raw_body`] only.
#[derive(Clone)]
pub struct Classification<'a> {
    spec: &'static CatalogSpec,
    status: StatusCode,
    entry: Option<&'static Entry>,
    sub_code: Option<&'static SubCode>,
    errors: SmallVec<[ErrorDetail<'a>; 1]>,
    errors_omitted: usize,
    request_id: Option<Cow<'a, str>>,
    retry_hint: Option<Cow<'a, str>>,
    retry: RetryAdvice,
    /// The catalog's own fields and the field errors of each error, and a retry header that
    /// was neither true nor false: only for catalogs that declare them, behind one pointer.
    extras: Option<Box<Extras<'a>>>,
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
        Self::with_clock(
            spec,
            status,
            headers,
            body,
            SystemTime::now,
            &ReadLimits::DEFAULT,
        )
    }

    /// Like [`Classification::new`], with the clock given (for reproducible tests).
    pub fn at(
        spec: &'static CatalogSpec,
        status: StatusCode,
        headers: &'a HeaderMap,
        body: &'a [u8],
        now: SystemTime,
    ) -> Self {
        Self::with_clock(
            spec,
            status,
            headers,
            body,
            move || now,
            &ReadLimits::DEFAULT,
        )
    }

    /// Like [`Classification::new`], reading within other limits than
    /// [`ReadLimits::DEFAULT`].
    pub fn with_limits(
        spec: &'static CatalogSpec,
        status: StatusCode,
        headers: &'a HeaderMap,
        body: &'a [u8],
        limits: &ReadLimits,
    ) -> Self {
        Self::with_clock(spec, status, headers, body, SystemTime::now, limits)
    }

    /// The clock is read only when a retry hint is an HTTP-date to subtract it from.
    #[inline]
    fn with_clock(
        spec: &'static CatalogSpec,
        status: StatusCode,
        headers: &'a HeaderMap,
        body: &'a [u8],
        now: impl FnOnce() -> SystemTime,
        limits: &ReadLimits,
    ) -> Self {
        let plan = spec.index.plan(&spec.wire);
        let mut errors = SmallVec::new();
        let mut extras = None;
        let found = wire::capture_with(plan, headers, body, &mut errors, &mut extras, limits);
        let status_code = status.as_u16();
        for error in &mut errors {
            let category = error.category.as_deref();
            // The exact key; an error sent without a code falls to the row without one (`_`).
            error.entry = match error.code.as_deref() {
                Some(code) => spec.find_in_category(code, status_code, category),
                None => spec.find_without_code(status_code, category),
            };
        }

        let first = errors.first();
        let entry = first.and_then(|error| error.entry);
        let sub_code = entry.and_then(|entry| entry.sub_code(first?.sub_code.as_deref()?));
        let (policy, kind, actor) = match (sub_code, entry) {
            (Some(sub), _) => (sub.retry, sub.kind, sub.actor),
            (None, Some(entry)) => (entry.retry, entry.kind, entry.actor),
            (None, None) => {
                let fallback = fallback(status.as_u16());
                (fallback.retry, fallback.kind, fallback.actor)
            }
        };
        // The server's retry flag, and what the parsers found beyond the vocabulary's fields:
        // one test where a catalog declares none of them.
        let body_flag = first.and_then(|error| error.server_retryable);
        let mut server_flag = None;
        let mut policy = policy;
        if body_flag.is_some() || extras.is_some() {
            server_flag = hear_server(&mut extras, body_flag, limits);
            if let Some(flag) = server_flag {
                policy = flag.apply(policy);
            }
        }
        let declared = found.retry_after.map(|hint| {
            let source = if found.retry_after_from_header {
                DelaySource::Header
            } else {
                DelaySource::Body
            };
            (hint, source)
        });
        let (mut retry, retry_hint) = advice::advise(
            policy,
            declared,
            found.retry_after_header,
            now,
            limits.max_hint_bytes,
        );
        retry.server_flag = server_flag;

        let classification = Classification {
            spec,
            status,
            entry,
            sub_code,
            errors,
            errors_omitted: found.errors_omitted,
            request_id: found.request_id,
            retry_hint,
            retry,
            extras,
            kind,
            actor,
            body_error: found.body_error,
            raw_body: Cow::Borrowed(body),
        };
        #[cfg(feature = "tracing")]
        crate::trace::classified(&classification);
        classification
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
            extras: self.extras.map(|extras| Box::new(extras.into_owned())),
            kind: self.kind,
            actor: self.actor,
            body_error: self.body_error,
            raw_body: Cow::Owned(self.raw_body.into_owned()),
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

    /// Every error of the body, in order, up to [`ReadLimits::max_errors`]; the first decides
    /// the classification.
    pub fn errors(&self) -> &[ErrorDetail<'a>] {
        &self.errors
    }

    /// How many errors of the body's list came past [`ReadLimits::max_errors`]: counted, not
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

    /// The server's retry flag as its header sent it, when it was neither `true` nor `false`:
    /// ignored (the catalog decides, or the body's flag), and kept here to be seen.
    pub fn server_flag_text(&self) -> Option<&str> {
        let (_, text) = self.extras.as_ref()?.retry_flag.as_ref()?;
        Some(text)
    }

    /// The value of the catalog's own field `name` (`fields: { doc_url: ... }`) in the
    /// first error, as sent.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.extras.as_ref()?.of(0)?.field(name)
    }

    /// Every field of the catalog's own that the first error has, as (name, value), in the
    /// order found.
    pub fn fields(&self) -> impl Iterator<Item = (&'static str, &str)> + '_ {
        self.fields_of(0)
    }

    /// Every field of the catalog's own that the error at `index` of
    /// [`Classification::errors`] has, as (name, value).
    pub fn fields_of(&self, index: usize) -> impl Iterator<Item = (&'static str, &str)> + '_ {
        self.extras
            .as_ref()
            .and_then(|extras| extras.of(index))
            .map_or(&[][..], |extra| extra.fields.as_slice())
            .iter()
            .map(|(name, _, value)| (*name, value.as_ref()))
    }

    /// The first error's field errors (`field_errors: "/errors"`): what is wrong with each
    /// field of the request, as (field, message), up to [`ReadLimits::max_field_errors`],
    /// each text cut to [`ReadLimits::max_field_error_bytes`].
    pub fn field_errors(&self) -> &[FieldError<'a>] {
        self.field_errors_of(0)
    }

    /// The field errors of the error at `index` of [`Classification::errors`].
    pub fn field_errors_of(&self, index: usize) -> &[FieldError<'a>] {
        self.extras
            .as_ref()
            .and_then(|extras| extras.of(index))
            .map_or(&[], |extra| extra.field_errors.as_slice())
    }

    /// How many field errors the error at `index` held past those kept
    /// ([`ReadLimits::max_field_errors`]).
    pub fn field_errors_omitted_of(&self, index: usize) -> usize {
        self.extras
            .as_ref()
            .and_then(|extras| extras.of(index))
            .map_or(0, |extra| extra.field_errors_omitted)
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

    /// The body exactly as received: it can hold secrets (tokens, card numbers), which every
    /// other output of a classification leaves out. Do not log it.
    pub fn raw_body(&self) -> &[u8] {
        &self.raw_body
    }

    /// The body, borrowed from the response or owned after [`Classification::into_owned`].
    pub fn raw_body_cow(&self) -> &Cow<'a, [u8]> {
        &self.raw_body
    }
}

/// The server's retry flag, and what the parsers found beyond the vocabulary's fields
/// finished: the header's flag overrides the body's (the first error's), and is kept as sent
/// only when it is neither true nor false; the field errors are read within `limits`; a
/// record left empty is dropped.
#[inline(never)]
fn hear_server(
    extras: &mut Option<Box<Extras<'_>>>,
    body_flag: Option<bool>,
    limits: &ReadLimits,
) -> Option<ServerRetryFlag> {
    let mut flag = body_flag.map(|retryable| ServerRetryFlag {
        retryable,
        source: FlagSource::Body,
    });
    if let Some(found) = extras {
        if let Some((rank, header)) = &mut found.retry_flag {
            match ServerRetryFlag::parse(header) {
                Some(retryable) => {
                    flag = Some(ServerRetryFlag {
                        retryable,
                        source: FlagSource::Header,
                    });
                    found.retry_flag = None;
                }
                // Kept as sent, to be seen; which source it came from was for reading only.
                None => *rank = 0,
            }
        }
        wire::finish_extras(found, limits);
        if found.is_empty() {
            *extras = None;
        }
    }
    flag
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
            // Messages can echo what the request held: shown without credentials or cards.
            write!(f, ": {}", crate::redact::text(message))?;
        } else if let Some(reason) = &self.body_error {
            write!(f, ": {reason}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Classification<'_> {}

/// One line of facts, for logs and test failures: no catalog, no body, no message (messages
/// can echo what the request held).
impl fmt::Debug for Classification<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_facts("Classification", f)
    }
}

impl Classification<'_> {
    /// The `Debug` line, under the name of the type that shows it.
    pub(crate) fn fmt_facts(&self, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(name)
            .field("provider", &self.spec.id)
            .field("status", &self.status.as_u16())
            .field("code", &self.code())
            .field("variant", &self.entry.map(|entry| entry.variant))
            .field(
                "request_id",
                &self.request_id().map(|id| {
                    if self.spec.is_sensitive(crate::wire::Field::RequestId) {
                        crate::redact::MARKER
                    } else {
                        id
                    }
                }),
            )
            .finish_non_exhaustive()
    }
}

impl PartialEq for Classification<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.spec, other.spec)
            && self.status == other.status
            && self.entry.map(std::ptr::from_ref) == other.entry.map(std::ptr::from_ref)
            && self.sub_code == other.sub_code
            && self.errors == other.errors
            && self.request_id == other.request_id
            && self.retry_hint == other.retry_hint
            && self.retry == other.retry
            && self.extras == other.extras
            && self.kind == other.kind
            && self.actor == other.actor
            && self.body_error == other.body_error
            && self.raw_body == other.raw_body
    }
}
