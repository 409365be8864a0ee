//! The contract harness for `provider_errors!` catalogs.
//!
//! Add it as a dev-dependency to check your own catalogs the way this workspace checks its
//! seed catalogs:
//!
//! ```
//! use catalog_core::Catalog;
//!
//! let spec = providers::PlaidLegacy::spec();
//! let failures = contract_tests::rules::check_catalog(spec);
//! assert!(failures.is_empty(), "{}", contract_tests::rules::report(&failures));
//!
//! let recordings = fixtures::load(spec.id).expect("fixtures load");
//! let conformance = contract_tests::conformance::check(spec, &recordings);
//! assert!(conformance.passed(), "{conformance}");
//! ```
//!
//! Every failure is one line that names the provider, the entry, the rule and the fix.
//!
//! Docs pages (reading their tables, drift against a catalog, import) are `catalog-docs`'s job.

#![forbid(unsafe_code)]

pub mod conformance;
pub mod properties;
pub mod rules;
