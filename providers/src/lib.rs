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

use catalog_core::spec::CatalogSpec;

pub mod aiia;
pub mod connect_api;
pub mod mastercard_au;
pub mod mdes;
pub mod plaid_legacy;

pub use aiia::{Aiia, AiiaError};
pub use connect_api::{ConnectApi, ConnectApiError};
pub use mastercard_au::{MastercardAu, MastercardAuError};
pub use mdes::{Mdes, MdesError};
pub use plaid_legacy::{PlaidLegacy, PlaidLegacyError};

/// Every seed catalog, in a stable order.
pub fn all() -> [&'static CatalogSpec; 5] {
    [
        PlaidLegacy::spec(),
        MastercardAu::spec(),
        ConnectApi::spec(),
        Aiia::spec(),
        Mdes::spec(),
    ]
}

/// The seed catalog with this provider id.
pub fn by_id(id: &str) -> Option<&'static CatalogSpec> {
    all().into_iter().find(|spec| spec.id == id)
}

/// The provider ids, for messages that list them.
pub fn ids() -> Vec<&'static str> {
    all().iter().map(|spec| spec.id).collect()
}
