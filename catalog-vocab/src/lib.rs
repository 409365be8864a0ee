#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
// docs.rs builds with every feature and marks what each item needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod coverage;
mod docs;
mod field;
mod id;
mod key;
pub mod limits;
pub mod pointer;
mod policy;
pub mod rules;
#[cfg(feature = "serde")]
mod serde_impls;
mod suggest;
mod words;

pub use coverage::Coverage;
pub use docs::DocsColumns;
pub use field::{Field, is_header_name};
pub use id::is_provider_id;
pub use key::{KeyCells, SharedKey};
pub use policy::{Exception, KeyMode, Profile, RetryPolicy, RuleSet};
pub use rules::{Problem, RowFacts, StatusFallback, Violation, fallback};
pub use suggest::suggest;
pub use words::{Actor, DocsField, Kind, Rule, UnknownName};

/// The pieces of this crate's serde impls that catalog-core's own impls reuse; not a public
/// API.
#[cfg(feature = "serde")]
#[doc(hidden)]
pub mod __serde {
    pub use crate::serde_impls::{
        FieldKey, PolicyFields, deserialize_unit_variant, serialize_policy_entries,
    };
}
