//! The closed vocabularies a catalog row is written in.

use std::fmt;

/// Declares a closed vocabulary enum with its snake_case spelling (used by the DSL, the JSON
/// output and serde) and the Rust name of each variant (used by the macro to emit it), so no
/// table of spellings exists anywhere else. Its serde impls are written out here rather than
/// derived (see `serde_impls`).
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $spelling:literal, )+ }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $( $(#[$vmeta])* $variant, )+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The snake_case spelling used in catalogs and in JSON output.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $spelling,)+ }
            }

            /// The variant's name in Rust (`InvalidRequest`), for generated code.
            pub const fn rust_name(self) -> &'static str {
                match self { $($name::$variant => stringify!($variant),)+ }
            }

            /// Reads the snake_case spelling back.
            pub fn from_name(name: &str) -> Option<Self> {
                match name { $($spelling => Some($name::$variant),)+ _ => None }
            }

            /// Every spelling, in declaration order.
            pub fn spellings() -> impl Iterator<Item = &'static str> {
                Self::ALL.iter().map(|value| value.as_str())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// The snake_case spelling, as a unit variant (what `#[derive(Serialize)]` wrote).
        #[cfg(feature = "serde")]
        impl serde_core::Serialize for $name {
            fn serialize<S: serde_core::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_unit_variant(stringify!($name), *self as u32, self.as_str())
            }
        }

        /// The snake_case spelling (or the variant's index), as `#[derive(Deserialize)]` read it.
        #[cfg(feature = "serde")]
        impl<'de> serde_core::Deserialize<'de> for $name {
            fn deserialize<D: serde_core::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                const SPELLINGS: &[&str] = &[$($spelling),+];
                $crate::serde_impls::deserialize_unit_variant(deserializer, stringify!($name), SPELLINGS, $name::ALL)
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownName;

            /// Reads the snake_case spelling; the error lists the spellings there are and
            /// suggests the closest.
            fn from_str(name: &str) -> Result<Self, UnknownName> {
                Self::from_name(name).ok_or_else(|| UnknownName::new(
                    stringify!($name),
                    name,
                    Self::spellings(),
                ))
            }
        }
    };
}

pub(crate) use vocabulary;

/// A name that is not one of a vocabulary's spellings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownName {
    what: &'static str,
    name: String,
    expected: Vec<&'static str>,
    suggestion: Option<&'static str>,
}

impl UnknownName {
    /// `name`, which is none of `expected`, the spellings of a vocabulary called `what`.
    pub fn new(
        what: &'static str,
        name: &str,
        expected: impl IntoIterator<Item = &'static str>,
    ) -> Self {
        let expected: Vec<&'static str> = expected.into_iter().collect();
        UnknownName {
            what,
            name: name.to_owned(),
            suggestion: crate::suggest(name, expected.iter().copied()),
            expected,
        }
    }

    /// The closest spelling, when the name looks like a slip.
    pub fn suggestion(&self) -> Option<&'static str> {
        self.suggestion
    }

    /// Every spelling there is.
    pub fn expected(&self) -> &[&'static str] {
        &self.expected
    }
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} `{}`", self.what, self.name)?;
        if let Some(suggestion) = self.suggestion {
            write!(f, "; did you mean `{suggestion}`?")?;
        }
        write!(f, " (expected one of {})", self.expected.join(", "))
    }
}

impl std::error::Error for UnknownName {}

vocabulary! {
    /// A small canonical taxonomy of what went wrong, in the spirit of `google.rpc.Code`.
    ///
    /// Provider codes are many and differently spelled; a kind is what code that handles
    /// errors generically (metrics, alerting, user messages) matches on.
    #[non_exhaustive]
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
    #[non_exhaustive]
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

vocabulary! {
    /// A field of a docs page's error table that a catalog maps to a column (`docs_tables`),
    /// for drift checks and import.
    pub enum DocsField {
        /// The code column.
        Code = "code",
        /// The status column (`404 or 500` reads as two statuses).
        Status = "status",
        /// The message column.
        Message = "message",
        /// The remediation column.
        Remediation = "remediation",
        /// The category column.
        Category = "category",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_read_their_spellings() {
        assert_eq!("not_found".parse::<Kind>(), Ok(Kind::NotFound));
        assert_eq!("status_kind".parse::<Rule>(), Ok(Rule::StatusKind));
        assert_eq!(Kind::ProviderUnavailable.rust_name(), "ProviderUnavailable");
        let error = "teapot".parse::<Actor>().unwrap_err().to_string();
        assert_eq!(
            error,
            "unknown Actor `teapot` (expected one of nobody, end_user, integrator, provider)"
        );
        let error = "end_usr".parse::<Actor>().unwrap_err();
        assert_eq!(error.suggestion(), Some("end_user"));
    }

    #[test]
    fn spellings_are_snake_case_of_the_rust_names() {
        fn snake(name: &str) -> String {
            let mut out = String::new();
            for (i, c) in name.chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    out.push('_');
                }
                out.push(c.to_ascii_lowercase());
            }
            out
        }
        for kind in Kind::ALL {
            assert_eq!(kind.as_str(), snake(kind.rust_name()));
        }
        for actor in Actor::ALL {
            assert_eq!(actor.as_str(), snake(actor.rust_name()));
        }
        for rule in Rule::ALL {
            assert_eq!(rule.as_str(), snake(rule.rust_name()));
        }
    }
}
