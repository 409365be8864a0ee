#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
// docs.rs builds with every feature and marks what each item needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

// serde's traits come from serde_core, without serde_derive; the name `serde` keeps every path.
extern crate serde_core as serde;

// Layers, bottom up: each module uses only the layers before it, with one exception: `trace`,
// whose events the classifier and the retry loop send, reads their types. Under them all, the
// vocabulary and the rules (`catalog_vocab`, re-exported below).

// The static model: entries and the wire description.
mod model;

// What a body said, and the readers of bodies and hints.
mod detail;

pub mod delay;

mod wire;

// The catalog: its lookups, and the spec that holds them.
mod index;

pub mod spec;

// What a catalog's body pointers find in a response, for tools: the classifier's walker,
// observed.
pub mod probe;

// Classification, what may be shown of it, and the events it sends.
pub mod redact;

mod classify;

// Views of a catalog: canonical responses, and the catalog as data.
mod render;

pub mod describe;

// The trait the generated enums implement, and the typed error.
mod catalog;

#[cfg(feature = "proptest")]
pub mod strategy;

// Retrying, on top of the typed error.
pub mod retry;

// The tracing events of classification and retries (the one module used from below).
#[cfg(feature = "tracing")]
mod trace;

// The client adapters, each behind the feature of its name, above everything else.
#[cfg(feature = "backon")]
pub mod backon;
#[cfg(feature = "reqwest")]
pub mod reqwest;
#[cfg(feature = "tower")]
pub mod tower;

#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod __fuzz;

pub use catalog::{Catalog, ProviderError};
pub use catalog_macros::provider_errors;
pub use catalog_vocab::{
    Actor, Coverage, DocsColumns, DocsField, Exception, Field, KeyCells, KeyMode, Kind, Profile,
    RetryPolicy, Rule, RuleSet, SharedKey, StatusFallback, UnknownName, fallback, is_provider_id,
    limits, pointer, rules, suggest,
};
pub use classify::{Classification, DelaySource, FlagSource, RetryAdvice, ServerRetryFlag};
pub use detail::{BodyError, BodyErrorKind, ErrorDetail, ErrorSource, FieldError};
pub use render::{RenderOptions, Rendered};
pub use wire::{MAX_ERRORS, ReadLimits};

/// Re-exports of the HTTP types in this crate's API, so users need no version match.
pub use http;

/// Everything a user of a catalog needs in scope.
pub mod prelude {
    pub use crate::{Actor, Catalog, Classification, Kind, ProviderError, RetryPolicy};
}

/// Paths the generated code uses; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::index::CodeIndex;
    pub use core;
    #[cfg(feature = "proptest")]
    pub use proptest;
    pub use serde_core as serde;

    /// Without the `proptest` feature, generated enums get no `Arbitrary` impl.
    #[cfg(not(feature = "proptest"))]
    #[doc(hidden)]
    #[macro_export]
    macro_rules! __impl_arbitrary {
        ($ty:ty) => {};
    }

    use crate::model::Entry;

    /// `Display` for a generated enum: the code and the docs message.
    pub fn fmt_entry(entry: &Entry, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            entry.variant, entry.code_text, entry.message
        )
    }

    /// Serializes a variant as its name.
    pub fn serialize_variant<S: serde::Serializer>(
        entry: &Entry,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(entry.variant)
    }

    /// Deserializes a variant from its name.
    pub fn deserialize_variant<'de, C: crate::Catalog, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<C, D::Error> {
        let name = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
        C::from_variant_name(&name).ok_or_else(|| {
            serde::de::Error::custom(format_args!("`{}` has no variant `{name}`", C::spec().id))
        })
    }
}
