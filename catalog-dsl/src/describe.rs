//! The catalog an invocation declares, as plain data: what the generated `CatalogSpec` holds,
//! read by the macro's own parser and checks, for tools that must know a catalog they cannot
//! compile (what `import` just printed, compared with a committed snapshot).

use catalog_vocab::{Actor, Field, KeyMode, Kind, RetryPolicy, Rule};

use crate::model::{self, Catalog, Source};

/// A catalog as its invocation declares it: the fields of the generated `CatalogSpec`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CatalogDescription {
    /// The provider id.
    pub id: String,
    /// The provider's human name.
    pub name: String,
    /// The name of the generated enum.
    pub type_name: String,
    /// The docs page.
    pub docs: String,
    /// What makes an entry unique.
    pub key: KeyMode,
    /// Whether the provider sends errors in 2xx bodies.
    pub errors_in_2xx: bool,
    /// The request header the provider reads an idempotency key from.
    pub idempotency_header: Option<String>,
    /// The share of entries and sub-codes the recordings must account for, in percent.
    pub coverage: u8,
    /// Body pointers and headers declared `sensitive`, written as sources are
    /// (`/card/number`, `header Authorization`).
    pub sensitive: Vec<String>,
    /// Sources declared `not_sensitive`.
    pub not_sensitive: Vec<String>,
    /// The docs page of each group that names one: `(group, url)`.
    pub group_pages: Vec<(String, String)>,
    /// The wire shapes, in the order they are tried.
    pub shapes: Vec<ShapeDescription>,
    /// The entries, in the order written.
    pub entries: Vec<EntryDescription>,
}

/// One wire shape.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ShapeDescription {
    /// Its name (`json` unless the catalog names it).
    pub name: String,
    /// Each field and where it is read, earlier alternatives first: `/error/code`,
    /// `header Retry-After`.
    pub fields: Vec<(Field, String)>,
    /// The catalog's own fields (`fields: { doc_url: "/error/doc_url" }`) and their pointers,
    /// in order.
    pub own_fields: Vec<(String, String)>,
    /// Where the field errors are, if the shape reads them.
    pub field_errors: Option<FieldErrorsDescription>,
}

/// `field_errors: "/errors" { field: "...", message: "..." }`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldErrorsDescription {
    /// The pointer to the problem-details map or the list.
    pub pointer: String,
    /// The member of a list element that names the field.
    pub field: String,
    /// The member of a list element that holds the message.
    pub message: String,
}

/// An error code as the provider sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeDescription {
    /// A numeric code.
    Int(i64),
    /// A string code.
    Str(String),
    /// No code (`_`): the row takes the errors sent without one.
    Absent,
}

/// One entry.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct EntryDescription {
    /// The code as sent.
    pub code: CodeDescription,
    /// The HTTP statuses, as written.
    pub statuses: Vec<u16>,
    /// The variant's name.
    pub variant: String,
    /// The retry policy.
    pub retry: RetryPolicy,
    /// The kind.
    pub kind: Kind,
    /// Who must act.
    pub actor: Actor,
    /// The category's spelling as sent, if any.
    pub category: Option<String>,
    /// The docs' message.
    pub message: String,
    /// The remediation text.
    pub remediation: Option<String>,
    /// The groups that list it, its home first.
    pub groups: Vec<String>,
    /// Its own docs link.
    pub docs_link: Option<String>,
    /// Why the catalog has it although the docs lack it.
    pub added: Option<String>,
    /// Why no response covers it.
    pub untested: Option<String>,
    /// The declared exceptions to the rules, with their reasons.
    pub exceptions: Vec<(Rule, String)>,
    /// The name of the wire shape its responses are rendered in.
    pub shape: String,
    /// Its sub-codes, in the order written.
    pub sub_codes: Vec<SubCodeDescription>,
}

/// One sub-code of an entry.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SubCodeDescription {
    /// The sub-code as sent.
    pub code: String,
    /// Its name in the catalog.
    pub variant: String,
    /// Its retry policy.
    pub retry: RetryPolicy,
    /// Its kind.
    pub kind: Kind,
    /// Who must act.
    pub actor: Actor,
    /// The provider's description.
    pub message: String,
    /// Why no response covers it.
    pub untested: Option<String>,
    /// The declared exceptions to the rules, with their reasons.
    pub exceptions: Vec<(Rule, String)>,
}

/// A source as the runtime prints one: a pointer, or `header Name`.
fn source_text(source: &Source) -> String {
    match source {
        Source::Body(segments) => catalog_vocab::pointer::join(segments),
        Source::Header(name) => format!("header {name}"),
    }
}

fn exceptions(list: &[model::Exception]) -> Vec<(Rule, String)> {
    list.iter()
        .map(|exception| (exception.rule, exception.reason.clone()))
        .collect()
}

/// The description of a checked catalog, as the expansion writes its spec.
pub(crate) fn describe(catalog: &Catalog) -> CatalogDescription {
    let shape_name = |entry: &model::Entry| {
        catalog
            .shapes
            .get(catalog.entry_shape(entry))
            .map_or_else(String::new, |shape| shape.name.clone())
    };
    let category = |entry: &model::Entry| catalog.category_spelling(entry);
    CatalogDescription {
        id: catalog.id.clone(),
        name: catalog.name.clone(),
        type_name: catalog.ident.to_string(),
        docs: catalog.docs_url.clone(),
        key: catalog.key,
        errors_in_2xx: catalog.errors_in_2xx,
        idempotency_header: catalog.idempotency_header.clone(),
        coverage: catalog.coverage.percent(),
        sensitive: catalog.sensitive.iter().map(source_text).collect(),
        not_sensitive: catalog.not_sensitive.iter().map(source_text).collect(),
        group_pages: catalog.group_pages.clone(),
        shapes: catalog
            .shapes
            .iter()
            .map(|shape| ShapeDescription {
                name: shape.name.clone(),
                fields: shape
                    .fields
                    .iter()
                    .map(|source| (source.field, source_text(&source.source)))
                    .collect(),
                own_fields: shape
                    .extras
                    .iter()
                    .map(|extra| {
                        (
                            extra.name.clone(),
                            catalog_vocab::pointer::join(&extra.path),
                        )
                    })
                    .collect(),
                field_errors: shape
                    .field_errors
                    .as_ref()
                    .map(|errors| FieldErrorsDescription {
                        pointer: catalog_vocab::pointer::join(&errors.path),
                        field: errors.field.clone(),
                        message: errors.message.clone(),
                    }),
            })
            .collect(),
        entries: catalog
            .entries
            .iter()
            .map(|entry| EntryDescription {
                code: match &entry.code {
                    model::Code::Int(n) => CodeDescription::Int(*n),
                    model::Code::Str(s) => CodeDescription::Str(s.clone()),
                    model::Code::Absent => CodeDescription::Absent,
                },
                statuses: entry.statuses.iter().map(|(status, _)| *status).collect(),
                variant: entry.variant.to_string(),
                retry: entry.retry.value,
                kind: entry.kind.value,
                actor: entry.actor,
                category: category(entry),
                message: entry.message.clone(),
                remediation: entry.remediation.clone(),
                groups: entry.groups.clone(),
                docs_link: entry.docs_link.clone(),
                added: entry.added.clone(),
                untested: entry.untested.as_ref().map(|u| u.reason.clone()),
                exceptions: exceptions(&entry.exceptions),
                shape: shape_name(entry),
                sub_codes: entry
                    .sub_codes
                    .iter()
                    .map(|sub| SubCodeDescription {
                        code: sub.code.clone(),
                        variant: sub.name.to_string(),
                        retry: sub.retry.value,
                        kind: sub.kind.value,
                        actor: sub.actor,
                        message: sub.message.clone(),
                        untested: sub.untested.as_ref().map(|u| u.reason.clone()),
                        exceptions: exceptions(&sub.exceptions),
                    })
                    .collect(),
            })
            .collect(),
    }
}
