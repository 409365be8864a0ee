//! The seed catalogs: one module per provider, each declared with `provider_errors!` from the
//! provider's docs page (see `fixtures/docs/` for the snapshots).
//!
//! ```
//! use catalog_core::Catalog;
//! use providers::PlaidLegacy;
//!
//! assert_eq!(PlaidLegacy::InvalidCredentials.entry().code_text, "1200");
//! assert_eq!(providers::by_id("plaid-legacy").map(|spec| spec.entries.len()), Some(60));
//! ```

#![forbid(unsafe_code)]

use catalog_core::{Catalog, CatalogSpec};

pub mod plaid_legacy;

pub use plaid_legacy::{PlaidLegacy, PlaidLegacyError};

/// Every seed catalog, in a stable order.
pub fn all() -> [&'static CatalogSpec; 1] {
    [PlaidLegacy::spec()]
}

/// The seed catalog with this provider id.
pub fn by_id(id: &str) -> Option<&'static CatalogSpec> {
    all().into_iter().find(|spec| spec.id == id)
}

/// The provider ids, for messages that list them.
pub fn ids() -> Vec<&'static str> {
    all().iter().map(|spec| spec.id).collect()
}
