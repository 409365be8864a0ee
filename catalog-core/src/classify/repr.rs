//! The serialized form of a classification: what `cargo xtask classify` prints, a contract
//! tools rely on, and what deserializes back into a `ProviderError`.
//!
//! It is redacted ([`crate::redact`]): texts lose credentials and card numbers, fields read
//! from a pointer or header the catalog declares `sensitive` are replaced, and so are the
//! body's secrets. [`Classification::unredacted`] gives the form with everything as sent, to
//! store and restore an error exactly.
//!
//! Its `Serialize` and `Deserialize` impls are written out in `serde_impls` (no derive in a
//! user's build): what each field does when missing or empty is said there.

mod serde_impls;

use std::borrow::Cow;

use catalog_vocab::{Actor, Kind};
use http::StatusCode;
use serde::Serialize;
use smallvec::SmallVec;

use super::{Classification, RetryAdvice};
use crate::detail::{BodyError, ErrorDetail, ErrorExtra, ErrorSource, Extras, FieldError};
use crate::model::Entry;
use crate::redact::{self, MARKER};
use crate::spec::CatalogSpec;
use crate::wire::Field;

/// The raw body as received; serialized as a string when it is UTF-8, as bytes otherwise.
#[derive(Clone, Debug, PartialEq, Eq)]
enum RawBodyRepr {
    Text(String),
    Bytes(Vec<u8>),
}

/// The serialized form: what `cargo xtask classify` prints, and what deserializes back.
pub(crate) struct ClassificationRepr {
    provider: String,
    status: u16,
    known: bool,
    code: Option<String>,
    sub_code: Option<String>,
    variant: Option<String>,
    sub_variant: Option<String>,
    message: Option<String>,
    /// The first error's fields of the catalog's own (read back from `errors`).
    fields: NamedFields,
    /// The first error's field errors (read back from `errors`).
    field_errors: Vec<FieldErrorRepr>,
    retryable: bool,
    retry_after_secs: Option<u64>,
    retry: RetryAdvice,
    retry_hint: Option<String>,
    server_flag_text: Option<String>,
    kind: Kind,
    actor: Actor,
    status_documented: bool,
    errors: Vec<ErrorRepr>,
    errors_omitted: usize,
    request_id: Option<String>,
    body_error: Option<String>,
    raw_body: RawBodyRepr,
}

fn is_zero(count: &usize) -> bool {
    *count == 0
}

/// A field error in the serialized form.
struct FieldErrorRepr {
    field: String,
    message: String,
}

/// The catalog's own fields, as a JSON object of name to value in the order read.
#[derive(Default)]
struct NamedFields(Vec<(String, String)>);

impl NamedFields {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[derive(Default)]
struct SourceRepr {
    pointer: Option<String>,
    parameter: Option<String>,
}

struct ErrorRepr {
    code: Option<String>,
    category: Option<String>,
    code_is_number: bool,
    variant: Option<String>,
    sub_code: Option<String>,
    message: Option<String>,
    title: Option<String>,
    detail: Option<String>,
    remediation: Option<String>,
    source: SourceRepr,
    server_retryable: Option<bool>,
    server_retryable_text: Option<String>,
    fields: NamedFields,
    field_errors: Vec<FieldErrorRepr>,
    field_errors_omitted: usize,
}

/// How texts are shown in the serialized form.
#[derive(Clone, Copy)]
enum Showing {
    Redacted,
    AsSent,
}

impl Classification<'_> {
    /// The serialized form with every text and the raw body as the provider sent them,
    /// secrets included: for storing an error and reading it back exactly, never for logs.
    pub fn unredacted(&self) -> impl Serialize + '_ {
        Unredacted(self)
    }

    fn to_repr(&self, showing: Showing) -> ClassificationRepr {
        let show = |value: Option<&str>, field: Field| -> Option<String> {
            let value = value?;
            Some(match showing {
                Showing::AsSent => value.to_owned(),
                // Fields read from a source the catalog declares sensitive: a marker.
                Showing::Redacted if self.spec.is_sensitive(field) => MARKER.to_owned(),
                Showing::Redacted => redact::text(value).into_owned(),
            })
        };
        let fields = |index: usize| -> Vec<(String, String)> {
            self.fields_of(index)
                .map(|(name, value)| {
                    let value = match showing {
                        Showing::AsSent => value.to_owned(),
                        Showing::Redacted if self.spec.is_sensitive_field(name) => {
                            MARKER.to_owned()
                        }
                        Showing::Redacted => redact::text(value).into_owned(),
                    };
                    (name.to_owned(), value)
                })
                .collect()
        };
        let field_errors = |index: usize| -> Vec<FieldErrorRepr> {
            let text = |text: &str| match showing {
                Showing::AsSent => text.to_owned(),
                Showing::Redacted => redact::text(text).into_owned(),
            };
            self.field_errors_of(index)
                .iter()
                .map(|error| FieldErrorRepr {
                    field: text(&error.field),
                    message: text(&error.message),
                })
                .collect()
        };
        ClassificationRepr {
            provider: self.spec.id.to_owned(),
            status: self.status.as_u16(),
            known: self.is_known(),
            code: self.code().map(str::to_owned),
            sub_code: self.sub_code().map(str::to_owned),
            variant: self.entry.map(|entry| entry.variant.to_owned()),
            sub_variant: self.sub_code.map(|sub| sub.name.to_owned()),
            message: show(self.message(), Field::Message),
            fields: NamedFields(fields(0)),
            field_errors: field_errors(0),
            retryable: self.is_retryable(),
            retry_after_secs: self.retry.delay.map(|delay| delay.as_secs()),
            retry: self.retry,
            retry_hint: show(self.retry_hint(), Field::RetryAfter),
            server_flag_text: show(self.server_flag_text(), Field::Retryable),
            kind: self.kind,
            actor: self.actor,
            status_documented: self.status_documented(),
            errors: self
                .errors
                .iter()
                .enumerate()
                .map(|(index, error)| {
                    let text = |value: &Option<Cow<'_, str>>, field| show(value.as_deref(), field);
                    ErrorRepr {
                        code: text(&error.code, Field::Code),
                        category: text(&error.category, Field::Category),
                        code_is_number: error.code_is_number,
                        variant: error.entry.map(|entry| entry.variant.to_owned()),
                        sub_code: text(&error.sub_code, Field::SubCode),
                        message: text(&error.message, Field::Message),
                        title: text(&error.title, Field::Title),
                        detail: text(&error.detail, Field::Detail),
                        remediation: text(&error.remediation, Field::Remediation),
                        source: SourceRepr {
                            pointer: text(&error.source.pointer, Field::SourcePointer),
                            parameter: text(&error.source.parameter, Field::SourceParameter),
                        },
                        server_retryable: error.server_retryable,
                        server_retryable_text: text(&error.server_retryable_text, Field::Retryable),
                        fields: NamedFields(fields(index)),
                        field_errors: field_errors(index),
                        field_errors_omitted: self.field_errors_omitted_of(index),
                    }
                })
                .collect(),
            errors_omitted: self.errors_omitted,
            request_id: show(self.request_id(), Field::RequestId),
            body_error: self.body_error.as_ref().map(ToString::to_string),
            raw_body: match showing {
                Showing::Redacted => RawBodyRepr::Text(
                    redact::body(&self.raw_body, self.spec.sensitive).into_owned(),
                ),
                Showing::AsSent => match std::str::from_utf8(&self.raw_body) {
                    Ok(text) => RawBodyRepr::Text(text.to_owned()),
                    Err(_) => RawBodyRepr::Bytes(self.raw_body.to_vec()),
                },
            },
        }
    }
}

/// [`Classification::unredacted`].
struct Unredacted<'c, 'a>(&'c Classification<'a>);

impl Serialize for Unredacted<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.to_repr(Showing::AsSent).serialize(serializer)
    }
}

impl Classification<'static> {
    pub(crate) fn from_repr(
        spec: &'static CatalogSpec,
        repr: ClassificationRepr,
    ) -> Result<Self, String> {
        if repr.provider != spec.id {
            return Err(format!(
                "this error was classified against `{}`, not `{}`",
                repr.provider, spec.id
            ));
        }
        let status = StatusCode::from_u16(repr.status)
            .map_err(|_| format!("`{}` is not an HTTP status", repr.status))?;
        let resolve = |variant: Option<&str>| -> Result<Option<&'static Entry>, String> {
            variant
                .map(|name| {
                    spec.entry_by_variant(name)
                        .ok_or_else(|| format!("`{}` has no variant `{name}`", spec.id))
                })
                .transpose()
        };
        let entry = resolve(repr.variant.as_deref())?;
        let sub_code = match (&repr.sub_variant, entry) {
            (Some(name), Some(entry)) => Some(
                entry
                    .sub_codes
                    .iter()
                    .find(|sub| sub.name == name)
                    .ok_or_else(|| format!("`{}` has no sub-code `{name}`", entry.variant))?,
            ),
            _ => None,
        };
        let mut extras = Extras {
            retry_flag: repr.server_flag_text.map(|text| (0, Cow::Owned(text))),
            errors: Vec::new(),
        };
        let errors = repr
            .errors
            .into_iter()
            .enumerate()
            .map(|(index, error)| {
                let mut detail = ErrorDetail::EMPTY;
                detail.entry = resolve(error.variant.as_deref())?;
                detail.code = error.code.map(Cow::Owned);
                detail.category = error.category.map(Cow::Owned);
                detail.code_is_number = error.code_is_number;
                detail.sub_code = error.sub_code.map(Cow::Owned);
                detail.message = error.message.map(Cow::Owned);
                detail.title = error.title.map(Cow::Owned);
                detail.detail = error.detail.map(Cow::Owned);
                detail.remediation = error.remediation.map(Cow::Owned);
                detail.source = ErrorSource {
                    pointer: error.source.pointer.map(Cow::Owned),
                    parameter: error.source.parameter.map(Cow::Owned),
                };
                detail.server_retryable = error.server_retryable;
                detail.server_retryable_text = error.server_retryable_text.map(Cow::Owned);
                let fields = error
                    .fields
                    .0
                    .into_iter()
                    .map(|(name, value)| {
                        let name = spec
                            .field_name(&name)
                            .ok_or_else(|| format!("`{}` declares no field `{name}`", spec.id))?;
                        Ok((name, Cow::Owned(value)))
                    })
                    .collect::<Result<Vec<_>, String>>()?;
                let extra = ErrorExtra {
                    fields: fields
                        .into_iter()
                        .map(|(name, value)| (name, 0, value))
                        .collect(),
                    field_errors: error
                        .field_errors
                        .into_iter()
                        .map(|error| FieldError::new(error.field, error.message))
                        .collect(),
                    field_errors_omitted: error.field_errors_omitted,
                    field_errors_raw: None,
                };
                if !extra.is_empty() {
                    extras.errors.push((index, extra));
                }
                Ok(detail)
            })
            .collect::<Result<SmallVec<_>, String>>()?;
        Ok(Classification {
            spec,
            status,
            entry,
            sub_code,
            errors,
            errors_omitted: repr.errors_omitted,
            request_id: repr.request_id.map(Cow::Owned),
            retry_hint: repr.retry_hint.map(Cow::Owned),
            retry: repr.retry,
            extras: Some(Box::new(extras)).filter(|extras| !extras.is_empty()),
            kind: repr.kind,
            actor: repr.actor,
            body_error: repr
                .body_error
                .map(|text| BodyError::from_description(&text)),
            raw_body: Cow::Owned(match repr.raw_body {
                RawBodyRepr::Text(text) => text.into_bytes(),
                RawBodyRepr::Bytes(bytes) => bytes,
            }),
        })
    }
}

/// The redacted form (see the module's docs).
impl Serialize for Classification<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_repr(Showing::Redacted).serialize(serializer)
    }
}
