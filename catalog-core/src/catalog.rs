//! The top layer: the trait every generated catalog enum implements, and the typed error
//! ([`ProviderError`]) that classification against it returns.

use std::fmt::{self, Debug};
use std::hash::Hash;
use std::marker::PhantomData;

use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};

use crate::classify::Classification;
use crate::classify::repr::ClassificationRepr;
use crate::model::Entry;
use crate::render::{self, RenderOptions, Rendered};
use crate::spec::CatalogSpec;

/// A provider's catalog, implemented by the enum that `provider_errors!` generates.
///
/// Each variant is one entry of the provider's docs table; the trait gives the table, lookups,
/// classification of responses and rendering of canonical ones. Everything is implemented here
/// once; the macro only supplies the static table and the variant ↔ position mapping.
pub trait Catalog: Copy + Eq + Hash + Debug + Send + Sync + 'static {
    /// Every variant, in table order.
    const ALL: &'static [Self];

    /// The provider's static catalog.
    fn spec() -> &'static CatalogSpec;

    /// The position of this variant's entry in [`CatalogSpec::entries`]: its discriminant.
    #[doc(hidden)]
    fn position(self) -> usize;

    /// This variant's row.
    fn entry(self) -> &'static Entry {
        &Self::spec().entries[self.position()]
    }

    /// The variant of an entry of this catalog; `None` for an entry of another catalog.
    fn from_entry(entry: &Entry) -> Option<Self> {
        position_in(Self::spec(), entry).and_then(|position| Self::ALL.get(position).copied())
    }

    /// The variant for a code as sent and the response status, following the provider's key
    /// (the code alone, or `(status, code)`).
    fn from_code(code: &str, status: u16) -> Option<Self> {
        Self::spec().find(code, status).and_then(Self::from_entry)
    }

    /// The variant for a code as sent, the response status and the type the code was sent
    /// under, for catalogs keyed by `(category, code)` (see [`CatalogSpec::find_in_category`]).
    fn from_code_in_category(code: &str, status: u16, category: Option<&str>) -> Option<Self> {
        Self::spec()
            .find_in_category(code, status, category)
            .and_then(Self::from_entry)
    }

    /// The variant with this name.
    fn from_variant_name(name: &str) -> Option<Self> {
        Self::spec()
            .entry_by_variant(name)
            .and_then(Self::from_entry)
    }

    /// Classifies a response.
    fn classify(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ProviderError<Self> {
        ProviderError::from_response(status, headers, body)
    }

    /// The provider error a response carries, if any: every 4xx and 5xx; a 2xx only where
    /// the provider sends errors in 2xx bodies (`errors_in_2xx`) and the body holds a code.
    /// This is where a client tells success from failure before [`Catalog::classify`].
    fn error_in(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Option<ProviderError<Self>> {
        if !Self::spec().may_carry_error(status) {
            return None;
        }
        let error = Self::classify(status, headers, body);
        error.classification().is_error_response().then_some(error)
    }

    /// A canonical response for this entry, as the provider would send it.
    fn render(self, options: &RenderOptions<'_>) -> Rendered {
        render::render(self.entry(), options)
    }
}

impl Classification<'_> {
    /// Whether the response is one of the provider's errors: every 4xx and 5xx, and a 2xx
    /// with a code where the provider sends errors in 2xx bodies (`errors_in_2xx`). The one
    /// rule that [`Catalog::error_in`] and `record` go by.
    pub fn is_error_response(&self) -> bool {
        let status = self.status();
        status.is_client_error()
            || status.is_server_error()
            || (self.spec().may_carry_error(status) && self.code().is_some())
    }

    /// The typed variant, when this was classified against `C`'s catalog and the code is known.
    pub fn variant<C: Catalog>(&self) -> Option<C> {
        if std::ptr::eq(self.spec(), C::spec()) {
            self.entry().and_then(C::from_entry)
        } else {
            None
        }
    }
}

/// A provider's error response, typed by its catalog `C`.
///
/// Derefs to [`Classification`] for everything but the typed variant. Its `Debug` is one
/// line of facts (provider, status, code, variant, request id), never the body.
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

    /// Like [`ProviderError::from_response`], reading within other limits than
    /// [`ReadLimits::DEFAULT`](crate::ReadLimits::DEFAULT).
    pub fn from_response_with_limits(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
        limits: &crate::ReadLimits,
    ) -> Self {
        Self::from_classification(
            Classification::with_limits(C::spec(), status, headers, body, limits).into_owned(),
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
        self.inner.entry().and_then(C::from_entry)
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
        self.inner.fmt_facts("ProviderError", f)
    }
}

impl<C> fmt::Display for ProviderError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.inner, f)
    }
}

impl<C> std::error::Error for ProviderError<C> {}

impl<C> PartialEq for ProviderError<C> {
    fn eq(&self, other: &Self) -> bool {
        self.inner == other.inner
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

/// The position of `entry` in `spec.entries`, which is the discriminant of its variant; `None`
/// for an entry of another catalog. An address comparison, not a search: entries are elements of
/// one static array, and classification asks this for every response.
fn position_in(spec: &CatalogSpec, entry: &Entry) -> Option<usize> {
    let size = std::mem::size_of::<Entry>();
    let start = spec.entries.as_ptr() as usize;
    let offset = (entry as *const Entry as usize).checked_sub(start)?;
    let position = offset / size;
    (offset % size == 0 && position < spec.entries.len()).then_some(position)
}
