//! The static model of a catalog: what `provider_errors!` turns each docs row into, and the
//! wire format it declares.
//!
//! Everything here is `'static` data built by the macro in `static` items, so a catalog costs
//! no start-up work and no allocation. This is the bottom layer of the crate: it uses only
//! the vocabulary (`catalog_vocab`), and the parser, the index and classification read it.

use std::fmt;

use catalog_vocab::limits::EACH;
use catalog_vocab::{Actor, DocsColumns, Exception, Field, Kind, RetryPolicy, Rule};

/// An error code exactly as the provider documents it.
///
/// Numeric codes stay numbers (`1200`); string codes keep their spelling, typos included
/// (MDES really sends `INVALID_OUTH_CONSUMER_KEY`). A row without a code (`_` in the code
/// cell) takes the errors a provider sends without one (Stripe's `api_error`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    /// A numeric code, e.g. Plaid's `1200`.
    Int(i64),
    /// A string code, e.g. Basiq's `parameter-not-valid`.
    Str(&'static str),
    /// No code: the row matches an error of the body that has none, by what is left of the
    /// key (its status, and its category where the catalog is keyed by `(category, code)`).
    /// A body whose code the catalog lacks is unknown all the same; only an error sent
    /// without a code falls to such a row.
    Absent,
}

impl Code {
    /// How a row without a code is written in the code cell, and shown in reports.
    pub const ABSENT_TEXT: &'static str = "_";

    /// Whether this is a code a response can send, not [`Code::Absent`].
    pub const fn is_present(self) -> bool {
        !matches!(self, Code::Absent)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Code::Int(n) => write!(f, "{n}"),
            Code::Str(s) => f.write_str(s),
            Code::Absent => f.write_str(Code::ABSENT_TEXT),
        }
    }
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
    /// Why no response covers it (`untested("...")`), if the row says; a sub-code of an
    /// entry that is untested is untested too.
    pub untested: Option<&'static str>,
}

/// Where an entry comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Origin {
    /// A row of the provider's docs page.
    Docs,
    /// Added by the catalog on purpose although the docs page lacks it; drift checks skip it.
    Added {
        /// Where it is known from (wire notes, an older page, a recorded response).
        reason: &'static str,
    },
}

impl Origin {
    /// Why the catalog has the entry although the docs lack it (`added("...")`); `None` for a
    /// docs row.
    pub const fn added_reason(self) -> Option<&'static str> {
        match self {
            Origin::Docs => None,
            Origin::Added { reason } => Some(reason),
        }
    }
}

/// One error a provider documents: one row of its docs table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The code as the provider sends it, or [`Code::Absent`] for a row without a code.
    pub code: Code,
    /// `code` as text, the form responses are matched on (`1200`, `parameter-not-valid`);
    /// `_` for a row without a code, which no code matches.
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
    /// Why no recorded response or docs example covers it (`untested("cannot be provoked
    /// in sandbox")`), if the row says: coverage counts it as accounted for.
    pub untested: Option<&'static str>,
    /// The wire shape that carries it, for rendering canonical responses.
    pub shape: &'static Shape,
}

impl Entry {
    /// Whether the row has a code, rather than `_`: a row without one takes the errors
    /// sent without a code.
    pub const fn has_code(&self) -> bool {
        self.code.is_present()
    }

    /// Whether the docs give `status` for this entry.
    pub fn has_status(&self, status: u16) -> bool {
        self.statuses.contains(&status)
    }

    /// The sub-code with this spelling, if the entry declares it.
    pub fn sub_code(&self, code: &str) -> Option<&'static SubCode> {
        self.sub_codes.iter().find(|sub| sub.code == code)
    }

    /// Why `sub` (one of this entry's sub-codes) has no response: its own `untested`
    /// reason, else the entry's.
    pub fn sub_code_untested(&self, sub: &SubCode) -> Option<&'static str> {
        sub.untested.or(self.untested)
    }

    /// The declared exception to `rule`, if any.
    pub fn exception(&self, rule: Rule) -> Option<&'static Exception> {
        self.exceptions
            .iter()
            .find(|exception| exception.rule == rule)
    }
}

/// A group of a catalog and the docs page it names: the page of a provider that splits its
/// errors over pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupPage {
    /// The group's name (`group "Item errors" ...`).
    pub group: &'static str,
    /// The page's address.
    pub url: &'static str,
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

/// A provider's wire format: one or more body shapes; the first whose code pointer finds a
/// code wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wire {
    /// The shapes, in order of preference.
    pub shapes: &'static [Shape],
}

/// One JSON body shape and the headers read with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    /// A name for diagnostics and for `group "..." wire "name"`.
    pub name: &'static str,
    /// Where each field is read from; for a field declared with alternatives, earlier sources
    /// win over later ones whatever the order of keys in the body.
    pub fields: &'static [FieldSource],
    /// The catalog's own fields of each error (`fields: { doc_url: "/error/doc_url" }`),
    /// read as text; alternatives of one name in order, as for [`Shape::fields`].
    pub extra_fields: &'static [ExtraField],
    /// Where each error's field errors are (`field_errors: "/errors"`), if the shape has any.
    pub field_errors: Option<FieldErrorsSource>,
}

/// A field of its own that a catalog reads from each error (`doc_url`, `request_log_url`):
/// its name, chosen in the catalog, and where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExtraField {
    /// The catalog's name for it.
    pub name: &'static str,
    /// The body pointer (the macro takes no header for it: it belongs to each error).
    pub source: Source,
}

/// Where an error's field errors are: a problem-details map of field to messages
/// (`{"amount": ["must be positive"]}`), or a list of objects with a field and a message
/// (`[{"field": "amount", "detail": "must be positive"}]`), whose member names are set here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldErrorsSource {
    /// The pointer to the map or the list, as segments; [`EACH`] marks the list of errors.
    pub path: &'static [&'static str],
    /// The member of a list element that names the field (`field` unless the catalog says).
    pub field: &'static str,
    /// The member of a list element that holds the message (`message` unless the catalog
    /// says).
    pub message: &'static str,
}

impl FieldErrorsSource {
    /// The member names of a list element, unless the catalog sets its own.
    pub const DEFAULT_FIELD: &'static str = "field";
    /// See [`FieldErrorsSource::DEFAULT_FIELD`].
    pub const DEFAULT_MESSAGE: &'static str = "message";
}

impl Shape {
    /// The pointer segments to the list of errors, when the shape has one.
    pub fn list(&self) -> Option<&'static [&'static str]> {
        self.fields.iter().find_map(|source| match source.source {
            Source::Body(path) => path
                .iter()
                .position(|segment| *segment == EACH)
                .map(|star| &path[..star]),
            Source::Header(_) => None,
        })
    }

    /// The first source declared for `field`.
    pub fn source_of(&self, field: Field) -> Option<&'static Source> {
        self.fields
            .iter()
            .find(|source| source.field == field)
            .map(|source| &source.source)
    }

    /// The first source declared for the catalog's own field `name`.
    pub fn extra_source(&self, name: &str) -> Option<&'static Source> {
        self.extra_fields
            .iter()
            .find(|extra| extra.name == name)
            .map(|extra| &extra.source)
    }
}

/// Where one field is read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSource {
    /// The field.
    pub field: Field,
    /// The pointer or header.
    pub source: Source,
}

/// A body pointer, as segments, or a header name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A JSON pointer split into unescaped segments; [`EACH`] marks the list of errors.
    Body(&'static [&'static str]),
    /// A response header, matched case-insensitively.
    Header(&'static str),
}

impl Source {
    /// Whether `declared` lists this source: the same pointer, or the same header name
    /// without case (a `sensitive` wire field is shown redacted).
    pub(crate) fn is_listed_in(&self, declared: &[Source]) -> bool {
        declared.iter().any(|candidate| match (candidate, self) {
            (Source::Body(a), Source::Body(b)) => a == b,
            (Source::Header(a), Source::Header(b)) => a.eq_ignore_ascii_case(b),
            _ => false,
        })
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Body(path) => f.write_str(&crate::pointer::join(path)),
            Source::Header(name) => write!(f, "header {name}"),
        }
    }
}
