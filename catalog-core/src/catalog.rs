//! The trait every generated catalog enum implements.

use std::fmt::Debug;
use std::hash::Hash;

use http::{HeaderMap, StatusCode};

use crate::classify::ProviderError;
use crate::model::{CatalogSpec, Entry};
use crate::render::{self, RenderOptions, Rendered};

/// A provider's catalog, implemented by the enum that `provider_errors!` generates.
///
/// Each variant is one entry of the provider's docs table; the trait gives the table, lookups,
/// classification of responses and rendering of canonical ones. Everything is implemented here
/// once; the macro only supplies the static table and the variant ↔ index mapping.
pub trait Catalog: Copy + Eq + Hash + Debug + Send + Sync + 'static {
    /// Every variant, in table order: `ALL[v.index()] == v`.
    const ALL: &'static [Self];

    /// The provider's static catalog.
    fn spec() -> &'static CatalogSpec;

    /// The position of this variant's entry in [`CatalogSpec::entries`].
    fn index(self) -> usize;

    /// The variant at a position of the table.
    fn from_index(index: usize) -> Option<Self> {
        Self::ALL.get(index).copied()
    }

    /// This variant's row.
    fn entry(self) -> &'static Entry {
        &Self::spec().entries[self.index()]
    }

    /// The variant for a code as sent and the response status, following the provider's key
    /// (the code alone, or `(status, code)`).
    fn from_code(code: &str, status: u16) -> Option<Self> {
        Self::spec().find(code, status).and_then(Self::from_index)
    }

    /// The variant with this name.
    fn from_variant_name(name: &str) -> Option<Self> {
        Self::spec()
            .entry_by_variant(name)
            .and_then(Self::from_index)
    }

    /// Classifies a response.
    fn classify(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ProviderError<Self> {
        ProviderError::from_response(status, headers, body)
    }

    /// A canonical response for this entry, as the provider would send it.
    fn render(self, options: &RenderOptions<'_>) -> Rendered {
        render::render(Self::spec(), self.index(), options)
    }
}
