//! The static model of a catalog: what `provider_errors!` turns each docs row into.
//!
//! Everything here is `'static` data built by the macro in `static` items, so a catalog costs
//! no start-up work and no allocation. The parser and the rules read only these types.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::index::CodeIndex;
use crate::wire::Wire;

/// An error code exactly as the provider documents it.
///
/// Numeric codes stay numbers (`1200`); string codes keep their spelling, typos included
/// (MDES really sends `INVALID_OUTH_CONSUMER_KEY`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    /// A numeric code, e.g. Plaid's `1200`.
    Int(i64),
    /// A string code, e.g. Basiq's `parameter-not-valid`.
    Str(&'static str),
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Code::Int(n) => write!(f, "{n}"),
            Code::Str(s) => f.write_str(s),
        }
    }
}

/// Declares a closed vocabulary enum with its snake_case spelling (used by the DSL, the JSON
/// output and serde) and a short human description, so the three never disagree.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $spelling:literal, )+ }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $( $(#[$vmeta])* $variant, )+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The snake_case spelling used in catalogs and in JSON output.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $spelling,)+ }
            }

            /// Reads the snake_case spelling back.
            pub fn from_name(name: &str) -> Option<Self> {
                match name { $($spelling => Some($name::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownName;

            /// Reads the snake_case spelling; the error lists the spellings there are.
            fn from_str(name: &str) -> Result<Self, UnknownName> {
                Self::from_name(name).ok_or_else(|| UnknownName {
                    what: stringify!($name),
                    name: name.to_owned(),
                    expected: Self::ALL.iter().map(|value| value.as_str()).collect(),
                })
            }
        }
    };
}

/// A name that is not one of a vocabulary's spellings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownName {
    what: &'static str,
    name: String,
    expected: Vec<&'static str>,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} `{}`; expected one of {}",
            self.what,
            self.name,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownName {}

vocabulary! {
    /// A small canonical taxonomy of what went wrong, in the spirit of `google.rpc.Code`.
    ///
    /// Provider codes are many and differently spelled; a kind is what code that handles
    /// errors generically (metrics, alerting, user messages) matches on.
    pub enum Kind {
        /// The request is malformed or a parameter is invalid: fix the request.
        InvalidRequest = "invalid_request",
        /// Credentials of the integrator are missing, invalid or expired.
        Unauthenticated = "unauthenticated",
        /// The caller is known but not allowed to do this.
        PermissionDenied = "permission_denied",
        /// The addressed resource does not exist.
        NotFound = "not_found",
        /// The request conflicts with the state of a resource (duplicate, in progress).
        Conflict = "conflict",
        /// Too many requests: slow down.
        RateLimited = "rate_limited",
        /// The end user must act: log in again, answer MFA, fix their account at the bank.
        UserActionRequired = "user_action_required",
        /// The provider or an institution behind it is down, slow or failing.
        ProviderUnavailable = "provider_unavailable",
        /// An unexpected failure inside the provider.
        Internal = "internal",
        /// The provider does not support this feature, institution or account.
        Unsupported = "unsupported",
    }
}

vocabulary! {
    /// Who has to act for the error to go away.
    pub enum Actor {
        /// Nobody: retrying (as the retry policy says) is the remedy.
        Nobody = "nobody",
        /// The end user: re-authenticate, answer MFA, unlock or set up their account.
        EndUser = "end_user",
        /// The integrator: fix the request, credentials or configuration.
        Integrator = "integrator",
        /// The provider or its support: report it, or wait for them.
        Provider = "provider",
    }
}

vocabulary! {
    /// A consistency rule that a catalog row may declare an exception to.
    pub enum Rule {
        /// 5xx (but 501/505) retryable; 429 retryable with a delay source or a backoff;
        /// other 4xx not retryable (but 408, 409, 423, 425); 2xx only where errors come in 2xx bodies.
        StatusRetry = "status_retry",
        /// The kind agrees with the status (unauthenticated with 401/403, not found with 404, ...).
        StatusKind = "status_kind",
    }
}

/// When and how to retry a request that failed with an entry.
///
/// Richer than a bool because a retry loop needs to know *how*: a new session is not the
/// same as resending the request, and a PSD2 daily limit is not solved by backing off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "policy", rename_all = "snake_case")]
pub enum RetryPolicy {
    /// Retrying the same request cannot succeed.
    Never,
    /// Resend the request as it is.
    Immediately,
    /// Start a new session (log in again) and retry within it.
    NewSession,
    /// Exponential back-off, at most `max_attempts` attempts.
    Backoff {
        /// Upper bound on attempts, the first included.
        max_attempts: u8,
    },
    /// Wait for the delay the provider sends (a `Retry-After` header or a body field), then
    /// retry; without a usable delay, back off. At most `max_attempts` attempts.
    AfterHint {
        /// Upper bound on attempts, the first included.
        max_attempts: u8,
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
}

impl fmt::Display for RetryPolicy {
    /// The DSL spelling, so docs and diagnostics show what a catalog author writes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            RetryPolicy::Never => f.write_str("never"),
            RetryPolicy::Immediately => f.write_str("immediately"),
            RetryPolicy::NewSession => f.write_str("new_session"),
            RetryPolicy::Backoff { max_attempts } => write!(f, "backoff({max_attempts})"),
            RetryPolicy::AfterHint { max_attempts } => write!(f, "after_hint({max_attempts})"),
            RetryPolicy::After { secs } => write!(f, "after({secs}s)"),
            RetryPolicy::NextDay => f.write_str("next_day"),
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

/// A sub-code nested under an entry, e.g. Aiia's `ProviderCallFailed` reasons in `details.reason`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SubCode {
    /// The sub-code as sent.
    pub code: &'static str,
    /// The name chosen in the catalog, stable public API.
    pub name: &'static str,
    /// The provider's description.
    pub message: &'static str,
    /// Overrides the entry's retry policy.
    pub retry: RetryPolicy,
    /// Overrides the entry's kind.
    pub kind: Kind,
    /// Overrides the entry's actor.
    pub actor: Actor,
    /// Declared exceptions to the consistency rules, checked with the entry's statuses.
    pub exceptions: &'static [Exception],
}

/// Where an entry comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A row of the provider's docs page.
    Docs,
    /// Added by the catalog on purpose although the docs page lacks it; drift checks skip it.
    Added {
        /// Where it is known from (wire notes, an older page, a recorded response).
        reason: &'static str,
    },
}

/// One error a provider documents: one row of its docs table.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// The code as the provider sends it.
    pub code: Code,
    /// `code` as text, the form responses are matched on (`1200`, `parameter-not-valid`).
    pub code_text: &'static str,
    /// Every HTTP status the docs give for it (`404 or 500` is two).
    pub statuses: &'static [u16],
    /// The enum variant's name: public API, stable when a message changes.
    pub variant: &'static str,
    /// The docs' short message or title.
    pub message: &'static str,
    /// The provider's own remediation text, if the docs give one.
    pub remediation: Option<&'static str>,
    /// The sections (tables) of the docs page that list it; the first is its home.
    pub groups: &'static [&'static str],
    /// A link to the provider's docs for this entry, if it has its own.
    pub docs: Option<&'static str>,
    /// A provider-defined category (e.g. Mastercard's remediation category), if the catalog declares one.
    pub category: Option<&'static str>,
    /// The normalized kind.
    pub kind: Kind,
    /// The retry policy.
    pub retry: RetryPolicy,
    /// Who must act.
    pub actor: Actor,
    /// Nested sub-codes, empty for most entries.
    pub sub_codes: &'static [SubCode],
    /// Declared exceptions to the consistency rules.
    pub exceptions: &'static [Exception],
    /// Docs row, or added on purpose.
    pub origin: Origin,
    /// The wire shape that carries it (index into [`Wire::shapes`]), for rendering.
    pub shape: u8,
}

impl Entry {
    /// Whether the docs give `status` for this entry.
    pub fn has_status(&self, status: u16) -> bool {
        self.statuses.contains(&status)
    }

    /// The sub-code with this spelling, if the entry declares it.
    pub fn sub_code(&self, code: &str) -> Option<&'static SubCode> {
        self.sub_codes.iter().find(|sub| sub.code == code)
    }

    /// The declared exception to `rule`, if any.
    pub fn exception(&self, rule: Rule) -> Option<&'static Exception> {
        self.exceptions
            .iter()
            .find(|exception| exception.rule == rule)
    }
}

/// What makes an entry unique within its provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyMode {
    /// The code alone.
    Code,
    /// `(status, code)`: the provider reuses a code under several statuses (Basiq's Connect API).
    StatusCode,
}

/// The rule profile a provider follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Profile {
    /// The provider sends errors in 2xx bodies (MDES API errors come with HTTP 200).
    pub errors_in_2xx: bool,
}

/// How a provider's docs page maps onto its catalog: which table columns hold what.
///
/// A table of the page is read as entries when its header row has every column named in
/// `entries`, and as sub-codes of an entry when it matches one of `sub_codes` instead; where
/// several mappings match, the one naming the most columns wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocsMap {
    /// The columns of the tables of entries.
    pub entries: DocsColumns,
    /// Tables of sub-codes: the variant of the entry they belong to, and their columns.
    pub sub_codes: &'static [(&'static str, DocsColumns)],
}

/// The header texts of the columns that hold each field, as the docs page spells them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct DocsColumns {
    /// The code column.
    pub code: &'static str,
    /// The status column (`404 or 500` reads as two statuses).
    pub status: Option<&'static str>,
    /// The message column.
    pub message: Option<&'static str>,
    /// The remediation column.
    pub remediation: Option<&'static str>,
    /// The category column.
    pub category: Option<&'static str>,
}

impl DocsColumns {
    /// Every mapped header text, the code's first.
    pub fn headers(&self) -> impl Iterator<Item = &'static str> + use<> {
        [
            Some(self.code),
            self.status,
            self.message,
            self.remediation,
            self.category,
        ]
        .into_iter()
        .flatten()
    }
}

/// A provider's whole catalog: identity, wire format, rules profile and entries.
#[derive(Debug)]
pub struct CatalogSpec {
    /// The provider id used everywhere (`plaid-legacy`).
    pub id: &'static str,
    /// A human name.
    pub name: &'static str,
    /// The docs page the table comes from.
    pub docs: &'static str,
    /// The name of the generated enum.
    pub type_name: &'static str,
    /// What makes an entry unique.
    pub key: KeyMode,
    /// The rule profile.
    pub profile: Profile,
    /// Where code, message and the rest live in responses.
    pub wire: Wire,
    /// Every entry, in the catalog's order; the generated enum's discriminants index it.
    pub entries: &'static [Entry],
    /// How the provider's docs page maps onto the catalog, for drift checks.
    pub docs_map: Option<DocsMap>,
    /// Lookup by code, built on first use.
    #[doc(hidden)]
    pub index: CodeIndex,
}

impl CatalogSpec {
    /// The indices of the entries with this code text (several where the key is `(status, code)`).
    #[inline]
    pub fn entries_with_code(&self, code: &str) -> &[u16] {
        self.index.get(self.entries, code)
    }

    /// The entry for a code and a status, following the key mode:
    /// by code alone, or by `(status, code)`.
    // Inlined, with the lookup under it: the work is a few dozen instructions, and a call
    // saves and restores as many registers.
    #[inline]
    pub fn find(&self, code: &str, status: u16) -> Option<usize> {
        let candidates = self.entries_with_code(code);
        match self.key {
            KeyMode::Code => candidates.first().map(|&i| usize::from(i)),
            KeyMode::StatusCode => candidates
                .iter()
                .map(|&i| usize::from(i))
                .find(|&i| self.entries[i].has_status(status)),
        }
    }

    /// The entry whose variant has this name.
    pub fn entry_by_variant(&self, variant: &str) -> Option<usize> {
        self.entries
            .iter()
            .position(|entry| entry.variant == variant)
    }
}
