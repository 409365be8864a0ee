//! A provider's whole catalog as data, for tools: the [`CatalogSpec`] the macro declares, its
//! entries, their wire format, and the canonical response of an entry ([`render`]). Code that
//! only classifies responses needs none of it: [`crate::Catalog`] and
//! [`crate::Classification`] are the API for that.

use catalog_vocab::{Coverage, KeyMode, Profile};

use crate::index::CodeIndex;
pub use crate::model::{
    Code, DocsMap, Entry, ExtraField, FieldErrorsSource, FieldSource, GroupPage, Origin, Shape,
    Source, SubCode, Wire,
};
pub use crate::render::render;

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
    /// Body pointers and headers that hold secrets, beside the names every catalog treats as
    /// such ([`crate::redact`]): their values are left out of every output.
    pub sensitive: &'static [Source],
    /// Body pointers and headers that look like secrets by their names but are not, and that
    /// redaction leaves as sent (`not_sensitive: { "/error/token_type" }`): where a value
    /// named like a credential decides the classification.
    pub not_sensitive: &'static [Source],
    /// The request header the provider reads an idempotency key from (`Idempotency-Key`),
    /// if it reads one: a request that carries it may be resent after any retryable error.
    pub idempotency_header: Option<&'static str>,
    /// The docs page of each group that names one (`group "Item errors" docs "https://..."`),
    /// in the catalog's order: the pages a provider splits its errors over, which `drift --url`
    /// fetches beside [`CatalogSpec::docs`].
    pub group_pages: &'static [GroupPage],
    /// How much of the catalog recordings, docs examples and `untested` reasons must account
    /// for (`coverage: { at_least: 80% }`); [`Coverage::STRICT`] unless the catalog says.
    pub coverage: Coverage,
    /// Lookup by code, built on first use.
    #[doc(hidden)]
    pub index: CodeIndex,
}

impl CatalogSpec {
    /// Whether a response with this status may carry one of the provider's errors: every 4xx
    /// and 5xx, and a 2xx where the provider sends errors in 2xx bodies (`errors_in_2xx`);
    /// [`Classification::is_error_response`](crate::Classification::is_error_response) then
    /// decides by the body.
    pub fn may_carry_error(&self, status: http::StatusCode) -> bool {
        status.is_client_error()
            || status.is_server_error()
            || (status.is_success() && self.profile.errors_in_2xx)
    }

    /// The entries with this code text: one, or several where the key is `(status, code)`.
    /// Rows without a code (`_`) are never among them (see
    /// [`CatalogSpec::find_without_code`]).
    pub fn entries_with_code(
        &'static self,
        code: &str,
    ) -> impl ExactSizeIterator<Item = &'static Entry> + use<> {
        let entries = self.entries;
        self.index
            .get(entries, code)
            .iter()
            .map(move |&i| &entries[usize::from(i)])
    }

    /// The entry for a code and a status, following the key mode: by code alone, or by
    /// `(status, code)`. For a catalog keyed by `(category, code)`, see
    /// [`CatalogSpec::find_in_category`]; here a code is found only where it is in one
    /// category.
    #[inline]
    pub fn find(&'static self, code: &str, status: u16) -> Option<&'static Entry> {
        self.find_in_category(code, status, None)
    }

    /// The entry for a code, a status and the category the body sent the code under,
    /// following the key mode. Without a category, a code that several categories share
    /// matches none of them: which one was meant is unknown.
    // Inlined, with the lookup under it: the work is a few dozen instructions, and a call
    // saves and restores as many registers.
    #[inline]
    pub fn find_in_category(
        &'static self,
        code: &str,
        status: u16,
        category: Option<&str>,
    ) -> Option<&'static Entry> {
        let candidates = self.index.get(self.entries, code);
        let position = match self.key {
            KeyMode::Code => candidates.first(),
            KeyMode::StatusCode => candidates
                .iter()
                .find(|&&i| self.entries[usize::from(i)].has_status(status)),
            KeyMode::CategoryCode => match category {
                Some(category) => candidates
                    .iter()
                    .find(|&&i| self.entries[usize::from(i)].category == Some(category)),
                None if candidates.len() == 1 => candidates.first(),
                None => None,
            },
        };
        position.map(|&i| &self.entries[usize::from(i)])
    }

    /// The row without a code (`_`) that an error sent without one falls to, given the
    /// response's status and the category the body sent, if any: the row of that category
    /// whose statuses include the status; without a category, the one row whose statuses
    /// include it (several such rows of different categories match none: which was meant is
    /// unknown). A body that sends a code the catalog lacks is unknown all the same: only an
    /// error without a code is looked up here.
    // Out of line: most errors have a code, and the lookup by code is inlined where this
    // would sit beside it.
    #[inline(never)]
    pub fn find_without_code(
        &'static self,
        status: u16,
        category: Option<&str>,
    ) -> Option<&'static Entry> {
        let entries = self.entries;
        let mut rows = self
            .index
            .without_code(entries)
            .iter()
            .map(|&i| &entries[usize::from(i)])
            .filter(|entry| entry.has_status(status));
        match (self.key, category) {
            (KeyMode::CategoryCode, Some(category)) => {
                rows.find(|entry| entry.category == Some(category))
            }
            (KeyMode::CategoryCode, None) => {
                let first = rows.next()?;
                rows.next().is_none().then_some(first)
            }
            (KeyMode::Code | KeyMode::StatusCode, _) => rows.next(),
        }
    }

    /// The entry whose variant has this name.
    pub fn entry_by_variant(&'static self, variant: &str) -> Option<&'static Entry> {
        self.entries.iter().find(|entry| entry.variant == variant)
    }

    /// Whether `field` is read from a source the catalog declares sensitive: its value is left
    /// out of every output.
    pub fn is_sensitive(&self, field: catalog_vocab::Field) -> bool {
        self.wire
            .shapes
            .iter()
            .flat_map(|shape| shape.fields)
            .any(|source| source.field == field && source.source.is_listed_in(self.sensitive))
    }

    /// The catalog's own name of a field of its wire format's `fields`, as the catalog
    /// spells it.
    pub fn field_name(&self, name: &str) -> Option<&'static str> {
        self.wire
            .shapes
            .iter()
            .flat_map(|shape| shape.extra_fields)
            .find(|extra| extra.name == name)
            .map(|extra| extra.name)
    }
}
