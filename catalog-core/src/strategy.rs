//! Proptest strategies for any catalog (feature `proptest`).
//!
//! Generic over [`Catalog`], so every catalog gets them without generated code; the macro
//! only adds an `Arbitrary` impl that calls [`variant`]. The `contract-tests` harness builds its
//! round-trip properties on these.

use proptest::prelude::*;
use proptest::sample::select;

use crate::catalog::Catalog;

/// Any variant of `C`.
pub fn variant<C: Catalog>() -> impl Strategy<Value = C> {
    select(C::ALL)
}

/// Text as providers send it and worse: empty, ASCII, any unicode, quotes and backslashes,
/// control characters, and long strings.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 _.,:;-]{1,40}",
        any::<String>(),
        "[\"\\\\/\\n\\r\\t\\u{0}-\\u{1f}]{1,8}",
        "(\\PC|\"|\\\\){0,16}",
        "[a-z ]{500,2000}",
    ]
}

/// A request or correlation id: UUIDs, numbers, and anything else a header can carry.
pub fn request_id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        "[0-9]{1,12}",
        "[!-~]{1,64}",
    ]
}

/// A code that is not in `C`'s catalog.
pub fn unknown_code<C: Catalog>() -> impl Strategy<Value = String> {
    // No leading zeros: a numeric code is sent as a JSON number, which has none.
    prop_oneof!["[1-9][0-9]{0,6}", "[A-Za-z_-][A-Za-z0-9_-]{0,30}"]
        .prop_filter("the code must not be in the catalog", |code| {
            C::spec().entries_with_code(code).len() == 0
        })
        // A text code that reads as a number (`-0`, `-07`) is sent as one, and reads back as
        // that number's own spelling.
        .prop_filter("a numeric code must print as itself", |code| {
            code.parse::<i64>()
                .map_or(true, |number| number.to_string() == *code)
        })
}

/// The parts of a response a test varies around an entry.
#[derive(Clone, Debug)]
pub struct Case<C> {
    /// The entry.
    pub variant: C,
    /// Which of the entry's statuses to send.
    pub status: u16,
    /// The message.
    pub message: String,
    /// The title.
    pub title: Option<String>,
    /// The detail.
    pub detail: Option<String>,
    /// The remediation text.
    pub remediation: Option<String>,
    /// A sub-code: one the entry declares, or any other text.
    pub sub_code: Option<String>,
    /// `source.pointer`.
    pub source_pointer: Option<String>,
    /// `source.parameter`.
    pub source_parameter: Option<String>,
    /// The request id.
    pub request_id: Option<String>,
    /// Whether a numeric code is sent as text.
    pub code_as_text: bool,
    /// Values of the catalog's own fields its entry's shape declares (`fields: { ... }`).
    pub fields: Vec<(&'static str, String)>,
    /// Field errors, as (field, message), where its entry's shape declares `field_errors`.
    pub field_errors: Vec<(String, String)>,
}

/// A field name or a message of a field error: short enough to be kept whole
/// ([`crate::ReadLimits::max_field_error_bytes`]), and anything else [`text`] holds.
pub fn field_error_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 _.,:;-]{1,40}",
        "(\\PC|\"|\\\\){0,16}",
        "[\"\\\\/\\n\\r\\t\\u{0}-\\u{1f}]{1,8}",
    ]
}

/// A case for any entry of `C`, with arbitrary texts.
pub fn case<C: Catalog>() -> impl Strategy<Value = Case<C>> {
    variant::<C>().prop_flat_map(|variant| {
        let entry = variant.entry();
        let declared: Vec<String> = entry
            .sub_codes
            .iter()
            .map(|sub| sub.code.to_owned())
            .collect();
        let sub_code = if declared.is_empty() {
            prop::option::of(text()).boxed()
        } else {
            prop_oneof![
                3 => select(declared).prop_map(Some),
                1 => prop::option::of(text()),
            ]
            .boxed()
        };
        (
            select(entry.statuses),
            text(),
            prop::option::of(text()),
            prop::option::of(text()),
            prop::option::of(text()),
            sub_code,
            prop::option::of(text()),
            prop::option::of(text()),
            prop::option::of(request_id()),
            any::<bool>(),
            extra_fields(entry.shape),
            field_errors(entry.shape),
        )
            .prop_map(
                move |(
                    status,
                    message,
                    title,
                    detail,
                    remediation,
                    sub_code,
                    source_pointer,
                    source_parameter,
                    request_id,
                    code_as_text,
                    fields,
                    field_errors,
                )| Case {
                    variant,
                    status,
                    message,
                    title,
                    detail,
                    remediation,
                    sub_code,
                    source_pointer,
                    source_parameter,
                    request_id,
                    code_as_text,
                    fields,
                    field_errors,
                },
            )
    })
}

/// A value, or none, for each distinct name of the catalog's own fields `shape` declares.
fn extra_fields(shape: &'static crate::spec::Shape) -> BoxedStrategy<Vec<(&'static str, String)>> {
    let mut names: Vec<&'static str> = Vec::new();
    for extra in shape.extra_fields {
        if !names.contains(&extra.name) {
            names.push(extra.name);
        }
    }
    names
        .into_iter()
        .map(|name| {
            prop::option::of(text()).prop_map(move |value| value.map(|value| (name, value)))
        })
        .collect::<Vec<_>>()
        .prop_map(|values| values.into_iter().flatten().collect())
        .boxed()
}

/// Up to eight field errors, where `shape` declares `field_errors`.
fn field_errors(shape: &'static crate::spec::Shape) -> BoxedStrategy<Vec<(String, String)>> {
    if shape.field_errors.is_none() {
        return Just(Vec::new()).boxed();
    }
    prop::collection::vec((field_error_text(), field_error_text()), 0..8).boxed()
}

impl<C> Case<C> {
    /// The render options that send this case.
    pub fn options(&self) -> crate::RenderOptions<'_> {
        crate::RenderOptions {
            status: Some(self.status),
            shape: None,
            code_as_text: self.code_as_text,
            code: None,
            message: Some(&self.message),
            title: self.title.as_deref(),
            detail: self.detail.as_deref(),
            remediation: self.remediation.as_deref(),
            sub_code: self.sub_code.as_deref(),
            source_pointer: self.source_pointer.as_deref(),
            source_parameter: self.source_parameter.as_deref(),
            request_id: self.request_id.as_deref(),
            retry_after_secs: None,
            fields: self
                .fields
                .iter()
                .map(|(name, value)| (*name, value.as_str()))
                .collect(),
            field_errors: self
                .field_errors
                .iter()
                .map(|(field, message)| (field.as_str(), message.as_str()))
                .collect(),
        }
    }
}

/// Implements `proptest::arbitrary::Arbitrary` for a generated enum when this crate's
/// `proptest` feature is on, and nothing otherwise; `provider_errors!` calls it.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_arbitrary {
    ($ty:ty) => {
        impl $crate::__private::proptest::arbitrary::Arbitrary for $ty {
            type Parameters = ();
            type Strategy = $crate::__private::proptest::strategy::BoxedStrategy<Self>;

            fn arbitrary_with((): ()) -> Self::Strategy {
                $crate::__private::proptest::strategy::Strategy::boxed($crate::strategy::variant::<
                    Self,
                >())
            }
        }
    };
}
